using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// Downscale on bytes (nearest down, bilinear up, float32 in between, rounded once) as separable passes with the bits of
/// the float warps it replaces: <see cref="GeometryKernels.Warp(ReadOnlySpan{float}, int, int, int, Span{float}, int, int, in Matrix3, Interpolation, BorderMode, ReadOnlySpan{float}, ReadOnlySpan{WarpWindow})"/>
/// with <c>Matrix3.Scale(sx, sy)</c>, Replicate, on the image's values as floats, then
/// <c>byte(min(max(round(v), 0), 255))</c>. Under a scale the warp's source x (<c>sx (j + 0.5)</c>) depends on the
/// column alone and y on the row alone, so each column's taps and weight and each row's are computed once, exactly as
/// the warp computes them per pixel. The bilinear value <c>(1 - ay) ((1 - ax) p00 + ax p10) + ay ((1 - ax) p01 + ax p11)</c>
/// is evaluated in the same float32 operations in the same order: the two inner sums are a horizontal pass per source
/// row (shared by the destination rows that read that row), the outer sum a vertical pass, vectorised lane by lane
/// (IEEE float32 multiplies and adds, no fused multiply-add), rounded half to even and clamped.
/// </summary>
internal static class DownscaleKernels
{
    /// <summary>Nearest from <paramref name="src"/> (w x h) to <paramref name="small"/> (sw x sh) under source scales
    /// (<paramref name="downX"/>, <paramref name="downY"/>), then bilinear back to <paramref name="dst"/> (w x h) under
    /// (<paramref name="upX"/>, <paramref name="upY"/>), rounded to bytes. <paramref name="small"/> is scratch of at
    /// least sw * sh * channels floats.</summary>
    internal static void NearestDownBilinearUp(ReadOnlySpan<byte> src, int w, int h, int channels, Span<float> small, int sw, int sh,
        double downX, double downY, double upX, double upY, Span<byte> dst, SimdPath path)
    {
        int ch = channels;
        if (src.Length != w * h * ch) Throw.Argument(nameof(src), src.Length, $"{w * h * ch} bytes ({w} x {h} x {ch})");
        if (dst.Length != w * h * ch) Throw.Argument(nameof(dst), dst.Length, $"{w * h * ch} bytes ({w} x {h} x {ch})");
        if (small.Length < sw * sh * ch) Throw.Argument(nameof(small), small.Length, $"at least {sw * sh * ch} floats ({sw} x {sh} x {ch})");
        int dw = w * ch;
        var resolved = Simd.Resolve(path);
        // Window permutes for the horizontal pass: groups of 16 elements (512-bit) or 8 (256-bit).
        int group = resolved == SimdPath.Vector512 && Avx512F.IsSupported ? 16
            : resolved is SimdPath.Vector256 or SimdPath.Vector512 && Avx2.IsSupported ? 8 : 0;
        int groups = group == 0 ? 0 : dw / group;
        // The column and row tables depend only on the shapes, scales and group: the last ones built on this thread are
        // kept (Plan) and reused while they match, so a run of same-sized calls builds them once. Their arrays come
        // from the shared pool and go back to it when a call with other shapes replaces them.
        Plan? plan = lastPlan;
        bool hit = plan != null && plan.Matches(w, h, ch, sw, sh, downX, downY, upX, upY, group);
        if (!hit)
        {
            plan = new Plan(w, h, ch, sw, sh, downX, downY, upX, upY, group,
                ArrayPool<int>.Shared.Rent(sw + 2 * dw + 2 * h + groups + 2 * groups * group), ArrayPool<float>.Shared.Rent(2 * dw + h + 2 * ((dw + 15) & ~15) + 16));
        }
        int[] ints = plan!.Ints;
        float[] floats = plan.Floats;
        {
            Span<int> col = ints.AsSpan(0, sw);
            Span<int> o0 = ints.AsSpan(sw, dw), o1 = ints.AsSpan(sw + dw, dw);
            Span<int> r0 = ints.AsSpan(sw + 2 * dw, h), r1 = ints.AsSpan(sw + 2 * dw + h, h);
            Span<float> bx = floats.AsSpan(0, dw), ax = floats.AsSpan(dw, dw);
            Span<float> ay = floats.AsSpan(2 * dw, h);
            // The horizontal rows start on 64-byte boundaries, so that the vertical pass's loads do not split cache
            // lines (only speed depends on it: an array the GC moves afterwards gives the same bits).
            int hStart = 2 * dw + h;
            unsafe
            {
                fixed (float* f = floats) hStart += (int)(((64 - ((nint)(f + hStart) & 63)) & 63) / 4);
            }
            Span<float> h0 = floats.AsSpan(hStart, dw), h1 = floats.AsSpan(hStart + ((dw + 15) & ~15), dw);
            Span<int> gbase = ints.AsSpan(sw + 2 * dw + 2 * h, groups);
            Span<int> gi0 = ints.AsSpan(sw + 2 * dw + 2 * h + groups, groups * group);
            Span<int> gi1 = ints.AsSpan(sw + 2 * dw + 2 * h + groups + groups * group, groups * group);
            if (!hit)
            {
                BuildTables(w, h, ch, sw, downX, upX, upY, sh, group, groups, col, o0, o1, r0, r1, bx, ax, ay, gbase, gi0, gi1);
                Plan? old = lastPlan;
                lastPlan = plan;
                if (old != null)
                {
                    ArrayPool<int>.Shared.Return(old.Ints);
                    ArrayPool<float>.Shared.Return(old.Floats);
                }
            }
            // Nearest down: column floor(sx (j + 0.5)) (col), row floor(sy (i + 0.5)), replicated into the source.
            for (int i = 0; i < sh; i++)
            {
                ReadOnlySpan<byte> srow = src.Slice(NearestIndex(downY * (i + 0.5), h) * dw, dw);
                Span<float> orow = small.Slice(i * sw * ch, sw * ch);
                NearestRow(srow, col, ch, orow);
            }

            // h0 holds the horizontal pass of small row k0, h1 of k1; a row is recomputed only when the rows change.
            int k0 = -1, k1 = -1;
            for (int i = 0; i < h; i++)
            {
                if (r0[i] != k0)
                {
                    // The row moved down by one: the old second row becomes the first (the buffers swap, no copy).
                    if (r0[i] == k1) { Span<float> t = h0; h0 = h1; h1 = t; (k0, k1) = (k1, k0); }
                    else { Horizontal(small.Slice(r0[i] * sw * ch, sw * ch), o0, o1, bx, ax, h0, resolved, group, gbase, gi0, gi1); k0 = r0[i]; }
                }
                if (r1[i] != k1)
                {
                    if (r1[i] == k0) h0.CopyTo(h1);
                    else Horizontal(small.Slice(r1[i] * sw * ch, sw * ch), o0, o1, bx, ax, h1, resolved, group, gbase, gi0, gi1);
                    k1 = r1[i];
                }
                float a = ay[i], b = 1f - a;
                Span<byte> drow = dst.Slice(i * dw, dw);
                switch (resolved)
                {
                    case SimdPath.Vector512 when Avx512F.IsSupported: Vertical512(h0, h1, b, a, drow); break;
                    case SimdPath.Vector256 or SimdPath.Vector512 when Avx2.IsSupported: VerticalAvx2(h0, h1, b, a, drow); break;
                    case SimdPath.Vector128 when Sse2.IsSupported: VerticalSse2(h0, h1, b, a, drow); break;
                    case SimdPath.Vector128: Vertical<System.Runtime.Intrinsics.Vector128<float>, System.Runtime.Intrinsics.Vector128<byte>, W128>(h0, h1, b, a, drow); break;
                    case SimdPath.Vector256: Vertical<System.Runtime.Intrinsics.Vector256<float>, System.Runtime.Intrinsics.Vector256<byte>, W256>(h0, h1, b, a, drow); break;
                    case SimdPath.Vector512: Vertical<System.Runtime.Intrinsics.Vector512<float>, System.Runtime.Intrinsics.Vector512<byte>, W512>(h0, h1, b, a, drow); break;
                    default: VerticalScalar(h0, h1, b, a, drow, 0); break;
                }
            }
        }
    }

