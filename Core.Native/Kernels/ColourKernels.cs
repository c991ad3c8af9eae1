using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
namespace Augment.Native.Kernels;

/// <summary>
/// Colour kernels that are per pixel but not per channel (HSV adjustments, channel permutations, colour matrices,
/// gray methods), element-type conversions, and PIL's sharpness filter. Each scalar loop is its own reference; the
/// conversions and the byte colour matrix also run SIMD bodies (ColourKernels.Conversions.cs) that give the same bits.
/// Spans in and out, checked at the entry; destinations must not overlap sources. Byte results are computed in
/// float32, rounded half to even and saturated; float results are clamped to the value range.
/// </summary>
public static partial class ColourKernels
{
    private static byte ToByte(float v) => (byte)MathF.Min(MathF.Max(MathF.Round(v), 0f), 255f);

    private static float Clamp(float v, float lo, float hi) => MathF.Min(MathF.Max(v, lo), hi);

    private static void CheckLengths(int srcLength, int dstLength, int channels, bool colour)
    {
        if (colour ? channels is not (3 or 4) : channels is not (1 or 3 or 4))
            Throw.Argument(nameof(channels), channels, colour ? "3 or 4 (an RGB or RGBA image)" : "1, 3 or 4");
        if (dstLength != srcLength) Throw.Argument("dst", dstLength, $"the source length {srcLength}");
        if (srcLength % channels != 0) Throw.Argument("src", srcLength, $"a multiple of channels ({channels})");
    }

    private static void CheckCoefficients(string name, ReadOnlySpan<float> values, int channels)
    {
        if (values.Length != channels) Throw.Argument(name, $"{values.Length} coefficients", $"one per channel ({channels})");
        foreach (float v in values)
            if (!float.IsFinite(v)) Throw.Argument(name, v, "finite coefficients");
    }

    // ---------------------------------------------------------------- element-type conversions

    /// <summary>
    /// Converts bytes to float32: <c>dst[i] = clamp((src[i] - subtract[c]) * scale[c] + add[c], range)</c> with
    /// <c>c = i % channels</c>, in float32 (ToFloat32, Normalize and Rescaling on byte images).
    /// </summary>
    /// <param name="src">The byte samples.</param>
    /// <param name="dst">The float samples, as long as the source.</param>
    /// <param name="channels">Channels per pixel: 1, 3 or 4.</param>
    /// <param name="subtract">Per-channel value subtracted first.</param>
    /// <param name="scale">Per-channel factor.</param>
    /// <param name="add">Per-channel value added last.</param>
    /// <param name="range">The output's value range; results are clamped to it.</param>
    /// <param name="path">The code path; every path gives the same bits (Scalar is the reference).</param>
    /// <exception cref="ArgumentException">Lengths differ, channels is not 1, 3 or 4, or a coefficient span is not one finite value per channel.</exception>
    public static void AffineToFloat(ReadOnlySpan<byte> src, Span<float> dst, int channels,
        ReadOnlySpan<float> subtract, ReadOnlySpan<float> scale, ReadOnlySpan<float> add, ValueRange range,
        SimdPath path = SimdPath.Auto)
    {
        CheckLengths(src.Length, dst.Length, channels, false);
        CheckCoefficients(nameof(subtract), subtract, channels);
        CheckCoefficients(nameof(scale), scale, channels);
        CheckCoefficients(nameof(add), add, channels);
        for (int i = AffineToFloatSimd(src, dst, channels, subtract, scale, add, range, path); i < src.Length; i++)
        {
            int c = i % channels;
            dst[i] = Clamp((src[i] - subtract[c]) * scale[c] + add[c], range.Min, range.Max);
        }
    }

    /// <summary>
    /// Converts float32 to bytes: <c>dst[i] = clamp(round_half_even((src[i] - subtract[c]) * scale[c] + add[c]), 0, 255)</c>
    /// with <c>c = i % channels</c>, in float32 (ToByte).
    /// </summary>
    /// <param name="src">The float samples.</param>
    /// <param name="dst">The byte samples, as long as the source.</param>
    /// <param name="channels">Channels per pixel: 1, 3 or 4.</param>
    /// <param name="subtract">Per-channel value subtracted first.</param>
    /// <param name="scale">Per-channel factor.</param>
    /// <param name="add">Per-channel value added last.</param>
    /// <param name="path">The code path; every path gives the same bits (Scalar is the reference).</param>
    /// <exception cref="ArgumentException">As <see cref="AffineToFloat"/>.</exception>
    public static void AffineToByte(ReadOnlySpan<float> src, Span<byte> dst, int channels,
        ReadOnlySpan<float> subtract, ReadOnlySpan<float> scale, ReadOnlySpan<float> add,
        SimdPath path = SimdPath.Auto)
    {
        CheckLengths(src.Length, dst.Length, channels, false);
        CheckCoefficients(nameof(subtract), subtract, channels);
        CheckCoefficients(nameof(scale), scale, channels);
        CheckCoefficients(nameof(add), add, channels);
        for (int i = AffineToByteSimd(src, dst, channels, subtract, scale, add, path); i < src.Length; i++)
        {
            int c = i % channels;
            dst[i] = ToByte((src[i] - subtract[c]) * scale[c] + add[c]);
        }
    }

