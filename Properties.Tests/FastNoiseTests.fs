/// The batched noise paths: vector Philox4x32-10 against the scalar generator (Random123's known answers, random counters
/// and keys, the counter layout of Seed.block), and every noise kernel's batched paths against its scalar reference bit
/// for bit on edge and random sizes (Gaussian, multiplicative, salt and pepper, ISO noise, glass blur swaps).
module FastNoiseTests

open System
open Expecto
open Augment.Native
open Augment.Native.Kernels

let private randomFloats (seed: int) n =
    let rng = Random(seed)
    Array.init n (fun _ -> float32 (rng.NextDouble()))

let private scalarWords k0 k1 (c0: uint32[]) (c1: uint32[]) (c2: uint32[]) (c3: uint32[]) =
    [| for j in 0 .. c0.Length - 1 do
           let b = Philox4x32.Generate(k0, k1, Block4(c0.[j], c1.[j], c2.[j], c3.[j]))
           yield! [ b.X0; b.X1; b.X2; b.X3 ] |]

let private firstDiff (a: 'T[]) (b: 'T[]) =
    if a.Length <> b.Length then sprintf "lengths %d and %d" a.Length b.Length
    else
        match Seq.zip a b |> Seq.tryFindIndex (fun (x, y) -> x <> y) with
        | Some i -> sprintf "first difference at %d: %A vs %A" i a.[i] b.[i]
        | None -> "equal"

let private expectSame (actual: 'T[]) (expected: 'T[]) what =
    if actual <> expected then failtestf "%s: %s" what (firstDiff actual expected)

/// Lengths: every small length (so every vector remainder), odd lengths, and a few past one chunk of 256 blocks.
let private lengths = [ yield! [ 0 .. 70 ]; yield! [ 127; 513; 1023; 1537; 4099 ] ]

let private seeds = [ (0u, 0u, 0u, 0u); (0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u); (UInt32.MaxValue, 1u, 2u, UInt32.MaxValue) ]

