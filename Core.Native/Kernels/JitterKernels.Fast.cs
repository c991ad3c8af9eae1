using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// The vector body of the byte <c>ColorJitter</c> on 3- and 4-channel images. Every stage of the scalar reference
/// truncates its float32 result to a byte, so the stages chain on integer-valued float lanes: each chunk of up to 256
/// pixels is split into R, G and B with <see cref="GrayKernels"/>' <c>pshufb</c> masks, widened to float32 planes at
/// the widest width the CPU runs, put through each stage in turn (one loop per stage over the planes) with the
/// stage's float operations in the reference's order (branches as lane selects, the hue's
/// <c>% 1</c> as one exact masked subtraction, since its argument lies in (-1, 2)), truncated and clamped as the
/// reference's cast, and interleaved back once at the end. Contrast needs the mean of the image as it stands, so the
/// stages before it run as one pass that also sums <c>floor(gray)</c> of its output (integers, exact in float lanes
/// and a long, as the reference's double sum), and the stages from contrast on as a second pass. Pixels after the last
/// whole block of 16 run the reference's per-pixel formulas.
/// </summary>
public static partial class JitterKernels
{
    private readonly struct Plan
    {
        public readonly int S0, S1, S2, S3, Count;
        public readonly float Brightness, Contrast, ContrastAdd, Saturation, Hue;

        public Plan(ReadOnlySpan<int> stages, float brightness, float contrast, float contrastAdd, float saturation, float hue)
        {
            Count = stages.Length;
            S0 = Count > 0 ? stages[0] : -1;
            S1 = Count > 1 ? stages[1] : -1;
            S2 = Count > 2 ? stages[2] : -1;
            S3 = Count > 3 ? stages[3] : -1;
            Brightness = brightness; Contrast = contrast; ContrastAdd = contrastAdd; Saturation = saturation; Hue = hue;
        }

        public int Stage(int k) => k switch { 0 => S0, 1 => S1, 2 => S2, _ => S3 };
    }

