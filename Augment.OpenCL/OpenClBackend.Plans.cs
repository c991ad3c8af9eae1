using System.Buffers;
using Augment.Native;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Augment.OpenCL;

/// <summary>How many transfers and plans the backend ran (<see cref="OpenClBackend.PlanStats"/>).</summary>
/// <param name="Batches">Calls that brought plans (one per <c>Aug.runBatch</c> flush, one per single run).</param>
/// <param name="Plans">Image and mask plans run.</param>
/// <param name="Uploads">Host-to-device copies of images (a plan's source, or an image a CPU group wrote).</param>
/// <param name="Downloads">Device-to-host copies of images (a plan's result, or an image a CPU group or a statistic
/// needs).</param>
/// <param name="Splits">Groups the device declined between device groups of one plan: the image went to the host for the
/// CPU and (when a device group follows) back up.</param>
/// <param name="HostReads">Statistics (histograms, channel means) read on the host from an image that was on the device.</param>
/// <param name="SharedLaunches">Launches that ran one group for several images of a batch at once (a range whose second
/// index is the image): byte colour tables as the first group of images of one shape.</param>
/// <param name="SharedImages">Images those launches covered.</param>
public sealed record OpenClPlanStats(long Batches, long Plans, long Uploads, long Downloads, long Splits, long HostReads,
    long SharedLaunches, long SharedImages);

/// <summary>An image of a plan: its shape and format, and where its pixels are now (a device buffer, a host buffer, or
/// both).</summary>
internal sealed class DevImage
{
    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public ElementType ElementType { get; }
    public ValueRange Range { get; }
    public int Length => Width * Height * Channels;
    public long ByteLength => ElementType == ElementType.Byte ? Length : 4L * Length;

    /// <summary>The device buffer holding the pixels (0: none yet).</summary>
    public nint Mem;
    /// <summary>The host buffer holding the pixels (null: none).</summary>
    public PixelBuffer? Host;

    public DevImage(int width, int height, int channels, ElementType type, ValueRange range)
    {
        Width = width; Height = height; Channels = channels; ElementType = type; Range = range;
    }

    public static DevImage OfHost(PixelBuffer b) => new(b.Width, b.Height, b.Channels, b.ElementType, b.Range) { Host = b };
    public static DevImage Like(PixelBuffer b) => new(b.Width, b.Height, b.Channels, b.ElementType, b.Range);
}

public sealed partial class OpenClBackend
{
    /// <summary>Plans of this many bytes of device buffers at most are in flight at once; a larger batch waits for the
    /// plans before it and reuses their buffers.</summary>
    private const long BatchBytes = 256L << 20;

    /// <summary>Source bytes of one shared launch at most on a CPU device (POCL). One launch over a whole batch of 64 at 224
    /// (9.6 MB, staged, uploaded, looked up and downloaded as one block) ran at about half the per-group rate on POCL (best
    /// of 40 batches: 1700 to 2000 images/s against 3000 to 3500), launches of 1 MiB of sources (6 images) at the per-group
    /// rate or above (3400 to 3900); the working set of a small launch stays in the caches between the copies and the
    /// kernel, and the device starts on one launch while the host prepares the next.</summary>
    private const long SharedBytesCpu = 1L << 20;

    private long _batches, _plans, _uploads, _downloads, _splits, _hostReads, _sharedLaunches, _sharedImages;
    private string _lastDeclined = "";
    // Host buffers rented for CPU groups and host reads, returned once the queues have finished with them.
    private readonly List<PixelBuffer> _hostRentals = [];
    // Pooled host arrays that staged a shared launch's sources or results (returned once the queues have finished), and
    // the results to copy out of a staging array into final buffers after the wait.
    private readonly List<byte[]> _staging = [];
    private readonly List<(byte[] Staging, PixelBuffer?[] Into, int Length)> _stagedOut = [];

    /// <summary>Transfers and plans since this backend was made (or <see cref="ResetReport"/>).</summary>
    public OpenClPlanStats PlanStats() =>
        new(Interlocked.Read(ref _batches), Interlocked.Read(ref _plans), Interlocked.Read(ref _uploads),
            Interlocked.Read(ref _downloads), Interlocked.Read(ref _splits), Interlocked.Read(ref _hostReads),
            Interlocked.Read(ref _sharedLaunches), Interlocked.Read(ref _sharedImages));

    private void ResetPlanStats()
    {
        Interlocked.Exchange(ref _batches, 0); Interlocked.Exchange(ref _plans, 0); Interlocked.Exchange(ref _uploads, 0);
        Interlocked.Exchange(ref _downloads, 0); Interlocked.Exchange(ref _splits, 0); Interlocked.Exchange(ref _hostReads, 0);
        Interlocked.Exchange(ref _sharedLaunches, 0); Interlocked.Exchange(ref _sharedImages, 0);
    }

