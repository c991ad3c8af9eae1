using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// The row-preserving part of <see cref="GeometryKernels.CopyExact{T}"/> (maps with B = D = 0: pads, crops, shifts,
/// flips) as row copies, with the border decided once per call instead of once per pixel. The map sends destination
/// column j to source column <c>A j + C</c> for every row alike, so the border rule is resolved once per column and the
/// columns are cut into runs: in-window or reflected columns that step by +1 (one span copy), by -1 (a reversed copy,
/// the SIMD row reversal of the horizontal flip), that repeat one column (replicate) or that take the fill (a copy
/// from a row of the fill pattern). Rows that read inside the window are built from the runs; a destination row whose
/// source row resolves (replicate, reflect-101) to a row that some in-window destination row already reads is a
/// copy of that destination row; rows that take the fill are copies of the pattern row. Every value written is the
/// one the per-pixel reference (<see cref="GeometryKernels.CopyExactReference{T}"/>) writes, so the bits are the same.
/// </summary>
internal static class ExactCopyRows
{
    private enum RunKind : byte { Fill, Forward, Reverse, Repeat }

    // Destination columns [J, J + N); Src the source column of destination column J (Forward ascends from it,
    // Reverse descends, Repeat stays).
    private struct Run
    {
        public int J, N, Src;
        public RunKind Kind;
    }

