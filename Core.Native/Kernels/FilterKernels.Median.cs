using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

public static partial class FilterKernels
{
    // ---------------------------------------------------------------- median by sorting networks

    /// <summary>The largest window side whose byte median runs as a vector selection network.</summary>
    internal const int MaxNetworkMedianSize = 7;

    /// <summary>
    /// Batcher's odd-even merge sort on the next power of two at or above <paramref name="m"/> inputs
    /// (Knuth, TAOCP vol. 3, 5.3.4, algorithm M), as (lower, upper) wire pairs: after a comparator the lower wire holds the
    /// minimum. Comparators touching a wire at or above m are dropped (those wires would hold +infinity and never move),
    /// and so is every comparator that cannot reach wire <paramref name="keep"/> (the rest of the network does not
    /// change what that wire ends with). Running the pairs left to right leaves on wire <paramref name="keep"/> the value
    /// that sorting would put there.
    /// </summary>
    internal static (int Lo, int Hi)[] SelectionNetwork(int m, int keep)
    {
        int n = 1;
        while (n < m) n <<= 1;
        var all = new List<(int, int)>();
        for (int p = 1; p < n; p <<= 1)
            for (int k = p; k >= 1; k >>= 1)
                for (int j = k % p; j <= n - 1 - k; j += 2 * k)
                    for (int i = 0; i <= Math.Min(k - 1, n - j - k - 1); i++)
                        if ((i + j) / (p * 2) == (i + j + k) / (p * 2) && i + j + k < m)
                            all.Add((i + j, i + j + k));
        var needed = new bool[m];
        needed[keep] = true;
        var kept = new List<(int, int)>();
        for (int c = all.Count - 1; c >= 0; c--)
        {
            var (lo, hi) = all[c];
            if (!needed[lo] && !needed[hi]) continue;
            needed[lo] = needed[hi] = true;
            kept.Add((lo, hi));
        }
        kept.Reverse();
        return kept.ToArray();
    }

    /// <summary>
    /// The byte median with a code path: windows 3 x 3 run Paeth's 19-comparator median network (N. Devillard,
    /// "Fast median search: an ANSI C implementation", 1998, <c>opt_med9</c>) on whole vectors of samples with byte
    /// min and max; 5 x 5 and 7 x 7 sort each column of the window once per row (shared by the outputs that read it)
    /// and run a merge network on the sorted columns (<see cref="MedianBySortedColumns"/>); larger windows, the columns
    /// whose 3 x 3 window crosses the left or right edge, rows shorter than a vector and the scalar path sort each window. A median is exact, so every path gives the
    /// same bits as sorting.
    /// </summary>
    private static void MedianBytes(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels, int size, SimdPath path)
    {
        PixelKernels.CheckImage(src.Length, dst.Length, width, height, channels);
        if (size < 1 || size > MaxMedianSize || size % 2 == 0)
            Throw.Argument(nameof(size), size, $"an odd window size in [1, {MaxMedianSize}]");
        if (path == SimdPath.Scalar || size == 1 || size > MaxNetworkMedianSize)
        {
            Median(src, dst, width, height, channels, size);
            return;
        }
        if (size > 3)
        {
            bool done = path switch
            {
                SimdPath.Vector128 => MedianBySortedColumns<Vector128<byte>, Vector128<ushort>, Vector128<uint>, I128>(src, dst, width, height, channels, size),
                SimdPath.Vector256 => MedianBySortedColumns<Vector256<byte>, Vector256<ushort>, Vector256<uint>, I256>(src, dst, width, height, channels, size),
                SimdPath.Vector512 => MedianBySortedColumns<Vector512<byte>, Vector512<ushort>, Vector512<uint>, I512>(src, dst, width, height, channels, size),
                _ => false,
            };
            if (!done) Median(src, dst, width, height, channels, size);
            return;
        }
        int r = size / 2, rowLen = width * channels;
        // Interior columns: x in [r, width - 1 - r], whose windows stay inside the row.
        int start = r * channels, end = Math.Max(start, (width - r) * channels);
        Span<int> rows = stackalloc int[MaxNetworkMedianSize];
        ref byte s = ref MemoryMarshal.GetReference(src);
        for (int y = 0; y < height; y++)
        {
            for (int t = 0; t < size; t++) rows[t] = Math.Clamp(y - r + t, 0, height - 1) * rowLen;
            ref byte d = ref MemoryMarshal.GetReference(dst.Slice(y * rowLen, rowLen));
            int done = path switch
            {
                SimdPath.Vector128 => MedianRow<Vector128<byte>, Vector128<ushort>, Vector128<uint>, I128>(ref s, ref d, start, end, channels, rows, size),
                SimdPath.Vector256 => MedianRow<Vector256<byte>, Vector256<ushort>, Vector256<uint>, I256>(ref s, ref d, start, end, channels, rows, size),
                SimdPath.Vector512 => MedianRow<Vector512<byte>, Vector512<ushort>, Vector512<uint>, I512>(ref s, ref d, start, end, channels, rows, size),
                _ => start,
            };
            for (int i = 0; i < rowLen; i++)
            {
                if (i >= start && i < done) continue;
                dst[y * rowLen + i] = MedianAt(src, width, height, channels, size, y, i);
            }
        }
    }

