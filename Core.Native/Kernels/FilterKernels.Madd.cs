using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// The fixed-point separable filter with 16-bit row weights (Gaussian kernels of sigma above about 0.7) by vpmaddwd in
// 16-bit lanes on AVX2, the same integer sums as Horizontal16 and Vertical16:
// - Row pass: a symmetric kernel adds each mirrored pair of bytes first (P_t = s_t + s_(n-1-t) <= 510, the centre alone),
//   and vpmaddwd on two P interleaved with their weights (k_a, k_b) (each at most 32767) forms k_a P_a + k_b P_b exactly
//   in int lanes: four taps a multiply, the sum sum_t k_t s_t <= 255 * 2^16 < 2^31. The row value (sum + 128) >> 8
//   <= 65280 is stored as h - 32768 in short lanes (h ^ 0x8000).
// - Column pass: vpmaddwd on two rows' stored values interleaved with their weights gives k_a (h_a - 32768) +
//   k_b (h_b - 32768), at most 32768 * 65534 < 2^31 in magnitude. Summed modulo 2^32 from 2^31 + 2^23 (the bias times
//   the weights' sum 2^16, and the rounding half), the total is sum_t k_t h_t + 2^23 modulo 2^32, and the true value is
//   below 2^32 (255 * 2^24 + 2^23), so (total >>> 24) is Vertical16's byte.
// The unpack low / high halves work within 128-bit lanes and the packs that end each step undo the same permutation,
// so lanes come back in order. A row's last step may overlap the one before (it writes the same values). The AVX-512
// path runs the same steps 32 samples wide (AVX-512 BW) where a row holds 32 samples.
public static partial class FilterKernels
{
    /// <summary>The longest kernel the vpmaddwd passes take (their weight tables live on the stack).</summary>
    private const int MaddMaxTaps = 255;

