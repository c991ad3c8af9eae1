/// The colour family (more colour ops): known answers worked by hand (each says how), element-type and range
/// conversions through the engine (later ops see the new type and range), identities, value ranges, replays and
/// bad input.
module ColourTests

open System
open System.Runtime.InteropServices
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native
open Augment.Native.Kernels
open Generators

let private rgbBytes (w: int) (h: int) (px: byte[]) = Image.FromBytes(w, h, px.Length / (w * h), ReadOnlySpan px)
let private unitFloats (w: int) (h: int) (c: int) (px: float32[]) = Image.FromFloats(w, h, c, ReadOnlySpan px, ValueRange.Unit)

/// Replays one op with a parameter record written as JSON.
let private replayJson (op: Aug) (json: string) (img: Image) =
    (Aug.replay op (Json.traceOfString json) (Sample.ofImage img)).Image

let private close (tol: float32) (what: string) (actual: float32[]) (expected: float32[]) =
    Expect.equal actual.Length expected.Length (what + ": length")
    for i in 0 .. actual.Length - 1 do
        Expect.isLessThanOrEqual (abs (actual.[i] - expected.[i])) tol (sprintf "%s: sample %d (%g, expected %g)" what i actual.[i] expected.[i])

let private expectArg = BadInput.expectArg

let private unfused = { RunOptions.Default with Fuse = false }

/// Every op of the section with a sampler or value that exercises it.
let private colourOps =
    [ "Saturation", Ops.saturation (Sampler.uniform 0.0 3.0)
      "Hue", Ops.hue (Sampler.uniform -0.5 0.5)
      "RGBShift", Ops.rgbShift (Sampler.uniform -40.0 40.0) (Sampler.uniform -40.0 40.0) (Sampler.uniform -40.0 40.0)
      "ChannelShuffle", Ops.channelShuffle
      "ChannelDropout", Ops.channelDropout 1 1 0.0
      "ToGray average", Ops.toGray GrayMethod.Average
      "ToGray max", Ops.toGray GrayMethod.Max
      "ToGray desaturation", Ops.toGray GrayMethod.Desaturation
      "ToGray weighted", Ops.toGray GrayMethod.WeightedAverage
      "ToGray from Lab", Ops.toGray GrayMethod.FromLab
      "ToGray PCA", Ops.toGray GrayMethod.Pca
      "ToSepia", Ops.toSepia
      "AutoContrast", Ops.autoContrast
      "Sharpness", Ops.sharpness (Sampler.uniform 0.0 3.0)
      "FancyPCA", Ops.fancyPca 0.5
      "RandomBrightnessContrast", Ops.randomBrightnessContrast (Sampler.uniform -0.3 0.3) (Sampler.uniform -0.3 0.3) ]

/// Whether an op takes an image: colour ops need 3 or 4 channels, AutoContrast bytes.
let private takes (name: string) (img: Image) =
    match name with
    | "Saturation" | "Hue" | "RGBShift" | "ChannelDropout" | "ToSepia" | "FancyPCA" -> img.Channels >= 3
    | "AutoContrast" -> img.ElementType = ElementType.Byte
    | _ -> true

