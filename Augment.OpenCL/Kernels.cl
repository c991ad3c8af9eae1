// Augment's OpenCL kernels: the CPU kernels of Core.Native (Kernels/*.cs) restated in OpenCL C with the same float32
// and double operations in the same order, so that the device's results are the CPU's bits. Each kernel names the C#
// method it mirrors. Contraction of a*b+c into an FMA would change the bits, so it is off for the whole program.
#pragma OPENCL FP_CONTRACT OFF

// ------------------------------------------------------------------ .NET's Min, Max and Clamp on float

// MathF.Max / MathF.Min (IEEE 754:2019 maximum / minimum): NaN propagates and +0 is above -0. fmax / fmin may
// return either zero, so they are not used.
inline float net_max(float a, float b) {
    if (isnan(a)) return a;
    if (isnan(b)) return b;
    if (a == b) return signbit(a) ? b : a;
    return a > b ? a : b;
}
inline float net_min(float a, float b) {
    if (isnan(a)) return a;
    if (isnan(b)) return b;
    if (a == b) return signbit(a) ? a : b;
    return a < b ? a : b;
}
// Math.Clamp(float, min, max): comparisons only (a -0 inside [0, ...] stays -0).
inline float net_clamp(float v, float lo, float hi) { return v < lo ? lo : (v > hi ? hi : v); }

// ByteSample.FromFloat: (byte)Math.Clamp(MathF.Round(v), 0, 255), round half to even (rint).
inline uchar byte_of(float v) { return (uchar)net_clamp(rint(v), 0.0f, 255.0f); }
// Engine.roundByte and the byte kernels' MathF.Min(MathF.Max(MathF.Round(v), 0), 255).
inline uchar byte_minmax(float v) { return (uchar)net_min(net_max(rint(v), 0.0f), 255.0f); }

// ------------------------------------------------------------------ tables, affine maps, grayscale

// GeometryKernels.ApplyTables: dst[i] = tables[(i % ch) * 256 + src[i]].
__kernel void tables_u8(__global const uchar* src, __global uchar* dst, __global const uchar* tables, int ch, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    dst[i] = tables[(i % ch) * 256 + src[i]];
}

// PixelKernels.ChannelAffine (float): clamp((x - sub[c]) * scale[c] + add[c], lo, hi) with MathF.Min(MathF.Max(..)).
__kernel void affine_f32(__global const float* src, __global float* dst, float4 sub, float4 scale, float4 add,
                         int ch, float lo, float hi, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    int c = i % ch;
    float s = c == 0 ? sub.x : c == 1 ? sub.y : c == 2 ? sub.z : sub.w;
    float k = c == 0 ? scale.x : c == 1 ? scale.y : c == 2 ? scale.z : scale.w;
    float a = c == 0 ? add.x : c == 1 ? add.y : c == 2 ? add.z : add.w;
    float y = (src[i] - s) * k + a;
    dst[i] = net_min(net_max(y, lo), hi);
}

// PixelKernels.Grayscale: BT.601 luma 0.299 R + 0.587 G + 0.114 B (left to right) to 1, 3 or 4 channels.
#define LUMA_R 0.299f
#define LUMA_G 0.587f
#define LUMA_B 0.114f
__kernel void gray_u8(__global const uchar* src, __global uchar* dst, int sc, int dc, int pixels) {
    int p = get_global_id(0);
    if (p >= pixels) return;
    int o = p * sc;
    float y = rint(LUMA_R * (float)src[o] + LUMA_G * (float)src[o + 1] + LUMA_B * (float)src[o + 2]);
    uchar g = (uchar)net_min(net_max(y, 0.0f), 255.0f);
    int d = p * dc;
    dst[d] = g;
    if (dc >= 3) { dst[d + 1] = g; dst[d + 2] = g; }
    if (dc == 4) dst[d + 3] = sc == 4 ? src[o + 3] : (uchar)0;
}
__kernel void gray_f32(__global const float* src, __global float* dst, int sc, int dc, float lo, float hi, int pixels) {
    int p = get_global_id(0);
    if (p >= pixels) return;
    int o = p * sc;
    float y = LUMA_R * src[o] + LUMA_G * src[o + 1] + LUMA_B * src[o + 2];
    y = net_min(net_max(y, lo), hi);
    int d = p * dc;
    dst[d] = y;
    if (dc >= 3) { dst[d + 1] = y; dst[d + 2] = y; }
    if (dc == 4) dst[d + 3] = sc == 4 ? src[o + 3] : 0.0f;
}

