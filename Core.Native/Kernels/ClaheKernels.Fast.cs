using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// The fast path of <see cref="Clahe"/>, with the reference's arithmetic. The histograms of all colour channels are
/// counted in one pass over each band of tiles (counts do not depend on the order; two copies, even and odd columns,
/// added afterwards; the padding's reflected columns looked up only past the image's edge), clipped and summed into tables as
/// the reference does, and kept as float32 (each entry a byte value). The interpolation then runs all channels in one
/// pass, 16 pixels a step: R, G and B split with <see cref="GrayKernels"/>' <c>pshufb</c> masks, the four tile tables
/// read with AVX2 gathers (8 or 4 lanes; .NET exposes no AVX-512 gather, so the Vector512 path runs the 8-lane one) at <c>tile * 256 + value</c>, and the reference's float32 blend
/// <c>(l11 xa1 + l12 xa) ya1 + (l21 xa1 + l22 xa) ya</c> computed in its order in float lanes (no fused multiply-adds),
/// rounded half to even, clamped and interleaved back. Pixels after the last block of 16 in a row run the scalar formula.
/// </summary>
public static partial class ClaheKernels
{
    /// <summary>Whether <paramref name="width"/> (from <see cref="GrayKernels.Width"/>) can run the gathers.</summary>
    private static bool FastWidth(SimdPath width) => width != SimdPath.Scalar && Avx2.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ClaheFast(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels,
        double clipLimit, int tilesX, int tilesY, SimdPath simd)
    {
        var (tw, th) = TileSize(width, height, tilesX, tilesY);
        double area = (double)tw * th;
        float lutScale = (float)(255.0 / area);
        int limit = 0;
        if (clipLimit > 0.0) limit = Math.Max((int)Math.Min(clipLimit * area / 256, int.MaxValue), 1);

        int pw = tw * tilesX, ph = th * tilesY;
        int cc = Math.Min(channels, 3);
        int tiles = tilesX * tilesY;
        var pool = ArrayPool<int>.Shared;
        var fpool = ArrayPool<float>.Shared;
        int[] colOf = pool.Rent(pw), rowOf = pool.Rent(ph), hist = pool.Rent(tilesX * 2 * cc * 256);
        int[] off1 = pool.Rent(width), off2 = pool.Rent(width);
        float[] luts = fpool.Rent(cc * tiles * 256), xas = fpool.Rent(width), xa1s = fpool.Rent(width);
        try
        {
            for (int x = 0; x < pw; x++) colOf[x] = Reflect101(x, width);
            for (int y = 0; y < ph; y++) rowOf[y] = Reflect101(y, height);

            // Histograms, a band of tiles at a time, every channel in the same pass.
            ref byte sb = ref MemoryMarshal.GetReference(src);
            ref int hb = ref MemoryMarshal.GetArrayDataReference(hist);
            for (int ty = 0; ty < tilesY; ty++)
            {
                Array.Clear(hist, 0, tilesX * 2 * cc * 256);
                for (int y = ty * th; y < (ty + 1) * th; y++)
                {
                    int row = rowOf[y] * width;
                    for (int tx = 0; tx < tilesX; tx++)
                    {
                        // Two copies of each tile's histograms (even and odd columns) so that neighbouring equal
                        // values do not wait on each other's increments; the copies are added before the table.
                        int h = tx * 2 * cc * 256, h2 = h + cc * 256;
                        int x0 = tx * tw, x1 = x0 + tw, inside = Math.Min(x1, width);
                        int x = x0;
                        if (channels == 1)
                        {
                            x = Histogram8Gray(ref sb, row + x, x, inside, ref Unsafe.Add(ref hb, h), ref Unsafe.Add(ref hb, h2));
                        }
                        else if (channels == 3)
                        {
                            x = Histogram8Rgb(ref sb, row + x, x, inside, ref Unsafe.Add(ref hb, h), ref Unsafe.Add(ref hb, h2));
                        }
                        if (cc == 1)
                        {
                            for (; x + 1 < inside; x += 2)
                            {
                                hist[h + src[(row + x) * channels]]++;
                                hist[h2 + src[(row + x + 1) * channels]]++;
                            }
                            for (; x < x1; x++) hist[h + src[(row + colOf[x]) * channels]]++;
                        }
                        else
                        {
                            for (; x + 1 < inside; x += 2)
                            {
                                int p = (row + x) * channels;
                                hist[h + src[p]]++;
                                hist[h + 256 + src[p + 1]]++;
                                hist[h + 512 + src[p + 2]]++;
                                hist[h2 + src[p + channels]]++;
                                hist[h2 + 256 + src[p + channels + 1]]++;
                                hist[h2 + 512 + src[p + channels + 2]]++;
                            }
                            for (; x < x1; x++)
                            {
                                int p = (row + colOf[x]) * channels;
                                hist[h + src[p]]++;
                                hist[h + 256 + src[p + 1]]++;
                                hist[h + 512 + src[p + 2]]++;
                            }
                        }
                    }
                }
                for (int tx = 0; tx < tilesX; tx++)
                    for (int c = 0; c < cc; c++)
                    {
                        var a = hist.AsSpan((tx * 2 * cc + c) * 256, 256);
                        var b = hist.AsSpan(((tx * 2 + 1) * cc + c) * 256, 256);
                        for (int i = 0; i < 256; i++) a[i] += b[i];
                        Table(a, limit, lutScale, luts.AsSpan((c * tiles + ty * tilesX + tx) * 256, 256));
                    }
            }

            // The interpolation's column tables (as the reference's).
            float invTw = 1.0f / tw, invTh = 1.0f / th;
            for (int x = 0; x < width; x++)
            {
                float txf = x * invTw - 0.5f;
                int tx1 = (int)MathF.Floor(txf);
                float xa = txf - tx1;
                xas[x] = xa;
                xa1s[x] = 1.0f - xa;
                off1[x] = Math.Max(tx1, 0) * 256;
                off2[x] = Math.Min(tx1 + 1, tilesX - 1) * 256;
            }

            var split = RgbLanes.SplitMasks(channels == 1 ? 3 : channels);
            var join = RgbLanes.JoinMasks(channels == 1 ? 3 : channels);
            fixed (float* lp = luts, xap = xas, xa1p = xa1s)
            fixed (int* o1p = off1, o2p = off2)
            fixed (byte* sp = src, dp = dst)
            {
                for (int y = 0; y < height; y++)
                {
                    float tyf = y * invTh - 0.5f;
                    int ty1 = (int)MathF.Floor(tyf);
                    float ya = tyf - ty1, ya1 = 1.0f - ya;
                    int ty2 = Math.Min(ty1 + 1, tilesY - 1);
                    ty1 = Math.Max(ty1, 0);
                    float* p1 = lp + ty1 * tilesX * 256, p2 = lp + ty2 * tilesX * 256;
                    int planeStep = tiles * 256;
                    byte* srow = sp + (long)y * width * channels, drow = dp + (long)y * width * channels;
                    int x = 0;
                    for (; x <= width - 16; x += 16)
                    {
                        byte* s = srow + x * channels, d = drow + x * channels;
                        if (channels == 1)
                        {
                            Interp16(Vector128.Load(s), x, p1, p2, o1p, o2p, xap, xa1p, ya, ya1, simd).Store(d);
                            continue;
                        }
                        RgbLanes.Split(ref *s, channels, split, out var r, out var g, out var b);
                        var ro = Interp16(r, x, p1, p2, o1p, o2p, xap, xa1p, ya, ya1, simd);
                        var go = Interp16(g, x, p1 + planeStep, p2 + planeStep, o1p, o2p, xap, xa1p, ya, ya1, simd);
                        var bo = Interp16(b, x, p1 + 2 * planeStep, p2 + 2 * planeStep, o1p, o2p, xap, xa1p, ya, ya1, simd);
                        RgbLanes.Join(ro, go, bo, channels, join, ref *d, ref *s);
                    }
                    for (; x < width; x++)
                    {
                        int i1 = off1[x], i2 = off2[x];
                        float xa = xas[x], xa1 = xa1s[x];
                        for (int c = 0; c < cc; c++)
                        {
                            int i = x * channels + c;
                            int v = srow[i];
                            float* q1 = p1 + c * planeStep, q2 = p2 + c * planeStep;
                            float res = (q1[i1 + v] * xa1 + q1[i2 + v] * xa) * ya1 + (q2[i1 + v] * xa1 + q2[i2 + v] * xa) * ya;
                            drow[i] = ToByte(res);
                        }
                        if (channels == 4) drow[x * 4 + 3] = srow[x * 4 + 3];
                    }
                }
            }
        }
        finally
        {
            pool.Return(colOf); pool.Return(rowOf); pool.Return(hist); pool.Return(off1); pool.Return(off2);
            fpool.Return(luts); fpool.Return(xas); fpool.Return(xa1s);
        }
    }

