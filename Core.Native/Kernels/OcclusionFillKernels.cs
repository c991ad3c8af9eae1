using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
namespace Augment.Native.Kernels;

/// <summary>
/// Occlusion without a per-pixel map: a copy of the source (skipped when source and destination are the same memory)
/// then row-span fills (<c>Span.Fill</c>, the runtime's vectorised fill) of rectangles (CoarseDropout, RandomErasing,
/// GridDropout, XYMasking) or of the runs a GridMask covers. The results are those of
/// <see cref="OcclusionKernels.FillMarked{T}"/> with the map of the same holes; the scalar references here fill element
/// by element.
/// </summary>
public static class OcclusionFillKernels
{
    /// <summary>
    /// Copies <paramref name="src"/> to <paramref name="dst"/> (nothing to copy when they are the same memory) and writes
    /// <paramref name="fill"/> to every sample of every pixel inside some hole [x0, x1) x [y0, y1) of the flat
    /// <paramref name="holes"/> <c>[x0, y0, x1, y1, ...]</c>, each clipped to the image (an empty one fills nothing).
    /// </summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="src">The source, <paramref name="width"/> x <paramref name="height"/> x <paramref name="channels"/>.</param>
    /// <param name="dst">The destination, as long as the source (it may be the source itself).</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="holes">Four integers per hole.</param>
    /// <param name="fill">The value every channel of a filled pixel takes.</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, or a hole list whose length is not a multiple of 4.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CopyFillRects<T>(ReadOnlySpan<T> src, Span<T> dst, int width, int height, int channels,
        ReadOnlySpan<int> holes, T fill) where T : unmanaged
    {
        PixelKernels.CheckImage(src.Length, dst.Length, width, height, channels);
        CheckHoles(holes);
        CopyUnlessSame(src, dst);
        int stride = width * channels;
        for (int k = 0; k < holes.Length; k += 4)
        {
            int x0 = Math.Max(0, holes[k]), y0 = Math.Max(0, holes[k + 1]);
            int x1 = Math.Min(width, holes[k + 2]), y1 = Math.Min(height, holes[k + 3]);
            if (x1 <= x0 || y1 <= y0) continue;
            int n = (x1 - x0) * channels;
            for (int y = y0; y < y1; y++) dst.Slice(y * stride + x0 * channels, n).Fill(fill);
        }
    }

    /// <summary>The scalar reference of <see cref="CopyFillRects{T}"/>: an element-by-element copy, then every pixel
    /// tested against every hole.</summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="src">The source.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="holes">Four integers per hole.</param>
    /// <param name="fill">The fill value.</param>
    /// <exception cref="ArgumentException">As <see cref="CopyFillRects{T}"/>.</exception>
    public static void CopyFillRectsScalar<T>(ReadOnlySpan<T> src, Span<T> dst, int width, int height, int channels,
        ReadOnlySpan<int> holes, T fill) where T : unmanaged
    {
        PixelKernels.CheckImage(src.Length, dst.Length, width, height, channels);
        CheckHoles(holes);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                bool inside = false;
                for (int k = 0; k < holes.Length; k += 4)
                    inside |= x >= holes[k] && y >= holes[k + 1] && x < holes[k + 2] && y < holes[k + 3];
                int o = (y * width + x) * channels;
                for (int c = 0; c < channels; c++) dst[o + c] = inside ? fill : src[o + c];
            }
    }

    private static void CheckHoles(ReadOnlySpan<int> holes)
    {
        if (holes.Length % 4 != 0) Throw.Argument(nameof(holes), holes.Length, "a multiple of 4 integers (x0, y0, x1, y1 per hole)");
    }

    private static void CopyUnlessSame<T>(ReadOnlySpan<T> src, Span<T> dst) where T : unmanaged
    {
        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(src), ref MemoryMarshal.GetReference(dst))) src.CopyTo(dst);
    }

    // ================================================================ GridMask

    /// <summary>
    /// KerasCV's GridMask as <c>Ops.gridMaskMap</c> defines it (see there), without the map: copies
    /// <paramref name="src"/> to <paramref name="dst"/> (nothing to copy when they are the same memory) and fills the
    /// pixels whose rotated-mask value is above zero. Each row is cut into runs: where the rotated coordinates lie at
    /// least 1e-6 inside (outside) the open intervals of the covered grid cells, the pixel is filled (kept) as a whole
    /// run; the few pixels near the edge of an interval are decided by <see cref="GridMaskPixel"/>, the reference's own
    /// double arithmetic. So the pixels are exactly those of <see cref="GridMaskFillScalar{T}"/>.
    /// </summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="src">The source, <paramref name="width"/> x <paramref name="height"/> x <paramref name="channels"/>.</param>
    /// <param name="dst">The destination, as long as the source (it may be the source itself).</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="unit">The grid unit in pixels (&gt; 0).</param>
    /// <param name="ratio">The square's side as a fraction of the unit.</param>
    /// <param name="deltaX">The x offset in pixels.</param>
    /// <param name="deltaY">The y offset in pixels.</param>
    /// <param name="angle">The mask's turn in degrees.</param>
    /// <param name="fill">The value every channel of a filled pixel takes.</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, or parameters that are not finite (unit not &gt; 0).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GridMaskFill<T>(ReadOnlySpan<T> src, Span<T> dst, int width, int height, int channels,
        double unit, double ratio, double deltaX, double deltaY, double angle, T fill) where T : unmanaged
    {
        PixelKernels.CheckImage(src.Length, dst.Length, width, height, channels);
        var g = new GridMaskGeometry(width, height, unit, ratio, deltaX, deltaY, angle);
        CopyUnlessSame(src, dst);
        // Per row: the sure and possible j ranges of each axis (two ints per range), then their intersections.
        int cap = 2 * (Math.Max(g.RunsX.Length, g.RunsY.Length) + 2);
        int[] pool = ArrayPool<int>.Shared.Rent(8 * cap);
        try
        {
            Span<int> sx = pool.AsSpan(0, cap), px = pool.AsSpan(cap, cap), sy = pool.AsSpan(2 * cap, cap), py = pool.AsSpan(3 * cap, cap);
            Span<int> sure = pool.AsSpan(4 * cap, 2 * cap), poss = pool.AsSpan(6 * cap, 2 * cap);
            int stride = width * channels;
            for (int i = 0; i < height; i++)
            {
                double ym = i + g.H0;
                // xi = c xm - s ym + ox and yi = s xm + c ym + oy are affine in j (xm = j + w0).
                double p0 = g.C * g.W0 - g.S * ym + g.Ox, q0 = g.S * g.W0 + g.C * ym + g.Oy;
                int nsx = 0, npx = 0, nsy = 0, npy = 0;
                Ranges(g.RunsX, p0, g.C, width, sx, ref nsx, px, ref npx);
                Ranges(g.RunsY, q0, g.S, width, sy, ref nsy, py, ref npy);
                nsx = Normalise(sx, nsx); npx = Normalise(px, npx); nsy = Normalise(sy, nsy); npy = Normalise(py, npy);
                int ns = Intersect(sx[..nsx], sy[..nsy], sure);
                int np = Intersect(px[..npx], py[..npy], poss);
                Span<T> row = dst.Slice(i * stride, stride);
                int si = 0;
                for (int r = 0; r < np; r += 2)
                {
                    int j = poss[r], end = poss[r + 1];
                    while (j <= end)
                    {
                        while (si < ns && sure[si + 1] < j) si += 2;
                        if (si < ns && sure[si] <= j)
                        {
                            int e = Math.Min(sure[si + 1], end);
                            row.Slice(j * channels, (e - j + 1) * channels).Fill(fill);
                            j = e + 1;
                            continue;
                        }
                        int stop = si < ns ? Math.Min(end, sure[si] - 1) : end;
                        for (; j <= stop; j++)
                            if (g.Pixel(j, i)) row.Slice(j * channels, channels).Fill(fill);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(pool);
        }
    }

    /// <summary>The scalar reference of <see cref="GridMaskFill{T}"/>: every pixel decided by <see cref="GridMaskPixel"/>.</summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="src">The source.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="unit">The grid unit in pixels.</param>
    /// <param name="ratio">The square's side as a fraction of the unit.</param>
    /// <param name="deltaX">The x offset.</param>
    /// <param name="deltaY">The y offset.</param>
    /// <param name="angle">The turn in degrees.</param>
    /// <param name="fill">The fill value.</param>
    /// <exception cref="ArgumentException">As <see cref="GridMaskFill{T}"/>.</exception>
    public static void GridMaskFillScalar<T>(ReadOnlySpan<T> src, Span<T> dst, int width, int height, int channels,
        double unit, double ratio, double deltaX, double deltaY, double angle, T fill) where T : unmanaged
    {
        PixelKernels.CheckImage(src.Length, dst.Length, width, height, channels);
        var g = new GridMaskGeometry(width, height, unit, ratio, deltaX, deltaY, angle);
        for (int i = 0; i < height; i++)
            for (int j = 0; j < width; j++)
            {
                bool on = g.Pixel(j, i);
                int o = (i * width + j) * channels;
                for (int c = 0; c < channels; c++) dst[o + c] = on ? fill : src[o + c];
            }
    }

    /// <summary>Whether GridMask covers pixel (<paramref name="column"/>, <paramref name="row"/>): the reference's
    /// per-pixel double arithmetic (the expression of <c>Ops.gridMaskMap</c>, in the same order).</summary>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="unit">The grid unit.</param>
    /// <param name="ratio">The square's side as a fraction of the unit.</param>
    /// <param name="deltaX">The x offset.</param>
    /// <param name="deltaY">The y offset.</param>
    /// <param name="angle">The turn in degrees.</param>
    /// <param name="column">The pixel's column.</param>
    /// <param name="row">The pixel's row.</param>
    /// <returns>True where the pixel takes the fill.</returns>
    public static bool GridMaskPixel(int width, int height, double unit, double ratio, double deltaX, double deltaY,
        double angle, int column, int row) =>
        new GridMaskGeometry(width, height, unit, ratio, deltaX, deltaY, angle).Pixel(column, row);

    // The sure (at least Margin inside an interval) and possible (less than Margin outside) j ranges, clipped to
    // [0, width), of the coordinate p0 + k j against the open intervals (a - 1, b + 1) of the covered runs [a, b]. One
    // extra pixel of slack on each side absorbs the rounding of the bounds themselves.
    private const double Margin = 1e-6;

    private static void Ranges(ReadOnlySpan<int> runs, double p0, double k, int width, Span<int> sure, ref int ns, Span<int> poss, ref int np)
    {
        for (int r = 0; r < runs.Length; r += 2)
        {
            double a = runs[r] - 1.0, b = runs[r + 1] + 1.0;
            if (k == 0)
            {
                if (p0 >= a + Margin && p0 <= b - Margin) { sure[ns++] = 0; sure[ns++] = width - 1; }
                if (p0 > a - Margin && p0 < b + Margin) { poss[np++] = 0; poss[np++] = width - 1; }
                continue;
            }
            double inLo = (a + Margin - p0) / k, inHi = (b - Margin - p0) / k;
            double outLo = (a - Margin - p0) / k, outHi = (b + Margin - p0) / k;
            if (k < 0) { (inLo, inHi) = (inHi, inLo); (outLo, outHi) = (outHi, outLo); }
            int s0 = ClampIndex(Math.Ceiling(inLo) + 1, width), s1 = ClampIndex(Math.Floor(inHi) - 1, width);
            if (s0 <= s1 && s0 < width && s1 >= 0) { sure[ns++] = Math.Max(s0, 0); sure[ns++] = Math.Min(s1, width - 1); }
            int p0i = ClampIndex(Math.Floor(outLo) - 1, width), p1i = ClampIndex(Math.Ceiling(outHi) + 1, width);
            if (p0i <= p1i && p0i < width && p1i >= 0) { poss[np++] = Math.Max(p0i, 0); poss[np++] = Math.Min(p1i, width - 1); }
        }
    }

    // A bound as an index in [-2, width + 2] (NaN cannot occur: the coordinates are finite).
    private static int ClampIndex(double v, int width) => (int)Math.Clamp(v, -2.0, width + 2.0);

    // Sorts ranges (pairs) by start and merges overlapping or touching ones; returns the new length.
    private static int Normalise(Span<int> r, int n)
    {
        // Insertion sort: a handful of ranges.
        for (int i = 2; i < n; i += 2)
        {
            int lo = r[i], hi = r[i + 1], j = i - 2;
            while (j >= 0 && r[j] > lo) { r[j + 2] = r[j]; r[j + 3] = r[j + 1]; j -= 2; }
            r[j + 2] = lo; r[j + 3] = hi;
        }
        int m = 0;
        for (int i = 0; i < n; i += 2)
        {
            if (m > 0 && r[i] <= r[m - 1] + 1) r[m - 1] = Math.Max(r[m - 1], r[i + 1]);
            else { r[m] = r[i]; r[m + 1] = r[i + 1]; m += 2; }
        }
        return m;
    }

    // The intersection of two normalised range lists; returns its length.
    private static int Intersect(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> o)
    {
        int i = 0, j = 0, n = 0;
        while (i < a.Length && j < b.Length)
        {
            int lo = Math.Max(a[i], b[j]), hi = Math.Min(a[i + 1], b[j + 1]);
            if (lo <= hi) { o[n++] = lo; o[n++] = hi; }
            if (a[i + 1] < b[j + 1]) i += 2; else j += 2;
        }
        return n;
    }

    /// <summary>The rotated grid of one GridMask: the covered cells of each axis (as runs) and the rotation.</summary>
    private readonly struct GridMaskGeometry
    {
        public readonly int L, W0, H0;
        public readonly double C, S, Ox, Oy;
        public readonly bool[] CoverX, CoverY;
        public readonly int[] RunsX, RunsY;

        public GridMaskGeometry(int width, int height, double unit, double ratio, double deltaX, double deltaY, double angle)
        {
            if (!(unit > 0) || !double.IsFinite(unit)) Throw.Argument(nameof(unit), unit, "a finite grid unit > 0");
            if (!double.IsFinite(ratio)) Throw.Argument(nameof(ratio), ratio, "a finite ratio");
            if (!double.IsFinite(deltaX)) Throw.Argument(nameof(deltaX), deltaX, "a finite offset");
            if (!double.IsFinite(deltaY)) Throw.Argument(nameof(deltaY), deltaY, "a finite offset");
            if (!double.IsFinite(angle)) Throw.Argument(nameof(angle), angle, "a finite angle in degrees");
            L = (int)Math.Ceiling(Math.Sqrt((double)width * (double)width + (double)height * (double)height));
            double side = ratio * unit;
            int n = (int)Math.Floor(L / unit) + 1;
            CoverX = Covered(L, n, unit, side, deltaX);
            CoverY = Covered(L, n, unit, side, deltaY);
            RunsX = Runs(CoverX);
            RunsY = Runs(CoverY);
            double rad = angle * Math.PI / 180.0;
            C = Math.Cos(rad);
            S = Math.Sin(rad);
            double e = L - 1;
            Ox = (e - (C * e - S * e)) / 2.0;
            Oy = (e - (S * e + C * e)) / 2.0;
            H0 = (L - height) / 2;
            W0 = (L - width) / 2;
        }

        // Cell m is covered when x1 - side <= m < x1 for some x1 = k unit - delta, k = 1 .. n: for integer m, the
        // cells ceil(x1 - side) .. ceil(x1) - 1 (the same comparisons, made once per k).
        private static bool[] Covered(int l, int n, double unit, double side, double delta)
        {
            var cover = new bool[l];
            for (int k = 1; k <= n; k++)
            {
                double x1 = k * unit - delta;
                double lo = Math.Max(0.0, Math.Ceiling(x1 - side)), hi = Math.Min(l - 1.0, Math.Ceiling(x1) - 1.0);
                for (double m = lo; m <= hi; m++) cover[(int)m] = true;
            }
            return cover;
        }

        private static int[] Runs(bool[] cover)
        {
            var runs = new List<int>();
            for (int m = 0; m < cover.Length; m++)
            {
                if (!cover[m]) continue;
                int a = m;
                while (m + 1 < cover.Length && cover[m + 1]) m++;
                runs.Add(a);
                runs.Add(m);
            }
            return runs.ToArray();
        }

        private double Grid(int x, int y) => x >= 0 && y >= 0 && x < L && y < L && CoverX[x] && CoverY[y] ? 1.0 : 0.0;

        public bool Pixel(int j, int i)
        {
            double xm = j + W0, ym = i + H0;
            double xi = C * xm - S * ym + Ox, yi = S * xm + C * ym + Oy;
            double x0 = Math.Floor(xi), y0 = Math.Floor(yi);
            double fx = xi - x0, fy = yi - y0;
            int ix = (int)x0, iy = (int)y0;
            double v = (1.0 - fy) * ((1.0 - fx) * Grid(ix, iy) + fx * Grid(ix + 1, iy))
                       + fy * ((1.0 - fx) * Grid(ix, iy + 1) + fx * Grid(ix + 1, iy + 1));
            return v > 0.0;
        }
    }
}
