namespace Augment

open System
open System.Globalization
open System.IO
open System.Text
open System.Text.Json
open System.Text.Json.Nodes
open System.Xml
open System.Xml.Linq
open Augment.Native

/// A COCO instance segmentation: polygons (each <c>[x1, y1, x2, y2, ...]</c> in pixels) or a run-length encoding.
[<RequireQualifiedAccess>]
type Segmentation =
    | Polygons of float[][]
    /// Run lengths over the mask in column-major order (down the first column, then the next), starting with a run of
    /// zeros (possibly empty), as COCO's RLE.
    | Rle of height: int * width: int * counts: int[]

/// One annotated object: a box, and in COCO a segmentation, keypoints and the crowd flag.
type ObjectAnnotation =
    { Box: Box
      Segmentation: Segmentation option
      /// COCO keypoints: x, y and visibility v (0 not labelled, 1 labelled but not visible, 2 visible).
      Keypoints: (float * float * int)[]
      Crowd: bool }

/// One image of a dataset and its objects. <c>File</c> is relative to the dataset's <c>ImageRoot</c>.
type DatasetItem =
    { File: string
      Width: int
      Height: int
      Objects: ObjectAnnotation[] }

/// The annotation formats the readers and writers know.
[<RequireQualifiedAccess>]
type AnnotationFormat =
    | Coco
    | Yolo
    | Voc
    /// Images without annotations.
    | Images

/// A dataset: images with their objects, the categories (id and name, in order) and where the images are.
type Dataset =
    { Format: AnnotationFormat
      ImageRoot: string
      Items: DatasetItem[]
      Categories: (int * string)[] }

/// One image of a COCO annotation file with its boxes (class = category_id, id = annotation id).
type CocoImage =
    { FileName: string
      Width: int
      Height: int
      Boxes: Box[] }

/// Coordinates from annotation files, checked and tolerantly clipped.
[<RequireQualifiedAccess>]
module Tolerance =

    /// <summary>How far outside the image (as a fraction of its width or height) a coordinate may lie and still be
    /// taken as float noise and clipped: 1e-3.</summary>
    [<Literal>]
    let Relative = 1e-3

    /// <summary>A box from an annotation file: a coordinate less than <c>Relative</c> of the image side outside the
    /// image is clipped onto its edge, and corners swapped by less than that are made equal; anything else that is not a
    /// box inside the image (NaN, infinite, xMin &gt; xMax, further outside) is an InvalidDataException naming
    /// <paramref name="source"/> and the annotation <paramref name="index"/>.</summary>
    [<CompiledName("Box")>]
    let box (source: string) (index: int) (width: int) (height: int) (x0: float) (y0: float) (x1: float) (y1: float) (cls: int) (id: int) =
        let W, H = float width, float height
        let fail why : 'a =
            raise (InvalidDataException(sprintf "%s: annotation %d: box [%s, %s, %s, %s] (x_min, y_min, x_max, y_max in pixels) %s; expected a box inside the %dx%d image"
                                            source index (x0.ToString("R", CultureInfo.InvariantCulture)) (y0.ToString("R", CultureInfo.InvariantCulture))
                                            (x1.ToString("R", CultureInfo.InvariantCulture)) (y1.ToString("R", CultureInfo.InvariantCulture)) why width height))
        if not (Double.IsFinite x0 && Double.IsFinite y0 && Double.IsFinite x1 && Double.IsFinite y1) then fail "is not finite"
        let tx, ty = Relative * W, Relative * H
        let clip (v: float) (side: float) (t: float) what =
            if v < -t || v > side + t then fail (sprintf "has %s outside the image" what)
            Math.Clamp(v, 0.0, side)
        let a, c = clip x0 W tx "x_min", clip x1 W tx "x_max"
        let b, d = clip y0 H ty "y_min", clip y1 H ty "y_max"
        if a > c + tx then fail "has x_min > x_max"
        if b > d + ty then fail "has y_min > y_max"
        let a, c = (if a > c then c, c else a, c)
        let b, d = (if b > d then d, d else b, d)
        Box.create a b c d cls id