let tests =
    testList "colour ops" [
        testList "gamma byte values" [
            test "Gamma on bytes equals tf.image.adjust_gamma's formula for many gammas and gains, repeated and interleaved" {
                // tf.image.adjust_gamma: out = gain * in^gamma on the image scaled to [0, 1]; on bytes 255 gain (x / 255)^gamma
                // in float64, then float32, rounded half to even and clamped to [0, 255], written out here. The op keeps the
                // last parameters' 256 values: each pair runs twice in a row (the second from the kept values) and the list
                // runs twice through (each pair after a different one), on 1, 3 and 4 channels holding every byte value.
                let expected (gamma: float) (gain: float) (x: int) =
                    let y = float32 (255.0 * gain * Math.Pow(float x / 255.0, gamma))
                    byte (MathF.Min(MathF.Max(MathF.Round(y, MidpointRounding.ToEven), 0f), 255f))
                let gammas = [ 0.05; 0.3; 0.5; 0.8; 1.0; 1.0000001; 1.7; 2.2; 3.0; 10.0 ]
                let gains = [ 0.5; 1.0; 1.3 ]
                // First each gamma with every gain in turn, then each gain with every gamma in turn: a kept entry that
                // ignored either parameter would be taken for the next pair.
                for pairs in [ [ for g in gammas do for gain in gains -> g, gain ]; [ for gain in gains do for g in gammas -> g, gain ] ] do
                    for (g, gain) in pairs do
                        for c in [ 1; 3; 4 ] do
                            let px = Array.init (256 * c) (fun i -> byte ((i / c + 37 * (i % c)) % 256))
                            let img = rgbBytes 16 16 px
                            let op = Ops.gamma (Sampler.constant g) gain
                            for _twice in 1 .. 2 do
                                let out, _ = Aug.run op (Seed.ofInt 1) (Sample.ofImage img)
                                let got = out.Image.Bytes.ToArray()
                                for i in 0 .. got.Length - 1 do
                                    if got.[i] <> expected g gain (int px.[i]) then
                                        failtestf "gamma %g gain %g, %d channels: value %d gives %d, expected %d" g gain c px.[i] got.[i] (expected g gain (int px.[i]))
            }
        ]
        testList "known answers" [
            test "Saturation: TF's HSV on (200, 100, 50) and (0.8, 0.4, 0.2)" {
                // (200, 100, 50): v = 200, range 150, s = 0.75, h = (50 - 0... ) r is max: h = (g - b) / (6 * 150) = 1/18.
                // Factor 0.5: s = 0.375; back: c = s v = 75, m = v - c = 125, 6h = 1/3 (sextant 0), x = c (1 - |1/3 - 1|) = 25:
                // (c + m, x + m, m) = (200, 150, 125). Factor 0: c = 0, every channel v = 200. The float pixel is the same
                // colour on [0, 1] scaled by 0.004: (0.8, 0.6, 0.5).
                let img = rgbBytes 1 1 [| 200uy; 100uy; 50uy |]
                Expect.equal ((run (Ops.saturation (Sampler.constant 0.5)) 0 img).Bytes.ToArray()) [| 200uy; 150uy; 125uy |] "factor 0.5"
                Expect.equal ((run (Ops.saturation (Sampler.constant 0.0)) 0 img).Bytes.ToArray()) [| 200uy; 200uy; 200uy |] "factor 0"
                let f = run (Ops.saturation (Sampler.constant 0.5)) 0 (unitFloats 1 1 3 [| 0.8f; 0.4f; 0.2f |])
                close 1e-6f "float" (f.Floats.ToArray()) [| 0.8f; 0.6f; 0.5f |]
            }
            test "Hue: (200, 100, 50) turned by 1/3 and 1/2" {
                // adjust_hue_op.cc: r >= g > b is sextant 0, ratio (100 - 50) / 150 = 1/3, h = 1/3. Plus 6 * 1/3 = 2: h = 7/3,
                // sextant 2 (even: ratio 1/3), mid = 50 + 150/3 = 100, sextant 2 is (min, max, mid) = (50, 200, 100).
                // Plus 6 * 1/2 = 3: h = 10/3, sextant 3 (odd: ratio 1 - 1/3), mid = 150, (min, mid, max) = (50, 150, 200).
                // RGBA keeps alpha.
                let img = rgbBytes 1 1 [| 200uy; 100uy; 50uy; 77uy |]
                Expect.equal ((run (Ops.hue (Sampler.constant (1.0 / 3.0))) 0 img).Bytes.ToArray()) [| 50uy; 200uy; 100uy; 77uy |] "1/3 turn"
                Expect.equal ((run (Ops.hue (Sampler.constant 0.5)) 0 img).Bytes.ToArray()) [| 50uy; 150uy; 200uy; 77uy |] "1/2 turn"
                Expect.equal ((run (Ops.hue (Sampler.constant -0.5)) 0 img).Bytes.ToArray()) [| 50uy; 150uy; 200uy; 77uy |] "-1/2 turn"
            }
            test "Saturation and Hue on floats of another range are taken relative to the minimum" {
                // In [-1, 1] the pixel (0.6, -0.2, -0.6) is (1.6, 0.8, 0.4) above the minimum: twice (0.8, 0.4, 0.2).
                // Saturation 0.5 of that is twice (0.8, 0.6, 0.5) = (1.6, 1.2, 1.0), minus 1: (0.6, 0.2, 0.0).
                let img = Image.FromFloats(1, 1, 3, ReadOnlySpan [| 0.6f; -0.2f; -0.6f |], ValueRange.Symmetric)
                close 1e-6f "float" ((run (Ops.saturation (Sampler.constant 0.5)) 0 img).Floats.ToArray()) [| 0.6f; 0.2f; 0.0f |]
            }
            test "RGBShift adds levels per channel, saturating" {
                // (10, 20, 30) + (5, -25, 250) = (15, -5 -> 0, 280 -> 255). On [0, 1] a shift of 51 levels is 0.2.
                let op = Ops.rgbShift (Sampler.constant 5.0) (Sampler.constant -25.0) (Sampler.constant 250.0)
                Expect.equal ((run op 0 (rgbBytes 1 1 [| 10uy; 20uy; 30uy |])).Bytes.ToArray()) [| 15uy; 0uy; 255uy |] "bytes"
                let opF = Ops.rgbShift (Sampler.constant 51.0) (Sampler.constant 0.0) (Sampler.constant -51.0)
                close 1e-6f "floats" ((run opF 0 (unitFloats 1 1 4 [| 0.5f; 0.5f; 0.5f; 0.5f |])).Floats.ToArray()) [| 0.7f; 0.5f; 0.3f; 0.5f |]
            }
            test "ChannelShuffle: output c is input Permutation[c]; the draw is a permutation" {
                let img = rgbBytes 2 1 [| 1uy; 2uy; 3uy; 4uy; 5uy; 6uy |]
                let out = replayJson Ops.channelShuffle """{"op":"ChannelShuffle","params":{"Permutation":[2,0,1]}}""" img
                Expect.equal (out.Bytes.ToArray()) [| 3uy; 1uy; 2uy; 6uy; 4uy; 5uy |] "[2, 0, 1]"
                for seed in 0 .. 20 do
                    match snd (Aug.run Ops.channelShuffle (Seed.ofInt seed) (Sample.ofImage (rgbBytes 1 1 [| 1uy; 2uy; 3uy; 4uy |]))) with
                    | Trace.Applied (_, p) -> Expect.equal (Array.sort (p :?> ChannelShuffleParams).Permutation) [| 0; 1; 2; 3 |] "a permutation"
                    | t -> failtestf "unexpected trace %A" t
            }
            test "ChannelDropout sets exactly the drawn channels to the fill" {
                let img = rgbBytes 2 1 [| 1uy; 2uy; 3uy; 4uy; 5uy; 6uy |]
                let out = replayJson (Ops.channelDropout 1 1 7.0) """{"op":"ChannelDropout","params":{"Dropped":[1],"Fill":7}}""" img
                Expect.equal (out.Bytes.ToArray()) [| 1uy; 7uy; 3uy; 4uy; 7uy; 6uy |] "channel 1 dropped"
                for seed in 0 .. 20 do
                    let o = (run (Ops.channelDropout 1 2 9.0) seed img).Bytes.ToArray()
                    let filled = [ 0 .. 2 ] |> List.filter (fun c -> o.[c] = 9uy && o.[3 + c] = 9uy)
                    let kept = [ 0 .. 2 ] |> List.filter (fun c -> o.[c] = byte (c + 1) && o.[3 + c] = byte (c + 4))
                    Expect.isTrue (filled.Length >= 1 && filled.Length <= 2 && filled.Length + kept.Length = 3) (sprintf "seed %d: %A" seed o)
            }
            test "ToGray methods on (10, 200, 31)" {
                // weighted: 0.299 * 10 + 0.587 * 200 + 0.114 * 31 = 2.99 + 117.4 + 3.534 = 123.924 -> 124;
                // average: 241 / 3 = 80.33 -> 80; max: 200; desaturation: (200 + 10) / 2 = 105. Alpha 9 kept.
                let img = rgbBytes 1 1 [| 10uy; 200uy; 31uy; 9uy |]
                for m, y in [ GrayMethod.WeightedAverage, 124uy; GrayMethod.Average, 80uy; GrayMethod.Max, 200uy; GrayMethod.Desaturation, 105uy ] do
                    Expect.equal ((run (Ops.toGray m) 0 img).Bytes.ToArray()) [| y; y; y; 9uy |] (string m)
                Expect.equal (bits (run (Ops.toGray GrayMethod.WeightedAverage) 0 img)) (bits (run Ops.grayscale 0 img)) "weighted = grayscale"
            }
            test "ToGray from Lab: CIE L* of sRGB, as OpenCV's COLOR_RGB2LAB L channel" {
                // Gray 128: c = 128/255 = 0.50196, linear ((c + 0.055) / 1.055)^2.4 = 0.21586 = Y (R = G = B, the row of
                // the sRGB-to-XYZ matrix sums to 1); L* = 116 Y^(1/3) - 16 = 116 * 0.59989 - 16 = 53.59; on bytes
                // L* * 255 / 100 = 136.65 -> 137 (cv2.cvtColor of [128, 128, 128] to Lab gives L = 137). White: L* = 100 -> 255;
                // black: 0. Float on [0, 1]: 0.5359.
                let img = rgbBytes 3 1 [| 128uy; 128uy; 128uy; 255uy; 255uy; 255uy; 0uy; 0uy; 0uy |]
                Expect.equal ((run (Ops.toGray GrayMethod.FromLab) 0 img).Bytes.ToArray())
                    [| 137uy; 137uy; 137uy; 255uy; 255uy; 255uy; 0uy; 0uy; 0uy |] "hand-computed"
                let f = Image.FromFloats(1, 1, 3, ReadOnlySpan [| 0.50196f; 0.50196f; 0.50196f |], ValueRange.Unit)
                Expect.floatClose { absolute = 2e-4; relative = 0.0 } (float (run (Ops.toGray GrayMethod.FromLab) 0 f).Floats.[0]) 0.5359 "float"
            }
            test "ToGray by PCA: the first principal component, signed and scaled min-max" {
                // Black, gray 100 and white lie on the line (1, 1, 1): the component is (1, 1, 1)/sqrt 3 (its largest entry
                // made positive), the projections are proportional to the value, and min-max maps them to 0, 100, 255.
                let img = rgbBytes 3 1 [| 0uy; 0uy; 0uy; 100uy; 100uy; 100uy; 255uy; 255uy; 255uy |]
                Expect.equal ((run (Ops.toGray GrayMethod.Pca) 0 img).Bytes.ToArray())
                    [| 0uy; 0uy; 0uy; 100uy; 100uy; 100uy; 255uy; 255uy; 255uy |] "hand-computed"
                // Red against black: the component is (1, 0, 0), so red is the maximum whatever the sign of the solver.
                let rb = rgbBytes 2 1 [| 0uy; 0uy; 0uy; 200uy; 0uy; 0uy |]
                Expect.equal ((run (Ops.toGray GrayMethod.Pca) 0 rb).Bytes.ToArray()) [| 0uy; 0uy; 0uy; 255uy; 255uy; 255uy |] "sign"
                // A flat image has no component: every pixel is the minimum.
                let flat = rgbBytes 2 1 [| 7uy; 8uy; 9uy; 7uy; 8uy; 9uy |]
                Expect.equal ((run (Ops.toGray GrayMethod.Pca) 0 flat).Bytes.ToArray()) (Array.zeroCreate 6) "flat"
            }
            test "ToSepia of (100, 50, 20) and of white" {
                // R = 0.393 * 100 + 0.769 * 50 + 0.189 * 20 = 39.3 + 38.45 + 3.78 = 81.53 -> 82
                // G = 0.349 * 100 + 0.686 * 50 + 0.168 * 20 = 34.9 + 34.3 + 3.36 = 72.56 -> 73
                // B = 0.272 * 100 + 0.534 * 50 + 0.131 * 20 = 27.2 + 26.7 + 2.62 = 56.52 -> 57
                // White: row sums 1.351, 1.203, 0.937 times 255 = 344.5 -> 255, 306.8 -> 255, 238.935 -> 239.
                let out = run Ops.toSepia 0 (rgbBytes 2 1 [| 100uy; 50uy; 20uy; 255uy; 255uy; 255uy |])
                Expect.equal (out.Bytes.ToArray()) [| 82uy; 73uy; 57uy; 255uy; 255uy; 239uy |] "sepia"
            }
            test "AutoContrast: PIL's truncating table" {
                // Channel values 50, 100, 150: lo 50, hi 150, scale 2.55, offset -127.5: 50 -> 0, 100 -> int(127.5) = 127,
                // 150 -> int(255.0) = 255. A flat channel (7) stays.
                let img = rgbBytes 3 1 [| 50uy; 7uy; 0uy; 100uy; 7uy; 0uy; 150uy; 7uy; 255uy |]
                Expect.equal ((run Ops.autoContrast 0 img).Bytes.ToArray()) [| 0uy; 7uy; 0uy; 127uy; 7uy; 0uy; 255uy; 7uy; 255uy |] "table"
                Expect.equal (Ops.autoContrastTable(ReadOnlySpan(Array.init 256 (fun v -> if v = 50 || v = 150 then 1L else 0L)))).[100] 127uy "table entry"
            }
            test "Sharpness of a 3x3 impulse: smoothing 5/13 at the centre, borders kept" {
                // Centre 130, the rest 0: smoothed centre = 5/13 * 130 = 50; factor 2: 50 + 2 (130 - 50) = 210; factor 0: 50.
                // Border pixels are copied (PIL's 3x3 filter leaves them), so they stay 0.
                let src = Array.init 9 (fun i -> if i = 4 then 130uy else 0uy)
                let img = Image.FromBytes(3, 3, 1, ReadOnlySpan src)
                Expect.equal ((run (Ops.sharpness (Sampler.constant 2.0)) 0 img).Bytes.ToArray()) (Array.init 9 (fun i -> if i = 4 then 210uy else 0uy)) "factor 2"
                Expect.equal ((run (Ops.sharpness (Sampler.constant 0.0)) 0 img).Bytes.ToArray()) (Array.init 9 (fun i -> if i = 4 then 50uy else 0uy)) "factor 0"
            }
            test "FancyPCA adds eigvec * (alpha .* eigval) times the range width" {
                // Alpha (1, 0, 0): the first component, 0.2175 times the first eigenvector column (-0.5675, -0.5808, -0.5836):
                // -0.12343125, -0.126324, -0.126933; on [0, 1] at 0.5: 0.37656875, 0.373676, 0.373067.
                let img = unitFloats 1 1 3 [| 0.5f; 0.5f; 0.5f |]
                let out = replayJson (Ops.fancyPca 0.1) """{"op":"FancyPCA","params":{"Alpha":[1,0,0]}}""" img
                close 1e-6f "floats" (out.Floats.ToArray()) [| 0.37656875f; 0.373676f; 0.373067f |]
            }
            test "RandomBrightnessContrast: albumentations' truncating byte table" {
                // alpha 1.2, beta 0.1: i * 1.2 + 25.5; 0 -> 25.5 -> 25, 100 -> 145.5 -> 145, 200 -> 265.5 -> 255. Floats
                // on [0, 1]: 0.5 * 1.2 + 0.1 = 0.7.
                let op = Ops.randomBrightnessContrast (Sampler.constant 0.1) (Sampler.constant 0.2)
                Expect.equal ((run op 0 (Image.FromBytes(3, 1, 1, ReadOnlySpan [| 0uy; 100uy; 200uy |]))).Bytes.ToArray()) [| 25uy; 145uy; 255uy |] "bytes"
                close 1e-6f "floats" ((run op 0 (unitFloats 1 1 1 [| 0.5f |])).Floats.ToArray()) [| 0.7f |]
            }
            test "Normalize with ImageNet's mean and std, and the declared range" {
                // R: (255 - 0.485 * 255) / (0.229 * 255) = 131.325 / 58.395 = 2.2489082; (0 - 123.675) / 58.395 = -2.1179039.
                // Extremes over the channels: G max (255 - 116.28) / 57.12 = 2.4285714, B max (255 - 103.53) / 57.375 = 2.64,
                // R min -2.1179039: the declared range is [-2.1179039, 2.64].
                let img = rgbBytes 2 1 [| 255uy; 0uy; 0uy; 0uy; 255uy; 255uy |]
                let out = run (Ops.normalize [| 0.485; 0.456; 0.406 |] [| 0.229; 0.224; 0.225 |]) 0 img
                Expect.equal out.ElementType ElementType.Float32 "float32"
                close 1e-5f "values" (out.Floats.ToArray()) [| 2.2489082f; -2.0357144f; -1.8044444f; -2.1179039f; 2.4285714f; 2.64f |]
                Expect.isLessThan (abs (out.Range.Min + 2.1179039f)) 1e-5f "range min"
                Expect.isLessThan (abs (out.Range.Max - 2.64f)) 1e-5f "range max"
            }
            test "Rescaling as Keras: 1/255 to [0, 1], 1/127.5 - 1 to [-1, 1]" {
                let img = Image.FromBytes(3, 1, 1, ReadOnlySpan [| 0uy; 51uy; 255uy |])
                let a = run (Ops.rescaling (1.0 / 255.0) 0.0) 0 img
                Expect.equal a.Range (ValueRange(0f, 1f)) "range [0, 1]"
                close 1e-7f "1/255" (a.Floats.ToArray()) [| 0f; 0.2f; 1f |]
                let b = run (Ops.rescaling (1.0 / 127.5) -1.0) 0 img
                Expect.equal b.Range (ValueRange(-1f, 1f)) "range [-1, 1]"
                close 1e-6f "1/127.5 - 1" (b.Floats.ToArray()) [| -1f; -0.6f; 1f |]
            }
            test "ToFloat32 and ToByte give Image.ToFloat32 and Image.ToByte bit for bit" {
                let img = makeImage ElementType.Byte 3 (17, 5) 3 ValueRange.Byte
                let f = run (Ops.toFloat32 -1.0 2.0) 0 img
                Expect.isTrue (f.ContentEquals(img.ToFloat32(ValueRange(-1f, 2f)))) "to float"
                let b = run Ops.toByte 0 f
                Expect.isTrue (b.ContentEquals(f.ToByte())) "to byte"
                Expect.equal (bits b) (bits img) "round trip"
                let g = makeImage ElementType.Float32 4 (9, 4) 5 (ValueRange(-3f, 0.5f))
                Expect.isTrue ((run (Ops.toFloat32 0.0 1.0) 0 g).ContentEquals(g.ToFloat32 ValueRange.Unit)) "float to float"
            }
        ]

        testList "conversions in the engine" [
            test "a later op sees the new type and range: ToFloat32 then Brightness adds a fraction of 1, not of 255" {
                // 51 -> 0.2 on [0, 1]; brightness 0.2 adds 0.2 * (1 - 0) = 0.2 -> 0.4; ToByte: 0.4 * 255 = 102.
                let img = Image.FromBytes(1, 1, 1, ReadOnlySpan [| 51uy |])
                let pipe = Aug.sequence [ Ops.toFloat32 0.0 1.0; Ops.brightness (Sampler.constant 0.2) ]
                let out = run pipe 0 img
                Expect.equal out.ElementType ElementType.Float32 "float"
                Expect.equal out.Range ValueRange.Unit "range"
                close 1e-6f "0.4" (out.Floats.ToArray()) [| 0.4f |]
                Expect.equal ((run (Aug.sequence [ pipe; Ops.toByte ]) 0 img).Bytes.ToArray()) [| 102uy |] "back to bytes"
            }
            test "after Normalize, Invert maps x to min + max - x of the declared range" {
                let img = Image.FromBytes(2, 1, 1, ReadOnlySpan [| 0uy; 255uy |])
                let n = run (Ops.normalize [| 0.5 |] [| 0.25 |]) 0 img
                // (x - 127.5) / 63.75: 0 -> -2, 255 -> 2; the range is [-2, 2], so Invert gives 2, -2.
                Expect.equal n.Range (ValueRange(-2f, 2f)) "range"
                let inv = run (Aug.sequence [ Ops.normalize [| 0.5 |] [| 0.25 |]; Ops.invert ]) 0 img
                Expect.equal (inv.Floats.ToArray()) [| 2f; -2f |] "inverted in the new range"
            }
            test "the draw sees the converted view: a colour op after ToByte plans on bytes (AutoContrast)" {
                let img = unitFloats 3 1 1 [| 0.2f; 0.4f; 0.6f |]
                expectArg "image" [ "float32" ] (fun () -> run Ops.autoContrast 0 img)
                let out = run (Aug.sequence [ Ops.toByte; Ops.autoContrast ]) 0 img
                Expect.equal out.ElementType ElementType.Byte "bytes"
                Expect.equal (out.Bytes.ToArray()) [| 0uy; 127uy; 255uy |] "51, 102, 153 stretched: (102 - 51) * 2.5 = 127.5 -> 127"
            }
            test "fused and step by step agree across conversions; runInto takes a float destination" {
                let img = makeImage ElementType.Byte 3 (23, 7) 9 ValueRange.Byte
                let pipe =
                    Aug.sequence [ Ops.brightness (Sampler.constant 0.1); Ops.contrast (Sampler.constant 1.3); Ops.toFloat32 0.0 1.0
                                   Ops.contrast (Sampler.constant 0.8); Ops.gamma (Sampler.constant 1.5) 1.0; Ops.flipHorizontal
                                   Ops.normalize [| 0.4 |] [| 0.3 |]; Ops.saturation (Sampler.constant 1.4) ]
                let f, _ = Aug.runWith RunOptions.Default pipe (Seed.ofInt 1) (Sample.ofImage img)
                let u, _ = Aug.runWith unfused pipe (Seed.ofInt 1) (Sample.ofImage img)
                Expect.equal (bits f.Image) (bits u.Image) "fused = unfused"
                Expect.equal f.Image.Range u.Image.Range "same range"
                let dst = PixelBuffer.Allocate(23, 7, 3, ElementType.Float32, f.Image.Range)
                Aug.runInto RunOptions.Default pipe (Seed.ofInt 1) (Sample.ofImage img) dst |> ignore
                Expect.equal (bits (dst.ToImage())) (bits f.Image) "runInto"
                let wrong = PixelBuffer.Allocate(23, 7, 3, ElementType.Byte, ValueRange.Byte)
                expectArg "destination" [ "Float32" ] (fun () -> Aug.runInto RunOptions.Default pipe (Seed.ofInt 1) (Sample.ofImage img) wrong)
            }
            test "Engine.plan: points after a conversion to float are not folded into a byte table" {
                let s = { Width = 4; Height = 4; Channels = 3 }
                let conv = Step.Kernel { Steps.kernel "to float" 0 (fun _ _ -> ()) with OutputType = ValueSome ElementType.Float32; OutputRange = ValueSome ValueRange.Unit }
                let pt = Steps.affine 3 (fun _ -> 0f) (fun _ -> 1f) (fun _ -> 0.1f)
                Expect.equal (Engine.plan true ElementType.Byte s [ pt; pt; conv; pt; pt ]).Length 4 "table | kernel | point | point"
                let struct (t, r) = Engine.outputFormat (Group.Kernel { Steps.kernel "to float" 0 (fun _ _ -> ()) with OutputType = ValueSome ElementType.Float32; OutputRange = ValueSome ValueRange.Unit }) ElementType.Byte ValueRange.Byte
                Expect.equal (t, r) (ElementType.Float32, ValueRange.Unit) "output format"
            }
        ]

        testList "properties" [
            testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 60 } "every colour op keeps the shape, type and value range (random images)" <|
                Prop.forAll (Arb.fromGen (Gen.zip genImage (Gen.choose (0, 1000)))) (fun (img, seed) ->
                    colourOps |> List.forall (fun (name, op) ->
                        if not (takes name img) then true
                        else
                            let out = run op seed img
                            out.Width = img.Width && out.Height = img.Height && out.Channels = img.Channels
                            && out.ElementType = img.ElementType && out.Range = img.Range
                            && (img.ElementType = ElementType.Byte
                                || out.Floats.ToArray() |> Array.forall (fun v -> v >= img.Range.Min && v <= img.Range.Max))))

            testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 60 } "conversions declare a range that holds every value; ToFloat32 then ToByte is the identity on bytes" <|
                Prop.forAll (Arb.fromGen (Gen.zip genImage (Gen.choose (0, 1000)))) (fun (img, seed) ->
                    let within (o: Image) = o.Floats.ToArray() |> Array.forall (fun v -> v >= o.Range.Min && v <= o.Range.Max)
                    let n = run (Ops.normalize [| 0.485; 0.456; 0.406; 0.5 |].[.. img.Channels - 1] [| 0.229; 0.224; 0.225; 0.3 |].[.. img.Channels - 1]) seed img
                    let r = run (Ops.rescaling -0.7 3.0) seed img
                    let f = run (Ops.toFloat32 -1.0 1.0) seed img
                    within n && within r && within f && f.Range = ValueRange.Symmetric
                    && (img.ElementType <> ElementType.Byte || bits (run (Aug.sequence [ Ops.toFloat32 0.0 1.0; Ops.toByte ]) seed img) = bits img))

            testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 40 } "identity parameters give the input back" <|
                Prop.forAll arbImage (fun img ->
                    let ids =
                        [ Ops.sharpness (Sampler.constant 1.0); Ops.randomBrightnessContrast (Sampler.constant 0.0) (Sampler.constant 0.0)
                          Ops.toByte |> (fun a -> if img.ElementType = ElementType.Byte then a else Aug.identity) ]
                        @ (if img.Channels >= 3 then
                               [ Ops.saturation (Sampler.constant 1.0); Ops.hue (Sampler.constant 0.0); Ops.fancyPca 0.0
                                 Ops.rgbShift (Sampler.constant 0.0) (Sampler.constant 0.0) (Sampler.constant 0.0) ]
                           else [ Ops.toGray GrayMethod.Max; Ops.channelShuffle ])
                    ids |> List.forall (fun op -> bits (run op 3 img) = bits img))

            test "byte Saturation and Hue stay within a level of the float path on [0, 1] (TF's formulas)" {
                let img = makeImage ElementType.Byte 3 (40, 10) 12 ValueRange.Byte
                for op in [ Ops.saturation (Sampler.constant 1.7); Ops.hue (Sampler.constant 0.23); Ops.hue (Sampler.constant -0.41) ] do
                    let b = (run op 0 img).Bytes.ToArray()
                    let f = (run op 0 (img.ToFloat32 ValueRange.Unit)).Floats.ToArray()
                    for i in 0 .. b.Length - 1 do
                        Expect.isLessThanOrEqual (abs (float b.[i] - float f.[i] * 255.0)) 0.51 (sprintf "sample %d" i)
            }
            test "every op's trace replays to the same bits" {
                for c in [ 3; 4 ] do
                    let img = makeImage ElementType.Byte c (11, 6) c ValueRange.Byte
                    let ops = colourOps @ [ "Normalize", Ops.normalize [| 0.5 |] [| 0.2 |]; "Rescaling", Ops.rescaling 2.0 1.0
                                            "ToFloat32", Ops.toFloat32 0.0 1.0; "ToByte", Ops.toByte ]
                    for name, op in ops do
                        let out, t = Aug.run op (Seed.ofInt 4) (Sample.ofImage img)
                        let again = Aug.replay op (Json.traceOfString (Json.traceToString t)) (Sample.ofImage img)
                        Expect.equal (bits again.Image) (bits out.Image) name
            }
        ]

        testList "bad input" [
            test "op constructors name the parameter" {
                expectArg "factor" [ "[0, 1e6]" ] (fun () -> Ops.saturation (Sampler.constant -1.0))
                expectArg "delta" [ "[-1, 1]" ] (fun () -> Ops.hue (Sampler.uniform -2.0 0.0))
                expectArg "g" [ "[-255, 255]" ] (fun () -> Ops.rgbShift (Sampler.constant 0.0) (Sampler.constant 300.0) (Sampler.constant 0.0))
                expectArg "minDrop" [ "minDrop was 0" ] (fun () -> Ops.channelDropout 0 1 0.0)
                expectArg "maxDrop" [ "maxDrop was 1" ] (fun () -> Ops.channelDropout 2 1 0.0)
                expectArg "method" [ "method was 9" ] (fun () -> Ops.toGray (enum<GrayMethod> 9))
                expectArg "sigma" [ "sigma was -1" ] (fun () -> Ops.fancyPca -1.0)
                expectArg "contrast" [ "[-1, 99]" ] (fun () -> Ops.randomBrightnessContrast (Sampler.constant 0.0) (Sampler.constant -2.0))
                expectArg "std" [ "as many deviations as means" ] (fun () -> Ops.normalize [| 0.5; 0.5; 0.5 |] [| 0.2 |])
                expectArg "std" [ "std was 0" ] (fun () -> Ops.normalize [| 0.5 |] [| 0.0 |])
                expectArg "mean" [ "2 values" ] (fun () -> Ops.normalize [| 0.5; 0.5 |] [| 0.2; 0.2 |])
                expectArg "scale" [ "non-zero" ] (fun () -> Ops.rescaling 0.0 1.0)
                expectArg "max" [ "greater than min" ] (fun () -> Ops.toFloat32 1.0 1.0)
            }
            test "ops name what they cannot take when run" {
                let gray = Image.FromBytes(2, 2, 1, ReadOnlySpan(Array.zeroCreate 4))
                expectArg "image" [ "1-channel"; "RGB" ] (fun () -> run (Ops.saturation (Sampler.constant 0.5)) 0 gray)
                expectArg "image" [ "1-channel"; "RGB" ] (fun () -> run Ops.toSepia 0 gray)
                expectArg "image" [ "1-channel" ] (fun () -> run (Ops.channelDropout 1 1 0.0) 0 gray)
                expectArg "maxDrop" [ "fewer than the image's 3 channels" ] (fun () -> run (Ops.channelDropout 1 3 0.0) 0 (rgbBytes 1 1 [| 1uy; 2uy; 3uy |]))
                expectArg "image" [ "float32" ] (fun () -> run Ops.autoContrast 0 (unitFloats 1 1 1 [| 0.5f |]))
                expectArg "Mean" [ "1 or 3 values" ] (fun () -> run (Ops.normalize [| 0.1; 0.2; 0.3; 0.4 |] [| 1.0; 1.0; 1.0; 1.0 |]) 0 (rgbBytes 1 1 [| 1uy; 2uy; 3uy |]))
            }
            test "replayed parameters outside the domain name their JSON path" {
                let img = makeImage ElementType.Byte 3 (4, 3) 1 ValueRange.Byte
                expectArg "trace" [ "$.params.Permutation"; "permutation" ] (fun () ->
                    replayJson Ops.channelShuffle """{"op":"ChannelShuffle","params":{"Permutation":[0,0,1]}}""" img)
                expectArg "trace" [ "$.params.Factor" ] (fun () ->
                    replayJson (Ops.hue (Sampler.constant 0.1)) """{"op":"Hue","params":{"Factor":1.5}}""" img)
                expectArg "trace" [ "$.params.Dropped"; "distinct" ] (fun () ->
                    replayJson (Ops.channelDropout 1 1 0.0) """{"op":"ChannelDropout","params":{"Dropped":[1,1],"Fill":0}}""" img)
                expectArg "trace" [ "$.params.Std" ] (fun () ->
                    replayJson (Ops.normalize [| 0.5 |] [| 0.2 |]) """{"op":"Normalize","params":{"Mean":[0.5],"Std":[-1]}}""" img)
                expectArg "trace" [ "$.params.Method" ] (fun () ->
                    replayJson (Ops.toGray GrayMethod.Max) """{"op":"ToGray","params":{"Method":"Lab"}}""" img)
            }
            test "kernels name the parameter" {
                let b = Array.zeroCreate<byte> 12
                let f = Array.zeroCreate<float32> 12
                expectArg "channels" [ "channels was 1"; "3 or 4" ] (fun () -> ColourKernels.AdjustSaturation(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), 1, 1f))
                expectArg "factor" [ "factor was -1" ] (fun () -> ColourKernels.AdjustSaturation(ReadOnlySpan f, Span(Array.zeroCreate<float32> 12), 3, -1f, ValueRange.Unit))
                expectArg "delta" [ "delta was 2" ] (fun () -> ColourKernels.AdjustHue(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), 3, 2f))
                expectArg "permutation" [ "permutation of 0 to 2" ] (fun () -> ColourKernels.ChannelShuffle(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), 3, ReadOnlySpan [| 0; 1; 1 |]))
                expectArg "matrix" [ "9" ] (fun () -> ColourKernels.ColourMatrix(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), 3, ReadOnlySpan [| 1f |]))
                expectArg "dst" [ "source length 12" ] (fun () -> ColourKernels.ToGray(ReadOnlySpan b, Span(Array.zeroCreate<byte> 9), 3, GrayMethod.Max))
                expectArg "src" [ "12 samples" ] (fun () -> ColourKernels.Sharpness(ReadOnlySpan(Array.zeroCreate<byte> 11), Span(Array.zeroCreate<byte> 11), 2, 2, 3, 1f))
                expectArg "scale" [ "finite" ] (fun () -> ColourKernels.AffineToFloat(ReadOnlySpan b, Span f, 3, ReadOnlySpan [| 0f; 0f; 0f |], ReadOnlySpan [| 1f; nanf; 1f |], ReadOnlySpan [| 0f; 0f; 0f |], ValueRange.Unit))
            }
        ]
    ]
