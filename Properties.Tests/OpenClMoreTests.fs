/// More of the OpenCL backend against the CPU: ChannelShuffle and HueSaturationValue on the device (the CPU's bits on
/// random and edge sizes, and on bytes over a quarter of a million RGB triples, every (R, G) pair), and batches of
/// byte colour tables that share launches (chunked on a CPU device, staged through one host copy each way). Each device
/// case must have run on the device (the backend's report counts it), so that a fallback to the CPU cannot pass. Skipped
/// without an OpenCL runtime, or with AUGMENT_OPENCL_TESTS=off, as OpenClTests.fs.
module OpenClMoreTests

open System
open Expecto
open Augment
open Augment.Native
open Augment.Native.Kernels
open Augment.OpenCL
open Generators

/// A fresh backend per test (the device's program and buffer pool are shared), so that its report counts that test alone.
let private withDevice (body: OpenClBackend -> unit) () =
    if Environment.GetEnvironmentVariable "AUGMENT_OPENCL_TESTS" = "off" then
        skiptest "switched off for this run (AUGMENT_OPENCL_TESTS=off; they run in the main test run)"
    match OpenClBackend.Unavailable with
    | null ->
        let b = OpenClBackend.Create "default"
        b.Log <- null
        body b
    | why ->
        OpenClBackend.TryCreate() |> ignore
        skiptest ("no OpenCL here: " + why)

let private onDevice (b: OpenClBackend) = { RunOptions.Default with Backend = Some(b :> IBackend) }

let private row (b: OpenClBackend) (label: string) =
    b.Report() |> Seq.tryFind (fun r -> r.Group = label) |> Option.map (fun r -> r.OnDevice, r.OnCpu) |> Option.defaultValue (0L, 0L)

/// Random and edge sizes: widths 1 to 70, odd heights, one row, one column.
let private sizes =
    let rnd = Random 12
    [ (1, 1); (1, 9); (9, 1); (70, 1); (2, 2); (3, 5); (17, 3); (64, 7); (65, 9); (33, 33) ]
    @ List.init 8 (fun _ -> 1 + rnd.Next 70, 1 + rnd.Next 40)

let private sameBits (what: string) (c: Image) (d: Image) =
    Expect.equal (d.Width, d.Height, d.Channels, d.ElementType) (c.Width, c.Height, c.Channels, c.ElementType) (what + ": shape")
    // The first difference only: Expecto's sequence diff of a quarter-million-pixel image takes minutes to format.
    let bd, bc = Seq.toArray (bits d), Seq.toArray (bits c)
    match Array.tryFindIndex id (Array.map2 (<>) bd bc) with
    | Some i -> failtestf "%s: the device's bits differ from the CPU's first at value %d (device %A, CPU %A)" what i bd.[i] bc.[i]
    | None -> ()

let private oneWay (options: RunOptions) (aug: Aug) (seed: int) (img: Image) =
    (fst (Aug.runWith options aug (Seed.ofInt seed) (Sample.ofImage img))).Image

let private batch (options: RunOptions) (aug: Aug) (seed: int) (imgs: Image[]) =
    Aug.runBatch options 1 aug (Seed.ofInt seed) (imgs |> Array.map Sample.ofImage) |> Array.map fst

let private hsv (h: float) (s: float) (v: float) =
    Ops.hueSaturationValue (Sampler.constant h) (Sampler.constant s) (Sampler.constant v)

