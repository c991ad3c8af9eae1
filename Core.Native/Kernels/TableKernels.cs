using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// Byte lookup tables, the way the engine runs every chain of byte point-colour steps (brightness, contrast, gamma,
/// solarize, posterize, equalize ...): one 256-entry table per channel, exact by construction because each entry comes
/// from the scalar reference. This class only makes applying a table fast, without changing a bit of the result:
/// <list type="bullet">
/// <item>tables that are the identity: a copy;</item>
/// <item>one table for every channel that is one byte operation of its index (invert as XOR, posterize as AND, an
/// integer brightness as a saturating add or subtract, solarize as a compare and XOR): that operation;</item>
/// <item>one table for every channel that is a saturating add or subtract of a delta picked by the index's low four bits
/// (a half-integer brightness, whose ties to even alternate between two deltas), on SSSE3 and AVX2 without AVX-512 VBMI:
/// one shuffle and one saturating add (checked on all 256 entries, TableKernels.Nibble.cs);</item>
/// <item>one non-decreasing table for every channel that is, without AVX-512 VBMI, a 16-bit affine map of the
/// (clamped) index plus a correction of 0 or 1 per entry (a scale or a contrast rounded half to even, PIL's enhance
/// ops): two 16-bit multiply-adds with saturation and, where a correction is needed, three shuffles that read it from a
/// 256-bit mask (TableKernels.Affine16.cs), about twice the rate of the 16-way lookup on AVX2; a table that needs a
/// correction only because 8 fractional bits miss its line (an integer affine map, below) takes the 32-bit
/// multiply-add path when <see cref="TryFitAffineNear"/> finds the line;</item>
/// <item>one table for every channel that is an integer affine map (below) and fits neither way, without AVX-512 VBMI:
/// the multiply-add path, about twice the rate of the 16-way lookup on AVX2;</item>
/// <item>any other table for every channel (or one channel): a 16-way byte shuffle lookup (<c>pshufb</c> on SSSE3 and AVX2):
/// the table's sixteen 16-byte rows are looked up by the low nibble; SSSE3 picks the row by the high nibble with
/// compares and blends, AVX2 stores each row XORed with the next of its half and lets <c>pshufb</c>'s zeroing keep the
/// rows from the sample's own on, whose XOR is its entry (Lookup16Avx2);</item>
/// <item>different tables per channel that are each an integer affine map <c>t[v] = clamp((a * v + b) &gt;&gt; 16, 0, 255)</c>
/// (found by <see cref="TryFitAffine"/> and checked on all 256 entries): 32-bit integer multiply-add and saturating
/// packs, per-lane coefficients following the channel pattern;</item>
/// <item>anything else: the scalar lookup, four pixels per iteration.</item>
/// </list>
/// Every path writes exactly <c>dst[i] = tables[(i % channels) * 256 + src[i]]</c>; the tests compare each path with
/// that loop on random tables and edge lengths.
/// </summary>
public static partial class TableKernels
{
    private const int Shift = 16;

