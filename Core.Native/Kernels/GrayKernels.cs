using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// Byte RGB(A) to one gray value per pixel, 16 pixels at a time, all in registers: the 48 (or 64) interleaved bytes are
/// split into R, G and B with constant <c>pshufb</c> masks (SSSE3, the same code for every float width), each plane is
/// widened to float32 at the chosen width (4, 8 or 16 lanes), the gray is computed with exactly the scalar reference's
/// float operations in its order (no fused multiply-add: the JIT does not contract), rounded half to even and clamped,
/// narrowed back to 16 bytes and written as 1, 3 or 4 channels with constant shuffles. So every width gives the scalar
/// reference's bits by construction; the tests check it on all 2^24 RGB triples anyway. RGB to 1 or 3 channels with AVX2
/// (<see cref="LoopRgb256"/>) runs 32 pixels a step with every 128-bit lane on its own pixels, and max and desaturation
/// there stay on bytes (exact, see <see cref="GrayBytes256"/>); AVX-512 runs that byte loop for those two methods too.
/// </summary>
internal static class GrayKernels
{
    /// <summary>The gray rules, numbered as <see cref="GrayMethod"/>'s first four (and the same formulas as
    /// <c>ColourKernels.Gray</c> and <c>PixelKernels.Grayscale</c>).</summary>
    internal const int Weighted = 0, Average = 1, Max = 2, Desaturation = 3;

    /// <summary>The widest of <paramref name="path"/>'s width and below that this CPU runs with the x86 instructions
    /// used here; <see cref="SimdPath.Scalar"/> when there is none (then the caller's own loops run).</summary>
    internal static SimdPath Width(SimdPath path)
    {
        path = Simd.Resolve(path);
        if (!Sse41.IsSupported || path == SimdPath.Scalar) return SimdPath.Scalar;
        if (path == SimdPath.Vector512 && Avx512F.IsSupported) return SimdPath.Vector512;
        if (path >= SimdPath.Vector256 && Avx2.IsSupported) return SimdPath.Vector256;
        return SimdPath.Vector128;
    }

