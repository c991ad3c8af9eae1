// The honest training check (issue 9, item 5). A rendered 10-class shapes dataset (drawn here with SkiaSharp, so it
// is ours to ship), a LightGBM multiclass classifier from ML.NET trained on the loader's NCHW tensors three times --
// without augmentation, with a RandAugment-style pipeline, and with MixUp/CutMix -- then evaluated on a held-out
// split, on a shifted copy of it (flipped, rotated, recoloured), and with test-time augmentation (the mean of the
// class probabilities over the four flips). Whatever it measures goes to a results file.
//
//   dotnet run -c Release --project examples/Training              full run, writes examples/Training/RESULTS.md
//   dotnet run -c Release --project examples/Training -- --smoke   CI smoke run (a minute), writes nothing unless --out
//
// A gradient-boosted tree model sees pixels as unordered features, so this is a check of the loader and of what
// augmentation does for a model that has no built-in invariance, not a reproduction of a ResNet-50's figures.

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Augment.CSharp;
using Augment.Native;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using SkiaSharp;

var smoke = args.Contains("--smoke");
string? outPath = ArgAfter("--out") ?? (smoke ? null : Path.Combine(RepoRoot(), "examples", "Training", "RESULTS.md"));
var cfg = smoke
    ? new Config(TrainPerClass: 16, TestPerClass: 6, Copies: 2, Iterations: 10, Leaves: 15, DataSeed: 2026, LoaderSeed: 11)
    : new Config(TrainPerClass: 100, TestPerClass: 50, Copies: 4, Iterations: 100, Leaves: 31, DataSeed: 2026, LoaderSeed: 11);
var total = Stopwatch.StartNew();
var culture = CultureInfo.InvariantCulture;

// ---- the dataset ---------------------------------------------------------------------------------------------------
var dataDir = Path.Combine(Path.GetTempPath(), $"augment-training-{(smoke ? "smoke" : "full")}-{cfg.DataSeed}");
Shapes.Render(Path.Combine(dataDir, "train"), cfg.TrainPerClass, cfg.DataSeed);
Shapes.Render(Path.Combine(dataDir, "test"), cfg.TestPerClass, cfg.DataSeed + 1);
Console.WriteLine($"dataset: {10 * cfg.TrainPerClass} train, {10 * cfg.TestPerClass} test images of {Shapes.Size}x{Shapes.Size} in {dataDir}");

const int Side = 16; // the model sees 16 x 16 x 3 = 768 features
var resize = Augmentations.Resize(Side, Side, Interpolation.Area);
var options = new DataLoaderOptions { BatchSize = 64, Workers = 2, Prefetch = 4, Mean = [0f, 0f, 0f], Std = [1f, 1f, 1f] };

// RandAugment-style: two of the catalogue's flips, turns and colour ops per image, each with its own random magnitude.
var randAugment = Augmentation.Sequence(
    Augmentation.SomeOf(2,
        Augmentations.FlipHorizontal(),
        Augmentations.FlipVertical(),
        Augmentations.Rotate(Sampler.Uniform(-90, 90), Interpolation.Bilinear, BorderMode.Replicate, 0),
        Augmentations.Hue(Sampler.Uniform(-0.5, 0.5)),
        Augmentations.Saturation(Sampler.Uniform(0.3, 1.7)),
        Augmentations.Brightness(Sampler.Uniform(-0.3, 0.3)),
        Augmentations.Contrast(Sampler.Uniform(0.5, 1.5))),
    resize);
var mix = Augmentation.Sequence(resize, Augmentations.MixUp(0.4).WithProbability(0.5), Augmentations.CutMix(1.0).WithProbability(0.5));
// The shift: every test image flipped at random, turned by up to 90 degrees and recoloured (hue and brightness).
var shift = Augmentation.Sequence(
    Augmentations.RandomFlip(true, true),
    Augmentations.Rotate(Sampler.Uniform(-90, 90), Interpolation.Bilinear, BorderMode.Replicate, 0),
    Augmentations.Hue(Sampler.Uniform(-0.5, 0.5)),
    Augmentations.Brightness(Sampler.Uniform(-0.2, 0.2)),
    resize);

var evalOptions = options with { Shuffle = false };
var test = Rows(DataLoader.FromFolder(Path.Combine(dataDir, "test"), resize, evalOptions), 1, 7);
var shifted = Rows(DataLoader.FromFolder(Path.Combine(dataDir, "test"), shift, evalOptions), 1, 7);

