using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
namespace Augment.Native.Kernels;

// SIMD bodies of the byte colour matrix (ToSepia, EnhanceColor). Each returns how many samples (whole pixels) it wrote;
// the scalar reference loop in ColourKernels.cs does the rest. Same bits as the reference: each 128-bit lane holds
// four pixels; one byte shuffle per channel puts the pixels' R (G, B) in the low byte of four int32 lanes and zeroes
// the rest (so the widening is the shuffle itself); the row sums are (m0 R + m1 G) + m2 B in float32, multiplies and
// adds separate as in the scalar loop; float to byte is min(255, y) (left out where it cannot act, see
// ColourMatrixSimd), cvtps2dq (round half to even) and the saturating packs, the same as the conversions (see ColourKernels.Conversions.cs for why that equals the reference's ToByte,
// NaN included). The packs leave each lane as R'0..3 G'0..3 B'0..3 B'0..3, and a last shuffle interleaves the pixels.
// RGB: a lane reads 12 bytes of a 16-byte load and writes 16 bytes of which 12 count; the next store (or the scalar
// remainder, which starts where the vector loop stopped) overwrites the other 4, so loops stop 4 bytes short of the end.
// RGBA: a lane is 16 bytes and the source alpha bytes are merged back in.
public static partial class ColourKernels
{
    private const byte Z = 0x80; // a shuffle index with the high bit set gives 0

    private static unsafe int ColourMatrixSimd(ReadOnlySpan<byte> src, Span<byte> dst, int channels, ReadOnlySpan<float> matrix, SimdPath path)
    {
        path = Simd.Resolve(path);
        if (path == SimdPath.Scalar) return 0;
        // The min(255, y) before the conversion only matters where y could reach 2^31 (cvtps2dq then gives int.MinValue,
        // which the packs would take for 0). With every |m| <= 2^20 a row sum is at most 3 * 2^20 * 255 (1 + 2^-22)^4 <
        // 2^30, so cvtps2dq gives round_half_even(y) exactly and the saturating packs clamp it to [0, 255], the same byte
        // as with the min; the kernels then skip it.
        bool small = true;
        foreach (float v in matrix) small &= MathF.Abs(v) <= 1048576f;
        fixed (byte* s = src)
        fixed (byte* d = dst)
        fixed (float* m = matrix)
            return path switch
            {
                SimdPath.Vector512 when channels == 3 && Avx512Vbmi.IsSupported =>
                    small ? Matrix512Vbmi<NoClip>(s, d, src.Length, m) : Matrix512Vbmi<Clip>(s, d, src.Length, m),
                SimdPath.Vector512 when Avx512BW.IsSupported =>
                    small ? Matrix512<NoClip>(s, d, src.Length, channels, m) : Matrix512<Clip>(s, d, src.Length, channels, m),
                SimdPath.Vector512 or SimdPath.Vector256 when Avx2.IsSupported =>
                    small ? Matrix256<NoClip>(s, d, src.Length, channels, m) : Matrix256<Clip>(s, d, src.Length, channels, m),
                _ when Sse41.IsSupported =>
                    small ? Matrix128<NoClip>(s, d, src.Length, channels, m) : Matrix128<Clip>(s, d, src.Length, channels, m),
                _ => 0,
            };
    }

    // Whether the kernels clip the row sums at 255 before converting them (see ColourMatrixSimd); a type argument, so
    // each loop is compiled with or without the min.
    private interface IClip { static abstract bool On { get; } }
    private readonly struct Clip : IClip { public static bool On => true; }
    private readonly struct NoClip : IClip { public static bool On => false; }

    // Per 16-byte lane: channel k of pixel j (stride bytes apart) into the low byte of int32 lane j.
    private static Vector128<byte> PlaneIndex(int stride, int k)
    {
        Span<byte> t = stackalloc byte[16];
        for (int j = 0; j < 4; j++) { t[4 * j] = (byte)(stride * j + k); t[4 * j + 1] = t[4 * j + 2] = t[4 * j + 3] = Z; }
        return Vector128.Create((ReadOnlySpan<byte>)t);
    }

    // From R'0..3 G'0..3 B'0..3 B'0..3 to the pixels in order, stride 3 (4 bytes of zeros at the end) or 4 (alpha zero);
    // blue from bytes blue..blue+3 (8, or 12 for the second half of Matrix256's 16-pixel step).
    private static Vector128<byte> InterleaveIndex(int stride, int blue = 8)
    {
        Span<byte> t = stackalloc byte[16];
        t.Fill(Z);
        for (int j = 0; j < 4; j++)
            for (int k = 0; k < 3; k++) t[stride * j + k] = (byte)(k < 2 ? 4 * k + j : blue + j);
        return Vector128.Create((ReadOnlySpan<byte>)t);
    }

