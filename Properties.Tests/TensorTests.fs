/// Tensors out: normalisation with mean and std into HWC or CHW floats, and batches to NCHW, with values worked by hand.
module TensorTests

open System
open System.Numerics.Tensors
open Expecto
open Augment
open Augment.Native

// A 2 x 1 RGB byte image: pixel 0 = (255, 0, 51), pixel 1 = (102, 153, 204); on [0, 1]: (1, 0, 0.2), (0.4, 0.6, 0.8).
let private byteImage = Image.FromBytes(2, 1, 3, ReadOnlySpan [| 255uy; 0uy; 51uy; 102uy; 153uy; 204uy |])
// A 2 x 1 RGB float image on [-1, 1]: (-1, 1, 0), (0.5, -0.5, 1); on [0, 1]: (0, 1, 0.5), (0.75, 0.25, 1).
let private floatImage = Image.FromFloats(2, 1, 3, ReadOnlySpan [| -1f; 1f; 0f; 0.5f; -0.5f; 1f |], ValueRange.Symmetric)
let private mean = [| 0.5f; 0.25f; 0.2f |]
let private std = [| 0.5f; 0.25f; 0.4f |]

// (v - mean) / std by hand, channel by channel:
//   byte image, red   (1 - 0.5) / 0.5 = 1,     (0.4 - 0.5) / 0.5 = -0.2
//               green (0 - 0.25) / 0.25 = -1,  (0.6 - 0.25) / 0.25 = 1.4
//               blue  (0.2 - 0.2) / 0.4 = 0,   (0.8 - 0.2) / 0.4 = 1.5
//   float image red   (0 - 0.5) / 0.5 = -1,    (0.75 - 0.5) / 0.5 = 0.5
//               green (1 - 0.25) / 0.25 = 3,   (0.25 - 0.25) / 0.25 = 0
//               blue  (0.5 - 0.2) / 0.4 = 0.75, (1 - 0.2) / 0.4 = 2
let private byteChw = [| 1f; -0.2f; -1f; 1.4f; 0f; 1.5f |]
let private byteHwc = [| 1f; -1f; 0f; -0.2f; 1.4f; 1.5f |]
let private floatChw = [| -1f; 0.5f; 3f; 0f; 0.75f; 2f |]
let private batchNchw = Array.append byteChw floatChw

let private close (actual: float32 seq) (expected: float32[]) what =
    let a = Array.ofSeq actual
    Expect.equal a.Length expected.Length (what + ": length")
    for i in 0 .. a.Length - 1 do
        if abs (a.[i] - expected.[i]) > 1e-6f then failtestf "%s: element %d is %g, expected %g" what i a.[i] expected.[i]

let private flat (t: Tensor<float32>) =
    let a = Array.zeroCreate (int t.FlattenedLength)
    t.FlattenTo(Span a)
    a

