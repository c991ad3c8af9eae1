/// The seeded data loader: a sample's seed is its place in the epoch, the output is the same bits for any number of
/// workers and any prefetch depth, the shuffle is a seeded permutation, corrupt files are skipped or fail by path, at
/// most Prefetch batches are in flight, and JPEGs decode at the DCT scale asked for. Every file is written here.
module LoaderTests

open System
open System.IO
open System.Threading
open Expecto
open Augment
open Augment.Native

/// A fresh folder of class subfolders "a" and "b" holding PNGs and JPEGs of random pixels (sizes vary per file).
let private makeFolder (count: int) =
    let root = Path.Combine(Path.GetTempPath(), "augment-loader-" + Guid.NewGuid().ToString "N")
    for i in 0 .. count - 1 do
        let cls = if i % 3 = 0 then "b" else "a"
        let dir = Path.Combine(root, cls)
        Directory.CreateDirectory dir |> ignore
        let img = Generators.makeImage ElementType.Byte 3 (40 + i % 7, 30 + i % 5) (1000 + i) ValueRange.Byte
        ImageIO.write (Path.Combine(dir, sprintf "img%03d.%s" i (if i % 2 = 0 then "png" else "jpg"))) img
    root

let private cleanup (root: string) = try Directory.Delete(root, true) with _ -> ()

/// Everything a batch holds, as bytes and numbers, for bit-for-bit comparisons.
let private fingerprint (batches: Batch seq) =
    [ for b in batches ->
        b.Index, b.Positions, b.Items,
        [ for s in b.Samples -> Generators.bits s.Image, s.Label |> Array.map BitConverter.DoubleToInt64Bits ],
        b.Skipped |> Array.map (fun s -> s.Position, s.Path) ]

let private options workers prefetch =
    { LoaderOptions.Default with BatchSize = 4; Workers = workers; Prefetch = prefetch }

/// Flips, a rotation and brightness, resized to one shape, then MixUp across the batch.
let private pipeline =
    Aug.sequence [
        Ops.resize 24 20 Interpolation.Bilinear
        Ops.randomFlip true true
        Ops.rotate (Sampler.uniform -20.0 20.0) Interpolation.Bilinear BorderMode.Constant 0.0
        Ops.brightness (Sampler.uniform -0.2 0.2)
        Aug.maybe 0.8 (Ops.mixUp 0.4)
    ]

