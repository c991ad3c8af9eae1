namespace Augment

open System
open System.Text.Json
open System.Text.Json.Nodes
open Augment.Native

/// JSON forms of traces and of a sample's annotations.
[<RequireQualifiedAccess>]
module Json =

    // Deep enough for any trace of a pipeline nested Aug.MaxDepth deep (up to three JSON levels per node).
    let private options = JsonSerializerOptions(WriteIndented = true, MaxDepth = 4 * Aug.MaxDepth + 64)

    let private num (v: float) = JsonValue.Create v :> JsonNode

    let private arr (xs: JsonNode seq) =
        let a = JsonArray()
        for x in xs do a.Add x
        a

    /// <summary>A trace as JSON: <c>{"op", "params"}</c> (params: the op's parameter record, field by field), <c>{"steps"}</c>, <c>{"coin", "then"}</c>,
    /// <c>{"chose", "then"}</c>, <c>{"choseMany": [{"index", "then"}]}</c> or <c>{"skip": true}</c>.</summary>
    [<CompiledName("TraceToNode")>]
    let rec traceToNode (t: Trace) : JsonNode =
        let o = JsonObject()
        match t with
        | Trace.Skip -> o["skip"] <- JsonValue.Create true
        | Trace.Applied (name, p) ->
            o["op"] <- JsonValue.Create name
            o["params"] <-
                match p with
                | :? JsonNode as n -> n.DeepClone()
                | null -> null
                | x -> ParamCodec.toNode (x.GetType()) x
        | Trace.Steps ts -> o["steps"] <- arr (ts |> List.map traceToNode)
        | Trace.Coin (b, inner) ->
            o["coin"] <- JsonValue.Create b
            o["then"] <- traceToNode inner
        | Trace.Chose (i, inner) ->
            o["chose"] <- JsonValue.Create i
            o["then"] <- traceToNode inner
        | Trace.ChoseMany picks ->
            o["choseMany"] <-
                arr (picks |> List.map (fun (j, inner) ->
                    let p = JsonObject()
                    p["index"] <- JsonValue.Create j
                    p["then"] <- traceToNode inner
                    p :> JsonNode))
        o :> JsonNode

    let private badAt (path: string) (n: JsonNode) (expected: string) : 'a =
        raise (ArgumentException(sprintf "%s: was %s; expected %s" path (if isNull n then "missing" else n.ToJsonString()) expected, "json"))

    let private intAt path (n: JsonNode) =
        match n with
        | :? JsonValue as v when (let mutable d = 0.0 in v.TryGetValue<float>(&d) && d = Math.Floor d && abs d < 2e9) -> int (v.GetValue<float>())
        | _ -> badAt path n "an integer"

    let private boolAt path (n: JsonNode) =
        match n with
        | :? JsonValue as v when (let mutable b = false in v.TryGetValue<bool>(&b)) -> v.GetValue<bool>()
        | _ -> badAt path n "true or false"

    let private arrayAt path (n: JsonNode) =
        match n with
        | :? JsonArray as a -> List.ofSeq a
        | _ -> badAt path n "an array"

    // Depth-first with an explicit bound: a trace is no deeper than its pipeline, and a hostile file cannot
    // exhaust the stack.
    let rec private readTrace (depth: int) (path: string) (n: JsonNode) : Trace =
        if depth > 512 then badAt path n "a trace nested at most 512 deep"
        let next = readTrace (depth + 1)
        match n with
        | :? JsonObject as o ->
            if o.ContainsKey "skip" then Trace.Skip
            elif o.ContainsKey "op" then
                // Parameters stay JSON until a replay decodes them against the op's record type and domain.
                let ps = match o["params"] with null -> null | p -> p.DeepClone()
                match o["op"] with
                | :? JsonValue as v when (let mutable s = "" in v.TryGetValue<string>(&s)) -> Trace.Applied(v.GetValue<string>(), box ps)
                | x -> badAt (path + ".op") x "an op name"
            elif o.ContainsKey "steps" then
                Trace.Steps(arrayAt (path + ".steps") o["steps"] |> List.mapi (fun i x -> next (sprintf "%s.steps[%d]" path i) x))
            elif o.ContainsKey "coin" then Trace.Coin(boolAt (path + ".coin") o["coin"], next (path + ".then") o["then"])
            elif o.ContainsKey "chose" then Trace.Chose(intAt (path + ".chose") o["chose"], next (path + ".then") o["then"])
            elif o.ContainsKey "choseMany" then
                Trace.ChoseMany(
                    arrayAt (path + ".choseMany") o["choseMany"] |> List.mapi (fun i x ->
                        let here = sprintf "%s.choseMany[%d]" path i
                        match x with
                        | :? JsonObject as p -> intAt (here + ".index") p["index"], next (here + ".then") p["then"]
                        | _ -> badAt here x "an object {\"index\", \"then\"}"))
            else badAt path n "a trace node (skip, op, steps, coin, chose or choseMany)"
        | _ -> badAt path n "a trace object written by Json.traceToString"

    /// <summary>Reads a trace written by <c>traceToNode</c>. Parameters stay JSON until a replay checks them.</summary>
    /// <exception cref="System.ArgumentException">The JSON is not a trace; the message starts with the JSON path.</exception>
    [<CompiledName("TraceOfNode")>]
    let traceOfNode (n: JsonNode) : Trace = readTrace 0 "$" n

    /// A trace as indented JSON text.
    [<CompiledName("TraceToString")>]
    let traceToString (t: Trace) = (traceToNode t).ToJsonString options

    /// <summary>Reads JSON text written by <c>traceToString</c>.</summary>
    /// <exception cref="System.ArgumentException">The text is not a trace.</exception>
    [<CompiledName("TraceOfString")>]
    let traceOfString (text: string) =
        let node =
            try JsonNode.Parse(text, Nullable(), JsonDocumentOptions(MaxDepth = 4 * Aug.MaxDepth + 64))
            with :? JsonException as e -> Throw.Argument("text", (if text.Length > 60 then text.Substring(0, 60) + "..." else text), "trace JSON: " + e.Message); null
        traceOfNode node

    /// <summary>A sample's annotations (not its pixels) as JSON: size, label, boxes (corners and COCO
    /// <c>[x, y, w, h]</c>), keypoints and whether it has a mask.</summary>
    [<CompiledName("AnnotationsToNode")>]
    let annotationsToNode (s: Sample) : JsonNode =
        let o = JsonObject()
        o["width"] <- JsonValue.Create s.Image.Width
        o["height"] <- JsonValue.Create s.Image.Height
        o["channels"] <- JsonValue.Create s.Image.Channels
        o["label"] <- arr (s.Label |> Seq.map num)
        o["boxes"] <-
            arr (s.Boxes |> Seq.map (fun b ->
                let bo = JsonObject()
                bo["id"] <- JsonValue.Create b.Id
                bo["class"] <- JsonValue.Create b.Class
                bo["xyxy"] <- arr (Box.toVoc b |> Seq.map (fun v -> num (Math.Round(v, 3))))
                bo["coco"] <- arr (Box.toCoco b |> Seq.map (fun v -> num (Math.Round(v, 3))))
                bo :> JsonNode))
        o["keypoints"] <-
            arr (s.Keypoints |> Seq.map (fun k ->
                let ko = JsonObject()
                ko["x"] <- num k.X
                ko["y"] <- num k.Y
                ko["visible"] <- JsonValue.Create k.Visible
                ko :> JsonNode))
        o["mask"] <- JsonValue.Create s.Mask.IsSome
        o :> JsonNode

    /// JSON text of any node, indented.
    [<CompiledName("ToText")>]
    let toText (n: JsonNode) = n.ToJsonString options
