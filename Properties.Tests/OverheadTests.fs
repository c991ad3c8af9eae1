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
                let perCall (f: unit -> unit) =
                    for _ in 1 .. 50 do f ()
                    let before = GC.GetAllocatedBytesForCurrentThread()
                    for _ in 1 .. 100 do f ()
                    float (GC.GetAllocatedBytesForCurrentThread() - before) / 100.0
                let traced = perCall (fun () -> Aug.runInto RunOptions.Default a seed sample d |> ignore)
                let untraced = perCall (fun () -> Aug.runIntoUntraced RunOptions.Default a seed sample d)
                // The image is 150,528 bytes and a byte table 768: a run that rented neither would still be far below this.
                Expect.isLessThan untraced 8192.0 (sprintf "%s: %.0f bytes per untraced call" name untraced)
                Expect.isLessThan traced 8192.0 (sprintf "%s: %.0f bytes per traced call" name traced)
                Expect.isLessThan untraced traced (sprintf "%s: untraced %.0f B against traced %.0f B" name untraced traced)
        }
    ]
