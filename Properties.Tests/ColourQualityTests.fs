/// The second batch of colour and image-quality ops (CLAHE, ...): known answers worked by hand (each says how), value
/// ranges, replays and bad input.
module ColourQualityTests

open System
open System.Runtime.InteropServices
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native
open Augment.Native.Kernels
open Generators

let private run (aug: Aug) (seed: int) (img: Image) = (fst (Aug.run aug (Seed.ofInt seed) (Sample.ofImage img))).Image

let private bytesImage (w: int) (h: int) (px: byte[]) = Image.FromBytes(w, h, px.Length / (w * h), ReadOnlySpan px)
let private unitFloats (w: int) (h: int) (c: int) (px: float32[]) = Image.FromFloats(w, h, c, ReadOnlySpan px, ValueRange.Unit)

let private replayJson (op: Aug) (json: string) (img: Image) =
    (Aug.replay op (Json.traceOfString json) (Sample.ofImage img)).Image

let private expectArg = BadInput.expectArg

let private clahe clip tx ty = Ops.clahe (Sampler.constant clip) tx ty

/// Every op of this file with parameters that exercise it, and whether it takes an image.
let private ops : (string * Aug * (Image -> bool)) list =
    [ "CLAHE", Ops.clahe (Sampler.uniform 1.0 4.0) 3 2, (fun _ -> true)
      "ImageCompression JPEG", Ops.imageCompression CompressionType.Jpeg 10 90, (fun _ -> true)
      "ImageCompression WebP", Ops.imageCompression CompressionType.Webp 10 90, (fun _ -> true)
      "ColorJitter", Ops.colorJitter 0.4 0.4 0.4 0.1, (fun _ -> true)
      "HueSaturationValue", Ops.hueSaturationValue (Sampler.uniform -20.0 20.0) (Sampler.uniform -30.0 30.0) (Sampler.uniform -20.0 20.0), (fun _ -> true)
      "PlanckianJitter blackbody", Ops.planckianJitter PlanckianMode.Blackbody, (fun img -> img.Channels >= 3)
      "PlanckianJitter CIED", Ops.planckianJitter PlanckianMode.Cied, (fun img -> img.Channels >= 3)
      "GlassBlur", Ops.glassBlur 0.7 2 2, (fun _ -> true)
      "ISONoise", Ops.isoNoise (Sampler.uniform 0.01 0.05) (Sampler.uniform 0.1 0.5), (fun img -> img.Channels >= 3) ]

