using Augment.Native;
using Microsoft.FSharp.Core;
using FsTta = global::Augment.Tta;

namespace Augment.CSharp;

/// <summary>A box a model predicted, with its score.</summary>
/// <param name="Box">The box, in the image's pixels.</param>
/// <param name="Score">The model's score.</param>
public readonly record struct ScoredBoundingBox(BoundingBox Box, double Score)
{
    internal Augment.ScoredBox ToFSharp() => new(Box.ToFSharp(), Score);
    internal static ScoredBoundingBox FromFSharp(Augment.ScoredBox b) => new(BoundingBox.FromFSharp(b.Box), b.Score);
}

/// <summary>One view of test-time augmentation: an invertible geometric map of the input.</summary>
public sealed class TestTimeView
{
    private TestTimeView(Augment.TtaView inner) => Inner = inner;
    internal Augment.TtaView Inner { get; }

    /// <summary>The view's name.</summary>
    public string Name => Inner.Name;

    /// <inheritdoc />
    public override string ToString() => Inner.Name;

    /// <summary>The image as it is.</summary>
    public static TestTimeView Identity { get; } = new(FsTta.Identity);

    /// <summary>Mirrored left-right (x goes to W - x).</summary>
    public static TestTimeView FlipHorizontal { get; } = new(FsTta.FlipHorizontal);

    /// <summary>Mirrored top-bottom (y goes to H - y).</summary>
    public static TestTimeView FlipVertical { get; } = new(FsTta.FlipVertical);

    /// <summary>Transposed ((x, y) goes to (y, x)).</summary>
    public static TestTimeView Transpose { get; } = new(FsTta.Transpose);

    /// <summary>The eight views of the dihedral group D4 (all exact copies).</summary>
    public static IReadOnlyList<TestTimeView> Dihedral { get; } = FsTta.Dihedral.Select(v => new TestTimeView(v)).ToArray();

    /// <summary><paramref name="k"/> quarter turns counter-clockwise.</summary>
    public static TestTimeView Rot90(int k) => new(FsTta.Rot90(k));

    /// <summary>Resized by <paramref name="factor"/> with half-pixel centres.</summary>
    /// <exception cref="ArgumentException">factor is outside [0.05, 20], or Area interpolation with factor &gt; 1.</exception>
    public static TestTimeView Scale(double factor, Interpolation interpolation = Interpolation.Bilinear) =>
        new(FsTta.Scale(factor, interpolation));

    /// <summary>The <paramref name="width"/> x <paramref name="height"/> rectangle whose top-left pixel is (x, y).</summary>
    /// <exception cref="ArgumentException">A negative corner or a size that is not positive.</exception>
    public static TestTimeView Crop(int x, int y, int width, int height) => new(FsTta.Crop(x, y, width, height));

    /// <summary>Any invertible map: <paramref name="plan"/> gives, for the input's shape, the matrix from input to view
    /// continuous coordinates and the view's width and height.</summary>
    /// <exception cref="ArgumentNullException">name or plan is null.</exception>
    /// <exception cref="ArgumentException">Area interpolation.</exception>
    public static TestTimeView OfMatrix(string name, Func<ImageShape, (Matrix3 Matrix, int Width, int Height)> plan,
                                        Interpolation interpolation = Interpolation.Bilinear)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(plan);
        var f = FuncConvert.FromFunc<Augment.Shape, ValueTuple<Matrix3, int, int>>(s =>
        {
            var (m, w, h) = plan(new ImageShape(s.Width, s.Height, s.Channels));
            return (m, w, h);
        });
        return new(FsTta.OfMatrix(name, f, interpolation));
    }
}

