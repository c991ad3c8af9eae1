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

// ------------------------------------------------------------------ type conversions

// ColourKernels.AffineToFloat: MathF.Min(MathF.Max((x - sub[c]) * scale[c] + add[c], lo), hi) from bytes. (Float to
// float is PixelKernels.ChannelAffine, Kernels.cl's affine_f32.)
inline float coef(float4 v, int c) { return c == 0 ? v.x : c == 1 ? v.y : c == 2 ? v.z : v.w; }
__kernel void conv_u8_f32(__global const uchar* src, __global float* dst, float4 sub, float4 scale, float4 add,
                          int ch, float lo, float hi, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    int c = i % ch;
    float y = ((float)src[i] - coef(sub, c)) * coef(scale, c) + coef(add, c);
    dst[i] = net_min(net_max(y, lo), hi);
}

// ColourKernels.AffineToByte: MathF.Min(MathF.Max(MathF.Round((x - sub[c]) * scale[c] + add[c]), 0), 255).
__kernel void conv_f32_u8(__global const float* src, __global uchar* dst, float4 sub, float4 scale, float4 add, int ch, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    int c = i % ch;
    dst[i] = byte_minmax((src[i] - coef(sub, c)) * coef(scale, c) + coef(add, c));
}

// ------------------------------------------------------------------ colour matrices

// ColourKernels.ColourMatrix: out_k = m[3k] R + m[3k+1] G + m[3k+2] B, left to right in float32; bytes round half to
// even and saturate; floats are taken relative to lo, clamped to [lo, hi]; alpha copied.
__kernel void cmatrix_u8(__global const uchar* src, __global uchar* dst, __global const float* m, int ch, int pixels) {
    int p = get_global_id(0);
    if (p >= pixels) return;
    int o = p * ch;
    float r = src[o], g = src[o + 1], b = src[o + 2];
    for (int k = 0; k < 3; k++) dst[o + k] = byte_minmax(m[3 * k] * r + m[3 * k + 1] * g + m[3 * k + 2] * b);
    if (ch == 4) dst[o + 3] = src[o + 3];
}
__kernel void cmatrix_f32(__global const float* src, __global float* dst, __global const float* m, int ch, float lo, float hi, int pixels) {
    int p = get_global_id(0);
    if (p >= pixels) return;
    int o = p * ch;
    float r = src[o] - lo, g = src[o + 1] - lo, b = src[o + 2] - lo;
    for (int k = 0; k < 3; k++) dst[o + k] = net_min(net_max(m[3 * k] * r + m[3 * k + 1] * g + m[3 * k + 2] * b + lo, lo), hi);
    if (ch == 4) dst[o + 3] = src[o + 3];
}

// ------------------------------------------------------------------ HSV (tf.image): fp64 for the divisions and offsets

#ifdef cl_khr_fp64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable

// Float32 division as .NET's: OpenCL C's float division need not be correctly rounded (2.5 ulp), double division is;
// and a double quotient of two floats rounded to float is the correctly rounded float quotient (53 >= 2 * 24 + 2).
inline float div_f(float a, float b) { return (float)((double)a / (double)b); }

// ColourKernels.RgbToHsv (TensorFlow's rgb_to_hsv), the offsets 2/6 and 4/6 added in double.
inline void rgb_to_hsv(float r, float g, float b, float* h, float* s, float* v) {
    float vv = net_max(r, net_max(g, b));
    float range = vv - net_min(r, net_min(g, b));
    *s = vv > 0 ? div_f(range, vv) : 0.0f;
    float norm = div_f(1.0f, 6.0f * range);
    float hh;
    if (r == vv) hh = norm * (g - b);
    else if (g == vv) hh = (float)((double)(norm * (b - r)) + 2.0 / 6.0);
    else hh = (float)((double)(norm * (r - g)) + 4.0 / 6.0);
    if (range <= 0.0f) hh = 0.0f;
    if (hh < 0.0f) hh += 1.0f;
    *v = vv;
    *h = hh;
}

