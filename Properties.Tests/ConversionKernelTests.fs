/// Element-type conversions (ColourKernels.AffineToFloat, AffineToByte) and the byte colour matrix (ColourMatrix): every
/// SIMD path (Vector128, Vector256, Vector512, Auto) against the scalar reference bit for bit, on random and special
/// values (NaN, infinities, signed zeros, ties), channel counts 1, 3, 4 and lengths around the vector blocks; the colour
/// matrix also on all 2^24 RGB pixels; known answers worked by hand.
module ConversionKernelTests

open System
open Expecto
open Augment.Native
open Augment.Native.Kernels
open Augment

let private paths = [ SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512; SimdPath.Auto ]

// Widths 1 .. 70 of one row, odd sizes, and whole images (pixels).
let private pixelCounts = [ yield! [ 0 .. 70 ]; yield! [ 95; 96; 97; 127; 191; 192; 193; 255; 257; 1000; 224 * 7; 37 * 29 ] ]

let private bits (xs: float32[]) = xs |> Array.map BitConverter.SingleToInt32Bits

let private toByte (src: float32[]) c (sub: float32[]) (scale: float32[]) (add: float32[]) path =
    let dst = Array.create src.Length 77uy
    ColourKernels.AffineToByte(ReadOnlySpan src, Span dst, c, ReadOnlySpan sub, ReadOnlySpan scale, ReadOnlySpan add, path)
    dst

let private toFloat (src: byte[]) c (sub: float32[]) (scale: float32[]) (add: float32[]) (range: ValueRange) path =
    let dst = Array.create src.Length 77f
    ColourKernels.AffineToFloat(ReadOnlySpan src, Span dst, c, ReadOnlySpan sub, ReadOnlySpan scale, ReadOnlySpan add, range, path)
    dst

let private matrix (src: byte[]) c (m: float32[]) path =
    let dst = Array.create src.Length 77uy
    ColourKernels.ColourMatrix(ReadOnlySpan src, Span dst, c, ReadOnlySpan m, path)
    dst

let private sepia = [| 0.393f; 0.769f; 0.189f; 0.349f; 0.686f; 0.168f; 0.272f; 0.534f; 0.131f |]

// EnhanceColor's matrix as Ops.fs builds it: f I + (1 - f) rows of BT.601 weights, in double then float32.
let private enhance (f: float) =
    let w = [| 0.299; 0.587; 0.114 |]
    Array.init 9 (fun k -> let r, c = k / 3, k % 3 in float32 ((if r = c then f else 0.0) + (1.0 - f) * w.[c]))

// Values where a conversion to bytes can go wrong: ties (round half to even), the ends of [0, 255], beyond them,
// NaN, infinities, signed zeros, subnormals, and beyond the int32 range (where cvtps2dq gives int.MinValue).
let private specials =
    [| nanf; -nanf; infinityf; -infinityf; 0f; -0f; 0.5f; -0.5f; 1.5f; 2.5f; 253.5f; 254.5f; 255.5f; 255f; 256f
       254.49998f; 254.50002f; -0.50001f; -0.49999f; 1e-45f; -1e-45f; 3e38f; -3e38f; 2147483648f; -2147483904f
       4294967296f; 65535.5f; 32768f; -32769f; 127.5f; 128.5f |]

