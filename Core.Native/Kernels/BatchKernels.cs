using System.Runtime.CompilerServices;
namespace Augment.Native.Kernels;

/// <summary>Multi-sample kernels: copying a rectangle of one image into another place of another (Mosaic). Scalar,
/// one span copy per row.</summary>
public static class BatchKernels
{
    /// <summary>
    /// Copies the <paramref name="width"/> x <paramref name="height"/> rectangle whose top-left pixel is
    /// (<paramref name="srcX"/>, <paramref name="srcY"/>) of <paramref name="src"/> to the rectangle whose top-left pixel
    /// is (<paramref name="dstX"/>, <paramref name="dstY"/>) of <paramref name="dst"/>; the rest of dst is left as it is.
    /// </summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="src">The source, <paramref name="srcWidth"/> x <paramref name="srcHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="srcWidth">Source columns.</param>
    /// <param name="srcHeight">Source rows.</param>
    /// <param name="dst">The destination, <paramref name="dstWidth"/> x <paramref name="dstHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="dstWidth">Destination columns.</param>
    /// <param name="dstHeight">Destination rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="srcX">First source column.</param>
    /// <param name="srcY">First source row.</param>
    /// <param name="dstX">First destination column.</param>
    /// <param name="dstY">First destination row.</param>
    /// <param name="width">Columns to copy (0 copies nothing).</param>
    /// <param name="height">Rows to copy (0 copies nothing).</param>
    /// <exception cref="ArgumentException">Bad shapes or lengths, or a rectangle that leaves either image.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CopyRect<T>(ReadOnlySpan<T> src, int srcWidth, int srcHeight, Span<T> dst, int dstWidth, int dstHeight,
        int channels, int srcX, int srcY, int dstX, int dstY, int width, int height) where T : unmanaged
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4 channels");
        if (srcWidth <= 0 || srcHeight <= 0 || src.Length != (long)srcWidth * srcHeight * channels)
            Throw.Argument(nameof(src), src.Length, $"{(long)srcWidth * srcHeight * channels} elements ({srcWidth} x {srcHeight} x {channels})");
        if (dstWidth <= 0 || dstHeight <= 0 || dst.Length != (long)dstWidth * dstHeight * channels)
            Throw.Argument(nameof(dst), dst.Length, $"{(long)dstWidth * dstHeight * channels} elements ({dstWidth} x {dstHeight} x {channels})");
        if (width < 0) Throw.Argument(nameof(width), width, "a width >= 0");
        if (height < 0) Throw.Argument(nameof(height), height, "a height >= 0");
        if (srcX < 0 || srcX + width > srcWidth) Throw.Argument(nameof(srcX), srcX, $"0 to {srcWidth - width}");
        if (srcY < 0 || srcY + height > srcHeight) Throw.Argument(nameof(srcY), srcY, $"0 to {srcHeight - height}");
        if (dstX < 0 || dstX + width > dstWidth) Throw.Argument(nameof(dstX), dstX, $"0 to {dstWidth - width}");
        if (dstY < 0 || dstY + height > dstHeight) Throw.Argument(nameof(dstY), dstY, $"0 to {dstHeight - height}");
        int n = width * channels;
        if (n == 0) return;
        for (int r = 0; r < height; r++)
            src.Slice(((srcY + r) * srcWidth + srcX) * channels, n).CopyTo(dst.Slice(((dstY + r) * dstWidth + dstX) * channels, n));
    }
}
