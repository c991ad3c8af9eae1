namespace Augment

open System
open Augment.Native
open Augment.Native.Kernels
open MathNet.Numerics.Distributions

/// Quarter turns: k in {0, 1, 2, 3}, counter-clockwise.
type Rot90Params = { K: int }
/// A crop rectangle in the input's pixels: the top-left pixel (X, Y), and the size.
type CropParams = { X: int; Y: int; Width: int; Height: int }
/// The centred fraction of each side to keep (<c>tf.image.central_crop</c>).
type CentralCropParams = { Fraction: float }
/// A factor: brightness as a fraction of the value range, contrast as a multiplier.
type FactorParams = { Factor: float }
/// The number of output channels of a grayscale conversion (1, 3 or 4).
type GrayscaleParams = { Channels: int }
/// An output size and interpolation.
type ResizeParams = { Width: int; Height: int; Interpolation: Interpolation }
/// A turn about the image centre: degrees counter-clockwise, interpolation, border and fill (value units).
type RotateParams = { Angle: float; Interpolation: Interpolation; Border: BorderMode; Fill: float }
/// <summary>An affine map about the image centre: turn (degrees, counter-clockwise), scale, shear (degrees, along x
/// and y), then a shift in pixels; interpolation, border and fill (value units).</summary>
type AffineParams =
    { Angle: float; Scale: float; ShearX: float; ShearY: float; TranslateX: float; TranslateY: float
      Interpolation: Interpolation; Border: BorderMode; Fill: float }
/// A crop of the input (pixels) resized to the output size.
type ResizedCropParams =
    { X: int; Y: int; CropWidth: int; CropHeight: int; Width: int; Height: int; Interpolation: Interpolation }
/// The solarize threshold as a fraction of the value range.
type SolarizeParams = { Threshold: float }
/// The number of high bits posterize keeps (0 to 8; 0 keeps none, as PIL's posterize(0) and AugMix's top severity).
type PosterizeParams = { Bits: int }
/// <summary><c>tf.image.adjust_gamma</c>'s gamma and gain.</summary>
type GammaParams = { Gamma: float; Gain: float }
/// MixUp: the partner's index in the batch and the weight of this sample.
type MixUpParams = { Partner: int; Lambda: float }
/// CutMix: the partner's index and the pasted rectangle [X0, X1) x [Y0, Y1) in pixels.
type CutMixParams = { Partner: int; X0: int; Y0: int; X1: int; Y1: int }
/// The standard deviation of a Gaussian blur, in pixels.
type GaussianBlurParams = { Sigma: float }
/// The side of a square filter window, in pixels (box and median blurs).
type KernelSizeParams = { Size: int }
/// <summary>Gaussian noise: the standard deviation as a fraction of the value range's width, and the noise seed as the
/// 32 hexadecimal digits of <c>Seed.ToString</c>.</summary>
type GaussianNoiseParams = { Stddev: float; Seed: string }
/// Motion blur: the odd kernel side, the line's angle in degrees and its direction bias in [-1, 1].
type MotionBlurParams = { Size: int; Angle: float; Direction: float }
/// Defocus: the disc radius in pixels and the sigma of the Gaussian that softens the disc.
type DefocusParams = { Radius: int; AliasBlur: float }
/// <summary>Multiplicative noise: the factor range, whether factors are per channel and per element, the drawn factors
/// (one, or one per channel; empty when element-wise) and the noise seed (element-wise only, else empty).</summary>
type MultiplicativeNoiseParams = { Low: float; High: float; PerChannel: bool; Elementwise: bool; Factors: float[]; Seed: string }
/// Salt and pepper: the probability that a pixel is noisy, the share of salt among noisy pixels, and the noise seed.
type SaltAndPepperParams = { Amount: float; SaltRatio: float; Seed: string }
/// Downscale: the scale and the interpolations down and up.
type DownscaleParams = { Scale: float; Down: Interpolation; Up: Interpolation }
/// <summary>Occlusion by rectangles: the holes in pixels as a flat <c>[x0, y0, x1, y1, ...]</c> (each [x0, x1) x [y0, y1)),
/// the fill in value units, and the mask fill (0 to 255, or -1 to leave the mask).</summary>
type HolesParams = { Holes: int[]; Fill: float; MaskFill: int }
/// GridMask: the grid unit and the square's ratio of it, the offsets in pixels, the mask's turn in degrees, the fill.
type GridMaskParams = { Unit: float; Ratio: float; DeltaX: float; DeltaY: float; Angle: float; Fill: float }
/// Label smoothing: the weight of the uniform distribution mixed into the label.
type LabelSmoothingParams = { Epsilon: float }
/// Mosaic: the three partners' indices in the batch (top-right, bottom-left, bottom-right) and the centre in pixels.
type MosaicParams = { Partners: int[]; CenterX: int; CenterY: int }

/// Helpers for labels (probability vectors).
[<RequireQualifiedAccess>]
module Labels =

    /// <summary>Label smoothing (Szegedy et al. 2016; Keras' <c>label_smoothing</c>): <c>(1 - epsilon) * y + epsilon / K</c>
    /// with K the label's length; an empty label stays empty. A probability vector stays one.</summary>
    /// <exception cref="System.ArgumentException">epsilon is not in [0, 1].</exception>
    [<CompiledName("Smooth")>]
    let smooth (epsilon: float) (label: float[]) =
        Domain.within "epsilon" 0.0 1.0 epsilon
        if isNull label then nullArg "label"
        let k = float label.Length
        label |> Array.map (fun y -> (1.0 - epsilon) * y + epsilon / k)

// ------------------------------------------------------------------ parameters of the colour family (more colour ops)

/// <summary>Per-channel shifts of RGBShift, in levels of a 0-255 scale (a fraction <c>1/255</c> of the range width each).</summary>
type RgbShiftParams = { R: float; G: float; B: float }
/// <summary>A channel order: output channel c takes input channel <c>Permutation[c]</c>.</summary>
type ChannelShuffleParams = { Permutation: int[] }
/// <summary>The channels ChannelDropout sets to <c>Fill</c> (value units).</summary>
type ChannelDropoutParams = { Dropped: int[]; Fill: float }
/// <summary>How ToGray reduces R, G and B.</summary>
type ToGrayParams = { Method: GrayMethod }
/// <summary>The weights of the three principal components of AlexNet's PCA lighting (drawn from N(0, sigma)).</summary>
type FancyPcaParams = { Alpha: float[] }
/// <summary>albumentations' <c>RandomBrightnessContrast</c>: <c>alpha * x + beta * max</c>.</summary>
type BrightnessContrastParams = { Alpha: float; Beta: float }
/// <summary>Normalize's per-channel mean and standard deviation, as fractions of the input range's width (1 or 3/4 values).</summary>
type NormalizeParams = { Mean: float[]; Std: float[] }
/// <summary>Keras <c>Rescaling</c>: <c>x * Scale + Offset</c>.</summary>
type RescalingParams = { Scale: float; Offset: float }
/// <summary>The value range a float32 conversion maps to.</summary>
type RangeParams = { Min: float; Max: float }
/// <summary>CLAHE: OpenCV's clip limit (0: no clipping) and the tile grid (tiles across and down).</summary>
type ClaheParams = { ClipLimit: float; TilesX: int; TilesY: int }
/// <summary>ColorJitter: the order of the stages (0 brightness, 1 contrast, 2 saturation, 3 hue, as torchvision's
/// <c>fn_idx</c>), the brightness, contrast and saturation factors and the hue shift in turns.</summary>
type ColorJitterParams = { Order: int[]; Brightness: float; Contrast: float; Saturation: float; Hue: float }
/// <summary>HueSaturationValue's shifts: hue (OpenCV's 0-179 units on bytes, degrees on floats), saturation and value
/// (levels of 255).</summary>
type HsvShiftParams = { Hue: float; Saturation: float; Value: float }
/// <summary>PlanckianJitter: the table and the entry drawn from it (0-based).</summary>
type PlanckianParams = { Mode: PlanckianMode; Index: int }
/// <summary>GlassBlur: the Gaussian sigma, the largest swap offset, the number of swap iterations and the noise seed (32
/// hexadecimal digits of <c>Seed.ToString</c>).</summary>
type GlassBlurParams = { Sigma: float; MaxDelta: int; Iterations: int; Seed: string }
/// <summary>ISONoise: albumentations' color_shift and intensity, and the noise seed (32 hexadecimal digits).</summary>
type IsoNoiseParams = { ColorShift: float; Intensity: float; Seed: string }
/// <summary>ImageCompression: the codec and the quality (1 to 100).</summary>
type ImageCompressionParams = { Type: CompressionType; Quality: int }

/// <summary>An element of the dihedral group of the square, as albumentations' <c>D4</c> lists them: 0 identity, 1-3
/// quarter turns counter-clockwise (<c>numpy.rot90</c> k = 1..3), 4 vertical flip, 5 transverse (transpose then a half
/// turn), 6 horizontal flip, 7 transpose.</summary>
type D4Params = { Element: int }
/// <summary>A perspective warp: the input quadrilateral (x, y in pixels of the top-left, top-right, bottom-right and
/// bottom-left corners, 8 numbers) that maps onto the whole output; <c>FitOutput</c> shows the whole warped input instead;
/// interpolation, border and fill (value units).</summary>
type PerspectiveParams =
    { Corners: float[]; FitOutput: bool; Interpolation: Interpolation; Border: BorderMode; Fill: float }
/// <summary>albumentations' <c>ShiftScaleRotate</c>: a shift as fractions of the width and height, a scale factor and a
/// turn (degrees, counter-clockwise) about the centre; interpolation, border and fill (value units).</summary>
type ShiftScaleRotateParams =
    { ShiftX: float; ShiftY: float; Scale: float; Angle: float; Interpolation: Interpolation; Border: BorderMode; Fill: float }
/// <summary>Keras' zoom: the output reads the input at <c>c + zoom * (x - c)</c> on each axis (c the centre), so a zoom
/// above 1 zooms out; interpolation, border and fill (value units).</summary>
type ZoomParams = { ZoomX: float; ZoomY: float; Interpolation: Interpolation; Border: BorderMode; Fill: float }
/// A shift in pixels (positive: right and down); interpolation, border and fill (value units).
type TranslateParams = { DX: float; DY: float; Interpolation: Interpolation; Border: BorderMode; Fill: float }
/// Shear angles in degrees along x and y about the centre; interpolation, border and fill (value units).
type ShearParams = { ShearX: float; ShearY: float; Interpolation: Interpolation; Border: BorderMode; Fill: float }
/// Which flips a Keras <c>RandomFlip</c> drew.
type FlipParams = { Horizontal: bool; Vertical: bool }
/// Pixels added on each side, the border mode and the fill (value units).
type PadParams = { Top: int; Bottom: int; Left: int; Right: int; Border: BorderMode; Fill: float }
/// A target size in pixels.
type TargetSizeParams = { Width: int; Height: int }
/// <summary>ElasticTransform: the displacement's scale <c>Alpha</c> (pixels), the Gaussian's <c>Sigma</c> (pixels), the
/// noise seed (32 hexadecimal digits of <c>Seed.ToString</c>); interpolation, border and fill (value units).</summary>
type ElasticParams = { Alpha: float; Sigma: float; Seed: string; Interpolation: Interpolation; Border: BorderMode; Fill: float }
/// <summary>GridDistortion: the number of grid cells per side and the <c>NumSteps + 1</c> step factors along x and y
/// (albumentations' <c>xsteps</c>, <c>ysteps</c>: 1 + a draw of <c>distort_limit</c>); interpolation, border and fill.</summary>
type GridDistortionParams =
    { NumSteps: int; XSteps: float[]; YSteps: float[]; Interpolation: Interpolation; Border: BorderMode; Fill: float }
/// <summary>OpticalDistortion: the radial coefficient <c>K</c> (OpenCV's k1 = k2) and the principal point's shift
/// (<c>DX</c>, <c>DY</c>, pixels); interpolation, border and fill (value units).</summary>
type OpticalDistortionParams = { K: float; DX: float; DY: float; Interpolation: Interpolation; Border: BorderMode; Fill: float }

/// <summary>A shear about the top-left corner (0, 0) by a magnitude m (a tangent, not an angle): ShearX maps x to
/// x - m y, ShearY maps y to y - m x (torchvision's AutoAugment ShearX/ShearY, PIL's affine data (1, m, 0, 0, 1, 0));
/// interpolation, border and fill (value units).</summary>
type PolicyShearParams = { Magnitude: float; Interpolation: Interpolation; Border: BorderMode; Fill: float }
/// A whole-pixel shift: X pixels right and Y pixels down (negative: left, up); border and fill (value units).
type ShiftParams = { X: int; Y: int; Border: BorderMode; Fill: float }
/// <summary>KerasCV's <c>Solarization</c>: an addition, then inversion at or above a threshold, both as fractions of the
/// value range's width (KerasCV's 0 to 255 units divided by 255).</summary>
type SolarizeAddParams = { Addition: float; Threshold: float }

/// <summary>
/// The op catalogue: each value or function here is an <see cref="T:Augment.Aug"/> of one op, declared once by
/// its spec (name, kind, parameter domain, plan). Geometric ops are matrices that the engine applies to every
/// target; colour ops are per-channel maps that stay inside the image's value range.
/// Make any op random with <c>Aug.maybe</c>; draw its strength from a <see cref="T:Augment.Sampler"/>.
/// </summary>
/// The last blur kernel a thread gave a byte image and its device descriptor (not in the signature: internal to Ops).
type internal FixedDevice = { Kernel: float32[]; Device: DeviceKernel voption }

type internal FixedDeviceCache() =
    [<ThreadStatic; DefaultValue>]
    static val mutable private last: FixedDevice
    static member Last with get () = FixedDeviceCache.last and set (v: FixedDevice) = FixedDeviceCache.last <- v

/// The last 2-D filter kernel (MotionBlur or Defocus) a thread built, with the parameters' bits that built it: a
/// pipeline that draws the same parameters again builds the kernel once per thread and allocates nothing for it per call.
type internal KernelMemo = { Size: int; A: int64; B: int64; Side: int; Kernel: float32[] }

type internal KernelMemoCache() =
    [<ThreadStatic; DefaultValue>]
    static val mutable private motion: KernelMemo
    [<ThreadStatic; DefaultValue>]
    static val mutable private defocus: KernelMemo
    static member Motion with get () = KernelMemoCache.motion and set (v: KernelMemo) = KernelMemoCache.motion <- v
    static member Defocus with get () = KernelMemoCache.defocus and set (v: KernelMemo) = KernelMemoCache.defocus <- v

