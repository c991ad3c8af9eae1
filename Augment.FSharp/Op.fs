namespace Augment

open System
open System.Globalization
open System.Text.Json.Nodes
open Microsoft.FSharp.Reflection
open Augment.Native

/// The parameters a custom op drew: named numbers, printable and serialisable.
type Params = Map<string, float>

/// <summary>Checks of an op's parameter domain. Each throws an <see cref="T:System.ArgumentException"/> whose
/// parameter name is the field, so that a replay can say where in a trace the bad value sits.</summary>
[<RequireQualifiedAccess>]
module Domain =

    /// A finite number.
    let finite (field: string) (v: float) =
        if not (Double.IsFinite v) then Throw.Argument(field, v, "a finite number")

    /// A finite number in [lo, hi].
    let within (field: string) (lo: float) (hi: float) (v: float) =
        if not (Double.IsFinite v && v >= lo && v <= hi) then Throw.Argument(field, v, sprintf "a number in [%g, %g]" lo hi)

    /// A finite number > 0.
    let positive (field: string) (v: float) =
        if not (Double.IsFinite v && v > 0.0) then Throw.Argument(field, v, "a finite number > 0")

    /// An integer in [lo, hi].
    let intWithin (field: string) (lo: int) (hi: int) (v: int) =
        if v < lo || v > hi then Throw.Argument(field, v, sprintf "an integer in [%d, %d]" lo hi)

    /// One of the listed values.
    let oneOf (field: string) (allowed: 'T list) (v: 'T) =
        if not (List.contains v allowed) then
            Throw.Argument(field, box v, sprintf "one of %s" (String.Join(", ", allowed |> List.map string)))

/// The parameters of an op that draws nothing (a flip, an equalize): written as an empty JSON object.
[<Sealed; AllowNullLiteral>]
type NoParams private () =
    static let value = NoParams()
    /// The one value.
    static member Value = value
    override _.Equals(o: obj) = o :? NoParams
    override _.GetHashCode() = 0
    override _.ToString() = "{}"

