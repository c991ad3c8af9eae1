namespace Augment

open System
open Augment.Native

/// <summary>What an op's draw sees of the sample it is about to change: the image's shape, element type and
/// value range, and copies of its annotations. It cannot see or change pixels.</summary>
type SampleView =
    { Shape: Shape
      ElementType: ElementType
      Range: ValueRange
      Boxes: Box[]
      Keypoints: Keypoint[]
      HasMask: bool
      /// <summary>The mask as it stands after every op planned before this one, or None without a mask. Calling it runs
      /// the pixel steps still waiting (so it costs a flush); ops that do not call it cost nothing. Read-only: the
      /// image is immutable.</summary>
      CurrentMask: unit -> Image option
      LabelLength: int
      /// The number of samples in the batch being run (1 for a single sample); batch ops draw partners below it.
      BatchSize: int
      /// This sample's position in the batch (0 for a single sample).
      BatchIndex: int }

/// <summary>A per-channel function of the value, in the image's value units. On byte images the engine evaluates
/// it once per entry of a 256-entry table per channel (rounding half to even and clamping to [0, 255]), so a
/// table is exact by construction; on float images it runs element by element and clamps to the value range.</summary>
[<RequireQualifiedAccess>]
type PointMap =
    /// <summary><c>y = (x - subtract[c]) * scale[c] + add[c]</c> in float32, in that order (SIMD on float images).</summary>
    | Affine of subtract: float32[] * scale: float32[] * add: float32[]
    /// <summary><c>y = f c x</c>: any per-channel function (c the channel, x the value).</summary>
    | Func of name: string * f: (int -> float32 -> float32)

/// The statistic a statistic-then-point step needs before it can build its map.
[<RequireQualifiedAccess>]
type Statistic =
    /// The mean of each channel.
    | Means
    /// A 256-bin histogram of each channel (byte images).
    | Histograms

/// <summary>Statistics of an image, computed once per plan group: per-channel means, and for byte images the
/// per-channel histograms (<c>Histograms[c * 256 + v]</c>).</summary>
type Stats =
    { Means: float[]
      Histograms: int64[]
      Pixels: int64 }

/// <summary>A geometric step: <c>Matrix</c> maps the input's continuous coordinates to the output's (pixel centres
/// at half-integers), onto a <c>Width</c> x <c>Height</c> output. The engine moves every target with it: the image
/// with <c>Interpolation</c> and <c>Border</c>, the mask with nearest neighbour (fill <c>MaskFill</c>), boxes through
/// their four corners (hull, clip, <c>Filter</c>), keypoints (off the image means invisible).</summary>
type WarpStep =
    { Matrix: Matrix3
      Width: int
      Height: int
      Interpolation: Interpolation
      Border: BorderMode
      /// Per-channel fill in value units for a constant border (empty: the value range's minimum).
      Fill: float32[]
      MaskFill: byte
      Filter: BoxFilter }

/// <summary>A kernel that writes a whole output image from its input: same width and height, <c>Channels</c>
/// output channels (0: the input's). <c>Run src dst</c> must not keep either buffer. The output's element type
/// and value range are the input's unless <c>OutputType</c> / <c>OutputRange</c> say otherwise (dtype conversion,
/// normalisation): the engine then sizes <c>dst</c> with them, and later steps see the new type and range.</summary>
type ImageKernel =
    { Name: string
      Channels: int
      Run: PixelBuffer -> PixelBuffer -> unit
      /// The output's element type (ValueNone: the input's).
      OutputType: ElementType voption
      /// <summary>The output's value range (ValueNone: the input's; ignored for byte output, always [0, 255]).</summary>
      OutputRange: ValueRange voption }

/// <summary>A multi-sample step: the indices in the batch of the partner samples and what to make of them.
/// <c>Mix self partners</c> returns the new sample (image, label, boxes, mask, keypoints); partners come in the
/// order of <c>Partners</c>.</summary>
type MixStep =
    { Partners: int[]
      Mix: Sample -> Sample[] -> Sample }

/// <summary>One planned effect of an op, as data the engine folds and runs. An op's plan returns one.</summary>
[<RequireQualifiedAccess>]
type Step =
    /// Geometric: a matrix, an output size, interpolation and border.
    | Warp of WarpStep
    /// Point colour: a per-channel function of the value.
    | Point of PointMap
    /// A statistic of the image, then a point colour map built from it (contrast, equalize, autocontrast).
    | StatPoint of Statistic * (Stats -> PointMap)
    /// A neighbourhood filter (blur, median, sharpen).
    | Filter of ImageKernel
    /// Any other image kernel (grayscale, channel mixing).
    | Kernel of ImageKernel
    /// A change to the label alone.
    | Label of (float[] -> float[])
    /// Several steps in order.
    | Many of Step list
    /// Leaves the sample as it is.
    | Nothing
    /// A custom sample function, run on the materialised sample (a fusion barrier).
    | Custom of name: string * (Sample -> Sample)
    /// A multi-sample step; only a batch run can execute it.
    | Mix of MixStep

