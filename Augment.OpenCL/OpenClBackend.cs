using System.Collections.Concurrent;
using Augment.Native;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Augment.OpenCL;

/// <summary>
/// Runs plan groups on an OpenCL device with the CPU kernels' arithmetic (Kernels.cl restates them with the same float32
/// and double operations in the same order, contraction off): warps (nearest, bilinear and bicubic resamples, exact
/// copies, all three borders, windows of fused groups), remaps (the same interpolations), byte colour tables (built on the
/// host by <c>Engine.byteTables</c>, so the device applies the CPU's tables), float affine colour maps, separable blurs
/// (Gaussian, box), grayscale and the Philox noises (Gaussian, element-wise multiplicative, salt and pepper). Every other
/// group (Lanczos, kernels with no device descriptor, float point functions) answers false, and the engine runs it on the CPU
/// inside the same plan; <see cref="Report"/> counts both and <see cref="Log"/> says so once per kind of group.
/// Programs are built once per device and cached; device buffers are pooled across runs. Thread-safe: runs on one device
/// take turns.
/// </summary>
public sealed partial class OpenClBackend : IPlanBackend
{
    /// <summary>The environment variable a selector is read from when none is given: <c>AUGMENT_OPENCL_DEVICE</c>.</summary>
    public const string EnvironmentVariable = "AUGMENT_OPENCL_DEVICE";

    private static int _warned;
    private readonly DeviceState _state;
    private readonly ConcurrentDictionary<string, long[]> _counts = new();
    private readonly ConcurrentDictionary<string, string> _reasons = new();

    private OpenClBackend(DeviceState state)
    {
        _state = state;
    }

    /// <summary>Why OpenCL cannot run here (no library, no platform, no device), or null when it can.</summary>
    public static string? Unavailable => OpenClRuntime.Get().Unavailable;

    /// <summary>The devices the OpenCL runtime offers (empty when <see cref="Unavailable"/> is not null).</summary>
    public static IReadOnlyList<OpenClDeviceInfo> Devices() => OpenClRuntime.Get().Devices.Select(d => d.Info).ToList();

