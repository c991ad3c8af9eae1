using System.Collections.Immutable;
using Augment.Native;
using Microsoft.FSharp.Core;
using FsSample = Augment.FSharpSample;

namespace Augment.CSharp;

/// <summary>An axis-aligned box in continuous pixel coordinates ([0, 0, W, H] is the whole image), with its class and identity.</summary>
/// <param name="XMin">Left edge.</param>
/// <param name="YMin">Top edge.</param>
/// <param name="XMax">Right edge.</param>
/// <param name="YMax">Bottom edge.</param>
/// <param name="Class">The object's class.</param>
/// <param name="Id">The object's identity, kept through every op.</param>
public readonly record struct BoundingBox(double XMin, double YMin, double XMax, double YMax, int Class, int Id)
{
    /// <summary>From COCO's [x, y, width, height].</summary>
    public static BoundingBox FromCoco(double x, double y, double width, double height, int @class, int id) =>
        FromFSharp(Augment.BoxModule.OfCoco(x, y, width, height, @class, id));

    /// <summary>To COCO's [x, y, width, height].</summary>
    public double[] ToCoco() => [XMin, YMin, XMax - XMin, YMax - YMin];

    internal Augment.Box ToFSharp() => new(XMin, YMin, XMax, YMax, Class, Id);
    internal static BoundingBox FromFSharp(Augment.Box b) => new(b.XMin, b.YMin, b.XMax, b.YMax, b.Class, b.Id);
}

/// <summary>Which boxes stay after a geometric op clips them; the default (zeros, <see cref="Default"/>) keeps every box
/// with some area left.</summary>
/// <param name="MinArea">Drop a box whose clipped area, in pixels, is below this.</param>
/// <param name="MinVisibility">Drop a box that keeps less than this fraction of its area after clipping.</param>
public readonly record struct BoxFilter(double MinArea = 0.0, double MinVisibility = 0.0)
{
    /// <summary>Keeps every box with a positive clipped area.</summary>
    public static BoxFilter Default => default;

    internal Augment.FSharpBoxFilter ToFSharp() => new(MinArea, MinVisibility);
}

/// <summary>A point in continuous pixel coordinates; an op that moves it off the image clears <paramref name="Visible"/>.</summary>
/// <param name="X">Horizontal position.</param>
/// <param name="Y">Vertical position.</param>
/// <param name="Visible">Whether the point is on the image.</param>
public readonly record struct Keypoint(double X, double Y, bool Visible = true);

/// <summary>
/// One training example: an image with any of a label (a probability vector), boxes, a class mask
/// (1-channel byte image of the image's size) and keypoints. Immutable; the <c>With</c> methods return copies and check their input.
/// </summary>
public sealed class Sample
{
    private Sample(FsSample inner) => Inner = inner;

    internal FsSample Inner { get; }

    /// <summary>A sample with only an image.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public Sample(Image image) : this(Augment.SampleModule.OfImage(image ?? throw new ArgumentNullException(nameof(image)))) { }

    internal static Sample Wrap(FsSample inner) => new(inner);

    /// <summary>The image.</summary>
    public Image Image => Inner.Image;
    /// <summary>The label (empty when there is none).</summary>
    public ImmutableArray<double> Label => [.. Inner.Label];
    /// <summary>The boxes.</summary>
    public ImmutableArray<BoundingBox> Boxes => [.. Inner.Boxes.Select(BoundingBox.FromFSharp)];
    /// <summary>The class mask, or null.</summary>
    public Image? Mask => OptionModule.IsSome(Inner.Mask) ? Inner.Mask.Value : null;
    /// <summary>The keypoints.</summary>
    public ImmutableArray<Keypoint> Keypoints => [.. Inner.Keypoints.Select(k => new Keypoint(k.X, k.Y, k.Visible))];

    /// <summary>This sample with a label.</summary>
    /// <exception cref="ArgumentException">An entry is negative or not finite.</exception>
    public Sample WithLabel(params double[] label) => new(Augment.SampleModule.WithLabel(label, Inner));

    /// <summary>This sample with boxes.</summary>
    /// <exception cref="ArgumentException">A box is not finite, inverted or outside the image (the message names its index).</exception>
    public Sample WithBoxes(params BoundingBox[] boxes) =>
        new(Augment.SampleModule.WithBoxes(boxes.Select(b => b.ToFSharp()).ToArray(), Inner));

    /// <summary>This sample with a class mask.</summary>
    /// <exception cref="ArgumentException">The mask is not a 1-channel byte image of the image's size.</exception>
    public Sample WithMask(Image mask) => new(Augment.SampleModule.WithMask(mask ?? throw new ArgumentNullException(nameof(mask)), Inner));

    /// <summary>This sample with keypoints.</summary>
    /// <exception cref="ArgumentException">A keypoint is not finite.</exception>
    public Sample WithKeypoints(params Keypoint[] keypoints) =>
        new(Augment.SampleModule.WithKeypoints(keypoints.Select(k => new Augment.FSharpKeypoint(k.X, k.Y, k.Visible)).ToArray(), Inner));
}
