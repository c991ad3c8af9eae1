using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// The horizontal pass of the separable fixed-point resize with byte shuffles instead of gathers. Once per call the
// output samples of a row are cut into groups of G (16 with AVX-512 VBMI, 4 with SSSE3 / AVX2); a group whose taps all
// lie in one window of 4G source bytes gets the window's start and a byte index table that places each sample's two
// taps, zero-extended, as a pair of 16-bit words, and the pair of weights (2048 - a1, a1) as words. A row then runs a
// group with one load of the window, one shuffle (vpermb over 64 bytes, or pshufb in each 16-byte lane), one
// vpmaddwd giving p0 (2048 - a1) + p1 a1 exactly in 32 bits, + 8, >> 4: the scalar pass's integer formula, so the bits
// are the scalar pass's. Groups with a tap that is not a source sample (Constant fill, a coordinate that is not
// finite), with taps spread wider than the window, or whose window would end past the source run per sample with the
// scalar formula.
internal static partial class FixedGeometry
{
    /// <summary>Per-sample and per-group column tables for <see cref="HRowShuffle"/>, rented; <see cref="Return"/>
    /// gives them back.</summary>
    private readonly struct SampleColumns
    {
        public readonly int[] X0, X1, A1, Base;
        public readonly byte[] Index;
        public readonly short[] Weights;
        public readonly int Count, Group, Groups;
        /// <summary>Groups of four run in pairs in 256-bit registers (two 16-byte windows); else one per 128-bit register.</summary>
        public readonly bool Wide;

        /// <summary>Samples per group: 16 (VBMI, 64-byte windows) or 4 (SSSE3 / AVX2, 16-byte windows); 0 for none.</summary>
        public static int GroupFor(SimdPath path, int samples)
        {
            if (path == SimdPath.Vector512 && Avx512Vbmi.IsSupported && Avx512BW.IsSupported && samples >= 16) return 16;
            if (path is SimdPath.Vector256 or SimdPath.Vector512 && Avx2.IsSupported && samples >= 4) return 4;
            if (path == SimdPath.Vector128 && Ssse3.IsSupported && Sse41.IsSupported && samples >= 4) return 4;
            return 0;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public SampleColumns(int[] cx0, int[] cx1, short[] ax, int dstWidth, int channels, int group, SimdPath path)
        {
            Wide = group == 4 && path is SimdPath.Vector256 or SimdPath.Vector512 && Avx2.IsSupported;
            int n = dstWidth * channels, groups = n / group, window = 4 * group;
            X0 = ArrayPool<int>.Shared.Rent(n); X1 = ArrayPool<int>.Shared.Rent(n); A1 = ArrayPool<int>.Shared.Rent(n);
            Base = ArrayPool<int>.Shared.Rent(Math.Max(1, groups));
            Index = ArrayPool<byte>.Shared.Rent(Math.Max(1, groups * window));
            Weights = ArrayPool<short>.Shared.Rent(Math.Max(1, groups * 2 * group));
            Count = n; Group = group; Groups = groups;
            for (int j = 0; j < dstWidth; j++)
                for (int c = 0; c < channels; c++)
                {
                    int t = j * channels + c;
                    X0[t] = cx0[j] < 0 ? cx0[j] : cx0[j] + c;
                    X1[t] = cx1[j] < 0 ? cx1[j] : cx1[j] + c;
                    A1[t] = ax[j];
                }
            for (int g = 0; g < groups; g++)
            {
                int lo = int.MaxValue, hi = int.MinValue;
                bool ok = true;
                for (int t = g * group; t < (g + 1) * group; t++)
                {
                    if (X0[t] < 0 || X1[t] < 0) { ok = false; break; }
                    lo = Math.Min(lo, Math.Min(X0[t], X1[t]));
                    hi = Math.Max(hi, Math.Max(X0[t], X1[t]));
                }
                if (!ok || hi - lo >= window) { Base[g] = -1; continue; }
                Base[g] = lo;
                for (int s = 0; s < group; s++)
                {
                    int t = g * group + s, k = g * window + 4 * s;
                    // Bytes of the words (p0, p1): low byte the tap, high byte zero (0x80: pshufb writes 0; vpermb's
                    // lane is masked off after the shuffle).
                    Index[k] = (byte)(X0[t] - lo); Index[k + 1] = 0x80;
                    Index[k + 2] = (byte)(X1[t] - lo); Index[k + 3] = 0x80;
                    Weights[g * 2 * group + 2 * s] = (short)(ResizeOne - A1[t]);
                    Weights[g * 2 * group + 2 * s + 1] = (short)A1[t];
                }
            }
        }

        public void Return()
        {
            var pool = ArrayPool<int>.Shared;
            pool.Return(X0); pool.Return(X1); pool.Return(A1); pool.Return(Base);
            ArrayPool<byte>.Shared.Return(Index); ArrayPool<short>.Shared.Return(Weights);
        }
    }

    // One source row (offset r >= 0) through the group tables into h.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void HRowShuffle(ReadOnlySpan<byte> src, int r, int channels, in SampleColumns cols, ReadOnlySpan<byte> fill, ushort[] h)
    {
        int group = cols.Group, groups = cols.Groups, window = 4 * group;
        // A window starts at r + base and must end inside the source.
        long limit = (long)src.Length - window - r;
        int[] bases = cols.Base;
        fixed (byte* s0 = src)
        fixed (ushort* d = h)
        fixed (byte* ix = cols.Index)
        fixed (short* wt = cols.Weights)
        {
            byte* s = s0 + r;
            int g = 0;
            if (group == 16)
            {
                fixed (int* bp = bases)
                    while (g < groups)
                    {
                        g = Groups16(s, d, ix, wt, bp, g, groups, limit);
                        if (g < groups) { HSamples(src, r, channels, cols, fill, h, 16 * g, 16 * g + 16); g++; }
                    }
            }
            else if (cols.Wide)
            {
                fixed (int* bp = bases)
                    while (g < groups)
                    {
                        g = GroupPairs(s, d, ix, wt, bp, g, groups, limit);
                        if (g < groups) { Group4(src, s, r, channels, cols, fill, h, g, limit, d, ix, wt); g++; }
                    }
            }
            for (; g < groups; g++) Group4(src, s, r, channels, cols, fill, h, g, limit, d, ix, wt);
        }
        HSamples(src, r, channels, cols, fill, h, cols.Groups * cols.Group, cols.Count);
    }

    // Groups of 16 from g on, until the end or the first group without a window inside the source; returns that group.
    // No calls inside, so the pointers stay in registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Groups16(byte* s, ushort* d, byte* ix, short* wt, int* bases, int g, int groups, long limit)
    {
        var words = Vector512.Create((ushort)0x00FF).AsByte();
        var round = Vector512.Create(RowRound);
        for (; g < groups; g++)
        {
            int b = bases[g];
            if (b < 0 || b > limit) break;
            var v = Avx512Vbmi.PermuteVar64x8(Vector512.Load(s + b), Vector512.Load(ix + 64 * g)) & words;
            var m = Avx512BW.MultiplyAddAdjacent(v.AsInt16(), Vector512.Load(wt + 32 * g));
            var q = Avx512F.ShiftRightArithmetic(m + round, RowShift);
            Avx512F.ConvertToVector256Int16(q).AsUInt16().Store(d + 16 * g);
        }
        return g;
    }

    // Pairs of groups of 4 from g on in 256-bit registers (two 16-byte windows), until fewer than two groups are left or
    // one of a pair has no window inside the source; returns the first group not done. No calls inside.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int GroupPairs(byte* s, ushort* d, byte* ix, short* wt, int* bases, int g, int groups, long limit)
    {
        var round = Vector256.Create(RowRound);
        for (; g + 1 < groups; g += 2)
        {
            int b0 = bases[g], b1 = bases[g + 1];
            if (b0 < 0 || b0 > limit || b1 < 0 || b1 > limit) break;
            var v = Vector256.Create(Sse2.LoadVector128(s + b0), Sse2.LoadVector128(s + b1));
            var sh = Avx2.Shuffle(v, Avx.LoadVector256(ix + 16 * g));
            var m = Avx2.MultiplyAddAdjacent(sh.AsInt16(), Avx.LoadVector256(wt + 8 * g));
            var q = Avx2.ShiftRightArithmetic(m + round, RowShift);
            var packed = Avx2.PackUnsignedSaturate(q, q);
            Sse2.Store(d + 4 * g, Avx2.Permute4x64(packed.AsUInt64(), 0b_00_00_10_00).AsUInt16().GetLower());
        }
        return g;
    }

    // One group of four samples in a 128-bit register (or per sample where the group has no window).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Group4(ReadOnlySpan<byte> src, byte* s, int r, int channels, in SampleColumns cols, ReadOnlySpan<byte> fill,
        ushort[] h, int g, long limit, ushort* d, byte* ix, short* wt)
    {
        int b = cols.Base[g];
        if (b < 0 || b > limit || cols.Group != 4) { HSamples(src, r, channels, cols, fill, h, cols.Group * g, cols.Group * g + cols.Group); return; }
        var sh = Ssse3.Shuffle(Sse2.LoadVector128(s + b), Sse2.LoadVector128(ix + 16 * g));
        var m = Sse2.MultiplyAddAdjacent(sh.AsInt16(), Sse2.LoadVector128(wt + 8 * g));
        var q = Sse2.ShiftRightArithmetic(Sse2.Add(m, Vector128.Create(RowRound)), RowShift);
        Sse2.StoreScalar((ulong*)(d + 4 * g), Sse41.PackUnsignedSaturate(q, q).AsUInt64());
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