    /// <summary>Runs whole blocks of 16 pixels; returns the pixels done (the caller's scalar loop does the rest).
    /// <paramref name="width"/> comes from <see cref="Width"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Run(ref byte s, ref byte d, int pixels, int sc, int dc, int method, SimdPath width) => width switch
    {
        // Max and desaturation on RGB run on bytes (LoopRgb256), 32 pixels a step, faster than any float path.
        SimdPath.Vector512 when sc == 3 && dc != 4 && method is Max or Desaturation => LoopRgb256(ref s, ref d, pixels, dc, method),
        SimdPath.Vector512 when sc == 3 && method != Max && Avx512Vbmi.IsSupported => LoopVbmi(ref s, ref d, pixels, dc, method),
        SimdPath.Vector512 => Loop<F512>(ref s, ref d, pixels, sc, dc, method),
        SimdPath.Vector256 when sc == 3 && dc != 4 => LoopRgb256(ref s, ref d, pixels, dc, method),
        SimdPath.Vector256 => Loop<F256>(ref s, ref d, pixels, sc, dc, method),
        SimdPath.Vector128 => Loop<F128>(ref s, ref d, pixels, sc, dc, method),
        _ => 0,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Loop<TF>(ref byte s, ref byte d, int pixels, int sc, int dc, int method) where TF : struct, IGray16
    {
        int p = 0;
        if (sc == 3)
        {
            var m = RgbLanes.Rgb;
            Vector128<byte> r0 = m[0], r1 = m[1], r2 = m[2], g0 = m[3], g1 = m[4], g2 = m[5], b0 = m[6], b1 = m[7], b2 = m[8];
            for (; p <= pixels - 16; p += 16)
            {
                ref byte px = ref Unsafe.Add(ref s, p * 3);
                var a = Vector128.LoadUnsafe(ref px);
                var b = Vector128.LoadUnsafe(ref px, 16);
                var c = Vector128.LoadUnsafe(ref px, 32);
                var r = Ssse3.Shuffle(a, r0) | Ssse3.Shuffle(b, r1) | Ssse3.Shuffle(c, r2);
                var g = Ssse3.Shuffle(a, g0) | Ssse3.Shuffle(b, g1) | Ssse3.Shuffle(c, g2);
                var bl = Ssse3.Shuffle(a, b0) | Ssse3.Shuffle(b, b1) | Ssse3.Shuffle(c, b2);
                Store(Gray(r, g, bl, method, default(TF)), ref d, p, dc, ref px);
            }
        }
        else
        {
            var m = RgbLanes.Rgba;
            for (; p <= pixels - 16; p += 16)
            {
                ref byte px = ref Unsafe.Add(ref s, p * 4);
                RgbLanes.Split(ref px, 4, m, out var r, out var g, out var bl);
                Store(Gray(r, g, bl, method, default(TF)), ref d, p, dc, ref px);
            }
        }
        return p;
    }

    // RGB with AVX-512 VBMI: one 64-byte load holds 16 pixels (48 bytes used); one vpermb per channel puts pixel j's
    // byte in the low byte of dword j and an and clears the other three, which is the zero-extension the F512 path gets
    // from pshufb, or and pmovzxbd: the same int32 lanes, so the same floats and the same formula. The load reads 16
    // bytes past the pixels used, so the loop stops 22 pixels short (3 (pixels - 22) + 64 <= 3 pixels) and Loop<F512>
    // takes the whole blocks left.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int LoopVbmi(ref byte s, ref byte d, int pixels, int dc, int method)
    {
        Span<byte> idx = stackalloc byte[192];
        for (int k = 0; k < 3; k++)
            for (int j = 0; j < 16; j++) { idx[64 * k + 4 * j] = (byte)(3 * j + k); idx[64 * k + 4 * j + 1] = idx[64 * k + 4 * j + 2] = idx[64 * k + 4 * j + 3] = 0; }
        var ri = Vector512.Create((ReadOnlySpan<byte>)idx.Slice(0, 64));
        var gi = Vector512.Create((ReadOnlySpan<byte>)idx.Slice(64, 64));
        var bi = Vector512.Create((ReadOnlySpan<byte>)idx.Slice(128, 64));
        var low = Vector512.Create(0xFFu).AsByte();
        int p = 0;
        for (; p <= pixels - 22; p += 16)
        {
            ref byte px = ref Unsafe.Add(ref s, p * 3);
            var v = Vector512.LoadUnsafe(ref px);
            var r = Avx512F.ConvertToVector512Single((Avx512Vbmi.PermuteVar64x8(v, ri) & low).AsInt32());
            var g = Avx512F.ConvertToVector512Single((Avx512Vbmi.PermuteVar64x8(v, gi) & low).AsInt32());
            var b = Avx512F.ConvertToVector512Single((Avx512Vbmi.PermuteVar64x8(v, bi) & low).AsInt32());
            var y = Avx512F.ConvertToVector128ByteWithSaturation(Avx512F.ConvertToVector512Int32(Formula(r, g, b, method)).AsUInt32());
            Store(y, ref d, p, dc, ref px);
        }
        return p + Loop<F512>(ref Unsafe.Add(ref s, p * 3), ref Unsafe.Add(ref d, p * dc), pixels - p, 3, dc, method);
    }

    // RGB with AVX2, 32 pixels a step, every 128-bit lane working on its own 16 pixels so that no shuffle crosses
    // lanes on the way in: the gray ends as one 256-bit vector whose low lane holds pixels 0..15 and high lane 16..31
    // (Store256 writes it). Max and desaturation stay on bytes (exact, see GrayBytes256); the weighted and plain averages
    // widen to float32 and run Formula, as every other path.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int LoopRgb256(ref byte s, ref byte d, int pixels, int dc, int method)
    {
        int p = 0;
        if (method == Max || method == Desaturation)
        {
            var m = RgbLanes.Rgb;
            Vector256<byte> r0 = Vector256.Create(m[0]), r1 = Vector256.Create(m[1]), r2 = Vector256.Create(m[2]);
            Vector256<byte> g0 = Vector256.Create(m[3]), g1 = Vector256.Create(m[4]), g2 = Vector256.Create(m[5]);
            Vector256<byte> b0 = Vector256.Create(m[6]), b1 = Vector256.Create(m[7]), b2 = Vector256.Create(m[8]);
            // Lane 0 splits bytes 0..47 (pixels 0..15) as the 128-bit loop does, lane 1 bytes 48..95 (pixels 16..31).
            for (; p <= pixels - 32; p += 32)
            {
                ref byte px = ref Unsafe.Add(ref s, p * 3);
                var x = Vector256.Create(Vector128.LoadUnsafe(ref px), Vector128.LoadUnsafe(ref px, 48));
                var y = Vector256.Create(Vector128.LoadUnsafe(ref px, 16), Vector128.LoadUnsafe(ref px, 64));
                var z = Vector256.Create(Vector128.LoadUnsafe(ref px, 32), Vector128.LoadUnsafe(ref px, 80));
                var r = Avx2.Shuffle(x, r0) | Avx2.Shuffle(y, r1) | Avx2.Shuffle(z, r2);
                var g = Avx2.Shuffle(x, g0) | Avx2.Shuffle(y, g1) | Avx2.Shuffle(z, g2);
                var b = Avx2.Shuffle(x, b0) | Avx2.Shuffle(y, b1) | Avx2.Shuffle(z, b2);
                Store256(GrayBytes256(r, g, b, method), ref d, p, dc);
            }
        }
        else
        {
            // Vector k takes pixels 4k..4k+3 in lane 0 and 16+4k..19+4k in lane 1 (16-byte loads of which 12 bytes
            // count); one pshufb per channel puts each pixel's byte in the low byte of its int32 lane (the widening), and
            // the packs of the four vectors' int32 grays leave lane 0 as pixels 0..15 and lane 1 as 16..31 in order. The
            // last load ends 4 bytes past the 32 pixels, so the loop stops 34 pixels short.
            var ri = Vector256.Create(PlaneIndex(0)); var gi = Vector256.Create(PlaneIndex(1)); var bi = Vector256.Create(PlaneIndex(2));
            for (; p <= pixels - 34; p += 32)
            {
                ref byte px = ref Unsafe.Add(ref s, p * 3);
                var y0 = Quarter256(Vector256.Create(Vector128.LoadUnsafe(ref px), Vector128.LoadUnsafe(ref px, 48)), ri, gi, bi, method);
                var y1 = Quarter256(Vector256.Create(Vector128.LoadUnsafe(ref px, 12), Vector128.LoadUnsafe(ref px, 60)), ri, gi, bi, method);
                var y2 = Quarter256(Vector256.Create(Vector128.LoadUnsafe(ref px, 24), Vector128.LoadUnsafe(ref px, 72)), ri, gi, bi, method);
                var y3 = Quarter256(Vector256.Create(Vector128.LoadUnsafe(ref px, 36), Vector128.LoadUnsafe(ref px, 84)), ri, gi, bi, method);
                Store256(Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(y0, y1), Avx2.PackSignedSaturate(y2, y3)), ref d, p, dc);
            }
        }
        return p + Loop<F256>(ref Unsafe.Add(ref s, p * 3), ref Unsafe.Add(ref d, p * dc), pixels - p, 3, dc, method);
    }

