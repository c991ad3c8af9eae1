using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// 8 x 8 blocks of 3-byte pixels transposed in AVX2 registers, for <see cref="FixedGeometry.Transpose"/> (odd quarter
/// turns, transposes and anti-transposes of RGB bytes). Each source row's 24 bytes are read as two 16-byte loads
/// (bytes 0-15 and 8-23, so nothing past the block is read) into the two lanes of a 256-bit vector, widened to eight
/// 32-bit pixels by one byte shuffle, transposed as 32-bit lanes (the unpack network of the 4-byte 8 x 8 block), then
/// narrowed back to 24 contiguous bytes by a byte shuffle and a cross-lane dword permute and stored as 16 + 8 bytes
/// (nothing past the block is written). A copy: the same bits as the pixel-by-pixel transpose.
/// </summary>
internal static class TransposeBlocks
{
    internal static Vector256<byte> Widen
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.Create(
        (byte)0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80,
        4, 5, 6, 0x80, 7, 8, 9, 0x80, 10, 11, 12, 0x80, 13, 14, 15, 0x80);
    }

    internal static Vector256<byte> Narrow
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.Create(
        (byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80,
        0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
    }

    internal static Vector256<uint> Gather24
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.Create(0u, 1, 2, 4, 5, 6, 7, 7);
    }

    /// <summary>Destination rows [ti, ti + 8) by columns [tj, tj + 8) of <c>dst(j, i) = src(B i + C, D j + F)</c>:
    /// <paramref name="sp"/> is source row <c>D tj + F</c> at the block's first source column c0 (the lowest of the eight),
    /// <paramref name="srcStep"/> bytes from one block row to the next (D times the source stride);
    /// <paramref name="dp"/> is destination row <c>ti</c> (B = 1) or <c>ti + 7</c> (B = -1) at column tj,
    /// <paramref name="dstStep"/> bytes from the row that takes source column c0 + r to the one that takes c0 + r + 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Block8x8x3(ref byte sp, nint srcStep, ref byte dp, nint dstStep)
    {
        Vector256<uint> r0 = Row(ref sp), r1 = Row(ref Unsafe.Add(ref sp, srcStep));
        Vector256<uint> r2 = Row(ref Unsafe.Add(ref sp, 2 * srcStep)), r3 = Row(ref Unsafe.Add(ref sp, 3 * srcStep));
        Vector256<uint> r4 = Row(ref Unsafe.Add(ref sp, 4 * srcStep)), r5 = Row(ref Unsafe.Add(ref sp, 5 * srcStep));
        Vector256<uint> r6 = Row(ref Unsafe.Add(ref sp, 6 * srcStep)), r7 = Row(ref Unsafe.Add(ref sp, 7 * srcStep));
        Transpose8x8(r0, r1, r2, r3, r4, r5, r6, r7, out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var c7);
        Put(c0, ref dp);
        Put(c1, ref Unsafe.Add(ref dp, dstStep));
        Put(c2, ref Unsafe.Add(ref dp, 2 * dstStep));
        Put(c3, ref Unsafe.Add(ref dp, 3 * dstStep));
        Put(c4, ref Unsafe.Add(ref dp, 4 * dstStep));
        Put(c5, ref Unsafe.Add(ref dp, 5 * dstStep));
        Put(c6, ref Unsafe.Add(ref dp, 6 * dstStep));
        Put(c7, ref Unsafe.Add(ref dp, 7 * dstStep));
    }

    /// <summary>The transpose of eight rows of eight 32-bit lanes: <paramref name="c0"/> .. <paramref name="c7"/> are
    /// columns 0 .. 7 (lane k of column r is lane r of row k). Serves <see cref="Block8x8x3"/> (after widening 3-byte
    /// pixels to 32 bits) and <c>FixedGeometry</c>'s 4-channel 8x8 blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Transpose8x8(Vector256<uint> r0, Vector256<uint> r1, Vector256<uint> r2, Vector256<uint> r3,
        Vector256<uint> r4, Vector256<uint> r5, Vector256<uint> r6, Vector256<uint> r7,
        out Vector256<ulong> c0, out Vector256<ulong> c1, out Vector256<ulong> c2, out Vector256<ulong> c3,
        out Vector256<ulong> c4, out Vector256<ulong> c5, out Vector256<ulong> c6, out Vector256<ulong> c7)
    {
        var t0 = Avx2.UnpackLow(r0, r1); var t1 = Avx2.UnpackHigh(r0, r1);
        var t2 = Avx2.UnpackLow(r2, r3); var t3 = Avx2.UnpackHigh(r2, r3);
        var t4 = Avx2.UnpackLow(r4, r5); var t5 = Avx2.UnpackHigh(r4, r5);
        var t6 = Avx2.UnpackLow(r6, r7); var t7 = Avx2.UnpackHigh(r6, r7);
        var u0 = Avx2.UnpackLow(t0.AsUInt64(), t2.AsUInt64()); var u1 = Avx2.UnpackHigh(t0.AsUInt64(), t2.AsUInt64());
        var u2 = Avx2.UnpackLow(t1.AsUInt64(), t3.AsUInt64()); var u3 = Avx2.UnpackHigh(t1.AsUInt64(), t3.AsUInt64());
        var u4 = Avx2.UnpackLow(t4.AsUInt64(), t6.AsUInt64()); var u5 = Avx2.UnpackHigh(t4.AsUInt64(), t6.AsUInt64());
        var u6 = Avx2.UnpackLow(t5.AsUInt64(), t7.AsUInt64()); var u7 = Avx2.UnpackHigh(t5.AsUInt64(), t7.AsUInt64());
        // Column r of the block: u_r's low 128 bits (rows 0-3) then u_{r+4}'s, for r in 0..3; columns 4..7 the high halves.
        c0 = Avx2.Permute2x128(u0, u4, 0x20); c1 = Avx2.Permute2x128(u1, u5, 0x20);
        c2 = Avx2.Permute2x128(u2, u6, 0x20); c3 = Avx2.Permute2x128(u3, u7, 0x20);
        c4 = Avx2.Permute2x128(u0, u4, 0x31); c5 = Avx2.Permute2x128(u1, u5, 0x31);
        c6 = Avx2.Permute2x128(u2, u6, 0x31); c7 = Avx2.Permute2x128(u3, u7, 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Row(ref byte p) =>
        Avx2.Shuffle(Vector256.Create(Vector128.LoadUnsafe(ref p), Vector128.LoadUnsafe(ref Unsafe.Add(ref p, 8))), Widen).AsUInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(Vector256<ulong> v, ref byte o)
    {
        var packed = Avx2.PermuteVar8x32(Avx2.Shuffle(v.AsByte(), Narrow).AsUInt32(), Gather24);
        packed.GetLower().AsByte().StoreUnsafe(ref o);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, 16), packed.GetUpper().AsUInt64().ToScalar());
    }
}
