namespace Augment

open System
open System.Collections.Generic
open System.Globalization
open System.IO
open System.Reflection
open System.Text.Json
open System.Text.Json.Nodes
open Microsoft.FSharp.Reflection
open Augment.Native

/// <summary>Saved pipelines: a whole <c>Aug</c> tree as versioned JSON (format <c>augment-pipeline</c>, version 1,
/// described in docs/PIPELINE-FORMAT.md) and back.</summary>
[<RequireQualifiedAccess>]
module Pipeline =

    /// The value of the format field.
    [<Literal>]
    let FormatName = "augment-pipeline"

    /// The format version this library writes and reads.
    [<Literal>]
    let Version = 1

    let private fail (path: string) (what: string) : 'a = raise (ArgumentException(sprintf "%s: %s" path what, "json"))

    let private shown (n: JsonNode) =
        if isNull n then "missing"
        else
            let s = n.ToJsonString()
            if s.Length > 80 then s.Substring(0, 80) + "..." else s

    let private bad (path: string) (n: JsonNode) (expected: string) : 'a = fail path (sprintf "was %s; expected %s" (shown n) expected)

    // ------------------------------------------------------------------ constructors

    /// A public constructor of the library: a module function or value whose result is a pipeline.
    type private Constructor =
        { Name: string
          Parameters: ParameterInfo[]
          Invoke: obj[] -> obj }

    let private isModule (t: Type) =
        t.IsAbstract && t.IsSealed
        && t.GetCustomAttributes(typeof<CompilationMappingAttribute>, false)
           |> Seq.exists (fun a -> (a :?> CompilationMappingAttribute).SourceConstructFlags = SourceConstructFlags.Module)

    let private moduleName (t: Type) =
        if t.Name.EndsWith "Module" && t.Name.Length > 6 then t.Name.Substring(0, t.Name.Length - 6) else t.Name

    // Every public module function or value of this assembly that returns a pipeline, except the combinators of Aug
    // itself: those of Ops by their compiled name (Rotate), those of other modules as Module.Name (a policy module's).
    let private constructors : Lazy<Dictionary<string, Constructor>> =
        lazy
            let table = Dictionary<string, Constructor>(StringComparer.Ordinal)
            let augModule = typeof<AugSource>.Assembly.GetTypes() |> Array.filter (fun t -> isModule t && moduleName t = "Aug")
            for t in typeof<AugSource>.Assembly.GetExportedTypes() do
                if isModule t && not (Array.contains t augModule) then
                    let qualify (n: string) = if moduleName t = "Ops" then n else moduleName t + "." + n
                    let add (c: Constructor) =
                        if table.ContainsKey c.Name then invalidOp (sprintf "two pipeline constructors are named %s" c.Name)
                        table[c.Name] <- c
                    for m in t.GetMethods(BindingFlags.Public ||| BindingFlags.Static) do
                        if m.ReturnType = typeof<Aug> && not m.IsSpecialName && not m.IsGenericMethodDefinition then
                            add { Name = qualify m.Name; Parameters = m.GetParameters(); Invoke = fun args -> m.Invoke(null, args) }
                    for p in t.GetProperties(BindingFlags.Public ||| BindingFlags.Static) do
                        if p.PropertyType = typeof<Aug> then
                            add { Name = qualify p.Name; Parameters = [||]; Invoke = fun _ -> p.GetValue null }
            table

    let private tryConstructor (name: string) =
        match constructors.Force().TryGetValue name with
        | true, c -> Some c
        | _ -> None

    /// <summary>The names of the constructors a saved pipeline may call, sorted.</summary>
    [<CompiledName("ConstructorNames")>]
    let constructorNames () = constructors.Force().Keys |> Seq.sort |> List.ofSeq

    // ------------------------------------------------------------------ values

    let private isList (t: Type) = t.IsGenericType && t.GetGenericTypeDefinition() = typedefof<list<int>>
    let private isSeq (t: Type) = t.IsGenericType && t.GetGenericTypeDefinition() = typedefof<seq<int>>
    let private isOption (t: Type) = t.IsGenericType && t.GetGenericTypeDefinition() = typedefof<option<int>>

    let private number (path: string) (v: float) : JsonNode =
        if not (Double.IsFinite v) then fail path (sprintf "is %g, which JSON cannot hold; expected a finite number" v)
        JsonValue.Create v :> JsonNode

    let private samplerNode (path: string) (s: Sampler) : JsonNode =
        let o = JsonObject()
        let nums (xs: float list) =
            let a = JsonArray()
            xs |> List.iteri (fun i x -> a.Add(number (sprintf "%s[%d]" path i) x))
            a :> JsonNode
        match s with
        | Sampler.Constant v -> o["constant"] <- number (path + ".constant") v
        | Sampler.Uniform (a, b) -> o["uniform"] <- nums [ a; b ]
        | Sampler.ClippedNormal (m, sd, a, b) -> o["clippedNormal"] <- nums [ m; sd; a; b ]
        | Sampler.LogUniform (a, b) -> o["logUniform"] <- nums [ a; b ]
        | Sampler.Beta (a, b) -> o["beta"] <- nums [ a; b ]
        o :> JsonNode

    let rec private writeValue (path: string) (t: Type) (v: obj) : JsonNode =
        if t = typeof<Aug> then writeAug path (v :?> Aug)
        elif t = typeof<float> then number path (v :?> float)
        elif t = typeof<float32> then number path (float (v :?> float32))
        elif t = typeof<int> then JsonValue.Create(v :?> int) :> JsonNode
        elif t = typeof<int64> then JsonValue.Create(v :?> int64) :> JsonNode
        elif t = typeof<bool> then JsonValue.Create(v :?> bool) :> JsonNode
        elif t = typeof<string> then (if isNull v then fail path "is null; expected a string" else JsonValue.Create(v :?> string) :> JsonNode)
        elif t.IsEnum then
            match Enum.GetName(t, v) with
            | null -> fail path (sprintf "is %O, which is not a named value of %s" v t.Name)
            | n -> JsonValue.Create n :> JsonNode
        elif t = typeof<Sampler> then samplerNode path (v :?> Sampler)
        elif isOption t then
            match v with
            | null -> null
            | _ -> writeValue path (t.GetGenericArguments().[0]) (t.GetProperty("Value").GetValue v)
        elif t.IsArray || isList t || isSeq t then
            if isNull v then fail path "is null; expected a sequence"
            let et = if t.IsArray then t.GetElementType() else t.GetGenericArguments().[0]
            let a = JsonArray()
            let mutable i = 0
            for x in (v :?> Collections.IEnumerable) do
                a.Add(writeValue (sprintf "%s[%d]" path i) et x)
                i <- i + 1
            a :> JsonNode
        elif FSharpType.IsTuple t then
            let a = JsonArray()
            Array.iteri2 (fun i et x -> a.Add(writeValue (sprintf "%s[%d]" path i) et x)) (FSharpType.GetTupleElements t) (FSharpValue.GetTupleFields v)
            a :> JsonNode
        elif FSharpType.IsRecord t then
            let o = JsonObject()
            for f in FSharpType.GetRecordFields t do o[f.Name] <- writeValue (path + "." + f.Name) f.PropertyType (f.GetValue v)
            o :> JsonNode
        else fail path (sprintf "has type %s, which a saved pipeline cannot hold" t.Name)

    and private writeAug (path: string) (a: Aug) : JsonNode =
        let o = JsonObject()
        match Aug.trySource a with
        | Some s ->
            let c =
                match tryConstructor s.Constructor with
                | Some c -> c
                | None -> fail path (sprintf "was built by %s, which is not a public pipeline constructor of this library" s.Constructor)
            let names = c.Parameters |> Array.map (fun p -> p.Name) |> List.ofArray
            if names <> List.map fst s.Arguments then
                fail path (sprintf "records the arguments [%s] of %s, whose parameters are [%s]"
                               (String.Join(", ", List.map fst s.Arguments)) s.Constructor (String.Join(", ", names)))
            o["op"] <- JsonValue.Create s.Constructor
            if not (c.Parameters.Length = 0) then
                let args = JsonObject()
                for p, (n, v) in Seq.zip c.Parameters s.Arguments do
                    args[n] <- writeValue (sprintf "%s.args.%s" path n) p.ParameterType v
                o["args"] <- args
        | None ->
            match a with
            | Aug.Identity -> o["identity"] <- JsonObject()
            | Aug.Op op -> o["custom"] <- JsonValue.Create op.Name
            | Aug.Sequence steps ->
                let arr = JsonArray()
                steps |> List.iteri (fun i s -> arr.Add(writeAug (sprintf "%s.sequence[%d]" path i) s))
                o["sequence"] <- arr
            | Aug.Maybe (p, inner) ->
                o["maybe"] <- number (path + ".maybe") p
                o["then"] <- writeAug (path + ".then") inner
            | Aug.OneOf choices ->
                let arr = JsonArray()
                choices |> List.iteri (fun i (w, c) ->
                    let here = sprintf "%s.oneOf[%d]" path i
                    let x = JsonObject()
                    x["weight"] <- number (here + ".weight") w
                    x["then"] <- writeAug (here + ".then") c
                    arr.Add x)
                o["oneOf"] <- arr
            | Aug.SomeOf (n, choices) ->
                o["someOf"] <- JsonValue.Create n
                let arr = JsonArray()
                choices |> List.iteri (fun i c -> arr.Add(writeAug (sprintf "%s.of[%d]" path i) c))
                o["of"] <- arr
        o :> JsonNode

    /// <summary>A pipeline as a JSON document: <c>{"format": "augment-pipeline", "version": 1, "pipeline": node}</c>.</summary>
    [<CompiledName("ToNode")>]
    let toNode (a: Aug) : JsonNode =
        if isNull (box a) then nullArg "a"
        let o = JsonObject()
        o["format"] <- JsonValue.Create FormatName
        o["version"] <- JsonValue.Create Version
        o["pipeline"] <- writeAug "$.pipeline" a
        o :> JsonNode

    let private writeOptions =
        JsonSerializerOptions(WriteIndented = true, MaxDepth = 8 * Aug.MaxDepth + 64, NewLine = "\n")

    /// <summary>A pipeline as indented JSON text (LF line ends, no final newline).</summary>
    [<CompiledName("Save")>]
    let save (a: Aug) = (toNode a).ToJsonString writeOptions

    // ------------------------------------------------------------------ reading

    let private floatAt (path: string) (n: JsonNode) =
        match n with
        | :? JsonValue as v when (let mutable d = 0.0 in v.TryGetValue<float>(&d)) -> v.GetValue<float>()
        | _ -> bad path n "a number"

    let private intAt (path: string) (n: JsonNode) =
        let d = floatAt path n
        if d <> Math.Floor d || d < float Int32.MinValue || d > float Int32.MaxValue then bad path n "an integer"
        int d

    let private stringAt (path: string) (n: JsonNode) =
        match n with
        | :? JsonValue as v when (let mutable s = "" in v.TryGetValue<string>(&s)) -> v.GetValue<string>()
        | _ -> bad path n "a string"

    let private arrayAt (path: string) (n: JsonNode) (expected: string) =
        match n with
        | :? JsonArray as a -> List.ofSeq a
        | _ -> bad path n expected

    let private onlyKeys (path: string) (o: JsonObject) (allowed: string list) =
        for kv in o do
            if not (List.contains kv.Key allowed) then
                fail (path + "." + kv.Key) (sprintf "is not a field here; expected only %s" (String.Join(", ", allowed)))

    // Runs a library check and reports what it refuses at the JSON path.
    let private checkedAt (path: string) (f: unit -> 'a) =
        try f ()
        with :? ArgumentException as e when not (e.Message.StartsWith "$") -> fail path (sprintf "was refused: %s" e.Message)

    let private samplerAt (path: string) (n: JsonNode) =
        let expected = "a sampler: {\"constant\": v}, {\"uniform\": [low, high]}, {\"clippedNormal\": [mean, stddev, low, high]}, {\"logUniform\": [low, high]} or {\"beta\": [alpha, beta]}"
        match n with
        | :? JsonObject as o when o.Count = 1 ->
            let kv = Seq.head o
            let here = path + "." + kv.Key
            let nums k =
                let xs = arrayAt here kv.Value (sprintf "an array of %d numbers" k)
                if xs.Length <> k then bad here kv.Value (sprintf "an array of %d numbers" k)
                xs |> List.mapi (fun i x -> floatAt (sprintf "%s[%d]" here i) x)
            checkedAt here (fun () ->
                match kv.Key, kv.Value with
                | "constant", v -> Sampler.constant (floatAt here v)
                | "uniform", _ -> (match nums 2 with [ a; b ] -> Sampler.uniform a b | _ -> bad here kv.Value expected)
                | "clippedNormal", _ -> (match nums 4 with [ m; sd; a; b ] -> Sampler.clippedNormal m sd a b | _ -> bad here kv.Value expected)
                | "logUniform", _ -> (match nums 2 with [ a; b ] -> Sampler.logUniform a b | _ -> bad here kv.Value expected)
                | "beta", _ -> (match nums 2 with [ a; b ] -> Sampler.beta a b | _ -> bad here kv.Value expected)
                | _ -> bad path n expected)
        | _ -> bad path n expected

    // depth counts pipeline nodes, so a hostile file cannot exhaust the stack (the JSON reader bounds the rest).
    let rec private readValue (custom: string -> Op option) (depth: int) (path: string) (t: Type) (n: JsonNode) : obj =
        if t = typeof<Aug> then box (readAug custom (depth + 1) path n)
        elif t = typeof<float> then box (floatAt path n)
        elif t = typeof<float32> then
            let d = floatAt path n
            if abs d > float Single.MaxValue then bad path n "a float32"
            box (float32 d)
        elif t = typeof<int> then box (intAt path n)
        elif t = typeof<int64> then
            let d = floatAt path n
            if d <> Math.Floor d || abs d > 9.007199254740992e15 then bad path n "an integer"
            box (int64 d)
        elif t = typeof<bool> then
            match n with
            | :? JsonValue as v when (let mutable b = false in v.TryGetValue<bool>(&b)) -> box (v.GetValue<bool>())
            | _ -> bad path n "true or false"
        elif t = typeof<string> then box (stringAt path n)
        elif t.IsEnum then
            let names = Enum.GetNames t
            match n with
            | :? JsonValue as v when (let mutable s = "" in v.TryGetValue<string>(&s)) && Array.contains (v.GetValue<string>()) names ->
                Enum.Parse(t, v.GetValue<string>())
            | _ -> bad path n (sprintf "one of %s" (String.Join(", ", names)))
        elif t = typeof<Sampler> then box (samplerAt path n)
        elif isOption t then
            if isNull n then null
            else
                let et = t.GetGenericArguments().[0]
                let some = FSharpType.GetUnionCases t |> Array.find (fun c -> c.Name = "Some")
                FSharpValue.MakeUnion(some, [| readValue custom depth path et n |])
        elif t.IsArray || isList t || isSeq t then
            let et = if t.IsArray then t.GetElementType() else t.GetGenericArguments().[0]
            let items = arrayAt path n "an array" |> List.mapi (fun i x -> readValue custom depth (sprintf "%s[%d]" path i) et x)
            let arr = Array.CreateInstance(et, items.Length)
            items |> List.iteri (fun i x -> arr.SetValue(x, i))
            if isList t then
                let lt = typedefof<list<int>>.MakeGenericType et
                let cons = lt.GetMethod("Cons")
                let mutable acc = lt.GetProperty("Empty").GetValue null
                for i in items.Length - 1 .. -1 .. 0 do acc <- cons.Invoke(null, [| arr.GetValue i; acc |])
                acc
            else box arr
        elif FSharpType.IsTuple t then
            let ets = FSharpType.GetTupleElements t
            let xs = arrayAt path n (sprintf "an array of %d values" ets.Length)
            if xs.Length <> ets.Length then bad path n (sprintf "an array of %d values" ets.Length)
            FSharpValue.MakeTuple(Array.ofList (List.mapi2 (fun i et x -> readValue custom depth (sprintf "%s[%d]" path i) et x) (List.ofArray ets) xs), t)
        elif FSharpType.IsRecord t then
            match n with
            | :? JsonObject as o ->
                let fields = FSharpType.GetRecordFields t
                onlyKeys path o (fields |> Array.map (fun f -> f.Name) |> List.ofArray)
                FSharpValue.MakeRecord(t, fields |> Array.map (fun f -> readValue custom depth (path + "." + f.Name) f.PropertyType o[f.Name]))
            | _ -> bad path n (sprintf "an object with the fields of %s" t.Name)
        else fail path (sprintf "has type %s, which a saved pipeline cannot hold" t.Name)

    and private readAug (custom: string -> Op option) (depth: int) (path: string) (n: JsonNode) : Aug =
        if depth > Aug.MaxDepth then fail path (sprintf "is nested more than %d pipelines deep" Aug.MaxDepth)
        let child = readAug custom (depth + 1)
        let expected = "a pipeline node: {\"op\", \"args\"}, {\"custom\"}, {\"sequence\"}, {\"maybe\", \"then\"}, {\"oneOf\"}, {\"someOf\", \"of\"} or {\"identity\"}"
        match n with
        | :? JsonObject as o ->
            if o.ContainsKey "op" then
                onlyKeys path o [ "op"; "args" ]
                let name = stringAt (path + ".op") o["op"]
                let c =
                    match tryConstructor name with
                    | Some c -> c
                    | None -> fail (path + ".op") (sprintf "was \"%s\", which is not an op of this library; expected a constructor name such as Rotate (see Pipeline.constructorNames), or {\"custom\": name} for a custom op" name)
                let args =
                    match o["args"] with
                    | null when (c.Parameters.Length = 0) -> JsonObject()
                    | :? JsonObject as a -> a
                    | x -> bad (path + ".args") x "an object of the constructor's arguments by name"
                let names = c.Parameters |> Array.map (fun p -> p.Name) |> List.ofArray
                onlyKeys (path + ".args") args names
                let values =
                    c.Parameters |> Array.map (fun p ->
                        let here = sprintf "%s.args.%s" path p.Name
                        if not (args.ContainsKey p.Name) then fail here (sprintf "is missing; %s takes %s" name (String.Join(", ", names)))
                        readValue custom depth here p.ParameterType args[p.Name])
                try c.Invoke values :?> Aug
                with :? TargetInvocationException as e when (e.InnerException :? ArgumentException) ->
                    let inner = e.InnerException :?> ArgumentException
                    let here =
                        if not (isNull inner.ParamName) && List.contains inner.ParamName names then sprintf "%s.args.%s" path inner.ParamName
                        else path
                    fail here (sprintf "was refused by %s: %s" name inner.Message)
            elif o.ContainsKey "custom" then
                onlyKeys path o [ "custom" ]
                let name = stringAt (path + ".custom") o["custom"]
                match custom name with
                | Some op when not (isNull op) ->
                    if op.Name <> name then fail (path + ".custom") (sprintf "was \"%s\", but the resolver gave the op \"%s\"" name op.Name)
                    Aug.op op
                | _ -> fail (path + ".custom") (sprintf "was \"%s\", a custom op that is not registered; expected a name the resolver knows" name)
            elif o.ContainsKey "sequence" then
                onlyKeys path o [ "sequence" ]
                let here = path + ".sequence"
                Aug.sequence (arrayAt here o["sequence"] "an array of pipeline nodes" |> List.mapi (fun i x -> child (sprintf "%s[%d]" here i) x))
            elif o.ContainsKey "maybe" then
                onlyKeys path o [ "maybe"; "then" ]
                let p = floatAt (path + ".maybe") o["maybe"]
                if not (p >= 0.0 && p <= 1.0) then bad (path + ".maybe") o["maybe"] "a probability in [0, 1]"
                Aug.maybe p (child (path + ".then") o["then"])
            elif o.ContainsKey "oneOf" then
                onlyKeys path o [ "oneOf" ]
                let here = path + ".oneOf"
                let choices =
                    arrayAt here o["oneOf"] "an array of {\"weight\", \"then\"}" |> List.mapi (fun i x ->
                        let at = sprintf "%s[%d]" here i
                        match x with
                        | :? JsonObject as c ->
                            onlyKeys at c [ "weight"; "then" ]
                            let w = floatAt (at + ".weight") c["weight"]
                            if not (Double.IsFinite w && w >= 0.0) then bad (at + ".weight") c["weight"] "a finite weight >= 0"
                            w, child (at + ".then") c["then"]
                        | _ -> bad at x "an object {\"weight\", \"then\"}")
                checkedAt here (fun () -> Aug.oneOf choices)
            elif o.ContainsKey "someOf" then
                onlyKeys path o [ "someOf"; "of" ]
                let k = intAt (path + ".someOf") o["someOf"]
                let choices = arrayAt (path + ".of") o["of"] "an array of pipeline nodes" |> List.mapi (fun i x -> child (sprintf "%s.of[%d]" path i) x)
                if k < 0 || k > choices.Length then bad (path + ".someOf") o["someOf"] (sprintf "a count in [0, %d] (the number of choices)" choices.Length)
                Aug.someOf k choices
            elif o.ContainsKey "identity" then
                onlyKeys path o [ "identity" ]
                match o["identity"] with
                | :? JsonObject as e when e.Count = 0 -> Aug.identity
                | x -> bad (path + ".identity") x "an empty object"
            else bad path n expected
        | _ -> bad path n expected

    /// <summary>Reads a pipeline document (see <c>toNode</c>); custom ops are resolved by name with <paramref name="custom"/>.</summary>
    /// <exception cref="System.ArgumentException">The document is not a version-1 pipeline, names an unknown op, or holds a
    /// value an op refuses; the message starts with the JSON path, e.g. <c>$.pipeline.sequence[2].args.degrees</c>.</exception>
    [<CompiledName("OfNodeWith")>]
    let ofNodeWith (custom: string -> Op option) (n: JsonNode) : Aug =
        if isNull (box custom) then nullArg "custom"
        match n with
        | :? JsonObject as o ->
            onlyKeys "$" o [ "format"; "version"; "pipeline" ]
            if stringAt "$.format" o["format"] <> FormatName then bad "$.format" o["format"] (sprintf "\"%s\"" FormatName)
            let v = intAt "$.version" o["version"]
            if v <> Version then bad "$.version" o["version"] (sprintf "%d (the version this library reads)" Version)
            readAug custom 1 "$.pipeline" o["pipeline"]
        | _ -> bad "$" n (sprintf "a pipeline document {\"format\": \"%s\", \"version\": %d, \"pipeline\": ...}" FormatName Version)

    let private readOptions = JsonDocumentOptions(MaxDepth = 8 * Aug.MaxDepth + 64)

    /// <summary>Reads pipeline JSON text; custom ops are resolved by name with <paramref name="custom"/>.</summary>
    /// <exception cref="System.ArgumentException">The text is not JSON, or as <c>ofNodeWith</c>.</exception>
    [<CompiledName("LoadWith")>]
    let loadWith (custom: string -> Op option) (text: string) =
        if isNull text then nullArg "text"
        let node =
            try JsonNode.Parse(text, Nullable(), readOptions)
            with :? JsonException as e -> raise (ArgumentException(sprintf "$: not JSON (%s)" e.Message, "text"))
        ofNodeWith custom node

    /// <summary>Reads pipeline JSON text that holds no custom ops.</summary>
    /// <exception cref="System.ArgumentException">As <c>loadWith</c>; a custom op is reported as not registered.</exception>
    [<CompiledName("Load")>]
    let load (text: string) = loadWith (fun _ -> None) text

    /// <summary>Writes a pipeline to a file atomically: to a temporary file beside it, then renamed over it.</summary>
    [<CompiledName("SaveFile")>]
    let saveFile (path: string) (a: Aug) =
        if String.IsNullOrWhiteSpace path then Throw.Argument("path", path, "a file path")
        let text = save a + "\n"
        let full = Path.GetFullPath path
        let temp = Path.Combine(Path.GetDirectoryName full, sprintf ".%s.%s.tmp" (Path.GetFileName full) (Guid.NewGuid().ToString "N"))
        try
            File.WriteAllText(temp, text, Text.UTF8Encoding(false))
            File.Move(temp, full, true)
        finally
            if File.Exists temp then File.Delete temp

    /// <summary>Reads a pipeline file; custom ops are resolved by name with <paramref name="custom"/>.</summary>
    /// <exception cref="System.IO.InvalidDataException">The file is not a pipeline this library reads; the message names the
    /// file and the JSON path.</exception>
    [<CompiledName("LoadFileWith")>]
    let loadFileWith (custom: string -> Op option) (path: string) =
        if String.IsNullOrWhiteSpace path then Throw.Argument("path", path, "a file path")
        let text = File.ReadAllText path
        try loadWith custom text
        with :? ArgumentException as e -> raise (InvalidDataException(sprintf "%s: %s" path e.Message, e))

    /// <summary>Reads a pipeline file that holds no custom ops.</summary>
    /// <exception cref="System.IO.InvalidDataException">As <c>loadFileWith</c>.</exception>
    [<CompiledName("LoadFile")>]
    let loadFile (path: string) = loadFileWith (fun _ -> None) path

    /// <summary>Whether two pipelines are the same: the same combinators with the same probabilities, weights and counts,
    /// the same constructor calls with equal arguments, and custom ops of the same names (what <c>save</c> writes).</summary>
    [<CompiledName("Equivalent")>]
    let equivalent (a: Aug) (b: Aug) = JsonNode.DeepEquals(toNode a, toNode b)
