/// Aug.runBatchInto (and C# Augmentation.RunBatchInto): a batch run whose images go into the caller's buffers. The
/// reference is Aug.runBatch: the same bits, labels and traces for every pipeline, size, element type and thread count,
/// with and without batch ops at the end; destinations that do not fit are named by index; and a warm run allocates
/// no image-sized buffer per sample for a batch op that ends the pipeline (a measured property, not a timing).
module BatchIntoTests

open System
open Expecto
open Augment
open Augment.Native

let private batch (elem: ElementType) (w, h) (n: int) (seed: int) =
    let range = if elem = ElementType.Byte then ValueRange.Byte else ValueRange.Unit
    [| for k in 0 .. n - 1 ->
        Sample.ofImage (Generators.makeImage elem 3 (w, h) (seed + k) range)
        |> Sample.withLabel [| float (k % 2); float (1 - k % 2) |] |]

// A destination of runBatch's output shape and type for each sample, filled with a pattern so that an unwritten
// sample shows.
let private destinations (outputs: (Sample * Trace)[]) =
    outputs |> Array.map (fun (s, _) ->
        let img = s.Image
        if img.ElementType = ElementType.Byte then PixelBuffer.Over(Array.create img.Length 0xA5uy, img.Width, img.Height, img.Channels)
        else PixelBuffer.Over(Array.create img.Length -7.5f, img.Width, img.Height, img.Channels, img.Range))

