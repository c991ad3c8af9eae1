using System.Runtime.InteropServices;
using Augment.Native;
using Augment.Native.Kernels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using OpenCvSharp;
using SkiaSharp;

// Single-threaded per-op timings of our kernels on each path, beside OpenCV (OpenCvSharp) and SkiaSharp doing the
// same work on the same pixels in the same process. Run: dotnet fsi build.fsx bench [BenchmarkDotNet arguments].
// Quick mode (dotnet fsi build.fsx bench --quick): our public API beside OpenCV, timed in this process; see Quick.cs.
if (args.Contains("--quick")) return Quick.Run(args);
// Loader mode (dotnet run -c Release --project bench -- loader): decode and augmentation throughput apart; see LoaderBench.cs.
if (args.Contains("loader")) return LoaderBench.Run(args);
// Codec mode (dotnet run -c Release --project bench -- codec): how much of ImageCompression and decode is the codec; see CodecBench.cs.
if (args.Contains("codec")) return CodecBench.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(Kernels).Assembly).Run(args, DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithId("short"))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator));
return 0;

/// <summary>A 3-channel byte image of <see cref="Size"/> x <see cref="Size"/> pixels, with OpenCV and Skia copies.</summary>
[MemoryDiagnoser]
public class Kernels
{
    [Params(512, 1024)]
    public int Size;

    [Params(SimdPath.Scalar, SimdPath.Vector128, SimdPath.Vector256)]
    public SimdPath Path;

    private byte[] _src = [];
    private byte[] _dst = [];
    private byte[] _gray = [];
    private float[] _one = [1f, 1f, 1f], _zero = [0f, 0f, 0f], _delta = [20f, 20f, 20f], _means = [], _factor = [1.3f, 1.3f, 1.3f];

    [GlobalSetup]
    public void Setup()
    {
        int n = Size * Size * 3;
        _src = new byte[n];
        new Random(1).NextBytes(_src);
        _dst = new byte[n];
        _gray = new byte[Size * Size];
        _means = Array.ConvertAll(PixelKernels.ChannelMeans(_src, 3), m => (float)m);
    }

    [Benchmark] public void Brightness() => PixelKernels.ChannelAffine(_src, _dst, 3, _zero, _one, _delta, Path);
    [Benchmark] public void Contrast() => PixelKernels.ChannelAffine(_src, _dst, 3, _means, _factor, _means, Path);
    [Benchmark] public void Grayscale() => PixelKernels.Grayscale(_src, _gray, 3, 1, Path);
    [Benchmark] public void FlipHorizontal() => PixelKernels.FlipHorizontal(_src, _dst, Size, Size, 3, Path);
}

/// <summary>The same four operations in OpenCV and SkiaSharp.</summary>
[MemoryDiagnoser]
public class Peers
{
    [Params(512, 1024)]
    public int Size;

    private Mat _src = new(), _dst = new(), _gray = new();
    private SKBitmap _skSrc = new(), _skDst = new();
    private SKCanvas? _canvas;

    [GlobalSetup]
    public void Setup()
    {
        Cv2.SetNumThreads(1);
        var bytes = new byte[Size * Size * 3];
        new Random(1).NextBytes(bytes);
        _src = new Mat(Size, Size, MatType.CV_8UC3);
        Marshal.Copy(bytes, 0, _src.Data, bytes.Length);
        _dst = new Mat(Size, Size, MatType.CV_8UC3);
        _gray = new Mat(Size, Size, MatType.CV_8UC1);
        _skSrc = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        _skDst = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        _canvas = new SKCanvas(_skDst);
    }

    [Benchmark] public void OpenCvBrightness() => _src.ConvertTo(_dst, MatType.CV_8UC3, 1.0, 20.0);
    [Benchmark] public void OpenCvContrast() => _src.ConvertTo(_dst, MatType.CV_8UC3, 1.3, -0.3 * 127.5);
    [Benchmark] public void OpenCvGrayscale() => Cv2.CvtColor(_src, _gray, ColorConversionCodes.RGB2GRAY);
    [Benchmark] public void OpenCvFlipHorizontal() => Cv2.Flip(_src, _dst, FlipMode.Y);

    [Benchmark]
    public void SkiaFlipHorizontal()
    {
        // Skia has no 3-channel layout; this mirrors a 4-channel RGBA image of the same size.
        _canvas!.ResetMatrix();
        _canvas.Scale(-1, 1, Size / 2f, 0);
        _canvas.DrawBitmap(_skSrc, 0, 0);
    }
}
