namespace Augment

open System
open Augment.Native

/// <summary>An axis-aligned box in continuous pixel coordinates: pixel (row i, column j) covers
/// [j, j+1) x [i, i+1), so [0, 0, W, H] is the whole image.</summary>
type Box =
    { XMin: float
      YMin: float
      XMax: float
      YMax: float
      /// The object's class.
      Class: int
      /// The object's identity, kept through every op (for tracking, and for matching masks to boxes).
      Id: int }

    member b.Width = b.XMax - b.XMin
    member b.Height = b.YMax - b.YMin
    member b.Area = max 0.0 b.Width * max 0.0 b.Height

/// A point in continuous pixel coordinates, with a visibility flag (an op that moves it off the image clears it).
[<CompiledName("FSharpKeypoint")>]
type Keypoint = { X: float; Y: float; Visible: bool }

/// The width, height and channel count of an image.
type Shape =
    { Width: int
      Height: int
      Channels: int }

    static member Of(image: Image) = { Width = image.Width; Height = image.Height; Channels = image.Channels }

/// <summary>
/// One training example: an image and any of a label (a probability vector, so mixing is exact),
/// boxes, a class mask (a 1-channel byte image of the image's size) and keypoints.
/// Arrays are treated as immutable: ops return new ones.
/// </summary>
[<CompiledName("FSharpSample")>]
type Sample =
    { Image: Image
      /// A probability vector (one-hot for a hard label); empty when the sample has none.
      Label: float[]
      Boxes: Box[]
      Mask: Image option
      Keypoints: Keypoint[] }

    member s.Shape = Shape.Of s.Image

/// Boxes: construction with checks, and the COCO, YOLO and Pascal VOC formats.
[<RequireQualifiedAccess>]
module Box =

    /// <summary>A box from its corners.</summary>
    /// <exception cref="System.ArgumentException">A coordinate is not finite, or xMin &gt; xMax, or yMin &gt; yMax.</exception>
    [<CompiledName("Create")>]
    let create xMin yMin xMax yMax cls id =
        let finite name (v: float) = if not (Double.IsFinite v) then Throw.Argument(name, v, "a finite coordinate")
        finite "xMin" xMin
        finite "yMin" yMin
        finite "xMax" xMax
        finite "yMax" yMax
        if xMin > xMax then Throw.Argument("xMin", xMin, sprintf "xMin <= xMax (%g)" xMax)
        if yMin > yMax then Throw.Argument("yMin", yMin, sprintf "yMin <= yMax (%g)" yMax)
        { XMin = xMin; YMin = yMin; XMax = xMax; YMax = yMax; Class = cls; Id = id }

    /// From COCO's [x, y, width, height] in pixels.
    [<CompiledName("OfCoco")>]
    let ofCoco x y w h cls id = create x y (x + w) (y + h) cls id

    /// To COCO's [x, y, width, height] in pixels.
    [<CompiledName("ToCoco")>]
    let toCoco (b: Box) = [| b.XMin; b.YMin; b.Width; b.Height |]

    /// From YOLO's [cx, cy, w, h], normalised by the image width and height.
    [<CompiledName("OfYolo")>]
    let ofYolo (imageWidth: int) (imageHeight: int) cx cy w h cls id =
        let W, H = float imageWidth, float imageHeight
        create ((cx - w / 2.0) * W) ((cy - h / 2.0) * H) ((cx + w / 2.0) * W) ((cy + h / 2.0) * H) cls id

    /// To YOLO's [cx, cy, w, h], normalised by the image width and height.
    [<CompiledName("ToYolo")>]
    let toYolo (imageWidth: int) (imageHeight: int) (b: Box) =
        let W, H = float imageWidth, float imageHeight
        [| (b.XMin + b.XMax) / 2.0 / W; (b.YMin + b.YMax) / 2.0 / H; b.Width / W; b.Height / H |]

    /// From Pascal VOC's [x_min, y_min, x_max, y_max] in pixels (albumentations' reading: the same corners as ours).
    [<CompiledName("OfVoc")>]
    let ofVoc xMin yMin xMax yMax cls id = create xMin yMin xMax yMax cls id

    /// To Pascal VOC's [x_min, y_min, x_max, y_max].
    [<CompiledName("ToVoc")>]
    let toVoc (b: Box) = [| b.XMin; b.YMin; b.XMax; b.YMax |]

