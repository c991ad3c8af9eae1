/// The command-line tool: `augment run` augments a dataset, `augment show` pictures a pipeline, `augment ops` lists the
/// catalogue, `augment demo` augments the bundled photos and `augment catalogue` writes the op reference.
module Augment.Cli.Program

open System
open System.IO
open System.Text.Json.Nodes
open Argu
open Augment

type DemoArgs =
    | Samples of dir: string
    | Out of dir: string
    | Seed of seed: int64
    | Variants of count: int

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Samples _ -> "folder with annotations.json (COCO) and the photos (default: the repository's samples/)"
            | Out _ -> "output folder (default: out/demo)"
            | Seed _ -> "root seed; variant i of photo j uses Seed.derive (Seed.derive root j) i (default: 2026)"
            | Variants _ -> "augmented variants per photo (default: 9, a 3 x 3 grid)"

type OpsArgs =
    | Json

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Json -> "print the catalogue as JSON (name, family, kind, summary, parameters, constructors, targets)"

type CatalogueArgs =
    | Docs of dir: string
    | [<CustomCommandLine("--samples")>] CatalogueSamples of dir: string

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Docs _ -> "the docs folder to write catalogue.md, catalogue/ and galleries/ into (default: docs)"
            | CatalogueSamples _ -> "folder with annotations.json and the photos (default: the repository's samples/)"

type RunArgs =
    | [<Mandatory>] Input of path: string
    | [<Mandatory>] Pipeline of file: string
    | Copies of count: int
    | [<CustomCommandLine("--seed")>] RunSeed of seed: int64
    | [<Mandatory; CustomCommandLine("--out")>] RunOut of dir: string
    | Format of format: string
    | Shard of shard: string
    | Threads of count: int
    | Gallery
    | Strict

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Input _ -> "a COCO .json file (images relative to it), a YOLO folder (images/ and labels/, classes.txt or data.yaml), a Pascal VOC folder (Annotations/ and JPEGImages/, or .xml beside the images) or a folder of images"
            | Pipeline _ -> "the pipeline as augment-pipeline JSON (Pipeline.saveFile)"
            | Copies _ -> "augmented copies of each input (default: 1)"
            | RunSeed _ -> "root seed; copy c of input i uses Seed.derive (Seed.derive (Seed.ofInt64 S) i) c (default: 0)"
            | RunOut _ -> "output folder; a rerun into it skips every output already complete"
            | Format _ -> "coco, yolo or voc: the annotation format written (default: the input's)"
            | Shard _ -> "k/n: take input i when i mod n = k (0 <= k < n); env:VAR/n reads k from VAR (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID)"
            | Threads _ -> "worker threads (default: the processor count); the output bytes do not depend on it"
            | Gallery -> "write gallery.png of the first outputs with their annotations drawn"
            | Strict -> "stop at the first input that cannot be read (default: name it and go on)"

type ShowArgs =
    | [<MainCommand; ExactlyOnce>] File of pipeline: string
    | [<CustomCommandLine("--out")>] ShowOut of png: string
    | [<CustomCommandLine("--seeds")>] ShowSeeds of count: int
    | [<CustomCommandLine("--samples")>] ShowSamples of dir: string

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | File _ -> "the pipeline JSON file"
            | ShowOut _ -> "the picture to write (default: the pipeline file's name with .png)"
            | ShowSeeds _ -> "how many seeds the picture shows (default: 8)"
            | ShowSamples _ -> "folder with annotations.json and the photos (default: the repository's samples/)"

type PoliciesArgs =
    | [<CustomCommandLine("--docs")>] PolicyDocsDir of dir: string
    | [<CustomCommandLine("--samples")>] PolicySamples of dir: string

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | PolicyDocsDir _ -> "the docs folder to write policies/*.jpg into (default: docs)"
            | PolicySamples _ -> "folder with annotations.json and the photos (default: the repository's samples/)"

