using Microsoft.FSharp.Core;

namespace Augment.CSharp;

/// <summary>
/// Saved pipelines: an <see cref="Augmentation"/> as versioned JSON (format <c>augment-pipeline</c>, version 1,
/// described in docs/PIPELINE-FORMAT.md) and back. Every op of <see cref="Augmentations"/> is saved as its
/// constructor call with its arguments, combinators as themselves, and custom ops (<see cref="Augmentation.Create"/>,
/// <see cref="Augmentation.Pixel"/>) by name: loading finds them in the dictionary the caller gives.
/// </summary>
public static class PipelineFile
{
    /// <summary>The value of the document's <c>format</c> field.</summary>
    public const string FormatName = Augment.Pipeline.FormatName;

    /// <summary>The format version this library writes and reads.</summary>
    public const int Version = Augment.Pipeline.Version;

    /// <summary>The pipeline as indented JSON text (LF line ends, no final newline).</summary>
    /// <exception cref="ArgumentException">A node records a constructor that is not a library constructor, or holds a
    /// number JSON cannot hold; the message starts with the node's JSON path.</exception>
    public static string Save(Augmentation pipeline) =>
        Augment.Pipeline.Save(NotNull(pipeline, nameof(pipeline)).Inner);

    /// <summary>Reads pipeline JSON text; a custom op is looked up by its name in <paramref name="customOps"/>, whose
    /// values are single custom ops of that name.</summary>
    /// <exception cref="ArgumentException">The text is not a version-1 pipeline, names an op that is neither a library op
    /// nor in <paramref name="customOps"/>, or holds a value an op refuses; the message starts with the JSON path
    /// (for example <c>$.pipeline.sequence[2].args.degrees</c>). Also when a value of <paramref name="customOps"/> is
    /// not a single op.</exception>
    public static Augmentation Load(string json, IReadOnlyDictionary<string, Augmentation>? customOps = null) =>
        Augmentation.Wrap(Augment.Pipeline.LoadWith(Resolver(customOps), NotNull(json, nameof(json))));

    /// <summary>Writes the pipeline to a file atomically: the text of <see cref="Save"/> and a newline go to a temporary
    /// file beside it, which is then renamed over it.</summary>
    /// <exception cref="ArgumentException">The path is empty, or as <see cref="Save"/>.</exception>
    public static void Write(string path, Augmentation pipeline) =>
        Augment.Pipeline.SaveFile(NotNull(path, nameof(path)), NotNull(pipeline, nameof(pipeline)).Inner);

    /// <summary>Reads a pipeline file; custom ops as in <see cref="Load"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a pipeline this library reads; the message names the file
    /// and the JSON path.</exception>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static Augmentation Read(string path, IReadOnlyDictionary<string, Augmentation>? customOps = null) =>
        Augmentation.Wrap(Augment.Pipeline.LoadFileWith(Resolver(customOps), NotNull(path, nameof(path))));

    /// <summary>Whether two pipelines are the same: the same combinators, the same constructor calls with equal
    /// arguments, and custom ops of the same names (exactly when <see cref="Save"/> writes the same document).</summary>
    public static bool Equivalent(Augmentation a, Augmentation b) =>
        Augment.Pipeline.Equivalent(NotNull(a, nameof(a)).Inner, NotNull(b, nameof(b)).Inner);

    private static FSharpFunc<string, FSharpOption<Augment.Op>> Resolver(IReadOnlyDictionary<string, Augmentation>? customOps)
    {
        // Checked now, so that a combinator among the values is reported at the call, not when a file names it.
        var ops = new Dictionary<string, Augment.Op>(StringComparer.Ordinal);
        if (customOps is not null)
            foreach (var (name, augmentation) in customOps)
            {
                var op = Augment.AugModule.TryOp(augmentation?.Inner ?? throw new ArgumentNullException(nameof(customOps), $"customOps[\"{name}\"] is null."));
                if (op is null)
                    throw new ArgumentException($"customOps[\"{name}\"] is a combinator; expected a single custom op.", nameof(customOps));
                ops[name] = op.Value;
            }
        return FuncConvert.FromFunc<string, FSharpOption<Augment.Op>>(name =>
            ops.TryGetValue(name, out var op) ? FSharpOption<Augment.Op>.Some(op) : FSharpOption<Augment.Op>.None);
    }

    private static T NotNull<T>(T value, string name) where T : class =>
        value ?? throw new ArgumentNullException(name);
}
