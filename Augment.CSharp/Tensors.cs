using System.Numerics.Tensors;
using Augment.Native;

namespace Augment.CSharp;

/// <summary>
/// Tensors out: samples' images normalised with a per-channel mean and standard deviation into floats, one image
/// (HWC or CHW) or a batch (NCHW), into the caller's span or a <see cref="Tensor{T}"/>. Each value is first mapped
/// from the image's declared range to [0, 1] (bytes are divided by 255), then <c>(v - mean[c]) / std[c]</c>;
/// nothing is clamped. The kernels are <see cref="TensorOps"/>.
/// </summary>
public static class Tensors
{
    /// <summary>ImageNet's per-channel mean (RGB, on [0, 1]).</summary>
    public static ReadOnlySpan<float> ImageNetMean => [0.485f, 0.456f, 0.406f];

    /// <summary>ImageNet's per-channel standard deviation (RGB, on [0, 1]).</summary>
    public static ReadOnlySpan<float> ImageNetStd => [0.229f, 0.224f, 0.225f];

    /// <summary>The sample's image normalised into <paramref name="destination"/> in <paramref name="layout"/>;
    /// returns the number of floats written (width * height * channels).</summary>
    /// <exception cref="ArgumentException">mean or std does not have one finite entry per channel, a std is not
    /// positive, or the destination is too short.</exception>
    public static int Normalize(Sample sample, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, TensorLayout layout, Span<float> destination) =>
        TensorOps.Normalize(NotNull(sample, nameof(sample)).Image, mean, std, layout, destination);

    /// <summary>The sample's image normalised into a new array in <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentException">As <see cref="Normalize(Sample, ReadOnlySpan{float}, ReadOnlySpan{float}, TensorLayout, Span{float})"/>.</exception>
    public static float[] Normalize(Sample sample, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, TensorLayout layout) =>
        TensorOps.Normalize(NotNull(sample, nameof(sample)).Image, mean, std, layout);

    /// <summary>The NCHW lengths [N, C, H, W] of a batch.</summary>
    /// <exception cref="ArgumentException">No samples, or the images differ in shape.</exception>
    public static int[] BatchShape(IReadOnlyList<Sample> samples) => TensorOps.BatchShape(Images(samples));

    /// <summary>The samples' images (one shape) normalised into <paramref name="destination"/> in NCHW order; returns
    /// the number of floats written (N * C * H * W).</summary>
    /// <exception cref="ArgumentException">As <see cref="BatchShape"/>, a bad mean or std, or the destination is too short.</exception>
    public static int Collate(IReadOnlyList<Sample> samples, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, Span<float> destination) =>
        TensorOps.CollateNchw(Images(samples), mean, std, destination);

    /// <summary>The samples' images (one shape) normalised into a new tensor of lengths [N, C, H, W].</summary>
    /// <exception cref="ArgumentException">As <see cref="BatchShape"/>, or a bad mean or std.</exception>
    public static Tensor<float> Collate(IReadOnlyList<Sample> samples, ReadOnlySpan<float> mean, ReadOnlySpan<float> std) =>
        TensorOps.CollateNchw(Images(samples), mean, std);

    /// <summary>The samples' images (one shape) normalised into the caller's dense tensor of lengths [N, C, H, W]; returns it.</summary>
    /// <exception cref="ArgumentException">As <see cref="BatchShape"/>, a bad mean or std, or the tensor's lengths differ.</exception>
    public static Tensor<float> Collate(IReadOnlyList<Sample> samples, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, Tensor<float> destination) =>
        TensorOps.CollateNchw(Images(samples), mean, std, destination);

    private static Image[] Images(IReadOnlyList<Sample> samples) =>
        NotNull(samples, nameof(samples)).Select((s, i) => s?.Image ?? throw new ArgumentNullException(nameof(samples), $"samples[{i}] is null.")).ToArray();

    private static T NotNull<T>(T value, string name) where T : class => value ?? throw new ArgumentNullException(name);
}
