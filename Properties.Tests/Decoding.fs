/// Decoding hostile and awkward files: decompression bombs, truncation, the channel count, EXIF orientation and
/// paths that are not files. Every file is written here, from code.
module Decoding

open System
open System.IO
open Expecto
open Augment
open Augment.Native
open SkiaSharp

/// Runs f; expects an InvalidDataException whose message holds every fragment; returns the message.
let private expectInvalid (fragments: string list) (f: unit -> 'a) =
    let e = Expect.throwsC (f >> ignore) id
    match e with
    | :? InvalidDataException ->
        for fr in fragments do Expect.stringContains e.Message fr (sprintf "the message says %A" fr)
        e.Message
    | other -> failtestf "expected an InvalidDataException, got %s: %s" (other.GetType().Name) other.Message

// ---- PNG by hand --------------------------------------------------------------------------------------------------

/// CRC-32 (ISO 3309, the PNG chunk CRC) of the bytes.
let private crc32 (bytes: byte[]) =
    let mutable c = 0xFFFFFFFFu
    for b in bytes do
        c <- c ^^^ uint32 b
        for _ in 1 .. 8 do c <- if c &&& 1u <> 0u then 0xEDB88320u ^^^ (c >>> 1) else c >>> 1
    c ^^^ 0xFFFFFFFFu

let private bigEndian (v: uint32) = [| byte (v >>> 24); byte (v >>> 16); byte (v >>> 8); byte v |]

/// A PNG chunk: length (big-endian), type, data, CRC of type and data.
let private chunk (kind: string) (data: byte[]) =
    let typeAndData = Array.append (Text.Encoding.ASCII.GetBytes kind) data
    Array.concat [ bigEndian (uint32 data.Length); typeAndData; bigEndian (crc32 typeAndData) ]

/// A PNG that is all header: signature, IHDR claiming width x height 8-bit RGB, an IDAT holding an empty zlib stream,
/// IEND; 65 bytes whatever the size. Skia reports the bounds when it reaches the first IDAT chunk's header (with IHDR
/// then IEND alone it stops with IncompleteInput before it knows the size), so the IDAT is there; its 8 bytes hold no
/// pixels.
let private headerOnlyPng (width: uint32) (height: uint32) =
    let ihdr = Array.concat [ bigEndian width; bigEndian height; [| 8uy; 2uy; 0uy; 0uy; 0uy |] ] // depth 8, colour type 2 (RGB)
    Array.concat [
        [| 137uy; 80uy; 78uy; 71uy; 13uy; 10uy; 26uy; 10uy |]
        chunk "IHDR" ihdr
        chunk "IDAT" [| 0x78uy; 0x9Cuy; 0x03uy; 0x00uy; 0x00uy; 0x00uy; 0x00uy; 0x01uy |]
        chunk "IEND" [||] ]

// ---- JPEG with an EXIF orientation ---------------------------------------------------------------------------------

/// An APP1 Exif segment whose IFD0 holds one entry, Orientation (tag 0x0112, SHORT, count 1) = orientation:
///
///   FF E1  00 22                  APP1 marker, segment length 34 (counts itself, not the marker)
///   45 78 69 66 00 00             "Exif\0\0"
///   49 49 2A 00  08 00 00 00      TIFF header: "II" (little-endian), 42, offset of IFD0 = 8 (from the "II")
///   01 00                         IFD0: 1 entry
///   12 01  03 00  01 00 00 00     tag 0x0112 Orientation, type 3 SHORT, count 1
///   oo 00  00 00                  value (a SHORT, left-justified in the 4-byte field)
///   00 00 00 00                   offset of the next IFD: none
let private app1Orientation (orientation: int) =
    [| 0xFFuy; 0xE1uy; 0x00uy; 0x22uy
       0x45uy; 0x78uy; 0x69uy; 0x66uy; 0x00uy; 0x00uy
       0x49uy; 0x49uy; 0x2Auy; 0x00uy; 0x08uy; 0x00uy; 0x00uy; 0x00uy
       0x01uy; 0x00uy
       0x12uy; 0x01uy; 0x03uy; 0x00uy; 0x01uy; 0x00uy; 0x00uy; 0x00uy
       byte orientation; 0x00uy; 0x00uy; 0x00uy
       0x00uy; 0x00uy; 0x00uy; 0x00uy |]

/// The JPEG with the APP1 segment spliced in right after SOI (FF D8).
let private withOrientation (orientation: int) (jpeg: byte[]) =
    if jpeg.[0] <> 0xFFuy || jpeg.[1] <> 0xD8uy then failwith "not a JPEG: no SOI"
    Array.concat [ jpeg.[0..1]; app1Orientation orientation; jpeg.[2..] ]

/// Four flat quadrants, A B over C D, each 32 x 16 (a whole number of 16 x 16 JPEG MCUs), in a 64 x 32 image.
let private quadrantColours = [| 230, 20, 20; 20, 200, 20; 20, 20, 230; 230, 230, 30 |] // A red, B green, C blue, D yellow

let private quadrantImage () =
    let w, h = 64, 32
    let px = Array.zeroCreate (w * h * 3)
    for y in 0 .. h - 1 do
        for x in 0 .. w - 1 do
            let r, g, b = quadrantColours.[(if y < 16 then 0 else 2) + (if x < 32 then 0 else 1)]
            let i = 3 * (y * w + x)
            px.[i] <- byte r; px.[i + 1] <- byte g; px.[i + 2] <- byte b
    Image.FromBytes(w, h, 3, ReadOnlySpan px)

/// The mean colour of the quadrant (qx, qy) of the image, leaving a 4-pixel margin inside it (JPEG blurs edges).
let private quadrantMean (img: Image) (qx: int) (qy: int) =
    let hw, hh = img.Width / 2, img.Height / 2
    let mutable sum = [| 0.0; 0.0; 0.0 |]
    let mutable n = 0
    for y in qy * hh + 4 .. qy * hh + hh - 5 do
        for x in qx * hw + 4 .. qx * hw + hw - 5 do
            for c in 0 .. 2 do sum.[c] <- sum.[c] + float img.[x, y, c]
            n <- n + 1
    sum |> Array.map (fun s -> s / float n)

/// The displayed layout, [top-left; top-right; bottom-left; bottom-right] as indices into A B C D, of the stored
/// [A B; C D] for each EXIF orientation (EXIF 2.3, Orientation: where the stored row 0 and column 0 are shown).
let private displayed =
    [ 1, [| 0; 1; 2; 3 |] // TopLeft: as stored
      2, [| 1; 0; 3; 2 |] // TopRight: mirrored left to right
      3, [| 3; 2; 1; 0 |] // BottomRight: half turn
      4, [| 2; 3; 0; 1 |] // BottomLeft: mirrored top to bottom
      5, [| 0; 2; 1; 3 |] // LeftTop: transposed (main diagonal)
      6, [| 2; 0; 3; 1 |] // RightTop: a quarter turn clockwise
      7, [| 3; 1; 2; 0 |] // RightBottom: transverse (anti-diagonal)
      8, [| 1; 3; 0; 2 |] ] // LeftBottom: a quarter turn counter-clockwise

let private expectQuadrants (img: Image) (layout: int[]) (what: string) =
    for q in 0 .. 3 do
        let mean = quadrantMean img (q % 2) (q / 2)
        let r, g, b = quadrantColours.[layout.[q]]
        for c, want in [ 0, r; 1, g; 2, b ] do
            if abs (mean.[c] - float want) > 12.0 then
                failtestf "%s: quadrant %d channel %d has mean %.1f, expected about %d (colour %c)" what q c mean.[c] want "ABCD".[layout.[q]]

let private rgbPng () = ImageIO.encode "png" 100 (Generators.makeImage ElementType.Byte 3 (100, 100) 5 ValueRange.Byte)

let tests =
    testList "image IO decoding" [
        test "a header-only PNG bomb is refused from its header, without allocating the pixels" {
            let bomb = headerOnlyPng 100000u 100000u
            Expect.isLessThan bomb.Length 100 "a few dozen bytes"
            ImageIO.decode "warm-up" (rgbPng ()) |> ignore // JIT and SkiaSharp's first-call work outside the measurement
            let before = GC.GetAllocatedBytesForCurrentThread()
            let msg = expectInvalid [ "bomb.png"; "100000 x 100000"; "10000000000 pixels"; "178956970" ] (fun () -> ImageIO.decode "bomb.png" bomb)
            let allocated = GC.GetAllocatedBytesForCurrentThread() - before
            Expect.isLessThan allocated (10L <<< 20) (sprintf "allocated %d bytes before refusing (%s)" allocated msg)
            Expect.equal DecodeOptions.DefaultMaxPixels 178_956_970L "Pillow: twice MAX_IMAGE_PIXELS (89,478,485)"
            Expect.equal (ImageIO.defaultOptions ()) DecodeOptions.Default "the defaults are in force"
        }
        test "a per-call limit refuses one pixel too many and accepts the limit itself" {
            let png = rgbPng () // 100 x 100 = 10,000 pixels
            let opts = { DecodeOptions.Default with MaxPixels = 9_999L }
            expectInvalid [ "small.png"; "100 x 100"; "10000 pixels"; "limit of 9999" ] (fun () -> ImageIO.decodeWith opts "small.png" png) |> ignore
            let img = ImageIO.decodeWith { opts with MaxPixels = 10_000L } "small.png" png
            Expect.equal (img.Width, img.Height) (100, 100) "at the limit"
            BadInput.expectArg "MaxPixels" [ "was 0"; "positive" ] (fun () -> ImageIO.decodeWith { opts with MaxPixels = 0L } "small.png" png)
        }
        testSequenced <| test "the process-wide pixel limit applies to decode and read until restored" {
            let path = Path.Combine(Path.GetTempPath(), sprintf "bomb-%O.png" (Guid.NewGuid()))
            File.WriteAllBytes(path, headerOnlyPng 3000u 2000u) // 6,000,000 pixels: under Pillow's limit, over ours
            try
                ImageIO.setDefaultPixelLimit 5_000_000L
                try
                    Expect.equal (ImageIO.defaultOptions ()) { DecodeOptions.Default with MaxPixels = 5_000_000L } "only the limit changed"
                    expectInvalid [ path; "3000 x 2000"; "6000000 pixels"; "limit of 5000000" ] (fun () -> ImageIO.read path) |> ignore
                    expectInvalid [ "3000 x 2000"; "limit of 5000000" ] (fun () -> ImageIO.decode "m" (File.ReadAllBytes path)) |> ignore
                finally ImageIO.setDefaultOptions DecodeOptions.Default
                // Under the restored limit the header passes, and the missing pixel data is then truncation.
                expectInvalid [ path; "truncated" ] (fun () -> ImageIO.read path) |> ignore
                BadInput.expectArg "maxPixels" [ "was -1"; "positive" ] (fun () -> ImageIO.setDefaultPixelLimit -1L)
                Expect.equal (ImageIO.defaultOptions ()) DecodeOptions.Default "restored"
            finally File.Delete path
        }
        test "a PNG or JPEG cut in half is an error saying truncated, not a partial image" {
            let img = Generators.makeImage ElementType.Byte 3 (64, 48) 11 ValueRange.Byte
            for fmt in [ "png"; "jpg" ] do
                let whole = ImageIO.encode fmt 95 img
                Expect.equal (ImageIO.decode fmt whole).Channels 3 "the whole file decodes"
                let half = whole.[0 .. whole.Length / 2 - 1]
                expectInvalid [ "half." + fmt; "truncated"; sprintf "(%d bytes)" half.Length ] (fun () -> ImageIO.decode ("half." + fmt) half) |> ignore
        }
        test "the channel count is the file's: RGB stays 3, a PNG with alpha stays 4 even when opaque" {
            let rgb = ImageIO.encode "png" 100 (Generators.makeImage ElementType.Byte 3 (9, 7) 1 ValueRange.Byte)
            Expect.equal rgb.[25] 2uy "IHDR colour type 2 (RGB) for a 3-channel image"
            Expect.equal (ImageIO.decode "rgb" rgb).Channels 3 "RGB PNG"
            let gray = ImageIO.encode "png" 100 (Generators.makeImage ElementType.Byte 1 (9, 7) 1 ValueRange.Byte)
            Expect.equal (ImageIO.decode "gray" gray).Channels 3 "a gray image decodes to 3 channels (documented)"
            Expect.equal (ImageIO.decode "jpeg" (ImageIO.encode "jpg" 90 (Generators.makeImage ElementType.Byte 3 (9, 7) 1 ValueRange.Byte))).Channels 3 "JPEG"
            let translucent = Generators.makeImage ElementType.Byte 4 (9, 7) 2 ValueRange.Byte
            let rgba = ImageIO.encode "png" 100 translucent
            Expect.equal rgba.[25] 6uy "IHDR colour type 6 (RGBA)"
            let back = ImageIO.decode "rgba" rgba
            Expect.equal back.Channels 4 "RGBA PNG with alpha"
            Expect.sequenceEqual (back.Bytes.ToArray()) (translucent.Bytes.ToArray()) "RGBA round trip is lossless"
            let opaque4 = Image.FromBytes(9, 7, 4, ReadOnlySpan(Array.init (9 * 7 * 4) (fun i -> if i % 4 = 3 then 255uy else byte i)))
            Expect.equal (ImageIO.decode "opaque rgba" (ImageIO.encode "png" 100 opaque4)).Channels 4 "an RGBA file whose pixels are all opaque"
        }
        test "EXIF orientation: the 8 cases turn the stored quadrants as the spec says; the option keeps the stored frame" {
            let jpeg = ImageIO.encode "jpg" 100 (quadrantImage ())
            let stored = ImageIO.decode "plain" jpeg
            Expect.equal (stored.Width, stored.Height, stored.Channels) (64, 32, 3) "no EXIF: as stored"
            expectQuadrants stored [| 0; 1; 2; 3 |] "no EXIF"
            let keep = { DecodeOptions.Default with ApplyExifOrientation = false }
            for orientation, layout in displayed do
                let file = withOrientation orientation jpeg
                let shown = ImageIO.decode "exif" file
                let w, h = if orientation >= 5 then 32, 64 else 64, 32
                Expect.equal (shown.Width, shown.Height, shown.Channels) (w, h, 3) (sprintf "orientation %d: displayed size" orientation)
                expectQuadrants shown layout (sprintf "orientation %d applied" orientation)
                let raw = ImageIO.decodeWith keep "exif" file
                Expect.equal (raw.Width, raw.Height) (64, 32) (sprintf "orientation %d kept: stored size" orientation)
                expectQuadrants raw [| 0; 1; 2; 3 |] (sprintf "orientation %d kept" orientation)
        }
        test "the orientation remap is exact: each case equals flips and quarter turns" {
            for c in [ 1; 3; 4 ] do
                let img = Generators.makeImage ElementType.Byte c (7, 4) (20 + c) ValueRange.Byte
                let flipH = ImageOps.FlipHorizontal img
                let cases =
                    [ SKEncodedOrigin.TopLeft, img
                      SKEncodedOrigin.TopRight, flipH
                      SKEncodedOrigin.BottomRight, ImageOps.Rot90(img, 2)
                      SKEncodedOrigin.BottomLeft, ImageOps.FlipVertical img
                      SKEncodedOrigin.LeftTop, ImageOps.Rot90(flipH, 1)      // transpose
                      SKEncodedOrigin.RightTop, ImageOps.Rot90(img, 3)       // 90 clockwise
                      SKEncodedOrigin.RightBottom, ImageOps.Rot90(flipH, 3)  // transverse
                      SKEncodedOrigin.LeftBottom, ImageOps.Rot90(img, 1) ]   // 90 counter-clockwise
                for origin, want in cases do
                    let got = ImageIO.orient origin img
                    Expect.equal (got.Width, got.Height, got.Channels) (want.Width, want.Height, c) (sprintf "%A, %d channels: shape" origin c)
                    Expect.sequenceEqual (got.Bytes.ToArray()) (want.Bytes.ToArray()) (sprintf "%A, %d channels: pixels" origin c)
        }
        test "a directory or a missing file is reported by its path" {
            let dir = Directory.CreateTempSubdirectory("augment-dir").FullName
            try
                BadInput.expectArg "path" [ dir; "not a directory" ] (fun () -> ImageIO.read dir)
                let missing = Path.Combine(dir, "missing.png")
                let e = Expect.throwsC (fun () -> ImageIO.read missing |> ignore) id
                match e with
                | :? FileNotFoundException as f ->
                    Expect.equal f.FileName missing "FileName"
                    Expect.stringContains f.Message missing "the message names the path"
                | other -> failtestf "expected a FileNotFoundException, got %s: %s" (other.GetType().Name) other.Message
                let deeper = Path.Combine(dir, "no", "such", "x.jpg")
                Expect.throwsT<FileNotFoundException> (fun () -> ImageIO.read deeper |> ignore) "a missing folder on the way is a missing file"
            finally Directory.Delete(dir, true)
        }
    ]
