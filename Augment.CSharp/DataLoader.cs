using System.Collections.Immutable;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Microsoft.FSharp.Core;
using FsLoaderOptions = Augment.LoaderOptions;

namespace Augment.CSharp;

/// <summary>What a <see cref="DataLoader"/> does with a file it cannot read or decode.</summary>
public enum CorruptFilePolicy
{
    /// <summary>Stop the run: the enumeration throws the decoder's exception, whose message starts with the path.</summary>
    Fail,

    /// <summary>Leave the sample out of its batch and report it in <see cref="DataBatch.Skipped"/>.</summary>
    Skip,
}

/// <summary>How a <see cref="DataLoader"/> runs. Only <see cref="Draft"/> changes the bits of the output; the workers
/// and the prefetch depth never do.</summary>
public sealed record DataLoaderOptions
{
    /// <summary>Samples per batch (default 32); at least 1.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Batches built at once, each on one thread (default: the processor count); at least 1.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>The most batches in flight (being built, or built and waiting) beside the one the caller holds
    /// (default: twice the processor count); at least 1. At least <see cref="Workers"/> keeps every worker busy.</summary>
    public int Prefetch { get; init; } = 2 * Environment.ProcessorCount;

    /// <summary>Whether each epoch visits the items in a seeded random order (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Whether a last batch smaller than <see cref="BatchSize"/> is left out (default false).</summary>
    public bool DropLast { get; init; }

    /// <summary>Whether a corrupt or missing file fails the run (the default) or is skipped and reported.</summary>
    public CorruptFilePolicy OnCorrupt { get; init; } = CorruptFilePolicy.Fail;

    /// <summary>When the pipeline's first step is a fixed resize that shrinks the image, decode a JPEG at the smallest
    /// DCT scale still at least that size, as PIL's draft mode (default true).</summary>
    public bool Draft { get; init; } = true;

    /// <summary>Per-channel mean (fractions of the value range); with <see cref="Std"/>, each batch carries its
    /// images as an NCHW tensor built by the worker. Null (the default): no image tensor.</summary>
    public float[]? Mean { get; init; }

    /// <summary>Per-channel standard deviation (fractions of the value range), with <see cref="Mean"/>.</summary>
    public float[]? Std { get; init; }

    /// <summary>Run options for the pipeline.</summary>
    public RunOptions Run { get; init; } = RunOptions.Default;

    internal FsLoaderOptions ToFSharp()
    {
        if ((Mean is null) != (Std is null))
            throw new ArgumentException($"Mean was {(Mean is null ? "null" : "given")} and Std {(Std is null ? "null" : "given")}; expected both or neither.", Mean is null ? nameof(Mean) : nameof(Std));
        var normalize = Mean is null
            ? FSharpOption<Tuple<float[], float[]>>.None
            : FSharpOption<Tuple<float[], float[]>>.Some(Tuple.Create(Mean, Std!));
        return new FsLoaderOptions(BatchSize, Workers, Prefetch, Shuffle, DropLast,
            OnCorrupt == CorruptFilePolicy.Skip ? Augment.OnCorrupt.Skip : Augment.OnCorrupt.Fail,
            Augment.DecodeOptions.Default, Draft, normalize, (Run ?? RunOptions.Default).ToFSharp());
    }
}

/// <summary>A file a <see cref="DataLoader"/> left out of a batch.</summary>
/// <param name="Position">Its position in the epoch.</param>
/// <param name="Item">Its index in the dataset.</param>
/// <param name="Path">Its path.</param>
/// <param name="Reason">Why (the message starts with the path).</param>
public sealed record SkippedFile(int Position, int Item, string Path, string Reason);

/// <summary>One batch of an epoch: the augmented samples, their places, and tensors.</summary>
public sealed class DataBatch
{
    internal DataBatch(Augment.Batch b)
    {
        Epoch = b.Epoch;
        Index = b.Index;
        Positions = [.. b.Positions];
        Items = [.. b.Items];
        Samples = [.. b.Samples.Select(Sample.Wrap)];
        Traces = [.. b.Traces.Select(t => new AugmentationTrace(t))];
        Images = FSharpOption<Tensor<float>>.get_IsSome(b.Images) ? b.Images.Value : null;
        Labels = b.Labels;
        Skipped = [.. b.Skipped.Select(s => new SkippedFile(s.Position, s.Item, s.Path, s.Reason))];
    }

    /// <summary>The epoch.</summary>
    public int Epoch { get; }

    /// <summary>The batch's index in the epoch.</summary>
    public int Index { get; }