let private pipelines =
    [ "no batch op", Aug.sequence [ Ops.flipHorizontal; Ops.centralCrop 0.75; Ops.brightness (Sampler.uniform -0.2 0.2) ]
      "one op, no sequence", Ops.rotate (Sampler.uniform -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0
      "MixUp alone", Ops.mixUp 0.4
      "CutMix alone", Ops.cutMix 1.0
      "Mosaic alone", Ops.mosaic
      "maybe MixUp last", Aug.sequence [ Ops.invert; Aug.maybe 0.5 (Ops.mixUp 0.4) ]
      "steps then CutMix", Aug.sequence [ Ops.flipVertical; Ops.contrast (Sampler.uniform 0.5 1.5); Ops.cutMix 1.0 ]
      "steps then Mosaic", Aug.sequence [ Ops.rot90 1; Ops.mosaic ]
      "MixUp then steps", Aug.sequence [ Ops.mixUp 0.4; Ops.flipHorizontal; Ops.centralCrop 0.5 ]
      "two batch ops", Aug.sequence [ Ops.cutMix 1.0; Ops.brightness (Sampler.uniform -0.1 0.1); Ops.mixUp 2.0 ] ]

// What a destination holds, as an image (Over buffers of exact length are wrapped, not copied).
let private contents (d: PixelBuffer) = d.ToImage()

// The shapes TableKernels.TryShape recognises, worked from their definitions (not from the kernel): XOR with k, AND with
// k, saturating add and subtract of k, and solarize (v ^ 255 from threshold k).
let private shapeTable (shape: Kernels.TableKernels.Shape) (k: int) =
    Array.init 256 (fun v ->
        match shape with
        | Kernels.TableKernels.Shape.Xor -> byte (v ^^^ k)
        | Kernels.TableKernels.Shape.And -> byte (v &&& k)
        | Kernels.TableKernels.Shape.AddSaturate -> byte (min 255 (v + k))
        | Kernels.TableKernels.Shape.SubtractSaturate -> byte (max 0 (v - k))
        | _ -> byte (if v >= k then v ^^^ 255 else v))

let private paths = [ Kernels.SimdPath.Scalar; Kernels.SimdPath.Vector128; Kernels.SimdPath.Vector256; Kernels.SimdPath.Vector512 ]

let private shapeOn (t: byte[]) path =
    let mutable shape = Unchecked.defaultof<Kernels.TableKernels.Shape>
    let mutable k = 0uy
    let ok = Kernels.TableKernels.TryShapeOn(ReadOnlySpan t, path, &shape, &k)
    ok, (if ok then shape else Unchecked.defaultof<_>), (if ok then k else 0uy)

let private shapeTests =
    testList "table shapes" [
        test "TryShape on every path gives the scalar reference's answer for every shape, every constant and near misses" {
            let rnd = Random 12
            let all = [ Kernels.TableKernels.Shape.Xor; Kernels.TableKernels.Shape.And; Kernels.TableKernels.Shape.AddSaturate
                        Kernels.TableKernels.Shape.SubtractSaturate; Kernels.TableKernels.Shape.Solarize ]
            let check (t: byte[]) what =
                let expected = shapeOn t Kernels.SimdPath.Scalar
                for path in paths do Expect.equal (shapeOn t path) expected (sprintf "%s on %A" what path)
            for shape in all do
                for k in 0 .. 255 do
                    let t = shapeTable shape k
                    check t (sprintf "%A %d" shape k)
                    // Near misses: one entry off by one, at block edges (0, 15, 16, 31, 32, 255) and at random places.
                    for pos in [ 0; 15; 16; 31; 32; 127; 128; 255; rnd.Next 256 ] do
                        let u = Array.copy t
                        u.[pos] <- u.[pos] + (if rnd.Next 2 = 0 then 1uy else 255uy)
                        check u (sprintf "%A %d with entry %d changed" shape k pos)
            for trial in 0 .. 999 do
                let t = Array.zeroCreate<byte> 256
                rnd.NextBytes t
                check t (sprintf "random table %d" trial)
        }

        test "TryShape names the shape and constant each definition gives (known answers)" {
            // 255 - v (invert) is v XOR 255; v AND 0xF0 keeps the high nibble (posterize 4 bits); min(255, v + 10) and
            // max(0, v - 10) are a brightness of +-10 levels; v < 128 kept, else 255 - v (solarize at 128).
            let cases =
                [ Array.init 256 (fun v -> byte (255 - v)), (Kernels.TableKernels.Shape.Xor, 255uy)
                  Array.init 256 (fun v -> byte (v &&& 0xF0)), (Kernels.TableKernels.Shape.And, 0xF0uy)
                  Array.init 256 (fun v -> byte (min 255 (v + 10))), (Kernels.TableKernels.Shape.AddSaturate, 10uy)
                  Array.init 256 (fun v -> byte (max 0 (v - 10))), (Kernels.TableKernels.Shape.SubtractSaturate, 10uy)
                  Array.init 256 (fun v -> byte (if v < 128 then v else 255 - v)), (Kernels.TableKernels.Shape.Solarize, 128uy) ]
            for t, (shape, k) in cases do
                for path in paths do
                    Expect.equal (shapeOn t path) (true, shape, k) (sprintf "%A %d on %A" shape k path)
            // A gamma-like table is none of them.
            let gamma = Array.init 256 (fun v -> byte (Math.Round(255.0 * Math.Pow(float v / 255.0, 0.5))))
            for path in paths do Expect.isFalse (let ok, _, _ = shapeOn gamma path in ok) (sprintf "gamma on %A" path)
        }

        test "IsIdentity on both vector widths and scalar: identity tables of 1, 3 and 4 channels, and one entry off" {
            for ch in [ 1; 3; 4 ] do
                let t = Array.init (256 * ch) (fun i -> byte (i % 256))
                for avx2 in [ false; true ] do
                    if not avx2 || Runtime.Intrinsics.X86.Avx2.IsSupported then
                        Expect.isTrue (Kernels.TableKernels.IsIdentity(ReadOnlySpan t, ch, avx2)) (sprintf "%d channels, avx2 %b" ch avx2)
                        for pos in [ 0; 17; 255; 256 * ch - 1; 256 * (ch - 1) + 40 ] do
                            let u = Array.copy t
                            u.[pos] <- u.[pos] ^^^ 1uy
                            Expect.isFalse (Kernels.TableKernels.IsIdentity(ReadOnlySpan u, ch, avx2)) (sprintf "%d channels, avx2 %b, entry %d" ch avx2 pos)
        }
    ]

let tests =
    testList "batch into" [
        shapeTests
        test "CutMix's image into a buffer (Engine.mixImageInto, DeviceMix.Paste): the partner inside the rectangle, the sample outside, one pass or over the sample itself" {
            // The definition, per element: (x, y) in [x0, x1) x [y0, y1) reads the partner, anything else the sample.
            // A separate destination takes the one-pass copy (CutMixKernels.CopyWithRect); a destination over the
            // sample's own memory the copy-then-paste; both must write the definition. Widths 1 .. 70, odd heights,
            // 1, 3 and 4 channels, empty, full and edge rectangles, bytes and floats.
            let rnd = Random 91
            for k in 0 .. 209 do
                let w, h, c = k % 70 + 1, [| 1; 3; 5; 9 |].[k % 4], [| 1; 3; 4 |].[k % 3]
                let elem = if k % 5 = 4 then ElementType.Float32 else ElementType.Byte
                let range = if elem = ElementType.Byte then ValueRange.Byte else ValueRange.Unit
                let a = Generators.makeImage elem c (w, h) (2 * k) range
                let b = Generators.makeImage elem c (w, h) (2 * k + 1) range
                let x0 = rnd.Next(w + 1)
                let y0 = rnd.Next(h + 1)
                let x0, y0, x1, y1 =
                    match k % 7 with
                    | 0 -> 0, 0, w, h
                    | 1 -> x0, y0, x0, y0
                    | _ -> x0, y0, rnd.Next(x0, w + 1), rnd.Next(y0, h + 1)
                let inside i = let p = i / c in let x, y = p % w, p / w in x >= x0 && x < x1 && y >= y0 && y < y1
                let mix = DeviceMix.Paste(x0, y0, x1, y1)
                if elem = ElementType.Byte then
                    let sa, sb = a.Bytes.ToArray(), b.Bytes.ToArray()
                    let expected = Array.init sa.Length (fun i -> if inside i then sb.[i] else sa.[i])
                    let d = PixelBuffer.Over(Array.create sa.Length 0xA5uy, w, h, c)
                    Engine.mixImageInto RunOptions.Default mix a [| b |] d
                    Expect.equal (d.ToImage().Bytes.ToArray()) expected (sprintf "bytes, separate, %dx%dx%d rect %A" w h c (x0, y0, x1, y1))
                    // An Over buffer of exact length wraps its array: the sample's image and the destination share memory.
                    let shared = Array.copy sa
                    let over = PixelBuffer.Over(shared, w, h, c)
                    Engine.mixImageInto RunOptions.Default mix (over.ToImage()) [| b |] over
                    Expect.equal shared expected (sprintf "bytes, over the sample, %dx%dx%d rect %A" w h c (x0, y0, x1, y1))
                else
                    let sa, sb = a.Floats.ToArray(), b.Floats.ToArray()
                    let expected = Array.init sa.Length (fun i -> if inside i then sb.[i] else sa.[i])
                    let d = PixelBuffer.Over(Array.create sa.Length -7.5f, w, h, c, range)
                    Engine.mixImageInto RunOptions.Default mix a [| b |] d
                    Expect.equal (d.ToImage().Floats.ToArray()) expected (sprintf "floats, separate, %dx%dx%d rect %A" w h c (x0, y0, x1, y1))
        }
        test "runBatchInto writes runBatch's bits, labels and traces, for every pipeline, size, type and thread count" {
            for name, a in pipelines do
                for elem in [ ElementType.Byte; ElementType.Float32 ] do
                    for size in [ (2, 3); (17, 5); (1, 9); (40, 33) ] do
                        // Mosaic needs a centre strictly inside the image (1 to W - 1).
                        let mosaicLike = name.Contains "Mosaic"
                        if not (mosaicLike && (fst size < 2 || snd size < 2)) then
                            for threads in [ 1; 2 ] do
                                for s in 0 .. 2 do
                                    let samples = batch elem size 5 (31 * s + fst size)
                                    let seed = Seed.ofInt (1000 + s)
                                    let expected = Aug.runBatch RunOptions.Default threads a seed samples
                                    let ds = destinations expected
                                    let got = Aug.runBatchInto RunOptions.Default threads a seed samples ds
                                    let here = sprintf "%s, %A %dx%d, %d threads, seed %d" name elem (fst size) (snd size) threads s
                                    Expect.equal got.Length samples.Length (here + ": one result per sample")
                                    for i in 0 .. samples.Length - 1 do
                                        let e, t = expected.[i]
                                        Expect.isTrue ((contents ds.[i]).ContentEquals e.Image) (sprintf "%s: sample %d's bits" here i)
                                        Expect.sequenceEqual (fst got.[i]) e.Label (sprintf "%s: sample %d's label" here i)
                                        Expect.equal (snd got.[i]) t (sprintf "%s: sample %d's trace" here i)
                                        Expect.isFalse (Object.ReferenceEquals(fst got.[i], samples.[i].Label) && samples.[i].Label.Length > 0)
                                            (sprintf "%s: sample %d's label is not the input's array" here i)
        }

        test "runBatchInto with a mask on every sample: the images still match runBatch" {
            let samples =
                batch ElementType.Byte (24, 16) 4 77
                |> Array.mapi (fun k s -> s |> Sample.withMask (Generators.makeImage ElementType.Byte 1 (24, 16) (200 + k) ValueRange.Byte))
            for a in [ Ops.cutMix 1.0; Ops.mosaic; Aug.sequence [ Ops.flipHorizontal; Ops.mixUp 0.3 ] ] do
                let expected = Aug.runBatch RunOptions.Default 1 a (Seed.ofInt 4) samples
                let ds = destinations expected
                Aug.runBatchInto RunOptions.Default 1 a (Seed.ofInt 4) samples ds |> ignore
                for i in 0 .. samples.Length - 1 do
                    Expect.isTrue ((contents ds.[i]).ContentEquals (fst expected.[i]).Image) (sprintf "%O: sample %d" a i)
        }

        test "destinations that do not fit are named by index, with their shape and the expected one" {
            let samples = batch ElementType.Byte (17, 5) 3 9
            let ok () = [| for _ in 0 .. 2 -> PixelBuffer.Allocate(17, 5, 3, ElementType.Byte, ValueRange.Byte) |]
            let run a ds = Aug.runBatchInto RunOptions.Default 1 a (Seed.ofInt 1) samples ds
            // Wrong count.
            BadInput.expectArg "destinations" [ "was 2"; "one destination per sample (3)" ] (fun () -> run Ops.invert (ok ()).[0 .. 1])
            // A null, a read-only view of an image, a wrong shape and a wrong element type, each at index 2.
            let withAt2 (d: PixelBuffer) = let ds = ok () in ds.[2] <- d; ds
            BadInput.expectArg "destinations[2]" [ "null" ] (fun () -> run Ops.invert (withAt2 null))
            BadInput.expectArg "destinations[2]" [ "writable" ] (fun () -> run Ops.invert (withAt2 (PixelBuffer.View samples.[2].Image)))
            for a in [ Ops.invert; Ops.mixUp 0.4; Aug.sequence [ Ops.invert; Ops.cutMix 1.0 ] ] do
                BadInput.expectArg "destinations[2]" [ "5x4x3 Byte"; "17x5x3 Byte"; "sample 2" ]
                    (fun () -> run a (withAt2 (PixelBuffer.Allocate(5, 4, 3, ElementType.Byte, ValueRange.Byte))))
                BadInput.expectArg "destinations[2]" [ "17x5x3 Float32"; "17x5x3 Byte" ]
                    (fun () -> run a (withAt2 (PixelBuffer.Allocate(17, 5, 3, ElementType.Float32, ValueRange.Unit))))
            // The shape expected after a crop is the output's (as Aug.outputShape plans it), not the input's.
            let cropped = Aug.outputShape (Ops.centralCrop 0.5) (Seed.ofInt 1) samples.[0]
            Expect.notEqual (cropped.Width, cropped.Height) (17, 5) "the crop changes the shape"
            BadInput.expectArg "destinations[0]" [ "was \"17x5x3 Byte\""; sprintf "a %dx%dx3 Byte buffer" cropped.Width cropped.Height ]
                (fun () -> run (Ops.centralCrop 0.5) (ok ()))
        }

        test "C# RunBatchInto writes what C# RunBatch gives, with the same labels and traces" {
            let imgs = [| for k in 0 .. 3 -> Generators.makeImage ElementType.Byte 3 (20, 14) (50 + k) ValueRange.Byte |]
            let csSamples = imgs |> Array.mapi (fun k img -> Augment.CSharp.Sample(img).WithLabel(float (k % 2), float (1 - k % 2)))
            let csAug = Augment.CSharp.Augmentation.Sequence(Augment.CSharp.Augmentations.Brightness(Augment.CSharp.Sampler.Uniform(-0.2, 0.2)),
                                                             Augment.CSharp.Augmentations.CutMix(1.0))
            let expected = csAug.RunBatch(csSamples, 6L, threads = 2)
            let ds = [| for _ in 0 .. 3 -> PixelBuffer.Allocate(20, 14, 3, ElementType.Byte, ValueRange.Byte) |]
            let got = csAug.RunBatchInto(csSamples, 6L, ds, threads = 2)
            Expect.equal got.Count 4 "one result per sample"
            for i in 0 .. 3 do
                Expect.isTrue (ds.[i].ToImage().ContentEquals expected.[i].Sample.Image) (sprintf "sample %d: same bits" i)
                Expect.sequenceEqual got.[i].Label expected.[i].Sample.Label (sprintf "sample %d: same label" i)
                Expect.equal (Json.traceToString got.[i].Trace.Inner) (Json.traceToString expected.[i].Trace.Inner) (sprintf "sample %d: same trace" i)
        }

        test "a warm runBatchInto of a batch op that ends the pipeline allocates no image-sized buffer per sample" {
            // 96 x 96 x 3 = 27,648 bytes per image, 8 samples: runBatch allocates 8 output images per call (221 KB).
            let samples = batch ElementType.Byte (96, 96) 8 3
            for a in [ Ops.mixUp 0.4; Ops.cutMix 1.0; Ops.mosaic ] do
                let seed = Seed.ofInt 2
                let ds = destinations (Aug.runBatch RunOptions.Default 1 a seed samples)
                let perSample (f: unit -> unit) =
                    for _ in 1 .. 5 do f ()
                    let before = GC.GetAllocatedBytesForCurrentThread()
                    for _ in 1 .. 20 do f ()
                    float (GC.GetAllocatedBytesForCurrentThread() - before) / 20.0 / 8.0
                let into = perSample (fun () -> Aug.runBatchInto RunOptions.Default 1 a seed samples ds |> ignore)
                let fresh = perSample (fun () -> Aug.runBatch RunOptions.Default 1 a seed samples |> ignore)
                Expect.isLessThan into (27648.0 / 4.0) (sprintf "%O: %.0f bytes per sample into destinations" a into)
                Expect.isGreaterThan fresh 27648.0 (sprintf "%O: %.0f bytes per sample with new images (the measure sees an image)" a fresh)
        }
    ]