/// <summary>The declaration of one op, written once: its name, kind, one-line summary, the domain of its typed
/// parameter record <typeparamref name="P"/>, and its plan (parameters and the input's view to a step).</summary>
type OpSpec<'P> =
    { Name: string
      Kind: OpKind
      Summary: string
      Check: 'P -> unit
      Plan: 'P -> SampleView -> Step }

/// What the catalogue lists of an op.
type OpInfo =
    { Name: string
      Kind: OpKind
      Summary: string
      ParameterType: Type }

/// <summary>One configured op of a pipeline: a spec with its draw. Its parameters are a typed record (a map of
/// named numbers for custom ops); <c>Draw</c> is the only random step.</summary>
[<Sealed; AllowNullLiteral>]
type Op internal (info: OpInfo, draw: Seed -> SampleView -> obj, check: obj -> unit, plan: obj -> SampleView -> Step) =
    /// The op's name, as traces record it.
    member _.Name = info.Name
    /// What the op is.
    member _.Kind = info.Kind
    /// The catalogue entry.
    member _.Info = info
    /// The type of the op's parameter record.
    member _.ParameterType = info.ParameterType
    /// <summary>Draws parameters from a seed and a view of the sample (pure).</summary>
    member _.Draw(seed: Seed, view: SampleView) = draw seed view
    /// <summary>Checks parameters against the op's domain.</summary>
    /// <exception cref="System.ArgumentException">A value is outside the domain; the parameter name is the field.</exception>
    member _.Check(parameters: obj) =
        if isNull parameters || not (info.ParameterType.IsInstanceOfType parameters) then
            Throw.Argument("parameters", (if isNull parameters then "null" else parameters.GetType().Name),
                           sprintf "a %s record for op %s" info.ParameterType.Name info.Name)
        check parameters
    /// <summary>The op's effect as data, for parameters that passed <c>Check</c>.</summary>
    member _.Plan(parameters: obj, view: SampleView) = plan parameters view
    override _.ToString() = info.Name

/// <summary>Reading and writing parameter records as JSON objects with the records' field names. Fields may be
/// float, float32, int, bool, string, enums (written by name), arrays of those, or a map of named numbers.</summary>
[<RequireQualifiedAccess>]
module ParamCodec =

    let private fail (path: string) (what: string) : 'a =
        raise (ArgumentException(sprintf "%s: %s" path what, "trace"))

    let rec private write (t: Type) (v: obj) : JsonNode =
        if t = typeof<float> then JsonValue.Create(v :?> float) :> JsonNode
        elif t = typeof<float32> then JsonValue.Create(float (v :?> float32)) :> JsonNode
        elif t = typeof<int> then JsonValue.Create(v :?> int) :> JsonNode
        elif t = typeof<bool> then JsonValue.Create(v :?> bool) :> JsonNode
        elif t = typeof<string> then JsonValue.Create(v :?> string) :> JsonNode
        elif t.IsEnum then JsonValue.Create(Enum.GetName(t, v)) :> JsonNode
        elif t.IsArray then
            let a = JsonArray()
            for x in (v :?> Array) do a.Add(write (t.GetElementType()) x)
            a :> JsonNode
        elif t = typeof<NoParams> then JsonObject() :> JsonNode
        elif t = typeof<Params> then
            let o = JsonObject()
            for KeyValue (k, x) in (v :?> Params) do o[k] <- JsonValue.Create x
            o :> JsonNode
        elif FSharpType.IsRecord t then
            let o = JsonObject()
            for f in FSharpType.GetRecordFields t do o[f.Name] <- write f.PropertyType (f.GetValue v)
            o :> JsonNode
        else invalidArg "t" (sprintf "parameter field type %s is not serialisable" t.Name)

    /// A parameter record (or map of named numbers) as a JSON object.
    let toNode (t: Type) (v: obj) = write t v

    let private number (path: string) (n: JsonNode) =
        match n with
        | :? JsonValue as jv ->
            let mutable d = 0.0
            if jv.TryGetValue<float>(&d) then d
            else fail path (sprintf "was %s; expected a number" (n.ToJsonString()))
        | null -> fail path "is missing; expected a number"
        | _ -> fail path (sprintf "was %s; expected a number" (n.ToJsonString()))

    let rec private read (path: string) (t: Type) (n: JsonNode) : obj =
        if t = typeof<float> then box (number path n)
        elif t = typeof<float32> then
            let d = number path n
            if Double.IsFinite d && abs d > float Single.MaxValue then fail path (sprintf "was %g; expected a float32" d)
            box (float32 d)
        elif t = typeof<int> then
            let d = number path n
            if d <> Math.Floor d || d < float Int32.MinValue || d > float Int32.MaxValue then
                fail path (sprintf "was %s; expected an integer" (d.ToString("R", CultureInfo.InvariantCulture)))
            box (int d)
        elif t = typeof<bool> then
            match n with
            | :? JsonValue as jv when (let mutable b = false in jv.TryGetValue<bool>(&b)) -> box (jv.GetValue<bool>())
            | _ -> fail path (sprintf "was %s; expected true or false" (if isNull n then "missing" else n.ToJsonString()))
        elif t = typeof<string> then
            match n with
            | :? JsonValue as jv when (let mutable s = "" in jv.TryGetValue<string>(&s)) -> box (jv.GetValue<string>())
            | _ -> fail path (sprintf "was %s; expected a string" (if isNull n then "missing" else n.ToJsonString()))
        elif t.IsEnum then
            let names = Enum.GetNames t
            match n with
            | :? JsonValue as jv when (let mutable s = "" in jv.TryGetValue<string>(&s)) && Array.contains (jv.GetValue<string>()) names ->
                Enum.Parse(t, jv.GetValue<string>())
            | _ -> fail path (sprintf "was %s; expected one of %s" (if isNull n then "missing" else n.ToJsonString()) (String.Join(", ", names)))
        elif t.IsArray then
            match n with
            | :? JsonArray as a ->
                let et = t.GetElementType()
                let arr = Array.CreateInstance(et, a.Count)
                for i in 0 .. a.Count - 1 do arr.SetValue(read (sprintf "%s[%d]" path i) et a[i], i)
                box arr
            | _ -> fail path (sprintf "was %s; expected an array" (if isNull n then "missing" else n.ToJsonString()))
        elif t = typeof<NoParams> then
            match n with
            | :? JsonObject as o when o.Count = 0 -> box NoParams.Value
            | :? JsonObject as o -> fail (path + "." + (Seq.head o).Key) "is not a parameter; expected none (an empty object)"
            | _ -> fail path (sprintf "was %s; expected an empty object" (if isNull n then "missing" else n.ToJsonString()))
        elif t = typeof<Params> then
            match n with
            | :? JsonObject as o -> box (o |> Seq.map (fun kv -> kv.Key, number (path + "." + kv.Key) kv.Value) |> Map.ofSeq)
            | _ -> fail path (sprintf "was %s; expected an object of named numbers" (if isNull n then "missing" else n.ToJsonString()))
        elif FSharpType.IsRecord t then
            match n with
            | :? JsonObject as o ->
                let fields = FSharpType.GetRecordFields t
                for kv in o do
                    if not (fields |> Array.exists (fun f -> f.Name = kv.Key)) then
                        fail (path + "." + kv.Key) (sprintf "is not a parameter; expected one of %s" (String.Join(", ", fields |> Array.map (fun f -> f.Name))))
                let values = fields |> Array.map (fun f -> read (path + "." + f.Name) f.PropertyType o[f.Name])
                FSharpValue.MakeRecord(t, values)
            | _ -> fail path (sprintf "was %s; expected an object" (if isNull n then "missing" else n.ToJsonString()))
        else fail path (sprintf "has type %s, which is not serialisable" t.Name)

    /// <summary>Reads a parameter record of type <paramref name="t"/>; errors name the JSON path.</summary>
    /// <exception cref="System.ArgumentException">A field is missing, unknown, of the wrong type or not an integer.</exception>
    let ofNode (path: string) (t: Type) (n: JsonNode) = read path t n

/// Declaring and authoring ops.
[<RequireQualifiedAccess>]
module Op =

    /// The catalogue entry of a spec.
    let info (spec: OpSpec<'P>) : OpInfo =
        { Name = spec.Name; Kind = spec.Kind; Summary = spec.Summary; ParameterType = typeof<'P> }

    /// <summary>A configured op from its spec and its draw. The draw must be a pure function of the seed and view.</summary>
    let ofSpec (spec: OpSpec<'P>) (draw: Seed -> SampleView -> 'P) =
        Op(info spec, (fun seed view -> box (draw seed view)), (fun p -> spec.Check(unbox<'P> p)),
           (fun p view -> spec.Plan (unbox<'P> p) view))

    /// <summary>A configured op whose parameters are always <paramref name="parameters"/> (checked now).</summary>
    let constant (spec: OpSpec<'P>) (parameters: 'P) =
        spec.Check parameters
        let o = ofSpec spec (fun _ _ -> parameters)
        // A fixed op's domain is its one value: a replay that records anything else is refused.
        Op(o.Info, (fun seed view -> o.Draw(seed, view)),
           (fun p ->
               o.Check p
               if not (Object.Equals(p, box parameters)) then
                   Throw.Argument("parameters", ParamCodec.toNode typeof<'P> p |> string,
                                  sprintf "the op's fixed parameters %s" (ParamCodec.toNode typeof<'P> (box parameters) |> string))),
           (fun p view -> o.Plan(p, view)))

    /// <summary>Narrows a configured op's domain with <paramref name="check"/> (for example: a value must lie within
    /// the bounds of the sampler the op draws it from), so a replay refuses what this op could never draw.</summary>
    let within (check: 'P -> unit) (o: Op) =
        Op(o.Info, (fun seed view -> o.Draw(seed, view)), (fun p -> o.Check p; check (unbox<'P> p)), (fun p view -> o.Plan(p, view)))

    /// <summary>Checks that a recorded value lies within the bounds of the sampler that draws it.</summary>
    let inSampler (field: string) (s: Sampler) (v: float) =
        let lo, hi = Sampler.bounds s
        if not (v >= lo && v <= hi) then Throw.Argument(field, v, sprintf "a value this op's sampler (%O) can draw, in [%g, %g]" s lo hi)

    let private customSpec name kind plan : OpSpec<Params> =
        if String.IsNullOrWhiteSpace name then Throw.Argument("name", name, "a non-empty op name")
        { Name = name; Kind = kind; Summary = "custom op"
          Check = (fun p -> p |> Map.iter (fun k v -> Domain.finite k v))
          Plan = plan }

    /// <summary>A custom op from its two halves: <paramref name="draw"/> (a pure function of the seed and the
    /// input's shape) names its parameters; <paramref name="apply"/> maps them to every target of the sample.
    /// It runs on the materialised sample, so it ends fusion at its place in the pipeline.</summary>
    [<CompiledName("Create")>]
    let create (name: string) (draw: Seed -> Shape -> Params) (apply: Params -> Sample -> Sample) =
        let spec = customSpec name OpKind.Custom (fun p _ -> Step.Custom(name, apply p))
        ofSpec spec (fun seed view -> draw seed view.Shape)

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

    /// Adds an effect on the label after the op's own effect.
    [<CompiledName("MapLabel")>]
    let mapLabel (f: Params -> float[] -> float[]) (o: Op) =
        if o.ParameterType <> typeof<Params> then
            Throw.Argument("op", o.Name, "a custom op with named-number parameters (Op.create, Op.pixel, Op.ofSamplers)")
        Op(o.Info, (fun seed view -> o.Draw(seed, view)), o.Check,
           (fun p view -> Step.Many [ o.Plan(p, view); Step.Label(f (unbox<Params> p)) ]))

    /// <summary>Reads a named parameter.</summary>
    /// <exception cref="System.ArgumentException">The op drew no parameter of that name.</exception>
    [<CompiledName("Param")>]
    let param (name: string) (p: Params) =
        match Map.tryFind name p with
        | Some v -> v
        | None -> Throw.Argument("name", name, sprintf "one of the drawn parameters [%s]" (String.Join(", ", p.Keys))); nan
