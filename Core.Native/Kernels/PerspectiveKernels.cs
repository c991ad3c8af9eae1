using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// The byte bilinear warp through a perspective (non-affine) map, with the bits of the float reference
/// (<see cref="GeometryKernels.WarpReference(ReadOnlySpan{byte}, int, int, int, Span{byte}, int, int, in Matrix3, Interpolation, BorderMode, ReadOnlySpan{float}, ReadOnlySpan{WarpWindow})"/>):
/// per pixel, in double, <c>w = (M20 x + M21 y) + M22</c> (a pixel with <c>!(w &gt; 0)</c> takes the fill) and
/// <c>u = ((M00 x + M01 y) + M02) / w</c>, <c>v</c> likewise, as <see cref="Matrix3.Apply"/>; taps <c>floor(u - 0.5)</c> and
/// the next one, weights <c>(float)(f - floor f)</c>, the float32 blend
/// <c>(1 - ay)((1 - ax) p00 + ax p10) + ay((1 - ax) p01 + ax p11)</c> clamped to [0, 255] and rounded half to even.
/// Perspective keeps this float arithmetic (OpenCV's <c>warpPerspective</c> also divides per pixel in floating point);
/// the speed comes from hoisting <c>M01 y</c>, <c>M11 y</c>, <c>M21 y</c> per row (the same products), skipping the
/// border rule where all four taps lie inside, and, on AVX2, eight pixels per step: the coordinates in two 4-lane double
/// vectors (IEEE division and floor are exact per lane) in a first pass over the row, into a pooled scratch of tap
/// offsets and weights, then the taps gathered (3 and 4 channels: each row's tap pair as one 64-bit word; 1 channel:
/// 32-bit words) and the blend in 8 float lanes, the same operations in the same order, so the same bits. Pixels of a step with any tap outside (or any coordinate
/// not finite) run the per-pixel code.
/// </summary>
internal static class PerspectiveKernels
{
    private const double CoordLimit = 4503599627370496.0;

