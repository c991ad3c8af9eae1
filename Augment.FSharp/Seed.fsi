namespace Augment
    
    /// <summary>
    /// A 128-bit seed naming one random stream: a Philox4x32-10 key (two words) and two stream words
    /// that fill the upper half of every counter. Seeds are plain values; deriving from them is pure.
    /// </summary>
    [<CustomEquality; NoComparison; Struct>]
    type Seed =
        private {
                  K0: uint32
                  K1: uint32
                  S0: uint32
                  S1: uint32
                }
        interface System.IEquatable<Seed>
        
        override Equals: o: obj -> bool
        
        override GetHashCode: unit -> int
        
        /// 32 hexadecimal digits; <c>Seed.parse</c> reads them back.
        override ToString: unit -> string
        
        /// The four words (key 0, key 1, stream 0, stream 1).
        member Words: struct (uint32 * uint32 * uint32 * uint32)
    
    /// Pure functions of seeds. Nothing here holds or mutates generator state.
    [<RequireQualifiedAccess>]
    module Seed =
        
        /// A seed from its four words.
        [<CompiledName ("OfWords")>]
        val ofWords:
          k0: uint32 -> k1: uint32 -> s0: uint32 -> s1: uint32 -> Seed
        
        /// The seed whose key is the 64 bits of <paramref name="n"/> (stream words zero).
        [<CompiledName ("OfUInt64")>]
        val ofUInt64: n: uint64 -> Seed
        
        /// The seed whose key is the 64 bits of <paramref name="n"/> (stream words zero).
        [<CompiledName ("OfInt64")>]
        val ofInt64: n: int64 -> Seed
        
        /// The seed whose key is <paramref name="n"/>, sign-extended to 64 bits (stream words zero).
        [<CompiledName ("OfInt")>]
        val ofInt: n: int -> Seed
        
        /// <summary>Reads the 32 hexadecimal digits that <c>ToString</c> prints.</summary>
        /// <exception cref="System.ArgumentException">The text is not 32 hexadecimal digits.</exception>
        [<CompiledName ("Parse")>]
        val parse: text: string -> Seed
        
        /// <summary>Raw block <paramref name="j"/> of this seed's stream: four independent 32-bit words.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException">j is negative or at least 2^31 * 2^32.</exception>
        [<CompiledName ("Block")>]
        val block: s: Seed -> j: int64 -> Native.Block4
        
        /// <summary>The child seed number <paramref name="i"/>: a Philox block of the parent, so children are
        /// independent of each other and of the parent's own draws.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException">i is negative.</exception>
        [<CompiledName ("Derive")>]
        val derive: s: Seed -> i: int64 -> Seed
        
        /// Two independent children: <c>derive s 0</c> and <c>derive s 1</c>.
        [<CompiledName ("Split")>]
        val split: s: Seed -> Seed * Seed
        
        /// A double in [0, 1) from the first two words of block 0 (53 random bits).
        [<CompiledName ("Uniform")>]
        val uniform: s: Seed -> float
        
        /// A double in the open interval (0, 1) (53 random bits, centred in their cell), for inverse CDFs.
        [<CompiledName ("OpenUniform")>]
        val openUniform: s: Seed -> float
        
        /// <summary>n doubles in [0, 1): two per raw block.</summary>
        [<CompiledName ("Uniforms")>]
        val uniforms: s: Seed -> n: int -> float array

        /// <summary>Entry k of <c>uniforms s n</c> (for any n above k), without the array.</summary>
        val internal uniformAt: s: Seed -> k: int -> float
        
        /// <summary>An integer in [0, n), as <c>floor(uniform * n)</c>.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException">n is not positive.</exception>
        [<CompiledName ("IntBelow")>]
        val intBelow: s: Seed -> n: int -> int
