/// `augment run`: augment a dataset N times into an output folder, resumable, shardable and the same bytes for any
/// thread count or sharding.
module Augment.Cli.Run

open System
open System.Collections.Concurrent
open System.Diagnostics
open System.IO
open System.Text
open System.Threading
open System.Threading.Tasks
open Augment
open Augment.Native

/// Which share of the items a process takes: item i when i mod Count = Index.
type Shard = { Index: int; Count: int }

/// What `augment run` was asked to do.
type Options =
    { Input: string
      Pipeline: Aug
      Copies: int
      Seed: int64
      Out: string
      Format: AnnotationFormat option
      Shard: Shard
      Threads: int
      Gallery: bool
      Strict: bool }

/// What a run did.
type Summary =
    { Items: int
      Written: int
      Skipped: int
      Failed: (string * string) list
      Assembled: bool }

let private bad (name: string) (value: obj) (expected: string) : 'a =
    raise (ArgumentException(Throw.Message(name, value, expected), name))

/// <summary>Reads <c>k/n</c> (0 &lt;= k &lt; n), or <c>env:VAR/n</c> with k from the environment variable VAR (a
/// Kubernetes Indexed Job's JOB_COMPLETION_INDEX, a Slurm array's SLURM_ARRAY_TASK_ID).</summary>
let parseShard (getEnv: string -> string) (text: string) : Shard =
    let expected = "k/n with 0 <= k < n, or env:VAR/n with the index k in the environment variable VAR"
    let slash = text.LastIndexOf '/'
    if slash <= 0 then bad "shard" text expected
    let kText, nText = text.Substring(0, slash), text.Substring(slash + 1)
    let kText =
        if kText.StartsWith "env:" then
            let var = kText.Substring 4
            match getEnv var with
            | null | "" -> bad "shard" text (sprintf "the environment variable %s to hold the shard index (it is not set)" var)
            | v -> v.Trim()
        else kText
    match Int32.TryParse kText, Int32.TryParse nText with
    | (true, k), (true, n) when n >= 1 && k >= 0 && k < n -> { Index = k; Count = n }
    | _ -> bad "shard" (sprintf "%s (index %s)" text kText) expected

/// The stable name of an item's output stem: its relative path without the extension, folders joined by "__".
let stemOf (file: string) =
    let noExt = Path.ChangeExtension(file.Replace('\\', '/'), null)
    noExt.Replace("/", "__")

/// The extension an output image keeps: the input's (".jpeg" written as ".jpg").
let private extOf (file: string) =
    match Path.GetExtension(file).ToLowerInvariant() with
    | ".jpeg" -> ".jpg"
    | e -> e

let private host = Environment.MachineName

/// Writes bytes atomically: a temporary file in out/.tmp named with this host and process, then a rename.
let private writeAtomic (out: string) (path: string) (bytes: byte[]) =
    let tmpDir = Path.Combine(out, ".tmp")
    Directory.CreateDirectory tmpDir |> ignore
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath path)) |> ignore
    let tmp = Path.Combine(tmpDir, sprintf "%s.%s.%d.%s.tmp" (Path.GetFileName path) host Environment.ProcessId (Guid.NewGuid().ToString "N"))
    try
        File.WriteAllBytes(tmp, bytes)
        File.Move(tmp, path, true)
    finally
        if File.Exists tmp then File.Delete tmp

