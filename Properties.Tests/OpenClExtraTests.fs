/// The OpenCL kernels of KernelsExtra.cl against the CPU: the general 2-D filter (MotionBlur, Defocus) and area resizes
/// (the integer byte shrink and the separable double sums). Each must give the CPU's bits on random and edge sizes
/// (width 1 to 70, odd sizes, one row, one column), 1, 3 and 4 channels, bytes and floats, and must have run on the device
/// (the backend's report counts it), so that a silent fallback to the CPU cannot pass. Skipped without an OpenCL
/// runtime, or with AUGMENT_OPENCL_TESTS=off, as OpenClTests.fs.
module OpenClExtraTests

open System
open Expecto
open Augment
open Augment.Native
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
    let rnd = Random 17
    [ (1, 1); (1, 9); (9, 1); (70, 1); (2, 2); (3, 5); (17, 3); (64, 7); (65, 9); (33, 33) ]
    @ List.init 8 (fun _ -> 1 + rnd.Next 70, 1 + rnd.Next 40)

let private sameBits (what: string) (c: Image) (d: Image) =
    Expect.equal (d.Width, d.Height, d.Channels, d.ElementType) (c.Width, c.Height, c.Channels, c.ElementType) (what + ": shape")
    Expect.sequenceEqual (bits d) (bits c) (what + ": the device's bits are the CPU's")

let private oneWay (options: RunOptions) (aug: Aug) (seed: int) (img: Image) =
    (fst (Aug.runWith options aug (Seed.ofInt seed) (Sample.ofImage img))).Image

let private elems = [ ElementType.Byte; ElementType.Float32 ]

