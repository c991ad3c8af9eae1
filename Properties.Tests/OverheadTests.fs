/// The run path's fixed cost: byte tables composed without a closure per entry (against the per-entry reference,
/// Engine.byteEntry, on random maps), Aug.runIntoUntraced against Aug.runInto (same bits, same draws), the view a run
/// reuses between draws, and what a run into a destination allocates once warm (a measured property, not a timing).
module OverheadTests

open System
open Expecto
open Augment
open Augment.Native

// The reference the engine had before tables were composed map by map: every entry through byteEntry, step after step.
let private referenceTables (steps: Step list) (ch: int) =
    let t = Array.init (256 * ch) (fun i -> byte (i % 256))
    for s in steps do
        match s with
        | Step.Point pm -> for c in 0 .. ch - 1 do for v in 0 .. 255 do t.[c * 256 + v] <- Engine.byteEntry pm c t.[c * 256 + v]
        | _ -> failwith "point steps only"
    t

let private tablesOf (steps: Step list) (ch: int) =
    let img = Image.FromBytes(3, 2, ch, ReadOnlySpan(Array.init (6 * ch) byte))
    let t = Array.create (256 * ch) 9uy
    Engine.byteTables steps (PixelBuffer.View img) t
    t

let private image (rnd: Random) w h c =
    let b = Array.zeroCreate<byte> (w * h * c)
    rnd.NextBytes b
    Image.FromBytes(w, h, c, b)

