using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
namespace Augment.Native.Kernels;

/// <summary>
/// Interleaved 3 &lt;-&gt; 4 channel byte repacking, the conversions around the codec (SkiaSharp reads and writes 4-byte
/// RGBA pixels; images hold 3 channels): RGB to opaque RGBA, RGBA to RGB, and putting a 4th channel back. Pure byte
/// moves, so every path gives the scalar reference's bytes; the SIMD bodies are one <c>pshufb</c> per vector (with a
/// dword permute across 128-bit lanes on 256 and 512 bits) and return how many pixels they wrote, the scalar loop
/// doing the rest.
/// </summary>
public static class ChannelPackKernels
{
    private static void CheckPixels(string name, int length, int bytesPerPixel, int pixels)
    {
        if (length != pixels * bytesPerPixel)
            Throw.Argument(name, length, $"{pixels} pixels of {bytesPerPixel} bytes ({pixels * bytesPerPixel} bytes)");
    }

    /// <summary>
    /// RGBA with an opaque alpha: <c>dst[4i + k] = src[c i + k]</c> for k &lt; 3 and <c>dst[4i + 3] = 255</c>, where c is
    /// <paramref name="srcChannels"/> (3, or 4 whose 4th channel is dropped).
    /// </summary>
    /// <param name="src">c bytes per pixel.</param>
    /// <param name="dst">4 bytes per pixel, as many pixels.</param>
    /// <param name="srcChannels">3 or 4.</param>
    /// <param name="path">The code path; every path gives the same bytes (Scalar is the reference).</param>
    /// <exception cref="ArgumentException">srcChannels is not 3 or 4, or the lengths are not whole, equal pixel counts.</exception>
    public static unsafe void ToOpaqueRgba(ReadOnlySpan<byte> src, Span<byte> dst, int srcChannels, SimdPath path = SimdPath.Auto)
    {
        if (srcChannels is not (3 or 4)) Throw.Argument(nameof(srcChannels), srcChannels, "3 or 4");
        if (src.Length % srcChannels != 0) Throw.Argument(nameof(src), src.Length, $"a multiple of {srcChannels} bytes");
        int n = src.Length / srcChannels;
        CheckPixels(nameof(dst), dst.Length, 4, n);
        int i = 0;
        path = Simd.Resolve(path);
        if (path != SimdPath.Scalar)
            fixed (byte* s = src)
            fixed (byte* d = dst)
                i = srcChannels == 3 ? RgbToRgbaSimd(s, d, n, path) : OpaqueSimd(s, d, n, path);
        for (; i < n; i++)
        {
            dst[4 * i] = src[srcChannels * i];
            dst[4 * i + 1] = src[srcChannels * i + 1];
            dst[4 * i + 2] = src[srcChannels * i + 2];
            dst[4 * i + 3] = 255;
        }
    }

    /// <summary>RGB from RGBA: <c>dst[3i + k] = src[4i + k]</c> for k &lt; 3 (the 4th byte dropped).</summary>
    /// <param name="src">4 bytes per pixel.</param>
    /// <param name="dst">3 bytes per pixel, as many pixels.</param>
    /// <param name="path">The code path; every path gives the same bytes (Scalar is the reference).</param>
    /// <exception cref="ArgumentException">The lengths are not whole, equal pixel counts.</exception>
    public static unsafe void RgbaToRgb(ReadOnlySpan<byte> src, Span<byte> dst, SimdPath path = SimdPath.Auto)
    {
        if (src.Length % 4 != 0) Throw.Argument(nameof(src), src.Length, "a multiple of 4 bytes");
        int n = src.Length / 4;
        CheckPixels(nameof(dst), dst.Length, 3, n);
        int i = 0;
        path = Simd.Resolve(path);
        if (path != SimdPath.Scalar)
            fixed (byte* s = src)
            fixed (byte* d = dst)
                i = RgbaToRgbSimd(s, d, n, path);
        for (; i < n; i++)
        {
            dst[3 * i] = src[4 * i];
            dst[3 * i + 1] = src[4 * i + 1];
            dst[3 * i + 2] = src[4 * i + 2];
        }
    }

