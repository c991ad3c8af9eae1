namespace Augment.Native;

/// <summary>How a warp reads between source pixels.</summary>
public enum Interpolation
{
    /// <summary>The source pixel that contains the mapped pixel centre (TF's <c>half_pixel_centers</c> nearest).</summary>
    Nearest,
    /// <summary>Bilinear between the four nearest pixel centres (OpenCV <c>INTER_LINEAR</c>, half-pixel centres).</summary>
    Bilinear,
    /// <summary>The mean of the source over each output pixel's footprint, with exact overlap weights
    /// (OpenCV <c>INTER_AREA</c> when shrinking). Only for axis-aligned scales.</summary>
    Area,
    /// <summary>Bicubic over the 4 x 4 pixels around the point with OpenCV's <c>INTER_CUBIC</c> weights (Keys' kernel,
    /// a = -0.75), half-pixel centres. Results are clamped to the value range (bytes: rounded half to even, saturated).</summary>
    Bicubic,
    /// <summary>Lanczos over the 8 x 8 pixels around the point with OpenCV's <c>INTER_LANCZOS4</c> weights
    /// (<c>sinc(d) sinc(d / 4)</c>, normalised), half-pixel centres. Results are clamped to the value range.</summary>
    Lanczos,
}

/// <summary>How <see cref="Kernels.ColourKernels.ToGray(ReadOnlySpan{byte}, Span{byte}, int, GrayMethod, Kernels.SimdPath)"/> reduces R, G and B
/// to one gray value (albumentations' <c>ToGray</c> methods).</summary>
public enum GrayMethod
{
    /// <summary>BT.601 luma <c>0.299 R + 0.587 G + 0.114 B</c> (<c>cv2.cvtColor(..., COLOR_RGB2GRAY)</c>).</summary>
    WeightedAverage,
    /// <summary><c>(R + G + B) / 3</c>.</summary>
    Average,
    /// <summary><c>max(R, G, B)</c>.</summary>
    Max,
    /// <summary><c>(max(R, G, B) + min(R, G, B)) / 2</c>.</summary>
    Desaturation,
    /// <summary>The lightness L* of CIE L*a*b* (sRGB, D65), as the L channel of <c>cv2.cvtColor(..., COLOR_RGB2LAB)</c>:
    /// L* in [0, 100] mapped to the value range (0 to 255 on bytes).</summary>
    FromLab,
    /// <summary>The first principal component of the image's pixel colours (the covariance eigenvector with the largest
    /// eigenvalue, signed so that its largest-magnitude entry is positive, as scikit-learn's <c>svd_flip</c>), the
    /// projections scaled min-max to the value range (albumentations' <c>pca</c> method); a flat image is the minimum.</summary>
    Pca,
}

/// <summary>What a warp reads outside the source image.</summary>
public enum BorderMode
{
    /// <summary>A constant fill value per channel.</summary>
    Constant,
    /// <summary>Mirror without repeating the edge pixel: <c>gfedcb|abcdefgh|gfedcba</c> (OpenCV <c>BORDER_REFLECT_101</c>).</summary>
    Reflect101,
    /// <summary>Repeat the edge pixel: <c>aaaaaa|abcdefgh|hhhhhhh</c> (OpenCV <c>BORDER_REPLICATE</c>).</summary>
    Replicate,
}

