using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// The fast byte bilinear remap: the same bits as the per-pixel reference (Sample), faster. In the scalar loop a pixel
// whose four taps all lie inside the source (floor(u - 0.5) in [0, W - 2], floor(v - 0.5) in [0, H - 2]) reads them
// directly; any other pixel (edges, borders, a map that is not finite) goes through the reference's Sample. The AVX2
// body also takes blocks whose taps lie outside, resolving them in the vector by the border rule (Reflect101 within one
// reflection, Replicate); a Constant border's outside taps, and whatever else, go to the scalar loop. The arithmetic is the
// reference's, operation for operation: u - 0.5 and the floor in double, the fraction rounded to float32,
// (1 - ay) * ((1 - ax) * p00 + ax * p10) + ay * ((1 - ax) * p01 + ax * p11) in float32 without fused multiply-adds,
// clamped to [0, 255] and rounded half to even. The AVX2 body does eight pixels at a time: the coordinates widen to
// double (exact), floor and subtract there, narrow the fractions with cvtpd2ps (round to nearest, as the cast), gather
// the taps as 32-bit words, and round with cvtps2dq (half to even, as MathF.Round). A block of 3 or 4 channels whose taps
// all lie inside gathers each row's tap pair as one 64-bit word instead (half the gathered elements) and skips the clamp,
// which cannot act there (taps in [0, 255], weights in [0, 1]: the blend stays below 255.5).
// Such blocks in the float range are found and split in a first pass over 256 pixels, gathered and blended in a second.
public static partial class GeometryKernels
{
    /// <summary>The fast byte bilinear remap on one SIMD path (Auto: AVX2 where supported). Vector256 and Vector512 run
    /// the AVX2 gather body when AVX2 is supported; Vector128 and Scalar run the scalar fast loop (interior pixels read
    /// directly). Every path gives the bits of the reference (<see cref="RemapReference"/>).</summary>
    internal static void RemapBilinear(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, ReadOnlySpan<float> mapX, ReadOnlySpan<float> mapY,
        BorderMode border, ReadOnlySpan<float> fill, SimdPath path)
    {
        CheckRemap(src.Length, srcWidth, srcHeight, channels, dst.Length, dstWidth, dstHeight, mapX.Length, mapY.Length,
            Interpolation.Bilinear, border, fill);
        Span<byte> fillT = stackalloc byte[channels];
        Span<float> fillF = stackalloc float[channels];
        for (int c = 0; c < channels; c++)
        {
            fillT[c] = ByteSample.FromFloat(fill[c]);
            fillF[c] = fillT[c];
        }
        RemapBilinearFast(src, srcWidth, srcHeight, channels, dst, dstWidth * dstHeight, mapX, mapY, border, fillT, fillF, path);
    }

    /// <summary>The scalar reference of the byte remap: every pixel through the border rule.</summary>
    internal static void RemapReference(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, ReadOnlySpan<float> mapX, ReadOnlySpan<float> mapY,
        Interpolation interpolation, BorderMode border, ReadOnlySpan<float> fill) =>
        RemapCore<byte, ByteSample>(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, mapX, mapY, interpolation, border, fill,
            0f, 255f, fast: false);

