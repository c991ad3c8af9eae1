using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// Box–Muller in vectors, bit-identical to the scalar reference by construction.
//
// The reference draws z = sqrt(-2 Math.Log(u1)) * Math.Cos(2 pi u2) (and Math.Sin for the odd sample) in scalar double.
// The vector path computes an approximation za of the same z with polynomials (below) whose distance to the reference's
// z is at most EZ = 2^-40 (bound argued below; measured, the largest distance over the test's 1.5 * 10^5 draws, edges
// included, is 5.7e-15, about 2^-47, and the test
// checks it stays under 2^-44). The output step then computes the output from za exactly as the reference does from z
// (the same double operations: v = src + stddev * za, then rounding) and also rounds v - M and v + M, where M is at
// least 16 times the largest possible distance between v and the reference's v (see GaussianMargin). Rounding (to an
// integer, half to even, or double to float32) is monotonic, so when round(v - M) == round(v + M) (compared as bits)
// every value between them, the reference's v included, rounds to the same result, and the clamps after the rounding
// are monotonic too. Only where the two differ (v within M of a rounding boundary), or where v is zero (the sign of a
// zero may follow z's sign), is the element recomputed with the reference's scalar code (Math.Log, Math.Cos, Math.Sin),
// so the output equals the reference's bit for bit. Those fall-backs are counted (GaussianFallbacks): about 2M per byte
// sample, a few in a million for floats in [0, 1].
//
// The approximation's error, per step (u = 2^-53, the unit roundoff; the reference's Math.Log, Math.Cos, Math.Sin are
// within 1 ulp, Math.Sqrt correctly rounded):
// - u1 = (N1 + 1) 2^-53 and u2 = N2 2^-53 are exact in both (N1, N2 < 2^53 integers built exactly from the words).
// - ln u1 = e ln 2 + ln m with u1 = 2^e m, m in [sqrt(1/2), sqrt(2)) (exact split); ln m = 2 atanh(s), s = f / (2 + f),
//   f = m - 1 (exact, Sterbenz), |s| <= 0.1716, s^2 <= 0.02944. The series 2s (1 + s^2/3 + ... + s^16/17) leaves a
//   relative remainder below s^18 / (19 (1 - s^2)) < 1e-15; the rounding of s, the Horner steps and the sum with
//   e ln 2 (at most a factor 2 of cancellation, as |ln m| <= ln 2 / 2) add fewer than 16u. So ln u1 is within relative
//   3e-15 of the true value, r = sqrt(-2 ln u1) within relative 2e-15 (and the reference's r within 3u), |r| <= 8.58.
// - 2 pi u2 = 2 pi t + q pi / 2 with q = round(4 u2), t = u2 - q / 4 in [-1/8, 1/8] (both exact); a = 2 pi t, |a| <= pi/4,
//   in error by at most 1u of a. sin a by its Taylor series to a^15 / 15! (remainder < a^17 / 17! < 5e-17), cos a to
//   a^16 / 16! (remainder < 3e-18), the Horner roundings under 8u; the quadrant picks +-sin, +-cos exactly. So sin and
//   cos are within 1.5e-15 absolute of the true values, as the reference's are (its argument fl(2 pi u2) is within 4u of
//   2 pi u2, and its Math.Cos within 1 ulp).
// - |za - z| <= |r| (2e-15 + 2e-15) + |r| (3e-15 + 1.5e-15) + 2 ulp(z) < 8.58 * 8.5e-15 + 4e-15 < 8e-14 < 2^-43.
// EZ = 2^-40 leaves a factor 8 on top; GaussianMargin's factor 16 comes on top of that.
public static partial class NoiseKernels
{
    /// <summary>The bound on |za - z| the margins assume (see the file's remarks).</summary>
    internal const double NormalErrorBound = 1.0 / 1099511627776.0;   // 2^-40

    [ThreadStatic] private static long _gaussianFallbacks;

    /// <summary>How many samples the vector Gaussian paths have recomputed with the scalar Box–Muller on this thread
    /// (those whose vector value lay within the safety margin of a rounding boundary); for tests and diagnostics.</summary>
    public static long GaussianFallbacks => _gaussianFallbacks;

    /// <summary>Whether the vector Box–Muller runs on <paramref name="path"/> here (AVX2 and a 256-bit or wider path).</summary>
    private static bool VectorNormals(SimdPath path) => AvxConsumer(path);

    /// <summary>
    /// M for output v = src + stddev * z: 16 times the largest distance between the vector path's v and the reference's,
    /// <c>stddev * EZ</c> (z's error scaled) plus the roundings of the product and the sum (under 2^-51 (|src| + 10 stddev),
    /// as |z| &lt;= 8.6).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double GaussianMargin(double stddev, double absSrc) =>
        16.0 * (stddev * NormalErrorBound + (absSrc + 10.0 * stddev) * (1.0 / 2251799813685248.0));

    /// <summary>The reference's normal of element <paramref name="i"/> of a chunk (block i / 2 of <paramref name="words"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static double ExactNormal(ReadOnlySpan<uint> words, int i)
    {
        int j = i >> 1;
        uint x0 = words[4 * j], x1 = words[4 * j + 1], x2 = words[4 * j + 2], x3 = words[4 * j + 3];
        double u1 = ((((ulong)(x0 >> 5) << 26) + (x1 >> 6)) + 1) * (1.0 / 9007199254740992.0);
        double u2 = Philox4x32.ToUnitDouble(x2, x3);
        double r = Math.Sqrt(-2.0 * Math.Log(u1)), theta = 2.0 * Math.PI * u2;
        return (i & 1) == 0 ? r * Math.Cos(theta) : r * Math.Sin(theta);
    }

