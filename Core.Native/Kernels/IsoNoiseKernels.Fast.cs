using System.Buffers;
using System.Runtime.CompilerServices;

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
            const float oneOver255 = (float)(1.0 / 255.0);
            double sum = 0, sumSq = 0;
            for (int i = 0; i < n; i++)
            {
                int o = i * channels;
                float r = src[o] * oneOver255, g = src[o + 1] * oneOver255, b = src[o + 2] * oneOver255;
                float h = 0f, s = 0f;
                float vmax = r, vmin = r;
                if (vmax < g) vmax = g;
                if (vmax < b) vmax = b;
                if (vmin > g) vmin = g;
                if (vmin > b) vmin = b;
                float diff = vmax - vmin;
                float l = (vmax + vmin) * 0.5f;
                if (diff > FltEpsilon)
                {
                    s = l < 0.5f ? diff / (vmax + vmin) : diff / (2 - vmax - vmin);
                    diff = 60f / diff;
                    if (vmax == r) h = (g - b) * diff;
                    else if (vmax == g) h = (b - r) * diff + 120f;
                    else h = (r - g) * diff + 240f;
                    if (h < 0f) h += 360f;
                }
                hls[3 * i] = h; hls[3 * i + 1] = l; hls[3 * i + 2] = s;
                sum += l;
                sumSq += (double)l * l;
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
                Span<float> tab = stackalloc float[4];
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
                        l = (float)(l + lum / 255.0 * (1.0 - l));
                        float rr, gg, bb;
                        if (s == 0) rr = gg = bb = l;
                        else
                        {
                            float p2 = l <= 0.5f ? l * (1 + s) : l + s - l * s;
                            float p1 = 2 * l - p2;
                            h *= 6f / 360f;
                            if (h < 0) do h += 6; while (h < 0);
                            else if (h >= 6) do h -= 6; while (h >= 6);
                            int sector = (int)MathF.Floor(h);
                            h -= sector;
                            tab[0] = p2;
                            tab[1] = p1;
                            tab[2] = p1 + (p2 - p1) * (1 - h);
                            tab[3] = p1 + (p2 - p1) * h;
                            (int bi, int gi, int ri) = sector switch
                            {
                                0 => (1, 3, 0),
                                1 => (1, 0, 2),
                                2 => (3, 0, 1),
                                3 => (0, 2, 1),
                                4 => (0, 1, 3),
                                _ => (2, 1, 0),
                            };
                            bb = tab[bi]; gg = tab[gi]; rr = tab[ri];
                        }
                        int o = i * channels;
                        dst[o] = Trunc(rr * 255f);
                        dst[o + 1] = Trunc(gg * 255f);
                        dst[o + 2] = Trunc(bb * 255f);
                        if (channels == 4) dst[o + 3] = src[o + 3];
                    }
                }
            }
            finally { poisson.Return(); }
        }
        finally { ArrayPool<float>.Shared.Return(hlsArray); }
    }
}
