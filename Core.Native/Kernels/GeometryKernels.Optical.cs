using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

// OpticalDistortion's map, a row of pixels a step: the per-pixel double formula of the F# definition, operation for
// operation and lane by lane (no fused multiply-adds: the JIT does not contract separate multiplies and adds), then
// each value narrowed to float32 with round to nearest even, as the cast. The column terms a and a / W are computed
// once per call, y * y once per row.
public static partial class GeometryKernels
{
    /// <summary>
    /// OpticalDistortion's source map for a <paramref name="width"/> x <paramref name="height"/> image: in double, with
    /// W, H the sizes, <c>a = (j + 0.5) - W / 2</c>, <c>b = (i + 0.5) - H / 2</c>, <c>x = a / W</c>, <c>y = b / H</c>,
    /// <c>r2 = x * x + y * y</c>, <c>kr = (1 + k * r2) + (k * r2) * r2</c>; <c>mapX = (float)((W / 2 + dx) + a * kr)</c>,
    /// <c>mapY = (float)((H / 2 + dy) + b * kr)</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void OpticalMap(double k, double dx, double dy, int width, int height, Span<float> mapX, Span<float> mapY,
        SimdPath path = SimdPath.Auto)
    {
        if (width < 1) Throw.Argument(nameof(width), width, "a width >= 1");
        if (height < 1) Throw.Argument(nameof(height), height, "a height >= 1");
        long n = (long)width * height;
        if (mapX.Length < n) Throw.Argument(nameof(mapX), mapX.Length, $"at least {n} values (one per pixel)");
        if (mapY.Length < n) Throw.Argument(nameof(mapY), mapY.Length, $"at least {n} values (one per pixel)");
        double W = width, H = height, cx = W / 2.0 + dx, cy = H / 2.0 + dy;
        var p = Simd.Resolve(path);
        double[] cols = ArrayPool<double>.Shared.Rent(2 * width);
        try
        {
            Span<double> ca = cols.AsSpan(0, width), cxs = cols.AsSpan(width, width);
            for (int j = 0; j < width; j++)
            {
                double a = (double)j + 0.5 - W / 2.0;
                ca[j] = a;
                cxs[j] = a / W;
            }
            for (int i = 0; i < height; i++)
            {
                double b = (double)i + 0.5 - H / 2.0;
                double y = b / H, yy = y * y;
                Span<float> rx = mapX.Slice(i * width, width), ry = mapY.Slice(i * width, width);
                int j = p switch
                {
                    SimdPath.Vector512 => OpticalRow512(ca, cxs, yy, b, k, cx, cy, rx, ry),
                    SimdPath.Vector256 => OpticalRow256(ca, cxs, yy, b, k, cx, cy, rx, ry),
                    SimdPath.Vector128 => OpticalRow128(ca, cxs, yy, b, k, cx, cy, rx, ry),
                    _ => 0,
                };
                for (; j < width; j++)
                {
                    double a = ca[j], x = cxs[j];
                    double r2 = x * x + yy;
                    double kr = 1.0 + k * r2 + k * r2 * r2;
                    rx[j] = (float)(cx + a * kr);
                    ry[j] = (float)(cy + b * kr);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(cols);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int OpticalRow512(ReadOnlySpan<double> ca, ReadOnlySpan<double> cxs, double yy, double b, double k, double cx, double cy,
        Span<float> rx, Span<float> ry)
    {
        int w = rx.Length, j = 0;
        ref double pa = ref MemoryMarshal.GetReference(ca);
        ref double px = ref MemoryMarshal.GetReference(cxs);
        ref float ox = ref MemoryMarshal.GetReference(rx);
        ref float oy = ref MemoryMarshal.GetReference(ry);
        Vector512<double> vyy = Vector512.Create(yy), vb = Vector512.Create(b), vk = Vector512.Create(k), one = Vector512.Create(1.0);
        Vector512<double> vcx = Vector512.Create(cx), vcy = Vector512.Create(cy);
        for (; j <= w - 16; j += 16)
        {
            var a0 = Vector512.LoadUnsafe(ref pa, (nuint)j);
            var a1 = Vector512.LoadUnsafe(ref pa, (nuint)(j + 8));
            var x0 = Vector512.LoadUnsafe(ref px, (nuint)j);
            var x1 = Vector512.LoadUnsafe(ref px, (nuint)(j + 8));
            var r0 = x0 * x0 + vyy;
            var r1 = x1 * x1 + vyy;
            var k0 = one + vk * r0 + vk * r0 * r0;
            var k1 = one + vk * r1 + vk * r1 * r1;
            Vector512.Narrow(vcx + a0 * k0, vcx + a1 * k1).StoreUnsafe(ref ox, (nuint)j);
            Vector512.Narrow(vcy + vb * k0, vcy + vb * k1).StoreUnsafe(ref oy, (nuint)j);
        }
        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int OpticalRow256(ReadOnlySpan<double> ca, ReadOnlySpan<double> cxs, double yy, double b, double k, double cx, double cy,
        Span<float> rx, Span<float> ry)
    {
        int w = rx.Length, j = 0;
        ref double pa = ref MemoryMarshal.GetReference(ca);
        ref double px = ref MemoryMarshal.GetReference(cxs);
        ref float ox = ref MemoryMarshal.GetReference(rx);
        ref float oy = ref MemoryMarshal.GetReference(ry);
        Vector256<double> vyy = Vector256.Create(yy), vb = Vector256.Create(b), vk = Vector256.Create(k), one = Vector256.Create(1.0);
        Vector256<double> vcx = Vector256.Create(cx), vcy = Vector256.Create(cy);
        for (; j <= w - 8; j += 8)
        {
            var a0 = Vector256.LoadUnsafe(ref pa, (nuint)j);
            var a1 = Vector256.LoadUnsafe(ref pa, (nuint)(j + 4));
            var x0 = Vector256.LoadUnsafe(ref px, (nuint)j);
            var x1 = Vector256.LoadUnsafe(ref px, (nuint)(j + 4));
            var r0 = x0 * x0 + vyy;
            var r1 = x1 * x1 + vyy;
            var k0 = one + vk * r0 + vk * r0 * r0;
            var k1 = one + vk * r1 + vk * r1 * r1;
            Vector256.Narrow(vcx + a0 * k0, vcx + a1 * k1).StoreUnsafe(ref ox, (nuint)j);
            Vector256.Narrow(vcy + vb * k0, vcy + vb * k1).StoreUnsafe(ref oy, (nuint)j);
        }
        return j;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int OpticalRow128(ReadOnlySpan<double> ca, ReadOnlySpan<double> cxs, double yy, double b, double k, double cx, double cy,
        Span<float> rx, Span<float> ry)
    {
        int w = rx.Length, j = 0;
        ref double pa = ref MemoryMarshal.GetReference(ca);
        ref double px = ref MemoryMarshal.GetReference(cxs);
        ref float ox = ref MemoryMarshal.GetReference(rx);
        ref float oy = ref MemoryMarshal.GetReference(ry);
        Vector128<double> vyy = Vector128.Create(yy), vb = Vector128.Create(b), vk = Vector128.Create(k), one = Vector128.Create(1.0);
        Vector128<double> vcx = Vector128.Create(cx), vcy = Vector128.Create(cy);
        for (; j <= w - 4; j += 4)
        {
            var a0 = Vector128.LoadUnsafe(ref pa, (nuint)j);
            var a1 = Vector128.LoadUnsafe(ref pa, (nuint)(j + 2));
            var x0 = Vector128.LoadUnsafe(ref px, (nuint)j);
            var x1 = Vector128.LoadUnsafe(ref px, (nuint)(j + 2));
            var r0 = x0 * x0 + vyy;
            var r1 = x1 * x1 + vyy;
            var k0 = one + vk * r0 + vk * r0 * r0;
            var k1 = one + vk * r1 + vk * r1 * r1;
            Vector128.Narrow(vcx + a0 * k0, vcx + a1 * k1).StoreUnsafe(ref ox, (nuint)j);
            Vector128.Narrow(vcy + vb * k0, vcy + vb * k1).StoreUnsafe(ref oy, (nuint)j);
        }
        return j;
    }
}
