using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// The per-call checks Apply makes before it picks a path, in SIMD: whether the tables are the identity, and which single
// byte operation (if any) one table for every channel is (TryShapeScalar is the reference). They run on every byte
// point group, so for a small image they are a visible part of the call (invert at 224 x 224: about a sixth).
public static partial class TableKernels
{
    // Whether every table is the identity: each 256-entry table compared with the ramp 0..255, 32 or 16 entries a step.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool IsIdentity(ReadOnlySpan<byte> tables, int channels, bool avx2)
    {
        ref byte t = ref MemoryMarshal.GetReference(tables);
        int n = 256 * channels;
        if (avx2)
        {
            var ramp = Ramp256();
            var step = Vector256.Create((byte)32);
            var r = ramp;
            for (int i = 0; i < n; i += 32)
            {
                if (!Vector256.EqualsAll(Vector256.LoadUnsafe(ref t, (nuint)i), r)) return false;
                r = (i + 32) % 256 == 0 ? ramp : r + step;
            }
            return true;
        }
        if (Sse2.IsSupported)
        {
            var ramp = Ramp128();
            var step = Vector128.Create((byte)16);
            var r = ramp;
            for (int i = 0; i < n; i += 16)
            {
                if (!Vector128.EqualsAll(Vector128.LoadUnsafe(ref t, (nuint)i), r)) return false;
                r = (i + 16) % 256 == 0 ? ramp : r + step;
            }
            return true;
        }
        for (int v = 0; v < n; v++) if (tables[v] != (byte)v) return false;
        return true;
    }

    // TryShapeScalar on the widest x86 path (AVX2: 8 blocks of 32 entries; else SSE2: 16 blocks of 16), the same answer.
    private static bool TryShape(ReadOnlySpan<byte> t, bool avx2, out Shape shape, out byte k) =>
        avx2 ? TryShape256(t, out shape, out k)
        : Sse2.IsSupported ? TryShape128(t, out shape, out k)
        : TryShapeScalar(t, out shape, out k);

    /// <summary>TryShape on a path, for the tests: Scalar the reference, Vector128 SSE2, Vector256 and Vector512 AVX2
    /// (there is no 512-bit path); a path the hardware lacks runs the next narrower one.</summary>
    internal static bool TryShapeOn(ReadOnlySpan<byte> t, SimdPath path, out Shape shape, out byte k)
    {
        if (t.Length != 256) Throw.Argument(nameof(t), t.Length, "256 entries");
        path = Simd.Resolve(path);
        if (path == SimdPath.Scalar) return TryShapeScalar(t, out shape, out k);
        bool avx2 = path is SimdPath.Vector256 or SimdPath.Vector512 && Avx2.IsSupported;
        return TryShape(t, avx2, out shape, out k);
    }

    private static Vector256<byte> Ramp256() =>
        Vector256.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);

    private static Vector128<byte> Ramp128() => Vector128.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

    // Every candidate shape checked at once, 32 entries a step; the solarize threshold is the first v with t[v] != v
    // (256 when there is none), as the scalar while loop finds it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryShape256(ReadOnlySpan<byte> table, out Shape shape, out byte k)
    {
        ref byte t = ref MemoryMarshal.GetReference(table);
        byte x = table[0], m = table[255], d = table[0], e = (byte)(255 - table[255]);
        var xv = Vector256.Create(x);
        var mv = Vector256.Create(m);
        var dv = Vector256.Create(d);
        var ev = Vector256.Create(e);
        var step = Vector256.Create((byte)32);
        // The threshold: the first entry that is not its index.
        int th = 256;
        var v = Ramp256();
        for (int i = 0; i < 256; i += 32, v += step)
        {
            uint same = Vector256.Equals(Vector256.LoadUnsafe(ref t, (nuint)i), v).ExtractMostSignificantBits();
            if (same != uint.MaxValue) { th = i + BitOperations.TrailingZeroCount(~same); break; }
        }
        bool solCandidate = th is > 0 and < 256;
        var thv = Vector256.Create((byte)(solCandidate ? th : 0));
        var ok = Vector256<byte>.AllBitsSet;
        Vector256<byte> okXor = ok, okAnd = ok, okAdd = ok, okSub = ok, okSol = ok;
        v = Ramp256();
        for (int i = 0; i < 256; i += 32, v += step)
        {
            var y = Vector256.LoadUnsafe(ref t, (nuint)i);
            okXor &= Vector256.Equals(y, v ^ xv);
            okAnd &= Vector256.Equals(y, v & mv);
            okAdd &= Vector256.Equals(y, Avx2.AddSaturate(v, dv));
            okSub &= Vector256.Equals(y, Avx2.SubtractSaturate(v, ev));
            okSol &= Vector256.Equals(y, v ^ Vector256.Equals(Vector256.Max(v, thv), v)); // v >= th: v ^ 255
        }
        bool xor = okXor == ok, and = okAnd == ok, add = okAdd == ok, sub = okSub == ok, sol = solCandidate && okSol == ok;
        return Pick(xor, and, add, sub, sol, x, m, d, e, th, out shape, out k);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryShape128(ReadOnlySpan<byte> table, out Shape shape, out byte k)
    {
        ref byte t = ref MemoryMarshal.GetReference(table);
        byte x = table[0], m = table[255], d = table[0], e = (byte)(255 - table[255]);
        var xv = Vector128.Create(x);
        var mv = Vector128.Create(m);
        var dv = Vector128.Create(d);
        var ev = Vector128.Create(e);
        var step = Vector128.Create((byte)16);
        int th = 256;
        var v = Ramp128();
        for (int i = 0; i < 256; i += 16, v += step)
        {
            uint same = Vector128.Equals(Vector128.LoadUnsafe(ref t, (nuint)i), v).ExtractMostSignificantBits();
            if (same != 0xFFFFu) { th = i + BitOperations.TrailingZeroCount(~same); break; }
        }
        bool solCandidate = th is > 0 and < 256;
        var thv = Vector128.Create((byte)(solCandidate ? th : 0));
        var ok = Vector128<byte>.AllBitsSet;
        Vector128<byte> okXor = ok, okAnd = ok, okAdd = ok, okSub = ok, okSol = ok;
        v = Ramp128();
        for (int i = 0; i < 256; i += 16, v += step)
        {
            var y = Vector128.LoadUnsafe(ref t, (nuint)i);
            okXor &= Vector128.Equals(y, v ^ xv);
            okAnd &= Vector128.Equals(y, v & mv);
            okAdd &= Vector128.Equals(y, Sse2.AddSaturate(v, dv));
            okSub &= Vector128.Equals(y, Sse2.SubtractSaturate(v, ev));
            okSol &= Vector128.Equals(y, v ^ Vector128.Equals(Vector128.Max(v, thv), v));
        }
        bool xor = okXor == ok, and = okAnd == ok, add = okAdd == ok, sub = okSub == ok, sol = solCandidate && okSol == ok;
        return Pick(xor, and, add, sub, sol, x, m, d, e, th, out shape, out k);
    }

    // The scalar reference's order of preference: XOR, AND, saturating add, saturating subtract, solarize.
    private static bool Pick(bool xor, bool and, bool add, bool sub, bool sol, byte x, byte m, byte d, byte e, int th,
                             out Shape shape, out byte k)
    {
        (shape, k) = xor ? (Shape.Xor, x) : and ? (Shape.And, m) : add ? (Shape.AddSaturate, d)
                   : sub ? (Shape.SubtractSaturate, e) : sol ? (Shape.Solarize, (byte)th) : (default(Shape), (byte)0);
        return xor || and || add || sub || sol;
    }
}
