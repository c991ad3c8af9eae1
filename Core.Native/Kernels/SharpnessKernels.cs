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
