/// The README's examples and the RandomBlueTint walk-through, in F# and C#, run as tests; the README must show
/// exactly the code in examples/, and the C# surface must not leak F# types.
module Examples

open System
open System.IO
open System.Reflection
open System.Text.RegularExpressions
open Expecto
open Augment
open Augment.Native

let private repo = Path.GetDirectoryName IO.samplesDir

/// The lines between "// region readme" and "// endregion" of a file, without their common indentation.
let region (path: string) =
    let lines = File.ReadAllLines(Path.Combine(repo, path))
    let a = lines |> Array.findIndex (fun l -> l.Trim() = "// region readme")
    let b = lines |> Array.findIndexBack (fun l -> l.Trim() = "// endregion")
    let body = lines.[a + 1 .. b - 1]
    let indent = body |> Array.filter (fun l -> l.Trim() <> "") |> Array.map (fun l -> l.Length - l.TrimStart().Length) |> Array.min
    body |> Array.map (fun l -> if l.Length >= indent then l.Substring indent else l.TrimStart()) |> String.concat "\n"

/// The README's fenced code blocks of a language.
let readmeBlocks (lang: string) =
    let text = File.ReadAllText(Path.Combine(repo, "README.md")).Replace("\r\n", "\n")
    [ for m in Regex.Matches(text, "```" + lang + "\n(.*?)\n```", RegexOptions.Singleline) -> m.Groups.[1].Value ]

let private photo = Path.Combine(IO.samplesDir, "astronaut.png")
let private astronautBoxes =
    let images, _ = Coco.read (Path.Combine(IO.samplesDir, "annotations.json"))
    (images |> List.find (fun i -> i.FileName = "astronaut.png")).Boxes

let private tinted (img: Image) = [| for c in 0 .. 2 -> Array.init (img.Width * img.Height) (fun p -> float img.Floats.[p * 3 + c]) |> Array.average |]