/// Building samples and checking them.
[<RequireQualifiedAccess>]
module Sample =

    /// A sample with only an image.
    [<CompiledName("OfImage")>]
    let ofImage (image: Image) =
        if isNull (box image) then nullArg "image"
        { Image = image; Label = [||]; Boxes = [||]; Mask = None; Keypoints = [||] }

    /// <summary>Checks every target against the image; returns the sample unchanged.</summary>
    /// <exception cref="System.ArgumentException">A label entry is negative or not finite, a box is not finite, has
    /// xMin &gt; xMax or yMin &gt; yMax, or leaves the image, the mask is not a 1-channel byte image of the image's
    /// size, or a keypoint is not finite. The message names the offending index and value.</exception>
    [<CompiledName("Validate")>]
    let validate (s: Sample) =
        if isNull (box s.Image) then nullArg "Image"
        let W, H = float s.Image.Width, float s.Image.Height
        // Loops rather than Array.iteri: a check of a warm run's sample allocates nothing.
        let label = s.Label
        for i in 0 .. label.Length - 1 do
            let p = label.[i]
            if not (Double.IsFinite p) || p < 0.0 then
                Throw.Argument("label", p, sprintf "a probability >= 0 at index %d" i)
        let boxes = s.Boxes
        for i in 0 .. boxes.Length - 1 do
            let b = boxes.[i]
            let name = sprintf "boxes[%d]" i
            for v in [ b.XMin; b.YMin; b.XMax; b.YMax ] do
                if not (Double.IsFinite v) then Throw.Argument(name, v, "finite coordinates")
            if b.XMin > b.XMax then Throw.Argument(name + ".XMin", b.XMin, sprintf "x_min <= x_max (%g)" b.XMax)
            if b.YMin > b.YMax then Throw.Argument(name + ".YMin", b.YMin, sprintf "y_min <= y_max (%g)" b.YMax)
            if b.XMin < 0.0 || b.YMin < 0.0 || b.XMax > W || b.YMax > H then
                Throw.Argument(name, sprintf "[%g, %g, %g, %g]" b.XMin b.YMin b.XMax b.YMax,
                               sprintf "a box inside the image [0, 0, %g, %g]" W H)
        match s.Mask with
        | Some m ->
            if m.Channels <> 1 || m.ElementType <> ElementType.Byte || m.Width <> s.Image.Width || m.Height <> s.Image.Height then
                Throw.Argument("mask", sprintf "%dx%dx%d %A" m.Width m.Height m.Channels m.ElementType,
                               sprintf "a 1-channel byte class map of the image's size %dx%d" s.Image.Width s.Image.Height)
        | None -> ()
        let keypoints = s.Keypoints
        for i in 0 .. keypoints.Length - 1 do
            let k = keypoints.[i]
            if not (Double.IsFinite k.X && Double.IsFinite k.Y) then
                Throw.Argument(sprintf "keypoints[%d]" i, sprintf "(%g, %g)" k.X k.Y, "finite coordinates")
        s

    /// The sample with this label (checked).
    [<CompiledName("WithLabel")>]
    let withLabel (label: float[]) (s: Sample) = validate { s with Label = Array.copy label }

    /// The sample with these boxes (checked).
    [<CompiledName("WithBoxes")>]
    let withBoxes (boxes: Box[]) (s: Sample) = validate { s with Boxes = Array.copy boxes }

    /// The sample with this class mask (checked).
    [<CompiledName("WithMask")>]
    let withMask (mask: Image) (s: Sample) = validate { s with Mask = Some mask }

    /// The sample with these keypoints (checked).
    [<CompiledName("WithKeypoints")>]
    let withKeypoints (keypoints: Keypoint[]) (s: Sample) = validate { s with Keypoints = Array.copy keypoints }

/// How boxes that an op pushes (partly) off the image are dropped, as albumentations'
/// <c>min_area</c> and <c>min_visibility</c>.
[<CompiledName("FSharpBoxFilter")>]
type BoxFilter =
    { /// Drop a box whose clipped area, in pixels, is below this.
      MinArea: float
      /// Drop a box that keeps less than this fraction of its area after clipping.
      MinVisibility: float }

    // One value (a new record per call would be allocated by every warp step that takes the default).
    static let defaultFilter = { MinArea = 0.0; MinVisibility = 0.0 }

    /// Keeps every box with a positive clipped area.
    static member Default = defaultFilter

/// The one rule for boxes after every geometric op.
[<RequireQualifiedAccess>]
module BoxFilter =

    /// <summary>Clips a box to [0, W] x [0, H] and decides whether it stays: a box wholly outside the image is
    /// dropped; a box with area is dropped when nothing of it is left, when its clipped area is under
    /// <c>MinArea</c>, or when the kept fraction of its area is under <c>MinVisibility</c>; a box of zero area
    /// (a line or a point) stays while it touches the image, with visibility 1.</summary>
    [<CompiledName("Keep")>]
    let keep (filter: BoxFilter) (width: float) (height: float) (b: Box) =
        if b.XMax < 0.0 || b.YMax < 0.0 || b.XMin > width || b.YMin > height then None
        else
            let c = { b with XMin = Math.Clamp(b.XMin, 0.0, width); XMax = Math.Clamp(b.XMax, 0.0, width)
                             YMin = Math.Clamp(b.YMin, 0.0, height); YMax = Math.Clamp(b.YMax, 0.0, height) }
            if b.Area > 0.0 then
                let visible = c.Area / b.Area
                if c.Area > 0.0 && c.Area >= filter.MinArea && visible >= filter.MinVisibility then Some c else None
            elif filter.MinArea > 0.0 then None
            else Some c
