using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// MultiplyUniform with one factor per sample (perChannel, or one channel), fused: each group of Philox blocks stays in
// registers, its uniforms become factors and products in float32 lanes, and the rounded products are packed straight into
// the destination (no words, factors or doubles in memory; 8 float lanes on AVX2, 16 on AVX-512).
//
// The float32 product is an approximation of the reference's double p = src * (low + u * (high - low)) (u = N / 2^53, N
// the 53-bit integer of the unit): the lanes take q = X >> 8 (the top 24 bits of N, so u - 2^-24 < q 2^-24 <= u), the
// factor m' = low' + q * (w' 2^-24) (low', w' = high - low rounded to float32) and p' = src * m', each step rounded to
// float32 once. With e = 2^-24 the unit roundoff: |m' - m| <= e low + 3.01 e w + 1.01 e high + 2^-53 high <= 5.03 e high
// (low <= high, w <= high), so |p' - p| <= 255 (5.03 e high) + e 255 high (1 + 6e) + 2^-53 255 high < 6.1 * 255 e high,
// plus at most 2^-117 where low or w is below float32's normal range. The kernels take margin = 8 * 255 e high + 2^-100
// (2^-100 covering the subnormal terms). Where p' lies farther than the margin from every half-integer, p lies in the
// same open interval (k - 1/2, k + 1/2) and round-half-even(p) = k = rint(p'), the same byte after saturation; a lane
// within the margin (|p' - rint(p')| >= near, near <= 1/2 - margin; every exact tie among them) is recomputed by the
// reference's double expression with the reference's uniform (UniformAt). That is about 4 * margin of the lanes (near
// is 1/2 - 2 margin): 1 in 1600 for factors up to 1.3. Factors above 64 (margin past 1/64) keep the double path.
public static partial class NoiseKernels
{
    private const double FusedMaxFactor = 64.0;
    private const uint PhM0 = 0xD2511F53u, PhM1 = 0xCD9E8D57u, PhW0 = 0x9E3779B9u, PhW1 = 0xBB67AE85u;

    [ThreadStatic] private static long _multiplyFallbacks;

    /// <summary>Samples the fused multiplicative kernels recomputed in double on this thread (near a rounding boundary).</summary>
    internal static long MultiplyFallbacks => _multiplyFallbacks;

