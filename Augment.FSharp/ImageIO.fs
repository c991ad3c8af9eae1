namespace Augment

open System
open System.IO
open Augment.Native
open SkiaSharp

/// PNG and JPEG files through SkiaSharp. Writes are atomic: a temporary file beside the target, then a rename.
[<RequireQualifiedAccess>]
module ImageIO =

    /// <summary>Decodes PNG or JPEG bytes to a byte image: 3 channels (RGB) when every pixel is opaque, else 4 (RGBA,
    /// not premultiplied).</summary>
    /// <exception cref="System.IO.InvalidDataException">The bytes are not an image SkiaSharp can decode; the message names <paramref name="source"/>.</exception>
    [<CompiledName("Decode")>]
    let decode (source: string) (data: byte[]) =
        let fail (why: string) = raise (InvalidDataException(sprintf "%s: not a PNG or JPEG image that can be decoded (%s)" source why))
        if isNull data || data.Length = 0 then fail "no bytes"
        use codec = SKCodec.Create(new SKMemoryStream(data))
        if isNull codec then fail "unrecognised format"
        // Decode straight to unpremultiplied RGBA: going through premultiplied pixels would lose colour where alpha is low.
        let info = SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul)
        use rgba = new SKBitmap(info)
        let result = codec.GetPixels(info, rgba.GetPixels())
        if result <> SKCodecResult.Success && result <> SKCodecResult.IncompleteInput then fail (string result)
        let bmp = rgba
        let px = rgba.GetPixelSpan()
        let n = bmp.Width * bmp.Height
        let mutable opaque = true
        for i in 0 .. n - 1 do
            if px.[4 * i + 3] <> 255uy then opaque <- false
        if opaque then
            let rgb = Array.zeroCreate (3 * n)
            for i in 0 .. n - 1 do
                rgb.[3 * i] <- px.[4 * i]
                rgb.[3 * i + 1] <- px.[4 * i + 1]
                rgb.[3 * i + 2] <- px.[4 * i + 2]
            Image.FromBytes(bmp.Width, bmp.Height, 3, ReadOnlySpan rgb)
        else Image.FromBytes(bmp.Width, bmp.Height, 4, px)

    /// <summary>Reads a PNG or JPEG file.</summary>
    /// <exception cref="System.IO.InvalidDataException">The file is not a decodable image (the message names the path).</exception>
    [<CompiledName("Read")>]
    let read (path: string) = decode path (File.ReadAllBytes path)

    /// An RGBA SkiaSharp bitmap of the image (float images mapped to bytes first); the caller disposes it.
    let internal toBitmap (image: Image) =
        let b = image.ToByte()
        let n = b.Width * b.Height
        let rgba = Array.zeroCreate (4 * n)
        let src = b.Bytes
        for i in 0 .. n - 1 do
            match b.Channels with
            | 1 ->
                let g = src.[i]
                rgba.[4 * i] <- g; rgba.[4 * i + 1] <- g; rgba.[4 * i + 2] <- g; rgba.[4 * i + 3] <- 255uy
            | 3 ->
                rgba.[4 * i] <- src.[3 * i]; rgba.[4 * i + 1] <- src.[3 * i + 1]; rgba.[4 * i + 2] <- src.[3 * i + 2]; rgba.[4 * i + 3] <- 255uy
            | _ ->
                for c in 0 .. 3 do rgba.[4 * i + c] <- src.[4 * i + c]
        let info = SKImageInfo(b.Width, b.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul)
        let bmp = new SKBitmap(info)
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bmp.GetPixels(), rgba.Length)
        bmp

    /// <summary>Encodes to PNG (lossless) or JPEG (<paramref name="quality"/> 1 to 100). Float images are mapped
    /// from their value range to bytes first.</summary>
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
