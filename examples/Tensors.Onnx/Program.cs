// Augment's tensors out, fed to ONNX Runtime (CPU). The model is built here, in a few lines of protobuf: one
// GlobalAveragePool node, images [N, 3, H, W] -> per-image channel means [N, 3, 1, 1]. The example checks ONNX
// Runtime's answer against the means of the same floats computed here, so the layout (NCHW, normalised) is what the
// model reads.
//     dotnet run --project examples/Tensors.Onnx [-- path/to/photo.png]
using System.Text;
using Augment.CSharp;
using Augment.Native;
using Ort = Microsoft.ML.OnnxRuntime;
using OrtTensors = Microsoft.ML.OnnxRuntime.Tensors;

var photo = args.Length > 0 ? args[0] : Path.Combine(FindSamples(), "astronaut.png");
var pipeline = Augmentation.Sequence(
    Augmentations.FlipHorizontal().WithProbability(0.5),
    Augmentations.RandomCrop(224, 224),
    Augmentations.Brightness(Sampler.Uniform(-0.2, 0.2)));

// A batch of 4 seeded variants, normalised with ImageNet's mean and std into one NCHW block.
var sample = new Sample(ImageFile.Read(photo));
var batch = pipeline.RunBatch([sample, sample, sample, sample], seed: 42).Select(r => r.Sample).ToArray();
int[] shape = Tensors.BatchShape(batch);                       // [N, C, H, W]
var data = new float[shape[0] * shape[1] * shape[2] * shape[3]];
Tensors.Collate(batch, Tensors.ImageNetMean, Tensors.ImageNetStd, data);

using var session = new Ort.InferenceSession(GlobalAveragePoolModel());
var input = new OrtTensors.DenseTensor<float>(data, shape);
using var results = session.Run([Ort.NamedOnnxValue.CreateFromTensor("images", input)]);
var means = results.Single().AsTensor<float>();                 // [N, C, 1, 1]

int plane = shape[2] * shape[3];
double worst = 0;
for (int n = 0; n < shape[0]; n++)
{
    var row = new StringBuilder($"image {n}:");
    for (int c = 0; c < shape[1]; c++)
    {
        double expected = data.AsSpan((n * shape[1] + c) * plane, plane).ToArray().Average(v => (double)v);
        float got = means[n, c, 0, 0];
        worst = Math.Max(worst, Math.Abs(got - expected));
        row.Append($" c{c} {got,8:F4}");
    }
    Console.WriteLine(row);
}
Console.WriteLine($"ONNX Runtime {session.ModelMetadata.ProducerName} model on an NCHW batch [{string.Join(", ", shape)}]: " +
                  $"largest difference from the means computed here {worst:E1}");
if (worst > 1e-4) { Console.Error.WriteLine("ONNX Runtime's means differ: the layout is wrong"); return 1; }
return 0;

static string FindSamples()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "samples", "astronaut.png"))) return Path.Combine(d.FullName, "samples");
    throw new FileNotFoundException("samples/astronaut.png not found above the program; pass a photo's path");
}

// ONNX ModelProto, written field by field (protobuf wire format: tag = field << 3 | wire type; 0 varint, 2 bytes).
static byte[] GlobalAveragePoolModel()
{
    static byte[] Msg(params byte[][] fields) => fields.SelectMany(f => f).ToArray();
    static byte[] Varint(ulong v) { var b = new List<byte>(); do { byte x = (byte)(v & 0x7f); v >>= 7; b.Add(v != 0 ? (byte)(x | 0x80) : x); } while (v != 0); return [.. b]; }
    static byte[] Int(int field, long v) => [.. Varint((ulong)field << 3), .. Varint((ulong)v)];
    static byte[] Bytes(int field, byte[] v) => [.. Varint((ulong)field << 3 | 2), .. Varint((ulong)v.Length), .. v];
    static byte[] Str(int field, string s) => Bytes(field, Encoding.UTF8.GetBytes(s));
    static byte[] Dim(object d) => d is string p ? Str(2, p) : Int(1, (long)(int)d);
    // ValueInfoProto { name = 1, type = 2: TypeProto { tensor_type = 1: { elem_type = 1 (FLOAT = 1), shape = 2 { dim = 1 } } } }
    static byte[] TensorInfo(string name, params object[] dims) =>
        Msg(Str(1, name), Bytes(2, Bytes(1, Msg(Int(1, 1), Bytes(2, Msg(dims.Select(d => Bytes(1, Dim(d))).ToArray()))))));
    var node = Msg(Str(1, "images"), Str(2, "means"), Str(3, "pool"), Str(4, "GlobalAveragePool"));   // NodeProto
    var graph = Msg(Bytes(1, node), Str(2, "channel-means"),
        Bytes(11, TensorInfo("images", "N", 3, "H", "W")), Bytes(12, TensorInfo("means", "N", 3, 1, 1)));   // GraphProto
    // ModelProto { ir_version = 1, producer_name = 2, graph = 7, opset_import = 8 { domain = 1, version = 2 } }
    return Msg(Int(1, 8), Str(2, "augment-example"), Bytes(7, graph), Bytes(8, Msg(Str(1, ""), Int(2, 13))));
}
