namespace Augment

/// The magnitude spaces of torchvision's automatic augmentation policies (torchvision/transforms/v2/_auto_augment.py).
type PolicySpace =
    /// RandAugment's 14 ops (Identity first).
    | RandAugment = 0
    /// AutoAugment's 14 ops (RandAugment's without Identity, with Invert), 10 bins.
    | AutoAugment = 1
    /// TrivialAugmentWide's wider ranges.
    | TrivialAugmentWide = 2
    /// AugMix's 9 ops (all_ops=False), 10 bins.
    | AugMix = 3
    /// AugMix's 13 ops (all_ops=True: with Brightness, Color, Contrast and Sharpness).
    | AugMixAllOps = 4

/// The AutoAugment policies learned on three data sets (Cubuk et al., AutoAugment, CVPR 2019).
type AutoAugmentPolicy =
    /// Learned on ImageNet.
    | ImageNet = 0
    /// Learned on CIFAR-10.
    | Cifar10 = 1
    /// Learned on SVHN.
    | Svhn = 2

/// <summary>One op of a policy's space: torchvision's name, its magnitude per bin in torchvision's units (empty for an
/// op without one; translations in pixels for the image size asked for; Solarize as a fraction of the range, as
/// torchvision's v2 space), and whether a fair coin flips its sign.</summary>
type PolicyMagnitudes =
    {
      Op: string
      Magnitudes: float array
      Signed: bool
    }

/// <summary>One op of an AutoAugment sub-policy: torchvision's name, the probability it runs, and its magnitude bin
/// (of 10; -1 for an op without a magnitude).</summary>
type SubPolicyOp =
    {
      Op: string
      Probability: float
      Bin: int
    }

/// <summary>What AugMix drew: the weight of the original image, the weight of each chain (they sum to 1 - Original),
/// the number of ops of each chain, and for each op, chain after chain, its index in the op space, its magnitude bin
/// and its sign (+1 or -1; ignored for an unsigned op).</summary>
type AugMixParams =
    {
      Original: float
      Weights: float array
      Depths: int array
      Ops: int array
      Bins: int array
      Signs: int array
    }

