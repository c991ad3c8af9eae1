using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

/// <summary>
/// Neighbourhood filters over dense HWC buffers (1, 3 or 4 channels): separable filters (Gaussian and box blurs)
/// with OpenCV's default border <c>BORDER_REFLECT_101</c>, and the median filter with <c>BORDER_REPLICATE</c> as
/// <c>cv2.medianBlur</c>. Spans in, spans out, checked once at the entry. Destinations must not overlap sources.
/// </summary>
/// <remarks>
/// A separable filter with kernels kx (length n, anchor n / 2) and ky (length m, anchor m / 2) computes, in float32,
/// <c>h(r, x) = sum over t = 0 .. n-1 of kx[t] * src(r, x - n/2 + t)</c> (t ascending, starting from 0f) and then
/// <c>out(y, x) = sum over t = 0 .. m-1 of ky[t] * h(y - m/2 + t, x)</c>, indices outside the image reflected
/// without repeating the edge (<c>dcb|abcdefgh|gfe</c>). Bytes round half to even and saturate to [0, 255]; floats
/// are clamped to the given value range. The vector paths perform the same float operations in the same order
/// (the JIT does not contract <c>a*b+c</c> into a fused multiply-add), so every path gives the same bits as
/// <see cref="SeparableFilterReference(ReadOnlySpan{byte}, Span{byte}, int, int, int, ReadOnlySpan{float}, ReadOnlySpan{float})"/>.
/// Bytes are accumulated in float32, not OpenCV's fixed point, so a result can differ from OpenCV's by 1 where the
/// exact value lies within float32 error of a half.
/// </remarks>
public static partial class FilterKernels
{
    /// <summary>The largest median window side <see cref="MedianFilter(ReadOnlySpan{byte}, Span{byte}, int, int, int, int, SimdPath)"/> accepts.</summary>
    public const int MaxMedianSize = 15;

    // ---------------------------------------------------------------- kernels

    /// <summary>
    /// The Gaussian kernel size OpenCV's <c>GaussianBlur</c> derives from sigma for 8-bit images when ksize is (0, 0):
    /// <c>cvRound(sigma * 6 + 1) | 1</c>, rounding half to even as <c>cvRound</c> (<c>lrint</c>) does. The same rule
    /// is used for float images here (OpenCV uses <c>sigma * 8 + 1</c> for them).
    /// </summary>
    /// <exception cref="ArgumentException">sigma is not a finite number in (0, 1000].</exception>
    public static int GaussianSize(double sigma)
    {
        CheckSigma(sigma);
        return (int)Math.Round(sigma * 6 + 1, MidpointRounding.ToEven) | 1;
    }

    /// <summary>
    /// The 1-D Gaussian kernel of <c>cv2.getGaussianKernel(size, sigma, CV_64F)</c>, rounded to float32: in double,
    /// <c>t_i = exp(-0.5 / sigma^2 * x_i^2)</c> with <c>x_i = i - (size - 1) / 2</c>, each multiplied by
    /// <c>1 / sum t</c>.
    /// </summary>
    /// <exception cref="ArgumentException">size is not odd and positive, or sigma is not a finite number in (0, 1000].</exception>
    public static float[] GaussianKernel(int size, double sigma)
    {
        if (size < 1 || size % 2 == 0) Throw.Argument(nameof(size), size, "an odd kernel size >= 1");
        CheckSigma(sigma);
        var t = new double[size];
        double scale2X = -0.5 / (sigma * sigma), sum = 0;
        for (int i = 0; i < size; i++)
        {
            double x = i - (size - 1) * 0.5;
            t[i] = Math.Exp(scale2X * x * x);
            sum += t[i];
        }
        sum = 1.0 / sum;
        var k = new float[size];
        for (int i = 0; i < size; i++) k[i] = (float)(t[i] * sum);
        return k;
    }

    /// <summary>The normalised box kernel of <c>cv2.blur</c>: <paramref name="size"/> weights <c>1f / size</c>.</summary>
    /// <exception cref="ArgumentException">size is not positive.</exception>
    public static float[] BoxKernel(int size)
    {
        if (size < 1) Throw.Argument(nameof(size), size, "a kernel size >= 1");
        var k = new float[size];
        Array.Fill(k, 1f / size);
        return k;
    }