    // Per 16-byte lane: channel k of pixel j (3 bytes apart) into the low byte of int32 lane j, zeros elsewhere.
    private static Vector128<byte> PlaneIndex(int k)
    {
        Span<byte> t = stackalloc byte[16];
        for (int j = 0; j < 4; j++) { t[4 * j] = (byte)(3 * j + k); t[4 * j + 1] = t[4 * j + 2] = t[4 * j + 3] = 0x80; }
        return Vector128.Create((ReadOnlySpan<byte>)t);
    }

    // The int32 grays of the 8 pixels of v (4 per lane, as PlaneIndex reads them): Formula on the same floats as every
    // path, rounded half to even by cvtps2dq.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Quarter256(Vector256<byte> v, Vector256<byte> ri, Vector256<byte> gi, Vector256<byte> bi, int method)
    {
        var r = Avx.ConvertToVector256Single(Avx2.Shuffle(v, ri).AsInt32());
        var g = Avx.ConvertToVector256Single(Avx2.Shuffle(v, gi).AsInt32());
        var b = Avx.ConvertToVector256Single(Avx2.Shuffle(v, bi).AsInt32());
        return Avx.ConvertToVector256Int32(Formula(r, g, b, method));
    }

    // Max and desaturation on bytes. Max is the float max of the same integers. Desaturation is (max + min) 0.5f
    // rounded half to even: the sum s = max + min <= 510 and the halving are exact in float32, so the reference gives
    // round_half_even(s / 2). vpavgb gives a = ceil(s / 2); when s is odd (max xor min has its low bit set) the tie
    // s / 2 = a - 0.5 goes to the even one of a - 1 and a, that is a - 1 when a is odd; when s is even a = s / 2. So the
    // gray is a - ((max ^ min) & a & 1). The tests compare all 2^24 RGB triples with the scalar reference.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> GrayBytes256(Vector256<byte> r, Vector256<byte> g, Vector256<byte> b, int method)
    {
        var mx = Avx2.Max(r, Avx2.Max(g, b));
        if (method == Max) return mx;
        var mn = Avx2.Min(r, Avx2.Min(g, b));
        var a = Avx2.Average(mx, mn);
        return Avx2.Subtract(a, (mx ^ mn) & a & Vector256.Create((byte)1));
    }