var ml = new MLContext(seed: 1);
var results = new List<string>();
var timings = new List<string>();
foreach (var (name, pipeline) in new[] { ("none", resize), ("RandAugment-style", randAugment), ("MixUp/CutMix", mix) })
{
    var sw = Stopwatch.StartNew();
    // Without augmentation every epoch is the same images, so one copy is the whole training set.
    int copies = name == "none" ? 1 : cfg.Copies;
    var loader = DataLoader.FromFolder(Path.Combine(dataDir, "train"), pipeline, options);
    var train = Rows(loader, copies, cfg.LoaderSeed);
    double loadSeconds = sw.Elapsed.TotalSeconds;
    var model = Train(ml, train, cfg);
    double trainSeconds = sw.Elapsed.TotalSeconds - loadSeconds;
    var (acc, accTta) = Evaluate(ml, model, test.Samples, test.Classes);
    var (sAcc, sAccTta) = Evaluate(ml, model, shifted.Samples, shifted.Classes);
    var line = string.Format(culture, "| {0} | {1} | {2:F1} | {3:F1} | {4:F1} | {5:F1} |", name, train.Rows.Count, 100 * acc, 100 * accTta, 100 * sAcc, 100 * sAccTta);
    results.Add(line);
    timings.Add(string.Format(culture, "| {0} | {1:F1} | {2:F1} |", name, loadSeconds, trainSeconds));
    Console.WriteLine(line);
}

var report = new StringBuilder();
report.AppendLine(smoke ? "# Training check (smoke run)" : "# Training check: results");
report.AppendLine();
report.AppendLine($"Written by `dotnet run -c Release --project examples/Training{(smoke ? " -- --smoke" : "")}` on {DateTime.UtcNow:yyyy-MM-dd} ({Environment.ProcessorCount} cores, a machine shared with other builds, so the times are loose).");
report.AppendLine();
report.AppendLine($"Data: 10 rendered shape classes (circle, ring, square, square outline, triangle, pentagon, hexagon, star, cross, crescent), " +
                  $"{Shapes.Size}x{Shapes.Size} PNGs drawn with SkiaSharp at random positions, sizes (radius 7 to 11 px), small turns (within 15 degrees) and colours; " +
                  $"{cfg.TrainPerClass} train and {cfg.TestPerClass} test images per class (data seeds {cfg.DataSeed} and {cfg.DataSeed + 1}). " +
                  $"The model sees the loader's NCHW tensor resized to {Side}x{Side} (768 features, values in [0, 1]).");
report.AppendLine();
report.AppendLine($"Model: ML.NET 5 LightGBM multiclass, {cfg.Iterations} iterations, {cfg.Leaves} leaves, learning rate 0.1, 1 thread, MLContext seed 1. " +
                  $"Loader root seed {cfg.LoaderSeed}; augmented runs train on {cfg.Copies} epochs of the loader (one augmented copy of each image per epoch); " +
                  "MixUp/CutMix's soft labels become one row per class with a weight equal to its share (LightGBM needs hard labels).");
report.AppendLine();
report.AppendLine("Shifted test set: the held-out images, each flipped at random (horizontally, vertically), turned by up to 90 degrees " +
                  "(replicated border), hue shifted by up to half the circle and brightness by up to 0.2 (loader seed 7, same images). " +
                  "TTA: the mean of the class probabilities over the image and its horizontal, vertical and double flips.");
report.AppendLine();
report.AppendLine("| training | rows | held-out % | held-out + TTA % | shifted % | shifted + TTA % |");
report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var r in results) report.AppendLine(r);
report.AppendLine();
report.AppendLine("| training | load + augment s | train s |");
report.AppendLine("| --- | ---: | ---: |");
foreach (var t in timings) report.AppendLine(t);
report.AppendLine();
report.AppendLine(string.Format(culture, "Whole run: {0:F0} s wall time.", total.Elapsed.TotalSeconds));
Console.WriteLine(report);
if (outPath is not null)
{
    File.WriteAllText(outPath, report.ToString());
    Console.WriteLine($"wrote {outPath}");
}
return 0;

string? ArgAfter(string flag)
{
    int i = Array.IndexOf(args, flag);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string RepoRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "Augment.slnx"))) return d.FullName;
    throw new DirectoryNotFoundException("Augment.slnx not found above " + AppContext.BaseDirectory);
}

