using Augment.Native;

namespace Augment.CSharp;

/// <summary>PNG and JPEG files (SkiaSharp). Writes are atomic: a temporary file, then a rename.</summary>
public static class ImageFile
{
    /// <summary>Reads a PNG or JPEG with <c>Augment.ImageIO</c>'s default options: 4 channels when the file has an alpha
    /// channel, else 3 (a grayscale file too); EXIF orientation applied, so the image and its annotations are in the
    /// displayed frame; more pixels than the limit (by default Pillow's 2 x 89,478,485) are refused from the header.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is a directory.</exception>
    /// <exception cref="InvalidDataException">The file is not a decodable image, is truncated or corrupt, or is over the
    /// pixel limit (the message names the path and the reason).</exception>
    public static Image Read(string path) => Augment.ImageIO.Read(path ?? throw new ArgumentNullException(nameof(path)));

    /// <summary>Writes a PNG or JPEG, by the extension of <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The extension is not .png, .jpg or .jpeg.</exception>
    public static void Write(string path, Image image) =>
        Augment.ImageIO.Write(path ?? throw new ArgumentNullException(nameof(path)), image ?? throw new ArgumentNullException(nameof(image)));

    /// <summary>Writes a grid of samples with their boxes drawn, as a PNG.</summary>
    public static void WriteGallery(string path, int columns, int cell, IEnumerable<Sample> samples) =>
        Augment.Gallery.Write(path, columns, cell, (samples ?? throw new ArgumentNullException(nameof(samples))).Select(s => s.Inner));
}