/// <summary>Automatic augmentation policies built from the catalogue's ops and the <c>Aug</c> combinators, so each is
/// an ordinary pipeline: it prints, runs, traces, replays and serialises like any other. The torchvision policies
/// (RandAugment, AutoAugment, TrivialAugmentWide, AugMix) follow torchvision's v2 transforms and their ops
/// (<c>_apply_image_or_video_transform</c>): PIL's ImageEnhance factors <c>1 + magnitude</c>, shears about the top-left
/// corner, whole-pixel translations truncated as Python's <c>int</c>, Solarize at a fraction of the range. KerasCV's
/// RandAugment and RandomAugmentationPipeline follow keras_cv/layers/preprocessing. The policies take byte images, as torchvision's
/// take uint8 (their AutoContrast and Equalize work on 256 levels and refuse float images: convert with
/// <c>Ops.toByte</c> first); the ops work in fractions of the value range, so KerasCV's <c>value_range</c> has no
/// counterpart.</summary>
[<RequireQualifiedAccess>]
module Policies =

    /// <summary>The magnitude table of a torchvision policy space for a <paramref name="width"/> x
    /// <paramref name="height"/> image with <paramref name="bins"/> bins, in the space's op order: what the policy
    /// runs at bin i (<c>torch.linspace</c> in double; Posterize <c>top - round(i / ((bins - 1) / span))</c> with
    /// round half to even, as <c>torch.round</c>).</summary>
    /// <exception cref="System.ArgumentException">bins is outside [2, 1000], or a size is not positive.</exception>
    val magnitudes: space: PolicySpace -> bins: int -> width: int -> height: int -> PolicyMagnitudes list

    /// <summary>torchvision's <c>RandAugment(num_ops, magnitude, num_magnitude_bins, interpolation, fill)</c> (Cubuk et
    /// al. 2020; torchvision's defaults are 2, 9, 31, nearest, 0): <paramref name="numOps"/> times, one of the 14 ops
    /// of <c>PolicySpace.RandAugment</c> picked uniformly (with replacement, Identity among them) at bin
    /// <paramref name="magnitude"/>, its sign flipped by a fair coin when the op is signed. Geometric ops use
    /// <paramref name="interpolation"/> and a constant border of <paramref name="fill"/> (value units).</summary>
    /// <exception cref="System.ArgumentException">numOps is outside [0, 64], bins outside [2, 1000], magnitude is not a
    /// bin index, Area interpolation, or a fill that is not finite.</exception>
    [<CompiledName ("RandAugment")>]
    val randAugment:
      numOps: int -> magnitude: int -> bins: int -> interpolation: Native.Interpolation -> fill: float -> Aug

    /// <summary>The 25 sub-policies (pairs of ops) of an AutoAugment policy, as torchvision's
    /// <c>AutoAugment._get_policies</c> lists them.</summary>
    /// <exception cref="System.ArgumentException">The policy is not ImageNet, Cifar10 or Svhn.</exception>
    val autoAugmentSubPolicies: policy: AutoAugmentPolicy -> (SubPolicyOp * SubPolicyOp) list

    /// <summary>torchvision's <c>AutoAugment(policy, interpolation, fill)</c> (torchvision's defaults: ImageNet, nearest,
    /// 0): one of the policy's 25 sub-policies picked uniformly; each of its two ops runs with its probability
    /// (<c>Aug.maybe</c>) at its bin of 10 of <c>PolicySpace.AutoAugment</c>, its sign flipped by a fair coin when the
    /// op is signed.</summary>
    /// <exception cref="System.ArgumentException">An unknown policy, Area interpolation, or a fill that is not finite.</exception>
    [<CompiledName ("AutoAugment")>]
    val autoAugment: policy: AutoAugmentPolicy -> interpolation: Native.Interpolation -> fill: float -> Aug

    /// <summary>torchvision's <c>TrivialAugmentWide(num_magnitude_bins, interpolation, fill)</c> (Müller and Hutter 2021;
    /// torchvision's defaults: 31, nearest, 0): one op of <c>PolicySpace.TrivialAugmentWide</c> picked uniformly, at a
    /// bin picked uniformly, its sign flipped by a fair coin when the op is signed.</summary>
    /// <exception cref="System.ArgumentException">bins is outside [2, 1000], Area interpolation, or a fill that is not finite.</exception>
    [<CompiledName ("TrivialAugmentWide")>]
    val trivialAugmentWide: bins: int -> interpolation: Native.Interpolation -> fill: float -> Aug

    /// <summary>torchvision's <c>AugMix(severity, mixture_width, chain_depth, alpha, all_ops, interpolation, fill)</c>
    /// (Hendrycks et al. 2020; torchvision's defaults: 3, 3, -1, 1.0, true, bilinear, 0) as one op whose draw is
    /// recorded in its trace (<c>AugMixParams</c>): the original's weight m ~ Beta(alpha, alpha) (child seed 0), chain
    /// weights Dirichlet(alpha, ..., alpha) times 1 - m (child 1; each component a Gamma(alpha, 1) inverse CDF at its own
    /// child seed, normalised); chain i (child 2 + i) has <paramref name="depth"/> ops, or 1 to 3 drawn when depth is -1,
    /// each picked uniformly from <c>PolicySpace.AugMix</c> (<c>AugMixAllOps</c> with <paramref name="allOps"/>) at a bin
    /// drawn from the first <paramref name="severity"/> of 10, with a fair sign. The result is
    /// <c>m x + sum_i w_i chain_i(x)</c> in double, bytes rounded half to even (torchvision truncates) and saturated,
    /// floats clamped to the range. The image only: as torchvision, a sample with boxes, a mask or keypoints is refused.</summary>
    /// <exception cref="System.ArgumentException">severity is outside [1, 10], width outside [1, 16], depth not -1 or
    /// in [1, 16], alpha outside (0, 1000], Area interpolation, or a fill that is not finite; at run time, a sample
    /// with boxes, a mask or keypoints.</exception>
    [<CompiledName ("AugMix")>]
    val augMix:
      severity: int ->
        width: int ->
        depth: int -> alpha: float -> allOps: bool -> interpolation: Native.Interpolation -> fill: float -> Aug

    /// <summary>KerasCV's <c>RandomAugmentationPipeline(layers, augmentations_per_image, rate)</c>:
    /// <paramref name="augmentationsPerImage"/> times, with probability <paramref name="rate"/>, one of the layers
    /// picked uniformly (with replacement). A skipped step leaves the image as it stands (KerasCV's code returns the
    /// pipeline's input there, undoing earlier steps; its doc describes a skip).</summary>
    /// <exception cref="System.ArgumentException">No layers, augmentationsPerImage outside [0, 64], or rate outside [0, 1].</exception>
    [<CompiledName ("RandomAugmentationPipeline")>]
    val randomAugmentationPipeline: layers: Aug seq -> augmentationsPerImage: int -> rate: float -> Aug

    /// <summary>KerasCV's <c>create_rand_augment_policy(magnitude, magnitude_stddev)</c>
    /// (keras_cv/layers/preprocessing/rand_augment.py): each layer's name and its arguments as samplers, in KerasCV's
    /// units (solarize in 0 to 255; <c>core.NormalFactorSampler</c> is <c>Sampler.ClippedNormal</c>).</summary>
    /// <exception cref="System.ArgumentException">magnitude or magnitudeStddev is outside [0, 1].</exception>
    val kerasRandAugmentPolicy:
      magnitude: float -> magnitudeStddev: float -> (string * (string * Sampler) list) list

    /// <summary>The layers of KerasCV's <c>RandAugment.get_standard_policy</c> as pipelines of the catalogue, from
    /// <c>kerasRandAugmentPolicy</c>: AutoContrast, Equalize, SolarizeAdd (the 0 to 255 samplers / 255),
    /// EnhanceColor with 1 - the degeneration factor (KerasCV's <c>RandomColorDegeneration</c>), Contrast drawn from
    /// [1 - f, 1 + f], Brightness drawn from [-f, f] of the range and, with <paramref name="geometric"/>, ShearX and
    /// ShearY with the factor's sign flipped by a fair coin (KerasCV's <c>RandomShear</c>: input x = x' + s y', bilinear,
    /// reflecting border) and Keras' <c>RandomTranslation</c> of [-f, f] of the width or height. KerasCV shears about the
    /// centre of the top-left pixel, these about its corner (half a pixel times the shear apart).</summary>
    /// <exception cref="System.ArgumentException">As <c>kerasRandAugmentPolicy</c>.</exception>
    val kerasRandAugmentLayers: magnitude: float -> magnitudeStddev: float -> geometric: bool -> Aug list

    /// <summary>KerasCV's <c>RandAugment(value_range, augmentations_per_image, magnitude, magnitude_stddev, rate,
    /// geometric)</c> (KerasCV's defaults: 3, 0.5, 0.15, 10/11, true): <c>randomAugmentationPipeline</c> over
    /// <c>kerasRandAugmentLayers</c>, on byte images (KerasCV's layers run in [0, 255] too).</summary>
    /// <exception cref="System.ArgumentException">augmentationsPerImage outside [0, 64], magnitude or magnitudeStddev
    /// outside [0, 1], or rate outside [0, 1].</exception>
    [<CompiledName ("RandAugmentKeras")>]
    val randAugmentKeras:
      augmentationsPerImage: int ->
        magnitude: float -> magnitudeStddev: float -> rate: float -> geometric: bool -> Aug
