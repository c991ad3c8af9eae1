using System.Runtime.CompilerServices;
namespace Augment.Native.Kernels;

/// <summary>
/// The pixel swaps of albumentations' <c>GlassBlur</c> (<c>glass_blur</c>, mode "fast"), with the random offsets
/// from Philox by swap index, so the result is a pure function of the key and stream. Scalar: the kernel is its own
/// reference.
/// </summary>
public static partial class GlassKernels
{
    /// <summary>The offset (dy, dx) of swap <paramref name="k"/> in iteration <paramref name="iteration"/>: Philox block
    /// <c>j = k * iterations + iteration</c> with counter <c>(low 32 bits of j, 0x80000000 | high bits of j, stream0,
    /// stream1)</c>; <c>dy = ((X0 * 2d) &gt;&gt; 32) - d</c> and <c>dx = ((X1 * 2d) &gt;&gt; 32) - d</c> (64-bit products),
    /// each in [-d, d - 1] as numpy's <c>integers(-d, d)</c>.</summary>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <param name="stream0">Stream word 0.</param>
    /// <param name="stream1">Stream word 1.</param>
    /// <param name="k">The swap's index in albumentations' order.</param>
    /// <param name="iteration">The iteration, 0-based.</param>
    /// <param name="iterations">The number of iterations.</param>
    /// <param name="maxDelta">d, at least 1.</param>
    /// <returns>(dy, dx).</returns>
    public static (int Dy, int Dx) Offset(uint key0, uint key1, uint stream0, uint stream1, long k, int iteration, int iterations, int maxDelta)
    {
        long j = k * iterations + iteration;
        var b = Philox4x32.Generate(key0, key1, new Block4((uint)j, 0x8000_0000u | (uint)(j >> 32), stream0, stream1));
        ulong span = (ulong)(2 * maxDelta);
        return ((int)((b.X0 * span) >> 32) - maxDelta, (int)((b.X1 * span) >> 32) - maxDelta);
    }

    /// <summary>
    /// albumentations' "fast" swap loop, in place: with <c>hs = H - d, H - d - 1, ..., d + 1</c> and <c>ws = W - d, ...,
    /// d + 1</c>, swap k (<c>k = jw * len(hs) + ih</c>, numpy's <c>tile</c> / <c>repeat</c> order) pairs pixel
    /// <c>(h, w) = (hs[ih], ws[jw])</c> with <c>(h + dy, w + dx)</c>. Each iteration is numpy's simultaneous assignment
    /// <c>x[h, w], x[h + dy, w + dx] = x[h + dy, w + dx], x[h, w]</c>: both sides are read first, then every
    /// <c>x[h, w]</c> is written in k order, then every <c>x[h + dy, w + dx]</c> in k order (a later write wins). Nothing
    /// moves when <c>H &lt;= 2d</c> or <c>W &lt;= 2d</c>.
    /// </summary>
    /// <typeparam name="T">byte or float.</typeparam>
    /// <param name="image">The image, HWC, changed in place.</param>
    /// <param name="width">The width.</param>
    /// <param name="height">The height.</param>
    /// <param name="channels">Channels per pixel: 1, 3 or 4.</param>
    /// <param name="maxDelta">d, 1 to 64.</param>
    /// <param name="iterations">Iterations, 1 to 64.</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <param name="stream0">Stream word 0.</param>
    /// <param name="stream1">Stream word 1.</param>
    /// <param name="path">The code path: <see cref="SimdPath.Scalar"/> is the reference loop; the others (Auto included, on
    /// any hardware) draw the Philox blocks in batches (<see cref="PhiloxBatch"/>), read both sides of each iteration from
    /// one pooled snapshot of the image, and give the same bits.</param>
    /// <exception cref="ArgumentException">A size, the channel count, maxDelta or iterations is out of its domain.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Swap<T>(Span<T> image, int width, int height, int channels, int maxDelta, int iterations,
        uint key0, uint key1, uint stream0, uint stream1, SimdPath path = SimdPath.Auto) where T : unmanaged
    {
        if (width < 1) Throw.Argument(nameof(width), width, "at least 1");
        if (height < 1) Throw.Argument(nameof(height), height, "at least 1");
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4");
        if (maxDelta < 1 || maxDelta > 64) Throw.Argument(nameof(maxDelta), maxDelta, "1 to 64");
        if (iterations < 1 || iterations > 64) Throw.Argument(nameof(iterations), iterations, "1 to 64");
        long n = (long)width * height * channels;
        if (image.Length != n) Throw.Argument(nameof(image), image.Length, $"width * height * channels = {n}");
        int nh = height - 2 * maxDelta, nw = width - 2 * maxDelta;
        if (nh <= 0 || nw <= 0) return;
        if (path != SimdPath.Scalar)
        {
            SwapFast(image, width, height, channels, maxDelta, iterations, key0, key1, stream0, stream1, path);
            return;
        }
        int count = nh * nw;
        var first = new int[count];   // pixel index of (h, w)
        var second = new int[count];  // pixel index of (h + dy, w + dx)
        var a = new T[count * channels];
        var b = new T[count * channels];
        for (int it = 0; it < iterations; it++)
        {
            for (int k = 0; k < count; k++)
            {
                int h = height - maxDelta - k % nh, w = width - maxDelta - k / nh;
                var (dy, dx) = Offset(key0, key1, stream0, stream1, k, it, iterations, maxDelta);
                first[k] = h * width + w;
                second[k] = (h + dy) * width + (w + dx);
            }
            for (int k = 0; k < count; k++)
                for (int c = 0; c < channels; c++)
                {
                    a[k * channels + c] = image[second[k] * channels + c];
                    b[k * channels + c] = image[first[k] * channels + c];
                }
            for (int k = 0; k < count; k++)
                for (int c = 0; c < channels; c++) image[first[k] * channels + c] = a[k * channels + c];
            for (int k = 0; k < count; k++)
                for (int c = 0; c < channels; c++) image[second[k] * channels + c] = b[k * channels + c];
        }
    }
}