    /// <summary>The byte fast path; <paramref name="width"/> from <see cref="GrayKernels.Width"/>, channels 3 or 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ColorJitterFast(ReadOnlySpan<byte> src, Span<byte> dst, int channels, ReadOnlySpan<int> order,
        float brightness, float contrast, float saturation, float hue, SimdPath width)
    {
        Span<int> active = stackalloc int[Stages];
        int count = 0, contrastAt = -1;
        foreach (int stage in order)
        {
            bool on = stage switch { 0 => brightness != 1f, 1 => contrast != 1f, 2 => saturation != 1f, _ => hue != 0f };
            if (!on) continue;
            if (stage == 1) contrastAt = count;
            active[count++] = stage;
        }
        int n = src.Length / channels;
        if (count == 0)
        {
            src.CopyTo(dst);
            return;
        }
        if (contrastAt < 0)
        {
            Pass(src, dst, channels, new Plan(active[..count], brightness, contrast, 0f, saturation, hue), false, width);
            return;
        }
        long sum;
        bool fromSrc = contrastAt == 0;
        if (fromSrc) sum = Pass(src, default, channels, new Plan(default, 0f, 0f, 0f, 0f, 0f), true, width);
        else sum = Pass(src, dst, channels, new Plan(active[..contrastAt], brightness, contrast, 0f, saturation, hue), true, width);
        float mean = (float)((double)sum / n);
        float add = mean * (1f - contrast);
        var rest = new Plan(active[contrastAt..count], brightness, contrast, add, saturation, hue);
        if (fromSrc) Pass(src, dst, channels, rest, false, width);
        else Pass(dst, dst, channels, rest, false, width);
    }

    /// <summary>Runs <paramref name="plan"/>'s stages from <paramref name="src"/> into <paramref name="dst"/> (which may
    /// be the same span, or empty when only the sum is wanted); with <paramref name="sum"/>, returns the sum over the
    /// output of <c>floor(0.2989 r + 0.587 g + 0.114 b)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Pass(ReadOnlySpan<byte> src, Span<byte> dst, int channels, in Plan plan, bool sum, SimdPath width)
    {
        int n = src.Length / channels;
        bool write = !dst.IsEmpty;
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref write ? ref MemoryMarshal.GetReference(dst) : ref Unsafe.NullRef<byte>();
        long total = 0;
        int done = width switch
        {
            SimdPath.Vector512 => Loop<Vector512<float>, J512>(ref s, ref d, n, channels, plan, sum, write, ref total),
            SimdPath.Vector256 => Loop<Vector256<float>, J256>(ref s, ref d, n, channels, plan, sum, write, ref total),
            _ => Loop<Vector128<float>, J128>(ref s, ref d, n, channels, plan, sum, write, ref total),
        };
        double tail = 0;
        for (int i = done; i < n; i++)
        {
            int o = i * channels;
            float r = src[o], g = src[o + 1], b = src[o + 2];
            for (int k = 0; k < plan.Count; k++) ScalarStage(plan.Stage(k), ref r, ref g, ref b, plan);
            if (sum) tail += MathF.Floor(Gray(r, g, b));
            if (write)
            {
                dst[o] = (byte)r; dst[o + 1] = (byte)g; dst[o + 2] = (byte)b;
                if (channels == 4) dst[o + 3] = src[o + 3];
            }
        }
        return total + (long)tail;
    }

    /// <summary>One stage of the byte reference on one pixel whose values are integers in [0, 255] held as floats.</summary>
    private static void ScalarStage(int stage, ref float r, ref float g, ref float b, in Plan p)
    {
        static float Trunc(float v) => (byte)MathF.Min(MathF.Max(v, 0f), 255f);
        switch (stage)
        {
            case 0:
                r = Trunc(r * p.Brightness); g = Trunc(g * p.Brightness); b = Trunc(b * p.Brightness);
                break;
            case 1:
                r = Trunc(r * p.Contrast + p.ContrastAdd); g = Trunc(g * p.Contrast + p.ContrastAdd); b = Trunc(b * p.Contrast + p.ContrastAdd);
                break;
            case 2:
            {
                float add = MathF.Floor(Gray(r, g, b)) * (1f - p.Saturation);
                r = Trunc(r * p.Saturation + add); g = Trunc(g * p.Saturation + add); b = Trunc(b * p.Saturation + add);
                break;
            }
            default:
            {
                float rf = r / 255f, gf = g / 255f, bf = b / 255f;
                HueShift(ref rf, ref gf, ref bf, p.Hue);
                r = Trunc(rf * 255.999f); g = Trunc(gf * 255.999f); b = Trunc(bf * 255.999f);
                break;
            }
        }
    }

    /// <summary>For the tests: <c>x / 255f</c> by the lanes' <c>Div255</c> at the width <paramref name="path"/> runs
    /// (<see cref="GrayKernels.Width"/>; a division when it is scalar), over a length that is a multiple of 16.</summary>
    internal static unsafe void Div255Lanes(ReadOnlySpan<float> x, Span<float> q, SimdPath path)
    {
        fixed (float* xp = x, qp = q)
            for (int i = 0; i + 16 <= x.Length; i += 16)
                switch (GrayKernels.Width(path))
                {
                    case SimdPath.Vector512: J512.Store(J512.Div255(J512.Load(xp + i)), qp + i); break;
                    case SimdPath.Vector256:
                        for (int k = 0; k < 16; k += 8) J256.Store(J256.Div255(J256.Load(xp + i + k)), qp + i + k);
                        break;
                    case SimdPath.Vector128:
                        for (int k = 0; k < 16; k += 4) J128.Store(J128.Div255(J128.Load(xp + i + k)), qp + i + k);
                        break;
                    default:
                        for (int k = 0; k < 16; k++) qp[i + k] = xp[i + k] / 255f;
                        break;
                }
    }

    /// <summary>Pixels per chunk: the chunk's R, G and B are widened once into three float planes on the stack (3 KiB,
    /// in L1), each stage then runs over the planes in its own tight loop (<see cref="Over"/>), and the planes are
    /// narrowed and interleaved once; so the stage order is dispatched once a chunk instead of once a block, and each
    /// stage's loop keeps its constants in registers.</summary>
    private const int Chunk = 256;

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Loop<TF, TV>(ref byte s, ref byte d, int pixels, int sc, in Plan plan, bool sum, bool write, ref long total)
        where TF : struct where TV : IJit<TF>
    {
        var split = RgbLanes.SplitMasks(sc);
        var join = RgbLanes.JoinMasks(sc);
        float* planes = stackalloc float[3 * Chunk];
        float* rp = planes, gp = planes + Chunk, bp = planes + 2 * Chunk;
        int whole = pixels & ~15;
        for (int p0 = 0; p0 < whole; p0 += Chunk)
        {
            int n = Math.Min(Chunk, whole - p0);
            for (int i = 0; i < n; i += 16)
            {
                RgbLanes.Split(ref Unsafe.Add(ref s, (p0 + i) * sc), sc, split, out var r, out var g, out var b);
                TV.Widen16(r, rp + i); TV.Widen16(g, gp + i); TV.Widen16(b, bp + i);
            }
            for (int k = 0; k < plan.Count; k++)
            {
                switch (plan.Stage(k))
                {
                    case 0: Over<TF, TV, BrightnessStage>(rp, gp, bp, n, plan); break;
                    case 1: Over<TF, TV, ContrastStage>(rp, gp, bp, n, plan); break;
                    case 2: Over<TF, TV, SaturationStage>(rp, gp, bp, n, plan); break;
                    default: HueOver<TF, TV>(rp, gp, bp, n, plan.Hue); break;
                }
            }
            if (sum)
            {
                // Whole numbers, at most 255 * Chunk a lane: exact in float lanes and in their sum.
                TF acc = TV.Splat(0f);
                for (int i = 0; i < n; i += TV.Lanes) acc = TV.Add(acc, FloorGray<TF, TV>(TV.Load(rp + i), TV.Load(gp + i), TV.Load(bp + i)));
                total += (long)TV.SumLanes(acc);
            }
            if (!write) continue;
            for (int i = 0; i < n; i += 16)
                RgbLanes.Join(TV.Narrow16(rp + i), TV.Narrow16(gp + i), TV.Narrow16(bp + i), sc, join,
                              ref Unsafe.Add(ref d, (p0 + i) * sc), ref Unsafe.Add(ref s, (p0 + i) * sc));
        }
        return whole;
    }

    /// <summary>One stage over <paramref name="n"/> pixels of the planes, in place.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Over<TF, TV, TS>(float* rp, float* gp, float* bp, int n, in Plan p)
        where TF : struct where TV : IJit<TF> where TS : IStage
    {
        for (int i = 0; i < n; i += TV.Lanes)
        {
            TF r = TV.Load(rp + i), g = TV.Load(gp + i), b = TV.Load(bp + i);
            TS.Apply<TF, TV>(ref r, ref g, ref b, p);
            TV.Store(r, rp + i); TV.Store(g, gp + i); TV.Store(b, bp + i);
        }
    }

    /// <summary>A stage on integer-valued float lanes, as the reference's float32 operations in its order, ending in
    /// the reference's truncating cast (clamp to [0, 255], then toward zero).</summary>
    private interface IStage
    {
        static abstract void Apply<TF, TV>(ref TF r, ref TF g, ref TF b, in Plan p) where TF : struct where TV : IJit<TF>;
    }

    private readonly struct BrightnessStage : IStage
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TF, TV>(ref TF r, ref TF g, ref TF b, in Plan p) where TF : struct where TV : IJit<TF>
        {
            TF f = TV.Splat(p.Brightness);
            r = T<TF, TV>(TV.Mul(r, f)); g = T<TF, TV>(TV.Mul(g, f)); b = T<TF, TV>(TV.Mul(b, f));
        }
    }

    private readonly struct ContrastStage : IStage
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TF, TV>(ref TF r, ref TF g, ref TF b, in Plan p) where TF : struct where TV : IJit<TF>
        {
            TF f = TV.Splat(p.Contrast), a = TV.Splat(p.ContrastAdd);
            r = T<TF, TV>(TV.Add(TV.Mul(r, f), a)); g = T<TF, TV>(TV.Add(TV.Mul(g, f), a)); b = T<TF, TV>(TV.Add(TV.Mul(b, f), a));
        }
    }

    private readonly struct SaturationStage : IStage
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TF, TV>(ref TF r, ref TF g, ref TF b, in Plan p) where TF : struct where TV : IJit<TF>
        {
            TF f = TV.Splat(p.Saturation);
            TF a = TV.Mul(FloorGray<TF, TV>(r, g, b), TV.Splat(1f - p.Saturation));
            r = T<TF, TV>(TV.Add(TV.Mul(r, f), a)); g = T<TF, TV>(TV.Add(TV.Mul(g, f), a)); b = T<TF, TV>(TV.Add(TV.Mul(b, f), a));
        }
    }

    /// <summary><c>(byte)min(max(v, 0), 255)</c> as a float lane. The lanes' Min and Max are the native <c>minps</c>/<c>maxps</c>
    /// (the IEEE ones cost several instructions on AVX2): they differ only for NaN, which never occurs here, and in the
    /// sign of a zero, which the truncation to a byte drops (max(-0, +0) gives +0, the second operand).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static TF T<TF, TV>(TF v) where TF : struct where TV : IJit<TF> =>
        TV.Truncate(TV.Min(TV.Max(v, TV.Splat(0f)), TV.Splat(255f)));

    /// <summary><c>floor(Gray(r, g, b))</c>; the gray is never negative here, so floor is truncation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static TF FloorGray<TF, TV>(TF r, TF g, TF b) where TF : struct where TV : IJit<TF> =>
        TV.Truncate(TV.Add(TV.Add(TV.Mul(r, TV.Splat(0.2989f)), TV.Mul(g, TV.Splat(0.587f))), TV.Mul(b, TV.Splat(0.114f))));

    /// <summary>The byte hue stage over <paramref name="n"/> pixels of the planes, in place: <c>x / 255</c>,
    /// <see cref="HueShift"/>, <c>x 255.999</c> truncated. The loop is in this method (a call per chunk), so the large
    /// body needs no inlining.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe void HueOver<TF, TV>(float* rp, float* gp, float* bp, int n, float delta) where TF : struct where TV : IJit<TF>
    {
        TF zero = TV.Splat(0f), one = TV.Splat(1f), six = TV.Splat(6f);
        for (int j = 0; j < n; j += TV.Lanes)
        {
            TF r8 = TV.Load(rp + j), g8 = TV.Load(gp + j), b8 = TV.Load(bp + j);
            // x / 255 on whole numbers 0..255 as q = x (1/255), then q + (x - 255 q) (1/255), both steps fused (the
            // residual x - 255 q is exact): the correctly rounded quotient for each of the 256 values (checked for all of
            // them by the tests); a division where the CPU has no FMA.
            TF r = TV.Div255(r8), g = TV.Div255(g8), b = TV.Div255(b8);
            TF maxc = TV.Max(r, TV.Max(g, b)), minc = TV.Min(r, TV.Min(g, b));
            TF eqc = TV.Eq(maxc, minc);
            TF range = TV.Sub(maxc, minc);
            TF s = TV.Div(range, TV.Select(eqc, one, maxc));
            TF div = TV.Select(eqc, one, range);
            // The reference's h is bc - gc, 2 + rc - bc or 4 + gc - rc (xc = (maxc - x) / div): (base + X) - Y with the two
            // quotients the taken branch reads (0 + X is X exactly), so two divisions instead of three.
            TF isR = TV.Eq(maxc, r), isG = TV.Eq(maxc, g);
            TF nx = TV.Select(isR, b, TV.Select(isG, r, g)), ny = TV.Select(isR, g, TV.Select(isG, b, r));
            TF hx = TV.Div(TV.Sub(maxc, nx), div), hy = TV.Div(TV.Sub(maxc, ny), div);
            TF hbase = TV.Select(isR, zero, TV.Select(isG, TV.Splat(2f), TV.Splat(4f)));
            TF h = TV.Sub(TV.Add(hbase, hx), hy);
            // h in [-1, 5], so h / 6 + 1 lies in (0, 2): % 1 subtracts 1 at most once, exactly (Sterbenz).
            h = TV.Add(TV.Mul(h, TV.Splat(1f / 6f)), one);
            h = TV.Select(TV.Ge(h, one), TV.Sub(h, one), h);
            // h in [0, 1) and delta in [-0.5, 0.5]: h + delta lies in [-0.5, 1.5); % 1 keeps the sign of the dividend.
            h = TV.Add(h, TV.Splat(delta));
            h = TV.Select(TV.Ge(h, one), TV.Sub(h, one), h);
            h = TV.Select(TV.Lt(h, zero), TV.Add(h, one), h);
            TF v = maxc;
            TF h6 = TV.Mul(h, six);
            TF fi = TV.Truncate(h6); // h6 in [0, 6] (or -0): floor is truncation
            TF f = TV.Sub(h6, fi);
            TF i = TV.Select(TV.Eq(fi, six), zero, fi); // ((int)fi % 6 + 6) % 6 for fi in 0..6
            TF sxf = TV.Mul(s, f);
            TF oneMinusS = TV.Sub(one, s);
            TF q = TV.Min(TV.Max(TV.Mul(TV.Sub(one, sxf), v), zero), one);
            TF t = TV.Min(TV.Max(TV.Mul(TV.Add(sxf, oneMinusS), v), zero), one);
            TF pp = TV.Min(TV.Max(TV.Mul(oneMinusS, v), zero), one);
            TF i0 = TV.Eq(i, zero), i1 = TV.Eq(i, one), i2 = TV.Eq(i, TV.Splat(2f)), i3 = TV.Eq(i, TV.Splat(3f)),
               i4 = TV.Eq(i, TV.Splat(4f));
            // i: 0 (v, t, p), 1 (q, v, p), 2 (p, v, t), 3 (p, q, v), 4 (t, p, v), 5 (v, p, q)
            TF ro = TV.Select(i1, q, TV.Select(TV.Or(i2, i3), pp, TV.Select(i4, t, v)));
            TF go = TV.Select(i0, t, TV.Select(TV.Or(i1, i2), v, TV.Select(i3, q, pp)));
            TF bo = TV.Select(TV.Or(i0, i1), pp, TV.Select(i2, t, TV.Select(TV.Or(i3, i4), v, q)));
            TF k = TV.Splat(255.999f);
            TV.Store(T<TF, TV>(TV.Mul(ro, k)), rp + j); TV.Store(T<TF, TV>(TV.Mul(go, k)), gp + j); TV.Store(T<TF, TV>(TV.Mul(bo, k)), bp + j);
        }
    }

    private interface IJit<TF> where TF : struct
    {
        static abstract TF Splat(float x);
        static abstract TF Add(TF a, TF b);
        static abstract TF Sub(TF a, TF b);
        static abstract TF Mul(TF a, TF b);
        static abstract TF Div(TF a, TF b);
        /// <summary><c>a / 255f</c> for lanes holding whole numbers 0 to 255.</summary>
        static abstract TF Div255(TF a);
        static abstract TF Min(TF a, TF b);
        static abstract TF Max(TF a, TF b);
        static abstract TF Truncate(TF a);
        static abstract TF Lt(TF a, TF b);
        static abstract TF Ge(TF a, TF b);
        static abstract TF Eq(TF a, TF b);
        static abstract TF Or(TF a, TF b);
        static abstract TF Select(TF mask, TF a, TF b);
        /// <summary>The sum of the lanes, integers small enough to be exact.</summary>
        static abstract float SumLanes(TF a);
        /// <summary>Floats per vector.</summary>
        static abstract int Lanes { get; }
        static abstract unsafe TF Load(float* p);
        static abstract unsafe void Store(TF v, float* p);
        /// <summary>16 bytes widened to 16 floats at <paramref name="p"/>.</summary>
        static abstract unsafe void Widen16(Vector128<byte> v, float* p);
        /// <summary>The 16 floats at <paramref name="p"/> (whole numbers 0 to 255) as bytes.</summary>
        static abstract unsafe Vector128<byte> Narrow16(float* p);
    }

    private readonly struct J512 : IJit<Vector512<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Splat(float x) => Vector512.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Div(Vector512<float> a, Vector512<float> b) => a / b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Div255(Vector512<float> a)
        {
            var inv = Vector512.Create(1f / 255f);
            var q = a * inv;
            return Avx512F.FusedMultiplyAdd(Avx512F.FusedMultiplyAddNegated(q, Vector512.Create(255f), a), inv, q);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.MinNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.MaxNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Truncate(Vector512<float> a) => Vector512.Truncate(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Lt(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Ge(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Eq(Vector512<float> a, Vector512<float> b) => Vector512.Equals(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Or(Vector512<float> a, Vector512<float> b) => a | b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Select(Vector512<float> m, Vector512<float> a, Vector512<float> b) => Vector512.ConditionalSelect(m, a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float SumLanes(Vector512<float> a) => Vector512.Sum(a);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> W(Vector128<byte> v) => Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(v));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<byte> N(Vector512<float> v) => Avx512F.ConvertToVector128Byte(Avx512F.ConvertToVector512Int32WithTruncation(v));

        public static int Lanes => 16;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe Vector512<float> Load(float* p) => Vector512.Load(p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe void Store(Vector512<float> v, float* p) => v.Store(p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe void Widen16(Vector128<byte> v, float* p) => W(v).Store(p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe Vector128<byte> Narrow16(float* p) => N(Vector512.Load(p));
    }

    private readonly struct J256 : IJit<Vector256<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Splat(float x) => Vector256.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Div(Vector256<float> a, Vector256<float> b) => a / b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Div255(Vector256<float> a)
        {
            if (!Fma.IsSupported) return a / Vector256.Create(255f);
            var inv = Vector256.Create(1f / 255f);
            var q = a * inv;
            return Fma.MultiplyAdd(Fma.MultiplyAddNegated(q, Vector256.Create(255f), a), inv, q);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.MinNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Truncate(Vector256<float> a) => Vector256.Truncate(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Lt(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Ge(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Eq(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Or(Vector256<float> a, Vector256<float> b) => a | b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Select(Vector256<float> m, Vector256<float> a, Vector256<float> b) => Avx.BlendVariable(b, a, m);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float SumLanes(Vector256<float> a) => Vector256.Sum(a);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> W(Vector128<byte> v) => Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(v));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<byte> Pack(Vector256<float> lo, Vector256<float> hi)
        {
            var a = Avx.ConvertToVector256Int32WithTruncation(lo);
            var c = Avx.ConvertToVector256Int32WithTruncation(hi);
            return Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(a.GetLower(), a.GetUpper()), Sse2.PackSignedSaturate(c.GetLower(), c.GetUpper()));
        }

        public static int Lanes => 8;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe Vector256<float> Load(float* p) => Vector256.Load(p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe void Store(Vector256<float> v, float* p) => v.Store(p);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe void Widen16(Vector128<byte> v, float* p)
        {
            W(v).Store(p);
            W(Sse2.ShiftRightLogical128BitLane(v, 8)).Store(p + 8);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe Vector128<byte> Narrow16(float* p) => Pack(Vector256.Load(p), Vector256.Load(p + 8));
    }

    private readonly struct J128 : IJit<Vector128<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Splat(float x) => Vector128.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sub(Vector128<float> a, Vector128<float> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Mul(Vector128<float> a, Vector128<float> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Div(Vector128<float> a, Vector128<float> b) => a / b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> Div255(Vector128<float> a)
        {
            if (!Fma.IsSupported) return a / Vector128.Create(255f);
            var inv = Vector128.Create(1f / 255f);
            var q = a * inv;
            return Fma.MultiplyAdd(Fma.MultiplyAddNegated(q, Vector128.Create(255f), a), inv, q);
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.MinNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.MaxNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Truncate(Vector128<float> a) => Vector128.Truncate(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Lt(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Ge(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Eq(Vector128<float> a, Vector128<float> b) => Vector128.Equals(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Or(Vector128<float> a, Vector128<float> b) => a | b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Select(Vector128<float> m, Vector128<float> a, Vector128<float> b) => Sse41.BlendVariable(b, a, m);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float SumLanes(Vector128<float> a) => Vector128.Sum(a);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> W(Vector128<byte> v) => Sse2.ConvertToVector128Single(Sse41.ConvertToVector128Int32(v));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<int> I(Vector128<float> v) => Sse2.ConvertToVector128Int32WithTruncation(v);

        public static int Lanes => 4;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe Vector128<float> Load(float* p) => Vector128.Load(p);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static unsafe void Store(Vector128<float> v, float* p) => v.Store(p);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe void Widen16(Vector128<byte> v, float* p)
        {
            W(v).Store(p);
            W(Sse2.ShiftRightLogical128BitLane(v, 4)).Store(p + 4);
            W(Sse2.ShiftRightLogical128BitLane(v, 8)).Store(p + 8);
            W(Sse2.ShiftRightLogical128BitLane(v, 12)).Store(p + 12);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe Vector128<byte> Narrow16(float* p) =>
            Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(I(Vector128.Load(p)), I(Vector128.Load(p + 4))),
                                      Sse2.PackSignedSaturate(I(Vector128.Load(p + 8)), I(Vector128.Load(p + 12))));
    }
}