    /// <summary>The fixed-point filter by vpmaddwd (see the file comment) on the AVX2 and AVX-512 paths; returns false
    /// (and does nothing) when it does not apply: 8-bit row weights, an asymmetric row kernel, a weight above 32767, a
    /// kernel longer than 255 taps, rows shorter than 16 samples, or no AVX2.</summary>
    private static bool RunFixedMadd(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels,
        FixedSeparable plan, SimdPath path)
    {
        if (path is not (SimdPath.Vector256 or SimdPath.Vector512) || !Avx2.IsSupported) return false;
        int[] kx = plan.X, ky = plan.Y;
        int nx = kx.Length, ny = ky.Length, rowLen = width * channels;
        if (plan.XBits != 16 || rowLen < 16 || nx > MaddMaxTaps || ny > MaddMaxTaps || !IsSymmetric(kx)) return false;
        foreach (int w in kx) if (w > short.MaxValue) return false;
        foreach (int w in ky) if (w > short.MaxValue) return false;
        // Row pass: m mirrored sums (the centre alone last when nx is odd), their weights in pairs.
        int m = (nx + 1) / 2, mirrored = nx / 2;
        Span<int> xPairs = stackalloc int[(MaddMaxTaps + 3) / 4 + 1];
        for (int j = 0; j < m; j += 2)
            xPairs[j / 2] = (ushort)kx[j] | (j + 1 < m ? kx[j + 1] << 16 : 0);
        // Column pass: the rows in consecutive pairs, the last alone (weight 0 beside it) when ny is odd.
        Span<int> yPairs = stackalloc int[(MaddMaxTaps + 1) / 2 + 1];
        for (int t = 0; t < ny; t += 2)
            yPairs[t / 2] = (ushort)ky[t] | (t + 1 < ny ? ky[t + 1] << 16 : 0);
        int n = rowLen * height, extLen = (width + nx - 1) * channels, ay = ny / 2;
        short[] h = ArrayPool<short>.Shared.Rent(n);
        byte[] ext = ArrayPool<byte>.Shared.Rent(extLen);
        int[] cols = ArrayPool<int>.Shared.Rent(width + nx - 1);
        int[] rows = ArrayPool<int>.Shared.Rent(ny + 1);
        try
        {
            for (int j = 0; j < width + nx - 1; j++)
                cols[j] = (int)GeometryKernels.ResolveIndex(j - nx / 2, width, BorderMode.Reflect101);
            ref short h0 = ref MemoryMarshal.GetArrayDataReference(h);
            ref int xp = ref MemoryMarshal.GetReference(xPairs);
            ref int yp = ref MemoryMarshal.GetReference(yPairs);
            // AVX-512 BW: 32 samples a step where a row holds them.
            bool wide = path == SimdPath.Vector512 && Avx512BW.IsSupported && rowLen >= 32;
            for (int y = 0; y < height; y++)
            {
                PadRow(src.Slice(y * rowLen, rowLen), ext.AsSpan(0, extLen), cols, width, nx, channels);
                ref byte e = ref MemoryMarshal.GetArrayDataReference(ext);
                if (wide) MaddRow512(ref e, ref Unsafe.Add(ref h0, y * rowLen), rowLen, channels, nx, m, mirrored, ref xp);
                else MaddRow256(ref e, ref Unsafe.Add(ref h0, y * rowLen), rowLen, channels, nx, m, mirrored, ref xp);
            }
            for (int y = 0; y < height; y++)
            {
                for (int t = 0; t < ny; t++)
                    rows[t] = (int)GeometryKernels.ResolveIndex(y - ay + t, height, BorderMode.Reflect101) * rowLen;
                rows[ny] = rows[ny - 1]; // the partner of an odd last row (weight 0)
                ref byte d = ref MemoryMarshal.GetReference(dst.Slice(y * rowLen, rowLen));
                ref int r0 = ref MemoryMarshal.GetArrayDataReference(rows);
                if (wide) MaddColumn512(ref h0, ref d, rowLen, ref r0, ny, ref yp);
                else MaddColumn256(ref h0, ref d, rowLen, ref r0, ny, ref yp);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
            ArrayPool<int>.Shared.Return(cols);
            ArrayPool<byte>.Shared.Return(ext);
            ArrayPool<short>.Shared.Return(h);
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Widen16(ref byte p) => Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref p));

    // One padded row into h - 32768, 16 samples a step.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaddRow256(ref byte e, ref short o, int rowLen, int ch, int n, int m, int mirrored, ref int pairs)
    {
        var half = Vector256.Create(128);
        var flip = Vector256.Create(unchecked((short)0x8000));
        for (int i = 0; ; i += 16)
        {
            if (i > rowLen - 16) i = rowLen - 16;
            ref byte p = ref Unsafe.Add(ref e, i);
            Vector256<int> lo = half, hi = half;
            for (int j = 0; j < m; j += 2)
            {
                Vector256<short> a = j < mirrored
                    ? Widen16(ref Unsafe.Add(ref p, j * ch)) + Widen16(ref Unsafe.Add(ref p, (n - 1 - j) * ch))
                    : Widen16(ref Unsafe.Add(ref p, j * ch));
                Vector256<short> b = j + 1 < mirrored
                    ? Widen16(ref Unsafe.Add(ref p, (j + 1) * ch)) + Widen16(ref Unsafe.Add(ref p, (n - 2 - j) * ch))
                    : j + 1 < m ? Widen16(ref Unsafe.Add(ref p, (j + 1) * ch)) : a;
                var w = Vector256.Create(Unsafe.Add(ref pairs, j / 2)).AsInt16();
                lo += Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(a, b), w);
                hi += Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(a, b), w);
            }
            var r = Avx2.PackUnsignedSaturate(Vector256.ShiftRightLogical(lo, 8), Vector256.ShiftRightLogical(hi, 8)).AsInt16() ^ flip;
            r.StoreUnsafe(ref Unsafe.Add(ref o, i));
            if (i == rowLen - 16) return;
        }
    }

    // One output row from the stored row values of its ny tap rows (row offsets in rows, rows[ny] repeating the last).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaddColumn256(ref short h, ref byte d, int rowLen, ref int rows, int ny, ref int pairs)
    {
        var start = Vector256.Create(unchecked((int)0x80800000u)); // 2^31 (the bias) + 2^23 (half)
        for (int i = 0; ; i += 16)
        {
            if (i > rowLen - 16) i = rowLen - 16;
            Vector256<int> lo = start, hi = start;
            for (int t = 0; t < ny; t += 2)
            {
                var a = Vector256.LoadUnsafe(ref Unsafe.Add(ref h, Unsafe.Add(ref rows, t) + i));
                var b = Vector256.LoadUnsafe(ref Unsafe.Add(ref h, Unsafe.Add(ref rows, t + 1) + i));
                var w = Vector256.Create(Unsafe.Add(ref pairs, t / 2)).AsInt16();
                lo += Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(a, b), w);
                hi += Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(a, b), w);
            }
            var v = Avx2.PackUnsignedSaturate(Vector256.ShiftRightLogical(lo, 24), Vector256.ShiftRightLogical(hi, 24)).AsInt16();
            Sse2.PackUnsignedSaturate(v.GetLower(), v.GetUpper()).StoreUnsafe(ref Unsafe.Add(ref d, i));
            if (i == rowLen - 16) return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> Widen16x32(ref byte p) => Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref p));

    // MaddRow256 with 32 samples a step (AVX-512 BW).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaddRow512(ref byte e, ref short o, int rowLen, int ch, int n, int m, int mirrored, ref int pairs)
    {
        var half = Vector512.Create(128);
        var flip = Vector512.Create(unchecked((short)0x8000));
        for (int i = 0; ; i += 32)
        {
            if (i > rowLen - 32) i = rowLen - 32;
            ref byte p = ref Unsafe.Add(ref e, i);
            Vector512<int> lo = half, hi = half;
            for (int j = 0; j < m; j += 2)
            {
                Vector512<short> a = j < mirrored
                    ? Widen16x32(ref Unsafe.Add(ref p, j * ch)) + Widen16x32(ref Unsafe.Add(ref p, (n - 1 - j) * ch))
                    : Widen16x32(ref Unsafe.Add(ref p, j * ch));
                Vector512<short> b = j + 1 < mirrored
                    ? Widen16x32(ref Unsafe.Add(ref p, (j + 1) * ch)) + Widen16x32(ref Unsafe.Add(ref p, (n - 2 - j) * ch))
                    : j + 1 < m ? Widen16x32(ref Unsafe.Add(ref p, (j + 1) * ch)) : a;
                var w = Vector512.Create(Unsafe.Add(ref pairs, j / 2)).AsInt16();
                lo += Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(a, b), w);
                hi += Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(a, b), w);
            }
            var r = Avx512BW.PackUnsignedSaturate(Vector512.ShiftRightLogical(lo, 8), Vector512.ShiftRightLogical(hi, 8)).AsInt16() ^ flip;
            r.StoreUnsafe(ref Unsafe.Add(ref o, i));
            if (i == rowLen - 32) return;
        }
    }

    // MaddColumn256 with 32 samples a step (AVX-512 BW).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaddColumn512(ref short h, ref byte d, int rowLen, ref int rows, int ny, ref int pairs)
    {
        var start = Vector512.Create(unchecked((int)0x80800000u)); // 2^31 (the bias) + 2^23 (half)
        for (int i = 0; ; i += 32)
        {
            if (i > rowLen - 32) i = rowLen - 32;
            Vector512<int> lo = start, hi = start;
            for (int t = 0; t < ny; t += 2)
            {
                var a = Vector512.LoadUnsafe(ref Unsafe.Add(ref h, Unsafe.Add(ref rows, t) + i));
                var b = Vector512.LoadUnsafe(ref Unsafe.Add(ref h, Unsafe.Add(ref rows, t + 1) + i));
                var w = Vector512.Create(Unsafe.Add(ref pairs, t / 2)).AsInt16();
                lo += Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(a, b), w);
                hi += Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(a, b), w);
            }
            var v = Avx512BW.PackUnsignedSaturate(Vector512.ShiftRightLogical(lo, 24), Vector512.ShiftRightLogical(hi, 24));
            Avx512BW.ConvertToVector256Byte(v).StoreUnsafe(ref Unsafe.Add(ref d, i));
            if (i == rowLen - 32) return;
        }
    }
}