/// <summary>COCO run-length encodings, with pycocotools' algorithms (<c>maskApi.c</c>): column-major runs starting
/// with zeros, the compressed string form, and polygon rasterisation.</summary>
[<RequireQualifiedAccess>]
module Rle =

    /// <summary>The runs of a 1-channel byte mask where <paramref name="isOn"/> holds, column-major (pycocotools' order).</summary>
    [<CompiledName("Encode")>]
    let encode (isOn: byte -> bool) (mask: Image) : Segmentation =
        if mask.Channels <> 1 || mask.ElementType <> ElementType.Byte then
            Throw.Argument("mask", sprintf "%dx%dx%d" mask.Width mask.Height mask.Channels, "a 1-channel byte image")
        let w, h = mask.Width, mask.Height
        let px = mask.Bytes.ToArray()
        let counts = Collections.Generic.List<int>()
        let mutable current = false
        let mutable run = 0
        for x in 0 .. w - 1 do
            for y in 0 .. h - 1 do
                let on = isOn px.[y * w + x]
                if on <> current then
                    counts.Add run
                    run <- 0
                    current <- on
                run <- run + 1
        counts.Add run
        Segmentation.Rle(h, w, counts.ToArray())

    /// <summary>The mask of a run-length encoding: 1 where the runs are on, 0 elsewhere (height x width, 1 channel).</summary>
    /// <exception cref="System.ArgumentException">The counts are negative or do not add up to height x width.</exception>
    [<CompiledName("Decode")>]
    let decode (height: int) (width: int) (counts: int[]) : Image =
        if height < 1 || width < 1 then Throw.Argument("height", sprintf "%dx%d" width height, "a positive size")
        let n = height * width
        let px = Array.zeroCreate<byte> n
        let mutable p = 0
        counts |> Array.iteri (fun i c ->
            if c < 0 then Throw.Argument(sprintf "counts[%d]" i, c, "a non-negative run length")
            if p + c > n then Throw.Argument("counts", p + c, sprintf "runs adding up to height x width = %d" n)
            if i % 2 = 1 then
                for k in p .. p + c - 1 do
                    let x, y = k / height, k % height
                    px.[y * width + x] <- 1uy
            p <- p + c)
        if p <> n then Throw.Argument("counts", p, sprintf "runs adding up to height x width = %d" n)
        Image.FromBytes(width, height, 1, ReadOnlySpan px)

    /// <summary>pycocotools' compressed string of run lengths (<c>rleToString</c>): each count, less the count two
    /// before it from the fourth on, in 5-bit groups with a continuation bit, offset by 48.</summary>
    [<CompiledName("ToCompressed")>]
    let toCompressed (counts: int[]) : string =
        let sb = StringBuilder()
        for i in 0 .. counts.Length - 1 do
            let mutable x = int64 counts.[i]
            if i > 2 then x <- x - int64 counts.[i - 2]
            let mutable more = true
            while more do
                let mutable c = int (x &&& 0x1fL)
                x <- x >>> 5
                more <- if c &&& 0x10 <> 0 then x <> -1L else x <> 0L
                if more then c <- c ||| 0x20
                sb.Append(char (c + 48)) |> ignore
        sb.ToString()

    /// <summary>Reads pycocotools' compressed string (<c>rleFrString</c>).</summary>
    /// <exception cref="System.ArgumentException">A character is outside '0' to 'o', or a run is negative.</exception>
    [<CompiledName("OfCompressed")>]
    let ofCompressed (s: string) : int[] =
        let counts = Collections.Generic.List<int>()
        let mutable p = 0
        while p < s.Length do
            let mutable x = 0L
            let mutable k = 0
            let mutable more = true
            while more do
                if p >= s.Length then Throw.Argument("counts", s, "a complete compressed RLE string")
                let c = int s.[p] - 48
                if c < 0 || c > 63 || k > 12 then Throw.Argument("counts", s, "characters '0' to 'o' (pycocotools' compressed RLE)")
                x <- x ||| (int64 (c &&& 0x1f) <<< (5 * k))
                more <- c &&& 0x20 <> 0
                p <- p + 1
                k <- k + 1
                if not more && (c &&& 0x10 <> 0) then x <- x ||| (-1L <<< (5 * k))
            if counts.Count > 2 then x <- x + int64 counts.[counts.Count - 2]
            if x < 0L || x > int64 Int32.MaxValue then Throw.Argument("counts", s, "non-negative run lengths")
            counts.Add(int x)
        counts.ToArray()

    /// <summary>One polygon rasterised as pycocotools' <c>rleFrPoly</c>: the outline is walked on a 5x finer grid,
    /// each pixel column toggles between outside and inside where the outline crosses it (an even-odd rule on the
    /// column's pixel centres), giving column-major runs.</summary>
    [<CompiledName("OfPolygon")>]
    let ofPolygon (height: int) (width: int) (xy: float[]) : int[] =
        if xy.Length < 6 || xy.Length % 2 <> 0 then Throw.Argument("xy", xy.Length, "an even count of at least 6 coordinates (three points)")
        if height < 1 || width < 1 then Throw.Argument("height", sprintf "%dx%d" width height, "a positive size")
        let k = xy.Length / 2
        let scale = 5.0
        let x = Array.init (k + 1) (fun j -> int (scale * xy.[(j % k) * 2] + 0.5))
        let y = Array.init (k + 1) (fun j -> int (scale * xy.[(j % k) * 2 + 1] + 0.5))
        let u = Collections.Generic.List<int>()
        let v = Collections.Generic.List<int>()
        for j in 0 .. k - 1 do
            let mutable xs, xe, ys, ye = x.[j], x.[j + 1], y.[j], y.[j + 1]
            let dx, dy = abs (xe - xs), abs (ys - ye)
            let flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye)
            if flip then
                let t = xs in xs <- xe; xe <- t
                let t = ys in ys <- ye; ye <- t
            let s = if dx >= dy then float (ye - ys) / float dx else float (xe - xs) / float dy
            if dx >= dy then
                for d in 0 .. dx do
                    let t = if flip then dx - d else d
                    u.Add(t + xs)
                    v.Add(int (float ys + s * float t + 0.5))
            else
                for d in 0 .. dy do
                    let t = if flip then dy - d else d
                    v.Add(t + ys)
                    u.Add(int (float xs + s * float t + 0.5))
        // Points where the outline crosses a pixel column's centre line, back on the pixel grid.
        let a = Collections.Generic.List<int64>()
        for j in 1 .. u.Count - 1 do
            if u.[j] <> u.[j - 1] then
                let xd = (float (if u.[j] < u.[j - 1] then u.[j] else u.[j] - 1) + 0.5) / scale - 0.5
                if not (Math.Floor xd <> xd || xd < 0.0 || xd > float (width - 1)) then
                    let yd = (float (if v.[j] < v.[j - 1] then v.[j] else v.[j - 1]) + 0.5) / scale - 0.5
                    let yd = Math.Ceiling(if yd < 0.0 then 0.0 elif yd > float height then float height else yd)
                    a.Add(int64 xd * int64 height + int64 yd)
        a.Add(int64 height * int64 width)
        let a = a.ToArray() |> Array.sort
        let mutable p = 0L
        for j in 0 .. a.Length - 1 do
            let t = a.[j]
            a.[j] <- a.[j] - p
            p <- t
        // Runs of zero length merge their neighbours, as maskApi.c does.
        let b = Collections.Generic.List<int64>()
        let mutable j = 0
        b.Add a.[j]
        j <- j + 1
        let mutable stop = false
        while not stop && j < a.Length do
            if a.[j] > 0L then
                b.Add a.[j]
                j <- j + 1
            else
                j <- j + 1
                if j < a.Length then
                    b.Add a.[j]
                    j <- j + 1
                else stop <- true
        b.ToArray() |> Array.map int

    /// <summary>The union of runs: pixels on in any of the encodings (pycocotools' <c>rleMerge</c> without intersect).</summary>
    let private union (height: int) (width: int) (rles: int[] list) =
        let px = Array.zeroCreate<byte> (height * width)
        for counts in rles do
            let mutable p = 0
            counts |> Array.iteri (fun i c ->
                if i % 2 = 1 then for q in p .. p + c - 1 do px.[q] <- 1uy
                p <- p + c)
        // px is column-major here; count its runs directly.
        let counts = Collections.Generic.List<int>()
        let mutable current = 0uy
        let mutable run = 0
        for q in 0 .. px.Length - 1 do
            if px.[q] <> current then
                counts.Add run
                run <- 0
                current <- px.[q]
            run <- run + 1
        counts.Add run
        counts.ToArray()

    /// <summary>The mask of a segmentation at the given size (polygons rasterised as <c>ofPolygon</c> and merged).</summary>
    [<CompiledName("ToMask")>]
    let toMask (height: int) (width: int) (seg: Segmentation) : Image =
        match seg with
        | Segmentation.Rle (h, w, counts) -> decode h w counts
        | Segmentation.Polygons polys -> decode height width (union height width [ for p in polys -> ofPolygon height width p ])

    /// <summary>The number of pixels a run-length encoding covers.</summary>
    [<CompiledName("Area")>]
    let area (counts: int[]) = counts |> Array.indexed |> Array.sumBy (fun (i, c) -> if i % 2 = 1 then int64 c else 0L)

