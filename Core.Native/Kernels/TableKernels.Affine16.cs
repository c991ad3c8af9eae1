using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// One non-decreasing table for every channel that is a 16-bit affine map of the index, saturated, plus a correction of
// 0 or 1 per entry:
//     u = min(max(v - S, 0), Hi),   t[v] = min(255, clamp(A u + P - N, 0, 65535) >> Shift)  +  bit v of a 256-bit mask,
// with A * Hi < 2^16 (so the 16-bit product is exact), P, N >= 0 (one of them 0: the clamp is one saturating add of P
// and one saturating subtract of N), S the end of the table's first flat run and Shift 8 (7 or 6 for steep tables, whose
// products would not fit 16 bits with 8 fractional bits). A byte scale rounded half to even (PIL's brightness, v * 1.3:
// v = 5 goes down to 6, v = 15 up to 20) is no floor of an affine map, so neither TryFitAffine nor the nibble deltas
// take it, and without AVX-512 VBMI it fell to the sixteen-shuffle lookup. Here the affine part is two 16-bit
// multiply-adds per vector (the even and the odd bytes of each 16-bit lane, no unpacking) and the correction three
// shuffles (the mask byte by the index's top five bits, its bit by the low three): about half the instructions of the
// lookup. Tables with no correction (a truncating or tie-free affine map) skip the shuffles. The fit is checked on all
// 256 entries, so a table is taken only when the formula gives it back exactly.
public static partial class TableKernels
{
    /// <summary>The decision and coefficients of the 16-bit affine path (see the file's remarks): <c>t[v] = min(255,
    /// clamp(A min(max(v - S, 0), Hi) + P - N, 0, 65535) &gt;&gt; Shift) + ((Mask[v &gt;&gt; 3] &gt;&gt; (v &amp; 7))
    /// &amp; 1)</c>.</summary>
    internal struct Affine16Fit
    {
        public byte S, Hi, Shift;
        public ushort A, P, N;
        /// <summary>Whether any mask bit is set (else the correction is skipped).</summary>
        public bool Correct;
    }

