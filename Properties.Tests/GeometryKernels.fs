/// Geometric, lookup and mixing kernels: known answers worked by hand, fast paths against their naive references
/// bit for bit, and bad input.
module GeometryKernels

open System
open Expecto
open Augment.Native
open Augment.Native.Kernels

let private bytesOf (rnd: Random) n = let a = Array.zeroCreate n in rnd.NextBytes a; a
let private floatsOf (rnd: Random) n = Array.init n (fun _ -> float32 (rnd.NextDouble() * 4.0 - 1.5))
let private fbits (a: float32[]) = Array.map BitConverter.SingleToInt32Bits a
let private noWindows : WarpWindow[] = [||]
let private borders = [ BorderMode.Constant; BorderMode.Reflect101; BorderMode.Replicate ]

let warpB (src: byte[]) sw sh c dw dh (m: Matrix3) interp border (fill: float32[]) (windows: WarpWindow[]) =
    let dst = Array.zeroCreate (dw * dh * c)
    let m = m
    GeometryKernels.Warp(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &m, interp, border, ReadOnlySpan fill, ReadOnlySpan windows)
    dst

let warpF (src: float32[]) sw sh c dw dh (m: Matrix3) interp border (fill: float32[]) (windows: WarpWindow[]) =
    let dst = Array.zeroCreate (dw * dh * c)
    let m = m
    GeometryKernels.Warp(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &m, interp, border, ReadOnlySpan fill, ReadOnlySpan windows)
    dst

let refB (src: byte[]) sw sh c dw dh (m: Matrix3) interp border (fill: float32[]) (windows: WarpWindow[]) =
    let dst = Array.zeroCreate (dw * dh * c)
    let m = m
    GeometryKernels.WarpReference(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &m, interp, border, ReadOnlySpan fill, ReadOnlySpan windows)
    dst

let refF (src: float32[]) sw sh c dw dh (m: Matrix3) interp border (fill: float32[]) (windows: WarpWindow[]) =
    let dst = Array.zeroCreate (dw * dh * c)
    let m = m
    GeometryKernels.WarpReference(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &m, interp, border, ReadOnlySpan fill, ReadOnlySpan windows)
    dst

let private copy (src: 'T[]) sw sh c dw dh map (x0, y0, x1, y1) border (fill: 'T[]) reference =
    let dst : 'T[] = Array.zeroCreate (dw * dh * c)
    if reference then
        GeometryKernels.CopyExactReference(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, map, x0, y0, x1, y1, border, ReadOnlySpan fill)
    else
        GeometryKernels.CopyExact(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, map, x0, y0, x1, y1, border, ReadOnlySpan fill)
    dst

let areaB (src: byte[]) sw sh c dw dh x0 y0 sx sy =
    let dst = Array.zeroCreate (dw * dh * c)
    GeometryKernels.ResizeArea(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, x0, y0, sx, sy)
    dst

let areaF (src: float32[]) sw sh c dw dh x0 y0 sx sy =
    let dst = Array.zeroCreate (dw * dh * c)
    GeometryKernels.ResizeArea(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, x0, y0, sx, sy)
    dst

/// The eight signed permutations (A, B, D, E): identity, flips, half turn, transpose, quarter turns, anti-transpose.
let dihedral = [ 1, 0, 0, 1; -1, 0, 0, 1; 1, 0, 0, -1; -1, 0, 0, -1; 0, 1, 1, 0; 0, -1, 1, 0; 0, 1, -1, 0; 0, -1, -1, 0 ]

let private expectArg (name: string) (f: unit -> unit) =
    try
        f ()
        failtestf "expected an ArgumentException naming %s" name
    with
    | :? ArgumentException as e ->
        Expect.equal e.ParamName name "the exception names the parameter"
        Expect.stringContains e.Message name "the message names the parameter"