// ------------------------------------------------------------------ separable filter (reflect-101, float32 sums)

// GeometryKernels.ResolveIndex for Reflect101 on an index within one period of [0, n).
inline int reflect101(int x, int n) {
    if (x >= 0 && x < n) return x;
    if (n == 1) return 0;
    int p = 2 * n - 2, k = x % p;
    if (k < 0) k += p;
    return k >= n ? p - k : k;
}

// FilterKernels.SeparableFilter, first pass: h = h + kx[t] * src(row, reflect101(x - ax + t)), from h = 0.
#define HORIZONTAL(NAME, T)                                                                                  \
__kernel void NAME(__global const T* src, __global float* tmp, __global const float* kx, int klen,           \
                   int width, int height, int ch) {                                                          \
    int i = get_global_id(0);                                                                                \
    if (i >= width * height * ch) return;                                                                    \
    int c = i % ch, x = i / ch % width, y = i / ch / width;                                                  \
    int ax = klen / 2;                                                                                       \
    float h = 0.0f;                                                                                          \
    for (int t = 0; t < klen; t++) {                                                                         \
        int q = reflect101(x - ax + t, width);                                                               \
        h = h + kx[t] * (float)src[(y * width + q) * ch + c];                                                \
    }                                                                                                        \
    tmp[i] = h;                                                                                              \
}
HORIZONTAL(sep_h_u8, uchar)
HORIZONTAL(sep_h_f32, float)

// Second pass: acc = acc + ky[t] * tmp(reflect101(y - ay + t), x), from acc = 0; bytes round half to even and
// saturate, floats clamp to the range.
inline float vertical_sum(__global const float* tmp, __global const float* ky, int klen, int width, int height, int ch, int i) {
    int c = i % ch, x = i / ch % width, y = i / ch / width;
    int ay = klen / 2;
    float acc = 0.0f;
    for (int t = 0; t < klen; t++) {
        int r = reflect101(y - ay + t, height);
        acc = acc + ky[t] * tmp[(r * width + x) * ch + c];
    }
    return acc;
}
__kernel void sep_v_u8(__global const float* tmp, __global uchar* dst, __global const float* ky, int klen, int width, int height, int ch) {
    int i = get_global_id(0);
    if (i >= width * height * ch) return;
    dst[i] = byte_minmax(vertical_sum(tmp, ky, klen, width, height, ch, i));
}
__kernel void sep_v_f32(__global const float* tmp, __global float* dst, __global const float* ky, int klen, int width, int height, int ch,
                        float lo, float hi) {
    int i = get_global_id(0);
    if (i >= width * height * ch) return;
    dst[i] = net_min(net_max(vertical_sum(tmp, ky, klen, width, height, ch, i), lo), hi);
}

// ------------------------------------------------------------------ exact integer copies

// GeometryKernels.CopyExact (its per-pixel reference): dst(j, i) = src(A j + B i + C, D j + E i + F) inside the
// window [x0, x1) x [y0, y1), the border outside it (resolved against the window), the fill for a constant border.
// all_fill: no source pixel survives (Engine's empty window), every pixel is the fill.
inline long resolve(long x, long n, int border) {
    if (x >= 0 && x < n) return x;
    if (border == 0) return -1;                       // Constant
    if (border == 2) return x < 0 ? 0 : n - 1;        // Replicate
    if (n == 1) return 0;                             // Reflect101
    long p = 2 * n - 2, k = x % p;
    if (k < 0) k += p;
    return k >= n ? p - k : k;
}

