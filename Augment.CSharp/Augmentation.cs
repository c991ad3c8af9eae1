using System.Collections.Immutable;
using Augment.Native;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using FsAug = Augment.Aug;
using FsSample = Augment.FSharpSample;

namespace Augment.CSharp;

/// <summary>The width, height and channel count an op sees when it draws its parameters.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">Channels per pixel.</param>
public readonly record struct ImageShape(int Width, int Height, int Channels);

/// <summary>What a run drew, node by node; <see cref="Augmentation.Replay(AugmentationTrace, Sample)"/> re-applies it without the seed.</summary>
public sealed class AugmentationTrace
{
    internal AugmentationTrace(Augment.Trace inner) => Inner = inner;
    internal Augment.Trace Inner { get; }

    /// <summary>The trace as JSON.</summary>
    public string ToJson() => Augment.Json.TraceToString(Inner);

    /// <summary>Reads a trace written by <see cref="ToJson"/>.</summary>
    /// <exception cref="ArgumentException">The text is not a trace.</exception>
    public static AugmentationTrace FromJson(string json) => new(Augment.Json.TraceOfString(json));

    /// <inheritdoc />
    public override string ToString() => ToJson();

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AugmentationTrace t && Inner.Equals(t.Inner);

    /// <inheritdoc />
    public override int GetHashCode() => Inner.GetHashCode();
}

/// <summary>
/// How a run executes its plan: fusion, and the backend that runs the plan's groups (the CPU when null). A backend comes
/// ready-made, for example <c>Augment.OpenCL.OpenClBackend.Create()</c>; its interface speaks F# types, so C# code
/// passes it along rather than implementing it.
/// </summary>
public sealed record RunOptions
{
    /// <summary>Fusion on, CPU backend.</summary>
    public static RunOptions Default { get; } = new();

    /// <summary>Fold neighbouring steps (warps into one resample, byte colour tables into one table). On by default;
    /// off runs each step on its own.</summary>
    public bool Fuse { get; init; } = true;

    /// <summary>The backend that runs the plan's groups; groups it declines, and every group when null, run on the CPU
    /// (or on the backend set globally with <c>Augment.Engine.useBackend</c>, for example by
    /// <c>Augment.OpenCL.OpenClBackend.UseGlobally()</c>).</summary>
    public Augment.IBackend? Backend { get; init; }

    internal Augment.FSharpRunOptions ToFSharp() =>
        new(Fuse, Backend is null ? FSharpOption<Augment.IBackend>.None : FSharpOption<Augment.IBackend>.Some(Backend));
}

/// <summary>An augmented sample with the trace of the parameters its run drew.</summary>
/// <param name="Sample">The augmented sample.</param>
/// <param name="Trace">What the run drew.</param>
public sealed record AugmentationResult(Sample Sample, AugmentationTrace Trace);

/// <summary>What <see cref="Augmentation.RunBatchInto(IReadOnlyList{Sample}, long, IReadOnlyList{PixelBuffer}, int)"/>
/// returns for one sample: its image went into the caller's buffer.</summary>
/// <param name="Label">The augmented sample's label (a batch op mixes it).</param>
/// <param name="Trace">What the run drew.</param>
public sealed record AugmentationIntoResult(ImmutableArray<double> Label, AugmentationTrace Trace);

/// <summary>
/// A pipeline of augmentations, a value built from ops and combinators. Running it is a pure function of
/// (seed, sample): the same seed gives the same bits, and the trace replays the run.
/// </summary>
public sealed class Augmentation
{
    private Augmentation(FsAug inner) => Inner = inner;
    internal FsAug Inner { get; }
    internal static Augmentation Wrap(FsAug inner) => new(inner);

    /// <summary>Leaves the sample as it is.</summary>
    public static Augmentation Identity { get; } = new(Augment.AugModule.Identity);

    /// <summary>Runs the steps in order.</summary>
    public static Augmentation Sequence(params Augmentation[] steps) =>
        new(Augment.AugModule.Sequence(Elements(steps, nameof(steps)).Select(s => s.Inner)));

