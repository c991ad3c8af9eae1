/// The geometric ops of the catalogue issue (transpose, D4, perspective, Keras and albumentations affine layers, size ops,
/// crops and pads) and the Bicubic and Lanczos warps: known answers worked by hand (each says how), identities, the
/// fast warp path against the scalar reference, value ranges, boxes against their rendered masks, replays, bad input.
module GeometryOpsTests

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
let private image (aug: Aug) (img: Image) = Generators.run aug 0 img
let private bytesOf (w, h, c) (data: int list) = Image.FromBytes(w, h, c, ReadOnlySpan(data |> List.map byte |> Array.ofList))
let private pixels (img: Image) = img.Bytes.ToArray() |> Array.map int |> List.ofArray
let private paramsOf<'P> (t: Trace) = match t with Trace.Applied (_, p) -> p :?> 'P | t -> failwithf "unexpected trace %A" t
let private expectArg = BadInput.expectArg

let private warpB (src: byte[]) sw sh c dw dh (inv: Matrix3) interp border (reference: bool) =
    let dst = Array.zeroCreate (dw * dh * c)
    let fill = Array.create c 0f
    if reference then
        GeometryKernels.WarpReference(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &inv, interp, border, ReadOnlySpan fill, ReadOnlySpan<WarpWindow>([||]))
    else GeometryKernels.Warp(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &inv, interp, border, ReadOnlySpan fill, ReadOnlySpan<WarpWindow>([||]))
    dst

let private warpF (src: float32[]) sw sh c dw dh (inv: Matrix3) interp border (range: ValueRange) (reference: bool) =
    let dst = Array.zeroCreate (dw * dh * c)
    let fill = Array.create c range.Min
    if reference then
        GeometryKernels.WarpReference(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &inv, interp, border, ReadOnlySpan fill, ReadOnlySpan<WarpWindow>([||]), range)
    else GeometryKernels.Warp(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &inv, interp, border, ReadOnlySpan fill, ReadOnlySpan<WarpWindow>([||]), range)
    dst

/// Every new op with parameters that fit any image (used by the range, box and replay properties).
let private newOpsWith (interp: Interpolation) (border: BorderMode) =
    [ Ops.transpose
      Ops.d4
      Ops.perspective (Sampler.uniform 0.05 0.1) false interp BorderMode.Constant 0.0
      Ops.perspective (Sampler.uniform 0.05 0.1) true interp border 0.0
      Ops.shiftScaleRotate (Sampler.uniform -0.0625 0.0625) (Sampler.uniform -0.1 0.1) (Sampler.uniform -45.0 45.0) interp border 0.0
      Ops.randomRotation (Sampler.uniform -0.2 0.2) interp BorderMode.Constant 0.0
      Ops.randomZoom (Sampler.uniform -0.3 0.3) interp border 0.0
      Ops.randomZoomXY (Sampler.uniform -0.3 0.0) (Sampler.uniform 0.0 0.3) interp BorderMode.Constant 0.0
      Ops.randomTranslation (Sampler.uniform -0.2 0.2) (Sampler.uniform -0.2 0.2) interp BorderMode.Constant 0.0
      Ops.randomShear (Sampler.uniform -20.0 20.0) (Sampler.uniform -20.0 20.0) interp BorderMode.Constant 0.0
      Ops.randomFlip true true
      Ops.longestMaxSize 48 Interpolation.Bilinear
      Ops.smallestMaxSize 30 interp
      Ops.pad 1 2 3 0 border 0.0
      Ops.padIfNeeded 20 25 BorderMode.Constant 0.0
      Ops.resizeWithCropOrPad 9 14
      Ops.randomSizedBBoxSafeCrop 20 16 interp
      Ops.cropNonEmptyMaskIfExists 1 1 ]

/// The new ops with reflecting and replicating borders where they take one (the range and replay properties).
let private newOps (interp: Interpolation) = newOpsWith interp BorderMode.Reflect101

