using System.Runtime.CompilerServices;
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
public static partial class NoiseKernels
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
    /// <param name="path">The code path: <see cref="SimdPath.Scalar"/> is the reference loop; the others (Auto included, on any
    /// hardware) draw the Philox
    /// blocks in batches (<see cref="PhiloxBatch"/>) and give the same bits.</param>
    /// <exception cref="ArgumentException">Lengths differ, or stddev is negative or not finite.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddGaussian(ReadOnlySpan<byte> src, Span<byte> dst, double stddev,
        uint key0, uint key1, uint stream0, uint stream1, SimdPath path = SimdPath.Auto)
    {
        Check(src.Length, dst.Length, stddev);
        if (path != SimdPath.Scalar)
        {
            AddGaussianFast(src, dst, stddev, key0, key1, stream0, stream1, path);
            return;
        }
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
    /// <param name="path">The code path: <see cref="SimdPath.Scalar"/> is the reference loop; the others (Auto included, on any
    /// hardware) draw the Philox
    /// blocks in batches (<see cref="PhiloxBatch"/>) and give the same bits.</param>
    /// <exception cref="ArgumentException">Lengths differ, or stddev is negative or not finite.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddGaussian(ReadOnlySpan<float> src, Span<float> dst, double stddev, ValueRange range,
        uint key0, uint key1, uint stream0, uint stream1, SimdPath path = SimdPath.Auto)
    {
        Check(src.Length, dst.Length, stddev);
        if (path != SimdPath.Scalar)
        {
            AddGaussianFast(src, dst, stddev, range, key0, key1, stream0, stream1, path);
            return;
        }
        float lo = range.Min, hi = range.Max;
        for (int i = 0; i < src.Length; i += 2)
        {
            var (z0, z1) = NormalPair(key0, key1, stream0, stream1, i >> 1);
            dst[i] = MathF.Min(MathF.Max((float)(src[i] + stddev * z0), lo), hi);
            if (i + 1 < src.Length)
                dst[i + 1] = MathF.Min(MathF.Max((float)(src[i + 1] + stddev * z1), lo), hi);
        }
    }

    /// <summary>
    /// The uniform in [0, 1) of element <paramref name="index"/>: Philox block <c>index / 2</c> of the stream (the
    /// counter as in the class remarks), <c>ToUnitDouble(X0, X1)</c> for an even index and <c>ToUnitDouble(X2, X3)</c>
    /// for an odd one.
    /// </summary>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <param name="stream0">Stream word 0.</param>
    /// <param name="stream1">Stream word 1.</param>
    /// <param name="index">The element index, 0 to 2^63 - 1.</param>
    /// <returns>A double in [0, 1) with 53 random bits.</returns>
    /// <exception cref="ArgumentOutOfRangeException">index is negative.</exception>
    public static double UniformAt(uint key0, uint key1, uint stream0, uint stream1, long index)
    {
        if (index < 0) Throw.ArgumentOutOfRange(nameof(index), index, "an element index >= 0");
        long block = index >> 1;
        var b = Philox4x32.Generate(key0, key1, new Block4((uint)block, 0x8000_0000u | (uint)(block >> 32), stream0, stream1));
        return (index & 1) == 0 ? Philox4x32.ToUnitDouble(b.X0, b.X1) : Philox4x32.ToUnitDouble(b.X2, b.X3);
    }

    /// <summary>
    /// Multiplies every byte sample by its own factor <c>m = low + u * (high - low)</c> (albumentations'
    /// <c>MultiplicativeNoise(elementwise=True)</c>), in double; rounds half to even and saturates to [0, 255].
    /// With <paramref name="perChannel"/> sample i takes u = <see cref="UniformAt"/>(i); otherwise every channel of
    /// pixel p takes u = <see cref="UniformAt"/>(p).
    /// </summary>
    /// <param name="src">The source samples (HWC).</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">1, 3 or 4; the source length must be a multiple.</param>
    /// <param name="low">The smallest factor, finite and &gt;= 0.</param>
    /// <param name="high">The largest factor, finite and &gt;= low.</param>
    /// <param name="perChannel">One factor per sample (true) or per pixel (false).</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <param name="stream0">Stream word 0.</param>
    /// <param name="stream1">Stream word 1.</param>
    /// <param name="path">The code path (see <see cref="AddGaussian(ReadOnlySpan{byte}, Span{byte}, double, uint, uint, uint, uint, SimdPath)"/>).</param>
    /// <exception cref="ArgumentException">Lengths differ or do not fit the channels, or a bad factor range.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyUniform(ReadOnlySpan<byte> src, Span<byte> dst, int channels, double low, double high, bool perChannel,
        uint key0, uint key1, uint stream0, uint stream1, SimdPath path = SimdPath.Auto)
    {
        CheckMultiply(src.Length, dst.Length, channels, low, high);
        if (path != SimdPath.Scalar)
        {
            MultiplyUniformFast(src, dst, channels, low, high, perChannel, key0, key1, stream0, stream1, path);
            return;
        }
        for (int i = 0; i < src.Length; i++)
        {
            double m = low + UniformAt(key0, key1, stream0, stream1, perChannel ? i : i / channels) * (high - low);
            dst[i] = (byte)Math.Clamp(Math.Round(src[i] * m, MidpointRounding.ToEven), 0.0, 255.0);
        }
    }

    /// <summary>As the byte overload on float samples: the product in double, rounded to float32 and clamped to
    /// <paramref name="range"/>.</summary>
    /// <param name="src">The source samples (HWC).</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">1, 3 or 4; the source length must be a multiple.</param>
    /// <param name="low">The smallest factor, finite and &gt;= 0.</param>
    /// <param name="high">The largest factor, finite and &gt;= low.</param>
    /// <param name="perChannel">One factor per sample (true) or per pixel (false).</param>
    /// <param name="range">The value range results are clamped to.</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <param name="stream0">Stream word 0.</param>
    /// <param name="stream1">Stream word 1.</param>
    /// <param name="path">The code path (see <see cref="AddGaussian(ReadOnlySpan{byte}, Span{byte}, double, uint, uint, uint, uint, SimdPath)"/>).</param>
    /// <exception cref="ArgumentException">As the byte overload.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyUniform(ReadOnlySpan<float> src, Span<float> dst, int channels, double low, double high, bool perChannel,
        ValueRange range, uint key0, uint key1, uint stream0, uint stream1, SimdPath path = SimdPath.Auto)
    {
        CheckMultiply(src.Length, dst.Length, channels, low, high);
        if (path != SimdPath.Scalar)
        {
            MultiplyUniformFast(src, dst, channels, low, high, perChannel, range, key0, key1, stream0, stream1, path);
            return;
        }
        for (int i = 0; i < src.Length; i++)
        {
            double m = low + UniformAt(key0, key1, stream0, stream1, perChannel ? i : i / channels) * (high - low);
            dst[i] = MathF.Min(MathF.Max((float)(src[i] * m), range.Min), range.Max);
        }
    }

    /// <summary>
    /// Salt-and-pepper noise decided pixel by pixel: pixel p (row-major) reads Philox block p of the stream (counter as
    /// in the class remarks); it is noisy when <c>ToUnitDouble(X0, X1) &lt; amount</c>, and then every channel becomes
    /// <paramref name="salt"/> when <c>ToUnitDouble(X2, X3) &lt; saltRatio</c>, else <paramref name="pepper"/>; other
    /// pixels are copied.
    /// </summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="src">The source samples (HWC).</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="channels">1, 3 or 4; the source length must be a multiple.</param>
    /// <param name="amount">The probability that a pixel is noisy, in [0, 1].</param>
    /// <param name="saltRatio">The probability that a noisy pixel is salt, in [0, 1].</param>
    /// <param name="salt">The salt value (the range maximum).</param>
    /// <param name="pepper">The pepper value (the range minimum).</param>
    /// <param name="key0">Key word 0.</param>
    /// <param name="key1">Key word 1.</param>
    /// <param name="stream0">Stream word 0.</param>
    /// <param name="stream1">Stream word 1.</param>
    /// <param name="path">The code path (see <see cref="AddGaussian(ReadOnlySpan{byte}, Span{byte}, double, uint, uint, uint, uint, SimdPath)"/>).</param>
    /// <exception cref="ArgumentException">Lengths differ or do not fit the channels, or a probability outside [0, 1].</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SaltAndPepper<T>(ReadOnlySpan<T> src, Span<T> dst, int channels, double amount, double saltRatio,
        T salt, T pepper, uint key0, uint key1, uint stream0, uint stream1, SimdPath path = SimdPath.Auto) where T : unmanaged
    {
        CheckChannels(src.Length, dst.Length, channels);
        if (!(amount >= 0 && amount <= 1)) Throw.Argument(nameof(amount), amount, "a probability in [0, 1]");
        if (!(saltRatio >= 0 && saltRatio <= 1)) Throw.Argument(nameof(saltRatio), saltRatio, "a probability in [0, 1]");
        if (path != SimdPath.Scalar)
        {
            SaltAndPepperFast(src, dst, channels, amount, saltRatio, salt, pepper, key0, key1, stream0, stream1, path);
            return;
        }
        int pixels = src.Length / channels;
        for (int p = 0; p < pixels; p++)
        {
            var b = Philox4x32.Generate(key0, key1, new Block4((uint)p, 0x8000_0000u, stream0, stream1));
            int o = p * channels;
            if (Philox4x32.ToUnitDouble(b.X0, b.X1) < amount)
            {
                T v = Philox4x32.ToUnitDouble(b.X2, b.X3) < saltRatio ? salt : pepper;
                dst.Slice(o, channels).Fill(v);
            }
            else src.Slice(o, channels).CopyTo(dst.Slice(o, channels));
        }
    }

    private static void CheckChannels(int srcLength, int dstLength, int channels)
    {
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4 channels");
        if (dstLength != srcLength) Throw.Argument("dst", dstLength, $"the source length {srcLength}");
        if (srcLength % channels != 0) Throw.Argument("src", srcLength, $"a multiple of the channel count {channels}");
    }

    private static void CheckMultiply(int srcLength, int dstLength, int channels, double low, double high)
    {
        CheckChannels(srcLength, dstLength, channels);
        if (!(double.IsFinite(low) && low >= 0)) Throw.Argument(nameof(low), low, "a finite factor >= 0");
        if (!(double.IsFinite(high) && high >= low)) Throw.Argument(nameof(high), high, $"a finite factor >= low ({low})");
    }

    private static void Check(int srcLength, int dstLength, double stddev)
    {
        if (dstLength != srcLength) Throw.Argument("dst", dstLength, $"the source length {srcLength}");
        if (!(double.IsFinite(stddev) && stddev >= 0)) Throw.Argument(nameof(stddev), stddev, "a finite standard deviation >= 0");
    }
}