    // The tables of one shape (see NearestDownBilinearUp): nearest columns; per destination element (column j, channel c)
    // the two taps' offsets in a small row and the weights 1 - ax and ax; per destination row the two small rows and ay;
    // per group of `group` elements the start of a window of the small row holding both taps of each element and each
    // element's taps as offsets from it (start -1 where the taps do not fit one window).
    private static void BuildTables(int w, int h, int ch, int sw, double downX, double upX, double upY, int sh, int group, int groups,
        Span<int> col, Span<int> o0, Span<int> o1, Span<int> r0, Span<int> r1, Span<float> bx, Span<float> ax, Span<float> ay,
        Span<int> gbase, Span<int> gi0, Span<int> gi1)
    {
        for (int j = 0; j < sw; j++) col[j] = NearestIndex(downX * (j + 0.5), w) * ch;
        for (int j = 0; j < w; j++)
        {
            var (t0, t1, a) = BilinearTaps(upX * (j + 0.5), sw);
            for (int c = 0; c < ch; c++)
            {
                o0[j * ch + c] = t0 * ch + c;
                o1[j * ch + c] = t1 * ch + c;
                ax[j * ch + c] = a;
                bx[j * ch + c] = 1f - a;
            }
        }
        for (int i = 0; i < h; i++) (r0[i], r1[i], ay[i]) = BilinearTaps(upY * (i + 0.5), sh);
        int rowLength = sw * ch;
        for (int g = 0; g < groups; g++)
        {
            int lo = int.MaxValue, hi = int.MinValue;
            for (int e = g * group; e < (g + 1) * group; e++)
            {
                lo = Math.Min(lo, Math.Min(o0[e], o1[e]));
                hi = Math.Max(hi, Math.Max(o0[e], o1[e]));
            }
            int b = Math.Min(lo, rowLength - group);
            if (b < 0 || hi - b >= group) { gbase[g] = -1; continue; }
            gbase[g] = b;
            for (int e = g * group; e < (g + 1) * group; e++) { gi0[e] = o0[e] - b; gi1[e] = o1[e] - b; }
        }
    }

