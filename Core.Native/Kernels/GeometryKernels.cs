using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

/// <summary>How a geometric kernel reads and writes one sample type: bytes round half to even and clamp to
/// [0, 255]; floats pass through.</summary>
internal interface ISample<T> where T : unmanaged
{
    static abstract float ToFloat(T v);
    static abstract T FromFloat(float v);
}

internal readonly struct ByteSample : ISample<byte>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float ToFloat(byte v) => v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static byte FromFloat(float v) => (byte)Math.Clamp(MathF.Round(v), 0f, 255f);
}

internal readonly struct FloatSample : ISample<float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float ToFloat(float v) => v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float FromFloat(float v) => v;
}

/// <summary>
/// Geometric and mixing kernels over dense HWC buffers (1, 3 or 4 channels): warps, exact integer copies, area
/// resizing, lookup tables, histograms and MixUp/CutMix blends. Spans in, spans out, checked once at the entry.
/// Continuous coordinates: pixel (row i, column j) covers [j, j+1) x [i, i+1), its centre is (j + 0.5, i + 0.5).
/// Destinations must not overlap sources. No call allocates in steady state (scratch comes from the stack or
/// <see cref="ArrayPool{T}.Shared"/>).
/// </summary>
public static partial class GeometryKernels
{
    // Source coordinates are floored to 64-bit indices; beyond +-2^52 a double holds no fraction anyway, so
    // coordinates are clamped there first (far enough outside that Constant and Replicate are unaffected).
    private const double CoordLimit = 4503599627370496.0;

    // ================================================================ warp

    /// <summary>
    /// Resamples <paramref name="src"/> through <paramref name="inverse"/>, which maps destination continuous
    /// coordinates to source continuous coordinates: destination pixel (j, i) reads at
    /// <c>(u, v) = inverse.Apply(j + 0.5, i + 0.5)</c>. The pixel takes <paramref name="fill"/> when the
    /// perspective divisor is not positive, when (u, v) is not finite, or when any window's
    /// <see cref="WarpWindow.ToIntermediate"/> maps (u, v) outside [0, Width) x [0, Height).
    /// Otherwise <see cref="Interpolation.Nearest"/> reads pixel (floor(u), floor(v)) and
    /// <see cref="Interpolation.Bilinear"/> blends the four pixels around (u - 0.5, v - 0.5) in float32 as
    /// <c>(1-ay)*((1-ax)*p00 + ax*p10) + ay*((1-ax)*p01 + ax*p11)</c> (ax, ay computed in double, then
    /// rounded to float); indices outside the source are resolved by <paramref name="border"/> (a Constant
    /// tap reads the fill value, after rounding to a byte). <see cref="Interpolation.Bicubic"/> (4 x 4 taps around
    /// (u - 0.5, v - 0.5), OpenCV's <c>interpolateCubic</c> weights in float32) and <see cref="Interpolation.Lanczos"/>
    /// (8 x 8 taps, OpenCV's <c>interpolateLanczos4</c> weights) resolve every tap by the border rule as bilinear does,
    /// sum each row with the x weights and the rows with the y weights in float32, and clamp the result to the value
    /// range ([0, 255] for bytes). Bytes are rounded half to even and clamped to [0, 255].
    /// Affine warps take a faster path that computes the same bits (row terms hoisted, border logic skipped
    /// for pixels whose taps all lie inside), except on bytes: there a Bilinear affine warp runs in fixed point as
    /// OpenCV's <c>warpAffine</c> and <c>resize</c> do (separable with 11-bit weights when the map is axis-aligned and
    /// there are no windows, else 10-bit source coordinates and weights; see <c>FixedGeometry</c>), within 1 of the
    /// float blend above, and a Nearest axis-aligned one copies through a column index table (the same bits).
    /// </summary>
    /// <param name="src">The source, <paramref name="srcWidth"/> x <paramref name="srcHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="srcWidth">Source columns.</param>
    /// <param name="srcHeight">Source rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="dst">The destination, <paramref name="dstWidth"/> x <paramref name="dstHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="dstWidth">Destination columns.</param>
    /// <param name="dstHeight">Destination rows.</param>
    /// <param name="inverse">Destination to source map on continuous coordinates.</param>
    /// <param name="interpolation">Nearest, Bilinear, Bicubic or Lanczos (Area is <see cref="ResizeArea(ReadOnlySpan{byte}, int, int, int, Span{byte}, int, int, double, double, double, double)"/>).</param>
    /// <param name="border">How indices outside the source are read.</param>
    /// <param name="fill">One finite value per channel, for Constant borders and outside the windows.</param>
    /// <param name="windows">Source regions the warp may read; empty for none.</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, Area interpolation, a fill of the wrong length or not finite,
    /// a matrix that is not finite, or a window that is not finite.</exception>
    public static void Warp(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, in Matrix3 inverse, Interpolation interpolation,
        BorderMode border, ReadOnlySpan<float> fill, ReadOnlySpan<WarpWindow> windows) =>
        WarpCore<byte, ByteSample>(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, inverse, interpolation, border, fill, windows, 0f, 255f, fast: true);

