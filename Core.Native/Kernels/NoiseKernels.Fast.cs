using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// The batched paths of the noise kernels: Philox blocks a chunk at a time (PhiloxBatch, interleaved words), then the
// same double arithmetic as the reference loops. Box–Muller runs in vectors on AVX2 with exact scalar fall-backs where
// the rounding could differ (NoiseKernels.Normals.cs); everything uniform is exact integer work and one rounding per step, which
// the AVX paths reproduce lane by lane (no fused multiply-add: the JIT does not contract separate multiplies and adds).
public static partial class NoiseKernels
{
    /// <summary>Blocks a chunk: 4 KiB of words, 2 KiB of doubles per 256 samples.</summary>
    private const int ChunkBlocks = 256;
    private const double Two26 = 67108864.0, TwoMinus53 = 1.0 / 9007199254740992.0;

    private static bool AvxConsumer(SimdPath path) =>
        PhiloxBatch.Effective(path) is SimdPath.Vector256 or SimdPath.Vector512 && Avx2.IsSupported;

    /// <summary>The normals z[2j], z[2j + 1] of the nb blocks in <paramref name="words"/> (the class remarks' Box–Muller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Normals(ReadOnlySpan<uint> words, int nb, Span<double> z)
    {
        for (int j = 0; j < nb; j++)
        {
            uint x0 = words[4 * j], x1 = words[4 * j + 1], x2 = words[4 * j + 2], x3 = words[4 * j + 3];
            double u1 = ((((ulong)(x0 >> 5) << 26) + (x1 >> 6)) + 1) * (1.0 / 9007199254740992.0);
            double u2 = Philox4x32.ToUnitDouble(x2, x3);
            double r = Math.Sqrt(-2.0 * Math.Log(u1)), theta = 2.0 * Math.PI * u2;
            z[2 * j] = r * Math.Cos(theta);
            z[2 * j + 1] = r * Math.Sin(theta);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddGaussianFast(ReadOnlySpan<byte> src, Span<byte> dst, double stddev,
        uint key0, uint key1, uint stream0, uint stream1, SimdPath path)
    {
        Span<uint> words = stackalloc uint[4 * ChunkBlocks];
        Span<double> z = stackalloc double[2 * ChunkBlocks];
        bool avx = AvxConsumer(path);
        double margin = GaussianMargin(stddev, 255.0);
        bool wide = avx && PhiloxBatch.Effective(path) == SimdPath.Vector512;
        int n = src.Length;
        long blocks = ((long)n + 1) / 2;
        for (long b0 = 0; b0 < blocks; b0 += ChunkBlocks)
        {
            int nb = (int)Math.Min(ChunkBlocks, blocks - b0);
            // Blocks from Philox straight into the vector normals where AVX-512 runs (no words in memory; the rare
            // fall-backs take the reference's NormalPair of the block index).
            int done = avx ? NormalsFused(key0, key1, stream0, stream1, b0, nb, z, path) : 0;
            if (done < nb)
            {
                PhiloxBatch.Blocks(key0, key1, stream0, stream1, b0, 1, words[..(4 * nb)], path);
                if (avx) done = NormalsApprox(words, nb, z, path);
                Normals(words[(4 * done)..], nb - done, z[(2 * done)..]);
            }
            int e0 = (int)(2 * b0), ne = Math.Min(2 * nb, n - e0);
            var keys = new NormalKeys(key0, key1, stream0, stream1, b0);
            int i = !avx ? 0 : wide
                ? AddScaled512(src.Slice(e0, ne), dst.Slice(e0, ne), z, stddev, margin, keys)
                : AddScaledAvx(src.Slice(e0, ne), dst.Slice(e0, ne), z, stddev, margin, keys);
            for (; i < ne; i++)
            {
                double zi = z[i], v = src[e0 + i] + stddev * zi;
                // Exact where the margin does not settle the rounding (see NoiseKernels.Normals.cs).
                if (avx && Math.Round(v - margin, MidpointRounding.ToEven) != Math.Round(v + margin, MidpointRounding.ToEven))
                {
                    _gaussianFallbacks++;
                    zi = keys.Exact(i);
                }
                dst[e0 + i] = (byte)Math.Clamp(Math.Round(src[e0 + i] + stddev * zi, MidpointRounding.ToEven), 0.0, 255.0);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddGaussianFast(ReadOnlySpan<float> src, Span<float> dst, double stddev, ValueRange range,
        uint key0, uint key1, uint stream0, uint stream1, SimdPath path)
    {
        Span<uint> words = stackalloc uint[4 * ChunkBlocks];
        Span<double> z = stackalloc double[2 * ChunkBlocks];
        float lo = range.Min, hi = range.Max;
        bool vecZ = AvxConsumer(path);
        int n = src.Length;
        long blocks = ((long)n + 1) / 2;
        for (long b0 = 0; b0 < blocks; b0 += ChunkBlocks)
        {
            int nb = (int)Math.Min(ChunkBlocks, blocks - b0);
            PhiloxBatch.Blocks(key0, key1, stream0, stream1, b0, 1, words[..(4 * nb)], path);
            int done = vecZ ? NormalsApprox(words, nb, z, path) : 0;
            Normals(words[(4 * done)..], nb - done, z[(2 * done)..]);
            int e0 = (int)(2 * b0), ne = Math.Min(2 * nb, n - e0);
            for (int i = 0; i < ne; i++)
            {
                double s = src[e0 + i], zi = z[i];
                if (vecZ && double.IsFinite(s))
                {
                    // Exact where the margin does not settle the rounding to float32, or where v is a zero whose sign
                    // may follow z's (see NoiseKernels.Normals.cs).
                    double v = s + stddev * zi, m = GaussianMargin(stddev, Math.Abs(s));
                    if (v == 0 || BitConverter.SingleToUInt32Bits((float)(v - m)) != BitConverter.SingleToUInt32Bits((float)(v + m)))
                    {
                        _gaussianFallbacks++;
                        zi = ExactNormal(words, i);
                    }
                }
                dst[e0 + i] = MathF.Min(MathF.Max((float)(s + stddev * zi), lo), hi);
            }
        }
    }

    /// <summary>dst[i] = clamp(round_even(src[i] + s * z[i]), 0, 255) in double, 16 samples a step; returns how many.
    /// Where v = src[i] + s * z[i] lies within 2 * <paramref name="margin"/> of a half-integer (|v - round(v)| &gt;
    /// 0.5 - 2 margin, the subtraction exact), a superset of the samples where round(v - margin) != round(v + margin),
    /// z[i] is replaced by the reference's normal (<see cref="NormalKeys.Exact"/>) and the sample recomputed (see
    /// NoiseKernels.Normals.cs); the one rounding serves the output and the test.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AddScaledAvx(ReadOnlySpan<byte> src, Span<byte> dst, ReadOnlySpan<double> z, double s, double margin,
        NormalKeys keys)
    {
        ref byte sp = ref MemoryMarshal.GetReference(src);
        ref byte dp = ref MemoryMarshal.GetReference(dst);
        ref double zp = ref MemoryMarshal.GetReference(z);
        var vs = Vector256.Create(s);
        var near = Vector256.Create(0.5 - 2 * margin);
        int i = 0;
        for (; i + 16 <= src.Length; i += 16)
        {
            var bytes = Vector128.LoadUnsafe(ref sp, (nuint)i);
            var v0 = Avx.Add(Widen(bytes, 0), Avx.Multiply(vs, Vector256.LoadUnsafe(ref zp, (nuint)i)));
            var v1 = Avx.Add(Widen(bytes, 4), Avx.Multiply(vs, Vector256.LoadUnsafe(ref zp, (nuint)(i + 4))));
            var v2 = Avx.Add(Widen(bytes, 8), Avx.Multiply(vs, Vector256.LoadUnsafe(ref zp, (nuint)(i + 8))));
            var v3 = Avx.Add(Widen(bytes, 12), Avx.Multiply(vs, Vector256.LoadUnsafe(ref zp, (nuint)(i + 12))));
            var r0 = Avx.RoundToNearestInteger(v0);
            var r1 = Avx.RoundToNearestInteger(v1);
            var r2 = Avx.RoundToNearestInteger(v2);
            var r3 = Avx.RoundToNearestInteger(v3);
            Pack(Clamp(r0), Clamp(r1), Clamp(r2), Clamp(r3)).StoreUnsafe(ref dp, (nuint)i);
            int bits = Near(v0, r0, near) | Near(v1, r1, near) << 4 | Near(v2, r2, near) << 8 | Near(v3, r3, near) << 12;
            if (bits != 0) FixBytes(src, dst, s, keys, i, bits);
        }
        return i;
    }

    /// <summary>Bit l set where |v_l - r_l| &gt; near_l.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Near(Vector256<double> v, Vector256<double> r, Vector256<double> near) =>
        Avx.MoveMask(Avx.CompareGreaterThan(Vector256.Abs(Avx.Subtract(v, r)), near));

    /// <summary>Math.Clamp(r, 0, 255) of integral r as int32 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Clamp(Vector256<double> r) =>
        Avx.ConvertToVector128Int32WithTruncation(Avx.Min(Avx.Max(r, Vector256<double>.Zero), Vector256.Create(255.0)));

    /// <summary>As <see cref="AddScaledAvx"/> with 512-bit vectors; a sample is recomputed where v lies within
    /// 2 * margin of a half-integer (|v - round(v)| &gt; 0.5 - 2 margin, the subtraction exact), a superset of the
    /// samples where round(v - margin) != round(v + margin).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AddScaled512(ReadOnlySpan<byte> src, Span<byte> dst, ReadOnlySpan<double> z, double s, double margin,
        NormalKeys keys)
    {
        ref byte sp = ref MemoryMarshal.GetReference(src);
        ref byte dp = ref MemoryMarshal.GetReference(dst);
        ref double zp = ref MemoryMarshal.GetReference(z);
        var vs = Vector512.Create(s);
        var near = Vector512.Create(0.5 - 2 * margin);
        var max = Vector512.Create(255.0);
        int i = 0;
        for (; i + 16 <= src.Length; i += 16)
        {
            var ints = Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref sp, (nuint)i));
            var v0 = Avx512F.Add(Avx512F.ConvertToVector512Double(ints.GetLower()), Avx512F.Multiply(vs, Vector512.LoadUnsafe(ref zp, (nuint)i)));
            var v1 = Avx512F.Add(Avx512F.ConvertToVector512Double(ints.GetUpper()), Avx512F.Multiply(vs, Vector512.LoadUnsafe(ref zp, (nuint)(i + 8))));
            var r0 = Avx512F.RoundScale(v0, 0);   // to nearest, ties to even
            var r1 = Avx512F.RoundScale(v1, 0);
            var c0 = Avx512F.ConvertToVector256Int32WithTruncation(Avx512F.Min(Avx512F.Max(r0, Vector512<double>.Zero), max));
            var c1 = Avx512F.ConvertToVector256Int32WithTruncation(Avx512F.Min(Avx512F.Max(r1, Vector512<double>.Zero), max));
            Avx512F.ConvertToVector128Byte(Vector512.Create(c0, c1)).StoreUnsafe(ref dp, (nuint)i);
            var m0 = Vector512.GreaterThan(Vector512.Abs(v0 - r0), near).ExtractMostSignificantBits();
            var m1 = Vector512.GreaterThan(Vector512.Abs(v1 - r1), near).ExtractMostSignificantBits();
            int bits = (int)(m0 | m1 << 8);
            if (bits != 0) FixBytes(src, dst, s, keys, i, bits);
        }
        return i;
    }

    /// <summary>Recomputes samples i + l (bit l of <paramref name="near"/>) with the reference's normals.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FixBytes(ReadOnlySpan<byte> src, Span<byte> dst, double s, NormalKeys keys, int i, int near)
    {
        while (near != 0)
        {
            int e = i + System.Numerics.BitOperations.TrailingZeroCount(near);
            near &= near - 1;
            _gaussianFallbacks++;
            dst[e] = (byte)Math.Clamp(Math.Round(src[e] + s * keys.Exact(e), MidpointRounding.ToEven), 0.0, 255.0);
        }
    }

    /// <summary>Bytes first .. first + 3 of <paramref name="bytes"/> as doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Widen(Vector128<byte> bytes, [ConstantExpected] byte first) =>
        Avx.ConvertToVector256Double(Sse41.ConvertToVector128Int32(first == 0 ? bytes : Sse2.ShiftRightLogical128BitLane(bytes, first)));

    /// <summary>Math.Clamp(Math.Round(v, ToEven), 0, 255) as int32 lanes (v never NaN here).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> RoundClamp(Vector256<double> v) =>
        Avx.ConvertToVector128Int32WithTruncation(Avx.Min(Avx.Max(Avx.RoundToNearestInteger(v), Vector256<double>.Zero), Vector256.Create(255.0)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Pack(Vector128<int> a, Vector128<int> b, Vector128<int> c, Vector128<int> d) =>
        Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(a, b), Sse2.PackSignedSaturate(c, d));

    /// <summary>The uniforms of units u0 .. u0 + count - 1 (unit t: ToUnitDouble of the 64-bit word t of the
    /// interleaved blocks), mapped to <c>low + u * width</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Factors(ReadOnlySpan<uint> words, int count, double low, double width, Span<double> m, bool avx)
    {
        int t = 0;
        if (avx)
        {
            ref ulong q = ref Unsafe.As<uint, ulong>(ref MemoryMarshal.GetReference(words));
            ref double mp = ref MemoryMarshal.GetReference(m);
            var magic = Vector256.Create(0x4330_0000_0000_0000ul);
            var two52 = Vector256.Create(4503599627370496.0);
            var vlow = Vector256.Create(low);
            var vwidth = Vector256.Create(width);
            for (; t + 4 <= count; t += 4)
            {
                var w = Vector256.LoadUnsafe(ref q, (nuint)t);
                var a = Avx2.ShiftRightLogical(Avx2.ShiftLeftLogical(w, 32), 37);   // X_even >> 5, 27 bits
                var b = Avx2.ShiftRightLogical(w, 38);                               // X_odd >> 6, 26 bits
                var da = Avx.Subtract((a | magic).AsDouble(), two52);                  // exact: both below 2^52
                var db = Avx.Subtract((b | magic).AsDouble(), two52);
                var u = Avx.Multiply(Avx.Add(Avx.Multiply(da, Vector256.Create(Two26)), db), Vector256.Create(TwoMinus53));
                Avx.Add(vlow, Avx.Multiply(u, vwidth)).StoreUnsafe(ref mp, (nuint)t);
            }
        }
        for (; t < count; t++) m[t] = low + Philox4x32.ToUnitDouble(words[2 * t], words[2 * t + 1]) * width;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyUniformFast(ReadOnlySpan<byte> src, Span<byte> dst, int channels, double low, double high, bool perChannel,
        uint key0, uint key1, uint stream0, uint stream1, SimdPath path)
    {
        Span<uint> words = stackalloc uint[4 * ChunkBlocks];
        Span<double> mUnit = stackalloc double[2 * ChunkBlocks];
        Span<double> mElem = stackalloc double[2 * ChunkBlocks * 4];
        bool avx = AvxConsumer(path);
        double width = high - low;
        int c = perChannel ? 1 : channels;
        long units = src.Length / c, blocks = (units + 1) / 2;
        // One factor per sample: the fused kernels take whole groups of 8 or 16 blocks, the chunks below the rest.
        long first = c == 1 && avx ? MultiplyFused(src, dst, low, high, key0, key1, stream0, stream1, path) : 0;
        for (long b0 = first; b0 < blocks; b0 += ChunkBlocks)
        {
            int nb = (int)Math.Min(ChunkBlocks, blocks - b0);
            PhiloxBatch.Blocks(key0, key1, stream0, stream1, b0, 1, words[..(4 * nb)], path);
            int u0 = (int)(2 * b0), nu = (int)Math.Min(2 * nb, units - u0);
            Factors(words, nu, low, width, mUnit, avx);
            Span<double> m = mUnit;
            if (c > 1)
            {
                m = mElem;
                for (int t = 0; t < nu; t++)
                    for (int k = 0; k < c; k++) m[t * c + k] = mUnit[t];
            }
            int e0 = u0 * c, ne = nu * c;
            int i = avx ? MultiplyAvx(src.Slice(e0, ne), dst.Slice(e0, ne), m) : 0;
            for (; i < ne; i++)
                dst[e0 + i] = (byte)Math.Clamp(Math.Round(src[e0 + i] * m[i], MidpointRounding.ToEven), 0.0, 255.0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyUniformFast(ReadOnlySpan<float> src, Span<float> dst, int channels, double low, double high, bool perChannel,
        ValueRange range, uint key0, uint key1, uint stream0, uint stream1, SimdPath path)
    {
        Span<uint> words = stackalloc uint[4 * ChunkBlocks];
        Span<double> mUnit = stackalloc double[2 * ChunkBlocks];
        bool avx = AvxConsumer(path);
        double width = high - low;
        int c = perChannel ? 1 : channels;
        long units = src.Length / c, blocks = (units + 1) / 2;
        for (long b0 = 0; b0 < blocks; b0 += ChunkBlocks)
        {
            int nb = (int)Math.Min(ChunkBlocks, blocks - b0);
            PhiloxBatch.Blocks(key0, key1, stream0, stream1, b0, 1, words[..(4 * nb)], path);
            int u0 = (int)(2 * b0), nu = (int)Math.Min(2 * nb, units - u0);
            Factors(words, nu, low, width, mUnit, avx);
            int e0 = u0 * c;
            for (int t = 0; t < nu; t++)
                for (int k = 0; k < c; k++)
                {
                    int i = e0 + t * c + k;
                    dst[i] = MathF.Min(MathF.Max((float)(src[i] * mUnit[t]), range.Min), range.Max);
                }
        }
    }

    /// <summary>dst[i] = clamp(round_even(src[i] * m[i]), 0, 255) in double, 16 samples a step; returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MultiplyAvx(ReadOnlySpan<byte> src, Span<byte> dst, ReadOnlySpan<double> m)
    {
        ref byte sp = ref MemoryMarshal.GetReference(src);
        ref byte dp = ref MemoryMarshal.GetReference(dst);
        ref double mp = ref MemoryMarshal.GetReference(m);
        int i = 0;
        for (; i + 16 <= src.Length; i += 16)
        {
            var bytes = Vector128.LoadUnsafe(ref sp, (nuint)i);
            var r0 = RoundClamp(Avx.Multiply(Widen(bytes, 0), Vector256.LoadUnsafe(ref mp, (nuint)i)));
            var r1 = RoundClamp(Avx.Multiply(Widen(bytes, 4), Vector256.LoadUnsafe(ref mp, (nuint)(i + 4))));
            var r2 = RoundClamp(Avx.Multiply(Widen(bytes, 8), Vector256.LoadUnsafe(ref mp, (nuint)(i + 8))));
            var r3 = RoundClamp(Avx.Multiply(Widen(bytes, 12), Vector256.LoadUnsafe(ref mp, (nuint)(i + 12))));
            Pack(r0, r1, r2, r3).StoreUnsafe(ref dp, (nuint)i);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SaltAndPepperFast<T>(ReadOnlySpan<T> src, Span<T> dst, int channels, double amount, double saltRatio,
        T salt, T pepper, uint key0, uint key1, uint stream0, uint stream1, SimdPath path) where T : unmanaged
    {
        // ToUnitDouble(a, b) < p  <=>  N < p * 2^53 (N the 53-bit integer, the scaling exact)  <=>  N < ceil(p * 2^53).
        ulong noisyBelow = (ulong)Math.Ceiling(amount * 9007199254740992.0);
        ulong saltBelow = (ulong)Math.Ceiling(saltRatio * 9007199254740992.0);
        src.CopyTo(dst);
        Span<ulong> noisy = stackalloc ulong[ChunkBlocks / 64], isSalt = stackalloc ulong[ChunkBlocks / 64];
        int pixels = src.Length / channels;
        ref T d = ref MemoryMarshal.GetReference(dst);
        for (int p0 = 0; p0 < pixels; p0 += ChunkBlocks)
        {
            int nb = Math.Min(ChunkBlocks, pixels - p0);
            PhiloxBatch.Decide(key0, key1, stream0, stream1, p0, nb, noisyBelow, saltBelow, noisy, isSalt, path);
            for (int q = 0; q < (nb + 63) >> 6; q++)
            {
                ulong bits = noisy[q];
                while (bits != 0)
                {
                    int j = q * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    // The pixel's samples one by one (1 to 4 of them: cheaper than a Fill call), inside dst: p0 + j < pixels.
                    T v = (isSalt[q] >> (j & 63) & 1) != 0 ? salt : pepper;
                    ref T o = ref Unsafe.Add(ref d, (nint)(p0 + j) * channels);
                    for (int k = 0; k < channels; k++) Unsafe.Add(ref o, k) = v;
                }
            }
        }
    }

    /// <summary>The stream of a chunk whose first block is <c>B0</c>: <see cref="Exact"/>(i) is the reference's normal of
    /// the chunk's sample i.</summary>
    private readonly record struct NormalKeys(uint K0, uint K1, uint S0, uint S1, long B0)
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public double Exact(int i)
        {
            var (z0, z1) = NormalPair(K0, K1, S0, S1, B0 + (i >> 1));
            return (i & 1) == 0 ? z0 : z1;
        }
    }
}