// ColourKernels.HsvToRgb (TensorFlow's hsv_to_rgb).
inline void hsv_to_rgb(float h, float s, float v, float* r, float* g, float* b) {
    float c = s * v;
    float m = v - c;
    float dh = h * 6;
    int category = (int)dh;
    float fmodu = dh;
    while (fmodu <= 0) fmodu += 2.0f;
    while (fmodu >= 2.0f) fmodu -= 2.0f;
    float x = c * (1 - fabs(fmodu - 1));
    float rr, gg, bb;
    switch (category) {
        case 0: rr = c; gg = x; bb = 0; break;
        case 1: rr = x; gg = c; bb = 0; break;
        case 2: rr = 0; gg = c; bb = x; break;
        case 3: rr = 0; gg = x; bb = c; break;
        case 4: rr = x; gg = 0; bb = c; break;
        case 5: rr = c; gg = 0; bb = x; break;
        default: rr = 0; gg = 0; bb = 0; break;
    }
    *r = rr + m;
    *g = gg + m;
    *b = bb + m;
}

// ColourKernels.Saturate: s = MathF.Min(1, MathF.Max(0, s * factor)).
inline void saturate(float r, float g, float b, float factor, float* ro, float* go, float* bo) {
    float h, s, v;
    rgb_to_hsv(r, g, b, &h, &s, &v);
    s = net_min(1.0f, net_max(0.0f, s * factor));
    hsv_to_rgb(h, s, v, ro, go, bo);
}

// ColourKernels.RgbToHueRange and HueRangeToRgb (TensorFlow's adjust_hue_op.cc), and ColourKernels.Hue.
inline void hue_shift(float r, float g, float b, float d6, float* ro, float* go, float* bo) {
    float vMax, vMid, vMin;
    int category;
    if (r < g) {
        if (b < r) { vMax = g; vMid = r; vMin = b; category = 1; }
        else if (b > g) { vMax = b; vMid = g; vMin = r; category = 3; }
        else { vMax = g; vMid = b; vMin = r; category = 2; }
    } else {
        if (b < g) { vMax = r; vMid = g; vMin = b; category = 0; }
        else if (b > r) { vMax = b; vMid = r; vMin = g; category = 4; }
        else { vMax = r; vMid = b; vMin = g; category = 5; }
    }
    float h;
    if (vMax == vMin) h = 0;
    else {
        float ratio = div_f(vMid - vMin, vMax - vMin);
        h = category + ((category & 1) == 0 ? ratio : 1 - ratio);
    }
    h += d6;
    while (h < 0) h += 6;
    while (h >= 6) h -= 6;
    int cat = (int)h;
    float rat = h - cat;
    if ((cat & 1) != 0) rat = 1 - rat;
    float mid = vMin + rat * (vMax - vMin);
    switch (cat) {
        case 0: *ro = vMax; *go = mid; *bo = vMin; break;
        case 1: *ro = mid; *go = vMax; *bo = vMin; break;
        case 2: *ro = vMin; *go = vMax; *bo = mid; break;
        case 3: *ro = vMin; *go = mid; *bo = vMax; break;
        case 4: *ro = mid; *go = vMin; *bo = vMax; break;
        default: *ro = vMax; *go = vMin; *bo = mid; break;
    }
}

// ColourKernels.AdjustSaturation and AdjustHue: op 0 saturation (a = factor), op 1 hue (a = delta * 6, computed on the
// host in float32); bytes on 0-255 rounded half to even; floats relative to lo, clamped; alpha copied.
__kernel void hsv_u8(__global const uchar* src, __global uchar* dst, int op, float a, int ch, int pixels) {
    int p = get_global_id(0);
    if (p >= pixels) return;
    int o = p * ch;
    float r, g, b;
    if (op == 0) saturate(src[o], src[o + 1], src[o + 2], a, &r, &g, &b);
    else hue_shift(src[o], src[o + 1], src[o + 2], a, &r, &g, &b);
    dst[o] = byte_minmax(r); dst[o + 1] = byte_minmax(g); dst[o + 2] = byte_minmax(b);
    if (ch == 4) dst[o + 3] = src[o + 3];
}
__kernel void hsv_f32(__global const float* src, __global float* dst, int op, float a, int ch, float lo, float hi, int pixels) {
    int p = get_global_id(0);
    if (p >= pixels) return;
    int o = p * ch;
    float r, g, b;
    if (op == 0) saturate(src[o] - lo, src[o + 1] - lo, src[o + 2] - lo, a, &r, &g, &b);
    else hue_shift(src[o] - lo, src[o + 1] - lo, src[o + 2] - lo, a, &r, &g, &b);
    dst[o] = net_min(net_max(r + lo, lo), hi); dst[o + 1] = net_min(net_max(g + lo, lo), hi); dst[o + 2] = net_min(net_max(b + lo, lo), hi);
    if (ch == 4) dst[o + 3] = src[o + 3];
}

