using Augment.Native;

namespace Augment.CSharp;

/// <summary>PNG and JPEG files (SkiaSharp). Writes are atomic: a temporary file, then a rename.</summary>
public static class ImageFile
{
    /// <summary>Reads a PNG or JPEG: 3 channels when opaque, else 4.</summary>
    /// <exception cref="InvalidDataException">The file is not a decodable image (the message names the path).</exception>
    public static Image Read(string path) => Augment.ImageIO.Read(path ?? throw new ArgumentNullException(nameof(path)));

    /// <summary>Writes a PNG or JPEG, by the extension of <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The extension is not .png, .jpg or .jpeg.</exception>
    public static void Write(string path, Image image) =>
        Augment.ImageIO.Write(path ?? throw new ArgumentNullException(nameof(path)), image ?? throw new ArgumentNullException(nameof(image)));

    /// <summary>Writes a grid of samples with their boxes drawn, as a PNG.</summary>
    public static void WriteGallery(string path, int columns, int cell, IEnumerable<Sample> samples) =>
        Augment.Gallery.Write(path, columns, cell, (samples ?? throw new ArgumentNullException(nameof(samples))).Select(s => s.Inner));
}