    /// <summary>This pipeline, then <paramref name="next"/>.</summary>
    public Augmentation Then(Augmentation next) =>
        new(Augment.AugModule.AndThen(NotNull(next, nameof(next)).Inner, Inner));

    /// <summary>Runs this pipeline with probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentException">p is not in [0, 1].</exception>
    public Augmentation WithProbability(double p) => new(Augment.AugModule.Maybe(p, Inner));

    /// <summary>Runs one of the choices, picked with probability proportional to its weight.</summary>
    /// <exception cref="ArgumentException">No choices, a negative or non-finite weight, or all weights zero.</exception>
    public static Augmentation OneOf(params (double Weight, Augmentation Choice)[] choices) =>
        new(Augment.AugModule.OneOf(NotNull(choices, nameof(choices)).Select((c, i) =>
            Tuple.Create(c.Weight, (c.Choice ?? throw new ArgumentNullException(nameof(choices), $"choices[{i}].Choice is null.")).Inner)).ToList()));

    /// <summary>Runs one of the choices, each equally likely.</summary>
    public static Augmentation OneOf(params Augmentation[] choices) =>
        new(Augment.AugModule.OneOfUniform(Elements(choices, nameof(choices)).Select(c => c.Inner)));

    /// <summary>Runs <paramref name="count"/> distinct choices, drawn without replacement, in the order drawn.</summary>
    /// <exception cref="ArgumentException">count is negative or more than the number of choices.</exception>
    public static Augmentation SomeOf(int count, params Augmentation[] choices) =>
        new(Augment.AugModule.SomeOf(count, Elements(choices, nameof(choices)).Select(c => c.Inner)));

    /// <summary>Runs the pipeline with the seed whose key is <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The sample or a parameter is invalid.</exception>
    public AugmentationResult Run(Sample sample, long seed) => Run(sample, Augment.SeedModule.OfInt64(seed));

    /// <summary>Runs the pipeline with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The sample or a parameter is invalid.</exception>
    public AugmentationResult Run(Sample sample, Augment.Seed seed)
    {
        var r = Augment.AugModule.Run(Inner, seed, NotNull(sample, nameof(sample)).Inner);
        return new AugmentationResult(Sample.Wrap(r.Item1), new AugmentationTrace(r.Item2));
    }

    /// <summary>Re-applies a trace of this pipeline to a sample, without a seed.</summary>
    /// <exception cref="ArgumentException">The trace does not fit this pipeline.</exception>
    public Sample Replay(AugmentationTrace trace, Sample sample) =>
        Sample.Wrap(Augment.AugModule.Replay(Inner, NotNull(trace, nameof(trace)).Inner, NotNull(sample, nameof(sample)).Inner));

    /// <summary>Runs the pipeline with <paramref name="options"/> (fusion on or off) and the seed whose key is <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The sample or a parameter is invalid.</exception>
    public AugmentationResult Run(Sample sample, long seed, RunOptions options) => Run(sample, Augment.SeedModule.OfInt64(seed), options);

    /// <summary>Runs the pipeline with <paramref name="options"/> (fusion on or off) and <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The sample or a parameter is invalid.</exception>
    public AugmentationResult Run(Sample sample, Augment.Seed seed, RunOptions options)
    {
        var fsOptions = NotNull(options, nameof(options)).ToFSharp();
        var r = Augment.AugModule.RunWith(fsOptions, Inner, seed, NotNull(sample, nameof(sample)).Inner);
        return new AugmentationResult(Sample.Wrap(r.Item1), new AugmentationTrace(r.Item2));
    }

    /// <summary>Re-applies a trace of this pipeline to a sample with <paramref name="options"/>, without a seed.</summary>
    /// <exception cref="ArgumentException">The trace does not fit this pipeline.</exception>
    public Sample Replay(AugmentationTrace trace, Sample sample, RunOptions options) =>
        Sample.Wrap(Augment.AugModule.ReplayWith(NotNull(options, nameof(options)).ToFSharp(), Inner,
            NotNull(trace, nameof(trace)).Inner, NotNull(sample, nameof(sample)).Inner));

