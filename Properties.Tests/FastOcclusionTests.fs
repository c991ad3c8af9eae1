/// The map-free occlusion kernels (a copy, then row fills of rectangles or of GridMask's runs) against their scalar
/// references and against the map they replace (OcclusionKernels.FillMarked with Ops.rectMap / Ops.gridMaskMap), on
/// random and edge sizes and rectangles (empty, touching edges, covering everything, past the image); the ops through
/// Aug.run and Aug.runInto against the map path; no image-sized allocation through Aug.runInto; and the batch ops
/// (MixUp, CutMix, Mosaic) against their old results, rebuilt here from the traced parameters with scalar loops.
module FastOcclusionTests

open System
open Expecto
open Augment
open Augment.Native
open Augment.Native.Kernels

let private rng (seed: int) = Random(seed)

let private bytesOf (r: Random) n = (let a = Array.zeroCreate<byte> n in r.NextBytes a; a)
let private floatsOf (r: Random) n = Array.init n (fun _ -> float32 (r.NextDouble()))

/// Edge and random shapes: widths 1 .. 70 among them, one row, one column, odd sizes.
let private shapes =
    let r = rng 7
    [ yield! [ 1, 1; 1, 9; 9, 1; 2, 2; 3, 5; 16, 1; 31, 7; 64, 3; 70, 2 ]
      for _ in 1 .. 25 do yield r.Next(1, 71), r.Next(1, 40) ]

/// Holes for a w x h image: empty ones, ones touching each edge, the whole image, ones past the image, random ones.
let private holeSets (r: Random) w h =
    [ "none", [||]
      "empty", [| 1; 1; 1; h |]
      "whole", [| 0; 0; w; h |]
      "past the image", [| 0; 0; w + 5; h + 3 |]
      "edges", [| 0; 0; 1; h; w - 1; 0; w; h; 0; 0; w; 1; 0; h - 1; w; h |]
      "random",
      [| for _ in 1 .. r.Next(1, 7) do
           let x0, y0 = r.Next(0, w + 1), r.Next(0, h + 1)
           yield! [| x0; y0; r.Next(x0, w + 1); r.Next(y0, h + 1) |] |] ]

/// The old path: FillMarked over the rectangle map.
let private byMap (src: 'T[]) w h c (map: byte[]) (fill: 'T) =
    let dst = Array.zeroCreate src.Length
    OcclusionKernels.FillMarked(ReadOnlySpan src, Span dst, c, ReadOnlySpan map, ReadOnlySpan(Array.create c fill))
    dst

let private rectsFast (src: 'T[]) w h c (holes: int[]) (fill: 'T) =
    let dst = Array.zeroCreate src.Length
    OcclusionFillKernels.CopyFillRects(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan holes, fill)
    dst

let private rectsScalar (src: 'T[]) w h c (holes: int[]) (fill: 'T) =
    let dst = Array.zeroCreate src.Length
    OcclusionFillKernels.CopyFillRectsScalar(ReadOnlySpan src, Span dst, w, h, c, ReadOnlySpan holes, fill)
    dst

let private gridFast (src: 'T[]) w h c (u, ra, dx, dy, a) (fill: 'T) =
    let dst = Array.zeroCreate src.Length
    OcclusionFillKernels.GridMaskFill(ReadOnlySpan src, Span dst, w, h, c, u, ra, dx, dy, a, fill)
    dst

let private gridScalar (src: 'T[]) w h c (u, ra, dx, dy, a) (fill: 'T) =
    let dst = Array.zeroCreate src.Length
    OcclusionFillKernels.GridMaskFillScalar(ReadOnlySpan src, Span dst, w, h, c, u, ra, dx, dy, a, fill)
    dst

/// GridMask parameters: the ops' draws (unit from min(H/2, 0.3 W)), exact turns (0, 90, 180, 45 degrees, whole turns
/// where cos or sin is an ulp from 0), full squares (ratio 1) and small units.
let private gridParams (r: Random) w h =
    let a, b = min (float h * 0.5) (float w * 0.3), max (float h * 0.5) (float w * 0.3) + 1.0
    let drawn () =
        let unit = a + r.NextDouble() * (b - a)
        unit, r.NextDouble(), r.NextDouble() * unit, r.NextDouble() * unit, (2.0 * r.NextDouble() - 1.0) * 36.0
    [ yield! List.init 4 (fun _ -> drawn ())
      let unit = max 1.5 (a + 0.5 * (b - a))
      for angle in [ 0.0; 90.0; -90.0; 180.0; 45.0; 360.0; 720.0; 30.0; -135.0 ] do
          yield unit, 0.4, 0.3 * unit, 0.7 * unit, angle
      yield unit, 1.0, 0.0, 0.0, 17.0
      yield 2.0, 0.5, 0.5, 1.5, 12.5
      yield 1.0, 0.6, 0.0, 0.0, 0.0
      yield 3.0, 0.5, 1.0, 2.0, 90.0 ]