// Training rows from `epochs` epochs of the loader: features from the batch's NCHW tensor, one row per class with
// weight = the label's share (a hard label gives one row of weight 1). The evaluation sets keep their samples.
static (List<Row> Rows, List<Sample> Samples, List<int> Classes) Rows(DataLoader loader, int epochs, long seed)
{
    var rows = new List<Row>();
    var samples = new List<Sample>();
    var classes = new List<int>();
    for (int e = 0; e < epochs; e++)
        foreach (var batch in loader.Epoch(e, seed))
        {
            var images = batch.Images!;
            int n = batch.Samples.Length;
            var flat = new float[images.FlattenedLength];
            images.FlattenTo(flat);
            int per = flat.Length / n;
            for (int i = 0; i < n; i++)
            {
                var x = flat.AsSpan(i * per, per).ToArray();
                var label = batch.Samples[i].Label;
                for (int c = 0; c < label.Length; c++)
                    if (label[c] > 0) rows.Add(new Row { Features = x, Label = c, Weight = (float)label[c] });
                samples.Add(batch.Samples[i]);
                classes.Add(Argmax(label.ToArray()));
            }
        }
    return (rows, samples, classes);
}

static int Argmax(IReadOnlyList<double> v)
{
    int best = 0;
    for (int i = 1; i < v.Count; i++) if (v[i] > v[best]) best = i;
    return best;
}

static ITransformer Train(MLContext ml, (List<Row> Rows, List<Sample> Samples, List<int> Classes) train, Config cfg)
{
    var data = ml.Data.LoadFromEnumerable(train.Rows, SchemaFor(ml));
    var trainer = ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
    {
        LabelColumnName = "Key",
        FeatureColumnName = "Features",
        ExampleWeightColumnName = "Weight",
        NumberOfIterations = cfg.Iterations,
        NumberOfLeaves = cfg.Leaves,
        LearningRate = 0.1,
        NumberOfThreads = 1,
        Seed = 1,
        Silent = true,
    });
    var pipeline = ml.Transforms.Conversion.MapValueToKey("Key", "Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue,
                                                          keyData: ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(c => new KeyRow { Label = c })))
        .Append(trainer);
    return pipeline.Fit(data);
}

static SchemaDefinition SchemaFor(MLContext ml)
{
    var schema = SchemaDefinition.Create(typeof(Row));
    schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 3 * 16 * 16);
    return schema;
}

// Accuracy of the model's argmax, plain and with TTA over the four flips (mean of the probabilities).
static (double Plain, double Tta) Evaluate(MLContext ml, ITransformer model, List<Sample> samples, List<int> classes)
{
    var views = new[] { Augmentation.Identity, Augmentations.FlipHorizontal(), Augmentations.FlipVertical(),
                        Augmentation.Sequence(Augmentations.FlipHorizontal(), Augmentations.FlipVertical()) };
    var scores = views.Select(v =>
    {
        var rows = samples.Select(s => new Row { Features = Tensors.Normalize(v.Run(s, 0).Sample, [0f, 0f, 0f], [1f, 1f, 1f], TensorLayout.Chw), Label = 0, Weight = 1 }).ToList();
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows, SchemaFor(ml)));
        return ml.Data.CreateEnumerable<Scored>(scored, reuseRowObject: false).Select(p => p.Score).ToArray();
    }).ToArray();
    int plain = 0, tta = 0;
    for (int i = 0; i < samples.Count; i++)
    {
        if (Argmax(Array.ConvertAll(scores[0][i], f => (double)f)) == classes[i]) plain++;
        var mean = new double[scores[0][i].Length];
        foreach (var view in scores) for (int c = 0; c < mean.Length; c++) mean[c] += view[i][c] / views.Length;
        if (Argmax(mean) == classes[i]) tta++;
    }
    return ((double)plain / samples.Count, (double)tta / samples.Count);
}

record Config(int TrainPerClass, int TestPerClass, int Copies, int Iterations, int Leaves, int DataSeed, long LoaderSeed);

sealed class Row
{
    public float[] Features { get; set; } = [];
    public float Label { get; set; }
    public float Weight { get; set; }
}

sealed class KeyRow
{
    public float Label { get; set; }
}

sealed class Scored
{
    public float[] Score { get; set; } = [];
}