    /// <summary>
    /// Runs the pipeline and writes the augmented image into <paramref name="destination"/>, which must have the
    /// output's shape; intermediates use pooled buffers. Annotations are not returned: use <see cref="Run(Sample, long)"/>
    /// for them. Returns the trace.
    /// </summary>
    /// <exception cref="ArgumentException">The destination does not have the output's shape (see
    /// <see cref="OutputShape(Sample, long)"/>), or the pipeline holds a batch op.</exception>
    public AugmentationTrace RunInto(Sample sample, long seed, PixelBuffer destination) =>
        RunInto(sample, seed, destination, RunOptions.Default);

    /// <summary>The shape of the image that running this pipeline on <paramref name="sample"/> with
    /// <paramref name="seed"/> gives: draws and plans only, no pixel work (unless a custom op needs the pixels).</summary>
    public ImageShape OutputShape(Sample sample, long seed)
    {
        var s = Augment.AugModule.OutputShape(Inner, Augment.SeedModule.OfInt64(seed), NotNull(sample, nameof(sample)).Inner);
        return new ImageShape(s.Width, s.Height, s.Channels);
    }

    /// <summary>As <see cref="RunInto(Sample, long, PixelBuffer)"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">As <see cref="RunInto(Sample, long, PixelBuffer)"/>.</exception>
    public AugmentationTrace RunInto(Sample sample, long seed, PixelBuffer destination, RunOptions options) =>
        new(Augment.AugModule.RunInto(NotNull(options, nameof(options)).ToFSharp(), Inner, Augment.SeedModule.OfInt64(seed),
            NotNull(sample, nameof(sample)).Inner, NotNull(destination, nameof(destination))));

    /// <summary>As <see cref="RunInto(Sample, long, PixelBuffer)"/>, without building the trace: the same draws and the
    /// same bits in <paramref name="destination"/>, for loops that do not keep what was drawn.</summary>
    /// <exception cref="ArgumentException">As <see cref="RunInto(Sample, long, PixelBuffer)"/>.</exception>
    public void RunIntoUntraced(Sample sample, long seed, PixelBuffer destination) =>
        RunIntoUntraced(sample, seed, destination, RunOptions.Default);

    /// <summary>As <see cref="RunIntoUntraced(Sample, long, PixelBuffer)"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">As <see cref="RunInto(Sample, long, PixelBuffer)"/>.</exception>
    public void RunIntoUntraced(Sample sample, long seed, PixelBuffer destination, RunOptions options) =>
        Augment.AugModule.RunIntoUntraced(NotNull(options, nameof(options)).ToFSharp(), Inner, Augment.SeedModule.OfInt64(seed),
            NotNull(sample, nameof(sample)).Inner, NotNull(destination, nameof(destination)));

    /// <summary>
    /// Runs the pipeline over a batch on up to <paramref name="threads"/> threads. Sample i runs with child i of the
    /// seed, so a pipeline without batch ops gives each sample what <see cref="Run(Sample, Augment.Seed)"/> gives it
    /// with <c>Seeds.Derive(Seeds.FromInt64(seed), i)</c>, and the bits are the same for any thread count. Batch ops
    /// (MixUp, CutMix) stand at the top level of the pipeline, alone or under <see cref="WithProbability"/>.
    /// </summary>
    /// <returns>One result (sample and trace) per input, in order.</returns>
    /// <exception cref="ArgumentException">threads &lt; 1, a sample is invalid, a batch op is nested, or the samples
    /// differ in shape or label length at a batch op.</exception>
    public IReadOnlyList<AugmentationResult> RunBatch(IReadOnlyList<Sample> samples, long seed, int threads = 1) =>
        RunBatch(samples, seed, RunOptions.Default, threads);