/// <summary>
/// A 3x3 projective matrix acting on continuous pixel coordinates <c>(x, y, 1)</c>, row-major:
/// <c>x' = (M00 x + M01 y + M02) / w</c>, <c>y' = (M10 x + M11 y + M12) / w</c>, <c>w = M20 x + M21 y + M22</c>.
/// Pixel (row i, column j) covers [j, j+1) x [i, i+1), so its centre is (j + 0.5, i + 0.5).
/// </summary>
public readonly record struct Matrix3(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    /// <summary>The identity.</summary>
    public static Matrix3 Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Moves every point by (dx, dy).</summary>
    public static Matrix3 Translation(double dx, double dy) => new(1, 0, dx, 0, 1, dy, 0, 0, 1);

    /// <summary>Scales about the origin.</summary>
    public static Matrix3 Scale(double sx, double sy) => new(sx, 0, 0, 0, sy, 0, 0, 0, 1);

    /// <summary>
    /// Turns by <paramref name="degrees"/> counter-clockwise as seen on screen (y points down) about (cx, cy):
    /// OpenCV's <c>getRotationMatrix2D</c> in continuous coordinates.
    /// </summary>
    public static Matrix3 Rotation(double degrees, double cx, double cy)
    {
        double r = degrees * Math.PI / 180.0;
        // Exact values at multiples of 90 degrees, so quarter turns stay exact copies.
        double c = Math.Round(Math.Cos(r), 15), s = Math.Round(Math.Sin(r), 15);
        // On screen (y down) a counter-clockwise turn maps (x, y) -> (c x + s y, -s x + c y) about the centre.
        return new Matrix3(c, s, cx - c * cx - s * cy, -s, c, cy + s * cx - c * cy, 0, 0, 1);
    }

    /// <summary><c>next * this</c>: applies this first, then <paramref name="next"/>.</summary>
    public Matrix3 Then(Matrix3 next) => next * this;

    /// <summary>The product <c>a * b</c> (b applied first).</summary>
    public static Matrix3 operator *(Matrix3 a, Matrix3 b) => new(
        a.M00 * b.M00 + a.M01 * b.M10 + a.M02 * b.M20, a.M00 * b.M01 + a.M01 * b.M11 + a.M02 * b.M21, a.M00 * b.M02 + a.M01 * b.M12 + a.M02 * b.M22,
        a.M10 * b.M00 + a.M11 * b.M10 + a.M12 * b.M20, a.M10 * b.M01 + a.M11 * b.M11 + a.M12 * b.M21, a.M10 * b.M02 + a.M11 * b.M12 + a.M12 * b.M22,
        a.M20 * b.M00 + a.M21 * b.M10 + a.M22 * b.M20, a.M20 * b.M01 + a.M21 * b.M11 + a.M22 * b.M21, a.M20 * b.M02 + a.M21 * b.M12 + a.M22 * b.M22);

    /// <summary>The determinant.</summary>
    public double Determinant =>
        M00 * (M11 * M22 - M12 * M21) - M01 * (M10 * M22 - M12 * M20) + M02 * (M10 * M21 - M11 * M20);

    /// <summary>True when the last row is (0, 0, 1).</summary>
    public bool IsAffine => M20 == 0 && M21 == 0 && M22 == 1;

    /// <summary>The inverse.</summary>
    /// <exception cref="ArgumentException">The matrix is singular or not finite.</exception>
    public Matrix3 Inverse()
    {
        double det = Determinant;
        if (!(Math.Abs(det) > 1e-300) || !double.IsFinite(det))
            Throw.Argument("matrix", this, "an invertible matrix (determinant " + det.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ")");
        double k = 1.0 / det;
        var inv = new Matrix3(
            (M11 * M22 - M12 * M21) * k, (M02 * M21 - M01 * M22) * k, (M01 * M12 - M02 * M11) * k,
            (M12 * M20 - M10 * M22) * k, (M00 * M22 - M02 * M20) * k, (M02 * M10 - M00 * M12) * k,
            (M10 * M21 - M11 * M20) * k, (M01 * M20 - M00 * M21) * k, (M00 * M11 - M01 * M10) * k);
        // Keep affine inverses affine exactly (k * det is not always 1 in floating point).
        return IsAffine ? inv with { M20 = 0, M21 = 0, M22 = 1 } : inv;
    }

    /// <summary>Maps a point; <c>w &lt;= 0</c> (behind a perspective's horizon) gives NaN coordinates.</summary>
    public (double X, double Y) Apply(double x, double y)
    {
        double w = M20 * x + M21 * y + M22;
        if (!(w > 0)) return (double.NaN, double.NaN);
        double u = M00 * x + M01 * y + M02, v = M10 * x + M11 * y + M12;
        return IsAffine ? (u, v) : (u / w, v / w);
    }

    /// <summary>Whether every entry is finite.</summary>
    public bool IsFinite =>
        double.IsFinite(M00) && double.IsFinite(M01) && double.IsFinite(M02) && double.IsFinite(M10) && double.IsFinite(M11)
        && double.IsFinite(M12) && double.IsFinite(M20) && double.IsFinite(M21) && double.IsFinite(M22);

    /// <summary>
    /// When this matrix maps pixel centres to pixel centres by a signed permutation of the axes and an integer
    /// shift (flips, quarter turns, crops, pads, integer translations), the integer map from destination
    /// indices to source indices: <c>sx = A j + B i + C</c>, <c>sy = D j + E i + F</c>. Otherwise null.
    /// </summary>
    public IntegerMap? AsIntegerMap()
    {
        if (!IsAffine) return null;
        static bool Unit(double v) => v == 0 || v == 1 || v == -1;
        if (!(Unit(M00) && Unit(M01) && Unit(M10) && Unit(M11))) return null;
        bool perm = (M00 != 0 && M01 == 0 && M10 == 0 && M11 != 0) || (M00 == 0 && M01 != 0 && M10 != 0 && M11 == 0);
        if (!perm) return null;
        // The forward map sends centre (sx + .5, sy + .5) to (j + .5, i + .5); invert it on centres.
        var inv = Inverse();
        // Source centre for destination centre (j + .5, i + .5) is inv * (j + .5, i + .5); its index is that minus .5.
        double c = inv.M00 * 0.5 + inv.M01 * 0.5 + inv.M02 - 0.5;
        double f = inv.M10 * 0.5 + inv.M11 * 0.5 + inv.M12 - 0.5;
        if (Math.Abs(c - Math.Round(c)) > 1e-9 || Math.Abs(f - Math.Round(f)) > 1e-9) return null;
        return new IntegerMap((int)inv.M00, (int)inv.M01, (int)Math.Round(c), (int)inv.M10, (int)inv.M11, (int)Math.Round(f));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"[[{M00:R}, {M01:R}, {M02:R}], [{M10:R}, {M11:R}, {M12:R}], [{M20:R}, {M21:R}, {M22:R}]]");
}

/// <summary>
/// An exact pixel map from destination index (j, i) to source index: <c>sx = A j + B i + C</c>,
/// <c>sy = D j + E i + F</c>, with (A, B, D, E) a signed permutation. Flips, quarter turns, transposes, crops,
/// pads and integer shifts are all of this form, and run as copies.
/// </summary>
public readonly record struct IntegerMap(int A, int B, int C, int D, int E, int F);

/// <summary>
/// A region of the source that a fused warp may read: a source point s is inside when <see cref="ToIntermediate"/>
/// maps it into [0, <see cref="Width"/>) x [0, <see cref="Height"/>), the bounds of an intermediate image that
/// fusion skipped materialising. Outside, the pixel takes the fill value, as the step-by-step run would.
/// </summary>
public readonly record struct WarpWindow(Matrix3 ToIntermediate, double Width, double Height);
