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
/// The number of high bits posterize keeps (1 to 8).
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

/// <summary>
/// The op catalogue: each value or function here is an <see cref="T:Augment.Aug"/> of one op, declared once by
/// its spec (name, kind, parameter domain, plan). Geometric ops are matrices that the engine applies to every
/// target; colour ops are per-channel maps that stay inside the image's value range.
/// Make any op random with <c>Aug.maybe</c>; draw its strength from a <see cref="T:Augment.Sampler"/>.
/// </summary>
[<RequireQualifiedAccess>]
module Ops =

    let private noCheck (_: 'P) = ()
    let private geometric name summary check plan : OpSpec<'P> =
        { Name = name; Kind = OpKind.Geometric; Summary = summary; Check = check; Plan = plan }
    let private colour kind name summary check plan : OpSpec<'P> =
        { Name = name; Kind = kind; Summary = summary; Check = check; Plan = plan }
    let private nothing (_: SampleView) = NoParams.Value
    let private samplerArg (name: string) (s: Sampler) =
        if isNull (box s) then nullArg name
        Sampler.validate s

    // ------------------------------------------------------------------ geometric

    let private flipHSpec : OpSpec<NoParams> =
        geometric "FlipHorizontal" "Mirrors left-right: x goes to W - x." noCheck (fun _ v -> Steps.flipHorizontal v.Shape)

    /// <summary>Mirrors left-right (x goes to W - x). Wrap in <c>Aug.maybe 0.5</c> for a random flip.</summary>
    [<CompiledName("FlipHorizontal")>]
    let flipHorizontal = Aug.op (Op.ofSpec flipHSpec (fun _ _ -> NoParams.Value))

    let private flipVSpec : OpSpec<NoParams> =
        geometric "FlipVertical" "Mirrors top-bottom: y goes to H - y." noCheck (fun _ v -> Steps.flipVertical v.Shape)

    /// <summary>Mirrors top-bottom (y goes to H - y).</summary>
    [<CompiledName("FlipVertical")>]
    let flipVertical = Aug.op (Op.ofSpec flipVSpec (fun _ _ -> NoParams.Value))

    let private rot90Spec name : OpSpec<Rot90Params> =
        geometric name "k quarter turns counter-clockwise (numpy.rot90): (x, y) goes to (y, W - x) for k = 1."
            (fun p -> Domain.intWithin "K" 0 3 p.K) (fun p v -> Steps.rot90 p.K v.Shape)

    /// <summary>k quarter turns counter-clockwise (numpy.rot90): a point (x, y) goes to (y, W - x) for k = 1.</summary>
    [<CompiledName("Rot90")>]
    let rot90 (k: int) = Aug.op (Op.constant (rot90Spec "Rot90") { K = ((k % 4) + 4) % 4 })

    /// <summary>A uniformly random number of quarter turns in {0, 1, 2, 3} (albumentations' RandomRotate90).</summary>
    [<CompiledName("RandomRot90")>]
    let randomRot90 = Aug.op (Op.ofSpec (rot90Spec "RandomRot90") (fun seed _ -> { K = Seed.intBelow seed 4 }))

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
    [<CompiledName("RandomCropWith")>]
    let randomCropWith (filter: BoxFilter) (width: int) (height: int) =
        if width <= 0 then Throw.Argument("width", width, "a positive crop width")
        if height <= 0 then Throw.Argument("height", height, "a positive crop height")
        let draw seed (v: SampleView) =
            if width > v.Shape.Width then Throw.Argument("width", width, sprintf "a crop width <= the image width %d" v.Shape.Width)
            if height > v.Shape.Height then Throw.Argument("height", height, sprintf "a crop height <= the image height %d" v.Shape.Height)
            let p = { X = 0; Y = 0; Width = width; Height = height }
            { p with X = Seed.intBelow (Seed.derive seed 0L) (v.Shape.Width - width + 1)
                     Y = Seed.intBelow (Seed.derive seed 1L) (v.Shape.Height - height + 1) }
        Aug.op (Op.ofSpec (cropSpec filter) draw)

    /// <summary>A random crop that keeps every box with some area left (<c>BoxFilter.Default</c>).</summary>
    [<CompiledName("RandomCrop")>]
    let randomCrop (width: int) (height: int) = randomCropWith BoxFilter.Default width height

    let private centralCropSpec (filter: BoxFilter) : OpSpec<CentralCropParams> =
        geometric "CentralCrop" "Keeps the centred fraction of each side (tf.image.central_crop)."
            (fun p -> if not (p.Fraction > 0.0 && p.Fraction <= 1.0) then Throw.Argument("Fraction", p.Fraction, "a fraction in (0, 1]"))
            (fun p v ->
                let struct (x, y, w, h) = Functional.centralCropRect p.Fraction v.Shape.Width v.Shape.Height
                Steps.crop filter x y w h)

    /// <summary>Keeps the centred <paramref name="fraction"/> of each side (<c>tf.image.central_crop</c>).</summary>
    /// <exception cref="System.ArgumentException">fraction is not in (0, 1].</exception>
    [<CompiledName("CentralCropWith")>]
    let centralCropWith (filter: BoxFilter) (fraction: float) =
        if not (fraction > 0.0 && fraction <= 1.0) then Throw.Argument("fraction", fraction, "a fraction in (0, 1] of each side to keep")
        Aug.op (Op.constant (centralCropSpec filter) { Fraction = fraction })

    /// <summary>A central crop with <c>BoxFilter.Default</c>.</summary>
    [<CompiledName("CentralCrop")>]
    let centralCrop (fraction: float) = centralCropWith BoxFilter.Default fraction

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
    [<CompiledName("Resize")>]
    let resize (width: int) (height: int) (interpolation: Interpolation) =
        checkSize width height
        Aug.op (Op.constant resizeSpec { Width = width; Height = height; Interpolation = interpolation })

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
    [<CompiledName("Rotate")>]
    let rotate (degrees: Sampler) (interpolation: Interpolation) (border: BorderMode) (fill: float) =
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
    [<CompiledName("Affine")>]
    let affine (degrees: Sampler) (scale: Sampler) (shearX: Sampler) (shearY: Sampler) (translateX: Sampler) (translateY: Sampler)
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
    [<CompiledName("RandomResizedCrop")>]
    let randomResizedCrop (width: int) (height: int) (scaleLow: float) (scaleHigh: float) (ratioLow: float) (ratioHigh: float)
                          (interpolation: Interpolation) =
        checkSize width height
        if not (scaleLow > 0.0 && scaleLow <= 1.0) then Throw.Argument("scaleLow", scaleLow, "an area fraction in (0, 1]")
        if not (scaleHigh >= scaleLow && scaleHigh <= 1.0) then Throw.Argument("scaleHigh", scaleHigh, sprintf "an area fraction in [scaleLow (%g), 1]" scaleLow)
        if not (ratioLow > 0.0 && Double.IsFinite ratioLow) then Throw.Argument("ratioLow", ratioLow, "an aspect ratio > 0")
        if not (ratioHigh >= ratioLow && Double.IsFinite ratioHigh) then Throw.Argument("ratioHigh", ratioHigh, sprintf "an aspect ratio >= ratioLow (%g)" ratioLow)
        Aug.op (Op.ofSpec resizedCropSpec (fun seed v ->
            let struct (x, y, w, h) = resizedCropRect seed v.Shape.Width v.Shape.Height (scaleLow, scaleHigh) (ratioLow, ratioHigh)
            { X = x; Y = y; CropWidth = w; CropHeight = h; Width = width; Height = height; Interpolation = interpolation }))

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
    [<CompiledName("Brightness")>]
    let brightness (factor: Sampler) =
        let factor = samplerArg "factor" factor
        Op.ofSpec brightnessSpec (fun seed _ -> { Factor = Sampler.draw factor (Seed.derive seed 0L) })
        |> Op.within (fun (p: FactorParams) -> Op.inSampler "Factor" factor p.Factor)
        |> Aug.op

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
    [<CompiledName("Contrast")>]
    let contrast (factor: Sampler) =
        let factor = samplerArg "factor" factor
        Op.ofSpec contrastSpec (fun seed _ -> { Factor = Sampler.draw factor (Seed.derive seed 0L) })
        |> Op.within (fun (p: FactorParams) -> Op.inSampler "Factor" factor p.Factor)
        |> Aug.op

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
                          Run = fun src dst ->
                            if src.ElementType = ElementType.Byte then
                                PixelKernels.Grayscale(src.ReadBytes, dst.Bytes, src.Channels, dst.Channels)
                            else
                                PixelKernels.Grayscale(src.ReadFloats, dst.Floats, src.Channels, dst.Channels, src.Range) })

    /// <summary>BT.601 gray that keeps the channel count (replicated; alpha kept), so later ops see the same shape.</summary>
    [<CompiledName("Grayscale")>]
    let grayscale = Aug.op (Op.ofSpec grayscaleSpec (fun _ v -> { Channels = v.Shape.Channels }))

    /// <summary>BT.601 gray on <paramref name="outputChannels"/> channels (1, 3, or 4 for RGBA).</summary>
    /// <exception cref="System.ArgumentException">outputChannels is not 1, 3 or 4.</exception>
    [<CompiledName("GrayscaleTo")>]
    let grayscaleTo (outputChannels: int) =
        if outputChannels <> 1 && outputChannels <> 3 && outputChannels <> 4 then
            Throw.Argument("outputChannels", outputChannels, "1, 3 or 4 channels")
        Aug.op (Op.constant grayscaleSpec { Channels = outputChannels })

    let private invertSpec : OpSpec<NoParams> =
        colour OpKind.PointColour "Invert" "Maps x to min + max - x of the value range (255 - x for bytes)." noCheck
            (fun _ v -> Steps.affine v.Shape.Channels (fun _ -> 0f) (fun _ -> -1f) (fun _ -> v.Range.Min + v.Range.Max))

    /// <summary>Maps x to min + max - x of the value range (255 - x for bytes).</summary>
    [<CompiledName("Invert")>]
    let invert = Aug.op (Op.ofSpec invertSpec (fun _ _ -> NoParams.Value))

    let private solarizeSpec : OpSpec<SolarizeParams> =
        colour OpKind.PointColour "Solarize" "Inverts values at or above a threshold (PIL ImageOps.solarize)."
            (fun p -> Domain.within "Threshold" 0.0 1.0 p.Threshold)
            (fun p v ->
                let lo, hi = v.Range.Min, v.Range.Max
                let t = float32 (float lo + p.Threshold * float v.Range.Width)
                Step.Point(PointMap.Func("Solarize", fun _ x -> if x >= t then lo + hi - x else x)))

    /// <summary>Inverts every value at or above <c>min + threshold * (max - min)</c> (PIL's <c>solarize</c>: threshold
    /// 128 of 255 is 128/255 here).</summary>
    [<CompiledName("Solarize")>]
    let solarize (threshold: Sampler) =
        let threshold = samplerArg "threshold" threshold
        let lo, hi = Sampler.bounds threshold
        if lo < 0.0 || hi > 1.0 then Throw.Argument("threshold", string threshold, "a sampler of fractions in [0, 1]")
        Op.ofSpec solarizeSpec (fun seed _ -> { Threshold = Sampler.draw threshold (Seed.derive seed 0L) })
        |> Op.within (fun (p: SolarizeParams) -> Op.inSampler "Threshold" threshold p.Threshold)
        |> Aug.op

    let private posterizeSpec : OpSpec<PosterizeParams> =
        colour OpKind.PointColour "Posterize" "Keeps the top bits of each 8-bit value (PIL ImageOps.posterize)."
            (fun p -> Domain.intWithin "Bits" 1 8 p.Bits)
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
    /// <exception cref="System.ArgumentException">bits is not 1 to 8.</exception>
    [<CompiledName("Posterize")>]
    let posterize (bits: int) =
        Domain.intWithin "bits" 1 8 bits
        Aug.op (Op.constant posterizeSpec { Bits = bits })

    let private gammaSpec : OpSpec<GammaParams> =
        colour OpKind.PointColour "Gamma" "gain * x^gamma on the range scaled to [0, 1] (tf.image.adjust_gamma)."
            (fun p -> Domain.positive "Gamma" p.Gamma; Domain.positive "Gain" p.Gain)
            (fun p v ->
                let lo, w = float v.Range.Min, float v.Range.Width
                Step.Point(PointMap.Func("Gamma", fun _ x ->
                    float32 (lo + w * p.Gain * Math.Pow(Math.Max(0.0, (float x - lo) / w), p.Gamma)))))

    /// <summary><c>gain * x^gamma</c> on the value range scaled to [0, 1], clamped (<c>tf.image.adjust_gamma</c>).</summary>
    [<CompiledName("Gamma")>]
    let gamma (gamma: Sampler) (gain: float) =
        let gamma = samplerArg "gamma" gamma
        Domain.positive "gain" gain
        if fst (Sampler.bounds gamma) <= 0.0 then Throw.Argument("gamma", string gamma, "a sampler of values > 0")
        Op.ofSpec gammaSpec (fun seed _ -> { Gamma = Sampler.draw gamma (Seed.derive seed 0L); Gain = gain })
        |> Op.within (fun (p: GammaParams) ->
            Op.inSampler "Gamma" gamma p.Gamma
            if p.Gain <> gain then Throw.Argument("Gain", p.Gain, sprintf "this op's gain %g" gain))
        |> Aug.op

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
    [<CompiledName("Equalize")>]
    let equalize = Aug.op (Op.ofSpec equalizeSpec (fun _ _ -> NoParams.Value))

    // ------------------------------------------------------------------ neighbourhood and noise

    let private separable (name: string) (kernel: float32[]) =
        Step.Filter
            { Name = name; Channels = 0; OutputType = ValueNone; OutputRange = ValueNone
              Run = fun src dst ->
                if src.ElementType = ElementType.Byte then
                    FilterKernels.SeparableFilter(src.ReadBytes, dst.Bytes, src.Width, src.Height, src.Channels, ReadOnlySpan kernel, ReadOnlySpan kernel)
                else
                    FilterKernels.SeparableFilter(src.ReadFloats, dst.Floats, src.Width, src.Height, src.Channels, ReadOnlySpan kernel, ReadOnlySpan kernel, src.Range) }

    let private checkSigma (field: string) (sigma: float) =
        if not (Double.IsFinite sigma && sigma > 0.0 && sigma <= 50.0) then Throw.Argument(field, sigma, "a sigma in (0, 50]")

    let private gaussianBlurSpec : OpSpec<GaussianBlurParams> =
        colour OpKind.Neighbourhood "GaussianBlur"
            "Separable Gaussian, ksize = round(6 sigma + 1) | 1, border reflect-101 (cv2.GaussianBlur with ksize (0, 0))."
            (fun p -> checkSigma "Sigma" p.Sigma)
            (fun p _ ->
                let size = FilterKernels.GaussianSize p.Sigma
                if size = 1 then Step.Nothing else separable "GaussianBlur" (FilterKernels.GaussianKernel(size, p.Sigma)))

    /// <summary>Gaussian blur as OpenCV's <c>cv2.GaussianBlur(img, (0, 0), sigma)</c> on 8-bit images (albumentations'
    /// <c>GaussianBlur</c> with <c>sigma_limit</c>): kernel size <c>round(sigma * 6 + 1) | 1</c> (half to even, as
    /// <c>cvRound</c>; the same rule for float images), weights <c>cv2.getGaussianKernel(ksize, sigma)</c> computed in
    /// double and rounded to float32, applied along rows then columns with border reflect-101 (<c>BORDER_REFLECT_101</c>).
    /// Accumulates in float32; bytes round half to even and saturate, floats are clamped to the value range. A sigma
    /// below 1/12 gives ksize 1, the identity.</summary>
    /// <exception cref="System.ArgumentException">sigma can draw a value outside (0, 50].</exception>
    [<CompiledName("GaussianBlur")>]
    let gaussianBlur (sigma: Sampler) =
        let sigma = samplerArg "sigma" sigma
        let lo, hi = Sampler.bounds sigma
        if not (lo > 0.0 && hi <= 50.0) then Throw.Argument("sigma", string sigma, "a sampler of values in (0, 50]")
        Op.ofSpec gaussianBlurSpec (fun seed _ -> { Sigma = Sampler.draw sigma (Seed.derive seed 0L) })
        |> Op.within (fun (p: GaussianBlurParams) -> Op.inSampler "Sigma" sigma p.Sigma)
        |> Aug.op

    let private boxBlurSpec : OpSpec<KernelSizeParams> =
        colour OpKind.Neighbourhood "BoxBlur" "Normalised size x size box filter, anchor size / 2, border reflect-101 (cv2.blur)."
            (fun p -> Domain.intWithin "Size" 1 99 p.Size)
            (fun p _ -> if p.Size = 1 then Step.Nothing else separable "BoxBlur" (FilterKernels.BoxKernel p.Size))

    /// <summary>The normalised box filter of <c>cv2.blur(img, (size, size))</c> (albumentations' <c>Blur</c>): the mean
    /// of the size x size window, border reflect-101. The window's anchor is OpenCV's default, <c>size / 2</c> (integer
    /// division): centred for odd sizes, and for even sizes covering <c>x - size/2 .. x + size/2 - 1</c>. Computed as a
    /// separable filter with weights <c>1f / size</c> in float32, so a byte result exactly half-way between two integers
    /// (even sizes only) may round either way, where OpenCV's integer sums round it up.</summary>
    /// <exception cref="System.ArgumentException">size is not 1 to 99.</exception>
    [<CompiledName("BoxBlur")>]
    let boxBlur (size: int) =
        Domain.intWithin "size" 1 99 size
        Aug.op (Op.constant boxBlurSpec { Size = size })

    let private checkMedian (field: string) (size: int) =
        if size < 3 || size > 15 || size % 2 = 0 then Throw.Argument(field, size, "an odd window size in [3, 15]")

    let private medianBlurSpec : OpSpec<KernelSizeParams> =
        colour OpKind.Neighbourhood "MedianBlur" "Per-channel median of the size x size window, border replicate (cv2.medianBlur)."
            (fun p -> checkMedian "Size" p.Size)
            (fun p _ ->
                Step.Filter
                    { Name = "MedianBlur"; Channels = 0; OutputType = ValueNone; OutputRange = ValueNone
                      Run = fun src dst ->
                        if src.ElementType = ElementType.Byte then
                            FilterKernels.MedianFilter(src.ReadBytes, dst.Bytes, src.Width, src.Height, src.Channels, p.Size)
                        else
                            FilterKernels.MedianFilter(src.ReadFloats, dst.Floats, src.Width, src.Height, src.Channels, p.Size) })

    /// <summary>The median filter of <c>cv2.medianBlur(img, size)</c> (albumentations' <c>MedianBlur</c>): each channel's
    /// median over the size x size window, border replicate. OpenCV takes float32 images only for sizes 3 and 5; here
    /// float images take every size, with the same definition (the exact middle value of the sorted window).</summary>
    /// <exception cref="System.ArgumentException">size is not odd in [3, 15].</exception>
    [<CompiledName("MedianBlur")>]
    let medianBlur (size: int) =
        checkMedian "size" size
        Aug.op (Op.constant medianBlurSpec { Size = size })

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
    [<CompiledName("GaussianNoise")>]
    let gaussianNoise (stddev: Sampler) =
        let stddev = samplerArg "stddev" stddev
        let lo, hi = Sampler.bounds stddev
        if lo < 0.0 || hi > 1.0 then Throw.Argument("stddev", string stddev, "a sampler of fractions of the value range in [0, 1]")
        Aug.op (Op.ofSpec gaussianNoiseSpec (fun seed _ ->
            { Stddev = Sampler.draw stddev (Seed.derive seed 0L); Seed = string (Seed.derive seed 1L) }))

    // ------------------------------------------------------------------ more geometric ops
    // New geometric ops go in this section, each listed in moreGeometric for the catalogue.

    let private moreGeometric : OpInfo list = []

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
                    colourKernel "Saturation" (fun src dst ->
                        if src.ElementType = ElementType.Byte then ColourKernels.AdjustSaturation(src.ReadBytes, dst.Bytes, src.Channels, f)
                        else ColourKernels.AdjustSaturation(src.ReadFloats, dst.Floats, src.Channels, f, src.Range)))

    /// <summary><c>tf.image.adjust_saturation</c> with a factor drawn from <paramref name="factor"/> (as
    /// <c>tf.image.random_saturation(lower, upper)</c> with a uniform sampler): per pixel RGB to HSV, the saturation times
    /// the factor clamped to [0, 1], back to RGB, with TensorFlow's float32 formulas (<c>ColourKernels.RgbToHsv</c>).
    /// Float images are taken relative to the range minimum, so on [0, 1] images the result is TensorFlow's bit for
    /// bit; byte images are converted on 0-255 and rounded half to even (TensorFlow converts to [0, 1] and back with
    /// <c>convert_image_dtype</c>, which truncates <c>x * 255.5</c>): within 1 level. Alpha is kept. Factor 1 leaves
    /// the image as it is.</summary>
    /// <exception cref="System.ArgumentException">factor can draw a value outside [0, 1e6]; when run, a 1-channel image.</exception>
    [<CompiledName("Saturation")>]
    let saturation (factor: Sampler) =
        let factor = samplerArg "factor" factor
        let lo, hi = Sampler.bounds factor
        if lo < 0.0 || hi > 1e6 then Throw.Argument("factor", string factor, "a sampler of factors in [0, 1e6]")
        Aug.op (Op.ofSpec saturationSpec (fun seed _ -> { Factor = Sampler.draw factor (Seed.derive seed 0L) }))

    let private hueSpec : OpSpec<FactorParams> =
        colour OpKind.ImageKernel "Hue" "Rotates the hue by factor turns in [-1, 1] (tf.image.adjust_hue)."
            (fun p -> Domain.within "Factor" -1.0 1.0 p.Factor)
            (fun p v ->
                needColour "Hue" v
                if p.Factor = 0.0 then Step.Nothing
                else
                    let d = float32 p.Factor
                    colourKernel "Hue" (fun src dst ->
                        if src.ElementType = ElementType.Byte then ColourKernels.AdjustHue(src.ReadBytes, dst.Bytes, src.Channels, d)
                        else ColourKernels.AdjustHue(src.ReadFloats, dst.Floats, src.Channels, d, src.Range)))

    /// <summary><c>tf.image.adjust_hue</c> with a delta (in turns) drawn from <paramref name="delta"/> (as
    /// <c>tf.image.random_hue(max_delta)</c> with <c>Sampler.uniform -max_delta max_delta</c>): per pixel the hue on
    /// [0, 6) of <c>adjust_hue_op.cc</c> plus <c>6 delta</c>, wrapped, back to RGB with TensorFlow's float32 formulas. Float
    /// images relative to the range minimum (bit for bit TensorFlow's on [0, 1]); bytes on 0-255, rounded half to even
    /// (within 1 level of TensorFlow's uint8 path). Alpha is kept; delta 0 leaves the image as it is.</summary>
    /// <exception cref="System.ArgumentException">delta can draw a value outside [-1, 1]; when run, a 1-channel image.</exception>
    [<CompiledName("Hue")>]
    let hue (delta: Sampler) =
        let delta = samplerArg "delta" delta
        let lo, hi = Sampler.bounds delta
        if lo < -1.0 || hi > 1.0 then Throw.Argument("delta", string delta, "a sampler of hue shifts in [-1, 1] turns")
        Aug.op (Op.ofSpec hueSpec (fun seed _ -> { Factor = Sampler.draw delta (Seed.derive seed 0L) }))

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
    [<CompiledName("RGBShift")>]
    let rgbShift (r: Sampler) (g: Sampler) (b: Sampler) =
        let r, g, b = samplerArg "r" r, samplerArg "g" g, samplerArg "b" b
        for name, s in [ "r", r; "g", g; "b", b ] do
            let lo, hi = Sampler.bounds s
            if lo < -255.0 || hi > 255.0 then Throw.Argument(name, string s, "a sampler of shifts in [-255, 255] levels")
        Aug.op (Op.ofSpec rgbShiftSpec (fun seed _ ->
            { R = Sampler.draw r (Seed.derive seed 0L); G = Sampler.draw g (Seed.derive seed 1L); B = Sampler.draw b (Seed.derive seed 2L) }))

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
                    colourKernel "ChannelShuffle" (fun src dst ->
                        if src.ElementType = ElementType.Byte then ColourKernels.ChannelShuffle(src.ReadBytes, dst.Bytes, src.Channels, ReadOnlySpan perm)
                        else ColourKernels.ChannelShuffle(src.ReadFloats, dst.Floats, src.Channels, ReadOnlySpan perm)))

    /// <summary>albumentations' <c>ChannelShuffle</c>: the image's channels (all of them, alpha included, as albumentations
    /// permutes the last axis) in a uniformly random order, drawn by a Fisher–Yates shuffle from the seed.</summary>
    [<CompiledName("ChannelShuffle")>]
    let channelShuffle =
        Aug.op (Op.ofSpec channelShuffleSpec (fun seed v ->
            let n = v.Shape.Channels
            let perm = Array.init n id
            for k in n - 1 .. -1 .. 1 do
                let j = Seed.intBelow (Seed.derive seed (int64 k)) (k + 1)
                let t = perm.[k]
                perm.[k] <- perm.[j]
                perm.[j] <- t
            { Permutation = perm }))

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
    [<CompiledName("ChannelDropout")>]
    let channelDropout (minDrop: int) (maxDrop: int) (fill: float) =
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

    let private toGraySpec : OpSpec<ToGrayParams> =
        colour OpKind.ImageKernel "ToGray" "Gray by a method (weighted average, average, max, desaturation), channel count kept (albumentations ToGray)."
            (fun p -> Domain.oneOf "Method" [ GrayMethod.WeightedAverage; GrayMethod.Average; GrayMethod.Max; GrayMethod.Desaturation ] p.Method)
            (fun p v ->
                if v.Shape.Channels = 1 then Step.Nothing
                else
                    let m = p.Method
                    colourKernel "ToGray" (fun src dst ->
                        if src.ElementType = ElementType.Byte then ColourKernels.ToGray(src.ReadBytes, dst.Bytes, src.Channels, m)
                        else ColourKernels.ToGray(src.ReadFloats, dst.Floats, src.Channels, m, src.Range)))

    /// <summary>albumentations' <c>ToGray</c> with 3 output channels (the gray replicated over R, G and B; alpha kept; a
    /// 1-channel image is left as it is), by <paramref name="method"/>: <c>WeightedAverage</c> (BT.601, the same as
    /// <c>Ops.grayscale</c>), <c>Average</c> (<c>(R + G + B) / 3</c>), <c>Max</c> and <c>Desaturation</c>
    /// (<c>(max + min) / 2</c>), in float32; bytes round half to even (albumentations' uint8 paths round or truncate by
    /// method: within 1 level).</summary>
    /// <exception cref="System.ArgumentException">method is not one of the four.</exception>
    [<CompiledName("ToGray")>]
    let toGray (method: GrayMethod) =
        Domain.oneOf "method" [ GrayMethod.WeightedAverage; GrayMethod.Average; GrayMethod.Max; GrayMethod.Desaturation ] method
        Aug.op (Op.constant toGraySpec { Method = method })

    /// The sepia matrix (row-major): out R = 0.393 R + 0.769 G + 0.189 B, and so on.
    let private sepia = [| 0.393f; 0.769f; 0.189f; 0.349f; 0.686f; 0.168f; 0.272f; 0.534f; 0.131f |]

    let private toSepiaSpec : OpSpec<NoParams> =
        colour OpKind.ImageKernel "ToSepia" "The sepia matrix [[0.393,0.769,0.189],[0.349,0.686,0.168],[0.272,0.534,0.131]], clipped (albumentations ToSepia)."
            noCheck
            (fun _ v ->
                needColour "ToSepia" v
                colourKernel "ToSepia" (fun src dst ->
                    if src.ElementType = ElementType.Byte then ColourKernels.ColourMatrix(src.ReadBytes, dst.Bytes, src.Channels, ReadOnlySpan sepia)
                    else ColourKernels.ColourMatrix(src.ReadFloats, dst.Floats, src.Channels, ReadOnlySpan sepia, src.Range)))

    /// <summary>albumentations' <c>ToSepia</c>: each RGB pixel times the sepia matrix
    /// [[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]] in float32, clipped to the range (float
    /// images relative to the range minimum); bytes round half to even, albumentations' <c>cv2.transform</c> rounds too.
    /// Alpha is kept.</summary>
    [<CompiledName("ToSepia")>]
    let toSepia = Aug.op (Op.ofSpec toSepiaSpec (fun _ _ -> NoParams.Value))

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
    [<CompiledName("AutoContrast")>]
    let autoContrast = Aug.op (Op.ofSpec autoContrastSpec (fun _ _ -> NoParams.Value))

    let private sharpnessSpec : OpSpec<FactorParams> =
        colour OpKind.Neighbourhood "Sharpness" "Blends with the image smoothed by [[1,1,1],[1,5,1],[1,1,1]]/13, borders kept (PIL ImageEnhance.Sharpness)."
            (fun p -> Domain.within "Factor" -1e3 1e3 p.Factor)
            (fun p v ->
                if p.Factor = 1.0 || v.Shape.Width < 3 || v.Shape.Height < 3 then Step.Nothing
                else
                    let f = float32 p.Factor
                    Step.Filter(Steps.kernel "Sharpness" 0 (fun src dst ->
                        if src.ElementType = ElementType.Byte then
                            ColourKernels.Sharpness(src.ReadBytes, dst.Bytes, src.Width, src.Height, src.Channels, f)
                        else ColourKernels.Sharpness(src.ReadFloats, dst.Floats, src.Width, src.Height, src.Channels, f, src.Range))))

    /// <summary>PIL's <c>ImageEnhance.Sharpness(image).enhance(factor)</c> (torchvision's <c>adjust_sharpness</c> is the
    /// same rule) with factor drawn from <paramref name="factor"/>: <c>s + factor (x - s)</c>, where s is the image
    /// filtered by <c>ImageFilter.SMOOTH</c> ([[1,1,1],[1,5,1],[1,1,1]] / 13) and border pixels keep their value, as PIL's
    /// 3x3 filter copies them. Float32 arithmetic; bytes round half to even where PIL truncates twice (filter and blend):
    /// within 1 level. Factor 0 blurs, 1 is the identity, 2 sharpens.</summary>
    /// <exception cref="System.ArgumentException">factor can draw a value outside [-1000, 1000].</exception>
    [<CompiledName("Sharpness")>]
    let sharpness (factor: Sampler) =
        let factor = samplerArg "factor" factor
        let lo, hi = Sampler.bounds factor
        if lo < -1e3 || hi > 1e3 then Throw.Argument("factor", string factor, "a sampler of factors in [-1000, 1000]")
        Aug.op (Op.ofSpec sharpnessSpec (fun seed _ -> { Factor = Sampler.draw factor (Seed.derive seed 0L) }))

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
    [<CompiledName("FancyPCA")>]
    let fancyPca (sigma: float) =
        Domain.within "sigma" 0.0 10.0 sigma
        Aug.op (Op.ofSpec fancyPcaSpec (fun seed _ ->
            { Alpha = Array.init 3 (fun k ->
                if sigma = 0.0 then 0.0
                else Math.Clamp(Normal.InvCDF(0.0, sigma, Seed.openUniform (Seed.derive seed (int64 k))), -100.0, 100.0)) }))

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
    [<CompiledName("RandomBrightnessContrast")>]
    let randomBrightnessContrast (brightness: Sampler) (contrast: Sampler) =
        let brightness, contrast = samplerArg "brightness" brightness, samplerArg "contrast" contrast
        let blo, bhi = Sampler.bounds brightness
        if blo < -100.0 || bhi > 100.0 then Throw.Argument("brightness", string brightness, "a sampler of values in [-100, 100]")
        let clo, chi = Sampler.bounds contrast
        if clo < -1.0 || chi > 99.0 then Throw.Argument("contrast", string contrast, "a sampler of values in [-1, 99] (alpha = 1 + contrast >= 0)")
        Aug.op (Op.ofSpec brightnessContrastSpec (fun seed _ ->
            { Alpha = 1.0 + Sampler.draw contrast (Seed.derive seed 1L); Beta = Sampler.draw brightness (Seed.derive seed 0L) }))

    // ------------------------------------------------------------------ element type and range conversions

    /// A kernel that converts to float32 in outRange: (x - sub[c]) * scale[c] + add[c], clamped.
    let private toFloatKernel name (sub: float32[]) (scale: float32[]) (add: float32[]) (outRange: ValueRange) =
        Step.Kernel
            { Steps.kernel name 0 (fun src dst ->
                if src.ElementType = ElementType.Byte then
                    ColourKernels.AffineToFloat(src.ReadBytes, dst.Floats, src.Channels, ReadOnlySpan sub, ReadOnlySpan scale, ReadOnlySpan add, outRange)
                else
                    PixelKernels.ChannelAffine(src.ReadFloats, dst.Floats, src.Channels, ReadOnlySpan sub, ReadOnlySpan scale, ReadOnlySpan add, outRange))
                with OutputType = ValueSome ElementType.Float32; OutputRange = ValueSome outRange }

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
    [<CompiledName("ToFloat32")>]
    let toFloat32 (min: float) (max: float) =
        if not (Double.IsFinite min) then Throw.Argument("min", min, "a finite number")
        if not (Double.IsFinite max && float32 min < float32 max) then Throw.Argument("max", max, sprintf "a finite float32 greater than min (%g)" min)
        Aug.op (Op.constant toFloat32Spec { Min = min; Max = max })

    let private toByteSpec : OpSpec<NoParams> =
        colour OpKind.ImageKernel "ToByte" "Converts to bytes, mapping the value range to [0, 255], rounding half to even (Image.ToByte)." noCheck
            (fun _ v ->
                if v.ElementType = ElementType.Byte then Step.Nothing
                else
                    let n = v.Shape.Channels
                    let sub, scale = Array.create n v.Range.Min, Array.create n (255f / v.Range.Width)
                    Step.Kernel
                        { Steps.kernel "ToByte" 0 (fun src dst ->
                            ColourKernels.AffineToByte(src.ReadFloats, dst.Bytes, src.Channels, ReadOnlySpan sub, ReadOnlySpan scale, ReadOnlySpan(Array.zeroCreate<float32> n)))
                            with OutputType = ValueSome ElementType.Byte })

    /// <summary>Converts a float image to bytes: the value range maps linearly to [0, 255], rounded half to even and
    /// saturated, the same bits as <c>Image.ToByte</c> (albumentations' <c>FromFloat(max_value=255)</c> truncates
    /// instead, and <c>tf.image.convert_image_dtype</c> truncates <c>x * 255.5</c>: within 1 level). A byte image is left
    /// as it is.</summary>
    [<CompiledName("ToByte")>]
    let toByte = Aug.op (Op.ofSpec toByteSpec (fun _ _ -> NoParams.Value))

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
    [<CompiledName("Normalize")>]
    let normalize (mean: float[]) (std: float[]) =
        if isNull mean then nullArg "mean"
        if isNull std then nullArg "std"
        checkNormalizeAs "mean" "std" mean std
        Aug.op (Op.constant normalizeSpec { Mean = Array.copy mean; Std = Array.copy std })

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
    [<CompiledName("Rescaling")>]
    let rescaling (scale: float) (offset: float) =
        Domain.within "scale" -1e6 1e6 scale
        if scale = 0.0 then Throw.Argument("scale", scale, "a non-zero scale")
        Domain.within "offset" -1e6 1e6 offset
        Aug.op (Op.constant rescalingSpec { Scale = scale; Offset = offset })

    let private moreColour : OpInfo list =
        [ Op.info saturationSpec; Op.info hueSpec; Op.info rgbShiftSpec; Op.info channelShuffleSpec
          Op.info channelDropoutSpec; Op.info toGraySpec; Op.info toSepiaSpec; Op.info autoContrastSpec
          Op.info sharpnessSpec; Op.info fancyPcaSpec; Op.info brightnessContrastSpec
          Op.info toFloat32Spec; Op.info toByteSpec; Op.info normalizeSpec; Op.info rescalingSpec ]

    // ------------------------------------------------------------------ more blur, noise and quality ops
    // New blur, noise and image-quality ops go in this section, each listed in moreBlurNoise for the catalogue.

    let private moreBlurNoise : OpInfo list = []

    // ------------------------------------------------------------------ occlusion
    // Occlusion ops go in this section, each listed in occlusion for the catalogue.

    let private occlusion : OpInfo list = []

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
                  Mix = fun a partners ->
                    let b = partners.[0]
                    let lam = float32 p.Lambda
                    let image =
                        let buf = PixelBuffer.Allocate(a.Image.Width, a.Image.Height, a.Image.Channels, a.Image.ElementType, a.Image.Range)
                        if a.Image.ElementType = ElementType.Byte then GeometryKernels.Mix(a.Image.Bytes, b.Image.Bytes, buf.Bytes, lam)
                        else GeometryKernels.Mix(a.Image.Floats, b.Image.Floats, buf.Floats, lam, a.Image.Range.Min, a.Image.Range.Max)
                        buf.ToImage()
                    { Image = image
                      Label = mixLabels p.Lambda a.Label b.Label
                      Boxes = Array.append a.Boxes b.Boxes
                      Mask = (if p.Lambda >= 0.5 then a.Mask else b.Mask)
                      Keypoints = Array.append a.Keypoints b.Keypoints } } }

    /// <summary>MixUp (Zhang et al. 2018; KerasCV <c>MixUp</c>): each sample draws a partner from the rest of the batch
    /// and <c>lambda ~ Beta(alpha, alpha)</c>; the image is <c>lambda * x + (1 - lambda) * partner</c>, the label
    /// the same mixture of probability vectors (so it still sums to 1); boxes and keypoints of both are kept, and
    /// the mask of the heavier image. A batch op: run it with <c>Aug.runBatch</c>.</summary>
    /// <exception cref="System.ArgumentException">alpha is not a finite number &gt; 0.</exception>
    [<CompiledName("MixUp")>]
    let mixUp (alpha: float) =
        Domain.positive "alpha" alpha
        let beta = Sampler.beta alpha alpha
        Aug.op (Op.ofSpec mixUpSpec (fun seed v ->
            { Partner = partnerOf (Seed.derive seed 0L) v.BatchIndex v.BatchSize
              Lambda = Sampler.draw beta (Seed.derive seed 1L) }))

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
                  Mix = fun a partners ->
                    let b = partners.[0]
                    let W, H = a.Image.Width, a.Image.Height
                    let paste (x: Image) (y: Image) =
                        let buf = PixelBuffer.Allocate(x.Width, x.Height, x.Channels, x.ElementType, x.Range)
                        if x.ElementType = ElementType.Byte then
                            x.Bytes.CopyTo(buf.Bytes)
                            GeometryKernels.PasteRect(y.Bytes, buf.Bytes, W, H, x.Channels, p.X0, p.Y0, p.X1, p.Y1)
                        else
                            x.Floats.CopyTo(buf.Floats)
                            GeometryKernels.PasteRect(y.Floats, buf.Floats, W, H, x.Channels, p.X0, p.Y0, p.X1, p.Y1)
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
                    { Image = (if pasted > 0.0 then paste a.Image b.Image else a.Image)
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
    [<CompiledName("CutMix")>]
    let cutMix (alpha: float) =
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

    // ------------------------------------------------------------------ more batch ops
    // New batch ops (Mosaic) go in this section, each listed in moreBatch for the catalogue.

    let private moreBatch : OpInfo list = []

    /// <summary>Every op the catalogue declares, once each: name, kind, summary and parameter type.</summary>
    let catalogue : OpInfo list =
        [ Op.info flipHSpec; Op.info flipVSpec; Op.info (rot90Spec "Rot90"); Op.info (rot90Spec "RandomRot90")
          Op.info (cropSpec BoxFilter.Default); Op.info (centralCropSpec BoxFilter.Default); Op.info resizeSpec
          Op.info rotateSpec; Op.info affineSpec; Op.info resizedCropSpec
          Op.info brightnessSpec; Op.info contrastSpec; Op.info grayscaleSpec; Op.info invertSpec
          Op.info solarizeSpec; Op.info posterizeSpec; Op.info gammaSpec; Op.info equalizeSpec
          Op.info gaussianBlurSpec; Op.info boxBlurSpec; Op.info medianBlurSpec; Op.info gaussianNoiseSpec
          Op.info mixUpSpec; Op.info cutMixSpec ]
        @ moreGeometric @ moreColour @ moreBlurNoise @ occlusion @ moreBatch
