// Generated from the F# op catalogue (the public members of module Augment.Ops that return an Aug) by
//     dotnet fsi build.fsx surface
// which runs: dotnet Properties.Tests/bin/Release/net10.0/linux-x64/Properties.Tests.dll --write-csharp-surface
// Do not edit: the test "the C# surface is generated from the catalogue" compares this file with the generator.

namespace Augment.CSharp;

/// <summary>The op catalogue for C#: each member is an <see cref="Augmentation"/> of one op of the F# module
/// <c>Augment.Ops</c>, with the same name and parameter names.</summary>
public static partial class Augmentations
{
    /// <summary>An affine map about the image centre with each part drawn: turn (degrees), scale, shear along x and
    /// y (degrees), and a shift drawn as a fraction of the width and height (albumentations' <c>Affine</c>).
    /// The size is kept; what comes from outside the source takes the border.</summary>
    public static Augmentation Affine(ParameterSampler degrees, ParameterSampler scale, ParameterSampler shearX, ParameterSampler shearY, ParameterSampler translateX, ParameterSampler translateY, Augment.Native.Interpolation interpolation, Augment.Native.BorderMode border, double fill)
    {
        if (degrees is null) throw new ArgumentNullException(nameof(degrees));
        if (scale is null) throw new ArgumentNullException(nameof(scale));
        if (shearX is null) throw new ArgumentNullException(nameof(shearX));
        if (shearY is null) throw new ArgumentNullException(nameof(shearY));
        if (translateX is null) throw new ArgumentNullException(nameof(translateX));
        if (translateY is null) throw new ArgumentNullException(nameof(translateY));
        return Augmentation.Wrap(Augment.Ops.Affine(degrees.Inner, scale.Inner, shearX.Inner, shearY.Inner, translateX.Inner, translateY.Inner, interpolation, border, fill));
    }

    /// <summary>PIL's <c>ImageOps.autocontrast(image, cutoff=0)</c> per channel (byte images; PIL also treats each band of
    /// an RGB image on its own): the channel's lowest value maps to 0 and its highest to 255, linearly, truncated as PIL
    /// truncates; a flat channel is left as it is. Bit for bit PIL's table.</summary>
    public static Augmentation AutoContrast()
    {
        return Augmentation.Wrap(Augment.Ops.AutoContrast);
    }

    /// <summary>The normalised box filter of <c>cv2.blur(img, (size, size))</c> (albumentations' <c>Blur</c>): the mean
    /// of the size x size window, border reflect-101. The window's anchor is OpenCV's default, <c>size / 2</c> (integer
    /// division): centred for odd sizes, and for even sizes covering <c>x - size/2 .. x + size/2 - 1</c>. Computed as a
    /// separable filter with weights <c>1f / size</c> in float32, so a byte result exactly half-way between two integers
    /// (even sizes only) may round either way, where OpenCV's integer sums round it up.</summary>
    /// <exception cref="System.ArgumentException">size is not 1 to 99.</exception>
    public static Augmentation BoxBlur(int size)
    {
        return Augmentation.Wrap(Augment.Ops.BoxBlur(size));
    }

    /// <summary>Adds <c>factor * (max - min)</c> of the value range, saturating (KerasCV RandomBrightness:
    /// factor in [-1, 1]).</summary>
    public static Augmentation Brightness(ParameterSampler factor)
    {
        if (factor is null) throw new ArgumentNullException(nameof(factor));
        return Augmentation.Wrap(Augment.Ops.Brightness(factor.Inner));
    }

    /// <summary>A central crop with <c>BoxFilter.Default</c>.</summary>
    public static Augmentation CentralCrop(double fraction)
    {
        return Augmentation.Wrap(Augment.Ops.CentralCrop(fraction));
    }

