using System.Runtime.InteropServices;

namespace Augment.Native.Kernels;

/// <summary>
/// albumentations' <c>shift_hsv</c> (<c>HueSaturationValue</c>) on OpenCV's HSV conversions (<c>cv2.COLOR_RGB2HSV</c>
/// and <c>COLOR_HSV2RGB</c>, <c>modules/imgproc/src/color_hsv.simd.hpp</c>). Scalar: the kernel is its own reference.
/// Spans in and out, checked at the entry; the destination must not overlap the source.
/// </summary>
public static partial class HsvKernels
{
    private const int HsvShift = 12;
    private static readonly int[] SDiv = Table(i => 255.0 * (1 << HsvShift) / i);
    private static readonly int[] HDiv180 = Table(i => 180.0 * (1 << HsvShift) / (6.0 * i));

    private static int[] Table(Func<int, double> f)
    {
        var t = new int[256];
        for (int i = 1; i < 256; i++) t[i] = (int)Math.Round(f(i), MidpointRounding.ToEven);
        return t;
    }

    private static void Check(int srcLength, int dstLength, int channels)
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4");
        if (dstLength != srcLength) Throw.Argument("dst", dstLength, $"the source length {srcLength}");
        if (srcLength % channels != 0) Throw.Argument("src", srcLength, $"a multiple of channels ({channels})");
    }

    /// <summary>OpenCV's <c>HSV2RGB_native</c>: h in sectors (already times <c>hscale</c>), s and v in [0, 1].</summary>
    private static void HsvToRgb(float h, float s, float v, out float r, out float g, out float b)
    {
        if (s == 0f) { r = g = b = v; return; }
        if (h < 0f) do h += 6f; while (h < 0f);
        else if (h >= 6f) do h -= 6f; while (h >= 6f);
        int sector = (int)MathF.Floor(h);
        h -= sector;
        if ((uint)sector >= 6u) { sector = 0; h = 0f; }
        Span<float> tab = stackalloc float[4];
        tab[0] = v;
        tab[1] = v * (1f - s);
        tab[2] = v * (1f - s * h);
        tab[3] = v * (1f - s * (1f - h));
        // OpenCV's sector_data lists (b, g, r) indices.
        (int bi, int gi, int ri) = sector switch
        {
            0 => (1, 3, 0),
            1 => (1, 0, 2),
            2 => (3, 0, 1),
            3 => (0, 2, 1),
            4 => (0, 1, 3),
            _ => (2, 1, 0),
        };
        b = tab[bi]; g = tab[gi]; r = tab[ri];
    }

    /// <summary>
    /// albumentations' <c>_shift_hsv_uint8</c>: OpenCV's 8-bit RGB to HSV (H in 0..179 by the fixed-point tables of
    /// <c>RGB2HSV_b</c>, S and V in 0..255), then the tables <c>H' = (H + hueShift) mod 180</c>, <c>S' = clip(S + satShift,
    /// 0, 255)</c> and <c>V' = clip(V + valShift, 0, 255)</c>, each truncated to uint8 (<c>.astype(np.uint8)</c>; a zero
    /// shift leaves its table out), then OpenCV's 8-bit HSV to RGB (<c>HSV2RGB_b</c>: S and V times <c>1/255f</c>, the
    /// float conversion, times 255 rounded half to even). On 1 channel only the value table applies (albumentations
    /// drops hue and saturation shifts for gray images, and gray to RGB to HSV and back gives the table's value); a 4th
    /// (alpha) channel is copied.
    /// </summary>
    /// <param name="src">The source samples, HWC.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">Channels per pixel: 1, 3 or 4.</param>
    /// <param name="hueShift">The hue shift in OpenCV's units (2 degrees), in [-180, 180].</param>
    /// <param name="satShift">The saturation shift in levels, in [-255, 255].</param>
    /// <param name="valShift">The value shift in levels, in [-255, 255].</param>
    /// <exception cref="ArgumentException">Lengths differ, channels is not 1, 3 or 4, or a shift is out of its domain.</exception>
    /// <param name="path">The code path for 3 and 4 channels; every path gives the same bits.</param>
    public static void ShiftHsv(ReadOnlySpan<byte> src, Span<byte> dst, int channels, double hueShift, double satShift, double valShift,
        SimdPath path = SimdPath.Auto)
    {
        Check(src.Length, dst.Length, channels);
        CheckShifts(hueShift, satShift, valShift, 180.0);
        Span<byte> lutH = stackalloc byte[256], lutS = stackalloc byte[256], lutV = stackalloc byte[256];
        ShiftLuts(hueShift, satShift, valShift, lutH, lutS, lutV);
        int n = src.Length / channels;
        if (channels == 1)
        {
            for (int i = 0; i < n; i++) dst[i] = lutV[src[i]];
            return;
        }
        const float hscale = 6f / 180;
        int done = 0;
        if (GrayKernels.Width(path) is var width && width != SimdPath.Scalar)
            unsafe
            {
                // The vector body reads the division and shift tables as ints (TfHsvKernels.ShiftHsv).
                int* t = stackalloc int[TfHsvKernels.CvTables];
                for (int i = 0; i < 256; i++)
                {
                    t[i] = SDiv[i];
                    t[256 + i] = HDiv180[i];
                    t[512 + i] = lutH[i];
                    t[768 + i] = lutS[i];
                    t[1024 + i] = lutV[i];
                }
                byte* bt = (byte*)(t + TfHsvKernels.CvByteTables);
                lutH.CopyTo(new Span<byte>(bt, 256));
                lutS.CopyTo(new Span<byte>(bt + 256, 256));
                lutV.CopyTo(new Span<byte>(bt + 512, 256));
                PlainShifts(hueShift, satShift, valShift, lutH, lutS, lutV, t + TfHsvKernels.CvShifts);
                done = TfHsvKernels.ShiftHsv(ref MemoryMarshal.GetReference(src), ref MemoryMarshal.GetReference(dst), n, channels, t, width);
            }
        for (int i = done; i < n; i++)
        {
            int o = i * channels;
            int r = src[o], g = src[o + 1], b = src[o + 2];
            int v = Math.Max(b, Math.Max(g, r)), vmin = Math.Min(b, Math.Min(g, r));
            int diff = v - vmin;
            int vr = v == r ? -1 : 0, vg = v == g ? -1 : 0;
            int s = (diff * SDiv[v] + (1 << (HsvShift - 1))) >> HsvShift;
            int h = (vr & (g - b)) + (~vr & ((vg & (b - r + 2 * diff)) + (~vg & (r - g + 4 * diff))));
            h = (h * HDiv180[diff] + (1 << (HsvShift - 1))) >> HsvShift;
            h += h < 0 ? 180 : 0;
            int h2 = lutH[h], s2 = lutS[s], v2 = lutV[v];
            HsvToRgb(h2 * hscale, s2 * (1f / 255f), v2 * (1f / 255f), out float rf, out float gf, out float bf);
            dst[o] = ToByte(rf * 255f);
            dst[o + 1] = ToByte(gf * 255f);
            dst[o + 2] = ToByte(bf * 255f);
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }

    /// <summary>
    /// albumentations' <c>_shift_hsv_non_uint8</c> on a float image taken relative to its value range (<c>u = (x - min) /
    /// (max - min)</c>): OpenCV's float RGB to HSV (<c>RGB2HSV_f</c>: H in degrees [0, 360), S and V in [0, 1]), then
    /// <c>H' = (H + hueShift) mod 360</c> (degrees), <c>S' = clip(S + satShift / 255, 0, 1)</c> and <c>V' = clip(V +
    /// valShift / 255, 0, 1)</c>, OpenCV's float HSV to RGB, and back to the range. The saturation and value shifts are
    /// levels of 255, so that a shift means the same on bytes and floats (albumentations adds them to S and V as they
    /// are). On 1 channel only the value shift applies; a 4th (alpha) channel is copied.
    /// </summary>
    /// <param name="src">The source samples, HWC.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">Channels per pixel: 1, 3 or 4.</param>
    /// <param name="hueShift">The hue shift in degrees, in [-360, 360].</param>
    /// <param name="satShift">The saturation shift in levels of 255, in [-255, 255].</param>
    /// <param name="valShift">The value shift in levels of 255, in [-255, 255].</param>
    /// <param name="range">The image's value range.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void ShiftHsv(ReadOnlySpan<float> src, Span<float> dst, int channels, double hueShift, double satShift, double valShift, ValueRange range)
    {
        Check(src.Length, dst.Length, channels);
        CheckShifts(hueShift, satShift, valShift, 360.0);
        float lo = range.Min, w = range.Width;
        float ds = (float)(satShift / 255.0), dv = (float)(valShift / 255.0), dh = (float)hueShift;
        int n = src.Length / channels;
        float Back(float u) => MathF.Min(MathF.Max(lo + u * w, lo), range.Max);
        if (channels == 1)
        {
            for (int i = 0; i < n; i++)
                dst[i] = valShift == 0 ? src[i] : Back(MathF.Min(MathF.Max((src[i] - lo) / w + dv, 0f), 1f));
            return;
        }
        for (int i = 0; i < n; i++)
        {
            int o = i * channels;
            float r = (src[o] - lo) / w, g = (src[o + 1] - lo) / w, b = (src[o + 2] - lo) / w;
            float v = r, vmin = r;
            if (v < g) v = g;
            if (v < b) v = b;
            if (vmin > g) vmin = g;
            if (vmin > b) vmin = b;
            float diff = v - vmin;
            float s = diff / (MathF.Abs(v) + FltEpsilon);
            diff = (float)(60.0 / (diff + FltEpsilon));
            float h;
            if (v == r) h = (g - b) * diff;
            else if (v == g) h = (b - r) * diff + 120f;
            else h = (r - g) * diff + 240f;
            if (h < 0) h += 360f;
            if (hueShift != 0) { h = (h + dh) % 360f; if (h < 0) h += 360f; }
            if (satShift != 0) s = MathF.Min(MathF.Max(s + ds, 0f), 1f);
            if (valShift != 0) v = MathF.Min(MathF.Max(v + dv, 0f), 1f);
            HsvToRgb(h * (6f / 360f), s, v, out float rf, out float gf, out float bf);
            dst[o] = Back(rf);
            dst[o + 1] = Back(gf);
            dst[o + 2] = Back(bf);
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }

    /// <summary>Writes a flag and k_h, k_s, k_v (see <c>TfHsvKernels.CvShifts</c>): the flag is 1 when the tables are,
    /// entry by entry, H' = (H + k_h) mod 180 for H in 0..179 (the hues RGB2HSV_b gives) and S' = clamp(S + k_s, 0, 255),
    /// V' = clamp(V + k_v, 0, 255) for all 256 entries, with each k the floor of its shift (so for every whole shift and
    /// nearly every other); else 0 and the vector body reads the tables.</summary>
    private static unsafe void PlainShifts(double hueShift, double satShift, double valShift,
        ReadOnlySpan<byte> lutH, ReadOnlySpan<byte> lutS, ReadOnlySpan<byte> lutV, int* k)
    {
        int kh = (int)Math.Floor(hueShift) % 180;
        if (kh < 0) kh += 180;
        int ks = (int)Math.Floor(satShift), kv = (int)Math.Floor(valShift);
        bool plain = true;
        for (int i = 0; i < 256; i++)
        {
            if (i < 180 && lutH[i] != (i + kh) % 180) plain = false;
            if (lutS[i] != Math.Clamp(i + ks, 0, 255) || lutV[i] != Math.Clamp(i + kv, 0, 255)) plain = false;
        }
        k[0] = plain ? 1 : 0;
        k[1] = kh; k[2] = ks; k[3] = kv;
    }

    private const float FltEpsilon = 1.1920929e-7f; // C's FLT_EPSILON

    private static void CheckShifts(double hueShift, double satShift, double valShift, double hueLimit)
    {
        if (!(Math.Abs(hueShift) <= hueLimit)) Throw.Argument(nameof(hueShift), hueShift, $"a shift in [-{hueLimit}, {hueLimit}]");
        if (!(Math.Abs(satShift) <= 255.0)) Throw.Argument(nameof(satShift), satShift, "a shift in [-255, 255]");
        if (!(Math.Abs(valShift) <= 255.0)) Throw.Argument(nameof(valShift), valShift, "a shift in [-255, 255]");
    }

    private static byte ToByte(float v) => (byte)MathF.Min(MathF.Max(MathF.Round(v), 0f), 255f);
}