/// What kind of op this is: how the engine runs it, and what the catalogue lists.
type OpKind =
    | Geometric = 0
    | PointColour = 1
    | StatisticColour = 2
    | Neighbourhood = 3
    | ImageKernel = 4
    | MultiSample = 5
    | Custom = 6

/// Builders of the steps the catalogue's ops plan, in the conventions of the library's docs.
[<RequireQualifiedAccess>]
module Steps =

    /// <summary>An image kernel that keeps the element type and value range (<c>OutputType</c> and
    /// <c>OutputRange</c> ValueNone).</summary>
    let kernel (name: string) (channels: int) (run: PixelBuffer -> PixelBuffer -> unit) : ImageKernel =
        { Name = name; Channels = channels; Run = run; OutputType = ValueNone; OutputRange = ValueNone }

    /// <summary>The element type and value range an image kernel writes, given what it reads: the input's unless the
    /// kernel declares them; a byte output's range is always [0, 255].</summary>
    let kernelFormat (k: ImageKernel) (elementType: ElementType) (range: ValueRange) =
        let t = match k.OutputType with ValueSome t -> t | ValueNone -> elementType
        let r =
            if t = ElementType.Byte then ValueRange.Byte
            else match k.OutputRange with ValueSome r -> r | ValueNone -> range
        struct (t, r)

    /// A warp with a constant border filled with the range minimum, boxes kept while they have area.
    let warp (m: Matrix3) (width: int) (height: int) (interp: Interpolation) =
        Step.Warp
            { Matrix = m; Width = width; Height = height; Interpolation = interp; Border = BorderMode.Constant
              Fill = [||]; MaskFill = 0uy; Filter = BoxFilter.Default }

    /// Mirrors left-right: x goes to W - x.
    let flipHorizontal (s: Shape) =
        warp (Matrix3(-1.0, 0.0, float s.Width, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0)) s.Width s.Height Interpolation.Nearest

    /// Mirrors top-bottom: y goes to H - y.
    let flipVertical (s: Shape) =
        warp (Matrix3(1.0, 0.0, 0.0, 0.0, -1.0, float s.Height, 0.0, 0.0, 1.0)) s.Width s.Height Interpolation.Nearest

    /// <summary>k quarter turns counter-clockwise (<c>numpy.rot90</c>): for k = 1, (x, y) goes to (y, W - x).</summary>
    let rot90 (k: int) (s: Shape) =
        let W, H = float s.Width, float s.Height
        match ((k % 4) + 4) % 4 with
        | 1 -> warp (Matrix3(0.0, 1.0, 0.0, -1.0, 0.0, W, 0.0, 0.0, 1.0)) s.Height s.Width Interpolation.Nearest
        | 2 -> warp (Matrix3(-1.0, 0.0, W, 0.0, -1.0, H, 0.0, 0.0, 1.0)) s.Width s.Height Interpolation.Nearest
        | 3 -> warp (Matrix3(0.0, -1.0, H, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0)) s.Height s.Width Interpolation.Nearest
        | _ -> Step.Nothing

    /// <summary>Transposes (x, y) to (y, x): the image becomes H wide and W high.</summary>
    let transpose (s: Shape) =
        warp (Matrix3(0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0)) s.Height s.Width Interpolation.Nearest

    /// <summary>Keeps the width x height rectangle whose top-left pixel is (x, y); points move by (-x, -y).</summary>
    let crop (filter: BoxFilter) (x: int) (y: int) (width: int) (height: int) =
        match warp (Matrix3.Translation(float -x, float -y)) width height Interpolation.Nearest with
        | Step.Warp w -> Step.Warp { w with Filter = filter }
        | s -> s

    /// <summary>Resizes to width x height with half-pixel centres (OpenCV <c>cv2.resize</c>): a point scales by
    /// (width / W, height / H). Borders replicate, as OpenCV's resize does at the edges.</summary>
    let resize (interp: Interpolation) (width: int) (height: int) (s: Shape) =
        match warp (Matrix3.Scale(float width / float s.Width, float height / float s.Height)) width height interp with
        | Step.Warp w -> Step.Warp { w with Border = BorderMode.Replicate }
        | x -> x

    /// The values a per-channel affine map needs, one per channel.
    let affine (channels: int) (subtract: int -> float32) (scale: int -> float32) (add: int -> float32) =
        Step.Point(PointMap.Affine(Array.init channels subtract, Array.init channels scale, Array.init channels add))