let private rectTests =
    testList "rectangles" [
        test "known answer: a 4 x 3 gray image, hole [1, 0, 3, 2) filled with 9" {
            // Worked by hand: columns 1 and 2 of rows 0 and 1 take 9; the rest keep their index 0 .. 11.
            let src = Array.init 12 byte
            let expected = [| 0uy; 9uy; 9uy; 3uy; 4uy; 9uy; 9uy; 7uy; 8uy; 9uy; 10uy; 11uy |]
            Expect.equal (rectsFast src 4 3 1 [| 1; 0; 3; 2 |] 9uy) expected "fast"
            Expect.equal (rectsScalar src 4 3 1 [| 1; 0; 3; 2 |] 9uy) expected "scalar"
        }
        test "bytes: fast = scalar = the map path, every shape, hole set and channel count" {
            let r = rng 11
            for (w, h) in shapes do
                for c in [ 1; 3; 4 ] do
                    let src = bytesOf r (w * h * c)
                    for name, holes in holeSets r w h do
                        let fill = byte (r.Next 256)
                        let map = Ops.rectMap w h holes
                        let old = byMap src w h c map fill
                        Expect.equal (rectsScalar src w h c holes fill) old (sprintf "scalar %dx%dx%d %s" w h c name)
                        Expect.equal (rectsFast src w h c holes fill) old (sprintf "fast %dx%dx%d %s" w h c name)
        }
        test "floats: fast = the map path" {
            let r = rng 12
            for (w, h) in shapes do
                let src = floatsOf r (w * h * 3)
                for name, holes in holeSets r w h do
                    let old = byMap src w h 3 (Ops.rectMap w h holes) 0.25f
                    Expect.equal (rectsFast src w h 3 holes 0.25f) old (sprintf "%dx%d %s" w h name)
        }
        test "in place: the source as destination gives the same" {
            let r = rng 13
            for (w, h) in shapes do
                let src = bytesOf r (w * h * 3)
                for name, holes in holeSets r w h do
                    let expected = rectsScalar src w h 3 holes 7uy
                    let buf = Array.copy src
                    OcclusionFillKernels.CopyFillRects(ReadOnlySpan buf, Span buf, w, h, 3, ReadOnlySpan holes, 7uy)
                    Expect.equal buf expected (sprintf "%dx%d %s" w h name)
        }
        test "bad input names the parameter" {
            let src = Array.zeroCreate<byte> 12
            let message =
                try
                    OcclusionFillKernels.CopyFillRects(ReadOnlySpan src, Span(Array.zeroCreate<byte> 12), 4, 3, 1, ReadOnlySpan [| 1; 2; 3 |], 0uy)
                    "no exception"
                with :? ArgumentException as e -> e.Message
            Expect.stringContains message "holes was 3" "holes named"
        }
    ]

