/// The vector ColorJitter (JitterKernels.Fast.cs): every path against the scalar reference bit for bit, on all 2^24
/// RGB triples for the per-pixel stages, on random images of edge sizes (0 to 70 pixels, one row, odd sizes) with
/// random orders and factors (identity factors, contrast first, last and between included), and known answers worked
/// by hand from torchvision's formulas.
module FastJitterTests

open System
open Expecto
open Augment.Native.Kernels

let private jitter (src: byte[]) channels (order: int[]) (b: float32, c: float32, s: float32, h: float32) (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    JitterKernels.ColorJitter(ReadOnlySpan src, Span dst, channels, ReadOnlySpan order, b, c, s, h, path)
    dst

let private shuffle (rng: Random) =
    let a = [| 0; 1; 2; 3 |]
    for i in 3 .. -1 .. 1 do
        let j = rng.Next(i + 1)
        let t = a.[i]
        a.[i] <- a.[j]
        a.[j] <- t
    a

/// A factor: the identity a quarter of the time, else uniform in [0, 2] or, now and then, a large one.
let private factor (rng: Random) =
    match rng.Next 8 with
    | 0 | 1 -> 1.0f
    | 2 -> 0.0f
    | 3 -> float32 (rng.NextDouble() * 20.0)
    | _ -> float32 (rng.NextDouble() * 2.0)

let private hueShift (rng: Random) =
    match rng.Next 8 with
    | 0 | 1 -> 0.0f
    | 2 -> 0.5f
    | 3 -> -0.5f
    | 4 -> 1e-7f
    | _ -> float32 (rng.NextDouble() - 0.5)

let private jitterTests =
    testList "color jitter" [
        for (name, order, p) in
            [ "hue -0.5", [| 3; 0; 1; 2 |], (1.0f, 1.0f, 1.0f, -0.5f)
              "hue 0.5", [| 3; 0; 1; 2 |], (1.0f, 1.0f, 1.0f, 0.5f)
              "hue 1e-7", [| 3; 0; 1; 2 |], (1.0f, 1.0f, 1.0f, 1e-7f)
              "hue -0.3", [| 3; 0; 1; 2 |], (1.0f, 1.0f, 1.0f, -0.3f)
              "hue 0.13", [| 3; 0; 1; 2 |], (1.0f, 1.0f, 1.0f, 0.13f)
              "saturation 0.37 then hue 0.21", [| 2; 3; 0; 1 |], (1.0f, 1.0f, 0.37f, 0.21f)
              "brightness, saturation 1.8, hue -0.1, contrast", [| 0; 2; 3; 1 |], (1.3f, 0.6f, 1.8f, -0.1f) ] do
            testCase (sprintf "%s: every path equals the scalar reference on all 2^24 RGB triples" name) <| fun () ->
                let src = Generators.allRgbTriples.Force()
                let expected = jitter src 3 order p SimdPath.Scalar
                for path in Generators.vectorPathsAuto do
                    Expect.isTrue ((jitter src 3 order p path).AsSpan().SequenceEqual(ReadOnlySpan expected)) (sprintf "%s %A" name path)

        testCase "x / 255 by the fused correction is the float32 division for every byte, every path" <| fun () ->
            // The hue stage's x / 255f (torchvision's to_dtype scale) as q = x (1/255) corrected by (x - 255 q) (1/255)
            // with FMA: it must be the correctly rounded quotient, which float32 division gives, for all 256 values.
            let x = Array.init 256 float32
            let expected = Array.map (fun v -> v / 255.0f) x
            for path in Generators.vectorPathsAuto do
                let q = Array.zeroCreate<float32> 256
                JitterKernels.Div255Lanes(ReadOnlySpan x, Span q, path)
                for i in 0 .. 255 do
                    Expect.equal (BitConverter.SingleToInt32Bits q.[i]) (BitConverter.SingleToInt32Bits expected.[i]) (sprintf "%d / 255 %A" i path)
            Expect.equal expected.[51] 0.2f "51 / 255 = 0.2 (nearest float)"

        testCase "random orders and factors on RGB, RGBA and gray images of 0 to 70 pixels and more" <| fun () ->
            let rng = Random(8)
            for c in [ 1; 3; 4 ] do
                for pixels in [ 0 .. 70 ] @ [ 127; 128; 129; 255; 1000; 224 * 3 ] do
                    for _ in 1 .. 4 do
                        let src = Generators.seededBytes (rng.Next()) (pixels * c)
                        let order = shuffle rng
                        let p = (factor rng, factor rng, factor rng, hueShift rng)
                        let expected = jitter src c order p SimdPath.Scalar
                        for path in Generators.vectorPathsAuto do
                            Expect.equal (jitter src c order p path) expected
                                (sprintf "%d channels, %d pixels, order %A, factors %A, %A" c pixels order p path)

        testCase "contrast in each place of the order, on an image larger than a flush of the vector sum" <| fun () ->
            // 300 x 70 pixels: more than 256 blocks of 16, so the float lane sums are flushed to the long total.
            let src = Generators.seededBytes 77 (300 * 70 * 3)
            let rng = Random(3)
            for at in 0 .. 3 do
                let rest = [| 0; 2; 3 |] |> Array.sortBy (fun _ -> rng.Next())
                let order = Array.insertAt at 1 rest
                let p = (1.2f, 0.4f, 1.5f, 0.2f)
                let expected = jitter src 3 order p SimdPath.Scalar
                for path in Generators.vectorPathsAuto do
                    Expect.equal (jitter src 3 order p path) expected (sprintf "order %A %A" order path)

        testCase "worked pixels, every path" <| fun () ->
            // 33 RGBA pixels (255, 0, 0, 9), so that two vector blocks and a scalar tail run.
            // Hue +0.5 (torchvision _rgb_to_hsv: max = r, h = (b - g) / range = 0, s = 1, v = 1; h = 0.5, h6 = 3, i = 3,
            // f = 0: (p, q, v) = (0, 1, 1), times 255.999 truncated): (0, 255, 255).
            // Brightness 0.5: 127.5 truncated: 127. Saturation 0: floor(0.2989 * 255) = floor(76.2195) = 76 for every
            // channel. Contrast 0 on a uniform image: the mean of floor(gray) is 76: 76 everywhere. Alpha is kept.
            let src = Array.concat (List.replicate 33 [| 255uy; 0uy; 0uy; 9uy |])
            let expect (r, g, b) = Array.concat (List.replicate 33 [| r; g; b; 9uy |])
            let order = [| 0; 1; 2; 3 |]
            for path in SimdPath.Scalar :: Generators.vectorPathsAuto do
                Expect.equal (jitter src 4 order (1.0f, 1.0f, 1.0f, 0.5f) path) (expect (0uy, 255uy, 255uy)) (sprintf "hue %A" path)
                Expect.equal (jitter src 4 order (0.5f, 1.0f, 1.0f, 0.0f) path) (expect (127uy, 0uy, 0uy)) (sprintf "brightness %A" path)
                Expect.equal (jitter src 4 order (1.0f, 1.0f, 0.0f, 0.0f) path) (expect (76uy, 76uy, 76uy)) (sprintf "saturation %A" path)
                Expect.equal (jitter src 4 order (1.0f, 0.0f, 1.0f, 0.0f) path) (expect (76uy, 76uy, 76uy)) (sprintf "contrast %A" path)
    ]

let private clahe (src: byte[]) w h c clip tx ty (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    ClaheKernels.Clahe(ReadOnlySpan src, Span dst, w, h, c, clip, tx, ty, path)
    dst

let private claheTests =
    testList "clahe" [
        testCase "every path equals the scalar reference on random images of widths 1 to 70, one row, odd sizes" <| fun () ->
            let rng = Random(11)
            for c in [ 1; 3; 4 ] do
                for w in [ 1 .. 70 ] @ [ 127; 224 ] do
                    let h = match w % 4 with 0 -> 1 | 1 -> 7 | 2 -> 16 | _ -> 33
                    let src = Generators.seededBytes (rng.Next()) (w * h * c)
                    let clip = match rng.Next 4 with 0 -> 0.0 | 1 -> 1.0 | 2 -> 40.0 | _ -> rng.NextDouble() * 8.0
                    let tx, ty = 1 + rng.Next 9, 1 + rng.Next 9
                    let expected = clahe src w h c clip tx ty SimdPath.Scalar
                    for path in Generators.vectorPathsAuto do
                        Expect.equal (clahe src w h c clip tx ty path) expected
                            (sprintf "%d channels, %d x %d, clip %g, tiles %d x %d, %A" c w h clip tx ty path)

        testCase "smooth images (long runs of one value) at the bench's sizes" <| fun () ->
            for (w, h) in [ (224, 224); (200, 131) ] do
                let src = Array.init (w * h * 3) (fun i -> let p = i / 3 in byte ((p % w) / 3 + (p / w) / 5 + 40 * (i % 3)))
                let expected = clahe src w h 3 4.0 8 8 SimdPath.Scalar
                for path in Generators.vectorPathsAuto do
                    Expect.equal (clahe src w h 3 4.0 8 8 path) expected (sprintf "%d x %d %A" w h path)

        testCase "constant and alternating images (the histogram's worst case for repeated counters), widths 1 to 70, 1/3/4 channels" <| fun () ->
            let rng = Random(12)
            for c in [ 1; 3; 4 ] do
                for w in 1 .. 70 do
                    let h = [| 1; 3; 9; 17 |].[w % 4]
                    let tx, ty = 1 + w % 3, 1 + rng.Next 4
                    let v = byte (rng.Next 256)
                    for src, what in [ Array.create (w * h * c) v, "constant"
                                       Array.init (w * h * c) (fun i -> if (i / c) % 2 = 0 then v else 255uy - v), "alternating"
                                       Array.init (w * h * c) (fun i -> byte (i % c * 100) + v), "constant per channel" ] do
                        let expected = clahe src w h c 2.0 tx ty SimdPath.Scalar
                        for path in Generators.vectorPathsAuto do
                            Expect.equal (clahe src w h c 2.0 tx ty path) expected
                                (sprintf "%s, %d channels, %d x %d, tiles %d x %d, %A" what c w h tx ty path)

        testCase "worked answer: a uniform 20 x 16 image of 100, one tile, clip limit 1" <| fun () ->
            // OpenCV's clahe.cpp: area 320, limit max((int)(1 * 320 / 256), 1) = 1; bin 100 holds 320, so 319 are clipped,
            // batch 319 / 256 = 1 added to every bin, residual 63 spread one each over bins 0, 4, ..., 248 (step 256 / 63 = 4).
            // The sum up to bin 100: 101 (one each) + 1 (bin 100 kept its limit 1) + 26 (bins 0, 4, ..., 100) = 128;
            // 128 * 255 / 320 = 102 exactly. One tile: every pixel blends four copies of that entry: 102.
            let src = Array.create (20 * 16 * 3) 100uy
            for path in SimdPath.Scalar :: Generators.vectorPathsAuto do
                Expect.equal (clahe src 20 16 3 1.0 1 1 path) (Array.create (20 * 16 * 3) 102uy) (sprintf "%A" path)
    ]

let tests = testList "FastJitter" [ jitterTests; claheTests ]
