using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

// The 2-D filter on a vector path, border samples included: the source is converted once into a float image padded
// with its reflect-101 neighbours left and right (kw / 2 samples on the left, kw - 1 - kw / 2 on the right, each
// resolved by the border rule, so any width works, 1 included), rows outside the image are read through the border rule
// on row indices, and every output sample runs one vector loop on that copy. Each lane computes one output sample with
// exactly the operations of the scalar reference (acc = acc + k * x from +0f, taps row by row then column by column,
// ascending, no fused multiply-adds), so the bits are those of Filter2DReference. Four vectors of adjacent outputs run
// at once, so the additions of independent accumulators overlap instead of waiting on one chain.
//
// Byte sources skip the taps whose weight is exactly zero (+0 or -0). That cannot change a bit: a byte x is finite and
// non-negative, so 0 * x is a zero (+0 or -0), and acc + (+-0) == acc bit for bit unless acc is -0 and the zero is +0.
// acc starts at +0f, and in round-to-nearest a sum is -0 only when both addends are -0, so acc is never -0. NaN or
// infinite accumulators (from weights near float.MaxValue) stay what they are when a zero is added. A line kernel (MotionBlur) keeps about size of its
// size^2 taps; a disc (Defocus) about 60%. Float sources keep every tap: a float sample may be infinite or NaN, and
// 0 * inf is NaN.
public static partial class FilterKernels
{
    /// <summary>The 2-D filter through a padded float copy on a vector path. Returns false (and does nothing) on the
    /// scalar path.</summary>
    private static bool Filter2DPadded<T>(ReadOnlySpan<T> src, Span<T> dst, int width, int height, int channels,
        ReadOnlySpan<float> k, int kw, int kh, float min, float max, SimdPath path) where T : unmanaged
    {
        if (path is not (SimdPath.Vector128 or SimdPath.Vector256 or SimdPath.Vector512)) return false;
        bool isByte = typeof(T) == typeof(byte);
        int ax = kw / 2, ay = kh / 2, rowLen = width * channels;
        int padW = width + kw - 1, padRow = padW * channels;
        int taps = kw * kh;
        float[] pad = ArrayPool<float>.Shared.Rent(padRow * height);
        int[] tapRow = ArrayPool<int>.Shared.Rent(taps);
        int[] tapCol = ArrayPool<int>.Shared.Rent(taps);
        float[] tapW = ArrayPool<float>.Shared.Rent(taps);
        int[] tapOff = ArrayPool<int>.Shared.Rent(taps);
        int[] rowOff = ArrayPool<int>.Shared.Rent(kh);
        try
        {
            // The taps that count, in the reference's order (ty, then tx, ascending).
            int nt = 0;
            for (int ty = 0; ty < kh; ty++)
                for (int tx = 0; tx < kw; tx++)
                {
                    float w = k[ty * kw + tx];
                    if (isByte && w == 0f) continue; // exact: see the comment at the top of the file
                    tapRow[nt] = ty;
                    tapCol[nt] = tx * channels;
                    tapW[nt] = w;
                    nt++;
                }
            PadFloatRows(src, pad, width, height, channels, kw, path);
            ref float pr = ref MemoryMarshal.GetArrayDataReference(pad);
            ref int offr = ref MemoryMarshal.GetArrayDataReference(tapOff);
            ref float wr = ref MemoryMarshal.GetArrayDataReference(tapW);
            for (int y = 0; y < height; y++)
            {
                for (int ty = 0; ty < kh; ty++)
                    rowOff[ty] = (int)GeometryKernels.ResolveIndex(y - ay + ty, height, BorderMode.Reflect101) * padRow;
                // Output sample i of this row reads pad[tapOff[j] + i]: padded column x + tx is source column x - ax + tx.
                for (int j = 0; j < nt; j++) tapOff[j] = rowOff[tapRow[j]] + tapCol[j];
                int done;
                if (isByte)
                {
                    ref byte d = ref Unsafe.Add(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(dst)), y * rowLen);
                    done = path switch
                    {
                        SimdPath.Vector128 => Filter2DRowB<Vector128<float>, Vector128<byte>, W128>(ref pr, ref d, rowLen, ref offr, ref wr, nt),
                        SimdPath.Vector256 => Filter2DRowB<Vector256<float>, Vector256<byte>, W256>(ref pr, ref d, rowLen, ref offr, ref wr, nt),
                        _ => Filter2DRowB<Vector512<float>, Vector512<byte>, W512>(ref pr, ref d, rowLen, ref offr, ref wr, nt),
                    };
                }
                else
                {
                    ref float d = ref Unsafe.Add(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(dst)), y * rowLen);
                    done = path switch
                    {
                        SimdPath.Vector128 => Filter2DRowF<Vector128<float>, Vector128<byte>, W128>(ref pr, ref d, rowLen, ref offr, ref wr, nt, min, max),
                        SimdPath.Vector256 => Filter2DRowF<Vector256<float>, Vector256<byte>, W256>(ref pr, ref d, rowLen, ref offr, ref wr, nt, min, max),
                        _ => Filter2DRowF<Vector512<float>, Vector512<byte>, W512>(ref pr, ref d, rowLen, ref offr, ref wr, nt, min, max),
                    };
                }
                // Rows shorter than a vector: the same operations, one sample at a time, on the padded copy.
                for (int i = done; i < rowLen; i++)
                {
                    float acc = 0f;
                    for (int j = 0; j < nt; j++) acc = acc + tapW[j] * pad[tapOff[j] + i];
                    if (isByte)
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
            ArrayPool<int>.Shared.Return(rowOff);
            ArrayPool<int>.Shared.Return(tapOff);
            ArrayPool<float>.Shared.Return(tapW);
            ArrayPool<int>.Shared.Return(tapCol);
            ArrayPool<int>.Shared.Return(tapRow);
            ArrayPool<float>.Shared.Return(pad);
        }
        return true;
    }