    /// <summary>Copies the 4th byte of every 4-byte pixel: <c>dst[4i + 3] = src[4i + 3]</c>; the other bytes of
    /// <paramref name="dst"/> are left as they are.</summary>
    /// <param name="src">4 bytes per pixel.</param>
    /// <param name="dst">4 bytes per pixel, as many pixels.</param>
    /// <param name="path">The code path; every path gives the same bytes (Scalar is the reference).</param>
    /// <exception cref="ArgumentException">The lengths are not whole, equal pixel counts.</exception>
    public static unsafe void CopyAlpha(ReadOnlySpan<byte> src, Span<byte> dst, SimdPath path = SimdPath.Auto)
    {
        if (src.Length % 4 != 0) Throw.Argument(nameof(src), src.Length, "a multiple of 4 bytes");
        int n = src.Length / 4;
        CheckPixels(nameof(dst), dst.Length, 4, n);
        int i = 0;
        path = Simd.Resolve(path);
        if (path != SimdPath.Scalar)
            fixed (byte* s = src)
            fixed (byte* d = dst)
                i = CopyAlphaSimd(s, d, n, path);
        for (; i < n; i++) dst[4 * i + 3] = src[4 * i + 3];
    }

    // ---------------------------------------------------------------- RGB -> RGBA

    // Within each 128-bit lane: four RGB pixels (12 bytes) spread to four RGBA pixels, the alpha bytes zeroed (index
    // 0x80) and then set by an OR with 0xFF000000.
    private static Vector128<byte> Spread => Vector128.Create((byte)0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80);
    private static Vector128<byte> Gather => Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int RgbToRgbaSimd(byte* s, byte* d, int n, SimdPath path)
    {
        int i = 0;
        if (path == SimdPath.Vector512 && Avx512BW.IsSupported)
        {
            // 16 pixels: 48 of the 64 bytes loaded, dwords (0 1 2 _ 3 4 5 _ 6 7 8 _ 9 10 11 _) so that each lane holds 12.
            var perm = Vector512.Create(0, 1, 2, 0, 3, 4, 5, 0, 6, 7, 8, 0, 9, 10, 11, 0).AsUInt32();
            var shuf = Vector512.Create(Vector256.Create(Spread, Spread), Vector256.Create(Spread, Spread));
            var alpha = Vector512.Create(0xFF000000u).AsByte();
            for (; 3 * i + 64 <= 3 * n; i += 16)
            {
                var v = Avx512F.PermuteVar16x32(Avx512F.LoadVector512((uint*)(s + 3 * i)), perm).AsByte();
                Avx512F.Store(d + 4 * i, Avx512F.Or(Avx512BW.Shuffle(v, shuf), alpha));
            }
        }
        if ((path == SimdPath.Vector512 || path == SimdPath.Vector256) && Avx2.IsSupported)
        {
            var perm = Vector256.Create(0, 1, 2, 0, 3, 4, 5, 0).AsUInt32();
            var shuf = Vector256.Create(Spread, Spread);
            var alpha = Vector256.Create(0xFF000000u).AsByte();
            for (; 3 * i + 32 <= 3 * n; i += 8)
            {
                var v = Avx2.PermuteVar8x32(Avx.LoadVector256((uint*)(s + 3 * i)), perm).AsByte();
                Avx.Store(d + 4 * i, Avx2.Or(Avx2.Shuffle(v, shuf), alpha));
            }
        }
        if (Ssse3.IsSupported)
        {
            var shuf = Spread;
            var alpha = Vector128.Create(0xFF000000u).AsByte();
            for (; 3 * i + 16 <= 3 * n; i += 4)
                Sse2.Store(d + 4 * i, Sse2.Or(Ssse3.Shuffle(Sse2.LoadVector128(s + 3 * i), shuf), alpha));
        }
        return i;
    }