let tests =
    testList "OpenCL extra kernels" [
        testCase "MotionBlur and Defocus (2-D filter, reflect-101): the CPU's bits, on the device" (withDevice (fun b ->
            let mutable runs = 0L
            for elem in elems do
                for k, (w, h) in List.indexed sizes do
                    let ch = [| 1; 3; 4 |].[k % 3]
                    // Floats in a range that does not start at 0, with values past it, so the clamp matters.
                    let img = makeImage elem ch (w, h) (500 + k) (ValueRange(-0.5f, 1.5f))
                    // Kernels from 3 x 3 to 31 x 31 (longer than most images here: reflect-101 wraps repeatedly).
                    let size = [| 3; 5; 9; 15; 31 |].[k % 5]
                    let radius = [| 1; 2; 4; 9 |].[k % 4]
                    for name, aug in [ "MotionBlur", Ops.motionBlur size size (Sampler.uniform -180.0 180.0) (Sampler.uniform -1.0 1.0)
                                       "Defocus", Ops.defocus radius radius (Sampler.uniform 0.1 0.9) ] do
                        sameBits (sprintf "%s %A %dx%dx%d seed %d" name elem w h ch k) (oneWay RunOptions.Default aug k img) (oneWay (onDevice b) aug k img)
                        runs <- runs + 1L
            let md, mc = row b "filter MotionBlur"
            let dd, dc = row b "filter Defocus"
            Expect.equal (md + dd, mc + dc) (runs, 0L) "every MotionBlur and Defocus ran on the device"))

        testCase "MotionBlur worked by hand: a horizontal line of three" (withDevice (fun b ->
            // Ops.motionKernel 3 0 0 (its documented rule: c = 1, t = linspace(-1, 1, 6) = -1 -0.6 -0.2 0.2 0.6 1, cells
            // (round(c + 0 t), round(c + t)) = row 1, columns 0 0 1 1 2 2) is the middle row [1/3, 1/3, 1/3]. On the one
            // row [0 3 6 9 0] with reflect-101 (column -1 is column 1, column 5 is column 3): x = 0: (3 + 0 + 3) / 3 = 2;
            // x = 1: 9 / 3 = 3; x = 2: 18 / 3 = 6; x = 3: 15 / 3 = 5; x = 4: (9 + 0 + 9) / 3 = 6.
            let img = Image.FromBytes(5, 1, 1, ReadOnlySpan [| 0uy; 3uy; 6uy; 9uy; 0uy |])
            let aug = Ops.motionBlur 3 3 (Sampler.constant 0.0) (Sampler.constant 0.0)
            let d = oneWay (onDevice b) aug 0 img
            Expect.sequenceEqual (d.Bytes.ToArray()) [| 2uy; 3uy; 6uy; 5uy; 6uy |] "the line average worked by hand"
            Expect.equal (row b "filter MotionBlur") (1L, 0L) "it ran on the device"
            // A flat image stays flat (the weights sum to 1 within float32 rounding, far from a half).
            let flat = Image.FromBytes(7, 4, 3, ReadOnlySpan(Array.create 84 200uy))
            let d = oneWay (onDevice b) (Ops.defocus 3 3 (Sampler.constant 0.5)) 0 flat
            Expect.sequenceEqual (d.Bytes.ToArray()) (Array.create 84 200uy) "Defocus keeps a flat image"))

        testCase "area resizes, integer shrinks and fractional scales: the CPU's bits, on the device" (withDevice (fun b ->
            let mutable runs = 0L
            for elem in elems do
                for k, (w, h) in List.indexed sizes do
                    let ch = [| 3; 4; 1 |].[k % 3]
                    let img = makeImage elem ch (w, h) (600 + k) ValueRange.Unit
                    // 2 x 2 (OpenCV's rounding), 3 x 2 and 1 x 4 (half to even), and fractional shrinks; sides at least 1.
                    let targets =
                        [ w / 2, h / 2; w / 3, h / 2; w, h / 4; (2 * w) / 3, (3 * h) / 5; w - 1, h; (w * 5) / 7, h - 1 ]
                        |> List.map (fun (x, y) -> max 1 x, max 1 y)
                        |> List.filter (fun (x, y) -> x <= w && y <= h)
                        |> List.distinct
                    for tw, th in targets do
                        let aug = Ops.resize tw th Interpolation.Area
                        sameBits (sprintf "%A %dx%dx%d to %dx%d" elem w h ch tw th) (oneWay RunOptions.Default aug k img) (oneWay (onDevice b) aug k img)
                        runs <- runs + 1L
            // A crop before the resize fuses into one area group whose origin is not (0, 0) (the separable sums on bytes too).
            for elem in elems do
                for k, (w, h) in List.indexed sizes do
                    let img = makeImage elem 3 (w + 4, h + 4) (700 + k) ValueRange.Unit
                    let aug = Aug.sequence [ Ops.centralCrop 0.7; Ops.resize (max 1 (w / 2)) (max 1 (h / 2)) Interpolation.Area ]
                    sameBits (sprintf "crop, area %A %dx%d" elem w h) (oneWay RunOptions.Default aug k img) (oneWay (onDevice b) aug k img)
            let dev, cpu = row b "warp area"
            Expect.equal cpu 0L "no area resize declined"
            Expect.isGreaterThanOrEqual dev runs "every area resize ran on the device"))

        testCase "area shrinks worked by hand" (withDevice (fun b ->
            // FixedGeometry's integer rule (OpenCV INTER_AREA): 2 x 2 blocks give (S + 2) >> 2 (halves up), other factors the
            // exact mean rounded half to even. [[0 1] [1 1]]: S = 3, (3 + 2) >> 2 = 1 (0.75 -> 1).
            let d = oneWay (onDevice b) (Ops.resize 1 1 Interpolation.Area) 0 (Image.FromBytes(2, 2, 1, ReadOnlySpan [| 0uy; 1uy; 1uy; 1uy |]))
            Expect.sequenceEqual (d.Bytes.ToArray()) [| 1uy |] "2 x 2: 0.75 rounds to 1"
            // [[0 1] [0 1]]: S = 2, (2 + 2) >> 2 = 1: the half rounds up.
            let d = oneWay (onDevice b) (Ops.resize 1 1 Interpolation.Area) 0 (Image.FromBytes(2, 2, 1, ReadOnlySpan [| 0uy; 1uy; 0uy; 1uy |]))
            Expect.sequenceEqual (d.Bytes.ToArray()) [| 1uy |] "2 x 2: 0.5 rounds up"
            // 4 x 1 to 1 x 1: [0 1 1 0] = 2 / 4 = 0.5 -> 0 (even); [1 2 2 1] = 6 / 4 = 1.5 -> 2 (even); [1 1 1 2] = 1.25 -> 1.
            for px, want in [ [| 0uy; 1uy; 1uy; 0uy |], 0uy; [| 1uy; 2uy; 2uy; 1uy |], 2uy; [| 1uy; 1uy; 1uy; 2uy |], 1uy ] do
                let d = oneWay (onDevice b) (Ops.resize 1 1 Interpolation.Area) 0 (Image.FromBytes(4, 1, 1, ReadOnlySpan px))
                Expect.equal d.Bytes.[0] want (sprintf "4 x 1 mean of %A, half to even" px)
            // Floats, 3 -> 2 columns: pixel 0 covers [0, 1.5): (1 * 0 + 0.5 * 0.25) / 1.5 = 1/12; pixel 1 covers [1.5, 3):
            // (0.5 * 0.25 + 1 * 1) / 1.5 = 0.75.
            let f = Image.FromFloats(3, 1, 1, ReadOnlySpan [| 0f; 0.25f; 1f |], ValueRange.Unit)
            let d = oneWay (onDevice b) (Ops.resize 2 1 Interpolation.Area) 0 f
            Expect.floatClose Accuracy.high (float d.Floats.[0]) (1.0 / 12.0) "left: 1/12"
            Expect.equal d.Floats.[1] 0.75f "right: 0.75"
            // A crop at x = 1, then a 2 x 1 shrink of [0 1 5 6]: [0 1] -> 0.5 -> 0 and [5 6] -> 5.5 -> 6 (half to even, by the
            // integer rule of a 2 x 1 block and by the double sums with weights 1/2 alike).
            let img = Image.FromBytes(5, 1, 1, ReadOnlySpan [| 7uy; 0uy; 1uy; 5uy; 6uy |])
            let d = oneWay (onDevice b) (Aug.sequence [ Ops.crop 1 0 5 1; Ops.resize 2 1 Interpolation.Area ]) 0 img
            Expect.sequenceEqual (d.Bytes.ToArray()) [| 0uy; 6uy |] "halves of the double sums round to even"
            Expect.equal (row b "warp area") (7L, 0L) "all ran on the device"))

        testCase "the report no longer lists area, MotionBlur or Defocus" (withDevice (fun b ->
            for elem in elems do
                let img = makeImage elem 3 (96, 64) 5 ValueRange.Unit
                for aug in [ Ops.resize 40 30 Interpolation.Area; Ops.resize 48 32 Interpolation.Area
                             Ops.motionBlur 3 9 (Sampler.uniform 0.0 360.0) (Sampler.constant 0.0); Ops.defocus 1 5 (Sampler.constant 0.3) ] do
                    oneWay (onDevice b) aug 3 img |> ignore
            for g in [ "warp area"; "filter MotionBlur"; "filter Defocus" ] do
                let dev, cpu = row b g
                Expect.equal cpu 0L (sprintf "%s: nothing declined" g)
                Expect.isGreaterThan dev 0L (sprintf "%s ran on the device" g)))
    ]