/// Removes temporary files that a killed process of this host left behind (its process is gone).
let private cleanTemp (out: string) =
    let tmpDir = Path.Combine(out, ".tmp")
    if Directory.Exists tmpDir then
        for f in Directory.GetFiles tmpDir do
            let parts = Path.GetFileName(f).Split('.')
            // name.ext.HOST.PID.GUID.tmp: the host and pid are the 4th and 3rd fields from the end.
            if parts.Length >= 5 && parts.[parts.Length - 4] = host then
                match Int32.TryParse parts.[parts.Length - 3] with
                | true, pid ->
                    // On Linux /proc/PID exists while the process runs (HasExited cannot be asked of another
                    // process's child there); elsewhere GetProcessById throws once it is gone.
                    let alive =
                        pid = Environment.ProcessId
                        || (if OperatingSystem.IsLinux() then Directory.Exists(sprintf "/proc/%d" pid)
                            else (try (use _p = Process.GetProcessById pid in true) with :? ArgumentException -> false))
                    if not alive then (try File.Delete f with _ -> ())
                | _ -> ()
        // The folder stays: another shard may be about to write into it.

let private utf8 (s: string) = UTF8Encoding(false).GetBytes s

/// The files of one output (item i, copy c): the image, and the annotation file for formats that have one per image.
type private Target =
    { Item: int
      Copy: int
      Image: string
      /// The file name the annotations give the image.
      ImageName: string
      Annotation: string option }

let private layout (out: string) (format: AnnotationFormat) (item: DatasetItem) (copy: int) =
    let stem = sprintf "%s-%d" (stemOf item.File) copy
    let name = stem + extOf item.File
    match format with
    | AnnotationFormat.Coco -> Path.Combine(out, "images", name), "images/" + name, Some(Path.Combine(out, ".parts", stem + ".json"))
    | AnnotationFormat.Yolo -> Path.Combine(out, "images", name), name, Some(Path.Combine(out, "labels", stem + ".txt"))
    | AnnotationFormat.Voc -> Path.Combine(out, "JPEGImages", name), name, Some(Path.Combine(out, "Annotations", stem + ".xml"))
    | _ -> Path.Combine(out, "images", name), name, None

let private complete (t: Target) =
    File.Exists t.Image && (match t.Annotation with Some a -> File.Exists a | None -> true)

/// The annotation bytes of one output in the output format.
let private annotationBytes (format: AnnotationFormat) (categories: (int * string)[]) (item: DatasetItem) =
    match format with
    | AnnotationFormat.Coco ->
        utf8 (Coco.format { Format = format; ImageRoot = ""; Items = [| item |]; Categories = categories })
    | AnnotationFormat.Yolo -> utf8 (Yolo.format item.Width item.Height (item.Objects |> Array.map (fun o -> o.Box)))
    | AnnotationFormat.Voc -> utf8 (Voc.format categories 3 item)
    | _ -> [||]

/// Progress on stderr: a bar rewritten in place on a terminal, a plain line every few seconds otherwise.
type private Progress(total: int, already: int) =
    let sw = Stopwatch.StartNew()
    let mutable finished = already
    let mutable written = 0
    let mutable lastPlain = -10.0
    let terminal = not Console.IsErrorRedirected
    let lockObj = obj ()
    member _.Written = written
    member this.Step(wrote: bool) =
        Interlocked.Increment(&finished) |> ignore
        if wrote then Interlocked.Increment(&written) |> ignore
        this.Show false
    member _.Show(final: bool) =
        lock lockObj (fun () ->
            let t = sw.Elapsed.TotalSeconds
            if final || terminal || t - lastPlain >= 2.0 then
                lastPlain <- t
                let rate = if t > 0.0 then float written / t else 0.0
                let left = total - finished
                let eta = if rate > 0.0 then TimeSpan.FromSeconds(float left / rate).ToString(@"hh\:mm\:ss") else "--:--:--"
                let pct = if total = 0 then 100.0 else 100.0 * float finished / float total
                let width = 30
                let filled = int (float width * pct / 100.0)
                let bar = String('#', filled) + String('.', width - filled)
                let line = sprintf "[%s] %d/%d %5.1f%% %.1f img/s ETA %s" bar finished total pct rate eta
                if terminal then
                    eprintf "\r%s" line
                    if final then eprintfn ""
                else eprintfn "%s" line)

