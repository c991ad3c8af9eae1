/// Golden runs: fixed pipelines, one or more per op kind, run on the four bundled photos with 32 seeds each; every
/// run's trace and SHA-256 hashes of every target (image, boxes, mask, keypoints, label) are stored in
/// Properties.Tests/golden/<pipeline>.json and compared on every test run, so any change of behaviour fails a test
/// naming the first (photo, seed, field) that differs.
///
/// When a change of behaviour is intended, regenerate the files and review their diff:
///
///     dotnet fsi build.fsx golden
///
/// (which builds the tests and runs `dotnet Properties.Tests/bin/Release/net10.0/linux-x64/Properties.Tests.dll
/// --write-golden`: it writes the files and exits 0 without running tests). See golden/README.md.
module Golden

open System
open System.Globalization
open System.IO
open System.Runtime.InteropServices
open System.Security.Cryptography
open System.Text
open System.Text.Json.Nodes
open Expecto
open Augment
open Augment.Native

let private inv = CultureInfo.InvariantCulture
let private repo = Path.GetDirectoryName IO.samplesDir

/// Where the golden files live (in the source tree, not beside the test binary).
let goldenDir = Path.Combine(repo, "Properties.Tests", "golden")

/// The seeds of every pipeline: Seed.ofInt 0 .. 31.
let seeds = [ 0 .. 31 ]

/// The bundled photos, in batch order (rocket has no boxes).
let photos = [ "astronaut.png"; "chelsea.png"; "coffee.png"; "rocket.jpg" ]

// ------------------------------------------------------------------ samples

/// A class mask rendered from boxes: a pixel whose centre lies inside a box takes its class (later boxes on top).
let renderMask (width: int) (height: int) (boxes: Box[]) =
    let m = Array.zeroCreate<byte> (width * height)
    for b in boxes do
        for y in 0 .. height - 1 do
            let cy = float y + 0.5
            if cy >= b.YMin && cy < b.YMax then
                for x in 0 .. width - 1 do
                    let cx = float x + 0.5
                    if cx >= b.XMin && cx < b.XMax then m.[y * width + x] <- byte (min 255 b.Class)
    Image.FromBytes(width, height, 1, ReadOnlySpan m)

/// A bundled photo at full size with every target: a one-hot label of length 4 (its index in `photos`), its COCO
/// boxes, a mask rendered from them, and keypoints (box centres, the image centre, a point near the top-right corner).
let fullSample =
    let coco = lazy (fst (Coco.read (Path.Combine(IO.samplesDir, "annotations.json"))))
    let cache = Collections.Concurrent.ConcurrentDictionary<string, Lazy<Sample>>()
    fun (photo: string) ->
        cache.GetOrAdd(photo, fun _ -> lazy (
            let image = ImageIO.read (Path.Combine(IO.samplesDir, photo))
            let boxes = (coco.Value |> List.find (fun i -> i.FileName = photo)).Boxes
            let W, H = float image.Width, float image.Height
            let keypoints =
                Array.append
                    (boxes |> Array.map (fun b -> { X = (b.XMin + b.XMax) / 2.0; Y = (b.YMin + b.YMax) / 2.0; Visible = true }))
                    [| { X = W / 2.0; Y = H / 2.0; Visible = true }; { X = W - 3.0; Y = 2.0; Visible = true } |]
            let index = List.findIndex ((=) photo) photos
            Sample.ofImage image
            |> Sample.withLabel (Array.init 4 (fun i -> if i = index then 1.0 else 0.0))
            |> Sample.withBoxes boxes
            |> Sample.withMask (renderMask image.Width image.Height boxes)
            |> Sample.withKeypoints keypoints)).Value

/// The input of the single-sample pipelines: the full sample shrunk to a quarter of each side (area resampling),
/// so that the golden runs stay fast.
let baseSample =
    let cache = Collections.Concurrent.ConcurrentDictionary<string, Lazy<Sample>>()
    fun (photo: string) ->
        cache.GetOrAdd(photo, fun _ -> lazy (
            let s = fullSample photo
            Aug.apply (Ops.resize (s.Image.Width / 4) (s.Image.Height / 4) Interpolation.Area) (Seed.ofInt 0) s)).Value

// ------------------------------------------------------------------ pipelines

