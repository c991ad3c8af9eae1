/// The fast byte filters: the fixed-point separable (Gaussian and box) filter and the median networks. Every vector
/// path against the scalar reference bit for bit on random and edge sizes (1 x N, N x 1, odd, smaller than the kernel),
/// the fixed-point filter within one level of the float32 filter, and known answers worked by hand.
module FastFilterTests

open System
open Expecto
open Augment
open Augment.Native
open Augment.Native.Kernels

let private vectorPaths = [ SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512; SimdPath.Auto ]
let private allPaths = SimdPath.Scalar :: vectorPaths

let private randomBytes (seed: int) n =
    let rng = Random(seed)
    let a = Array.zeroCreate<byte> n
    rng.NextBytes a
    a

/// Shapes (width, height): edge cases, odd sizes, and sizes smaller than most kernels.
let private shapes = [ 1, 1; 1, 17; 17, 1; 2, 3; 5, 4; 7, 7; 13, 9; 33, 5; 67, 21; 130, 3 ]

let private fixedB (src: byte[]) w h c (k: float32[]) (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.SeparableFilterFixed(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan k, ReadOnlySpan k, path)
    dst

let private fixedRef (src: byte[]) w h c (k: float32[]) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.SeparableFilterFixedReference(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan k, ReadOnlySpan k)
    dst

let private floatB (src: byte[]) w h c (k: float32[]) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.SeparableFilter(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan k, ReadOnlySpan k, SimdPath.Scalar)
    dst

let private kernels =
    [ for s in [ 0.3; 0.8; 1.0; 1.7; 3.0; 6.5 ] do
          let n = FilterKernels.GaussianSize s
          if n > 1 then yield sprintf "gaussian sigma %g (%d taps)" s n, FilterKernels.GaussianKernel(n, s)
      for n in [ 2; 3; 4; 5; 8; 15 ] do
          yield sprintf "box %d" n, FilterKernels.BoxKernel n ]

let private maxDiff (a: byte[]) (b: byte[]) = Array.fold2 (fun m (x: byte) (y: byte) -> max m (abs (int x - int y))) 0 a b

/// Images on which quantised weights err the most: stripes one and two columns or rows wide, a step, a checkerboard,
/// and random bytes.
let private structured w h c =
    [ "random", randomBytes (w * 31 + h) (w * h * c)
      "vertical stripes", Array.init (w * h * c) (fun i -> if (i / c % w) % 2 = 0 then 255uy else 0uy)
      "wide stripes", Array.init (w * h * c) (fun i -> if (i / c % w) / 2 % 2 = 0 then 255uy else 0uy)
      "horizontal stripes", Array.init (w * h * c) (fun i -> if (i / c / w) % 2 = 0 then 255uy else 0uy)
      "step", Array.init (w * h * c) (fun i -> if i / c % w < w / 2 then 0uy else 255uy)
      "checkerboard", Array.init (w * h * c) (fun i -> if (i / c % w + i / c / w) % 2 = 0 then 255uy else 0uy) ]

let private mediansB (src: byte[]) w h c size (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.MedianFilter(ReadOnlySpan src, Span dst, w, h, c, size, path)
    dst

let private medianRef (src: byte[]) w h c size =
    let dst = Array.zeroCreate src.Length
    FilterKernels.MedianFilterReference(ReadOnlySpan src, Span dst, w, h, c, size)
    dst

let private filterTests =
    testList "filters" [
        testCase "quantised Gaussian weights, sigma 1, 8 fraction bits, worked by hand" <| fun () ->
            // getGaussianKernel(7, 1): exp(-x^2/2) for x = 0, 1, 2, 3 is 1, 0.60653066, 0.13533528, 0.011108997; their
            // sum over -3..3 is 2.505949874, so the weights times 256 are 102.157, 61.961, 13.825, 1.1349. Floors
            // 102, 61, 13, 1 sum to 252 over the seven taps; the 4 missing units go to the largest fractional parts,
            // .961 (twice) and .825 (twice): 1, 14, 62, 102, 62, 14, 1, summing to 256.
            let q, _ = FilterKernels.QuantiseWeights(ReadOnlySpan(FilterKernels.GaussianKernel(7, 1.0)), 8)
            Expect.equal q [| 1; 14; 62; 102; 62; 14; 1 |] "largest-remainder weights"

        testCase "an impulse blurred by sigma 1 gives the integer weights" <| fun () ->
            // A 13 x 1 row with 255 at x = 6: no reflected tap reaches the impulse (taps span x - 3 .. x + 3 within
            // -3 .. 15, and reflect-101 maps only -6 and 18 onto 6). The row pass gives h(x) = 255 * w(9 - x) with the
            // weights above (8 fraction bits chosen: the bound is 255 * (0.175 + 0.039) * 2 / 256 = 0.43 level). One row
            // reflects onto itself, so the column pass gives 2^16 * h and the output is (2^16 h + 2^23) >> 24, h / 256
            // rounded half up: 255/256 -> 1, 3570/256 = 13.9 -> 14, 15810/256 = 61.8 -> 62, 26010/256 = 101.6 -> 102.
            let src = Array.zeroCreate<byte> 13
            src.[6] <- 255uy
            let k = FilterKernels.GaussianKernel(7, 1.0)
            for path in allPaths do
                Expect.equal (fixedB src 13 1 1 k path) [| 0uy; 0uy; 0uy; 1uy; 14uy; 62uy; 102uy; 62uy; 14uy; 1uy; 0uy; 0uy; 0uy |] (string path)
            Expect.equal (fixedRef src 13 1 1 k) [| 0uy; 0uy; 0uy; 1uy; 14uy; 62uy; 102uy; 62uy; 14uy; 1uy; 0uy; 0uy; 0uy |] "reference"

        testCase "a flat image stays flat" <| fun () ->
            // The integer weights sum to exactly 2^8 (or 2^16) per pass, so a constant c gives (c * 2^24 + 2^23) >> 24 = c.
            for name, k in kernels do
                for v in [ 0uy; 1uy; 128uy; 254uy; 255uy ] do
                    let src = Array.create (9 * 7 * 3) v
                    for path in allPaths do
                        Expect.all (fixedB src 9 7 3 k path) ((=) v) (sprintf "%s value %d %A" name v path)

        testCase "fixed-point separable filter: every path equals the scalar reference" <| fun () ->
            for name, k in kernels do
                for (w, h) in shapes do
                    for c in [ 1; 3; 4 ] do
                        let src = randomBytes (w * 1000 + h * 10 + c) (w * h * c)
                        let expected = fixedRef src w h c k
                        for path in allPaths do
                            Expect.equal (fixedB src w h c k path) expected (sprintf "%s %dx%dx%d %A" name w h c path)

        testCase "fixed-point separable filter is within one level of the float32 filter" <| fun () ->
            for name, k in kernels do
                for (w, h) in [ 1, 9; 9, 1; 5, 4; 40, 31; 64, 64 ] do
                    for c in [ 1; 3 ] do
                        for img, src in structured w h c do
                            let d = maxDiff (fixedB src w h c k SimdPath.Auto) (floatB src w h c k)
                            Expect.isLessThanOrEqual d 1 (sprintf "%s on %s %dx%dx%d" name img w h c)

        testCase "large kernels stay within one level (16-bit row weights or the float filter)" <| fun () ->
            for sigma in [ 12.0; 50.0 ] do
                let n = FilterKernels.GaussianSize sigma
                let k = FilterKernels.GaussianKernel(n, sigma)
                for img, src in structured 48 40 1 do
                    let d = maxDiff (fixedB src 48 40 1 k SimdPath.Auto) (floatB src 48 40 1 k)
                    Expect.isLessThanOrEqual d 1 (sprintf "sigma %g on %s" sigma img)
            for n in [ 31; 99 ] do
                let k = FilterKernels.BoxKernel n
                for img, src in structured 48 40 3 do
                    let d = maxDiff (fixedB src 48 40 3 k SimdPath.Auto) (floatB src 48 40 3 k)
                    Expect.isLessThanOrEqual d 1 (sprintf "box %d on %s" n img)

        testCase "the quantisation bound holds for every kernel the ops can build" <| fun () ->
            // GaussianBlur allows sigma up to 50 and BoxBlur sizes up to 99: every such kernel gets a fixed-point plan.
            for sigma in [ 0.1 .. 0.1 .. 50.0 ] do
                let n = FilterKernels.GaussianSize sigma
                if n > 1 then
                    let k = FilterKernels.GaussianKernel(n, sigma)
                    let plan = FilterKernels.QuantiseSeparable(ReadOnlySpan k, ReadOnlySpan k)
                    Expect.isNotNull plan (sprintf "sigma %g" sigma)
                    Expect.isLessThan plan.Bound 1.0 (sprintf "sigma %g" sigma)
                    // Symmetric kernels quantise symmetric (the passes fold mirrored taps) and sum to a power of two.
                    Expect.equal plan.X (Array.rev plan.X) (sprintf "sigma %g: row weights symmetric" sigma)
                    Expect.equal plan.Y (Array.rev plan.Y) (sprintf "sigma %g: column weights symmetric" sigma)
                    Expect.equal (Array.sum plan.X) (1 <<< plan.XBits) (sprintf "sigma %g: row weights sum" sigma)
                    Expect.equal (Array.sum plan.Y) 65536 (sprintf "sigma %g: column weights sum" sigma)
            for n in 2 .. 99 do
                let k = FilterKernels.BoxKernel n
                let plan = FilterKernels.QuantiseSeparable(ReadOnlySpan k, ReadOnlySpan k)
                Expect.isNotNull plan (sprintf "box %d" n)
                Expect.equal plan.X (Array.rev plan.X) (sprintf "box %d: symmetric" n)
                Expect.equal (Array.sum plan.X) (1 <<< plan.XBits) (sprintf "box %d: row weights sum" n)

        testCase "fixed-point filter refuses kernels it cannot run" <| fun () ->
            let src = Array.zeroCreate<byte> 12
            let dst = Array.zeroCreate<byte> 12
            let run (k: float32[]) = FilterKernels.SeparableFilterFixed(ReadOnlySpan src, Span dst, 4, 3, 1, ReadOnlySpan k, ReadOnlySpan [| 1f |])
            BadInput.expectArg "kernelX" [ "was -0.25"; "non-negative" ] (fun () -> run [| -0.25f; 1.5f; -0.25f |])
            BadInput.expectArg "kernelX" [ "summing to 1" ] (fun () -> run [| 0.5f; 0.6f |])
            BadInput.expectArg "kernelX" [ "at least one weight" ] (fun () -> run [||])

        testCase "3x3 median network: all 512 0/255 windows" <| fun () ->
            // The 0-1 principle (Knuth, TAOCP vol. 3, 5.3.4, exercise 17 for selection networks): a comparator network
            // that selects the median of every 0-1 input selects it for every input. Window b is columns 3b .. 3b+2 of a
            // 3-row image, bit t of b giving window value t (row t / 3, column t % 3); the output at (1, 3b + 1) reads
            // exactly that window, and its median is 255 when five or more bits are set.
            let w = 3 * 512
            let src = Array.zeroCreate<byte> (3 * w)
            for b in 0 .. 511 do
                for t in 0 .. 8 do
                    if (b >>> t) &&& 1 = 1 then src.[(t / 3) * w + 3 * b + t % 3] <- 255uy
            for path in allPaths do
                let out = mediansB src w 3 1 3 path
                for b in 0 .. 511 do
                    let ones = Seq.sum [ for t in 0 .. 8 -> (b >>> t) &&& 1 ]
                    Expect.equal out.[w + 3 * b + 1] (if ones >= 5 then 255uy else 0uy) (sprintf "window %d, %A" b path)

        testCase "selection networks pick the median of random windows" <| fun () ->
            let rng = Random(7)
            for m in [ 9; 25; 49 ] do
                let net = FilterKernels.SelectionNetwork(m, m / 2)
                for _ in 1 .. 2000 do
                    let v = Array.init m (fun _ -> rng.Next 256)
                    let w = Array.copy v
                    for struct (lo, hi) in net do
                        let a, b = w.[lo], w.[hi]
                        w.[lo] <- min a b
                        w.[hi] <- max a b
                    Expect.equal w.[m / 2] (Array.sort v).[m / 2] (sprintf "%d inputs" m)

        testCase "3x3 median of a worked patch" <| fun () ->
            // The window 200 10 10 / 10 200 200 / 50 50 10 sorted is 10 10 10 10 50 50 200 200 200: the fifth is 50.
            let src = [| 200uy; 10uy; 10uy; 10uy; 200uy; 200uy; 50uy; 50uy; 10uy |]
            for path in allPaths do
                Expect.equal (mediansB src 3 3 1 3 path).[4] 50uy (string path)

        testCase "median: every path equals the sorting reference" <| fun () ->
            for size in [ 3; 5; 7; 9 ] do
                for (w, h) in shapes do
                    for c in [ 1; 3; 4 ] do
                        let src = randomBytes (size * 7919 + w * 100 + h * 10 + c) (w * h * c)
                        let expected = medianRef src w h c size
                        for path in allPaths do
                            Expect.equal (mediansB src w h c size path) expected (sprintf "size %d %dx%dx%d %A" size w h c path)

        testCase "box kernels (running column sums): every path equals the fixed-point reference, sizes 2 to 99" <| fun () ->
            // Box weights quantise to two values one apart, so the column pass runs on running sums; tall and short
            // images (heights below, at and above the kernel, odd and even) exercise the reflected rows entering and leaving.
            for n in [ 2; 3; 4; 5; 7; 8; 9; 15; 16; 31; 64; 99 ] do
                let k = FilterKernels.BoxKernel n
                for (w, h) in [ 1, 1; 1, 41; 3, 2; 5, 7; 17, 9; 33, 16; 70, 3; 70, 13; 23, n; 9, n + 1; 11, 2 * n + 3 ] do
                    for c in [ 1; 3; 4 ] do
                        let src = randomBytes (n * 1000 + w * 10 + h + c) (w * h * c)
                        let expected = fixedRef src w h c k
                        for path in allPaths do
                            Expect.equal (fixedB src w h c k path) expected (sprintf "box %d %dx%dx%d %A" n w h c path)
                        let flat = Array.create (w * h * c) 255uy
                        for path in allPaths do
                            Expect.equal (fixedB flat w h c k path) flat (sprintf "flat 255, box %d %dx%dx%d %A" n w h c path)

        testCase "box row pass on two 16-bit weights (S and corrections by vpmaddwd): every path equals the fixed-point reference, widths 1 to 70" <| fun () ->
            // Boxes whose 8-bit row weights err too much get 16-bit ones taking two values one apart (box 9: 7281 and
            // 7282), which the AVX-512 BW / AVX2 row pass sums as m * S +- corrections; widths 1 to 70 cover rows shorter
            // than a vector and the overlapped last vector, all 255 each sum's largest value.
            for n in [ 3; 5; 7; 9; 11; 25; 99 ] do
                let k = FilterKernels.BoxKernel n
                let plan = FilterKernels.QuantiseSeparable(ReadOnlySpan k, ReadOnlySpan k)
                if n = 9 then Expect.equal plan.XBits 16 "box 9 runs the 16-bit row weights"
                for w in 1 .. 70 do
                    let h = [| 1; 3; 5; 9; 2 |].[w % 5]
                    for c in [ 1; 3; 4 ] do
                        let src = randomBytes (n * 7001 + w * 10 + c) (w * h * c)
                        let expected = fixedRef src w h c k
                        for path in allPaths do
                            Expect.equal (fixedB src w h c k path) expected (sprintf "box %d %dx%dx%d %A" n w h c path)
                        let flat = Array.create (w * h * c) 255uy
                        for path in [ SimdPath.Vector256; SimdPath.Vector512; SimdPath.Auto ] do
                            Expect.equal (fixedB flat w h c k path) flat (sprintf "flat 255, box %d %dx%dx%d %A" n w h c path)

        testCase "16-bit row weights by vpmaddwd (Gaussian kernels, mirrored sums): every path equals the fixed-point reference, widths 1 to 70" <| fun () ->
            // Gaussians whose 8-bit row weights err too much run both passes by vpmaddwd on AVX2 / AVX-512 (rows as
            // h - 32768 in short lanes); sigma 42 (253 taps) is the longest kernel it takes, 43 (259 taps) falls back,
            // sigma 0.8 (centre weight above 32767) too. Random bytes, bytes of only 0 and 255, and all 255 (each
            // sum's largest value); widths 1 to 70 cover rows shorter than a vector and the overlapped last step.
            for sigma in [ 0.8; 1.0; 1.7; 3.0; 6.5; 42.0; 43.0 ] do
                let n = FilterKernels.GaussianSize sigma
                let k = FilterKernels.GaussianKernel(n, sigma)
                let plan = FilterKernels.QuantiseSeparable(ReadOnlySpan k, ReadOnlySpan k)
                if sigma >= 1.7 then Expect.equal plan.XBits 16 (sprintf "sigma %g runs the 16-bit row weights" sigma)
                let widths = if n > 100 then [ 1; 15; 16; 17; 70; 200 ] else [ 1 .. 70 ]
                for w in widths do
                    let h = [| 1; 3; 5; 9; 2; 23 |].[w % 6]
                    for c in [ 1; 3; 4 ] do
                        let rnd = randomBytes (n * 7001 + w * 10 + c) (w * h * c)
                        for name, src in [ "random", rnd; "0/255", rnd |> Array.map (fun b -> if b &&& 1uy = 0uy then 0uy else 255uy)
                                           "255", Array.create (w * h * c) 255uy ] do
                            let expected = fixedRef src w h c k
                            for path in allPaths do
                                Expect.equal (fixedB src w h c k path) expected (sprintf "%s sigma %g %dx%dx%d %A" name sigma w h c path)

        testCase "16-bit row weights by vpmaddwd: an asymmetric column kernel of even length, and an even row kernel" <| fun () ->
            // The column pass pairs consecutive rows with any weights; the row pass needs a symmetric kernel (an
            // asymmetric one falls back), of odd or even length.
            let norm (a: float32[]) = let s = Array.sum a in a |> Array.map (fun v -> v / s)
            let gauss = FilterKernels.GaussianKernel(19, 3.0)
            let ramp = norm (Array.init 20 (fun i -> float32 (i + 1)))
            let evenX = norm [| 1f; 2f; 3f; 5f; 8f; 8f; 5f; 3f; 2f; 1f |]
            for kx, ky, name in [ gauss, ramp, "gauss x, ramp y"; evenX, gauss, "even x, gauss y"; ramp, gauss, "ramp x" ] do
                let plan = FilterKernels.QuantiseSeparable(ReadOnlySpan kx, ReadOnlySpan ky)
                Expect.equal plan.XBits 16 (sprintf "%s: 16-bit row weights" name)
                for (w, h) in [ 6, 7; 17, 3; 40, 31; 67, 21 ] do
                    for c in [ 1; 3; 4 ] do
                        let src = randomBytes (w * 100 + h * 10 + c) (w * h * c)
                        let expected = Array.zeroCreate src.Length
                        FilterKernels.SeparableFilterFixedReference(ReadOnlySpan src, Span expected, w, h, c, ReadOnlySpan kx, ReadOnlySpan ky)
                        for path in allPaths do
                            let dst = Array.zeroCreate src.Length
                            FilterKernels.SeparableFilterFixed(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan kx, ReadOnlySpan ky, path)
                            Expect.equal dst expected (sprintf "%s %dx%dx%d %A" name w h c path)

        testCase "median 5 x 5 and 7 x 7 by sorted columns: every path equals sorting, widths 1 to 70" <| fun () ->
            // Random bytes, and bytes of only 0 and 255 (where ties are everywhere and a dropped comparator shows).
            for size in [ 5; 7 ] do
                for w in 1 .. 70 do
                    let h = [| 1; 3; 5; 7; 9; 2 |].[w % 6]
                    for c in [ 1; 3; 4 ] do
                        let rnd = randomBytes (size * 1000 + w * 10 + c) (w * h * c)
                        for name, src in [ "random", rnd; "0/255", rnd |> Array.map (fun b -> if b &&& 1uy = 0uy then 0uy else 255uy) ] do
                            let expected = medianRef src w h c size
                            for path in allPaths do
                                Expect.equal (mediansB src w h c size path) expected (sprintf "%s size %d %dx%dx%d %A" name size w h c path)
    ]

let private f2dB (src: byte[]) w h c (k: float32[]) kw kh (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.Filter2D(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan k, kw, kh, path)
    dst

let private f2dRefB (src: byte[]) w h c (k: float32[]) kw kh =
    let dst = Array.zeroCreate src.Length
    FilterKernels.Filter2DReference(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan k, kw, kh)
    dst

let private f2dF (src: float32[]) w h c (k: float32[]) kw kh (r: ValueRange) (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.Filter2D(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan k, kw, kh, r, path)
    dst |> Array.map BitConverter.SingleToInt32Bits

let private f2dRefF (src: float32[]) w h c (k: float32[]) kw kh (r: ValueRange) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.Filter2DReference(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan k, kw, kh, r)
    dst |> Array.map BitConverter.SingleToInt32Bits

/// Kernels with many zero taps (both +0 and -0, which the byte paths skip), the line and disc kernels of the ops, and
/// dense random ones, each (name, weights, width, height).
let private filter2DKernels (seed: int) =
    let rnd = Random seed
    let sparse kw kh =
        Array.init (kw * kh) (fun _ ->
            match rnd.Next 4 with
            | 0 -> 0f
            | 1 -> -0f
            | _ -> float32 (rnd.NextDouble() - 0.3))
    let side, disc = Ops.defocusKernel (1 + rnd.Next 5) (0.1 + rnd.NextDouble())
    [ "sparse 5x3", sparse 5 3, 5, 3
      "sparse 1x7", sparse 1 7, 1, 7
      "sparse 9x9", sparse 9 9, 9, 9
      "all zero 3x3", Array.init 9 (fun i -> if i % 2 = 0 then 0f else -0f), 3, 3
      "dense 4x2", Array.init 8 (fun _ -> float32 (rnd.NextDouble() - 0.5)), 4, 2
      "motion 7", Ops.motionKernel 7 (rnd.NextDouble() * 360.0) (rnd.NextDouble() * 2.0 - 1.0), 7, 7
      "motion 15", Ops.motionKernel 15 (rnd.NextDouble() * 360.0) 0.0, 15, 15
      "defocus", disc, side, side ]

let private filter2DTests =
    testList "filter2D" [
        testCase "2-D filter: every path equals the scalar reference bit for bit, widths 1 to 70" <| fun () ->
            for w in 1 .. 70 do
                let h = [| 1; 3; 5; 7; 2 |].[w % 5]
                for c in [ 1; 3; 4 ] do
                    for (name, k, kw, kh) in filter2DKernels (w * 10 + c) do
                        let src = randomBytes (w * 131 + c * 7 + kw) (w * h * c)
                        let expected = f2dRefB src w h c k kw kh
                        let fs = Array.init (w * h * c) (fun i -> float32 src.[i] / 127.5f - 1f)
                        let expectedF = f2dRefF fs w h c k kw kh ValueRange.Symmetric
                        for path in allPaths do
                            Expect.equal (f2dB src w h c k kw kh path) expected (sprintf "bytes %s %dx%dx%d %A" name w h c path)
                            Expect.equal (f2dF fs w h c k kw kh ValueRange.Symmetric path) expectedF (sprintf "floats %s %dx%dx%d %A" name w h c path)

        testCase "2-D filter: odd heights and the ops' kernels at a few hundred columns" <| fun () ->
            for (w, h) in [ 224, 9; 131, 17; 257, 3 ] do
                for (name, k, kw, kh) in filter2DKernels (w + h) do
                    let src = randomBytes (w * h) (w * h * 3)
                    let expected = f2dRefB src w h 3 k kw kh
                    for path in allPaths do
                        Expect.equal (f2dB src w h 3 k kw kh path) expected (sprintf "%s %dx%d %A" name w h path)

        testCase "2-D filter: extreme weights (overflow to infinity, subnormals, zeros of both signs)" <| fun () ->
            // 255 * 3e38 overflows float32 to +infinity, -3e38 to -infinity, and a sum of both is NaN; 1e-45 is the
            // smallest subnormal. Bytes 0 and 255 appear on purpose: 0 * 3e38 is +0, 255 * 3e38 is +infinity.
            let kernels =
                [ "huge", [| 3e38f; 0f; 3e38f; -0f; 1f; 0f; 3e38f; 0f; 3e38f |]
                  "huge of both signs", [| 3e38f; 0f; -3e38f; -0f; 1f; 0f; -3e38f; 0f; 3e38f |]
                  "subnormal", [| 1e-45f; 0f; 1e-45f; -0f; 1e-45f; 0f; 1e-45f; 0f; 1e-45f |]
                  "negative", [| -1f; 0f; -1f; -0f; -2f; 0f; -1f; 0f; -1f |] ]
            for (name, k) in kernels do
                for (w, h) in [ 1, 1; 17, 3; 70, 5 ] do
                    for c in [ 1; 3; 4 ] do
                        let src = Array.init (w * h * c) (fun i -> match i % 5 with 0 -> 0uy | 1 -> 255uy | j -> byte (j * 50))
                        let expected = f2dRefB src w h c k 3 3
                        let fs = Array.init (w * h * c) (fun i -> float32 src.[i])
                        let expectedF = f2dRefF fs w h c k 3 3 (ValueRange(0f, 255f))
                        for path in allPaths do
                            Expect.equal (f2dB src w h c k 3 3 path) expected (sprintf "bytes %s %dx%dx%d %A" name w h c path)
                            Expect.equal (f2dF fs w h c k 3 3 (ValueRange(0f, 255f)) path) expectedF (sprintf "floats %s %dx%dx%d %A" name w h c path)

        testCase "2-D filter on floats keeps zero taps: 0 * infinity is NaN" <| fun () ->
            // A kernel [1, 0, 1] on the row [1, inf, 1]: the middle output is 1 * 1 + 0 * inf + 1 * 1 = NaN by IEEE 754
            // (0 * inf is invalid), then clamped; skipping the zero tap would give 2. Each path must give the reference's bits.
            let src = [| 1f; infinityf; 1f; 1f |]
            let k = [| 1f; 0f; 1f |]
            let expected = f2dRefF src 4 1 1 k 3 1 (ValueRange(0f, 10f))
            for path in allPaths do
                Expect.equal (f2dF src 4 1 1 k 3 1 (ValueRange(0f, 10f)) path) expected (string path)

        testCase "MotionBlur and Defocus reuse a kernel only for the same parameters" <| fun () ->
            // Parameters A, B, A, B through one thread: each output must be the reference filter with that draw's kernel.
            let img = Image.FromBytes(37, 11, 3, ReadOnlySpan(randomBytes 5 (37 * 11 * 3)))
            let src = img.Bytes.ToArray()
            let motion (p: MotionBlurParams) = Aug.replay (Ops.motionBlur 3 15 (Sampler.uniform 0.0 360.0) (Sampler.uniform -1.0 1.0)) (Trace.Applied("MotionBlur", box p)) (Sample.ofImage img)
            let defocus (p: DefocusParams) = Aug.replay (Ops.defocus 1 9 (Sampler.uniform 0.1 0.5)) (Trace.Applied("Defocus", box p)) (Sample.ofImage img)
            let ma = { Size = 7; Angle = 30.0; Direction = 0.0 }
            let mb = { Size = 7; Angle = 30.0; Direction = -0.5 }
            let mc = { Size = 9; Angle = 30.0; Direction = 0.0 }
            for p in [ ma; mb; ma; mc; ma ] do
                let expected = f2dRefB src 37 11 3 (Ops.motionKernel p.Size p.Angle p.Direction) p.Size p.Size
                Expect.equal ((motion p).Image.Bytes.ToArray()) expected (sprintf "%A" p)
            for p in [ { Radius = 3; AliasBlur = 0.2 }; { Radius = 3; AliasBlur = 0.3 }; { Radius = 3; AliasBlur = 0.2 }; { Radius = 9; AliasBlur = 0.2 } ] do
                let side, k = Ops.defocusKernel p.Radius p.AliasBlur
                Expect.equal ((defocus p).Image.Bytes.ToArray()) (f2dRefB src 37 11 3 k side side) (sprintf "%A" p)
    ]

let private grayB (src: byte[]) sc dc (path: SimdPath) =
    let dst = Array.zeroCreate (src.Length / sc * dc)
    PixelKernels.Grayscale(ReadOnlySpan src, Span dst, sc, dc, path)
    dst

let private grayTests =
    testList "gray" [
        testCase "grayscale: every path equals the scalar reference on all 2^24 RGB triples" <| fun () ->
            // The float32 definition is kept on bytes: OpenCV's 14-bit fixed point ((4899 R + 9617 G + 1868 B + 2^13)
            // >> 14) differs from it on 32,197 of the 2^24 triples, 16-bit weights on 8,638 and the exact decimal
            // 0.299/0.587/0.114 with ties to even on 1,244 (counted once by an exhaustive throwaway loop), so no integer
            // formula replaces it; the vector paths must give its bits.
            let src = Array.init (3 <<< 24) (fun i -> let p = i / 3 in byte (p >>> (8 * (2 - i % 3))))
            let expected = grayB src 3 1 SimdPath.Scalar
            for path in vectorPaths do
                Expect.isTrue ((grayB src 3 1 path).AsSpan().SequenceEqual(ReadOnlySpan expected)) (sprintf "3 -> 1 %A" path)

        testCase "grayscale to 3 channels: every path equals the scalar reference on all 2^24 RGB triples" <| fun () ->
            // The AVX2 RGB loop (32 pixels a step) writes 3 channels through its own shuffles and lane permutes.
            let src = Generators.allRgbTriples.Force()
            let expected = grayB src 3 3 SimdPath.Scalar
            for path in Generators.vectorPathsAuto do
                Expect.isTrue ((grayB src 3 3 path).AsSpan().SequenceEqual(ReadOnlySpan expected)) (sprintf "3 -> 3 %A" path)

        testCase "grayscale from RGB: every width 0 to 70 and around the 32-pixel step, 1 and 3 channels out" <| fun () ->
            for dc in [ 1; 3 ] do
                for pixels in [ 0 .. 70 ] @ [ 95; 96; 97; 98; 99; 100; 130; 1001 ] do
                    let src = randomBytes (pixels * 13 + dc) (pixels * 3)
                    let expected = grayB src 3 dc SimdPath.Scalar
                    for path in Generators.vectorPathsAuto do
                        Expect.equal (grayB src 3 dc path) expected (sprintf "3 -> %d, %d pixels, %A" dc pixels path)

        testCase "grayscale: channel layouts and odd lengths on every path" <| fun () ->
            for (sc, dc) in [ 3, 1; 3, 3; 4, 1; 4, 3; 4, 4 ] do
                for pixels in [ 0; 1; 15; 16; 17; 31; 33; 64; 65; 100; 257; 1000 ] do
                    let src = randomBytes (pixels * 10 + sc + dc) (pixels * sc)
                    let expected = grayB src sc dc SimdPath.Scalar
                    for path in vectorPaths do
                        Expect.equal (grayB src sc dc path) expected (sprintf "%d -> %d, %d pixels, %A" sc dc pixels path)

        testCase "grayscale of worked pixels" <| fun () ->
            // 0.299f * 255 + 0.587f * 0 + 0.114f * 0 = 76.245 -> 76; (0, 255, 0) -> 149.685 -> 150; (0, 0, 255) -> 29.07
            // -> 29; (255, 255, 255) -> 255; alpha 7 is kept in the 4th channel.
            let src = [| 255uy; 0uy; 0uy; 7uy; 0uy; 255uy; 0uy; 7uy; 0uy; 0uy; 255uy; 7uy; 255uy; 255uy; 255uy; 7uy |]
            for path in SimdPath.Scalar :: vectorPaths do
                Expect.equal (grayB src 4 4 path) [| 76uy; 76uy; 76uy; 7uy; 150uy; 150uy; 150uy; 7uy; 29uy; 29uy; 29uy; 7uy; 255uy; 255uy; 255uy; 7uy |] (string path)
    ]

let tests = testList "FastFilters" [ filterTests; filter2DTests; grayTests ]
