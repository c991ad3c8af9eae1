using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// The horizontal pass of the separable fixed-point resize with AVX2 gathers: the per-pixel column tables are spread to
// one entry per output sample (offset of each tap plus the channel, the weight repeated), once per call; a row then runs
// eight samples at a time: two 32-bit gathers at the tap offsets, the low byte of each, and the scalar pass's integer
// formula h = (p0 (2048 - a1) + p1 a1 + 8) >> 4, exact in int32, so the bits are the scalar pass's. Blocks with a tap
// that is not a source sample (Constant fill, a coordinate that is not finite) or whose gathered word would end past the
// source run per sample with the scalar formula.
internal static partial class FixedGeometry
{
    /// <summary>Per-sample column tables for <see cref="HRowAvx2"/>, rented; <see cref="Return"/> gives them back.</summary>
    private readonly struct SampleColumns
    {
        public readonly int[] X0, X1, A1, BlockMax;
        public readonly int Count;

        public SampleColumns(int[] cx0, int[] cx1, short[] ax, int dstWidth, int channels)
        {
            int n = dstWidth * channels, blocks = n / 8;
            var pool = ArrayPool<int>.Shared;
            X0 = pool.Rent(n); X1 = pool.Rent(n); A1 = pool.Rent(n); BlockMax = pool.Rent(Math.Max(1, blocks));
            Count = n;
            for (int j = 0; j < dstWidth; j++)
                for (int c = 0; c < channels; c++)
                {
                    int t = j * channels + c;
                    X0[t] = cx0[j] < 0 ? cx0[j] : cx0[j] + c;
                    X1[t] = cx1[j] < 0 ? cx1[j] : cx1[j] + c;
                    A1[t] = ax[j];
                }
            // The largest tap offset of each block of eight samples; int.MaxValue when one is not a source sample.
            for (int b = 0; b < blocks; b++)
            {
                int mx = 0;
                for (int t = 8 * b; t < 8 * b + 8; t++)
                {
                    if (X0[t] < 0 || X1[t] < 0) { mx = int.MaxValue; break; }
                    mx = Math.Max(mx, Math.Max(X0[t], X1[t]));
                }
                BlockMax[b] = mx;
            }
        }

        public void Return()
        {
            var pool = ArrayPool<int>.Shared;
            pool.Return(X0); pool.Return(X1); pool.Return(A1); pool.Return(BlockMax);
        }
    }

    // One source row (offset r >= 0) through the per-sample tables into h.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void HRowAvx2(ReadOnlySpan<byte> src, int r, int channels, in SampleColumns cols, ReadOnlySpan<byte> fill, ushort[] h)
    {
        int n = cols.Count, blocks = n / 8;
        // A gathered word starts at r + offset and must end inside the source.
        long limit = (long)src.Length - 4 - r;
        var one = Vector256.Create(ResizeOne);
        var round = Vector256.Create(RowRound);
        var low = Vector256.Create(0xFF);
        fixed (byte* s0 = src)
        fixed (ushort* d = h)
        fixed (int* x0 = cols.X0)
        fixed (int* x1 = cols.X1)
        fixed (int* a = cols.A1)
        {
            byte* s = s0 + r;
            for (int b = 0; b < blocks; b++)
            {
                int t = 8 * b;
                if (cols.BlockMax[b] > limit)
                {
                    HSamples(src, r, channels, cols, fill, h, t, t + 8);
                    continue;
                }
                var p = Avx2.GatherVector256((int*)s, Avx.LoadVector256(x0 + t), 1) & low;
                var q = Avx2.GatherVector256((int*)s, Avx.LoadVector256(x1 + t), 1) & low;
                var a1 = Avx.LoadVector256(a + t);
                var v = Avx2.ShiftRightArithmetic(Avx2.MultiplyLow(p, one - a1) + Avx2.MultiplyLow(q, a1) + round, RowShift);
                var packed = Avx2.PackUnsignedSaturate(v, v);
                var ordered = Avx2.Permute4x64(packed.AsUInt64(), 0b_00_00_10_00).AsUInt16();
                Sse2.Store(d + t, ordered.GetLower());
            }
        }
        HSamples(src, r, channels, cols, fill, h, 8 * blocks, n);
    }

    // Samples start .. end - 1 of one row, one at a time: the scalar pass's formula (a Constant tap reads the fill, a
    // coordinate that is not finite reads 0 and is overwritten with the fill afterwards).
    private static void HSamples(ReadOnlySpan<byte> src, int r, int channels, in SampleColumns cols, ReadOnlySpan<byte> fill,
        ushort[] h, int start, int end)
    {
        for (int t = start; t < end; t++)
        {
            int c = t % channels, o0 = cols.X0[t], o1 = cols.X1[t], a1 = cols.A1[t], a0 = ResizeOne - a1;
            int p0 = o0 < 0 ? (o0 == -2 ? 0 : fill[c]) : src[r + o0];
            int p1 = o1 < 0 ? (o1 == -2 ? 0 : fill[c]) : src[r + o1];
            h[t] = (ushort)((p0 * a0 + p1 * a1 + RowRound) >> RowShift);
        }
    }
}

