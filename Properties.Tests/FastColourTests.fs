/// The fast colour kernels: ToGray's methods on bytes (register-only RGB split, float32 at every width), PIL's
/// sharpness on bytes, and L* of Lab through a table of the sRGB decoding. Every vector path against the scalar
/// reference bit for bit, exhaustively over all 2^24 RGB triples where the kernel is per pixel, on random images of
/// edge sizes (widths 1 to 70, one row, odd sizes) otherwise, and known answers worked by hand.
module FastColourTests

open System
open Expecto
open Augment.Native
open Augment.Native.Kernels

let private toGray (src: byte[]) channels method (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    ColourKernels.ToGray(ReadOnlySpan src, Span dst, channels, method, path)
    dst

let private sharpen (src: byte[]) w h c (factor: float32) (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    ColourKernels.Sharpness(ReadOnlySpan src, Span dst, w, h, c, factor, path)
    dst

let private fastMethods = [ GrayMethod.WeightedAverage; GrayMethod.Average; GrayMethod.Max; GrayMethod.Desaturation ]

let private grayTests =
    testList "to gray" [
        for m in fastMethods do
            testCase (sprintf "%A: every path equals the scalar reference on all 2^24 RGB triples" m) <| fun () ->
                let src = Generators.allRgbTriples.Force()
                let expected = toGray src 3 m SimdPath.Scalar
                for path in Generators.vectorPathsAuto do
                    Expect.isTrue ((toGray src 3 m path).AsSpan().SequenceEqual(ReadOnlySpan expected)) (sprintf "%A %A" m path)

        testCase "every method and path on random RGB and RGBA images of 0 to 70 pixels and more" <| fun () ->
            for m in fastMethods do
                for c in [ 3; 4 ] do
                    for pixels in [ 0 .. 70 ] @ [ 127; 128; 129; 1000 ] do
                        let src = Generators.seededBytes (pixels * 31 + c * 7 + int m) (pixels * c)
                        let expected = toGray src c m SimdPath.Scalar
                        for path in Generators.vectorPathsAuto do
                            Expect.equal (toGray src c m path) expected (sprintf "%A %d channels, %d pixels, %A" m c pixels path)

        testCase "worked pixels: ties round to even, alpha is kept" <| fun () ->
            // Desaturation (max + min) / 2: (255, 0, 9) -> 127.5 -> 128; (3, 0, 1) -> 1.5 -> 2; (1, 0, 0) -> 0.5 -> 0.
            // Average (R + G + B) / 3: (255, 0, 9) -> 88; (3, 0, 1) -> 1.33 -> 1; (1, 0, 0) -> 0.33 -> 0.
            // Max: 255, 3, 1. Weighted 0.299 R + 0.587 G + 0.114 B: 76.245 + 1.026 = 77.271 -> 77; 0.897 + 0.114 -> 1;
            // 0.299 -> 0. Sixteen copies of the three pixels so that the vector body runs, alpha 7, 8, 9.
            let px = [| 255uy; 0uy; 9uy; 7uy; 3uy; 0uy; 1uy; 8uy; 1uy; 0uy; 0uy; 9uy |]
            let src = Array.concat (List.replicate 16 px)
            let expect (a, b, c) = Array.concat (List.replicate 16 [| a; a; a; 7uy; b; b; b; 8uy; c; c; c; 9uy |])
            for path in SimdPath.Scalar :: Generators.vectorPathsAuto do
                Expect.equal (toGray src 4 GrayMethod.Desaturation path) (expect (128uy, 2uy, 0uy)) (sprintf "desaturation %A" path)
                Expect.equal (toGray src 4 GrayMethod.Average path) (expect (88uy, 1uy, 0uy)) (sprintf "average %A" path)
                Expect.equal (toGray src 4 GrayMethod.Max path) (expect (255uy, 3uy, 1uy)) (sprintf "max %A" path)
                Expect.equal (toGray src 4 GrayMethod.WeightedAverage path) (expect (77uy, 1uy, 0uy)) (sprintf "weighted %A" path)

        testCase "L* of Lab equals the formula of IEC 61966-2-1 and CIE 1976 on a sweep of triples" <| fun () ->
            // The sRGB decoding (IEC 61966-2-1) and L* = 116 f(Y) - 16 (CIE 1976), written out here in double as the
            // GrayMethod documentation states them; the kernel looks the decoding up in a table.
            let linear (c: float) = if c <= 0.04045 then c / 12.92 else Math.Pow((c + 0.055) / 1.055, 2.4)
            let lstar (r: byte) (g: byte) (b: byte) =
                let y = 0.212671 * linear (float r / 255.0) + 0.715160 * linear (float g / 255.0) + 0.072169 * linear (float b / 255.0)
                let f = if y > 0.008856 then Math.Cbrt y else 7.787 * y + 16.0 / 116.0
                let l = Math.Clamp((116.0 * f - 16.0) / 100.0, 0.0, 1.0)
                byte (Math.Clamp(Math.Round(l * 255.0, MidpointRounding.ToEven), 0.0, 255.0))
            let triples = [| for r in 0 .. 255 do for g in 0 .. 5 .. 255 do for b in 0 .. 255 -> (byte r, byte g, byte b) |]
            let src = triples |> Array.collect (fun (r, g, b) -> [| r; g; b |])
            let got = toGray src 3 GrayMethod.FromLab SimdPath.Auto
            for i in 0 .. triples.Length - 1 do
                let (r, g, b) = triples.[i]
                let e = lstar r g b
                if got.[3 * i] <> e then failtestf "(%d, %d, %d): %d, expected %d" r g b got.[3 * i] e
            // Known values: white is L* 100 -> 255, black 0, and mid gray 128 decodes to Y = 0.2158605 -> L* 53.585 -> 136.64 -> 137.
            Expect.equal (toGray [| 255uy; 255uy; 255uy; 0uy; 0uy; 0uy; 128uy; 128uy; 128uy |] 3 GrayMethod.FromLab SimdPath.Scalar)
                [| 255uy; 255uy; 255uy; 0uy; 0uy; 0uy; 137uy; 137uy; 137uy |] "white, black, gray 128"
    ]

let private sharpTests =
    testList "sharpness" [
        testCase "every path equals the scalar reference on widths 1 to 70 and odd heights" <| fun () ->
            for c in [ 1; 3; 4 ] do
                for w in [ 1 .. 70 ] do
                    for h in [ 1; 2; 3; 5 ] do
                        for factor in [ 0.0f; 1.0f; 4.0f; -2.5f; 0.37f ] do
                            let src = Generators.seededBytes (w * 1000 + h * 10 + c) (w * h * c)
                            let expected = sharpen src w h c factor SimdPath.Scalar
                            for path in Generators.vectorPathsAuto do
                                Expect.equal (sharpen src w h c factor path) expected (sprintf "%dx%dx%d factor %g %A" w h c factor path)

        testCase "a larger image on every path" <| fun () ->
            for (w, h, c) in [ 224, 37, 3; 301, 19, 4; 97, 64, 1 ] do
                let src = Generators.seededBytes (w + h + c) (w * h * c)
                for factor in [ 2.0f; 0.5f ] do
                    let expected = sharpen src w h c factor SimdPath.Scalar
                    for path in Generators.vectorPathsAuto do
                        Expect.equal (sharpen src w h c factor path) expected (sprintf "%dx%dx%d %A" w h c path)

        testCase "whole factors -15 to 16 (the integer rows and the first factor past them) on every path" <| fun () ->
            // Random images, and images of only 0 and 255 (the extreme sums of the neighbours and the centre), on widths
            // around the 8- and 16-sample steps of the integer rows and a wide one.
            let rnd = Random 1009
            for f in -15 .. 16 do
                for c in [ 1; 3; 4 ] do
                    for (w, h) in [ 3, 3; 6, 5; 7, 3; 9, 4; 17, 3; 19, 7; 70, 3; 224, 9 ] do
                        for extreme in [ false; true ] do
                            let src = Array.init (w * h * c) (fun _ -> if extreme then (if rnd.Next 2 = 0 then 0uy else 255uy) else byte (rnd.Next 256))
                            let expected = sharpen src w h c (float32 f) SimdPath.Scalar
                            for path in Generators.vectorPathsAuto do
                                Expect.equal (sharpen src w h c (float32 f) path) expected (sprintf "%dx%dx%d factor %d %A" w h c f path)

        testCase "whole factors: the factors near whole numbers and the extremes of the range take the float rows alike" <| fun () ->
            let src = Generators.seededBytes 77 (40 * 5 * 3)
            for factor in [ 15.0f; -15.0f; 15.000001f; -15.000001f; 1.9999999f; 2.0000002f; -0.0f; 1e30f; -1e30f ] do
                let expected = sharpen src 40 5 3 factor SimdPath.Scalar
                for path in Generators.vectorPathsAuto do
                    Expect.equal (sharpen src 40 5 3 factor path) expected (sprintf "factor %g %A" factor path)

        testCase "whole factors: (M * 5042) >> 16 is M / 13 for every M in [0, 3315]" <| fun () ->
            // The division of the integer rows, checked against integer division over its whole range.
            for m in 0 .. 3315 do
                Expect.equal ((m * 5042) >>> 16) (m / 13) (sprintf "M = %d" m)

        testCase "worked answer: one bright centre" <| fun () ->
            // PIL SMOOTH = [1 1 1; 1 5 1; 1 1 1] / 13. A 3 x 3 (and an 18 x 3, so that the vector body runs) zero image
            // with 130 at one interior sample: its smoothed value is 5/13 * 130 = 50, so factor 0 gives 50, factor 1 the
            // input 130, factor 2 gives 50 + 2 (130 - 50) = 210; its interior neighbours get 130 / 13 = 10 smoothed,
            // 10 + f (0 - 10): 10, 0, and -10 saturating to 0. Border pixels are copied.
            for w in [ 3; 18 ] do
                let src = Array.zeroCreate<byte> (w * 3)
                src.[w + 1] <- 130uy
                for (factor, centre, side) in [ 0.0f, 50uy, 10uy; 1.0f, 130uy, 0uy; 2.0f, 210uy, 0uy ] do
                    let expected = Array.zeroCreate<byte> (w * 3)
                    expected.[w + 1] <- centre
                    if w > 3 then expected.[w + 2] <- side
                    for path in SimdPath.Scalar :: Generators.vectorPathsAuto do
                        Expect.equal (sharpen src w 3 1 factor path) expected (sprintf "width %d factor %g %A" w factor path)
    ]

let private saturate (src: byte[]) channels (factor: float32) (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    ColourKernels.AdjustSaturation(ReadOnlySpan src, Span dst, channels, factor, path)
    dst

let private hue (src: byte[]) channels (delta: float32) (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    ColourKernels.AdjustHue(ReadOnlySpan src, Span dst, channels, delta, path)
    dst

let private same (a: byte[]) (b: byte[]) = a.AsSpan().SequenceEqual(ReadOnlySpan b)

let private hsvTests =
    testList "tf hsv" [
        testCase "saturation: every path equals the scalar reference on all 2^24 RGB triples" <| fun () ->
            let src = Generators.allRgbTriples.Force()
            for factor in [ 0.0f; 0.37f; 2.0f ] do
                let expected = saturate src 3 factor SimdPath.Scalar
                for path in Generators.vectorPathsAuto do
                    Expect.isTrue (same (saturate src 3 factor path) expected) (sprintf "factor %g %A" factor path)

        testCase "hue: every path equals the scalar reference on all 2^24 RGB triples" <| fun () ->
            let src = Generators.allRgbTriples.Force()
            // -1 and 1 reach the ends of the wrap (h + delta * 6 down to -6 and up to 12); 1e-7 barely moves.
            for delta in [ -1.0f; -0.3f; 1e-7f; 0.5f; 1.0f ] do
                let expected = hue src 3 delta SimdPath.Scalar
                for path in Generators.vectorPathsAuto do
                    Expect.isTrue (same (hue src 3 delta path) expected) (sprintf "delta %g %A" delta path)

        testCase "both on random RGB and RGBA images of 0 to 70 pixels and more, more factors" <| fun () ->
            for c in [ 3; 4 ] do
                for pixels in [ 0 .. 70 ] @ [ 255; 256; 257; 1000 ] do
                    let src = Generators.seededBytes (pixels * 17 + c) (pixels * c)
                    for factor in [ 0.0f; 0.5f; 1.0f; 1.7f; 100.0f ] do
                        let expected = saturate src c factor SimdPath.Scalar
                        for path in Generators.vectorPathsAuto do
                            Expect.equal (saturate src c factor path) expected (sprintf "saturation %g, %d channels, %d pixels, %A" factor c pixels path)
                    for delta in [ -0.75f; -0.1f; 0.0f; 0.25f; 0.999f ] do
                        let expected = hue src c delta SimdPath.Scalar
                        for path in Generators.vectorPathsAuto do
                            Expect.equal (hue src c delta path) expected (sprintf "hue %g, %d channels, %d pixels, %A" delta c pixels path)

        testCase "worked pixels" <| fun () ->
            // Saturation 0 turns (255, 0, 0) white: s = 0, so c = 0 and R = G = B = v = 255. Saturation 0.5 of
            // (200, 100, 0): v = 200, s = 1 -> 0.5, h = 100 / (6 * 200) = 1/12, c = 100, m = 100, h * 6 = 0.5 in sextant 0,
            // x = 100 (1 - |0.5 - 1|) = 50: (c + m, x + m, m) = (200, 150, 100). Hue 1/3 turn of (255, 0, 0) is green
            // (0, 255, 0); hue -1/2 turn of (255, 128, 0) (h = 128/255 in sextant 0) is sextant 3 with the middle value
            // (1 - 128/255) * 255 = 127: (0, 127, 255). 16 copies, alpha 9 kept.
            let block (px: byte[]) = Array.concat (List.replicate 16 (Array.append px [| 9uy |]))
            for path in SimdPath.Scalar :: Generators.vectorPathsAuto do
                Expect.equal (saturate (block [| 255uy; 0uy; 0uy |]) 4 0.0f path) (block [| 255uy; 255uy; 255uy |]) (sprintf "white %A" path)
                Expect.equal (saturate (block [| 200uy; 100uy; 0uy |]) 4 0.5f path) (block [| 200uy; 150uy; 100uy |]) (sprintf "half %A" path)
                Expect.equal (hue (block [| 255uy; 0uy; 0uy |]) 4 (1.0f / 3.0f) path) (block [| 0uy; 255uy; 0uy |]) (sprintf "green %A" path)
                Expect.equal (hue (block [| 255uy; 128uy; 0uy |]) 4 -0.5f path) (block [| 0uy; 127uy; 255uy |]) (sprintf "azure %A" path)
    ]

let private shiftHsv (src: byte[]) channels (h: float, s: float, v: float) (path: SimdPath) =
    let dst = Array.zeroCreate src.Length
    HsvKernels.ShiftHsv(ReadOnlySpan src, Span dst, channels, h, s, v, path)
    dst

let private cvHsvTests =
    testList "opencv hsv shift" [
        testCase "every path equals the scalar reference on all 2^24 RGB triples" <| fun () ->
            let src = Generators.allRgbTriples.Force()
            // No shift (every table the identity), a mixed shift, and the extremes of each table.
            // The last two are not plain whole shifts (TfHsvKernels.CvShifts): a shift of -1e-17 leaves i - 1e-17 = i in
            // double for i >= 1 but floors to -1, and (0 - 1e-17) mod 180 is 180 - 1e-17 = 180.0 (H' 180 for H 0), so the
            // vector body reads the tables; 1e-300 on S alone does the same.
            for shifts in [ 0.0, 0.0, 0.0; 30.0, 40.0, -20.0; -180.0, -255.0, 255.0; 179.5, 255.0, -255.0
                            -1e-17, -1e-17, 1e-17; 0.0, -1e-300, 0.0 ] do
                let expected = shiftHsv src 3 shifts SimdPath.Scalar
                for path in Generators.vectorPathsAuto do
                    Expect.isTrue (same (shiftHsv src 3 shifts path) expected) (sprintf "%A %A" shifts path)

        testCase "random RGB and RGBA images of 0 to 70 pixels and more" <| fun () ->
            for c in [ 3; 4 ] do
                for pixels in [ 0 .. 70 ] @ [ 255; 256; 257; 1000 ] do
                    let src = Generators.seededBytes (pixels * 13 + c) (pixels * c)
                    for shifts in [ 10.0, -30.0, 15.0; -90.0, 0.0, 0.0; 0.0, 100.0, -100.0; -1e-17, 7.25, -1e-17; 90.5, -0.5, 254.99 ] do
                        let expected = shiftHsv src c shifts SimdPath.Scalar
                        for path in Generators.vectorPathsAuto do
                            Expect.equal (shiftHsv src c shifts path) expected (sprintf "%A, %d channels, %d pixels, %A" shifts c pixels path)

        testCase "the division tables are OpenCV's, and a float32 division rounded half to even gives each entry" <| fun () ->
            // OpenCV's color_hsv.simd.hpp: sdiv_table[i] = saturate_cast<int>((255 << hsv_shift) / (1. * i)) and, for the
            // 180 range, hdiv_table180[i] = saturate_cast<int>((180 << hsv_shift) / (6. * i)), hsv_shift = 12, entry 0
            // zero; saturate_cast rounds to nearest, even on ties. The vector body without gathers computes the entries
            // as round(1044480f / i) and round(122880f / i) in float32: each must be the table's, for every i.
            let t = Array.zeroCreate<int> HsvKernels.ShiftHsvTableLength
            HsvKernels.ShiftHsvTables(0.0, 0.0, 0.0, Span t)
            Expect.equal (t.[0], t.[256]) (0, 0) "entry 0"
            Expect.equal (t.[1], t.[256 + 1], t.[255], t.[256 + 255]) (1044480, 122880, 4096, 482) "worked entries: 255 * 4096, 30 * 4096, 4096, 122880 / 255 = 481.9"
            for i in 1 .. 255 do
                let sdiv = int (Math.Round(1044480.0 / float i, MidpointRounding.ToEven))
                let hdiv = int (Math.Round(122880.0 / float i, MidpointRounding.ToEven))
                Expect.equal t.[i] sdiv (sprintf "sdiv %d" i)
                Expect.equal t.[256 + i] hdiv (sprintf "hdiv %d" i)
                Expect.equal (int (MathF.Round(1044480.0f / float32 i, MidpointRounding.ToEven))) sdiv (sprintf "float sdiv %d" i)
                Expect.equal (int (MathF.Round(122880.0f / float32 i, MidpointRounding.ToEven))) hdiv (sprintf "float hdiv %d" i)

        testCase "worked pixels" <| fun () ->
            // OpenCV's 8-bit HSV of red (255, 0, 0) is H 0, S 255, V 255. A value shift of -55 gives V 200 and back
            // (200, 0, 0); a hue shift of 60 (120 degrees in OpenCV's 2-degree units) gives H 60, sector 2: R = V (1 - S)
            // = 0, G = V = 255, B = V (1 - S (1 - 0)) = 0, green. 16 copies, alpha 9 kept.
            let block (px: byte[]) = Array.concat (List.replicate 16 (Array.append px [| 9uy |]))
            for path in SimdPath.Scalar :: Generators.vectorPathsAuto do
                Expect.equal (shiftHsv (block [| 255uy; 0uy; 0uy |]) 4 (0.0, 0.0, -55.0) path) (block [| 200uy; 0uy; 0uy |]) (sprintf "value %A" path)
                Expect.equal (shiftHsv (block [| 255uy; 0uy; 0uy |]) 4 (60.0, 0.0, 0.0) path) (block [| 0uy; 255uy; 0uy |]) (sprintf "hue %A" path)
    ]

let tests = testList "FastColour" [ grayTests; sharpTests; hsvTests; cvHsvTests ]
