/// COCO, YOLO and Pascal VOC files from C# (Augment.CSharp's CocoFile, YoloFile, VocFile): hand-written files,
/// round trips, hostile input; and the names a C# user sees with the namespaces opened.
module AnnotationFiles

open System
open System.IO
open System.Reflection
open Expecto
open Augment
open Augment.CSharp

let private temp (name: string) = Path.Combine(Path.GetTempPath(), sprintf "augment-%O-%s" (Guid.NewGuid()) name)

let private boxClose (a: BoundingBox) (e: BoundingBox) what =
    let near x y = abs (x - y) <= 1e-9 * max 1.0 (abs y)
    if not (near a.XMin e.XMin && near a.YMin e.YMin && near a.XMax e.XMax && near a.YMax e.YMax && a.Class = e.Class && a.Id = e.Id) then
        failtestf "%s: %A, expected %A" what a e

let private boxesClose (a: BoundingBox seq) (e: BoundingBox seq) what =
    let a, e = Array.ofSeq a, Array.ofSeq e
    Expect.equal a.Length e.Length (what + ": count")
    Array.iteri2 (fun i x y -> boxClose x y (sprintf "%s, box %d" what i)) a e

let private throwsData what (f: unit -> 'a) (fragments: string list) =
    let e = Expect.throwsC (fun () -> f () |> ignore) id
    Expect.isTrue (e :? InvalidDataException) (sprintf "%s: InvalidDataException, got %s: %s" what (e.GetType().Name) e.Message)
    for s in fragments do Expect.stringContains e.Message s (sprintf "%s: the message names %s" what s)

let private cocoText = """{
  "images": [ { "id": 7, "file_name": "a.png", "width": 640, "height": 480 },
              { "id": 9, "file_name": "b.jpg", "width": 100, "height": 50 } ],
  "annotations": [ { "id": 3, "image_id": 7, "category_id": 18, "bbox": [10, 20, 30.5, 40] },
                   { "id": 4, "image_id": 9, "category_id": 1, "bbox": [0, 0, 100, 50] },
                   { "id": 5, "image_id": 7, "category_id": 1, "bbox": [600, 400, 40, 80] } ],
  "categories": [ { "id": 1, "name": "person" }, { "id": 18, "name": "dog" } ]
}"""

let private vocText = """<annotation>
  <folder>VOC2012</folder>
  <filename>2007_000032.jpg</filename>
  <size><width>500</width><height>281</height><depth>3</depth></size>
  <object>
    <name>aeroplane</name><pose>Frontal</pose><truncated>0</truncated><difficult>0</difficult>
    <bndbox><xmin>104</xmin><ymin>78</ymin><xmax>375</xmax><ymax>183</ymax></bndbox>
  </object>
  <object>
    <name>person</name><truncated>1</truncated><difficult>1</difficult>
    <bndbox><xmin>195.5</xmin><ymin>180</ymin><xmax>213</xmax><ymax>229</ymax></bndbox>
  </object>
</annotation>"""

let private vocClasses = [| "aeroplane"; "bicycle"; "person" |]

let tests =
    testList "annotation files (C#)" [
        test "COCO: a hand-written file reads as written" {
            let d = CocoFile.Parse(cocoText, "hand.json")
            Expect.equal [ for i in d.Images -> i.FileName, i.Width, i.Height ] [ "a.png", 640, 480; "b.jpg", 100, 50 ] "images"
            boxesClose d.Images.[0].Boxes [ BoundingBox(10, 20, 40.5, 60, 18, 3); BoundingBox(600, 400, 640, 480, 1, 5) ] "a.png"
            boxesClose d.Images.[1].Boxes [ BoundingBox(0, 0, 100, 50, 1, 4) ] "b.jpg"
            Expect.equal [ for kv in d.Categories -> kv.Key, kv.Value ] [ 1, "person"; 18, "dog" ] "categories"
        }

        test "COCO: the bundled annotations read as the F# reader reads them, and round-trip through Write" {
            let path = Path.Combine(IO.samplesDir, "annotations.json")
            let d = CocoFile.Read path
            let fs, cats = Coco.read path
            Expect.equal d.Images.Length fs.Length "image count"
            for i, f in Seq.zip d.Images fs do
                Expect.equal i.FileName f.FileName "file name"
                boxesClose i.Boxes (f.Boxes |> Array.map (fun b -> BoundingBox(b.XMin, b.YMin, b.XMax, b.YMax, b.Class, b.Id))) f.FileName
            Expect.equal d.Categories.Count cats.Count "categories"
            let out = temp "coco.json"
            try
                CocoFile.Write(out, d)
                let back = CocoFile.Read out
                Expect.equal [ for i in back.Images -> i.FileName, i.Width, i.Height ] [ for i in d.Images -> i.FileName, i.Width, i.Height ] "images"
                for a, b in Seq.zip back.Images d.Images do boxesClose a.Boxes b.Boxes a.FileName
                Expect.equal (List.ofSeq back.Categories) (List.ofSeq d.Categories) "categories"
            finally File.Delete out
        }

        test "COCO: malformed files are InvalidDataException naming the source" {
            throwsData "not JSON" (fun () -> CocoFile.Parse("{", "x.json")) [ "x.json" ]
            throwsData "no images" (fun () -> CocoFile.Parse("""{"annotations": []}""", "x.json")) [ "x.json"; "images" ]
            throwsData "a string id" (fun () -> CocoFile.Parse("""{"images": [{"id": "one"}], "annotations": []}""", "x.json")) [ "x.json" ]
            throwsData "no bbox" (fun () -> CocoFile.Parse("""{"images": [{"id": 1, "file_name": "a", "width": 1, "height": 1}], "annotations": [{"id": 1, "image_id": 1, "category_id": 1}]}""", "x.json")) [ "x.json" ]
        }

        test "YOLO: a hand-written file reads as worked by hand" {
            // 200 x 100 image: (0.5, 0.5, 0.5, 0.25) -> centre (100, 50), size 100 x 25 -> [50, 37.5, 150, 62.5];
            // (0.25, 0.75, 0.1, 0.2) -> centre (50, 75), size 20 x 20 -> [40, 65, 60, 85]. Blank lines are skipped.
            let path = temp "labels.txt"
            File.WriteAllText(path, "0 0.5 0.5 0.5 0.25\r\n\n3   0.25 0.75 0.1 0.2\n")
            try boxesClose (YoloFile.Read(path, 200, 100)) [ BoundingBox(50, 37.5, 150, 62.5, 0, 0); BoundingBox(40, 65, 60, 85, 3, 1) ] "labels"
            finally File.Delete path
        }

        test "YOLO: boxes round-trip through Write and Read" {
            let boxes = [| BoundingBox(0, 0, 640, 480, 0, 0); BoundingBox(10.25, 20.5, 33.125, 470.75, 7, 1); BoundingBox(1.0 / 3.0, 2, 3, 4, 2, 2) |]
            let path = temp "labels.txt"
            try
                YoloFile.Write(path, boxes, 640, 480)
                boxesClose (YoloFile.Read(path, 640, 480)) boxes "round trip"
            finally File.Delete path
            Expect.equal (YoloFile.Format([ BoundingBox(50, 37.5, 150, 62.5, 0, 0) ], 200, 100)) "0 0.5 0.5 0.5 0.25\n" "format"
        }

        test "YOLO: bad lines are InvalidDataException naming the line" {
            let bad text = YoloFile.Parse(text, 10, 10, "l.txt")
            throwsData "four fields" (fun () -> bad "0 0.5 0.5 0.5 0.5\n1 0.5 0.5 0.5\n") [ "l.txt"; "line 2"; "4 fields" ]
            throwsData "polygon" (fun () -> bad "0 0.1 0.1 0.2 0.2 0.3 0.3\n") [ "line 1"; "7 fields" ]
            throwsData "class" (fun () -> bad "-1 0.5 0.5 0.1 0.1") [ "class" ]
            throwsData "class" (fun () -> bad "cat 0.5 0.5 0.1 0.1") [ "class" ]
            throwsData "NaN" (fun () -> bad "0 NaN 0.5 0.1 0.1") [ "NaN" ]
            throwsData "infinite" (fun () -> bad "0 0.5 1e999 0.1 0.1") [ "1e999" ]
            throwsData "negative size" (fun () -> bad "0 0.5 0.5 -0.1 0.1") [ "negative" ]
            Expect.throwsT<ArgumentOutOfRangeException> (fun () -> YoloFile.Parse("", 0, 10) |> ignore) "width 0"
            Expect.throwsT<ArgumentException> (fun () -> YoloFile.Format([ BoundingBox(0, 0, 1, 1, -1, 0) ], 10, 10) |> ignore) "negative class"
        }

        test "VOC: a hand-written file reads as written" {
            let a = VocFile.Parse(vocText, vocClasses, "2007_000032.xml")
            Expect.equal (a.FileName, a.Width, a.Height, a.Depth) ("2007_000032.jpg", 500, 281, 3) "image"
            Expect.equal [ for o in a.Objects -> o.Name, o.Difficult, o.Truncated ] [ "aeroplane", false, false; "person", true, true ] "objects"
            boxesClose a.Boxes [ BoundingBox(104, 78, 375, 183, 0, 0); BoundingBox(195.5, 180, 213, 229, 2, 1) ] "boxes"
        }

        test "VOC: annotations round-trip through Write and Read" {
            let a = VocFile.Create("x.png", 64, 48, 3, [ BoundingBox(1.5, 2, 30, 40.25, 1, 0); BoundingBox(0, 0, 64, 48, 2, 1) ], vocClasses)
            let path = temp "x.xml"
            try
                VocFile.Write(path, a)
                let b = VocFile.Read(path, vocClasses)
                Expect.equal (b.FileName, b.Width, b.Height, b.Depth) (a.FileName, a.Width, a.Height, a.Depth) "image"
                Expect.equal [ for o in b.Objects -> o.Name ] [ "bicycle"; "person" ] "names"
                boxesClose b.Boxes a.Boxes "boxes"
            finally File.Delete path
            let again = VocFile.Parse(VocFile.Format(VocFile.Parse(vocText, vocClasses)), vocClasses)
            Expect.equal [ for o in again.Objects -> o.Name, o.Difficult, o.Truncated ] [ "aeroplane", false, false; "person", true, true ] "flags kept"
        }

        test "VOC: hostile and malformed files are InvalidDataException" {
            let bad xml = VocFile.Parse(xml, vocClasses, "v.xml")
            let laughs =
                """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>"""
                + """<annotation><filename>&lol2;</filename><size><width>1</width><height>1</height></size></annotation>"""
            throwsData "entity expansion" (fun () -> bad laughs) [ "v.xml"; "DTD" ]
            let external = """<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><annotation><filename>&x;</filename></annotation>"""
            throwsData "external entity" (fun () -> bad external) [ "v.xml" ]
            throwsData "not XML" (fun () -> bad "<annotation>") [ "v.xml" ]
            throwsData "other root" (fun () -> bad "<svg/>") [ "<svg>" ]
            throwsData "no size" (fun () -> bad "<annotation/>") [ "size" ]
            throwsData "unknown class" (fun () -> bad (vocText.Replace("aeroplane", "zeppelin"))) [ "zeppelin"; "object 0" ]
            throwsData "no number" (fun () -> bad (vocText.Replace("<xmin>104</xmin>", "<xmin>a lot</xmin>"))) [ "xmin"; "a lot" ]
            throwsData "missing ymax" (fun () -> bad (vocText.Replace("<ymax>229</ymax>", ""))) [ "object 1"; "ymax" ]
            throwsData "inverted" (fun () -> bad (vocText.Replace("<xmin>104</xmin>", "<xmin>400</xmin>"))) [ "xmin > xmax" ]
            throwsData "zero width" (fun () -> bad (vocText.Replace("<width>500</width>", "<width>0</width>"))) [ "width" ]
        }

        test "a C# user may open Augment.CSharp, Augment.Native and Augment together: no name is in two of them" {
            let publicNames (asm: Assembly) (ns: string) =
                asm.GetExportedTypes()
                |> Array.filter (fun t -> t.Namespace = ns && not t.IsNested)
                |> Array.map (fun t -> match t.Name.IndexOf '`' with -1 -> t.Name | i -> t.Name.Substring(0, i))
                |> Set.ofArray
            let csharp = publicNames typeof<Augmentation>.Assembly "Augment.CSharp"
            let native = publicNames typeof<Augment.Native.Image>.Assembly "Augment.Native"
            let fsharp = publicNames typeof<Aug>.Assembly "Augment"
            Expect.isEmpty (Set.intersect csharp native) "names in both Augment.CSharp and Augment.Native (ambiguous for every C# user)"
            // The F# types the C# surface mirrors are compiled under FSharp-prefixed names (FSharpSample, FSharpSampler,
            // FSharpKeypoint, FSharpBoxFilter, FSharpRunOptions), as FSharp.Core's List is FSharpList: F# code names
            // them as before, and a C# file that opens both namespaces sees no ambiguity. A new clash fails here.
            Expect.isEmpty (Set.intersect csharp fsharp) "names in both Augment.CSharp and Augment"
            Expect.isEmpty (Set.intersect native fsharp) "names in both Augment.Native and Augment"
            // Everything a C# signature mentions is from System, Augment.CSharp or Augment.Native, except the seed
            // struct Augment.Seed, which a C# user gets from Seeds and never needs to name, and RunOptions.Backend's
            // Augment.IBackend, which a C# user fills with a ready-made backend (Augment.OpenCL's OpenClBackend) and never
            // implements.
            let foreign =
                [ for t in typeof<Augmentation>.Assembly.GetExportedTypes() do
                    for m in t.GetMembers(BindingFlags.Public ||| BindingFlags.Instance ||| BindingFlags.Static ||| BindingFlags.DeclaredOnly) do
                        let types =
                            match m with
                            | :? MethodInfo as mi -> mi.ReturnType :: [ for p in mi.GetParameters() -> p.ParameterType ]
                            | :? ConstructorInfo as ci -> [ for p in ci.GetParameters() -> p.ParameterType ]
                            | :? PropertyInfo as pi -> [ pi.PropertyType ]
                            | _ -> []
                        let rec all (t: Type) =
                            t :: [ if t.HasElementType then yield! all (t.GetElementType())
                                   if t.IsGenericType then for a in t.GetGenericArguments() do yield! all a ]
                        for u in types |> List.collect all do
                            if not u.IsGenericParameter && not (isNull u.Namespace)
                               && not (u.Namespace = "System" || u.Namespace.StartsWith "System." || u.Namespace = "Augment.CSharp" || u.Namespace = "Augment.Native") then
                                yield u.FullName ]
                |> List.distinct
            Expect.equal (List.sort foreign) [ "Augment.IBackend"; "Augment.Seed" ] "types from other namespaces in C# signatures"
        }
    ]