    // Writes 32 grays (lane 0: pixels 0..15, lane 1: 16..31) as 1 or 3 channels. With 3 the existing 16-pixel masks run
    // per lane, giving output bytes [0..15 | 48..63], [16..31 | 64..79], [32..47 | 80..95], and vperm2i128 puts the
    // halves in order for three 32-byte stores.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(Vector256<byte> y, ref byte d, int p, int dc)
    {
        if (dc == 1) { y.StoreUnsafe(ref d, (nuint)p); return; }
        ref byte o = ref Unsafe.Add(ref d, p * 3);
        var o0 = Avx2.Shuffle(y, Vector256.Create((byte)0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5));
        var o1 = Avx2.Shuffle(y, Vector256.Create((byte)5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10));
        var o2 = Avx2.Shuffle(y, Vector256.Create((byte)10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15));
        Avx2.Permute2x128(o0, o1, 0x20).StoreUnsafe(ref o);
        Avx2.Permute2x128(o2, o0, 0x30).StoreUnsafe(ref o, 32);
        Avx2.Permute2x128(o1, o2, 0x31).StoreUnsafe(ref o, 64);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Gray<TF>(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int method, TF _)
        where TF : struct, IGray16
        // Max is exact on the bytes (the float max of the same integers).
        => method == Max ? Vector128.Max(r, Vector128.Max(g, b)) : TF.Gray(r, g, b, method);

    // Writes 16 gray bytes as dc-channel pixels: the gray itself, 3 copies, or 3 copies and the source's alpha (src
    // holds 16 4-channel pixels).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector128<byte> y, ref byte d, int p, int dc, ref byte src)
    {
        if (dc == 1) { y.StoreUnsafe(ref d, (nuint)p); return; }
        ref byte o = ref Unsafe.Add(ref d, p * dc);
        if (dc == 3)
        {
            Ssse3.Shuffle(y, Vector128.Create((byte)0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5)).StoreUnsafe(ref o);
            Ssse3.Shuffle(y, Vector128.Create((byte)5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10)).StoreUnsafe(ref o, 16);
            Ssse3.Shuffle(y, Vector128.Create((byte)10, 11, 11, 11, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15)).StoreUnsafe(ref o, 32);
            return;
        }
        var alpha = Vector128.Create(0xFF000000u).AsByte();
        (Ssse3.Shuffle(y, Vector128.Create((byte)0, 0, 0, 0x80, 1, 1, 1, 0x80, 2, 2, 2, 0x80, 3, 3, 3, 0x80))
            | (Vector128.LoadUnsafe(ref src) & alpha)).StoreUnsafe(ref o);
        (Ssse3.Shuffle(y, Vector128.Create((byte)4, 4, 4, 0x80, 5, 5, 5, 0x80, 6, 6, 6, 0x80, 7, 7, 7, 0x80))
            | (Vector128.LoadUnsafe(ref src, 16) & alpha)).StoreUnsafe(ref o, 16);
        (Ssse3.Shuffle(y, Vector128.Create((byte)8, 8, 8, 0x80, 9, 9, 9, 0x80, 10, 10, 10, 0x80, 11, 11, 11, 0x80))
            | (Vector128.LoadUnsafe(ref src, 32) & alpha)).StoreUnsafe(ref o, 32);
        (Ssse3.Shuffle(y, Vector128.Create((byte)12, 12, 12, 0x80, 13, 13, 13, 0x80, 14, 14, 14, 0x80, 15, 15, 15, 0x80))
            | (Vector128.LoadUnsafe(ref src, 48) & alpha)).StoreUnsafe(ref o, 48);
    }

    private interface IGray16
    {
        /// <summary>16 grays from 16 R, G and B bytes (method is not Max).</summary>
        static abstract Vector128<byte> Gray(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int method);
    }

    // The float formula of every method but Max, for any float vector: exactly ColourKernels.Gray's and
    // PixelKernels.Grayscale's operations, in their order. The reference then rounds half to even and clamps to
    // [0, 255]; here the caller's cvtps2dq rounds half to even (the MXCSR default, which .NET never changes) and the clamp
    // is left out because on bytes it never acts: every formula is a sum or max/min of non-negative terms (so y >= 0)
    // and is monotone in r, g and b (float multiplies and adds by non-negative constants are), so y is at most its value
    // at (255, 255, 255): (255 + 255 + 255) / 3 = 255 and (255 + 255) 0.5 = 255 exactly, and 0.299f 255 + 0.587f 255 +
    // 0.114f 255 = 255.0000019 before float rounding (a few ulps of 255, 1.5e-5 each), which rounds to 255. The packs and
    // vpmovusdb below saturate anyway; the tests run all 2^24 RGB triples against the reference.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Formula(Vector512<float> r, Vector512<float> g, Vector512<float> b, int method)
    {
        Vector512<float> y = method switch
        {
            Weighted => Vector512.Create(PixelKernels.LumaR) * r + Vector512.Create(PixelKernels.LumaG) * g + Vector512.Create(PixelKernels.LumaB) * b,
            Average => (r + g + b) / Vector512.Create(3f),
            _ => (Vector512.Max(r, Vector512.Max(g, b)) + Vector512.Min(r, Vector512.Min(g, b))) * Vector512.Create(0.5f),
        };
        return y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Formula(Vector256<float> r, Vector256<float> g, Vector256<float> b, int method)
    {
        Vector256<float> y = method switch
        {
            Weighted => Vector256.Create(PixelKernels.LumaR) * r + Vector256.Create(PixelKernels.LumaG) * g + Vector256.Create(PixelKernels.LumaB) * b,
            Average => (r + g + b) / Vector256.Create(3f),
            _ => (Vector256.Max(r, Vector256.Max(g, b)) + Vector256.Min(r, Vector256.Min(g, b))) * Vector256.Create(0.5f),
        };
        return y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Formula(Vector128<float> r, Vector128<float> g, Vector128<float> b, int method)
    {
        Vector128<float> y = method switch
        {
            Weighted => Vector128.Create(PixelKernels.LumaR) * r + Vector128.Create(PixelKernels.LumaG) * g + Vector128.Create(PixelKernels.LumaB) * b,
            Average => (r + g + b) / Vector128.Create(3f),
            _ => (Vector128.Max(r, Vector128.Max(g, b)) + Vector128.Min(r, Vector128.Min(g, b))) * Vector128.Create(0.5f),
        };
        return y;
    }

    private readonly struct F512 : IGray16
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Gray(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int method)
        {
            var y = Formula(Widen(r), Widen(g), Widen(b), method);
            return Avx512F.ConvertToVector128ByteWithSaturation(Avx512F.ConvertToVector512Int32(y).AsUInt32());
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Widen(Vector128<byte> v) => Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(v));
    }

    private readonly struct F256 : IGray16
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Gray(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int method)
        {
            var rh = Sse2.ShiftRightLogical128BitLane(r, 8);
            var gh = Sse2.ShiftRightLogical128BitLane(g, 8);
            var bh = Sse2.ShiftRightLogical128BitLane(b, 8);
            var lo = Avx.ConvertToVector256Int32(Formula(Widen(r), Widen(g), Widen(b), method));
            var hi = Avx.ConvertToVector256Int32(Formula(Widen(rh), Widen(gh), Widen(bh), method));
            var w0 = Sse2.PackSignedSaturate(lo.GetLower(), lo.GetUpper());
            var w1 = Sse2.PackSignedSaturate(hi.GetLower(), hi.GetUpper());
            return Sse2.PackUnsignedSaturate(w0, w1);
        }

        // The low 8 bytes, widened.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Widen(Vector128<byte> v) => Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(v));
    }

    private readonly struct F128 : IGray16
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Gray(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int method)
        {
            var q0 = Quarter(r, g, b, method);
            var q1 = Quarter(Sse2.ShiftRightLogical128BitLane(r, 4), Sse2.ShiftRightLogical128BitLane(g, 4), Sse2.ShiftRightLogical128BitLane(b, 4), method);
            var q2 = Quarter(Sse2.ShiftRightLogical128BitLane(r, 8), Sse2.ShiftRightLogical128BitLane(g, 8), Sse2.ShiftRightLogical128BitLane(b, 8), method);
            var q3 = Quarter(Sse2.ShiftRightLogical128BitLane(r, 12), Sse2.ShiftRightLogical128BitLane(g, 12), Sse2.ShiftRightLogical128BitLane(b, 12), method);
            return Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(q0, q1), Sse2.PackSignedSaturate(q2, q3));
        }

        // The low 4 pixels, as int32 grays.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<int> Quarter(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int method) =>
            Sse2.ConvertToVector128Int32(Formula(Widen(r), Widen(g), Widen(b), method));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<float> Widen(Vector128<byte> v) => Sse2.ConvertToVector128Single(Sse41.ConvertToVector128Int32(v));
    }
}