    private static Vector128<byte> AlphaMask() => Vector128.Create(0xFF000000u).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Matrix256<TC>(byte* s, byte* d, int n, int channels, float* m) where TC : struct, IClip
    {
        var m0 = Vector256.Create(m[0]); var m1 = Vector256.Create(m[1]); var m2 = Vector256.Create(m[2]);
        var m3 = Vector256.Create(m[3]); var m4 = Vector256.Create(m[4]); var m5 = Vector256.Create(m[5]);
        var m6 = Vector256.Create(m[6]); var m7 = Vector256.Create(m[7]); var m8 = Vector256.Create(m[8]);
        var top = Vector256.Create(255f);
        var ri = Vector256.Create(PlaneIndex(channels, 0)); var gi = Vector256.Create(PlaneIndex(channels, 1)); var bi = Vector256.Create(PlaneIndex(channels, 2));
        var oi = Vector256.Create(InterleaveIndex(channels));
        int i = 0;
        if (channels == 3)
        {
            // 16 pixels a step: v holds pixels 0..7 and w 8..15 (4 a lane). The blue rows of both share one pack, so
            // lane L of the first result is R'G'B'(v)B'(w) of v's four pixels and of the second R'G'(w)B'(v)B'(w) of w's;
            // oi picks bytes 8..11 for blue, ow bytes 12..15. Six packs become five and the float work is unchanged,
            // which on AVX2 (the float multiplies and adds bound this loop) is worth about a tenth.
            var ow = Vector256.Create(InterleaveIndex(3, 12));
            for (; i <= n - 52; i += 48)
            {
                var v = Vector256.Create(Sse2.LoadVector128(s + i), Sse2.LoadVector128(s + i + 12));
                var w = Vector256.Create(Sse2.LoadVector128(s + i + 24), Sse2.LoadVector128(s + i + 36));
                Planes256<TC>(v, ri, gi, bi, m0, m1, m2, m3, m4, m5, m6, m7, m8, top, out var y0, out var y1, out var y2);
                Planes256<TC>(w, ri, gi, bi, m0, m1, m2, m3, m4, m5, m6, m7, m8, top, out var z0, out var z1, out var z2);
                var bb = Avx2.PackSignedSaturate(y2, z2);
                var o = Avx2.Shuffle(Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(y0, y1), bb), oi);
                var o2 = Avx2.Shuffle(Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(z0, z1), bb), ow);
                Sse2.Store(d + i, o.GetLower());
                Sse2.Store(d + i + 12, o.GetUpper());
                Sse2.Store(d + i + 24, o2.GetLower());
                Sse2.Store(d + i + 36, o2.GetUpper());
            }
            for (; i <= n - 28; i += 24)
            {
                var v = Vector256.Create(Sse2.LoadVector128(s + i), Sse2.LoadVector128(s + i + 12));
                var o = Avx2.Shuffle(Rows256<TC>(v, ri, gi, bi, m0, m1, m2, m3, m4, m5, m6, m7, m8, top), oi);
                Sse2.Store(d + i, o.GetLower());
                Sse2.Store(d + i + 12, o.GetUpper());
            }
        }
        else
        {
            var alpha = Vector256.Create(AlphaMask());
            for (; i <= n - 32; i += 32)
            {
                var v = Avx.LoadVector256(s + i);
                Avx.Store(d + i, Avx2.Or(Avx2.Shuffle(Rows256<TC>(v, ri, gi, bi, m0, m1, m2, m3, m4, m5, m6, m7, m8, top), oi), Avx2.And(v, alpha)));
            }
        }
        return i;
    }

    // The three rows of v's 8 pixels as rounded int32 (R', G', B'), the same operations as Rows256.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Planes256<TC>(Vector256<byte> v, Vector256<byte> ri, Vector256<byte> gi, Vector256<byte> bi,
        Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4,
        Vector256<float> m5, Vector256<float> m6, Vector256<float> m7, Vector256<float> m8, Vector256<float> top,
        out Vector256<int> y0, out Vector256<int> y1, out Vector256<int> y2) where TC : struct, IClip
    {
        var r = Avx.ConvertToVector256Single(Avx2.Shuffle(v, ri).AsInt32());
        var g = Avx.ConvertToVector256Single(Avx2.Shuffle(v, gi).AsInt32());
        var b = Avx.ConvertToVector256Single(Avx2.Shuffle(v, bi).AsInt32());
        var s0 = Avx.Add(Avx.Add(Avx.Multiply(m0, r), Avx.Multiply(m1, g)), Avx.Multiply(m2, b));
        y0 = Avx.ConvertToVector256Int32(TC.On ? Avx.Min(top, s0) : s0);
        var s1 = Avx.Add(Avx.Add(Avx.Multiply(m3, r), Avx.Multiply(m4, g)), Avx.Multiply(m5, b));
        y1 = Avx.ConvertToVector256Int32(TC.On ? Avx.Min(top, s1) : s1);
        var s2 = Avx.Add(Avx.Add(Avx.Multiply(m6, r), Avx.Multiply(m7, g)), Avx.Multiply(m8, b));
        y2 = Avx.ConvertToVector256Int32(TC.On ? Avx.Min(top, s2) : s2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Rows256<TC>(Vector256<byte> v, Vector256<byte> ri, Vector256<byte> gi, Vector256<byte> bi,
        Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4,
        Vector256<float> m5, Vector256<float> m6, Vector256<float> m7, Vector256<float> m8, Vector256<float> top) where TC : struct, IClip
    {
        var r = Avx.ConvertToVector256Single(Avx2.Shuffle(v, ri).AsInt32());
        var g = Avx.ConvertToVector256Single(Avx2.Shuffle(v, gi).AsInt32());
        var b = Avx.ConvertToVector256Single(Avx2.Shuffle(v, bi).AsInt32());
        var s0 = Avx.Add(Avx.Add(Avx.Multiply(m0, r), Avx.Multiply(m1, g)), Avx.Multiply(m2, b));
        var y0 = Avx.ConvertToVector256Int32(TC.On ? Avx.Min(top, s0) : s0);
        var s1 = Avx.Add(Avx.Add(Avx.Multiply(m3, r), Avx.Multiply(m4, g)), Avx.Multiply(m5, b));
        var y1 = Avx.ConvertToVector256Int32(TC.On ? Avx.Min(top, s1) : s1);
        var s2 = Avx.Add(Avx.Add(Avx.Multiply(m6, r), Avx.Multiply(m7, g)), Avx.Multiply(m8, b));
        var y2 = Avx.ConvertToVector256Int32(TC.On ? Avx.Min(top, s2) : s2);
        return Avx2.PackUnsignedSaturate(Avx2.PackSignedSaturate(y0, y1), Avx2.PackSignedSaturate(y2, y2));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Matrix512<TC>(byte* s, byte* d, int n, int channels, float* m) where TC : struct, IClip
    {
        var m0 = Vector512.Create(m[0]); var m1 = Vector512.Create(m[1]); var m2 = Vector512.Create(m[2]);
        var m3 = Vector512.Create(m[3]); var m4 = Vector512.Create(m[4]); var m5 = Vector512.Create(m[5]);
        var m6 = Vector512.Create(m[6]); var m7 = Vector512.Create(m[7]); var m8 = Vector512.Create(m[8]);
        var top = Vector512.Create(255f);
        var ri = Vector512.Create(PlaneIndex(channels, 0)); var gi = Vector512.Create(PlaneIndex(channels, 1)); var bi = Vector512.Create(PlaneIndex(channels, 2));
        var oi = Vector512.Create(InterleaveIndex(channels));
        int i = 0;
        if (channels == 3)
        {
            for (; i <= n - 52; i += 48)
            {
                var v = Vector512.Create(
                    Vector256.Create(Sse2.LoadVector128(s + i), Sse2.LoadVector128(s + i + 12)),
                    Vector256.Create(Sse2.LoadVector128(s + i + 24), Sse2.LoadVector128(s + i + 36)));
                var o = Avx512BW.Shuffle(Rows512<TC>(v, ri, gi, bi, m0, m1, m2, m3, m4, m5, m6, m7, m8, top), oi);
                Sse2.Store(d + i, o.GetLower().GetLower());
                Sse2.Store(d + i + 12, o.GetLower().GetUpper());
                Sse2.Store(d + i + 24, o.GetUpper().GetLower());
                Sse2.Store(d + i + 36, o.GetUpper().GetUpper());
            }
        }
        else
        {
            var alpha = Vector512.Create(AlphaMask());
            for (; i <= n - 64; i += 64)
            {
                var v = Avx512F.LoadVector512(s + i);
                Avx512F.Store(d + i, Avx512F.Or(Avx512BW.Shuffle(Rows512<TC>(v, ri, gi, bi, m0, m1, m2, m3, m4, m5, m6, m7, m8, top), oi), Avx512F.And(v, alpha)));
            }
        }
        return i;
    }

    // RGB with AVX-512 VBMI: 16 pixels from one 64-byte load (48 bytes used). One vpermb per channel puts pixel j's
    // byte in the low byte of dword j and an and clears the rest: the same int32 lanes as the pshufb widening, so
    // Rows512's arithmetic is unchanged (pixel j now sits in dword j: 128-bit lane L holds pixels 4L..4L+3). Its packs
    // leave lane L as R'G'B'B' of those four pixels, and one vpermb gathers the 48 result bytes in pixel order; the
    // 64-byte store's last 16 bytes are overwritten by the next store or by the rest (Matrix512 then the scalar loop,
    // which start where this loop stopped), so the loop stops 64 bytes short of the end.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Matrix512Vbmi<TC>(byte* s, byte* d, int n, float* m) where TC : struct, IClip
    {
        var m0 = Vector512.Create(m[0]); var m1 = Vector512.Create(m[1]); var m2 = Vector512.Create(m[2]);
        var m3 = Vector512.Create(m[3]); var m4 = Vector512.Create(m[4]); var m5 = Vector512.Create(m[5]);
        var m6 = Vector512.Create(m[6]); var m7 = Vector512.Create(m[7]); var m8 = Vector512.Create(m[8]);
        var top = Vector512.Create(255f);
        byte* idx = stackalloc byte[256];
        for (int k = 0; k < 3; k++)
            for (int j = 0; j < 16; j++)
            {
                idx[64 * k + 4 * j] = (byte)(3 * j + k);
                idx[64 * k + 4 * j + 1] = idx[64 * k + 4 * j + 2] = idx[64 * k + 4 * j + 3] = 0;
            }
        for (int o = 0; o < 64; o++)
            idx[192 + o] = o < 48 ? (byte)(16 * (o / 3 / 4) + 4 * (o % 3) + o / 3 % 4) : (byte)0;
        var ri = Avx512F.LoadVector512(idx); var gi = Avx512F.LoadVector512(idx + 64); var bi = Avx512F.LoadVector512(idx + 128);
        var oi = Avx512F.LoadVector512(idx + 192);
        var low = Vector512.Create(0xFFu).AsByte();
        int i = 0;
        for (; i <= n - 64; i += 48)
        {
            var v = Avx512F.LoadVector512(s + i);
            var r = Avx512F.ConvertToVector512Single(Avx512F.And(Avx512Vbmi.PermuteVar64x8(v, ri), low).AsInt32());
            var g = Avx512F.ConvertToVector512Single(Avx512F.And(Avx512Vbmi.PermuteVar64x8(v, gi), low).AsInt32());
            var b = Avx512F.ConvertToVector512Single(Avx512F.And(Avx512Vbmi.PermuteVar64x8(v, bi), low).AsInt32());
            Avx512F.Store(d + i, Avx512Vbmi.PermuteVar64x8(Planes512<TC>(r, g, b, m0, m1, m2, m3, m4, m5, m6, m7, m8, top), oi));
        }
        return i + Matrix512<TC>(s + i, d + i, n - i, 3, m);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Rows512<TC>(Vector512<byte> v, Vector512<byte> ri, Vector512<byte> gi, Vector512<byte> bi,
        Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4,
        Vector512<float> m5, Vector512<float> m6, Vector512<float> m7, Vector512<float> m8, Vector512<float> top) where TC : struct, IClip
    {
        var r = Avx512F.ConvertToVector512Single(Avx512BW.Shuffle(v, ri).AsInt32());
        var g = Avx512F.ConvertToVector512Single(Avx512BW.Shuffle(v, gi).AsInt32());
        var b = Avx512F.ConvertToVector512Single(Avx512BW.Shuffle(v, bi).AsInt32());
        return Planes512<TC>(r, g, b, m0, m1, m2, m3, m4, m5, m6, m7, m8, top);
    }

    // The three rows on R, G and B as float32, converted and packed: lane L ends as R'G'B'B' of its four pixels.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Planes512<TC>(Vector512<float> r, Vector512<float> g, Vector512<float> b,
        Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4,
        Vector512<float> m5, Vector512<float> m6, Vector512<float> m7, Vector512<float> m8, Vector512<float> top) where TC : struct, IClip
    {
        var s0 = Avx512F.Add(Avx512F.Add(Avx512F.Multiply(m0, r), Avx512F.Multiply(m1, g)), Avx512F.Multiply(m2, b));
        var y0 = Avx512F.ConvertToVector512Int32(TC.On ? Avx512F.Min(top, s0) : s0);
        var s1 = Avx512F.Add(Avx512F.Add(Avx512F.Multiply(m3, r), Avx512F.Multiply(m4, g)), Avx512F.Multiply(m5, b));
        var y1 = Avx512F.ConvertToVector512Int32(TC.On ? Avx512F.Min(top, s1) : s1);
        var s2 = Avx512F.Add(Avx512F.Add(Avx512F.Multiply(m6, r), Avx512F.Multiply(m7, g)), Avx512F.Multiply(m8, b));
        var y2 = Avx512F.ConvertToVector512Int32(TC.On ? Avx512F.Min(top, s2) : s2);
        return Avx512BW.PackUnsignedSaturate(Avx512BW.PackSignedSaturate(y0, y1), Avx512BW.PackSignedSaturate(y2, y2));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Matrix128<TC>(byte* s, byte* d, int n, int channels, float* m) where TC : struct, IClip
    {
        var m0 = Vector128.Create(m[0]); var m1 = Vector128.Create(m[1]); var m2 = Vector128.Create(m[2]);
        var m3 = Vector128.Create(m[3]); var m4 = Vector128.Create(m[4]); var m5 = Vector128.Create(m[5]);
        var m6 = Vector128.Create(m[6]); var m7 = Vector128.Create(m[7]); var m8 = Vector128.Create(m[8]);
        var top = Vector128.Create(255f);
        var ri = PlaneIndex(channels, 0); var gi = PlaneIndex(channels, 1); var bi = PlaneIndex(channels, 2);
        var oi = InterleaveIndex(channels);
        int i = 0;
        if (channels == 3)
        {
            for (; i <= n - 16; i += 12)
                Sse2.Store(d + i, Ssse3.Shuffle(Rows128<TC>(Sse2.LoadVector128(s + i), ri, gi, bi, m0, m1, m2, m3, m4, m5, m6, m7, m8, top), oi));
        }
        else
        {
            var alpha = AlphaMask();
            for (; i <= n - 16; i += 16)
            {
                var v = Sse2.LoadVector128(s + i);
                Sse2.Store(d + i, Sse2.Or(Ssse3.Shuffle(Rows128<TC>(v, ri, gi, bi, m0, m1, m2, m3, m4, m5, m6, m7, m8, top), oi), Sse2.And(v, alpha)));
            }
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Rows128<TC>(Vector128<byte> v, Vector128<byte> ri, Vector128<byte> gi, Vector128<byte> bi,
        Vector128<float> m0, Vector128<float> m1, Vector128<float> m2, Vector128<float> m3, Vector128<float> m4,
        Vector128<float> m5, Vector128<float> m6, Vector128<float> m7, Vector128<float> m8, Vector128<float> top) where TC : struct, IClip
    {
        var r = Sse2.ConvertToVector128Single(Ssse3.Shuffle(v, ri).AsInt32());
        var g = Sse2.ConvertToVector128Single(Ssse3.Shuffle(v, gi).AsInt32());
        var b = Sse2.ConvertToVector128Single(Ssse3.Shuffle(v, bi).AsInt32());
        var s0 = Sse.Add(Sse.Add(Sse.Multiply(m0, r), Sse.Multiply(m1, g)), Sse.Multiply(m2, b));
        var y0 = Sse2.ConvertToVector128Int32(TC.On ? Sse.Min(top, s0) : s0);
        var s1 = Sse.Add(Sse.Add(Sse.Multiply(m3, r), Sse.Multiply(m4, g)), Sse.Multiply(m5, b));
        var y1 = Sse2.ConvertToVector128Int32(TC.On ? Sse.Min(top, s1) : s1);
        var s2 = Sse.Add(Sse.Add(Sse.Multiply(m6, r), Sse.Multiply(m7, g)), Sse.Multiply(m8, b));
        var y2 = Sse2.ConvertToVector128Int32(TC.On ? Sse.Min(top, s2) : s2);
        return Sse2.PackUnsignedSaturate(Sse2.PackSignedSaturate(y0, y1), Sse2.PackSignedSaturate(y2, y2));
    }
}
