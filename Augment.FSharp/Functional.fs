namespace Augment

open System
open Augment.Native

/// <summary>
/// Deterministic sample transforms with no seed: each plans one step and runs it through the engine, so the
/// image and every annotation move together (label, boxes, mask, keypoints). The random ops in <c>Ops</c> plan
/// the same steps from drawn parameters.
/// </summary>
[<RequireQualifiedAccess>]
module Functional =

    /// Runs one planned step on a sample, through the engine.
    [<CompiledName("ApplyStep")>]
    let applyStep (step: Step) (s: Sample) =
        let r = Aug.Runner(RunOptions.Default, Sample.validate s, 1, 0)
        r.Apply step
        r.Flush()

    /// <summary>Clips boxes to [0, width] x [0, height] and drops those that the box rule
    /// (<c>BoxFilter.keep</c>) rejects.</summary>
    [<CompiledName("ClipBoxes")>]
    let clipBoxes (filter: BoxFilter) (width: int) (height: int) (boxes: Box[]) =
        boxes |> Array.choose (BoxFilter.keep filter (float width) (float height))

    /// Mirrors left-right: a point (x, y) goes to (W - x, y).
    [<CompiledName("FlipHorizontal")>]
    let flipHorizontal (s: Sample) = applyStep (Steps.flipHorizontal s.Shape) s

    /// Mirrors top-bottom: a point (x, y) goes to (x, H - y).
    [<CompiledName("FlipVertical")>]
    let flipVertical (s: Sample) = applyStep (Steps.flipVertical s.Shape) s

    /// <summary>Turns by k quarter turns counter-clockwise, as <c>numpy.rot90</c> (k taken mod 4): for k = 1 a point
    /// (x, y) goes to (y, W - x), and the image becomes H wide and W high.</summary>
    [<CompiledName("Rot90")>]
    let rot90 (k: int) (s: Sample) = applyStep (Steps.rot90 k s.Shape) s

    /// <summary>Keeps the <paramref name="width"/> x <paramref name="height"/> rectangle whose top-left pixel is (x, y):
    /// points move by (-x, -y); boxes are clipped and filtered; keypoints that leave the image become invisible.</summary>
    /// <exception cref="System.ArgumentException">The rectangle is empty or not inside the image.</exception>
    [<CompiledName("Crop")>]
    let crop (filter: BoxFilter) (x: int) (y: int) (width: int) (height: int) (s: Sample) =
        let W, H = s.Image.Width, s.Image.Height
        if width <= 0 || width > W then Throw.Argument("width", width, sprintf "1 to the image width %d" W)
        if height <= 0 || height > H then Throw.Argument("height", height, sprintf "1 to the image height %d" H)
        if x < 0 || x + width > W then Throw.Argument("x", x, sprintf "0 to %d (image width %d, crop width %d)" (W - width) W width)
        if y < 0 || y + height > H then Throw.Argument("y", y, sprintf "0 to %d (image height %d, crop height %d)" (H - height) H height)
        applyStep (Steps.crop filter x y width height) s

    /// <summary>The rectangle (x, y, width, height) that <c>tf.image.central_crop</c> keeps:
    /// <c>start = int((size - size * fraction) / 2)</c> and <c>length = size - 2 * start</c> on each axis.</summary>
    /// <exception cref="System.ArgumentException">fraction is not in (0, 1].</exception>
    [<CompiledName("CentralCropRect")>]
    let centralCropRect (fraction: float) (width: int) (height: int) =
        if not (fraction > 0.0 && fraction <= 1.0) then
            Throw.Argument("fraction", fraction, "a fraction in (0, 1] of each side to keep")
        let start (n: int) = int ((float n - float n * fraction) / 2.0)
        let x, y = start width, start height
        struct (x, y, width - 2 * x, height - 2 * y)

    /// Keeps the centred <paramref name="fraction"/> of each side, as <c>tf.image.central_crop</c>.
    [<CompiledName("CentralCrop")>]
    let centralCrop (filter: BoxFilter) (fraction: float) (s: Sample) =
        let struct (x, y, w, h) = centralCropRect fraction s.Image.Width s.Image.Height
        crop filter x y w h s