let tests =
    testList "tensors" [
        test "a 2 x 1 RGB image normalised into CHW and HWC, worked by hand" {
            close (TensorOps.Normalize(byteImage, ReadOnlySpan mean, ReadOnlySpan std, TensorLayout.Chw)) byteChw "CHW"
            close (TensorOps.Normalize(byteImage, ReadOnlySpan mean, ReadOnlySpan std, TensorLayout.Hwc)) byteHwc "HWC"
            close (Tensors.normalize TensorLayout.Chw mean std byteImage) byteChw "F# normalize"
            // Into the caller's span: only the first width * height * channels floats are written.
            let dst = Array.create 8 42f
            Expect.equal (Tensors.normalizeInto (byteImage, mean, std, TensorLayout.Chw, Span dst)) 6 "count written"
            close dst.[0..5] byteChw "span"
            Expect.equal dst.[6..] [| 42f; 42f |] "the rest untouched"
            let cs = Augment.CSharp.Tensors.Normalize(Augment.CSharp.Sample(byteImage), ReadOnlySpan mean, ReadOnlySpan std, TensorLayout.Hwc)
            close cs byteHwc "C# Normalize"
        }

        test "a batch of 2 collated into NCHW, worked by hand, and not clamped" {
            let images = [| byteImage; floatImage |]
            let t = TensorOps.CollateNchw(images, ReadOnlySpan mean, ReadOnlySpan std)
            Expect.sequenceEqual (t.Lengths.ToArray()) [| 2n; 3n; 1n; 2n |] "lengths N, C, H, W"
            close (flat t) batchNchw "new tensor"
            Expect.isTrue (flat t |> Array.exists (fun v -> v > 1f) && flat t |> Array.exists (fun v -> v < 0f)) "values leave [0, 1]"
            let span = Array.zeroCreate 12
            Expect.equal (TensorOps.CollateNchw(images, ReadOnlySpan mean, ReadOnlySpan std, Span span)) 12 "count written"
            close span batchNchw "caller's span"
            let mine = Tensor.Create(Array.zeroCreate<float32> 12, ReadOnlySpan [| 2n; 3n; 1n; 2n |])
            let back = TensorOps.CollateNchw(images, ReadOnlySpan mean, ReadOnlySpan std, mine)
            Expect.isTrue (obj.ReferenceEquals(back, mine)) "the caller's tensor is returned"
            close (flat mine) batchNchw "caller's tensor"
            let samples = images |> Array.map Sample.ofImage
            close (flat (Tensors.collate mean std samples)) batchNchw "F# collate"
            let fsSpan = Array.zeroCreate 12
            Tensors.collateInto (samples, mean, std, Span fsSpan) |> ignore
            close fsSpan batchNchw "F# collateInto"
            Expect.sequenceEqual (Tensors.batchShape samples) [| 2; 3; 1; 2 |] "F# batchShape"
            let csSamples = images |> Array.map (fun i -> Augment.CSharp.Sample(i))
            close (flat (Augment.CSharp.Tensors.Collate(csSamples, ReadOnlySpan mean, ReadOnlySpan std))) batchNchw "C# Collate"
            let csSpan = Array.zeroCreate 12
            Augment.CSharp.Tensors.Collate(csSamples, ReadOnlySpan mean, ReadOnlySpan std, Span csSpan) |> ignore
            close csSpan batchNchw "C# Collate into a span"
        }

        test "an augmented batch collates to the same floats as its images one by one" {
            let img = Generators.makeImage ElementType.Byte 3 (9, 5) 3 ValueRange.Byte
            let samples = [| for s in 1 .. 3 -> Aug.apply (Ops.brightness (Sampler.uniform -0.3 0.3)) (Seed.ofInt s) (Sample.ofImage img) |]
            let t = flat (Tensors.collate Tensors.imageNetMean Tensors.imageNetStd samples)
            let one = 9 * 5 * 3
            for n in 0 .. 2 do
                let each = Tensors.normalize TensorLayout.Chw Tensors.imageNetMean Tensors.imageNetStd samples.[n].Image
                Expect.equal t.[n * one .. (n + 1) * one - 1] each (sprintf "image %d's block" n)
        }

        test "bad input is refused with the parameter named" {
            let throwsArg name f =
                let e = Expect.throwsC (fun () -> f () |> ignore) id
                Expect.isTrue (e :? ArgumentException) (sprintf "%s: ArgumentException, got %s" name (e.GetType().Name))
                Expect.stringContains e.Message name (sprintf "message names %s" name)
            let norm (m: float32[]) (s: float32[]) () = TensorOps.Normalize(byteImage, ReadOnlySpan m, ReadOnlySpan s, TensorLayout.Chw)
            throwsArg "mean" (norm [| 0.5f; 0.5f |] std)
            throwsArg "std" (norm mean [| 1f |])
            throwsArg "std[1]" (norm mean [| 1f; 0f; 1f |])
            throwsArg "std[2]" (norm mean [| 1f; 1f; -1f |])
            throwsArg "mean[0]" (norm [| nanf; 0f; 0f |] std)
            throwsArg "std[0]" (norm mean [| 1e-45f; 1f; 1f |])
            throwsArg "destination" (fun () -> TensorOps.Normalize(byteImage, ReadOnlySpan mean, ReadOnlySpan std, TensorLayout.Chw, Span(Array.zeroCreate 5)))
            throwsArg "layout" (fun () -> TensorOps.Normalize(byteImage, ReadOnlySpan mean, ReadOnlySpan std, enum<TensorLayout> 7))
            let other = Image.FromBytes(1, 2, 3, ReadOnlySpan(Array.zeroCreate 6))
            throwsArg "images[1]" (fun () -> TensorOps.BatchShape [| byteImage; other |])
            throwsArg "images" (fun () -> TensorOps.BatchShape [||])
            throwsArg "destination" (fun () -> TensorOps.CollateNchw([| byteImage |], ReadOnlySpan mean, ReadOnlySpan std, Span(Array.zeroCreate 5)))
            throwsArg "destination" (fun () -> TensorOps.CollateNchw([| byteImage |], ReadOnlySpan mean, ReadOnlySpan std, Tensor.Create(Array.zeroCreate<float32> 6, ReadOnlySpan [| 1n; 3n; 2n; 1n |])))
        }
    ]
