namespace Augment

open System
open Augment.Native

/// The parameters one op drew: named numbers, printable and serialisable.
type Params = Map<string, float>

/// <summary>
/// One augmentation op, split as KerasCV and albumentations split theirs: <c>Draw</c> turns a seed and the
/// input's shape into parameters (the only random step); <c>Apply</c> maps parameters to every target of the
/// sample, deterministically, so that image, label, boxes, mask and keypoints stay consistent.
/// </summary>
[<NoEquality; NoComparison>]
type Op =
    { Name: string
      Draw: Seed -> Shape -> Params
      Apply: Params -> Sample -> Sample }

    override o.ToString() = o.Name

/// A pipeline: a tree of ops built with combinators. A value: it prints, and runs in <c>Aug.run</c>.
[<NoEquality; NoComparison; RequireQualifiedAccess>]
type Aug =
    /// Leaves the sample as it is.
    | Identity
    /// One op.
    | Op of Op
    /// Each step in turn.
    | Sequence of Aug list
    /// The inner pipeline with probability p, else nothing.
    | Maybe of p: float * Aug
    /// One of the choices, picked with probability proportional to its weight.
    | OneOf of choices: (float * Aug) list
    /// n distinct choices, drawn without replacement and run in the order drawn.
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
/// reproduces the run without the seed.</summary>
[<RequireQualifiedAccess>]
type Trace =
    /// An identity node.
    | Skip
    /// An op and the parameters it drew.
    | Applied of op: string * parameters: Params
    /// The traces of a sequence's steps.
    | Steps of Trace list
    /// Whether a maybe-node ran its inner pipeline, and that pipeline's trace (Skip when it did not).
    | Coin of applied: bool * Trace
    /// The index a one-of node picked, and that choice's trace.
    | Chose of index: int * Trace
    /// The indices a some-of node picked, in run order, with their traces.
    | ChoseMany of (int * Trace) list

