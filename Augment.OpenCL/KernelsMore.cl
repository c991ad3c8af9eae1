// More of Augment's OpenCL kernels, built into the same program after Kernels.cl (DeviceState concatenates the two, so
// the helpers there, reflect101, net_min, net_max and rint rounding, are in scope and FP_CONTRACT is off here too).
// Each kernel names the C# method whose results it reproduces bit for bit.

// ------------------------------------------------------------------ fixed-point separable filter on bytes

// FilterKernels.SeparableFilterFixedReference, row pass: h = sum over t of kx[t] * src(y, reflect101(x - ax + t)) in
// uint (ax = klen / 2), then (h + 128) >> 8 when the row weights have 16 fraction bits. The weights sum to 2^xbits, so
// h fits a ushort either way (at most 255 * 2^8).
__kernel void sepfix_h_u8(__global const uchar* src, __global ushort* tmp, __global const int* kx, int klen, int xbits,
                          int width, int height, int ch) {
    int i = get_global_id(0);
    if (i >= width * height * ch) return;
    int c = i % ch, x = i / ch % width, y = i / ch / width;
    int ax = klen / 2;
    uint h = 0;
    for (int t = 0; t < klen; t++) {
        int q = reflect101(x - ax + t, width);
        h += (uint)kx[t] * (uint)src[(y * width + q) * ch + c];
    }
    if (xbits == 16) h = (h + 128u) >> 8;
    tmp[i] = (ushort)h;
}

// Column pass: v = sum over t of ky[t] * h(reflect101(y - ay + t), x) in uint (16-bit weights summing to 2^16), and the
// byte is (v + 2^23) >> 24: round half up.
__kernel void sepfix_v_u8(__global const ushort* tmp, __global uchar* dst, __global const int* ky, int klen,
                          int width, int height, int ch) {
    int i = get_global_id(0);
    if (i >= width * height * ch) return;
    int c = i % ch, x = i / ch % width, y = i / ch / width;
    int ay = klen / 2;
    uint v = 0;
    for (int t = 0; t < klen; t++) {
        int r = reflect101(y - ay + t, height);
        v += (uint)ky[t] * (uint)tmp[(r * width + x) * ch + c];
    }
    dst[i] = (uchar)((v + (1u << 23)) >> 24);
}

// ------------------------------------------------------------------ median

// FilterKernels.MedianFilter on bytes: the value at index size*size/2 of the sorted size x size window (border
// replicate, Math.Clamp of the coordinates). Found without sorting, bit by bit from the top: the answer is the largest
// v with fewer than m + 1 window values below it (m = size*size/2), which is exactly sorted[m].
__kernel void median_u8(__global const uchar* src, __global uchar* dst, int size, int width, int height, int ch) {
    int i = get_global_id(0);
    if (i >= width * height * ch) return;
    int c = i % ch, x = i / ch % width, y = i / ch / width;
    int r = size / 2, m = size * size / 2;
    int v = 0;
    for (int bit = 7; bit >= 0; bit--) {
        int cand = v | (1 << bit);
        int below = 0;
        for (int dy = -r; dy <= r; dy++) {
            int yy = clamp(y + dy, 0, height - 1);
            for (int dx = -r; dx <= r; dx++) {
                int xx = clamp(x + dx, 0, width - 1);
                below += src[(yy * width + xx) * ch + c] < cand ? 1 : 0;
            }
        }
        if (below <= m) v = cand;
    }
    dst[i] = (uchar)v;
}

// ------------------------------------------------------------------ batch ops' images

// GeometryKernels.Mix (bytes): MathF.Min(MathF.Max(MathF.Round(lambda * a + mu * b), 0), 255) with mu = 1 - lambda
// computed on the host in float32, products and sum in float32 without contraction.
__kernel void mix_u8(__global const uchar* a, __global const uchar* b, __global uchar* dst, float lambda, float mu, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    float y = lambda * (float)a[i] + mu * (float)b[i];
    dst[i] = byte_minmax(y);
}

// GeometryKernels.Mix (floats): MathF.Min(MathF.Max(lambda * a + mu * b, min), max).
__kernel void mix_f32(__global const float* a, __global const float* b, __global float* dst, float lambda, float mu,
                      float lo, float hi, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    dst[i] = net_min(net_max(lambda * a[i] + mu * b[i], lo), hi);
}

// CutMix (GeometryKernels.PasteRect into a copy of image 0) and Mosaic (BatchKernels.CopyRect per quadrant), as one
// gather: every output pixel copies the pixel of the image whose rectangle holds it. rects holds, per rectangle q <
// count, the image (0 to 3), dstX, dstY, srcX, srcY, width, height; a later rectangle wins where two overlap (as the
// later copy does on the CPU). A pixel no rectangle holds keeps image 0's own pixel (the CutMix copy).
#define GATHER(NAME, T)                                                                                      \
__kernel void NAME(__global const T* i0, __global const T* i1, __global const T* i2, __global const T* i3,  \
                   __global T* dst, __global const int* rects, int count, int width, int height, int ch) {   \
    int p = get_global_id(0);                                                                                \
    if (p >= width * height) return;                                                                         \
    int x = p % width, y = p / width;                                                                        \
    int k = 0, sx = x, sy = y;                                                                               \
    for (int q = 0; q < count; q++) {                                                                        \
        __global const int* r = rects + 7 * q;                                                               \
        if (x >= r[1] && x < r[1] + r[5] && y >= r[2] && y < r[2] + r[6]) {                                  \
            k = r[0]; sx = r[3] + (x - r[1]); sy = r[4] + (y - r[2]);                                        \
        }                                                                                                    \
    }                                                                                                        \
    __global const T* s = k == 0 ? i0 : k == 1 ? i1 : k == 2 ? i2 : i3;                                      \
    for (int c = 0; c < ch; c++) dst[p * ch + c] = s[(sy * width + sx) * ch + c];                            \
}
GATHER(gather_u8, uchar)
GATHER(gather_f32, float)