    /// <summary>The warp (see the class summary); <paramref name="fill"/> holds the fill rounded to bytes, arguments are
    /// already checked. The AVX2 step runs for <see cref="SimdPath.Vector256"/> and <see cref="SimdPath.Vector512"/>
    /// requests without windows; other paths run the per-pixel code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void WarpBilinear(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, in Matrix3 m, BorderMode border, ReadOnlySpan<byte> fill,
        ReadOnlySpan<WarpWindow> windows, SimdPath path)
    {
        path = Simd.Resolve(path);
        int w = srcWidth, h = srcHeight, ch = channels, row = dstWidth * ch;
        bool vector = path is SimdPath.Vector256 or SimdPath.Vector512 && Avx2.IsSupported && windows.IsEmpty
                      && (long)srcWidth * srcHeight * ch < int.MaxValue / 2 && w >= 2 && h >= 2;
        ref byte s = ref MemoryMarshal.GetReference(src);
        Span<float> fillF = stackalloc float[ch];
        for (int c = 0; c < ch; c++) fillF[c] = fill[c];
        // The vector rows' scratch: per column a tap offset and the two weights, per step of eight a flag.
        int[]? scratch = vector && dstWidth >= 8 ? ArrayPool<int>.Shared.Rent(3 * dstWidth + dstWidth / 8 + 8) : null;
        try
        {
            for (int i = 0; i < dstHeight; i++)
            {
                double y = i + 0.5;
                double t0 = m.M01 * y, t1 = m.M11 * y, t2 = m.M21 * y;
                Span<byte> drow = dst.Slice(i * row, row);
                int j = scratch != null ? RowAvx2(src, w, h, ch, drow, dstWidth, m, y, t0, t1, t2, border, fill, fillF, scratch) : 0;
                for (; j < dstWidth; j++)
                    Pixel(src, ref s, w, h, ch, m, j + 0.5, y, t0, t1, t2, border, fill, fillF, windows, drow.Slice(j * ch, ch));
            }
        }
        finally
        {
            if (scratch != null) ArrayPool<int>.Shared.Return(scratch);
        }
    }

    // One pixel: Matrix3.Apply's arithmetic with the row's products hoisted, then GeometryKernels' bilinear sample.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pixel(ReadOnlySpan<byte> src, ref byte s, int w, int h, int ch, in Matrix3 m, double x, double y,
        double t0, double t1, double t2, BorderMode border, ReadOnlySpan<byte> fill, ReadOnlySpan<float> fillF,
        ReadOnlySpan<WarpWindow> windows, Span<byte> px)
    {
        double wd = m.M20 * x + t2 + m.M22;
        double u = double.NaN, v = double.NaN;
        if (wd > 0)
        {
            u = (m.M00 * x + t0 + m.M02) / wd;
            v = (m.M10 * x + t1 + m.M12) / wd;
        }
        if (!Inside(u, v, windows)) { fill.CopyTo(px); return; }
        double fx = u - 0.5, fy = v - 0.5;
        double x0d = Math.Floor(fx), y0d = Math.Floor(fy);
        float ax = (float)(fx - x0d), ay = (float)(fy - y0d);
        if (x0d >= 0 && x0d < w - 1 && y0d >= 0 && y0d < h - 1)
        {
            float bx = 1f - ax, by = 1f - ay;
            ref byte p0 = ref Unsafe.Add(ref s, ((int)y0d * w + (int)x0d) * ch);
            ref byte p1 = ref Unsafe.Add(ref p0, w * ch);
            for (int c = 0; c < ch; c++)
            {
                float p00 = Unsafe.Add(ref p0, c), p10 = Unsafe.Add(ref p0, ch + c);
                float p01 = Unsafe.Add(ref p1, c), p11 = Unsafe.Add(ref p1, ch + c);
                px[c] = ToByte(by * (bx * p00 + ax * p10) + ay * (bx * p01 + ax * p11));
            }
            return;
        }
        long x0 = (long)Math.Floor(Math.Clamp(fx, -CoordLimit, CoordLimit)), y0 = (long)Math.Floor(Math.Clamp(fy, -CoordLimit, CoordLimit));
        long rx0 = GeometryKernels.ResolveIndex(x0, w, border), rx1 = GeometryKernels.ResolveIndex(x0 + 1, w, border);
        long ry0 = GeometryKernels.ResolveIndex(y0, h, border), ry1 = GeometryKernels.ResolveIndex(y0 + 1, h, border);
        for (int c = 0; c < ch; c++)
        {
            float p00 = Tap(src, w, ch, rx0, ry0, c, fillF), p10 = Tap(src, w, ch, rx1, ry0, c, fillF);
            float p01 = Tap(src, w, ch, rx0, ry1, c, fillF), p11 = Tap(src, w, ch, rx1, ry1, c, fillF);
            px[c] = ToByte((1f - ay) * ((1f - ax) * p00 + ax * p10) + ay * ((1f - ax) * p01 + ax * p11));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ToByte(float v) => (byte)Math.Clamp(MathF.Round(Math.Clamp(v, 0f, 255f)), 0f, 255f);

    private static float Tap(ReadOnlySpan<byte> src, int w, int ch, long x, long y, int c, ReadOnlySpan<float> fillF) =>
        x < 0 || y < 0 ? fillF[c] : src[(int)((y * w + x) * ch + c)];

    private static bool Inside(double u, double v, ReadOnlySpan<WarpWindow> windows)
    {
        if (!double.IsFinite(u) || !double.IsFinite(v)) return false;
        foreach (ref readonly WarpWindow win in windows)
        {
            var (a, b) = win.ToIntermediate.Apply(u, v);
            if (!(a >= 0 && a < win.Width && b >= 0 && b < win.Height)) return false;
        }
        return true;
    }

    // Eight pixels per step while the row lasts. A step whose eight pixels all have w > 0 and all four taps inside is
    // blended in vectors; another step runs the per-pixel code for its eight pixels. Two passes over the row: the
    // coordinates (divisions, floors, weights, tap offsets) into the scratch, then the gathers and blends, so that the
    // long chain of one step (division, then gather) does not hold back the next. Returns the first column not done.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int RowAvx2(ReadOnlySpan<byte> src, int w, int h, int ch, Span<byte> drow, int dstWidth,
        in Matrix3 m, double y, double t0, double t1, double t2, BorderMode border, ReadOnlySpan<byte> fill, ReadOnlySpan<float> fillF,
        int[] scratch)
    {
        if (dstWidth < 8) return 0;
        int stride = w * ch;
        Vector256<double> m00 = Vector256.Create(m.M00), m02 = Vector256.Create(m.M02), m10 = Vector256.Create(m.M10);
        Vector256<double> m12 = Vector256.Create(m.M12), m20 = Vector256.Create(m.M20), m22 = Vector256.Create(m.M22);
        Vector256<double> vt0 = Vector256.Create(t0), vt1 = Vector256.Create(t1), vt2 = Vector256.Create(t2);
        Vector256<double> half = Vector256.Create(0.5), zero = Vector256<double>.Zero;
        Vector256<double> xMax = Vector256.Create((double)(w - 1)), yMax = Vector256.Create((double)(h - 1));
        Vector256<double> step = Vector256.Create(0.5, 1.5, 2.5, 3.5);
        Vector256<int> wv = Vector256.Create(w), chv = Vector256.Create(ch), lo = Vector256.Create(0xFF);
        Vector256<float> onef = Vector256.Create(1f), maxf = Vector256.Create(255f);
        int j = 0;
        Vector256<int> order = Vector256.Create(0, 1, 4, 5, 2, 3, 6, 7);
        // Per channel, the byte shuffles that take a 64-bit word pair's two taps of that channel to 32-bit lanes
        // (lanes 0, 1 the x0 taps of words 0, 1, lanes 2, 3 the x0 + 1 taps), built once.
        var pairs = new TapPairs(ch);
        fixed (byte* s = src)
        fixed (byte* d = drow)
        fixed (int* scr = scratch)
        {
            int* offs = scr;
            float* axs = (float*)(scr + dstWidth);
            float* ays = (float*)(scr + 2 * dstWidth);
            byte* oks = (byte*)(scr + 3 * dstWidth);
            for (; j <= dstWidth - 8; j += 8)
            {
                Vector256<double> xa = Avx.Add(Vector256.Create((double)j), step), xb = Avx.Add(Vector256.Create((double)(j + 4)), step);
                Vector256<double> wa = Avx.Add(Avx.Add(Avx.Multiply(m20, xa), vt2), m22), wb = Avx.Add(Avx.Add(Avx.Multiply(m20, xb), vt2), m22);
                Vector256<double> ua = Avx.Divide(Avx.Add(Avx.Add(Avx.Multiply(m00, xa), vt0), m02), wa);
                Vector256<double> ub = Avx.Divide(Avx.Add(Avx.Add(Avx.Multiply(m00, xb), vt0), m02), wb);
                Vector256<double> va = Avx.Divide(Avx.Add(Avx.Add(Avx.Multiply(m10, xa), vt1), m12), wa);
                Vector256<double> vb = Avx.Divide(Avx.Add(Avx.Add(Avx.Multiply(m10, xb), vt1), m12), wb);
                Vector256<double> fxa = Avx.Subtract(ua, half), fxb = Avx.Subtract(ub, half);
                Vector256<double> fya = Avx.Subtract(va, half), fyb = Avx.Subtract(vb, half);
                Vector256<double> x0a = Avx.Floor(fxa), x0b = Avx.Floor(fxb), y0a = Avx.Floor(fya), y0b = Avx.Floor(fyb);
                // Ordered compares: NaN lanes (w <= 0 was not divided around; a NaN or infinite coordinate) fail.
                Vector256<double> oka = Avx.And(Avx.And(Avx.CompareGreaterThan(wa, zero), Avx.CompareGreaterThanOrEqual(x0a, zero)),
                    Avx.And(Avx.CompareLessThan(x0a, xMax), Avx.And(Avx.CompareGreaterThanOrEqual(y0a, zero), Avx.CompareLessThan(y0a, yMax))));
                Vector256<double> okb = Avx.And(Avx.And(Avx.CompareGreaterThan(wb, zero), Avx.CompareGreaterThanOrEqual(x0b, zero)),
                    Avx.And(Avx.CompareLessThan(x0b, xMax), Avx.And(Avx.CompareGreaterThanOrEqual(y0b, zero), Avx.CompareLessThan(y0b, yMax))));
                bool ok = (Avx.MoveMask(oka) & Avx.MoveMask(okb)) == 0xF;
                oks[j >> 3] = (byte)(ok ? 1 : 0);
                if (!ok) continue;
                Vector256<float> ax = Vector256.Create(Avx.ConvertToVector128Single(Avx.Subtract(fxa, x0a)), Avx.ConvertToVector128Single(Avx.Subtract(fxb, x0b)));
                Vector256<float> ay = Vector256.Create(Avx.ConvertToVector128Single(Avx.Subtract(fya, y0a)), Avx.ConvertToVector128Single(Avx.Subtract(fyb, y0b)));
                Vector256<int> xi = Vector256.Create(Avx.ConvertToVector128Int32WithTruncation(x0a), Avx.ConvertToVector128Int32WithTruncation(x0b));
                Vector256<int> yi = Vector256.Create(Avx.ConvertToVector128Int32WithTruncation(y0a), Avx.ConvertToVector128Int32WithTruncation(y0b));
                Vector256<int> idx = Avx2.Add(Avx2.MultiplyLow(yi, wv), xi);
                // Three and four channels: byte offsets in the gather order 0, 1, 4, 5 | 2, 3, 6, 7; one: pixel indices.
                Vector256<int> off = ch == 4 ? Avx2.PermuteVar8x32(Avx2.ShiftLeftLogical(idx, 2), order)
                    : ch == 3 ? Avx2.PermuteVar8x32(Avx2.MultiplyLow(idx, chv), order) : idx;
                Avx.Store(offs + j, off);
                Avx.Store(axs + j, ax);
                Avx.Store(ays + j, ay);
            }
            for (j = 0; j <= dstWidth - 8; j += 8)
            {
                if (oks[j >> 3] == 0)
                {
                    ref byte sr = ref MemoryMarshal.GetReference(src);
                    for (int k = j; k < j + 8; k++)
                        Pixel(src, ref sr, w, h, ch, m, k + 0.5, y, t0, t1, t2, border, fill, fillF, default, drow.Slice(k * ch, ch));
                    continue;
                }
                Vector256<float> ax = Avx.LoadVector256(axs + j), ay = Avx.LoadVector256(ays + j);
                Vector256<int> off = Avx.LoadVector256(offs + j);
                Vector256<float> bx = Avx.Subtract(onef, ax), by = Avx.Subtract(onef, ay);
                switch (ch)
                {
                    case 4:
                    case 3:
                    {
                        // Each tap pair (x0, x0 + 1) of a row is one 64-bit word: four gathered words per vector, the
                        // pixels in the order 0, 1, 4, 5 | 2, 3, 6, 7 so that unpacking the two vectors' 64-bit halves
                        // gives lanes 0..7 in pixel order. Row y0 + 1 of three channels is read from two bytes before,
                        // so no read passes the last pixel (row y0 lies a row above the end).
                        FixedGeometry.StorePixels(pairs.Blend(s, stride, off, ax, bx, ay, by), ch, d, j);
                        break;
                    }
                    default:
                    {
                        // Row y0: bytes x0 .. x0 + 3 (taps at bytes 0 and 1); row y0 + 1: bytes x0 - 2 .. x0 + 1 (taps at 2 and 3).
                        Vector256<int> q0 = Avx2.GatherVector256((int*)s, off, 1);
                        Vector256<int> q1 = Avx2.GatherVector256((int*)(s + w - 2), off, 1);
                        Vector256<int> r = Blend(q0, Avx2.ShiftRightLogical(q0, 8), Avx2.ShiftRightLogical(q1, 16), Avx2.ShiftRightLogical(q1, 24),
                            0, lo, ax, bx, ay, by, maxf);
                        FixedGeometry.StorePixels(r, 1, d, j);
                        break;
                    }
                }
            }
        }
        return j;
    }

    /// <summary>Eight pixels of 3 or 4 channels whose bilinear taps all lie inside the source, each row's tap pair
    /// (x0, x0 + 1) read as one 64-bit word: the per-channel byte shuffles (<see cref="PairSelect"/>), built once, and the
    /// gathers and blend of a step. Shared by the perspective warp and the remap (GeometryKernels.Remap.cs).</summary>
    internal readonly struct TapPairs
    {
        private readonly Vector256<byte> _a0, _a1, _a2, _a3, _b0, _b1, _b2, _b3;
        private readonly int _ch, _shift1;

        // Word q of a 128-bit lane holds the pixel's x0 tap at byte c and its x0 + 1 tap at byte ch + c; row y0 + 1 of
        // three channels is read from two bytes before (shift1), so no read passes the last pixel.
        public TapPairs(int ch)
        {
            _ch = ch;
            _shift1 = ch == 3 ? 2 : 0;
            _a0 = PairSelect(0, ch); _a1 = PairSelect(1, ch + 1); _a2 = PairSelect(2, ch + 2); _a3 = PairSelect(3, ch + 3);
            _b0 = PairSelect(_shift1, _shift1 + ch); _b1 = PairSelect(_shift1 + 1, _shift1 + ch + 1);
            _b2 = PairSelect(_shift1 + 2, _shift1 + ch + 2); _b3 = PairSelect(_shift1 + 3, _shift1 + ch + 3);
        }

        /// <summary>The packed bytes of eight pixels whose row-y0 taps start at byte offsets <paramref name="off"/> from
        /// <paramref name="s"/> (pixels in the order 0, 1, 4, 5 | 2, 3, 6, 7, so that unpacking the two gathers' 64-bit
        /// halves gives pixel order), row y0 + 1 <paramref name="stride"/> bytes on; weights as Blend takes them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe Vector256<int> Blend(byte* s, int stride, Vector256<int> off, Vector256<float> ax, Vector256<float> bx,
            Vector256<float> ay, Vector256<float> by)
        {
            Vector128<int> offA = off.GetLower(), offB = off.GetUpper();
            Vector256<ulong> t0a = Avx2.GatherVector256((ulong*)s, offA, 1), t0b = Avx2.GatherVector256((ulong*)s, offB, 1);
            Vector256<ulong> t1a = Avx2.GatherVector256((ulong*)(s + stride - _shift1), offA, 1);
            Vector256<ulong> t1b = Avx2.GatherVector256((ulong*)(s + stride - _shift1), offB, 1);
            Vector256<int> r = BlendPairs(t0a, t0b, t1a, t1b, _a0, _b0, ax, bx, ay, by)
                | Avx2.ShiftLeftLogical(BlendPairs(t0a, t0b, t1a, t1b, _a1, _b1, ax, bx, ay, by), 8)
                | Avx2.ShiftLeftLogical(BlendPairs(t0a, t0b, t1a, t1b, _a2, _b2, ax, bx, ay, by), 16);
            if (_ch == 4) r |= Avx2.ShiftLeftLogical(BlendPairs(t0a, t0b, t1a, t1b, _a3, _b3, ax, bx, ay, by), 24);
            return r;
        }
    }

    // The shuffle taking byte a of each 64-bit word of a 128-bit lane to 32-bit lanes 0, 1 and byte b to lanes 2, 3.
    private static Vector256<byte> PairSelect(int a, int b)
    {
        Span<byte> m = stackalloc byte[32];
        m.Fill(0x80);
        for (int half = 0; half < 32; half += 16)
        {
            m[half + 0] = (byte)a; m[half + 4] = (byte)(8 + a);
            m[half + 8] = (byte)b; m[half + 12] = (byte)(8 + b);
        }
        return Vector256.Create((ReadOnlySpan<byte>)m);
    }

    // One channel of eight pixels from the 64-bit tap pairs (rows y0 and y0 + 1, two vectors each, pixels 0, 1, 4, 5 and
    // 2, 3, 6, 7): shuffled to 32-bit taps, the halves unpacked into pixel order, then Blend's float arithmetic.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> BlendPairs(Vector256<ulong> t0a, Vector256<ulong> t0b, Vector256<ulong> t1a, Vector256<ulong> t1b,
        Vector256<byte> sel0, Vector256<byte> sel1, Vector256<float> ax, Vector256<float> bx, Vector256<float> ay, Vector256<float> by)
    {
        // Converted before the unpack (the 64-bit halves move as doubles), so two conversions per row, not four.
        Vector256<double> f0a = Avx.ConvertToVector256Single(Avx2.Shuffle(t0a.AsByte(), sel0).AsInt32()).AsDouble();
        Vector256<double> f0b = Avx.ConvertToVector256Single(Avx2.Shuffle(t0b.AsByte(), sel0).AsInt32()).AsDouble();
        Vector256<double> f1a = Avx.ConvertToVector256Single(Avx2.Shuffle(t1a.AsByte(), sel1).AsInt32()).AsDouble();
        Vector256<double> f1b = Avx.ConvertToVector256Single(Avx2.Shuffle(t1b.AsByte(), sel1).AsInt32()).AsDouble();
        Vector256<float> a00 = Avx.UnpackLow(f0a, f0b).AsSingle(), a10 = Avx.UnpackHigh(f0a, f0b).AsSingle();
        Vector256<float> a01 = Avx.UnpackLow(f1a, f1b).AsSingle(), a11 = Avx.UnpackHigh(f1a, f1b).AsSingle();
        Vector256<float> h0 = Avx.Add(Avx.Multiply(bx, a00), Avx.Multiply(ax, a10));
        Vector256<float> h1 = Avx.Add(Avx.Multiply(bx, a01), Avx.Multiply(ax, a11));
        Vector256<float> t = Avx.Add(Avx.Multiply(by, h0), Avx.Multiply(ay, h1));
        // No clamp: the weights are in [0, 1] and the taps in [0, 255], so t lies in [0, 255 (1 + 2^-22)] and rounds to
        // [0, 255] as the clamped value does.
        return Avx.ConvertToVector256Int32(t);
    }

    // One channel (the byte at bit shift) of four gathered taps in float32, the scalar expression's order:
    // by (bx p00 + ax p10) + ay (bx p01 + ax p11), clamped to [0, 255], rounded half to even (cvtps2dq).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Blend(Vector256<int> p00, Vector256<int> p10, Vector256<int> p01, Vector256<int> p11,
        [System.Diagnostics.CodeAnalysis.ConstantExpected] byte shift, Vector256<int> lo,
        Vector256<float> ax, Vector256<float> bx, Vector256<float> ay, Vector256<float> by, Vector256<float> maxf)
    {
        Vector256<float> a00 = Avx.ConvertToVector256Single(Avx2.And(Avx2.ShiftRightLogical(p00, shift), lo));
        Vector256<float> a10 = Avx.ConvertToVector256Single(Avx2.And(Avx2.ShiftRightLogical(p10, shift), lo));
        Vector256<float> a01 = Avx.ConvertToVector256Single(Avx2.And(Avx2.ShiftRightLogical(p01, shift), lo));
        Vector256<float> a11 = Avx.ConvertToVector256Single(Avx2.And(Avx2.ShiftRightLogical(p11, shift), lo));
        Vector256<float> h0 = Avx.Add(Avx.Multiply(bx, a00), Avx.Multiply(ax, a10));
        Vector256<float> h1 = Avx.Add(Avx.Multiply(bx, a01), Avx.Multiply(ax, a11));
        Vector256<float> t = Avx.Add(Avx.Multiply(by, h0), Avx.Multiply(ay, h1));
        return Avx.ConvertToVector256Int32(Avx.Min(Avx.Max(t, Vector256<float>.Zero), maxf));
    }
}
