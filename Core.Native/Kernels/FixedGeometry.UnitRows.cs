using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

// Special cases of the affine and separable bilinear warps that need no gathers, each the general kernel's integer
// formula on the same taps, so the same bits:
// - shear along x (and any affine map whose fixed column offsets step by exactly 1024 in X and 0 in Y, tested on the
//   tables the warp computes, not on the matrix with a tolerance): a row's interior reads contiguous source pixels of
//   two rows with one pair of weights (fx, fy), a vector blend over bytes;
// - a separable resize whose columns over a run read contiguous pixels with one weight (a translation): the
//   horizontal pass over the run is a vector blend over bytes.
internal static partial class FixedGeometry
{
    // Whether every row of the affine warp reads contiguous pixels with one pair of weights: dX[j] = dX[0] + 1024 j and
    // dY[j] = dY[0] for every column (then X = X0 + dX[0] + 1024 j: x0 steps by one column, fx and the row are fixed).
    internal static bool UnitStepRows(long[] dX, long[] dY, int n)
    {
        for (int j = 1; j < n; j++)
            if (dX[j] != dX[0] + ((long)j << WarpBits) || dY[j] != dY[0]) return false;
        return true;
    }

    /// <summary>n samples of a unit-step row: <c>o[k] = ((p[k] gx + p[k + ch] fx) gy + (q[k] gx + q[k + ch] fx) fy + 2^19) &gt;&gt; 20</c>
    /// with q the next source row (<paramref name="stride"/> bytes on), computed as
    /// <c>p[k] gx gy + p[k + ch] fx gy + q[k] gx fy + q[k + ch] fx fy</c>: the same integer (products below 2^28, sums
    /// below 2^28 + 2^19), so the same bits as the per-pixel formula. Reads p[0 .. n + ch) and q likewise only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void BlendUnitRow(ref byte p, int stride, int channels, int fx, int fy, ref byte o, int n, SimdPath path)
    {
        int gx = WarpOne - fx, gy = WarpOne - fy;
        int w00 = gx * gy, w10 = fx * gy, w01 = gx * fy, w11 = fx * fy;
        ref byte q = ref Unsafe.Add(ref p, stride);
        int k = 0;
        if (path == SimdPath.Vector512 && Vector512.IsHardwareAccelerated)
        {
            Vector512<int> a = Vector512.Create(w00), b = Vector512.Create(w10), c = Vector512.Create(w01), d = Vector512.Create(w11);
            Vector512<int> r = Vector512.Create(WarpRound);
            for (; k <= n - 64; k += 64)
            {
                var (p0, p1) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)k));
                var (s0, s1) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)(k + channels)));
                var (q0, q1) = Vector512.Widen(Vector512.LoadUnsafe(ref q, (nuint)k));
                var (t0, t1) = Vector512.Widen(Vector512.LoadUnsafe(ref q, (nuint)(k + channels)));
                var e0 = Blend4(p0, s0, q0, t0, a, b, c, d, r);
                var e1 = Blend4(p1, s1, q1, t1, a, b, c, d, r);
                Vector512.Narrow(e0, e1).StoreUnsafe(ref o, (nuint)k);
            }
        }
        if (path is SimdPath.Vector512 or SimdPath.Vector256 && Vector256.IsHardwareAccelerated)
        {
            Vector256<int> a = Vector256.Create(w00), b = Vector256.Create(w10), c = Vector256.Create(w01), d = Vector256.Create(w11);
            Vector256<int> r = Vector256.Create(WarpRound);
            for (; k <= n - 32; k += 32)
            {
                var (p0, p1) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)k));
                var (s0, s1) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)(k + channels)));
                var (q0, q1) = Vector256.Widen(Vector256.LoadUnsafe(ref q, (nuint)k));
                var (t0, t1) = Vector256.Widen(Vector256.LoadUnsafe(ref q, (nuint)(k + channels)));
                var e0 = Blend4(p0, s0, q0, t0, a, b, c, d, r);
                var e1 = Blend4(p1, s1, q1, t1, a, b, c, d, r);
                Vector256.Narrow(e0, e1).StoreUnsafe(ref o, (nuint)k);
            }
        }
        if (path is SimdPath.Vector512 or SimdPath.Vector256 or SimdPath.Vector128 && Vector128.IsHardwareAccelerated)
        {
            Vector128<int> a = Vector128.Create(w00), b = Vector128.Create(w10), c = Vector128.Create(w01), d = Vector128.Create(w11);
            Vector128<int> r = Vector128.Create(WarpRound);
            for (; k <= n - 16; k += 16)
            {
                var (p0, p1) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)k));
                var (s0, s1) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)(k + channels)));
                var (q0, q1) = Vector128.Widen(Vector128.LoadUnsafe(ref q, (nuint)k));
                var (t0, t1) = Vector128.Widen(Vector128.LoadUnsafe(ref q, (nuint)(k + channels)));
                var e0 = Blend4(p0, s0, q0, t0, a, b, c, d, r);
                var e1 = Blend4(p1, s1, q1, t1, a, b, c, d, r);
                Vector128.Narrow(e0, e1).StoreUnsafe(ref o, (nuint)k);
            }
        }
        for (; k < n; k++)
        {
            int h0 = Unsafe.Add(ref p, k) * gx + Unsafe.Add(ref p, k + channels) * fx;
            int h1 = Unsafe.Add(ref q, k) * gx + Unsafe.Add(ref q, k + channels) * fx;
            Unsafe.Add(ref o, k) = (byte)((h0 * gy + h1 * fy + WarpRound) >> WarpShift);
        }
    }

    // Sixteen-bit samples widened to 32 bits, blended with four fixed weights, rounded once and narrowed back to 16 bits
    // (the results are bytes, so the narrowing keeps them).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> Blend4(Vector512<ushort> p, Vector512<ushort> s, Vector512<ushort> q, Vector512<ushort> t,
        Vector512<int> a, Vector512<int> b, Vector512<int> c, Vector512<int> d, Vector512<int> r)
    {
        var (p0, p1) = Vector512.Widen(p); var (s0, s1) = Vector512.Widen(s);
        var (q0, q1) = Vector512.Widen(q); var (t0, t1) = Vector512.Widen(t);
        var e0 = Vector512.ShiftRightLogical(p0.AsInt32() * a + s0.AsInt32() * b + q0.AsInt32() * c + t0.AsInt32() * d + r, WarpShift);
        var e1 = Vector512.ShiftRightLogical(p1.AsInt32() * a + s1.AsInt32() * b + q1.AsInt32() * c + t1.AsInt32() * d + r, WarpShift);
        return Vector512.Narrow(e0.AsUInt32(), e1.AsUInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> Blend4(Vector256<ushort> p, Vector256<ushort> s, Vector256<ushort> q, Vector256<ushort> t,
        Vector256<int> a, Vector256<int> b, Vector256<int> c, Vector256<int> d, Vector256<int> r)
    {
        var (p0, p1) = Vector256.Widen(p); var (s0, s1) = Vector256.Widen(s);
        var (q0, q1) = Vector256.Widen(q); var (t0, t1) = Vector256.Widen(t);
        var e0 = Vector256.ShiftRightLogical(p0.AsInt32() * a + s0.AsInt32() * b + q0.AsInt32() * c + t0.AsInt32() * d + r, WarpShift);
        var e1 = Vector256.ShiftRightLogical(p1.AsInt32() * a + s1.AsInt32() * b + q1.AsInt32() * c + t1.AsInt32() * d + r, WarpShift);
        return Vector256.Narrow(e0.AsUInt32(), e1.AsUInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> Blend4(Vector128<ushort> p, Vector128<ushort> s, Vector128<ushort> q, Vector128<ushort> t,
        Vector128<int> a, Vector128<int> b, Vector128<int> c, Vector128<int> d, Vector128<int> r)
    {
        var (p0, p1) = Vector128.Widen(p); var (s0, s1) = Vector128.Widen(s);
        var (q0, q1) = Vector128.Widen(q); var (t0, t1) = Vector128.Widen(t);
        var e0 = Vector128.ShiftRightLogical(p0.AsInt32() * a + s0.AsInt32() * b + q0.AsInt32() * c + t0.AsInt32() * d + r, WarpShift);
        var e1 = Vector128.ShiftRightLogical(p1.AsInt32() * a + s1.AsInt32() * b + q1.AsInt32() * c + t1.AsInt32() * d + r, WarpShift);
        return Vector128.Narrow(e0.AsUInt32(), e1.AsUInt32());
    }
}

internal static partial class FixedGeometry
{
    /// <summary>The longest run of destination columns [start, end) of a separable resize whose taps are source pixels
    /// (no fill), the second tap the pixel after the first, the first tap stepping one pixel per column, and one weight
    /// for all: there the horizontal pass reads contiguous bytes (<see cref="HRowUnit"/>). Found on the tables, exactly.</summary>
    internal static (int Start, int End) UnitColumns(int[] cx0, int[] cx1, short[] ax, int dstWidth, int channels)
    {
        int best = 0, bestLength = 0, j = 0;
        while (j < dstWidth)
        {
            if (cx0[j] < 0 || cx1[j] != cx0[j] + channels) { j++; continue; }
            int a = j++;
            while (j < dstWidth && cx0[j] == cx0[j - 1] + channels && cx1[j] == cx0[j] + channels && ax[j] == ax[a]) j++;
            if (j - a > bestLength) { best = a; bestLength = j - a; }
        }
        return (best, best + bestLength);
    }

    /// <summary>n samples of the horizontal pass over a unit run: <c>h[k] = (s[k] (2048 - a1) + s[k + ch] a1 + 8) &gt;&gt; 4</c>,
    /// the scalar pass's formula on the same taps. Reads s[0 .. n + ch) only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void HRowUnit(ref byte s, int channels, int a1, ref ushort h, int n, SimdPath path)
    {
        int a0 = ResizeOne - a1, k = 0;
        if (path == SimdPath.Vector512 && Vector512.IsHardwareAccelerated)
        {
            Vector512<int> wa = Vector512.Create(a0), wb = Vector512.Create(a1), r = Vector512.Create(RowRound);
            for (; k <= n - 64; k += 64)
            {
                var (p0, p1) = Vector512.Widen(Vector512.LoadUnsafe(ref s, (nuint)k));
                var (q0, q1) = Vector512.Widen(Vector512.LoadUnsafe(ref s, (nuint)(k + channels)));
                var (p00, p01) = Vector512.Widen(p0); var (p10, p11) = Vector512.Widen(p1);
                var (q00, q01) = Vector512.Widen(q0); var (q10, q11) = Vector512.Widen(q1);
                var e0 = Vector512.ShiftRightLogical(p00.AsInt32() * wa + q00.AsInt32() * wb + r, RowShift).AsUInt32();
                var e1 = Vector512.ShiftRightLogical(p01.AsInt32() * wa + q01.AsInt32() * wb + r, RowShift).AsUInt32();
                var e2 = Vector512.ShiftRightLogical(p10.AsInt32() * wa + q10.AsInt32() * wb + r, RowShift).AsUInt32();
                var e3 = Vector512.ShiftRightLogical(p11.AsInt32() * wa + q11.AsInt32() * wb + r, RowShift).AsUInt32();
                Vector512.Narrow(e0, e1).StoreUnsafe(ref h, (nuint)k);
                Vector512.Narrow(e2, e3).StoreUnsafe(ref h, (nuint)k + 32);
            }
        }
        if (path is SimdPath.Vector512 or SimdPath.Vector256 && Vector256.IsHardwareAccelerated)
        {
            Vector256<int> wa = Vector256.Create(a0), wb = Vector256.Create(a1), r = Vector256.Create(RowRound);
            for (; k <= n - 32; k += 32)
            {
                var (p0, p1) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)k));
                var (q0, q1) = Vector256.Widen(Vector256.LoadUnsafe(ref s, (nuint)(k + channels)));
                var (p00, p01) = Vector256.Widen(p0); var (p10, p11) = Vector256.Widen(p1);
                var (q00, q01) = Vector256.Widen(q0); var (q10, q11) = Vector256.Widen(q1);
                var e0 = Vector256.ShiftRightLogical(p00.AsInt32() * wa + q00.AsInt32() * wb + r, RowShift).AsUInt32();
                var e1 = Vector256.ShiftRightLogical(p01.AsInt32() * wa + q01.AsInt32() * wb + r, RowShift).AsUInt32();
                var e2 = Vector256.ShiftRightLogical(p10.AsInt32() * wa + q10.AsInt32() * wb + r, RowShift).AsUInt32();
                var e3 = Vector256.ShiftRightLogical(p11.AsInt32() * wa + q11.AsInt32() * wb + r, RowShift).AsUInt32();
                Vector256.Narrow(e0, e1).StoreUnsafe(ref h, (nuint)k);
                Vector256.Narrow(e2, e3).StoreUnsafe(ref h, (nuint)k + 16);
            }
        }
        if (path is SimdPath.Vector512 or SimdPath.Vector256 or SimdPath.Vector128 && Vector128.IsHardwareAccelerated)
        {
            Vector128<int> wa = Vector128.Create(a0), wb = Vector128.Create(a1), r = Vector128.Create(RowRound);
            for (; k <= n - 16; k += 16)
            {
                var (p0, p1) = Vector128.Widen(Vector128.LoadUnsafe(ref s, (nuint)k));
                var (q0, q1) = Vector128.Widen(Vector128.LoadUnsafe(ref s, (nuint)(k + channels)));
                var (p00, p01) = Vector128.Widen(p0); var (p10, p11) = Vector128.Widen(p1);
                var (q00, q01) = Vector128.Widen(q0); var (q10, q11) = Vector128.Widen(q1);
                var e0 = Vector128.ShiftRightLogical(p00.AsInt32() * wa + q00.AsInt32() * wb + r, RowShift).AsUInt32();
                var e1 = Vector128.ShiftRightLogical(p01.AsInt32() * wa + q01.AsInt32() * wb + r, RowShift).AsUInt32();
                var e2 = Vector128.ShiftRightLogical(p10.AsInt32() * wa + q10.AsInt32() * wb + r, RowShift).AsUInt32();
                var e3 = Vector128.ShiftRightLogical(p11.AsInt32() * wa + q11.AsInt32() * wb + r, RowShift).AsUInt32();
                Vector128.Narrow(e0, e1).StoreUnsafe(ref h, (nuint)k);
                Vector128.Narrow(e2, e3).StoreUnsafe(ref h, (nuint)k + 8);
            }
        }
        for (; k < n; k++)
            Unsafe.Add(ref h, k) = (ushort)((Unsafe.Add(ref s, k) * a0 + Unsafe.Add(ref s, k + channels) * a1 + RowRound) >> RowShift);
    }
}