    /// <summary>Copies by a row-preserving exact map (|A| = |E| = 1, B = D = 0); the arguments are checked by the caller.
    /// <paramref name="path"/> picks the reversal's path (every path gives the same bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Copy<T>(ReadOnlySpan<T> src, int srcWidth, int channels, Span<T> dst, int dstWidth, int dstHeight,
        IntegerMap m, int wx0, int wy0, int wx1, int wy1, BorderMode border, ReadOnlySpan<T> fill, SimdPath path)
        where T : unmanaged
    {
        int row = dstWidth * channels;
        Run[] runs = ArrayPool<Run>.Shared.Rent(dstWidth);
        T[]? pattern = null;
        try
        {
            int count = BuildRuns(runs, dstWidth, m.A, m.C, wx0, wx1, border);
            bool needPattern = border == BorderMode.Constant;
            if (needPattern)
            {
                pattern = ArrayPool<T>.Shared.Rent(row);
                FillPattern(pattern.AsSpan(0, row), fill, channels);
            }
            ReadOnlySpan<T> pat = pattern is null ? default : pattern.AsSpan(0, row);
            ReadOnlySpan<Run> rs = runs.AsSpan(0, count);
            int wh = wy1 - wy0;
            // Pass 1: the rows whose source row lies in the window. Bytes whose row is a fill, one forward run and a
            // fill (either fill may be missing: crops, constant pads, flips of rows) take three inline copies per row
            // instead of the run loop, whose per-row cost is a large part of a short row's copy.
            if (typeof(T) == typeof(byte) && Simd.Resolve(path) != SimdPath.Scalar && Vector128.IsHardwareAccelerated
                && FillForwardFill(rs, out int left, out int mid, out int right, out int from))
            {
                // The destination rows whose source row sy = E i + F lies in the window (E = +-1): one range [i0, i1).
                long a0 = m.E == 1 ? wy0 - (long)m.F : (long)m.F - (wy1 - 1), a1 = m.E == 1 ? wy1 - (long)m.F : (long)m.F - wy0 + 1;
                int i0 = (int)Math.Clamp(a0, 0, dstHeight), i1 = (int)Math.Clamp(a1, 0, dstHeight);
                if (i1 > i0)
                    FillForwardFillRows(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(src)), srcWidth * channels,
                        ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(dst)), row,
                        ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(pat)),
                        left * channels, mid * channels, right * channels, from * channels, i0, i1, m.E, m.F);
            }
            else
                for (int i = 0; i < dstHeight; i++)
                {
                    long sy = (long)m.E * i + m.F;
                    if (sy < wy0 || sy >= wy1) continue;
                    BuildRow(src.Slice((int)sy * srcWidth * channels, srcWidth * channels), dst.Slice(i * row, row), rs, channels, pat, path);
                }
            // Pass 2: the rows outside it take the fill, a copy of a pass-1 row, or (a window row no destination row
            // reads) their own runs.
            for (int i = 0; i < dstHeight; i++)
            {
                long sy = (long)m.E * i + m.F;
                if (sy >= wy0 && sy < wy1) continue;
                Span<T> drow = dst.Slice(i * row, row);
                long r = GeometryKernels.ResolveIndex(sy - wy0, wh, border);
                if (r < 0)
                {
                    // The fill: consecutive fill rows are one block of the destination, copied from the pattern row
                    // by doubling (one copy of the row, then of two rows, ...).
                    int k = i + 1;
                    while (k < dstHeight && ((long)m.E * k + m.F < wy0 || (long)m.E * k + m.F >= wy1)
                           && GeometryKernels.ResolveIndex((long)m.E * k + m.F - wy0, wh, border) < 0) k++;
                    Span<T> block = dst.Slice(i * row, (k - i) * row);
                    pat.CopyTo(block);
                    for (int done = row; done < block.Length; done *= 2)
                        block.Slice(0, Math.Min(done, block.Length - done)).CopyTo(block.Slice(done));
                    i = k - 1;
                    continue;
                }
                long ry = r + wy0;
                long other = m.E * (ry - m.F);
                if (other >= 0 && other < dstHeight) dst.Slice((int)other * row, row).CopyTo(drow);
                else BuildRow(src.Slice((int)ry * srcWidth * channels, srcWidth * channels), drow, rs, channels, pat, path);
            }
        }
        finally
        {
            ArrayPool<Run>.Shared.Return(runs);
            if (pattern is not null) ArrayPool<T>.Shared.Return(pattern);
        }
    }

    // Destination rows [i0, i1) of bytes as a fill of l bytes, n bytes of source row E i + F from byte at, and a fill
    // of r bytes (the fills from the pattern row f0). A loop of its own, with everything in registers: a row of a pad
    // is three short copies, where the per-row bookkeeping costs as much as the copying.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillForwardFillRows(ref byte s0, int srcRow, ref byte d0, int row, ref byte f0, int left, int mid, int right,
        int at, int i0, int i1, int e, int f)
    {
        nuint l = (nuint)left, n = (nuint)mid, r = (nuint)right;
        ref byte s = ref Unsafe.Add(ref s0, ((nint)e * i0 + f) * srcRow + at);
        nint sStep = (nint)e * srcRow;
        ref byte d = ref Unsafe.Add(ref d0, (nint)i0 * row);
        for (int i = i0; i < i1; i++)
        {
            if (l > 0) Move(ref f0, ref d, l);
            Move(ref s, ref Unsafe.Add(ref d, l), n);
            if (r > 0) Move(ref f0, ref Unsafe.Add(ref d, l + n), r);
            s = ref Unsafe.Add(ref s, sStep);
            d = ref Unsafe.Add(ref d, row);
        }
    }

    // The runs of destination columns [0, n), from the resolved source column of each.
    private static int BuildRuns(Run[] runs, int n, int a, int c, int wx0, int wx1, BorderMode border)
    {
        int ww = wx1 - wx0, count = 0;
        long Resolve(int j)
        {
            long r = GeometryKernels.ResolveIndex((long)a * j + c - wx0, ww, border);
            return r < 0 ? -1 : r + wx0;
        }
        int jj = 0;
        while (jj < n)
        {
            long first = Resolve(jj);
            int len = 1;
            RunKind kind;
            if (first < 0)
            {
                kind = RunKind.Fill;
                while (jj + len < n && Resolve(jj + len) < 0) len++;
            }
            else if ((long)a * jj + c == first && jj + 1 < n)
            {
                // Inside the window (the source column is its own): the run goes on to the window's edge, where the
                // border rule starts, without resolving each column.
                kind = a == 1 ? RunKind.Forward : RunKind.Reverse;
                len = (int)Math.Min(n - jj, a == 1 ? wx1 - first : first - wx0 + 1);
                // A one-column window run may extend as a repeat or a reflection: leave such runs to the general rule.
                if (len == 1) kind = RunKind.Forward;
            }
            else
            {
                kind = RunKind.Forward;
                if (jj + 1 < n)
                {
                    long next = Resolve(jj + 1);
                    long step = next - first;
                    if (next >= 0 && step is >= -1 and <= 1)
                    {
                        kind = step == 1 ? RunKind.Forward : step == -1 ? RunKind.Reverse : RunKind.Repeat;
                        len = 2;
                        while (jj + len < n && first + step * len >= 0 && Resolve(jj + len) == first + step * len) len++;
                    }
                }
            }
            runs[count++] = new Run { J = jj, N = len, Src = (int)Math.Max(first, 0), Kind = kind };
            jj += len;
        }
        return count;
    }

    // Whether the runs are a fill of `left` columns, a forward run of `mid` columns from source column `from`, and a fill
    // of `right` columns (either fill may be missing).
    private static bool FillForwardFill(ReadOnlySpan<Run> runs, out int left, out int mid, out int right, out int from)
    {
        left = mid = right = from = 0;
        int k = 0;
        if (k < runs.Length && runs[k].Kind == RunKind.Fill) left = runs[k++].N;
        if (k >= runs.Length || runs[k].Kind != RunKind.Forward) return false;
        mid = runs[k].N; from = runs[k].Src; k++;
        if (k < runs.Length && runs[k].Kind == RunKind.Fill) right = runs[k++].N;
        return k == runs.Length;
    }

    // One fill pixel repeated along a row.
    private static void FillPattern<T>(Span<T> pattern, ReadOnlySpan<T> fill, int channels) where T : unmanaged
    {
        bool same = true;
        for (int c = 1; c < channels; c++) same &= EqualityComparer<T>.Default.Equals(fill[c], fill[0]);
        if (same) { pattern.Fill(fill[0]); return; }
        fill.CopyTo(pattern);
        // Doubling copies of the pattern so far.
        for (int done = channels; done < pattern.Length; done *= 2)
            pattern.Slice(0, Math.Min(done, pattern.Length - done)).CopyTo(pattern.Slice(done));
    }

    private static void BuildRow<T>(ReadOnlySpan<T> srow, Span<T> drow, ReadOnlySpan<Run> runs, int channels, ReadOnlySpan<T> pattern,
        SimdPath path) where T : unmanaged
    {
        if (typeof(T) == typeof(byte) && Simd.Resolve(path) != SimdPath.Scalar && Vector128.IsHardwareAccelerated)
        {
            BuildRowBytes(MemoryMarshal.Cast<T, byte>(srow), MemoryMarshal.Cast<T, byte>(drow), runs, channels,
                MemoryMarshal.Cast<T, byte>(pattern), path);
            return;
        }
        foreach (ref readonly Run r in runs)
        {
            Span<T> to = drow.Slice(r.J * channels, r.N * channels);
            switch (r.Kind)
            {
                case RunKind.Fill:
                    pattern.Slice(0, r.N * channels).CopyTo(to);
                    break;
                case RunKind.Forward:
                    srow.Slice(r.Src * channels, r.N * channels).CopyTo(to);
                    break;
                case RunKind.Reverse:
                    Reverse(srow.Slice((r.Src - r.N + 1) * channels, r.N * channels), to, r.N, channels, path);
                    break;
                default:
                    {
                        ReadOnlySpan<T> px = srow.Slice(r.Src * channels, channels);
                        for (int k = 0; k < r.N; k++) px.CopyTo(to.Slice(k * channels, channels));
                        break;
                    }
            }
        }
    }

    // A byte row: forward and fill runs copied by inline vector loads and stores (a row of a pad is a few short runs,
    // where a call of the general memmove per run costs more than the copying); reversed and repeated runs as above.
    private static void BuildRowBytes(ReadOnlySpan<byte> srow, Span<byte> drow, ReadOnlySpan<Run> runs, int channels,
        ReadOnlySpan<byte> pattern, SimdPath path)
    {
        ref byte s = ref MemoryMarshal.GetReference(srow);
        ref byte d = ref MemoryMarshal.GetReference(drow);
        ref byte f = ref MemoryMarshal.GetReference(pattern);
        foreach (ref readonly Run r in runs)
        {
            nuint n = (nuint)(r.N * channels);
            ref byte to = ref Unsafe.Add(ref d, r.J * channels);
            switch (r.Kind)
            {
                case RunKind.Fill:
                    Move(ref f, ref to, n);
                    break;
                case RunKind.Forward:
                    Move(ref Unsafe.Add(ref s, r.Src * channels), ref to, n);
                    break;
                case RunKind.Reverse:
                    ReverseBytes(srow.Slice((r.Src - r.N + 1) * channels, (int)n), drow.Slice(r.J * channels, (int)n), r.N, channels, path);
                    break;
                default:
                    for (int k = 0; k < r.N; k++)
                        for (int c = 0; c < channels; c++) Unsafe.Add(ref to, k * channels + c) = Unsafe.Add(ref s, r.Src * channels + c);
                    break;
            }
        }
    }

    // n bytes from s to d (not overlapping): the widest accelerated vectors with an overlapping last one, then 16, 8, 4
    // or single bytes below 32.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Move(ref byte s, ref byte d, nuint n)
    {
        if (n >= 64 && Vector512.IsHardwareAccelerated)
        {
            nuint k = 0;
            for (; k + 64 <= n; k += 64) Vector512.LoadUnsafe(ref s, k).StoreUnsafe(ref d, k);
            if (k < n) Vector512.LoadUnsafe(ref s, n - 64).StoreUnsafe(ref d, n - 64);
        }
        else if (n >= 32 && Vector256.IsHardwareAccelerated)
        {
            nuint k = 0;
            for (; k + 32 <= n; k += 32) Vector256.LoadUnsafe(ref s, k).StoreUnsafe(ref d, k);
            if (k < n) Vector256.LoadUnsafe(ref s, n - 32).StoreUnsafe(ref d, n - 32);
        }
        else if (n >= 16)
        {
            nuint k = 0;
            for (; k + 16 <= n; k += 16) Vector128.LoadUnsafe(ref s, k).StoreUnsafe(ref d, k);
            if (k < n) Vector128.LoadUnsafe(ref s, n - 16).StoreUnsafe(ref d, n - 16);
        }
        else if (n >= 8)
        {
            Unsafe.WriteUnaligned(ref d, Unsafe.ReadUnaligned<ulong>(ref s));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, n - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, n - 8)));
        }
        else if (n >= 4)
        {
            Unsafe.WriteUnaligned(ref d, Unsafe.ReadUnaligned<uint>(ref s));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, n - 4), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, n - 4)));
        }
        else
            for (nuint k = 0; k < n; k++) Unsafe.Add(ref d, k) = Unsafe.Add(ref s, k);
    }

    // n pixels in reverse order. Bytes: the block permutes of MirrorRows (tables built once); floats: the flip.
    private static void Reverse<T>(ReadOnlySpan<T> from, Span<T> to, int n, int channels, SimdPath path) where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
            ReverseBytes(MemoryMarshal.Cast<T, byte>(from), MemoryMarshal.Cast<T, byte>(to), n, channels, path);
        else if (typeof(T) == typeof(float))
            PixelKernels.FlipHorizontal(MemoryMarshal.Cast<T, float>(from), MemoryMarshal.Cast<T, float>(to), n, 1, channels, path);
        else
            for (int k = 0; k < n; k++)
                from.Slice((n - 1 - k) * channels, channels).CopyTo(to.Slice(k * channels, channels));
    }

    private static void ReverseBytes(ReadOnlySpan<byte> from, Span<byte> to, int n, int channels, SimdPath path) =>
        MirrorRows.Row(ref MemoryMarshal.GetReference(from), ref MemoryMarshal.GetReference(to), n, channels, MirrorRows.LevelFor(Simd.Resolve(path)));
}
