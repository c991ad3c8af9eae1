/// FsCheck generators for images, samples and pipelines. Pixel contents come from System.Random seeded by
/// FsCheck (test data only; the library itself never uses System.Random).
module Generators

open System
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native

/// Sizes that hit vector edges: 1x1, 7x13, widths around multiples of 4, 8, 16 and 64 lanes.
let edgeDims =
    [ 1, 1; 7, 13; 13, 7; 2, 3; 3, 5; 5, 3; 15, 2; 16, 2; 17, 2; 31, 1; 33, 3; 63, 2; 64, 1; 65, 3; 127, 1; 129, 2 ]

let genDims =
    Gen.oneof [ Gen.elements edgeDims
                gen { let! w = Gen.choose (1, 90)
                      let! h = Gen.choose (1, 24)
                      return w, h } ]

let genRange =
    gen {
        let! lo = Gen.choose (-300, 100)
        let! w = Gen.choose (10, 400)
        let lo = float32 lo / 100f
        return ValueRange(lo, lo + float32 w / 100f)
    }

let fillBytes (seed: int) n =
    let a = Array.zeroCreate n
    Random(seed).NextBytes a
    a

/// Floats in the range, with the bounds themselves appearing now and then.
let fillFloats (seed: int) n (r: ValueRange) =
    let rnd = Random seed
    Array.init n (fun _ ->
        match rnd.Next 20 with
        | 0 -> r.Min
        | 1 -> r.Max
        | _ -> Math.Clamp(r.Min + float32 (rnd.NextDouble()) * r.Width, r.Min, r.Max))

let makeImage elem channels (w, h) seed range =
    match elem with
    | ElementType.Byte -> Image.FromBytes(w, h, channels, ReadOnlySpan(fillBytes seed (w * h * channels)))
    | _ -> Image.FromFloats(w, h, channels, ReadOnlySpan(fillFloats seed (w * h * channels) range), range)

let genImageWith (channels: int list) =
    gen {
        let! dims = genDims
        let! c = Gen.elements channels
        let! elem = Gen.elements [ ElementType.Byte; ElementType.Float32 ]
        let! range = genRange
        let! seed = Gen.choose (0, Int32.MaxValue)
        return makeImage elem c dims seed range
    }

let genImage = genImageWith [ 1; 3; 4 ]

/// The samples of an image as bytes (floats by their bit patterns), for bit-for-bit comparisons.
let bits (img: Image) =
    if img.ElementType = ElementType.Byte then img.Bytes.ToArray()
    else System.Runtime.InteropServices.MemoryMarshal.AsBytes(img.Floats).ToArray()

/// The image a single-sample pipeline gives with Seed.ofInt seed.
let run (aug: Aug) (seed: int) (img: Image) = (fst (Aug.run aug (Seed.ofInt seed) (Sample.ofImage img))).Image

let arbImage = Arb.fromGenShrink (genImage, fun _ -> Seq.empty)

/// A box on whole pixels, inside a w x h image, with a positive area.
let genPixelBox w h id =
    gen {
        let! x0 = Gen.choose (0, w - 1)
        let! y0 = Gen.choose (0, h - 1)
        let! x1 = Gen.choose (x0 + 1, w)
        let! y1 = Gen.choose (y0 + 1, h)
        let! cls = Gen.choose (0, 9)
        return Box.create (float x0) (float y0) (float x1) (float y1) cls id
    }

/// The mask of a box on whole pixels: 1 inside, 0 outside.
let renderBox w h (b: Box) =
    let m = Array.init (w * h) (fun i ->
        let x, y = i % w, i / w
        if float x >= b.XMin && float x < b.XMax && float y >= b.YMin && float y < b.YMax then 1uy else 0uy)
    Image.FromBytes(w, h, 1, ReadOnlySpan m)

/// The bounding box of the non-zero pixels of a mask, in continuous coordinates; None when it is empty.
let maskBounds (m: Image) =
    let px = m.Bytes.ToArray()
    let hits = [ for i in 0 .. px.Length - 1 do if px.[i] <> 0uy then yield i % m.Width, i / m.Width ]
    if hits.IsEmpty then None
    else Some(float (hits |> List.map fst |> List.min), float (hits |> List.map snd |> List.min),
              float (hits |> List.map fst |> List.max) + 1.0, float (hits |> List.map snd |> List.max) + 1.0)

/// A 3-channel byte image with one whole-pixel box and its mask, plus keypoints and a label.
let genBoxSample =
    gen {
        let! w = Gen.choose (1, 40)
        let! h = Gen.choose (1, 40)
        let! seed = Gen.choose (0, Int32.MaxValue)
        let! b = genPixelBox w h 7
        let! kx = Gen.choose (0, w)
        let! ky = Gen.choose (0, h)
        let img = makeImage ElementType.Byte 3 (w, h) seed ValueRange.Byte
        return
            { Sample.ofImage img with
                Boxes = [| b |]
                Mask = Some(renderBox w h b)
                Keypoints = [| { X = float kx; Y = float ky; Visible = true } |]
                Label = [| 0.25; 0.75 |] }
    }

let genSeed = gen { let! a = Gen.choose (Int32.MinValue, Int32.MaxValue) in return Seed.ofInt a }

