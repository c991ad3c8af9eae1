using System.Buffers;

namespace Augment.Native;

/// <summary>
/// A mutable HWC pixel buffer that plans run between: rented from a pool for intermediates, or wrapping an
/// exact-size array that becomes an <see cref="Image"/> without a copy, or a read-only view of an image.
/// Not thread-safe; one per running plan.
/// </summary>
public sealed class PixelBuffer
{
    private byte[]? _bytes;
    private float[]? _floats;
    private bool _pooled;

    private PixelBuffer(int width, int height, int channels, ValueRange range, byte[]? bytes, float[]? floats, bool pooled, bool readOnly)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Range = range;
        _bytes = bytes;
        _floats = floats;
        _pooled = pooled;
        IsReadOnly = readOnly;
    }

    /// <summary>Columns.</summary>
    public int Width { get; private set; }
    /// <summary>Rows.</summary>
    public int Height { get; private set; }
    /// <summary>Channels per pixel.</summary>
    public int Channels { get; private set; }
    /// <summary>The declared value range.</summary>
    public ValueRange Range { get; private set; }
    /// <summary>Bytes or float32.</summary>
    public ElementType ElementType => _floats is null ? ElementType.Byte : ElementType.Float32;
    /// <summary>Samples: <c>Width * Height * Channels</c>.</summary>
    public int Length => Width * Height * Channels;
    /// <summary>True for a view of an <see cref="Image"/>: kernels read it and never write it.</summary>
    public bool IsReadOnly { get; private set; }

    /// <summary>The byte samples.</summary>
    /// <exception cref="InvalidOperationException">Float samples, a read-only view, or a returned buffer.</exception>
    public Span<byte> Bytes =>
        IsReadOnly ? throw new InvalidOperationException("This buffer is a read-only view of an image; use ReadBytes.")
        : (_bytes ?? throw Missing()).AsSpan(0, Length);

    /// <summary>The float samples.</summary>
    /// <exception cref="InvalidOperationException">Byte samples, a read-only view, or a returned buffer.</exception>
    public Span<float> Floats =>
        IsReadOnly ? throw new InvalidOperationException("This buffer is a read-only view of an image; use ReadFloats.")
        : (_floats ?? throw Missing()).AsSpan(0, Length);

    /// <summary>The byte samples, for reading.</summary>
    public ReadOnlySpan<byte> ReadBytes => (_bytes ?? throw Missing()).AsSpan(0, Length);

    /// <summary>The float samples, for reading.</summary>
    public ReadOnlySpan<float> ReadFloats => (_floats ?? throw Missing()).AsSpan(0, Length);

    private InvalidOperationException Missing() =>
        new($"This buffer holds no {(ElementType == ElementType.Byte ? "float" : "byte")} samples, or was returned to its pool.");

    /// <summary>A read-only view of an image's samples (no copy).</summary>
    public static PixelBuffer View(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.ElementType == ElementType.Byte
            ? new PixelBuffer(image.Width, image.Height, image.Channels, image.Range, image.ByteArray, null, false, true)
            : new PixelBuffer(image.Width, image.Height, image.Channels, image.Range, null, image.FloatArray, false, true);
    }

    /// <summary>A buffer object that holds no samples, for a runner that points it at images and pooled arrays again and
    /// again (<see cref="PointAt"/>, <see cref="RentFor"/>, <see cref="Detach"/>), so that a warm run into a destination
    /// allocates no buffer objects.</summary>
    internal static PixelBuffer Empty() => new(0, 0, 0, ValueRange.Byte, null, null, false, true);

    /// <summary>Makes this object a read-only view of <paramref name="image"/>, as <see cref="View"/> would build.</summary>
    internal PixelBuffer PointAt(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Set(image.Width, image.Height, image.Channels, image.Range,
            image.ElementType == ElementType.Byte ? image.ByteArray : null,
            image.ElementType == ElementType.Byte ? null : image.FloatArray, false, true);
        return this;
    }

    /// <summary>Makes this object a buffer rented from the shared pool, as <see cref="Rent"/> would build; it must hold
    /// no rented arrays (returned or detached before).</summary>
    internal PixelBuffer RentFor(int width, int height, int channels, ElementType type, ValueRange range)
    {
        Image.CheckShape(width, height, channels);
        int n = width * height * channels;
        if (type == ElementType.Byte) Set(width, height, channels, ValueRange.Byte, ArrayPool<byte>.Shared.Rent(n), null, true, false);
        else Set(width, height, channels, range, null, ArrayPool<float>.Shared.Rent(n), true, false);
        return this;
    }

    /// <summary>Forgets the samples without returning them (a view's image is not the buffer's).</summary>
    internal void Detach()
    {
        _bytes = null;
        _floats = null;
        _pooled = false;
    }

    private void Set(int width, int height, int channels, ValueRange range, byte[]? bytes, float[]? floats, bool pooled, bool readOnly)
    {
        Width = width;
        Height = height;
        Channels = channels;
        Range = range;
        _bytes = bytes;
        _floats = floats;
        _pooled = pooled;
        IsReadOnly = readOnly;
    }

    /// <summary>A buffer rented from the shared array pool; give it back with <see cref="Return"/>.</summary>
    public static PixelBuffer Rent(int width, int height, int channels, ElementType type, ValueRange range)
    {
        Image.CheckShape(width, height, channels);
        int n = width * height * channels;
        return type == ElementType.Byte
            ? new PixelBuffer(width, height, channels, ValueRange.Byte, ArrayPool<byte>.Shared.Rent(n), null, true, false)
            : new PixelBuffer(width, height, channels, range, null, ArrayPool<float>.Shared.Rent(n), true, false);
    }

    /// <summary>
    /// A buffer over a new exact-size array, to become an image with <see cref="ToImage"/> and no copy. The array is
    /// not zeroed (an image-sized array lands on the large-object heap, where clearing costs as much as a kernel):
    /// whoever fills it must write every sample, as every kernel does.
    /// </summary>
    public static PixelBuffer Allocate(int width, int height, int channels, ElementType type, ValueRange range)
    {
        Image.CheckShape(width, height, channels);
        int n = width * height * channels;
        return type == ElementType.Byte
            ? new PixelBuffer(width, height, channels, ValueRange.Byte, GC.AllocateUninitializedArray<byte>(n), null, false, false)
            : new PixelBuffer(width, height, channels, range, null, GC.AllocateUninitializedArray<float>(n), false, false);
    }

    /// <summary>A writable buffer over a caller's array, which must hold at least width * height * channels samples.</summary>
    /// <exception cref="ArgumentException">The array is too short.</exception>
    public static PixelBuffer Over(byte[] destination, int width, int height, int channels)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Image.CheckShape(width, height, channels);
        if (destination.Length < width * height * channels)
            Throw.Argument(nameof(destination), destination.Length, $"at least {width * height * channels} bytes ({width}x{height}x{channels})");
        return new PixelBuffer(width, height, channels, ValueRange.Byte, destination, null, false, false);
    }

    /// <summary>A writable buffer over a caller's array, which must hold at least width * height * channels samples.</summary>
    /// <exception cref="ArgumentException">The array is too short.</exception>
    public static PixelBuffer Over(float[] destination, int width, int height, int channels, ValueRange range)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Image.CheckShape(width, height, channels);
        if (destination.Length < width * height * channels)
            Throw.Argument(nameof(destination), destination.Length, $"at least {width * height * channels} floats ({width}x{height}x{channels})");
        return new PixelBuffer(width, height, channels, range, null, destination, false, false);
    }

    /// <summary>
    /// The image this buffer holds: no copy for a buffer from <see cref="Allocate"/> or a view; a copy otherwise.
    /// </summary>
    public Image ToImage()
    {
        if (_bytes is not null)
            return !_pooled && _bytes.Length == Length ? Image.OwnBytes(Width, Height, Channels, _bytes)
                : Image.OwnBytes(Width, Height, Channels, ReadBytes.ToArray());
        if (_floats is not null)
            return !_pooled && _floats.Length == Length ? Image.OwnFloats(Width, Height, Channels, _floats, Range)
                : Image.OwnFloats(Width, Height, Channels, ReadFloats.ToArray(), Range);
        throw Missing();
    }

    /// <summary>Pins the samples for native code that reads or writes them after the call returns (an OpenCL copy
    /// enqueued without blocking): the array stays put until the handle is disposed, which the caller must do after that
    /// code has finished and before <see cref="Return"/>.</summary>
    /// <exception cref="InvalidOperationException">A returned buffer.</exception>
    public MemoryHandle Pin()
    {
        object array = (object?)_bytes ?? _floats ?? throw Missing();
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(array, System.Runtime.InteropServices.GCHandleType.Pinned);
        unsafe { return new MemoryHandle((void*)handle.AddrOfPinnedObject(), handle); }
    }

    /// <summary>Gives a rented array back to the pool; other buffers are left alone. The buffer is unusable after.</summary>
    public void Return()
    {
        if (!_pooled) return;
        if (_bytes is not null) ArrayPool<byte>.Shared.Return(_bytes);
        if (_floats is not null) ArrayPool<float>.Shared.Return(_floats);
        _bytes = null;
        _floats = null;
    }

    /// <inheritdoc />
    public override string ToString() => $"PixelBuffer {Width}x{Height}x{Channels} {ElementType} {Range}";
}
