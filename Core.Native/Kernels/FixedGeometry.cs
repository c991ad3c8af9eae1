using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Augment.Native.Kernels;

/// <summary>
/// Fixed-point geometry on byte images, the integer counterparts of <see cref="GeometryKernels"/>' float paths, in the
/// manner of OpenCV's <c>resize</c> and <c>warpAffine</c> on <c>CV_8U</c>:
/// <list type="bullet">
/// <item>axis-aligned bilinear (resizes, scales, translations): separable, integer weights of
/// <see cref="ResizeBits"/> bits (OpenCV's <c>INTER_RESIZE_COEF_BITS</c>), a horizontal pass into a 16-bit row ring
/// (<c>(p0 a0 + p1 a1 + 8) &gt;&gt; 4</c>), a vertical pass rounded once (<c>(h0 b0 + h1 b1 + 2^17) &gt;&gt; 18</c>);</item>
/// <item>axis-aligned nearest: a row copy through a column index table computed with the float path's own
/// coordinates, so it has the float path's bits;</item>
/// <item>affine bilinear: source coordinates in fixed point with <see cref="WarpBits"/> fractional bits
/// (<c>X = R(1024 (M01 y + M02 - 0.5)) + R(1024 M00 x)</c>, R rounding to nearest, x and y the destination pixel
/// centre), integer weights <c>(1024 - fx, fx)</c> and <c>(1024 - fy, fy)</c> that sum to 2^20, one rounding
/// <c>(sum + 2^19) &gt;&gt; 20</c>; pixels whose four taps lie inside run without the border rule;</item>
/// <item>area by integer factors: exact integer sums; 2 x 2 rounds as OpenCV's INTER_AREA fast path,
/// <c>(s + 2) &gt;&gt; 2</c>, other factors round the exact mean half to even.</item>
/// </list>
/// Each has a scalar reference computing the same formula pixel by pixel; the fast paths give the same bits on every
/// <see cref="SimdPath"/>. Against the float kernels (<see cref="GeometryKernels.WarpReference(ReadOnlySpan{byte}, int, int, int, Span{byte}, int, int, in Matrix3, Interpolation, BorderMode, ReadOnlySpan{float}, ReadOnlySpan{WarpWindow})"/>)
/// bilinear results differ by at most 1: the coordinate is off by at most 2^-10 on each axis (two roundings of 2^-11),
/// which moves an interpolated value by at most 255 * 2 * 2^-10 &lt; 0.5, and the float result is itself within 10^-4 of
/// the exact blend, so the two roundings land at most one step apart (resize: weights off by at most 2^-12 per axis).
/// </summary>
internal static partial class FixedGeometry
{
    /// <summary>Fractional bits of the separable resize weights (OpenCV's <c>INTER_RESIZE_COEF_BITS</c>).</summary>
    internal const int ResizeBits = 11;
    private const int ResizeOne = 1 << ResizeBits;
    // Horizontal sums (at most 255 * 2048) are kept >> 4 in 16 bits: at most (522240 + 8) >> 4 = 32640.
    private const int RowShift = 4;
    private const int RowRound = 1 << (RowShift - 1);
    private const int VShift = 2 * ResizeBits - RowShift;
    private const int VRound = 1 << (VShift - 1);

    /// <summary>Fractional bits of the affine warp's source coordinates and weights.</summary>
    internal const int WarpBits = 10;
    private const int WarpOne = 1 << WarpBits;
    private const int WarpShift = 2 * WarpBits;
    private const int WarpRound = 1 << (WarpShift - 1);
    // Fixed coordinates are clamped here before rounding: far outside any image, and sums of two stay inside a long.
    private const double FixedLimit = 1L << 50;

    // ================================================================ dispatch

    /// <summary>While true on a thread, <see cref="TryWarp"/> and <see cref="IsIntegerArea"/> decline, so the byte
    /// kernels run their float paths on that thread: for comparing whole pipelines against the float kernels.</summary>
    [ThreadStatic] internal static bool FloatOnThisThread;

    /// <summary>Runs a byte warp in fixed point when it can: an affine <paramref name="inverse"/> with Bilinear, or an
    /// axis-aligned one (no windows) with Nearest. Returns false when the caller must run its float path. Arguments are
    /// already checked; <paramref name="fill"/> holds the fill rounded to bytes.</summary>
    internal static bool TryWarp(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, in Matrix3 inverse, Interpolation interpolation,
        BorderMode border, ReadOnlySpan<byte> fill, ReadOnlySpan<WarpWindow> windows, SimdPath path)
    {
        if (FloatOnThisThread || !inverse.IsAffine) return false;
        bool axisAligned = inverse.M01 == 0 && inverse.M10 == 0 && windows.IsEmpty;
        if (interpolation == Interpolation.Bilinear)
        {
            if (axisAligned) ResizeBilinear(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, inverse, border, fill, path);
            else WarpBilinear(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, inverse, border, fill, windows, path);
            return true;
        }
        if (interpolation == Interpolation.Nearest && axisAligned)
        {
            ResizeNearest(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, inverse, border, fill);
            return true;
        }
        return false;
    }

    // ================================================================ axis-aligned nearest