    /// <summary>The samples' positions in the epoch (the sample at position i ran with <see cref="DataLoader.SampleSeed"/>).</summary>
    public ImmutableArray<int> Positions { get; }

    /// <summary>The samples' indices in the dataset.</summary>
    public ImmutableArray<int> Items { get; }

    /// <summary>The augmented samples.</summary>
    public ImmutableArray<Sample> Samples { get; }

    /// <summary>What each sample's run drew.</summary>
    public ImmutableArray<AugmentationTrace> Traces { get; }

    /// <summary>The images as an NCHW tensor when the options give a mean and std and the batch is not empty; else null.</summary>
    public Tensor<float>? Images { get; }

    /// <summary>The labels as an [N, K] tensor (K = 0 without labels); mixed labels stay soft.</summary>
    public Tensor<float> Labels { get; }

    /// <summary>The files left out of this batch.</summary>
    public ImmutableArray<SkippedFile> Skipped { get; }
}

/// <summary>
/// A seeded data loader: a dataset (a folder of images, COCO, YOLO or Pascal VOC annotations), a pipeline and options.
/// Epoch e's order is a Fisher-Yates shuffle drawn from <c>derive(root, e)</c>; the sample at position i of the epoch
/// runs with <c>derive(derive(root, e), i)</c>; batch b holds positions b * BatchSize onwards and runs batch ops
/// (MixUp, CutMix) across itself. The output is the same bits for any number of workers and any prefetch depth.
/// </summary>
public sealed class DataLoader
{
    private readonly Augment.ImageDataset _dataset;
    private readonly Augment.Aug _pipeline;
    private readonly FsLoaderOptions _options;

    private DataLoader(Augment.ImageDataset dataset, Augmentation pipeline, DataLoaderOptions? options)
    {
        _dataset = dataset;
        _pipeline = (pipeline ?? throw new ArgumentNullException(nameof(pipeline))).Inner;
        _options = (options ?? new DataLoaderOptions()).ToFSharp();
        // Checks the options now rather than at the first batch.
        Augment.Loader.BatchCount(_options, 0);
    }

    /// <summary>A folder of images as torchvision's ImageFolder: each subfolder holding images is a class (ordinal
    /// order), labels one-hot; a folder without class subfolders gives its own images, unlabelled.</summary>
    /// <exception cref="ArgumentException">The folder does not exist or holds no image, or the options are invalid.</exception>
    public static DataLoader FromFolder(string root, Augmentation pipeline, DataLoaderOptions? options = null) =>
        new(Augment.ImageDatasetModule.OfFolder(root ?? throw new ArgumentNullException(nameof(root))), pipeline, options);

    /// <summary>A COCO detection file; images under <paramref name="imageRoot"/> by their file_name.</summary>
    /// <exception cref="InvalidDataException">The file is not COCO detection JSON.</exception>
    public static DataLoader FromCoco(string annotations, string imageRoot, Augmentation pipeline, DataLoaderOptions? options = null) =>
        new(Augment.ImageDatasetModule.OfCoco(annotations ?? throw new ArgumentNullException(nameof(annotations)),
                                          imageRoot ?? throw new ArgumentNullException(nameof(imageRoot))), pipeline, options);

