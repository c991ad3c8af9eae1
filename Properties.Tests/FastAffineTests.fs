/// The byte bilinear warps that issue 8 made faster (Core.Native/Kernels/PerspectiveKernels.cs): every path against the
/// scalar reference bit for bit on random maps, edge sizes, every border, channel count and SIMD width, and known answers
/// worked by hand.
module FastAffineTests

open System
open Expecto
open Augment.Native
open Augment.Native.Kernels

/// Sizes that hit the edges of every loop (Generators.edgeSizeUpTo), random ones below 71.
let private edgeSize = Generators.edgeSizeUpTo 71

/// The float scalar reference (GeometryKernels' per-pixel sampler: Matrix3.Apply, every tap through the border rule).
let private reference (src: byte[]) sw sh c dw dh (m: Matrix3) border (fill: float32[]) (windows: WarpWindow[]) =
    let dst = Array.zeroCreate (dw * dh * c)
    let m = m
    GeometryKernels.WarpReference(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &m, Interpolation.Bilinear, border, ReadOnlySpan fill, ReadOnlySpan windows)
    dst

/// The public byte warp (the dispatch the engine uses).
let private public' (src: byte[]) sw sh c dw dh (m: Matrix3) border (fill: float32[]) (windows: WarpWindow[]) =
    let dst = Array.zeroCreate (dw * dh * c)
    let m = m
    GeometryKernels.Warp(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &m, Interpolation.Bilinear, border, ReadOnlySpan fill, ReadOnlySpan windows)
    dst

let private perspective (src: byte[]) sw sh c dw dh (m: Matrix3) border (fill: byte[]) (windows: WarpWindow[]) path =
    let dst = Array.zeroCreate (dw * dh * c)
    let m = m
    PerspectiveKernels.WarpBilinear(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &m, border, ReadOnlySpan fill, ReadOnlySpan windows, path)
    dst

let private fixedWarp (src: byte[]) sw sh c dw dh (m: Matrix3) border (fill: byte[]) (path: SimdPath option) =
    let m = m
    let dst = Array.zeroCreate (dw * dh * c)
    match path with
    | Some p -> FixedGeometry.WarpBilinear(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &m, border, ReadOnlySpan fill, ReadOnlySpan Generators.noWarpWindows, p)
    | None -> FixedGeometry.WarpBilinearReference(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &m, border, ReadOnlySpan fill, ReadOnlySpan Generators.noWarpWindows)
    dst

/// A random affine inverse that reads well past the source's edges: zoomed out (scale 1.1 to 3) and turned, sheared,
/// or shifted by up to twice the size (beyond one reflection, where the lanes give way to the per-pixel rule).
let private randomOutward (rnd: Random) sw sh =
    let cx, cy = float sw / 2.0, float sh / 2.0
    match rnd.Next 4 with
    | 0 -> Matrix3.Rotation(rnd.NextDouble() * 360.0, cx, cy).Then(Matrix3.Scale(1.1 + rnd.NextDouble() * 2.0, 1.1 + rnd.NextDouble() * 2.0))
    | 1 -> Matrix3(1.2, rnd.NextDouble() - 0.5, -0.3 * float sw, rnd.NextDouble() - 0.5, 1.3, -0.2 * float sh, 0.0, 0.0, 1.0)
    | 2 -> Matrix3.Rotation(rnd.NextDouble() * 40.0 - 20.0, cx, cy).Then(Matrix3.Translation((rnd.NextDouble() - 0.5) * 4.0 * float sw, (rnd.NextDouble() - 0.5) * 4.0 * float sh))
    | _ -> Matrix3.Rotation(rnd.NextDouble() * 60.0 - 30.0, cx, cy).Then(Matrix3.Scale(0.85, 0.85))

