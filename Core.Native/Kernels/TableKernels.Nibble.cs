using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// One table for every channel that is a saturating add (or subtract) of a delta that depends only on the low four bits
// of the index: t[v] = min(255, v + p[v & 15]) or t[v] = max(0, v - p[v & 15]). A brightness by a half-integer offset
// (v + 25.5 rounded half to even is v + 26 for even v and v + 25 for odd v) is such a table, and without AVX-512 VBMI the
// general lookup costs sixteen shuffles and fifteen blends per vector where this costs one AND, one shuffle and one
// saturating add. The deltas are read off the table and then checked on all 256 entries, so a table is taken only when
// the formula gives it back exactly.
public static partial class TableKernels
{
    /// <summary>Finds the sixteen deltas p with <c>t[v] = min(255, v + p[v &amp; 15])</c> (subtract false) or
    /// <c>t[v] = max(0, v - p[v &amp; 15])</c> (subtract true) for every v in 0..255, when there are any; checked on
    /// every entry. The scalar decision the tests compare the vector paths with.</summary>
    internal static bool TryNibbleDelta(ReadOnlySpan<byte> t, Span<byte> p, out bool subtract)
    {
        if (t.Length != 256) Throw.Argument(nameof(t), t.Length, "256 entries");
        if (p.Length != 16) Throw.Argument(nameof(p), p.Length, "16 entries");
        subtract = false;
        if (TryNibble(t, p, false)) return true;
        subtract = true;
        return TryNibble(t, p, true);
    }

    private static bool TryNibble(ReadOnlySpan<byte> t, Span<byte> p, bool subtract)
    {
        for (int j = 0; j < 16; j++)
        {
            // The delta of this nibble from its first entry that is not clamped; a nibble whose every entry is clamped
            // takes the largest delta (every entry then saturates, which the check below confirms or refutes).
            int delta = 255;
            for (int v = j; v < 256; v += 16)
                if (t[v] is > 0 and < 255) { delta = subtract ? v - t[v] : t[v] - v; break; }
            if (delta is < 0 or > 255) return false;
            p[j] = (byte)delta;
        }
        for (int v = 0; v < 256; v++)
        {
            int y = subtract ? Math.Max(0, v - p[v & 15]) : Math.Min(255, v + p[v & 15]);
            if (y != t[v]) return false;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Nibble256(ReadOnlySpan<byte> src, Span<byte> dst, ReadOnlySpan<byte> p, bool subtract)
    {
        var row = Vector128.Create(p);
        var lut = Vector256.Create(row, row); // vpshufb looks up within each 128-bit half
        var low = Vector256.Create((byte)0x0F);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        if (subtract)
            for (; i <= n - 64; i += 64)
            {
                var x0 = Vector256.LoadUnsafe(ref s, (nuint)i);
                var x1 = Vector256.LoadUnsafe(ref s, (nuint)i + 32);
                Avx2.SubtractSaturate(x0, Avx2.Shuffle(lut, x0 & low)).StoreUnsafe(ref d, (nuint)i);
                Avx2.SubtractSaturate(x1, Avx2.Shuffle(lut, x1 & low)).StoreUnsafe(ref d, (nuint)i + 32);
            }
        else
            for (; i <= n - 64; i += 64)
            {
                var x0 = Vector256.LoadUnsafe(ref s, (nuint)i);
                var x1 = Vector256.LoadUnsafe(ref s, (nuint)i + 32);
                Avx2.AddSaturate(x0, Avx2.Shuffle(lut, x0 & low)).StoreUnsafe(ref d, (nuint)i);
                Avx2.AddSaturate(x1, Avx2.Shuffle(lut, x1 & low)).StoreUnsafe(ref d, (nuint)i + 32);
            }
        for (; i <= n - 32; i += 32)
        {
            var x = Vector256.LoadUnsafe(ref s, (nuint)i);
            var q = Avx2.Shuffle(lut, x & low);
            (subtract ? Avx2.SubtractSaturate(x, q) : Avx2.AddSaturate(x, q)).StoreUnsafe(ref d, (nuint)i);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Nibble128(ReadOnlySpan<byte> src, Span<byte> dst, ReadOnlySpan<byte> p, bool subtract)
    {
        var lut = Vector128.Create(p);
        var low = Vector128.Create((byte)0x0F);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        for (; i <= n - 16; i += 16)
        {
            var x = Vector128.LoadUnsafe(ref s, (nuint)i);
            var q = Ssse3.Shuffle(lut, x & low);
            (subtract ? Sse2.SubtractSaturate(x, q) : Sse2.AddSaturate(x, q)).StoreUnsafe(ref d, (nuint)i);
        }
        return i;
    }
}