    /// <summary>
    /// The approximate normals za of the first blocks of <paramref name="words"/> (z[2j], z[2j + 1] from block j, as
    /// <see cref="Normals"/>), a multiple of 8 blocks with 512-bit vectors or 4 with 256-bit; returns how many blocks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int NormalsApprox(ReadOnlySpan<uint> words, int nb, Span<double> z, SimdPath path)
    {
        if (!VectorNormals(path)) return 0;
        ref ulong q = ref Unsafe.As<uint, ulong>(ref MemoryMarshal.GetReference(words));
        ref double zp = ref MemoryMarshal.GetReference(z);
        int j = 0;
        if (PhiloxBatch.Effective(path) == SimdPath.Vector512)
        {
            for (; j + 8 <= nb; j += 8)
            {
                BoxMuller512(Vector512.LoadUnsafe(ref q, (nuint)(2 * j)), Vector512.LoadUnsafe(ref q, (nuint)(2 * j + 8)),
                    out var lo, out var hi);
                lo.StoreUnsafe(ref zp, (nuint)(2 * j));
                hi.StoreUnsafe(ref zp, (nuint)(2 * j + 8));
            }
        }
        for (; j + 4 <= nb; j += 4)
        {
            BoxMuller256(Vector256.LoadUnsafe(ref q, (nuint)(2 * j)), Vector256.LoadUnsafe(ref q, (nuint)(2 * j + 4)),
                out var lo, out var hi);
            lo.StoreUnsafe(ref zp, (nuint)(2 * j));
            hi.StoreUnsafe(ref zp, (nuint)(2 * j + 4));
        }
        return j;
    }

    /// <summary>
    /// The approximate normals of raw blocks <c>first .. first + nb - 1</c> straight from Philox in registers (no words in
    /// memory), 16 blocks a step on AVX-512, 8 on AVX2; z[2j], z[2j + 1] from block first + j as <see cref="NormalsApprox"/>.
    /// Returns how many blocks (0 where no 256-bit or wider path runs, or the blocks cross a 2^32 boundary of the counter).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int NormalsFused(uint key0, uint key1, uint stream0, uint stream1, long first, int nb, Span<double> z, SimdPath path)
    {
        if (!VectorNormals(path)) return 0;
        if ((first >> 32) != ((first + nb) >> 32)) return 0;
        return PhiloxBatch.Effective(path) == SimdPath.Vector512
            ? NormalsFused512(key0, key1, stream0, stream1, first, nb, z)
            : NormalsFused256(key0, key1, stream0, stream1, first, nb, z);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NormalsFused512(uint key0, uint key1, uint stream0, uint stream1, long first, int nb, Span<double> z)
    {
        ref double zp = ref MemoryMarshal.GetReference(z);
        Span<uint> keys = stackalloc uint[PhiloxBatch.KeyLanes];
        PhiloxBatch.RoundKeys(key0, key1, keys);
        ref uint kp = ref MemoryMarshal.GetReference(keys);
        int j = 0;
        for (; j + 32 <= nb; j += 32)
        {
            PhiloxBatch.Blocks512x2(ref kp, stream0, stream1, first + j,
                out var x0, out var x1, out var x2, out var x3, out var y0, out var y1, out var y2, out var y3);
            Normals16(x0, x1, x2, x3, ref Unsafe.Add(ref zp, 2 * j));
            Normals16(y0, y1, y2, y3, ref Unsafe.Add(ref zp, 2 * j + 32));
        }
        return j + 16 <= nb ? j + NormalsFused16(ref kp, stream0, stream1, first + j, ref Unsafe.Add(ref zp, 2 * j)) : j;
    }

    /// <summary>The last 16 blocks of <see cref="NormalsFused512"/>, apart so that its main loop keeps the JIT's inlining
    /// budget; returns 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static int NormalsFused16(ref uint kp, uint stream0, uint stream1, long first, ref double zp)
    {
        PhiloxBatch.Blocks512(ref kp, stream0, stream1, first, out var x0, out var x1, out var x2, out var x3);
        Normals16(x0, x1, x2, x3, ref zp);
        return 16;
    }

    /// <summary>The normals of 16 blocks held word by word (lane l of x_i: word i of block l) at z[0 .. 31].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Normals16(Vector512<uint> x0, Vector512<uint> x1, Vector512<uint> x2, Vector512<uint> x3, ref double zp)
    {
        var two26 = Vector512.Create(67108864.0);
        var lo = Vector512.Create(0L, 8, 1, 9, 2, 10, 3, 11);
        var hi = Vector512.Create(4L, 12, 5, 13, 6, 14, 7, 15);
        {
            var a = Vector512.ShiftRightLogical(x0, 5);
            var b = Vector512.ShiftRightLogical(x1, 6);
            var c = Vector512.ShiftRightLogical(x2, 5);
            var d = Vector512.ShiftRightLogical(x3, 6);
            // Blocks 0..7 and 8..15 of the step; the integers convert exactly (below 2^27).
            var n1 = Avx512F.ConvertToVector512Double(a.GetLower()) * two26 + Avx512F.ConvertToVector512Double(b.GetLower());
            var n2 = Avx512F.ConvertToVector512Double(c.GetLower()) * two26 + Avx512F.ConvertToVector512Double(d.GetLower());
            Polar512(n1, n2 * (1.0 / 9007199254740992.0), out var zc, out var zs);
            Avx512F.PermuteVar8x64x2(zc, lo, zs).StoreUnsafe(ref zp);
            Avx512F.PermuteVar8x64x2(zc, hi, zs).StoreUnsafe(ref zp, 8);
            n1 = Avx512F.ConvertToVector512Double(a.GetUpper()) * two26 + Avx512F.ConvertToVector512Double(b.GetUpper());
            n2 = Avx512F.ConvertToVector512Double(c.GetUpper()) * two26 + Avx512F.ConvertToVector512Double(d.GetUpper());
            Polar512(n1, n2 * (1.0 / 9007199254740992.0), out zc, out zs);
            Avx512F.PermuteVar8x64x2(zc, lo, zs).StoreUnsafe(ref zp, 16);
            Avx512F.PermuteVar8x64x2(zc, hi, zs).StoreUnsafe(ref zp, 24);
        }
    }

    // AVX2: the words stay split as Philox's rounds leave them (e: blocks 0, 2, 4, 6 of the step in the low halves of
    // the 64-bit lanes, o: blocks 1, 3, 5, 7), so nothing is merged, stored or reloaded before the normals.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NormalsFused256(uint key0, uint key1, uint stream0, uint stream1, long first, int nb, Span<double> z)
    {
        ref double zp = ref MemoryMarshal.GetReference(z);
        Span<uint> keys = stackalloc uint[PhiloxBatch.KeyLanes];
        PhiloxBatch.RoundKeys(key0, key1, keys);
        ref uint kp = ref MemoryMarshal.GetReference(keys);
        int j = 0;
        var iota = Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7);
        for (; j + 16 <= nb; j += 16)
        {
            // Two steps' rounds interleaved (PhiloxBatch.Rounds2), then each step's normals.
            var ae0 = Vector256.Create((uint)(first + j)) + iota;
            var be0 = Vector256.Create((uint)(first + j + 8)) + iota;
            var ae1 = Vector256.Create(0x8000_0000u | (uint)((first + j) >> 32));
            var ae2 = Vector256.Create(stream0);
            var ae3 = Vector256.Create(stream1);
            Vector256<uint> be1 = ae1, be2 = ae2, be3 = ae3;
            var ao0 = Avx2.ShiftRightLogical(ae0.AsUInt64(), 32).AsUInt32();
            var bo0 = Avx2.ShiftRightLogical(be0.AsUInt64(), 32).AsUInt32();
            Vector256<uint> ao1 = ae1, ao2 = ae2, ao3 = ae3, bo1 = ae1, bo2 = ae2, bo3 = ae3;   // splats: odd lanes as even
            PhiloxBatch.RoundsSplit2<PhiloxBatch.V256, Vector256<uint>>(ref kp, ref ae0, ref ae1, ref ae2, ref ae3,
                ref ao0, ref ao1, ref ao2, ref ao3, ref be0, ref be1, ref be2, ref be3, ref bo0, ref bo1, ref bo2, ref bo3);
            Normals8(ae0, ae1, ae2, ae3, ao0, ao1, ao2, ao3, ref Unsafe.Add(ref zp, 2 * j));
            Normals8(be0, be1, be2, be3, bo0, bo1, bo2, bo3, ref Unsafe.Add(ref zp, 2 * j + 16));
        }
        for (; j + 8 <= nb; j += 8)
        {
            PhiloxBatch.Blocks256Split(ref kp, stream0, stream1, first + j,
                out var e0, out var e1, out var e2, out var e3, out var o0, out var o1, out var o2, out var o3);
            Normals8(e0, e1, e2, e3, o0, o1, o2, o3, ref Unsafe.Add(ref zp, 2 * j));
        }
        return j;
    }

