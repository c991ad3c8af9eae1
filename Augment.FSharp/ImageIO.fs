namespace Augment

open System
open System.IO
open System.Threading
open Microsoft.FSharp.NativeInterop
open Augment.Native
open SkiaSharp

#nowarn "9" // fixed: the decoder writes straight into a pinned managed array

/// <summary>How <see cref="M:Augment.ImageIO.DecodeWith(Augment.DecodeOptions,System.String,System.Byte[])"/> and
/// <c>ImageIO.readWith</c> decode. <see cref="P:Augment.DecodeOptions.Default"/> is Pillow's default guard and EXIF
/// orientation applied.</summary>
type DecodeOptions =
    { /// <summary>The most pixels (width x height, as the file's header claims them) a file may have; a larger one is
      /// refused with an <see cref="T:System.IO.InvalidDataException"/> before any pixel memory is allocated. Positive.</summary>
      MaxPixels: int64
      /// <summary>True: turn and flip the pixels as the file's EXIF orientation tag says, so that the image comes back
      /// as a viewer shows it (the displayed frame). False: the pixels as stored in the file.</summary>
      ApplyExifOrientation: bool }

    /// <summary>2 x 89,478,485 pixels: above this Pillow raises its <c>DecompressionBombError</c>
    /// (<c>Image.MAX_IMAGE_PIXELS</c> is 89,478,485 and Pillow refuses more than twice that). About 716 MB of RGBA.</summary>
    static member DefaultMaxPixels = 2L * 89_478_485L

    /// <summary><see cref="P:Augment.DecodeOptions.DefaultMaxPixels"/> and EXIF orientation applied.</summary>
    static member Default = { MaxPixels = DecodeOptions.DefaultMaxPixels; ApplyExifOrientation = true }

