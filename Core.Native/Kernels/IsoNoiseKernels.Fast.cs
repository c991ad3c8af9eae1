using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
                // The sums stay sequential, in pixel order, as the reference adds them.
                for (int j = 0; j < nb; j++)
                {
                    float l = lBuf[j];
                    sum += l;
                    sumSq += (double)l * l;
                }
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
                double sigmaMargin = 16.0 * (sigma * NoiseKernels.NormalErrorBound + 10.0 * sigma * (1.0 / 2251799813685248.0));
                for (int p0 = 0; p0 < n; p0 += ChunkBlocks)
                {
                    int nb = Math.Min(ChunkBlocks, n - p0);
                    PhiloxBatch.Blocks(key0, key1, stream0, stream1, p0, 1, words[..(4 * nb)], path);
                    int approx = NoiseKernels.IsoNormalsApprox(words, nb, zs, path);
                    for (int j = 0; j < nb; j++)
                    {
                        int i = p0 + j;
                        int lum = poisson.Draw(words[4 * j]);
                        float h = hls[3 * i], l = hls[3 * i + 1], s = hls[3 * i + 2];
                        double z;
                        if (j < approx)
                        {
                            // The vector normal where it cannot change the float32 hue (as the Gaussian kernels' byte and float
                            // outputs, NoiseKernels.Normals.cs): h + z sigma rounds to the same float for every z within the
                            // bound, else the reference's normal. A grey pixel (s == 0) never reads h.
                            z = zs[j];
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
                        hBuf[j] = h;
                        lBuf2[j] = (float)(l + lum / 255.0 * (1.0 - l));
                        sBuf[j] = s;
                    }
                    HlsToRgbChunk(hBuf, lBuf2, sBuf, nb, src, dst, channels, p0);
                }
            }
            finally { poisson.Return(); }
        }
        finally { ArrayPool<float>.Shared.Return(hlsArray); }
    }

    // OpenCV's float RGB to HLS for pixels p0 .. p0 + nb - 1 in Vector<float> lanes: the reference's operations in the same
    // order (IEEE float32 add, multiply and divide give the same bits in a lane as in scalar code; .NET contracts nothing
    // to a fused multiply-add), the branches as masks. A lane where diff <= FLT_EPSILON may divide by zero; its h and s are
    // replaced by 0 as the reference leaves them. The inputs are k / 255, never NaN, so max and min are the reference's
    // compare-and-swap. Writes h, l, s interleaved into hls (3 floats a pixel) and l again into lOut.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RgbToHlsChunk(ReadOnlySpan<byte> src, int channels, int p0, int nb, Span<float> hls, Span<float> lOut)
    {
        const float oneOver255 = (float)(1.0 / 255.0);
        int w = Vector<float>.Count;
        int padded = (nb + w - 1) / w * w;
        Span<float> rb = stackalloc float[ChunkBlocks], gb = stackalloc float[ChunkBlocks], bb = stackalloc float[ChunkBlocks];
        Span<float> hb = stackalloc float[ChunkBlocks], sb = stackalloc float[ChunkBlocks];
        int o = p0 * channels;
        for (int j = 0; j < nb; j++, o += channels)
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
        var dstH = hls.Slice(3 * p0, 3 * nb);
        for (int j = 0; j < nb; j++)
        {
            dstH[3 * j] = hb[j]; dstH[3 * j + 1] = lOut[j]; dstH[3 * j + 2] = sb[j];
        }
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
            rv[k] = Vector.ConvertToInt32(Vector.Min(Vector.Max(ro * c255, zero), c255));
            gv[k] = Vector.ConvertToInt32(Vector.Min(Vector.Max(go * c255, zero), c255));
            bv[k] = Vector.ConvertToInt32(Vector.Min(Vector.Max(bo * c255, zero), c255));
        }
        int o = p0 * channels;
        for (int j = 0; j < nb; j++, o += channels)
        {
            dst[o] = (byte)ri[j]; dst[o + 1] = (byte)gi[j]; dst[o + 2] = (byte)bi[j];
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }
}
