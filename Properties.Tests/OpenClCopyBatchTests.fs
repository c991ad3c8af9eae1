/// Shared launches of exact copies (flips, quarter turns, transposes, crops, pads) across the images of a batch on the
/// OpenCL device: images whose plan starts with an exact copy and that share source shape, output shape and element type
/// run it in one launch (copy_u8_batch / copy_f32_batch), each with its own map, window, border and fill. The results must
/// be the CPU's bits and the per-group path's (one launch per image) bits; the launch counts are worked out by hand from
/// the batches below. Without OpenCL (or with AUGMENT_OPENCL_TESTS=off) every test is skipped, as in OpenClTests.
module OpenClCopyBatchTests

open System
open Expecto
open Augment
open Augment.Native
open Augment.OpenCL
open Generators

let private fresh () =
    let b = OpenClBackend.Create "default"
    b.Log <- null
    b

let private onDevice (b: IBackend) = { RunOptions.Default with Backend = Some b }

let private maskOf (w: int) (h: int) (seed: int) =
    let rnd = Random seed
    Image.FromBytes(w, h, 1, ReadOnlySpan(Array.init (w * h) (fun _ -> byte (rnd.Next 4))))

/// CPU, shared-launch device path and per-group device path on the same seed: every sample's image and mask the same bits.
let private sameThreeWays (b: OpenClBackend) (aug: Aug) (seed: int) (samples: Sample[]) =
    let cpu = Aug.runBatch RunOptions.Default 1 aug (Seed.ofInt seed) samples
    let dev = Aug.runBatch (onDevice b) 1 aug (Seed.ofInt seed) samples
    let perGroup = Aug.runBatch (onDevice b.PerGroup) 1 aug (Seed.ofInt seed) samples
    for i in 0 .. samples.Length - 1 do
        let d, c, p = fst dev.[i], fst cpu.[i], fst perGroup.[i]
        Expect.sequenceEqual (bits d.Image) (bits c.Image) (sprintf "seed %d, sample %d: the CPU's bits" seed i)
        Expect.sequenceEqual (bits d.Image) (bits p.Image) (sprintf "seed %d, sample %d: the per-group path's bits" seed i)
        match d.Mask, c.Mask with
        | Some dm, Some cm -> Expect.sequenceEqual (bits dm) (bits cm) (sprintf "seed %d, sample %d: the CPU's mask" seed i)
        | None, None -> ()
        | _ -> failtestf "seed %d, sample %d: a mask on one side only" seed i

let tests =
    testList "OpenCL copy batches" [
        testCase "12 byte images with their own flips, turns and crops: one shared launch for the images, one for the masks" (withOpenCl (fun () ->
            let b = fresh ()
            // Twelve 24 x 24 x 3 byte images with 24 x 24 masks: a flip, turn or transpose, then a 16 x 16 crop at a random
            // offset (one exact copy per sample, 16 x 16 out), then maybe brightness (plans that go on after the copy).
            let samples = Array.init 12 (fun i -> { Sample.ofImage (makeImage ElementType.Byte 3 (24, 24) (300 + i) ValueRange.Byte) with Mask = Some(maskOf 24 24 i) })
            let aug =
                Aug.sequence [
                    Aug.oneOfUniform [ Ops.flipHorizontal; Ops.flipVertical; Ops.rot90 1; Ops.rot90 2; Ops.rot90 3; Ops.transpose ]
                    Ops.randomCrop 16 16
                    Aug.maybe 0.5 (Ops.brightness (Sampler.uniform -0.2 0.2)) ]
            for seed in 0 .. 2 do
                b.ResetReport()
                sameThreeWays b aug seed samples
                // By hand: the 12 image copies (24x24x3 -> 16x16x3, 20 KiB of sources, under the 1 MiB cap of a CPU device)
                // share one launch, the 12 mask copies (24x24x1 -> 16x16x1) another; one launch per image before.
                let st = b.PlanStats()
                Expect.equal (st.SharedLaunches, st.SharedImages) (2L, 24L) (sprintf "seed %d: shared launches and the images they covered" seed)
                let rows = b.Report() |> Seq.map (fun r -> r.Group, r) |> Map.ofSeq
                Expect.equal rows.["warp exact copy"].OnDevice 48L (sprintf "seed %d: every copy on the device (24 shared, 24 per group)" seed)))

        testCase "float pads with their own borders and fills, odd sizes: the CPU's bits, one shared launch" (withOpenCl (fun () ->
            let b = fresh ()
            // Twelve 13 x 7 x 4 float images padded by 1 2 3 4 with a constant (two fills), reflected or replicated border
            // (20 x 10 out for every one), then maybe flipped: the first group of every plan is the pad (with the flip folded
            // in or after it), so the twelve share one launch (the 20 x 10 x 4 floats, 3200 bytes each, are under 1 MiB).
            let samples = Array.init 12 (fun i -> Sample.ofImage (makeImage ElementType.Float32 4 (13, 7) (400 + i) ValueRange.Unit))
            let aug =
                Aug.sequence [
                    Aug.oneOfUniform [ Ops.pad 1 2 3 4 BorderMode.Constant 0.25; Ops.pad 1 2 3 4 BorderMode.Constant 0.75
                                       Ops.pad 1 2 3 4 BorderMode.Reflect101 0.0; Ops.pad 1 2 3 4 BorderMode.Replicate 0.0 ]
                    Aug.maybe 0.5 Ops.flipHorizontal ]
            for seed in 0 .. 2 do
                b.ResetReport()
                sameThreeWays b aug seed samples
                let st = b.PlanStats()
                Expect.equal (st.SharedLaunches, st.SharedImages) (1L, 12L) (sprintf "seed %d: one shared launch of 12" seed)))

        testCase "edge shapes (one row, one column, widths 1 to 70) and mixed output shapes: the CPU's bits" (withOpenCl (fun () ->
            let b = fresh ()
            // Pairs of each shape so that shapes with the same turn share launches; turns change the output shape, so
            // images of one source shape split by output shape.
            let shapes = [| for w in [ 1; 2; 7; 31; 64; 70 ] do for h in [ 1; 5 ] do yield (w, h); yield (w, h) |]
            let samples = shapes |> Array.mapi (fun i (w, h) -> Sample.ofImage (makeImage ElementType.Byte 3 (w, h) (500 + i) ValueRange.Byte))
            let aug = Aug.oneOfUniform [ Ops.flipHorizontal; Ops.rot90 1; Ops.transpose; Ops.pad 0 1 2 0 BorderMode.Reflect101 0.0 ]
            for seed in 0 .. 3 do
                b.ResetReport()
                sameThreeWays b aug seed samples
                let st = b.PlanStats()
                Expect.isLessThanOrEqual st.SharedLaunches (st.SharedImages / 2L) (sprintf "seed %d: every shared launch covers two images or more" seed)))
    ]