    /// <summary>Counts pixels x to the last whole step of 8 before <paramref name="inside"/> of a 1-channel row (its first
    /// sample at <paramref name="at"/>) into <paramref name="even"/> and <paramref name="odd"/> by pixel parity within the step,
    /// 8 pixels read as one ulong. Returns the first pixel not counted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Histogram8Gray(ref byte s, int at, int x, int inside, ref int even, ref int odd)
    {
        for (; x + 8 <= inside; x += 8, at += 8)
        {
            ulong w0 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, at));
            Unsafe.Add(ref even, 0 + (int)(w0 & 0xFF))++;
            Unsafe.Add(ref odd, 0 + (int)((w0 >> 8) & 0xFF))++;
            Unsafe.Add(ref even, 0 + (int)((w0 >> 16) & 0xFF))++;
            Unsafe.Add(ref odd, 0 + (int)((w0 >> 24) & 0xFF))++;
            Unsafe.Add(ref even, 0 + (int)((w0 >> 32) & 0xFF))++;
            Unsafe.Add(ref odd, 0 + (int)((w0 >> 40) & 0xFF))++;
            Unsafe.Add(ref even, 0 + (int)((w0 >> 48) & 0xFF))++;
            Unsafe.Add(ref odd, 0 + (int)(w0 >> 56))++;
        }
        return x;
    }

    /// <summary>As <see cref="Histogram8Gray"/> for interleaved RGB (3 channels, 256 bins each in <paramref name="even"/>
    /// and <paramref name="odd"/>): 8 pixels, 24 bytes, read as three ulongs, each byte's channel fixed by its position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Histogram8Rgb(ref byte s, int at, int x, int inside, ref int even, ref int odd)
    {
        for (; x + 8 <= inside; x += 8, at += 8)
        {
            ref byte q = ref Unsafe.Add(ref s, at * 3);
            ulong w0 = Unsafe.ReadUnaligned<ulong>(ref q);
            ulong w1 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref q, 8));
            ulong w2 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref q, 16));
            Unsafe.Add(ref even, 0 + (int)(w0 & 0xFF))++;
            Unsafe.Add(ref even, 256 + (int)((w0 >> 8) & 0xFF))++;
            Unsafe.Add(ref even, 512 + (int)((w0 >> 16) & 0xFF))++;
            Unsafe.Add(ref odd, 0 + (int)((w0 >> 24) & 0xFF))++;
            Unsafe.Add(ref odd, 256 + (int)((w0 >> 32) & 0xFF))++;
            Unsafe.Add(ref odd, 512 + (int)((w0 >> 40) & 0xFF))++;
            Unsafe.Add(ref even, 0 + (int)((w0 >> 48) & 0xFF))++;
            Unsafe.Add(ref even, 256 + (int)(w0 >> 56))++;
            Unsafe.Add(ref even, 512 + (int)(w1 & 0xFF))++;
            Unsafe.Add(ref odd, 0 + (int)((w1 >> 8) & 0xFF))++;
            Unsafe.Add(ref odd, 256 + (int)((w1 >> 16) & 0xFF))++;
            Unsafe.Add(ref odd, 512 + (int)((w1 >> 24) & 0xFF))++;
            Unsafe.Add(ref even, 0 + (int)((w1 >> 32) & 0xFF))++;
            Unsafe.Add(ref even, 256 + (int)((w1 >> 40) & 0xFF))++;
            Unsafe.Add(ref even, 512 + (int)((w1 >> 48) & 0xFF))++;
            Unsafe.Add(ref odd, 0 + (int)(w1 >> 56))++;
            Unsafe.Add(ref odd, 256 + (int)(w2 & 0xFF))++;
            Unsafe.Add(ref odd, 512 + (int)((w2 >> 8) & 0xFF))++;
            Unsafe.Add(ref even, 0 + (int)((w2 >> 16) & 0xFF))++;
            Unsafe.Add(ref even, 256 + (int)((w2 >> 24) & 0xFF))++;
            Unsafe.Add(ref even, 512 + (int)((w2 >> 32) & 0xFF))++;
            Unsafe.Add(ref odd, 0 + (int)((w2 >> 40) & 0xFF))++;
            Unsafe.Add(ref odd, 256 + (int)((w2 >> 48) & 0xFF))++;
            Unsafe.Add(ref odd, 512 + (int)(w2 >> 56))++;
        }
        return x;
    }

    /// <summary>The reference's clip, redistribution and cumulative table for one tile's histogram.</summary>
    private static void Table(Span<int> hist, int limit, float lutScale, Span<float> lut)
    {
        if (limit > 0)
        {
            int clipped = 0;
            for (int i = 0; i < 256; i++)
                if (hist[i] > limit)
                {
                    clipped += hist[i] - limit;
                    hist[i] = limit;
                }
            int batch = clipped / 256;
            int residual = clipped - batch * 256;
            for (int i = 0; i < 256; i++) hist[i] += batch;
            if (residual != 0)
            {
                int step = Math.Max(256 / residual, 1);
                for (int i = 0; i < 256 && residual > 0; i += step, residual--) hist[i]++;
            }
        }
        int sum = 0;
        for (int i = 0; i < 256; i++)
        {
            sum += hist[i];
            lut[i] = ToByte(sum * lutScale);
        }
    }

    /// <summary>The blend of 16 pixels' values <paramref name="v"/> of one channel at columns x to x + 15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe Vector128<byte> Interp16(Vector128<byte> v, int x, float* p1, float* p2, int* o1, int* o2,
        float* xa, float* xa1, float ya, float ya1, SimdPath simd)
    {
        // .NET has no AVX-512 gather intrinsic: the Vector512 path gathers 8 lanes at a time as the Vector256 path does.
        if (simd >= SimdPath.Vector256)
        {
            var lo = Blend8(Avx2.ConvertToVector256Int32(v), x, p1, p2, o1, o2, xa, xa1, ya, ya1);
            var hi = Blend8(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(v, 8)), x + 8, p1, p2, o1, o2, xa, xa1, ya, ya1);
            return Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(lo.GetLower(), lo.GetUpper()), Sse2.PackSignedSaturate(hi.GetLower(), hi.GetUpper()));
        }
        var q0 = Blend4(Sse41.ConvertToVector128Int32(v), x, p1, p2, o1, o2, xa, xa1, ya, ya1);
        var q1 = Blend4(Sse41.ConvertToVector128Int32(Sse2.ShiftRightLogical128BitLane(v, 4)), x + 4, p1, p2, o1, o2, xa, xa1, ya, ya1);
        var q2 = Blend4(Sse41.ConvertToVector128Int32(Sse2.ShiftRightLogical128BitLane(v, 8)), x + 8, p1, p2, o1, o2, xa, xa1, ya, ya1);
        var q3 = Blend4(Sse41.ConvertToVector128Int32(Sse2.ShiftRightLogical128BitLane(v, 12)), x + 12, p1, p2, o1, o2, xa, xa1, ya, ya1);
        return Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(q0, q1), Sse2.PackSignedSaturate(q2, q3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe Vector256<int> Blend8(Vector256<int> vi, int x, float* p1, float* p2, int* o1, int* o2,
        float* xa, float* xa1, float ya, float ya1)
    {
        var i1 = Vector256.Load(o1 + x) + vi;
        var i2 = Vector256.Load(o2 + x) + vi;
        Vector256<float> a = Avx2.GatherVector256(p1, i1, 4), b = Avx2.GatherVector256(p1, i2, 4);
        Vector256<float> c = Avx2.GatherVector256(p2, i1, 4), d = Avx2.GatherVector256(p2, i2, 4);
        Vector256<float> wa = Vector256.Load(xa + x), wa1 = Vector256.Load(xa1 + x);
        var res = (a * wa1 + b * wa) * Vector256.Create(ya1) + (c * wa1 + d * wa) * Vector256.Create(ya);
        res = Vector256.MinNative(Vector256.MaxNative(Vector256.Round(res), Vector256<float>.Zero), Vector256.Create(255f)); // no NaN: native min/max
        return Avx.ConvertToVector256Int32WithTruncation(res);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe Vector128<int> Blend4(Vector128<int> vi, int x, float* p1, float* p2, int* o1, int* o2,
        float* xa, float* xa1, float ya, float ya1)
    {
        var i1 = Vector128.Load(o1 + x) + vi;
        var i2 = Vector128.Load(o2 + x) + vi;
        Vector128<float> a = Avx2.GatherVector128(p1, i1, 4), b = Avx2.GatherVector128(p1, i2, 4);
        Vector128<float> c = Avx2.GatherVector128(p2, i1, 4), d = Avx2.GatherVector128(p2, i2, 4);
        Vector128<float> wa = Vector128.Load(xa + x), wa1 = Vector128.Load(xa1 + x);
        var res = (a * wa1 + b * wa) * Vector128.Create(ya1) + (c * wa1 + d * wa) * Vector128.Create(ya);
        res = Vector128.MinNative(Vector128.MaxNative(Vector128.Round(res), Vector128<float>.Zero), Vector128.Create(255f)); // no NaN: native min/max
        return Sse2.ConvertToVector128Int32WithTruncation(res);
    }
}