let private gridTests =
    testList "GridMask" [
        test "known answer: 4 x 4, unit 3, ratio 0.5, no offset, no turn" {
            // Worked by hand from Ops.gridMaskMap's definition: L = ceil(sqrt(32)) = 6, crop offsets (6 - 4) / 2 = 1;
            // squares of side 1.5 end at 3, 6, 9, so cells m with 1.5 <= m < 3 or 4.5 <= m < 6 are covered: 2 and 5 on
            // each axis. Unturned, pixel (j, i) reads cell (j + 1, i + 1) with weight 1: only pixel (1, 1) is covered.
            let src = Array.init 16 byte
            let expected = Array.init 16 (fun p -> if p = 5 then 200uy else byte p)
            Expect.equal (gridFast src 4 4 1 (3.0, 0.5, 0.0, 0.0, 0.0) 200uy) expected "fast"
            Expect.equal (gridScalar src 4 4 1 (3.0, 0.5, 0.0, 0.0, 0.0) 200uy) expected "scalar"
        }
        test "fast = scalar = Ops.gridMaskMap, random and exact turns, edge sizes" {
            let r = rng 21
            let sizes = shapes @ [ 128, 96; 97, 131; 200, 7; 5, 150 ]
            for (w, h) in sizes do
                let c = [| 1; 3; 4 |].[r.Next 3]
                let src = bytesOf r (w * h * c)
                for (u, ra, dx, dy, a) as g in gridParams r w h do
                    let map = Ops.gridMaskMap w h u ra dx dy a
                    let old = byMap src w h c map 0uy
                    Expect.equal (gridScalar src w h c g 0uy) old (sprintf "scalar %dx%dx%d %A" w h c g)
                    Expect.equal (gridFast src w h c g 0uy) old (sprintf "fast %dx%dx%d %A" w h c g)
        }
        test "floats and in place" {
            let r = rng 22
            for (w, h) in [ 33, 17; 1, 1; 64, 64 ] do
                let src = floatsOf r (w * h * 3)
                for g in gridParams r w h do
                    let expected = gridScalar src w h 3 g 0.5f
                    Expect.equal (gridFast src w h 3 g 0.5f) expected (sprintf "%dx%d %A" w h g)
                    let buf = Array.copy src
                    let (u, ra, dx, dy, a) = g
                    OcclusionFillKernels.GridMaskFill(ReadOnlySpan buf, Span buf, w, h, 3, u, ra, dx, dy, a, 0.5f)
                    Expect.equal buf expected (sprintf "in place %dx%d %A" w h g)
        }
    ]

let private image (r: Random) w h c = Image.FromBytes(w, h, c, ReadOnlySpan(bytesOf r (w * h * c)))

let private holesOf (t: Trace) =
    match t with
    | Trace.Applied (_, (:? HolesParams as p)) -> p
    | other -> failwithf "not a holes trace: %A" other

