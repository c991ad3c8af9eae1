using System.Runtime.CompilerServices;
namespace Augment.Native.Kernels;

/// <summary>
/// albumentations' <c>iso_noise</c> (<c>ISONoise</c>) on OpenCV's float HLS conversions (<c>RGB2HLS_f</c>,
/// <c>HLS2RGB_f</c>), with per-pixel randomness from Philox by pixel index. Scalar: the kernel is its own reference.
/// </summary>
/// <remarks>
/// Pixel p uses the Philox4x32-10 block p with counter <c>(low 32 bits of p, 0x80000000 | high bits of p, stream0,
/// stream1)</c> under (key0, key1), as <see cref="NoiseKernels"/>. X0 gives the Poisson draw by inversion of the CDF at
/// <c>u = (X0 + 0.5) / 2^32</c>; X1, X2, X3 give the colour noise by Box–Muller:
/// <c>u1 = ((X1 &gt;&gt; 5) * 2^26 + (X2 &gt;&gt; 6) + 1) / 2^53</c> in (0, 1], <c>u2 = (X3 + 0.5) / 2^32</c>,
/// <c>z = sqrt(-2 ln u1) cos(2 pi u2)</c>.
/// </remarks>
public static partial class IsoNoiseKernels
{
    private const float FltEpsilon = 1.1920929e-7f;

    /// <summary>The smallest k with <c>P(X &lt;= k) &gt; u</c> for X ~ Poisson(lambda) (summing the probabilities in
    /// double); 0 when lambda is 0.</summary>
    /// <param name="lambda">The mean, 0 to 1000.</param>
    /// <param name="u">A uniform in [0, 1).</param>
    /// <returns>The draw.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int PoissonInverse(double lambda, double u)
    {
        if (!(lambda >= 0 && lambda <= 1000)) Throw.Argument(nameof(lambda), lambda, "a mean in [0, 1000]");
        if (lambda == 0) return 0;
        // Sums in log space past the underflow of exp(-lambda) for large means.
        double logP = -lambda, cdf = 0;
        int k = 0;
        while (true)
        {
            cdf += Math.Exp(logP);
            if (cdf > u || k > 100_000) return k;
            k++;
            logP += Math.Log(lambda / k);
        }
    }

    /// <summary>
    /// ISONoise on an RGB(A) byte image, as albumentations' <c>iso_noise(image, color_shift, intensity)</c>: the image
    /// times <c>1/255</c> in float32, OpenCV's float RGB to HLS (H in degrees, L and S in [0, 1]); <c>sd</c> the
    /// population standard deviation of L over the image (<c>cv2.meanStdDev</c>, in double); per pixel a luminance draw
    /// <c>n ~ Poisson(sd * intensity * 255)</c> and a colour draw <c>c ~ N(0, colorShift * 360 * intensity)</c> (see the
    /// class remarks); <c>H += c</c>, then 360 added where it is below 0 and taken off where it is above 360;
    /// <c>L += (n / 255) (1 - L)</c>; OpenCV's float HLS to RGB; times 255, saturated to [0, 255] (numpy's cast of an out-of-range
    /// float is undefined) and truncated to uint8 (<c>astype</c>). A 4th (alpha) channel is copied.
    /// </summary>
    /// <param name="src">The source samples, HWC.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">3 or 4.</param>
    /// <param name="colorShift">albumentations' color_shift, in [0, 1].</param>
    /// <param name="intensity">albumentations' intensity, in [0, 1].</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <param name="stream0">Stream word 0.</param>
    /// <param name="stream1">Stream word 1.</param>
    /// <param name="path">The code path: <see cref="SimdPath.Scalar"/> is the reference loop; the others (Auto included, on any
    /// hardware) draw the Philox
    /// blocks in batches (<see cref="PhiloxBatch"/>), take the Poisson draws from the CDF summed once per image, and give the
    /// same bits.</param>
    /// <exception cref="ArgumentException">Lengths differ, channels is not 3 or 4, or a parameter is outside [0, 1].</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void IsoNoise(ReadOnlySpan<byte> src, Span<byte> dst, int channels, double colorShift, double intensity,
        uint key0, uint key1, uint stream0, uint stream1, SimdPath path = SimdPath.Auto)
    {
        if (channels is not (3 or 4)) Throw.Argument(nameof(channels), channels, "3 or 4 (an RGB or RGBA image)");
        if (dst.Length != src.Length) Throw.Argument("dst", dst.Length, $"the source length {src.Length}");
        if (src.Length % channels != 0) Throw.Argument("src", src.Length, $"a multiple of channels ({channels})");
        if (!(colorShift >= 0 && colorShift <= 1)) Throw.Argument(nameof(colorShift), colorShift, "a value in [0, 1]");
        if (!(intensity >= 0 && intensity <= 1)) Throw.Argument(nameof(intensity), intensity, "a value in [0, 1]");
        int n = src.Length / channels;
        if (n == 0) return;
        if (path != SimdPath.Scalar)
        {
            IsoNoiseFast(src, dst, channels, colorShift, intensity, key0, key1, stream0, stream1, path);
            return;
        }
        var hls = new float[n * 3];
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
        Span<float> tab = stackalloc float[4];
        for (int i = 0; i < n; i++)
        {
            var blk = Philox4x32.Generate(key0, key1, new Block4((uint)i, 0x8000_0000u | (uint)((long)i >> 32), stream0, stream1));
            int lum = PoissonInverse(lambda, (blk.X0 + 0.5) / 4294967296.0);
            double u1 = ((((ulong)(blk.X1 >> 5) << 26) + (blk.X2 >> 6)) + 1) * (1.0 / 9007199254740992.0);
            double u2 = (blk.X3 + 0.5) / 4294967296.0;
            double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            float h = hls[3 * i], l = hls[3 * i + 1], s = hls[3 * i + 2];
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

    private static byte Trunc(float v) => (byte)MathF.Min(MathF.Max(v, 0f), 255f);
}