    /// <summary>Maps each sample through its channel's table, <c>dst[i] = tables[(i % channels) * 256 + src[i]]</c>, on
    /// the fastest exact path for the tables (see the class remarks).</summary>
    /// <param name="src">The source samples, a whole number of pixels.</param>
    /// <param name="dst">The destination, as long as <paramref name="src"/>.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="tables">256 entries per channel, channel after channel.</param>
    /// <param name="path">The code path: Auto picks the widest accelerated one; Scalar forces the plain lookup;
    /// Vector128 the SSSE3/SSE4.1 paths; Vector256 the AVX2 paths; Vector512 the AVX-512 VBMI lookups (two
    /// <c>vpermi2b</c> and a blend per 64 samples) for tables no single byte op reproduces, and the AVX2 paths for the
    /// rest. A vector path the hardware lacks runs the next narrower one.</param>
    /// <exception cref="ArgumentException">Lengths differ or are not a multiple of channels, channels is not 1, 3 or 4,
    /// or tables is not 256 * channels long.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(ReadOnlySpan<byte> src, Span<byte> dst, int channels, ReadOnlySpan<byte> tables, SimdPath path = SimdPath.Auto)
    {
        Check(src.Length, dst.Length, channels, tables.Length);
        path = Simd.Resolve(path);
        bool avx2 = path is SimdPath.Vector256 or SimdPath.Vector512 && Avx2.IsSupported;
        bool sse = path != SimdPath.Scalar && Sse41.IsSupported; // SSE4.1 implies SSSE3
        if (path == SimdPath.Scalar || !(avx2 || sse))
        {
            GeometryKernels.ApplyTables(src, dst, channels, tables);
            return;
        }
        bool same = true;
        for (int c = 1; c < channels && same; c++)
            same = tables.Slice(c * 256, 256).SequenceEqual(tables.Slice(0, 256));
        bool identity = IsIdentity(tables, channels, avx2);
        if (identity)
        {
            src.CopyTo(dst);
            return;
        }
        if (same && TryShape(tables.Slice(0, 256), avx2, out var shape, out byte k))
        {
            int done = avx2 ? Shaped256(src, dst, shape, k) : Shaped128(src, dst, shape, k);
            for (int i = done; i < src.Length; i++) dst[i] = tables[src[i]];
            return;
        }
        bool vbmi = VbmiFor(path);
        if (same && !vbmi)
        {
            // Without VBMI the general lookup is sixteen shuffles a vector: a table that is a saturating add or subtract
            // of a delta per low nibble (a half-integer brightness) costs one (TableKernels.Nibble.cs).
            Span<byte> p = stackalloc byte[16];
            if (TryNibbleDelta(tables.Slice(0, 256), p, out bool subtract))
            {
                int done = avx2 ? Nibble256(src, dst, p, subtract) : Nibble128(src, dst, p, subtract);
                for (int i = done; i < src.Length; i++) dst[i] = tables[src[i]];
                return;
            }
            // A non-decreasing table that is a 16-bit affine map of the clamped index plus a correction of 0 or 1 (a
            // scale or a contrast rounded half to even, a brightness that truncates): two 16-bit multiply-adds and, with
            // a correction, three shuffles a vector (TableKernels.Affine16.cs).
            Span<byte> mask = stackalloc byte[32];
            if (TryFitAffine16(tables.Slice(0, 256), mask, out var fit))
            {
                // With a correction, a table whose entries are floors of a line (a contrast, a brightness with an offset:
                // 8 fractional bits miss the line, 16 do not) runs faster on the 32-bit multiply-add path.
                if (fit.Correct && TryFitAffineNear(tables.Slice(0, 256), out int an, out int bn))
                {
                    Span<int> a1 = stackalloc int[4] { an, an, an, an }, b1 = stackalloc int[4] { bn, bn, bn, bn };
                    int head = avx2 ? AffineAvx2(src, dst, channels, a1, b1) : AffineSse(src, dst, channels, a1, b1);
                    GeometryKernels.ApplyTables(src.Slice(head), dst.Slice(head), channels, tables);
                    return;
                }
                int done = avx2 ? Affine16Avx2(src, dst, fit, mask) : Affine16Sse(src, dst, fit, mask);
                for (int i = done; i < src.Length; i++) dst[i] = tables[src[i]];
                return;
            }
            // An integer affine table with no 16-bit fit (decreasing, or steeper than 16-bit products allow): the 32-bit
            // multiply-add path below.
            if (TryFitAffine(tables.Slice(0, 256), out int a0, out int b0))
            {
                Span<int> a1 = stackalloc int[4] { a0, a0, a0, a0 }, b1 = stackalloc int[4] { b0, b0, b0, b0 };
                int done = avx2 ? AffineAvx2(src, dst, channels, a1, b1) : AffineSse(src, dst, channels, a1, b1);
                GeometryKernels.ApplyTables(src.Slice(done), dst.Slice(done), channels, tables);
                return;
            }
        }
        if (same)
        {
            int done = vbmi ? LookupVbmi(src, dst, tables.Slice(0, 256))
                : avx2 ? Lookup16Avx2(src, dst, tables.Slice(0, 256)) : Lookup16Sse(src, dst, tables.Slice(0, 256));
            for (int i = done; i < src.Length; i++) dst[i] = tables[src[i]];
            return;
        }
        if (vbmi)
        {
            // Ends on a pixel boundary (whole blocks of 64 samples for 4 channels, 192 for 3).
            int done = LookupVbmiChannels(src, dst, channels, tables);
            GeometryKernels.ApplyTables(src.Slice(done), dst.Slice(done), channels, tables);
            return;
        }
        Span<int> a = stackalloc int[4], b = stackalloc int[4];
        bool affine = true;
        for (int c = 0; c < channels && affine; c++)
            affine = TryFitAffine(tables.Slice(c * 256, 256), out a[c], out b[c]);
        if (affine)
        {
            int done = avx2 ? AffineAvx2(src, dst, channels, a, b) : AffineSse(src, dst, channels, a, b);
            // The remainder starts on a pixel boundary (every block is a whole number of pixels).
            GeometryKernels.ApplyTables(src.Slice(done), dst.Slice(done), channels, tables);
            return;
        }
        GeometryKernels.ApplyTables(src, dst, channels, tables);
    }

