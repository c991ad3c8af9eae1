using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

// The column pass of the fixed-point separable filter for kernels whose integer column weights take only two values b
// and b + 1 (every box kernel: largest remainders give each tap the floor or the floor plus one), by a running column
// sum. With C(y) = sum over t of h(row_t(y)), the exact integer identity
//   sum_t ky[t] * h_t = b * C + sum over {t : ky[t] = b + 1} of h_t = (b + 1) * C - sum over {t : ky[t] = b} of h_t
// gives the same sum as the direct pass (whichever side has fewer corrections is used), and C moves from row to row
// with one addition and one subtraction: the tap rows shift by one (row_t(y + 1) = resolve(y + 1 - n/2 + t) =
// row_{t+1}(y), border rows included), so C(y + 1) = C(y) - h(row_0(y)) + h(row_{n-1}(y + 1)). All sums are computed in
// uint lanes modulo 2^32; the true values are below 2^32 (C <= 99 * 65535, the weighted sum <= 255 * 2^24 + 2^23), so
// wrapping intermediate values change nothing and the output bits are those of the direct pass.
public static partial class FilterKernels
{
    /// <summary>The fixed-point filter with the column pass by running sums, on a vector path: the row sums live in a
    /// ring of n + 1 rows, each source row's computed once when an output row first needs it (the rows one output row
    /// and the previous one read lie in n + 1 consecutive source rows, so they never share a slot), so they are read back
    /// from cache. Returns false (and does nothing) when the column weights take more than two values, differ by more
    /// than one, or the path is scalar.</summary>
    private static bool RunFixedRunning(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels,
        FixedSeparable plan, SimdPath path)
    {
        if (path is not (SimdPath.Vector128 or SimdPath.Vector256 or SimdPath.Vector512)) return false;
        int[] ky = plan.Y;
        int n = ky.Length;
        if (n < 2 || n > MaxFilter2DSize) return false;
        int lo = int.MaxValue;
        foreach (int w in ky) lo = Math.Min(lo, w);
        int high = 0;
        foreach (int w in ky)
        {
            if (w != lo && w != lo + 1) return false;
            if (w == lo + 1) high++;
        }
        // Corrections: the taps of weight b + 1 added to b * C, or those of weight b subtracted from (b + 1) * C.
        bool subtract = n - high < high;
        uint mult = (uint)(subtract ? lo + 1 : lo);
        Span<int> corr = stackalloc int[n];
        int nc = 0;
        for (int t = 0; t < n; t++)
            if (subtract ? ky[t] == lo : ky[t] == lo + 1) corr[nc++] = t;
        int rowLen = width * channels, ring = n + 1, nx = plan.X.Length, ax = nx / 2, ay = n / 2;
        int extLen = (width + nx - 1) * channels;
        ushort[] h = ArrayPool<ushort>.Shared.Rent(ring * rowLen);
        byte[] ext = ArrayPool<byte>.Shared.Rent(extLen);
        int[] cols = ArrayPool<int>.Shared.Rent(width + nx - 1);
        int[] slotRow = ArrayPool<int>.Shared.Rent(ring);
        uint[] col = ArrayPool<uint>.Shared.Rent(rowLen);
        int[] rows = ArrayPool<int>.Shared.Rent(n);
        int[] corrRows = ArrayPool<int>.Shared.Rent(Math.Max(nc, 1));
        // The two-weight row pass (FilterKernels.BoxRow.cs) where it applies: its tap offsets, corrections first.
        Span<int> boxOffsets = stackalloc int[BoxRowMaxTaps];
        int boxNc = BoxRowSetup(plan, channels, rowLen, path, boxOffsets, out int boxMult, out bool boxSubtract);
        try
        {
            for (int j = 0; j < width + nx - 1; j++)
                cols[j] = (int)GeometryKernels.ResolveIndex(j - ax, width, BorderMode.Reflect101);
            slotRow.AsSpan(0, ring).Fill(-1);
            ref ushort h0 = ref MemoryMarshal.GetArrayDataReference(h);
            ref uint c0 = ref MemoryMarshal.GetArrayDataReference(col);
            int firstRow = 0;
            for (int y = 0; y < height; y++)
            {
                for (int t = 0; t < n; t++)
                {
                    // The source row of tap t, its row sums computed into its slot when not there yet.
                    int sr = (int)GeometryKernels.ResolveIndex(y - ay + t, height, BorderMode.Reflect101);
                    int slot = sr % ring;
                    if (slotRow[slot] != sr)
                    {
                        PadRow(src.Slice(sr * rowLen, rowLen), ext.AsSpan(0, extLen), cols, width, nx, channels);
                        if (boxNc >= 0) BoxRow(ext, h.AsSpan(slot * rowLen, rowLen), boxOffsets[..nx], boxNc, boxMult, boxSubtract, channels, path);
                        else HorizontalFixed(ext, h.AsSpan(slot * rowLen, rowLen), channels, plan, path);
                        slotRow[slot] = sr;
                    }
                    rows[t] = slot * rowLen;
                }
                for (int j = 0; j < nc; j++) corrRows[j] = rows[corr[j]];
                if (y == 0)
                {
                    col.AsSpan(0, rowLen).Clear();
                    for (int t = 0; t < n; t++)
                    {
                        int ro = rows[t];
                        for (int i = 0; i < rowLen; i++) col[i] += h[ro + i];
                    }
                }
                else
                {
                    // C(y) = C(y - 1) - h(row_0(y - 1)) + h(row_{n-1}(y)); row_0(y - 1) is still in its slot.
                    int add = rows[n - 1];
                    int i = path switch
                    {
                        SimdPath.Vector128 => ColumnStep<Vector128<byte>, Vector128<ushort>, Vector128<uint>, I128>(ref h0, ref c0, rowLen, add, firstRow),
                        SimdPath.Vector256 => ColumnStep<Vector256<byte>, Vector256<ushort>, Vector256<uint>, I256>(ref h0, ref c0, rowLen, add, firstRow),
                        _ => ColumnStep<Vector512<byte>, Vector512<ushort>, Vector512<uint>, I512>(ref h0, ref c0, rowLen, add, firstRow),
                    };
                    for (; i < rowLen; i++) col[i] = col[i] + h[add + i] - h[firstRow + i];
                }
                firstRow = rows[0];
                ref byte d = ref MemoryMarshal.GetReference(dst.Slice(y * rowLen, rowLen));
                int done = path switch
                {
                    SimdPath.Vector128 => RunningOut<Vector128<byte>, Vector128<ushort>, Vector128<uint>, I128>(ref h0, ref c0, ref d, rowLen, mult, corrRows, nc, subtract),
                    SimdPath.Vector256 => RunningOut<Vector256<byte>, Vector256<ushort>, Vector256<uint>, I256>(ref h0, ref c0, ref d, rowLen, mult, corrRows, nc, subtract),
                    _ => RunningOut<Vector512<byte>, Vector512<ushort>, Vector512<uint>, I512>(ref h0, ref c0, ref d, rowLen, mult, corrRows, nc, subtract),
                };
                for (int i = done; i < rowLen; i++)
                {
                    uint acc = mult * col[i];
                    for (int j = 0; j < nc; j++)
                        acc = subtract ? acc - h[corrRows[j] + i] : acc + h[corrRows[j] + i];
                    dst[y * rowLen + i] = (byte)((acc + (1u << 23)) >> 24);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(corrRows);
            ArrayPool<int>.Shared.Return(rows);
            ArrayPool<uint>.Shared.Return(col);
            ArrayPool<int>.Shared.Return(slotRow);
            ArrayPool<int>.Shared.Return(cols);
            ArrayPool<byte>.Shared.Return(ext);
            ArrayPool<ushort>.Shared.Return(h);
        }
        return true;
    }

    // col[i] += h[add + i] - h[sub + i] over whole vectors (no overlap: the update is in place). Returns how far it got.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ColumnStep<TB, T16, T32, TI>(ref ushort h, ref uint col, int rowLen, int add, int sub)
        where TB : struct where T16 : struct where T32 : struct where TI : IIntWidth<TB, T16, T32>
    {
        int q = TI.Bytes / 4, i = 0;
        for (; i <= rowLen - q; i += q)
        {
            T32 c = LoadU32<T32>(ref Unsafe.Add(ref col, i));
            c = Sub32(TI.Add32(c, TI.LoadU16AsU32(ref Unsafe.Add(ref h, add + i))), TI.LoadU16AsU32(ref Unsafe.Add(ref h, sub + i)));
            StoreU32(c, ref Unsafe.Add(ref col, i));
        }
        return i;
    }

    // One output row: (mult * C +- corrections + 2^23) >> 24, four uint vectors narrowed to one byte vector; the last
    // vector may overlap the one before (it writes the same values).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RunningOut<TB, T16, T32, TI>(ref ushort h, ref uint col, ref byte d, int rowLen, uint mult,
        int[] corrRows, int nc, bool subtract)
        where TB : struct where T16 : struct where T32 : struct where TI : IIntWidth<TB, T16, T32>
    {
        int v = TI.Bytes, q = v / 4, i = 0;
        if (rowLen < v) return 0;
        T32 half = TI.Splat32(1u << 23), m = TI.Splat32(mult);
        for (; i < rowLen; i += v)
        {
            if (i > rowLen - v) i = rowLen - v;
            T32 a = TI.Add32(half, TI.Mul32(m, LoadU32<T32>(ref Unsafe.Add(ref col, i))));
            T32 b = TI.Add32(half, TI.Mul32(m, LoadU32<T32>(ref Unsafe.Add(ref col, i + q))));
            T32 c = TI.Add32(half, TI.Mul32(m, LoadU32<T32>(ref Unsafe.Add(ref col, i + 2 * q))));
            T32 e = TI.Add32(half, TI.Mul32(m, LoadU32<T32>(ref Unsafe.Add(ref col, i + 3 * q))));
            for (int j = 0; j < nc; j++)
            {
                ref ushort r = ref Unsafe.Add(ref h, corrRows[j] + i);
                if (subtract)
                {
                    a = Sub32(a, TI.LoadU16AsU32(ref r));
                    b = Sub32(b, TI.LoadU16AsU32(ref Unsafe.Add(ref r, q)));
                    c = Sub32(c, TI.LoadU16AsU32(ref Unsafe.Add(ref r, 2 * q)));
                    e = Sub32(e, TI.LoadU16AsU32(ref Unsafe.Add(ref r, 3 * q)));
                }
                else
                {
                    a = TI.Add32(a, TI.LoadU16AsU32(ref r));
                    b = TI.Add32(b, TI.LoadU16AsU32(ref Unsafe.Add(ref r, q)));
                    c = TI.Add32(c, TI.LoadU16AsU32(ref Unsafe.Add(ref r, 2 * q)));
                    e = TI.Add32(e, TI.LoadU16AsU32(ref Unsafe.Add(ref r, 3 * q)));
                }
            }
            TI.StoreB(TI.Narrow4(TI.Shr32(a, 24), TI.Shr32(b, 24), TI.Shr32(c, 24), TI.Shr32(e, 24)), ref Unsafe.Add(ref d, i));
        }
        return rowLen;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T32 LoadU32<T32>(ref uint p) where T32 : struct
    {
        if (typeof(T32) == typeof(Vector512<uint>)) { var r = Vector512.LoadUnsafe(ref p); return Unsafe.As<Vector512<uint>, T32>(ref r); }
        if (typeof(T32) == typeof(Vector256<uint>)) { var r = Vector256.LoadUnsafe(ref p); return Unsafe.As<Vector256<uint>, T32>(ref r); }
        var s = Vector128.LoadUnsafe(ref p);
        return Unsafe.As<Vector128<uint>, T32>(ref s);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreU32<T32>(T32 v, ref uint p) where T32 : struct
    {
        if (typeof(T32) == typeof(Vector512<uint>)) Unsafe.As<T32, Vector512<uint>>(ref v).StoreUnsafe(ref p);
        else if (typeof(T32) == typeof(Vector256<uint>)) Unsafe.As<T32, Vector256<uint>>(ref v).StoreUnsafe(ref p);
        else Unsafe.As<T32, Vector128<uint>>(ref v).StoreUnsafe(ref p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T32 Sub32<T32>(T32 a, T32 b) where T32 : struct
    {
        if (typeof(T32) == typeof(Vector512<uint>))
        {
            var r = Unsafe.As<T32, Vector512<uint>>(ref a) - Unsafe.As<T32, Vector512<uint>>(ref b);
            return Unsafe.As<Vector512<uint>, T32>(ref r);
        }
        if (typeof(T32) == typeof(Vector256<uint>))
        {
            var r = Unsafe.As<T32, Vector256<uint>>(ref a) - Unsafe.As<T32, Vector256<uint>>(ref b);
            return Unsafe.As<Vector256<uint>, T32>(ref r);
        }
        var s = Unsafe.As<T32, Vector128<uint>>(ref a) - Unsafe.As<T32, Vector128<uint>>(ref b);
        return Unsafe.As<Vector128<uint>, T32>(ref s);
    }
}
