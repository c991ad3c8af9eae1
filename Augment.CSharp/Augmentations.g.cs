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

    /// <summary>Keeps the top <paramref name="bits" /> bits of each value (PIL's <c>posterize</c>); float images are
    /// quantised to 256 levels of their range first.</summary>
    /// <exception cref="System.ArgumentException">bits is not 1 to 8.</exception>
    public static Augmentation Posterize(int bits)
    {
        return Augmentation.Wrap(Augment.Ops.Posterize(bits));
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

    /// <summary>Inverts every value at or above <c>min + threshold * (max - min)</c> (PIL's <c>solarize</c>: threshold
    /// 128 of 255 is 128/255 here).</summary>
    public static Augmentation Solarize(ParameterSampler threshold)
    {
        if (threshold is null) throw new ArgumentNullException(nameof(threshold));
        return Augmentation.Wrap(Augment.Ops.Solarize(threshold.Inner));
    }
}