let tests =
    testList "examples" [
        test "README shows the F# and C# examples exactly as they are in examples/" {
            let fs = readmeBlocks "fsharp"
            let cs = readmeBlocks "csharp"
            for path in [ "examples/Examples.FSharp/Quickstart.fs"; "examples/Examples.FSharp/BlueTint.fs" ] do
                Expect.contains fs (region path) (sprintf "README has the region of %s" path)
            for path in [ "examples/Examples.CSharp/Quickstart.cs"; "examples/Examples.CSharp/BlueTint.cs" ] do
                Expect.contains cs (region path) (sprintf "README has the region of %s" path)
        }

        test "F# quickstart crops to 256 x 256, keeps boxes inside, and replays" {
            let out, trace = Examples.Quickstart.augment photo astronautBoxes 7
            Expect.equal (out.Image.Width, out.Image.Height) (256, 256) "random crop size"
            Expect.isTrue (out.Boxes |> Array.forall (fun b -> b.XMin >= 0.0 && b.XMax <= 256.0 && b.YMin >= 0.0 && b.YMax <= 256.0)) "boxes inside"
            let again = Aug.replay Examples.Quickstart.pipeline trace (Sample.ofImage (ImageIO.read photo) |> Sample.withBoxes astronautBoxes)
            Expect.isTrue (again.Image.ContentEquals out.Image) "replay gives the same bits"
        }

        test "C# quickstart gives the same bits as the same pipeline in F#" {
            let boxes = astronautBoxes |> Array.map (fun b -> Augment.CSharp.BoundingBox(b.XMin, b.YMin, b.XMax, b.YMax, b.Class, b.Id))
            let r = Examples.CSharp.Quickstart.Augment(photo, boxes, 7L)
            let fs, _ = Examples.Quickstart.augment photo astronautBoxes 7
            Expect.isTrue (r.Sample.Image.ContentEquals fs.Image) "one engine, two surfaces"
            Expect.equal r.Sample.Boxes.Length fs.Boxes.Length "same boxes kept"
            let replayed = Examples.CSharp.Quickstart.Pipeline.Replay(Augment.CSharp.AugmentationTrace.FromJson(r.Trace.ToJson()), Augment.CSharp.Sample(ImageIO.read photo).WithBoxes(boxes))
            Expect.isTrue (replayed.Image.ContentEquals r.Sample.Image) "replay from JSON"
        }

        test "RandomBlueTint (F#) raises blue, lowers red and green, stays in range, keeps the label" {
            let img = Image.FromFloats(8, 4, 3, ReadOnlySpan(Array.create 96 0.0f), ValueRange.Symmetric)
            let s = { Sample.ofImage img with Label = [| 0.0; 1.0 |]; Boxes = [| Box.create 1.0 1.0 3.0 3.0 2 5 |] }
            let out, trace = Aug.run (Examples.BlueTint.randomBlueTint (Sampler.uniform 0.1 0.3)) (Seed.ofInt 3) s
            let f = match trace with Trace.Applied (_, p) -> (p :?> Params).["factor"] | t -> failtestf "unexpected trace %A" t
            // On [-1, 1] a factor f shifts by 2f: red and green go to -2f, blue to +2f.
            let m = tinted out.Image
            Expect.floatClose Accuracy.medium m.[2] (2.0 * f) "blue"
            Expect.floatClose Accuracy.medium m.[0] (-2.0 * f) "red"
            Expect.equal out.Label s.Label "label unchanged"
            Expect.equal out.Boxes s.Boxes "boxes unchanged"
            let strong = Aug.apply (Examples.BlueTint.randomBlueTint (Sampler.constant 0.9)) (Seed.ofInt 3) s
            Expect.isTrue (strong.Image.Floats.ToArray() |> Array.forall (fun v -> v >= -1f && v <= 1f)) "clamped to the range"
        }

        test "RandomBlueTint (C#) equals the F# one bit for bit" {
            let img = Generators.makeImage ElementType.Byte 3 (33, 7) 4 ValueRange.Byte
            let fs = Aug.apply (Examples.BlueTint.randomBlueTint (Sampler.uniform 0.0 0.5)) (Seed.ofInt 11) (Sample.ofImage img)
            let cs = Examples.CSharp.BlueTint.RandomBlueTint(Augment.CSharp.Sampler.Uniform(0.0, 0.5)).Run(Augment.CSharp.Sample(img).WithLabel(1.0), 11L)
            Expect.isTrue (cs.Sample.Image.ContentEquals fs.Image) "same op, same seed, same bits"
            Expect.sequenceEqual cs.Sample.Label [ 1.0 ] "label unchanged"
        }

        test "no F# type appears in a public signature of the C# surface" {
            let leaks (t: Type) =
                let rec bad (t: Type) =
                    (not (isNull t.Namespace) && t.Namespace.StartsWith "Microsoft.FSharp")
                    || (t.IsGenericType && t.GetGenericArguments() |> Array.exists bad)
                    || (t.HasElementType && bad (t.GetElementType()))
                let members = t.GetMembers(BindingFlags.Public ||| BindingFlags.Instance ||| BindingFlags.Static ||| BindingFlags.DeclaredOnly)
                [ for m in members do
                    match m with
                    | :? MethodInfo as mi ->
                        if bad mi.ReturnType || (mi.GetParameters() |> Array.exists (fun p -> bad p.ParameterType)) then yield mi.Name
                    | :? PropertyInfo as pi -> if bad pi.PropertyType then yield pi.Name
                    | :? FieldInfo as fi -> if bad fi.FieldType then yield fi.Name
                    | _ -> () ]
            for asm in [ typeof<Augment.CSharp.Augmentation>.Assembly; typeof<Examples.CSharp.Quickstart>.Assembly ] do
                for t in asm.GetExportedTypes() do
                    Expect.isEmpty (leaks t) (sprintf "%s exposes F# types" t.FullName)
        }
    ]