/// A random perspective inverse: a near-identity, a rotation, or a scale, with a projective row that keeps w > 0 over
/// the image (mild, as Perspective draws), or one whose horizon crosses the destination (w <= 0 on part of it).
let private randomPerspective (rnd: Random) sw sh dw dh =
    let cx, cy = rnd.NextDouble() * float sw, rnd.NextDouble() * float sh
    let affine =
        match rnd.Next 4 with
        | 0 -> Matrix3.Scale(float sw / float dw, float sh / float dh)
        | 1 -> Matrix3.Rotation(rnd.NextDouble() * 40.0 - 20.0, cx, cy)
        | 2 -> Matrix3.Rotation(rnd.NextDouble() * 360.0, cx, cy).Then(Matrix3.Scale(0.3 + rnd.NextDouble() * 2.0, 0.3 + rnd.NextDouble() * 2.0))
        | _ -> Matrix3.Translation(rnd.NextDouble() * 20.0 - 10.0, rnd.NextDouble() * 20.0 - 10.0)
    let g, h =
        match rnd.Next 3 with
        | 0 | 1 -> (rnd.NextDouble() - 0.5) * 0.2 / float (max dw 1), (rnd.NextDouble() - 0.5) * 0.2 / float (max dh 1)
        | _ -> (rnd.NextDouble() - 0.5) * 4.0 / float (max dw 1), (rnd.NextDouble() - 0.5) * 4.0 / float (max dh 1)
    let k = 0.8 + rnd.NextDouble() * 0.4
    // Scale the affine rows by the projective denominator's typical size, so the map stays near the source.
    Matrix3(affine.M00 * k, affine.M01 * k, affine.M02 * k, affine.M10 * k, affine.M11 * k, affine.M12 * k, g, h, k)