    private static void CheckSigma(double sigma)
    {
        if (!(double.IsFinite(sigma) && sigma > 0 && sigma <= 1000)) Throw.Argument(nameof(sigma), sigma, "a finite sigma in (0, 1000]");
    }

    // ---------------------------------------------------------------- separable filter

    /// <summary>
    /// Filters a byte image with <paramref name="kernelX"/> along rows, then <paramref name="kernelY"/> along columns
    /// (anchors at the kernels' centres, <c>length / 2</c>), border reflect-101, in float32; rounds half to even and
    /// saturates. The horizontal pass writes a float image rented from <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    /// <param name="src">The source, <paramref name="width"/> x <paramref name="height"/> x <paramref name="channels"/>.</param>
    /// <param name="dst">The destination, the same shape.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="kernelX">Row weights, at least one, all finite.</param>
    /// <param name="kernelY">Column weights, at least one, all finite.</param>
    /// <param name="path">The code path; every path gives the same bits.</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, an empty kernel, or a weight that is not finite.</exception>
    public static void SeparableFilter(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels,
        ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY, SimdPath path = SimdPath.Auto)
    {
        CheckSeparable(src.Length, dst.Length, width, height, channels, kernelX, kernelY);
        int rowLen = width * channels, n = rowLen * height;
        float[] tmp = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var p = Simd.Resolve(path);
            for (int y = 0; y < height; y++)
                HorizontalRow(src.Slice(y * rowLen, rowLen), tmp.AsSpan(y * rowLen, rowLen), width, channels, kernelX, p);
            VerticalBytes(tmp.AsSpan(0, n), dst, width, height, channels, kernelY, p);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(tmp);
        }
    }

    /// <summary>As the byte overload, on float samples; results are clamped to <paramref name="range"/> (not rounded).</summary>
    /// <param name="src">The source, <paramref name="width"/> x <paramref name="height"/> x <paramref name="channels"/>.</param>
    /// <param name="dst">The destination, the same shape.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="kernelX">Row weights, at least one, all finite.</param>
    /// <param name="kernelY">Column weights, at least one, all finite.</param>
    /// <param name="range">The value range results are clamped to.</param>
    /// <param name="path">The code path; every path gives the same bits.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void SeparableFilter(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int channels,
        ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY, ValueRange range, SimdPath path = SimdPath.Auto)
    {
        CheckSeparable(src.Length, dst.Length, width, height, channels, kernelX, kernelY);
        int rowLen = width * channels, n = rowLen * height;
        float[] tmp = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var p = Simd.Resolve(path);
            for (int y = 0; y < height; y++)
                HorizontalRow(src.Slice(y * rowLen, rowLen), tmp.AsSpan(y * rowLen, rowLen), width, channels, kernelX, p);
            VerticalFloats(tmp.AsSpan(0, n), dst, width, height, channels, kernelY, range, p);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(tmp);
        }
    }

    /// <summary>The scalar reference of the byte separable filter: each output sample on its own, every tap through
    /// the border rule, the same float operations in the same order as the fast paths.</summary>
    internal static void SeparableFilterReference(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels,
        ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY)
    {
        CheckSeparable(src.Length, dst.Length, width, height, channels, kernelX, kernelY);
        for (int i = 0; i < src.Length; i++)
        {
            float acc = ReferenceSample(src, i, width, height, channels, kernelX, kernelY);
            dst[i] = (byte)MathF.Min(MathF.Max(MathF.Round(acc), 0f), 255f);
        }
    }

    /// <summary>The scalar reference of the float separable filter.</summary>
    internal static void SeparableFilterReference(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int channels,
        ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY, ValueRange range)
    {
        CheckSeparable(src.Length, dst.Length, width, height, channels, kernelX, kernelY);
        for (int i = 0; i < src.Length; i++)
        {
            float acc = ReferenceSample(src, i, width, height, channels, kernelX, kernelY);
            dst[i] = MathF.Min(MathF.Max(acc, range.Min), range.Max);
        }
    }

    private static float ReferenceSample<T>(ReadOnlySpan<T> src, int i, int width, int height, int channels,
        ReadOnlySpan<float> kx, ReadOnlySpan<float> ky) where T : unmanaged
    {
        int c = i % channels, x = i / channels % width, y = i / channels / width;
        int ax = kx.Length / 2, ay = ky.Length / 2;
        float acc = 0f;
        for (int ty = 0; ty < ky.Length; ty++)
        {
            int r = (int)GeometryKernels.ResolveIndex(y - ay + ty, height, BorderMode.Reflect101);
            float h = 0f;
            for (int tx = 0; tx < kx.Length; tx++)
            {
                int q = (int)GeometryKernels.ResolveIndex(x - ax + tx, width, BorderMode.Reflect101);
                h = h + kx[tx] * ToFloat(src[(r * width + q) * channels + c]);
            }
            acc = acc + ky[ty] * h;
        }
        return acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ToFloat<T>(T v) where T : unmanaged =>
        typeof(T) == typeof(byte) ? Unsafe.As<T, byte>(ref v) : Unsafe.As<T, float>(ref v);

    private static void CheckSeparable(int srcLength, int dstLength, int width, int height, int channels,
        ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY)
    {
        PixelKernels.CheckImage(srcLength, dstLength, width, height, channels);
        CheckKernel(nameof(kernelX), kernelX);
        CheckKernel(nameof(kernelY), kernelY);
    }

    private static void CheckKernel(string name, ReadOnlySpan<float> k)
    {
        if (k.Length == 0) Throw.Argument(name, "an empty kernel", "at least one weight");
        foreach (float w in k)
            if (!float.IsFinite(w)) Throw.Argument(name, w, "finite weights");
    }

    // One row of the horizontal pass. Samples whose taps all lie inside the row run on the vector path (when one is
    // chosen); the rest, and the remainder, run the scalar loop with the same operations.
    private static void HorizontalRow<T>(ReadOnlySpan<T> row, Span<float> outRow, int width, int channels,
        ReadOnlySpan<float> k, SimdPath path) where T : unmanaged
    {
        // Vector paths: the whole row through a padded copy (FilterKernels.Padded.cs), the same bits.
        if (HorizontalPadded(row, outRow, width, channels, k, path)) return;
        int n = k.Length, ax = n / 2, rowLen = width * channels;
        // Interior samples: x in [ax, width - n + ax], so every tap x - ax + t is inside [0, width).
        int start = ax * channels, end = Math.Max(start, (width - n + ax + 1) * channels);
        int done = start;
        if (end > start)
        {
            ref float kr = ref MemoryMarshal.GetReference(k);
            ref float o = ref MemoryMarshal.GetReference(outRow);
            if (typeof(T) == typeof(byte))
            {
                ref byte s = ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(row));
                done = path switch
                {
                    SimdPath.Vector128 => HorizontalB<Vector128<float>, Vector128<byte>, W128>(ref s, ref o, start, end, channels, ref kr, n),
                    SimdPath.Vector256 => HorizontalB<Vector256<float>, Vector256<byte>, W256>(ref s, ref o, start, end, channels, ref kr, n),
                    SimdPath.Vector512 => HorizontalB<Vector512<float>, Vector512<byte>, W512>(ref s, ref o, start, end, channels, ref kr, n),
                    _ => start,
                };
            }
            else
            {
                ref float s = ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(row));
                done = path switch
                {
                    SimdPath.Vector128 => HorizontalF<Vector128<float>, Vector128<byte>, W128>(ref s, ref o, start, end, channels, ref kr, n),
                    SimdPath.Vector256 => HorizontalF<Vector256<float>, Vector256<byte>, W256>(ref s, ref o, start, end, channels, ref kr, n),
                    SimdPath.Vector512 => HorizontalF<Vector512<float>, Vector512<byte>, W512>(ref s, ref o, start, end, channels, ref kr, n),
                    _ => start,
                };
            }
        }
        // Scalar: the left border, whatever the vector loop left of the interior, and the right border.
        for (int i = 0; i < rowLen; i++)
        {
            if (i >= start && i < done) continue;
            int c = i % channels, x = i / channels;
            float acc = 0f;
            if (i >= start && i < end)
                for (int t = 0; t < n; t++) acc = acc + k[t] * ToFloat(row[i + (t - ax) * channels]);
            else
                for (int t = 0; t < n; t++)
                {
                    int q = (int)GeometryKernels.ResolveIndex(x - ax + t, width, BorderMode.Reflect101);
                    acc = acc + k[t] * ToFloat(row[q * channels + c]);
                }
            outRow[i] = acc;
        }
    }

    private static int HorizontalB<TF, TB, TW>(ref byte s, ref float d, int start, int end, int channels, ref float k, int n)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, ax = n / 2, i = start;
        for (; i <= end - v; i += v)
        {
            TF acc = TW.Splat(0f);
            for (int t = 0; t < n; t++)
                acc = TW.Add(acc, TW.Mul(TW.Splat(Unsafe.Add(ref k, t)), TW.LoadWidening(ref Unsafe.Add(ref s, i + (t - ax) * channels))));
            TW.Store(acc, ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    private static int HorizontalF<TF, TB, TW>(ref float s, ref float d, int start, int end, int channels, ref float k, int n)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, ax = n / 2, i = start;
        for (; i <= end - v; i += v)
        {
            TF acc = TW.Splat(0f);
            for (int t = 0; t < n; t++)
                acc = TW.Add(acc, TW.Mul(TW.Splat(Unsafe.Add(ref k, t)), TW.Load(ref Unsafe.Add(ref s, i + (t - ax) * channels))));
            TW.Store(acc, ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    // Row offsets (in samples) of the taps of output row y.
    private static void TapRows(Span<int> rows, int y, int height, int rowLen)
    {
        int ay = rows.Length / 2;
        for (int t = 0; t < rows.Length; t++)
            rows[t] = (int)GeometryKernels.ResolveIndex(y - ay + t, height, BorderMode.Reflect101) * rowLen;
    }

    private static void VerticalBytes(ReadOnlySpan<float> tmp, Span<byte> dst, int width, int height, int channels,
        ReadOnlySpan<float> k, SimdPath path)
    {
        int rowLen = width * channels, n = k.Length;
        int[] rows = ArrayPool<int>.Shared.Rent(n);
        try
        {
            ref float t0 = ref MemoryMarshal.GetReference(tmp);
            ref float kr = ref MemoryMarshal.GetReference(k);
            for (int y = 0; y < height; y++)
            {
                TapRows(rows.AsSpan(0, n), y, height, rowLen);
                ref byte d = ref MemoryMarshal.GetReference(dst.Slice(y * rowLen, rowLen));
                int done = path switch
                {
                    SimdPath.Vector128 => VerticalB<Vector128<float>, Vector128<byte>, W128>(ref t0, ref d, rowLen, rows, ref kr, n),
                    SimdPath.Vector256 => VerticalB<Vector256<float>, Vector256<byte>, W256>(ref t0, ref d, rowLen, rows, ref kr, n),
                    SimdPath.Vector512 => VerticalB<Vector512<float>, Vector512<byte>, W512>(ref t0, ref d, rowLen, rows, ref kr, n),
                    _ => 0,
                };
                for (int i = done; i < rowLen; i++)
                {
                    float acc = 0f;
                    for (int t = 0; t < n; t++) acc = acc + k[t] * tmp[rows[t] + i];
                    dst[y * rowLen + i] = (byte)MathF.Min(MathF.Max(MathF.Round(acc), 0f), 255f);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    private static void VerticalFloats(ReadOnlySpan<float> tmp, Span<float> dst, int width, int height, int channels,
        ReadOnlySpan<float> k, ValueRange range, SimdPath path)
    {
        int rowLen = width * channels, n = k.Length;
        int[] rows = ArrayPool<int>.Shared.Rent(n);
        try
        {
            ref float t0 = ref MemoryMarshal.GetReference(tmp);
            ref float kr = ref MemoryMarshal.GetReference(k);
            for (int y = 0; y < height; y++)
            {
                TapRows(rows.AsSpan(0, n), y, height, rowLen);
                ref float d = ref MemoryMarshal.GetReference(dst.Slice(y * rowLen, rowLen));
                int done = path switch
                {
                    SimdPath.Vector128 => VerticalF<Vector128<float>, Vector128<byte>, W128>(ref t0, ref d, rowLen, rows, ref kr, n, range.Min, range.Max),
                    SimdPath.Vector256 => VerticalF<Vector256<float>, Vector256<byte>, W256>(ref t0, ref d, rowLen, rows, ref kr, n, range.Min, range.Max),
                    SimdPath.Vector512 => VerticalF<Vector512<float>, Vector512<byte>, W512>(ref t0, ref d, rowLen, rows, ref kr, n, range.Min, range.Max),
                    _ => 0,
                };
                for (int i = done; i < rowLen; i++)
                {
                    float acc = 0f;
                    for (int t = 0; t < n; t++) acc = acc + k[t] * tmp[rows[t] + i];
                    dst[y * rowLen + i] = MathF.Min(MathF.Max(acc, range.Min), range.Max);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    private static int VerticalB<TF, TB, TW>(ref float tmp, ref byte d, int rowLen, int[] rows, ref float k, int n)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, i = 0;
        TF lo = TW.Splat(0f), hi = TW.Splat(255f);
        for (; i <= rowLen - v; i += v)
        {
            TF acc = TW.Splat(0f);
            for (int t = 0; t < n; t++)
                acc = TW.Add(acc, TW.Mul(TW.Splat(Unsafe.Add(ref k, t)), TW.Load(ref Unsafe.Add(ref tmp, rows[t] + i))));
            TW.StoreNarrowing(TW.Min(TW.Max(TW.Round(acc), lo), hi), ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    private static int VerticalF<TF, TB, TW>(ref float tmp, ref float d, int rowLen, int[] rows, ref float k, int n, float min, float max)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, i = 0;
        TF lo = TW.Splat(min), hi = TW.Splat(max);
        for (; i <= rowLen - v; i += v)
        {
            TF acc = TW.Splat(0f);
            for (int t = 0; t < n; t++)
                acc = TW.Add(acc, TW.Mul(TW.Splat(Unsafe.Add(ref k, t)), TW.Load(ref Unsafe.Add(ref tmp, rows[t] + i))));
            TW.Store(TW.Min(TW.Max(acc, lo), hi), ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    // ---------------------------------------------------------------- general 2-D filter

    /// <summary>The largest side of a <see cref="Filter2D(ReadOnlySpan{byte}, Span{byte}, int, int, int, ReadOnlySpan{float}, int, int, SimdPath)"/> kernel.</summary>
    public const int MaxFilter2DSize = 99;

    /// <summary>
    /// Correlates a byte image with a small 2-D kernel, as <c>cv2.filter2D(img, -1, kernel)</c> with the default anchor
    /// (<c>kernelWidth / 2</c>, <c>kernelHeight / 2</c>) and border <c>BORDER_REFLECT_101</c>:
    /// <c>out(y, x) = sum over ty, tx of kernel[ty * kernelWidth + tx] * src(y - kernelHeight/2 + ty, x - kernelWidth/2 + tx)</c>,
    /// accumulated in float32 from 0f with ty outer and tx inner, both ascending; bytes round half to even and saturate.
    /// Rows of taps are resolved once per output row; the vector paths read a float copy of the image padded left and
    /// right by reflect-101, so every column runs on them, and perform the same float operations in the same order as
    /// the scalar reference (on bytes, taps whose weight is exactly zero are skipped, which cannot change a bit:
    /// FilterKernels.Filter2D.cs), so every path gives the same bits.
    /// </summary>
    /// <param name="src">The source, <paramref name="width"/> x <paramref name="height"/> x <paramref name="channels"/>.</param>
    /// <param name="dst">The destination, the same shape.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="kernel">The weights, row by row: <paramref name="kernelWidth"/> x <paramref name="kernelHeight"/>, all finite.</param>
    /// <param name="kernelWidth">Kernel columns, 1 to <see cref="MaxFilter2DSize"/>.</param>
    /// <param name="kernelHeight">Kernel rows, 1 to <see cref="MaxFilter2DSize"/>.</param>
    /// <param name="path">The code path; every path gives the same bits.</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, a kernel size out of range, a kernel of the wrong
    /// length, or a weight that is not finite.</exception>
    public static void Filter2D(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels,
        ReadOnlySpan<float> kernel, int kernelWidth, int kernelHeight, SimdPath path = SimdPath.Auto)
    {
        CheckFilter2D(src.Length, dst.Length, width, height, channels, kernel, kernelWidth, kernelHeight);
        Filter2DCore(src, dst, width, height, channels, kernel, kernelWidth, kernelHeight, 0f, 255f, Simd.Resolve(path));
    }

    /// <summary>As the byte overload, on float samples; results are clamped to <paramref name="range"/> (not rounded).</summary>
    /// <param name="src">The source, <paramref name="width"/> x <paramref name="height"/> x <paramref name="channels"/>.</param>
    /// <param name="dst">The destination, the same shape.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="kernel">The weights, row by row: <paramref name="kernelWidth"/> x <paramref name="kernelHeight"/>, all finite.</param>
    /// <param name="kernelWidth">Kernel columns, 1 to <see cref="MaxFilter2DSize"/>.</param>
    /// <param name="kernelHeight">Kernel rows, 1 to <see cref="MaxFilter2DSize"/>.</param>
    /// <param name="range">The value range results are clamped to.</param>
    /// <param name="path">The code path; every path gives the same bits.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void Filter2D(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int channels,
        ReadOnlySpan<float> kernel, int kernelWidth, int kernelHeight, ValueRange range, SimdPath path = SimdPath.Auto)
    {
        CheckFilter2D(src.Length, dst.Length, width, height, channels, kernel, kernelWidth, kernelHeight);
        Filter2DCore(src, dst, width, height, channels, kernel, kernelWidth, kernelHeight, range.Min, range.Max, Simd.Resolve(path));
    }

    /// <summary>The scalar reference of the byte 2-D filter: each output sample on its own, every tap through the
    /// border rule, the same float operations in the same order as the fast paths.</summary>
    internal static void Filter2DReference(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels,
        ReadOnlySpan<float> kernel, int kernelWidth, int kernelHeight)
    {
        CheckFilter2D(src.Length, dst.Length, width, height, channels, kernel, kernelWidth, kernelHeight);
        for (int i = 0; i < src.Length; i++)
            dst[i] = (byte)MathF.Min(MathF.Max(MathF.Round(Reference2D(src, i, width, height, channels, kernel, kernelWidth, kernelHeight)), 0f), 255f);
    }

    /// <summary>The scalar reference of the float 2-D filter.</summary>
    internal static void Filter2DReference(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int channels,
        ReadOnlySpan<float> kernel, int kernelWidth, int kernelHeight, ValueRange range)
    {
        CheckFilter2D(src.Length, dst.Length, width, height, channels, kernel, kernelWidth, kernelHeight);
        for (int i = 0; i < src.Length; i++)
            dst[i] = MathF.Min(MathF.Max(Reference2D(src, i, width, height, channels, kernel, kernelWidth, kernelHeight), range.Min), range.Max);
    }

    private static float Reference2D<T>(ReadOnlySpan<T> src, int i, int width, int height, int channels,
        ReadOnlySpan<float> k, int kw, int kh) where T : unmanaged
    {
        int c = i % channels, x = i / channels % width, y = i / channels / width;
        int ax = kw / 2, ay = kh / 2;
        float acc = 0f;
        for (int ty = 0; ty < kh; ty++)
        {
            int r = (int)GeometryKernels.ResolveIndex(y - ay + ty, height, BorderMode.Reflect101);
            for (int tx = 0; tx < kw; tx++)
            {
                int q = (int)GeometryKernels.ResolveIndex(x - ax + tx, width, BorderMode.Reflect101);
                acc = acc + k[ty * kw + tx] * ToFloat(src[(r * width + q) * channels + c]);
            }
        }
        return acc;
    }

    private static void CheckFilter2D(int srcLength, int dstLength, int width, int height, int channels,
        ReadOnlySpan<float> kernel, int kernelWidth, int kernelHeight)
    {
        PixelKernels.CheckImage(srcLength, dstLength, width, height, channels);
        if (kernelWidth < 1 || kernelWidth > MaxFilter2DSize) Throw.Argument(nameof(kernelWidth), kernelWidth, $"a kernel width in [1, {MaxFilter2DSize}]");
        if (kernelHeight < 1 || kernelHeight > MaxFilter2DSize) Throw.Argument(nameof(kernelHeight), kernelHeight, $"a kernel height in [1, {MaxFilter2DSize}]");
        if (kernel.Length != kernelWidth * kernelHeight)
            Throw.Argument(nameof(kernel), kernel.Length, $"{kernelWidth * kernelHeight} weights (kernelWidth {kernelWidth} x kernelHeight {kernelHeight})");
        CheckKernel(nameof(kernel), kernel);
    }

    private static void Filter2DCore<T>(ReadOnlySpan<T> src, Span<T> dst, int width, int height, int channels,
        ReadOnlySpan<float> k, int kw, int kh, float min, float max, SimdPath path) where T : unmanaged
    {
        // Vector paths: the whole image through a padded float copy (FilterKernels.Filter2D.cs), the same bits.
        if (Filter2DPadded(src, dst, width, height, channels, k, kw, kh, min, max, path)) return;
        int rowLen = width * channels, ax = kw / 2, ay = kh / 2;
        int[] rows = ArrayPool<int>.Shared.Rent(kh);
        try
        {
            for (int y = 0; y < height; y++)
            {
                for (int ty = 0; ty < kh; ty++)
                    rows[ty] = (int)GeometryKernels.ResolveIndex(y - ay + ty, height, BorderMode.Reflect101) * rowLen;
                for (int i = 0; i < rowLen; i++)
                {
                    int c = i % channels, x = i / channels;
                    float acc = 0f;
                    for (int ty = 0; ty < kh; ty++)
                    {
                        int ro = rows[ty];
                        for (int tx = 0; tx < kw; tx++)
                        {
                            int q = (int)GeometryKernels.ResolveIndex(x - ax + tx, width, BorderMode.Reflect101);
                            acc = acc + k[ty * kw + tx] * ToFloat(src[ro + q * channels + c]);
                        }
                    }
                    if (typeof(T) == typeof(byte))
                    {
                        byte b = (byte)MathF.Min(MathF.Max(MathF.Round(acc), 0f), 255f);
                        dst[y * rowLen + i] = Unsafe.As<byte, T>(ref b);
                    }
                    else
                    {
                        float f = MathF.Min(MathF.Max(acc, min), max);
                        dst[y * rowLen + i] = Unsafe.As<float, T>(ref f);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    // ---------------------------------------------------------------- median

    /// <summary>
    /// The median of each channel over the <paramref name="size"/> x <paramref name="size"/> window centred on each
    /// pixel, border replicate (<c>cv2.medianBlur</c>): the middle value of the sorted window, so the result is exact.
    /// Windows up to 7 x 7 run as selection networks of byte min and max on whole vectors of samples; the scalar path
    /// and larger windows sort each window. Every path gives the same bits.
    /// </summary>
    /// <param name="src">The source, <paramref name="width"/> x <paramref name="height"/> x <paramref name="channels"/>.</param>
    /// <param name="dst">The destination, the same shape.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="size">The window side: odd, 1 to <see cref="MaxMedianSize"/> (1 copies).</param>
    /// <param name="path">The code path; every path gives the same bits.</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, or a size that is not odd in [1, 15].</exception>
    public static void MedianFilter(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels, int size,
        SimdPath path = SimdPath.Auto) =>
        MedianBytes(src, dst, width, height, channels, size, Simd.Resolve(path));

    /// <summary>The scalar reference of the byte median: every window sorted.</summary>
    internal static void MedianFilterReference(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels, int size) =>
        Median(src, dst, width, height, channels, size);

    /// <summary>As the byte overload, on float samples (the median is one of the window's values, so it stays in range).</summary>
    /// <param name="src">The source, <paramref name="width"/> x <paramref name="height"/> x <paramref name="channels"/>.</param>
    /// <param name="dst">The destination, the same shape.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="size">The window side: odd, 1 to <see cref="MaxMedianSize"/>.</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    public static void MedianFilter(ReadOnlySpan<float> src, Span<float> dst, int width, int height, int channels, int size) =>
        Median(src, dst, width, height, channels, size);

    private static void Median<T>(ReadOnlySpan<T> src, Span<T> dst, int width, int height, int channels, int size)
        where T : unmanaged, IComparable<T>
    {
        PixelKernels.CheckImage(src.Length, dst.Length, width, height, channels);
        if (size < 1 || size > MaxMedianSize || size % 2 == 0)
            Throw.Argument(nameof(size), size, $"an odd window size in [1, {MaxMedianSize}]");
        int r = size / 2, m = size * size;
        Span<T> window = stackalloc T[MaxMedianSize * MaxMedianSize];
        window = window.Slice(0, m);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    int w = 0;
                    for (int dy = -r; dy <= r; dy++)
                    {
                        int yy = Math.Clamp(y + dy, 0, height - 1);
                        for (int dx = -r; dx <= r; dx++)
                        {
                            int xx = Math.Clamp(x + dx, 0, width - 1);
                            window[w++] = src[(yy * width + xx) * channels + c];
                        }
                    }
                    window.Sort();
                    dst[(y * width + x) * channels + c] = window[m / 2];
                }
    }
}
