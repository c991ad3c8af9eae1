using System.Runtime.CompilerServices;
namespace Augment.Native.Kernels;

/// <summary>CutMix's image in one pass: every sample of the destination written once, from the partner inside the
/// rectangle and from this image outside it (the same result as a copy of this image then
/// <see cref="GeometryKernels.PasteRect{T}"/>, without writing the rectangle twice).</summary>
public static class CutMixKernels
{
    /// <summary>
    /// Writes <paramref name="b"/>'s rectangle [x0, x1) x [y0, y1) and <paramref name="a"/>'s samples everywhere else into
    /// <paramref name="dst"/>: the rows above and below the rectangle as two block copies, each row across it as up to
    /// three span copies.
    /// </summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="a">This image (HWC).</param>
    /// <param name="b">The partner, the same shape.</param>
    /// <param name="dst">The destination, the same shape (not overlapping either source).</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="x0">First pasted column.</param>
    /// <param name="y0">First pasted row.</param>
    /// <param name="x1">One past the last pasted column.</param>
    /// <param name="y1">One past the last pasted row.</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, or a rectangle that leaves the image (an empty one is allowed).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CopyWithRect<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> dst, int width, int height, int channels,
        int x0, int y0, int x1, int y1) where T : unmanaged
    {
        PixelKernels.CheckImage(a.Length, dst.Length, width, height, channels);
        if (b.Length != a.Length) Throw.Argument(nameof(b), b.Length, $"{a.Length} elements (the length of a)");
        if (x0 < 0 || x0 > width) Throw.Argument(nameof(x0), x0, $"0 to {width}");
        if (y0 < 0 || y0 > height) Throw.Argument(nameof(y0), y0, $"0 to {height}");
        if (x1 < x0 || x1 > width) Throw.Argument(nameof(x1), x1, $"{x0} to {width}");
        if (y1 < y0 || y1 > height) Throw.Argument(nameof(y1), y1, $"{y0} to {height}");
        int stride = width * channels;
        if (x1 == x0 || y1 == y0) { a.CopyTo(dst); return; }
        a[..(y0 * stride)].CopyTo(dst);
        a[(y1 * stride)..].CopyTo(dst[(y1 * stride)..]);
        int left = x0 * channels, mid = (x1 - x0) * channels, right = stride - x1 * channels;
        for (int y = y0; y < y1; y++)
        {
            int o = y * stride;
            if (left > 0) a.Slice(o, left).CopyTo(dst.Slice(o, left));
            b.Slice(o + left, mid).CopyTo(dst.Slice(o + left, mid));
            if (right > 0) a.Slice(o + left + mid, right).CopyTo(dst.Slice(o + left + mid, right));
        }
    }
}
