/// The displacement-field ops (ElasticTransform, GridDistortion, OpticalDistortion) and the engine's remap step:
/// known answers worked by hand (each says how), identities, the remap kernel against the warp's sampling, value
/// ranges, boxes against their rendered masks, keypoints through the inverse map, replays, bad input.
module RemapTests

open System
open System.Runtime.InteropServices
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native
open Augment.Native.Kernels
open Generators

let private run (aug: Aug) (seed: int) (s: Sample) = Aug.run aug (Seed.ofInt seed) s
let private image (aug: Aug) (img: Image) = Generators.run aug 0 img
let private expectArg = BadInput.expectArg
let private u lo hi = Sampler.uniform lo hi
let private c = Sampler.constant

/// The identity map of a width x height output: pixel centres.
let private identityMap (w: int) (h: int) =
    Array.init (w * h) (fun k -> float32 (k % w) + 0.5f), Array.init (w * h) (fun k -> float32 (k / w) + 0.5f)

let private remapStep (w: int) (h: int) (mx: float32[], my: float32[]) interp border =
    Step.Remap
        { Name = "test"; Width = w; Height = h; Map = lazy (mx, my); Interpolation = interp; Border = border
          Fill = [||]; MaskFill = 0uy; Filter = BoxFilter.Default }

/// Every op with parameters that fit any image (range, box and replay properties).
/// (k within +-0.3: below about -0.36 the map folds back at the corners, where a box follows one preimage only.)
let private opsWith (interp: Interpolation) (border: BorderMode) =
    [ Ops.elasticTransform 4.0 3.0 interp border 0.0
      Ops.gridDistortion 5 (u -0.3 0.3) interp border 0.0
      Ops.gridDistortion 3 (u -0.5 0.5) interp border 0.0
      Ops.opticalDistortion (u -0.3 0.3) (u -2.0 2.0) interp border 0.0 ]

/// The scalar reference of ElasticTransform's map (Ops.elasticMap's documented definition, as the op computed it
/// before GeometryKernels.ElasticMap): Philox block by block, FilterKernels.SeparableFilter on each field, the map loop.
let private elasticMapReference (alpha: float) (sigma: float) (seed: Seed) (width: int) (height: int) =
    let n = width * height
    let sx, sy = Array.zeroCreate<float32> n, Array.zeroCreate<float32> n
    let struct (k0, k1, s0, s1) = seed.Words
    let dx, dy = Array.zeroCreate<float32> n, Array.zeroCreate<float32> n
    for k in 0 .. n - 1 do
        let b = Philox4x32.Generate(k0, k1, Block4(uint32 k, 0x80000000u ||| uint32 (int64 k >>> 32), s0, s1))
        dx.[k] <- float32 (2.0 * Philox4x32.ToUnitDouble(b.X0, b.X1) - 1.0)
        dy.[k] <- float32 (2.0 * Philox4x32.ToUnitDouble(b.X2, b.X3) - 1.0)
    let kernel = FilterKernels.GaussianKernel(Ops.elasticKernelSize sigma, sigma)
    FilterKernels.SeparableFilter(ReadOnlySpan dx, Span sx, width, height, 1, ReadOnlySpan kernel, ReadOnlySpan kernel, ValueRange.Symmetric)
    FilterKernels.SeparableFilter(ReadOnlySpan dy, Span sy, width, height, 1, ReadOnlySpan kernel, ReadOnlySpan kernel, ValueRange.Symmetric)
    let a = float32 alpha
    for i in 0 .. height - 1 do
        for j in 0 .. width - 1 do
            let k = i * width + j
            sx.[k] <- (float32 j + 0.5f) + a * sx.[k]
            sy.[k] <- (float32 i + 0.5f) + a * sy.[k]
    sx, sy

/// The scalar reference of OpticalDistortion's map (Ops.opticalDistortionMap's documented formula, as the op computed
/// it before GeometryKernels.OpticalMap), per pixel in double.
let private opticalMapReference (k: float) (dx: float) (dy: float) (width: int) (height: int) =
    let W, H = float width, float height
    let mx, my = Array.zeroCreate<float32> (width * height), Array.zeroCreate<float32> (width * height)
    for i in 0 .. height - 1 do
        let b = float i + 0.5 - H / 2.0
        let y = b / H
        for j in 0 .. width - 1 do
            let a = float j + 0.5 - W / 2.0
            let x = a / W
            let r2 = x * x + y * y
            let kr = 1.0 + k * r2 + k * r2 * r2
            mx.[i * width + j] <- float32 (W / 2.0 + dx + a * kr)
            my.[i * width + j] <- float32 (H / 2.0 + dy + b * kr)
    mx, my

