using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

// The vector body of the byte HsvKernels.ShiftHsv (OpenCV's 8-bit HSV round trip with albumentations' shift tables),
// 16 pixels a step: the integer RGB2HSV_b formulas in int32 lanes, the division tables' entries computed (CvShifts) and
// the shift tables as adds when they are plain shifts, else both read by gathers (AVX2 / AVX-512; lane by lane on the
// 128-bit path without AVX2), then HSV2RGB_native in float32 lanes with its sector table turned into selects. The same
// integer and float operations as the scalar loop (and the tables' values), so the same bits.
internal static unsafe partial class TfHsvKernels
{
    /// <summary>The five tables, 256 ints each, in one block: SDiv, HDiv180, then the H, S and V shift tables; then
    /// the H, S and V shift tables again as 256 bytes each (<see cref="CvByteTables"/> ints from the block's start), for
    /// the AVX-512 VBMI path's byte permutes.</summary>
    internal const int CvTables = 5 * 256 + 3 * 64 + 4;

    /// <summary>Where the byte copies of the shift tables start, in ints.</summary>
    internal const int CvByteTables = 5 * 256;

    /// <summary>Where the shift constants start, in ints: a flag (1 when the three shift tables are the plain shifts
    /// below, checked entry by entry where they are built), then k_h, k_s and k_v with H' = (H + k_h) mod 180 for every
    /// H in 0..179, S' = clamp(S + k_s, 0, 255) and V' = clamp(V + k_v, 0, 255) for every S and V in 0..255. With the
    /// flag the body adds instead of reading the tables, and computes the two division tables as OpenCV defines them,
    /// round(255 * 2^12 / v) and round(180 * 2^12 / (6 d)), by a float32 division rounded half to even: the same ints as
    /// the tables for every index 1..255 (checked for all of them by the tests; index 0 only meets a zero factor).
    /// So no gathers, which are slow on AMD's cores.</summary>
    internal const int CvShifts = 5 * 256 + 3 * 64;

    /// <summary>Whole blocks of 16 pixels; returns the pixels done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int ShiftHsv(ref byte s, ref byte d, int pixels, int sc, int* tables, SimdPath width) => width switch
    {
        SimdPath.Vector512 => CvLoop<C512>(ref s, ref d, pixels, sc, tables),
        SimdPath.Vector256 => CvLoop<C256>(ref s, ref d, pixels, sc, tables),
        SimdPath.Vector128 => CvLoop<C128>(ref s, ref d, pixels, sc, tables),
        _ => 0,
    };

    // Not inlined: each width gets its own method, so the JIT's inlining budget covers the per-pixel body.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int CvLoop<TW>(ref byte s, ref byte d, int pixels, int sc, int* t) where TW : ICvBlock
    {
        var split = RgbLanes.SplitMasks(sc);
        var join = RgbLanes.JoinMasks(sc);
        int p = 0;
        for (; p <= pixels - 16; p += 16)
        {
            ref byte px = ref Unsafe.Add(ref s, p * sc);
            ref byte o = ref Unsafe.Add(ref d, p * sc);
            RgbLanes.Split(ref px, sc, split, out var r, out var g, out var b);
            TW.Block16(r, g, b, t, out var ro, out var go, out var bo);
            RgbLanes.Join(ro, go, bo, sc, join, ref o, ref px);
        }
        return p;
    }

    private interface ICvBlock
    {
        static abstract void Block16(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int* t,
            out Vector128<byte> ro, out Vector128<byte> go, out Vector128<byte> bo);
    }