// Ten shape classes drawn with SkiaSharp: random centre, radius, small turn, background and foreground colours.
static class Shapes
{
    public const int Size = 32;
    public static readonly string[] Names = ["circle", "ring", "square", "square-outline", "triangle", "pentagon", "hexagon", "star", "cross", "crescent"];

    public static void Render(string dir, int perClass, int seed)
    {
        var done = Path.Combine(dir, ".complete");
        if (File.Exists(done) && File.ReadAllText(done) == perClass.ToString(CultureInfo.InvariantCulture)) return;
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        var rng = new Random(seed); // System.Random with a seed: the same sequence on every run of this .NET
        for (int c = 0; c < Names.Length; c++)
        {
            var classDir = Directory.CreateDirectory(Path.Combine(dir, $"{c}-{Names[c]}")).FullName;
            for (int k = 0; k < perClass; k++)
            {
                using var bmp = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Opaque));
                using (var canvas = new SKCanvas(bmp))
                    Draw(canvas, c, rng);
                using var data = bmp.Encode(SKEncodedImageFormat.Png, 100);
                File.WriteAllBytes(Path.Combine(classDir, $"{k:D4}.png"), data.ToArray());
            }
        }
        File.WriteAllText(done, perClass.ToString(CultureInfo.InvariantCulture));
    }

    static SKColor Hsv(Random rng, float sLo, float sHi, float vLo, float vHi) =>
        SKColor.FromHsv((float)(rng.NextDouble() * 360), sLo + (float)rng.NextDouble() * (sHi - sLo), vLo + (float)rng.NextDouble() * (vHi - vLo));

    static void Draw(SKCanvas canvas, int cls, Random rng)
    {
        var bg = Hsv(rng, 10, 60, 5, 40);
        var fg = Hsv(rng, 40, 100, 65, 100);
        canvas.Clear(bg);
        float cx = 12 + (float)rng.NextDouble() * 8, cy = 12 + (float)rng.NextDouble() * 8;
        float r = 7 + (float)rng.NextDouble() * 4;
        float turn = -15 + (float)rng.NextDouble() * 30;
        using var fill = new SKPaint { Color = fg, IsAntialias = true, Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint { Color = fg, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2.5f };
        canvas.Translate(cx, cy);
        canvas.RotateDegrees(turn);
        switch (cls)
        {
            case 0: canvas.DrawCircle(0, 0, r, fill); break;
            case 1: canvas.DrawCircle(0, 0, r - 1.25f, stroke); break;
            case 2: canvas.DrawRect(-r * 0.8f, -r * 0.8f, 1.6f * r, 1.6f * r, fill); break;
            case 3: canvas.DrawRect(-r * 0.8f + 1.25f, -r * 0.8f + 1.25f, 1.6f * r - 2.5f, 1.6f * r - 2.5f, stroke); break;
            case 4: canvas.DrawPath(Polygon(3, r, 1f), fill); break;
            case 5: canvas.DrawPath(Polygon(5, r, 1f), fill); break;
            case 6: canvas.DrawPath(Polygon(6, r, 1f), fill); break;
            case 7: canvas.DrawPath(Polygon(5, r, 0.42f), fill); break;
            case 8:
                canvas.DrawRect(-r, -r * 0.3f, 2 * r, 0.6f * r, fill);
                canvas.DrawRect(-r * 0.3f, -r, 0.6f * r, 2 * r, fill);
                break;
            default:
                canvas.DrawCircle(0, 0, r, fill);
                using (var cut = new SKPaint { Color = bg, IsAntialias = true, Style = SKPaintStyle.Fill })
                    canvas.DrawCircle(r * 0.45f, -r * 0.15f, r * 0.85f, cut);
                break;
        }
    }

    // A regular n-gon of circumradius r pointing up; with inner < 1, a star whose inner vertices lie at inner * r.
    static SKPath Polygon(int n, float r, float inner)
    {
        var path = new SKPath();
        int points = inner < 1 ? 2 * n : n;
        for (int i = 0; i < points; i++)
        {
            double a = -Math.PI / 2 + i * 2 * Math.PI / points;
            float rr = inner < 1 && i % 2 == 1 ? inner * r : r;
            var p = new SKPoint(rr * (float)Math.Cos(a), rr * (float)Math.Sin(a));
            if (i == 0) path.MoveTo(p); else path.LineTo(p);
        }
        path.Close();
        return path;
    }
}
