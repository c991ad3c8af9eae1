using System.Buffers;
using System.Runtime.InteropServices;
using Silk.NET.OpenCL;

namespace Augment.OpenCL;

/// <summary>Asynchronous copies for whole plans and batches: uploads go on their own in-order queue, kernels on the
/// compute queue (<c>_queue</c>), downloads on a third, joined by events, so that one image's copies can overlap another's
/// kernels where the runtime runs queues concurrently (on a CPU device everything goes on the compute queue:
/// <see cref="OneQueue"/>). Host memory a copy reads or writes stays pinned, and events stay
/// alive, until <see cref="FinishAll"/> (called by <see cref="ReturnAll"/>) has waited for every queue.</summary>
internal sealed unsafe partial class DeviceState
{
    private readonly nint _device;
    private nint _upload, _download;
    private readonly List<GCHandle> _pins = [];
    private readonly List<MemoryHandle> _hostPins = [];
    private readonly List<nint> _events = [];

    /// <summary>True when uploads and downloads go on the compute queue itself (in order, no events between queues): on a
    /// CPU device (POCL), where there are no copy engines to overlap and every cross-queue event costs a wake-up of the
    /// runtime's threads (measured: a batch of 64 brightness tables on three queues ran at about half the per-group rate on
    /// a loaded 2-core machine; on one queue the same). <c>AUGMENT_OPENCL_QUEUES</c> = 1 or 3 overrides the choice.</summary>
    public bool OneQueue { get; }

    private static bool ChooseOneQueue(OpenClDeviceInfo info) =>
        Environment.GetEnvironmentVariable("AUGMENT_OPENCL_QUEUES")?.Trim() switch
        {
            "1" => true,
            "3" => false,
            null or "" => info.Type == "cpu",
            var v => throw new ArgumentException($"AUGMENT_OPENCL_QUEUES is \"{v}\"; expected 1 (one in-order queue) or 3 (uploads, kernels, downloads).", "AUGMENT_OPENCL_QUEUES"),
        };

    private nint Queue(ref nint q)
    {
        if (q != 0) return q;
        int err;
        q = Api.CreateCommandQueue(_context, _device, CommandQueueProperties.None, &err);
        OpenClRuntime.Check(err, "clCreateCommandQueue");
        return q;
    }

    /// <summary>Bytes of device memory rented since the last <see cref="ReturnAll"/>.</summary>
    public long RentedBytes
    {
        get { long n = 0; foreach (var r in _rented) n += r.Size; return n; }
    }

    /// <summary>Writes a small host array (kernel parameters, tables) on the compute queue without blocking: the array
    /// stays pinned until <see cref="FinishAll"/>, and the queue is in order, so the kernels after it see it.</summary>
    public void WriteArray<T>(nint mem, T[] data) where T : unmanaged
    {
        if (data.Length == 0) return;
        var h = GCHandle.Alloc(data, GCHandleType.Pinned);
        _pins.Add(h);
        OpenClRuntime.Check(Api.EnqueueWriteBuffer(_queue, mem, false, 0, (nuint)(data.Length * sizeof(T)), (void*)h.AddrOfPinnedObject(), 0, null, null),
            "clEnqueueWriteBuffer");
    }

    /// <summary>Keeps a pinned host buffer pinned until <see cref="FinishAll"/>.</summary>
    public void Keep(MemoryHandle pin) => _hostPins.Add(pin);

    /// <summary>Copies <paramref name="bytes"/> bytes from pinned host memory to <paramref name="mem"/> on the upload queue
    /// without blocking, and makes the compute queue wait for it (a barrier on the copy's event) before its next kernel.</summary>
    public void UploadAsync(nint mem, void* host, long bytes, long offset = 0)
    {
        if (bytes <= 0) return;
        if (OneQueue)
        {
            OpenClRuntime.Check(Api.EnqueueWriteBuffer(_queue, mem, false, (nuint)offset, (nuint)bytes, host, 0, null, null), "clEnqueueWriteBuffer");
            return;
        }
        nint evt;
        OpenClRuntime.Check(Api.EnqueueWriteBuffer(Queue(ref _upload), mem, false, (nuint)offset, (nuint)bytes, host, 0, null, &evt), "clEnqueueWriteBuffer");
        _events.Add(evt);
        OpenClRuntime.Check(Api.EnqueueBarrierWithWaitList(_queue, 1, &evt, null), "clEnqueueBarrierWithWaitList");
    }