#define COPY(NAME, T)                                                                                        \
__kernel void NAME(__global const T* src, int sw, __global T* dst, int dw, int dh, int ch, int8 map,        \
                   int4 win, int border, __global const T* fill, int all_fill) {                            \
    int k = get_global_id(0);                                                                                \
    if (k >= dw * dh) return;                                                                                \
    int j = k % dw, i = k / dw;                                                                              \
    __global T* o = dst + (long)k * ch;                                                                      \
    long rx = -1, ry = -1;                                                                                   \
    if (!all_fill) {                                                                                         \
        long sx = (long)map.s0 * j + (long)map.s1 * i + map.s2;                                             \
        long sy = (long)map.s3 * j + (long)map.s4 * i + map.s5;                                             \
        long r = resolve(sx - win.x, win.z - win.x, border); rx = r < 0 ? -1 : r + win.x;                    \
        r = resolve(sy - win.y, win.w - win.y, border); ry = r < 0 ? -1 : r + win.y;                         \
    }                                                                                                        \
    if (rx < 0 || ry < 0) { for (int c = 0; c < ch; c++) o[c] = fill[c]; }                                  \
    else { __global const T* s = src + (ry * sw + rx) * ch; for (int c = 0; c < ch; c++) o[c] = s[c]; }     \
}
COPY(copy_u8, uchar)
COPY(copy_f32, float)

// The exact copy for the images of one batch at once (sources of one shape back to back in src, outputs of one shape back
// to back in dst): get_global_id(1) is the image, params holds its 11 ints (map A..F, window x0 y0 x1 y1, border) and
// fills its ch fill values; each image's pixels are what NAME above gives it alone.
#define COPY_BATCH(NAME, T)                                                                                  \
__kernel void NAME(__global const T* src, int sw, long slen, __global T* dst, int dw, int dh, int ch,       \
                   __global const int* params, __global const T* fills) {                                   \
    int k = get_global_id(0);                                                                                \
    if (k >= dw * dh) return;                                                                                \
    long b = get_global_id(1);                                                                               \
    __global const int* p = params + b * 11;                                                                 \
    int j = k % dw, i = k / dw;                                                                              \
    __global T* o = dst + (b * dw * dh + k) * ch;                                                            \
    long sx = (long)p[0] * j + (long)p[1] * i + p[2];                                                        \
    long sy = (long)p[3] * j + (long)p[4] * i + p[5];                                                        \
    long r = resolve(sx - p[6], p[8] - p[6], p[10]); long rx = r < 0 ? -1 : r + p[6];                        \
    r = resolve(sy - p[7], p[9] - p[7], p[10]); long ry = r < 0 ? -1 : r + p[7];                             \
    if (rx < 0 || ry < 0) { __global const T* f = fills + b * ch; for (int c = 0; c < ch; c++) o[c] = f[c]; } \
    else { __global const T* s = src + b * slen + (ry * sw + rx) * ch; for (int c = 0; c < ch; c++) o[c] = s[c]; } \
}
COPY_BATCH(copy_u8_batch, uchar)
COPY_BATCH(copy_f32_batch, float)

// ------------------------------------------------------------------ fp64: warps, remaps and Philox noise

#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable

// GeometryKernels.FloorIndex: floor after clamping to +-2^52.
inline long floor_index(double x) { return (long)floor(clamp(x, -4503599627370496.0, 4503599627370496.0)); }

// GeometryKernels.CubicWeights (OpenCV interpolateCubic, A = -0.75) in float32.
inline void cubic_weights(float x, float* w) {
    const float A = -0.75f;
    w[0] = ((A * (x + 1) - 5 * A) * (x + 1) + 8 * A) * (x + 1) - 4 * A;
    w[1] = ((A + 2) * x - (A + 3)) * x * x + 1;
    w[2] = ((A + 2) * (1 - x) - (A + 3)) * (1 - x) * (1 - x) + 1;
    w[3] = 1.0f - w[0] - w[1] - w[2];
}

