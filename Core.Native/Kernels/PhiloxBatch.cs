using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// Philox4x32-10 for many counters at once: the same words as <see cref="Philox4x32.Generate"/>, lane by lane, with
/// the 32x32 -> 64-bit products taken as <c>pmuludq</c> on the even and odd lanes of a 128-, 256- or 512-bit vector.
/// Blocks are written interleaved (X0, X1, X2, X3 of block j at <c>4j .. 4j + 3</c>), so the two uniforms of a block
/// are the two little-endian 64-bit words <c>(X0 | X1 &lt;&lt; 32)</c> and <c>(X2 | X3 &lt;&lt; 32)</c>.
/// </summary>
public static class PhiloxBatch
{
    private const uint M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;

    /// <summary>The path <paramref name="path"/> runs here: the widest supported width at or below the request, else scalar.</summary>
    internal static SimdPath Effective(SimdPath path)
    {
        path = Simd.Resolve(path);
        if (path == SimdPath.Vector512 && !(Avx512F.IsSupported && Vector512.IsHardwareAccelerated)) path = SimdPath.Vector256;
        if (path == SimdPath.Vector256 && !(Avx2.IsSupported && Vector256.IsHardwareAccelerated)) path = SimdPath.Vector128;
        if (path == SimdPath.Vector128 && !(Sse2.IsSupported && Vector128.IsHardwareAccelerated)) path = SimdPath.Scalar;
        return path;
    }

