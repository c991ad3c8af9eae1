using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

// The horizontal pass of the separable filter on a vector path, border samples included: the row is copied once into
// a scratch row padded with its reflect-101 neighbours (ax = n / 2 samples on each side, each resolved by the border
// rule, so any width works, 1 included), and every output sample runs the interior vector loop on that copy. A border
// sample reads the same values in the same order as the scalar loop's border branch (acc = acc + k[t] * x[t] from 0,
// t ascending, no fused multiply-adds), so the bits are those of the scalar reference; only the long scalar border
// loops (n taps through the border rule per sample: a third of a 224-wide row for a 65-tap kernel) are gone.
public static partial class FilterKernels
{
    /// <summary>The horizontal pass of one row through a reflect-101 padded copy, on a vector path. Returns false (and
    /// does nothing) on the scalar path.</summary>
    private static bool HorizontalPadded<T>(ReadOnlySpan<T> row, Span<float> outRow, int width, int channels,
        ReadOnlySpan<float> k, SimdPath path) where T : unmanaged
    {
        if (path is not (SimdPath.Vector128 or SimdPath.Vector256 or SimdPath.Vector512)) return false;
        int n = k.Length, ax = n / 2, rowLen = width * channels;
        int padLen = (width + n - 1) * channels;
        T[] pad = ArrayPool<T>.Shared.Rent(padLen);
        try
        {
            // pad[(x + ax) * channels + c] = row[resolve(x) * channels + c] for x in [-ax, width + n - 1 - ax).
            for (int p = 0; p < width + n - 1; p++)
            {
                int q = (int)GeometryKernels.ResolveIndex(p - ax, width, BorderMode.Reflect101);
                row.Slice(q * channels, channels).CopyTo(pad.AsSpan(p * channels, channels));
            }
            ref float kr = ref MemoryMarshal.GetReference(k);
            ref float o = ref MemoryMarshal.GetReference(outRow);
            int done;
            if (typeof(T) == typeof(byte))
            {
                // The vector loop reads s[i + (t - ax) * channels]: s is pad shifted by ax samples.
                ref byte s = ref Unsafe.Add(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(pad)), ax * channels);
                done = path switch
                {
                    SimdPath.Vector128 => HorizontalB<Vector128<float>, Vector128<byte>, W128>(ref s, ref o, 0, rowLen, channels, ref kr, n),
                    SimdPath.Vector256 => HorizontalB<Vector256<float>, Vector256<byte>, W256>(ref s, ref o, 0, rowLen, channels, ref kr, n),
                    _ => HorizontalB<Vector512<float>, Vector512<byte>, W512>(ref s, ref o, 0, rowLen, channels, ref kr, n),
                };
            }
            else
            {
                ref float s = ref Unsafe.Add(ref Unsafe.As<T, float>(ref MemoryMarshal.GetArrayDataReference(pad)), ax * channels);
                done = path switch
                {
                    SimdPath.Vector128 => HorizontalF<Vector128<float>, Vector128<byte>, W128>(ref s, ref o, 0, rowLen, channels, ref kr, n),
                    SimdPath.Vector256 => HorizontalF<Vector256<float>, Vector256<byte>, W256>(ref s, ref o, 0, rowLen, channels, ref kr, n),
                    _ => HorizontalF<Vector512<float>, Vector512<byte>, W512>(ref s, ref o, 0, rowLen, channels, ref kr, n),
                };
            }
            // The remainder (fewer samples than a vector), with the same operations on the padded copy.
            ReadOnlySpan<T> padded = pad.AsSpan(0, padLen);
            for (int i = done; i < rowLen; i++)
            {
                float acc = 0f;
                for (int t = 0; t < n; t++) acc = acc + k[t] * ToFloat(padded[i + t * channels]);
                outRow[i] = acc;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(pad);
        }
        return true;
    }
}
