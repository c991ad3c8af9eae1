using System.Diagnostics;
using System.Globalization;
using System.Text;
using Augment;
using Augment.Native;
using Augment.OpenCL;
using Microsoft.FSharp.Core;
using AugPipeline = Augment.Aug;

/// <summary>
/// The quick bench's OpenCL rows, kept apart from <c>Quick</c>, which calls <see cref="OpenClRows"/> in one line: the
/// same ops on the CPU and through the OpenCL backend (whole plans per image, single-threaded callers), each
/// device result checked against the CPU's, written to bench/results/latest-opencl.md and .csv with the device's name.
/// Through POCL the "device" is this machine's CPU cores (POCL runs work items on its own threads), so the rows compare
/// code paths, not a GPU. Without an OpenCL runtime it prints why and writes nothing.
/// </summary>
public static class QuickOpenCl
{
    private const double BatchSeconds = 0.08;
    private const int Batches = 5;

    /// <summary>Measures the OpenCL rows on <paramref name="photo"/> resized to 224 and 512 and writes them under
    /// <paramref name="root"/>/bench/results.</summary>
    public static void OpenClRows(string root, Image photo)
    {
        string? why = OpenClBackend.Unavailable;
        if (why is not null)
        {
            Console.WriteLine($"opencl: skipped, OpenCL is not available here ({why})");
            return;
        }
        var backend = OpenClBackend.Create();
        backend.Log = null;
        var cpu = FSharpRunOptions.Default;
        var dev = new FSharpRunOptions(true, FSharpOption<IBackend>.Some(backend));
        // The same device one group at a time (upload, run, download per group), as the backend ran before whole plans.
        var perGroup = new FSharpRunOptions(true, FSharpOption<IBackend>.Some(backend.PerGroup));
        var seed = SeedModule.OfInt(1);
        var csv = new StringBuilder("case,size,cpu_per_s,opencl_per_s,opencl_per_group_per_s,max_abs_diff\n");
        var md = new StringBuilder();
        Console.WriteLine($"opencl on {backend.Device}:");
        foreach (int size in new[] { 224, 512 })
        {
            var image = AugModule.Apply(Ops.Resize(size, size, Interpolation.Area), seed, SampleModule.OfImage(photo)).Image;
            var sample = SampleModule.OfImage(image);
            var cases = new (string Name, AugPipeline Aug)[]
            {
                ("brightness_table", Ops.Brightness(SamplerModule.Constant(0.1))),
                ("grayscale", Ops.Grayscale),
                ("gaussian_blur_s2", Ops.GaussianBlur(SamplerModule.Constant(2.0))),
                ("gaussian_noise", Ops.GaussianNoise(SamplerModule.Constant(0.05))),
                ("resize_bilinear", Ops.Resize(size / 2, size / 2, Interpolation.Bilinear)),
                ("rotate_bilinear", Ops.Rotate(SamplerModule.Constant(30.0), Interpolation.Bilinear, BorderMode.Constant, 0.0)),
                ("pipeline_mixed", AugModule.Sequence(new[]
                {
                    Ops.Rotate(SamplerModule.Constant(12.0), Interpolation.Bilinear, BorderMode.Reflect101, 0.0),
                    Ops.Brightness(SamplerModule.Constant(0.1)), Ops.Contrast(SamplerModule.Constant(1.3)),
                    Ops.GaussianBlur(SamplerModule.Constant(1.5)), Ops.GaussianNoise(SamplerModule.Constant(0.03)),
                })),
            };
            foreach (var (name, aug) in cases)
            {
                var a = AugModule.RunWith(cpu, aug, seed, sample).Item1.Image;
                var b = AugModule.RunWith(dev, aug, seed, sample).Item1.Image;
                double diff = MaxDiff(a, b);
                double c = Rate(() => AugModule.RunWith(cpu, aug, seed, sample));
                double o = Rate(() => AugModule.RunWith(dev, aug, seed, sample));
                double g = Rate(() => AugModule.RunWith(perGroup, aug, seed, sample));
                Console.WriteLine($"  {name,-18} {size,4}  cpu {c,10:F1}/s  opencl {o,10:F1}/s  per group {g,10:F1}/s  max |diff| {diff}");
                csv.Append(CultureInfo.InvariantCulture, $"{name},{size},{c:F1},{o:F1},{g:F1},{diff}\n");
                md.Append(CultureInfo.InvariantCulture, $"| {name} | {size} | {c:F1} | {o:F1} | {g:F1} | {o / c:F2} | {diff} |\n");
            }
        }
        // Batches of 64 through Aug.runBatch (one caller thread): the batch path (every sample's plan in one call, copies
        // and kernels of the whole batch enqueued before one wait), the per-group path, and the CPU on 1 and 2 threads.
        var bmd = new StringBuilder();
        {
            const int n = 64;
            var image = AugModule.Apply(Ops.Resize(224, 224, Interpolation.Area), seed, SampleModule.OfImage(photo)).Image;
            var samples = Enumerable.Range(0, n).Select(_ => SampleModule.OfImage(Image.FromBytes(224, 224, 3, image.Bytes))).ToArray();
            var cases = new (string Name, AugPipeline Aug)[]
            {
                ("brightness_table", Ops.Brightness(SamplerModule.Uniform(-0.2, 0.2))),
                ("rotate_bilinear", Ops.Rotate(SamplerModule.Uniform(-30.0, 30.0), Interpolation.Bilinear, BorderMode.Constant, 0.0)),
                ("pipeline_mixed", AugModule.Sequence(new[]
                {
                    Ops.Rotate(SamplerModule.Uniform(-12.0, 12.0), Interpolation.Bilinear, BorderMode.Reflect101, 0.0),
                    Ops.Brightness(SamplerModule.Uniform(-0.1, 0.1)), Ops.Contrast(SamplerModule.Uniform(0.8, 1.3)),
                    Ops.GaussianBlur(SamplerModule.Constant(1.5)), Ops.GaussianNoise(SamplerModule.Constant(0.03)),
                })),
            };
            Console.WriteLine($"opencl batches of {n} at 224:");
            foreach (var (name, aug) in cases)
            {
                var a = AugModule.RunBatch(cpu, 1, aug, seed, samples);
                var b = AugModule.RunBatch(dev, 1, aug, seed, samples);
                var pg = AugModule.RunBatch(perGroup, 1, aug, seed, samples);
                double diff = 0, diffGroup = 0;
                for (int i = 0; i < n; i++)
                {
                    diff = Math.Max(diff, MaxDiff(a[i].Item1.Image, b[i].Item1.Image));
                    diffGroup = Math.Max(diffGroup, MaxDiff(pg[i].Item1.Image, b[i].Item1.Image));
                }
                double c1 = n * Rate(() => AugModule.RunBatch(cpu, 1, aug, seed, samples));
                double c2 = n * Rate(() => AugModule.RunBatch(cpu, 2, aug, seed, samples));
                double ob = n * Rate(() => AugModule.RunBatch(dev, 1, aug, seed, samples));
                double og = n * Rate(() => AugModule.RunBatch(perGroup, 1, aug, seed, samples));
                Console.WriteLine($"  batch64_{name,-18} cpu {c1,8:F1}/s  cpu 2 threads {c2,8:F1}/s  opencl batch {ob,8:F1}/s  per group {og,8:F1}/s  max |diff| {diff} (vs per group {diffGroup})");
                csv.Append(CultureInfo.InvariantCulture, $"batch64_{name},224,{c1:F1},{ob:F1},{og:F1},{diff}\n");
                bmd.Append(CultureInfo.InvariantCulture, $"| {name} | {c1:F1} | {c2:F1} | {ob:F1} | {og:F1} | {ob / og:F2} | {diff} | {diffGroup} |\n");
            }
        }
        string device = backend.Device.ToString();
        bool pocl = backend.Device.Platform.Contains("Portable Computing Language", StringComparison.OrdinalIgnoreCase);
        var doc = new StringBuilder();
        doc.Append("# Quick bench: OpenCL rows\n\n");
        doc.Append($"Written by `dotnet fsi build.fsx bench --quick` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Device: {device}.\n\n");
        doc.Append(pocl
            ? "- Through POCL, the CPU OpenCL runtime: the device is this machine's own cores, so these rows compare the OpenCL path " +
              "(host/device copies included) with the CPU backend on the same silicon, not a GPU. POCL runs the kernels on its own " +
              $"threads on the same {Environment.ProcessorCount} logical cores as the host; load average when written: {Load()}.\n"
            : "- On the device named above; every rate includes the copies to and from the device (one plan per image).\n");
        doc.Append("- Rates are images per second of one caller thread; `max |diff|` is the largest difference between the device's and " +
                   "the CPU's output in value units (0 means the same bits).\n\n");
        doc.Append("- `OpenCL /s` runs each image's whole plan on the device (one upload, device groups back to back, one download); " +
                   "`per group /s` is the same device one group at a time (`OpenClBackend.PerGroup`: upload, run, download per group).\n\n");
        doc.Append("| case | size | CPU /s | OpenCL /s | per group /s | OpenCL / CPU | max abs diff |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        doc.Append(md);
        doc.Append("\n## Batches of 64 (224 x 224, `Aug.runBatch`, one caller thread)\n\n");
        doc.Append("The batch path hands every sample's plan to the backend in one call: uploads, kernels and downloads of the whole " +
                   "batch are enqueued (on a GPU, uploads and downloads on their own queues joined to the kernels by events; on a CPU device such as POCL one in-order queue, and shared table launches of at most 1 MiB of sources; AUGMENT_OPENCL_QUEUES overrides) before one wait. " +
                   "Per group: the same device through `OpenClBackend.PerGroup`. Rates in images per second; the diffs are against the " +
                   "CPU and against the per-group path.\n\n");
        doc.Append("| case | CPU 1 thread /s | CPU 2 threads /s | OpenCL batch /s | OpenCL per group /s | batch / per group | max abs diff vs CPU | vs per group |\n");
        doc.Append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        doc.Append(bmd);
        string dir = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "latest-opencl.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(dir, "latest-opencl.md"), doc.ToString());
        Console.WriteLine("opencl results: bench/results/latest-opencl.csv and latest-opencl.md");
    }

    private static string Load()
    {
        try { return File.ReadAllText("/proc/loadavg").Trim(); } catch (IOException) { return "unknown"; }
    }

    private static double MaxDiff(Image a, Image b)
    {
        if (a.Length != b.Length || a.ElementType != b.ElementType) return double.PositiveInfinity;
        double m = 0;
        if (a.ElementType == ElementType.Byte)
        {
            var x = a.Bytes; var y = b.Bytes;
            for (int i = 0; i < x.Length; i++) m = Math.Max(m, Math.Abs(x[i] - y[i]));
        }
        else
        {
            var x = a.Floats; var y = b.Floats;
            for (int i = 0; i < x.Length; i++) m = Math.Max(m, Math.Abs((double)x[i] - y[i]));
        }
        return m;
    }

    /// <summary>Warms up, sizes a batch to about <see cref="BatchSeconds"/>, and returns the median of
    /// <see cref="Batches"/> batches' rates.</summary>
    private static double Rate(Action call)
    {
        call();
        int n = 1;
        var sw = Stopwatch.StartNew();
        while (true)
        {
            sw.Restart();
            for (int i = 0; i < n; i++) call();
            if (sw.Elapsed.TotalSeconds >= BatchSeconds / 4 || n >= 1 << 20) break;
            n *= 2;
        }
        n = Math.Max(1, (int)(n * BatchSeconds / Math.Max(sw.Elapsed.TotalSeconds, 1e-9)));
        var rates = new double[Batches];
        for (int k = 0; k < Batches; k++)
        {
            sw.Restart();
            for (int i = 0; i < n; i++) call();
            rates[k] = n / sw.Elapsed.TotalSeconds;
        }
        Array.Sort(rates);
        return rates[Batches / 2];
    }
}
