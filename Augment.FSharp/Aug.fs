namespace Augment

open System
open System.Text.Json.Nodes
open System.Threading.Tasks
open Augment.Native

/// <summary>A pipeline: a tree of ops built with the <c>Aug</c> combinators. A value: it prints, and runs in
/// <c>Aug.run</c>. Its cases are built only through the checking combinators.</summary>
[<NoEquality; NoComparison; RequireQualifiedAccess>]
type Aug =
    internal
    | Identity
    | Op of Op
    | Sequence of Aug list
    | Maybe of p: float * Aug
    | OneOf of choices: (float * Aug) list
    | SomeOf of n: int * choices: Aug list

    override a.ToString() =
        let rec show indent (a: Aug) =
            let pad = String(' ', indent)
            match a with
            | Identity -> pad + "identity"
            | Op o -> pad + o.Name
            | Sequence steps -> pad + "sequence\n" + String.Join("\n", steps |> List.map (show (indent + 2)))
            | Maybe (p, inner) -> sprintf "%smaybe %g\n%s" pad p (show (indent + 2) inner)
            | OneOf cs -> pad + "oneOf\n" + String.Join("\n", cs |> List.map (fun (w, c) -> sprintf "%s  weight %g\n%s" pad w (show (indent + 4) c)))
            | SomeOf (n, cs) -> sprintf "%ssomeOf %d\n%s" pad n (String.Join("\n", cs |> List.map (show (indent + 2))))
        show 0 a

/// <summary>What a run drew, node by node, mirroring the pipeline: re-applying it with <c>Aug.replay</c>
/// reproduces the run without the seed. An op's parameters are its typed record (or, read from JSON, the JSON
/// object, which replay decodes and checks against the op's domain).</summary>
[<RequireQualifiedAccess; CustomEquality; NoComparison>]
type Trace =
    /// An identity node.
    | Skip
    /// An op and the parameters it drew.
    | Applied of op: string * parameters: obj
    /// The traces of a sequence's steps.
    | Steps of Trace list
    /// Whether a maybe-node ran its inner pipeline, and that pipeline's trace (Skip when it did not).
    | Coin of applied: bool * Trace
    /// The index a one-of node picked, and that choice's trace.
    | Chose of index: int * Trace
    /// The indices a some-of node picked, in run order, with their traces.
    | ChoseMany of (int * Trace) list

    override t.Equals(o: obj) =
        match o with
        | :? Trace as u ->
            match t, u with
            | Skip, Skip -> true
            | Applied (a, p), Applied (b, q) ->
                a = b && (Object.Equals(p, q) || (p :? JsonNode && q :? JsonNode && JsonNode.DeepEquals(p :?> JsonNode, q :?> JsonNode)))
            | Steps a, Steps b -> a = b
            | Coin (a, x), Coin (b, y) -> a = b && x = y
            | Chose (a, x), Chose (b, y) -> a = b && x = y
            | ChoseMany a, ChoseMany b -> a = b
            | _ -> false
        | _ -> false

    override t.GetHashCode() =
        match t with
        | Skip -> 0
        | Applied (a, _) -> hash a
        | Steps a -> hash a.Length
        | Coin (a, _) -> hash a
        | Chose (i, _) -> i
        | ChoseMany a -> hash a.Length

/// <summary>The public constructor call that built a pipeline node: the constructor's compiled name (for example
/// <c>Rotate</c> for <c>Ops.rotate</c>) and its arguments by parameter name, in parameter order. <c>Pipeline.save</c>
/// writes a node that has a source as this call, and <c>Pipeline.load</c> makes the call again.</summary>
[<NoEquality; NoComparison>]
type AugSource =
    { Constructor: string
      Arguments: (string * obj) list }