// ColourKernels.ToGray's per-pixel methods (Gray): 0 BT.601 weighted average, 1 (r + g + b) / 3 (an exact quotient),
// 2 MathF.Max of the three, 3 (max + min) * 0.5; bytes round half to even and saturate, floats clamp; alpha copied.
inline float gray_of(float r, float g, float b, int method) {
    if (method == 0) return LUMA_R * r + LUMA_G * g + LUMA_B * b;
    if (method == 1) return div_f(r + g + b, 3.0f);
    if (method == 2) return net_max(r, net_max(g, b));
    return (net_max(r, net_max(g, b)) + net_min(r, net_min(g, b))) * 0.5f;
}
__kernel void togray_u8(__global const uchar* src, __global uchar* dst, int method, int ch, int pixels) {
    int p = get_global_id(0);
    if (p >= pixels) return;
    int o = p * ch;
    uchar y = byte_minmax(gray_of(src[o], src[o + 1], src[o + 2], method));
    dst[o] = y; dst[o + 1] = y; dst[o + 2] = y;
    if (ch == 4) dst[o + 3] = src[o + 3];
}
__kernel void togray_f32(__global const float* src, __global float* dst, int method, int ch, float lo, float hi, int pixels) {
    int p = get_global_id(0);
    if (p >= pixels) return;
    int o = p * ch;
    float y = net_min(net_max(gray_of(src[o], src[o + 1], src[o + 2], method), lo), hi);
    dst[o] = y; dst[o + 1] = y; dst[o + 2] = y;
    if (ch == 4) dst[o + 3] = src[o + 3];
}

#endif

// ------------------------------------------------------------------ sharpness (PIL)

// ColourKernels.Sharpness: s = side * (the eight neighbours) + centre * x, summed row by row left to right (side and
// centre are 1f / 13f and 5f / 13f, computed on the host), then s + factor * (x - s); the border keeps its values.
#define SHARP(NAME, T, OUT)                                                                                  \
__kernel void NAME(__global const T* src, __global T* dst, float factor, float side, float centre,            \
                   int width, int height, int ch, float lo, float hi) {                                      \
    int i = get_global_id(0);                                                                                \
    if (i >= width * height * ch) return;                                                                    \
    int x = i / ch % width, y = i / ch / width, row = width * ch;                                            \
    if (y == 0 || x == 0 || y == height - 1 || x == width - 1) { dst[i] = src[i]; return; }                  \
    float s = side * src[i - row - ch] + side * src[i - row] + side * src[i - row + ch]                      \
            + side * src[i - ch] + centre * src[i] + side * src[i + ch]                                      \
            + side * src[i + row - ch] + side * src[i + row] + side * src[i + row + ch];                     \
    float v = s + factor * (src[i] - s);                                                                     \
    dst[i] = OUT;                                                                                            \
}
SHARP(sharp_u8, uchar, byte_minmax(v))
SHARP(sharp_f32, float, net_min(net_max(v, lo), hi))

// ------------------------------------------------------------------ occlusion

// OcclusionKernels.FillMarked: a pixel whose map byte is not 0 takes the fill in every channel, the rest are copied.
#define FILL(NAME, T)                                                                                        \
__kernel void NAME(__global const T* src, __global T* dst, __global const uchar* map, T fill, int ch, int pixels) { \
    int p = get_global_id(0);                                                                                \
    if (p >= pixels) return;                                                                                 \
    for (int c = 0; c < ch; c++) dst[p * ch + c] = map[p] != 0 ? fill : src[p * ch + c];                     \
}
FILL(fill_u8, uchar)
FILL(fill_f32, float)