/// <summary>
/// Test-time augmentation: runs a model on views of an image, maps each prediction back through the exact inverse of
/// its view, and merges them (mean for class probabilities and masks; NMS or weighted boxes fusion for boxes).
/// </summary>
public static class TestTimeAugmentation
{
    private static Augment.TtaView[] Views(IReadOnlyList<TestTimeView> views)
    {
        ArgumentNullException.ThrowIfNull(views);
        var inner = new Augment.TtaView[views.Count];
        for (int i = 0; i < views.Count; i++)
            inner[i] = views[i]?.Inner ?? throw new ArgumentNullException(nameof(views), $"views[{i}] is null.");
        return inner;
    }

    /// <summary>The image seen through a view.</summary>
    public static Image View(TestTimeView view, Image image)
    {
        ArgumentNullException.ThrowIfNull(view);
        return FsTta.View(view.Inner, image);
    }

    /// <summary>Runs <paramref name="predict"/> (class probabilities) on every view and returns the mean.</summary>
    /// <exception cref="ArgumentException">No views, or the predictions differ in length.</exception>
    public static double[] Classify(IReadOnlyList<TestTimeView> views, Func<Image, double[]> predict, Image image)
    {
        ArgumentNullException.ThrowIfNull(predict);
        return FsTta.Classify(Views(views), FuncConvert.FromFunc(predict), image);
    }

    /// <summary>Runs <paramref name="predict"/> (a mask of the view's size) on every view, maps each back with nearest
    /// neighbour and returns the per-pixel mean over the views that see the pixel, as a float image.</summary>
    /// <exception cref="ArgumentException">No views, or a prediction of the wrong size or channel count.</exception>
    public static Image Segment(IReadOnlyList<TestTimeView> views, Func<Image, Image> predict, Image image)
    {
        ArgumentNullException.ThrowIfNull(predict);
        return FsTta.Segment(Views(views), FuncConvert.FromFunc(predict), image);
    }

    /// <summary>Runs <paramref name="predict"/> (boxes in the view's pixels) on every view, maps the boxes back, and
    /// merges them: weighted boxes fusion (Solovyev et al. 2021) when <paramref name="weightedFusion"/>, else greedy NMS.</summary>
    /// <exception cref="ArgumentException">No views, or a threshold outside [0, 1].</exception>
    public static ScoredBoundingBox[] Detect(IReadOnlyList<TestTimeView> views, Func<Image, IReadOnlyList<ScoredBoundingBox>> predict, Image image,
                                             bool weightedFusion = true, double iouThreshold = 0.55, double skipScore = 0.0)
    {
        ArgumentNullException.ThrowIfNull(predict);
        var merge = weightedFusion ? Augment.BoxMerge.NewWbf(iouThreshold, skipScore) : Augment.BoxMerge.NewNms(iouThreshold);
        var f = FuncConvert.FromFunc<Image, Augment.ScoredBox[]>(img =>
            (predict(img) ?? throw new ArgumentException("predict returned null.", nameof(predict))).Select(b => b.ToFSharp()).ToArray());
        return FsTta.Detect(Views(views), merge, f, image).Select(ScoredBoundingBox.FromFSharp).ToArray();
    }

    /// <summary>Greedy non-maximum suppression per class.</summary>
    /// <exception cref="ArgumentException">iouThreshold is outside [0, 1].</exception>
    public static ScoredBoundingBox[] Nms(double iouThreshold, IEnumerable<ScoredBoundingBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        return FsTta.Nms(iouThreshold, boxes.Select(b => b.ToFSharp())).Select(ScoredBoundingBox.FromFSharp).ToArray();
    }

    /// <summary>Weighted boxes fusion (Solovyev et al. 2021) of the boxes of <paramref name="models"/> views or models.</summary>
    /// <exception cref="ArgumentException">A threshold outside [0, 1], or models &lt; 1.</exception>
    public static ScoredBoundingBox[] Wbf(double iouThreshold, double skipScore, int models, IEnumerable<ScoredBoundingBox> boxes)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        return FsTta.Wbf(iouThreshold, skipScore, models, boxes.Select(b => b.ToFSharp())).Select(ScoredBoundingBox.FromFSharp).ToArray();
    }
}
