using System.Diagnostics;
using System.Globalization;
using System.Text;
using Augment;
using Augment.Native;
using Microsoft.FSharp.Core;
using OpenCvSharp;

/// <summary>
/// The loader's costs, measured apart (dotnet run -c Release --project bench -- loader [--seconds S]): decoding alone
/// through each decoder at hand, on one thread (SkiaSharp as the library ships it, SkiaSharp at a reduced JPEG DCT scale,
/// OpenCV's imdecode and its reduced-size JPEG modes); augmentation alone on decoded samples; and the whole loader
/// (decode + augment + NCHW tensor) with 1 and all workers, draft decoding on and off. Writes bench/results/loader.md.
/// NetVips is not measured here: it is not a dependency of this repository (the issue's figures for it: 369 JPEG/s and
/// 402 PNG/s on one thread, below SkiaSharp).
/// </summary>
public static class LoaderBench
{
    public static int Run(string[] args)
    {
        double seconds = 1.0;
        int i = Array.IndexOf(args, "--seconds");
        if (i >= 0 && i + 1 < args.Length) seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
        Cv2.SetNumThreads(1);
        var samples = FindSamples();
        var jpg = File.ReadAllBytes(Path.Combine(samples, "rocket.jpg"));
        var png = File.ReadAllBytes(Path.Combine(samples, "astronaut.png"));
        var opts = DecodeOptions.Default;
        var rows = new List<(string What, double PerSecond, string Note)>();
        void Measure(string what, Action body, string note = "")
        {
            var r = Rate(body, seconds);
            rows.Add((what, r, note));
            Console.WriteLine($"  {what,-58} {r,10:F1}/s  {note}");
        }

        Console.WriteLine("decode, one thread:");
        Measure("JPEG 640x427, SkiaSharp (ImageIO.decode)", () => ImageIO.DecodeWith(opts, "rocket.jpg", jpg));
        Measure("JPEG 640x427, SkiaSharp at DCT scale 1/2 (decodeAtLeastWith 320x214)", () => ImageIO.DecodeAtLeastWith(opts, 320, 214, "rocket.jpg", jpg), "320x214");
        Measure("JPEG 640x427, SkiaSharp at DCT scale 1/4 (decodeAtLeastWith 160x107)", () => ImageIO.DecodeAtLeastWith(opts, 160, 107, "rocket.jpg", jpg), "160x107");
        Measure("JPEG 640x427, OpenCV imdecode (BGR)", () => { using var m = Cv2.ImDecode(jpg, ImreadModes.Color); });
        Measure("JPEG 640x427, OpenCV imdecode REDUCED_COLOR_2", () => { using var m = Cv2.ImDecode(jpg, ImreadModes.ReducedColor2); });
        Measure("JPEG 640x427, OpenCV imdecode REDUCED_COLOR_4", () => { using var m = Cv2.ImDecode(jpg, ImreadModes.ReducedColor4); });
        Measure("PNG 512x512, SkiaSharp (ImageIO.decode)", () => ImageIO.DecodeWith(opts, "astronaut.png", png));
        Measure("PNG 512x512, OpenCV imdecode (BGR)", () => { using var m = Cv2.ImDecode(png, ImreadModes.Color); });

        // A folder of 64 JPEG copies of the photo, for the loader.
        var dir = Path.Combine(Path.GetTempPath(), "augment-loader-bench");
        Directory.CreateDirectory(dir);
        for (int k = 0; k < 64; k++) File.WriteAllBytes(Path.Combine(dir, $"{k:D3}.jpg"), jpg);
        var dataset = ImageDatasetModule.OfFolder(dir);
        var pipeline = AugModule.Sequence([
            Ops.Resize(224, 150, Interpolation.Area),
            Ops.RandomFlip(true, false),
            Ops.Rotate(SamplerModule.Uniform(-15, 15), Interpolation.Bilinear, BorderMode.Constant, 0.0),
            Ops.Brightness(SamplerModule.Uniform(-0.2, 0.2)),
        ]);

        Console.WriteLine("augmentation alone (decoded 640x427 samples, resize to 224x150, flip, rotate, brightness), one thread:");
        var decoded = SampleModule.OfImage(ImageIO.DecodeWith(opts, "rocket.jpg", jpg));
        long seed = 0;
        Measure("augment one sample (Aug.apply)", () => AugModule.Apply(pipeline, SeedModule.OfInt64(seed++), decoded));

        Console.WriteLine("whole loader (decode + augment + NCHW tensor), batches of 16 over 64 JPEGs:");
        int cores = Environment.ProcessorCount;
        foreach (var (workers, draft) in new[] { (1, false), (1, true), (cores, false), (cores, true) })
        {
            var o = new LoaderOptions(16, workers, 2 * workers, true, false, OnCorrupt.Fail, opts, draft,
                FSharpOption<Tuple<float[], float[]>>.Some(Tuple.Create(TensorsModule.ImageNetMean, TensorsModule.ImageNetStd)),
                FSharpRunOptions.Default);
            int epoch = 0;
            var r = Rate(() => { foreach (var b in Loader.Epoch(o, pipeline, SeedModule.OfInt(1), epoch++, dataset)) { } }, seconds) * dataset.Items.Length;
            var what = $"loader, {workers} worker{(workers == 1 ? "" : "s")}, draft {(draft ? "on (DCT 1/2)" : "off")}";
            rows.Add((what, r, "samples/s"));
            Console.WriteLine($"  {what,-58} {r,10:F1}/s");
        }

        var md = new StringBuilder();
        md.AppendLine("# Loader bench");
        md.AppendLine();
        md.AppendLine($"Written by `dotnet run -c Release --project bench -- loader` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {cores} logical cores, " +
                      $"about {seconds:F1} s per row. **The machine was shared with other builds when these were taken: the figures are loose, " +
                      "compare rows with each other, not with other machines.**");
        md.AppendLine();
        md.AppendLine("| what | per second | note |");
        md.AppendLine("| --- | ---: | --- |");
        foreach (var (what, r, note) in rows) md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {r:F1} | {note} |"));
        var outPath = Path.Combine(Path.GetDirectoryName(samples)!, "bench", "results", "loader.md");
        File.WriteAllText(outPath, md.ToString());
        Console.WriteLine($"wrote {outPath}");
        return 0;
    }

    // Calls per second: a warm-up call, then as many calls as fit in the time.
    private static double Rate(Action body, double seconds)
    {
        body();
        int n = 0;
        var sw = Stopwatch.StartNew();
        do { body(); n++; } while (sw.Elapsed.TotalSeconds < seconds);
        return n / sw.Elapsed.TotalSeconds;
    }

    private static string FindSamples()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "samples", "rocket.jpg"))) return Path.Combine(d.FullName, "samples");
        throw new DirectoryNotFoundException("samples/rocket.jpg not found above " + AppContext.BaseDirectory);
    }
}
