using System.Runtime.CompilerServices;
namespace Augment.Native.Kernels;

/// <summary>
/// Occlusion: filling the pixels an occlusion map marks (CoarseDropout, RandomErasing, GridMask, GridDropout,
/// XYMasking). The map holds one byte per pixel, row-major; a non-zero byte marks the pixel. Scalar kernels.
/// </summary>
public static class OcclusionKernels
{
    /// <summary>
    /// Copies <paramref name="src"/> to <paramref name="dst"/>, writing <c>fill[c]</c> to every channel c of each pixel
    /// whose map byte is not zero.
    /// </summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="src">The source samples (HWC).</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">1, 3 or 4; the source length must be the map length times this.</param>
    /// <param name="map">One byte per pixel; non-zero marks the pixel.</param>
    /// <param name="fill">One value per channel.</param>
    /// <exception cref="ArgumentException">Lengths that do not fit each other or the channel count.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillMarked<T>(ReadOnlySpan<T> src, Span<T> dst, int channels, ReadOnlySpan<byte> map, ReadOnlySpan<T> fill)
        where T : unmanaged
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4 channels");
        if (dst.Length != src.Length) Throw.Argument(nameof(dst), dst.Length, $"the source length {src.Length}");
        if ((long)map.Length * channels != src.Length) Throw.Argument(nameof(map), map.Length, $"one byte per pixel ({src.Length / channels})");
        if (fill.Length != channels) Throw.Argument(nameof(fill), fill.Length, $"{channels} values (one per channel)");
        for (int p = 0; p < map.Length; p++)
        {
            int o = p * channels;
            if (map[p] != 0) fill.CopyTo(dst.Slice(o, channels));
            else src.Slice(o, channels).CopyTo(dst.Slice(o, channels));
        }
    }
}
