using Augment.Native.Kernels;

namespace Augment.Native;

/// <summary>
/// Deterministic image functions with no randomness: the functional layer under the random ops.
/// Each validates its input, returns a new image and leaves the input untouched.
/// Conventions follow <c>tf.image</c> and OpenCV (see each member).
/// </summary>
public static class ImageOps
{
    /// <summary>Mirrors left-right: pixel (x, y) moves to (W - 1 - x, y); a point x goes to W - x.</summary>
    public static Image FlipHorizontal(Image image, SimdPath path = SimdPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.ElementType == ElementType.Byte)
        {
            var dst = new byte[image.Length];
            PixelKernels.FlipHorizontal(image.Bytes, dst, image.Width, image.Height, image.Channels, path);
            return Image.OwnBytes(image.Width, image.Height, image.Channels, dst);
        }
        var f = new float[image.Length];
        PixelKernels.FlipHorizontal(image.Floats, f, image.Width, image.Height, image.Channels, path);
        return Image.OwnFloats(image.Width, image.Height, image.Channels, f, image.Range);
    }

    /// <summary>Mirrors top-bottom: pixel (x, y) moves to (x, H - 1 - y); a point y goes to H - y.</summary>
    public static Image FlipVertical(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.ElementType == ElementType.Byte)
        {
            var dst = new byte[image.Length];
            PixelKernels.FlipVertical(image.Bytes, dst, image.Width, image.Height, image.Channels);
            return Image.OwnBytes(image.Width, image.Height, image.Channels, dst);
        }
        var f = new float[image.Length];
        PixelKernels.FlipVertical(image.Floats, f, image.Width, image.Height, image.Channels);
        return Image.OwnFloats(image.Width, image.Height, image.Channels, f, image.Range);
    }

    /// <summary>
    /// Turns by <paramref name="k"/> quarter turns counter-clockwise as <c>numpy.rot90</c> (any integer k, taken mod 4):
    /// for k = 1 a point (x, y) goes to (y, W - x) and the result is H wide and W high.
    /// </summary>
    public static Image Rot90(Image image, int k, SimdPath path = SimdPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(image);
        bool odd = (k & 1) != 0;
        int w = odd ? image.Height : image.Width, h = odd ? image.Width : image.Height;
        if (image.ElementType == ElementType.Byte)
        {
            var dst = new byte[image.Length];
            PixelKernels.Rot90(image.Bytes, dst, image.Width, image.Height, image.Channels, k, path);
            return Image.OwnBytes(w, h, image.Channels, dst);
        }
        var f = new float[image.Length];
        PixelKernels.Rot90(image.Floats, f, image.Width, image.Height, image.Channels, k, path);
        return Image.OwnFloats(w, h, image.Channels, f, image.Range);
    }

    /// <summary>The <paramref name="width"/> x <paramref name="height"/> rectangle whose top-left pixel is (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <exception cref="ArgumentException">The rectangle is empty or not inside the image.</exception>
    public static Image Crop(Image image, int x, int y, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.ElementType == ElementType.Byte)
        {
            var dst = new byte[width > 0 && height > 0 ? width * height * image.Channels : 0];
            PixelKernels.Crop(image.Bytes, dst, image.Width, image.Height, image.Channels, x, y, width, height);
            return Image.OwnBytes(width, height, image.Channels, dst);
        }
        var f = new float[width > 0 && height > 0 ? width * height * image.Channels : 0];
        PixelKernels.Crop(image.Floats, f, image.Width, image.Height, image.Channels, x, y, width, height);
        return Image.OwnFloats(width, height, image.Channels, f, image.Range);
    }

    /// <summary>
    /// Per channel c: <c>clamp((x - subtract[c]) * scale[c] + add[c])</c> to the image's value range
    /// (byte images: computed in float32, rounded half to even).
    /// </summary>
    /// <exception cref="ArgumentException">A coefficient span is not one per channel, or holds a value that is not finite.</exception>
    public static Image ChannelAffine(Image image, ReadOnlySpan<float> subtract, ReadOnlySpan<float> scale, ReadOnlySpan<float> add,
        SimdPath path = SimdPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.ElementType == ElementType.Byte)
        {
            var dst = new byte[image.Length];
            PixelKernels.ChannelAffine(image.Bytes, dst, image.Channels, subtract, scale, add, path);
            return Image.OwnBytes(image.Width, image.Height, image.Channels, dst);
        }
        var f = new float[image.Length];
        PixelKernels.ChannelAffine(image.Floats, f, image.Channels, subtract, scale, add, image.Range, path);
        return Image.OwnFloats(image.Width, image.Height, image.Channels, f, image.Range);
    }

    /// <summary>Adds <paramref name="delta"/> (in the image's value units) to every sample and saturates to the value range,
    /// as <c>tf.image.adjust_brightness</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="delta"/> is not finite.</exception>
    public static Image AdjustBrightness(Image image, float delta, SimdPath path = SimdPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!float.IsFinite(delta)) Throw.Argument(nameof(delta), delta, "a finite number (value units of the image)");
        int c = image.Channels;
        return ChannelAffine(image, Fill(c, 0f), Fill(c, 1f), Fill(c, delta), path);
    }

    /// <summary>Adds one delta per channel (in the image's value units) and saturates to the value range.</summary>
    /// <exception cref="ArgumentException">Not one finite delta per channel.</exception>
    public static Image AddPerChannel(Image image, ReadOnlySpan<float> deltas, SimdPath path = SimdPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (deltas.Length != image.Channels) Throw.Argument(nameof(deltas), $"{deltas.Length} deltas", $"one per channel ({image.Channels})");
        int c = image.Channels;
        return ChannelAffine(image, Fill(c, 0f), Fill(c, 1f), deltas, path);
    }

    /// <summary>
    /// <c>(x - mean_c) * factor + mean_c</c> per channel, with mean_c the channel's mean over the image,
    /// clamped to the value range: <c>tf.image.adjust_contrast</c>, with KerasCV's clipping.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="factor"/> is not finite.</exception>
    public static Image AdjustContrast(Image image, float factor, SimdPath path = SimdPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!float.IsFinite(factor)) Throw.Argument(nameof(factor), factor, "a finite contrast factor (1 leaves the image unchanged)");
        double[] means = image.ElementType == ElementType.Byte
            ? PixelKernels.ChannelMeans(image.Bytes, image.Channels)
            : PixelKernels.ChannelMeans(image.Floats, image.Channels);
        var m = Array.ConvertAll(means, v => (float)v);
        return ChannelAffine(image, m, Fill(image.Channels, factor), m, path);
    }

    /// <summary>Maps each sample x to <c>min + max - x</c> of the value range (255 - x for bytes).</summary>
    public static Image Invert(Image image, SimdPath path = SimdPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(image);
        int c = image.Channels;
        return ChannelAffine(image, Fill(c, 0f), Fill(c, -1f), Fill(c, image.Range.Min + image.Range.Max), path);
    }

    /// <summary>
    /// BT.601 luma (0.299 R + 0.587 G + 0.114 B) written to <paramref name="outputChannels"/> channels: 1, 3
    /// (replicated) or, for an RGBA source, 4 (replicated, alpha kept). A 1-channel image is returned as it is
    /// when 1 channel is asked for.
    /// </summary>
    /// <exception cref="ArgumentException">outputChannels is not 1, 3 or 4, or 4 for a source without alpha.</exception>
    public static Image Grayscale(Image image, int outputChannels, SimdPath path = SimdPath.Auto)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (outputChannels is not (1 or 3 or 4)) Throw.Argument(nameof(outputChannels), outputChannels, "1, 3 or 4 channels");
        if (outputChannels == 4 && image.Channels != 4)
            Throw.Argument(nameof(outputChannels), outputChannels, "1 or 3 for an image with no alpha channel");
        if (image.Channels == 1)
        {
            if (outputChannels != 1) Throw.Argument(nameof(outputChannels), outputChannels, "1 for a 1-channel image (it is already gray)");
            return image;
        }
        int n = image.Width * image.Height * outputChannels;
        if (image.ElementType == ElementType.Byte)
        {
            var dst = new byte[n];
            PixelKernels.Grayscale(image.Bytes, dst, image.Channels, outputChannels, path);
            return Image.OwnBytes(image.Width, image.Height, outputChannels, dst);
        }
        var f = new float[n];
        PixelKernels.Grayscale(image.Floats, f, image.Channels, outputChannels, image.Range, path);
        return Image.OwnFloats(image.Width, image.Height, outputChannels, f, image.Range);
    }

    private static float[] Fill(int n, float v)
    {
        var a = new float[n];
        Array.Fill(a, v);
        return a;
    }
}
