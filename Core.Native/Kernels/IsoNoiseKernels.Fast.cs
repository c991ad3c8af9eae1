using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

// The batched path of ISONoise. The reference sums the Poisson probabilities from k = 0 for every pixel (O(lambda) Exp and
// Log calls a pixel, lambda up to 127 here); lambda is the same for the whole image, so this path sums them once, in the
// same order (the same doubles), and finds each draw from a guide table over the top bits of X0. The HLS buffer comes from
// the shared array pool instead of a new array per call, and the Philox blocks come a chunk at a time from PhiloxBatch.
// The colour normals come from the vector Box–Muller (NoiseKernels.Normals.cs), with the reference's scalar normal
// wherever the vector value could round to a different float32 hue.
public static partial class IsoNoiseKernels
{
    private const int GuideBits = 10;
    private const int ChunkBlocks = 256;

    /// <summary>
    /// The CDF of Poisson(lambda) as <see cref="PoissonInverse"/> sums it, entry k the sum after term k, up to the first
    /// entry that exceeds every <c>u = (x + 0.5) / 2^32</c> (or k = 100001, where the reference stops), which is stored as
    /// +infinity; and for each of the 2^10 buckets of x's top bits the first k whose entry exceeds the bucket's smallest u.
    /// </summary>
    private ref struct PoissonTable
    {
        private double[] _cdf;
        private int[] _guide;

        public static PoissonTable Build(double lambda)
        {
            var t = new PoissonTable { _guide = ArrayPool<int>.Shared.Rent(1 << GuideBits), _cdf = ArrayPool<double>.Shared.Rent(256) };
            const double uMax = (4294967295.0 + 0.5) / 4294967296.0;
            int last;
            if (lambda == 0) { t._cdf[0] = double.PositiveInfinity; last = 0; }
            else
            {
                double logP = -lambda, cdf = 0;
                int k = 0;
                while (true)
                {
                    cdf += Math.Exp(logP);
                    if (k >= t._cdf.Length)
                    {
                        var bigger = ArrayPool<double>.Shared.Rent(2 * t._cdf.Length);
                        t._cdf.AsSpan().CopyTo(bigger);
                        ArrayPool<double>.Shared.Return(t._cdf);
                        t._cdf = bigger;
                    }
                    t._cdf[k] = cdf;
                    if (cdf > uMax || k > 100_000) break;
                    k++;
                    logP += Math.Log(lambda / k);
                }
                t._cdf[k] = double.PositiveInfinity;
                last = k;
            }
            int g = 0;
            for (int b = 0; b < 1 << GuideBits; b++)
            {
                double uLow = ((uint)b << (32 - GuideBits)) + 0.5;
                uLow /= 4294967296.0;
                while (g < last && !(t._cdf[g] > uLow)) g++;
                t._guide[b] = g;
            }
            return t;
        }

        /// <summary><see cref="PoissonInverse"/>(lambda, (x + 0.5) / 2^32).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly int Draw(uint x)
        {
            double u = (x + 0.5) / 4294967296.0;
            int k = _guide[x >> (32 - GuideBits)];
            while (!(_cdf[k] > u)) k++;
            return k;
        }

        /// <summary>lum[j] = <see cref="Draw"/>(words[4j]) for j below nb: the tables' references held in registers, no
        /// bounds checks (a guide entry is at most the +infinity entry, where the search stops).</summary>
        public readonly void DrawChunk(ReadOnlySpan<uint> words, int nb, Span<double> lum)
        {
            ref double cdf = ref MemoryMarshal.GetArrayDataReference(_cdf);
            ref int guide = ref MemoryMarshal.GetArrayDataReference(_guide);
            ref uint w = ref MemoryMarshal.GetReference(words);
            ref double dst = ref MemoryMarshal.GetReference(lum[..nb]);
            for (int j = 0; j < nb; j++)
            {
                uint x = Unsafe.Add(ref w, 4 * j);
                double u = (x + 0.5) * (1.0 / 4294967296.0);   // as (x + 0.5) / 2^32: both exact
                int k = Unsafe.Add(ref guide, (int)(x >> (32 - GuideBits)));
                while (!(Unsafe.Add(ref cdf, k) > u)) k++;
                Unsafe.Add(ref dst, j) = k;
            }
        }

        public readonly void Return()
        {
            ArrayPool<double>.Shared.Return(_cdf);
            ArrayPool<int>.Shared.Return(_guide);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void IsoNoiseFast(ReadOnlySpan<byte> src, Span<byte> dst, int channels, double colorShift, double intensity,
        uint key0, uint key1, uint stream0, uint stream1, SimdPath path)
    {
        int n = src.Length / channels;
        var hlsArray = ArrayPool<float>.Shared.Rent(n * 3);
        var hls = hlsArray.AsSpan(0, n * 3);
        try
        {
            double sum = 0, sumSq = 0;
            Span<float> lBuf = stackalloc float[ChunkBlocks];
            for (int p0 = 0; p0 < n; p0 += ChunkBlocks)
            {
                int nb = Math.Min(ChunkBlocks, n - p0);
                RgbToHlsChunk(src, channels, p0, nb, hls, lBuf);
                SumLightness(lBuf[..nb], ref sum, ref sumSq);
            }
            double mean = sum / n;
            double sd = Math.Sqrt(Math.Max(sumSq / n - mean * mean, 0));
            double lambda = sd * intensity * 255;
            double sigma = colorShift * 360 * intensity;
            if (!(lambda >= 0 && lambda <= 1000)) Throw.Argument(nameof(lambda), lambda, "a mean in [0, 1000]");
            var poisson = PoissonTable.Build(lambda);
            try
            {
                Span<uint> words = stackalloc uint[4 * ChunkBlocks];
                Span<double> zs = stackalloc double[ChunkBlocks];
                Span<float> hBuf = stackalloc float[ChunkBlocks];
                Span<float> lBuf2 = stackalloc float[ChunkBlocks];
                Span<float> sBuf = stackalloc float[ChunkBlocks];
                Span<double> lumBuf = stackalloc double[ChunkBlocks];
                double sigmaMargin = 16.0 * (sigma * NoiseKernels.NormalErrorBound + 10.0 * sigma * (1.0 / 2251799813685248.0));
                for (int p0 = 0; p0 < n; p0 += ChunkBlocks)
                {
                    int nb = Math.Min(ChunkBlocks, n - p0);
                    PhiloxBatch.Blocks(key0, key1, stream0, stream1, p0, 1, words[..(4 * nb)], path);
                    int approx = NoiseKernels.IsoNormalsApprox(words, nb, zs, path);
                    poisson.DrawChunk(words, nb, lumBuf);
                    var hs = hls.Slice(p0, nb);
                    var ls = hls.Slice(n + p0, nb);
                    var ss = hls.Slice(2 * n + p0, nb);
                    int wf = Vector<float>.Count;
                    int vecEnd = approx / wf * wf;
                    for (int j = 0; j < vecEnd; j += wf)
                    {
                        if (!NoisyHlsVector(hs, ls, ss, zs, lumBuf, hBuf, lBuf2, j, sigma, sigmaMargin))
                            for (int t = j; t < j + wf; t++)
                                NoisyHlsScalar(hs[t], ls[t], ss[t], lumBuf[t], true, zs[t], words, t, sigma, sigmaMargin, out hBuf[t], out lBuf2[t]);
                    }
                    for (int j = vecEnd; j < nb; j++)
                        NoisyHlsScalar(hs[j], ls[j], ss[j], lumBuf[j], j < approx, j < approx ? zs[j] : 0, words, j, sigma, sigmaMargin,
                            out hBuf[j], out lBuf2[j]);
                    ss.CopyTo(sBuf);
                    HlsToRgbChunk(hBuf, lBuf2, sBuf, nb, src, dst, channels, p0);
                }
            }
            finally { poisson.Return(); }
        }
        finally { ArrayPool<float>.Shared.Return(hlsArray); }
    }

    // The sums stay sequential, in pixel order, as the reference adds them (the squares' sum rounds at every step), in
    // locals: the caller's sums live across calls, where the JIT keeps them in memory, and a store and reload per pixel
    // would sit on the chain of dependent adds.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumLightness(ReadOnlySpan<float> l, ref double sum, ref double sumSq)
    {
        double s = sum, q = sumSq;
        foreach (float v in l)
        {
            s += v;
            q += (double)v * v;
        }
        sum = s;
        sumSq = q;
    }

    // OpenCV's float RGB to HLS for pixels p0 .. p0 + nb - 1 in Vector<float> lanes: the reference's operations in the same
    // order (IEEE float32 add, multiply and divide give the same bits in a lane as in scalar code; .NET contracts nothing
    // to a fused multiply-add), the branches as masks. A lane where diff <= FLT_EPSILON may divide by zero; its h and s are
    // replaced by 0 as the reference leaves them. The inputs are k / 255, never NaN, so max and min are the reference's
    // compare-and-swap. Writes h, l, s into the planes of hls (h at 0, l at n, s at 2n) and l again into lOut.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RgbToHlsChunk(ReadOnlySpan<byte> src, int channels, int p0, int nb, Span<float> hls, Span<float> lOut)
    {
        const float oneOver255 = (float)(1.0 / 255.0);
        int w = Vector<float>.Count;
        int padded = (nb + w - 1) / w * w;
        Span<float> rb = stackalloc float[ChunkBlocks], gb = stackalloc float[ChunkBlocks], bb = stackalloc float[ChunkBlocks];
        Span<float> hb = stackalloc float[ChunkBlocks], sb = stackalloc float[ChunkBlocks];
        int o = p0 * channels;
        int j0 = channels == 3 ? SplitRgb(src.Slice(o, 3 * nb), rb, gb, bb) : 0;
        o += j0 * channels;
        for (int j = j0; j < nb; j++, o += channels)
        {
            rb[j] = src[o] * oneOver255; gb[j] = src[o + 1] * oneOver255; bb[j] = src[o + 2] * oneOver255;
        }
        for (int j = nb; j < padded; j++) { rb[j] = 0; gb[j] = 0; bb[j] = 0; }
        var eps = new Vector<float>(FltEpsilon);
        var half = new Vector<float>(0.5f);
        var two = new Vector<float>(2f);
        var sixty = new Vector<float>(60f);
        var c120 = new Vector<float>(120f);
        var c240 = new Vector<float>(240f);
        var c360 = new Vector<float>(360f);
        var rv = MemoryMarshal.Cast<float, Vector<float>>(rb[..padded]);
        var gv = MemoryMarshal.Cast<float, Vector<float>>(gb[..padded]);
        var bv = MemoryMarshal.Cast<float, Vector<float>>(bb[..padded]);
        var hv = MemoryMarshal.Cast<float, Vector<float>>(hb[..padded]);
        var lv = MemoryMarshal.Cast<float, Vector<float>>(lOut[..padded]);
        var sv = MemoryMarshal.Cast<float, Vector<float>>(sb[..padded]);
        for (int k = 0; k < rv.Length; k++)
        {
            Vector<float> r = rv[k], g = gv[k], b = bv[k];
            var vmax = Vector.ConditionalSelect(Vector.LessThan(r, g), g, r);
            vmax = Vector.ConditionalSelect(Vector.LessThan(vmax, b), b, vmax);
            var vmin = Vector.ConditionalSelect(Vector.GreaterThan(r, g), g, r);
            vmin = Vector.ConditionalSelect(Vector.GreaterThan(vmin, b), b, vmin);
            var diff = vmax - vmin;
            var sumMm = vmax + vmin;
            var l = sumMm * half;
            var colour = Vector.GreaterThan(diff, eps);
            var s = Vector.ConditionalSelect(Vector.LessThan(l, half), diff / sumMm, diff / (two - vmax - vmin));
            var d = sixty / diff;
            var hr = (g - b) * d;
            var hg = (b - r) * d + c120;
            var hbl = (r - g) * d + c240;
            var h = Vector.ConditionalSelect(Vector.Equals(vmax, r), hr, Vector.ConditionalSelect(Vector.Equals(vmax, g), hg, hbl));
            h = Vector.ConditionalSelect(Vector.LessThan(h, Vector<float>.Zero), h + c360, h);
            hv[k] = Vector.ConditionalSelect(colour, h, Vector<float>.Zero);
            sv[k] = Vector.ConditionalSelect(colour, s, Vector<float>.Zero);
            lv[k] = l;
        }
        int n = hls.Length / 3;
        hb[..nb].CopyTo(hls.Slice(p0, nb));
        lOut[..nb].CopyTo(hls.Slice(n + p0, nb));
        sb[..nb].CopyTo(hls.Slice(2 * n + p0, nb));
    }

    // OpenCV's float HLS to RGB, times 255, saturated and truncated, for pixels p0 .. p0 + nb - 1 in Vector<float> lanes: the
    // reference's operations in the same order, the sector switch as compares and selects. The reference wraps h * 6/360
    // into [0, 6) by adding 6 while it is negative, else by taking 6 off while it is 6 or more; a negative h can end at
    // exactly 6 (a tiny negative plus 6 rounds up) and keeps it, sector 6 taking the default case as sector 5 does, so the
    // two loops here run on the lanes the reference's branches pick. Grey lanes (s == 0) take l; padding lanes are zeros.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void HlsToRgbChunk(Span<float> hb, Span<float> lb, Span<float> sb, int nb, ReadOnlySpan<byte> src,
        Span<byte> dst, int channels, int p0)
    {
        int w = Vector<float>.Count;
        int padded = (nb + w - 1) / w * w;
        for (int j = nb; j < padded; j++) { hb[j] = 0; lb[j] = 0; sb[j] = 0; }
        Span<int> ri = stackalloc int[ChunkBlocks], gi = stackalloc int[ChunkBlocks], bi = stackalloc int[ChunkBlocks];
        var hv = MemoryMarshal.Cast<float, Vector<float>>(hb[..padded]);
        var lv = MemoryMarshal.Cast<float, Vector<float>>(lb[..padded]);
        var sv = MemoryMarshal.Cast<float, Vector<float>>(sb[..padded]);
        var rv = MemoryMarshal.Cast<int, Vector<int>>(ri[..padded]);
        var gv = MemoryMarshal.Cast<int, Vector<int>>(gi[..padded]);
        var bv = MemoryMarshal.Cast<int, Vector<int>>(bi[..padded]);
        var one = Vector<float>.One;
        var two = new Vector<float>(2f);
        var six = new Vector<float>(6f);
        var half = new Vector<float>(0.5f);
        var scale = new Vector<float>(6f / 360f);
        var c255 = new Vector<float>(255f);
        var zero = Vector<float>.Zero;
        for (int k = 0; k < hv.Length; k++)
        {
            Vector<float> h = hv[k], l = lv[k], s = sv[k];
            var p2 = Vector.ConditionalSelect(Vector.LessThanOrEqual(l, half), l * (one + s), l + s - l * s);
            var p1 = two * l - p2;
            h *= scale;
            var neg = Vector.LessThan(h, zero);
            while (true)
            {
                var m = Vector.LessThan(h, zero);
                if (m == Vector<int>.Zero) break;
                h = Vector.ConditionalSelect(m, h + six, h);
            }
            while (true)
            {
                var m = Vector.AndNot(Vector.GreaterThanOrEqual(h, six), neg);
                if (m == Vector<int>.Zero) break;
                h = Vector.ConditionalSelect(m, h - six, h);
            }
            var sector = Vector.Floor(h);
            h -= sector;
            var t2 = p1 + (p2 - p1) * (one - h);
            var t3 = p1 + (p2 - p1) * h;
            var s0 = Vector.Equals(sector, zero);
            var s1 = Vector.Equals(sector, one);
            var s2 = Vector.Equals(sector, two);
            var s3 = Vector.Equals(sector, new Vector<float>(3f));
            var s4 = Vector.Equals(sector, new Vector<float>(4f));
            // (b, g, r) = sector 0: (p1, t3, p2); 1: (p1, p2, t2); 2: (t3, p2, p1); 3: (p2, t2, p1); 4: (p2, p1, t3);
            // otherwise (t2, p1, p2).
            var bo = Vector.ConditionalSelect(s0 | s1, p1, Vector.ConditionalSelect(s2, t3, Vector.ConditionalSelect(s3 | s4, p2, t2)));
            var go = Vector.ConditionalSelect(s0, t3, Vector.ConditionalSelect(s1 | s2, p2, Vector.ConditionalSelect(s3, t2, p1)));
            var ro = Vector.ConditionalSelect(s0, p2, Vector.ConditionalSelect(s1, t2, Vector.ConditionalSelect(s2 | s3, p1,
                Vector.ConditionalSelect(s4, t3, p2))));
            var grey = Vector.Equals(s, zero);
            ro = Vector.ConditionalSelect(grey, l, ro);
            go = Vector.ConditionalSelect(grey, l, go);
            bo = Vector.ConditionalSelect(grey, l, bo);
            // Native min, max and conversion (minps, maxps, cvttps2dq): the IEEE forms cost a NaN and signed-zero fix-up
            // each. The values are finite here (l, s, h and the normal are), a -0 converts to 0 either way, and the clamp
            // keeps the conversion in range, so the bytes are the reference's.
            rv[k] = Vector.ConvertToInt32Native(Vector.MinNative(Vector.MaxNative(ro * c255, zero), c255));
            gv[k] = Vector.ConvertToInt32Native(Vector.MinNative(Vector.MaxNative(go * c255, zero), c255));
            bv[k] = Vector.ConvertToInt32Native(Vector.MinNative(Vector.MaxNative(bo * c255, zero), c255));
        }
        int o = p0 * channels;
        int j0 = channels == 3 ? MergeRgb(ri, gi, bi, dst.Slice(o, 3 * nb)) : 0;
        o += j0 * channels;
        for (int j = j0; j < nb; j++, o += channels)
        {
            dst[o] = (byte)ri[j]; dst[o + 1] = (byte)gi[j]; dst[o + 2] = (byte)bi[j];
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }

    // RGB bytes (8 pixels, 24 bytes a step) into the planes r, g, b as float32 k * (1/255), the reference's product (the
    // byte converts exactly, then one rounding); two 16-byte loads at 0 and 8, each channel's 8 bytes gathered by two byte
    // shuffles (an index of 255 gives 0). Returns the pixels done (a multiple of 8).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SplitRgb(ReadOnlySpan<byte> rgb, Span<float> r, Span<float> g, Span<float> b)
    {
        if (!Vector128.IsHardwareAccelerated) return 0;
        const byte Z = 255;
        var rA = Vector128.Create((byte)0, 3, 6, 9, 12, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z);
        var rB = Vector128.Create(Z, Z, Z, Z, Z, 7, 10, 13, Z, Z, Z, Z, Z, Z, Z, Z);
        var gA = Vector128.Create((byte)1, 4, 7, 10, 13, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z);
        var gB = Vector128.Create(Z, Z, Z, Z, Z, 8, 11, 14, Z, Z, Z, Z, Z, Z, Z, Z);
        var bA = Vector128.Create((byte)2, 5, 8, 11, 14, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z);
        var bB = Vector128.Create(Z, Z, Z, Z, Z, 9, 12, 15, Z, Z, Z, Z, Z, Z, Z, Z);
        ref byte sp = ref MemoryMarshal.GetReference(rgb);
        int n = rgb.Length / 3, j = 0;
        for (; j + 8 <= n; j += 8)
        {
            var a = Vector128.LoadUnsafe(ref sp, (nuint)(3 * j));
            var b8 = Vector128.LoadUnsafe(ref sp, (nuint)(3 * j + 8));
            ToUnitFloats(Vector128.Shuffle(a, rA) | Vector128.Shuffle(b8, rB), r, j);
            ToUnitFloats(Vector128.Shuffle(a, gA) | Vector128.Shuffle(b8, gB), g, j);
            ToUnitFloats(Vector128.Shuffle(a, bA) | Vector128.Shuffle(b8, bB), b, j);
        }
        return j;
    }

    /// <summary>The low 8 bytes of <paramref name="v"/> times (float)(1/255) into plane[j .. j + 7].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ToUnitFloats(Vector128<byte> v, Span<float> plane, int j)
    {
        var scale = Vector128.Create((float)(1.0 / 255.0));
        var w = Vector128.WidenLower(v);
        ref float p = ref MemoryMarshal.GetReference(plane);
        (Vector128.ConvertToSingle(Vector128.WidenLower(w).AsInt32()) * scale).StoreUnsafe(ref p, (nuint)j);
        (Vector128.ConvertToSingle(Vector128.WidenUpper(w).AsInt32()) * scale).StoreUnsafe(ref p, (nuint)(j + 4));
    }

    // The planes r, g, b (ints in [0, 255]) interleaved into RGB bytes, 8 pixels (24 bytes) a step: r and g narrowed into
    // one vector, b into another, each 16-byte half gathered by two byte shuffles; exactly 24 bytes stored a step.
    // Returns the pixels done (a multiple of 8).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MergeRgb(Span<int> r, Span<int> g, Span<int> b, Span<byte> rgb)
    {
        if (!Vector128.IsHardwareAccelerated) return 0;
        const byte Z = 255;
        // rg: r0..r7 at 0..7, g0..g7 at 8..15; bz: b0..b7 at 0..7.
        var lo1 = Vector128.Create((byte)0, 8, Z, 1, 9, Z, 2, 10, Z, 3, 11, Z, 4, 12, Z, 5);
        var lo2 = Vector128.Create(Z, Z, 0, Z, Z, 1, Z, Z, 2, Z, Z, 3, Z, Z, 4, Z);
        var hi1 = Vector128.Create((byte)13, Z, 6, 14, Z, 7, 15, Z, Z, Z, Z, Z, Z, Z, Z, Z);
        var hi2 = Vector128.Create(Z, 5, Z, Z, 6, Z, Z, 7, Z, Z, Z, Z, Z, Z, Z, Z);
        ref int rp = ref MemoryMarshal.GetReference(r);
        ref int gp = ref MemoryMarshal.GetReference(g);
        ref int bp = ref MemoryMarshal.GetReference(b);
        ref byte dp = ref MemoryMarshal.GetReference(rgb);
        int n = rgb.Length / 3, j = 0;
        for (; j + 8 <= n; j += 8)
        {
            var r16 = Vector128.Narrow(Vector128.LoadUnsafe(ref rp, (nuint)j).AsUInt32(), Vector128.LoadUnsafe(ref rp, (nuint)(j + 4)).AsUInt32());
            var g16 = Vector128.Narrow(Vector128.LoadUnsafe(ref gp, (nuint)j).AsUInt32(), Vector128.LoadUnsafe(ref gp, (nuint)(j + 4)).AsUInt32());
            var b16 = Vector128.Narrow(Vector128.LoadUnsafe(ref bp, (nuint)j).AsUInt32(), Vector128.LoadUnsafe(ref bp, (nuint)(j + 4)).AsUInt32());
            var rg = Vector128.Narrow(r16, g16);
            var bz = Vector128.Narrow(b16, b16);
            (Vector128.Shuffle(rg, lo1) | Vector128.Shuffle(bz, lo2)).StoreUnsafe(ref dp, (nuint)(3 * j));
            var tail = Vector128.Shuffle(rg, hi1) | Vector128.Shuffle(bz, hi2);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dp, 3 * j + 16), tail.AsUInt64().ToScalar());
        }
        return j;
    }