// The horizontal pass with AVX-512 VBMI, no gathers: per block of 32 samples whose taps span at most 128 source bytes,
// one two-register byte permutation (vpermi2b) places each sample's two taps side by side, the pairs widen to 16-bit
// words and one multiply-add of adjacent words (vpmaddwd) against the (2048 - a1, a1) pairs gives p0 (2048 - a1) + p1 a1
// exactly in 32 bits; + 8, >> 4: the scalar pass's formula, so the same bits. Blocks with a fill tap, a wider span, or
// a 128-byte read that would pass the end of the source run per sample.
internal static partial class FixedGeometry
{
    private const int VbmiBlock = 32;

    /// <summary>Per-block permutation indices and weight pairs for <see cref="HRowVbmi"/>, rented.</summary>
    private readonly struct VbmiColumns
    {
        public readonly byte[] Index;
        public readonly short[] Weight;
        // The first source byte of each block's 128-byte window (relative to the row), -1 where the block runs per sample.
        public readonly int[] Base;
        public readonly int Blocks;

        public VbmiColumns(in SampleColumns cols)
        {
            Blocks = cols.Count / VbmiBlock;
            Index = ArrayPool<byte>.Shared.Rent(Math.Max(1, Blocks) * 64);
            Weight = ArrayPool<short>.Shared.Rent(Math.Max(1, Blocks) * 64);
            Base = ArrayPool<int>.Shared.Rent(Math.Max(1, Blocks));
            for (int b = 0; b < Blocks; b++)
            {
                int t0 = VbmiBlock * b, lo = int.MaxValue, hi = -1;
                for (int t = t0; t < t0 + VbmiBlock; t++)
                {
                    int x0 = cols.X0[t], x1 = cols.X1[t];
                    if (x0 < 0 || x1 < 0) { hi = int.MaxValue; break; }
                    lo = Math.Min(lo, Math.Min(x0, x1));
                    hi = Math.Max(hi, Math.Max(x0, x1));
                }
                if (hi == int.MaxValue || hi - lo > 127) { Base[b] = -1; continue; }
                Base[b] = lo;
                for (int m = 0; m < VbmiBlock; m++)
                {
                    int t = t0 + m;
                    Index[64 * b + 2 * m] = (byte)(cols.X0[t] - lo);
                    Index[64 * b + 2 * m + 1] = (byte)(cols.X1[t] - lo);
                    Weight[64 * b + 2 * m] = (short)(ResizeOne - cols.A1[t]);
                    Weight[64 * b + 2 * m + 1] = (short)cols.A1[t];
                }
            }
        }

        public void Return()
        {
            ArrayPool<byte>.Shared.Return(Index); ArrayPool<short>.Shared.Return(Weight); ArrayPool<int>.Shared.Return(Base);
        }
    }

    // One source row (offset r >= 0) through the VBMI tables into h.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void HRowVbmi(ReadOnlySpan<byte> src, int r, int channels, in SampleColumns cols, in VbmiColumns v,
        ReadOnlySpan<byte> fill, ushort[] h)
    {
        // A block's window is read as 128 bytes from r + Base.
        long limit = (long)src.Length - 128 - r;
        var round = Vector512.Create(RowRound);
        fixed (byte* s0 = src)
        fixed (ushort* d = h)
        fixed (byte* ix = v.Index)
        fixed (short* wt = v.Weight)
        fixed (int* bases = v.Base)
        {
            byte* s = s0 + r;
            for (int b = 0; b < v.Blocks; b++)
            {
                int at = bases[b], t = VbmiBlock * b;
                if (at < 0 || at > limit)
                {
                    HSamples(src, r, channels, cols, fill, h, t, t + VbmiBlock);
                    continue;
                }
                var pairs = Avx512Vbmi.PermuteVar64x8x2(Vector512.Load(s + at), Vector512.Load(ix + 64 * b), Vector512.Load(s + at + 64));
                var (z0, z1) = Vector512.Widen(pairs);
                var e0 = Avx512BW.MultiplyAddAdjacent(z0.AsInt16(), Vector512.Load(wt + 64 * b));
                var e1 = Avx512BW.MultiplyAddAdjacent(z1.AsInt16(), Vector512.Load(wt + 64 * b + 32));
                e0 = Vector512.ShiftRightArithmetic(e0 + round, RowShift);
                e1 = Vector512.ShiftRightArithmetic(e1 + round, RowShift);
                Vector512.Narrow(e0.AsUInt32(), e1.AsUInt32()).Store(d + t);
            }
        }
        HSamples(src, r, channels, cols, fill, h, VbmiBlock * v.Blocks, cols.Count);
    }
}
