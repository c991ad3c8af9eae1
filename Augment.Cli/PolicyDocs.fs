/// The pictures of docs/POLICIES.md: `augment policies --docs DIR` writes one sheet per policy (eight seeds of one
/// photo) and one for test-time augmentation (the views of a photo with its boxes, and the boxes merged back).
module Augment.Cli.PolicyDocs

open System.IO
open Augment
open Augment.Native

/// The policies shown, with the file stem of their sheet.
let policies : (string * string * Aug) list =
    [ "randaugment", "RandAugment (torchvision: 2 ops, magnitude 9 of 31)", Policies.randAugment 2 9 31 Interpolation.Nearest 0.0
      "autoaugment-imagenet", "AutoAugment, ImageNet policy", Policies.autoAugment AutoAugmentPolicy.ImageNet Interpolation.Nearest 0.0
      "autoaugment-cifar10", "AutoAugment, CIFAR-10 policy", Policies.autoAugment AutoAugmentPolicy.Cifar10 Interpolation.Nearest 0.0
      "autoaugment-svhn", "AutoAugment, SVHN policy", Policies.autoAugment AutoAugmentPolicy.Svhn Interpolation.Nearest 0.0
      "trivialaugmentwide", "TrivialAugmentWide (31 bins)", Policies.trivialAugmentWide 31 Interpolation.Nearest 0.0
      "augmix", "AugMix (severity 3, 3 chains, depth 1 to 3, alpha 1, all ops)", Policies.augMix 3 3 -1 1.0 true Interpolation.Bilinear 0.0
      "randaugment-keras", "KerasCV RandAugment (3 per image, magnitude 0.5, stddev 0.15, rate 10/11)", Policies.randAugmentKeras 3 0.5 0.15 (10.0 / 11.0) true
      "random-augmentation-pipeline", "KerasCV RandomAugmentationPipeline (flip, rotate, equalize; 2 per image, rate 0.8)",
      Policies.randomAugmentationPipeline [ Ops.flipHorizontal; Ops.rotate (Sampler.uniform -20.0 20.0) Interpolation.Bilinear BorderMode.Reflect101 0.0; Ops.equalize ] 2 0.8 ]

/// The tile a photo becomes: its shorter side 128, centre-cropped to 128 x 128 (boxes move with it).
let private tile = Aug.sequence [ Ops.smallestMaxSize 128 Interpolation.Area; Ops.resizeWithCropOrPad 128 128 ]

let private jpeg (path: string) (img: Image) = ImageIO.writeAtomic path (ImageIO.encode "jpg" 80 img)

/// Writes docs/policies/*.jpg from the first annotated photo and returns the files written.
let write (docs: string) (samples: Sample[]) =
    let dir = Path.Combine(docs, "policies")
    Directory.CreateDirectory dir |> ignore
    let photo = Aug.apply tile (Seed.ofInt 0) samples.[0]
    let plain = Sample.ofImage photo.Image
    let written =
        [ for stem, _, policy in policies ->
            let tiles = [ for k in 0 .. 7 -> Aug.apply policy (Seed.derive (Seed.ofInt 2026) (int64 k)) plain ]
            let path = Path.Combine(dir, stem + ".jpg")
            jpeg path (Gallery.render 4 128 tiles)
            path ]
    // TTA: the photo through the dihedral views and a 3/4 scale, boxes moved by the engine; the last tile is the
    // photo with every view's boxes mapped back and fused (WBF).
    let views = Tta.dihedral @ [ Tta.scale 0.75 Interpolation.Bilinear ]
    let seen =
        [ for v in views ->
            let w = v.Resolve photo.Shape
            let spec : OpSpec<NoParams> = { Name = "TtaView"; Kind = OpKind.Geometric; Summary = v.Name; Check = ignore; Plan = fun _ _ -> Step.Warp w }
            v, Aug.apply (Aug.op (Op.constant spec NoParams.Value)) (Seed.ofInt 0) photo ]
    // No detector here: each view's boxes are the ones the engine moved, mapped back and fused as Tta.detect does.
    let back = seen |> List.collect (fun (v, s) -> List.ofArray (Tta.boxesBack v photo.Image.Width photo.Image.Height (s.Boxes |> Array.map (fun b -> { Box = b; Score = 1.0 }))))
    let fused = Tta.wbf 0.55 0.0 views.Length back
    let merged = { photo with Boxes = fused |> Array.map (fun f -> f.Box) }
    let path = Path.Combine(dir, "tta.jpg")
    jpeg path (Gallery.render 5 128 ((seen |> List.map snd) @ [ merged ]))
    written @ [ path ]