/// Reading and writing COCO annotation files: boxes, segmentations (polygons and RLE) and keypoints.
[<RequireQualifiedAccess>]
module Coco =

    let private options = JsonSerializerOptions(WriteIndented = true)

    let private fail (source: string) (why: string) : 'a = raise (InvalidDataException(sprintf "%s: not COCO annotations (%s)" source why))

    let private number (source: string) (where: string) (n: JsonNode) =
        match n with
        | :? JsonValue as v when (let mutable d = 0.0 in v.TryGetValue<float>(&d)) -> v.GetValue<float>()
        | _ -> fail source (sprintf "%s is %s, not a number" where (if isNull n then "missing" else n.ToJsonString()))

    let private integer source where n =
        let d = number source where n
        if d <> Math.Floor d || abs d > 2e9 then fail source (sprintf "%s is %g, not an integer" where d)
        int d

    let private text source where (n: JsonNode) =
        match n with
        | :? JsonValue as v when (let mutable s = "" in v.TryGetValue<string>(&s)) -> v.GetValue<string>()
        | _ -> fail source (sprintf "%s is %s, not a string" where (if isNull n then "missing" else n.ToJsonString()))

    let private array source where (n: JsonNode) =
        match n with
        | :? JsonArray as a -> List.ofSeq a
        | _ -> fail source (sprintf "%s is %s, not an array" where (if isNull n then "missing" else n.ToJsonString()))

    let private root source (json: string) =
        let node =
            try JsonNode.Parse json with :? JsonException as e -> fail source e.Message
        match node with
        | :? JsonObject as o -> o
        | _ -> fail source "the root is not an object"

    /// <summary>Parses COCO JSON text into a dataset (images relative to <paramref name="imageRoot"/>): boxes clipped
    /// tolerantly (see <c>Tolerance.box</c>), segmentations (polygons, uncompressed or compressed RLE), keypoints and
    /// iscrowd. Annotations keep the file's order; a box's class is its category_id and its id the annotation's index
    /// in its image.</summary>
    /// <exception cref="System.IO.InvalidDataException">Not COCO JSON, or an invalid annotation; the message names
    /// <paramref name="source"/> and the annotation's index in the file.</exception>
    [<CompiledName("ParseDataset")>]
    let parseDataset (source: string) (imageRoot: string) (json: string) : Dataset =
        let o = root source json
        let images = array source "images" o["images"]
        let anns = array source "annotations" o["annotations"]
        let cats =
            match o["categories"] with
            | null -> []
            | n -> array source "categories" n |> List.mapi (fun i c ->
                    integer source (sprintf "categories[%d].id" i) c["id"], text source (sprintf "categories[%d].name" i) c["name"])
        let byImage = Collections.Generic.Dictionary<int, Collections.Generic.List<int * JsonNode>>()
        anns |> List.iteri (fun i a ->
            let id = integer source (sprintf "annotations[%d].image_id" i) a["image_id"]
            match byImage.TryGetValue id with
            | true, l -> l.Add((i, a))
            | _ -> byImage.[id] <- Collections.Generic.List [ (i, a) ])
        let items =
            images |> List.mapi (fun j im ->
                let id = integer source (sprintf "images[%d].id" j) im["id"]
                let file = text source (sprintf "images[%d].file_name" j) im["file_name"]
                let w = integer source (sprintf "images[%d].width" j) im["width"]
                let h = integer source (sprintf "images[%d].height" j) im["height"]
                if w < 1 || h < 1 then fail source (sprintf "images[%d] is %dx%d; expected a positive size" j w h)
                let objects =
                    match byImage.TryGetValue id with
                    | true, l ->
                        l |> Seq.mapi (fun k (i, a) ->
                            let where = sprintf "annotations[%d]" i
                            let bb = array source (where + ".bbox") a["bbox"] |> List.mapi (fun q v -> number source (sprintf "%s.bbox[%d]" where q) v)
                            if bb.Length <> 4 then fail source (sprintf "%s.bbox has %d numbers; expected 4" where bb.Length)
                            let cls = integer source (where + ".category_id") a["category_id"]
                            let b = Tolerance.box source i w h bb.[0] bb.[1] (bb.[0] + bb.[2]) (bb.[1] + bb.[3]) cls k
                            let crowd = match a["iscrowd"] with null -> false | n -> integer source (where + ".iscrowd") n <> 0
                            let seg =
                                match a["segmentation"] with
                                | null -> None
                                | :? JsonArray as polys ->
                                    let ps =
                                        polys |> Seq.mapi (fun q p ->
                                            let xs = array source (sprintf "%s.segmentation[%d]" where q) p |> List.mapi (fun r v -> number source (sprintf "%s.segmentation[%d][%d]" where q r) v) |> Array.ofList
                                            if xs.Length < 6 || xs.Length % 2 <> 0 then
                                                fail source (sprintf "%s.segmentation[%d] has %d numbers; expected an even count of at least 6 (three points)" where q xs.Length)
                                            if xs |> Array.exists (fun v -> not (Double.IsFinite v)) then fail source (sprintf "%s.segmentation[%d] is not finite" where q)
                                            xs) |> Array.ofSeq
                                    if ps.Length = 0 then None else Some(Segmentation.Polygons ps)
                                | :? JsonObject as r ->
                                    let size = array source (where + ".segmentation.size") r["size"] |> List.mapi (fun q v -> integer source (sprintf "%s.segmentation.size[%d]" where q) v)
                                    if size <> [ h; w ] then fail source (sprintf "%s.segmentation.size is %A; expected [height, width] = [%d, %d]" where size h w)
                                    let counts =
                                        match r["counts"] with
                                        | :? JsonArray as c -> c |> Seq.mapi (fun q v -> integer source (sprintf "%s.segmentation.counts[%d]" where q) v) |> Array.ofSeq
                                        | n ->
                                            let s = text source (where + ".segmentation.counts") n
                                            try Rle.ofCompressed s with :? ArgumentException as e -> fail source (sprintf "%s.segmentation.counts: %s" where e.Message)
                                    let total = counts |> Array.sumBy int64
                                    if counts |> Array.exists (fun c -> c < 0) || total <> int64 h * int64 w then
                                        fail source (sprintf "%s.segmentation.counts add up to %d; expected height x width = %d" where total (h * w))
                                    Some(Segmentation.Rle(h, w, counts))
                                | n -> fail source (sprintf "%s.segmentation is %s; expected polygons or an RLE object" where (n.ToJsonString()))
                            let kps =
                                match a["keypoints"] with
                                | null -> [||]
                                | n ->
                                    let v = array source (where + ".keypoints") n |> List.mapi (fun q x -> number source (sprintf "%s.keypoints[%d]" where q) x) |> Array.ofList
                                    if v.Length % 3 <> 0 then fail source (sprintf "%s.keypoints has %d numbers; expected x, y, v triples" where v.Length)
                                    Array.init (v.Length / 3) (fun q ->
                                        let vis = v.[3 * q + 2]
                                        if vis <> 0.0 && vis <> 1.0 && vis <> 2.0 || not (Double.IsFinite v.[3 * q] && Double.IsFinite v.[3 * q + 1]) then
                                            fail source (sprintf "%s.keypoints[%d] is (%g, %g, %g); expected finite x, y and v in {0, 1, 2}" where q v.[3 * q] v.[3 * q + 1] vis)
                                        v.[3 * q], v.[3 * q + 1], int vis)
                            { Box = b; Segmentation = seg; Keypoints = kps; Crowd = crowd }) |> Array.ofSeq
                    | _ -> [||]
                { File = file; Width = w; Height = h; Objects = objects })
        { Format = AnnotationFormat.Coco; ImageRoot = imageRoot; Items = Array.ofList items; Categories = Array.ofList cats }

    /// <summary>Reads a COCO annotation file; images are relative to the file's folder.</summary>
    /// <exception cref="System.IO.InvalidDataException">As <c>parseDataset</c>, naming <paramref name="path"/>.</exception>
    [<CompiledName("ReadDataset")>]
    let readDataset (path: string) =
        parseDataset path (Path.GetDirectoryName(Path.GetFullPath path)) (File.ReadAllText path)

    /// <summary>Parses COCO JSON text: every image with its boxes, and the category names by id (box ids are the
    /// annotation ids).</summary>
    /// <exception cref="System.IO.InvalidDataException">The text is not COCO detection JSON; <paramref name="source"/> names it in the message.</exception>
    [<CompiledName("Parse")>]
    let parse (source: string) (text': string) =
        let o = root source text'
        let d = parseDataset source "" text'
        let annIds =
            array source "annotations" o["annotations"]
            |> List.mapi (fun i a -> integer source (sprintf "annotations[%d].id" i) a["id"], integer source (sprintf "annotations[%d].image_id" i) a["image_id"])
        let imageIds = array source "images" o["images"] |> List.map (fun im -> im["id"].GetValue<int>())
        let images =
            List.zip imageIds (List.ofArray d.Items) |> List.map (fun (imId, it) ->
                let ids = annIds |> List.filter (fun (_, i) -> i = imId) |> List.map fst |> Array.ofList
                { FileName = it.File; Width = it.Width; Height = it.Height
                  Boxes = it.Objects |> Array.mapi (fun k ob -> { ob.Box with Id = ids.[k] }) })
        images, Map.ofArray d.Categories

    /// Reads a COCO annotation file.
    [<CompiledName("Read")>]
    let read (path: string) = parse path (File.ReadAllText path)

    let private num (v: float) = JsonValue.Create v :> JsonNode

    /// <summary>One annotation as COCO JSON (without <c>id</c> and <c>image_id</c>): bbox, area, category_id,
    /// iscrowd, segmentation (polygons as given; an RLE with pycocotools' compressed counts string), keypoints and
    /// num_keypoints.</summary>
    [<CompiledName("AnnotationToNode")>]
    let annotationToNode (a: ObjectAnnotation) : JsonObject =
        let o = JsonObject()
        o["category_id"] <- JsonValue.Create a.Box.Class
        let bb = JsonArray()
        for v in Box.toCoco a.Box do bb.Add(num v)
        o["bbox"] <- bb
        o["area"] <-
            match a.Segmentation with
            | Some (Segmentation.Rle (_, _, c)) -> num (float (Rle.area c))
            | _ -> num (a.Box.Width * a.Box.Height)
        o["iscrowd"] <- JsonValue.Create(if a.Crowd then 1 else 0)
        match a.Segmentation with
        | Some (Segmentation.Polygons ps) ->
            let arr = JsonArray()
            for p in ps do
                let q = JsonArray()
                for v in p do q.Add(num v)
                arr.Add q
            o["segmentation"] <- arr
        | Some (Segmentation.Rle (h, w, c)) ->
            let r = JsonObject()
            let size = JsonArray()
            size.Add(JsonValue.Create h)
            size.Add(JsonValue.Create w)
            r["size"] <- size
            r["counts"] <- JsonValue.Create(Rle.toCompressed c)
            o["segmentation"] <- r
        | None -> ()
        if a.Keypoints.Length > 0 then
            let k = JsonArray()
            for (x, y, v) in a.Keypoints do
                k.Add(num x)
                k.Add(num y)
                k.Add(JsonValue.Create v)
            o["keypoints"] <- k
            o["num_keypoints"] <- JsonValue.Create(a.Keypoints |> Array.filter (fun (_, _, v) -> v > 0) |> Array.length)
        o

    /// <summary>A dataset as COCO JSON text: image ids 1, 2, ... in item order, annotation ids 1, 2, ... in item and
    /// object order (so the text is a function of the dataset alone), and the categories.</summary>
    [<CompiledName("Format")>]
    let format (d: Dataset) =
        let images = JsonArray()
        let anns = JsonArray()
        let mutable annId = 0
        d.Items |> Array.iteri (fun i it ->
            let im = JsonObject()
            im["id"] <- JsonValue.Create(i + 1)
            im["file_name"] <- JsonValue.Create it.File
            im["width"] <- JsonValue.Create it.Width
            im["height"] <- JsonValue.Create it.Height
            images.Add im
            for ob in it.Objects do
                annId <- annId + 1
                let a = annotationToNode ob
                let o = JsonObject()
                o["id"] <- JsonValue.Create annId
                o["image_id"] <- JsonValue.Create(i + 1)
                for KeyValue (k, v) in List.ofSeq a do
                    a.Remove k |> ignore
                    o[k] <- v
                anns.Add o)
        let cats = JsonArray()
        for (id, name) in d.Categories do
            let c = JsonObject()
            c["id"] <- JsonValue.Create id
            c["name"] <- JsonValue.Create name
            cats.Add c
        let r = JsonObject()
        r["images"] <- images
        r["annotations"] <- anns
        r["categories"] <- cats
        r.ToJsonString options + "\n"

    /// <summary>Writes <c>format d</c> atomically.</summary>
    [<CompiledName("Write")>]
    let write (path: string) (d: Dataset) = ImageIO.writeAtomic path (UTF8Encoding(false).GetBytes(format d))

/// Reading image sizes from file headers.
[<RequireQualifiedAccess>]
module internal ImageHeader =
    let size (path: string) =
        use codec = SkiaSharp.SKCodec.Create(path)
        if isNull codec then raise (InvalidDataException(sprintf "%s: not a PNG or JPEG image" path))
        let o = codec.EncodedOrigin
        let w, h = codec.Info.Width, codec.Info.Height
        // EXIF orientations 5 to 8 swap width and height in the displayed frame, as ImageIO.read returns it.
        if int o >= 5 then h, w else w, h

/// The image files a folder holds, in ordinal order of their relative paths.
[<RequireQualifiedAccess>]
module internal ImageFiles =
    let isImage (p: string) =
        match Path.GetExtension(p).ToLowerInvariant() with
        | ".png" | ".jpg" | ".jpeg" -> true
        | _ -> false
    let under (dir: string) =
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
        |> Seq.filter isImage
        |> Seq.map (fun p -> Path.GetRelativePath(dir, p).Replace('\\', '/'))
        |> Seq.filter (fun p -> not (p.Split('/') |> Array.exists (fun s -> s.StartsWith ".")))
        |> Seq.sortWith (fun a b -> String.CompareOrdinal(a, b))
        |> Array.ofSeq

/// <summary>YOLO detection labels: a text file per image, one line <c>class cx cy w h</c> per box (normalised by the
/// image's width and height), and the class names in <c>classes.txt</c> (one per line) or <c>data.yaml</c>'s
/// <c>names</c>.</summary>
[<RequireQualifiedAccess>]
module Yolo =

    /// <summary>Parses a label file's text for a width x height image: coordinates a hair outside [0, 1] are clipped
    /// (<c>Tolerance.box</c>); box ids are the line's index among the boxes.</summary>
    /// <exception cref="System.IO.InvalidDataException">A line is not <c>class cx cy w h</c> or its box is invalid;
    /// the message names <paramref name="source"/> and the line.</exception>
    [<CompiledName("Parse")>]
    let parse (source: string) (width: int) (height: int) (text: string) : Box[] =
        let boxes = Collections.Generic.List<Box>()
        text.Split('\n') |> Array.iteri (fun i raw ->
            let line = raw.Trim()
            if line.Length > 0 then
                let f = line.Split((null: char[]), StringSplitOptions.RemoveEmptyEntries)
                let bad why : 'a = raise (InvalidDataException(sprintf "%s: line %d: %s in \"%s\"; expected \"class cx cy w h\"" source (i + 1) why line))
                if f.Length <> 5 then bad (sprintf "%d fields" f.Length)
                let cls =
                    match Int32.TryParse(f.[0], NumberStyles.None, CultureInfo.InvariantCulture) with
                    | true, c -> c
                    | _ -> bad (sprintf "class \"%s\" is not a non-negative integer" f.[0])
                let v = f.[1..] |> Array.map (fun s ->
                    match Double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture) with
                    | true, d -> d
                    | _ -> bad (sprintf "\"%s\" is not a number" s))
                let W, H = float width, float height
                let cx, cy, w, h = v.[0], v.[1], v.[2], v.[3]
                boxes.Add(Tolerance.box (sprintf "%s (line %d)" source (i + 1)) boxes.Count width height
                                        ((cx - w / 2.0) * W) ((cy - h / 2.0) * H) ((cx + w / 2.0) * W) ((cy + h / 2.0) * H) cls boxes.Count))
        boxes.ToArray()

    /// <summary>A label file's text: one line per box, numbers in the shortest form that reads back exactly, each
    /// clamped to [0, 1] so that float noise never writes a value outside it.</summary>
    /// <exception cref="System.ArgumentException">A box has a negative class.</exception>
    [<CompiledName("Format")>]
    let format (width: int) (height: int) (boxes: Box seq) =
        let sb = StringBuilder()
        for b in boxes do
            if b.Class < 0 then Throw.Argument("boxes", b.Class, "a non-negative YOLO class")
            sb.Append(b.Class.ToString CultureInfo.InvariantCulture) |> ignore
            for v in Box.toYolo width height b do
                sb.Append(' ').Append((Math.Clamp(v, 0.0, 1.0)).ToString("R", CultureInfo.InvariantCulture)) |> ignore
            sb.Append('\n') |> ignore
        sb.ToString()

    /// <summary>The class names of a YOLO dataset folder: <c>classes.txt</c> (a name per line) or the <c>names</c> of
    /// <c>data.yaml</c> (a flow list <c>[a, b]</c> or a block of <c>- a</c> or <c>0: a</c> lines); empty if neither.</summary>
    [<CompiledName("ReadClasses")>]
    let readClasses (dir: string) : string[] =
        let txt = Path.Combine(dir, "classes.txt")
        let yaml = [ "data.yaml"; "dataset.yaml" ] |> List.map (fun f -> Path.Combine(dir, f)) |> List.tryFind File.Exists
        if File.Exists txt then
            File.ReadAllLines txt |> Array.map (fun l -> l.Trim()) |> Array.filter (fun l -> l <> "")
        else
            match yaml with
            | None -> [||]
            | Some y ->
                let lines = File.ReadAllLines y
                let unquote (s: string) = s.Trim().Trim('\'', '"')
                match lines |> Array.tryFindIndex (fun l -> l.TrimStart().StartsWith "names:") with
                | None -> [||]
                | Some i ->
                    let rest = lines.[i].Substring(lines.[i].IndexOf ':' + 1).Trim()
                    if rest.StartsWith "[" then
                        rest.Trim('[', ']').Split(',') |> Array.map unquote |> Array.filter (fun s -> s <> "")
                    else
                        lines.[i + 1 ..]
                        |> Array.takeWhile (fun l -> l.StartsWith " " || l.StartsWith "\t" || l.Trim() = "")
                        |> Array.filter (fun l -> l.Trim() <> "")
                        |> Array.map (fun l ->
                            let t = l.Trim()
                            if t.StartsWith "-" then unquote (t.Substring 1)
                            else unquote (t.Substring(t.IndexOf ':' + 1)))

    /// <summary>Reads a YOLO dataset folder: images under <c>images/</c> with labels under <c>labels/</c> (the same
    /// relative path, <c>.txt</c>), or images with their <c>.txt</c> beside them. An image without a label file has no
    /// boxes. Image sizes come from the file headers (EXIF orientation applied).</summary>
    /// <exception cref="System.IO.InvalidDataException">A label line is invalid (the message names the file and line),
    /// or an image header cannot be read.</exception>
    [<CompiledName("ReadDataset")>]
    let readDataset (dir: string) : Dataset =
        let imagesDir = if Directory.Exists(Path.Combine(dir, "images")) then Path.Combine(dir, "images") else dir
        let labelOf (rel: string) =
            let stem = Path.ChangeExtension(rel, ".txt")
            if imagesDir <> dir then Path.Combine(dir, "labels", stem) else Path.Combine(dir, stem)
        let classes = readClasses dir
        let items =
            ImageFiles.under imagesDir |> Array.map (fun rel ->
                let label = labelOf rel
                let objects =
                    if File.Exists label then
                        let w, h = ImageHeader.size (Path.Combine(imagesDir, rel))
                        parse label w h (File.ReadAllText label) |> Array.map (fun b -> { Box = b; Segmentation = None; Keypoints = [||]; Crowd = false })
                    else [||]
                let w, h = if objects.Length > 0 then ImageHeader.size (Path.Combine(imagesDir, rel)) else 0, 0
                { File = rel; Width = w; Height = h; Objects = objects })
        let maxClass = items |> Array.collect (fun it -> it.Objects |> Array.map (fun o -> o.Box.Class)) |> Array.fold max (classes.Length - 1)
        { Format = AnnotationFormat.Yolo; ImageRoot = imagesDir; Items = items
          Categories = Array.init (maxClass + 1) (fun c -> c, (if c < classes.Length then classes.[c] else string c)) }

