/// Whole plans and whole batches on the OpenCL device (IPlanBackend): intermediates stay on the device between device
/// groups, a batch's plans reach the device in one call, and the results are the per-group path's and the CPU's. The
/// expected transfer counts are worked out by hand from the plans (one upload per source, one download per result, one
/// download and one upload around a CPU group between device groups). Without OpenCL (or with AUGMENT_OPENCL_TESTS=off)
/// every test is skipped, as in OpenClTests.
module OpenClBatchTests

open System
open Expecto
open Augment
open Augment.Native
open Augment.OpenCL
open Generators

/// A backend of its own (its report and counts start at zero; the device's program and pool are shared), silent.
let private fresh () =
    let b = OpenClBackend.Create "default"
    b.Log <- null
    b

let private onDevice (b: IBackend) = { RunOptions.Default with Backend = Some b }

/// A class map of the image's size.
let private maskOf (w: int) (h: int) (seed: int) =
    let rnd = Random seed
    Image.FromBytes(w, h, 1, ReadOnlySpan(Array.init (w * h) (fun _ -> byte (rnd.Next 4))))

/// Mixed samples: widths 1..70 and heights 1..50 (vector edges, one row, one column), bytes and floats, 3 and 4
/// channels, half with masks.
let private mixedSamples (n: int) =
    Array.init n (fun i ->
        let rnd = Random(1000 + i)
        let w, h = (if i = 0 then 1 else 1 + rnd.Next 70), (if i = 1 then 1 else 1 + rnd.Next 50)
        let elem = if i % 3 = 2 then ElementType.Float32 else ElementType.Byte
        let img = makeImage elem (if i % 2 = 0 then 3 else 4) (w, h) i (if elem = ElementType.Byte then ValueRange.Byte else ValueRange.Unit)
        let s = Sample.ofImage img
        if i % 2 = 0 then { s with Mask = Some(maskOf w h i) } else s)

/// Every sample draws its own plan: exact copies, nearest and bilinear warps, byte tables with and without statistics,
/// float affine maps, a float point function (declined: the CPU runs it), grayscale, the median (declined) between
/// device groups, and noise.
let private mixedPipeline =
    Aug.sequence [
        Aug.oneOfUniform [ Ops.flipHorizontal; Ops.rot90 1
                           Ops.rotate (Sampler.uniform -30.0 30.0) Interpolation.Nearest BorderMode.Reflect101 0.0
                           Ops.resize 37 29 Interpolation.Bilinear ]
        Aug.oneOfUniform [ Ops.brightness (Sampler.uniform -0.2 0.2); Ops.contrast (Sampler.uniform 0.5 1.5); Ops.grayscale
                           Ops.gamma (Sampler.uniform 0.5 2.0) 1.0 ]
        Aug.maybe 0.5 (Ops.medianBlur 3)
        Ops.gaussianNoise (Sampler.constant 0.05)
        Aug.maybe 0.5 Ops.flipVertical ]

let private hasResize (t: Trace) = (sprintf "%A" t).Contains "Resize"