/// Building and running pipelines.
[<RequireQualifiedAccess>]
module Aug =

    /// The identity pipeline.
    [<CompiledName("Identity")>]
    let identity = Aug.Identity

    /// A pipeline of one op.
    [<CompiledName("OfOp")>]
    let op (o: Op) =
        if isNull o then nullArg "o"
        Aug.Op o

    /// <summary>The deepest nesting a pipeline may have. Deeper trees are refused when they are built, so running,
    /// tracing and serialising never exhaust the stack.</summary>
    [<Literal>]
    let MaxDepth = 256

    let rec private depth (a: Aug) =
        match a with
        | Aug.Identity | Aug.Op _ -> 1
        | Aug.Sequence xs | Aug.SomeOf (_, xs) -> 1 + (if xs.IsEmpty then 0 else xs |> List.map depth |> List.max)
        | Aug.Maybe (_, x) -> 1 + depth x
        | Aug.OneOf cs -> 1 + (cs |> List.map (snd >> depth) |> List.max)

    // Children were built by these combinators, so each is at most MaxDepth deep and the recursion is bounded.
    let private withinDepth (a: Aug) =
        let d = depth a
        if d > MaxDepth then Throw.Argument("pipeline", sprintf "a pipeline %d levels deep" d, sprintf "at most %d levels of nesting" MaxDepth)
        a

    /// Runs the steps in order.
    [<CompiledName("Sequence")>]
    let sequence (steps: Aug seq) =
        if isNull steps then nullArg "steps"
        let l = List.ofSeq steps
        l |> List.iteri (fun i s -> if isNull (box s) then Throw.Argument(sprintf "steps[%d]" i, "null", "a pipeline"))
        withinDepth (Aug.Sequence l)

    /// <c>first</c>, then <c>next</c> (flattening nested sequences).
    [<CompiledName("AndThen")>]
    let andThen (next: Aug) (first: Aug) =
        if isNull (box next) then nullArg "next"
        if isNull (box first) then nullArg "first"
        match first, next with
        | Aug.Sequence a, Aug.Sequence b -> Aug.Sequence(a @ b)
        | Aug.Sequence a, b -> Aug.Sequence(a @ [ b ])
        | a, Aug.Sequence b -> Aug.Sequence(a :: b)
        | a, b -> withinDepth (Aug.Sequence [ a; b ])

    /// <summary>Runs <paramref name="inner"/> with probability <paramref name="p"/>.</summary>
    /// <exception cref="System.ArgumentException">p is not in [0, 1].</exception>
    [<CompiledName("Maybe")>]
    let maybe (p: float) (inner: Aug) =
        if not (p >= 0.0 && p <= 1.0) then Throw.Argument("p", p, "a probability in [0, 1]")
        if isNull (box inner) then nullArg "inner"
        withinDepth (Aug.Maybe(p, inner))

    /// <summary>Runs one choice, picked with probability proportional to its weight.</summary>
    /// <exception cref="System.ArgumentException">No choices, a weight that is negative or not finite, or all weights zero.</exception>
    [<CompiledName("OneOf")>]
    let oneOf (choices: (float * Aug) seq) =
        let cs = List.ofSeq choices
        if cs.IsEmpty then Throw.Argument("choices", "an empty list", "at least one choice")
        cs |> List.iteri (fun i (w, _) ->
            if not (Double.IsFinite w) || w < 0.0 then Throw.Argument(sprintf "weights[%d]" i, w, "a finite weight >= 0"))
        if cs |> List.forall (fun (w, _) -> w = 0.0) then Throw.Argument("weights", 0.0, "at least one positive weight")
        cs |> List.iteri (fun i (_, c) -> if isNull (box c) then Throw.Argument(sprintf "choices[%d]" i, "null", "a pipeline"))
        withinDepth (Aug.OneOf cs)

    /// One choice, each equally likely.
    [<CompiledName("OneOfUniform")>]
    let oneOfUniform (choices: Aug seq) = oneOf (choices |> Seq.map (fun c -> 1.0, c))

    /// <summary>Runs <paramref name="n"/> distinct choices, drawn without replacement, in the order drawn.</summary>
    /// <exception cref="System.ArgumentException">n is negative or more than the number of choices.</exception>
    [<CompiledName("SomeOf")>]
    let someOf (n: int) (choices: Aug seq) =
        let cs = List.ofSeq choices
        if n < 0 || n > cs.Length then Throw.Argument("n", n, sprintf "a count from 0 to the number of choices (%d)" cs.Length)
        cs |> List.iteri (fun i c -> if isNull (box c) then Throw.Argument(sprintf "choices[%d]" i, "null", "a pipeline"))
        withinDepth (Aug.SomeOf(n, cs))

    /// The op of a single-op pipeline, or None for a combinator.
    [<CompiledName("TryOp")>]
    let tryOp (a: Aug) = match a with Aug.Op o -> Some o | _ -> None

    // A node's source, by the node's identity: nodes are immutable, and withSource tags a fresh node, so a tag never
    // reaches another reference. The table holds its keys weakly.
    let private sources = System.Runtime.CompilerServices.ConditionalWeakTable<Aug, AugSource>()

    /// <summary>The same pipeline as a new node that remembers the constructor call that built it.</summary>
    [<CompiledName("WithSource")>]
    let withSource (constructor: string) (arguments: (string * obj) list) (a: Aug) =
        if String.IsNullOrWhiteSpace constructor then Throw.Argument("constructor", constructor, "a constructor's compiled name")
        if isNull (box a) then nullArg "a"
        let fresh =
            match a with
            // Identity is one shared value: a one-step sequence of it is a node of its own that runs the same.
            | Aug.Identity -> Aug.Sequence [ Aug.Identity ]
            | Aug.Op o -> Aug.Op o
            | Aug.Sequence l -> Aug.Sequence l
            | Aug.Maybe (p, x) -> Aug.Maybe(p, x)
            | Aug.OneOf cs -> Aug.OneOf cs
            | Aug.SomeOf (n, cs) -> Aug.SomeOf(n, cs)
        sources.AddOrUpdate(fresh, { Constructor = constructor; Arguments = arguments })
        fresh

    /// <summary>The constructor call that built this node, if it was built by a constructor that records it.</summary>
    [<CompiledName("TrySource")>]
    let trySource (a: Aug) =
        match sources.TryGetValue a with
        | true, s -> Some s
        | _ -> None

    // ------------------------------------------------------------------ the interpreter

    let private fail path what : 'a = raise (ArgumentException(sprintf "%s: %s" path what, "trace"))

    /// <summary>One sample on its way through a pipeline: annotations move eagerly as each op is planned, pixel
    /// steps wait in a list until something needs pixels (a custom op, a batch op, the end), then run as one plan.</summary>
    type internal Runner(options: RunOptions, start: Sample, batchSize: int, batchIndex: int) =
        // The sample a runner at rest holds (none of a caller's).
        static let emptySample =
            { Image = Image.FromBytes(1, 1, 1, ReadOnlySpan(Array.zeroCreate<byte> 1)); Label = [||]; Boxes = [||]; Mask = None; Keypoints = [||] }
        // A runner of a run into a destination is reused from run to run on its thread (Runner.Rent): what it was made
        // with can change.
        let mutable options = options
        let mutable start = start
        let mutable batchSize = batchSize
        let mutable batchIndex = batchIndex
        // The shapes the runner has handed out, reused while their size recurs (a warm run allocates none).
        let shapes : Shape[] = Array.zeroCreate 8
        let mutable nextShape = 0
        let shapeOf (width: int) (height: int) (channels: int) =
            let mutable found = Unchecked.defaultof<Shape>
            let mutable i = 0
            while isNull (box found) && i < shapes.Length do
                let s = shapes.[i]
                if not (isNull (box s)) && s.Width = width && s.Height = height && s.Channels = channels then found <- s
                i <- i + 1
            if isNull (box found) then
                found <- { Width = width; Height = height; Channels = channels }
                shapes.[nextShape] <- found
                nextShape <- (nextShape + 1) % shapes.Length
            found
        let mutable sample = start
        let steps = Collections.Generic.List<Step>()
        let mutable shape = shapeOf start.Image.Width start.Image.Height start.Image.Channels
        let mutable boxes = start.Boxes
        let mutable keypoints = start.Keypoints
        let mutable label = start.Label
        // The image's element type and value range after the steps planned so far: a conversion kernel
        // (ToFloat32, Normalize) changes them before any pixel runs, and later draws and plans must see that.
        let mutable elementType = start.Image.ElementType
        let mutable range = start.Image.Range
        // The waiting steps as a list, built from the end (List.ofSeq would box an enumerator).
        let stepList () =
            let mutable l = []
            for i in steps.Count - 1 .. -1 .. 0 do l <- steps.[i] :: l
            l
        // The view handed to the last draw or plan (reused while nothing it shows has changed), and its mask callback.
        let views : SampleView[] = Array.zeroCreate 4
        let mutable nextView = 0
        let mutable currentMask : unit -> Image option = Unchecked.defaultof<_>

        let moveBoxes (w: WarpStep) =
          if boxes.Length > 0 || keypoints.Length > 0 then
            let W, H = float w.Width, float w.Height
            boxes <-
                boxes |> Array.choose (fun b ->
                    let corners = [| w.Matrix.Apply(b.XMin, b.YMin); w.Matrix.Apply(b.XMax, b.YMin)
                                     w.Matrix.Apply(b.XMin, b.YMax); w.Matrix.Apply(b.XMax, b.YMax) |]
                    if corners |> Array.exists (fun (struct (x, y)) -> not (Double.IsFinite x && Double.IsFinite y)) then None
                    else
                        let xs = corners |> Array.map (fun (struct (x, _)) -> x)
                        let ys = corners |> Array.map (fun (struct (_, y)) -> y)
                        let moved = { b with XMin = Array.min xs; YMin = Array.min ys; XMax = Array.max xs; YMax = Array.max ys }
                        BoxFilter.keep w.Filter W H moved)
            keypoints <-
                keypoints |> Array.map (fun k ->
                    let struct (x, y) = w.Matrix.Apply(k.X, k.Y)
                    if Double.IsFinite x && Double.IsFinite y then
                        { X = x; Y = y; Visible = k.Visible && x >= 0.0 && y >= 0.0 && x <= W && y <= H }
                    else { k with Visible = false })

        // Boxes through points every pixel along their edges, keypoints through the map's numerical inverse
        // (Steps.remapInverse): albumentations moves boxes through the mask instead.
        let moveRemap (rs: RemapStep) =
            let W, H = float rs.Width, float rs.Height
            if boxes.Length > 0 || keypoints.Length > 0 then
                let inv = Steps.remapInverse rs shape.Width shape.Height
                boxes <-
                    boxes |> Array.choose (fun b ->
                        let nx = max 1 (int (Math.Ceiling(b.XMax - b.XMin)))
                        let ny = max 1 (int (Math.Ceiling(b.YMax - b.YMin)))
                        let mutable x0, y0, x1, y1 = Double.PositiveInfinity, Double.PositiveInfinity, Double.NegativeInfinity, Double.NegativeInfinity
                        let add px py =
                            match inv px py with
                            | ValueSome (struct (x, y)) ->
                                x0 <- min x0 x; y0 <- min y0 y; x1 <- max x1 x; y1 <- max y1 y
                            | ValueNone -> ()
                        for k in 0 .. nx do
                            let x = b.XMin + (b.XMax - b.XMin) * float k / float nx
                            add x b.YMin
                            add x b.YMax
                        for k in 1 .. ny - 1 do
                            let y = b.YMin + (b.YMax - b.YMin) * float k / float ny
                            add b.XMin y
                            add b.XMax y
                        if x0 > x1 then None
                        else BoxFilter.keep rs.Filter W H { b with XMin = x0; YMin = y0; XMax = x1; YMax = y1 })
                keypoints <-
                    keypoints |> Array.map (fun k ->
                        match inv k.X k.Y with
                        | ValueSome (struct (x, y)) -> { X = x; Y = y; Visible = k.Visible && x >= 0.0 && y >= 0.0 && x <= W && y <= H }
                        | ValueNone -> { k with Visible = false })

        member r.View =
            // Without boxes or keypoints a view holds nothing an op could change, so one view serves every draw and
            // plan while the shape, format, label length, mask presence and batch place are its own; the runner keeps
            // the last few (a pipeline that crops meets two shapes per run, and a reused runner meets them run after
            // run). With boxes or keypoints each view gets its own copies.
            if boxes.Length = 0 && keypoints.Length = 0 then
                let mutable found = Unchecked.defaultof<SampleView>
                let mutable i = 0
                while isNull (box found) && i < views.Length do
                    let v = views.[i]
                    if not (isNull (box v)) && Object.ReferenceEquals(v.Shape, shape) && v.ElementType = elementType && v.Range.Equals(range)
                       && v.HasMask = sample.Mask.IsSome && v.LabelLength = label.Length && v.BatchSize = batchSize
                       && v.BatchIndex = batchIndex && v.Boxes.Length = 0 && v.Keypoints.Length = 0 then found <- v
                    i <- i + 1
                if isNull (box found) then
                    found <- r.NewView()
                    views.[nextView] <- found
                    nextView <- (nextView + 1) % views.Length
                found
            else r.NewView()

        member private r.NewView() =
            if isNull (box currentMask) then
                currentMask <- (fun () -> if sample.Mask.IsNone then None else (r.Flush()).Mask)
            { Shape = shape; ElementType = elementType; Range = range
              Boxes = (if boxes.Length = 0 then boxes else Array.copy boxes)
              Keypoints = (if keypoints.Length = 0 then keypoints else Array.copy keypoints)
              HasMask = sample.Mask.IsSome
              CurrentMask = currentMask
              LabelLength = label.Length; BatchSize = batchSize; BatchIndex = batchIndex }

        /// Runs the waiting pixel steps, so that the sample is whole. The arrays of the result are never the
        /// caller's: an output does not alias its input (images are immutable and may be shared).
        member _.Flush() =
            if steps.Count > 0 then
                let image, mask = Engine.runPixels options (stepList ()) sample.Image sample.Mask
                // The remaps' maps (pooled) have been read by the image, the mask and the annotations: give them back.
                RemapMaps.giveBackSteps steps
                steps.Clear()
                sample <- { sample with Image = image; Mask = mask }
            let own (a: 'T[]) (b: 'T[]) = if a.Length > 0 && Object.ReferenceEquals(a, b) then Array.copy a else a
            boxes <- own boxes start.Boxes
            keypoints <- own keypoints start.Keypoints
            label <- own label start.Label
            sample <- { sample with Boxes = boxes; Keypoints = keypoints; Label = label }
            sample

        member r.Apply(step: Step) =
            match step with
            | Step.Warp w ->
                if w.Width <= 0 || w.Height <= 0 then
                    Throw.Argument("size", sprintf "%dx%d" w.Width w.Height, "a positive output size")
                if not w.Matrix.IsFinite then Throw.Argument("matrix", string w.Matrix, "a finite matrix")
                moveBoxes w
                shape <- shapeOf w.Width w.Height shape.Channels
                steps.Add step
            | Step.Remap rs ->
                if rs.Width <= 0 || rs.Height <= 0 then
                    Throw.Argument("size", sprintf "%dx%d" rs.Width rs.Height, "a positive output size")
                let mx, my = rs.Map.Value
                if isNull mx || isNull my || mx.Length < rs.Width * rs.Height || my.Length < rs.Width * rs.Height then
                    Throw.Argument("map", rs.Name, sprintf "two arrays of at least %d source coordinates" (rs.Width * rs.Height))
                moveRemap rs
                shape <- shapeOf rs.Width rs.Height shape.Channels
                steps.Add step
            | Step.Point _ | Step.StatPoint _ -> steps.Add step
            | Step.Filter k ->
                steps.Add step
                let struct (t, rg) = Steps.kernelFormat k elementType range
                elementType <- t
                range <- rg
            | Step.Kernel k ->
                steps.Add step
                if k.Channels > 0 then shape <- shapeOf shape.Width shape.Height k.Channels
                let struct (t, rg) = Steps.kernelFormat k elementType range
                elementType <- t
                range <- rg
            | Step.Label f -> label <- f (Array.copy label)
            | Step.Many xs -> for x in xs do r.Apply x
            | Step.Nothing -> ()
            | Step.Custom (name, f) ->
                let before = r.Flush()
                let after = f before
                if isNull (box after) || isNull (box after.Image) then
                    raise (InvalidOperationException(sprintf "Custom op %s returned no sample or no image." name))
                sample <- Sample.validate { after with Label = Array.copy after.Label; Boxes = Array.copy after.Boxes; Keypoints = Array.copy after.Keypoints }
                shape <- sample.Shape
                elementType <- sample.Image.ElementType
                range <- sample.Image.Range
                boxes <- sample.Boxes
                keypoints <- sample.Keypoints
                label <- sample.Label
            | Step.Mix _ ->
                Throw.Argument("pipeline", "a batch op", "a single-sample pipeline here: batch ops (MixUp, CutMix) run in Aug.runBatch")

        /// The image's shape after the steps planned so far.
        member _.Shape = shape

        /// The image's element type and value range after the steps planned so far.
        member _.Format = struct (elementType, range)

        /// The waiting pixel steps with the image and mask they start from, for a batch that runs every sample's
        /// plan at once (Engine.runPixelsBatch).
        member _.PendingPixels = List.ofSeq steps, sample.Image, sample.Mask

        /// Takes the image and mask a batch run computed from PendingPixels, then finishes as Flush does.
        member r.FlushWith(image: Image, mask: Image option) =
            RemapMaps.giveBackSteps steps
            steps.Clear()
            sample <- { sample with Image = image; Mask = mask }
            r.Flush()

        /// The label after the steps planned so far, never the input's array (as Flush gives it).
        member _.OwnedLabel = if label.Length > 0 && Object.ReferenceEquals(label, start.Label) then Array.copy label else label

        /// The sample the runner holds now (its image as it stands, pending steps not run) with the current label.
        member r.Labelled = { sample with Label = r.OwnedLabel }

        /// Runs the waiting pixel steps into a caller's buffer (the image only).
        member _.FlushInto(destination: PixelBuffer) =
            Engine.runStepsInto options steps sample.Image destination
            RemapMaps.giveBackSteps steps
            steps.Clear()

        /// Starts the runner again on another sample, as a new runner made with these arguments would start.
        member internal _.Reset(o: RunOptions, s: Sample, size: int, index: int) =
            options <- o
            start <- s
            batchSize <- size
            batchIndex <- index
            sample <- s
            RemapMaps.giveBackSteps steps
            steps.Clear()
            shape <- shapeOf s.Image.Width s.Image.Height s.Image.Channels
            boxes <- s.Boxes
            keypoints <- s.Keypoints
            label <- s.Label
            elementType <- s.Image.ElementType
            range <- s.Image.Range

        [<ThreadStatic; DefaultValue>] static val mutable private cached: Runner

        /// A runner for one run on this thread: the thread's own, reused (Give it back when the run ends), or a new
        /// one while the thread's is in use (a run inside a run's custom op).
        static member Take(o: RunOptions, s: Sample, size: int, index: int) =
            let r = Runner.cached
            if isNull (box r) then Runner(o, s, size, index)
            else
                Runner.cached <- Unchecked.defaultof<_>
                r.Reset(o, s, size, index)
                r

        // Lets go of the run's sample and steps (a runner at rest holds none of a caller's arrays).
        member private _.Release() =
            RemapMaps.giveBackSteps steps
            steps.Clear()
            start <- emptySample
            sample <- emptySample
            boxes <- emptySample.Boxes
            keypoints <- emptySample.Keypoints
            label <- emptySample.Label

        /// Gives a runner from Take back to its thread.
        static member Give(r: Runner) =
            r.Release()
            Runner.cached <- r

        [<ThreadStatic; DefaultValue>] static val mutable private cachedBatch: Runner[]

        /// An array of n runners' places for a batch run on this thread: the thread's own (its runners reused through
        /// Restart), or a new one while it is in use or of another length. Give it back with GiveMany.
        static member TakeMany(n: int) : Runner[] =
            let a = Runner.cachedBatch
            if not (isNull a) && a.Length = n then
                Runner.cachedBatch <- null
                a
            else Array.zeroCreate n

        /// The runner r (if any) started again on a sample, or a new one.
        static member Restart(r: Runner, o: RunOptions, s: Sample, size: int, index: int) =
            if isNull (box r) then Runner(o, s, size, index)
            else
                r.Reset(o, s, size, index)
                r

        /// Gives the runners of a batch back to the thread, holding no sample.
        static member GiveMany(runners: Runner[]) =
            for r in runners do
                if not (isNull (box r)) then r.Release()
            Runner.cachedBatch <- runners

    let private applyOp (r: Runner) (o: Op) (p: obj) =
        o.Check p
        r.Apply(o.Plan(p, r.View))

    // Seed layout: a sequence gives step i child i; maybe and one-of draw their decision from child 0 and
    // give the inner pipeline child 1; some-of shuffles with child 0 and gives choice j child 1 + j, so a
    // choice's parameters do not depend on which others were drawn.
    // With traced = false nothing of the trace is built (Trace.Skip stands for every node): Aug.runIntoUntraced.
    let rec private execWith (traced: bool) (a: Aug) (seed: Seed) (r: Runner) : Trace =
        match a with
        | Aug.Identity -> Trace.Skip
        | Aug.Op o ->
            let p = o.Draw(seed, r.View)
            applyOp r o p
            if traced then Trace.Applied(o.Name, p) else Trace.Skip
        | Aug.Sequence steps ->
            if traced then Trace.Steps(steps |> List.mapi (fun i step -> execWith true step (Seed.derive seed (int64 i)) r))
            else
                let mutable i = 0
                for step in steps do
                    execWith false step (Seed.derive seed (int64 i)) r |> ignore
                    i <- i + 1
                Trace.Skip
        | Aug.Maybe (p, inner) ->
            if Seed.uniform (Seed.derive seed 0L) < p then
                let t = execWith traced inner (Seed.derive seed 1L) r
                if traced then Trace.Coin(true, t) else Trace.Skip
            elif traced then Trace.Coin(false, Trace.Skip)
            else Trace.Skip
        | Aug.OneOf cs ->
            // The weights scaled by their maximum (so that their sum cannot overflow), summed in order, and the pick: the first choice whose
            // running sum passes u, else the last. Computed in place: no list per call.
            let mutable m = Double.NegativeInfinity
            for (w, _) in cs do m <- max m w
            let mutable total = 0.0
            for (w, _) in cs do total <- total + w / m
            let u = Seed.uniform (Seed.derive seed 0L) * total
            let last = cs.Length - 1
            let mutable i = -1
            let mutable k = 0
            let mutable acc = 0.0
            for (w, _) in cs do
                if i < 0 then
                    let w = w / m
                    if k = last || u < acc + w then i <- k
                    else
                        acc <- acc + w
                        k <- k + 1
            let t = execWith traced (snd cs.[i]) (Seed.derive seed 1L) r
            if traced then Trace.Chose(i, t) else Trace.Skip
        | Aug.SomeOf (n, cs) ->
            let len = cs.Length
            let order = Buffers.ArrayPool<int>.Shared.Rent(max 1 len)
            try
                for k in 0 .. len - 1 do order.[k] <- k
                let s0 = Seed.derive seed 0L
                // Fisher-Yates from the top, one uniform per position (entry k of Seed.uniforms s0 len).
                for k in len - 1 .. -1 .. 1 do
                    let j = min k (int (Seed.uniformAt s0 k * float (k + 1)))
                    let t = order.[k]
                    order.[k] <- order.[j]
                    order.[j] <- t
                if traced then Trace.ChoseMany [ for k in 0 .. n - 1 -> let j = order.[k] in j, execWith true cs.[j] (Seed.derive seed (1L + int64 j)) r ]
                else
                    for k in 0 .. n - 1 do
                        let j = order.[k]
                        execWith false cs.[j] (Seed.derive seed (1L + int64 j)) r |> ignore
                    Trace.Skip
            finally
                Buffers.ArrayPool<int>.Shared.Return order

    let private exec (a: Aug) (seed: Seed) (r: Runner) : Trace = execWith true a seed r

    /// <summary>Decodes (when read from JSON) and checks an op's recorded parameters; errors name the JSON path.</summary>
    let private paramsOf (path: string) (o: Op) (p: obj) =
        let typed =
            match p with
            | :? JsonNode as n -> ParamCodec.ofNode (path + ".params") o.ParameterType n
            | null -> fail (path + ".params") "is missing"
            | x -> x
        try o.Check typed
        with :? ArgumentException as e when e.ParamName <> "trace" ->
            fail (sprintf "%s.params.%s" path e.ParamName) e.Message
        typed

    let rec private replayNode (path: string) (a: Aug) (t: Trace) (r: Runner) =
        let mismatch what = fail path (sprintf "expected %s" what)
        match a, t with
        | Aug.Identity, Trace.Skip -> ()
        | Aug.Op o, Trace.Applied (name, p) ->
            if name <> o.Name then fail (path + ".op") (sprintf "was \"%s\"; expected \"%s\"" name o.Name)
            let typed = paramsOf path o p
            r.Apply(o.Plan(typed, r.View))
        | Aug.Sequence steps, Trace.Steps ts ->
            if ts.Length <> steps.Length then fail (path + ".steps") (sprintf "has %d entries; expected %d" ts.Length steps.Length)
            List.iteri2 (fun i step st -> replayNode (sprintf "%s.steps[%d]" path i) step st r) steps ts
        | Aug.Maybe (p, inner), Trace.Coin (applied, it) ->
            if applied && p = 0.0 then fail (path + ".coin") "was true; expected false (p = 0)"
            if not applied && p = 1.0 then fail (path + ".coin") "was false; expected true (p = 1)"
            if applied then replayNode (path + ".then") inner it r
            elif it <> Trace.Skip then fail (path + ".then") "expected a skip (the coin was false)"
        | Aug.OneOf cs, Trace.Chose (i, it) ->
            if i < 0 || i >= cs.Length then fail (path + ".chose") (sprintf "was %d; expected 0 to %d" i (cs.Length - 1))
            if fst cs.[i] = 0.0 then fail (path + ".chose") (sprintf "was %d; expected a choice of positive weight" i)
            replayNode (path + ".then") (snd cs.[i]) it r
        | Aug.SomeOf (n, cs), Trace.ChoseMany picks ->
            if picks.Length <> n then fail (path + ".choseMany") (sprintf "has %d picks; expected %d" picks.Length n)
            let seen = Collections.Generic.HashSet<int>()
            picks |> List.iteri (fun k (j, it) ->
                let here = sprintf "%s.choseMany[%d]" path k
                if j < 0 || j >= cs.Length then fail (here + ".index") (sprintf "was %d; expected 0 to %d" j (cs.Length - 1))
                if not (seen.Add j) then fail (here + ".index") (sprintf "was %d again; expected distinct picks" j)
                replayNode (here + ".then") cs.[j] it r)
        | Aug.Identity, _ -> mismatch "a skip node"
        | Aug.Op o, _ -> mismatch (sprintf "an op node for %s" o.Name)
        | Aug.Sequence _, _ -> mismatch "a steps node"
        | Aug.Maybe _, _ -> mismatch "a coin node"
        | Aug.OneOf _, _ -> mismatch "a chose node"
        | Aug.SomeOf _, _ -> mismatch "a choseMany node"

    /// <summary>Runs the pipeline with options (fusion on or off, a backend): the augmented sample and its trace.</summary>
    /// <exception cref="System.ArgumentException">The sample is invalid (see <c>Sample.validate</c>), or an op's
    /// parameters do not fit the sample.</exception>
    [<CompiledName("RunWith")>]
    let runWith (options: RunOptions) (a: Aug) (seed: Seed) (s: Sample) =
        let r = Runner.Take(options, Sample.validate s, 1, 0)
        try
            let t = exec a seed r
            r.Flush(), t
        finally
            Runner.Give r

    /// <summary>Runs the pipeline on a sample with a seed: the augmented sample and the trace of what it drew.
    /// The same (pipeline, seed, sample) always gives the same bits.</summary>
    /// <exception cref="System.ArgumentException">The sample is invalid (see <c>Sample.validate</c>).</exception>
    [<CompiledName("Run")>]
    let run (a: Aug) (seed: Seed) (s: Sample) = runWith RunOptions.Default a seed s

    /// The augmented sample alone.
    [<CompiledName("Apply")>]
    let apply (a: Aug) (seed: Seed) (s: Sample) = fst (run a seed s)

    /// <summary>The shape of the image that running the pipeline with this seed gives: the draw and plan alone, no
    /// pixel work (unless the pipeline holds a custom op, which needs the pixels before it).</summary>
    [<CompiledName("OutputShape")>]
    let outputShape (a: Aug) (seed: Seed) (s: Sample) =
        let r = Runner.Take(RunOptions.Default, Sample.validate s, 1, 0)
        try
            execWith false a seed r |> ignore
            r.Shape
        finally
            Runner.Give r

    /// <summary>Runs the pipeline and writes the augmented image into <paramref name="destination"/>, which must have
    /// the output's shape (see <c>Aug.outputShape</c>); intermediates use pooled buffers. Returns the trace.</summary>
    /// <exception cref="System.ArgumentException">The destination does not have the output's shape, or the pipeline
    /// holds a batch op.</exception>
    [<CompiledName("RunInto")>]
    let runInto (options: RunOptions) (a: Aug) (seed: Seed) (s: Sample) (destination: PixelBuffer) =
        let r = Runner.Take(options, Sample.validate s, 1, 0)
        try
            let t = exec a seed r
            r.FlushInto destination
            t
        finally
            Runner.Give r

    /// <summary>As <c>runInto</c>, without building the trace: the same draws and the same bits in
    /// <paramref name="destination"/>, for loops that do not keep what was drawn.</summary>
    /// <exception cref="System.ArgumentException">As <c>runInto</c>.</exception>
    [<CompiledName("RunIntoUntraced")>]
    let runIntoUntraced (options: RunOptions) (a: Aug) (seed: Seed) (s: Sample) (destination: PixelBuffer) =
        let r = Runner.Take(options, Sample.validate s, 1, 0)
        try
            execWith false a seed r |> ignore
            r.FlushInto destination
        finally
            Runner.Give r

    /// <summary>Re-applies a trace with options: the same pipeline, the recorded parameters, no seed. Every
    /// recorded value is checked against its op's domain first.</summary>
    /// <exception cref="System.ArgumentException">The trace does not fit the pipeline, or a value is outside its
    /// op's domain; the message starts with the JSON path of the element, e.g. <c>$.steps[2].params.x</c>.</exception>
    [<CompiledName("ReplayWith")>]
    let replayWith (options: RunOptions) (a: Aug) (trace: Trace) (s: Sample) =
        if isNull (box trace) then nullArg "trace"
        let r = Runner.Take(options, Sample.validate s, 1, 0)
        try
            replayNode "$" a trace r
            r.Flush()
        finally
            Runner.Give r

    /// <summary>Re-applies a trace: the same pipeline, the recorded parameters, no seed.</summary>
    /// <exception cref="System.ArgumentException">As <c>replayWith</c>.</exception>
    [<CompiledName("Replay")>]
    let replay (a: Aug) (trace: Trace) (s: Sample) = replayWith RunOptions.Default a trace s

    // ------------------------------------------------------------------ batches

    let rec private isBatchOp (a: Aug) =
        match a with
        | Aug.Op o -> o.Kind = OpKind.MultiSample
        | Aug.Maybe (_, inner) -> isBatchOp inner
        | _ -> false

    let rec private containsBatchOp (a: Aug) =
        match a with
        | Aug.Identity -> false
        | Aug.Op o -> o.Kind = OpKind.MultiSample
        | Aug.Sequence xs | Aug.SomeOf (_, xs) -> xs |> List.exists containsBatchOp
        | Aug.Maybe (_, x) -> containsBatchOp x
        | Aug.OneOf cs -> cs |> List.exists (snd >> containsBatchOp)

    // The top-level steps of a pipeline (a sequence's items, or the pipeline itself), each checked: batch ops may
    // stand only there, alone or under maybe.
    let private topSteps (a: Aug) =
        let items = match a with Aug.Sequence xs -> xs | x -> [ x ]
        for x in items do
            if not (isBatchOp x) && containsBatchOp x then
                Throw.Argument("pipeline", (string x).Split('\n').[0],
                               "batch ops (MixUp, CutMix) at the top level of the pipeline, alone or under Aug.maybe")
        items, (match a with Aug.Sequence _ -> true | _ -> false)

    let private parallelFor (threads: int) (n: int) (body: int -> unit) =
        if threads <= 1 || n <= 1 then for i in 0 .. n - 1 do body i
        else Parallel.For(0, n, ParallelOptions(MaxDegreeOfParallelism = threads), fun i -> body i) |> ignore

    /// The batch ops' partner step, with its trace: the draw (or the recorded parameters), then the plan.
    let private batchStep (o: Op) (view: SampleView) (p: obj) =
        match o.Plan(p, view) with
        | Step.Mix m -> m
        | other -> Throw.Argument("op", o.Name, sprintf "a batch op planning a Mix step (it planned %A)" other); Unchecked.defaultof<_>

    // Brings every sample to where it stands: with a backend that runs whole plans, every sample's plan goes to it in
    // one call (uploads, kernels and downloads of the whole batch enqueued before one wait); otherwise a Flush each.
    let private flushAll (options: RunOptions) (threads: int) (runners: Runner[]) =
        if Engine.backendRunsPlans options then
            let outs = Engine.runPixelsBatch options (runners |> Array.map (fun r -> r.PendingPixels))
            Array.init runners.Length (fun i -> runners.[i].FlushWith(outs.[i]))
        else
            let out = Array.zeroCreate runners.Length
            parallelFor threads runners.Length (fun i -> out.[i] <- runners.[i].Flush())
            out

    // A caller's destination for sample i of a batch (Aug.runBatchInto), checked against the output's shape and type.
    let private checkInto (into: PixelBuffer[]) (i: int) (s: Shape) (t: ElementType) =
        let d = into.[i]
        if d.Width <> s.Width || d.Height <> s.Height || d.Channels <> s.Channels || d.ElementType <> t then
            Throw.Argument(sprintf "destinations[%d]" i, sprintf "%dx%dx%d %A" d.Width d.Height d.Channels d.ElementType,
                           sprintf "a %dx%dx%d %A buffer (sample %d's output)" s.Width s.Height s.Channels t i)

    // With into (not null: Aug.runBatchInto) each sample's final image goes into into.[i], and the sample returned
    // holds the output's label, not its image.
    let private runBatchCore (options: RunOptions) (threads: int) (a: Aug) (samples: Sample[]) (into: PixelBuffer[])
                             (perSample: int -> int -> Aug -> Runner -> Trace)
                             (batchParams: int -> int -> Op -> Aug -> SampleView -> (obj * Trace) option) =
        if isNull samples then nullArg "samples"
        if threads < 1 then Throw.Argument("threads", threads, "at least 1 thread")
        let n = samples.Length
        if not (isNull into) then
            if into.Length <> n then Throw.Argument("destinations", into.Length, sprintf "one destination per sample (%d)" n)
            into |> Array.iteri (fun i d ->
                if isNull d then Throw.Argument(sprintf "destinations[%d]" i, "null", "a writable pixel buffer")
                if d.IsReadOnly then Throw.Argument(sprintf "destinations[%d]" i, string d, "a writable pixel buffer (not a view of an image)"))
        // Samples whose final image a last batch op wrote straight into into.[i]: their mixed sample, else null.
        let written : Sample[] = if isNull into then null else Array.zeroCreate n
        let items, isSeq = topSteps a
        let lastItem = List.length items - 1
        // The runners come from the thread's pool (a warm batch makes none) and go back to it, holding no sample.
        let runners = Runner.TakeMany n
        try
            for i in 0 .. n - 1 do
                let s = samples.[i]
                if isNull (box s) then Throw.Argument(sprintf "samples[%d]" i, "null", "a sample")
                runners.[i] <- Runner.Restart(runners.[i], options, Sample.validate s, n, i)
            let traces = Array.init n (fun _ -> Collections.Generic.List<Trace>())
            for k, item in List.indexed items do
                if isBatchOp item then
                    let o, _ = (let rec find = function Aug.Op o -> o, () | Aug.Maybe (_, x) -> find x | _ -> failwith "unreachable" in find item)
                    let before = flushAll options threads runners
                    let shapes = before |> Array.map (fun s -> s.Shape, s.Image.ElementType, s.Label.Length)
                    if shapes |> Array.exists (fun x -> x <> shapes.[0]) then
                        Throw.Argument("samples", String.Join(", ", shapes |> Array.map (fun (s, t, l) -> sprintf "%dx%dx%d %A label %d" s.Width s.Height s.Channels t l)),
                                       sprintf "samples of one shape, element type and label length at batch op %s" o.Name)
                    let results = Array.zeroCreate n
                    // A last batch op of a run into destinations writes its image there, not into a new image.
                    let direct = not (isNull into) && k = lastItem
                    if direct then for i in 0 .. n - 1 do checkInto into i before.[i].Shape before.[i].Image.ElementType
                    parallelFor threads n (fun i ->
                        let view = runners.[i].View
                        match batchParams i k o item view with
                        | Some (p, t) ->
                            let m = batchStep o view p
                            for j in m.Partners do
                                if j < 0 || j >= n then Throw.Argument("partner", j, sprintf "a sample index below the batch size %d" n)
                            let partners = m.Partners |> Array.map (fun j -> before.[j])
                            let mixed = m.Mix before.[i] partners
                            // The image part, when the op describes it, runs on the backend (IMixBackend) or the CPU.
                            let mixed =
                                match m.Device with
                                | ValueSome d when direct ->
                                    Engine.mixImageInto options d before.[i].Image (partners |> Array.map (fun s -> s.Image)) into.[i]
                                    mixed
                                | ValueSome d -> { mixed with Image = Engine.mixImage options d before.[i].Image (partners |> Array.map (fun s -> s.Image)) }
                                | ValueNone -> mixed
                            if direct && m.Device.IsNone then
                                if mixed.Image.Width <> before.[i].Image.Width || mixed.Image.Height <> before.[i].Image.Height
                                   || mixed.Image.Channels <> before.[i].Image.Channels || mixed.Image.ElementType <> before.[i].Image.ElementType then
                                    Throw.Argument("op", o.Name, "a batch op that keeps the sample's shape and type")
                                if mixed.Image.ElementType = ElementType.Byte then mixed.Image.Bytes.CopyTo(into.[i].Bytes)
                                else mixed.Image.Floats.CopyTo(into.[i].Floats)
                            if direct then written.[i] <- mixed
                            results.[i] <- Some mixed
                            traces.[i].Add t
                        | None ->
                            results.[i] <- None
                            traces.[i].Add(Trace.Coin(false, Trace.Skip)))
                    for i in 0 .. n - 1 do
                        match results.[i] with
                        | Some s when not direct -> runners.[i] <- Runner.Restart(runners.[i], options, Sample.validate s, n, i)
                        | _ -> ()
                else
                    parallelFor threads n (fun i -> traces.[i].Add(perSample i k item runners.[i]))
            let outputs =
                if isNull into then flushAll options threads runners
                else
                    // Every destination checked before any pixel work, in order, so that the first misfit is the one named.
                    for i in 0 .. n - 1 do
                        if isNull (box written.[i]) then
                            let struct (t, _) = runners.[i].Format
                            checkInto into i runners.[i].Shape t
                    let out = Array.zeroCreate n
                    parallelFor threads n (fun i ->
                        if isNull (box written.[i]) then
                            let r = runners.[i]
                            r.FlushInto into.[i]
                            out.[i] <- r.Labelled
                        else out.[i] <- written.[i])
                    out
            Array.init n (fun i ->
                let ts = List.ofSeq traces.[i]
                outputs.[i], (if isSeq then Trace.Steps ts else List.exactlyOne ts))
        finally
            Runner.GiveMany runners

    // runBatchSeeded, and with into (not null) runBatchInto's core.
    let private runBatchSeededInto (options: RunOptions) (threads: int) (a: Aug) (seeds: Seed[]) (samples: Sample[]) (into: PixelBuffer[]) =
        if isNull seeds then nullArg "seeds"
        if isNull samples then nullArg "samples"
        if seeds.Length <> samples.Length then
            Throw.Argument("seeds", seeds.Length, sprintf "one seed per sample (%d)" samples.Length)
        let _, isSeq = (match a with Aug.Sequence xs -> xs, true | x -> [ x ], false)
        let stepSeed i k = if isSeq then Seed.derive seeds.[i] (int64 k) else seeds.[i]
        runBatchCore options threads a samples into
            (fun i k item r -> exec item (stepSeed i k) r)
            (fun i k o item view ->
                let s = stepSeed i k
                match item with
                | Aug.Maybe (p, _) ->
                    if Seed.uniform (Seed.derive s 0L) < p then
                        let pr = o.Draw(Seed.derive s 1L, view)
                        o.Check pr
                        Some(pr, Trace.Coin(true, Trace.Applied(o.Name, pr)))
                    else None
                | _ ->
                    let pr = o.Draw(s, view)
                    o.Check pr
                    Some(pr, Trace.Applied(o.Name, pr)))

    /// <summary>Runs the pipeline over a batch on up to <paramref name="threads"/> threads, sample i with its own
    /// seed <c>seeds[i]</c>: a pipeline without batch ops gives each sample exactly what <c>Aug.run</c> gives it with
    /// that seed, and the bits are the same for any thread count. Batch ops as in <c>runBatch</c>.</summary>
    /// <exception cref="System.ArgumentException">As <c>runBatch</c>, or not one seed per sample.</exception>
    [<CompiledName("RunBatchSeeded")>]
    let runBatchSeeded (options: RunOptions) (threads: int) (a: Aug) (seeds: Seed[]) (samples: Sample[]) =
        runBatchSeededInto options threads a seeds samples null

    /// <summary>Runs the pipeline over a batch on up to <paramref name="threads"/> threads. Sample i runs with
    /// <c>Seed.derive seed i</c>, so a pipeline without batch ops gives each sample exactly what <c>Aug.run</c>
    /// gives it with that seed, and the bits are the same for any thread count. Batch ops (MixUp, CutMix) stand
    /// at the top level of the pipeline; each sample draws its partner and mixes with the partner as it stood
    /// just before the batch op.</summary>
    /// <exception cref="System.ArgumentException">threads &lt; 1, a sample is invalid, a batch op is nested, or the
    /// samples differ in shape or label length at a batch op.</exception>
    [<CompiledName("RunBatch")>]
    let runBatch (options: RunOptions) (threads: int) (a: Aug) (seed: Seed) (samples: Sample[]) =
        if isNull samples then nullArg "samples"
        runBatchSeeded options threads a (Array.init samples.Length (fun i -> Seed.derive seed (int64 i))) samples

    /// <summary>As <c>runBatch</c>, with each sample's augmented image written into <c>destinations[i]</c> (a buffer of
    /// that sample's output shape and element type, see <c>Aug.outputShape</c>) instead of a new image: the same draws
    /// and the same bits. A batch op that ends the pipeline writes its image straight into the destination;
    /// intermediates of single-sample steps use pooled buffers. Returns each sample's label and trace (boxes, mask
    /// and keypoints are not returned, as with <c>runInto</c>).</summary>
    /// <exception cref="System.ArgumentException">As <c>runBatch</c>, not one destination per sample, or a
    /// destination that is null, read-only or not of its sample's output shape and type (named by its index).</exception>
    [<CompiledName("RunBatchInto")>]
    let runBatchInto (options: RunOptions) (threads: int) (a: Aug) (seed: Seed) (samples: Sample[]) (destinations: PixelBuffer[]) =
        if isNull samples then nullArg "samples"
        if isNull destinations then nullArg "destinations"
        runBatchSeededInto options threads a (Array.init samples.Length (fun i -> Seed.derive seed (int64 i))) samples destinations
        |> Array.map (fun (s, t) -> s.Label, t)

    /// <summary>Re-applies the traces of a batch run (one per sample, in order).</summary>
    /// <exception cref="System.ArgumentException">The traces do not fit the pipeline or the batch.</exception>
    [<CompiledName("ReplayBatch")>]
    let replayBatch (options: RunOptions) (threads: int) (a: Aug) (traces: Trace[]) (samples: Sample[]) =
        if isNull traces then nullArg "traces"
        if isNull samples then nullArg "samples"
        if traces.Length <> samples.Length then
            Throw.Argument("traces", traces.Length, sprintf "one trace per sample (%d)" samples.Length)
        let _, isSeq = (match a with Aug.Sequence xs -> xs, true | x -> [ x ], false)
        let itemTrace i k =
            match traces.[i] with
            | Trace.Steps ts when isSeq && k < ts.Length -> ts.[k]
            | t when not isSeq -> t
            | _ -> fail (sprintf "$[%d]" i) "expected a steps node with one entry per top-level step"
        let pathOf i k = if isSeq then sprintf "$[%d].steps[%d]" i k else sprintf "$[%d]" i
        runBatchCore options threads a samples null
            (fun i k item r -> let t = itemTrace i k in replayNode (pathOf i k) item t r; t)
            (fun i k o item view ->
                let t = itemTrace i k
                match item, t with
                | Aug.Maybe (_, _), Trace.Coin (false, _) -> None
                | Aug.Maybe (_, _), Trace.Coin (true, Trace.Applied (_, p)) -> Some(paramsOf (pathOf i k + ".then") o p, t)
                | Aug.Op _, Trace.Applied (_, p) -> Some(paramsOf (pathOf i k) o p, t)
                | _ -> fail (pathOf i k) (sprintf "expected the trace of batch op %s" o.Name))
