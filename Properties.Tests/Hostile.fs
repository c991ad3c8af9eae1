/// Hostile and careless input: tampered traces, random pipelines on random samples, deep nesting, overflowing
/// weights, degenerate boxes and aliasing. Only documented exceptions may escape.
///
/// The two large properties (10,000 tampered traces, 100,000 random pipelines) run in full once per CI run;
/// AUGMENT_FUZZ_SCALE (a divisor, default 1) makes them smaller in the SIMD-off reruns (see .ci/run).
module Hostile

open System
open System.Text.Json.Nodes
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native
open Generators

let private scale =
    match Environment.GetEnvironmentVariable "AUGMENT_FUZZ_SCALE" with
    | null | "" -> 1
    | s -> max 1 (int s)

let private cases n = { FsCheckConfig.defaultConfig with maxTest = max 50 (n / scale) }

/// Exceptions the library documents for bad input.
let private documented (e: exn) = e :? ArgumentException

/// Every op of the catalogue with parameters in their domains, for any image (some still refuse some images,
/// with a documented ArgumentException: a crop larger than the image, equalize on floats).
let private genAnyOp =
    let c = Sampler.constant
    let u lo hi = Sampler.uniform lo hi
    Gen.oneof [
        Gen.elements [ Ops.flipHorizontal; Ops.flipVertical; Ops.randomRot90; Ops.grayscale; Ops.invert; Ops.equalize ]
        Gen.map Ops.rot90 (Gen.choose (-9, 9))
        gen { let! w = Gen.choose (1, 40) in let! h = Gen.choose (1, 40) in return Ops.randomCrop w h }
        gen { let! f = Gen.choose (1, 100) in return Ops.centralCrop (float f / 100.0) }
        gen { let! w = Gen.choose (1, 48)
              let! h = Gen.choose (1, 48)
              let! i = Gen.elements [ Interpolation.Nearest; Interpolation.Bilinear; Interpolation.Area ]
              return Ops.resize w h i }
        gen { let! i = Gen.elements [ Interpolation.Nearest; Interpolation.Bilinear ]
              let! b = Gen.elements [ BorderMode.Constant; BorderMode.Reflect101; BorderMode.Replicate ]
              let! a = Gen.choose (-720, 720)
              return Ops.rotate (u (float a) (float a + 30.0)) i b 0.5 }
        gen { let! b = Gen.elements [ BorderMode.Constant; BorderMode.Reflect101; BorderMode.Replicate ]
              return Ops.affine (u -45.0 45.0) (u 0.5 2.0) (u -20.0 20.0) (u -20.0 20.0) (u -0.3 0.3) (u -0.3 0.3) Interpolation.Bilinear b 0.0 }
        gen { let! w = Gen.choose (1, 40) in let! h = Gen.choose (1, 40) in return Ops.randomResizedCrop w h 0.08 1.0 0.75 1.333 Interpolation.Bilinear }
        gen { let! a = Gen.choose (-100, 100) in return Ops.brightness (c (float a / 100.0)) }
        gen { let! a = Gen.choose (0, 300) in return Ops.contrast (c (float a / 100.0)) }
        gen { let! n = Gen.elements [ 1; 3 ] in return Ops.grayscaleTo n }
        gen { let! t = Gen.choose (0, 100) in return Ops.solarize (c (float t / 100.0)) }
        gen { let! b = Gen.choose (1, 8) in return Ops.posterize b }
        gen { let! g = Gen.choose (10, 400) in return Ops.gamma (c (float g / 100.0)) 1.0 }
        gen { let! s = Gen.choose (1, 30) in return Ops.gaussianBlur (c (float s / 10.0)) }
        gen { let! k = Gen.choose (1, 7) in return Ops.boxBlur k }
        gen { let! k = Gen.elements [ 3; 5 ] in return Ops.medianBlur k }
        gen { let! s = Gen.choose (0, 30) in return Ops.gaussianNoise (c (float s / 100.0)) } ]

let private genAnyPipeline =
    let rec tree depth =
        if depth = 0 then genAnyOp
        else
            Gen.frequency [
                3, genAnyOp
                2, gen { let! n = Gen.choose (1, 4) in let! xs = Gen.listOfLength n (tree (depth - 1)) in return Aug.sequence xs }
                1, gen { let! p = Gen.choose (0, 10) in let! x = tree (depth - 1) in return Aug.maybe (float p / 10.0) x }
                1, gen { let! xs = Gen.listOfLength 3 (tree (depth - 1))
                         let! ws = Gen.listOfLength 3 (Gen.choose (0, 4))
                         let ws = if List.forall ((=) 0) ws then [ 1; 0; 0 ] else ws
                         return Aug.oneOf (List.zip (ws |> List.map float) xs) }
                1, gen { let! xs = Gen.listOfLength 3 (tree (depth - 1))
                         let! n = Gen.choose (0, 3)
                         return Aug.someOf n xs } ]
    tree 2

