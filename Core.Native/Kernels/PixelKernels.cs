using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// Pixel kernels over dense HWC buffers: spans in, spans out, checked once at the entry.
/// Each has a scalar reference path and one loop written once for Vector128/256/512 (see
/// <see cref="SimdPath"/>); every path computes the same bits, the remainder included, because the
/// vector body and the scalar tail perform the same float operations in the same order and
/// the JIT does not contract <c>a*b+c</c> into a fused multiply-add.
/// Destinations must not overlap sources.
/// </summary>
public static class PixelKernels
{
    /// <summary>BT.601 luma weights (ITU-R BT.601, also <c>tf.image.rgb_to_grayscale</c> and OpenCV).</summary>
    public const float LumaR = 0.299f, LumaG = 0.587f, LumaB = 0.114f;

    // ---------------------------------------------------------------- channel affine

    /// <summary>
    /// Computes <c>dst[i] = clamp((src[i] - subtract[c]) * scale[c] + add[c], range)</c> with <c>c = i % channels</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, channels is not 1, 3 or 4, a per-channel span is not <paramref name="channels"/> long, or a coefficient is not finite.</exception>
    public static void ChannelAffine(ReadOnlySpan<float> src, Span<float> dst, int channels,
        ReadOnlySpan<float> subtract, ReadOnlySpan<float> scale, ReadOnlySpan<float> add, ValueRange range,
        SimdPath path = SimdPath.Auto)
    {
        CheckAffine(src.Length, dst.Length, channels, subtract, scale, add);
        var pats = Patterns(channels, subtract, scale, add);
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int done = Simd.Resolve(path) switch
        {
            SimdPath.Vector128 => AffineF<Vector128<float>, Vector128<byte>, W128>(ref s, ref d, src.Length, channels, pats, range.Min, range.Max),
            SimdPath.Vector256 => AffineF<Vector256<float>, Vector256<byte>, W256>(ref s, ref d, src.Length, channels, pats, range.Min, range.Max),
            SimdPath.Vector512 => AffineF<Vector512<float>, Vector512<byte>, W512>(ref s, ref d, src.Length, channels, pats, range.Min, range.Max),
            _ => 0,
        };
        // Scalar reference and remainder: the same operations as the vector body, in the same order.
        for (int i = done; i < src.Length; i++)
        {
            int c = i % channels;
            float y = (src[i] - subtract[c]) * scale[c] + add[c];
            dst[i] = MathF.Min(MathF.Max(y, range.Min), range.Max);
        }
    }

    /// <summary>
    /// Computes <c>dst[i] = clamp(round((src[i] - subtract[c]) * scale[c] + add[c]), 0, 255)</c> with
    /// <c>c = i % channels</c>, in float32, rounding half to even.
    /// </summary>
    /// <exception cref="ArgumentException">As the float overload.</exception>
    public static void ChannelAffine(ReadOnlySpan<byte> src, Span<byte> dst, int channels,
        ReadOnlySpan<float> subtract, ReadOnlySpan<float> scale, ReadOnlySpan<float> add,
        SimdPath path = SimdPath.Auto)
    {
        CheckAffine(src.Length, dst.Length, channels, subtract, scale, add);
        var pats = Patterns(channels, subtract, scale, add);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int done = Simd.Resolve(path) switch
        {
            SimdPath.Vector128 => AffineB<Vector128<float>, Vector128<byte>, W128>(ref s, ref d, src.Length, channels, pats),
            SimdPath.Vector256 => AffineB<Vector256<float>, Vector256<byte>, W256>(ref s, ref d, src.Length, channels, pats),
            SimdPath.Vector512 => AffineB<Vector512<float>, Vector512<byte>, W512>(ref s, ref d, src.Length, channels, pats),
            _ => 0,
        };
        for (int i = done; i < src.Length; i++)
        {
            int c = i % channels;
            float y = MathF.Round((src[i] - subtract[c]) * scale[c] + add[c]);
            dst[i] = (byte)MathF.Min(MathF.Max(y, 0f), 255f);
        }
    }

    private const int MaxLanes = 16;