    /// <summary>As <see cref="RunBatch(IReadOnlyList{Sample}, long, int)"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">As <see cref="RunBatch(IReadOnlyList{Sample}, long, int)"/>.</exception>
    public IReadOnlyList<AugmentationResult> RunBatch(IReadOnlyList<Sample> samples, long seed, RunOptions options, int threads = 1)
    {
        var fsOptions = NotNull(options, nameof(options)).ToFSharp();
        var inputs = Inners(samples, nameof(samples));
        var results = Augment.AugModule.RunBatch(fsOptions, threads, Inner, Augment.SeedModule.OfInt64(seed), inputs);
        return Array.AsReadOnly(results.Select(r => new AugmentationResult(Sample.Wrap(r.Item1), new AugmentationTrace(r.Item2))).ToArray());
    }

    /// <summary>
    /// As <see cref="RunBatch(IReadOnlyList{Sample}, long, int)"/>, with sample i's augmented image written into
    /// <c>destinations[i]</c> (a buffer of that sample's output shape and element type) instead of a new image: the
    /// same draws and the same bits. A batch op that ends the pipeline writes its image straight into the destination.
    /// </summary>
    /// <returns>One label and trace per input, in order (boxes, mask and keypoints are not returned).</returns>
    /// <exception cref="ArgumentException">As <see cref="RunBatch(IReadOnlyList{Sample}, long, int)"/>, not one
    /// destination per sample, or a destination that is null, read-only or not of its sample's output shape.</exception>
    public IReadOnlyList<AugmentationIntoResult> RunBatchInto(IReadOnlyList<Sample> samples, long seed, IReadOnlyList<PixelBuffer> destinations, int threads = 1) =>
        RunBatchInto(samples, seed, destinations, RunOptions.Default, threads);

    /// <summary>As <see cref="RunBatchInto(IReadOnlyList{Sample}, long, IReadOnlyList{PixelBuffer}, int)"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">As <see cref="RunBatchInto(IReadOnlyList{Sample}, long, IReadOnlyList{PixelBuffer}, int)"/>.</exception>
    public IReadOnlyList<AugmentationIntoResult> RunBatchInto(IReadOnlyList<Sample> samples, long seed, IReadOnlyList<PixelBuffer> destinations, RunOptions options, int threads = 1)
    {
        var fsOptions = NotNull(options, nameof(options)).ToFSharp();
        var inputs = Inners(samples, nameof(samples));
        var buffers = NotNull(destinations, nameof(destinations)).ToArray();
        var results = Augment.AugModule.RunBatchInto(fsOptions, threads, Inner, Augment.SeedModule.OfInt64(seed), inputs, buffers);
        return Array.AsReadOnly(results.Select(r => new AugmentationIntoResult([.. r.Item1], new AugmentationTrace(r.Item2))).ToArray());
    }

    /// <summary>Re-applies the traces of a batch run (one per sample, in order), without a seed.</summary>
    /// <exception cref="ArgumentException">The traces do not fit the pipeline or the batch.</exception>
    public IReadOnlyList<Sample> ReplayBatch(IReadOnlyList<AugmentationTrace> traces, IReadOnlyList<Sample> samples, int threads = 1) =>
        ReplayBatch(traces, samples, RunOptions.Default, threads);

    /// <summary>As <see cref="ReplayBatch(IReadOnlyList{AugmentationTrace}, IReadOnlyList{Sample}, int)"/>, with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The traces do not fit the pipeline or the batch.</exception>
    public IReadOnlyList<Sample> ReplayBatch(IReadOnlyList<AugmentationTrace> traces, IReadOnlyList<Sample> samples, RunOptions options, int threads = 1)
    {
        var fsOptions = NotNull(options, nameof(options)).ToFSharp();
        var fsTraces = NotNull(traces, nameof(traces)).Select((t, i) => t?.Inner ?? throw new ArgumentNullException(nameof(traces), $"traces[{i}] is null.")).ToArray();
        var inputs = Inners(samples, nameof(samples));
        var results = Augment.AugModule.ReplayBatch(fsOptions, threads, Inner, fsTraces, inputs);
        return Array.AsReadOnly(results.Select(r => Sample.Wrap(r.Item1)).ToArray());
    }