    /// <summary>Keeps the centred <paramref name="fraction" /> of each side (<c>tf.image.central_crop</c>).</summary>
    /// <exception cref="System.ArgumentException">fraction is not in (0, 1].</exception>
    public static Augmentation CentralCropWith(BoxFilter filter, double fraction)
    {
        return Augmentation.Wrap(Augment.Ops.CentralCropWith(filter.ToFSharp(), fraction));
    }

    /// <summary>albumentations' <c>ChannelDropout(channel_drop_range=(minDrop, maxDrop), fill=fill)</c>: draws how many
    /// channels to drop uniformly in [minDrop, maxDrop], then which (distinct, uniformly, every channel a candidate),
    /// and sets them to <paramref name="fill" /> (value units, clamped to the range). At least one channel stays:
    /// maxDrop must be below the channel count, as albumentations requires.</summary>
    /// <exception cref="System.ArgumentException">minDrop &lt; 1 or maxDrop &lt; minDrop or fill not finite; when run,
    /// a 1-channel image or maxDrop not below the channel count.</exception>
    public static Augmentation ChannelDropout(int minDrop, int maxDrop, double fill)
    {
        return Augmentation.Wrap(Augment.Ops.ChannelDropout(minDrop, maxDrop, fill));
    }

    /// <summary>albumentations' <c>ChannelShuffle</c>: the image's channels (all of them, alpha included, as albumentations
    /// permutes the last axis) in a uniformly random order, drawn by a Fisher–Yates shuffle from the seed.</summary>
    public static Augmentation ChannelShuffle()
    {
        return Augmentation.Wrap(Augment.Ops.ChannelShuffle);
    }

    /// <summary><c>(x - mean) * factor + mean</c> per channel, clamped (KerasCV RandomContrast draws factor
    /// from [1 - lower, 1 + upper]).</summary>
    public static Augmentation Contrast(ParameterSampler factor)
    {
        if (factor is null) throw new ArgumentNullException(nameof(factor));
        return Augmentation.Wrap(Augment.Ops.Contrast(factor.Inner));
    }

    /// <summary>CutMix (Yun et al. 2019; KerasCV <c>CutMix</c>): each sample draws a partner and
    /// <c>lambda ~ Beta(alpha, alpha)</c>; a rectangle of side ratio <c>sqrt(1 - lambda)</c> centred uniformly in the
    /// image (clipped to it, in whole pixels) is pasted from the partner. The label weight of this sample is
    /// exactly the fraction of pixels not pasted. Boxes of the partner are clipped to the rectangle; the mask is
    /// pasted with the pixels. A batch op: run it with <c>Aug.runBatch</c>.</summary>
    /// <exception cref="System.ArgumentException">alpha is not a finite number &gt; 0.</exception>
    public static Augmentation CutMix(double alpha)
    {
        return Augmentation.Wrap(Augment.Ops.CutMix(alpha));
    }

    /// <summary>Per-channel histogram equalisation with Pillow's rule (byte images).</summary>
    public static Augmentation Equalize()
    {
        return Augmentation.Wrap(Augment.Ops.Equalize);
    }

    /// <summary>AlexNet's "fancy PCA" lighting (Krizhevsky et al. 2012; fb.resnet.torch's <c>Lighting(0.1, eigval,
    /// eigvec)</c>): three weights <c>alpha_k ~ N(0, sigma)</c> from the seed, then every pixel gets
    /// <c>sum_k eigvec[c][k] * alpha_k * eigval[k]</c> added to channel c, scaled by the range width (the constants are for
    /// [0, 1] images), saturating; bytes round half to even. Uses ImageNet's published eigenvalues and eigenvectors
    /// (<c>Ops.pcaEigenvalues</c>, <c>Ops.pcaEigenvectors</c>); albumentations' <c>FancyPCA</c> computes a PCA of each
    /// image instead, which this op does not. Alpha is kept.</summary>
    /// <exception cref="System.ArgumentException">sigma is negative, above 10 or not finite; when run, a 1-channel image.</exception>
    public static Augmentation FancyPCA(double sigma)
    {
        return Augmentation.Wrap(Augment.Ops.FancyPCA(sigma));
    }