    /// <summary>
    /// A backend on the device <paramref name="selector"/> names, or when it is null or empty, the one
    /// <see cref="EnvironmentVariable"/> names, or the first GPU, or the first device. A selector is <c>default</c>, a type
    /// (<c>gpu</c>, <c>cpu</c>, <c>accelerator</c>, <c>any</c>), part of a device's name (case-insensitive), or
    /// <c>platform:device</c> with part of a platform's name before the colon (for example <c>portable:cpu</c>,
    /// <c>nvidia:</c>). Backends on one device share its built program and buffer pool.
    /// </summary>
    /// <exception cref="ArgumentException">The selector (or the environment variable) matches no device; the message names
    /// it and lists the devices.</exception>
    /// <exception cref="InvalidOperationException">There is no OpenCL library, platform or device (the message says which),
    /// or the program does not build.</exception>
    public static OpenClBackend Create(string? selector = null)
    {
        var rt = OpenClRuntime.Get();
        if (rt.Unavailable is not null) throw new InvalidOperationException("OpenCL is not available: " + rt.Unavailable + ".");
        string parameter = nameof(selector);
        if (string.IsNullOrWhiteSpace(selector))
        {
            string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(env)) { selector = env; parameter = EnvironmentVariable; }
        }
        return new OpenClBackend(DeviceState.For(rt, rt.Select(selector, parameter)));
    }

    /// <summary>As <see cref="Create"/>, but when OpenCL is not available returns null and writes one line saying why to
    /// standard error (once per process), so that the caller runs on the CPU.</summary>
    /// <exception cref="ArgumentException">The selector matches no device of a runtime that has devices.</exception>
    public static OpenClBackend? TryCreate(string? selector = null)
    {
        string? why = Unavailable;
        if (why is null) return Create(selector);
        if (Interlocked.Exchange(ref _warned, 1) == 0) Console.Error.WriteLine("Augment: OpenCL is not available, running on the CPU: " + why + ".");
        return null;
    }

    /// <summary>Opts every run in: <see cref="TryCreate"/>, then <c>Engine.useBackend</c> with it (runs whose options name
    /// a backend keep theirs). Returns the backend, or null (one message, the CPU runs) without OpenCL.</summary>
    /// <exception cref="ArgumentException">As <see cref="Create"/>.</exception>
    public static OpenClBackend? UseGlobally(string? selector = null)
    {
        var b = TryCreate(selector);
        if (b is not null) Engine.useBackend(FSharpOption<IBackend>.Some(b));
        return b;
    }

    /// <summary>The device this backend runs on.</summary>
    public OpenClDeviceInfo Device => _state.Info;

    /// <summary>"opencl: platform / device (type)".</summary>
    public string Name => "opencl: " + _state.Info;

    /// <summary>Called once per kind of group the backend declines, with a line saying that it runs on the CPU and why
    /// (null: silent; the default writes to standard error).</summary>
    public Action<string>? Log { get; set; } = line => Console.Error.WriteLine(line);

    /// <summary>How many times this device's program was built (1: once, then cached for every backend on the device).</summary>
    public int ProgramBuilds => _state.Builds;

    /// <summary>Device buffers in this device's pool.</summary>
    public int PooledBuffers { get { lock (_state.Lock) return _state.PooledBuffers; } }

    /// <summary>What ran where since this backend was made (or <see cref="ResetReport"/>): one row per kind of group,
    /// sorted by label.</summary>
    public IReadOnlyList<OpenClReportRow> Report() =>
        _counts.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new OpenClReportRow(kv.Key, Interlocked.Read(ref kv.Value[0]), Interlocked.Read(ref kv.Value[1]),
                _reasons.TryGetValue(kv.Key, out var r) ? r : ""))
            .ToList();

    /// <summary>Clears <see cref="Report"/>'s counts.</summary>
    public void ResetReport()
    {
        _counts.Clear();
        ResetPlanStats();
    }

    private bool Ran(string label)
    {
        Interlocked.Increment(ref _counts.GetOrAdd(label, _ => new long[2])[0]);
        return true;
    }

    private bool Declined(string label, string reason)
    {
        _lastDeclined = label;
        Interlocked.Increment(ref _counts.GetOrAdd(label, _ => new long[2])[1]);
        if (_reasons.TryAdd(label, reason)) Log?.Invoke($"Augment OpenCL: {label} runs on the CPU ({reason}).");
        return false;
    }

    /// <summary>Runs <paramref name="group"/> on the device from <paramref name="src"/> into <paramref name="dst"/>; false
    /// (and the CPU runs it) when the device has no kernel for it.</summary>
    public bool TryRun(Group group, PixelBuffer src, PixelBuffer dst)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        lock (_state.Lock)
        {
            try
            {
                // One group from host to host: upload, run, download (the copies wait in ReturnAll).
                var s = DevImage.OfHost(src);
                var d = DevImage.Like(dst);
                if (!RunGroup(group, s, d)) return false;
                EnqueueDownload(d, dst);
                return true;
            }
            finally
            {
                Drain();
            }
        }
    }

    // Runs one group on the device from src's pixels (uploaded if they are on the host) into a new device buffer that dst
    // then holds; false (nothing enqueued) when the device has no kernel for it.
    private bool RunGroup(Group group, DevImage src, DevImage dst) =>
        group switch
        {
            Group.Warp w => RunWarp(w.Item, src, dst),
            Group.Remap r => RunRemap(r.Item, src, dst),
            Group.Points p => RunPoints(p.Item, src, dst),
            Group.Filter f => RunKernel("filter", f.Item, src, dst),
            Group.Kernel k => RunKernel("kernel", k.Item, src, dst),
            _ => Declined("group " + group.Tag, "no OpenCL kernel"),
        };

    // ------------------------------------------------------------------ helpers

    private static bool IsByte(DevImage b) => b.ElementType == ElementType.Byte;
    private static bool IsByte(PixelBuffer b) => b.ElementType == ElementType.Byte;

    // Engine.fillOf: no value is the range minimum, one is every channel's, else one per channel.
    private static float[] FillOf(ValueRange range, int channels, float[] fill) =>
        fill.Length == 0 ? Enumerable.Repeat(range.Min, channels).ToArray()
        : fill.Length == 1 ? Enumerable.Repeat(fill[0], channels).ToArray()
        : fill.Length == channels ? fill
        : throw new ArgumentException($"fill has {fill.Length} values; expected 1 or {channels} fill values (one per channel).", nameof(fill));

    private static int BorderCode(BorderMode b) => b switch
    {
        BorderMode.Constant => 0,
        BorderMode.Reflect101 => 1,
        BorderMode.Replicate => 2,
        _ => throw new ArgumentException($"border is {b}; expected Constant, Reflect101 or Replicate.", "border"),
    };

    private static int InterpCode(Interpolation i) => i switch
    {
        Interpolation.Nearest => 0,
        Interpolation.Bilinear => 1,
        Interpolation.Bicubic => 2,
        _ => -1,
    };

    // ------------------------------------------------------------------ warps and remaps

    private bool RunWarp(FSharpList<WarpStep> ws, DevImage src, DevImage dst)
    {
        var shape = new Shape(src.Width, src.Height, src.Channels);
        var plan = Engine.warpPlan(ws, shape, src.Range);
        switch (plan)
        {
            case WarpPlan.Fill f:
                return Copy("warp fill", src, dst, new Int8(), new Int4(), 0, f.fill, allFill: true);
            case WarpPlan.Copy c:
                var m = c.map;
                return Copy("warp exact copy", src, dst, new Int8 { S0 = m.A, S1 = m.B, S2 = m.C, S3 = m.D, S4 = m.E, S5 = m.F },
                    new Int4 { X = c.x0, Y = c.y0, Z = c.x1, W = c.y1 }, BorderCode(c.border), c.fill, allFill: false);
            case WarpPlan.Area ar:
                return RunArea(ar, src, dst);
            case WarpPlan.Resample r:
            {
                string label = "warp " + r.interpolation.ToString().ToLowerInvariant();
                int interp = InterpCode(r.interpolation);
                if (interp < 0) return Declined(label, "Lanczos has no OpenCL kernel yet (its weights use sin and cos in double)");
                if (!_state.Info.Fp64) return Declined(label, "the device has no double precision, which the CPU's coordinates use");
                var inv = r.inverse;
                var ps = new List<double> { inv.M00, inv.M01, inv.M02, inv.M10, inv.M11, inv.M12, inv.M20, inv.M21, inv.M22 };
                foreach (var w in r.windows)
                {
                    var t = w.ToIntermediate;
                    ps.AddRange([t.M00, t.M01, t.M02, t.M10, t.M11, t.M12, t.M20, t.M21, t.M22, w.Width, w.Height]);
                }
                bool b = IsByte(src);
                var k = _state.Kernel(b ? "warp_u8" : "warp_f32");
                var s = Upload(src);
                var d = Output(dst);
                var pm = UploadArray(ps.ToArray());
                var fm = UploadArray(r.fill);
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, src.Width); _state.Arg(k, a++, src.Height); _state.Arg(k, a++, src.Channels);
                _state.Arg(k, a++, d); _state.Arg(k, a++, dst.Width); _state.Arg(k, a++, dst.Height);
                _state.Arg(k, a++, pm); _state.Arg(k, a++, r.windows.Length); _state.Arg(k, a++, interp); _state.Arg(k, a++, BorderCode(r.border));
                _state.Arg(k, a++, fm);
                _state.Arg(k, a++, b ? 0f : src.Range.Min); _state.Arg(k, a, b ? 255f : src.Range.Max);
                _state.Launch(k, (long)dst.Width * dst.Height);
                Download(d, dst);
                return Ran(label);
            }
            default:
                return Declined("warp", "an unknown warp plan");
        }
    }

    private bool Copy(string label, DevImage src, DevImage dst, Int8 map, Int4 win, int border, float[] fill, bool allFill)
    {
        bool b = IsByte(src);
        var k = _state.Kernel(b ? "copy_u8" : "copy_f32");
        var s = Upload(src);
        var d = Output(dst);
        // Engine.roundByte on the fill for bytes.
        nint fm = b ? UploadArray(fill.Select(v => (byte)MathF.Min(MathF.Max(MathF.Round(v), 0f), 255f)).ToArray()) : UploadArray(fill);
        uint a = 0;
        _state.Arg(k, a++, s); _state.Arg(k, a++, src.Width); _state.Arg(k, a++, d); _state.Arg(k, a++, dst.Width); _state.Arg(k, a++, dst.Height);
        _state.Arg(k, a++, src.Channels); _state.Arg(k, a++, map); _state.Arg(k, a++, win); _state.Arg(k, a++, border); _state.Arg(k, a++, fm);
        _state.Arg(k, a, allFill ? 1 : 0);
        _state.Launch(k, (long)dst.Width * dst.Height);
        Download(d, dst);
        return Ran(label);
    }

    private bool RunRemap(RemapStep r, DevImage src, DevImage dst)
    {
        string label = "remap " + r.Interpolation.ToString().ToLowerInvariant();
        int interp = InterpCode(r.Interpolation);
        if (interp < 0) return Declined(label, "Lanczos has no OpenCL kernel yet (its weights use sin and cos in double)");
        if (!_state.Info.Fp64) return Declined(label, "the device has no double precision, which the CPU's coordinates use");
        var (mx, my) = r.Map.Value;
        var fill = FillOf(src.Range, src.Channels, r.Fill);
        bool b = IsByte(src);
        var k = _state.Kernel(b ? "remap_u8" : "remap_f32");
        var s = Upload(src);
        var d = Output(dst);
        var xm = UploadArray(mx);
        var ym = UploadArray(my);
        var fm = UploadArray(fill);
        uint a = 0;
        _state.Arg(k, a++, s); _state.Arg(k, a++, src.Width); _state.Arg(k, a++, src.Height); _state.Arg(k, a++, src.Channels);
        _state.Arg(k, a++, d); _state.Arg(k, a++, dst.Width); _state.Arg(k, a++, dst.Height);
        _state.Arg(k, a++, xm); _state.Arg(k, a++, ym); _state.Arg(k, a++, interp); _state.Arg(k, a++, BorderCode(r.Border)); _state.Arg(k, a++, fm);
        _state.Arg(k, a++, b ? 0f : src.Range.Min); _state.Arg(k, a, b ? 255f : src.Range.Max);
        _state.Launch(k, (long)dst.Width * dst.Height);
        Download(d, dst);
        return Ran(label);
    }

    // ------------------------------------------------------------------ colour

    private bool RunPoints(FSharpList<Step> steps, DevImage src, DevImage dst)
    {
        int ch = src.Channels;
        if (IsByte(src))
        {
            var tables = new byte[256 * ch];
            Engine.byteTables(steps, HostOf(src, steps.Any(x => x is Step.StatPoint)), tables);
            var k = _state.Kernel("tables_u8");
            var s = Upload(src);
            var d = Output(dst);
            var t = UploadArray(tables);
            _state.Arg(k, 0, s); _state.Arg(k, 1, d); _state.Arg(k, 2, t); _state.Arg(k, 3, ch); _state.Arg(k, 4, src.Length);
            _state.Launch(k, src.Length);
            Download(d, dst);
            return Ran("points byte tables");
        }
        // The planner gives float point steps one group each.
        if (steps.Length != 1) return Declined("points float (several steps)", "the planner does not fuse float point steps");
        var pm = Engine.floatPointMap(steps.Head, HostOf(src, steps.Head is Step.StatPoint));
        if (pm is not PointMap.Affine aff) return Declined("points float function", "a point function is F# code, not data the device can run");
        static Float4 F4(float[] v) => new() { X = v.Length > 0 ? v[0] : 0, Y = v.Length > 1 ? v[1] : 0, Z = v.Length > 2 ? v[2] : 0, W = v.Length > 3 ? v[3] : 0 };
        if (aff.subtract.Length != ch || aff.scale.Length != ch || aff.add.Length != ch)
            throw new ArgumentException($"an affine point map has {aff.subtract.Length}/{aff.scale.Length}/{aff.add.Length} coefficients; expected one per channel ({ch}).", "steps");
        {
            var k = _state.Kernel("affine_f32");
            var s = Upload(src);
            var d = Output(dst);
            uint a = 0;
            _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, F4(aff.subtract)); _state.Arg(k, a++, F4(aff.scale)); _state.Arg(k, a++, F4(aff.add));
            _state.Arg(k, a++, ch); _state.Arg(k, a++, src.Range.Min); _state.Arg(k, a++, src.Range.Max); _state.Arg(k, a, src.Length);
            _state.Launch(k, src.Length);
            Download(d, dst);
            return Ran("points float affine");
        }
    }

    private bool RunKernel(string kind, ImageKernel kernel, DevImage src, DevImage dst)
    {
        string label = kind + " " + kernel.Name;
        if (kernel.Device.IsValueNone) return Declined(label, "the op gives no device descriptor (ImageKernel.Device)");
        var dk = kernel.Device.Value;
        bool b = IsByte(src);
        if (!_state.Info.Fp64 && dk is DeviceKernel.GaussianNoise or DeviceKernel.MultiplyUniform or DeviceKernel.SaltAndPepper)
            return Declined(label, "the device has no double precision, which the CPU's noise uses");
        switch (dk)
        {
            case DeviceKernel.Separable sep:
            {
                // The CPU runs byte blurs in fixed point (FilterKernels.SeparableFilterFixed, within one level of the
                // float32 filter); the device kernel is the float32 filter, so byte blurs stay on the CPU for equal bits.
                if (b) return Declined(label, "a byte blur with no fixed-point plan runs the float32 filter on the CPU; the device runs byte blurs in fixed point (SeparableFixed)");
                var s = Upload(src);
                var d = Output(dst);
                var tmp = _state.Rent(4L * src.Length);
                var kx = UploadArray(sep.kernelX);
                var ky = UploadArray(sep.kernelY);
                var h = _state.Kernel(b ? "sep_h_u8" : "sep_h_f32");
                uint a = 0;
                _state.Arg(h, a++, s); _state.Arg(h, a++, tmp); _state.Arg(h, a++, kx); _state.Arg(h, a++, sep.kernelX.Length);
                _state.Arg(h, a++, src.Width); _state.Arg(h, a++, src.Height); _state.Arg(h, a, src.Channels);
                _state.Launch(h, src.Length);
                var v = _state.Kernel(b ? "sep_v_u8" : "sep_v_f32");
                a = 0;
                _state.Arg(v, a++, tmp); _state.Arg(v, a++, d); _state.Arg(v, a++, ky); _state.Arg(v, a++, sep.kernelY.Length);
                _state.Arg(v, a++, src.Width); _state.Arg(v, a++, src.Height); _state.Arg(v, a++, src.Channels);
                if (!b) { _state.Arg(v, a++, src.Range.Min); _state.Arg(v, a, src.Range.Max); }
                _state.Launch(v, src.Length);
                Download(d, dst);
                return Ran(label);
            }
            case DeviceKernel.Grayscale:
            {
                if (src.Channels is not (3 or 4)) return Declined(label, $"grayscale of a {src.Channels}-channel image");
                var k = _state.Kernel(b ? "gray_u8" : "gray_f32");
                var s = Upload(src);
                var d = Output(dst);
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, src.Channels); _state.Arg(k, a++, dst.Channels);
                if (!b) { _state.Arg(k, a++, src.Range.Min); _state.Arg(k, a++, src.Range.Max); }
                _state.Arg(k, a, src.Width * src.Height);
                _state.Launch(k, (long)src.Width * src.Height);
                Download(d, dst);
                return Ran(label);
            }
            case DeviceKernel.GaussianNoise g:
            {
                // As the op's CPU kernel: the standard deviation is a fraction of the range's width.
                double sd = g.stddev * (double)src.Range.Width;
                var k = _state.Kernel(b ? "gauss_u8" : "gauss_f32");
                var s = Upload(src);
                var d = Output(dst);
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, sd);
                if (!b) { _state.Arg(k, a++, src.Range.Min); _state.Arg(k, a++, src.Range.Max); }
                _state.Arg(k, a++, g.key0); _state.Arg(k, a++, g.key1); _state.Arg(k, a++, g.stream0); _state.Arg(k, a++, g.stream1);
                _state.Arg(k, a, src.Length);
                _state.Launch(k, (src.Length + 1) / 2);
                Download(d, dst);
                return Ran(label);
            }
            case DeviceKernel.MultiplyUniform mu:
            {
                var k = _state.Kernel(b ? "mul_u8" : "mul_f32");
                var s = Upload(src);
                var d = Output(dst);
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, src.Channels); _state.Arg(k, a++, mu.low); _state.Arg(k, a++, mu.high);
                _state.Arg(k, a++, mu.perChannel ? 1 : 0);
                if (!b) { _state.Arg(k, a++, src.Range.Min); _state.Arg(k, a++, src.Range.Max); }
                _state.Arg(k, a++, mu.key0); _state.Arg(k, a++, mu.key1); _state.Arg(k, a++, mu.stream0); _state.Arg(k, a++, mu.stream1);
                _state.Arg(k, a, src.Length);
                _state.Launch(k, src.Length);
                Download(d, dst);
                return Ran(label);
            }
            case DeviceKernel.SaltAndPepper sp:
            {
                var k = _state.Kernel(b ? "salt_u8" : "salt_f32");
                var s = Upload(src);
                var d = Output(dst);
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, src.Channels); _state.Arg(k, a++, sp.amount); _state.Arg(k, a++, sp.saltRatio);
                if (b) { _state.Arg(k, a++, (byte)255); _state.Arg(k, a++, (byte)0); }
                else { _state.Arg(k, a++, src.Range.Max); _state.Arg(k, a++, src.Range.Min); }
                _state.Arg(k, a++, sp.key0); _state.Arg(k, a++, sp.key1); _state.Arg(k, a++, sp.stream0); _state.Arg(k, a++, sp.stream1);
                _state.Arg(k, a, src.Width * src.Height);
                _state.Launch(k, (long)src.Width * src.Height);
                Download(d, dst);
                return Ran(label);
            }
            default:
                return RunKernelMore(label, dk, src, dst);
        }
    }
}
