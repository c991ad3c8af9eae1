using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;
using System.Text.Json.Nodes;
using Augment;
using Augment.Native;
using Microsoft.FSharp.Core;
using OpenCvSharp;
using AugPipeline = Augment.Aug;

/// <summary>
/// The quick mode (<c>dotnet fsi build.fsx bench --quick</c>): every op of the catalogue through our public API beside
/// OpenCV's (and Skia's) fastest call for the same job (<see cref="QuickCases"/>), a plain copy as the physical limit, the
/// 6-op pipeline and 256-image batches, on the bundled astronaut photo at 224 and 512, timed in this process by a small
/// harness (no BenchmarkDotNet, no child processes), single threaded. Writes bench/results/latest.csv and latest.md;
/// <c>--only A,B</c> times those ops alone and writes nothing (<c>pipeline6</c> and <c>batch256</c> name the pipeline and
/// batch rows).
/// </summary>
public static class Quick
{
    // 78 ops x 2 sizes x up to four timed calls must fit in about four minutes: short batches, the median of three.
    private const double BatchSeconds = 0.04;
    private const int Batches = 3;
    private const double WarmSeconds = 0.1;

    /// <summary>A measured rate and the bytes allocated per call.</summary>
    private readonly record struct Rate(double PerSecond, double AllocBytesPerCall);

    private sealed record Row(string Case, int Size, double Ours, double? OursApply, double? OpenCv, double? Skia,
                              double AllocBytes, string PeerNote, string Params);

    private static object? _sink;

    /// <summary>Runs the quick mode: 0 when both files are written (or, with <c>--only</c>, the ops were timed), 1 when
    /// the cases do not match the catalogue or a case fails, 2 for an unknown <c>--only</c> name.</summary>
    public static int Run(string[] args)
    {
        string root = FindRoot();
        Cv2.SetNumThreads(1);
        var photo = ImageIO.Read(Path.Combine(root, "samples", "astronaut.png"));
        var partners = new[] { "coffee.png", "chelsea.png", "rocket.jpg" }
            .Select(f => Path.Combine(root, "samples", f))
            .Select(f => File.Exists(f) ? ImageIO.Read(f) : photo)
            .ToArray();
        // --opencl: the OpenCL rows alone (bench/results/latest-opencl.*), without the catalogue's.
        if (args.Contains("--opencl"))
        {
            QuickOpenCl.OpenClRows(root, photo);
            return 0;
        }
        // --alloc: bytes allocated per call of every op of the catalogue at 224 (no timing, writes nothing).
        if (args.Contains("--alloc")) return AllocTable(photo, partners, args);
        // --profile A,B: each op's call in a loop, for a profiler (bench/profile.sh); times nothing, writes nothing.
        if (args.Contains("--profile")) return ProfileLoop(photo, partners, args);
        var seed = SeedModule.OfInt(1);
        var rows = new List<Row>();
        var copyRate = new Dictionary<int, double>();
        var sw = Stopwatch.StartNew();
        string loadBefore = LoadAverage();
        var cases = QuickCases.All();
        // --only A,B: those ops alone, printed and not written (to check a case while working on it).
        int at = Array.IndexOf(args, "--only");
        string[]? only = at >= 0 && at + 1 < args.Length ? args[at + 1].Split(',') : null;
        if (only is not null)
        {
            var unknown = only.Except(cases.Select(c => c.Op)).Except(new[] { "pipeline6", "batch256" }).ToArray();
            if (unknown.Length > 0)
            {
                Console.Error.WriteLine($"--only: no case named {string.Join(", ", unknown)}");
                return 2;
            }
            cases = cases.Where(c => only.Contains(c.Op)).ToList();
        }
        // Every op of the catalogue has exactly one case, and every case is an op of the catalogue: a new op cannot be
        // forgotten, nor a renamed one left behind.
        var names = Ops.catalogue.Select(i => i.Name).ToArray();
        var missing = names.Except(cases.Select(c => c.Op)).ToArray();
        var unknownCases = cases.Select(c => c.Op).Except(names).ToArray();
        var twice = cases.GroupBy(c => c.Op).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if ((missing.Length > 0 && only is null) || unknownCases.Length > 0 || twice.Length > 0)
        {
            Console.Error.WriteLine("bench/QuickCases.cs does not match the catalogue (Ops.catalogue): " +
                                    $"no case for [{string.Join(", ", missing)}]; cases for ops it does not have [{string.Join(", ", unknownCases)}]; " +
                                    $"more than one case for [{string.Join(", ", twice)}]");
            return 1;
        }

        foreach (int size in new[] { 224, 512 })
        {
            Image Resized(Image im) => im.Width == size && im.Height == size
                ? im
                : AugModule.Apply(Ops.Resize(size, size, Interpolation.Area), seed, SampleModule.OfImage(im)).Image;
            var image = Resized(photo);
            if (image.Channels != 3 || image.ElementType != ElementType.Byte)
                throw new InvalidOperationException($"expected a uint8 RGB image, got {image}");
            var sample = SampleModule.OfImage(image);
            byte[] bytes = image.Bytes.ToArray();
            using var src = new Mat(size, size, MatType.CV_8UC3);
            Marshal.Copy(bytes, 0, src.Data, bytes.Length);
            var cv = new CvOps(src);
            var ctx = new QuickCases.Context(size, image, src, partners.Select(Resized).ToArray());

            Console.WriteLine($"size {size}:");
            // copy: the physical limit.
            byte[] copyDst = new byte[bytes.Length];
            var copy = MeasureAll(() => bytes.AsSpan().CopyTo(copyDst), null, () => src.CopyTo(cv.Dst), null);
            copyRate[size] = copy[0]!.Value.PerSecond;
            Add(rows, new Row("copy", size, copy[0]!.Value.PerSecond, null, copy[2]!.Value.PerSecond, null, 0,
                              "", "ours: Span.CopyTo; OpenCV: Mat.CopyTo into a preallocated Mat"));

            foreach (var c in cases)
            {
                try
                {
                    rows.Add(MeasureCase(c, ctx));
                    Print(rows[^1]);
                    if (only is not null) Console.WriteLine($"    {rows[^1].Params} [{rows[^1].PeerNote}]");
                }
                catch (Exception e)
                {
                    // A failing case is a bug in the bench or the library: stop loudly rather than leave a row out.
                    Console.Error.WriteLine($"case {c.Op} at {size}: {e}");
                    return 1;
                }
            }

            if (only is not null && !only.Contains("pipeline6")) continue;
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
                ("pipeline6_untraced", () => AugModule.RunIntoUntraced(fused, pipeline, seed, sample, destination)),
            };
            foreach (var (name, call) in runs)
            {
                var r = MeasureAll(call, null, cv.Pipeline6, null);
                Add(rows, new Row(name, size, r[0]!.Value.PerSecond, null, r[2]!.Value.PerSecond, null, r[0]!.Value.AllocBytesPerCall,
                                  "OpenCV: the six calls one after another (Flip, Rotate, ROI CopyTo, ConvertTo, Mean + ConvertTo, CvtColor to 1 channel)",
                                  "FlipHorizontal, Rot90(1), CentralCrop(0.8), Brightness(0.1), Contrast(1.3), Grayscale"));
            }
        }

