using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

public static partial class FilterKernels
{
    // ---------------------------------------------------------------- fixed-point separable filter on bytes

    /// <summary>
    /// The integer weights and plan of a fixed-point separable filter (<see cref="QuantiseSeparable"/>): row weights in
    /// <see cref="XBits"/> fraction bits (8 or 16), column weights in 16 fraction bits, and the bound on the distance to
    /// the float32 filter that chose them.
    /// </summary>
    internal sealed class FixedSeparable
    {
        internal required int[] X { get; init; }
        internal required int[] Y { get; init; }
        /// <summary>8: the row pass sums in ushort lanes; 16: it sums in uint lanes and rounds to 8 fraction bits.</summary>
        internal required int XBits { get; init; }
        /// <summary>The largest possible distance, in levels, between the fixed-point sum before rounding and the exact
        /// float32 kernels' sum (weight quantisation, the row rounding and the float kernels' own sum).</summary>
        internal required double Bound { get; init; }
    }

    /// <summary>
    /// Rounds weights to integers summing exactly to <c>2^bits</c> by largest remainders: each weight
    /// <c>k[i] * 2^bits / sum k</c> (in double) is floored, then the units still missing go one each to the largest
    /// fractional parts (ties to the lower index). Largest remainders minimise the summed error under the exact-sum
    /// constraint, so a flat image stays flat. A symmetric kernel stays symmetric: its units go to mirrored pairs by
    /// their (equal) fractions, and an odd unit to the centre tap first.
    /// </summary>
    internal static int[] QuantiseWeights(ReadOnlySpan<float> k, int bits, out double positiveError)
    {
        double total = 0;
        foreach (float w in k) total += w;
        double unit = 1 << bits;
        var q = new int[k.Length];
        var frac = new double[k.Length];
        long sum = 0;
        for (int i = 0; i < k.Length; i++)
        {
            double e = k[i] / total * unit;
            q[i] = (int)Math.Floor(e);
            frac[i] = e - q[i];
            sum += q[i];
        }
        var order = new int[k.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => frac[b] != frac[a] ? frac[b].CompareTo(frac[a]) : a.CompareTo(b));
        long missing = (1L << bits) - sum;
        if (IsSymmetric(k))
        {
            // Mirrored taps have equal fractions: units go to both taps of a pair, so the integer kernel stays
            // symmetric (and the passes can add mirrored samples before multiplying). An odd count leaves one unit,
            // which only the centre tap can take (an even-length kernel has an even count).
            int n = k.Length;
            if (missing % 2 == 1) { q[n / 2]++; missing--; }
            foreach (int i in order)
            {
                if (missing == 0) break;
                if (2 * i + 1 >= n) continue; // the upper half and the centre: reached through their mirror
                q[i]++; q[n - 1 - i]++;
                missing -= 2;
            }
        }
        else
            for (int j = 0; missing > 0; missing--, j++) q[order[j]]++;
        // The worst case of sum e_i * s_i over s in [0, 1] with sum e_i = 0 is the sum of the positive errors.
        positiveError = 0;
        for (int i = 0; i < k.Length; i++)
        {
            double e = q[i] / unit - k[i] / total;
            if (e > 0) positiveError += e;
        }
        return q;
    }

    private static bool IsSymmetric(ReadOnlySpan<float> k)
    {
        for (int i = 0; i < k.Length / 2; i++)
            if (k[i] != k[k.Length - 1 - i]) return false;
        return true;
    }

    private static bool IsSymmetric(int[] k)
    {
        for (int i = 0; i < k.Length / 2; i++)
            if (k[i] != k[k.Length - 1 - i]) return false;
        return true;
    }

    /// <summary>
    /// Chooses the integer weights of <see cref="SeparableFilterFixed"/> for two kernels, or null where no plan keeps
    /// within one level of the float filter (then the float filter runs).
    /// </summary>
    internal static FixedSeparable? QuantiseSeparable(ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY)
    {
        double sx = 0, sy = 0;
        foreach (float w in kernelX) sx += w;
        foreach (float w in kernelY) sy += w;
        // The float kernels need not sum to exactly 1; the integer ones do. The float filter's own rounding error
        // (at most length * 2^-24 relative per pass, on values up to 255) is added too.
        double sumError = 255 * (Math.Abs(sx - 1) + Math.Abs(sy - 1)) + 255 * (kernelX.Length + kernelY.Length + 4) * Math.Pow(2, -23);
        int[] y = QuantiseWeights(kernelY, 16, out double ey);
        int[] x8 = QuantiseWeights(kernelX, 8, out double ex8);
        double bound8 = 255 * (ex8 + ey) + sumError;
        if (bound8 < 0.99) return new FixedSeparable { X = x8, Y = y, XBits = 8, Bound = bound8 };
        int[] x16 = QuantiseWeights(kernelX, 16, out double ex16);
        double bound16 = 255 * (ex16 + ey) + 0.5 / 256 + sumError;
        if (bound16 < 0.99) return new FixedSeparable { X = x16, Y = y, XBits = 16, Bound = bound16 };
        return null;
    }

