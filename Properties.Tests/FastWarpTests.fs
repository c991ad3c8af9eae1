/// The fast byte bilinear remap (Core.Native/Kernels/GeometryKernels.Remap.cs) against its scalar reference bit for bit
/// on every SIMD path, random and edge sizes, maps inside, across and outside the source (and not finite), with a
/// known answer worked by hand; and the displacement maps built without per-element closures against their formulas.
module FastWarpTests

open System
open Expecto
open Augment
open Augment.Native
open Augment.Native.Kernels

/// Sizes that hit the edges of every loop (Generators.edgeSizeUpTo), random ones below 71.
let private edgeSize = Generators.edgeSizeUpTo 71
let private paths = [ SimdPath.Auto; SimdPath.Scalar; SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512 ]

/// A random map of one of the kinds the remap ops make: a smooth field well inside, one that crosses the edges, one
/// far outside, one with exact pixel centres and half-way points, and one sprinkled with NaN and infinities.
let private randomMap (rnd: Random) sw sh dw dh =
    let n = dw * dh
    let mx, my = Array.zeroCreate<float32> n, Array.zeroCreate<float32> n
    let kind = rnd.Next 5
    let ax, ay = rnd.NextDouble() * 3.0, rnd.NextDouble() * 3.0
    for k in 0 .. n - 1 do
        let j, i = k % dw, k / dw
        let bx, by = (float j + 0.5) * float sw / float dw, (float i + 0.5) * float sh / float dh
        let x, y =
            match kind with
            | 0 -> bx + ax * sin (float i * 0.3), by + ay * cos (float j * 0.2)
            | 1 -> bx * 1.3 - 2.0 + rnd.NextDouble(), by * 1.3 - 2.0 + rnd.NextDouble()
            | 2 -> (rnd.NextDouble() - 0.5) * 4.0 * float sw, (rnd.NextDouble() - 0.5) * 4.0 * float sh
            | 3 -> float (rnd.Next(-1, sw + 2)) + 0.5 * float (rnd.Next 2), float (rnd.Next(-1, sh + 2)) + 0.5 * float (rnd.Next 2)
            | _ ->
                match rnd.Next 8 with
                | 0 -> nan, by
                | 1 -> bx, infinity
                | 2 -> -infinity, by
                | _ -> bx + rnd.NextDouble() - 0.5, by + rnd.NextDouble() - 0.5
        mx.[k] <- float32 x
        my.[k] <- float32 y
    mx, my

let private fast (src: byte[]) sw sh c dw dh (mx: float32[]) (my: float32[]) border (fill: float32[]) path =
    let dst = Array.zeroCreate (dw * dh * c)
    GeometryKernels.RemapBilinear(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, ReadOnlySpan mx, ReadOnlySpan my, border, ReadOnlySpan fill, path)
    dst

let private reference (src: byte[]) sw sh c dw dh (mx: float32[]) (my: float32[]) border (fill: float32[]) =
    let dst = Array.zeroCreate (dw * dh * c)
    GeometryKernels.RemapReference(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, ReadOnlySpan mx, ReadOnlySpan my, Interpolation.Bilinear, border, ReadOnlySpan fill)
    dst

let private public' (src: byte[]) sw sh c dw dh (mx: float32[]) (my: float32[]) border (fill: float32[]) =
    let dst = Array.zeroCreate (dw * dh * c)
    GeometryKernels.Remap(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, ReadOnlySpan mx, ReadOnlySpan my, Interpolation.Bilinear, border, ReadOnlySpan fill)
    dst

