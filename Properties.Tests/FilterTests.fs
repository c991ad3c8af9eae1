/// Neighbourhood filters (Gaussian, box and median blurs) and Gaussian noise: known answers worked by hand (each
/// says how), vector paths against the scalar reference bit for bit, identities, value ranges, statistics of the
/// noise, and bad input.
module FilterTests

open System
open System.Runtime.InteropServices
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native
open Augment.Native.Kernels
open Generators

let private sepB (src: byte[]) w h c (kx: float32[]) (ky: float32[]) (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.SeparableFilter(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan kx, ReadOnlySpan ky, path)
    dst

let private sepF (src: float32[]) w h c (kx: float32[]) (ky: float32[]) (range: ValueRange) (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.SeparableFilter(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan kx, ReadOnlySpan ky, range, path)
    dst

let private refB (src: byte[]) w h c (kx: float32[]) (ky: float32[]) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.SeparableFilterReference(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan kx, ReadOnlySpan ky)
    dst

let private refF (src: float32[]) w h c (kx: float32[]) (ky: float32[]) (range: ValueRange) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.SeparableFilterReference(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan kx, ReadOnlySpan ky, range)
    dst

let private fbits (a: float32[]) = Array.map BitConverter.SingleToInt32Bits a

let private medB (src: byte[]) w h c size =
    let dst = Array.zeroCreate src.Length
    FilterKernels.MedianFilter(ReadOnlySpan src, Span dst, w, h, c, size)
    dst

let private medF (src: float32[]) w h c size =
    let dst = Array.zeroCreate src.Length
    FilterKernels.MedianFilter(ReadOnlySpan src, Span dst, w, h, c, size)
    dst

/// A naive median with a replicated border, written independently of the kernel: clamp the indices, sort, take the middle.
let private naiveMedian (src: 'T[]) w h c size =
    let r = size / 2
    Array.init src.Length (fun i ->
        let ch, x, y = i % c, i / c % w, i / c / w
        let window =
            [| for dy in -r .. r do
                 for dx in -r .. r do
                     let yy, xx = Math.Clamp(y + dy, 0, h - 1), Math.Clamp(x + dx, 0, w - 1)
                     yield src.[(yy * w + xx) * c + ch] |]
        (Array.sort window).[window.Length / 2])

let private allPaths = [ SimdPath.Scalar; SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512; SimdPath.Auto ]

/// Widths at and around the vector widths (4, 8, 16 lanes), heights small; 1x1 and 7x13 as well.
let private filterDims = [ 1, 1; 7, 13; 15, 3; 16, 2; 17, 3; 63, 2; 64, 3; 65, 2; 2, 9; 3, 1 ]

let private testKernels =
    [ "gaussian sigma 0.5 (5 taps)", FilterKernels.GaussianKernel(5, 0.5), FilterKernels.GaussianKernel(5, 0.5)
      "gaussian sigma 1.3 (9 taps)", FilterKernels.GaussianKernel(9, 1.3), FilterKernels.GaussianKernel(9, 1.3)
      "box 2 (even, anchor 1)", FilterKernels.BoxKernel 2, FilterKernels.BoxKernel 2
      "box 1", FilterKernels.BoxKernel 1, FilterKernels.BoxKernel 1
      "box 11 (longer than most rows)", FilterKernels.BoxKernel 11, FilterKernels.BoxKernel 11
      "asymmetric 3 x 4", [| 0.1f; 0.2f; 0.7f |], [| 0.5f; 0.25f; 0.125f; 0.125f |] ]

let private expectArg = BadInput.expectArg

let tests =
    testList "filters and noise" [
        testList "kernel weights" [
            test "Gaussian kernel size from sigma: round(6 sigma + 1) | 1" {
                // 6 * 0.05 + 1 = 1.3 -> 1; 6 * 0.5 + 1 = 4 -> 4 | 1 = 5; 6 * 1 + 1 = 7; 6 * 2 + 1 = 13; 6 * 50 + 1 = 301.
                for sigma, size in [ 0.05, 1; 0.5, 5; 1.0, 7; 2.0, 13; 50.0, 301 ] do
                    Expect.equal (FilterKernels.GaussianSize sigma) size (sprintf "sigma %g" sigma)
            }
            test "Gaussian weights for sigma 0.5, 5 taps, as cv2.getGaussianKernel(5, 0.5)" {
                // By hand: x = -2..2, t = exp(-x^2 / (2 * 0.25)) = exp(-2 x^2) = e^-8, e^-2, 1, e^-2, e^-8
                // = 0.000335462628, 0.135335283237, 1, ...; sum = 1.271341491729; weights t / sum =
                // 0.000263865083, 0.106450771974, 0.786570725887 (OpenCV prints 2.63865e-04, 1.06450e-01, 7.86571e-01).
                let expected = [| 0.000263865083; 0.106450771974; 0.786570725887; 0.106450771974; 0.000263865083 |]
                let k = FilterKernels.GaussianKernel(5, 0.5)
                Expect.equal k.Length 5 "5 taps"
                for i in 0 .. 4 do
                    Expect.isLessThan (abs (float k.[i] - expected.[i])) 1e-7 (sprintf "weight %d" i)
                Expect.isLessThan (abs (float (Array.sum k) - 1.0)) 1e-6 "normalised"
            }
            test "box kernel: size weights of 1/size" {
                Expect.equal (FilterKernels.BoxKernel 4) [| 0.25f; 0.25f; 0.25f; 0.25f |] "1/4 each"
            }
        ]

        testList "known answers" [
            test "box 3 of a linear 3x3 image with reflect-101" {
                // a(y, x) = 3 + 3x + 9y. Reflect-101 reads column -1 as 1 and column 3 as 1, so the taps of columns 0, 1, 2
                // are {1, 0, 1}, {0, 1, 2}, {1, 2, 1}: mean x = 2/3, 1, 4/3, likewise in y. The mean of a linear function
                // is the function of the mean: 3 + 3 * [2/3, 1, 4/3] + 9 * [2/3, 1, 4/3] -> rows 11 12 13 / 14 15 16 / 17 18 19.
                let src = [| 3uy; 6uy; 9uy; 12uy; 15uy; 18uy; 21uy; 24uy; 27uy |]
                let expected = [| 11uy .. 19uy |]
                let out = run (Ops.boxBlur 3) 0 (Image.FromBytes(3, 3, 1, ReadOnlySpan src))
                Expect.equal (out.Bytes.ToArray()) expected "bytes"
                let outF = run (Ops.boxBlur 3) 0 (Image.FromFloats(3, 3, 1, ReadOnlySpan(Array.map float32 src), ValueRange(0f, 255f)))
                for i in 0 .. 8 do Expect.isLessThan (abs (outF.Floats.[i] - float32 expected.[i])) 1e-4f (sprintf "float %d" i)
            }
            test "box 3 of a 3x3 impulse: reflect-101 counts the centre twice per axis at the edges" {
                // 9 at the centre. Corner (0, 0): rows {1, 0, 1} and columns {1, 0, 1} each hold the centre twice, so it
                // is read 2 * 2 = 4 times: 4 * 9 / 9 = 4. Edge (0, 1): rows twice, columns {0, 1, 2} once: 2. Centre: 1.
                // (Replicate would read it once at the corner, giving 1.)
                let src = [| 0uy; 0uy; 0uy; 0uy; 9uy; 0uy; 0uy; 0uy; 0uy |]
                let out = run (Ops.boxBlur 3) 0 (Image.FromBytes(3, 3, 1, ReadOnlySpan src))
                Expect.equal (out.Bytes.ToArray()) [| 4uy; 2uy; 4uy; 2uy; 1uy; 2uy; 4uy; 2uy; 4uy |] "4 2 4 / 2 1 2 / 4 2 4"
            }
            test "box 2 (even) anchors at size / 2: taps x - 1 and x" {
                // Row 0, 10, 20, 30 (height 1, so both vertical taps read row 0). x = 0 reads columns -1 -> 1 and 0:
                // (10 + 0) / 2 = 5; then (0 + 10) / 2 = 5, (10 + 20) / 2 = 15, (20 + 30) / 2 = 25.
                let src = [| 0f; 10f; 20f; 30f |]
                let out = run (Ops.boxBlur 2) 0 (Image.FromFloats(4, 1, 1, ReadOnlySpan src, ValueRange(0f, 30f)))
                Expect.equal (out.Floats.ToArray()) [| 5f; 5f; 15f; 25f |] "5 5 15 25"
            }
            test "Gaussian sigma 0.5 of a 5x5 impulse, with reflect-101 at the edges" {
                // Weights w0, w1, w2 = 0.000263865, 0.106450772, 0.786570726 (above). Along the impulse's row, column 0
                // reads columns -2..2 -> 2, 1, 0, 1, 2: the impulse twice, with w0 and w4 = w0; so the row profile is
                // h = [2 w0, w1, w2, w1, 2 w0] and, separably, out(y, x) = h[y] * h[x]. Times 255:
                // centre 255 * 0.618693 = 157.767 -> 158; (2, 1) 255 * w1 * w2 = 21.351 -> 21; (1, 1) 255 * w1^2 = 2.890
                // -> 3; (0, 2) 255 * 2 w0 * w2 = 0.106 -> 0.
                let h = [| 2.0 * 0.000263865083; 0.106450771974; 0.786570725887; 0.106450771974; 2.0 * 0.000263865083 |]
                let src = Array.init 25 (fun i -> if i = 12 then 1f else 0f)
                let outF = run (Ops.gaussianBlur (Sampler.constant 0.5)) 0 (Image.FromFloats(5, 5, 1, ReadOnlySpan src, ValueRange.Unit))
                for i in 0 .. 24 do
                    Expect.isLessThan (abs (float outF.Floats.[i] - h.[i / 5] * h.[i % 5])) 1e-6 (sprintf "float %d" i)
                let srcB = Array.init 25 (fun i -> if i = 12 then 255uy else 0uy)
                let outB = (run (Ops.gaussianBlur (Sampler.constant 0.5)) 0 (Image.FromBytes(5, 5, 1, ReadOnlySpan srcB))).Bytes.ToArray()
                let expected =
                    [| 0uy; 0uy; 0uy; 0uy; 0uy
                       0uy; 3uy; 21uy; 3uy; 0uy
                       0uy; 21uy; 158uy; 21uy; 0uy
                       0uy; 3uy; 21uy; 3uy; 0uy
                       0uy; 0uy; 0uy; 0uy; 0uy |]
                Expect.equal outB expected "bytes"
            }
            test "median 3 of a hand-made 3x3 image with a replicated border" {
                // 10 80 20 / 70 50 30 / 90 40 60. Centre: all nine sorted 10 20 30 40 50 60 70 80 90 -> 50.
                // Corner (0, 0): replicate reads rows {0, 0, 1} and columns {0, 0, 1}: 10 10 80 / 10 10 80 / 70 70 50,
                // sorted 10 10 10 10 50 70 70 80 80 -> 50. Corner (0, 2): rows {0, 0, 1}, columns {1, 2, 2}:
                // 80 20 20 / 80 20 20 / 50 30 30, sorted 20 20 20 20 30 30 50 80 80 -> 30. Corner (2, 2): rows {1, 2, 2},
                // columns {1, 2, 2}: 50 30 30 / 40 60 60 / 40 60 60, sorted 30 30 40 40 50 60 60 60 60 -> 50.
                let src = [| 10uy; 80uy; 20uy; 70uy; 50uy; 30uy; 90uy; 40uy; 60uy |]
                let out = (run (Ops.medianBlur 3) 0 (Image.FromBytes(3, 3, 1, ReadOnlySpan src))).Bytes.ToArray()
                Expect.equal out.[4] 50uy "centre"
                Expect.equal out.[0] 50uy "top-left"
                Expect.equal out.[2] 30uy "top-right"
                Expect.equal out.[8] 50uy "bottom-right"
                Expect.equal out (naiveMedian src 3 3 1 3) "whole image against the naive median"
            }
        ]

        testList "paths and references" [
            test "separable filter: every path equals the scalar reference bit for bit (edge sizes, 1/3/4 channels)" {
                let rnd = Random 41
                let range = ValueRange(-1.5f, 2.5f)
                for name, kx, ky in testKernels do
                    for w, h in filterDims do
                        for c in [ 1; 3; 4 ] do
                            let b = Array.zeroCreate (w * h * c)
                            rnd.NextBytes b
                            let f = Array.init (w * h * c) (fun _ -> float32 (rnd.NextDouble() * 4.0 - 1.5))
                            let rb = refB b w h c kx ky
                            let rf = fbits (refF f w h c kx ky range)
                            for p in allPaths do
                                let what = sprintf "%s, %dx%dx%d, %A" name w h c p
                                Expect.equal (sepB b w h c kx ky p) rb ("bytes " + what)
                                Expect.equal (fbits (sepF f w h c kx ky range p)) rf ("floats " + what)
            }
            test "median filter equals the naive median (sizes 1 to 15, edge sizes, bytes and floats)" {
                let rnd = Random 42
                for size in [ 1; 3; 5; 7; 15 ] do
                    for w, h in [ 1, 1; 7, 13; 17, 3; 4, 20 ] do
                        for c in [ 1; 3; 4 ] do
                            let b = Array.zeroCreate (w * h * c)
                            rnd.NextBytes b
                            let f = Array.init (w * h * c) (fun _ -> float32 (rnd.NextDouble()))
                            Expect.equal (medB b w h c size) (naiveMedian b w h c size) (sprintf "bytes %d %dx%dx%d" size w h c)
                            Expect.equal (medF f w h c size) (naiveMedian f w h c size) (sprintf "floats %d %dx%dx%d" size w h c)
            }
        ]

        testList "identities" [
            test "a kernel of one weight 1 is the identity on every path" {
                let rnd = Random 43
                for w, h in filterDims do
                    for c in [ 1; 3; 4 ] do
                        let b = Array.zeroCreate (w * h * c)
                        rnd.NextBytes b
                        let f = Array.init (w * h * c) (fun _ -> float32 (rnd.NextDouble()))
                        for p in allPaths do
                            Expect.equal (sepB b w h c [| 1f |] [| 1f |] p) b "bytes"
                            Expect.equal (fbits (sepF f w h c [| 1f |] [| 1f |] ValueRange.Unit p)) (fbits f) "floats"
            }
            testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 40 } "gaussianBlur with sigma < 1/12 (ksize 1), boxBlur 1 and a median of size 1 change nothing" <|
                Prop.forAll arbImage (fun img ->
                    let src = img.Channels
                    bits (run (Ops.gaussianBlur (Sampler.uniform 0.01 0.08)) 1 img) = bits img
                    && bits (run (Ops.boxBlur 1) 2 img) = bits img
                    && bits (run (Ops.gaussianNoise (Sampler.constant 0.0)) 3 img) = bits img
                    && (if img.ElementType = ElementType.Byte then
                            medB (img.Bytes.ToArray()) img.Width img.Height src 1 = img.Bytes.ToArray()
                        else medF (img.Floats.ToArray()) img.Width img.Height src 1 = img.Floats.ToArray()))
        ]

        testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 60 } "every filter and the noise keep the value range (random images, bytes and floats)" <|
            Prop.forAll (Arb.fromGen (Gen.zip genImage (Gen.choose (0, 1000)))) (fun (img, seed) ->
                let ops =
                    [ Ops.gaussianBlur (Sampler.uniform 0.1 3.0); Ops.boxBlur 3; Ops.boxBlur 4; Ops.medianBlur 3; Ops.medianBlur 5
                      Ops.gaussianNoise (Sampler.uniform 0.0 0.5) ]
                ops |> List.forall (fun op ->
                    let out = run op seed img
                    out.Width = img.Width && out.Height = img.Height && out.Channels = img.Channels && out.Range = img.Range
                    && (img.ElementType = ElementType.Byte
                        || out.Floats.ToArray() |> Array.forall (fun v -> v >= img.Range.Min && v <= img.Range.Max))))

        testList "gaussian noise" [
            let noiseParams (t: Trace) =
                match t with
                | Trace.Applied (_, p) -> p :?> GaussianNoiseParams
                | other -> failtestf "expected one applied op, got %A" other
            test "the same seed gives the same bits; another seed other bits" {
                let img = makeImage ElementType.Byte 3 (33, 7) 5 ValueRange.Byte
                let op = Ops.gaussianNoise (Sampler.uniform 0.05 0.2)
                Expect.equal (bits (run op 7 img)) (bits (run op 7 img)) "same seed"
                Expect.notEqual (bits (run op 7 img)) (bits (run op 8 img)) "another seed"
                let imgF = makeImage ElementType.Float32 4 (17, 5) 6 ValueRange.Unit
                Expect.equal (bits (run op 9 imgF)) (bits (run op 9 imgF)) "same seed, floats"
            }
            test "sample i gets Box-Muller of Philox block i / 2 of the recorded seed (worked in F# from Seed.block)" {
                let img = Image.FromFloats(5, 3, 3, ReadOnlySpan(Array.create 45 0f), ValueRange(-100f, 100f))
                let out, t = Aug.run (Ops.gaussianNoise (Sampler.constant 0.01)) (Seed.ofInt 11) (Sample.ofImage img)
                let p = noiseParams t
                let seed = Seed.parse p.Seed
                let sd = 0.01 * 200.0
                for i in 0 .. 44 do
                    let b = Seed.block seed (int64 (i / 2))
                    let u1 = (float ((uint64 (b.X0 >>> 5) <<< 26) + uint64 (b.X1 >>> 6)) + 1.0) / 9007199254740992.0
                    let u2 = float ((uint64 (b.X2 >>> 5) <<< 26) + uint64 (b.X3 >>> 6)) / 9007199254740992.0
                    let r = Math.Sqrt(-2.0 * Math.Log u1)
                    let z = if i % 2 = 0 then r * Math.Cos(2.0 * Math.PI * u2) else r * Math.Sin(2.0 * Math.PI * u2)
                    Expect.equal out.Image.Floats.[i] (float32 (sd * z)) (sprintf "sample %d" i)
            }
            test "over a flat 200x200x3 image the noise has mean 0 and the drawn standard deviation" {
                // n = 120000 samples. The sample mean has standard error sd / sqrt n and the sample standard deviation
                // about sd / sqrt (2 n); both must lie within 5 standard errors (a false failure has odds below 1e-6).
                let n = 200 * 200 * 3
                let stats (xs: float[]) =
                    let m = Array.average xs
                    m, sqrt (Array.averageBy (fun x -> (x - m) * (x - m)) xs)
                // Floats in [0, 1] at 0.5, stddev 0.05: clipping needs 10 standard deviations, never seen.
                let imgF = Image.FromFloats(200, 200, 3, ReadOnlySpan(Array.create n 0.5f), ValueRange.Unit)
                let outF = run (Ops.gaussianNoise (Sampler.constant 0.05)) 21 imgF
                let m, s = stats (outF.Floats.ToArray() |> Array.map (fun v -> float v - 0.5))
                Expect.isLessThan (abs m) (5.0 * 0.05 / sqrt (float n)) "float mean"
                Expect.isLessThan (abs (s - 0.05)) (5.0 * 0.05 / sqrt (2.0 * float n)) "float stddev"
                // Bytes at 128, stddev 0.1 * 255 = 25.5: clipping needs 5 standard deviations (odds 3e-7 a sample).
                // Rounding to integers adds a uniform error of variance 1/12: expected sd = sqrt(25.5^2 + 1/12).
                let imgB = Image.FromBytes(200, 200, 3, ReadOnlySpan(Array.create n 128uy))
                let outB = run (Ops.gaussianNoise (Sampler.constant 0.1)) 22 imgB
                let m, s = stats (outB.Bytes.ToArray() |> Array.map (fun v -> float v - 128.0))
                let sd = sqrt (25.5 * 25.5 + 1.0 / 12.0)
                Expect.isLessThan (abs m) (5.0 * sd / sqrt (float n)) "byte mean"
                Expect.isLessThan (abs (s - sd)) (5.0 * sd / sqrt (2.0 * float n)) "byte stddev"
            }
            test "the noise does not depend on the batch's thread count" {
                let samples = Array.init 5 (fun i -> Sample.ofImage (makeImage ElementType.Byte 3 (19, 11) i ValueRange.Byte))
                let op = Aug.sequence [ Ops.gaussianNoise (Sampler.uniform 0.0 0.3); Ops.gaussianBlur (Sampler.uniform 0.3 2.0) ]
                let runWith threads = Aug.runBatch RunOptions.Default threads op (Seed.ofInt 3) samples |> Array.map (fun (s, _) -> bits s.Image)
                Expect.equal (runWith 1) (runWith 4) "1 and 4 threads"
            }
        ]

        testList "bad input" [
            test "op constructors name the parameter" {
                expectArg "sigma" [ "(0, 50]" ] (fun () -> Ops.gaussianBlur (Sampler.constant 0.0))
                expectArg "sigma" [ "(0, 50]" ] (fun () -> Ops.gaussianBlur (Sampler.uniform 1.0 60.0))
                expectArg "size" [ "size was 0"; "[1, 99]" ] (fun () -> Ops.boxBlur 0)
                expectArg "size" [ "size was 100" ] (fun () -> Ops.boxBlur 100)
                expectArg "size" [ "size was 1"; "odd" ] (fun () -> Ops.medianBlur 1)
                expectArg "size" [ "size was 4"; "odd" ] (fun () -> Ops.medianBlur 4)
                expectArg "size" [ "size was 17" ] (fun () -> Ops.medianBlur 17)
                expectArg "stddev" [ "[0, 1]" ] (fun () -> Ops.gaussianNoise (Sampler.constant -0.1))
                expectArg "stddev" [ "[0, 1]" ] (fun () -> Ops.gaussianNoise (Sampler.uniform 0.5 1.5))
            }
            test "replayed parameters outside the domain name their JSON path" {
                let img = makeImage ElementType.Byte 3 (8, 6) 1 ValueRange.Byte
                let replay op json = Aug.replay op (Json.traceOfString json) (Sample.ofImage img)
                expectArg "trace" [ "$.params.Sigma"; "(0, 50]" ] (fun () ->
                    replay (Ops.gaussianBlur (Sampler.constant 1.0)) """{"op":"GaussianBlur","params":{"Sigma":0}}""")
                expectArg "trace" [ "$.params.Size"; "odd" ] (fun () ->
                    replay (Ops.medianBlur 3) """{"op":"MedianBlur","params":{"Size":4}}""")
                expectArg "trace" [ "$.params.Size"; "[1, 99]" ] (fun () ->
                    replay (Ops.boxBlur 3) """{"op":"BoxBlur","params":{"Size":0}}""")
                expectArg "trace" [ "$.params.Seed"; "hexadecimal" ] (fun () ->
                    replay (Ops.gaussianNoise (Sampler.constant 0.1)) """{"op":"GaussianNoise","params":{"Stddev":0.1,"Seed":"xyz"}}""")
                expectArg "trace" [ "$.params.Stddev" ] (fun () ->
                    replay (Ops.gaussianNoise (Sampler.constant 0.1)) """{"op":"GaussianNoise","params":{"Stddev":2,"Seed":"000000000000000000000000000000ff"}}""")
            }
            test "a noise trace replays to the same bits" {
                let img = makeImage ElementType.Byte 3 (9, 4) 2 ValueRange.Byte
                let op = Ops.gaussianNoise (Sampler.uniform 0.05 0.2)
                let out, t = Aug.run op (Seed.ofInt 5) (Sample.ofImage img)
                let again = Aug.replay op (Json.traceOfString (Json.traceToString t)) (Sample.ofImage img)
                Expect.equal (bits again.Image) (bits out.Image) "replayed"
            }
            test "kernels name the parameter" {
                let b = Array.zeroCreate<byte> 12
                let f = Array.zeroCreate<float32> 12
                expectArg "kernelX" [ "at least one weight" ] (fun () -> sepB b 2 2 3 [||] [| 1f |] SimdPath.Auto)
                expectArg "kernelY" [ "NaN"; "finite" ] (fun () -> sepF f 2 2 3 [| 1f |] [| nanf |] ValueRange.Unit SimdPath.Auto)
                expectArg "channels" [ "channels was 2" ] (fun () -> sepB b 3 2 2 [| 1f |] [| 1f |] SimdPath.Auto)
                expectArg "dst" [ "12 elements" ] (fun () ->
                    FilterKernels.SeparableFilter(ReadOnlySpan b, Span(Array.zeroCreate<byte> 11), 2, 2, 3, ReadOnlySpan [| 1f |], ReadOnlySpan [| 1f |]))
                expectArg "size" [ "size was 4"; "odd" ] (fun () -> medB b 2 2 3 4)
                expectArg "size" [ "size was 17" ] (fun () -> medF f 2 2 3 17)
                expectArg "size" [ "size was 4" ] (fun () -> FilterKernels.GaussianKernel(4, 1.0))
                expectArg "sigma" [ "sigma was 0" ] (fun () -> FilterKernels.GaussianSize 0.0)
                expectArg "stddev" [ "stddev was NaN" ] (fun () ->
                    NoiseKernels.AddGaussian(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), nan, 1u, 2u, 3u, 4u))
                expectArg "dst" [ "source length 12" ] (fun () ->
                    NoiseKernels.AddGaussian(ReadOnlySpan f, Span(Array.zeroCreate<float32> 10), 1.0, ValueRange.Unit, 1u, 2u, 3u, 4u))
            }
        ]
    ]