internal static partial class FixedGeometry
{
    /// <summary>Whether the affine warp is a shear along y in fixed point: the column offsets step by exactly 1024 in X
    /// (<c>dX[j] = dX[0] + 1024 j</c>), and the row starts keep X (<c>X0(i) = X0(0)</c>) and step by exactly 1024 in Y
    /// (<c>Y0(i) = Y0(0) + 1024 i</c>). Then column j reads source column <c>x0_j</c> and its neighbour with one weight,
    /// and rows <c>y0_j + i</c> with one weight: in the transposed image each destination column is a unit-step row.
    /// Tested on the values the warp computes (<paramref name="x0"/>, <paramref name="y0"/>: X0(i), Y0(i)).</summary>
    internal static bool UnitStepColumns(long[] dX, int dstWidth, long[] x0, long[] y0, int dstHeight)
    {
        for (int j = 1; j < dstWidth; j++)
            if (dX[j] != dX[0] + ((long)j << WarpBits)) return false;
        for (int i = 1; i < dstHeight; i++)
            if (x0[i] != x0[0] || y0[i] != y0[0] + ((long)i << WarpBits)) return false;
        return true;
    }

    /// <summary>The warp of a shear along y (<see cref="UnitStepColumns"/>): the source transposed, each destination
    /// column's interior run blended as a row of the transposed source by <see cref="BlendUnitRow"/> (its four products
    /// are symmetric in the axes, so the same integer as the per-pixel formula), the result transposed back, and the
    /// pixels outside each column's run written through <c>BorderPixel</c>, as the general warp does. Buffers pooled.</summary>
    private static void WarpUnitColumns(ReadOnlySpan<byte> src, int w, int h, int channels, Span<byte> dst, int dstWidth, int dstHeight,
        long X0, long Y0, long[] dX, long[] dY, BorderMode border, ReadOnlySpan<byte> fill, SimdPath path)
    {
        var bpool = ArrayPool<byte>.Shared;
        var ipool = ArrayPool<int>.Shared;
        byte[] t = bpool.Rent(w * h * channels), u = bpool.Rent(dstWidth * dstHeight * channels);
        int[] runs = ipool.Rent(2 * dstWidth);
        try
        {
            var plain = new IntegerMap(0, 1, 0, 1, 0, 0);
            // t: w rows of h pixels, t(x, y) = src(y, x).
            Transpose(src, w, channels, t, h, plain, 0, w, 0, h, path);
            ref byte tp = ref MemoryArrayRef(t);
            ref byte up = ref MemoryArrayRef(u);
            int tstride = h * channels;
            for (int j = 0; j < dstWidth; j++)
            {
                long X = X0 + dX[j], Yb = Y0 + dY[j];
                long x0 = X >> WarpBits, yb = Yb >> WarpBits;
                int ia = 0, ib = 0;
                if (x0 >= 0 && x0 < w - 1)
                {
                    ia = (int)Math.Clamp(-yb, 0, dstHeight);
                    ib = (int)Math.Clamp(h - 1 - yb, ia, dstHeight);
                }
                runs[2 * j] = ia; runs[2 * j + 1] = ib;
                if (ib > ia)
                    BlendUnitRow(ref Unsafe.Add(ref tp, ((int)x0 * h + (int)yb + ia) * channels), tstride, channels,
                        (int)Yb & (WarpOne - 1), (int)X & (WarpOne - 1),
                        ref Unsafe.Add(ref up, (j * dstHeight + ia) * channels), (ib - ia) * channels, path);
            }
            // dst(i, j) = u(j, i).
            Transpose(u, dstHeight, channels, dst, dstWidth, plain, 0, dstHeight, 0, dstWidth, path);
            for (int j = 0; j < dstWidth; j++)
            {
                int ia = runs[2 * j], ib = runs[2 * j + 1];
                // Rows [0, ia) and [ib, dstHeight) (ib >= ia; an empty run is every row). Under a Constant border the rows
                // with no tap inside (x0 outside [-1, w - 1], or y0 = yb + i outside [-1, h - 1]) are BorderPixel's
                // shortcut, the fill: written directly; rows [ka, kb) have a tap inside.
                int ka = 0, kb = dstHeight;
                if (border == BorderMode.Constant)
                {
                    long x0 = (X0 + dX[j]) >> WarpBits, yb = (Y0 + dY[j]) >> WarpBits;
                    if (x0 < -1 || x0 >= w) kb = 0;
                    else
                    {
                        ka = (int)Math.Clamp(-1 - yb, 0, dstHeight);
                        kb = (int)Math.Clamp(h - yb, ka, dstHeight);
                    }
                }
                for (int i = 0; i < dstHeight; i++)
                {
                    if (i == ia && ib > ia) { i = ib - 1; continue; }
                    Span<byte> px = dst.Slice((i * dstWidth + j) * channels, channels);
                    if (i < ka || i >= kb) fill.CopyTo(px);
                    else BorderPixel(src, w, h, channels, X0 + dX[j], Y0 + ((long)i << WarpBits) + dY[j], border, fill, px);
                }
            }
        }
        finally { bpool.Return(t); bpool.Return(u); ipool.Return(runs); }
    }