let tests =
    testList "OpenCL more kernels" [
        testCase "ChannelShuffle, bytes and floats: the CPU's bits, on the device" (withDevice (fun b ->
            for elem in [ ElementType.Byte; ElementType.Float32 ] do
                for k, (w, h) in List.indexed sizes do
                    let ch = [| 3; 4 |].[k % 2]
                    let img = makeImage elem ch (w, h) (500 + k) (ValueRange(-0.5f, 1.5f))
                    // Seeds 0 to 5 draw different permutations (an identity draw plans nothing).
                    for seed in 0 .. 5 do
                        sameBits (sprintf "ChannelShuffle %A %dx%dx%d seed %d" elem w h ch seed)
                            (oneWay RunOptions.Default Ops.channelShuffle seed img) (oneWay (onDevice b) Ops.channelShuffle seed img)
            let dev, cpu = row b "kernel ChannelShuffle"
            Expect.isGreaterThan dev 0L "ChannelShuffle ran on the device"
            Expect.equal cpu 0L "no ChannelShuffle went to the CPU"))

        testCase "HueSaturationValue on bytes: the CPU's bits on random and edge sizes, 1, 3 and 4 channels" (withDevice (fun b ->
            let aug = Ops.hueSaturationValue (Sampler.uniform -180.0 180.0) (Sampler.uniform -255.0 255.0) (Sampler.uniform -255.0 255.0)
            for k, (w, h) in List.indexed sizes do
                let ch = [| 1; 3; 4 |].[k % 3]
                let img = makeImage ElementType.Byte ch (w, h) (600 + k) ValueRange.Byte
                for seed in 0 .. 2 do
                    sameBits (sprintf "HueSaturationValue %dx%dx%d seed %d" w h ch seed)
                        (oneWay RunOptions.Default aug (k * 3 + seed) img) (oneWay (onDevice b) aug (k * 3 + seed) img)
            let dev, cpu = row b "kernel HueSaturationValue"
            Expect.isGreaterThan dev 0L "HueSaturationValue ran on the device"
            Expect.equal cpu 0L "no byte HueSaturationValue went to the CPU"))

        testCase "HueSaturationValue on bytes: the CPU's bits over every (R, G) pair, gray pixels and extreme shifts" (withDevice (fun b ->
            // 512 x 512 pixels: pixel i is (i mod 256, i / 256 mod 256, a scrambled B), so every (R, G) pair occurs with 4 Bs;
            // the last 256 pixels are the grays (v, v, v), where the saturation is 0 and the hue's branch is R's.
            let n = 512 * 512
            let px = Array.zeroCreate<byte> (3 * n)
            for i in 0 .. n - 1 do
                let r, g, bl =
                    if i >= n - 256 then let v = i - (n - 256) in v, v, v
                    else i % 256, (i / 256) % 256, (i * 37 + i / 65536 * 101 + 11) % 256
                px.[3 * i] <- byte r; px.[3 * i + 1] <- byte g; px.[3 * i + 2] <- byte bl
            let img = Image.FromBytes(512, 512, 3, px)
            for hs, ss, vs in [ 180.0, 0.0, 0.0; -180.0, 255.0, -255.0; 17.5, -30.0, 40.0; -0.5, 0.5, -0.5; 90.0, 255.0, 255.0; 0.0, 0.0, 12.0 ] do
                let aug = hsv hs ss vs
                sameBits (sprintf "shifts %g %g %g" hs ss vs) (oneWay RunOptions.Default aug 0 img) (oneWay (onDevice b) aug 0 img)
            Expect.isGreaterThan (fst (row b "kernel HueSaturationValue")) 0L "ran on the device"))

        testCase "HueSaturationValue on floats runs on the CPU, with the CPU's bits" (withDevice (fun b ->
            let img = makeImage ElementType.Float32 3 (19, 7) 7 ValueRange.Unit
            let aug = hsv 40.0 20.0 -10.0
            sameBits "float HSV" (oneWay RunOptions.Default aug 0 img) (oneWay (onDevice b) aug 0 img)
            Expect.equal (fst (row b "kernel HueSaturationValue float")) 0L "a float HSV shift is not run on the device"))

        testCase "shared table launches over a batch, in chunks: the CPU's bits, every launch counted" (withDevice (fun b ->
            // 300 x 300 x 3 sources (270 000 bytes): on a CPU device a shared launch takes 1 MiB of sources, three images.
            let imgs = Array.init 8 (fun k -> makeImage ElementType.Byte 3 (300, 300) (700 + k) ValueRange.Byte)
            // Every plan ends after the tables (one staged download per launch), then plans that go on after them.
            for name, aug in [ "brightness", Ops.brightness (Sampler.uniform -0.3 0.3)
                               "brightness then maybe blur",
                               Aug.sequence [ Ops.brightness (Sampler.uniform -0.3 0.3); Aug.maybe 0.5 (Ops.gaussianBlur (Sampler.constant 1.0)) ] ] do
                let before = b.PlanStats()
                let cpu = batch RunOptions.Default aug 3 imgs
                let dev = batch (onDevice b) aug 3 imgs
                for k in 0 .. imgs.Length - 1 do sameBits (sprintf "%s image %d" name k) cpu.[k].Image dev.[k].Image
                let after = b.PlanStats()
                Expect.equal (after.SharedImages - before.SharedImages) 8L (name + ": every image's tables ran in a shared launch")
                let launches = after.SharedLaunches - before.SharedLaunches
                if b.Device.Type = "cpu" then Expect.equal launches 3L (name + ": launches of 3, 3 and 2 images on a CPU device")
                else Expect.isGreaterThanOrEqual launches 1L (name + ": at least one shared launch")))

        testCase "the HSV tables the device reads are the CPU kernel's" (fun () ->
            // HsvKernels.ShiftHsvTables against OpenCV's definitions worked here: sdiv[i] = round(255 * 4096 / i),
            // hdiv[i] = round(180 * 4096 / (6 i)), and the shifts of albumentations' _shift_hsv_uint8.
            let t = Array.zeroCreate<int> HsvKernels.ShiftHsvTableLength
            HsvKernels.ShiftHsvTables(-10.0, 20.0, -300.0 + 100.0, Span t)
            Expect.equal t.[1] 1044480 "sdiv[1] = 255 * 4096"
            Expect.equal t.[255] 4096 "sdiv[255] = 4096"
            Expect.equal t.[256 + 1] 122880 "hdiv[1] = 180 * 4096 / 6"
            Expect.equal t.[256 + 7] 17554 "hdiv[7] = round(17554.29)"
            Expect.equal t.[512 + 0] 170 "hue (0 - 10) mod 180"
            Expect.equal t.[512 + 200] 10 "hue (200 - 10) mod 180"
            Expect.equal t.[768 + 250] 255 "saturation clipped at 255"
            Expect.equal t.[1024 + 150] 0 "value 150 - 200 clipped at 0"
            Expect.throwsT<ArgumentException> (fun () -> HsvKernels.ShiftHsvTables(0.0, 0.0, 0.0, Span(Array.zeroCreate<int> 10))) "short tables"
            Expect.throwsT<ArgumentException> (fun () -> HsvKernels.ShiftHsvTables(181.0, 0.0, 0.0, Span t)) "hue out of range")
    ]
