namespace Augment.Native.Kernels;

/// <summary>
/// Per-sample noise whose randomness is a pure function of the key, the stream and the sample's index, so the
/// output does not depend on threads, paths or the order of work. Scalar kernels.
/// </summary>
/// <remarks>
/// Sample i (in HWC order, <c>i = (y * W + x) * C + c</c>) uses the Philox4x32-10 block j = i / 2 with counter
/// <c>(low 32 bits of j, 0x80000000 | high bits of j, stream0, stream1)</c> under the key (key0, key1): exactly
/// block j of the stream that <c>Seed.block</c> gives for the seed with these four words. The block
/// (X0, X1, X2, X3) gives two standard normals by Box–Muller in double:
/// <c>u1 = (((X0 &gt;&gt; 5) * 2^26 + (X1 &gt;&gt; 6)) + 1) / 2^53</c> in (0, 1],
/// <c>u2 = ((X2 &gt;&gt; 5) * 2^26 + (X3 &gt;&gt; 6)) / 2^53</c> in [0, 1),
/// <c>r = sqrt(-2 ln u1)</c>, <c>z0 = r cos(2 pi u2)</c> for the even sample 2j and <c>z1 = r sin(2 pi u2)</c> for
/// the odd sample 2j + 1.
/// </remarks>
public static class NoiseKernels
{
    /// <summary>The two standard normals of Philox block <paramref name="block"/> (see the class remarks).</summary>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <param name="stream0">Stream word 0 (the counter's third word).</param>
    /// <param name="stream1">Stream word 1 (the counter's fourth word).</param>
    /// <param name="block">The block index, 0 to 2^63 - 1.</param>
    /// <returns>(z0, z1): the normals of samples 2 * block and 2 * block + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">block is negative.</exception>
    public static (double Z0, double Z1) NormalPair(uint key0, uint key1, uint stream0, uint stream1, long block)
    {
        if (block < 0) Throw.ArgumentOutOfRange(nameof(block), block, "a block index >= 0");
        var b = Philox4x32.Generate(key0, key1, new Block4((uint)block, 0x8000_0000u | (uint)(block >> 32), stream0, stream1));
        double u1 = ((((ulong)(b.X0 >> 5) << 26) + (b.X1 >> 6)) + 1) * (1.0 / 9007199254740992.0);
        double u2 = Philox4x32.ToUnitDouble(b.X2, b.X3);
        double r = Math.Sqrt(-2.0 * Math.Log(u1)), theta = 2.0 * Math.PI * u2;
        return (r * Math.Cos(theta), r * Math.Sin(theta));
    }

    /// <summary>
    /// Adds <c>stddev * z_i</c> to every byte sample (z_i the standard normal of sample i, see the class remarks),
    /// in double; rounds half to even and saturates to [0, 255].
    /// </summary>
    /// <param name="src">The source samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="stddev">The standard deviation in value units, finite and &gt;= 0.</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <param name="stream0">Stream word 0.</param>
    /// <param name="stream1">Stream word 1.</param>
    /// <exception cref="ArgumentException">Lengths differ, or stddev is negative or not finite.</exception>
    public static void AddGaussian(ReadOnlySpan<byte> src, Span<byte> dst, double stddev,
        uint key0, uint key1, uint stream0, uint stream1)
    {
        Check(src.Length, dst.Length, stddev);
        for (int i = 0; i < src.Length; i += 2)
        {
            var (z0, z1) = NormalPair(key0, key1, stream0, stream1, i >> 1);
            dst[i] = (byte)Math.Clamp(Math.Round(src[i] + stddev * z0, MidpointRounding.ToEven), 0.0, 255.0);
            if (i + 1 < src.Length)
                dst[i + 1] = (byte)Math.Clamp(Math.Round(src[i + 1] + stddev * z1, MidpointRounding.ToEven), 0.0, 255.0);
        }
    }

    /// <summary>
    /// Adds <c>stddev * z_i</c> to every float sample in double, rounds the sum to float32 and clamps it to
    /// <paramref name="range"/>.
    /// </summary>
    /// <param name="src">The source samples.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="stddev">The standard deviation in value units, finite and &gt;= 0.</param>
    /// <param name="range">The value range results are clamped to.</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <param name="stream0">Stream word 0.</param>
    /// <param name="stream1">Stream word 1.</param>
    /// <exception cref="ArgumentException">Lengths differ, or stddev is negative or not finite.</exception>
    public static void AddGaussian(ReadOnlySpan<float> src, Span<float> dst, double stddev, ValueRange range,
        uint key0, uint key1, uint stream0, uint stream1)
    {
        Check(src.Length, dst.Length, stddev);
        float lo = range.Min, hi = range.Max;
        for (int i = 0; i < src.Length; i += 2)
        {
            var (z0, z1) = NormalPair(key0, key1, stream0, stream1, i >> 1);
            dst[i] = MathF.Min(MathF.Max((float)(src[i] + stddev * z0), lo), hi);
            if (i + 1 < src.Length)
                dst[i + 1] = MathF.Min(MathF.Max((float)(src[i + 1] + stddev * z1), lo), hi);
        }
    }

    private static void Check(int srcLength, int dstLength, double stddev)
    {
        if (dstLength != srcLength) Throw.Argument("dst", dstLength, $"the source length {srcLength}");
        if (!(double.IsFinite(stddev) && stddev >= 0)) Throw.Argument(nameof(stddev), stddev, "a finite standard deviation >= 0");
    }
}
