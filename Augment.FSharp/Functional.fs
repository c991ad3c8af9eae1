namespace Augment

open System
open Augment.Native

/// <summary>
/// Deterministic sample transforms with no seed: each moves the image and every annotation together
/// (label, boxes, mask, keypoints). The random ops in <c>Ops</c> draw parameters and call these.
/// </summary>
[<RequireQualifiedAccess>]
module Functional =

    let private mapBox (f: float -> float -> struct (float * float)) (b: Box) =
        let struct (x0, y0) = f b.XMin b.YMin
        let struct (x1, y1) = f b.XMax b.YMax
        { b with XMin = min x0 x1; YMin = min y0 y1; XMax = max x0 x1; YMax = max y0 y1 }

    let private mapPoints f (s: Sample) =
        { s with
            Boxes = s.Boxes |> Array.map (mapBox f)
            Keypoints = s.Keypoints |> Array.map (fun k -> let struct (x, y) = f k.X k.Y in { k with X = x; Y = y }) }

    /// <summary>Clips boxes to [0, width] x [0, height] and drops those that <paramref name="filter"/> rejects
    /// or that lose all their area.</summary>
    [<CompiledName("ClipBoxes")>]
    let clipBoxes (filter: BoxFilter) (width: int) (height: int) (boxes: Box[]) =
        let W, H = float width, float height
        boxes |> Array.choose (fun b ->
            let c = { b with XMin = Math.Clamp(b.XMin, 0.0, W); XMax = Math.Clamp(b.XMax, 0.0, W)
                             YMin = Math.Clamp(b.YMin, 0.0, H); YMax = Math.Clamp(b.YMax, 0.0, H) }
            let visible = if b.Area > 0.0 then c.Area / b.Area else 0.0
            if c.Area > 0.0 && c.Area >= filter.MinArea && visible >= filter.MinVisibility then Some c else None)

    /// Mirrors left-right: a point (x, y) goes to (W - x, y).
    [<CompiledName("FlipHorizontal")>]
    let flipHorizontal (s: Sample) =
        let W = float s.Image.Width
        { mapPoints (fun x y -> struct (W - x, y)) s with
            Image = ImageOps.FlipHorizontal s.Image
            Mask = s.Mask |> Option.map (fun m -> ImageOps.FlipHorizontal m) }

    /// Mirrors top-bottom: a point (x, y) goes to (x, H - y).
    [<CompiledName("FlipVertical")>]
    let flipVertical (s: Sample) =
        let H = float s.Image.Height
        { mapPoints (fun x y -> struct (x, H - y)) s with
            Image = ImageOps.FlipVertical s.Image
            Mask = s.Mask |> Option.map ImageOps.FlipVertical }

    /// <summary>Turns by k quarter turns counter-clockwise, as <c>numpy.rot90</c> (k taken mod 4): for k = 1 a point
    /// (x, y) goes to (y, W - x), and the image becomes H wide and W high.</summary>
    [<CompiledName("Rot90")>]
    let rot90 (k: int) (s: Sample) =
        let k = ((k % 4) + 4) % 4
        let W, H = float s.Image.Width, float s.Image.Height
        let f =
            match k with
            | 1 -> fun x y -> struct (y, W - x)
            | 2 -> fun x y -> struct (W - x, H - y)
            | 3 -> fun x y -> struct (H - y, x)
            | _ -> fun x y -> struct (x, y)
        { mapPoints f s with
            Image = ImageOps.Rot90(s.Image, k)
            Mask = s.Mask |> Option.map (fun m -> ImageOps.Rot90(m, k)) }

    /// <summary>Keeps the <paramref name="width"/> x <paramref name="height"/> rectangle whose top-left pixel is (x, y):
    /// points move by (-x, -y); boxes are clipped and filtered; keypoints that leave the image become invisible.</summary>
    /// <exception cref="System.ArgumentException">The rectangle is empty or not inside the image.</exception>
    [<CompiledName("Crop")>]
    let crop (filter: BoxFilter) (x: int) (y: int) (width: int) (height: int) (s: Sample) =
        let image = ImageOps.Crop(s.Image, x, y, width, height)
        let dx, dy, W, H = float x, float y, float width, float height
        let moved = mapPoints (fun px py -> struct (px - dx, py - dy)) s
        { moved with
            Image = image
            Mask = s.Mask |> Option.map (fun m -> ImageOps.Crop(m, x, y, width, height))
            Boxes = clipBoxes filter width height moved.Boxes
            Keypoints =
                moved.Keypoints |> Array.map (fun k ->
                    { k with Visible = k.Visible && k.X >= 0.0 && k.Y >= 0.0 && k.X <= W && k.Y <= H }) }

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

    /// <summary>Adds <paramref name="delta"/> (value units) and saturates, as <c>tf.image.adjust_brightness</c>.</summary>
    [<CompiledName("Brightness")>]
    let brightness (delta: float) (s: Sample) = { s with Image = ImageOps.AdjustBrightness(s.Image, float32 delta) }

    /// <summary><c>(x - mean) * factor + mean</c> per channel, clamped, as <c>tf.image.adjust_contrast</c>.</summary>
    [<CompiledName("Contrast")>]
    let contrast (factor: float) (s: Sample) = { s with Image = ImageOps.AdjustContrast(s.Image, float32 factor) }

    /// BT.601 luma on <paramref name="outputChannels"/> channels (1, 3, or 4 for RGBA with alpha kept).
    [<CompiledName("Grayscale")>]
    let grayscale (outputChannels: int) (s: Sample) = { s with Image = ImageOps.Grayscale(s.Image, outputChannels) }

    /// Maps x to min + max - x of the value range.
    [<CompiledName("Invert")>]
    let invert (s: Sample) = { s with Image = ImageOps.Invert s.Image }
