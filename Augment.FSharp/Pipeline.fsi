namespace Augment

/// <summary>Saved pipelines: a whole <c>Aug</c> tree as versioned JSON (format <c>augment-pipeline</c>, version 1,
/// described in docs/PIPELINE-FORMAT.md) and back. A node built by a library constructor (every <c>Ops</c>
/// function, and any policy that records itself with <c>Aug.withSource</c>) is saved as that call with its
/// arguments; combinators as themselves; other ops (<c>Op.create</c>, <c>Op.pixel</c>, <c>Op.ofSamplers</c>) by
/// name, resolved when loading by a function the caller gives.</summary>
[<RequireQualifiedAccess>]
module Pipeline =

    /// The value of the format field.
    [<Literal>]
    val FormatName: string = "augment-pipeline"

    /// The format version this library writes and reads.
    [<Literal>]
    val Version: int = 1

    /// <summary>The names of the constructors a saved pipeline may call, sorted: those of <c>Ops</c> by their compiled
    /// name (<c>Rotate</c>), those of other library modules as <c>Module.Name</c>.</summary>
    [<CompiledName ("ConstructorNames")>]
    val constructorNames: unit -> string list

    /// <summary>A pipeline as a JSON document: <c>{"format": "augment-pipeline", "version": 1, "pipeline": node}</c>.</summary>
    /// <exception cref="System.ArgumentException">A node records a constructor that is not a library constructor, or a
    /// number that JSON cannot hold; the message starts with the node's JSON path.</exception>
    [<CompiledName ("ToNode")>]
    val toNode: a: Aug -> System.Text.Json.Nodes.JsonNode

    /// <summary>A pipeline as indented JSON text (LF line ends, no final newline).</summary>
    /// <exception cref="System.ArgumentException">As <c>toNode</c>.</exception>
    [<CompiledName ("Save")>]
    val save: a: Aug -> string

    /// <summary>Reads a pipeline document (see <c>toNode</c>); custom ops are resolved by name with <paramref name="custom"/>.</summary>
    /// <exception cref="System.ArgumentException">The document is not a version-1 pipeline, names an unknown op, or holds a
    /// value an op refuses; the message starts with the JSON path, e.g. <c>$.pipeline.sequence[2].args.degrees</c>.</exception>
    [<CompiledName ("OfNodeWith")>]
    val ofNodeWith:
      custom: (string -> Op option) -> n: System.Text.Json.Nodes.JsonNode -> Aug

    /// <summary>Reads pipeline JSON text; custom ops are resolved by name with <paramref name="custom"/>.</summary>
    /// <exception cref="System.ArgumentException">The text is not JSON, or as <c>ofNodeWith</c>.</exception>
    [<CompiledName ("LoadWith")>]
    val loadWith: custom: (string -> Op option) -> text: string -> Aug

    /// <summary>Reads pipeline JSON text that holds no custom ops.</summary>
    /// <exception cref="System.ArgumentException">As <c>loadWith</c>; a custom op is reported as not registered.</exception>
    [<CompiledName ("Load")>]
    val load: text: string -> Aug

    /// <summary>Writes a pipeline to a file atomically: <c>save</c>'s text and a newline go to a temporary file beside
    /// it, which is then renamed over it.</summary>
    /// <exception cref="System.ArgumentException">The path is empty, or as <c>toNode</c>.</exception>
    [<CompiledName ("SaveFile")>]
    val saveFile: path: string -> a: Aug -> unit

    /// <summary>Reads a pipeline file; custom ops are resolved by name with <paramref name="custom"/>.</summary>
    /// <exception cref="System.IO.InvalidDataException">The file is not a pipeline this library reads; the message names the
    /// file and the JSON path.</exception>
    [<CompiledName ("LoadFileWith")>]
    val loadFileWith: custom: (string -> Op option) -> path: string -> Aug

    /// <summary>Reads a pipeline file that holds no custom ops.</summary>
    /// <exception cref="System.IO.InvalidDataException">As <c>loadFileWith</c>.</exception>
    [<CompiledName ("LoadFile")>]
    val loadFile: path: string -> Aug

    /// <summary>Whether two pipelines are the same: the same combinators with the same probabilities, weights and counts,
    /// the same constructor calls with equal arguments, and custom ops of the same names (what <c>save</c> writes).</summary>
    /// <exception cref="System.ArgumentException">As <c>toNode</c>.</exception>
    [<CompiledName ("Equivalent")>]
    val equivalent: a: Aug -> b: Aug -> bool