    /// <summary>Mirrors left-right (x goes to W - x). Wrap in <c>Aug.maybe 0.5</c> for a random flip.</summary>
    public static Augmentation FlipHorizontal()
    {
        return Augmentation.Wrap(Augment.Ops.FlipHorizontal);
    }

    /// <summary>Mirrors top-bottom (y goes to H - y).</summary>
    public static Augmentation FlipVertical()
    {
        return Augmentation.Wrap(Augment.Ops.FlipVertical);
    }

    /// <summary><c>gain * x^gamma</c> on the value range scaled to [0, 1], clamped (<c>tf.image.adjust_gamma</c>).</summary>
    public static Augmentation Gamma(ParameterSampler gamma, double gain)
    {
        if (gamma is null) throw new ArgumentNullException(nameof(gamma));
        return Augmentation.Wrap(Augment.Ops.Gamma(gamma.Inner, gain));
    }

    /// <summary>Gaussian blur as OpenCV's <c>cv2.GaussianBlur(img, (0, 0), sigma)</c> on 8-bit images (albumentations'
    /// <c>GaussianBlur</c> with <c>sigma_limit</c>): kernel size <c>round(sigma * 6 + 1) | 1</c> (half to even, as
    /// <c>cvRound</c>; the same rule for float images), weights <c>cv2.getGaussianKernel(ksize, sigma)</c> computed in
    /// double and rounded to float32, applied along rows then columns with border reflect-101 (<c>BORDER_REFLECT_101</c>).
    /// Accumulates in float32; bytes round half to even and saturate, floats are clamped to the value range. A sigma
    /// below 1/12 gives ksize 1, the identity.</summary>
    /// <exception cref="System.ArgumentException">sigma can draw a value outside (0, 50].</exception>
    public static Augmentation GaussianBlur(ParameterSampler sigma)
    {
        if (sigma is null) throw new ArgumentNullException(nameof(sigma));
        return Augmentation.Wrap(Augment.Ops.GaussianBlur(sigma.Inner));
    }

    /// <summary>Additive Gaussian noise as albumentations' <c>GaussNoise(std_range=...)</c>: the standard deviation is
    /// a fraction of the value range's width (of 255 for bytes), drawn once per image; every sample gets its own
    /// <c>N(0, (stddev * (max - min))^2)</c> and the sum saturates to the value range (bytes round half to even). The
    /// noise comes from a seed the op draws (recorded in the trace as <c>Seed</c>): sample i, in HWC order, uses
    /// Philox block i / 2 of that seed's stream and Box–Muller (<c>NoiseKernels</c> documents the formula), so the
    /// bits do not depend on threads or code paths.</summary>
    /// <exception cref="System.ArgumentException">stddev can draw a value outside [0, 1].</exception>
    public static Augmentation GaussianNoise(ParameterSampler stddev)
    {
        if (stddev is null) throw new ArgumentNullException(nameof(stddev));
        return Augmentation.Wrap(Augment.Ops.GaussianNoise(stddev.Inner));
    }

    /// <summary>BT.601 gray that keeps the channel count (replicated; alpha kept), so later ops see the same shape.</summary>
    public static Augmentation Grayscale()
    {
        return Augmentation.Wrap(Augment.Ops.Grayscale);
    }

    /// <summary>BT.601 gray on <paramref name="outputChannels" /> channels (1, 3, or 4 for RGBA).</summary>
    /// <exception cref="System.ArgumentException">outputChannels is not 1, 3 or 4.</exception>
    public static Augmentation GrayscaleTo(int outputChannels)
    {
        return Augmentation.Wrap(Augment.Ops.GrayscaleTo(outputChannels));
    }