// ------------------------------------------------------------------ channel shuffle, OpenCV's 8-bit HSV shifts

// ColourKernels.ChannelShuffle: output channel c of pixel i is input channel perm[c]; one work item per value. Bytes as
// uchar, float32 as uint (a copy of the bits).
__kernel void shuffle_u8(__global const uchar* src, __global uchar* dst, int4 perm, int ch, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    int c = i % ch;
    int p = c == 0 ? perm.x : c == 1 ? perm.y : c == 2 ? perm.z : perm.w;
    dst[i] = src[i - c + p];
}

__kernel void shuffle_u32(__global const uint* src, __global uint* dst, int4 perm, int ch, int n) {
    int i = get_global_id(0);
    if (i >= n) return;
    int c = i % ch;
    int p = c == 0 ? perm.x : c == 1 ? perm.y : c == 2 ? perm.z : perm.w;
    dst[i] = src[i - c + p];
}

// HsvKernels.ShiftHsv on bytes, 3 or 4 channels (one work item per pixel): OpenCV's RGB2HSV_b with the division tables
// t[0..255] (sdiv) and t[256..511] (hdiv for 180), the shift tables t[512..], t[768..], t[1024..] (HsvKernels.
// ShiftHsvTables), then HsvToRgb (OpenCV's HSV2RGB_native) in float32 with hscale = 6f / 180 and inv255 = 1f / 255 as the
// host computes them, and ToByte (round half to even, then MathF.Max 0, MathF.Min 255). Alpha is copied.
__kernel void hsvshift_u8(__global const uchar* src, __global uchar* dst, __global const int* t, int ch, float hscale,
                          float inv255, int pixels) {
    int i = get_global_id(0);
    if (i >= pixels) return;
    int o = i * ch;
    int r = src[o], g = src[o + 1], b = src[o + 2];
    int v = max(b, max(g, r)), vmin = min(b, min(g, r));
    int diff = v - vmin;
    int vr = v == r ? -1 : 0, vg = v == g ? -1 : 0;
    int s = (diff * t[v] + (1 << 11)) >> 12;
    int h = (vr & (g - b)) + (~vr & ((vg & (b - r + 2 * diff)) + (~vg & (r - g + 4 * diff))));
    h = (h * t[256 + diff] + (1 << 11)) >> 12;
    h += h < 0 ? 180 : 0;
    int h2 = t[512 + h], s2 = t[768 + s], v2 = t[1024 + v];
    float hf = (float)h2 * hscale, sf = (float)s2 * inv255, vf = (float)v2 * inv255;
    float rf, gf, bf;
    if (sf == 0.0f) { rf = gf = bf = vf; }
    else {
        if (hf < 0.0f) { do hf += 6.0f; while (hf < 0.0f); }
        else if (hf >= 6.0f) { do hf -= 6.0f; while (hf >= 6.0f); }
        int sector = (int)floor(hf);
        hf -= (float)sector;
        if ((uint)sector >= 6u) { sector = 0; hf = 0.0f; }
        float tab0 = vf;
        float tab1 = vf * (1.0f - sf);
        float tab2 = vf * (1.0f - sf * hf);
        float tab3 = vf * (1.0f - sf * (1.0f - hf));
        // OpenCV's sector_data: (b, g, r) indices into tab.
        switch (sector) {
            case 0: bf = tab1; gf = tab3; rf = tab0; break;
            case 1: bf = tab1; gf = tab0; rf = tab2; break;
            case 2: bf = tab3; gf = tab0; rf = tab1; break;
            case 3: bf = tab0; gf = tab2; rf = tab1; break;
            case 4: bf = tab0; gf = tab1; rf = tab3; break;
            default: bf = tab2; gf = tab1; rf = tab0; break;
        }
    }
    dst[o] = byte_minmax(rf * 255.0f);
    dst[o + 1] = byte_minmax(gf * 255.0f);
    dst[o + 2] = byte_minmax(bf * 255.0f);
    if (ch == 4) dst[o + 3] = src[o + 3];
}
