/// Policies (torchvision's RandAugment, AutoAugment, TrivialAugmentWide, AugMix; KerasCV's RandAugment and
/// RandomAugmentationPipeline) and the catalogue ops they brought (ShearX/ShearY, Shift, EnhanceBrightness,
/// EnhanceContrast, EnhanceColor, SolarizeAdd). Magnitude tables are typed in by hand from the published sources
/// named at each test; op answers are worked by hand in the comments.
module PolicyTests

open System
open Expecto
open Augment
open Augment.Native
open Generators

let private c = Sampler.constant
let private rgb (w: int) (h: int) (xs: byte list) = Image.FromBytes(w, h, 3, ReadOnlySpan(Array.ofList xs))
let private gray (xs: byte list) = Image.FromBytes(xs.Length, 1, 1, ReadOnlySpan(Array.ofList xs))
let private close (tol: float) (actual: float array) (expected: float array) (what: string) =
    Expect.equal actual.Length expected.Length (what + ": length")
    Array.iteri2 (fun i a e -> if abs (a - e) > tol then failtestf "%s[%d]: %.9g, expected %.9g" what i a e) actual expected

let private table space bins w h = Policies.magnitudes space bins w h |> List.map (fun m -> m.Op, m) |> Map.ofList

let private image seed = makeImage ElementType.Byte 3 (40, 32) seed ValueRange.Byte

/// The chosen index and inner trace of a one-of node.
let private chose (t: Trace) = match t with Trace.Chose (i, inner) -> i, inner | other -> failtestf "expected a choice, got %A" other

let private policies : (string * Aug) list =
    [ "RandAugment", Policies.randAugment 2 9 31 Interpolation.Nearest 0.0
      "AutoAugment ImageNet", Policies.autoAugment AutoAugmentPolicy.ImageNet Interpolation.Nearest 0.0
      "AutoAugment CIFAR-10", Policies.autoAugment AutoAugmentPolicy.Cifar10 Interpolation.Bilinear 0.0
      "AutoAugment SVHN", Policies.autoAugment AutoAugmentPolicy.Svhn Interpolation.Nearest 0.0
      "TrivialAugmentWide", Policies.trivialAugmentWide 31 Interpolation.Nearest 0.0
      "AugMix", Policies.augMix 3 3 -1 1.0 true Interpolation.Bilinear 0.0
      "AugMix severity 10, partial", Policies.augMix 10 2 2 0.5 false Interpolation.Nearest 0.0
      "KerasCV RandAugment", Policies.randAugmentKeras 3 0.5 0.15 (10.0 / 11.0) true ]