let private opTests =
    let holeOps =
        [ "CoarseDropout", Ops.coarseDropout 2 5 (Sampler.uniform 0.1 0.4) (Sampler.uniform 0.1 0.4) 30.0 77
          "RandomErasing", Ops.randomErasing 0.1 0.5 0.3 3.3 12.0
          "GridDropout", Ops.gridDropout 0.4 2 4 true 0 0 255.0 3
          "XYMasking", Ops.xyMasking 2 1 3 1 1 2 0.0 9 ]
    testList "ops" [
        test "hole ops: Aug.run, Aug.runInto and a sample with a mask give the map path's pixels" {
            let r = rng 31
            for name, aug in holeOps do
                for (w, h) in [ 9, 7; 16, 16; 31, 5 ] do
                    for seed in 1 .. 6 do
                        let img = image r w h 3
                        let mask = image r w h 1
                        let s = { Sample.ofImage img with Mask = Some mask }
                        let out, t = Aug.run aug (Seed.ofInt seed) s
                        let p = holesOf t
                        let map = Ops.rectMap w h p.Holes
                        let f = byte (MathF.Round(float32 (Math.Clamp(p.Fill, 0.0, 255.0))))
                        Expect.equal (out.Image.Bytes.ToArray()) (byMap (img.Bytes.ToArray()) w h 3 map f) (sprintf "%s image %dx%d seed %d" name w h seed)
                        let expectedMask = if p.MaskFill >= 0 then byMap (mask.Bytes.ToArray()) w h 1 map (byte p.MaskFill) else mask.Bytes.ToArray()
                        Expect.equal (out.Mask.Value.Bytes.ToArray()) expectedMask (sprintf "%s mask" name)
                        let plain, _ = Aug.run aug (Seed.ofInt seed) (Sample.ofImage img)
                        let dst = PixelBuffer.Allocate(w, h, 3, ElementType.Byte, ValueRange.Byte)
                        Aug.runInto RunOptions.Default aug (Seed.ofInt seed) (Sample.ofImage img) dst |> ignore
                        Expect.equal (dst.ToImage().Bytes.ToArray()) (plain.Image.Bytes.ToArray()) (sprintf "%s runInto" name)
        }
        test "CoarseDropout with a box filter keeps the boxes the map path keeps" {
            let r = rng 32
            let aug = Ops.coarseDropoutWith { BoxFilter.Default with MinVisibility = 0.6 } 3 6 (Sampler.uniform 0.2 0.5) (Sampler.uniform 0.2 0.5) 0.0 -1
            for seed in 1 .. 10 do
                let img = image r 20 16 3
                let boxes = [| Box.create 0.0 0.0 10.0 8.0 0 0; Box.create 5.0 5.0 19.0 15.0 1 1; Box.create 12.0 2.0 13.0 3.0 2 2 |]
                let s = { Sample.ofImage img with Boxes = boxes }
                let out, t = Aug.run aug (Seed.ofInt seed) s
                let p = holesOf t
                let map = Ops.rectMap 20 16 p.Holes
                let visible (b: Box) =
                    let mutable n = 0
                    for i in max 0 (int (ceil b.YMin)) .. min 15 (int (floor b.YMax)) do
                        for j in max 0 (int (ceil b.XMin)) .. min 19 (int (floor b.XMax)) do
                            if map.[i * 20 + j] = 0uy then n <- n + 1
                    float n / b.Area >= 0.6
                Expect.equal (out.Boxes |> Array.map (fun b -> b.Id)) (boxes |> Array.filter visible |> Array.map (fun b -> b.Id)) (sprintf "seed %d" seed)
                Expect.equal (out.Image.Bytes.ToArray()) (byMap (img.Bytes.ToArray()) 20 16 3 map 0uy) "pixels"
        }
        test "GridMask through Aug.run: the map path's pixels, bytes and floats" {
            let r = rng 33
            let aug = Ops.gridMask (Sampler.uniform 0.2 0.8) 0.5 40.0
            for (w, h) in [ 24, 16; 7, 33; 50, 50 ] do
                for seed in 1 .. 5 do
                    let img = image r w h 3
                    let out, t = Aug.run aug (Seed.ofInt seed) (Sample.ofImage img)
                    let p = match t with Trace.Applied (_, (:? GridMaskParams as p)) -> p | x -> failwithf "%A" x
                    let map = Ops.gridMaskMap w h p.Unit p.Ratio p.DeltaX p.DeltaY p.Angle
                    Expect.equal (out.Image.Bytes.ToArray()) (byMap (img.Bytes.ToArray()) w h 3 map 40uy) (sprintf "%dx%d seed %d" w h seed)
                    let fimg = (image r w h 3).ToFloat32(ValueRange.Unit)
                    let fout, _ = Aug.run aug (Seed.ofInt seed) (Sample.ofImage fimg)
                    // The fill (40) clamps to the float range's top, 1.
                    Expect.equal (fout.Image.Floats.ToArray()) (byMap (fimg.Floats.ToArray()) w h 3 map 1.0f) "floats"
        }
        test "replayed holes outside the domain name the value's index" {
            let s = Sample.ofImage (image (rng 35) 4 4 1)
            let aug = Ops.coarseDropout 1 1 (Sampler.constant 0.5) (Sampler.constant 0.5) 0.0 -1
            let message holes =
                try
                    Aug.replay aug (Trace.Applied("CoarseDropout", box { Holes = holes; Fill = 0.0; MaskFill = -1 })) s |> ignore
                    "no exception"
                with :? ArgumentException as e -> e.Message
            // y1 (index 7) below y0 in the second hole; a negative x0 (index 4); a negative y0 (index 1).
            Expect.stringContains (message [| 0; 0; 2; 2; 1; 3; 2; 2 |]) "Holes[7] was 2" "y1 < y0"
            Expect.stringContains (message [| 0; 0; 2; 2; -1; 0; 2; 2 |]) "Holes[4] was -1" "x0 < 0"
            Expect.stringContains (message [| 0; -3; 2; 2 |]) "Holes[1] was -3" "y0 < 0"
        }
        test "Aug.runInto allocates nothing of the image's size (512 x 512 x 3)" {
            let r = rng 34
            let img = image r 512 512 3
            let dst = PixelBuffer.Allocate(512, 512, 3, ElementType.Byte, ValueRange.Byte)
            for name, aug in holeOps @ [ "GridMask", Ops.gridMask (Sampler.constant 0.4) 0.1 0.0 ] do
                let aug = if name = "GridDropout" then Ops.gridDropout 0.4 64 85 true 0 0 0.0 0 else aug
                let s = Sample.ofImage img
                for k in 1 .. 3 do Aug.runInto RunOptions.Default aug (Seed.ofInt k) s dst |> ignore
                let before = GC.GetAllocatedBytesForCurrentThread()
                for k in 1 .. 4 do Aug.runInto RunOptions.Default aug (Seed.ofInt k) s dst |> ignore
                let perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 4L
                // The old map alone was 512 * 512 = 262144 bytes a call; a third of it would still be image-sized.
                Expect.isLessThan perCall (512L * 512L / 3L) (sprintf "%s allocated %d bytes a call" name perCall)
        }
    ]