let private u lo hi = Sampler.uniform lo hi

/// A golden pipeline: single-sample pipelines run with Aug.run on each photo; batch pipelines with
/// Aug.runBatch RunOptions.Default 1 on the four full-size photos as one batch.
type Pipeline = { Name: string; Aug: Aug; Batch: bool }

let private single name aug = { Name = name; Aug = aug; Batch = false }

/// The fixed pipelines. Changing one changes its golden file: regenerate (see the top of this file).
let pipelines : Pipeline list =
    [ single "geometric-copy" (Aug.sequence [
        Ops.flipHorizontal
        Aug.maybe 0.5 Ops.flipVertical
        Ops.rot90 1
        Ops.randomRot90
        Aug.maybe 0.5 Ops.flipHorizontal
        Ops.randomCrop 64 48
        Ops.centralCrop 0.75 ])

      single "geometric-interpolating" (Aug.sequence [
        // Rotate, affine and the flip share a constant border: the planner fuses them into one resample.
        Ops.rotate (u -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0
        Ops.affine (u -15.0 15.0) (u 0.8 1.2) (u -10.0 10.0) (u -10.0 10.0) (u -0.1 0.1) (u -0.1 0.1)
                   Interpolation.Bilinear BorderMode.Constant 0.0
        Aug.maybe 0.5 Ops.flipVertical
        Ops.resize 96 72 Interpolation.Bilinear
        Ops.randomResizedCrop 64 64 0.3 1.0 0.75 (4.0 / 3.0) Interpolation.Bilinear
        Ops.resize 40 40 Interpolation.Area
        Aug.maybe 0.5 (Ops.affine (u -15.0 15.0) (u 0.9 1.1) (u -5.0 5.0) (u -5.0 5.0) (u -0.1 0.1) (u -0.1 0.1)
                                  Interpolation.Bilinear BorderMode.Reflect101 0.0)
        Aug.maybe 0.5 (Ops.rotate (u -90.0 90.0) Interpolation.Nearest BorderMode.Replicate 0.0)
        Ops.affine (u -5.0 5.0) (Sampler.constant 1.0) (Sampler.constant 0.0) (Sampler.constant 0.0) (u -0.2 0.2) (u -0.2 0.2)
                   Interpolation.Bilinear BorderMode.Constant 128.0 ])

      single "point-colour" (Aug.sequence [
        Ops.invert
        Ops.brightness (u -0.3 0.3)
        Aug.maybe 0.5 Ops.invert
        Ops.solarize (u 0.4 1.0)
        Aug.oneOf [ 1.0, Ops.posterize 3; 1.0, Ops.posterize 6; 1.0, Aug.identity ]
        Ops.gamma (u 0.5 2.0) 1.0 ])

      single "statistic-colour" (Aug.sequence [
        Ops.contrast (u 0.5 1.5)
        Ops.equalize
        Aug.maybe 0.5 (Ops.contrast (u 0.8 1.2)) ])

      single "image-kernel" (Aug.sequence [
        Aug.maybe 0.75 Ops.grayscale
        Aug.maybe 0.5 (Ops.grayscaleTo 1) ])

      single "mixed" (Aug.sequence [
        Aug.maybe 0.5 Ops.flipHorizontal
        Aug.oneOf [ 2.0, Ops.rotate (u -20.0 20.0) Interpolation.Bilinear BorderMode.Constant 0.0
                    1.0, Ops.affine (u -10.0 10.0) (u 0.9 1.1) (u -5.0 5.0) (Sampler.constant 0.0) (u -0.05 0.05) (u -0.05 0.05)
                                    Interpolation.Bilinear BorderMode.Replicate 0.0
                    1.0, Aug.identity ]
        Ops.randomResizedCrop 64 64 0.5 1.0 0.75 (4.0 / 3.0) Interpolation.Bilinear
        Aug.someOf 2 [ Ops.brightness (u -0.2 0.2)
                       Ops.contrast (u 0.7 1.3)
                       Ops.gamma (u 0.7 1.5) 1.0
                       Ops.equalize
                       Ops.solarize (u 0.5 1.0) ]
        Aug.maybe 0.2 Ops.grayscale ])

      { Name = "batch-mixup"; Batch = true
        Aug = Aug.sequence [
            Ops.resize 128 96 Interpolation.Area
            Aug.maybe 0.5 Ops.flipHorizontal
            Ops.mixUp 0.4
            Aug.maybe 0.5 (Ops.brightness (u -0.1 0.1)) ] }

      { Name = "batch-cutmix"; Batch = true
        Aug = Aug.sequence [
            Ops.resize 128 96 Interpolation.Area
            Ops.randomCrop 112 80
            Ops.cutMix 1.0
            Aug.maybe 0.5 Ops.flipVertical ] } ]

// ------------------------------------------------------------------ hashes

let private r (v: float) = v.ToString("R", inv)

let private sha (feed: IncrementalHash -> unit) =
    use h = IncrementalHash.CreateHash HashAlgorithmName.SHA256
    feed h
    Convert.ToHexStringLower(h.GetHashAndReset())

let private text (s: string) = sha (fun h -> h.AppendData(Encoding.UTF8.GetBytes s))

/// SHA-256 of an image: a header (width, height, channels, element type, value range), then its elements
/// (bytes, or float32 bits little-endian).
let hashImage (img: Image) =
    sha (fun h ->
        let header = sprintf "%dx%dx%d %O [%s, %s]\n" img.Width img.Height img.Channels img.ElementType
                         (img.Range.Min.ToString("R", inv)) (img.Range.Max.ToString("R", inv))
        h.AppendData(Encoding.UTF8.GetBytes header)
        if img.ElementType = ElementType.Byte then h.AppendData(img.Bytes)
        else h.AppendData(MemoryMarshal.AsBytes(img.Floats)))

/// SHA-256 of the boxes: one line each, "xmin ymin xmax ymax class id", coordinates round-trip ("R") formatted.
let hashBoxes (boxes: Box[]) =
    boxes |> Array.map (fun b -> sprintf "%s %s %s %s %d %d\n" (r b.XMin) (r b.YMin) (r b.XMax) (r b.YMax) b.Class b.Id)
    |> String.concat "" |> sprintf "%d boxes\n%s" boxes.Length |> text

/// SHA-256 of the keypoints: one line each, "x y visible".
let hashKeypoints (ks: Keypoint[]) =
    ks |> Array.map (fun k -> sprintf "%s %s %b\n" (r k.X) (r k.Y) k.Visible)
    |> String.concat "" |> sprintf "%d keypoints\n%s" ks.Length |> text

/// SHA-256 of the label: its entries, round-trip formatted.
let hashLabel (label: float[]) = label |> Array.map r |> String.concat " " |> sprintf "label %d: %s" label.Length |> text

/// SHA-256 of the mask (as an image), or of "no mask".
let hashMask (m: Image option) = match m with Some m -> hashImage m | None -> text "no mask"

// ------------------------------------------------------------------ runs

/// The stored fields of a run, in the order they are compared.
let fields = [ "trace"; "image"; "boxes"; "mask"; "keypoints"; "label" ]

/// One run's record: photo, seed, the trace (JSON) and the hashes.
let record (photo: string) (seed: int) (s: Sample) (t: Trace) =
    let o = JsonObject()
    o["photo"] <- JsonValue.Create photo
    o["seed"] <- JsonValue.Create seed
    o["trace"] <- Json.traceToNode t
    o["image"] <- JsonValue.Create(hashImage s.Image)
    o["boxes"] <- JsonValue.Create(hashBoxes s.Boxes)
    o["mask"] <- JsonValue.Create(hashMask s.Mask)
    o["keypoints"] <- JsonValue.Create(hashKeypoints s.Keypoints)
    o["label"] <- JsonValue.Create(hashLabel s.Label)
    o

/// Replays one golden run: a single-sample pipeline on the photo's base sample, or a batch pipeline on the four
/// full samples (the photo's output of the batch).
let replay (pipeline: string) (photo: string) (seed: int) =
    let p = pipelines |> List.find (fun p -> p.Name = pipeline)
    if p.Batch then
        let outs = Aug.runBatch RunOptions.Default 1 p.Aug (Seed.ofInt seed) (photos |> List.map fullSample |> Array.ofList)
        outs.[List.findIndex ((=) photo) photos]
    else Aug.run p.Aug (Seed.ofInt seed) (baseSample photo)

/// Every run of a pipeline, photo-major for single-sample pipelines, seed-major for batches.
let runAll (p: Pipeline) : JsonObject list =
    if p.Batch then
        let batch = photos |> List.map fullSample |> Array.ofList
        [ for seed in seeds do
            let outs = Aug.runBatch RunOptions.Default 1 p.Aug (Seed.ofInt seed) batch
            for photo, (s, t) in List.zip photos (List.ofArray outs) -> record photo seed s t ]
    else
        [ for photo in photos do
            let input = baseSample photo
            for seed in seeds do
                let s, t = Aug.run p.Aug (Seed.ofInt seed) input
                yield record photo seed s t ]

let private fileOf (p: Pipeline) = Path.Combine(goldenDir, p.Name + ".json")

/// The file text: a JSON array, one compact run per line.
let private toText (runs: JsonObject list) =
    "[\n" + String.Join(",\n", runs |> List.map (fun o -> o.ToJsonString())) + "\n]\n"

/// Writes every golden file; returns their paths.
let writeAll () =
    Directory.CreateDirectory goldenDir |> ignore
    [ for p in pipelines do
        let path = fileOf p
        ImageIO.writeAtomic path (Encoding.UTF8.GetBytes(toText (runAll p)))
        yield path ]

let private show (n: JsonNode) = if isNull n then "null" else n.ToJsonString()

/// Where two strings first differ, with a little context from each.
let private firstDifference (a: string) (b: string) =
    let n = min a.Length b.Length
    let i = (seq { 0 .. n - 1 } |> Seq.tryFind (fun i -> a.[i] <> b.[i])) |> Option.defaultValue n
    let cut (s: string) = let from = max 0 (i - 40) in s.Substring(from, min 100 (s.Length - from))
    sprintf "first difference at character %d:\n    expected ...%s...\n    actual   ...%s..." i (cut a) (cut b)

/// Compares a pipeline's runs with its golden file; None when equal, else the failure message.
let check (p: Pipeline) =
    let path = fileOf p
    let regenerate = "If the change is intended, regenerate with `dotnet fsi build.fsx golden` and review the diff."
    if not (File.Exists path) then Some(sprintf "%s is missing. %s" path regenerate)
    else
        let stored = (JsonNode.Parse(File.ReadAllText path)).AsArray() |> Seq.map (fun n -> n.AsObject()) |> List.ofSeq
        let actual = runAll p
        if stored.Length <> actual.Length then
            Some(sprintf "%s has %d runs; the pipeline gives %d. %s" path stored.Length actual.Length regenerate)
        else
            let mismatches =
                List.zip stored actual |> List.choose (fun (e, a) ->
                    let key (o: JsonObject) = show o["photo"], show o["seed"]
                    if key e <> key a then Some(a, "photo/seed", sprintf "run order differs: stored %A, computed %A" (key e) (key a))
                    else
                        fields |> List.tryPick (fun f ->
                            let x, y = show e[f], show a[f]
                            if x = y then None
                            elif f = "trace" then Some(a, f, firstDifference x y)
                            else Some(a, f, sprintf "expected %s, actual %s" x y)))
            match mismatches with
            | [] -> None
            | (a, field, detail) :: _ ->
                let photo, seed = a["photo"].GetValue<string>(), a["seed"].GetValue<int>()
                let runWith =
                    if p.Batch then sprintf "Aug.runBatch RunOptions.Default 1 <%s> (Seed.ofInt %d) [four full photos], sample %s" p.Name seed photo
                    else sprintf "Aug.run <%s> (Seed.ofInt %d) (Golden.baseSample \"%s\")" p.Name seed photo
                let fieldsHit = mismatches |> List.countBy (fun (_, f, _) -> f) |> List.map (fun (f, n) -> sprintf "%s %d" f n) |> String.concat ", "
                Some(sprintf "golden %s: first mismatch at photo %s, seed %d, field %s; %s\n  replay: Golden.replay \"%s\" \"%s\" %d, i.e. %s\n  %d of %d runs differ (first differing field per run: %s). %s"
                         p.Name photo seed field detail p.Name photo seed runWith mismatches.Length actual.Length fieldsHit regenerate)

let tests =
    testList "golden" [
        for p in pipelines ->
            test p.Name {
                match check p with
                | None -> ()
                | Some message -> failtest message
            }
    ]
