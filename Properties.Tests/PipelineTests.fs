/// Saved pipelines (Augment.Pipeline): every constructor of the library and every combinator round-trips through
/// JSON to an equivalent pipeline that runs to the same bits with the same seed; the format is pinned by a
/// hand-written document and by the golden files in Properties.Tests/golden-pipelines/; bad documents are refused
/// with the JSON path of the bad element.
///
/// When the format changes on purpose (a new version), regenerate the golden files and review their diff:
///
///     dotnet Properties.Tests/bin/Release/net10.0/linux-x64/Properties.Tests.dll --write-golden-pipelines
module PipelineTests

open System
open System.IO
open System.Reflection
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native

let private repo = Path.GetDirectoryName IO.samplesDir

/// Where the golden pipeline files live (in the source tree).
let goldenDir = Path.Combine(repo, "Properties.Tests", "golden-pipelines")

let private u lo hi = Sampler.uniform lo hi

/// A custom op (not a library constructor): saved by name, loaded through a resolver.
let private tint =
    Op.pixel "Tint" [ "shift", u -20.0 20.0 ] (fun p img ->
        let shift = Op.param "shift" p
        let src = img.Bytes.ToArray()
        Image.FromBytes(img.Width, img.Height, img.Channels, ReadOnlySpan(src |> Array.map (fun b -> byte (Math.Clamp(float b + shift, 0.0, 255.0))))))

let private resolver name = if name = "Tint" then Some tint else None

/// The golden pipelines: Golden.fs's fixed pipelines, one with every combinator and a custom op, and one with
/// arguments of every kind a constructor takes (samplers of each family, enums, arrays, a record, booleans).
let goldenPipelines : (string * Aug) list =
    [ for p in Golden.pipelines do yield p.Name, p.Aug
      yield "combinators-custom", Aug.sequence [
          Aug.identity
          Aug.maybe 0.25 (Aug.op tint)
          Aug.oneOf [ 3.0, Ops.flipHorizontal; 1.0, Aug.sequence [ Ops.rot90 3; Aug.op tint ] ]
          Aug.someOf 2 [ Ops.invert; Ops.equalize; Aug.maybe 0.5 Ops.grayscale ] ]
      yield "argument-kinds", Aug.sequence [
          Ops.randomCropWith { MinArea = 4.0; MinVisibility = 0.25 } 48 40
          Ops.gaussianBlur (Sampler.logUniform 0.5 2.0)
          Ops.brightness (Sampler.clippedNormal 0.0 0.1 -0.2 0.2)
          Ops.contrast (Sampler.beta 2.0 2.0)
          Ops.randomFlip true false
          Ops.toGray GrayMethod.Desaturation
          Ops.normalize [| 0.485; 0.456; 0.406 |] [| 0.229; 0.224; 0.225 |] ] ]

/// Writes the golden pipeline files (Program.fs's --write-golden-pipelines).
let writeGolden () =
    Directory.CreateDirectory goldenDir |> ignore
    [ for name, aug in goldenPipelines do
        let path = Path.Combine(goldenDir, name + ".json")
        Pipeline.saveFile path aug
        yield path ]

// ------------------------------------------------------------------ running

/// Every target of a run as text: the image, boxes, keypoints, label and mask hashes, and the trace's JSON.
let private fingerprint (s: Sample, t: Trace) =
    String.Join("\n", [ Golden.hashImage s.Image; Golden.hashBoxes s.Boxes; Golden.hashKeypoints s.Keypoints
                        Golden.hashLabel s.Label; Golden.hashMask s.Mask; Json.traceToString t ])

let private batchInput =
    lazy (Golden.photos |> List.map Golden.fullSample |> Array.ofList)

/// Runs a pipeline as the golden runs do: batch pipelines over the four photos, others on astronaut at full size.
let private runs (batch: bool) (aug: Aug) (seed: int) =
    if batch then Aug.runBatch RunOptions.Default 1 aug (Seed.ofInt seed) batchInput.Value |> Array.map fingerprint |> String.concat "\n"
    else fingerprint (Aug.run aug (Seed.ofInt seed) (Golden.fullSample "astronaut.png"))

let private isBatch (family: string) = family = "batch"

let private roundTrip (aug: Aug) = Pipeline.loadWith resolver (Pipeline.save aug)

