using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// Rows of 1-, 3- or 4-byte pixels reversed in pixel order (the horizontal flip, the half turn, reflected pad runs) at
/// about copy speed. A block of P pixels (64 with AVX-512 VBMI, 32 with AVX2) is written as whole output vectors, each
/// taken from the few source bytes it needs: output vector k's bytes come from a source range at most one vector and a
/// pixel long, read as two overlapping loads (A at the range's start, B ending at its end) and merged by one two-source
/// byte permute (<c>vpermi2b</c>) or, with AVX2, two in-lane byte shuffles and an OR per 16-byte half (3-byte pixels in
/// rows with a row above and below: two whole 256-bit loads, two shuffles, an OR and one lane swap per output vector,
/// see <c>AvxSwap</c>). The loads' and
/// stores' offsets and the permute indices are built once per channel count. Blocks run left to right over the
/// destination row from the source row's right end; the pixels left over (fewer than P) are one more block that
/// overlaps the last (output n - P .. n - 1 from input P - 1 .. 0, the overlap written twice with the same values), so
/// every store is a whole vector inside the row. Rows shorter than a block go to the next narrower width (VBMI, AVX2,
/// SSSE3 16-pixel blocks of <see cref="ReverseLanes"/>, then one pixel at a time). Every path writes
/// <c>dst[x] = src[n - 1 - x]</c> pixel for pixel: the same bits as the scalar loop.
/// </summary>
internal static class MirrorRows
{
    /// <summary>The widest block path for <paramref name="path"/> (already resolved): 3 VBMI, 2 AVX2, 1 SSSE3, 0 scalar.</summary>
    internal static int LevelFor(SimdPath path) => path switch
    {
        SimdPath.Vector512 when Avx512Vbmi.IsSupported && Avx512BW.IsSupported => 3,
        SimdPath.Vector512 or SimdPath.Vector256 when Avx2.IsSupported => 2,
        SimdPath.Vector512 or SimdPath.Vector256 or SimdPath.Vector128 when Ssse3.IsSupported => 1,
        _ => 0,
    };

    // VBMI: per channel count, for output vector k of a 64-pixel block, the byte offsets (from the block's first source
    // byte) of loads A and B and the vpermi2b indices (0-63 from A, 64-127 from B).
    private sealed class Vbmi
    {
        public readonly int[] A, B;
        public readonly Vector512<byte>[] Idx;

        public Vbmi(int channels)
        {
            A = new int[channels]; B = new int[channels]; Idx = new Vector512<byte>[channels];
            Span<byte> m = stackalloc byte[64];
            for (int k = 0; k < channels; k++)
            {
                var (lo, hi) = Range(64, channels, 64 * k, 64);
                A[k] = lo; B[k] = Math.Max(lo, hi - 64);
                for (int l = 0; l < 64; l++)
                {
                    int q = Source(64, channels, 64 * k + l);
                    m[l] = q - lo < 64 ? (byte)(q - lo) : (byte)(64 + q - B[k]);
                }
                Idx[k] = Vector512.Create((ReadOnlySpan<byte>)m);
            }
        }
    }

    // AVX2: per channel count, for output vector k (32 bytes, two 16-byte halves) of a 32-pixel block, the offsets of
    // the A and B loads of each half and the pshufb masks picking from A and from B (0x80 zeroes).
    private sealed class Avx
    {
        public readonly int[] A, B; // two per output vector: [2k] the low half, [2k + 1] the high half
        public readonly Vector256<byte>[] MaskA, MaskB;

        public Avx(int channels)
        {
            A = new int[2 * channels]; B = new int[2 * channels];
            MaskA = new Vector256<byte>[channels]; MaskB = new Vector256<byte>[channels];
            Span<byte> ma = stackalloc byte[32], mb = stackalloc byte[32];
            for (int h = 0; h < 2 * channels; h++)
            {
                var (lo, hi) = Range(32, channels, 16 * h, 16);
                A[h] = lo; B[h] = Math.Max(lo, hi - 16);
                for (int l = 0; l < 16; l++)
                {
                    int q = Source(32, channels, 16 * h + l), at = 16 * (h % 2) + l;
                    bool fromA = q - lo < 16;
                    ma[at] = fromA ? (byte)(q - lo) : (byte)0x80;
                    mb[at] = fromA ? (byte)0x80 : (byte)(q - B[h]);
                }
                if (h % 2 == 1)
                {
                    MaskA[h / 2] = Vector256.Create((ReadOnlySpan<byte>)ma);
                    MaskB[h / 2] = Vector256.Create((ReadOnlySpan<byte>)mb);
                }
            }
        }
    }

