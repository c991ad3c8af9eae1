using Augment.Native;

namespace Augment.OpenCL;

// The kernels of KernelsMore.cl: byte blurs in fixed point, the byte median, and the image part of the batch ops
// (MixUp, CutMix, Mosaic) through IMixBackend. Each restates a CPU kernel bit for bit.
public sealed partial class OpenClBackend : IMixBackend
{
    // Image kernels whose descriptors Kernels.cl has no kernel for (RunKernel's default case).
    private bool RunKernelMore(string label, DeviceKernel dk, DevImage src, DevImage dst)
    {
        bool b = IsByte(src);
        switch (dk)
        {
            case DeviceKernel.SeparableFixed sf:
            {
                if (!b) return Declined(label, "a fixed-point blur of a float image (float images use the float32 filter)");
                if (sf.xBits is not (8 or 16)) throw new ArgumentException($"xBits is {sf.xBits}; expected 8 or 16.", "xBits");
                if (sf.kernelX.Length == 0 || sf.kernelY.Length == 0)
                    throw new ArgumentException($"kernelX has {sf.kernelX.Length} and kernelY {sf.kernelY.Length} weights; expected at least one each.", "kernelX");
                var s = Upload(src);
                var d = Output(dst);
                var tmp = _state.Rent(2L * src.Length);
                var kx = UploadArray(sf.kernelX);
                var ky = UploadArray(sf.kernelY);
                var h = _state.Kernel("sepfix_h_u8");
                uint a = 0;
                _state.Arg(h, a++, s); _state.Arg(h, a++, tmp); _state.Arg(h, a++, kx); _state.Arg(h, a++, sf.kernelX.Length); _state.Arg(h, a++, sf.xBits);
                _state.Arg(h, a++, src.Width); _state.Arg(h, a++, src.Height); _state.Arg(h, a, src.Channels);
                _state.Launch(h, src.Length);
                var v = _state.Kernel("sepfix_v_u8");
                a = 0;
                _state.Arg(v, a++, tmp); _state.Arg(v, a++, d); _state.Arg(v, a++, ky); _state.Arg(v, a++, sf.kernelY.Length);
                _state.Arg(v, a++, src.Width); _state.Arg(v, a++, src.Height); _state.Arg(v, a, src.Channels);
                _state.Launch(v, src.Length);
                Download(d, dst);
                return Ran(label + " fixed point");
            }
            case DeviceKernel.Median md:
            {
                // The float median sorts with float.CompareTo, whose order of -0 and +0 (equal) is the sort's choice: only
                // the byte median is exact by construction.
                if (!b) return Declined(label + " float", "the float median has no OpenCL kernel yet");
                if (md.size < 1 || md.size % 2 == 0 || md.size > Native.Kernels.FilterKernels.MaxMedianSize)
                    throw new ArgumentException($"size is {md.size}; expected an odd window size in [1, {Native.Kernels.FilterKernels.MaxMedianSize}].", "size");
                var k = _state.Kernel("median_u8");
                var s = Upload(src);
                var d = Output(dst);
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, md.size);
                _state.Arg(k, a++, src.Width); _state.Arg(k, a++, src.Height); _state.Arg(k, a, src.Channels);
                _state.Launch(k, src.Length);
                Download(d, dst);
                return Ran(label);
            }
            case DeviceKernel.Convert cv:
                return Convert(label, cv, src, dst);
            case DeviceKernel.ColourMatrix cm:
            {
                if (src.Channels is not (3 or 4)) return Declined(label, $"a colour matrix on a {src.Channels}-channel image");
                if (cm.matrix.Length != 9) throw new ArgumentException($"matrix has {cm.matrix.Length} coefficients; expected 9 (row-major 3x3).", "matrix");
                var k = _state.Kernel(b ? "cmatrix_u8" : "cmatrix_f32");
                var s = Upload(src);
                var d = Output(dst);
                var m = UploadArray(cm.matrix);
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, m); _state.Arg(k, a++, src.Channels);
                if (!b) { _state.Arg(k, a++, src.Range.Min); _state.Arg(k, a++, src.Range.Max); }
                _state.Arg(k, a, src.Width * src.Height);
                _state.Launch(k, (long)src.Width * src.Height);
                Download(d, dst);
                return Ran(label);
            }
            case DeviceKernel.Saturation sat:
                if (!(sat.factor >= 0f && float.IsFinite(sat.factor))) throw new ArgumentException($"factor is {sat.factor}; expected a finite factor >= 0.", "factor");
                return Hsv(label, 0, sat.factor, src, dst);
            case DeviceKernel.Hue hue:
                if (!(hue.delta >= -1f && hue.delta <= 1f)) throw new ArgumentException($"delta is {hue.delta}; expected a hue shift in [-1, 1] turns.", "delta");
                return Hsv(label, 1, hue.delta * 6, src, dst); // d6 = delta * 6 in float32, as ColourKernels.AdjustHue
            case DeviceKernel.FillMarked fm:
            {
                var map = fm.map.Value;
                if (map.Length != src.Width * src.Height)
                    throw new ArgumentException($"map has {map.Length} bytes; expected one per pixel ({src.Width * src.Height}).", "map");
                var k = _state.Kernel(b ? "fill_u8" : "fill_f32");
                var s = Upload(src);
                var d = Output(dst);
                var mm = UploadArray(map);
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, mm);
                // The op's run: bytes take (byte)MathF.Round(fill) of the fill clamped to the range.
                if (b) _state.Arg(k, a++, (byte)MathF.Round(fm.fill)); else _state.Arg(k, a++, fm.fill);
                _state.Arg(k, a++, src.Channels); _state.Arg(k, a, src.Width * src.Height);
                _state.Launch(k, (long)src.Width * src.Height);
                Download(d, dst);
                return Ran(label);
            }
            case DeviceKernel.ToGray tg:
            {
                int method = tg.method switch
                {
                    GrayMethod.WeightedAverage => 0, GrayMethod.Average => 1, GrayMethod.Max => 2, GrayMethod.Desaturation => 3, _ => -1,
                };
                if (method < 0) return Declined(label + " " + tg.method, "this gray method has no OpenCL kernel");
                if (src.Channels is not (3 or 4)) return Declined(label, $"gray of a {src.Channels}-channel image");
                if (!_state.Info.Fp64) return Declined(label, "the device has no double precision, which the exact float32 division uses");
                var k = _state.Kernel(b ? "togray_u8" : "togray_f32");
                var s = Upload(src);
                var d = Output(dst);
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, method); _state.Arg(k, a++, src.Channels);
                if (!b) { _state.Arg(k, a++, src.Range.Min); _state.Arg(k, a++, src.Range.Max); }
                _state.Arg(k, a, src.Width * src.Height);
                _state.Launch(k, (long)src.Width * src.Height);
                Download(d, dst);
                return Ran(label);
            }
            case DeviceKernel.Sharpness sh:
            {
                if (!float.IsFinite(sh.factor)) throw new ArgumentException($"factor is {sh.factor}; expected a finite number.", "factor");
                var k = _state.Kernel(b ? "sharp_u8" : "sharp_f32");
                var s = Upload(src);
                var d = Output(dst);
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, sh.factor);
                _state.Arg(k, a++, Native.Kernels.ColourKernels.SmoothSide); _state.Arg(k, a++, Native.Kernels.ColourKernels.SmoothCentre);
                _state.Arg(k, a++, src.Width); _state.Arg(k, a++, src.Height); _state.Arg(k, a++, src.Channels);
                _state.Arg(k, a++, b ? 0f : src.Range.Min); _state.Arg(k, a, b ? 255f : src.Range.Max);
                _state.Launch(k, src.Length);
                Download(d, dst);
                return Ran(label);
            }
            case DeviceKernel.ChannelShuffle cs:
            {
                var perm = cs.permutation;
                int ch = src.Channels;
                if (perm is null || perm.Length != ch)
                    throw new ArgumentException($"permutation has {perm?.Length ?? 0} entries; expected one per channel ({ch}).", "permutation");
                var seen = new bool[ch];
                foreach (int p in perm)
                {
                    if ((uint)p >= (uint)ch || seen[p])
                        throw new ArgumentException($"permutation is {string.Join(",", perm)}; expected a permutation of 0 .. {ch - 1}.", "permutation");
                    seen[p] = true;
                }
                var k = _state.Kernel(b ? "shuffle_u8" : "shuffle_u32");
                var s = Upload(src);
                var d = Output(dst);
                var p4 = new Int4 { X = perm[0], Y = ch > 1 ? perm[1] : 0, Z = ch > 2 ? perm[2] : 0, W = ch > 3 ? perm[3] : 0 };
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, p4); _state.Arg(k, a++, ch); _state.Arg(k, a, src.Length);
                _state.Launch(k, src.Length);
                Download(d, dst);
                return Ran(label);
            }
            case DeviceKernel.HsvShift hs:
            {
                if (!b) return Declined(label + " float", "the float HSV shift (OpenCV's RGB2HSV_f) has no OpenCL kernel yet");
                var t = new int[Native.Kernels.HsvKernels.ShiftHsvTableLength];
                Native.Kernels.HsvKernels.ShiftHsvTables(hs.hue, hs.saturation, hs.value, t); // checks the shifts
                var s = Upload(src);
                var d = Output(dst);
                if (src.Channels == 1)
                {
                    // ShiftHsv's one-channel case: the value table alone.
                    var lut = new byte[256];
                    for (int i = 0; i < 256; i++) lut[i] = (byte)t[1024 + i];
                    var kt = _state.Kernel("tables_u8");
                    var tm = UploadArray(lut);
                    _state.Arg(kt, 0, s); _state.Arg(kt, 1, d); _state.Arg(kt, 2, tm); _state.Arg(kt, 3, 1); _state.Arg(kt, 4, src.Length);
                    _state.Launch(kt, src.Length);
                    Download(d, dst);
                    return Ran(label);
                }
                if (src.Channels is not (3 or 4)) return Declined(label, $"an HSV shift on a {src.Channels}-channel image");
                var k = _state.Kernel("hsvshift_u8");
                var tt = UploadArray(t);
                int pixels = src.Width * src.Height;
                uint a = 0;
                _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, tt); _state.Arg(k, a++, src.Channels);
                _state.Arg(k, a++, 6f / 180); _state.Arg(k, a++, 1f / 255f); _state.Arg(k, a, pixels);
                _state.Launch(k, pixels);
                Download(d, dst);
                return Ran(label);
            }
            default:
                return RunKernelExtra(label, dk, src, dst);
        }
    }

    private static Float4 F4(float[] v) => new() { X = v.Length > 0 ? v[0] : 0, Y = v.Length > 1 ? v[1] : 0, Z = v.Length > 2 ? v[2] : 0, W = v.Length > 3 ? v[3] : 0 };

    private bool Convert(string label, DeviceKernel.Convert cv, DevImage src, DevImage dst)
    {
        int ch = src.Channels;
        if (cv.subtract.Length != ch || cv.scale.Length != ch || cv.add.Length != ch)
            throw new ArgumentException($"a conversion has {cv.subtract.Length}/{cv.scale.Length}/{cv.add.Length} coefficients; expected one per channel ({ch}).", "subtract");
        if (dst.Channels != ch || dst.Length != src.Length)
            throw new ArgumentException($"dst has {dst.Channels} channels and {dst.Length} samples; expected the source's {ch} and {src.Length}.", nameof(dst));
        bool sb = IsByte(src), db = IsByte(dst);
        if (sb && db) return Declined(label, "a byte-to-byte conversion (the planner gives none)");
        // Bytes to float: AffineToFloat; float to float: ChannelAffine (affine_f32); float to bytes: AffineToByte.
        var k = _state.Kernel(sb ? "conv_u8_f32" : db ? "conv_f32_u8" : "affine_f32");
        var s = Upload(src);
        var d = Output(dst);
        uint a = 0;
        _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, F4(cv.subtract)); _state.Arg(k, a++, F4(cv.scale)); _state.Arg(k, a++, F4(cv.add));
        _state.Arg(k, a++, ch);
        if (!db) { _state.Arg(k, a++, dst.Range.Min); _state.Arg(k, a++, dst.Range.Max); }
        _state.Arg(k, a, src.Length);
        _state.Launch(k, src.Length);
        Download(d, dst);
        return Ran(label);
    }

    private bool Hsv(string label, int op, float a0, DevImage src, DevImage dst)
    {
        if (src.Channels is not (3 or 4)) return Declined(label, $"HSV on a {src.Channels}-channel image");
        if (!_state.Info.Fp64) return Declined(label, "the device has no double precision, which the exact float32 divisions use");
        bool b = IsByte(src);
        var k = _state.Kernel(b ? "hsv_u8" : "hsv_f32");
        var s = Upload(src);
        var d = Output(dst);
        uint a = 0;
        _state.Arg(k, a++, s); _state.Arg(k, a++, d); _state.Arg(k, a++, op); _state.Arg(k, a++, a0); _state.Arg(k, a++, src.Channels);
        if (!b) { _state.Arg(k, a++, src.Range.Min); _state.Arg(k, a++, src.Range.Max); }
        _state.Arg(k, a, src.Width * src.Height);
        _state.Launch(k, (long)src.Width * src.Height);
        Download(d, dst);
        return Ran(label);
    }

    /// <summary>Runs the image part of a batch op (MixUp's blend, CutMix's paste, Mosaic's quadrants) on the device, with
    /// the CPU kernels' arithmetic (the same bits); the batch runner calls it through <c>Engine.mixImage</c>.</summary>
    public bool TryMix(DeviceMix mix, PixelBuffer self, PixelBuffer[] partners, PixelBuffer dst)
    {
        ArgumentNullException.ThrowIfNull(mix);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(dst);
        if (dst.Length != self.Length || dst.ElementType != self.ElementType)
            throw new ArgumentException($"dst holds {dst.Length} {dst.ElementType} samples; expected {self.Length} {self.ElementType} (self's).", nameof(dst));
        for (int i = 0; i < partners.Length; i++)
            if (partners[i].Length != self.Length || partners[i].ElementType != self.ElementType)
                throw new ArgumentException($"partners[{i}] holds {partners[i].Length} {partners[i].ElementType} samples; expected {self.Length} {self.ElementType} (self's).", nameof(partners));
        lock (_state.Lock)
        {
            try
            {
                return mix switch
                {
                    DeviceMix.Blend bl => Blend(bl.lambda, self, Partner(partners, 1, 0), dst),
                    DeviceMix.Paste p => Gather("mix paste", self, partners, dst,
                        [1, p.x0, p.y0, p.x0, p.y0, p.x1 - p.x0, p.y1 - p.y0], 1),
                    DeviceMix.Mosaic m => Gather("mix mosaic", self, partners, dst, MosaicRects(m.quadrants), 4),
                    _ => Declined("mix " + mix.Tag, "no OpenCL kernel"),
                };
            }
            finally
            {
                _state.ReturnAll();
            }
        }
    }

    private static PixelBuffer Partner(PixelBuffer[] partners, int needed, int i) =>
        partners.Length >= needed ? partners[i]
        : throw new ArgumentException($"partners has {partners.Length} images; expected at least {needed}.", nameof(partners));

    private static int[] MosaicRects(int[] q)
    {
        if (q.Length != 24) throw new ArgumentException($"quadrants has {q.Length} numbers; expected 24 (6 per quadrant).", "quadrants");
        var r = new int[28];
        for (int k = 0; k < 4; k++)
        {
            r[7 * k] = k;
            Array.Copy(q, 6 * k, r, 7 * k + 1, 6);
        }
        return r;
    }

    private bool Blend(float lambda, PixelBuffer a, PixelBuffer bb, PixelBuffer dst)
    {
        if (!(lambda >= 0f && lambda <= 1f)) throw new ArgumentException($"lambda is {lambda}; expected a number in [0, 1].", nameof(lambda));
        bool b = IsByte(a);
        float mu = 1f - lambda; // as GeometryKernels.Mix, in float32
        var k = _state.Kernel(b ? "mix_u8" : "mix_f32");
        var sa = Upload(a);
        var sb = Upload(bb);
        var d = Output(dst);
        uint i = 0;
        _state.Arg(k, i++, sa); _state.Arg(k, i++, sb); _state.Arg(k, i++, d); _state.Arg(k, i++, lambda); _state.Arg(k, i++, mu);
        if (!b) { _state.Arg(k, i++, a.Range.Min); _state.Arg(k, i++, a.Range.Max); }
        _state.Arg(k, i, a.Length);
        _state.Launch(k, a.Length);
        Download(d, dst);
        return Ran("mix blend");
    }

    // rects: per rectangle the image (0 self, k partner k - 1), dstX, dstY, srcX, srcY, width, height; each must lie in
    // the image (the CPU's PasteRect and CopyRect check the same).
    private bool Gather(string label, PixelBuffer self, PixelBuffer[] partners, PixelBuffer dst, int[] rects, int count)
    {
        int W = self.Width, H = self.Height;
        for (int q = 0; q < count; q++)
        {
            int img = rects[7 * q], dx = rects[7 * q + 1], dy = rects[7 * q + 2], sx = rects[7 * q + 3], sy = rects[7 * q + 4], w = rects[7 * q + 5], h = rects[7 * q + 6];
            if (w < 0 || h < 0 || dx < 0 || dy < 0 || sx < 0 || sy < 0 || dx + w > W || sx + w > W || dy + h > H || sy + h > H)
                throw new ArgumentException($"rectangle {q} ({w}x{h} from ({sx}, {sy}) to ({dx}, {dy})) leaves the {W}x{H} image.", "mix");
            if (img is < 0 or > 3) throw new ArgumentException($"rectangle {q} reads image {img}; expected 0 to 3.", "mix");
            if (img > 0) Partner(partners, img, img - 1);
        }
        bool b = IsByte(self);
        var k = _state.Kernel(b ? "gather_u8" : "gather_f32");
        var images = new nint[4];
        images[0] = Upload(self);
        for (int i = 1; i < 4; i++) images[i] = i - 1 < partners.Length && i <= MaxImage(rects, count) ? Upload(partners[i - 1]) : images[0];
        var d = Output(dst);
        var r = UploadArray(rects);
        uint a = 0;
        for (int i = 0; i < 4; i++) _state.Arg(k, a++, images[i]);
        _state.Arg(k, a++, d); _state.Arg(k, a++, r); _state.Arg(k, a++, count);
        _state.Arg(k, a++, W); _state.Arg(k, a++, H); _state.Arg(k, a, self.Channels);
        _state.Launch(k, (long)W * H);
        Download(d, dst);
        return Ran(label);
    }

    private static int MaxImage(int[] rects, int count)
    {
        int m = 0;
        for (int q = 0; q < count; q++) m = Math.Max(m, rects[7 * q]);
        return m;
    }
}