let tests =
    testList "geometry kernels" [
        test "warp with the identity returns the source exactly (nearest and bilinear, every border, bytes and floats)" {
            let rnd = Random 11
            for _ in 1 .. 60 do
                let w, h, c = rnd.Next(1, 41), rnd.Next(1, 41), [| 1; 3; 4 |].[rnd.Next 3]
                let b, f = bytesOf rnd (w * h * c), floatsOf rnd (w * h * c)
                let fill = Array.create c 7f
                for interp in [ Interpolation.Nearest; Interpolation.Bilinear ] do
                    for border in borders do
                        Expect.equal (warpB b w h c w h Matrix3.Identity interp border fill noWindows) b "bytes"
                        Expect.equal (fbits (warpF f w h c w h Matrix3.Identity interp border fill noWindows)) (fbits f) "floats"
        }

        test "bilinear at the centre of 2x2 pixels [0, 100; 200, 255]" {
            // Destination (0.5, 0.5) maps to (1, 1); fx = fy = 0.5, x0 = y0 = 0, ax = ay = 0.5:
            // 0.5 * (0.5 * 0 + 0.5 * 100) + 0.5 * (0.5 * 200 + 0.5 * 255) = 25 + 113.75 = 138.75, rounded 139.
            let src = [| 0uy; 100uy; 200uy; 255uy |]
            Expect.equal (warpB src 2 2 1 1 1 (Matrix3.Scale(2.0, 2.0)) Interpolation.Bilinear BorderMode.Constant [| 0f |] noWindows) [| 139uy |] "bytes"
            Expect.equal (warpF (Array.map float32 src) 2 2 1 1 1 (Matrix3.Scale(2.0, 2.0)) Interpolation.Bilinear BorderMode.Constant [| 0f |] noWindows) [| 138.75f |] "floats"
        }

        test "bilinear half-pixel shift of one row" {
            // Row 10, 20, 30, 40 read half a pixel to the right: u = j + 1, fx = j + 0.5, ax = 0.5, so each output is
            // (p[j] + p[j+1]) / 2 = 15, 25, 35; the last reads p[4], which Replicate makes 40 -> 40, and Constant 0
            // makes (40 + 0) / 2 = 20. fy = 0, ay = 0, so the row below (outside) carries weight 0.
            let src = [| 10uy; 20uy; 30uy; 40uy |]
            let m = Matrix3.Translation(0.5, 0.0)
            Expect.equal (warpB src 4 1 1 4 1 m Interpolation.Bilinear BorderMode.Replicate [| 0f |] noWindows) [| 15uy; 25uy; 35uy; 40uy |] "replicate"
            Expect.equal (warpB src 4 1 1 4 1 m Interpolation.Bilinear BorderMode.Constant [| 0f |] noWindows) [| 15uy; 25uy; 35uy; 20uy |] "constant 0"
            // 10 and 15 halfway: 12.5. Byte bilinear runs in fixed point as OpenCV's (one rounding, + 2^(bits - 1) then
            // shift), so the half rounds up, to 13 (the float reference rounds half to even, to 12).
            Expect.equal (warpB [| 10uy; 15uy |] 2 1 1 1 1 (Matrix3.Translation(0.5, 0.0)) Interpolation.Bilinear BorderMode.Replicate [| 0f |] noWindows) [| 13uy |] "half up"
            Expect.equal (refB [| 10uy; 15uy |] 2 1 1 1 1 (Matrix3.Translation(0.5, 0.0)) Interpolation.Bilinear BorderMode.Replicate [| 0f |] noWindows) [| 12uy |] "float reference: half to even"
        }

        test "nearest border index rules on one row of 10, 20, 30, 40" {
            let src = [| 10uy; 20uy; 30uy; 40uy |]
            let run dx border = warpB src 4 1 1 4 1 (Matrix3.Translation(dx, 0.0)) Interpolation.Nearest border [| 7f |] noWindows
            // Shift right by 2: dst j reads source index j - 2 = -2, -1, 0, 1.
            // Reflect101 mirrors without the edge (-1 -> 1, -2 -> 2): 30, 20, 10, 20.
            Expect.equal (run -2.0 BorderMode.Reflect101) [| 30uy; 20uy; 10uy; 20uy |] "reflect101 right by 2"
            // Replicate clamps: 10, 10, 10, 20. Constant: fill 7, 7, then 10, 20.
            Expect.equal (run -2.0 BorderMode.Replicate) [| 10uy; 10uy; 10uy; 20uy |] "replicate right by 2"
            Expect.equal (run -2.0 BorderMode.Constant) [| 7uy; 7uy; 10uy; 20uy |] "constant right by 2"
            // Shift left by 5: indices 5..8. Reflect101 of a width-4 row has period 6: 10 20 30 40 30 20 | 10 ...
            // 5 -> 20, 6 -> 10, 7 -> 20, 8 -> 30.
            Expect.equal (run 5.0 BorderMode.Reflect101) [| 20uy; 10uy; 20uy; 30uy |] "reflect101 left by 5"
            // Far outside: indices -100..-97 are 2..5 modulo 6: 30, 40, 30, 20.
            Expect.equal (run -100.0 BorderMode.Reflect101) [| 30uy; 40uy; 30uy; 20uy |] "reflect101 far outside"
            // Width 1: Reflect101 always reads index 0.
            Expect.equal (warpB [| 9uy |] 1 1 1 3 1 (Matrix3.Translation(-1.0, 0.0)) Interpolation.Nearest BorderMode.Reflect101 [| 0f |] noWindows) [| 9uy; 9uy; 9uy |] "width 1"
        }

        test "a window that excludes the right half fills it; a non-positive perspective divisor fills everything" {
            // 4x2 image, identity warp, window [0, 2) x [0, 2) in source coordinates: columns 2 and 3 take the fill.
            let src = [| 1uy .. 8uy |]
            let win = [| WarpWindow(Matrix3.Identity, 2.0, 2.0) |]
            for interp in [ Interpolation.Nearest; Interpolation.Bilinear ] do
                Expect.equal (warpB src 4 2 1 4 2 Matrix3.Identity interp BorderMode.Replicate [| 99f |] win)
                    [| 1uy; 2uy; 99uy; 99uy; 5uy; 6uy; 99uy; 99uy |] "right half is fill"
            let behind = Matrix3(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, -1.0)
            Expect.equal (warpB src 4 2 1 4 2 behind Interpolation.Bilinear BorderMode.Replicate [| 99f |] noWindows) (Array.create 8 99uy) "w <= 0"
        }

        test "the affine fast path equals the scalar reference bit for bit (rotations, scales, shears, windows)" {
            let rnd = Random 12
            for _ in 1 .. 150 do
                let sw, sh, c = rnd.Next(1, 30), rnd.Next(1, 30), [| 1; 3; 4 |].[rnd.Next 3]
                let dw, dh = rnd.Next(1, 30), rnd.Next(1, 30)
                let m =
                    Matrix3.Rotation(rnd.NextDouble() * 360.0, rnd.NextDouble() * float sw, rnd.NextDouble() * float sh)
                        .Then(Matrix3.Scale(0.3 + rnd.NextDouble() * 2.0, 0.3 + rnd.NextDouble() * 2.0))
                        .Then(Matrix3(1.0, rnd.NextDouble() - 0.5, rnd.NextDouble() * 10.0 - 5.0, 0.0, 1.0, rnd.NextDouble() * 10.0 - 5.0, 0.0, 0.0, 1.0))
                let windows =
                    if rnd.Next 2 = 0 then noWindows
                    else [| WarpWindow(Matrix3.Translation(rnd.NextDouble() * 3.0, 0.0), float sw * 0.8, float sh * 0.9) |]
                let b, f = bytesOf rnd (sw * sh * c), floatsOf rnd (sw * sh * c)
                let fill = Array.init c (fun k -> float32 (17 * k + 3))
                for interp in [ Interpolation.Nearest; Interpolation.Bilinear ] do
                    for border in borders do
                        // Byte bilinear runs in fixed point (FastGeometryTests): within 1 of the float reference.
                        if interp = Interpolation.Bilinear then
                            let fast, slow = warpB b sw sh c dw dh m interp border fill windows, refB b sw sh c dw dh m interp border fill windows
                            Expect.isLessThanOrEqual (Array.fold2 (fun a (x: byte) (y: byte) -> max a (abs (int x - int y))) 0 fast slow) 1 (sprintf "bytes %A %A %O" interp border m)
                        else
                            Expect.equal (warpB b sw sh c dw dh m interp border fill windows) (refB b sw sh c dw dh m interp border fill windows) (sprintf "bytes %A %A %O" interp border m)
                        Expect.equal (fbits (warpF f sw sh c dw dh m interp border fill windows)) (fbits (refF f sw sh c dw dh m interp border fill windows)) (sprintf "floats %A %A" interp border)
        }

        test "CopyExact equals the per-pixel reference (8 dihedral maps, shifts, windows, borders, bytes and floats)" {
            let rnd = Random 13
            for n in 1 .. 400 do
                let sw, sh =
                    match n % 4 with
                    | 0 -> 1, rnd.Next(1, 50)
                    | 1 -> rnd.Next(1, 50), 1
                    | _ -> rnd.Next(1, 70), rnd.Next(1, 70)
                let dw, dh = (if n % 5 = 0 then 1 else rnd.Next(1, 70)), (if n % 7 = 0 then 1 else rnd.Next(1, 70))
                let c = [| 1; 3; 4 |].[rnd.Next 3]
                let a, b, d, e = dihedral.[rnd.Next 8]
                let map = IntegerMap(a, b, rnd.Next(-80, 150), d, e, rnd.Next(-80, 150))
                let x0 = rnd.Next(0, sw)
                let y0 = rnd.Next(0, sh)
                let win = x0, y0, rnd.Next(x0 + 1, sw + 1), rnd.Next(y0 + 1, sh + 1)
                let border = borders.[rnd.Next 3]
                let bs = bytesOf rnd (sw * sh * c)
                let fb = Array.init c (fun k -> byte (200 + k))
                Expect.equal (copy bs sw sh c dw dh map win border fb false) (copy bs sw sh c dw dh map win border fb true) (sprintf "bytes %A %A" map border)
                let fs = floatsOf rnd (sw * sh * c)
                let ff = Array.init c (fun k -> -9f - float32 k)
                Expect.equal (fbits (copy fs sw sh c dw dh map win border ff false)) (fbits (copy fs sw sh c dw dh map win border ff true)) (sprintf "floats %A %A" map border)
        }

        test "CopyExact of the quarter-turn maps equals PixelKernels.Rot90" {
            let rnd = Random 14
            for _ in 1 .. 40 do
                let w, h, c = rnd.Next(1, 80), rnd.Next(1, 80), [| 1; 3; 4 |].[rnd.Next 3]
                let src = bytesOf rnd (w * h * c)
                // k = 1: dst[i, j] = src[j, W-1-i], so sx = -i + W - 1, sy = j.  k = 3: dst[i, j] = src[H-1-j, i].
                for k, map in [ 1, IntegerMap(0, -1, w - 1, 1, 0, 0); 3, IntegerMap(0, 1, 0, -1, 0, h - 1) ] do
                    let expected = Array.zeroCreate (w * h * c)
                    PixelKernels.Rot90(ReadOnlySpan src, Span expected, w, h, c, k)
                    Expect.equal (copy src w h c h w map (0, 0, w, h) BorderMode.Constant (Array.zeroCreate c) false) expected (sprintf "k = %d" k)
                // k = 2 is a row-preserving map: sx = W-1-j, sy = H-1-i.
                let expected = Array.zeroCreate (w * h * c)
                PixelKernels.Rot90(ReadOnlySpan src, Span expected, w, h, c, 2)
                Expect.equal (copy src w h c w h (IntegerMap(-1, 0, w - 1, 0, -1, h - 1)) (0, 0, w, h) BorderMode.Replicate [||] false) expected "k = 2"
        }

        test "CopyExact crop with padding, by hand" {
            // 3x1 row 1 2 3, window columns [1, 3), destination 4 wide reading sx = j: index 0 is left of the window.
            // Constant: 9 2 3 9. Replicate within the window: 2 2 3 3. Reflect101 within the window (width 2, period 2):
            // index 0 is window index -1 -> 1 -> 3; index 3 is window index 2 -> 0 -> 2.
            let src = [| 1uy; 2uy; 3uy |]
            let m = IntegerMap(1, 0, 0, 0, 1, 0)
            Expect.equal (copy src 3 1 1 4 1 m (1, 0, 3, 1) BorderMode.Constant [| 9uy |] false) [| 9uy; 2uy; 3uy; 9uy |] "constant"
            Expect.equal (copy src 3 1 1 4 1 m (1, 0, 3, 1) BorderMode.Replicate [||] false) [| 2uy; 2uy; 3uy; 3uy |] "replicate"
            Expect.equal (copy src 3 1 1 4 1 m (1, 0, 3, 1) BorderMode.Reflect101 [||] false) [| 3uy; 2uy; 3uy; 2uy |] "reflect101"
        }

        test "ResizeArea 4x4 -> 2x2 averages 2x2 blocks" {
            // Values 0..15 row by row. Blocks: (0+1+4+5)/4 = 2.5, (2+3+6+7)/4 = 4.5, (8+9+12+13)/4 = 10.5,
            // (10+11+14+15)/4 = 12.5; bytes at 2 x 2 round as OpenCV INTER_AREA's fast path, (sum + 2) >> 2, halves up:
            // 3, 5, 11, 13.
            let src = Array.init 16 byte
            Expect.equal (areaB src 4 4 1 2 2 0.0 0.0 2.0 2.0) [| 3uy; 5uy; 11uy; 13uy |] "bytes"
            Expect.equal (areaF (Array.map float32 src) 4 4 1 2 2 0.0 0.0 2.0 2.0) [| 2.5f; 4.5f; 10.5f; 12.5f |] "floats"
        }

        test "ResizeArea with a non-integer factor and with edges outside the source" {
            // Row 10 40 70, 3 -> 2 (scale 1.5): dst0 covers [0, 1.5): (10 + 0.5 * 40) / 1.5 = 20;
            // dst1 covers [1.5, 3): (0.5 * 40 + 70) / 1.5 = 60.
            let src = [| 10uy; 40uy; 70uy |]
            Expect.equal (areaB src 3 1 1 2 1 0.0 0.0 1.5 1.0) [| 20uy; 60uy |] "3 -> 2"
            let f = areaF (Array.map float32 src) 3 1 1 2 1 0.0 0.0 1.5 1.0
            Expect.floatClose Accuracy.high (float f.[0]) 20.0 "float dst0"
            Expect.floatClose Accuracy.high (float f.[1]) 60.0 "float dst1"
            // Origin -1, scale 2: dst0 covers [-1, 1), the outside half replicates pixel 0: 10. dst1 covers [1, 3): 55.
            Expect.equal (areaB src 3 1 1 2 1 -1.0 0.0 2.0 1.0) [| 10uy; 55uy |] "replicated edge"
        }

        test "ResizeArea at scale 1 returns the source" {
            let rnd = Random 15
            for _ in 1 .. 30 do
                let w, h, c = rnd.Next(1, 40), rnd.Next(1, 40), [| 1; 3; 4 |].[rnd.Next 3]
                let b, f = bytesOf rnd (w * h * c), floatsOf rnd (w * h * c)
                Expect.equal (areaB b w h c w h 0.0 0.0 1.0 1.0) b "bytes"
                Expect.equal (fbits (areaF f w h c w h 0.0 0.0 1.0 1.0)) (fbits f) "floats"
        }

        test "ApplyTables equals the naive loop; Histogram matches a naive count" {
            let rnd = Random 16
            for n in 0 .. 60 do
                let c = [| 1; 3; 4 |].[n % 3]
                let len = rnd.Next(0, 200) * c
                let src = bytesOf rnd len
                let tables = bytesOf rnd (256 * c)
                let dst = Array.zeroCreate len
                GeometryKernels.ApplyTables(ReadOnlySpan src, Span dst, c, ReadOnlySpan tables)
                Expect.equal dst (Array.init len (fun i -> tables.[(i % c) * 256 + int src.[i]])) "tables"
                let counts = Array.create (256 * c) 5L
                GeometryKernels.Histogram(ReadOnlySpan src, c, Span counts)
                let naive = Array.zeroCreate (256 * c)
                src |> Array.iteri (fun i v -> naive.[(i % c) * 256 + int v] <- naive.[(i % c) * 256 + int v] + 1L)
                Expect.equal counts naive "histogram"
                for ch in 0 .. c - 1 do
                    Expect.equal (Array.sum counts.[ch * 256 .. ch * 256 + 255]) (int64 (len / c)) "pixels per channel"
        }

        test "Histogram equals HistogramReference on random, constant and two-valued images, widths 1..70, 1/3/4 channels" {
            // HistogramReference is the plain count (counts[(i % c) * 256 + src[i]]++); the fast kernel reads 8 pixels a
            // step into 4 sub-histograms, so constant images (every increment on one counter) and alternating values are the
            // cases that would expose a lost or misplaced count.
            let rnd = Random 161
            let check (src: byte[]) c what =
                let fast = Array.create (256 * c) 7L
                GeometryKernels.Histogram(ReadOnlySpan src, c, Span fast)
                let reference = Array.zeroCreate (256 * c)
                GeometryKernels.HistogramReference(ReadOnlySpan src, c, Span reference)
                if fast <> reference then failtestf "%s: %d channels, %d samples: histograms differ" what c src.Length
            for c in [ 1; 3; 4 ] do
                for w in 1 .. 70 do
                    let h = [| 1; 3; 5; 7 |].[w % 4]
                    let n = w * h * c
                    check (bytesOf rnd n) c (sprintf "random %dx%d" w h)
                    for v in [ 0uy; 255uy; byte (rnd.Next 256) ] do check (Array.create n v) c (sprintf "constant %d, %dx%d" v w h)
                    check (Array.init n (fun i -> if (i / c) % 2 = 0 then 0uy else 255uy)) c (sprintf "alternating pixels %dx%d" w h)
                    check (Array.init n (fun i -> byte (i % c * 85))) c (sprintf "constant per channel %dx%d" w h)
            // Larger images, several full steps and a ragged tail.
            for c in [ 1; 3; 4 ] do
                for w, h in [ 224, 224; 512, 3; 333, 7 ] do
                    check (bytesOf rnd (w * h * c)) c (sprintf "random %dx%d" w h)
                    check (Array.create (w * h * c) 200uy) c (sprintf "constant %dx%d" w h)
        }

        test "Mix: lambda 1 gives a, lambda 0 gives b, 0.5 of 100 and 201 is 150 (half to even); vector paths equal scalar" {
            let rnd = Random 17
            let mix (a: byte[]) (b: byte[]) l p =
                let d = Array.zeroCreate a.Length
                GeometryKernels.Mix(ReadOnlySpan a, ReadOnlySpan b, Span d, l, p)
                d
            // 0.5 * 100 + 0.5 * 201 = 50 + 100.5 = 150.5 exactly in float32, rounded half to even: 150.
            Expect.equal (mix [| 100uy |] [| 201uy |] 0.5f SimdPath.Auto) [| 150uy |] "hand-worked"
            for n in 0 .. 30 do
                let len = rnd.Next(0, 300)
                let a, b = bytesOf rnd len, bytesOf rnd len
                Expect.equal (mix a b 1f SimdPath.Auto) a "lambda 1"
                Expect.equal (mix a b 0f SimdPath.Auto) b "lambda 0"
                let l = float32 (rnd.NextDouble())
                let reference = mix a b l SimdPath.Scalar
                for p in [ SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512; SimdPath.Auto ] do
                    Expect.equal (mix a b l p) reference (sprintf "path %A" p)
            let d = Array.zeroCreate 3
            GeometryKernels.Mix(ReadOnlySpan [| 0f; 1f; 0.5f |], ReadOnlySpan [| 1f; 1f; -3f |], Span d, 0.25f, -1f, 1f)
            // 0.25*0 + 0.75*1 = 0.75; 0.25 + 0.75 = 1; 0.125 - 2.25 = -2.125 clamped to -1.
            Expect.equal d [| 0.75f; 1f; -1f |] "float mix"
        }

        test "PasteRect copies the rectangle and leaves the rest" {
            // 3x2 single channel: paste columns [1, 3) of row 1 from src (1..6) into zeros: only 5 and 6 arrive.
            let src = [| 1uy .. 6uy |]
            let dst = Array.zeroCreate 6
            GeometryKernels.PasteRect(ReadOnlySpan src, Span dst, 3, 2, 1, 1, 1, 3, 2)
            Expect.equal dst [| 0uy; 0uy; 0uy; 0uy; 5uy; 6uy |] "pasted"
        }

        test "bad input names the parameter" {
            let src = Array.zeroCreate 12
            let fill = [| 0f |]
            let warp (s: byte[]) c (f: float32[]) interp =
                fun () -> warpB s 2 2 c 2 2 Matrix3.Identity interp BorderMode.Constant f noWindows |> ignore
            expectArg "src" (warp (Array.zeroCreate 5) 1 fill Interpolation.Bilinear)
            expectArg "channels" (warp src 2 [| 0f; 0f |] Interpolation.Bilinear)
            expectArg "fill" (warp (Array.zeroCreate 4) 1 [| 0f; 0f |] Interpolation.Bilinear)
            expectArg "fill" (warp (Array.zeroCreate 4) 1 [| nanf |] Interpolation.Bilinear)
            expectArg "interpolation" (warp (Array.zeroCreate 4) 1 fill Interpolation.Area)
            expectArg "inverse" (fun () -> warpB (Array.zeroCreate 4) 2 2 1 2 2 (Matrix3.Translation(nan, 0.0)) Interpolation.Nearest BorderMode.Constant fill noWindows |> ignore)
            let identity = Matrix3.Identity
            expectArg "dst" (fun () -> GeometryKernels.Warp(ReadOnlySpan(Array.zeroCreate<byte> 4), 2, 2, 1, Span(Array.zeroCreate<byte> 3), 2, 2, &identity, Interpolation.Nearest, BorderMode.Constant, ReadOnlySpan fill, ReadOnlySpan noWindows))
            let id = IntegerMap(1, 0, 0, 0, 1, 0)
            expectArg "map" (fun () -> copy (Array.zeroCreate<byte> 4) 2 2 1 2 2 (IntegerMap(1, 1, 0, 0, 1, 0)) (0, 0, 2, 2) BorderMode.Constant [| 0uy |] false |> ignore)
            expectArg "windowX1" (fun () -> copy (Array.zeroCreate<byte> 4) 2 2 1 2 2 id (0, 0, 3, 2) BorderMode.Constant [| 0uy |] false |> ignore)
            expectArg "fill" (fun () -> copy (Array.zeroCreate<byte> 4) 2 2 1 2 2 id (0, 0, 2, 2) BorderMode.Constant [||] false |> ignore)
            expectArg "src" (fun () -> copy (Array.zeroCreate<byte> 5) 2 2 1 2 2 id (0, 0, 2, 2) BorderMode.Constant [| 0uy |] false |> ignore)
            expectArg "scaleX" (fun () -> areaB (Array.zeroCreate 4) 2 2 1 1 1 0.0 0.0 0.0 1.0 |> ignore)
            expectArg "channels" (fun () -> areaB (Array.zeroCreate 8) 2 2 2 1 1 0.0 0.0 2.0 2.0 |> ignore)
            expectArg "tables" (fun () -> GeometryKernels.ApplyTables(ReadOnlySpan(Array.zeroCreate<byte> 3), Span(Array.zeroCreate<byte> 3), 3, ReadOnlySpan(Array.zeroCreate<byte> 256)))
            expectArg "dst" (fun () -> GeometryKernels.ApplyTables(ReadOnlySpan(Array.zeroCreate<byte> 3), Span(Array.zeroCreate<byte> 4), 1, ReadOnlySpan(Array.zeroCreate<byte> 256)))
            expectArg "counts" (fun () -> GeometryKernels.Histogram(ReadOnlySpan(Array.zeroCreate<byte> 3), 3, Span(Array.zeroCreate<int64> 256)))
            expectArg "b" (fun () -> GeometryKernels.Mix(ReadOnlySpan(Array.zeroCreate<byte> 3), ReadOnlySpan(Array.zeroCreate<byte> 2), Span(Array.zeroCreate<byte> 3), 0.5f))
            expectArg "lambda" (fun () -> GeometryKernels.Mix(ReadOnlySpan(Array.zeroCreate<byte> 3), ReadOnlySpan(Array.zeroCreate<byte> 3), Span(Array.zeroCreate<byte> 3), 1.5f))
            expectArg "x1" (fun () -> GeometryKernels.PasteRect(ReadOnlySpan(Array.zeroCreate<byte> 4), Span(Array.zeroCreate<byte> 4), 2, 2, 1, 0, 0, 3, 1))
        }
    ]
