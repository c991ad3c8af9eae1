/// Bad input gets an ArgumentException naming the parameter, the value and what was expected.
module BadInput

open System
open Expecto
open Augment
open Augment.Native

/// Runs f; expects an ArgumentException whose ParamName is param and whose message holds every fragment.
let expectArg (param: string) (fragments: string list) (f: unit -> 'a) =
    let e = Expect.throwsC (f >> ignore) id
    match e with
    | :? ArgumentException as a ->
        Expect.equal a.ParamName param "the parameter is named"
        for fr in fragments do
            Expect.stringContains a.Message fr (sprintf "the message says %A" fr)
    | other -> failtestf "expected an ArgumentException, got %s: %s" (other.GetType().Name) other.Message

let private rgb = Image.FromBytes(4, 3, 3, ReadOnlySpan(Array.create 36 100uy))

let tests =
    testList "bad input" [
        test "wrong channel count" {
            expectArg "channels" [ "channels was 2"; "1, 3 or 4" ] (fun () -> Image.FromBytes(2, 2, 2, ReadOnlySpan(Array.zeroCreate 8)))
            expectArg "outputChannels" [ "was 2"; "1, 3 or 4" ] (fun () -> ImageOps.Grayscale(rgb, 2))
            expectArg "outputChannels" [ "was 4"; "no alpha" ] (fun () -> ImageOps.Grayscale(rgb, 4))
        }
        test "empty image" {
            expectArg "width" [ "width was 0"; "positive" ] (fun () -> Image.FromBytes(0, 5, 3, ReadOnlySpan<byte>([||])))
            expectArg "height" [ "height was 0"; "positive" ] (fun () -> Image.FromFloats(5, 0, 1, ReadOnlySpan<float32>([||]), ValueRange.Unit))
        }
        test "data of the wrong length" {
            expectArg "data" [ "data was 5"; "12 samples" ] (fun () -> Image.FromBytes(2, 2, 3, ReadOnlySpan(Array.zeroCreate 5)))
        }
        test "NaN or infinite factor" {
            expectArg "factor" [ "factor was NaN"; "finite" ] (fun () -> ImageOps.AdjustContrast(rgb, nanf))
            expectArg "delta" [ "delta was Infinity"; "finite" ] (fun () -> ImageOps.AdjustBrightness(rgb, infinityf))
            expectArg "low" [ "low was NaN"; "finite" ] (fun () -> Sampler.uniform nan 1.0)
            expectArg "high" [ "high was -Infinity"; "finite" ] (fun () -> Sampler.uniform 0.0 -infinity)
            expectArg "value" [ "value was Infinity" ] (fun () -> Sampler.constant infinity)
            expectArg "stddev" [ "stddev was -1"; ">= 0" ] (fun () -> Sampler.clippedNormal 0.0 -1.0 0.0 1.0)
            expectArg "alpha" [ "alpha was 0"; "> 0" ] (fun () -> Sampler.beta 0.0 1.0)
            expectArg "low" [ "low was 0"; "> 0" ] (fun () -> Sampler.logUniform 0.0 1.0)
            expectArg "high" [ "high was 1"; ">= low (2)" ] (fun () -> Sampler.uniform 2.0 1.0)
        }
        test "a NaN factor reaching a run through an unchecked sampler" {
            // Sampler cases can be built without the checking constructors; the draw checks again.
            expectArg "low" [ "low was NaN" ] (fun () -> Aug.apply (Ops.brightness (Sampler.Uniform(nan, 1.0))) (Seed.ofInt 1) (Sample.ofImage rgb))
        }
        test "p outside [0, 1]" {
            expectArg "p" [ "p was 1.5"; "[0, 1]" ] (fun () -> Aug.maybe 1.5 Ops.invert)
            expectArg "p" [ "p was -0.1"; "[0, 1]" ] (fun () -> Aug.maybe -0.1 Ops.invert)
            expectArg "p" [ "p was NaN"; "[0, 1]" ] (fun () -> Aug.maybe nan Ops.invert)
        }
        test "pipeline nodes can only be built by the checking combinators" {
            // The union's cases are internal: outside the library, Aug.maybe 2.0 is the only way to ask for p = 2.
            Expect.throwsT<ArgumentException> (fun () -> Microsoft.FSharp.Reflection.FSharpType.GetUnionCases typeof<Aug> |> ignore)
                "F# reflection sees Aug's representation as not public"
            let publicMakers = typeof<Aug>.GetMethods() |> Array.filter (fun m -> m.Name.StartsWith "New")
            Expect.isEmpty publicMakers "no public New* case constructors on Aug"
        }
        test "weights and counts of combinators" {
            expectArg "weights[1]" [ "was -1"; ">= 0" ] (fun () -> Aug.oneOf [ 1.0, Ops.invert; -1.0, Ops.invert ])
            expectArg "weights" [ "positive weight" ] (fun () -> Aug.oneOf [ 0.0, Ops.invert ])
            expectArg "n" [ "n was 3"; "(2)" ] (fun () -> Aug.someOf 3 [ Ops.invert; Ops.grayscale ])
        }
        test "a box with x_min > x_max" {
            expectArg "xMin" [ "xMin was 10"; "xMax (5)" ] (fun () -> Box.create 10.0 0.0 5.0 5.0 0 0)
            let bad = { XMin = 3.0; YMin = 0.0; XMax = 2.0; YMax = 1.0; Class = 0; Id = 0 }
            expectArg "boxes[0].XMin" [ "was 3"; "x_max (2)" ] (fun () -> Sample.ofImage rgb |> Sample.withBoxes [| bad |])
            expectArg "boxes[0].XMin" [ "was 3" ] (fun () -> Aug.apply Ops.flipHorizontal (Seed.ofInt 0) { Sample.ofImage rgb with Boxes = [| bad |] })
            let outside = Box.create 0.0 0.0 5.0 1.0 0 0
            expectArg "boxes[0]" [ "[0, 0, 5, 1]"; "inside the image [0, 0, 4, 3]" ] (fun () -> Sample.ofImage rgb |> Sample.withBoxes [| outside |])
        }
        test "a mask of another size" {
            let mask = Image.FromBytes(3, 3, 1, ReadOnlySpan(Array.zeroCreate 9))
            expectArg "mask" [ "3x3x1"; "size 4x3" ] (fun () -> Sample.ofImage rgb |> Sample.withMask mask)
            let colour = Image.FromBytes(4, 3, 3, ReadOnlySpan(Array.zeroCreate 36))
            expectArg "mask" [ "4x3x3"; "1-channel" ] (fun () -> Sample.ofImage rgb |> Sample.withMask colour)
        }
        test "crops that do not fit" {
            expectArg "width" [ "width was 5"; "image width 4" ] (fun () -> Aug.apply (Ops.randomCrop 5 1) (Seed.ofInt 0) (Sample.ofImage rgb))
            expectArg "fraction" [ "fraction was 0"; "(0, 1]" ] (fun () -> Ops.centralCrop 0.0)
            expectArg "x0" [ "x0 was 3"; "0 to 2" ] (fun () -> ImageOps.Crop(rgb, 3, 0, 2, 2))
        }
        test "float samples outside the declared range" {
            expectArg "data" [ "data was 2"; "[0, 1]" ] (fun () -> Image.FromFloats(1, 1, 1, ReadOnlySpan [| 2f |], ValueRange.Unit))
            expectArg "max" [ "max was 0"; "greater than min (1)" ] (fun () -> ValueRange(1f, 0f))
        }
        test "a trace that does not fit the pipeline" {
            expectArg "trace" [ "$:"; "an op node for Invert" ] (fun () -> Aug.replay Ops.invert (Trace.Steps []) (Sample.ofImage rgb))
            expectArg "trace" [ "$.steps"; "has 1 entries; expected 2" ] (fun () ->
                Aug.replay (Aug.sequence [ Ops.invert; Ops.flipHorizontal ]) (Trace.Steps [ Trace.Skip ]) (Sample.ofImage rgb))
            expectArg "text" [ "trace JSON" ] (fun () -> Json.traceOfString "{not json")
        }
        test "a seed that is not 32 hex digits" {
            expectArg "text" [ "\"xyz\""; "32 hexadecimal digits" ] (fun () -> Seed.parse "xyz")
        }
    ]