    // The last kernels each thread quantised, with their plan: a pipeline that blurs with the same sigma again and
    // again quantises once per thread and allocates nothing per call.
    [ThreadStatic] private static float[]? lastX, lastY;
    [ThreadStatic] private static FixedSeparable? lastPlan;

    private static FixedSeparable? CachedPlan(ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY)
    {
        if (lastX is not null && lastY is not null && kernelX.SequenceEqual(lastX) && kernelY.SequenceEqual(lastY))
            return lastPlan;
        var plan = QuantiseSeparable(kernelX, kernelY);
        lastX = kernelX.ToArray();
        lastY = kernelY.ToArray();
        lastPlan = plan;
        return plan;
    }

    private static void CheckFixedKernel(string name, ReadOnlySpan<float> k)
    {
        CheckKernel(name, k);
        double sum = 0;
        foreach (float w in k)
        {
            if (w < 0) Throw.Argument(name, w, "non-negative weights (the fixed-point filter is for smoothing kernels)");
            sum += w;
        }
        if (!(Math.Abs(sum - 1) <= 1e-3)) Throw.Argument(name, sum, "weights summing to 1 (within 1e-3)");
    }

    /// <summary>
    /// A smoothing separable filter on bytes in fixed point, as OpenCV's bit-exact 8-bit <c>GaussianBlur</c>: the float
    /// kernels are rounded to integers summing exactly to a power of two (largest remainders), the rows are filtered
    /// with border reflect-101 into a ushort image with 8 fraction bits, the columns (border reflect-101) into uint sums
    /// with 24 fraction bits, and each output is <c>(sum + 2^23) &gt;&gt; 24</c> (round half up). Row weights have 8
    /// fraction bits when that keeps the result within one level of the float filter, else 16 bits with the row sums
    /// rounded half up to 8 fraction bits; column weights have 16 fraction bits.
    /// </summary>
    /// <remarks>
    /// Every sum is an integer and fits its lanes, so every path (scalar, Vector128/256/512) gives the same bits. The
    /// weights are chosen only when the worst case over all images of the distance between the fixed-point sum and the
    /// float32 filter's sum (<see cref="SeparableFilter(ReadOnlySpan{byte}, Span{byte}, int, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, SimdPath)"/>)
    /// is below one level, so each result is within 1 of that filter's; when no choice guarantees it (kernels longer
    /// than a few hundred taps) the float filter runs instead.
    /// </remarks>
    /// <param name="src">The source, <paramref name="width"/> x <paramref name="height"/> x <paramref name="channels"/>.</param>
    /// <param name="dst">The destination, the same shape.</param>
    /// <param name="width">Columns.</param>
    /// <param name="height">Rows.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="kernelX">Row weights: at least one, non-negative, summing to 1 within 1e-3 (as Gaussian and box kernels).</param>
    /// <param name="kernelY">Column weights, as <paramref name="kernelX"/>.</param>
    /// <param name="path">The code path; every path gives the same bits.</param>
    /// <exception cref="ArgumentException">Bad shape or lengths, an empty kernel, or a weight that is negative or not
    /// finite, or weights that do not sum to 1.</exception>
    public static void SeparableFilterFixed(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels,
        ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY, SimdPath path = SimdPath.Auto)
    {
        PixelKernels.CheckImage(src.Length, dst.Length, width, height, channels);
        CheckFixedKernel(nameof(kernelX), kernelX);
        CheckFixedKernel(nameof(kernelY), kernelY);
        var plan = CachedPlan(kernelX, kernelY);
        if (plan is null)
        {
            SeparableFilter(src, dst, width, height, channels, kernelX, kernelY, path);
            return;
        }
        RunFixed(src, dst, width, height, channels, plan, Simd.Resolve(path));
    }