/// <summary>The seed of copy <paramref name="copy"/> of item <paramref name="item"/>:
/// <c>Seed.derive (Seed.derive (Seed.ofInt64 root) item) copy</c>, whatever the threads or shards.</summary>
let seedOf (root: int64) (item: int) (copy: int) = Seed.derive (Seed.derive (Seed.ofInt64 root) (int64 item)) (int64 copy)

/// Assembles the dataset-level files once every output of every shard is complete: COCO's annotations.json from the
/// per-image parts, and the gallery. Returns false (and writes nothing) while some output is missing.
let private assemble (o: Options) (format: AnnotationFormat) (categories: (int * string)[]) (targets: Target[]) =
    if not (targets |> Array.forall complete) then false
    else
        match format with
        | AnnotationFormat.Coco ->
            let items =
                targets |> Array.collect (fun t ->
                    let part = Coco.parseDataset t.Annotation.Value "" (File.ReadAllText t.Annotation.Value)
                    part.Items)
            writeAtomic o.Out (Path.Combine(o.Out, "annotations.json"))
                (utf8 (Coco.format { Format = format; ImageRoot = o.Out; Items = items; Categories = categories }))
        | _ -> ()
        if o.Gallery && targets.Length > 0 then
            let shown = targets |> Array.truncate 16
            let samples =
                shown |> Array.map (fun t ->
                    let img = ImageIO.read t.Image
                    let item =
                        match format, t.Annotation with
                        | AnnotationFormat.Coco, Some a -> (Coco.parseDataset a "" (File.ReadAllText a)).Items.[0]
                        | AnnotationFormat.Yolo, Some a ->
                            { File = t.ImageName; Width = img.Width; Height = img.Height
                              Objects = Yolo.parse a img.Width img.Height (File.ReadAllText a) |> Array.map (fun b -> { Box = b; Segmentation = None; Keypoints = [||]; Crowd = false }) }
                        | AnnotationFormat.Voc, Some a -> Voc.parse a (categories |> Array.map snd) (File.ReadAllText a)
                        | _ -> { File = t.ImageName; Width = img.Width; Height = img.Height; Objects = [||] }
                    Dataset.toSample item img)
            let columns = int (ceil (sqrt (float samples.Length)))
            let sheet = Gallery.render columns 256 samples
            writeAtomic o.Out (Path.Combine(o.Out, "gallery.png")) (ImageIO.encode "png" 100 sheet)
        true

