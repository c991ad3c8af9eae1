namespace Augment
    
    /// <summary>How <see cref="M:Augment.ImageIO.DecodeWith(Augment.DecodeOptions,System.String,System.Byte[])"/> and
    /// <c>ImageIO.readWith</c> decode. <see cref="P:Augment.DecodeOptions.Default"/> is Pillow's default guard and EXIF
    /// orientation applied.</summary>
    type DecodeOptions =
        {
          
          /// <summary>The most pixels (width x height, as the file's header claims them) a file may have; a larger one is
          /// refused with an <see cref="T:System.IO.InvalidDataException"/> before any pixel memory is allocated. Positive.</summary>
          MaxPixels: int64
          
          /// <summary>True: turn and flip the pixels as the file's EXIF orientation tag says, so that the image comes back
          /// as a viewer shows it (the displayed frame). False: the pixels as stored in the file.</summary>
          ApplyExifOrientation: bool
        }
        
        /// <summary><see cref="P:Augment.DecodeOptions.DefaultMaxPixels"/> and EXIF orientation applied.</summary>
        static member Default: DecodeOptions
        
        /// <summary>2 x 89,478,485 pixels: above this Pillow raises its <c>DecompressionBombError</c>
        /// (<c>Image.MAX_IMAGE_PIXELS</c> is 89,478,485 and Pillow refuses more than twice that). About 716 MB of RGBA.</summary>
        static member DefaultMaxPixels: int64
    
    /// <summary>PNG and JPEG files through SkiaSharp. Writes are atomic: a temporary file beside the target, then a rename.
    /// Decoding checks the size the header claims against a pixel limit before it allocates any pixels, refuses truncated
    /// or corrupt data, keeps the file's channel count and applies EXIF orientation (see <see cref="T:Augment.DecodeOptions"/>).</summary>
    [<RequireQualifiedAccess>]
    module ImageIO =
        
        /// <summary>The options <c>decode</c> and <c>read</c> use: <see cref="P:Augment.DecodeOptions.Default"/> unless
        /// <c>setDefaultOptions</c> or <c>setDefaultPixelLimit</c> changed them. Process-wide and thread-safe.</summary>
        [<CompiledName ("GetDefaultOptions")>]
        val defaultOptions: unit -> DecodeOptions
        
        /// <summary>Sets the options <c>decode</c> and <c>read</c> use from now on, for every thread (process-wide).</summary>
        /// <exception cref="System.ArgumentOutOfRangeException">MaxPixels is not positive.</exception>
        [<CompiledName ("SetDefaultOptions")>]
        val setDefaultOptions: options: DecodeOptions -> unit
        
        /// <summary>Sets the pixel limit <c>decode</c> and <c>read</c> use from now on (process-wide), keeping the other
        /// default options. <see cref="P:Augment.DecodeOptions.DefaultMaxPixels"/> restores Pillow's limit.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="maxPixels"/> is not positive.</exception>
        [<CompiledName ("SetDefaultPixelLimit")>]
        val setDefaultPixelLimit: maxPixels: int64 -> unit
        
        /// Copies the first dstChannels of each srcChannels-sample pixel of a w x h HWC buffer into the frame EXIF
        /// orientation origin displays: output pixel (u, v) (column, row) reads stored pixel (x, y) as below, per the
        /// EXIF 2.3 Orientation tag (where the stored row 0 and column 0 go on the display). Returns (width, height, samples).
        val internal remap:
          origin: SkiaSharp.SKEncodedOrigin ->
            w: int ->
            h: int ->
            srcChannels: int ->
            dstChannels: int -> src: byte array -> int * int * byte array
        
        /// A byte image turned into the frame EXIF orientation origin displays (exact; for tests and callers holding
        /// stored-frame pixels).
        val internal orient:
          origin: SkiaSharp.SKEncodedOrigin ->
            image: Native.Image -> Native.Image
        
        /// <summary>Decodes PNG or JPEG bytes to a byte image with <paramref name="options"/>.
        /// <list type="bullet">
        /// <item>Size: the width x height the header claims is checked against <c>options.MaxPixels</c> before any pixel
        /// memory is allocated.</item>
        /// <item>Channels: 4 (RGBA, not premultiplied) when the file has an alpha channel (a PNG of colour type 4 or 6, or
        /// with a tRNS chunk), even if every pixel is opaque; else 3 (RGB), whatever the pixels. A grayscale file decodes to
        /// 3 channels, the gray value in each (<c>ImageOps.Grayscale(image, 1)</c> gives 1 channel).</item>
        /// <item>Orientation: with <c>options.ApplyExifOrientation</c> the image comes back in the frame a viewer displays
        /// (the EXIF Orientation tag applied: width and height swap for tags 5 to 8); annotations (boxes, keypoints, masks)
        /// are expected in that displayed frame. Without it, the pixels as stored.</item>
        /// </list></summary>
        /// <exception cref="System.IO.InvalidDataException">The message starts with <paramref name="source"/> and says why:
        /// not a PNG or JPEG; truncated (with the byte count of <paramref name="data"/>); corrupt; or larger than the limit
        /// (with the claimed width x height, the pixel count and the limit).</exception>
        /// <exception cref="System.ArgumentOutOfRangeException"><c>options.MaxPixels</c> is not positive.</exception>
        [<CompiledName ("DecodeWith")>]
        val decodeWith:
          options: DecodeOptions ->
            source: string -> data: byte array -> Native.Image
        
        /// <summary>The width and height of the image in PNG or JPEG bytes, in the frame <c>decodeWith</c> gives back (the
        /// EXIF orientation applied when <c>options.ApplyExifOrientation</c>), from the header alone: no pixels decoded.</summary>
        /// <exception cref="System.IO.InvalidDataException">As <c>decodeWith</c>, for what the header shows.</exception>
        [<CompiledName ("ProbeWith")>]
        val probeWith:
          options: DecodeOptions -> source: string -> data: byte array -> int * int
        
        /// <summary>Decodes as <c>decodeWith</c>, but a JPEG at the smallest DCT scale (1/8, 2/8, ... 7/8, as PIL's draft
        /// mode and libjpeg-turbo's <c>scale_num</c>/<c>scale_denom</c>) whose output, in the displayed frame, is at least
        /// <paramref name="minWidth"/> x <paramref name="minHeight"/>: ceil(W n / 8) x ceil(H n / 8). A JPEG no scale
        /// fits, and every PNG, decodes at full size. Much faster when a pipeline shrinks the image first.</summary>
        /// <exception cref="System.ArgumentException">A size is not positive.</exception>
        /// <exception cref="System.IO.InvalidDataException">As <c>decodeWith</c>.</exception>
        [<CompiledName ("DecodeAtLeastWith")>]
        val decodeAtLeastWith:
          options: DecodeOptions ->
            minWidth: int ->
            minHeight: int -> source: string -> data: byte array -> Native.Image
        
        /// <summary>Decodes PNG or JPEG bytes with the default options (<c>defaultOptions ()</c>: Pillow's pixel limit and
        /// EXIF orientation applied unless changed): see <c>decodeWith</c> for the channels, the orientation (annotations are
        /// expected in the displayed, oriented frame) and the errors.</summary>
        /// <exception cref="System.IO.InvalidDataException">Not a decodable PNG or JPEG, truncated, corrupt or over the pixel
        /// limit; the message starts with <paramref name="source"/> and says which.</exception>
        [<CompiledName ("Decode")>]
        val decode: source: string -> data: byte array -> Native.Image
        
        /// <summary>Reads a PNG or JPEG file with <paramref name="options"/>: as <c>decodeWith</c>, the messages naming
        /// <paramref name="path"/>.</summary>
        /// <exception cref="System.IO.FileNotFoundException">No file at <paramref name="path"/> (nor a folder on the way);
        /// FileName is the path.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="path"/> is a directory (ParamName "path").</exception>
        /// <exception cref="System.IO.InvalidDataException">Not a decodable PNG or JPEG, truncated, corrupt or over the pixel
        /// limit (the message names the path).</exception>
        [<CompiledName ("ReadWith")>]
        val readWith: options: DecodeOptions -> path: string -> Native.Image
        
        /// <summary>Reads a PNG or JPEG file with the default options: see <c>readWith</c> and <c>decodeWith</c>. The image
        /// comes back in the displayed frame (EXIF orientation applied); annotations are expected in that frame.</summary>
        /// <exception cref="System.IO.FileNotFoundException">No file at <paramref name="path"/>.</exception>
        /// <exception cref="System.ArgumentException"><paramref name="path"/> is a directory.</exception>
        /// <exception cref="System.IO.InvalidDataException">The file is not a decodable image, is truncated or corrupt, or
        /// is over the pixel limit (the message names the path).</exception>
        [<CompiledName ("Read")>]
        val read: path: string -> Native.Image
        
        /// An RGBA SkiaSharp bitmap of the image (float images mapped to bytes first), opaque unless the image has 4
        /// channels, so that PNG writes colour type 2 (RGB) for 1 and 3 channels and 6 (RGBA) for 4; the caller disposes it.
        val internal toBitmap: image: Native.Image -> SkiaSharp.SKBitmap
        
        /// <summary>Encodes to PNG (lossless) or JPEG (<paramref name="quality"/> 1 to 100). Float images are mapped
        /// from their value range to bytes first. A PNG has an alpha channel exactly when the image has 4 channels, so
        /// <c>decode</c> gives back 3 channels for 1 and 3 (gray replicated) and 4 for 4.</summary>
        /// <exception cref="System.ArgumentException">format is not "png", "jpg" or "jpeg", or quality is outside 1 to 100.</exception>
        [<CompiledName ("Encode")>]
        val encode:
          format: string -> quality: int -> image: Native.Image -> byte array
        
        /// <summary>Writes bytes to <paramref name="path"/> atomically: a temporary file in the same folder, then a rename,
        /// so a crash never leaves a half-written file.</summary>
        [<CompiledName ("WriteAtomic")>]
        val writeAtomic: path: string -> bytes: byte array -> unit
        
        /// <summary>Writes a PNG or JPEG (by the extension; JPEG at quality 92), atomically.</summary>
        /// <exception cref="System.ArgumentException">The extension is not .png, .jpg or .jpeg.</exception>
        [<CompiledName ("Write")>]
        val write: path: string -> image: Native.Image -> unit
