namespace Augment.Native;

/// <summary>The element type of an <see cref="Image"/>'s samples.</summary>
public enum ElementType
{
    /// <summary>8-bit unsigned samples; the value range is always [0, 255].</summary>
    Byte,
    /// <summary>32-bit float samples in a declared <see cref="ValueRange"/>.</summary>
    Float32,
}

/// <summary>The closed interval [<see cref="Min"/>, <see cref="Max"/>] an image's samples live in.</summary>
/// <remarks>Colour ops clamp their output to it, as KerasCV's <c>value_range</c> does.</remarks>
public readonly record struct ValueRange
{
    /// <summary>Creates the range [min, max].</summary>
    /// <exception cref="ArgumentException">min or max is not finite, or min &gt;= max.</exception>
    public ValueRange(float min, float max)
    {
        if (!float.IsFinite(min)) Throw.Argument(nameof(min), min, "a finite number");
        if (!float.IsFinite(max)) Throw.Argument(nameof(max), max, "a finite number");
        if (!(min < max)) Throw.Argument(nameof(max), max, $"a number greater than min ({min})");
        Min = min;
        Max = max;
    }

    /// <summary>The lowest value a sample may take.</summary>
    public float Min { get; }
    /// <summary>The highest value a sample may take.</summary>
    public float Max { get; }
    /// <summary><c>Max - Min</c>.</summary>
    public float Width => Max - Min;

    /// <summary>[0, 255], the range of every byte image.</summary>
    public static ValueRange Byte { get; } = new(0f, 255f);
    /// <summary>[0, 1].</summary>
    public static ValueRange Unit { get; } = new(0f, 1f);
    /// <summary>[-1, 1].</summary>
    public static ValueRange Symmetric { get; } = new(-1f, 1f);

    /// <inheritdoc />
    public override string ToString() => $"[{Min}, {Max}]";
}

/// <summary>
/// A dense, interleaved (HWC) image of 1, 3 or 4 channels with byte or float32 samples.
/// Immutable: every operation returns a new image.
/// </summary>
/// <remarks>
/// Sample (row y, column x, channel c) is element <c>(y * Width + x) * Channels + c</c>.
/// Pixel (row i, column j) covers the continuous square [j, j+1) x [i, i+1).
/// </remarks>
public sealed class Image
{
    private readonly byte[]? _bytes;
    private readonly float[]? _floats;