    private static void CheckRemap(int srcLength, int srcWidth, int srcHeight, int channels, int dstLength, int dstWidth, int dstHeight,
        int mapXLength, int mapYLength, Interpolation interpolation, BorderMode border, ReadOnlySpan<float> fill)
    {
        CheckPair(srcLength, srcWidth, srcHeight, channels, dstLength, dstWidth, dstHeight);
        long n = (long)dstWidth * dstHeight;
        if (mapXLength < n) Throw.Argument("mapX", mapXLength, $"at least {n} values (one per destination pixel)");
        if (mapYLength < n) Throw.Argument("mapY", mapYLength, $"at least {n} values (one per destination pixel)");
        if (interpolation is not (Interpolation.Nearest or Interpolation.Bilinear or Interpolation.Bicubic or Interpolation.Lanczos))
            Throw.Argument(nameof(interpolation), interpolation, "Nearest, Bilinear, Bicubic or Lanczos");
        if (border is not (BorderMode.Constant or BorderMode.Reflect101 or BorderMode.Replicate))
            Throw.Argument(nameof(border), border, "Constant, Reflect101 or Replicate");
        CheckFill(fill, channels);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RemapBilinearFast(ReadOnlySpan<byte> src, int sw, int sh, int ch, Span<byte> dst, int n,
        ReadOnlySpan<float> mapX, ReadOnlySpan<float> mapY, BorderMode border, ReadOnlySpan<byte> fillT, ReadOnlySpan<float> fillF,
        SimdPath path)
    {
        int k = 0;
        bool avx2 = Avx2.IsSupported && path is SimdPath.Auto or SimdPath.Vector256 or SimdPath.Vector512;
        if (avx2 && sw >= 2 && sh >= 2) k = RemapBilinearAvx2(src, sw, sh, ch, dst, n, mapX, mapY, border, fillT, fillF);
        RemapBilinearScalar(src, sw, sh, ch, dst, k, n, mapX, mapY, border, fillT, fillF);
    }

    // Pixels start .. n - 1, one at a time: interior pixels read their taps directly, others through Sample.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RemapBilinearScalar(ReadOnlySpan<byte> src, int sw, int sh, int ch, Span<byte> dst, int start, int n,
        ReadOnlySpan<float> mapX, ReadOnlySpan<float> mapY, BorderMode border, ReadOnlySpan<byte> fillT, ReadOnlySpan<float> fillF)
    {
        var img = new Source<byte>(src, sw, sh, ch, 0f, 255f);
        int row = sw * ch;
        double xMax = sw - 2, yMax = sh - 2;
        for (int k = start; k < n; k++)
        {
            double u = mapX[k], v = mapY[k];
            double fx = u - 0.5, fy = v - 0.5;
            double x0d = Math.Floor(fx), y0d = Math.Floor(fy);
            // NaN fails every comparison, so a map that is not finite goes to the reference (which fills).
            if (x0d >= 0 && x0d <= xMax && y0d >= 0 && y0d <= yMax)
            {
                float ax = (float)(fx - x0d), ay = (float)(fy - y0d);
                float bx = 1f - ax, by = 1f - ay;
                int o = (int)y0d * row + (int)x0d * ch, d = k * ch;
                for (int c = 0; c < ch; c++)
                {
                    float p00 = src[o + c], p10 = src[o + ch + c], p01 = src[o + row + c], p11 = src[o + row + ch + c];
                    float r = by * (bx * p00 + ax * p10) + ay * (bx * p01 + ax * p11);
                    dst[d + c] = (byte)MathF.Round(Math.Clamp(r, 0f, 255f));
                }
            }
            else
            {
                Span<byte> px = dst.Slice(k * ch, ch);
                if (!double.IsFinite(u) || !double.IsFinite(v)) fillT.CopyTo(px);
                else Sample<byte, ByteSample>(img, u, v, Interpolation.Bilinear, border, fillT, fillF, px);
            }
        }
    }

