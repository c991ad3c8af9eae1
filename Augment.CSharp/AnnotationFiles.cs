using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace Augment.CSharp;

/// <summary>One image of an annotation file with its boxes.</summary>
/// <param name="FileName">The image's file name, as the annotation file gives it.</param>
/// <param name="Width">The image's width in pixels.</param>
/// <param name="Height">The image's height in pixels.</param>
/// <param name="Boxes">The boxes, in pixels (class = the category id, id = the annotation id).</param>
public sealed record AnnotatedImage(string FileName, int Width, int Height, ImmutableArray<BoundingBox> Boxes);

/// <summary>A COCO detection annotation file: the images with their boxes, and the category names by id.</summary>
/// <param name="Images">The images, in file order.</param>
/// <param name="Categories">Category names by id (empty when the file has no <c>categories</c>).</param>
public sealed record CocoDataset(ImmutableArray<AnnotatedImage> Images, ImmutableSortedDictionary<int, string> Categories);

/// <summary>COCO detection annotation files (the <c>images</c>, <c>annotations</c> and <c>categories</c> arrays;
/// bbox is [x, y, width, height] in pixels).</summary>
public static class CocoFile
{
    /// <summary>Reads a COCO annotation file (with the F# reader, <c>Augment.Coco.read</c>).</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not COCO detection JSON (the message names the path).</exception>
    /// <exception cref="ArgumentException">A box is not finite or has a negative width or height.</exception>
    public static CocoDataset Read(string path) =>
        Parse(File.ReadAllText(path ?? throw new ArgumentNullException(nameof(path))), path);