    // ---------------------------------------------------------------- HSV (tf.image)

    /// <summary>
    /// TensorFlow's <c>rgb_to_hsv</c> of <c>adjust_saturation_op.cc</c>, in float32 as there: v = max, s = (max - min) / v
    /// (0 when v is 0), h in [0, 1) from <c>norm = 1 / (6 (max - min))</c>, with the offsets 2/6 and 4/6 added in double.
    /// </summary>
    /// <param name="r">Red, &gt;= 0.</param>
    /// <param name="g">Green, &gt;= 0.</param>
    /// <param name="b">Blue, &gt;= 0.</param>
    /// <param name="h">Hue in [0, 1].</param>
    /// <param name="s">Saturation in [0, 1].</param>
    /// <param name="v">Value.</param>
    public static void RgbToHsv(float r, float g, float b, out float h, out float s, out float v)
    {
        float vv = MathF.Max(r, MathF.Max(g, b));
        float range = vv - MathF.Min(r, MathF.Min(g, b));
        s = vv > 0 ? range / vv : 0f;
        float norm = 1.0f / (6.0f * range);
        float hh;
        if (r == vv) hh = norm * (g - b);
        else if (g == vv) hh = (float)(norm * (b - r) + 2.0 / 6.0);
        else hh = (float)(norm * (r - g) + 4.0 / 6.0);
        if (range <= 0.0f) hh = 0f;
        if (hh < 0.0f) hh += 1f;
        v = vv;
        h = hh;
    }

    /// <summary>TensorFlow's <c>hsv_to_rgb</c> of <c>adjust_saturation_op.cc</c> (Wikipedia's chroma form), in float32.</summary>
    /// <param name="h">Hue in [0, 1).</param>
    /// <param name="s">Saturation in [0, 1].</param>
    /// <param name="v">Value.</param>
    /// <param name="r">Red.</param>
    /// <param name="g">Green.</param>
    /// <param name="b">Blue.</param>
    public static void HsvToRgb(float h, float s, float v, out float r, out float g, out float b)
    {
        float c = s * v;
        float m = v - c;
        float dh = h * 6;
        int category = (int)dh;
        float fmodu = dh;
        while (fmodu <= 0) fmodu += 2.0f;
        while (fmodu >= 2.0f) fmodu -= 2.0f;
        float x = c * (1 - MathF.Abs(fmodu - 1));
        float rr, gg, bb;
        switch (category)
        {
            case 0: rr = c; gg = x; bb = 0; break;
            case 1: rr = x; gg = c; bb = 0; break;
            case 2: rr = 0; gg = c; bb = x; break;
            case 3: rr = 0; gg = x; bb = c; break;
            case 4: rr = x; gg = 0; bb = c; break;
            case 5: rr = c; gg = 0; bb = x; break;
            default: rr = 0; gg = 0; bb = 0; break;
        }
        r = rr + m;
        g = gg + m;
        b = bb + m;
    }

    /// <summary>
    /// TensorFlow's <c>rgb_to_hv_range</c> of <c>adjust_hue_op.cc</c>: the hue in [0, 6) (sextant plus the ratio of the
    /// middle component), the smallest and the largest component.
    /// </summary>
    /// <param name="r">Red.</param>
    /// <param name="g">Green.</param>
    /// <param name="b">Blue.</param>
    /// <param name="h">Hue in [0, 6].</param>
    /// <param name="vMin">The smallest component.</param>
    /// <param name="vMax">The largest component.</param>
    public static void RgbToHueRange(float r, float g, float b, out float h, out float vMin, out float vMax)
    {
        float vMid;
        int category;
        if (r < g)
        {
            if (b < r) { vMax = g; vMid = r; vMin = b; category = 1; }
            else if (b > g) { vMax = b; vMid = g; vMin = r; category = 3; }
            else { vMax = g; vMid = b; vMin = r; category = 2; }
        }
        else
        {
            if (b < g) { vMax = r; vMid = g; vMin = b; category = 0; }
            else if (b > r) { vMax = b; vMid = r; vMin = g; category = 4; }
            else { vMax = r; vMid = b; vMin = g; category = 5; }
        }
        if (vMax == vMin) { h = 0; return; }
        float ratio = (vMid - vMin) / (vMax - vMin);
        h = category + ((category & 1) == 0 ? ratio : 1 - ratio);
    }