    /// <summary>The scalar reference of <see cref="SeparableFilterFixed"/>: each output sample on its own from the
    /// quantised weights, every tap through the border rule.</summary>
    internal static void SeparableFilterFixedReference(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels,
        ReadOnlySpan<float> kernelX, ReadOnlySpan<float> kernelY)
    {
        PixelKernels.CheckImage(src.Length, dst.Length, width, height, channels);
        CheckFixedKernel(nameof(kernelX), kernelX);
        CheckFixedKernel(nameof(kernelY), kernelY);
        var plan = QuantiseSeparable(kernelX, kernelY);
        if (plan is null)
        {
            SeparableFilterReference(src, dst, width, height, channels, kernelX, kernelY);
            return;
        }
        int[] kx = plan.X, ky = plan.Y;
        int ax = kx.Length / 2, ay = ky.Length / 2;
        for (int i = 0; i < src.Length; i++)
        {
            int c = i % channels, x = i / channels % width, y = i / channels / width;
            uint v = 0;
            for (int ty = 0; ty < ky.Length; ty++)
            {
                int r = (int)GeometryKernels.ResolveIndex(y - ay + ty, height, BorderMode.Reflect101);
                uint h = 0;
                for (int tx = 0; tx < kx.Length; tx++)
                {
                    int q = (int)GeometryKernels.ResolveIndex(x - ax + tx, width, BorderMode.Reflect101);
                    h += (uint)kx[tx] * src[(r * width + q) * channels + c];
                }
                if (plan.XBits == 16) h = (h + 128) >> 8;
                v += (uint)ky[ty] * h;
            }
            dst[i] = (byte)((v + (1u << 23)) >> 24);
        }
    }

    private static void RunFixed(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels,
        FixedSeparable plan, SimdPath path)
    {
        // Box kernels (two weight values one apart): running column sums over a ring of row sums, the same bits
        // (FilterKernels.RunningColumns.cs).
        if (RunFixedRunning(src, dst, width, height, channels, plan, path)) return;
        // 16-bit row weights on AVX2: both passes by vpmaddwd in short lanes, the same bits (FilterKernels.Madd.cs).
        if (RunFixedMadd(src, dst, width, height, channels, plan, path)) return;
        int rowLen = width * channels, n = rowLen * height, nx = plan.X.Length, ax = nx / 2;
        int extLen = (width + nx - 1) * channels;
        ushort[] h = ArrayPool<ushort>.Shared.Rent(n);
        byte[] ext = ArrayPool<byte>.Shared.Rent(extLen);
        int[] cols = ArrayPool<int>.Shared.Rent(width + nx - 1);
        try
        {
            // cols[j]: the source column that padded column j (x = j - ax) reads.
            for (int j = 0; j < width + nx - 1; j++)
                cols[j] = (int)GeometryKernels.ResolveIndex(j - ax, width, BorderMode.Reflect101);
            for (int y = 0; y < height; y++)
            {
                var row = src.Slice(y * rowLen, rowLen);
                PadRow(row, ext.AsSpan(0, extLen), cols, width, nx, channels);
                HorizontalFixed(ext, h.AsSpan(y * rowLen, rowLen), channels, plan, path);
            }
            VerticalFixed(h, dst, width, height, channels, plan.Y, path);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(cols);
            ArrayPool<byte>.Shared.Return(ext);
            ArrayPool<ushort>.Shared.Return(h);
        }
    }

    // The row with its reflect-101 border: padded column j holds source column cols[j].
    private static void PadRow(ReadOnlySpan<byte> row, Span<byte> ext, int[] cols, int width, int n, int channels)
    {
        int ax = n / 2;
        for (int j = 0; j < width + n - 1; j++)
        {
            if (j == ax)
            {
                // The interior is the row itself.
                row.CopyTo(ext.Slice(ax * channels));
                j += width - 1;
                continue;
            }
            int s = cols[j] * channels, d = j * channels;
            for (int c = 0; c < channels; c++) ext[d + c] = row[s + c];
        }
    }

