namespace Augment

open System
open Augment.Native

/// <summary>
/// The op catalogue: each value or function here is an <see cref="T:Augment.Aug"/> of one op. Geometric ops move
/// every target; colour ops change the image only and keep it inside its value range.
/// Make any op random with <c>Aug.maybe</c>; draw its strength from a <see cref="T:Augment.Sampler"/>.
/// </summary>
[<RequireQualifiedAccess>]
module Ops =

    let private noParams : Seed -> Shape -> Params = fun _ _ -> Map.empty

    /// Mirrors left-right (x goes to W - x). Wrap in <c>Aug.maybe 0.5</c> for a random flip.
    [<CompiledName("FlipHorizontal")>]
    let flipHorizontal = Aug.op (Op.create "FlipHorizontal" noParams (fun _ s -> Functional.flipHorizontal s))

    /// Mirrors top-bottom (y goes to H - y).
    [<CompiledName("FlipVertical")>]
    let flipVertical = Aug.op (Op.create "FlipVertical" noParams (fun _ s -> Functional.flipVertical s))

    let private rot90Op name draw =
        Aug.op (Op.create name draw (fun p s -> Functional.rot90 (int (Op.param "k" p)) s))

    /// <summary>k quarter turns counter-clockwise (numpy.rot90): a point (x, y) goes to (y, W - x) for k = 1.</summary>
    [<CompiledName("Rot90")>]
    let rot90 (k: int) = rot90Op "Rot90" (fun _ _ -> Map [ "k", float (((k % 4) + 4) % 4) ])

    /// A uniformly random number of quarter turns in {0, 1, 2, 3} (albumentations' RandomRotate90).
    [<CompiledName("RandomRot90")>]
    let randomRot90 = rot90Op "RandomRot90" (fun seed _ -> Map [ "k", float (Seed.intBelow seed 4) ])

    /// <summary>A <paramref name="width"/> x <paramref name="height"/> window at a uniformly random offset
    /// (<c>tf.image.random_crop</c>); boxes are clipped and filtered by <paramref name="filter"/>.</summary>
    /// <exception cref="System.ArgumentException">width or height is not positive; or, when run, larger than the image.</exception>
    [<CompiledName("RandomCropWith")>]
    let randomCropWith (filter: BoxFilter) (width: int) (height: int) =
        if width <= 0 then Throw.Argument("width", width, "a positive crop width")
        if height <= 0 then Throw.Argument("height", height, "a positive crop height")
        let draw seed (shape: Shape) =
            if width > shape.Width then Throw.Argument("width", width, sprintf "a crop width <= the image width %d" shape.Width)
            if height > shape.Height then Throw.Argument("height", height, sprintf "a crop height <= the image height %d" shape.Height)
            Map [ "x", float (Seed.intBelow (Seed.derive seed 0L) (shape.Width - width + 1))
                  "y", float (Seed.intBelow (Seed.derive seed 1L) (shape.Height - height + 1))
                  "width", float width
                  "height", float height ]
        let apply p s =
            Functional.crop filter (int (Op.param "x" p)) (int (Op.param "y" p)) (int (Op.param "width" p)) (int (Op.param "height" p)) s
        Aug.op (Op.create "RandomCrop" draw apply)

    /// A random crop that keeps every box with some area left (<c>BoxFilter.Default</c>).
    [<CompiledName("RandomCrop")>]
    let randomCrop (width: int) (height: int) = randomCropWith BoxFilter.Default width height

    /// <summary>Keeps the centred <paramref name="fraction"/> of each side (<c>tf.image.central_crop</c>).</summary>
    /// <exception cref="System.ArgumentException">fraction is not in (0, 1].</exception>
    [<CompiledName("CentralCropWith")>]
    let centralCropWith (filter: BoxFilter) (fraction: float) =
        Functional.centralCropRect fraction 1 1 |> ignore // validates fraction now, not at run time
        Aug.op (Op.create "CentralCrop" (fun _ _ -> Map [ "fraction", fraction ])
                    (fun p s -> Functional.centralCrop filter (Op.param "fraction" p) s))

    /// A central crop with <c>BoxFilter.Default</c>.
    [<CompiledName("CentralCrop")>]
    let centralCrop (fraction: float) = centralCropWith BoxFilter.Default fraction

    /// <summary>Adds <c>factor * (max - min)</c> of the value range, saturating (KerasCV RandomBrightness:
    /// factor in [-1, 1]).</summary>
    [<CompiledName("Brightness")>]
    let brightness (factor: Sampler) =
        Aug.op (Op.ofSamplers "Brightness" [ "factor", factor ] (fun p s ->
            Functional.brightness (Op.param "factor" p * float s.Image.Range.Width) s))

    /// <summary><c>(x - mean) * factor + mean</c> per channel, clamped (KerasCV RandomContrast draws factor
    /// from [1 - lower, 1 + upper]).</summary>
    [<CompiledName("Contrast")>]
    let contrast (factor: Sampler) =
        Aug.op (Op.ofSamplers "Contrast" [ "factor", factor ] (fun p s -> Functional.contrast (Op.param "factor" p) s))

    /// BT.601 gray that keeps the channel count (replicated; alpha kept), so later ops see the same shape.
    [<CompiledName("Grayscale")>]
    let grayscale =
        Aug.op (Op.create "Grayscale" noParams (fun _ s ->
            if s.Image.Channels = 1 then s else Functional.grayscale s.Image.Channels s))

    /// <summary>BT.601 gray on <paramref name="outputChannels"/> channels (1, 3, or 4 for RGBA).</summary>
    /// <exception cref="System.ArgumentException">outputChannels is not 1, 3 or 4.</exception>
    [<CompiledName("GrayscaleTo")>]
    let grayscaleTo (outputChannels: int) =
        if outputChannels <> 1 && outputChannels <> 3 && outputChannels <> 4 then
            Throw.Argument("outputChannels", outputChannels, "1, 3 or 4 channels")
        Aug.op (Op.create "Grayscale" (fun _ _ -> Map [ "channels", float outputChannels ])
                    (fun p s -> Functional.grayscale (int (Op.param "channels" p)) s))

    /// Maps x to min + max - x of the value range (255 - x for bytes).
    [<CompiledName("Invert")>]
    let invert = Aug.op (Op.create "Invert" noParams (fun _ s -> Functional.invert s))