/// Random samples: 1x1 to 300x300 (mostly small), 1, 3 or 4 channels, bytes or floats in a random range, with
/// boxes (some of zero area), a mask, keypoints (some off the image) and a label.
let private genAnySample =
    gen {
        let! big = Gen.frequency [ 9, Gen.constant false; 1, Gen.constant true ]
        let! w = Gen.choose (1, if big then 300 else 32)
        let! h = Gen.choose (1, if big then 300 else 32)
        let! c = Gen.elements [ 1; 3; 4 ]
        let! elem = Gen.elements [ ElementType.Byte; ElementType.Float32 ]
        let! range = genRange
        let! seed = Gen.choose (0, Int32.MaxValue)
        let img = makeImage elem c (w, h) seed range
        let rnd = Random seed
        let coord n = float (rnd.Next(0, n + 1))
        let boxes =
            Array.init (rnd.Next 4) (fun i ->
                let x0, x1 = coord w, coord w
                let y0, y1 = coord h, coord h
                Box.create (min x0 x1) (min y0 y1) (max x0 x1) (max y0 y1) (i % 3) i)
        let keypoints = Array.init (rnd.Next 3) (fun _ -> { X = float (rnd.Next(-5, w + 6)); Y = float (rnd.Next(-5, h + 6)); Visible = true })
        let mask = makeImage ElementType.Byte 1 (w, h) (seed + 1) ValueRange.Byte
        return { Sample.ofImage img with Boxes = boxes; Keypoints = keypoints; Mask = Some mask; Label = [| 0.25; 0.75 |] }
    }

let private inRange (img: Image) =
    img.ElementType = ElementType.Byte
    || img.Floats.ToArray() |> Array.forall (fun v -> Single.IsFinite v && v >= img.Range.Min && v <= img.Range.Max)

let private boxesInside (s: Sample) =
    let W, H = float s.Image.Width, float s.Image.Height
    s.Boxes |> Array.forall (fun b -> b.XMin >= 0.0 && b.YMin >= 0.0 && b.XMax <= W && b.YMax <= H && b.XMin <= b.XMax && b.YMin <= b.YMax)

/// Every node of a JSON tree with a way to replace or delete it.
let rec private slots (n: JsonNode) : (JsonNode * (JsonNode option -> unit)) list =
    match n with
    | :? JsonObject as o ->
        [ for kv in List.ofSeq o do
            let key = kv.Key
            yield kv.Value, (fun r -> match r with Some v -> o[key] <- v | None -> o.Remove key |> ignore)
            if not (isNull kv.Value) then yield! slots kv.Value ]
    | :? JsonArray as a ->
        [ for i in 0 .. a.Count - 1 do
            let i = i
            yield a[i], (fun r -> match r with Some v -> a[i] <- v | None -> a.RemoveAt i)
            if not (isNull a[i]) then yield! slots a[i] ]
    | _ -> []

let private replacements : (unit -> JsonNode) list =
    [ (fun () -> JsonValue.Create "x"); (fun () -> JsonValue.Create 1e300); (fun () -> JsonValue.Create -1e300)
      (fun () -> JsonValue.Create 2.7); (fun () -> JsonValue.Create -1); (fun () -> JsonValue.Create 1e20)
      (fun () -> JsonValue.Create "NaN"); (fun () -> JsonValue.Create true); (fun () -> JsonArray())
      (fun () -> JsonObject()); (fun () -> null); (fun () -> JsonNode.Parse """{"a":{"b":[1,{"c":null}]}}""")
      (fun () -> JsonValue.Create 0); (fun () -> JsonValue.Create 3) ]

