using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// The vector body of <see cref="ColourKernels.Sharpness(ReadOnlySpan{byte}, Span{byte}, int, int, int, float, SimdPath)"/>:
/// along an interior row the samples from the second pixel to the one before last are contiguous, and each one's nine
/// neighbours are the same offsets (plus or minus a channel step, plus or minus a row), so a vector of consecutive samples
/// loads its neighbours as nine shifted vectors and performs the scalar reference's float operations in its order (the
/// nine products summed left to right, then <c>s + factor * (x - s)</c>, round half to even, clamp; no fused
/// multiply-add, the JIT does not contract). Every width therefore gives the reference's bits.
/// </summary>
internal static class SharpnessKernels
{
    /// <summary>Sharpens samples [from, to) of an interior row in whole vectors; returns the
    /// first sample not done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Row(SimdPath path, ref byte s, ref byte d, int from, int to, int row, int ch, float factor)
    {
        // Whole factors in [-15, 15]: the same bits in 16-bit integer lanes (see IntegerRow256).
        if (IntegerFactor(factor, out int f))
            switch (GrayKernels.Width(path))
            {
                case SimdPath.Vector512 when Avx512BW.IsSupported && to - from >= 32: return IntegerRow512(ref s, ref d, from, to, row, ch, f);
                case SimdPath.Vector512 or SimdPath.Vector256: return IntegerRow256(ref s, ref d, from, to, row, ch, f);
                case SimdPath.Vector128: return IntegerRow128(ref s, ref d, from, to, row, ch, f);
            }
        // x86: 16 samples a step, widened straight from byte loads (GrayKernels.Width picks the width the CPU runs);
        // elsewhere the portable width-generic loop.
        switch (GrayKernels.Width(path))
        {
            case SimdPath.Vector512: return Row16<S512>(ref s, ref d, from, to, row, ch, factor);
            case SimdPath.Vector256: return Row16<S256>(ref s, ref d, from, to, row, ch, factor);
            case SimdPath.Vector128: return Row16<S128>(ref s, ref d, from, to, row, ch, factor);
        }
        return Simd.Resolve(path) switch
        {
            SimdPath.Vector128 => RowW<Vector128<float>, Vector128<byte>, W128>(ref s, ref d, from, to, row, ch, factor),
            SimdPath.Vector256 => RowW<Vector256<float>, Vector256<byte>, W256>(ref s, ref d, from, to, row, ch, factor),
            SimdPath.Vector512 => RowW<Vector512<float>, Vector512<byte>, W512>(ref s, ref d, from, to, row, ch, factor),
            _ => from,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Row16<T>(ref byte s, ref byte d, int from, int to, int row, int ch, float factor) where T : struct, ISharp16
    {
        int o = from;
        for (; o <= to - 16; o += 16)
            T.Sharpen(ref Unsafe.Add(ref s, o), row, ch, factor).StoreUnsafe(ref d, (nuint)o);
        return o;
    }

    private interface ISharp16
    {
        /// <summary>The 16 results for the samples at <paramref name="c"/> onwards.</summary>
        static abstract Vector128<byte> Sharpen(ref byte c, int row, int ch, float factor);
    }

    private readonly struct S512 : ISharp16
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> W(ref byte p) => Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref p)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Sharpen(ref byte c, int row, int ch, float factor)
        {
            var side = Vector512.Create(ColourKernels.SmoothSide);
            var x = W(ref c);
            var sum = side * W(ref Unsafe.Add(ref c, -row - ch));
            sum += side * W(ref Unsafe.Add(ref c, -row));
            sum += side * W(ref Unsafe.Add(ref c, -row + ch));
            sum += side * W(ref Unsafe.Add(ref c, -ch));
            sum += Vector512.Create(ColourKernels.SmoothCentre) * x;
            sum += side * W(ref Unsafe.Add(ref c, ch));
            sum += side * W(ref Unsafe.Add(ref c, row - ch));
            sum += side * W(ref Unsafe.Add(ref c, row));
            sum += side * W(ref Unsafe.Add(ref c, row + ch));
            var y = sum + Vector512.Create(factor) * (x - sum);
            y = Vector512.Min(Vector512.Max(Vector512.Round(y), Vector512<float>.Zero), Vector512.Create(255f));
            return Avx512F.ConvertToVector128Byte(Avx512F.ConvertToVector512Int32WithTruncation(y));
        }
    }

