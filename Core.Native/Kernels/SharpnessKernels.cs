using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    internal static int Row(SimdPath path, ref byte s, ref byte d, int from, int to, int row, int ch, float factor) => Simd.Resolve(path) switch
    {
        SimdPath.Vector128 => RowW<Vector128<float>, Vector128<byte>, W128>(ref s, ref d, from, to, row, ch, factor),
        SimdPath.Vector256 => RowW<Vector256<float>, Vector256<byte>, W256>(ref s, ref d, from, to, row, ch, factor),
        SimdPath.Vector512 => RowW<Vector512<float>, Vector512<byte>, W512>(ref s, ref d, from, to, row, ch, factor),
        _ => from,
    };

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