    private static void HorizontalFixed(byte[] ext, Span<ushort> outRow, int channels, FixedSeparable plan, SimdPath path)
    {
        int rowLen = outRow.Length, n = plan.X.Length;
        ref byte e = ref MemoryMarshal.GetArrayDataReference(ext);
        ref ushort o = ref MemoryMarshal.GetReference(outRow);
        ref int k = ref MemoryMarshal.GetArrayDataReference(plan.X);
        // A symmetric kernel adds mirrored samples before multiplying (the same integer sum).
        int pairs = IsSymmetric(plan.X) ? n / 2 : 0;
        int done;
        if (plan.XBits == 8)
        {
            done = path switch
            {
                SimdPath.Vector128 => Horizontal8<Vector128<byte>, Vector128<ushort>, Vector128<uint>, I128>(ref e, ref o, rowLen, channels, ref k, n, pairs),
                SimdPath.Vector256 => Horizontal8<Vector256<byte>, Vector256<ushort>, Vector256<uint>, I256>(ref e, ref o, rowLen, channels, ref k, n, pairs),
                SimdPath.Vector512 => Horizontal8<Vector512<byte>, Vector512<ushort>, Vector512<uint>, I512>(ref e, ref o, rowLen, channels, ref k, n, pairs),
                _ => 0,
            };
            for (int i = done; i < rowLen; i++)
            {
                uint acc = 0;
                for (int t = 0; t < n; t++) acc += (uint)plan.X[t] * ext[i + t * channels];
                outRow[i] = (ushort)acc;
            }
        }
        else
        {
            done = path switch
            {
                SimdPath.Vector128 => Horizontal16<Vector128<byte>, Vector128<ushort>, Vector128<uint>, I128>(ref e, ref o, rowLen, channels, ref k, n, pairs),
                SimdPath.Vector256 => Horizontal16<Vector256<byte>, Vector256<ushort>, Vector256<uint>, I256>(ref e, ref o, rowLen, channels, ref k, n, pairs),
                SimdPath.Vector512 => Horizontal16<Vector512<byte>, Vector512<ushort>, Vector512<uint>, I512>(ref e, ref o, rowLen, channels, ref k, n, pairs),
                _ => 0,
            };
            for (int i = done; i < rowLen; i++)
            {
                uint acc = 0;
                for (int t = 0; t < n; t++) acc += (uint)plan.X[t] * ext[i + t * channels];
                outRow[i] = (ushort)((acc + 128) >> 8);
            }
        }
    }

    // Row weights with 8 fraction bits: each sum is at most 255 * 256, so ushort lanes hold it (wrapping partial sums
    // end exact).
    private static int Horizontal8<TB, T16, T32, TI>(ref byte e, ref ushort o, int rowLen, int channels, ref int k, int n, int pairs)
        where TB : struct where T16 : struct where T32 : struct where TI : IIntWidth<TB, T16, T32>
    {
        int v = TI.Bytes / 2, i = 0;
        // The last vector may overlap the one before (it writes the same values), so no scalar tail is left.
        for (; i < rowLen; i += v)
        {
            if (i > rowLen - v) { if (rowLen < v) break; i = rowLen - v; }
            T16 acc = TI.Splat16(0);
            for (int t = 0; t < pairs; t++)
                acc = TI.Add16(acc, TI.Mul16(TI.Splat16((ushort)Unsafe.Add(ref k, t)),
                    TI.Add16(TI.LoadU8AsU16(ref Unsafe.Add(ref e, i + t * channels)), TI.LoadU8AsU16(ref Unsafe.Add(ref e, i + (n - 1 - t) * channels)))));
            for (int t = pairs; t < n - pairs; t++)
                acc = TI.Add16(acc, TI.Mul16(TI.Splat16((ushort)Unsafe.Add(ref k, t)), TI.LoadU8AsU16(ref Unsafe.Add(ref e, i + t * channels))));
            TI.Store16(acc, ref Unsafe.Add(ref o, i));
        }
        return i;
    }

    // Row weights with 16 fraction bits: uint lanes, then rounded half up to 8 fraction bits.
    private static int Horizontal16<TB, T16, T32, TI>(ref byte e, ref ushort o, int rowLen, int channels, ref int k, int n, int pairs)
        where TB : struct where T16 : struct where T32 : struct where TI : IIntWidth<TB, T16, T32>
    {
        int v = TI.Bytes / 4, i = 0;
        T32 half = TI.Splat32(128);
        // The last vector may overlap the one before (it writes the same values), so no scalar tail is left.
        for (; i < rowLen; i += v)
        {
            if (i > rowLen - v) { if (rowLen < v) break; i = rowLen - v; }
            T32 acc = half;
            for (int t = 0; t < pairs; t++)
                acc = TI.Add32(acc, TI.Mul32(TI.Splat32((uint)Unsafe.Add(ref k, t)),
                    TI.Add32(TI.LoadU8AsU32(ref Unsafe.Add(ref e, i + t * channels)), TI.LoadU8AsU32(ref Unsafe.Add(ref e, i + (n - 1 - t) * channels)))));
            for (int t = pairs; t < n - pairs; t++)
                acc = TI.Add32(acc, TI.Mul32(TI.Splat32((uint)Unsafe.Add(ref k, t)), TI.LoadU8AsU32(ref Unsafe.Add(ref e, i + t * channels))));
            TI.StoreU32AsU16(TI.Shr32(acc, 8), ref Unsafe.Add(ref o, i));
        }
        return i;
    }

