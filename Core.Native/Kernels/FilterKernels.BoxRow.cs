using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// The row pass of the fixed-point filter for row weights with 16 fraction bits that take two values b and b + 1 (box
// kernels too long for 8-bit weights, 9 taps among them), on AVX-512 BW and AVX2. With S the plain sum of the n taps'
// bytes and c the sum of the correction taps' (those of weight b, or of weight b + 1, whichever are fewer), the exact
// integer identity
//   sum_t kx[t] * s_t = (b + 1) * S - c   (corrections of weight b)   or   b * S + c   (corrections of weight b + 1)
// gives Horizontal16's sum, so its row value (sum + 128) >> 8 is the same integer. S <= 255 * n and c fit short lanes
// (n <= 128), so the taps add as shorts; vpmaddwd on the interleaved (S, c) pairs with the weights (m, +-1) forms
// m * S +- c exactly in int lanes (m <= 32767, the result below 2^31), and the unpack low/high halves packed back with
// unsigned saturation (row values are at most 255 * 256) restore the lane order.
public static partial class FilterKernels
{
    /// <summary>The largest kernel the two-weight row pass runs (its sums must fit short lanes).</summary>
    private const int BoxRowMaxTaps = 128;

    /// <summary>Sets up the two-weight row pass: fills <paramref name="offsets"/> with the taps' byte offsets, the
    /// correction taps first, and returns their number, with the multiplier and the corrections' sign; returns -1 when
    /// the pass does not apply (8-bit row weights, more than two weight values or two not one apart, a multiplier above
    /// 32767, more than 128 taps, or no AVX-512 BW / AVX2 path for a row this long).</summary>
    private static int BoxRowSetup(FixedSeparable plan, int channels, int rowLen, SimdPath path, Span<int> offsets,
        out int mult, out bool subtract)
    {
        mult = 0;
        subtract = false;
        bool vectors = path == SimdPath.Vector512 ? Avx512BW.IsSupported && rowLen >= 32
            : path == SimdPath.Vector256 && Avx2.IsSupported && rowLen >= 16;
        int[] kx = plan.X;
        int n = kx.Length;
        if (!vectors || plan.XBits != 16 || n > BoxRowMaxTaps || n > offsets.Length) return -1;
        int lo = int.MaxValue, high = 0;
        foreach (int w in kx) lo = Math.Min(lo, w);
        foreach (int w in kx)
        {
            if (w != lo && w != lo + 1) return -1;
            if (w == lo + 1) high++;
        }
        subtract = n - high < high;
        mult = subtract ? lo + 1 : lo;
        if (mult > short.MaxValue) return -1;
        int nc = 0;
        for (int t = 0; t < n; t++)
            if (subtract ? kx[t] == lo : kx[t] == lo + 1) offsets[nc++] = t * channels;
        int k = nc;
        for (int t = 0; t < n; t++)
            if (!(subtract ? kx[t] == lo : kx[t] == lo + 1)) offsets[k++] = t * channels;
        return nc;
    }

    /// <summary>The two-weight row pass over one padded row (see the file comment): <paramref name="offsets"/> from
    /// <see cref="BoxRowSetup"/>, the taps <paramref name="channels"/> bytes apart.</summary>
    private static void BoxRow(byte[] ext, Span<ushort> outRow, ReadOnlySpan<int> offsets, int nc, int mult, bool subtract,
        int channels, SimdPath path)
    {
        // The (m, +-1) weight pair of each int lane: m multiplies the low short (S), +-1 the high one (c).
        int pair = (int)((uint)mult | (subtract ? 0xFFFF0000u : 0x10000u));
        ref byte e = ref MemoryMarshal.GetArrayDataReference(ext);
        ref ushort o = ref MemoryMarshal.GetReference(outRow);
        ref int off = ref MemoryMarshal.GetReference(offsets);
        if (path == SimdPath.Vector512) BoxRow512(ref e, ref o, outRow.Length, ref off, offsets.Length, nc, pair, channels);
        else BoxRow256(ref e, ref o, outRow.Length, ref off, offsets.Length, nc, pair, channels);
    }

