/// The OpenCL kernels of KernelsMore.cl against the CPU: byte Gaussian and box blurs in fixed point, the byte median,
/// and the image part of the batch ops (MixUp, CutMix, Mosaic). Each must give the CPU's bits on random and edge sizes
/// (width 1 to 70, odd sizes, one row) and must have run on the device (the backend's report counts it), so that a
/// silent fallback to the CPU cannot pass. A last test lists the catalogue ops that still run on the CPU. Skipped
/// without an OpenCL runtime, or with AUGMENT_OPENCL_TESTS=off, as OpenClTests.fs.
module OpenClKernelTests

open System
open Expecto
open Augment
open Augment.Native
open Augment.OpenCL
open Generators

/// A fresh backend per test (the device's program and buffer pool are shared), so that its report counts that test alone.
let private withDevice (body: OpenClBackend -> unit) =
    withOpenCl (fun () ->
        let b = OpenClBackend.Create "default"
        b.Log <- null
        body b)

let private onDevice (b: OpenClBackend) = { RunOptions.Default with Backend = Some(b :> IBackend) }

let private row (b: OpenClBackend) (label: string) =
    b.Report() |> Seq.tryFind (fun r -> r.Group = label) |> Option.map (fun r -> r.OnDevice, r.OnCpu) |> Option.defaultValue (0L, 0L)

/// Random and edge sizes: widths 1 to 70 (every vector-width edge of the CPU paths), odd heights, one row, one column.
let private sizes =
    let rnd = Random 11
    [ (1, 1); (1, 9); (9, 1); (70, 1); (2, 2); (3, 5); (17, 3); (64, 7); (65, 9); (33, 33) ]
    @ List.init 8 (fun _ -> 1 + rnd.Next 70, 1 + rnd.Next 40)

let private sameBits (what: string) (c: Image) (d: Image) =
    Expect.equal (d.Width, d.Height, d.Channels, d.ElementType) (c.Width, c.Height, c.Channels, c.ElementType) (what + ": shape")
    Expect.sequenceEqual (bits d) (bits c) (what + ": the device's bits are the CPU's")

let private oneWay (options: RunOptions) (aug: Aug) (seed: int) (img: Image) =
    (fst (Aug.runWith options aug (Seed.ofInt seed) (Sample.ofImage img))).Image

let private batch (options: RunOptions) (aug: Aug) (seed: int) (imgs: Image[]) =
    let samples = imgs |> Array.map (fun img -> { Sample.ofImage img with Label = [| 1.0; 0.0 |] })
    Aug.runBatch options 1 aug (Seed.ofInt seed) samples |> Array.map fst