/// Building and running pipelines.
[<RequireQualifiedAccess>]
module Aug =

    /// The identity pipeline.
    [<CompiledName("Identity")>]
    let identity = Aug.Identity

    /// A pipeline of one op.
    [<CompiledName("OfOp")>]
    let op (o: Op) = Aug.Op o

    /// Runs the steps in order.
    [<CompiledName("Sequence")>]
    let sequence (steps: Aug seq) = Aug.Sequence(List.ofSeq steps)

    /// <c>first</c>, then <c>next</c> (flattening nested sequences).
    [<CompiledName("AndThen")>]
    let andThen (next: Aug) (first: Aug) =
        match first, next with
        | Aug.Sequence a, Aug.Sequence b -> Aug.Sequence(a @ b)
        | Aug.Sequence a, b -> Aug.Sequence(a @ [ b ])
        | a, Aug.Sequence b -> Aug.Sequence(a :: b)
        | a, b -> Aug.Sequence [ a; b ]

    /// <summary>Runs <paramref name="inner"/> with probability <paramref name="p"/>.</summary>
    /// <exception cref="System.ArgumentException">p is not in [0, 1].</exception>
    [<CompiledName("Maybe")>]
    let maybe (p: float) (inner: Aug) =
        if not (p >= 0.0 && p <= 1.0) then Throw.Argument("p", p, "a probability in [0, 1]")
        Aug.Maybe(p, inner)

    /// <summary>Runs one choice, picked with probability proportional to its weight.</summary>
    /// <exception cref="System.ArgumentException">No choices, a weight that is negative or not finite, or all weights zero.</exception>
    [<CompiledName("OneOf")>]
    let oneOf (choices: (float * Aug) seq) =
        let cs = List.ofSeq choices
        if cs.IsEmpty then Throw.Argument("choices", "an empty list", "at least one choice")
        cs |> List.iteri (fun i (w, _) ->
            if not (Double.IsFinite w) || w < 0.0 then Throw.Argument(sprintf "weights[%d]" i, w, "a finite weight >= 0"))
        if cs |> List.sumBy fst <= 0.0 then Throw.Argument("weights", 0.0, "at least one positive weight")
        Aug.OneOf cs

    /// One choice, each equally likely.
    [<CompiledName("OneOfUniform")>]
    let oneOfUniform (choices: Aug seq) = oneOf (choices |> Seq.map (fun c -> 1.0, c))

    /// <summary>Runs <paramref name="n"/> distinct choices, drawn without replacement, in the order drawn.</summary>
    /// <exception cref="System.ArgumentException">n is negative or more than the number of choices.</exception>
    [<CompiledName("SomeOf")>]
    let someOf (n: int) (choices: Aug seq) =
        let cs = List.ofSeq choices
        if n < 0 || n > cs.Length then Throw.Argument("n", n, sprintf "a count from 0 to the number of choices (%d)" cs.Length)
        Aug.SomeOf(n, cs)

    // Seed layout: a sequence gives step i child i; maybe and one-of draw their decision from child 0 and
    // give the inner pipeline child 1; some-of shuffles with child 0 and gives choice j child 1 + j, so a
    // choice's parameters do not depend on which others were drawn.
    let rec private exec (a: Aug) (seed: Seed) (s: Sample) : Sample * Trace =
        match a with
        | Aug.Identity -> s, Trace.Skip
        | Aug.Op o ->
            let p = o.Draw seed s.Shape
            o.Apply p s, Trace.Applied(o.Name, p)
        | Aug.Sequence steps ->
            let mutable cur = s
            let traces =
                steps |> List.mapi (fun i step ->
                    let next, t = exec step (Seed.derive seed (int64 i)) cur
                    cur <- next
                    t)
            cur, Trace.Steps traces
        | Aug.Maybe (p, inner) ->
            // Union cases can be built without the checking constructors; check again here.
            maybe p inner |> ignore
            if Seed.uniform (Seed.derive seed 0L) < p then
                let r, t = exec inner (Seed.derive seed 1L) s
                r, Trace.Coin(true, t)
            else s, Trace.Coin(false, Trace.Skip)
        | Aug.OneOf cs ->
            oneOf cs |> ignore
            let total = cs |> List.sumBy fst
            let u = Seed.uniform (Seed.derive seed 0L) * total
            let rec pick i acc = function
                | [ _ ] -> i
                | (w, _) :: rest -> if u < acc + w then i else pick (i + 1) (acc + w) rest
                | [] -> i
            let i = pick 0 0.0 cs
            let r, t = exec (snd cs.[i]) (Seed.derive seed 1L) s
            r, Trace.Chose(i, t)
        | Aug.SomeOf (n, cs) ->
            someOf n cs |> ignore
            let order = Array.init cs.Length id
            let u = Seed.uniforms (Seed.derive seed 0L) cs.Length
            // Fisher-Yates from the top, one uniform per position.
            for k in cs.Length - 1 .. -1 .. 1 do
                let j = min k (int (u.[k] * float (k + 1)))
                let t = order.[k]
                order.[k] <- order.[j]
                order.[j] <- t
            let mutable cur = s
            let traces =
                [ for j in order.[.. n - 1] ->
                    let next, t = exec cs.[j] (Seed.derive seed (1L + int64 j)) cur
                    cur <- next
                    j, t ]
            cur, Trace.ChoseMany traces

    /// <summary>Runs the pipeline on a sample with a seed: the augmented sample and the trace of what it drew.
    /// The same (pipeline, seed, sample) always gives the same bits.</summary>
    /// <exception cref="System.ArgumentException">The sample is invalid (see <c>Sample.validate</c>).</exception>
    [<CompiledName("Run")>]
    let run (a: Aug) (seed: Seed) (s: Sample) = exec a seed (Sample.validate s)

    /// The augmented sample alone.
    [<CompiledName("Apply")>]
    let apply (a: Aug) (seed: Seed) (s: Sample) = fst (run a seed s)

    /// <summary>Re-applies a trace: the same pipeline, the recorded parameters, no seed.</summary>
    /// <exception cref="System.ArgumentException">The trace does not fit the pipeline's shape (the message says where).</exception>
    [<CompiledName("Replay")>]
    let replay (a: Aug) (trace: Trace) (s: Sample) =
        let mismatch path (t: Trace) what : 'a =
            raise (ArgumentException(Throw.Message("trace", sprintf "%A at %s" t path, what), "trace"))
        let rec go path (a: Aug) (t: Trace) (s: Sample) =
            match a, t with
            | Aug.Identity, Trace.Skip -> s
            | Aug.Op o, Trace.Applied (name, p) ->
                if name <> o.Name then mismatch path t (sprintf "parameters of op %s" o.Name)
                o.Apply p s
            | Aug.Sequence steps, Trace.Steps ts when ts.Length = steps.Length ->
                List.fold2 (fun (i, cur) step st -> i + 1, go (sprintf "%s/%d" path i) step st cur) (0, s) steps ts |> snd
            | Aug.Maybe (_, inner), Trace.Coin (applied, it) -> if applied then go (path + "/maybe") inner it s else s
            | Aug.OneOf cs, Trace.Chose (i, it) when i >= 0 && i < cs.Length -> go (sprintf "%s/%d" path i) (snd cs.[i]) it s
            | Aug.SomeOf (n, cs), Trace.ChoseMany picks when picks.Length = n ->
                picks |> List.fold (fun cur (j, it) ->
                    if j < 0 || j >= cs.Length then mismatch path t (sprintf "choice indices below %d" cs.Length)
                    go (sprintf "%s/%d" path j) cs.[j] it cur) s
            | _ -> mismatch path t (sprintf "a trace node for %s" ((string a).Split('\n').[0].Trim()))
        go "" a trace (Sample.validate s)

