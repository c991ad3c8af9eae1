/// `augment run` (Augment.Cli/Run.fs): the same bytes for any thread count and any sharding (three processes side by
/// side against one), resuming after kill -9 at random moments, corrupt inputs named and skipped or stopping the run
/// with --strict, and the output formats reading back.
module CliTests

open System
open System.Diagnostics
open System.IO
open Expecto
open Augment
open Augment.Cli
open Augment.Native

let private tempDir (tag: string) =
    let d = Path.Combine(Path.GetTempPath(), sprintf "augment-cli-%s-%O" tag (Guid.NewGuid()))
    Directory.CreateDirectory d |> ignore
    d

/// The built CLI beside this test assembly's build (Augment.Cli/bin/<configuration>/net10.0/linux-x64).
let private cliDll =
    lazy (
        let dir = DirectoryInfo AppContext.BaseDirectory
        let rec up (d: DirectoryInfo) = if isNull d then None elif d.Name = "Properties.Tests" then Some d else up d.Parent
        match up dir with
        | Some tests ->
            let rel = Path.GetRelativePath(tests.FullName, AppContext.BaseDirectory)
            let p = Path.Combine(tests.Parent.FullName, "Augment.Cli", rel, "Augment.Cli.dll")
            if not (File.Exists p) then failtestf "the CLI is not built at %s" p
            p
        | None -> failtest "cannot find the repository from the test assembly")

/// Every file under a folder with its bytes, by relative path.
let private tree (dir: string) =
    Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
    |> Array.map (fun f -> Path.GetRelativePath(dir, f).Replace('\\', '/'), File.ReadAllBytes f)
    |> Array.sortBy fst
    |> Map.ofArray

let private sameTree (a: string) (b: string) what =
    let ta, tb = tree a, tree b
    Expect.equal (ta |> Map.keys |> List.ofSeq) (tb |> Map.keys |> List.ofSeq) (what + ": the same files")
    for KeyValue (k, v) in ta do
        if v <> tb.[k] then failtestf "%s: %s differs" what k

/// A small COCO dataset from the bundled photos, shrunk (so that runs are quick), with boxes, a polygon on the first
/// image and keypoints on one object.
let private makeDataset () =
    let dir = tempDir "data"
    let images, cats = Coco.read (Path.Combine(IO.samplesDir, "annotations.json"))
    let items =
        images |> List.mapi (fun j im ->
            let img = ImageIO.read (Path.Combine(IO.samplesDir, im.FileName))
            let w, h = img.Width / 4, img.Height / 4
            let small = Aug.apply (Ops.resize w h Interpolation.Area) (Seed.ofInt 0) (Sample.ofImage img |> Sample.withBoxes im.Boxes)
            let file = Path.GetFileNameWithoutExtension im.FileName + (if j = 3 then ".jpg" else ".png")
            ImageIO.write (Path.Combine(dir, file)) small.Image
            let objects =
                small.Boxes |> Array.mapi (fun k b ->
                    { Box = b
                      Segmentation = (if j = 0 && k = 0 then Some(Segmentation.Polygons [| [| b.XMin; b.YMin; b.XMax; b.YMin; b.XMin; b.YMax |] |]) else None)
                      Keypoints = (if j = 1 && k = 0 then [| (b.XMin + b.XMax) / 2.0, (b.YMin + b.YMax) / 2.0, 2; 0.0, 0.0, 0 |] else [||])
                      Crowd = false })
            { File = file; Width = small.Image.Width; Height = small.Image.Height; Objects = objects })
        |> Array.ofList
    // Three more copies of the photos under other names, so that three shards have two or three inputs each.
    let extra =
        items |> Array.take 3 |> Array.map (fun it ->
            let file = "more/" + it.File
            Directory.CreateDirectory(Path.Combine(dir, "more")) |> ignore
            File.Copy(Path.Combine(dir, it.File), Path.Combine(dir, file))
            { it with File = file })
    Coco.write (Path.Combine(dir, "coco.json")) { Format = AnnotationFormat.Coco; ImageRoot = dir; Items = Array.append items extra; Categories = Map.toArray cats }
    let pipeline =
        Aug.sequence [
            Aug.maybe 0.5 Ops.flipHorizontal
            Aug.maybe 0.5 Ops.randomRot90
            Ops.brightness (Sampler.uniform -0.3 0.3)
            Aug.maybe 0.5 (Ops.gaussianBlur (Sampler.uniform 0.5 1.5)) ]
    Pipeline.saveFile (Path.Combine(dir, "pipeline.json")) pipeline
    dir, pipeline

let private options (data: string) (pipeline: Aug) (out: string) : Run.Options =
    { Input = Path.Combine(data, "coco.json"); Pipeline = pipeline; Copies = 3; Seed = 11L; Out = out; Format = None
      Shard = { Index = 0; Count = 1 }; Threads = 1; Gallery = true; Strict = false }