    /// <summary>YOLO: every image in <paramref name="imageDir"/> (ordinal order) with the label file of its name
    /// (<c>.txt</c>) in <paramref name="labelDir"/>; an image without one has no boxes. The image's size comes from its
    /// header, which this reads now.</summary>
    /// <exception cref="InvalidDataException">A label file or an image header is bad (the message names the path).</exception>
    public static DataLoader FromYolo(string imageDir, string labelDir, IReadOnlyList<string> classes, Augmentation pipeline, DataLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labelDir);
        ArgumentNullException.ThrowIfNull(classes);
        var items = ImagesIn(imageDir, nameof(imageDir)).Select(path =>
        {
            var label = Path.Combine(labelDir, Path.GetFileNameWithoutExtension(path) + ".txt");
            var boxes = Array.Empty<Augment.Box>();
            if (File.Exists(label))
            {
                var size = Augment.ImageIO.ProbeWith(Augment.DecodeOptions.Default, path, File.ReadAllBytes(path));
                boxes = [.. YoloFile.Read(label, size.Item1, size.Item2).Select(b => b.ToFSharp())];
            }
            return new Augment.ImageItem(path, [], boxes);
        });
        return new(Augment.ImageDatasetModule.OfItems(items, classes), pipeline, options);
    }

    /// <summary>Pascal VOC: every <c>.xml</c> in <paramref name="annotationDir"/> (ordinal order), its image
    /// <c>filename</c> under <paramref name="imageDir"/>, each object's class the index of its name in <paramref name="classes"/>.</summary>
    /// <exception cref="InvalidDataException">An annotation is not VOC XML or names an unknown class (the message names the path).</exception>
    public static DataLoader FromVoc(string annotationDir, string imageDir, IReadOnlyList<string> classes, Augmentation pipeline, DataLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(annotationDir);
        ArgumentNullException.ThrowIfNull(imageDir);
        ArgumentNullException.ThrowIfNull(classes);
        if (!Directory.Exists(annotationDir))
            throw new ArgumentException($"annotationDir was \"{annotationDir}\"; expected an existing folder of VOC .xml files.", nameof(annotationDir));
        var items = Directory.GetFiles(annotationDir, "*.xml").OrderBy(p => p, StringComparer.Ordinal).Select(xml =>
        {
            var a = VocFile.Read(xml, classes);
            return new Augment.ImageItem(Path.Combine(imageDir, a.FileName), [], [.. a.Objects.Select(o => o.Box.ToFSharp())]);
        });
        return new(Augment.ImageDatasetModule.OfItems(items, classes), pipeline, options);
    }

    private static IEnumerable<string> ImagesIn(string dir, string name)
    {
        if (dir is null) throw new ArgumentNullException(name);
        if (!Directory.Exists(dir)) throw new ArgumentException($"{name} was \"{dir}\"; expected an existing folder of images.", name);
        return Directory.GetFiles(dir)
            .Where(p => Path.GetExtension(p).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg")
            .OrderBy(p => p, StringComparer.Ordinal);
    }

    /// <summary>The number of items.</summary>
    public int Count => _dataset.Items.Length;

    /// <summary>The class names by class index (empty when the dataset has none).</summary>
    public ImmutableArray<string> Classes => [.. _dataset.Classes];

    /// <summary>The image paths by dataset index.</summary>
    public ImmutableArray<string> Paths => [.. _dataset.Items.Select(i => i.Path)];

    /// <summary>The number of batches in an epoch.</summary>
    public int BatchCount => Augment.Loader.BatchCount(_options, Count);

    /// <summary>The seed of the sample at <paramref name="position"/> of epoch <paramref name="epoch"/>:
    /// <c>derive(derive(root, epoch), position)</c>.</summary>
    /// <exception cref="ArgumentException">epoch or position is negative.</exception>
    public static Augment.Seed SampleSeed(long root, int epoch, int position) =>
        Augment.Loader.SampleSeed(Augment.SeedModule.OfInt64(root), epoch, position);

    /// <summary>The dataset index at each position of an epoch (a seeded Fisher-Yates shuffle, or the identity).</summary>
    /// <exception cref="ArgumentException">epoch or count is negative.</exception>
    public static int[] Order(long root, int epoch, int count, bool shuffle) =>
        Augment.Loader.Order(Augment.SeedModule.OfInt64(root), epoch, count, shuffle);

    /// <summary>The batches of epoch <paramref name="epoch"/> with root seed <paramref name="seed"/>, built ahead in
    /// parallel. Lazy; stopping early cancels the batches not yet taken.</summary>
    /// <exception cref="ArgumentException">epoch is negative; while enumerating, annotations that do not fit an image.</exception>
    /// <exception cref="InvalidDataException">While enumerating, with <see cref="CorruptFilePolicy.Fail"/>: a file that
    /// is not a decodable image (the message starts with its path).</exception>
    public IEnumerable<DataBatch> Epoch(int epoch, long seed)
    {
        var batches = Augment.Loader.Epoch(_options, _pipeline, Augment.SeedModule.OfInt64(seed), epoch, _dataset);
        return batches.Select(b => new DataBatch(b));
    }

    /// <summary>As <see cref="Epoch"/>, waiting for each batch off the caller's thread.</summary>
    /// <exception cref="ArgumentException">As <see cref="Epoch"/>.</exception>
    /// <exception cref="InvalidDataException">As <see cref="Epoch"/>.</exception>
    public async IAsyncEnumerable<DataBatch> EpochAsync(int epoch, long seed, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var e = Augment.Loader.Epoch(_options, _pipeline, Augment.SeedModule.OfInt64(seed), epoch, _dataset).GetEnumerator();
        while (await Task.Run(e.MoveNext, cancellationToken).ConfigureAwait(false))
            yield return new DataBatch(e.Current);
    }
}