/// <summary>PNG and JPEG files through SkiaSharp. Writes are atomic: a temporary file beside the target, then a rename.
/// Decoding checks the size the header claims against a pixel limit before it allocates any pixels, refuses truncated
/// or corrupt data, keeps the file's channel count and applies EXIF orientation (see <see cref="T:Augment.DecodeOptions"/>).</summary>
[<RequireQualifiedAccess>]
module ImageIO =

    let private checkOptions (options: DecodeOptions) =
        if options.MaxPixels <= 0L then Throw.ArgumentOutOfRange("MaxPixels", options.MaxPixels, "a positive number of pixels")

    // Options records are immutable: one reference, read and written with Volatile, is the whole global state.
    let private defaults = ref DecodeOptions.Default

    /// <summary>The options <c>decode</c> and <c>read</c> use: <see cref="P:Augment.DecodeOptions.Default"/> unless
    /// <c>setDefaultOptions</c> or <c>setDefaultPixelLimit</c> changed them. Process-wide and thread-safe.</summary>
    [<CompiledName("GetDefaultOptions")>]
    let defaultOptions () = Volatile.Read(&defaults.contents)

    /// <summary>Sets the options <c>decode</c> and <c>read</c> use from now on, for every thread (process-wide).</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">MaxPixels is not positive.</exception>
    [<CompiledName("SetDefaultOptions")>]
    let setDefaultOptions (options: DecodeOptions) =
        checkOptions options
        Volatile.Write(&defaults.contents, options)

    /// <summary>Sets the pixel limit <c>decode</c> and <c>read</c> use from now on (process-wide), keeping the other
    /// default options. <see cref="P:Augment.DecodeOptions.DefaultMaxPixels"/> restores Pillow's limit.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="maxPixels"/> is not positive.</exception>
    [<CompiledName("SetDefaultPixelLimit")>]
    let setDefaultPixelLimit (maxPixels: int64) =
        if maxPixels <= 0L then Throw.ArgumentOutOfRange("maxPixels", maxPixels, "a positive number of pixels")
        let mutable fin = false
        while not fin do
            let seen = Volatile.Read(&defaults.contents)
            fin <- obj.ReferenceEquals(Interlocked.CompareExchange(&defaults.contents, { seen with MaxPixels = maxPixels }, seen), seen)

    /// Copies the first dstChannels of each srcChannels-sample pixel of a w x h HWC buffer into the frame EXIF
    /// orientation origin displays: output pixel (u, v) (column, row) reads stored pixel (x, y) as below, per the
    /// EXIF 2.3 Orientation tag (where the stored row 0 and column 0 go on the display). Returns (width, height, samples).
    let internal remap (origin: SKEncodedOrigin) (w: int) (h: int) (srcChannels: int) (dstChannels: int) (src: byte[]) =
        // For output row v, the stored pixel index of column u is start v + u * step.
        let transposed, start, step =
            match origin with
            | SKEncodedOrigin.TopRight -> false, (fun v -> v * w + w - 1), -1           // 2 mirror horizontal: x = W-1-u, y = v
            | SKEncodedOrigin.BottomRight -> false, (fun v -> (h - 1 - v) * w + w - 1), -1 // 3 rotate 180: x = W-1-u, y = H-1-v
            | SKEncodedOrigin.BottomLeft -> false, (fun v -> (h - 1 - v) * w), 1       // 4 mirror vertical: x = u, y = H-1-v
            | SKEncodedOrigin.LeftTop -> true, (fun v -> v), w                          // 5 transpose: x = v, y = u
            | SKEncodedOrigin.RightTop -> true, (fun v -> (h - 1) * w + v), -w          // 6 rotate 90 CW: x = v, y = H-1-u
            | SKEncodedOrigin.RightBottom -> true, (fun v -> (h - 1) * w + w - 1 - v), -w // 7 transverse: x = W-1-v, y = H-1-u
            | SKEncodedOrigin.LeftBottom -> true, (fun v -> w - 1 - v), w               // 8 rotate 90 CCW: x = W-1-v, y = u
            | _ -> false, (fun v -> v * w), 1                                           // 1 identity (and unknown values)
        let ow, oh = if transposed then h, w else w, h
        let dst = GC.AllocateUninitializedArray<byte>(ow * oh * dstChannels)
        for v in 0 .. oh - 1 do
            let mutable s = start v
            let mutable d = v * ow * dstChannels
            for _ in 0 .. ow - 1 do
                let si = s * srcChannels
                for c in 0 .. dstChannels - 1 do dst.[d + c] <- src.[si + c]
                s <- s + step
                d <- d + dstChannels
        ow, oh, dst

    /// A byte image turned into the frame EXIF orientation origin displays (exact; for tests and callers holding
    /// stored-frame pixels).
    let internal orient (origin: SKEncodedOrigin) (image: Image) =
        let ow, oh, px = remap origin image.Width image.Height image.Channels image.Channels (image.Bytes.ToArray())
        Image.OwnBytes(ow, oh, image.Channels, px)

    /// Decodes every pixel of codec as RGBA (unpremultiplied, or opaque) into a managed array.
    let private getPixels (codec: SKCodec) (info: SKImageInfo) (rgba: byte[]) =
        use p = fixed rgba
        codec.GetPixels(info, NativePtr.toNativeInt p)

    // EXIF orientations 5 to 8 swap width and height between the stored and the displayed frame.
    let private swaps (origin: SKEncodedOrigin) = int origin >= 5

    // Opens a codec on data, checking what the header claims; the errors start with source.
    let private openCodec (options: DecodeOptions) (source: string) (data: byte[]) =
        checkOptions options
        let fail (why: string) = raise (InvalidDataException(sprintf "%s: %s" source why))
        let notImage (why: string) = fail (sprintf "not a PNG or JPEG image that can be decoded (%s)" why)
        if isNull data || data.Length = 0 then notImage "no bytes"
        let mutable created = SKCodecResult.Success
        let codec = SKCodec.Create(new SKMemoryStream(data), &created)
        if isNull codec then
            match created with
            | SKCodecResult.IncompleteInput -> fail (sprintf "truncated: the data ends before the image does (%d bytes)" data.Length)
            | SKCodecResult.Unimplemented -> notImage "unrecognised format"
            | r -> notImage (string r)
        let w, h = codec.Info.Width, codec.Info.Height
        let pixels = int64 w * int64 h
        // The header alone, before any pixel buffer: a few hundred bytes can claim 10^10 pixels.
        if pixels > options.MaxPixels then
            codec.Dispose()
            fail (sprintf "the header claims %d x %d = %d pixels, over the limit of %d pixels (DecodeOptions.MaxPixels, a decompression-bomb guard)"
                      w h pixels options.MaxPixels)
        if w <= 0 || h <= 0 then
            codec.Dispose()
            notImage (sprintf "%d x %d pixels" w h)
        if 4L * pixels > int64 Array.MaxLength then
            codec.Dispose()
            fail (sprintf "%d x %d = %d pixels is too large for one buffer of RGBA bytes" w h pixels)
        codec

    // Decodes at the stored-frame size (w, h) the codec supports (the full size, or a JPEG DCT scale).
    let private decodeCore (options: DecodeOptions) (source: string) (data: byte[]) (minSize: (int * int) option) : Image =
        use codec = openCodec options source data
        let fail (why: string) = raise (InvalidDataException(sprintf "%s: %s" source why))
        let origin = if options.ApplyExifOrientation then codec.EncodedOrigin else SKEncodedOrigin.TopLeft
        let w, h =
            match minSize with
            | Some (mw, mh) when codec.EncodedFormat = SKEncodedImageFormat.Jpeg ->
                // The asked size is in the displayed frame; the DCT scales are in the stored one.
                let sw, sh = if swaps origin then mh, mw else mw, mh
                // libjpeg-turbo scales by num/8 (num 1 to 8), giving ceil(W num / 8) x ceil(H num / 8) (jdmaster.c,
                // jpeg_core_output_dimensions); Skia's GetScaledDimensions rounds a scale to the nearest such num.
                let dims num = codec.GetScaledDimensions(float32 num / 8.0f)
                match [ 1 .. 7 ] |> List.tryFind (fun num -> let d = dims num in d.Width >= sw && d.Height >= sh) with
                | Some num -> let d = dims num in d.Width, d.Height
                | None -> codec.Info.Width, codec.Info.Height
            | _ -> codec.Info.Width, codec.Info.Height
        // The channel count is the file's: an alpha channel (or tRNS) makes 4, never the pixel values.
        let hasAlpha = codec.Info.AlphaType <> SKAlphaType.Opaque
        // Straight to unpremultiplied RGBA: going through premultiplied pixels would lose colour where alpha is low.
        let info = SKImageInfo(w, h, SKColorType.Rgba8888, (if hasAlpha then SKAlphaType.Unpremul else SKAlphaType.Opaque))
        let check result =
            match result with
            | SKCodecResult.Success -> ()
            | SKCodecResult.IncompleteInput -> fail (sprintf "truncated: the data ends before the image does (%d bytes)" data.Length) // rows after the end would come back as zeros
            | SKCodecResult.ErrorInInput -> fail "corrupt: the compressed pixel data has errors"
            | r -> fail (sprintf "not a PNG or JPEG image that can be decoded (%s)" (string r))
        if hasAlpha && origin = SKEncodedOrigin.TopLeft then
            // The decoded RGBA is the image: straight into its own array.
            let rgba = GC.AllocateUninitializedArray<byte>(4 * w * h)
            check (getPixels codec info rgba)
            Image.OwnBytes(w, h, 4, rgba)
        else
            // RGBA into a pooled buffer, then the image's own array: 3 channels by a SIMD repack, or remapped to the
            // displayed frame.
            let rgba = Buffers.ArrayPool<byte>.Shared.Rent(4 * w * h)
            try
                check (getPixels codec info rgba)
                let channels = if hasAlpha then 4 else 3
                if origin = SKEncodedOrigin.TopLeft then
                    let px = GC.AllocateUninitializedArray<byte>(3 * w * h)
                    Kernels.ChannelPackKernels.RgbaToRgb(ReadOnlySpan(rgba, 0, 4 * w * h), Span px)
                    Image.OwnBytes(w, h, 3, px)
                else
                    let ow, oh, px = remap origin w h 4 channels rgba
                    Image.OwnBytes(ow, oh, channels, px)
            finally Buffers.ArrayPool<byte>.Shared.Return rgba

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
    [<CompiledName("DecodeWith")>]
    let decodeWith (options: DecodeOptions) (source: string) (data: byte[]) : Image = decodeCore options source data None

    /// <summary>The width and height of the image in PNG or JPEG bytes, in the frame <c>decodeWith</c> gives back (the
    /// EXIF orientation applied when <c>options.ApplyExifOrientation</c>), from the header alone: no pixels decoded.</summary>
    /// <exception cref="System.IO.InvalidDataException">As <c>decodeWith</c>, for what the header shows.</exception>
    [<CompiledName("ProbeWith")>]
    let probeWith (options: DecodeOptions) (source: string) (data: byte[]) =
        use codec = openCodec options source data
        let w, h = codec.Info.Width, codec.Info.Height
        if options.ApplyExifOrientation && swaps codec.EncodedOrigin then h, w else w, h

    /// <summary>Decodes as <c>decodeWith</c>, but a JPEG at the smallest DCT scale (1/8, 2/8, ... 7/8, as PIL's draft
    /// mode and libjpeg-turbo's <c>scale_num</c>/<c>scale_denom</c>) whose output, in the displayed frame, is at least
    /// <paramref name="minWidth"/> x <paramref name="minHeight"/>: ceil(W n / 8) x ceil(H n / 8). A JPEG no scale
    /// fits, and every PNG, decodes at full size. Much faster when a pipeline shrinks the image first.</summary>
    /// <exception cref="System.ArgumentException">A size is not positive.</exception>
    /// <exception cref="System.IO.InvalidDataException">As <c>decodeWith</c>.</exception>
    [<CompiledName("DecodeAtLeastWith")>]
    let decodeAtLeastWith (options: DecodeOptions) (minWidth: int) (minHeight: int) (source: string) (data: byte[]) =
        if minWidth < 1 then Throw.Argument("minWidth", minWidth, "a width of at least 1")
        if minHeight < 1 then Throw.Argument("minHeight", minHeight, "a height of at least 1")
        decodeCore options source data (Some(minWidth, minHeight))

    /// <summary>Decodes PNG or JPEG bytes with the default options (<c>defaultOptions ()</c>: Pillow's pixel limit and
    /// EXIF orientation applied unless changed): see <c>decodeWith</c> for the channels, the orientation (annotations are
    /// expected in the displayed, oriented frame) and the errors.</summary>
    /// <exception cref="System.IO.InvalidDataException">Not a decodable PNG or JPEG, truncated, corrupt or over the pixel
    /// limit; the message starts with <paramref name="source"/> and says which.</exception>
    [<CompiledName("Decode")>]
    let decode (source: string) (data: byte[]) = decodeWith (defaultOptions ()) source data

    /// <summary>Reads a PNG or JPEG file with <paramref name="options"/>: as <c>decodeWith</c>, the messages naming
    /// <paramref name="path"/>.</summary>
    /// <exception cref="System.IO.FileNotFoundException">No file at <paramref name="path"/> (nor a folder on the way);
    /// FileName is the path.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="path"/> is a directory (ParamName "path").</exception>
    /// <exception cref="System.IO.InvalidDataException">Not a decodable PNG or JPEG, truncated, corrupt or over the pixel
    /// limit (the message names the path).</exception>
    [<CompiledName("ReadWith")>]
    let readWith (options: DecodeOptions) (path: string) =
        if isNull path then nullArg "path"
        if Directory.Exists path then Throw.Argument("path", path, "a PNG or JPEG file, not a directory")
        let bytes =
            try File.ReadAllBytes path
            with :? FileNotFoundException | :? DirectoryNotFoundException ->
                raise (FileNotFoundException(sprintf "%s: no such file" path, path))
        decodeWith options path bytes

    /// <summary>Reads a PNG or JPEG file with the default options: see <c>readWith</c> and <c>decodeWith</c>. The image
    /// comes back in the displayed frame (EXIF orientation applied); annotations are expected in that frame.</summary>
    /// <exception cref="System.IO.FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="path"/> is a directory.</exception>
    /// <exception cref="System.IO.InvalidDataException">The file is not a decodable image, is truncated or corrupt, or
    /// is over the pixel limit (the message names the path).</exception>
    [<CompiledName("Read")>]
    let read (path: string) = readWith (defaultOptions ()) path

    /// An RGBA SkiaSharp bitmap of the image (float images mapped to bytes first), opaque unless the image has 4
    /// channels, so that PNG writes colour type 2 (RGB) for 1 and 3 channels and 6 (RGBA) for 4; the caller disposes it.
    let internal toBitmap (image: Image) =
        let b = image.ToByte()
        let n = b.Width * b.Height
        let alpha = if b.Channels = 4 then SKAlphaType.Unpremul else SKAlphaType.Opaque
        let info = SKImageInfo(b.Width, b.Height, SKColorType.Rgba8888, alpha)
        let bmp = new SKBitmap(info)
        // Straight into the bitmap's pixels (rows are 4 W bytes apart: the info's minimal row bytes).
        let rgba = bmp.GetPixelSpan()
        let src = b.Bytes
        match b.Channels with
        | 1 ->
            for i in 0 .. n - 1 do
                let g = src.[i]
                rgba.[4 * i] <- g; rgba.[4 * i + 1] <- g; rgba.[4 * i + 2] <- g; rgba.[4 * i + 3] <- 255uy
        | 3 -> Kernels.ChannelPackKernels.ToOpaqueRgba(src, rgba, 3)
        | _ -> src.CopyTo rgba
        bmp

    /// <summary>Encodes to PNG (lossless) or JPEG (<paramref name="quality"/> 1 to 100). Float images are mapped
    /// from their value range to bytes first. A PNG has an alpha channel exactly when the image has 4 channels, so
    /// <c>decode</c> gives back 3 channels for 1 and 3 (gray replicated) and 4 for 4.</summary>
    /// <exception cref="System.ArgumentException">format is not "png", "jpg" or "jpeg", or quality is outside 1 to 100.</exception>
    [<CompiledName("Encode")>]
    let encode (format: string) (quality: int) (image: Image) =
        let fmt =
            match (if isNull format then "" else format.ToLowerInvariant().TrimStart('.')) with
            | "png" -> SKEncodedImageFormat.Png
            | "jpg" | "jpeg" -> SKEncodedImageFormat.Jpeg
            | _ -> Throw.Argument("format", format, "\"png\", \"jpg\" or \"jpeg\""); SKEncodedImageFormat.Png
        if quality < 1 || quality > 100 then Throw.Argument("quality", quality, "1 to 100")
        use bmp = toBitmap image
        use data = bmp.Encode(fmt, quality)
        data.ToArray()

    /// <summary>Writes bytes to <paramref name="path"/> atomically: a temporary file in the same folder, then a rename,
    /// so a crash never leaves a half-written file.</summary>
    [<CompiledName("WriteAtomic")>]
    let writeAtomic (path: string) (bytes: byte[]) =
        let full = Path.GetFullPath path
        let dir = Path.GetDirectoryName full
        Directory.CreateDirectory dir |> ignore
        let tmp = Path.Combine(dir, sprintf ".%s.%s.tmp" (Path.GetFileName full) (Guid.NewGuid().ToString "N"))
        try
            File.WriteAllBytes(tmp, bytes)
            File.Move(tmp, full, true)
        finally
            if File.Exists tmp then File.Delete tmp

    /// <summary>Writes a PNG or JPEG (by the extension; JPEG at quality 92), atomically.</summary>
    /// <exception cref="System.ArgumentException">The extension is not .png, .jpg or .jpeg.</exception>
    [<CompiledName("Write")>]
    let write (path: string) (image: Image) =
        writeAtomic path (encode (Path.GetExtension path) 92 image)
