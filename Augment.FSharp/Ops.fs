namespace Augment

open System
open Augment.Native
open Augment.Native.Kernels

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

    let private moreColour : OpInfo list = []

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
