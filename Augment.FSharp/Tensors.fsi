namespace Augment
    
    /// <summary>
    /// Tensors out: samples' images normalised with a per-channel mean and standard deviation into floats, one image
    /// (HWC or CHW) or a batch (NCHW). Each value is first mapped from the image's declared range to [0, 1] (bytes are
    /// divided by 255), then <c>(v - mean[c]) / std[c]</c>; nothing is clamped. The kernels are
    /// <c>Augment.Native.TensorOps</c>.
    /// </summary>
    [<RequireQualifiedAccess;
      CompilationRepresentation (enum<CompilationRepresentationFlags> (4))>]
    module Tensors =
        
        /// ImageNet's per-channel mean (RGB, on [0, 1]), as torchvision's pretrained models expect.
        [<CompiledName ("ImageNetMean")>]
        val imageNetMean: float32 array
        
        /// ImageNet's per-channel standard deviation (RGB, on [0, 1]).
        [<CompiledName ("ImageNetStd")>]
        val imageNetStd: float32 array
        
        /// <summary>The image normalised into a new array in <paramref name="layout"/>.</summary>
        /// <exception cref="System.ArgumentException">mean or std does not have one finite entry per channel, or a std is not positive.</exception>
        [<CompiledName ("Normalize")>]
        val normalize:
          layout: Native.TensorLayout ->
            mean: float32 array ->
            std: float32 array -> image: Native.Image -> float32 array
        
        /// <summary>The image normalised into the caller's <paramref name="destination"/> in <paramref name="layout"/>;
        /// returns the number of floats written (width * height * channels).</summary>
        /// <exception cref="System.ArgumentException">As <c>normalize</c>, or the destination is too short.</exception>
        [<CompiledName ("NormalizeInto")>]
        val normalizeInto:
          image: Native.Image * mean: float32 array * std: float32 array *
          layout: Native.TensorLayout * destination: System.Span<float32> -> int
        
        /// <summary>The samples' images (one shape) normalised into a new tensor of lengths [N, C, H, W].</summary>
        /// <exception cref="System.ArgumentException">No samples, the images differ in shape, or as <c>normalize</c>.</exception>
        [<CompiledName ("Collate")>]
        val collate:
          mean: float32 array ->
            std: float32 array ->
            samples: Sample seq -> System.Numerics.Tensors.Tensor<float32>
        
        /// <summary>The samples' images (one shape) normalised into the caller's <paramref name="destination"/> in NCHW
        /// order; returns the number of floats written (N * C * H * W).</summary>
        /// <exception cref="System.ArgumentException">As <c>collate</c>, or the destination is too short.</exception>
        [<CompiledName ("CollateInto")>]
        val collateInto:
          samples: Sample seq * mean: float32 array * std: float32 array *
          destination: System.Span<float32> -> int
        
        /// <summary>The NCHW lengths [N, C, H, W] of a batch of samples.</summary>
        [<CompiledName ("BatchShape")>]
        val batchShape: samples: Sample seq -> int array
