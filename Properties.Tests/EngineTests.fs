/// The planning engine: fusion against step-by-step runs, batches across thread counts, multi-sample ops,
/// runs into a destination, and replays that validate. Known answers cite how they were worked out.
module EngineTests

open System
open System.Runtime.InteropServices
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native
open Generators

let private config = { FsCheckConfig.defaultConfig with maxTest = 200 }
let private unfused = { RunOptions.Default with Fuse = false }
let private bytes1 (w: int) (h: int) (c: int) (xs: byte[]) = Image.FromBytes(w, h, c, ReadOnlySpan xs)

/// A random exact step for an image of the given shape: a flip, a quarter turn, a transpose, or a crop whose
/// rectangle may reach past the image (a pad), with a random border and fill.
let private genExactStep (w: int, h: int) =
    let s = { Width = w; Height = h; Channels = 1 }
    Gen.oneof [
        Gen.constant (Steps.flipHorizontal s)
        Gen.constant (Steps.flipVertical s)
        Gen.map (fun k -> Steps.rot90 k s) (Gen.choose (1, 3))
        Gen.constant (Steps.transpose s)
        gen {
            let! x = Gen.choose (-3, w - 1)
            let! y = Gen.choose (-3, h - 1)
            let! cw = Gen.choose (1, w + 6)
            let! ch = Gen.choose (1, h + 6)
            let! border = Gen.elements [ BorderMode.Constant; BorderMode.Reflect101; BorderMode.Replicate ]
            let! fill = Gen.elements [ 0f; 7f; 200f ]
            match Steps.crop BoxFilter.Default x y cw ch with
            | Step.Warp ws -> return Step.Warp { ws with Border = border; Fill = [| fill |]; MaskFill = byte fill }
            | other -> return other } ]

let private shapeAfter (w, h) (step: Step) =
    match step with
    | Step.Warp ws -> ws.Width, ws.Height
    | _ -> w, h

let private genExactChain =
    gen {
        let! w = Gen.choose (1, 24)
        let! h = Gen.choose (1, 24)
        let! n = Gen.choose (1, 6)
        let mutable shape = w, h
        let steps = Collections.Generic.List<Step>()
        for _ in 1 .. n do
            let! s = genExactStep shape
            steps.Add s
            shape <- shapeAfter shape s
        let! c = Gen.elements [ 1; 3; 4 ]
        let! elem = Gen.elements [ ElementType.Byte; ElementType.Float32 ]
        let! seed = Gen.choose (0, Int32.MaxValue)
        return makeImage elem c (w, h) seed (ValueRange(0f, 255f)), List.ofSeq steps, seed
    }

/// Byte colour ops with random parameters, through the public constructors.
let private genTableOp =
    Gen.oneof [
        gen { let! a = Gen.choose (-60, 60) in return Ops.brightness (Sampler.constant (float a / 100.0)) }
        gen { let! a = Gen.choose (0, 300) in return Ops.contrast (Sampler.constant (float a / 100.0)) }
        Gen.constant Ops.invert
        gen { let! t = Gen.choose (0, 100) in return Ops.solarize (Sampler.constant (float t / 100.0)) }
        gen { let! b = Gen.choose (1, 8) in return Ops.posterize b }
        gen { let! g = Gen.choose (20, 300) in return Ops.gamma (Sampler.constant (float g / 100.0)) 1.0 }
        Gen.constant Ops.equalize ]

let private psnr (a: byte[]) (b: byte[]) (keep: int -> bool) =
    let mutable se, n = 0.0, 0
    for i in 0 .. a.Length - 1 do
        if keep i then
            let d = float a.[i] - float b.[i]
            se <- se + d * d
            n <- n + 1
    if se = 0.0 then infinity else 10.0 * Math.Log10(255.0 * 255.0 / (se / float n))

let private photo () = ImageIO.read (IO.Path.Combine(IO.samplesDir, "astronaut.png"))

let private oneHot n k = Array.init n (fun i -> if i = k then 1.0 else 0.0)