    /// <summary>
    /// A custom op from its two halves: <paramref name="draw"/> turns a seed and the input's shape into named
    /// parameters (it must be a pure function of them); <paramref name="apply"/> maps the parameters to every target.
    /// </summary>
    public static Augmentation Create(string name,
        Func<Augment.Seed, ImageShape, IReadOnlyDictionary<string, double>> draw,
        Func<IReadOnlyDictionary<string, double>, Sample, Sample> apply)
    {
        NotNull(draw, nameof(draw));
        NotNull(apply, nameof(apply));
        var fsDraw = FuncConvert.FromFunc<Augment.Seed, Augment.Shape, FSharpMap<string, double>>(
            (seed, shape) => ToMap(draw(seed, new ImageShape(shape.Width, shape.Height, shape.Channels))));
        var fsApply = FuncConvert.FromFunc<FSharpMap<string, double>, FsSample, FsSample>(
            (p, s) => NotNull(apply(p, Sample.Wrap(s)), "apply result").Inner);
        return new(Augment.AugModule.OfOp(Augment.OpModule.Create(name, fsDraw, fsApply)));
    }

    /// <summary>
    /// A pixel op: each parameter is drawn from its sampler (parameter i from child seed i) and only the image
    /// changes; label, boxes, mask and keypoints pass through. Chain <see cref="MapLabel"/> for an effect on labels.
    /// </summary>
    public static Augmentation Pixel(string name, Func<IReadOnlyDictionary<string, double>, Image, Image> image,
        params (string Name, ParameterSampler Sampler)[] parameters)
    {
        NotNull(image, nameof(image));
        var samplers = ListModule.OfSeq(NotNull(parameters, nameof(parameters)).Select(p => Tuple.Create(p.Name, NotNull(p.Sampler, nameof(parameters)).Inner)));
        var f = FuncConvert.FromFunc<FSharpMap<string, double>, Image, Image>((p, img) => image(p, img));
        return new(Augment.AugModule.OfOp(Augment.OpModule.Pixel(name, samplers, f)));
    }

    /// <summary>Adds an effect on the label after this single op's own apply.</summary>
    /// <exception cref="InvalidOperationException">This augmentation is a combinator, not a single op.</exception>
    public Augmentation MapLabel(Func<IReadOnlyDictionary<string, double>, double[], double[]> label)
    {
        NotNull(label, nameof(label));
        if (Inner is not FsAug.Op op)
            throw new InvalidOperationException($"MapLabel applies to a single op; this augmentation is a {Inner.GetType().Name}.");
        var f = FuncConvert.FromFunc<FSharpMap<string, double>, double[], double[]>((p, l) => label(p, l));
        return new(Augment.AugModule.OfOp(Augment.OpModule.MapLabel(f, op.Item)));
    }

    /// <inheritdoc />
    public override string ToString() => Inner.ToString();

    private static FSharpMap<string, double> ToMap(IReadOnlyDictionary<string, double> d) =>
        MapModule.OfSeq(NotNull(d, "draw result").Select(kv => Tuple.Create(kv.Key, kv.Value)));

    private static FsSample[] Inners(IReadOnlyList<Sample> samples, string name) =>
        NotNull(samples, name).Select((s, i) => s?.Inner ?? throw new ArgumentNullException(name, $"{name}[{i}] is null.")).ToArray();

    // The array and each element checked now, so a null step is reported by index at the call, not later.
    private static Augmentation[] Elements(Augmentation[] items, string name)
    {
        NotNull(items, name);
        for (int i = 0; i < items.Length; i++)
            if (items[i] is null) throw new ArgumentNullException(name, $"{name}[{i}] is null.");
        return items;
    }

    private static T NotNull<T>(T value, string name) where T : class =>
        value ?? throw new ArgumentNullException(name);
}