// ------------------------------------------------------------------ batch ops against their old results

let private batch (r: Random) w h c n =
    Array.init n (fun i ->
        { Sample.ofImage (image r w h c) with Label = Array.init 3 (fun k -> if k = i % 3 then 1.0 else 0.0) })

let private batchTests =
    testList "batch ops" [
        test "MixUp: the scalar blend of the traced lambda and partner, every element" {
            let r = rng 41
            for (w, h, c) in [ 1, 1, 1; 7, 5, 3; 33, 9, 4; 64, 17, 3 ] do
                let samples = batch r w h c 4
                for seed in 1 .. 4 do
                    let out = Aug.runBatch RunOptions.Default 1 (Ops.mixUp 0.4) (Seed.ofInt seed) samples
                    for i in 0 .. 3 do
                        let s, t = out.[i]
                        let p = match t with Trace.Applied (_, (:? MixUpParams as p)) -> p | x -> failwithf "%A" x
                        let a, b = samples.[i].Image.Bytes.ToArray(), samples.[p.Partner].Image.Bytes.ToArray()
                        let lam = float32 p.Lambda
                        let mu = 1.0f - lam
                        // The scalar reference's arithmetic: float32, lambda * a + (1 - lambda) * b, round half to even, clamp.
                        let expected = Array.init a.Length (fun k -> byte (MathF.Min(MathF.Max(MathF.Round(lam * float32 a.[k] + mu * float32 b.[k]), 0f), 255f)))
                        Expect.equal (s.Image.Bytes.ToArray()) expected (sprintf "%dx%dx%d seed %d sample %d" w h c seed i)
        }
        test "MixUp kernel: every path = scalar, random lambdas and lengths 1 .. 300" {
            let r = rng 42
            let paths = [ SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512; SimdPath.Auto ] |> List.filter (fun p -> p = SimdPath.Auto || p <= Simd.Best)
            for n in [ 1 .. 70 ] @ [ 127; 128; 129; 255; 256; 257; 300 ] do
                let a, b = bytesOf r n, bytesOf r n
                for lam in [ 0.0f; 1.0f; 0.5f; float32 (r.NextDouble()); 1e-7f; 0.99999994f ] do
                    let reference = Array.zeroCreate n
                    GeometryKernels.Mix(ReadOnlySpan a, ReadOnlySpan b, Span reference, lam, SimdPath.Scalar)
                    for path in paths do
                        let d = Array.zeroCreate n
                        GeometryKernels.Mix(ReadOnlySpan a, ReadOnlySpan b, Span d, lam, path)
                        Expect.equal d reference (sprintf "n %d lambda %g %A" n lam path)
        }
        test "MixUp kernel: every pair of bytes (a, b) at lambdas whose sums are exact halves (ties to even), every path = scalar" {
            // lambda 1/2, 1/4, 3/4: lambda a and (1 - lambda) b are exact, so lambda a + (1 - lambda) b lands on k + 1/2
            // for many pairs, where the vector rounding must pick the even neighbour as MathF.Round does.
            let paths = [ SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512; SimdPath.Auto ] |> List.filter (fun p -> p = SimdPath.Auto || p <= Simd.Best)
            let a = Array.init 65536 (fun k -> byte (k / 256))
            let b = Array.init 65536 (fun k -> byte (k % 256))
            for lam in [ 0.5f; 0.25f; 0.75f; 0.375f ] do
                let reference = Array.zeroCreate 65536
                GeometryKernels.Mix(ReadOnlySpan a, ReadOnlySpan b, Span reference, lam, SimdPath.Scalar)
                // Known answers (the definition, by hand): 1/2 (1 + 2) = 1.5 -> 2, 1/2 (2 + 3) = 2.5 -> 2, 1/2 (0 + 255) = 127.5 -> 128.
                if lam = 0.5f then
                    Expect.equal (reference.[1 * 256 + 2], reference.[2 * 256 + 3], reference.[255]) (2uy, 2uy, 128uy) "ties at lambda 1/2"
                for path in paths do
                    let d = Array.zeroCreate 65536
                    GeometryKernels.Mix(ReadOnlySpan a, ReadOnlySpan b, Span d, lam, path)
                    Expect.equal d reference (sprintf "lambda %g %A" lam path)
        }
        test "CutMix: a copy with the traced rectangle of the partner, image and mask" {
            let r = rng 43
            for (w, h) in [ 1, 1; 9, 7; 40, 23 ] do
                let samples = batch r w h 3 4 |> Array.map (fun s -> { s with Mask = Some(image r w h 1) })
                for seed in 1 .. 5 do
                    let out = Aug.runBatch RunOptions.Default 1 (Ops.cutMix 1.0) (Seed.ofInt seed) samples
                    for i in 0 .. 3 do
                        let s, t = out.[i]
                        let p = match t with Trace.Applied (_, (:? CutMixParams as p)) -> p | x -> failwithf "%A" x
                        let pasted (x: Image) (y: Image) c =
                            let a, b = x.Bytes.ToArray(), y.Bytes.ToArray()
                            Array.init a.Length (fun k ->
                                let px = k / c
                                let j, row = px % w, px / w
                                if j >= p.X0 && j < p.X1 && row >= p.Y0 && row < p.Y1 then b.[k] else a.[k])
                        Expect.equal (s.Image.Bytes.ToArray()) (pasted samples.[i].Image samples.[p.Partner].Image 3) (sprintf "image %dx%d seed %d" w h seed)
                        Expect.equal (s.Mask.Value.Bytes.ToArray()) (pasted samples.[i].Mask.Value samples.[p.Partner].Mask.Value 1) "mask"
        }
        test "CutMix kernel: one pass = a copy then PasteRect, every shape and rectangle (empty, edges, whole)" {
            let r = rng 45
            for (w, h) in shapes do
                for c in [ 1; 3; 4 ] do
                    let a, b = bytesOf r (w * h * c), bytesOf r (w * h * c)
                    let rects =
                        [ 0, 0, 0, 0; 0, 0, w, h; w, h, w, h; 0, 0, 1, h; w - 1, 0, w, h; 0, h - 1, w, h; 1, 0, 1, h
                          (let x0, y0 = r.Next(0, w + 1), r.Next(0, h + 1) in x0, y0, r.Next(x0, w + 1), r.Next(y0, h + 1)) ]
                    for (x0, y0, x1, y1) in rects do
                        let old = Array.copy a
                        GeometryKernels.PasteRect(ReadOnlySpan b, Span old, w, h, c, x0, y0, x1, y1)
                        let d = Array.zeroCreate a.Length
                        CutMixKernels.CopyWithRect(ReadOnlySpan a, ReadOnlySpan b, Span d, w, h, c, x0, y0, x1, y1)
                        Expect.equal d old (sprintf "%dx%dx%d [%d, %d) x [%d, %d)" w h c x0 x1 y0 y1)
            let fa, fb = floatsOf r 60, floatsOf r 60
            let old = Array.copy fa
            GeometryKernels.PasteRect(ReadOnlySpan fb, Span old, 5, 4, 3, 1, 1, 4, 3)
            let d = Array.zeroCreate 60
            CutMixKernels.CopyWithRect(ReadOnlySpan fa, ReadOnlySpan fb, Span d, 5, 4, 3, 1, 1, 4, 3)
            Expect.equal d old "floats"
        }
        test "Mosaic: each pixel from the traced quadrant's image" {
            let r = rng 44
            for (w, h) in [ 2, 2; 9, 7; 40, 23 ] do
                let samples = batch r w h 3 4
                for seed in 1 .. 5 do
                    let out = Aug.runBatch RunOptions.Default 1 Ops.mosaic (Seed.ofInt seed) samples
                    for i in 0 .. 3 do
                        let s, t = out.[i]
                        let p = match t with Trace.Applied (_, (:? MosaicParams as p)) -> p | x -> failwithf "%A" x
                        let sources = Array.append [| i |] p.Partners |> Array.map (fun k -> samples.[k].Image.Bytes.ToArray())
                        // Top-left shows its source's bottom-right part, and so on (Ops.mosaicQuadrants' placement).
                        let expected =
                            Array.init (w * h * 3) (fun k ->
                                let px = k / 3
                                let j, row = px % w, px / w
                                let q = (if j < p.CenterX then 0 else 1) + (if row < p.CenterY then 0 else 2)
                                let sj = if j < p.CenterX then j + w - p.CenterX else j - p.CenterX
                                let si = if row < p.CenterY then row + h - p.CenterY else row - p.CenterY
                                sources.[q].[(si * w + sj) * 3 + k % 3])
                        Expect.equal (s.Image.Bytes.ToArray()) expected (sprintf "%dx%d seed %d sample %d" w h seed i)
        }
    ]

let tests = testList "fast occlusion" [ rectTests; gridTests; opTests; batchTests ]