    // AVX2, three channels, rows with a row above and below: output vector k of a 32-pixel block as one 256-bit vector
    // whose lane 0 holds the output's high half and lane 1 its low half (a reversed row puts the later source bytes
    // first), so both halves come from two whole 256-bit loads (A at PA[k], B at PB[k], offsets from the block's first
    // source byte, each lane picking from its own lane of A and B) and the halves are stored swapped. The loads reach
    // one byte before and after the block, which is why the first and last rows of an image keep the loads of Avx.
    private sealed class AvxSwap
    {
        public readonly int[] PA = new int[3], PB = new int[3];
        public readonly Vector256<byte>[] MaskA = new Vector256<byte>[3], MaskB = new Vector256<byte>[3];

        public AvxSwap()
        {
            Span<byte> ma = stackalloc byte[32], mb = stackalloc byte[32];
            for (int k = 0; k < 3; k++)
            {
                var (lo0, hi0) = Range(32, 3, 32 * k, 16);      // the output's low half (lane 1)
                var (lo1, hi1) = Range(32, 3, 32 * k + 16, 16); // its high half (lane 0)
                int pa = Math.Min(lo1, lo0 - 16), pb = Math.Max(hi1 - 16, hi0 - 32);
                PA[k] = pa; PB[k] = pb;
                for (int at = 0; at < 32; at++)
                {
                    // Lane 0 (at < 16) is output byte 32k + 16 + at, lane 1 output byte 32k + at - 16; lane L of a load
                    // at p holds source bytes [p + 16 L, p + 16 L + 16).
                    int lane = at / 16, j = lane == 0 ? 32 * k + 16 + at : 32 * k + at - 16;
                    int q = Source(32, 3, j), fromA = q - pa - 16 * lane, fromB = q - pb - 16 * lane;
                    if (fromA is >= 0 and < 16) { ma[at] = (byte)fromA; mb[at] = 0x80; }
                    else if (fromB is >= 0 and < 16) { ma[at] = 0x80; mb[at] = (byte)fromB; }
                    else throw new InvalidOperationException($"MirrorRows: output byte {j} (source {q}) is in neither load");
                }
                MaskA[k] = Vector256.Create((ReadOnlySpan<byte>)ma);
                MaskB[k] = Vector256.Create((ReadOnlySpan<byte>)mb);
            }
        }
    }

    // The source byte (from the block's first) of output byte j of a block of p pixels.
    private static int Source(int p, int channels, int j) => (p - 1 - j / channels) * channels + j % channels;

    // The source bytes [lo, hi) that output bytes [start, start + count) of a block of p pixels read.
    private static (int Lo, int Hi) Range(int p, int channels, int start, int count)
    {
        int lo = int.MaxValue, hi = 0;
        for (int j = start; j < start + count; j++)
        {
            int q = Source(p, channels, j);
            lo = Math.Min(lo, q); hi = Math.Max(hi, q + 1);
        }
        return (lo, hi);
    }

    private static readonly Vbmi?[] VbmiTables = Avx512Vbmi.IsSupported ? [null, new Vbmi(1), null, new Vbmi(3), new Vbmi(4)] : [];
    private static readonly Avx?[] AvxTables = Avx2.IsSupported ? [null, new Avx(1), null, new Avx(3), new Avx(4)] : [];
    private static readonly AvxSwap? AvxSwap3 = Avx2.IsSupported ? new AvxSwap() : null;

    /// <summary>Reverses <paramref name="height"/> rows of <paramref name="width"/> pixels of <paramref name="channels"/>
    /// (1, 3 or 4) bytes from <paramref name="s"/> into <paramref name="d"/> (not overlapping), with the block path
    /// <paramref name="level"/> of <see cref="LevelFor"/> or narrower.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Rows(ref byte s, ref byte d, int width, int height, int channels, int level)
    {
        int row = width * channels;
        if (level == 1 && width >= 16)
        {
            // SSSE3: the masks fetched once for all rows.
            Vector128<byte>[] masks = ReverseLanes.For(channels);
            int blocks = width / 16, all = width % 16 == 0 ? blocks : blocks + 1;
            for (int y = 0; y < height; y++)
            {
                ref byte rs = ref Unsafe.Add(ref s, (nint)y * row);
                ref byte rd = ref Unsafe.Add(ref d, (nint)y * row);
                for (int b = 0; b < all; b++)
                {
                    int o = b < blocks ? b * 16 : width - 16;
                    ReverseLanes.Block16(ref Unsafe.Add(ref rs, row - (o + 16) * channels), ref Unsafe.Add(ref rd, o * channels), channels, masks);
                }
            }
            return;
        }
        if (level >= 3 && width >= 64) { RowVbmi(ref s, ref d, width, channels, height); return; }
        if (level >= 2 && width >= 32) { RowAvx2(ref s, ref d, width, channels, height); return; }
        for (int y = 0; y < height; y++)
            Row(ref Unsafe.Add(ref s, (nint)y * row), ref Unsafe.Add(ref d, (nint)y * row), width, channels, level);
    }

