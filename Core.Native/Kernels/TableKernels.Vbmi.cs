using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// AVX-512 VBMI lookups: vpermi2b picks from 128 table bytes held in two registers by the index's low seven bits, so a
// 256-entry table is two of them and one byte blend on the index's top bit (vpblendmb through vpmovb2m): 64 samples in
// four instructions, against sixteen pshufb and blends per 32 samples on AVX2. Per-channel tables look each block up in
// every channel's table and keep, in each lane, the one of the lane's channel. A lookup is exact by construction: these
// paths give the scalar loop's bytes (TableKernelTests runs them against it on every length).
public static partial class TableKernels
{
    /// <summary>Whether the 64-byte VBMI lookups run for <paramref name="path"/> on this machine.</summary>
    private static bool VbmiFor(SimdPath path) => path == SimdPath.Vector512 && Avx512Vbmi.IsSupported && Avx512BW.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static Vector512<byte> Look(Vector512<byte> x, Vector512<byte> t0, Vector512<byte> t1, Vector512<byte> t2, Vector512<byte> t3) =>
        // Entries 0..127 from (t0, t1) and 128..255 from (t2, t3) by the low seven bits; the top bit of x picks between them.
        Avx512BW.BlendVariable(Avx512Vbmi.PermuteVar64x8x2(t0, x, t1), Avx512Vbmi.PermuteVar64x8x2(t2, x, t3), x);

    /// <summary>One table for every sample, 64 samples a step; returns how many samples it did (a multiple of 64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int LookupVbmi(ReadOnlySpan<byte> src, Span<byte> dst, ReadOnlySpan<byte> table)
    {
        ref byte t = ref MemoryMarshal.GetReference(table);
        Vector512<byte> t0 = Vector512.LoadUnsafe(ref t, 0), t1 = Vector512.LoadUnsafe(ref t, 64),
            t2 = Vector512.LoadUnsafe(ref t, 128), t3 = Vector512.LoadUnsafe(ref t, 192);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        for (; i <= n - 128; i += 128)
        {
            var x0 = Vector512.LoadUnsafe(ref s, (nuint)i);
            var x1 = Vector512.LoadUnsafe(ref s, (nuint)(i + 64));
            Look(x0, t0, t1, t2, t3).StoreUnsafe(ref d, (nuint)i);
            Look(x1, t0, t1, t2, t3).StoreUnsafe(ref d, (nuint)(i + 64));
        }
        for (; i <= n - 64; i += 64)
            Look(Vector512.LoadUnsafe(ref s, (nuint)i), t0, t1, t2, t3).StoreUnsafe(ref d, (nuint)i);
        return i;
    }