    // The sorted-window median of one sample (row y, sample i of the row), border replicate.
    private static byte MedianAt(ReadOnlySpan<byte> src, int width, int height, int channels, int size, int y, int i)
    {
        int r = size / 2, c = i % channels, x = i / channels, w = 0;
        Span<byte> window = stackalloc byte[MaxMedianSize * MaxMedianSize];
        for (int dy = -r; dy <= r; dy++)
        {
            int yy = Math.Clamp(y + dy, 0, height - 1);
            for (int dx = -r; dx <= r; dx++)
                window[w++] = src[(yy * width + Math.Clamp(x + dx, 0, width - 1)) * channels + c];
        }
        window = window.Slice(0, w);
        window.Sort();
        return window[w / 2];
    }

    private static int MedianRow<TB, T16, T32, TI>(ref byte s, ref byte d, int start, int end, int channels, Span<int> rows, int size)
        where TB : unmanaged where T16 : struct where T32 : struct where TI : IIntWidth<TB, T16, T32>
    {
        int v = TI.Bytes, i = start;
        if (size == 3)
        {
            int r0 = rows[0], r1 = rows[1], r2 = rows[2];
            // The last vector may overlap the one before (it writes the same values), so no scalar tail is left.
            for (; i < end; i += v)
            {
                if (i > end - v) { if (end - start < v) break; i = end - v; }
                ref byte a = ref Unsafe.Add(ref s, i - channels);
                TB p0 = TI.LoadB(ref Unsafe.Add(ref a, r0)), p1 = TI.LoadB(ref Unsafe.Add(ref a, r0 + channels)), p2 = TI.LoadB(ref Unsafe.Add(ref a, r0 + 2 * channels));
                TB p3 = TI.LoadB(ref Unsafe.Add(ref a, r1)), p4 = TI.LoadB(ref Unsafe.Add(ref a, r1 + channels)), p5 = TI.LoadB(ref Unsafe.Add(ref a, r1 + 2 * channels));
                TB p6 = TI.LoadB(ref Unsafe.Add(ref a, r2)), p7 = TI.LoadB(ref Unsafe.Add(ref a, r2 + channels)), p8 = TI.LoadB(ref Unsafe.Add(ref a, r2 + 2 * channels));
                Sort<TB, T16, T32, TI>(ref p1, ref p2); Sort<TB, T16, T32, TI>(ref p4, ref p5); Sort<TB, T16, T32, TI>(ref p7, ref p8);
                Sort<TB, T16, T32, TI>(ref p0, ref p1); Sort<TB, T16, T32, TI>(ref p3, ref p4); Sort<TB, T16, T32, TI>(ref p6, ref p7);
                Sort<TB, T16, T32, TI>(ref p1, ref p2); Sort<TB, T16, T32, TI>(ref p4, ref p5); Sort<TB, T16, T32, TI>(ref p7, ref p8);
                // From here on only the wires that reach p4 matter; one-sided comparators keep just the side used.
                p3 = TI.MaxB(p0, p3);                 // sort(0, 3): the max
                p5 = TI.MinB(p5, p8);                 // sort(5, 8): the min
                Sort<TB, T16, T32, TI>(ref p4, ref p7);
                p6 = TI.MaxB(p3, p6);                 // sort(3, 6): the max
                p4 = TI.MaxB(p1, p4);                 // sort(1, 4): the max
                p2 = TI.MinB(p2, p5);                 // sort(2, 5): the min
                p4 = TI.MinB(p4, p7);                 // sort(4, 7): the min
                Sort<TB, T16, T32, TI>(ref p4, ref p2);
                p4 = TI.MaxB(p6, p4);                 // sort(6, 4): the max
                p4 = TI.MinB(p4, p2);                 // sort(4, 2): the min
                TI.StoreB(p4, ref Unsafe.Add(ref d, i));
            }
        }
        return i;
    }