    /// <summary>This backend seen only as an <see cref="IBackend"/>: the engine then gives it one group at a time (upload,
    /// run, download for each), as before plans ran whole; for comparisons and for callers that want that path.</summary>
    public IBackend PerGroup => new PerGroupView(this);

    private sealed class PerGroupView(OpenClBackend b) : IBackend
    {
        public string Name => b.Name + " (per group)";
        public bool TryRun(Group group, PixelBuffer src, PixelBuffer dst) => b.TryRun(group, src, dst);
    }

    /// <summary>Runs whole plans: each job's source is uploaded once, consecutive device groups run back to back in device
    /// buffers, and the result is downloaded once; a group the device declines runs on the CPU (the image comes to the host
    /// for it, and goes back up when a device group follows: a split, which <see cref="Report"/> lists). Every job's
    /// uploads, kernels and downloads are enqueued before one wait at the end (uploads, kernels and downloads on three
    /// queues joined by events), unless a CPU group or a host statistic needs an image in the middle.</summary>
    public PixelBuffer[] RunPlans(PlanJob[] jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var results = new PixelBuffer[jobs.Length];
        lock (_state.Lock)
        {
            Interlocked.Increment(ref _batches);
            try
            {
                for (int j = 0; j < jobs.Length; j++)
                {
                    if (jobs[j] is null) throw new ArgumentException($"jobs[{j}] is null; expected a plan job.", nameof(jobs));
                    if (jobs[j].Groups.IsEmpty) throw new ArgumentException($"jobs[{j}] has no groups; expected at least one.", nameof(jobs));
                }
                Interlocked.Add(ref _plans, jobs.Length);
                var done = new bool[jobs.Length];
                RunSharedTables(jobs, results, done);
                RunSharedCopies(jobs, results, done);
                for (int j = 0; j < jobs.Length; j++)
                {
                    if (done[j]) continue;
                    results[j] = RunPlan(jobs[j], DevImage.OfHost(jobs[j].Source), jobs[j].Groups);
                    _state.Flush();
                    if (_state.RentedBytes > BatchBytes) Drain();
                }
            }
            finally
            {
                Drain();
            }
        }
        return results;
    }

    // Waits for everything enqueued, then gives back device buffers and the host buffers rented for CPU groups.
    private void Drain()
    {
        try
        {
            _state.ReturnAll();
            foreach (var (stage, into, len) in _stagedOut)
                for (int k = 0; k < into.Length; k++)
                {
                    var into1 = into[k]!;
                    var to = into1.ElementType == ElementType.Byte ? into1.Bytes
                        : System.Runtime.InteropServices.MemoryMarshal.AsBytes(into1.Floats);
                    stage.AsSpan(k * len, len).CopyTo(to);
                }
        }
        finally
        {
            foreach (var h in _hostRentals) h.Return();
            _hostRentals.Clear();
            foreach (var a in _staging) ArrayPool<byte>.Shared.Return(a);
            _staging.Clear();
            _stagedOut.Clear();
        }
    }

    // Runs a plan's groups from cur (on the host, the device, or both) to the job's final buffer.
    private PixelBuffer RunPlan(PlanJob job, DevImage cur, FSharpList<Group> groups)
    {
        var shape = new Shape(cur.Width, cur.Height, cur.Channels);
        var type = cur.ElementType;
        var range = cur.Range;
        PixelBuffer? result = null;
        for (var rest = groups; !rest.IsEmpty; rest = rest.Tail)
        {
            var g = rest.Head;
            bool last = rest.Tail.IsEmpty;
            var outShape = Engine.outputShape(g, shape);
            var (outType, outRange) = Engine.outputFormat(g, type, range);
            var dst = new DevImage(outShape.Width, outShape.Height, outShape.Channels, outType, outRange);
            if (!RunGroup(g, cur, dst))
            {
                if (cur.Host is null)
                {
                    Interlocked.Increment(ref _splits);
                    Interlocked.Increment(ref _counts.GetOrAdd("plan split at " + _lastDeclined, _ => new long[2])[1]);
                    _reasons.TryAdd("plan split at " + _lastDeclined,
                        "declined after a device group: the image came to the host for the CPU (and goes back up for a device group after it)");
                }
                var input = HostOf(cur, true, statistic: false);
                var output = last ? Final(job, outShape, outType, outRange)
                    : PixelBuffer.Rent(outShape.Width, outShape.Height, outShape.Channels, outType, outRange);
                if (!last) _hostRentals.Add(output);
                Engine.cpu.TryRun(g, input, output);
                dst.Host = output;
                if (last) result = output;
            }
            cur = dst;
            shape = outShape;
            type = outType;
            range = outRange;
        }
        if (result is null)
        {
            result = Final(job, shape, type, range);
            EnqueueDownload(cur, result);
        }
        return result;
    }