/// <summary>Runs <paramref name="o"/>: reads the dataset, augments this shard's items (each copy once; complete outputs
/// are skipped), writes images and annotations atomically, and assembles the dataset files when every shard is done.</summary>
/// <exception cref="System.ArgumentException">A bad option (named).</exception>
/// <exception cref="System.IO.InvalidDataException">With Strict, the first input that cannot be read (named).</exception>
let run (o: Options) (log: TextWriter) : Summary =
    if o.Copies < 1 then bad "copies" o.Copies "at least 1"
    if o.Threads < 1 then bad "threads" o.Threads "at least 1"
    let dataset = Dataset.read o.Input
    let format = defaultArg o.Format dataset.Format
    if dataset.Format = AnnotationFormat.Images && format <> AnnotationFormat.Images then
        bad "format" (sprintf "%A" format) (sprintf "no --format: the input %s has no annotations" o.Input)
    let categories =
        match format, dataset.Format with
        | AnnotationFormat.Yolo, AnnotationFormat.Coco ->
            // YOLO classes are 0..n-1: COCO category ids are kept as the class numbers, names where known.
            let maxId = dataset.Categories |> Array.fold (fun m (i, _) -> max m i) -1
            Array.init (maxId + 1) (fun c -> c, (dataset.Categories |> Array.tryFind (fun (i, _) -> i = c) |> Option.map snd |> Option.defaultValue (string c)))
        | _ -> dataset.Categories
    // Stems must be unique: two inputs that would write the same output are refused before anything is written.
    let dupes =
        dataset.Items |> Array.groupBy (fun it -> (stemOf it.File).ToLowerInvariant()) |> Array.filter (fun (_, g) -> g.Length > 1)
    if dupes.Length > 0 then
        bad "input" (String.Join(", ", [ for _, g in dupes -> String.Join(" and ", [ for it in g -> it.File ]) ]))
            "inputs whose names without extension differ (their outputs would share a name)"
    Directory.CreateDirectory o.Out |> ignore
    cleanTemp o.Out
    let targets =
        dataset.Items |> Array.mapi (fun i it ->
            Array.init o.Copies (fun c ->
                let image, name, ann = layout o.Out format it c
                { Item = i; Copy = c; Image = image; ImageName = name; Annotation = ann }))
        |> Array.concat
    // Dataset-level files every shard writes identically.
    match format with
    | AnnotationFormat.Yolo | AnnotationFormat.Voc ->
        let text = String.Join("", categories |> Array.map (fun (_, n) -> n + "\n"))
        let path = Path.Combine(o.Out, "classes.txt")
        if not (File.Exists path) || File.ReadAllText path <> text then writeAtomic o.Out path (utf8 text)
    | _ -> ()
    let mine = [| for i in 0 .. dataset.Items.Length - 1 do if i % o.Shard.Count = o.Shard.Index then yield i |]
    let todo = mine |> Array.filter (fun i -> not (Array.forall complete targets.[i * o.Copies .. i * o.Copies + o.Copies - 1]))
    let already = (mine.Length - todo.Length) * o.Copies
    let progress = Progress(mine.Length * o.Copies, already)
    let failed = ConcurrentBag<int * string * string>()
    let stop = new CancellationTokenSource()
    let work (i: int) =
        let it = dataset.Items.[i]
        let path = Path.Combine(dataset.ImageRoot, it.File)
        let mine = targets.[i * o.Copies .. i * o.Copies + o.Copies - 1]
        try
            let image = ImageIO.read path
            let sample = Dataset.toSample it image
            for t in mine do
                if stop.IsCancellationRequested then ()
                elif complete t then progress.Step false
                else
                    let s, _ = Aug.run o.Pipeline (seedOf o.Seed i t.Copy) sample
                    let outItem = Dataset.ofSample it t.ImageName s
                    let ext = Path.GetExtension t.Image
                    writeAtomic o.Out t.Image (ImageIO.encode ext 92 s.Image)
                    match t.Annotation with
                    | Some a -> writeAtomic o.Out a (annotationBytes format categories outItem)
                    | None -> ()
                    progress.Step true
        with
        | :? InvalidDataException | :? IOException | :? ArgumentException as e when not (e :? ArgumentNullException) ->
            failed.Add((i, path, e.Message))
            if o.Strict then stop.Cancel()
            else for _ in mine do progress.Step false
    let po = ParallelOptions(MaxDegreeOfParallelism = o.Threads)
    Parallel.ForEach(todo, po, (fun i (state: ParallelLoopState) -> if stop.IsCancellationRequested then state.Stop() else work i)) |> ignore
    progress.Show true
    let failures = failed |> Seq.sortBy (fun (i, _, _) -> i) |> Seq.map (fun (_, p, m) -> p, m) |> List.ofSeq
    for p, m in failures do
        log.WriteLine(sprintf "skipped %s: %s" p m)
    if o.Strict && not failures.IsEmpty then
        let p, m = failures.Head
        raise (InvalidDataException(sprintf "%s: %s (stopped: --strict)" p m))
    // Outputs of inputs that failed never complete; the dataset files are assembled without them.
    let failedItems = failures |> List.map fst |> Set.ofList
    let live = targets |> Array.filter (fun t -> not (failedItems.Contains(Path.Combine(dataset.ImageRoot, dataset.Items.[t.Item].File))))
    let assembled = assemble o format categories live
    cleanTemp o.Out
    { Items = mine.Length; Written = progress.Written; Skipped = already; Failed = failures; Assembled = assembled }