    /// <summary>Parses COCO JSON text; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The text is not COCO detection JSON.</exception>
    public static CocoDataset Parse(string json, string source = "COCO JSON")
    {
        ArgumentNullException.ThrowIfNull(json);
        Tuple<Microsoft.FSharp.Collections.FSharpList<Augment.CocoImage>, Microsoft.FSharp.Collections.FSharpMap<int, string>> parsed;
        try { parsed = Augment.Coco.Parse(source ?? "COCO JSON", json); }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException or KeyNotFoundException)
        {
            // A field of the wrong kind or a missing field: the same error as a malformed file.
            throw new InvalidDataException($"{source}: not COCO annotations ({e.Message})", e);
        }
        var images = parsed.Item1.Select(i => new AnnotatedImage(i.FileName, i.Width, i.Height, [.. i.Boxes.Select(BoundingBox.FromFSharp)]));
        var categories = parsed.Item2.Select(kv => KeyValuePair.Create(kv.Key, kv.Value));
        return new CocoDataset([.. images], ImmutableSortedDictionary.CreateRange(categories));
    }

    /// <summary>Writes a COCO annotation file: image ids are 1, 2, ... in order, each box an annotation with its
    /// <see cref="BoundingBox.Id"/>, <see cref="BoundingBox.Class"/> as category_id, bbox, area and iscrowd 0.
    /// Atomic: a temporary file, then a rename.</summary>
    /// <exception cref="ArgumentException">Two boxes share an id.</exception>
    public static void Write(string path, CocoDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(dataset);
        var images = new JsonArray();
        var annotations = new JsonArray();
        var ids = new HashSet<int>();
        int imageId = 0;
        foreach (var im in dataset.Images)
        {
            imageId++;
            images.Add(new JsonObject { ["id"] = imageId, ["file_name"] = im.FileName, ["width"] = im.Width, ["height"] = im.Height });
            foreach (var b in im.Boxes)
            {
                if (!ids.Add(b.Id)) throw new ArgumentException($"Box id {b.Id} appears twice; COCO annotation ids are unique.", nameof(dataset));
                var coco = b.ToCoco();
                annotations.Add(new JsonObject
                {
                    ["id"] = b.Id, ["image_id"] = imageId, ["category_id"] = b.Class,
                    ["bbox"] = new JsonArray(coco.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
                    ["area"] = coco[2] * coco[3], ["iscrowd"] = 0,
                });
            }
        }
        var categories = new JsonArray(dataset.Categories.Select(kv => (JsonNode)new JsonObject { ["id"] = kv.Key, ["name"] = kv.Value }).ToArray());
        var root = new JsonObject { ["images"] = images, ["annotations"] = annotations, ["categories"] = categories };
        AtomicFile.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}

/// <summary>
/// YOLO label files: one line per box, <c>class cx cy w h</c>, the centre and size normalised by the image's width
/// and height. Boxes read get the line's index among the boxes as their <see cref="BoundingBox.Id"/>.
/// </summary>
public static class YoloFile
{
    /// <summary>Reads a YOLO label file for an image of <paramref name="imageWidth"/> x <paramref name="imageHeight"/>
    /// pixels. Blank lines are skipped.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="labelPath"/>.</exception>
    /// <exception cref="InvalidDataException">A line is not a non-negative integer class and four finite numbers with
    /// a non-negative width and height (the message names the path and the line number).</exception>
    public static ImmutableArray<BoundingBox> Read(string labelPath, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(labelPath);
        return Parse(File.ReadAllText(labelPath), imageWidth, imageHeight, labelPath);
    }

    /// <summary>Parses the text of a YOLO label file; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">As <see cref="Read"/>.</exception>
    public static ImmutableArray<BoundingBox> Parse(string text, int imageWidth, int imageHeight, string source = "YOLO labels")
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckSize(imageWidth, imageHeight);
        var boxes = ImmutableArray.CreateBuilder<BoundingBox>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            string Fail(string why) => throw new InvalidDataException($"{source}, line {i + 1}: {why} in \"{Shorten(line)}\"; expected \"class cx cy w h\".");
            if (fields.Length != 5) Fail($"{fields.Length} fields");
            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int cls)) Fail($"class \"{Shorten(fields[0])}\" is not a non-negative integer");
            var v = new double[4];
            for (int k = 0; k < 4; k++)
                if (!double.TryParse(fields[k + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out v[k]) || !double.IsFinite(v[k]))
                    Fail($"\"{Shorten(fields[k + 1])}\" is not a finite number");
            if (v[2] < 0 || v[3] < 0) Fail("a negative width or height");
            var b = Augment.BoxModule.OfYolo(imageWidth, imageHeight, v[0], v[1], v[2], v[3], cls, boxes.Count);
            boxes.Add(BoundingBox.FromFSharp(b));
        }
        return boxes.ToImmutable();
    }

    /// <summary>The text of a YOLO label file for the boxes of an image of <paramref name="imageWidth"/> x
    /// <paramref name="imageHeight"/> pixels: one line per box, numbers in the shortest form that reads back exactly.</summary>
    /// <exception cref="ArgumentException">A box has a negative class, or the size is not positive.</exception>
    public static string Format(IEnumerable<BoundingBox> boxes, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        CheckSize(imageWidth, imageHeight);
        var sb = new StringBuilder();
        foreach (var b in boxes)
        {
            if (b.Class < 0) throw new ArgumentException($"A box has class {b.Class}; YOLO classes are non-negative.", nameof(boxes));
            var y = Augment.BoxModule.ToYolo(imageWidth, imageHeight, b.ToFSharp());
            sb.Append(b.Class.ToString(CultureInfo.InvariantCulture));
            foreach (var v in y) sb.Append(' ').Append(v.ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes a YOLO label file (see <see cref="Format"/>). Atomic: a temporary file, then a rename.</summary>
    public static void Write(string labelPath, IEnumerable<BoundingBox> boxes, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(labelPath);
        AtomicFile.WriteAllText(labelPath, Format(boxes, imageWidth, imageHeight));
    }

    private static void CheckSize(int width, int height)
    {
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "The image width must be positive.");
        if (height <= 0) throw new ArgumentOutOfRangeException(nameof(height), height, "The image height must be positive.");
    }

    internal static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}

/// <summary>One object of a Pascal VOC annotation.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Box">The box in pixels ([xmin, ymin, xmax, ymax] as the file gives them); its class is the index of
/// <paramref name="Name"/> in the class list given to <see cref="VocFile.Read"/>, its id the object's index.</param>
/// <param name="Difficult">VOC's <c>difficult</c> flag.</param>
/// <param name="Truncated">VOC's <c>truncated</c> flag.</param>
public sealed record VocObject(string Name, BoundingBox Box, bool Difficult = false, bool Truncated = false);

/// <summary>A Pascal VOC annotation: one image and its objects.</summary>
/// <param name="FileName">The image's file name.</param>
/// <param name="Width">The image's width in pixels.</param>
/// <param name="Height">The image's height in pixels.</param>
/// <param name="Depth">Channels (3 for RGB).</param>
/// <param name="Objects">The objects, in file order.</param>
public sealed record VocAnnotation(string FileName, int Width, int Height, int Depth, ImmutableArray<VocObject> Objects)
{
    /// <summary>The objects' boxes, in order.</summary>
    public ImmutableArray<BoundingBox> Boxes => [.. Objects.Select(o => o.Box)];
}

/// <summary>Pascal VOC XML annotation files (one per image). Reading refuses DTDs and external entities, so a hostile
/// file cannot expand entities or reach the file system or the network.</summary>
public static class VocFile
{
    /// <summary>Reads a VOC annotation. Each object's box gets as class the index of its name in
    /// <paramref name="classes"/>, and as id its index among the objects.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="xmlPath"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not well-formed XML, has a DTD, is not a VOC annotation
    /// (a missing or non-numeric size or bndbox field, a box with xmin &gt; xmax or ymin &gt; ymax), or names a class
    /// not in <paramref name="classes"/> (the message names the path and the object).</exception>
    public static VocAnnotation Read(string xmlPath, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(xmlPath);
        using var stream = File.OpenRead(xmlPath);
        return Parse(stream, classes, xmlPath);
    }

    /// <summary>Parses a VOC annotation from <paramref name="xml"/> text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">As <see cref="Read"/>.</exception>
    public static VocAnnotation Parse(string xml, IReadOnlyList<string> classes, string source = "VOC XML")
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return Parse(stream, classes, source);
    }

    private static VocAnnotation Parse(Stream stream, IReadOnlyList<string> classes, string source)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 64L << 20 };
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            doc = XDocument.Load(reader);
        }
        catch (XmlException e) { throw new InvalidDataException($"{source}: not well-formed XML without a DTD ({e.Message})", e); }
        var root = doc.Root!;
        Exception Fail(string why) => new InvalidDataException($"{source}: not a Pascal VOC annotation ({why}).");
        if (root.Name.LocalName != "annotation") throw Fail($"the root element is <{root.Name.LocalName}>, not <annotation>");
        string Text(XElement parent, string name, string where) =>
            parent.Element(name)?.Value.Trim() ?? throw Fail($"{where} has no <{name}>");
        double Number(XElement parent, string name, string where)
        {
            var t = Text(parent, name, where);
            if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                throw Fail($"{where} <{name}> is \"{YoloFile.Shorten(t)}\", not a finite number");
            return v;
        }
        int Int(XElement parent, string name, string where, int min)
        {
            var t = Text(parent, name, where);
            if (!int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min)
                throw Fail($"{where} <{name}> is \"{YoloFile.Shorten(t)}\", not an integer >= {min}");
            return v;
        }
        bool Flag(XElement parent, string name) => parent.Element(name)?.Value.Trim() is "1" or "true";
        var size = root.Element("size") ?? throw Fail("no <size>");
        int width = Int(size, "width", "<size>", 1), height = Int(size, "height", "<size>", 1);
        int depth = size.Element("depth") is null ? 3 : Int(size, "depth", "<size>", 1);
        var fileName = root.Element("filename")?.Value.Trim() ?? "";
        var objects = ImmutableArray.CreateBuilder<VocObject>();
        foreach (var o in root.Elements("object"))
        {
            string where = $"object {objects.Count}";
            var name = Text(o, "name", where);
            int cls = -1;
            for (int k = 0; k < classes.Count; k++) if (classes[k] == name) { cls = k; break; }
            if (cls < 0) throw Fail($"{where} has class \"{YoloFile.Shorten(name)}\", which is not among the {classes.Count} classes given");
            var bb = o.Element("bndbox") ?? throw Fail($"{where} has no <bndbox>");
            where += " <bndbox>";
            double x0 = Number(bb, "xmin", where), y0 = Number(bb, "ymin", where), x1 = Number(bb, "xmax", where), y1 = Number(bb, "ymax", where);
            if (x0 > x1 || y0 > y1) throw Fail($"{where} is [{x0}, {y0}, {x1}, {y1}], with xmin > xmax or ymin > ymax");
            var box = BoundingBox.FromFSharp(Augment.BoxModule.OfVoc(x0, y0, x1, y1, cls, objects.Count));
            objects.Add(new VocObject(name, box, Flag(o, "difficult"), Flag(o, "truncated")));
        }
        return new VocAnnotation(fileName, width, height, depth, objects.ToImmutable());
    }

    /// <summary>A VOC annotation from boxes: each box's name is <c>classes[box.Class]</c>.</summary>
    /// <exception cref="ArgumentException">A box's class is not an index into <paramref name="classes"/>.</exception>
    public static VocAnnotation Create(string fileName, int width, int height, int depth, IEnumerable<BoundingBox> boxes, IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(boxes);
        ArgumentNullException.ThrowIfNull(classes);
        var objects = boxes.Select(b => (uint)b.Class < (uint)classes.Count
            ? new VocObject(classes[b.Class], b)
            : throw new ArgumentException($"A box has class {b.Class}; expected an index into the {classes.Count} classes.", nameof(boxes)));
        return new VocAnnotation(fileName ?? "", width, height, depth, [.. objects]);
    }

    /// <summary>The XML of a VOC annotation.</summary>
    public static string Format(VocAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var root = new XElement("annotation",
            new XElement("filename", annotation.FileName),
            new XElement("size",
                new XElement("width", annotation.Width), new XElement("height", annotation.Height), new XElement("depth", annotation.Depth)),
            annotation.Objects.Select(o => new XElement("object",
                new XElement("name", o.Name),
                new XElement("truncated", o.Truncated ? 1 : 0),
                new XElement("difficult", o.Difficult ? 1 : 0),
                new XElement("bndbox",
                    new XElement("xmin", N(o.Box.XMin)), new XElement("ymin", N(o.Box.YMin)),
                    new XElement("xmax", N(o.Box.XMax)), new XElement("ymax", N(o.Box.YMax))))));
        return new XDocument(root).ToString() + "\n";
    }

    /// <summary>Writes a VOC annotation file. Atomic: a temporary file, then a rename.</summary>
    public static void Write(string xmlPath, VocAnnotation annotation)
    {
        ArgumentNullException.ThrowIfNull(xmlPath);
        AtomicFile.WriteAllText(xmlPath, Format(annotation));
    }
}

internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var tmp = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            File.WriteAllText(tmp, text, new UTF8Encoding(false));
            File.Move(tmp, full, overwrite: true);
        }
        finally { if (File.Exists(tmp)) File.Delete(tmp); }
    }
}