    /// <summary>Finds S, Hi, Shift, A, P, N and the 32-byte correction mask with <c>t[v] = min(255, clamp(A min(max(v -
    /// S, 0), Hi) + P - N, 0, 65535) &gt;&gt; Shift) + bit v of mask</c> for every v in 0..255, for a non-decreasing
    /// table; checked on every entry. Shift 8 first, then 7 and 6; at each, slopes near the one through the table's
    /// unclamped entries, a fit without correction first.</summary>
    /// <param name="t">256 entries.</param>
    /// <param name="mask">32 bytes, written (bit v &amp; 7 of byte v &gt;&gt; 3 is entry v's correction).</param>
    /// <param name="fit">The coefficients when found.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryFitAffine16(ReadOnlySpan<byte> t, Span<byte> mask, out Affine16Fit fit)
    {
        if (t.Length != 256) Throw.Argument(nameof(t), t.Length, "256 entries");
        if (mask.Length != 32) Throw.Argument(nameof(mask), mask.Length, "32 bytes");
        fit = default;
        for (int v = 1; v < 256; v++)
            if (t[v] < t[v - 1]) return false;
        // The runs at both ends: t is t[0] on [0, lo] and t[255] on [hi, 255]; the slope is estimated between the
        // entries next to them, which no clamp touches. Indices up to lo all give u = 0.
        int lo = 0, hi = 255;
        while (lo < 255 && t[lo + 1] == t[0]) lo++;
        while (hi > 0 && t[hi - 1] == t[255]) hi--;
        int sh = lo == 255 ? 0 : lo;
        int p = lo + 1, q = hi - 1;
        if (q <= p) { p = lo; q = hi; }
        double slope = q <= p ? 0 : (double)(t[q] - t[p]) / (q - p);
        // Per entry, the bounds on c u + B before the slope's part (see below), and the ramp 0..255.
        Span<int> lowStrict = stackalloc int[256], lowRelaxed = stackalloc int[256], upper = stackalloc int[256];
        for (int shift = 8; shift >= 6; shift--)
        {
            int one = 1 << shift;
            // The offsets B with floor(clamp(c u + B) / 2^shift) = t (strict) or t or t - 1 (relaxed) at every entry:
            // 2^shift t <= c u + B (2^shift (t - 1) relaxed) unless t = 0 (the clamp makes 0 of anything lower),
            // c u + B <= 2^shift (t + 1) - 1 unless t = 255 (the clamps make 255 of anything higher); an entry
            // without a bound gets one no slope's part reaches (|c u| < 2^16).
            for (int v = 0; v < 256; v++)
            {
                int y = t[v] << shift;
                lowStrict[v] = t[v] > 0 ? y : -(1 << 20);
                lowRelaxed[v] = t[v] > 0 ? y - one : -(1 << 20);
                upper[v] = t[v] < 255 ? y + one - 1 : 1 << 20;
            }
            int a0 = (int)Math.Round(one * slope);
            int a = -1, b = 0, ra = -1, rb = 0;
            for (int k = 0; k < 7 && a < 0; k++)
            {
                int c = a0 + ((k & 1) == 0 ? k / 2 : -(k + 1) / 2); // a0, a0 - 1, a0 + 1, a0 - 2, ...
                if (c is < 0 or > 65535) continue;
                int top = c == 0 ? 255 - sh : Math.Min(255 - sh, 65535 / c);
                OffsetBounds(lowStrict, lowRelaxed, upper, c, sh, top, out int ls, out int lr, out int up);
                ls = Math.Max(ls, -65535); lr = Math.Max(lr, -65535); up = Math.Min(up, 65535);
                if (ls <= up) { a = c; b = ls; }
                else if (lr <= up && ra < 0) { ra = c; rb = lr; }
            }
            if (a < 0) { a = ra; b = rb; }
            if (a < 0) continue;
            fit = new Affine16Fit
            {
                S = (byte)sh, Hi = (byte)(a == 0 ? 255 - sh : Math.Min(255 - sh, 65535 / a)), Shift = (byte)shift,
                A = (ushort)a, P = (ushort)Math.Max(b, 0), N = (ushort)Math.Max(-b, 0),
            };
            // Every entry: the correction 0 or 1.
            mask.Clear();
            bool ok = true;
            for (int v = 0; v < 256 && ok; v++)
            {
                int c = t[v] - Affine16Base(fit, v);
                if (c is not (0 or 1)) ok = false;
                else if (c == 1) { mask[v >> 3] |= (byte)(1 << (v & 7)); fit.Correct = true; }
            }
            if (ok) return true;
        }
        fit = default;
        return false;
    }