type CliArgs =
    | [<CliPrefix(CliPrefix.None); SubCommand>] Run of ParseResults<RunArgs>
    | [<CliPrefix(CliPrefix.None); SubCommand>] Show of ParseResults<ShowArgs>
    | [<CliPrefix(CliPrefix.None); SubCommand>] Demo of ParseResults<DemoArgs>
    | [<CliPrefix(CliPrefix.None); SubCommand>] Ops of ParseResults<OpsArgs>
    | [<CliPrefix(CliPrefix.None); SubCommand>] Catalogue of ParseResults<CatalogueArgs>
    | [<CliPrefix(CliPrefix.None); SubCommand>] Policies of ParseResults<PoliciesArgs>

    interface IArgParserTemplate with
        member a.Usage =
            match a with
            | Run _ -> "augment a dataset: --copies N of each input into --out, in the input's annotation format (or --format), resumable and shardable"
            | Show _ -> "print what a pipeline does and write a picture of it on a bundled photo under several seeds"
            | Demo _ -> "augment the bundled photos: a gallery PNG per photo, one per op family, and the augmented annotations as JSON"
            | Ops _ -> "list the op catalogue (from the code)"
            | Catalogue _ -> "write the generated op catalogue page with a picture of every op"
            | Policies _ -> "write the pictures of docs/POLICIES.md: eight seeds of each policy, and test-time augmentation's views"

/// The demo pipeline: geometric ops that move the boxes, then one colour op. The crop is a square of 3/4 of the
/// shorter side, so that it fits whether or not the quarter turn before it ran.
let demoPipeline (width: int) (height: int) =
    Aug.sequence [
        Aug.maybe 0.5 Ops.flipHorizontal
        Aug.maybe 0.2 Ops.flipVertical
        Aug.maybe 0.4 Ops.randomRot90
        Aug.maybe 0.6 (let side = min width height * 3 / 4 in Ops.randomCrop side side)
        Aug.oneOf [
            2.0, Ops.brightness (Sampler.uniform -0.3 0.3)
            2.0, Ops.contrast (Sampler.uniform 0.4 1.8)
            1.0, Ops.grayscale
            0.5, Ops.invert
            1.0, Aug.identity ]
    ]

let rec private findSamples (dir: DirectoryInfo) =
    if isNull dir then None
    elif File.Exists(Path.Combine(dir.FullName, "samples", "annotations.json")) then Some(Path.Combine(dir.FullName, "samples"))
    else findSamples dir.Parent

/// The bundled photos at one size (so batch ops can mix them), with boxes, masks from the boxes and keypoints.
let private catalogueSamples (samples: string) =
    let images, _ = Coco.read (Path.Combine(samples, "annotations.json"))
    images
    |> List.sortBy (fun im -> if im.FileName.StartsWith "astronaut" then 0 else 1)
    |> List.map (fun im ->
        let s = Catalogue.annotated (ImageIO.read (Path.Combine(samples, im.FileName))) im.Boxes
        Aug.apply (Ops.resize 384 384 Augment.Native.Interpolation.Area) (Seed.ofInt 0) s)
    |> Array.ofList

let private samplesOr (given: string option) =
    match given with
    | Some d -> d
    | None ->
        match findSamples (DirectoryInfo Environment.CurrentDirectory) |> Option.orElse (findSamples (DirectoryInfo AppContext.BaseDirectory)) with
        | Some d -> d
        | None -> failwith "no samples/annotations.json found above the current folder; pass --samples DIR"

