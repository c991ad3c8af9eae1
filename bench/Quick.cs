using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;
using Augment;
using Augment.Native;
using Microsoft.FSharp.Core;
using OpenCvSharp;
using AugPipeline = Augment.Aug;

/// <summary>
/// The quick mode (<c>dotnet fsi build.fsx bench --quick</c>): our public API beside OpenCV on the bundled astronaut
/// photo at 224 and 512, timed in this process by a small harness (no BenchmarkDotNet, no child processes), single
/// threaded. Writes bench/results/latest.csv and latest.md.
/// </summary>
public static class Quick
{
    private const double BatchSeconds = 0.08; // 5 batches: about 0.4 s of timed calls per measurement
    private const int Batches = 5;

    /// <summary>A measured rate and the bytes allocated per call.</summary>
    private readonly record struct Rate(double PerSecond, double AllocBytesPerCall);

    private sealed record Row(string Case, int Size, double Ours, double? OpenCv, double AllocBytes);

    private static object? _sink;

    public static int Run(string[] args)
    {
        string root = FindRoot();
        Cv2.SetNumThreads(1);
        var photo = ImageIO.Read(Path.Combine(root, "samples", "astronaut.png"));
        var seed = SeedModule.OfInt(1);
        var rows = new List<Row>();
        var copyRate = new Dictionary<int, double>();
        var sw = Stopwatch.StartNew();
        string loadBefore = LoadAverage();

        foreach (int size in new[] { 224, 512 })
        {
            var image = photo.Width == size && photo.Height == size
                ? photo
                : AugModule.Apply(Ops.Resize(size, size, Interpolation.Area), seed, SampleModule.OfImage(photo)).Image;
            if (image.Channels != 3 || image.ElementType != ElementType.Byte)
                throw new InvalidOperationException($"expected a uint8 RGB image, got {image}");
            var sample = SampleModule.OfImage(image);
            byte[] bytes = image.Bytes.ToArray();
            using var src = new Mat(size, size, MatType.CV_8UC3);
            Marshal.Copy(bytes, 0, src.Data, bytes.Length);
            var cv = new CvOps(src);

            Console.WriteLine($"size {size}:");
            // copy: the physical limit.
            byte[] copyDst = new byte[bytes.Length];
            var (copyOurs, copyCv) = MeasurePair(() => bytes.AsSpan().CopyTo(copyDst), () => src.CopyTo(cv.Dst));
            copyRate[size] = copyOurs.PerSecond;
            Add(rows, "copy", size, copyOurs, copyCv);

            int half = size / 2;
            var single = new (string Name, AugPipeline Aug, Action? OpenCv)[]
            {
                ("flip_horizontal", Ops.FlipHorizontal, cv.FlipHorizontal),
                ("flip_vertical", Ops.FlipVertical, cv.FlipVertical),
                ("rot90", Ops.Rot90(1), cv.Rot90),
                ("central_crop", Ops.CentralCrop(0.8), cv.CentralCrop),
                ("brightness", Ops.Brightness(SamplerModule.Constant(0.1)), cv.Brightness),
                ("contrast", Ops.Contrast(SamplerModule.Constant(1.3)), cv.Contrast),
                ("grayscale", Ops.Grayscale, cv.Grayscale),
                ("invert", Ops.Invert, cv.Invert),
                ("solarize", Ops.Solarize(SamplerModule.Constant(0.5)), cv.Solarize),
                ("posterize", Ops.Posterize(4), cv.Posterize),
                ("gamma", Ops.Gamma(SamplerModule.Constant(0.8), 1.0), cv.Gamma),
                ("equalize", Ops.Equalize, cv.Equalize),
                ("resize_bilinear", Ops.Resize(half, half, Interpolation.Bilinear), cv.ResizeBilinear),
                ("resize_area", Ops.Resize(half, half, Interpolation.Area), cv.ResizeArea),
                ("rotate_bilinear", Ops.Rotate(SamplerModule.Constant(30.0), Interpolation.Bilinear, BorderMode.Constant, 0.0), cv.RotateBilinear),
            };
            foreach (var (name, aug, openCv) in single)
            {
                var (ours, theirs) = MeasurePair(() => _sink = AugModule.Apply(aug, seed, sample), openCv);
                Add(rows, name, size, ours, theirs);
            }

            // The 6-op pipeline, fused, unfused and into a preallocated destination.
            var pipeline = Pipeline6();
            var fused = FSharpRunOptions.Default;
            var unfused = new FSharpRunOptions(false, FSharpOption<IBackend>.None);
            var shape = AugModule.RunWith(fused, pipeline, seed, sample).Item1.Image;
            var destination = PixelBuffer.Over(new byte[shape.Length], shape.Width, shape.Height, shape.Channels);
            if (!AugModule.RunWith(unfused, pipeline, seed, sample).Item1.Image.ContentEquals(shape))
                Console.WriteLine("  note: fused and unfused pipeline outputs differ");
            var runs = new (string Name, Action Call)[]
            {
                ("pipeline6_fused", () => _sink = AugModule.RunWith(fused, pipeline, seed, sample)),
                ("pipeline6_unfused", () => _sink = AugModule.RunWith(unfused, pipeline, seed, sample)),
                ("pipeline6_into", () => _sink = AugModule.RunInto(fused, pipeline, seed, sample, destination)),
            };
            foreach (var (name, call) in runs)
            {
                var (ours, theirs) = MeasurePair(call, cv.Pipeline6);
                Add(rows, name, size, ours, theirs);
            }
        }

        // Batches: 256 copies of the 224 image through the pipeline, on 1 and 2 threads; rates in images per second.
        {
            var photo224 = AugModule.Apply(Ops.Resize(224, 224, Interpolation.Area), seed, SampleModule.OfImage(photo)).Image;
            var samples = Enumerable.Range(0, 256)
                .Select(_ => SampleModule.OfImage(Image.FromBytes(224, 224, 3, photo224.Bytes)))
                .ToArray();
            var pipeline = Pipeline6();
            Console.WriteLine("batches:");
            foreach (int threads in new[] { 1, 2 })
            {
                var r = Measure(() => _sink = AugModule.RunBatch(FSharpRunOptions.Default, threads, pipeline, seed, samples), allThreads: true);
                rows.Add(new Row(threads == 1 ? "batch256_1thread" : "batch256_2threads", 224, r.PerSecond * samples.Length, null, r.AllocBytesPerCall));
                Print(rows[^1]);
            }
        }

        QuickOpenCl.OpenClRows(root, photo);
        string dir = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "latest.csv"), Csv(rows, copyRate));
        File.WriteAllText(Path.Combine(dir, "latest.md"), Markdown(rows, copyRate, root, sw.Elapsed, loadBefore, LoadAverage()));
        Console.WriteLine($"results: bench/results/latest.csv and latest.md ({sw.Elapsed.TotalSeconds:F0} s)");
        return 0;
    }

    private static AugPipeline Pipeline6() => AugModule.Sequence(new[]
    {
        Ops.FlipHorizontal, Ops.Rot90(1), Ops.CentralCrop(0.8),
        Ops.Brightness(SamplerModule.Constant(0.1)), Ops.Contrast(SamplerModule.Constant(1.3)), Ops.Grayscale,
    });

    private static void Add(List<Row> rows, string name, int size, Rate ours, Rate? openCv)
    {
        rows.Add(new Row(name, size, ours.PerSecond, openCv?.PerSecond, ours.AllocBytesPerCall));
        Print(rows[^1]);
    }

    private static void Print(Row r) =>
        Console.WriteLine($"  {r.Case,-18} {r.Size,4}  ours {r.Ours,12:F1}/s  opencv {(r.OpenCv is { } o ? o.ToString("F1", CultureInfo.InvariantCulture) : "-"),12}/s  alloc {r.AllocBytes,10:F0} B/call");

    /// <summary>Warms up, sizes a batch to about <see cref="BatchSeconds"/>, then times <see cref="Batches"/> batches:
    /// the median rate, and the bytes allocated per call over the batches (this thread's, or the process's when the
    /// call runs work on other threads).</summary>
    private static Rate Measure(Action call, bool allThreads = false) => MeasurePair(call, null, allThreads).Ours;

    /// <summary>As <see cref="Measure"/> for ours and, when given, OpenCV's call, their batches interleaved (ours,
    /// theirs, ours, ...) so that load from other processes on a shared machine falls on both alike.</summary>
    private static (Rate Ours, Rate? Theirs) MeasurePair(Action ours, Action? theirs, bool allThreads = false)
    {
        var a = new Timer(ours, allThreads);
        var b = theirs is null ? null : new Timer(theirs, false);
        for (int k = 0; k < Batches; k++)
        {
            a.Batch();
            b?.Batch();
        }
        return (a.Result(), b?.Result());
    }

    private sealed class Timer
    {
        private readonly Action _call;
        private readonly bool _allThreads;
        private readonly int _n;
        private readonly List<double> _rates = new();
        private long _allocated;

        public Timer(Action call, bool allThreads)
        {
            _call = call;
            _allThreads = allThreads;
            // Warm-up: tiered compilation and pools settle within a few hundred calls or 0.2 s.
            var sw = Stopwatch.StartNew();
            int warm = 0;
            while (sw.Elapsed.TotalSeconds < 0.2 && warm < 2000 || warm < 3) { call(); warm++; }
            _n = Math.Max(1, (int)(BatchSeconds / (sw.Elapsed.TotalSeconds / warm)));
        }

        public void Batch()
        {
            long before = _allThreads ? GC.GetTotalAllocatedBytes(true) : GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < _n; i++) _call();
            long t1 = Stopwatch.GetTimestamp();
            long after = _allThreads ? GC.GetTotalAllocatedBytes(true) : GC.GetAllocatedBytesForCurrentThread();
            _allocated += after - before;
            _rates.Add(_n / ((t1 - t0) / (double)Stopwatch.Frequency));
        }

        public Rate Result()
        {
            var sorted = _rates.Order().ToArray();
            return new Rate(sorted[sorted.Length / 2], _allocated / (double)(_n * sorted.Length));
        }
    }

    /// <summary>OpenCV's fastest equivalent of each row, writing into preallocated Mats (single threaded).</summary>
    private sealed class CvOps
    {
        private readonly Mat _src;
        public readonly Mat Dst, Gray, Half, Crop, A, B, C, D, E;
        private readonly Mat[] _planes, _equalized;
        private readonly Rect _crop;
        private readonly Mat _solarize, _posterize, _gamma;
        private readonly int _size;

        public CvOps(Mat src)
        {
            _src = src;
            _size = src.Width;
            // tf.image.central_crop's rectangle, as Ops.centralCrop: start = int((n - n * f) / 2), side = n - 2 start.
            int start = (int)((_size - _size * 0.8) / 2);
            _crop = new Rect(start, start, _size - 2 * start, _size - 2 * start);
            Dst = new Mat(_size, _size, MatType.CV_8UC3);
            Gray = new Mat(_size, _size, MatType.CV_8UC1);
            Half = new Mat(_size / 2, _size / 2, MatType.CV_8UC3);
            Crop = new Mat(_crop.Height, _crop.Width, MatType.CV_8UC3);
            A = new Mat(_size, _size, MatType.CV_8UC3);
            B = new Mat(_size, _size, MatType.CV_8UC3);
            C = new Mat(_crop.Height, _crop.Width, MatType.CV_8UC3);
            D = new Mat(_crop.Height, _crop.Width, MatType.CV_8UC3);
            E = new Mat(_crop.Height, _crop.Width, MatType.CV_8UC3);
            _planes = [new Mat(_size, _size, MatType.CV_8UC1), new Mat(_size, _size, MatType.CV_8UC1), new Mat(_size, _size, MatType.CV_8UC1)];
            _equalized = [new Mat(_size, _size, MatType.CV_8UC1), new Mat(_size, _size, MatType.CV_8UC1), new Mat(_size, _size, MatType.CV_8UC1)];
            // Constant parameters: the tables are built once, outside the timed calls (ours builds its table per call).
            _solarize = Table(x => x >= 128 ? 255 - x : x);
            _posterize = Table(x => x & 0xF0);
            _gamma = Table(x => (int)Math.Round(255.0 * Math.Pow(x / 255.0, 0.8)));
        }

        private static Mat Table(Func<int, int> f)
        {
            var t = new Mat(1, 256, MatType.CV_8UC1);
            for (int i = 0; i < 256; i++) t.Set(0, i, (byte)Math.Clamp(f(i), 0, 255));
            return t;
        }

        public void FlipHorizontal() => Cv2.Flip(_src, Dst, FlipMode.Y);
        public void FlipVertical() => Cv2.Flip(_src, Dst, FlipMode.X);
        public void Rot90() => Cv2.Rotate(_src, Dst, RotateFlags.Rotate90Counterclockwise);

        public void CentralCrop()
        {
            using var roi = new Mat(_src, _crop);
            roi.CopyTo(Crop);
        }

        public void Brightness() => _src.ConvertTo(Dst, MatType.CV_8UC3, 1.0, 0.1 * 255.0);

        // convertTo takes one offset for all channels: the mean of the channel means stands in for tf's per-channel means
        // (the same work: one statistics pass, one affine pass).
        public void Contrast()
        {
            var m = Cv2.Mean(_src);
            _src.ConvertTo(Dst, MatType.CV_8UC3, 1.3, -0.3 * (m.Val0 + m.Val1 + m.Val2) / 3);
        }

        public void Grayscale() => Cv2.CvtColor(_src, Gray, ColorConversionCodes.RGB2GRAY);
        public void Invert() => Cv2.BitwiseNot(_src, Dst);
        public void Solarize() => Cv2.LUT(_src, _solarize, Dst);
        public void Posterize() => Cv2.LUT(_src, _posterize, Dst);
        public void Gamma() => Cv2.LUT(_src, _gamma, Dst);

        public void Equalize()
        {
            Cv2.Split(_src, out var planes);
            for (int c = 0; c < 3; c++)
            {
                Cv2.EqualizeHist(planes[c], _equalized[c]);
                planes[c].Dispose();
            }
            Cv2.Merge(_equalized, Dst);
        }

        public void ResizeBilinear() => Cv2.Resize(_src, Half, new OpenCvSharp.Size(_size / 2, _size / 2), 0, 0, InterpolationFlags.Linear);
        public void ResizeArea() => Cv2.Resize(_src, Half, new OpenCvSharp.Size(_size / 2, _size / 2), 0, 0, InterpolationFlags.Area);

        public void RotateBilinear()
        {
            using var m = Cv2.GetRotationMatrix2D(new Point2f((_size - 1) / 2f, (_size - 1) / 2f), 30, 1.0);
            Cv2.WarpAffine(_src, Dst, m, new OpenCvSharp.Size(_size, _size), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        }

        public void Pipeline6()
        {
            Cv2.Flip(_src, A, FlipMode.Y);
            Cv2.Rotate(A, B, RotateFlags.Rotate90Counterclockwise);
            using (var roi = new Mat(B, _crop)) roi.CopyTo(C);
            C.ConvertTo(D, MatType.CV_8UC3, 1.0, 0.1 * 255.0);
            var m = Cv2.Mean(D);
            D.ConvertTo(E, MatType.CV_8UC3, 1.3, -0.3 * (m.Val0 + m.Val1 + m.Val2) / 3);
            Cv2.CvtColor(E, Gray, ColorConversionCodes.RGB2GRAY);
        }
    }

    // ------------------------------------------------------------------ output

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Csv(List<Row> rows, Dictionary<int, double> copyRate)
    {
        var sb = new StringBuilder("case,size,ours_per_s,opencv_per_s,ours_over_opencv,copy_fraction,alloc_bytes_per_call\n");
        foreach (var r in rows)
        {
            string cv = r.OpenCv is { } o ? F(o, "F1") : "";
            string ratio = r.OpenCv is { } o2 ? F(r.Ours / o2, "F3") : "";
            sb.Append($"{r.Case},{r.Size},{F(r.Ours, "F1")},{cv},{ratio},{F(r.Ours / copyRate[r.Size], "F4")},{F(r.AllocBytes, "F0")}\n");
        }
        return sb.ToString();
    }

    /// <summary>The 1-minute load average from /proc/loadavg, or "unknown".</summary>
    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    private static string Markdown(List<Row> rows, Dictionary<int, double> copyRate, string root, TimeSpan elapsed,
                                   string loadBefore, string loadAfter)
    {
        string cpu = "unknown";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException) { }
        string isa = Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? "AVX2" : "neither AVX-512 nor AVX2";
        string commit = Git(root, "rev-parse --short HEAD");
        var sb = new StringBuilder();
        sb.Append("# Quick bench\n\n");
        sb.Append($"Written by `dotnet fsi build.fsx bench --quick` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC at commit `{commit}` " +
                  $"in {elapsed.TotalSeconds:F0} s.\n\n");
        sb.Append($"- Machine: {cpu}, {Environment.ProcessorCount} logical cores; ISA: {isa} " +
                  $"(Avx512F.IsSupported = {Avx512F.IsSupported}, Avx2.IsSupported = {Avx2.IsSupported}); {RuntimeInformation.FrameworkDescription}, " +
                  $"OpenCV {Cv2.GetVersionString()}.\n");
        sb.Append($"- A shared {Environment.ProcessorCount}-core machine that may have been running other builds (1-minute load average " +
                  $"{loadBefore} at the start, {loadAfter} at the end): treat differences under ~20% as noise, and the " +
                  "2-thread batch row as a lower bound.\n");
        sb.Append("- Input: samples/astronaut.png (uint8 RGB) resized with our area resize to 224x224 and 512x512. Single " +
                  "threaded (`Cv2.SetNumThreads(1)`) except `batch256_2threads`.\n");
        sb.Append($"- Timing: a warm-up (0.2 s), then {Batches} batches of about {BatchSeconds} s each; the median batch's calls per " +
                  "second. Ours and OpenCV's batches alternate, so that outside load falls on both alike. `alloc_bytes_per_call` is ours: `GC.GetAllocatedBytesForCurrentThread()` around the batches over the call " +
                  "count (for the batch rows, `GC.GetTotalAllocatedBytes(true)`, per `Aug.runBatch` call of 256 images).\n");
        sb.Append("- `copy_fraction`: our rate over the rate of a plain copy of the same image (`copy` row, same size); " +
                  "resizes to half size write a quarter of the bytes, so their fraction is not bounded by 1.\n\n");

        sb.Append("| case | size | ours/s | OpenCV/s | ours / OpenCV | copy fraction | alloc B/call |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in rows)
        {
            string cv = r.OpenCv is { } o ? F(o, "N0") : "-";
            string ratio = r.OpenCv is { } o2 ? F(r.Ours / o2, "F2") : "-";
            sb.Append($"| {r.Case} | {r.Size} | {F(r.Ours, "N0")} | {cv} | {ratio} | {F(r.Ours / copyRate[r.Size], "F3")} | {F(r.AllocBytes, "N0")} |\n");
        }

        var b1 = rows.First(r => r.Case == "batch256_1thread");
        var b2 = rows.First(r => r.Case == "batch256_2threads");
        sb.Append("\n## Notes\n\n");
        sb.Append($"- Batches: `Aug.runBatch` of the 6-op pipeline over 256 copies of the 224 image, in images per second; " +
                  $"2 threads / 1 thread = {F(b2.Ours / b1.Ours, "F2")}. No OpenCV column (no batch API to compare with).\n");
        sb.Append("- Ours goes through the public API as a user would: `Aug.apply` with a constant-parameter op, allocating " +
                  "its output and running the planner each call. OpenCV writes into preallocated Mats.\n");
        sb.Append("- `copy` OpenCV column: `Mat.CopyTo` into a preallocated Mat.\n");
        sb.Append("- `central_crop`: OpenCV takes a ROI header (`new Mat(src, rect)`) and `CopyTo`.\n");
        sb.Append("- `contrast`: OpenCV times `Cv2.Mean` plus one `ConvertTo`; `ConvertTo` takes a single offset, so the mean " +
                  "of the channel means stands in for tf's per-channel means (the same work, not the same bits).\n");
        sb.Append("- `grayscale`: ours keeps 3 channels (gray replicated, so later ops see the same shape); OpenCV's " +
                  "`CvtColor(RGB2GRAY)` writes 1 channel, a third of the bytes.\n");
        sb.Append("- `solarize`, `posterize`, `gamma`: OpenCV's `LUT` uses a table built once outside the timed call (constant " +
                  "parameters); ours builds its 256-entry table inside every call (it plans per call from the drawn parameters).\n");
        sb.Append("- `equalize`: OpenCV times `Split`, `EqualizeHist` per channel and `Merge` (its own equalisation rule, not " +
                  "Pillow's; the same work).\n");
        sb.Append("- `rotate_bilinear`: OpenCV times `GetRotationMatrix2D` and `WarpAffine` (linear, constant border 0).\n");
        sb.Append("- `pipeline6_*`: flip horizontal, rot90, central crop 0.8, brightness +0.1, contrast 1.3, grayscale; fused " +
                  "(`RunOptions.Default`), unfused (`Fuse = false`), and `Aug.runInto` a preallocated buffer (fused). The OpenCV " +
                  "column (timed beside each of the three rows, so it varies a little between them) runs the six ops one after another into preallocated Mats: `Flip`, " +
                  "`Rotate`, ROI `CopyTo`, `ConvertTo`, `Mean` + `ConvertTo`, `CvtColor` (1 channel out).\n");
        sb.Append("- Every single-op row has an OpenCV equivalent; only the batch rows leave the OpenCV column empty.\n");
        return sb.ToString();
    }

    private static string Git(string root, string arguments)
    {
        try
        {
            var psi = new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            string s = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 ? s : "unknown";
        }
        catch (System.ComponentModel.Win32Exception) { return "unknown"; }
    }

    /// <summary>The repository root: the nearest folder holding build.fsx, from the working directory or the binary.</summary>
    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "build.fsx"))) return d.FullName;
        }
        throw new DirectoryNotFoundException("no build.fsx above the working directory or the binary");
    }
}
