namespace Augment

open System
open System.Collections.Generic
open System.IO
open System.Numerics.Tensors
open System.Threading
open System.Threading.Tasks
open Augment.Native

/// One item of a dataset: an image file and its annotations, in the image's displayed frame (EXIF orientation applied).
type ImageItem =
    { /// The image file (PNG or JPEG).
      Path: string
      /// A probability vector (one-hot for a class); empty when the item has none.
      Label: float array
      /// The objects' boxes in pixels of the displayed image.
      Boxes: Box array }

/// A dataset: its items, and the class names by class index (empty when it has none).
type ImageDataset =
    { Items: ImageItem array
      Classes: string array }

/// Datasets from folders and annotation files.
[<RequireQualifiedAccess>]
module ImageDataset =

    let private isImage (p: string) =
        match Path.GetExtension(p).ToLowerInvariant() with
        | ".png" | ".jpg" | ".jpeg" -> true
        | _ -> false

    let private imagesUnder (dir: string) (option: SearchOption) =
        Directory.GetFiles(dir, "*", option) |> Array.filter isImage |> Array.sortWith (fun a b -> String.CompareOrdinal(a, b))

    [<CompiledName("OfFolder")>]
    let ofFolder (root: string) =
        if isNull root then nullArg "root"
        if not (Directory.Exists root) then
            Throw.Argument("root", root, "an existing folder of PNG or JPEG images (one subfolder per class, or the images themselves)")
        let classDirs =
            Directory.GetDirectories root
            |> Array.sortWith (fun a b -> String.CompareOrdinal(a, b))
            |> Array.filter (fun d -> (imagesUnder d SearchOption.AllDirectories).Length > 0)
        if classDirs.Length > 0 then
            let k = classDirs.Length
            let items =
                classDirs |> Array.mapi (fun c d ->
                    imagesUnder d SearchOption.AllDirectories
                    |> Array.map (fun p -> { Path = p; Label = Array.init k (fun j -> if j = c then 1.0 else 0.0); Boxes = [||] }))
                |> Array.concat
            { Items = items; Classes = classDirs |> Array.map Path.GetFileName }
        else
            let files = imagesUnder root SearchOption.TopDirectoryOnly
            if files.Length = 0 then
                Throw.Argument("root", root, "a folder holding PNG or JPEG images (.png, .jpg, .jpeg), directly or in class subfolders")
            { Items = files |> Array.map (fun p -> { Path = p; Label = [||]; Boxes = [||] }); Classes = [||] }

    [<CompiledName("OfCoco")>]
    let ofCoco (annotations: string) (imageRoot: string) =
        if isNull annotations then nullArg "annotations"
        if isNull imageRoot then nullArg "imageRoot"
        let images, categories = Coco.read annotations
        let top = if categories.IsEmpty then -1 else (categories |> Map.toSeq |> Seq.map fst |> Seq.max)
        let classes = Array.init (top + 1) (fun i -> match Map.tryFind i categories with Some n -> n | None -> "")
        { Items = images |> List.map (fun im -> { Path = Path.Combine(imageRoot, im.FileName); Label = [||]; Boxes = im.Boxes }) |> Array.ofList
          Classes = classes }

    [<CompiledName("OfAnnotations")>]
    let ofAnnotations (dataset: Dataset) =
        if isNull (box dataset) then nullArg "dataset"
        let ids = dataset.Categories |> Array.map fst
        if ids |> Array.exists (fun id -> id < 0 || id > 100000) then
            Throw.Argument("dataset.Categories", String.Join(", ", ids), "category ids from 0 to 100000 (they index the class names)")
        let top = if ids.Length = 0 then -1 else Array.max ids
        let names = Map.ofArray dataset.Categories
        { Items = dataset.Items |> Array.map (fun it ->
              { Path = Path.Combine(dataset.ImageRoot, it.File); Label = [||]; Boxes = it.Objects |> Array.map (fun o -> o.Box) })
          Classes = Array.init (top + 1) (fun i -> match Map.tryFind i names with Some n -> n | None -> "") }

    [<CompiledName("OfItems")>]
    let ofItems (items: ImageItem seq) (classes: string seq) =
        if isNull items then nullArg "items"
        if isNull classes then nullArg "classes"
        let items = Array.ofSeq items
        items |> Array.iteri (fun i it ->
            if isNull (box it) || isNull it.Path then Throw.Argument(sprintf "items[%d]" i, "null", "an item with a path")
            if isNull it.Label then Throw.Argument(sprintf "items[%d].Label" i, "null", "a label array (empty for none)")
            if isNull it.Boxes then Throw.Argument(sprintf "items[%d].Boxes" i, "null", "a box array (empty for none)"))
        { Items = items; Classes = Array.ofSeq classes }

/// What the loader does with a file it cannot read or decode.
[<RequireQualifiedAccess>]
type OnCorrupt =
    /// Leave the sample out of its batch and report it in <c>Batch.Skipped</c>.
    | Skip
    /// Stop the run: the enumeration throws the decoder's exception, which names the path.
    | Fail