[<RequireQualifiedAccess>]
module Ops =

    let private noCheck (_: 'P) = ()
    let private geometric name summary check plan : OpSpec<'P> =
        { Name = name; Kind = OpKind.Geometric; Summary = summary; Check = check; Plan = plan }
    let private colour kind name summary check plan : OpSpec<'P> =
        { Name = name; Kind = kind; Summary = summary; Check = check; Plan = plan }
    let private nothing (_: SampleView) = NoParams.Value
    /// A sampler whose every draw lies in [lo, hi], or an error naming the argument.
    let private samplerWithin (name: string) (s: Sampler) (lo: float) (hi: float) (expected: string) =
        let a, b = Sampler.bounds s
        if a < lo || b > hi then Throw.Argument(name, string s, expected)

    let private samplerArg (name: string) (s: Sampler) =
        if isNull (box s) then nullArg name
        Sampler.validate s

    // ------------------------------------------------------------------ geometric

    let private flipHSpec : OpSpec<NoParams> =
        geometric "FlipHorizontal" "Mirrors left-right: x goes to W - x." noCheck (fun _ v -> Steps.flipHorizontal v.Shape)

    /// <summary>Mirrors left-right (x goes to W - x). Wrap in <c>Aug.maybe 0.5</c> for a random flip.</summary>
    let private flipHorizontalUntagged = Aug.op (Op.ofSpec flipHSpec (fun _ _ -> NoParams.Value))
    [<CompiledName("FlipHorizontal")>]
    let flipHorizontal = flipHorizontalUntagged |> Aug.withSource "FlipHorizontal" []

    let private flipVSpec : OpSpec<NoParams> =
        geometric "FlipVertical" "Mirrors top-bottom: y goes to H - y." noCheck (fun _ v -> Steps.flipVertical v.Shape)

    /// <summary>Mirrors top-bottom (y goes to H - y).</summary>
    let private flipVerticalUntagged = Aug.op (Op.ofSpec flipVSpec (fun _ _ -> NoParams.Value))
    [<CompiledName("FlipVertical")>]
    let flipVertical = flipVerticalUntagged |> Aug.withSource "FlipVertical" []

    let private rot90Spec name : OpSpec<Rot90Params> =
        geometric name "k quarter turns counter-clockwise (numpy.rot90): (x, y) goes to (y, W - x) for k = 1."
            (fun p -> Domain.intWithin "K" 0 3 p.K) (fun p v -> Steps.rot90 p.K v.Shape)

    /// <summary>k quarter turns counter-clockwise (numpy.rot90): a point (x, y) goes to (y, W - x) for k = 1.</summary>
    let private rot90Untagged (k: int) = Aug.op (Op.constant (rot90Spec "Rot90") { K = ((k % 4) + 4) % 4 })
    [<CompiledName("Rot90")>]
    let rot90 k = rot90Untagged k |> Aug.withSource "Rot90" [ "k", box k ]

    /// <summary>A uniformly random number of quarter turns in {0, 1, 2, 3} (albumentations' RandomRotate90).</summary>
    let private randomRot90Untagged = Aug.op (Op.ofSpec (rot90Spec "RandomRot90") (fun seed _ -> { K = Seed.intBelow seed 4 }))
    [<CompiledName("RandomRot90")>]
    let randomRot90 = randomRot90Untagged |> Aug.withSource "RandomRot90" []

    let private checkCrop (p: CropParams) =
        Domain.intWithin "X" 0 Int32.MaxValue p.X
        Domain.intWithin "Y" 0 Int32.MaxValue p.Y
        Domain.intWithin "Width" 1 Int32.MaxValue p.Width
        Domain.intWithin "Height" 1 Int32.MaxValue p.Height

    let private fitCrop (v: SampleView) (p: CropParams) =
        let W, H = v.Shape.Width, v.Shape.Height
        if p.Width > W then Throw.Argument("Width", p.Width, sprintf "a crop width <= the image width %d" W)
        if p.Height > H then Throw.Argument("Height", p.Height, sprintf "a crop height <= the image height %d" H)
        if int64 p.X + int64 p.Width > int64 W then Throw.Argument("X", p.X, sprintf "0 to %d (image width %d, crop width %d)" (W - p.Width) W p.Width)
        if int64 p.Y + int64 p.Height > int64 H then Throw.Argument("Y", p.Y, sprintf "0 to %d (image height %d, crop height %d)" (H - p.Height) H p.Height)

    let private cropSpec (filter: BoxFilter) : OpSpec<CropParams> =
        geometric "RandomCrop" "A window of a fixed size at a uniformly random offset (tf.image.random_crop)." checkCrop
            (fun p v -> fitCrop v p; Steps.crop filter p.X p.Y p.Width p.Height)

    /// <summary>A <paramref name="width"/> x <paramref name="height"/> window at a uniformly random offset
    /// (<c>tf.image.random_crop</c>); boxes are clipped and filtered by <paramref name="filter"/>.</summary>
    /// <exception cref="System.ArgumentException">width or height is not positive; or, when run, larger than the image.</exception>
    let private randomCropWithUntagged (filter: BoxFilter) (width: int) (height: int) =
        if width <= 0 then Throw.Argument("width", width, "a positive crop width")
        if height <= 0 then Throw.Argument("height", height, "a positive crop height")
        let draw seed (v: SampleView) =
            if width > v.Shape.Width then Throw.Argument("width", width, sprintf "a crop width <= the image width %d" v.Shape.Width)
            if height > v.Shape.Height then Throw.Argument("height", height, sprintf "a crop height <= the image height %d" v.Shape.Height)
            let p = { X = 0; Y = 0; Width = width; Height = height }
            { p with X = Seed.intBelow (Seed.derive seed 0L) (v.Shape.Width - width + 1)
                     Y = Seed.intBelow (Seed.derive seed 1L) (v.Shape.Height - height + 1) }
        Aug.op (Op.ofSpec (cropSpec filter) draw)
    [<CompiledName("RandomCropWith")>]
    let randomCropWith filter width height =
        randomCropWithUntagged filter width height
        |> Aug.withSource "RandomCropWith" [ "filter", box filter; "width", box width; "height", box height ]

    /// <summary>A random crop that keeps every box with some area left (<c>BoxFilter.Default</c>).</summary>
    let private randomCropUntagged (width: int) (height: int) = randomCropWith BoxFilter.Default width height
    [<CompiledName("RandomCrop")>]
    let randomCrop width height =
        randomCropUntagged width height
        |> Aug.withSource "RandomCrop" [ "width", box width; "height", box height ]

    let private centralCropSpec (filter: BoxFilter) : OpSpec<CentralCropParams> =
        geometric "CentralCrop" "Keeps the centred fraction of each side (tf.image.central_crop)."
            (fun p -> if not (p.Fraction > 0.0 && p.Fraction <= 1.0) then Throw.Argument("Fraction", p.Fraction, "a fraction in (0, 1]"))
            (fun p v ->
                let struct (x, y, w, h) = Functional.centralCropRect p.Fraction v.Shape.Width v.Shape.Height
                Steps.crop filter x y w h)

    /// <summary>Keeps the centred <paramref name="fraction"/> of each side (<c>tf.image.central_crop</c>).</summary>
    /// <exception cref="System.ArgumentException">fraction is not in (0, 1].</exception>
    let private centralCropWithUntagged (filter: BoxFilter) (fraction: float) =
        if not (fraction > 0.0 && fraction <= 1.0) then Throw.Argument("fraction", fraction, "a fraction in (0, 1] of each side to keep")
        Aug.op (Op.constant (centralCropSpec filter) { Fraction = fraction })
    [<CompiledName("CentralCropWith")>]
    let centralCropWith filter fraction =
        centralCropWithUntagged filter fraction
        |> Aug.withSource "CentralCropWith" [ "filter", box filter; "fraction", box fraction ]

    /// <summary>A central crop with <c>BoxFilter.Default</c>.</summary>
    let private centralCropUntagged (fraction: float) = centralCropWith BoxFilter.Default fraction
    [<CompiledName("CentralCrop")>]
    let centralCrop fraction = centralCropUntagged fraction |> Aug.withSource "CentralCrop" [ "fraction", box fraction ]

    let private checkSize (w: int) (h: int) =
        Domain.intWithin "Width" 1 65536 w
        Domain.intWithin "Height" 1 65536 h

    let private resizeSpec : OpSpec<ResizeParams> =
        geometric "Resize" "Resizes with half-pixel centres (cv2.resize): nearest, bilinear or area."
            (fun p -> checkSize p.Width p.Height) (fun p v -> Steps.resize p.Interpolation p.Width p.Height v.Shape)

    /// <summary>Resizes to <paramref name="width"/> x <paramref name="height"/> with half-pixel centres, as
    /// <c>cv2.resize</c>: <c>Nearest</c>, <c>Bilinear</c> (<c>INTER_LINEAR</c>) or <c>Area</c> (<c>INTER_AREA</c>
    /// when shrinking). Boxes and keypoints scale by (width / W, height / H).</summary>
    /// <exception cref="System.ArgumentException">A size is not in 1 to 65536.</exception>
    let private resizeUntagged (width: int) (height: int) (interpolation: Interpolation) =
        checkSize width height
        Aug.op (Op.constant resizeSpec { Width = width; Height = height; Interpolation = interpolation })
    [<CompiledName("Resize")>]
    let resize width height interpolation =
        resizeUntagged width height interpolation
        |> Aug.withSource "Resize" [ "width", box width; "height", box height; "interpolation", box interpolation ]

    let private checkFill (v: float) = Domain.finite "Fill" v

    let private warpStep (m: Matrix3) (v: SampleView) (interp: Interpolation) (border: BorderMode) (fill: float) =
        if interp = Interpolation.Area then Throw.Argument("Interpolation", "Area", "Nearest or Bilinear (area resampling is for resizes)")
        let f = float32 (Math.Clamp(fill, float v.Range.Min, float v.Range.Max))
        match Steps.warp m v.Shape.Width v.Shape.Height interp with
        | Step.Warp w -> Step.Warp { w with Border = border; Fill = [| f |] }
        | s -> s

    let private rotateSpec : OpSpec<RotateParams> =
        geometric "Rotate" "Turns by an angle about the image centre (cv2.warpAffine with getRotationMatrix2D)."
            (fun p -> Domain.within "Angle" -360000.0 360000.0 p.Angle; checkFill p.Fill)
            (fun p v ->
                let W, H = float v.Shape.Width, float v.Shape.Height
                warpStep (Matrix3.Rotation(p.Angle, W / 2.0, H / 2.0)) v p.Interpolation p.Border p.Fill)

    /// <summary>Turns by an angle drawn from <paramref name="degrees"/> (counter-clockwise for positive angles) about
    /// the image centre (W/2, H/2), keeping the size: OpenCV's <c>warpAffine</c> with
    /// <c>getRotationMatrix2D((W-1)/2, (H-1)/2)</c>. Corners outside the source take the border.</summary>
    let private rotateUntagged (degrees: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        let degrees = samplerArg "degrees" degrees
        checkFill fill
        if interpolation = Interpolation.Area then Throw.Argument("interpolation", "Area", "Nearest or Bilinear")
        Op.ofSpec rotateSpec (fun seed _ ->
            { Angle = Sampler.draw degrees seed; Interpolation = interpolation; Border = border; Fill = fill })
        |> Op.within (fun (p: RotateParams) ->
            Op.inSampler "Angle" degrees p.Angle
            if p.Interpolation <> interpolation then Throw.Argument("Interpolation", p.Interpolation, string interpolation)
            if p.Border <> border then Throw.Argument("Border", p.Border, string border)
            if p.Fill <> fill then Throw.Argument("Fill", p.Fill, string fill))
        |> Aug.op
    [<CompiledName("Rotate")>]
    let rotate degrees interpolation border fill =
        rotateUntagged degrees interpolation border fill
        |> Aug.withSource "Rotate"
            [ "degrees", box degrees; "interpolation", box interpolation; "border", box border; "fill", box fill ]

    /// <summary>The matrix of <c>AffineParams</c>: about the centre c, <c>T(t) T(c) R(angle) Sh(shearX, shearY) S(scale) T(-c)</c>.</summary>
    let affineMatrix (p: AffineParams) (width: int) (height: int) =
        let cx, cy = float width / 2.0, float height / 2.0
        let shx, shy = Math.Tan(p.ShearX * Math.PI / 180.0), Math.Tan(p.ShearY * Math.PI / 180.0)
        let shear = Matrix3(1.0, shx, 0.0, shy, 1.0, 0.0, 0.0, 0.0, 1.0)
        Matrix3.Translation(p.TranslateX, p.TranslateY) * Matrix3.Rotation(p.Angle, cx, cy)
        * Matrix3.Translation(cx, cy) * shear * Matrix3.Scale(p.Scale, p.Scale) * Matrix3.Translation(-cx, -cy)

    let private affineSpec : OpSpec<AffineParams> =
        geometric "Affine" "Turn, scale, shear and shift about the image centre (albumentations Affine, cv2.warpAffine)."
            (fun p ->
                Domain.within "Angle" -360000.0 360000.0 p.Angle
                Domain.within "Scale" 1e-3 1e3 p.Scale
                Domain.within "ShearX" -89.0 89.0 p.ShearX
                Domain.within "ShearY" -89.0 89.0 p.ShearY
                Domain.within "TranslateX" -1e6 1e6 p.TranslateX
                Domain.within "TranslateY" -1e6 1e6 p.TranslateY
                checkFill p.Fill)
            (fun p v -> warpStep (affineMatrix p v.Shape.Width v.Shape.Height) v p.Interpolation p.Border p.Fill)

    /// <summary>An affine map about the image centre with each part drawn: turn (degrees), scale, shear along x and
    /// y (degrees), and a shift drawn as a fraction of the width and height (albumentations' <c>Affine</c>).
    /// The size is kept; what comes from outside the source takes the border.</summary>
    let private affineUntagged (degrees: Sampler) (scale: Sampler) (shearX: Sampler) (shearY: Sampler) (translateX: Sampler) (translateY: Sampler)
               (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        let degrees, scale = samplerArg "degrees" degrees, samplerArg "scale" scale
        let shearX, shearY = samplerArg "shearX" shearX, samplerArg "shearY" shearY
        let translateX, translateY = samplerArg "translateX" translateX, samplerArg "translateY" translateY
        checkFill fill
        if fst (Sampler.bounds scale) <= 0.0 then Throw.Argument("scale", string scale, "a sampler of scales > 0")
        if interpolation = Interpolation.Area then Throw.Argument("interpolation", "Area", "Nearest or Bilinear")
        Op.ofSpec affineSpec (fun seed v ->
            let d i = Seed.derive seed i
            { Angle = Sampler.draw degrees (d 0L); Scale = Sampler.draw scale (d 1L)
              ShearX = Sampler.draw shearX (d 2L); ShearY = Sampler.draw shearY (d 3L)
              TranslateX = Sampler.draw translateX (d 4L) * float v.Shape.Width
              TranslateY = Sampler.draw translateY (d 5L) * float v.Shape.Height
              Interpolation = interpolation; Border = border; Fill = fill })
        |> Op.within (fun (p: AffineParams) ->
            // The shifts are recorded in pixels of an image the check does not see; the rest is bounded here.
            Op.inSampler "Angle" degrees p.Angle
            Op.inSampler "Scale" scale p.Scale
            Op.inSampler "ShearX" shearX p.ShearX
            Op.inSampler "ShearY" shearY p.ShearY
            if p.Interpolation <> interpolation then Throw.Argument("Interpolation", p.Interpolation, string interpolation)
            if p.Border <> border then Throw.Argument("Border", p.Border, string border)
            if p.Fill <> fill then Throw.Argument("Fill", p.Fill, string fill))
        |> Aug.op
    [<CompiledName("Affine")>]
    let affine degrees scale shearX shearY translateX translateY interpolation border fill =
        affineUntagged degrees scale shearX shearY translateX translateY interpolation border fill
        |> Aug.withSource "Affine"
            [ "degrees", box degrees; "scale", box scale; "shearX", box shearX; "shearY", box shearY
              "translateX", box translateX; "translateY", box translateY; "interpolation", box interpolation
              "border", box border; "fill", box fill ]

    let private resizedCropSpec : OpSpec<ResizedCropParams> =
        geometric "RandomResizedCrop" "A crop of random area and aspect ratio, resized (torchvision RandomResizedCrop)."
            (fun p ->
                checkCrop { X = p.X; Y = p.Y; Width = p.CropWidth; Height = p.CropHeight }
                checkSize p.Width p.Height)
            (fun p v ->
                fitCrop v { X = p.X; Y = p.Y; Width = p.CropWidth; Height = p.CropHeight }
                let m = Matrix3.Scale(float p.Width / float p.CropWidth, float p.Height / float p.CropHeight)
                        * Matrix3.Translation(float -p.X, float -p.Y)
                match Steps.warp m p.Width p.Height p.Interpolation with
                | Step.Warp w -> Step.Warp { w with Border = BorderMode.Replicate }
                | s -> s)

    /// <summary>torchvision's <c>RandomResizedCrop.get_params</c>: up to 10 tries of an area fraction from
    /// <c>scale</c> and a log-uniform aspect ratio from <c>ratio</c>, w = round(sqrt(area * r)), h = round(sqrt(area / r));
    /// the first that fits is placed uniformly; else the centred crop of the clamped ratio. Returns (x, y, w, h).</summary>
    let resizedCropRect (seed: Seed) (width: int) (height: int) (scaleLo: float, scaleHi: float) (ratioLo: float, ratioHi: float) =
        let area = float width * float height
        let logLo, logHi = Math.Log ratioLo, Math.Log ratioHi
        let rec attempt k =
            if k = 10 then
                let inRatio = float width / float height
                let w, h =
                    if inRatio < ratioLo then width, int (Math.Round(float width / ratioLo, MidpointRounding.ToEven))
                    elif inRatio > ratioHi then int (Math.Round(float height * ratioHi, MidpointRounding.ToEven)), height
                    else width, height
                let w, h = max 1 (min w width), max 1 (min h height)
                struct ((width - w) / 2, (height - h) / 2, w, h)
            else
                let s = Seed.derive seed (int64 k)
                let u = Seed.uniforms s 4
                let target = area * (scaleLo + u.[0] * (scaleHi - scaleLo))
                let r = Math.Exp(logLo + u.[1] * (logHi - logLo))
                let w = int (Math.Round(Math.Sqrt(target * r), MidpointRounding.ToEven))
                let h = int (Math.Round(Math.Sqrt(target / r), MidpointRounding.ToEven))
                if 0 < w && w <= width && 0 < h && h <= height then
                    let i = min (height - h) (int (u.[2] * float (height - h + 1)))
                    let j = min (width - w) (int (u.[3] * float (width - w + 1)))
                    struct (j, i, w, h)
                else attempt (k + 1)
        attempt 0

    /// <summary>A crop of random area fraction in [scaleLow, scaleHigh] and aspect ratio in [ratioLow, ratioHigh]
    /// (log-uniform), resized to <paramref name="width"/> x <paramref name="height"/>: torchvision's
    /// <c>RandomResizedCrop</c> rules (defaults there: scale 0.08 to 1, ratio 3/4 to 4/3).</summary>
    /// <exception cref="System.ArgumentException">A size is not positive, or the scale or ratio bounds are not ordered and positive.</exception>
    let private randomResizedCropUntagged (width: int) (height: int) (scaleLow: float) (scaleHigh: float) (ratioLow: float) (ratioHigh: float)
                          (interpolation: Interpolation) =
        checkSize width height
        if not (scaleLow > 0.0 && scaleLow <= 1.0) then Throw.Argument("scaleLow", scaleLow, "an area fraction in (0, 1]")
        if not (scaleHigh >= scaleLow && scaleHigh <= 1.0) then Throw.Argument("scaleHigh", scaleHigh, sprintf "an area fraction in [scaleLow (%g), 1]" scaleLow)
        if not (ratioLow > 0.0 && Double.IsFinite ratioLow) then Throw.Argument("ratioLow", ratioLow, "an aspect ratio > 0")
        if not (ratioHigh >= ratioLow && Double.IsFinite ratioHigh) then Throw.Argument("ratioHigh", ratioHigh, sprintf "an aspect ratio >= ratioLow (%g)" ratioLow)
        Aug.op (Op.ofSpec resizedCropSpec (fun seed v ->
            let struct (x, y, w, h) = resizedCropRect seed v.Shape.Width v.Shape.Height (scaleLow, scaleHigh) (ratioLow, ratioHigh)
            { X = x; Y = y; CropWidth = w; CropHeight = h; Width = width; Height = height; Interpolation = interpolation }))
    [<CompiledName("RandomResizedCrop")>]
    let randomResizedCrop width height scaleLow scaleHigh ratioLow ratioHigh interpolation =
        randomResizedCropUntagged width height scaleLow scaleHigh ratioLow ratioHigh interpolation
        |> Aug.withSource "RandomResizedCrop"
            [ "width", box width; "height", box height; "scaleLow", box scaleLow; "scaleHigh", box scaleHigh
              "ratioLow", box ratioLow; "ratioHigh", box ratioHigh; "interpolation", box interpolation ]

    // ------------------------------------------------------------------ colour

    let private brightnessSpec : OpSpec<FactorParams> =
        colour OpKind.PointColour "Brightness" "Adds factor * (max - min) of the value range, saturating (KerasCV RandomBrightness)."
            (fun p -> Domain.finite "Factor" p.Factor)
            (fun p v ->
                let delta = float32 (p.Factor * float v.Range.Width)
                if not (Single.IsFinite delta) then Throw.Argument("Factor", p.Factor, "a factor whose shift is a finite float32")
                Steps.affine v.Shape.Channels (fun _ -> 0f) (fun _ -> 1f) (fun _ -> delta))

    /// <summary>Adds <c>factor * (max - min)</c> of the value range, saturating (KerasCV RandomBrightness:
    /// factor in [-1, 1]).</summary>
    let private brightnessUntagged (factor: Sampler) =
        let factor = samplerArg "factor" factor
        Op.ofSpec brightnessSpec (fun seed _ -> { Factor = Sampler.draw factor (Seed.derive seed 0L) })
        |> Op.within (fun (p: FactorParams) -> Op.inSampler "Factor" factor p.Factor)
        |> Aug.op
    [<CompiledName("Brightness")>]
    let brightness factor = brightnessUntagged factor |> Aug.withSource "Brightness" [ "factor", box factor ]

    let private contrastSpec : OpSpec<FactorParams> =
        colour OpKind.StatisticColour "Contrast" "(x - mean) * factor + mean per channel, clamped (tf.image.adjust_contrast)."
            (fun p -> Domain.finite "Factor" p.Factor)
            (fun p v ->
                let f = float32 p.Factor
                if not (Single.IsFinite f) then Throw.Argument("Factor", p.Factor, "a factor that is a finite float32")
                Step.StatPoint(Statistic.Means, fun stats ->
                    let m = stats.Means |> Array.map float32
                    PointMap.Affine(m, Array.create m.Length f, m)))

    /// <summary><c>(x - mean) * factor + mean</c> per channel, clamped (KerasCV RandomContrast draws factor
    /// from [1 - lower, 1 + upper]).</summary>
    let private contrastUntagged (factor: Sampler) =
        let factor = samplerArg "factor" factor
        Op.ofSpec contrastSpec (fun seed _ -> { Factor = Sampler.draw factor (Seed.derive seed 0L) })
        |> Op.within (fun (p: FactorParams) -> Op.inSampler "Factor" factor p.Factor)
        |> Aug.op
    [<CompiledName("Contrast")>]
    let contrast factor = contrastUntagged factor |> Aug.withSource "Contrast" [ "factor", box factor ]

    let private grayscaleSpec : OpSpec<GrayscaleParams> =
        colour OpKind.ImageKernel "Grayscale" "BT.601 luma (0.299 R + 0.587 G + 0.114 B) on 1, 3 or 4 channels."
            (fun p -> Domain.oneOf "Channels" [ 1; 3; 4 ] p.Channels)
            (fun p v ->
                let c = v.Shape.Channels
                if c = 1 && p.Channels = 1 then Step.Nothing
                else
                    if c = 1 then Throw.Argument("Channels", p.Channels, "1 for a 1-channel image (it is already gray)")
                    if p.Channels = 4 && c <> 4 then Throw.Argument("Channels", p.Channels, "1 or 3 for an image with no alpha channel")
                    Step.Kernel
                        { Name = "Grayscale"; Channels = p.Channels; OutputType = ValueNone; OutputRange = ValueNone
                          Device = ValueSome(DeviceKernel.Grayscale p.Channels)
                          Run = fun src dst ->
                            if src.ElementType = ElementType.Byte then
                                PixelKernels.Grayscale(src.ReadBytes, dst.Bytes, src.Channels, dst.Channels)
                            else
                                PixelKernels.Grayscale(src.ReadFloats, dst.Floats, src.Channels, dst.Channels, src.Range) })

    /// <summary>BT.601 gray that keeps the channel count (replicated; alpha kept), so later ops see the same shape.</summary>
    let private grayscaleUntagged = Aug.op (Op.ofSpec grayscaleSpec (fun _ v -> { Channels = v.Shape.Channels }))
    [<CompiledName("Grayscale")>]
    let grayscale = grayscaleUntagged |> Aug.withSource "Grayscale" []

    /// <summary>BT.601 gray on <paramref name="outputChannels"/> channels (1, 3, or 4 for RGBA).</summary>
    /// <exception cref="System.ArgumentException">outputChannels is not 1, 3 or 4.</exception>
    let private grayscaleToUntagged (outputChannels: int) =
        if outputChannels <> 1 && outputChannels <> 3 && outputChannels <> 4 then
            Throw.Argument("outputChannels", outputChannels, "1, 3 or 4 channels")
        Aug.op (Op.constant grayscaleSpec { Channels = outputChannels })
    [<CompiledName("GrayscaleTo")>]
    let grayscaleTo outputChannels =
        grayscaleToUntagged outputChannels
        |> Aug.withSource "GrayscaleTo" [ "outputChannels", box outputChannels ]

    let private invertSpec : OpSpec<NoParams> =
        colour OpKind.PointColour "Invert" "Maps x to min + max - x of the value range (255 - x for bytes)." noCheck
            (fun _ v -> Steps.affine v.Shape.Channels (fun _ -> 0f) (fun _ -> -1f) (fun _ -> v.Range.Min + v.Range.Max))

    /// <summary>Maps x to min + max - x of the value range (255 - x for bytes).</summary>
    let private invertUntagged = Aug.op (Op.ofSpec invertSpec (fun _ _ -> NoParams.Value))
    [<CompiledName("Invert")>]
    let invert = invertUntagged |> Aug.withSource "Invert" []

    let private solarizeSpec : OpSpec<SolarizeParams> =
        colour OpKind.PointColour "Solarize" "Inverts values at or above a threshold (PIL ImageOps.solarize)."
            (fun p -> Domain.within "Threshold" 0.0 1.0 p.Threshold)
            (fun p v ->
                let lo, hi = v.Range.Min, v.Range.Max
                let t = float32 (float lo + p.Threshold * float v.Range.Width)
                Step.Point(PointMap.Func("Solarize", fun _ x -> if x >= t then lo + hi - x else x)))

    /// <summary>Inverts every value at or above <c>min + threshold * (max - min)</c> (PIL's <c>solarize</c>: threshold
    /// 128 of 255 is 128/255 here).</summary>
    let private solarizeUntagged (threshold: Sampler) =
        let threshold = samplerArg "threshold" threshold
        samplerWithin "threshold" threshold 0.0 1.0 "a sampler of fractions in [0, 1]"
        Op.ofSpec solarizeSpec (fun seed _ -> { Threshold = Sampler.draw threshold (Seed.derive seed 0L) })
        |> Op.within (fun (p: SolarizeParams) -> Op.inSampler "Threshold" threshold p.Threshold)
        |> Aug.op
    [<CompiledName("Solarize")>]
    let solarize threshold = solarizeUntagged threshold |> Aug.withSource "Solarize" [ "threshold", box threshold ]

    let private posterizeSpec : OpSpec<PosterizeParams> =
        colour OpKind.PointColour "Posterize" "Keeps the top bits of each 8-bit value (PIL ImageOps.posterize)."
            (fun p -> Domain.intWithin "Bits" 0 8 p.Bits)
            (fun p v ->
                let mask = 0xFF <<< (8 - p.Bits) &&& 0xFF
                if v.ElementType = ElementType.Byte then
                    Step.Point(PointMap.Func("Posterize", fun _ x -> float32 (int x &&& mask)))
                else
                    let lo, w = v.Range.Min, v.Range.Width
                    Step.Point(PointMap.Func("Posterize", fun _ x ->
                        let b = int (MathF.Round((x - lo) / w * 255f)) |> max 0 |> min 255
                        lo + float32 (b &&& mask) / 255f * w)))

    /// <summary>Keeps the top <paramref name="bits"/> bits of each value (PIL's <c>posterize</c>); float images are
    /// quantised to 256 levels of their range first.</summary>
    /// <exception cref="System.ArgumentException">bits is not 0 to 8.</exception>
    let private posterizeUntagged (bits: int) =
        Domain.intWithin "bits" 0 8 bits
        Aug.op (Op.constant posterizeSpec { Bits = bits })
    [<CompiledName("Posterize")>]
    let posterize bits = posterizeUntagged bits |> Aug.withSource "Posterize" [ "bits", box bits ]

    /// Gamma's map: <c>lo + w gain max(0, (x - lo) / w)^gamma</c> in float64, then float32.
    let private gammaValue (lo: float) (w: float) (gain: float) (gamma: float) (x: float32) =
        float32 (lo + w * gain * Math.Pow(Math.Max(0.0, (float x - lo) / w), gamma))

    // The last byte Gamma map's values at x = 0..255 with its key (the bits of lo, w, gain, gamma): a plan that runs
    // with the same parameters (a constant gamma, the usual case) reuses them instead of calling Math.Pow 256 times per
    // channel per image. The values are gammaValue's own, so the map's bits are the same. One immutable tuple swapped
    // whole: a thread reads either the old or the new pair, never a mix.
    let mutable private gammaLast : int64 * int64 * int64 * int64 * float32[] = (0L, 0L, 0L, 0L, null)

    let private gammaBytes (lo: float) (w: float) (gain: float) (gamma: float) =
        let inline bits (d: float) = BitConverter.DoubleToInt64Bits d
        let (a, b, c, d, values) = gammaLast
        if not (isNull values) && a = bits lo && b = bits w && c = bits gain && d = bits gamma then values
        else
            let values = Array.init 256 (fun i -> gammaValue lo w gain gamma (float32 i))
            gammaLast <- (bits lo, bits w, bits gain, bits gamma, values)
            values

    let private gammaSpec : OpSpec<GammaParams> =
        colour OpKind.PointColour "Gamma" "gain * x^gamma on the range scaled to [0, 1] (tf.image.adjust_gamma)."
            (fun p -> Domain.positive "Gamma" p.Gamma; Domain.positive "Gain" p.Gain)
            (fun p v ->
                let lo, w = float v.Range.Min, float v.Range.Width
                if v.ElementType = ElementType.Byte then
                    // Byte images: the map is only asked at the 256 byte values; look them up (any other x computes;
                    // -0 takes entry 0, which is the same value: lo + w gain 0^gamma is lo + 0 either way).
                    let values = gammaBytes lo w p.Gain p.Gamma
                    Step.Point(PointMap.Func("Gamma", fun _ x ->
                        let i = int x
                        if x >= 0f && x <= 255f && float32 i = x then values.[i] else gammaValue lo w p.Gain p.Gamma x))
                else
                    Step.Point(PointMap.Func("Gamma", fun _ x -> gammaValue lo w p.Gain p.Gamma x)))

    /// <summary><c>gain * x^gamma</c> on the value range scaled to [0, 1], clamped (<c>tf.image.adjust_gamma</c>).</summary>
    let private gammaUntagged (gamma: Sampler) (gain: float) =
        let gamma = samplerArg "gamma" gamma
        Domain.positive "gain" gain
        if fst (Sampler.bounds gamma) <= 0.0 then Throw.Argument("gamma", string gamma, "a sampler of values > 0")
        Op.ofSpec gammaSpec (fun seed _ -> { Gamma = Sampler.draw gamma (Seed.derive seed 0L); Gain = gain })
        |> Op.within (fun (p: GammaParams) ->
            Op.inSampler "Gamma" gamma p.Gamma
            if p.Gain <> gain then Throw.Argument("Gain", p.Gain, sprintf "this op's gain %g" gain))
        |> Aug.op
    [<CompiledName("Gamma")>]
    let gamma gamma gain = gammaUntagged gamma gain |> Aug.withSource "Gamma" [ "gamma", box gamma; "gain", box gain ]

    /// <summary>Pillow's <c>ImageOps.equalize</c> table for one channel's 256-bin histogram: with the non-empty bins
    /// h, <c>step = (sum h - last h) // 255</c>; identity when step is 0; else entry i is <c>(step // 2 + sum of
    /// bins below i) // step</c>, clamped to 255.</summary>
    let equalizeTable (hist: ReadOnlySpan<int64>) =
        let table = Array.init 256 byte
        let mutable total, last, nonEmpty = 0L, 0L, 0
        for v in 0 .. 255 do
            if hist.[v] > 0L then
                total <- total + hist.[v]
                last <- hist.[v]
                nonEmpty <- nonEmpty + 1
        if nonEmpty > 1 then
            let step = (total - last) / 255L
            if step > 0L then
                let mutable n = step / 2L
                for v in 0 .. 255 do
                    table.[v] <- byte (min 255L (n / step))
                    n <- n + hist.[v]
        table

    let private equalizeSpec : OpSpec<NoParams> =
        colour OpKind.StatisticColour "Equalize" "Per-channel histogram equalisation (PIL ImageOps.equalize)." noCheck
            (fun _ v ->
                if v.ElementType <> ElementType.Byte then
                    Throw.Argument("image", "a float32 image", "a byte image (equalize works on 256 levels; convert with Image.ToByte)")
                Step.StatPoint(Statistic.Histograms, fun stats ->
                    let tables = Array.init v.Shape.Channels (fun c -> equalizeTable (ReadOnlySpan(stats.Histograms, c * 256, 256)))
                    PointMap.Func("Equalize", fun c x -> float32 tables.[c].[int x])))

    /// <summary>Per-channel histogram equalisation with Pillow's rule (byte images).</summary>
    let private equalizeUntagged = Aug.op (Op.ofSpec equalizeSpec (fun _ _ -> NoParams.Value))
    [<CompiledName("Equalize")>]
    let equalize = equalizeUntagged |> Aug.withSource "Equalize" []

    // ------------------------------------------------------------------ neighbourhood and noise

    // The device descriptor of a blur: byte images run in fixed point on the CPU, so theirs carries the integer weights
    // the CPU quantises (the same deterministic choice, FilterKernels.QuantiseSeparable); when no fixed-point plan keeps
    // within one level, the CPU runs the float32 filter on bytes too, and the device declines (it has no such kernel).
    // Quantising allocates and sorts; a pipeline that blurs with the same kernel again and again quantises once per
    // thread (as FilterKernels' own plan cache).
    let private separableDevice (elementType: ElementType) (kernel: float32[]) =
        if elementType <> ElementType.Byte then ValueSome(DeviceKernel.Separable(kernel, kernel))
        else
            let last = FixedDeviceCache.Last
            if not (isNull (box last)) && ReadOnlySpan(kernel).SequenceEqual(ReadOnlySpan(last.Kernel)) then last.Device
            else
                let device =
                    match FilterKernels.QuantiseSeparable(ReadOnlySpan kernel, ReadOnlySpan kernel) with
                    | null -> ValueSome(DeviceKernel.Separable(kernel, kernel))
                    | q -> ValueSome(DeviceKernel.SeparableFixed(Array.copy q.X, Array.copy q.Y, q.XBits))
                FixedDeviceCache.Last <- { Kernel = Array.copy kernel; Device = device }
                device

    let private separable (name: string) (kernel: float32[]) (elementType: ElementType) =
        Step.Filter
            { Name = name; Channels = 0; OutputType = ValueNone; OutputRange = ValueNone
              Device = separableDevice elementType kernel
              Run = fun src dst ->
                // Bytes run in fixed point (within one level of the float32 filter, FilterKernels.SeparableFilterFixed).
                if src.ElementType = ElementType.Byte then
                    FilterKernels.SeparableFilterFixed(src.ReadBytes, dst.Bytes, src.Width, src.Height, src.Channels, ReadOnlySpan kernel, ReadOnlySpan kernel)
                else
                    FilterKernels.SeparableFilter(src.ReadFloats, dst.Floats, src.Width, src.Height, src.Channels, ReadOnlySpan kernel, ReadOnlySpan kernel, src.Range) }

    let private checkSigma (field: string) (sigma: float) =
        if not (Double.IsFinite sigma && sigma > 0.0 && sigma <= 50.0) then Throw.Argument(field, sigma, "a sigma in (0, 50]")

    let private gaussianBlurSpec : OpSpec<GaussianBlurParams> =
        colour OpKind.Neighbourhood "GaussianBlur"
            "Separable Gaussian, ksize = round(6 sigma + 1) | 1, border reflect-101 (cv2.GaussianBlur with ksize (0, 0))."
            (fun p -> checkSigma "Sigma" p.Sigma)
            (fun p v ->
                let size = FilterKernels.GaussianSize p.Sigma
                if size = 1 then Step.Nothing else separable "GaussianBlur" (FilterKernels.GaussianKernel(size, p.Sigma)) v.ElementType)

    /// <summary>Gaussian blur as OpenCV's <c>cv2.GaussianBlur(img, (0, 0), sigma)</c> on 8-bit images (albumentations'
    /// <c>GaussianBlur</c> with <c>sigma_limit</c>): kernel size <c>round(sigma * 6 + 1) | 1</c> (half to even, as
    /// <c>cvRound</c>; the same rule for float images), weights <c>cv2.getGaussianKernel(ksize, sigma)</c> computed in
    /// double and rounded to float32, applied along rows then columns with border reflect-101 (<c>BORDER_REFLECT_101</c>).
    /// Bytes run in fixed point as OpenCV's 8-bit GaussianBlur (integer weights summing to a power of two, one rounding per
    /// pass), always within 1 level of the float32 filter; floats accumulate in float32 and are clamped to the value range. A sigma
    /// below 1/12 gives ksize 1, the identity.</summary>
    /// <exception cref="System.ArgumentException">sigma can draw a value outside (0, 50].</exception>
    let private gaussianBlurUntagged (sigma: Sampler) =
        let sigma = samplerArg "sigma" sigma
        let lo, hi = Sampler.bounds sigma
        if not (lo > 0.0 && hi <= 50.0) then Throw.Argument("sigma", string sigma, "a sampler of values in (0, 50]")
        Op.ofSpec gaussianBlurSpec (fun seed _ -> { Sigma = Sampler.draw sigma (Seed.derive seed 0L) })
        |> Op.within (fun (p: GaussianBlurParams) -> Op.inSampler "Sigma" sigma p.Sigma)
        |> Aug.op
    [<CompiledName("GaussianBlur")>]
    let gaussianBlur sigma = gaussianBlurUntagged sigma |> Aug.withSource "GaussianBlur" [ "sigma", box sigma ]

    let private boxBlurSpec : OpSpec<KernelSizeParams> =
        colour OpKind.Neighbourhood "BoxBlur" "Normalised size x size box filter, anchor size / 2, border reflect-101 (cv2.blur)."
            (fun p -> Domain.intWithin "Size" 1 99 p.Size)
            (fun p v -> if p.Size = 1 then Step.Nothing else separable "BoxBlur" (FilterKernels.BoxKernel p.Size) v.ElementType)

    /// <summary>The normalised box filter of <c>cv2.blur(img, (size, size))</c> (albumentations' <c>Blur</c>): the mean
    /// of the size x size window, border reflect-101. The window's anchor is OpenCV's default, <c>size / 2</c> (integer
    /// division): centred for odd sizes, and for even sizes covering <c>x - size/2 .. x + size/2 - 1</c>. Computed as a
    /// separable filter: bytes in fixed point (within 1 level of the float32 mean, halves rounding up as OpenCV's integer
    /// sums do), floats with weights <c>1f / size</c> in float32.</summary>
    /// <exception cref="System.ArgumentException">size is not 1 to 99.</exception>
    let private boxBlurUntagged (size: int) =
        Domain.intWithin "size" 1 99 size
        Aug.op (Op.constant boxBlurSpec { Size = size })
    [<CompiledName("BoxBlur")>]
    let boxBlur size = boxBlurUntagged size |> Aug.withSource "BoxBlur" [ "size", box size ]

    let private checkMedian (field: string) (size: int) =
        if size < 3 || size > 15 || size % 2 = 0 then Throw.Argument(field, size, "an odd window size in [3, 15]")

    let private medianBlurSpec : OpSpec<KernelSizeParams> =
        colour OpKind.Neighbourhood "MedianBlur" "Per-channel median of the size x size window, border replicate (cv2.medianBlur)."
            (fun p -> checkMedian "Size" p.Size)
            (fun p _ ->
                Step.Filter
                    { Name = "MedianBlur"; Channels = 0; OutputType = ValueNone; OutputRange = ValueNone
                      Device = ValueSome(DeviceKernel.Median p.Size)
                      Run = fun src dst ->
                        if src.ElementType = ElementType.Byte then
                            FilterKernels.MedianFilter(src.ReadBytes, dst.Bytes, src.Width, src.Height, src.Channels, p.Size)
                        else
                            FilterKernels.MedianFilter(src.ReadFloats, dst.Floats, src.Width, src.Height, src.Channels, p.Size) })

    /// <summary>The median filter of <c>cv2.medianBlur(img, size)</c> (albumentations' <c>MedianBlur</c>): each channel's
    /// median over the size x size window, border replicate. OpenCV takes float32 images only for sizes 3 and 5; here
    /// float images take every size, with the same definition (the exact middle value of the sorted window).</summary>
    /// <exception cref="System.ArgumentException">size is not odd in [3, 15].</exception>
    let private medianBlurUntagged (size: int) =
        checkMedian "size" size
        Aug.op (Op.constant medianBlurSpec { Size = size })
    [<CompiledName("MedianBlur")>]
    let medianBlur size = medianBlurUntagged size |> Aug.withSource "MedianBlur" [ "size", box size ]

    let private noiseSeed (text: string) =
        try Seed.parse text
        with :? ArgumentException -> Throw.Argument("Seed", text, "32 hexadecimal digits, as Seed.ToString() prints"); Seed.ofInt 0

    let private gaussianNoiseSpec : OpSpec<GaussianNoiseParams> =
        colour OpKind.ImageKernel "GaussianNoise"
            "Adds N(0, (stddev * range width)^2) per sample from Philox by sample index, saturating (albumentations GaussNoise std_range)."
            (fun p -> Domain.within "Stddev" 0.0 1.0 p.Stddev; noiseSeed p.Seed |> ignore)
            (fun p _ ->
                if p.Stddev = 0.0 then Step.Nothing
                else
                    let struct (k0, k1, s0, s1) = (noiseSeed p.Seed).Words
                    Step.Kernel
                        { Name = "GaussianNoise"; Channels = 0; OutputType = ValueNone; OutputRange = ValueNone
                          Device = ValueSome(DeviceKernel.GaussianNoise(p.Stddev, k0, k1, s0, s1))
                          Run = fun src dst ->
                            let sd = p.Stddev * float src.Range.Width
                            if src.ElementType = ElementType.Byte then
                                NoiseKernels.AddGaussian(src.ReadBytes, dst.Bytes, sd, k0, k1, s0, s1)
                            else
                                NoiseKernels.AddGaussian(src.ReadFloats, dst.Floats, sd, src.Range, k0, k1, s0, s1) })

    /// <summary>Additive Gaussian noise as albumentations' <c>GaussNoise(std_range=...)</c>: the standard deviation is
    /// a fraction of the value range's width (of 255 for bytes), drawn once per image; every sample gets its own
    /// <c>N(0, (stddev * (max - min))^2)</c> and the sum saturates to the value range (bytes round half to even). The
    /// noise comes from a seed the op draws (recorded in the trace as <c>Seed</c>): sample i, in HWC order, uses
    /// Philox block i / 2 of that seed's stream and Box–Muller (<c>NoiseKernels</c> documents the formula), so the
    /// bits do not depend on threads or code paths.</summary>
    /// <exception cref="System.ArgumentException">stddev can draw a value outside [0, 1].</exception>
    let private gaussianNoiseUntagged (stddev: Sampler) =
        let stddev = samplerArg "stddev" stddev
        samplerWithin "stddev" stddev 0.0 1.0 "a sampler of fractions of the value range in [0, 1]"
        Aug.op (Op.ofSpec gaussianNoiseSpec (fun seed _ ->
            { Stddev = Sampler.draw stddev (Seed.derive seed 0L); Seed = string (Seed.derive seed 1L) }))
    [<CompiledName("GaussianNoise")>]
    let gaussianNoise stddev = gaussianNoiseUntagged stddev |> Aug.withSource "GaussianNoise" [ "stddev", box stddev ]

    // ------------------------------------------------------------------ more geometric ops
    // New geometric ops go in this section, each listed in moreGeometric for the catalogue.

    let private checkInterp (field: string) (interp: Interpolation) =
        if interp = Interpolation.Area then Throw.Argument(field, "Area", "Nearest, Bilinear, Bicubic or Lanczos (area resampling is for resizes)")

    /// A warp of any output size with the op's interpolation, border and fill (clamped to the value range).
    let private warpSized (m: Matrix3) (width: int) (height: int) (v: SampleView) (interp: Interpolation) (border: BorderMode) (fill: float) =
        checkInterp "Interpolation" interp
        let f = float32 (Math.Clamp(fill, float v.Range.Min, float v.Range.Max))
        match Steps.warp m width height interp with
        | Step.Warp w -> Step.Warp { w with Border = border; Fill = [| f |] }
        | s -> s

    let private checkWarpArgs (interpolation: Interpolation) (fill: float) =
        Domain.finite "fill" fill
        checkInterp "interpolation" interpolation

    // ---- Transpose and D4

    let private transposeSpec : OpSpec<NoParams> =
        geometric "Transpose" "Swaps the axes: (x, y) goes to (y, x) (albumentations Transpose)." noCheck (fun _ v -> Steps.transpose v.Shape)

    /// <summary>Swaps the axes (albumentations' <c>Transpose</c>): a point (x, y) goes to (y, x) and a W x H image
    /// becomes H x W. An exact copy.</summary>
    let private transposeUntagged = Aug.op (Op.ofSpec transposeSpec (fun _ _ -> NoParams.Value))
    [<CompiledName("Transpose")>]
    let transpose = transposeUntagged |> Aug.withSource "Transpose" []

    /// <summary>The matrix and output size of D4 element <paramref name="k"/> (see <c>D4Params</c>) on a W x H image.</summary>
    let d4Matrix (k: int) (width: int) (height: int) =
        let W, H = float width, float height
        match k with
        | 1 -> Matrix3(0.0, 1.0, 0.0, -1.0, 0.0, W, 0.0, 0.0, 1.0), height, width
        | 2 -> Matrix3(-1.0, 0.0, W, 0.0, -1.0, H, 0.0, 0.0, 1.0), width, height
        | 3 -> Matrix3(0.0, -1.0, H, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0), height, width
        | 4 -> Matrix3(1.0, 0.0, 0.0, 0.0, -1.0, H, 0.0, 0.0, 1.0), width, height
        | 5 -> Matrix3(0.0, -1.0, H, -1.0, 0.0, W, 0.0, 0.0, 1.0), height, width
        | 6 -> Matrix3(-1.0, 0.0, W, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0), width, height
        | 7 -> Matrix3(0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0), height, width
        | _ -> Matrix3.Identity, width, height

    let private d4Spec : OpSpec<D4Params> =
        geometric "D4" "A uniformly random element of the dihedral group of the square (albumentations D4)."
            (fun p -> Domain.intWithin "Element" 0 7 p.Element)
            (fun p v ->
                if p.Element = 0 then Step.Nothing
                else
                    let m, w, h = d4Matrix p.Element v.Shape.Width v.Shape.Height
                    Steps.warp m w h Interpolation.Nearest)

    /// <summary>One of the 8 symmetries of the square, uniformly (albumentations' <c>D4</c>): identity, quarter turns
    /// counter-clockwise by 1, 2, 3 (<c>numpy.rot90</c>), vertical flip, transverse (transpose then a half turn),
    /// horizontal flip, transpose — recorded as <c>Element</c> 0 to 7 in that order, albumentations' order of
    /// <c>d4_group_elements</c> ("e", "r90", "r180", "r270", "v", "hvt", "h", "t"). Exact copies on every target.</summary>
    let private d4Untagged = Aug.op (Op.ofSpec d4Spec (fun seed _ -> { Element = Seed.intBelow seed 8 }))
    [<CompiledName("D4")>]
    let d4 = d4Untagged |> Aug.withSource "D4" []

    // ---- Perspective

    /// <summary>The projective matrix that maps the four points <paramref name="src"/> onto <paramref name="dst"/>
    /// (<c>cv2.getPerspectiveTransform</c>): the 8 x 8 linear system with M22 = 1, solved with partial pivoting.</summary>
    /// <exception cref="System.ArgumentException">The points are degenerate (three on a line).</exception>
    let perspectiveTransform (src: (float * float)[]) (dst: (float * float)[]) =
        let a = Array2D.zeroCreate 8 9
        for k in 0 .. 3 do
            let x, y = src.[k]
            let u, v = dst.[k]
            let r0, r1 = 2 * k, 2 * k + 1
            a.[r0, 0] <- x; a.[r0, 1] <- y; a.[r0, 2] <- 1.0; a.[r0, 6] <- -x * u; a.[r0, 7] <- -y * u; a.[r0, 8] <- u
            a.[r1, 3] <- x; a.[r1, 4] <- y; a.[r1, 5] <- 1.0; a.[r1, 6] <- -x * v; a.[r1, 7] <- -y * v; a.[r1, 8] <- v
        for c in 0 .. 7 do
            let mutable best = c
            for r in c + 1 .. 7 do
                if abs a.[r, c] > abs a.[best, c] then best <- r
            if not (abs a.[best, c] > 1e-12) then Throw.Argument("Corners", "degenerate", "four corners with no three on a line")
            for k in 0 .. 8 do
                let t = a.[c, k]
                a.[c, k] <- a.[best, k]
                a.[best, k] <- t
            for r in 0 .. 7 do
                if r <> c then
                    let f = a.[r, c] / a.[c, c]
                    if f <> 0.0 then
                        for k in c .. 8 do a.[r, k] <- a.[r, k] - f * a.[c, k]
        let h i = a.[i, 8] / a.[i, i]
        Matrix3(h 0, h 1, h 2, h 3, h 4, h 5, h 6, h 7, 1.0)

    /// <summary>The matrix of <c>PerspectiveParams</c> on a W x H image: the corners onto [0, W] x [0, H]; with
    /// <c>FitOutput</c>, then the bounding box of the warped image's corners scaled onto [0, W] x [0, H] (when every
    /// corner stays in front of the horizon; otherwise as without).</summary>
    let perspectiveMatrix (p: PerspectiveParams) (width: int) (height: int) =
        let W, H = float width, float height
        let c = p.Corners
        let m = perspectiveTransform [| c.[0], c.[1]; c.[2], c.[3]; c.[4], c.[5]; c.[6], c.[7] |] [| 0.0, 0.0; W, 0.0; W, H; 0.0, H |]
        if not p.FitOutput then m
        else
            let pts = [| m.Apply(0.0, 0.0); m.Apply(W, 0.0); m.Apply(W, H); m.Apply(0.0, H) |]
            if pts |> Array.exists (fun (struct (x, y)) -> not (Double.IsFinite x && Double.IsFinite y)) then m
            else
                let xs = pts |> Array.map (fun (struct (x, _)) -> x)
                let ys = pts |> Array.map (fun (struct (_, y)) -> y)
                let x0, x1, y0, y1 = Array.min xs, Array.max xs, Array.min ys, Array.max ys
                Matrix3.Scale(W / (x1 - x0), H / (y1 - y0)) * Matrix3.Translation(-x0, -y0) * m

    let private perspectiveSpec : OpSpec<PerspectiveParams> =
        geometric "Perspective" "Maps a jittered quadrilateral onto the image (albumentations Perspective, keep_size)."
            (fun p ->
                if isNull p.Corners || p.Corners.Length <> 8 then
                    Throw.Argument("Corners", (if isNull p.Corners then "null" else sprintf "%d numbers" p.Corners.Length), "8 numbers")
                p.Corners |> Array.iter (Domain.within "Corners" -1e6 1e6)
                checkFill p.Fill)
            (fun p v ->
                let m = perspectiveMatrix p v.Shape.Width v.Shape.Height
                if not m.IsFinite then Throw.Argument("Corners", "degenerate", "corners that give a finite matrix")
                warpSized m v.Shape.Width v.Shape.Height v p.Interpolation p.Border p.Fill)

    /// <summary>albumentations' <c>Perspective(scale, keep_size=True, fit_output)</c>: a scale s drawn from
    /// <paramref name="scale"/>, then for each corner of the image two jitters <c>|N(0, s)| mod 0.32</c> (fractions of the
    /// width and height) moving it inwards; the quadrilateral of the jittered corners is mapped onto the whole output,
    /// which keeps the input's size. With <paramref name="fitOutput"/>, the whole warped input is shown instead (scaled
    /// onto the output as albumentations' <c>expand_transform</c> then its resize do, without rounding the corners to
    /// whole pixels; when a corner of the input falls behind the horizon it is not fitted). The matrix is built in
    /// continuous coordinates (albumentations maps corner points to pixel index W - 1 then resizes, a difference of under a
    /// pixel); pixels whose source lies behind the horizon take the fill. Matches albumentations' geometry within a pixel;
    /// the normal draws come from this library's seeds.</summary>
    /// <exception cref="System.ArgumentException">scale can draw a value outside [0, 1], or Area interpolation, or a fill that is not finite.</exception>
    let private perspectiveUntagged (scale: Sampler) (fitOutput: bool) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        let scale = samplerArg "scale" scale
        samplerWithin "scale" scale 0.0 1.0 "a sampler of standard deviations in [0, 1]"
        checkWarpArgs interpolation fill
        Aug.op (Op.ofSpec perspectiveSpec (fun seed v ->
            let W, H = float v.Shape.Width, float v.Shape.Height
            let s = Sampler.draw scale (Seed.derive seed 0L)
            let j k =
                if s = 0.0 then 0.0
                else Math.Abs(MathNet.Numerics.Distributions.Normal.InvCDF(0.0, s, Seed.openUniform (Seed.derive seed (1L + int64 k)))) % 0.32
            { Corners = [| j 0 * W; j 1 * H; (1.0 - j 2) * W; j 3 * H; (1.0 - j 4) * W; (1.0 - j 5) * H; j 6 * W; (1.0 - j 7) * H |]
              FitOutput = fitOutput; Interpolation = interpolation; Border = border; Fill = fill }))
    [<CompiledName("Perspective")>]
    let perspective scale fitOutput interpolation border fill =
        perspectiveUntagged scale fitOutput interpolation border fill
        |> Aug.withSource "Perspective"
            [ "scale", box scale; "fitOutput", box fitOutput; "interpolation", box interpolation; "border", box border
              "fill", box fill ]

    // ---- ShiftScaleRotate and the Keras affine layers

    let private shiftScaleRotateSpec : OpSpec<ShiftScaleRotateParams> =
        geometric "ShiftScaleRotate" "Shift (fractions of the size), scale and turn about the centre (albumentations ShiftScaleRotate)."
            (fun p ->
                Domain.within "ShiftX" -1e3 1e3 p.ShiftX
                Domain.within "ShiftY" -1e3 1e3 p.ShiftY
                Domain.within "Scale" 1e-3 1e3 p.Scale
                Domain.within "Angle" -360000.0 360000.0 p.Angle
                checkFill p.Fill)
            (fun p v ->
                let W, H = float v.Shape.Width, float v.Shape.Height
                let cx, cy = W / 2.0, H / 2.0
                let m = Matrix3.Translation(p.ShiftX * W, p.ShiftY * H) * Matrix3.Rotation(p.Angle, cx, cy)
                        * Matrix3.Translation(cx, cy) * Matrix3.Scale(p.Scale, p.Scale) * Matrix3.Translation(-cx, -cy)
                warpSized m v.Shape.Width v.Shape.Height v p.Interpolation p.Border p.Fill)

    /// <summary>albumentations' <c>ShiftScaleRotate</c>: <c>cv2.getRotationMatrix2D(centre, angle, scale)</c> with the
    /// shift (dx W, dy H) added to its translation, then <c>warpAffine</c> keeping the size. dx and dy are two draws of
    /// <paramref name="shiftLimit"/> (fractions of the width and height), the scale is <c>1 + </c> a draw of
    /// <paramref name="scaleLimit"/> (albumentations' <c>scale_limit</c> convention), the angle a draw of
    /// <paramref name="rotateLimit"/> in degrees (counter-clockwise). The centre is (W/2, H/2) in continuous coordinates,
    /// OpenCV's ((W-1)/2, (H-1)/2) in pixel indices, so the geometry is OpenCV's exactly (bilinear bytes within 1 level:
    /// OpenCV quantises sub-pixel positions to 1/32). albumentations' default border is <c>Reflect101</c>.</summary>
    /// <exception cref="System.ArgumentException">scaleLimit can draw a value &lt;= -1, Area interpolation, or a fill that is not finite.</exception>
    let private shiftScaleRotateUntagged (shiftLimit: Sampler) (scaleLimit: Sampler) (rotateLimit: Sampler)
                         (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        let shiftLimit, scaleLimit, rotateLimit = samplerArg "shiftLimit" shiftLimit, samplerArg "scaleLimit" scaleLimit, samplerArg "rotateLimit" rotateLimit
        if fst (Sampler.bounds scaleLimit) <= -1.0 + 1e-3 then Throw.Argument("scaleLimit", string scaleLimit, "a sampler of values > -1 (the scale is 1 + the draw)")
        checkWarpArgs interpolation fill
        Aug.op (Op.ofSpec shiftScaleRotateSpec (fun seed _ ->
            let d i = Seed.derive seed i
            { ShiftX = Sampler.draw shiftLimit (d 0L); ShiftY = Sampler.draw shiftLimit (d 1L)
              Scale = 1.0 + Sampler.draw scaleLimit (d 2L); Angle = Sampler.draw rotateLimit (d 3L)
              Interpolation = interpolation; Border = border; Fill = fill }))
    [<CompiledName("ShiftScaleRotate")>]
    let shiftScaleRotate shiftLimit scaleLimit rotateLimit interpolation border fill =
        shiftScaleRotateUntagged shiftLimit scaleLimit rotateLimit interpolation border fill
        |> Aug.withSource "ShiftScaleRotate"
            [ "shiftLimit", box shiftLimit; "scaleLimit", box scaleLimit; "rotateLimit", box rotateLimit
              "interpolation", box interpolation; "border", box border; "fill", box fill ]

    let private randomRotationSpec : OpSpec<RotateParams> =
        geometric "RandomRotation" "Turns by a fraction of a full turn about the centre (Keras RandomRotation)."
            (fun p -> Domain.within "Angle" -360000.0 360000.0 p.Angle; checkFill p.Fill)
            (fun p v ->
                let W, H = float v.Shape.Width, float v.Shape.Height
                warpSized (Matrix3.Rotation(p.Angle, W / 2.0, H / 2.0)) v.Shape.Width v.Shape.Height v p.Interpolation p.Border p.Fill)

    /// <summary>Keras' <c>RandomRotation(factor)</c>: the angle is a draw of <paramref name="factor"/> times a full turn
    /// (Keras' factor f means the range [-f, f]; pass <c>Sampler.uniform -f f</c>), positive counter-clockwise, about the
    /// centre, keeping the size; recorded in degrees. Keras' <c>fill_mode</c> maps to <paramref name="border"/>:
    /// <c>"constant"</c> is <c>Constant</c> (with <paramref name="fill"/> as <c>fill_value</c>), <c>"nearest"</c> is
    /// <c>Replicate</c>; Keras' default <c>"reflect"</c> (d c b a | a b c d, the edge pixel repeated) has no equal here:
    /// <c>Reflect101</c> (c b | a b c, OpenCV's default) differs from it by one pixel of offset in the reflected band, and
    /// <c>"wrap"</c> is not offered. Inside the image Keras' bilinear matches this warp (Keras' centre is ((W-1)/2, (H-1)/2)
    /// in pixel indices, the same point).</summary>
    /// <exception cref="System.ArgumentException">factor can draw a value outside [-1000, 1000], Area interpolation, or a fill that is not finite.</exception>
    let private randomRotationUntagged (factor: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        let factor = samplerArg "factor" factor
        samplerWithin "factor" factor -1000.0 1000.0 "a sampler of fractions of a turn in [-1000, 1000]"
        checkWarpArgs interpolation fill
        Aug.op (Op.ofSpec randomRotationSpec (fun seed _ ->
            { Angle = Sampler.draw factor (Seed.derive seed 0L) * 360.0; Interpolation = interpolation; Border = border; Fill = fill }))
    [<CompiledName("RandomRotation")>]
    let randomRotation factor interpolation border fill =
        randomRotationUntagged factor interpolation border fill
        |> Aug.withSource "RandomRotation"
            [ "factor", box factor; "interpolation", box interpolation; "border", box border; "fill", box fill ]

    let private randomZoomSpec : OpSpec<ZoomParams> =
        geometric "RandomZoom" "Zooms about the centre; a zoom above 1 zooms out (Keras RandomZoom)."
            (fun p -> Domain.within "ZoomX" 1e-3 1e3 p.ZoomX; Domain.within "ZoomY" 1e-3 1e3 p.ZoomY; checkFill p.Fill)
            (fun p v ->
                let W, H = float v.Shape.Width, float v.Shape.Height
                let m = Matrix3.Translation(W / 2.0, H / 2.0) * Matrix3.Scale(1.0 / p.ZoomX, 1.0 / p.ZoomY) * Matrix3.Translation(-W / 2.0, -H / 2.0)
                warpSized m v.Shape.Width v.Shape.Height v p.Interpolation p.Border p.Fill)

    let private checkZoomFactor (name: string) (s: Sampler) =
        let s = samplerArg name s
        if fst (Sampler.bounds s) <= -1.0 + 1e-3 || snd (Sampler.bounds s) > 999.0 then
            Throw.Argument(name, string s, "a sampler of zoom factors in (-1, 999] (the zoom is 1 + the draw)")
        s

    /// <summary>Keras' <c>RandomZoom(height_factor, width_factor)</c>: the zoom on each axis is <c>1 + </c> a draw of its
    /// factor and the output reads the input at <c>c + zoom (x - c)</c> about the centre c, so, as in Keras, a positive
    /// factor zooms out (the image shrinks, the border shows) and a negative one zooms in. Keras' single float f means
    /// [-f, f]: pass <c>Sampler.uniform -f f</c>, or <c>Sampler.uniform lo hi</c> for Keras' (lo, hi).
    /// The size is kept; <c>fill_mode</c> maps to the border as for <c>randomRotation</c>.</summary>
    /// <exception cref="System.ArgumentException">A factor can draw a value &lt;= -1, Area interpolation, or a fill that is not finite.</exception>
    let private randomZoomXYUntagged (heightFactor: Sampler) (widthFactor: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        let heightFactor, widthFactor = checkZoomFactor "heightFactor" heightFactor, checkZoomFactor "widthFactor" widthFactor
        checkWarpArgs interpolation fill
        Aug.op (Op.ofSpec randomZoomSpec (fun seed _ ->
            { ZoomY = 1.0 + Sampler.draw heightFactor (Seed.derive seed 0L); ZoomX = 1.0 + Sampler.draw widthFactor (Seed.derive seed 1L)
              Interpolation = interpolation; Border = border; Fill = fill }))
    [<CompiledName("RandomZoomXY")>]
    let randomZoomXY heightFactor widthFactor interpolation border fill =
        randomZoomXYUntagged heightFactor widthFactor interpolation border fill
        |> Aug.withSource "RandomZoomXY"
            [ "heightFactor", box heightFactor; "widthFactor", box widthFactor; "interpolation", box interpolation
              "border", box border; "fill", box fill ]

    /// <summary>Keras' <c>RandomZoom(height_factor, width_factor=None)</c>: one zoom <c>1 + </c> a draw of
    /// <paramref name="factor"/> on both axes (aspect kept). A positive factor zooms out, a negative one zooms in, as in
    /// Keras. See <c>randomZoomXY</c>.</summary>
    /// <exception cref="System.ArgumentException">factor can draw a value &lt;= -1, Area interpolation, or a fill that is not finite.</exception>
    let private randomZoomUntagged (factor: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        let factor = checkZoomFactor "factor" factor
        checkWarpArgs interpolation fill
        Aug.op (Op.ofSpec randomZoomSpec (fun seed _ ->
            let z = 1.0 + Sampler.draw factor (Seed.derive seed 0L)
            { ZoomX = z; ZoomY = z; Interpolation = interpolation; Border = border; Fill = fill }))
    [<CompiledName("RandomZoom")>]
    let randomZoom factor interpolation border fill =
        randomZoomUntagged factor interpolation border fill
        |> Aug.withSource "RandomZoom"
            [ "factor", box factor; "interpolation", box interpolation; "border", box border; "fill", box fill ]

    let private randomTranslationSpec : OpSpec<TranslateParams> =
        geometric "RandomTranslation" "Shifts by fractions of the height and width (Keras RandomTranslation)."
            (fun p -> Domain.within "DX" -1e7 1e7 p.DX; Domain.within "DY" -1e7 1e7 p.DY; checkFill p.Fill)
            (fun p v -> warpSized (Matrix3.Translation(p.DX, p.DY)) v.Shape.Width v.Shape.Height v p.Interpolation p.Border p.Fill)

    /// <summary>Keras' <c>RandomTranslation(height_factor, width_factor)</c>: a shift of (a draw of
    /// <paramref name="widthFactor"/>) x W right and (a draw of <paramref name="heightFactor"/>) x H down (negative: left,
    /// up), keeping the size; recorded in pixels. Keras' single float f means [-f, f]. Whole-pixel shifts with nearest
    /// interpolation are exact copies. <c>fill_mode</c> maps to the border as for <c>randomRotation</c>.</summary>
    /// <exception cref="System.ArgumentException">A factor can draw a value outside [-100, 100], Area interpolation, or a fill that is not finite.</exception>
    let private randomTranslationUntagged (heightFactor: Sampler) (widthFactor: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        let heightFactor, widthFactor = samplerArg "heightFactor" heightFactor, samplerArg "widthFactor" widthFactor
        for name, s in [ "heightFactor", heightFactor; "widthFactor", widthFactor ] do
            samplerWithin name s -100.0 100.0 "a sampler of fractions in [-100, 100]"
        checkWarpArgs interpolation fill
        Aug.op (Op.ofSpec randomTranslationSpec (fun seed v ->
            { DY = Sampler.draw heightFactor (Seed.derive seed 0L) * float v.Shape.Height
              DX = Sampler.draw widthFactor (Seed.derive seed 1L) * float v.Shape.Width
              Interpolation = interpolation; Border = border; Fill = fill }))
    [<CompiledName("RandomTranslation")>]
    let randomTranslation heightFactor widthFactor interpolation border fill =
        randomTranslationUntagged heightFactor widthFactor interpolation border fill
        |> Aug.withSource "RandomTranslation"
            [ "heightFactor", box heightFactor; "widthFactor", box widthFactor; "interpolation", box interpolation
              "border", box border; "fill", box fill ]

    let private randomShearSpec : OpSpec<ShearParams> =
        geometric "RandomShear" "Shears along x and y about the centre (albumentations Affine shear)."
            (fun p -> Domain.within "ShearX" -89.0 89.0 p.ShearX; Domain.within "ShearY" -89.0 89.0 p.ShearY; checkFill p.Fill)
            (fun p v ->
                let m = affineMatrix { Angle = 0.0; Scale = 1.0; ShearX = p.ShearX; ShearY = p.ShearY; TranslateX = 0.0; TranslateY = 0.0
                                       Interpolation = p.Interpolation; Border = p.Border; Fill = p.Fill } v.Shape.Width v.Shape.Height
                warpSized m v.Shape.Width v.Shape.Height v p.Interpolation p.Border p.Fill)

    /// <summary>A shear about the centre with angles (degrees) drawn from <paramref name="shearX"/> and
    /// <paramref name="shearY"/>: albumentations' <c>Affine(shear={"x": ..., "y": ...})</c> with no turn, scale or shift,
    /// i.e. <c>Ops.affine</c>'s matrix: x' = x + tan(shearX) y, y' = tan(shearY) x + y about (W/2, H/2). The size is kept.</summary>
    /// <exception cref="System.ArgumentException">An angle can be drawn outside [-89, 89], Area interpolation, or a fill that is not finite.</exception>
    let private randomShearUntagged (shearX: Sampler) (shearY: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        let shearX, shearY = samplerArg "shearX" shearX, samplerArg "shearY" shearY
        for name, s in [ "shearX", shearX; "shearY", shearY ] do
            samplerWithin name s -89.0 89.0 "a sampler of angles in [-89, 89] degrees"
        checkWarpArgs interpolation fill
        Aug.op (Op.ofSpec randomShearSpec (fun seed _ ->
            { ShearX = Sampler.draw shearX (Seed.derive seed 0L); ShearY = Sampler.draw shearY (Seed.derive seed 1L)
              Interpolation = interpolation; Border = border; Fill = fill }))
    [<CompiledName("RandomShear")>]
    let randomShear shearX shearY interpolation border fill =
        randomShearUntagged shearX shearY interpolation border fill
        |> Aug.withSource "RandomShear"
            [ "shearX", box shearX; "shearY", box shearY; "interpolation", box interpolation; "border", box border
              "fill", box fill ]

    let private randomFlipSpec : OpSpec<FlipParams> =
        geometric "RandomFlip" "Flips left-right and/or top-bottom, each with probability 0.5 (Keras RandomFlip)." noCheck
            (fun p v ->
                let W, H = float v.Shape.Width, float v.Shape.Height
                if not p.Horizontal && not p.Vertical then Step.Nothing
                else
                    let m = Matrix3((if p.Horizontal then -1.0 else 1.0), 0.0, (if p.Horizontal then W else 0.0),
                                    0.0, (if p.Vertical then -1.0 else 1.0), (if p.Vertical then H else 0.0), 0.0, 0.0, 1.0)
                    Steps.warp m v.Shape.Width v.Shape.Height Interpolation.Nearest)

    /// <summary>Keras' <c>RandomFlip(mode)</c>: <c>"horizontal"</c> is (true, false), <c>"vertical"</c> (false, true),
    /// <c>"horizontal_and_vertical"</c> (true, true); each enabled flip happens with probability 0.5, drawn from the seed
    /// independently (left-right from child 0, top-bottom from child 1). Flips mirror about the centre; exact copies.</summary>
    /// <exception cref="System.ArgumentException">Neither flip is enabled.</exception>
    let private randomFlipUntagged (horizontal: bool) (vertical: bool) =
        if not horizontal && not vertical then Throw.Argument("horizontal", false, "at least one of horizontal and vertical")
        Aug.op (Op.ofSpec randomFlipSpec (fun seed _ ->
            { Horizontal = horizontal && Seed.uniform (Seed.derive seed 0L) < 0.5
              Vertical = vertical && Seed.uniform (Seed.derive seed 1L) < 0.5 }))
    [<CompiledName("RandomFlip")>]
    let randomFlip horizontal vertical =
        randomFlipUntagged horizontal vertical
        |> Aug.withSource "RandomFlip" [ "horizontal", box horizontal; "vertical", box vertical ]

    // ---- Size ops

    let private roundEven (x: float) = int (Math.Round(x, MidpointRounding.ToEven))

    let private maxSizeSpec name summary : OpSpec<ResizeParams> =
        geometric name summary (fun p -> checkSize p.Width p.Height)
            (fun p v ->
                if p.Width = v.Shape.Width && p.Height = v.Shape.Height then Step.Nothing
                else Steps.resize p.Interpolation p.Width p.Height v.Shape)

    let private longestMaxSizeSpec = maxSizeSpec "LongestMaxSize" "Scales so the longer side is max_size, keeping the aspect (albumentations LongestMaxSize)."
    let private smallestMaxSizeSpec = maxSizeSpec "SmallestMaxSize" "Scales so the shorter side is max_size, keeping the aspect (albumentations SmallestMaxSize)."

    /// <summary>The size albumentations' max-size resizes give: scale = maxSize / (the longer side when
    /// <paramref name="longest"/>, else the shorter), each side <c>round(side * scale)</c> with Python's <c>round</c>
    /// (half to even), at least 1, and exactly maxSize on the side that set the scale.</summary>
    let maxSizeOf (longest: bool) (maxSize: int) (width: int) (height: int) =
        let side = if longest then max width height else min width height
        let scale = float maxSize / float side
        let w = if width = side then maxSize else max 1 (roundEven (float width * scale))
        let h = if height = side then maxSize else max 1 (roundEven (float height * scale))
        w, h

    /// <summary>albumentations' <c>LongestMaxSize(max_size)</c>: scales by <c>maxSize / max(W, H)</c>, keeping the aspect;
    /// each side is <c>round(side * scale)</c> with Python's round (half to even), at least 1 (albumentations would give 0
    /// for extreme aspects). Resizes as <c>Ops.resize</c> (<c>cv2.resize</c>, half-pixel centres); an image already of
    /// that size is left as it is.</summary>
    /// <exception cref="System.ArgumentException">maxSize is not in 1 to 65536.</exception>
    let private longestMaxSizeUntagged (maxSize: int) (interpolation: Interpolation) =
        Domain.intWithin "maxSize" 1 65536 maxSize
        Aug.op (Op.ofSpec longestMaxSizeSpec (fun _ v ->
            let w, h = maxSizeOf true maxSize v.Shape.Width v.Shape.Height
            { Width = w; Height = h; Interpolation = interpolation }))
    [<CompiledName("LongestMaxSize")>]
    let longestMaxSize maxSize interpolation =
        longestMaxSizeUntagged maxSize interpolation
        |> Aug.withSource "LongestMaxSize" [ "maxSize", box maxSize; "interpolation", box interpolation ]

    /// <summary>albumentations' <c>SmallestMaxSize(max_size)</c>: scales by <c>maxSize / min(W, H)</c>, keeping the aspect,
    /// rounded as <c>longestMaxSize</c> (half to even, at least 1).</summary>
    /// <exception cref="System.ArgumentException">maxSize is not in 1 to 65536.</exception>
    let private smallestMaxSizeUntagged (maxSize: int) (interpolation: Interpolation) =
        Domain.intWithin "maxSize" 1 65536 maxSize
        Aug.op (Op.ofSpec smallestMaxSizeSpec (fun _ v ->
            let w, h = maxSizeOf false maxSize v.Shape.Width v.Shape.Height
            { Width = w; Height = h; Interpolation = interpolation }))
    [<CompiledName("SmallestMaxSize")>]
    let smallestMaxSize maxSize interpolation =
        smallestMaxSizeUntagged maxSize interpolation
        |> Aug.withSource "SmallestMaxSize" [ "maxSize", box maxSize; "interpolation", box interpolation ]

    let private fixedCropSpec name summary : OpSpec<CropParams> =
        geometric name summary checkCrop (fun p v -> fitCrop v p; Steps.crop BoxFilter.Default p.X p.Y p.Width p.Height)

    let private cropFixedSpec = fixedCropSpec "Crop" "Keeps the fixed rectangle [x_min, x_max) x [y_min, y_max) (albumentations Crop)."

    /// <summary>albumentations' <c>Crop(x_min, y_min, x_max, y_max)</c>: keeps the pixels [xMin, xMax) x [yMin, yMax);
    /// points move by (-xMin, -yMin), boxes are clipped (<c>BoxFilter.Default</c>). An exact copy.</summary>
    /// <exception cref="System.ArgumentException">xMin or yMin is negative, or xMax &lt;= xMin, or yMax &lt;= yMin; when run, the
    /// rectangle is not inside the image (albumentations raises too unless it pads).</exception>
    let private cropUntagged (xMin: int) (yMin: int) (xMax: int) (yMax: int) =
        Domain.intWithin "xMin" 0 Int32.MaxValue xMin
        Domain.intWithin "yMin" 0 Int32.MaxValue yMin
        if xMax <= xMin then Throw.Argument("xMax", xMax, sprintf "an integer > xMin (%d)" xMin)
        if yMax <= yMin then Throw.Argument("yMax", yMax, sprintf "an integer > yMin (%d)" yMin)
        Aug.op (Op.constant cropFixedSpec { X = xMin; Y = yMin; Width = xMax - xMin; Height = yMax - yMin })
    [<CompiledName("Crop")>]
    let crop xMin yMin xMax yMax =
        cropUntagged xMin yMin xMax yMax
        |> Aug.withSource "Crop" [ "xMin", box xMin; "yMin", box yMin; "xMax", box xMax; "yMax", box yMax ]

    let private checkPad (p: PadParams) =
        Domain.intWithin "Top" 0 65536 p.Top
        Domain.intWithin "Bottom" 0 65536 p.Bottom
        Domain.intWithin "Left" 0 65536 p.Left
        Domain.intWithin "Right" 0 65536 p.Right
        checkFill p.Fill

    let private padPlan (p: PadParams) (v: SampleView) =
        if p.Top = 0 && p.Bottom = 0 && p.Left = 0 && p.Right = 0 then Step.Nothing
        else
            let w, h = v.Shape.Width + p.Left + p.Right, v.Shape.Height + p.Top + p.Bottom
            if w > 65536 || h > 65536 then Throw.Argument("Right", p.Right, "padding that keeps each side at most 65536")
            warpSized (Matrix3.Translation(float p.Left, float p.Top)) w h v Interpolation.Nearest p.Border p.Fill

    let private padSpec : OpSpec<PadParams> =
        geometric "Pad" "Adds fixed pixels on each side with a border mode (albumentations Pad)." checkPad padPlan

    /// <summary>albumentations' <c>Pad(padding=(left, top, right, bottom), fill, border_mode)</c>: adds the given pixels on
    /// each side, read by <paramref name="border"/> (<c>Constant</c> with <paramref name="fill"/> in value units, clamped to
    /// the range; <c>Reflect101</c>; <c>Replicate</c>), as <c>cv2.copyMakeBorder</c>. The mask is padded with 0; points move
    /// by (left, top). An exact copy.</summary>
    /// <exception cref="System.ArgumentException">A side is not in 0 to 65536, or fill is not finite.</exception>
    let private padUntagged (top: int) (bottom: int) (left: int) (right: int) (border: BorderMode) (fill: float) =
        Domain.intWithin "top" 0 65536 top
        Domain.intWithin "bottom" 0 65536 bottom
        Domain.intWithin "left" 0 65536 left
        Domain.intWithin "right" 0 65536 right
        Domain.finite "fill" fill
        Aug.op (Op.constant padSpec { Top = top; Bottom = bottom; Left = left; Right = right; Border = border; Fill = fill })
    [<CompiledName("Pad")>]
    let pad top bottom left right border fill =
        padUntagged top bottom left right border fill
        |> Aug.withSource "Pad"
            [ "top", box top; "bottom", box bottom; "left", box left; "right", box right; "border", box border
              "fill", box fill ]

    let private padIfNeededSpec : OpSpec<PadParams> =
        geometric "PadIfNeeded" "Pads to at least min_height x min_width, centred (albumentations PadIfNeeded)." checkPad padPlan

    /// <summary>albumentations' <c>PadIfNeeded(min_height, min_width, position="center", border_mode, fill)</c>: where a side
    /// is shorter than its minimum, pads it: <c>top = (minHeight - H) // 2</c>, <c>bottom = minHeight - H - top</c>, likewise
    /// left and right; longer sides are left alone. albumentations' default border is <c>Reflect101</c>.</summary>
    /// <exception cref="System.ArgumentException">A minimum is not in 1 to 65536, or fill is not finite.</exception>
    let private padIfNeededUntagged (minHeight: int) (minWidth: int) (border: BorderMode) (fill: float) =
        Domain.intWithin "minHeight" 1 65536 minHeight
        Domain.intWithin "minWidth" 1 65536 minWidth
        Domain.finite "fill" fill
        Aug.op (Op.ofSpec padIfNeededSpec (fun _ v ->
            let dh, dw = max 0 (minHeight - v.Shape.Height), max 0 (minWidth - v.Shape.Width)
            { Top = dh / 2; Bottom = dh - dh / 2; Left = dw / 2; Right = dw - dw / 2; Border = border; Fill = fill }))
    [<CompiledName("PadIfNeeded")>]
    let padIfNeeded minHeight minWidth border fill =
        padIfNeededUntagged minHeight minWidth border fill
        |> Aug.withSource "PadIfNeeded"
            [ "minHeight", box minHeight; "minWidth", box minWidth; "border", box border; "fill", box fill ]

    /// <summary>TF's offsets for <c>resize_with_crop_or_pad</c> along one axis of size n to target t: (crop offset, pad
    /// offset) = (max(-(t - n) // 2, 0), max((t - n) // 2, 0)) with Python's floor division.</summary>
    let cropOrPadOffsets (n: int) (t: int) =
        let diff = t - n
        let floorDiv a b = int (Math.Floor(float a / float b))
        max (floorDiv -diff 2) 0, max (floorDiv diff 2) 0

    let private resizeWithCropOrPadSpec : OpSpec<TargetSizeParams> =
        geometric "ResizeWithCropOrPad" "Centred crop and/or zero pad to a target size (tf.image.resize_with_crop_or_pad)."
            (fun p -> checkSize p.Width p.Height)
            (fun p v ->
                let cx, px = cropOrPadOffsets v.Shape.Width p.Width
                let cy, py = cropOrPadOffsets v.Shape.Height p.Height
                if p.Width = v.Shape.Width && p.Height = v.Shape.Height then Step.Nothing
                else warpSized (Matrix3.Translation(float (px - cx), float (py - cy))) p.Width p.Height v Interpolation.Nearest BorderMode.Constant 0.0)

    /// <summary><c>tf.image.resize_with_crop_or_pad(image, target_height, target_width)</c>: along each axis, a longer
    /// image is cropped at offset <c>(n - t) // 2</c> and a shorter one padded with zeros at offset <c>(t - n) // 2</c>
    /// (TF's rules, Python floor division), so an odd excess goes to the bottom/right. The pad is 0, clamped to a float
    /// image's range when 0 lies outside it. One exact copy.</summary>
    /// <exception cref="System.ArgumentException">A size is not in 1 to 65536.</exception>
    let private resizeWithCropOrPadUntagged (targetHeight: int) (targetWidth: int) =
        Domain.intWithin "targetHeight" 1 65536 targetHeight
        Domain.intWithin "targetWidth" 1 65536 targetWidth
        Aug.op (Op.constant resizeWithCropOrPadSpec { Width = targetWidth; Height = targetHeight })
    [<CompiledName("ResizeWithCropOrPad")>]
    let resizeWithCropOrPad targetHeight targetWidth =
        resizeWithCropOrPadUntagged targetHeight targetWidth
        |> Aug.withSource "ResizeWithCropOrPad" [ "targetHeight", box targetHeight; "targetWidth", box targetWidth ]

    // ---- Crops that look at the annotations

    let private bboxSafeSpec : OpSpec<ResizedCropParams> =
        { resizedCropSpec with
            Name = "RandomSizedBBoxSafeCrop"
            Summary = "A random crop containing every box, resized (albumentations RandomSizedBBoxSafeCrop)." }

    /// <summary>albumentations' <c>RandomSizedBBoxSafeCrop(height, width, erosion_rate=0)</c>: with boxes, the union
    /// [x0, x1] x [y0, y1] of every box (in pixels) is grown to a crop [u0 x0, x1 + u2 (W - x1)] x [u1 y0, y1 + u3 (H - y1)]
    /// with four uniform draws (albumentations' rule), rounded outwards to whole pixels so that it contains every box; without
    /// boxes the crop is the whole image (albumentations' rule for erosion 0). The crop is resized to
    /// <paramref name="width"/> x <paramref name="height"/> as <c>Ops.randomResizedCrop</c> does. Erosion is not offered.</summary>
    /// <exception cref="System.ArgumentException">A size is not in 1 to 65536.</exception>
    let private randomSizedBBoxSafeCropUntagged (width: int) (height: int) (interpolation: Interpolation) =
        checkSize width height
        Aug.op (Op.ofSpec bboxSafeSpec (fun seed v ->
            let W, H = v.Shape.Width, v.Shape.Height
            let x, y, cw, ch =
                if v.Boxes.Length = 0 then 0, 0, W, H
                else
                    let u = Seed.uniforms (Seed.derive seed 0L) 4
                    let clampTo n (a: float) = Math.Clamp(a, 0.0, float n)
                    let ux0 = v.Boxes |> Array.map (fun b -> b.XMin) |> Array.min |> clampTo W
                    let uy0 = v.Boxes |> Array.map (fun b -> b.YMin) |> Array.min |> clampTo H
                    let ux1 = v.Boxes |> Array.map (fun b -> b.XMax) |> Array.max |> clampTo W
                    let uy1 = v.Boxes |> Array.map (fun b -> b.YMax) |> Array.max |> clampTo H
                    let x0 = int (Math.Floor(ux0 * u.[0]))
                    let y0 = int (Math.Floor(uy0 * u.[1]))
                    let x1 = min W (int (Math.Ceiling(ux1 + u.[2] * (float W - ux1))))
                    let y1 = min H (int (Math.Ceiling(uy1 + u.[3] * (float H - uy1))))
                    let x0, x1 = (if x1 > x0 then x0, x1 elif x1 < W then x0, x1 + 1 else x0 - 1, x1)
                    let y0, y1 = (if y1 > y0 then y0, y1 elif y1 < H then y0, y1 + 1 else y0 - 1, y1)
                    x0, y0, x1 - x0, y1 - y0
            { X = x; Y = y; CropWidth = cw; CropHeight = ch; Width = width; Height = height; Interpolation = interpolation }))
    [<CompiledName("RandomSizedBBoxSafeCrop")>]
    let randomSizedBBoxSafeCrop width height interpolation =
        randomSizedBBoxSafeCropUntagged width height interpolation
        |> Aug.withSource "RandomSizedBBoxSafeCrop"
            [ "width", box width; "height", box height; "interpolation", box interpolation ]

    let private cropNonEmptySpec =
        fixedCropSpec "CropNonEmptyMaskIfExists" "A fixed-size crop containing a random non-zero mask pixel when there is one (albumentations)."

    /// <summary>albumentations' <c>CropNonEmptyMaskIfExists(height, width)</c>: when the mask (as it stands after the
    /// earlier ops) has non-zero pixels, one (x, y) is picked uniformly among them and the crop's corner is
    /// <c>(x - randint(0, width - 1), y - randint(0, height - 1))</c> clamped into the image, so the crop contains that
    /// pixel; otherwise (no mask, or an empty one) the corner is uniform, as a random crop. Boxes are clipped
    /// (<c>BoxFilter.Default</c>). albumentations' <c>ignore_values</c> and <c>ignore_channels</c> are not offered.</summary>
    /// <exception cref="System.ArgumentException">A size is not positive; when run, larger than the image.</exception>
    let private cropNonEmptyMaskIfExistsUntagged (height: int) (width: int) =
        Domain.intWithin "height" 1 Int32.MaxValue height
        Domain.intWithin "width" 1 Int32.MaxValue width
        Aug.op (Op.ofSpec cropNonEmptySpec (fun seed v ->
            let W, H = v.Shape.Width, v.Shape.Height
            if width > W then Throw.Argument("width", width, sprintf "a crop width <= the image width %d" W)
            if height > H then Throw.Argument("height", height, sprintf "a crop height <= the image height %d" H)
            let picked =
                if not v.HasMask then None
                else
                    match v.CurrentMask () with
                    | None -> None
                    | Some m ->
                        let px = m.Bytes
                        let mutable count = 0
                        for i in 0 .. px.Length - 1 do if px.[i] <> 0uy then count <- count + 1
                        if count = 0 then None
                        else
                            let k = Seed.intBelow (Seed.derive seed 0L) count
                            let mutable seen, at = 0, -1
                            let mutable i = 0
                            while at < 0 do
                                if px.[i] <> 0uy then
                                    if seen = k then at <- i
                                    seen <- seen + 1
                                i <- i + 1
                            Some(at % m.Width, at / m.Width)
            match picked with
            | Some (x, y) ->
                let dx = Seed.intBelow (Seed.derive seed 1L) width
                let dy = Seed.intBelow (Seed.derive seed 2L) height
                { X = Math.Clamp(x - dx, 0, W - width); Y = Math.Clamp(y - dy, 0, H - height); Width = width; Height = height }
            | None ->
                { X = Seed.intBelow (Seed.derive seed 1L) (W - width + 1); Y = Seed.intBelow (Seed.derive seed 2L) (H - height + 1)
                  Width = width; Height = height }))
    [<CompiledName("CropNonEmptyMaskIfExists")>]
    let cropNonEmptyMaskIfExists height width =
        cropNonEmptyMaskIfExistsUntagged height width
        |> Aug.withSource "CropNonEmptyMaskIfExists" [ "height", box height; "width", box width ]

    // ---- displacement fields: ElasticTransform, GridDistortion, OpticalDistortion (Step.Remap)

    /// A remap step whose map <paramref name="write"/> fills into two pooled arrays (of at least Width * Height entries),
    /// which the runner gives back to the pool once the step has run.
    let private remapStep (name: string) (v: SampleView) (interp: Interpolation) (border: BorderMode) (fill: float) (write: float32[] -> float32[] -> unit) =
        checkInterp "Interpolation" interp
        let f = float32 (Math.Clamp(fill, float v.Range.Min, float v.Range.Max))
        let map () =
            let n = v.Shape.Width * v.Shape.Height
            let mx, my = RemapMaps.rent n, RemapMaps.rent n
            write mx my
            mx, my
        Step.Remap
            { Name = name; Width = v.Shape.Width; Height = v.Shape.Height; Map = lazy (map ()); Interpolation = interp
              Border = border; Fill = [| f |]; MaskFill = 0uy; Filter = BoxFilter.Default }

    /// <summary>The Gaussian kernel size ElasticTransform smooths its fields with: OpenCV's rule for float images,
    /// <c>cvRound(sigma * 8 + 1) | 1</c> (a radius of 4 sigma, as scipy's <c>gaussian_filter</c> with truncate 4).</summary>
    let elasticKernelSize (sigma: float) = int (Math.Round(sigma * 8.0 + 1.0, MidpointRounding.ToEven)) ||| 1

    /// <summary>ElasticTransform's map on a <paramref name="width"/> x <paramref name="height"/> image: for pixel k =
    /// i * width + j, Philox block k of the seed's stream (counter <c>(low 32 bits of k, 0x80000000 | high bits, stream0,
    /// stream1)</c>, as <c>NoiseKernels</c>) gives <c>dx = 2 u(X0, X1) - 1</c> and <c>dy = 2 u(X2, X3) - 1</c> in float32
    /// (u: <c>Philox4x32.ToUnitDouble</c>); each field is smoothed by the separable Gaussian of <paramref name="sigma"/>
    /// (<c>elasticKernelSize</c>, weights <c>FilterKernels.GaussianKernel</c>, border reflect-101, float32); the map is
    /// <c>(j + 0.5) + alpha * dx</c>, <c>(i + 0.5) + alpha * dy</c> in float32 (alpha rounded to float32). Runs as <c>GeometryKernels.ElasticMap</c>, every SIMD
    /// path the bits of the scalar reference in Properties.Tests/RemapTests.fs.</summary>
    let private elasticMapInto (alpha: float) (sigma: float) (seed: Seed) (width: int) (height: int) (sx: float32[]) (sy: float32[]) =
        let struct (k0, k1, s0, s1) = seed.Words
        let kernel = FilterKernels.GaussianKernel(elasticKernelSize sigma, sigma)
        GeometryKernels.ElasticMap(k0, k1, s0, s1, float32 alpha, ReadOnlySpan kernel, width, height, Span sx, Span sy)

    let elasticMap (alpha: float) (sigma: float) (seed: Seed) (width: int) (height: int) =
        let sx, sy = Array.zeroCreate<float32> (width * height), Array.zeroCreate<float32> (width * height)
        elasticMapInto alpha sigma seed width height sx sy
        sx, sy

    let private elasticSpec : OpSpec<ElasticParams> =
        geometric "ElasticTransform" "Remaps through a smoothed random displacement field (albumentations ElasticTransform, uniform noise)."
            (fun p ->
                Domain.within "Alpha" 0.0 1e4 p.Alpha
                checkSigma "Sigma" p.Sigma
                noiseSeed p.Seed |> ignore
                checkFill p.Fill)
            (fun p v ->
                if p.Alpha = 0.0 then Step.Nothing
                else
                    let seed = noiseSeed p.Seed
                    remapStep "ElasticTransform" v p.Interpolation p.Border p.Fill (elasticMapInto p.Alpha p.Sigma seed v.Shape.Width v.Shape.Height))

    /// <summary>albumentations' <c>ElasticTransform(alpha, sigma, noise_distribution="uniform")</c> (its
    /// <c>generate_displacement_fields</c>, then <c>cv2.remap</c>): two fields dx, dy of U(-1, 1) per pixel, each smoothed
    /// by a Gaussian of <paramref name="sigma"/> pixels and scaled by <paramref name="alpha"/>; output pixel (j, i) reads
    /// the input at (j + dx, i + dy) (<c>elasticMap</c> gives the formula). The noise is this library's: Philox indexed by
    /// pixel from a seed the op draws (recorded as <c>Seed</c>), so the bits do not depend on threads or paths; the
    /// Gaussian is OpenCV's for float images (radius 4 sigma) with border reflect-101 (albumentations' own default
    /// noise is Gaussian, not offered here). The mask follows with nearest neighbour; boxes are the bounding box of their
    /// edge points (every pixel along each edge) moved through the map's numerical inverse, clipped and filtered with
    /// <c>BoxFilter.Default</c> (albumentations moves boxes through a rendered mask), and keypoints move through the same
    /// inverse (within 0.5 px; off the image, invisible). Matches albumentations' geometry in law, not in draws.
    /// albumentations' default border is <c>Reflect101</c>. alpha 0 is the identity.</summary>
    /// <exception cref="System.ArgumentException">alpha is not in [0, 10000], sigma not in (0, 50], Area interpolation, or a fill that is not finite.</exception>
    let private elasticTransformUntagged (alpha: float) (sigma: float) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        Domain.within "alpha" 0.0 1e4 alpha
        checkSigma "sigma" sigma
        checkWarpArgs interpolation fill
        Aug.op (Op.ofSpec elasticSpec (fun seed _ ->
            { Alpha = alpha; Sigma = sigma; Seed = string (Seed.derive seed 0L); Interpolation = interpolation; Border = border; Fill = fill }))
    [<CompiledName("ElasticTransform")>]
    let elasticTransform alpha sigma interpolation border fill =
        elasticTransformUntagged alpha sigma interpolation border fill
        |> Aug.withSource "ElasticTransform"
            [ "alpha", box alpha; "sigma", box sigma; "interpolation", box interpolation; "border", box border
              "fill", box fill ]

    /// <summary>The 1-D map of GridDistortion along an axis of <paramref name="size"/> pixels: the source coordinate of
    /// each pixel centre. With <c>step = size / numSteps</c> (integer division) and <c>last = size - numSteps * step</c>, the
    /// steps are normalised as albumentations' <c>normalize_grid_distortion_steps</c> does (its default,
    /// <c>normalized=True</c>): <c>steps[numSteps]</c> is scaled by <c>last / step</c>, then every step by
    /// <c>size / sum(step * steps)</c>, so the grid ends at the edge. The knots are albumentations' (<c>generate_grid</c>):
    /// output position <c>t_k = k * step</c> maps to <c>s_k</c>, <c>s_0 = 0</c>, <c>s_(k+1) = s_k + step * steps[k]</c>, for
    /// k = 0 .. numSteps, and (size, size) closes the last, shorter cell; between knots the map is linear,
    /// <c>s_k + (x - t_k) * ((s_(k+1) - s_k) / (t_(k+1) - t_k))</c> at x = j + 0.5, in double, rounded to float32.
    /// (albumentations' compensation uses <c>min(size, (numSteps + 1) * step) - numSteps * step</c>, the same when
    /// <c>last &lt; step</c>; otherwise it leaves its last pixels unmapped.)</summary>
    let gridDistortionAxis (numSteps: int) (steps: float[]) (size: int) =
        let step = size / numSteps
        let last = size - numSteps * step
        let st = Array.copy steps
        if step > 0 then st.[numSteps] <- st.[numSteps] * float last / float step
        let total = st |> Array.sumBy (fun f -> f * float step)
        let scale = if total > 0.0 && float size <> total then float size / total else 1.0
        let knots = Collections.Generic.List<float * float>()
        knots.Add((0.0, 0.0))
        let mutable prev = 0.0
        for k in 0 .. numSteps - 1 do
            prev <- prev + float step * (st.[k] * scale)
            knots.Add((float ((k + 1) * step), prev))
        if last > 0 then knots.Add((float size, float size))
        Array.init size (fun j ->
            let x = float j + 0.5
            let mutable k = 0
            while k + 2 < knots.Count && (fst knots.[k + 1] <= x || fst knots.[k + 1] = fst knots.[k]) do k <- k + 1
            let (t0, s0), (t1, s1) = knots.[k], knots.[k + 1]
            float32 (if t1 = t0 then s0 else s0 + (x - t0) * ((s1 - s0) / (t1 - t0))))

    /// <summary>GridDistortion's map: <c>mapX[i * width + j] = gridDistortionAxis numSteps xSteps width [j]</c> and
    /// <c>mapY[i * width + j] = gridDistortionAxis numSteps ySteps height [i]</c> (albumentations' <c>np.meshgrid(xx, yy)</c>).</summary>
    let private gridDistortionMapInto (numSteps: int) (xSteps: float[]) (ySteps: float[]) (width: int) (height: int) (mx: float32[]) (my: float32[]) =
        let xx = gridDistortionAxis numSteps xSteps width
        let yy = gridDistortionAxis numSteps ySteps height
        for i in 0 .. height - 1 do
            Array.blit xx 0 mx (i * width) width
            Array.Fill(my, yy.[i], i * width, width)

    let gridDistortionMap (numSteps: int) (xSteps: float[]) (ySteps: float[]) (width: int) (height: int) =
        let mx, my = Array.zeroCreate<float32> (width * height), Array.zeroCreate<float32> (width * height)
        gridDistortionMapInto numSteps xSteps ySteps width height mx my
        mx, my

    let private gridDistortionSpec : OpSpec<GridDistortionParams> =
        geometric "GridDistortion" "Moves the lines of a num_steps grid and remaps piecewise-linearly (albumentations GridDistortion)."
            (fun p ->
                Domain.intWithin "NumSteps" 1 1000 p.NumSteps
                for name, xs in [ "XSteps", p.XSteps; "YSteps", p.YSteps ] do
                    if isNull xs || xs.Length <> p.NumSteps + 1 then
                        Throw.Argument(name, (if isNull xs then "null" else sprintf "%d factors" xs.Length), sprintf "NumSteps + 1 = %d factors" (p.NumSteps + 1))
                    xs |> Array.iter (Domain.within name 0.0 10.0)
                checkFill p.Fill)
            (fun p v ->
                if Array.forall ((=) 1.0) p.XSteps && Array.forall ((=) 1.0) p.YSteps then Step.Nothing
                else
                    remapStep "GridDistortion" v p.Interpolation p.Border p.Fill
                        (gridDistortionMapInto p.NumSteps p.XSteps p.YSteps v.Shape.Width v.Shape.Height))

    /// <summary>albumentations' <c>GridDistortion(num_steps, distort_limit, normalized=True)</c> (1.4's
    /// <c>normalize_grid_distortion_steps</c> and <c>generate_grid</c>, then <c>cv2.remap</c>): <c>numSteps + 1</c> factors
    /// <c>1 + d</c> per axis, d drawn from <paramref name="distortLimit"/> (recorded unnormalised), place the grid lines; the
    /// map is piecewise linear between them (<c>gridDistortionAxis</c>). The knots are albumentations';
    /// between them albumentations fills pixels with <c>np.linspace(prev, cur, end - start)</c>, which puts the segment's
    /// end value on its last pixel, where this map interpolates over the segment's whole length on pixel centres, so the
    /// two maps differ by up to <c>(cur - prev) / (step - 1)</c> (about a pixel), and a distortion of 0 is the identity
    /// here. Boxes, keypoints and the mask
    /// move as in <c>ElasticTransform</c>. albumentations' default border is <c>Reflect101</c>.</summary>
    /// <exception cref="System.ArgumentException">numSteps is not 1 to 1000, distortLimit can draw a value outside [-1, 9],
    /// Area interpolation, or a fill that is not finite.</exception>
    let private gridDistortionUntagged (numSteps: int) (distortLimit: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        Domain.intWithin "numSteps" 1 1000 numSteps
        let distortLimit = samplerArg "distortLimit" distortLimit
        samplerWithin "distortLimit" distortLimit -1.0 9.0 "a sampler of distortions in [-1, 9] (the step factor is 1 + the draw)"
        checkWarpArgs interpolation fill
        Aug.op (Op.ofSpec gridDistortionSpec (fun seed _ ->
            let draw k = 1.0 + Sampler.draw distortLimit (Seed.derive seed k)
            { NumSteps = numSteps
              XSteps = Array.init (numSteps + 1) (fun k -> draw (int64 k))
              YSteps = Array.init (numSteps + 1) (fun k -> draw (int64 (numSteps + 1 + k)))
              Interpolation = interpolation; Border = border; Fill = fill }))
    [<CompiledName("GridDistortion")>]
    let gridDistortion numSteps distortLimit interpolation border fill =
        gridDistortionUntagged numSteps distortLimit interpolation border fill
        |> Aug.withSource "GridDistortion"
            [ "numSteps", box numSteps; "distortLimit", box distortLimit; "interpolation", box interpolation
              "border", box border; "fill", box fill ]

    /// <summary>OpticalDistortion's map (OpenCV's <c>cv2.initUndistortRectifyMap</c> with camera matrix
    /// <c>[[W, 0, W/2 + dx], [0, H, H/2 + dy], [0, 0, 1]]</c>, distortion <c>(k, k, 0, 0, 0)</c>, no rotation, and the
    /// default new camera matrix, whose principal point is the image centre): for the pixel centre (u, v) =
    /// (j + 0.5, i + 0.5), in double, <c>a = u - W/2</c>, <c>b = v - H/2</c>, <c>x = a / W</c>, <c>y = b / H</c>,
    /// <c>r2 = x^2 + y^2</c>, <c>kr = 1 + k r2 + k r2^2</c>; the source is <c>(W/2 + dx + a kr, H/2 + dy + b kr)</c>,
    /// rounded to float32 (OpenCV's <c>fx (x kr) + cx</c>, written so that k = 0 is exact).</summary>
    let private opticalDistortionMapInto (k: float) (dx: float) (dy: float) (width: int) (height: int) (mx: float32[]) (my: float32[]) =
        // GeometryKernels.OpticalMap: the formula above lane by lane (every SIMD path the bits of the scalar reference
        // in Properties.Tests/RemapTests.fs).
        GeometryKernels.OpticalMap(k, dx, dy, width, height, Span mx, Span my)

    let opticalDistortionMap (k: float) (dx: float) (dy: float) (width: int) (height: int) =
        let mx, my = Array.zeroCreate<float32> (width * height), Array.zeroCreate<float32> (width * height)
        opticalDistortionMapInto k dx dy width height mx my
        mx, my

    let private opticalDistortionSpec : OpSpec<OpticalDistortionParams> =
        geometric "OpticalDistortion" "Radial lens distortion of OpenCV's camera model, k1 = k2 = k, shifted centre (albumentations OpticalDistortion)."
            (fun p ->
                Domain.within "K" -100.0 100.0 p.K
                Domain.within "DX" -1e4 1e4 p.DX
                Domain.within "DY" -1e4 1e4 p.DY
                checkFill p.Fill)
            (fun p v ->
                if p.K = 0.0 && p.DX = 0.0 && p.DY = 0.0 then Step.Nothing
                else
                    remapStep "OpticalDistortion" v p.Interpolation p.Border p.Fill
                        (opticalDistortionMapInto p.K p.DX p.DY v.Shape.Width v.Shape.Height))

    /// <summary>albumentations' <c>OpticalDistortion(distort_limit, shift_limit)</c> (1.x <c>optical_distortion</c>):
    /// k drawn from <paramref name="distortLimit"/>, the principal point's shift dx, dy each a draw of
    /// <paramref name="shiftLimit"/> rounded half to even to whole pixels (Python's <c>round</c>, as albumentations does);
    /// the map is <c>cv2.initUndistortRectifyMap</c>'s radial model written out (<c>opticalDistortionMap</c>), then a remap.
    /// OpenCV's default new camera matrix centres at pixel index (W - 1) / 2 while the distorted camera's centre is
    /// W / 2 + dx, a half-pixel shift that this map leaves out (the output's centre is W / 2 in continuous coordinates), so
    /// k = 0 without shift is the identity; otherwise the geometry is OpenCV's within half a pixel. Boxes, keypoints and
    /// the mask move as in <c>ElasticTransform</c>; below about k = -0.36 the map folds back at the corners (the image
    /// there repeats, as in OpenCV), and a box or keypoint follows the preimage nearest the output pixel that reads
    /// nearest to it. albumentations' default border is <c>Reflect101</c>.</summary>
    /// <exception cref="System.ArgumentException">distortLimit can draw a value outside [-100, 100], shiftLimit outside
    /// [-10000, 10000], Area interpolation, or a fill that is not finite.</exception>
    let private opticalDistortionUntagged (distortLimit: Sampler) (shiftLimit: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        let distortLimit, shiftLimit = samplerArg "distortLimit" distortLimit, samplerArg "shiftLimit" shiftLimit
        samplerWithin "distortLimit" distortLimit -100.0 100.0 "a sampler of coefficients in [-100, 100]"
        let slo, shi = Sampler.bounds shiftLimit
        if slo < -1e4 || shi > 1e4 then Throw.Argument("shiftLimit", string shiftLimit, "a sampler of shifts in [-10000, 10000] pixels")
        checkWarpArgs interpolation fill
        Aug.op (Op.ofSpec opticalDistortionSpec (fun seed _ ->
            let d k = Sampler.draw shiftLimit (Seed.derive seed k)
            { K = Sampler.draw distortLimit (Seed.derive seed 0L)
              DX = Math.Round(d 1L, MidpointRounding.ToEven); DY = Math.Round(d 2L, MidpointRounding.ToEven)
              Interpolation = interpolation; Border = border; Fill = fill }))
    [<CompiledName("OpticalDistortion")>]
    let opticalDistortion distortLimit shiftLimit interpolation border fill =
        opticalDistortionUntagged distortLimit shiftLimit interpolation border fill
        |> Aug.withSource "OpticalDistortion"
            [ "distortLimit", box distortLimit; "shiftLimit", box shiftLimit; "interpolation", box interpolation
              "border", box border; "fill", box fill ]

    let private moreGeometric : OpInfo list =
        [ Op.info transposeSpec; Op.info d4Spec; Op.info perspectiveSpec; Op.info shiftScaleRotateSpec
          Op.info randomRotationSpec; Op.info randomZoomSpec; Op.info randomTranslationSpec; Op.info randomShearSpec
          Op.info randomFlipSpec; Op.info longestMaxSizeSpec; Op.info smallestMaxSizeSpec; Op.info cropFixedSpec
          Op.info padSpec; Op.info padIfNeededSpec; Op.info resizeWithCropOrPadSpec; Op.info bboxSafeSpec
          Op.info cropNonEmptySpec; Op.info elasticSpec; Op.info gridDistortionSpec; Op.info opticalDistortionSpec ]

    // ------------------------------------------------------------------ more colour ops
    // New colour ops go in this section, each listed in moreColour for the catalogue.

    /// A kernel that keeps the element type and range.
    let private colourKernel name (run: PixelBuffer -> PixelBuffer -> unit) = Step.Kernel(Steps.kernel name 0 run)

    /// RGB or RGBA views only; names the image.
    let private needColour (op: string) (v: SampleView) =
        if v.Shape.Channels < 3 then
            Throw.Argument("image", sprintf "a %d-channel image" v.Shape.Channels, sprintf "an RGB or RGBA image (%s works on colour)" op)

    let private checkFactorF32 (field: string) (v: float) =
        Domain.finite field v
        if not (Single.IsFinite(float32 v)) then Throw.Argument(field, v, "a factor that is a finite float32")

    let private saturationSpec : OpSpec<FactorParams> =
        colour OpKind.ImageKernel "Saturation" "RGB to HSV, s = clamp(s * factor, 0, 1), back to RGB (tf.image.adjust_saturation)."
            (fun p -> Domain.within "Factor" 0.0 1e6 p.Factor)
            (fun p v ->
                needColour "Saturation" v
                if p.Factor = 1.0 then Step.Nothing
                else
                    let f = float32 p.Factor
                    Step.Kernel
                        { Steps.kernel "Saturation" 0 (fun src dst ->
                            if src.ElementType = ElementType.Byte then ColourKernels.AdjustSaturation(src.ReadBytes, dst.Bytes, src.Channels, f)
                            else ColourKernels.AdjustSaturation(src.ReadFloats, dst.Floats, src.Channels, f, src.Range))
                            with Device = ValueSome(DeviceKernel.Saturation f) })

    /// <summary><c>tf.image.adjust_saturation</c> with a factor drawn from <paramref name="factor"/> (as
    /// <c>tf.image.random_saturation(lower, upper)</c> with a uniform sampler): per pixel RGB to HSV, the saturation times
    /// the factor clamped to [0, 1], back to RGB, with TensorFlow's float32 formulas (<c>ColourKernels.RgbToHsv</c>).
    /// Float images are taken relative to the range minimum, so on [0, 1] images the result is TensorFlow's bit for
    /// bit; byte images are converted on 0-255 and rounded half to even (TensorFlow converts to [0, 1] and back with
    /// <c>convert_image_dtype</c>, which truncates <c>x * 255.5</c>): within 1 level. Alpha is kept. Factor 1 leaves
    /// the image as it is.</summary>
    /// <exception cref="System.ArgumentException">factor can draw a value outside [0, 1e6]; when run, a 1-channel image.</exception>
    let private saturationUntagged (factor: Sampler) =
        let factor = samplerArg "factor" factor
        samplerWithin "factor" factor 0.0 1e6 "a sampler of factors in [0, 1e6]"
        Aug.op (Op.ofSpec saturationSpec (fun seed _ -> { Factor = Sampler.draw factor (Seed.derive seed 0L) }))
    [<CompiledName("Saturation")>]
    let saturation factor = saturationUntagged factor |> Aug.withSource "Saturation" [ "factor", box factor ]

    let private hueSpec : OpSpec<FactorParams> =
        colour OpKind.ImageKernel "Hue" "Rotates the hue by factor turns in [-1, 1] (tf.image.adjust_hue)."
            (fun p -> Domain.within "Factor" -1.0 1.0 p.Factor)
            (fun p v ->
                needColour "Hue" v
                if p.Factor = 0.0 then Step.Nothing
                else
                    let d = float32 p.Factor
                    Step.Kernel
                        { Steps.kernel "Hue" 0 (fun src dst ->
                            if src.ElementType = ElementType.Byte then ColourKernels.AdjustHue(src.ReadBytes, dst.Bytes, src.Channels, d)
                            else ColourKernels.AdjustHue(src.ReadFloats, dst.Floats, src.Channels, d, src.Range))
                            with Device = ValueSome(DeviceKernel.Hue d) })

    /// <summary><c>tf.image.adjust_hue</c> with a delta (in turns) drawn from <paramref name="delta"/> (as
    /// <c>tf.image.random_hue(max_delta)</c> with <c>Sampler.uniform -max_delta max_delta</c>): per pixel the hue on
    /// [0, 6) of <c>adjust_hue_op.cc</c> plus <c>6 delta</c>, wrapped, back to RGB with TensorFlow's float32 formulas. Float
    /// images relative to the range minimum (bit for bit TensorFlow's on [0, 1]); bytes on 0-255, rounded half to even
    /// (within 1 level of TensorFlow's uint8 path). Alpha is kept; delta 0 leaves the image as it is.</summary>
    /// <exception cref="System.ArgumentException">delta can draw a value outside [-1, 1]; when run, a 1-channel image.</exception>
    let private hueUntagged (delta: Sampler) =
        let delta = samplerArg "delta" delta
        samplerWithin "delta" delta -1.0 1.0 "a sampler of hue shifts in [-1, 1] turns"
        Aug.op (Op.ofSpec hueSpec (fun seed _ -> { Factor = Sampler.draw delta (Seed.derive seed 0L) }))
    [<CompiledName("Hue")>]
    let hue delta = hueUntagged delta |> Aug.withSource "Hue" [ "delta", box delta ]

    let private rgbShiftSpec : OpSpec<RgbShiftParams> =
        colour OpKind.PointColour "RGBShift" "Adds a shift to each of R, G and B, in levels of 255, saturating (albumentations RGBShift)."
            (fun p -> Domain.within "R" -255.0 255.0 p.R; Domain.within "G" -255.0 255.0 p.G; Domain.within "B" -255.0 255.0 p.B)
            (fun p v ->
                needColour "RGBShift" v
                let unit = float v.Range.Width / 255.0
                let shifts = [| p.R; p.G; p.B; 0.0 |]
                Steps.affine v.Shape.Channels (fun _ -> 0f) (fun _ -> 1f) (fun c -> float32 (shifts.[c] * unit)))

    /// <summary>albumentations' <c>RGBShift</c>: adds a shift drawn from each of <paramref name="r"/>, <paramref name="g"/>
    /// and <paramref name="b"/> (levels of a 0-255 scale; on a float image <c>shift / 255</c> of the range width, as
    /// albumentations scales its limits for [0, 1] images) to that channel, saturating; bytes round half to even (exact
    /// for whole shifts; albumentations adds whole or fractional levels in float and clips). Alpha is kept.</summary>
    /// <exception cref="System.ArgumentException">A sampler can draw a value outside [-255, 255]; when run, a 1-channel image.</exception>
    let private rgbShiftUntagged (r: Sampler) (g: Sampler) (b: Sampler) =
        let r, g, b = samplerArg "r" r, samplerArg "g" g, samplerArg "b" b
        for name, s in [ "r", r; "g", g; "b", b ] do
            samplerWithin name s -255.0 255.0 "a sampler of shifts in [-255, 255] levels"
        Aug.op (Op.ofSpec rgbShiftSpec (fun seed _ ->
            { R = Sampler.draw r (Seed.derive seed 0L); G = Sampler.draw g (Seed.derive seed 1L); B = Sampler.draw b (Seed.derive seed 2L) }))
    [<CompiledName("RGBShift")>]
    let rgbShift r g b = rgbShiftUntagged r g b |> Aug.withSource "RGBShift" [ "r", box r; "g", box g; "b", box b ]

    let private checkPermutation (field: string) (p: int[]) =
        if isNull p then Throw.Argument(field, "null", "a permutation")
        let sorted = Array.sort p
        if sorted <> Array.init p.Length id || not (p.Length = 1 || p.Length = 3 || p.Length = 4) then
            Throw.Argument(field, String.Join(",", p), "a permutation of 0 .. channels - 1 (1, 3 or 4 channels)")

    let private channelShuffleSpec : OpSpec<ChannelShuffleParams> =
        colour OpKind.ImageKernel "ChannelShuffle" "Output channel c is input channel Permutation[c] (albumentations ChannelShuffle)."
            (fun p -> checkPermutation "Permutation" p.Permutation)
            (fun p v ->
                if p.Permutation.Length <> v.Shape.Channels then
                    Throw.Argument("Permutation", String.Join(",", p.Permutation), sprintf "a permutation of the image's %d channels" v.Shape.Channels)
                if p.Permutation = Array.init p.Permutation.Length id then Step.Nothing
                else
                    let perm = Array.copy p.Permutation
                    Step.Kernel
                        { Steps.kernel "ChannelShuffle" 0 (fun src dst ->
                            if src.ElementType = ElementType.Byte then ColourKernels.ChannelShuffle(src.ReadBytes, dst.Bytes, src.Channels, ReadOnlySpan perm)
                            else ColourKernels.ChannelShuffle(src.ReadFloats, dst.Floats, src.Channels, ReadOnlySpan perm))
                            with Device = ValueSome(DeviceKernel.ChannelShuffle(Array.copy perm)) })

    /// <summary>albumentations' <c>ChannelShuffle</c>: the image's channels (all of them, alpha included, as albumentations
    /// permutes the last axis) in a uniformly random order, drawn by a Fisher–Yates shuffle from the seed.</summary>
    let private channelShuffleUntagged =
        Aug.op (Op.ofSpec channelShuffleSpec (fun seed v ->
            let n = v.Shape.Channels
            let perm = Array.init n id
            for k in n - 1 .. -1 .. 1 do
                let j = Seed.intBelow (Seed.derive seed (int64 k)) (k + 1)
                let t = perm.[k]
                perm.[k] <- perm.[j]
                perm.[j] <- t
            { Permutation = perm }))
    [<CompiledName("ChannelShuffle")>]
    let channelShuffle = channelShuffleUntagged |> Aug.withSource "ChannelShuffle" []

    let private channelDropoutSpec : OpSpec<ChannelDropoutParams> =
        colour OpKind.PointColour "ChannelDropout" "Sets the drawn channels to a fill value (albumentations ChannelDropout)."
            (fun p ->
                if isNull p.Dropped then Throw.Argument("Dropped", "null", "channel indices")
                for c in p.Dropped do Domain.intWithin "Dropped" 0 3 c
                if (Array.distinct p.Dropped).Length <> p.Dropped.Length then Throw.Argument("Dropped", String.Join(",", p.Dropped), "distinct channel indices")
                Domain.finite "Fill" p.Fill)
            (fun p v ->
                let n = v.Shape.Channels
                if n = 1 then Throw.Argument("image", "a 1-channel image", "an image of 3 or 4 channels (ChannelDropout keeps at least one)")
                if p.Dropped.Length >= n then Throw.Argument("Dropped", String.Join(",", p.Dropped), sprintf "fewer than the image's %d channels" n)
                for c in p.Dropped do
                    if c >= n then Throw.Argument("Dropped", c, sprintf "channel indices below %d" n)
                if p.Dropped.Length = 0 then Step.Nothing
                else
                    let fill = float32 (Math.Clamp(p.Fill, float v.Range.Min, float v.Range.Max))
                    let dropped = Array.init n (fun c -> Array.contains c p.Dropped)
                    Step.Point(PointMap.Func("ChannelDropout", fun c x -> if dropped.[c] then fill else x)))

    /// <summary>albumentations' <c>ChannelDropout(channel_drop_range=(minDrop, maxDrop), fill=fill)</c>: draws how many
    /// channels to drop uniformly in [minDrop, maxDrop], then which (distinct, uniformly, every channel a candidate),
    /// and sets them to <paramref name="fill"/> (value units, clamped to the range). At least one channel stays:
    /// maxDrop must be below the channel count, as albumentations requires.</summary>
    /// <exception cref="System.ArgumentException">minDrop &lt; 1 or maxDrop &lt; minDrop or fill not finite; when run,
    /// a 1-channel image or maxDrop not below the channel count.</exception>
    let private channelDropoutUntagged (minDrop: int) (maxDrop: int) (fill: float) =
        Domain.intWithin "minDrop" 1 3 minDrop
        Domain.intWithin "maxDrop" minDrop 3 maxDrop
        Domain.finite "fill" fill
        Aug.op (Op.ofSpec channelDropoutSpec (fun seed v ->
            let n = v.Shape.Channels
            if n = 1 then Throw.Argument("image", "a 1-channel image", "an image of 3 or 4 channels (ChannelDropout keeps at least one)")
            if maxDrop >= n then Throw.Argument("maxDrop", maxDrop, sprintf "fewer than the image's %d channels" n)
            let k = minDrop + Seed.intBelow (Seed.derive seed 0L) (maxDrop - minDrop + 1)
            let pool = Array.init n id
            // A partial Fisher-Yates: the first k of a shuffle of the channels.
            for i in 0 .. k - 1 do
                let j = i + Seed.intBelow (Seed.derive seed (1L + int64 i)) (n - i)
                let t = pool.[i]
                pool.[i] <- pool.[j]
                pool.[j] <- t
            { Dropped = Array.sort pool.[.. k - 1]; Fill = fill }))
    [<CompiledName("ChannelDropout")>]
    let channelDropout minDrop maxDrop fill =
        channelDropoutUntagged minDrop maxDrop fill
        |> Aug.withSource "ChannelDropout" [ "minDrop", box minDrop; "maxDrop", box maxDrop; "fill", box fill ]

    let private toGraySpec : OpSpec<ToGrayParams> =
        colour OpKind.ImageKernel "ToGray" "Gray by a method (weighted average, average, max, desaturation, L* of Lab, first principal component), channel count kept (albumentations ToGray)."
            (fun p -> Domain.oneOf "Method" [ GrayMethod.WeightedAverage; GrayMethod.Average; GrayMethod.Max; GrayMethod.Desaturation; GrayMethod.FromLab; GrayMethod.Pca ] p.Method)
            (fun p v ->
                if v.Shape.Channels = 1 then Step.Nothing
                else
                    let m = p.Method
                    let perPixel = m = GrayMethod.WeightedAverage || m = GrayMethod.Average || m = GrayMethod.Max || m = GrayMethod.Desaturation
                    Step.Kernel
                        { Steps.kernel "ToGray" 0 (fun src dst ->
                            if src.ElementType = ElementType.Byte then ColourKernels.ToGray(src.ReadBytes, dst.Bytes, src.Channels, m)
                            else ColourKernels.ToGray(src.ReadFloats, dst.Floats, src.Channels, m, src.Range))
                            // FromLab (double cube roots) and Pca (a whole-image statistic) stay on the CPU.
                            with Device = if perPixel then ValueSome(DeviceKernel.ToGray m) else ValueNone })

    /// <summary>albumentations' <c>ToGray</c> with 3 output channels (the gray replicated over R, G and B; alpha kept; a
    /// 1-channel image is left as it is), by <paramref name="method"/>: <c>WeightedAverage</c> (BT.601, the same as
    /// <c>Ops.grayscale</c>), <c>Average</c> (<c>(R + G + B) / 3</c>), <c>Max</c> and <c>Desaturation</c>
    /// (<c>(max + min) / 2</c>), in float32; <c>FromLab</c> (CIE L* of sRGB, as the L channel of OpenCV's
    /// <c>COLOR_RGB2LAB</c>) and <c>Pca</c> (the first principal component of the pixel colours, scaled min-max, as
    /// albumentations' pca method), in double; bytes round half to even (albumentations' uint8 paths round or truncate
    /// by method, and OpenCV's Lab is fixed point: within 1 level).</summary>
    /// <exception cref="System.ArgumentException">method is not one of the six.</exception>
    let private toGrayUntagged (method: GrayMethod) =
        Domain.oneOf "method" [ GrayMethod.WeightedAverage; GrayMethod.Average; GrayMethod.Max; GrayMethod.Desaturation; GrayMethod.FromLab; GrayMethod.Pca ] method
        Aug.op (Op.constant toGraySpec { Method = method })
    [<CompiledName("ToGray")>]
    let toGray method = toGrayUntagged method |> Aug.withSource "ToGray" [ "method", box method ]

    /// The sepia matrix (row-major): out R = 0.393 R + 0.769 G + 0.189 B, and so on.
    let private sepia = [| 0.393f; 0.769f; 0.189f; 0.349f; 0.686f; 0.168f; 0.272f; 0.534f; 0.131f |]

    let private toSepiaSpec : OpSpec<NoParams> =
        colour OpKind.ImageKernel "ToSepia" "The sepia matrix [[0.393,0.769,0.189],[0.349,0.686,0.168],[0.272,0.534,0.131]], clipped (albumentations ToSepia)."
            noCheck
            (fun _ v ->
                needColour "ToSepia" v
                Step.Kernel
                    { Steps.kernel "ToSepia" 0 (fun src dst ->
                        if src.ElementType = ElementType.Byte then ColourKernels.ColourMatrix(src.ReadBytes, dst.Bytes, src.Channels, ReadOnlySpan sepia)
                        else ColourKernels.ColourMatrix(src.ReadFloats, dst.Floats, src.Channels, ReadOnlySpan sepia, src.Range))
                        with Device = ValueSome(DeviceKernel.ColourMatrix sepia) })

    /// <summary>albumentations' <c>ToSepia</c>: each RGB pixel times the sepia matrix
    /// [[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]] in float32, clipped to the range (float
    /// images relative to the range minimum); bytes round half to even, albumentations' <c>cv2.transform</c> rounds too.
    /// Alpha is kept.</summary>
    let private toSepiaUntagged = Aug.op (Op.ofSpec toSepiaSpec (fun _ _ -> NoParams.Value))
    [<CompiledName("ToSepia")>]
    let toSepia = toSepiaUntagged |> Aug.withSource "ToSepia" []

    /// <summary>PIL's <c>ImageOps.autocontrast</c> table (cutoff 0, no ignore) for one channel's histogram: lo and hi
    /// are the lowest and highest non-empty bins; identity when hi &lt;= lo; else <c>scale = 255 / (hi - lo)</c>,
    /// <c>offset = -lo * scale</c> and entry i is <c>int(i * scale + offset)</c> (truncated, in double) clamped to [0, 255].</summary>
    let autoContrastTable (hist: ReadOnlySpan<int64>) =
        let table = Array.init 256 byte
        let mutable lo, hi = -1, -1
        for v in 0 .. 255 do
            if hist.[v] > 0L then
                if lo < 0 then lo <- v
                hi <- v
        if lo >= 0 && hi > lo then
            let scale = 255.0 / float (hi - lo)
            let offset = -(float lo) * scale
            for i in 0 .. 255 do
                table.[i] <- byte (Math.Clamp(int (float i * scale + offset), 0, 255))
        table

    let private autoContrastSpec : OpSpec<NoParams> =
        colour OpKind.StatisticColour "AutoContrast" "Per channel, maps [min, max] to [0, 255] (PIL ImageOps.autocontrast, cutoff 0)." noCheck
            (fun _ v ->
                if v.ElementType <> ElementType.Byte then
                    Throw.Argument("image", "a float32 image", "a byte image (autocontrast works on 256 levels; convert with Ops.toByte)")
                Step.StatPoint(Statistic.Histograms, fun stats ->
                    let tables = Array.init v.Shape.Channels (fun c -> autoContrastTable (ReadOnlySpan(stats.Histograms, c * 256, 256)))
                    PointMap.Func("AutoContrast", fun c x -> float32 tables.[c].[int x])))

    /// <summary>PIL's <c>ImageOps.autocontrast(image, cutoff=0)</c> per channel (byte images; PIL also treats each band of
    /// an RGB image on its own): the channel's lowest value maps to 0 and its highest to 255, linearly, truncated as PIL
    /// truncates; a flat channel is left as it is. Bit for bit PIL's table.</summary>
    let private autoContrastUntagged = Aug.op (Op.ofSpec autoContrastSpec (fun _ _ -> NoParams.Value))
    [<CompiledName("AutoContrast")>]
    let autoContrast = autoContrastUntagged |> Aug.withSource "AutoContrast" []

    let private sharpnessSpec : OpSpec<FactorParams> =
        colour OpKind.Neighbourhood "Sharpness" "Blends with the image smoothed by [[1,1,1],[1,5,1],[1,1,1]]/13, borders kept (PIL ImageEnhance.Sharpness)."
            (fun p -> Domain.within "Factor" -1e3 1e3 p.Factor)
            (fun p v ->
                if p.Factor = 1.0 || v.Shape.Width < 3 || v.Shape.Height < 3 then Step.Nothing
                else
                    let f = float32 p.Factor
                    Step.Filter
                        { Steps.kernel "Sharpness" 0 (fun src dst ->
                            if src.ElementType = ElementType.Byte then
                                ColourKernels.Sharpness(src.ReadBytes, dst.Bytes, src.Width, src.Height, src.Channels, f)
                            else ColourKernels.Sharpness(src.ReadFloats, dst.Floats, src.Width, src.Height, src.Channels, f, src.Range))
                            with Device = ValueSome(DeviceKernel.Sharpness f) })

    /// <summary>PIL's <c>ImageEnhance.Sharpness(image).enhance(factor)</c> (torchvision's <c>adjust_sharpness</c> is the
    /// same rule) with factor drawn from <paramref name="factor"/>: <c>s + factor (x - s)</c>, where s is the image
    /// filtered by <c>ImageFilter.SMOOTH</c> ([[1,1,1],[1,5,1],[1,1,1]] / 13) and border pixels keep their value, as PIL's
    /// 3x3 filter copies them. Float32 arithmetic; bytes round half to even where PIL truncates twice (filter and blend):
    /// within 1 level. Factor 0 blurs, 1 is the identity, 2 sharpens.</summary>
    /// <exception cref="System.ArgumentException">factor can draw a value outside [-1000, 1000].</exception>
    let private sharpnessUntagged (factor: Sampler) =
        let factor = samplerArg "factor" factor
        samplerWithin "factor" factor -1e3 1e3 "a sampler of factors in [-1000, 1000]"
        Aug.op (Op.ofSpec sharpnessSpec (fun seed _ -> { Factor = Sampler.draw factor (Seed.derive seed 0L) }))
    [<CompiledName("Sharpness")>]
    let sharpness factor = sharpnessUntagged factor |> Aug.withSource "Sharpness" [ "factor", box factor ]

    /// <summary>AlexNet's PCA lighting constants for ImageNet RGB in [0, 1] (Krizhevsky et al. 2012, as published in
    /// fb.resnet.torch's <c>transforms.lua</c> and used by timm and GluonCV): eigenvalues, and eigenvectors as columns
    /// of a row-major 3x3 matrix (row = R, G, B).</summary>
    let pcaEigenvalues = [| 0.2175; 0.0188; 0.0045 |]
    /// <summary>The eigenvectors of <c>pcaEigenvalues</c>: <c>pcaEigenvectors.[3 * c + k]</c> is component k's weight in channel c.</summary>
    let pcaEigenvectors = [| -0.5675; 0.7192; 0.4009; -0.5808; -0.0045; -0.8140; -0.5836; -0.6948; 0.4203 |]

    let private fancyPcaSpec : OpSpec<FancyPcaParams> =
        colour OpKind.PointColour "FancyPCA" "Adds eigvec * (alpha .* eigval) of ImageNet's RGB PCA to each pixel (AlexNet lighting)."
            (fun p ->
                if isNull p.Alpha || p.Alpha.Length <> 3 then Throw.Argument("Alpha", (if isNull p.Alpha then "null" else string p.Alpha.Length), "3 component weights")
                for a in p.Alpha do Domain.within "Alpha" -100.0 100.0 a)
            (fun p v ->
                needColour "FancyPCA" v
                let width = float v.Range.Width
                let shift c =
                    if c > 2 then 0f
                    else float32 (width * (Array.init 3 (fun k -> pcaEigenvectors.[3 * c + k] * p.Alpha.[k] * pcaEigenvalues.[k]) |> Array.sum))
                Steps.affine v.Shape.Channels (fun _ -> 0f) (fun _ -> 1f) shift)

    /// <summary>AlexNet's "fancy PCA" lighting (Krizhevsky et al. 2012; fb.resnet.torch's <c>Lighting(0.1, eigval,
    /// eigvec)</c>): three weights <c>alpha_k ~ N(0, sigma)</c> from the seed, then every pixel gets
    /// <c>sum_k eigvec[c][k] * alpha_k * eigval[k]</c> added to channel c, scaled by the range width (the constants are for
    /// [0, 1] images), saturating; bytes round half to even. Uses ImageNet's published eigenvalues and eigenvectors
    /// (<c>Ops.pcaEigenvalues</c>, <c>Ops.pcaEigenvectors</c>); albumentations' <c>FancyPCA</c> computes a PCA of each
    /// image instead, which this op does not. Alpha is kept.</summary>
    /// <exception cref="System.ArgumentException">sigma is negative, above 10 or not finite; when run, a 1-channel image.</exception>
    let private fancyPcaUntagged (sigma: float) =
        Domain.within "sigma" 0.0 10.0 sigma
        Aug.op (Op.ofSpec fancyPcaSpec (fun seed _ ->
            { Alpha = Array.init 3 (fun k ->
                if sigma = 0.0 then 0.0
                else Math.Clamp(Normal.InvCDF(0.0, sigma, Seed.openUniform (Seed.derive seed (int64 k))), -100.0, 100.0)) }))
    [<CompiledName("FancyPCA")>]
    let fancyPca sigma = fancyPcaUntagged sigma |> Aug.withSource "FancyPCA" [ "sigma", box sigma ]

    let private brightnessContrastSpec : OpSpec<BrightnessContrastParams> =
        colour OpKind.PointColour "RandomBrightnessContrast" "alpha * x + beta * max, clipped; bytes truncated through a table (albumentations)."
            (fun p -> Domain.within "Alpha" 0.0 100.0 p.Alpha; Domain.within "Beta" -100.0 100.0 p.Beta)
            (fun p v ->
                let a = float32 p.Alpha
                if p.Alpha = 1.0 && p.Beta = 0.0 then Step.Nothing
                elif v.ElementType = ElementType.Byte then
                    let b = float32 (p.Beta * 255.0)
                    // albumentations: lut = arange(256, float32) * alpha + beta * 255, clip to [0, 255], astype(uint8).
                    Step.Point(PointMap.Func("RandomBrightnessContrast", fun _ x -> MathF.Floor(MathF.Min(MathF.Max(x * a + b, 0f), 255f))))
                else
                    let lo = v.Range.Min
                    let b = float32 (p.Beta * float v.Range.Width)
                    Steps.affine v.Shape.Channels (fun _ -> lo) (fun _ -> a) (fun _ -> lo + b))

    /// <summary>albumentations' <c>RandomBrightnessContrast(brightness_limit, contrast_limit, brightness_by_max=True)</c>:
    /// <c>alpha = 1 + c</c> with c drawn from <paramref name="contrast"/>, <c>beta</c> drawn from
    /// <paramref name="brightness"/>, and <c>alpha * x + beta * max</c>. On bytes the table is albumentations' exactly:
    /// <c>float32(i) * alpha + float32(beta * 255)</c>, clipped and truncated. On float images, relative to the range:
    /// <c>(x - min) * alpha + min + beta * (max - min)</c>, clamped (albumentations' formula on [0, 1]).</summary>
    /// <exception cref="System.ArgumentException">brightness can draw outside [-100, 100], or 1 + contrast outside [0, 100].</exception>
    let private randomBrightnessContrastUntagged (brightness: Sampler) (contrast: Sampler) =
        let brightness, contrast = samplerArg "brightness" brightness, samplerArg "contrast" contrast
        let blo, bhi = Sampler.bounds brightness
        if blo < -100.0 || bhi > 100.0 then Throw.Argument("brightness", string brightness, "a sampler of values in [-100, 100]")
        let clo, chi = Sampler.bounds contrast
        if clo < -1.0 || chi > 99.0 then Throw.Argument("contrast", string contrast, "a sampler of values in [-1, 99] (alpha = 1 + contrast >= 0)")
        Aug.op (Op.ofSpec brightnessContrastSpec (fun seed _ ->
            { Alpha = 1.0 + Sampler.draw contrast (Seed.derive seed 1L); Beta = Sampler.draw brightness (Seed.derive seed 0L) }))
    [<CompiledName("RandomBrightnessContrast")>]
    let randomBrightnessContrast brightness contrast =
        randomBrightnessContrastUntagged brightness contrast
        |> Aug.withSource "RandomBrightnessContrast" [ "brightness", box brightness; "contrast", box contrast ]

    // ------------------------------------------------------------------ element type and range conversions

    /// A kernel that converts to float32 in outRange: (x - sub[c]) * scale[c] + add[c], clamped.
    let private toFloatKernel name (sub: float32[]) (scale: float32[]) (add: float32[]) (outRange: ValueRange) =
        Step.Kernel
            { Steps.kernel name 0 (fun src dst ->
                if src.ElementType = ElementType.Byte then
                    ColourKernels.AffineToFloat(src.ReadBytes, dst.Floats, src.Channels, ReadOnlySpan sub, ReadOnlySpan scale, ReadOnlySpan add, outRange)
                else
                    PixelKernels.ChannelAffine(src.ReadFloats, dst.Floats, src.Channels, ReadOnlySpan sub, ReadOnlySpan scale, ReadOnlySpan add, outRange))
                with OutputType = ValueSome ElementType.Float32; OutputRange = ValueSome outRange
                     Device = ValueSome(DeviceKernel.Convert(sub, scale, add)) }

    /// The declared range of an affine map of [lo, hi]: the extremes of its images of lo and hi over the channels.
    let private affineRange (field: string) (range: ValueRange) (sub: float32[]) (scale: float32[]) (add: float32[]) =
        let ends = [| for c in 0 .. sub.Length - 1 do
                        for x in [ range.Min; range.Max ] -> (x - sub.[c]) * scale.[c] + add.[c] |]
        let lo, hi = Array.min ends, Array.max ends
        if not (Single.IsFinite lo && Single.IsFinite hi && lo < hi) then
            Throw.Argument(field, sprintf "[%g, %g]" lo hi, "an output range of finite float32 bounds with min < max")
        ValueRange(lo, hi)

    let private checkRange (p: RangeParams) =
        Domain.finite "Min" p.Min
        Domain.finite "Max" p.Max
        if not (float32 p.Min < float32 p.Max && Single.IsFinite(float32 p.Min) && Single.IsFinite(float32 p.Max)) then
            Throw.Argument("Max", p.Max, sprintf "a float32 greater than Min (%g)" p.Min)

    let private toFloat32Spec : OpSpec<RangeParams> =
        colour OpKind.ImageKernel "ToFloat32" "Converts to float32 in [Min, Max], mapping the value range linearly (Image.ToFloat32)."
            checkRange
            (fun p v ->
                let r = ValueRange(float32 p.Min, float32 p.Max)
                if v.ElementType = ElementType.Float32 && v.Range = r then Step.Nothing
                else
                    let n = v.Shape.Channels
                    let scale = r.Width / v.Range.Width
                    toFloatKernel "ToFloat32" (Array.create n v.Range.Min) (Array.create n scale) (Array.create n r.Min) r)

    /// <summary>Converts to float32 in [<paramref name="min"/>, <paramref name="max"/>], mapping the value range linearly,
    /// with the same float32 arithmetic as <c>Image.ToFloat32</c> (so the same bits): bytes 0 to 255 to
    /// <c>min + x * (max - min) / 255</c> (albumentations' <c>ToFloat(max_value=255)</c> and
    /// <c>tf.image.convert_image_dtype</c> for [0, 1], which multiply by <c>1 / 255</c>: within 1 ulp). Later ops see
    /// the float image and its range.</summary>
    /// <exception cref="System.ArgumentException">min and max are not finite float32 with min &lt; max.</exception>
    let private toFloat32Untagged (min: float) (max: float) =
        if not (Double.IsFinite min) then Throw.Argument("min", min, "a finite number")
        if not (Double.IsFinite max && float32 min < float32 max) then Throw.Argument("max", max, sprintf "a finite float32 greater than min (%g)" min)
        Aug.op (Op.constant toFloat32Spec { Min = min; Max = max })
    [<CompiledName("ToFloat32")>]
    let toFloat32 min max = toFloat32Untagged min max |> Aug.withSource "ToFloat32" [ "min", box min; "max", box max ]

    let private toByteSpec : OpSpec<NoParams> =
        colour OpKind.ImageKernel "ToByte" "Converts to bytes, mapping the value range to [0, 255], rounding half to even (Image.ToByte)." noCheck
            (fun _ v ->
                if v.ElementType = ElementType.Byte then Step.Nothing
                else
                    let n = v.Shape.Channels
                    // The coefficients are made once per plan, not per kernel call.
                    let sub, scale, add = Array.create n v.Range.Min, Array.create n (255f / v.Range.Width), Array.zeroCreate<float32> n
                    Step.Kernel
                        { Steps.kernel "ToByte" 0 (fun src dst ->
                            ColourKernels.AffineToByte(src.ReadFloats, dst.Bytes, src.Channels, ReadOnlySpan sub, ReadOnlySpan scale, ReadOnlySpan add))
                            with OutputType = ValueSome ElementType.Byte
                                 Device = ValueSome(DeviceKernel.Convert(sub, scale, add)) })

    /// <summary>Converts a float image to bytes: the value range maps linearly to [0, 255], rounded half to even and
    /// saturated, the same bits as <c>Image.ToByte</c> (albumentations' <c>FromFloat(max_value=255)</c> truncates
    /// instead, and <c>tf.image.convert_image_dtype</c> truncates <c>x * 255.5</c>: within 1 level). A byte image is left
    /// as it is.</summary>
    let private toByteUntagged = Aug.op (Op.ofSpec toByteSpec (fun _ _ -> NoParams.Value))
    [<CompiledName("ToByte")>]
    let toByte = toByteUntagged |> Aug.withSource "ToByte" []

    let private checkNormalizeAs (meanField: string) (stdField: string) (mean: float[]) (std: float[]) =
        if isNull mean || not (mean.Length = 1 || mean.Length = 3 || mean.Length = 4) then
            Throw.Argument(meanField, (if isNull mean then "null" else sprintf "%d values" mean.Length), "1, 3 or 4 means")
        if isNull std || std.Length <> mean.Length then
            Throw.Argument(stdField, (if isNull std then "null" else sprintf "%d values" std.Length), sprintf "as many deviations as means (%d)" mean.Length)
        for m in mean do Domain.within meanField -1e6 1e6 m
        for s in std do Domain.within stdField 1e-6 1e6 s

    let private checkNormalize (p: NormalizeParams) = checkNormalizeAs "Mean" "Std" p.Mean p.Std

    /// Per-channel values of a 1-or-n list.
    let private perChannel (field: string) (n: int) (xs: float[]) =
        if xs.Length = 1 then Array.create n xs.[0]
        elif xs.Length = n then xs
        else Throw.Argument(field, sprintf "%d values" xs.Length, sprintf "1 or %d values (one per channel)" n); [||]

    let private normalizeSpec : OpSpec<NormalizeParams> =
        colour OpKind.ImageKernel "Normalize" "(x - mean) / std per channel to float32, mean and std in fractions of the range (albumentations Normalize)."
            checkNormalize
            (fun p v ->
                let n = v.Shape.Channels
                let mean, std = perChannel "Mean" n p.Mean, perChannel "Std" n p.Std
                let w = float v.Range.Width
                let sub = Array.init n (fun c -> float32 (float v.Range.Min + mean.[c] * w))
                let scale = Array.init n (fun c -> float32 (1.0 / (std.[c] * w)))
                let add = Array.zeroCreate n
                toFloatKernel "Normalize" sub scale add (affineRange "Std" v.Range sub scale add))

    /// <summary>albumentations' <c>Normalize(mean, std, max_pixel_value)</c> generalised to any value range: per channel
    /// <c>(x - (min + mean * (max - min))) * (1 / (std * (max - min)))</c> in float32, written as a float32 image. On
    /// bytes this is albumentations' formula with <c>max_pixel_value = 255</c> (it too multiplies by the reciprocal);
    /// on [0, 1] images it is torchvision's <c>Normalize(mean, std)</c> up to that reciprocal (within 1 ulp). The
    /// output's declared range is the image of the input range (the extremes over the channels), so later ops clamp
    /// to it; ImageNet's values are mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225). One value applies to every
    /// channel.</summary>
    /// <exception cref="System.ArgumentException">mean and std are not 1, 3 or 4 values of the same count, a std is not in
    /// [1e-6, 1e6]; when run, their count is neither 1 nor the channel count.</exception>
    let private normalizeUntagged (mean: float[]) (std: float[]) =
        if isNull mean then nullArg "mean"
        if isNull std then nullArg "std"
        checkNormalizeAs "mean" "std" mean std
        Aug.op (Op.constant normalizeSpec { Mean = Array.copy mean; Std = Array.copy std })
    [<CompiledName("Normalize")>]
    let normalize mean std =
        normalizeUntagged mean std
        |> Aug.withSource "Normalize" [ "mean", box mean; "std", box std ]

    let private rescalingSpec : OpSpec<RescalingParams> =
        colour OpKind.ImageKernel "Rescaling" "x * scale + offset to float32 (Keras Rescaling)."
            (fun p ->
                Domain.within "Scale" -1e6 1e6 p.Scale
                if p.Scale = 0.0 then Throw.Argument("Scale", p.Scale, "a non-zero scale")
                Domain.within "Offset" -1e6 1e6 p.Offset)
            (fun p v ->
                let n = v.Shape.Channels
                let sub, scale, add = Array.zeroCreate n, Array.create n (float32 p.Scale), Array.create n (float32 p.Offset)
                toFloatKernel "Rescaling" sub scale add (affineRange "Scale" v.Range sub scale add))

    /// <summary>Keras' <c>Rescaling(scale, offset)</c>: <c>x * scale + offset</c> in float32, written as a float32 image
    /// whose declared range is the image of the input range (<c>Rescaling(1/255)</c> takes bytes to [0, 1];
    /// <c>Rescaling(1/127.5, -1)</c> to [-1, 1]).</summary>
    /// <exception cref="System.ArgumentException">scale is 0 or outside [-1e6, 1e6], or offset outside [-1e6, 1e6].</exception>
    let private rescalingUntagged (scale: float) (offset: float) =
        Domain.within "scale" -1e6 1e6 scale
        if scale = 0.0 then Throw.Argument("scale", scale, "a non-zero scale")
        Domain.within "offset" -1e6 1e6 offset
        Aug.op (Op.constant rescalingSpec { Scale = scale; Offset = offset })
    [<CompiledName("Rescaling")>]
    let rescaling scale offset =
        rescalingUntagged scale offset
        |> Aug.withSource "Rescaling" [ "scale", box scale; "offset", box offset ]

    /// <summary>Runs a byte kernel on any image: a float image goes to bytes of its value range
    /// (<c>round((x - min) * 255 / (max - min))</c>, half to even, saturated), through the kernel, and back
    /// (<c>min + b * (max - min) / 255</c>), as albumentations' <c>uint8_io</c> does for [0, 1] images.</summary>
    let private throughBytes (run: PixelBuffer -> PixelBuffer -> unit) (src: PixelBuffer) (dst: PixelBuffer) =
        if src.ElementType = ElementType.Byte then run src dst
        else
            let r = src.Range
            let a = PixelBuffer.Rent(src.Width, src.Height, src.Channels, ElementType.Byte, ValueRange.Byte)
            let b = PixelBuffer.Rent(src.Width, src.Height, src.Channels, ElementType.Byte, ValueRange.Byte)
            try
                let s = src.ReadFloats
                let t = a.Bytes
                let up = 255f / r.Width
                for i in 0 .. s.Length - 1 do
                    t.[i] <- byte (MathF.Min(MathF.Max(MathF.Round((s.[i] - r.Min) * up), 0f), 255f))
                run a b
                let u = b.ReadBytes
                let d = dst.Floats
                let down = r.Width / 255f
                for i in 0 .. d.Length - 1 do
                    d.[i] <- MathF.Min(MathF.Max(r.Min + float32 u.[i] * down, r.Min), r.Max)
            finally
                a.Return()
                b.Return()

    let private claheSpec : OpSpec<ClaheParams> =
        colour OpKind.ImageKernel "CLAHE"
            "Contrast-limited adaptive histogram equalisation per colour channel (cv2.createCLAHE(clipLimit, tileGridSize).apply)."
            (fun p ->
                Domain.within "ClipLimit" 0.0 1000.0 p.ClipLimit
                Domain.intWithin "TilesX" 1 64 p.TilesX
                Domain.intWithin "TilesY" 1 64 p.TilesY)
            (fun p _ ->
                colourKernel "CLAHE" (throughBytes (fun src dst ->
                    ClaheKernels.Clahe(src.ReadBytes, dst.Bytes, src.Width, src.Height, src.Channels, p.ClipLimit, p.TilesX, p.TilesY))))

    /// <summary>Contrast-limited adaptive histogram equalisation as OpenCV's <c>cv2.createCLAHE(clipLimit, (tilesX,
    /// tilesY)).apply</c> (albumentations' <c>CLAHE(clip_limit, tile_grid_size)</c> draws the clip limit uniformly; here
    /// from <paramref name="clipLimit"/>): per tile a clipped, redistributed histogram and its table, blended bilinearly
    /// between the four nearest tiles, with OpenCV's reflect-101 padding when the grid does not divide the image
    /// (<c>ClaheKernels.Clahe</c> documents every step). Bit for bit OpenCV's scalar path on each channel plane.
    /// Convention: on 3- and 4-channel images every colour channel is equalised on its own (imgaug's
    /// <c>AllChannelsCLAHE</c>) and alpha is kept; albumentations instead equalises the L channel of LAB, which this op
    /// does not reproduce (its colours can shift where albumentations' keep their hue). Float images go to bytes of
    /// their value range and back (albumentations' <c>uint8_io</c>), so they come back on 256 levels.</summary>
    /// <exception cref="System.ArgumentException">clipLimit can draw a value outside [0, 1000], or a tile count is not 1
    /// to 64.</exception>
    let private claheUntagged (clipLimit: Sampler) (tilesX: int) (tilesY: int) =
        let clipLimit = samplerArg "clipLimit" clipLimit
        samplerWithin "clipLimit" clipLimit 0.0 1000.0 "a sampler of clip limits in [0, 1000]"
        Domain.intWithin "tilesX" 1 64 tilesX
        Domain.intWithin "tilesY" 1 64 tilesY
        Op.ofSpec claheSpec (fun seed _ -> { ClipLimit = Sampler.draw clipLimit (Seed.derive seed 0L); TilesX = tilesX; TilesY = tilesY })
        |> Op.within (fun (p: ClaheParams) ->
            Op.inSampler "ClipLimit" clipLimit p.ClipLimit
            if p.TilesX <> tilesX then Throw.Argument("TilesX", p.TilesX, sprintf "this op's %d tiles across" tilesX)
            if p.TilesY <> tilesY then Throw.Argument("TilesY", p.TilesY, sprintf "this op's %d tiles down" tilesY))
        |> Aug.op
    [<CompiledName("CLAHE")>]
    let clahe clipLimit tilesX tilesY =
        claheUntagged clipLimit tilesX tilesY
        |> Aug.withSource "CLAHE" [ "clipLimit", box clipLimit; "tilesX", box tilesX; "tilesY", box tilesY ]

    let private colorJitterSpec : OpSpec<ColorJitterParams> =
        colour OpKind.ImageKernel "ColorJitter"
            "Brightness, contrast, saturation and hue in a drawn order, with torchvision's kernels (torchvision.transforms.v2.ColorJitter)."
            (fun p ->
                if isNull p.Order || Array.sort p.Order <> [| 0; 1; 2; 3 |] then
                    Throw.Argument("Order", (if isNull p.Order then "null" else String.Join(",", p.Order)), "a permutation of 0 to 3")
                Domain.within "Brightness" 0.0 1e6 p.Brightness
                Domain.within "Contrast" 0.0 1e6 p.Contrast
                Domain.within "Saturation" 0.0 1e6 p.Saturation
                Domain.within "Hue" -0.5 0.5 p.Hue)
            (fun p _ ->
                if p.Brightness = 1.0 && p.Contrast = 1.0 && p.Saturation = 1.0 && p.Hue = 0.0 then Step.Nothing
                else
                    let b, c, s, h = float32 p.Brightness, float32 p.Contrast, float32 p.Saturation, float32 p.Hue
                    colourKernel "ColorJitter" (fun src dst ->
                        if src.ElementType = ElementType.Byte then
                            JitterKernels.ColorJitter(src.ReadBytes, dst.Bytes, src.Channels, ReadOnlySpan p.Order, b, c, s, h)
                        else
                            JitterKernels.ColorJitter(src.ReadFloats, dst.Floats, src.Channels, ReadOnlySpan p.Order, b, c, s, h, src.Range)))

    /// <summary>torchvision v2's <c>ColorJitter(brightness, contrast, saturation, hue)</c>: factors drawn uniformly from
    /// <c>[max(0, 1 - brightness), 1 + brightness]</c>, the same for contrast and saturation, and a hue shift from
    /// <c>[-hue, hue]</c> (a 0 argument leaves that stage out, as torchvision's None), applied in an order drawn uniformly
    /// from the 24 (torchvision's <c>randperm(4)</c>); the order and the factors come from the seed and are recorded in
    /// the trace. The stages are torchvision's kernels (<c>JitterKernels.ColorJitter</c> gives every formula): brightness
    /// <c>x f</c>; contrast a blend with the mean of the image's grayscale (0.2989, 0.587, 0.114; one mean per image);
    /// saturation a blend with each pixel's grayscale; hue a rotation in HSV. Byte images follow torchvision's uint8 path,
    /// which truncates to uint8 after every stage (and floors the grayscale); float images are taken relative to their
    /// value range, so a [0, 1] image follows torchvision's float path, up to float32 rounding (the contrast mean is summed
    /// in double, where torch sums pairwise in float32). 1-channel images take brightness and contrast, and saturation and
    /// hue leave them as they are (as torchvision); a 4th (alpha) channel is kept, where torchvision refuses 4 channels.</summary>
    /// <exception cref="System.ArgumentException">brightness, contrast or saturation is negative or above 1e6, or hue is
    /// outside [0, 0.5].</exception>
    let private colorJitterUntagged (brightness: float) (contrast: float) (saturation: float) (hue: float) =
        Domain.within "brightness" 0.0 1e6 brightness
        Domain.within "contrast" 0.0 1e6 contrast
        Domain.within "saturation" 0.0 1e6 saturation
        Domain.within "hue" 0.0 0.5 hue
        let factorRange (v: float) = if v = 0.0 then 1.0, 1.0 else max 0.0 (1.0 - v), 1.0 + v
        let ranges = [| factorRange brightness; factorRange contrast; factorRange saturation; (-hue, hue) |]
        let draw (seed: Seed) (lo: float, hi: float) = if lo = hi then lo else lo + Seed.uniform seed * (hi - lo)
        Op.ofSpec colorJitterSpec (fun seed _ ->
            let order = [| 0; 1; 2; 3 |]
            let s0 = Seed.derive seed 0L
            for i in 3 .. -1 .. 1 do
                let j = Seed.intBelow (Seed.derive s0 (int64 i)) (i + 1)
                let t = order.[i]
                order.[i] <- order.[j]
                order.[j] <- t
            { Order = order
              Brightness = draw (Seed.derive seed 1L) ranges.[0]
              Contrast = draw (Seed.derive seed 2L) ranges.[1]
              Saturation = draw (Seed.derive seed 3L) ranges.[2]
              Hue = draw (Seed.derive seed 4L) ranges.[3] })
        |> Op.within (fun (p: ColorJitterParams) ->
            for field, v, (lo, hi) in [ "Brightness", p.Brightness, ranges.[0]; "Contrast", p.Contrast, ranges.[1]
                                        "Saturation", p.Saturation, ranges.[2]; "Hue", p.Hue, ranges.[3] ] do
                if v < lo || v > hi then Throw.Argument(field, v, sprintf "a value in this op's range [%g, %g]" lo hi))
        |> Aug.op
    [<CompiledName("ColorJitter")>]
    let colorJitter brightness contrast saturation hue =
        colorJitterUntagged brightness contrast saturation hue
        |> Aug.withSource "ColorJitter"
            [ "brightness", box brightness; "contrast", box contrast; "saturation", box saturation; "hue", box hue ]

    let private hueSaturationValueSpec : OpSpec<HsvShiftParams> =
        colour OpKind.ImageKernel "HueSaturationValue"
            "Shifts OpenCV's H, S and V through tables, hue wrapping (albumentations HueSaturationValue)."
            (fun p ->
                Domain.within "Hue" -180.0 180.0 p.Hue
                Domain.within "Saturation" -255.0 255.0 p.Saturation
                Domain.within "Value" -255.0 255.0 p.Value)
            (fun p _ ->
                if p.Hue = 0.0 && p.Saturation = 0.0 && p.Value = 0.0 then Step.Nothing
                else
                    Step.Kernel
                        { Steps.kernel "HueSaturationValue" 0 (fun src dst ->
                            if src.ElementType = ElementType.Byte then
                                HsvKernels.ShiftHsv(src.ReadBytes, dst.Bytes, src.Channels, p.Hue, p.Saturation, p.Value)
                            else
                                HsvKernels.ShiftHsv(src.ReadFloats, dst.Floats, src.Channels, p.Hue, p.Saturation, p.Value, src.Range))
                            with Device = ValueSome(DeviceKernel.HsvShift(p.Hue, p.Saturation, p.Value)) })

    /// <summary>albumentations' <c>HueSaturationValue(hue_shift_limit, sat_shift_limit, val_shift_limit)</c>: three shifts
    /// drawn from the samplers (uniform samplers give albumentations' draws). Byte images follow <c>_shift_hsv_uint8</c>
    /// exactly: OpenCV's 8-bit RGB to HSV (H in 0..179), the tables <c>(H + hue) mod 180</c>, <c>clip(S + sat)</c> and
    /// <c>clip(V + val)</c> truncated to uint8, OpenCV's 8-bit HSV to RGB (<c>HsvKernels.ShiftHsv</c> gives every formula).
    /// Float images are taken relative to their value range and follow <c>_shift_hsv_non_uint8</c> with the hue shift in
    /// degrees (so the same shift turns the hue half as far as on bytes, as in albumentations), but the saturation and
    /// value shifts are levels of 255 (<c>shift / 255</c> on S and V in [0, 1]) where albumentations adds them unscaled.
    /// Gray images take only the value shift (albumentations drops the others for gray); a 4th (alpha) channel is kept.
    /// All shifts 0 leave the image as it is.</summary>
    /// <exception cref="System.ArgumentException">hueShift can draw a value outside [-180, 180], or satShift or valShift
    /// outside [-255, 255].</exception>
    let private hueSaturationValueUntagged (hueShift: Sampler) (satShift: Sampler) (valShift: Sampler) =
        let hueShift, satShift, valShift = samplerArg "hueShift" hueShift, samplerArg "satShift" satShift, samplerArg "valShift" valShift
        for name, s, limit in [ "hueShift", hueShift, 180.0; "satShift", satShift, 255.0; "valShift", valShift, 255.0 ] do
            let lo, hi = Sampler.bounds s
            if lo < -limit || hi > limit then Throw.Argument(name, string s, sprintf "a sampler of shifts in [-%g, %g]" limit limit)
        Op.ofSpec hueSaturationValueSpec (fun seed _ ->
            { Hue = Sampler.draw hueShift (Seed.derive seed 0L)
              Saturation = Sampler.draw satShift (Seed.derive seed 1L)
              Value = Sampler.draw valShift (Seed.derive seed 2L) })
        |> Op.within (fun (p: HsvShiftParams) ->
            Op.inSampler "Hue" hueShift p.Hue
            Op.inSampler "Saturation" satShift p.Saturation
            Op.inSampler "Value" valShift p.Value)
        |> Aug.op
    [<CompiledName("HueSaturationValue")>]
    let hueSaturationValue hueShift satShift valShift =
        hueSaturationValueUntagged hueShift satShift valShift
        |> Aug.withSource "HueSaturationValue"
            [ "hueShift", box hueShift; "satShift", box satShift; "valShift", box valShift ]

    /// <summary>The RGB coefficients of Zini et al., "Planckian Jitter" (ICLR 2023, arXiv:2202.07993), as kornia's
    /// <c>get_planckian_coeffs</c> (<c>kornia/augmentation/_2d/intensity/planckian_jitter.py</c>) lists them (the same
    /// values as albumentations' <c>PLANCKIAN_COEFFS</c>): one (R, G, B) row per temperature, hottest last.</summary>
    let private planckianTable (mode: PlanckianMode) : float32[][] =
        match mode with
        | PlanckianMode.Blackbody ->
            [| [| 0.6743f; 0.4029f; 0.0013f |]; [| 0.6281f; 0.4241f; 0.1665f |]; [| 0.5919f; 0.4372f; 0.2513f |]
               [| 0.5623f; 0.4457f; 0.3154f |]; [| 0.5376f; 0.4515f; 0.3672f |]; [| 0.5163f; 0.4555f; 0.4103f |]
               [| 0.4979f; 0.4584f; 0.4468f |]; [| 0.4816f; 0.4604f; 0.4782f |]; [| 0.4672f; 0.4619f; 0.5053f |]
               [| 0.4542f; 0.4630f; 0.5289f |]; [| 0.4426f; 0.4638f; 0.5497f |]; [| 0.4320f; 0.4644f; 0.5681f |]
               [| 0.4223f; 0.4648f; 0.5844f |]; [| 0.4135f; 0.4651f; 0.5990f |]; [| 0.4054f; 0.4653f; 0.6121f |]
               [| 0.3980f; 0.4654f; 0.6239f |]; [| 0.3911f; 0.4655f; 0.6346f |]; [| 0.3847f; 0.4656f; 0.6444f |]
               [| 0.3787f; 0.4656f; 0.6532f |]; [| 0.3732f; 0.4656f; 0.6613f |]; [| 0.3680f; 0.4655f; 0.6688f |]
               [| 0.3632f; 0.4655f; 0.6756f |]; [| 0.3586f; 0.4655f; 0.6820f |]; [| 0.3544f; 0.4654f; 0.6878f |]
               [| 0.3503f; 0.4653f; 0.6933f |] |]
        | _ ->
            [| [| 0.5829f; 0.4421f; 0.2288f |]; [| 0.5510f; 0.4514f; 0.2948f |]; [| 0.5246f; 0.4576f; 0.3488f |]
               [| 0.5021f; 0.4618f; 0.3941f |]; [| 0.4826f; 0.4646f; 0.4325f |]; [| 0.4654f; 0.4667f; 0.4654f |]
               [| 0.4502f; 0.4681f; 0.4938f |]; [| 0.4364f; 0.4692f; 0.5186f |]; [| 0.4240f; 0.4700f; 0.5403f |]
               [| 0.4127f; 0.4705f; 0.5594f |]; [| 0.4023f; 0.4709f; 0.5763f |]; [| 0.3928f; 0.4713f; 0.5914f |]
               [| 0.3839f; 0.4715f; 0.6049f |]; [| 0.3757f; 0.4716f; 0.6171f |]; [| 0.3681f; 0.4717f; 0.6281f |]
               [| 0.3609f; 0.4718f; 0.6380f |]; [| 0.3543f; 0.4719f; 0.6472f |]; [| 0.3480f; 0.4719f; 0.6555f |]
               [| 0.3421f; 0.4719f; 0.6631f |]; [| 0.3365f; 0.4719f; 0.6702f |]; [| 0.3313f; 0.4719f; 0.6766f |]
               [| 0.3263f; 0.4719f; 0.6826f |]; [| 0.3217f; 0.4719f; 0.6882f |] |]

    let private checkPlanckianMode (field: string) (mode: PlanckianMode) =
        if not (Enum.IsDefined mode) then Throw.Argument(field, mode, "Blackbody or Cied")

    let private planckianJitterSpec : OpSpec<PlanckianParams> =
        colour OpKind.PointColour "PlanckianJitter"
            "Scales R by R/G and B by B/G of a drawn row of the Planckian table, clamped (kornia RandomPlanckianJitter)."
            (fun p ->
                checkPlanckianMode "Mode" p.Mode
                Domain.intWithin "Index" 0 ((planckianTable p.Mode).Length - 1) p.Index)
            (fun p v ->
                needColour "PlanckianJitter" v
                let row = (planckianTable p.Mode).[p.Index]
                let scales = [| row.[0] / row.[1]; 1f; row.[2] / row.[1]; 1f |]
                let lo = v.Range.Min
                Steps.affine v.Shape.Channels (fun _ -> lo) (fun c -> scales.[c]) (fun _ -> lo))

    /// <summary>kornia's <c>RandomPlanckianJitter(mode)</c> (Zini et al., "Planckian Jitter", ICLR 2023): a row of the
    /// published table drawn uniformly (blackbody: 25 rows, 3000 K to 15000 K by 500 K; CIED: 23 rows, 4000 K to 15000 K),
    /// then R times <c>R_row / G_row</c> and B times <c>B_row / G_row</c> (float32 quotients, as kornia divides its float32
    /// table), G unchanged, clamped to the value range (kornia clamps at 1 on its [0, 1] floats). The product is taken
    /// relative to the range minimum, so a [0, 1] image is kornia's bit for bit; bytes are a table per channel, rounded
    /// half to even (kornia takes floats only). A point map: it fuses with the other point ops. Alpha is kept.</summary>
    /// <exception cref="System.ArgumentException">mode is not Blackbody or Cied; when run, a 1-channel image.</exception>
    let private planckianJitterUntagged (mode: PlanckianMode) =
        checkPlanckianMode "mode" mode
        let rows = (planckianTable mode).Length
        Op.ofSpec planckianJitterSpec (fun seed _ -> { Mode = mode; Index = Seed.intBelow (Seed.derive seed 0L) rows })
        |> Op.within (fun (p: PlanckianParams) ->
            if p.Mode <> mode then Throw.Argument("Mode", p.Mode, sprintf "this op's %A" mode))
        |> Aug.op
    [<CompiledName("PlanckianJitter")>]
    let planckianJitter mode = planckianJitterUntagged mode |> Aug.withSource "PlanckianJitter" [ "mode", box mode ]

    let private moreColour : OpInfo list =
        [ Op.info saturationSpec; Op.info hueSpec; Op.info rgbShiftSpec; Op.info channelShuffleSpec
          Op.info channelDropoutSpec; Op.info toGraySpec; Op.info toSepiaSpec; Op.info autoContrastSpec
          Op.info sharpnessSpec; Op.info fancyPcaSpec; Op.info brightnessContrastSpec
          Op.info toFloat32Spec; Op.info toByteSpec; Op.info normalizeSpec; Op.info rescalingSpec
          Op.info claheSpec; Op.info colorJitterSpec; Op.info hueSaturationValueSpec
          Op.info planckianJitterSpec ]

    // ------------------------------------------------------------------ more blur, noise and quality ops
    // New blur, noise and image-quality ops go in this section, each listed in moreBlurNoise for the catalogue.

    let private filter2D (name: string) (kernel: float32[]) (kw: int) (kh: int) =
        Step.Filter
            { Name = name; Channels = 0; OutputType = ValueNone; OutputRange = ValueNone
              Device = ValueSome(DeviceKernel.Filter2D(kernel, kw, kh))
              Run = fun src dst ->
                if src.ElementType = ElementType.Byte then
                    FilterKernels.Filter2D(src.ReadBytes, dst.Bytes, src.Width, src.Height, src.Channels, ReadOnlySpan kernel, kw, kh)
                else
                    FilterKernels.Filter2D(src.ReadFloats, dst.Floats, src.Width, src.Height, src.Channels, ReadOnlySpan kernel, kw, kh, src.Range) }

    /// <summary>albumentations' <c>sample_odd_from_range(low, high)</c>: both bounds raised to odd values of at least 3,
    /// then one of the odd values in [low, high] uniformly.</summary>
    let private oddFrom (seed: Seed) (low: int) (high: int) =
        let lo = max 3 (if low % 2 = 0 then low + 1 else low)
        let hi = max lo (max 3 (if high % 2 = 0 then high + 1 else high))
        lo + 2 * Seed.intBelow seed ((hi - lo) / 2 + 1)

    /// <summary>albumentations' <c>create_motion_kernel(size, angle, direction, allow_shifted=False)</c>, normalised as
    /// <c>MotionBlur.get_params</c> does: with <c>c = size / 2</c> and <c>t</c> the <c>2 size</c> points of
    /// <c>numpy.linspace(-c, c, 2 size)</c>, scaled by <c>1 + |direction|</c> and negated when direction &lt; 0, the
    /// cells <c>(round(c + sin(angle) t), round(c + cos(angle) t))</c> (half to even, clipped to the kernel) are set;
    /// each set cell weighs <c>1f / count</c>. Row-major, size x size.</summary>
    let motionKernel (size: int) (angle: float) (direction: float) =
        let k = Array.zeroCreate<float32> (size * size)
        let c = size / 2
        let rad = angle * Math.PI / 180.0
        let dx, dy = Math.Cos rad, Math.Sin rad
        let n = 2 * size
        let step = float (2 * c) / float (n - 1)
        for i in 0 .. n - 1 do
            let t0 = if i = n - 1 then float c else float -c + float i * step
            let t1 = if direction <> 0.0 then t0 * (1.0 + abs direction) else t0
            let t = if direction < 0.0 then -t1 else t1
            let cell (v: float) = int (Math.Clamp(Math.Round(v, MidpointRounding.ToEven), 0.0, float (size - 1)))
            let x, y = cell (float c + dx * t), cell (float c + dy * t)
            k.[y * size + x] <- 1f
        let count = k |> Array.sumBy (fun v -> if v > 0f then 1 else 0)
        let w = 1f / float32 count
        k |> Array.map (fun v -> if v > 0f then w else 0f)

    let private motionBlurSpec : OpSpec<MotionBlurParams> =
        colour OpKind.Neighbourhood "MotionBlur" "A normalised line kernel of odd size and angle, cv2.filter2D with reflect-101 (albumentations MotionBlur)."
            (fun p ->
                if p.Size < 3 || p.Size > FilterKernels.MaxFilter2DSize || p.Size % 2 = 0 then
                    Throw.Argument("Size", p.Size, sprintf "an odd kernel size in [3, %d]" FilterKernels.MaxFilter2DSize)
                Domain.within "Angle" -360000.0 360000.0 p.Angle
                Domain.within "Direction" -1.0 1.0 p.Direction)
            (fun p _ ->
                let a, b = BitConverter.DoubleToInt64Bits p.Angle, BitConverter.DoubleToInt64Bits p.Direction
                let last = KernelMemoCache.Motion
                let k =
                    if not (isNull (box last)) && last.Size = p.Size && last.A = a && last.B = b then last.Kernel
                    else
                        let k = motionKernel p.Size p.Angle p.Direction
                        KernelMemoCache.Motion <- { Size = p.Size; A = a; B = b; Side = p.Size; Kernel = k }
                        k
                filter2D "MotionBlur" k p.Size p.Size)

    /// <summary>Motion blur as albumentations' <c>MotionBlur(blur_limit=(minSize, maxSize), angle_range, direction_range,
    /// allow_shifted=False)</c>: an odd kernel size from [minSize, maxSize] (<c>sample_odd_from_range</c>), an angle in
    /// degrees and a direction in [-1, 1] drawn from the samplers, the line kernel of <c>Ops.motionKernel</c>, and
    /// <c>cv2.filter2D</c> (correlation, anchor at the centre, <c>BORDER_REFLECT_101</c>). Accumulates in float32
    /// (<c>FilterKernels.Filter2D</c>), so a byte result can differ from OpenCV's by 1 where the exact value lies
    /// within float32 error of a half; floats are clamped to the value range. The kernel is never shifted off centre
    /// (albumentations' <c>allow_shifted=True</c> default is not offered).</summary>
    /// <exception cref="System.ArgumentException">A size outside [3, 99], maxSize &lt; minSize, or a direction sampler
    /// outside [-1, 1].</exception>
    let private motionBlurUntagged (minSize: int) (maxSize: int) (angle: Sampler) (direction: Sampler) =
        Domain.intWithin "minSize" 3 FilterKernels.MaxFilter2DSize minSize
        Domain.intWithin "maxSize" minSize FilterKernels.MaxFilter2DSize maxSize
        let angle, direction = samplerArg "angle" angle, samplerArg "direction" direction
        samplerWithin "direction" direction -1.0 1.0 "a sampler of directions in [-1, 1]"
        samplerWithin "angle" angle -360000.0 360000.0 "a sampler of angles in [-360000, 360000] degrees"
        let maxOdd = if maxSize % 2 = 0 then maxSize - 1 else maxSize
        if maxOdd < 3 then Throw.Argument("maxSize", maxSize, "a size with an odd value >= 3 below it")
        Aug.op (Op.ofSpec motionBlurSpec (fun seed _ ->
            { Size = min (oddFrom (Seed.derive seed 0L) minSize maxOdd) maxOdd
              Angle = Sampler.draw angle (Seed.derive seed 1L)
              Direction = Sampler.draw direction (Seed.derive seed 2L) }))
    [<CompiledName("MotionBlur")>]
    let motionBlur minSize maxSize angle direction =
        motionBlurUntagged minSize maxSize angle direction
        |> Aug.withSource "MotionBlur"
            [ "minSize", box minSize; "maxSize", box maxSize; "angle", box angle; "direction", box direction ]

    /// <summary>albumentations' defocus kernel (<c>albumentations.augmentations.blur.functional.defocus</c>): on the grid
    /// <c>-R .. R</c> with <c>R = max(8, radius)</c>, the disc <c>x^2 + y^2 &lt;= radius^2</c> normalised to sum 1, then
    /// Gaussian-blurred as <c>cv2.GaussianBlur(disc, (k, k), aliasBlur)</c> with <c>k = 3</c> for radius &lt;= 8, else 5
    /// (weights <c>FilterKernels.GaussianKernel</c>, border reflect-101), in double and rounded to float32. Returns the
    /// side (2R + 1) and the weights, row-major.</summary>
    let defocusKernel (radius: int) (aliasBlur: float) =
        let R = max 8 radius
        let side = 2 * R + 1
        let disc = Array.init (side * side) (fun i ->
            let x, y = i % side - R, i / side - R
            if x * x + y * y <= radius * radius then 1.0 else 0.0)
        let total = Array.sum disc
        let disc = disc |> Array.map (fun v -> float (float32 v / float32 total))
        let ks = if radius <= 8 then 3 else 5
        let g = FilterKernels.GaussianKernel(ks, aliasBlur) |> Array.map float
        let a = ks / 2
        let reflect (i: int) = if i < 0 then -i elif i >= side then 2 * side - 2 - i else i
        let rows = Array.init (side * side) (fun i ->
            let x, y = i % side, i / side
            Seq.sum (seq { for t in 0 .. ks - 1 -> g.[t] * disc.[y * side + reflect (x - a + t)] }))
        let out = Array.init (side * side) (fun i ->
            let x, y = i % side, i / side
            Seq.sum (seq { for t in 0 .. ks - 1 -> g.[t] * rows.[reflect (y - a + t) * side + x] }))
        side, out |> Array.map float32

    let private defocusSpec : OpSpec<DefocusParams> =
        colour OpKind.Neighbourhood "Defocus" "A normalised disc of the drawn radius, softened by a small Gaussian, cv2.filter2D reflect-101 (albumentations Defocus)."
            (fun p -> Domain.intWithin "Radius" 1 49 p.Radius; checkSigma "AliasBlur" p.AliasBlur)
            (fun p _ ->
                let a = BitConverter.DoubleToInt64Bits p.AliasBlur
                let last = KernelMemoCache.Defocus
                let side, k =
                    if not (isNull (box last)) && last.Size = p.Radius && last.A = a then last.Side, last.Kernel
                    else
                        let side, k = defocusKernel p.Radius p.AliasBlur
                        KernelMemoCache.Defocus <- { Size = p.Radius; A = a; B = 0L; Side = side; Kernel = k }
                        side, k
                filter2D "Defocus" k side side)

    /// <summary>Defocus blur as albumentations' <c>Defocus(radius=(minRadius, maxRadius), alias_blur)</c>: an integer
    /// radius drawn uniformly from [minRadius, maxRadius], a Gaussian sigma from <paramref name="aliasBlur"/>, the kernel
    /// of <c>Ops.defocusKernel</c> and one <c>cv2.filter2D</c> pass (reflect-101) through <c>FilterKernels.Filter2D</c>
    /// (float32 accumulation: bytes within 1 of albumentations, floats clamped to the value range).</summary>
    /// <exception cref="System.ArgumentException">A radius outside [1, 49], maxRadius &lt; minRadius, or aliasBlur can
    /// draw a sigma outside (0, 50].</exception>
    let private defocusUntagged (minRadius: int) (maxRadius: int) (aliasBlur: Sampler) =
        Domain.intWithin "minRadius" 1 49 minRadius
        Domain.intWithin "maxRadius" minRadius 49 maxRadius
        let aliasBlur = samplerArg "aliasBlur" aliasBlur
        let lo, hi = Sampler.bounds aliasBlur
        if not (lo > 0.0 && hi <= 50.0) then Throw.Argument("aliasBlur", string aliasBlur, "a sampler of sigmas in (0, 50]")
        Aug.op (Op.ofSpec defocusSpec (fun seed _ ->
            { Radius = minRadius + Seed.intBelow (Seed.derive seed 0L) (maxRadius - minRadius + 1)
              AliasBlur = Sampler.draw aliasBlur (Seed.derive seed 1L) }))
    [<CompiledName("Defocus")>]
    let defocus minRadius maxRadius aliasBlur =
        defocusUntagged minRadius maxRadius aliasBlur
        |> Aug.withSource "Defocus"
            [ "minRadius", box minRadius; "maxRadius", box maxRadius; "aliasBlur", box aliasBlur ]

    let private multiplicativeNoiseSpec : OpSpec<MultiplicativeNoiseParams> =
        colour OpKind.ImageKernel "MultiplicativeNoise"
            "x * m with m uniform in [low, high]: one m, one per channel, or per element from Philox (albumentations MultiplicativeNoise)."
            (fun p ->
                Domain.within "Low" 0.0 1000.0 p.Low
                Domain.within "High" p.Low 1000.0 p.High
                p.Factors |> Array.iteri (fun i m -> Domain.within (sprintf "Factors[%d]" i) p.Low p.High m)
                if p.Elementwise then noiseSeed p.Seed |> ignore
                elif p.Factors.Length = 0 then Throw.Argument("Factors", "[]", "one factor, or one per channel, when not element-wise"))
            (fun p v ->
                let c = v.Shape.Channels
                if p.Elementwise then
                    let struct (k0, k1, s0, s1) = (noiseSeed p.Seed).Words
                    Step.Kernel
                        { Name = "MultiplicativeNoise"; Channels = 0; OutputType = ValueNone; OutputRange = ValueNone
                          Device = ValueSome(DeviceKernel.MultiplyUniform(p.Low, p.High, p.PerChannel, k0, k1, s0, s1))
                          Run = fun src dst ->
                            if src.ElementType = ElementType.Byte then
                                NoiseKernels.MultiplyUniform(src.ReadBytes, dst.Bytes, src.Channels, p.Low, p.High, p.PerChannel, k0, k1, s0, s1)
                            else
                                NoiseKernels.MultiplyUniform(src.ReadFloats, dst.Floats, src.Channels, p.Low, p.High, p.PerChannel, src.Range, k0, k1, s0, s1) }
                else
                    if p.Factors.Length <> 1 && p.Factors.Length <> c then
                        Throw.Argument("Factors", sprintf "%d factors" p.Factors.Length, sprintf "1 or %d factors (one per channel)" c)
                    let f i = float32 p.Factors.[if p.Factors.Length = 1 then 0 else i]
                    Steps.affine c (fun _ -> 0f) f (fun _ -> 0f))

    /// <summary>Multiplicative noise as albumentations' <c>MultiplicativeNoise(multiplier=(low, high), per_channel,
    /// elementwise)</c>: <c>x * m</c> with m uniform in [low, high]; bytes round half to even and saturate, floats are
    /// clamped to the value range (the product is of the value itself, so for a range that does not start at 0 the
    /// noise is relative to 0, as albumentations' on its [0, 1] floats). Not element-wise: one m (or one per channel)
    /// drawn with the parameters, a point map that fuses into byte tables. Element-wise: every pixel (or, per channel,
    /// every sample) gets its own m from Philox by index (<c>NoiseKernels.MultiplyUniform</c>), from a seed recorded in
    /// the trace, so the bits do not depend on threads or paths.</summary>
    /// <exception cref="System.ArgumentException">low is not in [0, 1000] or high is not in [low, 1000].</exception>
    let private multiplicativeNoiseUntagged (low: float) (high: float) (perChannel: bool) (elementwise: bool) =
        Domain.within "low" 0.0 1000.0 low
        Domain.within "high" low 1000.0 high
        Aug.op (Op.ofSpec multiplicativeNoiseSpec (fun seed v ->
            let u = Seed.uniforms (Seed.derive seed 0L) (if perChannel then v.Shape.Channels else 1)
            { Low = low; High = high; PerChannel = perChannel; Elementwise = elementwise
              Factors = (if elementwise then [||] else u |> Array.map (fun x -> if low = high then low else low + x * (high - low)))
              Seed = (if elementwise then string (Seed.derive seed 1L) else "") }))
    [<CompiledName("MultiplicativeNoise")>]
    let multiplicativeNoise low high perChannel elementwise =
        multiplicativeNoiseUntagged low high perChannel elementwise
        |> Aug.withSource "MultiplicativeNoise"
            [ "low", box low; "high", box high; "perChannel", box perChannel; "elementwise", box elementwise ]

    let private saltAndPepperSpec : OpSpec<SaltAndPepperParams> =
        colour OpKind.ImageKernel "SaltAndPepper"
            "Each pixel noisy with probability amount, then salt (max) or pepper (min) on every channel, from Philox by pixel (albumentations SaltAndPepper)."
            (fun p -> Domain.within "Amount" 0.0 1.0 p.Amount; Domain.within "SaltRatio" 0.0 1.0 p.SaltRatio; noiseSeed p.Seed |> ignore)
            (fun p _ ->
                if p.Amount = 0.0 then Step.Nothing
                else
                    let struct (k0, k1, s0, s1) = (noiseSeed p.Seed).Words
                    Step.Kernel
                        { Name = "SaltAndPepper"; Channels = 0; OutputType = ValueNone; OutputRange = ValueNone
                          Device = ValueSome(DeviceKernel.SaltAndPepper(p.Amount, p.SaltRatio, k0, k1, s0, s1))
                          Run = fun src dst ->
                            if src.ElementType = ElementType.Byte then
                                NoiseKernels.SaltAndPepper(src.ReadBytes, dst.Bytes, src.Channels, p.Amount, p.SaltRatio, 255uy, 0uy, k0, k1, s0, s1)
                            else
                                NoiseKernels.SaltAndPepper(src.ReadFloats, dst.Floats, src.Channels, p.Amount, p.SaltRatio, src.Range.Max, src.Range.Min, k0, k1, s0, s1) })

    /// <summary>Salt-and-pepper noise as albumentations' <c>SaltAndPepper(amount, salt_vs_pepper)</c>: the fraction of
    /// noisy pixels and the share of salt among them are drawn from the samplers; noisy pixels take the range maximum
    /// (salt) or minimum (pepper) on every channel. albumentations picks exactly <c>int(H W amount)</c> pixels without
    /// replacement; here each pixel decides on its own from Philox by pixel index (<c>NoiseKernels.SaltAndPepper</c>),
    /// so the count is binomial with that mean, and the bits do not depend on threads or paths.</summary>
    /// <exception cref="System.ArgumentException">A sampler can draw a value outside [0, 1].</exception>
    let private saltAndPepperUntagged (amount: Sampler) (saltVsPepper: Sampler) =
        let amount, saltVsPepper = samplerArg "amount" amount, samplerArg "saltVsPepper" saltVsPepper
        for name, s in [ "amount", amount; "saltVsPepper", saltVsPepper ] do
            samplerWithin name s 0.0 1.0 "a sampler of fractions in [0, 1]"
        Aug.op (Op.ofSpec saltAndPepperSpec (fun seed _ ->
            { Amount = Sampler.draw amount (Seed.derive seed 0L); SaltRatio = Sampler.draw saltVsPepper (Seed.derive seed 1L)
              Seed = string (Seed.derive seed 2L) }))
    [<CompiledName("SaltAndPepper")>]
    let saltAndPepper amount saltVsPepper =
        saltAndPepperUntagged amount saltVsPepper
        |> Aug.withSource "SaltAndPepper" [ "amount", box amount; "saltVsPepper", box saltVsPepper ]

    let private resizeInto (interp: Interpolation) (src: PixelBuffer) (dst: PixelBuffer) =
        let sx, sy = float src.Width / float dst.Width, float src.Height / float dst.Height
        if interp = Interpolation.Area then
            GeometryKernels.ResizeArea(src.ReadFloats, src.Width, src.Height, src.Channels, dst.Floats, dst.Width, dst.Height, 0.0, 0.0, sx, sy)
        else
            let mutable inv = Matrix3.Scale(sx, sy)
            let fill = Array.create src.Channels src.Range.Min
            GeometryKernels.Warp(src.ReadFloats, src.Width, src.Height, src.Channels, dst.Floats, dst.Width, dst.Height, &inv, interp,
                                 BorderMode.Replicate, ReadOnlySpan fill, ReadOnlySpan<WarpWindow>([||]))

    let private downscaleSpec : OpSpec<DownscaleParams> =
        colour OpKind.ImageKernel "Downscale"
            "Resizes down by a scale and back up with the chosen interpolations, in one kernel (albumentations Downscale)."
            (fun p ->
                if not (p.Scale > 0.0 && p.Scale <= 1.0) then Throw.Argument("Scale", p.Scale, "a scale in (0, 1]")
                if p.Up = Interpolation.Area then Throw.Argument("Up", "Area", "Nearest or Bilinear (area resampling is for shrinking)"))
            (fun p v ->
                let w = max 1 (int (Math.Round(float v.Shape.Width * p.Scale, MidpointRounding.ToEven)))
                let h = max 1 (int (Math.Round(float v.Shape.Height * p.Scale, MidpointRounding.ToEven)))
                if w = v.Shape.Width && h = v.Shape.Height then Step.Nothing
                else
                    Step.Kernel
                        { Name = "Downscale"; Channels = 0; OutputType = ValueNone; OutputRange = ValueNone; Device = ValueNone
                          Run = fun src dst ->
                            // Both resizes run in float32 (bytes as their values, albumentations' to_float), so that the
                            // small image is not rounded; the result rounds half to even once.
                            let ch = src.Channels
                            let range = if src.ElementType = ElementType.Byte then ValueRange.Byte else src.Range
                            if src.ElementType = ElementType.Byte && p.Down = Interpolation.Nearest && p.Up = Interpolation.Bilinear then
                                // The same float warps as below, as separable passes with their bits (DownscaleKernels),
                                // without the full-size float copies.
                                let small = PixelBuffer.Rent(w, h, ch, ElementType.Float32, range)
                                try
                                    DownscaleKernels.NearestDownBilinearUp(
                                        src.ReadBytes, src.Width, src.Height, ch, small.Floats, w, h,
                                        float src.Width / float w, float src.Height / float h,
                                        float w / float src.Width, float h / float src.Height, dst.Bytes, SimdPath.Auto)
                                finally
                                    small.Return()
                            else
                                let full = PixelBuffer.Rent(src.Width, src.Height, ch, ElementType.Float32, range)
                                let small = PixelBuffer.Rent(w, h, ch, ElementType.Float32, range)
                                let up = PixelBuffer.Rent(src.Width, src.Height, ch, ElementType.Float32, range)
                                try
                                    let input =
                                        if src.ElementType = ElementType.Byte then
                                            let s = src.ReadBytes
                                            let f = full.Floats
                                            for i in 0 .. s.Length - 1 do f.[i] <- float32 s.[i]
                                            full
                                        else src
                                    resizeInto p.Down input small
                                    resizeInto p.Up small up
                                    let u = up.ReadFloats
                                    if src.ElementType = ElementType.Byte then
                                        let d = dst.Bytes
                                        for i in 0 .. d.Length - 1 do d.[i] <- byte (MathF.Min(MathF.Max(MathF.Round u.[i], 0f), 255f))
                                    else
                                        let d = dst.Floats
                                        for i in 0 .. d.Length - 1 do d.[i] <- MathF.Min(MathF.Max(u.[i], range.Min), range.Max)
                                finally
                                    full.Return(); small.Return(); up.Return() })

    /// <summary>Downscaling as albumentations' <c>Downscale(scale_range, interpolation_pair)</c>: a scale drawn from
    /// <paramref name="scale"/>, a resize to <c>round(W scale) x round(H scale)</c> (half to even, at least 1) with
    /// <paramref name="down"/> (Nearest, Bilinear or Area), then back to W x H with <paramref name="up"/> (Nearest or
    /// Bilinear), both with half-pixel centres as <c>cv2.resize</c>. OpenCV maps with the given fx where this maps with
    /// the rounded size's ratio (a difference below one source pixel's footprint). Both resizes run inside one image
    /// kernel in float32 and bytes round once at the end (albumentations converts bytes to float for the same reason):
    /// as two warp steps the planner would compose them into one near-identity matrix and the loss of detail, the point
    /// of the op, would vanish. Boxes, mask and keypoints are unchanged.</summary>
    /// <exception cref="System.ArgumentException">scale can draw a value outside (0, 1], or up is Area.</exception>
    let private downscaleUntagged (scale: Sampler) (down: Interpolation) (up: Interpolation) =
        let scale = samplerArg "scale" scale
        let lo, hi = Sampler.bounds scale
        if not (lo > 0.0 && hi <= 1.0) then Throw.Argument("scale", string scale, "a sampler of scales in (0, 1]")
        if up = Interpolation.Area then Throw.Argument("up", "Area", "Nearest or Bilinear (area resampling is for shrinking)")
        Aug.op (Op.ofSpec downscaleSpec (fun seed _ -> { Scale = Sampler.draw scale (Seed.derive seed 0L); Down = down; Up = up }))
    [<CompiledName("Downscale")>]
    let downscale scale down up =
        downscaleUntagged scale down up
        |> Aug.withSource "Downscale" [ "scale", box scale; "down", box down; "up", box up ]

    let private imageCompressionSpec : OpSpec<ImageCompressionParams> =
        colour OpKind.ImageKernel "ImageCompression"
            "Encodes to JPEG or WebP at a quality and decodes back, through SkiaSharp (albumentations ImageCompression)."
            (fun p ->
                if not (Enum.IsDefined p.Type) then Throw.Argument("Type", p.Type, "Jpeg or Webp")
                Domain.intWithin "Quality" 1 100 p.Quality)
            (fun p _ ->
                let fmt = if p.Type = CompressionType.Webp then SkiaSharp.SKEncodedImageFormat.Webp else SkiaSharp.SKEncodedImageFormat.Jpeg
                Step.Kernel(Steps.kernel "ImageCompression" 0 (throughBytes (Codec.compressInto fmt p.Quality))))

    /// <summary>Lossy compression as albumentations' <c>ImageCompression(compression_type, quality_range=(minQuality,
    /// maxQuality))</c>: an integer quality drawn uniformly from [minQuality, maxQuality] (<c>random.randint</c>), the image
    /// encoded at that quality and decoded back, here with SkiaSharp's encoders and decoders (libjpeg-turbo with the IJG
    /// quality scaling and 4:2:0 chroma subsampling, the defaults OpenCV's <c>cv2.imencode</c> also uses; libwebp lossy for
    /// WebP) where albumentations calls OpenCV's, so the bits are SkiaSharp's and are not claimed equal to OpenCV's.
    /// Deterministic: the same image and quality give the same bits. A 1-channel image is encoded as gray, 3 channels as
    /// RGB; a 4th (alpha) channel is kept as it is (albumentations compresses it on its own). Float images go to bytes of
    /// their value range and back (albumentations' <c>uint8_io</c>).</summary>
    /// <exception cref="System.ArgumentException">compression is not Jpeg or Webp, or the qualities are not
    /// 1 &lt;= minQuality &lt;= maxQuality &lt;= 100.</exception>
    let private imageCompressionUntagged (compression: CompressionType) (minQuality: int) (maxQuality: int) =
        if not (Enum.IsDefined compression) then Throw.Argument("compression", compression, "Jpeg or Webp")
        Domain.intWithin "minQuality" 1 100 minQuality
        Domain.intWithin "maxQuality" minQuality 100 maxQuality
        Op.ofSpec imageCompressionSpec (fun seed _ ->
            { Type = compression; Quality = minQuality + Seed.intBelow (Seed.derive seed 0L) (maxQuality - minQuality + 1) })
        |> Op.within (fun (p: ImageCompressionParams) ->
            if p.Type <> compression then Throw.Argument("Type", p.Type, sprintf "this op's %A" compression)
            if p.Quality < minQuality || p.Quality > maxQuality then
                Throw.Argument("Quality", p.Quality, sprintf "a quality in [%d, %d]" minQuality maxQuality))
        |> Aug.op
    [<CompiledName("ImageCompression")>]
    let imageCompression compression minQuality maxQuality =
        imageCompressionUntagged compression minQuality maxQuality
        |> Aug.withSource "ImageCompression"
            [ "compression", box compression; "minQuality", box minQuality; "maxQuality", box maxQuality ]

    let private glassBlurSpec : OpSpec<GlassBlurParams> =
        colour OpKind.Neighbourhood "GlassBlur"
            "Gaussian blur, pixel swaps within max_delta from Philox, Gaussian blur again (albumentations GlassBlur, mode fast)."
            (fun p ->
                checkSigma "Sigma" p.Sigma
                Domain.intWithin "MaxDelta" 1 64 p.MaxDelta
                Domain.intWithin "Iterations" 1 64 p.Iterations
                noiseSeed p.Seed |> ignore)
            (fun p _ ->
                let struct (k0, k1, s0, s1) = (noiseSeed p.Seed).Words
                let size = FilterKernels.GaussianSize p.Sigma
                let kernel = if size = 1 then [| 1f |] else FilterKernels.GaussianKernel(size, p.Sigma)
                Step.Filter
                    { Name = "GlassBlur"; Channels = 0; OutputType = ValueNone; OutputRange = ValueNone; Device = ValueNone
                      Run = fun src dst ->
                        let w, h, c = src.Width, src.Height, src.Channels
                        let tmp = PixelBuffer.Rent(w, h, c, src.ElementType, src.Range)
                        try
                            if src.ElementType = ElementType.Byte then
                                let t = tmp.Bytes
                                if size = 1 then src.ReadBytes.CopyTo t
                                else FilterKernels.SeparableFilterFixed(src.ReadBytes, t, w, h, c, ReadOnlySpan kernel, ReadOnlySpan kernel)
                                GlassKernels.Swap(t, w, h, c, p.MaxDelta, p.Iterations, k0, k1, s0, s1)
                                if size = 1 then tmp.ReadBytes.CopyTo dst.Bytes
                                else FilterKernels.SeparableFilterFixed(tmp.ReadBytes, dst.Bytes, w, h, c, ReadOnlySpan kernel, ReadOnlySpan kernel)
                            else
                                let t = tmp.Floats
                                if size = 1 then src.ReadFloats.CopyTo t
                                else FilterKernels.SeparableFilter(src.ReadFloats, t, w, h, c, ReadOnlySpan kernel, ReadOnlySpan kernel, src.Range)
                                GlassKernels.Swap(t, w, h, c, p.MaxDelta, p.Iterations, k0, k1, s0, s1)
                                if size = 1 then tmp.ReadFloats.CopyTo dst.Floats
                                else FilterKernels.SeparableFilter(tmp.ReadFloats, dst.Floats, w, h, c, ReadOnlySpan kernel, ReadOnlySpan kernel, src.Range)
                        finally
                            tmp.Return() })

    /// <summary>Glass blur as albumentations' <c>GlassBlur(sigma, max_delta, iterations, mode="fast")</c>: the Gaussian blur
    /// of <c>Ops.gaussianBlur</c> (<c>cv2.GaussianBlur</c> with ksize (0, 0), reflect-101; bytes rounded, as OpenCV's
    /// uint8 result), then <paramref name="iterations"/> rounds of albumentations' vectorised pixel swaps in its order
    /// (<c>GlassKernels.Swap</c>), then the same blur again. albumentations draws the offsets with numpy's
    /// <c>integers(-max_delta, max_delta)</c>; here swap k of iteration i takes its offsets from Philox block
    /// <c>k * iterations + i</c> of a seed the op draws and records in the trace (<c>GlassKernels.Offset</c>), so the bits
    /// do not depend on threads or paths (the same distribution, not numpy's numbers). Images no larger than
    /// <c>2 max_delta</c> on a side are only blurred twice.</summary>
    /// <exception cref="System.ArgumentException">sigma is not in (0, 50], maxDelta not 1 to 64, or iterations not 1 to 64.</exception>
    let private glassBlurUntagged (sigma: float) (maxDelta: int) (iterations: int) =
        checkSigma "sigma" sigma
        Domain.intWithin "maxDelta" 1 64 maxDelta
        Domain.intWithin "iterations" 1 64 iterations
        Op.ofSpec glassBlurSpec (fun seed _ -> { Sigma = sigma; MaxDelta = maxDelta; Iterations = iterations; Seed = string (Seed.derive seed 0L) })
        |> Op.within (fun (p: GlassBlurParams) ->
            if p.Sigma <> sigma then Throw.Argument("Sigma", p.Sigma, sprintf "this op's sigma %g" sigma)
            if p.MaxDelta <> maxDelta then Throw.Argument("MaxDelta", p.MaxDelta, sprintf "this op's max delta %d" maxDelta)
            if p.Iterations <> iterations then Throw.Argument("Iterations", p.Iterations, sprintf "this op's %d iterations" iterations))
        |> Aug.op
    [<CompiledName("GlassBlur")>]
    let glassBlur sigma maxDelta iterations =
        glassBlurUntagged sigma maxDelta iterations
        |> Aug.withSource "GlassBlur" [ "sigma", box sigma; "maxDelta", box maxDelta; "iterations", box iterations ]

    let private isoNoiseSpec : OpSpec<IsoNoiseParams> =
        colour OpKind.ImageKernel "ISONoise"
            "Poisson luminance and Gaussian hue noise in OpenCV's HLS, per pixel from Philox (albumentations ISONoise)."
            (fun p ->
                Domain.within "ColorShift" 0.0 1.0 p.ColorShift
                Domain.within "Intensity" 0.0 1.0 p.Intensity
                noiseSeed p.Seed |> ignore)
            (fun p v ->
                needColour "ISONoise" v
                let struct (k0, k1, s0, s1) = (noiseSeed p.Seed).Words
                colourKernel "ISONoise" (throughBytes (fun src dst ->
                    IsoNoiseKernels.IsoNoise(src.ReadBytes, dst.Bytes, src.Channels, p.ColorShift, p.Intensity, k0, k1, s0, s1))))

    /// <summary>Camera sensor noise as albumentations 1.x's <c>ISONoise(color_shift, intensity)</c> (<c>iso_noise</c> on uint8;
    /// albumentations 2 rewrote it on float32 with another scaling, which this op does not follow): both drawn
    /// from the samplers (uniform samplers give albumentations' draws), then in OpenCV's float HLS of the image a per-pixel
    /// luminance draw <c>n ~ Poisson(std(L) * intensity * 255)</c> (std over the image) moves L to <c>L + (n / 255)(1 - L)</c>
    /// and a hue draw <c>N(0, color_shift * 360 * intensity)</c> (degrees) is added to H, wrapped once; back to RGB, times
    /// 255, truncated (<c>IsoNoiseKernels.IsoNoise</c> gives every formula). The draws come from Philox by pixel index
    /// under a seed the op draws and records in the trace, not numpy's generator, so the noise has albumentations'
    /// distribution but not its numbers, and the bits do not depend on threads or paths. RGB and RGBA (alpha kept); float
    /// images go to bytes of their value range and back (albumentations takes uint8 only).</summary>
    /// <exception cref="System.ArgumentException">A sampler can draw a value outside [0, 1]; when run, a 1-channel image.</exception>
    let private isoNoiseUntagged (colorShift: Sampler) (intensity: Sampler) =
        let colorShift, intensity = samplerArg "colorShift" colorShift, samplerArg "intensity" intensity
        for name, s in [ "colorShift", colorShift; "intensity", intensity ] do
            samplerWithin name s 0.0 1.0 "a sampler of values in [0, 1]"
        Op.ofSpec isoNoiseSpec (fun seed _ ->
            { ColorShift = Sampler.draw colorShift (Seed.derive seed 0L); Intensity = Sampler.draw intensity (Seed.derive seed 1L)
              Seed = string (Seed.derive seed 2L) })
        |> Op.within (fun (p: IsoNoiseParams) ->
            Op.inSampler "ColorShift" colorShift p.ColorShift
            Op.inSampler "Intensity" intensity p.Intensity)
        |> Aug.op
    [<CompiledName("ISONoise")>]
    let isoNoise colorShift intensity =
        isoNoiseUntagged colorShift intensity
        |> Aug.withSource "ISONoise" [ "colorShift", box colorShift; "intensity", box intensity ]

    let private moreBlurNoise : OpInfo list =
        [ Op.info motionBlurSpec; Op.info defocusSpec; Op.info multiplicativeNoiseSpec; Op.info saltAndPepperSpec
          Op.info downscaleSpec; Op.info imageCompressionSpec; Op.info glassBlurSpec
          Op.info isoNoiseSpec ]

    // ------------------------------------------------------------------ occlusion
    // Occlusion ops go in this section, each listed in occlusion for the catalogue.

    /// <summary>The occlusion map of rectangles: one byte per pixel, 1 inside some [x0, x1) x [y0, y1) (clipped to the
    /// image) of the flat array <c>[x0, y0, x1, y1, ...]</c>.</summary>
    let rectMap (width: int) (height: int) (holes: int[]) =
        let map = Array.zeroCreate<byte> (width * height)
        for k in 0 .. holes.Length / 4 - 1 do
            let x0, y0 = max 0 holes.[4 * k], max 0 holes.[4 * k + 1]
            let x1, y1 = min width holes.[4 * k + 2], min height holes.[4 * k + 3]
            for y in y0 .. y1 - 1 do
                for x in x0 .. x1 - 1 do map.[y * width + x] <- 1uy
        map

    /// <summary>albumentations' <c>mask_dropout_bboxes</c>: the pixels (j, i) with <c>XMin &lt;= j &lt;= XMax</c> and
    /// <c>YMin &lt;= i &lt;= YMax</c> not marked by the map are the visible area; a box stays when that area is at least
    /// <c>MinArea</c> and its ratio to the box's area at least <c>MinVisibility</c> (1 for a box of zero area).</summary>
    let private keepUnoccluded (filter: BoxFilter) (width: int) (height: int) (map: byte[]) (b: Box) =
        let j0, j1 = max 0 (int (Math.Ceiling b.XMin)), min (width - 1) (int (Math.Floor b.XMax))
        let i0, i1 = max 0 (int (Math.Ceiling b.YMin)), min (height - 1) (int (Math.Floor b.YMax))
        let mutable visible = 0
        for i in i0 .. i1 do
            for j in j0 .. j1 do
                if map.[i * width + j] = 0uy then visible <- visible + 1
        let ratio = if b.Area > 0.0 then float visible / b.Area else 1.0
        float visible >= filter.MinArea && ratio >= filter.MinVisibility

    let private checkMaskFill (field: string) (v: int) = Domain.intWithin field -1 255 v

    /// <summary>How an occlusion op paints: <c>Paint src dst byteFill floatFill</c> copies src to dst and fills the
    /// pixels it covers (a byte buffer takes the byte fill, a float one the float fill); <c>MapOf width height</c> is the
    /// same pixels as a map (one byte per pixel), used only to filter boxes.</summary>
    type private Occluder =
        { Paint: PixelBuffer -> PixelBuffer -> byte -> float32 -> unit
          MapOf: int -> int -> byte[] }

    /// <summary>The step of an occlusion op: the pixels it covers take the fill (value units, clamped to the range;
    /// bytes rounded half to even). An image kernel when only pixels change; a custom step (a fusion barrier) when the
    /// mask takes <c>maskFill</c> (0 to 255; -1 leaves it) or boxes are filtered, as the engine gives kernels no mask or
    /// box effect. The kernel is a copy and row fills: no map, nothing of the image's size allocated.</summary>
    let private occlude (name: string) (o: Occluder) (fill: float) (maskFill: int) (filter: BoxFilter) (v: SampleView) =
        let run (src: PixelBuffer) (dst: PixelBuffer) =
            let f = float32 (Math.Clamp(fill, float src.Range.Min, float src.Range.Max))
            o.Paint src dst (byte (MathF.Round f)) f
        let touchesMask = v.HasMask && maskFill >= 0
        let filters = v.Boxes.Length > 0 && filter <> BoxFilter.Default
        if not touchesMask && not filters then
            // The device's copy of the fill: the value run computes from the view's range (the kernel's source range).
            let device =
                ValueSome(DeviceKernel.FillMarked(lazy (o.MapOf v.Shape.Width v.Shape.Height),
                                                  float32 (Math.Clamp(fill, float v.Range.Min, float v.Range.Max))))
            Step.Kernel { Name = name; Channels = 0; OutputType = ValueNone; OutputRange = ValueNone; Device = device; Run = run }
        else
            Step.Custom(name, fun s ->
                let W, H = s.Image.Width, s.Image.Height
                let img = PixelBuffer.Allocate(W, H, s.Image.Channels, s.Image.ElementType, s.Image.Range)
                run (PixelBuffer.View s.Image) img
                let mask =
                    match s.Mask with
                    | Some m when maskFill >= 0 ->
                        let out = PixelBuffer.Allocate(W, H, 1, ElementType.Byte, ValueRange.Byte)
                        o.Paint (PixelBuffer.View m) out (byte maskFill) (float32 maskFill)
                        Some(out.ToImage())
                    | m -> m
                let boxes =
                    if filters then (let map = o.MapOf W H in s.Boxes |> Array.filter (keepUnoccluded filter W H map))
                    else s.Boxes
                { s with Image = img.ToImage(); Mask = mask; Boxes = boxes })

    /// <summary>The occluder of rectangles <c>[x0, y0, x1, y1, ...]</c> (<c>OcclusionFillKernels.CopyFillRects</c>).</summary>
    let private rectOccluder (holes: int[]) : Occluder =
        { Paint = fun src dst b f ->
            if src.ElementType = ElementType.Byte then
                OcclusionFillKernels.CopyFillRects(src.ReadBytes, dst.Bytes, src.Width, src.Height, src.Channels, ReadOnlySpan holes, b)
            else
                OcclusionFillKernels.CopyFillRects(src.ReadFloats, dst.Floats, src.Width, src.Height, src.Channels, ReadOnlySpan holes, f)
          MapOf = fun w h -> rectMap w h holes }

    let private checkHoles (holes: int[]) =
        if holes.Length % 4 <> 0 then Throw.Argument("Holes", sprintf "%d values" holes.Length, "a multiple of 4 values (x0, y0, x1, y1 per hole)")
        // The field name is formatted only for a value that fails (sprintf per value cost more than the fills).
        let within (i: int) (lo: int) =
            if holes.[i] < lo then Domain.intWithin (sprintf "Holes[%d]" i) lo Int32.MaxValue holes.[i]
        for k in 0 .. holes.Length / 4 - 1 do
            within (4 * k) 0
            within (4 * k + 1) 0
            within (4 * k + 2) holes.[4 * k]
            within (4 * k + 3) holes.[4 * k + 1]

    let private fitHoles (v: SampleView) (holes: int[]) =
        for k in 0 .. holes.Length / 4 - 1 do
            if holes.[4 * k + 2] > v.Shape.Width then Throw.Argument(sprintf "Holes[%d]" (4 * k + 2), holes.[4 * k + 2], sprintf "at most the image width %d" v.Shape.Width)
            if holes.[4 * k + 3] > v.Shape.Height then Throw.Argument(sprintf "Holes[%d]" (4 * k + 3), holes.[4 * k + 3], sprintf "at most the image height %d" v.Shape.Height)

    let private holesSpec (name: string) (summary: string) (filter: BoxFilter) : OpSpec<HolesParams> =
        colour OpKind.ImageKernel name summary
            (fun p -> checkHoles p.Holes; checkFill p.Fill; checkMaskFill "MaskFill" p.MaskFill)
            (fun p v ->
                fitHoles v p.Holes
                if p.Holes.Length = 0 then Step.Nothing
                else occlude name (rectOccluder p.Holes) p.Fill p.MaskFill filter v)

    let private coarseDropoutSpec (filter: BoxFilter) =
        holesSpec "CoarseDropout" "Fills a random number of random rectangles (albumentations CoarseDropout)." filter

    let private checkOcclusionArgs (fill: float) (maskFill: int) =
        Domain.finite "fill" fill
        checkMaskFill "maskFill" maskFill

    // Hole k draws from child 1 + k of the seed: height (child 0), width (child 1), top (child 2), left (child 3).
    let private dropoutHoles (seed: Seed) (v: SampleView) (minHoles: int) (maxHoles: int) (size: Seed -> Seed -> int * int) =
        let W, H = v.Shape.Width, v.Shape.Height
        let n = minHoles + Seed.intBelow (Seed.derive seed 0L) (maxHoles - minHoles + 1)
        [| for k in 0 .. n - 1 do
             let s = Seed.derive seed (1L + int64 k)
             let h, w = size (Seed.derive s 0L) (Seed.derive s 1L)
             let h, w = Math.Clamp(h, 1, H), Math.Clamp(w, 1, W)
             let y = Seed.intBelow (Seed.derive s 2L) (H - h + 1)
             let x = Seed.intBelow (Seed.derive s 3L) (W - w + 1)
             yield! [| x; y; x + w; y + h |] |]

    /// <summary>CoarseDropout as albumentations' (2.x) with fractional hole sizes: a number of holes uniform in
    /// [minHoles, maxHoles]; each hole's height <c>int(H * u)</c> and width <c>int(W * u)</c> with u drawn from
    /// <paramref name="holeHeight"/> and <paramref name="holeWidth"/> (fractions of the side, at least one pixel), placed
    /// uniformly inside the image. The holes take <paramref name="fill"/> (value units, clamped to the range); the mask
    /// takes <paramref name="maskFill"/> (0 to 255, or -1 to leave it, albumentations' <c>fill_mask=None</c>). Boxes keep
    /// their coordinates and are dropped as albumentations' <c>mask_dropout_bboxes</c> with <paramref name="filter"/>'s
    /// <c>MinArea</c> and <c>MinVisibility</c> (so <c>BoxFilter.Default</c> keeps every box); keypoints are kept. The
    /// holes are recorded in pixels in the trace.</summary>
    /// <exception cref="System.ArgumentException">minHoles &lt; 1 or maxHoles &lt; minHoles, a size sampler outside (0, 1],
    /// a fill that is not finite, or maskFill outside [-1, 255].</exception>
    let private coarseDropoutWithUntagged (filter: BoxFilter) (minHoles: int) (maxHoles: int) (holeHeight: Sampler) (holeWidth: Sampler) (fill: float) (maskFill: int) =
        Domain.intWithin "minHoles" 1 10000 minHoles
        Domain.intWithin "maxHoles" minHoles 10000 maxHoles
        let holeHeight, holeWidth = samplerArg "holeHeight" holeHeight, samplerArg "holeWidth" holeWidth
        for name, s in [ "holeHeight", holeHeight; "holeWidth", holeWidth ] do
            let lo, hi = Sampler.bounds s
            if not (lo > 0.0 && hi <= 1.0) then Throw.Argument(name, string s, "a sampler of fractions of the side in (0, 1]")
        checkOcclusionArgs fill maskFill
        Aug.op (Op.ofSpec (coarseDropoutSpec filter) (fun seed v ->
            let size sh sw = int (float v.Shape.Height * Sampler.draw holeHeight sh), int (float v.Shape.Width * Sampler.draw holeWidth sw)
            { Holes = dropoutHoles seed v minHoles maxHoles size; Fill = fill; MaskFill = maskFill }))
    [<CompiledName("CoarseDropoutWith")>]
    let coarseDropoutWith filter minHoles maxHoles holeHeight holeWidth fill maskFill =
        coarseDropoutWithUntagged filter minHoles maxHoles holeHeight holeWidth fill maskFill
        |> Aug.withSource "CoarseDropoutWith"
            [ "filter", box filter; "minHoles", box minHoles; "maxHoles", box maxHoles; "holeHeight", box holeHeight
              "holeWidth", box holeWidth; "fill", box fill; "maskFill", box maskFill ]

    /// <summary>CoarseDropout with <c>BoxFilter.Default</c> (every box kept): see <c>coarseDropoutWith</c>.</summary>
    let private coarseDropoutUntagged (minHoles: int) (maxHoles: int) (holeHeight: Sampler) (holeWidth: Sampler) (fill: float) (maskFill: int) =
        coarseDropoutWith BoxFilter.Default minHoles maxHoles holeHeight holeWidth fill maskFill
    [<CompiledName("CoarseDropout")>]
    let coarseDropout minHoles maxHoles holeHeight holeWidth fill maskFill =
        coarseDropoutUntagged minHoles maxHoles holeHeight holeWidth fill maskFill
        |> Aug.withSource "CoarseDropout"
            [ "minHoles", box minHoles; "maxHoles", box maxHoles; "holeHeight", box holeHeight
              "holeWidth", box holeWidth; "fill", box fill; "maskFill", box maskFill ]

    /// <summary>CoarseDropout (Cutout) with hole sizes in pixels, as albumentations' integer <c>hole_height_range</c> and
    /// <c>hole_width_range</c>: heights uniform in [minHeight, maxHeight] and widths in [minWidth, maxWidth], clipped to
    /// the image; otherwise as <c>coarseDropout</c> (every box kept).</summary>
    /// <exception cref="System.ArgumentException">As <c>coarseDropoutWith</c>, or a size range that is not 1 &lt;= min &lt;= max.</exception>
    let private coarseDropoutPixelsUntagged (minHoles: int) (maxHoles: int) (minHeight: int) (maxHeight: int) (minWidth: int) (maxWidth: int) (fill: float) (maskFill: int) =
        Domain.intWithin "minHoles" 1 10000 minHoles
        Domain.intWithin "maxHoles" minHoles 10000 maxHoles
        Domain.intWithin "minHeight" 1 65536 minHeight
        Domain.intWithin "maxHeight" minHeight 65536 maxHeight
        Domain.intWithin "minWidth" 1 65536 minWidth
        Domain.intWithin "maxWidth" minWidth 65536 maxWidth
        checkOcclusionArgs fill maskFill
        Aug.op (Op.ofSpec (coarseDropoutSpec BoxFilter.Default) (fun seed v ->
            let size sh sw = minHeight + Seed.intBelow sh (maxHeight - minHeight + 1), minWidth + Seed.intBelow sw (maxWidth - minWidth + 1)
            { Holes = dropoutHoles seed v minHoles maxHoles size; Fill = fill; MaskFill = maskFill }))
    [<CompiledName("CoarseDropoutPixels")>]
    let coarseDropoutPixels minHoles maxHoles minHeight maxHeight minWidth maxWidth fill maskFill =
        coarseDropoutPixelsUntagged minHoles maxHoles minHeight maxHeight minWidth maxWidth fill maskFill
        |> Aug.withSource "CoarseDropoutPixels"
            [ "minHoles", box minHoles; "maxHoles", box maxHoles; "minHeight", box minHeight
              "maxHeight", box maxHeight; "minWidth", box minWidth; "maxWidth", box maxWidth; "fill", box fill
              "maskFill", box maskFill ]

    let private randomErasingSpec =
        holesSpec "RandomErasing" "Erases one rectangle of random area and aspect ratio (torchvision RandomErasing)." BoxFilter.Default

    /// <summary>torchvision's <c>RandomErasing.get_params</c>: up to 10 tries k (child k of the seed: four uniforms) of
    /// an area <c>H W s</c> with s uniform in [scaleLow, scaleHigh] and a log-uniform ratio r in [ratioLow, ratioHigh];
    /// <c>h = round(sqrt(area r))</c>, <c>w = round(sqrt(area / r))</c> (half to even, as Python's round); the first with
    /// <c>h &lt; H</c> and <c>w &lt; W</c> is placed at a uniform top <c>i</c> in [0, H - h] and left <c>j</c> in
    /// [0, W - w]. None fits: no rectangle. Returns [j, i, j + w, i + h] or an empty array.</summary>
    let erasingRect (seed: Seed) (width: int) (height: int) (scaleLow: float, scaleHigh: float) (ratioLow: float, ratioHigh: float) =
        let area = float width * float height
        let logLo, logHi = Math.Log ratioLow, Math.Log ratioHigh
        let rec attempt k =
            if k = 10 then [||]
            else
                let u = Seed.uniforms (Seed.derive seed (int64 k)) 4
                let target = area * (scaleLow + u.[0] * (scaleHigh - scaleLow))
                let r = Math.Exp(logLo + u.[1] * (logHi - logLo))
                let h = int (Math.Round(Math.Sqrt(target * r), MidpointRounding.ToEven))
                let w = int (Math.Round(Math.Sqrt(target / r), MidpointRounding.ToEven))
                if h < height && w < width && h > 0 && w > 0 then
                    let i = min (height - h) (int (u.[2] * float (height - h + 1)))
                    let j = min (width - w) (int (u.[3] * float (width - w + 1)))
                    [| j; i; j + w; i + h |]
                else attempt (k + 1)
        attempt 0

    /// <summary>Random erasing as torchvision's <c>RandomErasing(p=1, scale, ratio, value)</c> (defaults there: scale
    /// 0.02 to 0.33, ratio 0.3 to 3.3, value 0): the rectangle of <c>Ops.erasingRect</c> takes <paramref name="value"/>
    /// (value units, clamped to the range) on every channel; after 10 failed tries nothing changes, as torchvision returns
    /// the image. Wrap in <c>Aug.maybe</c> for torchvision's p. torchvision's <c>value="random"</c> (per-pixel normal
    /// noise) is not offered. Mask, boxes and keypoints pass through (torchvision v2 passes them through too).</summary>
    /// <exception cref="System.ArgumentException">Scale bounds not in (0, 1] and ordered, ratio bounds not positive and
    /// ordered, or a value that is not finite.</exception>
    let private randomErasingUntagged (scaleLow: float) (scaleHigh: float) (ratioLow: float) (ratioHigh: float) (value: float) =
        if not (scaleLow > 0.0 && scaleLow <= 1.0) then Throw.Argument("scaleLow", scaleLow, "an area fraction in (0, 1]")
        if not (scaleHigh >= scaleLow && scaleHigh <= 1.0) then Throw.Argument("scaleHigh", scaleHigh, sprintf "an area fraction in [scaleLow (%g), 1]" scaleLow)
        if not (ratioLow > 0.0 && Double.IsFinite ratioLow) then Throw.Argument("ratioLow", ratioLow, "an aspect ratio > 0")
        if not (ratioHigh >= ratioLow && Double.IsFinite ratioHigh) then Throw.Argument("ratioHigh", ratioHigh, sprintf "an aspect ratio >= ratioLow (%g)" ratioLow)
        Domain.finite "value" value
        Aug.op (Op.ofSpec randomErasingSpec (fun seed v ->
            { Holes = erasingRect seed v.Shape.Width v.Shape.Height (scaleLow, scaleHigh) (ratioLow, ratioHigh); Fill = value; MaskFill = -1 }))
    [<CompiledName("RandomErasing")>]
    let randomErasing scaleLow scaleHigh ratioLow ratioHigh value =
        randomErasingUntagged scaleLow scaleHigh ratioLow ratioHigh value
        |> Aug.withSource "RandomErasing"
            [ "scaleLow", box scaleLow; "scaleHigh", box scaleHigh; "ratioLow", box ratioLow
              "ratioHigh", box ratioHigh; "value", box value ]

    let private gridDropoutSpec =
        holesSpec "GridDropout" "Drops a regular grid of square holes, ratio of the unit size (albumentations GridDropout)." BoxFilter.Default

    /// <summary>albumentations (1.x) <c>GridDropout</c> holes: unit side <c>u</c>, hole side <c>int(u ratio)</c> (no holes
    /// when 0), hole (a, b) for a in 0 .. W / u and b in 0 .. H / u at <c>x0 = min(shiftX + u a, W)</c>,
    /// <c>y0 = min(shiftY + u b, H)</c>, clipped to the image. Returns the flat [x0, y0, x1, y1, ...] of non-empty holes.</summary>
    let gridHoles (width: int) (height: int) (unit: int) (ratio: float) (shiftX: int) (shiftY: int) =
        let hole = int (float unit * ratio)
        if hole <= 0 then [||]
        else
            let out = ResizeArray<int>(4 * (width / unit + 1) * (height / unit + 1))
            for a in 0 .. width / unit do
                for b in 0 .. height / unit do
                    let x0 = min (shiftX + unit * a) width
                    let y0 = min (shiftY + unit * b) height
                    let x1, y1 = min (x0 + hole) width, min (y0 + hole) height
                    if x1 > x0 && y1 > y0 then
                        out.Add x0; out.Add y0; out.Add x1; out.Add y1
            out.ToArray()

    /// <summary>GridDropout as albumentations' (1.x) <c>GridDropout(ratio, unit_size_min, unit_size_max, shift_x, shift_y,
    /// random_offset, fill_value, mask_fill_value)</c>: a square unit side uniform in [unitMin, unitMax] (at most the
    /// shorter side); the shift uniform in [0, unit - hole] on each axis with <paramref name="randomOffset"/>, else
    /// <paramref name="shiftX"/>, <paramref name="shiftY"/> clamped to that range; holes of <c>Ops.gridHoles</c> take
    /// <paramref name="fill"/>, the mask <paramref name="maskFill"/> (-1 leaves it). Boxes and keypoints are kept.</summary>
    /// <exception cref="System.ArgumentException">ratio not in (0, 1], unitMin &lt; 2 or unitMax &lt; unitMin, a negative
    /// shift, a fill that is not finite, maskFill outside [-1, 255]; or, when run, unitMax over the shorter side.</exception>
    let private gridDropoutUntagged (ratio: float) (unitMin: int) (unitMax: int) (randomOffset: bool) (shiftX: int) (shiftY: int) (fill: float) (maskFill: int) =
        if not (ratio > 0.0 && ratio <= 1.0) then Throw.Argument("ratio", ratio, "a fraction of the unit in (0, 1]")
        Domain.intWithin "unitMin" 2 65536 unitMin
        Domain.intWithin "unitMax" unitMin 65536 unitMax
        Domain.intWithin "shiftX" 0 65536 shiftX
        Domain.intWithin "shiftY" 0 65536 shiftY
        checkOcclusionArgs fill maskFill
        Aug.op (Op.ofSpec gridDropoutSpec (fun seed v ->
            let W, H = v.Shape.Width, v.Shape.Height
            if unitMax > min W H then Throw.Argument("unitMax", unitMax, sprintf "at most the shorter side %d" (min W H))
            let unit = unitMin + Seed.intBelow (Seed.derive seed 0L) (unitMax - unitMin + 1)
            let hole = int (float unit * ratio)
            let sx, sy =
                if randomOffset then Seed.intBelow (Seed.derive seed 1L) (unit - hole + 1), Seed.intBelow (Seed.derive seed 2L) (unit - hole + 1)
                else min shiftX (unit - hole), min shiftY (unit - hole)
            { Holes = gridHoles W H unit ratio sx sy; Fill = fill; MaskFill = maskFill }))
    [<CompiledName("GridDropout")>]
    let gridDropout ratio unitMin unitMax randomOffset shiftX shiftY fill maskFill =
        gridDropoutUntagged ratio unitMin unitMax randomOffset shiftX shiftY fill maskFill
        |> Aug.withSource "GridDropout"
            [ "ratio", box ratio; "unitMin", box unitMin; "unitMax", box unitMax; "randomOffset", box randomOffset
              "shiftX", box shiftX; "shiftY", box shiftY; "fill", box fill; "maskFill", box maskFill ]

    let private xyMaskingSpec =
        holesSpec "XYMasking" "Full-height stripes along x and full-width stripes along y (albumentations XYMasking)." BoxFilter.Default

    /// <summary>XYMasking as albumentations' <c>XYMasking(num_masks_x, num_masks_y, mask_x_length, mask_y_length, fill,
    /// fill_mask)</c> with pixel lengths: <paramref name="numX"/> stripes of full height, each of a width uniform in
    /// [minLengthX, maxLengthX] at a left edge uniform in [0, W - width] (stripe k from child k of the seed), then
    /// <paramref name="numY"/> stripes of full width likewise (children numX + k). Stripes take <paramref name="fill"/>,
    /// the mask <paramref name="maskFill"/> (-1 leaves it); boxes and keypoints are kept.</summary>
    /// <exception cref="System.ArgumentException">A negative count, a length range that is not 0 &lt;= min &lt;= max, a fill
    /// that is not finite, maskFill outside [-1, 255]; or, when run, a maximum length over the side.</exception>
    let private xyMaskingUntagged (numX: int) (minLengthX: int) (maxLengthX: int) (numY: int) (minLengthY: int) (maxLengthY: int) (fill: float) (maskFill: int) =
        Domain.intWithin "numX" 0 10000 numX
        Domain.intWithin "numY" 0 10000 numY
        Domain.intWithin "minLengthX" 0 65536 minLengthX
        Domain.intWithin "maxLengthX" minLengthX 65536 maxLengthX
        Domain.intWithin "minLengthY" 0 65536 minLengthY
        Domain.intWithin "maxLengthY" minLengthY 65536 maxLengthY
        checkOcclusionArgs fill maskFill
        Aug.op (Op.ofSpec xyMaskingSpec (fun seed v ->
            let W, H = v.Shape.Width, v.Shape.Height
            if numX > 0 && maxLengthX > W then Throw.Argument("maxLengthX", maxLengthX, sprintf "at most the image width %d" W)
            if numY > 0 && maxLengthY > H then Throw.Argument("maxLengthY", maxLengthY, sprintf "at most the image height %d" H)
            let stripe k lo hi side =
                let s = Seed.derive seed (int64 k)
                let len = lo + Seed.intBelow (Seed.derive s 0L) (hi - lo + 1)
                len, Seed.intBelow (Seed.derive s 1L) (side - len + 1)
            let holes =
                [| for k in 0 .. numX - 1 do
                     let len, x = stripe k minLengthX maxLengthX W
                     if len > 0 then yield! [| x; 0; x + len; H |]
                   for k in 0 .. numY - 1 do
                     let len, y = stripe (numX + k) minLengthY maxLengthY H
                     if len > 0 then yield! [| 0; y; W; y + len |] |]
            { Holes = holes; Fill = fill; MaskFill = maskFill }))
    [<CompiledName("XYMasking")>]
    let xyMasking numX minLengthX maxLengthX numY minLengthY maxLengthY fill maskFill =
        xyMaskingUntagged numX minLengthX maxLengthX numY minLengthY maxLengthY fill maskFill
        |> Aug.withSource "XYMasking"
            [ "numX", box numX; "minLengthX", box minLengthX; "maxLengthX", box maxLengthX; "numY", box numY
              "minLengthY", box minLengthY; "maxLengthY", box maxLengthY; "fill", box fill; "maskFill", box maskFill ]

    /// <summary>KerasCV's GridMask map (<c>keras_cv/layers/preprocessing/grid_mask.py</c>, <c>_compute_grid_mask</c> and
    /// <c>augment_image</c>) for a W x H image: on an L x L mask with <c>L = ceil(sqrt(W^2 + H^2))</c>, squares of side
    /// <c>ratio * unit</c> whose far corners sit at <c>k * unit - delta</c> (k = 1 .. L // unit + 1) on each axis, a
    /// pixel index m covered when <c>x0 &lt;= m &lt; x1</c> (<c>fill_utils.corners_to_mask</c>); the mask is turned by
    /// <c>angle</c> degrees with Keras' <c>RandomRotation</c> transform (output (x, y) reads input
    /// <c>(cos x - sin y + ox, sin x + cos y + oy)</c> about the pixel-index centre, bilinear, zeros outside) and centre
    /// cropped (offsets <c>int((L - H) / 2)</c>, <c>int((L - W) / 2)</c>); a pixel is occluded where the rotated mask is
    /// not zero. Computed in double (KerasCV in float32).</summary>
    let gridMaskMap (width: int) (height: int) (unit: float) (ratio: float) (deltaX: float) (deltaY: float) (angle: float) =
        let L = int (Math.Ceiling(Math.Sqrt(float width * float width + float height * float height)))
        let side = ratio * unit
        let n = int (Math.Floor(float L / unit)) + 1
        let covered (delta: float) =
            Array.init L (fun m ->
                let m = float m
                seq { 1 .. n } |> Seq.exists (fun k -> let x1 = float k * unit - delta in x1 - side <= m && m < x1))
        let cx, cy = covered deltaX, covered deltaY
        let grid x y = if x >= 0 && y >= 0 && x < L && y < L && cx.[x] && cy.[y] then 1.0 else 0.0
        let rad = angle * Math.PI / 180.0
        let c, s = Math.Cos rad, Math.Sin rad
        let e = float (L - 1)
        let ox = (e - (c * e - s * e)) / 2.0
        let oy = (e - (s * e + c * e)) / 2.0
        let h0, w0 = (L - height) / 2, (L - width) / 2
        Array.init (width * height) (fun p ->
            let xm, ym = float (p % width + w0), float (p / width + h0)
            let xi, yi = c * xm - s * ym + ox, s * xm + c * ym + oy
            let x0, y0 = Math.Floor xi, Math.Floor yi
            let fx, fy = xi - x0, yi - y0
            let x0, y0 = int x0, int y0
            let v =
                (1.0 - fy) * ((1.0 - fx) * grid x0 y0 + fx * grid (x0 + 1) y0)
                + fy * ((1.0 - fx) * grid x0 (y0 + 1) + fx * grid (x0 + 1) (y0 + 1))
            if v > 0.0 then 1uy else 0uy)

    let private gridMaskSpec : OpSpec<GridMaskParams> =
        colour OpKind.ImageKernel "GridMask" "A rotated grid of squares filled with a constant (KerasCV GridMask)."
            (fun p ->
                Domain.within "Unit" 1e-3 1e6 p.Unit
                Domain.within "Ratio" 0.0 1.0 p.Ratio
                Domain.within "DeltaX" 0.0 p.Unit p.DeltaX
                Domain.within "DeltaY" 0.0 p.Unit p.DeltaY
                Domain.within "Angle" -360000.0 360000.0 p.Angle
                checkFill p.Fill)
            (fun p v ->
                if p.Ratio = 0.0 then Step.Nothing
                else
                    let paint (src: PixelBuffer) (dst: PixelBuffer) (b: byte) (f: float32) =
                        if src.ElementType = ElementType.Byte then
                            OcclusionFillKernels.GridMaskFill(src.ReadBytes, dst.Bytes, src.Width, src.Height, src.Channels,
                                                              p.Unit, p.Ratio, p.DeltaX, p.DeltaY, p.Angle, b)
                        else
                            OcclusionFillKernels.GridMaskFill(src.ReadFloats, dst.Floats, src.Width, src.Height, src.Channels,
                                                              p.Unit, p.Ratio, p.DeltaX, p.DeltaY, p.Angle, f)
                    let mapOf w h = gridMaskMap w h p.Unit p.Ratio p.DeltaX p.DeltaY p.Angle
                    occlude "GridMask" { Paint = paint; MapOf = mapOf } p.Fill -1 BoxFilter.Default v)

    /// <summary>GridMask (Chen et al. 2020) as KerasCV's <c>GridMask(ratio_factor, rotation_factor, fill_mode="constant",
    /// fill_value)</c>: ratio from <paramref name="ratio"/> (KerasCV's default (0, 0.5)), the unit uniform in
    /// <c>[min(H/2, 0.3 W), max(H/2, 0.3 W) + 1)</c>, offsets uniform in [0, unit), an angle uniform in
    /// <c>[-rotationFactor, rotationFactor] * 360</c> degrees (KerasCV's fraction of 2 pi), and the map of
    /// <c>Ops.gridMaskMap</c>; occluded pixels take <paramref name="fill"/> (value units, clamped to the range; KerasCV's
    /// 0 to 255 on byte images). Equal to KerasCV's map except on pixels whose bilinear weight is within float32 error
    /// of 0. KerasCV's <c>fill_mode="gaussian_noise"</c> is not offered. Labels, boxes, mask and keypoints pass through,
    /// as in KerasCV.</summary>
    /// <exception cref="System.ArgumentException">ratio can draw outside [0, 1], rotationFactor is not in [0, 1], or fill is not finite.</exception>
    let private gridMaskUntagged (ratio: Sampler) (rotationFactor: float) (fill: float) =
        let ratio = samplerArg "ratio" ratio
        samplerWithin "ratio" ratio 0.0 1.0 "a sampler of ratios in [0, 1]"
        Domain.within "rotationFactor" 0.0 1.0 rotationFactor
        Domain.finite "fill" fill
        Aug.op (Op.ofSpec gridMaskSpec (fun seed v ->
            let W, H = float v.Shape.Width, float v.Shape.Height
            let a, b = min (H * 0.5) (W * 0.3), max (H * 0.5) (W * 0.3) + 1.0
            let u = Seed.uniforms (Seed.derive seed 1L) 4
            let unit = a + u.[0] * (b - a)
            { Ratio = Sampler.draw ratio (Seed.derive seed 0L); Unit = unit
              DeltaX = u.[1] * unit; DeltaY = u.[2] * unit
              Angle = (2.0 * u.[3] - 1.0) * rotationFactor * 360.0; Fill = fill }))
    [<CompiledName("GridMask")>]
    let gridMask ratio rotationFactor fill =
        gridMaskUntagged ratio rotationFactor fill
        |> Aug.withSource "GridMask" [ "ratio", box ratio; "rotationFactor", box rotationFactor; "fill", box fill ]

    let private occlusion : OpInfo list =
        [ Op.info (coarseDropoutSpec BoxFilter.Default); Op.info randomErasingSpec; Op.info gridDropoutSpec
          Op.info xyMaskingSpec; Op.info gridMaskSpec ]

    // ------------------------------------------------------------------ batch

    let private partnerOf (seed: Seed) (self: int) (n: int) =
        if n <= 1 then 0
        else
            let k = Seed.intBelow seed (n - 1)
            if k < self then k else k + 1

    let private mixLabels (w: float) (a: float[]) (b: float[]) = Array.map2 (fun x y -> w * x + (1.0 - w) * y) a b

    let private mixUpSpec : OpSpec<MixUpParams> =
        { Name = "MixUp"; Kind = OpKind.MultiSample
          Summary = "lambda * this + (1 - lambda) * partner, labels likewise; boxes of both (KerasCV MixUp)."
          Check = (fun p -> Domain.intWithin "Partner" 0 Int32.MaxValue p.Partner; Domain.within "Lambda" 0.0 1.0 p.Lambda)
          Plan = fun p _ ->
            Step.Mix
                { Partners = [| p.Partner |]
                  // The image is GeometryKernels.Mix with float32 lambda, made by the runner (Engine.mixImage).
                  Device = ValueSome(DeviceMix.Blend(float32 p.Lambda))
                  Mix = fun a partners ->
                    let b = partners.[0]
                    { Image = a.Image
                      Label = mixLabels p.Lambda a.Label b.Label
                      Boxes = Array.append a.Boxes b.Boxes
                      Mask = (if p.Lambda >= 0.5 then a.Mask else b.Mask)
                      Keypoints = Array.append a.Keypoints b.Keypoints } } }

    /// <summary>MixUp (Zhang et al. 2018; KerasCV <c>MixUp</c>): each sample draws a partner from the rest of the batch
    /// and <c>lambda ~ Beta(alpha, alpha)</c>; the image is <c>lambda * x + (1 - lambda) * partner</c>, the label
    /// the same mixture of probability vectors (so it still sums to 1); boxes and keypoints of both are kept, and
    /// the mask of the heavier image. A batch op: run it with <c>Aug.runBatch</c>.</summary>
    /// <exception cref="System.ArgumentException">alpha is not a finite number &gt; 0.</exception>
    let private mixUpUntagged (alpha: float) =
        Domain.positive "alpha" alpha
        let beta = Sampler.beta alpha alpha
        Aug.op (Op.ofSpec mixUpSpec (fun seed v ->
            { Partner = partnerOf (Seed.derive seed 0L) v.BatchIndex v.BatchSize
              Lambda = Sampler.draw beta (Seed.derive seed 1L) }))
    [<CompiledName("MixUp")>]
    let mixUp alpha = mixUpUntagged alpha |> Aug.withSource "MixUp" [ "alpha", box alpha ]

    let private cutMixSpec : OpSpec<CutMixParams> =
        { Name = "CutMix"; Kind = OpKind.MultiSample
          Summary = "Pastes a rectangle of the partner; labels weighted by the pasted area (KerasCV CutMix)."
          Check = (fun p ->
            Domain.intWithin "Partner" 0 Int32.MaxValue p.Partner
            Domain.intWithin "X0" 0 Int32.MaxValue p.X0
            Domain.intWithin "Y0" 0 Int32.MaxValue p.Y0
            Domain.intWithin "X1" p.X0 Int32.MaxValue p.X1
            Domain.intWithin "Y1" p.Y0 Int32.MaxValue p.Y1)
          Plan = fun p v ->
            if p.X1 > v.Shape.Width then Throw.Argument("X1", p.X1, sprintf "at most the image width %d" v.Shape.Width)
            if p.Y1 > v.Shape.Height then Throw.Argument("Y1", p.Y1, sprintf "at most the image height %d" v.Shape.Height)
            Step.Mix
                { Partners = [| p.Partner |]
                  // The image is the partner's rectangle pasted into a copy of this one, made by the runner (Engine.mixImage).
                  Device = ValueSome(DeviceMix.Paste(p.X0, p.Y0, p.X1, p.Y1))
                  Mix = fun a partners ->
                    let b = partners.[0]
                    let W, H = a.Image.Width, a.Image.Height
                    let paste (x: Image) (y: Image) =
                        let buf = PixelBuffer.Allocate(x.Width, x.Height, x.Channels, x.ElementType, x.Range)
                        if x.ElementType = ElementType.Byte then
                            CutMixKernels.CopyWithRect(x.Bytes, y.Bytes, buf.Bytes, W, H, x.Channels, p.X0, p.Y0, p.X1, p.Y1)
                        else
                            CutMixKernels.CopyWithRect(x.Floats, y.Floats, buf.Floats, W, H, x.Channels, p.X0, p.Y0, p.X1, p.Y1)
                        buf.ToImage()
                    // The label weight is the area that stays this sample's, exactly.
                    let pasted = float ((p.X1 - p.X0) * (p.Y1 - p.Y0))
                    let w = 1.0 - pasted / (float W * float H)
                    let inRect (x: float) (y: float) = x >= float p.X0 && x <= float p.X1 && y >= float p.Y0 && y <= float p.Y1
                    let partnerBoxes =
                        b.Boxes |> Array.choose (fun bx ->
                            let shifted = { bx with XMin = bx.XMin - float p.X0; XMax = bx.XMax - float p.X0
                                                    YMin = bx.YMin - float p.Y0; YMax = bx.YMax - float p.Y0 }
                            BoxFilter.keep BoxFilter.Default (float (p.X1 - p.X0)) (float (p.Y1 - p.Y0)) shifted
                            |> Option.map (fun c -> { c with XMin = c.XMin + float p.X0; XMax = c.XMax + float p.X0
                                                             YMin = c.YMin + float p.Y0; YMax = c.YMax + float p.Y0 }))
                    { Image = a.Image
                      Label = mixLabels w a.Label b.Label
                      Boxes = Array.append a.Boxes partnerBoxes
                      Mask =
                        (match a.Mask, b.Mask with
                         | Some ma, Some mb when pasted > 0.0 -> Some(paste ma mb)
                         | m, _ -> m)
                      Keypoints =
                        Array.append
                            (a.Keypoints |> Array.map (fun k -> if inRect k.X k.Y then { k with Visible = false } else k))
                            (b.Keypoints |> Array.filter (fun k -> inRect k.X k.Y)) } } }

    /// <summary>CutMix (Yun et al. 2019; KerasCV <c>CutMix</c>): each sample draws a partner and
    /// <c>lambda ~ Beta(alpha, alpha)</c>; a rectangle of side ratio <c>sqrt(1 - lambda)</c> centred uniformly in the
    /// image (clipped to it, in whole pixels) is pasted from the partner. The label weight of this sample is
    /// exactly the fraction of pixels not pasted. Boxes of the partner are clipped to the rectangle; the mask is
    /// pasted with the pixels. A batch op: run it with <c>Aug.runBatch</c>.</summary>
    /// <exception cref="System.ArgumentException">alpha is not a finite number &gt; 0.</exception>
    let private cutMixUntagged (alpha: float) =
        Domain.positive "alpha" alpha
        let beta = Sampler.beta alpha alpha
        Aug.op (Op.ofSpec cutMixSpec (fun seed v ->
            let W, H = v.Shape.Width, v.Shape.Height
            let lam = Sampler.draw beta (Seed.derive seed 1L)
            let r = Math.Sqrt(1.0 - lam)
            let u = Seed.uniforms (Seed.derive seed 2L) 2
            let cx, cy = u.[0] * float W, u.[1] * float H
            let cw, ch = r * float W, r * float H
            let clampTo n (x: float) = int (Math.Round(Math.Clamp(x, 0.0, float n), MidpointRounding.ToEven))
            { Partner = partnerOf (Seed.derive seed 0L) v.BatchIndex v.BatchSize
              X0 = clampTo W (cx - cw / 2.0); Y0 = clampTo H (cy - ch / 2.0)
              X1 = clampTo W (cx + cw / 2.0); Y1 = clampTo H (cy + ch / 2.0) }))
    [<CompiledName("CutMix")>]
    let cutMix alpha = cutMixUntagged alpha |> Aug.withSource "CutMix" [ "alpha", box alpha ]

    // ------------------------------------------------------------------ more batch ops
    // New batch ops (Mosaic) go in this section, each listed in moreBatch for the catalogue.

    let private labelSmoothingSpec : OpSpec<LabelSmoothingParams> =
        { Name = "LabelSmoothing"; Kind = OpKind.Custom
          Summary = "(1 - epsilon) * y + epsilon / K on the label alone (Keras CategoricalCrossentropy label_smoothing)."
          Check = (fun p -> Domain.within "Epsilon" 0.0 1.0 p.Epsilon)
          Plan = fun p _ -> if p.Epsilon = 0.0 then Step.Nothing else Step.Label(Labels.smooth p.Epsilon) }

    /// <summary>Label smoothing as Keras' <c>label_smoothing</c> (Szegedy et al. 2016): the label becomes
    /// <c>(1 - epsilon) * y + epsilon / K</c> with K its length (<c>Labels.smooth</c>); pixels and every other target pass
    /// through. Run it after MixUp or CutMix as the Keras recipes do; a probability vector stays one.</summary>
    /// <exception cref="System.ArgumentException">epsilon is not in [0, 1].</exception>
    let private labelSmoothingUntagged (epsilon: float) =
        Domain.within "epsilon" 0.0 1.0 epsilon
        Aug.op (Op.constant labelSmoothingSpec { Epsilon = epsilon })
    [<CompiledName("LabelSmoothing")>]
    let labelSmoothing epsilon =
        labelSmoothingUntagged epsilon
        |> Aug.withSource "LabelSmoothing" [ "epsilon", box epsilon ]

    /// <summary>The four Mosaic quadrants for a W x H output with centre (cx, cy), in the order this sample, partner 0,
    /// partner 1, partner 2 (top-left, top-right, bottom-left, bottom-right): each as
    /// <c>(dstX, dstY, srcX, srcY, width, height)</c>. Ultralytics' <c>load_mosaic</c> placement without scaling: each
    /// image meets the centre with its corner and is cropped to its quadrant (top-left shows its bottom-right part,
    /// top-right its bottom-left, bottom-left its top-right, bottom-right its top-left).</summary>
    let mosaicQuadrants (width: int) (height: int) (cx: int) (cy: int) =
        [| (0, 0, width - cx, height - cy, cx, cy)
           (cx, 0, 0, height - cy, width - cx, cy)
           (0, cy, width - cx, 0, cx, height - cy)
           (cx, cy, 0, 0, width - cx, height - cy) |]

    let private mosaicSpec : OpSpec<MosaicParams> =
        { Name = "Mosaic"; Kind = OpKind.MultiSample
          Summary = "Four images around a random centre, each cropped to its quadrant; labels by area (YOLO mosaic)."
          Check = (fun p ->
            if p.Partners.Length <> 3 then Throw.Argument("Partners", sprintf "%d partners" p.Partners.Length, "3 partner indices")
            p.Partners |> Array.iteri (fun i j -> Domain.intWithin (sprintf "Partners[%d]" i) 0 Int32.MaxValue j)
            Domain.intWithin "CenterX" 1 Int32.MaxValue p.CenterX
            Domain.intWithin "CenterY" 1 Int32.MaxValue p.CenterY)
          Plan = fun p v ->
            let W, H = v.Shape.Width, v.Shape.Height
            if p.CenterX >= W then Throw.Argument("CenterX", p.CenterX, sprintf "1 to %d (image width %d)" (W - 1) W)
            if p.CenterY >= H then Throw.Argument("CenterY", p.CenterY, sprintf "1 to %d (image height %d)" (H - 1) H)
            Step.Mix
                { Partners = Array.copy p.Partners
                  // The image is the four quadrant copies, made by the runner (Engine.mixImage).
                  Device =
                    ValueSome(DeviceMix.Mosaic(mosaicQuadrants W H p.CenterX p.CenterY
                                               |> Array.collect (fun (dx, dy, sx, sy, w, h) -> [| dx; dy; sx; sy; w; h |])))
                  Mix = fun a partners ->
                    let all = Array.append [| a |] partners
                    let quads = mosaicQuadrants W H p.CenterX p.CenterY
                    let compose (images: Image[]) =
                        let x = images.[0]
                        let buf = PixelBuffer.Allocate(W, H, x.Channels, x.ElementType, x.Range)
                        for q in 0 .. 3 do
                            let (dx, dy, sx, sy, w, h) = quads.[q]
                            if x.ElementType = ElementType.Byte then
                                BatchKernels.CopyRect(images.[q].Bytes, W, H, buf.Bytes, W, H, x.Channels, sx, sy, dx, dy, w, h)
                            else
                                BatchKernels.CopyRect(images.[q].Floats, W, H, buf.Floats, W, H, x.Channels, sx, sy, dx, dy, w, h)
                        buf.ToImage()
                    let total = float W * float H
                    let weights = quads |> Array.map (fun (_, _, _, _, w, h) -> float w * float h / total)
                    let label =
                        if a.Label.Length = 0 then [||]
                        else Array.init a.Label.Length (fun k -> Array.fold2 (fun acc (s: Sample) wt -> acc + wt * s.Label.[k]) 0.0 all weights)
                    let moved q (s: Sample) =
                        let (dx, dy, sx, sy, w, h) = quads.[q]
                        let ox, oy = float (dx - sx), float (dy - sy)
                        let boxes =
                            s.Boxes |> Array.choose (fun b ->
                                // Relative to the quadrant, clipped to it, then into the output.
                                let r = { b with XMin = b.XMin - float sx; XMax = b.XMax - float sx; YMin = b.YMin - float sy; YMax = b.YMax - float sy }
                                BoxFilter.keep BoxFilter.Default (float w) (float h) r
                                |> Option.map (fun c -> { c with XMin = c.XMin + float dx; XMax = c.XMax + float dx
                                                                 YMin = c.YMin + float dy; YMax = c.YMax + float dy }))
                        let keypoints =
                            s.Keypoints |> Array.choose (fun k ->
                                let x, y = k.X + ox, k.Y + oy
                                if x >= float dx && x <= float (dx + w) && y >= float dy && y <= float (dy + h) then Some { k with X = x; Y = y }
                                else None)
                        boxes, keypoints
                    let parts = all |> Array.mapi moved
                    let mask =
                        if all |> Array.forall (fun s -> s.Mask.IsNone) then None
                        else
                            let zero = lazy (Image.FromBytes(W, H, 1, ReadOnlySpan(Array.zeroCreate<byte> (W * H))))
                            Some(compose (all |> Array.map (fun s -> match s.Mask with Some m -> m | None -> zero.Value)))
                    { Image = a.Image
                      Label = label
                      Boxes = parts |> Array.collect fst
                      Mask = mask
                      Keypoints = parts |> Array.collect snd } } }

    /// <summary>YOLO-style Mosaic (Bochkovskiy et al. 2020; Ultralytics <c>load_mosaic</c>): each sample draws three
    /// partners from the rest of the batch (independently, child 0, 1, 2 of its seed; itself when the batch has one
    /// sample) and a centre (cx, cy) uniform in <c>[0.25 W, 0.75 W] x [0.25 H, 0.75 H]</c> (whole pixels, kept inside
    /// the image); the output keeps the size W x H. This sample fills the top-left quadrant, the partners the top-right,
    /// bottom-left and bottom-right, each image cropped (never scaled) so that its corner meets the centre
    /// (<c>Ops.mosaicQuadrants</c>): Ultralytics' placement on an output of the input's size, without its 2x canvas and
    /// the random affine that follows. Boxes are shifted with their image and clipped to its quadrant (a box with
    /// nothing left is dropped); keypoints are shifted and kept only inside their quadrant; masks are composed like the
    /// pixels (a missing mask counts as 0). Labels mix as probability vectors weighted by each quadrant's exact area
    /// fraction, so they still sum to 1. A batch op: run it with <c>Aug.runBatch</c>.</summary>
    let private mosaicUntagged = Aug.op (Op.ofSpec mosaicSpec (fun seed v ->
        let W, H = v.Shape.Width, v.Shape.Height
        if W < 2 || H < 2 then Throw.Argument("image", sprintf "%dx%d" W H, "an image at least 2 x 2 for Mosaic")
        let u = Seed.uniforms (Seed.derive seed 3L) 2
        let centre (n: int) (x: float) = Math.Clamp(int (Math.Floor(float n * (0.25 + 0.5 * x))), 1, n - 1)
        { Partners = Array.init 3 (fun k -> partnerOf (Seed.derive seed (int64 k)) v.BatchIndex v.BatchSize)
          CenterX = centre W u.[0]; CenterY = centre H u.[1] }))
    [<CompiledName("Mosaic")>]
    let mosaic = mosaicUntagged |> Aug.withSource "Mosaic" []

    // ------------------------------------------------------------------ policy ops
    // The ops AutoAugment, RandAugment, TrivialAugmentWide and AugMix (torchvision) and KerasCV's RandAugment name, in
    // their units: PIL's ImageEnhance factors, shears about the top-left corner, whole-pixel shifts, KerasCV's
    // solarization with an addition. Each listed in policyOps for the catalogue.

    let private shearTopLeftSpec (axis: int) : OpSpec<PolicyShearParams> =
        let name, summary =
            if axis = 0 then "ShearX", "x' = x - m y about the top-left corner (torchvision AutoAugment ShearX; PIL affine (1, m, 0, 0, 1, 0))."
            else "ShearY", "y' = y - m x about the top-left corner (torchvision AutoAugment ShearY; PIL affine (1, 0, 0, m, 1, 0))."
        geometric name summary
            (fun p -> Domain.within "Magnitude" -100.0 100.0 p.Magnitude; checkFill p.Fill)
            (fun p v ->
                let m = p.Magnitude
                let matrix =
                    if axis = 0 then Matrix3(1.0, -m, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0)
                    else Matrix3(1.0, 0.0, 0.0, -m, 1.0, 0.0, 0.0, 0.0, 1.0)
                warpStep matrix v p.Interpolation p.Border p.Fill)

    let private shearTopLeft (axis: int) (magnitude: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        let magnitude = samplerArg "magnitude" magnitude
        samplerWithin "magnitude" magnitude -100.0 100.0 "a sampler of shear magnitudes (tangents) in [-100, 100]"
        checkFill fill
        if interpolation = Interpolation.Area then Throw.Argument("interpolation", "Area", "Nearest, Bilinear, Bicubic or Lanczos")
        Op.ofSpec (shearTopLeftSpec axis) (fun seed _ ->
            { Magnitude = Sampler.draw magnitude (Seed.derive seed 0L); Interpolation = interpolation; Border = border; Fill = fill })
        |> Op.within (fun (p: PolicyShearParams) ->
            Op.inSampler "Magnitude" magnitude p.Magnitude
            if p.Interpolation <> interpolation then Throw.Argument("Interpolation", p.Interpolation, string interpolation)
            if p.Border <> border then Throw.Argument("Border", p.Border, string border)
            if p.Fill <> fill then Throw.Argument("Fill", p.Fill, string fill))
        |> Aug.op

    /// <summary>torchvision's AutoAugment <c>ShearX</c>: <c>F.affine(shear=[degrees(atan m), 0], center=[0, 0])</c>, i.e.
    /// x' = x - m y, y' = y about the top-left corner, with m drawn from <paramref name="magnitude"/> (a tangent; PIL's
    /// affine data (1, m, 0, 0, 1, 0) of the AutoAugment paper's code). The size is kept; what comes from outside the
    /// source takes the border.</summary>
    /// <exception cref="System.ArgumentException">magnitude can draw outside [-100, 100], Area interpolation, or a fill that is not finite.</exception>
    let private shearXUntagged (magnitude: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        shearTopLeft 0 magnitude interpolation border fill
    [<CompiledName("ShearX")>]
    let shearX (magnitude: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        shearXUntagged magnitude interpolation border fill
        |> Aug.withSource "ShearX" [ "magnitude", box magnitude; "interpolation", box interpolation; "border", box border; "fill", box fill ]

    /// <summary>torchvision's AutoAugment <c>ShearY</c>: y' = y - m x, x' = x about the top-left corner, with m drawn
    /// from <paramref name="magnitude"/> (see <c>shearX</c>).</summary>
    /// <exception cref="System.ArgumentException">magnitude can draw outside [-100, 100], Area interpolation, or a fill that is not finite.</exception>
    let private shearYUntagged (magnitude: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        shearTopLeft 1 magnitude interpolation border fill
    [<CompiledName("ShearY")>]
    let shearY (magnitude: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
        shearYUntagged magnitude interpolation border fill
        |> Aug.withSource "ShearY" [ "magnitude", box magnitude; "interpolation", box interpolation; "border", box border; "fill", box fill ]

    let private shiftSpec : OpSpec<ShiftParams> =
        geometric "Shift" "A whole-pixel shift (torchvision AutoAugment TranslateX/TranslateY: F.affine(translate=[int(m), 0]))."
            (fun p -> Domain.intWithin "X" -65536 65536 p.X; Domain.intWithin "Y" -65536 65536 p.Y; checkFill p.Fill)
            (fun p v -> warpStep (Matrix3.Translation(float p.X, float p.Y)) v Interpolation.Nearest p.Border p.Fill)

    /// <summary>Shifts by <paramref name="x"/> pixels right and <paramref name="y"/> down (negative: left, up), keeping
    /// the size: torchvision's TrivialAugmentWide <c>TranslateX</c>/<c>TranslateY</c> (<c>F.affine(translate=[int(m), 0])</c>).
    /// An exact copy; what comes from outside the source takes the border.</summary>
    /// <exception cref="System.ArgumentException">A shift is outside [-65536, 65536], or a fill that is not finite.</exception>
    let private shiftUntagged (x: int) (y: int) (border: BorderMode) (fill: float) =
        if x < -65536 || x > 65536 then Throw.Argument("x", x, "a shift in [-65536, 65536] pixels")
        if y < -65536 || y > 65536 then Throw.Argument("y", y, "a shift in [-65536, 65536] pixels")
        checkFill fill
        Aug.op (Op.constant shiftSpec { X = x; Y = y; Border = border; Fill = fill })
    [<CompiledName("Shift")>]
    let shift (x: int) (y: int) (border: BorderMode) (fill: float) =
        shiftUntagged x y border fill
        |> Aug.withSource "Shift" [ "x", box x; "y", box y; "border", box border; "fill", box fill ]

    /// <summary>Shifts by <c>int(xFraction * W)</c> pixels right and <c>int(yFraction * H)</c> down, truncated toward zero
    /// as Python's <c>int</c>: torchvision's AutoAugment and RandAugment <c>TranslateX</c> (magnitude
    /// <c>150 / 331 * W</c> at the top bin) and AugMix's (<c>W / 3</c>). An exact copy.</summary>
    /// <exception cref="System.ArgumentException">A fraction is outside [-1, 1], or a fill that is not finite.</exception>
    let private shiftFractionUntagged (xFraction: float) (yFraction: float) (border: BorderMode) (fill: float) =
        if not (xFraction >= -1.0 && xFraction <= 1.0) then Throw.Argument("xFraction", xFraction, "a fraction of the width in [-1, 1]")
        if not (yFraction >= -1.0 && yFraction <= 1.0) then Throw.Argument("yFraction", yFraction, "a fraction of the height in [-1, 1]")
        checkFill fill
        Op.ofSpec shiftSpec (fun _ v ->
            { X = int (Math.Truncate(xFraction * float v.Shape.Width)); Y = int (Math.Truncate(yFraction * float v.Shape.Height))
              Border = border; Fill = fill })
        |> Op.within (fun (p: ShiftParams) ->
            if p.Border <> border then Throw.Argument("Border", p.Border, string border)
            if p.Fill <> fill then Throw.Argument("Fill", p.Fill, string fill))
        |> Aug.op
    [<CompiledName("ShiftFraction")>]
    let shiftFraction (xFraction: float) (yFraction: float) (border: BorderMode) (fill: float) =
        shiftFractionUntagged xFraction yFraction border fill
        |> Aug.withSource "ShiftFraction" [ "xFraction", box xFraction; "yFraction", box yFraction; "border", box border; "fill", box fill ]

    /// The colour channels of an image with c channels (alpha, the fourth, is kept).
    let private isColour (c: int) (ch: int) = not (c = 4 && ch = 3)

    let private checkEnhance (p: FactorParams) = Domain.within "Factor" 0.0 1e3 p.Factor

    let private enhanceBrightnessSpec : OpSpec<FactorParams> =
        colour OpKind.PointColour "EnhanceBrightness" "min + factor (x - min): a blend with black (PIL ImageEnhance.Brightness, torchvision adjust_brightness)."
            checkEnhance
            (fun p v ->
                let c, f, lo = v.Shape.Channels, float32 p.Factor, v.Range.Min
                Steps.affine c (fun _ -> lo) (fun ch -> if isColour c ch then f else 1f) (fun _ -> lo))

    let private enhanceArg (name: string) (s: Sampler) =
        let s = samplerArg name s
        samplerWithin name s 0.0 1e3 "a sampler of factors in [0, 1000]"
        s

    /// <summary>PIL's <c>ImageEnhance.Brightness(image).enhance(factor)</c> (torchvision's <c>adjust_brightness</c>):
    /// a blend with black, <c>min + factor (x - min)</c> on the colour channels, with the factor drawn from
    /// <paramref name="factor"/>; 0 is black, 1 the identity. Bytes round half to even where PIL truncates (within 1
    /// level) and saturate.</summary>
    /// <exception cref="System.ArgumentException">factor can draw a value outside [0, 1000].</exception>
    let private enhanceBrightnessUntagged (factor: Sampler) =
        let factor = enhanceArg "factor" factor
        Op.ofSpec enhanceBrightnessSpec (fun seed _ -> { Factor = Sampler.draw factor (Seed.derive seed 0L) })
        |> Op.within (fun (p: FactorParams) -> Op.inSampler "Factor" factor p.Factor)
        |> Aug.op
    [<CompiledName("EnhanceBrightness")>]
    let enhanceBrightness (factor: Sampler) =
        enhanceBrightnessUntagged factor
        |> Aug.withSource "EnhanceBrightness" [ "factor", box factor ]

    let private enhanceContrastSpec : OpSpec<FactorParams> =
        colour OpKind.StatisticColour "EnhanceContrast" "m + factor (x - m), m the mean of the image's BT.601 gray (PIL ImageEnhance.Contrast)."
            checkEnhance
            (fun p v ->
                let c, f, isByte = v.Shape.Channels, float32 p.Factor, v.ElementType = ElementType.Byte
                Step.StatPoint(Statistic.Means, fun stats ->
                    let m = if c >= 3 then 0.299 * stats.Means.[0] + 0.587 * stats.Means.[1] + 0.114 * stats.Means.[2] else stats.Means.[0]
                    // PIL: int(mean + 0.5) of the L image on bytes.
                    let m = float32 (if isByte then Math.Floor(m + 0.5) else m)
                    PointMap.Affine(Array.init c (fun ch -> if isColour c ch then m else 0f),
                                    Array.init c (fun ch -> if isColour c ch then f else 1f),
                                    Array.init c (fun ch -> if isColour c ch then m else 0f))))

    /// <summary>PIL's <c>ImageEnhance.Contrast(image).enhance(factor)</c>: <c>m + factor (x - m)</c> on the colour channels,
    /// where m is the mean of the image's BT.601 gray (the mean of 0.299 R + 0.587 G + 0.114 B; on bytes rounded as
    /// PIL's <c>int(mean + 0.5)</c>; PIL rounds each gray pixel first, so m can differ by one level), with the factor
    /// drawn from <paramref name="factor"/>; 0 is flat gray, 1 the identity. Bytes round half to even and saturate.
    /// Unlike <c>contrast</c> (tf.image, one mean per channel), one gray mean serves every channel.</summary>
    /// <exception cref="System.ArgumentException">factor can draw a value outside [0, 1000].</exception>
    let private enhanceContrastUntagged (factor: Sampler) =
        let factor = enhanceArg "factor" factor
        Op.ofSpec enhanceContrastSpec (fun seed _ -> { Factor = Sampler.draw factor (Seed.derive seed 0L) })
        |> Op.within (fun (p: FactorParams) -> Op.inSampler "Factor" factor p.Factor)
        |> Aug.op
    [<CompiledName("EnhanceContrast")>]
    let enhanceContrast (factor: Sampler) =
        enhanceContrastUntagged factor
        |> Aug.withSource "EnhanceContrast" [ "factor", box factor ]

    let private enhanceColorSpec : OpSpec<FactorParams> =
        colour OpKind.ImageKernel "EnhanceColor" "g + factor (x - g), g the pixel's BT.601 gray (PIL ImageEnhance.Color, torchvision adjust_saturation)."
            checkEnhance
            (fun p v ->
                if v.Shape.Channels < 3 || p.Factor = 1.0 then Step.Nothing
                else
                    let f = p.Factor
                    let w = [| 0.299; 0.587; 0.114 |]
                    let matrix = Array.init 9 (fun k -> let r, c = k / 3, k % 3 in float32 ((if r = c then f else 0.0) + (1.0 - f) * w.[c]))
                    Step.Kernel
                        { Steps.kernel "EnhanceColor" 0 (fun src dst ->
                            if src.ElementType = ElementType.Byte then ColourKernels.ColourMatrix(src.ReadBytes, dst.Bytes, src.Channels, ReadOnlySpan matrix)
                            else ColourKernels.ColourMatrix(src.ReadFloats, dst.Floats, src.Channels, ReadOnlySpan matrix, src.Range))
                            with Device = ValueSome(DeviceKernel.ColourMatrix matrix) })

    /// <summary>PIL's <c>ImageEnhance.Color(image).enhance(factor)</c> (torchvision's <c>adjust_saturation</c>, the
    /// <c>Color</c> of AutoAugment and RandAugment): a blend of each RGB pixel with its BT.601 gray g = 0.299 R + 0.587 G
    /// + 0.114 B, <c>g + factor (x - g)</c>, as one 3x3 colour matrix in float32 (PIL rounds g to an integer first: within
    /// 1 level); 0 is gray, 1 the identity. 1-channel images are left as they are; alpha is kept. KerasCV's
    /// <c>RandomColorDegeneration(f)</c> is this op with factor 1 - f.</summary>
    /// <exception cref="System.ArgumentException">factor can draw a value outside [0, 1000].</exception>
    let private enhanceColorUntagged (factor: Sampler) =
        let factor = enhanceArg "factor" factor
        Op.ofSpec enhanceColorSpec (fun seed _ -> { Factor = Sampler.draw factor (Seed.derive seed 0L) })
        |> Op.within (fun (p: FactorParams) -> Op.inSampler "Factor" factor p.Factor)
        |> Aug.op
    [<CompiledName("EnhanceColor")>]
    let enhanceColor (factor: Sampler) =
        enhanceColorUntagged factor
        |> Aug.withSource "EnhanceColor" [ "factor", box factor ]

    let private solarizeAddSpec : OpSpec<SolarizeAddParams> =
        colour OpKind.PointColour "SolarizeAdd" "Adds, clips, then inverts values at or above a threshold (KerasCV Solarization)."
            (fun p -> Domain.within "Addition" -1.0 1.0 p.Addition; Domain.within "Threshold" 0.0 1.0 p.Threshold)
            (fun p v ->
                let lo, hi, w = v.Range.Min, v.Range.Max, v.Range.Width
                let a, t = float32 p.Addition * w, lo + float32 p.Threshold * w
                Step.Point(PointMap.Func("SolarizeAdd", fun _ x ->
                    let y = Math.Clamp(x + a, lo, hi)
                    if y < t then y else lo + hi - y)))

    /// <summary>KerasCV's <c>Solarization(addition_factor, threshold_factor)</c>: adds the addition (a fraction of the
    /// value range's width, KerasCV's 0 to 255 units / 255) to every value, clips to the range, then inverts every value
    /// at or above <c>min + threshold * (max - min)</c>; both drawn per image. Addition 0 is <c>solarize</c>.</summary>
    /// <exception cref="System.ArgumentException">addition can draw outside [-1, 1], or threshold outside [0, 1].</exception>
    let private solarizeAddUntagged (addition: Sampler) (threshold: Sampler) =
        let addition, threshold = samplerArg "addition" addition, samplerArg "threshold" threshold
        samplerWithin "addition" addition -1.0 1.0 "a sampler of fractions of the range in [-1, 1]"
        samplerWithin "threshold" threshold 0.0 1.0 "a sampler of fractions of the range in [0, 1]"
        Op.ofSpec solarizeAddSpec (fun seed _ ->
            { Addition = Sampler.draw addition (Seed.derive seed 0L); Threshold = Sampler.draw threshold (Seed.derive seed 1L) })
        |> Op.within (fun (p: SolarizeAddParams) ->
            Op.inSampler "Addition" addition p.Addition
            Op.inSampler "Threshold" threshold p.Threshold)
        |> Aug.op
    [<CompiledName("SolarizeAdd")>]
    let solarizeAdd (addition: Sampler) (threshold: Sampler) =
        solarizeAddUntagged addition threshold
        |> Aug.withSource "SolarizeAdd" [ "addition", box addition; "threshold", box threshold ]

    let private policyOps : OpInfo list =
        [ Op.info (shearTopLeftSpec 0); Op.info (shearTopLeftSpec 1); Op.info shiftSpec
          Op.info enhanceBrightnessSpec; Op.info enhanceContrastSpec; Op.info enhanceColorSpec; Op.info solarizeAddSpec ]

    let private moreBatch : OpInfo list = [ Op.info labelSmoothingSpec; Op.info mosaicSpec ]

    /// <summary>Every op the catalogue declares, once each: name, kind, summary and parameter type.</summary>
    let catalogue : OpInfo list =
        [ Op.info flipHSpec; Op.info flipVSpec; Op.info (rot90Spec "Rot90"); Op.info (rot90Spec "RandomRot90")
          Op.info (cropSpec BoxFilter.Default); Op.info (centralCropSpec BoxFilter.Default); Op.info resizeSpec
          Op.info rotateSpec; Op.info affineSpec; Op.info resizedCropSpec
          Op.info brightnessSpec; Op.info contrastSpec; Op.info grayscaleSpec; Op.info invertSpec
          Op.info solarizeSpec; Op.info posterizeSpec; Op.info gammaSpec; Op.info equalizeSpec
          Op.info gaussianBlurSpec; Op.info boxBlurSpec; Op.info medianBlurSpec; Op.info gaussianNoiseSpec
          Op.info mixUpSpec; Op.info cutMixSpec ]
        @ moreGeometric @ moreColour @ moreBlurNoise @ occlusion @ moreBatch @ policyOps