let tests =
    testList "FastAffine" [
        test "bilinear perspective: every path equals the float reference bit for bit" {
            let rnd = Random 901
            for n in 1 .. 300 do
                let sw, sh, dw, dh = edgeSize rnd, edgeSize rnd, edgeSize rnd, edgeSize rnd
                let c = [| 1; 3; 4 |].[rnd.Next 3]
                let m = randomPerspective rnd sw sh dw dh
                let windows =
                    if n % 5 <> 0 then Generators.noWarpWindows
                    else [| WarpWindow(Matrix3.Translation(rnd.NextDouble() * 3.0, 0.0), float sw * 0.8, float sh * 0.9) |]
                let src = Generators.bytesFrom rnd (sw * sh * c)
                let fill = Array.init c (fun k -> byte (40 * k + 7))
                let fillF = Array.map float32 fill
                for border in Generators.allBorders do
                    let expected = reference src sw sh c dw dh m border fillF windows
                    for p in Generators.fixedPaths do
                        Expect.equal (perspective src sw sh c dw dh m border fill windows p) expected
                            (sprintf "%dx%dx%d -> %dx%d %O %A %A" sw sh c dw dh m border p)
                    Expect.equal (public' src sw sh c dw dh m border fillF windows) expected "the public warp"
        }

        test "bilinear perspective on photo-sized images: the vector steps run and equal the reference" {
            // Larger images, so most 8-pixel steps lie inside and take the gathered float blend.
            let rnd = Random 902
            for _ in 1 .. 12 do
                let sw, sh = rnd.Next(60, 140), rnd.Next(60, 140)
                let dw, dh = sw + rnd.Next(-9, 10), sh + rnd.Next(-9, 10)
                let c = [| 1; 3; 4 |].[rnd.Next 3]
                let q = 0.08 * float sw
                let m = Matrix3(1.0, 0.02, q * 0.3, -0.01, 1.0, q * 0.2, (rnd.NextDouble() - 0.5) * 0.002, (rnd.NextDouble() - 0.5) * 0.002, 1.0)
                let src = Generators.bytesFrom rnd (sw * sh * c)
                let fill = Array.zeroCreate c
                for border in Generators.allBorders do
                    let expected = reference src sw sh c dw dh m border (Array.zeroCreate c) Generators.noWarpWindows
                    for p in Generators.fixedPaths do
                        Expect.equal (perspective src sw sh c dw dh m border fill Generators.noWarpWindows p) expected (sprintf "%dx%dx%d %A %A" sw sh c border p)
        }

        test "bilinear perspective at the last source pixel, saturated taps, widths 8 .. 70: every path equals the reference" {
            // The vector step reads each row's tap pair as one 64-bit word (three channels: the lower row from two bytes
            // before, so the last pixel's word ends at the source's end) and blends without a clamp (the blend of taps
            // in [0, 255] with weights in [0, 1] stays below 255.5). Near-identity projective maps with a scale of 0.97
            // .. 1.03 put interior steps on the last source column and row; taps of only 0 and 255 give the largest sums.
            let rnd = Random 907
            for n in 1 .. 200 do
                let sw, sh = rnd.Next(8, 71), 2 * rnd.Next(1, 35) + 1
                let dw, dh = (if n % 2 = 0 then sw else rnd.Next(8, 71)), (if n % 3 = 0 then sh else 2 * rnd.Next(1, 35) + 1)
                let c = [| 1; 3; 4 |].[n % 3]
                let k = 0.97 + rnd.NextDouble() * 0.06
                let g, h = (rnd.NextDouble() - 0.5) * 0.001, (rnd.NextDouble() - 0.5) * 0.001
                let m = Matrix3(float sw / float dw, 0.0, rnd.NextDouble() - 0.5, 0.0, float sh / float dh, rnd.NextDouble() - 0.5, g, h, k)
                let src = Array.init (sw * sh * c) (fun _ -> if rnd.Next 2 = 0 then 0uy else 255uy)
                let fill = Array.init c (fun q -> byte (255 - 50 * q))
                let fillF = Array.map float32 fill
                for border in Generators.allBorders do
                    let expected = reference src sw sh c dw dh m border fillF Generators.noWarpWindows
                    for p in Generators.fixedPaths do
                        Expect.equal (perspective src sw sh c dw dh m border fill Generators.noWarpWindows p) expected
                            (sprintf "%dx%dx%d -> %dx%d %O %A %A" sw sh c dw dh m border p)
        }

        test "known answers: a projective identity copies, a half-pixel shift rounds the mean half to even" {
            // M = diag(2, 2, 2) is not affine (M22 = 2) but maps (x, y) to (2x / 2, 2y / 2) = (x, y): u - 0.5 = j exactly,
            // the weights are 0, so every pixel is its source pixel.
            let sw, sh = 19, 5
            let rnd = Random 903
            let src = Generators.bytesFrom rnd (sw * sh * 3)
            let id = Matrix3(2.0, 0.0, 0.0, 0.0, 2.0, 0.0, 0.0, 0.0, 2.0)
            for p in Generators.fixedPaths do
                Expect.equal (perspective src sw sh 3 sw sh id BorderMode.Constant [| 0uy; 0uy; 0uy |] Generators.noWarpWindows p) src (sprintf "identity %A" p)
            // M = [[2, 0, 1], [0, 2, 0], [0, 0, 2]]: u = (2x + 1) / 2 = j + 1, so u - 0.5 = j + 0.5: taps j and j + 1 with
            // weights 1/2 each (exact in float32), v - 0.5 = i: one row. Row 1 2 3 4 ... gives 1.5, 2.5, ... which round half
            // to even to 2, 2, 4, 4, ...; the last column's right tap is outside and a Constant border reads the fill 0.
            let w = 20
            let row = Array.init w (fun k -> byte (k + 1))
            let shift = Matrix3(2.0, 0.0, 1.0, 0.0, 2.0, 0.0, 0.0, 0.0, 2.0)
            let expected = Array.init w (fun k -> if k = w - 1 then byte 10 else byte (let s = 2 * k + 3 in if s % 4 = 1 then (s - 1) / 2 else (s + 1) / 2))
            // Worked: k = 0: (1 + 2) / 2 = 1.5 -> 2; k = 1: 2.5 -> 2; k = 2: 3.5 -> 4; last: (20 + 0) / 2 = 10.
            Expect.equal expected.[0..3] [| 2uy; 2uy; 4uy; 4uy |] "the worked values"
            for p in Generators.fixedPaths do
                Expect.equal (perspective row w 1 1 w 1 shift BorderMode.Constant [| 0uy |] Generators.noWarpWindows p) expected (sprintf "half shift %A" p)
        }

        test "affine bilinear border columns (Reflect101, Replicate): every path equals the fixed reference bit for bit" {
            let rnd = Random 904
            for n in 1 .. 300 do
                let sw, sh = edgeSize rnd, edgeSize rnd
                let dw, dh = (if n % 3 = 0 then edgeSize rnd else sw), (if n % 3 = 0 then edgeSize rnd else sh)
                let c = [| 1; 3; 4 |].[rnd.Next 3]
                let m = randomOutward rnd sw sh
                let src = Generators.bytesFrom rnd (sw * sh * c)
                let fill = Array.init c (fun k -> byte (30 * k + 5))
                for border in Generators.allBorders do
                    let expected = fixedWarp src sw sh c dw dh m border fill None
                    for p in Generators.fixedPaths do
                        Expect.equal (fixedWarp src sw sh c dw dh m border fill (Some p)) expected
                            (sprintf "%dx%dx%d -> %dx%d %O %A %A" sw sh c dw dh m border p)
        }

        test "affine bilinear at photo sizes: zoomed-out turns equal the fixed reference on every path" {
            let rnd = Random 905
            for _ in 1 .. 10 do
                let sw, sh = rnd.Next(60, 160), rnd.Next(60, 160)
                let c = [| 1; 3; 4 |].[rnd.Next 3]
                let m = Matrix3.Rotation(rnd.NextDouble() * 50.0 - 25.0, float sw / 2.0, float sh / 2.0).Then(Matrix3.Scale(1.0 / 0.8, 1.0 / 0.8))
                let src = Generators.bytesFrom rnd (sw * sh * c)
                let fill = Array.zeroCreate c
                for border in Generators.allBorders do
                    let expected = fixedWarp src sw sh c sw sh m border fill None
                    for p in Generators.fixedPaths do
                        Expect.equal (fixedWarp src sw sh c sw sh m border fill (Some p)) expected (sprintf "%dx%dx%d %A %A" sw sh c border p)
        }

        test "affine bilinear interior: small turns that reach the last source pixel, saturated taps, every path equals the fixed reference" {
            // The vector interior reads each row's two taps as one 8-byte word; with 3 channels the word of the last
            // source pixel's lower row would end past the source, so that block takes 4-byte reads. Turns of a few
            // hundredths of a degree to a few degrees keep whole rows inside and put interior pixels on the last source
            // pixel; taps of only 0 and 255 give the largest products, widths 8 .. 70 and odd heights the loop edges.
            let rnd = Random 906
            for n in 1 .. 200 do
                let sw, sh = rnd.Next(8, 71), 2 * rnd.Next(1, 35) + 1
                let c = [| 1; 3; 4 |].[n % 3]
                let angle = (if rnd.Next 2 = 0 then -1.0 else 1.0) * (if n % 4 = 0 then rnd.NextDouble() * 0.1 else rnd.NextDouble() * 6.0)
                let m = Matrix3.Rotation(angle, float sw / 2.0 + rnd.NextDouble(), float sh / 2.0 + rnd.NextDouble())
                let src = Array.init (sw * sh * c) (fun _ -> if rnd.Next 2 = 0 then 0uy else 255uy)
                let fill = Array.init c (fun k -> byte (255 - 40 * k))
                for border in Generators.allBorders do
                    let expected = fixedWarp src sw sh c sw sh m border fill None
                    for p in Generators.fixedPaths do
                        Expect.equal (fixedWarp src sw sh c sw sh m border fill (Some p)) expected
                            (sprintf "%dx%dx%d turn %g %A %A" sw sh c angle border p)
        }

        test "known answer: a Reflect101 half-pixel shift past the left edge blends the reflected neighbours" {
            // Inverse u = x - 1 on a two-row image (rows equal): X = 1024 (x - 1 - 0.5) at x = j + 0.5 is 1024 (j - 1),
            // so column j reads taps j - 1 and j with weight 0 on the second: dst[j] = src[reflect(j - 1)]. Reflect101 sends
            // -1 to 1, so dst = src[1], src[0], src[1], ..., src[w - 2] (a one-pixel shift with the reflected column first).
            let w = 40
            let row = Array.init w (fun k -> byte (3 * k + 1))
            let src = Array.append row row
            let m = Matrix3.Translation(-1.0, 0.0)
            let expectedRow = Array.init w (fun j -> if j = 0 then row.[1] else row.[j - 1])
            for p in Generators.fixedPaths do
                Expect.equal (fixedWarp src w 2 1 w 2 m BorderMode.Reflect101 [| 0uy |] (Some p)) (Array.append expectedRow expectedRow) (sprintf "%A" p)
        }

        test "bilinear perspective: pixels behind the horizon take the fill" {
            // M21 = -1 / 4: w = 1 - y / 4 <= 0 from row 4 (y = 4.5) on, where Matrix3.Apply gives NaN and the fill is written.
            let sw, sh = 16, 16
            let src = Array.create (sw * sh) 100uy
            let m = Matrix3(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, -0.25, 1.0)
            for p in Generators.fixedPaths do
                let d = perspective src sw sh 1 16 8 m BorderMode.Replicate [| 9uy |] Generators.noWarpWindows p
                Expect.isTrue (d.[4 * 16 ..] |> Array.forall ((=) 9uy)) (sprintf "rows 4.. are the fill %A" p)
                Expect.isTrue (d.[.. 4 * 16 - 1] |> Array.forall ((=) 100uy)) (sprintf "rows 0..3 read the flat source %A" p)
        }
    ]