    /// <summary>TensorFlow's <c>hv_range_to_rgb</c> of <c>adjust_hue_op.cc</c>.</summary>
    /// <param name="h">Hue in [0, 6).</param>
    /// <param name="vMin">The smallest component.</param>
    /// <param name="vMax">The largest component.</param>
    /// <param name="r">Red.</param>
    /// <param name="g">Green.</param>
    /// <param name="b">Blue.</param>
    public static void HueRangeToRgb(float h, float vMin, float vMax, out float r, out float g, out float b)
    {
        int category = (int)h;
        float ratio = h - category;
        if ((category & 1) != 0) ratio = 1 - ratio;
        float vMid = vMin + ratio * (vMax - vMin);
        switch (category)
        {
            case 0: r = vMax; g = vMid; b = vMin; break;
            case 1: r = vMid; g = vMax; b = vMin; break;
            case 2: r = vMin; g = vMax; b = vMid; break;
            case 3: r = vMin; g = vMid; b = vMax; break;
            case 4: r = vMid; g = vMin; b = vMax; break;
            default: r = vMax; g = vMin; b = vMid; break;
        }
    }

    private static void Saturate(float r, float g, float b, float factor, out float ro, out float go, out float bo)
    {
        RgbToHsv(r, g, b, out float h, out float s, out float v);
        s = MathF.Min(1.0f, MathF.Max(0.0f, s * factor));
        HsvToRgb(h, s, v, out ro, out go, out bo);
    }

    private static void Hue(float r, float g, float b, float delta6, out float ro, out float go, out float bo)
    {
        RgbToHueRange(r, g, b, out float h, out float vMin, out float vMax);
        h += delta6;
        while (h < 0) h += 6;
        while (h >= 6) h -= 6;
        HueRangeToRgb(h, vMin, vMax, out ro, out go, out bo);
    }

    private static void CheckFinite(string name, float v)
    {
        if (!float.IsFinite(v)) Throw.Argument(name, v, "a finite number");
    }

