using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Augment;
using Augment.Native;
using Microsoft.FSharp.Core;
using OpenCvSharp;
using SkiaSharp;
using AugPipeline = Augment.Aug;

/// <summary>
/// The quick bench's row for each op of the catalogue: a constant-parameter instance of ours, built for the image
/// size, and OpenCV's (and, where it does the same thing, Skia's) fastest call for the same job, with preallocated
/// outputs and constant tables, kernels and matrices built once outside the timed call.
/// </summary>
public static class QuickCases
{
    /// <summary>What a peer runs, how it is called, and where it is not the same operation.</summary>
    public sealed record Peer(Action Run, string Call, string? Note = null);

    /// <summary>One op's row: its catalogue name, our instance at a size and its description, the input it takes, and
    /// its peers given the parameters our run traced (null: no equivalent, <see cref="NoPeer"/> says why). Random ops
    /// draw with the first seed from 1 whose traced parameters <see cref="Accept"/> takes (so that a draw of the
    /// identity, a quarter turn of zero or an unchanged channel order, is not what gets timed).</summary>
    public sealed record Case(
        string Op,
        Func<int, AugPipeline> Build,
        Func<int, string> Describe,
        Func<Context, JsonNode?, Peer?> OpenCv,
        Func<Context, JsonNode?, Peer?>? Skia = null,
        string? NoPeer = null,
        bool Batch = false,
        bool FloatInput = false,
        Func<JsonNode?, bool>? Accept = null,
        bool WithBox = false)
    {
        /// <summary>The sample this case runs on: the photo, as float32 in [0, 1], or with one box in its middle.</summary>
        public FSharpSample Input(Context ctx) => FloatInput ? ctx.FloatSample : WithBox ? ctx.BoxSample : ctx.Sample;
    }

    /// <summary>The image at one size, as our sample, an OpenCV Mat and a Skia image, with the batch partners.</summary>
    public sealed class Context
    {
        /// <summary>The side of the square image.</summary>
        public readonly int Size;

        /// <summary>The photo with a 4-class label; the photo as float32 in [0, 1]; the photo with one box, the middle half.</summary>
        public readonly FSharpSample Sample, FloatSample, BoxSample;

        /// <summary>The photo and its three partners, labelled, for batch ops.</summary>
        public readonly FSharpSample[] Batch;

        /// <summary>The photo as OpenCV sees it: uint8 (RGB order), and float32 in [0, 1].</summary>
        public readonly Mat Src, SrcFloat;

        /// <summary>The partners as uint8 Mats: batch index i is <c>Partners[i - 1]</c>.</summary>
        public readonly Mat[] Partners;

        /// <summary>An RGBA8888 copy of the photo for Skia (alpha 255).</summary>
        public readonly SKImage SkSrc;

        /// <summary>The photo at one size (uint8 RGB, <paramref name="size"/> square), its OpenCV copy, and the partners
        /// already resized to the same size.</summary>
        public Context(int size, Image image, Mat src, Image[] partners)
        {
            Size = size;
            // A label, for LabelSmoothing; no op reads it otherwise.
            Sample = new FSharpSample(image, [1.0, 0.0, 0.0, 0.0], [], FSharpOption<Image>.None, []);
            FloatSample = AugModule.Apply(Ops.ToFloat32(0.0, 1.0), SeedModule.OfInt(1), Sample);
            BoxSample = new FSharpSample(image, [], [new Box(size / 4.0, size / 4.0, 3 * size / 4.0, 3 * size / 4.0, 0, 0)],
                                         FSharpOption<Image>.None, []);
            Src = src;
            SrcFloat = new Mat();
            src.ConvertTo(SrcFloat, MatType.CV_32FC3, 1.0 / 255.0);
            double[] label = [1.0, 0.0, 0.0, 0.0];
            Batch = new[] { image }.Concat(partners)
                .Select((im, i) => new FSharpSample(im, label.Skip(4 - i).Concat(label.Take(4 - i)).ToArray(), [],
                                                    FSharpOption<Image>.None, []))
                .ToArray();
            Partners = partners.Select(ToMat).ToArray();
            var rgba = new byte[size * size * 4];
            var rgb = image.Bytes;
            for (int i = 0, n = size * size; i < n; i++)
            {
                rgba[4 * i] = rgb[3 * i];
                rgba[4 * i + 1] = rgb[3 * i + 1];
                rgba[4 * i + 2] = rgb[3 * i + 2];
                rgba[4 * i + 3] = 255;
            }
            SkSrc = SKImage.FromPixelCopy(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque), rgba);
        }

        /// <summary>A Mat holding a copy of a uint8 image.</summary>
        public static Mat ToMat(Image image)
        {
            var m = new Mat(image.Height, image.Width, MatType.CV_8UC(image.Channels));
            Marshal.Copy(image.Bytes.ToArray(), 0, m.Data, image.Length);
            return m;
        }

        /// <summary>A preallocated uint8 Mat of <paramref name="channels"/> channels (default: the input's size).</summary>
        public Mat Dst(int channels = 3, int? width = null, int? height = null) =>
            new(height ?? Size, width ?? Size, MatType.CV_8UC(channels));

        /// <summary>The peer's output as the last peer built left it (see <see cref="Out"/>), or null.</summary>
        public Mat? Output { get; set; }

        /// <summary>As <see cref="Dst"/>, for the Mat the peer writes its result into: the bench compares it with ours.</summary>
        public Mat Out(int channels = 3, int? width = null, int? height = null) => Output = Dst(channels, width, height);