/// <summary>Pascal VOC XML annotations (one file per image; boxes <c>[xmin, ymin, xmax, ymax]</c> in pixels, read as
/// the library's corners as albumentations does). Reading refuses DTDs and external entities.</summary>
[<RequireQualifiedAccess>]
module Voc =

    /// <summary>Parses a VOC annotation: the image file name, width, height and the objects, with class names.
    /// Boxes are clipped tolerantly (<c>Tolerance.box</c>); a box's class is the index of its name in
    /// <paramref name="classes"/>, its id its index among the objects.</summary>
    /// <exception cref="System.IO.InvalidDataException">Not well-formed XML, a DTD, not a VOC annotation, a name not
    /// in <paramref name="classes"/>, or an invalid box; the message names <paramref name="source"/> and the object.</exception>
    [<CompiledName("Parse")>]
    let parse (source: string) (classes: string[]) (xml: string) : DatasetItem =
        let settings = XmlReaderSettings(DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = (64L <<< 20))
        let doc =
            try
                use r = XmlReader.Create(new StringReader(xml), settings)
                XDocument.Load r
            with :? XmlException as e -> raise (InvalidDataException(sprintf "%s: not well-formed XML without a DTD (%s)" source e.Message, e))
        let fail why : 'a = raise (InvalidDataException(sprintf "%s: not a Pascal VOC annotation (%s)" source why))
        let root = doc.Root
        if root.Name.LocalName <> "annotation" then fail (sprintf "the root element is <%s>" root.Name.LocalName)
        let textOf (p: XElement) (name: string) where =
            match p.Element(XName.Get name) with
            | null -> fail (sprintf "%s has no <%s>" where name)
            | e -> e.Value.Trim()
        let numberOf p name where =
            match Double.TryParse(textOf p name where, NumberStyles.Float, CultureInfo.InvariantCulture) with
            | true, v -> v
            | _ -> fail (sprintf "%s <%s> is \"%s\", not a number" where name (textOf p name where))
        let size = match root.Element(XName.Get "size") with null -> fail "no <size>" | s -> s
        let w, h = numberOf size "width" "<size>", numberOf size "height" "<size>"
        if w < 1.0 || h < 1.0 || w <> Math.Floor w || h <> Math.Floor h then fail (sprintf "<size> is %gx%g; expected positive integers" w h)
        let w, h = int w, int h
        let file = match root.Element(XName.Get "filename") with null -> "" | e -> e.Value.Trim()
        let objects =
            root.Elements(XName.Get "object") |> Seq.mapi (fun i o ->
                let where = sprintf "object %d" i
                let name = textOf o "name" where
                let cls = Array.IndexOf(classes, name)
                if cls < 0 then fail (sprintf "%s has class \"%s\", which is not among the %d classes" where name classes.Length)
                let bb = match o.Element(XName.Get "bndbox") with null -> fail (sprintf "%s has no <bndbox>" where) | b -> b
                let x0, y0 = numberOf bb "xmin" where, numberOf bb "ymin" where
                let x1, y1 = numberOf bb "xmax" where, numberOf bb "ymax" where
                { Box = Tolerance.box source i w h x0 y0 x1 y1 cls i; Segmentation = None; Keypoints = [||]; Crowd = false })
            |> Array.ofSeq
        { File = file; Width = w; Height = h; Objects = objects }

    /// <summary>The class names a VOC annotation uses, in order of first appearance.</summary>
    let internal names (xml: string) =
        let settings = XmlReaderSettings(DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null)
        try
            use r = XmlReader.Create(new StringReader(xml), settings)
            let d = XDocument.Load r
            d.Descendants(XName.Get "object") |> Seq.choose (fun o -> match o.Element(XName.Get "name") with null -> None | n -> Some(n.Value.Trim())) |> Array.ofSeq
        with :? XmlException -> [||]

    /// <summary>The XML of an image's annotation; each object's name is its category's name in
    /// <paramref name="categories"/> (the class number when it has none).</summary>
    [<CompiledName("Format")>]
    let format (categories: (int * string)[]) (depth: int) (item: DatasetItem) =
        let name c = match categories |> Array.tryFind (fun (i, _) -> i = c) with Some (_, n) -> n | None -> string c
        let n (v: float) = v.ToString("R", CultureInfo.InvariantCulture)
        let x = XName.Get
        let root =
            XElement(x "annotation",
                XElement(x "filename", item.File),
                XElement(x "size", XElement(x "width", item.Width), XElement(x "height", item.Height), XElement(x "depth", depth)),
                item.Objects |> Array.map (fun o ->
                    XElement(x "object",
                        XElement(x "name", name o.Box.Class),
                        XElement(x "truncated", 0),
                        XElement(x "difficult", 0),
                        XElement(x "bndbox",
                            XElement(x "xmin", n o.Box.XMin), XElement(x "ymin", n o.Box.YMin),
                            XElement(x "xmax", n o.Box.XMax), XElement(x "ymax", n o.Box.YMax)))))
        XDocument(root).ToString() + "\n"

    /// <summary>Reads a VOC dataset folder: the <c>.xml</c> files under <c>Annotations/</c> (or anywhere in the folder),
    /// each naming its image, found under <c>JPEGImages/</c> or beside the file. The classes are <c>classes.txt</c>
    /// if present, else every name used, in ordinal order.</summary>
    /// <exception cref="System.IO.InvalidDataException">An annotation is invalid (the message names the file).</exception>
    [<CompiledName("ReadDataset")>]
    let readDataset (dir: string) : Dataset =
        let annDir = if Directory.Exists(Path.Combine(dir, "Annotations")) then Path.Combine(dir, "Annotations") else dir
        let imageRoot = if Directory.Exists(Path.Combine(dir, "JPEGImages")) then Path.Combine(dir, "JPEGImages") else dir
        let files =
            Directory.EnumerateFiles(annDir, "*.xml", SearchOption.AllDirectories)
            |> Seq.sortWith (fun a b -> String.CompareOrdinal(a, b)) |> Array.ofSeq
        let texts = files |> Array.map (fun f -> f, File.ReadAllText f)
        let classes =
            let txt = Path.Combine(dir, "classes.txt")
            if File.Exists txt then File.ReadAllLines txt |> Array.map (fun l -> l.Trim()) |> Array.filter (fun l -> l <> "")
            else texts |> Array.collect (snd >> names) |> Array.distinct |> Array.sortWith (fun a b -> String.CompareOrdinal(a, b))
        let items =
            texts |> Array.map (fun (f, t) ->
                let it = parse f classes t
                let file = if it.File = "" then Path.ChangeExtension(Path.GetFileName f, ".jpg") else it.File
                // The image beside the annotation when the annotation is not under Annotations/.
                let rel =
                    if imageRoot = dir && annDir = dir then Path.GetRelativePath(dir, Path.Combine(Path.GetDirectoryName f, file)).Replace('\\', '/')
                    else file
                { it with File = rel })
        { Format = AnnotationFormat.Voc; ImageRoot = imageRoot; Items = items; Categories = classes |> Array.mapi (fun i n -> i, n) }

