using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Augment.Native.Kernels;

// The batched path of the glass blur swaps. numpy's simultaneous assignment reads both sides before writing, so every
// value an iteration writes is a value of the image as the iteration found it: x[first[k]] takes old[second[k]] (the
// first positions are distinct, so their order does not matter), then x[second[k]] takes old[first[k]] in k order (a later
// k wins). One pooled snapshot of the image stands for "old", instead of two gathered arrays and two index arrays
// allocated per call; the offsets come a chunk of Philox blocks at a time, row by row, and the first writes happen as they come, noting for
// each pixel the last k that will write it in the second half; the second half then runs row by row too, each swap writing
// only where it is that last k. Both halves walk the image in memory order instead of numpy's column order.
public static partial class GlassKernels
{
    private const int ChunkBlocks = 256;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SwapFast<T>(Span<T> image, int width, int height, int channels, int maxDelta, int iterations,
        uint key0, uint key1, uint stream0, uint stream1, SimdPath path) where T : unmanaged
    {
        int nh = height - 2 * maxDelta, nw = width - 2 * maxDelta;
        int count = nh * nw;
        int pixels = width * height;
        var secondArray = ArrayPool<int>.Shared.Rent(count);
        var winnerArray = ArrayPool<int>.Shared.Rent(pixels);
        var oldArray = ArrayPool<T>.Shared.Rent(image.Length);
        try
        {
            Span<int> second = secondArray.AsSpan(0, count);    // row by row: index ih * nw + jw
            Span<int> winner = winnerArray.AsSpan(0, pixels);   // 1 + the last k whose second write lands on the pixel
            Span<T> old = oldArray.AsSpan(0, image.Length);
            Span<uint> words = stackalloc uint[4 * ChunkBlocks];
            ulong span = (ulong)(2 * maxDelta);
            int hTop = height - maxDelta, wTop = width - maxDelta;
            for (int it = 0; it < iterations; it++)
            {
                image.CopyTo(old);
                winner.Clear();
                // The first writes row by row (their order does not matter): swap k = jw * nh + ih is block
                // k * iterations + it, so along a row the blocks step by nh * iterations.
                for (int ih = 0; ih < nh; ih++)
                {
                    int h = hTop - ih;
                    for (int jw0 = 0; jw0 < nw; jw0 += ChunkBlocks)
                    {
                        int nb = Math.Min(ChunkBlocks, nw - jw0);
                        PhiloxBatch.Blocks(key0, key1, stream0, stream1, ((long)jw0 * nh + ih) * iterations + it, (long)nh * iterations,
                            words[..(4 * nb)], path);
                        for (int j = 0; j < nb; j++)
                        {
                            int jw = jw0 + j;
                            int dy = (int)((words[4 * j] * span) >> 32) - maxDelta, dx = (int)((words[4 * j + 1] * span) >> 32) - maxDelta;
                            int w = wTop - jw;
                            int s = (h + dy) * width + (w + dx);
                            second[ih * nw + jw] = s;
                            int k1 = jw * nh + ih + 1;
                            if (winner[s] < k1) winner[s] = k1;
                            Move(image, h * width + w, old, s, channels);
                        }
                    }
                }
                // The second writes: where several swaps write the same pixel, the last in k order wins, so each
                // swap writes only if it is its target's winner; then the order of the writes does not matter either.
                for (int ih = 0; ih < nh; ih++)
                {
                    int h = hTop - ih;
                    for (int jw = 0; jw < nw; jw++)
                    {
                        int s = second[ih * nw + jw];
                        if (winner[s] == jw * nh + ih + 1) Move(image, s, old, h * width + (wTop - jw), channels);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(secondArray);
            ArrayPool<int>.Shared.Return(winnerArray);
            ArrayPool<T>.Shared.Return(oldArray);
        }
    }

    /// <summary>Pixel <paramref name="to"/> of <paramref name="image"/> takes pixel <paramref name="from"/> of <paramref name="old"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Move<T>(Span<T> image, int to, Span<T> old, int from, int channels) where T : unmanaged
    {
        ref T d = ref Unsafe.Add(ref MemoryMarshal.GetReference(image), (nint)to * channels);
        ref T s = ref Unsafe.Add(ref MemoryMarshal.GetReference(old), (nint)from * channels);
        switch (channels)
        {
            case 1: d = s; break;
            case 3: d = s; Unsafe.Add(ref d, 1) = Unsafe.Add(ref s, 1); Unsafe.Add(ref d, 2) = Unsafe.Add(ref s, 2); break;
            default:
                d = s; Unsafe.Add(ref d, 1) = Unsafe.Add(ref s, 1); Unsafe.Add(ref d, 2) = Unsafe.Add(ref s, 2);
                Unsafe.Add(ref d, 3) = Unsafe.Add(ref s, 3); break;
        }
    }
}
