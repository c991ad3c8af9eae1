// The CI consumer test's C# program (dotnet fsi build.fsx consumer): a fresh console app that references only the
// Augment.CSharp package from artifacts/ and opens only Augment.CSharp and Augment.Native.
using System.Numerics.Tensors;
using Augment.CSharp;
using Augment.Native;

var samples = args[0];
var outDir = args[1];
var photo = ImageFile.Read(Path.Combine(samples, "astronaut.png"));
var coco = CocoFile.Read(Path.Combine(samples, "annotations.json"));
var boxes = coco.Images.Single(i => i.FileName == "astronaut.png").Boxes.ToArray();

var pipeline = Augmentation.Sequence(
    Augmentations.FlipHorizontal().WithProbability(0.5),
    Augmentations.RandomCrop(256, 256),
    Augmentation.OneOf(
        Augmentations.Brightness(Sampler.Uniform(-0.2, 0.2)),
        Augmentations.Contrast(Sampler.Uniform(0.7, 1.3))));

var sample = new Sample(photo).WithBoxes(boxes);
var run = pipeline.Run(sample, 7);
var replayed = pipeline.Replay(AugmentationTrace.FromJson(run.Trace.ToJson()), sample);
if (!replayed.Image.ContentEquals(run.Sample.Image)) throw new Exception("the replay differs from the run");

var png = Path.Combine(outDir, "consumer-csharp.png");
ImageFile.Write(png, run.Sample.Image);
if (!ImageFile.Read(png).ContentEquals(run.Sample.Image)) throw new Exception("the PNG does not read back");

var labels = Path.Combine(outDir, "consumer-csharp.txt");
YoloFile.Write(labels, run.Sample.Boxes, 256, 256);
if (YoloFile.Read(labels, 256, 256).Length != run.Sample.Boxes.Length) throw new Exception("YOLO labels do not read back");

var batch = pipeline.RunBatch([sample, sample], 11).Select(r => r.Sample).ToArray();
Tensor<float> tensor = Tensors.Collate(batch, Tensors.ImageNetMean, Tensors.ImageNetStd);
if (!tensor.Lengths.SequenceEqual(new nint[] { 2, 3, 256, 256 })) throw new Exception("tensor lengths");

Console.WriteLine($"C# consumer: {run.Sample.Image}, {run.Sample.Boxes.Length} boxes, replay equal, tensor [{string.Join(", ", tensor.Lengths.ToArray())}], wrote {png}");