let tests =
    testList "colour and quality ops 2" [
        testList "known answers" [
            test "CLAHE, one tile: global equalisation, with and without clipping" {
                // 2 x 2 gray [10, 10, 10, 200], grid 1 x 1: tile 2 x 2, area 4, lutScale = 255 / 4 = 63.75.
                // No clip (0): cumsum 3 at 10 -> 191.25 -> 191; 4 at 200 -> 255. One tile: both interpolation weights
                // fall on it, so the table is read as it is.
                // Clip 2: limit = max(1, (int)(2 * 4 / 256)) = 1; bin 10 clipped from 3 to 1 (2 clipped); 2 / 256 = 0 to every
                // bin, residual 2 with step 256 / 2 = 128: bins 0 and 128 get one each. cumsum at 10 = 2 (bins 0, 10) -> 127.5,
                // half to even -> 128; at 200 = 4 -> 255.
                let img = bytesImage 2 2 [| 10uy; 10uy; 10uy; 200uy |]
                Expect.equal ((run (clahe 0.0 1 1) 0 img).Bytes.ToArray()) [| 191uy; 191uy; 191uy; 255uy |] "no clipping"
                Expect.equal ((run (clahe 2.0 1 1) 0 img).Bytes.ToArray()) [| 128uy; 128uy; 128uy; 255uy |] "clip 2"
            }
            test "CLAHE, two tiles: bilinear blend of the tables" {
                // 4 x 1 [0, 100, 100, 200], grid 2 x 1, clip 0: tiles 2 x 1, lutScale 127.5.
                // Tile 0 {0, 100}: lut0[v] = 128 (127.5, half to even) for v in [0, 100), 255 from 100.
                // Tile 1 {100, 200}: lut1[v] = 0 below 100, 128 in [100, 200), 255 from 200.
                // t = x / 2 - 0.5: x 0 -> -0.5 (tile 0 only) lut0[0] = 128; x 1 -> 0 (tile 0, weight 1) lut0[100] = 255;
                // x 2 -> 0.5: 0.5 lut0[100] + 0.5 lut1[100] = 191.5 -> 192; x 3 -> 1 (tile 1) lut1[200] = 255.
                let img = bytesImage 4 1 [| 0uy; 100uy; 100uy; 200uy |]
                Expect.equal ((run (clahe 0.0 2 1) 0 img).Bytes.ToArray()) [| 128uy; 255uy; 192uy; 255uy |] "blend"
            }
            test "CLAHE pads with reflect-101 as OpenCV when the grid does not divide the image" {
                // 3 x 1 [0, 200, 100], grid 2 x 1: 3 % 2 <> 0, so OpenCV pads 2 - 1 = 1 column and 1 - 0 = 1 row (a whole
                // row although the height divides): padded 4 x 2, each row [0, 200, 100, 200] (column 3 reflects to 1),
                // tiles 2 x 2, lutScale 255 / 4 = 63.75.
                // Tile 0 {0, 200} x 2: lut0 = 128 (127.5) below 200, 255 from 200. Tile 1 {100, 200} x 2: lut1 = 128 in
                // [100, 200). t = x / 2 - 0.5: x 0 -> lut0[0] = 128; x 1 -> t 0 -> lut0[200] = 255; x 2 -> t 0.5 ->
                // 0.5 lut0[100] + 0.5 lut1[100] = 128. (A replicate pad, [0, 200, 100, 100], would give lut1[100] = 255, 192.)
                let img = bytesImage 3 1 [| 0uy; 200uy; 100uy |]
                Expect.equal ((run (clahe 0.0 2 1) 0 img).Bytes.ToArray()) [| 128uy; 255uy; 128uy |] "reflect-101 pad"
                Expect.equal (ClaheKernels.TileSize(3, 1, 2, 1)) (2, 2) "tile size"
                Expect.equal (ClaheKernels.TileSize(4, 2, 2, 1)) (2, 2) "divisible"
            }
            test "CLAHE: each colour channel on its own, alpha kept, floats through bytes of their range" {
                // RGBA, 2 x 2, channel 0 the one-tile image above ([10, 10, 10, 200] -> [191, 191, 191, 255]); channel 1
                // constant 7 (one bin of 4: cumsum 4 -> 255); channel 2 [200, 10, 10, 10] (the mirror image: 255, 191 x 3);
                // alpha [1, 2, 3, 4] kept.
                let px = [| 10uy; 7uy; 200uy; 1uy; 10uy; 7uy; 10uy; 2uy; 10uy; 7uy; 10uy; 3uy; 200uy; 7uy; 10uy; 4uy |]
                let out = (run (clahe 0.0 1 1) 0 (bytesImage 2 2 px)).Bytes.ToArray()
                Expect.equal out [| 191uy; 255uy; 255uy; 1uy; 191uy; 255uy; 191uy; 2uy; 191uy; 255uy; 191uy; 3uy; 255uy; 255uy; 191uy; 4uy |] "RGBA"
                // The gray image as floats b / 255 on [0, 1] comes back as the byte answer / 255.
                let f = run (clahe 2.0 1 1) 0 (unitFloats 2 2 1 [| 10f / 255f; 10f / 255f; 10f / 255f; 200f / 255f |])
                Expect.equal (f.Floats.ToArray()) [| 128f / 255f; 128f / 255f; 128f / 255f; 1f |] "float"
            }
            test "ImageCompression: a flat image at quality 100 comes back flat, at the same value" {
                // A flat 16 x 16 block has only a DC coefficient, 8 (v - 128) for gray; at quality 100 every IJG quantiser is
                // 1, so it survives exactly and the inverse DCT gives v back. In colour, RGB -> YCbCr -> RGB of a gray pixel
                // (R = G = B) has zero chroma and the same luma, so gray colours come back too. Alpha is kept.
                for v in [ 0uy; 37uy; 128uy; 200uy; 255uy ] do
                    let g = Image.FromBytes(16, 16, 1, ReadOnlySpan(Array.create 256 v))
                    for t in [ CompressionType.Jpeg; CompressionType.Webp ] do
                        let out = run (Ops.imageCompression t 100 100) 0 g
                        Expect.equal (out.Bytes.ToArray()) (Array.create 256 v) (sprintf "gray %d %A" v t)
                    let rgba = Image.FromBytes(16, 16, 4, ReadOnlySpan(Array.init 1024 (fun i -> if i % 4 = 3 then byte (i / 4) else v)))
                    let out = run (Ops.imageCompression CompressionType.Jpeg 100 100) 0 rgba
                    Expect.equal (out.Bytes.ToArray()) (bits rgba) (sprintf "RGBA gray %d" v)
            }
            test "ImageCompression: deterministic for a quality, lossy at low quality, quality drawn in range" {
                let img = makeImage ElementType.Byte 3 (32, 24) 5 ValueRange.Byte
                for t in [ CompressionType.Jpeg; CompressionType.Webp ] do
                    let a = run (Ops.imageCompression t 20 20) 1 img
                    let b = run (Ops.imageCompression t 20 20) 2 img
                    Expect.equal (bits a) (bits b) (sprintf "%A: same quality, same bits" t)
                    Expect.notEqual (bits a) (bits img) (sprintf "%A: quality 20 loses something on noise" t)
                let op = Ops.imageCompression CompressionType.Jpeg 30 40
                for seed in 0 .. 20 do
                    let _, trace = Aug.run op (Seed.ofInt seed) (Sample.ofImage img)
                    let json = Json.traceToString trace
                    let q = Text.RegularExpressions.Regex.Match(json, "\"Quality\":\\s*(\\d+)").Groups.[1].Value |> int
                    Expect.isTrue (q >= 30 && q <= 40) (sprintf "quality %d in [30, 40]" q)
            }
            test "ColorJitter stages, each alone, on torchvision's uint8 path (truncation after each stage)" {
                let jitter (px: byte[]) (c: int) (order: int[]) b ct s h =
                    let out = Array.zeroCreate<byte> px.Length
                    JitterKernels.ColorJitter(ReadOnlySpan px, Span out, c, ReadOnlySpan order, b, ct, s, h)
                    out
                let o = [| 0; 1; 2; 3 |]
                // Brightness x f clamped, truncated: (200, 100, 3) * 1.25 = (250, 125, 3.75) -> (250, 125, 3); * 1.5 clamps 300 to 255.
                Expect.equal (jitter [| 200uy; 100uy; 3uy |] 3 o 1.25f 1f 1f 0f) [| 250uy; 125uy; 3uy |] "brightness 1.25"
                Expect.equal (jitter [| 200uy; 100uy; 50uy |] 3 o 1.5f 1f 1f 0f) [| 255uy; 150uy; 75uy |] "brightness 1.5"
                // Contrast: gray floor(0.2989 v + 0.587 v + 0.114 v) = floor(0.9999 v): 100 -> 99, 200 -> 199; mean 149.
                // f 0.5: 100 * 0.5 + 149 * 0.5 = 124.5 -> 124; 200 -> 174.5 -> 174.
                Expect.equal (jitter [| 100uy; 100uy; 100uy; 200uy; 200uy; 200uy |] 3 o 1f 0.5f 1f 0f)
                    [| 124uy; 124uy; 124uy; 174uy; 174uy; 174uy |] "contrast 0.5"
                // Saturation: (200, 100, 50) has gray 59.78 + 58.7 + 5.7 = 124.18 -> 124. f 0: every channel 124; f 2:
                // 2 x - 124 = (276, 76, -24) -> (255, 76, 0).
                Expect.equal (jitter [| 200uy; 100uy; 50uy |] 3 o 1f 1f 0f 0f) [| 124uy; 124uy; 124uy |] "saturation 0"
                Expect.equal (jitter [| 200uy; 100uy; 50uy |] 3 o 1f 1f 2f 0f) [| 255uy; 76uy; 0uy |] "saturation 2"
                // Hue: red (1, 0, 0) has h 0, s 1, v 1. + 0.5: h6 = 3, i 3, f 0: (p, q, v) = (0, 1, 1) -> * 255.999 -> (0, 255, 255).
                // + 0.25: h6 = 1.5, i 1, f 0.5: (q, v, p) = (0.5, 1, 0) -> 0.5 * 255.999 = 127.9995 -> 127: (127, 255, 0).
                // Alpha kept.
                Expect.equal (jitter [| 255uy; 0uy; 0uy; 9uy |] 4 o 1f 1f 1f 0.5f) [| 0uy; 255uy; 255uy; 9uy |] "hue 0.5"
                Expect.equal (jitter [| 255uy; 0uy; 0uy |] 3 o 1f 1f 1f 0.25f) [| 127uy; 255uy; 0uy |] "hue 0.25"
                // Gray images: saturation and hue leave them; contrast uses the value as its gray.
                Expect.equal (jitter [| 10uy; 30uy |] 1 o 1f 1f 0f 0.5f) [| 10uy; 30uy |] "gray saturation, hue"
            }
            test "ColorJitter: the order matters; floats relative to the range; the op replays a recorded order" {
                // Gray [100, 200]: brightness 2 then contrast 0: [200, 255] (400 clamps), mean 227.5 -> 227 each. Contrast 0
                // then brightness 2: mean 150, then 300 clamps to 255 each.
                let op = Ops.colorJitter 1.0 1.0 0.0 0.0
                let img = bytesImage 2 1 [| 100uy; 200uy |]
                let bc = replayJson op """{"op":"ColorJitter","params":{"Order":[0,1,2,3],"Brightness":2,"Contrast":0,"Saturation":1,"Hue":0}}""" img
                let cb = replayJson op """{"op":"ColorJitter","params":{"Order":[1,0,3,2],"Brightness":2,"Contrast":0,"Saturation":1,"Hue":0}}""" img
                Expect.equal (bc.Bytes.ToArray()) [| 227uy; 227uy |] "brightness, then contrast"
                Expect.equal (cb.Bytes.ToArray()) [| 255uy; 255uy |] "contrast, then brightness"
                // Floats on [0, 1]: contrast 0.5 of [0.2, 0.6] (mean 0.4): 0.3 and 0.5. On [0, 2] the same values doubled.
                let f = replayJson op """{"op":"ColorJitter","params":{"Order":[1,0,2,3],"Brightness":1,"Contrast":0.5,"Saturation":1,"Hue":0}}""" (unitFloats 2 1 1 [| 0.2f; 0.6f |])
                for a, e in Array.zip (f.Floats.ToArray()) [| 0.3f; 0.5f |] do Expect.floatClose Accuracy.high (float a) (float e) "unit"
                let r = ValueRange(0f, 2f)
                let f2 = replayJson op """{"op":"ColorJitter","params":{"Order":[1,0,2,3],"Brightness":1,"Contrast":0.5,"Saturation":1,"Hue":0}}""" (Image.FromFloats(2, 1, 1, ReadOnlySpan [| 0.4f; 1.2f |], r))
                for a, e in Array.zip (f2.Floats.ToArray()) [| 0.6f; 1.0f |] do Expect.floatClose Accuracy.high (float a) (float e) "[0, 2]"
                // Float hue: (1, 0, 0) + 0.25 is (0.5, 1, 0).
                let h = replayJson (Ops.colorJitter 0.0 0.0 0.0 0.5) """{"op":"ColorJitter","params":{"Order":[3,2,1,0],"Brightness":1,"Contrast":1,"Saturation":1,"Hue":0.25}}""" (unitFloats 1 1 3 [| 1f; 0f; 0f |])
                Expect.equal (h.Floats.ToArray()) [| 0.5f; 1f; 0f |] "float hue"
            }
            test "ColorJitter draws torchvision's ranges and every order" {
                let img = makeImage ElementType.Byte 3 (4, 4) 2 ValueRange.Byte
                let orders = Collections.Generic.HashSet<string>()
                for seed in 0 .. 399 do
                    let _, t = Aug.run (Ops.colorJitter 0.5 1.5 0.2 0.1) (Seed.ofInt seed) (Sample.ofImage img)
                    let json = Json.traceToString t
                    let num (name: string) = Text.RegularExpressions.Regex.Match(json, "\"" + name + "\":\\s*([-0-9.eE]+)").Groups.[1].Value |> float
                    Expect.isTrue (num "Brightness" >= 0.5 && num "Brightness" <= 1.5) "brightness in [0.5, 1.5]"
                    Expect.isTrue (num "Contrast" >= 0.0 && num "Contrast" <= 2.5) "contrast in [max(0, -0.5), 2.5]"
                    Expect.isTrue (num "Saturation" >= 0.8 && num "Saturation" <= 1.2) "saturation in [0.8, 1.2]"
                    Expect.isTrue (num "Hue" >= -0.1 && num "Hue" <= 0.1) "hue in [-0.1, 0.1]"
                    orders.Add(Text.RegularExpressions.Regex.Match(json, "\"Order\":\\s*(\\[[^\\]]*\\])").Groups.[1].Value) |> ignore
                Expect.equal orders.Count 24 "all 24 orders drawn"
            }
            test "HueSaturationValue on OpenCV's 8-bit HSV" {
                let hsv h s v = Ops.hueSaturationValue (Sampler.constant h) (Sampler.constant s) (Sampler.constant v)
                // Red (255, 0, 0): RGB2HSV_b gives H 0, S (255 * sdiv[255] + 2048) >> 12 = 255 (sdiv[255] = 4096), V 255.
                // Hue + 60 (120 degrees): H 60, 60 * (6f / 180) = 2 exactly in float32: sector 2, f 0, tab = (1, 0, 1, 0),
                // (b, g, r) = (tab[3], tab[0], tab[1]) = (0, 1, 0): green. Hue - 60: (0 - 60) mod 180 = 120, 4 in float32:
                // sector 4, (b, g, r) = (tab[0], tab[1], tab[3]): blue. Alpha kept.
                Expect.equal ((run (hsv 60.0 0.0 0.0) 0 (bytesImage 1 1 [| 255uy; 0uy; 0uy; 7uy |])).Bytes.ToArray()) [| 0uy; 255uy; 0uy; 7uy |] "red + 60"
                Expect.equal ((run (hsv -60.0 0.0 0.0) 0 (bytesImage 1 1 [| 255uy; 0uy; 0uy |])).Bytes.ToArray()) [| 0uy; 0uy; 255uy |] "red - 60"
                // (200, 100, 50): diff 150, H = (50 * hdiv[150] + 2048) >> 12 with hdiv[150] = round(737280 / 900) = 819:
                // 42998 >> 12 = 10; S = (150 * sdiv[200] + 2048) >> 12, sdiv[200] = round(5222.4) = 5222: 785348 >> 12 = 191;
                // V 200. Value - 100: V 100. Back: h = 1/3 (sector 0), s = 191 / 255, v = 100 / 255: r = v -> 100,
                // g = v (1 - s (1 - h)) = 0.19633 -> 50.07 -> 50, b = v (1 - s) = 0.098424 -> 25.10 -> 25.
                Expect.equal ((run (hsv 0.0 0.0 -100.0) 0 (bytesImage 1 1 [| 200uy; 100uy; 50uy |])).Bytes.ToArray()) [| 100uy; 50uy; 25uy |] "value - 100"
                // Saturation - 255: S 0, every channel v = 200.
                Expect.equal ((run (hsv 0.0 -255.0 0.0) 0 (bytesImage 1 1 [| 200uy; 100uy; 50uy |])).Bytes.ToArray()) [| 200uy; 200uy; 200uy |] "saturation - 255"
                // Gray: only the value table, truncated: 5 + 10.7 -> 15, 250 + 10.7 clips to 255; the hue shift is dropped.
                Expect.equal ((run (hsv 30.0 0.0 10.7) 0 (bytesImage 2 1 [| 5uy; 250uy |])).Bytes.ToArray()) [| 15uy; 255uy |] "gray"
                // Float red + 120 degrees: RGB2HSV_f gives h 0, s = 1 / (1 + FLT_EPSILON); 120 * (6f / 360) = 2: green, up to
                // the 1 - s = 1.2e-7 that FLT_EPSILON leaves in the other channels.
                let f = (run (hsv 120.0 0.0 0.0) 0 (unitFloats 1 1 3 [| 1f; 0f; 0f |])).Floats.ToArray()
                for a, e in Array.zip f [| 0f; 1f; 0f |] do Expect.isLessThanOrEqual (abs (a - e)) 1e-6f "float red + 120 degrees"
            }
            test "PlanckianJitter scales R and B by the table's ratios" {
                // Blackbody row 0 (3000 K) is (0.6743, 0.4029, 0.0013): R times 0.6743 / 0.4029 = 1.67362, B times
                // 0.0013 / 0.4029 = 0.0032266. (0.5, 0.5, 0.5) -> (0.83681, 0.5, 0.0016133); 0.7 * 1.67362 = 1.1715 clamps to 1.
                // CIED row 5 (6500 K) is (0.4654, 0.4667, 0.4654): R and B times 0.997214. Bytes: 200 * 0.997214 = 199.44 -> 199.
                let op = Ops.planckianJitter PlanckianMode.Blackbody
                let img = unitFloats 2 1 3 [| 0.5f; 0.5f; 0.5f; 0.7f; 0.2f; 1f |]
                let out = (replayJson op """{"op":"PlanckianJitter","params":{"Mode":"Blackbody","Index":0}}""" img).Floats.ToArray()
                let r, b = 0.6743f / 0.4029f, 0.0013f / 0.4029f
                Expect.equal out [| 0.5f * r; 0.5f; 0.5f * b; 1f; 0.2f; 1f * b |] "kornia's products, clamped at 1"
                Expect.floatClose Accuracy.medium (float r) 1.67362 "R ratio"
                let c = replayJson (Ops.planckianJitter PlanckianMode.Cied) """{"op":"PlanckianJitter","params":{"Mode":"Cied","Index":5}}""" (bytesImage 1 1 [| 200uy; 100uy; 200uy; 5uy |])
                Expect.equal (c.Bytes.ToArray()) [| 199uy; 100uy; 199uy; 5uy |] "CIED 6500 K on bytes, alpha kept"
                // Every row can be drawn: 25 blackbody rows.
                let seen = Collections.Generic.HashSet<string>()
                for seed in 0 .. 499 do
                    let _, t = Aug.run op (Seed.ofInt seed) (Sample.ofImage img)
                    seen.Add(Text.RegularExpressions.Regex.Match(Json.traceToString t, "\"Index\":\\s*(\\d+)").Groups.[1].Value) |> ignore
                Expect.equal seen.Count 25 "all 25 rows"
            }
            test "GlassBlur: blur, albumentations' swaps, blur" {
                // 3 x 3 gray, max_delta 1: hs = arange(3 - 1, 1, -1) = [2], ws = [2]: one swap, pixel (2, 2) with
                // (2 + dy, 2 + dx), (dy, dx) in [-1, 0] from Philox block 0 (GlassKernels.Offset). A sigma of 0.05 gives
                // ksize round(0.3 + 1) | 1 = 1, so both blurs are the identity and only the swap shows.
                let px = Array.init 9 (fun i -> byte (10 * i + 1))
                let img = bytesImage 3 3 px
                let out, t = Aug.run (Ops.glassBlur 0.05 1 1) (Seed.ofInt 3) (Sample.ofImage img)
                let seedText = Text.RegularExpressions.Regex.Match(Json.traceToString t, "\"Seed\":\\s*\"([0-9a-fA-F]+)\"").Groups.[1].Value
                let struct (k0, k1, s0, s1) = (Seed.parse seedText).Words
                let dy, dx = GlassKernels.Offset(k0, k1, s0, s1, 0L, 0, 1, 1).ToTuple()
                Expect.isTrue (dy >= -1 && dy <= 0 && dx >= -1 && dx <= 0) "offsets in [-1, 0]"
                let expected = Array.copy px
                let j = (2 + dy) * 3 + 2 + dx
                expected.[8] <- px.[j]
                expected.[j] <- px.[8]
                Expect.equal (out.Image.Bytes.ToArray()) expected "one swap"
                // An image no larger than 2 max_delta on a side has no pixels to swap: two Gaussian blurs.
                let small = makeImage ElementType.Byte 3 (4, 4) 9 ValueRange.Byte
                let twice = run (Aug.sequence [ Ops.gaussianBlur (Sampler.constant 0.8); Ops.gaussianBlur (Sampler.constant 0.8) ]) 0 small
                Expect.equal (bits (run (Ops.glassBlur 0.8 2 3) 0 small)) (bits twice) "4 x 4, max_delta 2"
                // The offsets take every value of [-d, d - 1] (numpy's integers(-d, d)) and no other.
                let seen = Collections.Generic.HashSet<int>()
                for k in 0L .. 199L do
                    let a, b = GlassKernels.Offset(1u, 2u, 3u, 4u, k, 1, 2, 3).ToTuple()
                    seen.Add a |> ignore
                    seen.Add b |> ignore
                Expect.equal (Set.ofSeq seen) (Set.ofList [ -3 .. 2 ]) "offsets for d = 3"
            }
            test "ISONoise: OpenCV's HLS, Poisson luminance, Gaussian hue" {
                let iso cs i = Ops.isoNoise (Sampler.constant cs) (Sampler.constant i)
                // A flat image has std(L) = 0: Poisson(0) is 0, L is unchanged. With color_shift 0 the hue noise has sd 0.
                // Then only the round trip is left: (255, 0, 0) in float is (1, 0, 0): L 0.5, diff 1, S = 1 / (2 - 1 - 0)
                // = 1, H 0; back: p2 = 0.5 + 1 - 0.5 = 1, p1 = 0; sector 0, (b, g, r) = (tab[1], tab[3], tab[0]) = (0, 0, 1):
                // (255, 0, 0). A gray (128, 128, 128) has S 0 and comes back as L = 128 / 255 times 255 = 128 (truncated:
                // 128 * (1f / 255) * 255 = 128.00000 in float32). Alpha kept.
                let flat = bytesImage 2 1 [| 255uy; 0uy; 0uy; 9uy; 255uy; 0uy; 0uy; 9uy |]
                Expect.equal ((run (iso 0.0 1.0) 5 flat).Bytes.ToArray()) (bits flat) "flat red"
                let gray = bytesImage 1 1 [| 128uy; 128uy; 128uy |]
                Expect.equal ((run (iso 0.0 1.0) 5 gray).Bytes.ToArray()) [| 128uy; 128uy; 128uy |] "gray"
                // Poisson inversion: P(0) = e^-2 = 0.1353, P(<= 1) = 3 e^-2 = 0.4060, P(<= 2) = 5 e^-2 = 0.6767.
                Expect.equal (IsoNoiseKernels.PoissonInverse(2.0, 0.1)) 0 "u 0.1"
                Expect.equal (IsoNoiseKernels.PoissonInverse(2.0, 0.2)) 1 "u 0.2"
                Expect.equal (IsoNoiseKernels.PoissonInverse(2.0, 0.5)) 2 "u 0.5"
                // color_shift 0 leaves only the luminance noise: n >= 0 moves L towards 1 with H and S kept, and a pixel's
                // largest channel (p2 = L (1 + S), or L + S - L S above L = 1/2) grows with L, so it never falls (by more
                // than the 1 that truncating the round trip can take).
                let img = makeImage ElementType.Byte 3 (16, 16) 4 ValueRange.Byte
                let out = run (iso 0.0 0.5) 1 img
                let a, b = img.Bytes.ToArray(), out.Bytes.ToArray()
                Expect.notEqual b a "the noise changes a textured image"
                for p in 0 .. 255 do
                    let m (x: byte[]) = max x.[3 * p] (max x.[3 * p + 1] x.[3 * p + 2])
                    Expect.isGreaterThanOrEqual (int (m b) + 1) (int (m a)) (sprintf "pixel %d gets no darker" p)
            }
        ]

        testList "properties" [
            testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 60 } "every op keeps the shape, type and value range (random images)" <|
                Prop.forAll (Arb.fromGen (Gen.zip genImage (Gen.choose (0, 1000)))) (fun (img, seed) ->
                    ops |> List.forall (fun (_, op, takes) ->
                        not (takes img) ||
                        (let out = run op seed img
                         out.Width = img.Width && out.Height = img.Height && out.Channels = img.Channels
                         && out.ElementType = img.ElementType && out.Range = img.Range
                         && (img.ElementType = ElementType.Byte
                             || out.Floats.ToArray() |> Array.forall (fun v -> v >= img.Range.Min && v <= img.Range.Max)))))

            testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 40 } "identity parameters give the input back" <|
                // ColorJitter with every factor 0 draws the identity factors (1, 1, 1, 0); CLAHE and ImageCompression have no
                // identity parameters (CLAHE equalises even with no clipping; every codec quality loses something).
                Prop.forAll (Arb.fromGen (Gen.zip genImage (Gen.choose (0, 1000)))) (fun (img, seed) ->
                    bits (run (Ops.colorJitter 0.0 0.0 0.0 0.0) seed img) = bits img
                    && bits (run (Ops.hueSaturationValue (Sampler.constant 0.0) (Sampler.constant 0.0) (Sampler.constant 0.0)) seed img) = bits img)

            test "every op's trace replays to the same bits, fused or not" {
                for c in [ 1; 3; 4 ] do
                    for elem in [ ElementType.Byte; ElementType.Float32 ] do
                        let img = makeImage elem c (13, 7) c (if elem = ElementType.Byte then ValueRange.Byte else ValueRange.Unit)
                        for name, op, takes in ops do
                            if takes img then
                                let out, t = Aug.run op (Seed.ofInt 4) (Sample.ofImage img)
                                let again = Aug.replay op (Json.traceOfString (Json.traceToString t)) (Sample.ofImage img)
                                Expect.equal (bits again.Image) (bits out.Image) name
                                let unfused = (fst (Aug.runWith { RunOptions.Default with Fuse = false } op (Seed.ofInt 4) (Sample.ofImage img))).Image
                                Expect.equal (bits unfused) (bits out.Image) (name + " unfused")
            }
        ]

        testList "bad input" [
            test "op constructors name the parameter" {
                expectArg "clipLimit" [ "[0, 1000]" ] (fun () -> Ops.clahe (Sampler.uniform -1.0 2.0) 8 8)
                expectArg "tilesX" [ "tilesX was 0" ] (fun () -> clahe 2.0 0 8)
                expectArg "tilesY" [ "tilesY was 65" ] (fun () -> clahe 2.0 8 65)
                expectArg "compression" [ "Jpeg or Webp" ] (fun () -> Ops.imageCompression (enum<CompressionType> 7) 50 60)
                expectArg "minQuality" [ "minQuality was 0" ] (fun () -> Ops.imageCompression CompressionType.Jpeg 0 60)
                expectArg "maxQuality" [ "maxQuality was 40" ] (fun () -> Ops.imageCompression CompressionType.Jpeg 50 40)
                expectArg "satShift" [ "[-255, 255]" ] (fun () -> Ops.hueSaturationValue (Sampler.constant 0.0) (Sampler.uniform 0.0 300.0) (Sampler.constant 0.0))
                expectArg "hueShift" [ "[-180, 180]" ] (fun () -> Ops.hueSaturationValue (Sampler.constant -200.0) (Sampler.constant 0.0) (Sampler.constant 0.0))
                expectArg "mode" [ "Blackbody or Cied" ] (fun () -> Ops.planckianJitter (enum<PlanckianMode> 3))
                expectArg "image" [ "1-channel" ] (fun () -> run (Ops.planckianJitter PlanckianMode.Cied) 0 (bytesImage 1 1 [| 1uy |]))
                expectArg "maxDelta" [ "maxDelta was 0" ] (fun () -> Ops.glassBlur 0.7 0 2)
                expectArg "sigma" [ "(0, 50]" ] (fun () -> Ops.glassBlur 0.0 1 2)
                expectArg "intensity" [ "[0, 1]" ] (fun () -> Ops.isoNoise (Sampler.constant 0.1) (Sampler.uniform 0.0 2.0))
                expectArg "image" [ "1-channel" ] (fun () -> run (Ops.isoNoise (Sampler.constant 0.1) (Sampler.constant 0.1)) 0 (bytesImage 1 1 [| 1uy |]))
                expectArg "hue" [ "hue was 0.6" ] (fun () -> Ops.colorJitter 0.1 0.1 0.1 0.6)
                expectArg "brightness" [ "brightness was -1" ] (fun () -> Ops.colorJitter -1.0 0.1 0.1 0.1)
            }
            test "replayed parameters outside the domain name their JSON path" {
                let img = makeImage ElementType.Byte 3 (4, 3) 1 ValueRange.Byte
                expectArg "trace" [ "$.params.ClipLimit" ] (fun () ->
                    replayJson (clahe 2.0 8 8) """{"op":"CLAHE","params":{"ClipLimit":-3,"TilesX":8,"TilesY":8}}""" img)
                expectArg "trace" [ "$.params.TilesX" ] (fun () ->
                    replayJson (clahe 2.0 8 8) """{"op":"CLAHE","params":{"ClipLimit":2,"TilesX":4,"TilesY":8}}""" img)
                expectArg "trace" [ "$.params.Quality" ] (fun () ->
                    replayJson (Ops.imageCompression CompressionType.Jpeg 50 60) """{"op":"ImageCompression","params":{"Type":"Jpeg","Quality":101}}""" img)
                expectArg "trace" [ "$.params.Quality" ] (fun () ->
                    replayJson (Ops.imageCompression CompressionType.Jpeg 50 60) """{"op":"ImageCompression","params":{"Type":"Jpeg","Quality":70}}""" img)
                expectArg "trace" [ "$.params.Type" ] (fun () ->
                    replayJson (Ops.imageCompression CompressionType.Jpeg 50 60) """{"op":"ImageCompression","params":{"Type":"Webp","Quality":55}}""" img)
                expectArg "trace" [ "$.params.Order" ] (fun () ->
                    replayJson (Ops.colorJitter 1.0 1.0 0.0 0.0) """{"op":"ColorJitter","params":{"Order":[0,1,1,3],"Brightness":1,"Contrast":1,"Saturation":1,"Hue":0}}""" img)
                expectArg "trace" [ "$.params.Value" ] (fun () ->
                    replayJson (Ops.hueSaturationValue (Sampler.constant 0.0) (Sampler.constant 0.0) (Sampler.uniform -5.0 5.0))
                        """{"op":"HueSaturationValue","params":{"Hue":0,"Saturation":0,"Value":9}}""" img)
                expectArg "trace" [ "$.params.Index" ] (fun () ->
                    replayJson (Ops.planckianJitter PlanckianMode.Cied) """{"op":"PlanckianJitter","params":{"Mode":"Cied","Index":23}}""" img)
                expectArg "trace" [ "$.params.Hue" ] (fun () ->
                    replayJson (Ops.colorJitter 1.0 1.0 0.0 0.0) """{"op":"ColorJitter","params":{"Order":[0,1,2,3],"Brightness":1,"Contrast":1,"Saturation":1,"Hue":0.1}}""" img)
            }
            test "kernels name the parameter" {
                let b = Array.zeroCreate<byte> 12
                expectArg "channels" [ "channels was 2" ] (fun () -> ClaheKernels.Clahe(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), 3, 2, 2, 2.0, 1, 1))
                expectArg "clipLimit" [ "clipLimit was NaN" ] (fun () -> ClaheKernels.Clahe(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), 2, 2, 3, nan, 1, 1))
                expectArg "tilesY" [ "tilesY was 0" ] (fun () -> ClaheKernels.Clahe(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), 2, 2, 3, 2.0, 1, 0))
                expectArg "dst" [ "source length 12" ] (fun () -> ClaheKernels.Clahe(ReadOnlySpan b, Span(Array.zeroCreate<byte> 11), 2, 2, 3, 2.0, 1, 1))
                expectArg "order" [ "permutation of 0 to 3" ] (fun () -> JitterKernels.ColorJitter(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), 3, ReadOnlySpan [| 0; 1; 2; 2 |], 1f, 1f, 1f, 0f))
                expectArg "hue" [ "hue was 0.7" ] (fun () -> JitterKernels.ColorJitter(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), 3, ReadOnlySpan [| 0; 1; 2; 3 |], 1f, 1f, 1f, 0.7f))
                expectArg "valShift" [ "valShift was 300" ] (fun () -> HsvKernels.ShiftHsv(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), 3, 0.0, 0.0, 300.0))
                expectArg "channels" [ "channels was 2" ] (fun () -> HsvKernels.ShiftHsv(ReadOnlySpan b, Span(Array.zeroCreate<byte> 12), 2, 0.0, 0.0, 1.0))
                expectArg "iterations" [ "iterations was 0" ] (fun () -> GlassKernels.Swap(Span b, 2, 2, 3, 1, 0, 0u, 0u, 0u, 0u))
                expectArg "image" [ "= 12" ] (fun () -> GlassKernels.Swap(Span(Array.zeroCreate<byte> 11), 2, 2, 3, 1, 1, 0u, 0u, 0u, 0u))
                expectArg "src" [ "= 12" ] (fun () -> ClaheKernels.Clahe(ReadOnlySpan(Array.zeroCreate<byte> 11), Span(Array.zeroCreate<byte> 12), 2, 2, 3, 2.0, 1, 1))
            }
        ]
    ]
