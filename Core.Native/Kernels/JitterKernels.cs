using System.Runtime.CompilerServices;
namespace Augment.Native.Kernels;

/// <summary>
/// torchvision's colour adjustments (<c>torchvision.transforms.v2.functional</c>: <c>adjust_brightness</c>,
/// <c>adjust_contrast</c>, <c>adjust_saturation</c>, <c>adjust_hue</c>) as <c>ColorJitter</c> chains them. Scalar: the
/// kernel is its own reference. Spans in and out, checked at the entry; the destination must not overlap the source.
/// </summary>
public static partial class JitterKernels
{
    /// <summary>The stage numbers of <see cref="ColorJitter(ReadOnlySpan{byte}, Span{byte}, int, ReadOnlySpan{int}, float, float, float, float, SimdPath)"/>'s
    /// order, as torchvision's <c>fn_idx</c>: 0 brightness, 1 contrast, 2 saturation, 3 hue.</summary>
    public const int Stages = 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Check(int srcLength, int dstLength, int channels, ReadOnlySpan<int> order,
        float brightness, float contrast, float saturation, float hue)
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4");
        if (dstLength != srcLength) Throw.Argument("dst", dstLength, $"the source length {srcLength}");
        if (srcLength % channels != 0) Throw.Argument("src", srcLength, $"a multiple of channels ({channels})");
        if (order.Length != Stages) Throw.Argument(nameof(order), $"{order.Length} stages", "a permutation of 0 to 3");
        int seen = 0;
        foreach (int s in order)
        {
            if (s < 0 || s >= Stages || (seen & (1 << s)) != 0) Throw.Argument(nameof(order), s, "a permutation of 0 to 3");
            seen |= 1 << s;
        }
        if (!(brightness >= 0f && float.IsFinite(brightness))) Throw.Argument(nameof(brightness), brightness, "a finite factor >= 0");
        if (!(contrast >= 0f && float.IsFinite(contrast))) Throw.Argument(nameof(contrast), contrast, "a finite factor >= 0");
        if (!(saturation >= 0f && float.IsFinite(saturation))) Throw.Argument(nameof(saturation), saturation, "a finite factor >= 0");
        if (!(hue >= -0.5f && hue <= 0.5f)) Throw.Argument(nameof(hue), hue, "a hue shift in [-0.5, 0.5]");
    }

    /// <summary>torchvision's <c>_rgb_to_grayscale_image</c>: <c>0.2989 r + 0.587 g + 0.114 b</c> in float32.</summary>
    private static float Gray(float r, float g, float b) => r * 0.2989f + g * 0.587f + b * 0.114f;

    /// <summary>torchvision's <c>_rgb_to_hsv</c> then <c>h = (h + delta) mod 1</c> then <c>_hsv_to_rgb</c>, in float32
    /// on [0, 1].</summary>
    private static void HueShift(ref float r, ref float g, ref float b, float delta)
    {
        float maxc = MathF.Max(r, MathF.Max(g, b)), minc = MathF.Min(r, MathF.Min(g, b));
        bool eqc = maxc == minc;
        float range = maxc - minc;
        float s = range / (eqc ? 1f : maxc);
        float div = eqc ? 1f : range;
        float rc = (maxc - r) / div, gc = (maxc - g) / div, bc = (maxc - b) / div;
        float h;
        if (maxc == r) h = bc - gc;
        else if (maxc == g) h = 2f + rc - bc;
        else h = 4f + gc - rc;
        h = (h * (1f / 6f) + 1f) % 1f;
        h = (h + delta) % 1f; // torch.remainder: the result has the sign of the divisor
        if (h < 0f) h += 1f;
        float v = maxc;
        float h6 = h * 6f;
        float fi = MathF.Floor(h6);
        float f = h6 - fi;
        int i = ((int)fi % 6 + 6) % 6;
        float sxf = s * f;
        float oneMinusS = 1f - s;
        float q = Math.Clamp((1f - sxf) * v, 0f, 1f);
        float t = Math.Clamp((sxf + oneMinusS) * v, 0f, 1f);
        float p = Math.Clamp(oneMinusS * v, 0f, 1f);
        (r, g, b) = i switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
    }

    /// <summary>
    /// torchvision v2's <c>ColorJitter</c> on uint8: the stages in <paramref name="order"/>, each a torchvision uint8
    /// kernel that computes in float32 and casts back to uint8 by truncation (<c>.to(torch.uint8)</c>), as torchvision
    /// does after every stage. Brightness: <c>x f</c>, clamped to [0, 255]. Contrast: <c>_blend(x, mean, f) = x f + mean
    /// (1 - f)</c> clamped, where mean is the mean over the image of <c>floor(0.2989 r + 0.587 g + 0.114 b)</c> (of the
    /// value itself on 1 channel), summed in double and rounded to float32. Saturation: <c>_blend(x, floor(gray), f)</c>
    /// per pixel (identity on 1 channel). Hue: <c>x / 255</c>, RGB to HSV, <c>h = (h + delta) mod 1</c>, back to RGB,
    /// <c>x 255.999</c> truncated (torchvision's <c>to_dtype(scale=True)</c>; identity on 1 channel). A stage whose factor
    /// is its identity (1, 1, 1 and 0) is skipped, as torchvision skips a factor it did not draw. Alpha (a 4th channel)
    /// is copied.
    /// </summary>
    /// <param name="src">The source samples, HWC.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">Channels per pixel: 1, 3 or 4.</param>
    /// <param name="order">The order of the four stages, a permutation of 0 (brightness), 1 (contrast), 2 (saturation), 3 (hue).</param>
    /// <param name="brightness">The brightness factor, &gt;= 0.</param>
    /// <param name="contrast">The contrast factor, &gt;= 0.</param>
    /// <param name="saturation">The saturation factor, &gt;= 0.</param>
    /// <param name="hue">The hue shift in turns, in [-0.5, 0.5].</param>
    /// <param name="path">The code path (3 and 4 channels run in vector lanes, <c>JitterKernels.Fast.cs</c>); every
    /// path gives the scalar reference's bits.</param>
    /// <exception cref="ArgumentException">Lengths differ, channels is not 1, 3 or 4, order is not a permutation of 0 to
    /// 3, or a factor is out of its domain.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ColorJitter(ReadOnlySpan<byte> src, Span<byte> dst, int channels, ReadOnlySpan<int> order,
        float brightness, float contrast, float saturation, float hue, SimdPath path = SimdPath.Auto)
    {
        Check(src.Length, dst.Length, channels, order, brightness, contrast, saturation, hue);
        if (channels != 1 && GrayKernels.Width(path) is var width && width != SimdPath.Scalar)
        {
            ColorJitterFast(src, dst, channels, order, brightness, contrast, saturation, hue, width);
            return;
        }
        src.CopyTo(dst);
        int colours = Math.Min(channels, 3);
        int n = src.Length / channels;
        static byte Trunc(float v) => (byte)MathF.Min(MathF.Max(v, 0f), 255f);
        foreach (int stage in order)
        {
            switch (stage)
            {
                case 0 when brightness != 1f:
                    for (int i = 0; i < n; i++)
                        for (int c = 0; c < colours; c++)
                            dst[i * channels + c] = Trunc(dst[i * channels + c] * brightness);
                    break;
                case 1 when contrast != 1f:
                {
                    double sum = 0;
                    for (int i = 0; i < n; i++)
                        sum += colours == 1 ? dst[i * channels]
                            : MathF.Floor(Gray(dst[i * channels], dst[i * channels + 1], dst[i * channels + 2]));
                    float mean = (float)(sum / n);
                    float add = mean * (1f - contrast);
                    for (int i = 0; i < n; i++)
                        for (int c = 0; c < colours; c++)
                            dst[i * channels + c] = Trunc(dst[i * channels + c] * contrast + add);
                    break;
                }
                case 2 when saturation != 1f && colours == 3:
                    for (int i = 0; i < n; i++)
                    {
                        int o = i * channels;
                        float gray = MathF.Floor(Gray(dst[o], dst[o + 1], dst[o + 2]));
                        float add = gray * (1f - saturation);
                        for (int c = 0; c < 3; c++) dst[o + c] = Trunc(dst[o + c] * saturation + add);
                    }
                    break;
                case 3 when hue != 0f && colours == 3:
                    for (int i = 0; i < n; i++)
                    {
                        int o = i * channels;
                        float r = dst[o] / 255f, g = dst[o + 1] / 255f, b = dst[o + 2] / 255f;
                        HueShift(ref r, ref g, ref b, hue);
                        dst[o] = Trunc(r * 255.999f);
                        dst[o + 1] = Trunc(g * 255.999f);
                        dst[o + 2] = Trunc(b * 255.999f);
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// torchvision v2's <c>ColorJitter</c> on float images: the value taken relative to the range, <c>u = (x - min) /
    /// (max - min)</c>, the stages in <paramref name="order"/> with torchvision's float formulas on [0, 1] (each clamped
    /// to [0, 1]; the contrast mean is of <c>0.2989 r + 0.587 g + 0.114 b</c> without flooring, summed in double), and
    /// back, <c>min + u (max - min)</c>, clamped to the range. Identity stages are skipped; alpha is copied. As the byte
    /// overload otherwise.
    /// </summary>
    /// <param name="src">The source samples, HWC.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">Channels per pixel: 1, 3 or 4.</param>
    /// <param name="order">The order of the four stages (see the byte overload).</param>
    /// <param name="brightness">The brightness factor, &gt;= 0.</param>
    /// <param name="contrast">The contrast factor, &gt;= 0.</param>
    /// <param name="saturation">The saturation factor, &gt;= 0.</param>
    /// <param name="hue">The hue shift in turns, in [-0.5, 0.5].</param>
    /// <param name="range">The image's value range.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ColorJitter(ReadOnlySpan<float> src, Span<float> dst, int channels, ReadOnlySpan<int> order,
        float brightness, float contrast, float saturation, float hue, ValueRange range)
    {
        Check(src.Length, dst.Length, channels, order, brightness, contrast, saturation, hue);
        src.CopyTo(dst);
        int colours = Math.Min(channels, 3);
        int n = src.Length / channels;
        bool any = false;
        foreach (int stage in order)
            any |= stage switch
            {
                0 => brightness != 1f,
                1 => contrast != 1f,
                2 => saturation != 1f && colours == 3,
                _ => hue != 0f && colours == 3,
            };
        if (!any) return;
        float lo = range.Min, w = range.Width;
        bool unit = lo == 0f && w == 1f;
        if (!unit)
            for (int i = 0; i < n; i++)
                for (int c = 0; c < colours; c++)
                    dst[i * channels + c] = (dst[i * channels + c] - lo) / w;
        static float Unit(float v) => MathF.Min(MathF.Max(v, 0f), 1f);
        foreach (int stage in order)
        {
            switch (stage)
            {
                case 0 when brightness != 1f:
                    for (int i = 0; i < n; i++)
                        for (int c = 0; c < colours; c++)
                            dst[i * channels + c] = Unit(dst[i * channels + c] * brightness);
                    break;
                case 1 when contrast != 1f:
                {
                    double sum = 0;
                    for (int i = 0; i < n; i++)
                        sum += colours == 1 ? dst[i * channels] : Gray(dst[i * channels], dst[i * channels + 1], dst[i * channels + 2]);
                    float mean = (float)(sum / n);
                    float add = mean * (1f - contrast);
                    for (int i = 0; i < n; i++)
                        for (int c = 0; c < colours; c++)
                            dst[i * channels + c] = Unit(dst[i * channels + c] * contrast + add);
                    break;
                }
                case 2 when saturation != 1f && colours == 3:
                    for (int i = 0; i < n; i++)
                    {
                        int o = i * channels;
                        float add = Gray(dst[o], dst[o + 1], dst[o + 2]) * (1f - saturation);
                        for (int c = 0; c < 3; c++) dst[o + c] = Unit(dst[o + c] * saturation + add);
                    }
                    break;
                case 3 when hue != 0f && colours == 3:
                    for (int i = 0; i < n; i++)
                    {
                        int o = i * channels;
                        float r = dst[o], g = dst[o + 1], b = dst[o + 2];
                        HueShift(ref r, ref g, ref b, hue);
                        dst[o] = r; dst[o + 1] = g; dst[o + 2] = b;
                    }
                    break;
            }
        }
        if (!unit)
            for (int i = 0; i < n; i++)
                for (int c = 0; c < colours; c++)
                    dst[i * channels + c] = MathF.Min(MathF.Max(lo + dst[i * channels + c] * w, lo), range.Max);
    }
}
