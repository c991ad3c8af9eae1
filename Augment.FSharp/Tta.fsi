namespace Augment

/// A box a model predicted, with its score.
type ScoredBox =
    {
      Box: Box
      Score: float
    }

/// <summary>How test-time augmentation merges the boxes of its views.</summary>
[<RequireQualifiedAccess>]
type BoxMerge =
    /// <summary>Greedy non-maximum suppression per class: best score first, a box is dropped when its IoU with a kept
    /// box of its class exceeds the threshold.</summary>
    | Nms of iou: float
    /// <summary>Weighted boxes fusion (Solovyev, Wang and Gabruseva, Image and Vision Computing 2021) per class: boxes
    /// scoring below skipScore are dropped; best score first, a box joins the fused box of its class it overlaps most
    /// when that IoU exceeds the threshold, else starts a cluster; a fused box is the score-weighted mean of its
    /// cluster's corners with the mean score, finally times min(views, cluster size) / views.</summary>
    | Wbf of iou: float * skipScore: float

/// <summary>One view of test-time augmentation: an invertible geometric map of the input (a flip, a quarter turn, a
/// scale, a crop, or any warp), planned for the input's shape as the engine plans a <c>WarpStep</c>.</summary>
[<Sealed>]
type TtaView =
    internal new: name: string * plan: (Shape -> WarpStep) -> TtaView
    /// The view's name.
    member Name: string
    /// <summary>The warp this view makes of an input of this shape.</summary>
    /// <exception cref="System.ArgumentException">The map is not invertible, or its output is empty.</exception>
    member Resolve: shape: Shape -> WarpStep
    override ToString: unit -> string

