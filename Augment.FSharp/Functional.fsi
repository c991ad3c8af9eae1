namespace Augment
    
    /// <summary>
    /// Deterministic sample transforms with no seed: each plans one step and runs it through the engine, so the
    /// image and every annotation move together (label, boxes, mask, keypoints). The random ops in <c>Ops</c> plan
    /// the same steps from drawn parameters.
    /// </summary>
    [<RequireQualifiedAccess>]
    module Functional =
        
        /// Runs one planned step on a sample, through the engine.
        [<CompiledName ("ApplyStep")>]
        val applyStep: step: Step -> s: Sample -> Sample
        
        /// <summary>Clips boxes to [0, width] x [0, height] and drops those that the box rule
        /// (<c>BoxFilter.keep</c>) rejects.</summary>
        [<CompiledName ("ClipBoxes")>]
        val clipBoxes:
          filter: BoxFilter ->
            width: int -> height: int -> boxes: Box array -> Box array
        
        /// Mirrors left-right: a point (x, y) goes to (W - x, y).
        [<CompiledName ("FlipHorizontal")>]
        val flipHorizontal: s: Sample -> Sample
        
        /// Mirrors top-bottom: a point (x, y) goes to (x, H - y).
        [<CompiledName ("FlipVertical")>]
        val flipVertical: s: Sample -> Sample
        
        /// <summary>Turns by k quarter turns counter-clockwise, as <c>numpy.rot90</c> (k taken mod 4): for k = 1 a point
        /// (x, y) goes to (y, W - x), and the image becomes H wide and W high.</summary>
        [<CompiledName ("Rot90")>]
        val rot90: k: int -> s: Sample -> Sample
        
        /// <summary>Keeps the <paramref name="width"/> x <paramref name="height"/> rectangle whose top-left pixel is (x, y):
        /// points move by (-x, -y); boxes are clipped and filtered; keypoints that leave the image become invisible.</summary>
        /// <exception cref="System.ArgumentException">The rectangle is empty or not inside the image.</exception>
        [<CompiledName ("Crop")>]
        val crop:
          filter: BoxFilter ->
            x: int -> y: int -> width: int -> height: int -> s: Sample -> Sample
        
        /// <summary>The rectangle (x, y, width, height) that <c>tf.image.central_crop</c> keeps:
        /// <c>start = int((size - size * fraction) / 2)</c> and <c>length = size - 2 * start</c> on each axis.</summary>
        /// <exception cref="System.ArgumentException">fraction is not in (0, 1].</exception>
        [<CompiledName ("CentralCropRect")>]
        val centralCropRect:
          fraction: float ->
            width: int -> height: int -> struct (int * int * int * int)
        
        /// Keeps the centred <paramref name="fraction"/> of each side, as <c>tf.image.central_crop</c>.
        [<CompiledName ("CentralCrop")>]
        val centralCrop:
          filter: BoxFilter -> fraction: float -> s: Sample -> Sample