    // max(lowStrict[v] - c u), max(lowRelaxed[v] - c u) and min(upper[v] - c u) over v, u = clamp(v - sh, 0, top): four
    // entries at a time (c u < 2^16 and the bounds within 2^21, so no int overflows).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OffsetBounds(ReadOnlySpan<int> lowStrict, ReadOnlySpan<int> lowRelaxed, ReadOnlySpan<int> upper,
                                     int c, int sh, int top, out int ls, out int lr, out int up)
    {
        ref int pls = ref MemoryMarshal.GetReference(lowStrict), plr = ref MemoryMarshal.GetReference(lowRelaxed),
            pup = ref MemoryMarshal.GetReference(upper);
        if (Vector256.IsHardwareAccelerated)
        {
            var ramp = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) - Vector256.Create(sh);
            var eight = Vector256.Create(8);
            var topv = Vector256.Create(top);
            var cv = Vector256.Create(c);
            var mls = Vector256.Create(int.MinValue);
            var mlr = mls;
            var mup = Vector256.Create(int.MaxValue);
            for (nuint v = 0; v < 256; v += 8, ramp += eight)
            {
                var cu = Vector256.Min(Vector256.Max(ramp, Vector256<int>.Zero), topv) * cv;
                mls = Vector256.Max(mls, Vector256.LoadUnsafe(ref pls, v) - cu);
                mlr = Vector256.Max(mlr, Vector256.LoadUnsafe(ref plr, v) - cu);
                mup = Vector256.Min(mup, Vector256.LoadUnsafe(ref pup, v) - cu);
            }
            var a4 = Vector128.Max(mls.GetLower(), mls.GetUpper());
            var b4 = Vector128.Max(mlr.GetLower(), mlr.GetUpper());
            var c4 = Vector128.Min(mup.GetLower(), mup.GetUpper());
            ls = Math.Max(Math.Max(a4[0], a4[1]), Math.Max(a4[2], a4[3]));
            lr = Math.Max(Math.Max(b4[0], b4[1]), Math.Max(b4[2], b4[3]));
            up = Math.Min(Math.Min(c4[0], c4[1]), Math.Min(c4[2], c4[3]));
            return;
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var ramp = Vector128.Create(0, 1, 2, 3) - Vector128.Create(sh);
            var four = Vector128.Create(4);
            var topv = Vector128.Create(top);
            var cv = Vector128.Create(c);
            var mls = Vector128.Create(int.MinValue);
            var mlr = mls;
            var mup = Vector128.Create(int.MaxValue);
            for (nuint v = 0; v < 256; v += 4, ramp += four)
            {
                var cu = Vector128.Min(Vector128.Max(ramp, Vector128<int>.Zero), topv) * cv;
                mls = Vector128.Max(mls, Vector128.LoadUnsafe(ref pls, v) - cu);
                mlr = Vector128.Max(mlr, Vector128.LoadUnsafe(ref plr, v) - cu);
                mup = Vector128.Min(mup, Vector128.LoadUnsafe(ref pup, v) - cu);
            }
            ls = Math.Max(Math.Max(mls[0], mls[1]), Math.Max(mls[2], mls[3]));
            lr = Math.Max(Math.Max(mlr[0], mlr[1]), Math.Max(mlr[2], mlr[3]));
            up = Math.Min(Math.Min(mup[0], mup[1]), Math.Min(mup[2], mup[3]));
            return;
        }
        ls = lr = int.MinValue; up = int.MaxValue;
        for (int v = 0; v < 256; v++)
        {
            int cu = c * Math.Clamp(v - sh, 0, top);
            ls = Math.Max(ls, lowStrict[v] - cu);
            lr = Math.Max(lr, lowRelaxed[v] - cu);
            up = Math.Min(up, upper[v] - cu);
        }
    }

    /// <summary>A fit of <see cref="TryFitAffine"/>'s form, <c>clamp((a v + b) &gt;&gt; 16, 0, 255) = t[v]</c> for every
    /// v, looked for only near the least-squares slope of the unclamped entries (nine slopes 24 apart, each with its
    /// smallest offset): a few vector passes where TryFitAffine's search costs a few microseconds. For a table that
    /// TryFitAffine16 fits only with a correction: when the entries are floors of a line that 8 fractional bits miss
    /// (a contrast, a brightness with an offset), this finds the line and the 32-bit multiply-add runs without the
    /// correction's shuffles. Checked on all 256 entries; false means "not found here", not "not affine".</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryFitAffineNear(ReadOnlySpan<byte> t, out int a, out int b)
    {
        if (t.Length != 256) Throw.Argument(nameof(t), t.Length, "256 entries");
        a = 0; b = 0;
        long n = 0, sv = 0, st = 0, svv = 0, svt = 0;
        for (int v = 0; v < 256; v++)
        {
            int y = t[v];
            if (y is > 0 and < 255) { n++; sv += v; st += y; svv += v * v; svt += v * y; }
        }
        long den = n * svv - sv * sv;
        if (n < 2 || den <= 0) return false;
        int a0 = (int)Math.Round((double)(n * svt - sv * st) / den * 65536.0);
        // Bounds on a v + b per entry (t = 0 or 255 bounds one side only); a sentinel that no a v (0 <= a v < 2^30)
        // moves past a real bound, and no int overflows.
        Span<int> lower = stackalloc int[256], upper = stackalloc int[256];
        for (int v = 0; v < 256; v++)
        {
            lower[v] = t[v] > 0 ? t[v] << 16 : -(1 << 30);
            upper[v] = t[v] < 255 ? (t[v] << 16) + 65535 : int.MaxValue;
        }
        for (int k = 0; k < 9; k++)
        {
            int c = a0 + 24 * ((k & 1) == 0 ? k / 2 : -(k + 1) / 2);
            if (c is < 0 or >= 1 << 22) continue;
            OffsetBounds(lower, lower, upper, c, 0, 255, out int lo, out _, out int up);
            if (lo > up) continue;
            bool ok = true;
            for (int v = 0; v < 256 && ok; v++)
                ok = (byte)Math.Clamp(((long)c * v + lo) >> 16, 0, 255) == t[v];
            if (!ok) continue;
            a = c; b = lo;
            return true;
        }
        return false;
    }

    private static int Affine16Base(in Affine16Fit fit, int v) =>
        Math.Min(255, Math.Clamp(fit.A * Math.Clamp(v - fit.S, 0, fit.Hi) + fit.P - fit.N, 0, 65535) >> fit.Shift);

    /// <summary>The 16-bit affine path's formula on one index (the reference the vector paths follow).</summary>
    internal static byte Affine16Entry(in Affine16Fit fit, ReadOnlySpan<byte> mask, int v) =>
        (byte)(Affine16Base(fit, v) + ((mask[v >> 3] >> (v & 7)) & 1));

    // Whether the shift is 8 (the results need no clamp at 255 and the odd one stays in place): a type argument, so the
    // JIT compiles each loop without the test.
    private interface IFlag { }
    private struct Yes : IFlag { }
    private struct No : IFlag { }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Base256<TEight, TNegative>(Vector256<byte> x, Vector256<byte> s, Vector256<byte> hi, Vector256<ushort> a,
        Vector256<ushort> b, int shift) where TEight : struct, IFlag where TNegative : struct, IFlag
    {
        // Each 16-bit lane holds an even sample (low byte) and an odd one (high byte): both through A u + P - N with
        // 16-bit saturation (one of P and N is 0: b is the other, added or subtracted), the even one's result shifted
        // down, the odd one's into the high byte.
        var lowByte = Vector256.Create((ushort)0x00FF);
        var u = Vector256.Min(Avx2.SubtractSaturate(x, s), hi).AsUInt16();
        Vector256<ushort> even = (u & lowByte) * a, odd = Vector256.ShiftRightLogical(u, 8) * a;
        if (typeof(TNegative) == typeof(Yes)) { even = Avx2.SubtractSaturate(even, b); odd = Avx2.SubtractSaturate(odd, b); }
        else { even = Avx2.AddSaturate(even, b); odd = Avx2.AddSaturate(odd, b); }
        if (typeof(TEight) == typeof(Yes))
            return (Vector256.ShiftRightLogical(even, 8) | (odd & ~lowByte)).AsByte();
        even = Vector256.Min(Vector256.ShiftRightLogical(even, shift), lowByte);
        odd = Vector256.Min(Vector256.ShiftRightLogical(odd, shift), lowByte);
        return (even | Vector256.ShiftLeft(odd, 8)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Correction256(Vector256<byte> x, Vector256<byte> m1, Vector256<byte> m01, Vector256<byte> bits)
    {
        // Mask byte x >> 3 (0..31): m1 holds bytes 16..31, m01 bytes 0..15 XOR 16..31; the index plus 0x70 (saturating)
        // keeps its top bit clear only below 16, where vpshufb then reads m01 and the XOR leaves byte x >> 3; from 16 on
        // it reads zero and m1 alone gives the byte. Its bit x & 7 by a third shuffle; all bits set where it is set.
        var i = Vector256.ShiftRightLogical(x.AsUInt16(), 3).AsByte() & Vector256.Create((byte)0x1F);
        var m = Avx2.Shuffle(m1, i) ^ Avx2.Shuffle(m01, Avx2.AddSaturate(i, Vector256.Create((byte)0x70)));
        var bit = Avx2.Shuffle(bits, x & Vector256.Create((byte)7));
        return Vector256.Equals(m & bit, bit);
    }

    private static int Affine16Avx2(ReadOnlySpan<byte> src, Span<byte> dst, in Affine16Fit fit, ReadOnlySpan<byte> mask) =>
        fit.N != 0
            ? fit.Shift == 8 ? (fit.Correct ? Affine16Avx2<Yes, Yes, Yes>(src, dst, fit, mask) : Affine16Avx2<Yes, No, Yes>(src, dst, fit, mask))
            : fit.Correct ? Affine16Avx2<No, Yes, Yes>(src, dst, fit, mask) : Affine16Avx2<No, No, Yes>(src, dst, fit, mask)
            : fit.Shift == 8 ? (fit.Correct ? Affine16Avx2<Yes, Yes, No>(src, dst, fit, mask) : Affine16Avx2<Yes, No, No>(src, dst, fit, mask))
            : fit.Correct ? Affine16Avx2<No, Yes, No>(src, dst, fit, mask) : Affine16Avx2<No, No, No>(src, dst, fit, mask);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Affine16Avx2<TEight, TCorrect, TNegative>(ReadOnlySpan<byte> src, Span<byte> dst, in Affine16Fit fit, ReadOnlySpan<byte> mask)
        where TEight : struct, IFlag where TCorrect : struct, IFlag where TNegative : struct, IFlag
    {
        var sv = Vector256.Create(fit.S);
        var hi = Vector256.Create(fit.Hi);
        var a = Vector256.Create(fit.A);
        var b = Vector256.Create(typeof(TNegative) == typeof(Yes) ? fit.N : fit.P);
        int shift = fit.Shift;
        var upper = Vector128.Create(mask.Slice(16, 16));
        var lower = Vector128.Create(mask.Slice(0, 16)) ^ upper;
        var m1 = Vector256.Create(upper, upper);
        var m01 = Vector256.Create(lower, lower);
        var bits = Vector256.Create((byte)1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128,
                                    1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        for (; i <= n - 64; i += 64)
        {
            var x0 = Vector256.LoadUnsafe(ref s, (nuint)i);
            var x1 = Vector256.LoadUnsafe(ref s, (nuint)i + 32);
            var r0 = Base256<TEight, TNegative>(x0, sv, hi, a, b, shift);
            var r1 = Base256<TEight, TNegative>(x1, sv, hi, a, b, shift);
            if (typeof(TCorrect) == typeof(Yes))
            {
                r0 -= Correction256(x0, m1, m01, bits);
                r1 -= Correction256(x1, m1, m01, bits);
            }
            r0.StoreUnsafe(ref d, (nuint)i);
            r1.StoreUnsafe(ref d, (nuint)i + 32);
        }
        for (; i <= n - 32; i += 32)
        {
            var x = Vector256.LoadUnsafe(ref s, (nuint)i);
            var r = Base256<TEight, TNegative>(x, sv, hi, a, b, shift);
            if (typeof(TCorrect) == typeof(Yes)) r -= Correction256(x, m1, m01, bits);
            r.StoreUnsafe(ref d, (nuint)i);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Affine16Sse(ReadOnlySpan<byte> src, Span<byte> dst, in Affine16Fit fit, ReadOnlySpan<byte> mask)
    {
        var sv = Vector128.Create(fit.S);
        var hi = Vector128.Create(fit.Hi);
        var a = Vector128.Create(fit.A);
        var p = Vector128.Create(fit.P);
        var q = Vector128.Create(fit.N);
        int shift = fit.Shift;
        var lowByte = Vector128.Create((ushort)0x00FF);
        var upper = Vector128.Create(mask.Slice(16, 16));
        var m01 = Vector128.Create(mask.Slice(0, 16)) ^ upper;
        var bits = Vector128.Create((byte)1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128);
        var five = Vector128.Create((byte)0x1F);
        var seventy = Vector128.Create((byte)0x70);
        var seven = Vector128.Create((byte)7);
        bool correct = fit.Correct;
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        for (; i <= n - 16; i += 16)
        {
            var x = Vector128.LoadUnsafe(ref s, (nuint)i);
            var u = Vector128.Min(Sse2.SubtractSaturate(x, sv), hi).AsUInt16();
            var even = Sse2.SubtractSaturate(Sse2.AddSaturate((u & lowByte) * a, p), q);
            var odd = Sse2.SubtractSaturate(Sse2.AddSaturate(Vector128.ShiftRightLogical(u, 8) * a, p), q);
            even = Vector128.Min(Vector128.ShiftRightLogical(even, shift), lowByte);
            odd = Vector128.Min(Vector128.ShiftRightLogical(odd, shift), lowByte);
            var r = (even | Vector128.ShiftLeft(odd, 8)).AsByte();
            if (correct)
            {
                var k = Vector128.ShiftRightLogical(x.AsUInt16(), 3).AsByte() & five;
                var m = Ssse3.Shuffle(upper, k) ^ Ssse3.Shuffle(m01, Sse2.AddSaturate(k, seventy));
                var bit = Ssse3.Shuffle(bits, x & seven);
                r -= Vector128.Equals(m & bit, bit);
            }
            r.StoreUnsafe(ref d, (nuint)i);
        }
        return i;
    }
}
