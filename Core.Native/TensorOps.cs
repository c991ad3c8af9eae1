using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Augment.Native;

/// <summary>How the floats of one image lie in memory.</summary>
public enum TensorLayout
{
    /// <summary>Height, width, channel: the pixels' channels side by side (the layout of <see cref="Image"/>).</summary>
    Hwc,
    /// <summary>Channel, height, width: one plane per channel (PyTorch's and ONNX's image layout).</summary>
    Chw,
}

/// <summary>
/// Tensors out: images normalised with a per-channel mean and standard deviation into floats, one image (HWC or
/// CHW) or a batch (NCHW). Each sample is first mapped from the image's declared value range to [0, 1] (a byte
/// image is divided by 255, as torchvision's <c>ToTensor</c>), then <c>(v - mean[c]) / std[c]</c>. Nothing is
/// clamped: normalised values leave [0, 1] by design. The arithmetic is float32, one multiply and one add per
/// sample, with the per-channel factors computed in float64.
/// </summary>
public static class TensorOps
{
    /// <summary>The number of floats one image gives: width * height * channels.</summary>
    public static int ElementCount(Image image) => NotNull(image, nameof(image)).Length;

    /// <summary>Normalises <paramref name="image"/> into <paramref name="destination"/> in <paramref name="layout"/>;
    /// writes the first <c>image.Length</c> floats and returns that count.</summary>
    /// <exception cref="ArgumentException">mean or std does not have one entry per channel, an entry is not finite, a
    /// std is not positive, or the destination is shorter than <c>image.Length</c>.</exception>
    public static int Normalize(Image image, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, TensorLayout layout, Span<float> destination)
    {
        NotNull(image, nameof(image));
        Span<float> scale = stackalloc float[4];
        Span<float> offset = stackalloc float[4];
        Factors(image.Channels, image.Range, mean, std, scale, offset);
        if (destination.Length < image.Length)
            Throw.Argument(nameof(destination), destination.Length, $"a span of at least {image.Length} floats (width * height * channels)");
        Write(image, scale, offset, layout, destination);
        return image.Length;
    }

    /// <summary>Normalises <paramref name="image"/> into a new array in <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentException">As <see cref="Normalize(Image, ReadOnlySpan{float}, ReadOnlySpan{float}, TensorLayout, Span{float})"/>.</exception>
    public static float[] Normalize(Image image, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, TensorLayout layout)
    {
        var dst = new float[NotNull(image, nameof(image)).Length];
        Normalize(image, mean, std, layout, dst);
        return dst;
    }

    /// <summary>The NCHW shape of a batch: [count, channels, height, width].</summary>
    /// <exception cref="ArgumentException">The batch is empty, an image is null, or the images differ in shape (the
    /// message names the first one that differs from image 0).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] BatchShape(IReadOnlyList<Image> images)
    {
        NotNull(images, nameof(images));
        if (images.Count == 0) Throw.Argument(nameof(images), "an empty batch", "at least one image");
        var first = images[0] ?? throw new ArgumentNullException(nameof(images), "images[0] is null.");
        for (int n = 1; n < images.Count; n++)
        {
            var im = images[n] ?? throw new ArgumentNullException(nameof(images), $"images[{n}] is null.");
            if (im.Width != first.Width || im.Height != first.Height || im.Channels != first.Channels)
                Throw.Argument($"images[{n}]", $"{im.Width}x{im.Height}x{im.Channels}",
                    $"the shape of images[0], {first.Width}x{first.Height}x{first.Channels} (a batch is one shape)");
        }
        long total = (long)images.Count * first.Length;
        if (total > Array.MaxLength) Throw.Argument(nameof(images), $"{total} floats", $"at most {Array.MaxLength} floats in a batch");
        return [images.Count, first.Channels, first.Height, first.Width];
    }

    /// <summary>Normalises a batch of images of one shape into <paramref name="destination"/> in NCHW order (image n's
    /// CHW block at offset n * C * H * W); returns the number of floats written.</summary>
    /// <exception cref="ArgumentException">As <see cref="BatchShape"/> and <see cref="Normalize(Image, ReadOnlySpan{float}, ReadOnlySpan{float}, TensorLayout, Span{float})"/>,
    /// or the destination is shorter than N * C * H * W.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CollateNchw(IReadOnlyList<Image> images, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, Span<float> destination)
    {
        var shape = BatchShape(images);
        int per = shape[1] * shape[2] * shape[3];
        int total = shape[0] * per;
        if (destination.Length < total)
            Throw.Argument(nameof(destination), destination.Length, $"a span of at least {total} floats (N * C * H * W = {shape[0]} * {shape[1]} * {shape[2]} * {shape[3]})");
        Span<float> scale = stackalloc float[4];
        Span<float> offset = stackalloc float[4];
        // Every image of the batch must declare the same range for one set of factors; compute them per image.
        for (int n = 0; n < shape[0]; n++)
        {
            Factors(images[n].Channels, images[n].Range, mean, std, scale, offset);
            Write(images[n], scale, offset, TensorLayout.Chw, destination.Slice(n * per, per));
        }
        return total;
    }