let private cliArgsWith (copies: int) (threads: int) (data: string) (out: string) (extra: string list) =
    [ cliDll.Value; "run"; "--input"; Path.Combine(data, "coco.json"); "--pipeline"; Path.Combine(data, "pipeline.json")
      "--copies"; string copies; "--seed"; "11"; "--out"; out; "--threads"; string threads; "--gallery" ] @ extra

let private cliArgs data out extra = cliArgsWith 3 1 data out extra

let private start (args: string list) (env: (string * string) list) =
    let psi = ProcessStartInfo("dotnet", args, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true)
    for k, v in env do psi.Environment.[k] <- v
    Process.Start psi

let private finish (p: Process) =
    let out = p.StandardOutput.ReadToEndAsync()
    let err = p.StandardError.ReadToEndAsync()
    p.WaitForExit()
    p.ExitCode, out.Result, err.Result

let private null' = TextWriter.Null

let tests =
    testSequenced <| testList "CLI" [
        test "--shard reads k/n and env:VAR/n, and refuses anything else by name" {
            let env = function "JOB_COMPLETION_INDEX" -> "2" | _ -> null
            Expect.equal (Run.parseShard env "1/3") { Index = 1; Count = 3 } "k/n"
            Expect.equal (Run.parseShard env "env:JOB_COMPLETION_INDEX/4") { Index = 2; Count = 4 } "env:VAR/n"
            for bad in [ "3/3"; "-1/2"; "a/2"; "1"; "env:SLURM_ARRAY_TASK_ID/2"; "1/0" ] do
                let e = Expect.throwsC (fun () -> Run.parseShard env bad |> ignore) id
                Expect.isTrue (e :? ArgumentException) (sprintf "%s: ArgumentException" bad)
                Expect.stringContains e.Message "shard" (sprintf "%s: names the option" bad)
        }

        test "the same bytes for 1 and 2 threads and for 3 shards run one after another; the output reads back" {
            let data, pipeline = makeDataset ()
            let one, two, shards = tempDir "t1", tempDir "t2", tempDir "s3"
            try
                let s1 = Run.run (options data pipeline one) null'
                Expect.equal (s1.Written, s1.Skipped, s1.Failed, s1.Assembled) (21, 0, [], true) "7 inputs x 3 copies written"
                Run.run { options data pipeline two with Threads = 2 } null' |> ignore
                sameTree one two "1 thread vs 2"
                for k in 0 .. 2 do Run.run { options data pipeline shards with Shard = { Index = k; Count = 3 } } null' |> ignore
                sameTree one shards "1 shard vs 3"
                // A rerun writes nothing and changes nothing.
                let again = Run.run (options data pipeline one) null'
                Expect.equal (again.Written, again.Skipped) (0, 21) "rerun skips every output"
                sameTree one two "after the rerun"
                let d = Dataset.read (Path.Combine(one, "annotations.json"))
                Expect.equal d.Items.Length 21 "21 images in annotations.json"
                Expect.isTrue (File.Exists(Path.Combine(one, "gallery.png"))) "gallery"
                // Copy c of input i is Aug.run with seedOf 11 i c: the first output's image is exactly that.
                let src = Dataset.read (Path.Combine(data, "coco.json"))
                let s = Dataset.toSample src.Items.[0] (ImageIO.read (Path.Combine(data, src.Items.[0].File)))
                let expected, _ = Aug.run pipeline (Run.seedOf 11L 0 1) s
                let written = ImageIO.read (Path.Combine(one, "images", "astronaut-1.png"))
                Expect.isTrue (written.ContentEquals expected.Image) "output = the pipeline run with its derived seed"
                let ann = d.Items |> Array.find (fun it -> it.File = "images/astronaut-1.png")
                Expect.equal (ann.Objects |> Array.map (fun o -> o.Box)) (expected.Boxes |> Array.mapi (fun k b -> b)) "boxes"
                Expect.isTrue ann.Objects.[0].Segmentation.IsSome "the polygon's object keeps a segmentation (as RLE)"
            finally
                for d in [ data; one; two; shards ] do Directory.Delete(d, true)
        }

        test "YOLO and VOC outputs from COCO input read back with the same boxes" {
            let data, pipeline = makeDataset ()
            let coco, yolo, voc = tempDir "c", tempDir "y", tempDir "v"
            try
                Run.run (options data pipeline coco) null' |> ignore
                Run.run { options data pipeline yolo with Format = Some AnnotationFormat.Yolo } null' |> ignore
                Run.run { options data pipeline voc with Format = Some AnnotationFormat.Voc } null' |> ignore
                let c = Dataset.read (Path.Combine(coco, "annotations.json"))
                let y = Dataset.read yolo
                let v = Dataset.read voc
                Expect.equal y.Format AnnotationFormat.Yolo "YOLO"
                Expect.equal v.Format AnnotationFormat.Voc "VOC"
                let boxes (d: Dataset) (name: string -> string) =
                    d.Items |> Array.map (fun it -> name it.File, it.Objects |> Array.map (fun o -> Box.toVoc o.Box |> Array.map (fun x -> Math.Round(x, 6)))) |> Array.sortBy fst
                let cb = boxes c (fun f -> Path.GetFileName f)
                Expect.equal (boxes v id) cb "VOC boxes = COCO boxes"
                // YOLO stores normalised centres and sizes: equal to 1e-6 pixels after rounding.
                Expect.equal (boxes y (fun f -> Path.GetFileName f)) cb "YOLO boxes = COCO boxes"
            finally
                for d in [ data; coco; yolo; voc ] do Directory.Delete(d, true)
        }

        test "three shard processes side by side give the bytes of one process" {
            let data, _ = makeDataset ()
            let one, three = tempDir "p1", tempDir "p3"
            try
                let code, _, err = finish (start (cliArgs data one []) [])
                Expect.equal code 0 (sprintf "one process: %s" err)
                let ps = [ for k in 0 .. 2 -> start (cliArgs data three [ "--shard"; "env:SLURM_ARRAY_TASK_ID/3" ]) [ "SLURM_ARRAY_TASK_ID", string k ] ]
                for p in ps do
                    let code, out, err = finish p
                    Expect.equal code 0 (sprintf "a shard: %s" err)
                    Expect.stringContains out "failed inputs: 0" (sprintf "a shard failed nothing: %s" err)
                sameTree one three "one process vs three shard processes"
            finally
                for d in [ data; one; three ] do Directory.Delete(d, true)
        }

        test "kill -9 at random moments, then a rerun: the bytes of an uninterrupted run" {
            let data, _ = makeDataset ()
            let clean, killed = tempDir "clean", tempDir "killed"
            try
                let code, _, err = finish (start (cliArgsWith 12 2 data clean []) [])
                Expect.equal code 0 (sprintf "uninterrupted: %s" err)
                let rng = Random 2026
                let mutable kills = 0
                let images () =
                    let d = Path.Combine(killed, "images")
                    if Directory.Exists d then Directory.GetFiles(d).Length else 0
                for _ in 1 .. 6 do
                    // Kill mid-run whatever the machine's speed: 84 outputs; once 1 to 6 more images are on disk, then
                    // 0 to 20 ms later (inside a write, between an image and its annotation part, or in the assembly).
                    let target = images () + 1 + rng.Next 6
                    let extra = rng.Next 21
                    let p = start (cliArgsWith 12 2 data killed []) []
                    while not p.HasExited && images () < target do Threading.Thread.Sleep 2
                    Threading.Thread.Sleep extra
                    if not p.HasExited then
                        p.Kill true   // SIGKILL on Linux: no handler runs
                        kills <- kills + 1
                    p.WaitForExit()
                Expect.isGreaterThanOrEqual kills 3 "at least three runs were killed mid-run"
                let code, out, err = finish (start (cliArgsWith 12 2 data killed []) [])
                Expect.equal code 0 (sprintf "rerun: %s" err)
                Expect.stringContains out "complete:" "the rerun completes the dataset"
                sameTree clean killed (sprintf "after %d kills and a rerun" kills)
            finally
                for d in [ data; clean; killed ] do Directory.Delete(d, true)
        }

        test "a corrupt input is named and skipped, or stops the run with --strict" {
            let data = tempDir "bad"
            let out1, out2 = tempDir "o1", tempDir "o2"
            try
                let img = Image.FromBytes(16, 12, 3, ReadOnlySpan(Array.init (16 * 12 * 3) byte))
                ImageIO.write (Path.Combine(data, "good.png")) img
                File.WriteAllBytes(Path.Combine(data, "broken.png"), Array.append (ImageIO.encode "png" 100 img |> Array.take 40) [| 1uy; 2uy |])
                Pipeline.saveFile (Path.Combine(data, "p.json")) Ops.flipHorizontal
                let args out extra = [ cliDll.Value; "run"; "--input"; data; "--pipeline"; Path.Combine(data, "p.json"); "--copies"; "2"; "--out"; out ] @ extra
                let code, out, err = finish (start (args out1 []) [])
                Expect.equal code 0 "skipped, not failed"
                Expect.stringContains err "broken.png" "named on stderr"
                Expect.stringContains out "failed inputs: 1" "counted in the summary"
                Expect.equal (Directory.GetFiles(Path.Combine(out1, "images")) |> Array.map Path.GetFileName |> Array.sort) [| "good-0.png"; "good-1.png" |] "the good input's copies"
                let code, _, err = finish (start (args out2 [ "--strict" ]) [])
                Expect.equal code 1 "--strict stops with exit code 1"
                Expect.stringContains err "broken.png" "and names the file"
            finally
                for d in [ data; out1; out2 ] do Directory.Delete(d, true)
        }
    ]