    // Eight pixels at a time while all eight are interior (and their last gathered word lies inside the source); a block
    // with any other pixel runs through the scalar loop. Returns the first pixel not done (a multiple of 8 or n).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int RemapBilinearAvx2(ReadOnlySpan<byte> src, int sw, int sh, int ch, Span<byte> dst, int n,
        ReadOnlySpan<float> mapX, ReadOnlySpan<float> mapY, BorderMode border, ReadOnlySpan<byte> fillT, ReadOnlySpan<float> fillF)
    {
        int row = sw * ch;
        var half = Vector256.Create(0.5);
        // The floors a block may hold: with a Constant border only interior ones (taps x0, x0 + 1 inside); with
        // Reflect101 those whose taps reflect at most once (x0 in [-(W - 1), 2W - 3]); with Replicate any that converts
        // to int32 safely. Taps are resolved in the vector by the border rule, as ResolveIndex does.
        var (xLoS, xHiS, yLoS, yHiS) = border switch
        {
            BorderMode.Reflect101 => (-(sw - 1.0), 2.0 * sw - 3, -(sh - 1.0), 2.0 * sh - 3),
            BorderMode.Replicate => (-1e9, 1e9, -1e9, 1e9),
            _ => (0.0, sw - 2.0, 0.0, sh - 2.0),
        };
        var xLo = Vector256.Create(xLoS);
        var xMax = Vector256.Create(xHiS);
        var yLo = Vector256.Create(yLoS);
        var yMax = Vector256.Create(yHiS);
        // The float path's bounds (there x0, y0 >= 0 >= the lower limits): the upper limits as floats (one above 2^24
        // that rounds still lies above every x0 <= 2^23 there, as it does exactly).
        var halfF = Vector256.Create(0.5f);
        var maxF = Vector256.Create(8388608f);
        var xMaxF = Vector256.Create((float)xHiS);
        var yMaxF = Vector256.Create((float)yHiS);
        var oneI = Vector256.Create(1);
        var zeroI = Vector256<int>.Zero;
        var wm1 = Vector256.Create(sw - 1);
        var hm1 = Vector256.Create(sh - 1);
        var w2 = Vector256.Create(2 * sw - 2);
        var h2 = Vector256.Create(2 * sh - 2);
        var one = Vector256.Create(1f);
        var lo = Vector256<float>.Zero;
        var hi = Vector256.Create(255f);
        var chV = Vector256.Create(ch);
        var rowV = Vector256.Create(row);
        var byteMask = Vector256.Create(0xFF);
        // The last word a gather may read starts at src.Length - 4 (channels < 4 read past the pixel's own bytes).
        var lastWord = Vector256.Create(src.Length - 4);
        // Per 128-bit lane: the three (or one) low bytes of each 32-bit pixel word, packed to the lane's front.
        var pack3 = Vector256.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80,
            0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
        var pack1 = Vector256.Create((byte)0, 4, 8, 12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
            0, 4, 8, 12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
        // Blocks whose taps all lie inside (x0 in [0, W - 2], y0 in [0, H - 2]) with 3 or 4 channels read each row's tap
        // pair as one 64-bit word (PerspectiveKernels.BlendPairs: four words per gather, half the gathered elements).
        var wm2 = Vector256.Create(sw - 2).AsUInt32();
        var hm2 = Vector256.Create(sh - 2).AsUInt32();
        var order = Vector256.Create(0, 1, 4, 5, 2, 3, 6, 7);
        var pairs = new PerspectiveKernels.TapPairs(ch);
        int k = 0;
        fixed (byte* s = src)
        fixed (byte* d = dst)
        fixed (float* mx = mapX)
        fixed (float* my = mapY)
        {
            // Chunks of 256 pixels in two passes where the 64-bit pair path can run: the first floors and splits the
            // blocks whose taps all lie inside (float path only) into the scratch, the second gathers and blends them,
            // so one block's chain (floor, offsets, gathers, blend) does not hold back the next; other blocks run the
            // body below as before.
            bool twoPass = ch >= 3 && sw < (1 << 23) && sh < (1 << 23);
            var xIn = Vector256.Create((float)(sw - 2));
            var yIn = Vector256.Create((float)(sh - 2));
            const int Chunk = 256;
            int* offs = stackalloc int[Chunk];
            float* axs = stackalloc float[Chunk];
            float* ays = stackalloc float[Chunk];
            byte* flags = stackalloc byte[Chunk / 8];
            while (k + 8 <= n)
            {
            int end = Math.Min(n - (n - k) % 8, k + Chunk), start = k;
            if (twoPass)
            {
                for (int q = k; q < end; q += 8)
                {
                    var u = Avx.LoadVector256(mx + q);
                    var v = Avx.LoadVector256(my + q);
                    var fx = u - halfF;
                    var fy = v - halfF;
                    var x0 = Avx.RoundToNegativeInfinity(fx);
                    var y0 = Avx.RoundToNegativeInfinity(fy);
                    // u, v in [0.5, 2^23] (the float path's exact range, so x0, y0 >= 0) and x0 <= W - 2, y0 <= H - 2.
                    var inside = Avx.CompareGreaterThanOrEqual(u, halfF) & Avx.CompareLessThanOrEqual(u, maxF)
                               & Avx.CompareGreaterThanOrEqual(v, halfF) & Avx.CompareLessThanOrEqual(v, maxF)
                               & Avx.CompareLessThanOrEqual(x0, xIn) & Avx.CompareLessThanOrEqual(y0, yIn);
                    bool fast = Avx.MoveMask(inside) == 0xFF;
                    flags[(q - start) >> 3] = (byte)(fast ? 1 : 0);
                    if (!fast) continue;
                    var xq = Avx.ConvertToVector256Int32WithTruncation(x0);
                    var yq = Avx.ConvertToVector256Int32WithTruncation(y0);
                    Avx.Store(offs + (q - start), Avx2.PermuteVar8x32(Avx2.MultiplyLow(yq, rowV) + Avx2.MultiplyLow(xq, chV), order));
                    Avx.Store(axs + (q - start), fx - x0);
                    Avx.Store(ays + (q - start), fy - y0);
                }
            }
            for (; k < end; k += 8)
            {
                if (twoPass && flags[(k - start) >> 3] != 0)
                {
                    var off = Avx.LoadVector256(offs + (k - start));
                    var axP = Avx.LoadVector256(axs + (k - start));
                    var ayP = Avx.LoadVector256(ays + (k - start));
                    FixedGeometry.StorePixels(pairs.Blend(s, row, off, axP, one - axP, ayP, one - ayP), ch, d, k);
                    continue;
                }
                var u = Avx.LoadVector256(mx + k);
                var v = Avx.LoadVector256(my + k);
                Vector256<int> xi, yi;
                Vector256<float> ax, ay;
                // With every u and v in [0.5, 2^23] the float arithmetic is the double's exactly: u - 0.5 is a float
                // (u >= 0.5 keeps its bits at or above ulp(u), at most 2^-1 with u <= 2^23), floor and the fraction
                // fx - floor(fx) are exact, and the fraction is a float, so narrowing the double's changes nothing.
                var inF = Avx.CompareGreaterThanOrEqual(u, halfF) & Avx.CompareLessThanOrEqual(u, maxF)
                        & Avx.CompareGreaterThanOrEqual(v, halfF) & Avx.CompareLessThanOrEqual(v, maxF);
                if (Avx.MoveMask(inF) == 0xFF)
                {
                    var fx = u - halfF;
                    var fy = v - halfF;
                    var x0 = Avx.RoundToNegativeInfinity(fx);
                    var y0 = Avx.RoundToNegativeInfinity(fy);
                    var ok = Avx.CompareLessThanOrEqual(x0, xMaxF) & Avx.CompareLessThanOrEqual(y0, yMaxF);
                    if (Avx.MoveMask(ok) != 0xFF)
                    {
                        RemapBilinearScalar(src, sw, sh, ch, dst, k, k + 8, mapX, mapY, border, fillT, fillF);
                        continue;
                    }
                    xi = Avx.ConvertToVector256Int32WithTruncation(x0);
                    yi = Avx.ConvertToVector256Int32WithTruncation(y0);
                    ax = fx - x0;
                    ay = fy - y0;
                }
                else
                {
                    var fxL = Avx.ConvertToVector256Double(u.GetLower()) - half;
                    var fxH = Avx.ConvertToVector256Double(u.GetUpper()) - half;
                    var fyL = Avx.ConvertToVector256Double(v.GetLower()) - half;
                    var fyH = Avx.ConvertToVector256Double(v.GetUpper()) - half;
                    var x0L = Avx.RoundToNegativeInfinity(fxL);
                    var x0H = Avx.RoundToNegativeInfinity(fxH);
                    var y0L = Avx.RoundToNegativeInfinity(fyL);
                    var y0H = Avx.RoundToNegativeInfinity(fyH);
                    // Ordered comparisons: NaN lanes are false, so they (and infinities) leave the block to the scalar loop.
                    var okL = Avx.CompareGreaterThanOrEqual(x0L, xLo) & Avx.CompareLessThanOrEqual(x0L, xMax)
                            & Avx.CompareGreaterThanOrEqual(y0L, yLo) & Avx.CompareLessThanOrEqual(y0L, yMax);
                    var okH = Avx.CompareGreaterThanOrEqual(x0H, xLo) & Avx.CompareLessThanOrEqual(x0H, xMax)
                            & Avx.CompareGreaterThanOrEqual(y0H, yLo) & Avx.CompareLessThanOrEqual(y0H, yMax);
                    if (Avx.MoveMask(okL & okH) != 0xF)
                    {
                        RemapBilinearScalar(src, sw, sh, ch, dst, k, k + 8, mapX, mapY, border, fillT, fillF);
                        continue;
                    }
                    xi = Vector256.Create(Avx.ConvertToVector128Int32WithTruncation(x0L), Avx.ConvertToVector128Int32WithTruncation(x0H));
                    yi = Vector256.Create(Avx.ConvertToVector128Int32WithTruncation(y0L), Avx.ConvertToVector128Int32WithTruncation(y0H));
                    ax = Vector256.Create(Avx.ConvertToVector128Single(fxL - x0L), Avx.ConvertToVector128Single(fxH - x0H));
                    ay = Vector256.Create(Avx.ConvertToVector128Single(fyL - y0L), Avx.ConvertToVector128Single(fyH - y0H));
                }
                if (ch >= 3 && Avx.MoveMask((Avx2.CompareEqual(Avx2.Max(xi.AsUInt32(), wm2), wm2)
                                             & Avx2.CompareEqual(Avx2.Max(yi.AsUInt32(), hm2), hm2)).AsSingle()) == 0xFF)
                {
                    var off = Avx2.PermuteVar8x32(Avx2.MultiplyLow(yi, rowV) + Avx2.MultiplyLow(xi, chV), order);
                    FixedGeometry.StorePixels(pairs.Blend(s, row, off, ax, one - ax, ay, one - ay), ch, d, k);
                    continue;
                }
                Vector256<int> rx0 = xi, rx1 = xi + oneI, ry0 = yi, ry1 = yi + oneI;
                if (border == BorderMode.Reflect101)
                {
                    rx0 = Reflect(rx0, wm1, w2); rx1 = Reflect(rx1, wm1, w2);
                    ry0 = Reflect(ry0, hm1, h2); ry1 = Reflect(ry1, hm1, h2);
                }
                else if (border == BorderMode.Replicate)
                {
                    rx0 = Avx2.Min(Avx2.Max(rx0, zeroI), wm1); rx1 = Avx2.Min(Avx2.Max(rx1, zeroI), wm1);
                    ry0 = Avx2.Min(Avx2.Max(ry0, zeroI), hm1); ry1 = Avx2.Min(Avx2.Max(ry1, zeroI), hm1);
                }
                var cx0 = Avx2.MultiplyLow(rx0, chV);
                var cx1 = Avx2.MultiplyLow(rx1, chV);
                var r0 = Avx2.MultiplyLow(ry0, rowV);
                var r1 = Avx2.MultiplyLow(ry1, rowV);
                var o00 = r0 + cx0;
                var o10 = r0 + cx1;
                var o01 = r1 + cx0;
                var o11 = r1 + cx1;
                if (ch < 4 && Avx2.MoveMask(Avx2.CompareGreaterThan(Avx2.Max(Avx2.Max(o00, o10), Avx2.Max(o01, o11)), lastWord).AsByte()) != 0)
                {
                    RemapBilinearScalar(src, sw, sh, ch, dst, k, k + 8, mapX, mapY, border, fillT, fillF);
                    continue;
                }
                var bx = one - ax;
                var by = one - ay;
                var g00 = Avx2.GatherVector256((int*)s, o00, 1);
                var g10 = Avx2.GatherVector256((int*)s, o10, 1);
                var g01 = Avx2.GatherVector256((int*)s, o01, 1);
                var g11 = Avx2.GatherVector256((int*)s, o11, 1);
                var acc = Vector256<int>.Zero;
                for (int c = 0; c < ch; c++)
                {
                    int sh8 = 8 * c;
                    var p00 = Avx.ConvertToVector256Single(Vector256.ShiftRightLogical(g00, sh8) & byteMask);
                    var p10 = Avx.ConvertToVector256Single(Vector256.ShiftRightLogical(g10, sh8) & byteMask);
                    var p01 = Avx.ConvertToVector256Single(Vector256.ShiftRightLogical(g01, sh8) & byteMask);
                    var p11 = Avx.ConvertToVector256Single(Vector256.ShiftRightLogical(g11, sh8) & byteMask);
                    var top = Avx.Add(Avx.Multiply(bx, p00), Avx.Multiply(ax, p10));
                    var bot = Avx.Add(Avx.Multiply(bx, p01), Avx.Multiply(ax, p11));
                    var r = Avx.Add(Avx.Multiply(by, top), Avx.Multiply(ay, bot));
                    r = Avx.Min(Avx.Max(r, lo), hi);
                    acc |= Vector256.ShiftLeft(Avx.ConvertToVector256Int32(r), sh8);
                }
                byte* dp = d + (long)k * ch;
                if (ch == 4) Avx.Store((int*)dp, acc);
                else if (ch == 3)
                {
                    var p = Avx2.Shuffle(acc.AsByte(), pack3);
                    var l = p.GetLower().AsUInt32();
                    var h = p.GetUpper().AsUInt32();
                    Unsafe.WriteUnaligned(dp, l.AsUInt64().ToScalar());
                    Unsafe.WriteUnaligned(dp + 8, l.GetElement(2));
                    Unsafe.WriteUnaligned(dp + 12, h.AsUInt64().ToScalar());
                    Unsafe.WriteUnaligned(dp + 20, h.GetElement(2));
                }
                else
                {
                    var p = Avx2.Shuffle(acc.AsByte(), pack1);
                    Unsafe.WriteUnaligned(dp, p.GetLower().AsUInt32().ToScalar());
                    Unsafe.WriteUnaligned(dp + 4, p.GetUpper().AsUInt32().ToScalar());
                }
            }
            }
        }
        return k;
    }

    // Reflect-101 of indices in [-(n - 1), 2n - 2] (one reflection at most), as ResolveIndex: |x|, then past n - 1
    // folded to 2n - 2 - x.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Reflect(Vector256<int> x, Vector256<int> nm1, Vector256<int> twoNm2)
    {
        var a = Avx2.Abs(x).AsInt32();
        return Avx2.BlendVariable(a, twoNm2 - a, Avx2.CompareGreaterThan(a, nm1));
    }
}