    /// <summary>A table per channel (3 or 4 channels), 64 samples a step: each block is looked up in every channel's
    /// table and each lane keeps its channel's answer. The lane-to-channel pattern of a block repeats every block for 4
    /// channels and every three blocks for 3 (64 = 1 mod 3). Returns how many samples it did (a whole number of blocks,
    /// and of pixels: for 3 channels, a multiple of 192).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int LookupVbmiChannels(ReadOnlySpan<byte> src, Span<byte> dst, int channels, ReadOnlySpan<byte> tables)
    {
        ref byte t = ref MemoryMarshal.GetReference(tables);
        Vector512<byte> a0 = Vector512.LoadUnsafe(ref t, 0), a1 = Vector512.LoadUnsafe(ref t, 64),
            a2 = Vector512.LoadUnsafe(ref t, 128), a3 = Vector512.LoadUnsafe(ref t, 192);
        Vector512<byte> b0 = Vector512.LoadUnsafe(ref t, 256), b1 = Vector512.LoadUnsafe(ref t, 320),
            b2 = Vector512.LoadUnsafe(ref t, 384), b3 = Vector512.LoadUnsafe(ref t, 448);
        Vector512<byte> c0 = Vector512.LoadUnsafe(ref t, 512), c1 = Vector512.LoadUnsafe(ref t, 576),
            c2 = Vector512.LoadUnsafe(ref t, 640), c3 = Vector512.LoadUnsafe(ref t, 704);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        if (channels == 4)
        {
            Vector512<byte> e0 = Vector512.LoadUnsafe(ref t, 768), e1 = Vector512.LoadUnsafe(ref t, 832),
                e2 = Vector512.LoadUnsafe(ref t, 896), e3 = Vector512.LoadUnsafe(ref t, 960);
            // Lane k holds channel k % 4 in every block.
            var lane = Vector512<byte>.Indices & Vector512.Create((byte)3);
            var is1 = Vector512.Equals(lane, Vector512.Create((byte)1));
            var is2 = Vector512.Equals(lane, Vector512.Create((byte)2));
            var is3 = Vector512.Equals(lane, Vector512.Create((byte)3));
            for (; i <= n - 64; i += 64)
            {
                var x = Vector512.LoadUnsafe(ref s, (nuint)i);
                var r = Look(x, a0, a1, a2, a3);
                r = Vector512.ConditionalSelect(is1, Look(x, b0, b1, b2, b3), r);
                r = Vector512.ConditionalSelect(is2, Look(x, c0, c1, c2, c3), r);
                r = Vector512.ConditionalSelect(is3, Look(x, e0, e1, e2, e3), r);
                r.StoreUnsafe(ref d, (nuint)i);
            }
            return i;
        }
        // Three channels: block j of a 192-sample group starts at channel (64 j) % 3 = j, so lane k holds channel
        // (k + j) % 3; the masks of the three phases are made once.
        var k3 = Vector512<byte>.Indices;
        Vector512<byte> ch0 = Mod3(k3), ch1 = Mod3(k3 + Vector512<byte>.One), ch2 = Mod3(k3 + Vector512.Create((byte)2));
        var one = Vector512<byte>.One;
        var two = Vector512.Create((byte)2);
        Vector512<byte> p0a = Vector512.Equals(ch0, one), p0b = Vector512.Equals(ch0, two);
        Vector512<byte> p1a = Vector512.Equals(ch1, one), p1b = Vector512.Equals(ch1, two);
        Vector512<byte> p2a = Vector512.Equals(ch2, one), p2b = Vector512.Equals(ch2, two);
        for (; i <= n - 192; i += 192)
        {
            var x = Vector512.LoadUnsafe(ref s, (nuint)i);
            var r = Look(x, a0, a1, a2, a3);
            r = Vector512.ConditionalSelect(p0a, Look(x, b0, b1, b2, b3), r);
            Vector512.ConditionalSelect(p0b, Look(x, c0, c1, c2, c3), r).StoreUnsafe(ref d, (nuint)i);
            x = Vector512.LoadUnsafe(ref s, (nuint)(i + 64));
            r = Look(x, a0, a1, a2, a3);
            r = Vector512.ConditionalSelect(p1a, Look(x, b0, b1, b2, b3), r);
            Vector512.ConditionalSelect(p1b, Look(x, c0, c1, c2, c3), r).StoreUnsafe(ref d, (nuint)(i + 64));
            x = Vector512.LoadUnsafe(ref s, (nuint)(i + 128));
            r = Look(x, a0, a1, a2, a3);
            r = Vector512.ConditionalSelect(p2a, Look(x, b0, b1, b2, b3), r);
            Vector512.ConditionalSelect(p2b, Look(x, c0, c1, c2, c3), r).StoreUnsafe(ref d, (nuint)(i + 128));
        }
        return i;
    }

    // k % 3 for lanes holding 0..65 (exact: the lanes are small), without a division: subtract 3 while at least 3.
    private static Vector512<byte> Mod3(Vector512<byte> k)
    {
        var three = Vector512.Create((byte)3);
        for (int step = 0; step < 22; step++)
            k -= Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(k, three), three, Vector512<byte>.Zero);
        return k;
    }
}
