using Augment.Native;
using FsPolicies = global::Augment.Policies;

namespace Augment.CSharp;

/// <summary>The data set an AutoAugment policy was learned on (Cubuk et al., AutoAugment, CVPR 2019).</summary>
public enum AutoAugmentDataset
{
    /// <summary>The ImageNet policy.</summary>
    ImageNet = 0,
    /// <summary>The CIFAR-10 policy.</summary>
    Cifar10 = 1,
    /// <summary>The SVHN policy.</summary>
    Svhn = 2,
}

/// <summary>
/// Automatic augmentation policies as ordinary pipelines (they print, run, trace and replay like any other): torchvision's
/// RandAugment, AutoAugment, TrivialAugmentWide and AugMix, and KerasCV's RandAugment and RandomAugmentationPipeline.
/// They take byte images. See docs/POLICIES.md for the tables each follows.
/// </summary>
public static class AugmentationPolicies
{
    /// <summary>torchvision's <c>RandAugment(num_ops, magnitude, num_magnitude_bins, interpolation, fill)</c>:
    /// <paramref name="numOps"/> times, one of 14 ops picked uniformly at bin <paramref name="magnitude"/> of
    /// <paramref name="bins"/>, a fair coin for the sign of a signed op.</summary>
    /// <exception cref="ArgumentException">numOps is outside [0, 64], bins outside [2, 1000], magnitude is not a bin
    /// index, Area interpolation, or a fill that is not finite.</exception>
    public static Augmentation RandAugment(int numOps = 2, int magnitude = 9, int bins = 31,
                                           Interpolation interpolation = Interpolation.Nearest, double fill = 0) =>
        Augmentation.Wrap(FsPolicies.RandAugment(numOps, magnitude, bins, interpolation, fill));

    /// <summary>torchvision's <c>AutoAugment(policy, interpolation, fill)</c>: one of the policy's 25 sub-policies
    /// picked uniformly, each of its two ops run with its probability at its bin of 10.</summary>
    /// <exception cref="ArgumentException">An unknown data set, Area interpolation, or a fill that is not finite.</exception>
    public static Augmentation AutoAugment(AutoAugmentDataset policy = AutoAugmentDataset.ImageNet,
                                           Interpolation interpolation = Interpolation.Nearest, double fill = 0) =>
        Augmentation.Wrap(FsPolicies.AutoAugment((global::Augment.AutoAugmentPolicy)(int)policy, interpolation, fill));

    /// <summary>torchvision's <c>TrivialAugmentWide(num_magnitude_bins, interpolation, fill)</c>: one op and one bin
    /// picked uniformly, a fair coin for the sign of a signed op.</summary>
    /// <exception cref="ArgumentException">bins is outside [2, 1000], Area interpolation, or a fill that is not finite.</exception>
    public static Augmentation TrivialAugmentWide(int bins = 31, Interpolation interpolation = Interpolation.Nearest, double fill = 0) =>
        Augmentation.Wrap(FsPolicies.TrivialAugmentWide(bins, interpolation, fill));

    /// <summary>torchvision's <c>AugMix(severity, mixture_width, chain_depth, alpha, all_ops, interpolation, fill)</c>,
    /// one op whose draw (Beta and Dirichlet weights, the chains' ops, bins and signs) its trace records. Images alone:
    /// a sample with boxes, a mask or keypoints is refused when it runs.</summary>
    /// <exception cref="ArgumentException">severity is outside [1, 10], width outside [1, 16], depth not -1 or in
    /// [1, 16], alpha outside (0, 1000], Area interpolation, or a fill that is not finite.</exception>
    public static Augmentation AugMix(int severity = 3, int width = 3, int depth = -1, double alpha = 1.0, bool allOps = true,
                                      Interpolation interpolation = Interpolation.Bilinear, double fill = 0) =>
        Augmentation.Wrap(FsPolicies.AugMix(severity, width, depth, alpha, allOps, interpolation, fill));

    /// <summary>KerasCV's <c>RandomAugmentationPipeline(layers, augmentations_per_image, rate)</c>:
    /// <paramref name="augmentationsPerImage"/> times, with probability <paramref name="rate"/>, one layer picked
    /// uniformly.</summary>
    /// <exception cref="ArgumentNullException">layers or one of them is null.</exception>
    /// <exception cref="ArgumentException">No layers, augmentationsPerImage outside [0, 64], or rate outside [0, 1].</exception>
    public static Augmentation RandomAugmentationPipeline(IReadOnlyList<Augmentation> layers, int augmentationsPerImage, double rate = 1.0)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var inner = new Augment.Aug[layers.Count];
        for (int i = 0; i < layers.Count; i++)
            inner[i] = layers[i]?.Inner ?? throw new ArgumentNullException(nameof(layers), $"layers[{i}] is null.");
        return Augmentation.Wrap(FsPolicies.RandomAugmentationPipeline(inner, augmentationsPerImage, rate));
    }

    /// <summary>KerasCV's <c>RandAugment(value_range, augmentations_per_image, magnitude, magnitude_stddev, rate,
    /// geometric)</c> on byte images (the ops work in fractions of the value range).</summary>
    /// <exception cref="ArgumentException">augmentationsPerImage outside [0, 64], or magnitude, magnitudeStddev or rate
    /// outside [0, 1].</exception>
    public static Augmentation RandAugmentKeras(int augmentationsPerImage = 3, double magnitude = 0.5, double magnitudeStddev = 0.15,
                                                double rate = 10.0 / 11.0, bool geometric = true) =>
        Augmentation.Wrap(FsPolicies.RandAugmentKeras(augmentationsPerImage, magnitude, magnitudeStddev, rate, geometric));
}