let tests =
    testList "fast noise" [
        testList "vector Philox" [
            // Random123 (D. E. Shaw Research), tests/kat_vectors, the three "philox4x32 10" lines: counter, key -> output.
            // Cycled over 37 blocks so every lane of every width and the scalar tail see each of them.
            let kat =
                [| (0u, 0u, 0u, 0u), (0u, 0u), (0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)
                   (UInt32.MaxValue, UInt32.MaxValue, UInt32.MaxValue, UInt32.MaxValue), (UInt32.MaxValue, UInt32.MaxValue),
                   (0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)
                   (0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u), (0xa4093822u, 0x299f31d0u),
                   (0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u) |]
            for path in SimdPath.Scalar :: Generators.vectorPathsAuto do
                for ((c0, c1, c2, c3), (k0, k1), (e0, e1, e2, e3)) in kat do
                    test (sprintf "Random123 known answer, key %08x, %A" k0 path) {
                        let n = 37
                        let words = Array.zeroCreate<uint32> (4 * n)
                        PhiloxBatch.Generate(k0, k1, ReadOnlySpan(Array.create n c0), ReadOnlySpan(Array.create n c1),
                                             ReadOnlySpan(Array.create n c2), ReadOnlySpan(Array.create n c3), Span words, path)
                        for j in 0 .. n - 1 do
                            Expect.equal (words.[4 * j], words.[4 * j + 1], words.[4 * j + 2], words.[4 * j + 3]) (e0, e1, e2, e3)
                                (sprintf "block %d" j)
                    }
            for path in Generators.vectorPathsAuto do
                test (sprintf "random counters and keys, %A" path) {
                    let rng = Random(11)
                    let word () = uint32 (rng.NextInt64(0L, 1L <<< 32))
                    for n in lengths do
                        let k0, k1 = word (), word ()
                        let c = Array.init 4 (fun _ -> Array.init n (fun _ -> word ()))
                        let words = Array.zeroCreate<uint32> (4 * n)
                        PhiloxBatch.Generate(k0, k1, ReadOnlySpan c.[0], ReadOnlySpan c.[1], ReadOnlySpan c.[2], ReadOnlySpan c.[3], Span words, path)
                        expectSame words (scalarWords k0 k1 c.[0] c.[1] c.[2] c.[3]) (sprintf "%d blocks" n)
                }
                test (sprintf "raw blocks by index as Seed.block, %A" path) {
                    // (first, step, count): from 0; crossing 2^32 (the counter's high word changes inside a vector); a
                    // negative step; a stride as the glass blur's k * iterations + i.
                    for (first, step, n) in
                        [ 0L, 1L, 70; (1L <<< 32) - 5L, 1L, 40; (1L <<< 33) + 3L, -7L, 53; 1L, 3L, 300; (1L <<< 40) - 100L, 9L, 33 ] do
                        for (k0, k1, s0, s1) in seeds do
                            let words = Array.zeroCreate<uint32> (4 * n)
                            PhiloxBatch.Blocks(k0, k1, s0, s1, first, step, Span words, path)
                            let expected =
                                [| for i in 0 .. n - 1 do
                                       let b = Augment.Seed.block (Augment.Seed.ofWords k0 k1 s0 s1) (first + int64 i * step)
                                       yield! [ b.X0; b.X1; b.X2; b.X3 ] |]
                            expectSame words expected (sprintf "first %d step %d" first step)
                }
            test "bad arguments name the parameter" {
                let paramOf f =
                    try f (); "no exception" with :? ArgumentException as e -> e.ParamName
                Expect.equal (paramOf (fun () -> PhiloxBatch.Blocks(0u, 0u, 0u, 0u, -1L, 1L, Span(Array.zeroCreate<uint32> 4)))) "first" "negative first block"
                Expect.equal (paramOf (fun () -> PhiloxBatch.Blocks(0u, 0u, 0u, 0u, 0L, 1L, Span(Array.zeroCreate<uint32> 5)))) "words" "5 words"
                Expect.equal (paramOf (fun () -> PhiloxBatch.Blocks(0u, 0u, 0u, 0u, 3L, -2L, Span(Array.zeroCreate<uint32> 12)))) "step" "below block 0"
            }
        ]

        testList "noise kernels against the scalar reference" [
            for path in Generators.vectorPathsAuto do
                test (sprintf "Gaussian bytes and floats, %A" path) {
                    for n in lengths do
                        for (k0, k1, s0, s1) in seeds do
                            for sd in [ 0.0; 3.5; 20.4; 300.0 ] do
                                let src = Generators.seededBytes n n
                                let a, b = Array.zeroCreate<byte> n, Array.zeroCreate<byte> n
                                NoiseKernels.AddGaussian(ReadOnlySpan src, Span a, sd, k0, k1, s0, s1, path)
                                NoiseKernels.AddGaussian(ReadOnlySpan src, Span b, sd, k0, k1, s0, s1, SimdPath.Scalar)
                                expectSame a b (sprintf "bytes, %d samples, sd %g" n sd)
                                let srcF = randomFloats n n
                                let fa, fb = Array.zeroCreate<float32> n, Array.zeroCreate<float32> n
                                NoiseKernels.AddGaussian(ReadOnlySpan srcF, Span fa, sd / 255.0, ValueRange.Unit, k0, k1, s0, s1, path)
                                NoiseKernels.AddGaussian(ReadOnlySpan srcF, Span fb, sd / 255.0, ValueRange.Unit, k0, k1, s0, s1, SimdPath.Scalar)
                                expectSame fa fb (sprintf "floats, %d samples, sd %g" n sd)
                }
                test (sprintf "multiplicative bytes and floats, %A" path) {
                    for c in [ 1; 3; 4 ] do
                        for pixels in lengths do
                            let n = pixels * c
                            for perChannel in [ true; false ] do
                                for (low, high) in [ 0.7, 1.3; 0.0, 0.0; 0.0, 3.0; 1.0, 1.0 ] do
                                    let (k0, k1, s0, s1) = seeds.[(pixels + c) % seeds.Length]
                                    let src = Generators.seededBytes (n + 1) n
                                    let a, b = Array.zeroCreate<byte> n, Array.zeroCreate<byte> n
                                    NoiseKernels.MultiplyUniform(ReadOnlySpan src, Span a, c, low, high, perChannel, k0, k1, s0, s1, path)
                                    NoiseKernels.MultiplyUniform(ReadOnlySpan src, Span b, c, low, high, perChannel, k0, k1, s0, s1, SimdPath.Scalar)
                                    expectSame a b (sprintf "bytes, %d channels, %d pixels, per channel %b, [%g, %g]" c pixels perChannel low high)
                                    let srcF = randomFloats (n + 2) n
                                    let fa, fb = Array.zeroCreate<float32> n, Array.zeroCreate<float32> n
                                    NoiseKernels.MultiplyUniform(ReadOnlySpan srcF, Span fa, c, low, high, perChannel, ValueRange.Unit, k0, k1, s0, s1, path)
                                    NoiseKernels.MultiplyUniform(ReadOnlySpan srcF, Span fb, c, low, high, perChannel, ValueRange.Unit, k0, k1, s0, s1, SimdPath.Scalar)
                                    expectSame fa fb (sprintf "floats, %d channels, %d pixels, per channel %b" c pixels perChannel)
                }
                test (sprintf "multiplicative one factor per sample, fused float32 lanes, %A" path) {
                    // The fused kernels (NoiseKernels.Multiply.cs) take 16 or 32 samples a step in float32 with a double
                    // fall-back near a rounding boundary. Lengths: every remainder, one step either side, a 224 x 224 RGB
                    // image. Factors: the bench's range; exact ties (src * 0.5, * 1.5, * 2.5 at odd src: every odd sample
                    // falls back); the largest factor the float lanes take (64) and one past it (the double path); tiny
                    // and subnormal factors; a factor range of one float32 ulp around 1.
                    let sizes = [ yield! [ 1 .. 70 ]; 95; 96; 97; 4099; 224 * 224 * 3 ]
                    let ranges =
                        [ 0.7, 1.3; 0.5, 0.5; 1.5, 1.5; 2.5, 2.5; 0.0, 64.0; 63.5, 64.0; 0.0, 64.5; 1e-40, 1e-40; 0.0, 1e-300
                          0.99999994, 1.0000001; 0.0, 0.0; 1.0, 1.0; 0.0, 1.0 ]
                    let fallbacks0 = NoiseKernels.MultiplyFallbacks
                    for n in sizes do
                        for (low, high) in ranges do
                            if n < 5000 || low = 0.7 || low = 0.5 || high = 64.0 then
                                let (k0, k1, s0, s1) = seeds.[n % seeds.Length]
                                let c = if n % 3 = 0 then 3 else 1
                                let src = Generators.seededBytes (n + 7) n
                                let a, b = Array.zeroCreate<byte> n, Array.zeroCreate<byte> n
                                NoiseKernels.MultiplyUniform(ReadOnlySpan src, Span a, c, low, high, true, k0, k1, s0, s1, path)
                                NoiseKernels.MultiplyUniform(ReadOnlySpan src, Span b, c, low, high, true, k0, k1, s0, s1, SimdPath.Scalar)
                                expectSame a b (sprintf "%d samples, %d channels, [%g, %g]" n c low high)
                    // Where the fused lanes run (AVX2 or AVX-512), the ties must have gone through the fall-back.
                    let fused = Runtime.Intrinsics.X86.Avx2.IsSupported && (path = SimdPath.Vector256 || path = SimdPath.Vector512 || (path = SimdPath.Auto && Runtime.Intrinsics.Vector256.IsHardwareAccelerated))
                    if fused then Expect.isGreaterThan (NoiseKernels.MultiplyFallbacks - fallbacks0) 1000L "fall-backs taken on the fused path"
                }
                test (sprintf "salt and pepper bytes and floats, %A" path) {
                    for c in [ 1; 3; 4 ] do
                        for pixels in lengths do
                            let n = pixels * c
                            // 0.5 and 0.25 are exact multiples of 2^-53, where "<" and "<=" differ; 1e-300 rounds up.
                            for (amount, ratio) in [ 0.05, 0.5; 0.0, 0.5; 1.0, 0.0; 1.0, 1.0; 0.5, 0.25; 0.3, 1e-300 ] do
                                let (k0, k1, s0, s1) = seeds.[(pixels + c) % seeds.Length]
                                let src = Generators.seededBytes (n + 3) n
                                let a, b = Array.zeroCreate<byte> n, Array.zeroCreate<byte> n
                                NoiseKernels.SaltAndPepper(ReadOnlySpan src, Span a, c, amount, ratio, 255uy, 0uy, k0, k1, s0, s1, path)
                                NoiseKernels.SaltAndPepper(ReadOnlySpan src, Span b, c, amount, ratio, 255uy, 0uy, k0, k1, s0, s1, SimdPath.Scalar)
                                expectSame a b (sprintf "bytes, %d channels, %d pixels, amount %g ratio %g" c pixels amount ratio)
                                let srcF = randomFloats (n + 4) n
                                let fa, fb = Array.zeroCreate<float32> n, Array.zeroCreate<float32> n
                                NoiseKernels.SaltAndPepper(ReadOnlySpan srcF, Span fa, c, amount, ratio, 1f, -1f, k0, k1, s0, s1, path)
                                NoiseKernels.SaltAndPepper(ReadOnlySpan srcF, Span fb, c, amount, ratio, 1f, -1f, k0, k1, s0, s1, SimdPath.Scalar)
                                expectSame fa fb (sprintf "floats, %d channels, %d pixels" c pixels)
                }
                test (sprintf "salt and pepper at the exact uniform, %A" path) {
                    // The fast path compares 53-bit integers against ceil(p * 2^53); with p the pixel's own uniform u
                    // (from the scalar generator) the pixel is not noisy (u < u is false), with the next double above u it is.
                    let k0, k1, s0, s1 = 9u, 8u, 7u, 6u
                    for p in 0 .. 40 do
                        let b = Philox4x32.Generate(k0, k1, Block4(uint32 p, 0x8000_0000u, s0, s1))
                        let u, v = Philox4x32.ToUnitDouble(b.X0, b.X1), Philox4x32.ToUnitDouble(b.X2, b.X3)
                        for amount, ratio in [ u, v; Math.BitIncrement u, v; Math.BitIncrement u, Math.BitIncrement v; Math.BitDecrement u, v ] do
                            let src = Array.create ((p + 1) * 3) 100uy
                            let a, r = Array.zeroCreate<byte> src.Length, Array.zeroCreate<byte> src.Length
                            NoiseKernels.SaltAndPepper(ReadOnlySpan src, Span a, 3, amount, ratio, 255uy, 0uy, k0, k1, s0, s1, path)
                            NoiseKernels.SaltAndPepper(ReadOnlySpan src, Span r, 3, amount, ratio, 255uy, 0uy, k0, k1, s0, s1, SimdPath.Scalar)
                            expectSame a r (sprintf "pixel %d, amount %.17g, ratio %.17g" p amount ratio)
                }
                test (sprintf "in place equals out of place, %A" path) {
                    let src = Generators.seededBytes 5 (3 * 301)
                    let a = Array.copy src
                    let b = Array.zeroCreate<byte> src.Length
                    NoiseKernels.SaltAndPepper(ReadOnlySpan a, Span a, 3, 0.2, 0.5, 255uy, 0uy, 1u, 2u, 3u, 4u, path)
                    NoiseKernels.SaltAndPepper(ReadOnlySpan src, Span b, 3, 0.2, 0.5, 255uy, 0uy, 1u, 2u, 3u, 4u, SimdPath.Scalar)
                    expectSame a b "salt and pepper in place"
                }
        ]

        testList "ISO noise and glass swaps against the scalar reference" [
            /// Images whose lightness spread gives lambda from 0 (constant) to its largest (half black, half white).
            let isoImages w h c =
                [ "random", Generators.seededBytes (w * 7 + h) (w * h * c)
                  "constant", Array.create (w * h * c) 77uy
                  "half black, half white", Array.init (w * h * c) (fun i -> if (i / c) % 2 = 0 then 0uy else 255uy)
                  "gray ramp", Array.init (w * h * c) (fun i -> byte ((i / c) % 256))
                  // Every (r, g, b) over 8 levels at the hue-sector and lightness edges (ties between channels, grey,
                  // l just under and over 0.5), cycling with the pixel index; alpha 200.
                  "colour cube", Array.init (w * h * c) (fun i ->
                      let levels = [| 0uy; 1uy; 85uy; 127uy; 128uy; 170uy; 254uy; 255uy |]
                      let p, ch = i / c, i % c
                      if ch = 3 then 200uy else levels.[((p * 5 + 3) >>> (3 * ch)) &&& 7]) ]
            for path in Generators.vectorPathsAuto do
                test (sprintf "ISO noise, %A" path) {
                    // 224 x 51: many chunks of 256 pixels, the last one partial (the lightness sums carried across
                    // chunks, the 8-pixel RGB split and merge steps at every chunk offset).
                    let shapes = [ for w in 1 .. 70 -> w, 1 ] @ [ 1, 9; 3, 5; 17, 13; 64, 64; 201, 7; 224, 51 ]
                    for (w, h) in shapes do
                        for c in [ 3; 4 ] do
                            for name, src in isoImages w h c do
                                for (shift, intensity) in [ 0.05, 0.5; 0.0, 1.0; 1.0, 0.0; 1.0, 1.0; 0.01, 0.1 ] do
                                    let (k0, k1, s0, s1) = seeds.[(w + h + c) % seeds.Length]
                                    let a, b = Array.zeroCreate<byte> src.Length, Array.zeroCreate<byte> src.Length
                                    IsoNoiseKernels.IsoNoise(ReadOnlySpan src, Span a, c, shift, intensity, k0, k1, s0, s1, path)
                                    IsoNoiseKernels.IsoNoise(ReadOnlySpan src, Span b, c, shift, intensity, k0, k1, s0, s1, SimdPath.Scalar)
                                    expectSame a b (sprintf "%s %dx%dx%d, shift %g intensity %g" name w h c shift intensity)
                }
                test (sprintf "glass swaps, bytes and floats, %A" path) {
                    let rng = Random(5)
                    let shapes = [ for w in 1 .. 70 -> w, 3 + w % 5 ] @ [ 1, 40; 9, 9; 33, 17; 64, 48; 130, 21 ]
                    for (w, h) in shapes do
                        for c in [ 1; 3; 4 ] do
                            for d in [ 1; 2; 4 ] do
                                let iterations = 1 + rng.Next 3
                                let (k0, k1, s0, s1) = seeds.[(w * h + d) % seeds.Length]
                                let src = Generators.seededBytes (w + 100 * h) (w * h * c)
                                let a, b = Array.copy src, Array.copy src
                                GlassKernels.Swap(Span a, w, h, c, d, iterations, k0, k1, s0, s1, path)
                                GlassKernels.Swap(Span b, w, h, c, d, iterations, k0, k1, s0, s1, SimdPath.Scalar)
                                expectSame a b (sprintf "bytes %dx%dx%d, d %d, %d iterations" w h c d iterations)
                                let srcF = randomFloats (w + 100 * h) (w * h * c)
                                let fa, fb = Array.copy srcF, Array.copy srcF
                                GlassKernels.Swap(Span fa, w, h, c, d, iterations, k0, k1, s0, s1, path)
                                GlassKernels.Swap(Span fb, w, h, c, d, iterations, k0, k1, s0, s1, SimdPath.Scalar)
                                expectSame fa fb (sprintf "floats %dx%dx%d, d %d, %d iterations" w h c d iterations)
                }
        ]

        testList "vector Box–Muller against the scalar normals" [
            /// Random words, then words at the edges: u1 = 2^-53 (the largest r), u1 = 1 (r = 0), and u2 at and next to
            /// the multiples of 1/8 (the quadrant and octant boundaries of the sine and cosine reduction).
            let words seed blocks =
                let rng = Random(seed)
                let w = Array.init (4 * blocks) (fun _ -> uint32 (rng.NextInt64(0L, 1L <<< 32)))
                let edges =
                    [| for x01 in [ 0u, 0u; UInt32.MaxValue, UInt32.MaxValue; 0u, 64u ] do
                           for k in 0u .. 8u do
                               for d in [ 0u; 1u; UInt32.MaxValue ] do
                                   let x2 = (k <<< 29) + (if d = UInt32.MaxValue then UInt32.MaxValue else d <<< 0)
                                   yield (fst x01, snd x01, x2, (if d = 1u then 64u else 0u)) |]
                edges |> Array.iteri (fun j (a, b, c, d) ->
                    if 4 * j + 3 < w.Length then
                        w.[4 * j] <- a; w.[4 * j + 1] <- b; w.[4 * j + 2] <- c; w.[4 * j + 3] <- d)
                w
            let bound = Math.Pow(2.0, -44.0)   // 16 times under the bound the margins assume (NormalErrorBound, 2^-40)
            for path in [ SimdPath.Vector256; SimdPath.Vector512; SimdPath.Auto ] do
                test (sprintf "Gaussian and ISO normals within 2^-44 of the scalar ones, %A" path) {
                    let mutable worst, worstIso, checkedZ = 0.0, 0.0, 0
                    for chunk in 0 .. 199 do
                        let w = words chunk 256
                        let z = Array.zeroCreate<float> 512
                        let n = NoiseKernels.NormalsApprox(ReadOnlySpan w, 256, Span z, path)
                        for i in 0 .. 2 * n - 1 do
                            worst <- max worst (abs (z.[i] - NoiseKernels.ExactNormal(ReadOnlySpan w, i)))
                        let zi = Array.zeroCreate<float> 256
                        let ni = NoiseKernels.IsoNormalsApprox(ReadOnlySpan w, 256, Span zi, path)
                        for j in 0 .. ni - 1 do
                            worstIso <- max worstIso (abs (zi.[j] - NoiseKernels.IsoExactNormal(ReadOnlySpan w, j)))
                        checkedZ <- checkedZ + 2 * n + ni
                    if worst >= bound || worstIso >= bound then
                        failtestf "largest distance %g (Gaussian), %g (ISO), over %d normals; the bound is %g" worst worstIso checkedZ bound
                }
                test (sprintf "fused Philox normals equal the batched ones and lie within 2^-44 of the scalar ones, %A" path) {
                    // NormalsFused (Philox in registers, then the normals; AVX-512 16 blocks a step, AVX2 8 with the words
                    // left split and two blocks' halves in lockstep) against NormalsApprox on the same blocks' words, bit
                    // for bit, and against the scalar normals; counts 0..70 and a chunk, from 0, mid-range, just under a
                    // 2^32 boundary of the counter (no fused blocks) and above it.
                    let mutable worst, fused = 0.0, 0
                    for (k0, k1, s0, s1) in seeds do
                        for first in [ 0L; 12345L; (1L <<< 32) - 37L; (1L <<< 32) + 8L; (1L <<< 45) + 5L ] do
                            for nb in [ yield! [ 0 .. 70 ]; 256 ] do
                                let z = Array.zeroCreate<float> (2 * nb)
                                let d = NoiseKernels.NormalsFused(k0, k1, s0, s1, first, nb, Span z, path)
                                if d > 0 then
                                    let w = Array.zeroCreate<uint32> (4 * nb)
                                    PhiloxBatch.Blocks(k0, k1, s0, s1, first, 1L, Span w, SimdPath.Scalar)
                                    let za = Array.zeroCreate<float> (2 * nb)
                                    let a = NoiseKernels.NormalsApprox(ReadOnlySpan w, nb, Span za, path)
                                    let n = 2 * min d a
                                    expectSame (Array.map BitConverter.DoubleToInt64Bits z.[.. n - 1]) (Array.map BitConverter.DoubleToInt64Bits za.[.. n - 1])
                                        (sprintf "first %d, %d blocks" first nb)
                                    for i in 0 .. 2 * d - 1 do
                                        worst <- max worst (abs (z.[i] - NoiseKernels.ExactNormal(ReadOnlySpan w, i)))
                                    fused <- fused + d
                    if worst >= bound then failtestf "largest distance %g over %d fused blocks; the bound is %g" worst fused bound
                    let vectorRuns = NoiseKernels.NormalsApprox(ReadOnlySpan(Array.zeroCreate<uint32> 32), 8, Span(Array.zeroCreate<float> 16), path) > 0
                    if vectorRuns then Expect.isGreaterThan fused 0 "some blocks went the fused way"
                }
                test (sprintf "Gaussian samples on a rounding boundary take the scalar normal, %A" path) {
                    // Per sample i, a standard deviation that puts the reference's v = src + sd * z_i on a rounding
                    // boundary: 100.5 (or 99.5) for bytes; for floats a midpoint between adjacent float32 values near 0.5.
                    let (k0, k1, s0, s1) = seeds.[1]
                    let n = 67
                    let vectorRuns = NoiseKernels.NormalsApprox(ReadOnlySpan(Array.zeroCreate<uint32> 32), 8, Span(Array.zeroCreate<float> 16), path) > 0
                    for i in 0 .. n - 1 do
                        let struct (z0, z1) = NoiseKernels.NormalPair(k0, k1, s0, s1, int64 (i / 2))
                        let z = if i % 2 = 0 then z0 else z1
                        if abs z > 1e-3 then
                            let src = Array.create n 100uy
                            let a, b = Array.zeroCreate<byte> n, Array.zeroCreate<byte> n
                            let sd = 0.5 / abs z
                            let f0 = NoiseKernels.GaussianFallbacks
                            NoiseKernels.AddGaussian(ReadOnlySpan src, Span a, sd, k0, k1, s0, s1, path)
                            if vectorRuns && NoiseKernels.GaussianFallbacks = f0 then failtestf "bytes, sample %d on a half did not fall back" i
                            NoiseKernels.AddGaussian(ReadOnlySpan src, Span b, sd, k0, k1, s0, s1, SimdPath.Scalar)
                            expectSame a b (sprintf "bytes, sample %d on a half, sd %.17g" i sd)
                            let srcF = Array.create n 0.5f
                            let offset = if z > 0.0 then 2.5 * Math.Pow(2.0, -24.0) else 5.5 * Math.Pow(2.0, -25.0)
                            let sdF = offset / abs z
                            let fa, fb = Array.zeroCreate<float32> n, Array.zeroCreate<float32> n
                            let f1 = NoiseKernels.GaussianFallbacks
                            NoiseKernels.AddGaussian(ReadOnlySpan srcF, Span fa, sdF, ValueRange.Unit, k0, k1, s0, s1, path)
                            if vectorRuns && NoiseKernels.GaussianFallbacks = f1 then failtestf "floats, sample %d on a midpoint did not fall back" i
                            NoiseKernels.AddGaussian(ReadOnlySpan srcF, Span fb, sdF, ValueRange.Unit, k0, k1, s0, s1, SimdPath.Scalar)
                            expectSame (Array.map BitConverter.SingleToInt32Bits fa) (Array.map BitConverter.SingleToInt32Bits fb)
                                (sprintf "floats, sample %d on a midpoint, sd %.17g" i sdF)
                    // Zeros: -0 plus sd 0 times z keeps the reference's sign of zero (range [-1, 1] keeps it too).
                    let zeros = Array.create n -0.0f
                    let fa, fb = Array.zeroCreate<float32> n, Array.zeroCreate<float32> n
                    NoiseKernels.AddGaussian(ReadOnlySpan zeros, Span fa, 0.0, ValueRange(-1.0f, 1.0f), k0, k1, s0, s1, path)
                    NoiseKernels.AddGaussian(ReadOnlySpan zeros, Span fb, 0.0, ValueRange(-1.0f, 1.0f), k0, k1, s0, s1, SimdPath.Scalar)
                    expectSame (Array.map BitConverter.SingleToInt32Bits fa) (Array.map BitConverter.SingleToInt32Bits fb) "signed zeros"
                }
                test (sprintf "ISO hues on a float32 midpoint take the scalar normal, %A" path) {
                    // A pure red image has hue +0 everywhere; a colour shift that puts pixel 0's hue h + z sigma on a midpoint
                    // between adjacent float32 values (2^-20 + 2^-44) must give the reference's bits.
                    let (k0, k1, s0, s1) = seeds.[2]
                    let src = Array.init (16 * 3) (fun i -> if i % 3 = 0 then 255uy else 0uy)
                    let before = NoiseKernels.GaussianFallbacks
                    for p in 0 .. 15 do
                        let blk = Philox4x32.Generate(k0, k1, Block4(uint32 p, 0x80000000u, s0, s1))
                        let u1 = float ((uint64 (blk.X1 >>> 5) <<< 26) + uint64 (blk.X2 >>> 6) + 1UL) * (1.0 / 9007199254740992.0)
                        let u2 = (float blk.X3 + 0.5) / 4294967296.0
                        let z = Math.Sqrt(-2.0 * Math.Log u1) * Math.Cos(2.0 * Math.PI * u2)
                        let target = Math.Pow(2.0, -20.0) + Math.Pow(2.0, -44.0)
                        let shift = target / abs z / 360.0
                        let a, b = Array.zeroCreate<byte> src.Length, Array.zeroCreate<byte> src.Length
                        IsoNoiseKernels.IsoNoise(ReadOnlySpan src, Span a, 3, shift, 1.0, k0, k1, s0, s1, path)
                        IsoNoiseKernels.IsoNoise(ReadOnlySpan src, Span b, 3, shift, 1.0, k0, k1, s0, s1, SimdPath.Scalar)
                        expectSame a b (sprintf "pixel %d's hue on a midpoint, shift %.17g" p shift)
                    let vectorRuns = NoiseKernels.IsoNormalsApprox(ReadOnlySpan(Array.zeroCreate<uint32> 32), 8, Span(Array.zeroCreate<float> 8), path) > 0
                    if vectorRuns then
                        Expect.isGreaterThanOrEqual (NoiseKernels.GaussianFallbacks - before) 16L "every midpoint hue fell back"
                }
                test (sprintf "fall-backs are rare, %A" path) {
                    let n = 224 * 224 * 3
                    let src = Generators.seededBytes 11 n
                    let dst = Array.zeroCreate<byte> n
                    let before = NoiseKernels.GaussianFallbacks
                    NoiseKernels.AddGaussian(ReadOnlySpan src, Span dst, 20.4, 1u, 2u, 3u, 4u, path)
                    let bytes = NoiseKernels.GaussianFallbacks - before
                    let srcF = randomFloats 11 n
                    let dstF = Array.zeroCreate<float32> n
                    NoiseKernels.AddGaussian(ReadOnlySpan srcF, Span dstF, 0.08, ValueRange.Unit, 1u, 2u, 3u, 4u, path)
                    let floats = NoiseKernels.GaussianFallbacks - before - bytes
                    let img = Generators.seededBytes 12 n
                    IsoNoiseKernels.IsoNoise(ReadOnlySpan img, Span dst, 3, 0.05, 0.5, 1u, 2u, 3u, 4u, path)
                    let iso = NoiseKernels.GaussianFallbacks - before - bytes - floats
                    // Expected: about 2 * 16 * 2^-40 * 20.4 per byte sample (none here), a few per 10^4 floats in [0, 1].
                    Expect.isLessThanOrEqual bytes 2L (sprintf "byte fall-backs out of %d" n)
                    Expect.isLessThanOrEqual floats (int64 (n / 1000)) (sprintf "float fall-backs out of %d" n)
                    Expect.isLessThanOrEqual iso (int64 (n / 3 / 1000)) (sprintf "ISO fall-backs out of %d pixels" (n / 3))
                }
        ]
    ]
