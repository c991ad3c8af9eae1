/// Properties of ops and pipelines, checked by FsCheck on generated images, samples, seeds and pipelines.
/// A failing property prints FsCheck's replay seed (Expecto keeps it on); the augmentation seed is in the
/// counterexample.
module Properties

open System
open System.Runtime.InteropServices
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native
open Generators

let private sameSample (a: Sample) (b: Sample) =
    bits a.Image = bits b.Image && a.Image.Width = b.Image.Width && a.Image.Channels = b.Image.Channels
    && a.Boxes = b.Boxes && a.Label = b.Label && a.Keypoints = b.Keypoints
    && (match a.Mask, b.Mask with
        | Some m, Some n -> bits m = bits n
        | None, None -> true
        | _ -> false)

let private config = { FsCheckConfig.defaultConfig with maxTest = 150 }

let private close (a: Box) (b: Box) =
    abs (a.XMin - b.XMin) < 1e-9 && abs (a.YMin - b.YMin) < 1e-9 && abs (a.XMax - b.XMax) < 1e-9 && abs (a.YMax - b.YMax) < 1e-9
    && a.Class = b.Class && a.Id = b.Id

let private sameGeometry (a: Sample) (b: Sample) =
    bits a.Image = bits b.Image && a.Image.Width = b.Image.Width
    && Array.forall2 close a.Boxes b.Boxes
    && Array.forall2 (fun (k: Keypoint) (l: Keypoint) -> abs (k.X - l.X) < 1e-9 && abs (k.Y - l.Y) < 1e-9) a.Keypoints b.Keypoints
    && bits a.Mask.Value = bits b.Mask.Value