    /// <summary>
    /// <c>tf.image.adjust_saturation</c>: per pixel, RGB to HSV, <c>s = clamp(s * factor, 0, 1)</c>, back to RGB, with
    /// TensorFlow's float32 formulas (<see cref="RgbToHsv"/>). Values are taken relative to the range minimum (so a
    /// [0, 1] image is TensorFlow's input exactly); alpha is copied.
    /// </summary>
    /// <param name="src">RGB or RGBA samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">3 or 4.</param>
    /// <param name="factor">The saturation factor, finite and &gt;= 0.</param>
    /// <param name="range">The value range; results are clamped to it.</param>
    /// <exception cref="ArgumentException">channels is not 3 or 4, lengths differ, or factor is negative or not finite.</exception>
    public static void AdjustSaturation(ReadOnlySpan<float> src, Span<float> dst, int channels, float factor, ValueRange range)
    {
        CheckLengths(src.Length, dst.Length, channels, true);
        CheckFinite(nameof(factor), factor);
        if (factor < 0) Throw.Argument(nameof(factor), factor, "a factor >= 0");
        float lo = range.Min, hi = range.Max;
        for (int o = 0; o < src.Length; o += channels)
        {
            Saturate(src[o] - lo, src[o + 1] - lo, src[o + 2] - lo, factor, out float r, out float g, out float b);
            dst[o] = Clamp(r + lo, lo, hi);
            dst[o + 1] = Clamp(g + lo, lo, hi);
            dst[o + 2] = Clamp(b + lo, lo, hi);
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }

    /// <summary>As the float overload on byte values 0 to 255 (HSV is scale-free), rounded half to even.</summary>
    /// <param name="src">RGB or RGBA samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">3 or 4.</param>
    /// <param name="factor">The saturation factor, finite and &gt;= 0.</param>
    /// <param name="path">The code path; every path gives the same bits.</param>
    /// <exception cref="ArgumentException">As the float overload.</exception>
    public static void AdjustSaturation(ReadOnlySpan<byte> src, Span<byte> dst, int channels, float factor, SimdPath path = SimdPath.Auto)
    {
        CheckLengths(src.Length, dst.Length, channels, true);
        CheckFinite(nameof(factor), factor);
        if (factor < 0) Throw.Argument(nameof(factor), factor, "a factor >= 0");
        int done = 0;
        if (GrayKernels.Width(path) is var width && width != SimdPath.Scalar)
            done = channels * TfHsvKernels.Run(ref MemoryMarshal.GetReference(src), ref MemoryMarshal.GetReference(dst),
                                               src.Length / channels, channels, TfHsvKernels.Saturation, factor, width);
        for (int o = done; o < src.Length; o += channels)
        {
            Saturate(src[o], src[o + 1], src[o + 2], factor, out float r, out float g, out float b);
            dst[o] = ToByte(r);
            dst[o + 1] = ToByte(g);
            dst[o + 2] = ToByte(b);
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }

    /// <summary>
    /// <c>tf.image.adjust_hue</c>: per pixel, the hue in [0, 6) (<see cref="RgbToHueRange"/>) plus <c>delta * 6</c>,
    /// wrapped into [0, 6), then back to RGB, with TensorFlow's float32 formulas. Values are relative to the range
    /// minimum; alpha is copied.
    /// </summary>
    /// <param name="src">RGB or RGBA samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">3 or 4.</param>
    /// <param name="delta">The hue shift in turns, in [-1, 1].</param>
    /// <param name="range">The value range; results are clamped to it.</param>
    /// <exception cref="ArgumentException">channels is not 3 or 4, lengths differ, or delta is not in [-1, 1].</exception>
    public static void AdjustHue(ReadOnlySpan<float> src, Span<float> dst, int channels, float delta, ValueRange range)
    {
        CheckLengths(src.Length, dst.Length, channels, true);
        if (!(delta >= -1f && delta <= 1f)) Throw.Argument(nameof(delta), delta, "a hue shift in [-1, 1] turns");
        float d6 = delta * 6;
        float lo = range.Min, hi = range.Max;
        for (int o = 0; o < src.Length; o += channels)
        {
            Hue(src[o] - lo, src[o + 1] - lo, src[o + 2] - lo, d6, out float r, out float g, out float b);
            dst[o] = Clamp(r + lo, lo, hi);
            dst[o + 1] = Clamp(g + lo, lo, hi);
            dst[o + 2] = Clamp(b + lo, lo, hi);
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }

    /// <summary>As the float overload on byte values 0 to 255, rounded half to even.</summary>
    /// <param name="src">RGB or RGBA samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">3 or 4.</param>
    /// <param name="delta">The hue shift in turns, in [-1, 1].</param>
    /// <param name="path">The code path; every path gives the same bits.</param>
    /// <exception cref="ArgumentException">As the float overload.</exception>
    public static void AdjustHue(ReadOnlySpan<byte> src, Span<byte> dst, int channels, float delta, SimdPath path = SimdPath.Auto)
    {
        CheckLengths(src.Length, dst.Length, channels, true);
        if (!(delta >= -1f && delta <= 1f)) Throw.Argument(nameof(delta), delta, "a hue shift in [-1, 1] turns");
        float d6 = delta * 6;
        int done = 0;
        if (GrayKernels.Width(path) is var width && width != SimdPath.Scalar)
            done = channels * TfHsvKernels.Run(ref MemoryMarshal.GetReference(src), ref MemoryMarshal.GetReference(dst),
                                               src.Length / channels, channels, TfHsvKernels.Hue, d6, width);
        for (int o = done; o < src.Length; o += channels)
        {
            Hue(src[o], src[o + 1], src[o + 2], d6, out float r, out float g, out float b);
            dst[o] = ToByte(r);
            dst[o + 1] = ToByte(g);
            dst[o + 2] = ToByte(b);
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }

    // ---------------------------------------------------------------- channel permutations and matrices

    private static void CheckPermutation(ReadOnlySpan<int> permutation, int channels)
    {
        if (permutation.Length != channels) Throw.Argument(nameof(permutation), $"{permutation.Length} indices", $"one index per channel ({channels})");
        int seen = 0;
        foreach (int p in permutation)
        {
            if ((uint)p >= (uint)channels || (seen & (1 << p)) != 0)
                Throw.Argument(nameof(permutation), p, $"a permutation of 0 to {channels - 1}");
            seen |= 1 << p;
        }
    }

    /// <summary>Output channel c takes input channel <c>permutation[c]</c> (albumentations' <c>ChannelShuffle</c>).</summary>
    /// <param name="src">The samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="permutation">A permutation of 0 to channels - 1.</param>
    /// <param name="path">The code path: Scalar is the reference; any vector path runs 48-byte blocks of byte shuffles
    /// (<c>pshufb</c>, SSSE3) when the hardware has them; every path gives the same bytes.</param>
    /// <exception cref="ArgumentException">Lengths differ, channels is not 1, 3 or 4, or permutation is not a permutation.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ChannelShuffle(ReadOnlySpan<byte> src, Span<byte> dst, int channels, ReadOnlySpan<int> permutation, SimdPath path = SimdPath.Auto)
    {
        CheckLengths(src.Length, dst.Length, channels, false);
        CheckPermutation(permutation, channels);
        int o = 0;
        if (channels > 1 && Simd.Resolve(path) != SimdPath.Scalar && System.Runtime.Intrinsics.X86.Ssse3.IsSupported)
            o = ShuffleBlocks48(src, dst, channels, permutation);
        for (; o < src.Length; o += channels)
            for (int c = 0; c < channels; c++) dst[o + c] = src[o + permutation[c]];
    }

    // 48 bytes (16 RGB or 12 RGBA pixels) per block, three vectors in and out: output vector k is the OR of the three
    // input vectors shuffled by masks that pick the bytes it takes from each (0x80 zeroes the rest).
    private static int ShuffleBlocks48(ReadOnlySpan<byte> src, Span<byte> dst, int channels, ReadOnlySpan<int> permutation)
    {
        Span<byte> maskBytes = stackalloc byte[9 * 16];
        for (int k = 0; k < 3; k++)
            for (int m = 0; m < 3; m++)
                for (int l = 0; l < 16; l++)
                {
                    int j = 16 * k + l, from = j - j % channels + permutation[j % channels];
                    maskBytes[(k * 3 + m) * 16 + l] = from / 16 == m ? (byte)(from % 16) : (byte)0x80;
                }
        var m00 = Vector128.Create(maskBytes.Slice(0, 16)); var m01 = Vector128.Create(maskBytes.Slice(16, 16)); var m02 = Vector128.Create(maskBytes.Slice(32, 16));
        var m10 = Vector128.Create(maskBytes.Slice(48, 16)); var m11 = Vector128.Create(maskBytes.Slice(64, 16)); var m12 = Vector128.Create(maskBytes.Slice(80, 16));
        var m20 = Vector128.Create(maskBytes.Slice(96, 16)); var m21 = Vector128.Create(maskBytes.Slice(112, 16)); var m22 = Vector128.Create(maskBytes.Slice(128, 16));
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        for (; i <= n - 48; i += 48)
        {
            var a = Vector128.LoadUnsafe(ref s, (nuint)i);
            var b = Vector128.LoadUnsafe(ref s, (nuint)i + 16);
            var c = Vector128.LoadUnsafe(ref s, (nuint)i + 32);
            (System.Runtime.Intrinsics.X86.Ssse3.Shuffle(a, m00) | System.Runtime.Intrinsics.X86.Ssse3.Shuffle(b, m01) | System.Runtime.Intrinsics.X86.Ssse3.Shuffle(c, m02)).StoreUnsafe(ref d, (nuint)i);
            (System.Runtime.Intrinsics.X86.Ssse3.Shuffle(a, m10) | System.Runtime.Intrinsics.X86.Ssse3.Shuffle(b, m11) | System.Runtime.Intrinsics.X86.Ssse3.Shuffle(c, m12)).StoreUnsafe(ref d, (nuint)i + 16);
            (System.Runtime.Intrinsics.X86.Ssse3.Shuffle(a, m20) | System.Runtime.Intrinsics.X86.Ssse3.Shuffle(b, m21) | System.Runtime.Intrinsics.X86.Ssse3.Shuffle(c, m22)).StoreUnsafe(ref d, (nuint)i + 32);
        }
        return i;
    }

    /// <summary>As the byte overload, for float32 samples.</summary>
    /// <param name="src">The samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="permutation">A permutation of 0 to channels - 1.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void ChannelShuffle(ReadOnlySpan<float> src, Span<float> dst, int channels, ReadOnlySpan<int> permutation)
    {
        CheckLengths(src.Length, dst.Length, channels, false);
        CheckPermutation(permutation, channels);
        for (int o = 0; o < src.Length; o += channels)
            for (int c = 0; c < channels; c++) dst[o + c] = src[o + permutation[c]];
    }

    private static void CheckMatrix(ReadOnlySpan<float> matrix)
    {
        if (matrix.Length != 9) Throw.Argument(nameof(matrix), $"{matrix.Length} coefficients", "9 (a row-major 3x3 matrix)");
        foreach (float v in matrix)
            if (!float.IsFinite(v)) Throw.Argument(nameof(matrix), v, "finite coefficients");
    }

    /// <summary>
    /// Multiplies each RGB pixel by a row-major 3x3 matrix: <c>out_k = m[3k] R + m[3k+1] G + m[3k+2] B</c> in float32,
    /// in that order (the sepia matrix of <c>ToSepia</c>); bytes round half to even and saturate; alpha is copied.
    /// </summary>
    /// <param name="src">RGB or RGBA samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">3 or 4.</param>
    /// <param name="matrix">Nine finite coefficients, row-major.</param>
    /// <param name="path">The code path; every path gives the same bits (Scalar is the reference).</param>
    /// <exception cref="ArgumentException">channels is not 3 or 4, lengths differ, or the matrix is not 9 finite values.</exception>
    public static void ColourMatrix(ReadOnlySpan<byte> src, Span<byte> dst, int channels, ReadOnlySpan<float> matrix,
        SimdPath path = SimdPath.Auto)
    {
        CheckLengths(src.Length, dst.Length, channels, true);
        CheckMatrix(matrix);
        for (int o = ColourMatrixSimd(src, dst, channels, matrix, path); o < src.Length; o += channels)
        {
            float r = src[o], g = src[o + 1], b = src[o + 2];
            for (int k = 0; k < 3; k++) dst[o + k] = ToByte(matrix[3 * k] * r + matrix[3 * k + 1] * g + matrix[3 * k + 2] * b);
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }

    /// <summary>As the byte overload on values relative to the range minimum (<c>out - min = M (in - min)</c>), clamped
    /// to the range.</summary>
    /// <param name="src">RGB or RGBA samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">3 or 4.</param>
    /// <param name="matrix">Nine finite coefficients, row-major.</param>
    /// <param name="range">The value range.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void ColourMatrix(ReadOnlySpan<float> src, Span<float> dst, int channels, ReadOnlySpan<float> matrix, ValueRange range)
    {
        CheckLengths(src.Length, dst.Length, channels, true);
        CheckMatrix(matrix);
        float lo = range.Min, hi = range.Max;
        for (int o = 0; o < src.Length; o += channels)
        {
            float r = src[o] - lo, g = src[o + 1] - lo, b = src[o + 2] - lo;
            for (int k = 0; k < 3; k++) dst[o + k] = Clamp(matrix[3 * k] * r + matrix[3 * k + 1] * g + matrix[3 * k + 2] * b + lo, lo, hi);
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }

    // ---------------------------------------------------------------- gray methods

    private static float Gray(float r, float g, float b, GrayMethod method) => method switch
    {
        GrayMethod.WeightedAverage => PixelKernels.LumaR * r + PixelKernels.LumaG * g + PixelKernels.LumaB * b,
        GrayMethod.Average => (r + g + b) / 3f,
        GrayMethod.Max => MathF.Max(r, MathF.Max(g, b)),
        _ => (MathF.Max(r, MathF.Max(g, b)) + MathF.Min(r, MathF.Min(g, b))) * 0.5f,
    };

    private static void CheckMethod(GrayMethod method)
    {
        if (method is < GrayMethod.WeightedAverage or > GrayMethod.Pca)
            Throw.Argument(nameof(method), method, "WeightedAverage, Average, Max, Desaturation, FromLab or Pca");
    }

    // sRGB to linear (IEC 61966-2-1), then CIE L* of the luminance Y (D65 white, Y = 1):
    // Y = 0.212671 R + 0.715160 G + 0.072169 B (OpenCV's sRGB-to-XYZ row), L* = 116 f(Y) - 16,
    // f(t) = t^(1/3) above (6/29)^3, else t / (3 (6/29)^2) + 4/29. Inputs and output in [0, 1] (L* / 100).
    private static double LabLightness(double r, double g, double b) =>
        Lightness(0.212671 * Linear(r) + 0.715160 * Linear(g) + 0.072169 * Linear(b));

    private static double Linear(double c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);

    private static double Lightness(double y)
    {
        double f = y > 0.008856 ? Math.Cbrt(y) : 7.787 * y + 16.0 / 116.0;
        return Math.Clamp((116.0 * f - 16.0) / 100.0, 0.0, 1.0);
    }

    // LabLightness(r / 255.0, g / 255.0, b / 255.0) with the three sRGB decodings looked up: the table holds
    // Linear(v / 255.0) for every byte, the same doubles, so the result is the same bits with no Math.Pow per pixel.
    private static readonly double[] LinearOfByte = BuildLinear();

    private static double[] BuildLinear()
    {
        var t = new double[256];
        for (int v = 0; v < 256; v++) t[v] = Linear(v / 255.0);
        return t;
    }

    private static double LabLightnessB(byte r, byte g, byte b)
    {
        var t = LinearOfByte;
        return Lightness(0.212671 * t[r] + 0.715160 * t[g] + 0.072169 * t[b]);
    }

    // The first principal component of the pixels (values scaled to [0, 1]): mean and covariance in double, the
    // eigenvector of the largest eigenvalue by Jacobi rotations, signed so that its largest-magnitude entry is
    // positive; returns each pixel's projection scaled min-max to [0, 1] (0 for a flat image).
    private static double[] PcaGray(int pixels, Func<int, int, double> value)
    {
        var mean = new double[3];
        for (int p = 0; p < pixels; p++) for (int c = 0; c < 3; c++) mean[c] += value(p, c);
        for (int c = 0; c < 3; c++) mean[c] /= pixels;
        var a = new double[3, 3];
        for (int p = 0; p < pixels; p++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    a[i, j] += (value(p, i) - mean[i]) * (value(p, j) - mean[j]);
        var v = new double[3, 3] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        for (int sweep = 0; sweep < 50; sweep++)
        {
            double off = a[0, 1] * a[0, 1] + a[0, 2] * a[0, 2] + a[1, 2] * a[1, 2];
            if (off < 1e-30) break;
            for (int pi = 0; pi < 2; pi++)
                for (int qi = pi + 1; qi < 3; qi++)
                {
                    if (Math.Abs(a[pi, qi]) < 1e-300) continue;
                    double theta = (a[qi, qi] - a[pi, pi]) / (2 * a[pi, qi]);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double cs = 1 / Math.Sqrt(t * t + 1), sn = t * cs;
                    for (int k = 0; k < 3; k++)
                    {
                        double akp = a[k, pi], akq = a[k, qi];
                        a[k, pi] = cs * akp - sn * akq;
                        a[k, qi] = sn * akp + cs * akq;
                    }
                    for (int k = 0; k < 3; k++)
                    {
                        double apk = a[pi, k], aqk = a[qi, k];
                        a[pi, k] = cs * apk - sn * aqk;
                        a[qi, k] = sn * apk + cs * aqk;
                    }
                    for (int k = 0; k < 3; k++)
                    {
                        double vkp = v[k, pi], vkq = v[k, qi];
                        v[k, pi] = cs * vkp - sn * vkq;
                        v[k, qi] = sn * vkp + cs * vkq;
                    }
                }
        }
        int top = 0;
        for (int k = 1; k < 3; k++) if (a[k, k] > a[top, top]) top = k;
        var e = new[] { v[0, top], v[1, top], v[2, top] };
        int big = 0;
        for (int k = 1; k < 3; k++) if (Math.Abs(e[k]) > Math.Abs(e[big])) big = k;
        if (e[big] < 0) for (int k = 0; k < 3; k++) e[k] = -e[k];
        var proj = new double[pixels];
        double lo = double.MaxValue, hi = double.MinValue;
        for (int p = 0; p < pixels; p++)
        {
            double s = 0;
            for (int c = 0; c < 3; c++) s += e[c] * (value(p, c) - mean[c]);
            proj[p] = s;
            lo = Math.Min(lo, s);
            hi = Math.Max(hi, s);
        }
        double width = hi - lo;
        for (int p = 0; p < pixels; p++) proj[p] = width > 1e-12 ? (proj[p] - lo) / width : 0.0;
        return proj;
    }

    /// <summary>
    /// Gray by <paramref name="method"/>, replicated over R, G and B (alpha copied), keeping the channel count (albumentations'
    /// <c>ToGray</c> with 3 output channels). Computed in float32 (the average as <c>(R + G + B) / 3f</c>); bytes round
    /// half to even.
    /// </summary>
    /// <param name="src">RGB or RGBA samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">3 or 4.</param>
    /// <param name="method">How to reduce R, G and B.</param>
    /// <param name="path">The code path for the weighted average, average, max and desaturation (every path gives the
    /// same bits); L* and the principal component are scalar.</param>
    /// <exception cref="ArgumentException">channels is not 3 or 4, lengths differ, or method is not a GrayMethod.</exception>
    public static void ToGray(ReadOnlySpan<byte> src, Span<byte> dst, int channels, GrayMethod method, SimdPath path = SimdPath.Auto)
    {
        CheckLengths(src.Length, dst.Length, channels, true);
        CheckMethod(method);
        if (method == GrayMethod.Pca)
        {
            var s = src.ToArray();
            double[] t = PcaGray(s.Length / channels, (p, c) => s[p * channels + c] / 255.0);
            for (int p = 0, o = 0; o < src.Length; p++, o += channels)
            {
                byte y = (byte)Math.Clamp(Math.Round(t[p] * 255.0, MidpointRounding.ToEven), 0, 255);
                dst[o] = y; dst[o + 1] = y; dst[o + 2] = y;
                if (channels == 4) dst[o + 3] = src[o + 3];
            }
            return;
        }
        int done = 0;
        if (method != GrayMethod.FromLab && GrayKernels.Width(path) is var width && width != SimdPath.Scalar)
            done = channels * GrayKernels.Run(ref MemoryMarshal.GetReference(src), ref MemoryMarshal.GetReference(dst),
                                              src.Length / channels, channels, channels, (int)method, width);
        for (int o = done; o < src.Length; o += channels)
        {
            byte y = method == GrayMethod.FromLab
                ? (byte)Math.Clamp(Math.Round(LabLightnessB(src[o], src[o + 1], src[o + 2]) * 255.0, MidpointRounding.ToEven), 0, 255)
                : ToByte(Gray(src[o], src[o + 1], src[o + 2], method));
            dst[o] = y; dst[o + 1] = y; dst[o + 2] = y;
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }

    /// <summary>As the byte overload, for float32 samples, clamped to <paramref name="range"/>.</summary>
    /// <param name="src">RGB or RGBA samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">3 or 4.</param>
    /// <param name="method">How to reduce R, G and B.</param>
    /// <param name="range">The value range.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void ToGray(ReadOnlySpan<float> src, Span<float> dst, int channels, GrayMethod method, ValueRange range)
    {
        CheckLengths(src.Length, dst.Length, channels, true);
        CheckMethod(method);
        double lo = range.Min, w = range.Max - (double)range.Min;
        if (method == GrayMethod.Pca)
        {
            var s = src.ToArray();
            double[] t = PcaGray(s.Length / channels, (p, c) => (s[p * channels + c] - lo) / w);
            for (int p = 0, o = 0; o < src.Length; p++, o += channels)
            {
                float y = Clamp((float)(lo + t[p] * w), range.Min, range.Max);
                dst[o] = y; dst[o + 1] = y; dst[o + 2] = y;
                if (channels == 4) dst[o + 3] = src[o + 3];
            }
            return;
        }
        for (int o = 0; o < src.Length; o += channels)
        {
            float y = method == GrayMethod.FromLab
                ? Clamp((float)(lo + w * LabLightness((src[o] - lo) / w, (src[o + 1] - lo) / w, (src[o + 2] - lo) / w)), range.Min, range.Max)
                : Clamp(Gray(src[o], src[o + 1], src[o + 2], method), range.Min, range.Max);
            dst[o] = y; dst[o + 1] = y; dst[o + 2] = y;
            if (channels == 4) dst[o + 3] = src[o + 3];
        }
    }

    // ---------------------------------------------------------------- sharpness (PIL)

    /// <summary>PIL's <c>ImageFilter.SMOOTH</c> weights as float32: 1/13 for the eight neighbours, 5/13 for the centre.</summary>
    public const float SmoothSide = 1f / 13f, SmoothCentre = 5f / 13f;

    private static float Smooth(ReadOnlySpan<float> s, int o, int row, int ch) =>
        SmoothSide * s[o - row - ch] + SmoothSide * s[o - row] + SmoothSide * s[o - row + ch]
        + SmoothSide * s[o - ch] + SmoothCentre * s[o] + SmoothSide * s[o + ch]
        + SmoothSide * s[o + row - ch] + SmoothSide * s[o + row] + SmoothSide * s[o + row + ch];

    private static float SmoothB(ReadOnlySpan<byte> s, int o, int row, int ch) =>
        SmoothSide * s[o - row - ch] + SmoothSide * s[o - row] + SmoothSide * s[o - row + ch]
        + SmoothSide * s[o - ch] + SmoothCentre * s[o] + SmoothSide * s[o + ch]
        + SmoothSide * s[o + row - ch] + SmoothSide * s[o + row] + SmoothSide * s[o + row + ch];

    private static void CheckSharpness(int srcLength, int dstLength, int width, int height, int channels, float factor)
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4");
        if (width <= 0) Throw.Argument(nameof(width), width, "a positive width");
        if (height <= 0) Throw.Argument(nameof(height), height, "a positive height");
        if (srcLength != width * height * channels) Throw.Argument("src", srcLength, $"{width * height * channels} samples ({width}x{height}x{channels})");
        if (dstLength != srcLength) Throw.Argument("dst", dstLength, $"the source length {srcLength}");
        CheckFinite(nameof(factor), factor);
    }

    /// <summary>
    /// PIL's <c>ImageEnhance.Sharpness(factor)</c>: the image smoothed by the 3x3 kernel [[1,1,1],[1,5,1],[1,1,1]] / 13
    /// (<c>ImageFilter.SMOOTH</c>; border pixels keep their value, as PIL's 3x3 filter copies them), then
    /// <c>s + factor * (x - s)</c>: 0 gives the smoothed image, 1 the input, above 1 sharpens. Float32, the nine products
    /// summed row by row; rounded half to even and saturated. Every channel, alpha included, as PIL filters every band.
    /// </summary>
    /// <param name="src">The samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="factor">The enhancement factor, finite.</param>
    /// <param name="path">The code path; every path gives the same bits.</param>
    /// <exception cref="ArgumentException">A shape or length does not fit, or factor is not finite.</exception>
    public static void Sharpness(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels, float factor,
        SimdPath path = SimdPath.Auto)
    {
        CheckSharpness(src.Length, dst.Length, width, height, channels, factor);
        int row = width * channels;
        ref byte s0 = ref MemoryMarshal.GetReference(src);
        ref byte d0 = ref MemoryMarshal.GetReference(dst);
        for (int y = 0; y < height; y++)
        {
            int start = y * row, x = 0, c = 0;
            if (y > 0 && y < height - 1 && width > 2)
            {
                // The interior samples of this row, from pixel 1 to pixel width - 2, in whole vectors first.
                int o = SharpnessKernels.Row(path, ref s0, ref d0, start + channels, start + row - channels, row, channels, factor);
                x = (o - start) / channels;
                c = (o - start) % channels;
                src.Slice(start, channels).CopyTo(dst.Slice(start, channels));
                if (x == 1 && c == 0) x = 0; // nothing vectorised: the scalar loop does the whole row
            }
            for (; x < width; x++, c = 0)
                for (; c < channels; c++)
                {
                    int o = start + x * channels + c;
                    if (y == 0 || x == 0 || y == height - 1 || x == width - 1) { dst[o] = src[o]; continue; }
                    float s = SmoothB(src, o, row, channels);
                    dst[o] = ToByte(s + factor * (src[o] - s));
                }
        }
    }

    /// <summary>As the byte overload, for float32 samples, clamped to <paramref name="range"/>.</summary>
    /// <param name="src">The samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="factor">The enhancement factor, finite.</param>
    /// <param name="range">The value range.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void Sharpness(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int channels, float factor, ValueRange range)
    {
        CheckSharpness(src.Length, dst.Length, width, height, channels, factor);
        int row = width * channels;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    int o = y * row + x * channels + c;
                    if (y == 0 || x == 0 || y == height - 1 || x == width - 1) { dst[o] = src[o]; continue; }
                    float s = Smooth(src, o, row, channels);
                    dst[o] = Clamp(s + factor * (src[o] - s), range.Min, range.Max);
                }
    }
}