let runDemo (args: ParseResults<DemoArgs>) =
    let samples =
        match args.TryGetResult Samples with
        | Some d -> d
        | None ->
            match findSamples (DirectoryInfo Environment.CurrentDirectory) |> Option.orElse (findSamples (DirectoryInfo AppContext.BaseDirectory)) with
            | Some d -> d
            | None -> failwith "no samples/annotations.json found above the current folder; pass --samples DIR"
    let out = args.GetResult(Out, defaultValue = Path.Combine("out", "demo"))
    let root = Seed.ofInt64 (args.GetResult(DemoArgs.Seed, defaultValue = 2026L))
    let variants = args.GetResult(Variants, defaultValue = 9)
    if variants < 1 then raise (ArgumentException(sprintf "--variants was %d; expected at least 1." variants, "variants"))
    let images, categories = Coco.read (Path.Combine(samples, "annotations.json"))
    Directory.CreateDirectory out |> ignore
    let report = JsonArray()
    let mutable failures = 0
    images |> List.iteri (fun j im ->
        let path = Path.Combine(samples, im.FileName)
        try
            let image = ImageIO.read path
            let sample = Sample.ofImage image |> Sample.withBoxes im.Boxes
            let pipeline = demoPipeline image.Width image.Height
            let photoSeed = Seed.derive root (int64 j)
            let results =
                [ for i in 0 .. variants - 1 ->
                    let seed = Seed.derive photoSeed (int64 i)
                    let s, trace = Aug.run pipeline seed sample
                    seed, s, trace ]
            let stem = Path.GetFileNameWithoutExtension im.FileName
            let gallery = Path.Combine(out, sprintf "gallery-%s.png" stem)
            let columns = int (ceil (sqrt (float variants)))
            Gallery.write gallery columns 320 (results |> List.map (fun (_, s, _) -> s))
            if j = 0 then File.Copy(gallery, Path.Combine(out, "gallery.png"), true)
            let entry = JsonObject()
            entry["source"] <- JsonValue.Create im.FileName
            entry["gallery"] <- JsonValue.Create(Path.GetFileName gallery)
            let vs = JsonArray()
            for seed, s, trace in results do
                let v = JsonObject()
                v["seed"] <- JsonValue.Create(string seed)
                v["trace"] <- Json.traceToNode trace
                v["annotations"] <- Json.annotationsToNode s
                vs.Add v
            entry["variants"] <- vs
            report.Add entry
            printfn "%s: %d variants, %d boxes -> %s" im.FileName variants im.Boxes.Length gallery
        with :? IOException | :? InvalidDataException as e ->
            // A bad photo is reported by its path and does not stop the others.
            failures <- failures + 1
            eprintfn "skipped %s: %s" path e.Message)
    let doc = JsonObject()
    doc["rootSeed"] <- JsonValue.Create(string root)
    doc["pipeline"] <- JsonValue.Create(string (demoPipeline 100 100))
    let cats = JsonObject()
    for KeyValue (id, name) in categories do cats[string id] <- JsonValue.Create name
    doc["categories"] <- cats
    doc["images"] <- report
    for sheet in Catalogue.writeFamilySheets out (catalogueSamples samples) do
        printfn "family sheet: %s" sheet
    let json = Path.Combine(out, "annotations.json")
    ImageIO.writeAtomic json (Text.Encoding.UTF8.GetBytes(Json.toText doc))
    printfn "gallery: %s" (Path.GetFullPath(Path.Combine(out, "gallery.png")))
    printfn "annotations: %s" (Path.GetFullPath json)
    if failures > 0 then 1 else 0

let private checkShowcase () =
    let missing, extra = Catalogue.check ()
    if not missing.IsEmpty then failwithf "ops of the catalogue with no shown instance in Augment.Cli/Catalogue.fs: %s" (String.Join(", ", missing))
    if not extra.IsEmpty then failwithf "shown ops that the catalogue does not list: %s" (String.Join(", ", extra))

let runOps (args: ParseResults<OpsArgs>) =
    checkShowcase ()
    if args.Contains Json then printfn "%s" (Json.toText (Catalogue.toJson ()))
    else
        for e in Catalogue.toJson () do
            printfn "%-26s %-15s %s" (e["name"].GetValue<string>()) (e["family"].GetValue<string>()) (e["summary"].GetValue<string>())
    0

let runCatalogue (args: ParseResults<CatalogueArgs>) =
    checkShowcase ()
    let docs = args.GetResult(Docs, defaultValue = "docs")
    let samples = catalogueSamples (samplesOr (args.TryGetResult CatalogueSamples))
    Catalogue.write docs samples |> ignore
    printfn "catalogue: %s (%d ops)" (Path.GetFullPath(Path.Combine(docs, "catalogue.md"))) Ops.catalogue.Length
    0

let private loadPipeline (path: string) =
    if not (File.Exists path) then raise (ArgumentException(sprintf "--pipeline was \"%s\"; expected an existing pipeline JSON file." path, "pipeline"))
    Pipeline.loadFile path

