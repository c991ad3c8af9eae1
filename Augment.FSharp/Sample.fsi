namespace Augment
    
    /// <summary>An axis-aligned box in continuous pixel coordinates: pixel (row i, column j) covers
    /// [j, j+1) x [i, i+1), so [0, 0, W, H] is the whole image.</summary>
    type Box =
        {
          XMin: float
          YMin: float
          XMax: float
          YMax: float
          
          /// The object's class.
          Class: int
          
          /// The object's identity, kept through every op (for tracking, and for matching masks to boxes).
          Id: int
        }
        
        member Area: float
        
        member Height: float
        
        member Width: float
    
    /// A point in continuous pixel coordinates, with a visibility flag (an op that moves it off the image clears it).
    [<CompiledName ("FSharpKeypoint")>]
    type Keypoint =
        {
          X: float
          Y: float
          Visible: bool
        }
    
    /// The width, height and channel count of an image.
    type Shape =
        {
          Width: int
          Height: int
          Channels: int
        }
        
        static member Of: image: Native.Image -> Shape
    
    /// <summary>
    /// One training example: an image and any of a label (a probability vector, so mixing is exact),
    /// boxes, a class mask (a 1-channel byte image of the image's size) and keypoints.
    /// Arrays are treated as immutable: ops return new ones.
    /// </summary>
    [<CompiledName ("FSharpSample")>]
    type Sample =
        {
          Image: Native.Image
          
          /// A probability vector (one-hot for a hard label); empty when the sample has none.
          Label: float array
          Boxes: Box array
          Mask: Native.Image option
          Keypoints: Keypoint array
        }
        
        member Shape: Shape
    
    /// Boxes: construction with checks, and the COCO, YOLO and Pascal VOC formats.
    [<RequireQualifiedAccess>]
    module Box =
        
        /// <summary>A box from its corners.</summary>
        /// <exception cref="System.ArgumentException">A coordinate is not finite, or xMin &gt; xMax, or yMin &gt; yMax.</exception>
        [<CompiledName ("Create")>]
        val create:
          xMin: float ->
            yMin: float ->
            xMax: float -> yMax: float -> cls: int -> id: int -> Box
        
        /// From COCO's [x, y, width, height] in pixels.
        [<CompiledName ("OfCoco")>]
        val ofCoco:
          x: float ->
            y: float -> w: float -> h: float -> cls: int -> id: int -> Box
        
        /// To COCO's [x, y, width, height] in pixels.
        [<CompiledName ("ToCoco")>]
        val toCoco: b: Box -> float array
        
        /// From YOLO's [cx, cy, w, h], normalised by the image width and height.
        [<CompiledName ("OfYolo")>]
        val ofYolo:
          imageWidth: int ->
            imageHeight: int ->
            cx: float ->
            cy: float -> w: float -> h: float -> cls: int -> id: int -> Box
        
        /// To YOLO's [cx, cy, w, h], normalised by the image width and height.
        [<CompiledName ("ToYolo")>]
        val toYolo: imageWidth: int -> imageHeight: int -> b: Box -> float array
        
        /// From Pascal VOC's [x_min, y_min, x_max, y_max] in pixels (albumentations' reading: the same corners as ours).
        [<CompiledName ("OfVoc")>]
        val ofVoc:
          xMin: float ->
            yMin: float ->
            xMax: float -> yMax: float -> cls: int -> id: int -> Box
        
        /// To Pascal VOC's [x_min, y_min, x_max, y_max].
        [<CompiledName ("ToVoc")>]
        val toVoc: b: Box -> float array
    
    /// Building samples and checking them.
    [<RequireQualifiedAccess>]
    module Sample =
        
        /// A sample with only an image.
        [<CompiledName ("OfImage")>]
        val ofImage: image: Native.Image -> Sample
        
        /// <summary>Checks every target against the image; returns the sample unchanged.</summary>
        /// <exception cref="System.ArgumentException">A label entry is negative or not finite, a box is not finite, has
        /// xMin &gt; xMax or yMin &gt; yMax, or leaves the image, the mask is not a 1-channel byte image of the image's
        /// size, or a keypoint is not finite. The message names the offending index and value.</exception>
        [<CompiledName ("Validate")>]
        val validate: s: Sample -> Sample
        
        /// The sample with this label (checked).
        [<CompiledName ("WithLabel")>]
        val withLabel: label: float array -> s: Sample -> Sample
        
        /// The sample with these boxes (checked).
        [<CompiledName ("WithBoxes")>]
        val withBoxes: boxes: Box array -> s: Sample -> Sample
        
        /// The sample with this class mask (checked).
        [<CompiledName ("WithMask")>]
        val withMask: mask: Native.Image -> s: Sample -> Sample
        
        /// The sample with these keypoints (checked).
        [<CompiledName ("WithKeypoints")>]
        val withKeypoints: keypoints: Keypoint array -> s: Sample -> Sample
    
    /// How boxes that an op pushes (partly) off the image are dropped, as albumentations'
    /// <c>min_area</c> and <c>min_visibility</c>.
    [<CompiledName ("FSharpBoxFilter")>]
    type BoxFilter =
        {
          
          /// Drop a box whose clipped area, in pixels, is below this.
          MinArea: float
          
          /// Drop a box that keeps less than this fraction of its area after clipping.
          MinVisibility: float
        }
        
        /// Keeps every box with a positive clipped area.
        static member Default: BoxFilter
    
    /// The one rule for boxes after every geometric op.
    [<RequireQualifiedAccess>]
    module BoxFilter =
        
        /// <summary>Clips a box to [0, W] x [0, H] and decides whether it stays: a box wholly outside the image is
        /// dropped; a box with area is dropped when nothing of it is left, when its clipped area is under
        /// <c>MinArea</c>, or when the kept fraction of its area is under <c>MinVisibility</c>; a box of zero area
        /// (a line or a point) stays while it touches the image, with visibility 1.</summary>
        [<CompiledName ("Keep")>]
        val keep:
          filter: BoxFilter ->
            width: float -> height: float -> b: Box -> Box option