    /// <summary>The normals of 8 blocks in split words (e_i: word i of blocks 0, 2, 4, 6 in the low halves of the 64-bit
    /// lanes, o_i of blocks 1, 3, 5, 7) at z[0 .. 15].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Normals8(Vector256<uint> e0, Vector256<uint> e1, Vector256<uint> e2, Vector256<uint> e3,
        Vector256<uint> o0, Vector256<uint> o1, Vector256<uint> o2, Vector256<uint> o3, ref double zp)
    {
        {
            Polar256x2(Exact53(e0, e1), Exact53(e2, e3) * (1.0 / 9007199254740992.0),
                Exact53(o0, o1), Exact53(o2, o3) * (1.0 / 9007199254740992.0), out var zce, out var zse, out var zco, out var zso);
            var a = Avx.UnpackLow(zce, zse);    // c0 s0 c4 s4
            var c = Avx.UnpackHigh(zce, zse);   // c2 s2 c6 s6
            var b = Avx.UnpackLow(zco, zso);    // c1 s1 c5 s5
            var d = Avx.UnpackHigh(zco, zso);   // c3 s3 c7 s7
            Avx.Permute2x128(a, b, 0x20).StoreUnsafe(ref zp);
            Avx.Permute2x128(c, d, 0x20).StoreUnsafe(ref zp, 4);
            Avx.Permute2x128(a, b, 0x31).StoreUnsafe(ref zp, 8);
            Avx.Permute2x128(c, d, 0x31).StoreUnsafe(ref zp, 12);
        }
    }

    /// <summary>Per 64-bit lane, the integer <c>((a &gt;&gt; 5) &lt;&lt; 26) + (b &gt;&gt; 6)</c> of the low 32-bit halves a, b of
    /// <paramref name="hi"/> and <paramref name="lo"/> (high halves ignored), as a double, exactly: each shifted word goes
    /// under the exponent of 2^52 (2^52 + w, then minus 2^52), and w_a 2^26 + w_b &lt; 2^53 rounds to itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Exact53(Vector256<uint> hi, Vector256<uint> lo)
    {
        var magic = Vector256.Create(0x4330_0000_0000_0000ul).AsUInt32();
        var two52 = Vector256.Create(4503599627370496.0);
        var a = Avx2.Blend(Avx2.ShiftRightLogical(hi, 5), magic, 0b1010_1010).AsDouble() - two52;
        var b = Avx2.Blend(Avx2.ShiftRightLogical(lo, 6), magic, 0b1010_1010).AsDouble() - two52;
        return a * 67108864.0 + b;
    }

    /// <summary>
    /// ISONoise's colour normals (<see cref="IsoNoiseKernels"/>' remarks): z[j] approximates
    /// <c>sqrt(-2 ln u1) cos(2 pi u2)</c> of block j of <paramref name="words"/>, u1 from X1 and X2, u2 = (X3 + 0.5) / 2^32
    /// (a multiple of 2^-33, so the reduction stays exact), within <see cref="NormalErrorBound"/>; a multiple of 8 or 4
    /// blocks (as <see cref="NormalsApprox"/>); returns how many.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int IsoNormalsApprox(ReadOnlySpan<uint> words, int nb, Span<double> z, SimdPath path)
    {
        if (!VectorNormals(path)) return 0;
        ref ulong q = ref Unsafe.As<uint, ulong>(ref MemoryMarshal.GetReference(words));
        ref double zp = ref MemoryMarshal.GetReference(z);
        int j = 0;
        if (PhiloxBatch.Effective(path) == SimdPath.Vector512)
        {
            var magic = Vector512.Create(0x4330_0000_0000_0000ul);
            var two52 = Vector512.Create(4503599627370496.0);
            var order = Vector512.Create(0L, 2, 4, 6, 1, 3, 5, 7);
            for (; j + 8 <= nb; j += 8)
            {
                var a = Vector512.LoadUnsafe(ref q, (nuint)(2 * j));
                var b = Vector512.LoadUnsafe(ref q, (nuint)(2 * j + 8));
                // Even 64-bit words hold X0 | X1 << 32, odd ones X2 | X3 << 32.
                var x1a = (Vector512.ShiftRightLogical(a, 37) | magic).AsDouble() - two52;
                var x1b = (Vector512.ShiftRightLogical(b, 37) | magic).AsDouble() - two52;
                var x2a = (Vector512.ShiftRightLogical(Vector512.ShiftLeft(a, 32), 38) | magic).AsDouble() - two52;
                var x2b = (Vector512.ShiftRightLogical(Vector512.ShiftLeft(b, 32), 38) | magic).AsDouble() - two52;
                var x3a = (Vector512.ShiftRightLogical(a, 32) | magic).AsDouble() - two52;
                var x3b = (Vector512.ShiftRightLogical(b, 32) | magic).AsDouble() - two52;
                var n1 = Avx512F.UnpackLow(x1a, x1b) * 67108864.0 + Avx512F.UnpackHigh(x2a, x2b);
                var u2 = (Avx512F.UnpackHigh(x3a, x3b) + Vector512.Create(0.5)) * (1.0 / 4294967296.0);
                Polar512(n1, u2, out var zc, out _);
                Avx512F.PermuteVar8x64(zc, order).StoreUnsafe(ref zp, (nuint)j);   // lanes held blocks 0, 4, 1, 5, ...
            }
        }
        {
            var magic = Vector256.Create(0x4330_0000_0000_0000ul);
            var two52 = Vector256.Create(4503599627370496.0);
            for (; j + 4 <= nb; j += 4)
            {
                var a = Vector256.LoadUnsafe(ref q, (nuint)(2 * j));
                var b = Vector256.LoadUnsafe(ref q, (nuint)(2 * j + 4));
                var x1a = (Vector256.ShiftRightLogical(a, 37) | magic).AsDouble() - two52;
                var x1b = (Vector256.ShiftRightLogical(b, 37) | magic).AsDouble() - two52;
                var x2a = (Vector256.ShiftRightLogical(Vector256.ShiftLeft(a, 32), 38) | magic).AsDouble() - two52;
                var x2b = (Vector256.ShiftRightLogical(Vector256.ShiftLeft(b, 32), 38) | magic).AsDouble() - two52;
                var x3a = (Vector256.ShiftRightLogical(a, 32) | magic).AsDouble() - two52;
                var x3b = (Vector256.ShiftRightLogical(b, 32) | magic).AsDouble() - two52;
                var n1 = Avx.UnpackLow(x1a, x1b) * 67108864.0 + Avx.UnpackHigh(x2a, x2b);
                var u2 = (Avx.UnpackHigh(x3a, x3b) + Vector256.Create(0.5)) * (1.0 / 4294967296.0);
                Polar256(n1, u2, out var zc, out _);
                Avx2.Permute4x64(zc, 0b11_01_10_00).StoreUnsafe(ref zp, (nuint)j);   // lanes held blocks 0, 2, 1, 3
            }
        }
        return j;
    }

    /// <summary>The reference's ISONoise colour normal of block <paramref name="j"/> of <paramref name="words"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static double IsoExactNormal(ReadOnlySpan<uint> words, int j)
    {
        uint x1 = words[4 * j + 1], x2 = words[4 * j + 2], x3 = words[4 * j + 3];
        double u1 = ((((ulong)(x1 >> 5) << 26) + (x2 >> 6)) + 1) * (1.0 / 9007199254740992.0);
        double u2 = (x3 + 0.5) / 4294967296.0;
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Counts one fall-back to the scalar normals (<see cref="GaussianFallbacks"/>).</summary>
    internal static void CountFallback() => _gaussianFallbacks++;

    // Taylor coefficients: 1 / (2k + 1) for atanh, (-1)^k / (2k + 1)! for sin, (-1)^k / (2k)! for cos.
    private const double A3 = 1.0 / 3, A5 = 1.0 / 5, A7 = 1.0 / 7, A9 = 1.0 / 9, A11 = 1.0 / 11, A13 = 1.0 / 13, A15 = 1.0 / 15, A17 = 1.0 / 17;
    private const double S3 = -1.0 / 6, S5 = 1.0 / 120, S7 = -1.0 / 5040, S9 = 1.0 / 362880, S11 = -1.0 / 39916800,
        S13 = 1.0 / 6227020800, S15 = -1.0 / 1307674368000;
    private const double C2 = -1.0 / 2, C4 = 1.0 / 24, C6 = -1.0 / 720, C8 = 1.0 / 40320, C10 = -1.0 / 3628800,
        C12 = 1.0 / 479001600, C14 = -1.0 / 87178291200, C16 = 1.0 / 20922789888000;
    private const double Ln2 = 0.69314718055994530942, TwoPi = 6.28318530717958647692, Sqrt2 = 1.41421356237309504880;

    /// <summary>Four blocks' normals: <paramref name="a"/> holds the 64-bit words of blocks 0 and 1, <paramref name="b"/>
    /// of blocks 2 and 3; <paramref name="z01"/> gets z of samples 0..3, <paramref name="z23"/> of samples 4..7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BoxMuller256(Vector256<ulong> a, Vector256<ulong> b, out Vector256<double> z01, out Vector256<double> z23)
    {
        var magic = Vector256.Create(0x4330_0000_0000_0000ul);
        var two52 = Vector256.Create(4503599627370496.0);
        // The 53-bit integers ((X_even >> 5) << 26) + (X_odd >> 6) of each 64-bit word, exactly.
        var ha = (Vector256.ShiftRightLogical(Vector256.ShiftLeft(a, 32), 37) | magic).AsDouble() - two52;
        var la = (Vector256.ShiftRightLogical(a, 38) | magic).AsDouble() - two52;
        var hb = (Vector256.ShiftRightLogical(Vector256.ShiftLeft(b, 32), 37) | magic).AsDouble() - two52;
        var lb = (Vector256.ShiftRightLogical(b, 38) | magic).AsDouble() - two52;
        var na = ha * 67108864.0 + la;
        var nbv = hb * 67108864.0 + lb;
        // Lanes in block order 0, 2, 1, 3.
        Polar256(Avx.UnpackLow(na, nbv), Avx.UnpackHigh(na, nbv) * (1.0 / 9007199254740992.0), out var zc, out var zs);
        z01 = Avx.UnpackLow(zc, zs);
        z23 = Avx.UnpackHigh(zc, zs);
    }

    /// <summary>r cos(2 pi u2) and r sin(2 pi u2), r = sqrt(-2 ln u1), u1 = (n1 + 1) 2^-53 (n1 an integer below 2^53,
    /// u2 in [0, 1) a multiple of 2^-53), within the file's error bound of the reference's values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Polar256(Vector256<double> n1, Vector256<double> u2, out Vector256<double> zc, out Vector256<double> zs)
    {
        var magic = Vector256.Create(0x4330_0000_0000_0000ul);
        var two52 = Vector256.Create(4503599627370496.0);
        var u1 = (n1 + Vector256<double>.One) * (1.0 / 9007199254740992.0);

        // ln u1 = e ln 2 + 2 atanh(s).
        var bits = u1.AsUInt64();
        var e = (Vector256.ShiftRightLogical(bits, 52) | magic).AsDouble() - two52 - Vector256.Create(1023.0);
        var m = ((bits & Vector256.Create(0x000F_FFFF_FFFF_FFFFul)) | Vector256.Create(0x3FF0_0000_0000_0000ul)).AsDouble();
        var big = Vector256.GreaterThan(m, Vector256.Create(Sqrt2));
        m = Vector256.ConditionalSelect(big, m * 0.5, m);
        e += Vector256.ConditionalSelect(big, Vector256<double>.One, Vector256<double>.Zero);
        var f = m - Vector256<double>.One;
        var s = f / (Vector256.Create(2.0) + f);
        var w = s * s;
        var p = Vector256.MultiplyAddEstimate(w, Vector256.Create(A17), Vector256.Create(A15));
        p = Vector256.MultiplyAddEstimate(w, p, Vector256.Create(A13));
        p = Vector256.MultiplyAddEstimate(w, p, Vector256.Create(A11));
        p = Vector256.MultiplyAddEstimate(w, p, Vector256.Create(A9));
        p = Vector256.MultiplyAddEstimate(w, p, Vector256.Create(A7));
        p = Vector256.MultiplyAddEstimate(w, p, Vector256.Create(A5));
        p = Vector256.MultiplyAddEstimate(w, p, Vector256.Create(A3));
        p = Vector256.MultiplyAddEstimate(w, p, Vector256<double>.One);
        var ln = Vector256.MultiplyAddEstimate(e, Vector256.Create(Ln2), (s + s) * p);
        var r = Vector256.Sqrt(ln * -2.0);

        // sin and cos of 2 pi u2 = 2 pi t + q pi / 2.
        var k = u2 * 4.0 + two52;
        var t = u2 - (k - two52) * 0.25;
        var x = t * TwoPi;
        var x2 = x * x;
        var sp = Vector256.MultiplyAddEstimate(x2, Vector256.Create(S15), Vector256.Create(S13));
        sp = Vector256.MultiplyAddEstimate(x2, sp, Vector256.Create(S11));
        sp = Vector256.MultiplyAddEstimate(x2, sp, Vector256.Create(S9));
        sp = Vector256.MultiplyAddEstimate(x2, sp, Vector256.Create(S7));
        sp = Vector256.MultiplyAddEstimate(x2, sp, Vector256.Create(S5));
        sp = Vector256.MultiplyAddEstimate(x2, sp, Vector256.Create(S3));
        var sinx = Vector256.MultiplyAddEstimate(x * x2, sp, x);
        var cp = Vector256.MultiplyAddEstimate(x2, Vector256.Create(C16), Vector256.Create(C14));
        cp = Vector256.MultiplyAddEstimate(x2, cp, Vector256.Create(C12));
        cp = Vector256.MultiplyAddEstimate(x2, cp, Vector256.Create(C10));
        cp = Vector256.MultiplyAddEstimate(x2, cp, Vector256.Create(C8));
        cp = Vector256.MultiplyAddEstimate(x2, cp, Vector256.Create(C6));
        cp = Vector256.MultiplyAddEstimate(x2, cp, Vector256.Create(C4));
        cp = Vector256.MultiplyAddEstimate(x2, cp, Vector256.Create(C2));
        var cosx = Vector256.MultiplyAddEstimate(x2, cp, Vector256<double>.One);
        var qb = k.AsUInt64();
        var one = Vector256<ulong>.One;
        var swap = Vector256.Equals(qb & one, one).AsDouble();
        var cosv = Vector256.ConditionalSelect(swap, sinx, cosx).AsUInt64() ^ Vector256.ShiftLeft((qb + one) & Vector256.Create(2ul), 62);
        var sinv = Vector256.ConditionalSelect(swap, cosx, sinx).AsUInt64() ^ Vector256.ShiftLeft(qb & Vector256.Create(2ul), 62);
        zc = r * cosv.AsDouble();
        zs = r * sinv.AsDouble();
    }

    /// <summary><see cref="Polar256"/> of (n1a, u2a) and of (n1b, u2b) in lockstep, the same operations lane for lane:
    /// each constant is used twice at once and the two chains hide each other's latency (two separate calls keep the
    /// constants of the first alive through the second, which spills them on AVX2's 16 registers). Too many locals for
    /// the JIT to inline, so it is compiled optimised from the first call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Polar256x2(Vector256<double> n1a, Vector256<double> u2a, Vector256<double> n1b, Vector256<double> u2b,
        out Vector256<double> zca, out Vector256<double> zsa, out Vector256<double> zcb, out Vector256<double> zsb)
    {
        var magic = Vector256.Create(0x4330_0000_0000_0000ul);
        var two52 = Vector256.Create(4503599627370496.0);
        var u1a = (n1a + Vector256<double>.One) * (1.0 / 9007199254740992.0);
        var u1b = (n1b + Vector256<double>.One) * (1.0 / 9007199254740992.0);

        // ln u1 = e ln 2 + 2 atanh(s).
        var bitsa = u1a.AsUInt64();
        var bitsb = u1b.AsUInt64();
        var ea = (Vector256.ShiftRightLogical(bitsa, 52) | magic).AsDouble() - two52 - Vector256.Create(1023.0);
        var eb = (Vector256.ShiftRightLogical(bitsb, 52) | magic).AsDouble() - two52 - Vector256.Create(1023.0);
        var ma = ((bitsa & Vector256.Create(0x000F_FFFF_FFFF_FFFFul)) | Vector256.Create(0x3FF0_0000_0000_0000ul)).AsDouble();
        var mb = ((bitsb & Vector256.Create(0x000F_FFFF_FFFF_FFFFul)) | Vector256.Create(0x3FF0_0000_0000_0000ul)).AsDouble();
        var biga = Avx.CompareGreaterThan(ma, Vector256.Create(Sqrt2));
        var bigb = Avx.CompareGreaterThan(mb, Vector256.Create(Sqrt2));
        ma = Avx.BlendVariable(ma, ma * 0.5, biga);
        mb = Avx.BlendVariable(mb, mb * 0.5, bigb);
        ea += biga & Vector256<double>.One;
        eb += bigb & Vector256<double>.One;
        var fa = ma - Vector256<double>.One;
        var fb = mb - Vector256<double>.One;
        var sa = fa / (Vector256.Create(2.0) + fa);
        var sb = fb / (Vector256.Create(2.0) + fb);
        var wa = sa * sa;
        var wb = sb * sb;
        var pa = Vector256.MultiplyAddEstimate(wa, Vector256.Create(A17), Vector256.Create(A15));
        var pb = Vector256.MultiplyAddEstimate(wb, Vector256.Create(A17), Vector256.Create(A15));
        pa = Vector256.MultiplyAddEstimate(wa, pa, Vector256.Create(A13));
        pb = Vector256.MultiplyAddEstimate(wb, pb, Vector256.Create(A13));
        pa = Vector256.MultiplyAddEstimate(wa, pa, Vector256.Create(A11));
        pb = Vector256.MultiplyAddEstimate(wb, pb, Vector256.Create(A11));
        pa = Vector256.MultiplyAddEstimate(wa, pa, Vector256.Create(A9));
        pb = Vector256.MultiplyAddEstimate(wb, pb, Vector256.Create(A9));
        pa = Vector256.MultiplyAddEstimate(wa, pa, Vector256.Create(A7));
        pb = Vector256.MultiplyAddEstimate(wb, pb, Vector256.Create(A7));
        pa = Vector256.MultiplyAddEstimate(wa, pa, Vector256.Create(A5));
        pb = Vector256.MultiplyAddEstimate(wb, pb, Vector256.Create(A5));
        pa = Vector256.MultiplyAddEstimate(wa, pa, Vector256.Create(A3));
        pb = Vector256.MultiplyAddEstimate(wb, pb, Vector256.Create(A3));
        pa = Vector256.MultiplyAddEstimate(wa, pa, Vector256<double>.One);
        pb = Vector256.MultiplyAddEstimate(wb, pb, Vector256<double>.One);
        var lna = Vector256.MultiplyAddEstimate(ea, Vector256.Create(Ln2), (sa + sa) * pa);
        var lnb = Vector256.MultiplyAddEstimate(eb, Vector256.Create(Ln2), (sb + sb) * pb);
        var ra = Vector256.Sqrt(lna * -2.0);
        var rb = Vector256.Sqrt(lnb * -2.0);

        // sin and cos of 2 pi u2 = 2 pi t + q pi / 2.
        var ka = u2a * 4.0 + two52;
        var kb = u2b * 4.0 + two52;
        var xa = (u2a - (ka - two52) * 0.25) * TwoPi;
        var xb = (u2b - (kb - two52) * 0.25) * TwoPi;
        var x2a = xa * xa;
        var x2b = xb * xb;
        var spa = Vector256.MultiplyAddEstimate(x2a, Vector256.Create(S15), Vector256.Create(S13));
        var spb = Vector256.MultiplyAddEstimate(x2b, Vector256.Create(S15), Vector256.Create(S13));
        spa = Vector256.MultiplyAddEstimate(x2a, spa, Vector256.Create(S11));
        spb = Vector256.MultiplyAddEstimate(x2b, spb, Vector256.Create(S11));
        spa = Vector256.MultiplyAddEstimate(x2a, spa, Vector256.Create(S9));
        spb = Vector256.MultiplyAddEstimate(x2b, spb, Vector256.Create(S9));
        spa = Vector256.MultiplyAddEstimate(x2a, spa, Vector256.Create(S7));
        spb = Vector256.MultiplyAddEstimate(x2b, spb, Vector256.Create(S7));
        spa = Vector256.MultiplyAddEstimate(x2a, spa, Vector256.Create(S5));
        spb = Vector256.MultiplyAddEstimate(x2b, spb, Vector256.Create(S5));
        spa = Vector256.MultiplyAddEstimate(x2a, spa, Vector256.Create(S3));
        spb = Vector256.MultiplyAddEstimate(x2b, spb, Vector256.Create(S3));
        var sinxa = Vector256.MultiplyAddEstimate(xa * x2a, spa, xa);
        var sinxb = Vector256.MultiplyAddEstimate(xb * x2b, spb, xb);
        var cpa = Vector256.MultiplyAddEstimate(x2a, Vector256.Create(C16), Vector256.Create(C14));
        var cpb = Vector256.MultiplyAddEstimate(x2b, Vector256.Create(C16), Vector256.Create(C14));
        cpa = Vector256.MultiplyAddEstimate(x2a, cpa, Vector256.Create(C12));
        cpb = Vector256.MultiplyAddEstimate(x2b, cpb, Vector256.Create(C12));
        cpa = Vector256.MultiplyAddEstimate(x2a, cpa, Vector256.Create(C10));
        cpb = Vector256.MultiplyAddEstimate(x2b, cpb, Vector256.Create(C10));
        cpa = Vector256.MultiplyAddEstimate(x2a, cpa, Vector256.Create(C8));
        cpb = Vector256.MultiplyAddEstimate(x2b, cpb, Vector256.Create(C8));
        cpa = Vector256.MultiplyAddEstimate(x2a, cpa, Vector256.Create(C6));
        cpb = Vector256.MultiplyAddEstimate(x2b, cpb, Vector256.Create(C6));
        cpa = Vector256.MultiplyAddEstimate(x2a, cpa, Vector256.Create(C4));
        cpb = Vector256.MultiplyAddEstimate(x2b, cpb, Vector256.Create(C4));
        cpa = Vector256.MultiplyAddEstimate(x2a, cpa, Vector256.Create(C2));
        cpb = Vector256.MultiplyAddEstimate(x2b, cpb, Vector256.Create(C2));
        var cosxa = Vector256.MultiplyAddEstimate(x2a, cpa, Vector256<double>.One);
        var cosxb = Vector256.MultiplyAddEstimate(x2b, cpb, Vector256<double>.One);
        var one = Vector256<ulong>.One;
        var two = Vector256.Create(2ul);
        var qa = ka.AsUInt64();
        var qb = kb.AsUInt64();
        var swapa = Vector256.Equals(qa & one, one).AsDouble();
        var swapb = Vector256.Equals(qb & one, one).AsDouble();
        zca = ra * (Avx.BlendVariable(cosxa, sinxa, swapa).AsUInt64() ^ Vector256.ShiftLeft((qa + one) & two, 62)).AsDouble();
        zcb = rb * (Avx.BlendVariable(cosxb, sinxb, swapb).AsUInt64() ^ Vector256.ShiftLeft((qb + one) & two, 62)).AsDouble();
        zsa = ra * (Avx.BlendVariable(sinxa, cosxa, swapa).AsUInt64() ^ Vector256.ShiftLeft(qa & two, 62)).AsDouble();
        zsb = rb * (Avx.BlendVariable(sinxb, cosxb, swapb).AsUInt64() ^ Vector256.ShiftLeft(qb & two, 62)).AsDouble();
    }

    /// <summary>As <see cref="BoxMuller256"/> for eight blocks (a: blocks 0..3, b: 4..7; z01: samples 0..7, z23: 8..15).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BoxMuller512(Vector512<ulong> a, Vector512<ulong> b, out Vector512<double> z01, out Vector512<double> z23)
    {
        var magic = Vector512.Create(0x4330_0000_0000_0000ul);
        var two52 = Vector512.Create(4503599627370496.0);
        // The 53-bit integers ((X_even >> 5) << 26) + (X_odd >> 6) of each 64-bit word, exactly.
        var ha = (Vector512.ShiftRightLogical(Vector512.ShiftLeft(a, 32), 37) | magic).AsDouble() - two52;
        var la = (Vector512.ShiftRightLogical(a, 38) | magic).AsDouble() - two52;
        var hb = (Vector512.ShiftRightLogical(Vector512.ShiftLeft(b, 32), 37) | magic).AsDouble() - two52;
        var lb = (Vector512.ShiftRightLogical(b, 38) | magic).AsDouble() - two52;
        var na = ha * 67108864.0 + la;
        var nbv = hb * 67108864.0 + lb;
        // Lanes in block order 0, 4, 1, 5, 2, 6, 3, 7.
        Polar512(Avx512F.UnpackLow(na, nbv), Avx512F.UnpackHigh(na, nbv) * (1.0 / 9007199254740992.0), out var zc, out var zs);
        z01 = Avx512F.UnpackLow(zc, zs);
        z23 = Avx512F.UnpackHigh(zc, zs);
    }

    /// <summary>r cos(2 pi u2) and r sin(2 pi u2), r = sqrt(-2 ln u1), u1 = (n1 + 1) 2^-53 (n1 an integer below 2^53,
    /// u2 in [0, 1) a multiple of 2^-53), within the file's error bound of the reference's values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Polar512(Vector512<double> n1, Vector512<double> u2, out Vector512<double> zc, out Vector512<double> zs)
    {
        var magic = Vector512.Create(0x4330_0000_0000_0000ul);
        var two52 = Vector512.Create(4503599627370496.0);
        var u1 = (n1 + Vector512<double>.One) * (1.0 / 9007199254740992.0);

        // ln u1 = e ln 2 + 2 atanh(s).
        var bits = u1.AsUInt64();
        var e = (Vector512.ShiftRightLogical(bits, 52) | magic).AsDouble() - two52 - Vector512.Create(1023.0);
        var m = ((bits & Vector512.Create(0x000F_FFFF_FFFF_FFFFul)) | Vector512.Create(0x3FF0_0000_0000_0000ul)).AsDouble();
        var big = Vector512.GreaterThan(m, Vector512.Create(Sqrt2));
        m = Vector512.ConditionalSelect(big, m * 0.5, m);
        e += Vector512.ConditionalSelect(big, Vector512<double>.One, Vector512<double>.Zero);
        var f = m - Vector512<double>.One;
        var s = f / (Vector512.Create(2.0) + f);
        var w = s * s;
        var p = Vector512.MultiplyAddEstimate(w, Vector512.Create(A17), Vector512.Create(A15));
        p = Vector512.MultiplyAddEstimate(w, p, Vector512.Create(A13));
        p = Vector512.MultiplyAddEstimate(w, p, Vector512.Create(A11));
        p = Vector512.MultiplyAddEstimate(w, p, Vector512.Create(A9));
        p = Vector512.MultiplyAddEstimate(w, p, Vector512.Create(A7));
        p = Vector512.MultiplyAddEstimate(w, p, Vector512.Create(A5));
        p = Vector512.MultiplyAddEstimate(w, p, Vector512.Create(A3));
        p = Vector512.MultiplyAddEstimate(w, p, Vector512<double>.One);
        var ln = Vector512.MultiplyAddEstimate(e, Vector512.Create(Ln2), (s + s) * p);
        var r = Vector512.Sqrt(ln * -2.0);

        // sin and cos of 2 pi u2 = 2 pi t + q pi / 2.
        var k = u2 * 4.0 + two52;
        var t = u2 - (k - two52) * 0.25;
        var x = t * TwoPi;
        var x2 = x * x;
        var sp = Vector512.MultiplyAddEstimate(x2, Vector512.Create(S15), Vector512.Create(S13));
        sp = Vector512.MultiplyAddEstimate(x2, sp, Vector512.Create(S11));
        sp = Vector512.MultiplyAddEstimate(x2, sp, Vector512.Create(S9));
        sp = Vector512.MultiplyAddEstimate(x2, sp, Vector512.Create(S7));
        sp = Vector512.MultiplyAddEstimate(x2, sp, Vector512.Create(S5));
        sp = Vector512.MultiplyAddEstimate(x2, sp, Vector512.Create(S3));
        var sinx = Vector512.MultiplyAddEstimate(x * x2, sp, x);
        var cp = Vector512.MultiplyAddEstimate(x2, Vector512.Create(C16), Vector512.Create(C14));
        cp = Vector512.MultiplyAddEstimate(x2, cp, Vector512.Create(C12));
        cp = Vector512.MultiplyAddEstimate(x2, cp, Vector512.Create(C10));
        cp = Vector512.MultiplyAddEstimate(x2, cp, Vector512.Create(C8));
        cp = Vector512.MultiplyAddEstimate(x2, cp, Vector512.Create(C6));
        cp = Vector512.MultiplyAddEstimate(x2, cp, Vector512.Create(C4));
        cp = Vector512.MultiplyAddEstimate(x2, cp, Vector512.Create(C2));
        var cosx = Vector512.MultiplyAddEstimate(x2, cp, Vector512<double>.One);
        var qb = k.AsUInt64();
        var one = Vector512<ulong>.One;
        var swap = Vector512.Equals(qb & one, one).AsDouble();
        var cosv = Vector512.ConditionalSelect(swap, sinx, cosx).AsUInt64() ^ Vector512.ShiftLeft((qb + one) & Vector512.Create(2ul), 62);
        var sinv = Vector512.ConditionalSelect(swap, cosx, sinx).AsUInt64() ^ Vector512.ShiftLeft(qb & Vector512.Create(2ul), 62);
        zc = r * cosv.AsDouble();
        zs = r * sinv.AsDouble();
    }
}
