namespace Augment

open System
open System.Globalization
open Augment.Native

/// <summary>
/// A 128-bit seed naming one random stream: a Philox4x32-10 key (two words) and two stream words
/// that fill the upper half of every counter. Seeds are plain values; deriving from them is pure.
/// </summary>
[<Struct; CustomEquality; NoComparison>]
type Seed =
    private
        { K0: uint32
          K1: uint32
          S0: uint32
          S1: uint32 }

    /// The four words (key 0, key 1, stream 0, stream 1).
    member s.Words = struct (s.K0, s.K1, s.S0, s.S1)

    /// 32 hexadecimal digits; <c>Seed.parse</c> reads them back.
    override s.ToString() = sprintf "%08x%08x%08x%08x" s.K0 s.K1 s.S0 s.S1

    override s.Equals(o: obj) =
        match o with
        | :? Seed as t -> s.K0 = t.K0 && s.K1 = t.K1 && s.S0 = t.S0 && s.S1 = t.S1
        | _ -> false

    override s.GetHashCode() = HashCode.Combine(s.K0, s.K1, s.S0, s.S1)

    interface IEquatable<Seed> with
        member s.Equals t = s.K0 = t.K0 && s.K1 = t.K1 && s.S0 = t.S0 && s.S1 = t.S1

/// Pure functions of seeds. Nothing here holds or mutates generator state.
[<RequireQualifiedAccess>]
module Seed =

    /// A seed from its four words.
    [<CompiledName("OfWords")>]
    let ofWords k0 k1 s0 s1 = { K0 = k0; K1 = k1; S0 = s0; S1 = s1 }

    /// The seed whose key is the 64 bits of <paramref name="n"/> (stream words zero).
    [<CompiledName("OfUInt64")>]
    let ofUInt64 (n: uint64) = ofWords (uint32 n) (uint32 (n >>> 32)) 0u 0u

    /// The seed whose key is the 64 bits of <paramref name="n"/> (stream words zero).
    [<CompiledName("OfInt64")>]
    let ofInt64 (n: int64) = ofUInt64 (uint64 n)

    /// The seed whose key is <paramref name="n"/>, sign-extended to 64 bits (stream words zero).
    [<CompiledName("OfInt")>]
    let ofInt (n: int) = ofInt64 (int64 n)

    /// <summary>Reads the 32 hexadecimal digits that <c>ToString</c> prints.</summary>
    /// <exception cref="System.ArgumentException">The text is not 32 hexadecimal digits.</exception>
    [<CompiledName("Parse")>]
    let parse (text: string) =
        let ok =
            not (isNull text) && text.Length = 32
            && text |> Seq.forall Uri.IsHexDigit
        if not ok then
            Throw.Argument("text", text, "32 hexadecimal digits, as Seed.ToString() prints")
        let word i = UInt32.Parse(text.AsSpan(8 * i, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        ofWords (word 0) (word 1) (word 2) (word 3)

    // Counter layout: (low word, high word, S0, S1). The top bit of the high word separates the two uses
    // of a seed: derivation (bit clear) and raw blocks (bit set), so they never share a counter.
    let private generate s (c0: uint32) (c1: uint32) = Philox4x32.Generate(s.K0, s.K1, Block4(c0, c1, s.S0, s.S1))

    /// <summary>Raw block <paramref name="j"/> of this seed's stream: four independent 32-bit words.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">j is negative or at least 2^31 * 2^32.</exception>
    [<CompiledName("Block")>]
    let block (s: Seed) (j: int64) =
        if j < 0L then Throw.ArgumentOutOfRange("j", j, "a block index >= 0")
        generate s (uint32 j) (0x8000_0000u ||| uint32 (j >>> 32))

    /// <summary>The child seed number <paramref name="i"/>: a Philox block of the parent, so children are
    /// independent of each other and of the parent's own draws.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">i is negative.</exception>
    [<CompiledName("Derive")>]
    let derive (s: Seed) (i: int64) =
        if i < 0L then Throw.ArgumentOutOfRange("i", i, "a child index >= 0")
        let b = generate s (uint32 i) (uint32 (i >>> 32) &&& 0x7FFF_FFFFu)
        ofWords b.X0 b.X1 b.X2 b.X3

    /// Two independent children: <c>derive s 0</c> and <c>derive s 1</c>.
    [<CompiledName("Split")>]
    let split (s: Seed) = derive s 0L, derive s 1L

    /// A double in [0, 1) from the first two words of block 0 (53 random bits).
    [<CompiledName("Uniform")>]
    let uniform (s: Seed) =
        let b = block s 0L
        Philox4x32.ToUnitDouble(b.X0, b.X1)

    /// A double in the open interval (0, 1) (53 random bits, centred in their cell), for inverse CDFs.
    [<CompiledName("OpenUniform")>]
    let openUniform (s: Seed) =
        let b = block s 0L
        (float ((uint64 (b.X0 >>> 5) <<< 26) + uint64 (b.X1 >>> 6)) + 0.5) / 9007199254740992.0

    /// <summary>n doubles in [0, 1): two per raw block.</summary>
    [<CompiledName("Uniforms")>]
    let uniforms (s: Seed) (n: int) =
        if n < 0 then Throw.ArgumentOutOfRange("n", n, "a count >= 0")
        Array.init n (fun k ->
            let b = block s (int64 (k / 2))
            if k % 2 = 0 then Philox4x32.ToUnitDouble(b.X0, b.X1) else Philox4x32.ToUnitDouble(b.X2, b.X3))

    /// <summary>Entry k of <c>uniforms s n</c> (for any n above k), without the array.</summary>
    let internal uniformAt (s: Seed) (k: int) =
        let b = block s (int64 (k / 2))
        if k % 2 = 0 then Philox4x32.ToUnitDouble(b.X0, b.X1) else Philox4x32.ToUnitDouble(b.X2, b.X3)

    /// <summary>An integer in [0, n), as <c>floor(uniform * n)</c>.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">n is not positive.</exception>
    [<CompiledName("IntBelow")>]
    let intBelow (s: Seed) (n: int) =
        if n <= 0 then Throw.ArgumentOutOfRange("n", n, "a positive bound")
        min (n - 1) (int (Math.Floor(uniform s * float n)))