/// <summary>Test-time augmentation: run a model on several views of an image, map each prediction back through the
/// exact inverse of its view, and merge (mean for class probabilities and masks; NMS or weighted boxes fusion for
/// boxes). Views run in order on the caller's thread, so the result is the same on every run.</summary>
[<RequireQualifiedAccess>]
module Tta =

    /// The image as it is.
    [<CompiledName ("Identity")>]
    val identity: TtaView

    /// Mirrored left-right (x goes to W - x), an exact copy.
    [<CompiledName ("FlipHorizontal")>]
    val flipHorizontal: TtaView

    /// Mirrored top-bottom (y goes to H - y), an exact copy.
    [<CompiledName ("FlipVertical")>]
    val flipVertical: TtaView

    /// Transposed ((x, y) goes to (y, x)), an exact copy.
    [<CompiledName ("Transpose")>]
    val transpose: TtaView

    /// <summary>k quarter turns counter-clockwise (<c>numpy.rot90</c>), an exact copy.</summary>
    [<CompiledName ("Rot90")>]
    val rot90: k: int -> TtaView

    /// <summary>Resized by <paramref name="factor"/> (each side rounded half to even, at least 1) with half-pixel
    /// centres, as <c>Ops.resize</c>.</summary>
    /// <exception cref="System.ArgumentException">factor is outside [0.05, 20], or Area interpolation with factor &gt; 1.</exception>
    [<CompiledName ("Scale")>]
    val scale: factor: float -> interpolation: Native.Interpolation -> TtaView

    /// <summary>The width x height rectangle whose top-left pixel is (x, y); it must lie inside the image.</summary>
    /// <exception cref="System.ArgumentException">A negative corner or a size that is not positive (at once), or a crop
    /// that leaves the image (when the view is used).</exception>
    [<CompiledName ("Crop")>]
    val crop: x: int -> y: int -> width: int -> height: int -> TtaView

    /// <summary>Any invertible map: <paramref name="plan"/> gives, for the input's shape, the matrix from input to view
    /// continuous coordinates and the view's width and height.</summary>
    /// <exception cref="System.ArgumentException">Area interpolation; when used, a matrix that is not invertible.</exception>
    [<CompiledName ("OfMatrix")>]
    val ofMatrix:
      name: string -> plan: (Shape -> struct (Native.Matrix3 * int * int)) -> interpolation: Native.Interpolation -> TtaView

    /// <summary>Any invertible warp, planned from the input's shape (the border and fill of the step are used).</summary>
    [<CompiledName ("OfWarp")>]
    val ofWarp: name: string -> plan: (Shape -> WarpStep) -> TtaView

    /// <summary>The eight views of the dihedral group D4: identity, three quarter turns, the two flips, the transpose
    /// and the transverse (transpose, then a half turn). All are exact copies.</summary>
    [<CompiledName ("Dihedral")>]
    val dihedral: TtaView list

    /// <summary>The image seen through a view (run by the engine, as an op would run it).</summary>
    [<CompiledName ("View")>]
    val view: v: TtaView -> image: Native.Image -> Native.Image

    /// <summary>Boxes predicted on a view, mapped back to the <paramref name="width"/> x <paramref name="height"/>
    /// input: each box's four corners through the view's inverse matrix, their hull clipped to the image; a box with
    /// nothing left is dropped. Exact (up to rounding) for flips, quarter turns, crops and scales.</summary>
    /// <exception cref="System.ArgumentException">A size is not positive.</exception>
    [<CompiledName ("BoxesBack")>]
    val boxesBack: v: TtaView -> width: int -> height: int -> boxes: ScoredBox array -> ScoredBox array

    /// <summary>A mask (a class map, or per-class scores as a float image of any channel count) predicted on a view,
    /// mapped back to the <paramref name="width"/> x <paramref name="height"/> input with nearest neighbour: input
    /// pixel (j, i) takes the view pixel containing the view's map of its centre (j + 0.5, i + 0.5); a pixel whose
    /// centre falls outside the view takes 0 (bytes) or the range minimum (floats). For flips and quarter turns this
    /// is exactly the inverse of <c>view</c>.</summary>
    /// <exception cref="System.ArgumentException">A size is not positive, or the mask is not the view's size.</exception>
    [<CompiledName ("MaskBack")>]
    val maskBack: v: TtaView -> width: int -> height: int -> mask: Native.Image -> Native.Image

    /// <summary>Runs <paramref name="predict"/> (class probabilities) on every view and returns the mean: class
    /// probabilities do not move with the image.</summary>
    /// <exception cref="System.ArgumentException">No views, or the views' predictions differ in length.</exception>
    [<CompiledName ("Classify")>]
    val classify: views: TtaView seq -> predict: (Native.Image -> float array) -> image: Native.Image -> float array

    /// <summary>Runs <paramref name="predict"/> (a mask of the view's size: per-class scores or a class map, any channel
    /// count) on every view, maps each back with <c>maskBack</c>, and returns the per-pixel mean over the views that
    /// see the pixel, as a float image with the first prediction's value range (pixels no view sees take its minimum).
    /// Take the argmax over channels for classes.</summary>
    /// <exception cref="System.ArgumentException">No views, or a prediction of the wrong size or channel count.</exception>
    [<CompiledName ("Segment")>]
    val segment: views: TtaView seq -> predict: (Native.Image -> Native.Image) -> image: Native.Image -> Native.Image

    /// <summary>Runs <paramref name="predict"/> (boxes in the view's pixels) on every view, maps the boxes back with
    /// <c>boxesBack</c>, and merges them with <paramref name="merge"/>.</summary>
    /// <exception cref="System.ArgumentException">No views, a null prediction, or a threshold outside [0, 1].</exception>
    [<CompiledName ("Detect")>]
    val detect:
      views: TtaView seq -> merge: BoxMerge -> predict: (Native.Image -> ScoredBox array) -> image: Native.Image -> ScoredBox array

    /// The intersection over union of two boxes (0 when they do not overlap).
    [<CompiledName ("Iou")>]
    val iou: a: Box -> b: Box -> float

    /// <summary>Greedy non-maximum suppression per class (see <c>BoxMerge.Nms</c>); ties in score keep input order.</summary>
    /// <exception cref="System.ArgumentException">iouThreshold is outside [0, 1].</exception>
    [<CompiledName ("Nms")>]
    val nms: iouThreshold: float -> boxes: ScoredBox seq -> ScoredBox array

    /// <summary>Weighted boxes fusion (see <c>BoxMerge.Wbf</c>) of the boxes of <paramref name="models"/> views or
    /// models; ties in score keep input order.</summary>
    /// <exception cref="System.ArgumentException">A threshold outside [0, 1], or models &lt; 1.</exception>
    [<CompiledName ("Wbf")>]
    val wbf: iouThreshold: float -> skipScore: float -> models: int -> boxes: ScoredBox seq -> ScoredBox array
