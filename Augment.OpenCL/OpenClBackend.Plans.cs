using Augment.Native;
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
public sealed record OpenClPlanStats(long Batches, long Plans, long Uploads, long Downloads, long Splits, long HostReads);

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

    private long _batches, _plans, _uploads, _downloads, _splits, _hostReads;
    private string _lastDeclined = "";
    // Host buffers rented for CPU groups and host reads, returned once the queues have finished with them.
    private readonly List<PixelBuffer> _hostRentals = [];

    /// <summary>Transfers and plans since this backend was made (or <see cref="ResetReport"/>).</summary>
    public OpenClPlanStats PlanStats() =>
        new(Interlocked.Read(ref _batches), Interlocked.Read(ref _plans), Interlocked.Read(ref _uploads),
            Interlocked.Read(ref _downloads), Interlocked.Read(ref _splits), Interlocked.Read(ref _hostReads));

    private void ResetPlanStats()
    {
        Interlocked.Exchange(ref _batches, 0); Interlocked.Exchange(ref _plans, 0); Interlocked.Exchange(ref _uploads, 0);
        Interlocked.Exchange(ref _downloads, 0); Interlocked.Exchange(ref _splits, 0); Interlocked.Exchange(ref _hostReads, 0);
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
                    results[j] = RunPlan(jobs[j]);
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
        }
        finally
        {
            foreach (var h in _hostRentals) h.Return();
            _hostRentals.Clear();
        }
    }

    private PixelBuffer RunPlan(PlanJob job)
    {
        Interlocked.Increment(ref _plans);
        var src = job.Source;
        var cur = DevImage.OfHost(src);
        var shape = new Shape(src.Width, src.Height, src.Channels);
        var type = src.ElementType;
        var range = src.Range;
        PixelBuffer? result = null;
        for (var rest = job.Groups; !rest.IsEmpty; rest = rest.Tail)
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

    /// <summary>The group's result is <paramref name="mem"/>, which <see cref="Output"/> gave <paramref name="b"/>: it stays
    /// on the device; the plan downloads it when the host needs it.</summary>
    private static void Download(nint mem, DevImage b)
    {
        if (b.Mem != mem) throw new InvalidOperationException("A group's result is not the buffer its output was given.");
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