/// Authoring ops: a name, how to draw the parameters, and what they do to each target.
[<RequireQualifiedAccess>]
module Op =

    /// <summary>An op from its two halves. <paramref name="draw"/> must be a pure function of the seed and shape.</summary>
    [<CompiledName("Create")>]
    let create (name: string) (draw: Seed -> Shape -> Params) (apply: Params -> Sample -> Sample) =
        if String.IsNullOrWhiteSpace name then Throw.Argument("name", name, "a non-empty op name")
        { Name = name; Draw = draw; Apply = apply }

    /// <summary>An op whose parameters are drawn from named samplers (parameter i from child seed i).</summary>
    [<CompiledName("OfSamplers")>]
    let ofSamplers (name: string) (samplers: (string * Sampler) list) (apply: Params -> Sample -> Sample) =
        samplers |> List.iter (snd >> Sampler.validate >> ignore)
        let draw seed (_: Shape) =
            samplers |> List.mapi (fun i (n, s) -> n, Sampler.draw s (Seed.derive seed (int64 i))) |> Map.ofList
        create name draw apply

    /// <summary>A pixel op: draws from named samplers and changes only the image; label, boxes, mask and keypoints
    /// pass through (compose <c>Op.mapLabel</c> for a label effect).</summary>
    [<CompiledName("Pixel")>]
    let pixel (name: string) (samplers: (string * Sampler) list) (f: Params -> Image -> Image) =
        ofSamplers name samplers (fun p s -> { s with Image = f p s.Image })

    /// Adds an effect on the label after the op's own apply.
    [<CompiledName("MapLabel")>]
    let mapLabel (f: Params -> float[] -> float[]) (o: Op) =
        { o with Apply = fun p s -> let r = o.Apply p s in { r with Label = f p r.Label } }

    /// <summary>Reads a parameter by name.</summary>
    /// <exception cref="System.ArgumentException">The op drew no parameter of that name.</exception>
    [<CompiledName("Param")>]
    let param (name: string) (p: Params) =
        match Map.tryFind name p with
        | Some v -> v
        | None -> Throw.Argument("name", name, sprintf "one of the drawn parameters [%s]" (String.Join(", ", p.Keys))); nan
