// KerasCV's custom-layer walk-through, RandomBlueTint, in C#: a factor sampler, the value range and an
// effect on labels, in one expression; boxes, masks and keypoints pass through, replay and traces come free.
using Augment.CSharp;
using Augment.Native;

namespace Examples.CSharp;

/// <summary>The RandomBlueTint example.</summary>
public static class BlueTint
{
    // region readme
    public static Augmentation RandomBlueTint(ParameterSampler factor) =>
        Augmentation.Pixel("RandomBlueTint", (p, image) =>
        {
            // The image declares its value range: the shift is a fraction of it, and the kernel clamps to it.
            float shift = (float)p["factor"] * image.Range.Width;
            var deltas = Enumerable.Range(0, image.Channels).Select(c => c < 2 ? -shift : c == 2 ? shift : 0f).ToArray();
            return ImageOps.AddPerChannel(image, deltas);
        }, ("factor", factor))
        .MapLabel((p, label) => label); // a tint does not change what the image shows
    // endregion
}