    /// <summary>Copies <paramref name="bytes"/> bytes of <paramref name="mem"/> to pinned host memory on the download queue
    /// once every kernel enqueued so far on the compute queue has run, without blocking; returns the copy's event.</summary>
    public nint DownloadAsync(nint mem, void* host, long bytes, long offset = 0)
    {
        nint marker, evt;
        if (OneQueue)
        {
            OpenClRuntime.Check(Api.EnqueueReadBuffer(_queue, mem, false, (nuint)offset, (nuint)Math.Max(bytes, 0), host, 0, null, &evt),
                "clEnqueueReadBuffer");
            _events.Add(evt);
            return evt;
        }
        OpenClRuntime.Check(Api.EnqueueMarkerWithWaitList(_queue, 0, null, &marker), "clEnqueueMarkerWithWaitList");
        _events.Add(marker);
        OpenClRuntime.Check(Api.EnqueueReadBuffer(Queue(ref _download), mem, false, (nuint)offset, (nuint)Math.Max(bytes, 0), host, 1, &marker, &evt),
            "clEnqueueReadBuffer");
        _events.Add(evt);
        return evt;
    }

    /// <summary>Copies <paramref name="bytes"/> bytes between device buffers on the compute queue, in order with its kernels.</summary>
    public void CopyOnDevice(nint src, long srcOffset, nint dst, long dstOffset, long bytes)
    {
        if (bytes <= 0) return;
        OpenClRuntime.Check(Api.EnqueueCopyBuffer(_queue, src, dst, (nuint)srcOffset, (nuint)dstOffset, (nuint)bytes, 0, null, null), "clEnqueueCopyBuffer");
    }

    /// <summary>Launches <paramref name="workItems"/> work items for each of <paramref name="images"/> images: a 2-D range
    /// whose second index is the image (groups of <see cref="_local"/> by 1, as <see cref="Launch"/>).</summary>
    public void LaunchBatch(nint kernel, long workItems, int images)
    {
        if (workItems <= 0 || images <= 0) return;
        nuint* local = stackalloc nuint[2] { _local, 1 };
        nuint* global = stackalloc nuint[2] { (nuint)((workItems + (long)_local - 1) / (long)_local * (long)_local), (nuint)images };
        OpenClRuntime.Check(Api.EnqueueNdrangeKernel(_queue, kernel, 2, null, global, local, 0, null, null), "clEnqueueNDRangeKernel");
    }

    /// <summary>Waits for one event (a download the host needs now).</summary>
    public void Wait(nint evt)
    {
        Flush();
        OpenClRuntime.Check(Api.WaitForEvents(1, &evt), "clWaitForEvents");
    }

    /// <summary>Submits what is enqueued on every queue, so the device starts on it while the host enqueues more.</summary>
    public void Flush()
    {
        if (_upload != 0) Api.Flush(_upload);
        Api.Flush(_queue);
        if (_download != 0) Api.Flush(_download);
    }

    /// <summary>Waits for every queue, then unpins host memory and releases the events.</summary>
    public void FinishAll()
    {
        if (_upload != 0) OpenClRuntime.Check(Api.Finish(_upload), "clFinish");
        OpenClRuntime.Check(Api.Finish(_queue), "clFinish");
        if (_download != 0) OpenClRuntime.Check(Api.Finish(_download), "clFinish");
        foreach (var h in _pins) h.Free();
        _pins.Clear();
        foreach (var h in _hostPins) h.Dispose();
        _hostPins.Clear();
        foreach (var e in _events) Api.ReleaseEvent(e);
        _events.Clear();
    }
}