    private interface IIV<TI, TF> where TI : struct where TF : struct
    {
        static abstract TI Splat(int x);
        static abstract TI Add(TI a, TI b);
        static abstract TI Sub(TI a, TI b);
        static abstract TI Mul(TI a, TI b);
        static abstract TI And(TI a, TI b);
        static abstract TI AndNot(TI a, TI notThis);
        static abstract TI Max(TI a, TI b);
        static abstract TI Min(TI a, TI b);
        static abstract TI Eq(TI a, TI b);
        static abstract TI LtZero(TI a);
        static abstract TI Shr12(TI a);
        static abstract TI Gather(int* table, TI index);
        /// <summary><c>table[index]</c> for a table of 256 byte values also held as bytes at <paramref name="bytes"/>.</summary>
        static abstract TI GatherByte(int* table, byte* bytes, TI index);
        static abstract TF ToFloat(TI a);
        /// <summary>Float to int rounding half to even (the default MXCSR); lanes in int range.</summary>
        static abstract TI ToIntRound(TF a);
        static abstract TI Gt(TI a, TI b);
    }

    // HsvKernels.ShiftHsv's per-pixel body on lanes; outputs are the float r, g, b before "* 255f" and rounding.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CvPixel<TI, TF, TIV, TV>(TI r, TI g, TI b, int* t, out TF ro, out TF go, out TF bo)
        where TI : struct where TF : struct where TIV : IIV<TI, TF> where TV : IFV<TF>
    {
        // Two halves, each with few enough locals for the JIT to inline it (one body with them all was called, not inlined).
        CvToHsv<TI, TF, TIV, TV>(r, g, b, t, out TI h2, out TI s2, out TI v2);
        CvToRgb<TI, TF, TIV, TV>(h2, s2, v2, out ro, out go, out bo);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CvToHsv<TI, TF, TIV, TV>(TI r, TI g, TI b, int* t, out TI h2, out TI s2, out TI v2)
        where TI : struct where TF : struct where TIV : IIV<TI, TF> where TV : IFV<TF>
    {
        // RGB2HSV_b
        TI v = TIV.Max(b, TIV.Max(g, r)), vmin = TIV.Min(b, TIV.Min(g, r));
        TI diff = TIV.Sub(v, vmin);
        TI vr = TIV.Eq(v, r), vg = TIV.Eq(v, g);
        TI half = TIV.Splat(1 << 11);
        bool plain = t[CvShifts] != 0;
        TI sdiv = plain ? TIV.ToIntRound(TV.Div(TV.Splat(255f * 4096f), TIV.ToFloat(v))) : TIV.Gather(t, v);
        TI s = TIV.Shr12(TIV.Add(TIV.Mul(diff, sdiv), half));
        TI hg = TIV.Add(TIV.Sub(b, r), TIV.Add(diff, diff));
        TI hb = TIV.Add(TIV.Sub(r, g), TIV.Mul(TIV.Splat(4), diff));
        TI h = TIV.Add(TIV.And(vr, TIV.Sub(g, b)), TIV.AndNot(TIV.Add(TIV.And(vg, hg), TIV.AndNot(hb, vg)), vr));
        TI hdiv = plain ? TIV.ToIntRound(TV.Div(TV.Splat(180f * 4096f / 6f), TIV.ToFloat(diff))) : TIV.Gather(t + 256, diff);
        h = TIV.Shr12(TIV.Add(TIV.Mul(h, hdiv), half));
        h = TIV.Add(h, TIV.And(TIV.LtZero(h), TIV.Splat(180)));
        if (plain)
        {
            // H in 0..179 (OpenCV's range: at most about 5/6 of 180, or a negative value plus 180), k_h in 0..179.
            TI lo = TIV.Splat(0), top = TIV.Splat(255);
            h2 = TIV.Add(h, TIV.Splat(t[CvShifts + 1]));
            h2 = TIV.Sub(h2, TIV.And(TIV.Gt(h2, TIV.Splat(179)), TIV.Splat(180)));
            s2 = TIV.Min(TIV.Max(TIV.Add(s, TIV.Splat(t[CvShifts + 2])), lo), top);
            v2 = TIV.Min(TIV.Max(TIV.Add(v, TIV.Splat(t[CvShifts + 3])), lo), top);
        }
        else
        {
            byte* bt = (byte*)(t + CvByteTables);
            h2 = TIV.GatherByte(t + 512, bt, h); s2 = TIV.GatherByte(t + 768, bt + 256, s); v2 = TIV.GatherByte(t + 1024, bt + 512, v);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CvToRgb<TI, TF, TIV, TV>(TI h2, TI s2, TI v2, out TF ro, out TF go, out TF bo)
        where TI : struct where TF : struct where TIV : IIV<TI, TF> where TV : IFV<TF>
    {
        // HSV2RGB_native(h2 * hscale, s2 / 255, v2 / 255)
        const float hscale = 6f / 180;
        TF hf = TV.Mul(TIV.ToFloat(h2), TV.Splat(hscale));
        TF sf = TV.Mul(TIV.ToFloat(s2), TV.Splat(1f / 255f));
        TF vf = TV.Mul(TIV.ToFloat(v2), TV.Splat(1f / 255f));
        TF zero = TV.Splat(0f), one = TV.Splat(1f), six = TV.Splat(6f);
        // h2 <= 255 gives hf < 8.6: one masked step of each wrap loop is all they can take (h >= 0 always).
        hf = TV.Select(TV.Ge(hf, six), TV.Sub(hf, six), hf);
        TF sector = TV.Truncate(hf); // floor: hf >= 0
        hf = TV.Sub(hf, sector);
        TF t0 = vf;
        TF t1 = TV.Mul(vf, TV.Sub(one, sf));
        TF t2 = TV.Mul(vf, TV.Sub(one, TV.Mul(sf, hf)));
        TF t3 = TV.Mul(vf, TV.Sub(one, TV.Mul(sf, TV.Sub(one, hf))));
        TF c0 = TV.Eq(sector, zero), c1 = TV.Eq(sector, one), c2 = TV.Eq(sector, TV.Splat(2f)), c3 = TV.Eq(sector, TV.Splat(3f)),
           c4 = TV.Eq(sector, TV.Splat(4f)), c5 = TV.Eq(sector, TV.Splat(5f));
        // sector_data (b, g, r): 0 (1, 3, 0), 1 (1, 0, 2), 2 (3, 0, 1), 3 (0, 2, 1), 4 (0, 1, 3), 5 (2, 1, 0).
        TF rr = TV.Select(TV.Or(c2, c3), t1, TV.Select(c1, t2, TV.Select(c4, t3, t0)));
        TF gg = TV.Select(TV.Or(c1, c2), t0, TV.Select(c3, t2, TV.Select(c0, t3, t1)));
        TF bb = TV.Select(TV.Or(c3, c4), t0, TV.Select(c2, t3, TV.Select(c5, t2, t1)));
        TF grey = TV.Eq(sf, zero);
        ro = TV.Mul(TV.Select(grey, vf, rr), TV.Splat(255f));
        go = TV.Mul(TV.Select(grey, vf, gg), TV.Splat(255f));
        bo = TV.Mul(TV.Select(grey, vf, bb), TV.Splat(255f));
    }

    private readonly struct I512 : IIV<Vector512<int>, Vector512<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Splat(int x) => Vector512.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Add(Vector512<int> a, Vector512<int> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Sub(Vector512<int> a, Vector512<int> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Mul(Vector512<int> a, Vector512<int> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> And(Vector512<int> a, Vector512<int> b) => a & b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> AndNot(Vector512<int> a, Vector512<int> n) => Vector512.AndNot(a, n);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Max(Vector512<int> a, Vector512<int> b) => Vector512.Max(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Min(Vector512<int> a, Vector512<int> b) => Vector512.Min(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Eq(Vector512<int> a, Vector512<int> b) => Vector512.Equals(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> LtZero(Vector512<int> a) => Vector512.LessThan(a, Vector512<int>.Zero);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Shr12(Vector512<int> a) => Vector512.ShiftRightArithmetic(a, 12);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Gather(int* t, Vector512<int> i) => // .NET has no AVX-512 gather: two AVX2 ones
            Vector512.Create(Avx2.GatherVector256(t, i.GetLower(), 4), Avx2.GatherVector256(t, i.GetUpper(), 4));
        /// <summary>With VBMI: the 16 indices (0..255) narrowed to bytes look up both 128-byte halves of the table with
        /// two <c>vpermi2b</c> and bit 7 picks the half; the same values as the gathers, at a fraction of their cost.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<int> GatherByte(int* t, byte* bytes, Vector512<int> i)
        {
            if (!Avx512Vbmi.IsSupported) return Gather(t, i);
            var idx = Avx512F.ConvertToVector128Byte(i).ToVector256Unsafe().ToVector512Unsafe();
            var lo = Avx512Vbmi.PermuteVar64x8x2(Avx512F.LoadVector512(bytes), idx, Avx512F.LoadVector512(bytes + 64));
            var hi = Avx512Vbmi.PermuteVar64x8x2(Avx512F.LoadVector512(bytes + 128), idx, Avx512F.LoadVector512(bytes + 192));
            var pick = Vector512.LessThan(idx.AsSByte(), Vector512<sbyte>.Zero).AsByte();
            return Avx512F.ConvertToVector512Int32(Vector512.ConditionalSelect(pick, hi, lo).GetLower().GetLower());
        }
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> ToFloat(Vector512<int> a) => Vector512.ConvertToSingle(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> ToIntRound(Vector512<float> a) => Avx512F.ConvertToVector512Int32(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<int> Gt(Vector512<int> a, Vector512<int> b) => Vector512.GreaterThan(a, b);
    }

    private readonly struct I256 : IIV<Vector256<int>, Vector256<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Splat(int x) => Vector256.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Add(Vector256<int> a, Vector256<int> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Sub(Vector256<int> a, Vector256<int> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Mul(Vector256<int> a, Vector256<int> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> And(Vector256<int> a, Vector256<int> b) => a & b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> AndNot(Vector256<int> a, Vector256<int> n) => Vector256.AndNot(a, n);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Max(Vector256<int> a, Vector256<int> b) => Vector256.Max(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Min(Vector256<int> a, Vector256<int> b) => Vector256.Min(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Eq(Vector256<int> a, Vector256<int> b) => Vector256.Equals(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> LtZero(Vector256<int> a) => Vector256.LessThan(a, Vector256<int>.Zero);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Shr12(Vector256<int> a) => Vector256.ShiftRightArithmetic(a, 12);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Gather(int* t, Vector256<int> i) => Avx2.GatherVector256(t, i, 4);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> GatherByte(int* t, byte* bytes, Vector256<int> i) => Gather(t, i);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> ToFloat(Vector256<int> a) => Vector256.ConvertToSingle(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> ToIntRound(Vector256<float> a) => Avx.ConvertToVector256Int32(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<int> Gt(Vector256<int> a, Vector256<int> b) => Vector256.GreaterThan(a, b);
    }

    private readonly struct I128 : IIV<Vector128<int>, Vector128<float>>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> Splat(int x) => Vector128.Create(x);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> Add(Vector128<int> a, Vector128<int> b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> Sub(Vector128<int> a, Vector128<int> b) => a - b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> Mul(Vector128<int> a, Vector128<int> b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> And(Vector128<int> a, Vector128<int> b) => a & b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> AndNot(Vector128<int> a, Vector128<int> n) => Vector128.AndNot(a, n);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> Max(Vector128<int> a, Vector128<int> b) => Vector128.Max(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> Min(Vector128<int> a, Vector128<int> b) => Vector128.Min(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> Eq(Vector128<int> a, Vector128<int> b) => Vector128.Equals(a, b);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> LtZero(Vector128<int> a) => Vector128.LessThan(a, Vector128<int>.Zero);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> Shr12(Vector128<int> a) => Vector128.ShiftRightArithmetic(a, 12);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<int> Gather(int* t, Vector128<int> i) => Avx2.IsSupported
            ? Avx2.GatherVector128(t, i, 4)
            : Vector128.Create(t[i.GetElement(0)], t[i.GetElement(1)], t[i.GetElement(2)], t[i.GetElement(3)]);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> GatherByte(int* t, byte* bytes, Vector128<int> i) => Gather(t, i);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> ToFloat(Vector128<int> a) => Vector128.ConvertToSingle(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> ToIntRound(Vector128<float> a) => Sse2.ConvertToVector128Int32(a);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<int> Gt(Vector128<int> a, Vector128<int> b) => Vector128.GreaterThan(a, b);
    }

    private readonly struct C512 : ICvBlock
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block16(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int* t,
            out Vector128<byte> ro, out Vector128<byte> go, out Vector128<byte> bo)
        {
            CvPixel<Vector512<int>, Vector512<float>, I512, V512>(Avx512F.ConvertToVector512Int32(r), Avx512F.ConvertToVector512Int32(g),
                Avx512F.ConvertToVector512Int32(b), t, out var rf, out var gf, out var bf);
            ro = Avx512F.ConvertToVector128ByteWithSaturation(Int512(rf).AsUInt32());
            go = Avx512F.ConvertToVector128ByteWithSaturation(Int512(gf).AsUInt32());
            bo = Avx512F.ConvertToVector128ByteWithSaturation(Int512(bf).AsUInt32());
        }
    }

    private readonly struct C256 : ICvBlock
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block16(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int* t,
            out Vector128<byte> ro, out Vector128<byte> go, out Vector128<byte> bo)
        {
            CvPixel<Vector256<int>, Vector256<float>, I256, V256>(Avx2.ConvertToVector256Int32(r), Avx2.ConvertToVector256Int32(g),
                Avx2.ConvertToVector256Int32(b), t, out var r0, out var g0, out var b0);
            CvPixel<Vector256<int>, Vector256<float>, I256, V256>(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(r, 8)),
                Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(g, 8)), Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(b, 8)),
                t, out var r1, out var g1, out var b1);
            Pack3(Int256(r0), Int256(r1), Int256(g0), Int256(g1), Int256(b0), Int256(b1), out ro, out go, out bo);
        }
    }

    private readonly struct C128 : ICvBlock
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Quarter(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int* t,
            out Vector128<int> ro, out Vector128<int> go, out Vector128<int> bo)
        {
            CvPixel<Vector128<int>, Vector128<float>, I128, V128>(Sse41.ConvertToVector128Int32(r), Sse41.ConvertToVector128Int32(g),
                Sse41.ConvertToVector128Int32(b), t, out var rf, out var gf, out var bf);
            ro = Int128(rf); go = Int128(gf); bo = Int128(bf);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Block16(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int* t,
            out Vector128<byte> ro, out Vector128<byte> go, out Vector128<byte> bo)
        {
            Quarter(r, g, b, t, out var r0, out var g0, out var b0);
            Quarter(Sse2.ShiftRightLogical128BitLane(r, 4), Sse2.ShiftRightLogical128BitLane(g, 4), Sse2.ShiftRightLogical128BitLane(b, 4), t, out var r1, out var g1, out var b1);
            Quarter(Sse2.ShiftRightLogical128BitLane(r, 8), Sse2.ShiftRightLogical128BitLane(g, 8), Sse2.ShiftRightLogical128BitLane(b, 8), t, out var r2, out var g2, out var b2);
            Quarter(Sse2.ShiftRightLogical128BitLane(r, 12), Sse2.ShiftRightLogical128BitLane(g, 12), Sse2.ShiftRightLogical128BitLane(b, 12), t, out var r3, out var g3, out var b3);
            ro = Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(r0, r1), Sse2.PackSignedSaturate(r2, r3));
            go = Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(g0, g1), Sse2.PackSignedSaturate(g2, g3));
            bo = Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(b0, b1), Sse2.PackSignedSaturate(b2, b3));
        }
    }
}
