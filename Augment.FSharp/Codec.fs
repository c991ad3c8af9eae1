/// The SkiaSharp encode-decode round trip behind ImageCompression. Internal: the op is the public surface.
module internal Augment.Codec

#nowarn "9" // fixed: Skia reads and writes pinned managed buffers

open System
open System.Buffers
open Microsoft.FSharp.NativeInterop
open Augment.Native
open Augment.Native.Kernels
open SkiaSharp

let private encodeFailed (fmt: SKEncodedImageFormat) = invalidOp (sprintf "SkiaSharp could not encode %A" fmt)
let private decodeFailed (fmt: SKEncodedImageFormat) (r: obj) = invalidOp (sprintf "SkiaSharp decoded its own %A with %A" fmt r)

/// The round trip as it was first written (a bitmap, the encoded bytes copied to a managed array and into a memory
/// stream, fresh image-sized arrays, per-pixel loops). Kept as the reference the fast path is tested against.
let compressReference (fmt: SKEncodedImageFormat) (quality: int) (src: PixelBuffer) (dst: PixelBuffer) =
    let w, h, c = src.Width, src.Height, src.Channels
    let gray = c = 1
    let bpp = if gray then 1 else 4
    let info = SKImageInfo(w, h, (if gray then SKColorType.Gray8 else SKColorType.Rgba8888), SKAlphaType.Opaque)
    let px = Array.zeroCreate<byte> (w * h * bpp)
    let s = src.ReadBytes
    if gray then s.CopyTo(Span px)
    else
        for i in 0 .. w * h - 1 do
            px.[4 * i] <- s.[c * i]; px.[4 * i + 1] <- s.[c * i + 1]; px.[4 * i + 2] <- s.[c * i + 2]; px.[4 * i + 3] <- 255uy
    let encoded =
        use bmp = new SKBitmap(info)
        Runtime.InteropServices.Marshal.Copy(px, 0, bmp.GetPixels(), px.Length)
        use data = bmp.Encode(fmt, quality)
        if isNull data then encodeFailed fmt
        data.ToArray()
    use codec = SKCodec.Create(new SKMemoryStream(encoded))
    if isNull codec then invalidOp (sprintf "SkiaSharp could not decode its own %A" fmt)
    let grayOut = gray && fmt = SKEncodedImageFormat.Jpeg
    let outInfo = if gray && not grayOut then info.WithColorType SKColorType.Rgba8888 else info
    let out = Array.zeroCreate<byte> (w * h * (if grayOut then 1 else 4))
    let pin = Runtime.InteropServices.GCHandle.Alloc(out, Runtime.InteropServices.GCHandleType.Pinned)
    try
        let r = codec.GetPixels(outInfo, pin.AddrOfPinnedObject())
        if r <> SKCodecResult.Success then decodeFailed fmt r
    finally pin.Free()
    let px = out
    let d = dst.Bytes
    if grayOut then (ReadOnlySpan px).CopyTo d
    elif gray then
        for i in 0 .. w * h - 1 do
            let y = 0.299f * float32 px.[4 * i] + 0.587f * float32 px.[4 * i + 1] + 0.114f * float32 px.[4 * i + 2]
            d.[i] <- byte (MathF.Min(MathF.Max(MathF.Round y, 0f), 255f))
    else
        for i in 0 .. w * h - 1 do
            d.[c * i] <- px.[4 * i]; d.[c * i + 1] <- px.[4 * i + 1]; d.[c * i + 2] <- px.[4 * i + 2]
            if c = 4 then d.[c * i + 3] <- s.[c * i + 3]

// Encodes w x h pixels at p (rowBytes apart) through a pixmap over them: the same encoder and options as
// SKBitmap.Encode (which peeks its pixels as a pixmap and encodes that), without the bitmap's copy of the pixels.
let private encode (fmt: SKEncodedImageFormat) (quality: int) (info: SKImageInfo) (p: nativeint) =
    use pm = new SKPixmap(info, p, info.RowBytes)
    let data = pm.Encode(fmt, quality)
    if isNull data then encodeFailed fmt
    data

// Decodes the whole of data into p, laid out as info.
let private decodeInto (fmt: SKEncodedImageFormat) (data: SKData) (info: SKImageInfo) (p: nativeint) =
    use codec = SKCodec.Create data
    if isNull codec then invalidOp (sprintf "SkiaSharp could not decode its own %A" fmt)
    let r = codec.GetPixels(info, p)
    if r <> SKCodecResult.Success then decodeFailed fmt r

/// The same bits as <c>compressReference</c>, faster: the encoder reads a pixmap over pinned pixels (the caller's for
/// gray, else one pooled RGBA buffer filled by a SIMD repack), the decoder reads the encoded SkData in place (no copy
/// to a managed array nor into a stream), and decodes straight into the destination (gray JPEG, RGBA) or into the same
/// pooled buffer, repacked to RGB with SIMD. No image-sized array is allocated.
let compressInto (fmt: SKEncodedImageFormat) (quality: int) (src: PixelBuffer) (dst: PixelBuffer) =
    let w, h, c = src.Width, src.Height, src.Channels
    let n = w * h
    let s = src.ReadBytes
    let d = dst.Bytes
    if c = 1 then
        let info = SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque)
        use data =
            use ps = fixed s
            encode fmt quality info (NativePtr.toNativeInt ps)
        if fmt = SKEncodedImageFormat.Jpeg then
            use pd = fixed d
            decodeInto fmt data info (NativePtr.toNativeInt pd)
        else
            // WebP has no gray mode: a gray image comes back as RGB and is reduced with BT.601 (cv2.IMREAD_GRAYSCALE's rule).
            let buf = ArrayPool<byte>.Shared.Rent(4 * n)
            try
                (use pb = fixed buf
                 decodeInto fmt data (info.WithColorType SKColorType.Rgba8888) (NativePtr.toNativeInt pb))
                for i in 0 .. n - 1 do
                    let y = 0.299f * float32 buf.[4 * i] + 0.587f * float32 buf.[4 * i + 1] + 0.114f * float32 buf.[4 * i + 2]
                    d.[i] <- byte (MathF.Min(MathF.Max(MathF.Round y, 0f), 255f))
            finally ArrayPool<byte>.Shared.Return buf
    else
        let info = SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque)
        let buf = ArrayPool<byte>.Shared.Rent(4 * n)
        try
            let rgba = Span(buf, 0, 4 * n)
            ChannelPackKernels.ToOpaqueRgba(s, rgba, c)
            use pb = fixed buf
            let p = NativePtr.toNativeInt pb
            use data = encode fmt quality info p
            if c = 4 then
                use pd = fixed d
                decodeInto fmt data info (NativePtr.toNativeInt pd)
                ChannelPackKernels.CopyAlpha(s, d)
            else
                decodeInto fmt data info p
                ChannelPackKernels.RgbaToRgb(Span<byte>.op_Implicit rgba, d)
        finally ArrayPool<byte>.Shared.Return buf