    /// <summary>One row of <paramref name="n"/> pixels reversed; as <see cref="Rows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Row(ref byte s, ref byte d, int n, int channels, int level)
    {
        if (level >= 3 && n >= 64) { RowVbmi(ref s, ref d, n, channels, 1); return; }
        if (level >= 2 && n >= 32) { RowAvx2(ref s, ref d, n, channels, 1); return; }
        if (level >= 1 && n >= 16) { Row16(ref s, ref d, n, channels); return; }
        for (int x = 0; x < n; x++)
            for (int c = 0; c < channels; c++)
                Unsafe.Add(ref d, x * channels + c) = Unsafe.Add(ref s, (n - 1 - x) * channels + c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowVbmi(ref byte s0, ref byte d0, int n, int channels, int height)
    {
        Vbmi t = VbmiTables[channels]!;
        int blocks = n / 64, all = n % 64 == 0 ? blocks : blocks + 1, bytes = n * channels;
        switch (channels)
        {
            case 3:
            {
                Vector512<byte> i0 = t.Idx[0], i1 = t.Idx[1], i2 = t.Idx[2];
                nuint a0 = (nuint)t.A[0], a1 = (nuint)t.A[1], a2 = (nuint)t.A[2];
                nuint b0 = (nuint)t.B[0], b1 = (nuint)t.B[1], b2 = (nuint)t.B[2];
                for (int y = 0; y < height; y++)
                for (int b = 0; b < all; b++)
                {
                    ref byte s = ref Unsafe.Add(ref s0, (nint)y * bytes);
                    ref byte d = ref Unsafe.Add(ref d0, (nint)y * bytes);
                    int o = b < blocks ? b * 64 : n - 64;
                    ref byte src = ref Unsafe.Add(ref s, bytes - (o + 64) * 3);
                    ref byte dst = ref Unsafe.Add(ref d, o * 3);
                    Avx512Vbmi.PermuteVar64x8x2(Vector512.LoadUnsafe(ref src, a0), i0, Vector512.LoadUnsafe(ref src, b0)).StoreUnsafe(ref dst);
                    Avx512Vbmi.PermuteVar64x8x2(Vector512.LoadUnsafe(ref src, a1), i1, Vector512.LoadUnsafe(ref src, b1)).StoreUnsafe(ref dst, 64);
                    Avx512Vbmi.PermuteVar64x8x2(Vector512.LoadUnsafe(ref src, a2), i2, Vector512.LoadUnsafe(ref src, b2)).StoreUnsafe(ref dst, 128);
                }
                break;
            }
            default:
            {
                // One and four channels: each output vector is one whole source vector permuted (A = B).
                for (int y = 0; y < height; y++)
                for (int b = 0; b < all; b++)
                {
                    ref byte s = ref Unsafe.Add(ref s0, (nint)y * bytes);
                    ref byte d = ref Unsafe.Add(ref d0, (nint)y * bytes);
                    int o = b < blocks ? b * 64 : n - 64;
                    ref byte src = ref Unsafe.Add(ref s, bytes - (o + 64) * channels);
                    ref byte dst = ref Unsafe.Add(ref d, o * channels);
                    for (int k = 0; k < channels; k++)
                        Avx512Vbmi.PermuteVar64x8(Vector512.LoadUnsafe(ref src, (nuint)t.A[k]), t.Idx[k]).StoreUnsafe(ref dst, (nuint)(64 * k));
                }
                break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Two(ref byte src, int lo, int hi) =>
        Vector256.Create(Vector128.LoadUnsafe(ref src, (nuint)lo), Vector128.LoadUnsafe(ref src, (nuint)hi));

    // One output vector of AvxSwap: lane 0 (the output's high half) stored 16 bytes in, lane 1 (its low half) first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swapped(ref byte src, nint pa, nint pb, Vector256<byte> ma, Vector256<byte> mb, ref byte dst)
    {
        var r = Avx2.Shuffle(Vector256.LoadUnsafe(ref Unsafe.Add(ref src, pa)), ma) | Avx2.Shuffle(Vector256.LoadUnsafe(ref Unsafe.Add(ref src, pb)), mb);
        Avx2.Permute4x64(r.AsUInt64(), 0x4E).AsByte().StoreUnsafe(ref dst);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowAvx2(ref byte s0, ref byte d0, int n, int channels, int height)
    {
        Avx t = AvxTables[channels]!;
        int blocks = n / 32, all = n % 32 == 0 ? blocks : blocks + 1, bytes = n * channels;
        switch (channels)
        {
            case 3:
            {
                Vector256<byte> ma0 = t.MaskA[0], ma1 = t.MaskA[1], ma2 = t.MaskA[2];
                Vector256<byte> mb0 = t.MaskB[0], mb1 = t.MaskB[1], mb2 = t.MaskB[2];
                int[] a = t.A, bb = t.B;
                int a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4], a5 = a[5];
                int b0 = bb[0], b1 = bb[1], b2 = bb[2], b3 = bb[3], b4 = bb[4], b5 = bb[5];
                AvxSwap w = AvxSwap3!;
                Vector256<byte> sa0 = w.MaskA[0], sa1 = w.MaskA[1], sa2 = w.MaskA[2], sb0 = w.MaskB[0], sb1 = w.MaskB[1], sb2 = w.MaskB[2];
                nint p0 = w.PA[0], p1 = w.PA[1], p2 = w.PA[2], q0 = w.PB[0], q1 = w.PB[1], q2 = w.PB[2];
                for (int y = 0; y < height; y++)
                {
                    ref byte s = ref Unsafe.Add(ref s0, (nint)y * bytes);
                    ref byte d = ref Unsafe.Add(ref d0, (nint)y * bytes);
                    if (y > 0 && y < height - 1)
                    {
                        // A row above and below: the swapped-lane blocks (AvxSwap), whose loads may reach a byte into them.
                        for (int b = 0; b < all; b++)
                        {
                            int o = b < blocks ? b * 32 : n - 32;
                            ref byte src = ref Unsafe.Add(ref s, bytes - (o + 32) * 3);
                            ref byte dst = ref Unsafe.Add(ref d, o * 3);
                            Swapped(ref src, p0, q0, sa0, sb0, ref dst);
                            Swapped(ref src, p1, q1, sa1, sb1, ref Unsafe.Add(ref dst, 32));
                            Swapped(ref src, p2, q2, sa2, sb2, ref Unsafe.Add(ref dst, 64));
                        }
                        continue;
                    }
                    for (int b = 0; b < all; b++)
                    {
                        int o = b < blocks ? b * 32 : n - 32;
                        ref byte src = ref Unsafe.Add(ref s, bytes - (o + 32) * 3);
                        ref byte dst = ref Unsafe.Add(ref d, o * 3);
                        (Avx2.Shuffle(Two(ref src, a0, a1), ma0) | Avx2.Shuffle(Two(ref src, b0, b1), mb0)).StoreUnsafe(ref dst);
                        (Avx2.Shuffle(Two(ref src, a2, a3), ma1) | Avx2.Shuffle(Two(ref src, b2, b3), mb1)).StoreUnsafe(ref dst, 32);
                        (Avx2.Shuffle(Two(ref src, a4, a5), ma2) | Avx2.Shuffle(Two(ref src, b4, b5), mb2)).StoreUnsafe(ref dst, 64);
                    }
                }
                break;
            }
            default:
            {
                // One and four channels: every 16-byte half comes from one source vector (A = B).
                for (int y = 0; y < height; y++)
                for (int b = 0; b < all; b++)
                {
                    ref byte s = ref Unsafe.Add(ref s0, (nint)y * bytes);
                    ref byte d = ref Unsafe.Add(ref d0, (nint)y * bytes);
                    int o = b < blocks ? b * 32 : n - 32;
                    ref byte src = ref Unsafe.Add(ref s, bytes - (o + 32) * channels);
                    ref byte dst = ref Unsafe.Add(ref d, o * channels);
                    for (int k = 0; k < channels; k++)
                        Avx2.Shuffle(Two(ref src, t.A[2 * k], t.A[2 * k + 1]), t.MaskA[k]).StoreUnsafe(ref dst, (nuint)(32 * k));
                }
                break;
            }
        }
    }

    // SSSE3: 16-pixel blocks of ReverseLanes, the last one overlapping.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row16(ref byte s, ref byte d, int n, int channels)
    {
        Vector128<byte>[] masks = ReverseLanes.For(channels);
        int blocks = n / 16, all = n % 16 == 0 ? blocks : blocks + 1, bytes = n * channels;
        for (int b = 0; b < all; b++)
        {
            int o = b < blocks ? b * 16 : n - 16;
            ReverseLanes.Block16(ref Unsafe.Add(ref s, bytes - (o + 16) * channels), ref Unsafe.Add(ref d, o * channels), channels, masks);
        }
    }
}