let tests =
    testList "properties" [
        testPropertyWithConfig config "same seed gives the same bits and the same trace" <|
            Prop.forAll (Arb.fromGen (Gen.zip3 genPipeline genImage genSeed)) (fun (pipeline, img, seed) ->
                let s = Sample.ofImage img
                let a, ta = Aug.run pipeline seed s
                let b, tb = Aug.run pipeline seed s
                sameSample a b && ta = tb)

        testPropertyWithConfig config "other seeds give other parameters and other pixels" <|
            Prop.forAll (Arb.fromGen (Gen.zip3 genSeed genSeed (Gen.choose (0, 100000)))) (fun (s1, s2, px) ->
                s1 <> s2 ==> lazy (
                    let r = ValueRange(0f, 1f)
                    // Values in the middle third, so that neither op saturates.
                    let img = Image.FromFloats(9, 5, 3, ReadOnlySpan(fillFloats px 135 (ValueRange(0.34f, 0.66f))), r)
                    let p = Aug.sequence [ Ops.brightness (Sampler.uniform -0.05 0.05); Ops.contrast (Sampler.uniform 0.9 1.1) ]
                    let a, ta = Aug.run p s1 (Sample.ofImage img)
                    let b, tb = Aug.run p s2 (Sample.ofImage img)
                    ta <> tb && bits a.Image <> bits b.Image))

        testPropertyWithConfig config "flipping twice is the identity on every target" <|
            Prop.forAll (Arb.fromGen genBoxSample) (fun s ->
                sameGeometry (Functional.flipHorizontal (Functional.flipHorizontal s)) s
                && sameGeometry (Functional.flipVertical (Functional.flipVertical s)) s)

        testPropertyWithConfig config "rot90 four times is the identity; k then 4 - k too" <|
            Prop.forAll (Arb.fromGen (Gen.zip genBoxSample (Gen.choose (0, 3)))) (fun (s, k) ->
                let four = s |> Functional.rot90 1 |> Functional.rot90 1 |> Functional.rot90 1 |> Functional.rot90 1
                sameGeometry four s && sameGeometry (s |> Functional.rot90 k |> Functional.rot90 (4 - k)) s)

        testPropertyWithConfig config "colour ops keep every sample inside the declared range" <|
            Prop.forAll (Arb.fromGen (Gen.zip3 (genImageWith [ 1; 3; 4 ]) genSeed (Gen.zip (Gen.choose (-300, 300)) (Gen.choose (-500, 500))))) (fun (img, seed, (b, c)) ->
                let p = Aug.sequence [ Ops.brightness (Sampler.uniform (float b / 100.0) (float b / 100.0 + 0.5))
                                       Ops.contrast (Sampler.uniform (float c / 100.0) (float c / 100.0 + 1.0))
                                       Aug.maybe 0.5 Ops.grayscale
                                       Aug.maybe 0.5 Ops.invert ]
                let r = (Aug.apply p seed (Sample.ofImage img)).Image
                r.Range = img.Range
                && (r.ElementType = ElementType.Byte
                    || r.Floats.ToArray() |> Array.forall (fun v -> v >= img.Range.Min && v <= img.Range.Max)))

        testPropertyWithConfig config "after every geometric op boxes stay inside and match their mask's bounds (1 px)" <|
            Prop.forAll (Arb.fromGen (gen {
                let! s = genBoxSample
                let! ops = Gen.listOfLength 3 (genGeometricOp (min s.Image.Width s.Image.Height) (min s.Image.Width s.Image.Height))
                let! seed = genSeed
                return s, ops, seed })) (fun (s, ops, seed) ->
                // Each op is checked on the output of the previous one.
                ops |> List.fold (fun (ok, cur: Sample) op ->
                    let side = min cur.Image.Width cur.Image.Height
                    // Crops were generated for the first image; skip ones that no longer fit.
                    let r = try Some(Aug.apply op seed cur) with :? ArgumentException -> None
                    match r with
                    | None -> ok, cur
                    | Some r ->
                        let W, H = float r.Image.Width, float r.Image.Height
                        let inside = r.Boxes |> Array.forall (fun b -> b.XMin >= 0.0 && b.YMin >= 0.0 && b.XMax <= W && b.YMax <= H)
                        let matches =
                            match r.Boxes, maskBounds r.Mask.Value with
                            | [| b |], Some (x0, y0, x1, y1) ->
                                abs (b.XMin - x0) <= 1.0 && abs (b.YMin - y0) <= 1.0 && abs (b.XMax - x1) <= 1.0 && abs (b.YMax - y1) <= 1.0
                            | [||], None -> true
                            | _ -> false
                        ignore side
                        (ok && inside && matches && r.Label = s.Label), r) (true, s)
                |> fst)

        testPropertyWithConfig config "replaying a trace equals the original run, also through JSON" <|
            Prop.forAll (Arb.fromGen (Gen.zip3 genPipeline (genImageWith [ 3; 4 ]) genSeed)) (fun (pipeline, img, seed) ->
                let s = Sample.ofImage img
                let out, trace = Aug.run pipeline seed s
                let again = Aug.replay pipeline trace s
                let viaJson = Aug.replay pipeline (Json.traceOfString (Json.traceToString trace)) s
                sameSample out again && sameSample out viaJson)

        testPropertyWithConfig config "someOf runs n distinct choices" <|
            Prop.forAll (Arb.fromGen (Gen.zip (Gen.choose (0, 5)) genSeed)) (fun (n, seed) ->
                let choices = [ for i in 0 .. 4 -> Ops.rot90 i ]
                match snd (Aug.run (Aug.someOf n choices) seed (Sample.ofImage (makeImage ElementType.Byte 1 (2, 2) 1 ValueRange.Byte))) with
                | Trace.ChoseMany picks -> picks.Length = n && (picks |> List.map fst |> List.distinct).Length = n
                | _ -> false)

        testPropertyWithConfig config "maybe 0 never runs, maybe 1 always runs" <|
            Prop.forAll (Arb.fromGen genSeed) (fun seed ->
                let s = Sample.ofImage (makeImage ElementType.Byte 3 (3, 2) 5 ValueRange.Byte)
                snd (Aug.run (Aug.maybe 0.0 Ops.invert) seed s) = Trace.Coin(false, Trace.Skip)
                && (match snd (Aug.run (Aug.maybe 1.0 Ops.invert) seed s) with Trace.Coin (true, _) -> true | _ -> false))

        testPropertyWithConfig config "a crop keeps a keypoint visible exactly when it lands inside" <|
            Prop.forAll (Arb.fromGen (Gen.zip genBoxSample genSeed)) (fun (s, seed) ->
                let side = max 1 (min s.Image.Width s.Image.Height / 2)
                let out, trace = Aug.run (Ops.randomCrop side side) seed s
                let p = match trace with Trace.Applied (_, p) -> p :?> CropParams | t -> failwithf "unexpected trace %A" t
                let x, y = float p.X, float p.Y
                let k, k0 = out.Keypoints.[0], s.Keypoints.[0]
                let inside = k0.X >= x && k0.X <= x + float side && k0.Y >= y && k0.Y <= y + float side
                k.Visible = (k0.Visible && inside) && k.X = k0.X - x && k.Y = k0.Y - y)

        test "oneOf follows its weights" {
            // 2000 runs with weights 1:3: the second choice should win about 75% of the time (binomial sd ~ 1%).
            let a = Aug.oneOf [ 1.0, Ops.flipHorizontal; 3.0, Ops.flipVertical ]
            let s = Sample.ofImage (makeImage ElementType.Byte 1 (2, 2) 1 ValueRange.Byte)
            let second =
                [ 0 .. 1999 ] |> List.filter (fun i -> snd (Aug.run a (Seed.ofInt i) s) = Trace.Chose(1, Trace.Applied("FlipVertical", NoParams.Value)))
            Expect.floatClose { absolute = 0.04; relative = 0.0 } (float second.Length / 2000.0) 0.75 "share of the weight-3 choice"
        }

        test "seeds print and parse back" {
            let s = Seed.derive (Seed.ofInt 42) 7L
            Expect.equal (Seed.parse (string s)) s "round trip"
            Expect.notEqual (Seed.derive s 0L) (Seed.derive s 1L) "children differ"
        }
    ]
