using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
namespace Augment.Native.Kernels;

// SIMD bodies of the element-type conversions (AffineToFloat, AffineToByte) and of the byte colour matrix. Each returns
// how many samples it wrote; the scalar reference loop in ColourKernels.cs does the rest (and everything on the scalar
// path), so the remainder is always the reference's own code. Same bits as the reference on every path:
// - the affine map is the same three float32 operations in the same order, (x - sub) * scale + add, with no fused
//   multiply-add (the intrinsics are explicit), and the matrix rows are (m0 R + m1 G) + m2 B, as there;
// - float to byte: min(255, y) then cvtps2dq, which rounds half to even (the default MXCSR mode .NET never changes),
//   then signed- and unsigned-saturating packs. minps returns its second operand when either is NaN, so a NaN stays
//   NaN, converts to int.MinValue and saturates to 0, as (byte)NaN does in the reference; y >= 255 (inf included)
//   gives 255; anything below -0.5 converts to a negative integer (or int.MinValue) and saturates to 0; the rest is
//   round-half-to-even of y, exactly MathF.Round.
// - byte to float: maxps(lo, y) and minps(hi, ·) equal MathF.Max(y, lo) and MathF.Min(·, hi) except on signed zeros
//   (bytes through a finite affine map cannot give NaN: x - sub is finite, so the worst is +-inf). y is -0 only when
//   add is -0 (a sum is -0 only if both terms are), and the min differs only when hi is -0; those inputs take the
//   scalar path.
public static partial class ColourKernels
{
    private const int PatternLanes = 16 + 4;

    // Lane patterns: element j holds the coefficient of channel j % channels, so a vector starting at element i
    // loads its per-lane coefficients from offset i % channels.
    private static void Pattern(ReadOnlySpan<float> coefficients, int channels, Span<float> p)
    {
        for (int j = 0; j < p.Length; j++) p[j] = coefficients[j % channels];
    }

    private static bool IsNegativeZero(float v) => v == 0f && float.IsNegative(v);

    private static unsafe int AffineToFloatSimd(ReadOnlySpan<byte> src, Span<float> dst, int channels,
        ReadOnlySpan<float> subtract, ReadOnlySpan<float> scale, ReadOnlySpan<float> add, ValueRange range, SimdPath path)
    {
        path = Simd.Resolve(path);
        if (path == SimdPath.Scalar || src.Length < 48 || IsNegativeZero(range.Max)) return 0;
        foreach (float a in add)
            if (IsNegativeZero(a)) return 0;
        Span<float> sub = stackalloc float[PatternLanes], mul = stackalloc float[PatternLanes], plus = stackalloc float[PatternLanes];
        Pattern(subtract, channels, sub); Pattern(scale, channels, mul); Pattern(add, channels, plus);
        bool plain = PlainToFloat(channels, subtract, scale, add, range);
        // The plain map without its addition where every add is +0 (-0 is excluded above) and no scale has its sign bit
        // set: x * mul is then +0 or positive (x >= 0), never -0, and y + (+0) = y bit for bit.
        bool noAdd = plain;
        for (int c = 0; c < channels; c++) noAdd &= add[c] == 0f && !float.IsNegative(scale[c]);
        fixed (byte* s = src)
        fixed (float* d = dst)
        fixed (float* ps = sub, pm = mul, pa = plus)
            return path switch
            {
                SimdPath.Vector512 when Avx512BW.IsSupported => noAdd ? ToFloat512Plain<Scale>(s, d, src.Length, channels, pm, pa)
                    : plain ? ToFloat512Plain<Affine>(s, d, src.Length, channels, pm, pa) : ToFloat512(s, d, src.Length, channels, ps, pm, pa, range.Min, range.Max),
                SimdPath.Vector512 or SimdPath.Vector256 when Avx2.IsSupported => noAdd ? ToFloat256Plain<Scale>(s, d, src.Length, channels, pm, pa)
                    : plain ? ToFloat256Plain<Affine>(s, d, src.Length, channels, pm, pa) : ToFloat256(s, d, src.Length, channels, ps, pm, pa, range.Min, range.Max),
                _ when Sse41.IsSupported => ToFloat128(s, d, src.Length, channels, ps, pm, pa, range.Min, range.Max),
                _ => 0,
            };
    }