    private static void VerticalFixed(ushort[] h, Span<byte> dst, int width, int height, int channels, int[] ky, SimdPath path)
    {
        int rowLen = width * channels, n = ky.Length;
        int[] rows = ArrayPool<int>.Shared.Rent(n);
        try
        {
            ref ushort h0 = ref MemoryMarshal.GetArrayDataReference(h);
            ref int k = ref MemoryMarshal.GetArrayDataReference(ky);
            int pairs = IsSymmetric(ky) ? n / 2 : 0;
            for (int y = 0; y < height; y++)
            {
                TapRows(rows.AsSpan(0, n), y, height, rowLen);
                ref byte d = ref MemoryMarshal.GetReference(dst.Slice(y * rowLen, rowLen));
                int done = path switch
                {
                    SimdPath.Vector128 => Vertical16<Vector128<byte>, Vector128<ushort>, Vector128<uint>, I128>(ref h0, ref d, rowLen, rows, ref k, n, pairs),
                    SimdPath.Vector256 => Vertical16<Vector256<byte>, Vector256<ushort>, Vector256<uint>, I256>(ref h0, ref d, rowLen, rows, ref k, n, pairs),
                    SimdPath.Vector512 => Vertical16<Vector512<byte>, Vector512<ushort>, Vector512<uint>, I512>(ref h0, ref d, rowLen, rows, ref k, n, pairs),
                    _ => 0,
                };
                for (int i = done; i < rowLen; i++)
                {
                    uint acc = 1u << 23;
                    for (int t = 0; t < n; t++) acc += (uint)ky[t] * h[rows[t] + i];
                    dst[y * rowLen + i] = (byte)(acc >> 24);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    // Column weights with 16 fraction bits on row sums with 8: each sum is at most 255 * 2^24 + 2^23 < 2^32.
    private static int Vertical16<TB, T16, T32, TI>(ref ushort h, ref byte d, int rowLen, int[] rows, ref int k, int n, int pairs)
        where TB : struct where T16 : struct where T32 : struct where TI : IIntWidth<TB, T16, T32>
    {
        int v = TI.Bytes, q = v / 4, i = 0;
        T32 half = TI.Splat32(1u << 23);
        // The last vector may overlap the one before (it writes the same values), so no scalar tail is left.
        for (; i < rowLen; i += v)
        {
            if (i > rowLen - v) { if (rowLen < v) break; i = rowLen - v; }
            T32 a = half, b = half, c = half, e = half;
            for (int t = 0; t < pairs; t++)
            {
                T32 w = TI.Splat32((uint)Unsafe.Add(ref k, t));
                ref ushort r = ref Unsafe.Add(ref h, rows[t] + i);
                ref ushort m = ref Unsafe.Add(ref h, rows[n - 1 - t] + i);
                a = TI.Add32(a, TI.Mul32(w, TI.Add32(TI.LoadU16AsU32(ref r), TI.LoadU16AsU32(ref m))));
                b = TI.Add32(b, TI.Mul32(w, TI.Add32(TI.LoadU16AsU32(ref Unsafe.Add(ref r, q)), TI.LoadU16AsU32(ref Unsafe.Add(ref m, q)))));
                c = TI.Add32(c, TI.Mul32(w, TI.Add32(TI.LoadU16AsU32(ref Unsafe.Add(ref r, 2 * q)), TI.LoadU16AsU32(ref Unsafe.Add(ref m, 2 * q)))));
                e = TI.Add32(e, TI.Mul32(w, TI.Add32(TI.LoadU16AsU32(ref Unsafe.Add(ref r, 3 * q)), TI.LoadU16AsU32(ref Unsafe.Add(ref m, 3 * q)))));
            }
            for (int t = pairs; t < n - pairs; t++)
            {
                T32 w = TI.Splat32((uint)Unsafe.Add(ref k, t));
                ref ushort r = ref Unsafe.Add(ref h, rows[t] + i);
                a = TI.Add32(a, TI.Mul32(w, TI.LoadU16AsU32(ref r)));
                b = TI.Add32(b, TI.Mul32(w, TI.LoadU16AsU32(ref Unsafe.Add(ref r, q))));
                c = TI.Add32(c, TI.Mul32(w, TI.LoadU16AsU32(ref Unsafe.Add(ref r, 2 * q))));
                e = TI.Add32(e, TI.Mul32(w, TI.LoadU16AsU32(ref Unsafe.Add(ref r, 3 * q))));
            }
            TI.StoreB(TI.Narrow4(TI.Shr32(a, 24), TI.Shr32(b, 24), TI.Shr32(c, 24), TI.Shr32(e, 24)), ref Unsafe.Add(ref d, i));
        }
        return i;
    }
}