    /// <summary><c>tf.image.adjust_hue</c> with a delta (in turns) drawn from <paramref name="delta" /> (as
    /// <c>tf.image.random_hue(max_delta)</c> with <c>Sampler.uniform -max_delta max_delta</c>): per pixel the hue on
    /// [0, 6) of <c>adjust_hue_op.cc</c> plus <c>6 delta</c>, wrapped, back to RGB with TensorFlow's float32 formulas. Float
    /// images relative to the range minimum (bit for bit TensorFlow's on [0, 1]); bytes on 0-255, rounded half to even
    /// (within 1 level of TensorFlow's uint8 path). Alpha is kept; delta 0 leaves the image as it is.</summary>
    /// <exception cref="System.ArgumentException">delta can draw a value outside [-1, 1]; when run, a 1-channel image.</exception>
    public static Augmentation Hue(ParameterSampler delta)
    {
        if (delta is null) throw new ArgumentNullException(nameof(delta));
        return Augmentation.Wrap(Augment.Ops.Hue(delta.Inner));
    }

    /// <summary>Maps x to min + max - x of the value range (255 - x for bytes).</summary>
    public static Augmentation Invert()
    {
        return Augmentation.Wrap(Augment.Ops.Invert);
    }

    /// <summary>The median filter of <c>cv2.medianBlur(img, size)</c> (albumentations' <c>MedianBlur</c>): each channel's
    /// median over the size x size window, border replicate. OpenCV takes float32 images only for sizes 3 and 5; here
    /// float images take every size, with the same definition (the exact middle value of the sorted window).</summary>
    /// <exception cref="System.ArgumentException">size is not odd in [3, 15].</exception>
    public static Augmentation MedianBlur(int size)
    {
        return Augmentation.Wrap(Augment.Ops.MedianBlur(size));
    }

    /// <summary>MixUp (Zhang et al. 2018; KerasCV <c>MixUp</c>): each sample draws a partner from the rest of the batch
    /// and <c>lambda ~ Beta(alpha, alpha)</c>; the image is <c>lambda * x + (1 - lambda) * partner</c>, the label
    /// the same mixture of probability vectors (so it still sums to 1); boxes and keypoints of both are kept, and
    /// the mask of the heavier image. A batch op: run it with <c>Aug.runBatch</c>.</summary>
    /// <exception cref="System.ArgumentException">alpha is not a finite number &gt; 0.</exception>
    public static Augmentation MixUp(double alpha)
    {
        return Augmentation.Wrap(Augment.Ops.MixUp(alpha));
    }

    /// <summary>albumentations' <c>Normalize(mean, std, max_pixel_value)</c> generalised to any value range: per channel
    /// <c>(x - (min + mean * (max - min))) * (1 / (std * (max - min)))</c> in float32, written as a float32 image. On
    /// bytes this is albumentations' formula with <c>max_pixel_value = 255</c> (it too multiplies by the reciprocal);
    /// on [0, 1] images it is torchvision's <c>Normalize(mean, std)</c> up to that reciprocal (within 1 ulp). The
    /// output's declared range is the image of the input range (the extremes over the channels), so later ops clamp
    /// to it; ImageNet's values are mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225). One value applies to every
    /// channel.</summary>
    /// <exception cref="System.ArgumentException">mean and std are not 1, 3 or 4 values of the same count, a std is not in
    /// [1e-6, 1e6]; when run, their count is neither 1 nor the channel count.</exception>
    public static Augmentation Normalize(double[] mean, double[] std)
    {
        if (mean is null) throw new ArgumentNullException(nameof(mean));
        if (std is null) throw new ArgumentNullException(nameof(std));
        return Augmentation.Wrap(Augment.Ops.Normalize(mean, std));
    }

    /// <summary>Keeps the top <paramref name="bits" /> bits of each value (PIL's <c>posterize</c>); float images are
    /// quantised to 256 levels of their range first.</summary>
    /// <exception cref="System.ArgumentException">bits is not 1 to 8.</exception>
    public static Augmentation Posterize(int bits)
    {
        return Augmentation.Wrap(Augment.Ops.Posterize(bits));
    }