    // Row starts X0(i), Y0(i) as WarpBilinear computes them; runs WarpUnitColumns when they and the column offsets
    // make a shear along y.
    private static bool UnitShearY(ReadOnlySpan<byte> src, int w, int h, int channels, Span<byte> dst, int dstWidth, int dstHeight,
        in Matrix3 m, long[] dX, long[] dY, BorderMode border, ReadOnlySpan<byte> fill, SimdPath path)
    {
        for (int j = 1; j < dstWidth; j++)
            if (dX[j] != dX[0] + ((long)j << WarpBits)) return false;
        var lpool = ArrayPool<long>.Shared;
        long[] x0 = lpool.Rent(dstHeight), y0 = lpool.Rent(dstHeight);
        try
        {
            for (int i = 0; i < dstHeight; i++)
            {
                double y = i + 0.5;
                x0[i] = Fixed(m.M01 * y + m.M02 - 0.5);
                y0[i] = Fixed(m.M11 * y + m.M12 - 0.5);
            }
            if (!UnitStepColumns(dX, dstWidth, x0, y0, dstHeight)) return false;
            WarpUnitColumns(src, w, h, channels, dst, dstWidth, dstHeight, x0[0], y0[0], dX, dY, border, fill, path);
            return true;
        }
        finally { lpool.Return(x0); lpool.Return(y0); }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte MemoryArrayRef(byte[] a) => ref MemoryMarshal.GetArrayDataReference(a);
}