    /// <summary>Normalises a batch of images of one shape into a new <see cref="Tensor{T}"/> of shape [N, C, H, W].</summary>
    /// <exception cref="ArgumentException">As <see cref="CollateNchw(IReadOnlyList{Image}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>.</exception>
    public static Tensor<float> CollateNchw(IReadOnlyList<Image> images, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        var shape = BatchShape(images);
        var data = new float[shape[0] * shape[1] * shape[2] * shape[3]];
        CollateNchw(images, mean, std, data);
        return Tensor.Create(data, [shape[0], shape[1], shape[2], shape[3]]);
    }

    /// <summary>Normalises a batch of images of one shape into the caller's dense tensor <paramref name="destination"/> of
    /// shape [N, C, H, W]; returns it.</summary>
    /// <exception cref="ArgumentException">As <see cref="CollateNchw(IReadOnlyList{Image}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>,
    /// or the tensor's lengths are not [N, C, H, W], or it is not dense.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Tensor<float> CollateNchw(IReadOnlyList<Image> images, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, Tensor<float> destination)
    {
        NotNull(destination, nameof(destination));
        var shape = BatchShape(images);
        var lengths = destination.Lengths;
        bool same = lengths.Length == 4;
        for (int i = 0; same && i < 4; i++) same = lengths[i] == shape[i];
        if (!same)
            Throw.Argument(nameof(destination), "a tensor of lengths [" + string.Join(", ", lengths.ToArray()) + "]",
                $"lengths [{shape[0]}, {shape[1]}, {shape[2]}, {shape[3]}] (N, C, H, W)");
        int total = shape[0] * shape[1] * shape[2] * shape[3];
        if (!destination.IsDense)
            Throw.Argument(nameof(destination), "a strided tensor", "a dense tensor (one contiguous block)");
        // Dense with these lengths: its first element starts N * C * H * W contiguous floats.
        CollateNchw(images, mean, std, MemoryMarshal.CreateSpan(ref destination.GetPinnableReference(), total));
        return destination;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Factors(int channels, ValueRange range, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, Span<float> scale, Span<float> offset)
    {
        if (mean.Length != channels) Throw.Argument(nameof(mean), $"{mean.Length} entries", $"one per channel ({channels})");
        if (std.Length != channels) Throw.Argument(nameof(std), $"{std.Length} entries", $"one per channel ({channels})");
        for (int c = 0; c < channels; c++)
        {
            if (!float.IsFinite(mean[c])) Throw.Argument($"mean[{c}]", mean[c], "a finite number");
            if (!(float.IsFinite(std[c]) && std[c] > 0f)) Throw.Argument($"std[{c}]", std[c], "a finite number > 0");
            // v01 = (v - min) / width; out = (v01 - mean) / std = v * scale + offset.
            double w = range.Width, s = std[c];
            scale[c] = (float)(1.0 / (w * s));
            offset[c] = (float)(-(range.Min / w + mean[c]) / s);
            if (!float.IsFinite(scale[c]) || !float.IsFinite(offset[c]))
                Throw.Argument($"std[{c}]", std[c], $"a standard deviation for which 1 / (range width * std) is a finite float ({range})");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Write(Image image, ReadOnlySpan<float> scale, ReadOnlySpan<float> offset, TensorLayout layout, Span<float> dst)
    {
        int channels = image.Channels, pixels = image.Width * image.Height;
        bool bytes = image.ElementType == ElementType.Byte;
        ReadOnlySpan<byte> b = bytes ? image.Bytes : default;
        ReadOnlySpan<float> f = bytes ? default : image.Floats;
        switch (layout)
        {
            case TensorLayout.Hwc:
                for (int p = 0, i = 0; p < pixels; p++)
                    for (int c = 0; c < channels; c++, i++)
                        dst[i] = (bytes ? b[i] : f[i]) * scale[c] + offset[c];
                break;
            case TensorLayout.Chw:
                for (int c = 0; c < channels; c++)
                {
                    var plane = dst.Slice(c * pixels, pixels);
                    float sc = scale[c], of = offset[c];
                    if (bytes)
                        for (int p = 0; p < pixels; p++) plane[p] = b[p * channels + c] * sc + of;
                    else
                        for (int p = 0; p < pixels; p++) plane[p] = f[p * channels + c] * sc + of;
                }
                break;
            default:
                Throw.Argument(nameof(layout), layout, "TensorLayout.Hwc or TensorLayout.Chw");
                break;
        }
    }

    private static T NotNull<T>(T value, string name) where T : class => value ?? throw new ArgumentNullException(name);
}