    /// <summary>albumentations' <c>RGBShift</c>: adds a shift drawn from each of <paramref name="r" />, <paramref name="g" />
    /// and <paramref name="b" /> (levels of a 0-255 scale; on a float image <c>shift / 255</c> of the range width, as
    /// albumentations scales its limits for [0, 1] images) to that channel, saturating; bytes round half to even (exact
    /// for whole shifts; albumentations adds whole or fractional levels in float and clips). Alpha is kept.</summary>
    /// <exception cref="System.ArgumentException">A sampler can draw a value outside [-255, 255]; when run, a 1-channel image.</exception>
    public static Augmentation RGBShift(ParameterSampler r, ParameterSampler g, ParameterSampler b)
    {
        if (r is null) throw new ArgumentNullException(nameof(r));
        if (g is null) throw new ArgumentNullException(nameof(g));
        if (b is null) throw new ArgumentNullException(nameof(b));
        return Augmentation.Wrap(Augment.Ops.RGBShift(r.Inner, g.Inner, b.Inner));
    }

    /// <summary>albumentations' <c>RandomBrightnessContrast(brightness_limit, contrast_limit, brightness_by_max=True)</c>:
    /// <c>alpha = 1 + c</c> with c drawn from <paramref name="contrast" />, <c>beta</c> drawn from
    /// <paramref name="brightness" />, and <c>alpha * x + beta * max</c>. On bytes the table is albumentations' exactly:
    /// <c>float32(i) * alpha + float32(beta * 255)</c>, clipped and truncated. On float images, relative to the range:
    /// <c>(x - min) * alpha + min + beta * (max - min)</c>, clamped (albumentations' formula on [0, 1]).</summary>
    /// <exception cref="System.ArgumentException">brightness can draw outside [-100, 100], or 1 + contrast outside [0, 100].</exception>
    public static Augmentation RandomBrightnessContrast(ParameterSampler brightness, ParameterSampler contrast)
    {
        if (brightness is null) throw new ArgumentNullException(nameof(brightness));
        if (contrast is null) throw new ArgumentNullException(nameof(contrast));
        return Augmentation.Wrap(Augment.Ops.RandomBrightnessContrast(brightness.Inner, contrast.Inner));
    }

    /// <summary>A random crop that keeps every box with some area left (<c>BoxFilter.Default</c>).</summary>
    public static Augmentation RandomCrop(int width, int height)
    {
        return Augmentation.Wrap(Augment.Ops.RandomCrop(width, height));
    }

    /// <summary>A <paramref name="width" /> x <paramref name="height" /> window at a uniformly random offset
    /// (<c>tf.image.random_crop</c>); boxes are clipped and filtered by <paramref name="filter" />.</summary>
    /// <exception cref="System.ArgumentException">width or height is not positive; or, when run, larger than the image.</exception>
    public static Augmentation RandomCropWith(BoxFilter filter, int width, int height)
    {
        return Augmentation.Wrap(Augment.Ops.RandomCropWith(filter.ToFSharp(), width, height));
    }

    /// <summary>A crop of random area fraction in [scaleLow, scaleHigh] and aspect ratio in [ratioLow, ratioHigh]
    /// (log-uniform), resized to <paramref name="width" /> x <paramref name="height" />: torchvision's
    /// <c>RandomResizedCrop</c> rules (defaults there: scale 0.08 to 1, ratio 3/4 to 4/3).</summary>
    /// <exception cref="System.ArgumentException">A size is not positive, or the scale or ratio bounds are not ordered and positive.</exception>
    public static Augmentation RandomResizedCrop(int width, int height, double scaleLow, double scaleHigh, double ratioLow, double ratioHigh, Augment.Native.Interpolation interpolation)
    {
        return Augmentation.Wrap(Augment.Ops.RandomResizedCrop(width, height, scaleLow, scaleHigh, ratioLow, ratioHigh, interpolation));
    }

