using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// Sixteen 1-, 3- or 4-byte pixels reversed in order with SSSE3 <c>pshufb</c>: the masks and the block step shared by
/// the horizontal flip of <see cref="PixelKernels"/> and the exact row copies of <c>ExactCopyRows</c>. Callers check
/// <see cref="Ssse3.IsSupported"/>.
/// </summary>
internal static class ReverseLanes
{
    // Masks for 16 pixels of 1, 3 or 4 bytes: output vector k ORs input vector q shuffled by Masks[channels][k * channels + q]
    // (bytes that come from another input vector are zeroed by 0x80).
    private static readonly Vector128<byte>[][] Masks = [[], BuildMasks(1), [], BuildMasks(3), BuildMasks(4)];

    private static Vector128<byte>[] BuildMasks(int channels)
    {
        var masks = new Vector128<byte>[channels * channels];
        Span<byte> m = stackalloc byte[16];
        for (int k = 0; k < channels; k++)
            for (int q = 0; q < channels; q++)
            {
                for (int l = 0; l < 16; l++)
                {
                    // Output byte 16 k + l is channel c of output pixel p, which is input pixel 15 - p.
                    int j = 16 * k + l, p = j / channels, c = j % channels;
                    int from = (15 - p) * channels + c;
                    m[l] = from / 16 == q ? (byte)(from % 16) : (byte)0x80;
                }
                masks[k * channels + q] = Vector128.Create((ReadOnlySpan<byte>)m);
            }
        return masks;
    }

    /// <summary>The masks for <paramref name="channels"/> (1, 3 or 4), for <see cref="Block16"/>.</summary>
    internal static Vector128<byte>[] For(int channels) => Masks[channels];

    /// <summary>Writes the 16 pixels at <paramref name="i0"/> in reverse order at <paramref name="o0"/> (which must not
    /// overlap them); <paramref name="masks"/> from <see cref="For"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Block16(ref byte i0, ref byte o0, int channels, Vector128<byte>[] masks)
    {
        switch (channels)
        {
            case 1:
                Ssse3.Shuffle(Vector128.LoadUnsafe(ref i0), masks[0]).StoreUnsafe(ref o0);
                break;
            case 3:
            {
                var a = Vector128.LoadUnsafe(ref i0);
                var bb = Vector128.LoadUnsafe(ref i0, 16);
                var c = Vector128.LoadUnsafe(ref i0, 32);
                (Ssse3.Shuffle(a, masks[0]) | Ssse3.Shuffle(bb, masks[1]) | Ssse3.Shuffle(c, masks[2])).StoreUnsafe(ref o0);
                (Ssse3.Shuffle(a, masks[3]) | Ssse3.Shuffle(bb, masks[4]) | Ssse3.Shuffle(c, masks[5])).StoreUnsafe(ref o0, 16);
                (Ssse3.Shuffle(a, masks[6]) | Ssse3.Shuffle(bb, masks[7]) | Ssse3.Shuffle(c, masks[8])).StoreUnsafe(ref o0, 32);
                break;
            }
            default:
                // Four channels: output vector k is input vector 3 - k with its four pixels reversed.
                for (int k = 0; k < 4; k++)
                    Ssse3.Shuffle(Vector128.LoadUnsafe(ref i0, (nuint)(16 * (3 - k))), masks[k * 4 + 3 - k]).StoreUnsafe(ref o0, (nuint)(16 * k));
                break;
        }
    }
}