let tests =
    testList "remap ops" [
        testList "kernel and engine" [
            test "a map of pixel centres gives the input back exactly, every interpolation, bytes and floats" {
                for img in [ makeImage ElementType.Byte 3 (9, 6) 1 ValueRange.Byte; makeImage ElementType.Float32 4 (5, 8) 2 (ValueRange(-1f, 1f))
                             makeImage ElementType.Byte 1 (1, 1) 3 ValueRange.Byte ] do
                    for interp in [ Interpolation.Nearest; Interpolation.Bilinear; Interpolation.Bicubic; Interpolation.Lanczos ] do
                        for border in [ BorderMode.Constant; BorderMode.Reflect101 ] do
                            let step = remapStep img.Width img.Height (identityMap img.Width img.Height) interp border
                            let out, _ = Engine.runPixels RunOptions.Default [ step ] img None
                            Expect.equal (bits out) (bits img) (sprintf "%A %A %A" img.ElementType interp border)
            }
            test "a constant shift field worked by hand is a translation" {
                // 4x1 image 10 20 30 40; the map reads x + 1 (u = j + 1.5): nearest reads pixels 1, 2, 3 and then 4, which
                // is outside: the constant fill 0. Bilinear at u = j + 1.5 sits on a pixel centre: the same values.
                // A shift of 0.5 (u = j + 1) with bilinear blends neighbours half and half: 15, 25, 35, (40 + 0) / 2 = 20.
                let src = [| 10uy; 20uy; 30uy; 40uy |]
                let remap (shift: float32) interp =
                    let dst = Array.zeroCreate 4
                    let mx = Array.init 4 (fun j -> float32 j + 0.5f + shift)
                    GeometryKernels.Remap(ReadOnlySpan src, 4, 1, 1, Span dst, 4, 1, ReadOnlySpan mx, ReadOnlySpan [| 0.5f; 0.5f; 0.5f; 0.5f |],
                                          interp, BorderMode.Constant, ReadOnlySpan [| 0f |])
                    dst
                Expect.equal (remap 1f Interpolation.Nearest) [| 20uy; 30uy; 40uy; 0uy |] "nearest, shift 1"
                Expect.equal (remap 1f Interpolation.Bilinear) [| 20uy; 30uy; 40uy; 0uy |] "bilinear, shift 1"
                Expect.equal (remap 0.5f Interpolation.Bilinear) [| 15uy; 25uy; 35uy; 20uy |] "bilinear, shift 0.5"
            }
            test "the remap of an affine map's values equals the warp reference bit for bit (one sampling code)" {
                // inverse: u = 0.75 x + 1.25, v = 0.5 y - 0.5: exact in float32 at pixel centres.
                let inv = Matrix3(0.75, 0.0, 1.25, 0.0, 0.5, -0.5, 0.0, 0.0, 1.0)
                for ch in [ 1; 3; 4 ] do
                    for (sw, sh, dw, dh) in [ (1, 1, 3, 2); (7, 5, 9, 11); (16, 3, 17, 4) ] do
                        let mx = Array.init (dw * dh) (fun k -> let struct (x, _) = inv.Apply(float (k % dw) + 0.5, float (k / dw) + 0.5) in float32 x)
                        let my = Array.init (dw * dh) (fun k -> let struct (_, y) = inv.Apply(float (k % dw) + 0.5, float (k / dw) + 0.5) in float32 y)
                        for interp in [ Interpolation.Nearest; Interpolation.Bilinear; Interpolation.Bicubic; Interpolation.Lanczos ] do
                            for border in [ BorderMode.Constant; BorderMode.Reflect101; BorderMode.Replicate ] do
                                let src = fillBytes (sw + ch) (sw * sh * ch)
                                let fill = Array.create ch 7f
                                let a, b = Array.zeroCreate (dw * dh * ch), Array.zeroCreate (dw * dh * ch)
                                GeometryKernels.Remap(ReadOnlySpan src, sw, sh, ch, Span a, dw, dh, ReadOnlySpan mx, ReadOnlySpan my, interp, border, ReadOnlySpan fill)
                                GeometryKernels.WarpReference(ReadOnlySpan src, sw, sh, ch, Span b, dw, dh, &inv, interp, border, ReadOnlySpan fill, ReadOnlySpan<WarpWindow>([||]))
                                Expect.equal a b (sprintf "bytes %d ch %dx%d %A %A" ch sw sh interp border)
                                let r = ValueRange(-1f, 2f)
                                let srcF = fillFloats (sw + ch) (sw * sh * ch) r
                                let af, bf = Array.zeroCreate (dw * dh * ch), Array.zeroCreate (dw * dh * ch)
                                GeometryKernels.Remap(ReadOnlySpan srcF, sw, sh, ch, Span af, dw, dh, ReadOnlySpan mx, ReadOnlySpan my, interp, border, ReadOnlySpan fill, r)
                                GeometryKernels.WarpReference(ReadOnlySpan srcF, sw, sh, ch, Span bf, dw, dh, &inv, interp, border, ReadOnlySpan fill, ReadOnlySpan<WarpWindow>([||]), r)
                                Expect.equal (MemoryMarshal.AsBytes(Span af).ToArray()) (MemoryMarshal.AsBytes(Span bf).ToArray()) (sprintf "floats %d ch %A %A" ch interp border)
            }
            test "a map value that is not finite takes the fill" {
                let dst = Array.zeroCreate 2
                GeometryKernels.Remap(ReadOnlySpan [| 5uy; 6uy |], 2, 1, 1, Span dst, 2, 1, ReadOnlySpan [| nanf; 1.5f |], ReadOnlySpan [| 0.5f; infinityf |],
                                      Interpolation.Bilinear, BorderMode.Replicate, ReadOnlySpan [| 9f |])
                Expect.equal dst [| 9uy; 9uy |] "fill"
            }
            test "a remap is its own plan group between warps, and the mask runs it with nearest and the mask fill" {
                let s = { Width = 4; Height = 3; Channels = 3 }
                let steps = [ Steps.flipHorizontal s; remapStep 4 3 (identityMap 4 3) Interpolation.Bilinear BorderMode.Constant; Steps.flipVertical s ]
                let groups = Engine.plan true ElementType.Byte s steps
                let name g = match g with Group.Warp ws -> sprintf "warp%d" ws.Length | Group.Remap _ -> "remap" | Group.Points _ -> "points" | Group.Filter _ -> "filter" | Group.Kernel _ -> "kernel"
                Expect.equal (groups |> List.map name) [ "warp1"; "remap"; "warp1" ] "groups"
                match Engine.maskGroups groups with
                | [ _; Group.Remap r; _ ] ->
                    Expect.equal r.Interpolation Interpolation.Nearest "nearest"
                    Expect.equal r.Fill [| 0f |] "mask fill"
                | g -> failtestf "mask groups %A" (g |> List.map name)
            }
            test "the inverse map moves a point onto the output pixel that reads it (within 0.01 px on a smooth map)" {
                // OpticalDistortion's map with k = 0.3 on 40 x 30: for points inside, the found q satisfies map(q) ~ p; check
                // it by reading the map at q bilinearly between pixel centres.
                let w, h = 40, 30
                let mx, my = Ops.opticalDistortionMap 0.3 1.0 -2.0 w h
                let step = { Name = "t"; Width = w; Height = h; Map = lazy (mx, my); Interpolation = Interpolation.Bilinear
                             Border = BorderMode.Constant; Fill = [||]; MaskFill = 0uy; Filter = BoxFilter.Default }
                let inv = Steps.remapInverse step w h
                let at (a: float32[]) (qx: float) (qy: float) =
                    let fx, fy = qx - 0.5, qy - 0.5
                    let j, i = int (Math.Floor fx), int (Math.Floor fy)
                    let ax, ay = fx - float j, fy - float i
                    let v i j = float a.[i * w + j]
                    (1.0 - ay) * ((1.0 - ax) * v i j + ax * v i (j + 1)) + ay * ((1.0 - ax) * v (i + 1) j + ax * v (i + 1) (j + 1))
                for (px, py) in [ (20.0, 15.0); (10.3, 7.7); (31.0, 22.5); (5.0, 25.0) ] do
                    match inv px py with
                    | ValueSome (struct (qx, qy)) ->
                        Expect.isLessThan (abs (at mx qx qy - px)) 0.01 (sprintf "x of %A" (px, py))
                        Expect.isLessThan (abs (at my qx qy - py)) 0.01 (sprintf "y of %A" (px, py))
                    | ValueNone -> failtestf "no preimage for %A" (px, py)
                Expect.equal (inv 1e6 5.0) ValueNone "far outside: no preimage"
            }
        ]

        testList "fast elastic map" [
            // GeometryKernels.ElasticMap (Philox batches, padded rows, four sums a step) against the reference
            // (elasticMapReference: Philox block by block, FilterKernels.SeparableFilter, the F# map loop) bit for bit.
            let floatBits (a: float32[]) = a |> Array.map BitConverter.SingleToInt32Bits
            let elasticPaths = [ SimdPath.Auto; SimdPath.Scalar; SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512 ]
            let check (w: int) (h: int) (alpha: float) (sigma: float) (seedInt: int) =
                let seed = Seed.derive (Seed.ofInt seedInt) 0L
                let ex, ey = elasticMapReference alpha sigma seed w h
                let struct (k0, k1, s0, s1) = seed.Words
                let kernel = FilterKernels.GaussianKernel(Ops.elasticKernelSize sigma, sigma)
                for p in elasticPaths do
                    let mx, my = Array.create (w * h) nanf, Array.create (w * h) nanf
                    GeometryKernels.ElasticMap(k0, k1, s0, s1, float32 alpha, ReadOnlySpan kernel, w, h, Span mx, Span my, p)
                    let what = sprintf "%dx%d alpha %g sigma %g seed %d %A" w h alpha sigma seedInt p
                    Expect.equal (floatBits mx) (floatBits ex) ("mapX " + what)
                    Expect.equal (floatBits my) (floatBits ey) ("mapY " + what)
            test "every SIMD path equals the reference: random and edge sizes, sigma and alpha extremes" {
                let rnd = Random 4711
                for _ in 1 .. 120 do
                    let w = Generators.edgeSizeUpTo 71 rnd
                    let h = [| 1; 3; 5; 17; 33; 2 * rnd.Next 30 + 1; rnd.Next(1, 71) |].[rnd.Next 7]
                    let sigma = [| 0.05; 0.5; 1.0; 3.0; 8.0; 17.3; 50.0 |].[rnd.Next 7]
                    let alpha = [| 1e-3; 1.0; 4.0; 120.0; 1e4 |].[rnd.Next 5]
                    check w h alpha sigma (rnd.Next())
            }
            test "the bench's sizes and parameters, one row, one column" {
                for (w, h) in [ 224, 224; 512, 37; 65, 64; 129, 3 ] do check w h 120.0 8.0 17
                check 70 1 120.0 8.0 3
                check 1 70 120.0 8.0 4
            }
            test "the op's map is the kernel's" {
                // Through the public op: the engine's map (ElasticMap) against the reference on the same seed.
                let seed = Seed.derive (Seed.ofInt 9) 0L
                let fx, fy = Ops.elasticMap 50.0 5.0 seed 37 29
                let ex, ey = elasticMapReference 50.0 5.0 seed 37 29
                Expect.equal (floatBits fx) (floatBits ex) "mapX"
                Expect.equal (floatBits fy) (floatBits ey) "mapY"
            }
            test "bad input names the parameter" {
                let k = FilterKernels.GaussianKernel(5, 1.0)
                let e = Expect.throwsC (fun () -> GeometryKernels.ElasticMap(1u, 2u, 3u, 4u, 1f, ReadOnlySpan k, 0, 3, Span(Array.zeroCreate 9), Span(Array.zeroCreate 9))) id
                Expect.stringContains e.Message "width" "names width"
                let e = Expect.throwsC (fun () -> GeometryKernels.ElasticMap(1u, 2u, 3u, 4u, 1f, ReadOnlySpan k, 3, 3, Span(Array.zeroCreate 8), Span(Array.zeroCreate 9))) id
                Expect.stringContains e.Message "mapX" "names mapX"
                let e = Expect.throwsC (fun () -> GeometryKernels.ElasticMap(1u, 2u, 3u, 4u, 1f, ReadOnlySpan(Array.zeroCreate<float32> 4), 3, 3, Span(Array.zeroCreate 9), Span(Array.zeroCreate 9))) id
                Expect.stringContains e.Message "kernel" "names kernel"
            }
        ]

        testList "fast optical map" [
            let floatBits (a: float32[]) = a |> Array.map BitConverter.SingleToInt32Bits
            let opticalPaths = [ SimdPath.Auto; SimdPath.Scalar; SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512 ]
            let check w h k dx dy =
                let ex, ey = opticalMapReference k dx dy w h
                for p in opticalPaths do
                    let mx, my = Array.create (w * h) nanf, Array.create (w * h) nanf
                    GeometryKernels.OpticalMap(k, dx, dy, w, h, Span mx, Span my, p)
                    let what = sprintf "%dx%d k %g dx %g dy %g %A" w h k dx dy p
                    Expect.equal (floatBits mx) (floatBits ex) ("mapX " + what)
                    Expect.equal (floatBits my) (floatBits ey) ("mapY " + what)
            test "every SIMD path equals the reference: random and edge sizes, extreme coefficients and shifts" {
                let rnd = Random 4712
                for _ in 1 .. 200 do
                    let w = Generators.edgeSizeUpTo 71 rnd
                    let h = [| 1; 3; 5; 17; 2 * rnd.Next 35 + 1; rnd.Next(1, 71) |].[rnd.Next 6]
                    let k = [| 0.0; -100.0; 100.0; -0.36; 0.5; rnd.NextDouble() * 2.0 - 1.0; 1e-300 |].[rnd.Next 7]
                    let shift () = [| 0.0; -1e4; 1e4; 10.0; -3.0; Math.Round(rnd.NextDouble() * 20.0 - 10.0) |].[rnd.Next 6]
                    check w h k (shift ()) (shift ())
            }
            test "the bench's sizes and parameters" {
                for s in [ 224; 512 ] do check s s 0.5 10.0 10.0
            }
            test "the op's map is the kernel's" {
                let fx, fy = Ops.opticalDistortionMap -0.2 3.0 -4.0 37 29
                let ex, ey = opticalMapReference -0.2 3.0 -4.0 37 29
                Expect.equal (floatBits fx) (floatBits ex) "mapX"
                Expect.equal (floatBits fy) (floatBits ey) "mapY"
            }
            test "bad input names the parameter" {
                let e = Expect.throwsC (fun () -> GeometryKernels.OpticalMap(0.1, 0.0, 0.0, 3, 0, Span(Array.zeroCreate 9), Span(Array.zeroCreate 9))) id
                Expect.stringContains e.Message "height" "names height"
                let e = Expect.throwsC (fun () -> GeometryKernels.OpticalMap(0.1, 0.0, 0.0, 3, 3, Span(Array.zeroCreate 9), Span(Array.zeroCreate 8))) id
                Expect.stringContains e.Message "mapY" "names mapY"
            }
        ]

        testList "fast remap float path" [
            // The AVX2 body floors and splits in float when every u, v of a block lies in [0.5, 2^23]: coordinates at and
            // around those limits (0.5 and its neighbour floats, 2^23 and its neighbours, with Replicate so that far taps
            // stay in the vector body), against the per-pixel reference on every path.
            test "coordinates at the float path's limits give the reference's bits" {
                let rnd = Random 4713
                let limits = [| 0.5f; MathF.BitIncrement 0.5f; MathF.BitDecrement 0.5f; 8388608f; MathF.BitIncrement 8388608f
                                MathF.BitDecrement 8388608f; 8388607.5f; 1.5f; 0f; 1e-30f |]
                for _ in 1 .. 200 do
                    let sw, sh = rnd.Next(2, 40), rnd.Next(2, 40)
                    let dw, dh = rnd.Next(1, 40), rnd.Next(1, 6)
                    let c = [| 1; 3; 4 |].[rnd.Next 3]
                    let src = Generators.bytesFrom rnd (sw * sh * c)
                    let pick (size: int) =
                        match rnd.Next 3 with
                        | 0 -> limits.[rnd.Next limits.Length]
                        | 1 -> float32 (rnd.NextDouble() * float size)
                        | _ -> float32 (rnd.Next size) + 0.5f + float32 (rnd.Next 2) * 0.5f
                    let mx = Array.init (dw * dh) (fun _ -> pick sw)
                    let my = Array.init (dw * dh) (fun _ -> pick sh)
                    let fill = Array.init c (fun k -> float32 (30 * k + 5))
                    for border in Generators.allBorders do
                        let expected = Array.zeroCreate (dw * dh * c)
                        GeometryKernels.RemapReference(ReadOnlySpan src, sw, sh, c, Span expected, dw, dh, ReadOnlySpan mx, ReadOnlySpan my,
                                                       Interpolation.Bilinear, border, ReadOnlySpan fill)
                        for p in [ SimdPath.Auto; SimdPath.Scalar; SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512 ] do
                            let got = Array.zeroCreate (dw * dh * c)
                            GeometryKernels.RemapBilinear(ReadOnlySpan src, sw, sh, c, Span got, dw, dh, ReadOnlySpan mx, ReadOnlySpan my, border, ReadOnlySpan fill, p)
                            Expect.equal got expected (sprintf "%dx%dx%d -> %dx%d %A %A" sw sh c dw dh border p)
            }
            test "smooth fields inside the source (64-bit tap pairs), saturated taps, widths 8 .. 70: every path gives the reference's bits" {
                // Blocks whose taps all lie inside read each row's tap pair as one 64-bit word (three channels: the lower
                // row from two bytes before) and blend without a clamp. Displacement fields of up to 3 pixels around the
                // pixel centres, scaled so some blocks sit on the last column and row, taps of only 0 and 255.
                let rnd = Random 4715
                for n in 1 .. 150 do
                    let sw, sh = rnd.Next(8, 71), 2 * rnd.Next(1, 35) + 1
                    let dw, dh = (if n % 2 = 0 then sw else rnd.Next(8, 71)), 2 * rnd.Next(1, 35) + 1
                    let c = [| 1; 3; 4 |].[n % 3]
                    let src = Array.init (sw * sh * c) (fun _ -> if rnd.Next 2 = 0 then 0uy else 255uy)
                    let amp, fx, fy = float32 (rnd.NextDouble() * 3.0), float32 (rnd.NextDouble() * 0.5), float32 (rnd.NextDouble() * 0.5)
                    let sx, sy = float32 sw / float32 dw, float32 sh / float32 dh
                    let mx = Array.init (dw * dh) (fun k -> (float32 (k % dw) + 0.5f) * sx + amp * MathF.Sin(fx * float32 (k / dw) + fy * float32 (k % dw)))
                    let my = Array.init (dw * dh) (fun k -> (float32 (k / dw) + 0.5f) * sy + amp * MathF.Cos(fy * float32 (k / dw) - fx * float32 (k % dw)))
                    let fill = Array.init c (fun q -> float32 (255 - 50 * q))
                    for border in Generators.allBorders do
                        let expected = Array.zeroCreate (dw * dh * c)
                        GeometryKernels.RemapReference(ReadOnlySpan src, sw, sh, c, Span expected, dw, dh, ReadOnlySpan mx, ReadOnlySpan my,
                                                       Interpolation.Bilinear, border, ReadOnlySpan fill)
                        for p in [ SimdPath.Auto; SimdPath.Scalar; SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512 ] do
                            let got = Array.zeroCreate (dw * dh * c)
                            GeometryKernels.RemapBilinear(ReadOnlySpan src, sw, sh, c, Span got, dw, dh, ReadOnlySpan mx, ReadOnlySpan my, border, ReadOnlySpan fill, p)
                            Expect.equal got expected (sprintf "%dx%dx%d -> %dx%d %A %A" sw sh c dw dh border p)
            }
            test "a source 2^23 + 8 pixels wide read around x = 2^23, where a float fraction would lose the half" {
                // u = 2^23 + 1 is a float, u - 0.5 is not (floats there are whole): the vector body must take the double
                // path for it, or the fraction 0.5 becomes 0 and the blend of two different taps changes.
                let rnd = Random 4714
                let sw, sh, c = 8388616, 2, 1
                let src = Generators.bytesFrom rnd (sw * sh * c)
                let dw = 64
                let near = [| 8388606.5f; 8388607f; 8388607.5f; 8388608f; 8388609f; 8388610f; 8388611f; 8388605.25f |]
                for _ in 1 .. 20 do
                    let mx = Array.init dw (fun _ -> near.[rnd.Next near.Length])
                    let my = Array.init dw (fun _ -> 0.5f + float32 (rnd.Next 5) * 0.25f)
                    for border in Generators.allBorders do
                        let expected = Array.zeroCreate dw
                        GeometryKernels.RemapReference(ReadOnlySpan src, sw, sh, c, Span expected, dw, 1, ReadOnlySpan mx, ReadOnlySpan my,
                                                       Interpolation.Bilinear, border, ReadOnlySpan [| 7f |])
                        for p in [ SimdPath.Auto; SimdPath.Vector256 ] do
                            let got = Array.zeroCreate dw
                            GeometryKernels.RemapBilinear(ReadOnlySpan src, sw, sh, c, Span got, dw, 1, ReadOnlySpan mx, ReadOnlySpan my, border, ReadOnlySpan [| 7f |], p)
                            Expect.equal got expected (sprintf "%A %A" border p)
            }
        ]

        testList "known answers" [
            test "OpticalDistortion with k 0 and a shift of one pixel is a translation: pixels, box and keypoint" {
                // dx and dy are both draws of shift_limit (constant 1): u' = W/2 + 1 + (u - W/2) = u + 1 and v' = v + 1, so
                // output pixel (j, i) reads input pixel (j + 1, i + 1) (constant fill 0 past the edges). Rows 10 20 30 40 /
                // 50 60 70 80 give 60 70 80 0 / 0 0 0 0; a point moves by (-1, -1): keypoint (2.5, 1.5) -> (1.5, 0.5), box
                // [1, 3] x [1, 2] -> [0, 2] x [0, 1].
                let img = Image.FromBytes(4, 2, 1, ReadOnlySpan [| 10uy; 20uy; 30uy; 40uy; 50uy; 60uy; 70uy; 80uy |])
                let s = { Sample.ofImage img with
                            Boxes = [| { XMin = 1.0; YMin = 1.0; XMax = 3.0; YMax = 2.0; Class = 1; Id = 0 } |]
                            Keypoints = [| { X = 2.5; Y = 1.5; Visible = true }; { X = 0.5; Y = 1.5; Visible = true } |] }
                let out = Aug.apply (Ops.opticalDistortion (c 0.0) (c 1.0) Interpolation.Bilinear BorderMode.Constant 0.0) (Seed.ofInt 0) s
                Expect.equal (out.Image.Bytes.ToArray()) [| 60uy; 70uy; 80uy; 0uy; 0uy; 0uy; 0uy; 0uy |] "pixels"
                let k = out.Keypoints.[0]
                Expect.floatClose Accuracy.high k.X 1.5 "keypoint x"
                Expect.floatClose Accuracy.high k.Y 0.5 "keypoint y"
                Expect.isTrue k.Visible "visible"
                // (0.5, 1.5) -> (-0.5, 0.5): off the image, invisible.
                let off = out.Keypoints.[1]
                Expect.floatClose Accuracy.high off.X -0.5 "off-image keypoint x"
                Expect.isFalse off.Visible "off the image: invisible"
                let b = out.Boxes.[0]
                for name, got, want in [ "xmin", b.XMin, 0.0; "ymin", b.YMin, 0.0; "xmax", b.XMax, 2.0; "ymax", b.YMax, 1.0 ] do
                    Expect.floatClose Accuracy.high got want name
            }
            test "OpticalDistortion's map at a corner pixel, worked by hand" {
                // W = 4, H = 2, k = 1, no shift; pixel (0, 0): a = 0.5 - 2 = -1.5, b = 0.5 - 1 = -0.5, x = -0.375,
                // y = -0.25, r2 = 0.140625 + 0.0625 = 0.203125, kr = 1 + 0.203125 + 0.203125^2 = 1.244384765625;
                // source x = 2 - 1.5 * kr = 0.1334228515625, y = 1 - 0.5 * kr = 0.3778076171875 (both exact in float32).
                let mx, my = Ops.opticalDistortionMap 1.0 0.0 0.0 4 2
                Expect.equal mx.[0] 0.1334228515625f "x"
                Expect.equal my.[0] 0.3778076171875f "y"
                // By symmetry pixel (3, 1) reads the mirror point (4 - x, 2 - y).
                Expect.equal mx.[7] (4f - 0.1334228515625f) "mirror x"
                Expect.equal my.[7] (2f - 0.3778076171875f) "mirror y"
            }
            test "GridDistortion's axis map, worked by hand" {
                // size 4, 2 steps (step = 4 / 2 = 2, last = 0), factors 1.5, 0.5, 1 -> 1.5, 0.5, 0 (sum 2 * 2 = 4 = size, scale 1):
                // knots (0, 0), (2, 0 + 2 * 1.5 = 3), (4, 3 + 2 * 0.5 = 4). Centres 0.5, 1.5 -> 1.5 x: 0.75, 2.25; 2.5, 3.5 -> 3 + 0.5 (x - 2):
                // 3.25, 3.75.
                Expect.equal (Ops.gridDistortionAxis 2 [| 1.5; 0.5; 1.0 |] 4) [| 0.75f; 2.25f; 3.25f; 3.75f |] "size 4"
                // size 5, 2 steps, factors 1: last = 1, third factor 1 * 1 / 2; sum 2 + 2 + 1 = 5: knots (0, 0), (2, 2), (4, 4), (5, 5).
                Expect.equal (Ops.gridDistortionAxis 2 [| 1.0; 1.0; 1.0 |] 5) [| 0.5f; 1.5f; 2.5f; 3.5f; 4.5f |] "size 5, identity"
                // size 6, 2 steps, factors 0.5, 1, 2: step 3, last = 6 - 2 * 3 = 0, so the third factor becomes 2 * 0 / 3 = 0;
                // sum = 3 * 0.5 + 3 * 1 = 4.5, scale 6 / 4.5 = 4/3: factors 2/3, 4/3; knots (0, 0), (3, 2), (6, 6).
                // Centres 0.5, 1.5, 2.5 -> 2/3 x: 1/3, 1, 5/3; 3.5, 4.5, 5.5 -> 2 + 4/3 (x - 3): 8/3, 4, 16/3.
                let got = Ops.gridDistortionAxis 2 [| 0.5; 1.0; 2.0 |] 6
                let want = [| 1.0 / 3.0; 1.0; 5.0 / 3.0; 8.0 / 3.0; 4.0; 16.0 / 3.0 |]
                for j in 0 .. 5 do Expect.floatClose Accuracy.medium (float got.[j]) want.[j] (sprintf "size 6, pixel %d" j)
                // size 7, 5 steps (step 1, last 2), factors 1: sum 5 + 1 * 2 = 7, scale 1: knots k -> k, then (7, 7): identity.
                Expect.equal (Ops.gridDistortionAxis 5 (Array.create 6 1.0) 7) (Array.init 7 (fun j -> float32 j + 0.5f)) "size 7, identity"
                // size 3, 5 steps: step 0, every cell empty; the map is (0, 0) to (3, 3): identity.
                Expect.equal (Ops.gridDistortionAxis 5 [| 2.0; 0.5; 1.0; 1.0; 1.0; 1.0 |] 3) [| 0.5f; 1.5f; 2.5f |] "size 3 < 5 steps"
                let mx, my = Ops.gridDistortionMap 2 [| 1.5; 0.5; 1.0 |] [| 0.5; 1.0; 2.0 |] 4 6
                Expect.equal mx.[5] 2.25f "meshgrid x of (1, 1)"
                Expect.floatClose Accuracy.medium (float my.[5]) 1.0 "meshgrid y of (1, 1)"
            }
            test "ElasticTransform's field with a one-tap Gaussian is Philox's uniform, scaled by alpha" {
                // sigma 0.01: ksize = round(8 * 0.01 + 1) | 1 = 1, weight exactly 1, so the smoothed field is the noise:
                // map_x(k) - (j + 0.5) = alpha * (2 u(X0, X1) - 1) for Philox block k of the seed (counter k, 0x80000000, s0, s1).
                let seed = Seed.ofInt 42
                let alpha = 3.0
                let mx, my = Ops.elasticMap alpha 0.01 seed 5 3
                let struct (k0, k1, s0, s1) = seed.Words
                for k in 0 .. 14 do
                    let b = Philox4x32.Generate(k0, k1, Block4(uint32 k, 0x80000000u, s0, s1))
                    let dx = float32 (2.0 * Philox4x32.ToUnitDouble(b.X0, b.X1) - 1.0)
                    let dy = float32 (2.0 * Philox4x32.ToUnitDouble(b.X2, b.X3) - 1.0)
                    Expect.equal mx.[k] ((float32 (k % 5) + 0.5f) + 3f * dx) "x"
                    Expect.equal my.[k] ((float32 (k / 5) + 0.5f) + 3f * dy) "y"
                Expect.equal (Ops.elasticKernelSize 50.0) 401 "sigma 50: 8 * 50 + 1 = 401"
            }
            test "ElasticTransform's displacements stay within alpha and are smooth" {
                let mx, my = Ops.elasticMap 10.0 4.0 (Seed.ofInt 7) 30 20
                for k in 0 .. mx.Length - 1 do
                    Expect.isLessThanOrEqual (abs (float mx.[k] - (float (k % 30) + 0.5))) 10.0 "x within alpha"
                    Expect.isLessThanOrEqual (abs (float my.[k] - (float (k / 30) + 0.5))) 10.0 "y within alpha"
                for k in 0 .. mx.Length - 2 do
                    if k % 30 <> 29 then Expect.isLessThan (abs (float mx.[k + 1] - float mx.[k] - 1.0)) 1.0 "neighbours move together"
            }
        ]

        testList "identities" [
            test "alpha 0, distort_limit 0 and k 0 give the input back; their maps with identity parameters are pixel centres" {
                for img in [ makeImage ElementType.Byte 3 (9, 6) 1 ValueRange.Byte; makeImage ElementType.Float32 4 (5, 8) 2 (ValueRange(-1f, 1f))
                             makeImage ElementType.Byte 1 (7, 7) 5 ValueRange.Byte ] do
                    let ids =
                        [ "elastic", Ops.elasticTransform 0.0 5.0 Interpolation.Bilinear BorderMode.Reflect101 0.0
                          "grid", Ops.gridDistortion 4 (c 0.0) Interpolation.Bilinear BorderMode.Reflect101 0.0
                          "optical", Ops.opticalDistortion (c 0.0) (c 0.0) Interpolation.Bicubic BorderMode.Constant 0.0 ]
                    for name, op in ids do
                        Expect.equal (bits (image op img)) (bits img) name
                    let idm = identityMap img.Width img.Height
                    Expect.equal (Ops.gridDistortionMap 4 (Array.create 5 1.0) (Array.create 5 1.0) img.Width img.Height) idm "grid map"
                    Expect.equal (Ops.opticalDistortionMap 0.0 0.0 0.0 img.Width img.Height) idm "optical map"
                    Expect.equal (Ops.elasticMap 0.0 5.0 (Seed.ofInt 3) img.Width img.Height) idm "elastic map, alpha 0"
                    // The maps through the engine (not skipped as Step.Nothing) give the input back too.
                    let out, _ = Engine.runPixels RunOptions.Default [ remapStep img.Width img.Height idm Interpolation.Bilinear BorderMode.Reflect101 ] img None
                    Expect.equal (bits out) (bits img) "identity remap"
            }
            test "every op runs on 1, 3 and 4 channels, bytes and floats, keeping the shape" {
                for t, r in [ ElementType.Byte, ValueRange.Byte; ElementType.Float32, ValueRange.Unit ] do
                    for ch in [ 1; 3; 4 ] do
                        let img = makeImage t ch (11, 7) ch r
                        for op in opsWith Interpolation.Bilinear BorderMode.Reflect101 do
                            let out = image op img
                            Expect.equal (out.Width, out.Height, out.Channels, out.ElementType) (11, 7, ch, t) (string op)
            }
        ]

        testList "properties" [
            testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 60 } "boxes stay inside and match their rendered mask's bounds (2 px; constant borders)" <|
                Prop.forAll (Arb.fromGen (Gen.zip3 genBoxSample genSeed (Gen.elements [ Interpolation.Nearest; Interpolation.Bilinear ]))) (fun (s, seed, interp) ->
                    opsWith interp BorderMode.Constant |> List.forall (fun op ->
                        let r = Aug.apply op seed s
                        let W, H = float r.Image.Width, float r.Image.Height
                        let inside = r.Boxes |> Array.forall (fun b -> b.XMin >= 0.0 && b.YMin >= 0.0 && b.XMax <= W && b.YMax <= H)
                        let matches =
                            match r.Boxes, maskBounds r.Mask.Value with
                            | [| b |], Some (x0, y0, x1, y1) when b.XMin > 0.0 && b.YMin > 0.0 && b.XMax < W && b.YMax < H
                                                                  && b.XMax - b.XMin >= 2.0 && b.YMax - b.YMin >= 2.0 ->
                                abs (b.XMin - x0) <= 2.0 && abs (b.YMin - y0) <= 2.0 && abs (b.XMax - x1) <= 2.0 && abs (b.YMax - y1) <= 2.0
                            // A sliver under 2 px (a thin strip that the map squeezes may cover few pixel centres of the
                            // nearest-neighbour mask), or a box clipped at the edge: the hull of its moved edge was clipped, not the moved box itself, so it
                            // may be larger than its mask's bounds (as for warps); it still holds them.
                            | [| b |], Some (x0, y0, x1, y1) ->
                                x0 >= b.XMin - 2.0 && y0 >= b.YMin - 2.0 && x1 <= b.XMax + 2.0 && y1 <= b.YMax + 2.0
                            | [||], None -> true
                            // A sliver under two pixels may cover no pixel centre of the nearest-neighbour mask, or the reverse.
                            | [| b |], None -> b.XMax - b.XMin < 2.0 || b.YMax - b.YMin < 2.0
                            | [||], Some (x0, y0, x1, y1) -> x1 - x0 <= 2.0 || y1 - y0 <= 2.0
                            | _ -> false
                        if not (inside && matches) then
                            let bs (bs: Box[]) = bs |> Array.map (fun b -> sprintf "[%.2f %.2f %.2f %.2f]" b.XMin b.YMin b.XMax b.YMax) |> String.concat " "
                            printfn "%s on %dx%d: boxes %s mask %A from %s" (string op) s.Image.Width s.Image.Height (bs r.Boxes) (maskBounds r.Mask.Value) (bs s.Boxes)
                        inside && matches))
            testProperty "float images keep their value range (bilinear, bicubic, Lanczos)" <|
                Prop.forAll (Arb.fromGen (Gen.zip genSeed (Gen.elements [ Interpolation.Bilinear; Interpolation.Bicubic; Interpolation.Lanczos ]))) (fun (seed, interp) ->
                    let r = ValueRange(-1f, 1f)
                    let img = makeImage ElementType.Float32 3 (13, 9) 4 r
                    opsWith interp BorderMode.Reflect101 |> List.forall (fun op ->
                        let out = (Aug.apply op seed (Sample.ofImage img)).Image
                        out.Floats.ToArray() |> Array.forall (fun v -> v >= r.Min && v <= r.Max)))
            testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 40 } "the same seed gives the same bits; replaying a trace, also through JSON, equals the run" <|
                Prop.forAll (Arb.fromGen (Gen.zip genBoxSample genSeed)) (fun (s, seed) ->
                    opsWith Interpolation.Bilinear BorderMode.Reflect101 |> List.forall (fun op ->
                        let out, trace = Aug.run op seed s
                        let same, _ = Aug.run op seed s
                        let again = Aug.replay op (Json.traceOfString (Json.traceToString trace)) s
                        bits out.Image = bits same.Image && bits out.Image = bits again.Image && out.Boxes = again.Boxes
                        && out.Keypoints = again.Keypoints && bits out.Mask.Value = bits again.Mask.Value))
        ]

        testList "bad input" [
            test "constructors name the parameter" {
                expectArg "alpha" [ "alpha was -1" ] (fun () -> Ops.elasticTransform -1.0 5.0 Interpolation.Bilinear BorderMode.Constant 0.0)
                expectArg "sigma" [ "sigma was 0" ] (fun () -> Ops.elasticTransform 1.0 0.0 Interpolation.Bilinear BorderMode.Constant 0.0)
                expectArg "interpolation" [ "Area" ] (fun () -> Ops.elasticTransform 1.0 5.0 Interpolation.Area BorderMode.Constant 0.0)
                expectArg "numSteps" [ "numSteps was 0" ] (fun () -> Ops.gridDistortion 0 (c 0.1) Interpolation.Bilinear BorderMode.Constant 0.0)
                expectArg "distortLimit" [ "[-1, 9]" ] (fun () -> Ops.gridDistortion 5 (u -2.0 0.0) Interpolation.Bilinear BorderMode.Constant 0.0)
                expectArg "fill" [ "finite" ] (fun () -> Ops.gridDistortion 5 (c 0.1) Interpolation.Bilinear BorderMode.Constant nan)
                expectArg "distortLimit" [ "[-100, 100]" ] (fun () -> Ops.opticalDistortion (c 200.0) (c 0.0) Interpolation.Bilinear BorderMode.Constant 0.0)
                expectArg "shiftLimit" [ "pixels" ] (fun () -> Ops.opticalDistortion (c 0.0) (c 1e5) Interpolation.Bilinear BorderMode.Constant 0.0)
            }
            test "the remap kernel names what it cannot take" {
                let dst = Array.zeroCreate 4
                expectArg "mapX" [ "at least 4" ] (fun () ->
                    GeometryKernels.Remap(ReadOnlySpan (Array.zeroCreate<byte> 4), 4, 1, 1, Span dst, 4, 1, ReadOnlySpan (Array.zeroCreate<float32> 3),
                                          ReadOnlySpan (Array.zeroCreate<float32> 4), Interpolation.Bilinear, BorderMode.Constant, ReadOnlySpan [| 0f |]))
                expectArg "interpolation" [ "Area" ] (fun () ->
                    GeometryKernels.Remap(ReadOnlySpan (Array.zeroCreate<byte> 4), 4, 1, 1, Span dst, 4, 1, ReadOnlySpan (Array.zeroCreate<float32> 4),
                                          ReadOnlySpan (Array.zeroCreate<float32> 4), Interpolation.Area, BorderMode.Constant, ReadOnlySpan [| 0f |]))
                expectArg "channels" [ "2" ] (fun () ->
                    GeometryKernels.Remap(ReadOnlySpan (Array.zeroCreate<byte> 8), 4, 1, 2, Span (Array.zeroCreate<byte> 8), 4, 1, ReadOnlySpan (Array.zeroCreate<float32> 4),
                                          ReadOnlySpan (Array.zeroCreate<float32> 4), Interpolation.Bilinear, BorderMode.Constant, ReadOnlySpan [| 0f; 0f |]))
            }
            test "a replayed trace with bad values names the JSON path" {
                let s = Sample.ofImage (makeImage ElementType.Byte 3 (5, 4) 1 ValueRange.Byte)
                let op = Ops.gridDistortion 2 (c 0.1) Interpolation.Bilinear BorderMode.Constant 0.0
                let trace = Json.traceOfString """{"op":"GridDistortion","params":{"NumSteps":2,"XSteps":[1,1],"YSteps":[1,1,1],"Interpolation":"Bilinear","Border":"Constant","Fill":0}}"""
                let e = Expect.throwsC (fun () -> Aug.replay op trace s |> ignore) id
                Expect.stringContains e.Message "XSteps" "names the field"
                let elastic = Ops.elasticTransform 1.0 5.0 Interpolation.Bilinear BorderMode.Constant 0.0
                let trace = Json.traceOfString """{"op":"ElasticTransform","params":{"Alpha":1,"Sigma":5,"Seed":"xyz","Interpolation":"Bilinear","Border":"Constant","Fill":0}}"""
                let e = Expect.throwsC (fun () -> Aug.replay elastic trace s |> ignore) id
                Expect.stringContains e.Message "Seed" "names the seed"
            }
        ]
    ]
