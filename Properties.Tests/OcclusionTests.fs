/// Blur, noise and quality ops (MotionBlur, Defocus, MultiplicativeNoise, SaltAndPepper, Downscale), occlusion
/// (CoarseDropout, RandomErasing, GridDropout, XYMasking, GridMask) and batch ops (Mosaic, LabelSmoothing): known
/// answers worked by hand (each says how), the Filter2D vector paths against the scalar reference bit for bit,
/// identities, value ranges, replays through JSON, determinism across threads, and bad input.
module OcclusionTests

open System
open System.Runtime.InteropServices
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native
open Augment.Native.Kernels
open Generators

let private run (aug: Aug) (seed: int) (s: Sample) = Aug.run aug (Seed.ofInt seed) s
let private runImg (aug: Aug) (seed: int) (img: Image) = (fst (run aug seed (Sample.ofImage img))).Image

let private replayOne (aug: Aug) (name: string) (p: obj) (s: Sample) = Aug.replay aug (Trace.Applied(name, p)) s

let private constImage (w: int) (h: int) (c: int) (v: byte) = Image.FromBytes(w, h, c, ReadOnlySpan(Array.create (w * h * c) v))

let private f2dB (src: byte[]) w h c (k: float32[]) kw kh (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.Filter2D(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan k, kw, kh, path)
    dst

let private f2dF (src: float32[]) w h c (k: float32[]) kw kh (r: ValueRange) (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    FilterKernels.Filter2D(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan k, kw, kh, r, path)
    dst

let private paths = [ SimdPath.Scalar; SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512 ] |> List.filter (fun p -> p = SimdPath.Scalar || p <= Simd.Best)

/// Every op of these sections, with parameters that make it do something on small images.
let private allOps () =
    [ "MotionBlur", Ops.motionBlur 3 7 (Sampler.uniform 0.0 360.0) (Sampler.uniform -1.0 1.0)
      "Defocus", Ops.defocus 1 4 (Sampler.uniform 0.1 0.5)
      "MultiplicativeNoise", Ops.multiplicativeNoise 0.8 1.3 true false
      "MultiplicativeNoise", Ops.multiplicativeNoise 0.8 1.3 false true
      "SaltAndPepper", Ops.saltAndPepper (Sampler.uniform 0.05 0.3) (Sampler.uniform 0.3 0.7)
      "Downscale", Ops.downscale (Sampler.uniform 0.3 0.9) Interpolation.Area Interpolation.Bilinear
      "CoarseDropout", Ops.coarseDropout 1 3 (Sampler.uniform 0.1 0.5) (Sampler.uniform 0.1 0.5) 0.25 -1
      "RandomErasing", Ops.randomErasing 0.02 0.33 0.3 3.3 0.75
      "GridDropout", Ops.gridDropout 0.5 2 2 true 0 0 0.0 -1
      "XYMasking", Ops.xyMasking 1 0 1 1 0 1 1.0 -1
      "GridMask", Ops.gridMask (Sampler.uniform 0.2 0.5) 0.15 0.0
      "LabelSmoothing", Ops.labelSmoothing 0.1 ]

let tests =
    testList "blur, noise, occlusion and batch ops" [

        testList "Filter2D" [
            test "known answer: a 3 x 1 mean along a row, reflect-101" {
                // Row [0, 90, 180], weights 1/3 each. Reflect-101 reads x = -1 as x = 1 and x = 3 as x = 1:
                // x0 = (90 + 0 + 90) / 3 = 60, x1 = (0 + 90 + 180) / 3 = 90, x2 = (90 + 180 + 90) / 3 = 120.
                let k = Array.create 3 (1f / 3f)
                for p in paths do
                    Expect.equal (f2dB [| 0uy; 90uy; 180uy |] 3 1 1 k 3 1 p) [| 60uy; 90uy; 120uy |] (string p)
            }
            test "vector paths equal the scalar reference bit for bit on edge sizes" {
                let kernels = [ 1, 1; 3, 3; 5, 3; 3, 5; 7, 7; 2, 4 ]
                for (w, h) in edgeDims @ [ 40, 6 ] do
                    for c in [ 1; 3; 4 ] do
                        for (kw, kh) in kernels do
                            let rnd = Random(w * 31 + h * 7 + c + kw)
                            let k = Array.init (kw * kh) (fun _ -> float32 (rnd.NextDouble() - 0.3))
                            let src = fillBytes (w + h + c) (w * h * c)
                            let refB = Array.zeroCreate src.Length
                            FilterKernels.Filter2DReference(ReadOnlySpan src, Span refB, w, h, c, ReadOnlySpan k, kw, kh)
                            let fs = fillFloats (w + h) (w * h * c) ValueRange.Symmetric
                            let refF = Array.zeroCreate fs.Length
                            FilterKernels.Filter2DReference(ReadOnlySpan fs, Span refF, w, h, c, ReadOnlySpan k, kw, kh, ValueRange.Symmetric)
                            for p in paths do
                                Expect.equal (f2dB src w h c k kw kh p) refB (sprintf "bytes %dx%dx%d k %dx%d %A" w h c kw kh p)
                                Expect.equal (f2dF fs w h c k kw kh ValueRange.Symmetric p |> Array.map BitConverter.SingleToInt32Bits)
                                             (refF |> Array.map BitConverter.SingleToInt32Bits) (sprintf "floats %dx%dx%d k %dx%d %A" w h c kw kh p)
            }
            test "bad input names the parameter" {
                let e = Expect.throwsC (fun () -> f2dB [| 1uy |] 1 1 1 [| 1f; 1f |] 1 1 SimdPath.Auto |> ignore) id
                Expect.equal (e :?> ArgumentException).ParamName "kernel" "kernel length"
                let e = Expect.throwsC (fun () -> f2dB [| 1uy |] 1 1 1 [||] 0 1 SimdPath.Auto |> ignore) id
                Expect.equal (e :?> ArgumentException).ParamName "kernelWidth" "kernel width"
                let e = Expect.throwsC (fun () -> f2dB [| 1uy |] 1 1 1 [| nanf |] 1 1 SimdPath.Auto |> ignore) id
                Expect.equal (e :?> ArgumentException).ParamName "kernel" "finite weights"
            }
        ]

        testList "blur and noise" [
            test "MotionBlur kernel: albumentations' line for size 3, angles 0 and 90" {
                // c = 1, t = linspace(-1, 1, 6) = -1, -0.6, -0.2, 0.2, 0.6, 1; x = 1 + t rounds to 0, 0, 1, 1, 2, 2 and
                // y = 1: the middle row, three cells of 1/3. At 90 degrees x = 1 + cos(90) t rounds to 1: the middle column.
                let third = 1f / 3f
                Expect.equal (Ops.motionKernel 3 0.0 0.0) [| 0f; 0f; 0f; third; third; third; 0f; 0f; 0f |] "angle 0"
                Expect.equal (Ops.motionKernel 3 90.0 0.0) [| 0f; third; 0f; 0f; third; 0f; 0f; third; 0f |] "angle 90"
            }
            test "MotionBlur known answer: a horizontal line blurs a vertical edge" {
                // Row [0, 0, 255, 255] with weights 1/3 along x (angle 0, size 3), reflect-101:
                // x0 = 0, x1 = (0 + 0 + 255) / 3 = 85, x2 = (0 + 255 + 255) / 3 = 170, x3 = (255 + 255 + 255) / 3 = 255.
                let img = Image.FromBytes(4, 1, 1, ReadOnlySpan [| 0uy; 0uy; 255uy; 255uy |])
                let out = runImg (Ops.motionBlur 3 3 (Sampler.constant 0.0) (Sampler.constant 0.0)) 1 img
                Expect.equal (out.Bytes.ToArray()) [| 0uy; 85uy; 170uy; 255uy |] "row"
            }
            test "Defocus kernel: the radius-3 disc has 29 cells, each 1/29 with a negligible Gaussian" {
                // |x| = 0: 7 cells, |x| = 1: 2 * 5, |x| = 2: 2 * 5, |x| = 3: 2 * 1, so 29 in the 17 x 17 grid (R = 8);
                // sigma 0.01 makes the 3-tap Gaussian [0, 1, 0], so the kernel is the normalised disc itself.
                let side, k = Ops.defocusKernel 3 0.01
                Expect.equal side 17 "side"
                Expect.equal (k |> Array.filter (fun v -> v > 0f) |> Array.length) 29 "cells"
                Expect.equal k.[8 * 17 + 8] (1f / 29f) "weight"
                Expect.floatClose Accuracy.medium (k |> Array.sumBy float) 1.0 "sums to 1"
            }
            test "Defocus and MotionBlur keep a constant image" {
                let img = constImage 20 11 3 137uy
                for aug in [ Ops.defocus 2 9 (Sampler.uniform 0.1 0.5); Ops.motionBlur 3 9 (Sampler.uniform 0.0 360.0) (Sampler.uniform -1.0 1.0) ] do
                    for s in 0 .. 4 do
                        Expect.isTrue ((runImg aug s img).ContentEquals img) "constant"
            }
            test "MultiplicativeNoise known answers" {
                // 100 * 1.5 = 150 on every channel (one factor); element-wise with low = high = 2: 100 * 2 = 200.
                let img = constImage 5 4 3 100uy
                Expect.isTrue ((runImg (Ops.multiplicativeNoise 1.5 1.5 false false) 1 img).ContentEquals(constImage 5 4 3 150uy)) "global"
                Expect.isTrue ((runImg (Ops.multiplicativeNoise 2.0 2.0 true true) 1 img).ContentEquals(constImage 5 4 3 200uy)) "element-wise"
                // low = high = 1 is the identity, on every variant.
                for pc in [ true; false ] do
                    for ew in [ true; false ] do
                        let x = makeImage ElementType.Byte 3 (9, 7) 4 ValueRange.Byte
                        Expect.isTrue ((runImg (Ops.multiplicativeNoise 1.0 1.0 pc ew) 3 x).ContentEquals x) "identity"
            }
            test "MultiplicativeNoise element-wise: per pixel or per sample, from Philox by index" {
                let img = constImage 16 16 3 100uy
                let px = (runImg (Ops.multiplicativeNoise 0.5 1.5 false true) 9 img).Bytes.ToArray()
                for p in 0 .. 255 do
                    Expect.isTrue (px.[3 * p] = px.[3 * p + 1] && px.[3 * p] = px.[3 * p + 2]) "one factor per pixel"
                Expect.isGreaterThan (Array.distinct px |> Array.length) 30 "factors vary"
                let pc = (runImg (Ops.multiplicativeNoise 0.5 1.5 true true) 9 img).Bytes.ToArray()
                Expect.isTrue (Seq.exists (fun p -> pc.[3 * p] <> pc.[3 * p + 1]) [ 0 .. 255 ]) "one factor per sample"
                Expect.isTrue (Array.forall (fun v -> v >= 50uy && v <= 150uy) pc) "in [50, 150]"
            }
            test "SaltAndPepper: amount 1 with all salt or all pepper, amount 0 the identity, the rate near amount" {
                let img = makeImage ElementType.Float32 3 (12, 9) 5 ValueRange.Symmetric
                let all v = Array.forall (fun x -> x = v)
                Expect.isTrue (all 1f ((runImg (Ops.saltAndPepper (Sampler.constant 1.0) (Sampler.constant 1.0)) 1 img).Floats.ToArray())) "salt"
                Expect.isTrue (all -1f ((runImg (Ops.saltAndPepper (Sampler.constant 1.0) (Sampler.constant 0.0)) 1 img).Floats.ToArray())) "pepper"
                Expect.isTrue ((runImg (Ops.saltAndPepper (Sampler.constant 0.0) (Sampler.constant 0.5)) 1 img).ContentEquals img) "identity"
                let big = constImage 100 100 1 128uy
                let out = (runImg (Ops.saltAndPepper (Sampler.constant 0.3) (Sampler.constant 0.5)) 2 big).Bytes.ToArray()
                let salt = out |> Array.filter ((=) 255uy) |> Array.length
                let pepper = out |> Array.filter ((=) 0uy) |> Array.length
                // Binomial(10000, 0.3): sd 46; within 5 sd of 3000. Salt share binomial(3000, 0.5): sd 27.
                Expect.isTrue (abs (salt + pepper - 3000) < 230) (sprintf "%d noisy" (salt + pepper))
                Expect.isTrue (abs (salt - pepper) < 280) (sprintf "%d salt, %d pepper" salt pepper)
            }
            test "Downscale known answer, not fused away, scale 1 the identity" {
                // Row [0, 100, 200, 40], scale 0.5: area down to 2 x 1 = [50, 120]; nearest up reads source column
                // floor((j + 0.5) / 2): [50, 50, 120, 120].
                let img = Image.FromBytes(4, 2, 1, ReadOnlySpan [| 0uy; 100uy; 200uy; 40uy; 0uy; 100uy; 200uy; 40uy |])
                let out = runImg (Ops.downscale (Sampler.constant 0.5) Interpolation.Area Interpolation.Nearest) 1 img
                Expect.equal (out.Bytes.ToArray()) [| 50uy; 50uy; 120uy; 120uy; 50uy; 50uy; 120uy; 120uy |] "known"
                // Between two flips (which fuse with each other), the downscale still loses detail.
                let p = Aug.sequence [ Ops.flipHorizontal; Ops.downscale (Sampler.constant 0.5) Interpolation.Area Interpolation.Nearest; Ops.flipHorizontal ]
                Expect.isFalse ((runImg p 1 img).ContentEquals img) "not the identity"
                let x = makeImage ElementType.Byte 3 (13, 7) 1 ValueRange.Byte
                Expect.isTrue ((runImg (Ops.downscale (Sampler.constant 1.0) Interpolation.Bilinear Interpolation.Bilinear) 1 x).ContentEquals x) "identity"
            }
        ]

        testList "occlusion" [
            test "CoarseDropout known answer: a recorded 2 x 2 hole fills pixels and mask; boxes kept or filtered" {
                // Hole [1, 3) x [1, 3) of a 4 x 4 image: pixels (1,1), (2,1), (1,2), (2,2) take the fill 0, the mask takes 7.
                let img = constImage 4 4 1 200uy
                let mask = constImage 4 4 1 1uy
                let bx = Box.create 1.0 1.0 2.0 2.0 0 0
                let s = { Sample.ofImage img with Mask = Some mask; Boxes = [| bx |] }
                let p = { Holes = [| 1; 1; 3; 3 |]; Fill = 0.0; MaskFill = 7 }
                let out = replayOne (Ops.coarseDropout 1 1 (Sampler.constant 0.5) (Sampler.constant 0.5) 0.0 7) "CoarseDropout" (Operators.box p) s
                let expected v fillV = Array.init 16 (fun i -> let x, y = i % 4, i / 4 in if x >= 1 && x < 3 && y >= 1 && y < 3 then fillV else v)
                Expect.equal (out.Image.Bytes.ToArray()) (expected 200uy 0uy) "pixels"
                Expect.equal (out.Mask.Value.Bytes.ToArray()) (expected 1uy 7uy) "mask"
                Expect.equal out.Boxes [| bx |] "default filter keeps the box"
                // The box's pixels j, i in [1, 2] are all dropped: visibility 0 < 0.5, so the filter drops it.
                let strict = Ops.coarseDropoutWith { MinArea = 0.0; MinVisibility = 0.5 } 1 1 (Sampler.constant 0.5) (Sampler.constant 0.5) 0.0 7
                Expect.isEmpty (replayOne strict "CoarseDropout" (Operators.box p) s).Boxes "dropped"
            }
            test "CoarseDropout draws: hole count and sizes within their ranges" {
                let img = constImage 40 30 3 255uy
                for seed in 0 .. 20 do
                    let out, t = run (Ops.coarseDropoutPixels 2 4 3 5 6 8 0.0 -1) seed (Sample.ofImage img)
                    match t with
                    | Trace.Applied (_, (:? HolesParams as p)) ->
                        let n = p.Holes.Length / 4
                        Expect.isTrue (n >= 2 && n <= 4) "count"
                        for k in 0 .. n - 1 do
                            let w, h = p.Holes.[4 * k + 2] - p.Holes.[4 * k], p.Holes.[4 * k + 3] - p.Holes.[4 * k + 1]
                            Expect.isTrue (w >= 6 && w <= 8 && h >= 3 && h <= 5) "size"
                        let zeros = out.Image.Bytes.ToArray() |> Array.filter ((=) 0uy) |> Array.length
                        Expect.equal zeros (3 * (Ops.rectMap 40 30 p.Holes |> Array.sumBy int)) "filled pixels"
                    | _ -> failtest "trace"
            }
            test "RandomErasing follows torchvision's rules" {
                for seed in 0 .. 50 do
                    let r = Ops.erasingRect (Seed.ofInt seed) 32 24 (0.02, 0.33) (0.3, 3.3)
                    if r.Length = 4 then
                        let w, h = r.[2] - r.[0], r.[3] - r.[1]
                        Expect.isTrue (w < 32 && h < 24 && r.[0] >= 0 && r.[1] >= 0) "inside, strictly smaller"
                        // round(sqrt(a r)) * round(sqrt(a / r)) is within rounding of the drawn area a.
                        let a = float (w * h) / (32.0 * 24.0)
                        Expect.isTrue (a > 0.005 && a < 0.45) (sprintf "area fraction %g" a)
                // No rectangle can fit a 1 x 1 image (h < 1 is impossible): the image is returned.
                Expect.isEmpty (Ops.erasingRect (Seed.ofInt 1) 1 1 (0.02, 0.33) (0.3, 3.3)) "none"
                let img = constImage 1 1 3 9uy
                Expect.isTrue ((runImg (Ops.randomErasing 0.02 0.33 0.3 3.3 0.0) 1 img).ContentEquals img) "identity"
            }
            test "GridDropout holes: albumentations' grid for unit 4, ratio 0.5 on 10 x 10" {
                // hole = int(4 * 0.5) = 2; a, b in 0 .. 10 / 4 = 2: x0, y0 in {0, 4, 8}: 9 holes of 2 x 2.
                let h = Ops.gridHoles 10 10 4 0.5 0 0
                Expect.equal (h.Length / 4) 9 "count"
                Expect.equal h.[0 .. 3] [| 0; 0; 2; 2 |] "first"
                Expect.equal h.[32 .. 35] [| 8; 8; 10; 10 |] "last"
                Expect.equal (Ops.rectMap 10 10 h |> Array.sumBy int) 36 "36 pixels"
            }
            test "XYMasking: one stripe of width 2 covers 2 H pixels" {
                let img = constImage 10 6 1 50uy
                for seed in 0 .. 10 do
                    let out = runImg (Ops.xyMasking 1 2 2 0 0 0 0.0 -1) seed img
                    Expect.equal (out.Bytes.ToArray() |> Array.filter ((=) 0uy) |> Array.length) 12 "12 pixels"
            }
            test "GridMask map known answer without rotation" {
                // 10 x 10: L = ceil(sqrt 200) = 15, unit 5, ratio 0.4 (side 2), delta 0: squares [x1 - 2, x1) with
                // x1 = 5, 10, 15, 20, so mask indices 3, 4, 8, 9, 13, 14; the crop starts at int((15 - 10) / 2) = 2,
                // so image columns (and rows) 1, 2, 6, 7 are covered: 16 pixels.
                let m = Ops.gridMaskMap 10 10 5.0 0.4 0.0 0.0 0.0
                let on = set [ 1; 2; 6; 7 ]
                for i in 0 .. 99 do
                    Expect.equal m.[i] (if on.Contains(i % 10) && on.Contains(i / 10) then 1uy else 0uy) (sprintf "pixel %d" i)
                let img = constImage 10 10 1 9uy
                Expect.isTrue ((runImg (Ops.gridMask (Sampler.constant 0.0) 0.15 0.0) 1 img).ContentEquals img) "ratio 0 is the identity"
            }
        ]

        testList "batch" [
            let batch n =
                Array.init n (fun i ->
                    let img = constImage 16 12 3 (byte (10 * (i + 1)))
                    let b = Box.create 0.0 0.0 16.0 12.0 i i
                    { Sample.ofImage img with Label = Array.init 4 (fun k -> if k = i % 4 then 1.0 else 0.0); Boxes = [| b |]
                                              Mask = Some(constImage 16 12 1 (byte (i + 1))) })
            test "Mosaic: the same bits for 1, 2 and 7 threads; labels sum to 1; quadrants as drawn" {
                let pipeline = Aug.sequence [ Ops.mosaic; Ops.labelSmoothing 0.1 ]
                let runT t = Aug.runBatch RunOptions.Default t pipeline (Seed.ofInt 5) (batch 7)
                let one = runT 1
                for t in [ 2; 7 ] do
                    let other = runT t
                    for i in 0 .. 6 do
                        Expect.equal (bits (fst other.[i]).Image) (bits (fst one.[i]).Image) (sprintf "image %d, %d threads" i t)
                        Expect.equal (snd other.[i]) (snd one.[i]) "trace"
                        Expect.equal (fst other.[i]).Label (fst one.[i]).Label "label"
                for i in 0 .. 6 do
                    let s, t = one.[i]
                    Expect.floatClose Accuracy.high (Array.sum s.Label) 1.0 "sums to 1"
                    match t with
                    | Trace.Steps [ Trace.Applied (_, (:? MosaicParams as p)); _ ] ->
                        Expect.isTrue (p.CenterX >= 4 && p.CenterX <= 12 && p.CenterY >= 3 && p.CenterY <= 9) "centre in [0.25, 0.75]"
                        Expect.isFalse (Array.contains i p.Partners) "partners are others"
                        let who = Array.append [| i |] p.Partners
                        // Each quadrant shows its image's constant; the mask its index + 1; each box is its quadrant.
                        let quads = Ops.mosaicQuadrants 16 12 p.CenterX p.CenterY
                        for q in 0 .. 3 do
                            let (dx, dy, _, _, w, h) = quads.[q]
                            Expect.equal (s.Image.[dx, dy, 0]) (float32 (10 * (who.[q] + 1))) "pixel"
                            Expect.equal (s.Mask.Value.[dx + w - 1, dy + h - 1, 0]) (float32 (who.[q] + 1)) "mask"
                            Expect.equal s.Boxes.[q] (Box.create (float dx) (float dy) (float (dx + w)) (float (dy + h)) who.[q] who.[q]) "box"
                        // Label weights are the quadrant areas over 192 (before smoothing).
                        let raw = Array.zeroCreate 4
                        for q in 0 .. 3 do
                            let (_, _, _, _, w, h) = quads.[q]
                            raw.[who.[q] % 4] <- raw.[who.[q] % 4] + float (w * h) / 192.0
                        let expected = Labels.smooth 0.1 raw
                        for k in 0 .. 3 do Expect.floatClose Accuracy.high s.Label.[k] expected.[k] "area-weighted label"
                    | _ -> failtest "trace"
            }
            test "Mosaic replays from its traces, through JSON" {
                let out = Aug.runBatch RunOptions.Default 2 Ops.mosaic (Seed.ofInt 6) (batch 4)
                let traces = out |> Array.map (snd >> Json.traceToString >> Json.traceOfString)
                let again = Aug.replayBatch RunOptions.Default 2 Ops.mosaic traces (batch 4)
                for i in 0 .. 3 do
                    Expect.equal (bits (fst again.[i]).Image) (bits (fst out.[i]).Image) "bits"
            }
            test "Labels.smooth and LabelSmoothing known answer" {
                // (1 - 0.1) * [0, 1, 0, 0] + 0.1 / 4 = [0.025, 0.925, 0.025, 0.025].
                let expected = [| 0.025; 0.925; 0.025; 0.025 |]
                let got = Labels.smooth 0.1 [| 0.0; 1.0; 0.0; 0.0 |]
                for k in 0 .. 3 do Expect.floatClose Accuracy.veryHigh got.[k] expected.[k] "smooth"
                let s = Sample.ofImage (constImage 2 2 1 0uy) |> Sample.withLabel [| 0.0; 1.0; 0.0; 0.0 |]
                let out = fst (run (Ops.labelSmoothing 0.1) 1 s)
                for k in 0 .. 3 do Expect.floatClose Accuracy.veryHigh out.Label.[k] expected.[k] "op"
                Expect.equal (fst (run (Ops.labelSmoothing 0.0) 1 s)).Label s.Label "epsilon 0 is the identity"
            }
        ]

        testList "properties" [
            testProperty "values stay in range on byte and float images of 1, 3 and 4 channels" <| fun (seed: int) ->
                let rnd = Random seed
                let range = ValueRange(-0.5f, 2f)
                let c = [| 1; 3; 4 |].[rnd.Next 3]
                let elem = if rnd.Next 2 = 0 then ElementType.Byte else ElementType.Float32
                let img = makeImage elem c (3 + rnd.Next 30, 3 + rnd.Next 20) seed range
                for _, aug in allOps () do
                    let out = runImg aug seed img
                    Expect.equal (out.Width, out.Height, out.Channels) (img.Width, img.Height, img.Channels) "shape"
                    if elem = ElementType.Float32 then
                        Expect.isTrue (out.Floats.ToArray() |> Array.forall (fun v -> v >= range.Min && v <= range.Max)) "in range"
            testProperty "traces decode and replay to the same bits" <| fun (seed: int) ->
                let img = makeImage ElementType.Byte 3 (21, 14) seed ValueRange.Byte
                let s = { Sample.ofImage img with Mask = Some(constImage 21 14 1 3uy); Label = [| 0.5; 0.5 |] }
                for name, aug in allOps () do
                    let out, t = run aug seed s
                    let back = Aug.replay aug (Json.traceOfString (Json.traceToString t)) s
                    Expect.equal (bits back.Image) (bits out.Image) name
                    Expect.equal (back.Mask |> Option.map bits) (out.Mask |> Option.map bits) name
            testProperty "element-wise noise does not depend on the path: fused and unfused runs agree" <| fun (seed: int) ->
                let img = makeImage ElementType.Byte 3 (17, 9) seed ValueRange.Byte
                let p = Aug.sequence [ Ops.multiplicativeNoise 0.5 1.5 true true; Ops.saltAndPepper (Sampler.constant 0.2) (Sampler.constant 0.5) ]
                let a = (fst (Aug.runWith RunOptions.Default p (Seed.ofInt seed) (Sample.ofImage img))).Image
                let b = (fst (Aug.runWith { RunOptions.Default with Fuse = false } p (Seed.ofInt seed) (Sample.ofImage img))).Image
                Expect.equal (bits a) (bits b) "same bits"
        ]

        testList "bad input" [
            let name (f: unit -> Aug) = (Expect.throwsC (f >> ignore) id :?> ArgumentException).ParamName
            test "constructors name the parameter" {
                Expect.equal (name (fun () -> Ops.motionBlur 2 7 (Sampler.constant 0.0) (Sampler.constant 0.0))) "minSize" "motion size"
                Expect.equal (name (fun () -> Ops.motionBlur 3 7 (Sampler.constant 0.0) (Sampler.constant 2.0))) "direction" "direction"
                Expect.equal (name (fun () -> Ops.defocus 0 3 (Sampler.constant 0.2))) "minRadius" "radius"
                Expect.equal (name (fun () -> Ops.multiplicativeNoise 1.2 1.1 true true)) "high" "high"
                Expect.equal (name (fun () -> Ops.saltAndPepper (Sampler.constant 1.5) (Sampler.constant 0.5))) "amount" "amount"
                Expect.equal (name (fun () -> Ops.downscale (Sampler.constant 0.5) Interpolation.Area Interpolation.Area)) "up" "up"
                Expect.equal (name (fun () -> Ops.coarseDropout 0 1 (Sampler.constant 0.5) (Sampler.constant 0.5) 0.0 -1)) "minHoles" "holes"
                Expect.equal (name (fun () -> Ops.coarseDropout 1 1 (Sampler.constant 0.5) (Sampler.constant 0.5) 0.0 256)) "maskFill" "mask fill"
                Expect.equal (name (fun () -> Ops.randomErasing 0.0 0.3 0.3 3.3 0.0)) "scaleLow" "scale"
                Expect.equal (name (fun () -> Ops.gridDropout 1.5 2 4 true 0 0 0.0 -1)) "ratio" "grid ratio"
                Expect.equal (name (fun () -> Ops.xyMasking -1 0 1 0 0 0 0.0 -1)) "numX" "count"
                Expect.equal (name (fun () -> Ops.gridMask (Sampler.constant 2.0) 0.1 0.0)) "ratio" "grid mask ratio"
                Expect.equal (name (fun () -> Ops.labelSmoothing 1.5)) "epsilon" "epsilon"
            }
            test "replayed parameters outside the domain name the JSON path" {
                let s = Sample.ofImage (constImage 4 4 1 0uy)
                let e = Expect.throwsC (fun () -> replayOne (Ops.coarseDropout 1 1 (Sampler.constant 0.5) (Sampler.constant 0.5) 0.0 -1) "CoarseDropout"
                                                            (box { Holes = [| 0; 0; 5; 1 |]; Fill = 0.0; MaskFill = -1 }) s |> ignore) id
                Expect.stringContains e.Message "Holes[2]" "names the hole"
                let e = Expect.throwsC (fun () -> replayOne Ops.mosaic "Mosaic" (box { Partners = [| 0; 0 |]; CenterX = 1; CenterY = 1 }) s |> ignore) id
                Expect.stringContains e.Message "Partners" "names the field"
            }
        ]
    ]
