// Further Augment OpenCL kernels, built into the same program after Kernels.cl and KernelsMore.cl (DeviceState joins
// them, so reflect101, net_min, net_max and byte_minmax are in scope and FP_CONTRACT is off here too). Each kernel
// names the C# method whose results it reproduces bit for bit.

// ------------------------------------------------------------------ general 2-D filter (MotionBlur, Defocus)

// FilterKernels.Filter2D / Filter2DReference: acc = acc + k[ty * kw + tx] * src(reflect101(y - kh/2 + ty),
// reflect101(x - kw/2 + tx)) in float32 from 0f, ty outer and tx inner, both ascending (zero weights too, as the CPU).
#define FILTER2D_ACC(T)                                                                                        \
    int c = i % ch, x = i / ch % width, y = i / ch / width;                                                   \
    int ax = kw / 2, ay = kh / 2;                                                                             \
    float acc = 0.0f;                                                                                         \
    for (int ty = 0; ty < kh; ty++) {                                                                         \
        int r = reflect101(y - ay + ty, height);                                                              \
        for (int tx = 0; tx < kw; tx++) {                                                                     \
            int q = reflect101(x - ax + tx, width);                                                           \
            acc = acc + k[ty * kw + tx] * (float)src[(r * width + q) * ch + c];                               \
        }                                                                                                     \
    }

// Bytes: MathF.Min(MathF.Max(MathF.Round(acc), 0), 255).
__kernel void filter2d_u8(__global const uchar* src, __global uchar* dst, __global const float* k, int kw, int kh,
                          int width, int height, int ch) {
    int i = get_global_id(0);
    if (i >= width * height * ch) return;
    FILTER2D_ACC(uchar)
    dst[i] = byte_minmax(acc);
}

// Floats: MathF.Min(MathF.Max(acc, lo), hi).
__kernel void filter2d_f32(__global const float* src, __global float* dst, __global const float* k, int kw, int kh,
                           int width, int height, int ch, float lo, float hi) {
    int i = get_global_id(0);
    if (i >= width * height * ch) return;
    FILTER2D_ACC(float)
    dst[i] = net_min(net_max(acc, lo), hi);
}

// ------------------------------------------------------------------ area resize

// FixedGeometry.AreaIntegerReference (bytes, integer shrink kx x ky with every block inside the source): S the block's
// sum (uint: at most 255 * 4096 * 4096 < 2^32); 2 x 2 gives (S + 2) >> 2, other factors S / (kx ky) rounded half to
// even (FixedGeometry.DivideHalfEven).
__kernel void areaint_u8(__global const uchar* src, int sw, __global uchar* dst, int dw, int dh, int ch, int kx, int ky) {
    int i = get_global_id(0);
    if (i >= dw * dh * ch) return;
    int c = i % ch, j = i / ch % dw, y = i / ch / dw;
    uint s = 0;
    for (int a = 0; a < ky; a++)
        for (int b = 0; b < kx; b++)
            s += (uint)src[((long)(y * ky + a) * sw + j * kx + b) * ch + c];
    if (kx == 2 && ky == 2) { dst[i] = (uchar)((s + 2u) >> 2); return; }
    uint n = (uint)(kx * ky), q = s / n, r = s - q * n;
    dst[i] = (uchar)(2u * r > n || (2u * r == n && (q & 1u) != 0u) ? q + 1u : q);
}

#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable

// GeometryKernels.ResizeAreaCore's separable sums in double, with the weights and source indices of AreaWeights (made on
// the host, stride taps per output column / row, counts nx / ny): h = h + wx * x over the row's taps from 0, then
// acc = acc + wy * h over the column's taps from 0. Bytes: (byte)Math.Clamp(Math.Round(acc), 0, 255); floats: (float)acc.
#define AREA_ACC                                                                                              \
    int c = i % ch, j = i / ch % dw, y = i / ch / dw;                                                         \
    double acc = 0.0;                                                                                         \
    for (int t = 0; t < ny[y]; t++) {                                                                         \
        double w = wy[y * sy + t];                                                                            \
        long ro = (long)iy[y * sy + t] * sw;                                                                  \
        double h = 0.0;                                                                                       \
        for (int q = 0; q < nx[j]; q++)                                                                       \
            h += wx[j * sx + q] * (double)src[(ro + ix[j * sx + q]) * ch + c];                                \
        acc += w * h;                                                                                         \
    }

__kernel void area_u8(__global const uchar* src, int sw, __global uchar* dst, int dw, int dh, int ch,
                      __global const double* wx, __global const int* ix, __global const int* nx, int sx,
                      __global const double* wy, __global const int* iy, __global const int* ny, int sy) {
    int i = get_global_id(0);
    if (i >= dw * dh * ch) return;
    AREA_ACC
    double v = rint(acc);
    dst[i] = (uchar)(v < 0.0 ? 0.0 : (v > 255.0 ? 255.0 : v));
}

__kernel void area_f32(__global const float* src, int sw, __global float* dst, int dw, int dh, int ch,
                       __global const double* wx, __global const int* ix, __global const int* nx, int sx,
                       __global const double* wy, __global const int* iy, __global const int* ny, int sy) {
    int i = get_global_id(0);
    if (i >= dw * dh * ch) return;
    AREA_ACC
    dst[i] = (float)acc;
}

#endif