let tests =
    testList "OpenCL batches" [
        testCase "a batch of mixed shapes and plans: the per-group path's bits, and the CPU's (interpolation within 1/255)" (withOpenCl (fun () ->
            let b = fresh ()
            let samples = mixedSamples 24
            let seed = Seed.ofInt 31
            let cpu = Aug.runBatch RunOptions.Default 1 mixedPipeline seed samples
            let batch = Aug.runBatch (onDevice b) 2 mixedPipeline seed samples
            let perGroup = Aug.runBatch (onDevice b.PerGroup) 1 mixedPipeline seed samples
            for i in 0 .. samples.Length - 1 do
                let (c, ct), (d, dt), (g, _) = cpu.[i], batch.[i], perGroup.[i]
                Expect.equal dt ct (sprintf "sample %d: the same draws" i)
                Expect.sequenceEqual (bits d.Image) (bits g.Image) (sprintf "sample %d: the batch path gives the per-group path's bits" i)
                if hasResize ct then
                    Expect.isLessThanOrEqual (maxImageDiff d.Image c.Image) (float c.Image.Range.Width / 255.0) (sprintf "sample %d: within 1/255 of the CPU" i)
                else
                    Expect.sequenceEqual (bits d.Image) (bits c.Image) (sprintf "sample %d (%dx%d %A): the CPU's bits" i c.Image.Width c.Image.Height c.Image.ElementType)
                match c.Mask, d.Mask with
                | Some cm, Some dm -> Expect.sequenceEqual (bits dm) (bits cm) (sprintf "sample %d: the mask's bits" i)
                | None, None -> ()
                | _ -> failtest (sprintf "sample %d: a mask on one side only" i)
            let st = b.PlanStats()
            // Two calls brought plans: the batch, and nothing else (the per-group run goes through TryRun).
            Expect.equal st.Batches 1L "one call for the whole batch"
            Expect.isGreaterThanOrEqual st.Plans 24L "every image's plan (and the masks') in it"))

        testCase "a group declined between device groups splits the plan, and the run is the CPU's" (withOpenCl (fun () ->
            let b = fresh ()
            let img = (makeImage ElementType.Byte 3 (45, 33) 5 ValueRange.Byte).ToFloat32(ValueRange.Unit)
            let aug = Aug.sequence [ Ops.gaussianBlur (Sampler.constant 1.0); Ops.medianBlur 3; Ops.brightness (Sampler.constant 0.1) ]
            let c = fst (Aug.run aug (Seed.ofInt 1) (Sample.ofImage img))
            let d = fst (Aug.runWith (onDevice b) aug (Seed.ofInt 1) (Sample.ofImage img))
            Expect.sequenceEqual (bits d.Image) (bits c.Image) "the CPU's bits with a CPU group inside the device plan"
            // By hand: the source goes up, the blur runs, the image comes down for the median (the split), the median's
            // output goes up, the brightness runs, the result comes down.
            let st = b.PlanStats()
            Expect.equal (st.Plans, st.Uploads, st.Downloads, st.Splits, st.HostReads) (1L, 2L, 2L, 1L, 0L) "plans, uploads, downloads, splits, host reads"
            let rows = b.Report() |> Seq.map (fun r -> r.Group, r) |> Map.ofSeq
            // The float median is declined under its own label ("filter MedianBlur float"), and the split names it.
            let split = rows |> Map.toList |> List.filter (fun (k, _) -> k.StartsWith "plan split at filter MedianBlur")
            Expect.equal (split |> List.map (fun (_, r) -> r.OnCpu)) [ 1L ] (sprintf "the report names the group that split the plan (%A)" (rows |> Map.toList |> List.map fst))
            Expect.equal rows.["filter GaussianBlur"].OnDevice 1L "the blur on the device"
            Expect.equal rows.["points float affine"].OnDevice 1L "the brightness on the device"))

        testCase "a statistic after a device group reads the image on the host, and the tables still run on the device" (withOpenCl (fun () ->
            let b = fresh ()
            let img = makeImage ElementType.Byte 3 (50, 37) 8 ValueRange.Byte
            let aug = Aug.sequence [ Ops.rotate (Sampler.constant 15.0) Interpolation.Nearest BorderMode.Replicate 0.0; Ops.equalize ]
            let c = fst (Aug.run aug (Seed.ofInt 2) (Sample.ofImage img))
            let d = fst (Aug.runWith (onDevice b) aug (Seed.ofInt 2) (Sample.ofImage img))
            Expect.sequenceEqual (bits d.Image) (bits c.Image) "the CPU's bits"
            // By hand: one upload; the equalize histogram needs the rotated image on the host (one download, a host read);
            // its tables run on the device from the device copy; the result comes down.
            let st = b.PlanStats()
            Expect.equal (st.Uploads, st.Downloads, st.Splits, st.HostReads) (1L, 2L, 0L, 1L) "uploads, downloads, splits, host reads"))

        testCase "runInto with a plan backend writes the CPU's bits into the caller's buffer" (withOpenCl (fun () ->
            let b = fresh ()
            let img = makeImage ElementType.Byte 3 (64, 40) 3 ValueRange.Byte
            let aug = Aug.sequence [ Ops.flipHorizontal; Ops.medianBlur 3; Ops.brightness (Sampler.constant 0.1); Ops.rot90 1 ]
            let c = fst (Aug.run aug (Seed.ofInt 4) (Sample.ofImage img))
            let dst = PixelBuffer.Allocate(c.Image.Width, c.Image.Height, c.Image.Channels, ElementType.Byte, ValueRange.Byte)
            Aug.runInto (onDevice b) aug (Seed.ofInt 4) (Sample.ofImage img) dst |> ignore
            Expect.sequenceEqual (bits (dst.ToImage())) (bits c.Image) "the CPU's bits"))

        testCase "a batch op: every sample's plan before it runs as one batch, and the mix is the CPU's" (withOpenCl (fun () ->
            let b = fresh ()
            let samples = Array.init 6 (fun i -> { Sample.ofImage (makeImage ElementType.Byte 3 (30, 20) i ValueRange.Byte) with Label = [| 1.0; 0.0 |] })
            let aug = Aug.sequence [ Ops.flipHorizontal; Ops.brightness (Sampler.uniform -0.2 0.2); Ops.mixUp 0.4; Ops.rot90 1 ]
            let cpu = Aug.runBatch RunOptions.Default 1 aug (Seed.ofInt 6) samples
            let dev = Aug.runBatch (onDevice b) 1 aug (Seed.ofInt 6) samples
            for i in 0 .. samples.Length - 1 do
                Expect.sequenceEqual (bits (fst dev.[i]).Image) (bits (fst cpu.[i]).Image) (sprintf "sample %d" i)
                Expect.equal (fst dev.[i]).Label (fst cpu.[i]).Label (sprintf "sample %d: label" i)
            // Before the mix and after it: two calls, six plans each.
            let st = b.PlanStats()
            Expect.equal (st.Batches, st.Plans) (2L, 12L) "two batch calls of six plans"))

        testCase "the report counts a batch's plans and transfers" (withOpenCl (fun () ->
            let b = fresh ()
            let samples = Array.init 8 (fun i -> { Sample.ofImage (makeImage ElementType.Byte 3 (20, 10) i ValueRange.Byte) with Mask = Some(maskOf 20 10 i) })
            let aug = Aug.sequence [ Ops.flipHorizontal; Ops.brightness (Sampler.constant 0.1) ]
            Aug.runBatch (onDevice b) 1 aug (Seed.ofInt 0) samples |> ignore
            // By hand: 8 image plans (exact copy, then tables) and 8 mask plans (the exact copy alone), each one upload and
            // one download, in one call.
            let st = b.PlanStats()
            Expect.equal (st.Batches, st.Plans, st.Uploads, st.Downloads, st.Splits) (1L, 16L, 16L, 16L, 0L) "batches, plans, uploads, downloads, splits"
            let rows = b.Report() |> Seq.map (fun r -> r.Group, r) |> Map.ofSeq
            Expect.equal (rows.["warp exact copy"].OnDevice, rows.["warp exact copy"].OnCpu) (16L, 0L) "the flip of every image and mask on the device"
            Expect.equal rows.["points byte tables"].OnDevice 8L "the tables of every image"))

        testCase "byte tables first: images of one shape share one launch, with their own tables, and give the CPU's bits" (withOpenCl (fun () ->
            let b = fresh ()
            // Six 33x21x3, three 17x9x4 and one 5x1x3 byte image, interleaved.
            let shapes = [| (33, 21, 3); (17, 9, 4); (33, 21, 3); (5, 1, 3); (33, 21, 3); (17, 9, 4); (33, 21, 3); (33, 21, 3); (17, 9, 4); (33, 21, 3) |]
            let samples = shapes |> Array.mapi (fun i (w, h, c) -> Sample.ofImage (makeImage ElementType.Byte c (w, h) (50 + i) ValueRange.Byte))
            // Every plan starts with a table group (with or without a statistic); some go on with a warp or a median.
            let aug =
                Aug.sequence [
                    Aug.oneOfUniform [ Ops.brightness (Sampler.uniform -0.3 0.3); Ops.contrast (Sampler.uniform 0.5 1.5); Ops.equalize
                                       Ops.gamma (Sampler.uniform 0.5 2.0) 1.0 ]
                    Aug.maybe 0.5 (Ops.rotate (Sampler.uniform -40.0 40.0) Interpolation.Nearest BorderMode.Constant 0.0)
                    Aug.maybe 0.5 (Ops.medianBlur 3) ]
            for seed in 0 .. 2 do
                b.ResetReport()
                let cpu = Aug.runBatch RunOptions.Default 1 aug (Seed.ofInt seed) samples
                let dev = Aug.runBatch (onDevice b) 1 aug (Seed.ofInt seed) samples
                let perGroup = Aug.runBatch (onDevice b.PerGroup) 1 aug (Seed.ofInt seed) samples
                for i in 0 .. samples.Length - 1 do
                    Expect.sequenceEqual (bits (fst dev.[i]).Image) (bits (fst cpu.[i]).Image) (sprintf "seed %d, sample %d: the CPU's bits" seed i)
                    Expect.sequenceEqual (bits (fst dev.[i]).Image) (bits (fst perGroup.[i]).Image) (sprintf "seed %d, sample %d: the per-group path's bits" seed i)
                // By hand: the six 33x21x3 images share one launch, the three 17x9x4 another; the 5x1x3 runs alone.
                let st = b.PlanStats()
                Expect.equal (st.SharedLaunches, st.SharedImages) (2L, 9L) (sprintf "seed %d: shared launches and the images they covered" seed)))

        testSequenced <| testCase "pooled device buffers do not grow across batches" (withOpenCl (fun () ->
            let b = fresh ()
            let samples = mixedSamples 16
            let counts =
                [ for k in 0 .. 5 do
                    Aug.runBatch (onDevice b) 1 mixedPipeline (Seed.ofInt 77) samples |> ignore
                    yield b.PooledBuffers ]
            // The first batch fills the pool; the same batch again rents the same sizes, best fit, from it.
            Expect.equal (List.last counts) counts.[1] (sprintf "the pool after batches 2..6: %A" counts)
            // Different batches of the same sizes do not grow it either once every size has been seen.
            for s in 0 .. 3 do Aug.runBatch (onDevice b) 1 mixedPipeline (Seed.ofInt s) samples |> ignore
            let after = b.PooledBuffers
            for s in 0 .. 3 do Aug.runBatch (onDevice b) 1 mixedPipeline (Seed.ofInt s) samples |> ignore
            Expect.equal b.PooledBuffers after "the same four batches again: no new buffers"))
    ]