// GeometryKernels.Sample, one pixel of the reference: interp 0 nearest, 1 bilinear, 2 bicubic; border 0 constant,
// 1 reflect-101, 2 replicate; fillT the fill in samples, fillF the same as floats; lo and hi the clamp of
// interpolated values ([0, 255] for bytes). Writes ch samples through STORE(c, float value) or copies a tap.
#define SAMPLE(NAME, T, FROMF)                                                                               \
inline void NAME(__global const T* src, int sw, int sh, int ch, double u, double v, int interp, int border, \
                 __global const float* fill, float lo, float hi, __global T* px) {                          \
    if (interp == 0) {                                                                                       \
        long x = resolve(floor_index(u), sw, border), y = resolve(floor_index(v), sh, border);             \
        if (x < 0 || y < 0) { for (int c = 0; c < ch; c++) px[c] = FROMF(fill[c]); }                        \
        else { __global const T* s = src + (y * sw + x) * ch; for (int c = 0; c < ch; c++) px[c] = s[c]; }  \
        return;                                                                                              \
    }                                                                                                        \
    double fx = u - 0.5, fy = v - 0.5;                                                                       \
    double x0d = floor(fx), y0d = floor(fy);                                                                 \
    float ax = (float)(fx - x0d), ay = (float)(fy - y0d);                                                    \
    if (interp == 2) {                                                                                       \
        float wx[4], wy[4];                                                                                  \
        cubic_weights(ax, wx); cubic_weights(ay, wy);                                                        \
        long x0 = floor_index(fx) - 1, y0 = floor_index(fy) - 1;                                             \
        long rx[4], ry[4];                                                                                   \
        for (int k = 0; k < 4; k++) { rx[k] = resolve(x0 + k, sw, border); ry[k] = resolve(y0 + k, sh, border); } \
        for (int c = 0; c < ch; c++) {                                                                       \
            float fc = (float)FROMF(fill[c]);                                                                \
            float acc = 0.0f;                                                                                \
            for (int r = 0; r < 4; r++) {                                                                    \
                float row = 0.0f;                                                                            \
                for (int k = 0; k < 4; k++) {                                                                \
                    float t = rx[k] < 0 || ry[r] < 0 ? fc : (float)src[(ry[r] * sw + rx[k]) * ch + c];       \
                    row += wx[k] * t;                                                                        \
                }                                                                                            \
                acc += wy[r] * row;                                                                          \
            }                                                                                                \
            px[c] = FROMF(net_clamp(acc, lo, hi));                                                           \
        }                                                                                                    \
        return;                                                                                              \
    }                                                                                                        \
    long x0 = floor_index(fx), y0 = floor_index(fy);                                                         \
    long rx0 = resolve(x0, sw, border), rx1 = resolve(x0 + 1, sw, border);                                   \
    long ry0 = resolve(y0, sh, border), ry1 = resolve(y0 + 1, sh, border);                                   \
    for (int c = 0; c < ch; c++) {                                                                           \
        float fc = (float)FROMF(fill[c]);                                                                    \
        float p00 = rx0 < 0 || ry0 < 0 ? fc : (float)src[(ry0 * sw + rx0) * ch + c];                         \
        float p10 = rx1 < 0 || ry0 < 0 ? fc : (float)src[(ry0 * sw + rx1) * ch + c];                         \
        float p01 = rx0 < 0 || ry1 < 0 ? fc : (float)src[(ry1 * sw + rx0) * ch + c];                         \
        float p11 = rx1 < 0 || ry1 < 0 ? fc : (float)src[(ry1 * sw + rx1) * ch + c];                         \
        float b = (1.0f - ay) * ((1.0f - ax) * p00 + ax * p10) + ay * ((1.0f - ax) * p01 + ax * p11);        \
        px[c] = FROMF(net_clamp(b, lo, hi));                                                                 \
    }                                                                                                        \
}
inline float float_of(float v) { return v; }
SAMPLE(sample_u8, uchar, byte_of)
SAMPLE(sample_f32, float, float_of)

// Matrix3.Apply: w = M20 x + M21 y + M22; not positive gives NaN; affine matrices do not divide.
inline double2 apply(__global const double* m, double x, double y) {
    double w = m[6] * x + m[7] * y + m[8];
    if (!(w > 0)) return (double2)(NAN, NAN);
    double u = m[0] * x + m[1] * y + m[2], v = m[3] * x + m[4] * y + m[5];
    int affine = m[6] == 0 && m[7] == 0 && m[8] == 1;
    return affine ? (double2)(u, v) : (double2)(u / w, v / w);
}

