namespace Augment
    
    /// The parameters a custom op drew: named numbers, printable and serialisable.
    type Params = Map<string,float>
    
    /// <summary>Checks of an op's parameter domain. Each throws an <see cref="T:System.ArgumentException"/> whose
    /// parameter name is the field, so that a replay can say where in a trace the bad value sits.</summary>
    [<RequireQualifiedAccess>]
    module Domain =
        
        /// A finite number.
        val finite: field: string -> v: float -> unit
        
        /// A finite number in [lo, hi].
        val within: field: string -> lo: float -> hi: float -> v: float -> unit
        
        /// A finite number > 0.
        val positive: field: string -> v: float -> unit
        
        /// An integer in [lo, hi].
        val intWithin: field: string -> lo: int -> hi: int -> v: int -> unit
        
        /// One of the listed values.
        val oneOf:
          field: string -> allowed: 'T list -> v: 'T -> unit when 'T: equality
    
    /// The parameters of an op that draws nothing (a flip, an equalize): written as an empty JSON object.
    [<Sealed; AllowNullLiteral>]
    type NoParams =
        
        private new: unit -> NoParams
        
        override Equals: o: obj -> bool
        
        override GetHashCode: unit -> int
        
        override ToString: unit -> string
        
        /// The one value.
        static member Value: NoParams
    
    /// <summary>The declaration of one op, written once: its name, kind, one-line summary, the domain of its typed
    /// parameter record <typeparamref name="P"/>, and its plan (parameters and the input's view to a step).</summary>
    type OpSpec<'P> =
        {
          Name: string
          Kind: OpKind
          Summary: string
          Check: ('P -> unit)
          Plan: ('P -> SampleView -> Step)
        }
    
    /// What the catalogue lists of an op.
    type OpInfo =
        {
          Name: string
          Kind: OpKind
          Summary: string
          ParameterType: System.Type
        }
    
    /// <summary>One configured op of a pipeline: a spec with its draw. Its parameters are a typed record (a map of
    /// named numbers for custom ops); <c>Draw</c> is the only random step.</summary>
    [<Sealed; AllowNullLiteral>]
    type Op =
        
        internal new: info: OpInfo * draw: (Seed -> SampleView -> obj) *
                      check: (obj -> unit) * plan: (obj -> SampleView -> Step) ->
                        Op
        
        /// <summary>Checks parameters against the op's domain.</summary>
        /// <exception cref="System.ArgumentException">A value is outside the domain; the parameter name is the field.</exception>
        member Check: parameters: obj -> unit
        
        /// <summary>Draws parameters from a seed and a view of the sample (pure).</summary>
        member Draw: seed: Seed * view: SampleView -> obj
        
        /// <summary>The op's effect as data, for parameters that passed <c>Check</c>.</summary>
        member Plan: parameters: obj * view: SampleView -> Step
        
        override ToString: unit -> string
        
        /// The catalogue entry.
        member Info: OpInfo
        
        /// What the op is.
        member Kind: OpKind
        
        /// The op's name, as traces record it.
        member Name: string
        
        /// The type of the op's parameter record.
        member ParameterType: System.Type
    
    /// <summary>Reading and writing parameter records as JSON objects with the records' field names. Fields may be
    /// float, float32, int, bool, string, enums (written by name), arrays of those, or a map of named numbers.</summary>
    [<RequireQualifiedAccess>]
    module ParamCodec =
        
        /// A parameter record (or map of named numbers) as a JSON object.
        val toNode: t: System.Type -> v: obj -> System.Text.Json.Nodes.JsonNode
        
        /// <summary>Reads a parameter record of type <paramref name="t"/>; errors name the JSON path.</summary>
        /// <exception cref="System.ArgumentException">A field is missing, unknown, of the wrong type or not an integer.</exception>
        val ofNode:
          path: string ->
            t: System.Type -> n: System.Text.Json.Nodes.JsonNode -> obj
    
    /// Declaring and authoring ops.
    [<RequireQualifiedAccess>]
    module Op =
        
        /// The catalogue entry of a spec.
        val info: spec: OpSpec<'P> -> OpInfo
        
        /// <summary>A configured op from its spec and its draw. The draw must be a pure function of the seed and view.</summary>
        val ofSpec: spec: OpSpec<'P> -> draw: (Seed -> SampleView -> 'P) -> Op
        
        /// <summary>A configured op whose parameters are always <paramref name="parameters"/> (checked now).</summary>
        val constant: spec: OpSpec<'P> -> parameters: 'P -> Op
        
        /// <summary>Narrows a configured op's domain with <paramref name="check"/> (for example: a value must lie within
        /// the bounds of the sampler the op draws it from), so a replay refuses what this op could never draw.</summary>
        val within: check: ('P -> unit) -> o: Op -> Op
        
        /// <summary>Checks that a recorded value lies within the bounds of the sampler that draws it.</summary>
        val inSampler: field: string -> s: Sampler -> v: float -> unit
        
        /// <summary>A custom op from its two halves: <paramref name="draw"/> (a pure function of the seed and the
        /// input's shape) names its parameters; <paramref name="apply"/> maps them to every target of the sample.
        /// It runs on the materialised sample, so it ends fusion at its place in the pipeline.</summary>
        [<CompiledName ("Create")>]
        val create:
          name: string ->
            draw: (Seed -> Shape -> Params) ->
            apply: (Params -> Sample -> Sample) -> Op
        
        /// <summary>An op whose parameters are drawn from named samplers (parameter i from child seed i).</summary>
        [<CompiledName ("OfSamplers")>]
        val ofSamplers:
          name: string ->
            samplers: (string * Sampler) list ->
            apply: (Params -> Sample -> Sample) -> Op
        
        /// <summary>A pixel op: draws from named samplers and changes only the image; label, boxes, mask and keypoints
        /// pass through (compose <c>Op.mapLabel</c> for a label effect).</summary>
        [<CompiledName ("Pixel")>]
        val pixel:
          name: string ->
            samplers: (string * Sampler) list ->
            f: (Params -> Native.Image -> Native.Image) -> Op
        
        /// Adds an effect on the label after the op's own effect.
        [<CompiledName ("MapLabel")>]
        val mapLabel: f: (Params -> float array -> float array) -> o: Op -> Op
        
        /// <summary>Reads a named parameter.</summary>
        /// <exception cref="System.ArgumentException">The op drew no parameter of that name.</exception>
        [<CompiledName ("Param")>]
        val param: name: string -> p: Params -> float