    private Image(int width, int height, int channels, ValueRange range, byte[]? bytes, float[]? floats)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Range = range;
        _bytes = bytes;
        _floats = floats;
    }

    /// <summary>Columns.</summary>
    public int Width { get; }
    /// <summary>Rows.</summary>
    public int Height { get; }
    /// <summary>Channels per pixel: 1, 3 or 4.</summary>
    public int Channels { get; }
    /// <summary>The declared value range ([0, 255] for byte images).</summary>
    public ValueRange Range { get; }
    /// <summary>Whether samples are bytes or float32.</summary>
    public ElementType ElementType => _bytes is not null ? ElementType.Byte : ElementType.Float32;
    /// <summary>Number of samples: <c>Width * Height * Channels</c>.</summary>
    public int Length => Width * Height * Channels;

    /// <summary>The samples of a byte image, HWC.</summary>
    /// <exception cref="InvalidOperationException">The image holds float32 samples.</exception>
    public ReadOnlySpan<byte> Bytes =>
        _bytes ?? throw new InvalidOperationException($"This image holds {ElementType} samples; use Floats.");

    /// <summary>The samples of a float32 image, HWC.</summary>
    /// <exception cref="InvalidOperationException">The image holds byte samples.</exception>
    public ReadOnlySpan<float> Floats =>
        _floats ?? throw new InvalidOperationException($"This image holds {ElementType} samples; use Bytes.");

    /// <summary>Sample (x, y, c) as a float, whatever the element type.</summary>
    public float this[int x, int y, int c]
    {
        get
        {
            if ((uint)x >= (uint)Width) Throw.ArgumentOutOfRange(nameof(x), x, $"0 <= x < {Width}");
            if ((uint)y >= (uint)Height) Throw.ArgumentOutOfRange(nameof(y), y, $"0 <= y < {Height}");
            if ((uint)c >= (uint)Channels) Throw.ArgumentOutOfRange(nameof(c), c, $"0 <= c < {Channels}");
            int i = (y * Width + x) * Channels + c;
            return _bytes is not null ? _bytes[i] : _floats![i];
        }
    }

    /// <summary>Creates a byte image by copying <paramref name="data"/> (HWC).</summary>
    /// <exception cref="ArgumentException">A dimension is not positive, channels is not 1, 3 or 4, or the data length is not width * height * channels.</exception>
    public static Image FromBytes(int width, int height, int channels, ReadOnlySpan<byte> data)
    {
        CheckShape(width, height, channels);
        CheckLength(data.Length, width, height, channels);
        return new Image(width, height, channels, ValueRange.Byte, data.ToArray(), null);
    }

    /// <summary>Creates a float32 image in <paramref name="range"/> by copying <paramref name="data"/> (HWC).</summary>
    /// <exception cref="ArgumentException">Bad shape or length (as <see cref="FromBytes"/>), or a sample that is not finite or lies outside the range.</exception>
    public static Image FromFloats(int width, int height, int channels, ReadOnlySpan<float> data, ValueRange range)
    {
        CheckShape(width, height, channels);
        CheckLength(data.Length, width, height, channels);
        CheckRange(range);
        for (int i = 0; i < data.Length; i++)
        {
            float v = data[i];
            if (!(v >= range.Min && v <= range.Max))
                Throw.Argument(nameof(data), v, $"samples inside the value range {range} (sample {i})");
        }
        return new Image(width, height, channels, range, null, data.ToArray());
    }

    internal static Image OwnBytes(int width, int height, int channels, byte[] data) =>
        new(width, height, channels, ValueRange.Byte, data, null);

    internal static Image OwnFloats(int width, int height, int channels, float[] data, ValueRange range) =>
        new(width, height, channels, range, null, data);

    internal byte[] ByteArray => _bytes!;
    internal float[] FloatArray => _floats!;

    /// <summary>Converts to float32 in <paramref name="range"/>, mapping [0, 255] linearly for byte images
    /// and the current range linearly for float images.</summary>
    public Image ToFloat32(ValueRange range)
    {
        CheckRange(range);
        var dst = new float[Length];
        float scale = range.Width / Range.Width;
        if (_bytes is not null)
        {
            // ColourKernels.AffineToFloat gives these bits: (b - 0) * scale + range.Min is b * scale + range.Min exactly
            // (b - 0 = b, and a sum commutes), never NaN nor -0 (b * scale >= +0, and -0 + +0 = +0), and its
            // MathF.Min(MathF.Max(v, lo), hi) equals Math.Clamp(v, lo, hi) for such v except when hi is -0 and v is +0
            // (MathF.Min gives -0): that range, and a scale that overflowed, keep the loop.
            if (float.IsFinite(scale) && !(range.Max == 0f && float.IsNegative(range.Max)))
            {
                Span<float> sub = stackalloc float[Channels], mul = stackalloc float[Channels], add = stackalloc float[Channels];
                sub.Clear(); mul.Fill(scale); add.Fill(range.Min);
                Kernels.ColourKernels.AffineToFloat(_bytes, dst, Channels, sub, mul, add, range);
            }
            else
                for (int i = 0; i < dst.Length; i++) dst[i] = Math.Clamp(range.Min + _bytes[i] * scale, range.Min, range.Max);
        }
        else
            for (int i = 0; i < dst.Length; i++) dst[i] = Math.Clamp(range.Min + (_floats![i] - Range.Min) * scale, range.Min, range.Max);
        return new Image(Width, Height, Channels, range, null, dst);
    }

    /// <summary>Converts to bytes: maps the value range linearly to [0, 255] and rounds half to even.</summary>
    public Image ToByte()
    {
        if (_bytes is not null) return this;
        var dst = new byte[Length];
        float scale = 255f / Range.Width;
        // ColourKernels.AffineToByte gives these bits: it adds 0, which only turns -0 into +0 (both round to byte 0),
        // and its MathF.Min(MathF.Max(round(y), 0), 255) cast to byte equals the Math.Clamp cast for every float, NaN
        // (which stays NaN in both and casts to 0) and the infinities included. A scale that overflowed keeps the loop.
        if (float.IsFinite(scale))
        {
            Span<float> sub = stackalloc float[Channels], mul = stackalloc float[Channels], add = stackalloc float[Channels];
            sub.Fill(Range.Min); mul.Fill(scale); add.Clear();
            Kernels.ColourKernels.AffineToByte(_floats, dst, Channels, sub, mul, add);
        }
        else
            for (int i = 0; i < dst.Length; i++)
                dst[i] = (byte)Math.Clamp(MathF.Round((_floats![i] - Range.Min) * scale), 0f, 255f);
        return new Image(Width, Height, Channels, ValueRange.Byte, dst, null);
    }

    /// <summary>True when both images have the same shape, element type, range and bit-identical samples.</summary>
    public bool ContentEquals(Image other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Width != other.Width || Height != other.Height || Channels != other.Channels
            || ElementType != other.ElementType || Range != other.Range) return false;
        if (_bytes is not null) return _bytes.AsSpan().SequenceEqual(other._bytes);
        var a = System.Runtime.InteropServices.MemoryMarshal.AsBytes(_floats.AsSpan());
        var b = System.Runtime.InteropServices.MemoryMarshal.AsBytes(other._floats.AsSpan());
        return a.SequenceEqual(b);
    }

    /// <inheritdoc />
    public override string ToString() => $"Image {Width}x{Height}x{Channels} {ElementType} {Range}";

    internal static void CheckShape(int width, int height, int channels)
    {
        if (width <= 0) Throw.Argument(nameof(width), width, "a positive number of columns (an empty image has no pixels to augment)");
        if (height <= 0) Throw.Argument(nameof(height), height, "a positive number of rows (an empty image has no pixels to augment)");
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4 channels");
        if ((long)width * height * channels > Array.MaxLength)
            Throw.Argument(nameof(width), width, $"an image of at most {Array.MaxLength} samples (height {height}, channels {channels})");
    }

    private static void CheckLength(int length, int width, int height, int channels)
    {
        if (length != width * height * channels)
            Throw.Argument("data", length, $"{width * height * channels} samples (width {width} x height {height} x channels {channels})");
    }

    private static void CheckRange(ValueRange range)
    {
        if (!(range.Min < range.Max)) Throw.Argument(nameof(range), range, "a range with Min < Max (default(ValueRange) is empty)");
    }
}
