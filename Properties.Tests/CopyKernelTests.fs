/// Exact copies (pads, crops, shifts, flips, quarter turns, transposes): the row copies with borders resolved per
/// column and the tiled transposes against the per-pixel references, bit for bit, on every SIMD path.
module CopyKernelTests

open System
open Expecto
open Augment.Native
open Augment.Native.Kernels

let private paths = [ SimdPath.Auto; SimdPath.Scalar; SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512 ]
let private borders = [ BorderMode.Constant; BorderMode.Reflect101; BorderMode.Replicate ]
let private bytesOf (rnd: Random) n = let a = Array.zeroCreate n in rnd.NextBytes a; a
let private floatsOf (rnd: Random) n = Array.init n (fun _ -> float32 (rnd.NextDouble() * 4.0 - 1.5))

/// The reference: every pixel through the border rule.
let private reference (src: 'T[]) sw sh c dw dh map (x0, y0, x1, y1) border (fill: 'T[]) =
    let dst : 'T[] = Array.zeroCreate (dw * dh * c)
    GeometryKernels.CopyExactReference(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, map, x0, y0, x1, y1, border, ReadOnlySpan fill)
    dst

let private public' (src: 'T[]) sw sh c dw dh map (x0, y0, x1, y1) border (fill: 'T[]) =
    let dst : 'T[] = Array.zeroCreate (dw * dh * c)
    GeometryKernels.CopyExact(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, map, x0, y0, x1, y1, border, ReadOnlySpan fill)
    dst

let private rows (src: 'T[]) sw c dw dh (map: IntegerMap) (x0, y0, x1, y1) border (fill: 'T[]) path =
    let dst : 'T[] = Array.zeroCreate (dw * dh * c)
    ExactCopyRows.Copy(ReadOnlySpan src, sw, c, Span dst, dw, dh, map, x0, y0, x1, y1, border, ReadOnlySpan fill, path)
    dst

/// A random window inside a w x h source.
let private window (rnd: Random) w h =
    let x0 = rnd.Next w
    let y0 = rnd.Next h
    x0, y0, rnd.Next(x0 + 1, w + 1), rnd.Next(y0 + 1, h + 1)

/// Destination widths: every width 1 .. 70 once, then random ones.
let private width (rnd: Random) k = if k < 70 then k + 1 else rnd.Next(1, 150)

let tests =
    testList "copy kernels" [
        test "reflect-101 pad of a 3-pixel row, worked by hand from OpenCV's BORDER_REFLECT_101 (gfedcb|abcdefgh|gfedcba)" {
            // Row a b c (values 10 20 30), 4 columns padded each side: index -1 -> 1, -2 -> 2, -3 -> 1, -4 -> 0 (period
            // 2n - 2 = 4), and 3 -> 1, 4 -> 0, 5 -> 1, 6 -> 2.
            let src = [| 10uy; 20uy; 30uy |]
            let map = IntegerMap(1, 0, -4, 0, 1, 0)
            let expected = [| 10uy; 20uy; 30uy; 20uy; 10uy; 20uy; 30uy; 20uy; 10uy; 20uy; 30uy |]
            Expect.equal (public' src 3 1 1 11 1 map (0, 0, 3, 1) BorderMode.Reflect101 [||]) expected "CopyExact"
            for p in paths do
                Expect.equal (rows src 3 1 11 1 map (0, 0, 3, 1) BorderMode.Reflect101 [||] p) expected (sprintf "rows, %A" p)
        }

        test "replicate and constant pads of a 2 x 2 RGB image, worked by hand" {
            // Source pixels P00 P01 / P10 P11; one pixel of pad on every side. Replicate: each border pixel is the nearest
            // source pixel; constant: the fill (1, 2, 3).
            let px k = [| byte (10 * k + 1); byte (10 * k + 2); byte (10 * k + 3) |]
            let src = Array.concat [ px 0; px 1; px 2; px 3 ]
            let map = IntegerMap(1, 0, -1, 0, 1, -1)
            let grid (f: int -> int -> byte[]) = Array.concat [ for i in 0 .. 3 do for j in 0 .. 3 -> f i j ]
            let clamp v = min 1 (max 0 (v - 1))
            let replicate = grid (fun i j -> px (2 * clamp i + clamp j))
            let fill = [| 1uy; 2uy; 3uy |]
            let constant = grid (fun i j -> if i = 0 || i = 3 || j = 0 || j = 3 then fill else px (2 * (i - 1) + (j - 1)))
            Expect.equal (public' src 2 2 3 4 4 map (0, 0, 2, 2) BorderMode.Replicate [||]) replicate "replicate"
            Expect.equal (public' src 2 2 3 4 4 map (0, 0, 2, 2) BorderMode.Constant fill) constant "constant"
        }

        test "row-preserving copies with borders (pads, crops, shifts, flips) match the per-pixel reference, bytes, every path" {
            let rnd = Random 81
            for k in 0 .. 399 do
                let w, h, c = rnd.Next(1, 40), (if k % 7 = 0 then 1 else rnd.Next(1, 30)), [| 1; 3; 4 |].[rnd.Next 3]
                let src = bytesOf rnd (w * h * c)
                let dw, dh = width rnd k, (if k % 5 = 0 then 1 else rnd.Next(1, 40))
                let a, e = (if rnd.Next 2 = 0 then 1 else -1), (if rnd.Next 2 = 0 then 1 else -1)
                // Offsets that put the window anywhere, with pads up to twice the source (wider than the image).
                let map = IntegerMap(a, 0, rnd.Next(-2 * w - dw, 3 * w + dw), 0, e, rnd.Next(-2 * h - dh, 3 * h + dh))
                let win = if k % 3 = 0 then (0, 0, w, h) else window rnd w h
                let fill = if k % 2 = 0 then bytesOf rnd c else Array.create c 9uy
                for border in borders do
                    let expected = reference src w h c dw dh map win border fill
                    Expect.equal (public' src w h c dw dh map win border fill) expected (sprintf "CopyExact %A %A %dx%dx%d -> %dx%d" border map w h c dw dh)
                    for p in paths do
                        Expect.equal (rows src w c dw dh map win border fill p) expected (sprintf "rows %A %A %A" p border map)
        }

        test "row mirror (horizontal flip): every block path (VBMI 64, AVX2 32, SSSE3 16 pixels, scalar) is dst[x] = src[n - 1 - x], widths 1 .. 260" {
            // The reference is the definition, pixel by pixel, written here; the kernel under test is MirrorRows at each
            // level (a level the machine lacks is skipped by LevelFor's caller, so only levels up to the best are run).
            let rnd = Random 86
            let best = MirrorRows.LevelFor(Simd.Best)
            for k in 0 .. 399 do
                let n = if k < 260 then k + 1 else rnd.Next(1, 700)
                // Rows with a row above and below take AVX2's swapped-lane blocks for 3 channels (loads reaching a byte
                // into the neighbouring rows), the first and last rows the others: heights 1 and 2 have none of them.
                let h = if k % 4 = 0 then 1 else [| 1; 2; 3; 4; 5; 7 |].[rnd.Next 6]
                let c = [| 1; 3; 4 |].[k % 3]
                let src = bytesOf rnd (n * h * c)
                let expected = Array.zeroCreate (n * h * c)
                for y in 0 .. h - 1 do
                    for x in 0 .. n - 1 do
                        for ch in 0 .. c - 1 do
                            expected.[(y * n + x) * c + ch] <- src.[(y * n + n - 1 - x) * c + ch]
                for level in 0 .. best do
                    // A guard byte either side of the destination: no store may leave the rows.
                    let got = Array.create (n * h * c + 2) 0xA5uy
                    MirrorRows.Rows(&src.[0], &got.[1], n, h, c, level)
                    Expect.equal got.[1 .. n * h * c] expected (sprintf "level %d, %d pixels x %d rows x %d channels" level n h c)
                    Expect.equal (got.[0], got.[n * h * c + 1]) (0xA5uy, 0xA5uy) (sprintf "guards, level %d, n %d, c %d" level n c)
                for p in paths do
                    let got = Array.zeroCreate (n * h * c)
                    PixelKernels.FlipHorizontal(ReadOnlySpan src, Span got, n, h, c, p)
                    Expect.equal got expected (sprintf "FlipHorizontal %A, %d x %d x %d" p n h c)
        }

        test "pads and crops of whole images (fill, one forward run, fill per row; blocks of fill rows) match the per-pixel reference" {
            // PadIfNeeded, ResizeWithCropOrPad and Crop shapes: offsets that pad (negative) or crop (positive) each side.
            let rnd = Random 87
            for k in 0 .. 119 do
                let w, h = [| 1; 2; 17; 63; 64; 65; 224 |].[k % 7], [| 1; 3; 33; 100 |].[rnd.Next 4]
                let c = [| 1; 3; 4 |].[k % 3]
                let src = bytesOf rnd (w * h * c)
                let ox, oy = rnd.Next(-40, w), rnd.Next(-40, h)
                let dw, dh = rnd.Next(1, w + 80), rnd.Next(1, h + 80)
                let map = IntegerMap(1, 0, ox, 0, (if k % 5 = 0 then -1 else 1), (if k % 5 = 0 then h - 1 - oy else oy))
                for border in borders do
                    let fill = bytesOf rnd c
                    let expected = reference src w h c dw dh map (0, 0, w, h) border fill
                    Expect.equal (public' src w h c dw dh map (0, 0, w, h) border fill) expected (sprintf "CopyExact %A %A %dx%dx%d -> %dx%d" border map w h c dw dh)
                    for p in paths do
                        Expect.equal (rows src w c dw dh map (0, 0, w, h) border fill p) expected (sprintf "rows %A %A %A %dx%d" p border map dw dh)
        }

        test "constant pads whose rows are fill, copy, fill: the rows reading the window's rows clamped at either end, both or neither, E = +-1, every path" {
            // The rows of such a copy run as one range of destination rows (ExactCopyRows.FillForwardFillRows): offsets
            // that put the window's rows [wy0, wy1) above, across, inside and below the destination, upright and flipped.
            let rnd = Random 88
            for k in 0 .. 419 do
                let w, h, c = k % 70 + 1, [| 1; 2; 3; 5; 9 |].[k % 5], [| 1; 3; 4 |].[k % 3]
                let src = bytesOf rnd (w * h * c)
                let wy0 = rnd.Next h
                let wy1 = rnd.Next(wy0 + 1, h + 1)
                let left, right = (if k % 4 = 0 then 0 else rnd.Next(1, 24)), (if k % 6 = 0 then 0 else rnd.Next(1, 24))
                let dw, dh = left + w + right, [| 1; 3; 7; h; h + 4; 2 * h + 9 |].[rnd.Next 6]
                let e = if k % 2 = 0 then 1 else -1
                let map = IntegerMap(1, 0, -left, 0, e, rnd.Next(-h - 4, dh + h + 5))
                let fill = bytesOf rnd c
                let win = (0, wy0, w, wy1)
                let expected = reference src w h c dw dh map win BorderMode.Constant fill
                Expect.equal (public' src w h c dw dh map win BorderMode.Constant fill) expected (sprintf "CopyExact %A %A %dx%dx%d -> %dx%d" win map w h c dw dh)
                for p in paths do
                    Expect.equal (rows src w c dw dh map win BorderMode.Constant fill p) expected (sprintf "rows %A %A %A %dx%dx%d -> %dx%d" p win map w h c dw dh)
        }

        test "row-preserving copies with borders match the reference on floats (fill of distinct channels and none)" {
            let rnd = Random 82
            for k in 0 .. 149 do
                let w, h, c = rnd.Next(1, 30), rnd.Next(1, 20), [| 1; 3; 4 |].[rnd.Next 3]
                let src = floatsOf rnd (w * h * c)
                let dw, dh = width rnd k, rnd.Next(1, 30)
                let map = IntegerMap((if rnd.Next 2 = 0 then 1 else -1), 0, rnd.Next(-2 * w - dw, 3 * w + dw), 0,
                                     (if rnd.Next 2 = 0 then 1 else -1), rnd.Next(-2 * h - dh, 3 * h + dh))
                let win = window rnd w h
                for border in borders do
                    let fill = if border = BorderMode.Constant then floatsOf rnd c else [||]
                    let expected = reference src w h c dw dh map win border fill |> Array.map BitConverter.SingleToInt32Bits
                    for p in paths do
                        let got = rows src w c dw dh map win border fill p |> Array.map BitConverter.SingleToInt32Bits
                        Expect.equal got expected (sprintf "rows %A %A %A" p border map)
        }
    
        test "tiled transposes of 1-, 3- and 4-byte pixels match the pixel-by-pixel transpose, every path, all four transposing maps" {
            let rnd = Random 83
            for k in 0 .. 279 do
                // Source w x h; destination h x w (columns are source rows). Widths 1 .. 70 once each, 1-row sources too.
                let w = if k < 70 then k + 1 else rnd.Next(1, 120)
                let h = if k % 9 = 0 then 1 else rnd.Next(1, 90)
                let pb = [| 1; 3; 4 |].[k % 3]
                let src = bytesOf rnd (w * h * pb)
                let b, d = (if rnd.Next 2 = 0 then 1 else -1), (if rnd.Next 2 = 0 then 1 else -1)
                let map = IntegerMap(0, b, (if b = 1 then 0 else w - 1), d, 0, (if d = 1 then 0 else h - 1))
                // The whole image, or a sub-rectangle of destination rows [i0, i1) and columns [j0, j1).
                let i0, i1, j0, j1 =
                    if k % 2 = 0 then 0, w, 0, h
                    else
                        let i0, j0 = rnd.Next w, rnd.Next h
                        i0, rnd.Next(i0 + 1, w + 1), j0, rnd.Next(j0 + 1, h + 1)
                let expected = Array.zeroCreate (w * h * pb)
                FixedGeometry.TransposeScalar(ReadOnlySpan src, w, pb, Span expected, h, map, i0, i1, j0, j1)
                for p in paths do
                    let got = Array.zeroCreate (w * h * pb)
                    FixedGeometry.Transpose(ReadOnlySpan src, w, pb, Span got, h, map, i0, i1, j0, j1, p)
                    Expect.equal got expected (sprintf "%A %d-byte %dx%d %A [%d,%d)x[%d,%d)" p pb w h map i0 i1 j0 j1)
        }

        test "every D4 element with pads, crops and borders matches the per-pixel reference (1, 3, 4 channels, bytes and floats)" {
            let rnd = Random 84
            let d4 = [ 1, 0, 0, 1; -1, 0, 0, 1; 1, 0, 0, -1; -1, 0, 0, -1; 0, 1, 1, 0; 0, -1, 1, 0; 0, 1, -1, 0; 0, -1, -1, 0 ]
            for k in 0 .. 239 do
                let a, b, d, e = d4.[k % 8]
                let w, h, c = rnd.Next(1, 50), (if k % 11 = 0 then 1 else rnd.Next(1, 40)), [| 1; 3; 4 |].[rnd.Next 3]
                // One round of the eight elements in four is plain (the whole image, no border); the others pad, crop and shift.
                let plain = (k / 8) % 4 = 0
                let dw, dh =
                    if plain then (if a <> 0 then w, h else h, w)
                    else width rnd k, rnd.Next(1, 50)
                // Source column from the destination row (B) or column (A); row from the column (D) or row (E).
                let cx, cy = (if a <> 0 then dw else dh), (if e <> 0 then dh else dw)
                let map =
                    if plain then IntegerMap(a, b, (if a + b = 1 then 0 else w - 1), d, e, (if d + e = 1 then 0 else h - 1))
                    else IntegerMap(a, b, rnd.Next(-w - cx, 2 * w + cx), d, e, rnd.Next(-h - cy, 2 * h + cy))
                let win = if plain || k % 3 = 0 then (0, 0, w, h) else window rnd w h
                let src = bytesOf rnd (w * h * c)
                let srcF = floatsOf rnd (w * h * c)
                for border in borders do
                    let fill = bytesOf rnd c
                    Expect.equal (public' src w h c dw dh map win border fill) (reference src w h c dw dh map win border fill)
                        (sprintf "bytes %A %A %dx%dx%d -> %dx%d" border map w h c dw dh)
                    let fillF = floatsOf rnd c
                    let bits = Array.map BitConverter.SingleToInt32Bits
                    Expect.equal (bits (public' srcF w h c dw dh map win border fillF)) (bits (reference srcF w h c dw dh map win border fillF))
                        (sprintf "floats %A %A" border map)
        }
    
        test "Downscale's separable nearest-down, bilinear-up byte kernel has the bits of the two float warps it replaces, every path" {
            // The reference is what the op ran before: bytes to floats, Warp(Scale, Nearest, Replicate) down,
            // Warp(Scale, Bilinear, Replicate) up, rounded half to even and clamped to bytes.
            let rnd = Random 85
            let warp (src: float32[]) sw sh c dw dh interp =
                let dst = Array.zeroCreate (dw * dh * c)
                let m = Matrix3.Scale(float sw / float dw, float sh / float dh)
                GeometryKernels.Warp(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &m, interp, BorderMode.Replicate,
                                     ReadOnlySpan(Array.zeroCreate c), ReadOnlySpan<WarpWindow>([||]))
                dst
            for k in 0 .. 159 do
                let w = if k < 70 then k + 1 else rnd.Next(1, 200)
                let h = if k % 6 = 0 then 1 else rnd.Next(1, 120)
                let c = [| 1; 3; 4 |].[rnd.Next 3]
                let scale = [| 0.25; 0.5; 0.1; 0.33; rnd.NextDouble() |].[k % 5]
                let sw = max 1 (int (Math.Round(float w * scale, MidpointRounding.ToEven)))
                let sh = max 1 (int (Math.Round(float h * scale, MidpointRounding.ToEven)))
                let src = bytesOf rnd (w * h * c)
                let small = warp (Array.map float32 src) w h c sw sh Interpolation.Nearest
                let expected =
                    warp small sw sh c w h Interpolation.Bilinear
                    |> Array.map (fun u -> byte (MathF.Min(MathF.Max(MathF.Round u, 0f), 255f)))
                for p in paths do
                    let got = Array.zeroCreate (w * h * c)
                    let scratch = Array.create (sw * sh * c + 5) nanf
                    DownscaleKernels.NearestDownBilinearUp(ReadOnlySpan src, w, h, c, Span scratch, sw, sh,
                                                           float w / float sw, float h / float sh, float sw / float w, float sh / float h,
                                                           Span got, p)
                    Expect.equal got expected (sprintf "%A %dx%dx%d via %dx%d" p w h c sw sh)
        }

        test "Downscale's kept tables: repeated, alternating and rescaled shapes on one thread give the reference every call" {
            // The kernel keeps the last shape's column and row tables per thread: calls that repeat a shape reuse them,
            // a call with another size, channel count, scale or path must rebuild them. A sequence that returns to
            // earlier shapes, changes only the scales (same sizes) or only the path, each call against the float warps.
            let rnd = Random 86
            let warp (src: float32[]) sw sh c dw dh (sx: float) (sy: float) interp =
                let dst = Array.zeroCreate (dw * dh * c)
                let m = Matrix3.Scale(sx, sy)
                GeometryKernels.Warp(ReadOnlySpan src, sw, sh, c, Span dst, dw, dh, &m, interp, BorderMode.Replicate,
                                     ReadOnlySpan(Array.zeroCreate c), ReadOnlySpan<WarpWindow>([||]))
                dst
            let shapes = [| (224, 7, 3, 56, 2); (70, 9, 3, 17, 3); (224, 7, 3, 56, 2); (224, 7, 4, 56, 2); (31, 5, 1, 8, 1) |]
            for k in 0 .. 59 do
                let w, h, c, sw, sh = shapes.[(k / 2) % shapes.Length]
                let p = paths.[(k / 3) % paths.Length]
                // Every third call stretches the up scales a little (same sizes): the tables of the last call no longer hold.
                let stretch = if k % 3 = 2 then 1.03 else 1.0
                let dx, dy, ux, uy = float w / float sw, float h / float sh, stretch * float sw / float w, stretch * float sh / float h
                let src = bytesOf rnd (w * h * c)
                let small = warp (Array.map float32 src) w h c sw sh dx dy Interpolation.Nearest
                let expected =
                    warp small sw sh c w h ux uy Interpolation.Bilinear
                    |> Array.map (fun u -> byte (MathF.Min(MathF.Max(MathF.Round u, 0f), 255f)))
                let got = Array.zeroCreate (w * h * c)
                let scratch = Array.create (sw * sh * c + 5) nanf
                DownscaleKernels.NearestDownBilinearUp(ReadOnlySpan src, w, h, c, Span scratch, sw, sh, dx, dy, ux, uy, Span got, p)
                Expect.equal got expected (sprintf "call %d: %A %dx%dx%d via %dx%d up x %g" k p w h c sw sh stretch)
        }
    ]
