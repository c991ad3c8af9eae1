// The README's C# example; the tests run it and check that the README shows exactly this code.
// region readme
using Augment.CSharp;

namespace Examples.CSharp;

public static class Quickstart
{
    public static readonly Augmentation Pipeline = Augmentation.Sequence(
        Augmentations.FlipHorizontal().WithProbability(0.5),
        Augmentations.RandomCrop(256, 256),
        Augmentation.OneOf(
            Augmentations.Brightness(Sampler.Uniform(-0.2, 0.2)),
            Augmentations.Contrast(Sampler.Uniform(0.7, 1.3))));

    public static AugmentationResult Augment(string photo, BoundingBox[] boxes, long seed)
    {
        var sample = new Sample(ImageFile.Read(photo)).WithBoxes(boxes);
        var result = Pipeline.Run(sample, seed);
        Console.WriteLine(result.Trace.ToJson());   // what was drawn: replays without the seed
        return result;
    }
}
// endregion