    // Lane patterns: element (phase + k) holds the coefficient of channel (phase + k) % channels, so a vector
    // starting at element i loads its per-lane coefficients from offset i % channels.
    private static float[][] Patterns(int channels, ReadOnlySpan<float> subtract, ReadOnlySpan<float> scale, ReadOnlySpan<float> add)
    {
        var p = new[] { new float[MaxLanes + 4], new float[MaxLanes + 4], new float[MaxLanes + 4] };
        for (int j = 0; j < p[0].Length; j++)
        {
            p[0][j] = subtract[j % channels];
            p[1][j] = scale[j % channels];
            p[2][j] = add[j % channels];
        }
        return p;
    }

    private static int AffineF<TF, TB, TW>(ref float s, ref float d, int n, int channels, float[][] pats, float lo, float hi)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, i = 0;
        TF vlo = TW.Splat(lo), vhi = TW.Splat(hi);
        ref float sub = ref pats[0][0], mul = ref pats[1][0], add = ref pats[2][0];
        for (; i <= n - v; i += v)
        {
            int ph = i % channels;
            TF x = TW.Load(ref Unsafe.Add(ref s, i));
            TF y = TW.Add(TW.Mul(TW.Sub(x, TW.Load(ref Unsafe.Add(ref sub, ph))), TW.Load(ref Unsafe.Add(ref mul, ph))), TW.Load(ref Unsafe.Add(ref add, ph)));
            TW.Store(TW.Min(TW.Max(y, vlo), vhi), ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    // Bytes: one load of ByteCount bytes, widened to four float vectors, the same float operations as the scalar
    // loop on each, then narrowed back for one store.
    private static int AffineB<TF, TB, TW>(ref byte s, ref byte d, int n, int channels, float[][] pats)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, nb = TW.ByteCount, i = 0;
        TF vlo = TW.Splat(0f), vhi = TW.Splat(255f);
        ref float sub = ref pats[0][0], mul = ref pats[1][0], add = ref pats[2][0];
        for (; i <= n - nb; i += nb)
        {
            TW.Widen4(TW.LoadB(ref Unsafe.Add(ref s, i)), out TF x0, out TF x1, out TF x2, out TF x3);
            TW.StoreB(TW.Narrow4(
                Affine<TF, TB, TW>(x0, i % channels, ref sub, ref mul, ref add, vlo, vhi),
                Affine<TF, TB, TW>(x1, (i + v) % channels, ref sub, ref mul, ref add, vlo, vhi),
                Affine<TF, TB, TW>(x2, (i + 2 * v) % channels, ref sub, ref mul, ref add, vlo, vhi),
                Affine<TF, TB, TW>(x3, (i + 3 * v) % channels, ref sub, ref mul, ref add, vlo, vhi)), ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF Affine<TF, TB, TW>(TF x, int ph, ref float sub, ref float mul, ref float add, TF vlo, TF vhi)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        TF y = TW.Round(TW.Add(TW.Mul(TW.Sub(x, TW.Load(ref Unsafe.Add(ref sub, ph))), TW.Load(ref Unsafe.Add(ref mul, ph))), TW.Load(ref Unsafe.Add(ref add, ph))));
        return TW.Min(TW.Max(y, vlo), vhi);
    }

    private static void CheckAffine(int srcLength, int dstLength, int channels,
        ReadOnlySpan<float> subtract, ReadOnlySpan<float> scale, ReadOnlySpan<float> add)
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4");
        if (dstLength != srcLength) Throw.Argument("dst", dstLength, $"the source length {srcLength}");
        if (srcLength % channels != 0) Throw.Argument("src", srcLength, $"a multiple of channels ({channels})");
        CheckCoefficients(nameof(subtract), subtract, channels);
        CheckCoefficients(nameof(scale), scale, channels);
        CheckCoefficients(nameof(add), add, channels);
    }

    private static void CheckCoefficients(string name, ReadOnlySpan<float> values, int channels)
    {
        if (values.Length != channels) Throw.Argument(name, $"{values.Length} coefficients", $"one per channel ({channels})");
        foreach (float v in values)
            if (!float.IsFinite(v)) Throw.Argument(name, v, "finite coefficients");
    }

    // ---------------------------------------------------------------- grayscale

    /// <summary>
    /// Computes BT.601 luma <c>y = 0.299 R + 0.587 G + 0.114 B</c> per pixel, clamped to <paramref name="range"/>,
    /// and writes it to <paramref name="dstChannels"/> channels: 1 (luma), 3 (luma replicated) or 4 (luma replicated, source alpha kept).
    /// </summary>
    /// <exception cref="ArgumentException">srcChannels is not 3 or 4, dstChannels is not 1, 3 or 4 (4 needs a 4-channel source), or lengths do not match.</exception>
    public static void Grayscale(ReadOnlySpan<float> src, Span<float> dst, int srcChannels, int dstChannels, ValueRange range,
        SimdPath path = SimdPath.Auto)
    {
        int pixels = CheckGray(src.Length, dst.Length, srcChannels, dstChannels);
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int done = GrayPath(path) switch
        {
            SimdPath.Vector128 => GrayF<Vector128<float>, Vector128<byte>, W128>(ref s, ref d, pixels, srcChannels, dstChannels, range.Min, range.Max),
            SimdPath.Vector256 => GrayF<Vector256<float>, Vector256<byte>, W256>(ref s, ref d, pixels, srcChannels, dstChannels, range.Min, range.Max),
            SimdPath.Vector512 => GrayF<Vector512<float>, Vector512<byte>, W512>(ref s, ref d, pixels, srcChannels, dstChannels, range.Min, range.Max),
            _ => 0,
        };
        for (int p = done; p < pixels; p++)
        {
            int o = p * srcChannels;
            float y = LumaR * src[o] + LumaG * src[o + 1] + LumaB * src[o + 2];
            y = MathF.Min(MathF.Max(y, range.Min), range.Max);
            WriteGray(dst, p, dstChannels, y, srcChannels == 4 ? src[o + 3] : 0f);
        }
    }

    /// <summary>As the float overload, for bytes: luma computed in float32, rounded half to even, clamped to [0, 255].</summary>
    /// <exception cref="ArgumentException">As the float overload.</exception>
    public static void Grayscale(ReadOnlySpan<byte> src, Span<byte> dst, int srcChannels, int dstChannels,
        SimdPath path = SimdPath.Auto)
    {
        int pixels = CheckGray(src.Length, dst.Length, srcChannels, dstChannels);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        // x86: the register-only kernel (GrayKernels); elsewhere the portable width-generic loop below.
        SimdPath x86 = GrayKernels.Width(path);
        int done = x86 != SimdPath.Scalar
            ? GrayKernels.Run(ref s, ref d, pixels, srcChannels, dstChannels, GrayKernels.Weighted, x86)
            : Simd.Resolve(path) switch
            {
                SimdPath.Vector128 => GrayB<Vector128<float>, Vector128<byte>, W128>(ref s, ref d, pixels, srcChannels, dstChannels),
                SimdPath.Vector256 => GrayB<Vector256<float>, Vector256<byte>, W256>(ref s, ref d, pixels, srcChannels, dstChannels),
                SimdPath.Vector512 => GrayB<Vector512<float>, Vector512<byte>, W512>(ref s, ref d, pixels, srcChannels, dstChannels),
                _ => 0,
            };
        for (int p = done; p < pixels; p++)
        {
            int o = p * srcChannels;
            float y = MathF.Round(LumaR * src[o] + LumaG * src[o + 1] + LumaB * src[o + 2]);
            byte g = (byte)MathF.Min(MathF.Max(y, 0f), 255f);
            WriteGray(dst, p, dstChannels, g, srcChannels == 4 ? src[o + 3] : (byte)0);
        }
    }

    // For float images the vector paths deinterleave RGB with per-lane loads (no portable gather), which
    // bench/RESULTS.md measured at 2-3x slower than the scalar loop on bytes before bytes got their shuffle-based
    // deinterleave; so Auto runs the scalar loop for floats. The vector paths stay selectable, tested, bit-identical.
    private static SimdPath GrayPath(SimdPath path) => path == SimdPath.Auto ? SimdPath.Scalar : path;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteGray<T>(Span<T> dst, int p, int dstChannels, T y, T alpha)
    {
        int o = p * dstChannels;
        dst[o] = y;
        if (dstChannels >= 3) { dst[o + 1] = y; dst[o + 2] = y; }
        if (dstChannels == 4) dst[o + 3] = alpha;
    }

    private static int GrayF<TF, TB, TW>(ref float s, ref float d, int pixels, int sc, int dc, float lo, float hi)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, p = 0;
        TF wr = TW.Splat(LumaR), wg = TW.Splat(LumaG), wb = TW.Splat(LumaB), vlo = TW.Splat(lo), vhi = TW.Splat(hi);
        Span<float> tmp = stackalloc float[MaxLanes];
        for (; p <= pixels - v; p += v)
        {
            ref float px = ref Unsafe.Add(ref s, p * sc);
            TF y = TW.Add(TW.Add(TW.Mul(wr, TW.Gather(ref px, sc)), TW.Mul(wg, TW.Gather(ref Unsafe.Add(ref px, 1), sc))),
                          TW.Mul(wb, TW.Gather(ref Unsafe.Add(ref px, 2), sc)));
            y = TW.Min(TW.Max(y, vlo), vhi);
            if (dc == 1) { TW.Store(y, ref Unsafe.Add(ref d, p)); continue; }
            TW.Store(y, ref MemoryMarshal.GetReference(tmp));
            for (int k = 0; k < v; k++)
            {
                ref float o = ref Unsafe.Add(ref d, (p + k) * dc);
                o = tmp[k]; Unsafe.Add(ref o, 1) = tmp[k]; Unsafe.Add(ref o, 2) = tmp[k];
                if (dc == 4) Unsafe.Add(ref o, 3) = Unsafe.Add(ref s, (p + k) * sc + 3);
            }
        }
        return p;
    }

    // Bytes: each step deinterleaves n = ByteCount pixels from srcChannels vectors with one shuffle per (source
    // vector, channel), OR-ing the pieces (out-of-range shuffle indices give 0), then widens each channel to
    // floats through a small stack buffer and computes luma exactly as the scalar loop does.
    private static int GrayB<TF, TB, TW>(ref byte s, ref byte d, int pixels, int sc, int dc)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int n = TW.ByteCount, v = TW.Count, p = 0;
        TF wr = TW.Splat(LumaR), wg = TW.Splat(LumaG), wb = TW.Splat(LumaB), vlo = TW.Splat(0f), vhi = TW.Splat(255f);
        TB[] idx = sc == 3 ? GrayShuffles<TF, TB, TW>.Rgb : GrayShuffles<TF, TB, TW>.Rgba;
        Span<byte> planes = stackalloc byte[3 * n];
        Span<byte> tmp = stackalloc byte[n];
        ref byte rp = ref MemoryMarshal.GetReference(planes);
        for (; p <= pixels - n; p += n)
        {
            ref byte px = ref Unsafe.Add(ref s, p * sc);
            for (int ch = 0; ch < 3; ch++)
            {
                TB acc = TW.ShuffleB(TW.LoadB(ref px), idx[ch * sc]);
                for (int j = 1; j < sc; j++)
                    acc = TW.OrB(acc, TW.ShuffleB(TW.LoadB(ref Unsafe.Add(ref px, j * n)), idx[ch * sc + j]));
                TW.StoreB(acc, ref Unsafe.Add(ref rp, ch * n));
            }
            ref byte outp = ref dc == 1 ? ref Unsafe.Add(ref d, p) : ref MemoryMarshal.GetReference(tmp);
            for (int g = 0; g < n; g += v)
            {
                TF y = TW.Add(TW.Add(TW.Mul(wr, TW.LoadWidening(ref Unsafe.Add(ref rp, g))),
                                     TW.Mul(wg, TW.LoadWidening(ref Unsafe.Add(ref rp, n + g)))),
                              TW.Mul(wb, TW.LoadWidening(ref Unsafe.Add(ref rp, 2 * n + g))));
                TW.StoreNarrowing(TW.Min(TW.Max(TW.Round(y), vlo), vhi), ref Unsafe.Add(ref outp, g));
            }
            if (dc == 1) continue;
            ExpandGray(ref MemoryMarshal.GetReference(tmp), ref Unsafe.Add(ref d, p * dc), ref px, n, dc);
        }
        return p;
    }