let runRun (args: ParseResults<RunArgs>) =
    let format =
        args.TryGetResult Format |> Option.map (fun f ->
            match f.ToLowerInvariant() with
            | "coco" -> AnnotationFormat.Coco
            | "yolo" -> AnnotationFormat.Yolo
            | "voc" -> AnnotationFormat.Voc
            | _ -> raise (ArgumentException(sprintf "--format was \"%s\"; expected coco, yolo or voc." f, "format")))
    let options : Run.Options =
        { Input = args.GetResult Input
          Pipeline = loadPipeline (args.GetResult Pipeline)
          Copies = args.GetResult(Copies, defaultValue = 1)
          Seed = args.GetResult(RunSeed, defaultValue = 0L)
          Out = args.GetResult RunOut
          Format = format
          Shard = (match args.TryGetResult Shard with Some s -> Run.parseShard Environment.GetEnvironmentVariable s | None -> { Index = 0; Count = 1 })
          Threads = args.GetResult(Threads, defaultValue = Environment.ProcessorCount)
          Gallery = args.Contains Gallery
          Strict = args.Contains Strict }
    let sw = Diagnostics.Stopwatch.StartNew()
    let s = Run.run options Console.Error
    printfn "inputs: %d (shard %d/%d), copies: %d each" s.Items options.Shard.Index options.Shard.Count options.Copies
    printfn "written: %d, already complete: %d, failed inputs: %d, in %.1f s" s.Written s.Skipped s.Failed.Length sw.Elapsed.TotalSeconds
    if s.Assembled then printfn "complete: %s" (Path.GetFullPath options.Out)
    else printfn "this shard is done; the dataset files are assembled when the last shard finishes (or rerun the same command without --shard)"
    0

let runShow (args: ParseResults<ShowArgs>) =
    let file = args.GetResult File
    let pipeline = loadPipeline file
    let seeds = args.GetResult(ShowSeeds, defaultValue = 8)
    if seeds < 1 then raise (ArgumentException(sprintf "--seeds was %d; expected at least 1." seeds, "seeds"))
    printfn "pipeline %s:" file
    printfn "%s" (string pipeline)
    let samples = samplesOr (args.TryGetResult ShowSamples)
    let images, _ = Coco.read (Path.Combine(samples, "annotations.json"))
    let im = images |> List.find (fun i -> i.FileName.StartsWith "astronaut")
    let sample = Sample.ofImage (ImageIO.read (Path.Combine(samples, im.FileName))) |> Sample.withBoxes im.Boxes
    let shown =
        [ yield sample
          for i in 0 .. seeds - 1 do
            let s, trace = Aug.run pipeline (Seed.ofInt i) sample
            printfn "seed %d: %s" i ((Json.traceToString trace).Replace("\n", " ").Replace("  ", ""))
            yield s ]
    let out = args.GetResult(ShowOut, defaultValue = Path.ChangeExtension(file, ".png"))
    Gallery.write out (int (ceil (sqrt (float shown.Length)))) 256 shown
    printfn "picture (the photo, then seeds 0 to %d): %s" (seeds - 1) (Path.GetFullPath out)
    0

let runPolicies (args: ParseResults<PoliciesArgs>) =
    let docs = args.GetResult(PolicyDocsDir, defaultValue = "docs")
    let samples = catalogueSamples (samplesOr (args.TryGetResult PolicySamples))
    for path in PolicyDocs.write docs samples do printfn "%s" (Path.GetFullPath path)
    0

[<EntryPoint>]
let main argv =
    let parser = ArgumentParser.Create<CliArgs>(programName = "augment")
    try
        let results = parser.ParseCommandLine(argv, raiseOnUsage = true)
        match results.GetSubCommand() with
        | Run r -> runRun r
        | Show s -> runShow s
        | Demo d -> runDemo d
        | Ops o -> runOps o
        | Catalogue c -> runCatalogue c
        | Policies p -> runPolicies p
    with
    | :? ArguParseException as e ->
        eprintfn "%s" e.Message
        if e.ErrorCode = ErrorCode.HelpText then 0 else 2
    | :? ArgumentException as e ->
        eprintfn "error: %s" e.Message
        2
    | :? InvalidDataException as e ->
        eprintfn "error: %s" e.Message
        1