    // Jobs whose first group is a byte table group, with sources of one shape: that group runs for all of them in one
    // launch (tables_u8_batch over one buffer of their sources, each with its own tables built on the host from its own
    // source, as RunPoints builds them); each then goes on alone from its slice of the output.
    private void RunSharedTables(PlanJob[] jobs, PixelBuffer[] results, bool[] done)
    {
        var byShape = new Dictionary<(int, int, int), List<int>>();
        for (int j = 0; j < jobs.Length; j++)
        {
            var src = jobs[j].Source;
            if (jobs[j].Groups.Head is not Group.Points || src.ElementType != ElementType.Byte) continue;
            var key = (src.Width, src.Height, src.Channels);
            if (!byShape.TryGetValue(key, out var list)) byShape[key] = list = [];
            list.Add(j);
        }
        foreach (var list in byShape.Values)
        {
            long len = jobs[list[0]].Source.Length;
            // Sources and outputs of one launch stay within a quarter of the bytes in flight each; on a CPU device within
            // SharedBytesCpu, so that a launch's images stay in the caches from the upload through the download.
            long limit = _state.Info.Type == "cpu" ? SharedBytesCpu : BatchBytes / 4;
            int chunk = (int)Math.Clamp(limit / len, 2, int.MaxValue);
            for (int start = 0; start + 1 < list.Count; start += chunk)
            {
                RunTablesBatch(jobs, list.GetRange(start, Math.Min(chunk, list.Count - start)), results, done);
                _state.Flush();
                if (_state.RentedBytes > BatchBytes) Drain();
            }
        }
    }

    private void RunTablesBatch(PlanJob[] jobs, List<int> idx, PixelBuffer[] results, bool[] done)
    {
        int n = idx.Count;
        var first = jobs[idx[0]].Source;
        int ch = first.Channels;
        int len = first.Length;
        var src = _state.Rent((long)n * len);
        var tables = new byte[n * 256 * ch];
        var one = new byte[256 * ch];
        // The sources go up as one copy from a pooled host array that holds them back to back: one command instead of n
        // (each command, and on three queues each event between them, costs the runtime a hand-off between threads).
        var stageIn = ArrayPool<byte>.Shared.Rent(n * len);
        _staging.Add(stageIn);
        for (int k = 0; k < n; k++)
        {
            var job = jobs[idx[k]];
            job.Source.ReadBytes.CopyTo(stageIn.AsSpan(k * len, len));
            Engine.byteTables(((Group.Points)job.Groups.Head).Item, job.Source, one);
            one.CopyTo(tables, k * 256 * ch);
        }
        var pinIn = new Memory<byte>(stageIn).Pin();
        _state.Keep(pinIn);
        unsafe { _state.UploadAsync(src, pinIn.Pointer, (long)n * len); }
        Interlocked.Add(ref _uploads, n);
        var t = UploadArray(tables);
        var dst = _state.Rent((long)n * len);
        var kern = _state.Kernel("tables_u8_batch");
        _state.Arg(kern, 0, src); _state.Arg(kern, 1, dst); _state.Arg(kern, 2, t); _state.Arg(kern, 3, ch); _state.Arg(kern, 4, len);
        _state.LaunchBatch(kern, len, n);
        Interlocked.Increment(ref _sharedLaunches);
        Interlocked.Add(ref _sharedImages, n);
        // Images whose plan ends here come down together the same way: one copy into a pooled host array, copied out to
        // their final buffers after the wait (Drain).
        int ending = 0;
        foreach (int j in idx) if (jobs[j].Groups.Tail.IsEmpty) ending++;
        byte[]? stageOut = null;
        PixelBuffer?[]? outs = null;
        if (ending == n)
        {
            stageOut = ArrayPool<byte>.Shared.Rent(n * len);
            _staging.Add(stageOut);
            outs = new PixelBuffer?[n];
            var pinOut = new Memory<byte>(stageOut).Pin();
            _state.Keep(pinOut);
            unsafe { _state.DownloadAsync(dst, pinOut.Pointer, (long)n * len); }
            Interlocked.Add(ref _downloads, n);
            _stagedOut.Add((stageOut, outs, len));
        }
        for (int k = 0; k < n; k++)
        {
            var job = jobs[idx[k]];
            var g = job.Groups.Head;
            Ran("points byte tables");
            var shape = new Shape(first.Width, first.Height, ch);
            var (type, range) = Engine.outputFormat(g, first.ElementType, job.Source.Range);
            if (outs is not null)
            {
                var fin = Final(job, shape, type, range);
                outs[k] = fin;
                results[idx[k]] = fin;
            }
            else if (job.Groups.Tail.IsEmpty)
            {
                var fin = Final(job, shape, type, range);
                var pin = fin.Pin();
                _state.Keep(pin);
                Interlocked.Increment(ref _downloads);
                unsafe { _state.DownloadAsync(dst, pin.Pointer, len, (long)k * len); }
                results[idx[k]] = fin;
            }
            else
            {
                var cur = new DevImage(first.Width, first.Height, ch, type, range) { Mem = _state.Rent(len) };
                _state.CopyOnDevice(dst, (long)k * len, cur.Mem, 0, len);
                results[idx[k]] = RunPlan(job, cur, job.Groups.Tail);
            }
            done[idx[k]] = true;
        }
    }

