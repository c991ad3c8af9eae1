using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// The vector bodies of the byte <c>ColourKernels.AdjustSaturation</c> and <c>AdjustHue</c> (TensorFlow's float32 HSV
/// formulas), 16 pixels at a time: R, G and B split with constant <c>pshufb</c> masks (<see cref="RgbLanes"/>), widened
/// to float32 at the chosen width, run through the scalar reference's operations in its order with its branches turned
/// into lane selects (every branch computed, the taken one kept), rounded half to even, clamped, and interleaved back.
/// The float divisions stay divisions (a vector division is the same IEEE operation); TensorFlow's double additions of
/// 2/6 and 4/6 are done in double lanes and rounded to float as the scalar cast does. The <c>while</c> loops that wrap
/// the hue run as a fixed number of masked steps, at least as many as the scalar loop can take on byte inputs
/// (a step whose condition is false changes nothing). Every width gives the reference's bits.
/// </summary>
internal static partial class TfHsvKernels
{
    internal const int Saturation = 0, Hue = 1;

    /// <summary>Whole blocks of 16 pixels; returns the pixels done. <paramref name="width"/> from <see cref="GrayKernels.Width"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Run(ref byte s, ref byte d, int pixels, int sc, int op, float k, SimdPath width) => (width, op) switch
    {
        (SimdPath.Vector512, Saturation) => Loop<X512, SatOp>(ref s, ref d, pixels, sc, k),
        (SimdPath.Vector256, Saturation) => Loop<X256, SatOp>(ref s, ref d, pixels, sc, k),
        (SimdPath.Vector128, Saturation) => Loop<X128, SatOp>(ref s, ref d, pixels, sc, k),
        (SimdPath.Vector512, Hue) => Loop<X512, HueOp>(ref s, ref d, pixels, sc, k),
        (SimdPath.Vector256, Hue) => Loop<X256, HueOp>(ref s, ref d, pixels, sc, k),
        (SimdPath.Vector128, Hue) => Loop<X128, HueOp>(ref s, ref d, pixels, sc, k),
        _ => 0,
    };

    // Not inlined: each width gets its own method, so the JIT's inlining budget covers the per-pixel body.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Loop<TW, TOp>(ref byte s, ref byte d, int pixels, int sc, float k) where TW : IBlock where TOp : IOp
    {
        var split = RgbLanes.SplitMasks(sc);
        var join = RgbLanes.JoinMasks(sc);
        int p = 0;
        for (; p <= pixels - 16; p += 16)
        {
            ref byte px = ref Unsafe.Add(ref s, p * sc);
            ref byte o = ref Unsafe.Add(ref d, p * sc);
            RgbLanes.Split(ref px, sc, split, out var r, out var g, out var b);
            TW.Block16<TOp>(r, g, b, k, out var ro, out var go, out var bo);
            RgbLanes.Join(ro, go, bo, sc, join, ref o, ref px);
        }
        return p;
    }

    // ------------------------------------------------------------ float lanes

    private interface IFV<TF> where TF : struct
    {
        static abstract TF Splat(float x);
        static abstract TF Add(TF a, TF b);
        static abstract TF Sub(TF a, TF b);
        static abstract TF Mul(TF a, TF b);
        static abstract TF Div(TF a, TF b);
        static abstract TF Min(TF a, TF b);
        static abstract TF Max(TF a, TF b);
        static abstract TF Abs(TF a);
        static abstract TF Truncate(TF a);
        static abstract TF Lt(TF a, TF b);
        static abstract TF Le(TF a, TF b);
        static abstract TF Gt(TF a, TF b);
        static abstract TF Ge(TF a, TF b);
        static abstract TF Eq(TF a, TF b);
        static abstract TF Or(TF a, TF b);
        static abstract TF Select(TF mask, TF a, TF b);
        /// <summary>For lanes holding whole numbers 0 to 5 (or -0): a mask, good for <see cref="Select"/>, of the odd ones.</summary>
        static abstract TF OddMask(TF a);
        /// <summary>Per lane <c>(float)((double)a + d)</c>.</summary>
        static abstract TF AddDouble(TF a, double d);
    }