    // One pixel's noisy hue and lightness as the reference computes them: the vector normal z where approx is true and
    // it cannot change the float32 hue, else the reference's normal.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NoisyHlsScalar(float h, float l, float s, double lum, bool approx, double z, ReadOnlySpan<uint> words, int j,
        double sigma, double sigmaMargin, out float hOut, out float lOut)
    {
        if (approx)
        {
            // The vector normal where it cannot change the float32 hue (as the Gaussian kernels' byte and float
            // outputs, NoiseKernels.Normals.cs): h + z sigma rounds to the same float for every z within the
            // bound, else the reference's normal. A grey pixel (s == 0) never reads h.
            double v = h + z * sigma, m = sigmaMargin + 16.0 * Math.Abs(h) * (1.0 / 2251799813685248.0);
            if (s != 0 && (v == 0 || BitConverter.SingleToUInt32Bits((float)(v - m)) != BitConverter.SingleToUInt32Bits((float)(v + m))))
            {
                NoiseKernels.CountFallback();
                z = NoiseKernels.IsoExactNormal(words, j);
            }
        }
        else z = NoiseKernels.IsoExactNormal(words, j);
        h = (float)(h + z * sigma);
        if (h < 0) h += 360f;
        if (h > 360) h -= 360f;
        hOut = h;
        lOut = (float)(l + lum / 255.0 * (1.0 - l));
    }

    // NoisyHlsScalar for the Vector<float>.Count pixels from j, all with vector normals, in Vector<double> lanes (the same
    // double operations in the same order; Narrow rounds to nearest as the scalar cast does). Returns false, writing
    // nothing, when a colour lane's hue is within the margin of a rounding boundary (the caller then runs the scalar steps,
    // which take the reference's normal for that lane).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NoisyHlsVector(Span<float> hs, Span<float> ls, Span<float> ss, Span<double> zs, Span<double> lum,
        Span<float> hOut, Span<float> lOut, int j, double sigma, double sigmaMargin)
    {
        int wd = Vector<double>.Count;
        var h = new Vector<float>(hs[j..]);
        var s = new Vector<float>(ss[j..]);
        Vector.Widen(h, out var hLo, out var hHi);
        var sig = new Vector<double>(sigma);
        var vLo = hLo + new Vector<double>(zs[j..]) * sig;
        var vHi = hHi + new Vector<double>(zs[(j + wd)..]) * sig;
        var marg = new Vector<double>(sigmaMargin);
        var k = new Vector<double>(16.0);
        var e = new Vector<double>(1.0 / 2251799813685248.0);
        var mLo = marg + k * Vector.Abs(hLo) * e;
        var mHi = marg + k * Vector.Abs(hHi) * e;
        var below = Vector.Narrow(vLo - mLo, vHi - mHi);
        var above = Vector.Narrow(vLo + mLo, vHi + mHi);
        var zeroV = Vector.Narrow(Vector.Equals(vLo, Vector<double>.Zero), Vector.Equals(vHi, Vector<double>.Zero));
        var bad = Vector.AndNot(zeroV | ~Vector.Equals(Vector.AsVectorInt32(below), Vector.AsVectorInt32(above)),
            Vector.Equals(s, Vector<float>.Zero));
        if (bad != Vector<int>.Zero) return false;
        var hn = Vector.Narrow(vLo, vHi);
        var c360 = new Vector<float>(360f);
        hn = Vector.ConditionalSelect(Vector.LessThan(hn, Vector<float>.Zero), hn + c360, hn);
        hn = Vector.ConditionalSelect(Vector.GreaterThan(hn, c360), hn - c360, hn);
        hn.CopyTo(hOut[j..]);
        var l = new Vector<float>(ls[j..]);
        Vector.Widen(l, out var lLo, out var lHi);
        var one = Vector<double>.One;
        var c255 = new Vector<double>(255.0);
        var lnLo = lLo + new Vector<double>(lum[j..]) / c255 * (one - lLo);
        var lnHi = lHi + new Vector<double>(lum[(j + wd)..]) / c255 * (one - lHi);
        Vector.Narrow(lnLo, lnHi).CopyTo(lOut[j..]);
        return true;
    }
}