let tests =
    testList "Policies" [
        // torchvision/transforms/v2/_auto_augment.py (torchvision 0.16 to 0.20), RandAugment._AUGMENTATION_SPACE:
        // ShearX linspace(0, 0.3, bins), TranslateX linspace(0, 150/331 * width, bins), Rotate linspace(0, 30, bins),
        // Brightness/Color/Contrast/Sharpness linspace(0, 0.9, bins), Posterize 8 - round(arange(bins) / ((bins-1)/4)),
        // Solarize linspace(1.0, 0.0, bins); Identity, AutoContrast and Equalize have none.
        test "RandAugment's table (31 bins, 224 x 224) is torchvision's" {
            let ms = Policies.magnitudes PolicySpace.RandAugment 31 224 224
            Expect.equal [ for m in ms -> m.Op, m.Signed ]
                [ "Identity", false; "ShearX", true; "ShearY", true; "TranslateX", true; "TranslateY", true; "Rotate", true
                  "Brightness", true; "Color", true; "Contrast", true; "Sharpness", true; "Posterize", false
                  "Solarize", false; "AutoContrast", false; "Equalize", false ] "ops, order and signs"
            let t = table PolicySpace.RandAugment 31 224 224
            // bin 9 (torchvision's default magnitude): 0.3 * 9/30 = 0.09; 150/331 * 224 * 9/30 = 10080/331; 30 * 9/30 = 9
            close 1e-12 [| t.["ShearX"].Magnitudes.[9]; t.["TranslateX"].Magnitudes.[9]; t.["Rotate"].Magnitudes.[9]; t.["Brightness"].Magnitudes.[9]; t.["Solarize"].Magnitudes.[9] |]
                [| 0.09; 10080.0 / 331.0; 9.0; 0.27; 0.7 |] "bin 9"
            close 1e-12 [| t.["ShearX"].Magnitudes.[30]; t.["TranslateY"].Magnitudes.[30]; t.["Sharpness"].Magnitudes.[30]; t.["Solarize"].Magnitudes.[30] |]
                [| 0.3; 33600.0 / 331.0; 0.9; 0.0 |] "bin 30"
            // 8 - round(i / 7.5): i = 0..3 -> 8, 4..11 -> 7, 12..18 -> 6, 19..26 -> 5, 27..30 -> 4
            Expect.equal t.["Posterize"].Magnitudes
                [| 8.; 8.; 8.; 8.; 7.; 7.; 7.; 7.; 7.; 7.; 7.; 7.; 6.; 6.; 6.; 6.; 6.; 6.; 6.; 5.; 5.; 5.; 5.; 5.; 5.; 5.; 5.; 4.; 4.; 4.; 4. |] "posterize bits"
            Expect.isEmpty t.["Equalize"].Magnitudes "no magnitude"
        }
        // The same file, AutoAugment._AUGMENTATION_SPACE, used with 10 bins (AutoAugment.forward).
        test "AutoAugment's table (10 bins) is torchvision's" {
            let ms = Policies.magnitudes PolicySpace.AutoAugment 10 331 331
            Expect.equal (ms |> List.map (fun m -> m.Op))
                [ "ShearX"; "ShearY"; "TranslateX"; "TranslateY"; "Rotate"; "Brightness"; "Color"; "Contrast"; "Sharpness"
                  "Posterize"; "Solarize"; "AutoContrast"; "Equalize"; "Invert" ] "ops and order"
            let t = table PolicySpace.AutoAugment 10 331 331
            // 8 - round(i / 2.25): 0, .44, .89, 1.33, 1.78, 2.22, 2.67, 3.11, 3.56, 4
            Expect.equal t.["Posterize"].Magnitudes [| 8.; 8.; 7.; 7.; 6.; 6.; 5.; 5.; 4.; 4. |] "posterize bits"
            // Rotate bin 3 = 30 * 3/9 = 10; TranslateX bin 9 = 150/331 * 331 = 150; ShearX bin 5 = 0.3 * 5/9
            close 1e-12 [| t.["Rotate"].Magnitudes.[3]; t.["TranslateX"].Magnitudes.[9]; t.["ShearX"].Magnitudes.[5]; t.["Solarize"].Magnitudes.[9] |]
                [| 10.0; 150.0; 0.5 / 3.0; 0.0 |] "entries"
        }
        // The same file, TrivialAugmentWide._AUGMENTATION_SPACE: ShearX linspace(0, 0.99), TranslateX linspace(0, 32)
        // pixels, Rotate linspace(0, 135), enhancers linspace(0, 0.99), Posterize 8 - round(i / ((bins-1)/6)).
        test "TrivialAugmentWide's table (31 bins) is torchvision's" {
            let t = table PolicySpace.TrivialAugmentWide 31 500 300
            close 1e-12 [| t.["ShearX"].Magnitudes.[30]; t.["TranslateX"].Magnitudes.[15]; t.["TranslateY"].Magnitudes.[15]; t.["Rotate"].Magnitudes.[30]; t.["Color"].Magnitudes.[10] |]
                [| 0.99; 16.0; 16.0; 135.0; 0.33 |] "entries (the translation does not depend on the size)"
            // 8 - round(i / 5): i = 0..2 -> 8, 3..7 -> 7, 8..12 -> 6, 13..17 -> 5, 18..22 -> 4, 23..27 -> 3, 28..30 -> 2
            Expect.equal t.["Posterize"].Magnitudes
                [| 8.; 8.; 8.; 7.; 7.; 7.; 7.; 7.; 6.; 6.; 6.; 6.; 6.; 5.; 5.; 5.; 5.; 5.; 4.; 4.; 4.; 4.; 4.; 3.; 3.; 3.; 3.; 3.; 2.; 2.; 2. |] "posterize bits"
            Expect.equal (Map.count t) 14 "14 ops"
        }
        // The same file, AugMix._PARTIAL_AUGMENTATION_SPACE and _AUGMENTATION_SPACE with _PARAMETER_MAX = 10 bins:
        // TranslateX linspace(0, width / 3), Posterize 4 - round(i / ((bins-1)/4)).
        test "AugMix's tables (10 bins) are torchvision's" {
            let partial = Policies.magnitudes PolicySpace.AugMix 10 32 48
            Expect.equal (partial |> List.map (fun m -> m.Op))
                [ "ShearX"; "ShearY"; "TranslateX"; "TranslateY"; "Rotate"; "Posterize"; "Solarize"; "AutoContrast"; "Equalize" ] "partial ops"
            let all = Policies.magnitudes PolicySpace.AugMixAllOps 10 32 48
            Expect.equal (all |> List.map (fun m -> m.Op) |> List.skip 9) [ "Brightness"; "Color"; "Contrast"; "Sharpness" ] "all ops adds four"
            let t = table PolicySpace.AugMix 10 32 48
            // 4 - round(i / 2.25)
            Expect.equal t.["Posterize"].Magnitudes [| 4.; 4.; 3.; 3.; 2.; 2.; 1.; 1.; 0.; 0. |] "posterize bits"
            // 32/3 * 3/9 = 32/9; 48/3 = 16
            close 1e-12 [| t.["TranslateX"].Magnitudes.[3]; t.["TranslateY"].Magnitudes.[9] |] [| 32.0 / 9.0; 16.0 |] "translations"
        }
        // AutoAugment._get_policies in the same file (Table 9 of Cubuk et al. 2019 for ImageNet), typed entries.
        test "AutoAugment's sub-policies are torchvision's" {
            let sp name p bin = { Op = name; Probability = p; Bin = bin }
            for policy in [ AutoAugmentPolicy.ImageNet; AutoAugmentPolicy.Cifar10; AutoAugmentPolicy.Svhn ] do
                Expect.equal (Policies.autoAugmentSubPolicies policy).Length 25 "25 sub-policies"
            let imagenet = Policies.autoAugmentSubPolicies AutoAugmentPolicy.ImageNet
            Expect.equal imagenet.[0] (sp "Posterize" 0.4 8, sp "Rotate" 0.6 9) "ImageNet 0"
            Expect.equal imagenet.[14] (sp "Color" 0.6 4, sp "Contrast" 1.0 8) "ImageNet 14"
            Expect.equal imagenet.[17] (sp "Sharpness" 0.4 7, sp "Invert" 0.6 -1) "ImageNet 17"
            let cifar = Policies.autoAugmentSubPolicies AutoAugmentPolicy.Cifar10
            Expect.equal cifar.[1] (sp "Rotate" 0.7 2, sp "TranslateX" 0.3 9) "CIFAR-10 1"
            Expect.equal cifar.[24] (sp "TranslateY" 0.7 9, sp "AutoContrast" 0.9 -1) "CIFAR-10 24"
            let svhn = Policies.autoAugmentSubPolicies AutoAugmentPolicy.Svhn
            Expect.equal svhn.[15] (sp "Invert" 0.8 -1, sp "TranslateY" 0.0 2) "SVHN 15"
            Expect.equal svhn.[22] (sp "ShearX" 0.7 9, sp "TranslateY" 0.8 3) "SVHN 22"
        }
        // keras_cv/layers/preprocessing/rand_augment.py (KerasCV 0.4 to 0.9): solarize addition
        // NormalFactorSampler(m * 110, sd * 110, 0, 110), threshold (255 - m * 255, sd * 255, 0, 255); color, shear
        // (m, sd, 0, 1); contrast max(m, 0.001); brightness and translate m.
        test "KerasCV RandAugment's policy is keras_cv's" {
            let p = Policies.kerasRandAugmentPolicy 0.5 0.15 |> Map.ofList
            Expect.equal (Policies.kerasRandAugmentPolicy 0.5 0.15 |> List.map fst)
                [ "auto_contrast"; "equalize"; "solarize"; "color"; "contrast"; "brightness"; "shear_x"; "shear_y"; "translate_x"; "translate_y" ] "layers"
            let get layer name = p.[layer] |> List.find (fst >> (=) name) |> snd
            let approx (s: Sampler) (m, sd, lo, hi) =
                match s with
                | Sampler.ClippedNormal (a, b, c', d) -> close 1e-12 [| a; b; c'; d |] [| m; sd; lo; hi |] (string s)
                | other -> failtestf "expected a clipped normal, got %A" other
            approx (get "solarize" "addition_factor") (55.0, 16.5, 0.0, 110.0)
            approx (get "solarize" "threshold_factor") (127.5, 38.25, 0.0, 255.0)
            approx (get "color" "factor") (0.5, 0.15, 0.0, 1.0)
            approx (get "shear_y" "y_factor") (0.5, 0.15, 0.0, 1.0)
            Expect.equal (get "contrast" "factor") (c 0.5) "contrast"
            Expect.equal (get "translate_x" "width_factor") (c 0.5) "translate"
            let p0 = Policies.kerasRandAugmentPolicy 0.0 0.0 |> Map.ofList
            Expect.equal (p0.["contrast"] |> List.head |> snd) (c 0.001) "contrast floor"
            Expect.equal (Policies.kerasRandAugmentLayers 0.5 0.15 true).Length 10 "ten layers"
            Expect.equal (Policies.kerasRandAugmentLayers 0.5 0.15 false).Length 6 "six without geometry"
        }
        // A run of RandAugment with one op at bin 9 does what torchvision's _apply_image_or_video_transform does with
        // the table's value: find seeds that pick Rotate (index 5) and Posterize (index 10) and compare.
        test "RandAugment runs the op of its table" {
            let img = image 3
            let ra = Policies.randAugment 1 9 31 Interpolation.Nearest 0.0
            let mutable seen = Set.empty
            for s in 0 .. 400 do
                let out, trace = Aug.run ra (Seed.ofInt s) (Sample.ofImage img)
                let idx, inner = match trace with Trace.Steps [ t ] -> chose t | other -> failtestf "%A" other
                if idx = 5 then
                    // Rotate: +-9 degrees (a fair sign: choice 0 is +)
                    let sign, _ = chose inner
                    let expected = run (Ops.rotate (c (if sign = 0 then 9.0 else -9.0)) Interpolation.Nearest BorderMode.Constant 0.0) 0 img
                    Expect.equal (bits out.Image) (bits expected) "rotate"
                    seen <- seen.Add 5
                if idx = 10 then
                    // Posterize at bin 9: 8 - round(9 / 7.5) = 7 bits
                    Expect.equal (bits out.Image) (bits (run (Ops.posterize 7) 0 img)) "posterize"
                    seen <- seen.Add 10
            Expect.equal seen (set [ 5; 10 ]) "both ops were drawn"
        }
        testList "each policy" [
            for name, policy in policies ->
                test name {
                    for s in 0 .. 11 do
                        // byte images: torchvision's policies take uint8 (AutoContrast and Equalize work on 256 levels)
                        for img in [ image s; makeImage ElementType.Byte 1 (17, 23) s ValueRange.Byte ] do
                            let sample = Sample.ofImage img
                            let out, trace = Aug.run policy (Seed.ofInt s) sample
                            let again, _ = Aug.run policy (Seed.ofInt s) sample
                            Expect.equal (bits again.Image) (bits out.Image) "same seed, same bits"
                            let replayed = Aug.replay policy (Json.traceOfString (Json.traceToString trace)) sample
                            Expect.equal (bits replayed.Image) (bits out.Image) "replays from its JSON trace"
                            Expect.equal (out.Image.Width, out.Image.Height, out.Image.Channels) (img.Width, img.Height, img.Channels) "keeps the shape"
                            Expect.equal out.Image.Range img.Range "keeps the range"
                    let batch = Array.init 6 (fun i -> Sample.ofImage (image (100 + i)))
                    let one = Aug.runBatch RunOptions.Default 1 policy (Seed.ofInt 9) batch
                    let seven = Aug.runBatch RunOptions.Default 7 policy (Seed.ofInt 9) batch
                    Array.iter2 (fun (a: Sample, _) (b: Sample, _) -> Expect.equal (bits a.Image) (bits b.Image) "1 and 7 threads") one seven
                }
        ]
        test "AugMix draws weights that sum to 1 and replays a hand-made trace" {
            let am = Policies.augMix 3 3 -1 1.0 true Interpolation.Bilinear 0.0
            let img = image 5
            for s in 0 .. 20 do
                let _, trace = Aug.run am (Seed.ofInt s) (Sample.ofImage img)
                match trace with
                | Trace.Applied ("AugMix", (:? AugMixParams as p)) ->
                    Expect.floatClose Accuracy.high (p.Original + Array.sum p.Weights) 1.0 "weights sum to 1"
                    Expect.isTrue (p.Depths |> Array.forall (fun d -> d >= 1 && d <= 3)) "depths 1 to 3"
                    Expect.isTrue (p.Bins |> Array.forall (fun b -> b >= 0 && b < 3)) "bins below the severity"
                | other -> failtestf "expected AugMix's parameters, got %A" other
            // Original weight 1, chain weight 0: the image itself, whatever the chain
            let json = """{"op":"AugMix","params":{"Original":1,"Weights":[0,0,0],"Depths":[1,1,1],"Ops":[4,4,4],"Bins":[2,2,2],"Signs":[1,1,1]}}"""
            let out = Aug.replay am (Json.traceOfString json) (Sample.ofImage img)
            Expect.equal (bits out.Image) (bits img) "weight 1 on the original"
            // One chain of Posterize (index 5, bin 0: 4 bits) with weight 1: posterize 4 exactly
            let json = """{"op":"AugMix","params":{"Original":0,"Weights":[1,0,0],"Depths":[1,1,1],"Ops":[5,4,4],"Bins":[0,2,2],"Signs":[1,1,1]}}"""
            let out = Aug.replay am (Json.traceOfString json) (Sample.ofImage img)
            Expect.equal (bits out.Image) (bits (run (Ops.posterize 4) 0 img)) "a posterize chain"
            let bad = """{"op":"AugMix","params":{"Original":1,"Weights":[0,0,0],"Depths":[1,1,1],"Ops":[4,13,4],"Bins":[2,2,2],"Signs":[1,1,1]}}"""
            let e = Expect.throwsC (fun () -> Aug.replay am (Json.traceOfString bad) (Sample.ofImage img) |> ignore) id
            Expect.stringContains e.Message "Ops[1]" "names the bad op index"
            let withBox = Sample.ofImage img |> Sample.withBoxes [| Box.create 1.0 1.0 5.0 5.0 0 0 |]
            Expect.throwsT<ArgumentException> (fun () -> Aug.run am (Seed.ofInt 1) withBox |> ignore) "boxes are refused"
        }
        test "randomAugmentationPipeline is augmentations_per_image maybe-rate choices" {
            let p = Policies.randomAugmentationPipeline [ Ops.invert; Ops.flipHorizontal ] 3 0.5
            let img = image 8
            for s in 0 .. 30 do
                let out, trace = Aug.run p (Seed.ofInt s) (Sample.ofImage img)
                // count the applied invert and flip steps from the trace, then apply them by hand
                let steps = match trace with Trace.Steps ts -> ts | other -> failtestf "%A" other
                Expect.equal steps.Length 3 "three steps"
                let inverts, flips =
                    steps |> List.fold (fun (i, f) t ->
                        match t with
                        | Trace.Coin (true, Trace.Chose (0, _)) -> i + 1, f
                        | Trace.Coin (true, Trace.Chose (1, _)) -> i, f + 1
                        | Trace.Coin (false, _) -> i, f
                        | other -> failtestf "%A" other) (0, 0)
                let expected = Aug.sequence [ (if inverts % 2 = 1 then Ops.invert else Aug.identity); (if flips % 2 = 1 then Ops.flipHorizontal else Aug.identity) ]
                Expect.equal (bits out.Image) (bits (run expected 0 img)) "inverts and flips"
        }
        // ---- the ops the policies brought, answers worked by hand
        test "ShearX and ShearY shear about the top-left corner" {
            // x' = x - 0.5 y: (30, 40) -> (10, 40); box [10, 20, 30, 40]: corners x - 0.5 y = 0, 20, -10, 10 -> hull
            // [-10, 20] clipped to [0, 20]
            let s = Sample.ofImage (makeImage ElementType.Byte 1 (100, 100) 1 ValueRange.Byte)
                    |> Sample.withKeypoints [| { X = 30.0; Y = 40.0; Visible = true } |]
                    |> Sample.withBoxes [| Box.create 10.0 20.0 30.0 40.0 0 0 |]
            let out = Aug.apply (Ops.shearX (c 0.5) Interpolation.Nearest BorderMode.Constant 0.0) (Seed.ofInt 0) s
            Expect.equal (out.Keypoints.[0].X, out.Keypoints.[0].Y) (10.0, 40.0) "keypoint"
            let b = out.Boxes.[0]
            Expect.equal (b.XMin, b.YMin, b.XMax, b.YMax) (0.0, 20.0, 20.0, 40.0) "box"
            // y' = y - 0.5 x: (30, 40) -> (30, 25)
            let out = Aug.apply (Ops.shearY (c 0.5) Interpolation.Nearest BorderMode.Constant 0.0) (Seed.ofInt 0) s
            Expect.equal (out.Keypoints.[0].X, out.Keypoints.[0].Y) (30.0, 25.0) "keypoint y"
            // pixels: a 4x2 gray ramp sheared by x' = x - 1 y moves row 1 one pixel left (fill 0 at the right)
            let ramp = Image.FromBytes(4, 2, 1, ReadOnlySpan [| 1uy; 2uy; 3uy; 4uy; 5uy; 6uy; 7uy; 8uy |])
            let sheared = run (Ops.shearX (c 1.0) Interpolation.Nearest BorderMode.Constant 0.0) 0 ramp
            // row 0's centres y = 0.5 read x + 0.5: pixel j's centre j + 0.5 reads j + 1 (nearest: the pixel to the right's edge)
            // row 1's centres y = 1.5 read x + 1.5
            Expect.equal (sheared.Bytes.ToArray()) [| 2uy; 3uy; 4uy; 0uy; 7uy; 8uy; 0uy; 0uy |] "pixels"
        }
        test "Shift and ShiftFraction move whole pixels, truncating as Python's int" {
            let s = Sample.ofImage (makeImage ElementType.Byte 1 (10, 8) 1 ValueRange.Byte)
                    |> Sample.withKeypoints [| { X = 5.0; Y = 5.0; Visible = true } |]
            let at aug = let o = Aug.apply aug (Seed.ofInt 0) s in o.Keypoints.[0].X, o.Keypoints.[0].Y
            // int(0.25 * 10) = int(2.5) = 2; int(-2.5) = -2; int(0.3 * 8) = int(2.4) = 2
            Expect.equal (at (Ops.shiftFraction 0.25 0.0 BorderMode.Constant 0.0)) (7.0, 5.0) "right 2"
            Expect.equal (at (Ops.shiftFraction -0.25 0.3 BorderMode.Constant 0.0)) (3.0, 7.0) "left 2, down 2"
            Expect.equal (at (Ops.shift -3 1 BorderMode.Constant 0.0)) (2.0, 6.0) "shift"
            let ramp = gray [ 1uy; 2uy; 3uy; 4uy ]
            Expect.equal ((run (Ops.shift 1 0 BorderMode.Constant 9.0) 0 ramp).Bytes.ToArray()) [| 9uy; 1uy; 2uy; 3uy |] "pixels, filled"
        }
        test "EnhanceBrightness, EnhanceContrast and EnhanceColor blend as PIL's ImageEnhance" {
            // Brightness 0.5: x / 2 rounded half to even: 0, 50, 100.5 -> 100, 127.5 -> 128
            Expect.equal ((run (Ops.enhanceBrightness (c 0.5)) 0 (gray [ 0uy; 100uy; 201uy; 255uy ])).Bytes.ToArray())
                [| 0uy; 50uy; 100uy; 128uy |] "brightness"
            // Contrast 2 on pixels (0, 0, 0) and (200, 100, 50): gray 0 and 124.2, mean 62.1 -> int(62.6) = 62;
            // 62 + 2 (x - 62): 0 -> -62 -> 0; 200 -> 338 -> 255; 100 -> 138; 50 -> 38
            let img = rgb 2 1 [ 0uy; 0uy; 0uy; 200uy; 100uy; 50uy ]
            Expect.equal ((run (Ops.enhanceContrast (c 2.0)) 0 img).Bytes.ToArray()) [| 0uy; 0uy; 0uy; 255uy; 138uy; 38uy |] "contrast"
            // Color: g = 0.299 * 200 + 0.587 * 100 + 0.114 * 50 = 124.2; factor 0 gives 124; factor 2: 2x - g =
            // 275.8 -> 255, 75.8 -> 76, -24.2 -> 0
            let px = rgb 1 1 [ 200uy; 100uy; 50uy ]
            Expect.equal ((run (Ops.enhanceColor (c 0.0)) 0 px).Bytes.ToArray()) [| 124uy; 124uy; 124uy |] "color 0"
            Expect.equal ((run (Ops.enhanceColor (c 2.0)) 0 px).Bytes.ToArray()) [| 255uy; 76uy; 0uy |] "color 2"
            Expect.equal (bits (run (Ops.enhanceColor (c 1.0)) 0 px)) (bits px) "color 1 is the identity"
        }
        test "SolarizeAdd adds, clips, then inverts at the threshold (KerasCV Solarization)" {
            // + 0.2 * 255 = 51: 0, 50, 100, 200 -> 51, 101, 151, 251; threshold 0.5 * 255 = 127.5 inverts 151 -> 104, 251 -> 4
            Expect.equal ((run (Ops.solarizeAdd (c 0.2) (c 0.5)) 0 (gray [ 0uy; 50uy; 100uy; 200uy ])).Bytes.ToArray())
                [| 51uy; 101uy; 104uy; 4uy |] "solarize add"
            Expect.equal ((run (Ops.posterize 0) 0 (gray [ 0uy; 200uy; 255uy ])).Bytes.ToArray()) [| 0uy; 0uy; 0uy |] "posterize 0 keeps no bits"
        }
        test "the C# surface builds the same policies" {
            let img = image 4
            let pairs : (Augment.CSharp.Augmentation * Aug) list =
                [ Augment.CSharp.AugmentationPolicies.RandAugment(), Policies.randAugment 2 9 31 Interpolation.Nearest 0.0
                  Augment.CSharp.AugmentationPolicies.AutoAugment(Augment.CSharp.AutoAugmentDataset.Svhn), Policies.autoAugment AutoAugmentPolicy.Svhn Interpolation.Nearest 0.0
                  Augment.CSharp.AugmentationPolicies.TrivialAugmentWide(), Policies.trivialAugmentWide 31 Interpolation.Nearest 0.0
                  Augment.CSharp.AugmentationPolicies.AugMix(), Policies.augMix 3 3 -1 1.0 true Interpolation.Bilinear 0.0
                  Augment.CSharp.AugmentationPolicies.RandAugmentKeras(), Policies.randAugmentKeras 3 0.5 0.15 (10.0 / 11.0) true ]
            for cs, fs in pairs do
                for s in 0L .. 5L do
                    let c = cs.Run(Augment.CSharp.Sample(img), s)
                    let f, trace = Aug.run fs (Seed.ofInt64 s) (Sample.ofImage img)
                    Expect.isTrue (c.Sample.Image.ContentEquals f.Image) "same bits"
                    Expect.equal (Json.traceToString c.Trace.Inner) (Json.traceToString trace) "same trace"
        }
        test "bad arguments name the parameter" {
            let expectArg name (f: unit -> Aug) =
                let e = Expect.throwsC (f >> ignore) id
                match e with
                | :? ArgumentException as a -> Expect.equal a.ParamName name "parameter"
                | other -> failtestf "expected an ArgumentException, got %O" other
            expectArg "magnitude" (fun () -> Policies.randAugment 2 31 31 Interpolation.Nearest 0.0)
            expectArg "bins" (fun () -> Policies.trivialAugmentWide 1 Interpolation.Nearest 0.0)
            expectArg "severity" (fun () -> Policies.augMix 11 3 -1 1.0 true Interpolation.Bilinear 0.0)
            expectArg "depth" (fun () -> Policies.augMix 3 3 0 1.0 true Interpolation.Bilinear 0.0)
            expectArg "rate" (fun () -> Policies.randomAugmentationPipeline [ Ops.invert ] 2 1.5)
            expectArg "magnitude" (fun () -> Policies.randAugmentKeras 3 1.5 0.15 0.9 true)
            expectArg "factor" (fun () -> Ops.enhanceColor (Sampler.uniform -1.0 1.0))
            expectArg "xFraction" (fun () -> Ops.shiftFraction 2.0 0.0 BorderMode.Constant 0.0)
        }
    ]