    private readonly struct S256 : ISharp16
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> W(ref byte p) =>
            Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref p)).AsByte()));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<int> Half(ref byte c, int row, int ch, float factor)
        {
            var side = Vector256.Create(ColourKernels.SmoothSide);
            var x = W(ref c);
            var sum = side * W(ref Unsafe.Add(ref c, -row - ch));
            sum += side * W(ref Unsafe.Add(ref c, -row));
            sum += side * W(ref Unsafe.Add(ref c, -row + ch));
            sum += side * W(ref Unsafe.Add(ref c, -ch));
            sum += Vector256.Create(ColourKernels.SmoothCentre) * x;
            sum += side * W(ref Unsafe.Add(ref c, ch));
            sum += side * W(ref Unsafe.Add(ref c, row - ch));
            sum += side * W(ref Unsafe.Add(ref c, row));
            sum += side * W(ref Unsafe.Add(ref c, row + ch));
            var y = sum + Vector256.Create(factor) * (x - sum);
            y = Vector256.Min(Vector256.Max(Vector256.Round(y), Vector256<float>.Zero), Vector256.Create(255f));
            return Avx.ConvertToVector256Int32WithTruncation(y);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Sharpen(ref byte c, int row, int ch, float factor)
        {
            var lo = Half(ref c, row, ch, factor);
            var hi = Half(ref Unsafe.Add(ref c, 8), row, ch, factor);
            return Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(lo.GetLower(), lo.GetUpper()), Sse2.PackSignedSaturate(hi.GetLower(), hi.GetUpper()));
        }
    }

    private readonly struct S128 : ISharp16
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> W(ref byte p) =>
            Sse2.ConvertToVector128Single(Sse41.ConvertToVector128Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref p)).AsByte()));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<int> Quarter(ref byte c, int row, int ch, float factor)
        {
            var side = Vector128.Create(ColourKernels.SmoothSide);
            var x = W(ref c);
            var sum = side * W(ref Unsafe.Add(ref c, -row - ch));
            sum += side * W(ref Unsafe.Add(ref c, -row));
            sum += side * W(ref Unsafe.Add(ref c, -row + ch));
            sum += side * W(ref Unsafe.Add(ref c, -ch));
            sum += Vector128.Create(ColourKernels.SmoothCentre) * x;
            sum += side * W(ref Unsafe.Add(ref c, ch));
            sum += side * W(ref Unsafe.Add(ref c, row - ch));
            sum += side * W(ref Unsafe.Add(ref c, row));
            sum += side * W(ref Unsafe.Add(ref c, row + ch));
            var y = sum + Vector128.Create(factor) * (x - sum);
            y = Vector128.Min(Vector128.Max(Vector128.Round(y), Vector128<float>.Zero), Vector128.Create(255f));
            return Sse2.ConvertToVector128Int32WithTruncation(y);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Sharpen(ref byte c, int row, int ch, float factor)
        {
            var q0 = Quarter(ref c, row, ch, factor);
            var q1 = Quarter(ref Unsafe.Add(ref c, 4), row, ch, factor);
            var q2 = Quarter(ref Unsafe.Add(ref c, 8), row, ch, factor);
            var q3 = Quarter(ref Unsafe.Add(ref c, 12), row, ch, factor);
            return Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(q0, q1), Sse2.PackSignedSaturate(q2, q3));
        }
    }

    // ---------------------------------------------------------------- whole factors in integer lanes
    //
    // With the eight neighbours' sum N8 and the centre x (S = N8 + 5x), the exact value of the float formula is
    // y = S / 13 + f (x - S / 13) = N / 13 with the integer N = (1 - f) N8 + (5 + 8f) x. For a whole factor f, N / 13 is
    // never a half (2N is even, 13 (2k + 1) odd), so it lies at least 1/26 from every rounding boundary. The float
    // computation stays far closer than that to N / 13: with u = 2^-24, the weights fl(1/13), fl(5/13) (relative error u),
    // the nine rounded products and eight rounded additions of values below 256 give |sum - S/13| <= 10 * 255u
    // < 1.6e-4; x - sum, the product by f and the last addition add at most |f| * 512u + 4200u, so for |f| <= 15 the float
    // y is within 16 * 1.6e-4 + 0.0012 < 0.004 of N / 13, far inside 1/26 = 0.038. Round half to even of the float y is
    // therefore round(N / 13) = floor((N + 6) / 13) (N + 6.5 is never a multiple of 13), and clamping to [0, 255] before
    // or after the division gives the same byte: M = clamp(N + 6, 0, 3315), result M / 13. For M <= 3315 the division is
    // (M * 5042) >> 16 (checked for every M by FastColourTests). N stays within short lanes for |f| <= 15:
    // (1 - f) N8 in [-28560, 32640] with N8 <= 2040, (5 + 8f) x in [-29325, 31875], of opposite signs.

    /// <summary>The largest whole factor (in magnitude) the integer rows take.</summary>
    internal const int MaxIntegerFactor = 15;

    /// <summary>True (with the factor as an int) for a whole factor in [-15, 15].</summary>
    internal static bool IntegerFactor(float factor, out int f)
    {
        f = 0;
        if (!(MathF.Abs(factor) <= MaxIntegerFactor) || factor != MathF.Floor(factor)) return false;
        f = (int)factor;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> L16(ref byte p) => Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref p));

    /// <summary>16 samples a step in 16-bit lanes (AVX2); the last step may overlap the one before (it writes the same
    /// bytes). Returns the first sample not done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IntegerRow256(ref byte s, ref byte d, int from, int to, int row, int ch, int f)
    {
        if (to - from < 16) return from;
        var wn = Vector256.Create((short)(1 - f));
        var wx = Vector256.Create((short)(5 + 8 * f));
        var six = Vector256.Create((short)6);
        var top = Vector256.Create((short)3315);
        var magic = Vector256.Create((ushort)5042);
        for (int o = from; ; o += 16)
        {
            if (o > to - 16) o = to - 16;
            ref byte c = ref Unsafe.Add(ref s, o);
            var up = L16(ref Unsafe.Add(ref c, -row - ch)) + L16(ref Unsafe.Add(ref c, -row)) + L16(ref Unsafe.Add(ref c, -row + ch));
            var mid = L16(ref Unsafe.Add(ref c, -ch)) + L16(ref Unsafe.Add(ref c, ch));
            var down = L16(ref Unsafe.Add(ref c, row - ch)) + L16(ref Unsafe.Add(ref c, row)) + L16(ref Unsafe.Add(ref c, row + ch));
            var n = (up + mid + down) * wn + L16(ref c) * wx + six;
            n = Vector256.Min(Vector256.Max(n, Vector256<short>.Zero), top);
            var q = Avx2.MultiplyHigh(n.AsUInt16(), magic).AsInt16();
            Sse2.PackUnsignedSaturate(q.GetLower(), q.GetUpper()).StoreUnsafe(ref d, (nuint)o);
            if (o == to - 16) return to;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> L32(ref byte p) => Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref p));

    /// <summary>As <see cref="IntegerRow256"/>, 32 samples a step (AVX-512 BW).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IntegerRow512(ref byte s, ref byte d, int from, int to, int row, int ch, int f)
    {
        if (to - from < 32) return from;
        var wn = Vector512.Create((short)(1 - f));
        var wx = Vector512.Create((short)(5 + 8 * f));
        var six = Vector512.Create((short)6);
        var top = Vector512.Create((short)3315);
        var magic = Vector512.Create((ushort)5042);
        for (int o = from; ; o += 32)
        {
            if (o > to - 32) o = to - 32;
            ref byte c = ref Unsafe.Add(ref s, o);
            var up = L32(ref Unsafe.Add(ref c, -row - ch)) + L32(ref Unsafe.Add(ref c, -row)) + L32(ref Unsafe.Add(ref c, -row + ch));
            var mid = L32(ref Unsafe.Add(ref c, -ch)) + L32(ref Unsafe.Add(ref c, ch));
            var down = L32(ref Unsafe.Add(ref c, row - ch)) + L32(ref Unsafe.Add(ref c, row)) + L32(ref Unsafe.Add(ref c, row + ch));
            var n = (up + mid + down) * wn + L32(ref c) * wx + six;
            n = Vector512.Min(Vector512.Max(n, Vector512<short>.Zero), top);
            Avx512BW.ConvertToVector256Byte(Avx512BW.MultiplyHigh(n.AsUInt16(), magic)).StoreUnsafe(ref d, (nuint)o);
            if (o == to - 32) return to;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> L8(ref byte p) =>
        Sse41.ConvertToVector128Int16(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref p)).AsByte());

    /// <summary>As <see cref="IntegerRow256"/>, 8 samples a step in SSE4.1 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IntegerRow128(ref byte s, ref byte d, int from, int to, int row, int ch, int f)
    {
        if (to - from < 8) return from;
        var wn = Vector128.Create((short)(1 - f));
        var wx = Vector128.Create((short)(5 + 8 * f));
        var six = Vector128.Create((short)6);
        var top = Vector128.Create((short)3315);
        var magic = Vector128.Create((ushort)5042);
        for (int o = from; ; o += 8)
        {
            if (o > to - 8) o = to - 8;
            ref byte c = ref Unsafe.Add(ref s, o);
            var up = L8(ref Unsafe.Add(ref c, -row - ch)) + L8(ref Unsafe.Add(ref c, -row)) + L8(ref Unsafe.Add(ref c, -row + ch));
            var mid = L8(ref Unsafe.Add(ref c, -ch)) + L8(ref Unsafe.Add(ref c, ch));
            var down = L8(ref Unsafe.Add(ref c, row - ch)) + L8(ref Unsafe.Add(ref c, row)) + L8(ref Unsafe.Add(ref c, row + ch));
            var n = (up + mid + down) * wn + L8(ref c) * wx + six;
            n = Vector128.Min(Vector128.Max(n, Vector128<short>.Zero), top);
            var q = Sse2.MultiplyHigh(n.AsUInt16(), magic).AsInt16();
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, o), Sse2.PackUnsignedSaturate(q, q).AsUInt64().ToScalar());
            if (o == to - 8) return to;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowW<TF, TB, TW>(ref byte s, ref byte d, int from, int to, int row, int ch, float factor)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, o = from;
        TF side = TW.Splat(ColourKernels.SmoothSide), centre = TW.Splat(ColourKernels.SmoothCentre), f = TW.Splat(factor);
        TF lo = TW.Splat(0f), hi = TW.Splat(255f);
        for (; o <= to - v; o += v)
        {
            ref byte c = ref Unsafe.Add(ref s, o);
            TF x = TW.LoadWidening(ref c);
            TF sum = TW.Mul(side, TW.LoadWidening(ref Unsafe.Add(ref c, -row - ch)));
            sum = TW.Add(sum, TW.Mul(side, TW.LoadWidening(ref Unsafe.Add(ref c, -row))));
            sum = TW.Add(sum, TW.Mul(side, TW.LoadWidening(ref Unsafe.Add(ref c, -row + ch))));
            sum = TW.Add(sum, TW.Mul(side, TW.LoadWidening(ref Unsafe.Add(ref c, -ch))));
            sum = TW.Add(sum, TW.Mul(centre, x));
            sum = TW.Add(sum, TW.Mul(side, TW.LoadWidening(ref Unsafe.Add(ref c, ch))));
            sum = TW.Add(sum, TW.Mul(side, TW.LoadWidening(ref Unsafe.Add(ref c, row - ch))));
            sum = TW.Add(sum, TW.Mul(side, TW.LoadWidening(ref Unsafe.Add(ref c, row))));
            sum = TW.Add(sum, TW.Mul(side, TW.LoadWidening(ref Unsafe.Add(ref c, row + ch))));
            TF y = TW.Add(sum, TW.Mul(f, TW.Sub(x, sum)));
            TW.StoreNarrowing(TW.Min(TW.Max(TW.Round(y), lo), hi), ref Unsafe.Add(ref d, o));
        }
        return o;
    }
}