let private pipelines =
    [ "invert", Ops.invert
      "flip", Ops.flipHorizontal
      "pipeline6", Aug.sequence [ Ops.flipHorizontal; Ops.rot90 1; Ops.centralCrop 0.8; Ops.brightness (Sampler.constant 0.1)
                                  Ops.contrast (Sampler.constant 1.3); Ops.grayscale ]
      "random colour chain", Aug.sequence [ Ops.brightness (Sampler.uniform -0.2 0.2); Ops.contrast (Sampler.uniform 0.5 1.5)
                                            Ops.solarize (Sampler.uniform 0.3 0.9); Ops.gamma (Sampler.uniform 0.5 2.0) 1.0 ]
      "combinators", Aug.sequence [ Aug.maybe 0.5 Ops.flipVertical
                                    Aug.oneOf [ 1.0, Ops.invert; 2.0, Ops.rotate (Sampler.uniform -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0 ]
                                    Aug.someOf 2 [ Ops.equalize; Ops.posterize 3; Ops.brightness (Sampler.uniform -0.3 0.3) ] ] ]

let private destinationFor (a: Aug) seed sample =
    let out = (Aug.apply a seed sample).Image
    PixelBuffer.Over(Array.zeroCreate<byte> out.Length, out.Width, out.Height, out.Channels)

// Ops whose draw, check and plan allocate nothing (NoParams and one step built once), so that what a run of them
// allocates is the engine's own cost: the runner, the views, the plan, the groups, the intermediates.
let private fixedOp (name: string) (step: Step) =
    let spec : OpSpec<NoParams> =
        { Name = name; Kind = OpKind.Custom; Summary = "a fixed step"; Check = ignore; Plan = fun _ _ -> step }
    Aug.op (Op.ofSpec spec (fun _ _ -> NoParams.Value))

// The bytes a call allocates on this thread once warm, per call (GC.GetAllocatedBytesForCurrentThread counts exactly).
// The steady state: the least of five windows of 100 warm calls. A one-off allocation inside a window (a pool bucket
// refilled after a gen-2 trim, a lazily built cache) lands in one window only; an allocation on every call lands in all.
let private bytesPerCall (f: unit -> unit) =
    for _ in 1 .. 50 do f ()
    Seq.init 5 (fun _ ->
        let before = GC.GetAllocatedBytesForCurrentThread()
        for _ in 1 .. 100 do f ()
        float (GC.GetAllocatedBytesForCurrentThread() - before) / 100.0)
    |> Seq.min

let tests =
    testList "overhead" [
        test "invert's byte table is 255 - v on every channel (Ops.invert: min + max - x, 255 - x for bytes)" {
            let img = Image.FromBytes(4, 4, 3, ReadOnlySpan(Array.zeroCreate<byte> 48))
            let view = { Shape = Shape.Of img; ElementType = ElementType.Byte; Range = ValueRange.Byte; Boxes = [||]; Keypoints = [||]
                         HasMask = false; CurrentMask = (fun () -> None); LabelLength = 0; BatchSize = 1; BatchIndex = 0 }
            let o = (Aug.tryOp Ops.invert).Value
            let step = o.Plan(o.Draw(Seed.ofInt 1, view), view)
            let t = tablesOf [ step ] 3
            for c in 0 .. 2 do
                for v in 0 .. 255 do Expect.equal t.[c * 256 + v] (byte (255 - v)) (sprintf "channel %d value %d" c v)
        }

        test "tables composed map by map equal the per-entry reference on random affine and function chains" {
            let rnd = Random 8
            let f32 lo hi = float32 (lo + rnd.NextDouble() * (hi - lo))
            for trial in 0 .. 599 do
                let ch = [| 1; 3; 4 |].[trial % 3]
                let shared = rnd.Next 2 = 0
                let coef lo hi = let x = f32 lo hi in Array.init ch (fun _ -> if shared then x else f32 lo hi)
                let step () =
                    match rnd.Next 7 with
                    | 0 -> Step.Point(PointMap.Func("f", fun c x -> x * (1.1f + 0.1f * float32 c) - 7.5f))
                    // Ties: scale 1 and add k + 0.5 put every entry on a rounding tie.
                    | 1 -> Step.Point(PointMap.Affine(Array.zeroCreate ch, Array.create ch 1f, Array.create ch (float32 (rnd.Next(-40, 40)) + 0.5f)))
                    // Channels that share some coefficients and not others.
                    | 2 -> Step.Point(PointMap.Affine(Array.create ch 3f, Array.init ch (fun c -> if c = 1 then 2f else 0.5f), Array.create ch -1f))
                    // Only the offset differs between channels (an RGB shift).
                    | 3 -> Step.Point(PointMap.Affine(Array.zeroCreate ch, Array.create ch 1f, Array.init ch (fun c -> float32 (10 * c) - 5f)))
                    // Extremes: products that overflow to infinity, coefficients that are infinite or NaN (the
                    // vector evaluation must fall back to the scalar one for those).
                    | 4 ->
                        let pick (xs: float32[]) = Array.init ch (fun _ -> xs.[rnd.Next xs.Length])
                        Step.Point(PointMap.Affine(pick [| 0f; 1e38f; -1e38f; 127.5f |], pick [| 1e30f; -1e30f; 0f; 1e-30f; -0f; infinityf |],
                                                   pick [| 0.5f; -0.5f; 1e38f; 254.5f; nanf; -infinityf |]))
                    | _ -> Step.Point(PointMap.Affine(coef -300.0 300.0, coef -4.0 4.0, coef -300.0 600.0))
                let steps = List.init (1 + rnd.Next 4) (fun _ -> step ())
                Expect.equal (tablesOf steps ch) (referenceTables steps ch) (sprintf "trial %d, %d channels" trial ch)
        }

        test "runIntoUntraced writes the same bits as runInto and run, for every pipeline and seed" {
            let rnd = Random 3
            for name, a in pipelines do
                for w, h in [ 1, 1; 1, 7; 17, 3; 64, 48 ] do
                    let sample = Sample.ofImage (image rnd w h 3)
                    for k in 0 .. 5 do
                        let seed = Seed.ofInt (100 * k + w)
                        let expected = (Aug.apply a seed sample).Image
                        let d1 = destinationFor a seed sample
                        let d2 = destinationFor a seed sample
                        let trace = Aug.runInto RunOptions.Default a seed sample d1
                        Aug.runIntoUntraced RunOptions.Default a seed sample d2
                        Expect.equal (d1.Bytes.ToArray()) (expected.Bytes.ToArray()) (sprintf "%s %dx%d seed %d: runInto against run" name w h k)
                        Expect.equal (d2.Bytes.ToArray()) (expected.Bytes.ToArray()) (sprintf "%s %dx%d seed %d: untraced against run" name w h k)
                        Expect.equal trace (snd (Aug.run a seed sample)) (sprintf "%s %dx%d seed %d: trace" name w h k)
        }

        test "C# RunIntoUntraced writes what C# RunInto writes" {
            let img = image (Random 9) 33 21 3
            let cs = Augment.CSharp.Augmentations.Rotate(Augment.CSharp.Sampler.Uniform(-20.0, 20.0), Interpolation.Bilinear, BorderMode.Constant, 0.0)
                         .Then(Augment.CSharp.Augmentations.Brightness(Augment.CSharp.Sampler.Uniform(-0.2, 0.2)))
            let sample = Augment.CSharp.Sample(img)
            for seed in 0L .. 5L do
                let d1 = PixelBuffer.Allocate(33, 21, 3, ElementType.Byte, ValueRange.Byte)
                let d2 = PixelBuffer.Allocate(33, 21, 3, ElementType.Byte, ValueRange.Byte)
                cs.RunInto(sample, seed, d1) |> ignore
                cs.RunIntoUntraced(sample, seed, d2)
                Expect.isTrue (d1.ToImage().ContentEquals(d2.ToImage())) (sprintf "seed %d" seed)
        }

        test "boxes move the same while views are reused: runs with and without boxes give the same image" {
            let rnd = Random 5
            let img = image rnd 40 30 3
            let boxed = Sample.ofImage img |> Sample.withBoxes [| { XMin = 2.0; YMin = 3.0; XMax = 20.0; YMax = 25.0; Class = 1; Id = 0 } |]
            for _, a in pipelines do
                for k in 0 .. 4 do
                    let seed = Seed.ofInt k
                    let plain, t1 = Aug.run a seed (Sample.ofImage img)
                    let withBoxes, t2 = Aug.run a seed boxed
                    Expect.isTrue (plain.Image.ContentEquals withBoxes.Image) "same image"
                    Expect.equal t1 t2 "same draws"
        }

        test "a warm run into a destination allocates no image-sized or table-sized buffer, and untraced allocates less" {
            let rnd = Random 11
            let sample = Sample.ofImage (image rnd 224 224 3)
            let seed = Seed.ofInt 1
            for name, a in pipelines do
                let d = destinationFor a seed sample
                // The least of five 100-call windows: an allocation made on every call shows in every window, while a
                // one-off (a pool refilled after a gen-2 trim) shows in one (it made this test flaky under load).
                let perCall (f: unit -> unit) =
                    for _ in 1 .. 50 do f ()
                    let window () =
                        let before = GC.GetAllocatedBytesForCurrentThread()
                        for _ in 1 .. 100 do f ()
                        float (GC.GetAllocatedBytesForCurrentThread() - before) / 100.0
                    List.init 5 (fun _ -> window ()) |> List.min
                let traced = perCall (fun () -> Aug.runInto RunOptions.Default a seed sample d |> ignore)
                let untraced = perCall (fun () -> Aug.runIntoUntraced RunOptions.Default a seed sample d)
                // The image is 150,528 bytes and a byte table 768: a run that rented neither would still be far below this.
                Expect.isLessThan untraced 8192.0 (sprintf "%s: %.0f bytes per untraced call" name untraced)
                Expect.isLessThan traced 8192.0 (sprintf "%s: %.0f bytes per traced call" name traced)
                Expect.isLessThan untraced traced (sprintf "%s: untraced %.0f B against traced %.0f B" name untraced traced)
        }
        test "a warm untraced run into a destination allocates 0 bytes in the engine: warps, tables, kernels, a crop, intermediates" {
            let rnd = Random 12
            let img = image rnd 64 48 3
            let s = Shape.Of img
            let flip = fixedOp "flip" (Steps.flipHorizontal s)
            let crop = fixedOp "crop" (Steps.crop BoxFilter.Default 3 5 40 30)
            let rotate = fixedOp "rotate" (Steps.warp (Matrix3.Rotation(17.0, 20.0, 15.0)) 40 30 Interpolation.Bilinear)
            let point = fixedOp "point" (Steps.affine 3 (fun _ -> 0f) (fun _ -> 1.2f) (fun c -> float32 c))
            let point2 = fixedOp "point2" (Step.Point(PointMap.Func("f", fun _ x -> 255f - x)))
            let blur = fixedOp "blur" (Step.Filter(Steps.kernel "copy" 0 (fun a b -> a.ReadBytes.CopyTo(b.Bytes))))
            let gray = fixedOp "gray" (Step.Kernel(Steps.kernel "first channel" 1 (fun a b ->
                                                     let src = a.ReadBytes
                                                     let dst = b.Bytes
                                                     for i in 0 .. dst.Length - 1 do dst.[i] <- src.[3 * i])))
            let cases =
                [ "identity", Aug.identity
                  "flip", flip
                  "point", point
                  "kernel", blur
                  "crop then rotate (two warp groups fused into one)", Aug.sequence [ crop; rotate ]
                  "warp, table, filter, table, kernel (four intermediates)", Aug.sequence [ flip; crop; point; point2; blur; point; gray ]
                  "combinators", Aug.sequence [ Aug.maybe 0.5 flip; Aug.oneOf [ 1.0, point; 2.0, point2 ]; Aug.maybe 1.0 crop ]
                  "some of", Aug.sequence [ Aug.someOf 2 [ point; point2; blur; flip ]; Aug.someOf 0 [ point ]; Aug.someOf 1 [ gray ] ] ]
            for name, a in cases do
                for seed in [ Seed.ofInt 1; Seed.ofInt 2 ] do
                    let sample = Sample.ofImage img
                    let d = destinationFor a seed sample
                    let untraced = bytesPerCall (fun () -> Aug.runIntoUntraced RunOptions.Default a seed sample d)
                    Expect.equal untraced 0.0 (sprintf "%s: bytes per warm untraced call" name)
                    // And the bits are run's.
                    Expect.equal (d.Bytes.ToArray()) ((Aug.apply a seed sample).Image.Bytes.ToArray()) (sprintf "%s: the same bits as run" name)
        }

        test "a warm untraced run of a catalogue op allocates what the op's own draw, check and plan allocate, no more" {
            let rnd = Random 13
            let img = image rnd 224 224 3
            let sample = Sample.ofImage img
            let seed = Seed.ofInt 1
            let view = { Shape = Shape.Of img; ElementType = ElementType.Byte; Range = ValueRange.Byte; Boxes = [||]; Keypoints = [||]
                         HasMask = false; CurrentMask = (fun () -> None); LabelLength = 0; BatchSize = 1; BatchIndex = 0 }
            for name, a in [ "FlipHorizontal", Ops.flipHorizontal; "Rot90", Ops.rot90 1; "Brightness", Ops.brightness (Sampler.uniform -0.2 0.2)
                             "Grayscale", Ops.grayscale; "GaussianBlur", Ops.gaussianBlur (Sampler.constant 1.5)
                             "Rotate", Ops.rotate (Sampler.uniform -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0
                             "Invert", Ops.invert ] do
                let o = (Aug.tryOp a).Value
                let p = o.Draw(seed, view)
                let own = bytesPerCall (fun () -> let p = o.Draw(seed, view) in o.Check p; o.Plan(p, view) |> ignore)
                let d = destinationFor a seed sample
                let untraced = bytesPerCall (fun () -> Aug.runIntoUntraced RunOptions.Default a seed sample d)
                Expect.isLessThanOrEqual untraced own (sprintf "%s: %.0f B per untraced call, the op's draw, check and plan %.0f B" name untraced own)
                ignore p
        }

        test "a warm runInto of pipeline6 allocates only its ops' parameters, steps and trace: under 2,100 B (5,192 B before)" {
            let rnd = Random 14
            let sample = Sample.ofImage (image rnd 224 224 3)
            let seed = Seed.ofInt 1
            let a = snd pipelines.[2]
            let d = destinationFor a seed sample
            let untraced = bytesPerCall (fun () -> Aug.runIntoUntraced RunOptions.Default a seed sample d)
            let traced = bytesPerCall (fun () -> Aug.runInto RunOptions.Default a seed sample d |> ignore)
            Expect.isLessThan untraced 1600.0 (sprintf "pipeline6: %.0f B per untraced call" untraced)
            Expect.isLessThan traced 2100.0 (sprintf "pipeline6: %.0f B per traced call" traced)
        }
        test "one-of and some-of pick what the list-building interpreter picked (its code kept here as the reference)" {
            // The interpreter before it stopped allocating: weights normalised by their maximum in a new list, summed with
            // List.sum, the pick the first running sum above u (else the last); some-of shuffled Array.init n id with the
            // array of Seed.uniforms (Fisher-Yates from the top).
            let refOneOf (ws: float list) (seed: Seed) =
                let m = List.max ws
                let ns = ws |> List.map (fun w -> w / m)
                let u = Seed.uniform (Seed.derive seed 0L) * List.sum ns
                let rec pick i acc = function
                    | [ _ ] -> i
                    | w :: rest -> if u < acc + w then i else pick (i + 1) (acc + w) rest
                    | [] -> i
                pick 0 0.0 ns
            let refSomeOf (n: int) (len: int) (seed: Seed) =
                let order = Array.init len id
                let u = Seed.uniforms (Seed.derive seed 0L) len
                for k in len - 1 .. -1 .. 1 do
                    let j = min k (int (u.[k] * float (k + 1)))
                    let t = order.[k]
                    order.[k] <- order.[j]
                    order.[j] <- t
                List.ofArray order.[.. n - 1]
            let rnd = Random 15
            let sample = Sample.ofImage (image rnd 5 4 3)
            for trial in 0 .. 399 do
                let len = 1 + rnd.Next 6
                let ws = List.init len (fun _ -> match rnd.Next 4 with 0 -> 0.0 | 1 -> 1e300 | _ -> rnd.NextDouble() * 10.0)
                let ws = if List.forall (fun w -> w = 0.0) ws then 1.0 :: List.tail ws else ws
                let seed = Seed.ofInt trial
                match snd (Aug.run (Aug.oneOf (ws |> List.map (fun w -> w, Aug.identity))) seed sample) with
                | Trace.Chose (i, _) -> Expect.equal i (refOneOf ws seed) (sprintf "trial %d: one-of %A" trial ws)
                | t -> failtestf "a chose node, got %A" t
                let n = rnd.Next(len + 1)
                match snd (Aug.run (Aug.someOf n (List.replicate len Aug.identity)) seed sample) with
                | Trace.ChoseMany picks -> Expect.equal (List.map fst picks) (refSomeOf n len seed) (sprintf "trial %d: some-of %d of %d" trial n len)
                | t -> failtestf "a choseMany node, got %A" t
        }
    ]