// GeometryKernels.Warp: pixel (j, i) reads at inverse(j + 0.5, i + 0.5); the fill where that is not finite or a
// window (matrix of 9, width, height: 11 doubles each, after the inverse's 9) maps it outside itself.
#define WARP(NAME, T, SAMPLER, FROMF)                                                                        \
__kernel void NAME(__global const T* src, int sw, int sh, int ch, __global T* dst, int dw, int dh,          \
                   __global const double* m, int nwin, int interp, int border, __global const float* fill,  \
                   float lo, float hi) {                                                                     \
    int k = get_global_id(0);                                                                                \
    if (k >= dw * dh) return;                                                                                \
    int j = k % dw, i = k / dw;                                                                              \
    double2 uv = apply(m, j + 0.5, i + 0.5);                                                                 \
    __global T* px = dst + (long)k * ch;                                                                     \
    bool inside = isfinite(uv.x) && isfinite(uv.y);                                                          \
    for (int w = 0; inside && w < nwin; w++) {                                                               \
        __global const double* win = m + 9 + 11 * w;                                                         \
        double2 ab = apply(win, uv.x, uv.y);                                                                 \
        inside = ab.x >= 0 && ab.x < win[9] && ab.y >= 0 && ab.y < win[10];                                  \
    }                                                                                                        \
    if (!inside) { for (int c = 0; c < ch; c++) px[c] = FROMF(fill[c]); return; }                           \
    SAMPLER(src, sw, sh, ch, uv.x, uv.y, interp, border, fill, lo, hi, px);                                  \
}
WARP(warp_u8, uchar, sample_u8, byte_of)
WARP(warp_f32, float, sample_f32, float_of)

// GeometryKernels.Remap: pixel k reads at (mapX[k], mapY[k]) as doubles; not finite gives the fill.
#define REMAP(NAME, T, SAMPLER, FROMF)                                                                       \
__kernel void NAME(__global const T* src, int sw, int sh, int ch, __global T* dst, int dw, int dh,          \
                   __global const float* mx, __global const float* my, int interp, int border,              \
                   __global const float* fill, float lo, float hi) {                                         \
    int k = get_global_id(0);                                                                                \
    if (k >= dw * dh) return;                                                                                \
    double u = mx[k], v = my[k];                                                                             \
    __global T* px = dst + (long)k * ch;                                                                     \
    if (!isfinite(u) || !isfinite(v)) { for (int c = 0; c < ch; c++) px[c] = FROMF(fill[c]); return; }      \
    SAMPLER(src, sw, sh, ch, u, v, interp, border, fill, lo, hi, px);                                        \
}
REMAP(remap_u8, uchar, sample_u8, byte_of)
REMAP(remap_f32, float, sample_f32, float_of)

// Philox4x32.Generate: 10 rounds, Random123's multipliers and Weyl key increments.
inline uint4 philox(uint k0, uint k1, uint4 c) {
    for (int r = 0; r < 10; r++) {
        if (r > 0) { k0 += 0x9E3779B9u; k1 += 0xBB67AE85u; }
        uint hi0 = mul_hi(0xD2511F53u, c.x), lo0 = 0xD2511F53u * c.x;
        uint hi1 = mul_hi(0xCD9E8D57u, c.z), lo1 = 0xCD9E8D57u * c.z;
        c = (uint4)(hi1 ^ c.y ^ k0, lo1, hi0 ^ c.w ^ k1, lo0);
    }
    return c;
}
// Philox4x32.ToUnitDouble: 53 bits from two words.
inline double unit_double(uint a, uint b) {
    return (double)(((ulong)(a >> 5) << 26) + (b >> 6)) * (1.0 / 9007199254740992.0);
}
// The counter of block j (NoiseKernels' class remarks).
inline uint4 block_counter(long j, uint s0, uint s1) { return (uint4)((uint)j, 0x80000000u | (uint)(j >> 32), s0, s1); }

// NoiseKernels.NormalPair: Box-Muller in double.
inline double2 normal_pair(uint k0, uint k1, uint s0, uint s1, long j) {
    uint4 b = philox(k0, k1, block_counter(j, s0, s1));
    double u1 = (double)((((ulong)(b.x >> 5) << 26) + (b.y >> 6)) + 1) * (1.0 / 9007199254740992.0);
    double u2 = unit_double(b.z, b.w);
    double r = sqrt(-2.0 * log(u1)), theta = 2.0 * M_PI * u2;
    return (double2)(r * cos(theta), r * sin(theta));
}