let tests =
    testList "FastWarp" [
        test "bilinear byte remap: every path equals the per-pixel reference bit for bit" {
            let rnd = Random 901
            for _ in 1 .. 250 do
                let sw, sh, dw, dh = edgeSize rnd, edgeSize rnd, edgeSize rnd, edgeSize rnd
                let c = [| 1; 3; 4 |].[rnd.Next 3]
                let src = Generators.bytesFrom rnd (sw * sh * c)
                let mx, my = randomMap rnd sw sh dw dh
                let fill = Array.init c (fun k -> float32 (40 * k + 7))
                for border in Generators.allBorders do
                    let expected = reference src sw sh c dw dh mx my border fill
                    Expect.equal (public' src sw sh c dw dh mx my border fill) expected (sprintf "public %dx%dx%d -> %dx%d %A" sw sh c dw dh border)
                    for p in paths do
                        Expect.equal (fast src sw sh c dw dh mx my border fill p) expected
                            (sprintf "%dx%dx%d -> %dx%d %A %A" sw sh c dw dh border p)
        }

        test "bilinear byte remap: one row, one column, and a map longer than the destination" {
            let rnd = Random 902
            for (sw, sh, dw, dh) in [ 70, 1, 70, 1; 1, 70, 1, 70; 64, 2, 33, 1; 2, 2, 8, 1; 9, 9, 1, 1 ] do
                for c in [ 1; 3; 4 ] do
                    let src = Generators.bytesFrom rnd (sw * sh * c)
                    let mx, my = randomMap rnd sw sh dw dh
                    let mx, my = Array.append mx [| 1.5f; 2.5f |], Array.append my [| 0.5f; 0.5f |]
                    for border in Generators.allBorders do
                        let expected = reference src sw sh c dw dh mx my border [| for _ in 1 .. c -> 3.0f |]
                        for p in paths do
                            Expect.equal (fast src sw sh c dw dh mx my border [| for _ in 1 .. c -> 3.0f |] p) expected
                                (sprintf "%dx%dx%d -> %dx%d %A %A" sw sh c dw dh border p)
        }

        test "bilinear byte remap: known answers worked by hand" {
            // Source 2 x 2, one channel: [[0, 100], [200, 50]] (p00 = 0, p10 = 100, p01 = 200, p11 = 50).
            // (1, 1) is the centre: ax = ay = 0.5, (0 + 100 + 200 + 50) / 4 = 87.5, half to even 88.
            // (1.25, 1): ax = 0.75, ay = 0.5: top 0.75 * 100 = 75, bottom 0.25 * 200 + 0.75 * 50 = 87.5, mean 81.25 -> 81.
            // (0.5, 0.5): pixel (0, 0) exactly -> 0; (1.5, 1.5): pixel (1, 1) -> 50.
            // (1, 0.75): ax = 0.5, ay = 0.25: top 50, bottom 125, 0.75 * 50 + 0.25 * 125 = 68.75 -> 69.
            // (0.75, 1.25): ax = 0.25, ay = 0.75: top 25, bottom 162.5, 0.25 * 25 + 0.75 * 162.5 = 128.125 -> 128.
            // (1.0, 1.0) again and (1.25, 1.0) again fill the eight lanes of one AVX2 block.
            // The 2 x 2 block is the top left of an 8 x 3 source (zeros elsewhere, read only with weight 0: at (1.5, 1.5)
            // the taps are (1, 1) .. (2, 2) with ax = ay = 0), so that the eight pixels are interior and run as one AVX2
            // block whose gathered words stay inside the source.
            let block = [| 0uy; 100uy; 200uy; 50uy |]
            let src = Array.init 24 (fun k -> match k with 0 -> 0uy | 1 -> 100uy | 8 -> 200uy | 9 -> 50uy | _ -> 0uy)
            let mx = [| 1.0f; 1.25f; 0.5f; 1.5f; 1.0f; 0.75f; 1.0f; 1.25f |]
            let my = [| 1.0f; 1.0f; 0.5f; 1.5f; 0.75f; 1.25f; 1.0f; 1.0f |]
            let expected = [| 88uy; 81uy; 0uy; 50uy; 69uy; 128uy; 88uy; 81uy |]
            for p in paths do
                Expect.equal (fast src 8 3 1 8 1 mx my BorderMode.Constant [| 0.0f |] p) expected (sprintf "%A" p)
                Expect.equal (fast block 2 2 1 8 1 mx my BorderMode.Constant [| 0.0f |] p) expected (sprintf "2 x 2 %A" p)
            // Three and four channels: 10 in channel 0, the numbers above in channel 1, their complements (255 - v) in
            // channel 2 (255 - 87.5 = 167.5 -> 168 half to even, 255 - 81.25 = 173.75 -> 174, 255 - 68.75 = 186.25 -> 186,
            // 255 - 128.125 = 126.875 -> 127), and 255 in channel 3.
            for c in [ 3; 4 ] do
                let srcC = [| for v in src -> [| 10uy; v; 255uy - v; 255uy |].[0 .. c - 1] |] |> Array.concat
                let expectedC =
                    [| for v, w in Array.zip expected [| 168uy; 174uy; 255uy; 205uy; 186uy; 127uy; 168uy; 174uy |] -> [| 10uy; v; w; 255uy |].[0 .. c - 1] |]
                    |> Array.concat
                for p in paths do
                    Expect.equal (fast srcC 8 3 c 8 1 mx my BorderMode.Reflect101 (Array.zeroCreate c) p) expectedC (sprintf "%d channels %A" c p)
        }

        test "remap ops with pooled maps: the public map formula through the reference kernel, run after run" {
            // Each op runs three times on one seed: the later runs rent the maps the earlier ones gave back (dirty pool
            // arrays), and every run must equal the public map function's exact arrays through the scalar reference.
            let rnd = Random 904
            let ops =
                [ Ops.elasticTransform 30.0 4.0 Interpolation.Bilinear BorderMode.Reflect101 0.0
                  Ops.gridDistortion 4 (Sampler.uniform -0.4 0.4) Interpolation.Bilinear BorderMode.Constant 20.0
                  Ops.opticalDistortion (Sampler.uniform -0.5 0.5) (Sampler.uniform -3.0 3.0) Interpolation.Bilinear BorderMode.Replicate 0.0 ]
            for (w, h, c) in [ 37, 23, 3; 64, 48, 4; 70, 1, 1; 1, 9, 3 ] do
                let src = Generators.bytesFrom rnd (w * h * c)
                let img = Image.FromBytes(w, h, c, ReadOnlySpan src)
                for op in ops do
                    for seed in 0 .. 2 do
                        let out, trace = Aug.run op (Seed.ofInt seed) (Sample.ofImage img)
                        let mx, my, border, fill =
                            match trace with
                            | Trace.Applied (_, (:? ElasticParams as p)) ->
                                let mx, my = Ops.elasticMap p.Alpha p.Sigma (Seed.parse p.Seed) w h
                                mx, my, p.Border, p.Fill
                            | Trace.Applied (_, (:? GridDistortionParams as p)) ->
                                let mx, my = Ops.gridDistortionMap p.NumSteps p.XSteps p.YSteps w h
                                mx, my, p.Border, p.Fill
                            | Trace.Applied (_, (:? OpticalDistortionParams as p)) ->
                                let mx, my = Ops.opticalDistortionMap p.K p.DX p.DY w h
                                mx, my, p.Border, p.Fill
                            | t -> failwithf "unexpected trace %A" t
                        let expected = reference src w h c w h mx my border [| for _ in 1 .. c -> float32 fill |]
                        for _ in 1 .. 3 do
                            let again, _ = Aug.run op (Seed.ofInt seed) (Sample.ofImage img)
                            Expect.equal (again.Image.Bytes.ToArray()) expected (sprintf "%dx%dx%d %A seed %d (again)" w h c trace seed)
                        Expect.equal (out.Image.Bytes.ToArray()) expected (sprintf "%dx%dx%d %A seed %d" w h c trace seed)
        }

        test "separable filter through the padded row: every path equals the scalar reference, long kernels on narrow rows" {
            // Kernels longer than the row (65 taps on widths 1 .. 70: reflect-101 folds several times) and short ones,
            // bytes and floats, 1, 3 and 4 channels.
            let rnd = Random 905
            let floatPaths = [ SimdPath.Scalar; SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512 ]
            for _ in 1 .. 120 do
                let w, h, c = edgeSize rnd, rnd.Next(1, 6), [| 1; 3; 4 |].[rnd.Next 3]
                let sigma = [| 0.5; 1.3; 3.0; 8.0 |].[rnd.Next 4]
                let kx = FilterKernels.GaussianKernel(FilterKernels.GaussianSize sigma, sigma)
                let ky = FilterKernels.GaussianKernel(3, 0.8)
                let src = Generators.bytesFrom rnd (w * h * c)
                let expected = Array.zeroCreate (w * h * c)
                FilterKernels.SeparableFilterReference(ReadOnlySpan src, Span expected, w, h, c, ReadOnlySpan kx, ReadOnlySpan ky)
                let srcF = Array.init (w * h * c) (fun _ -> float32 (rnd.NextDouble() * 2.0 - 1.0))
                let expectedF = Array.zeroCreate (w * h * c)
                FilterKernels.SeparableFilterReference(ReadOnlySpan srcF, Span expectedF, w, h, c, ReadOnlySpan kx, ReadOnlySpan ky, ValueRange.Symmetric)
                for p in floatPaths do
                    let got = Array.zeroCreate (w * h * c)
                    FilterKernels.SeparableFilter(ReadOnlySpan src, Span got, w, h, c, ReadOnlySpan kx, ReadOnlySpan ky, p)
                    Expect.equal got expected (sprintf "bytes %dx%dx%d sigma %g %A" w h c sigma p)
                    let gotF = Array.zeroCreate (w * h * c)
                    FilterKernels.SeparableFilter(ReadOnlySpan srcF, Span gotF, w, h, c, ReadOnlySpan kx, ReadOnlySpan ky, ValueRange.Symmetric, p)
                    Expect.equal gotF expectedF (sprintf "floats %dx%dx%d sigma %g %A" w h c sigma p)
        }

        test "fixed-point resize with gathered rows: every path equals the per-pixel reference bit for bit" {
            // Axis-aligned maps as crops and resizes make them (RandomResizedCrop: a crop of the source scaled up or
            // down), flips, shifts past the edge, every border; widths 1 .. 70 so the last gathered word meets the
            // source's end; 1, 3 and 4 channels.
            let rnd = Random 906
            for _ in 1 .. 300 do
                let sw, sh, dw, dh = edgeSize rnd, edgeSize rnd, edgeSize rnd, edgeSize rnd
                let c = [| 1; 3; 4 |].[rnd.Next 3]
                let m =
                    match rnd.Next 4 with
                    | 0 ->
                        let cw, ch = rnd.Next(1, sw + 1), rnd.Next(1, sh + 1)
                        let x, y = rnd.Next(0, sw - cw + 1), rnd.Next(0, sh - ch + 1)
                        // Output to source: the inverse of scale(dw / cw, dh / ch) * translate(-x, -y).
                        Matrix3(float cw / float dw, 0.0, float x, 0.0, float ch / float dh, float y, 0.0, 0.0, 1.0)
                    | 1 -> Matrix3(float sw / float dw, 0.0, 0.0, 0.0, float sh / float dh, 0.0, 0.0, 0.0, 1.0)
                    | 2 -> Matrix3(-(float sw) / float dw, 0.0, float sw, 0.0, float sh / float dh, 0.0, 0.0, 0.0, 1.0)
                    | _ -> Matrix3(0.1 + rnd.NextDouble() * 3.0, 0.0, rnd.NextDouble() * 20.0 - 10.0, 0.0, 0.1 + rnd.NextDouble() * 3.0, rnd.NextDouble() * 20.0 - 10.0, 0.0, 0.0, 1.0)
                let src = Generators.bytesFrom rnd (sw * sh * c)
                let fill = Array.init c (fun k -> byte (50 * k + 3))
                for border in Generators.allBorders do
                    let expected = Array.zeroCreate (dw * dh * c)
                    FixedGeometry.ResizeBilinearReference(ReadOnlySpan src, sw, sh, c, Span expected, dw, dh, &m, border, ReadOnlySpan fill)
                    for p in paths do
                        let got = Array.zeroCreate (dw * dh * c)
                        FixedGeometry.ResizeBilinear(ReadOnlySpan src, sw, sh, c, Span got, dw, dh, &m, border, ReadOnlySpan fill, p)
                        Expect.equal got expected (sprintf "%dx%dx%d -> %dx%d %O %A %A" sw sh c dw dh m border p)
        }

        test "OpticalDistortion's map is its documented formula, bit for bit (column terms hoisted)" {
            // The formula of Ops.opticalDistortionMap's doc comment (OpenCV's initUndistortRectifyMap written out), per
            // pixel in double: a = u - W/2, b = v - H/2, x = a / W, y = b / H, r2 = x^2 + y^2, kr = 1 + k r2 + k r2^2,
            // source (W/2 + dx + a kr, H/2 + dy + b kr) rounded to float32.
            let rnd = Random 907
            for _ in 1 .. 40 do
                let w, h = edgeSize rnd, edgeSize rnd
                let k, dx, dy = rnd.NextDouble() * 2.0 - 1.0, rnd.NextDouble() * 20.0 - 10.0, rnd.NextDouble() * 20.0 - 10.0
                let W, H = float w, float h
                let expectX, expectY =
                    Array.init (w * h) (fun t ->
                        let a, b = float (t % w) + 0.5 - W / 2.0, float (t / w) + 0.5 - H / 2.0
                        let x, y = a / W, b / H
                        let r2 = x * x + y * y
                        let kr = 1.0 + k * r2 + k * r2 * r2
                        float32 (W / 2.0 + dx + a * kr), float32 (H / 2.0 + dy + b * kr))
                    |> Array.unzip
                let mx, my = Ops.opticalDistortionMap k dx dy w h
                Expect.equal mx expectX (sprintf "mapX %dx%d k %g" w h k)
                Expect.equal my expectY (sprintf "mapY %dx%d k %g" w h k)
        }

        test "GridDistortion's map tiles its axes (mapX = xx[j], mapY = yy[i])" {
            let rnd = Random 903
            for _ in 1 .. 30 do
                let w, h, n = edgeSize rnd, edgeSize rnd, rnd.Next(1, 8)
                let xs = Array.init (n + 1) (fun _ -> 0.7 + rnd.NextDouble() * 0.6)
                let ys = Array.init (n + 1) (fun _ -> 0.7 + rnd.NextDouble() * 0.6)
                let xx, yy = Ops.gridDistortionAxis n xs w, Ops.gridDistortionAxis n ys h
                let mx, my = Ops.gridDistortionMap n xs ys w h
                Expect.equal mx (Array.init (w * h) (fun k -> xx.[k % w])) "mapX"
                Expect.equal my (Array.init (w * h) (fun k -> yy.[k / w])) "mapY"
        }
    ]
