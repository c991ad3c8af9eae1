/// The OpenCL backend against the CPU: every op of the catalogue and mixed pipelines run both ways. Ops whose groups
/// the device runs with the CPU's arithmetic must give the same bits; interpolating ones (warps and remaps) must be
/// within 1/255 of the value range (the device kernels restate the CPU's float32 and double operations, so they are
/// expected to be exact too, and the report says how many differ). Without an OpenCL runtime every test is skipped
/// with the reason (.ci/run installs POCL, Debian's CPU runtime, so CI runs them).
module OpenClTests

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native
open Augment.OpenCL
open Generators

/// The backend every test shares (one device, one built program), silent about fallbacks.
let private shared =
    lazy (
        let b = OpenClBackend.Create "default"
        b.Log <- null
        b)

/// Runs body with the shared backend, or skips the test with the reason OpenCL cannot run here.
let private withDevice (body: OpenClBackend -> unit) = withOpenCl (fun () -> body shared.Value)

let private onDevice (b: OpenClBackend) = { RunOptions.Default with Backend = Some(b :> IBackend) }

/// A smooth picture with texture: gradients plus a checker plus noise, so warps, blurs and tables all have work.
let private picture (w: int) (h: int) =
    let rnd = Random 7
    let px =
        Array.init (w * h * 3) (fun i ->
            let c, p = i % 3, i / 3
            let x, y = p % w, p / w
            let v = float (x * 255 / max 1 (w - 1)) * 0.5 + float (y * 255 / max 1 (h - 1)) * 0.3
                    + (if (x / 9 + y / 7) % 2 = 0 then 30.0 else 0.0) + float (rnd.Next 20) + float (c * 10)
            byte (min 255.0 v))
    Image.FromBytes(w, h, 3, ReadOnlySpan px)

let private floatPicture (w: int) (h: int) = (picture w h).ToFloat32(ValueRange.Unit)

/// The ops whose device path resamples (interpolation): the 1/255 tolerance applies to them; all others must match
/// bit for bit.
let private interpolating =
    set [ "Resize"; "Rotate"; "Affine"; "RandomResizedCrop"; "Perspective"; "ShiftScaleRotate"; "RandomRotation"; "RandomZoom"
          "RandomTranslation"; "RandomShear"; "LongestMaxSize"; "SmallestMaxSize"; "RandomSizedBBoxSafeCrop"; "ElasticTransform"
          "GridDistortion"; "OpticalDistortion"; "Downscale"; "Mosaic"; "ShearX"; "ShearY" ]

let private sample (img: Image) =
    let boxes = [| Box.create 30.0 20.0 110.0 90.0 1 0 |]
    let mask = renderBox img.Width img.Height boxes.[0]
    { Sample.ofImage img with Boxes = boxes; Mask = Some mask; Label = [| 1.0; 0.0 |] }

/// Runs one showcase op both ways on a batch of two (batch ops need partners), or None when the CPU refuses the input
/// (a byte-only op on floats); the device run must refuse it the same way.
let private bothWays (b: OpenClBackend) (aug: Aug) (img: Image) =
    let samples = Array.init 2 (fun i -> sample (if i = 0 then img else ImageOps.FlipHorizontal img))
    let seed = Seed.ofInt 2026
    match (try Ok(Aug.runBatch RunOptions.Default 1 aug seed samples) with :? ArgumentException as e -> Error e.Message) with
    | Error msg ->
        Expect.throwsT<ArgumentException> (fun () -> Aug.runBatch (onDevice b) 1 aug seed samples |> ignore) ("the device run refuses it too: " + msg)
        None
    | Ok cpu ->
        let dev = Aug.runBatch (onDevice b) 1 aug seed samples
        Some(Array.map (fun (s: Sample, _) -> s) cpu, Array.map (fun (s: Sample, _) -> s) dev)