let tests =
    testList "engine" [
        testList "planning" [
            test "the 6-op pipeline folds into a warp, a table and a kernel" {
                let s = { Width = 20; Height = 10; Channels = 3 }
                let steps =
                    [ Steps.flipHorizontal s; Steps.rot90 1 s; Steps.crop BoxFilter.Default 1 1 8 18
                      Steps.affine 3 (fun _ -> 0f) (fun _ -> 1f) (fun _ -> 10f)
                      Step.StatPoint(Statistic.Means, fun st -> PointMap.Affine(Array.map float32 st.Means, Array.create 3 1.3f, Array.map float32 st.Means))
                      Step.Kernel { Name = "k"; Channels = 1; Run = (fun _ _ -> ()); OutputType = ValueNone; OutputRange = ValueNone; Device = ValueNone } ]
                let fused = Engine.plan true ElementType.Byte s steps
                Expect.equal (fused |> List.map (function Group.Warp ws -> sprintf "warp%d" ws.Length | Group.Points ps -> sprintf "points%d" ps.Length | Group.Filter _ -> "filter" | Group.Kernel _ -> "kernel" | Group.Remap _ -> "remap"))
                    [ "warp3"; "points2"; "kernel" ] "fused groups"
                Expect.equal (Engine.plan false ElementType.Byte s steps).Length 6 "one group per step without fusion"
                Expect.equal (Engine.plan true ElementType.Float32 s steps).Length 4 "float colour steps stay separate"
            }
            test "a later warp that reads past its input joins only with a constant border and the same fill" {
                let s = { Width = 8; Height = 8; Channels = 1 }
                let pad border = match Steps.crop BoxFilter.Default -2 -2 12 12 with Step.Warp w -> Step.Warp { w with Border = border } | x -> x
                // Reflecting the flipped intermediate is not reflecting the source, so the reflect pad starts a group,
                // and the constant pad after it cannot share that group's reflecting border.
                let groups = Engine.plan true ElementType.Byte s [ Steps.flipHorizontal s; pad BorderMode.Reflect101; pad BorderMode.Constant ]
                Expect.equal groups.Length 3 "flip | reflect pad | constant pad"
                let constant = Engine.plan true ElementType.Byte s [ Steps.flipHorizontal s; pad BorderMode.Constant; pad BorderMode.Constant ]
                Expect.equal constant.Length 1 "constant pads with one fill fold with the flip"
            }
        ]

        testList "fusion" [
            testPropertyWithConfig config "exact geometric chains: fused equals step by step, image and mask, bit for bit" <|
                Prop.forAll (Arb.fromGen genExactChain) (fun (img, steps, seed) ->
                    let mask = makeImage ElementType.Byte 1 (img.Width, img.Height) (seed + 1) ValueRange.Byte
                    let fi, fm = Engine.runPixels RunOptions.Default steps img (Some mask)
                    let ui, um = Engine.runPixels unfused steps img (Some mask)
                    (fi.Width, fi.Height) = (ui.Width, ui.Height) && bits fi = bits ui && bits fm.Value = bits um.Value)

            testPropertyWithConfig config "byte colour chains: one fused table equals step by step, bit for bit" <|
                Prop.forAll (Arb.fromGen (Gen.zip (Gen.listOfLength 4 genTableOp) (Gen.zip genDims (Gen.zip (Gen.elements [ 1; 3; 4 ]) genSeed))))
                    (fun (ops, (dims, (c, seed))) ->
                        let img = makeImage ElementType.Byte c dims 11 ValueRange.Byte
                        let a = Aug.sequence ops
                        let f, tf = Aug.runWith RunOptions.Default a seed (Sample.ofImage img)
                        let u, tu = Aug.runWith unfused a seed (Sample.ofImage img)
                        bits f.Image = bits u.Image && tf = tu)

            test "every entry of the invert table is 255 - x, alone and fused with other tables" {
                // Invert is x -> min + max - x (docs); on bytes 255 - x for all 256 values.
                let all = bytes1 256 1 1 (Array.init 256 byte)
                let once = Aug.apply Ops.invert (Seed.ofInt 0) (Sample.ofImage all)
                Expect.equal (bits once.Image) (Array.init 256 (fun v -> byte (255 - v))) "255 - x"
                let twice = Aug.apply (Aug.sequence [ Ops.invert; Ops.brightness (Sampler.constant 0.0); Ops.invert ]) (Seed.ofInt 0) (Sample.ofImage all)
                Expect.equal (bits twice.Image) (Array.init 256 byte) "invert, +0, invert is the identity on every value"
            }

            test "two rotations fused lose less than two resamples (PSNR against the single equivalent rotation)" {
                let src = Aug.apply (Ops.resize 256 256 Interpolation.Area) (Seed.ofInt 0) (Sample.ofImage (photo ()))
                let rot (d: float) = Ops.rotate (Sampler.constant d) Interpolation.Bilinear BorderMode.Constant 0.0
                let two = Aug.sequence [ rot 17.0; rot 21.0 ]
                let single = bits (Aug.apply (rot 38.0) (Seed.ofInt 0) src).Image
                let fused = bits (fst (Aug.runWith RunOptions.Default two (Seed.ofInt 0) src)).Image
                let stepwise = bits (fst (Aug.runWith unfused two (Seed.ofInt 0) src)).Image
                // Compare inside the disc every rotation keeps (radius 100 of 128), away from corner fills.
                let inside i = let p = i / 3 in let x, y = float (p % 256) - 127.5, float (p / 256) - 127.5 in x * x + y * y < 100.0 * 100.0
                let pf, pu = psnr fused single inside, psnr stepwise single inside
                printfn "PSNR against the single 38-degree rotation, 256x256 astronaut: fused %.2f dB, step by step %.2f dB" pf pu
                Expect.isGreaterThan pf pu "fused keeps more detail"
                let maxDiff = Seq.zip fused single |> Seq.mapi (fun i (a, b) -> if inside i then abs (int a - int b) else 0) |> Seq.max
                Expect.isLessThanOrEqual maxDiff 1 "fused is the single rotation within one level of rounding"
            }

            test "a fused crop then pad shows fill where the crop cut, as step by step does" {
                // Crop away the left 2 columns, then pad 2 columns back on the left with fill 9: the padded columns
                // must be 9, not the cropped-away source pixels.
                let img = bytes1 4 1 1 [| 1uy; 2uy; 3uy; 4uy |]
                let steps = [ Steps.crop BoxFilter.Default 2 0 2 1
                              (match Steps.crop BoxFilter.Default -2 0 4 1 with Step.Warp w -> Step.Warp { w with Fill = [| 9f |] } | x -> x) ]
                let f, _ = Engine.runPixels RunOptions.Default steps img None
                Expect.equal (bits f) [| 9uy; 9uy; 3uy; 4uy |] "worked by hand"
            }
        ]

        testList "known answers of the new ops" [
            test "bilinear resize 2 -> 4 matches cv2.resize INTER_LINEAR" {
                // Half-pixel centres: output j samples x = (j + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25; edges replicate:
                // 0, 0.75*0 + 0.25*100 = 25, 75, 100 (cv2.resize([[0, 100]], (4, 1)) gives the same).
                let r = Aug.apply (Ops.resize 4 1 Interpolation.Bilinear) (Seed.ofInt 0) (Sample.ofImage (bytes1 2 1 1 [| 0uy; 100uy |]))
                Expect.equal (bits r.Image) [| 0uy; 25uy; 75uy; 100uy |] "hand-computed"
            }
            test "nearest resize 2 -> 4 takes the pixel containing each centre" {
                // Centres map to 0.25, 0.75, 1.25, 1.75: pixels 0, 0, 1, 1.
                let r = Aug.apply (Ops.resize 4 1 Interpolation.Nearest) (Seed.ofInt 0) (Sample.ofImage (bytes1 2 1 1 [| 0uy; 100uy |]))
                Expect.equal (bits r.Image) [| 0uy; 0uy; 100uy; 100uy |] "hand-computed"
            }
            test "area resize 4 -> 2 averages pairs, rounding half to even" {
                // (10 + 20) / 2 = 15; (30 + 41) / 2 = 35.5 -> 36 (even).
                let r = Aug.apply (Ops.resize 2 1 Interpolation.Area) (Seed.ofInt 0) (Sample.ofImage (bytes1 4 1 1 [| 10uy; 20uy; 30uy; 41uy |]))
                Expect.equal (bits r.Image) [| 15uy; 36uy |] "hand-computed"
            }
            test "rotate by 90 degrees on a square is rot90, exactly, boxes included" {
                // DESIGN convention: positive angles turn counter-clockwise, as numpy.rot90 does.
                let img = makeImage ElementType.Byte 3 (5, 5) 3 ValueRange.Byte
                let s = { Sample.ofImage img with Boxes = [| Box.create 0.0 0.0 2.0 1.0 1 1 |] }
                let a = Aug.apply (Ops.rotate (Sampler.constant 90.0) Interpolation.Bilinear BorderMode.Constant 0.0) (Seed.ofInt 0) s
                let b = Functional.rot90 1 s
                Expect.equal (bits a.Image) (bits b.Image) "same pixels"
                Expect.equal (Box.toVoc a.Boxes.[0] |> Array.map (fun v -> Math.Round(v, 9))) (Box.toVoc b.Boxes.[0]) "same box"
            }
            test "affine with identity parameters returns the input" {
                let img = makeImage ElementType.Byte 3 (9, 7) 4 ValueRange.Byte
                let c = Sampler.constant
                let a = Ops.affine (c 0.0) (c 1.0) (c 0.0) (c 0.0) (c 0.0) (c 0.0) Interpolation.Bilinear BorderMode.Reflect101 0.0
                Expect.equal (bits (Aug.apply a (Seed.ofInt 5) (Sample.ofImage img)).Image) (bits img) "identity"
            }
            test "affine shift of one pixel moves the image and fills the edge" {
                // Translate by +1/4 of a width of 4 = 1 pixel: [1 2 3 4] -> [fill 1 2 3] with fill 0.
                let c = Sampler.constant
                let a = Ops.affine (c 0.0) (c 1.0) (c 0.0) (c 0.0) (c 0.25) (c 0.0) Interpolation.Bilinear BorderMode.Constant 0.0
                Expect.equal (bits (Aug.apply a (Seed.ofInt 5) (Sample.ofImage (bytes1 4 1 1 [| 1uy; 2uy; 3uy; 4uy |]))).Image) [| 0uy; 1uy; 2uy; 3uy |] "hand-computed"
            }
            test "RandomResizedCrop falls back to the centred crop of the clamped ratio (torchvision)" {
                // 100 x 50, scale [1, 1], ratio [3, 3]: every try wants w = round(sqrt(5000 * 3)) = 122 > 100, so the
                // fallback: in_ratio 2 < 3 -> w = 100, h = round(100 / 3) = 33, x = 0, y = (50 - 33) // 2 = 8.
                Expect.equal (Ops.resizedCropRect (Seed.ofInt 1) 100 50 (1.0, 1.0) (3.0, 3.0)) (struct (0, 8, 100, 33)) "hand-computed"
                // Scale 1 and ratio 1 on a square: the whole image.
                Expect.equal (Ops.resizedCropRect (Seed.ofInt 1) 60 60 (1.0, 1.0) (1.0, 1.0)) (struct (0, 0, 60, 60)) "whole image"
            }
            test "solarize, posterize and gamma on bytes" {
                let img = bytes1 5 1 1 [| 0uy; 127uy; 128uy; 200uy; 255uy |]
                let run a = bits (Aug.apply a (Seed.ofInt 0) (Sample.ofImage img)).Image
                // Threshold 0.5 of 255 = 127.5: 128 -> 127, 200 -> 55, 255 -> 0 (PIL solarize inverts x >= threshold).
                Expect.equal (run (Ops.solarize (Sampler.constant 0.5))) [| 0uy; 127uy; 127uy; 55uy; 0uy |] "solarize"
                // Posterize 4 bits keeps x & 0xF0 (PIL): 127 -> 112, 128 -> 128, 200 -> 192, 255 -> 240.
                Expect.equal (run (Ops.posterize 4)) [| 0uy; 112uy; 128uy; 192uy; 240uy |] "posterize"
                // Gamma 2: 255 (x / 255)^2: 127 -> 63.25 -> 63, 128 -> 64.25 -> 64, 200 -> 156.86 -> 157.
                Expect.equal (run (Ops.gamma (Sampler.constant 2.0) 1.0)) [| 0uy; 63uy; 64uy; 157uy; 255uy |] "gamma"
            }
            test "equalize follows Pillow's rule" {
                // 510 zeros, 255 at 100, 255 at 200: step = (1020 - 255) // 255 = 3; n starts at 1:
                // lut[0] = 1 // 3 = 0; n = 511: lut[100] = 170; n = 766: lut[200] = 255.
                let px = Array.concat [ Array.create 510 0uy; Array.create 255 100uy; Array.create 255 200uy ]
                let r = Aug.apply Ops.equalize (Seed.ofInt 0) (Sample.ofImage (bytes1 1020 1 1 px))
                Expect.equal (bits r.Image |> Array.distinct) [| 0uy; 170uy; 255uy |] "hand-computed"
            }
            test "MixUp of 100 and 201 at lambda 0.5 is 150, labels half and half" {
                // 0.5 * 100 + 0.5 * 201 = 150.5 -> 150 (half to even); labels [1, 0] and [0, 1] -> [0.5, 0.5].
                let a = { Sample.ofImage (bytes1 1 1 1 [| 100uy |]) with Label = [| 1.0; 0.0 |] }
                let b = { Sample.ofImage (bytes1 1 1 1 [| 201uy |]) with Label = [| 0.0; 1.0 |] }
                let traces = [| Trace.Applied("MixUp", box { Partner = 1; Lambda = 0.5 }); Trace.Applied("MixUp", box { Partner = 0; Lambda = 0.5 }) |]
                let out = Aug.replayBatch RunOptions.Default 1 (Ops.mixUp 0.2) traces [| a; b |]
                Expect.equal (bits (fst out.[0]).Image) [| 150uy |] "hand-computed"
                Expect.equal (fst out.[0]).Label [| 0.5; 0.5 |] "labels"
            }
        ]

        testList "batches" [
            let pipeline =
                Aug.sequence [
                    Aug.maybe 0.5 Ops.flipHorizontal
                    Ops.randomCrop 20 16
                    Ops.brightness (Sampler.uniform -0.2 0.2)
                    Aug.maybe 0.7 (Ops.mixUp 0.4)
                    Ops.rotate (Sampler.uniform -20.0 20.0) Interpolation.Bilinear BorderMode.Reflect101 0.0
                    Ops.cutMix 1.0 ]
            let batch n =
                Array.init n (fun i ->
                    let img = makeImage ElementType.Byte 3 (24, 20) (100 + i) ValueRange.Byte
                    let b = Box.create 2.0 3.0 12.0 15.0 (i % 3) i
                    { Sample.ofImage img with Label = oneHot 3 (i % 3); Boxes = [| b |]; Mask = Some(renderBox 24 20 b) })

            test "the same bits for 1, 2 and 7 threads" {
                let run t = Aug.runBatch RunOptions.Default t pipeline (Seed.ofInt 77) (batch 9)
                let one = run 1
                for t in [ 2; 7 ] do
                    let other = run t
                    for i in 0 .. 8 do
                        Expect.equal (bits (fst other.[i]).Image) (bits (fst one.[i]).Image) (sprintf "image %d with %d threads" i t)
                        Expect.equal (snd other.[i]) (snd one.[i]) (sprintf "trace %d with %d threads" i t)
                        Expect.equal (fst other.[i]).Boxes (fst one.[i]).Boxes "boxes"
            }
            test "a batch replays from its traces, through JSON" {
                let out = Aug.runBatch RunOptions.Default 2 pipeline (Seed.ofInt 78) (batch 5)
                let traces = out |> Array.map (snd >> Json.traceToString >> Json.traceOfString)
                let again = Aug.replayBatch RunOptions.Default 2 pipeline traces (batch 5)
                for i in 0 .. 4 do
                    Expect.equal (bits (fst again.[i]).Image) (bits (fst out.[i]).Image) (sprintf "image %d" i)
                    Expect.equal (fst again.[i]).Label (fst out.[i]).Label "label"
            }
            test "without batch ops, sample i gets exactly what Aug.run gives it with derive seed i" {
                let p = Aug.sequence [ Ops.randomRot90; Ops.brightness (Sampler.uniform -0.3 0.3) ]
                let samples = batch 4
                let out = Aug.runBatch RunOptions.Default 2 p (Seed.ofInt 5) samples
                for i in 0 .. 3 do
                    let single, t = Aug.run p (Seed.derive (Seed.ofInt 5) (int64 i)) samples.[i]
                    Expect.equal (bits (fst out.[i]).Image) (bits single.Image) "image"
                    Expect.equal (snd out.[i]) t "trace"
            }
            testPropertyWithConfig { config with maxTest = 60 } "labels still sum to 1 and values stay in range after mixing" <|
                Prop.forAll (Arb.fromGen (Gen.zip genSeed (Gen.choose (2, 6)))) (fun (seed, n) ->
                    let samples =
                        Array.init n (fun i ->
                            let img = makeImage ElementType.Float32 3 (12, 10) i (ValueRange(-1f, 1f))
                            { Sample.ofImage img with Label = oneHot 4 (i % 4) })
                    let out = Aug.runBatch RunOptions.Default 1 (Aug.sequence [ Ops.mixUp 0.3; Ops.cutMix 0.5; Ops.mixUp 2.0 ]) seed samples
                    out |> Array.forall (fun (s, _) ->
                        abs (Array.sum s.Label - 1.0) < 1e-6
                        && s.Image.Floats.ToArray() |> Array.forall (fun v -> v >= -1f && v <= 1f)))
            testPropertyWithConfig { config with maxTest = 100 } "CutMix's label weight is the pasted fraction, exactly" <|
                Prop.forAll (Arb.fromGen genSeed) (fun seed ->
                    let black = { Sample.ofImage (bytes1 13 11 1 (Array.zeroCreate 143)) with Label = [| 1.0; 0.0 |] }
                    let white = { Sample.ofImage (bytes1 13 11 1 (Array.create 143 255uy)) with Label = [| 0.0; 1.0 |] }
                    let out = Aug.runBatch RunOptions.Default 1 (Ops.cutMix 1.0) seed [| black; white |]
                    let s = fst out.[0]
                    let pasted = s.Image.Bytes.ToArray() |> Array.filter (fun v -> v = 255uy) |> Array.length
                    abs (s.Label.[1] - float pasted / 143.0) < 1e-12 && abs (Array.sum s.Label - 1.0) < 1e-12)
            test "a batch op nested under oneOf, or run on one sample, is refused with a clear error" {
                BadInput.expectArg "pipeline" [ "top level" ] (fun () ->
                    Aug.runBatch RunOptions.Default 1 (Aug.oneOfUniform [ Ops.mixUp 0.2; Ops.invert ]) (Seed.ofInt 0) (batch 2))
                BadInput.expectArg "pipeline" [ "Aug.runBatch" ] (fun () -> Aug.run (Ops.mixUp 0.2) (Seed.ofInt 0) (batch 1).[0])
            }
        ]

        testList "runs into a destination" [
            testPropertyWithConfig config "runInto writes what run returns" <|
                Prop.forAll (Arb.fromGen (Gen.zip genPipeline genSeed)) (fun (p, seed) ->
                    let img = makeImage ElementType.Byte 3 (17, 9) 4 ValueRange.Byte
                    let out, t = Aug.run p seed (Sample.ofImage img)
                    let dst = PixelBuffer.Allocate(out.Image.Width, out.Image.Height, out.Image.Channels, ElementType.Byte, ValueRange.Byte)
                    let t2 = Aug.runInto RunOptions.Default p seed (Sample.ofImage img) dst
                    bits (dst.ToImage()) = bits out.Image && t2 = t)
            testPropertyWithConfig config "outputShape is the shape run gives, without pixel work" <|
                Prop.forAll (Arb.fromGen genSeed) (fun seed ->
                    let img = makeImage ElementType.Byte 3 (31, 17) 4 ValueRange.Byte
                    let p = Aug.sequence [ Ops.randomRot90; Aug.maybe 0.5 (Ops.randomResizedCrop 12 9 0.3 1.0 0.75 1.33 Interpolation.Bilinear); Aug.maybe 0.5 (Ops.grayscaleTo 1) ]
                    let out, _ = Aug.run p seed (Sample.ofImage img)
                    Aug.outputShape p seed (Sample.ofImage img) = out.Shape)
        ]

        testList "replays that validate" [
            let rgb = makeImage ElementType.Byte 3 (8, 6) 1 ValueRange.Byte
            test "a recorded value outside its op's domain names its JSON path" {
                let t = Json.traceOfString """{"steps":[{"op":"Invert","params":{}},{"op":"Rot90","params":{"K":7}}]}"""
                BadInput.expectArg "trace" [ "$.steps[1].params.K"; "K was 7"; "[0, 3]" ] (fun () ->
                    Aug.replay (Aug.sequence [ Ops.invert; Ops.rot90 1 ]) t (Sample.ofImage rgb))
            }
            test "a non-integer, a missing field and an unknown field are named" {
                let replay json = Aug.replay (Ops.rot90 1) (Json.traceOfString json) (Sample.ofImage rgb)
                BadInput.expectArg "trace" [ "$.params.K"; "2.7"; "integer" ] (fun () -> replay """{"op":"Rot90","params":{"K":2.7}}""")
                BadInput.expectArg "trace" [ "$.params.K"; "missing" ] (fun () -> replay """{"op":"Rot90","params":{}}""")
                BadInput.expectArg "trace" [ "$.params.Q"; "not a parameter" ] (fun () -> replay """{"op":"Rot90","params":{"K":1,"Q":1}}""")
            }
            test "a value the op's sampler could not draw, or another value of a fixed op, is refused" {
                let bright = Ops.brightness (Sampler.uniform -0.2 0.2)
                BadInput.expectArg "trace" [ "$.params.Factor"; "was 0.9"; "[-0.2, 0.2]" ] (fun () ->
                    Aug.replay bright (Json.traceOfString """{"op":"Brightness","params":{"Factor":0.9}}""") (Sample.ofImage rgb))
                BadInput.expectArg "trace" [ "$.params.parameters"; "fixed parameters" ] (fun () ->
                    Aug.replay (Ops.rot90 1) (Json.traceOfString """{"op":"Rot90","params":{"K":2}}""") (Sample.ofImage rgb))
                // Within the bounds it replays.
                Aug.replay bright (Json.traceOfString """{"op":"Brightness","params":{"Factor":0.1}}""") (Sample.ofImage rgb) |> ignore
            }
            test "coins that contradict p, and duplicate picks, are refused" {
                BadInput.expectArg "trace" [ "$.coin"; "p = 0" ] (fun () ->
                    Aug.replay (Aug.maybe 0.0 Ops.invert) (Trace.Coin(true, Trace.Applied("Invert", NoParams.Value))) (Sample.ofImage rgb))
                BadInput.expectArg "trace" [ "$.choseMany[1].index"; "distinct" ] (fun () ->
                    Aug.replay (Aug.someOf 2 [ Ops.invert; Ops.flipHorizontal ])
                        (Trace.ChoseMany [ 0, Trace.Applied("Invert", NoParams.Value); 0, Trace.Applied("Invert", NoParams.Value) ]) (Sample.ofImage rgb))
            }
        ]
    ]
