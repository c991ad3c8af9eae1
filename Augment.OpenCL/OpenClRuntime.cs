using System.Runtime.InteropServices;
using System.Text;
using Silk.NET.OpenCL;

namespace Augment.OpenCL;

/// <summary>An OpenCL device the runtime offers: its platform's name, its own name, its type and whether it has
/// double precision (<c>cl_khr_fp64</c>, which warps, remaps and noise need).</summary>
/// <param name="Platform">The platform's name (CL_PLATFORM_NAME).</param>
/// <param name="Name">The device's name (CL_DEVICE_NAME).</param>
/// <param name="Type">gpu, cpu, accelerator or other.</param>
/// <param name="Fp64">Whether the device has <c>cl_khr_fp64</c>.</param>
/// <param name="PlatformIndex">The platform's position in the runtime's list.</param>
/// <param name="DeviceIndex">The device's position in its platform's list.</param>
public sealed record OpenClDeviceInfo(string Platform, string Name, string Type, bool Fp64, int PlatformIndex, int DeviceIndex)
{
    /// <summary>"platform / device (type)", as errors and reports print it.</summary>
    public override string ToString() => $"{Platform} / {Name} ({Type}{(Fp64 ? "" : ", no fp64")})";
}

/// <summary>The OpenCL library and its platforms, loaded once per process; when there is no library or no platform,
/// <see cref="Unavailable"/> says why.</summary>
internal sealed unsafe class OpenClRuntime
{
    private static readonly Lazy<OpenClRuntime> Instance = new(() => new OpenClRuntime(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static OpenClRuntime Get() => Instance.Value;

    public CL? Api { get; }
    public string? Unavailable { get; }
    public IReadOnlyList<(OpenClDeviceInfo Info, nint Platform, nint Device)> Devices { get; } = [];

    private OpenClRuntime()
    {
        CL api;
        try
        {
            api = CL.GetApi();
        }
        catch (Exception e) when (e is FileNotFoundException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            Unavailable = $"no OpenCL library could be loaded ({e.GetType().Name}: {e.Message}); install an ICD loader and a platform (on Debian: apt-get install ocl-icd-libopencl1 pocl-opencl-icd)";
            return;
        }
        uint count;
        int err;
        try
        {
            err = api.GetPlatformIDs(0, null, &count);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or FileNotFoundException)
        {
            Unavailable = $"the OpenCL library could not be called ({e.GetType().Name}: {e.Message})";
            return;
        }
        if (err == -1001 || (err == 0 && count == 0))
        {
            Unavailable = "the OpenCL library found no platform (error -1001, CL_PLATFORM_NOT_FOUND_KHR); install one (on Debian: apt-get install pocl-opencl-icd) or a GPU vendor's ICD";
            return;
        }
        if (err != 0)
        {
            Unavailable = $"clGetPlatformIDs failed with error {err}";
            return;
        }
        var platforms = new nint[count];
        fixed (nint* p = platforms) Check(api.GetPlatformIDs(count, p, null), "clGetPlatformIDs");
        var list = new List<(OpenClDeviceInfo, nint, nint)>();
        for (int pi = 0; pi < platforms.Length; pi++)
        {
            string pname = PlatformString(api, platforms[pi], PlatformInfo.Name);
            uint n;
            if (api.GetDeviceIDs(platforms[pi], DeviceType.All, 0, null, &n) != 0 || n == 0) continue;
            var devices = new nint[n];
            fixed (nint* d = devices) Check(api.GetDeviceIDs(platforms[pi], DeviceType.All, n, d, null), "clGetDeviceIDs");
            for (int di = 0; di < devices.Length; di++)
            {
                string dname = DeviceString(api, devices[di], DeviceInfo.Name);
                string ext = DeviceString(api, devices[di], DeviceInfo.Extensions);
                ulong type;
                Check(api.GetDeviceInfo(devices[di], DeviceInfo.Type, (nuint)sizeof(ulong), &type, null), "clGetDeviceInfo");
                var t = (DeviceType)type;
                string ts = t.HasFlag(DeviceType.Gpu) ? "gpu" : t.HasFlag(DeviceType.Cpu) ? "cpu" : t.HasFlag(DeviceType.Accelerator) ? "accelerator" : "other";
                list.Add((new OpenClDeviceInfo(pname, dname, ts, ext.Split(' ').Contains("cl_khr_fp64"), pi, di), platforms[pi], devices[di]));
            }
        }
        if (list.Count == 0)
        {
            Unavailable = $"the OpenCL runtime has {count} platform(s) but no device";
            return;
        }
        Api = api;
        Devices = list;
    }

    public static void Check(int err, string call)
    {
        if (err != 0) throw new InvalidOperationException($"OpenCL {call} failed with error {err}.");
    }

    private static string PlatformString(CL api, nint platform, PlatformInfo what)
    {
        nuint size;
        Check(api.GetPlatformInfo(platform, what, 0, null, &size), "clGetPlatformInfo");
        var buf = new byte[(int)size];
        fixed (byte* b = buf) Check(api.GetPlatformInfo(platform, what, size, b, null), "clGetPlatformInfo");
        return Encoding.UTF8.GetString(buf).TrimEnd('\0').Trim();
    }

    private static string DeviceString(CL api, nint device, DeviceInfo what)
    {
        nuint size;
        Check(api.GetDeviceInfo(device, what, 0, null, &size), "clGetDeviceInfo");
        var buf = new byte[(int)size];
        fixed (byte* b = buf) Check(api.GetDeviceInfo(device, what, size, b, null), "clGetDeviceInfo");
        return Encoding.UTF8.GetString(buf).TrimEnd('\0').Trim();
    }

    /// <summary>Picks a device by selector (see <see cref="OpenClBackend.Create"/>).</summary>
    public (OpenClDeviceInfo Info, nint Platform, nint Device) Select(string? selector, string parameter)
    {
        string s = (selector ?? "").Trim();
        if (s.Length == 0 || s.Equals("default", StringComparison.OrdinalIgnoreCase))
            return Devices.FirstOrDefault(d => d.Info.Type == "gpu") is { Info: not null } g ? g : Devices[0];
        string? platformPart = null, devicePart = s;
        int colon = s.IndexOf(':');
        if (colon >= 0) { platformPart = s[..colon].Trim(); devicePart = s[(colon + 1)..].Trim(); }
        bool Matches((OpenClDeviceInfo Info, nint, nint) d)
        {
            if (!string.IsNullOrEmpty(platformPart) && !d.Info.Platform.Contains(platformPart, StringComparison.OrdinalIgnoreCase))
                return false;
            if (string.IsNullOrEmpty(devicePart) || devicePart.Equals("any", StringComparison.OrdinalIgnoreCase)) return true;
            if (devicePart.ToLowerInvariant() is "gpu" or "cpu" or "accelerator") return d.Info.Type == devicePart.ToLowerInvariant();
            return d.Info.Name.Contains(devicePart, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var d in Devices) if (Matches(d)) return d;
        throw new ArgumentException(
            $"{parameter} is '{selector}', which matches no OpenCL device; expected 'default', a type (gpu, cpu, accelerator, any), " +
            $"part of a device's name, or 'platform:device' with part of a platform's name before the colon. Devices here: " +
            string.Join("; ", Devices.Select(d => d.Info.ToString())), parameter);
    }
}

/// <summary>One row of <see cref="OpenClBackend.Report"/>: a kind of plan group and where its runs went.</summary>
/// <param name="Group">The group, as the backend labels it (for example <c>warp bilinear</c>, <c>kernel MedianBlur</c>).</param>
/// <param name="OnDevice">Runs on the OpenCL device.</param>
/// <param name="OnCpu">Runs the backend declined, which the CPU then ran inside the same plan.</param>
/// <param name="Reason">Why the backend declines this group (empty when it runs on the device).</param>
public sealed record OpenClReportRow(string Group, long OnDevice, long OnCpu, string Reason);

[StructLayout(LayoutKind.Sequential)]
internal struct Int4 { public int X, Y, Z, W; }

[StructLayout(LayoutKind.Sequential)]
internal struct Int8 { public int S0, S1, S2, S3, S4, S5, S6, S7; }

[StructLayout(LayoutKind.Sequential)]
internal struct Float4 { public float X, Y, Z, W; }