/// The message of the ArgumentException that f throws.
let private refusal (f: unit -> 'a) =
    try
        f () |> ignore
        failwith "expected an ArgumentException"
    with :? ArgumentException as e -> e.Message

let private expectAt (path: string) (contains: string) (f: unit -> 'a) =
    let m = refusal f
    Expect.stringStarts m (path + ":") "the message starts with the JSON path"
    Expect.stringContains m contains "the message says what was wrong"

// A document around one node.
let private doc (node: string) = sprintf """{"format": "augment-pipeline", "version": 1, "pipeline": %s}""" node

// ------------------------------------------------------------------ tests

let tests =
    testList "Pipelines" [
        test "the format: a small pipeline saves to the document written by hand from docs/PIPELINE-FORMAT.md" {
            // Written by hand from the format description: a sequence of a constructor call with a sampler,
            // enums and a number; a maybe; a oneOf with weights; a someOf; identity; a constructor without
            // arguments (no args object); a custom op by name. Two-space indentation, LF line ends.
            let aug =
                Aug.sequence [
                    Ops.rotate (u -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0
                    Aug.maybe 0.5 Ops.flipHorizontal
                    Aug.oneOf [ 2.0, Ops.posterize 3; 1.0, Aug.identity ]
                    Aug.someOf 1 [ Aug.op tint; Ops.brightness (Sampler.constant 0.25) ] ]
            let expected =
                String.Join("\n", [
                    "{"
                    "  \"format\": \"augment-pipeline\","
                    "  \"version\": 1,"
                    "  \"pipeline\": {"
                    "    \"sequence\": ["
                    "      {"
                    "        \"op\": \"Rotate\","
                    "        \"args\": {"
                    "          \"degrees\": {"
                    "            \"uniform\": ["
                    "              -30,"
                    "              30"
                    "            ]"
                    "          },"
                    "          \"interpolation\": \"Bilinear\","
                    "          \"border\": \"Constant\","
                    "          \"fill\": 0"
                    "        }"
                    "      },"
                    "      {"
                    "        \"maybe\": 0.5,"
                    "        \"then\": {"
                    "          \"op\": \"FlipHorizontal\""
                    "        }"
                    "      },"
                    "      {"
                    "        \"oneOf\": ["
                    "          {"
                    "            \"weight\": 2,"
                    "            \"then\": {"
                    "              \"op\": \"Posterize\","
                    "              \"args\": {"
                    "                \"bits\": 3"
                    "              }"
                    "            }"
                    "          },"
                    "          {"
                    "            \"weight\": 1,"
                    "            \"then\": {"
                    "              \"identity\": {}"
                    "            }"
                    "          }"
                    "        ]"
                    "      },"
                    "      {"
                    "        \"someOf\": 1,"
                    "        \"of\": ["
                    "          {"
                    "            \"custom\": \"Tint\""
                    "          },"
                    "          {"
                    "            \"op\": \"Brightness\","
                    "            \"args\": {"
                    "              \"factor\": {"
                    "                \"constant\": 0.25"
                    "              }"
                    "            }"
                    "          }"
                    "        ]"
                    "      }"
                    "    ]"
                    "  }"
                    "}" ])
            Expect.equal (Pipeline.save aug) expected "the saved text"
            Expect.isTrue (Pipeline.equivalent (Pipeline.loadWith resolver expected) aug) "the hand-written document loads back"
        }

        test "every op of the catalogue's showcase round-trips and runs to the same bits" {
            for family, name, aug in Augment.Cli.Catalogue.showcase do
                let text = Pipeline.save aug
                let loaded = Pipeline.load text
                Expect.isTrue (Pipeline.equivalent loaded aug) (sprintf "%s: load (save p) is equivalent to p" name)
                Expect.equal (Pipeline.save loaded) text (sprintf "%s: saving the loaded pipeline gives the same text" name)
                let batch = isBatch family
                let aug, loaded =
                    // Batch ops need a batch of one shape: resize first (the same in both).
                    if batch then
                        let first = Ops.resize 96 64 Interpolation.Area
                        Aug.sequence [ first; aug ], Aug.sequence [ first; loaded ]
                    else aug, loaded
                for seed in [ 0; 7 ] do
                    Expect.equal (runs batch loaded seed) (runs batch aug seed) (sprintf "%s, seed %d: the same bits" name seed)
        }

        test "every public constructor round-trips with the catalogue's sample arguments" {
            let t = typeof<Aug>.Assembly.GetType("Augment.Ops")
            let built =
                [ for m in t.GetMethods(BindingFlags.Public ||| BindingFlags.Static) do
                    if m.ReturnType = typeof<Aug> && not m.IsSpecialName then
                        yield m.Name, (m.Invoke(null, m.GetParameters() |> Array.map Augment.Cli.Catalogue.sampleArgument) :?> Aug)
                  for p in t.GetProperties(BindingFlags.Public ||| BindingFlags.Static) do
                    if p.PropertyType = typeof<Aug> then yield p.Name, (p.GetValue null :?> Aug) ]
            Expect.isGreaterThanOrEqual built.Length 84 "the constructors of Ops"
            Expect.equal (built |> List.map fst |> List.sort) (Pipeline.constructorNames () |> List.filter (fun n -> not (n.Contains '.')))
                "the loadable constructors are exactly the public constructors of Ops"
            for name, aug in built do
                let source = Aug.trySource aug
                Expect.isSome source (sprintf "%s records its call" name)
                Expect.equal source.Value.Constructor name (sprintf "%s records its own name" name)
                let loaded = roundTrip aug
                Expect.isTrue (Pipeline.equivalent loaded aug) (sprintf "%s: load (save p) is equivalent to p" name)
        }

        testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 60 } "nested combinators round-trip and run to the same bits" <|
            Prop.forAll (Arb.fromGen (Gen.zip Generators.genPipeline Generators.genImage)) (fun (aug, img) ->
                let loaded = roundTrip aug
                Pipeline.equivalent loaded aug
                && (Pipeline.save loaded = Pipeline.save aug)
                && (let s = Sample.ofImage img
                    [ 0; 1; 2 ] |> List.forall (fun seed ->
                        let a, ta = Aug.run aug (Seed.ofInt seed) s
                        let b, tb = Aug.run loaded (Seed.ofInt seed) s
                        Generators.bits a.Image = Generators.bits b.Image && ta = tb)))

        test "every policy is saved as its own call, loads back equivalent and runs to the same bits" {
            let policies =
                [ "Policies.RandAugment", Policies.randAugment 2 9 31 Interpolation.Bilinear 0.0
                  "Policies.AutoAugment", Policies.autoAugment AutoAugmentPolicy.ImageNet Interpolation.Bilinear 0.0
                  "Policies.AutoAugment", Policies.autoAugment AutoAugmentPolicy.Cifar10 Interpolation.Nearest 128.0
                  "Policies.AutoAugment", Policies.autoAugment AutoAugmentPolicy.Svhn Interpolation.Bilinear 0.0
                  "Policies.TrivialAugmentWide", Policies.trivialAugmentWide 31 Interpolation.Bilinear 0.0
                  "Policies.AugMix", Policies.augMix 3 3 -1 1.0 false Interpolation.Bilinear 0.0
                  "Policies.AugMix", Policies.augMix 5 2 2 0.5 true Interpolation.Nearest 0.0
                  "Policies.RandomAugmentationPipeline",
                  Policies.randomAugmentationPipeline [ Ops.invert; Ops.rotate (u -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0 ] 2 0.8
                  "Policies.RandAugmentKeras", Policies.randAugmentKeras 3 0.5 0.2 0.9 true ]
            let publicPolicies = Pipeline.constructorNames () |> List.filter (fun n -> n.StartsWith "Policies.")
            Expect.equal (policies |> List.map fst |> List.distinct |> List.sort) publicPolicies "every policy constructor is tested"
            for name, aug in policies do
                let text = Pipeline.save aug
                // One call, not the expanded tree: {"op": name, "args": {...}} at the top.
                let node = System.Text.Json.Nodes.JsonNode.Parse(text).["pipeline"]
                Expect.equal (string node.["op"]) name (sprintf "%s is saved as its own call" name)
                let loaded = Pipeline.load text
                Expect.isTrue (Pipeline.equivalent loaded aug) (sprintf "%s: equivalent" name)
                let input = Aug.sequence [ Ops.resize 96 96 Interpolation.Area; aug ]
                let loadedInput = Aug.sequence [ Ops.resize 96 96 Interpolation.Area; loaded ]
                // The image alone: AugMix, like torchvision's, refuses boxes and masks.
                let image = Sample.ofImage (Golden.fullSample "astronaut.png").Image
                for seed in [ 0; 5 ] do
                    Expect.equal (fingerprint (Aug.run loadedInput (Seed.ofInt seed) image)) (fingerprint (Aug.run input (Seed.ofInt seed) image))
                        (sprintf "%s, seed %d: the same bits" name seed)
        }

        test "custom ops load through the resolver and run to the same bits" {
            let aug = Aug.sequence [ Ops.flipVertical; Aug.op tint; Aug.maybe 0.5 (Aug.op tint) ]
            let loaded = roundTrip aug
            Expect.isTrue (Pipeline.equivalent loaded aug) "equivalent"
            for seed in 0 .. 3 do Expect.equal (runs false loaded seed) (runs false aug seed) (sprintf "seed %d" seed)
            expectAt "$.pipeline.sequence[1].custom" "not registered" (fun () -> Pipeline.load (Pipeline.save aug))
            expectAt "$.pipeline.sequence[1].custom" "gave the op \"FlipVertical\""
                (fun () -> Pipeline.loadWith (fun _ -> Aug.tryOp Ops.flipVertical) (Pipeline.save aug))
        }

        test "equivalent tells pipelines apart by structure, arguments and names" {
            let a = Aug.sequence [ Ops.rotate (u -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0; Ops.invert ]
            let same = Aug.sequence [ Ops.rotate (u -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0; Ops.invert ]
            Expect.isTrue (Pipeline.equivalent a same) "the same calls"
            for other in [ Aug.sequence [ Ops.rotate (u -30.0 31.0) Interpolation.Bilinear BorderMode.Constant 0.0; Ops.invert ]
                           Aug.sequence [ Ops.rotate (u -30.0 30.0) Interpolation.Nearest BorderMode.Constant 0.0; Ops.invert ]
                           Aug.sequence [ Ops.invert; Ops.rotate (u -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0 ]
                           Aug.sequence [ Ops.rotate (u -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0; Aug.maybe 1.0 Ops.invert ]
                           Aug.sequence [ Ops.rotate (u -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0 ] ] do
                Expect.isFalse (Pipeline.equivalent a other) (sprintf "differs from\n%O" other)
            Expect.isFalse (Pipeline.equivalent (Ops.randomCrop 8 8) (Ops.randomCropWith BoxFilter.Default 8 8))
                "different constructors are different calls, even where they build the same op"
        }

        test "a policy records itself with Aug.withSource and loads as its own call" {
            // Ops.randomCrop is built from randomCropWith: the outer call is what is recorded, and the node of the
            // inner call keeps its own record (withSource tags a fresh node).
            let inner = Ops.randomCropWith BoxFilter.Default 8 8
            let outer = Ops.randomCrop 8 8
            Expect.equal (Aug.trySource outer).Value.Constructor "RandomCrop" "the outer call"
            Expect.equal (Aug.trySource inner).Value.Constructor "RandomCropWith" "the inner call"
            Expect.stringContains (Pipeline.save outer) "\"op\": \"RandomCrop\"" "saved as the outer call"
            // A name that is no library constructor cannot be saved, since it could not be loaded.
            expectAt "$.pipeline" "not a public pipeline constructor"
                (fun () -> Pipeline.save (Aug.withSource "NoSuchPolicy" [] Ops.invert))
            expectAt "$.pipeline" "parameters are [width, height]"
                (fun () -> Pipeline.save (Aug.withSource "RandomCrop" [ "width", box 8 ] Ops.invert))
            // Identity is one shared value: a recorded identity is a new one-step sequence that runs the same.
            let tagged = Aug.withSource "Invert" [] Aug.identity
            Expect.isNone (Aug.trySource Aug.identity) "the shared identity is untouched"
            Expect.isSome (Aug.trySource tagged) "the new node is tagged"
        }

        test "bad documents are refused with the JSON path of the bad element" {
            let rotate (degrees: string) (interp: string) =
                doc (sprintf """{"sequence": [{"op": "Invert"}, {"op": "Rotate", "args": {"degrees": %s, "interpolation": "%s", "border": "Constant", "fill": 0}}]}""" degrees interp)
            // Sanity: the good one loads.
            Pipeline.load (rotate """{"uniform": [-30, 30]}""" "Bilinear") |> ignore
            expectAt "$.pipeline.sequence[1].args.degrees.uniform" "refused" (fun () -> Pipeline.load (rotate """{"uniform": [30, -30]}""" "Bilinear"))
            expectAt "$.pipeline.sequence[1].args.degrees.uniform" "an array of 2 numbers" (fun () -> Pipeline.load (rotate """{"uniform": [30]}""" "Bilinear"))
            expectAt "$.pipeline.sequence[1].args.degrees" "a sampler" (fun () -> Pipeline.load (rotate """{"gamma": [1, 2]}""" "Bilinear"))
            expectAt "$.pipeline.sequence[1].args.degrees" "a sampler" (fun () -> Pipeline.load (rotate "30" "Bilinear"))
            expectAt "$.pipeline.sequence[1].args.interpolation" "one of Nearest" (fun () -> Pipeline.load (rotate """{"constant": 1}""" "Cubic"))
            // A value the constructor refuses: Rotate takes no Area interpolation.
            expectAt "$.pipeline.sequence[1].args.interpolation" "refused by Rotate" (fun () -> Pipeline.load (rotate """{"constant": 1}""" "Area"))
            expectAt "$.pipeline.sequence[0].op" "not an op of this library" (fun () -> Pipeline.load (doc """{"sequence": [{"op": "Twirl"}]}"""))
            expectAt "$.pipeline.args.k" "is missing" (fun () -> Pipeline.load (doc """{"op": "Rot90", "args": {}}"""))
            expectAt "$.pipeline.args.angle" "is not a field here" (fun () -> Pipeline.load (doc """{"op": "Rot90", "args": {"k": 1, "angle": 3}}"""))
            expectAt "$.pipeline.args.k" "an integer" (fun () -> Pipeline.load (doc """{"op": "Rot90", "args": {"k": 1.5}}"""))
            expectAt "$.pipeline.args.bits" "refused by Posterize" (fun () -> Pipeline.load (doc """{"op": "Posterize", "args": {"bits": 9}}"""))
            expectAt "$.pipeline.args.filter.MinArea" "a number" (fun () -> Pipeline.load (doc """{"op": "RandomCropWith", "args": {"filter": {"MinArea": "x", "MinVisibility": 0}, "width": 2, "height": 2}}"""))
            expectAt "$.pipeline.maybe" "a probability in [0, 1]" (fun () -> Pipeline.load (doc """{"maybe": 1.5, "then": {"op": "Invert"}}"""))
            expectAt "$.pipeline.then" "a pipeline node" (fun () -> Pipeline.load (doc """{"maybe": 0.5}"""))
            expectAt "$.pipeline.oneOf[1].weight" "a finite weight >= 0" (fun () -> Pipeline.load (doc """{"oneOf": [{"weight": 1, "then": {"op": "Invert"}}, {"weight": -1, "then": {"op": "Invert"}}]}"""))
            expectAt "$.pipeline.oneOf" "refused" (fun () -> Pipeline.load (doc """{"oneOf": [{"weight": 0, "then": {"op": "Invert"}}]}"""))
            expectAt "$.pipeline.someOf" "a count in [0, 1]" (fun () -> Pipeline.load (doc """{"someOf": 2, "of": [{"op": "Invert"}]}"""))
            expectAt "$.pipeline.sequence[0]" "a pipeline node" (fun () -> Pipeline.load (doc """{"sequence": [{"twirl": 1}]}"""))
            expectAt "$.pipeline.shuffle" "is not a field here" (fun () -> Pipeline.load (doc """{"sequence": [], "shuffle": true}"""))
            expectAt "$.version" "1 (the version this library reads)" (fun () -> Pipeline.load """{"format": "augment-pipeline", "version": 2, "pipeline": {"identity": {}}}""")
            expectAt "$.format" "\"augment-pipeline\"" (fun () -> Pipeline.load """{"format": "augment-trace", "version": 1, "pipeline": {"identity": {}}}""")
            expectAt "$.pipeline" "a pipeline node" (fun () -> Pipeline.load """{"format": "augment-pipeline", "version": 1}""")
            expectAt "$" "not JSON" (fun () -> Pipeline.load "{\"format\": ")
            expectAt "$" "a pipeline document" (fun () -> Pipeline.load "[1, 2]")
        }

        test "a hostile document cannot exhaust the stack" {
            // 10,000 nested maybes: refused by depth with a path, not by a stack overflow.
            let n = 10000
            let text = doc (String.replicate n """{"maybe": 0.5, "then": """ + """{"identity": {}}""" + String.replicate n "}")
            expectAt "$" "not JSON" (fun () -> Pipeline.load text)
            // 300 nested maybes fit the JSON reader's limit but not Aug.MaxDepth (256): refused by the pipeline
            // reader at the first node too deep, before any combinator is built.
            let n = 300
            let text = doc (String.replicate n """{"maybe": 0.5, "then": """ + """{"identity": {}}""" + String.replicate n "}")
            let deep = "$.pipeline" + String.replicate 256 ".then"
            expectAt deep "nested more than 256 pipelines deep" (fun () -> Pipeline.load text)
        }

        test "files: saved atomically, loaded back; a bad file is an InvalidDataException naming the file and the path" {
            let dir = Path.Combine(Path.GetTempPath(), "augment-pipeline-" + Guid.NewGuid().ToString "N")
            Directory.CreateDirectory dir |> ignore
            try
                let path = Path.Combine(dir, "p.json")
                let aug = snd goldenPipelines.[0]
                Pipeline.saveFile path aug
                Pipeline.saveFile path aug // over an existing file
                Expect.equal (Directory.GetFiles dir |> Array.map Path.GetFileName) [| "p.json" |] "no temporary file is left"
                Expect.isTrue (Pipeline.equivalent (Pipeline.loadFile path) aug) "loaded back"
                File.WriteAllText(path, doc """{"op": "Rot90", "args": {"k": "one"}}""")
                try
                    Pipeline.loadFile path |> ignore
                    failtest "expected an InvalidDataException"
                with :? InvalidDataException as e ->
                    Expect.stringStarts e.Message (path + ": $.pipeline.args.k:") "the file, then the JSON path"
            finally
                Directory.Delete(dir, true)
        }

        test "C#: PipelineFile saves, loads with custom ops from a dictionary, and refuses at the JSON path" {
            let cs = Augment.CSharp.Augmentation.Pixel("Tint", (fun p img -> img), struct ("shift", Augment.CSharp.Sampler.Uniform(-20.0, 20.0)))
            let pipeline =
                Augment.CSharp.Augmentation.Sequence(
                    Augment.CSharp.Augmentations.Rotate(Augment.CSharp.Sampler.Uniform(-30.0, 30.0), Interpolation.Bilinear, BorderMode.Constant, 0.0),
                    Augment.CSharp.Augmentations.FlipHorizontal().WithProbability(0.5),
                    cs)
            let text = Augment.CSharp.PipelineFile.Save pipeline
            // The same document as the F# pipeline built from the same calls.
            let fs = Aug.sequence [ Ops.rotate (u -30.0 30.0) Interpolation.Bilinear BorderMode.Constant 0.0
                                    Aug.maybe 0.5 Ops.flipHorizontal
                                    Aug.op (Op.pixel "Tint" [ "shift", u -20.0 20.0 ] (fun _ img -> img)) ]
            Expect.equal text (Pipeline.save fs) "C# and F# save the same document"
            let customs = dict [ "Tint", cs ] |> Collections.Generic.Dictionary
            let loaded = Augment.CSharp.PipelineFile.Load(text, customs)
            Expect.isTrue (Augment.CSharp.PipelineFile.Equivalent(loaded, pipeline)) "loaded back equivalent"
            expectAt "$.pipeline.sequence[2].custom" "not registered" (fun () -> Augment.CSharp.PipelineFile.Load text)
            let m = refusal (fun () -> Augment.CSharp.PipelineFile.Load(text, dict [ "Tint", Augment.CSharp.Augmentation.Identity ] |> Collections.Generic.Dictionary))
            Expect.stringContains m "customOps[\"Tint\"] is a combinator" "a combinator is not a custom op"
        }

        test "golden pipeline files: saved byte for byte, loaded back equivalent, and run to the same bits" {
            for name, aug in goldenPipelines do
                let path = Path.Combine(goldenDir, name + ".json")
                Expect.isTrue (File.Exists path) (sprintf "%s exists (regenerate with --write-golden-pipelines)" path)
                let stored = File.ReadAllText path
                Expect.equal stored (Pipeline.save aug + "\n") (sprintf "%s: the saved text is the golden file" name)
                let loaded = Pipeline.loadFileWith resolver path
                Expect.isTrue (Pipeline.equivalent loaded aug) (sprintf "%s: loaded back equivalent" name)
                let batch = Golden.pipelines |> List.exists (fun p -> p.Name = name && p.Batch)
                let input = if batch then aug else Aug.sequence [ Ops.resize 128 128 Interpolation.Area; aug ]
                let loadedInput = if batch then loaded else Aug.sequence [ Ops.resize 128 128 Interpolation.Area; loaded ]
                for seed in [ 0; 1; 2 ] do
                    Expect.equal (runs batch loadedInput seed) (runs batch input seed) (sprintf "%s, seed %d: the same bits" name seed)
        }
    ]