let tests =
    testList "geometric ops" [
        testList "bicubic and Lanczos" [
            test "cubic weights at 0.5 and 0, OpenCV's interpolateCubic (A = -0.75)" {
                // x = 0.5: w0 = ((A*1.5 - 5A)*1.5 + 8A)*1.5 - 4A = ((-1.125 + 3.75)*1.5 - 6)*1.5 + 3 = (3.9375 - 6)*1.5 + 3
                // = -0.09375; w1 = ((A+2)*0.5 - (A+3))*0.25 + 1 = (0.625 - 2.25)*0.25 + 1 = 0.59375; w2 = w1 by symmetry; w3 = -0.09375.
                // x = 0: w0 = (-4A + 8A) - 4A = 0, w1 = 1, w2 = (A + 2) - (A + 3) + 1 = 0, w3 = 0.
                let w = Array.zeroCreate 4
                GeometryKernels.CubicWeights(0.5f, Span w)
                Expect.equal w [| -0.09375f; 0.59375f; 0.59375f; -0.09375f |] "x = 0.5"
                GeometryKernels.CubicWeights(0f, Span w)
                Expect.equal w [| 0f; 1f; 0f; 0f |] "x = 0"
            }
            test "1-D bicubic half-pixel shift of a step, worked by hand" {
                // Row 10 10 10 10 210 210 210 210, shifted left half a pixel (forward matrix x - 0.5): destination j reads
                // u = j + 1, so fx = u - 0.5 = j + 0.5, taps j-1 .. j+2 with the x = 0.5 weights (-0.09375, 0.59375, 0.59375,
                // -0.09375); one row, so the y weights are (0, 1, 0, 0). j = 2: taps 10 10 10 210 -> 10.9375 - 19.6875 = -8.75,
                // saturated to 0; j = 3: 10 10 210 210 -> -0.9375 + 5.9375 + 124.6875 - 19.6875 = 110; j = 4: 10 210 210 210
                // -> 228.75 -> 229; the rest read one value (replicated past the ends) and keep it.
                let src = bytesOf (8, 1, 1) [ 10; 10; 10; 10; 210; 210; 210; 210 ]
                let step = Aug.op (Op.constant { Name = "shift"; Kind = OpKind.Geometric; Summary = ""; Check = ignore
                                                 Plan = fun (_: NoParams) _ ->
                                                     match Steps.warp (Matrix3.Translation(-0.5, 0.0)) 8 1 Interpolation.Bicubic with
                                                     | Step.Warp w -> Step.Warp { w with Border = BorderMode.Replicate }
                                                     | s -> s } NoParams.Value)
                Expect.equal (pixels (image step src)) [ 10; 10; 0; 110; 229; 210; 210; 210 ] "bytes"
                // Floats in a range wide enough keep -8.75 and 228.75; in [0, 255] the undershoot is clamped to 0.
                let f = Image.FromFloats(8, 1, 1, ReadOnlySpan(src.Bytes.ToArray() |> Array.map float32), ValueRange(-100f, 300f))
                Expect.equal ((image step f).Floats.ToArray()) [| 10f; 10f; -8.75f; 110f; 228.75f; 210f; 210f; 210f |] "floats, wide range"
                let g = Image.FromFloats(8, 1, 1, ReadOnlySpan(src.Bytes.ToArray() |> Array.map float32), ValueRange(0f, 255f))
                Expect.equal ((image step g).Floats.ToArray()).[2] 0f "floats clamped to the range"
            }
            test "Lanczos impulse response is sinc(d) sinc(d / 4), normalised (OpenCV INTER_LANCZOS4)" {
                // An impulse at 8 in a 16-pixel float row, read half a pixel to the right: destination j reads fx = j + 0.5,
                // taps j-3 .. j+4 with weight w_i for tap j-3+i, so out[j] = w_(11 - j), the weight at distance d = j + 0.5 - 8.
                // Independently: w(d) = sin(pi d) sin(pi d / 4) / (pi^2 d^2 / 4), normalised over the 8 distances 3.5 .. -3.5.
                let src = Array.init 16 (fun i -> if i = 8 then 1f else 0f)
                let out = warpF src 16 1 1 16 1 (Matrix3.Translation(0.5, 0.0)) Interpolation.Lanczos BorderMode.Constant (ValueRange(-1f, 1f)) false
                let w d = Math.Sin(Math.PI * d) * Math.Sin(Math.PI * d / 4.0) / (Math.PI * Math.PI * d * d / 4.0)
                let total = [ for i in 0 .. 7 -> w (float i - 3.5) ] |> List.sum
                for j in 4 .. 11 do
                    let d = float j + 0.5 - 8.0
                    Expect.floatClose { absolute = 1e-6; relative = 1e-5 } (float out.[j]) (w d / total) (sprintf "out[%d]" j)
            }
            test "integer shifts with Bicubic and Lanczos are exact on bytes; whole-pixel weights are (0, 1, 0, ...)" {
                let src = fillBytes 5 (9 * 7 * 3)
                for interp in [ Interpolation.Bicubic; Interpolation.Lanczos ] do
                    // A non-integer-map matrix (a tiny perspective row would change w); use the identity through the kernel.
                    let out = warpB src 9 7 3 9 7 Matrix3.Identity interp BorderMode.Reflect101 false
                    Expect.equal out src (sprintf "%A identity" interp)
            }
            testProperty "the affine fast path equals the scalar reference bit for bit (Bicubic, Lanczos, every border)" <|
                Prop.forAll (Arb.fromGen (Gen.zip3 (Gen.elements edgeDims) (Gen.elements [ 1; 3; 4 ]) (Gen.choose (0, 100000)))) (fun ((w, h), c, seed) ->
                    let m = (Matrix3.Rotation(float (seed % 360), float w / 2.0, float h / 2.0) * Matrix3.Scale(1.3, 0.8)).Inverse()
                    let src = fillBytes seed (w * h * c)
                    let r = ValueRange(-1f, 2f)
                    let srcF = fillFloats seed (w * h * c) r
                    [ Interpolation.Bicubic; Interpolation.Lanczos ] |> List.forall (fun interp ->
                        [ BorderMode.Constant; BorderMode.Reflect101; BorderMode.Replicate ] |> List.forall (fun border ->
                            warpB src w h c (w + 3) (h + 2) m interp border true = warpB src w h c (w + 3) (h + 2) m interp border false
                            && Array.map BitConverter.SingleToInt32Bits (warpF srcF w h c (w + 3) (h + 2) m interp border r true)
                               = Array.map BitConverter.SingleToInt32Bits (warpF srcF w h c (w + 3) (h + 2) m interp border r false))))
            testProperty "Bicubic and Lanczos keep float images inside their range (the overshoot is clamped)" <|
                Prop.forAll (Arb.fromGen (Gen.zip3 (genImageWith [ 1; 3; 4 ]) genSeed (Gen.elements [ Interpolation.Bicubic; Interpolation.Lanczos ]))) (fun (img, seed, interp) ->
                    newOps interp |> List.forall (fun op ->
                        let r = (fst (Aug.run op seed (Sample.ofImage img))).Image
                        let ok =
                            r.Range = img.Range
                            && (r.ElementType = ElementType.Byte || r.Floats.ToArray() |> Array.forall (fun v -> v >= img.Range.Min && v <= img.Range.Max))
                        if not ok then
                            printfn "%s: %A" (string op) (r.Floats.ToArray() |> Array.filter (fun v -> not (v >= img.Range.Min && v <= img.Range.Max)) |> Array.truncate 5)
                        ok))
            test "a resize with Bicubic and Lanczos runs on 1, 3 and 4 channels, bytes and floats" {
                for c in [ 1; 3; 4 ] do
                    for elem in [ ElementType.Byte; ElementType.Float32 ] do
                        let img = makeImage elem c (7, 5) 3 ValueRange.Unit
                        for interp in [ Interpolation.Bicubic; Interpolation.Lanczos ] do
                            let out = image (Ops.resize 13 4 interp) img
                            Expect.equal (out.Width, out.Height, out.Channels) (13, 4, c) "shape"
            }
        ]

        testList "known answers" [
            test "Transpose: (x, y) goes to (y, x)" {
                // 3 wide, 2 high: rows [1 2 3] [4 5 6] -> 2 wide, 3 high: rows [1 4] [2 5] [3 6].
                Expect.equal (pixels (image Ops.transpose (bytesOf (3, 2, 1) [ 1; 2; 3; 4; 5; 6 ]))) [ 1; 4; 2; 5; 3; 6 ] "transposed"
            }
            test "D4: the eight elements on a 3x2 image, in albumentations' order" {
                // Rows [1 2 3] [4 5 6]. r90 (numpy.rot90, counter-clockwise): [3 6] [2 5] [1 4]; r180: [6 5 4] [3 2 1];
                // r270: [4 1] [5 2] [6 3]; v (top-bottom): [4 5 6] [1 2 3]; hvt (transpose, then a half turn): the transpose
                // [1 4] [2 5] [3 6] turned: [6 3] [5 2] [4 1]; h (left-right): [3 2 1] [6 5 4]; t: [1 4] [2 5] [3 6].
                let src = bytesOf (3, 2, 1) [ 1; 2; 3; 4; 5; 6 ]
                let expected =
                    [ [ 1; 2; 3; 4; 5; 6 ]; [ 3; 6; 2; 5; 1; 4 ]; [ 6; 5; 4; 3; 2; 1 ]; [ 4; 1; 5; 2; 6; 3 ]
                      [ 4; 5; 6; 1; 2; 3 ]; [ 6; 3; 5; 2; 4; 1 ]; [ 3; 2; 1; 6; 5; 4 ]; [ 1; 4; 2; 5; 3; 6 ] ]
                let seen = Collections.Generic.HashSet<int>()
                for seed in 0 .. 200 do
                    let out, trace = run Ops.d4 seed (Sample.ofImage src)
                    let k = (paramsOf<D4Params> trace).Element
                    seen.Add k |> ignore
                    Expect.equal (pixels out.Image) expected.[k] (sprintf "element %d" k)
                Expect.equal seen.Count 8 "every element drawn in 201 seeds"
            }
            test "Perspective: the corners of a sub-rectangle give its affine map; a quad maps onto the image corners" {
                // Corners (2, 0) (6, 0) (6, 4) (2, 4) on an 8x4 image: x' = 2 (x - 2), y' = y.
                let m = Ops.perspectiveTransform [| 2.0, 0.0; 6.0, 0.0; 6.0, 4.0; 2.0, 4.0 |] [| 0.0, 0.0; 8.0, 0.0; 8.0, 4.0; 0.0, 4.0 |]
                let close a b = abs (a - b) < 1e-12
                Expect.isTrue (close m.M00 2.0 && close m.M01 0.0 && close m.M02 -4.0 && close m.M10 0.0 && close m.M11 1.0
                               && close m.M12 0.0 && close m.M20 0.0 && close m.M21 0.0) (string m)
                let src = [| 1.0, 1.0; 7.0, 0.5; 6.0, 3.5; 0.5, 3.0 |]
                let dst = [| 0.0, 0.0; 8.0, 0.0; 8.0, 4.0; 0.0, 4.0 |]
                let p = Ops.perspectiveTransform src dst
                Expect.isFalse p.IsAffine "projective"
                for (x, y), (u, v) in Array.zip src dst do
                    let struct (a, b) = p.Apply(x, y)
                    Expect.isLessThan (abs (a - u) + abs (b - v)) 1e-9 (sprintf "(%g, %g)" x y)
            }
            test "Perspective: scale 0 is the identity; corners are drawn inwards, under 0.32 of each side" {
                let img = makeImage ElementType.Byte 3 (11, 6) 4 ValueRange.Byte
                let out = image (Ops.perspective (Sampler.constant 0.0) false Interpolation.Nearest BorderMode.Constant 0.0) img
                Expect.equal (bits out) (bits img) "identity"
                for seed in 0 .. 50 do
                    let _, t = run (Ops.perspective (Sampler.constant 0.3) true Interpolation.Bilinear BorderMode.Constant 0.0) seed (Sample.ofImage img)
                    let c = (paramsOf<PerspectiveParams> t).Corners
                    let W, H = 11.0, 6.0
                    Expect.isTrue (c.[0] >= 0.0 && c.[0] < 0.32 * W && c.[1] >= 0.0 && c.[1] < 0.32 * H) "top-left"
                    Expect.isTrue (c.[2] > 0.68 * W && c.[2] <= W && c.[5] > 0.68 * H && c.[5] <= H) "right, bottom"
            }
            test "ShiftScaleRotate: 90 degrees, scale 2 and a quarter-width shift move a keypoint as getRotationMatrix2D does" {
                // 8x8, centre (4, 4). The keypoint (5, 4) is 1 right of the centre; scale 2 makes it 2; a counter-clockwise
                // quarter turn on screen takes "right" to "up": (4, 2); the shift adds 0.25 * 8 = 2 in x: (6, 2).
                // Draws: shift (constant 0.25 for x and y: y also moves by 2) -> (6, 4).
                let s = { Sample.ofImage (makeImage ElementType.Byte 1 (8, 8) 1 ValueRange.Byte) with Keypoints = [| { X = 5.0; Y = 4.0; Visible = true } |] }
                let op = Ops.shiftScaleRotate (Sampler.constant 0.25) (Sampler.constant 1.0) (Sampler.constant 90.0) Interpolation.Bilinear BorderMode.Constant 0.0
                let out, t = run op 0 s
                let p = paramsOf<ShiftScaleRotateParams> t
                Expect.equal (p.Scale, p.Angle) (2.0, 90.0) "scale is 1 + the draw"
                Expect.isLessThan (abs (out.Keypoints.[0].X - 6.0) + abs (out.Keypoints.[0].Y - 4.0)) 1e-9 "keypoint"
            }
            test "RandomRotation: factor 0.25 is a quarter turn counter-clockwise, the same bits as rot90 1" {
                let img = makeImage ElementType.Byte 3 (6, 6) 2 ValueRange.Byte
                let out, t = run (Ops.randomRotation (Sampler.constant 0.25) Interpolation.Bilinear BorderMode.Reflect101 0.0) 0 (Sample.ofImage img)
                Expect.equal (paramsOf<RotateParams> t).Angle 90.0 "degrees"
                Expect.equal (bits out.Image) (bits (image (Ops.rot90 1) img)) "quarter turn"
            }
            test "RandomZoom: factor -0.5 zooms in 2x (nearest duplicates the centre); factor 1 zooms out, halving distances" {
                // 4x1... 4x4, zoom 0.5: destination j reads u = 2 + 0.5 (j + 0.5 - 2) = 1.25, 1.75, 2.25, 2.75 -> pixels 1 1 2 2.
                let img = bytesOf (4, 4, 1) [ 0 .. 15 ]
                let out = image (Ops.randomZoom (Sampler.constant -0.5) Interpolation.Nearest BorderMode.Constant 0.0) img
                Expect.equal (pixels out) [ 5; 5; 6; 6; 5; 5; 6; 6; 9; 9; 10; 10; 9; 9; 10; 10 ] "zoomed in"
                // Zoom 2 (Keras: positive zooms out): the keypoint (8, 8) of an 8x8 image goes to 4 + (8 - 4) / 2 = 6.
                let s = { Sample.ofImage (makeImage ElementType.Byte 1 (8, 8) 1 ValueRange.Byte) with Keypoints = [| { X = 8.0; Y = 8.0; Visible = true } |] }
                let o, _ = run (Ops.randomZoom (Sampler.constant 1.0) Interpolation.Bilinear BorderMode.Constant 0.0) 0 s
                Expect.equal (o.Keypoints.[0].X, o.Keypoints.[0].Y) (6.0, 6.0) "zoomed out"
            }
            test "RandomTranslation: fractions of the height and width, positive right and down, constant fill" {
                // 4x4, width factor 0.5 -> 2 right, height factor 0.25 -> 1 down; the rest is the fill 0.
                let img = bytesOf (4, 4, 1) [ 1 .. 16 ]
                let out = image (Ops.randomTranslation (Sampler.constant 0.25) (Sampler.constant 0.5) Interpolation.Nearest BorderMode.Constant 0.0) img
                Expect.equal (pixels out) [ 0; 0; 0; 0; 0; 0; 1; 2; 0; 0; 5; 6; 0; 0; 9; 10 ] "shifted"
            }
            test "RandomShear: 45 degrees along x moves (cx, cy + 1) to (cx + 1, cy + 1)" {
                let s = { Sample.ofImage (makeImage ElementType.Byte 1 (8, 6) 1 ValueRange.Byte) with Keypoints = [| { X = 4.0; Y = 4.0; Visible = true } |] }
                let o, _ = run (Ops.randomShear (Sampler.constant 45.0) (Sampler.constant 0.0) Interpolation.Bilinear BorderMode.Constant 0.0) 0 s
                Expect.isLessThan (abs (o.Keypoints.[0].X - 5.0) + abs (o.Keypoints.[0].Y - 4.0)) 1e-9 "sheared"
            }
            test "RandomFlip: each enabled flip follows its own draw (child 0 left-right, child 1 top-bottom)" {
                let img = bytesOf (2, 2, 1) [ 1; 2; 3; 4 ]
                let mutable hs, vs = 0, 0
                for seed in 0 .. 399 do
                    let out, t = run (Ops.randomFlip true true) seed (Sample.ofImage img)
                    let p = paramsOf<FlipParams> t
                    let sd = Seed.ofInt seed
                    Expect.equal p.Horizontal (Seed.uniform (Seed.derive sd 0L) < 0.5) "left-right draw"
                    Expect.equal p.Vertical (Seed.uniform (Seed.derive sd 1L) < 0.5) "top-bottom draw"
                    let expected =
                        match p.Horizontal, p.Vertical with
                        | false, false -> [ 1; 2; 3; 4 ] | true, false -> [ 2; 1; 4; 3 ]
                        | false, true -> [ 3; 4; 1; 2 ] | true, true -> [ 4; 3; 2; 1 ]
                    Expect.equal (pixels out.Image) expected "pixels"
                    if p.Horizontal then hs <- hs + 1
                    if p.Vertical then vs <- vs + 1
                    let _, th = run (Ops.randomFlip true false) seed (Sample.ofImage img)
                    Expect.isFalse (paramsOf<FlipParams> th).Vertical "horizontal mode never flips top-bottom"
                // 400 coins: 200 +- 3 sd (30).
                Expect.isTrue (abs (hs - 200) < 30 && abs (vs - 200) < 30) (sprintf "about half: %d, %d" hs vs)
            }
            test "LongestMaxSize and SmallestMaxSize round half to even, as Python's round" {
                // 300x200, longest 100: scale 1/3, 200/3 = 66.67 -> 67. 8x5, longest 4: 2.5 -> 2 (half to even, not 3).
                // 4x3, longest 2: 1.5 -> 2. 5x8, smallest 4: scale 0.8, 6.4 -> 6. 2x5, smallest 1: 2.5 -> 2. 4x1, longest 2: 0.5 -> 0 -> 1.
                Expect.equal (Ops.maxSizeOf true 100 300 200) (100, 67) "300x200"
                Expect.equal (Ops.maxSizeOf true 4 8 5) (4, 2) "8x5"
                Expect.equal (Ops.maxSizeOf true 2 4 3) (2, 2) "4x3"
                Expect.equal (Ops.maxSizeOf false 4 5 8) (4, 6) "5x8"
                Expect.equal (Ops.maxSizeOf false 1 2 5) (1, 2) "2x5"
                Expect.equal (Ops.maxSizeOf true 2 4 1) (2, 1) "at least 1"
                let out = image (Ops.longestMaxSize 4 Interpolation.Area) (makeImage ElementType.Byte 3 (8, 5) 1 ValueRange.Byte)
                Expect.equal (out.Width, out.Height) (4, 2) "run"
                let same = makeImage ElementType.Float32 1 (6, 3) 1 ValueRange.Unit
                Expect.equal (bits (image (Ops.smallestMaxSize 3 Interpolation.Bicubic) same)) (bits same) "already that size: unchanged"
            }
            test "Crop keeps [x_min, x_max) x [y_min, y_max) and moves boxes" {
                // 4x3, rows [0 1 2 3] [4 5 6 7] [8 9 10 11]; crop (1, 1, 3, 3): [5 6] [9 10].
                let s = { Sample.ofImage (bytesOf (4, 3, 1) [ 0 .. 11 ]) with Boxes = [| Box.create 1.0 0.0 4.0 2.0 0 0 |] }
                let out, _ = run (Ops.crop 1 1 3 3) 0 s
                Expect.equal (pixels out.Image) [ 5; 6; 9; 10 ] "pixels"
                Expect.equal (out.Boxes.[0].XMin, out.Boxes.[0].YMin, out.Boxes.[0].XMax, out.Boxes.[0].YMax) (0.0, 0.0, 2.0, 1.0) "box clipped"
            }
            test "Pad reads the border as cv2.copyMakeBorder" {
                // [1 2 3], 2 each side. Reflect-101 (gfedcb|abcdefgh|gfedcba): 3 2 | 1 2 3 | 2 1. Replicate: 1 1 | 1 2 3 | 3 3.
                // Constant 7: 7 7 | 1 2 3 | 7 7.
                let img = bytesOf (3, 1, 1) [ 1; 2; 3 ]
                Expect.equal (pixels (image (Ops.pad 0 0 2 2 BorderMode.Reflect101 0.0) img)) [ 3; 2; 1; 2; 3; 2; 1 ] "reflect-101"
                Expect.equal (pixels (image (Ops.pad 0 0 2 2 BorderMode.Replicate 0.0) img)) [ 1; 1; 1; 2; 3; 3; 3 ] "replicate"
                Expect.equal (pixels (image (Ops.pad 0 0 2 2 BorderMode.Constant 7.0) img)) [ 7; 7; 1; 2; 3; 7; 7 ] "constant"
                let tall = image (Ops.pad 1 2 0 0 BorderMode.Constant 0.0) img
                Expect.equal (tall.Width, tall.Height) (3, 4) "top and bottom"
            }
            test "PadIfNeeded centres the pad: top = (min_h - h) // 2" {
                // 3 wide, 2 high to at least 5 high, 6 wide: dh = 3 -> top 1, bottom 2; dw = 3 -> left 1, right 2.
                let s = { Sample.ofImage (bytesOf (3, 2, 1) [ 1 .. 6 ]) with Boxes = [| Box.create 0.0 0.0 1.0 1.0 0 0 |] }
                let out, t = run (Ops.padIfNeeded 5 6 BorderMode.Constant 0.0) 0 s
                let p = paramsOf<PadParams> t
                Expect.equal (p.Top, p.Bottom, p.Left, p.Right) (1, 2, 1, 2) "pads"
                Expect.equal (pixels out.Image) [ 0; 0; 0; 0; 0; 0;  0; 1; 2; 3; 0; 0;  0; 4; 5; 6; 0; 0;  0; 0; 0; 0; 0; 0;  0; 0; 0; 0; 0; 0 ] "pixels"
                Expect.equal (out.Boxes.[0].XMin, out.Boxes.[0].YMin) (1.0, 1.0) "box moved"
                let big = bytesOf (3, 2, 1) [ 1 .. 6 ]
                Expect.equal (bits (image (Ops.padIfNeeded 1 2 BorderMode.Reflect101 0.0) big)) (bits big) "already large enough"
            }
            test "ResizeWithCropOrPad follows TF's offsets" {
                // 5 wide to 2: crop offset max(-(-3) // 2, 0) = 1 -> columns 1, 2. 2 high to 5: pad offset 3 // 2 = 1 -> one zero
                // row on top, two below. Rows [1 2 3 4 5] [6 7 8 9 10] -> [0 0] [2 3] [7 8] [0 0] [0 0].
                let out = image (Ops.resizeWithCropOrPad 5 2) (bytesOf (5, 2, 1) [ 1 .. 10 ])
                Expect.equal (pixels out) [ 0; 0; 2; 3; 7; 8; 0; 0; 0; 0 ] "cropped and padded"
                Expect.equal (Ops.cropOrPadOffsets 4 1) (1, 0) "4 to 1: crop offset 3 // 2 = 1"
                Expect.equal (Ops.cropOrPadOffsets 1 4) (0, 1) "1 to 4: pad offset 3 // 2 = 1"
            }
            test "RandomSizedBBoxSafeCrop keeps every box whole; without boxes it resizes the whole image" {
                for seed in 0 .. 100 do
                    let boxes = [| Box.create 3.0 2.0 5.5 4.0 0 0; Box.create 10.0 6.0 12.0 9.0 1 1 |]
                    let s = { Sample.ofImage (makeImage ElementType.Byte 3 (16, 12) seed ValueRange.Byte) with Boxes = boxes }
                    let out, t = run (Ops.randomSizedBBoxSafeCrop 8 6 Interpolation.Bilinear) seed s
                    let p = paramsOf<ResizedCropParams> t
                    Expect.isTrue (p.X <= 3 && p.Y <= 2 && p.X + p.CropWidth >= 12 && p.Y + p.CropHeight >= 9) (sprintf "crop %A holds the union" p)
                    Expect.equal out.Boxes.Length 2 "both kept"
                    Expect.equal (out.Image.Width, out.Image.Height) (8, 6) "size"
                let _, t = run (Ops.randomSizedBBoxSafeCrop 8 6 Interpolation.Bilinear) 1 (Sample.ofImage (makeImage ElementType.Byte 1 (16, 12) 1 ValueRange.Byte))
                let p = paramsOf<ResizedCropParams> t
                Expect.equal (p.X, p.Y, p.CropWidth, p.CropHeight) (0, 0, 16, 12) "whole image"
            }
            test "CropNonEmptyMaskIfExists contains the one non-zero mask pixel; without a mask it is a random crop" {
                let mask = Image.FromBytes(9, 7, 1, ReadOnlySpan(Array.init 63 (fun i -> if i = 4 * 9 + 6 then 1uy else 0uy)))
                let s = { Sample.ofImage (makeImage ElementType.Byte 3 (9, 7) 1 ValueRange.Byte) with Mask = Some mask }
                for seed in 0 .. 100 do
                    let out, t = run (Ops.cropNonEmptyMaskIfExists 3 4) seed s
                    let p = paramsOf<CropParams> t
                    Expect.isTrue (p.X <= 6 && 6 < p.X + 4 && p.Y <= 4 && 4 < p.Y + 3) (sprintf "crop %A holds (6, 4)" p)
                    Expect.isTrue (out.Mask.Value.Bytes.ToArray() |> Array.exists (fun b -> b <> 0uy)) "mask pixel kept"
                let offsets = set [ for seed in 0 .. 100 -> let _, t = run (Ops.cropNonEmptyMaskIfExists 3 4) seed (Sample.ofImage s.Image) in (paramsOf<CropParams> t).X ]
                Expect.isGreaterThan offsets.Count 3 "uniform offsets without a mask"
            }
            test "CropNonEmptyMaskIfExists sees the mask as it stands after the earlier ops of the pipeline" {
                // The only non-zero mask pixel is (0, 0); after a left-right flip (still pending when the crop draws) it is
                // (W - 1, 0), so a 1x1 crop must land there, for every seed. Fused or not.
                let mask = Image.FromBytes(6, 4, 1, ReadOnlySpan(Array.init 24 (fun i -> if i = 0 then 3uy else 0uy)))
                let s = { Sample.ofImage (makeImage ElementType.Byte 3 (6, 4) 1 ValueRange.Byte) with Mask = Some mask }
                let pipeline = Aug.sequence [ Ops.invert; Ops.flipHorizontal; Ops.cropNonEmptyMaskIfExists 1 1 ]
                for seed in 0 .. 30 do
                    for fuse in [ true; false ] do
                        let out, t = Aug.runWith { RunOptions.Default with Fuse = fuse } pipeline (Seed.ofInt seed) s
                        let p = match t with Trace.Steps [ _; _; Trace.Applied (_, p) ] -> p :?> CropParams | t -> failwithf "%A" t
                        Expect.equal (p.X, p.Y) (5, 0) "the flipped pixel"
                        Expect.equal (out.Mask.Value.Bytes.ToArray()) [| 3uy |] "mask"
                        // The image is the inverted, flipped source pixel (0, 0).
                        Expect.equal (out.Image.Bytes.ToArray()) (s.Image.Bytes.Slice(0, 3).ToArray() |> Array.map (fun b -> 255uy - b)) "image"
            }
        ]

        testList "identities" [
            test "identity parameters give the input back" {
                for img in [ makeImage ElementType.Byte 3 (9, 6) 1 ValueRange.Byte; makeImage ElementType.Float32 4 (5, 8) 2 (ValueRange(-1f, 1f)) ] do
                    let zero = Sampler.constant 0.0
                    let ids =
                        [ "rotation", Ops.randomRotation zero Interpolation.Bicubic BorderMode.Reflect101 0.0
                          "zoom", Ops.randomZoom zero Interpolation.Lanczos BorderMode.Reflect101 0.0
                          "translation", Ops.randomTranslation zero zero Interpolation.Bilinear BorderMode.Constant 0.0
                          "shear", Ops.randomShear zero zero Interpolation.Bilinear BorderMode.Constant 0.0
                          "shift-scale-rotate", Ops.shiftScaleRotate zero zero zero Interpolation.Bicubic BorderMode.Reflect101 0.0
                          "perspective", Ops.perspective zero false Interpolation.Nearest BorderMode.Constant 0.0
                          "pad 0", Ops.pad 0 0 0 0 BorderMode.Constant 0.0
                          "crop whole", Ops.crop 0 0 img.Width img.Height
                          "pad if needed", Ops.padIfNeeded 1 1 BorderMode.Constant 0.0
                          "crop or pad", Ops.resizeWithCropOrPad img.Height img.Width
                          "longest", Ops.longestMaxSize (max img.Width img.Height) Interpolation.Bicubic
                          "transpose twice", Aug.sequence [ Ops.transpose; Ops.transpose ] ]
                    for name, op in ids do
                        Expect.equal (bits (image op img)) (bits img) name
                        Expect.equal (image op img).Width img.Width name
            }
        ]

        testList "properties" [
            testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 60 } "boxes stay inside and match their rendered mask's bounds (2 px; constant borders)" <|
                Prop.forAll (Arb.fromGen (Gen.zip3 genBoxSample genSeed (Gen.elements [ Interpolation.Nearest; Interpolation.Bilinear; Interpolation.Bicubic ]))) (fun (s, seed, interp) ->
                    // A reflecting border reflects the mask too (as albumentations does), but not the boxes.
                    newOpsWith interp BorderMode.Constant |> List.forall (fun op ->
                        let r = Aug.apply op seed s
                        let W, H = float r.Image.Width, float r.Image.Height
                        let inside = r.Boxes |> Array.forall (fun b -> b.XMin >= 0.0 && b.YMin >= 0.0 && b.XMax <= W && b.YMax <= H)
                        let matches =
                            match r.Boxes, maskBounds r.Mask.Value with
                            | [| b |], Some (x0, y0, x1, y1) when b.XMin > 0.0 && b.YMin > 0.0 && b.XMax < W && b.YMax < H
                                                                  && b.XMax - b.XMin >= 2.0 && b.YMax - b.YMin >= 2.0 ->
                                // Perspective magnifies up to 1 / (1 - 2 * 0.32) ~ 2.8x, and a thin slanted strip may cover no
                                // pixel centre of the nearest-neighbour mask near its ends: 4 px there.
                                let tol = if string op = "Perspective" then 4.0 else 2.0
                                abs (b.XMin - x0) <= tol && abs (b.YMin - y0) <= tol && abs (b.XMax - x1) <= tol && abs (b.YMax - y1) <= tol
                            // A sliver under 2 px (a slanted strip may cover few pixel centres of the nearest-neighbour mask),
                            // or a box clipped at the edge: the hull of its turned corners was clipped, not the turned box itself,
                            // so the box may be larger than its mask's bounds (albumentations' rule too); it still holds them.
                            | [| b |], Some (x0, y0, x1, y1) ->
                                x0 >= b.XMin - 2.0 && y0 >= b.YMin - 2.0 && x1 <= b.XMax + 2.0 && y1 <= b.YMax + 2.0
                            | [||], None -> true
                            // A sliver under two pixels may cover no pixel centre of the nearest-neighbour mask.
                            | [| b |], None -> b.XMax - b.XMin < 2.0 || b.YMax - b.YMin < 2.0
                            | [||], Some (x0, y0, x1, y1) -> x1 - x0 <= 2.0 || y1 - y0 <= 2.0
                            | _ -> false
                        if not (inside && matches) then printfn "%s: boxes %A mask %A" (string op) r.Boxes (maskBounds r.Mask.Value)
                        inside && matches))
            testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 40 } "replaying a trace, also through JSON, equals the run" <|
                Prop.forAll (Arb.fromGen (Gen.zip genBoxSample genSeed)) (fun (s, seed) ->
                    newOps Interpolation.Lanczos |> List.forall (fun op ->
                        let out, trace = Aug.run op seed s
                        let again = Aug.replay op (Json.traceOfString (Json.traceToString trace)) s
                        bits out.Image = bits again.Image && out.Boxes = again.Boxes && bits out.Mask.Value = bits again.Mask.Value))
        ]

        testList "bad input" [
            test "constructors name the parameter" {
                expectArg "xMax" [ "xMax was 2"; "> xMin" ] (fun () -> Ops.crop 2 0 2 5)
                expectArg "left" [ "left was -1" ] (fun () -> Ops.pad 0 0 -1 0 BorderMode.Constant 0.0)
                expectArg "minWidth" [ "minWidth was 0" ] (fun () -> Ops.padIfNeeded 3 0 BorderMode.Constant 0.0)
                expectArg "maxSize" [ "maxSize was 0" ] (fun () -> Ops.longestMaxSize 0 Interpolation.Bilinear)
                expectArg "scale" [ "standard deviations" ] (fun () -> Ops.perspective (Sampler.uniform 0.0 2.0) false Interpolation.Bilinear BorderMode.Constant 0.0)
                expectArg "interpolation" [ "Area" ] (fun () -> Ops.randomRotation (Sampler.constant 0.1) Interpolation.Area BorderMode.Constant 0.0)
                expectArg "factor" [ "zoom factors" ] (fun () -> Ops.randomZoom (Sampler.uniform -1.0 0.0) Interpolation.Bilinear BorderMode.Constant 0.0)
                expectArg "scaleLimit" [ "> -1" ] (fun () -> Ops.shiftScaleRotate (Sampler.constant 0.0) (Sampler.constant -1.0) (Sampler.constant 0.0) Interpolation.Bilinear BorderMode.Constant 0.0)
                expectArg "shearX" [ "[-89, 89]" ] (fun () -> Ops.randomShear (Sampler.constant 90.0) (Sampler.constant 0.0) Interpolation.Bilinear BorderMode.Constant 0.0)
                expectArg "horizontal" [ "at least one" ] (fun () -> Ops.randomFlip false false)
                expectArg "targetWidth" [ "targetWidth was 0" ] (fun () -> Ops.resizeWithCropOrPad 3 0)
            }
            test "runs that do not fit the image name the parameter" {
                let s = Sample.ofImage (makeImage ElementType.Byte 3 (5, 4) 1 ValueRange.Byte)
                expectArg "X" [ "X was 3" ] (fun () -> Aug.apply (Ops.crop 3 0 7 2) (Seed.ofInt 0) s)
                expectArg "width" [ "width was 6" ] (fun () -> Aug.apply (Ops.cropNonEmptyMaskIfExists 2 6) (Seed.ofInt 0) s)
            }
            test "a replayed trace with bad values names the JSON path" {
                let s = Sample.ofImage (makeImage ElementType.Byte 3 (5, 4) 1 ValueRange.Byte)
                let op = Ops.d4
                let trace = Json.traceOfString """{"op":"D4","params":{"Element":9}}"""
                let e = Expect.throwsC (fun () -> Aug.replay op trace s |> ignore) id
                Expect.stringContains e.Message "$.params.Element" "path"
            }
        ]
    ]