let tests =
    testList "hostile input" [
        testPropertyWithConfig (cases 10000) "tampered traces are replayed or refused with an ArgumentException" <|
            Prop.forAll (Arb.fromGen (Gen.zip3 genPipeline genSeed (Gen.zip3 (Gen.choose (0, 1000)) (Gen.choose (0, 13)) (Gen.choose (0, 2))))) (fun (p, seed, (pick, repl, kind)) ->
                let img = makeImage ElementType.Byte 3 (17, 13) 5 ValueRange.Byte
                let s = Sample.ofImage img
                let _, trace = Aug.run p seed s
                let node = JsonNode.Parse(Json.traceToString trace)
                match slots node with
                | [] -> true
                | all ->
                    let target, set = all.[pick % all.Length]
                    match kind with
                    | 0 -> set None
                    | 1 -> set (Some(replacements.[repl] ()))
                    | _ ->
                        // Rename: move the value under another key, when the slot is an object member.
                        match target with
                        | null -> set None
                        | t -> set None; (match t.Parent with :? JsonObject as o -> o["renamed"] <- t.DeepClone() | _ -> ())
                    let text = node.ToJsonString()
                    try
                        Aug.replay p (Json.traceOfString text) s |> ignore
                        true
                    with e when documented e -> true
                       | e -> failwithf "%s escaped for %s: %s" (e.GetType().Name) text e.Message)

        testPropertyWithConfig (cases 100000) "random pipelines on random samples: documented errors only, values in range, boxes inside" <|
            Prop.forAll (Arb.fromGen (Gen.zip3 genAnyPipeline genAnySample genSeed)) (fun (p, s, seed) ->
                try
                    let out, trace = Aug.run p seed s
                    let replayed = Aug.replay p (Json.traceOfString (Json.traceToString trace)) s
                    let check ok what = if not ok then failwithf "%s (trace %s)" what (Json.traceToString trace)
                    check (inRange out.Image) (sprintf "values outside the declared range %O" out.Image.Range)
                    check (boxesInside out) "a box outside the image"
                    check (abs (Array.sum out.Label - 1.0) < 1e-12) "the label no longer sums to 1"
                    check (out.Keypoints.Length = s.Keypoints.Length) "keypoints lost"
                    check (replayed.Image.ContentEquals out.Image) "the replay differs from the run"
                    true
                with e when documented e -> true)

        test "pipelines nest up to Aug.MaxDepth, serialise and replay there, and are refused deeper when built" {
            let img = makeImage ElementType.Byte 3 (5, 4) 1 ValueRange.Byte
            let mutable p = Ops.invert
            for _ in 2 .. Aug.MaxDepth do p <- Aug.maybe 1.0 p
            let out, t = Aug.run p (Seed.ofInt 1) (Sample.ofImage img)
            let back = Aug.replay p (Json.traceOfString (Json.traceToString t)) (Sample.ofImage img)
            Expect.isTrue (back.Image.ContentEquals out.Image) "replay at the deepest accepted nesting"
            BadInput.expectArg "pipeline" [ "257 levels deep"; "at most 256" ] (fun () -> Aug.maybe 1.0 p)
            // Building 8000 deep stops at the first level too many, with the same error, not a stack overflow.
            BadInput.expectArg "pipeline" [ "at most 256" ] (fun () ->
                let mutable q = Ops.invert
                for _ in 1 .. 8000 do q <- Aug.sequence [ q ]
                q)
        }

        test "oneOf with weights near the largest double picks each choice" {
            let a = Aug.oneOf [ 1e308, Ops.flipHorizontal; 1e308, Ops.flipVertical ]
            let s = Sample.ofImage (makeImage ElementType.Byte 1 (2, 2) 1 ValueRange.Byte)
            let picks = [ for i in 0 .. 199 -> match snd (Aug.run a (Seed.ofInt i) s) with Trace.Chose (k, _) -> k | _ -> -1 ]
            Expect.containsAll picks [ 0; 1 ] "both choices are picked (the weights' sum does not overflow)"
        }

        test "zero-area boxes and keypoints follow one rule under every geometric op" {
            // A degenerate box stays while it touches the image; a keypoint off the image is invisible after any op.
            let img = makeImage ElementType.Byte 3 (10, 8) 1 ValueRange.Byte
            let s = { Sample.ofImage img with
                        Boxes = [| Box.create 3.0 2.0 3.0 6.0 1 1 |]
                        Keypoints = [| { X = -936.0; Y = 3.0; Visible = true } |] }
            for op in [ Ops.flipHorizontal; Ops.randomCrop 10 8; Ops.rot90 1; Ops.centralCrop 1.0 ] do
                let out = Aug.apply op (Seed.ofInt 0) s
                Expect.equal out.Boxes.Length 1 (sprintf "%O keeps the zero-area box" op)
                Expect.isFalse out.Keypoints.[0].Visible (sprintf "%O: a keypoint off the image is invisible" op)
        }

        test "outputs never share arrays with their inputs" {
            let img = makeImage ElementType.Byte 3 (6, 5) 1 ValueRange.Byte
            let s = { Sample.ofImage img with Label = [| 1.0; 0.0 |]; Boxes = [| Box.create 1.0 1.0 3.0 3.0 0 0 |]; Keypoints = [| { X = 1.0; Y = 1.0; Visible = true } |] }
            for p in [ Aug.identity; Ops.invert; Ops.flipHorizontal ] do
                let out = Aug.apply p (Seed.ofInt 0) s
                Expect.isFalse (obj.ReferenceEquals(out.Label, s.Label)) "label"
                Expect.isFalse (obj.ReferenceEquals(out.Boxes, s.Boxes)) "boxes"
                Expect.isFalse (obj.ReferenceEquals(out.Keypoints, s.Keypoints)) "keypoints"
        }

        test "C# combinators report a null step by parameter name" {
            let x = Augment.CSharp.Augmentations.Invert()
            let e = Expect.throwsC (fun () -> Augment.CSharp.Augmentation.Sequence(x, null) |> ignore) id
            match e with
            | :? ArgumentNullException as a ->
                Expect.equal a.ParamName "steps" "parameter"
                Expect.stringContains a.Message "steps[1]" "index"
            | other -> failtestf "expected ArgumentNullException, got %s" (other.GetType().Name)
        }
    ]