    /// <summary>Samples 0 .. 2B - 1 of MultiplyUniform with one factor per sample, B a multiple of 8 (AVX2) or 16 (AVX-512)
    /// blocks; returns B (0 where the fused kernels do not apply).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long MultiplyFused(ReadOnlySpan<byte> src, Span<byte> dst, double low, double high,
        uint key0, uint key1, uint stream0, uint stream1, SimdPath path)
    {
        if (!(high <= FusedMaxFactor)) return 0;
        double margin = 8.0 * 255.0 * high * (1.0 / 16777216.0) + Math.ScaleB(1.0, -100);
        float near = (float)(0.5 - 2 * margin);
        while (near > 0.5 - margin) near = MathF.BitDecrement(near);
        var p = new FusedMultiply(low, high - low, (float)low, (float)(high - low) * (1f / 16777216f), near, key0, key1, stream0, stream1);
        return PhiloxBatch.Effective(path) == SimdPath.Vector512 ? Multiply512(src, dst, p) : Multiply256(src, dst, p);
    }

    private readonly record struct FusedMultiply(double Low, double Width, float LowF, float ScaleF, float Near,
        uint K0, uint K1, uint S0, uint S1);

    /// <summary>8 blocks (16 samples) a step: Philox4x32-10 on the even and odd blocks' words in the low halves of 64-bit
    /// lanes (as PhiloxBatch's split rounds), the round keys from a table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Multiply256(ReadOnlySpan<byte> src, Span<byte> dst, FusedMultiply p)
    {
        int groups = src.Length / 16;
        if (groups == 0) return 0;
        Span<Vector256<ulong>> keys = stackalloc Vector256<ulong>[20];
        uint k0 = p.K0, k1 = p.K1;
        for (int r = 0; r < 10; r++, k0 += PhW0, k1 += PhW1)
        {
            keys[2 * r] = Vector256.Create(k0).AsUInt64();
            keys[2 * r + 1] = Vector256.Create(k1).AsUInt64();
        }
        ref Vector256<ulong> kp = ref MemoryMarshal.GetReference(keys);
        ref byte sp = ref MemoryMarshal.GetReference(src);
        ref byte dp = ref MemoryMarshal.GetReference(dst);
        var m0 = Vector256.Create(PhM0).AsUInt64();
        var m1 = Vector256.Create(PhM1).AsUInt64();
        var evenBlocks = Vector256.Create(0ul, 2, 4, 6);
        var hiWord = Vector256.Create(0x8000_0000ul);
        var vs0 = Vector256.Create((ulong)p.S0);
        var vs1 = Vector256.Create((ulong)p.S1);
        var vLow = Vector256.Create(p.LowF);
        var vScale = Vector256.Create(p.ScaleF);
        var vNear = Vector256.Create(p.Near);
        var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        for (int g = 0; g < groups; g++)
        {
            // Block 8g + l: e* hold l = 0, 2, 4, 6, o* hold l = 1, 3, 5, 7; counter (block, 2^31, s0, s1).
            var e0 = Vector256.Create((ulong)(8 * g)) + evenBlocks;
            var o0 = e0 + Vector256<ulong>.One;
            Vector256<ulong> e1 = hiWord, o1 = hiWord, e2 = vs0, o2 = vs0, e3 = vs1, o3 = vs1;
            for (int r = 0; r < 10; r++)
            {
                var vk0 = Unsafe.Add(ref kp, 2 * r);
                var vk1 = Unsafe.Add(ref kp, 2 * r + 1);
                var pe0 = Avx2.Multiply(e0.AsUInt32(), m0.AsUInt32());
                var pe1 = Avx2.Multiply(e2.AsUInt32(), m1.AsUInt32());
                var po0 = Avx2.Multiply(o0.AsUInt32(), m0.AsUInt32());
                var po1 = Avx2.Multiply(o2.AsUInt32(), m1.AsUInt32());
                e0 = Avx2.ShiftRightLogical(pe1, 32) ^ (e1 ^ vk0);
                e2 = Avx2.ShiftRightLogical(pe0, 32) ^ (e3 ^ vk1);
                o0 = Avx2.ShiftRightLogical(po1, 32) ^ (o1 ^ vk0);
                o2 = Avx2.ShiftRightLogical(po0, 32) ^ (o3 ^ vk1);
                e1 = pe1; e3 = pe0; o1 = po1; o3 = po0;
            }
            // Sample 2j takes X0 of block j, sample 2j + 1 its X2: a = samples 0 1 4 5 | 8 9 12 13, b = 2 3 6 7 | 10 11 14 15.
            var a = Avx2.Blend(e0.AsUInt32(), Avx2.ShiftLeftLogical(e2, 32).AsUInt32(), 0b1010_1010);
            var b = Avx2.Blend(o0.AsUInt32(), Avx2.ShiftLeftLogical(o2, 32).AsUInt32(), 0b1010_1010);
            var fa = vLow + Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(a, 8).AsInt32()) * vScale;
            var fb = vLow + Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(b, 8).AsInt32()) * vScale;
            var lo = Avx2.UnpackLow(fa.AsUInt64(), fb.AsUInt64());    // samples 0-3 | 8-11
            var hi = Avx2.UnpackHigh(fa.AsUInt64(), fb.AsUInt64());   // 4-7 | 12-15
            var f0 = Avx2.Permute2x128(lo, hi, 0x20).AsSingle();
            var f1 = Avx2.Permute2x128(lo, hi, 0x31).AsSingle();
            var bytes = Vector128.LoadUnsafe(ref sp, (nuint)(16 * g));
            var p0 = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(bytes)) * f0;
            var p1 = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(bytes, 8))) * f1;
            var r0 = Avx.RoundToNearestInteger(p0);
            var r1 = Avx.RoundToNearestInteger(p1);
            var w = Avx2.PackSignedSaturate(Avx.ConvertToVector256Int32WithTruncation(r0), Avx.ConvertToVector256Int32WithTruncation(r1));
            var u8 = Avx2.PackUnsignedSaturate(w, w);                 // dwords: 0-3 8-11 0-3 8-11 | 4-7 12-15 ...
            Avx2.PermuteVar8x32(u8.AsInt32(), order).GetLower().AsByte().StoreUnsafe(ref dp, (nuint)(16 * g));
            int bad = Avx.MoveMask(Avx.CompareGreaterThanOrEqual(Vector256.Abs(p0 - r0), vNear))
                    | Avx.MoveMask(Avx.CompareGreaterThanOrEqual(Vector256.Abs(p1 - r1), vNear)) << 8;
            if (bad != 0) FixProducts(src, dst, p, 16 * g, (uint)bad);
        }
        return 8L * groups;
    }

    /// <summary>16 blocks (32 samples) a step, the blocks from <see cref="PhiloxBatch.Blocks512"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Multiply512(ReadOnlySpan<byte> src, Span<byte> dst, FusedMultiply p)
    {
        int groups = src.Length / 32;
        ref byte sp = ref MemoryMarshal.GetReference(src);
        ref byte dp = ref MemoryMarshal.GetReference(dst);
        var vLow = Vector512.Create(p.LowF);
        var vScale = Vector512.Create(p.ScaleF);
        var vNear = Vector512.Create(p.Near);
        var byteMask = Vector512.Create(0xFF);
        var max = Vector512.Create(255);
        Span<uint> keys = stackalloc uint[PhiloxBatch.KeyLanes];
        PhiloxBatch.RoundKeys(p.K0, p.K1, keys);
        ref uint kp = ref MemoryMarshal.GetReference(keys);
        for (int g = 0; g < groups; g++)
        {
            PhiloxBatch.Blocks512(ref kp, p.S0, p.S1, 16 * g, out var x0, out _, out var x2, out _);
            // Lane l: sample 2l (X0 of block 16g + l) and sample 2l + 1 (its X2).
            var fe = vLow + Avx512F.ConvertToVector512Single(Avx512F.ShiftRightLogical(x0, 8).AsInt32()) * vScale;
            var fo = vLow + Avx512F.ConvertToVector512Single(Avx512F.ShiftRightLogical(x2, 8).AsInt32()) * vScale;
            var pairs = Avx512F.ConvertToVector512Int32(Vector256.LoadUnsafe(ref sp, (nuint)(32 * g)).AsUInt16());
            var pe = Avx512F.ConvertToVector512Single(pairs & byteMask) * fe;
            var po = Avx512F.ConvertToVector512Single(Avx512F.ShiftRightLogical(pairs, 8)) * fo;
            var re = Avx512F.RoundScale(pe, 0);   // to nearest, ties to even
            var ro = Avx512F.RoundScale(po, 0);
            var ie = Vector512.Min(Avx512F.ConvertToVector512Int32WithTruncation(re), max);
            var io = Vector512.Min(Avx512F.ConvertToVector512Int32WithTruncation(ro), max);
            Avx512F.ConvertToVector256Int16(ie | Avx512F.ShiftLeftLogical(io, 8)).AsByte().StoreUnsafe(ref dp, (nuint)(32 * g));
            ulong badE = Vector512.GreaterThanOrEqual(Vector512.Abs(pe - re), vNear).ExtractMostSignificantBits();
            ulong badO = Vector512.GreaterThanOrEqual(Vector512.Abs(po - ro), vNear).ExtractMostSignificantBits();
            if ((badE | badO) != 0) FixProducts(src, dst, p, 32 * g, Interleave(badE, badO));
        }
        return 16L * groups;
    }

    /// <summary>Bit 2l from bit l of <paramref name="even"/>, bit 2l + 1 from bit l of <paramref name="odd"/> (16 bits each).</summary>
    private static uint Interleave(ulong even, ulong odd)
    {
        uint r = 0;
        for (int l = 0; l < 16; l++) r |= (uint)((even >> l & 1) << (2 * l) | (odd >> l & 1) << (2 * l + 1));
        return r;
    }

    /// <summary>Samples i + l (bit l of <paramref name="near"/>) by the reference's expression.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FixProducts(ReadOnlySpan<byte> src, Span<byte> dst, FusedMultiply p, int i, uint near)
    {
        while (near != 0)
        {
            int e = i + System.Numerics.BitOperations.TrailingZeroCount(near);
            near &= near - 1;
            _multiplyFallbacks++;
            double m = p.Low + UniformAt(p.K0, p.K1, p.S0, p.S1, e) * p.Width;
            dst[e] = (byte)Math.Clamp(Math.Round(src[e] * m, MidpointRounding.ToEven), 0.0, 255.0);
        }
    }
}
