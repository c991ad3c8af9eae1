/// The codec round trip without its overheads: the 3 <-> 4 channel repacks (ChannelPackKernels) on every SIMD path
/// against the scalar reference bit for bit (widths 0 .. 70, odd sizes, one row, and no byte written outside dst);
/// ImageCompression's fast round trip (Codec.compressInto) against the first one (Codec.compressReference, kept as it
/// was on main) for JPEG and WebP, 1, 3 and 4 channels, several qualities and sizes; ImageIO.decode against a plain
/// decode; Image.ToFloat32 and Image.ToByte against the loops they were on main.
module FastCodecTests

open System
open Expecto
open SkiaSharp
open Augment
open Augment.Native
open Augment.Native.Kernels

let private paths = [ SimdPath.Scalar; SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512; SimdPath.Auto ]
let private pixelCounts = [ yield! [ 0 .. 70 ]; yield! [ 95; 96; 97; 127; 191; 192; 193; 255; 257; 1000; 224 * 7; 37 * 29 ] ]

// dst inside a larger array of sentinels: the kernel must write its n pixels and nothing around them.
let private run (dstLen: int) (fill: byte[] -> int -> unit) (kernel: byte[] -> int -> int -> unit) =
    let pad = 80
    let backing = Array.create (dstLen + 2 * pad) 77uy
    fill backing pad
    kernel backing pad dstLen
    let outside = Array.append backing.[.. pad - 1] backing.[pad + dstLen ..]
    Expect.all outside (fun b -> b = 77uy) "no byte outside dst is written"
    backing.[pad .. pad + dstLen - 1]

let private image rnd w h c = let px = Array.zeroCreate<byte> (w * h * c) in (rnd: Random).NextBytes px; px

let private pixelBuffer w h c (px: byte[]) = PixelBuffer.View(Image.FromBytes(w, h, c, ReadOnlySpan px))

let private argEx (f: unit -> unit) =
    try f (); failtest "expected an ArgumentException" with :? ArgumentException as e -> e