    /// <summary>Finds integers a and b with <c>clamp((a * v + b) &gt;&gt; 16, 0, 255) = table[v]</c> for every v in
    /// 0..255 (an arithmetic shift, so a floor division by 65536), when there are any: then the table is an integer
    /// affine map that SIMD multiply-adds reproduce exactly. The slope is bounded by the pairs through the first and last
    /// unclamped entries, the offset by every entry; the answer is checked on all 256 entries, so a table that is not
    /// affine (gamma, posterize, a rounding tie at every entry) is refused, never approximated.</summary>
    /// <param name="table">256 entries.</param>
    /// <param name="a">The slope in 16-bit fixed point, |a| &lt; 2^22.</param>
    /// <param name="b">The offset in 16-bit fixed point.</param>
    /// <returns>Whether such a and b exist (within the bounds above) and were found.</returns>
    /// <exception cref="ArgumentException">table is not 256 entries long.</exception>
    public static bool TryFitAffine(ReadOnlySpan<byte> table, out int a, out int b)
    {
        if (table.Length != 256) Throw.Argument(nameof(table), table.Length, "256 entries");
        a = 0; b = 0;
        // The slope's bounds: floor((a v + b) / 2^16) = t[v] means t[v] 2^16 <= a v + b < (t[v] + 1) 2^16 for unclamped
        // entries; two entries v < w give (t[w] - t[v] - 1) 2^16 / (w - v) < a < (t[w] - t[v] + 1) 2^16 / (w - v).
        int first = -1, last = -1;
        for (int v = 0; v < 256; v++)
            if (table[v] is > 0 and < 255) { if (first < 0) first = v; last = v; }
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        if (first >= 0)
            for (int v = 0; v < 256; v++)
            {
                if (table[v] is 0 or 255) continue;
                for (int which = 0; which < 2; which++)
                {
                    int anchor = which == 0 ? first : last;
                    if (anchor == v) continue;
                    int p = Math.Min(anchor, v), q = Math.Max(anchor, v);
                    double d = table[q] - table[p];
                    lo = Math.Max(lo, (d - 1) * 65536.0 / (q - p));
                    hi = Math.Min(hi, (d + 1) * 65536.0 / (q - p));
                }
            }
        if (first < 0 || first == last)
        {
            // At most one unclamped entry: a flat table (b alone) or a step, which no bounded slope makes.
            return OffsetFor(table, 0, out b);
        }
        if (!(lo < hi)) return false;
        // The offsets that fit slope a form [maxLower(a), minUpper(a)); their gap is a concave function of a, and the
        // pair of entries that bind it says on which side a feasible slope lies: binary search on that.
        long left = Math.Max((long)Math.Floor(lo) + 1, -(1L << 22) + 1), right = Math.Min((long)Math.Ceiling(hi) - 1, (1L << 22) - 1);
        while (left <= right)
        {
            long m = left + (right - left) / 2;
            long maxLower = long.MinValue, minUpper = long.MaxValue;
            int vl = -1, vu = -1;
            for (int v = 0; v < 256; v++)
            {
                long av = m * v, t = table[v];
                if (t > 0 && (t << Shift) - av > maxLower) { maxLower = (t << Shift) - av; vl = v; }
                if (t < 255 && ((t + 1) << Shift) - av < minUpper) { minUpper = ((t + 1) << Shift) - av; vu = v; }
            }
            if (maxLower < minUpper)
            {
                if (OffsetFor(table, m, out long cb) && Math.Abs(cb) < 1L << 30)
                {
                    a = (int)m;
                    b = (int)cb;
                    return true;
                }
                return false;
            }
            if (vl > vu) left = m + 1; else right = m - 1;
        }
        return false;
    }

    // The smallest offset b that meets every entry's interval for slope a, if the intervals meet.
    private static bool OffsetFor(ReadOnlySpan<byte> table, long a, out int b)
    {
        bool ok = OffsetFor(table, a, out long wide);
        b = (int)Math.Clamp(wide, int.MinValue, int.MaxValue);
        return ok && Math.Abs(wide) < 1L << 30;
    }

    private static bool OffsetFor(ReadOnlySpan<byte> table, long a, out long b)
    {
        long lo = long.MinValue, hi = long.MaxValue; // lo <= b < hi
        for (int v = 0; v < 256; v++)
        {
            long av = a * v, t = table[v];
            if (t > 0) lo = Math.Max(lo, (t << Shift) - av);
            if (t < 255) hi = Math.Min(hi, ((t + 1) << Shift) - av);
        }
        b = lo == long.MinValue ? hi - 1 : lo;
        if (!(lo < hi)) return false;
        for (int v = 0; v < 256; v++)
            if ((byte)Math.Clamp((a * v + b) >> Shift, 0, 255) != table[v]) return false;
        return true;
    }