/// Geometric ops that keep a whole-pixel box on whole pixels.
let genGeometricOp (w: int) (h: int) =
    Gen.oneof [
        Gen.constant Ops.flipHorizontal
        Gen.constant Ops.flipVertical
        Gen.map Ops.rot90 (Gen.choose (-5, 5))
        Gen.constant Ops.randomRot90
        gen { let! cw = Gen.choose (1, min w h)
              let! ch = Gen.choose (1, min w h)
              return Ops.randomCrop cw ch }
        gen { let! f = Gen.choose (1, 100) in return Ops.centralCrop (float f / 100.0) } ]

let genColourOp =
    Gen.oneof [
        gen { let! a = Gen.choose (-100, 100)
              let! b = Gen.choose (0, 100)
              return Ops.brightness (Sampler.uniform (float a / 100.0) (float a / 100.0 + float b / 100.0)) }
        gen { let! a = Gen.choose (0, 300)
              let! b = Gen.choose (0, 100)
              return Ops.contrast (Sampler.uniform (float a / 100.0) (float a / 100.0 + float b / 100.0)) }
        Gen.constant Ops.grayscale
        Gen.constant Ops.invert ]

/// Pipelines of every combinator over shape-safe ops (flips, rot90 by two, colour ops).
let genPipeline =
    let leaf = Gen.oneof [ genColourOp; Gen.elements [ Ops.flipHorizontal; Ops.flipVertical; Ops.rot90 2; Aug.identity ] ]
    let rec tree depth =
        if depth = 0 then leaf
        else
            Gen.oneof [
                leaf
                gen { let! xs = Gen.listOfLength 3 (tree (depth - 1)) in return Aug.sequence xs }
                gen { let! p = Gen.choose (0, 10)
                      let! x = tree (depth - 1)
                      return Aug.maybe (float p / 10.0) x }
                gen { let! xs = Gen.listOfLength 3 (tree (depth - 1))
                      let! ws = Gen.listOfLength 3 (Gen.choose (1, 5))
                      return Aug.oneOf (List.zip (ws |> List.map float) xs) }
                gen { let! xs = Gen.listOfLength 4 (tree (depth - 1))
                      let! n = Gen.choose (0, 4)
                      return Aug.someOf n xs } ]
    tree 3

// ---------------------------------------------------------------- helpers shared by the kernel test files

/// n random bytes drawn from rnd.
let bytesFrom (rnd: Random) n = let a = Array.zeroCreate n in rnd.NextBytes a; a

/// n random bytes from a Random seeded with seed (the same bytes as bytesFrom (Random seed) n).
let seededBytes (seed: int) n = bytesFrom (Random seed) n

/// Every border mode the byte geometry kernels take.
let allBorders = [ Augment.Native.BorderMode.Constant; Augment.Native.BorderMode.Reflect101; Augment.Native.BorderMode.Replicate ]

/// The scalar reference and every explicit vector width.
let fixedPaths = [ Augment.Native.Kernels.SimdPath.Scalar; Augment.Native.Kernels.SimdPath.Vector128; Augment.Native.Kernels.SimdPath.Vector256; Augment.Native.Kernels.SimdPath.Vector512 ]

/// Every vector width and Auto (the paths compared against the scalar reference).
let vectorPathsAuto = [ Augment.Native.Kernels.SimdPath.Vector128; Augment.Native.Kernels.SimdPath.Vector256; Augment.Native.Kernels.SimdPath.Vector512; Augment.Native.Kernels.SimdPath.Auto ]

/// Sizes that hit the edges of every loop: 1, 2, sizes around the vector widths (8 and 16 pixels a step), and random
/// ones from 1 to below upper.
let edgeSizeUpTo (upper: int) (rnd: Random) =
    match rnd.Next 6 with
    | 0 -> 1
    | 1 -> 2
    | 2 -> [| 7; 8; 9; 15; 16; 17; 31; 32; 33 |].[rnd.Next 9]
    | _ -> rnd.Next(1, upper)

/// Every RGB triple once, as 2^24 3-channel pixels.
let allRgbTriples = lazy (Array.init (3 <<< 24) (fun i -> let p = i / 3 in byte (p >>> (8 * (2 - i % 3)))))

/// The largest difference between two images of one shape, in value units.
let maxImageDiff (a: Image) (b: Image) =
    Expecto.Expect.equal (a.Width, a.Height, a.Channels, a.ElementType) (b.Width, b.Height, b.Channels, b.ElementType) "same shape and type"
    if a.ElementType = ElementType.Byte then
        Seq.zip (a.Bytes.ToArray()) (b.Bytes.ToArray()) |> Seq.fold (fun m (x, y) -> max m (abs (float x - float y))) 0.0
    else
        Seq.zip (a.Floats.ToArray()) (b.Floats.ToArray()) |> Seq.fold (fun m (x, y) -> max m (abs (float x - float y))) 0.0

/// Runs body where OpenCL can run, or skips the test: switched off (AUGMENT_OPENCL_TESTS=off, as CI's reruns with SIMD
/// paths off set it) or no runtime (TryCreate writes the reason to standard error once per process).
let withOpenCl (body: unit -> unit) () =
    if Environment.GetEnvironmentVariable "AUGMENT_OPENCL_TESTS" = "off" then
        Expecto.Tests.skiptest "switched off for this run (AUGMENT_OPENCL_TESTS=off; they run in the main test run)"
    match Augment.OpenCL.OpenClBackend.Unavailable with
    | null -> body ()
    | why ->
        Augment.OpenCL.OpenClBackend.TryCreate() |> ignore
        Expecto.Tests.skiptest ("no OpenCL here: " + why)

/// No warp windows (the byte warps' usual argument).
let noWarpWindows : Augment.Native.WarpWindow[] = [||]
