using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

internal static partial class FixedGeometry
{
    // The columns of an affine row outside its interior run [ja, jb) (found from both ends; the fixed coordinates are
    // monotone in the column), written through the border rule: BorderAvx2 where it can, BorderPixel for the rest.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Ja, int Jb) BorderColumns(ReadOnlySpan<byte> src, int w, int h, int channels, long[] dX, long[] dY,
        int[] dXi, int[] dYi, long X0, long Y0, int dstWidth, BorderMode border, ReadOnlySpan<byte> fill, Span<byte> drow, bool gather)
    {
        // The interior run, by binary search: x0 and y0 are monotone in the column (rounded linear functions), so each
        // bound holds on a prefix or a suffix and the columns meeting all four are one run (the linear scans' run).
        var (ja, jb) = Intersect(Run(X0, dX, dstWidth, 0, w - 2), Run(Y0, dY, dstWidth, 0, h - 2));
        if (jb <= ja) ja = jb = dstWidth;
        if (border == BorderMode.Constant)
        {
            // Columns with a tap inside: x0 in [-1, w - 1] and y0 in [-1, h - 1]. The others are BorderPixel's Constant
            // shortcut (every tap the fill, so the fill), written as runs.
            var (ka, kb) = Intersect(Run(X0, dX, dstWidth, -1, w - 1), Run(Y0, dY, dstWidth, -1, h - 1));
            if (kb <= ka) ka = kb = 0;
            // The interior lies inside [ka, kb); with none, the pixels between are all partial.
            int pa = ja == jb ? kb : ja, pb = ja == jb ? kb : jb;
            FillPixels(drow, channels, fill, 0, ka);
            for (int c = ka; c < pa; c++) BorderPixel(src, w, h, channels, X0 + dX[c], Y0 + dY[c], border, fill, drow.Slice(c * channels, channels));
            for (int c = pb; c < kb; c++) BorderPixel(src, w, h, channels, X0 + dX[c], Y0 + dY[c], border, fill, drow.Slice(c * channels, channels));
            FillPixels(drow, channels, fill, kb, dstWidth);
            return (ja, jb);
        }
        int k = gather ? BorderAvx2(src, w, h, channels, dX, dY, dXi, dYi, X0, Y0, 0, ja, border, drow) : 0;
        for (; k < ja; k++) BorderPixel(src, w, h, channels, X0 + dX[k], Y0 + dY[k], border, fill, drow.Slice(k * channels, channels));
        k = gather ? BorderAvx2(src, w, h, channels, dX, dY, dXi, dYi, X0, Y0, jb, dstWidth, border, drow) : jb;
        for (; k < dstWidth; k++) BorderPixel(src, w, h, channels, X0 + dX[k], Y0 + dY[k], border, fill, drow.Slice(k * channels, channels));
        return (ja, jb);
    }

    // The border columns of a fixed-point affine row under Reflect101 or Replicate, eight at a time with AVX2: the four
    // taps' indices resolved by the border rule in 32-bit lanes, each tap gathered as a 32-bit word at its own offset
    // (a read that would pass the end of the source starts earlier and is shifted down), blended with the interior's
    // integer formula, which is BorderPixel's. Only where every coordinate of [from, to) lies where the lane rule is the
    // border rule: Reflect101 x0 in [-(w - 1), 2w - 3] (one reflection: x < 0 -> -x, x >= w -> 2w - 2 - x), Replicate
    // within 2^20 of the source (a clamp); the fixed coordinates are monotone in the column, so the ends decide. Returns
    // the first column not done (from, where the step cannot run).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int BorderAvx2(ReadOnlySpan<byte> src, int w, int h, int channels, long[] dX, long[] dY, int[] dXi, int[] dYi,
        long x0Row, long y0Row, int from, int to, BorderMode border, Span<byte> drow)
    {
        if (to - from < 8 || w < 2 || h < 2 || border == BorderMode.Constant || src.Length < 4) return from;
        long lx = border == BorderMode.Reflect101 ? -(w - 1) : -(1L << 20), hx = border == BorderMode.Reflect101 ? 2L * w - 3 : 1L << 20;
        long ly = border == BorderMode.Reflect101 ? -(h - 1) : -(1L << 20), hy = border == BorderMode.Reflect101 ? 2L * h - 3 : 1L << 20;
        if (!InRange((x0Row + dX[from]) >> WarpBits, lx, hx) || !InRange((x0Row + dX[to - 1]) >> WarpBits, lx, hx)
            || !InRange((y0Row + dY[from]) >> WarpBits, ly, hy) || !InRange((y0Row + dY[to - 1]) >> WarpBits, ly, hy))
            return from;
        bool reflect = border == BorderMode.Reflect101;
        int j = from, stride = w * channels;
        Vector256<int> X0 = Vector256.Create((int)x0Row), Y0 = Vector256.Create((int)y0Row), frac = Vector256.Create(WarpOne - 1);
        Vector256<int> one = Vector256.Create(WarpOne), lo = Vector256.Create(0xFF), zero = Vector256<int>.Zero, ones = Vector256.Create(1);
        Vector256<int> wm1 = Vector256.Create(w - 1), hm1 = Vector256.Create(h - 1), w2 = Vector256.Create(2 * w - 2), h2 = Vector256.Create(2 * h - 2);
        Vector256<int> wv = Vector256.Create(w), chv = Vector256.Create(channels), last = Vector256.Create(src.Length - 4);
        fixed (byte* s = src)
        fixed (int* dx = dXi, dy = dYi)
        fixed (byte* d = drow)
        {
            for (; j <= to - 8; j += 8)
            {
                Vector256<int> X = Avx2.Add(X0, Avx.LoadVector256(dx + j)), Y = Avx2.Add(Y0, Avx.LoadVector256(dy + j));
                Vector256<int> fx = Avx2.And(X, frac), fy = Avx2.And(Y, frac);
                Vector256<int> wx = WeightPairs(fx, one);
                Vector256<int> x0 = Avx2.ShiftRightArithmetic(X, WarpBits), y0 = Avx2.ShiftRightArithmetic(Y, WarpBits);
                Vector256<int> x1 = Avx2.Add(x0, ones), y1 = Avx2.Add(y0, ones);
                x0 = Resolve(x0, wm1, w2, zero, reflect); x1 = Resolve(x1, wm1, w2, zero, reflect);
                y0 = Resolve(y0, hm1, h2, zero, reflect); y1 = Resolve(y1, hm1, h2, zero, reflect);
                Vector256<int> r0 = Avx2.MultiplyLow(y0, wv), r1 = Avx2.MultiplyLow(y1, wv);
                Vector256<int> p00 = Tap(s, Avx2.MultiplyLow(Avx2.Add(r0, x0), chv), last);
                Vector256<int> p10 = Tap(s, Avx2.MultiplyLow(Avx2.Add(r0, x1), chv), last);
                Vector256<int> p01 = Tap(s, Avx2.MultiplyLow(Avx2.Add(r1, x0), chv), last);
                Vector256<int> p11 = Tap(s, Avx2.MultiplyLow(Avx2.Add(r1, x1), chv), last);
                Vector256<int> r = Blend(p00, p10, p01, p11, 0, lo, wx, fy);
                if (channels >= 3)
                    r |= Avx2.ShiftLeftLogical(Blend(p00, p10, p01, p11, 8, lo, wx, fy), 8)
                       | Avx2.ShiftLeftLogical(Blend(p00, p10, p01, p11, 16, lo, wx, fy), 16);
                if (channels == 4) r |= Avx2.ShiftLeftLogical(Blend(p00, p10, p01, p11, 24, lo, wx, fy), 24);
                StorePixels(r, channels, d, j);
            }
        }
        return j;
    }

    private static bool InRange(long v, long lo, long hi) => v >= lo && v <= hi;

    // The columns j in [0, n) with lo <= (start + d[j]) >> WarpBits <= hi, d monotone: one run, found by binary search.
    private static (int, int) Run(long start, long[] d, int n, long lo, long hi)
    {
        if (n == 0) return (0, 0);
        bool rising = d[n - 1] >= d[0];
        // The first column where the coordinate is past lo (rising: >= lo; falling: <= hi), and the first past the run.
        int a = First(start, d, n, rising ? lo : hi, rising);
        int b = First(start, d, n, rising ? hi + 1 : lo - 1, rising);
        return (a, Math.Max(a, b));

        // The first j with v(j) >= t (rising) or v(j) <= t (falling); n when none.
        static int First(long start, long[] d, int n, long t, bool rising)
        {
            int l = 0, r = n;
            while (l < r)
            {
                int mid = (l + r) >>> 1;
                long v = (start + d[mid]) >> WarpBits;
                if (rising ? v >= t : v <= t) r = mid; else l = mid + 1;
            }
            return l;
        }
    }

    private static (int, int) Intersect((int A, int B) x, (int A, int B) y) => (Math.Max(x.A, y.A), Math.Min(x.B, y.B));

    // Pixels [from, to) of a row set to the fill.
    private static void FillPixels(Span<byte> drow, int channels, ReadOnlySpan<byte> fill, int from, int to)
    {
        if (to <= from) return;
        Span<byte> run = drow.Slice(from * channels, (to - from) * channels);
        bool uniform = true;
        for (int c = 1; c < channels; c++) uniform &= fill[c] == fill[0];
        if (uniform) { run.Fill(fill[0]); return; }
        for (int k = 0; k < run.Length; k += channels) fill.CopyTo(run.Slice(k, channels));
    }

    // The border rule in lanes (the caller keeps x inside one reflection): Reflect101 x < 0 -> -x, x > n - 1 -> 2n - 2 - x;
    // Replicate clamps to [0, n - 1].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Resolve(Vector256<int> x, Vector256<int> nm1, Vector256<int> n2, Vector256<int> zero, bool reflect)
    {
        if (!reflect) return Avx2.Min(Avx2.Max(x, zero), nm1);
        Vector256<int> a = Avx2.Abs(x).AsInt32();
        return Avx2.Min(a, Avx2.Subtract(n2, a));
    }

    // A 32-bit word whose low byte is the sample at each offset: read at min(offset, length - 4) and shifted down.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<int> Tap(byte* s, Vector256<int> off, Vector256<int> last)
    {
        Vector256<int> at = Avx2.Min(off, last);
        Vector256<int> g = Avx2.GatherVector256((int*)s, at, 1);
        return Avx2.ShiftRightLogicalVariable(g.AsUInt32(), Avx2.ShiftLeftLogical(Avx2.Subtract(off, at), 3).AsUInt32()).AsInt32();
    }

    private static readonly Vector256<byte> CompactRgb = Vector256.Create(
        (byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80, 0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
    private static readonly Vector256<byte> CompactGray = Vector256.Create(
        (byte)0, 4, 8, 12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0, 4, 8, 12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);

    // Eight blended pixels (channel c in byte c of each lane) written as channels bytes each; also the 3- and 1-channel
    // stores of InteriorAvx2 and PerspectiveKernels' vector rows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void StorePixels(Vector256<int> r, int channels, byte* d, int j)
    {
        switch (channels)
        {
            case 4:
                Avx.Store(d + 4 * j, r.AsByte());
                break;
            case 3:
            {
                Vector256<byte> b = Avx2.Shuffle(r.AsByte(), CompactRgb);
                byte* o = d + 3 * j;
                *(ulong*)o = b.AsUInt64().GetElement(0);
                *(uint*)(o + 8) = b.AsUInt32().GetElement(2);
                *(ulong*)(o + 12) = b.AsUInt64().GetElement(2);
                *(uint*)(o + 20) = b.AsUInt32().GetElement(6);
                break;
            }
            default:
            {
                Vector256<byte> b = Avx2.Shuffle(r.AsByte(), CompactGray);
                *(uint*)(d + j) = b.AsUInt32().GetElement(0);
                *(uint*)(d + j + 4) = b.AsUInt32().GetElement(4);
                break;
            }
        }
    }
}