let private compareOp (b: OpenClBackend) (name: string) (aug: Aug) (img: Image) =
    match bothWays b aug img with
    | None -> ()
    | Some (cpu, dev) ->
        for i in 0 .. cpu.Length - 1 do
            let c, d = cpu.[i].Image, dev.[i].Image
            let tol = if interpolating.Contains name then float c.Range.Width / 255.0 else 0.0
            let diff = maxImageDiff c d
            if tol = 0.0 then
                Expect.sequenceEqual (bits d) (bits c) (sprintf "%s (%A, sample %d): the device's bits are the CPU's" name c.ElementType i)
            else
                Expect.isLessThanOrEqual diff tol (sprintf "%s (%A, sample %d): within 1/255 of the range" name c.ElementType i)
            // The mask runs the same warp groups with nearest neighbour: exact.
            match cpu.[i].Mask, dev.[i].Mask with
            | Some cm, Some dm -> Expect.sequenceEqual (bits dm) (bits cm) (sprintf "%s: the mask's bits" name)
            | _ -> ()
            Expect.equal dev.[i].Boxes cpu.[i].Boxes (sprintf "%s: boxes" name)

let private everyOp (elementType: ElementType) =
    Augment.Cli.Catalogue.showcase
    |> List.map (fun (_, name, aug) ->
        testCase (sprintf "%s on %A" name elementType) (withDevice (fun b ->
            let img = if elementType = ElementType.Byte then picture 160 128 else floatPicture 160 128
            compareOp b name aug img)))

/// Pipelines that mix device groups, fused groups and CPU fallbacks.
let private mixed =
    [ "rotate, brightness, blur, noise, resize",
      Aug.sequence [ Ops.rotate (Sampler.constant 17.0) Interpolation.Bilinear BorderMode.Reflect101 0.0
                     Ops.brightness (Sampler.constant 0.1); Ops.contrast (Sampler.constant 1.3)
                     Ops.gaussianBlur (Sampler.constant 1.5); Ops.gaussianNoise (Sampler.constant 0.05)
                     Ops.resize 73 57 Interpolation.Bilinear ]
      "fused exact copies and a crop past the edge",
      Aug.sequence [ Ops.flipHorizontal; Ops.rot90 1; Ops.crop 10 20 60 50; Ops.pad 7 9 11 13 BorderMode.Replicate 0.0
                     Ops.transpose; Ops.flipVertical ]
      "fused constant-border warps with windows",
      Aug.sequence [ Ops.rotate (Sampler.constant 30.0) Interpolation.Nearest BorderMode.Constant 0.0
                     Ops.pad 5 5 5 5 BorderMode.Constant 0.0
                     Ops.rotate (Sampler.constant -12.0) Interpolation.Bicubic BorderMode.Constant 0.0 ]
      "fallbacks inside a plan",
      Aug.sequence [ Ops.medianBlur 5; Ops.grayscale; Ops.equalize; Ops.saltAndPepper (Sampler.constant 0.1) (Sampler.constant 0.5)
                     Ops.resize 70 50 Interpolation.Area; Ops.multiplicativeNoise 0.8 1.2 false true; Ops.boxBlur 4 ]
      "float conversion in the middle",
      Aug.sequence [ Ops.toFloat32 0.0 1.0; Ops.gamma (Sampler.constant 1.7) 1.0; Ops.brightness (Sampler.constant -0.1)
                     Ops.rotate (Sampler.constant 8.0) Interpolation.Bilinear BorderMode.Replicate 0.0
                     Ops.gaussianNoise (Sampler.constant 0.1); Ops.toByte ] ]