    // Built once per width: Rgb[ch * 3 + j] (Rgba[ch * 4 + j]) is the shuffle that takes channel ch of ByteCount
    // pixels out of source vector j (out-of-range lanes give 0, OR-ed together).
    private static class GrayShuffles<TF, TB, TW>
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        internal static readonly TB[] Rgb = Build(3), Rgba = Build(4);

        private static TB[] Build(int sc)
        {
            int n = TW.ByteCount;
            var idx = new TB[3 * sc];
            Span<byte> lanes = stackalloc byte[n];
            for (int ch = 0; ch < 3; ch++)
                for (int j = 0; j < sc; j++)
                {
                    for (int k = 0; k < n; k++)
                    {
                        int q = k * sc + ch;
                        lanes[k] = q / n == j ? (byte)(q % n) : (byte)0xFF;
                    }
                    idx[ch * sc + j] = TW.BytesFrom(lanes);
                }
            return idx;
        }
    }

    // Writes n gray bytes (n a multiple of 16) as dc-channel pixels: 3 copies each, or for dc = 4 three copies and the
    // source's alpha (src holds n 4-channel pixels). Constant byte shuffles of 16 gray bytes at a time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ExpandGray(ref byte gray, ref byte d, ref byte src, int n, int dc)
    {
        for (int k = 0; k < n; k += 16)
        {
            var g = Vector128.LoadUnsafe(ref gray, (nuint)k);
            ref byte o = ref Unsafe.Add(ref d, k * dc);
            if (dc == 3)
            {
                Vector128.Shuffle(g, Vector128.Create((byte)0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5)).StoreUnsafe(ref o);
                Vector128.Shuffle(g, Vector128.Create((byte)5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10)).StoreUnsafe(ref o, 16);
                Vector128.Shuffle(g, Vector128.Create((byte)10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15)).StoreUnsafe(ref o, 32);
            }
            else
            {
                var alpha = Vector128.Create(0xFF000000u).AsByte();
                ref byte a = ref Unsafe.Add(ref src, k * 4);
                (Vector128.Shuffle(g, Vector128.Create((byte)0, 0, 0, 0xFF, 1, 1, 1, 0xFF, 2, 2, 2, 0xFF, 3, 3, 3, 0xFF))
                    | (Vector128.LoadUnsafe(ref a) & alpha)).StoreUnsafe(ref o);
                (Vector128.Shuffle(g, Vector128.Create((byte)4, 4, 4, 0xFF, 5, 5, 5, 0xFF, 6, 6, 6, 0xFF, 7, 7, 7, 0xFF))
                    | (Vector128.LoadUnsafe(ref a, 16) & alpha)).StoreUnsafe(ref o, 16);
                (Vector128.Shuffle(g, Vector128.Create((byte)8, 8, 8, 0xFF, 9, 9, 9, 0xFF, 10, 10, 10, 0xFF, 11, 11, 11, 0xFF))
                    | (Vector128.LoadUnsafe(ref a, 32) & alpha)).StoreUnsafe(ref o, 32);
                (Vector128.Shuffle(g, Vector128.Create((byte)12, 12, 12, 0xFF, 13, 13, 13, 0xFF, 14, 14, 14, 0xFF, 15, 15, 15, 0xFF))
                    | (Vector128.LoadUnsafe(ref a, 48) & alpha)).StoreUnsafe(ref o, 48);
            }
        }
    }

    private static int CheckGray(int srcLength, int dstLength, int srcChannels, int dstChannels)
    {
        if (srcChannels is not (3 or 4)) Throw.Argument(nameof(srcChannels), srcChannels, "3 (RGB) or 4 (RGBA) channels");
        if (dstChannels is not (1 or 3 or 4)) Throw.Argument(nameof(dstChannels), dstChannels, "1, 3 or 4 channels");
        if (dstChannels == 4 && srcChannels != 4) Throw.Argument(nameof(dstChannels), dstChannels, "1 or 3 for a 3-channel source (there is no alpha to keep)");
        if (srcLength % srcChannels != 0) Throw.Argument("src", srcLength, $"a multiple of srcChannels ({srcChannels})");
        int pixels = srcLength / srcChannels;
        if (dstLength != pixels * dstChannels) Throw.Argument("dst", dstLength, $"{pixels * dstChannels} elements ({pixels} pixels x {dstChannels} channels)");
        return pixels;
    }

    // ---------------------------------------------------------------- horizontal flip

    /// <summary>Mirrors each row: <c>dst[y, x, c] = src[y, width - 1 - x, c]</c>.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive, channels is not 1, 3 or 4, or a span's length is not width * height * channels.</exception>
    public static void FlipHorizontal(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels, SimdPath path = SimdPath.Auto)
    {
        CheckImage(src.Length, dst.Length, width, height, channels);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        var resolved = Simd.Resolve(path);
        int level = MirrorRows.LevelFor(resolved);
        if (level > 0)
        {
            // Whole-vector byte permutes of 64-, 32- or 16-pixel blocks (every vector path on x86; see MirrorRows).
            MirrorRows.Rows(ref s, ref d, width, height, channels, level);
            return;
        }
        switch (resolved)
        {
            case SimdPath.Vector128: ReverseB<Vector128<float>, Vector128<byte>, W128>(ref s, ref d, width, height, channels); break;
            case SimdPath.Vector256: ReverseB<Vector256<float>, Vector256<byte>, W256>(ref s, ref d, width, height, channels); break;
            case SimdPath.Vector512: ReverseB<Vector512<float>, Vector512<byte>, W512>(ref s, ref d, width, height, channels); break;
            default: ReverseScalar(ref s, ref d, width, height, channels); break;
        }
    }

    /// <summary>Mirrors each row: <c>dst[y, x, c] = src[y, width - 1 - x, c]</c>.</summary>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void FlipHorizontal(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int channels, SimdPath path = SimdPath.Auto)
    {
        CheckImage(src.Length, dst.Length, width, height, channels);
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        switch (Simd.Resolve(path))
        {
            case SimdPath.Vector128: ReverseF<Vector128<float>, Vector128<byte>, W128>(ref s, ref d, width, height, channels); break;
            case SimdPath.Vector256: ReverseF<Vector256<float>, Vector256<byte>, W256>(ref s, ref d, width, height, channels); break;
            case SimdPath.Vector512: ReverseF<Vector512<float>, Vector512<byte>, W512>(ref s, ref d, width, height, channels); break;
            default: ReverseScalar(ref s, ref d, width, height, channels); break;
        }
    }

    private static void ReverseScalar<T>(ref T s, ref T d, int width, int height, int channels)
    {
        int row = width * channels;
        for (int y = 0; y < height; y++)
        {
            ref T rs = ref Unsafe.Add(ref s, y * row);
            ref T rd = ref Unsafe.Add(ref d, y * row);
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                    Unsafe.Add(ref rd, x * channels + c) = Unsafe.Add(ref rs, (width - 1 - x) * channels + c);
        }
    }

    // A vector of n lanes holds k = n / channels whole pixels; one shuffle reverses their order and keeps each
    // pixel's channels in place. Blocks run left to right over the destination row; the n - k*channels lanes
    // past the last whole pixel are garbage that the next block or the scalar remainder overwrites, so a block
    // is taken only where both its load and its store stay inside the row. Other pixels go one by one.
    // Written into a stack buffer: the engine calls the flip once per mirrored row, and an array per call would
    // allocate on every row.
    private static void ReverseIndices(Span<int> idx, int lanes, int channels)
    {
        int k = lanes / channels, used = k * channels;
        for (int j = 0; j < lanes; j++) idx[j] = j < used ? (k - 1 - j / channels) * channels + j % channels : j;
    }

    private static void ReverseB<TF, TB, TW>(ref byte s, ref byte d, int width, int height, int channels)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int n = TW.ByteCount, k = n / channels, row = width * channels;
        Span<int> ints = stackalloc int[n];
        ReverseIndices(ints, n, channels);
        Span<byte> bytes = stackalloc byte[n];
        for (int j = 0; j < n; j++) bytes[j] = (byte)ints[j];
        TB idx = TW.BytesFrom(bytes);
        for (int y = 0; y < height; y++)
        {
            ref byte rs = ref Unsafe.Add(ref s, y * row);
            ref byte rd = ref Unsafe.Add(ref d, y * row);
            int x = 0;
            while (x < width)
            {
                int so = (width - x - k) * channels, dOff = x * channels;
                if (so >= 0 && so + n <= row && dOff + n <= row)
                {
                    TW.StoreB(TW.ShuffleB(TW.LoadB(ref Unsafe.Add(ref rs, so)), idx), ref Unsafe.Add(ref rd, dOff));
                    x += k;
                }
                else
                {
                    for (int c = 0; c < channels; c++)
                        Unsafe.Add(ref rd, dOff + c) = Unsafe.Add(ref rs, (width - 1 - x) * channels + c);
                    x++;
                }
            }
        }
    }

    private static void ReverseF<TF, TB, TW>(ref float s, ref float d, int width, int height, int channels)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int n = TW.Count, k = n / channels, row = width * channels;
        Span<int> ints = stackalloc int[n];
        ReverseIndices(ints, n, channels);
        TF idx = TW.IntsFrom(ints);
        for (int y = 0; y < height; y++)
        {
            ref float rs = ref Unsafe.Add(ref s, y * row);
            ref float rd = ref Unsafe.Add(ref d, y * row);
            int x = 0;
            while (x < width)
            {
                int so = (width - x - k) * channels, dOff = x * channels;
                if (k > 0 && so >= 0 && so + n <= row && dOff + n <= row)
                {
                    TW.Store(TW.Shuffle32(TW.Load(ref Unsafe.Add(ref rs, so)), idx), ref Unsafe.Add(ref rd, dOff));
                    x += k;
                }
                else
                {
                    for (int c = 0; c < channels; c++)
                        Unsafe.Add(ref rd, dOff + c) = Unsafe.Add(ref rs, (width - 1 - x) * channels + c);
                    x++;
                }
            }
        }
    }

    // ---------------------------------------------------------------- rotations, flips and crops by copying

    /// <summary>
    /// Turns the image by <paramref name="k"/> quarter turns counter-clockwise, as <c>numpy.rot90(img, k)</c>:
    /// for odd k the destination is <paramref name="height"/> wide and <paramref name="width"/> high.
    /// k = 2 runs the SIMD row reversal over the whole buffer (a half turn reverses pixel order);
    /// k = 1 and 3 are a scalar transposing copy.
    /// </summary>
    /// <exception cref="ArgumentException">Bad shape or lengths, as <see cref="FlipHorizontal(ReadOnlySpan{byte}, Span{byte}, int, int, int, SimdPath)"/>.</exception>
    public static void Rot90<T>(ReadOnlySpan<T> src, Span<T> dst, int width, int height, int channels, int k, SimdPath path = SimdPath.Auto)
        where T : unmanaged
    {
        CheckImage(src.Length, dst.Length, width, height, channels);
        k = ((k % 4) + 4) % 4;
        if (k == 0) { src.CopyTo(dst); return; }
        if (k == 2)
        {
            if (typeof(T) == typeof(byte))
                FlipHorizontal(MemoryMarshal.Cast<T, byte>(src), MemoryMarshal.Cast<T, byte>(dst), width * height, 1, channels, path);
            else if (typeof(T) == typeof(float))
                FlipHorizontal(MemoryMarshal.Cast<T, float>(src), MemoryMarshal.Cast<T, float>(dst), width * height, 1, channels, path);
            else
                ReverseScalar(ref MemoryMarshal.GetReference(src), ref MemoryMarshal.GetReference(dst), width * height, 1, channels);
            return;
        }
        // Odd k: destination is height wide and width high. Tiles keep both rows and columns in cache.
        const int tile = 32;
        int dw = height, dh = width;
        for (int i0 = 0; i0 < dh; i0 += tile)
            for (int j0 = 0; j0 < dw; j0 += tile)
                for (int i = i0; i < Math.Min(i0 + tile, dh); i++)
                    for (int j = j0; j < Math.Min(j0 + tile, dw); j++)
                    {
                        // k = 1: dst[i, j] = src[j, W-1-i];  k = 3: dst[i, j] = src[H-1-j, i].
                        int sy = k == 1 ? j : height - 1 - j;
                        int sx = k == 1 ? width - 1 - i : i;
                        src.Slice((sy * width + sx) * channels, channels).CopyTo(dst.Slice((i * dw + j) * channels, channels));
                    }
    }

    /// <summary>Mirrors the rows: <c>dst[y, x, c] = src[height - 1 - y, x, c]</c>, one vectorised row copy per row.</summary>
    /// <exception cref="ArgumentException">Bad shape or lengths.</exception>
    public static void FlipVertical<T>(ReadOnlySpan<T> src, Span<T> dst, int width, int height, int channels) where T : unmanaged
    {
        CheckImage(src.Length, dst.Length, width, height, channels);
        int row = width * channels;
        for (int y = 0; y < height; y++)
            src.Slice((height - 1 - y) * row, row).CopyTo(dst.Slice(y * row, row));
    }

    /// <summary>Copies the rectangle of <paramref name="cropWidth"/> x <paramref name="cropHeight"/> pixels at (<paramref name="x0"/>, <paramref name="y0"/>), one row copy per row.</summary>
    /// <exception cref="ArgumentException">Bad shape or lengths, or the rectangle is empty or leaves the image.</exception>
    public static void Crop<T>(ReadOnlySpan<T> src, Span<T> dst, int width, int height, int channels,
        int x0, int y0, int cropWidth, int cropHeight) where T : unmanaged
    {
        CheckImage(src.Length, src.Length, width, height, channels);
        if (cropWidth <= 0 || cropWidth > width) Throw.Argument(nameof(cropWidth), cropWidth, $"1 to the image width {width}");
        if (cropHeight <= 0 || cropHeight > height) Throw.Argument(nameof(cropHeight), cropHeight, $"1 to the image height {height}");
        if (x0 < 0 || x0 + cropWidth > width) Throw.Argument(nameof(x0), x0, $"0 to {width - cropWidth} (width {width}, crop width {cropWidth})");
        if (y0 < 0 || y0 + cropHeight > height) Throw.Argument(nameof(y0), y0, $"0 to {height - cropHeight} (height {height}, crop height {cropHeight})");
        if (dst.Length != cropWidth * cropHeight * channels) Throw.Argument(nameof(dst), dst.Length, $"{cropWidth * cropHeight * channels} elements");
        int row = cropWidth * channels;
        for (int y = 0; y < cropHeight; y++)
            src.Slice(((y0 + y) * width + x0) * channels, row).CopyTo(dst.Slice(y * row, row));
    }

    // ---------------------------------------------------------------- statistics

    /// <summary>The mean of each channel, summed exactly in 64-bit integers (so the same on every path).</summary>
    public static double[] ChannelMeans(ReadOnlySpan<byte> src, int channels)
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4");
        if (src.Length == 0 || src.Length % channels != 0) Throw.Argument(nameof(src), src.Length, $"a positive multiple of channels ({channels})");
        var sums = new long[channels];
        for (int i = 0; i < src.Length; i++) sums[i % channels] += src[i];
        int n = src.Length / channels;
        return Array.ConvertAll(sums, s => (double)s / n);
    }

    /// <summary>The mean of each channel, summed in double precision in element order.</summary>
    public static double[] ChannelMeans(ReadOnlySpan<float> src, int channels)
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4");
        if (src.Length == 0 || src.Length % channels != 0) Throw.Argument(nameof(src), src.Length, $"a positive multiple of channels ({channels})");
        var sums = new double[channels];
        for (int i = 0; i < src.Length; i++) sums[i % channels] += src[i];
        int n = src.Length / channels;
        return Array.ConvertAll(sums, s => s / n);
    }

    internal static void CheckImage(int srcLength, int dstLength, int width, int height, int channels)
    {
        Image.CheckShape(width, height, channels);
        int n = width * height * channels;
        if (srcLength != n) Throw.Argument("src", srcLength, $"{n} elements (width {width} x height {height} x channels {channels})");
        if (dstLength != n) Throw.Argument("dst", dstLength, $"{n} elements (width {width} x height {height} x channels {channels})");
    }
}
