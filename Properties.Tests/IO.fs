/// PNG and JPEG through SkiaSharp, the bundled photos, and the gallery.
module IO

open System
open System.IO
open Expecto
open Augment
open Augment.Native

/// The repository's samples/ folder, found by walking up from the test binary.
let samplesDir =
    let rec up (d: DirectoryInfo) =
        if isNull d then failwith "samples/annotations.json not found above the test binary"
        elif File.Exists(Path.Combine(d.FullName, "samples", "annotations.json")) then Path.Combine(d.FullName, "samples")
        else up d.Parent
    up (DirectoryInfo AppContext.BaseDirectory)

let tests =
    testList "image IO" [
        test "PNG round trip is lossless for 1, 3 and 4 channels" {
            for c in [ 1; 3; 4 ] do
                let img = Generators.makeImage ElementType.Byte c (13, 7) c ValueRange.Byte
                let back = ImageIO.decode "memory" (ImageIO.encode "png" 100 img)
                // 1 and 3 channels encode as RGB PNGs and decode to 3 channels (a gray source replicated); 4 as RGBA.
                Expect.equal back.Channels (if c = 4 then 4 else 3) "channels after decoding"
                for y in 0 .. 6 do
                    for x in 0 .. 12 do
                        for ch in 0 .. back.Channels - 1 do
                            let want = img.[x, y, (if c = 1 then 0 else ch)]
                            if back.[x, y, ch] <> want then failtestf "channel count %d: pixel (%d, %d, %d) %g <> %g" c x y ch back.[x, y, ch] want
        }
        test "the bundled JPEG decodes at its size" {
            let img = ImageIO.read (Path.Combine(samplesDir, "rocket.jpg"))
            Expect.equal (img.Width, img.Height, img.Channels) (640, 427, 3) "samples/README.md lists 640 x 427"
        }
        test "a corrupt file is reported by its path" {
            let path = Path.Combine(Path.GetTempPath(), sprintf "corrupt-%O.png" (Guid.NewGuid()))
            File.WriteAllBytes(path, [| 1uy; 2uy; 3uy |])
            try
                let e = Expect.throwsC (fun () -> ImageIO.read path |> ignore) id
                Expect.isTrue (e :? InvalidDataException) "InvalidDataException"
                Expect.stringContains e.Message path "names the path"
            finally File.Delete path
        }
        test "writes are atomic and leave no temporary file" {
            let dir = Directory.CreateTempSubdirectory("augment-io").FullName
            let path = Path.Combine(dir, "x.png")
            ImageIO.write path (Generators.makeImage ElementType.Byte 3 (5, 4) 3 ValueRange.Byte)
            Expect.sequenceEqual (Directory.GetFiles dir |> Array.map Path.GetFileName) [| "x.png" |] "only the target"
            Directory.Delete(dir, true)
        }
        test "an unknown extension is refused" {
            BadInput.expectArg "format" [ "\".bmp\"" ] (fun () -> ImageIO.encode ".bmp" 90 (Generators.makeImage ElementType.Byte 3 (2, 2) 1 ValueRange.Byte))
        }
        test "the gallery has the size its grid implies and shows the pictures" {
            let s = Sample.ofImage (Generators.makeImage ElementType.Byte 3 (40, 20) 9 ValueRange.Byte)
            let g = Gallery.render 3 32 [ s; s; s; s ]
            // 3 columns and 2 rows of 32-pixel cells with 4-pixel gutters: 3 * 36 + 4 = 112 by 2 * 36 + 4 = 76.
            Expect.equal (g.Width, g.Height) (112, 76) "grid size"
            let bg = (32f, 32f, 32f)
            Expect.notEqual (g.[20, 20, 0], g.[20, 20, 1], g.[20, 20, 2]) bg "the first cell is not background"
            Expect.equal (g.[110, 74, 0], g.[110, 74, 1], g.[110, 74, 2]) bg "the empty sixth cell is background"
        }
    ]