let tests =
    testList "OpenCL" [
        testList "every op, bytes" (everyOp ElementType.Byte)
        testList "every op, floats" (everyOp ElementType.Float32)

        testList "mixed pipelines" [
            for name, aug in mixed ->
                testCase name (withDevice (fun b ->
                    let img = picture 120 100
                    for seed in 0 .. 3 do
                        let c = fst (Aug.run aug (Seed.ofInt seed) (sample img))
                        let d = fst (Aug.runWith (onDevice b) aug (Seed.ofInt seed) (sample img))
                        Expect.isLessThanOrEqual (maxImageDiff c.Image d.Image) (float c.Image.Range.Width / 255.0) (sprintf "%s, seed %d" name seed)
                        match c.Mask, d.Mask with
                        | Some cm, Some dm -> Expect.sequenceEqual (bits dm) (bits cm) "masks"
                        | _ -> ()))
        ]

        testCase "random pipelines of colour ops and flips: the same bits" (withDevice (fun b ->
            // FsCheck's generators (a new draw each run, as the property tests): random images (bytes and floats, 1, 3, 4 channels, vector-edge
            // sizes) and pipelines of every combinator.
            let cases = Gen.sample 30 (Gen.zip3 genImage genSeed genPipeline)
            for img, seed, aug in cases do
                let c = fst (Aug.run aug seed (Sample.ofImage img))
                let d = fst (Aug.runWith (onDevice b) aug seed (Sample.ofImage img))
                Expect.sequenceEqual (bits d.Image) (bits c.Image) (sprintf "%dx%dx%d %A, seed %O" img.Width img.Height img.Channels img.ElementType seed)))

        testCase "warps on random images and sizes: nearest and exact copies bit for bit, bilinear within 1/255" (withDevice (fun b ->
            for k in 0 .. 15 do
                let rnd = Random k
                let w, h = 1 + rnd.Next 70, 1 + rnd.Next 50
                let img = makeImage (if k % 2 = 0 then ElementType.Byte else ElementType.Float32) ([| 1; 3; 4 |].[k % 3]) (w, h) k (ValueRange(-1f, 2f))
                let border = [| BorderMode.Constant; BorderMode.Reflect101; BorderMode.Replicate |].[k % 3]
                for interp in [ Interpolation.Nearest; Interpolation.Bilinear; Interpolation.Bicubic ] do
                    let aug = Aug.sequence [ Ops.rotate (Sampler.constant (float (k * 11 - 200))) interp border 0.3
                                             Ops.resize (1 + rnd.Next 60) (1 + rnd.Next 60) interp
                                             Ops.perspective (Sampler.constant 0.1) false interp border 0.0 ]
                    let c = fst (Aug.run aug (Seed.ofInt k) (Sample.ofImage img))
                    let d = fst (Aug.runWith (onDevice b) aug (Seed.ofInt k) (Sample.ofImage img))
                    if interp = Interpolation.Nearest then Expect.sequenceEqual (bits d.Image) (bits c.Image) "nearest: the same bits"
                    else Expect.isLessThanOrEqual (maxImageDiff c.Image d.Image) (float c.Image.Range.Width / 255.0) (sprintf "%A within 1/255" interp)))

        testCase "batches on 1 and 3 threads: the same bits, within 1/255 of the CPU" (withDevice (fun b ->
            let aug = Aug.sequence [ Ops.rotate (Sampler.uniform -20.0 20.0) Interpolation.Bilinear BorderMode.Reflect101 0.0
                                     Ops.brightness (Sampler.uniform -0.2 0.2); Ops.gaussianBlur (Sampler.uniform 0.5 2.0)
                                     Ops.gaussianNoise (Sampler.constant 0.05); Ops.medianBlur 3 ]
            let samples = Array.init 6 (fun i -> Sample.ofImage (picture (40 + i) 30))
            let cpu = Aug.runBatch RunOptions.Default 1 aug (Seed.ofInt 9) samples
            let one = Aug.runBatch (onDevice b) 1 aug (Seed.ofInt 9) samples
            let three = Aug.runBatch (onDevice b) 3 aug (Seed.ofInt 9) samples
            for i in 0 .. samples.Length - 1 do
                Expect.sequenceEqual (bits (fst three.[i]).Image) (bits (fst one.[i]).Image) (sprintf "sample %d: 3 threads give 1 thread's bits" i)
                Expect.isLessThanOrEqual (maxImageDiff (fst one.[i]).Image (fst cpu.[i]).Image) 1.0 (sprintf "sample %d: within 1/255 of the CPU" i)))

        testCase "a declined group runs on the CPU and the report says which" (withDevice (fun _ ->
            let b = OpenClBackend.Create "default"
            let lines = Collections.Concurrent.ConcurrentQueue<string>()
            b.Log <- Action<string>(lines.Enqueue)
            let aug = Aug.sequence [ Ops.medianBlur 3; Ops.gaussianBlur (Sampler.constant 1.0); Ops.medianBlur 3 ]
            // Float: byte blurs run in fixed point on the CPU and are declined by the device.
            let img = (picture 40 30).ToFloat32(ValueRange.Unit)
            let c = fst (Aug.run aug (Seed.ofInt 1) (Sample.ofImage img))
            let d = fst (Aug.runWith (onDevice b) aug (Seed.ofInt 1) (Sample.ofImage img))
            Expect.sequenceEqual (bits d.Image) (bits c.Image) "the same bits with a CPU group inside the plan"
            let rows = b.Report() |> Seq.map (fun r -> r.Group, r) |> Map.ofSeq
            // Two median blurs declined (CPU), one Gaussian blur on the device.
            // (The byte median runs on the device, OpenClKernelTests; the float one is declined.)
            Expect.equal (rows.["filter MedianBlur float"].OnCpu, rows.["filter MedianBlur float"].OnDevice) (2L, 0L) "median: twice on the CPU"
            Expect.equal (rows.["filter GaussianBlur"].OnDevice, rows.["filter GaussianBlur"].OnCpu) (1L, 0L) "Gaussian: once on the device"
            Expect.stringContains rows.["filter MedianBlur float"].Reason "no OpenCL kernel" "the reason"
            Expect.equal lines.Count 1 "one log line per kind of declined group"
            Expect.stringContains (Seq.head lines) "MedianBlur" "the log line names the group"
            Expect.equal b.ProgramBuilds 1 "the device's program was built once (shared by every backend on it)"))

        testCase "a selector that matches nothing names its value" (withDevice (fun _ ->
            let e = Expect.throwsC (fun () -> OpenClBackend.Create "no-such-device-4711" |> ignore) id
            Expect.isTrue (e :? ArgumentException) "an ArgumentException"
            Expect.stringContains e.Message "no-such-device-4711" "names the value"
            Expect.stringContains e.Message "Devices here" "lists the devices"
            let e = Expect.throwsC (fun () -> OpenClBackend.Create "nowhere-platform:cpu" |> ignore) id
            Expect.stringContains e.Message "nowhere-platform:cpu" "names the platform:device value"))

        testSequenced <| testCase "the environment variable picks the device, and a bad one is named" (withDevice (fun b ->
            shared.Force() |> ignore
            let old = Environment.GetEnvironmentVariable OpenClBackend.EnvironmentVariable
            try
                Environment.SetEnvironmentVariable(OpenClBackend.EnvironmentVariable, "bogus-env-device")
                let e = Expect.throwsC (fun () -> OpenClBackend.Create null |> ignore) id
                Expect.stringContains e.Message OpenClBackend.EnvironmentVariable "names the variable"
                Expect.stringContains e.Message "bogus-env-device" "names the value"
                let d = b.Device
                Environment.SetEnvironmentVariable(OpenClBackend.EnvironmentVariable, d.Platform + ":" + d.Name)
                Expect.equal (OpenClBackend.Create null).Device d "platform:device names pick that device"
                Expect.equal (OpenClBackend.Create d.Type).Device.Type d.Type "a type picks a device of that type"
            finally
                Environment.SetEnvironmentVariable(OpenClBackend.EnvironmentVariable, old)))

        testSequenced <| testCase "opting in globally runs plans on the device" (withDevice (fun _ ->
            let img = (picture 50 40).ToFloat32(ValueRange.Unit)
            let aug = Ops.gaussianBlur (Sampler.constant 2.0)
            let cpu = fst (Aug.run aug (Seed.ofInt 3) (Sample.ofImage img))
            let g = OpenClBackend.UseGlobally "default"
            try
                g.Log <- null
                let d = fst (Aug.run aug (Seed.ofInt 3) (Sample.ofImage img))
                Expect.sequenceEqual (bits d.Image) (bits cpu.Image) "the same bits"
                let row = g.Report() |> Seq.find (fun r -> r.Group = "filter GaussianBlur")
                Expect.isGreaterThanOrEqual row.OnDevice 1L "the plain run went to the device"
            finally
                Engine.useBackend None))

        testSequenced <| testCase "pooled buffers are reused across runs" (withDevice (fun b ->
            let img = (picture 64 48).ToFloat32(ValueRange.Unit)
            let aug = Aug.sequence [ Ops.gaussianBlur (Sampler.constant 1.2); Ops.brightness (Sampler.constant 0.1) ]
            Aug.runWith (onDevice b) aug (Seed.ofInt 0) (Sample.ofImage img) |> ignore
            let before = b.PooledBuffers
            for s in 1 .. 10 do Aug.runWith (onDevice b) aug (Seed.ofInt s) (Sample.ofImage img) |> ignore
            Expect.equal b.PooledBuffers before "no new device buffers for runs of the same size"))
    ]
