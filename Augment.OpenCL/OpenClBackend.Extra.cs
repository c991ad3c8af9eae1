using Augment.Native;

namespace Augment.OpenCL;

// The kernels of KernelsExtra.cl: the general 2-D filter (MotionBlur, Defocus) and area resizes. Each restates a CPU
// kernel bit for bit.
public sealed partial class OpenClBackend
{
    // Image kernels whose descriptors neither Kernels.cl nor KernelsMore.cl has a kernel for (RunKernelMore's default case).
    private bool RunKernelExtra(string label, DeviceKernel dk, DevImage src, DevImage dst)
    {
        switch (dk)
        {
            case DeviceKernel.Filter2D f:
            {
                int kw = f.kernelWidth, kh = f.kernelHeight;
                if (kw < 1 || kw > Native.Kernels.FilterKernels.MaxFilter2DSize || kh < 1 || kh > Native.Kernels.FilterKernels.MaxFilter2DSize)
                    throw new ArgumentException($"the 2-D filter is {kw} x {kh}; expected sides in [1, {Native.Kernels.FilterKernels.MaxFilter2DSize}].", "kernelWidth");
                if (f.kernel.Length != kw * kh)
                    throw new ArgumentException($"kernel has {f.kernel.Length} weights; expected {kw * kh} ({kw} x {kh}).", "kernel");
                if (dst.Length != src.Length)
                    throw new ArgumentException($"dst has {dst.Length} samples; expected the source's {src.Length}.", nameof(dst));
                bool b = IsByte(src);
                var k = _state.Kernel(b ? "filter2d_u8" : "filter2d_f32");
                var s = Upload(src);
                var d = Output(dst);
                var km = UploadArray(f.kernel);
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, km); _state.Arg(k, a++, kw); _state.Arg(k, a++, kh);
                _state.Arg(k, a++, src.Width); _state.Arg(k, a++, src.Height);
                if (b) _state.Arg(k, a, src.Channels);
                else { _state.Arg(k, a++, src.Channels); _state.Arg(k, a++, src.Range.Min); _state.Arg(k, a, src.Range.Max); }
                _state.Launch(k, src.Length);
                Download(d, dst);
                return Ran(label);
            }
            default:
                return Declined(label, "no OpenCL kernel for this descriptor");
        }
    }

    // ------------------------------------------------------------------ area resize

    // GeometryKernels.ResizeArea: bytes with an integer shrink run FixedGeometry's integer averages (areaint_u8);
    // everything else runs the separable double sums (area_u8, area_f32) with AreaWeights' weights, made here.
    private bool RunArea(WarpPlan.Area ar, DevImage src, DevImage dst)
    {
        const string label = "warp area";
        double x0 = ar.x0, y0 = ar.y0, sx = ar.sx, sy = ar.sy;
        if (!double.IsFinite(x0)) throw new ArgumentException($"x0 is {x0}; expected a finite number.", "x0");
        if (!double.IsFinite(y0)) throw new ArgumentException($"y0 is {y0}; expected a finite number.", "y0");
        if (!(sx > 0) || !double.IsFinite(sx)) throw new ArgumentException($"scaleX is {sx}; expected a finite positive number.", "scaleX");
        if (!(sy > 0) || !double.IsFinite(sy)) throw new ArgumentException($"scaleY is {sy}; expected a finite positive number.", "scaleY");
        if (dst.Channels != src.Channels)
            throw new ArgumentException($"dst has {dst.Channels} channels; expected the source's {src.Channels}.", nameof(dst));
        bool b = IsByte(src);
        int ch = src.Channels;
        if (b && IsIntegerArea(src.Width, src.Height, dst.Width, dst.Height, x0, y0, sx, sy))
        {
            var k = _state.Kernel("areaint_u8");
            var s = Upload(src);
            var d = Output(dst);
            uint a = 0;
            _state.Arg(k, a++, s); _state.Arg(k, a++, src.Width); _state.Arg(k, a++, d); _state.Arg(k, a++, dst.Width); _state.Arg(k, a++, dst.Height);
            _state.Arg(k, a++, ch); _state.Arg(k, a++, (int)sx); _state.Arg(k, a, (int)sy);
            _state.Launch(k, dst.Length);
            Download(d, dst);
            return Ran(label);
        }
        if (!_state.Info.Fp64) return Declined(label, "the device has no double precision, which the CPU's area weights and sums use");
        {
            int strideX = TapBound(sx, src.Width), strideY = TapBound(sy, src.Height);
            var wx = new double[dst.Width * strideX];
            var ix = new int[dst.Width * strideX];
            var nx = new int[dst.Width];
            var wy = new double[dst.Height * strideY];
            var iy = new int[dst.Height * strideY];
            var ny = new int[dst.Height];
            AreaWeights(x0, sx, src.Width, dst.Width, strideX, wx, ix, nx);
            AreaWeights(y0, sy, src.Height, dst.Height, strideY, wy, iy, ny);
            var k = _state.Kernel(b ? "area_u8" : "area_f32");
            var s = Upload(src);
            var d = Output(dst);
            nint mwx = UploadArray(wx), mix = UploadArray(ix), mnx = UploadArray(nx);
            nint mwy = UploadArray(wy), miy = UploadArray(iy), mny = UploadArray(ny);
            uint a = 0;
            _state.Arg(k, a++, s); _state.Arg(k, a++, src.Width); _state.Arg(k, a++, d); _state.Arg(k, a++, dst.Width); _state.Arg(k, a++, dst.Height);
            _state.Arg(k, a++, ch);
            _state.Arg(k, a++, mwx); _state.Arg(k, a++, mix); _state.Arg(k, a++, mnx); _state.Arg(k, a++, strideX);
            _state.Arg(k, a++, mwy); _state.Arg(k, a++, miy); _state.Arg(k, a++, mny); _state.Arg(k, a, strideY);
            _state.Launch(k, dst.Length);
            Download(d, dst);
            return Ran(label);
        }
    }

    // FixedGeometry.IsIntegerArea (internal to Core.Native): origin (0, 0), integral scales in [1, 4096], every block
    // inside the source.
    private static bool IsIntegerArea(int srcWidth, int srcHeight, int dstWidth, int dstHeight, double x0, double y0,
        double scaleX, double scaleY) =>
        x0 == 0 && y0 == 0 && scaleX >= 1 && scaleY >= 1 && scaleX <= 4096 && scaleY <= 4096
        && scaleX == Math.Floor(scaleX) && scaleY == Math.Floor(scaleY)
        && (long)dstWidth * (long)scaleX <= srcWidth && (long)dstHeight * (long)scaleY <= srcHeight;

    // GeometryKernels.TapBound and AreaWeights (private to Core.Native), restated operation for operation so that the
    // weights are the CPU's bits.
    private static int TapBound(double scale, int srcSize) => (int)Math.Min(srcSize, Math.Ceiling(scale) + 2);

    private static void AreaWeights(double origin, double scale, int srcSize, int dstSize, int stride, double[] w, int[] idx, int[] count)
    {
        for (int j = 0; j < dstSize; j++)
        {
            double a = origin + j * scale, b = origin + (j + 1) * scale;
            double len = b - a;
            int n = 0, at = j * stride;
            double below = Math.Max(0, Math.Min(b, 0) - a), above = Math.Max(0, b - Math.Max(a, srcSize));
            double lo = Math.Max(a, 0), hi = Math.Min(b, srcSize);
            if (below > 0) { idx[at] = 0; w[at] = below; n = 1; }
            if (hi > lo)
            {
                for (long k = (long)Math.Floor(lo); k < hi; k++)
                {
                    double ov = Math.Min(hi, k + 1) - Math.Max(lo, k);
                    if (!(ov > 0)) continue;
                    if (n > 0 && idx[at + n - 1] == k) w[at + n - 1] += ov;
                    else { idx[at + n] = (int)k; w[at + n] = ov; n++; }
                }
            }
            if (above > 0)
            {
                if (n > 0 && idx[at + n - 1] == srcSize - 1) w[at + n - 1] += above;
                else { idx[at + n] = srcSize - 1; w[at + n] = above; n++; }
            }
            if (n == 0 || !(len > 0))
            {
                idx[at] = a < 0 ? 0 : srcSize - 1; w[at] = 1; n = 1;
            }
            else for (int k = 0; k < n; k++) w[at + k] /= len;
            count[j] = n;
        }
    }
}