    // S sums all n taps in order, four a step (two independent sums), by pointer steps of ch; c sums the nc correction
    // taps (their offsets first in off; two, as for box 9, from locals, any other number by a loop).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BoxRow512(ref byte e, ref ushort o, int rowLen, ref int off, int n, int nc, int pair, int ch)
    {
        Vector512<short> w = Vector512.Create(pair).AsInt16();
        Vector512<int> half = Vector512.Create(128);
        int o0 = nc > 0 ? off : 0, o1 = nc > 1 ? Unsafe.Add(ref off, 1) : 0;
        // The last vector may overlap the one before (it writes the same values).
        for (int i = 0; i < rowLen; i += 32)
        {
            if (i > rowLen - 32) i = rowLen - 32;
            ref byte p = ref Unsafe.Add(ref e, i);
            Vector512<short> c;
            if (nc == 2) c = W512(ref Unsafe.Add(ref p, o0)) + W512(ref Unsafe.Add(ref p, o1));
            else
            {
                c = Vector512<short>.Zero;
                for (int t = 0; t < nc; t++) c += W512(ref Unsafe.Add(ref p, Unsafe.Add(ref off, t)));
            }
            Vector512<short> s0 = Vector512<short>.Zero, s1 = Vector512<short>.Zero;
            ref byte q = ref p;
            int k = 0;
            for (; k <= n - 4; k += 4)
            {
                s0 += W512(ref q) + W512(ref Unsafe.Add(ref q, ch));
                s1 += W512(ref Unsafe.Add(ref q, 2 * ch)) + W512(ref Unsafe.Add(ref q, 3 * ch));
                q = ref Unsafe.Add(ref q, 4 * ch);
            }
            for (; k < n; k++)
            {
                s0 += W512(ref q);
                q = ref Unsafe.Add(ref q, ch);
            }
            Vector512<short> s = s0 + s1;
            Vector512<int> a = Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(s, c), w) + half;
            Vector512<int> b = Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(s, c), w) + half;
            Avx512BW.PackUnsignedSaturate(Vector512.ShiftRightLogical(a, 8), Vector512.ShiftRightLogical(b, 8)).StoreUnsafe(ref Unsafe.Add(ref o, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<short> W512(ref byte p) => Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref p));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> W256(ref byte p) => Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref p));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BoxRow256(ref byte e, ref ushort o, int rowLen, ref int off, int n, int nc, int pair, int ch)
    {
        Vector256<short> w = Vector256.Create(pair).AsInt16();
        Vector256<int> half = Vector256.Create(128);
        int o0 = nc > 0 ? off : 0, o1 = nc > 1 ? Unsafe.Add(ref off, 1) : 0;
        // The last vector may overlap the one before (it writes the same values).
        for (int i = 0; i < rowLen; i += 16)
        {
            if (i > rowLen - 16) i = rowLen - 16;
            ref byte p = ref Unsafe.Add(ref e, i);
            Vector256<short> c;
            if (nc == 2) c = W256(ref Unsafe.Add(ref p, o0)) + W256(ref Unsafe.Add(ref p, o1));
            else
            {
                c = Vector256<short>.Zero;
                for (int t = 0; t < nc; t++) c += W256(ref Unsafe.Add(ref p, Unsafe.Add(ref off, t)));
            }
            Vector256<short> s0 = Vector256<short>.Zero, s1 = Vector256<short>.Zero;
            ref byte q = ref p;
            int k = 0;
            for (; k <= n - 4; k += 4)
            {
                s0 += W256(ref q) + W256(ref Unsafe.Add(ref q, ch));
                s1 += W256(ref Unsafe.Add(ref q, 2 * ch)) + W256(ref Unsafe.Add(ref q, 3 * ch));
                q = ref Unsafe.Add(ref q, 4 * ch);
            }
            for (; k < n; k++)
            {
                s0 += W256(ref q);
                q = ref Unsafe.Add(ref q, ch);
            }
            Vector256<short> s = s0 + s1;
            Vector256<int> a = Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(s, c), w) + half;
            Vector256<int> b = Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(s, c), w) + half;
            Avx2.PackUnsignedSaturate(Vector256.ShiftRightLogical(a, 8), Vector256.ShiftRightLogical(b, 8)).StoreUnsafe(ref Unsafe.Add(ref o, i));
        }
    }
}