    // The last tables built on a thread, with the arguments they were built for.
    private sealed class Plan(int w, int h, int ch, int sw, int sh, double downX, double downY, double upX, double upY, int group,
        int[] ints, float[] floats)
    {
        internal readonly int[] Ints = ints;
        internal readonly float[] Floats = floats;

        internal bool Matches(int w2, int h2, int ch2, int sw2, int sh2, double dx, double dy, double ux, double uy, int g) =>
            w2 == w && h2 == h && ch2 == ch && sw2 == sw && sh2 == sh && g == group
            && dx.Equals(downX) && dy.Equals(downY) && ux.Equals(upX) && uy.Equals(upY);
    }

    [ThreadStatic] private static Plan? lastPlan;

    // The warp's nearest tap: floor(u), through Replicate (clamped into [0, n)).
    private static int NearestIndex(double u, int n)
    {
        double f = Math.Floor(u);
        return f < 0 ? 0 : f >= n ? n - 1 : (int)f;
    }

    // The warp's bilinear taps and weight: f = u - 0.5, taps floor(f) and floor(f) + 1 through Replicate, weight
    // (float)(f - floor(f)).
    private static (int T0, int T1, float A) BilinearTaps(double u, int n)
    {
        double f = u - 0.5, f0 = Math.Floor(f);
        float a = (float)(f - f0);
        long x0 = (long)f0;
        return ((int)Math.Clamp(x0, 0, n - 1), (int)Math.Clamp(x0 + 1, 0, n - 1), a);
    }