    /// <summary>As the byte overload, on float samples (no rounding; Bicubic and Lanczos results, which can overshoot
    /// their taps, are not clamped: use the overload with a <see cref="ValueRange"/> to keep an image's range).</summary>
    /// <param name="src">The source, <paramref name="srcWidth"/> x <paramref name="srcHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="srcWidth">Source columns.</param>
    /// <param name="srcHeight">Source rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="dst">The destination, <paramref name="dstWidth"/> x <paramref name="dstHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="dstWidth">Destination columns.</param>
    /// <param name="dstHeight">Destination rows.</param>
    /// <param name="inverse">Destination to source map on continuous coordinates.</param>
    /// <param name="interpolation">Nearest, Bilinear, Bicubic or Lanczos.</param>
    /// <param name="border">How indices outside the source are read.</param>
    /// <param name="fill">One finite value per channel.</param>
    /// <param name="windows">Source regions the warp may read; empty for none.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void Warp(ReadOnlySpan<float> src, int srcWidth, int srcHeight, int channels,
        Span<float> dst, int dstWidth, int dstHeight, in Matrix3 inverse, Interpolation interpolation,
        BorderMode border, ReadOnlySpan<float> fill, ReadOnlySpan<WarpWindow> windows) =>
        WarpCore<float, FloatSample>(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, inverse, interpolation, border, fill, windows,
            float.NegativeInfinity, float.PositiveInfinity, fast: true);

    /// <summary>As the float overload, with interpolated results clamped to <paramref name="range"/> (OpenCV does not
    /// clamp float results; the library keeps an image's declared range). Bicubic and Lanczos overshoot their taps; a
    /// bilinear blend is a convex combination, but its float32 rounding can still land an ulp outside.</summary>
    /// <param name="src">The source, <paramref name="srcWidth"/> x <paramref name="srcHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="srcWidth">Source columns.</param>
    /// <param name="srcHeight">Source rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="dst">The destination, <paramref name="dstWidth"/> x <paramref name="dstHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="dstWidth">Destination columns.</param>
    /// <param name="dstHeight">Destination rows.</param>
    /// <param name="inverse">Destination to source map on continuous coordinates.</param>
    /// <param name="interpolation">Nearest, Bilinear, Bicubic or Lanczos.</param>
    /// <param name="border">How indices outside the source are read.</param>
    /// <param name="fill">One finite value per channel.</param>
    /// <param name="windows">Source regions the warp may read; empty for none.</param>
    /// <param name="range">The value range Bicubic and Lanczos results are clamped to.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void Warp(ReadOnlySpan<float> src, int srcWidth, int srcHeight, int channels,
        Span<float> dst, int dstWidth, int dstHeight, in Matrix3 inverse, Interpolation interpolation,
        BorderMode border, ReadOnlySpan<float> fill, ReadOnlySpan<WarpWindow> windows, ValueRange range) =>
        WarpCore<float, FloatSample>(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, inverse, interpolation, border, fill, windows,
            range.Min, range.Max, fast: true);

    /// <summary>The scalar reference of <see cref="Warp(ReadOnlySpan{byte}, int, int, int, Span{byte}, int, int, in Matrix3, Interpolation, BorderMode, ReadOnlySpan{float}, ReadOnlySpan{WarpWindow})"/>: one pixel at a time, every tap through the border rule.</summary>
    internal static void WarpReference(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, in Matrix3 inverse, Interpolation interpolation,
        BorderMode border, ReadOnlySpan<float> fill, ReadOnlySpan<WarpWindow> windows) =>
        WarpCore<byte, ByteSample>(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, inverse, interpolation, border, fill, windows, 0f, 255f, fast: false);

    /// <summary>The scalar reference of the float warp.</summary>
    internal static void WarpReference(ReadOnlySpan<float> src, int srcWidth, int srcHeight, int channels,
        Span<float> dst, int dstWidth, int dstHeight, in Matrix3 inverse, Interpolation interpolation,
        BorderMode border, ReadOnlySpan<float> fill, ReadOnlySpan<WarpWindow> windows) =>
        WarpCore<float, FloatSample>(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, inverse, interpolation, border, fill, windows,
            float.NegativeInfinity, float.PositiveInfinity, fast: false);

    /// <summary>The scalar reference of the float warp with a value range.</summary>
    internal static void WarpReference(ReadOnlySpan<float> src, int srcWidth, int srcHeight, int channels,
        Span<float> dst, int dstWidth, int dstHeight, in Matrix3 inverse, Interpolation interpolation,
        BorderMode border, ReadOnlySpan<float> fill, ReadOnlySpan<WarpWindow> windows, ValueRange range) =>
        WarpCore<float, FloatSample>(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, inverse, interpolation, border, fill, windows,
            range.Min, range.Max, fast: false);

    private static void WarpCore<T, TS>(ReadOnlySpan<T> src, int srcWidth, int srcHeight, int channels,
        Span<T> dst, int dstWidth, int dstHeight, in Matrix3 inverse, Interpolation interpolation,
        BorderMode border, ReadOnlySpan<float> fill, ReadOnlySpan<WarpWindow> windows, float lo, float hi, bool fast)
        where T : unmanaged where TS : ISample<T>
    {
        CheckPair(src.Length, srcWidth, srcHeight, channels, dst.Length, dstWidth, dstHeight);
        if (!inverse.IsFinite) Throw.Argument(nameof(inverse), inverse, "a matrix of finite entries");
        if (interpolation is not (Interpolation.Nearest or Interpolation.Bilinear or Interpolation.Bicubic or Interpolation.Lanczos))
            Throw.Argument(nameof(interpolation), interpolation, "Nearest, Bilinear, Bicubic or Lanczos (Area runs through ResizeArea)");
        if (border is not (BorderMode.Constant or BorderMode.Reflect101 or BorderMode.Replicate))
            Throw.Argument(nameof(border), border, "Constant, Reflect101 or Replicate");
        CheckFill(fill, channels);
        for (int k = 0; k < windows.Length; k++)
        {
            var w = windows[k];
            if (!w.ToIntermediate.IsFinite || !double.IsFinite(w.Width) || !double.IsFinite(w.Height))
                Throw.Argument(nameof(windows), w, $"windows with a finite matrix and size (window {k})");
        }

        Span<T> fillT = stackalloc T[channels];
        Span<float> fillF = stackalloc float[channels];
        for (int c = 0; c < channels; c++)
        {
            fillT[c] = TS.FromFloat(fill[c]);
            fillF[c] = TS.ToFloat(fillT[c]);
        }

        // Bytes: bilinear affine warps and axis-aligned nearest ones run in fixed point (FixedGeometry).
        if (fast && typeof(T) == typeof(byte) && FixedGeometry.TryWarp(MemoryMarshal.Cast<T, byte>(src), srcWidth, srcHeight, channels,
                MemoryMarshal.Cast<T, byte>(dst), dstWidth, dstHeight, inverse, interpolation, border, MemoryMarshal.Cast<T, byte>(fillT), windows, SimdPath.Auto))
            return;
        // Bytes: bilinear perspective warps run the float reference's arithmetic, vectorised (PerspectiveKernels).
        if (fast && typeof(T) == typeof(byte) && interpolation == Interpolation.Bilinear && !inverse.IsAffine)
        {
            PerspectiveKernels.WarpBilinear(MemoryMarshal.Cast<T, byte>(src), srcWidth, srcHeight, channels,
                MemoryMarshal.Cast<T, byte>(dst), dstWidth, dstHeight, inverse, border, MemoryMarshal.Cast<T, byte>(fillT), windows, SimdPath.Auto);
            return;
        }
        var img = new Source<T>(src, srcWidth, srcHeight, channels, lo, hi);
        if (fast && inverse.IsAffine)
        {
            WarpAffine<T, TS>(img, dst, dstWidth, dstHeight, inverse, interpolation, border, fillT, fillF, windows);
            return;
        }
        for (int i = 0; i < dstHeight; i++)
            for (int j = 0; j < dstWidth; j++)
            {
                var (u, v) = inverse.Apply(j + 0.5, i + 0.5);
                Span<T> px = dst.Slice((i * dstWidth + j) * channels, channels);
                if (!InsideWindows(u, v, windows)) fillT.CopyTo(px);
                else Sample<T, TS>(img, u, v, interpolation, border, fillT, fillF, px);
            }
    }

    // ================================================================ remap

    /// <summary>
    /// Resamples <paramref name="src"/> through a per-pixel map (OpenCV's <c>cv2.remap</c> on continuous coordinates):
    /// destination pixel (j, i) reads at <c>(u, v) = (mapX[k], mapY[k])</c>, <c>k = i * dstWidth + j</c>, with the
    /// same per-pixel sampling as <see cref="Warp(ReadOnlySpan{byte}, int, int, int, Span{byte}, int, int, in Matrix3, Interpolation, BorderMode, ReadOnlySpan{float}, ReadOnlySpan{WarpWindow})"/>'s
    /// reference (the same taps, border rule and rounding); a pixel whose (u, v) is not finite takes the fill.
    /// Bilinear on bytes runs a fast path (pixels whose taps all lie inside read them directly, eight at a time with
    /// AVX2 gathers) that gives the same bits; other cases are scalar.
    /// </summary>
    /// <param name="src">The source, <paramref name="srcWidth"/> x <paramref name="srcHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="srcWidth">Source columns.</param>
    /// <param name="srcHeight">Source rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="dst">The destination, <paramref name="dstWidth"/> x <paramref name="dstHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="dstWidth">Destination columns.</param>
    /// <param name="dstHeight">Destination rows.</param>
    /// <param name="mapX">Source x per destination pixel, at least <paramref name="dstWidth"/> * <paramref name="dstHeight"/> values.</param>
    /// <param name="mapY">Source y per destination pixel, as long as <paramref name="mapX"/> needs.</param>
    /// <param name="interpolation">Nearest, Bilinear, Bicubic or Lanczos.</param>
    /// <param name="border">How indices outside the source are read.</param>
    /// <param name="fill">One finite value per channel.</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, a map shorter than the destination, Area interpolation,
    /// or a fill of the wrong length or not finite.</exception>
    public static void Remap(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, ReadOnlySpan<float> mapX, ReadOnlySpan<float> mapY,
        Interpolation interpolation, BorderMode border, ReadOnlySpan<float> fill) =>
        RemapCore<byte, ByteSample>(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, mapX, mapY, interpolation, border, fill, 0f, 255f, fast: true);

    /// <summary>As the byte overload, on float samples, with interpolated results clamped to <paramref name="range"/>.</summary>
    /// <param name="src">The source, <paramref name="srcWidth"/> x <paramref name="srcHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="srcWidth">Source columns.</param>
    /// <param name="srcHeight">Source rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="dst">The destination, <paramref name="dstWidth"/> x <paramref name="dstHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="dstWidth">Destination columns.</param>
    /// <param name="dstHeight">Destination rows.</param>
    /// <param name="mapX">Source x per destination pixel.</param>
    /// <param name="mapY">Source y per destination pixel.</param>
    /// <param name="interpolation">Nearest, Bilinear, Bicubic or Lanczos.</param>
    /// <param name="border">How indices outside the source are read.</param>
    /// <param name="fill">One finite value per channel.</param>
    /// <param name="range">The value range interpolated results are clamped to.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void Remap(ReadOnlySpan<float> src, int srcWidth, int srcHeight, int channels,
        Span<float> dst, int dstWidth, int dstHeight, ReadOnlySpan<float> mapX, ReadOnlySpan<float> mapY,
        Interpolation interpolation, BorderMode border, ReadOnlySpan<float> fill, ValueRange range) =>
        RemapCore<float, FloatSample>(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, mapX, mapY, interpolation, border, fill, range.Min, range.Max, fast: true);

    private static void RemapCore<T, TS>(ReadOnlySpan<T> src, int srcWidth, int srcHeight, int channels,
        Span<T> dst, int dstWidth, int dstHeight, ReadOnlySpan<float> mapX, ReadOnlySpan<float> mapY,
        Interpolation interpolation, BorderMode border, ReadOnlySpan<float> fill, float lo, float hi, bool fast)
        where T : unmanaged where TS : ISample<T>
    {
        CheckRemap(src.Length, srcWidth, srcHeight, channels, dst.Length, dstWidth, dstHeight, mapX.Length, mapY.Length,
            interpolation, border, fill);
        long n = (long)dstWidth * dstHeight;
        Span<T> fillT = stackalloc T[channels];
        Span<float> fillF = stackalloc float[channels];
        for (int c = 0; c < channels; c++)
        {
            fillT[c] = TS.FromFloat(fill[c]);
            fillF[c] = TS.ToFloat(fillT[c]);
        }
        if (fast && typeof(T) == typeof(byte) && interpolation == Interpolation.Bilinear)
        {
            RemapBilinearFast(MemoryMarshal.Cast<T, byte>(src), srcWidth, srcHeight, channels, MemoryMarshal.Cast<T, byte>(dst), (int)n,
                mapX, mapY, border, MemoryMarshal.Cast<T, byte>(fillT), fillF, SimdPath.Auto);
            return;
        }
        var img = new Source<T>(src, srcWidth, srcHeight, channels, lo, hi);
        for (int k = 0; k < (int)n; k++)
        {
            double u = mapX[k], v = mapY[k];
            Span<T> px = dst.Slice(k * channels, channels);
            if (!double.IsFinite(u) || !double.IsFinite(v)) fillT.CopyTo(px);
            else Sample<T, TS>(img, u, v, interpolation, border, fillT, fillF, px);
        }
    }

    private readonly ref struct Source<T>(ReadOnlySpan<T> data, int width, int height, int channels, float lo, float hi) where T : unmanaged
    {
        public readonly ReadOnlySpan<T> Data = data;
        public readonly int Width = width, Height = height, Channels = channels;
        // The range Bicubic and Lanczos results are clamped to.
        public readonly float Lo = lo, Hi = hi;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool InsideWindows(double u, double v, ReadOnlySpan<WarpWindow> windows)
    {
        if (!double.IsFinite(u) || !double.IsFinite(v)) return false;
        for (int k = 0; k < windows.Length; k++)
        {
            ref readonly WarpWindow w = ref windows[k];
            var (a, b) = w.ToIntermediate.Apply(u, v);
            if (!(a >= 0 && a < w.Width && b >= 0 && b < w.Height)) return false;
        }
        return true;
    }

    /// <summary>Floors a finite coordinate to a 64-bit index, clamping it to +-2^52 first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long FloorIndex(double x) => (long)Math.Floor(Math.Clamp(x, -CoordLimit, CoordLimit));

    /// <summary>An index into [0, n) by the border rule, or -1 where a Constant border reads the fill.</summary>
    internal static long ResolveIndex(long x, long n, BorderMode border)
    {
        if ((ulong)x < (ulong)n) return x;
        switch (border)
        {
            case BorderMode.Constant: return -1;
            case BorderMode.Replicate: return x < 0 ? 0 : n - 1;
            default:
                if (n == 1) return 0;
                long p = 2 * n - 2, k = x % p;
                if (k < 0) k += p;
                return k >= n ? p - k : k;
        }
    }

    // One pixel of the reference: every tap through the border rule.
    private static void Sample<T, TS>(in Source<T> img, double u, double v, Interpolation interpolation, BorderMode border,
        ReadOnlySpan<T> fillT, ReadOnlySpan<float> fillF, Span<T> px)
        where T : unmanaged where TS : ISample<T>
    {
        int ch = img.Channels;
        if (interpolation == Interpolation.Nearest)
        {
            long x = ResolveIndex(FloorIndex(u), img.Width, border), y = ResolveIndex(FloorIndex(v), img.Height, border);
            if (x < 0 || y < 0) fillT.CopyTo(px);
            else img.Data.Slice((int)((y * img.Width + x) * ch), ch).CopyTo(px);
            return;
        }
        if (interpolation is Interpolation.Bicubic or Interpolation.Lanczos)
        {
            SampleKernel<T, TS>(img, u, v, interpolation == Interpolation.Bicubic ? 4 : 8, border, fillF, px);
            return;
        }
        double fx = u - 0.5, fy = v - 0.5;
        double x0d = Math.Floor(fx), y0d = Math.Floor(fy);
        float ax = (float)(fx - x0d), ay = (float)(fy - y0d);
        long x0 = FloorIndex(fx), y0 = FloorIndex(fy);
        long rx0 = ResolveIndex(x0, img.Width, border), rx1 = ResolveIndex(x0 + 1, img.Width, border);
        long ry0 = ResolveIndex(y0, img.Height, border), ry1 = ResolveIndex(y0 + 1, img.Height, border);
        for (int c = 0; c < ch; c++)
        {
            float p00 = Tap<T, TS>(img, rx0, ry0, c, fillF), p10 = Tap<T, TS>(img, rx1, ry0, c, fillF);
            float p01 = Tap<T, TS>(img, rx0, ry1, c, fillF), p11 = Tap<T, TS>(img, rx1, ry1, c, fillF);
            px[c] = TS.FromFloat(Math.Clamp(Blend(p00, p10, p01, p11, ax, ay), img.Lo, img.Hi));
        }
    }

    // Bicubic (n = 4) and Lanczos (n = 8): taps floor(f) - n/2 + 1 .. floor(f) + n/2 on each axis, every one through
    // the border rule; each row summed with the x weights, then the rows with the y weights, in float32; clamped.
    private static void SampleKernel<T, TS>(in Source<T> img, double u, double v, int n, BorderMode border,
        ReadOnlySpan<float> fillF, Span<T> px)
        where T : unmanaged where TS : ISample<T>
    {
        double fx = u - 0.5, fy = v - 0.5;
        double x0d = Math.Floor(fx), y0d = Math.Floor(fy);
        Span<float> wx = stackalloc float[8], wy = stackalloc float[8];
        if (n == 4) { CubicWeights((float)(fx - x0d), wx); CubicWeights((float)(fy - y0d), wy); }
        else { Lanczos4Weights((float)(fx - x0d), wx); Lanczos4Weights((float)(fy - y0d), wy); }
        long x0 = FloorIndex(fx) - (n / 2 - 1), y0 = FloorIndex(fy) - (n / 2 - 1);
        Span<long> rx = stackalloc long[8], ry = stackalloc long[8];
        for (int k = 0; k < n; k++)
        {
            rx[k] = ResolveIndex(x0 + k, img.Width, border);
            ry[k] = ResolveIndex(y0 + k, img.Height, border);
        }
        for (int c = 0; c < img.Channels; c++)
        {
            float acc = 0f;
            for (int r = 0; r < n; r++)
            {
                float row = 0f;
                for (int k = 0; k < n; k++) row += wx[k] * Tap<T, TS>(img, rx[k], ry[r], c, fillF);
                acc += wy[r] * row;
            }
            px[c] = TS.FromFloat(Math.Clamp(acc, img.Lo, img.Hi));
        }
    }

    /// <summary>OpenCV's <c>interpolateCubic</c> (A = -0.75) at fraction <paramref name="x"/> in [0, 1), in float32:
    /// the weights of the taps at offsets -1, 0, 1, 2.</summary>
    internal static void CubicWeights(float x, Span<float> w)
    {
        const float A = -0.75f;
        w[0] = ((A * (x + 1) - 5 * A) * (x + 1) + 8 * A) * (x + 1) - 4 * A;
        w[1] = ((A + 2) * x - (A + 3)) * x * x + 1;
        w[2] = ((A + 2) * (1 - x) - (A + 3)) * (1 - x) * (1 - x) + 1;
        w[3] = 1f - w[0] - w[1] - w[2];
    }

    /// <summary>OpenCV's <c>interpolateLanczos4</c> at fraction <paramref name="x"/> in [0, 1): the weights of the taps
    /// at offsets -3 .. 4, <c>sin(pi d) sin(pi d / 4) / (pi^2 d^2 / 4)</c> at d = x + 3 - i by OpenCV's angle-sum
    /// formula in double, rounded to float and normalised to sum 1 (a tap at d = 0 takes the weight alone).</summary>
    internal static void Lanczos4Weights(float x, Span<float> w)
    {
        const double s45 = 0.70710678118654752440084436210485;
        ReadOnlySpan<double> cs0 = [1, -s45, 0, s45, -1, s45, 0, -s45];
        ReadOnlySpan<double> cs1 = [0, -s45, 1, -s45, 0, s45, -1, s45];
        float sum = 0;
        double y0 = -(x + 3) * Math.PI * 0.25, s0 = Math.Sin(y0), c0 = Math.Cos(y0);
        for (int i = 0; i < 8; i++)
        {
            float d = x + 3 - i;
            if (MathF.Abs(d) >= 1e-6f)
            {
                double y = -d * Math.PI * 0.25;
                w[i] = (float)((cs0[i] * s0 + cs1[i] * c0) / (y * y));
            }
            else w[i] = 1e30f;
            sum += w[i];
        }
        sum = 1f / sum;
        for (int i = 0; i < 8; i++) w[i] *= sum;
    }

    private static float Tap<T, TS>(in Source<T> img, long x, long y, int c, ReadOnlySpan<float> fillF)
        where T : unmanaged where TS : ISample<T> =>
        x < 0 || y < 0 ? fillF[c] : TS.ToFloat(img.Data[(int)((y * img.Width + x) * img.Channels + c)]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Blend(float p00, float p10, float p01, float p11, float ax, float ay) =>
        (1f - ay) * ((1f - ax) * p00 + ax * p10) + ay * ((1f - ax) * p01 + ax * p11);

    // The affine path: x' = M00 x + M01 y + M02 evaluated as (M00*x + (M01*y)) + M02, the same operations in the
    // same order as Matrix3.Apply, with M01*y hoisted per row. Pixels whose taps all lie inside skip the border rule
    // (nearest and bilinear; Bicubic and Lanczos pixels run the reference's per-pixel code).
    private static void WarpAffine<T, TS>(in Source<T> img, Span<T> dst, int dstWidth, int dstHeight, in Matrix3 m,
        Interpolation interpolation, BorderMode border, ReadOnlySpan<T> fillT, ReadOnlySpan<float> fillF, ReadOnlySpan<WarpWindow> windows)
        where T : unmanaged where TS : ISample<T>
    {
        int ch = img.Channels, w = img.Width, h = img.Height;
        double m00 = m.M00, m02 = m.M02, m10 = m.M10, m12 = m.M12;
        ref T s = ref MemoryMarshal.GetReference(img.Data);
        bool bilinear = interpolation == Interpolation.Bilinear;
        for (int i = 0; i < dstHeight; i++)
        {
            double y = i + 0.5;
            double a0 = m.M01 * y, a1 = m.M11 * y;
            ref T drow = ref MemoryMarshal.GetReference(dst.Slice(i * dstWidth * ch, dstWidth * ch));
            for (int j = 0; j < dstWidth; j++)
            {
                double x = j + 0.5;
                double u = m00 * x + a0 + m02, v = m10 * x + a1 + m12;
                ref T o = ref Unsafe.Add(ref drow, j * ch);
                if (!InsideWindows(u, v, windows))
                {
                    for (int c = 0; c < ch; c++) Unsafe.Add(ref o, c) = fillT[c];
                    continue;
                }
                if (bilinear)
                {
                    double fx = u - 0.5, fy = v - 0.5;
                    double x0d = Math.Floor(fx), y0d = Math.Floor(fy);
                    if (x0d >= 0 && x0d < w - 1 && y0d >= 0 && y0d < h - 1)
                    {
                        float ax = (float)(fx - x0d), ay = (float)(fy - y0d);
                        float bx = 1f - ax, by = 1f - ay;
                        ref T p0 = ref Unsafe.Add(ref s, ((int)y0d * w + (int)x0d) * ch);
                        ref T p1 = ref Unsafe.Add(ref p0, w * ch);
                        for (int c = 0; c < ch; c++)
                        {
                            float p00 = TS.ToFloat(Unsafe.Add(ref p0, c)), p10 = TS.ToFloat(Unsafe.Add(ref p0, ch + c));
                            float p01 = TS.ToFloat(Unsafe.Add(ref p1, c)), p11 = TS.ToFloat(Unsafe.Add(ref p1, ch + c));
                            Unsafe.Add(ref o, c) = TS.FromFloat(Math.Clamp(by * (bx * p00 + ax * p10) + ay * (bx * p01 + ax * p11), img.Lo, img.Hi));
                        }
                        continue;
                    }
                }
                else if (interpolation == Interpolation.Nearest)
                {
                    double xd = Math.Floor(u), yd = Math.Floor(v);
                    if (xd >= 0 && xd < w && yd >= 0 && yd < h)
                    {
                        ref T p = ref Unsafe.Add(ref s, ((int)yd * w + (int)xd) * ch);
                        for (int c = 0; c < ch; c++) Unsafe.Add(ref o, c) = Unsafe.Add(ref p, c);
                        continue;
                    }
                }
                Sample<T, TS>(img, u, v, interpolation, border, fillT, fillF, MemoryMarshal.CreateSpan(ref o, ch));
            }
        }
    }

    // ================================================================ exact integer copies

    /// <summary>
    /// Copies by an exact integer map: <c>dst(j, i) = src(A j + B i + C, D j + E i + F)</c> where that source
    /// index lies inside the window [<paramref name="windowX0"/>, <paramref name="windowX1"/>) x
    /// [<paramref name="windowY0"/>, <paramref name="windowY1"/>) of the source. Outside it, a Constant border
    /// writes <paramref name="fill"/>; Replicate and Reflect101 resolve the index against the window as if the
    /// window were the whole image. Row-preserving maps (B = D = 0) copy each row's in-window run with one span copy
    /// (or a reversed pixel copy when A = -1); transposing maps (A = E = 0) copy the in-window rectangle in blocks
    /// transposed in vector registers for pixels of 1, 3 and 4 bytes, in 32 x 32 tiles otherwise.
    /// </summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="src">The source, <paramref name="srcWidth"/> x <paramref name="srcHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="srcWidth">Source columns.</param>
    /// <param name="srcHeight">Source rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="dst">The destination, <paramref name="dstWidth"/> x <paramref name="dstHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="dstWidth">Destination columns.</param>
    /// <param name="dstHeight">Destination rows.</param>
    /// <param name="map">Destination index to source index; (A, B, D, E) a signed permutation.</param>
    /// <param name="windowX0">First window column.</param>
    /// <param name="windowY0">First window row.</param>
    /// <param name="windowX1">One past the last window column.</param>
    /// <param name="windowY1">One past the last window row.</param>
    /// <param name="border">How indices outside the window are read.</param>
    /// <param name="fill">One value per channel for a Constant border (may be empty for the others).</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, a map that is not a signed permutation, an empty window or one
    /// that leaves the source, or a fill of the wrong length.</exception>
    public static void CopyExact<T>(ReadOnlySpan<T> src, int srcWidth, int srcHeight, int channels,
        Span<T> dst, int dstWidth, int dstHeight, IntegerMap map,
        int windowX0, int windowY0, int windowX1, int windowY1, BorderMode border, ReadOnlySpan<T> fill)
        where T : unmanaged
    {
        CheckCopy(src.Length, srcWidth, srcHeight, channels, dst.Length, dstWidth, dstHeight, map,
            windowX0, windowY0, windowX1, windowY1, border, fill.Length);
        var win = new Window(windowX0, windowY0, windowX1, windowY1, border);
        if (map.B == 0 && map.D == 0) CopyRows(src, srcWidth, channels, dst, dstWidth, dstHeight, map, win, fill);
        else CopyTransposed(src, srcWidth, channels, dst, dstWidth, dstHeight, map, win, fill);
    }

    /// <summary>The naive per-pixel reference of <see cref="CopyExact{T}"/>.</summary>
    internal static void CopyExactReference<T>(ReadOnlySpan<T> src, int srcWidth, int srcHeight, int channels,
        Span<T> dst, int dstWidth, int dstHeight, IntegerMap map,
        int windowX0, int windowY0, int windowX1, int windowY1, BorderMode border, ReadOnlySpan<T> fill)
        where T : unmanaged
    {
        CheckCopy(src.Length, srcWidth, srcHeight, channels, dst.Length, dstWidth, dstHeight, map,
            windowX0, windowY0, windowX1, windowY1, border, fill.Length);
        var win = new Window(windowX0, windowY0, windowX1, windowY1, border);
        for (int i = 0; i < dstHeight; i++)
            for (int j = 0; j < dstWidth; j++)
                CopyPixel(src, srcWidth, channels, dst, dstWidth, map, win, fill, j, i);
    }

    private readonly record struct Window(int X0, int Y0, int X1, int Y1, BorderMode Border)
    {
        public long ResolveX(long x) { long r = ResolveIndex(x - X0, X1 - X0, Border); return r < 0 ? -1 : r + X0; }
        public long ResolveY(long y) { long r = ResolveIndex(y - Y0, Y1 - Y0, Border); return r < 0 ? -1 : r + Y0; }
    }

    private static void CopyPixel<T>(ReadOnlySpan<T> src, int srcWidth, int channels, Span<T> dst, int dstWidth,
        IntegerMap m, in Window win, ReadOnlySpan<T> fill, int j, int i) where T : unmanaged
    {
        long sx = (long)m.A * j + (long)m.B * i + m.C, sy = (long)m.D * j + (long)m.E * i + m.F;
        long rx = win.ResolveX(sx), ry = win.ResolveY(sy);
        Span<T> o = dst.Slice((i * dstWidth + j) * channels, channels);
        if (rx < 0 || ry < 0) fill.CopyTo(o);
        else src.Slice((int)(ry * srcWidth + rx) * channels, channels).CopyTo(o);
    }

    // The destination indices [lo, hi) for which s = sign * t + offset falls in [w0, w1), clamped to [0, n).
    private static (int Lo, int Hi) Run(int sign, long offset, int w0, int w1, int n)
    {
        long lo, hi;
        if (sign == 1) { lo = w0 - offset; hi = w1 - offset; }
        else { lo = offset - w1 + 1; hi = offset - w0 + 1; }
        lo = Math.Clamp(lo, 0, n);
        hi = Math.Clamp(hi, lo, n);
        return ((int)lo, (int)hi);
    }

    private static void CopyRows<T>(ReadOnlySpan<T> src, int srcWidth, int channels, Span<T> dst, int dstWidth, int dstHeight,
        IntegerMap m, in Window win, ReadOnlySpan<T> fill) where T : unmanaged
    {
        int row = dstWidth * channels;
        var (j0, j1) = Run(m.A, m.C, win.X0, win.X1, dstWidth);
        // A mirror of whole rows, in order, all inside the window: one call of the SIMD flip for the whole block,
        // instead of one call per row.
        if (m.A == -1 && m.E == 1 && j0 == 0 && j1 == dstWidth && dstWidth == srcWidth && m.C == srcWidth - 1
            && m.F >= win.Y0 && (long)m.F + dstHeight <= win.Y1 && (typeof(T) == typeof(byte) || typeof(T) == typeof(float)))
        {
            var from = src.Slice(m.F * row, dstHeight * row);
            if (typeof(T) == typeof(byte))
                PixelKernels.FlipHorizontal(MemoryMarshal.Cast<T, byte>(from), MemoryMarshal.Cast<T, byte>(dst), dstWidth, dstHeight, channels);
            else
                PixelKernels.FlipHorizontal(MemoryMarshal.Cast<T, float>(from), MemoryMarshal.Cast<T, float>(dst), dstWidth, dstHeight, channels);
            return;
        }
        // Everything else: row copies with the border resolved once per column (ExactCopyRows).
        ExactCopyRows.Copy(src, srcWidth, channels, dst, dstWidth, dstHeight, m, win.X0, win.Y0, win.X1, win.Y1, win.Border, fill, SimdPath.Auto);
    }

    private static void CopyTransposed<T>(ReadOnlySpan<T> src, int srcWidth, int channels, Span<T> dst, int dstWidth, int dstHeight,
        IntegerMap m, in Window win, ReadOnlySpan<T> fill) where T : unmanaged
    {
        // sx = B i + C depends on the row only, sy = D j + F on the column only: the in-window part is a rectangle.
        var (i0, i1) = Run(m.B, m.C, win.X0, win.X1, dstHeight);
        var (j0, j1) = Run(m.D, m.F, win.Y0, win.Y1, dstWidth);
        if (j1 == j0) { i0 = 0; i1 = 0; }
        for (int i = 0; i < dstHeight; i++)
        {
            if (i < i0 || i >= i1)
            {
                for (int j = 0; j < dstWidth; j++) CopyPixel(src, srcWidth, channels, dst, dstWidth, m, win, fill, j, i);
                continue;
            }
            for (int j = 0; j < j0; j++) CopyPixel(src, srcWidth, channels, dst, dstWidth, m, win, fill, j, i);
            for (int j = j1; j < dstWidth; j++) CopyPixel(src, srcWidth, channels, dst, dstWidth, m, win, fill, j, i);
        }
        // Whole pixels move as one value of their size (1, 3, 4, 12 or 16 bytes), so the tile loop copies a pixel
        // with one load and one store instead of a loop over its channels.
        int pixelBytes = Unsafe.SizeOf<T>() * channels;
        var sb = MemoryMarshal.AsBytes(src);
        var db = MemoryMarshal.AsBytes(dst);
        switch (pixelBytes)
        {
            // 1, 3 and 4 bytes: blocks transposed in vector registers (FixedGeometry.Transpose).
            case 1 or 3 or 4: FixedGeometry.Transpose(sb, srcWidth, pixelBytes, db, dstWidth, m, i0, i1, j0, j1, SimdPath.Auto); break;
            case 12: TransposeTiles(MemoryMarshal.Cast<byte, Pixel12>(sb), srcWidth, MemoryMarshal.Cast<byte, Pixel12>(db), dstWidth, m, i0, i1, j0, j1); break;
            case 16: TransposeTiles(MemoryMarshal.Cast<byte, Pixel16>(sb), srcWidth, MemoryMarshal.Cast<byte, Pixel16>(db), dstWidth, m, i0, i1, j0, j1); break;
            default: TransposeTilesByChannel(src, srcWidth, channels, dst, dstWidth, m, i0, i1, j0, j1); break;
        }
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)] private readonly struct Pixel12 { private readonly uint _a, _b, _c; }
    [StructLayout(LayoutKind.Sequential, Pack = 1)] private readonly struct Pixel16 { private readonly ulong _a, _b; }

    // The in-window rectangle of a transposing map in 32 x 32 tiles, one pixel value at a time.
    private static void TransposeTiles<TP>(ReadOnlySpan<TP> src, int srcWidth, Span<TP> dst, int dstWidth,
        IntegerMap m, int i0, int i1, int j0, int j1) where TP : unmanaged
    {
        const int tile = 32;
        ref TP s = ref MemoryMarshal.GetReference(src);
        ref TP d = ref MemoryMarshal.GetReference(dst);
        for (int ti = i0; ti < i1; ti += tile)
        {
            int ie = Math.Min(ti + tile, i1);
            for (int tj = j0; tj < j1; tj += tile)
            {
                int je = Math.Min(tj + tile, j1);
                for (int i = ti; i < ie; i++)
                {
                    int sx = (int)((long)m.B * i + m.C);
                    ref TP dp = ref Unsafe.Add(ref d, i * dstWidth + tj);
                    int sy = (int)((long)m.D * tj + m.F);
                    int step = m.D * srcWidth;
                    ref TP sp = ref Unsafe.Add(ref s, sy * srcWidth + sx);
                    for (int j = tj; j < je; j++)
                    {
                        dp = sp;
                        dp = ref Unsafe.Add(ref dp, 1);
                        sp = ref Unsafe.Add(ref sp, step);
                    }
                }
            }
        }
    }

    private static void TransposeTilesByChannel<T>(ReadOnlySpan<T> src, int srcWidth, int channels, Span<T> dst, int dstWidth,
        IntegerMap m, int i0, int i1, int j0, int j1) where T : unmanaged
    {
        const int tile = 32;
        ref T s = ref MemoryMarshal.GetReference(src);
        ref T d = ref MemoryMarshal.GetReference(dst);
        for (int ti = i0; ti < i1; ti += tile)
        {
            int ie = Math.Min(ti + tile, i1);
            for (int tj = j0; tj < j1; tj += tile)
            {
                int je = Math.Min(tj + tile, j1);
                for (int i = ti; i < ie; i++)
                {
                    int sx = (int)((long)m.B * i + m.C);
                    ref T dp = ref Unsafe.Add(ref d, (i * dstWidth + tj) * channels);
                    int sy = (int)((long)m.D * tj + m.F);
                    for (int j = tj; j < je; j++, sy += m.D)
                    {
                        ref T sp = ref Unsafe.Add(ref s, (sy * srcWidth + sx) * channels);
                        for (int c = 0; c < channels; c++) Unsafe.Add(ref dp, c) = Unsafe.Add(ref sp, c);
                        dp = ref Unsafe.Add(ref dp, channels);
                    }
                }
            }
        }
    }

    private static void CheckCopy(int srcLength, int srcWidth, int srcHeight, int channels, int dstLength, int dstWidth, int dstHeight,
        IntegerMap map, int windowX0, int windowY0, int windowX1, int windowY1, BorderMode border, int fillLength)
    {
        CheckPair(srcLength, srcWidth, srcHeight, channels, dstLength, dstWidth, dstHeight);
        bool rows = map.B == 0 && map.D == 0 && Math.Abs(map.A) == 1 && Math.Abs(map.E) == 1;
        bool cols = map.A == 0 && map.E == 0 && Math.Abs(map.B) == 1 && Math.Abs(map.D) == 1;
        if (!rows && !cols) Throw.Argument(nameof(map), map, "a signed permutation (A, B, D, E): B = D = 0 and |A| = |E| = 1, or A = E = 0 and |B| = |D| = 1");
        if (windowX0 < 0 || windowX0 >= srcWidth) Throw.Argument(nameof(windowX0), windowX0, $"0 to {srcWidth - 1} (source width {srcWidth})");
        if (windowY0 < 0 || windowY0 >= srcHeight) Throw.Argument(nameof(windowY0), windowY0, $"0 to {srcHeight - 1} (source height {srcHeight})");
        if (windowX1 <= windowX0 || windowX1 > srcWidth) Throw.Argument(nameof(windowX1), windowX1, $"{windowX0 + 1} to {srcWidth} (windowX0 {windowX0}, source width {srcWidth})");
        if (windowY1 <= windowY0 || windowY1 > srcHeight) Throw.Argument(nameof(windowY1), windowY1, $"{windowY0 + 1} to {srcHeight} (windowY0 {windowY0}, source height {srcHeight})");
        if (border is not (BorderMode.Constant or BorderMode.Reflect101 or BorderMode.Replicate))
            Throw.Argument(nameof(border), border, "Constant, Reflect101 or Replicate");
        if (border == BorderMode.Constant ? fillLength != channels : fillLength is not 0 && fillLength != channels)
            Throw.Argument("fill", fillLength, $"{channels} values (one per channel)" + (border == BorderMode.Constant ? "" : " or none"));
    }

    // ================================================================ area resize

    /// <summary>
    /// Area resampling: destination pixel (j, i) is the mean of the source over the continuous rectangle
    /// [x0 + j sx, x0 + (j+1) sx) x [y0 + i sy, y0 + (i+1) sy), each source pixel weighted by its exact overlap;
    /// parts of the rectangle outside the source read the nearest edge pixel (replicate). Separable, weights and
    /// sums in double, bytes rounded half to even. On bytes, an integer shrink (origin (0, 0), integral scales, every
    /// footprint inside the source) is exact integer averaging: 2 x 2 blocks round as OpenCV <c>INTER_AREA</c>'s fast
    /// path, <c>(sum + 2) &gt;&gt; 2</c> (halves up), other factors round the exact mean half to even (as above).
    /// </summary>
    /// <param name="src">The source, <paramref name="srcWidth"/> x <paramref name="srcHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="srcWidth">Source columns.</param>
    /// <param name="srcHeight">Source rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="dst">The destination, <paramref name="dstWidth"/> x <paramref name="dstHeight"/> x <paramref name="channels"/>.</param>
    /// <param name="dstWidth">Destination columns.</param>
    /// <param name="dstHeight">Destination rows.</param>
    /// <param name="x0">Source x of the destination's left edge.</param>
    /// <param name="y0">Source y of the destination's top edge.</param>
    /// <param name="scaleX">Source columns per destination column (positive).</param>
    /// <param name="scaleY">Source rows per destination row (positive).</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, or an origin or scale that is not finite, or a scale that is not positive.</exception>
    public static void ResizeArea(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, double x0, double y0, double scaleX, double scaleY) =>
        ResizeAreaCore<byte, ByteSample>(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, x0, y0, scaleX, scaleY);

    /// <summary>As the byte overload, on float samples (the mean rounded once to float32).</summary>
    /// <param name="src">The source.</param>
    /// <param name="srcWidth">Source columns.</param>
    /// <param name="srcHeight">Source rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="dst">The destination.</param>
    /// <param name="dstWidth">Destination columns.</param>
    /// <param name="dstHeight">Destination rows.</param>
    /// <param name="x0">Source x of the destination's left edge.</param>
    /// <param name="y0">Source y of the destination's top edge.</param>
    /// <param name="scaleX">Source columns per destination column (positive).</param>
    /// <param name="scaleY">Source rows per destination row (positive).</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void ResizeArea(ReadOnlySpan<float> src, int srcWidth, int srcHeight, int channels,
        Span<float> dst, int dstWidth, int dstHeight, double x0, double y0, double scaleX, double scaleY) =>
        ResizeAreaCore<float, FloatSample>(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, x0, y0, scaleX, scaleY);

    private static void ResizeAreaCore<T, TS>(ReadOnlySpan<T> src, int srcWidth, int srcHeight, int channels,
        Span<T> dst, int dstWidth, int dstHeight, double x0, double y0, double scaleX, double scaleY)
        where T : unmanaged where TS : ISample<T>
    {
        CheckPair(src.Length, srcWidth, srcHeight, channels, dst.Length, dstWidth, dstHeight);
        if (!double.IsFinite(x0)) Throw.Argument(nameof(x0), x0, "a finite number");
        if (!double.IsFinite(y0)) Throw.Argument(nameof(y0), y0, "a finite number");
        if (!(scaleX > 0) || !double.IsFinite(scaleX)) Throw.Argument(nameof(scaleX), scaleX, "a finite positive number");
        if (!(scaleY > 0) || !double.IsFinite(scaleY)) Throw.Argument(nameof(scaleY), scaleY, "a finite positive number");

        // Integer shrink factors on bytes: exact integer sums (FixedGeometry).
        if (typeof(T) == typeof(byte) && FixedGeometry.IsIntegerArea(srcWidth, srcHeight, dstWidth, dstHeight, x0, y0, scaleX, scaleY))
        {
            FixedGeometry.AreaInteger(MemoryMarshal.Cast<T, byte>(src), srcWidth, channels, MemoryMarshal.Cast<T, byte>(dst),
                dstWidth, dstHeight, (int)scaleX, (int)scaleY, SimdPath.Auto);
            return;
        }
        int strideX = TapBound(scaleX, srcWidth), strideY = TapBound(scaleY, srcHeight);
        var pool = ArrayPool<double>.Shared;
        var ipool = ArrayPool<int>.Shared;
        double[] wx = pool.Rent(dstWidth * strideX), wy = pool.Rent(dstHeight * strideY), acc = pool.Rent(dstWidth * channels);
        int[] ix = ipool.Rent(dstWidth * strideX), iy = ipool.Rent(dstHeight * strideY), nx = ipool.Rent(dstWidth), ny = ipool.Rent(dstHeight);
        try
        {
            AreaWeights(x0, scaleX, srcWidth, dstWidth, strideX, wx, ix, nx);
            AreaWeights(y0, scaleY, srcHeight, dstHeight, strideY, wy, iy, ny);
            int row = srcWidth * channels;
            for (int i = 0; i < dstHeight; i++)
            {
                Span<double> a = acc.AsSpan(0, dstWidth * channels);
                a.Clear();
                for (int t = 0; t < ny[i]; t++)
                {
                    double w = wy[i * strideY + t];
                    ReadOnlySpan<T> srow = src.Slice(iy[i * strideY + t] * row, row);
                    for (int j = 0; j < dstWidth; j++)
                        for (int c = 0; c < channels; c++)
                        {
                            double h = 0;
                            for (int k = 0; k < nx[j]; k++)
                                h += wx[j * strideX + k] * TS.ToFloat(srow[ix[j * strideX + k] * channels + c]);
                            a[j * channels + c] += w * h;
                        }
                }
                Span<T> drow = dst.Slice(i * dstWidth * channels, dstWidth * channels);
                for (int q = 0; q < drow.Length; q++)
                {
                    if (typeof(T) == typeof(byte))
                    {
                        byte bv = (byte)Math.Clamp(Math.Round(a[q]), 0.0, 255.0);
                        drow[q] = Unsafe.As<byte, T>(ref bv);
                    }
                    else drow[q] = TS.FromFloat((float)a[q]);
                }
            }
        }
        finally
        {
            pool.Return(wx); pool.Return(wy); pool.Return(acc);
            ipool.Return(ix); ipool.Return(iy); ipool.Return(nx); ipool.Return(ny);
        }
    }

    // At most this many source pixels overlap one destination pixel on an axis (the clamped edges merge into the
    // first and last taps).
    private static int TapBound(double scale, int srcSize) => (int)Math.Min(srcSize, Math.Ceiling(scale) + 2);

    private static void AreaWeights(double origin, double scale, int srcSize, int dstSize, int stride, double[] w, int[] idx, int[] count)
    {
        for (int j = 0; j < dstSize; j++)
        {
            double a = origin + j * scale, b = origin + (j + 1) * scale;
            double len = b - a;
            int n = 0, at = j * stride;
            // Below 0 reads pixel 0; at or past srcSize reads pixel srcSize - 1.
            double below = Math.Max(0, Math.Min(b, 0) - a), above = Math.Max(0, b - Math.Max(a, srcSize));
            double lo = Math.Max(a, 0), hi = Math.Min(b, srcSize);
            if (below > 0) { idx[at] = 0; w[at] = below; n = 1; }
            if (hi > lo)
            {
                for (long k = (long)Math.Floor(lo); k < hi; k++)
                {
                    double ov = Math.Min(hi, k + 1) - Math.Max(lo, k);
                    if (!(ov > 0)) continue;
                    if (n > 0 && idx[at + n - 1] == k) w[at + n - 1] += ov;
                    else { idx[at + n] = (int)k; w[at + n] = ov; n++; }
                }
            }
            if (above > 0)
            {
                if (n > 0 && idx[at + n - 1] == srcSize - 1) w[at + n - 1] += above;
                else { idx[at + n] = srcSize - 1; w[at + n] = above; n++; }
            }
            if (n == 0 || !(len > 0))
            {
                // Only when the rectangle is too far out for a + scale to differ from a: read the nearest edge.
                idx[at] = a < 0 ? 0 : srcSize - 1; w[at] = 1; n = 1;
            }
            else for (int k = 0; k < n; k++) w[at + k] /= len;
            count[j] = n;
        }
    }

    // ================================================================ lookup tables and histograms

    /// <summary>Maps each sample through its channel's table: <c>dst[i] = tables[(i % channels) * 256 + src[i]]</c>,
    /// four pixels per iteration.</summary>
    /// <param name="src">The source samples.</param>
    /// <param name="dst">The destination, as long as <paramref name="src"/>.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="tables">256 entries per channel, channel after channel.</param>
    /// <exception cref="ArgumentException">Lengths differ or are not a multiple of channels, channels is not 1, 3 or 4, or tables is not 256 * channels long.</exception>
    public static void ApplyTables(ReadOnlySpan<byte> src, Span<byte> dst, int channels, ReadOnlySpan<byte> tables)
    {
        CheckSamples(src.Length, channels);
        if (dst.Length != src.Length) Throw.Argument(nameof(dst), dst.Length, $"{src.Length} elements (the length of src)");
        if (tables.Length != 256 * channels) Throw.Argument(nameof(tables), tables.Length, $"{256 * channels} entries (256 per channel)");
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        ref byte t0 = ref MemoryMarshal.GetReference(tables);
        int n = src.Length, i = 0;
        switch (channels)
        {
            case 1:
                for (; i <= n - 8; i += 8)
                {
                    Unsafe.Add(ref d, i) = Unsafe.Add(ref t0, Unsafe.Add(ref s, i));
                    Unsafe.Add(ref d, i + 1) = Unsafe.Add(ref t0, Unsafe.Add(ref s, i + 1));
                    Unsafe.Add(ref d, i + 2) = Unsafe.Add(ref t0, Unsafe.Add(ref s, i + 2));
                    Unsafe.Add(ref d, i + 3) = Unsafe.Add(ref t0, Unsafe.Add(ref s, i + 3));
                    Unsafe.Add(ref d, i + 4) = Unsafe.Add(ref t0, Unsafe.Add(ref s, i + 4));
                    Unsafe.Add(ref d, i + 5) = Unsafe.Add(ref t0, Unsafe.Add(ref s, i + 5));
                    Unsafe.Add(ref d, i + 6) = Unsafe.Add(ref t0, Unsafe.Add(ref s, i + 6));
                    Unsafe.Add(ref d, i + 7) = Unsafe.Add(ref t0, Unsafe.Add(ref s, i + 7));
                }
                break;
            case 3:
            {
                ref byte t1 = ref Unsafe.Add(ref t0, 256), t2 = ref Unsafe.Add(ref t0, 512);
                for (; i <= n - 12; i += 12)
                    for (int k = 0; k < 12; k += 3)
                    {
                        Unsafe.Add(ref d, i + k) = Unsafe.Add(ref t0, Unsafe.Add(ref s, i + k));
                        Unsafe.Add(ref d, i + k + 1) = Unsafe.Add(ref t1, Unsafe.Add(ref s, i + k + 1));
                        Unsafe.Add(ref d, i + k + 2) = Unsafe.Add(ref t2, Unsafe.Add(ref s, i + k + 2));
                    }
                break;
            }
            default:
            {
                ref byte t1 = ref Unsafe.Add(ref t0, 256), t2 = ref Unsafe.Add(ref t0, 512), t3 = ref Unsafe.Add(ref t0, 768);
                for (; i <= n - 16; i += 16)
                    for (int k = 0; k < 16; k += 4)
                    {
                        Unsafe.Add(ref d, i + k) = Unsafe.Add(ref t0, Unsafe.Add(ref s, i + k));
                        Unsafe.Add(ref d, i + k + 1) = Unsafe.Add(ref t1, Unsafe.Add(ref s, i + k + 1));
                        Unsafe.Add(ref d, i + k + 2) = Unsafe.Add(ref t2, Unsafe.Add(ref s, i + k + 2));
                        Unsafe.Add(ref d, i + k + 3) = Unsafe.Add(ref t3, Unsafe.Add(ref s, i + k + 3));
                    }
                break;
            }
        }
        for (; i < n; i++) dst[i] = tables[(i % channels) * 256 + src[i]];
    }

    /// <summary>Counts each channel's values: <c>counts[c * 256 + v]</c> is the number of samples of channel c equal to v.
    /// <paramref name="counts"/> is cleared first. Eight pixels a step (8, 24 or 32 bytes read as whole ulongs, each byte's
    /// channel and sub-histogram fixed by its position), counted into four 32-bit sub-histograms (pixel index mod 4) so that
    /// runs of equal values do not wait on each other's increments; the sub-histograms are added with vectors.</summary>
    /// <param name="src">The samples, a whole number of pixels.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="counts">256 entries per channel.</param>
    /// <exception cref="ArgumentException">src is not a multiple of channels, channels is not 1, 3 or 4, or counts is not 256 * channels long.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Histogram(ReadOnlySpan<byte> src, int channels, Span<long> counts)
    {
        CheckSamples(src.Length, channels);
        if (counts.Length != 256 * channels) Throw.Argument(nameof(counts), counts.Length, $"{256 * channels} entries (256 per channel)");
        int bins = 256 * channels;
        Span<uint> sub = stackalloc uint[4 * bins];
        ref uint h = ref MemoryMarshal.GetReference(sub);
        ref byte s = ref MemoryMarshal.GetReference(src);
        int n = src.Length, step = 8 * channels, i = 0;
        counts.Clear();
        // A sub-histogram entry gets at most one count per four pixels: flush every 2^28 bytes, far before a uint wraps.
        while (i <= n - step)
        {
            sub.Clear();
            int len = (int)Math.Min((long)(n - i) / step * step, (1L << 28) / step * step);
            ref byte at = ref Unsafe.Add(ref s, i);
            i += channels switch
            {
                1 => HistogramSteps1(ref at, len, ref h),
                3 => HistogramSteps3(ref at, len, ref h),
                _ => HistogramSteps4(ref at, len, ref h),
            };
            AddSubHistograms(sub, bins, counts);
        }
        for (; i < n; i++) counts[(i % channels) * 256 + src[i]]++;
    }

    /// <summary>The plain count <see cref="Histogram"/> must equal: <c>counts[(i % channels) * 256 + src[i]]++</c> for every i.</summary>
    internal static void HistogramReference(ReadOnlySpan<byte> src, int channels, Span<long> counts)
    {
        CheckSamples(src.Length, channels);
        if (counts.Length != 256 * channels) Throw.Argument(nameof(counts), counts.Length, $"{256 * channels} entries (256 per channel)");
        counts.Clear();
        for (int i = 0; i < src.Length; i++) counts[(i % channels) * 256 + src[i]]++;
    }

    // counts[b] += sub[b] + sub[bins + b] + sub[2 bins + b] + sub[3 bins + b], the four uint sums widened to long.
    private static void AddSubHistograms(ReadOnlySpan<uint> sub, int bins, Span<long> counts)
    {
        int b = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref uint u = ref MemoryMarshal.GetReference(sub);
            ref long c = ref MemoryMarshal.GetReference(counts);
            for (; b <= bins - 8; b += 8)
            {
                // A flush holds at most 2^28 bytes, so the four entries sum to at most 2^28: uint adds do not wrap.
                var t = Vector256.LoadUnsafe(ref u, (nuint)b) + Vector256.LoadUnsafe(ref u, (nuint)(bins + b))
                    + Vector256.LoadUnsafe(ref u, (nuint)(2 * bins + b)) + Vector256.LoadUnsafe(ref u, (nuint)(3 * bins + b));
                var (lo, hi) = Vector256.Widen(t);
                (Vector256.LoadUnsafe(ref c, (nuint)b) + lo.AsInt64()).StoreUnsafe(ref c, (nuint)b);
                (Vector256.LoadUnsafe(ref c, (nuint)(b + 4)) + hi.AsInt64()).StoreUnsafe(ref c, (nuint)(b + 4));
            }
        }
        for (; b < bins; b++)
            counts[b] += (long)sub[b] + sub[bins + b] + sub[2 * bins + b] + sub[3 * bins + b];
    }

    // 8 pixels a step, read as whole ulongs: byte j of a step is channel j % c of pixel j / c, counted in sub-histogram
    // (j / c) % 4 so that equal neighbours do not wait on each other's increments; that entry's bin block starts at
    // 256 ((j / c) % 4 * c + j % c) = 256 (j mod 4c).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Count8(ref uint h, ulong w, int j0, int period)
    {
        Unsafe.Add(ref h, 256 * ((j0 + 0) % period) + (int)(w & 0xFF))++;
        Unsafe.Add(ref h, 256 * ((j0 + 1) % period) + (int)((w >> 8) & 0xFF))++;
        Unsafe.Add(ref h, 256 * ((j0 + 2) % period) + (int)((w >> 16) & 0xFF))++;
        Unsafe.Add(ref h, 256 * ((j0 + 3) % period) + (int)((w >> 24) & 0xFF))++;
        Unsafe.Add(ref h, 256 * ((j0 + 4) % period) + (int)((w >> 32) & 0xFF))++;
        Unsafe.Add(ref h, 256 * ((j0 + 5) % period) + (int)((w >> 40) & 0xFF))++;
        Unsafe.Add(ref h, 256 * ((j0 + 6) % period) + (int)((w >> 48) & 0xFF))++;
        Unsafe.Add(ref h, 256 * ((j0 + 7) % period) + (int)(w >> 56))++;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int HistogramSteps1(ref byte s, int n, ref uint h)
    {
        int i = 0;
        for (; i <= n - 8; i += 8)
        {
            Count8(ref h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i + 0)), 0, 4);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int HistogramSteps3(ref byte s, int n, ref uint h)
    {
        int i = 0;
        for (; i <= n - 24; i += 24)
        {
            Count8(ref h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i + 0)), 0, 12);
            Count8(ref h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i + 8)), 8, 12);
            Count8(ref h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i + 16)), 16, 12);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int HistogramSteps4(ref byte s, int n, ref uint h)
    {
        int i = 0;
        for (; i <= n - 32; i += 32)
        {
            Count8(ref h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i + 0)), 0, 16);
            Count8(ref h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i + 8)), 8, 16);
            Count8(ref h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i + 16)), 16, 16);
            Count8(ref h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i + 24)), 24, 16);
        }
        return i;
    }

    private static void CheckSamples(int length, int channels)
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4");
        if (length % channels != 0) Throw.Argument("src", length, $"a multiple of channels ({channels})");
    }

    // ================================================================ MixUp and CutMix

    /// <summary>
    /// MixUp blend: <c>dst[i] = clamp(round(lambda * a[i] + (1 - lambda) * b[i]), 0, 255)</c>, in float32 in that order,
    /// rounding half to even. Vector paths compute the same bits.
    /// </summary>
    /// <param name="a">The first image's samples.</param>
    /// <param name="b">The second image's samples, as long as <paramref name="a"/>.</param>
    /// <param name="dst">The destination, as long as <paramref name="a"/>.</param>
    /// <param name="lambda">The weight of <paramref name="a"/>, in [0, 1].</param>
    /// <param name="path">The code path (Auto picks the widest accelerated one).</param>
    /// <exception cref="ArgumentException">Lengths differ, or lambda is outside [0, 1].</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Mix(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> dst, float lambda, SimdPath path = SimdPath.Auto)
    {
        CheckMix(a.Length, b.Length, dst.Length, lambda);
        float mu = 1f - lambda;
        ref byte pa = ref MemoryMarshal.GetReference(a);
        ref byte pb = ref MemoryMarshal.GetReference(b);
        ref byte pd = ref MemoryMarshal.GetReference(dst);
        var resolved = Simd.Resolve(path);
        int done = resolved switch
        {
            // x86: one-instruction widening loads and narrowing stores (MixKernels); elsewhere the generic widths.
            SimdPath.Vector256 when System.Runtime.Intrinsics.X86.Avx2.IsSupported => MixX86(a, b, dst, lambda, mu, false),
            SimdPath.Vector512 when System.Runtime.Intrinsics.X86.Avx512F.IsSupported => MixX86(a, b, dst, lambda, mu, true),
            SimdPath.Vector128 => MixB<Vector128<float>, Vector128<byte>, W128>(ref pa, ref pb, ref pd, a.Length, lambda, mu),
            SimdPath.Vector256 => MixB<Vector256<float>, Vector256<byte>, W256>(ref pa, ref pb, ref pd, a.Length, lambda, mu),
            SimdPath.Vector512 => MixB<Vector512<float>, Vector512<byte>, W512>(ref pa, ref pb, ref pd, a.Length, lambda, mu),
            _ => 0,
        };
        for (int i = done; i < a.Length; i++)
            dst[i] = (byte)MathF.Min(MathF.Max(MathF.Round(lambda * a[i] + mu * b[i]), 0f), 255f);
    }

    private static unsafe int MixX86(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> dst, float lambda, float mu, bool wide)
    {
        fixed (byte* pa = a, pb = b, pd = dst)
            return wide ? MixKernels.Avx512Bytes(pa, pb, pd, a.Length, lambda, mu) : MixKernels.Avx2Bytes(pa, pb, pd, a.Length, lambda, mu);
    }

    private static int MixB<TF, TB, TW>(ref byte a, ref byte b, ref byte d, int n, float lambda, float mu)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, i = 0;
        TF l = TW.Splat(lambda), m = TW.Splat(mu), lo = TW.Splat(0f), hi = TW.Splat(255f);
        for (; i <= n - v; i += v)
        {
            TF y = TW.Add(TW.Mul(l, TW.LoadWidening(ref Unsafe.Add(ref a, i))), TW.Mul(m, TW.LoadWidening(ref Unsafe.Add(ref b, i))));
            TW.StoreNarrowing(TW.Min(TW.Max(TW.Round(y), lo), hi), ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    /// <summary>MixUp blend on floats: <c>dst[i] = clamp(lambda * a[i] + (1 - lambda) * b[i], min, max)</c> in float32.</summary>
    /// <param name="a">The first image's samples.</param>
    /// <param name="b">The second image's samples, as long as <paramref name="a"/>.</param>
    /// <param name="dst">The destination, as long as <paramref name="a"/>.</param>
    /// <param name="lambda">The weight of <paramref name="a"/>, in [0, 1].</param>
    /// <param name="min">The lowest value written.</param>
    /// <param name="max">The highest value written.</param>
    /// <exception cref="ArgumentException">Lengths differ, lambda is outside [0, 1], or min and max are not finite with min &lt;= max.</exception>
    public static void Mix(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> dst, float lambda, float min, float max)
    {
        CheckMix(a.Length, b.Length, dst.Length, lambda);
        if (!float.IsFinite(min)) Throw.Argument(nameof(min), min, "a finite number");
        if (!float.IsFinite(max) || !(min <= max)) Throw.Argument(nameof(max), max, $"a finite number at least min ({min})");
        float mu = 1f - lambda;
        for (int i = 0; i < a.Length; i++)
            dst[i] = MathF.Min(MathF.Max(lambda * a[i] + mu * b[i], min), max);
    }

    private static void CheckMix(int a, int b, int d, float lambda)
    {
        if (b != a) Throw.Argument(nameof(b), b, $"{a} elements (the length of a)");
        if (d != a) Throw.Argument("dst", d, $"{a} elements (the length of a)");
        if (!(lambda >= 0f && lambda <= 1f)) Throw.Argument(nameof(lambda), lambda, "a number in [0, 1]");
    }

    /// <summary>CutMix paste: copies the rectangle [x0, x1) x [y0, y1) of <paramref name="src"/> into the same place
    /// of <paramref name="dst"/>, one row copy per row; the rest of <paramref name="dst"/> is left as it is.</summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="src">The image pasted from.</param>
    /// <param name="dst">The image pasted into, the same shape.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="x0">First column.</param>
    /// <param name="y0">First row.</param>
    /// <param name="x1">One past the last column.</param>
    /// <param name="y1">One past the last row.</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, or a rectangle that leaves the image (an empty one is allowed).</exception>
    public static void PasteRect<T>(ReadOnlySpan<T> src, Span<T> dst, int width, int height, int channels,
        int x0, int y0, int x1, int y1) where T : unmanaged
    {
        PixelKernels.CheckImage(src.Length, dst.Length, width, height, channels);
        if (x0 < 0 || x0 > width) Throw.Argument(nameof(x0), x0, $"0 to {width}");
        if (y0 < 0 || y0 > height) Throw.Argument(nameof(y0), y0, $"0 to {height}");
        if (x1 < x0 || x1 > width) Throw.Argument(nameof(x1), x1, $"{x0} to {width}");
        if (y1 < y0 || y1 > height) Throw.Argument(nameof(y1), y1, $"{y0} to {height}");
        int n = (x1 - x0) * channels;
        if (n == 0) return;
        for (int y = y0; y < y1; y++)
        {
            int o = (y * width + x0) * channels;
            src.Slice(o, n).CopyTo(dst.Slice(o, n));
        }
    }

    // ================================================================ checks

    private static void CheckPair(int srcLength, int srcWidth, int srcHeight, int channels, int dstLength, int dstWidth, int dstHeight)
    {
        if (srcWidth <= 0) Throw.Argument(nameof(srcWidth), srcWidth, "a positive number of columns");
        if (srcHeight <= 0) Throw.Argument(nameof(srcHeight), srcHeight, "a positive number of rows");
        if (dstWidth <= 0) Throw.Argument(nameof(dstWidth), dstWidth, "a positive number of columns");
        if (dstHeight <= 0) Throw.Argument(nameof(dstHeight), dstHeight, "a positive number of rows");
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4 channels");
        long n = (long)srcWidth * srcHeight * channels, m = (long)dstWidth * dstHeight * channels;
        if (srcLength != n) Throw.Argument("src", srcLength, $"{n} elements (width {srcWidth} x height {srcHeight} x channels {channels})");
        if (dstLength != m) Throw.Argument("dst", dstLength, $"{m} elements (width {dstWidth} x height {dstHeight} x channels {channels})");
    }

    private static void CheckFill(ReadOnlySpan<float> fill, int channels)
    {
        if (fill.Length != channels) Throw.Argument(nameof(fill), fill.Length, $"{channels} values (one per channel)");
        for (int c = 0; c < channels; c++)
            if (!float.IsFinite(fill[c])) Throw.Argument(nameof(fill), fill[c], $"finite values (channel {c})");
    }
}