let tests =
    testList "conversion kernels" [
        test "AffineToByte: every path equals the scalar reference (random, ties, NaN, infinities; 1, 3, 4 channels)" {
            let rnd = Random 17
            let coefficientSets : (string * (int -> float32[] * float32[] * float32[])) list =
                [ "ToByte from [0, 1]", fun c -> Array.create c 0f, Array.create c 255f, Array.zeroCreate c
                  "identity", fun c -> Array.create c 0f, Array.create c 1f, Array.zeroCreate c
                  "per channel", fun c -> Array.init c (fun k -> [| -1.5f; 0.25f; 3f; 0f |].[k]), Array.init c (fun k -> [| 200f; -311.7f; 0.5f; 97f |].[k]), Array.init c (fun k -> [| 0.5f; -0f; 12.25f; 1e-3f |].[k])
                  "add -0", fun c -> Array.create c 0f, Array.create c 255f, Array.create c -0f
                  "huge scale", fun c -> Array.create c 0f, Array.create c 1e30f, Array.create c 0f ]
            for name, make in coefficientSets do
                for c in [ 1; 3; 4 ] do
                    let sub, scale, add = make c
                    for n in pixelCounts do
                        let src = Array.init (n * c) (fun i ->
                            match rnd.Next 4 with
                            | 0 -> specials.[rnd.Next specials.Length] / (if name = "identity" then 1f else 255f)
                            | 1 -> float32 (rnd.Next(-20, 540)) * 0.5f / (if name = "identity" then 1f else 255f) // ties after scaling
                            | _ -> float32 (rnd.NextDouble() * 1.2 - 0.1))
                        let expected = toByte src c sub scale add SimdPath.Scalar
                        for p in paths do
                            Expect.equal (toByte src c sub scale add p) expected (sprintf "%s, %d channels, %d pixels, %A" name c n p)
        }

        test "AffineToByte: every special value in every lane of a vector block" {
            // Each special value at every position of a 192-sample block (a whole step on every path), the others random.
            let rnd = Random 5
            for v in specials do
                for pos in 0 .. 191 do
                    let src = Array.init 192 (fun i -> if i = pos then v else float32 (rnd.NextDouble() * 300.0 - 20.0))
                    let ones = [| 1f; 1f; 1f |]
                    let expected = toByte src 3 (Array.zeroCreate 3) ones (Array.zeroCreate 3) SimdPath.Scalar
                    for p in paths do
                        let got = toByte src 3 (Array.zeroCreate 3) ones (Array.zeroCreate 3) p
                        if got <> expected then failtestf "%g at %d, %A: %A, expected %A" v pos p got.[pos] expected.[pos]
        }

        test "AffineToByte known answers: round half to even, saturate, NaN to 0" {
            // IEEE 754 roundTiesToEven: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, 254.5 -> 254, -0.5 -> -0 -> 0; 255.5 -> 256 saturates
            // to 255, +inf to 255, -inf and -3e38 to 0; NaN to 0 (.NET 9+ float-to-integer conversions saturate, NaN to 0).
            let xs = [| 0.5f; 1.5f; 2.5f; 254.5f; -0.5f; 255.5f; infinityf; -infinityf; -3e38f; nanf; 127.49f; 3e38f |]
            let want = [| 0uy; 2uy; 2uy; 254uy; 0uy; 255uy; 255uy; 0uy; 0uy; 0uy; 127uy; 255uy |]
            // 16 copies, so that the vector bodies (not only the scalar remainder) see them.
            let src = Array.init (xs.Length * 16) (fun i -> xs.[i % xs.Length])
            for p in SimdPath.Scalar :: paths do
                Expect.equal (toByte src 1 [| 0f |] [| 1f |] [| 0f |] p) (Array.init src.Length (fun i -> want.[i % want.Length])) (sprintf "%A" p)
        }

        test "AffineToFloat without subtraction or clamps (x * scale + add, taken when every byte's result is inside the range): edges of that rule" {
            // Ranges exactly at the results for 0 and 255 (the clamps change nothing: the plain kernel), one ulp inside
            // them (a clamp acts: the full kernel), a subtrahend of -0, negative scales, and the extreme scales.
            let rnd = Random 29
            let y (x: float32) (s: float32) (m: float32) (a: float32) = (x - s) * m + a
            let cases : (string * float32 * float32 * float32 * (float32 -> float32 -> ValueRange)) list =
                [ "range exactly [y0, y255]", 0f, 1f / 255f, 0f, (fun y0 y1 -> ValueRange(y0, y1))
                  "top one ulp inside", 0f, 1f / 255f, 0f, (fun y0 y1 -> ValueRange(y0, MathF.BitDecrement y1))
                  "bottom one ulp inside", 0f, 1f / 255f, 0.25f, (fun y0 y1 -> ValueRange(MathF.BitIncrement y0, y1))
                  "sub -0", -0f, 2f / 255f, -1f, (fun _ _ -> ValueRange(-1f, 1f))
                  "negative scale, range exact", 0f, -1f / 255f, 1f, (fun y0 y1 -> ValueRange(y1, y0))
                  "negative scale, one ulp inside", 0f, -1f / 255f, 1f, (fun y0 y1 -> ValueRange(MathF.BitIncrement y1, y0))
                  "scale 3e38 (255 x overflows to inf, clamped)", 0f, 3e38f, 0f, (fun _ _ -> ValueRange(0f, 3e38f))
                  "subnormal scale, add 0", 0f, 1e-45f, 0f, (fun _ y1 -> ValueRange(0f, y1))
                  // An add of +0 is left out only when no scale is negative: x = 0 gives -0 * ... = -0, and -0 + 0 = +0.
                  "negative scale, add +0", 0f, -1f / 255f, 0f, (fun y0 y1 -> ValueRange(y1, y0))
                  "scale -0, add +0", 0f, -0f, 0f, (fun _ _ -> ValueRange(0f, 1f))
                  "scale +0, add +0", 0f, 0f, 0f, (fun _ _ -> ValueRange(0f, 1f)) ]
            for name, s, m, a, range in cases do
                let r = range (y 0f s m a) (y 255f s m a)
                for c in [ 1; 3; 4 ] do
                    for n in pixelCounts do
                        let src = Array.zeroCreate (n * c)
                        rnd.NextBytes src
                        // Both ends of the byte range in every block.
                        if src.Length > 1 then src.[0] <- 0uy; src.[src.Length - 1] <- 255uy
                        let sub, scale, add = Array.create c s, Array.create c m, Array.create c a
                        let expected = bits (toFloat src c sub scale add r SimdPath.Scalar)
                        for p in paths do
                            Expect.equal (bits (toFloat src c sub scale add r p)) expected (sprintf "%s, %d channels, %d pixels, %A" name c n p)
            // A scale and an add per channel (each vector of a step has its own lane pattern), clamps inactive.
            for c in [ 3; 4 ] do
                let sub = Array.create c 0f
                let scale = Array.init c (fun k -> [| 1f / 255f; 2f / 255f; -0.5f / 255f; 1f / 300f |].[k])
                let add = Array.init c (fun k -> [| 0f; -1f; 0.25f; 0.1f |].[k])
                for n in pixelCounts do
                    let src = Array.zeroCreate (n * c)
                    rnd.NextBytes src
                    let r = ValueRange(-1f, 1.5f)
                    let expected = bits (toFloat src c sub scale add r SimdPath.Scalar)
                    for p in paths do
                        Expect.equal (bits (toFloat src c sub scale add r p)) expected (sprintf "per channel, %d channels, %d pixels, %A" c n p)
        }

        test "AffineToFloat: every path equals the scalar reference bit for bit (ToFloat32, Normalize, Rescaling, clamps, signed zeros)" {
            let rnd = Random 23
            let cases : (string * (int -> float32[] * float32[] * float32[] * ValueRange)) list =
                [ "ToFloat32 [0, 1]", fun c -> Array.create c 0f, Array.create c (1f / 255f), Array.create c 0f, ValueRange(0f, 1f)
                  "ToFloat32 [-1, 1]", fun c -> Array.create c 0f, Array.create c (2f / 255f), Array.create c -1f, ValueRange(-1f, 1f)
                  "Normalize ImageNet", fun c ->
                    let mean, std = [| 0.485; 0.456; 0.406; 0.5 |], [| 0.229; 0.224; 0.225; 0.25 |]
                    Array.init c (fun k -> float32 (mean.[k] * 255.0)), Array.init c (fun k -> float32 (1.0 / (std.[k] * 255.0))), Array.zeroCreate c, ValueRange(-2.2f, 2.7f)
                  "Rescaling 1/127.5, -1", fun c -> Array.zeroCreate c, Array.create c (float32 (1.0 / 127.5)), Array.create c -1f, ValueRange(-1f, 1f)
                  "clamp active", fun c -> Array.create c 100f, Array.init c (fun k -> [| 0.01f; -0.02f; 0.03f; 1f |].[k]), Array.create c 0.1f, ValueRange(-0.5f, 0.7f)
                  "negative scale, add -0, low 0 (signed zeros)", fun c -> Array.create c 0f, Array.create c -1f, Array.create c -0f, ValueRange(0f, 10f)
                  "high -0", fun c -> Array.create c 255f, Array.create c 1f, Array.create c 0f, ValueRange(-300f, -0f)
                  "overflow to infinity", fun c -> Array.create c -3e38f, Array.create c 1e6f, Array.create c 0f, ValueRange(0f, 3e38f)
                  "subnormal scale", fun c -> Array.create c 0f, Array.create c 1e-44f, Array.create c 0f, ValueRange(0f, 1f) ]
            for name, make in cases do
                for c in [ 1; 3; 4 ] do
                    let sub, scale, add, range = make c
                    for n in pixelCounts do
                        let src = Array.zeroCreate (n * c)
                        rnd.NextBytes src
                        let expected = bits (toFloat src c sub scale add range SimdPath.Scalar)
                        for p in paths do
                            Expect.equal (bits (toFloat src c sub scale add range p)) expected (sprintf "%s, %d channels, %d pixels, %A" name c n p)
        }

        test "AffineToFloat known answers: x / 255 on [0, 1] and x / 127.5 - 1" {
            // 0 -> (0 - 0) * s + add = add exactly: 0 on [0, 1], -1 on [-1, 1]. 255 -> 255 * float32(1/255) =
            // 1.0000000591 (below 1 + 2^-24, so it rounds to 1), and 255 * float32(1/127.5) - 1 = 2.00000011827 - 1
            // (below 2 + 2^-23, so 2 - 1 = 1); either way the clamp to the range's top gives exactly 1.
            let src = Array.init 96 (fun i -> if i % 2 = 0 then 0uy else 255uy)
            for p in SimdPath.Scalar :: paths do
                let a = toFloat src 3 (Array.zeroCreate 3) (Array.create 3 (1f / 255f)) (Array.zeroCreate 3) (ValueRange(0f, 1f)) p
                Expect.equal a (Array.init 96 (fun i -> if i % 2 = 0 then 0f else 1f)) (sprintf "[0, 1], %A" p)
                let b = toFloat src 3 (Array.zeroCreate 3) (Array.create 3 (float32 (1.0 / 127.5))) (Array.create 3 -1f) (ValueRange(-1f, 1f)) p
                Expect.equal b (Array.init 96 (fun i -> if i % 2 = 0 then -1f else 1f)) (sprintf "[-1, 1], %A" p)
        }

        test "ColourMatrix: every path equals the scalar reference (sepia, EnhanceColor, random and overflowing matrices; RGB, RGBA)" {
            let rnd = Random 31
            let matrices =
                [ "sepia", sepia
                  "EnhanceColor 0", enhance 0.0
                  "EnhanceColor 1.5", enhance 1.5
                  "EnhanceColor 1000", enhance 1000.0
                  "random", Array.init 9 (fun _ -> float32 (rnd.NextDouble() * 4.0 - 2.0))
                  "overflow to NaN", [| 3e38f; 3e38f; -3e38f; 1f; 0f; 0f; -3e38f; -3e38f; 3e38f |]
                  "ties", [| 0.5f; 0f; 0f; 0f; 0.5f; 0f; 0f; 0f; 0.5f |]
                  // The vector kernels skip min(255, y) when every |m| <= 2^20: at that bound, and just past it (clipped).
                  "at 2^20, no clip", [| 1048576f; -1048576f; 1048576f; -1048576f; -1048576f; -1048576f; 1048576f; 1048576f; -0.5f |]
                  "past 2^20, clipped", [| 1048577f; -1048576f; 1048576f; -1048576f; 3e9f; -1048576f; 1048576f; 1048576f; -0.5f |] ]
            for name, m in matrices do
                for c in [ 3; 4 ] do
                    for n in pixelCounts do
                        let src = Array.zeroCreate (n * c)
                        rnd.NextBytes src
                        let expected = matrix src c m SimdPath.Scalar
                        for p in paths do
                            Expect.equal (matrix src c m p) expected (sprintf "%s, %d channels, %d pixels, %A" name c n p)
        }

        test "ColourMatrix on all 2^24 RGB pixels: every path equals the scalar reference (sepia, EnhanceColor 1.5)" {
            let src = Array.zeroCreate<byte> (3 <<< 24)
            for v in 0 .. (1 <<< 24) - 1 do
                src.[3 * v] <- byte (v >>> 16); src.[3 * v + 1] <- byte (v >>> 8); src.[3 * v + 2] <- byte v
            for name, m in [ "sepia", sepia; "EnhanceColor 1.5", enhance 1.5 ] do
                let expected = matrix src 3 m SimdPath.Scalar
                for p in paths do
                    let got = matrix src 3 m p
                    if got <> expected then
                        let i = Array.findIndex id (Array.map2 (<>) got expected)
                        failtestf "%s, %A: pixel (%d, %d, %d) channel %d gives %d, expected %d" name p src.[i - i % 3] src.[i - i % 3 + 1] src.[i - i % 3 + 2] (i % 3) got.[i] expected.[i]
        }

        test "ColourMatrix known answers: sepia worked by hand, alpha kept" {
            // Sepia rows [0.393 0.769 0.189], [0.349 0.686 0.168], [0.272 0.534 0.131] (albumentations ToSepia):
            // (10, 20, 30): 3.93 + 15.38 + 5.67 = 24.98 -> 25; 3.49 + 13.72 + 5.04 = 22.25 -> 22; 2.72 + 10.68 + 3.93 = 17.33 -> 17.
            // (255, 255, 255): 1.351 * 255 = 344.505 -> 255; 1.203 * 255 = 306.765 -> 255; 0.937 * 255 = 238.935 -> 239.
            // (0, 0, 0) -> (0, 0, 0).
            let px = [| [| 10uy; 20uy; 30uy |], [| 25uy; 22uy; 17uy |]; [| 255uy; 255uy; 255uy |], [| 255uy; 255uy; 239uy |]; [| 0uy; 0uy; 0uy |], [| 0uy; 0uy; 0uy |] |]
            for c in [ 3; 4 ] do
                let n = 48
                let src = Array.init (n * c) (fun i -> let p, k = i / c, i % c in if k = 3 then byte (p * 5) else (fst px.[p % 3]).[k])
                let want = Array.init (n * c) (fun i -> let p, k = i / c, i % c in if k = 3 then byte (p * 5) else (snd px.[p % 3]).[k])
                for p in SimdPath.Scalar :: paths do
                    Expect.equal (matrix src c sepia p) want (sprintf "%d channels, %A" c p)
        }
    ]