    // pad[(y * padW + p) * channels + c] = (float)src[(y * width + resolve(p - kw / 2)) * channels + c], p in [0, padW).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PadFloatRows<T>(ReadOnlySpan<T> src, float[] pad, int width, int height, int channels, int kw,
        SimdPath path) where T : unmanaged
    {
        int ax = kw / 2, rowLen = width * channels, padW = width + kw - 1, padRow = padW * channels;
        for (int y = 0; y < height; y++)
        {
            var row = src.Slice(y * rowLen, rowLen);
            var prow = pad.AsSpan(y * padRow, padRow);
            for (int p = 0; p < padW; p++)
            {
                if (p == ax)
                {
                    // The interior: the row itself, converted.
                    var inner = prow.Slice(ax * channels, rowLen);
                    if (typeof(T) == typeof(byte))
                        WidenBytes(MemoryMarshal.Cast<T, byte>(row), inner, path);
                    else
                        MemoryMarshal.Cast<T, float>(row).CopyTo(inner);
                    p += width - 1;
                    continue;
                }
                int q = (int)GeometryKernels.ResolveIndex(p - ax, width, BorderMode.Reflect101) * channels;
                for (int c = 0; c < channels; c++) prow[p * channels + c] = ToFloat(row[q + c]);
            }
        }
    }

    private static void WidenBytes(ReadOnlySpan<byte> s, Span<float> d, SimdPath path)
    {
        ref byte sr = ref MemoryMarshal.GetReference(s);
        ref float dr = ref MemoryMarshal.GetReference(d);
        int i = path switch
        {
            SimdPath.Vector128 => WidenBytes<Vector128<float>, Vector128<byte>, W128>(ref sr, ref dr, s.Length),
            SimdPath.Vector256 => WidenBytes<Vector256<float>, Vector256<byte>, W256>(ref sr, ref dr, s.Length),
            _ => WidenBytes<Vector512<float>, Vector512<byte>, W512>(ref sr, ref dr, s.Length),
        };
        for (; i < s.Length; i++) d[i] = s[i];
    }

    private static int WidenBytes<TF, TB, TW>(ref byte s, ref float d, int n)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, i = 0;
        for (; i <= n - v; i += v) TW.Store(TW.LoadWidening(ref Unsafe.Add(ref s, i)), ref Unsafe.Add(ref d, i));
        return i;
    }

    // One output row of bytes: four vectors at a time, then one, then a last vector overlapping the one before (it
    // writes the same values). Returns how far it got: rowLen, or 0 for a row shorter than a vector.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Filter2DRowB<TF, TB, TW>(ref float pad, ref byte d, int rowLen, ref int off, ref float w, int nt)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count;
        if (rowLen < v) return 0;
        TF lo = TW.Splat(0f), hi = TW.Splat(255f);
        int i = 0;
        for (; i <= rowLen - 4 * v; i += 4 * v)
        {
            TF a0 = TW.Splat(0f), a1 = a0, a2 = a0, a3 = a0;
            for (int j = 0; j < nt; j++)
            {
                TF wj = TW.Splat(Unsafe.Add(ref w, j));
                ref float p = ref Unsafe.Add(ref pad, Unsafe.Add(ref off, j) + i);
                a0 = TW.Add(a0, TW.Mul(wj, TW.Load(ref p)));
                a1 = TW.Add(a1, TW.Mul(wj, TW.Load(ref Unsafe.Add(ref p, v))));
                a2 = TW.Add(a2, TW.Mul(wj, TW.Load(ref Unsafe.Add(ref p, 2 * v))));
                a3 = TW.Add(a3, TW.Mul(wj, TW.Load(ref Unsafe.Add(ref p, 3 * v))));
            }
            TW.StoreNarrowing(TW.Min(TW.Max(TW.Round(a0), lo), hi), ref Unsafe.Add(ref d, i));
            TW.StoreNarrowing(TW.Min(TW.Max(TW.Round(a1), lo), hi), ref Unsafe.Add(ref d, i + v));
            TW.StoreNarrowing(TW.Min(TW.Max(TW.Round(a2), lo), hi), ref Unsafe.Add(ref d, i + 2 * v));
            TW.StoreNarrowing(TW.Min(TW.Max(TW.Round(a3), lo), hi), ref Unsafe.Add(ref d, i + 3 * v));
        }
        for (; i < rowLen; i += v)
        {
            if (i > rowLen - v) i = rowLen - v;
            TF a = TW.Splat(0f);
            for (int j = 0; j < nt; j++)
                a = TW.Add(a, TW.Mul(TW.Splat(Unsafe.Add(ref w, j)), TW.Load(ref Unsafe.Add(ref pad, Unsafe.Add(ref off, j) + i))));
            TW.StoreNarrowing(TW.Min(TW.Max(TW.Round(a), lo), hi), ref Unsafe.Add(ref d, i));
        }
        return rowLen;
    }

    // One output row of floats, as Filter2DRowB, clamped to [min, max] instead of rounded.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Filter2DRowF<TF, TB, TW>(ref float pad, ref float d, int rowLen, ref int off, ref float w, int nt,
        float min, float max)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count;
        if (rowLen < v) return 0;
        TF lo = TW.Splat(min), hi = TW.Splat(max);
        int i = 0;
        for (; i <= rowLen - 4 * v; i += 4 * v)
        {
            TF a0 = TW.Splat(0f), a1 = a0, a2 = a0, a3 = a0;
            for (int j = 0; j < nt; j++)
            {
                TF wj = TW.Splat(Unsafe.Add(ref w, j));
                ref float p = ref Unsafe.Add(ref pad, Unsafe.Add(ref off, j) + i);
                a0 = TW.Add(a0, TW.Mul(wj, TW.Load(ref p)));
                a1 = TW.Add(a1, TW.Mul(wj, TW.Load(ref Unsafe.Add(ref p, v))));
                a2 = TW.Add(a2, TW.Mul(wj, TW.Load(ref Unsafe.Add(ref p, 2 * v))));
                a3 = TW.Add(a3, TW.Mul(wj, TW.Load(ref Unsafe.Add(ref p, 3 * v))));
            }
            TW.Store(TW.Min(TW.Max(a0, lo), hi), ref Unsafe.Add(ref d, i));
            TW.Store(TW.Min(TW.Max(a1, lo), hi), ref Unsafe.Add(ref d, i + v));
            TW.Store(TW.Min(TW.Max(a2, lo), hi), ref Unsafe.Add(ref d, i + 2 * v));
            TW.Store(TW.Min(TW.Max(a3, lo), hi), ref Unsafe.Add(ref d, i + 3 * v));
        }
        for (; i < rowLen; i += v)
        {
            if (i > rowLen - v) i = rowLen - v;
            TF a = TW.Splat(0f);
            for (int j = 0; j < nt; j++)
                a = TW.Add(a, TW.Mul(TW.Splat(Unsafe.Add(ref w, j)), TW.Load(ref Unsafe.Add(ref pad, Unsafe.Add(ref off, j) + i))));
            TW.Store(TW.Min(TW.Max(a, lo), hi), ref Unsafe.Add(ref d, i));
        }
        return rowLen;
    }
}