    // RGBA (or any 4 bytes) -> the same with the 4th byte 255.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int OpaqueSimd(byte* s, byte* d, int n, SimdPath path)
    {
        int i = 0;
        if (path == SimdPath.Vector512 && Avx512F.IsSupported)
        {
            var alpha = Vector512.Create(0xFF000000u);
            for (; i + 16 <= n; i += 16)
                Avx512F.Store((uint*)(d + 4 * i), Avx512F.Or(Avx512F.LoadVector512((uint*)(s + 4 * i)), alpha));
        }
        if ((path == SimdPath.Vector512 || path == SimdPath.Vector256) && Avx2.IsSupported)
        {
            var alpha = Vector256.Create(0xFF000000u);
            for (; i + 8 <= n; i += 8)
                Avx.Store((uint*)(d + 4 * i), Avx2.Or(Avx.LoadVector256((uint*)(s + 4 * i)), alpha));
        }
        if (Sse2.IsSupported)
        {
            var alpha = Vector128.Create(0xFF000000u);
            for (; i + 4 <= n; i += 4)
                Sse2.Store((uint*)(d + 4 * i), Sse2.Or(Sse2.LoadVector128((uint*)(s + 4 * i)), alpha));
        }
        return i;
    }

    // ---------------------------------------------------------------- RGBA -> RGB

    // Each 128-bit lane gathers its four pixels' 12 colour bytes to the bottom; a dword permute closes the gaps between
    // lanes. The full-width store writes past the pixels it converts, into bytes of dst that later pixels overwrite, so
    // the loop stops a whole vector before dst's end.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int RgbaToRgbSimd(byte* s, byte* d, int n, SimdPath path)
    {
        int i = 0;
        if (path == SimdPath.Vector512 && Avx512BW.IsSupported)
        {
            var shuf = Vector512.Create(Vector256.Create(Gather, Gather), Vector256.Create(Gather, Gather));
            var perm = Vector512.Create(0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 3, 7, 11, 15).AsUInt32();
            for (; 3 * i + 64 <= 3 * n; i += 16)
            {
                var v = Avx512BW.Shuffle(Avx512BW.LoadVector512(s + 4 * i), shuf).AsUInt32();
                Avx512F.Store((uint*)(d + 3 * i), Avx512F.PermuteVar16x32(v, perm));
            }
        }
        if ((path == SimdPath.Vector512 || path == SimdPath.Vector256) && Avx2.IsSupported)
        {
            var shuf = Vector256.Create(Gather, Gather);
            var perm = Vector256.Create(0, 1, 2, 4, 5, 6, 3, 7).AsUInt32();
            for (; 3 * i + 32 <= 3 * n; i += 8)
            {
                var v = Avx2.Shuffle(Avx.LoadVector256(s + 4 * i), shuf).AsUInt32();
                Avx.Store((uint*)(d + 3 * i), Avx2.PermuteVar8x32(v, perm));
            }
        }
        if (Ssse3.IsSupported)
        {
            var shuf = Gather;
            for (; 3 * i + 16 <= 3 * n; i += 4)
                Sse2.Store(d + 3 * i, Ssse3.Shuffle(Sse2.LoadVector128(s + 4 * i), shuf));
        }
        return i;
    }

    // ---------------------------------------------------------------- alpha

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int CopyAlphaSimd(byte* s, byte* d, int n, SimdPath path)
    {
        int i = 0;
        if (path == SimdPath.Vector512 && Avx512F.IsSupported)
        {
            var m = Vector512.Create(0xFF000000u);
            for (; i + 16 <= n; i += 16)
            {
                uint* ps = (uint*)(s + 4 * i), pd = (uint*)(d + 4 * i);
                Avx512F.Store(pd, Avx512F.Or(Avx512F.AndNot(m, Avx512F.LoadVector512(pd)), Avx512F.And(m, Avx512F.LoadVector512(ps))));
            }
        }
        if ((path == SimdPath.Vector512 || path == SimdPath.Vector256) && Avx2.IsSupported)
        {
            var m = Vector256.Create(0xFF000000u);
            for (; i + 8 <= n; i += 8)
            {
                uint* ps = (uint*)(s + 4 * i), pd = (uint*)(d + 4 * i);
                Avx.Store(pd, Avx2.Or(Avx2.AndNot(m, Avx.LoadVector256(pd)), Avx2.And(m, Avx.LoadVector256(ps))));
            }
        }
        if (Sse2.IsSupported)
        {
            var m = Vector128.Create(0xFF000000u);
            for (; i + 4 <= n; i += 4)
            {
                uint* ps = (uint*)(s + 4 * i), pd = (uint*)(d + 4 * i);
                Sse2.Store(pd, Sse2.Or(Sse2.AndNot(m, Sse2.LoadVector128(pd)), Sse2.And(m, Sse2.LoadVector128(ps))));
            }
        }
        return i;
    }
}