    private static void Check(int src, int dst, int channels, int tables)
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4");
        if (src % channels != 0) Throw.Argument("src", src, $"a multiple of {channels} samples (whole pixels)");
        if (dst != src) Throw.Argument(nameof(dst), dst, $"{src} elements (the length of src)");
        if (tables != 256 * channels) Throw.Argument(nameof(tables), tables, $"{256 * channels} entries (256 per channel)");
    }

    // ------------------------------------------------------------------ one table of a simple shape: one or two byte ops

    internal enum Shape { Xor, And, AddSaturate, SubtractSaturate, Solarize }

    // Tables whose every entry is a single byte operation of its index (checked on all 256): invert (v ^ 255),
    // posterize (v & mask), an integer brightness (saturating add or subtract), solarize (v ^ 255 from a threshold).
    // The scalar reference of TryShape (TableKernels.Shape.cs), which the tests compare it with.
    internal static bool TryShapeScalar(ReadOnlySpan<byte> t, out Shape shape, out byte k)
    {
        // One pass over the entries checks every candidate shape at once (no delegate per entry on the hot path).
        int x = t[0], m = t[255], d = t[0], e = 255 - t[255];
        int th = 0;
        while (th < 256 && t[th] == th) th++;
        bool xor = true, and = true, add = true, sub = true, sol = th is > 0 and < 256;
        for (int v = 0; v < 256; v++)
        {
            int y = t[v];
            xor &= y == (v ^ x);
            and &= y == (v & m);
            add &= y == Math.Min(255, v + d);
            sub &= y == Math.Max(0, v - e);
            sol &= y == (v >= th ? v ^ 255 : v);
        }
        (shape, k) = xor ? (Shape.Xor, (byte)x) : and ? (Shape.And, (byte)m) : add ? (Shape.AddSaturate, (byte)d)
                   : sub ? (Shape.SubtractSaturate, (byte)e) : sol ? (Shape.Solarize, (byte)th) : (default(Shape), (byte)0);
        return xor || and || add || sub || sol;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Shaped256(ReadOnlySpan<byte> src, Span<byte> dst, Shape shape, byte k)
    {
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        var kv = Vector256.Create(k);
        int n = src.Length, i = 0;
        switch (shape)
        {
            case Shape.Xor: for (; i <= n - 32; i += 32) (Vector256.LoadUnsafe(ref s, (nuint)i) ^ kv).StoreUnsafe(ref d, (nuint)i); break;
            case Shape.And: for (; i <= n - 32; i += 32) (Vector256.LoadUnsafe(ref s, (nuint)i) & kv).StoreUnsafe(ref d, (nuint)i); break;
            case Shape.AddSaturate: for (; i <= n - 32; i += 32) Avx2.AddSaturate(Vector256.LoadUnsafe(ref s, (nuint)i), kv).StoreUnsafe(ref d, (nuint)i); break;
            case Shape.SubtractSaturate: for (; i <= n - 32; i += 32) Avx2.SubtractSaturate(Vector256.LoadUnsafe(ref s, (nuint)i), kv).StoreUnsafe(ref d, (nuint)i); break;
            default:
                for (; i <= n - 32; i += 32)
                {
                    var v = Vector256.LoadUnsafe(ref s, (nuint)i);
                    (v ^ Vector256.Equals(Vector256.Max(v, kv), v)).StoreUnsafe(ref d, (nuint)i); // v >= k: v ^ 255
                }
                break;
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Shaped128(ReadOnlySpan<byte> src, Span<byte> dst, Shape shape, byte k)
    {
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        var kv = Vector128.Create(k);
        int n = src.Length, i = 0;
        switch (shape)
        {
            case Shape.Xor: for (; i <= n - 16; i += 16) (Vector128.LoadUnsafe(ref s, (nuint)i) ^ kv).StoreUnsafe(ref d, (nuint)i); break;
            case Shape.And: for (; i <= n - 16; i += 16) (Vector128.LoadUnsafe(ref s, (nuint)i) & kv).StoreUnsafe(ref d, (nuint)i); break;
            case Shape.AddSaturate: for (; i <= n - 16; i += 16) Sse2.AddSaturate(Vector128.LoadUnsafe(ref s, (nuint)i), kv).StoreUnsafe(ref d, (nuint)i); break;
            case Shape.SubtractSaturate: for (; i <= n - 16; i += 16) Sse2.SubtractSaturate(Vector128.LoadUnsafe(ref s, (nuint)i), kv).StoreUnsafe(ref d, (nuint)i); break;
            default:
                for (; i <= n - 16; i += 16)
                {
                    var v = Vector128.LoadUnsafe(ref s, (nuint)i);
                    (v ^ Vector128.Equals(Vector128.Max(v, kv), v)).StoreUnsafe(ref d, (nuint)i); // v >= k: v ^ 255
                }
                break;
        }
        return i;
    }

    // ------------------------------------------------------------------ one table: 16-way shuffle lookup

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Lookup16Sse(ReadOnlySpan<byte> src, Span<byte> dst, ReadOnlySpan<byte> table)
    {
        Span<Vector128<byte>> rows = stackalloc Vector128<byte>[16];
        for (int h = 0; h < 16; h++) rows[h] = Vector128.Create(table.Slice(h * 16, 16));
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        var low = Vector128.Create((byte)0x0F);
        Vector128<byte> t0 = rows[0], t1 = rows[1], t2 = rows[2], t3 = rows[3], t4 = rows[4], t5 = rows[5], t6 = rows[6], t7 = rows[7],
            t8 = rows[8], t9 = rows[9], t10 = rows[10], t11 = rows[11], t12 = rows[12], t13 = rows[13], t14 = rows[14], t15 = rows[15];
        int n = src.Length, i = 0;
        for (; i <= n - 16; i += 16)
        {
            var x = Vector128.LoadUnsafe(ref s, (nuint)i);
            var lo = x & low;
            var hi = Sse2.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low;
            var r = Ssse3.Shuffle(t0, lo);
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t1, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)1)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t2, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)2)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t3, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)3)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t4, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)4)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t5, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)5)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t6, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)6)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t7, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)7)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t8, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)8)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t9, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)9)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t10, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)10)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t11, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)11)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t12, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)12)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t13, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)13)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t14, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)14)));
            r = Sse41.BlendVariable(r, Ssse3.Shuffle(t15, lo), Sse2.CompareEqual(hi, Vector128.Create((byte)15)));
            r.StoreUnsafe(ref d, (nuint)i);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Lookup16Avx2(ReadOnlySpan<byte> src, Span<byte> dst, ReadOnlySpan<byte> table)
    {
        // Telescoped rows: within each half of the table (rows 0..7 and 8..15), row h is stored XORed with row h + 1
        // (the last row of the half as it is). For a sample x of the low half, index x + 16 (7 - h) (saturating) has its
        // top bit clear exactly for the rows h >= row(x), so vpshufb (which gives 0 where the index's top bit is set)
        // returns those rows' entries and their XOR telescopes to row(x)'s entry; the high half does the same on
        // x ^ 0x80, where every low-half sample saturates to zero. Sixteen shuffles, adds and XORs, no compares or
        // blends. vpshufb looks up within each 128-bit half, so each row is repeated in both halves.
        Span<Vector256<byte>> rows = stackalloc Vector256<byte>[16];
        for (int h = 0; h < 16; h++)
        {
            var row = Vector128.Create(table.Slice(h * 16, 16));
            if (h % 8 != 7) row ^= Vector128.Create(table.Slice(h * 16 + 16, 16));
            rows[h] = Vector256.Create(row, row);
        }
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        var sixteen = Vector256.Create((byte)16);
        var top = Vector256.Create((byte)0x80);
        Vector256<byte> t0 = rows[0], t1 = rows[1], t2 = rows[2], t3 = rows[3], t4 = rows[4], t5 = rows[5], t6 = rows[6], t7 = rows[7],
            t8 = rows[8], t9 = rows[9], t10 = rows[10], t11 = rows[11], t12 = rows[12], t13 = rows[13], t14 = rows[14], t15 = rows[15];
        int n = src.Length, i = 0;
        for (; i <= n - 32; i += 32)
        {
            var a = Vector256.LoadUnsafe(ref s, (nuint)i);
            var b = a ^ top;
            var r = Avx2.Shuffle(t7, a) ^ Avx2.Shuffle(t15, b);
            a = Avx2.AddSaturate(a, sixteen); b = Avx2.AddSaturate(b, sixteen);
            r ^= Avx2.Shuffle(t6, a) ^ Avx2.Shuffle(t14, b);
            a = Avx2.AddSaturate(a, sixteen); b = Avx2.AddSaturate(b, sixteen);
            r ^= Avx2.Shuffle(t5, a) ^ Avx2.Shuffle(t13, b);
            a = Avx2.AddSaturate(a, sixteen); b = Avx2.AddSaturate(b, sixteen);
            r ^= Avx2.Shuffle(t4, a) ^ Avx2.Shuffle(t12, b);
            a = Avx2.AddSaturate(a, sixteen); b = Avx2.AddSaturate(b, sixteen);
            r ^= Avx2.Shuffle(t3, a) ^ Avx2.Shuffle(t11, b);
            a = Avx2.AddSaturate(a, sixteen); b = Avx2.AddSaturate(b, sixteen);
            r ^= Avx2.Shuffle(t2, a) ^ Avx2.Shuffle(t10, b);
            a = Avx2.AddSaturate(a, sixteen); b = Avx2.AddSaturate(b, sixteen);
            r ^= Avx2.Shuffle(t1, a) ^ Avx2.Shuffle(t9, b);
            a = Avx2.AddSaturate(a, sixteen); b = Avx2.AddSaturate(b, sixteen);
            r ^= Avx2.Shuffle(t0, a) ^ Avx2.Shuffle(t8, b);
            r.StoreUnsafe(ref d, (nuint)i);
        }
        return i;
    }

    // ------------------------------------------------------------------ per-channel affine tables: integer multiply-add

    // Lane k of block j holds sample (j * lanes + k), whose channel is (j * lanes + k) % channels: the coefficient
    // pattern repeats every `channels` blocks (lanes = 4 or 8 is a multiple of 4, so for 1 and 4 channels every block
    // is alike and for 3 channels the three phases cycle).
    private static void Pattern(Span<int> coefficients, int channels, ReadOnlySpan<int> perChannel)
    {
        for (int k = 0; k < coefficients.Length; k++) coefficients[k] = perChannel[k % channels];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AffineSse(ReadOnlySpan<byte> src, Span<byte> dst, int channels, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        // 12 blocks of 4 lanes (48 samples, a whole number of pixels for 1, 3 and 4 channels) per iteration.
        Span<int> pa = stackalloc int[48], pb = stackalloc int[48];
        Pattern(pa, channels, a);
        Pattern(pb, channels, b);
        Span<Vector128<int>> va = stackalloc Vector128<int>[3], vb = stackalloc Vector128<int>[3];
        for (int j = 0; j < 3; j++)
        {
            va[j] = Vector128.Create(pa.Slice(j * 4, 4));
            vb[j] = Vector128.Create(pb.Slice(j * 4, 4));
        }
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        for (; i <= n - 48; i += 48)
        {
            for (int q = 0; q < 3; q++)
            {
                // Four blocks of four lanes: phases (4q .. 4q + 3) mod 3.
                int at = i + q * 16;
                var r0 = Block128(ref Unsafe.Add(ref s, at), va[(4 * q) % 3], vb[(4 * q) % 3]);
                var r1 = Block128(ref Unsafe.Add(ref s, at + 4), va[(4 * q + 1) % 3], vb[(4 * q + 1) % 3]);
                var r2 = Block128(ref Unsafe.Add(ref s, at + 8), va[(4 * q + 2) % 3], vb[(4 * q + 2) % 3]);
                var r3 = Block128(ref Unsafe.Add(ref s, at + 12), va[(4 * q + 3) % 3], vb[(4 * q + 3) % 3]);
                var packed = Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(r0, r1), Sse2.PackSignedSaturate(r2, r3));
                packed.StoreUnsafe(ref d, (nuint)at);
            }
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Block128(ref byte p, Vector128<int> a, Vector128<int> b)
    {
        var x = Sse41.ConvertToVector128Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<int>(ref p)).AsByte());
        return Sse2.ShiftRightArithmetic(Sse41.MultiplyLow(x, a) + b, Shift);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AffineAvx2(ReadOnlySpan<byte> src, Span<byte> dst, int channels, ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        // 12 blocks of 8 lanes (96 samples) per iteration; the pattern of block j is phase j mod 3.
        Span<int> pa = stackalloc int[24], pb = stackalloc int[24];
        Pattern(pa, channels, a);
        Pattern(pb, channels, b);
        var a0 = Vector256.Create(pa.Slice(0, 8)); var a1 = Vector256.Create(pa.Slice(8, 8)); var a2 = Vector256.Create(pa.Slice(16, 8));
        var b0 = Vector256.Create(pb.Slice(0, 8)); var b1 = Vector256.Create(pb.Slice(8, 8)); var b2 = Vector256.Create(pb.Slice(16, 8));
        // packs works within 128-bit halves: this permutation puts the four blocks' lanes back in order.
        var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int n = src.Length, i = 0;
        for (; i <= n - 96; i += 96)
        {
            ref byte p = ref Unsafe.Add(ref s, i);
            ref byte o = ref Unsafe.Add(ref d, i);
            Store32(ref o, Block256(ref p, a0, b0), Block256(ref Unsafe.Add(ref p, 8), a1, b1),
                           Block256(ref Unsafe.Add(ref p, 16), a2, b2), Block256(ref Unsafe.Add(ref p, 24), a0, b0), order);
            Store32(ref Unsafe.Add(ref o, 32), Block256(ref Unsafe.Add(ref p, 32), a1, b1), Block256(ref Unsafe.Add(ref p, 40), a2, b2),
                           Block256(ref Unsafe.Add(ref p, 48), a0, b0), Block256(ref Unsafe.Add(ref p, 56), a1, b1), order);
            Store32(ref Unsafe.Add(ref o, 64), Block256(ref Unsafe.Add(ref p, 64), a2, b2), Block256(ref Unsafe.Add(ref p, 72), a0, b0),
                           Block256(ref Unsafe.Add(ref p, 80), a1, b1), Block256(ref Unsafe.Add(ref p, 88), a2, b2), order);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Block256(ref byte p, Vector256<int> a, Vector256<int> b)
    {
        var x = Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref p)).AsByte());
        return Avx2.ShiftRightArithmetic(Avx2.MultiplyLow(x, a) + b, Shift);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store32(ref byte o, Vector256<int> r0, Vector256<int> r1, Vector256<int> r2, Vector256<int> r3, Vector256<int> order)
    {
        var packed = Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(r0, r1), Avx2.PackSignedSaturate(r2, r3));
        Avx2.PermuteVar8x32(packed.AsInt32(), order).AsByte().StoreUnsafe(ref o);
    }
    // ------------------------------------------------------------------ channel sums (the means a contrast needs)

    /// <summary>Sums each channel's samples: <c>sums[c]</c> is the sum of <c>src[i]</c> over every i with
    /// <c>i % channels = c</c>, exactly (64-bit). The vector paths add the samples lane-wise in 16-bit lanes (one pass,
    /// see SumsBlocks512) and empty them into the channels' sums; integer sums are exact in any order, so every path gives
    /// the same numbers.</summary>
    /// <param name="src">The samples, a whole number of pixels.</param>
    /// <param name="channels">1, 3 or 4.</param>
    /// <param name="sums">One entry per channel.</param>
    /// <param name="path">The code path, as <see cref="Apply"/>.</param>
    /// <exception cref="ArgumentException">channels is not 1, 3 or 4, src is not a whole number of pixels, or sums is not
    /// channels long.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ChannelSums(ReadOnlySpan<byte> src, int channels, Span<long> sums, SimdPath path = SimdPath.Auto)
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4");
        if (src.Length % channels != 0) Throw.Argument(nameof(src), src.Length, $"a multiple of {channels} samples (whole pixels)");
        if (sums.Length != channels) Throw.Argument(nameof(sums), sums.Length, $"{channels} entries (one per channel)");
        sums.Clear();
        path = Simd.Resolve(path);
        int i = path switch
        {
            SimdPath.Vector512 when Vector512.IsHardwareAccelerated => SumsBlocks512(src, channels, sums),
            SimdPath.Vector512 or SimdPath.Vector256 when Vector256.IsHardwareAccelerated => SumsBlocks256(src, channels, sums),
            SimdPath.Vector512 or SimdPath.Vector256 or SimdPath.Vector128 when Vector128.IsHardwareAccelerated => SumsBlocks128(src, channels, sums),
            _ => 0,
        };
        for (; i < src.Length; i++) sums[i % channels] += src[i];
    }

    // ChannelSums' vector part at one width (W bytes a vector): blocks of 3 vectors (3 W bytes, a whole number of pixels
    // for 1, 3 and 4 channels), so byte lane l of the block's vector k always holds channel (k W + l) % channels and no
    // masking is needed: each vector is split into its even and odd bytes as 16-bit lanes (and with 0x00FF, shift right
    // by 8) and added lane-wise into six 16-bit accumulators. A lane gains at most 255 a block, so after at most 256
    // blocks (65280 < 65536) the accumulators are emptied into the 64-bit per-channel sums (lane by lane, each to its
    // channel) and cleared. Integer sums: exactly the scalar loop's. Returns the bytes done (whole blocks).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SumsBlocks512(ReadOnlySpan<byte> src, int channels, Span<long> sums)
    {
        const int W = 64;
        int blocks = src.Length / (3 * W);
        if (blocks == 0) return 0;
        ref byte s = ref MemoryMarshal.GetReference(src);
        var low = Vector512.Create((ushort)0x00FF);
        Span<ushort> lanes = stackalloc ushort[W / 2];
        int b = 0;
        while (b < blocks)
        {
            int end = Math.Min(blocks, b + 256);
            Vector512<ushort> e0 = default, o0 = default, e1 = default, o1 = default, e2 = default, o2 = default;
            for (; b < end; b++)
            {
                ref byte p = ref Unsafe.Add(ref s, b * (3 * W));
                var v0 = Vector512.LoadUnsafe(ref p).AsUInt16();
                var v1 = Vector512.LoadUnsafe(ref p, W).AsUInt16();
                var v2 = Vector512.LoadUnsafe(ref p, 2 * W).AsUInt16();
                e0 += v0 & low; o0 += Vector512.ShiftRightLogical(v0, 8);
                e1 += v1 & low; o1 += Vector512.ShiftRightLogical(v1, 8);
                e2 += v2 & low; o2 += Vector512.ShiftRightLogical(v2, 8);
            }
            FlushLanes(e0, lanes, 0, channels, sums); FlushLanes(o0, lanes, 1, channels, sums);
            FlushLanes(e1, lanes, W, channels, sums); FlushLanes(o1, lanes, W + 1, channels, sums);
            FlushLanes(e2, lanes, 2 * W, channels, sums); FlushLanes(o2, lanes, 2 * W + 1, channels, sums);
        }
        return blocks * 3 * W;
    }

    // Adds 16-bit lane j of acc (the byte at block offset first + 2 j) to its channel's sum.
    private static void FlushLanes(Vector512<ushort> acc, Span<ushort> lanes, int first, int channels, Span<long> sums)
    {
        acc.CopyTo(lanes);
        for (int j = 0; j < lanes.Length; j++) sums[(first + 2 * j) % channels] += lanes[j];
    }

    // ChannelSums' vector part at one width (W bytes a vector): blocks of 3 vectors (3 W bytes, a whole number of pixels
    // for 1, 3 and 4 channels), so byte lane l of the block's vector k always holds channel (k W + l) % channels and no
    // masking is needed: each vector is split into its even and odd bytes as 16-bit lanes (and with 0x00FF, shift right
    // by 8) and added lane-wise into six 16-bit accumulators. A lane gains at most 255 a block, so after at most 256
    // blocks (65280 < 65536) the accumulators are emptied into the 64-bit per-channel sums (lane by lane, each to its
    // channel) and cleared. Integer sums: exactly the scalar loop's. Returns the bytes done (whole blocks).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SumsBlocks256(ReadOnlySpan<byte> src, int channels, Span<long> sums)
    {
        const int W = 32;
        int blocks = src.Length / (3 * W);
        if (blocks == 0) return 0;
        ref byte s = ref MemoryMarshal.GetReference(src);
        var low = Vector256.Create((ushort)0x00FF);
        Span<ushort> lanes = stackalloc ushort[W / 2];
        int b = 0;
        while (b < blocks)
        {
            int end = Math.Min(blocks, b + 256);
            Vector256<ushort> e0 = default, o0 = default, e1 = default, o1 = default, e2 = default, o2 = default;
            for (; b < end; b++)
            {
                ref byte p = ref Unsafe.Add(ref s, b * (3 * W));
                var v0 = Vector256.LoadUnsafe(ref p).AsUInt16();
                var v1 = Vector256.LoadUnsafe(ref p, W).AsUInt16();
                var v2 = Vector256.LoadUnsafe(ref p, 2 * W).AsUInt16();
                e0 += v0 & low; o0 += Vector256.ShiftRightLogical(v0, 8);
                e1 += v1 & low; o1 += Vector256.ShiftRightLogical(v1, 8);
                e2 += v2 & low; o2 += Vector256.ShiftRightLogical(v2, 8);
            }
            FlushLanes(e0, lanes, 0, channels, sums); FlushLanes(o0, lanes, 1, channels, sums);
            FlushLanes(e1, lanes, W, channels, sums); FlushLanes(o1, lanes, W + 1, channels, sums);
            FlushLanes(e2, lanes, 2 * W, channels, sums); FlushLanes(o2, lanes, 2 * W + 1, channels, sums);
        }
        return blocks * 3 * W;
    }

    // Adds 16-bit lane j of acc (the byte at block offset first + 2 j) to its channel's sum.
    private static void FlushLanes(Vector256<ushort> acc, Span<ushort> lanes, int first, int channels, Span<long> sums)
    {
        acc.CopyTo(lanes);
        for (int j = 0; j < lanes.Length; j++) sums[(first + 2 * j) % channels] += lanes[j];
    }

    // ChannelSums' vector part at one width (W bytes a vector): blocks of 3 vectors (3 W bytes, a whole number of pixels
    // for 1, 3 and 4 channels), so byte lane l of the block's vector k always holds channel (k W + l) % channels and no
    // masking is needed: each vector is split into its even and odd bytes as 16-bit lanes (and with 0x00FF, shift right
    // by 8) and added lane-wise into six 16-bit accumulators. A lane gains at most 255 a block, so after at most 256
    // blocks (65280 < 65536) the accumulators are emptied into the 64-bit per-channel sums (lane by lane, each to its
    // channel) and cleared. Integer sums: exactly the scalar loop's. Returns the bytes done (whole blocks).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SumsBlocks128(ReadOnlySpan<byte> src, int channels, Span<long> sums)
    {
        const int W = 16;
        int blocks = src.Length / (3 * W);
        if (blocks == 0) return 0;
        ref byte s = ref MemoryMarshal.GetReference(src);
        var low = Vector128.Create((ushort)0x00FF);
        Span<ushort> lanes = stackalloc ushort[W / 2];
        int b = 0;
        while (b < blocks)
        {
            int end = Math.Min(blocks, b + 256);
            Vector128<ushort> e0 = default, o0 = default, e1 = default, o1 = default, e2 = default, o2 = default;
            for (; b < end; b++)
            {
                ref byte p = ref Unsafe.Add(ref s, b * (3 * W));
                var v0 = Vector128.LoadUnsafe(ref p).AsUInt16();
                var v1 = Vector128.LoadUnsafe(ref p, W).AsUInt16();
                var v2 = Vector128.LoadUnsafe(ref p, 2 * W).AsUInt16();
                e0 += v0 & low; o0 += Vector128.ShiftRightLogical(v0, 8);
                e1 += v1 & low; o1 += Vector128.ShiftRightLogical(v1, 8);
                e2 += v2 & low; o2 += Vector128.ShiftRightLogical(v2, 8);
            }
            FlushLanes(e0, lanes, 0, channels, sums); FlushLanes(o0, lanes, 1, channels, sums);
            FlushLanes(e1, lanes, W, channels, sums); FlushLanes(o1, lanes, W + 1, channels, sums);
            FlushLanes(e2, lanes, 2 * W, channels, sums); FlushLanes(o2, lanes, 2 * W + 1, channels, sums);
        }
        return blocks * 3 * W;
    }

    // Adds 16-bit lane j of acc (the byte at block offset first + 2 j) to its channel's sum.
    private static void FlushLanes(Vector128<ushort> acc, Span<ushort> lanes, int first, int channels, Span<long> sums)
    {
        acc.CopyTo(lanes);
        for (int j = 0; j < lanes.Length; j++) sums[(first + 2 * j) % channels] += lanes[j];
    }
}