/// Datasets in any of the formats, and their items as samples.
[<RequireQualifiedAccess>]
module Dataset =

    /// <summary>Reads a dataset: a <c>.json</c> file is COCO; a folder with <c>Annotations/</c>, or with <c>.xml</c>
    /// files and no <c>labels/</c>, is VOC; a folder with <c>labels/</c>, a <c>data.yaml</c> or <c>.txt</c> files is
    /// YOLO; any other folder is its images without annotations.</summary>
    /// <exception cref="System.ArgumentException">No such file or folder (ParamName "path").</exception>
    /// <exception cref="System.IO.InvalidDataException">An annotation file is invalid; the message names it.</exception>
    [<CompiledName("Read")>]
    let read (path: string) : Dataset =
        if File.Exists path then
            if Path.GetExtension(path).ToLowerInvariant() <> ".json" then
                Throw.Argument("path", path, "a COCO .json file or a dataset folder")
            Coco.readDataset path
        elif Directory.Exists path then
            let has (f: string) = File.Exists(Path.Combine(path, f))
            let anyFiles pattern = Directory.EnumerateFiles(path, pattern, SearchOption.TopDirectoryOnly) |> Seq.isEmpty |> not
            let labels = Directory.Exists(Path.Combine(path, "labels"))
            if Directory.Exists(Path.Combine(path, "Annotations")) || (anyFiles "*.xml" && not labels) then Voc.readDataset path
            elif labels || has "data.yaml" || has "dataset.yaml" || anyFiles "*.txt" then Yolo.readDataset path
            else
                { Format = AnnotationFormat.Images; ImageRoot = path; Categories = [||]
                  Items = ImageFiles.under path |> Array.map (fun rel -> { File = rel; Width = 0; Height = 0; Objects = [||] }) }
        else raise (ArgumentException(Throw.Message("path", path, "an existing COCO .json file or dataset folder"), "path"))

    /// <summary>An item's annotations on its image as a sample: box i is object i (Id = i), the mask (when any object
    /// has a segmentation) is an instance map (value i + 1 where object i's segmentation covers the pixel, later
    /// objects over earlier ones), and the keypoints of every object in order.</summary>
    /// <exception cref="System.ArgumentException">The image is not the item's size, or more than 255 objects have
    /// segmentations.</exception>
    [<CompiledName("ToSample")>]
    let toSample (item: DatasetItem) (image: Image) : Sample =
        let w, h = image.Width, image.Height
        if item.Objects.Length > 0 && (item.Width <> w || item.Height <> h) then
            Throw.Argument("image", sprintf "%dx%d" w h, sprintf "the size the annotations give for %s, %dx%d" item.File item.Width item.Height)
        let boxes = item.Objects |> Array.mapi (fun i o -> { o.Box with Id = i })
        let mask =
            if item.Objects |> Array.exists (fun o -> o.Segmentation.IsSome) then
                if item.Objects.Length > 255 then Throw.Argument("item", item.Objects.Length, "at most 255 objects with segmentations in one image")
                let px = Array.zeroCreate<byte> (w * h)
                item.Objects |> Array.iteri (fun i o ->
                    match o.Segmentation with
                    | Some s ->
                        let m = (Rle.toMask h w s).Bytes.ToArray()
                        for q in 0 .. px.Length - 1 do
                            if m.[q] <> 0uy then px.[q] <- byte (i + 1)
                    | None -> ())
                Some(Image.FromBytes(w, h, 1, ReadOnlySpan px))
            else None
        let kps = item.Objects |> Array.collect (fun o -> o.Keypoints |> Array.map (fun (x, y, v) -> { X = x; Y = y; Visible = v = 2 }))
        { Sample.ofImage image with Boxes = boxes; Mask = mask; Keypoints = kps }

    /// <summary>The item a sample augmented from <paramref name="item"/> describes, for an image saved as
    /// <paramref name="file"/>: the objects whose boxes survived (by Id), with their boxes, their segmentations from the
    /// instance map as RLE, and their keypoints (v kept 0 where it was 0, else 2 if visible and 1 if not).</summary>
    /// <exception cref="System.ArgumentException">The sample's keypoints are not as many as the item's.</exception>
    [<CompiledName("OfSample")>]
    let ofSample (item: DatasetItem) (file: string) (s: Sample) : DatasetItem =
        let counts = item.Objects |> Array.map (fun o -> o.Keypoints.Length)
        if s.Keypoints.Length <> Array.sum counts then
            Throw.Argument("sample", s.Keypoints.Length, sprintf "%d keypoints, as the item has" (Array.sum counts))
        let offsets = Array.scan (+) 0 counts
        let w, h = s.Image.Width, s.Image.Height
        let objects =
            s.Boxes |> Array.map (fun b ->
                let o = item.Objects.[b.Id]
                let seg =
                    match o.Segmentation, s.Mask with
                    | Some _, Some m -> Some(Rle.encode (fun v -> int v = b.Id + 1) m)
                    | _ -> None
                let kps =
                    Array.init counts.[b.Id] (fun q ->
                        let k = s.Keypoints.[offsets.[b.Id] + q]
                        let (_, _, v0) = o.Keypoints.[q]
                        if v0 = 0 then (0.0, 0.0, 0) else (k.X, k.Y, (if k.Visible then 2 else 1)))
                { o with Box = b; Segmentation = seg; Keypoints = kps })
        { File = file; Width = w; Height = h; Objects = objects }
