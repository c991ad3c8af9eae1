/// KerasCV's custom-layer walk-through, RandomBlueTint ("Custom Image Augmentations with
/// BaseImageAugmentationLayer"), in F#: a factor sampler, the value range, and an effect on labels.
/// KerasCV needs a class with __init__, get_random_transformation, augment_image, augment_label and
/// augment_bounding_boxes; here the op is one expression and every other target passes through for free.
module Examples.BlueTint

open Augment
open Augment.Native

// region readme
let randomBlueTint (factor: Sampler) =
    Op.pixel "RandomBlueTint" [ "factor", factor ] (fun p image ->
        // The image declares its value range: the shift is a fraction of it, and the kernel clamps to it.
        let shift = float32 (Op.param "factor" p) * image.Range.Width
        let deltas = Array.init image.Channels (fun c -> if c < 2 then -shift elif c = 2 then shift else 0f)
        ImageOps.AddPerChannel(image, deltas))
    |> Op.mapLabel (fun _ label -> label) // a tint does not change what the image shows
    |> Aug.op
// endregion
