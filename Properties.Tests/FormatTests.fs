/// The F# annotation formats (Augment.FSharp/Annotations.fs): COCO boxes, polygons, RLE and keypoints; YOLO with its
/// class list; Pascal VOC; tolerant clipping and errors naming the file and the annotation.
module FormatTests

open System
open System.IO
open Expecto
open Augment
open Augment.Native

let private tempDir () =
    let d = Path.Combine(Path.GetTempPath(), sprintf "augment-formats-%O" (Guid.NewGuid()))
    Directory.CreateDirectory d |> ignore
    d

let private throwsData what (f: unit -> 'a) (fragments: string list) =
    let e = Expect.throwsC (fun () -> f () |> ignore) id
    Expect.isTrue (e :? InvalidDataException) (sprintf "%s: InvalidDataException, got %s: %s" what (e.GetType().Name) e.Message)
    for s in fragments do Expect.stringContains e.Message s (sprintf "%s: the message names %s" what s)

let private maskRows (m: Image) =
    let px = m.Bytes.ToArray()
    [ for y in 0 .. m.Height - 1 -> [ for x in 0 .. m.Width - 1 -> int px.[y * m.Width + x] ] ]

let private cocoText = """{
  "images": [ { "id": 7, "file_name": "a.png", "width": 4, "height": 4 },
              { "id": 9, "file_name": "b.png", "width": 3, "height": 2 } ],
  "annotations": [
    { "id": 1, "image_id": 7, "category_id": 2, "bbox": [1, 1, 2, 2],
      "segmentation": [[1, 1, 3, 1, 3, 3, 1, 3]], "keypoints": [1.5, 1.5, 2, 0, 0, 0, 2.5, 2.5, 1], "num_keypoints": 2 },
    { "id": 2, "image_id": 9, "category_id": 1, "bbox": [0, 0, 2, 2], "iscrowd": 1,
      "segmentation": { "size": [2, 3], "counts": [1, 2, 3] } },
    { "id": 3, "image_id": 9, "category_id": 1, "bbox": [0, 0, 3.0000001, 2],
      "segmentation": { "size": [2, 3], "counts": "123" } } ],
  "categories": [ { "id": 1, "name": "cat" }, { "id": 2, "name": "dog" } ]
}"""

let tests =
    testList "Formats" [
        test "RLE: compressed strings worked by hand from pycocotools' rleToString" {
            // rleToString: count i (less count i-2 for i > 2) in 5-bit groups, low first, bit 0x20 = more, + 48 ('0').
            // [0; 5; 3]: single groups 0, 5, 3 -> "053".
            Expect.equal (Rle.toCompressed [| 0; 5; 3 |]) "053" "small counts"
            // 100 = 3 * 32 + 4: group 4 with more (4 | 32 = 36 -> 'T'), then 3 -> '3'.
            Expect.equal (Rle.toCompressed [| 100 |]) "T3" "two groups"
            // [0; 10; 2; 4]: count 3 is written as 4 - 10 = -6: low 5 bits of -6 are 26 (0x10 set), the rest is -1, so no
            // more groups: 26 + 48 = 'J'. 10 + 48 = ':'.
            Expect.equal (Rle.toCompressed [| 0; 10; 2; 4 |]) "0:2J" "a negative difference"
            Expect.equal (Rle.ofCompressed "0:2J") [| 0; 10; 2; 4 |] "read back"
            Expect.equal (Rle.ofCompressed "T3") [| 100 |] "read back two groups"
            Expect.throwsT<ArgumentException> (fun () -> Rle.ofCompressed "T" |> ignore) "an unfinished group"
        }

        test "RLE: runs are column-major and start with zeros (COCO's convention)" {
            // h = 2, w = 3, counts [1; 2; 3]: column-major index k = x * h + y; k = 0 off, 1 and 2 on, 3 to 5 off.
            // k = 1 is (x 0, y 1), k = 2 is (x 1, y 0).
            let m = Rle.decode 2 3 [| 1; 2; 3 |]
            Expect.equal (maskRows m) [ [ 0; 1; 0 ]; [ 1; 0; 0 ] ] "decoded"
            match Rle.encode (fun v -> v <> 0uy) m with
            | Segmentation.Rle (h, w, c) -> Expect.equal (h, w, c) (2, 3, [| 1; 2; 3 |]) "encoded back"
            | s -> failtestf "not an RLE: %A" s
            Expect.equal (Rle.area [| 1; 2; 3 |]) 2L "area"
            Expect.throwsT<ArgumentException> (fun () -> Rle.decode 2 3 [| 1; 2 |] |> ignore) "counts short of h x w"
        }

        test "Polygon: the square [1,1]-[3,3] on 4x4 rasterises as pycocotools' rleFrPoly, worked by hand" {
            // Scaled by 5 the corners are (5,5), (15,5), (15,15), (5,15). The top edge walks u = 5..15 at v = 5; where u
            // steps up, x = u - 1, and (x + 0.5) / 5 - 0.5 is a whole column for x = 7 and 12: columns 1 and 2, at
            // y = ceil((5 + 0.5) / 5 - 0.5) = ceil 0.6 = 1. The bottom edge walks back at v = 15: columns 1 and 2 at
            // y = ceil(2.6) = 3. Column-major indices x * 4 + y: 5, 9, 7, 11, and 16 = h * w; sorted and differenced:
            // [5; 2; 2; 2; 5]: rows 1 and 2 of columns 1 and 2, the pixels whose centres are inside.
            let counts = Rle.ofPolygon 4 4 [| 1.0; 1.0; 3.0; 1.0; 3.0; 3.0; 1.0; 3.0 |]
            Expect.equal counts [| 5; 2; 2; 2; 5 |] "counts"
            Expect.equal (maskRows (Rle.decode 4 4 counts)) [ [ 0; 0; 0; 0 ]; [ 0; 1; 1; 0 ]; [ 0; 1; 1; 0 ]; [ 0; 0; 0; 0 ] ] "mask"
            Expect.throwsT<ArgumentException> (fun () -> Rle.ofPolygon 4 4 [| 1.0; 1.0; 3.0; 1.0 |] |> ignore) "two points"
        }

        test "COCO: boxes, polygons, both RLE forms, keypoints and iscrowd read; float noise at the edge is clipped" {
            let d = Coco.parseDataset "hand.json" "/data" cocoText
            Expect.equal d.Categories [| 1, "cat"; 2, "dog" |] "categories"
            Expect.equal [ for it in d.Items -> it.File, it.Width, it.Height, it.Objects.Length ] [ "a.png", 4, 4, 1; "b.png", 3, 2, 2 ] "items"
            let a = d.Items.[0].Objects.[0]
            Expect.equal (Box.toVoc a.Box) [| 1.0; 1.0; 3.0; 3.0 |] "box"
            Expect.equal a.Box.Class 2 "class = category_id"
            Expect.equal a.Keypoints [| 1.5, 1.5, 2; 0.0, 0.0, 0; 2.5, 2.5, 1 |] "keypoints"
            let b, c = d.Items.[1].Objects.[0], d.Items.[1].Objects.[1]
            Expect.isTrue b.Crowd "iscrowd"
            Expect.equal b.Segmentation (Some(Segmentation.Rle(2, 3, [| 1; 2; 3 |]))) "uncompressed RLE"
            // "123" is the compressed form of [1; 2; 3] ('1' = 49 = 48 + 1, ...): 6 = 2 x 3 pixels.
            Expect.equal c.Segmentation (Some(Segmentation.Rle(2, 3, [| 1; 2; 3 |]))) "compressed RLE"
            // 3.0000001 wide on a 3-wide image: float noise, clipped onto the edge.
            Expect.equal c.Box.XMax 3.0 "clipped"
        }

        test "COCO: invalid annotations name the file and the annotation" {
            // "12" is [1; 2], adding up to 3 of the 6 pixels.
            let short = cocoText.Replace("\"counts\": \"123\"", "\"counts\": \"12\"")
            throwsData "RLE counts that do not cover the image" (fun () -> Coco.parseDataset "hand.json" "" short) [ "hand.json"; "annotations[2]" ]
            let far = cocoText.Replace("[0, 0, 3.0000001, 2]", "[0, 0, 5, 2]")
            throwsData "a box far outside" (fun () -> Coco.parseDataset "far.json" "" far) [ "far.json"; "annotation 2"; "x_max" ]
            // width -0.5: x_max = 0.5 < x_min = 1, inside the image, more than the 1e-3 x 4 px of noise allowed.
            let nan = cocoText.Replace("[1, 1, 2, 2]", "[1, 1, -0.5, 2]")
            throwsData "x_max < x_min" (fun () -> Coco.parseDataset "neg.json" "" nan) [ "neg.json"; "annotation 0"; "x_min > x_max" ]
            throwsData "not JSON" (fun () -> Coco.parseDataset "x.json" "" "{") [ "x.json" ]
        }

        test "COCO: format then parse gives the dataset back; ids are 1, 2, ... in order" {
            let d = Coco.parseDataset "hand.json" "" cocoText
            let text = Coco.format d
            let back = Coco.parseDataset "back.json" "" text
            Expect.equal back.Items d.Items "items"
            Expect.equal back.Categories d.Categories "categories"
            Expect.stringContains text "\"counts\": \"123\"" "RLE written compressed"
            let images, _ = Coco.parse "back.json" text
            Expect.equal [ for im in images do for b in im.Boxes -> b.Id ] [ 1; 2; 3 ] "annotation ids"
            Expect.equal (Coco.format back) text "the text is a function of the dataset"
        }

        test "YOLO: tolerant clipping, class lists, errors by file and line, round trip" {
            // cx 0.5, w 1.0000001: x from -5e-7 to 1.0000000500 of the width: noise, clipped to [0, 10].
            let bs = Yolo.parse "a.txt" 10 20 "0 0.5 0.5 1.0000001 1\n\n3 0.25 0.75 0.5 0.5\n"
            Expect.equal (bs |> Array.map Box.toVoc) [| [| 0.0; 0.0; 10.0; 20.0 |]; [| 0.0; 10.0; 5.0; 20.0 |] |] "boxes"
            Expect.equal (bs |> Array.map (fun b -> b.Class, b.Id)) [| 0, 0; 3, 1 |] "classes and ids"
            let text = Yolo.format 10 20 bs
            Expect.equal text "0 0.5 0.5 1 1\n3 0.25 0.75 0.5 0.5\n" "written, never outside [0, 1]"
            throwsData "negative width" (fun () -> Yolo.parse "b.txt" 10 10 "0 0.5 0.5 0.1 0.1\n1 0.5 0.5 -0.2 0.1") [ "b.txt"; "line 2"; "x_min > x_max" ]
            throwsData "NaN" (fun () -> Yolo.parse "c.txt" 10 10 "0 NaN 0.5 0.1 0.1") [ "c.txt"; "line 1"; "not finite" ]
            throwsData "far outside" (fun () -> Yolo.parse "d.txt" 10 10 "0 1.2 0.5 0.1 0.1") [ "d.txt"; "line 1"; "outside" ]
            throwsData "four fields" (fun () -> Yolo.parse "e.txt" 10 10 "0 0.5 0.5 0.1") [ "e.txt"; "line 1"; "4 fields" ]
            let dir = tempDir ()
            try
                File.WriteAllText(Path.Combine(dir, "data.yaml"), "path: .\nnames:\n  0: person\n  1: 'red car'\n")
                Expect.equal (Yolo.readClasses dir) [| "person"; "red car" |] "data.yaml block map"
                File.WriteAllText(Path.Combine(dir, "data.yaml"), "names: [person, \"red car\"]\n")
                Expect.equal (Yolo.readClasses dir) [| "person"; "red car" |] "data.yaml flow list"
                File.WriteAllText(Path.Combine(dir, "classes.txt"), "a\nb\nc\n")
                Expect.equal (Yolo.readClasses dir) [| "a"; "b"; "c" |] "classes.txt first"
            finally Directory.Delete(dir, true)
        }

        test "YOLO and VOC folders read as datasets, with image sizes from the headers" {
            let dir = tempDir ()
            try
                let img = Image.FromBytes(8, 6, 3, ReadOnlySpan(Array.create (8 * 6 * 3) 100uy))
                Directory.CreateDirectory(Path.Combine(dir, "yolo", "images")) |> ignore
                Directory.CreateDirectory(Path.Combine(dir, "yolo", "labels")) |> ignore
                ImageIO.write (Path.Combine(dir, "yolo", "images", "x.png")) img
                ImageIO.write (Path.Combine(dir, "yolo", "images", "y.png")) img
                File.WriteAllText(Path.Combine(dir, "yolo", "labels", "x.txt"), "1 0.5 0.5 0.5 0.5\n")
                File.WriteAllText(Path.Combine(dir, "yolo", "classes.txt"), "a\nb\n")
                let y = Dataset.read (Path.Combine(dir, "yolo"))
                Expect.equal y.Format AnnotationFormat.Yolo "format"
                Expect.equal [ for it in y.Items -> it.File, it.Objects.Length ] [ "x.png", 1; "y.png", 0 ] "items"
                // 0.5 +- 0.25 of 8 x 6: [2, 1.5, 6, 4.5].
                Expect.equal (Box.toVoc y.Items.[0].Objects.[0].Box) [| 2.0; 1.5; 6.0; 4.5 |] "box in pixels"
                Expect.equal y.Categories [| 0, "a"; 1, "b" |] "categories"
                let voc = Path.Combine(dir, "voc")
                Directory.CreateDirectory voc |> ignore
                ImageIO.write (Path.Combine(voc, "x.png")) img
                let item = { File = "x.png"; Width = 8; Height = 6
                             Objects = [| { Box = Box.create 1.0 1.0 4.0 5.0 1 0; Segmentation = None; Keypoints = [||]; Crowd = false } |] }
                File.WriteAllText(Path.Combine(voc, "x.xml"), Voc.format [| 0, "cat"; 1, "dog" |] 3 item)
                let v = Dataset.read voc
                Expect.equal v.Format AnnotationFormat.Voc "format"
                // The only name used is "dog", so the class list is [dog] and its class is 0.
                Expect.equal v.Categories [| 0, "dog" |] "classes from the names"
                Expect.equal (v.Items.[0].Objects |> Array.map (fun o -> Box.toVoc o.Box, o.Box.Class)) [| [| 1.0; 1.0; 4.0; 5.0 |], 0 |] "VOC box"
                throwsData "VOC with a DTD" (fun () -> Voc.parse "d.xml" [| "a" |] "<!DOCTYPE x [<!ENTITY e \"x\">]><annotation/>") [ "d.xml" ]
                throwsData "VOC box far outside" (fun () ->
                    Voc.parse "o.xml" [| "a" |] "<annotation><size><width>8</width><height>6</height></size><object><name>a</name><bndbox><xmin>0</xmin><ymin>0</ymin><xmax>9</xmax><ymax>6</ymax></bndbox></object></annotation>") [ "o.xml"; "annotation 0" ]
            finally Directory.Delete(dir, true)
        }

        test "Dataset: an item becomes a sample (instance map, keypoints) and comes back unchanged through the identity" {
            let d = Coco.parseDataset "hand.json" "" cocoText
            let it = d.Items.[0]
            let img = Image.FromBytes(4, 4, 3, ReadOnlySpan(Array.zeroCreate<byte> 48))
            let s = Dataset.toSample it img
            Expect.equal (maskRows s.Mask.Value) [ [ 0; 0; 0; 0 ]; [ 0; 1; 1; 0 ]; [ 0; 1; 1; 0 ]; [ 0; 0; 0; 0 ] ] "instance map"
            Expect.equal s.Keypoints.Length 3 "keypoints"
            let back = Dataset.ofSample it "a-0.png" s
            Expect.equal back.File "a-0.png" "file"
            Expect.equal back.Objects.[0].Box it.Objects.[0].Box "box"
            Expect.equal back.Objects.[0].Keypoints it.Objects.[0].Keypoints "keypoints (v 0 kept)"
            Expect.equal back.Objects.[0].Segmentation (Some(Segmentation.Rle(4, 4, [| 5; 2; 2; 2; 5 |]))) "segmentation as RLE"
            // A horizontal flip (x -> W - x) moves the box [1, 3] to [1, 3] and keypoint 1.5 to 2.5.
            let flipped, _ = Aug.run Ops.flipHorizontal (Seed.ofInt 1) s
            let f = Dataset.ofSample it "f.png" flipped
            Expect.equal f.Objects.[0].Keypoints.[0] (2.5, 1.5, 2) "keypoint flipped"
            Expect.equal f.Objects.[0].Keypoints.[2] (1.5, 2.5, 1) "unseen keypoint flipped, still 1"
        }
    ]