    // One small row: orow[j ch + c] = srow[col[j] + c] as floats (col holds sample offsets).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NearestRow(ReadOnlySpan<byte> srow, ReadOnlySpan<int> col, int ch, Span<float> orow)
    {
        ref byte s = ref MemoryMarshal.GetReference(srow);
        ref float o = ref MemoryMarshal.GetReference(orow);
        int n = col.Length;
        if (ch == 3)
        {
            for (int j = 0; j < n; j++)
            {
                ref byte p = ref Unsafe.Add(ref s, col[j]);
                ref float q = ref Unsafe.Add(ref o, 3 * j);
                q = p; Unsafe.Add(ref q, 1) = Unsafe.Add(ref p, 1); Unsafe.Add(ref q, 2) = Unsafe.Add(ref p, 2);
            }
            return;
        }
        for (int j = 0; j < n; j++)
            for (int c = 0; c < ch; c++) Unsafe.Add(ref o, j * ch + c) = Unsafe.Add(ref s, col[j] + c);
    }

    // h[e] = bx[e] row[o0[e]] + ax[e] row[o1[e]]: on the 256- and 512-bit paths `group` elements at a time, the taps
    // permuted out of one window of the row (vpermps) where the group's taps fit one, else by AVX2 gathers (the same
    // loads, then the same float32 multiplies and add, no fused multiply-add).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Horizontal(ReadOnlySpan<float> row, ReadOnlySpan<int> o0, ReadOnlySpan<int> o1, ReadOnlySpan<float> bx,
        ReadOnlySpan<float> ax, Span<float> h, SimdPath path, int group, ReadOnlySpan<int> gbase, ReadOnlySpan<int> gi0, ReadOnlySpan<int> gi1)
    {
        int n = h.Length, e = 0;
        if (group == 16)
        {
            ref float rw = ref MemoryMarshal.GetReference(row);
            ref int i0 = ref MemoryMarshal.GetReference(gi0);
            ref int i1 = ref MemoryMarshal.GetReference(gi1);
            ref float b = ref MemoryMarshal.GetReference(bx);
            ref float a = ref MemoryMarshal.GetReference(ax);
            ref float o = ref MemoryMarshal.GetReference(h);
            for (int g = 0; g < gbase.Length; g++, e += 16)
            {
                int start = gbase[g];
                if (start < 0)
                {
                    for (int k = e; k < e + 16; k++) h[k] = bx[k] * row[o0[k]] + ax[k] * row[o1[k]];
                    continue;
                }
                var win = Vector512.LoadUnsafe(ref rw, (nuint)start);
                var p0 = Avx512F.PermuteVar16x32(win, Vector512.LoadUnsafe(ref i0, (nuint)e));
                var p1 = Avx512F.PermuteVar16x32(win, Vector512.LoadUnsafe(ref i1, (nuint)e));
                Avx512F.Add(Avx512F.Multiply(Vector512.LoadUnsafe(ref b, (nuint)e), p0), Avx512F.Multiply(Vector512.LoadUnsafe(ref a, (nuint)e), p1))
                    .StoreUnsafe(ref o, (nuint)e);
            }
        }
        else if (group == 8)
        {
            ref float rw = ref MemoryMarshal.GetReference(row);
            ref int i0 = ref MemoryMarshal.GetReference(gi0);
            ref int i1 = ref MemoryMarshal.GetReference(gi1);
            ref float b = ref MemoryMarshal.GetReference(bx);
            ref float a = ref MemoryMarshal.GetReference(ax);
            ref float o = ref MemoryMarshal.GetReference(h);
            fixed (float* r = row)
                for (int g = 0; g < gbase.Length; g++, e += 8)
                {
                    int start = gbase[g];
                    Vector256<float> p0, p1;
                    if (start < 0)
                    {
                        p0 = Avx2.GatherVector256(r, Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(o0), (nuint)e), 4);
                        p1 = Avx2.GatherVector256(r, Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(o1), (nuint)e), 4);
                    }
                    else
                    {
                        var win = Vector256.LoadUnsafe(ref rw, (nuint)start);
                        p0 = Avx2.PermuteVar8x32(win, Vector256.LoadUnsafe(ref i0, (nuint)e));
                        p1 = Avx2.PermuteVar8x32(win, Vector256.LoadUnsafe(ref i1, (nuint)e));
                    }
                    Avx.Add(Avx.Multiply(Vector256.LoadUnsafe(ref b, (nuint)e), p0), Avx.Multiply(Vector256.LoadUnsafe(ref a, (nuint)e), p1))
                        .StoreUnsafe(ref o, (nuint)e);
                }
        }
        if (path is SimdPath.Vector256 or SimdPath.Vector512 && Avx2.IsSupported && n - e >= 8)
        {
            fixed (float* r = row)
            {
                ref int i0 = ref MemoryMarshal.GetReference(o0);
                ref int i1 = ref MemoryMarshal.GetReference(o1);
                ref float b = ref MemoryMarshal.GetReference(bx);
                ref float a = ref MemoryMarshal.GetReference(ax);
                ref float o = ref MemoryMarshal.GetReference(h);
                for (; e <= n - 8; e += 8)
                {
                    var p0 = Avx2.GatherVector256(r, Vector256.LoadUnsafe(ref i0, (nuint)e), 4);
                    var p1 = Avx2.GatherVector256(r, Vector256.LoadUnsafe(ref i1, (nuint)e), 4);
                    var v = Avx.Add(Avx.Multiply(Vector256.LoadUnsafe(ref b, (nuint)e), p0), Avx.Multiply(Vector256.LoadUnsafe(ref a, (nuint)e), p1));
                    v.StoreUnsafe(ref o, (nuint)e);
                }
            }
        }
        ref float rr = ref MemoryMarshal.GetReference(row);
        for (; e < n; e++)
            h[e] = bx[e] * Unsafe.Add(ref rr, o0[e]) + ax[e] * Unsafe.Add(ref rr, o1[e]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vertical<TF, TB, TW>(ReadOnlySpan<float> h0, ReadOnlySpan<float> h1, float b, float a, Span<byte> drow)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int n = drow.Length, e = 0;
        ref float p0 = ref MemoryMarshal.GetReference(h0);
        ref float p1 = ref MemoryMarshal.GetReference(h1);
        ref byte d = ref MemoryMarshal.GetReference(drow);
        TF vb = TW.Splat(b), va = TW.Splat(a), zero = TW.Splat(0f), max = TW.Splat(255f);
        for (; e <= n - TW.Count; e += TW.Count)
        {
            TF v = TW.Add(TW.Mul(vb, TW.Load(ref Unsafe.Add(ref p0, e))), TW.Mul(va, TW.Load(ref Unsafe.Add(ref p1, e))));
            TW.StoreNarrowing(TW.Min(TW.Max(TW.Round(v), zero), max), ref Unsafe.Add(ref d, e));
        }
        VerticalScalar(h0, h1, b, a, drow, e);
    }

    // As VerticalAvx2 with 16 floats per vector: cvtps2dq rounds half to even; max with 0, then vpmovusdb's unsigned
    // saturation to 255, is min(max(., 0), 255) on the rounded int (a value outside int range, which a blend of bytes
    // cannot be, converts to int.MinValue and clamps to 0, as the scalar's NaN-free path would not reach).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vertical512(ReadOnlySpan<float> h0, ReadOnlySpan<float> h1, float b, float a, Span<byte> drow)
    {
        int n = drow.Length, e = 0;
        ref float p0 = ref MemoryMarshal.GetReference(h0);
        ref float p1 = ref MemoryMarshal.GetReference(h1);
        ref byte d = ref MemoryMarshal.GetReference(drow);
        Vector512<float> vb = Vector512.Create(b), va = Vector512.Create(a);
        for (; e <= n - 16; e += 16)
        {
            var v = Avx512F.Add(Avx512F.Multiply(vb, Vector512.LoadUnsafe(ref p0, (nuint)e)), Avx512F.Multiply(va, Vector512.LoadUnsafe(ref p1, (nuint)e)));
            var i = Avx512F.Max(Avx512F.ConvertToVector512Int32(v), Vector512<int>.Zero);
            Avx512F.ConvertToVector128ByteWithSaturation(i.AsUInt32()).StoreUnsafe(ref d, (nuint)e);
        }
        VerticalScalar(h0, h1, b, a, drow, e);
    }

    // x86: cvtps2dq rounds half to even (the default MXCSR mode, which .NET keeps) as MathF.Round, and the saturating
    // packs (int32 to int16 signed, int16 to bytes unsigned) clamp to [0, 255] as min(max(., 0), 255) does for values in
    // int range; blends of bytes stay within [0, 255] up to float rounding. 32 elements per iteration.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VerticalAvx2(ReadOnlySpan<float> h0, ReadOnlySpan<float> h1, float b, float a, Span<byte> drow)
    {
        int n = drow.Length, e = 0;
        ref float p0 = ref MemoryMarshal.GetReference(h0);
        ref float p1 = ref MemoryMarshal.GetReference(h1);
        ref byte d = ref MemoryMarshal.GetReference(drow);
        Vector256<float> vb = Vector256.Create(b), va = Vector256.Create(a);
        Vector256<int> order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        for (; e <= n - 32; e += 32)
        {
            Vector256<int> Blend(ref float p0, ref float p1, int k) =>
                Avx.ConvertToVector256Int32(Avx.Add(Avx.Multiply(vb, Vector256.LoadUnsafe(ref p0, (nuint)k)),
                                                    Avx.Multiply(va, Vector256.LoadUnsafe(ref p1, (nuint)k))));
            var i0 = Blend(ref p0, ref p1, e);
            var i1 = Blend(ref p0, ref p1, e + 8);
            var i2 = Blend(ref p0, ref p1, e + 16);
            var i3 = Blend(ref p0, ref p1, e + 24);
            var bytes = Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(i0, i1), Avx2.PackSignedSaturate(i2, i3));
            Avx2.PermuteVar8x32(bytes.AsInt32(), order).AsByte().StoreUnsafe(ref d, (nuint)e);
        }
        VerticalScalar(h0, h1, b, a, drow, e);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VerticalSse2(ReadOnlySpan<float> h0, ReadOnlySpan<float> h1, float b, float a, Span<byte> drow)
    {
        int n = drow.Length, e = 0;
        ref float p0 = ref MemoryMarshal.GetReference(h0);
        ref float p1 = ref MemoryMarshal.GetReference(h1);
        ref byte d = ref MemoryMarshal.GetReference(drow);
        Vector128<float> vb = Vector128.Create(b), va = Vector128.Create(a);
        for (; e <= n - 16; e += 16)
        {
            Vector128<int> Blend(ref float p0, ref float p1, int k) =>
                Sse2.ConvertToVector128Int32(Sse.Add(Sse.Multiply(vb, Vector128.LoadUnsafe(ref p0, (nuint)k)),
                                                     Sse.Multiply(va, Vector128.LoadUnsafe(ref p1, (nuint)k))));
            var i0 = Blend(ref p0, ref p1, e);
            var i1 = Blend(ref p0, ref p1, e + 4);
            var i2 = Blend(ref p0, ref p1, e + 8);
            var i3 = Blend(ref p0, ref p1, e + 12);
            Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(i0, i1), Sse2.PackSignedSaturate(i2, i3)).StoreUnsafe(ref d, (nuint)e);
        }
        VerticalScalar(h0, h1, b, a, drow, e);
    }

    private static void VerticalScalar(ReadOnlySpan<float> h0, ReadOnlySpan<float> h1, float b, float a, Span<byte> drow, int from)
    {
        for (int e = from; e < drow.Length; e++)
            drow[e] = (byte)MathF.Min(MathF.Max(MathF.Round(b * h0[e] + a * h1[e]), 0f), 255f);
    }
}