    // Whether x * scale + add (no subtraction, no clamps) gives the reference's bits for every byte x: every subtrahend
    // is +-0 (x - +-0 = x for x >= 0, +0 included), and the clamps change nothing. Each of (x - sub), (.) * scale and
    // (.) + add is monotonic in x, rounding included, so each channel's results over the bytes lie between its results
    // for 0 and 255, computed here as the reference computes them; a result is never -0 (the caller has excluded an
    // add of -0, and a sum is -0 only if both terms are), so a clamp to [min, max] that holds for the values holds for
    // the bits.
    private static bool PlainToFloat(int channels, ReadOnlySpan<float> subtract, ReadOnlySpan<float> scale, ReadOnlySpan<float> add, ValueRange range)
    {
        for (int c = 0; c < channels; c++)
        {
            if (subtract[c] != 0f) return false;
            float y0 = (0f - subtract[c]) * scale[c] + add[c], y1 = (255f - subtract[c]) * scale[c] + add[c];
            if (!(Math.Min(y0, y1) >= range.Min && Math.Max(y0, y1) <= range.Max)) return false;
        }
        return true;
    }

    // The plain map x * mul + add, as ToFloat256 without its subtraction and clamps (see PlainToFloat); with TMap = Scale
    // x * mul alone (every add +0, see AffineToFloatSimd): a quarter of the vector work of each output vector.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int ToFloat256Plain<TMap>(byte* s, float* d, int n, int channels, float* mul, float* add) where TMap : struct, IByteMap
    {
        const int N = 8;
        var m0 = Avx.LoadVector256(mul); var a0 = Avx.LoadVector256(add);
        int o1 = N % channels, o2 = 2 * N % channels;
        var m1 = Avx.LoadVector256(mul + o1); var a1 = Avx.LoadVector256(add + o1);
        var m2 = Avx.LoadVector256(mul + o2); var a2 = Avx.LoadVector256(add + o2);
        int i = 0;
        for (; i <= n - 3 * N; i += 3 * N)
        {
            var x0 = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(s + i));
            var x1 = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(s + i + N));
            var x2 = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(s + i + 2 * N));
            Avx.Store(d + i, TMap.Full ? Avx.Add(Avx.Multiply(x0, m0), a0) : Avx.Multiply(x0, m0));
            Avx.Store(d + i + N, TMap.Full ? Avx.Add(Avx.Multiply(x1, m1), a1) : Avx.Multiply(x1, m1));
            Avx.Store(d + i + 2 * N, TMap.Full ? Avx.Add(Avx.Multiply(x2, m2), a2) : Avx.Multiply(x2, m2));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int ToFloat512Plain<TMap>(byte* s, float* d, int n, int channels, float* mul, float* add) where TMap : struct, IByteMap
    {
        const int N = 16;
        var m0 = Avx512F.LoadVector512(mul); var a0 = Avx512F.LoadVector512(add);
        int o1 = N % channels, o2 = 2 * N % channels;
        var m1 = Avx512F.LoadVector512(mul + o1); var a1 = Avx512F.LoadVector512(add + o1);
        var m2 = Avx512F.LoadVector512(mul + o2); var a2 = Avx512F.LoadVector512(add + o2);
        int i = 0;
        for (; i <= n - 3 * N; i += 3 * N)
        {
            var x0 = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(s + i)));
            var x1 = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(s + i + N)));
            var x2 = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(s + i + 2 * N)));
            Avx512F.Store(d + i, TMap.Full ? Avx512F.Add(Avx512F.Multiply(x0, m0), a0) : Avx512F.Multiply(x0, m0));
            Avx512F.Store(d + i + N, TMap.Full ? Avx512F.Add(Avx512F.Multiply(x1, m1), a1) : Avx512F.Multiply(x1, m1));
            Avx512F.Store(d + i + 2 * N, TMap.Full ? Avx512F.Add(Avx512F.Multiply(x2, m2), a2) : Avx512F.Multiply(x2, m2));
        }
        return i;
    }

    // Three vectors per step: 3N samples start at a multiple of the channel count (N is a multiple of 4), so vector k
    // of a step always starts at phase (k N) % channels and its coefficients stay in registers.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int ToFloat256(byte* s, float* d, int n, int channels, float* sub, float* mul, float* add, float lo, float hi)
    {
        const int N = 8;
        var s0 = Avx.LoadVector256(sub); var m0 = Avx.LoadVector256(mul); var a0 = Avx.LoadVector256(add);
        int o1 = N % channels, o2 = 2 * N % channels;
        var s1 = Avx.LoadVector256(sub + o1); var m1 = Avx.LoadVector256(mul + o1); var a1 = Avx.LoadVector256(add + o1);
        var s2 = Avx.LoadVector256(sub + o2); var m2 = Avx.LoadVector256(mul + o2); var a2 = Avx.LoadVector256(add + o2);
        var vlo = Vector256.Create(lo); var vhi = Vector256.Create(hi);
        int i = 0;
        for (; i <= n - 3 * N; i += 3 * N)
        {
            var x0 = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(s + i));
            var x1 = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(s + i + N));
            var x2 = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(s + i + 2 * N));
            Avx.Store(d + i, Avx.Min(vhi, Avx.Max(vlo, Avx.Add(Avx.Multiply(Avx.Subtract(x0, s0), m0), a0))));
            Avx.Store(d + i + N, Avx.Min(vhi, Avx.Max(vlo, Avx.Add(Avx.Multiply(Avx.Subtract(x1, s1), m1), a1))));
            Avx.Store(d + i + 2 * N, Avx.Min(vhi, Avx.Max(vlo, Avx.Add(Avx.Multiply(Avx.Subtract(x2, s2), m2), a2))));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int ToFloat512(byte* s, float* d, int n, int channels, float* sub, float* mul, float* add, float lo, float hi)
    {
        const int N = 16;
        var s0 = Avx512F.LoadVector512(sub); var m0 = Avx512F.LoadVector512(mul); var a0 = Avx512F.LoadVector512(add);
        int o1 = N % channels, o2 = 2 * N % channels;
        var s1 = Avx512F.LoadVector512(sub + o1); var m1 = Avx512F.LoadVector512(mul + o1); var a1 = Avx512F.LoadVector512(add + o1);
        var s2 = Avx512F.LoadVector512(sub + o2); var m2 = Avx512F.LoadVector512(mul + o2); var a2 = Avx512F.LoadVector512(add + o2);
        var vlo = Vector512.Create(lo); var vhi = Vector512.Create(hi);
        int i = 0;
        for (; i <= n - 3 * N; i += 3 * N)
        {
            var x0 = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(s + i)));
            var x1 = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(s + i + N)));
            var x2 = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Sse2.LoadVector128(s + i + 2 * N)));
            Avx512F.Store(d + i, Avx512F.Min(vhi, Avx512F.Max(vlo, Avx512F.Add(Avx512F.Multiply(Avx512F.Subtract(x0, s0), m0), a0))));
            Avx512F.Store(d + i + N, Avx512F.Min(vhi, Avx512F.Max(vlo, Avx512F.Add(Avx512F.Multiply(Avx512F.Subtract(x1, s1), m1), a1))));
            Avx512F.Store(d + i + 2 * N, Avx512F.Min(vhi, Avx512F.Max(vlo, Avx512F.Add(Avx512F.Multiply(Avx512F.Subtract(x2, s2), m2), a2))));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int ToFloat128(byte* s, float* d, int n, int channels, float* sub, float* mul, float* add, float lo, float hi)
    {
        const int N = 4;
        var s0 = Sse.LoadVector128(sub); var m0 = Sse.LoadVector128(mul); var a0 = Sse.LoadVector128(add);
        int o1 = N % channels, o2 = 2 * N % channels;
        var s1 = Sse.LoadVector128(sub + o1); var m1 = Sse.LoadVector128(mul + o1); var a1 = Sse.LoadVector128(add + o1);
        var s2 = Sse.LoadVector128(sub + o2); var m2 = Sse.LoadVector128(mul + o2); var a2 = Sse.LoadVector128(add + o2);
        var vlo = Vector128.Create(lo); var vhi = Vector128.Create(hi);
        int i = 0;
        for (; i <= n - 3 * N; i += 3 * N)
        {
            var x0 = Sse2.ConvertToVector128Single(Sse41.ConvertToVector128Int32(s + i));
            var x1 = Sse2.ConvertToVector128Single(Sse41.ConvertToVector128Int32(s + i + N));
            var x2 = Sse2.ConvertToVector128Single(Sse41.ConvertToVector128Int32(s + i + 2 * N));
            Sse.Store(d + i, Sse.Min(vhi, Sse.Max(vlo, Sse.Add(Sse.Multiply(Sse.Subtract(x0, s0), m0), a0))));
            Sse.Store(d + i + N, Sse.Min(vhi, Sse.Max(vlo, Sse.Add(Sse.Multiply(Sse.Subtract(x1, s1), m1), a1))));
            Sse.Store(d + i + 2 * N, Sse.Min(vhi, Sse.Max(vlo, Sse.Add(Sse.Multiply(Sse.Subtract(x2, s2), m2), a2))));
        }
        return i;
    }

    private static unsafe int AffineToByteSimd(ReadOnlySpan<float> src, Span<byte> dst, int channels,
        ReadOnlySpan<float> subtract, ReadOnlySpan<float> scale, ReadOnlySpan<float> add, SimdPath path)
    {
        path = Simd.Resolve(path);
        if (path == SimdPath.Scalar || src.Length < 48) return 0;
        Span<float> sub = stackalloc float[PatternLanes], mul = stackalloc float[PatternLanes], plus = stackalloc float[PatternLanes];
        Pattern(subtract, channels, sub); Pattern(scale, channels, mul); Pattern(add, channels, plus);
        // No subtraction and no addition where every sub and add is +-0: they can change only the sign of a zero (x - 0
        // and y + 0 are x and y otherwise, NaN stays NaN), and +0 and -0 both convert to the byte 0.
        bool plain = true;
        for (int c = 0; c < channels; c++) plain &= subtract[c] == 0f && add[c] == 0f;
        fixed (float* s = src)
        fixed (byte* d = dst)
        fixed (float* ps = sub, pm = mul, pa = plus)
            return path switch
            {
                SimdPath.Vector512 when Avx512BW.IsSupported => plain ? ToByte512<Scale>(s, d, src.Length, channels, ps, pm, pa) : ToByte512<Affine>(s, d, src.Length, channels, ps, pm, pa),
                SimdPath.Vector512 or SimdPath.Vector256 when Avx2.IsSupported => plain ? ToByte256<Scale>(s, d, src.Length, channels, ps, pm, pa) : ToByte256<Affine>(s, d, src.Length, channels, ps, pm, pa),
                _ when Sse41.IsSupported => ToByte128(s, d, src.Length, channels, ps, pm, pa),
                _ => 0,
            };
    }

    // Twelve vectors per step (three groups of four, each group one byte store): vector k of a step starts at phase
    // (k N) % channels, so its coefficient set is k % 3.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int ToByte256<TMap>(float* s, byte* d, int n, int channels, float* sub, float* mul, float* add) where TMap : struct, IByteMap
    {
        const int N = 8;
        var s0 = Avx.LoadVector256(sub); var m0 = Avx.LoadVector256(mul); var a0 = Avx.LoadVector256(add);
        int o1 = N % channels, o2 = 2 * N % channels;
        var s1 = Avx.LoadVector256(sub + o1); var m1 = Avx.LoadVector256(mul + o1); var a1 = Avx.LoadVector256(add + o1);
        var s2 = Avx.LoadVector256(sub + o2); var m2 = Avx.LoadVector256(mul + o2); var a2 = Avx.LoadVector256(add + o2);
        var top = Vector256.Create(255f);
        var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        int i = 0;
        for (; i <= n - 12 * N; i += 12 * N)
        {
            float* p = s + i;
            Pack256(Y256<TMap>(p, s0, m0, a0, top), Y256<TMap>(p + N, s1, m1, a1, top), Y256<TMap>(p + 2 * N, s2, m2, a2, top), Y256<TMap>(p + 3 * N, s0, m0, a0, top), order, d + i);
            p += 4 * N;
            Pack256(Y256<TMap>(p, s1, m1, a1, top), Y256<TMap>(p + N, s2, m2, a2, top), Y256<TMap>(p + 2 * N, s0, m0, a0, top), Y256<TMap>(p + 3 * N, s1, m1, a1, top), order, d + i + 4 * N);
            p += 4 * N;
            Pack256(Y256<TMap>(p, s2, m2, a2, top), Y256<TMap>(p + N, s0, m0, a0, top), Y256<TMap>(p + 2 * N, s1, m1, a1, top), Y256<TMap>(p + 3 * N, s2, m2, a2, top), order, d + i + 8 * N);
        }
        return i;
    }

    // min(255, (x - sub) * mul + add), rounded half to even into int32 lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<int> Y256<TMap>(float* p, Vector256<float> sub, Vector256<float> mul, Vector256<float> add, Vector256<float> top)
        where TMap : struct, IByteMap =>
        Avx.ConvertToVector256Int32(Avx.Min(top, TMap.Full
            ? Avx.Add(Avx.Multiply(Avx.Subtract(Avx.LoadVector256(p), sub), mul), add)
            : Avx.Multiply(Avx.LoadVector256(p), mul)));

    // The float-to-byte map's form, fixed per instantiation: the full affine map, or the scale alone (see AffineToByteSimd).
    private interface IByteMap { static abstract bool Full { get; } }
    private struct Affine : IByteMap { public static bool Full => true; }
    private struct Scale : IByteMap { public static bool Full => false; }

    // Four int32 vectors, saturated to bytes, in lane order: the in-lane packs leave dwords (0 lo, 1 lo, 2 lo, 3 lo,
    // 0 hi, 1 hi, 2 hi, 3 hi), and one dword permute restores the order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Pack256(Vector256<int> a, Vector256<int> b, Vector256<int> c, Vector256<int> e, Vector256<int> order, byte* d)
    {
        var bytes = Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(a, b), Avx2.PackSignedSaturate(c, e));
        Avx.Store(d, Avx2.PermuteVar8x32(bytes.AsInt32(), order).AsByte());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int ToByte512<TMap>(float* s, byte* d, int n, int channels, float* sub, float* mul, float* add) where TMap : struct, IByteMap
    {
        const int N = 16;
        var s0 = Avx512F.LoadVector512(sub); var m0 = Avx512F.LoadVector512(mul); var a0 = Avx512F.LoadVector512(add);
        int o1 = N % channels, o2 = 2 * N % channels;
        var s1 = Avx512F.LoadVector512(sub + o1); var m1 = Avx512F.LoadVector512(mul + o1); var a1 = Avx512F.LoadVector512(add + o1);
        var s2 = Avx512F.LoadVector512(sub + o2); var m2 = Avx512F.LoadVector512(mul + o2); var a2 = Avx512F.LoadVector512(add + o2);
        var top = Vector512.Create(255f);
        var order = Vector512.Create(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
        int i = 0;
        for (; i <= n - 12 * N; i += 12 * N)
        {
            float* p = s + i;
            Pack512(Y512<TMap>(p, s0, m0, a0, top), Y512<TMap>(p + N, s1, m1, a1, top), Y512<TMap>(p + 2 * N, s2, m2, a2, top), Y512<TMap>(p + 3 * N, s0, m0, a0, top), order, d + i);
            p += 4 * N;
            Pack512(Y512<TMap>(p, s1, m1, a1, top), Y512<TMap>(p + N, s2, m2, a2, top), Y512<TMap>(p + 2 * N, s0, m0, a0, top), Y512<TMap>(p + 3 * N, s1, m1, a1, top), order, d + i + 4 * N);
            p += 4 * N;
            Pack512(Y512<TMap>(p, s2, m2, a2, top), Y512<TMap>(p + N, s0, m0, a0, top), Y512<TMap>(p + 2 * N, s1, m1, a1, top), Y512<TMap>(p + 3 * N, s2, m2, a2, top), order, d + i + 8 * N);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<int> Y512<TMap>(float* p, Vector512<float> sub, Vector512<float> mul, Vector512<float> add, Vector512<float> top)
        where TMap : struct, IByteMap =>
        Avx512F.ConvertToVector512Int32(Avx512F.Min(top, TMap.Full
            ? Avx512F.Add(Avx512F.Multiply(Avx512F.Subtract(Avx512F.LoadVector512(p), sub), mul), add)
            : Avx512F.Multiply(Avx512F.LoadVector512(p), mul)));

    // The packs work per 128-bit lane: lane l of the result holds lane l of a, b, c, e as dwords 4l .. 4l + 3; the
    // permute puts vector k's lane l at dword 4k + l.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Pack512(Vector512<int> a, Vector512<int> b, Vector512<int> c, Vector512<int> e, Vector512<int> order, byte* d)
    {
        var bytes = Avx512BW.PackUnsignedSaturate(Avx512BW.PackSignedSaturate(a, b), Avx512BW.PackSignedSaturate(c, e));
        Avx512F.Store(d, Avx512F.PermuteVar16x32(bytes.AsInt32(), order).AsByte());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int ToByte128(float* s, byte* d, int n, int channels, float* sub, float* mul, float* add)
    {
        const int N = 4;
        var s0 = Sse.LoadVector128(sub); var m0 = Sse.LoadVector128(mul); var a0 = Sse.LoadVector128(add);
        int o1 = N % channels, o2 = 2 * N % channels;
        var s1 = Sse.LoadVector128(sub + o1); var m1 = Sse.LoadVector128(mul + o1); var a1 = Sse.LoadVector128(add + o1);
        var s2 = Sse.LoadVector128(sub + o2); var m2 = Sse.LoadVector128(mul + o2); var a2 = Sse.LoadVector128(add + o2);
        var top = Vector128.Create(255f);
        int i = 0;
        for (; i <= n - 12 * N; i += 12 * N)
        {
            float* p = s + i;
            Pack128(Y128(p, s0, m0, a0, top), Y128(p + N, s1, m1, a1, top), Y128(p + 2 * N, s2, m2, a2, top), Y128(p + 3 * N, s0, m0, a0, top), d + i);
            p += 4 * N;
            Pack128(Y128(p, s1, m1, a1, top), Y128(p + N, s2, m2, a2, top), Y128(p + 2 * N, s0, m0, a0, top), Y128(p + 3 * N, s1, m1, a1, top), d + i + 4 * N);
            p += 4 * N;
            Pack128(Y128(p, s2, m2, a2, top), Y128(p + N, s0, m0, a0, top), Y128(p + 2 * N, s1, m1, a1, top), Y128(p + 3 * N, s2, m2, a2, top), d + i + 8 * N);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector128<int> Y128(float* p, Vector128<float> sub, Vector128<float> mul, Vector128<float> add, Vector128<float> top) =>
        Sse2.ConvertToVector128Int32(Sse.Min(top, Sse.Add(Sse.Multiply(Sse.Subtract(Sse.LoadVector128(p), sub), mul), add)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Pack128(Vector128<int> a, Vector128<int> b, Vector128<int> c, Vector128<int> e, byte* d) =>
        Sse2.Store(d, Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(a, b), Sse2.PackSignedSaturate(c, e)));
}