/// How a loader runs.
type LoaderOptions =
    { BatchSize: int
      Workers: int
      Prefetch: int
      Shuffle: bool
      DropLast: bool
      OnCorrupt: OnCorrupt
      Decode: DecodeOptions
      Draft: bool
      Normalize: (float32 array * float32 array) option
      Run: RunOptions }

    /// Batches of 32, one worker per processor, prefetch twice the workers, shuffled, last batch kept, corrupt files fail
    /// the run, default decoding, draft decoding on, no tensor, default run options.
    static member Default =
        { BatchSize = 32
          Workers = Environment.ProcessorCount
          Prefetch = 2 * Environment.ProcessorCount
          Shuffle = true
          DropLast = false
          OnCorrupt = OnCorrupt.Fail
          Decode = DecodeOptions.Default
          Draft = true
          Normalize = None
          Run = RunOptions.Default }

/// A file the loader left out of a batch.
type SkippedItem =
    { Position: int
      Item: int
      Path: string
      Reason: string }

/// One batch of an epoch.
type Batch =
    { Epoch: int
      Index: int
      Positions: int array
      Items: int array
      Samples: Sample array
      Traces: Trace array
      Images: Tensor<float32> option
      Labels: Tensor<float32>
      Skipped: SkippedItem array }

/// Seeded, parallel loading of augmented batches.
[<RequireQualifiedAccess>]
module Loader =

    [<CompiledName("EpochSeed")>]
    let epochSeed (root: Seed) (epoch: int) =
        if epoch < 0 then Throw.Argument("epoch", epoch, "an epoch number >= 0")
        Seed.derive root (int64 epoch)

    [<CompiledName("SampleSeed")>]
    let sampleSeed (root: Seed) (epoch: int) (position: int) =
        if position < 0 then Throw.Argument("position", position, "a position in the epoch >= 0")
        Seed.derive (epochSeed root epoch) (int64 position)

    [<CompiledName("Order")>]
    let order (root: Seed) (epoch: int) (count: int) (shuffle: bool) =
        if count < 0 then Throw.Argument("count", count, "a dataset size >= 0")
        let e = epochSeed root epoch
        let a = Array.init count id
        if shuffle && count > 1 then
            // Fisher-Yates from the top (Knuth, TAOCP 3.4.2, Algorithm P): position k swaps with j uniform in [0, k],
            // j = floor(u_k (k + 1)) from the epoch seed's raw blocks, which never share a counter with its children.
            let u = Seed.uniforms e count
            for k in count - 1 .. -1 .. 1 do
                let j = min k (int (u.[k] * float (k + 1)))
                let t = a.[k]
                a.[k] <- a.[j]
                a.[j] <- t
        a

    let private check (options: LoaderOptions) =
        if isNull (box options) then nullArg "options"
        if options.BatchSize < 1 then Throw.Argument("BatchSize", options.BatchSize, "a batch size of at least 1")
        if options.Workers < 1 then Throw.Argument("Workers", options.Workers, "at least 1 worker")
        if options.Prefetch < 1 then Throw.Argument("Prefetch", options.Prefetch, "a prefetch depth of at least 1 batch")
        match options.Normalize with
        | Some (m, s) when isNull m || isNull s -> Throw.Argument("Normalize", "null", "a mean and a std array per channel")
        | _ -> ()

    [<CompiledName("BatchCount")>]
    let batchCount (options: LoaderOptions) (count: int) =
        check options
        if count < 0 then Throw.Argument("count", count, "a dataset size >= 0")
        if options.DropLast then count / options.BatchSize else (count + options.BatchSize - 1) / options.BatchSize

    // The size a pipeline's first step resizes to, when that step is a fixed Resize that shrinks the image both ways.
    let private draftTarget (a: Aug) (seed: Seed) (w: int) (h: int) =
        let first, s = match a with Aug.Sequence (x :: _) -> x, Seed.derive seed 0L | x -> x, seed
        match Aug.tryOp first with
        | Some o when o.Name = "Resize" && o.ParameterType = typeof<ResizeParams> ->
            let view =
                { Shape = { Width = w; Height = h; Channels = 3 }
                  ElementType = ElementType.Byte
                  Range = ValueRange(0.0f, 255.0f)
                  Boxes = [||]
                  Keypoints = [||]
                  HasMask = false
                  CurrentMask = (fun () -> None)
                  LabelLength = 0
                  BatchSize = 1
                  BatchIndex = 0 }
            match o.Draw(s, view) with
            | :? ResizeParams as p when p.Width < w && p.Height < h -> Some(p.Width, p.Height)
            | _ -> None
        | _ -> None

    [<CompiledName("Load")>]
    let load (options: LoaderOptions) (pipeline: Aug) (seed: Seed) (item: ImageItem) =
        check options
        if isNull (box pipeline) then nullArg "pipeline"
        if isNull (box item) || isNull item.Path then nullArg "item"
        let bytes =
            try File.ReadAllBytes item.Path
            with :? FileNotFoundException | :? DirectoryNotFoundException ->
                raise (FileNotFoundException(sprintf "%s: no such file" item.Path, item.Path))
        let image, scaleX, scaleY =
            let full () = ImageIO.decodeWith options.Decode item.Path bytes, 1.0, 1.0
            if options.Draft then
                let w, h = ImageIO.probeWith options.Decode item.Path bytes
                match draftTarget pipeline seed w h with
                | Some (tw, th) ->
                    let im = ImageIO.decodeAtLeastWith options.Decode tw th item.Path bytes
                    im, float im.Width / float w, float im.Height / float h
                | None -> full ()
            else full ()
        let boxes =
            if scaleX = 1.0 && scaleY = 1.0 then item.Boxes
            else item.Boxes |> Array.map (fun b -> { b with XMin = b.XMin * scaleX; XMax = b.XMax * scaleX; YMin = b.YMin * scaleY; YMax = b.YMax * scaleY })
        let s = { Sample.ofImage image with Label = item.Label; Boxes = boxes }
        try Sample.validate s
        with :? ArgumentException as e ->
            raise (ArgumentException(sprintf "%s: the annotations do not fit the %d x %d image: %s" item.Path image.Width image.Height e.Message, "item", e))

    let private isCorrupt (e: exn) =
        match e with
        | :? InvalidDataException | :? IOException | :? UnauthorizedAccessException -> true
        | _ -> false

    let private labelsOf (samples: Sample[]) =
        let k = if samples.Length = 0 then 0 else samples.[0].Label.Length
        let data = Array.zeroCreate<float32> (samples.Length * k)
        samples |> Array.iteri (fun i s ->
            if s.Label.Length <> k then
                Throw.Argument(sprintf "samples[%d].Label" i, s.Label.Length, sprintf "labels of one length (%d)" k)
            for j in 0 .. k - 1 do data.[i * k + j] <- float32 s.Label.[j])
        Tensor.Create<float32>(data, ReadOnlySpan<nativeint>([| nativeint samples.Length; nativeint k |]))

    let private build (options: LoaderOptions) (pipeline: Aug) (root: Seed) (epoch: int) (dataset: ImageDataset)
                      (order: int[]) (b: int) (ct: CancellationToken) =
        let lo = b * options.BatchSize
        let hi = min order.Length (lo + options.BatchSize)
        let loaded = ResizeArray()
        let skipped = ResizeArray()
        for pos in lo .. hi - 1 do
            ct.ThrowIfCancellationRequested()
            let item = dataset.Items.[order.[pos]]
            let seed = sampleSeed root epoch pos
            try loaded.Add(pos, load options pipeline seed item)
            with e when isCorrupt e && options.OnCorrupt = OnCorrupt.Skip ->
                skipped.Add { Position = pos; Item = order.[pos]; Path = item.Path; Reason = e.Message }
        let positions = loaded |> Seq.map fst |> Array.ofSeq
        let seeds = positions |> Array.map (sampleSeed root epoch)
        let results =
            if positions.Length = 0 then [||]
            else Aug.runBatchSeeded options.Run 1 pipeline seeds (loaded |> Seq.map snd |> Array.ofSeq)
        let samples = results |> Array.map fst
        { Epoch = epoch
          Index = b
          Positions = positions
          Items = positions |> Array.map (fun p -> order.[p])
          Samples = samples
          Traces = results |> Array.map snd
          Images =
            (match options.Normalize with
             | Some (m, s) when samples.Length > 0 -> Some(Tensors.collate m s samples)
             | _ -> None)
          Labels = labelsOf samples
          Skipped = skipped.ToArray() }

    [<CompiledName("Epoch")>]
    let epoch (options: LoaderOptions) (pipeline: Aug) (root: Seed) (epoch: int) (dataset: ImageDataset) : Batch seq =
        check options
        if isNull (box pipeline) then nullArg "pipeline"
        if isNull (box dataset) || isNull dataset.Items then nullArg "dataset"
        if epoch < 0 then Throw.Argument("epoch", epoch, "an epoch number >= 0")
        let n = dataset.Items.Length
        let nb = batchCount options n
        seq {
            let order = order root epoch n options.Shuffle
            use cts = new CancellationTokenSource()
            use gate = new SemaphoreSlim(options.Workers)
            let window = Queue<Task<Batch>>()
            let start b =
                let ct = cts.Token
                Task.Run<Batch>(fun () ->
                    task {
                        do! gate.WaitAsync(ct)
                        try return build options pipeline root epoch dataset order b ct
                        finally gate.Release() |> ignore
                    })
            let mutable next = 0
            try
                // At most Prefetch batches are in flight (being built, or built and waiting) beside the one the
                // caller holds: batch b + Prefetch starts when the caller takes batch b.
                while next < min nb options.Prefetch do
                    window.Enqueue(start next)
                    next <- next + 1
                while window.Count > 0 do
                    let t = window.Dequeue()
                    let batch = t.GetAwaiter().GetResult()
                    if next < nb then
                        window.Enqueue(start next)
                        next <- next + 1
                    yield batch
            finally
                cts.Cancel()
                for t in window do
                    try t.Wait() with _ -> ()
        }
