using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
namespace Augment.Native.Kernels;

/// <summary>
/// The x86 MixUp blend on bytes behind <see cref="GeometryKernels.Mix(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte}, float, SimdPath)"/>:
/// the same float32 arithmetic as its scalar reference (<c>lambda * a + (1 - lambda) * b</c>, a multiply and a multiply
/// then one add, no fused multiply-add, rounded half to even), with one-instruction widening loads (<c>vpmovzxbd</c>)
/// and narrowing stores (packs, or <c>vpmovdb</c>) instead of the generic widths' 128-bit pieces. The clamp of the
/// reference is not needed: with lambda in [0, 1] the sum is at most 255 (1 + 2^-24)^3 &lt; 255.5 and at least 0, so the
/// rounded value is already in [0, 255] (the tests compare every path with the scalar reference bit for bit).
/// </summary>
internal static unsafe class MixKernels
{
    /// <summary>Blends the first multiple of 32 (AVX2) elements; returns how many were done (0 without AVX2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Avx2Bytes(byte* a, byte* b, byte* d, int n, float lambda, float mu)
    {
        if (!Avx2.IsSupported) return 0;
        var l = Vector256.Create(lambda);
        var m = Vector256.Create(mu);
        var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        int i = 0;
        for (; i <= n - 32; i += 32)
        {
            var r0 = Blend8(a + i, b + i, l, m);
            var r1 = Blend8(a + i + 8, b + i + 8, l, m);
            var r2 = Blend8(a + i + 16, b + i + 16, l, m);
            var r3 = Blend8(a + i + 24, b + i + 24, l, m);
            // Packs work within 128-bit lanes: dwords come out as r0 lo, r1 lo, r2 lo, r3 lo, r0 hi, ... ; one permute
            // puts them back in order.
            var w01 = Avx2.PackSignedSaturate(r0, r1);
            var w23 = Avx2.PackSignedSaturate(r2, r3);
            var bytes = Avx2.PackUnsignedSaturate(w01, w23);
            Avx.Store(d + i, Avx2.PermuteVar8x32(bytes.AsInt32(), order).AsByte());
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Blend8(byte* a, byte* b, Vector256<float> l, Vector256<float> m)
    {
        var fa = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(a));
        var fb = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(b));
        var y = Avx.Add(Avx.Multiply(l, fa), Avx.Multiply(m, fb));
        // cvtps2dq rounds by MXCSR, which .NET leaves at round to nearest, ties to even (MathF.Round): one instruction
        // instead of a round and a truncating conversion.
        return Avx.ConvertToVector256Int32(y);
    }

    /// <summary>Blends the first multiple of 16 (AVX-512) elements; returns how many were done (0 without AVX-512F).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Avx512Bytes(byte* a, byte* b, byte* d, int n, float lambda, float mu)
    {
        if (!Avx512F.IsSupported) return 0;
        var l = Vector512.Create(lambda);
        var m = Vector512.Create(mu);
        int i = 0;
        for (; i <= n - 32; i += 32)
        {
            Avx512F.ConvertToVector128Byte(Blend16(a + i, b + i, l, m)).Store(d + i);
            Avx512F.ConvertToVector128Byte(Blend16(a + i + 16, b + i + 16, l, m)).Store(d + i + 16);
        }
        for (; i <= n - 16; i += 16)
            Avx512F.ConvertToVector128Byte(Blend16(a + i, b + i, l, m)).Store(d + i);
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Blend16(byte* a, byte* b, Vector512<float> l, Vector512<float> m)
    {
        var fa = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(a)));
        var fb = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.Load(b)));
        var y = Avx512F.Add(Avx512F.Multiply(l, fa), Avx512F.Multiply(m, fb));
        // vcvtps2dq rounds by MXCSR: to the nearest integer, ties to even (as MathF.Round).
        return Avx512F.ConvertToVector512Int32(y);
    }
}
