namespace Augment
    
    /// Contact sheets: a grid of samples with their boxes drawn, for looking at what a pipeline does.
    [<RequireQualifiedAccess>]
    module Gallery =
        
        /// The colour boxes of a class are drawn in.
        val colourOf: cls: int -> SkiaSharp.SKColor
        
        /// <summary>Renders samples in a grid of <paramref name="columns"/> columns, each scaled to fit a
        /// <paramref name="cell"/> x <paramref name="cell"/> square with its mask (a translucent overlay in the class
        /// colours), its boxes (coloured by class) and visible keypoints.
        /// Returns a 3-channel byte image.</summary>
        /// <exception cref="System.ArgumentException">No samples, columns &lt; 1, or cell &lt; 16.</exception>
        [<CompiledName ("Render")>]
        val render:
          columns: int -> cell: int -> samples: Sample seq -> Native.Image
        
        /// Renders and writes a gallery PNG atomically.
        [<CompiledName ("Write")>]
        val write:
          path: string ->
            columns: int -> cell: int -> samples: Sample seq -> unit