let tests =
    testList "OpenCL kernels" [
        testCase "byte Gaussian blurs in fixed point: the CPU's bits, on the device" (withDevice (fun b ->
            let rnd = Random 3
            for k, (w, h) in List.indexed sizes do
                let ch = [| 1; 3; 4 |].[k % 3]
                let img = makeImage ElementType.Byte ch (w, h) k ValueRange.Unit
                // Sigmas from 0.3 (3 taps) to 12 (73 taps, longer than most images here: reflect-101 wraps repeatedly).
                let sigma = [| 0.3; 0.8; 1.0; 1.7; 3.0; 12.0 |].[k % 6] + 0.01 * float (rnd.Next 10)
                let aug = Ops.gaussianBlur (Sampler.constant sigma)
                sameBits (sprintf "%dx%dx%d sigma %g" w h ch sigma) (oneWay RunOptions.Default aug k img) (oneWay (onDevice b) aug k img)
            let dev, cpu = row b "filter GaussianBlur fixed point"
            Expect.equal (dev, cpu) (int64 sizes.Length, 0L) "every blur ran on the device in fixed point"))

        testCase "byte box blurs in fixed point, odd and even sizes: the CPU's bits, on the device" (withDevice (fun b ->
            for k, (w, h) in List.indexed sizes do
                let ch = [| 3; 4; 1 |].[k % 3]
                let img = makeImage ElementType.Byte ch (w, h) (100 + k) ValueRange.Unit
                let size = [| 2; 3; 4; 5; 7; 10; 25 |].[k % 7]
                let aug = Ops.boxBlur size
                sameBits (sprintf "%dx%dx%d box %d" w h ch size) (oneWay RunOptions.Default aug k img) (oneWay (onDevice b) aug k img)
            let dev, cpu = row b "filter BoxBlur fixed point"
            Expect.equal (dev, cpu) (int64 sizes.Length, 0L) "every box blur ran on the device"))

        testCase "fixed point rounds as the CPU: a flat image stays flat, a step rounds half up" (withDevice (fun b ->
            // Known answers worked by hand from the fixed-point rule (FilterKernels.SeparableFilterFixed's remarks): the
            // integer weights sum to 2^8 (rows) and 2^16 (columns), so a flat image v gives ((v 2^8) 2^16 + 2^23) >> 24 = v.
            let flat = Image.FromBytes(13, 5, 1, ReadOnlySpan(Array.create 65 200uy))
            let d = oneWay (onDevice b) (Ops.gaussianBlur (Sampler.constant 2.0)) 0 flat
            Expect.sequenceEqual (d.Bytes.ToArray()) (Array.create 65 200uy) "a flat image stays flat"
            // Box 2 (weights 1/2, 1/2; anchor 1: x - 1 and x) on the row [0, 1] (reflect-101: column -1 is column 1):
            // x = 0 averages columns 1 and 0: 0.5 -> rows 128 * 1 = 128 (8 fraction bits), columns (one row, both taps
            // reading it) 128 * 2^16 = 2^23, and (2^23 + 2^23) >> 24 = 1: a half rounds up. x = 1 averages 0 and 1: 1 too.
            let step = Image.FromBytes(2, 1, 1, ReadOnlySpan [| 0uy; 1uy |])
            let d = oneWay (onDevice b) (Ops.boxBlur 2) 0 step
            Expect.sequenceEqual (d.Bytes.ToArray()) [| 1uy; 1uy |] "halves round up, as OpenCV's integer sums"
            Expect.sequenceEqual (d.Bytes.ToArray()) ((oneWay RunOptions.Default (Ops.boxBlur 2) 0 step).Bytes.ToArray()) "as the CPU"))

        testCase "byte median, every window size: the CPU's bits, on the device" (withDevice (fun b ->
            let mutable runs = 0L
            for k, (w, h) in List.indexed sizes do
                let ch = [| 1; 3; 4 |].[k % 3]
                // Few levels as well as full-range noise, so that windows hold many equal values.
                let img =
                    if k % 2 = 0 then makeImage ElementType.Byte ch (w, h) (200 + k) ValueRange.Unit
                    else Image.FromBytes(w, h, ch, ReadOnlySpan(Array.init (w * h * ch) (fun i -> byte ((i * 7 + k) % 3 * 100))))
                for size in [ 3; 5; 7; 9; 15 ] do
                    let aug = Ops.medianBlur size
                    sameBits (sprintf "%dx%dx%d median %d" w h ch size) (oneWay RunOptions.Default aug k img) (oneWay (onDevice b) aug k img)
                    runs <- runs + 1L
            Expect.equal (row b "filter MedianBlur") (runs, 0L) "every median ran on the device"
            // Known answer: the median of 3 x 3 replicate windows of [[0, 9], [5, 1]] at (0, 0) is the 5th of
            // 0 0 0 0 9 9 5 5 1 sorted (0 0 0 0 1 5 5 9 9): 1.
            let tiny = Image.FromBytes(2, 2, 1, ReadOnlySpan [| 0uy; 9uy; 5uy; 1uy |])
            Expect.equal ((oneWay (onDevice b) (Ops.medianBlur 3) 0 tiny).Bytes.[0]) 1uy "the median worked by hand"))

        testCase "MixUp, CutMix and Mosaic images: the CPU's bits, on the device" (withDevice (fun b ->
            for elem in [ ElementType.Byte; ElementType.Float32 ] do
                for k, (w, h) in List.indexed sizes do
                    let w, h = max w 2, max h 2 // Mosaic needs 2 x 2
                    let ch = [| 3; 1; 4 |].[k % 3]
                    let imgs = Array.init 4 (fun i -> makeImage elem ch (w, h) (300 + 10 * k + i) (ValueRange(-1f, 2f)))
                    for name, aug in [ "MixUp", Ops.mixUp 0.4; "CutMix", Ops.cutMix 1.0; "Mosaic", Ops.mosaic ] do
                        let c = batch RunOptions.Default aug k imgs
                        let d = batch (onDevice b) aug k imgs
                        for i in 0 .. imgs.Length - 1 do
                            sameBits (sprintf "%s %A %dx%dx%d sample %d" name elem w h ch i) c.[i].Image d.[i].Image
                            Expect.equal d.[i].Label c.[i].Label (sprintf "%s: labels (the CPU's Mix)" name)
            let n = int64 (2 * sizes.Length * 4)
            Expect.equal (row b "mix blend") (n, 0L) "MixUp's blends ran on the device"
            Expect.equal (row b "mix paste") (n, 0L) "CutMix's pastes ran on the device"
            Expect.equal (row b "mix mosaic") (n, 0L) "Mosaic's quadrants ran on the device"))

        testCase "the blend rounds half to even, as GeometryKernels.Mix" (withDevice (fun b ->
            // lambda 0.5: 0.5 * 1 + 0.5 * 2 = 1.5 -> 2 (half to even), 0.5 * 1 + 0.5 * 0 = 0.5 -> 0, 0.5 * 3 + 0.5 * 2 =
            // 2.5 -> 2, 0.5 * 255 + 0.5 * 254 = 254.5 -> 254 (worked by hand; MathF.Round is half to even).
            let a = Image.FromBytes(4, 1, 1, ReadOnlySpan [| 1uy; 1uy; 3uy; 255uy |])
            let p = Image.FromBytes(4, 1, 1, ReadOnlySpan [| 2uy; 0uy; 2uy; 254uy |])
            let d = Engine.mixImage (onDevice b) (DeviceMix.Blend 0.5f) a [| p |]
            Expect.sequenceEqual (d.Bytes.ToArray()) [| 2uy; 0uy; 2uy; 254uy |] "half to even"
            Expect.equal (row b "mix blend") (1L, 0L) "on the device"
            // Floats: 0.25 * 1 + 0.75 * 0.5 = 0.625 and 0.25 * 0 + 0.75 * 1 = 0.75, both exact in float32 (worked by hand).
            let fa = Image.FromFloats(2, 1, 1, ReadOnlySpan [| 1.0f; 0.0f |], ValueRange.Unit)
            let fp = Image.FromFloats(2, 1, 1, ReadOnlySpan [| 0.5f; 1.0f |], ValueRange.Unit)
            let fd = Engine.mixImage (onDevice b) (DeviceMix.Blend 0.25f) fa [| fp |]
            Expect.sequenceEqual (fd.Floats.ToArray()) [| 0.625f; 0.75f |] "the float blend"
            // A partner of another shape is refused, naming it.
            let e = Expect.throwsC (fun () -> Engine.mixImage (onDevice b) (DeviceMix.Blend 0.5f) a [| Image.FromBytes(3, 1, 1, ReadOnlySpan [| 0uy; 0uy; 0uy |]) |] |> ignore) id
            Expect.stringContains e.Message "partners[0]" "names the parameter"))

        testList "conversions, colour matrices, HSV, gray, sharpness and occlusion fills: the CPU's bits, on the device" [
            let shown name = Augment.Cli.Catalogue.showcase |> List.pick (fun (_, n, a) -> if n = name then Some a else None)
            // Each op with the label the device reports it under.
            let ops =
                [ "ToSepia", Ops.toSepia, "kernel ToSepia"
                  "Saturation", Ops.saturation (Sampler.uniform 0.0 3.0), "kernel Saturation"
                  "Hue", Ops.hue (Sampler.uniform -1.0 1.0), "kernel Hue"
                  "ToFloat32", Ops.toFloat32 -1.0 2.0, "kernel ToFloat32"
                  "ToByte", Ops.toByte, "kernel ToByte"
                  "Normalize", shown "Normalize", "kernel Normalize"
                  "Rescaling", shown "Rescaling", "kernel Rescaling"
                  "CoarseDropout", shown "CoarseDropout", "kernel CoarseDropout"
                  "RandomErasing", shown "RandomErasing", "kernel RandomErasing"
                  "GridDropout", shown "GridDropout", "kernel GridDropout"
                  "XYMasking", shown "XYMasking", "kernel XYMasking"
                  "GridMask", shown "GridMask", "kernel GridMask"
                  "EnhanceColor", Ops.enhanceColor (Sampler.uniform 0.0 3.0), "kernel EnhanceColor"
                  "Sharpness", Ops.sharpness (Sampler.uniform 0.0 3.0), "filter Sharpness"
                  "ToGray weighted", Ops.toGray GrayMethod.WeightedAverage, "kernel ToGray"
                  "ToGray average", Ops.toGray GrayMethod.Average, "kernel ToGray"
                  "ToGray max", Ops.toGray GrayMethod.Max, "kernel ToGray"
                  "ToGray desaturation", Ops.toGray GrayMethod.Desaturation, "kernel ToGray" ]
            for name, aug, label in ops ->
                testCase name (withDevice (fun b ->
                    for elem in [ ElementType.Byte; ElementType.Float32 ] do
                        // Larger sizes too: GridDropout's showcase cells are 40 to 60 pixels.
                        for k, (w, h) in List.indexed (sizes @ [ (96, 80); (130, 71) ]) do
                            // HSV, matrices and gray need colour; the rest take 1, 3 or 4 channels.
                            let colourOnly = [ "ToSepia"; "Saturation"; "Hue"; "EnhanceColor" ] |> List.contains name || name.StartsWith "ToGray"
                            let ch = if colourOnly then [| 3; 4 |].[k % 2] else [| 1; 3; 4 |].[k % 3]
                            // Float images in a range that does not start at 0 (the HSV and matrix kernels work relative to it).
                            let img = makeImage elem ch (w, h) (400 + k) (ValueRange(-0.5f, 1.5f))
                            match (try Some(oneWay RunOptions.Default aug k img) with :? ArgumentException -> None) with
                            | None -> Expect.throwsT<ArgumentException> (fun () -> oneWay (onDevice b) aug k img |> ignore) (name + ": refused both ways")
                            | Some c -> sameBits (sprintf "%s %A %dx%dx%d seed %d" name elem w h ch k) c (oneWay (onDevice b) aug k img)
                    let dev, cpu = row b label
                    Expect.equal cpu 0L (sprintf "%s: nothing declined" name)
                    Expect.isGreaterThan dev 0L (sprintf "%s: ran on the device" name)))
        ]

        testCase "which catalogue ops still run on the CPU (the report)" (withDevice (fun b ->
            // Every showcase op on bytes and floats, in a batch of two (batch ops need a partner); the rows the device
            // declined are printed, so that what is left to port is visible in the test log.
            let pic (elem: ElementType) =
                let img = makeImage ElementType.Byte 3 (96, 64) 5 ValueRange.Unit
                if elem = ElementType.Byte then img else img.ToFloat32(ValueRange.Unit)
            for elem in [ ElementType.Byte; ElementType.Float32 ] do
                for _, name, aug in Augment.Cli.Catalogue.showcase do
                    let img = pic elem
                    let samples = Array.init 2 (fun i -> { Sample.ofImage (if i = 0 then img else ImageOps.FlipHorizontal img) with Label = [| 1.0; 0.0 |] })
                    try Aug.runBatch (onDevice b) 1 aug (Seed.ofInt 1) samples |> ignore
                    with :? ArgumentException -> () // byte-only ops on floats
            let declined = b.Report() |> Seq.filter (fun r -> r.OnCpu > 0L) |> Seq.toList
            let lines = declined |> List.map (fun r -> sprintf "  %s: %d on the CPU (%s)" r.Group r.OnCpu r.Reason)
            printfn "OpenCL: groups of the catalogue's ops that still run on the CPU (%d kinds):\n%s" lines.Length (String.Join("\n", lines))
            // What this branch ported must not be among them.
            for g in [ "filter GaussianBlur"; "filter BoxBlur"; "filter MedianBlur"; "mix blend"; "mix paste"; "mix mosaic"
                       "kernel ToSepia"; "kernel Saturation"; "kernel Hue"; "kernel ToFloat32"; "kernel ToByte"; "kernel Normalize"
                       "kernel Rescaling"; "kernel CoarseDropout"; "kernel RandomErasing"; "kernel GridDropout"; "kernel XYMasking"
                       "kernel GridMask"; "kernel EnhanceColor"; "filter Sharpness" ] do
                Expect.isFalse (declined |> List.exists (fun r -> r.Group = g)) (sprintf "%s runs on the device" g)
            Expect.isGreaterThan (fst (row b "filter MedianBlur")) 0L "the byte median ran on the device"))
    ]