    /// <summary>A uniformly random number of quarter turns in {0, 1, 2, 3} (albumentations' RandomRotate90).</summary>
    public static Augmentation RandomRot90()
    {
        return Augmentation.Wrap(Augment.Ops.RandomRot90);
    }

    /// <summary>Keras' <c>Rescaling(scale, offset)</c>: <c>x * scale + offset</c> in float32, written as a float32 image
    /// whose declared range is the image of the input range (<c>Rescaling(1/255)</c> takes bytes to [0, 1];
    /// <c>Rescaling(1/127.5, -1)</c> to [-1, 1]).</summary>
    /// <exception cref="System.ArgumentException">scale is 0 or outside [-1e6, 1e6], or offset outside [-1e6, 1e6].</exception>
    public static Augmentation Rescaling(double scale, double offset)
    {
        return Augmentation.Wrap(Augment.Ops.Rescaling(scale, offset));
    }

    /// <summary>Resizes to <paramref name="width" /> x <paramref name="height" /> with half-pixel centres, as
    /// <c>cv2.resize</c>: <c>Nearest</c>, <c>Bilinear</c> (<c>INTER_LINEAR</c>) or <c>Area</c> (<c>INTER_AREA</c>
    /// when shrinking). Boxes and keypoints scale by (width / W, height / H).</summary>
    /// <exception cref="System.ArgumentException">A size is not in 1 to 65536.</exception>
    public static Augmentation Resize(int width, int height, Augment.Native.Interpolation interpolation)
    {
        return Augmentation.Wrap(Augment.Ops.Resize(width, height, interpolation));
    }

    /// <summary>k quarter turns counter-clockwise (numpy.rot90): a point (x, y) goes to (y, W - x) for k = 1.</summary>
    public static Augmentation Rot90(int k)
    {
        return Augmentation.Wrap(Augment.Ops.Rot90(k));
    }

    /// <summary>Turns by an angle drawn from <paramref name="degrees" /> (counter-clockwise for positive angles) about
    /// the image centre (W/2, H/2), keeping the size: OpenCV's <c>warpAffine</c> with
    /// <c>getRotationMatrix2D((W-1)/2, (H-1)/2)</c>. Corners outside the source take the border.</summary>
    public static Augmentation Rotate(ParameterSampler degrees, Augment.Native.Interpolation interpolation, Augment.Native.BorderMode border, double fill)
    {
        if (degrees is null) throw new ArgumentNullException(nameof(degrees));
        return Augmentation.Wrap(Augment.Ops.Rotate(degrees.Inner, interpolation, border, fill));
    }

    /// <summary><c>tf.image.adjust_saturation</c> with a factor drawn from <paramref name="factor" /> (as
    /// <c>tf.image.random_saturation(lower, upper)</c> with a uniform sampler): per pixel RGB to HSV, the saturation times
    /// the factor clamped to [0, 1], back to RGB, with TensorFlow's float32 formulas (<c>ColourKernels.RgbToHsv</c>).
    /// Float images are taken relative to the range minimum, so on [0, 1] images the result is TensorFlow's bit for
    /// bit; byte images are converted on 0-255 and rounded half to even (TensorFlow converts to [0, 1] and back with
    /// <c>convert_image_dtype</c>, which truncates <c>x * 255.5</c>): within 1 level. Alpha is kept. Factor 1 leaves
    /// the image as it is.</summary>
    /// <exception cref="System.ArgumentException">factor can draw a value outside [0, 1e6]; when run, a 1-channel image.</exception>
    public static Augmentation Saturation(ParameterSampler factor)
    {
        if (factor is null) throw new ArgumentNullException(nameof(factor));
        return Augmentation.Wrap(Augment.Ops.Saturation(factor.Inner));
    }