    /// <summary>Nearest through an axis-aligned affine map (M01 = M10 = 0): destination column j reads source column
    /// <c>floor(M00 (j + 0.5) + M02)</c> and row i reads row <c>floor(M11 (i + 0.5) + M12)</c>, each through the border
    /// rule, the same doubles as the float path; a row equal to the previous one is copied whole.</summary>
    internal static void ResizeNearest(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, in Matrix3 m, BorderMode border, ReadOnlySpan<byte> fill)
    {
        int[] cols = ArrayPool<int>.Shared.Rent(dstWidth);
        try
        {
            for (int j = 0; j < dstWidth; j++)
            {
                double u = m.M00 * (j + 0.5) + m.M02;
                long x = double.IsFinite(u) ? GeometryKernels.ResolveIndex(FloorIndex(u), srcWidth, border) : -2;
                cols[j] = x < 0 ? -1 : (int)x * channels;
            }
            int row = dstWidth * channels, srow = srcWidth * channels;
            long previous = -3;
            ref byte s0 = ref MemoryMarshal.GetReference(src);
            for (int i = 0; i < dstHeight; i++)
            {
                double v = m.M11 * (i + 0.5) + m.M12;
                long y = double.IsFinite(v) ? GeometryKernels.ResolveIndex(FloorIndex(v), srcHeight, border) : -2;
                Span<byte> drow = dst.Slice(i * row, row);
                if (y == previous && i > 0) { dst.Slice((i - 1) * row, row).CopyTo(drow); continue; }
                previous = y;
                if (y < 0)
                {
                    for (int j = 0; j < dstWidth; j++) fill.CopyTo(drow.Slice(j * channels, channels));
                    continue;
                }
                ref byte s = ref Unsafe.Add(ref s0, (int)y * srow);
                ref byte d = ref MemoryMarshal.GetReference(drow);
                switch (channels)
                {
                    case 1:
                        for (int j = 0; j < dstWidth; j++)
                        {
                            int o = cols[j];
                            Unsafe.Add(ref d, j) = o < 0 ? fill[0] : Unsafe.Add(ref s, o);
                        }
                        break;
                    case 3:
                        for (int j = 0; j < dstWidth; j++)
                        {
                            int o = cols[j];
                            ref byte p = ref Unsafe.Add(ref d, 3 * j);
                            if (o < 0) { p = fill[0]; Unsafe.Add(ref p, 1) = fill[1]; Unsafe.Add(ref p, 2) = fill[2]; continue; }
                            ref byte q = ref Unsafe.Add(ref s, o);
                            Unsafe.WriteUnaligned(ref p, Unsafe.ReadUnaligned<ushort>(ref q));
                            Unsafe.Add(ref p, 2) = Unsafe.Add(ref q, 2);
                        }
                        break;
                    default:
                    {
                        uint f = MemoryMarshal.Read<uint>(fill);
                        for (int j = 0; j < dstWidth; j++)
                        {
                            int o = cols[j];
                            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 4 * j), o < 0 ? f : Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, o)));
                        }
                        break;
                    }
                }
            }
        }
        finally { ArrayPool<int>.Shared.Return(cols); }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long FloorIndex(double x) => (long)Math.Floor(Math.Clamp(x, -4503599627370496.0, 4503599627370496.0));

    // ================================================================ axis-aligned bilinear (separable)

    // One axis of the separable resize: for destination index j, tap offsets (sample offsets x * channels, or
    // -1 where a Constant border reads the fill, or -2 where the coordinate is not finite and the whole pixel is the
    // fill) and the weight of the second tap in ResizeBits bits.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResizeAxis(double scale, double shift, int srcSize, int dstSize, int stride, BorderMode border,
        Span<int> off0, Span<int> off1, Span<short> weight1)
    {
        for (int j = 0; j < dstSize; j++)
        {
            double u = scale * (j + 0.5) + shift;
            if (!double.IsFinite(u)) { off0[j] = -2; off1[j] = -2; weight1[j] = 0; continue; }
            double f = Math.Clamp(u - 0.5, -4503599627370496.0, 4503599627370496.0);
            double fl = Math.Floor(f);
            long x0 = (long)fl;
            int a1 = (int)Math.Round((f - fl) * ResizeOne);
            // Both taps inside: the border rule returns them unchanged.
            if ((ulong)x0 < (ulong)(srcSize - 1))
            {
                off0[j] = (int)x0 * stride;
                off1[j] = (int)x0 * stride + stride;
                weight1[j] = (short)a1;
                continue;
            }
            long r0 = GeometryKernels.ResolveIndex(x0, srcSize, border), r1 = GeometryKernels.ResolveIndex(x0 + 1, srcSize, border);
            off0[j] = r0 < 0 ? -1 : (int)r0 * stride;
            off1[j] = r1 < 0 ? -1 : (int)r1 * stride;
            weight1[j] = (short)a1;
        }
    }

    /// <summary>The per-pixel reference of the separable bilinear resize: for each destination sample the two row
    /// sums <c>h = (p0 (2048 - a1) + p1 a1 + 8) &gt;&gt; 4</c> and <c>(h0 (2048 - b1) + h1 b1 + 2^17) &gt;&gt; 18</c>,
    /// taps through the border rule, a Constant tap reading the fill.</summary>
    internal static void ResizeBilinearReference(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, in Matrix3 m, BorderMode border, ReadOnlySpan<byte> fill)
    {
        Span<int> cx0 = new int[dstWidth], cx1 = new int[dstWidth], ry0 = new int[dstHeight], ry1 = new int[dstHeight];
        Span<short> ax = new short[dstWidth], ay = new short[dstHeight];
        ResizeAxis(m.M00, m.M02, srcWidth, dstWidth, channels, border, cx0, cx1, ax);
        ResizeAxis(m.M11, m.M12, srcHeight, dstHeight, srcWidth * channels, border, ry0, ry1, ay);
        for (int i = 0; i < dstHeight; i++)
            for (int j = 0; j < dstWidth; j++)
                for (int c = 0; c < channels; c++)
                {
                    int k = (i * dstWidth + j) * channels + c;
                    if (cx0[j] == -2 || ry0[i] == -2) { dst[k] = fill[c]; continue; }
                    int h0 = RowTap(src, ry0[i], cx0[j], cx1[j], ax[j], c, fill);
                    int h1 = RowTap(src, ry1[i], cx0[j], cx1[j], ax[j], c, fill);
                    dst[k] = (byte)((h0 * (ResizeOne - ay[i]) + h1 * ay[i] + VRound) >> VShift);
                }
    }

    private static int RowTap(ReadOnlySpan<byte> src, int row, int o0, int o1, int a1, int c, ReadOnlySpan<byte> fill)
    {
        int p0 = row < 0 || o0 < 0 ? fill[c] : src[row + o0 + c];
        int p1 = row < 0 || o1 < 0 ? fill[c] : src[row + o1 + c];
        return (p0 * (ResizeOne - a1) + p1 * a1 + RowRound) >> RowShift;
    }

    /// <summary>The separable bilinear resize (see the class summary); same bits as <see cref="ResizeBilinearReference"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ResizeBilinear(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, in Matrix3 m, BorderMode border, ReadOnlySpan<byte> fill, SimdPath path)
    {
        path = Simd.Resolve(path);
        // Halving both axes from the origin with every tap inside: u = 2j + 1, so x0 = 2j and a1 = 1024 on every column
        // (and row); h = ((p0 + p1) 1024 + 8) >> 4 = (p0 + p1) 64 exactly, and ((h0 + h1) 1024 + 2^17) >> 18 =
        // (64 * 1024 S + 2^17) >> 18 = (S + 2) >> 2 with S the 2 x 2 sum: the 2 x 2 area kernel, bit for bit.
        if (m.M00 == 2 && m.M02 == 0 && m.M11 == 2 && m.M12 == 0 && 2L * dstWidth <= srcWidth && 2L * dstHeight <= srcHeight)
        {
            AreaInteger(src, srcWidth, channels, dst, dstWidth, dstHeight, 2, 2, path);
            return;
        }
        int row = dstWidth * channels;
        var ipool = ArrayPool<int>.Shared;
        var spool = ArrayPool<short>.Shared;
        var upool = ArrayPool<ushort>.Shared;
        int[] cx0 = ipool.Rent(dstWidth), cx1 = ipool.Rent(dstWidth), ry0 = ipool.Rent(dstHeight), ry1 = ipool.Rent(dstHeight);
        short[] ax = spool.Rent(dstWidth), ay = spool.Rent(dstHeight);
        ushort[] ringA = upool.Rent(row), ringB = upool.Rent(row);
        // SIMD paths with byte shuffles: the horizontal pass runs groups of samples through shuffle tables (FixedGeometry.Rows.cs).
        int group = SampleColumns.GroupFor(path, row);
        bool gather = group > 0;
        SampleColumns cols = default;
        try
        {
            ResizeAxis(m.M00, m.M02, srcWidth, dstWidth, channels, border, cx0, cx1, ax);
            ResizeAxis(m.M11, m.M12, srcHeight, dstHeight, srcWidth * channels, border, ry0, ry1, ay);
            // A run of columns reading contiguous pixels with one weight (a translation): a vector pass over bytes there
            // (FixedGeometry.UnitRows.cs), the per-column pass for the rest.
            var (ua, ub) = UnitColumns(cx0, cx1, ax, dstWidth, channels);
            if (ub - ua < 16) ua = ub = 0;
            else gather = false;
            if (gather) cols = new SampleColumns(cx0, cx1, ax, dstWidth, channels, group, path);
            bool nonFinite = cx0.AsSpan(0, dstWidth).Contains(-2);
            // The interior columns: both taps inside, no fill. Affine columns are monotone, so the columns that need
            // the fill or the border rule are found by testing each once.
            long tagA = long.MinValue, tagB = long.MinValue;
            for (int i = 0; i < dstHeight; i++)
            {
                Span<byte> drow = dst.Slice(i * row, row);
                if (ry0[i] == -2)
                {
                    for (int j = 0; j < dstWidth; j++) fill.CopyTo(drow.Slice(j * channels, channels));
                    continue;
                }
                int r0 = ry0[i], r1 = ry1[i], b1 = ay[i];
                // Row tags: a source row offset, or -1 for the Constant fill row.
                ushort[] h0, h1;
                if (tagA == r0) h0 = ringA;
                else if (tagB == r0) h0 = ringB;
                else
                {
                    // Keep the slot that holds r1, if one does.
                    if (tagA == r1 && b1 != 0) { RowPass(gather, cols, src, r0, channels, dstWidth, cx0, cx1, ax, fill, ringB, ua, ub, path); tagB = r0; h0 = ringB; }
                    else { RowPass(gather, cols, src, r0, channels, dstWidth, cx0, cx1, ax, fill, ringA, ua, ub, path); tagA = r0; h0 = ringA; }
                }
                if (b1 == 0) h1 = h0;
                else if (tagA == r1) h1 = ringA;
                else if (tagB == r1) h1 = ringB;
                else
                {
                    h1 = ReferenceEquals(h0, ringA) ? ringB : ringA;
                    RowPass(gather, cols, src, r1, channels, dstWidth, cx0, cx1, ax, fill, h1, ua, ub, path);
                    if (ReferenceEquals(h1, ringA)) tagA = r1; else tagB = r1;
                }
                VRow(h0, h1, ResizeOne - b1, b1, drow, path);
                // Columns whose coordinate is not finite are the fill.
                if (nonFinite)
                    for (int j = 0; j < dstWidth; j++)
                        if (cx0[j] == -2) fill.CopyTo(drow.Slice(j * channels, channels));
            }
        }
        finally
        {
            ipool.Return(cx0); ipool.Return(cx1); ipool.Return(ry0); ipool.Return(ry1);
            spool.Return(ax); spool.Return(ay); upool.Return(ringA); upool.Return(ringB);
            if (cols.X0 is not null) cols.Return();
        }
    }

    // The horizontal pass of one source row (offset r, or -1 for the fill row): shuffled when the tables are there.
    private static void RowPass(bool gather, in SampleColumns cols, ReadOnlySpan<byte> src, int r, int channels, int dstWidth,
        int[] cx0, int[] cx1, short[] ax, ReadOnlySpan<byte> fill, ushort[] h, int ua, int ub, SimdPath path)
    {
        if (ub > ua && r >= 0)
        {
            HRow(src, r, channels, 0, ua, cx0, cx1, ax, fill, h);
            HRowUnit(ref Unsafe.Add(ref MemoryMarshal.GetReference(src), r + cx0[ua]), channels, ax[ua],
                ref h[ua * channels], (ub - ua) * channels, path);
            HRow(src, r, channels, ub, dstWidth, cx0, cx1, ax, fill, h);
        }
        else if (gather && r >= 0) HRowShuffle(src, r, channels, cols, fill, h);
        else HRow(src, r, channels, 0, dstWidth, cx0, cx1, ax, fill, h);
    }

    // The horizontal pass of one source row (offset r, or -1 for the Constant fill row) into h.
    // Columns [start, end).
    private static void HRow(ReadOnlySpan<byte> src, int r, int channels, int start, int end, int[] cx0, int[] cx1, short[] ax,
        ReadOnlySpan<byte> fill, ushort[] h)
    {
        ref ushort o = ref MemoryMarshal.GetArrayDataReference(h);
        if (r < 0)
        {
            for (int j = start; j < end; j++)
                for (int c = 0; c < channels; c++)
                    Unsafe.Add(ref o, j * channels + c) = (ushort)((fill[c] * ResizeOne + RowRound) >> RowShift);
            return;
        }
        ref byte s = ref Unsafe.Add(ref MemoryMarshal.GetReference(src), r);
        ref int x0 = ref MemoryMarshal.GetArrayDataReference(cx0);
        ref int x1 = ref MemoryMarshal.GetArrayDataReference(cx1);
        ref short a = ref MemoryMarshal.GetArrayDataReference(ax);
        for (int j = start; j < end; j++)
        {
            int o0 = Unsafe.Add(ref x0, j), o1 = Unsafe.Add(ref x1, j), a1 = Unsafe.Add(ref a, j), a0 = ResizeOne - a1;
            ref ushort d = ref Unsafe.Add(ref o, j * channels);
            if ((o0 | o1) < 0)
            {
                for (int c = 0; c < channels; c++)
                {
                    int p0 = o0 < 0 ? (o0 == -2 ? 0 : fill[c]) : Unsafe.Add(ref s, o0 + c);
                    int p1 = o1 < 0 ? (o1 == -2 ? 0 : fill[c]) : Unsafe.Add(ref s, o1 + c);
                    Unsafe.Add(ref d, c) = (ushort)((p0 * a0 + p1 * a1 + RowRound) >> RowShift);
                }
                continue;
            }
            ref byte p = ref Unsafe.Add(ref s, o0);
            ref byte q = ref Unsafe.Add(ref s, o1);
            switch (channels)
            {
                case 1:
                    d = (ushort)((p * a0 + q * a1 + RowRound) >> RowShift);
                    break;
                case 3:
                    d = (ushort)((p * a0 + q * a1 + RowRound) >> RowShift);
                    Unsafe.Add(ref d, 1) = (ushort)((Unsafe.Add(ref p, 1) * a0 + Unsafe.Add(ref q, 1) * a1 + RowRound) >> RowShift);
                    Unsafe.Add(ref d, 2) = (ushort)((Unsafe.Add(ref p, 2) * a0 + Unsafe.Add(ref q, 2) * a1 + RowRound) >> RowShift);
                    break;
                default:
                    d = (ushort)((p * a0 + q * a1 + RowRound) >> RowShift);
                    Unsafe.Add(ref d, 1) = (ushort)((Unsafe.Add(ref p, 1) * a0 + Unsafe.Add(ref q, 1) * a1 + RowRound) >> RowShift);
                    Unsafe.Add(ref d, 2) = (ushort)((Unsafe.Add(ref p, 2) * a0 + Unsafe.Add(ref q, 2) * a1 + RowRound) >> RowShift);
                    Unsafe.Add(ref d, 3) = (ushort)((Unsafe.Add(ref p, 3) * a0 + Unsafe.Add(ref q, 3) * a1 + RowRound) >> RowShift);
                    break;
            }
        }
    }

    // The vertical pass: d[k] = (h0[k] b0 + h1[k] b1 + 2^17) >> 18, vectors of 32-bit lanes, the scalar loop for the rest.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VRow(ushort[] h0, ushort[] h1, int b0, int b1, Span<byte> d, SimdPath path)
    {
        int n = d.Length, k = 0;
        ref ushort p = ref MemoryMarshal.GetArrayDataReference(h0);
        ref ushort q = ref MemoryMarshal.GetArrayDataReference(h1);
        ref byte o = ref MemoryMarshal.GetReference(d);
        // x86: the two rows' samples interleaved as 16-bit words (h <= 32640 and b <= 2048 fit signed words) and
        // pmaddwd with (b0, b1) gives h0 b0 + h1 b1 exactly in 32 bits; the unpacks and the signed pack work within
        // 128-bit lanes, so the pack restores the samples' order.
        int pair = (b1 << 16) | b0;
        if (path == SimdPath.Vector512 && Avx512BW.IsSupported)
        {
            Vector512<short> w = Vector512.Create(pair).AsInt16();
            Vector512<int> r = Vector512.Create(VRound);
            for (; k <= n - 32; k += 32)
            {
                var x = Vector512.LoadUnsafe(ref p, (nuint)k).AsInt16();
                var y = Vector512.LoadUnsafe(ref q, (nuint)k).AsInt16();
                var lo = Avx512F.ShiftRightArithmetic(Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackLow(x, y), w) + r, VShift);
                var hi = Avx512F.ShiftRightArithmetic(Avx512BW.MultiplyAddAdjacent(Avx512BW.UnpackHigh(x, y), w) + r, VShift);
                Avx512BW.ConvertToVector256Byte(Avx512BW.PackSignedSaturate(lo, hi)).StoreUnsafe(ref o, (nuint)k);
            }
        }
        if (path is SimdPath.Vector512 or SimdPath.Vector256 && Avx2.IsSupported)
        {
            Vector256<short> w = Vector256.Create(pair).AsInt16();
            Vector256<int> r = Vector256.Create(VRound);
            for (; k <= n - 32; k += 32)
            {
                var x0 = Vector256.LoadUnsafe(ref p, (nuint)k).AsInt16();
                var y0 = Vector256.LoadUnsafe(ref q, (nuint)k).AsInt16();
                var x1 = Vector256.LoadUnsafe(ref p, (nuint)k + 16).AsInt16();
                var y1 = Vector256.LoadUnsafe(ref q, (nuint)k + 16).AsInt16();
                var s0 = Avx2.PackSignedSaturate(
                    Avx2.ShiftRightArithmetic(Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(x0, y0), w) + r, VShift),
                    Avx2.ShiftRightArithmetic(Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(x0, y0), w) + r, VShift));
                var s1 = Avx2.PackSignedSaturate(
                    Avx2.ShiftRightArithmetic(Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(x1, y1), w) + r, VShift),
                    Avx2.ShiftRightArithmetic(Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(x1, y1), w) + r, VShift));
                // Lanes (s0 0..7, s1 0..7 | s0 8..15, s1 8..15): quadwords 0, 2, 1, 3 put them in order.
                Avx2.Permute4x64(Avx2.PackUnsignedSaturate(s0, s1).AsUInt64(), 0b_11_01_10_00).AsByte().StoreUnsafe(ref o, (nuint)k);
            }
        }
        if (path is SimdPath.Vector512 or SimdPath.Vector256 or SimdPath.Vector128 && Sse2.IsSupported)
        {
            Vector128<short> w = Vector128.Create(pair).AsInt16();
            Vector128<int> r = Vector128.Create(VRound);
            for (; k <= n - 16; k += 16)
            {
                var x0 = Vector128.LoadUnsafe(ref p, (nuint)k).AsInt16();
                var y0 = Vector128.LoadUnsafe(ref q, (nuint)k).AsInt16();
                var x1 = Vector128.LoadUnsafe(ref p, (nuint)k + 8).AsInt16();
                var y1 = Vector128.LoadUnsafe(ref q, (nuint)k + 8).AsInt16();
                var s0 = Sse2.PackSignedSaturate(
                    Sse2.ShiftRightArithmetic(Sse2.MultiplyAddAdjacent(Sse2.UnpackLow(x0, y0), w) + r, VShift),
                    Sse2.ShiftRightArithmetic(Sse2.MultiplyAddAdjacent(Sse2.UnpackHigh(x0, y0), w) + r, VShift));
                var s1 = Sse2.PackSignedSaturate(
                    Sse2.ShiftRightArithmetic(Sse2.MultiplyAddAdjacent(Sse2.UnpackLow(x1, y1), w) + r, VShift),
                    Sse2.ShiftRightArithmetic(Sse2.MultiplyAddAdjacent(Sse2.UnpackHigh(x1, y1), w) + r, VShift));
                Sse2.PackUnsignedSaturate(s0, s1).StoreUnsafe(ref o, (nuint)k);
            }
        }
        if (path == SimdPath.Vector512 && Vector512.IsHardwareAccelerated)
        {
            Vector512<uint> w0 = Vector512.Create((uint)b0), w1 = Vector512.Create((uint)b1), r = Vector512.Create((uint)VRound);
            for (; k <= n - 64; k += 64)
            {
                var (a0, a1) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)k));
                var (a2, a3) = Vector512.Widen(Vector512.LoadUnsafe(ref p, (nuint)k + 32));
                var (c0, c1) = Vector512.Widen(Vector512.LoadUnsafe(ref q, (nuint)k));
                var (c2, c3) = Vector512.Widen(Vector512.LoadUnsafe(ref q, (nuint)k + 32));
                var e0 = Vector512.ShiftRightLogical(a0 * w0 + c0 * w1 + r, VShift);
                var e1 = Vector512.ShiftRightLogical(a1 * w0 + c1 * w1 + r, VShift);
                var e2 = Vector512.ShiftRightLogical(a2 * w0 + c2 * w1 + r, VShift);
                var e3 = Vector512.ShiftRightLogical(a3 * w0 + c3 * w1 + r, VShift);
                Vector512.Narrow(Vector512.Narrow(e0, e1), Vector512.Narrow(e2, e3)).StoreUnsafe(ref o, (nuint)k);
            }
        }
        if (path is SimdPath.Vector512 or SimdPath.Vector256 && Vector256.IsHardwareAccelerated)
        {
            Vector256<uint> w0 = Vector256.Create((uint)b0), w1 = Vector256.Create((uint)b1), r = Vector256.Create((uint)VRound);
            for (; k <= n - 32; k += 32)
            {
                var (a0, a1) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)k));
                var (a2, a3) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)k + 16));
                var (c0, c1) = Vector256.Widen(Vector256.LoadUnsafe(ref q, (nuint)k));
                var (c2, c3) = Vector256.Widen(Vector256.LoadUnsafe(ref q, (nuint)k + 16));
                var e0 = Vector256.ShiftRightLogical(a0 * w0 + c0 * w1 + r, VShift);
                var e1 = Vector256.ShiftRightLogical(a1 * w0 + c1 * w1 + r, VShift);
                var e2 = Vector256.ShiftRightLogical(a2 * w0 + c2 * w1 + r, VShift);
                var e3 = Vector256.ShiftRightLogical(a3 * w0 + c3 * w1 + r, VShift);
                Vector256.Narrow(Vector256.Narrow(e0, e1), Vector256.Narrow(e2, e3)).StoreUnsafe(ref o, (nuint)k);
            }
        }
        if (path is SimdPath.Vector512 or SimdPath.Vector256 or SimdPath.Vector128 && Vector128.IsHardwareAccelerated)
        {
            Vector128<uint> w0 = Vector128.Create((uint)b0), w1 = Vector128.Create((uint)b1), r = Vector128.Create((uint)VRound);
            for (; k <= n - 16; k += 16)
            {
                var (a0, a1) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)k));
                var (a2, a3) = Vector128.Widen(Vector128.LoadUnsafe(ref p, (nuint)k + 8));
                var (c0, c1) = Vector128.Widen(Vector128.LoadUnsafe(ref q, (nuint)k));
                var (c2, c3) = Vector128.Widen(Vector128.LoadUnsafe(ref q, (nuint)k + 8));
                var e0 = Vector128.ShiftRightLogical(a0 * w0 + c0 * w1 + r, VShift);
                var e1 = Vector128.ShiftRightLogical(a1 * w0 + c1 * w1 + r, VShift);
                var e2 = Vector128.ShiftRightLogical(a2 * w0 + c2 * w1 + r, VShift);
                var e3 = Vector128.ShiftRightLogical(a3 * w0 + c3 * w1 + r, VShift);
                Vector128.Narrow(Vector128.Narrow(e0, e1), Vector128.Narrow(e2, e3)).StoreUnsafe(ref o, (nuint)k);
            }
        }
        for (; k < n; k++)
            Unsafe.Add(ref o, k) = (byte)((Unsafe.Add(ref p, k) * b0 + Unsafe.Add(ref q, k) * b1 + VRound) >> VShift);
    }

    // ================================================================ affine bilinear

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Fixed(double t) => (long)Math.Round(Math.Clamp(t * WarpOne, -FixedLimit, FixedLimit));

    /// <summary>The per-pixel reference of the fixed-point affine bilinear warp: <c>X = R(1024 (M01 y + M02 - 0.5)) +
    /// R(1024 M00 x)</c>, <c>Y = R(1024 (M11 y + M12 - 0.5)) + R(1024 M10 x)</c> at the destination centre (x, y), taps
    /// <c>X &gt;&gt; 10</c> and one more through the border rule, weights from <c>X &amp; 1023</c>, one rounding. A pixel
    /// whose float coordinates (<see cref="Matrix3.Apply"/>'s) are not finite or fall outside a window takes the fill.</summary>
    internal static void WarpBilinearReference(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, in Matrix3 m, BorderMode border, ReadOnlySpan<byte> fill,
        ReadOnlySpan<WarpWindow> windows)
    {
        for (int i = 0; i < dstHeight; i++)
            for (int j = 0; j < dstWidth; j++)
            {
                double x = j + 0.5, y = i + 0.5;
                Span<byte> px = dst.Slice((i * dstWidth + j) * channels, channels);
                var (u, v) = m.Apply(x, y);
                if (!Inside(u, v, windows)) { fill.CopyTo(px); continue; }
                long X = Fixed(m.M01 * y + m.M02 - 0.5) + Fixed(m.M00 * x);
                long Y = Fixed(m.M11 * y + m.M12 - 0.5) + Fixed(m.M10 * x);
                BorderPixel(src, srcWidth, srcHeight, channels, X, Y, border, fill, px, shortcut: false);
            }
    }

    private static bool Inside(double u, double v, ReadOnlySpan<WarpWindow> windows)
    {
        if (!double.IsFinite(u) || !double.IsFinite(v)) return false;
        foreach (ref readonly WarpWindow w in windows)
        {
            var (a, b) = w.ToIntermediate.Apply(u, v);
            if (!(a >= 0 && a < w.Width && b >= 0 && b < w.Height)) return false;
        }
        return true;
    }

    // One pixel with every tap through the border rule (the reference passes shortcut: false).
    private static void BorderPixel(ReadOnlySpan<byte> src, int w, int h, int channels, long X, long Y, BorderMode border,
        ReadOnlySpan<byte> fill, Span<byte> px, bool shortcut = true)
    {
        long x0 = X >> WarpBits, y0 = Y >> WarpBits;
        // A Constant border with all four taps outside: every tap is the fill f, and (f 2^10 2^10 + 2^19) >> 20 = f.
        if (shortcut && border == BorderMode.Constant && (x0 < -1 || x0 >= w || y0 < -1 || y0 >= h))
        {
            fill.CopyTo(px);
            return;
        }
        int fx = (int)(X & (WarpOne - 1)), fy = (int)(Y & (WarpOne - 1));
        long rx0 = GeometryKernels.ResolveIndex(x0, w, border), rx1 = GeometryKernels.ResolveIndex(x0 + 1, w, border);
        long ry0 = GeometryKernels.ResolveIndex(y0, h, border), ry1 = GeometryKernels.ResolveIndex(y0 + 1, h, border);
        for (int c = 0; c < channels; c++)
        {
            int p00 = Tap(src, w, channels, rx0, ry0, c, fill), p10 = Tap(src, w, channels, rx1, ry0, c, fill);
            int p01 = Tap(src, w, channels, rx0, ry1, c, fill), p11 = Tap(src, w, channels, rx1, ry1, c, fill);
            int h0 = p00 * (WarpOne - fx) + p10 * fx, h1 = p01 * (WarpOne - fx) + p11 * fx;
            px[c] = (byte)((h0 * (WarpOne - fy) + h1 * fy + WarpRound) >> WarpShift);
        }
    }

    private static int Tap(ReadOnlySpan<byte> src, int w, int channels, long x, long y, int c, ReadOnlySpan<byte> fill) =>
        x < 0 || y < 0 ? fill[c] : src[(int)((y * w + x) * channels + c)];

    /// <summary>The fixed-point affine bilinear warp; same bits as <see cref="WarpBilinearReference"/>. Per row, the
    /// columns whose four taps lie inside the source are one run (the fixed coordinates are monotone in the column),
    /// found from both ends; they skip the border rule, eight pixels at a time with AVX2 gathers where the path allows.</summary>
    internal static void WarpBilinear(ReadOnlySpan<byte> src, int srcWidth, int srcHeight, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, in Matrix3 m, BorderMode border, ReadOnlySpan<byte> fill,
        ReadOnlySpan<WarpWindow> windows, SimdPath path)
    {
        path = Simd.Resolve(path);
        // AVX2 gathers for the interior run (Vector256 and wider requests; there is no 128-bit gather, and no AVX-512
        // hardware here to test a 512-bit one, so those run the scalar interior). Interior coordinates are below
        // 1024 * size, so they fit 32 bits when both sizes are under 2^20.
        bool gather = path is SimdPath.Vector256 or SimdPath.Vector512 && Avx2.IsSupported && srcWidth < (1 << 20) && srcHeight < (1 << 20);
        var lpool = ArrayPool<long>.Shared;
        var ipool = ArrayPool<int>.Shared;
        long[] dX = lpool.Rent(dstWidth), dY = lpool.Rent(dstWidth);
        int[] dXi = ipool.Rent(dstWidth), dYi = ipool.Rent(dstWidth);
        try
        {
            for (int j = 0; j < dstWidth; j++)
            {
                dX[j] = Fixed(m.M00 * (j + 0.5));
                dY[j] = Fixed(m.M10 * (j + 0.5));
                // The low 32 bits: where the sum X0 + dX fits 32 bits, it is the 32-bit wrapping sum of the low halves.
                dXi[j] = (int)dX[j];
                dYi[j] = (int)dY[j];
            }
            // Every coordinate is finite when the four corner centres map to finite points well inside the fixed range.
            bool check = !windows.IsEmpty || !FiniteCorners(m, dstWidth, dstHeight);
            // Shears along x (FixedGeometry.UnitRows.cs): each row's interior is a contiguous run with one pair of weights.
            bool unit = !check && UnitStepRows(dX, dY, dstWidth);
            // Shears along y: the same rows in the transposed image (FixedGeometry.UnitRows.cs).
            if (!check && !unit && dstHeight > 0 && UnitShearY(src, srcWidth, srcHeight, channels, dst, dstWidth, dstHeight, m, dX, dY, border, fill, path))
                return;
            int w = srcWidth, h = srcHeight, row = dstWidth * channels;
            ref byte s = ref MemoryMarshal.GetReference(src);
            for (int i = 0; i < dstHeight; i++)
            {
                double y = i + 0.5;
                long X0 = Fixed(m.M01 * y + m.M02 - 0.5), Y0 = Fixed(m.M11 * y + m.M12 - 0.5);
                Span<byte> drow = dst.Slice(i * row, row);
                if (check)
                {
                    for (int j = 0; j < dstWidth; j++)
                    {
                        Span<byte> px = drow.Slice(j * channels, channels);
                        var (u, v) = m.Apply(j + 0.5, y);
                        long X = X0 + dX[j], Y = Y0 + dY[j];
                        if (!Inside(u, v, windows)) fill.CopyTo(px);
                        else if (InteriorTaps(X, Y, w, h)) InteriorPixel(ref s, w, channels, X, Y, px);
                        else BorderPixel(src, w, h, channels, X, Y, border, fill, px);
                    }
                    continue;
                }
                // The interior run [ja, jb).
                var (ja, jb) = BorderColumns(src, w, h, channels, dX, dY, dXi, dYi, X0, Y0, dstWidth, border, fill, drow, gather);
                ref byte d = ref MemoryMarshal.GetReference(drow);
                int stride = w * channels;
                if (unit)
                {
                    if (jb > ja)
                    {
                        long X = X0 + dX[ja], Y = Y0 + dY[ja];
                        ref byte p = ref Unsafe.Add(ref s, ((int)(Y >> WarpBits) * w + (int)(X >> WarpBits)) * channels);
                        BlendUnitRow(ref p, stride, channels, (int)X & (WarpOne - 1), (int)Y & (WarpOne - 1),
                            ref Unsafe.Add(ref d, ja * channels), (jb - ja) * channels, path);
                    }
                    continue;
                }
                int jv = gather && jb - ja >= 8 ? InteriorAvx2(src, w, channels, dXi, dYi, (int)X0, (int)Y0, ja, jb, drow) : ja;
                for (int j = jv; j < jb; j++)
                {
                    long X = X0 + dX[j], Y = Y0 + dY[j];
                    int fx = (int)X & (WarpOne - 1), fy = (int)Y & (WarpOne - 1), gx = WarpOne - fx, gy = WarpOne - fy;
                    ref byte p = ref Unsafe.Add(ref s, ((int)(Y >> WarpBits) * w + (int)(X >> WarpBits)) * channels);
                    ref byte q = ref Unsafe.Add(ref p, stride);
                    ref byte o = ref Unsafe.Add(ref d, j * channels);
                    for (int c = 0; c < channels; c++)
                    {
                        int h0 = Unsafe.Add(ref p, c) * gx + Unsafe.Add(ref p, c + channels) * fx;
                        int h1 = Unsafe.Add(ref q, c) * gx + Unsafe.Add(ref q, c + channels) * fx;
                        Unsafe.Add(ref o, c) = (byte)((h0 * gy + h1 * fy + WarpRound) >> WarpShift);
                    }
                }
            }
        }
        finally { lpool.Return(dX); lpool.Return(dY); ipool.Return(dXi); ipool.Return(dYi); }
    }

    // Eight interior pixels per step: coordinates in 32-bit lanes; with 3 and 4 channels each row's two taps of a pixel
    // read as one 8-byte word by plain loads (Pairs; faster than gathers on the machines measured), with 1 channel (and the
    // 3-channel block of the last source pixel, whose word would end past the source) the taps gathered as 32-bit words
    // (every read inside the source: 3 channels read the right-hand taps from one byte before and shift, 1 channel reads
    // the lower row's pair from two bytes before); each channel blended with the scalar loop's integer formula (Blend).
    // Returns the first column not done.
    private static unsafe int InteriorAvx2(ReadOnlySpan<byte> src, int w, int channels, int[] dXi, int[] dYi, int x0Row, int y0Row,
        int ja, int jb, Span<byte> drow)
    {
        int j = ja, stride = w * channels;
        Vector256<int> X0 = Vector256.Create(x0Row), Y0 = Vector256.Create(y0Row), frac = Vector256.Create(WarpOne - 1);
        Vector256<int> one = Vector256.Create(WarpOne), wv = Vector256.Create(w), lo = Vector256.Create(0xFF);
        int* offs = stackalloc int[8];
        // 3 channels: the largest offset whose 8-byte word in the lower row ends inside the source.
        Vector256<int> last8 = Vector256.Create(src.Length - stride - 8);
        fixed (byte* s = src)
        fixed (int* dx = dXi, dy = dYi)
        fixed (byte* d = drow)
        {
            for (; j <= jb - 8; j += 8)
            {
                Vector256<int> X = Avx2.Add(X0, Avx.LoadVector256(dx + j)), Y = Avx2.Add(Y0, Avx.LoadVector256(dy + j));
                Vector256<int> fx = Avx2.And(X, frac), fy = Avx2.And(Y, frac);
                Vector256<int> wx = WeightPairs(fx, one);
                Vector256<int> idx = Avx2.Add(Avx2.MultiplyLow(Avx2.ShiftRightArithmetic(Y, WarpBits), wv), Avx2.ShiftRightArithmetic(X, WarpBits));
                switch (channels)
                {
                    case 4:
                    {
                        // Each row's pair of taps is one 8-byte word (x0 <= w - 2, so inside the row): four 4-lane gathers, the
                        // low and high halves split out by shufps (the offsets permuted so that the lanes come out in order).
                        Avx.Store(offs, Avx2.ShiftLeftLogical(idx, 2));
                        Pairs(s, offs, out Vector256<float> g0a, out Vector256<float> g0b);
                        Pairs(s + stride, offs, out Vector256<float> g1a, out Vector256<float> g1b);
                        Vector256<int> p00 = Avx.Shuffle(g0a, g0b, 0x88).AsInt32(), p10 = Avx.Shuffle(g0a, g0b, 0xDD).AsInt32();
                        Vector256<int> p01 = Avx.Shuffle(g1a, g1b, 0x88).AsInt32(), p11 = Avx.Shuffle(g1a, g1b, 0xDD).AsInt32();
                        Vector256<int> r = Blend(p00, p10, p01, p11, 0, lo, wx, fy)
                            | Avx2.ShiftLeftLogical(Blend(p00, p10, p01, p11, 8, lo, wx, fy), 8)
                            | Avx2.ShiftLeftLogical(Blend(p00, p10, p01, p11, 16, lo, wx, fy), 16)
                            | Avx2.ShiftLeftLogical(Blend(p00, p10, p01, p11, 24, lo, wx, fy), 24);
                        Avx.Store(d + 4 * j, r.AsByte());
                        break;
                    }
                    case 3:
                    {
                        Vector256<int> off = Avx2.Add(Avx2.Add(idx, idx), idx);
                        Vector256<int> p00, p10, p01, p11;
                        Vector256<int> past = Avx2.CompareGreaterThan(off, last8);
                        if (Avx.TestZ(past, past))
                        {
                            // Each row's pair of taps from one 8-byte word (bytes 0-2 and 3-5), four 4-lane gathers split by
                            // shufps, where every word ends inside the source (all but the last source pixel's block).
                            Avx.Store(offs, off);
                            Pairs(s, offs, out Vector256<float> g0a, out Vector256<float> g0b);
                            Pairs(s + stride, offs, out Vector256<float> g1a, out Vector256<float> g1b);
                            p00 = Avx.Shuffle(g0a, g0b, 0x88).AsInt32();
                            p10 = Avx.Shuffle(Avx2.ShiftRightLogical(g0a.AsInt64(), 24).AsSingle(), Avx2.ShiftRightLogical(g0b.AsInt64(), 24).AsSingle(), 0x88).AsInt32();
                            p01 = Avx.Shuffle(g1a, g1b, 0x88).AsInt32();
                            p11 = Avx.Shuffle(Avx2.ShiftRightLogical(g1a.AsInt64(), 24).AsSingle(), Avx2.ShiftRightLogical(g1b.AsInt64(), 24).AsSingle(), 0x88).AsInt32();
                        }
                        else
                        {
                            p00 = Avx2.GatherVector256((int*)s, off, 1);
                            p10 = Avx2.ShiftRightLogical(Avx2.GatherVector256((int*)(s + 2), off, 1), 8);
                            p01 = Avx2.GatherVector256((int*)(s + stride), off, 1);
                            p11 = Avx2.ShiftRightLogical(Avx2.GatherVector256((int*)(s + stride + 2), off, 1), 8);
                        }
                        Vector256<int> r = Blend(p00, p10, p01, p11, 0, lo, wx, fy)
                            | Avx2.ShiftLeftLogical(Blend(p00, p10, p01, p11, 8, lo, wx, fy), 8)
                            | Avx2.ShiftLeftLogical(Blend(p00, p10, p01, p11, 16, lo, wx, fy), 16);
                        StorePixels(r, 3, d, j);
                        break;
                    }
                    default:
                    {
                        // Row y0: bytes x0 .. x0 + 3 (taps at bytes 0 and 1); row y0 + 1: bytes x0 - 2 .. x0 + 1 (taps at 2 and 3).
                        Vector256<int> q0 = Avx2.GatherVector256((int*)s, idx, 1);
                        Vector256<int> q1 = Avx2.GatherVector256((int*)(s + w - 2), idx, 1);
                        Vector256<int> r = Blend(q0, Avx2.ShiftRightLogical(q0, 8), Avx2.ShiftRightLogical(q1, 16), Avx2.ShiftRightLogical(q1, 24),
                            0, lo, wx, fy);
                        StorePixels(r, 1, d, j);
                        break;
                    }
                }
            }
        }
        return j;
    }

    // The 8-byte words at s + o[k] (a pixel's two horizontal taps) read one by one (cheaper than gathers where those are
    // slow), as lo = pixels 0, 1, 4, 5 and hi = pixels 2, 3, 6, 7: shufps of lo and hi then gives a dword of each pixel
    // in order (0x88 the low dwords, 0xDD the high).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Pairs(byte* s, int* o, out Vector256<float> lo, out Vector256<float> hi)
    {
        lo = Vector256.Create(Vector128.Create(Unsafe.ReadUnaligned<long>(s + o[0]), Unsafe.ReadUnaligned<long>(s + o[1])),
            Vector128.Create(Unsafe.ReadUnaligned<long>(s + o[4]), Unsafe.ReadUnaligned<long>(s + o[5]))).AsSingle();
        hi = Vector256.Create(Vector128.Create(Unsafe.ReadUnaligned<long>(s + o[2]), Unsafe.ReadUnaligned<long>(s + o[3])),
            Vector128.Create(Unsafe.ReadUnaligned<long>(s + o[6]), Unsafe.ReadUnaligned<long>(s + o[7]))).AsSingle();
    }

    // One channel (the byte at bit shift) of four gathered taps: ((a00 gx + a10 fx) gy + (a01 gx + a11 fx) fy + 2^19) >> 20,
    // computed exactly with fewer multiplies: each row's pair (a00, a10) as two 16-bit words times wx = (gx, fx) in one
    // vpmaddwd (a <= 255 and gx, fx <= 1024 are int16, the sum fits 32 bits), then h0 gy + h1 fy = (h0 << 10) + (h1 - h0) fy
    // (gy = 2^10 - fy; every term and sum below 2^31) with one 32-bit multiply.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Blend(Vector256<int> p00, Vector256<int> p10, Vector256<int> p01, Vector256<int> p11, [System.Diagnostics.CodeAnalysis.ConstantExpected] byte shift,
        Vector256<int> lo, Vector256<int> wx, Vector256<int> fy)
    {
        Vector256<int> hiMask = Vector256.Create(0xFF0000);
        Vector256<int> a00 = Avx2.And(Avx2.ShiftRightLogical(p00, shift), lo), a01 = Avx2.And(Avx2.ShiftRightLogical(p01, shift), lo);
        Vector256<int> a10 = Avx2.And(ToWord1(p10, shift), hiMask), a11 = Avx2.And(ToWord1(p11, shift), hiMask);
        Vector256<int> h0 = Avx2.MultiplyAddAdjacent(Avx2.Or(a00, a10).AsInt16(), wx.AsInt16());
        Vector256<int> h1 = Avx2.MultiplyAddAdjacent(Avx2.Or(a01, a11).AsInt16(), wx.AsInt16());
        Vector256<int> t = Avx2.Add(Avx2.Add(Avx2.ShiftLeftLogical(h0, WarpBits), Avx2.MultiplyLow(Avx2.Subtract(h1, h0), fy)), Vector256.Create(WarpRound));
        return Avx2.ShiftRightArithmetic(t, WarpShift);
    }

    // The byte at bit shift (0, 8, 16 or 24) moved to bits 16..23 (other bytes still there, for the caller's mask).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> ToWord1(Vector256<int> p, [System.Diagnostics.CodeAnalysis.ConstantExpected] byte shift) => shift switch
    {
        0 => Avx2.ShiftLeftLogical(p, 16),
        8 => Avx2.ShiftLeftLogical(p, 8),
        16 => p,
        _ => Avx2.ShiftRightLogical(p, 8),
    };

    // The blend's horizontal weights: gx = 2^10 - fx in the low word of each lane, fx in the high word.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> WeightPairs(Vector256<int> fx, Vector256<int> one) =>
        Avx2.Or(Avx2.Subtract(one, fx), Avx2.ShiftLeftLogical(fx, 16));

    // One pixel whose four taps lie inside: the scalar interior loop's formula.
    private static void InteriorPixel(ref byte s, int w, int channels, long X, long Y, Span<byte> px)
    {
        int fx = (int)X & (WarpOne - 1), fy = (int)Y & (WarpOne - 1), gx = WarpOne - fx, gy = WarpOne - fy;
        ref byte p = ref Unsafe.Add(ref s, ((int)(Y >> WarpBits) * w + (int)(X >> WarpBits)) * channels);
        ref byte q = ref Unsafe.Add(ref p, w * channels);
        for (int c = 0; c < channels; c++)
        {
            int h0 = Unsafe.Add(ref p, c) * gx + Unsafe.Add(ref p, c + channels) * fx;
            int h1 = Unsafe.Add(ref q, c) * gx + Unsafe.Add(ref q, c + channels) * fx;
            px[c] = (byte)((h0 * gy + h1 * fy + WarpRound) >> WarpShift);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool InteriorTaps(long X, long Y, int w, int h)
    {
        long x0 = X >> WarpBits, y0 = Y >> WarpBits;
        return x0 >= 0 && x0 < w - 1 && y0 >= 0 && y0 < h - 1;
    }

    private static bool FiniteCorners(in Matrix3 m, int dw, int dh)
    {
        return Small(m.Apply(0.5, 0.5)) && Small(m.Apply(dw - 0.5, 0.5)) && Small(m.Apply(0.5, dh - 0.5)) && Small(m.Apply(dw - 0.5, dh - 0.5))
            && Math.Abs(m.M00 * dw) < 274877906944.0 && Math.Abs(m.M10 * dw) < 274877906944.0;
        static bool Small((double U, double V) p) => Math.Abs(p.U) < 274877906944.0 && Math.Abs(p.V) < 274877906944.0;
    }

    // ================================================================ area by integer factors

    /// <summary>Whether an area resize with these parameters is an integer-factor shrink with every footprint inside the
    /// source: origin (0, 0), integral scales, and <c>dstWidth * kx &lt;= srcWidth</c>, <c>dstHeight * ky &lt;= srcHeight</c>.</summary>
    internal static bool IsIntegerArea(int srcWidth, int srcHeight, int dstWidth, int dstHeight, double x0, double y0,
        double scaleX, double scaleY) =>
        !FloatOnThisThread && x0 == 0 && y0 == 0 && scaleX >= 1 && scaleY >= 1 && scaleX <= 4096 && scaleY <= 4096
        && scaleX == Math.Floor(scaleX) && scaleY == Math.Floor(scaleY)
        && (long)dstWidth * (long)scaleX <= srcWidth && (long)dstHeight * (long)scaleY <= srcHeight;

    /// <summary>The per-pixel reference of the integer area shrink: S the sum of the kx x ky block at (j kx, i ky),
    /// <c>dst(j, i, c) = (S + 2) &gt;&gt; 2</c> for 2 x 2 (half rounds up, OpenCV's 2 x 2 fast path) and the mean
    /// <c>S / (kx ky)</c> rounded half to even for other factors (OpenCV's <c>saturate_cast(sum * (1.f / area))</c>
    /// rounds the float mean half to even; here the mean is exact).</summary>
    internal static void AreaIntegerReference(ReadOnlySpan<byte> src, int srcWidth, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, int kx, int ky)
    {
        int area = kx * ky;
        for (int i = 0; i < dstHeight; i++)
            for (int j = 0; j < dstWidth; j++)
                for (int c = 0; c < channels; c++)
                {
                    int sum = 0;
                    for (int a = 0; a < ky; a++)
                        for (int b = 0; b < kx; b++)
                            sum += src[((i * ky + a) * srcWidth + j * kx + b) * channels + c];
                    dst[(i * dstWidth + j) * channels + c] = kx == 2 && ky == 2 ? (byte)((sum + 2) >> 2) : (byte)DivideHalfEven((uint)sum, (uint)area);
                }
    }

    /// <summary>The integer area shrink; same bits as <see cref="AreaIntegerReference"/>. 2 x 2 sums two rows in
    /// vectors and pairs columns in vectors (1 and 4 channels); other factors sum rows into 32-bit lanes and divide.</summary>
    internal static void AreaInteger(ReadOnlySpan<byte> src, int srcWidth, int channels,
        Span<byte> dst, int dstWidth, int dstHeight, int kx, int ky, SimdPath path)
    {
        path = Simd.Resolve(path);
        int row = dstWidth * channels, srow = srcWidth * channels;
        if (kx == 2 && ky == 2 && channels == 3 && path != SimdPath.Scalar && Ssse3.IsSupported)
        {
            for (int i = 0; i < dstHeight; i++)
                Area2x2Rgb(src.Slice(2 * i * srow, 2 * row), src.Slice((2 * i + 1) * srow, 2 * row), dst.Slice(i * row, row), path);
            return;
        }
        if (kx == 2 && ky == 2)
        {
            ushort[] sums = ArrayPool<ushort>.Shared.Rent(2 * row);
            try
            {
                for (int i = 0; i < dstHeight; i++)
                {
                    var r0 = src.Slice(2 * i * srow, 2 * row);
                    var r1 = src.Slice((2 * i + 1) * srow, 2 * row);
                    SumRows(r0, r1, sums, path);
                    PairColumns(sums, channels, dst.Slice(i * row, row), path);
                }
            }
            finally { ArrayPool<ushort>.Shared.Return(sums); }
            return;
        }
        int area = kx * ky;
        uint[] acc = ArrayPool<uint>.Shared.Rent(row);
        try
        {
            for (int i = 0; i < dstHeight; i++)
            {
                Span<uint> a = acc.AsSpan(0, row);
                a.Clear();
                for (int t = 0; t < ky; t++)
                {
                    ref byte s = ref Unsafe.Add(ref MemoryMarshal.GetReference(src), (i * ky + t) * srow);
                    for (int j = 0; j < dstWidth; j++)
                    {
                        ref byte p = ref Unsafe.Add(ref s, j * kx * channels);
                        for (int c = 0; c < channels; c++)
                        {
                            uint sum = 0;
                            for (int b = 0; b < kx; b++) sum += Unsafe.Add(ref p, b * channels + c);
                            a[j * channels + c] += sum;
                        }
                    }
                }
                Span<byte> d = dst.Slice(i * row, row);
                for (int k = 0; k < row; k++) d[k] = (byte)DivideHalfEven(a[k], (uint)area);
            }
        }
        finally { ArrayPool<uint>.Shared.Return(acc); }
    }

    /// <summary><c>s / n</c> rounded half to even.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint DivideHalfEven(uint s, uint n)
    {
        uint q = s / n, r = s - q * n;
        return 2 * r > n || (2 * r == n && (q & 1) != 0) ? q + 1 : q;
    }

    // Byte shuffles that split 8 RGB pixels (24 bytes, read as bytes 0-15 and 8-23) into the first and the second pixel
    // of each horizontal pair, 12 samples each (0x80 zeroes a lane).
    private static readonly Vector128<byte> FirstLo = Vector128.Create((byte)0, 1, 2, 6, 7, 8, 12, 13, 14, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
    private static readonly Vector128<byte> FirstHi = Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 10, 11, 12, 0x80, 0x80, 0x80, 0x80);
    private static readonly Vector128<byte> SecondLo = Vector128.Create((byte)3, 4, 5, 9, 10, 11, 15, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
    private static readonly Vector128<byte> SecondHi = Vector128.Create((byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 8, 9, 13, 14, 15, 0x80, 0x80, 0x80, 0x80);

    // Byte indices that put the two samples of each horizontal pair side by side: sample t (pixel t / 3, channel t % 3)
    // of a step takes source bytes 6 (t / 3) + t % 3 and that + 3. VBMI: 30 samples from one 64-byte window (the last
    // two words unused). AVX2: 6 samples from each 16-byte lane, placed so that the packed bytes of two registers hold
    // 12 samples per lane after one more shuffle (PairCompact).
    private static readonly Vector512<byte> PairIndex64 = PairIndex(30, 64);
    private static readonly Vector128<byte> PairIndex16 = Vector128.Create((byte)0, 3, 1, 4, 2, 5, 6, 9, 7, 10, 8, 11, 0x80, 0x80, 0x80, 0x80);
    private static readonly Vector256<byte> PairCompact = Vector256.Create((byte)0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 0x80, 0x80, 0x80, 0x80,
        0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 0x80, 0x80, 0x80, 0x80);

    private static Vector512<byte> PairIndex(int samples, int bytes)
    {
        Span<byte> k = stackalloc byte[bytes];
        for (int t = 0; t < samples; t++) { k[2 * t] = (byte)(6 * (t / 3) + t % 3); k[2 * t + 1] = (byte)(6 * (t / 3) + t % 3 + 3); }
        return Vector512.Create((ReadOnlySpan<byte>)k);
    }

    // 2 x 2 area on three channels: the two samples of each horizontal pair shuffled side by side, pmaddubsw with ones
    // sums each pair into a 16-bit word, the two rows' words added, (S + 2) >> 2 (exact: S <= 1020). VBMI: 30 samples
    // per step; AVX2: 24; SSSE3: 12 (pairs split by shuffles and widened). The scalar rule for the rest.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Area2x2Rgb(ReadOnlySpan<byte> r0, ReadOnlySpan<byte> r1, Span<byte> d, SimdPath path)
    {
        int n = d.Length, k = 0;
        ref byte a = ref MemoryMarshal.GetReference(r0);
        ref byte b = ref MemoryMarshal.GetReference(r1);
        ref byte o = ref MemoryMarshal.GetReference(d);
        if (path == SimdPath.Vector512 && Avx512Vbmi.IsSupported && Avx512BW.IsSupported)
        {
            // Reads source bytes 2k .. 2k + 63 (2k + 64 <= 2n) and writes 32 bytes at k (k + 32 <= n); steps of 30.
            Vector512<byte> idx = PairIndex64;
            Vector512<sbyte> ones = Vector512.Create((sbyte)1);
            Vector512<short> two = Vector512.Create((short)2);
            for (; k <= n - 32; k += 30)
            {
                var pa = Avx512BW.MultiplyAddAdjacent(Avx512Vbmi.PermuteVar64x8(Vector512.LoadUnsafe(ref a, (nuint)(2 * k)), idx), ones);
                var pb = Avx512BW.MultiplyAddAdjacent(Avx512Vbmi.PermuteVar64x8(Vector512.LoadUnsafe(ref b, (nuint)(2 * k)), idx), ones);
                var v = Avx512BW.ShiftRightLogical(pa + pb + two, 2);
                Avx512BW.ConvertToVector256Byte(v).StoreUnsafe(ref o, (nuint)k);
            }
        }
        if (path is SimdPath.Vector512 or SimdPath.Vector256 && Avx2.IsSupported)
        {
            // Reads source bytes 2k .. 2k + 51 (2k + 52 <= 2n) and writes 32 bytes at k (k + 32 <= n); steps of 24.
            Vector256<byte> idx = Vector256.Create(PairIndex16, PairIndex16);
            Vector256<sbyte> ones = Vector256.Create((sbyte)1);
            Vector256<short> two = Vector256.Create((short)2);
            Vector256<int> order = Vector256.Create(0, 1, 2, 4, 5, 6, 3, 7);
            for (; k <= n - 32; k += 24)
            {
                // Lanes: x holds samples 0..5 and 12..17, y 6..11 and 18..23 (source offsets 0, 24 and 12, 36).
                nuint q = (nuint)(2 * k);
                var xa = Vector256.Create(Vector128.LoadUnsafe(ref a, q), Vector128.LoadUnsafe(ref a, q + 24));
                var ya = Vector256.Create(Vector128.LoadUnsafe(ref a, q + 12), Vector128.LoadUnsafe(ref a, q + 36));
                var xb = Vector256.Create(Vector128.LoadUnsafe(ref b, q), Vector128.LoadUnsafe(ref b, q + 24));
                var yb = Vector256.Create(Vector128.LoadUnsafe(ref b, q + 12), Vector128.LoadUnsafe(ref b, q + 36));
                var x = Avx2.MultiplyAddAdjacent(Avx2.Shuffle(xa, idx), ones) + Avx2.MultiplyAddAdjacent(Avx2.Shuffle(xb, idx), ones);
                var y = Avx2.MultiplyAddAdjacent(Avx2.Shuffle(ya, idx), ones) + Avx2.MultiplyAddAdjacent(Avx2.Shuffle(yb, idx), ones);
                x = Avx2.ShiftRightLogical(x + two, 2);
                y = Avx2.ShiftRightLogical(y + two, 2);
                // Packed lanes: samples 0..5, -, -, 6..11, -, - and 12..17, -, -, 18..23, -, -; compacted to 12 per lane,
                // then the lanes' 12-byte runs joined by a dword permute.
                var p = Avx2.Shuffle(Avx2.PackUnsignedSaturate(x, y), PairCompact);
                Avx2.PermuteVar8x32(p.AsInt32(), order).AsByte().StoreUnsafe(ref o, (nuint)k);
            }
        }
        Vector128<ushort> two2 = Vector128.Create((ushort)2);
        for (; k <= n - 12; k += 12)
        {
            // Source bytes 2k .. 2k + 23 of each row.
            var a0 = Vector128.LoadUnsafe(ref a, (nuint)(2 * k)); var a1 = Vector128.LoadUnsafe(ref a, (nuint)(2 * k + 8));
            var b0 = Vector128.LoadUnsafe(ref b, (nuint)(2 * k)); var b1 = Vector128.LoadUnsafe(ref b, (nuint)(2 * k + 8));
            var fa = Ssse3.Shuffle(a0, FirstLo) | Ssse3.Shuffle(a1, FirstHi);
            var sa = Ssse3.Shuffle(a0, SecondLo) | Ssse3.Shuffle(a1, SecondHi);
            var fb = Ssse3.Shuffle(b0, FirstLo) | Ssse3.Shuffle(b1, FirstHi);
            var sb = Ssse3.Shuffle(b0, SecondLo) | Ssse3.Shuffle(b1, SecondHi);
            var (fa0, fa1) = Vector128.Widen(fa); var (sa0, sa1) = Vector128.Widen(sa);
            var (fb0, fb1) = Vector128.Widen(fb); var (sb0, sb1) = Vector128.Widen(sb);
            var lo = Vector128.ShiftRightLogical(fa0 + sa0 + fb0 + sb0 + two2, 2);
            var hi = Vector128.ShiftRightLogical(fa1 + sa1 + fb1 + sb1 + two2, 2);
            var v = Vector128.Narrow(lo, hi);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, k), v.AsUInt64().ToScalar());
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, k + 8), v.AsUInt32().GetElement(2));
        }
        for (int j = k / 3; j < n / 3; j++)
            for (int c = 0; c < 3; c++)
                Unsafe.Add(ref o, 3 * j + c) = (byte)((Unsafe.Add(ref a, 6 * j + c) + Unsafe.Add(ref a, 6 * j + 3 + c)
                    + Unsafe.Add(ref b, 6 * j + c) + Unsafe.Add(ref b, 6 * j + 3 + c) + 2) >> 2);
    }

    // sums[k] = r0[k] + r1[k].
    private static void SumRows(ReadOnlySpan<byte> r0, ReadOnlySpan<byte> r1, ushort[] sums, SimdPath path)
    {
        int n = r0.Length, k = 0;
        ref byte a = ref MemoryMarshal.GetReference(r0);
        ref byte b = ref MemoryMarshal.GetReference(r1);
        ref ushort o = ref MemoryMarshal.GetArrayDataReference(sums);
        if (path == SimdPath.Vector512 && Vector512.IsHardwareAccelerated)
            for (; k <= n - 64; k += 64)
            {
                var (a0, a1) = Vector512.Widen(Vector512.LoadUnsafe(ref a, (nuint)k));
                var (b0, b1) = Vector512.Widen(Vector512.LoadUnsafe(ref b, (nuint)k));
                (a0 + b0).StoreUnsafe(ref o, (nuint)k);
                (a1 + b1).StoreUnsafe(ref o, (nuint)k + 32);
            }
        if (path is SimdPath.Vector512 or SimdPath.Vector256 && Vector256.IsHardwareAccelerated)
            for (; k <= n - 32; k += 32)
            {
                var (a0, a1) = Vector256.Widen(Vector256.LoadUnsafe(ref a, (nuint)k));
                var (b0, b1) = Vector256.Widen(Vector256.LoadUnsafe(ref b, (nuint)k));
                (a0 + b0).StoreUnsafe(ref o, (nuint)k);
                (a1 + b1).StoreUnsafe(ref o, (nuint)k + 16);
            }
        if (path is SimdPath.Vector512 or SimdPath.Vector256 or SimdPath.Vector128 && Vector128.IsHardwareAccelerated)
            for (; k <= n - 16; k += 16)
            {
                var (a0, a1) = Vector128.Widen(Vector128.LoadUnsafe(ref a, (nuint)k));
                var (b0, b1) = Vector128.Widen(Vector128.LoadUnsafe(ref b, (nuint)k));
                (a0 + b0).StoreUnsafe(ref o, (nuint)k);
                (a1 + b1).StoreUnsafe(ref o, (nuint)k + 8);
            }
        for (; k < n; k++) Unsafe.Add(ref o, k) = (ushort)(Unsafe.Add(ref a, k) + Unsafe.Add(ref b, k));
    }

    // d[j * ch + c] = (s[2 j ch + c] + s[(2 j + 1) ch + c] + 2) >> 2. One channel: the pair is one 32-bit lane; four
    // channels: one 64-bit lane per pixel, even and odd pixels split by a 64-bit permutation.
    private static void PairColumns(ushort[] sums, int channels, Span<byte> d, SimdPath path)
    {
        int n = d.Length, k = 0;
        ref ushort s = ref MemoryMarshal.GetArrayDataReference(sums);
        ref byte o = ref MemoryMarshal.GetReference(d);
        if (channels == 1)
        {
            if (path is SimdPath.Vector512 or SimdPath.Vector256 && Vector256.IsHardwareAccelerated)
            {
                Vector256<uint> lo = Vector256.Create(0xFFFFu), two = Vector256.Create(2u);
                for (; k <= n - 16; k += 16)
                {
                    var v0 = Vector256.LoadUnsafe(ref s, (nuint)(2 * k)).AsUInt32();
                    var v1 = Vector256.LoadUnsafe(ref s, (nuint)(2 * k + 16)).AsUInt32();
                    var e0 = Vector256.ShiftRightLogical((v0 & lo) + Vector256.ShiftRightLogical(v0, 16) + two, 2);
                    var e1 = Vector256.ShiftRightLogical((v1 & lo) + Vector256.ShiftRightLogical(v1, 16) + two, 2);
                    var w = Vector256.Narrow(e0, e1);
                    Vector256.Narrow(w, w).GetLower().StoreUnsafe(ref o, (nuint)k);
                }
            }
            if (path is SimdPath.Vector512 or SimdPath.Vector256 or SimdPath.Vector128 && Vector128.IsHardwareAccelerated)
            {
                Vector128<uint> lo = Vector128.Create(0xFFFFu), two = Vector128.Create(2u);
                for (; k <= n - 8; k += 8)
                {
                    var v0 = Vector128.LoadUnsafe(ref s, (nuint)(2 * k)).AsUInt32();
                    var v1 = Vector128.LoadUnsafe(ref s, (nuint)(2 * k + 8)).AsUInt32();
                    var e0 = Vector128.ShiftRightLogical((v0 & lo) + Vector128.ShiftRightLogical(v0, 16) + two, 2);
                    var e1 = Vector128.ShiftRightLogical((v1 & lo) + Vector128.ShiftRightLogical(v1, 16) + two, 2);
                    var w = Vector128.Narrow(e0, e1);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, k), Vector128.Narrow(w, w).AsUInt64().ToScalar());
                }
            }
        }
        else if (channels == 4)
        {
            if (path is SimdPath.Vector512 or SimdPath.Vector256 && Vector256.IsHardwareAccelerated)
            {
                Vector256<ushort> two = Vector256.Create((ushort)2);
                for (; k <= n - 16; k += 16)
                {
                    // Pixels 0..3 and 4..7 of the pair row; permute to (0, 2, 1, 3): evens low, odds high.
                    var v0 = Vector256.Shuffle(Vector256.LoadUnsafe(ref s, (nuint)(2 * k)).AsUInt64(), Vector256.Create(0ul, 2, 1, 3)).AsUInt16();
                    var v1 = Vector256.Shuffle(Vector256.LoadUnsafe(ref s, (nuint)(2 * k + 16)).AsUInt64(), Vector256.Create(0ul, 2, 1, 3)).AsUInt16();
                    var e0 = Vector256.ShiftRightLogical(Vector256.Create(v0.GetLower() + v0.GetUpper(), v1.GetLower() + v1.GetUpper()) + two, 2);
                    Vector256.Narrow(e0, e0).GetLower().StoreUnsafe(ref o, (nuint)k);
                }
            }
        }
        // k is a whole number of pixels here.
        for (int j = k / channels; j < n / channels; j++)
            for (int c = 0; c < channels; c++)
                Unsafe.Add(ref o, j * channels + c) =
                    (byte)((Unsafe.Add(ref s, 2 * j * channels + c) + Unsafe.Add(ref s, (2 * j + 1) * channels + c) + 2) >> 2);
    }

    // ================================================================ transposes (odd quarter turns, transposes)

    /// <summary>The transposing part of <see cref="GeometryKernels.CopyExact{T}"/> for pixels of 1, 3 or 4 bytes:
    /// <c>dst(j, i) = src(B i + C, D j + F)</c> over destination rows [i0, i1) and columns [j0, j1), all inside the source.
    /// Whole blocks are transposed in registers: 4-byte pixels 8 x 8 (AVX2) or 4 x 4 (SSE2) as 32-bit lanes, 1-byte pixels
    /// 16 x 16 by four rounds of byte interleaves (SSE2), 3-byte pixels 8 x 8 (AVX2, <see cref="TransposeBlocks"/>) or 4 x 4
    /// (SSSE3) widened to 32-bit lanes by a byte shuffle and narrowed back; blocks run in bands of 32 source rows (L1); the
    /// strips left over and the scalar path copy pixel by pixel in 32 x 32 tiles.
    /// A copy, so every path has the same bits.</summary>
    internal static void Transpose(ReadOnlySpan<byte> src, int srcWidth, int pixelBytes, Span<byte> dst, int dstWidth,
        IntegerMap m, int i0, int i1, int j0, int j1, SimdPath path)
    {
        path = Simd.Resolve(path);
        int k = path == SimdPath.Scalar ? 0 : pixelBytes switch
        {
            4 when path is SimdPath.Vector256 or SimdPath.Vector512 && Avx2.IsSupported => 8,
            4 when Sse2.IsSupported => 4,
            1 when Sse2.IsSupported => 16,
            3 when path is SimdPath.Vector256 or SimdPath.Vector512 && Avx2.IsSupported => 8,
            3 when Ssse3.IsSupported => 4,
            _ => 0,
        };
        int iEnd = i0, jEnd = j0;
        if (k > 0 && i1 - i0 >= k && j1 - j0 >= k)
        {
            iEnd = i0 + (i1 - i0) / k * k;
            jEnd = j0 + (j1 - j0) / k * k;
            ref byte s = ref MemoryMarshal.GetReference(src);
            ref byte d = ref MemoryMarshal.GetReference(dst);
            // Cache blocking: bands of BandRows source rows (destination columns), so that the source lines a band
            // reads stay in L1 while the band is walked across every source column.
            for (int band = j0; band < jEnd; band += BandRows)
            {
                int bandEnd = Math.Min(band + BandRows, jEnd);
                if (pixelBytes == 3 && k == 8)
                {
                    Band8x8x3(ref s, srcWidth, ref d, dstWidth, m, i0, iEnd, band, bandEnd);
                    continue;
                }
                for (int ti = i0; ti < iEnd; ti += k)
                {
                    // The block's source columns run from c0 for k pixels; destination row ti + r reads column c0 + r
                    // (B = 1) or c0 + k - 1 - r (B = -1).
                    int c0 = m.B == 1 ? ti + m.C : m.C - (ti + k - 1);
                    for (int tj = band; tj < bandEnd; tj += k)
                    {
                        switch (pixelBytes)
                        {
                            case 4 when k == 8: Block8x8x4(ref s, srcWidth, ref d, dstWidth, m, ti, tj, c0); break;
                            case 4: Block4x4x4(ref s, srcWidth, ref d, dstWidth, m, ti, tj, c0); break;
                            case 1: Block16x16x1(ref s, srcWidth, ref d, dstWidth, m, ti, tj, c0); break;
                            default:
                                // Each source row is read as 16 bytes for 12: the last rows of the source take the scalar copy.
                                if (!Block4x4x3(ref s, srcWidth, src.Length, ref d, dstWidth, m, ti, tj, c0))
                                    TransposeScalar(src, srcWidth, 3, dst, dstWidth, m, ti, ti + 4, tj, tj + 4);
                                break;
                        }
                    }
                }
            }
        }
        TransposeScalar(src, srcWidth, pixelBytes, dst, dstWidth, m, i0, i1, jEnd, j1);
        TransposeScalar(src, srcWidth, pixelBytes, dst, dstWidth, m, iEnd, i1, j0, jEnd);
    }

    // Source rows per cache band of the block transposes (a multiple of every block size). A band reads one or two
    // lines from each of its rows per block column; with strides that are multiples of 512 bytes (widths of 512 or 1024
    // RGB pixels) those lines fall into only 4 to 8 of L1's 64 sets, and 32 rows stay within its 8 to 12 ways.
    private const int BandRows = 32;

    // 3-byte pixels, AVX2: destination rows [i0, iEnd) by columns [band, bandEnd) in 8 x 8 blocks (TransposeBlocks),
    // with the block's source and destination addresses stepped rather than recomputed.
    private static void Band8x8x3(ref byte s, int srcWidth, ref byte d, int dstWidth, IntegerMap m, int i0, int iEnd, int band, int bandEnd)
    {
        nint srcStep = (nint)m.D * srcWidth * 3;
        nint dstStep = (nint)m.B * dstWidth * 3;
        for (int ti = i0; ti < iEnd; ti += 8)
        {
            int c0 = m.B == 1 ? ti + m.C : m.C - (ti + 7);
            // Destination row of source column c0: ti (B = 1) or ti + 7 (B = -1).
            int firstRow = m.B == 1 ? ti : ti + 7;
            ref byte sp = ref Unsafe.Add(ref s, ((nint)(m.D * band + m.F) * srcWidth + c0) * 3);
            ref byte dp = ref Unsafe.Add(ref d, ((nint)firstRow * dstWidth + band) * 3);
            for (int tj = band; tj < bandEnd; tj += 8)
            {
                TransposeBlocks.Block8x8x3(ref sp, srcStep, ref dp, dstStep);
                sp = ref Unsafe.Add(ref sp, 8 * srcStep);
                dp = ref Unsafe.Add(ref dp, 24);
            }
        }
    }

    /// <summary>The pixel-by-pixel transpose over [i0, i1) x [j0, j1), in 32 x 32 tiles.</summary>
    internal static void TransposeScalar(ReadOnlySpan<byte> src, int srcWidth, int pixelBytes, Span<byte> dst, int dstWidth,
        IntegerMap m, int i0, int i1, int j0, int j1)
    {
        const int tile = 32;
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        for (int ti = i0; ti < i1; ti += tile)
        {
            int ie = Math.Min(ti + tile, i1);
            for (int tj = j0; tj < j1; tj += tile)
            {
                int je = Math.Min(tj + tile, j1);
                for (int i = ti; i < ie; i++)
                {
                    int sx = m.B * i + m.C;
                    for (int j = tj; j < je; j++)
                    {
                        int sy = m.D * j + m.F;
                        ref byte sp = ref Unsafe.Add(ref s, (sy * srcWidth + sx) * pixelBytes);
                        ref byte dp = ref Unsafe.Add(ref d, (i * dstWidth + j) * pixelBytes);
                        switch (pixelBytes)
                        {
                            case 1: dp = sp; break;
                            case 3:
                                Unsafe.WriteUnaligned(ref dp, Unsafe.ReadUnaligned<ushort>(ref sp));
                                Unsafe.Add(ref dp, 2) = Unsafe.Add(ref sp, 2);
                                break;
                            default: Unsafe.WriteUnaligned(ref dp, Unsafe.ReadUnaligned<uint>(ref sp)); break;
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SourceRow(in IntegerMap m, int j) => m.D * j + m.F;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DestRow(in IntegerMap m, int ti, int r, int k) => m.B == 1 ? ti + r : ti + k - 1 - r;

    private static void Block8x8x4(ref byte s, int srcWidth, ref byte d, int dstWidth, IntegerMap m, int ti, int tj, int c0)
    {
        Vector256<uint> Row(ref byte s, int k) => Vector256.LoadUnsafe(ref Unsafe.Add(ref s, (SourceRow(m, tj + k) * srcWidth + c0) * 4)).AsUInt32();
        Vector256<uint> r0 = Row(ref s, 0), r1 = Row(ref s, 1), r2 = Row(ref s, 2), r3 = Row(ref s, 3);
        Vector256<uint> r4 = Row(ref s, 4), r5 = Row(ref s, 5), r6 = Row(ref s, 6), r7 = Row(ref s, 7);
        TransposeBlocks.Transpose8x8(r0, r1, r2, r3, r4, r5, r6, r7,
            out var k0, out var k1, out var k2, out var k3, out var k4, out var k5, out var k6, out var k7);
        Store(k0, 0, ref d); Store(k1, 1, ref d); Store(k2, 2, ref d); Store(k3, 3, ref d);
        Store(k4, 4, ref d); Store(k5, 5, ref d); Store(k6, 6, ref d); Store(k7, 7, ref d);

        void Store(Vector256<ulong> v, int r, ref byte d) =>
            v.AsByte().StoreUnsafe(ref Unsafe.Add(ref d, (DestRow(m, ti, r, 8) * dstWidth + tj) * 4));
    }

    private static void Block4x4x4(ref byte s, int srcWidth, ref byte d, int dstWidth, IntegerMap m, int ti, int tj, int c0)
    {
        Vector128<uint> Row(ref byte s, int k) => Vector128.LoadUnsafe(ref Unsafe.Add(ref s, (SourceRow(m, tj + k) * srcWidth + c0) * 4)).AsUInt32();
        Vector128<uint> r0 = Row(ref s, 0), r1 = Row(ref s, 1), r2 = Row(ref s, 2), r3 = Row(ref s, 3);
        Transpose4x4(ref r0, ref r1, ref r2, ref r3);
        r0.AsByte().StoreUnsafe(ref Unsafe.Add(ref d, (DestRow(m, ti, 0, 4) * dstWidth + tj) * 4));
        r1.AsByte().StoreUnsafe(ref Unsafe.Add(ref d, (DestRow(m, ti, 1, 4) * dstWidth + tj) * 4));
        r2.AsByte().StoreUnsafe(ref Unsafe.Add(ref d, (DestRow(m, ti, 2, 4) * dstWidth + tj) * 4));
        r3.AsByte().StoreUnsafe(ref Unsafe.Add(ref d, (DestRow(m, ti, 3, 4) * dstWidth + tj) * 4));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(ref Vector128<uint> r0, ref Vector128<uint> r1, ref Vector128<uint> r2, ref Vector128<uint> r3)
    {
        var t0 = Sse2.UnpackLow(r0, r1).AsUInt64(); var t1 = Sse2.UnpackHigh(r0, r1).AsUInt64();
        var t2 = Sse2.UnpackLow(r2, r3).AsUInt64(); var t3 = Sse2.UnpackHigh(r2, r3).AsUInt64();
        r0 = Sse2.UnpackLow(t0, t2).AsUInt32(); r1 = Sse2.UnpackHigh(t0, t2).AsUInt32();
        r2 = Sse2.UnpackLow(t1, t3).AsUInt32(); r3 = Sse2.UnpackHigh(t1, t3).AsUInt32();
    }

    // Four rounds of y[2i] = unpacklo8(x[i], x[i + 8]), y[2i + 1] = unpackhi8(x[i], x[i + 8]) transpose 16 x 16 bytes.
    private static void Block16x16x1(ref byte s, int srcWidth, ref byte d, int dstWidth, IntegerMap m, int ti, int tj, int c0)
    {
        Span<Vector128<byte>> x = stackalloc Vector128<byte>[16];
        Span<Vector128<byte>> y = stackalloc Vector128<byte>[16];
        for (int k = 0; k < 16; k++) x[k] = Vector128.LoadUnsafe(ref Unsafe.Add(ref s, SourceRow(m, tj + k) * srcWidth + c0));
        for (int round = 0; round < 4; round++)
        {
            for (int i = 0; i < 8; i++)
            {
                y[2 * i] = Sse2.UnpackLow(x[i], x[i + 8]);
                y[2 * i + 1] = Sse2.UnpackHigh(x[i], x[i + 8]);
            }
            y.CopyTo(x);
        }
        for (int r = 0; r < 16; r++) x[r].StoreUnsafe(ref Unsafe.Add(ref d, DestRow(m, ti, r, 16) * dstWidth + tj));
    }

    // 4 x 4 pixels of 3 bytes: each source row's 12 bytes (read as 16) widened to four 32-bit lanes, transposed, narrowed.
    // False when a read would pass the end of the source.
    private static bool Block4x4x3(ref byte s, int srcWidth, int srcLength, ref byte d, int dstWidth, IntegerMap m, int ti, int tj, int c0)
    {
        for (int k = 0; k < 4; k++)
            if ((SourceRow(m, tj + k) * srcWidth + c0) * 3 + 16 > srcLength) return false;
        Vector128<byte> widen = Vector128.Create((byte)0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11, 0x80);
        Vector128<byte> narrow = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
        Vector128<uint> Row(ref byte s, int k) =>
            Ssse3.Shuffle(Vector128.LoadUnsafe(ref Unsafe.Add(ref s, (SourceRow(m, tj + k) * srcWidth + c0) * 3)), widen).AsUInt32();
        Vector128<uint> r0 = Row(ref s, 0), r1 = Row(ref s, 1), r2 = Row(ref s, 2), r3 = Row(ref s, 3);
        Transpose4x4(ref r0, ref r1, ref r2, ref r3);
        Put(Ssse3.Shuffle(r0.AsByte(), narrow), 0, ref d); Put(Ssse3.Shuffle(r1.AsByte(), narrow), 1, ref d);
        Put(Ssse3.Shuffle(r2.AsByte(), narrow), 2, ref d); Put(Ssse3.Shuffle(r3.AsByte(), narrow), 3, ref d);
        return true;

        void Put(Vector128<byte> v, int r, ref byte d)
        {
            ref byte o = ref Unsafe.Add(ref d, (DestRow(m, ti, r, 4) * dstWidth + tj) * 3);
            Unsafe.WriteUnaligned(ref o, v.AsUInt64().ToScalar());
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, 8), v.AsUInt32().GetElement(2));
        }
    }
}
