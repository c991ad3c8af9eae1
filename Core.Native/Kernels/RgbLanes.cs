using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// Splitting 16 interleaved RGB (or RGBA) byte pixels into R, G and B vectors, and joining them back, with constant
/// SSSE3 <c>pshufb</c> masks: the one place the masks and the load/store sequences live for the byte colour kernels
/// (<see cref="GrayKernels"/>, <see cref="JitterKernels"/>, <see cref="TfHsvKernels"/>, <see cref="ClaheKernels"/>).
/// Callers check <see cref="GrayKernels.Width"/> (SSE4.1, so SSSE3) before using these.
/// </summary>
internal static class RgbLanes
{
    // Split masks: Rgb[ch * 3 + j] takes channel ch of 16 RGB pixels out of source vector j (0x80: a zero lane), the
    // pieces OR-ed; Rgba the same for 4-channel pixels.
    internal static readonly Vector128<byte>[] Rgb = SplitMaskTable(3), Rgba = SplitMaskTable(4);

    // Interleave masks: Join3[j * 3 + ch] places 16 bytes of channel ch in output vector j of 16 RGB pixels; Join4 the
    // same for 4-channel pixels (the alpha lanes left zero, filled by Join from the source).
    internal static readonly Vector128<byte>[] Join3 = JoinMaskTable(3), Join4 = JoinMaskTable(4);

    private static Vector128<byte>[] SplitMaskTable(int sc)
    {
        var m = new Vector128<byte>[3 * sc];
        Span<byte> lanes = stackalloc byte[16];
        for (int ch = 0; ch < 3; ch++)
            for (int j = 0; j < sc; j++)
            {
                for (int k = 0; k < 16; k++)
                {
                    int q = k * sc + ch;
                    lanes[k] = q / 16 == j ? (byte)(q % 16) : (byte)0x80;
                }
                m[ch * sc + j] = Vector128.Create((ReadOnlySpan<byte>)lanes);
            }
        return m;
    }

    private static Vector128<byte>[] JoinMaskTable(int sc)
    {
        var m = new Vector128<byte>[sc * 3];
        Span<byte> lanes = stackalloc byte[16];
        for (int j = 0; j < sc; j++)
            for (int ch = 0; ch < 3; ch++)
            {
                for (int k = 0; k < 16; k++)
                {
                    int q = j * 16 + k; // output byte
                    lanes[k] = q % sc == ch ? (byte)(q / sc) : (byte)0x80;
                }
                m[j * 3 + ch] = Vector128.Create((ReadOnlySpan<byte>)lanes);
            }
        return m;
    }

    /// <summary>The split masks for <paramref name="sc"/> (3 or 4) channels, for <see cref="Split"/>.</summary>
    internal static Vector128<byte>[] SplitMasks(int sc) => sc == 3 ? Rgb : Rgba;

    /// <summary>The join masks for <paramref name="sc"/> (3 or 4) channels, for <see cref="Join"/>.</summary>
    internal static Vector128<byte>[] JoinMasks(int sc) => sc == 3 ? Join3 : Join4;

    /// <summary>R, G and B of the 16 pixels (3 or 4 channels) at <paramref name="px"/>; <paramref name="m"/> from
    /// <see cref="SplitMasks"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Split(ref byte px, int sc, Vector128<byte>[] m, out Vector128<byte> r, out Vector128<byte> g, out Vector128<byte> b)
    {
        var a = Vector128.LoadUnsafe(ref px);
        var b1 = Vector128.LoadUnsafe(ref px, 16);
        var c = Vector128.LoadUnsafe(ref px, 32);
        if (sc == 3)
        {
            r = Ssse3.Shuffle(a, m[0]) | Ssse3.Shuffle(b1, m[1]) | Ssse3.Shuffle(c, m[2]);
            g = Ssse3.Shuffle(a, m[3]) | Ssse3.Shuffle(b1, m[4]) | Ssse3.Shuffle(c, m[5]);
            b = Ssse3.Shuffle(a, m[6]) | Ssse3.Shuffle(b1, m[7]) | Ssse3.Shuffle(c, m[8]);
            return;
        }
        var e = Vector128.LoadUnsafe(ref px, 48);
        r = Ssse3.Shuffle(a, m[0]) | Ssse3.Shuffle(b1, m[1]) | Ssse3.Shuffle(c, m[2]) | Ssse3.Shuffle(e, m[3]);
        g = Ssse3.Shuffle(a, m[4]) | Ssse3.Shuffle(b1, m[5]) | Ssse3.Shuffle(c, m[6]) | Ssse3.Shuffle(e, m[7]);
        b = Ssse3.Shuffle(a, m[8]) | Ssse3.Shuffle(b1, m[9]) | Ssse3.Shuffle(c, m[10]) | Ssse3.Shuffle(e, m[11]);
    }

    /// <summary>Writes 16 pixels of <paramref name="sc"/> (3 or 4) channels at <paramref name="o"/> from R, G and B;
    /// with 4 channels the alpha bytes are those of the 16 source pixels at <paramref name="px"/> (which may be
    /// <paramref name="o"/> itself: it is read before it is written). <paramref name="m"/> from <see cref="JoinMasks"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Join(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, int sc, Vector128<byte>[] m, ref byte o, ref byte px)
    {
        if (sc == 3)
        {
            (Ssse3.Shuffle(r, m[0]) | Ssse3.Shuffle(g, m[1]) | Ssse3.Shuffle(b, m[2])).StoreUnsafe(ref o);
            (Ssse3.Shuffle(r, m[3]) | Ssse3.Shuffle(g, m[4]) | Ssse3.Shuffle(b, m[5])).StoreUnsafe(ref o, 16);
            (Ssse3.Shuffle(r, m[6]) | Ssse3.Shuffle(g, m[7]) | Ssse3.Shuffle(b, m[8])).StoreUnsafe(ref o, 32);
            return;
        }
        var alpha = Vector128.Create(0xFF000000u).AsByte();
        var a0 = Vector128.LoadUnsafe(ref px) & alpha;
        var a1 = Vector128.LoadUnsafe(ref px, 16) & alpha;
        var a2 = Vector128.LoadUnsafe(ref px, 32) & alpha;
        var a3 = Vector128.LoadUnsafe(ref px, 48) & alpha;
        (Ssse3.Shuffle(r, m[0]) | Ssse3.Shuffle(g, m[1]) | Ssse3.Shuffle(b, m[2]) | a0).StoreUnsafe(ref o);
        (Ssse3.Shuffle(r, m[3]) | Ssse3.Shuffle(g, m[4]) | Ssse3.Shuffle(b, m[5]) | a1).StoreUnsafe(ref o, 16);
        (Ssse3.Shuffle(r, m[6]) | Ssse3.Shuffle(g, m[7]) | Ssse3.Shuffle(b, m[8]) | a2).StoreUnsafe(ref o, 32);
        (Ssse3.Shuffle(r, m[9]) | Ssse3.Shuffle(g, m[10]) | Ssse3.Shuffle(b, m[11]) | a3).StoreUnsafe(ref o, 48);
    }
}