let tests =
    testList "fast codec" [
        test "ChannelPack known answers (worked by hand from the definitions)" {
            let src = [| 1uy; 2uy; 3uy; 4uy; 5uy; 6uy |]
            let dst = Array.zeroCreate 8
            ChannelPackKernels.ToOpaqueRgba(ReadOnlySpan src, Span dst, 3)
            Expect.equal dst [| 1uy; 2uy; 3uy; 255uy; 4uy; 5uy; 6uy; 255uy |] "RGB -> RGBA puts 255 after each pixel"
            let rgba = [| 10uy; 20uy; 30uy; 40uy; 50uy; 60uy; 70uy; 80uy |]
            let rgb = Array.zeroCreate 6
            ChannelPackKernels.RgbaToRgb(ReadOnlySpan rgba, Span rgb)
            Expect.equal rgb [| 10uy; 20uy; 30uy; 50uy; 60uy; 70uy |] "RGBA -> RGB drops every 4th byte"
            let opaque = Array.zeroCreate 8
            ChannelPackKernels.ToOpaqueRgba(ReadOnlySpan rgba, Span opaque, 4)
            Expect.equal opaque [| 10uy; 20uy; 30uy; 255uy; 50uy; 60uy; 70uy; 255uy |] "RGBA -> opaque RGBA sets every 4th byte to 255"
            let d = [| 1uy; 2uy; 3uy; 4uy; 5uy; 6uy; 7uy; 8uy |]
            ChannelPackKernels.CopyAlpha(ReadOnlySpan rgba, Span d)
            Expect.equal d [| 1uy; 2uy; 3uy; 40uy; 5uy; 6uy; 7uy; 80uy |] "CopyAlpha replaces every 4th byte only"
        }

        test "ChannelPack: every path equals the scalar reference (widths 0 .. 70, odd sizes), nothing written outside dst" {
            let rnd = Random 8
            for n in pixelCounts do
                for c in [ 3; 4 ] do
                    let src = image rnd n 1 c
                    let expected = run (4 * n) (fun _ _ -> ()) (fun b o l -> ChannelPackKernels.ToOpaqueRgba(ReadOnlySpan src, Span(b, o, l), c, SimdPath.Scalar))
                    for p in paths do
                        let got = run (4 * n) (fun _ _ -> ()) (fun b o l -> ChannelPackKernels.ToOpaqueRgba(ReadOnlySpan src, Span(b, o, l), c, p))
                        Expect.equal got expected (sprintf "ToOpaqueRgba %d pixels, %d channels, %A" n c p)
                let rgba = image rnd n 1 4
                let expected = run (3 * n) (fun _ _ -> ()) (fun b o l -> ChannelPackKernels.RgbaToRgb(ReadOnlySpan rgba, Span(b, o, l), SimdPath.Scalar))
                let other = image rnd n 1 4
                let fill (b: byte[]) at = Array.blit other 0 b at (4 * n)
                let expectedAlpha = run (4 * n) fill (fun b o l -> ChannelPackKernels.CopyAlpha(ReadOnlySpan rgba, Span(b, o, l), SimdPath.Scalar))
                for p in paths do
                    Expect.equal (run (3 * n) (fun _ _ -> ()) (fun b o l -> ChannelPackKernels.RgbaToRgb(ReadOnlySpan rgba, Span(b, o, l), p))) expected
                        (sprintf "RgbaToRgb %d pixels, %A" n p)
                    Expect.equal (run (4 * n) fill (fun b o l -> ChannelPackKernels.CopyAlpha(ReadOnlySpan rgba, Span(b, o, l), p))) expectedAlpha
                        (sprintf "CopyAlpha %d pixels, %A" n p)
                // The scalar reference against the definitions, index by index.
                for i in 0 .. n - 1 do
                    for k in 0 .. 2 do
                        if expected.[3 * i + k] <> rgba.[4 * i + k] then failtestf "RgbaToRgb scalar pixel %d channel %d" i k
                    if expectedAlpha.[4 * i + 3] <> rgba.[4 * i + 3] || expectedAlpha.[4 * i] <> other.[4 * i] then failtestf "CopyAlpha scalar pixel %d" i
        }

        test "ChannelPack: bad lengths name the parameter" {
            let ex = argEx (fun () -> ChannelPackKernels.ToOpaqueRgba(ReadOnlySpan(Array.zeroCreate 6), Span(Array.zeroCreate 7), 3))
            Expect.equal ex.ParamName "dst" "dst named"
            let ex = argEx (fun () -> ChannelPackKernels.ToOpaqueRgba(ReadOnlySpan(Array.zeroCreate 6), Span(Array.zeroCreate 8), 2))
            Expect.equal ex.ParamName "srcChannels" "srcChannels named"
            let ex = argEx (fun () -> ChannelPackKernels.RgbaToRgb(ReadOnlySpan(Array.zeroCreate 7), Span(Array.zeroCreate 6)))
            Expect.equal ex.ParamName "src" "src named"
        }

        test "ImageCompression: the fast round trip gives the reference's bits (JPEG, WebP; 1, 3, 4 channels)" {
            let rnd = Random 3
            for fmt in [ SKEncodedImageFormat.Jpeg; SKEncodedImageFormat.Webp ] do
                for w, h in [ 1, 1; 7, 5; 17, 13; 64, 48; 70, 1; 1, 33; 224, 224 ] do
                    for c in [ 1; 3; 4 ] do
                        for q in [ 1; 50; 75; 100 ] do
                            // Half noise, half a smooth gradient, so that both the DC and the AC paths carry detail.
                            let px = image rnd w h c
                            for i in 0 .. px.Length / 2 - 1 do px.[i] <- byte ((i / c * 7) % 256)
                            let src = pixelBuffer w h c px
                            let a = PixelBuffer.Allocate(w, h, c, ElementType.Byte, ValueRange.Byte)
                            let b = PixelBuffer.Allocate(w, h, c, ElementType.Byte, ValueRange.Byte)
                            Codec.compressReference fmt q src a
                            Codec.compressInto fmt q src b
                            if not (a.ReadBytes.SequenceEqual b.ReadBytes) then
                                failtestf "%A %dx%dx%d quality %d differs from the reference" fmt w h c q
        }

        test "ImageCompression through the op equals the reference round trip on the astronaut-sized photo" {
            let rnd = Random 5
            let w, h = 256, 192
            let px = image rnd w h 3
            for y in 0 .. h - 1 do
                for x in 0 .. w / 2 - 1 do
                    for k in 0 .. 2 do px.[(y * w + x) * 3 + k] <- byte ((x * (k + 1) + y) % 256)
            let img = Image.FromBytes(w, h, 3, ReadOnlySpan px)
            let out = (Aug.apply (Ops.imageCompression CompressionType.Jpeg 75 75) (Seed.ofInt 0) (Sample.ofImage img)).Image
            let a = PixelBuffer.Allocate(w, h, 3, ElementType.Byte, ValueRange.Byte)
            Codec.compressReference SKEncodedImageFormat.Jpeg 75 (PixelBuffer.View img) a
            Expect.isTrue (out.Bytes.SequenceEqual a.ReadBytes) "the op's output is the reference round trip's"
        }

        test "ImageIO.decode: a JPEG and a PNG decode to the codec's RGBA with alpha dropped" {
            let rnd = Random 9
            for w, h in [ 1, 1; 13, 7; 70, 3; 200, 150 ] do
                let img = Image.FromBytes(w, h, 3, ReadOnlySpan(image rnd w h 3))
                for fmt in [ "jpg"; "png" ] do
                    let data = ImageIO.encode fmt 90 img
                    let got = ImageIO.decode "x" data
                    // Reference: Skia's RGBA, every 4th byte left out, index by index.
                    use codec = SKCodec.Create(new SKMemoryStream(data))
                    let rgba = Array.zeroCreate<byte> (4 * w * h)
                    let pin = Runtime.InteropServices.GCHandle.Alloc(rgba, Runtime.InteropServices.GCHandleType.Pinned)
                    let r = codec.GetPixels(SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque), pin.AddrOfPinnedObject())
                    pin.Free()
                    Expect.equal r SKCodecResult.Success "decoded"
                    let expected = Array.init (3 * w * h) (fun i -> rgba.[4 * (i / 3) + i % 3])
                    Expect.equal (got.Width, got.Height, got.Channels) (w, h, 3) "shape"
                    Expect.equal (got.Bytes.ToArray()) expected (sprintf "%s %dx%d" fmt w h)
                    if fmt = "png" then Expect.equal (got.Bytes.ToArray()) (img.Bytes.ToArray()) "PNG is lossless: the encoded pixels come back"
        }

        test "Image.ToFloat32 and Image.ToByte: the bits of the loops they were (byte and float sources, signed zeros, NaN)" {
            let rnd = Random 11
            for n in [ 1; 2; 5; 16; 17; 47; 48; 49; 70; 97; 1000; 4099 ] do
                for c in [ 1; 3; 4 ] do
                    let px = image rnd n 1 c
                    let img = Image.FromBytes(n, 1, c, ReadOnlySpan px)
                    for range in [ ValueRange(0f, 1f); ValueRange(-1f, 1f); ValueRange(-1f, -0f); ValueRange(-0f, 1f); ValueRange(0f, 255f)
                                   ValueRange(-3.1f, 7.77f); ValueRange(-3e38f, 3e38f); ValueRange(1e-30f, 2e-30f) ] do
                        let scale = range.Width / 255f
                        // main's loop: Math.Clamp(range.Min + b * scale, range.Min, range.Max)
                        let expected = px |> Array.map (fun b -> Math.Clamp(range.Min + float32 b * scale, range.Min, range.Max) |> BitConverter.SingleToInt32Bits)
                        let got = img.ToFloat32(range).Floats.ToArray() |> Array.map BitConverter.SingleToInt32Bits
                        Expect.equal got expected (sprintf "ToFloat32 %d x %d into %O" n c range)
                    let range = ValueRange(-2.5f, 3.25f)
                    let specials = [| nanf; infinityf; -infinityf; -0f; 0f; -2.5f; 3.25f; 0.5f; 1e-45f; -1e-45f |]
                    let fs = Array.init (n * c) (fun i -> if i % 13 = 0 then specials.[(i / 13) % specials.Length] else range.Min + float32 (rnd.NextDouble()) * range.Width)
                    for r in [ range; ValueRange(0f, 1f); ValueRange(-1e-38f, 1e-38f) ] do
                        let fimg = Image.OwnFloats(n, 1, c, fs, r)
                        let s = 255f / r.Width
                        // main's loop: (byte)Math.Clamp(MathF.Round((x - Range.Min) * scale), 0, 255)
                        let expected = fs |> Array.map (fun x -> byte (Math.Clamp(MathF.Round((x - r.Min) * s), 0f, 255f)))
                        Expect.equal (fimg.ToByte().Bytes.ToArray()) expected (sprintf "ToByte %d x %d from %O" n c r)
        }
    ]
