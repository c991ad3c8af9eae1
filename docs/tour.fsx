// A tour of Augment in F# Interactive: dotnet fsi docs/tour.fsx [output folder]
//
// It loads the library as a package: the packages `dotnet fsi build.fsx pack` writes into artifacts/, which
// docs/nuget.config adds as a package source (once Augment is on a feed you use, you need neither). It augments a
// bundled photo, writes galleries, defines a custom op, replays a trace and runs a batch with MixUp. Everything it makes goes into the output folder (default: out/tour), with
// tour.json saying what it checked; `dotnet fsi build.fsx tour` runs it and checks that file. docs/tour.ipynb is the
// same tour as a Polyglot / Jupyter notebook, with the galleries shown inline.
#r "nuget: Augment, *-*"

open System
open System.IO
open System.Text.Json.Nodes
open Augment
open Augment.Native

let samples = Path.Combine(__SOURCE_DIRECTORY__, "..", "samples")
let out =
    match fsi.CommandLineArgs |> Array.tryItem 1 with
    | Some d -> d
    | None -> Path.Combine(__SOURCE_DIRECTORY__, "..", "out", "tour")
Directory.CreateDirectory out |> ignore
let report = JsonObject()
let check (name: string) (ok: bool) =
    report[name] <- JsonValue.Create ok
    printfn "%-34s %s" name (if ok then "ok" else "FAILED")

// 1. A photo and its boxes, from the COCO file that comes with the repository.
let dataset = Coco.readDataset (Path.Combine(samples, "annotations.json"))
let astronautItem = dataset.Items |> Array.find (fun it -> it.File = "astronaut.png")
let astronaut = Dataset.toSample astronautItem (ImageIO.read (Path.Combine(samples, "astronaut.png")))
printfn "astronaut: %O, %d boxes" astronaut.Image astronaut.Boxes.Length

// 2. A pipeline is a value; running it with a seed gives the sample and the trace of what was done.
let pipeline =
    Aug.sequence [
        Aug.maybe 0.5 Ops.flipHorizontal
        Aug.maybe 0.5 (Ops.randomCrop 384 384)
        Aug.oneOf [ 1.0, Ops.brightness (Sampler.uniform -0.25 0.25)
                    1.0, Ops.contrast (Sampler.uniform 0.6 1.4)
                    0.5, Ops.grayscale ]
        Aug.maybe 0.3 (Ops.gaussianBlur (Sampler.uniform 0.5 2.0)) ]
let augmented, trace = Aug.run pipeline (Seed.ofInt 7) astronaut
ImageIO.write (Path.Combine(out, "augmented.png")) augmented.Image
check "augmented.png written" (File.Exists(Path.Combine(out, "augmented.png")))

// 3. A gallery: the photo under nine seeds, boxes drawn.
let variants = [ for i in 0 .. 8 -> Aug.apply pipeline (Seed.ofInt i) astronaut ]
Gallery.write (Path.Combine(out, "gallery.png")) 3 256 variants
check "gallery.png written" (File.Exists(Path.Combine(out, "gallery.png")))
check "the same seed gives the same bits" ((Aug.apply pipeline (Seed.ofInt 3) astronaut).Image.ContentEquals variants.[3].Image)

// 4. A custom op: KerasCV's RandomBlueTint, one expression. Boxes, masks and keypoints pass through.
let randomBlueTint (factor: Sampler) =
    Op.pixel "RandomBlueTint" [ ("factor", factor) ] (fun p image ->
        let shift = float32 (Op.param "factor" p) * image.Range.Width
        let deltas: float32[] = Array.init image.Channels (fun c -> if c < 2 then -shift elif c = 2 then shift else 0f)
        ImageOps.AddPerChannel(image, deltas))
    |> Aug.op
let tinted = Aug.sequence [ pipeline; randomBlueTint (Sampler.uniform 0.1 0.3) ]
Gallery.write (Path.Combine(out, "gallery-custom.png")) 3 256 [ for i in 0 .. 5 -> Aug.apply tinted (Seed.ofInt i) astronaut ]
let tintedOut = Aug.apply tinted (Seed.ofInt 0) astronaut
check "custom op keeps the boxes" (tintedOut.Boxes = (Aug.apply pipeline (Seed.derive (Seed.ofInt 0) 0L) astronaut).Boxes)

// 5. Replay: the trace as JSON, read back and applied again gives the same bits, without drawing.
let traceJson = Json.traceToString trace
File.WriteAllText(Path.Combine(out, "trace.json"), traceJson)
let replayed = Aug.replay pipeline (Json.traceOfString traceJson) astronaut
check "replay equals the run" (replayed.Image.ContentEquals augmented.Image && replayed.Boxes = augmented.Boxes)

// 6. A batch with MixUp: four photos at one size, one-hot labels; MixUp mixes images and labels with a partner.
let batch =
    dataset.Items |> Array.mapi (fun i it ->
        let s = Dataset.toSample it (ImageIO.read (Path.Combine(samples, it.File)))
        let s = Aug.apply (Ops.resize 256 256 Interpolation.Area) (Seed.ofInt 0) s
        Sample.withLabel (Array.init dataset.Items.Length (fun k -> if k = i then 1.0 else 0.0)) s)
let mixing = Aug.sequence [ Aug.maybe 0.5 Ops.flipHorizontal; Ops.mixUp 0.4 ]
let mixed = Aug.runBatch RunOptions.Default 2 mixing (Seed.ofInt 11) batch |> Array.map fst
Gallery.write (Path.Combine(out, "gallery-mixup.png")) 2 256 mixed
for s in mixed do printfn "mixed label: %s" (String.Join(", ", s.Label |> Array.map (sprintf "%.3f")))
check "MixUp labels sum to 1" (mixed |> Array.forall (fun s -> abs (Array.sum s.Label - 1.0) < 1e-9))
let oneThread = Aug.runBatch RunOptions.Default 1 mixing (Seed.ofInt 11) batch |> Array.map fst
check "batch bits do not depend on threads" (Array.forall2 (fun (a: Sample) (b: Sample) -> a.Image.ContentEquals b.Image) mixed oneThread)

// 7. Save the pipeline for the command line: augment show / augment run --pipeline.
Pipeline.saveFile (Path.Combine(out, "pipeline.json")) pipeline
check "pipeline.json loads back" ((Aug.apply (Pipeline.loadFile (Path.Combine(out, "pipeline.json"))) (Seed.ofInt 5) astronaut).Image.ContentEquals (Aug.apply pipeline (Seed.ofInt 5) astronaut).Image)

File.WriteAllText(Path.Combine(out, "tour.json"), Json.toText report)
printfn "tour: %s" (Path.GetFullPath out)
if report |> Seq.exists (fun kv -> not (kv.Value.GetValue<bool>())) then exit 1
