namespace Augment
    
    /// Quarter turns: k in {0, 1, 2, 3}, counter-clockwise.
    type Rot90Params =
        { K: int }
    
    /// A crop rectangle in the input's pixels: the top-left pixel (X, Y), and the size.
    type CropParams =
        {
          X: int
          Y: int
          Width: int
          Height: int
        }
    
    /// The centred fraction of each side to keep (<c>tf.image.central_crop</c>).
    type CentralCropParams =
        { Fraction: float }
    
    /// A factor: brightness as a fraction of the value range, contrast as a multiplier.
    type FactorParams =
        { Factor: float }
    
    /// The number of output channels of a grayscale conversion (1, 3 or 4).
    type GrayscaleParams =
        { Channels: int }
    
    /// An output size and interpolation.
    type ResizeParams =
        {
          Width: int
          Height: int
          Interpolation: Native.Interpolation
        }
    
    /// A turn about the image centre: degrees counter-clockwise, interpolation, border and fill (value units).
    type RotateParams =
        {
          Angle: float
          Interpolation: Native.Interpolation
          Border: Native.BorderMode
          Fill: float
        }
    
    /// <summary>An affine map about the image centre: turn (degrees, counter-clockwise), scale, shear (degrees, along x
    /// and y), then a shift in pixels; interpolation, border and fill (value units).</summary>
    type AffineParams =
        {
          Angle: float
          Scale: float
          ShearX: float
          ShearY: float
          TranslateX: float
          TranslateY: float
          Interpolation: Native.Interpolation
          Border: Native.BorderMode
          Fill: float
        }
    
    /// A crop of the input (pixels) resized to the output size.
    type ResizedCropParams =
        {
          X: int
          Y: int
          CropWidth: int
          CropHeight: int
          Width: int
          Height: int
          Interpolation: Native.Interpolation
        }
    
    /// The solarize threshold as a fraction of the value range.
    type SolarizeParams =
        { Threshold: float }
    
    /// The number of high bits posterize keeps (0 to 8; 0 keeps none, as PIL's posterize(0) and AugMix's top severity).
    type PosterizeParams =
        { Bits: int }
    
    /// <summary><c>tf.image.adjust_gamma</c>'s gamma and gain.</summary>
    type GammaParams =
        {
          Gamma: float
          Gain: float
        }
    
    /// MixUp: the partner's index in the batch and the weight of this sample.
    type MixUpParams =
        {
          Partner: int
          Lambda: float
        }
    
    /// CutMix: the partner's index and the pasted rectangle [X0, X1) x [Y0, Y1) in pixels.
    type CutMixParams =
        {
          Partner: int
          X0: int
          Y0: int
          X1: int
          Y1: int
        }
    
    /// The standard deviation of a Gaussian blur, in pixels.
    type GaussianBlurParams =
        { Sigma: float }
    
    /// The side of a square filter window, in pixels (box and median blurs).
    type KernelSizeParams =
        { Size: int }
    
    /// <summary>Gaussian noise: the standard deviation as a fraction of the value range's width, and the noise seed as the
    /// 32 hexadecimal digits of <c>Seed.ToString</c>.</summary>
    type GaussianNoiseParams =
        {
          Stddev: float
          Seed: string
        }
    
    /// Motion blur: the odd kernel side, the line's angle in degrees and its direction bias in [-1, 1].
    type MotionBlurParams =
        {
          Size: int
          Angle: float
          Direction: float
        }
    
    /// Defocus: the disc radius in pixels and the sigma of the Gaussian that softens the disc.
    type DefocusParams =
        {
          Radius: int
          AliasBlur: float
        }
    
    /// <summary>Multiplicative noise: the factor range, whether factors are per channel and per element, the drawn factors
    /// (one, or one per channel; empty when element-wise) and the noise seed (element-wise only, else empty).</summary>
    type MultiplicativeNoiseParams =
        {
          Low: float
          High: float
          PerChannel: bool
          Elementwise: bool
          Factors: float array
          Seed: string
        }
    
    /// Salt and pepper: the probability that a pixel is noisy, the share of salt among noisy pixels, and the noise seed.
    type SaltAndPepperParams =
        {
          Amount: float
          SaltRatio: float
          Seed: string
        }
    
    /// Downscale: the scale and the interpolations down and up.
    type DownscaleParams =
        {
          Scale: float
          Down: Native.Interpolation
          Up: Native.Interpolation
        }
    
    /// <summary>Occlusion by rectangles: the holes in pixels as a flat <c>[x0, y0, x1, y1, ...]</c> (each [x0, x1) x [y0, y1)),
    /// the fill in value units, and the mask fill (0 to 255, or -1 to leave the mask).</summary>
    type HolesParams =
        {
          Holes: int array
          Fill: float
          MaskFill: int
        }
    
    /// GridMask: the grid unit and the square's ratio of it, the offsets in pixels, the mask's turn in degrees, the fill.
    type GridMaskParams =
        {
          Unit: float
          Ratio: float
          DeltaX: float
          DeltaY: float
          Angle: float
          Fill: float
        }
    
    /// Label smoothing: the weight of the uniform distribution mixed into the label.
    type LabelSmoothingParams =
        { Epsilon: float }
    
    /// Mosaic: the three partners' indices in the batch (top-right, bottom-left, bottom-right) and the centre in pixels.
    type MosaicParams =
        {
          Partners: int array
          CenterX: int
          CenterY: int
        }
    
    /// Helpers for labels (probability vectors).
    [<RequireQualifiedAccess>]
    module Labels =
        
        /// <summary>Label smoothing (Szegedy et al. 2016; Keras' <c>label_smoothing</c>): <c>(1 - epsilon) * y + epsilon / K</c>
        /// with K the label's length; an empty label stays empty. A probability vector stays one.</summary>
        /// <exception cref="System.ArgumentException">epsilon is not in [0, 1].</exception>
        [<CompiledName ("Smooth")>]
        val smooth: epsilon: float -> label: float array -> float array
    
    /// <summary>Per-channel shifts of RGBShift, in levels of a 0-255 scale (a fraction <c>1/255</c> of the range width each).</summary>
    type RgbShiftParams =
        {
          R: float
          G: float
          B: float
        }
    
    /// <summary>A channel order: output channel c takes input channel <c>Permutation[c]</c>.</summary>
    type ChannelShuffleParams =
        { Permutation: int array }
    
    /// <summary>The channels ChannelDropout sets to <c>Fill</c> (value units).</summary>
    type ChannelDropoutParams =
        {
          Dropped: int array
          Fill: float
        }
    
    /// <summary>How ToGray reduces R, G and B.</summary>
    type ToGrayParams =
        { Method: Native.GrayMethod }
    
    /// <summary>The weights of the three principal components of AlexNet's PCA lighting (drawn from N(0, sigma)).</summary>
    type FancyPcaParams =
        { Alpha: float array }
    
    /// <summary>albumentations' <c>RandomBrightnessContrast</c>: <c>alpha * x + beta * max</c>.</summary>
    type BrightnessContrastParams =
        {
          Alpha: float
          Beta: float
        }
    
    /// <summary>Normalize's per-channel mean and standard deviation, as fractions of the input range's width (1 or 3/4 values).</summary>
    type NormalizeParams =
        {
          Mean: float array
          Std: float array
        }
    
    /// <summary>Keras <c>Rescaling</c>: <c>x * Scale + Offset</c>.</summary>
    type RescalingParams =
        {
          Scale: float
          Offset: float
        }
    
    /// <summary>The value range a float32 conversion maps to.</summary>
    type RangeParams =
        {
          Min: float
          Max: float
        }
    
    /// <summary>CLAHE: OpenCV's clip limit (0: no clipping) and the tile grid (tiles across and down).</summary>
    type ClaheParams =
        {
          ClipLimit: float
          TilesX: int
          TilesY: int
        }
    
    /// <summary>ColorJitter: the order of the stages (0 brightness, 1 contrast, 2 saturation, 3 hue, as torchvision's
    /// <c>fn_idx</c>), the brightness, contrast and saturation factors and the hue shift in turns.</summary>
    type ColorJitterParams =
        {
          Order: int array
          Brightness: float
          Contrast: float
          Saturation: float
          Hue: float
        }
    
    /// <summary>HueSaturationValue's shifts: hue (OpenCV's 0-179 units on bytes, degrees on floats), saturation and value
    /// (levels of 255).</summary>
    type HsvShiftParams =
        {
          Hue: float
          Saturation: float
          Value: float
        }
    
    /// <summary>PlanckianJitter: the table and the entry drawn from it (0-based).</summary>
    type PlanckianParams =
        {
          Mode: Native.PlanckianMode
          Index: int
        }
    
    /// <summary>GlassBlur: the Gaussian sigma, the largest swap offset, the number of swap iterations and the noise seed (32
    /// hexadecimal digits of <c>Seed.ToString</c>).</summary>
    type GlassBlurParams =
        {
          Sigma: float
          MaxDelta: int
          Iterations: int
          Seed: string
        }
    
    /// <summary>ISONoise: albumentations' color_shift and intensity, and the noise seed (32 hexadecimal digits).</summary>
    type IsoNoiseParams =
        {
          ColorShift: float
          Intensity: float
          Seed: string
        }
    
    /// <summary>ImageCompression: the codec and the quality (1 to 100).</summary>
    type ImageCompressionParams =
        {
          Type: Native.CompressionType
          Quality: int
        }
    
    /// <summary>An element of the dihedral group of the square, as albumentations' <c>D4</c> lists them: 0 identity, 1-3
    /// quarter turns counter-clockwise (<c>numpy.rot90</c> k = 1..3), 4 vertical flip, 5 transverse (transpose then a half
    /// turn), 6 horizontal flip, 7 transpose.</summary>
    type D4Params =
        { Element: int }
    
    /// <summary>A perspective warp: the input quadrilateral (x, y in pixels of the top-left, top-right, bottom-right and
    /// bottom-left corners, 8 numbers) that maps onto the whole output; <c>FitOutput</c> shows the whole warped input instead;
    /// interpolation, border and fill (value units).</summary>
    type PerspectiveParams =
        {
          Corners: float array
          FitOutput: bool
          Interpolation: Native.Interpolation
          Border: Native.BorderMode
          Fill: float
        }
    
    /// <summary>albumentations' <c>ShiftScaleRotate</c>: a shift as fractions of the width and height, a scale factor and a
    /// turn (degrees, counter-clockwise) about the centre; interpolation, border and fill (value units).</summary>
    type ShiftScaleRotateParams =
        {
          ShiftX: float
          ShiftY: float
          Scale: float
          Angle: float
          Interpolation: Native.Interpolation
          Border: Native.BorderMode
          Fill: float
        }
    
    /// <summary>Keras' zoom: the output reads the input at <c>c + zoom * (x - c)</c> on each axis (c the centre), so a zoom
    /// above 1 zooms out; interpolation, border and fill (value units).</summary>
    type ZoomParams =
        {
          ZoomX: float
          ZoomY: float
          Interpolation: Native.Interpolation
          Border: Native.BorderMode
          Fill: float
        }
    
    /// A shift in pixels (positive: right and down); interpolation, border and fill (value units).
    type TranslateParams =
        {
          DX: float
          DY: float
          Interpolation: Native.Interpolation
          Border: Native.BorderMode
          Fill: float
        }
    
    /// Shear angles in degrees along x and y about the centre; interpolation, border and fill (value units).
    type ShearParams =
        {
          ShearX: float
          ShearY: float
          Interpolation: Native.Interpolation
          Border: Native.BorderMode
          Fill: float
        }
    
    /// Which flips a Keras <c>RandomFlip</c> drew.
    type FlipParams =
        {
          Horizontal: bool
          Vertical: bool
        }
    
    /// Pixels added on each side, the border mode and the fill (value units).
    type PadParams =
        {
          Top: int
          Bottom: int
          Left: int
          Right: int
          Border: Native.BorderMode
          Fill: float
        }
    
    /// A target size in pixels.
    type TargetSizeParams =
        {
          Width: int
          Height: int
        }
    
    /// <summary>ElasticTransform: the displacement's scale <c>Alpha</c> (pixels), the Gaussian's <c>Sigma</c> (pixels), the
    /// noise seed (32 hexadecimal digits of <c>Seed.ToString</c>); interpolation, border and fill (value units).</summary>
    type ElasticParams =
        {
          Alpha: float
          Sigma: float
          Seed: string
          Interpolation: Native.Interpolation
          Border: Native.BorderMode
          Fill: float
        }
    
    /// <summary>GridDistortion: the number of grid cells per side and the <c>NumSteps + 1</c> step factors along x and y
    /// (albumentations' <c>xsteps</c>, <c>ysteps</c>: 1 + a draw of <c>distort_limit</c>); interpolation, border and fill.</summary>
    type GridDistortionParams =
        {
          NumSteps: int
          XSteps: float array
          YSteps: float array
          Interpolation: Native.Interpolation
          Border: Native.BorderMode
          Fill: float
        }
    
    /// <summary>OpticalDistortion: the radial coefficient <c>K</c> (OpenCV's k1 = k2) and the principal point's shift
    /// (<c>DX</c>, <c>DY</c>, pixels); interpolation, border and fill (value units).</summary>
    type OpticalDistortionParams =
        {
          K: float
          DX: float
          DY: float
          Interpolation: Native.Interpolation
          Border: Native.BorderMode
          Fill: float
        }
    
    /// <summary>A shear about the top-left corner (0, 0) by a magnitude m (a tangent, not an angle): ShearX maps x to
    /// x - m y, ShearY maps y to y - m x (torchvision's AutoAugment ShearX/ShearY, PIL's affine data (1, m, 0, 0, 1, 0));
    /// interpolation, border and fill (value units).</summary>
    type PolicyShearParams =
        {
          Magnitude: float
          Interpolation: Native.Interpolation
          Border: Native.BorderMode
          Fill: float
        }
    
    /// A whole-pixel shift: X pixels right and Y pixels down (negative: left, up); border and fill (value units).
    type ShiftParams =
        {
          X: int
          Y: int
          Border: Native.BorderMode
          Fill: float
        }
    
    /// <summary>KerasCV's <c>Solarization</c>: an addition, then inversion at or above a threshold, both as fractions of the
    /// value range's width (KerasCV's 0 to 255 units divided by 255).</summary>
    type SolarizeAddParams =
        {
          Addition: float
          Threshold: float
        }
    
    /// <summary>
    /// The op catalogue: each value or function here is an <see cref="T:Augment.Aug"/> of one op, declared once by
    /// its spec (name, kind, parameter domain, plan). Geometric ops are matrices that the engine applies to every
    /// target; colour ops are per-channel maps that stay inside the image's value range.
    /// Make any op random with <c>Aug.maybe</c>; draw its strength from a <see cref="T:Augment.Sampler"/>.
    /// </summary>
    [<RequireQualifiedAccess>]
    module Ops =
        
        /// <summary>Mirrors left-right (x goes to W - x). Wrap in <c>Aug.maybe 0.5</c> for a random flip.</summary>
        [<CompiledName ("FlipHorizontal")>]
        val flipHorizontal: Aug
        
        /// <summary>Mirrors top-bottom (y goes to H - y).</summary>
        [<CompiledName ("FlipVertical")>]
        val flipVertical: Aug
        
        /// <summary>k quarter turns counter-clockwise (numpy.rot90): a point (x, y) goes to (y, W - x) for k = 1.</summary>
        [<CompiledName ("Rot90")>]
        val rot90: k: int -> Aug
        
        /// <summary>A uniformly random number of quarter turns in {0, 1, 2, 3} (albumentations' RandomRotate90).</summary>
        [<CompiledName ("RandomRot90")>]
        val randomRot90: Aug
        
        /// <summary>A <paramref name="width"/> x <paramref name="height"/> window at a uniformly random offset
        /// (<c>tf.image.random_crop</c>); boxes are clipped and filtered by <paramref name="filter"/>.</summary>
        /// <exception cref="System.ArgumentException">width or height is not positive; or, when run, larger than the image.</exception>
        [<CompiledName ("RandomCropWith")>]
        val randomCropWith:
          filter: BoxFilter -> width: int -> height: int -> Aug
        
        /// <summary>A random crop that keeps every box with some area left (<c>BoxFilter.Default</c>).</summary>
        [<CompiledName ("RandomCrop")>]
        val randomCrop: width: int -> height: int -> Aug
        
        /// <summary>Keeps the centred <paramref name="fraction"/> of each side (<c>tf.image.central_crop</c>).</summary>
        /// <exception cref="System.ArgumentException">fraction is not in (0, 1].</exception>
        [<CompiledName ("CentralCropWith")>]
        val centralCropWith: filter: BoxFilter -> fraction: float -> Aug
        
        /// <summary>A central crop with <c>BoxFilter.Default</c>.</summary>
        [<CompiledName ("CentralCrop")>]
        val centralCrop: fraction: float -> Aug
        
        /// <summary>Resizes to <paramref name="width"/> x <paramref name="height"/> with half-pixel centres, as
        /// <c>cv2.resize</c>: <c>Nearest</c>, <c>Bilinear</c> (<c>INTER_LINEAR</c>) or <c>Area</c> (<c>INTER_AREA</c>
        /// when shrinking). Boxes and keypoints scale by (width / W, height / H).</summary>
        /// <exception cref="System.ArgumentException">A size is not in 1 to 65536.</exception>
        [<CompiledName ("Resize")>]
        val resize:
          width: int ->
            height: int -> interpolation: Native.Interpolation -> Aug
        
        /// <summary>Turns by an angle drawn from <paramref name="degrees"/> (counter-clockwise for positive angles) about
        /// the image centre (W/2, H/2), keeping the size: OpenCV's <c>warpAffine</c> with
        /// <c>getRotationMatrix2D((W-1)/2, (H-1)/2)</c>. Corners outside the source take the border.</summary>
        [<CompiledName ("Rotate")>]
        val rotate:
          degrees: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>The matrix of <c>AffineParams</c>: about the centre c, <c>T(t) T(c) R(angle) Sh(shearX, shearY) S(scale) T(-c)</c>.</summary>
        val affineMatrix:
          p: AffineParams -> width: int -> height: int -> Native.Matrix3
        
        /// <summary>An affine map about the image centre with each part drawn: turn (degrees), scale, shear along x and
        /// y (degrees), and a shift drawn as a fraction of the width and height (albumentations' <c>Affine</c>).
        /// The size is kept; what comes from outside the source takes the border.</summary>
        [<CompiledName ("Affine")>]
        val affine:
          degrees: Sampler ->
            scale: Sampler ->
            shearX: Sampler ->
            shearY: Sampler ->
            translateX: Sampler ->
            translateY: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>torchvision's <c>RandomResizedCrop.get_params</c>: up to 10 tries of an area fraction from
        /// <c>scale</c> and a log-uniform aspect ratio from <c>ratio</c>, w = round(sqrt(area * r)), h = round(sqrt(area / r));
        /// the first that fits is placed uniformly; else the centred crop of the clamped ratio. Returns (x, y, w, h).</summary>
        val resizedCropRect:
          seed: Seed ->
            width: int ->
            height: int ->
            scaleLo: float * scaleHi: float ->
              ratioLo: float * ratioHi: float -> struct (int * int * int * int)
        
        /// <summary>A crop of random area fraction in [scaleLow, scaleHigh] and aspect ratio in [ratioLow, ratioHigh]
        /// (log-uniform), resized to <paramref name="width"/> x <paramref name="height"/>: torchvision's
        /// <c>RandomResizedCrop</c> rules (defaults there: scale 0.08 to 1, ratio 3/4 to 4/3).</summary>
        /// <exception cref="System.ArgumentException">A size is not positive, or the scale or ratio bounds are not ordered and positive.</exception>
        [<CompiledName ("RandomResizedCrop")>]
        val randomResizedCrop:
          width: int ->
            height: int ->
            scaleLow: float ->
            scaleHigh: float ->
            ratioLow: float ->
            ratioHigh: float -> interpolation: Native.Interpolation -> Aug
        
        /// <summary>Adds <c>factor * (max - min)</c> of the value range, saturating (KerasCV RandomBrightness:
        /// factor in [-1, 1]).</summary>
        [<CompiledName ("Brightness")>]
        val brightness: factor: Sampler -> Aug
        
        /// <summary><c>(x - mean) * factor + mean</c> per channel, clamped (KerasCV RandomContrast draws factor
        /// from [1 - lower, 1 + upper]).</summary>
        [<CompiledName ("Contrast")>]
        val contrast: factor: Sampler -> Aug
        
        /// <summary>BT.601 gray that keeps the channel count (replicated; alpha kept), so later ops see the same shape.</summary>
        [<CompiledName ("Grayscale")>]
        val grayscale: Aug
        
        /// <summary>BT.601 gray on <paramref name="outputChannels"/> channels (1, 3, or 4 for RGBA).</summary>
        /// <exception cref="System.ArgumentException">outputChannels is not 1, 3 or 4.</exception>
        [<CompiledName ("GrayscaleTo")>]
        val grayscaleTo: outputChannels: int -> Aug
        
        /// <summary>Maps x to min + max - x of the value range (255 - x for bytes).</summary>
        [<CompiledName ("Invert")>]
        val invert: Aug
        
        /// <summary>Inverts every value at or above <c>min + threshold * (max - min)</c> (PIL's <c>solarize</c>: threshold
        /// 128 of 255 is 128/255 here).</summary>
        [<CompiledName ("Solarize")>]
        val solarize: threshold: Sampler -> Aug
        
        /// <summary>Keeps the top <paramref name="bits"/> bits of each value (PIL's <c>posterize</c>); float images are
        /// quantised to 256 levels of their range first.</summary>
        /// <exception cref="System.ArgumentException">bits is not 0 to 8.</exception>
        [<CompiledName ("Posterize")>]
        val posterize: bits: int -> Aug
        
        /// <summary><c>gain * x^gamma</c> on the value range scaled to [0, 1], clamped (<c>tf.image.adjust_gamma</c>).</summary>
        [<CompiledName ("Gamma")>]
        val gamma: gamma: Sampler -> gain: float -> Aug
        
        /// <summary>Pillow's <c>ImageOps.equalize</c> table for one channel's 256-bin histogram: with the non-empty bins
        /// h, <c>step = (sum h - last h) // 255</c>; identity when step is 0; else entry i is <c>(step // 2 + sum of
        /// bins below i) // step</c>, clamped to 255.</summary>
        val equalizeTable: hist: System.ReadOnlySpan<int64> -> byte array
        
        /// <summary>Per-channel histogram equalisation with Pillow's rule (byte images).</summary>
        [<CompiledName ("Equalize")>]
        val equalize: Aug
        
        /// <summary>Gaussian blur as OpenCV's <c>cv2.GaussianBlur(img, (0, 0), sigma)</c> on 8-bit images (albumentations'
        /// <c>GaussianBlur</c> with <c>sigma_limit</c>): kernel size <c>round(sigma * 6 + 1) | 1</c> (half to even, as
        /// <c>cvRound</c>; the same rule for float images), weights <c>cv2.getGaussianKernel(ksize, sigma)</c> computed in
        /// double and rounded to float32, applied along rows then columns with border reflect-101 (<c>BORDER_REFLECT_101</c>).
        /// Bytes run in fixed point as OpenCV's 8-bit GaussianBlur (integer weights summing to a power of two, one rounding per
        /// pass), always within 1 level of the float32 filter; floats accumulate in float32 and are clamped to the value range. A sigma
        /// below 1/12 gives ksize 1, the identity.</summary>
        /// <exception cref="System.ArgumentException">sigma can draw a value outside (0, 50].</exception>
        [<CompiledName ("GaussianBlur")>]
        val gaussianBlur: sigma: Sampler -> Aug
        
        /// <summary>The normalised box filter of <c>cv2.blur(img, (size, size))</c> (albumentations' <c>Blur</c>): the mean
        /// of the size x size window, border reflect-101. The window's anchor is OpenCV's default, <c>size / 2</c> (integer
        /// division): centred for odd sizes, and for even sizes covering <c>x - size/2 .. x + size/2 - 1</c>. Computed as a
        /// separable filter: bytes in fixed point (within 1 level of the float32 mean, halves rounding up as OpenCV's integer
        /// sums do), floats with weights <c>1f / size</c> in float32.</summary>
        /// <exception cref="System.ArgumentException">size is not 1 to 99.</exception>
        [<CompiledName ("BoxBlur")>]
        val boxBlur: size: int -> Aug
        
        /// <summary>The median filter of <c>cv2.medianBlur(img, size)</c> (albumentations' <c>MedianBlur</c>): each channel's
        /// median over the size x size window, border replicate. OpenCV takes float32 images only for sizes 3 and 5; here
        /// float images take every size, with the same definition (the exact middle value of the sorted window).</summary>
        /// <exception cref="System.ArgumentException">size is not odd in [3, 15].</exception>
        [<CompiledName ("MedianBlur")>]
        val medianBlur: size: int -> Aug
        
        /// <summary>Additive Gaussian noise as albumentations' <c>GaussNoise(std_range=...)</c>: the standard deviation is
        /// a fraction of the value range's width (of 255 for bytes), drawn once per image; every sample gets its own
        /// <c>N(0, (stddev * (max - min))^2)</c> and the sum saturates to the value range (bytes round half to even). The
        /// noise comes from a seed the op draws (recorded in the trace as <c>Seed</c>): sample i, in HWC order, uses
        /// Philox block i / 2 of that seed's stream and Box–Muller (<c>NoiseKernels</c> documents the formula), so the
        /// bits do not depend on threads or code paths.</summary>
        /// <exception cref="System.ArgumentException">stddev can draw a value outside [0, 1].</exception>
        [<CompiledName ("GaussianNoise")>]
        val gaussianNoise: stddev: Sampler -> Aug
        
        /// <summary>Swaps the axes (albumentations' <c>Transpose</c>): a point (x, y) goes to (y, x) and a W x H image
        /// becomes H x W. An exact copy.</summary>
        [<CompiledName ("Transpose")>]
        val transpose: Aug
        
        /// <summary>The matrix and output size of D4 element <paramref name="k"/> (see <c>D4Params</c>) on a W x H image.</summary>
        val d4Matrix:
          k: int -> width: int -> height: int -> Native.Matrix3 * int * int
        
        /// <summary>One of the 8 symmetries of the square, uniformly (albumentations' <c>D4</c>): identity, quarter turns
        /// counter-clockwise by 1, 2, 3 (<c>numpy.rot90</c>), vertical flip, transverse (transpose then a half turn),
        /// horizontal flip, transpose — recorded as <c>Element</c> 0 to 7 in that order, albumentations' order of
        /// <c>d4_group_elements</c> ("e", "r90", "r180", "r270", "v", "hvt", "h", "t"). Exact copies on every target.</summary>
        [<CompiledName ("D4")>]
        val d4: Aug
        
        /// <summary>The projective matrix that maps the four points <paramref name="src"/> onto <paramref name="dst"/>
        /// (<c>cv2.getPerspectiveTransform</c>): the 8 x 8 linear system with M22 = 1, solved with partial pivoting.</summary>
        /// <exception cref="System.ArgumentException">The points are degenerate (three on a line).</exception>
        val perspectiveTransform:
          src: (float * float) array ->
            dst: (float * float) array -> Native.Matrix3
        
        /// <summary>The matrix of <c>PerspectiveParams</c> on a W x H image: the corners onto [0, W] x [0, H]; with
        /// <c>FitOutput</c>, then the bounding box of the warped image's corners scaled onto [0, W] x [0, H] (when every
        /// corner stays in front of the horizon; otherwise as without).</summary>
        val perspectiveMatrix:
          p: PerspectiveParams -> width: int -> height: int -> Native.Matrix3
        
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
        [<CompiledName ("Perspective")>]
        val perspective:
          scale: Sampler ->
            fitOutput: bool ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>albumentations' <c>ShiftScaleRotate</c>: <c>cv2.getRotationMatrix2D(centre, angle, scale)</c> with the
        /// shift (dx W, dy H) added to its translation, then <c>warpAffine</c> keeping the size. dx and dy are two draws of
        /// <paramref name="shiftLimit"/> (fractions of the width and height), the scale is <c>1 + </c> a draw of
        /// <paramref name="scaleLimit"/> (albumentations' <c>scale_limit</c> convention), the angle a draw of
        /// <paramref name="rotateLimit"/> in degrees (counter-clockwise). The centre is (W/2, H/2) in continuous coordinates,
        /// OpenCV's ((W-1)/2, (H-1)/2) in pixel indices, so the geometry is OpenCV's exactly (bilinear bytes within 1 level:
        /// OpenCV quantises sub-pixel positions to 1/32). albumentations' default border is <c>Reflect101</c>.</summary>
        /// <exception cref="System.ArgumentException">scaleLimit can draw a value &lt;= -1, Area interpolation, or a fill that is not finite.</exception>
        [<CompiledName ("ShiftScaleRotate")>]
        val shiftScaleRotate:
          shiftLimit: Sampler ->
            scaleLimit: Sampler ->
            rotateLimit: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>Keras' <c>RandomRotation(factor)</c>: the angle is a draw of <paramref name="factor"/> times a full turn
        /// (Keras' factor f means the range [-f, f]; pass <c>Sampler.uniform -f f</c>), positive counter-clockwise, about the
        /// centre, keeping the size; recorded in degrees. Keras' <c>fill_mode</c> maps to <paramref name="border"/>:
        /// <c>"constant"</c> is <c>Constant</c> (with <paramref name="fill"/> as <c>fill_value</c>), <c>"nearest"</c> is
        /// <c>Replicate</c>; Keras' default <c>"reflect"</c> (d c b a | a b c d, the edge pixel repeated) has no equal here:
        /// <c>Reflect101</c> (c b | a b c, OpenCV's default) differs from it by one pixel of offset in the reflected band, and
        /// <c>"wrap"</c> is not offered. Inside the image Keras' bilinear matches this warp (Keras' centre is ((W-1)/2, (H-1)/2)
        /// in pixel indices, the same point).</summary>
        /// <exception cref="System.ArgumentException">factor can draw a value outside [-1000, 1000], Area interpolation, or a fill that is not finite.</exception>
        [<CompiledName ("RandomRotation")>]
        val randomRotation:
          factor: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>Keras' <c>RandomZoom(height_factor, width_factor)</c>: the zoom on each axis is <c>1 + </c> a draw of its
        /// factor and the output reads the input at <c>c + zoom (x - c)</c> about the centre c, so, as in Keras, a positive
        /// factor zooms out (the image shrinks, the border shows) and a negative one zooms in. Keras' single float f means
        /// [-f, f]: pass <c>Sampler.uniform -f f</c>, or <c>Sampler.uniform lo hi</c> for Keras' (lo, hi).
        /// The size is kept; <c>fill_mode</c> maps to the border as for <c>randomRotation</c>.</summary>
        /// <exception cref="System.ArgumentException">A factor can draw a value &lt;= -1, Area interpolation, or a fill that is not finite.</exception>
        [<CompiledName ("RandomZoomXY")>]
        val randomZoomXY:
          heightFactor: Sampler ->
            widthFactor: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>Keras' <c>RandomZoom(height_factor, width_factor=None)</c>: one zoom <c>1 + </c> a draw of
        /// <paramref name="factor"/> on both axes (aspect kept). A positive factor zooms out, a negative one zooms in, as in
        /// Keras. See <c>randomZoomXY</c>.</summary>
        /// <exception cref="System.ArgumentException">factor can draw a value &lt;= -1, Area interpolation, or a fill that is not finite.</exception>
        [<CompiledName ("RandomZoom")>]
        val randomZoom:
          factor: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>Keras' <c>RandomTranslation(height_factor, width_factor)</c>: a shift of (a draw of
        /// <paramref name="widthFactor"/>) x W right and (a draw of <paramref name="heightFactor"/>) x H down (negative: left,
        /// up), keeping the size; recorded in pixels. Keras' single float f means [-f, f]. Whole-pixel shifts with nearest
        /// interpolation are exact copies. <c>fill_mode</c> maps to the border as for <c>randomRotation</c>.</summary>
        /// <exception cref="System.ArgumentException">A factor can draw a value outside [-100, 100], Area interpolation, or a fill that is not finite.</exception>
        [<CompiledName ("RandomTranslation")>]
        val randomTranslation:
          heightFactor: Sampler ->
            widthFactor: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>A shear about the centre with angles (degrees) drawn from <paramref name="shearX"/> and
        /// <paramref name="shearY"/>: albumentations' <c>Affine(shear={"x": ..., "y": ...})</c> with no turn, scale or shift,
        /// i.e. <c>Ops.affine</c>'s matrix: x' = x + tan(shearX) y, y' = tan(shearY) x + y about (W/2, H/2). The size is kept.</summary>
        /// <exception cref="System.ArgumentException">An angle can be drawn outside [-89, 89], Area interpolation, or a fill that is not finite.</exception>
        [<CompiledName ("RandomShear")>]
        val randomShear:
          shearX: Sampler ->
            shearY: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>Keras' <c>RandomFlip(mode)</c>: <c>"horizontal"</c> is (true, false), <c>"vertical"</c> (false, true),
        /// <c>"horizontal_and_vertical"</c> (true, true); each enabled flip happens with probability 0.5, drawn from the seed
        /// independently (left-right from child 0, top-bottom from child 1). Flips mirror about the centre; exact copies.</summary>
        /// <exception cref="System.ArgumentException">Neither flip is enabled.</exception>
        [<CompiledName ("RandomFlip")>]
        val randomFlip: horizontal: bool -> vertical: bool -> Aug
        
        /// <summary>The size albumentations' max-size resizes give: scale = maxSize / (the longer side when
        /// <paramref name="longest"/>, else the shorter), each side <c>round(side * scale)</c> with Python's <c>round</c>
        /// (half to even), at least 1, and exactly maxSize on the side that set the scale.</summary>
        val maxSizeOf:
          longest: bool ->
            maxSize: int -> width: int -> height: int -> int * int
        
        /// <summary>albumentations' <c>LongestMaxSize(max_size)</c>: scales by <c>maxSize / max(W, H)</c>, keeping the aspect;
        /// each side is <c>round(side * scale)</c> with Python's round (half to even), at least 1 (albumentations would give 0
        /// for extreme aspects). Resizes as <c>Ops.resize</c> (<c>cv2.resize</c>, half-pixel centres); an image already of
        /// that size is left as it is.</summary>
        /// <exception cref="System.ArgumentException">maxSize is not in 1 to 65536.</exception>
        [<CompiledName ("LongestMaxSize")>]
        val longestMaxSize:
          maxSize: int -> interpolation: Native.Interpolation -> Aug
        
        /// <summary>albumentations' <c>SmallestMaxSize(max_size)</c>: scales by <c>maxSize / min(W, H)</c>, keeping the aspect,
        /// rounded as <c>longestMaxSize</c> (half to even, at least 1).</summary>
        /// <exception cref="System.ArgumentException">maxSize is not in 1 to 65536.</exception>
        [<CompiledName ("SmallestMaxSize")>]
        val smallestMaxSize:
          maxSize: int -> interpolation: Native.Interpolation -> Aug
        
        /// <summary>albumentations' <c>Crop(x_min, y_min, x_max, y_max)</c>: keeps the pixels [xMin, xMax) x [yMin, yMax);
        /// points move by (-xMin, -yMin), boxes are clipped (<c>BoxFilter.Default</c>). An exact copy.</summary>
        /// <exception cref="System.ArgumentException">xMin or yMin is negative, or xMax &lt;= xMin, or yMax &lt;= yMin; when run, the
        /// rectangle is not inside the image (albumentations raises too unless it pads).</exception>
        [<CompiledName ("Crop")>]
        val crop: xMin: int -> yMin: int -> xMax: int -> yMax: int -> Aug
        
        /// <summary>albumentations' <c>Pad(padding=(left, top, right, bottom), fill, border_mode)</c>: adds the given pixels on
        /// each side, read by <paramref name="border"/> (<c>Constant</c> with <paramref name="fill"/> in value units, clamped to
        /// the range; <c>Reflect101</c>; <c>Replicate</c>), as <c>cv2.copyMakeBorder</c>. The mask is padded with 0; points move
        /// by (left, top). An exact copy.</summary>
        /// <exception cref="System.ArgumentException">A side is not in 0 to 65536, or fill is not finite.</exception>
        [<CompiledName ("Pad")>]
        val pad:
          top: int ->
            bottom: int ->
            left: int ->
            right: int -> border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>albumentations' <c>PadIfNeeded(min_height, min_width, position="center", border_mode, fill)</c>: where a side
        /// is shorter than its minimum, pads it: <c>top = (minHeight - H) // 2</c>, <c>bottom = minHeight - H - top</c>, likewise
        /// left and right; longer sides are left alone. albumentations' default border is <c>Reflect101</c>.</summary>
        /// <exception cref="System.ArgumentException">A minimum is not in 1 to 65536, or fill is not finite.</exception>
        [<CompiledName ("PadIfNeeded")>]
        val padIfNeeded:
          minHeight: int ->
            minWidth: int -> border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>TF's offsets for <c>resize_with_crop_or_pad</c> along one axis of size n to target t: (crop offset, pad
        /// offset) = (max(-(t - n) // 2, 0), max((t - n) // 2, 0)) with Python's floor division.</summary>
        val cropOrPadOffsets: n: int -> t: int -> int * int
        
        /// <summary><c>tf.image.resize_with_crop_or_pad(image, target_height, target_width)</c>: along each axis, a longer
        /// image is cropped at offset <c>(n - t) // 2</c> and a shorter one padded with zeros at offset <c>(t - n) // 2</c>
        /// (TF's rules, Python floor division), so an odd excess goes to the bottom/right. The pad is 0, clamped to a float
        /// image's range when 0 lies outside it. One exact copy.</summary>
        /// <exception cref="System.ArgumentException">A size is not in 1 to 65536.</exception>
        [<CompiledName ("ResizeWithCropOrPad")>]
        val resizeWithCropOrPad: targetHeight: int -> targetWidth: int -> Aug
        
        /// <summary>albumentations' <c>RandomSizedBBoxSafeCrop(height, width, erosion_rate=0)</c>: with boxes, the union
        /// [x0, x1] x [y0, y1] of every box (in pixels) is grown to a crop [u0 x0, x1 + u2 (W - x1)] x [u1 y0, y1 + u3 (H - y1)]
        /// with four uniform draws (albumentations' rule), rounded outwards to whole pixels so that it contains every box; without
        /// boxes the crop is the whole image (albumentations' rule for erosion 0). The crop is resized to
        /// <paramref name="width"/> x <paramref name="height"/> as <c>Ops.randomResizedCrop</c> does. Erosion is not offered.</summary>
        /// <exception cref="System.ArgumentException">A size is not in 1 to 65536.</exception>
        [<CompiledName ("RandomSizedBBoxSafeCrop")>]
        val randomSizedBBoxSafeCrop:
          width: int ->
            height: int -> interpolation: Native.Interpolation -> Aug
        
        /// <summary>albumentations' <c>CropNonEmptyMaskIfExists(height, width)</c>: when the mask (as it stands after the
        /// earlier ops) has non-zero pixels, one (x, y) is picked uniformly among them and the crop's corner is
        /// <c>(x - randint(0, width - 1), y - randint(0, height - 1))</c> clamped into the image, so the crop contains that
        /// pixel; otherwise (no mask, or an empty one) the corner is uniform, as a random crop. Boxes are clipped
        /// (<c>BoxFilter.Default</c>). albumentations' <c>ignore_values</c> and <c>ignore_channels</c> are not offered.</summary>
        /// <exception cref="System.ArgumentException">A size is not positive; when run, larger than the image.</exception>
        [<CompiledName ("CropNonEmptyMaskIfExists")>]
        val cropNonEmptyMaskIfExists: height: int -> width: int -> Aug
        
        /// <summary>The Gaussian kernel size ElasticTransform smooths its fields with: OpenCV's rule for float images,
        /// <c>cvRound(sigma * 8 + 1) | 1</c> (a radius of 4 sigma, as scipy's <c>gaussian_filter</c> with truncate 4).</summary>
        val elasticKernelSize: sigma: float -> int
        
        /// <summary>ElasticTransform's map on a <paramref name="width"/> x <paramref name="height"/> image: for pixel k =
        /// i * width + j, Philox block k of the seed's stream (counter <c>(low 32 bits of k, 0x80000000 | high bits, stream0,
        /// stream1)</c>, as <c>NoiseKernels</c>) gives <c>dx = 2 u(X0, X1) - 1</c> and <c>dy = 2 u(X2, X3) - 1</c> in float32
        /// (u: <c>Philox4x32.ToUnitDouble</c>); each field is smoothed by the separable Gaussian of <paramref name="sigma"/>
        /// (<c>elasticKernelSize</c>, weights <c>FilterKernels.GaussianKernel</c>, border reflect-101, float32); the map is
        /// <c>(j + 0.5) + alpha * dx</c>, <c>(i + 0.5) + alpha * dy</c> in float32 (alpha rounded to float32).</summary>
        val elasticMap:
          alpha: float ->
            sigma: float ->
            seed: Seed ->
            width: int -> height: int -> float32 array * float32 array
        
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
        [<CompiledName ("ElasticTransform")>]
        val elasticTransform:
          alpha: float ->
            sigma: float ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
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
        val gridDistortionAxis:
          numSteps: int -> steps: float array -> size: int -> float32 array
        
        /// <summary>GridDistortion's map: <c>mapX[i * width + j] = gridDistortionAxis numSteps xSteps width [j]</c> and
        /// <c>mapY[i * width + j] = gridDistortionAxis numSteps ySteps height [i]</c> (albumentations' <c>np.meshgrid(xx, yy)</c>).</summary>
        val gridDistortionMap:
          numSteps: int ->
            xSteps: float array ->
            ySteps: float array ->
            width: int -> height: int -> float32 array * float32 array
        
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
        [<CompiledName ("GridDistortion")>]
        val gridDistortion:
          numSteps: int ->
            distortLimit: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>OpticalDistortion's map (OpenCV's <c>cv2.initUndistortRectifyMap</c> with camera matrix
        /// <c>[[W, 0, W/2 + dx], [0, H, H/2 + dy], [0, 0, 1]]</c>, distortion <c>(k, k, 0, 0, 0)</c>, no rotation, and the
        /// default new camera matrix, whose principal point is the image centre): for the pixel centre (u, v) =
        /// (j + 0.5, i + 0.5), in double, <c>a = u - W/2</c>, <c>b = v - H/2</c>, <c>x = a / W</c>, <c>y = b / H</c>,
        /// <c>r2 = x^2 + y^2</c>, <c>kr = 1 + k r2 + k r2^2</c>; the source is <c>(W/2 + dx + a kr, H/2 + dy + b kr)</c>,
        /// rounded to float32 (OpenCV's <c>fx (x kr) + cx</c>, written so that k = 0 is exact).</summary>
        val opticalDistortionMap:
          k: float ->
            dx: float ->
            dy: float ->
            width: int -> height: int -> float32 array * float32 array
        
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
        [<CompiledName ("OpticalDistortion")>]
        val opticalDistortion:
          distortLimit: Sampler ->
            shiftLimit: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary><c>tf.image.adjust_saturation</c> with a factor drawn from <paramref name="factor"/> (as
        /// <c>tf.image.random_saturation(lower, upper)</c> with a uniform sampler): per pixel RGB to HSV, the saturation times
        /// the factor clamped to [0, 1], back to RGB, with TensorFlow's float32 formulas (<c>ColourKernels.RgbToHsv</c>).
        /// Float images are taken relative to the range minimum, so on [0, 1] images the result is TensorFlow's bit for
        /// bit; byte images are converted on 0-255 and rounded half to even (TensorFlow converts to [0, 1] and back with
        /// <c>convert_image_dtype</c>, which truncates <c>x * 255.5</c>): within 1 level. Alpha is kept. Factor 1 leaves
        /// the image as it is.</summary>
        /// <exception cref="System.ArgumentException">factor can draw a value outside [0, 1e6]; when run, a 1-channel image.</exception>
        [<CompiledName ("Saturation")>]
        val saturation: factor: Sampler -> Aug
        
        /// <summary><c>tf.image.adjust_hue</c> with a delta (in turns) drawn from <paramref name="delta"/> (as
        /// <c>tf.image.random_hue(max_delta)</c> with <c>Sampler.uniform -max_delta max_delta</c>): per pixel the hue on
        /// [0, 6) of <c>adjust_hue_op.cc</c> plus <c>6 delta</c>, wrapped, back to RGB with TensorFlow's float32 formulas. Float
        /// images relative to the range minimum (bit for bit TensorFlow's on [0, 1]); bytes on 0-255, rounded half to even
        /// (within 1 level of TensorFlow's uint8 path). Alpha is kept; delta 0 leaves the image as it is.</summary>
        /// <exception cref="System.ArgumentException">delta can draw a value outside [-1, 1]; when run, a 1-channel image.</exception>
        [<CompiledName ("Hue")>]
        val hue: delta: Sampler -> Aug
        
        /// <summary>albumentations' <c>RGBShift</c>: adds a shift drawn from each of <paramref name="r"/>, <paramref name="g"/>
        /// and <paramref name="b"/> (levels of a 0-255 scale; on a float image <c>shift / 255</c> of the range width, as
        /// albumentations scales its limits for [0, 1] images) to that channel, saturating; bytes round half to even (exact
        /// for whole shifts; albumentations adds whole or fractional levels in float and clips). Alpha is kept.</summary>
        /// <exception cref="System.ArgumentException">A sampler can draw a value outside [-255, 255]; when run, a 1-channel image.</exception>
        [<CompiledName ("RGBShift")>]
        val rgbShift: r: Sampler -> g: Sampler -> b: Sampler -> Aug
        
        /// <summary>albumentations' <c>ChannelShuffle</c>: the image's channels (all of them, alpha included, as albumentations
        /// permutes the last axis) in a uniformly random order, drawn by a Fisher–Yates shuffle from the seed.</summary>
        [<CompiledName ("ChannelShuffle")>]
        val channelShuffle: Aug
        
        /// <summary>albumentations' <c>ChannelDropout(channel_drop_range=(minDrop, maxDrop), fill=fill)</c>: draws how many
        /// channels to drop uniformly in [minDrop, maxDrop], then which (distinct, uniformly, every channel a candidate),
        /// and sets them to <paramref name="fill"/> (value units, clamped to the range). At least one channel stays:
        /// maxDrop must be below the channel count, as albumentations requires.</summary>
        /// <exception cref="System.ArgumentException">minDrop &lt; 1 or maxDrop &lt; minDrop or fill not finite; when run,
        /// a 1-channel image or maxDrop not below the channel count.</exception>
        [<CompiledName ("ChannelDropout")>]
        val channelDropout: minDrop: int -> maxDrop: int -> fill: float -> Aug
        
        /// <summary>albumentations' <c>ToGray</c> with 3 output channels (the gray replicated over R, G and B; alpha kept; a
        /// 1-channel image is left as it is), by <paramref name="method"/>: <c>WeightedAverage</c> (BT.601, the same as
        /// <c>Ops.grayscale</c>), <c>Average</c> (<c>(R + G + B) / 3</c>), <c>Max</c> and <c>Desaturation</c>
        /// (<c>(max + min) / 2</c>), in float32; <c>FromLab</c> (CIE L* of sRGB, as the L channel of OpenCV's
        /// <c>COLOR_RGB2LAB</c>) and <c>Pca</c> (the first principal component of the pixel colours, scaled min-max, as
        /// albumentations' pca method), in double; bytes round half to even (albumentations' uint8 paths round or truncate
        /// by method, and OpenCV's Lab is fixed point: within 1 level).</summary>
        /// <exception cref="System.ArgumentException">method is not one of the six.</exception>
        [<CompiledName ("ToGray")>]
        val toGray: method: Native.GrayMethod -> Aug
        
        /// <summary>albumentations' <c>ToSepia</c>: each RGB pixel times the sepia matrix
        /// [[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]] in float32, clipped to the range (float
        /// images relative to the range minimum); bytes round half to even, albumentations' <c>cv2.transform</c> rounds too.
        /// Alpha is kept.</summary>
        [<CompiledName ("ToSepia")>]
        val toSepia: Aug
        
        /// <summary>PIL's <c>ImageOps.autocontrast</c> table (cutoff 0, no ignore) for one channel's histogram: lo and hi
        /// are the lowest and highest non-empty bins; identity when hi &lt;= lo; else <c>scale = 255 / (hi - lo)</c>,
        /// <c>offset = -lo * scale</c> and entry i is <c>int(i * scale + offset)</c> (truncated, in double) clamped to [0, 255].</summary>
        val autoContrastTable: hist: System.ReadOnlySpan<int64> -> byte array
        
        /// <summary>PIL's <c>ImageOps.autocontrast(image, cutoff=0)</c> per channel (byte images; PIL also treats each band of
        /// an RGB image on its own): the channel's lowest value maps to 0 and its highest to 255, linearly, truncated as PIL
        /// truncates; a flat channel is left as it is. Bit for bit PIL's table.</summary>
        [<CompiledName ("AutoContrast")>]
        val autoContrast: Aug
        
        /// <summary>PIL's <c>ImageEnhance.Sharpness(image).enhance(factor)</c> (torchvision's <c>adjust_sharpness</c> is the
        /// same rule) with factor drawn from <paramref name="factor"/>: <c>s + factor (x - s)</c>, where s is the image
        /// filtered by <c>ImageFilter.SMOOTH</c> ([[1,1,1],[1,5,1],[1,1,1]] / 13) and border pixels keep their value, as PIL's
        /// 3x3 filter copies them. Float32 arithmetic; bytes round half to even where PIL truncates twice (filter and blend):
        /// within 1 level. Factor 0 blurs, 1 is the identity, 2 sharpens.</summary>
        /// <exception cref="System.ArgumentException">factor can draw a value outside [-1000, 1000].</exception>
        [<CompiledName ("Sharpness")>]
        val sharpness: factor: Sampler -> Aug
        
        /// <summary>AlexNet's PCA lighting constants for ImageNet RGB in [0, 1] (Krizhevsky et al. 2012, as published in
        /// fb.resnet.torch's <c>transforms.lua</c> and used by timm and GluonCV): eigenvalues, and eigenvectors as columns
        /// of a row-major 3x3 matrix (row = R, G, B).</summary>
        val pcaEigenvalues: float array
        
        /// <summary>The eigenvectors of <c>pcaEigenvalues</c>: <c>pcaEigenvectors.[3 * c + k]</c> is component k's weight in channel c.</summary>
        val pcaEigenvectors: float array
        
        /// <summary>AlexNet's "fancy PCA" lighting (Krizhevsky et al. 2012; fb.resnet.torch's <c>Lighting(0.1, eigval,
        /// eigvec)</c>): three weights <c>alpha_k ~ N(0, sigma)</c> from the seed, then every pixel gets
        /// <c>sum_k eigvec[c][k] * alpha_k * eigval[k]</c> added to channel c, scaled by the range width (the constants are for
        /// [0, 1] images), saturating; bytes round half to even. Uses ImageNet's published eigenvalues and eigenvectors
        /// (<c>Ops.pcaEigenvalues</c>, <c>Ops.pcaEigenvectors</c>); albumentations' <c>FancyPCA</c> computes a PCA of each
        /// image instead, which this op does not. Alpha is kept.</summary>
        /// <exception cref="System.ArgumentException">sigma is negative, above 10 or not finite; when run, a 1-channel image.</exception>
        [<CompiledName ("FancyPCA")>]
        val fancyPca: sigma: float -> Aug
        
        /// <summary>albumentations' <c>RandomBrightnessContrast(brightness_limit, contrast_limit, brightness_by_max=True)</c>:
        /// <c>alpha = 1 + c</c> with c drawn from <paramref name="contrast"/>, <c>beta</c> drawn from
        /// <paramref name="brightness"/>, and <c>alpha * x + beta * max</c>. On bytes the table is albumentations' exactly:
        /// <c>float32(i) * alpha + float32(beta * 255)</c>, clipped and truncated. On float images, relative to the range:
        /// <c>(x - min) * alpha + min + beta * (max - min)</c>, clamped (albumentations' formula on [0, 1]).</summary>
        /// <exception cref="System.ArgumentException">brightness can draw outside [-100, 100], or 1 + contrast outside [0, 100].</exception>
        [<CompiledName ("RandomBrightnessContrast")>]
        val randomBrightnessContrast:
          brightness: Sampler -> contrast: Sampler -> Aug
        
        /// <summary>Converts to float32 in [<paramref name="min"/>, <paramref name="max"/>], mapping the value range linearly,
        /// with the same float32 arithmetic as <c>Image.ToFloat32</c> (so the same bits): bytes 0 to 255 to
        /// <c>min + x * (max - min) / 255</c> (albumentations' <c>ToFloat(max_value=255)</c> and
        /// <c>tf.image.convert_image_dtype</c> for [0, 1], which multiply by <c>1 / 255</c>: within 1 ulp). Later ops see
        /// the float image and its range.</summary>
        /// <exception cref="System.ArgumentException">min and max are not finite float32 with min &lt; max.</exception>
        [<CompiledName ("ToFloat32")>]
        val toFloat32: min: float -> max: float -> Aug
        
        /// <summary>Converts a float image to bytes: the value range maps linearly to [0, 255], rounded half to even and
        /// saturated, the same bits as <c>Image.ToByte</c> (albumentations' <c>FromFloat(max_value=255)</c> truncates
        /// instead, and <c>tf.image.convert_image_dtype</c> truncates <c>x * 255.5</c>: within 1 level). A byte image is left
        /// as it is.</summary>
        [<CompiledName ("ToByte")>]
        val toByte: Aug
        
        /// <summary>albumentations' <c>Normalize(mean, std, max_pixel_value)</c> generalised to any value range: per channel
        /// <c>(x - (min + mean * (max - min))) * (1 / (std * (max - min)))</c> in float32, written as a float32 image. On
        /// bytes this is albumentations' formula with <c>max_pixel_value = 255</c> (it too multiplies by the reciprocal);
        /// on [0, 1] images it is torchvision's <c>Normalize(mean, std)</c> up to that reciprocal (within 1 ulp). The
        /// output's declared range is the image of the input range (the extremes over the channels), so later ops clamp
        /// to it; ImageNet's values are mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225). One value applies to every
        /// channel.</summary>
        /// <exception cref="System.ArgumentException">mean and std are not 1, 3 or 4 values of the same count, a std is not in
        /// [1e-6, 1e6]; when run, their count is neither 1 nor the channel count.</exception>
        [<CompiledName ("Normalize")>]
        val normalize: mean: float array -> std: float array -> Aug
        
        /// <summary>Keras' <c>Rescaling(scale, offset)</c>: <c>x * scale + offset</c> in float32, written as a float32 image
        /// whose declared range is the image of the input range (<c>Rescaling(1/255)</c> takes bytes to [0, 1];
        /// <c>Rescaling(1/127.5, -1)</c> to [-1, 1]).</summary>
        /// <exception cref="System.ArgumentException">scale is 0 or outside [-1e6, 1e6], or offset outside [-1e6, 1e6].</exception>
        [<CompiledName ("Rescaling")>]
        val rescaling: scale: float -> offset: float -> Aug
        
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
        [<CompiledName ("CLAHE")>]
        val clahe: clipLimit: Sampler -> tilesX: int -> tilesY: int -> Aug
        
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
        [<CompiledName ("ColorJitter")>]
        val colorJitter:
          brightness: float ->
            contrast: float -> saturation: float -> hue: float -> Aug
        
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
        [<CompiledName ("HueSaturationValue")>]
        val hueSaturationValue:
          hueShift: Sampler -> satShift: Sampler -> valShift: Sampler -> Aug
        
        /// <summary>kornia's <c>RandomPlanckianJitter(mode)</c> (Zini et al., "Planckian Jitter", ICLR 2023): a row of the
        /// published table drawn uniformly (blackbody: 25 rows, 3000 K to 15000 K by 500 K; CIED: 23 rows, 4000 K to 15000 K),
        /// then R times <c>R_row / G_row</c> and B times <c>B_row / G_row</c> (float32 quotients, as kornia divides its float32
        /// table), G unchanged, clamped to the value range (kornia clamps at 1 on its [0, 1] floats). The product is taken
        /// relative to the range minimum, so a [0, 1] image is kornia's bit for bit; bytes are a table per channel, rounded
        /// half to even (kornia takes floats only). A point map: it fuses with the other point ops. Alpha is kept.</summary>
        /// <exception cref="System.ArgumentException">mode is not Blackbody or Cied; when run, a 1-channel image.</exception>
        [<CompiledName ("PlanckianJitter")>]
        val planckianJitter: mode: Native.PlanckianMode -> Aug
        
        /// <summary>albumentations' <c>create_motion_kernel(size, angle, direction, allow_shifted=False)</c>, normalised as
        /// <c>MotionBlur.get_params</c> does: with <c>c = size / 2</c> and <c>t</c> the <c>2 size</c> points of
        /// <c>numpy.linspace(-c, c, 2 size)</c>, scaled by <c>1 + |direction|</c> and negated when direction &lt; 0, the
        /// cells <c>(round(c + sin(angle) t), round(c + cos(angle) t))</c> (half to even, clipped to the kernel) are set;
        /// each set cell weighs <c>1f / count</c>. Row-major, size x size.</summary>
        val motionKernel:
          size: int -> angle: float -> direction: float -> float32 array
        
        /// <summary>Motion blur as albumentations' <c>MotionBlur(blur_limit=(minSize, maxSize), angle_range, direction_range,
        /// allow_shifted=False)</c>: an odd kernel size from [minSize, maxSize] (<c>sample_odd_from_range</c>), an angle in
        /// degrees and a direction in [-1, 1] drawn from the samplers, the line kernel of <c>Ops.motionKernel</c>, and
        /// <c>cv2.filter2D</c> (correlation, anchor at the centre, <c>BORDER_REFLECT_101</c>). Accumulates in float32
        /// (<c>FilterKernels.Filter2D</c>), so a byte result can differ from OpenCV's by 1 where the exact value lies
        /// within float32 error of a half; floats are clamped to the value range. The kernel is never shifted off centre
        /// (albumentations' <c>allow_shifted=True</c> default is not offered).</summary>
        /// <exception cref="System.ArgumentException">A size outside [3, 99], maxSize &lt; minSize, or a direction sampler
        /// outside [-1, 1].</exception>
        [<CompiledName ("MotionBlur")>]
        val motionBlur:
          minSize: int ->
            maxSize: int -> angle: Sampler -> direction: Sampler -> Aug
        
        /// <summary>albumentations' defocus kernel (<c>albumentations.augmentations.blur.functional.defocus</c>): on the grid
        /// <c>-R .. R</c> with <c>R = max(8, radius)</c>, the disc <c>x^2 + y^2 &lt;= radius^2</c> normalised to sum 1, then
        /// Gaussian-blurred as <c>cv2.GaussianBlur(disc, (k, k), aliasBlur)</c> with <c>k = 3</c> for radius &lt;= 8, else 5
        /// (weights <c>FilterKernels.GaussianKernel</c>, border reflect-101), in double and rounded to float32. Returns the
        /// side (2R + 1) and the weights, row-major.</summary>
        val defocusKernel:
          radius: int -> aliasBlur: float -> int * float32 array
        
        /// <summary>Defocus blur as albumentations' <c>Defocus(radius=(minRadius, maxRadius), alias_blur)</c>: an integer
        /// radius drawn uniformly from [minRadius, maxRadius], a Gaussian sigma from <paramref name="aliasBlur"/>, the kernel
        /// of <c>Ops.defocusKernel</c> and one <c>cv2.filter2D</c> pass (reflect-101) through <c>FilterKernels.Filter2D</c>
        /// (float32 accumulation: bytes within 1 of albumentations, floats clamped to the value range).</summary>
        /// <exception cref="System.ArgumentException">A radius outside [1, 49], maxRadius &lt; minRadius, or aliasBlur can
        /// draw a sigma outside (0, 50].</exception>
        [<CompiledName ("Defocus")>]
        val defocus:
          minRadius: int -> maxRadius: int -> aliasBlur: Sampler -> Aug
        
        /// <summary>Multiplicative noise as albumentations' <c>MultiplicativeNoise(multiplier=(low, high), per_channel,
        /// elementwise)</c>: <c>x * m</c> with m uniform in [low, high]; bytes round half to even and saturate, floats are
        /// clamped to the value range (the product is of the value itself, so for a range that does not start at 0 the
        /// noise is relative to 0, as albumentations' on its [0, 1] floats). Not element-wise: one m (or one per channel)
        /// drawn with the parameters, a point map that fuses into byte tables. Element-wise: every pixel (or, per channel,
        /// every sample) gets its own m from Philox by index (<c>NoiseKernels.MultiplyUniform</c>), from a seed recorded in
        /// the trace, so the bits do not depend on threads or paths.</summary>
        /// <exception cref="System.ArgumentException">low is not in [0, 1000] or high is not in [low, 1000].</exception>
        [<CompiledName ("MultiplicativeNoise")>]
        val multiplicativeNoise:
          low: float ->
            high: float -> perChannel: bool -> elementwise: bool -> Aug
        
        /// <summary>Salt-and-pepper noise as albumentations' <c>SaltAndPepper(amount, salt_vs_pepper)</c>: the fraction of
        /// noisy pixels and the share of salt among them are drawn from the samplers; noisy pixels take the range maximum
        /// (salt) or minimum (pepper) on every channel. albumentations picks exactly <c>int(H W amount)</c> pixels without
        /// replacement; here each pixel decides on its own from Philox by pixel index (<c>NoiseKernels.SaltAndPepper</c>),
        /// so the count is binomial with that mean, and the bits do not depend on threads or paths.</summary>
        /// <exception cref="System.ArgumentException">A sampler can draw a value outside [0, 1].</exception>
        [<CompiledName ("SaltAndPepper")>]
        val saltAndPepper: amount: Sampler -> saltVsPepper: Sampler -> Aug
        
        /// <summary>Downscaling as albumentations' <c>Downscale(scale_range, interpolation_pair)</c>: a scale drawn from
        /// <paramref name="scale"/>, a resize to <c>round(W scale) x round(H scale)</c> (half to even, at least 1) with
        /// <paramref name="down"/> (Nearest, Bilinear or Area), then back to W x H with <paramref name="up"/> (Nearest or
        /// Bilinear), both with half-pixel centres as <c>cv2.resize</c>. OpenCV maps with the given fx where this maps with
        /// the rounded size's ratio (a difference below one source pixel's footprint). Both resizes run inside one image
        /// kernel in float32 and bytes round once at the end (albumentations converts bytes to float for the same reason):
        /// as two warp steps the planner would compose them into one near-identity matrix and the loss of detail, the point
        /// of the op, would vanish. Boxes, mask and keypoints are unchanged.</summary>
        /// <exception cref="System.ArgumentException">scale can draw a value outside (0, 1], or up is Area.</exception>
        [<CompiledName ("Downscale")>]
        val downscale:
          scale: Sampler ->
            down: Native.Interpolation -> up: Native.Interpolation -> Aug
        
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
        [<CompiledName ("ImageCompression")>]
        val imageCompression:
          compression: Native.CompressionType ->
            minQuality: int -> maxQuality: int -> Aug
        
        /// <summary>Glass blur as albumentations' <c>GlassBlur(sigma, max_delta, iterations, mode="fast")</c>: the Gaussian blur
        /// of <c>Ops.gaussianBlur</c> (<c>cv2.GaussianBlur</c> with ksize (0, 0), reflect-101; bytes rounded, as OpenCV's
        /// uint8 result), then <paramref name="iterations"/> rounds of albumentations' vectorised pixel swaps in its order
        /// (<c>GlassKernels.Swap</c>), then the same blur again. albumentations draws the offsets with numpy's
        /// <c>integers(-max_delta, max_delta)</c>; here swap k of iteration i takes its offsets from Philox block
        /// <c>k * iterations + i</c> of a seed the op draws and records in the trace (<c>GlassKernels.Offset</c>), so the bits
        /// do not depend on threads or paths (the same distribution, not numpy's numbers). Images no larger than
        /// <c>2 max_delta</c> on a side are only blurred twice.</summary>
        /// <exception cref="System.ArgumentException">sigma is not in (0, 50], maxDelta not 1 to 64, or iterations not 1 to 64.</exception>
        [<CompiledName ("GlassBlur")>]
        val glassBlur: sigma: float -> maxDelta: int -> iterations: int -> Aug
        
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
        [<CompiledName ("ISONoise")>]
        val isoNoise: colorShift: Sampler -> intensity: Sampler -> Aug
        
        /// <summary>The occlusion map of rectangles: one byte per pixel, 1 inside some [x0, x1) x [y0, y1) (clipped to the
        /// image) of the flat array <c>[x0, y0, x1, y1, ...]</c>.</summary>
        val rectMap: width: int -> height: int -> holes: int array -> byte array
        
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
        [<CompiledName ("CoarseDropoutWith")>]
        val coarseDropoutWith:
          filter: BoxFilter ->
            minHoles: int ->
            maxHoles: int ->
            holeHeight: Sampler ->
            holeWidth: Sampler -> fill: float -> maskFill: int -> Aug
        
        /// <summary>CoarseDropout with <c>BoxFilter.Default</c> (every box kept): see <c>coarseDropoutWith</c>.</summary>
        [<CompiledName ("CoarseDropout")>]
        val coarseDropout:
          minHoles: int ->
            maxHoles: int ->
            holeHeight: Sampler ->
            holeWidth: Sampler -> fill: float -> maskFill: int -> Aug
        
        /// <summary>CoarseDropout (Cutout) with hole sizes in pixels, as albumentations' integer <c>hole_height_range</c> and
        /// <c>hole_width_range</c>: heights uniform in [minHeight, maxHeight] and widths in [minWidth, maxWidth], clipped to
        /// the image; otherwise as <c>coarseDropout</c> (every box kept).</summary>
        /// <exception cref="System.ArgumentException">As <c>coarseDropoutWith</c>, or a size range that is not 1 &lt;= min &lt;= max.</exception>
        [<CompiledName ("CoarseDropoutPixels")>]
        val coarseDropoutPixels:
          minHoles: int ->
            maxHoles: int ->
            minHeight: int ->
            maxHeight: int ->
            minWidth: int ->
            maxWidth: int -> fill: float -> maskFill: int -> Aug
        
        /// <summary>torchvision's <c>RandomErasing.get_params</c>: up to 10 tries k (child k of the seed: four uniforms) of
        /// an area <c>H W s</c> with s uniform in [scaleLow, scaleHigh] and a log-uniform ratio r in [ratioLow, ratioHigh];
        /// <c>h = round(sqrt(area r))</c>, <c>w = round(sqrt(area / r))</c> (half to even, as Python's round); the first with
        /// <c>h &lt; H</c> and <c>w &lt; W</c> is placed at a uniform top <c>i</c> in [0, H - h] and left <c>j</c> in
        /// [0, W - w]. None fits: no rectangle. Returns [j, i, j + w, i + h] or an empty array.</summary>
        val erasingRect:
          seed: Seed ->
            width: int ->
            height: int ->
            scaleLow: float * scaleHigh: float ->
              ratioLow: float * ratioHigh: float -> int array
        
        /// <summary>Random erasing as torchvision's <c>RandomErasing(p=1, scale, ratio, value)</c> (defaults there: scale
        /// 0.02 to 0.33, ratio 0.3 to 3.3, value 0): the rectangle of <c>Ops.erasingRect</c> takes <paramref name="value"/>
        /// (value units, clamped to the range) on every channel; after 10 failed tries nothing changes, as torchvision returns
        /// the image. Wrap in <c>Aug.maybe</c> for torchvision's p. torchvision's <c>value="random"</c> (per-pixel normal
        /// noise) is not offered. Mask, boxes and keypoints pass through (torchvision v2 passes them through too).</summary>
        /// <exception cref="System.ArgumentException">Scale bounds not in (0, 1] and ordered, ratio bounds not positive and
        /// ordered, or a value that is not finite.</exception>
        [<CompiledName ("RandomErasing")>]
        val randomErasing:
          scaleLow: float ->
            scaleHigh: float ->
            ratioLow: float -> ratioHigh: float -> value: float -> Aug
        
        /// <summary>albumentations (1.x) <c>GridDropout</c> holes: unit side <c>u</c>, hole side <c>int(u ratio)</c> (no holes
        /// when 0), hole (a, b) for a in 0 .. W / u and b in 0 .. H / u at <c>x0 = min(shiftX + u a, W)</c>,
        /// <c>y0 = min(shiftY + u b, H)</c>, clipped to the image. Returns the flat [x0, y0, x1, y1, ...] of non-empty holes.</summary>
        val gridHoles:
          width: int ->
            height: int ->
            unit: int -> ratio: float -> shiftX: int -> shiftY: int -> int array
        
        /// <summary>GridDropout as albumentations' (1.x) <c>GridDropout(ratio, unit_size_min, unit_size_max, shift_x, shift_y,
        /// random_offset, fill_value, mask_fill_value)</c>: a square unit side uniform in [unitMin, unitMax] (at most the
        /// shorter side); the shift uniform in [0, unit - hole] on each axis with <paramref name="randomOffset"/>, else
        /// <paramref name="shiftX"/>, <paramref name="shiftY"/> clamped to that range; holes of <c>Ops.gridHoles</c> take
        /// <paramref name="fill"/>, the mask <paramref name="maskFill"/> (-1 leaves it). Boxes and keypoints are kept.</summary>
        /// <exception cref="System.ArgumentException">ratio not in (0, 1], unitMin &lt; 2 or unitMax &lt; unitMin, a negative
        /// shift, a fill that is not finite, maskFill outside [-1, 255]; or, when run, unitMax over the shorter side.</exception>
        [<CompiledName ("GridDropout")>]
        val gridDropout:
          ratio: float ->
            unitMin: int ->
            unitMax: int ->
            randomOffset: bool ->
            shiftX: int -> shiftY: int -> fill: float -> maskFill: int -> Aug
        
        /// <summary>XYMasking as albumentations' <c>XYMasking(num_masks_x, num_masks_y, mask_x_length, mask_y_length, fill,
        /// fill_mask)</c> with pixel lengths: <paramref name="numX"/> stripes of full height, each of a width uniform in
        /// [minLengthX, maxLengthX] at a left edge uniform in [0, W - width] (stripe k from child k of the seed), then
        /// <paramref name="numY"/> stripes of full width likewise (children numX + k). Stripes take <paramref name="fill"/>,
        /// the mask <paramref name="maskFill"/> (-1 leaves it); boxes and keypoints are kept.</summary>
        /// <exception cref="System.ArgumentException">A negative count, a length range that is not 0 &lt;= min &lt;= max, a fill
        /// that is not finite, maskFill outside [-1, 255]; or, when run, a maximum length over the side.</exception>
        [<CompiledName ("XYMasking")>]
        val xyMasking:
          numX: int ->
            minLengthX: int ->
            maxLengthX: int ->
            numY: int ->
            minLengthY: int ->
            maxLengthY: int -> fill: float -> maskFill: int -> Aug
        
        /// <summary>KerasCV's GridMask map (<c>keras_cv/layers/preprocessing/grid_mask.py</c>, <c>_compute_grid_mask</c> and
        /// <c>augment_image</c>) for a W x H image: on an L x L mask with <c>L = ceil(sqrt(W^2 + H^2))</c>, squares of side
        /// <c>ratio * unit</c> whose far corners sit at <c>k * unit - delta</c> (k = 1 .. L // unit + 1) on each axis, a
        /// pixel index m covered when <c>x0 &lt;= m &lt; x1</c> (<c>fill_utils.corners_to_mask</c>); the mask is turned by
        /// <c>angle</c> degrees with Keras' <c>RandomRotation</c> transform (output (x, y) reads input
        /// <c>(cos x - sin y + ox, sin x + cos y + oy)</c> about the pixel-index centre, bilinear, zeros outside) and centre
        /// cropped (offsets <c>int((L - H) / 2)</c>, <c>int((L - W) / 2)</c>); a pixel is occluded where the rotated mask is
        /// not zero. Computed in double (KerasCV in float32).</summary>
        val gridMaskMap:
          width: int ->
            height: int ->
            unit: float ->
            ratio: float ->
            deltaX: float -> deltaY: float -> angle: float -> byte array
        
        /// <summary>GridMask (Chen et al. 2020) as KerasCV's <c>GridMask(ratio_factor, rotation_factor, fill_mode="constant",
        /// fill_value)</c>: ratio from <paramref name="ratio"/> (KerasCV's default (0, 0.5)), the unit uniform in
        /// <c>[min(H/2, 0.3 W), max(H/2, 0.3 W) + 1)</c>, offsets uniform in [0, unit), an angle uniform in
        /// <c>[-rotationFactor, rotationFactor] * 360</c> degrees (KerasCV's fraction of 2 pi), and the map of
        /// <c>Ops.gridMaskMap</c>; occluded pixels take <paramref name="fill"/> (value units, clamped to the range; KerasCV's
        /// 0 to 255 on byte images). Equal to KerasCV's map except on pixels whose bilinear weight is within float32 error
        /// of 0. KerasCV's <c>fill_mode="gaussian_noise"</c> is not offered. Labels, boxes, mask and keypoints pass through,
        /// as in KerasCV.</summary>
        /// <exception cref="System.ArgumentException">ratio can draw outside [0, 1], rotationFactor is not in [0, 1], or fill is not finite.</exception>
        [<CompiledName ("GridMask")>]
        val gridMask:
          ratio: Sampler -> rotationFactor: float -> fill: float -> Aug
        
        /// <summary>MixUp (Zhang et al. 2018; KerasCV <c>MixUp</c>): each sample draws a partner from the rest of the batch
        /// and <c>lambda ~ Beta(alpha, alpha)</c>; the image is <c>lambda * x + (1 - lambda) * partner</c>, the label
        /// the same mixture of probability vectors (so it still sums to 1); boxes and keypoints of both are kept, and
        /// the mask of the heavier image. A batch op: run it with <c>Aug.runBatch</c>.</summary>
        /// <exception cref="System.ArgumentException">alpha is not a finite number &gt; 0.</exception>
        [<CompiledName ("MixUp")>]
        val mixUp: alpha: float -> Aug
        
        /// <summary>CutMix (Yun et al. 2019; KerasCV <c>CutMix</c>): each sample draws a partner and
        /// <c>lambda ~ Beta(alpha, alpha)</c>; a rectangle of side ratio <c>sqrt(1 - lambda)</c> centred uniformly in the
        /// image (clipped to it, in whole pixels) is pasted from the partner. The label weight of this sample is
        /// exactly the fraction of pixels not pasted. Boxes of the partner are clipped to the rectangle; the mask is
        /// pasted with the pixels. A batch op: run it with <c>Aug.runBatch</c>.</summary>
        /// <exception cref="System.ArgumentException">alpha is not a finite number &gt; 0.</exception>
        [<CompiledName ("CutMix")>]
        val cutMix: alpha: float -> Aug
        
        /// <summary>Label smoothing as Keras' <c>label_smoothing</c> (Szegedy et al. 2016): the label becomes
        /// <c>(1 - epsilon) * y + epsilon / K</c> with K its length (<c>Labels.smooth</c>); pixels and every other target pass
        /// through. Run it after MixUp or CutMix as the Keras recipes do; a probability vector stays one.</summary>
        /// <exception cref="System.ArgumentException">epsilon is not in [0, 1].</exception>
        [<CompiledName ("LabelSmoothing")>]
        val labelSmoothing: epsilon: float -> Aug
        
        /// <summary>The four Mosaic quadrants for a W x H output with centre (cx, cy), in the order this sample, partner 0,
        /// partner 1, partner 2 (top-left, top-right, bottom-left, bottom-right): each as
        /// <c>(dstX, dstY, srcX, srcY, width, height)</c>. Ultralytics' <c>load_mosaic</c> placement without scaling: each
        /// image meets the centre with its corner and is cropped to its quadrant (top-left shows its bottom-right part,
        /// top-right its bottom-left, bottom-left its top-right, bottom-right its top-left).</summary>
        val mosaicQuadrants:
          width: int ->
            height: int ->
            cx: int -> cy: int -> (int * int * int * int * int * int) array
        
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
        [<CompiledName ("Mosaic")>]
        val mosaic: Aug
        
        /// <summary>torchvision's AutoAugment <c>ShearX</c>: <c>F.affine(shear=[degrees(atan m), 0], center=[0, 0])</c>, i.e.
        /// x' = x - m y, y' = y about the top-left corner, with m drawn from <paramref name="magnitude"/> (a tangent; PIL's
        /// affine data (1, m, 0, 0, 1, 0) of the AutoAugment paper's code). The size is kept; what comes from outside the
        /// source takes the border.</summary>
        /// <exception cref="System.ArgumentException">magnitude can draw outside [-100, 100], Area interpolation, or a fill that is not finite.</exception>
        [<CompiledName ("ShearX")>]
        val shearX:
          magnitude: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>torchvision's AutoAugment <c>ShearY</c>: y' = y - m x, x' = x about the top-left corner, with m drawn
        /// from <paramref name="magnitude"/> (see <c>shearX</c>).</summary>
        /// <exception cref="System.ArgumentException">magnitude can draw outside [-100, 100], Area interpolation, or a fill that is not finite.</exception>
        [<CompiledName ("ShearY")>]
        val shearY:
          magnitude: Sampler ->
            interpolation: Native.Interpolation ->
            border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>Shifts by <paramref name="x"/> pixels right and <paramref name="y"/> down (negative: left, up), keeping
        /// the size: torchvision's TrivialAugmentWide <c>TranslateX</c>/<c>TranslateY</c> (<c>F.affine(translate=[int(m), 0])</c>).
        /// An exact copy; what comes from outside the source takes the border.</summary>
        /// <exception cref="System.ArgumentException">A shift is outside [-65536, 65536], or a fill that is not finite.</exception>
        [<CompiledName ("Shift")>]
        val shift:
          x: int -> y: int -> border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>Shifts by <c>int(xFraction * W)</c> pixels right and <c>int(yFraction * H)</c> down, truncated toward zero
        /// as Python's <c>int</c>: torchvision's AutoAugment and RandAugment <c>TranslateX</c> (magnitude
        /// <c>150 / 331 * W</c> at the top bin) and AugMix's (<c>W / 3</c>). An exact copy.</summary>
        /// <exception cref="System.ArgumentException">A fraction is outside [-1, 1], or a fill that is not finite.</exception>
        [<CompiledName ("ShiftFraction")>]
        val shiftFraction:
          xFraction: float -> yFraction: float -> border: Native.BorderMode -> fill: float -> Aug
        
        /// <summary>PIL's <c>ImageEnhance.Brightness(image).enhance(factor)</c> (torchvision's <c>adjust_brightness</c>):
        /// a blend with black, <c>min + factor (x - min)</c> on the colour channels, with the factor drawn from
        /// <paramref name="factor"/>; 0 is black, 1 the identity. Bytes round half to even where PIL truncates (within 1
        /// level) and saturate.</summary>
        /// <exception cref="System.ArgumentException">factor can draw a value outside [0, 1000].</exception>
        [<CompiledName ("EnhanceBrightness")>]
        val enhanceBrightness:
          factor: Sampler -> Aug
        
        /// <summary>PIL's <c>ImageEnhance.Contrast(image).enhance(factor)</c>: <c>m + factor (x - m)</c> on the colour channels,
        /// where m is the mean of the image's BT.601 gray (the mean of 0.299 R + 0.587 G + 0.114 B; on bytes rounded as
        /// PIL's <c>int(mean + 0.5)</c>; PIL rounds each gray pixel first, so m can differ by one level), with the factor
        /// drawn from <paramref name="factor"/>; 0 is flat gray, 1 the identity. Bytes round half to even and saturate.
        /// Unlike <c>contrast</c> (tf.image, one mean per channel), one gray mean serves every channel.</summary>
        /// <exception cref="System.ArgumentException">factor can draw a value outside [0, 1000].</exception>
        [<CompiledName ("EnhanceContrast")>]
        val enhanceContrast:
          factor: Sampler -> Aug
        
        /// <summary>PIL's <c>ImageEnhance.Color(image).enhance(factor)</c> (torchvision's <c>adjust_saturation</c>, the
        /// <c>Color</c> of AutoAugment and RandAugment): a blend of each RGB pixel with its BT.601 gray g = 0.299 R + 0.587 G
        /// + 0.114 B, <c>g + factor (x - g)</c>, as one 3x3 colour matrix in float32 (PIL rounds g to an integer first: within
        /// 1 level); 0 is gray, 1 the identity. 1-channel images are left as they are; alpha is kept. KerasCV's
        /// <c>RandomColorDegeneration(f)</c> is this op with factor 1 - f.</summary>
        /// <exception cref="System.ArgumentException">factor can draw a value outside [0, 1000].</exception>
        [<CompiledName ("EnhanceColor")>]
        val enhanceColor:
          factor: Sampler -> Aug
        
        /// <summary>KerasCV's <c>Solarization(addition_factor, threshold_factor)</c>: adds the addition (a fraction of the
        /// value range's width, KerasCV's 0 to 255 units / 255) to every value, clips to the range, then inverts every value
        /// at or above <c>min + threshold * (max - min)</c>; both drawn per image. Addition 0 is <c>solarize</c>.</summary>
        /// <exception cref="System.ArgumentException">addition can draw outside [-1, 1], or threshold outside [0, 1].</exception>
        [<CompiledName ("SolarizeAdd")>]
        val solarizeAdd:
          addition: Sampler -> threshold: Sampler -> Aug
        
        /// <summary>Every op the catalogue declares, once each: name, kind, summary and parameter type.</summary>
        val catalogue: OpInfo list