    /// <summary>
    /// Block j of <paramref name="words"/> (<c>words.Length / 4</c> blocks, interleaved) is Philox4x32-10 under (k0, k1)
    /// of the counter (c0[j], c1[j], c2[j], c3[j]).
    /// </summary>
    /// <param name="k0">Key word 0.</param>
    /// <param name="k1">Key word 1.</param>
    /// <param name="c0">Counter word 0 of each block.</param>
    /// <param name="c1">Counter word 1 of each block.</param>
    /// <param name="c2">Counter word 2 of each block.</param>
    /// <param name="c3">Counter word 3 of each block.</param>
    /// <param name="words">The output, four words a block.</param>
    /// <param name="path">The vector width (the widest supported at or below it runs); <see cref="SimdPath.Scalar"/> is
    /// <see cref="Philox4x32.Generate"/> block by block.</param>
    /// <exception cref="ArgumentException">A counter span is shorter than the blocks, or words.Length is not a multiple of 4.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Generate(uint k0, uint k1, ReadOnlySpan<uint> c0, ReadOnlySpan<uint> c1, ReadOnlySpan<uint> c2,
        ReadOnlySpan<uint> c3, Span<uint> words, SimdPath path = SimdPath.Auto)
    {
        if (words.Length % 4 != 0) Throw.Argument(nameof(words), words.Length, "a multiple of 4 (four words a block)");
        int n = words.Length / 4;
        if (c0.Length < n) Throw.Argument(nameof(c0), c0.Length, $"at least {n} counters");
        if (c1.Length < n) Throw.Argument(nameof(c1), c1.Length, $"at least {n} counters");
        if (c2.Length < n) Throw.Argument(nameof(c2), c2.Length, $"at least {n} counters");
        if (c3.Length < n) Throw.Argument(nameof(c3), c3.Length, $"at least {n} counters");
        int done = Effective(path) switch
        {
            SimdPath.Vector512 => GenerateV<V512, Vector512<uint>>(k0, k1, c0, c1, c2, c3, words, n),
            SimdPath.Vector256 => GenerateV<V256, Vector256<uint>>(k0, k1, c0, c1, c2, c3, words, n),
            SimdPath.Vector128 => GenerateV<V128, Vector128<uint>>(k0, k1, c0, c1, c2, c3, words, n),
            _ => 0,
        };
        for (int j = done; j < n; j++)
        {
            var b = Philox4x32.Generate(k0, k1, new Block4(c0[j], c1[j], c2[j], c3[j]));
            words[4 * j] = b.X0; words[4 * j + 1] = b.X1; words[4 * j + 2] = b.X2; words[4 * j + 3] = b.X3;
        }
    }

    /// <summary>
    /// Block i of <paramref name="words"/> (<c>words.Length / 4</c> blocks, interleaved) is raw block
    /// <c>j = first + i * step</c> of the seed (k0, k1, s0, s1), as <c>Seed.block</c> gives it: the counter
    /// <c>(low 32 bits of j, 0x80000000 | high bits of j, s0, s1)</c>.
    /// </summary>
    /// <param name="k0">Key word 0.</param>
    /// <param name="k1">Key word 1.</param>
    /// <param name="s0">Stream word 0 (the counter's third word).</param>
    /// <param name="s1">Stream word 1 (the counter's fourth word).</param>
    /// <param name="first">The first block's index, &gt;= 0.</param>
    /// <param name="step">The distance between consecutive blocks' indices (may be negative or 0).</param>
    /// <param name="words">The output, four words a block.</param>
    /// <param name="path">The vector width (the widest supported at or below it runs); <see cref="SimdPath.Scalar"/> is
    /// <see cref="Philox4x32.Generate"/> block by block.</param>
    /// <exception cref="ArgumentException">words.Length is not a multiple of 4, or a block index falls outside [0, 2^63).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Blocks(uint k0, uint k1, uint s0, uint s1, long first, long step, Span<uint> words, SimdPath path = SimdPath.Auto)
    {
        if (words.Length % 4 != 0) Throw.Argument(nameof(words), words.Length, "a multiple of 4 (four words a block)");
        int n = words.Length / 4;
        if (n == 0) return;
        if (first < 0) Throw.Argument(nameof(first), first, "a block index >= 0");
        Int128 last = (Int128)first + (Int128)step * (n - 1);
        if (last < 0 || last > long.MaxValue) Throw.Argument(nameof(step), step, $"a step keeping {n} blocks from {first} in [0, 2^63)");
        int done = Effective(path) switch
        {
            SimdPath.Vector512 => BlocksV<V512, Vector512<uint>>(k0, k1, s0, s1, first, step, words, n),
            SimdPath.Vector256 => BlocksV<V256, Vector256<uint>>(k0, k1, s0, s1, first, step, words, n),
            SimdPath.Vector128 => BlocksV<V128, Vector128<uint>>(k0, k1, s0, s1, first, step, words, n),
            _ => 0,
        };
        for (int i = done; i < n; i++)
        {
            long j = first + i * step;
            var b = Philox4x32.Generate(k0, k1, new Block4((uint)j, 0x8000_0000u | (uint)(j >> 32), s0, s1));
            words[4 * i] = b.X0; words[4 * i + 1] = b.X1; words[4 * i + 2] = b.X2; words[4 * i + 3] = b.X3;
        }
    }

    /// <summary>
    /// Salt-and-pepper decisions for raw blocks <c>first .. first + n - 1</c> (counters as <see cref="Blocks"/>): bit i of
    /// <paramref name="noisy"/> is set where <c>ToUnitDouble(X0, X1) &lt; amount</c> and bit i of <paramref name="salt"/>
    /// where <c>ToUnitDouble(X2, X3) &lt; ratio</c>, each given as <c>ceil(p * 2^53)</c>, the 53-bit integers below it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Decide(uint k0, uint k1, uint s0, uint s1, long first, int n, ulong noisyBelow, ulong saltBelow,
        Span<ulong> noisy, Span<ulong> salt, SimdPath path)
    {
        noisy[..((n + 63) >> 6)].Clear();
        salt[..((n + 63) >> 6)].Clear();
        int done = Effective(path) switch
        {
            SimdPath.Vector512 => DecideV<V512, Vector512<uint>>(k0, k1, s0, s1, first, n, noisyBelow, saltBelow, noisy, salt),
            SimdPath.Vector256 => DecideV<V256, Vector256<uint>>(k0, k1, s0, s1, first, n, noisyBelow, saltBelow, noisy, salt),
            SimdPath.Vector128 => DecideV<V128, Vector128<uint>>(k0, k1, s0, s1, first, n, noisyBelow, saltBelow, noisy, salt),
            _ => 0,
        };
        for (int i = done; i < n; i++)
        {
            long j = first + i;
            var b = Philox4x32.Generate(k0, k1, new Block4((uint)j, 0x8000_0000u | (uint)(j >> 32), s0, s1));
            if ((((ulong)(b.X0 >> 5) << 26) + (b.X1 >> 6)) < noisyBelow) noisy[i >> 6] |= 1ul << i;
            if ((((ulong)(b.X2 >> 5) << 26) + (b.X3 >> 6)) < saltBelow) salt[i >> 6] |= 1ul << i;
        }
    }

    private static int DecideV<W, TV>(uint k0, uint k1, uint s0, uint s1, long first, int n, ulong noisyBelow, ulong saltBelow,
        Span<ulong> noisy, Span<ulong> salt)
        where W : IPhiloxWidth<TV> where TV : struct
    {
        int lanes = W.Count, i = 0;
        Span<uint> keys = stackalloc uint[KeyLanes];
        RoundKeys(k0, k1, keys);
        ref uint kp = ref MemoryMarshal.GetReference(keys);
        int nh = (int)(noisyBelow >> 26), nl = (int)(noisyBelow & 0x3FF_FFFF);
        int sh = (int)(saltBelow >> 26), sl = (int)(saltBelow & 0x3FF_FFFF);
        TV iota = W.Iota(), vs0 = W.Splat(s0), vs1 = W.Splat(s1);
        Span<uint> hi = stackalloc uint[64];
        // Two steps at once where they share the counter's high word, their rounds interleaved: one step's rounds are a
        // chain of dependent multiplies, and two chains keep the vector units busy through each other's latency.
        for (; i + 2 * lanes <= n && ((first + i) >> 32) == ((first + i + 2 * lanes - 1) >> 32); i += 2 * lanes)
        {
            long a = first + i;
            TV xh = W.Splat(0x8000_0000u | (uint)(a >> 32));
            TV a0 = W.Add(W.Splat((uint)a), iota), a1 = xh, a2 = vs0, a3 = vs1;
            TV b0 = W.Add(W.Splat((uint)(a + lanes)), iota), b1 = xh, b2 = vs0, b3 = vs1;
            Rounds2<W, TV>(ref kp, ref a0, ref a1, ref a2, ref a3, ref b0, ref b1, ref b2, ref b3);
            noisy[i >> 6] |= (ulong)W.Below(a0, a1, nh, nl) << (i & 63);
            salt[i >> 6] |= (ulong)W.Below(a2, a3, sh, sl) << (i & 63);
            int j = i + lanes;
            noisy[j >> 6] |= (ulong)W.Below(b0, b1, nh, nl) << (j & 63);
            salt[j >> 6] |= (ulong)W.Below(b2, b3, sh, sl) << (j & 63);
        }
        for (; i + lanes <= n; i += lanes)
        {
            long a = first + i, b = a + lanes - 1;
            TV x0 = W.Add(W.Splat((uint)a), iota), x1;
            if ((a >> 32) == (b >> 32)) x1 = W.Splat(0x8000_0000u | (uint)(a >> 32));
            else
            {
                for (int l = 0; l < lanes; l++) hi[l] = 0x8000_0000u | (uint)((a + l) >> 32);
                x1 = W.Load(in hi[0]);
            }
            TV x2 = vs0, x3 = vs1;
            Rounds<W, TV>(ref kp, ref x0, ref x1, ref x2, ref x3);
            noisy[i >> 6] |= (ulong)W.Below(x0, x1, nh, nl) << (i & 63);
            salt[i >> 6] |= (ulong)W.Below(x2, x3, sh, sl) << (i & 63);
        }
        return i;
    }

    private static int GenerateV<W, TV>(uint k0, uint k1, ReadOnlySpan<uint> c0, ReadOnlySpan<uint> c1, ReadOnlySpan<uint> c2,
        ReadOnlySpan<uint> c3, Span<uint> words, int n)
        where W : IPhiloxWidth<TV> where TV : struct
    {
        int lanes = W.Count, j = 0;
        Span<uint> keys = stackalloc uint[KeyLanes];
        RoundKeys(k0, k1, keys);
        ref uint kp = ref MemoryMarshal.GetReference(keys);
        ref uint w = ref MemoryMarshal.GetReference(words);
        for (; j + lanes <= n; j += lanes)
        {
            TV x0 = W.Load(in c0[j]), x1 = W.Load(in c1[j]), x2 = W.Load(in c2[j]), x3 = W.Load(in c3[j]);
            RoundsSplit<W, TV>(ref kp, x0, x1, x2, x3, out TV e0, out TV e1, out TV e2, out TV e3, out TV o0, out TV o1, out TV o2, out TV o3);
            StoreSplit<W, TV>(e0, e1, e2, e3, o0, o1, o2, o3, ref Unsafe.Add(ref w, 4 * j));
        }
        return j;
    }

    private static int BlocksV<W, TV>(uint k0, uint k1, uint s0, uint s1, long first, long step, Span<uint> words, int n)
        where W : IPhiloxWidth<TV> where TV : struct
    {
        int lanes = W.Count, i = 0;
        Span<uint> keys = stackalloc uint[KeyLanes];
        RoundKeys(k0, k1, keys);
        ref uint kp = ref MemoryMarshal.GetReference(keys);
        ref uint w = ref MemoryMarshal.GetReference(words);
        TV iotaStep = W.Mul(W.Iota(), W.Splat((uint)step));
        TV vs0 = W.Splat(s0), vs1 = W.Splat(s1);
        Span<uint> hi = stackalloc uint[64];
        for (; i + lanes <= n; i += lanes)
        {
            long a = first + i * step, b = a + (lanes - 1) * step;
            TV x0 = W.Add(W.Splat((uint)a), iotaStep), x1;
            if ((a >> 32) == (b >> 32)) x1 = W.Splat(0x8000_0000u | (uint)(a >> 32));
            else
            {
                for (int l = 0; l < lanes; l++) hi[l] = 0x8000_0000u | (uint)((a + l * step) >> 32);
                x1 = W.Load(in hi[0]);
            }
            TV x2 = vs0, x3 = vs1;
            RoundsSplit<W, TV>(ref kp, x0, x1, x2, x3, out TV e0, out TV e1, out TV e2, out TV e3, out TV o0, out TV o1, out TV o2, out TV o3);
            StoreSplit<W, TV>(e0, e1, e2, e3, o0, o1, o2, o3, ref Unsafe.Add(ref w, 4 * i));
        }
        return i;
    }

    /// <summary>Raw blocks <c>first .. first + 15</c> (counters as <see cref="Blocks"/>) kept in registers, word by word:
    /// lane l of x_i is word i of block first + l. All 16 must share the high counter word (first &gt;&gt; 32).
    /// <paramref name="keys"/> is <see cref="RoundKeys"/>' table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Blocks512(ref uint keys, uint s0, uint s1, long first,
        out Vector512<uint> x0, out Vector512<uint> x1, out Vector512<uint> x2, out Vector512<uint> x3)
    {
        x0 = Vector512.Create((uint)first) + V512.Iota();
        x1 = Vector512.Create(0x8000_0000u | (uint)(first >> 32));
        x2 = Vector512.Create(s0);
        x3 = Vector512.Create(s1);
        Rounds<V512, Vector512<uint>>(ref keys, ref x0, ref x1, ref x2, ref x3);
    }

    /// <summary>As <see cref="Blocks512"/> for blocks <c>first .. first + 31</c>: x_i blocks first .. first + 15, y_i the
    /// next 16, their rounds interleaved (<see cref="Rounds2"/>). All 32 must share the high counter word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Blocks512x2(ref uint keys, uint s0, uint s1, long first,
        out Vector512<uint> x0, out Vector512<uint> x1, out Vector512<uint> x2, out Vector512<uint> x3,
        out Vector512<uint> y0, out Vector512<uint> y1, out Vector512<uint> y2, out Vector512<uint> y3)
    {
        x0 = Vector512.Create((uint)first) + V512.Iota();
        y0 = Vector512.Create((uint)first + 16) + V512.Iota();
        x1 = y1 = Vector512.Create(0x8000_0000u | (uint)(first >> 32));
        x2 = y2 = Vector512.Create(s0);
        x3 = y3 = Vector512.Create(s1);
        Rounds2<V512, Vector512<uint>>(ref keys, ref x0, ref x1, ref x2, ref x3, ref y0, ref y1, ref y2, ref y3);
    }

    /// <summary>Raw blocks <c>first .. first + 7</c> (counters as <see cref="Blocks"/>) kept in registers, split as
    /// <see cref="RoundsSplit"/> leaves them: the low half of 64-bit lane l of e_i is word i of block first + 2l, that of
    /// o_i word i of block first + 2l + 1 (high halves junk). All 8 must share the high counter word (first &gt;&gt; 32).
    /// <paramref name="keys"/> is <see cref="RoundKeys"/>' table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Blocks256Split(ref uint keys, uint s0, uint s1, long first,
        out Vector256<uint> e0, out Vector256<uint> e1, out Vector256<uint> e2, out Vector256<uint> e3,
        out Vector256<uint> o0, out Vector256<uint> o1, out Vector256<uint> o2, out Vector256<uint> o3) =>
        RoundsSplit<V256, Vector256<uint>>(ref keys, Vector256.Create((uint)first) + V256.Iota(),
            Vector256.Create(0x8000_0000u | (uint)(first >> 32)), Vector256.Create(s0), Vector256.Create(s1),
            out e0, out e1, out e2, out e3, out o0, out o1, out o2, out o3);

    // The ten rounds run on the 64-bit lanes of two vectors per word: e holds the even-numbered 32-bit lanes of the
    // word in the low half of each 64-bit lane, o the odd-numbered ones. pmuludq reads only the low halves, so the high
    // halves may hold anything: the product's low half is the next round's lo word as it stands, its high half shifted
    // down is the hi word, and the words go back together (o's low halves moved up into the odd lanes) once at the end.
    // That is 2 products, 2 shifts and 2 three-way XORs per vector and round, with no blends or shuffles between rounds.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rounds<W, TV>(ref uint keys, ref TV c0, ref TV c1, ref TV c2, ref TV c3)
        where W : IPhiloxWidth<TV> where TV : struct
    {
        RoundsSplit<W, TV>(ref keys, c0, c1, c2, c3, out TV e0, out TV e1, out TV e2, out TV e3, out TV o0, out TV o1, out TV o2, out TV o3);
        c0 = W.Merge(e0, o0); c1 = W.Merge(e1, o1); c2 = W.Merge(e2, o2); c3 = W.Merge(e3, o3);
    }

    /// <summary>The round keys: <paramref name="keys"/>[2r] = k0 + r W0 and [2r + 1] = k1 + r W1 (r = 0 .. 9), so a round
    /// broadcasts its keys straight from memory (a load, or an embedded broadcast) instead of adding and moving them
    /// from general registers every round.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void RoundKeys(uint k0, uint k1, Span<uint> keys)
    {
        for (int r = 0; r < 10; r++)
        {
            keys[2 * r] = k0;
            keys[2 * r + 1] = k1;
            k0 += W0; k1 += W1;
        }
    }

    /// <summary>The length of <see cref="RoundKeys"/>' table.</summary>
    internal const int KeyLanes = 20;

    /// <summary><see cref="Rounds"/> of two independent sets of counters, round by round in turn: each set's rounds are a
    /// chain of dependent multiplies, and two chains keep the vector units busy through each other's latency.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void Rounds2<W, TV>(ref uint keys, ref TV a0, ref TV a1, ref TV a2, ref TV a3,
        ref TV b0, ref TV b1, ref TV b2, ref TV b3)
        where W : IPhiloxWidth<TV> where TV : struct
    {
        TV ao0 = W.High(a0), ao1 = W.High(a1), ao2 = W.High(a2), ao3 = W.High(a3);
        TV bo0 = W.High(b0), bo1 = W.High(b1), bo2 = W.High(b2), bo3 = W.High(b3);
        RoundsSplit2<W, TV>(ref keys, ref a0, ref a1, ref a2, ref a3, ref ao0, ref ao1, ref ao2, ref ao3,
            ref b0, ref b1, ref b2, ref b3, ref bo0, ref bo1, ref bo2, ref bo3);
        a0 = W.Merge(a0, ao0); a1 = W.Merge(a1, ao1); a2 = W.Merge(a2, ao2); a3 = W.Merge(a3, ao3);
        b0 = W.Merge(b0, bo0); b1 = W.Merge(b1, bo1); b2 = W.Merge(b2, bo2); b3 = W.Merge(b3, bo3);
    }

    /// <summary>The rounds of two sets of split words (as <see cref="RoundsSplit"/>: ae_i, be_i the even lanes, ao_i, bo_i
    /// the odd ones, each in the low halves of the 64-bit lanes), round by round in turn; in: the counters, out: the blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    internal static void RoundsSplit2<W, TV>(ref uint keys, ref TV ae0, ref TV ae1, ref TV ae2, ref TV ae3,
        ref TV ao0, ref TV ao1, ref TV ao2, ref TV ao3, ref TV be0, ref TV be1, ref TV be2, ref TV be3,
        ref TV bo0, ref TV bo1, ref TV bo2, ref TV bo3)
        where W : IPhiloxWidth<TV> where TV : struct
    {
        TV m0 = W.Splat(M0), m1 = W.Splat(M1);
        Round<W, TV>(ref keys, 0, m0, m1, ref ae0, ref ae1, ref ae2, ref ae3, ref ao0, ref ao1, ref ao2, ref ao3);
        Round<W, TV>(ref keys, 0, m0, m1, ref be0, ref be1, ref be2, ref be3, ref bo0, ref bo1, ref bo2, ref bo3);
        Round<W, TV>(ref keys, 1, m0, m1, ref ae0, ref ae1, ref ae2, ref ae3, ref ao0, ref ao1, ref ao2, ref ao3);
        Round<W, TV>(ref keys, 1, m0, m1, ref be0, ref be1, ref be2, ref be3, ref bo0, ref bo1, ref bo2, ref bo3);
        Round<W, TV>(ref keys, 2, m0, m1, ref ae0, ref ae1, ref ae2, ref ae3, ref ao0, ref ao1, ref ao2, ref ao3);
        Round<W, TV>(ref keys, 2, m0, m1, ref be0, ref be1, ref be2, ref be3, ref bo0, ref bo1, ref bo2, ref bo3);
        Round<W, TV>(ref keys, 3, m0, m1, ref ae0, ref ae1, ref ae2, ref ae3, ref ao0, ref ao1, ref ao2, ref ao3);
        Round<W, TV>(ref keys, 3, m0, m1, ref be0, ref be1, ref be2, ref be3, ref bo0, ref bo1, ref bo2, ref bo3);
        Round<W, TV>(ref keys, 4, m0, m1, ref ae0, ref ae1, ref ae2, ref ae3, ref ao0, ref ao1, ref ao2, ref ao3);
        Round<W, TV>(ref keys, 4, m0, m1, ref be0, ref be1, ref be2, ref be3, ref bo0, ref bo1, ref bo2, ref bo3);
        Round<W, TV>(ref keys, 5, m0, m1, ref ae0, ref ae1, ref ae2, ref ae3, ref ao0, ref ao1, ref ao2, ref ao3);
        Round<W, TV>(ref keys, 5, m0, m1, ref be0, ref be1, ref be2, ref be3, ref bo0, ref bo1, ref bo2, ref bo3);
        Round<W, TV>(ref keys, 6, m0, m1, ref ae0, ref ae1, ref ae2, ref ae3, ref ao0, ref ao1, ref ao2, ref ao3);
        Round<W, TV>(ref keys, 6, m0, m1, ref be0, ref be1, ref be2, ref be3, ref bo0, ref bo1, ref bo2, ref bo3);
        Round<W, TV>(ref keys, 7, m0, m1, ref ae0, ref ae1, ref ae2, ref ae3, ref ao0, ref ao1, ref ao2, ref ao3);
        Round<W, TV>(ref keys, 7, m0, m1, ref be0, ref be1, ref be2, ref be3, ref bo0, ref bo1, ref bo2, ref bo3);
        Round<W, TV>(ref keys, 8, m0, m1, ref ae0, ref ae1, ref ae2, ref ae3, ref ao0, ref ao1, ref ao2, ref ao3);
        Round<W, TV>(ref keys, 8, m0, m1, ref be0, ref be1, ref be2, ref be3, ref bo0, ref bo1, ref bo2, ref bo3);
        Round<W, TV>(ref keys, 9, m0, m1, ref ae0, ref ae1, ref ae2, ref ae3, ref ao0, ref ao1, ref ao2, ref ao3);
        Round<W, TV>(ref keys, 9, m0, m1, ref be0, ref be1, ref be2, ref be3, ref bo0, ref bo1, ref bo2, ref bo3);
    }

    /// <summary>The rounds, with word i left split: its even 32-bit lanes in the low halves of e_i's 64-bit lanes, its
    /// odd ones in those of o_i (the high halves hold junk). <paramref name="keys"/> is <see cref="RoundKeys"/>' table. The ten rounds are written out, so the words' roles rotate by renaming alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RoundsSplit<W, TV>(ref uint keys, TV c0, TV c1, TV c2, TV c3,
        out TV e0, out TV e1, out TV e2, out TV e3, out TV o0, out TV o1, out TV o2, out TV o3)
        where W : IPhiloxWidth<TV> where TV : struct
    {
        TV m0 = W.Splat(M0), m1 = W.Splat(M1);
        e0 = c0; e1 = c1; e2 = c2; e3 = c3;
        o0 = W.High(c0); o1 = W.High(c1); o2 = W.High(c2); o3 = W.High(c3);
        Round<W, TV>(ref keys, 0, m0, m1, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
        Round<W, TV>(ref keys, 1, m0, m1, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
        Round<W, TV>(ref keys, 2, m0, m1, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
        Round<W, TV>(ref keys, 3, m0, m1, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
        Round<W, TV>(ref keys, 4, m0, m1, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
        Round<W, TV>(ref keys, 5, m0, m1, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
        Round<W, TV>(ref keys, 6, m0, m1, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
        Round<W, TV>(ref keys, 7, m0, m1, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
        Round<W, TV>(ref keys, 8, m0, m1, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
        Round<W, TV>(ref keys, 9, m0, m1, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
    }

    /// <summary>Round r on split words: the key XOR is taken with the unmultiplied word first (<c>(c1 ^ k0) ^ hi</c>),
    /// off the multiply's dependency chain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round<W, TV>(ref uint keys, [ConstantExpected] int r, TV m0, TV m1,
        ref TV e0, ref TV e1, ref TV e2, ref TV e3, ref TV o0, ref TV o1, ref TV o2, ref TV o3)
        where W : IPhiloxWidth<TV> where TV : struct
    {
        TV vk0 = W.Splat(Unsafe.Add(ref keys, 2 * r));
        TV vk1 = W.Splat(Unsafe.Add(ref keys, 2 * r + 1));
        TV pe0 = W.MulEven(e0, m0), pe1 = W.MulEven(e2, m1);
        TV po0 = W.MulEven(o0, m0), po1 = W.MulEven(o2, m1);
        e0 = W.Xor3(e1, vk0, W.High(pe1)); e2 = W.Xor3(e3, vk1, W.High(pe0)); e1 = pe1; e3 = pe0;
        o0 = W.Xor3(o1, vk0, W.High(po1)); o2 = W.Xor3(o3, vk1, W.High(po0)); o1 = po1; o3 = po0;
    }

    /// <summary>Stores the blocks of split words (as <see cref="RoundsSplit"/> leaves them) interleaved at p: the 64-bit
    /// pairs (X0 | X1 &lt;&lt; 32) and (X2 | X3 &lt;&lt; 32) are merged per half first, then only whole blocks move.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSplit<W, TV>(TV e0, TV e1, TV e2, TV e3, TV o0, TV o1, TV o2, TV o3, ref uint p)
        where W : IPhiloxWidth<TV> where TV : struct =>
        W.StoreBlocks(W.Merge(e0, e1), W.Merge(e2, e3), W.Merge(o0, o1), W.Merge(o2, o3), ref p);

    internal interface IPhiloxWidth<TV> where TV : struct
    {
        static abstract int Count { get; }
        static abstract TV Splat(uint x);
        static abstract TV Iota();
        static abstract TV Load(in uint p);
        static abstract TV Add(TV a, TV b);
        static abstract TV Mul(TV a, TV b);
        static abstract TV Xor(TV a, TV b);
        /// <summary>a ^ b ^ c.</summary>
        static abstract TV Xor3(TV a, TV b, TV c);
        /// <summary>Each 64-bit lane: the product of the low 32-bit halves of a and m (pmuludq).</summary>
        static abstract TV MulEven(TV a, TV m);
        /// <summary>Each 64-bit lane shifted right by 32: the high half moved into the low half.</summary>
        static abstract TV High(TV a);
        /// <summary>The low halves of e's 64-bit lanes in the even 32-bit lanes, those of o in the odd ones.</summary>
        static abstract TV Merge(TV e, TV o);
        /// <summary>Bit l set where <c>((x0 &gt;&gt; 5) &lt;&lt; 26) + (x1 &gt;&gt; 6) &lt; th * 2^26 + tl</c> in lane l (th &lt;= 2^27, tl &lt; 2^26).</summary>
        static abstract uint Below(TV x0, TV x1, int th, int tl);
        /// <summary>Stores block b at p[4b .. 4b + 3], given its two 64-bit halves: qword i of pe / qe is block 2i's
        /// first / second half, qword i of po / qo block 2i + 1's.</summary>
        static abstract void StoreBlocks(TV pe, TV qe, TV po, TV qo, ref uint p);
    }

    internal readonly struct V128 : IPhiloxWidth<Vector128<uint>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint Below(Vector128<uint> x0, Vector128<uint> x1, int th, int tl)
        {
            var a = Vector128.ShiftRightLogical(x0, 5).AsInt32();
            var b = Vector128.ShiftRightLogical(x1, 6).AsInt32();
            var vth = Vector128.Create(th);
            var m = Vector128.LessThan(a, vth) | (Vector128.Equals(a, vth) & Vector128.LessThan(b, Vector128.Create(tl)));
            return (uint)Vector128.ExtractMostSignificantBits(m);
        }
        public static int Count => 4;
        public static Vector128<uint> Splat(uint x) => Vector128.Create(x);
        public static Vector128<uint> Iota() => Vector128.Create(0u, 1, 2, 3);
        public static Vector128<uint> Load(in uint p) => Vector128.LoadUnsafe(in p);
        public static Vector128<uint> Add(Vector128<uint> a, Vector128<uint> b) => a + b;
        public static Vector128<uint> Mul(Vector128<uint> a, Vector128<uint> b) => a * b;
        public static Vector128<uint> Xor(Vector128<uint> a, Vector128<uint> b) => a ^ b;
        public static Vector128<uint> Xor3(Vector128<uint> a, Vector128<uint> b, Vector128<uint> c) => (a ^ b) ^ c;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> MulEven(Vector128<uint> a, Vector128<uint> m) => Sse2.Multiply(a, m).AsUInt32();
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> High(Vector128<uint> a) => Sse2.ShiftRightLogical(a.AsUInt64(), 32).AsUInt32();
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<uint> Merge(Vector128<uint> e, Vector128<uint> o) => Vector128.ConditionalSelect(Vector128.Create(0xFFFF_FFFF_0000_0000ul).AsUInt32(), Sse2.ShiftLeftLogical(o.AsUInt64(), 32).AsUInt32(), e);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreBlocks(Vector128<uint> pe, Vector128<uint> qe, Vector128<uint> po, Vector128<uint> qo, ref uint p)
        {
            Sse2.UnpackLow(pe.AsUInt64(), qe.AsUInt64()).AsUInt32().StoreUnsafe(ref p);              // block 0
            Sse2.UnpackLow(po.AsUInt64(), qo.AsUInt64()).AsUInt32().StoreUnsafe(ref p, (nuint)4);    // block 1
            Sse2.UnpackHigh(pe.AsUInt64(), qe.AsUInt64()).AsUInt32().StoreUnsafe(ref p, (nuint)8);   // block 2
            Sse2.UnpackHigh(po.AsUInt64(), qo.AsUInt64()).AsUInt32().StoreUnsafe(ref p, (nuint)12);  // block 3
        }
    }

    internal readonly struct V256 : IPhiloxWidth<Vector256<uint>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint Below(Vector256<uint> x0, Vector256<uint> x1, int th, int tl)
        {
            var a = Vector256.ShiftRightLogical(x0, 5).AsInt32();
            var b = Vector256.ShiftRightLogical(x1, 6).AsInt32();
            var vth = Vector256.Create(th);
            var m = Vector256.LessThan(a, vth) | (Vector256.Equals(a, vth) & Vector256.LessThan(b, Vector256.Create(tl)));
            return (uint)Vector256.ExtractMostSignificantBits(m);
        }
        public static int Count => 8;
        public static Vector256<uint> Splat(uint x) => Vector256.Create(x);
        public static Vector256<uint> Iota() => Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7);
        public static Vector256<uint> Load(in uint p) => Vector256.LoadUnsafe(in p);
        public static Vector256<uint> Add(Vector256<uint> a, Vector256<uint> b) => a + b;
        public static Vector256<uint> Mul(Vector256<uint> a, Vector256<uint> b) => a * b;
        public static Vector256<uint> Xor(Vector256<uint> a, Vector256<uint> b) => a ^ b;
        public static Vector256<uint> Xor3(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c) => (a ^ b) ^ c;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> MulEven(Vector256<uint> a, Vector256<uint> m) => Avx2.Multiply(a, m).AsUInt32();
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> High(Vector256<uint> a) => Avx2.ShiftRightLogical(a.AsUInt64(), 32).AsUInt32();
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Merge(Vector256<uint> e, Vector256<uint> o) => Avx2.Blend(e, Avx2.ShiftLeftLogical(o.AsUInt64(), 32).AsUInt32(), 0b1010_1010);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreBlocks(Vector256<uint> pe, Vector256<uint> qe, Vector256<uint> po, Vector256<uint> qo, ref uint p)
        {
            var a = Avx2.UnpackLow(pe.AsUInt64(), qe.AsUInt64()).AsUInt32();   // blocks 0 | 4
            var c = Avx2.UnpackHigh(pe.AsUInt64(), qe.AsUInt64()).AsUInt32();  // blocks 2 | 6
            var b = Avx2.UnpackLow(po.AsUInt64(), qo.AsUInt64()).AsUInt32();   // blocks 1 | 5
            var d = Avx2.UnpackHigh(po.AsUInt64(), qo.AsUInt64()).AsUInt32();  // blocks 3 | 7
            Avx2.Permute2x128(a, b, 0x20).StoreUnsafe(ref p);
            Avx2.Permute2x128(c, d, 0x20).StoreUnsafe(ref p, (nuint)8);
            Avx2.Permute2x128(a, b, 0x31).StoreUnsafe(ref p, (nuint)16);
            Avx2.Permute2x128(c, d, 0x31).StoreUnsafe(ref p, (nuint)24);
        }
    }

    internal readonly struct V512 : IPhiloxWidth<Vector512<uint>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint Below(Vector512<uint> x0, Vector512<uint> x1, int th, int tl)
        {
            var a = Vector512.ShiftRightLogical(x0, 5).AsInt32();
            var b = Vector512.ShiftRightLogical(x1, 6).AsInt32();
            var vth = Vector512.Create(th);
            var m = Vector512.LessThan(a, vth) | (Vector512.Equals(a, vth) & Vector512.LessThan(b, Vector512.Create(tl)));
            return (uint)Vector512.ExtractMostSignificantBits(m);
        }
        public static int Count => 16;
        public static Vector512<uint> Splat(uint x) => Vector512.Create(x);
        public static Vector512<uint> Iota() => Vector512.Create(0u, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        public static Vector512<uint> Load(in uint p) => Vector512.LoadUnsafe(in p);
        public static Vector512<uint> Add(Vector512<uint> a, Vector512<uint> b) => a + b;
        public static Vector512<uint> Mul(Vector512<uint> a, Vector512<uint> b) => a * b;
        public static Vector512<uint> Xor(Vector512<uint> a, Vector512<uint> b) => a ^ b;
        public static Vector512<uint> Xor3(Vector512<uint> a, Vector512<uint> b, Vector512<uint> c) => Avx512F.TernaryLogic(a, b, c, 0x96);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> MulEven(Vector512<uint> a, Vector512<uint> m) => Avx512F.Multiply(a, m).AsUInt32();
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> High(Vector512<uint> a) => Avx512F.ShiftRightLogical(a.AsUInt64(), 32).AsUInt32();
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Merge(Vector512<uint> e, Vector512<uint> o) => Vector512.ConditionalSelect(Vector512.Create(0xFFFF_FFFF_0000_0000ul).AsUInt32(), Avx512F.ShiftLeftLogical(o.AsUInt64(), 32).AsUInt32(), e);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreBlocks(Vector512<uint> pe, Vector512<uint> qe, Vector512<uint> po, Vector512<uint> qo, ref uint p)
        {
            var a = Avx512F.UnpackLow(pe.AsUInt64(), qe.AsUInt64()).AsUInt32();   // 128-bit quarters: blocks 0, 4, 8, 12
            var c = Avx512F.UnpackHigh(pe.AsUInt64(), qe.AsUInt64()).AsUInt32();  // 2, 6, 10, 14
            var b = Avx512F.UnpackLow(po.AsUInt64(), qo.AsUInt64()).AsUInt32();   // 1, 5, 9, 13
            var d = Avx512F.UnpackHigh(po.AsUInt64(), qo.AsUInt64()).AsUInt32();  // 3, 7, 11, 15
            var ab01 = Avx512F.Shuffle4x128(a, b, 0x44);  // a0 a1 b0 b1
            var cd01 = Avx512F.Shuffle4x128(c, d, 0x44);
            var ab23 = Avx512F.Shuffle4x128(a, b, 0xEE);  // a2 a3 b2 b3
            var cd23 = Avx512F.Shuffle4x128(c, d, 0xEE);
            Avx512F.Shuffle4x128(ab01, cd01, 0x88).StoreUnsafe(ref p);               // a0 b0 c0 d0: blocks 0-3
            Avx512F.Shuffle4x128(ab01, cd01, 0xDD).StoreUnsafe(ref p, (nuint)16);    // a1 b1 c1 d1
            Avx512F.Shuffle4x128(ab23, cd23, 0x88).StoreUnsafe(ref p, (nuint)32);
            Avx512F.Shuffle4x128(ab23, cd23, 0xDD).StoreUnsafe(ref p, (nuint)48);
        }
    }
}