    /// <summary>
    /// The 5 x 5 or 7 x 7 byte median on a vector path: the rows are copied once with <c>size / 2</c> replicated pixels
    /// on each side, then for each output row every padded column of the window (its <c>size</c> samples, rows clamped
    /// to the image) is sorted once by a sorting network into <c>size</c> scratch rows, and each output runs
    /// <see cref="MedianSortedColumns7"/> (or 5) on the <c>size</c> sorted columns it covers. Every value is a byte moved
    /// by min and max, so the result is the median exactly. Returns false (and does nothing) when a padded row is
    /// shorter than a vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool MedianBySortedColumns<TB, T16, T32, TI>(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height,
        int channels, int size)
        where TB : unmanaged where T16 : struct where T32 : struct where TI : IIntWidth<TB, T16, T32>
    {
        int v = TI.Bytes, r = size / 2, rowLen = width * channels, padLen = (width + 2 * r) * channels;
        if (rowLen < v) return false;
        byte[] pad = ArrayPool<byte>.Shared.Rent(padLen * height);
        byte[] cols = ArrayPool<byte>.Shared.Rent(padLen * size);
        try
        {
            for (int y = 0; y < height; y++)
            {
                var row = src.Slice(y * rowLen, rowLen);
                var prow = pad.AsSpan(y * padLen, padLen);
                row.CopyTo(prow.Slice(r * channels));
                for (int t = 0; t < r; t++)
                {
                    row.Slice(0, channels).CopyTo(prow.Slice(t * channels));
                    row.Slice(rowLen - channels, channels).CopyTo(prow.Slice((r + width + t) * channels));
                }
            }
            ref byte p0 = ref MemoryMarshal.GetArrayDataReference(pad);
            ref byte c0 = ref MemoryMarshal.GetArrayDataReference(cols);
            ref byte d0 = ref MemoryMarshal.GetReference(dst);
            Span<int> rows = stackalloc int[MaxNetworkMedianSize];
            for (int y = 0; y < height; y++)
            {
                for (int t = 0; t < size; t++) rows[t] = Math.Clamp(y - r + t, 0, height - 1) * padLen;
                // Sorted columns: cols[k * padLen + j] is the k-th smallest of the window column at padded sample j. The
                // last vector may overlap the one before (it writes the same values).
                for (int j = 0; j < padLen; j += v)
                {
                    if (j > padLen - v) j = padLen - v;
                    if (size == 7)
                    {
                        TB a0 = TI.LoadB(ref Unsafe.Add(ref p0, rows[0] + j)), a1 = TI.LoadB(ref Unsafe.Add(ref p0, rows[1] + j));
                        TB a2 = TI.LoadB(ref Unsafe.Add(ref p0, rows[2] + j)), a3 = TI.LoadB(ref Unsafe.Add(ref p0, rows[3] + j));
                        TB a4 = TI.LoadB(ref Unsafe.Add(ref p0, rows[4] + j)), a5 = TI.LoadB(ref Unsafe.Add(ref p0, rows[5] + j));
                        TB a6 = TI.LoadB(ref Unsafe.Add(ref p0, rows[6] + j));
                        SortColumn7<TB, T16, T32, TI>(ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6);
                        TI.StoreB(a0, ref Unsafe.Add(ref c0, j)); TI.StoreB(a1, ref Unsafe.Add(ref c0, padLen + j));
                        TI.StoreB(a2, ref Unsafe.Add(ref c0, 2 * padLen + j)); TI.StoreB(a3, ref Unsafe.Add(ref c0, 3 * padLen + j));
                        TI.StoreB(a4, ref Unsafe.Add(ref c0, 4 * padLen + j)); TI.StoreB(a5, ref Unsafe.Add(ref c0, 5 * padLen + j));
                        TI.StoreB(a6, ref Unsafe.Add(ref c0, 6 * padLen + j));
                    }
                    else
                    {
                        TB a0 = TI.LoadB(ref Unsafe.Add(ref p0, rows[0] + j)), a1 = TI.LoadB(ref Unsafe.Add(ref p0, rows[1] + j));
                        TB a2 = TI.LoadB(ref Unsafe.Add(ref p0, rows[2] + j)), a3 = TI.LoadB(ref Unsafe.Add(ref p0, rows[3] + j));
                        TB a4 = TI.LoadB(ref Unsafe.Add(ref p0, rows[4] + j));
                        SortColumn5<TB, T16, T32, TI>(ref a0, ref a1, ref a2, ref a3, ref a4);
                        TI.StoreB(a0, ref Unsafe.Add(ref c0, j)); TI.StoreB(a1, ref Unsafe.Add(ref c0, padLen + j));
                        TI.StoreB(a2, ref Unsafe.Add(ref c0, 2 * padLen + j)); TI.StoreB(a3, ref Unsafe.Add(ref c0, 3 * padLen + j));
                        TI.StoreB(a4, ref Unsafe.Add(ref c0, 4 * padLen + j));
                    }
                }
                // Output sample i reads the padded columns at i + dx * channels, dx = 0 .. size - 1.
                ref byte d = ref Unsafe.Add(ref d0, y * rowLen);
                for (int i = 0; i < rowLen; i += v)
                {
                    if (i > rowLen - v) i = rowLen - v;
                    TB m = size == 7
                        ? MedianSortedColumns7<TB, T16, T32, TI>(ref Unsafe.Add(ref c0, i), channels, padLen)
                        : MedianSortedColumns5<TB, T16, T32, TI>(ref Unsafe.Add(ref c0, i), channels, padLen);
                    TI.StoreB(m, ref Unsafe.Add(ref d, i));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(cols);
            ArrayPool<byte>.Shared.Return(pad);
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sort<TB, T16, T32, TI>(ref TB a, ref TB b)
        where TB : unmanaged where T16 : struct where T32 : struct where TI : IIntWidth<TB, T16, T32>
    {
        TB lo = TI.MinB(a, b);
        b = TI.MaxB(a, b);
        a = lo;
    }
}
