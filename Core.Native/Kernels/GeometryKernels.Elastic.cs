using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// ElasticTransform's map in one kernel: the Philox fields row by row (PhiloxBatch), each row's horizontal Gaussian
// pass through a reflect-101 padded copy, then the vertical pass, the clamp to [-1, 1] and the map's
// (j + 0.5) + alpha * d, fused. The float operations are the reference's in the reference's order
// (FilterKernels.SeparableFilter's sums from 0f with taps ascending, then the F# map loop), so every path gives the
// same bits. The gain over running SeparableFilter twice: four independent accumulator chains a step (two vectors of
// each field) instead of one, so a 65-tap sum is bound by the multiply/add throughput rather than the add latency,
// and no separate passes over the fields for the noise and the map.
public static partial class GeometryKernels
{
    /// <summary>
    /// ElasticTransform's source map for a <paramref name="width"/> x <paramref name="height"/> image: for pixel
    /// k = i * width + j, raw Philox block k of the seed (k0, k1, s0, s1) (counter <c>(low 32 bits of k,
    /// 0x80000000 | high bits, s0, s1)</c>) gives <c>dx = (float)(2 ToUnitDouble(X0, X1) - 1)</c> and
    /// <c>dy = (float)(2 ToUnitDouble(X2, X3) - 1)</c>; each field is filtered as
    /// <see cref="FilterKernels.SeparableFilter(ReadOnlySpan{float}, Span{float}, int, int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, ValueRange, SimdPath)"/>
    /// with <paramref name="kernel"/> both ways and range [-1, 1]; then <c>mapX[k] = ((float)j + 0.5f) + alpha * dx'</c>,
    /// <c>mapY[k] = ((float)i + 0.5f) + alpha * dy'</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void ElasticMap(uint k0, uint k1, uint s0, uint s1, float alpha, ReadOnlySpan<float> kernel,
        int width, int height, Span<float> mapX, Span<float> mapY, SimdPath path = SimdPath.Auto)
    {
        if (width < 1) Throw.Argument(nameof(width), width, "a width >= 1");
        if (height < 1) Throw.Argument(nameof(height), height, "a height >= 1");
        // The horizontal pass's rows sit an odd number of 64-byte lines apart: at a power-of-two stride (512 floats)
        // the vertical pass's 2 x 65 tap rows would fall into a few L1 sets and miss on every load.
        long strideL = ((long)width + 15) & ~15L;
        if ((strideL / 16) % 2 == 0) strideL += 16;
        if (strideL * height > Array.MaxLength) Throw.Argument(nameof(width), width, $"an image of at most {Array.MaxLength} padded samples (height {height})");
        int n = width * height, stride = (int)strideL;
        if (mapX.Length < n) Throw.Argument(nameof(mapX), mapX.Length, $"at least {n} values (one per pixel)");
        if (mapY.Length < n) Throw.Argument(nameof(mapY), mapY.Length, $"at least {n} values (one per pixel)");
        if (kernel.Length == 0 || kernel.Length % 2 == 0) Throw.Argument(nameof(kernel), kernel.Length, "an odd number of weights");
        foreach (float w in kernel)
            if (!float.IsFinite(w)) Throw.Argument(nameof(kernel), w, "finite weights");
        var p = Simd.Resolve(path);
        int taps = kernel.Length, ax = taps / 2, padLen = width + 2 * ax;
        var pool = ArrayPool<float>.Shared;
        // The horizontal rows live in a ring of `ring` rows (row r in slot r % ring), computed as the vertical pass
        // first needs them: with height > taps every output row's taps lie in a window of at most taps real rows
        // (one reflection), so the window stays in cache; otherwise the ring holds every row.
        int ring = height > taps ? taps : height;
        float[] hxa = pool.Rent(stride * ring + 16), hya = pool.Rent(stride * ring + 16), pad = pool.Rent(2 * padLen), colBase = pool.Rent(width);
        uint[] words = ArrayPool<uint>.Shared.Rent(4 * width);
        int[] rows = ArrayPool<int>.Shared.Rent(taps);
        try
        {
            // The ring starts on a 64-byte boundary, so that the vertical pass's loads do not split cache lines (only
            // speed depends on it: an array the GC moves afterwards gives the same bits).
            int offX, offY;
            fixed (float* a = hxa) offX = (int)((64 - ((nint)a & 63)) & 63) / 4;
            fixed (float* a = hya) offY = (int)((64 - ((nint)a & 63)) & 63) / 4;
            Span<float> hx = hxa.AsSpan(offX, stride * ring), hy = hya.AsSpan(offY, stride * ring);
            for (int j = 0; j < width; j++) colBase[j] = (float)j + 0.5f;
            Span<float> padX = pad.AsSpan(0, padLen), padY = pad.AsSpan(padLen, padLen);
            int computed = 0;
            for (int i = 0; i < height; i++)
            {
                int need = height > taps ? Math.Min(height, i + ax + 1) : height;
                for (; computed < need; computed++)
                {
                    // The noise of row r, straight into the middle of the padded rows; then the reflected borders.
                    int r = computed, slot = r % ring;
                    PhiloxBatch.Blocks(k0, k1, s0, s1, (long)r * width, 1, words.AsSpan(0, 4 * width), p);
                    ElasticNoise(words, width, padX.Slice(ax, width), padY.Slice(ax, width), p);
                    for (int t = 0; t < ax; t++)
                    {
                        int l = (int)ResolveIndex(t - ax, width, BorderMode.Reflect101), q = (int)ResolveIndex(width + t, width, BorderMode.Reflect101);
                        padX[t] = padX[ax + l]; padY[t] = padY[ax + l];
                        padX[ax + width + t] = padX[ax + q]; padY[ax + width + t] = padY[ax + q];
                    }
                    ElasticHorizontal(padX, padY, hx.Slice(slot * stride, width), hy.Slice(slot * stride, width), kernel, p);
                }
                for (int t = 0; t < taps; t++) rows[t] = (int)(ResolveIndex(i - ax + t, height, BorderMode.Reflect101) % ring) * stride;
                ElasticVertical(hx, hy, rows.AsSpan(0, taps), kernel, colBase.AsSpan(0, width), (float)i + 0.5f, alpha,
                    mapX.Slice(i * width, width), mapY.Slice(i * width, width), p);
            }
        }
        finally
        {
            pool.Return(hxa); pool.Return(hya); pool.Return(pad); pool.Return(colBase);
            ArrayPool<uint>.Shared.Return(words);
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    // dx[j], dy[j] of the count interleaved blocks in words: (float)(2 u - 1) with u = ToUnitDouble of the block's two
    // 64-bit words. In the AVX2 loop every step before the narrowing is exact (53-bit integers, power-of-two scalings,
    // 2u - 1 a multiple of 2^-52 below 1 in size), and cvtpd2ps rounds to nearest even as the cast does.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ElasticNoise(uint[] words, int count, Span<float> dx, Span<float> dy, SimdPath path)
    {
        int j = 0;
        if (Avx2.IsSupported && path is SimdPath.Vector256 or SimdPath.Vector512)
        {
            ref ulong q = ref Unsafe.As<uint, ulong>(ref MemoryMarshal.GetArrayDataReference(words));
            ref float xp = ref MemoryMarshal.GetReference(dx);
            ref float yp = ref MemoryMarshal.GetReference(dy);
            var magic = Vector256.Create(0x4330_0000_0000_0000ul);
            var two52 = Vector256.Create(4503599627370496.0);
            var two26 = Vector256.Create(67108864.0);
            var twoM53 = Vector256.Create(1.0 / 9007199254740992.0);
            var two = Vector256.Create(2.0);
            var one = Vector256.Create(1.0);
            for (; j + 4 <= count; j += 4)
            {
                // Words 2b and 2b + 1 are block b's (X0 | X1 << 32) and (X2 | X3 << 32): dx_b, dy_b.
                var f0 = Uniform(Vector256.LoadUnsafe(ref q, (nuint)(2 * j)), magic, two52, two26, twoM53, two, one);
                var f1 = Uniform(Vector256.LoadUnsafe(ref q, (nuint)(2 * j + 4)), magic, two52, two26, twoM53, two, one);
                Sse.Shuffle(f0, f1, 0b10_00_10_00).StoreUnsafe(ref xp, (nuint)j);
                Sse.Shuffle(f0, f1, 0b11_01_11_01).StoreUnsafe(ref yp, (nuint)j);
            }
        }
        for (; j < count; j++)
        {
            dx[j] = (float)(2.0 * Philox4x32.ToUnitDouble(words[4 * j], words[4 * j + 1]) - 1.0);
            dy[j] = (float)(2.0 * Philox4x32.ToUnitDouble(words[4 * j + 2], words[4 * j + 3]) - 1.0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Uniform(Vector256<ulong> w, Vector256<ulong> magic, Vector256<double> two52,
        Vector256<double> two26, Vector256<double> twoM53, Vector256<double> two, Vector256<double> one)
    {
        var a = Avx2.ShiftRightLogical(Avx2.ShiftLeftLogical(w, 32), 37);   // low word >> 5, 27 bits
        var b = Avx2.ShiftRightLogical(w, 38);                               // high word >> 6, 26 bits
        var da = Avx.Subtract((a | magic).AsDouble(), two52);
        var db = Avx.Subtract((b | magic).AsDouble(), two52);
        var u = Avx.Multiply(Avx.Add(Avx.Multiply(da, two26), db), twoM53);
        return Avx.ConvertToVector128Single(Avx.Subtract(Avx.Multiply(two, u), one));
    }

    // hx[x] = sum over t of k[t] * padX[x + t] from 0f, t ascending (and hy from padY): the horizontal pass.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ElasticHorizontal(ReadOnlySpan<float> padX, ReadOnlySpan<float> padY, Span<float> hx, Span<float> hy,
        ReadOnlySpan<float> k, SimdPath path)
    {
        int width = hx.Length;
        ref float kr = ref MemoryMarshal.GetReference(k);
        int done = path switch
        {
            SimdPath.Vector128 => ElasticHorizontalV<Vector128<float>, Vector128<byte>, W128>(padX, padY, hx, hy, ref kr, k.Length),
            SimdPath.Vector256 => ElasticHorizontalV<Vector256<float>, Vector256<byte>, W256>(padX, padY, hx, hy, ref kr, k.Length),
            SimdPath.Vector512 => ElasticHorizontalV<Vector512<float>, Vector512<byte>, W512>(padX, padY, hx, hy, ref kr, k.Length),
            _ => 0,
        };
        for (int x = done; x < width; x++)
        {
            float a = 0f, b = 0f;
            for (int t = 0; t < k.Length; t++)
            {
                a = a + k[t] * padX[x + t];
                b = b + k[t] * padY[x + t];
            }
            hx[x] = a;
            hy[x] = b;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ElasticHorizontalV<TF, TB, TW>(ReadOnlySpan<float> padX, ReadOnlySpan<float> padY, Span<float> hx, Span<float> hy,
        ref float k, int taps)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, width = hx.Length, x = 0;
        ref float px = ref MemoryMarshal.GetReference(padX);
        ref float py = ref MemoryMarshal.GetReference(padY);
        ref float ox = ref MemoryMarshal.GetReference(hx);
        ref float oy = ref MemoryMarshal.GetReference(hy);
        // Four vectors of each field a step: eight independent sums (then two, then one).
        for (; x <= width - 4 * v; x += 4 * v)
        {
            TF a0 = TW.Splat(0f), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            for (int t = 0; t < taps; t++)
            {
                TF w = TW.Splat(Unsafe.Add(ref k, t));
                ref float qx = ref Unsafe.Add(ref px, x + t);
                ref float qy = ref Unsafe.Add(ref py, x + t);
                a0 = TW.Add(a0, TW.Mul(w, TW.Load(ref qx)));
                a1 = TW.Add(a1, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qx, v))));
                a2 = TW.Add(a2, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qx, 2 * v))));
                a3 = TW.Add(a3, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qx, 3 * v))));
                b0 = TW.Add(b0, TW.Mul(w, TW.Load(ref qy)));
                b1 = TW.Add(b1, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qy, v))));
                b2 = TW.Add(b2, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qy, 2 * v))));
                b3 = TW.Add(b3, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qy, 3 * v))));
            }
            TW.Store(a0, ref Unsafe.Add(ref ox, x)); TW.Store(a1, ref Unsafe.Add(ref ox, x + v));
            TW.Store(a2, ref Unsafe.Add(ref ox, x + 2 * v)); TW.Store(a3, ref Unsafe.Add(ref ox, x + 3 * v));
            TW.Store(b0, ref Unsafe.Add(ref oy, x)); TW.Store(b1, ref Unsafe.Add(ref oy, x + v));
            TW.Store(b2, ref Unsafe.Add(ref oy, x + 2 * v)); TW.Store(b3, ref Unsafe.Add(ref oy, x + 3 * v));
        }
        for (; x <= width - 2 * v; x += 2 * v)
        {
            TF a0 = TW.Splat(0f), a1 = a0, b0 = a0, b1 = a0;
            for (int t = 0; t < taps; t++)
            {
                TF w = TW.Splat(Unsafe.Add(ref k, t));
                a0 = TW.Add(a0, TW.Mul(w, TW.Load(ref Unsafe.Add(ref px, x + t))));
                a1 = TW.Add(a1, TW.Mul(w, TW.Load(ref Unsafe.Add(ref px, x + v + t))));
                b0 = TW.Add(b0, TW.Mul(w, TW.Load(ref Unsafe.Add(ref py, x + t))));
                b1 = TW.Add(b1, TW.Mul(w, TW.Load(ref Unsafe.Add(ref py, x + v + t))));
            }
            TW.Store(a0, ref Unsafe.Add(ref ox, x)); TW.Store(a1, ref Unsafe.Add(ref ox, x + v));
            TW.Store(b0, ref Unsafe.Add(ref oy, x)); TW.Store(b1, ref Unsafe.Add(ref oy, x + v));
        }
        for (; x <= width - v; x += v)
        {
            TF a0 = TW.Splat(0f), b0 = a0;
            for (int t = 0; t < taps; t++)
            {
                TF w = TW.Splat(Unsafe.Add(ref k, t));
                a0 = TW.Add(a0, TW.Mul(w, TW.Load(ref Unsafe.Add(ref px, x + t))));
                b0 = TW.Add(b0, TW.Mul(w, TW.Load(ref Unsafe.Add(ref py, x + t))));
            }
            TW.Store(a0, ref Unsafe.Add(ref ox, x));
            TW.Store(b0, ref Unsafe.Add(ref oy, x));
        }
        return x;
    }

    // One output row of the vertical pass (tap rows at the given offsets), clamped to [-1, 1], then the map:
    // mapX[x] = colBase[x] + alpha * dx', mapY[x] = rowBase + alpha * dy'.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ElasticVertical(ReadOnlySpan<float> hx, ReadOnlySpan<float> hy, ReadOnlySpan<int> rows, ReadOnlySpan<float> k,
        ReadOnlySpan<float> colBase, float rowBase, float alpha, Span<float> mapX, Span<float> mapY, SimdPath path)
    {
        int width = mapX.Length;
        ref float kr = ref MemoryMarshal.GetReference(k);
        int done = path switch
        {
            SimdPath.Vector128 => ElasticVerticalV<Vector128<float>, Vector128<byte>, W128>(hx, hy, rows, ref kr, colBase, rowBase, alpha, mapX, mapY),
            SimdPath.Vector256 => ElasticVerticalV<Vector256<float>, Vector256<byte>, W256>(hx, hy, rows, ref kr, colBase, rowBase, alpha, mapX, mapY),
            SimdPath.Vector512 => ElasticVerticalV<Vector512<float>, Vector512<byte>, W512>(hx, hy, rows, ref kr, colBase, rowBase, alpha, mapX, mapY),
            _ => 0,
        };
        for (int x = done; x < width; x++)
        {
            float a = 0f, b = 0f;
            for (int t = 0; t < k.Length; t++)
            {
                a = a + k[t] * hx[rows[t] + x];
                b = b + k[t] * hy[rows[t] + x];
            }
            a = MathF.Min(MathF.Max(a, -1f), 1f);
            b = MathF.Min(MathF.Max(b, -1f), 1f);
            mapX[x] = colBase[x] + alpha * a;
            mapY[x] = rowBase + alpha * b;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ElasticVerticalV<TF, TB, TW>(ReadOnlySpan<float> hx, ReadOnlySpan<float> hy, ReadOnlySpan<int> rows, ref float k,
        ReadOnlySpan<float> colBase, float rowBase, float alpha, Span<float> mapX, Span<float> mapY)
        where TF : struct where TB : struct where TW : IWidth<TF, TB>
    {
        int v = TW.Count, width = mapX.Length, taps = rows.Length, x = 0;
        ref float sx = ref MemoryMarshal.GetReference(hx);
        ref float sy = ref MemoryMarshal.GetReference(hy);
        ref int rr = ref MemoryMarshal.GetReference(rows);
        ref float cb = ref MemoryMarshal.GetReference(colBase);
        ref float mx = ref MemoryMarshal.GetReference(mapX);
        ref float my = ref MemoryMarshal.GetReference(mapY);
        TF lo = TW.Splat(-1f), hi = TW.Splat(1f), va = TW.Splat(alpha), rb = TW.Splat(rowBase);
        for (; x <= width - 4 * v; x += 4 * v)
        {
            TF a0 = TW.Splat(0f), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            for (int t = 0; t < taps; t++)
            {
                TF w = TW.Splat(Unsafe.Add(ref k, t));
                int o = Unsafe.Add(ref rr, t) + x;
                ref float qx = ref Unsafe.Add(ref sx, o);
                ref float qy = ref Unsafe.Add(ref sy, o);
                a0 = TW.Add(a0, TW.Mul(w, TW.Load(ref qx)));
                a1 = TW.Add(a1, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qx, v))));
                a2 = TW.Add(a2, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qx, 2 * v))));
                a3 = TW.Add(a3, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qx, 3 * v))));
                b0 = TW.Add(b0, TW.Mul(w, TW.Load(ref qy)));
                b1 = TW.Add(b1, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qy, v))));
                b2 = TW.Add(b2, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qy, 2 * v))));
                b3 = TW.Add(b3, TW.Mul(w, TW.Load(ref Unsafe.Add(ref qy, 3 * v))));
            }
            TW.Store(TW.Add(TW.Load(ref Unsafe.Add(ref cb, x)), TW.Mul(va, TW.Min(TW.Max(a0, lo), hi))), ref Unsafe.Add(ref mx, x));
            TW.Store(TW.Add(TW.Load(ref Unsafe.Add(ref cb, x + v)), TW.Mul(va, TW.Min(TW.Max(a1, lo), hi))), ref Unsafe.Add(ref mx, x + v));
            TW.Store(TW.Add(TW.Load(ref Unsafe.Add(ref cb, x + 2 * v)), TW.Mul(va, TW.Min(TW.Max(a2, lo), hi))), ref Unsafe.Add(ref mx, x + 2 * v));
            TW.Store(TW.Add(TW.Load(ref Unsafe.Add(ref cb, x + 3 * v)), TW.Mul(va, TW.Min(TW.Max(a3, lo), hi))), ref Unsafe.Add(ref mx, x + 3 * v));
            TW.Store(TW.Add(rb, TW.Mul(va, TW.Min(TW.Max(b0, lo), hi))), ref Unsafe.Add(ref my, x));
            TW.Store(TW.Add(rb, TW.Mul(va, TW.Min(TW.Max(b1, lo), hi))), ref Unsafe.Add(ref my, x + v));
            TW.Store(TW.Add(rb, TW.Mul(va, TW.Min(TW.Max(b2, lo), hi))), ref Unsafe.Add(ref my, x + 2 * v));
            TW.Store(TW.Add(rb, TW.Mul(va, TW.Min(TW.Max(b3, lo), hi))), ref Unsafe.Add(ref my, x + 3 * v));
        }
        for (; x <= width - 2 * v; x += 2 * v)
        {
            TF a0 = TW.Splat(0f), a1 = a0, b0 = a0, b1 = a0;
            for (int t = 0; t < taps; t++)
            {
                TF w = TW.Splat(Unsafe.Add(ref k, t));
                int o = Unsafe.Add(ref rr, t) + x;
                a0 = TW.Add(a0, TW.Mul(w, TW.Load(ref Unsafe.Add(ref sx, o))));
                a1 = TW.Add(a1, TW.Mul(w, TW.Load(ref Unsafe.Add(ref sx, o + v))));
                b0 = TW.Add(b0, TW.Mul(w, TW.Load(ref Unsafe.Add(ref sy, o))));
                b1 = TW.Add(b1, TW.Mul(w, TW.Load(ref Unsafe.Add(ref sy, o + v))));
            }
            TW.Store(TW.Add(TW.Load(ref Unsafe.Add(ref cb, x)), TW.Mul(va, TW.Min(TW.Max(a0, lo), hi))), ref Unsafe.Add(ref mx, x));
            TW.Store(TW.Add(TW.Load(ref Unsafe.Add(ref cb, x + v)), TW.Mul(va, TW.Min(TW.Max(a1, lo), hi))), ref Unsafe.Add(ref mx, x + v));
            TW.Store(TW.Add(rb, TW.Mul(va, TW.Min(TW.Max(b0, lo), hi))), ref Unsafe.Add(ref my, x));
            TW.Store(TW.Add(rb, TW.Mul(va, TW.Min(TW.Max(b1, lo), hi))), ref Unsafe.Add(ref my, x + v));
        }
        for (; x <= width - v; x += v)
        {
            TF a0 = TW.Splat(0f), b0 = a0;
            for (int t = 0; t < taps; t++)
            {
                TF w = TW.Splat(Unsafe.Add(ref k, t));
                int o = Unsafe.Add(ref rr, t) + x;
                a0 = TW.Add(a0, TW.Mul(w, TW.Load(ref Unsafe.Add(ref sx, o))));
                b0 = TW.Add(b0, TW.Mul(w, TW.Load(ref Unsafe.Add(ref sy, o))));
            }
            TW.Store(TW.Add(TW.Load(ref Unsafe.Add(ref cb, x)), TW.Mul(va, TW.Min(TW.Max(a0, lo), hi))), ref Unsafe.Add(ref mx, x));
            TW.Store(TW.Add(rb, TW.Mul(va, TW.Min(TW.Max(b0, lo), hi))), ref Unsafe.Add(ref my, x));
        }
        return x;
    }
}
