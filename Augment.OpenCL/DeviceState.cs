using System.Collections.Concurrent;
using System.Text;
using Silk.NET.OpenCL;

namespace Augment.OpenCL;

/// <summary>One device's context, in-order queue, program (built once), kernel objects and buffer pool. Every use
/// holds <see cref="Lock"/>: kernel arguments and the pool are not thread-safe.</summary>
internal sealed unsafe partial class DeviceState
{
    private static readonly ConcurrentDictionary<nint, Lazy<DeviceState>> Cache = new();

    public static DeviceState For(OpenClRuntime rt, (OpenClDeviceInfo Info, nint Platform, nint Device) d) =>
        Cache.GetOrAdd(d.Device, _ => new Lazy<DeviceState>(() => new DeviceState(rt.Api!, d.Info, d.Device))).Value;

    public readonly object Lock = new();
    public CL Api { get; }
    public OpenClDeviceInfo Info { get; }
    private readonly nint _context, _queue, _program;
    private readonly Dictionary<string, nint> _kernels = [];
    private readonly List<(nint Mem, long Size)> _free = [];
    private readonly List<(nint Mem, long Size)> _rented = [];

    /// <summary>How many times the program was built for this device (1: built once, cached).</summary>
    public int Builds { get; }

    private DeviceState(CL api, OpenClDeviceInfo info, nint device)
    {
        Api = api;
        Info = info;
        _device = device;
        int err;
        _context = api.CreateContext(null, 1, &device, null, null, &err);
        OpenClRuntime.Check(err, "clCreateContext");
        _queue = api.CreateCommandQueue(_context, device, CommandQueueProperties.None, &err);
        OpenClRuntime.Check(err, "clCreateCommandQueue");
        string source = Source();
        _program = api.CreateProgramWithSource(_context, 1, [source], null, &err);
        OpenClRuntime.Check(err, "clCreateProgramWithSource");
        err = api.BuildProgram(_program, 1, &device, "-cl-std=CL1.2", null, null);
        if (err != 0)
        {
            nuint size;
            api.GetProgramBuildInfo(_program, device, ProgramBuildInfo.BuildLog, 0, null, &size);
            var log = new byte[(int)size];
            fixed (byte* l = log) api.GetProgramBuildInfo(_program, device, ProgramBuildInfo.BuildLog, size, l, null);
            throw new InvalidOperationException($"OpenCL program build failed on {info} (error {err}): {Encoding.UTF8.GetString(log).TrimEnd('\0')}");
        }
        Builds++;
        nuint maxGroup;
        OpenClRuntime.Check(api.GetDeviceInfo(device, DeviceInfo.MaxWorkGroupSize, (nuint)sizeof(nuint), &maxGroup, null), "clGetDeviceInfo");
        _local = Math.Min((nuint)64, Math.Max((nuint)1, maxGroup));
        OneQueue = ChooseOneQueue(info);
    }

    private readonly nuint _local;

    // Kernels.cl, then KernelsMore.cl and KernelsExtra.cl (which use Kernels.cl's helpers): one program.
    private static string Source() => Resource("Augment.OpenCL.Kernels.cl") + "\n" + Resource("Augment.OpenCL.KernelsMore.cl")
        + "\n" + Resource("Augment.OpenCL.KernelsExtra.cl");

    private static string Resource(string name)
    {
        using var s = typeof(DeviceState).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing.");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    public nint Kernel(string name)
    {
        if (_kernels.TryGetValue(name, out var k)) return k;
        int err;
        k = Api.CreateKernel(_program, name, &err);
        OpenClRuntime.Check(err, $"clCreateKernel({name})");
        _kernels[name] = k;
        return k;
    }

    /// <summary>A device buffer of at least <paramref name="bytes"/> bytes from the pool (sizes grow in powers of two),
    /// rented until <see cref="ReturnAll"/>.</summary>
    public nint Rent(long bytes)
    {
        bytes = Math.Max(bytes, 64);
        int best = -1;
        for (int i = 0; i < _free.Count; i++)
            if (_free[i].Size >= bytes && (best < 0 || _free[i].Size < _free[best].Size)) best = i;
        (nint Mem, long Size) b;
        if (best >= 0) { b = _free[best]; _free.RemoveAt(best); }
        else
        {
            long size = (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)bytes);
            int err;
            nint mem = Api.CreateBuffer(_context, MemFlags.ReadWrite, (nuint)size, null, &err);
            OpenClRuntime.Check(err, "clCreateBuffer");
            b = (mem, size);
        }
        _rented.Add(b);
        return b.Mem;
    }

    /// <summary>Waits for every queue, releases the pins and events of asynchronous copies, and gives every rented buffer
    /// back to the pool.</summary>
    public void ReturnAll()
    {
        FinishAll();
        _free.AddRange(_rented);
        _rented.Clear();
    }

    /// <summary>Device buffers the pool holds.</summary>
    public int PooledBuffers => _free.Count + _rented.Count;

    public void Write<T>(nint mem, ReadOnlySpan<T> data) where T : unmanaged
    {
        if (data.Length == 0) return;
        fixed (T* p = data)
            // Blocking: the span is pinned only inside this call. The queue is in order, so the kernels after it see it.
            OpenClRuntime.Check(Api.EnqueueWriteBuffer(_queue, mem, true, 0, (nuint)(data.Length * sizeof(T)), p, 0, null, null), "clEnqueueWriteBuffer");
    }

    public void Read<T>(nint mem, Span<T> data) where T : unmanaged
    {
        if (data.Length == 0) return;
        fixed (T* p = data)
            OpenClRuntime.Check(Api.EnqueueReadBuffer(_queue, mem, true, 0, (nuint)(data.Length * sizeof(T)), p, 0, null, null), "clEnqueueReadBuffer");
    }

    public void Arg<T>(nint kernel, uint index, T value) where T : unmanaged =>
        OpenClRuntime.Check(Api.SetKernelArg(kernel, index, (nuint)sizeof(T), &value), $"clSetKernelArg({index})");

    /// <summary>Launches <paramref name="workItems"/> work items (every kernel returns early past its count) in groups of
    /// <see cref="_local"/>: one fixed group size, so that a runtime that specialises kernels by group size (POCL compiles
    /// one per size) compiles each kernel once, not once per image size.</summary>
    public void Launch(nint kernel, long workItems)
    {
        if (workItems <= 0) return;
        nuint local = _local;
        nuint global = (nuint)((workItems + (long)local - 1) / (long)local * (long)local);
        OpenClRuntime.Check(Api.EnqueueNdrangeKernel(_queue, kernel, 1, null, &global, &local, 0, null, null), "clEnqueueNDRangeKernel");
    }
}
