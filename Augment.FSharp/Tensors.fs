namespace Augment

open System
open System.Numerics.Tensors
open Augment.Native

/// <summary>
/// Tensors out: samples' images normalised with a per-channel mean and standard deviation into floats, one image
/// (HWC or CHW) or a batch (NCHW). Each value is first mapped from the image's declared range to [0, 1] (bytes are
/// divided by 255), then <c>(v - mean[c]) / std[c]</c>; nothing is clamped. The kernels are
/// <c>Augment.Native.TensorOps</c>.
/// </summary>
[<RequireQualifiedAccess>]
[<CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Tensors =

    /// ImageNet's per-channel mean (RGB, on [0, 1]), as torchvision's pretrained models expect.
    [<CompiledName("ImageNetMean")>]
    let imageNetMean = [| 0.485f; 0.456f; 0.406f |]

    /// ImageNet's per-channel standard deviation (RGB, on [0, 1]).
    [<CompiledName("ImageNetStd")>]
    let imageNetStd = [| 0.229f; 0.224f; 0.225f |]

    /// <summary>The image normalised into a new array in <paramref name="layout"/>.</summary>
    /// <exception cref="System.ArgumentException">mean or std does not have one finite entry per channel, or a std is not positive.</exception>
    [<CompiledName("Normalize")>]
    let normalize (layout: TensorLayout) (mean: float32[]) (std: float32[]) (image: Image) =
        TensorOps.Normalize(image, ReadOnlySpan mean, ReadOnlySpan std, layout)

    /// <summary>The image normalised into the caller's <paramref name="destination"/> in <paramref name="layout"/>;
    /// returns the number of floats written (width * height * channels).</summary>
    /// <exception cref="System.ArgumentException">As <c>normalize</c>, or the destination is too short.</exception>
    [<CompiledName("NormalizeInto")>]
    let normalizeInto (image: Image, mean: float32[], std: float32[], layout: TensorLayout, destination: Span<float32>) =
        TensorOps.Normalize(image, ReadOnlySpan mean, ReadOnlySpan std, layout, destination)

    let private images (samples: Sample seq) =
        if isNull (box samples) then nullArg "samples"
        samples |> Seq.map (fun s -> s.Image) |> Array.ofSeq :> Collections.Generic.IReadOnlyList<Image>

    /// <summary>The samples' images (one shape) normalised into a new tensor of lengths [N, C, H, W].</summary>
    /// <exception cref="System.ArgumentException">No samples, the images differ in shape, or as <c>normalize</c>.</exception>
    [<CompiledName("Collate")>]
    let collate (mean: float32[]) (std: float32[]) (samples: Sample seq) : Tensor<float32> =
        TensorOps.CollateNchw(images samples, ReadOnlySpan mean, ReadOnlySpan std)

    /// <summary>The samples' images (one shape) normalised into the caller's <paramref name="destination"/> in NCHW
    /// order; returns the number of floats written (N * C * H * W).</summary>
    /// <exception cref="System.ArgumentException">As <c>collate</c>, or the destination is too short.</exception>
    [<CompiledName("CollateInto")>]
    let collateInto (samples: Sample seq, mean: float32[], std: float32[], destination: Span<float32>) =
        TensorOps.CollateNchw(images samples, ReadOnlySpan mean, ReadOnlySpan std, destination)

    /// <summary>The NCHW lengths [N, C, H, W] of a batch of samples.</summary>
    [<CompiledName("BatchShape")>]
    let batchShape (samples: Sample seq) = TensorOps.BatchShape(images samples)