        /// <summary>A float32 output of the input's size.</summary>
        public Mat OutFloat() => Output = new Mat(Size, Size, MatType.CV_32FC3);
    }

    private static FSharpSampler C(double v) => SamplerModule.Constant(v);

    private static string Inv(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ peer helpers

    /// <summary>A 1 x 256 table for <c>Cv2.LUT</c>, one per channel when three functions are given.</summary>
    private static Mat Lut(params Func<int, double>[] f)
    {
        var t = new Mat(1, 256, MatType.CV_8UC(f.Length));
        for (int i = 0; i < 256; i++)
            for (int c = 0; c < f.Length; c++)
                Marshal.WriteByte(t.Data, i * f.Length + c, (byte)Math.Clamp(Math.Round(f[c](i), MidpointRounding.ToEven), 0, 255));
        return t;
    }

    /// <summary>A double Mat of the given rows.</summary>
    private static Mat Doubles(int rows, int cols, params double[] v)
    {
        var m = new Mat(rows, cols, MatType.CV_64FC1);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                m.Set(i, j, v[i * cols + j]);
        return m;
    }

    /// <summary>A float Mat of the given rows.</summary>
    private static Mat Floats(int rows, int cols, float[] v)
    {
        var m = new Mat(rows, cols, MatType.CV_32FC1);
        Marshal.Copy(v, 0, m.Data, v.Length);
        return m;
    }

    /// <summary>OpenCV's 2 x 3 matrix (pixel-centre coordinates) of our affine map (continuous coordinates, input to
    /// output): x_cv = x - 0.5 on both sides.</summary>
    private static Mat CvAffine(Matrix3 m)
    {
        var t = Matrix3.Translation(-0.5, -0.5) * m * Matrix3.Translation(0.5, 0.5);
        return Doubles(2, 3, t.M00, t.M01, t.M02, t.M10, t.M11, t.M12);
    }

    private static Mat CvPerspective(Matrix3 m)
    {
        var t = Matrix3.Translation(-0.5, -0.5) * m * Matrix3.Translation(0.5, 0.5);
        return Doubles(3, 3, t.M00, t.M01, t.M02, t.M10, t.M11, t.M12, t.M20, t.M21, t.M22);
    }

    private static Matrix3 ScaleAbout(double sx, double sy, double cx, double cy) =>
        Matrix3.Translation(cx, cy) * Matrix3.Scale(sx, sy) * Matrix3.Translation(-cx, -cy);

    private static AffineParams AffineOf(JsonNode? p) =>
        new(D(p, "Angle"), D(p, "Scale"), D(p, "ShearX"), D(p, "ShearY"), D(p, "TranslateX"), D(p, "TranslateY"),
            Interpolation.Bilinear, BorderMode.Reflect101, 0.0);

    private static Peer WarpAffine(Context x, Matrix3 m, InterpolationFlags interp, BorderTypes border, string what)
    {
        var dst = x.Out();
        var cm = CvAffine(m);
        return new Peer(() => Cv2.WarpAffine(x.Src, dst, cm, dst.Size(), interp, border, Scalar.All(0)),
                        $"WarpAffine({what}, {interp}, {border}), matrix built once");
    }

    private static Peer Roi(Context x, Rect r)
    {
        var dst = x.Out(3, r.Width, r.Height);
        return new Peer(() => { using var roi = new Mat(x.Src, r); roi.CopyTo(dst); }, $"ROI {r.Width}x{r.Height} at ({r.X}, {r.Y}) CopyTo");
    }

    private static int I(JsonNode? p, string name) =>
        p?[name]?.GetValue<int>() ?? throw new InvalidOperationException($"traced parameters {p?.ToJsonString()} have no integer '{name}'");

    private static double D(JsonNode? p, string name) =>
        p?[name]?.GetValue<double>() ?? throw new InvalidOperationException($"traced parameters {p?.ToJsonString()} have no number '{name}'");

    // Skia: draw the RGBA copy onto a preallocated bitmap through a matrix, a sampling and a paint.
    private static Peer SkDraw(Context x, int w, int h, SKMatrix m, SKSamplingOptions sampling, SKPaint? paint, string call)
    {
        var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var canvas = new SKCanvas(bitmap);
        paint ??= new SKPaint();
        paint.BlendMode = SKBlendMode.Src;
        return new Peer(() =>
        {
            canvas.SetMatrix(m);
            canvas.DrawImage(x.SkSrc, 0, 0, sampling, paint);
        }, call);
    }

    private static Peer SkMatrix(Context x, SKMatrix m, string what, bool linear = false) =>
        SkDraw(x, x.Size, x.Size, m, linear ? new SKSamplingOptions(SKFilterMode.Linear) : SKSamplingOptions.Default, null,
               $"SKCanvas.DrawImage through {what}{(linear ? ", linear sampling" : "")}");

    private static Peer SkColour(Context x, SKColorFilter f, string what) =>
        SkDraw(x, x.Size, x.Size, SKMatrix.Identity, SKSamplingOptions.Default, new SKPaint { ColorFilter = f }, $"SKCanvas.DrawImage with {what}");

    private static Peer SkTable(Context x, Func<int, double> f, string what)
    {
        var id = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var t = Enumerable.Range(0, 256).Select(i => (byte)Math.Clamp(Math.Round(f(i), MidpointRounding.ToEven), 0, 255)).ToArray();
        return SkColour(x, SKColorFilter.CreateTable(id, t, t, t), $"SKColorFilter.CreateTable ({what})");
    }

    /// <summary>Skia's 4 x 5 colour matrix of a 3 x 3 RGB map and an offset in values (Skia takes offsets in [0, 1]).</summary>
    private static SKColorFilter SkColourMatrix(double[] m3, double[] offset) =>
        SKColorFilter.CreateColorMatrix(
        [
            (float)m3[0], (float)m3[1], (float)m3[2], 0, (float)(offset[0] / 255),
            (float)m3[3], (float)m3[4], (float)m3[5], 0, (float)(offset[1] / 255),
            (float)m3[6], (float)m3[7], (float)m3[8], 0, (float)(offset[2] / 255),
            0, 0, 0, 1, 0,
        ]);

    private static readonly double[] Id3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

    // ------------------------------------------------------------------ the cases

    /// <summary>Every case, in catalogue order.</summary>
    public static List<Case> All() => [.. Geometric(), .. Remaps(), .. Colour(), .. BlurAndNoise(), .. Occlusion(), .. BatchOps(), .. PolicyOps()];

    // The ops the policies (RandAugment, AutoAugment, TrivialAugmentWide, AugMix) name, in their own units.
    private static IEnumerable<Case> PolicyOps()
    {
        yield return new("ShearX", _ => Ops.ShearX(C(0.3), Interpolation.Bilinear, BorderMode.Constant, 0.0),
            _ => "ShearX(0.3, Bilinear, Constant, 0)",
            (x, _) => WarpAffine(x, new Matrix3(1.0, -0.3, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0), InterpolationFlags.Linear, BorderTypes.Constant,
                                 "x' = x - 0.3 y about the top-left corner"));
        yield return new("ShearY", _ => Ops.ShearY(C(0.3), Interpolation.Bilinear, BorderMode.Constant, 0.0),
            _ => "ShearY(0.3, Bilinear, Constant, 0)",
            (x, _) => WarpAffine(x, new Matrix3(1.0, 0.0, 0.0, -0.3, 1.0, 0.0, 0.0, 0.0, 1.0), InterpolationFlags.Linear, BorderTypes.Constant,
                                 "y' = y - 0.3 x about the top-left corner"));
        yield return new("Shift", s => Ops.Shift(s / 10, s / 20, BorderMode.Constant, 0.0), s => $"Shift({s / 10}, {s / 20}, Constant, 0)",
            (x, _) => WarpAffine(x, new Matrix3(1.0, 0.0, x.Size / 10, 0.0, 1.0, x.Size / 20, 0.0, 0.0, 1.0), InterpolationFlags.Nearest,
                                 BorderTypes.Constant, "a whole-pixel translation, nearest"));
        yield return new("EnhanceBrightness", _ => Ops.EnhanceBrightness(C(1.3)), _ => "EnhanceBrightness(1.3)",
            (x, _) => { var d = x.Out(); return new Peer(() => x.Src.ConvertTo(d, MatType.CV_8UC3, 1.3, 0.0), "ConvertTo(alpha 1.3) (PIL: blend with black)"); });
        yield return new("EnhanceContrast", _ => Ops.EnhanceContrast(C(1.3)), _ => "EnhanceContrast(1.3)",
            (x, _) =>
            {
                var d = x.Out();
                var gray = new Mat();
                return new Peer(() =>
                {
                    Cv2.CvtColor(x.Src, gray, ColorConversionCodes.RGB2GRAY);
                    double m = Math.Floor(Cv2.Mean(gray).Val0 + 0.5);
                    x.Src.ConvertTo(d, MatType.CV_8UC3, 1.3, (1 - 1.3) * m);
                }, "CvtColor(RGB2GRAY) + Mean, then ConvertTo(alpha 1.3, beta -0.3 mean) (PIL: blend with the mean grey)");
            });
        yield return new("EnhanceColor", _ => Ops.EnhanceColor(C(1.5)), _ => "EnhanceColor(1.5)",
            (x, _) =>
            {
                var d = x.Out();
                double f = 1.5;
                double[] w = [0.299, 0.587, 0.114];
                var m = new Mat(3, 3, MatType.CV_32FC1);
                for (int r = 0; r < 3; r++)
                    for (int c = 0; c < 3; c++) m.Set(r, c, (float)((r == c ? f : 0.0) + (1 - f) * w[c]));
                return new Peer(() => Cv2.Transform(x.Src, d, m), "Transform with f I + (1 - f) luma rows (PIL: blend with the greyscale)");
            });
        yield return new("SolarizeAdd", _ => Ops.SolarizeAdd(C(0.1), C(0.5)), _ => "SolarizeAdd(0.1, 0.5)",
            (x, _) => LutPeer(x, "add 25.5 then invert at 127.5 and above (one table)", i =>
            {
                double v = Math.Clamp(i + 25.5, 0, 255);
                return v >= 127.5 ? 255 - v : v;
            }));
    }

    private static IEnumerable<Case> Geometric()
    {
        yield return new("FlipHorizontal", _ => Ops.FlipHorizontal, _ => "FlipHorizontal",
            (x, _) => { var d = x.Out(); return new Peer(() => Cv2.Flip(x.Src, d, FlipMode.Y), "Flip(Y)"); },
            (x, _) => SkMatrix(x, SKMatrix.CreateScale(-1, 1, x.Size / 2f, 0), "a mirror matrix"));
        yield return new("FlipVertical", _ => Ops.FlipVertical, _ => "FlipVertical",
            (x, _) => { var d = x.Out(); return new Peer(() => Cv2.Flip(x.Src, d, FlipMode.X), "Flip(X)"); },
            (x, _) => SkMatrix(x, SKMatrix.CreateScale(1, -1, 0, x.Size / 2f), "a mirror matrix"));
        yield return new("Rot90", _ => Ops.Rot90(1), _ => "Rot90(1)",
            (x, _) => { var d = x.Out(); return new Peer(() => Cv2.Rotate(x.Src, d, RotateFlags.Rotate90Counterclockwise), "Rotate(90 CCW)"); },
            (x, _) => SkMatrix(x, SKMatrix.CreateRotationDegrees(-90, x.Size / 2f, x.Size / 2f), "a quarter-turn matrix"));
        yield return new("RandomRot90", _ => Ops.RandomRot90, _ => "RandomRot90",
            (x, p) => QuarterTurns(x, I(p, "K")), Accept: p => I(p, "K") != 0);
        yield return new("RandomCrop", s => Ops.RandomCrop(3 * s / 4, 3 * s / 4), s => $"RandomCrop({3 * s / 4}, {3 * s / 4})",
            (x, p) => Roi(x, new Rect(I(p, "X"), I(p, "Y"), I(p, "Width"), I(p, "Height"))));
        yield return new("CentralCrop", _ => Ops.CentralCrop(0.8), _ => "CentralCrop(0.8)",
            (x, _) =>
            {
                // tf.image.central_crop's rectangle: start = int((n - n f) / 2), side = n - 2 start.
                int start = (int)((x.Size - x.Size * 0.8) / 2);
                return Roi(x, new Rect(start, start, x.Size - 2 * start, x.Size - 2 * start));
            });
        yield return new("Resize", s => Ops.Resize(s / 2, s / 2, Interpolation.Bilinear), s => $"Resize({s / 2}, {s / 2}, Bilinear)",
            (x, _) =>
            {
                var d = x.Out(3, x.Size / 2, x.Size / 2);
                return new Peer(() => Cv2.Resize(x.Src, d, d.Size(), 0, 0, InterpolationFlags.Linear), "Resize(Linear)");
            },
            (x, _) => SkDraw(x, x.Size / 2, x.Size / 2, SKMatrix.CreateScale(0.5f, 0.5f), new SKSamplingOptions(SKFilterMode.Linear), null,
                             "SKCanvas.DrawImage scaled by 0.5, linear sampling"));
        yield return new("Rotate", _ => Ops.Rotate(C(30), Interpolation.Bilinear, BorderMode.Constant, 0.0), _ => "Rotate(30, Bilinear, Constant, 0)",
            (x, _) => WarpAffine(x, Matrix3.Rotation(30, x.Size / 2.0, x.Size / 2.0), InterpolationFlags.Linear, BorderTypes.Constant, "30 degrees about the centre"),
            (x, _) => SkMatrix(x, SKMatrix.CreateRotationDegrees(-30, x.Size / 2f, x.Size / 2f), "a rotation matrix", linear: true));
        yield return new("Affine",
            _ => Ops.Affine(C(15), C(0.8), C(12), C(0), C(0.1), C(0.05), Interpolation.Bilinear, BorderMode.Reflect101, 0.0),
            _ => "Affine(15, 0.8, 12, 0, 0.1, 0.05, Bilinear, Reflect101)",
            (x, p) => WarpAffine(x, Ops.affineMatrix(AffineOf(p), x.Size, x.Size), InterpolationFlags.Linear, BorderTypes.Reflect101,
                                 "Ops.affineMatrix of the traced parameters"));
        yield return new("RandomResizedCrop", s => Ops.RandomResizedCrop(s, s, 0.3, 0.6, 0.75, 1.333, Interpolation.Bilinear),
            s => $"RandomResizedCrop({s}, {s}, 0.3, 0.6, 0.75, 1.333, Bilinear)",
            (x, p) => CropResize(x, p));
        yield return new("Transpose", _ => Ops.Transpose, _ => "Transpose",
            (x, _) => { var d = x.Out(); return new Peer(() => Cv2.Transpose(x.Src, d), "Transpose"); },
            (x, _) => SkMatrix(x, new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1), "a transposing matrix"));
        yield return new("D4", _ => Ops.D4, _ => "D4",
            (x, p) =>
            {
                // The drawn element: k quarter turns, then a transpose when it is one of the four reflections.
                var d = x.Out();
                var t = x.Dst();
                return I(p, "Element") switch
                {
                    4 => new Peer(() => Cv2.Flip(x.Src, d, FlipMode.X), "Flip(X) (element 4)"),
                    5 => new Peer(() => { Cv2.Transpose(x.Src, t); Cv2.Flip(t, d, FlipMode.XY); }, "Transpose + Flip(XY) (element 5: no single OpenCV call)"),
                    6 => new Peer(() => Cv2.Flip(x.Src, d, FlipMode.Y), "Flip(Y) (element 6)"),
                    7 => new Peer(() => Cv2.Transpose(x.Src, d), "Transpose (element 7)"),
                    var k => QuarterTurns(x, k),
                };
            }, Accept: p => I(p, "Element") != 0);
        yield return new("Perspective", _ => Ops.Perspective(C(0.08), false, Interpolation.Bilinear, BorderMode.Constant, 0.0),
            _ => "Perspective(0.08, false, Bilinear, Constant, 0)",
            (x, p) =>
            {
                var corners = p?["Corners"]?.AsArray().Select(v => v!.GetValue<double>()).ToArray()
                              ?? throw new InvalidOperationException($"no 'Corners' in {p?.ToJsonString()}");
                var m = CvPerspective(Ops.perspectiveMatrix(new PerspectiveParams(corners, false, Interpolation.Bilinear, BorderMode.Constant, 0.0), x.Size, x.Size));
                var d = x.Out();
                return new Peer(() => Cv2.WarpPerspective(x.Src, d, m, d.Size(), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0)),
                                "WarpPerspective(Linear, Constant) with Ops.perspectiveMatrix of the traced corners");
            },
            (x, _) =>
            {
                float s = x.Size;
                var m = SKMatrix.CreateIdentity();
                m.Persp0 = 0.08f / s;
                m.Persp1 = 0.04f / s;
                return SkMatrix(x, m, "a perspective matrix", linear: true);
            });
        yield return new("ShiftScaleRotate",
            _ => Ops.ShiftScaleRotate(C(0.08), C(-0.15), C(20), Interpolation.Bilinear, BorderMode.Reflect101, 0.0),
            _ => "ShiftScaleRotate(0.08, -0.15, 20, Bilinear, Reflect101)",
            (x, p) =>
            {
                double c = x.Size / 2.0;
                var m = Matrix3.Translation(D(p, "ShiftX") * x.Size, D(p, "ShiftY") * x.Size) * Matrix3.Rotation(D(p, "Angle"), c, c)
                        * ScaleAbout(D(p, "Scale"), D(p, "Scale"), c, c);
                return WarpAffine(x, m, InterpolationFlags.Linear, BorderTypes.Reflect101, "shift, turn and scale of the traced parameters");
            });
        yield return new("RandomRotation", _ => Ops.RandomRotation(C(-0.06), Interpolation.Bilinear, BorderMode.Replicate, 0.0),
            _ => "RandomRotation(-0.06, Bilinear, Replicate)",
            (x, p) => WarpAffine(x, Matrix3.Rotation(D(p, "Angle"), x.Size / 2.0, x.Size / 2.0), InterpolationFlags.Linear, BorderTypes.Replicate,
                                 "the traced angle about the centre"));
        yield return new("RandomZoom", _ => Ops.RandomZoom(C(-0.3), Interpolation.Bilinear, BorderMode.Constant, 0.0),
            _ => "RandomZoom(-0.3, Bilinear, Constant)",
            (x, p) => WarpAffine(x, ScaleAbout(1 / D(p, "ZoomX"), 1 / D(p, "ZoomY"), x.Size / 2.0, x.Size / 2.0), InterpolationFlags.Linear,
                                 BorderTypes.Constant, "the traced zoom about the centre"));
        yield return new("RandomTranslation", _ => Ops.RandomTranslation(C(0.15), C(-0.1), Interpolation.Bilinear, BorderMode.Constant, 0.0),
            _ => "RandomTranslation(0.15, -0.1, Bilinear, Constant)",
            (x, p) => WarpAffine(x, Matrix3.Translation(D(p, "DX"), D(p, "DY")), InterpolationFlags.Linear, BorderTypes.Constant,
                                 "the traced translation"));
        yield return new("RandomShear", _ => Ops.RandomShear(C(20), C(0), Interpolation.Bilinear, BorderMode.Constant, 0.0),
            _ => "RandomShear(20, 0, Bilinear, Constant)",
            (x, p) => WarpAffine(x, Ops.affineMatrix(new AffineParams(0, 1, D(p, "ShearX"), D(p, "ShearY"), 0, 0, Interpolation.Bilinear, BorderMode.Constant, 0),
                                                     x.Size, x.Size),
                                 InterpolationFlags.Linear, BorderTypes.Constant, "Ops.affineMatrix of the traced shear"),
            (x, _) => SkMatrix(x, SKMatrix.CreateSkew((float)Math.Tan(20 * Math.PI / 180), 0), "a shear matrix", linear: true));
        yield return new("RandomFlip", _ => Ops.RandomFlip(true, true), _ => "RandomFlip(true, true)",
            (x, p) => Flips(x, p), Accept: p => p?["Horizontal"]?.GetValue<bool>() == true || p?["Vertical"]?.GetValue<bool>() == true);
        yield return new("LongestMaxSize", s => Ops.LongestMaxSize(s / 2, Interpolation.Area), s => $"LongestMaxSize({s / 2}, Area)",
            (x, _) =>
            {
                var d = x.Out(3, x.Size / 2, x.Size / 2);
                return new Peer(() => Cv2.Resize(x.Src, d, d.Size(), 0, 0, InterpolationFlags.Area), "Resize(Area) to half");
            });
        yield return new("SmallestMaxSize", s => Ops.SmallestMaxSize(s / 2, Interpolation.Area), s => $"SmallestMaxSize({s / 2}, Area)",
            (x, _) =>
            {
                var d = x.Out(3, x.Size / 2, x.Size / 2);
                return new Peer(() => Cv2.Resize(x.Src, d, d.Size(), 0, 0, InterpolationFlags.Area), "Resize(Area) to half");
            });
        yield return new("Crop", s => Ops.Crop(s / 8, s / 8, 7 * s / 8, 7 * s / 8), s => $"Crop({s / 8}, {s / 8}, {7 * s / 8}, {7 * s / 8})",
            (x, _) => Roi(x, new Rect(x.Size / 8, x.Size / 8, 7 * x.Size / 8 - x.Size / 8, 7 * x.Size / 8 - x.Size / 8)),
            (x, _) => SkDraw(x, 7 * x.Size / 8 - x.Size / 8, 7 * x.Size / 8 - x.Size / 8, SKMatrix.CreateTranslation(-x.Size / 8, -x.Size / 8),
                             SKSamplingOptions.Default, null, "SKCanvas.DrawImage translated onto a smaller bitmap"));
        yield return new("Pad", s => Ops.Pad(s / 8, s / 8, s / 8, s / 8, BorderMode.Reflect101, 0.0), s => $"Pad({s / 8} each side, Reflect101)",
            (x, _) =>
            {
                int e = x.Size / 8;
                var d = x.Out(3, x.Size + 2 * e, x.Size + 2 * e);
                return new Peer(() => Cv2.CopyMakeBorder(x.Src, d, e, e, e, e, BorderTypes.Reflect101), "CopyMakeBorder(Reflect101)");
            });
        yield return new("PadIfNeeded", s => Ops.PadIfNeeded(s + s / 4, s + s / 8, BorderMode.Constant, 0.0),
            s => $"PadIfNeeded({s + s / 4}, {s + s / 8}, Constant, 0)",
            (x, _) =>
            {
                int dh = x.Size / 4, dw = x.Size / 8;
                var d = x.Out(3, x.Size + dw, x.Size + dh);
                return new Peer(() => Cv2.CopyMakeBorder(x.Src, d, dh / 2, dh - dh / 2, dw / 2, dw - dw / 2, BorderTypes.Constant, Scalar.All(0)),
                                "CopyMakeBorder(Constant)");
            });
        yield return new("ResizeWithCropOrPad", s => Ops.ResizeWithCropOrPad(3 * s / 4, s + s / 4), s => $"ResizeWithCropOrPad({3 * s / 4}, {s + s / 4})",
            (x, _) =>
            {
                int h = 3 * x.Size / 4, w = x.Size + x.Size / 4, top = (x.Size - h) / 2, pad = w - x.Size;
                var d = x.Out(3, w, h);
                var r = new Rect(0, top, x.Size, h);
                return new Peer(() => { using var roi = new Mat(x.Src, r); Cv2.CopyMakeBorder(roi, d, 0, 0, pad / 2, pad - pad / 2, BorderTypes.Constant, Scalar.All(0)); },
                                "ROI (crop rows) + CopyMakeBorder(Constant) (pad columns)");
            });
        yield return new("RandomSizedBBoxSafeCrop", s => Ops.RandomSizedBBoxSafeCrop(s, s, Interpolation.Bilinear),
            s => $"RandomSizedBBoxSafeCrop({s}, {s}, Bilinear) (one box, the middle half)",
            (x, p) => CropResize(x, p), WithBox: true);
        yield return new("CropNonEmptyMaskIfExists", s => Ops.CropNonEmptyMaskIfExists(3 * s / 4, 3 * s / 4),
            s => $"CropNonEmptyMaskIfExists({3 * s / 4}, {3 * s / 4}) (no mask: a random crop)",
            (x, p) => Roi(x, new Rect(I(p, "X"), I(p, "Y"), I(p, "Width"), I(p, "Height"))));
    }

    private static IEnumerable<Case> Colour()
    {
        yield return new("Brightness", _ => Ops.Brightness(C(0.1)), _ => "Brightness(0.1)",
            (x, _) => { var d = x.Out(); return new Peer(() => x.Src.ConvertTo(d, MatType.CV_8UC3, 1.0, 25.5), "ConvertTo(alpha 1, beta 25.5)"); },
            (x, _) => SkColour(x, SkColourMatrix(Id3, [25.5, 25.5, 25.5]), "a colour matrix adding 25.5"));
        yield return new("Contrast", _ => Ops.Contrast(C(1.3)), _ => "Contrast(1.3)",
            (x, _) =>
            {
                // tf.image.adjust_contrast: (x - mean_c) * 1.3 + mean_c per channel: Mean, then Transform with a 3 x 4
                // diagonal matrix whose offsets are set from the means (ConvertTo takes one offset for all channels).
                var d = x.Out();
                var m = Doubles(3, 4, 1.3, 0, 0, 0, 0, 1.3, 0, 0, 0, 0, 1.3, 0);
                return new Peer(() =>
                {
                    var mean = Cv2.Mean(x.Src);
                    m.Set(0, 3, -0.3 * mean.Val0);
                    m.Set(1, 3, -0.3 * mean.Val1);
                    m.Set(2, 3, -0.3 * mean.Val2);
                    Cv2.Transform(x.Src, d, m);
                }, "Mean + Transform(diagonal 1.3, offsets -0.3 mean_c)");
            });
        yield return new("Grayscale", _ => Ops.Grayscale, _ => "Grayscale (3 channels out)",
            (x, _) =>
            {
                var g = x.Dst(1);
                var d = x.Out();
                return new Peer(() => { Cv2.CvtColor(x.Src, g, ColorConversionCodes.RGB2GRAY); Cv2.CvtColor(g, d, ColorConversionCodes.GRAY2RGB); },
                                "CvtColor(RGB2GRAY) + CvtColor(GRAY2RGB) (3 channels out, as ours)");
            },
            (x, _) => SkColour(x, SkColourMatrix([0.299, 0.587, 0.114, 0.299, 0.587, 0.114, 0.299, 0.587, 0.114], [0, 0, 0]), "a BT.601 colour matrix"));
        yield return new("Invert", _ => Ops.Invert, _ => "Invert",
            (x, _) => { var d = x.Out(); return new Peer(() => Cv2.BitwiseNot(x.Src, d), "BitwiseNot"); },
            (x, _) => SkColour(x, SkColourMatrix([-1, 0, 0, 0, -1, 0, 0, 0, -1], [255, 255, 255]), "a colour matrix 255 - x"));
        // Solarize at 0.5 of the range: values >= 127.5, that is >= 128, become 255 - x.
        yield return new("Solarize", _ => Ops.Solarize(C(0.5)), _ => "Solarize(0.5)",
            (x, _) => LutPeer(x, "solarize at 128", i => i >= 128 ? 255 - i : i),
            (x, _) => SkTable(x, i => i >= 128 ? 255 - i : i, "solarize at 128"));
        yield return new("Posterize", _ => Ops.Posterize(4), _ => "Posterize(4)",
            (x, _) => LutPeer(x, "keep the top 4 bits", i => i & 0xF0),
            (x, _) => SkTable(x, i => i & 0xF0, "keep the top 4 bits"));
        yield return new("Gamma", _ => Ops.Gamma(C(0.8), 1.0), _ => "Gamma(0.8, 1)",
            (x, _) => LutPeer(x, "255 (x / 255)^0.8", i => 255 * Math.Pow(i / 255.0, 0.8)),
            (x, _) => SkTable(x, i => 255 * Math.Pow(i / 255.0, 0.8), "255 (x / 255)^0.8"));
        yield return new("Equalize", _ => Ops.Equalize, _ => "Equalize",
            (x, _) =>
            {
                var planes = Planes(x);
                var eq = Planes(x);
                var d = x.Out();
                return new Peer(() =>
                {
                    Split(x.Src, planes);
                    for (int c = 0; c < 3; c++) Cv2.EqualizeHist(planes[c], eq[c]);
                    Cv2.Merge(eq, d);
                }, "MixChannels (split) + EqualizeHist per channel + Merge", "OpenCV's equalisation rule, not Pillow's (the same work)");
            });
        yield return new("Saturation", _ => Ops.Saturation(C(2.0)), _ => "Saturation(2.0)",
            (x, _) => HsvLut(x, h => h, s => 2 * s, v => v, "S x 2"));
        yield return new("Hue", _ => Ops.Hue(C(0.3)), _ => "Hue(0.3)",
            (x, _) => HsvLut(x, h => (h + 54) % 180, s => s, v => v, "H + 54 of 180 (0.3 of a turn)"));
        yield return new("RGBShift", _ => Ops.RGBShift(C(40), C(-20), C(-40)), _ => "RGBShift(40, -20, -40)",
            (x, _) => LutPeer3(x, "add (40, -20, -40), saturating", i => i + 40, i => i - 20, i => i - 40),
            (x, _) => SkColour(x, SkColourMatrix(Id3, [40, -20, -40]), "a colour matrix adding (40, -20, -40)"));
        yield return new("ChannelShuffle", _ => Ops.ChannelShuffle, _ => "ChannelShuffle",
            (x, p) =>
            {
                var perm = Ints(p, "Permutation");
                var d = x.Out();
                // Output channel c takes input channel perm[c].
                int[] pairs = [perm[0], 0, perm[1], 1, perm[2], 2];
                return new Peer(() => Cv2.MixChannels([x.Src], [d], pairs), $"MixChannels({string.Join(" ", perm)})");
            },
            (x, p) =>
            {
                var perm = Ints(p, "Permutation");
                var m = new double[9];
                for (int c = 0; c < 3; c++) m[3 * c + perm[c]] = 1;
                return SkColour(x, SkColourMatrix(m, [0, 0, 0]), "a permutation colour matrix");
            }, Accept: p => !Ints(p, "Permutation").SequenceEqual([0, 1, 2]));
        yield return new("ChannelDropout", _ => Ops.ChannelDropout(1, 1, 0.0), _ => "ChannelDropout(1, 1, 0)",
            (x, p) =>
            {
                var dropped = Ints(p, "Dropped");
                Func<int, double> Keep(int c) => dropped.Contains(c) ? _ => 0 : i => i;
                return LutPeer3(x, $"channel {string.Join(" ", dropped)} to 0", Keep(0), Keep(1), Keep(2));
            });
        yield return new("ToGray", _ => Ops.ToGray(GrayMethod.Desaturation), _ => "ToGray(Desaturation) (3 channels out)",
            (x, _) =>
            {
                var planes = Planes(x);
                var hi = x.Dst(1);
                var lo = x.Dst(1);
                var g = x.Dst(1);
                var d = x.Out();
                return new Peer(() =>
                {
                    Split(x.Src, planes);
                    Cv2.Max(planes[0], planes[1], hi);
                    Cv2.Max(hi, planes[2], hi);
                    Cv2.Min(planes[0], planes[1], lo);
                    Cv2.Min(lo, planes[2], lo);
                    Cv2.AddWeighted(hi, 0.5, lo, 0.5, 0, g);
                    Cv2.CvtColor(g, d, ColorConversionCodes.GRAY2RGB);
                }, "split + 2 Max + 2 Min + AddWeighted + CvtColor(GRAY2RGB)", "OpenCV: no desaturation call; albumentations' uint8 path does these steps");
            });
        double[] sepia = [0.393, 0.769, 0.189, 0.349, 0.686, 0.168, 0.272, 0.534, 0.131];
        yield return new("ToSepia", _ => Ops.ToSepia, _ => "ToSepia",
            (x, _) =>
            {
                var d = x.Out();
                var m = Doubles(3, 3, sepia);
                return new Peer(() => Cv2.Transform(x.Src, d, m), "Transform(sepia 3 x 3)");
            },
            (x, _) => SkColour(x, SkColourMatrix(sepia, [0, 0, 0]), "the sepia colour matrix"));
        yield return new("AutoContrast", _ => Ops.AutoContrast, _ => "AutoContrast",
            (x, _) =>
            {
                var planes = Planes(x);
                var lut = new Mat(1, 256, MatType.CV_8UC3);
                var table = new byte[768];
                var d = x.Out();
                return new Peer(() =>
                {
                    Split(x.Src, planes);
                    for (int c = 0; c < 3; c++)
                    {
                        Cv2.MinMaxLoc(planes[c], out double lo, out double hi);
                        double scale = hi > lo ? 255.0 / (hi - lo) : 1, offset = hi > lo ? -lo * scale : 0;
                        for (int i = 0; i < 256; i++) table[3 * i + c] = (byte)Math.Clamp((int)(i * scale + offset), 0, 255);
                    }
                    Marshal.Copy(table, 0, lut.Data, 768);
                    Cv2.LUT(x.Src, lut, d);
                }, "split + MinMaxLoc per channel + a 3-channel LUT built per call", "Pillow's autocontrast (cutoff 0) reads a histogram; OpenCV: min and max per channel, the same table");
            });
        yield return new("Sharpness", _ => Ops.Sharpness(C(4.0)), _ => "Sharpness(4.0)",
            (x, _) =>
            {
                // PIL ImageEnhance.Sharpness: blend(smooth, image, f) with SMOOTH = [1 1 1; 1 5 1; 1 1 1] / 13; a blend of two
                // linear filters is one: f * identity + (1 - f) * smooth.
                const double f = 4.0;
                var k = new float[9];
                for (int i = 0; i < 9; i++) k[i] = (float)((1 - f) * (i == 4 ? 5.0 : 1.0) / 13 + (i == 4 ? f : 0));
                var kernel = Floats(3, 3, k);
                var d = x.Out();
                return new Peer(() => Cv2.Filter2D(x.Src, d, MatType.CV_8U, kernel, null, 0, BorderTypes.Reflect101),
                                "Filter2D(f identity + (1 - f) smooth, Reflect101)", "OpenCV filters the edge pixels too (PIL keeps them)");
            });
        yield return new("FancyPCA", _ => Ops.FancyPCA(0.5), _ => "FancyPCA(0.5)",
            (x, p) =>
            {
                var a = Doubles1(p, "Alpha");
                var shift = new double[3];
                for (int c = 0; c < 3; c++)
                    for (int k = 0; k < 3; k++) shift[c] += 255 * Ops.pcaEigenvectors[3 * c + k] * a[k] * Ops.pcaEigenvalues[k];
                return LutPeer3(x, $"add ({Inv(shift[0])}, {Inv(shift[1])}, {Inv(shift[2])})", i => i + shift[0], i => i + shift[1], i => i + shift[2]);
            });
        yield return new("RandomBrightnessContrast", _ => Ops.RandomBrightnessContrast(C(0.15), C(0.3)), _ => "RandomBrightnessContrast(0.15, 0.3)",
            (x, p) =>
            {
                double alpha = D(p, "Alpha"), beta = D(p, "Beta");
                var d = x.Out();
                return new Peer(() => x.Src.ConvertTo(d, MatType.CV_8UC3, alpha, beta * 255), $"ConvertTo(alpha {Inv(alpha)}, beta {Inv(beta * 255)})");
            },
            (x, p) => SkColour(x, SkColourMatrix([D(p, "Alpha"), 0, 0, 0, D(p, "Alpha"), 0, 0, 0, D(p, "Alpha")], [.. Enumerable.Repeat(D(p, "Beta") * 255, 3)]),
                               "a colour matrix alpha x + beta"));
        yield return new("ToFloat32", _ => Ops.ToFloat32(0.0, 1.0), _ => "ToFloat32(0, 1)",
            (x, _) =>
            {
                var d = x.OutFloat();
                return new Peer(() => x.Src.ConvertTo(d, MatType.CV_32FC3, 1 / 255.0), "ConvertTo(CV_32FC3, 1/255)");
            });
        yield return new("ToByte", _ => Ops.ToByte, _ => "ToByte (from a float32 [0, 1] image)",
            (x, _) =>
            {
                var d = x.Out();
                return new Peer(() => x.SrcFloat.ConvertTo(d, MatType.CV_8UC3, 255.0), "ConvertTo(CV_8UC3, 255) from float32");
            }, FloatInput: true);
        double[] mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225];
        yield return new("Normalize", _ => Ops.Normalize(mean, std), _ => "Normalize(ImageNet mean, std)",
            (x, _) =>
            {
                // A byte indexes a float table: (x / 255 - mean_c) / std_c, one LUT pass into float32.
                var lut = new Mat(1, 256, MatType.CV_32FC3);
                var t = new float[768];
                for (int i = 0; i < 256; i++)
                    for (int c = 0; c < 3; c++) t[3 * i + c] = (float)((i / 255.0 - mean[c]) / std[c]);
                Marshal.Copy(t, 0, lut.Data, 768);
                var d = x.OutFloat();
                return new Peer(() => Cv2.LUT(x.Src, lut, d), "LUT into float32 ((x / 255 - mean_c) / std_c)");
            });
        yield return new("Rescaling", _ => Ops.Rescaling(1.0 / 127.5, -1.0), _ => "Rescaling(1/127.5, -1)",
            (x, _) =>
            {
                var d = x.OutFloat();
                return new Peer(() => x.Src.ConvertTo(d, MatType.CV_32FC3, 1 / 127.5, -1), "ConvertTo(CV_32FC3, 1/127.5, -1)");
            });
        yield return new("CLAHE", _ => Ops.CLAHE(C(4.0), 8, 8), _ => "CLAHE(4, 8, 8) (each channel)",
            (x, _) =>
            {
                var clahe = Cv2.CreateCLAHE(4.0, new OpenCvSharp.Size(8, 8));
                var planes = Planes(x);
                var eq = Planes(x);
                var d = x.Out();
                return new Peer(() =>
                {
                    Split(x.Src, planes);
                    for (int c = 0; c < 3; c++) clahe.Apply(planes[c], eq[c]);
                    Cv2.Merge(eq, d);
                }, "split + CLAHE(4, 8x8).Apply per channel + Merge");
            });
        yield return new("ColorJitter", _ => Ops.ColorJitter(0.3, 0.3, 0.5, 0.1), _ => "ColorJitter(0.3, 0.3, 0.5, 0.1)",
            (x, p) => Jitter(x, Ints(p, "Order"), D(p, "Brightness"), D(p, "Contrast"), D(p, "Saturation"), D(p, "Hue")));
        yield return new("HueSaturationValue", _ => Ops.HueSaturationValue(C(30), C(40), C(0)), _ => "HueSaturationValue(30, 40, 0)",
            (x, p) =>
            {
                double h = D(p, "Hue"), sat = D(p, "Saturation"), v = D(p, "Value");
                // albumentations' uint8 path: RGB2HSV, a table per channel (hue mod 180, saturation and value added, clipped), back.
                return HsvLut(x, i => ((i + (int)h) % 180 + 180) % 180, i => i + sat, i => i + v, "H + hue mod 180, S + sat, V + val");
            });
        yield return new("PlanckianJitter", _ => Ops.PlanckianJitter(PlanckianMode.Blackbody), _ => "PlanckianJitter(Blackbody)",
            (x, p) =>
            {
                // kornia's blackbody row (R, G, B) of the traced index: R times R/G, B times B/G, as a table per channel.
                var row = Blackbody[I(p, "Index")];
                double r = row[0] / row[1], b = row[2] / row[1];
                return LutPeer3(x, $"gains ({Inv(r)}, 1, {Inv(b)})", i => r * i, i => i, i => b * i);
            });
    }

    /// <summary>The blackbody rows of kornia's <c>get_planckian_coeffs</c> (Zini et al., ICLR 2023), 3000 K to 15000 K.</summary>
    private static readonly float[][] Blackbody =
    [
        [0.6743f, 0.4029f, 0.0013f], [0.6281f, 0.4241f, 0.1665f], [0.5919f, 0.4372f, 0.2513f], [0.5623f, 0.4457f, 0.3154f],
        [0.5376f, 0.4515f, 0.3672f], [0.5163f, 0.4555f, 0.4103f], [0.4979f, 0.4584f, 0.4468f], [0.4816f, 0.4604f, 0.4782f],
        [0.4672f, 0.4619f, 0.5053f], [0.4542f, 0.4630f, 0.5289f], [0.4426f, 0.4638f, 0.5497f], [0.4320f, 0.4644f, 0.5681f],
        [0.4223f, 0.4648f, 0.5844f], [0.4135f, 0.4651f, 0.5990f], [0.4054f, 0.4653f, 0.6121f], [0.3980f, 0.4654f, 0.6239f],
        [0.3911f, 0.4655f, 0.6346f], [0.3847f, 0.4656f, 0.6444f], [0.3787f, 0.4656f, 0.6532f], [0.3732f, 0.4656f, 0.6613f],
        [0.3680f, 0.4655f, 0.6688f], [0.3632f, 0.4655f, 0.6756f], [0.3586f, 0.4655f, 0.6820f], [0.3544f, 0.4654f, 0.6878f],
        [0.3503f, 0.4653f, 0.6933f],
    ];

    private static Peer LutPeer(Context x, string what, Func<int, double> f)
    {
        var lut = Lut(f);
        var d = x.Out();
        return new Peer(() => Cv2.LUT(x.Src, lut, d), $"LUT ({what}), table built once");
    }

    private static Peer LutPeer3(Context x, string what, Func<int, double> r, Func<int, double> g, Func<int, double> b)
    {
        var lut = Lut(r, g, b);
        var d = x.Out();
        return new Peer(() => Cv2.LUT(x.Src, lut, d), $"LUT with a table per channel ({what}), built once");
    }

    /// <summary>OpenCV's 8-bit HSV (H in [0, 180)) through a table per channel: albumentations' uint8 path.</summary>
    private static Peer HsvLut(Context x, Func<int, double> h, Func<int, double> s, Func<int, double> v, string what)
    {
        var lut = Lut(h, s, v);
        var hsv = x.Dst();
        var shifted = x.Dst();
        var d = x.Out();
        return new Peer(() =>
        {
            Cv2.CvtColor(x.Src, hsv, ColorConversionCodes.RGB2HSV);
            Cv2.LUT(hsv, lut, shifted);
            Cv2.CvtColor(shifted, d, ColorConversionCodes.HSV2RGB);
        }, $"CvtColor(RGB2HSV) + LUT ({what}) + CvtColor(HSV2RGB)", "OpenCV's 8-bit HSV (as albumentations on uint8), ours TF's float HSV: the same job, not the same bits");
    }

    /// <summary>torchvision's ColorJitter on uint8 in OpenCV calls, in the drawn order: brightness (ConvertTo), contrast
    /// (gray mean + ConvertTo), saturation (gray + AddWeighted), hue (8-bit HSV + LUT).</summary>
    private static Peer Jitter(Context x, int[] order, double b, double c, double s, double h)
    {
        var t = x.Dst();
        var g = x.Dst(1);
        var g3 = x.Dst();
        var hsv = x.Dst();
        var lut = Lut(i => ((i + (int)Math.Round(h * 180)) % 180 + 180) % 180, i => i, i => i);
        var a = x.Out();
        return new Peer(() =>
        {
            x.Src.CopyTo(a);
            foreach (int k in order)
            {
                switch (k)
                {
                    case 0: a.ConvertTo(a, MatType.CV_8UC3, b, 0); break;
                    case 1:
                        Cv2.CvtColor(a, g, ColorConversionCodes.RGB2GRAY);
                        double m = Cv2.Mean(g).Val0;
                        a.ConvertTo(a, MatType.CV_8UC3, c, (1 - c) * m);
                        break;
                    case 2:
                        Cv2.CvtColor(a, g, ColorConversionCodes.RGB2GRAY);
                        Cv2.CvtColor(g, g3, ColorConversionCodes.GRAY2RGB);
                        Cv2.AddWeighted(a, s, g3, 1 - s, 0, t);
                        t.CopyTo(a);
                        break;
                    default:
                        Cv2.CvtColor(a, hsv, ColorConversionCodes.RGB2HSV);
                        Cv2.LUT(hsv, lut, hsv);
                        Cv2.CvtColor(hsv, a, ColorConversionCodes.HSV2RGB);
                        break;
                }
            }
        }, "in the drawn order: ConvertTo; CvtColor(GRAY) + Mean + ConvertTo; CvtColor(GRAY) + AddWeighted; RGB2HSV + LUT + HSV2RGB",
        "OpenCV calls for torchvision's four stages (8-bit HSV for hue): the same job, not the same bits");
    }

    private static Mat[] Planes(Context x) => [x.Dst(1), x.Dst(1), x.Dst(1)];

    /// <summary>Splits a 3-channel Mat into preallocated planes (Cv2.Split allocates its outputs).</summary>
    private static void Split(Mat src, Mat[] planes) => Cv2.MixChannels([src], planes, [0, 0, 1, 1, 2, 2]);

    private static int[] Ints(JsonNode? p, string name) =>
        p?[name]?.AsArray().Select(v => v!.GetValue<int>()).ToArray()
        ?? throw new InvalidOperationException($"traced parameters {p?.ToJsonString()} have no integer array '{name}'");

    private static double[] Doubles1(JsonNode? p, string name) =>
        p?[name]?.AsArray().Select(v => v!.GetValue<double>()).ToArray()
        ?? throw new InvalidOperationException($"traced parameters {p?.ToJsonString()} have no number array '{name}'");

    private static IEnumerable<Case> Remaps()
    {
        yield return new("ElasticTransform", _ => Ops.ElasticTransform(120.0, 8.0, Interpolation.Bilinear, BorderMode.Reflect101, 0.0),
            _ => "ElasticTransform(120, 8, Bilinear, Reflect101)",
            (x, p) =>
            {
                // albumentations' elastic_transform: uniform [-1, 1) fields, Gaussian-blurred (our kernel size for sigma),
                // scaled by alpha and added to the pixel grid, then one remap.
                double alpha = D(p, "Alpha"), sigma = D(p, "Sigma");
                int k = Ops.elasticKernelSize(sigma);
                var (gx, gy) = Grid(x.Size);
                Mat dx = new(x.Size, x.Size, MatType.CV_32FC1), dy = new(x.Size, x.Size, MatType.CV_32FC1);
                Mat mx = new(x.Size, x.Size, MatType.CV_32FC1), my = new(x.Size, x.Size, MatType.CV_32FC1);
                var d = x.Out();
                var ks = new OpenCvSharp.Size(k, k);
                return new Peer(() =>
                {
                    Cv2.Randu(dx, Scalar.All(-1), Scalar.All(1));
                    Cv2.Randu(dy, Scalar.All(-1), Scalar.All(1));
                    Cv2.GaussianBlur(dx, dx, ks, sigma, sigma, BorderTypes.Reflect101);
                    Cv2.GaussianBlur(dy, dy, ks, sigma, sigma, BorderTypes.Reflect101);
                    Cv2.ScaleAdd(dx, alpha, gx, mx);
                    Cv2.ScaleAdd(dy, alpha, gy, my);
                    Cv2.Remap(x.Src, d, mx, my, InterpolationFlags.Linear, BorderTypes.Reflect101);
                }, $"2 Randu + 2 GaussianBlur({k}x{k}, sigma {Inv(sigma)}) + 2 ScaleAdd + Remap(Linear, Reflect101)",
                "albumentations' OpenCV calls; OpenCV's random fields, not our Philox ones (the same work)");
            });
        yield return new("GridDistortion", _ => Ops.GridDistortion(5, SamplerModule.Uniform(-0.3, 0.3), Interpolation.Bilinear, BorderMode.Reflect101, 0.0),
            _ => "GridDistortion(5, U(-0.3, 0.3), Bilinear, Reflect101)",
            (x, p) =>
            {
                // albumentations tiles two 1-D coordinate vectors into maps, then remaps; the vectors depend on the drawn
                // steps alone, so they are built once (with ours: O(size)), and the timed call tiles and remaps.
                int n = I(p, "NumSteps");
                // Ours are continuous coordinates at pixel centres; OpenCV's remap takes pixel indices: minus 0.5.
                var xs = Ops.gridDistortionAxis(n, Doubles1(p, "XSteps"), x.Size).Select(v => v - 0.5f).ToArray();
                var ys = Ops.gridDistortionAxis(n, Doubles1(p, "YSteps"), x.Size).Select(v => v - 0.5f).ToArray();
                var row = Floats(1, x.Size, xs);
                var col = Floats(x.Size, 1, ys);
                Mat mx = new(x.Size, x.Size, MatType.CV_32FC1), my = new(x.Size, x.Size, MatType.CV_32FC1);
                var d = x.Out();
                return new Peer(() =>
                {
                    Cv2.Repeat(row, x.Size, 1, mx);
                    Cv2.Repeat(col, 1, x.Size, my);
                    Cv2.Remap(x.Src, d, mx, my, InterpolationFlags.Linear, BorderTypes.Reflect101);
                }, "2 Repeat (the maps from the axes) + Remap(Linear, Reflect101)");
            });
        yield return new("OpticalDistortion", _ => Ops.OpticalDistortion(C(0.5), C(10.0), Interpolation.Bilinear, BorderMode.Reflect101, 0.0),
            _ => "OpticalDistortion(0.5, 10, Bilinear, Reflect101)",
            (x, p) =>
            {
                // albumentations' (1.x) optical_distortion: camera matrix (fx = W, fy = H, centre shifted by (dx, dy)),
                // distortion (k, k, 0, 0, 0), initUndistortRectifyMap with no new camera matrix (OpenCV's default, centred), remap.
                double k = D(p, "K"), ddx = D(p, "DX"), ddy = D(p, "DY"), s = x.Size;
                var camera = Doubles(3, 3, s, 0, s / 2 + ddx, 0, s, s / 2 + ddy, 0, 0, 1);
                var dist = Doubles(1, 5, k, k, 0, 0, 0);
                Mat mx = new(x.Size, x.Size, MatType.CV_32FC1), my = new(x.Size, x.Size, MatType.CV_32FC1);
                var none = new Mat();
                var d = x.Out();
                return new Peer(() =>
                {
                    Cv2.InitUndistortRectifyMap(camera, dist, none, none, new OpenCvSharp.Size(x.Size, x.Size), MatType.CV_32FC1, mx, my);
                    Cv2.Remap(x.Src, d, mx, my, InterpolationFlags.Linear, BorderTypes.Reflect101);
                }, "InitUndistortRectifyMap(k, k, 0, 0, 0) + Remap(Linear, Reflect101)");
            });
    }

    /// <summary>The pixel grid: x and y of every pixel centre in OpenCV's coordinates.</summary>
    private static (Mat X, Mat Y) Grid(int size)
    {
        var gx = new float[size * size];
        var gy = new float[size * size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++) { gx[i * size + j] = j; gy[i * size + j] = i; }
        return (Floats(size, size, gx), Floats(size, size, gy));
    }

    private static IEnumerable<Case> BlurAndNoise()
    {
        yield return new("GaussianBlur", _ => Ops.GaussianBlur(C(3.0)), _ => "GaussianBlur(3.0)",
            (x, _) =>
            {
                var d = x.Out();
                return new Peer(() => Cv2.GaussianBlur(x.Src, d, new OpenCvSharp.Size(0, 0), 3.0, 3.0, BorderTypes.Reflect101),
                                "GaussianBlur(ksize (0, 0), sigma 3, Reflect101)");
            },
            (x, _) => SkDraw(x, x.Size, x.Size, SKMatrix.Identity, SKSamplingOptions.Default,
                             new SKPaint { ImageFilter = SKImageFilter.CreateBlur(3f, 3f, SKShaderTileMode.Mirror) },
                             "SKImageFilter.CreateBlur(3, 3, Mirror)") with { Note = "Skia: mirror (not reflect-101) edges, and its own kernel" });
        yield return new("BoxBlur", _ => Ops.BoxBlur(9), _ => "BoxBlur(9)",
            (x, _) =>
            {
                var d = x.Out();
                return new Peer(() => Cv2.Blur(x.Src, d, new OpenCvSharp.Size(9, 9), new OpenCvSharp.Point(-1, -1), BorderTypes.Reflect101),
                                "Blur(9x9, Reflect101)");
            });
        yield return new("MedianBlur", _ => Ops.MedianBlur(7), _ => "MedianBlur(7)",
            (x, _) => { var d = x.Out(); return new Peer(() => Cv2.MedianBlur(x.Src, d, 7), "MedianBlur(7)"); });
        yield return new("GaussianNoise", _ => Ops.GaussianNoise(C(0.08)), _ => "GaussianNoise(0.08)",
            (x, _) =>
            {
                var noise = new Mat(x.Size, x.Size, MatType.CV_16SC3);
                var d = x.Out();
                return new Peer(() =>
                {
                    Cv2.Randn(noise, Scalar.All(0), Scalar.All(0.08 * 255));
                    Cv2.Add(x.Src, noise, d, null, (int)MatType.CV_8U); // dtype: uint8 out of uint8 + int16
                }, "Randn(int16, sigma 20.4) + Add (saturating)", "OpenCV: cv2.randn + add, not the same bits (ours: Philox noise per element)");
            });
        yield return new("ImageCompression", _ => Ops.ImageCompression(CompressionType.Jpeg, 75, 75), _ => "ImageCompression(Jpeg, 75, 75)",
            (x, _) =>
            {
                var prms = new[] { new ImageEncodingParam(ImwriteFlags.JpegQuality, 75) };
                return new Peer(() =>
                {
                    Cv2.ImEncode(".jpg", x.Src, out byte[] buf, prms);
                    using var decoded = Cv2.ImDecode(buf, ImreadModes.Color);
                }, "ImEncode(.jpg, quality 75) + ImDecode", "OpenCV's libjpeg (its decode allocates the output Mat)");
            });
        yield return new("GlassBlur", _ => Ops.GlassBlur(0.7, 4, 2), _ => "GlassBlur(0.7, 4, 2)",
            (x, _) =>
            {
                var a = x.Dst();
                var d = x.Out();
                return new Peer(() =>
                {
                    Cv2.GaussianBlur(x.Src, a, new OpenCvSharp.Size(0, 0), 0.7, 0.7, BorderTypes.Reflect101);
                    Cv2.GaussianBlur(a, d, new OpenCvSharp.Size(0, 0), 0.7, 0.7, BorderTypes.Reflect101);
                }, "the two GaussianBlur(sigma 0.7) calls alone",
                "OpenCV: part of the work only; the pixel swaps between the blurs have no OpenCV call (albumentations runs them in Python)");
            });
        yield return new("ISONoise", _ => Ops.ISONoise(C(0.05), C(0.5)), _ => "ISONoise(0.05, 0.5)",
            (x, p) =>
            {
                // albumentations' iso_noise: float HLS, the channels' standard deviations, hue + N(0, colour shift * 360 *
                // intensity), luminance + Poisson(std_L * intensity * 255) / 255 (here one Randn of the same mean and variance
                // for both channels; albumentations also scales the luminance noise by 1 - L, left out), back to RGB bytes.
                double shift = D(p, "ColorShift"), intensity = D(p, "Intensity");
                var f = new Mat(x.Size, x.Size, MatType.CV_32FC3);
                var hls = new Mat(x.Size, x.Size, MatType.CV_32FC3);
                var noise = new Mat(x.Size, x.Size, MatType.CV_32FC3);
                var d = x.Out();
                return new Peer(() =>
                {
                    x.Src.ConvertTo(f, MatType.CV_32FC3, 1 / 255.0);
                    Cv2.CvtColor(f, hls, ColorConversionCodes.RGB2HLS);
                    Cv2.MeanStdDev(hls, out _, out var std);
                    double lambda = std.Val1 * intensity * 255;
                    Cv2.Randn(noise, new Scalar(0, lambda / 255, 0), new Scalar(shift * 360 * intensity, Math.Sqrt(lambda) / 255, 0));
                    Cv2.Add(hls, noise, hls);
                    Cv2.CvtColor(hls, f, ColorConversionCodes.HLS2RGB);
                    f.ConvertTo(d, MatType.CV_8UC3, 255);
                }, "ConvertTo(float) + CvtColor(RGB2HLS) + MeanStdDev + Randn + Add + CvtColor(HLS2RGB) + ConvertTo(uint8)",
                "OpenCV: albumentations' steps, its Poisson luminance noise as a normal of the same mean and variance and without the (1 - L) factor; not the same bits");
            });
        yield return new("MotionBlur", _ => Ops.MotionBlur(15, 15, C(30.0), C(0.0)), _ => "MotionBlur(15, 15, 30, 0)",
            (x, p) => FilterPeer(x, I(p, "Size"), Ops.motionKernel(I(p, "Size"), D(p, "Angle"), D(p, "Direction")), "Ops.motionKernel"));
        yield return new("Defocus", _ => Ops.Defocus(6, 6, C(0.2)), _ => "Defocus(6, 6, 0.2)",
            (x, p) =>
            {
                var (size, kernel) = Ops.defocusKernel(I(p, "Radius"), D(p, "AliasBlur"));
                return FilterPeer(x, size, kernel, "Ops.defocusKernel");
            });
        yield return new("MultiplicativeNoise", _ => Ops.MultiplicativeNoise(0.7, 1.3, true, true), _ => "MultiplicativeNoise(0.7, 1.3, true, true)",
            (x, _) =>
            {
                var noise = new Mat(x.Size, x.Size, MatType.CV_32FC3);
                var f = new Mat(x.Size, x.Size, MatType.CV_32FC3);
                var d = x.Out();
                return new Peer(() =>
                {
                    Cv2.Randu(noise, Scalar.All(0.7), Scalar.All(1.3));
                    x.Src.ConvertTo(f, MatType.CV_32FC3);
                    Cv2.Multiply(f, noise, f);
                    f.ConvertTo(d, MatType.CV_8UC3);
                }, "Randu(float, 0.7, 1.3) + ConvertTo(float) + Multiply + ConvertTo(uint8)",
                "OpenCV: albumentations' steps with cv2's random numbers, not the same bits (ours: Philox per element)");
            });
        yield return new("SaltAndPepper", _ => Ops.SaltAndPepper(C(0.05), C(0.5)), _ => "SaltAndPepper(0.05, 0.5)",
            (x, _) =>
            {
                var r = new Mat(x.Size, x.Size, MatType.CV_32FC1);
                var salt = x.Dst(1);
                var pepper = x.Dst(1);
                var d = x.Out();
                return new Peer(() =>
                {
                    Cv2.Randu(r, Scalar.All(0), Scalar.All(1));
                    Cv2.InRange(r, Scalar.All(0), Scalar.All(0.025), salt);
                    Cv2.InRange(r, Scalar.All(0.025), Scalar.All(0.05), pepper);
                    x.Src.CopyTo(d);
                    d.SetTo(Scalar.All(255), salt);
                    d.SetTo(Scalar.All(0), pepper);
                }, "Randu + 2 InRange + CopyTo + 2 SetTo(mask)", "OpenCV: cv2's random numbers, not the same bits (ours: Philox per pixel)");
            });
        yield return new("Downscale", _ => Ops.Downscale(C(0.25), Interpolation.Nearest, Interpolation.Bilinear), _ => "Downscale(0.25, Nearest, Bilinear)",
            (x, p) =>
            {
                int small = (int)(x.Size * D(p, "Scale"));
                var m = x.Dst(3, small, small);
                var d = x.Out();
                return new Peer(() =>
                {
                    // INTER_NEAREST_EXACT (6, not in OpenCvSharp's enum): half-pixel centres, as ours and PIL; INTER_NEAREST
                    // picks floor(j / scale) instead.
                    Cv2.Resize(x.Src, m, m.Size(), 0, 0, (InterpolationFlags)6);
                    Cv2.Resize(m, d, d.Size(), 0, 0, InterpolationFlags.Linear);
                }, $"Resize(INTER_NEAREST_EXACT) to {small} + Resize(Linear) back");
            });
    }

    private static Peer FilterPeer(Context x, int size, float[] kernel, string what)
    {
        var k = Floats(size, size, kernel);
        var d = x.Out();
        return new Peer(() => Cv2.Filter2D(x.Src, d, MatType.CV_8U, k, null, 0, BorderTypes.Reflect101),
                        $"Filter2D({size}x{size} kernel of {what}, Reflect101), kernel built once");
    }

    private static IEnumerable<Case> Occlusion()
    {
        yield return new("CoarseDropout", _ => Ops.CoarseDropout(6, 6, C(0.12), C(0.12), 0.0, 0), _ => "CoarseDropout(6, 6, 0.12, 0.12, 0, 0)",
            (x, p) => Holes(x, p));
        yield return new("RandomErasing", _ => Ops.RandomErasing(0.1, 0.2, 0.3, 3.3, 0.0), _ => "RandomErasing(0.1, 0.2, 0.3, 3.3, 0)",
            (x, p) => Holes(x, p), Accept: p => Ints(p, "Holes").Length > 0);
        yield return new("GridDropout", s => Ops.GridDropout(0.4, s / 8, s / 6, true, 0, 0, 0.0, 0), s => $"GridDropout(0.4, {s / 8}, {s / 6}, true, 0, 0, 0, 0)",
            (x, p) => Holes(x, p));
        yield return new("XYMasking", s => Ops.XYMasking(2, s / 20, s / 8, 2, s / 20, s / 8, 0.0, 0), s => $"XYMasking(2, {s / 20}, {s / 8}, 2, {s / 20}, {s / 8}, 0, 0)",
            (x, p) => Holes(x, p));
        yield return new("GridMask", _ => Ops.GridMask(C(0.4), 0.1, 0.0), _ => "GridMask(0.4, 0.1, 0)",
            (x, p) =>
            {
                // The grid of squares drawn once on a canvas twice the size; each call turns it by the drawn angle with a
                // nearest warp (as albumentations' GridMask rotates its mask) and fills the marked pixels.
                double unit = D(p, "Unit"), ratio = D(p, "Ratio"), angle = D(p, "Angle"), fill = D(p, "Fill");
                int big = 2 * x.Size;
                var grid = new Mat(big, big, MatType.CV_8UC1, Scalar.All(0));
                int side = (int)(unit * ratio);
                for (double y0 = 0; y0 < big; y0 += unit)
                    for (double x0 = 0; x0 < big; x0 += unit)
                        Cv2.Rectangle(grid, new Rect((int)x0, (int)y0, side, side), Scalar.All(255), -1);
                var m = CvAffine(Matrix3.Translation(-x.Size / 2.0, -x.Size / 2.0) * Matrix3.Rotation(angle, x.Size, x.Size));
                var mask = x.Dst(1);
                var d = x.Out();
                return new Peer(() =>
                {
                    Cv2.WarpAffine(grid, mask, m, mask.Size(), InterpolationFlags.Nearest, BorderTypes.Constant, Scalar.All(0));
                    x.Src.CopyTo(d);
                    d.SetTo(Scalar.All(fill * 255), mask);
                }, "WarpAffine(Nearest) of a grid drawn once + CopyTo + SetTo(mask)",
                "OpenCV: a grid of the traced unit and ratio drawn once and turned per call (its own placement of the squares, so not the same pixels)");
            });
    }

    /// <summary>The traced holes <c>[x0, y0, x1, y1, ...]</c> as filled rectangles on a copy.</summary>
    private static Peer Holes(Context x, JsonNode? p)
    {
        var h = Ints(p, "Holes");
        double fill = D(p, "Fill");
        var rects = Enumerable.Range(0, h.Length / 4).Select(i => new Rect(h[4 * i], h[4 * i + 1], h[4 * i + 2] - h[4 * i], h[4 * i + 3] - h[4 * i + 1])).ToArray();
        var d = x.Out();
        return new Peer(() =>
        {
            x.Src.CopyTo(d);
            foreach (var r in rects) Cv2.Rectangle(d, r, Scalar.All(fill * 255), -1);
        }, $"CopyTo + {rects.Length} filled Rectangle calls at the traced holes");
    }

    private static IEnumerable<Case> BatchOps()
    {
        yield return new("Mosaic", _ => Ops.Mosaic, _ => "Mosaic (batch of 4)",
            (x, p) =>
            {
                var q = Ops.mosaicQuadrants(x.Size, x.Size, I(p, "CenterX"), I(p, "CenterY"));
                var partners = Ints(p, "Partners");
                var sources = new[] { x.Src }.Concat(partners.Select(i => i == 0 ? x.Src : x.Partners[i - 1])).ToArray();
                var d = x.Out();
                var parts = q.Select((t, i) => (Src: sources[i], From: new Rect(t.Item3, t.Item4, t.Item5, t.Item6), To: new Rect(t.Item1, t.Item2, t.Item5, t.Item6)))
                             .Where(t => t.From.Width > 0 && t.From.Height > 0).ToArray();
                return new Peer(() =>
                {
                    foreach (var (src, from, to) in parts)
                    {
                        using var a = new Mat(src, from);
                        using var b = new Mat(d, to);
                        a.CopyTo(b);
                    }
                }, "4 ROI CopyTo calls (the traced quadrants)");
            }, Batch: true);
        yield return new("LabelSmoothing", _ => Ops.LabelSmoothing(0.1), _ => "LabelSmoothing(0.1) (label only)",
            (_, _) => null, NoPeer: "no OpenCV equivalent: a change to the label alone (ours copies the image into the destination)");
        yield return new("MixUp", _ => Ops.MixUp(0.4), _ => "MixUp(0.4) (batch of 4)",
            (x, p) =>
            {
                double lam = D(p, "Lambda");
                int partner = I(p, "Partner");
                var other = partner == 0 ? x.Src : x.Partners[partner - 1];
                var d = x.Out();
                return new Peer(() => Cv2.AddWeighted(x.Src, lam, other, 1 - lam, 0, d), $"AddWeighted({Inv(lam)}, {Inv(1 - lam)})");
            }, Batch: true);
        yield return new("CutMix", _ => Ops.CutMix(1.0), _ => "CutMix(1.0) (batch of 4)",
            (x, p) =>
            {
                int partner = I(p, "Partner");
                var other = partner == 0 ? x.Src : x.Partners[partner - 1];
                var r = new Rect(I(p, "X0"), I(p, "Y0"), I(p, "X1") - I(p, "X0"), I(p, "Y1") - I(p, "Y0"));
                var d = x.Out();
                return new Peer(() =>
                {
                    x.Src.CopyTo(d);
                    if (r.Width > 0 && r.Height > 0)
                    {
                        using var a = new Mat(other, r);
                        using var b = new Mat(d, r);
                        a.CopyTo(b);
                    }
                }, "CopyTo + ROI CopyTo of the traced rectangle from the partner");
            }, Batch: true);
    }

    /// <summary>k counter-clockwise quarter turns (numpy.rot90), as OpenCV's one call for each.</summary>
    private static Peer QuarterTurns(Context x, int k)
    {
        var d = x.Out();
        return (k & 3) switch
        {
            0 => new Peer(() => x.Src.CopyTo(d), "CopyTo (k = 0)"),
            1 => new Peer(() => Cv2.Rotate(x.Src, d, RotateFlags.Rotate90Counterclockwise), "Rotate(90 CCW) (k = 1)"),
            2 => new Peer(() => Cv2.Rotate(x.Src, d, RotateFlags.Rotate180), "Rotate(180) (k = 2)"),
            _ => new Peer(() => Cv2.Rotate(x.Src, d, RotateFlags.Rotate90Clockwise), "Rotate(90 CW) (k = 3)"),
        };
    }

    private static Peer Flips(Context x, JsonNode? p)
    {
        bool h = p?["Horizontal"]?.GetValue<bool>() ?? throw new InvalidOperationException($"no 'Horizontal' in {p?.ToJsonString()}");
        bool v = p?["Vertical"]?.GetValue<bool>() ?? throw new InvalidOperationException($"no 'Vertical' in {p?.ToJsonString()}");
        var d = x.Out();
        if (!h && !v) return new Peer(() => x.Src.CopyTo(d), "CopyTo (no flip drawn)");
        var mode = h && v ? FlipMode.XY : h ? FlipMode.Y : FlipMode.X;
        return new Peer(() => Cv2.Flip(x.Src, d, mode), $"Flip({mode})");
    }

    private static Peer CropResize(Context x, JsonNode? p)
    {
        var r = new Rect(I(p, "X"), I(p, "Y"), I(p, "CropWidth"), I(p, "CropHeight"));
        var d = x.Out(3, I(p, "Width"), I(p, "Height"));
        return new Peer(() => { using var roi = new Mat(x.Src, r); Cv2.Resize(roi, d, d.Size(), 0, 0, InterpolationFlags.Linear); },
                        $"ROI {r.Width}x{r.Height} + Resize(Linear)");
    }
}