    private static PixelBuffer Final(PlanJob job, Shape shape, ElementType type, ValueRange range) =>
        FSharpFunc<Shape, ElementType>.InvokeFast(job.Final, shape, type, range)
        ?? throw new InvalidOperationException("A plan job's Final gave no buffer.");

    // ------------------------------------------------------------------ transfers

    /// <summary>The device buffer holding <paramref name="b"/>'s pixels: uploaded (without blocking; the compute queue
    /// waits for the copy) when they are only on the host.</summary>
    private nint Upload(DevImage b)
    {
        if (b.Mem != 0) return b.Mem;
        var h = b.Host ?? throw new InvalidOperationException("An image of the plan has neither device nor host pixels.");
        var m = _state.Rent(b.ByteLength);
        var pin = h.Pin();
        _state.Keep(pin);
        unsafe { _state.UploadAsync(m, pin.Pointer, b.ByteLength); }
        Interlocked.Increment(ref _uploads);
        b.Mem = m;
        return m;
    }

    /// <summary>A new device buffer for a group's output, which <paramref name="b"/> then holds.</summary>
    private nint Output(DevImage b)
    {
        b.Mem = _state.Rent(b.ByteLength);
        return b.Mem;
    }

    /// <summary>The group's result is <paramref name="mem"/>, which Output gave <paramref name="b"/>: it stays
    /// on the device; the plan downloads it when the host needs it.</summary>
    private static void Download(nint mem, DevImage b)
    {
        if (b.Mem != mem) throw new InvalidOperationException("A group's result is not the buffer its output was given.");
    }

    // Host buffers for device work outside plans (one call, its own copies): upload now, a fresh output, download now.
    private nint Upload(PixelBuffer b)
    {
        if (b.ElementType == ElementType.Byte) { var m = _state.Rent(b.Length); _state.Write(m, b.ReadBytes); return m; }
        else { var m = _state.Rent(4L * b.Length); _state.Write(m, b.ReadFloats); return m; }
    }

    private nint Output(PixelBuffer b) => _state.Rent(b.ElementType == ElementType.Byte ? b.Length : 4L * b.Length);

    private void Download(nint mem, PixelBuffer b)
    {
        if (b.ElementType == ElementType.Byte) _state.Read(mem, b.Bytes); else _state.Read(mem, b.Floats);
    }

    private nint UploadArray<T>(T[] data) where T : unmanaged
    {
        var m = _state.Rent(System.Runtime.CompilerServices.Unsafe.SizeOf<T>() * (long)Math.Max(data.Length, 1));
        _state.WriteArray(m, data);
        return m;
    }

    /// <summary>Copies <paramref name="b"/>'s device pixels into <paramref name="into"/> without blocking (after the kernels
    /// enqueued so far); the copy completes by the next <c>ReturnAll</c>.</summary>
    private nint EnqueueDownload(DevImage b, PixelBuffer into)
    {
        var pin = into.Pin();
        _state.Keep(pin);
        Interlocked.Increment(ref _downloads);
        unsafe { return _state.DownloadAsync(b.Mem, pin.Pointer, b.ByteLength); }
    }

    /// <summary>A host buffer of <paramref name="b"/>'s shape for host code (statistics, a CPU group): its pixels, downloaded
    /// and waited for when they are only on the device and <paramref name="needPixels"/>; without it, only the shape is
    /// read, and a buffer of the shape does.</summary>
    private PixelBuffer HostOf(DevImage b, bool needPixels, bool statistic = true)
    {
        if (b.Host is not null) return b.Host;
        var h = PixelBuffer.Rent(b.Width, b.Height, b.Channels, b.ElementType, b.Range);
        _hostRentals.Add(h);
        if (needPixels)
        {
            _state.Wait(EnqueueDownload(b, h));
            if (statistic) Interlocked.Increment(ref _hostReads);
            b.Host = h;
        }
        return h;
    }
}