        if (only is not null && !only.Contains("batch256")) return 0;
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
                var r = MeasureAll(() => _sink = AugModule.RunBatch(FSharpRunOptions.Default, threads, pipeline, seed, samples), null, null, null,
                                   allThreads: true)[0]!.Value;
                Add(rows, new Row(threads == 1 ? "batch256_1thread" : "batch256_2threads", 224, r.PerSecond * samples.Length, null, null, null,
                                  r.AllocBytesPerCall, "no OpenCV batch API to compare with",
                                  $"Aug.runBatch of pipeline6 over 256 images on {threads} thread(s); rate in images/s, alloc per runBatch call"));
            }
            // The same batch into 256 caller-owned destinations (Aug.runBatchInto): no output image per sample.
            var destinations = AugModule.RunBatch(FSharpRunOptions.Default, 1, pipeline, seed, samples)
                .Select(o => PixelBuffer.Allocate(o.Item1.Image.Width, o.Item1.Image.Height, o.Item1.Image.Channels, ElementType.Byte, ValueRange.Byte))
                .ToArray();
            foreach (int threads in new[] { 1, 2 })
            {
                var r = MeasureAll(() => _sink = AugModule.RunBatchInto(FSharpRunOptions.Default, threads, pipeline, seed, samples, destinations), null, null, null,
                                   allThreads: true)[0]!.Value;
                Add(rows, new Row(threads == 1 ? "batch256_into_1thread" : "batch256_into_2threads", 224, r.PerSecond * samples.Length, null, null, null,
                                  r.AllocBytesPerCall, "no OpenCV batch API to compare with",
                                  $"Aug.runBatchInto of pipeline6 over 256 images into preallocated buffers on {threads} thread(s); rate in images/s, alloc per call"));
            }
        }

        // What 2 threads can give on this machine at all: a register-only loop and a copy of 256 image-sized buffers,
        // each timed on 1 thread and on 2 threads doing the same work each.
        (_spinScaling, _copyScaling) = ScalingCeiling();
        Console.WriteLine($"scaling ceiling: register loop {_spinScaling:F2}x, buffer copies {_copyScaling:F2}x");
        if (only is not null) return 0;

        QuickOpenCl.OpenClRows(root, photo);
        string dir = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "latest.csv"), Csv(rows, copyRate));
        File.WriteAllText(Path.Combine(dir, "latest.md"), Markdown(rows, copyRate, root, sw.Elapsed, loadBefore, LoadAverage()));
        Console.WriteLine($"results: bench/results/latest.csv and latest.md ({sw.Elapsed.TotalSeconds:F0} s)");
        return 0;
    }

    /// <summary>The harness behind <c>bench --quick --alloc [--only A,B]</c>: for every case at 224, once warm, the bytes
    /// <c>GC.GetAllocatedBytesForCurrentThread()</c> counts per call of <c>Aug.runInto</c>, <c>Aug.runIntoUntraced</c>
    /// (batch ops: <c>Aug.runBatchInto</c> and <c>Aug.runBatch</c> of four, per image). A measure of memory, not of time.</summary>
    private static int AllocTable(Image photo, Image[] partners, string[] args)
    {
        const int size = 224, warm = 20, calls = 200;
        int at = Array.IndexOf(args, "--only");
        string[]? only = at >= 0 && at + 1 < args.Length ? args[at + 1].Split(',') : null;
        var ctx = ContextAt(size, photo, partners, out var src);
        using var _ = src;
        double PerCall(Action f, double per)
        {
            for (int i = 0; i < warm; i++) f();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++) f();
            return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls / per;
        }
        Console.WriteLine("| op | runInto B/call | runIntoUntraced B/call |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var c in QuickCases.All().Where(c => only is null || only.Contains(c.Op)))
        {
            var aug = c.Build(size);
            var seed = SeedModule.OfInt(1);
            double traced, untraced;
            if (c.Batch)
            {
                var batch = ctx.Batch;
                var ds = AugModule.RunBatch(FSharpRunOptions.Default, 1, aug, seed, batch)
                    .Select(o => PixelBuffer.Allocate(o.Item1.Image.Width, o.Item1.Image.Height, o.Item1.Image.Channels, o.Item1.Image.ElementType, o.Item1.Image.Range))
                    .ToArray();
                traced = PerCall(() => _sink = AugModule.RunBatchInto(FSharpRunOptions.Default, 1, aug, seed, batch, ds), batch.Length);
                untraced = PerCall(() => _sink = AugModule.RunBatch(FSharpRunOptions.Default, 1, aug, seed, batch), batch.Length);
                Console.WriteLine($"| {c.Op} (runBatchInto / runBatch, per image) | {traced:F0} | {untraced:F0} |");
                continue;
            }
            var input = c.Input(ctx);
            var o = AugModule.Run(aug, seed, input).Item1.Image;
            var d = PixelBuffer.Allocate(o.Width, o.Height, o.Channels, o.ElementType, o.Range);
            traced = PerCall(() => _sink = AugModule.RunInto(FSharpRunOptions.Default, aug, seed, input, d), 1);
            untraced = PerCall(() => AugModule.RunIntoUntraced(FSharpRunOptions.Default, aug, seed, input, d), 1);
            Console.WriteLine($"| {c.Op} | {traced:F0} | {untraced:F0} |");
        }
        return 0;
    }

    /// <summary>The harness behind <c>bench --quick --profile A,B [--size N] [--seconds S] [--peer]</c>: each named
    /// case's timed call (ours, or OpenCV's with <c>--peer</c>) in a loop for S seconds (default 4) at size N (default
    /// 224), after the same preparation as a timed row, so that a sampling profiler sees almost nothing else.</summary>
    private static int ProfileLoop(Image photo, Image[] partners, string[] args)
    {
        string? Arg(string name) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        var names = (Arg("--profile") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        int size = int.Parse(Arg("--size") ?? "224", CultureInfo.InvariantCulture);
        double seconds = double.Parse(Arg("--seconds") ?? "4", CultureInfo.InvariantCulture);
        bool peer = args.Contains("--peer");
        var cases = QuickCases.All();
        var unknown = names.Except(cases.Select(c => c.Op)).ToArray();
        if (names.Length == 0 || unknown.Length > 0)
        {
            Console.Error.WriteLine($"--profile: expected op names of the catalogue, got [{string.Join(", ", unknown.Length > 0 ? unknown : names)}]");
            return 2;
        }
        if (size < 1 || !(seconds > 0))
        {
            Console.Error.WriteLine($"--size {size} / --seconds {seconds}: expected a positive size and a positive number of seconds");
            return 2;
        }
        var ctx = ContextAt(size, photo, partners, out var src);
        using var _ = src;
        foreach (var c in cases.Where(c => names.Contains(c.Op)))
        {
            var (ours, cv) = PrepareCase(c, ctx);
            var call = peer ? cv ?? throw new InvalidOperationException($"{c.Op}: no OpenCV peer to profile") : ours;
            var sw = Stopwatch.StartNew();
            long calls = 0;
            while (sw.Elapsed.TotalSeconds < seconds) { for (int i = 0; i < 16; i++) call(); calls += 16; }
            Console.WriteLine($"{c.Op} {size} {(peer ? "OpenCV" : "ours")}: {calls} calls in {sw.Elapsed.TotalSeconds:F1} s ({calls / sw.Elapsed.TotalSeconds:F0}/s)");
        }
        return 0;
    }

    /// <summary>The inputs of the cases at one size: the photo and its partners resized with our area resize (seed 1),
    /// and the photo as an OpenCV Mat in <paramref name="src"/>, which the caller disposes.</summary>
    private static QuickCases.Context ContextAt(int size, Image photo, Image[] partners, out Mat src)
    {
        Image Resized(Image im) => im.Width == size && im.Height == size
            ? im
            : AugModule.Apply(Ops.Resize(size, size, Interpolation.Area), SeedModule.OfInt(1), SampleModule.OfImage(im)).Image;
        var image = Resized(photo);
        src = new Mat(size, size, MatType.CV_8UC3);
        Marshal.Copy(image.Bytes.ToArray(), 0, src.Data, image.Length);
        return new QuickCases.Context(size, image, src, partners.Select(Resized).ToArray());
    }

    /// <summary>A case's seed: 1, or the first whose draw the case accepts (e.g. not the identity).</summary>
    private static int CaseSeed(QuickCases.Case c, QuickCases.Context ctx, AugPipeline aug, FSharpSample input)
    {
        int k = 1;
        if (c.Accept is { } accept)
        {
            JsonNode? Drawn(int i) => c.Batch
                ? Json.TraceToNode(AugModule.RunBatch(FSharpRunOptions.Default, 1, aug, SeedModule.OfInt(i), ctx.Batch)[0].Item2)["params"]
                : Json.TraceToNode(AugModule.Run(aug, SeedModule.OfInt(i), input).Item2)["params"];
            while (!accept(Drawn(k)))
                if (++k > 1000) throw new InvalidOperationException($"{c.Op}: no seed in 1..1000 draws parameters the case accepts");
        }
        return k;
    }

    /// <summary>A case's timed calls, prepared as a row prepares them: ours (into preallocated buffers) and OpenCV's.</summary>
    private static (Action Ours, Action? OpenCv) PrepareCase(QuickCases.Case c, QuickCases.Context ctx)
    {
        var aug = c.Build(ctx.Size);
        var input = c.Input(ctx);
        var seed = SeedModule.OfInt(CaseSeed(c, ctx, aug, input));
        Action ours;
        JsonNode? traced;
        if (c.Batch)
        {
            var batch = ctx.Batch;
            var first = AugModule.RunBatch(FSharpRunOptions.Default, 1, aug, seed, batch);
            traced = Json.TraceToNode(first[0].Item2)["params"];
            var destinations = first.Select(o => PixelBuffer.Allocate(o.Item1.Image.Width, o.Item1.Image.Height, o.Item1.Image.Channels,
                                                                      o.Item1.Image.ElementType, o.Item1.Image.Range)).ToArray();
            ours = () => _sink = AugModule.RunBatchInto(FSharpRunOptions.Default, 1, aug, seed, batch, destinations);
        }
        else
        {
            var (output, trace) = AugModule.Run(aug, seed, input);
            traced = Json.TraceToNode(trace)["params"];
            var o = output.Image;
            var destination = PixelBuffer.Allocate(o.Width, o.Height, o.Channels, o.ElementType, o.Range);
            ours = () => _sink = AugModule.RunInto(FSharpRunOptions.Default, aug, seed, input, destination);
        }
        return (ours, c.OpenCv(ctx, traced)?.Run);
    }

    /// <summary>One op at one size: ours through <c>Aug.runInto</c> into a preallocated destination of the output's
    /// shape (and <c>Aug.apply</c>, allocating), beside OpenCV's and Skia's equivalents, their batches alternating.</summary>
    private static Row MeasureCase(QuickCases.Case c, QuickCases.Context ctx)
    {
        var aug = c.Build(ctx.Size);
        var input = c.Input(ctx);
        int k = CaseSeed(c, ctx, aug, input);
        var seed = SeedModule.OfInt(k);
        Action ours;
        Action? oursApply;
        Image result;
        JsonNode? traced;
        if (c.Batch)
        {
            // Batch ops run through Aug.runBatchInto into preallocated buffers (ours) and Aug.runBatch, allocating
            // (ours_apply): a batch of four (the photo and three partners), one thread.
            var batch = ctx.Batch;
            var first = AugModule.RunBatch(FSharpRunOptions.Default, 1, aug, seed, batch);
            traced = Json.TraceToNode(first[0].Item2)["params"];
            result = first[0].Item1.Image;
            var destinations = first.Select(o => PixelBuffer.Allocate(o.Item1.Image.Width, o.Item1.Image.Height, o.Item1.Image.Channels,
                                                                      o.Item1.Image.ElementType, o.Item1.Image.Range)).ToArray();
            AugModule.RunBatchInto(FSharpRunOptions.Default, 1, aug, seed, batch, destinations);
            if (result.ElementType == ElementType.Byte && !destinations[0].Bytes.SequenceEqual(result.Bytes))
                throw new InvalidOperationException($"{c.Op}: Aug.runBatchInto and Aug.runBatch disagree");
            ours = () => _sink = AugModule.RunBatchInto(FSharpRunOptions.Default, 1, aug, seed, batch, destinations);
            oursApply = () => _sink = AugModule.RunBatch(FSharpRunOptions.Default, 1, aug, seed, batch);
        }
        else
        {
            var (output, trace) = AugModule.Run(aug, seed, input);
            traced = Json.TraceToNode(trace)["params"];
            var o = result = output.Image;
            var destination = PixelBuffer.Allocate(o.Width, o.Height, o.Channels, o.ElementType, o.Range);
            AugModule.RunInto(FSharpRunOptions.Default, aug, seed, input, destination);
            if (o.ElementType == ElementType.Byte && !destination.Bytes.SequenceEqual(o.Bytes))
                throw new InvalidOperationException($"{c.Op}: Aug.runInto and Aug.apply disagree");
            ours = () => _sink = AugModule.RunInto(FSharpRunOptions.Default, aug, seed, input, destination);
            oursApply = () => _sink = AugModule.Apply(aug, seed, input);
        }
        ctx.Output = null;
        var cv = c.OpenCv(ctx, traced);
        var cvOutput = ctx.Output;
        var skia = c.Skia?.Invoke(ctx, traced);
        var r = MeasureAll(ours, oursApply, cv?.Run, skia?.Run);
        double perCall = c.Batch ? ctx.Batch.Length : 1; // batch rows: images per second and bytes per image
        string ps = $"ours: {c.Describe(ctx.Size)}{(k == 1 ? "" : $" with seed {k}")} {traced?.ToJsonString() ?? "{}"}";
        if (c.Batch && r[1] is { } fresh) ps += $"; Aug.runBatch allocates {fresh.AllocBytesPerCall / perCall:F0} B/image";
        if (cv is not null) ps += $"; OpenCV: {cv.Call}";
        if (cv is not null && cvOutput is not null) ps += $" ({Difference(result, cvOutput)})";
        if (skia is not null) ps += $"; Skia: {skia.Call}";
        string note = cv is null ? c.NoPeer ?? "no OpenCV equivalent" : cv.Note ?? "";
        if (skia?.Note is { } sn) note = note.Length == 0 ? sn : $"{note}; {sn}";
        return new Row(c.Op, ctx.Size, r[0]!.Value.PerSecond * perCall, r[1]?.PerSecond, r[2]?.PerSecond, r[3]?.PerSecond,
                       r[0]!.Value.AllocBytesPerCall / perCall, note, ps);
    }

    /// <summary>How far OpenCV's output (as its last timed call left it) is from ours: the largest and the mean absolute
    /// difference per element, in values (bytes) or in the float image's units; or why they cannot be compared.</summary>
    private static string Difference(Image ours, Mat theirs)
    {
        if (theirs.Width != ours.Width || theirs.Height != ours.Height || theirs.Channels() != ours.Channels)
            return $"output {theirs.Width}x{theirs.Height}x{theirs.Channels()}, ours {ours.Width}x{ours.Height}x{ours.Channels}";
        int n = ours.Length;
        double max = 0, sum = 0;
        if (ours.ElementType == ElementType.Byte && theirs.Type() == MatType.CV_8UC(ours.Channels) && theirs.IsContinuous())
        {
            var t = new byte[n];
            Marshal.Copy(theirs.Data, t, 0, n);
            var o = ours.Bytes;
            for (int i = 0; i < n; i++) { int d = Math.Abs(o[i] - t[i]); sum += d; if (d > max) max = d; }
            return $"vs ours: max |diff| {F(max, "F0")}, mean {F(sum / n, "F3")}";
        }
        if (ours.ElementType == ElementType.Float32 && theirs.Type() == MatType.CV_32FC(ours.Channels) && theirs.IsContinuous())
        {
            var t = new float[n];
            Marshal.Copy(theirs.Data, t, 0, n);
            var o = ours.Floats;
            for (int i = 0; i < n; i++) { double d = Math.Abs(o[i] - t[i]); sum += d; if (d > max) max = d; }
            return $"vs ours: max |diff| {F(max, "G3")}, mean {F(sum / n, "G3")}";
        }
        return $"output {theirs.Type()}, ours {ours.ElementType}";
    }

    private static double _spinScaling, _copyScaling;

    private static (double Spin, double Copy) ScalingCeiling()
    {
        static ulong Spin(long n)
        {
            ulong x = 88172645463325252UL;
            for (long i = 0; i < n; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; }
            return x;
        }
        var buffers = Enumerable.Range(0, 512).Select(_ => new byte[224 * 224 * 3]).ToArray();
        void Copy(int first)
        {
            for (int round = 0; round < 8; round++)
                for (int k = first; k < first + 256; k++) buffers[k].AsSpan().CopyTo(buffers[(k + 1) % 512]);
        }
        double Ratio(Action one, Action other)
        {
            one();
            var sw = Stopwatch.StartNew();
            one();
            double single = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var t = Task.Run(other);
            one();
            t.Wait();
            return 2 * single / sw.Elapsed.TotalSeconds;
        }
        double spin = Ratio(() => _sink = Spin(300_000_000), () => _sink = Spin(300_000_000));
        double copy = Ratio(() => Copy(0), () => Copy(256));
        return (spin, copy);
    }

    private static AugPipeline Pipeline6() => AugModule.Sequence(new[]
    {
        Ops.FlipHorizontal, Ops.Rot90(1), Ops.CentralCrop(0.8),
        Ops.Brightness(SamplerModule.Constant(0.1)), Ops.Contrast(SamplerModule.Constant(1.3)), Ops.Grayscale,
    });

    private static void Add(List<Row> rows, Row row)
    {
        rows.Add(row);
        Print(row);
    }

    private static string Opt(double? v) => v is { } x ? x.ToString("F1", CultureInfo.InvariantCulture) : "-";

    private static void Print(Row r) =>
        Console.WriteLine($"  {r.Case,-24} {r.Size,4}  ours {r.Ours,10:F1}/s  apply {Opt(r.OursApply),10}/s  opencv {Opt(r.OpenCv),10}/s  " +
                          $"skia {Opt(r.Skia),10}/s  alloc {r.AllocBytes,10:F0} B/call");

    /// <summary>Times up to four calls (ours into a destination, ours allocating, OpenCV, Skia; a null is skipped), their
    /// batches interleaved (a, b, c, d, a, b, ...) so that load from other processes on a shared machine falls on all
    /// alike. Each: a warm-up (at least <see cref="WarmSeconds"/> and two calls) that sizes a batch to about
    /// <see cref="BatchSeconds"/>, then <see cref="Batches"/> batches; the median rate, and the bytes allocated per call
    /// over the batches (this thread's, or the process's when the call runs work on other threads).</summary>
    private static Rate?[] MeasureAll(Action? a, Action? b, Action? c, Action? d, bool allThreads = false)
    {
        var timers = new[] { a, b, c, d }.Select(x => x is null ? null : new Timer(x, allThreads)).ToArray();
        for (int k = 0; k < Batches; k++)
            foreach (var t in timers) t?.Batch();
        return timers.Select(t => t?.Result()).ToArray();
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
            // Warm-up: tiered compilation and pools settle within a few hundred calls.
            var sw = Stopwatch.StartNew();
            int warm = 0;
            while (sw.Elapsed.TotalSeconds < WarmSeconds && warm < 2000 || warm < 2) { call(); warm++; }
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

    /// <summary>OpenCV's six calls of the pipeline rows and the copy row's destination, preallocated.</summary>
    private sealed class CvOps
    {
        private readonly Mat _src;
        public readonly Mat Dst, Gray, A, B, C, D, E;
        private readonly Rect _crop;

        public CvOps(Mat src)
        {
            _src = src;
            int size = src.Width;
            // tf.image.central_crop's rectangle, as Ops.centralCrop: start = int((n - n * f) / 2), side = n - 2 start.
            int start = (int)((size - size * 0.8) / 2);
            _crop = new Rect(start, start, size - 2 * start, size - 2 * start);
            Dst = new Mat(size, size, MatType.CV_8UC3);
            Gray = new Mat(_crop.Height, _crop.Width, MatType.CV_8UC1);
            A = new Mat(size, size, MatType.CV_8UC3);
            B = new Mat(size, size, MatType.CV_8UC3);
            C = new Mat(_crop.Height, _crop.Width, MatType.CV_8UC3);
            D = new Mat(_crop.Height, _crop.Width, MatType.CV_8UC3);
            E = new Mat(_crop.Height, _crop.Width, MatType.CV_8UC3);
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

    private static string CsvField(string s) => s.IndexOfAny([',', '"', '\n']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";

    private static string Csv(List<Row> rows, Dictionary<int, double> copyRate)
    {
        var sb = new StringBuilder("case,size,ours_per_s,ours_apply_per_s,opencv_per_s,skia_per_s,ours_over_opencv,copy_fraction,alloc_bytes_per_call,peer_note,params\n");
        string O(double? v) => v is { } x ? F(x, "F1") : "";
        foreach (var r in rows)
        {
            string ratio = r.OpenCv is { } o ? F(r.Ours / o, "F3") : "";
            sb.Append($"{r.Case},{r.Size},{F(r.Ours, "F1")},{O(r.OursApply)},{O(r.OpenCv)},{O(r.Skia)},{ratio}," +
                      $"{F(r.Ours / copyRate[r.Size], "F4")},{F(r.AllocBytes, "F0")},{CsvField(r.PeerNote)},{CsvField(r.Params)}\n");
        }
        return sb.ToString();
    }

    /// <summary>The 1-minute load average from /proc/loadavg, or "unknown".</summary>
    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    /// <summary>Memory-bound ops: flips, crops, invert and the table colour ops (a byte in, a byte out, no neighbours).</summary>
    private static readonly HashSet<string> MemoryBound =
    [
        "FlipHorizontal", "FlipVertical", "RandomFlip", "Transpose", "Rot90", "RandomRot90", "D4",
        "RandomCrop", "CentralCrop", "Crop", "CropNonEmptyMaskIfExists",
        "Invert", "Brightness", "Contrast", "Solarize", "Posterize", "Gamma", "RGBShift", "RandomBrightnessContrast", "FancyPCA",
        "PlanckianJitter", "ChannelDropout", "ChannelShuffle",
    ];

    /// <summary>A ratio with three significant digits (0.00412, 0.87, 12.8).</summary>
    private static string Ratio(double v) => v >= 1000 ? F(v, "F0") : F(v, "G3");

    private static string Md(string s) => s.Replace("|", "\\|");

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
                  $"(Avx512F.IsSupported = {Avx512F.IsSupported}, Avx512Vbmi.IsSupported = {Avx512Vbmi.IsSupported}, Avx2.IsSupported = {Avx2.IsSupported}); " +
                  $"{RuntimeInformation.FrameworkDescription}, OpenCV {Cv2.GetVersionString()}, SkiaSharp {typeof(SkiaSharp.SKImage).Assembly.GetName().Version}.\n");
        sb.Append("- Run with `DOTNET_TC_CallCountingDelayMs=0` (set by build.fsx): each method moves to optimised code after 30 " +
                  "calls instead of waiting for 100 ms without new compilations, which a run meeting a new op every half second " +
                  "would rarely give it; the kernels are `AggressiveOptimization` and compiled optimised from the start anyway.\n");
        sb.Append($"- A shared {Environment.ProcessorCount}-core machine that may have been running other builds (1-minute load average " +
                  $"{loadBefore} at the start, {loadAfter} at the end): treat differences under ~20% as noise, and the " +
                  "2-thread batch row as a lower bound.\n");
        sb.Append("- Input: samples/astronaut.png (uint8 RGB) resized with our area resize to 224x224 and 512x512 (batch ops: with " +
                  "coffee, chelsea and rocket as partners). Single threaded (`Cv2.SetNumThreads(1)`) except `batch256_2threads`.\n");
        sb.Append("- One row per op of the catalogue (`Ops.catalogue`; the bench stops if an op has none), named as in the catalogue, " +
                  "with a constant-parameter instance: a random op draws with a fixed seed, the same draw every call (seed 1, or " +
                  "the first seed whose draw is not the identity, e.g. no quarter turn). `params` holds our call and traced " +
                  "parameters, the peers' calls (built from the traced parameters where they matter), and how far OpenCV's " +
                  "output is from ours (largest and mean absolute difference per element): 0 where it is the same operation " +
                  "bit for bit, a level or two where rounding differs, more where the note says the bits differ.\n");
        sb.Append("- `ours/s`: `Aug.runInto` with `RunOptions.Default` into a preallocated `PixelBuffer` of the output's shape; " +
                  "`alloc B/call` is that call's (`GC.GetAllocatedBytesForCurrentThread()` over the batches). `ours_apply/s`: " +
                  "`Aug.apply`, allocating its output. Batch ops (MixUp, CutMix, Mosaic): a batch of four on one thread, in images " +
                  "per second and bytes per image, `ours` through `Aug.runBatchInto` into four preallocated buffers and " +
                  "`ours_apply` through `Aug.runBatch` (its bytes per image in `params`). `batch256_into_*`: `Aug.runBatchInto`.\n");
        sb.Append("- `OpenCV/s`: OpenCvSharp in the same process into preallocated Mats, with its fastest call for the job " +
                  "(`LUT` for table colour ops, `ConvertTo` for affine ones; constant tables, kernels and matrices are built " +
                  "once outside the timed call). `skia/s`: SkiaSharp drawing an RGBA8888 copy (Skia has no 3-channel layout) " +
                  "onto a preallocated bitmap, only where it does the same operation. `peer_note` says where a peer is not " +
                  "the same operation or has none.\n");
        sb.Append($"- Timing: for each row a warm-up ({WarmSeconds} s, at least two calls) sizes a batch to about {BatchSeconds} s, then " +
                  $"{Batches} batches per column, the columns' batches alternating (ours, apply, OpenCV, Skia, ours, ...) so that " +
                  "outside load falls on all alike; the median batch's calls per second.\n");
        sb.Append("- `copy fraction`: our rate over the rate of a plain copy of the same image (`copy` row, same size); " +
                  "ops whose output is smaller than the input (resizes, crops) are not bounded by 1.\n\n");

        sb.Append("| case | size | ours/s | ours_apply/s | OpenCV/s | skia/s | ours / OpenCV | copy fraction | alloc B/call | peer note | params |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        string N(double? v) => v is { } x ? F(x, "N0") : "-";
        foreach (var r in rows)
        {
            string ratio = r.OpenCv is { } o ? Ratio(r.Ours / o) : "-";
            sb.Append($"| {r.Case} | {r.Size} | {N(r.Ours)} | {N(r.OursApply)} | {N(r.OpenCv)} | {N(r.Skia)} | {ratio} | " +
                      $"{F(r.Ours / copyRate[r.Size], "F3")} | {F(r.AllocBytes, "N0")} | {Md(r.PeerNote)} | {Md(r.Params)} |\n");
        }

        bool IsOp(Row r) => r.Case != "copy" && !r.Case.StartsWith("pipeline6") && !r.Case.StartsWith("batch256");
        var compared = rows.Where(r => IsOp(r) && r.OpenCv is not null).OrderBy(r => r.Ours / r.OpenCv!.Value).ToList();
        sb.Append("\n## Summary\n\n");
        sb.Append("Three worst ours / OpenCV ratios:\n\n");
        foreach (var r in compared.Take(3))
            sb.Append($"- {r.Case} at {r.Size}: {Ratio(r.Ours / r.OpenCv!.Value)}x\n");
        var under = compared.Where(r => r.Ours / r.OpenCv!.Value < 1.5).ToList();
        sb.Append($"\nOps under 1.5x OpenCV ({under.Count} of {compared.Count} rows with an OpenCV peer):\n\n");
        sb.Append(under.Count == 0 ? "- none\n" : string.Join("", under.Select(r => $"- {r.Case} at {r.Size}: {Ratio(r.Ours / r.OpenCv!.Value)}x\n")));
        sb.Append("\nMemory-bound ops (flips, crops, invert, table colour ops) and their copy fractions (target 0.60), worst first:\n\n");
        foreach (var r in rows.Where(r => MemoryBound.Contains(r.Case)).OrderBy(r => r.Ours / copyRate[r.Size]))
            sb.Append($"- {r.Case} at {r.Size}: {F(r.Ours / copyRate[r.Size], "F3")}\n");
        sb.Append("\nFused pipeline (pipeline6_fused over OpenCV's six calls in sequence; target 3x):\n\n");
        foreach (var r in rows.Where(r => r.Case.StartsWith("pipeline6")))
            sb.Append($"- {r.Case} at {r.Size}: {Ratio(r.Ours / r.OpenCv!.Value)}x\n");
        var b1 = rows.First(r => r.Case == "batch256_1thread");
        var b2 = rows.First(r => r.Case == "batch256_2threads");
        sb.Append($"\nBatch scaling: `Aug.runBatch` of the 6-op pipeline over 256 copies of the 224 image, 2 threads / 1 thread = " +
                  $"{F(b2.Ours / b1.Ours, "F2")} (target 1.8). The machine's own ceiling, measured in the same run: a register-only " +
                  $"loop scales {F(_spinScaling, "F2")}x on 2 threads, copies of 256 buffers of 150,528 bytes {F(_copyScaling, "F2")}x.\n");
        var i1 = rows.First(r => r.Case == "batch256_into_1thread");
        var i2 = rows.First(r => r.Case == "batch256_into_2threads");
        sb.Append($"Into caller buffers (`Aug.runBatchInto`): 2 threads / 1 thread = {F(i2.Ours / i1.Ours, "F2")}, " +
                  $"{F(i1.AllocBytes, "N0")} B per 256-image call (`Aug.runBatch`: {F(b1.AllocBytes, "N0")} B).\n");
        sb.Append("\nNotes: the `pipeline6_*` rows are fused (`RunOptions.Default`), unfused (`Fuse = false`) and `Aug.runInto` a " +
                  "preallocated buffer (fused); their OpenCV column is timed beside each of the three rows, so it varies a little " +
                  "between them, and ends with a 1-channel `CvtColor` (ours writes 3 channels).\n");
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