let tests =
    testList "Loader" [
        testProperty "an epoch's order is a permutation, equal for equal seeds and epochs" <| fun (seed: int64) (epoch: byte) (n: byte) ->
            let root = Seed.ofInt64 seed
            let o = Loader.order root (int epoch) (int n) true
            Expect.equal (Array.sort o) [| 0 .. int n - 1 |] "a permutation of 0 .. n-1"
            Expect.equal (Loader.order root (int epoch) (int n) true) o "the same seed and epoch give the same order"
            Expect.equal (Loader.order root (int epoch) (int n) false) [| 0 .. int n - 1 |] "no shuffle: dataset order"

        test "orders differ between epochs and between seeds" {
            // 100! orders: two independent shuffles agree with probability 1 / 100!, so equality means the seed is unused.
            let root = Seed.ofInt 7
            let e0 = Loader.order root 0 100 true
            Expect.notEqual (Loader.order root 1 100 true) e0 "epoch 1 differs from epoch 0"
            Expect.notEqual (Loader.order (Seed.ofInt 8) 0 100 true) e0 "another root seed differs"
            // Each of 100 items should land in the first position about equally often over epochs: a chi-square-free
            // sanity check that the shuffle is not stuck (every item reaches position 0 within 2000 epochs).
            let firsts = Array.init 2000 (fun e -> (Loader.order root e 100 true).[0]) |> Array.distinct
            Expect.equal firsts.Length 100 "every item reaches the first position"
        }

        test "sample i of epoch e runs with derive(derive(root, e), i)" {
            let root = makeFolder 10
            try
                let ds = ImageDataset.ofFolder root
                let single = Aug.sequence [ Ops.resize 24 20 Interpolation.Bilinear; Ops.randomFlip true true; Ops.brightness (Sampler.uniform -0.2 0.2) ]
                let opts = { options 2 2 with Draft = false }
                let rootSeed = Seed.ofInt 42
                for b in Loader.epoch opts single rootSeed 3 ds do
                    for k in 0 .. b.Samples.Length - 1 do
                        let pos = b.Positions.[k]
                        let seed = Seed.derive (Seed.derive rootSeed 3L) (int64 pos)
                        let item = ds.Items.[b.Items.[k]]
                        let input = { Sample.ofImage (ImageIO.read item.Path) with Label = item.Label }
                        let want, _ = Aug.run single seed input
                        Expect.equal (Generators.bits b.Samples.[k].Image) (Generators.bits want.Image) (sprintf "position %d" pos)
                        Expect.equal b.Samples.[k].Label want.Label "label"
                    Expect.equal b.Positions [| b.Index * 4 .. min 10 (b.Index * 4 + 4) - 1 |] "batch b holds positions 4b .. 4b+3"
            finally cleanup root
        }

        test "the same bits for 1, 2 and 7 workers and any prefetch depth" {
            let root = makeFolder 23
            try
                let ds = ImageDataset.ofFolder root
                let run w p = fingerprint (Loader.epoch (options w p) pipeline (Seed.ofInt 5) 1 ds |> List.ofSeq)
                let reference = run 1 1
                Expect.equal reference.Length 6 "23 items in batches of 4"
                for w, p in [ 2, 1; 2, 3; 7, 2; 7, 7; 7, 20; 1, 5 ] do
                    Expect.isTrue (run w p = reference) (sprintf "%d workers, prefetch %d" w p)
                let other = fingerprint (Loader.epoch (options 2 2) pipeline (Seed.ofInt 5) 2 ds |> List.ofSeq)
                Expect.isFalse (other = reference) "another epoch gives other batches"
            finally cleanup root
        }

        test "batches carry NCHW images and [N, K] labels; MixUp labels stay soft and sum to 1" {
            let root = makeFolder 9
            try
                let ds = ImageDataset.ofFolder root
                Expect.equal ds.Classes [| "a"; "b" |] "class folders in ordinal order"
                let opts = { options 3 2 with Normalize = Some(Tensors.imageNetMean, Tensors.imageNetStd) }
                let batches = Loader.epoch opts pipeline (Seed.ofInt 9) 0 ds |> List.ofSeq
                Expect.equal (batches |> List.sumBy (fun b -> b.Samples.Length)) 9 "every item once"
                Expect.equal (batches |> List.collect (fun b -> List.ofArray b.Items) |> List.sort) [ 0 .. 8 ] "each item once"
                for b in batches do
                    let t = b.Images.Value
                    Expect.equal (t.Lengths.ToArray() |> Array.map int) [| b.Samples.Length; 3; 20; 24 |] "NCHW lengths"
                    Expect.equal (b.Labels.Lengths.ToArray() |> Array.map int) [| b.Samples.Length; 2 |] "[N, K] labels"
                    for s in b.Samples do
                        Expect.floatClose Accuracy.high (Array.sum s.Label) 1.0 "a probability vector"
                let soft = batches |> List.exists (fun b -> b.Samples |> Array.exists (fun s -> s.Label |> Array.exists (fun v -> v > 0.0 && v < 1.0)))
                Expect.isTrue soft "MixUp mixed some labels"
            finally cleanup root
        }

        test "drop last leaves out the short batch" {
            let o = { options 1 1 with DropLast = true }
            Expect.equal (Loader.batchCount o 23) 5 "23 / 4 rounded down"
            Expect.equal (Loader.batchCount (options 1 1) 23) 6 "23 / 4 rounded up"
        }

        test "a corrupt file is skipped and reported by path, or fails the run naming it" {
            let root = makeFolder 8
            try
                let bad = Path.Combine(root, "a", "zz-corrupt.png")
                File.WriteAllBytes(bad, Text.Encoding.ASCII.GetBytes "this is not a PNG")
                let truncated = Path.Combine(root, "b", "zz-truncated.jpg")
                let good = File.ReadAllBytes(Directory.GetFiles(Path.Combine(root, "b"), "*.jpg").[0])
                File.WriteAllBytes(truncated, good.[.. good.Length / 3])
                let ds = ImageDataset.ofFolder root
                let skip = { options 2 2 with OnCorrupt = OnCorrupt.Skip }
                let batches = Loader.epoch skip pipeline (Seed.ofInt 3) 0 ds |> List.ofSeq
                let skipped = batches |> List.collect (fun b -> List.ofArray b.Skipped)
                Expect.equal (skipped |> List.map (fun s -> s.Path) |> List.sort) (List.sort [ bad; truncated ]) "both bad files reported"
                for s in skipped do
                    Expect.stringStarts s.Reason s.Path "the reason starts with the path"
                    Expect.equal ds.Items.[s.Item].Path s.Path "item index"
                Expect.equal (batches |> List.sumBy (fun b -> b.Samples.Length)) 8 "the 8 good files remain"
                // The good samples keep their positions and seeds: the same bits with 1 worker and with 7.
                let again = Loader.epoch { skip with Workers = 7; Prefetch = 7 } pipeline (Seed.ofInt 3) 0 ds |> fingerprint
                Expect.isTrue (again = fingerprint batches) "skipping is the same for any worker count"
                let fail = { options 2 2 with OnCorrupt = OnCorrupt.Fail }
                let e = Expect.throwsC (fun () -> Loader.epoch fail pipeline (Seed.ofInt 3) 0 ds |> Seq.iter ignore) id
                Expect.isTrue (e :? InvalidDataException) (sprintf "an InvalidDataException, got %s" (e.GetType().Name))
                Expect.isTrue (e.Message.StartsWith bad || e.Message.StartsWith truncated) (sprintf "names the file: %s" e.Message)
            finally cleanup root
        }

        test "a missing file is reported by path" {
            let root = makeFolder 3
            try
                let ds = ImageDataset.ofFolder root
                let gone = ds.Items.[1].Path
                File.Delete gone
                let skip = { options 1 1 with OnCorrupt = OnCorrupt.Skip }
                let skipped = Loader.epoch skip pipeline (Seed.ofInt 3) 0 ds |> Seq.collect (fun b -> b.Skipped) |> List.ofSeq
                Expect.equal (skipped |> List.map (fun s -> s.Path)) [ gone ] "the deleted file"
                let e = Expect.throwsC (fun () -> Loader.epoch (options 1 1) pipeline (Seed.ofInt 3) 0 ds |> Seq.iter ignore) id
                Expect.isTrue (e :? FileNotFoundException && e.Message.StartsWith gone) e.Message
            finally cleanup root
        }

        test "at most Prefetch batches are in flight beside the one held" {
            let root = makeFolder 40
            try
                let ds = ImageDataset.ofFolder root
                let started = ref 0
                let counter =
                    Aug.op (Op.create "Count" (fun _ _ -> Map.empty) (fun _ s -> Interlocked.Increment started |> ignore; s))
                let a = Aug.sequence [ counter; Ops.resize 16 16 Interpolation.Bilinear ]
                for workers, prefetch in [ 1, 1; 4, 2; 7, 3 ] do
                    started.Value <- 0
                    let opts = { options workers prefetch with BatchSize = 2 }
                    let mutable ahead = false
                    for b in Loader.epoch opts a (Seed.ofInt 1) 0 ds do
                        // Give the workers time to run as far ahead as they may.
                        Thread.Sleep 25
                        let n = Volatile.Read &started.contents
                        // Batches 0 .. b + prefetch may have started: at most (b + 1 + prefetch) * 2 samples.
                        if n > (b.Index + 1 + prefetch) * 2 then
                            failtestf "%d workers, prefetch %d: %d samples started while holding batch %d" workers prefetch n b.Index
                        if n > (b.Index + 1) * 2 then ahead <- true
                    Expect.isTrue ahead (sprintf "%d workers, prefetch %d: the loader worked ahead" workers prefetch)
            finally cleanup root
        }

        test "a JPEG decodes at the smallest DCT scale that is at least the size asked for" {
            let bytes = File.ReadAllBytes(Path.Combine(IO.samplesDir, "rocket.jpg"))
            let opts = DecodeOptions.Default
            Expect.equal (ImageIO.probeWith opts "rocket.jpg" bytes) (640, 427) "the header's size"
            // libjpeg's scaled size is ceil(W n / 8) x ceil(H n / 8) (jdmaster.c, jpeg_core_output_dimensions), so for
            // 640 x 427: n = 1 gives 80 x 54, n = 2 gives 160 x 107, n = 5 gives 400 x 267, n = 6 gives 480 x 321.
            for (mw, mh), want in [ (100, 60), (160, 107); (80, 54), (80, 54); (300, 300), (480, 321); (81, 10), (160, 107); (639, 1), (640, 427); (2000, 2000), (640, 427) ] do
                let im = ImageIO.decodeAtLeastWith opts mw mh "rocket.jpg" bytes
                Expect.equal (im.Width, im.Height) want (sprintf "at least %d x %d" mw mh)
            // Full-size decode is the same as decodeWith; a PNG always decodes at full size.
            let full = ImageIO.decodeAtLeastWith opts 640 427 "rocket.jpg" bytes
            Expect.equal (Generators.bits full) (Generators.bits (ImageIO.decodeWith opts "rocket.jpg" bytes)) "n = 8 is the full decode"
            let png = File.ReadAllBytes(Path.Combine(IO.samplesDir, "chelsea.png"))
            let p = ImageIO.decodeAtLeastWith opts 10 10 "chelsea.png" png
            Expect.equal (p.Width, p.Height) (451, 300) "PNG at full size"
            Expect.throwsT<ArgumentException> (fun () -> ImageIO.decodeAtLeastWith opts 0 10 "x" bytes |> ignore) "a size of 0"
        }

        test "draft decoding gives the resize's shape and nearly the full decode's pixels and boxes" {
            let dir = Path.Combine(Path.GetTempPath(), "augment-loader-" + Guid.NewGuid().ToString "N")
            Directory.CreateDirectory dir |> ignore
            try
                let path = Path.Combine(dir, "rocket.jpg")
                File.Copy(Path.Combine(IO.samplesDir, "rocket.jpg"), path)
                let box = Box.create 100.0 50.0 300.0 400.0 1 7
                let ds = ImageDataset.ofItems [ { Path = path; Label = [||]; Boxes = [| box |] } ] [ "x"; "rocket" ]
                let a = Ops.resize 96 64 Interpolation.Area
                let get draft = (Loader.epoch { options 1 1 with Draft = draft } a (Seed.ofInt 0) 0 ds |> Seq.exactlyOne).Samples.[0]
                let d, f = get true, get false
                Expect.equal (d.Image.Width, d.Image.Height) (96, 64) "the resize's shape"
                let diff = Array.map2 (fun (x: byte) (y: byte) -> abs (int x - int y)) (d.Image.Bytes.ToArray()) (f.Image.Bytes.ToArray())
                let mean = float (Array.sum diff) / float diff.Length
                Expect.isLessThan mean 4.0 (sprintf "mean absolute difference %.2f levels" mean)
                // The box scales by 96/640 and 64/427 either way: the draft's 160 x 107 step only changes the rounding.
                let b, fb = d.Boxes.[0], f.Boxes.[0]
                for x, y in [ b.XMin, fb.XMin; b.YMin, fb.YMin; b.XMax, fb.XMax; b.YMax, fb.YMax ] do
                    Expect.floatClose Accuracy.medium x y "box corner"
                Expect.floatClose Accuracy.medium fb.XMax (300.0 * 96.0 / 640.0) "box x max"
            finally cleanup dir
        }

        test "the C# DataLoader gives the F# loader's bits" {
            let root = makeFolder 7
            try
                let fs = Loader.epoch (options 2 2) pipeline (Seed.ofInt 4) 1 (ImageDataset.ofFolder root) |> fingerprint
                let o = Augment.CSharp.DataLoaderOptions(BatchSize = 4, Workers = 3, Prefetch = 1)
                let loader = Augment.CSharp.DataLoader.FromFolder(root, Augment.CSharp.Augmentation.Wrap pipeline, o)
                Expect.equal loader.BatchCount 2 "7 items in batches of 4"
                let cs =
                    [ for b in loader.Epoch(1, 4L) ->
                        b.Index, Seq.toArray b.Positions, Seq.toArray b.Items,
                        [ for s in b.Samples -> Generators.bits s.Image, s.Label |> Seq.map BitConverter.DoubleToInt64Bits |> Array.ofSeq ],
                        b.Skipped |> Seq.map (fun s -> s.Position, s.Path) |> Array.ofSeq ]
                Expect.isTrue (cs = fs) "same batches"
                let asyncCount =
                    task {
                        let mutable n = 0
                        let e = loader.EpochAsync(1, 4L).GetAsyncEnumerator()
                        let! more = e.MoveNextAsync()
                        let mutable more = more
                        while more do
                            n <- n + e.Current.Samples.Length
                            let! m = e.MoveNextAsync()
                            more <- m
                        do! e.DisposeAsync()
                        return n
                    }
                Expect.equal asyncCount.Result 7 "the async epoch gives every sample"
            finally cleanup root
        }

        test "the C# DataLoader reads YOLO labels into pixel boxes" {
            // Items 1 and 2 go to folder "a" (item 0 to "b").
            let root = makeFolder 3
            try
                let images = Path.Combine(root, "a")
                let labels = Directory.CreateDirectory(Path.Combine(root, "labels")).FullName
                let first = Directory.GetFiles images |> Array.sort |> Array.head
                // YOLO's "class cx cy w h" normalised by the image size: centre (0.5, 0.5), half the width and height, so
                // the box is [W/4, H/4, 3W/4, 3H/4] in pixels.
                File.WriteAllText(Path.Combine(labels, Path.GetFileNameWithoutExtension first + ".txt"), "1 0.5 0.5 0.5 0.5\n")
                let o = Augment.CSharp.DataLoaderOptions(BatchSize = 4, Workers = 1, Prefetch = 1, Shuffle = false)
                let loader = Augment.CSharp.DataLoader.FromYolo(images, labels, [| "x"; "y" |], Augment.CSharp.Augmentation.Identity, o)
                let b = loader.Epoch(0, 1L) |> Seq.exactlyOne
                let s = b.Samples.[0]
                let w, h = float s.Image.Width, float s.Image.Height
                Expect.equal (Seq.toList s.Boxes) [ Augment.CSharp.BoundingBox(w / 4.0, h / 4.0, 3.0 * w / 4.0, 3.0 * h / 4.0, 1, 0) ] "the box in pixels"
                Expect.isEmpty b.Samples.[1].Boxes "no label file: no boxes"
            finally cleanup root
        }

        test "bad options name the field" {
            let ds = ImageDataset.ofItems [] []
            for o, field in [ { options 1 1 with BatchSize = 0 }, "BatchSize"; { options 0 1 with Workers = 0 }, "Workers"; { options 1 0 with Prefetch = 0 }, "Prefetch" ] do
                let e = Expect.throwsC (fun () -> Loader.epoch o pipeline (Seed.ofInt 0) 0 ds |> ignore) id
                Expect.equal (e :?> ArgumentException).ParamName field "the field"
            Expect.throwsT<ArgumentException> (fun () -> Loader.epoch (options 1 1) pipeline (Seed.ofInt 0) -1 ds |> ignore) "epoch -1"
            let e = Expect.throwsC (fun () -> ImageDataset.ofFolder "/nonexistent/augment" |> ignore) id
            Expect.stringContains e.Message "/nonexistent/augment" "names the folder"
        }
    ]