    private interface IOp
    {
        static abstract void Apply<TF, TV>(TF r, TF g, TF b, float k, out TF ro, out TF go, out TF bo)
            where TF : struct where TV : IFV<TF>;
    }

    private interface IBlock
    {
        static abstract void Block16<TOp>(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, float k,
            out Vector128<byte> ro, out Vector128<byte> go, out Vector128<byte> bo) where TOp : IOp;
    }

    // ColourKernels.Saturate: RgbToHsv, s = clamp(s * factor, 0, 1), HsvToRgb.
    private readonly struct SatOp : IOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TF, TV>(TF r, TF g, TF b, float factor, out TF ro, out TF go, out TF bo)
            where TF : struct where TV : IFV<TF>
        {
            TF zero = TV.Splat(0f), one = TV.Splat(1f), two = TV.Splat(2f);
            // RgbToHsv
            TF vv = TV.Max(r, TV.Max(g, b));
            TF range = TV.Sub(vv, TV.Min(r, TV.Min(g, b)));
            TF s = TV.Select(TV.Gt(vv, zero), TV.Div(range, vv), zero);
            TF norm = TV.Div(one, TV.Mul(TV.Splat(6.0f), range));
            TF hr = TV.Mul(norm, TV.Sub(g, b));
            TF hg = TV.AddDouble(TV.Mul(norm, TV.Sub(b, r)), 2.0 / 6.0);
            TF hb = TV.AddDouble(TV.Mul(norm, TV.Sub(r, g)), 4.0 / 6.0);
            TF hh = TV.Select(TV.Eq(r, vv), hr, TV.Select(TV.Eq(g, vv), hg, hb));
            hh = TV.Select(TV.Le(range, zero), zero, hh);
            hh = TV.Select(TV.Lt(hh, zero), TV.Add(hh, one), hh);
            s = TV.Min(one, TV.Max(zero, TV.Mul(s, TV.Splat(factor))));
            // HsvToRgb(hh, s, vv)
            TF c = TV.Mul(s, vv);
            TF m = TV.Sub(vv, c);
            TF dh = TV.Mul(hh, TV.Splat(6f));
            TF cat = TV.Truncate(dh);
            // The reference's fmodu - 1: on byte inputs hh lies in [0, 1 - 1/1530] (a negative hue is at least 1/1530 below
            // 0 before its + 1), so dh in [0, 6): fmodu is dh (dh = 0 goes to 2 and back), dh - 2 or dh - 4, each
            // subtraction exact (Sterbenz, or a difference of multiples of 2^-21 landing in [2, 4)). fmodu - 1 is then
            // the one rounding of dh - (2k + 1), k = trunc(dh / 2) (dh / 2 exact).
            TF k = TV.Truncate(TV.Mul(dh, TV.Splat(0.5f)));
            TF fm1 = TV.Sub(dh, TV.Add(TV.Add(k, k), one));
            TF x = TV.Mul(c, TV.Sub(one, TV.Abs(fm1)));
            TF c0 = TV.Eq(cat, zero), c1 = TV.Eq(cat, one), c2 = TV.Eq(cat, two), c3 = TV.Eq(cat, TV.Splat(3f)),
               c4 = TV.Eq(cat, TV.Splat(4f)), c5 = TV.Eq(cat, TV.Splat(5f));
            TF rr = TV.Select(TV.Or(c0, c5), c, TV.Select(TV.Or(c1, c4), x, zero));
            TF gg = TV.Select(TV.Or(c1, c2), c, TV.Select(TV.Or(c0, c3), x, zero));
            TF bb = TV.Select(TV.Or(c3, c4), c, TV.Select(TV.Or(c2, c5), x, zero));
            ro = TV.Add(rr, m);
            go = TV.Add(gg, m);
            bo = TV.Add(bb, m);
        }
    }

    // ColourKernels.Hue: RgbToHueRange, h + delta6 wrapped into [0, 6), HueRangeToRgb. On byte values the middle
    // component is (r + g + b) - max - min exactly (integers below 2^24).
    private readonly struct HueOp : IOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply<TF, TV>(TF r, TF g, TF b, float d6, out TF ro, out TF go, out TF bo)
            where TF : struct where TV : IFV<TF>
        {
            TF zero = TV.Splat(0f), one = TV.Splat(1f), two = TV.Splat(2f), three = TV.Splat(3f), four = TV.Splat(4f),
               five = TV.Splat(5f), six = TV.Splat(6f);
            TF catLt = TV.Select(TV.Lt(b, r), one, TV.Select(TV.Gt(b, g), three, two));
            TF catGe = TV.Select(TV.Lt(b, g), zero, TV.Select(TV.Gt(b, r), four, five));
            TF cat = TV.Select(TV.Lt(r, g), catLt, catGe);
            TF vMax = TV.Max(r, TV.Max(g, b)), vMin = TV.Min(r, TV.Min(g, b));
            TF vMid = TV.Sub(TV.Sub(TV.Add(TV.Add(r, g), b), vMax), vMin);
            TF ratio = TV.Div(TV.Sub(vMid, vMin), TV.Sub(vMax, vMin));
            TF odd = TV.OddMask(cat);
            TF h = TV.Add(cat, TV.Select(odd, TV.Sub(one, ratio), ratio));
            h = TV.Select(TV.Eq(vMax, vMin), zero, h);
            h = TV.Add(h, TV.Splat(d6));
            h = TV.Select(TV.Lt(h, zero), TV.Add(h, six), h); // h >= -6: at most one step
            for (int i = 0; i < 2; i++) h = TV.Select(TV.Ge(h, six), TV.Sub(h, six), h); // h <= 12: at most two steps
            // HueRangeToRgb
            TF c = TV.Truncate(h);
            TF q = TV.Sub(h, c);
            TF odd2 = TV.OddMask(c);
            q = TV.Select(odd2, TV.Sub(one, q), q);
            TF mid = TV.Add(vMin, TV.Mul(q, TV.Sub(vMax, vMin)));
            TF c0 = TV.Eq(c, zero), c1 = TV.Eq(c, one), c2 = TV.Eq(c, two), c3 = TV.Eq(c, three), c4 = TV.Eq(c, four);
            TF c5 = TV.Eq(c, five);
            ro = TV.Select(TV.Or(c0, c5), vMax, TV.Select(TV.Or(c1, c4), mid, vMin));
            go = TV.Select(TV.Or(c1, c2), vMax, TV.Select(TV.Or(c0, c3), mid, vMin));
            bo = TV.Select(TV.Or(c3, c4), vMax, TV.Select(TV.Or(c2, c5), mid, vMin));
        }
    }

    // ------------------------------------------------------------ widths

    private readonly struct V512 : IFV<Vector512<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Splat(float x) => Vector512.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Div(Vector512<float> a, Vector512<float> b) => a / b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.MinNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.MaxNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Truncate(Vector512<float> a) => Vector512.Truncate(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Lt(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Le(Vector512<float> a, Vector512<float> b) => Vector512.LessThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Gt(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Ge(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Eq(Vector512<float> a, Vector512<float> b) => Vector512.Equals(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Or(Vector512<float> a, Vector512<float> b) => a | b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Select(Vector512<float> m, Vector512<float> a, Vector512<float> b) => Vector512.ConditionalSelect(m, a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> OddMask(Vector512<float> a) =>
            Vector512.Equals(a, Vector512.Create(1f)) | Vector512.Equals(a, Vector512.Create(3f)) | Vector512.Equals(a, Vector512.Create(5f));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> AddDouble(Vector512<float> a, double d)
        {
            var (lo, hi) = Vector512.Widen(a);
            var dd = Vector512.Create(d);
            return Vector512.Narrow(lo + dd, hi + dd);
        }
    }

    private readonly struct V256 : IFV<Vector256<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Splat(float x) => Vector256.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Div(Vector256<float> a, Vector256<float> b) => a / b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.MinNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Truncate(Vector256<float> a) => Vector256.Truncate(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Lt(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Le(Vector256<float> a, Vector256<float> b) => Vector256.LessThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Gt(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Ge(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Eq(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Or(Vector256<float> a, Vector256<float> b) => a | b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Select(Vector256<float> m, Vector256<float> a, Vector256<float> b) => Avx.BlendVariable(b, a, m);
        // Select is blendvps, which reads only each lane's top bit: the integer's low bit shifted there.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> OddMask(Vector256<float> a) => Avx2.ShiftLeftLogical(Avx.ConvertToVector256Int32WithTruncation(a), 31).AsSingle();
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> AddDouble(Vector256<float> a, double d)
        {
            var (lo, hi) = Vector256.Widen(a);
            var dd = Vector256.Create(d);
            return Vector256.Narrow(lo + dd, hi + dd);
        }
    }

    private readonly struct V128 : IFV<Vector128<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Splat(float x) => Vector128.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sub(Vector128<float> a, Vector128<float> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Mul(Vector128<float> a, Vector128<float> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Div(Vector128<float> a, Vector128<float> b) => a / b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.MinNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.MaxNative(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Abs(Vector128<float> a) => Vector128.Abs(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Truncate(Vector128<float> a) => Vector128.Truncate(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Lt(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Le(Vector128<float> a, Vector128<float> b) => Vector128.LessThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Gt(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThan(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Ge(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThanOrEqual(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Eq(Vector128<float> a, Vector128<float> b) => Vector128.Equals(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Or(Vector128<float> a, Vector128<float> b) => a | b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Select(Vector128<float> m, Vector128<float> a, Vector128<float> b) => Sse41.BlendVariable(b, a, m);
        // Select is blendvps, which reads only each lane's top bit: the integer's low bit shifted there.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> OddMask(Vector128<float> a) => Sse2.ShiftLeftLogical(Sse2.ConvertToVector128Int32WithTruncation(a), 31).AsSingle();
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<float> AddDouble(Vector128<float> a, double d)
        {
            var (lo, hi) = Vector128.Widen(a);
            var dd = Vector128.Create(d);
            return Vector128.Narrow(lo + dd, hi + dd);
        }
    }

    // The byte results of every body here lie in [0, 256) and are never NaN (selected from, or sums and products of,
    // non-negative finite lanes), so the reference's (byte)min(max(round(v), 0), 255) is the conversion rounding half
    // to even (cvtps2dq under the default MXCSR) followed by a saturating narrowing: one instruction, then the packs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> Int512(Vector512<float> v) => Avx512F.ConvertToVector512Int32(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Int256(Vector256<float> v) => Avx.ConvertToVector256Int32(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Int128(Vector128<float> v) => Sse2.ConvertToVector128Int32(v);

    /// <summary>Six vectors of 8 ints (pixels 0..7 and 8..15 of R, G and B) to 16 bytes each, with the saturations of
    /// <c>packssdw</c> then <c>packuswb</c> per element as the 128-bit packs, but in 256-bit packs (which work within
    /// each 128-bit lane) and one <c>vpermd</c> per pair of outputs to put the 4-byte groups in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pack3(Vector256<int> r0, Vector256<int> r1, Vector256<int> g0, Vector256<int> g1, Vector256<int> b0, Vector256<int> b1,
        out Vector128<byte> ro, out Vector128<byte> go, out Vector128<byte> bo)
    {
        var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        // Groups of 4 bytes: lane 0 holds r0[0..3] r1[0..3] g0[0..3] g1[0..3], lane 1 the same of [4..7].
        var rg = Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(r0, r1), Avx2.PackSignedSaturate(g0, g1));
        var bw = Avx2.PackSignedSaturate(b0, b1);
        var bb = Avx2.PackUnsignedSaturate(bw, bw);
        var rgo = Avx2.PermuteVar8x32(rg.AsInt32(), order).AsByte();
        ro = rgo.GetLower();
        go = rgo.GetUpper();
        bo = Avx2.PermuteVar8x32(bb.AsInt32(), order).AsByte().GetLower();
    }

    private readonly struct X512 : IBlock
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> W(Vector128<byte> v) => Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(v));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block16<TOp>(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, float k,
            out Vector128<byte> ro, out Vector128<byte> go, out Vector128<byte> bo) where TOp : IOp
        {
            TOp.Apply<Vector512<float>, V512>(W(r), W(g), W(b), k, out var rf, out var gf, out var bf);
            ro = Avx512F.ConvertToVector128ByteWithSaturation(Int512(rf).AsUInt32());
            go = Avx512F.ConvertToVector128ByteWithSaturation(Int512(gf).AsUInt32());
            bo = Avx512F.ConvertToVector128ByteWithSaturation(Int512(bf).AsUInt32());
        }
    }

    private readonly struct X256 : IBlock
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> W(Vector128<byte> v) => Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(v));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block16<TOp>(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, float k,
            out Vector128<byte> ro, out Vector128<byte> go, out Vector128<byte> bo) where TOp : IOp
        {
            TOp.Apply<Vector256<float>, V256>(W(r), W(g), W(b), k, out var r0, out var g0, out var b0);
            TOp.Apply<Vector256<float>, V256>(W(Sse2.ShiftRightLogical128BitLane(r, 8)), W(Sse2.ShiftRightLogical128BitLane(g, 8)),
                                              W(Sse2.ShiftRightLogical128BitLane(b, 8)), k, out var r1, out var g1, out var b1);
            Pack3(Int256(r0), Int256(r1), Int256(g0), Int256(g1), Int256(b0), Int256(b1), out ro, out go, out bo);
        }
    }

    private readonly struct X128 : IBlock
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> W(Vector128<byte> v) => Sse2.ConvertToVector128Single(Sse41.ConvertToVector128Int32(v));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block16<TOp>(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, float k,
            out Vector128<byte> ro, out Vector128<byte> go, out Vector128<byte> bo) where TOp : IOp
        {
            TOp.Apply<Vector128<float>, V128>(W(r), W(g), W(b), k, out var r0, out var g0, out var b0);
            TOp.Apply<Vector128<float>, V128>(W(Sse2.ShiftRightLogical128BitLane(r, 4)), W(Sse2.ShiftRightLogical128BitLane(g, 4)),
                                              W(Sse2.ShiftRightLogical128BitLane(b, 4)), k, out var r1, out var g1, out var b1);
            TOp.Apply<Vector128<float>, V128>(W(Sse2.ShiftRightLogical128BitLane(r, 8)), W(Sse2.ShiftRightLogical128BitLane(g, 8)),
                                              W(Sse2.ShiftRightLogical128BitLane(b, 8)), k, out var r2, out var g2, out var b2);
            TOp.Apply<Vector128<float>, V128>(W(Sse2.ShiftRightLogical128BitLane(r, 12)), W(Sse2.ShiftRightLogical128BitLane(g, 12)),
                                              W(Sse2.ShiftRightLogical128BitLane(b, 12)), k, out var r3, out var g3, out var b3);
            ro = Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(Int128(r0), Int128(r1)), Sse2.PackSignedSaturate(Int128(r2), Int128(r3)));
            go = Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(Int128(g0), Int128(g1)), Sse2.PackSignedSaturate(Int128(g2), Int128(g3)));
            bo = Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(Int128(b0), Int128(b1)), Sse2.PackSignedSaturate(Int128(b2), Int128(b3)));
        }
    }
}