// NoiseKernels.AddGaussian: one work item per block (samples 2j and 2j + 1).
__kernel void gauss_u8(__global const uchar* src, __global uchar* dst, double sd, uint k0, uint k1, uint s0, uint s1, int n) {
    int j = get_global_id(0);
    int i = 2 * j;
    if (i >= n) return;
    double2 z = normal_pair(k0, k1, s0, s1, j);
    dst[i] = (uchar)clamp(rint((double)src[i] + sd * z.x), 0.0, 255.0);
    if (i + 1 < n) dst[i + 1] = (uchar)clamp(rint((double)src[i + 1] + sd * z.y), 0.0, 255.0);
}
__kernel void gauss_f32(__global const float* src, __global float* dst, double sd, float lo, float hi,
                        uint k0, uint k1, uint s0, uint s1, int n) {
    int j = get_global_id(0);
    int i = 2 * j;
    if (i >= n) return;
    double2 z = normal_pair(k0, k1, s0, s1, j);
    dst[i] = net_min(net_max((float)((double)src[i] + sd * z.x), lo), hi);
    if (i + 1 < n) dst[i + 1] = net_min(net_max((float)((double)src[i + 1] + sd * z.y), lo), hi);
}

// NoiseKernels.UniformAt.
inline double uniform_at(uint k0, uint k1, uint s0, uint s1, long index) {
    uint4 b = philox(k0, k1, block_counter(index >> 1, s0, s1));
    return (index & 1) == 0 ? unit_double(b.x, b.y) : unit_double(b.z, b.w);
}

// NoiseKernels.MultiplyUniform: m = low + u * (high - low), per sample or per pixel.
__kernel void mul_u8(__global const uchar* src, __global uchar* dst, int ch, double low, double high, int per_channel,
                     uint k0, uint k1, uint s0, uint s1, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    double m = low + uniform_at(k0, k1, s0, s1, per_channel ? i : i / ch) * (high - low);
    dst[i] = (uchar)clamp(rint((double)src[i] * m), 0.0, 255.0);
}
__kernel void mul_f32(__global const float* src, __global float* dst, int ch, double low, double high, int per_channel,
                      float lo, float hi, uint k0, uint k1, uint s0, uint s1, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    double m = low + uniform_at(k0, k1, s0, s1, per_channel ? i : i / ch) * (high - low);
    dst[i] = net_min(net_max((float)((double)src[i] * m), lo), hi);
}

// NoiseKernels.SaltAndPepper: pixel p reads block p (counter (p, 0x80000000, s0, s1)).
#define SALT(NAME, T)                                                                                        \
__kernel void NAME(__global const T* src, __global T* dst, int ch, double amount, double salt_ratio, T salt, \
                   T pepper, uint k0, uint k1, uint s0, uint s1, int pixels) {                               \
    int p = get_global_id(0);                                                                                \
    if (p >= pixels) return;                                                                                 \
    uint4 b = philox(k0, k1, (uint4)((uint)p, 0x80000000u, s0, s1));                                        \
    int o = p * ch;                                                                                          \
    if (unit_double(b.x, b.y) < amount) {                                                                    \
        T v = unit_double(b.z, b.w) < salt_ratio ? salt : pepper;                                            \
        for (int c = 0; c < ch; c++) dst[o + c] = v;                                                         \
    } else { for (int c = 0; c < ch; c++) dst[o + c] = src[o + c]; }                                         \
}
SALT(salt_u8, uchar)
SALT(salt_f32, float)

#endif

// tables_u8 over a batch of images of one shape, one launch: image b = get_global_id(1) reads src + b * n and its own
// tables (tables + b * ch * 256), and writes dst + b * n. The same lookup as tables_u8, image by image.
__kernel void tables_u8_batch(__global const uchar* src, __global uchar* dst, __global const uchar* tables, int ch, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    long at = (long)get_global_id(1) * n + i;
    dst[at] = tables[((long)get_global_id(1) * ch + i % ch) * 256 + src[at]];
}