    /// <summary>PIL's <c>ImageEnhance.Sharpness(image).enhance(factor)</c> (torchvision's <c>adjust_sharpness</c> is the
    /// same rule) with factor drawn from <paramref name="factor" />: <c>s + factor (x - s)</c>, where s is the image
    /// filtered by <c>ImageFilter.SMOOTH</c> ([[1,1,1],[1,5,1],[1,1,1]] / 13) and border pixels keep their value, as PIL's
    /// 3x3 filter copies them. Float32 arithmetic; bytes round half to even where PIL truncates twice (filter and blend):
    /// within 1 level. Factor 0 blurs, 1 is the identity, 2 sharpens.</summary>
    /// <exception cref="System.ArgumentException">factor can draw a value outside [-1000, 1000].</exception>
    public static Augmentation Sharpness(ParameterSampler factor)
    {
        if (factor is null) throw new ArgumentNullException(nameof(factor));
        return Augmentation.Wrap(Augment.Ops.Sharpness(factor.Inner));
    }

    /// <summary>Inverts every value at or above <c>min + threshold * (max - min)</c> (PIL's <c>solarize</c>: threshold
    /// 128 of 255 is 128/255 here).</summary>
    public static Augmentation Solarize(ParameterSampler threshold)
    {
        if (threshold is null) throw new ArgumentNullException(nameof(threshold));
        return Augmentation.Wrap(Augment.Ops.Solarize(threshold.Inner));
    }

    /// <summary>Converts a float image to bytes: the value range maps linearly to [0, 255], rounded half to even and
    /// saturated, the same bits as <c>Image.ToByte</c> (albumentations' <c>FromFloat(max_value=255)</c> truncates
    /// instead, and <c>tf.image.convert_image_dtype</c> truncates <c>x * 255.5</c>: within 1 level). A byte image is left
    /// as it is.</summary>
    public static Augmentation ToByte()
    {
        return Augmentation.Wrap(Augment.Ops.ToByte);
    }

    /// <summary>Converts to float32 in [<paramref name="min" />, <paramref name="max" />], mapping the value range linearly,
    /// with the same float32 arithmetic as <c>Image.ToFloat32</c> (so the same bits): bytes 0 to 255 to
    /// <c>min + x * (max - min) / 255</c> (albumentations' <c>ToFloat(max_value=255)</c> and
    /// <c>tf.image.convert_image_dtype</c> for [0, 1], which multiply by <c>1 / 255</c>: within 1 ulp). Later ops see
    /// the float image and its range.</summary>
    /// <exception cref="System.ArgumentException">min and max are not finite float32 with min &lt; max.</exception>
    public static Augmentation ToFloat32(double min, double max)
    {
        return Augmentation.Wrap(Augment.Ops.ToFloat32(min, max));
    }

    /// <summary>albumentations' <c>ToGray</c> with 3 output channels (the gray replicated over R, G and B; alpha kept; a
    /// 1-channel image is left as it is), by <paramref name="method" />: <c>WeightedAverage</c> (BT.601, the same as
    /// <c>Ops.grayscale</c>), <c>Average</c> (<c>(R + G + B) / 3</c>), <c>Max</c> and <c>Desaturation</c>
    /// (<c>(max + min) / 2</c>), in float32; bytes round half to even (albumentations' uint8 paths round or truncate by
    /// method: within 1 level).</summary>
    /// <exception cref="System.ArgumentException">method is not one of the four.</exception>
    public static Augmentation ToGray(Augment.Native.Kernels.GrayMethod method)
    {
        return Augmentation.Wrap(Augment.Ops.ToGray(method));
    }

    /// <summary>albumentations' <c>ToSepia</c>: each RGB pixel times the sepia matrix
    /// [[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]] in float32, clipped to the range (float
    /// images relative to the range minimum); bytes round half to even, albumentations' <c>cv2.transform</c> rounds too.
    /// Alpha is kept.</summary>
    public static Augmentation ToSepia()
    {
        return Augmentation.Wrap(Augment.Ops.ToSepia);
    }
}
