/// Known-answer tests. Each cites where its expected value comes from.
module KnownAnswers

open System
open Expecto
open Augment
open Augment.Native

let private bytesOf (img: Image) = img.Bytes.ToArray()

let tests =
    testList "known answers" [
        // Random123 (D. E. Shaw Research), tests/kat_vectors, the three "philox4x32 10" lines:
        // counter (4 words), key (2 words) -> output (4 words).
        testList "Philox4x32-10 (Random123 kat_vectors)" [
            for (ctr, key, expected) in
                [ (0u, 0u, 0u, 0u), (0u, 0u), (0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)
                  (UInt32.MaxValue, UInt32.MaxValue, UInt32.MaxValue, UInt32.MaxValue), (UInt32.MaxValue, UInt32.MaxValue),
                  (0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)
                  (0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u), (0xa4093822u, 0x299f31d0u),
                  (0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u) ] do
                let (c0, c1, c2, c3), (k0, k1), (e0, e1, e2, e3) = ctr, key, expected
                test (sprintf "key %08x %08x counter %08x" k0 k1 c0) {
                    let r = Philox4x32.Generate(k0, k1, Block4(c0, c1, c2, c3))
                    Expect.equal r (Block4(e0, e1, e2, e3)) "Random123 known answer"
                }
        ]

        testList "tf.image.central_crop rectangle" [
            // TensorFlow image_ops_impl.central_crop: start = int((size - size * fraction) / 2),
            // length = size - 2 * start. Worked by hand:
            test "451 x 300 at 0.5" {
                // x: (451 - 225.5) / 2 = 112.75 -> 112, width 451 - 224 = 227; y: (300 - 150) / 2 = 75, height 150.
                Expect.equal (Functional.centralCropRect 0.5 451 300) (struct (112, 75, 227, 150)) "hand-computed"
            }
            test "10 x 10 at 0.3" {
                // (10 - 3) / 2 = 3.5 -> 3, length 10 - 6 = 4.
                Expect.equal (Functional.centralCropRect 0.3 10 10) (struct (3, 3, 4, 4)) "hand-computed"
            }
            test "fraction 1 keeps everything" {
                Expect.equal (Functional.centralCropRect 1.0 7 13) (struct (0, 0, 7, 13)) "whole image"
            }
        ]

        test "rot90 matches numpy.rot90 on a 2 x 3 image" {
            // numpy.rot90([[1, 2], [3, 4], [5, 6]]) == [[2, 4, 6], [1, 3, 5]] (numpy docs: first axis towards the second,
            // counter-clockwise); worked by hand: the last column becomes the first row.
            let img = Image.FromBytes(2, 3, 1, ReadOnlySpan [| 1uy; 2uy; 3uy; 4uy; 5uy; 6uy |])
            let r = ImageOps.Rot90(img, 1)
            Expect.equal (r.Width, r.Height) (3, 2) "H wide, W high"
            Expect.equal (bytesOf r) [| 2uy; 4uy; 6uy; 1uy; 3uy; 5uy |] "numpy.rot90"
            Expect.equal (bytesOf (ImageOps.Rot90(img, 3))) [| 5uy; 3uy; 1uy; 6uy; 4uy; 2uy |] "numpy.rot90(k=3) = [[5,3,1],[6,4,2]]"
        }

        test "rot90 moves a point (x, y) to (y, W - x)" {
            // docs/ARCHITECTURE.md, Conventions (rot90 as numpy.rot90: (x, y) goes to (y, W - x)); pixel (0,0) of a 2-wide, 3-high image lands at row 1, column 0 of the result.
            let s = { Sample.ofImage (Image.FromBytes(2, 3, 1, ReadOnlySpan(Array.zeroCreate 6))) with
                        Boxes = [| Box.create 0.0 0.0 1.0 1.0 0 1 |] }
            let r = Functional.rot90 1 s
            Expect.equal (Box.toVoc r.Boxes.[0]) [| 0.0; 1.0; 1.0; 2.0 |] "box of pixel (0, 0) after a quarter turn"
        }

        test "BT.601 grayscale of primaries" {
            // ITU-R BT.601 luma: Y = 0.299 R + 0.587 G + 0.114 B. 0.299 * 255 = 76.245 -> 76;
            // 0.587 * 255 = 149.685 -> 150; 0.114 * 255 = 29.07 -> 29; white stays 255.
            let img = Image.FromBytes(4, 1, 3, ReadOnlySpan [| 255uy; 0uy; 0uy; 0uy; 255uy; 0uy; 0uy; 0uy; 255uy; 255uy; 255uy; 255uy |])
            Expect.equal (bytesOf (ImageOps.Grayscale(img, 1))) [| 76uy; 150uy; 29uy; 255uy |] "BT.601"
        }

        test "contrast about the channel mean" {
            // tf.image.adjust_contrast: (x - mean) * f + mean. [0, 100] has mean 50; f = 2 gives [-50 -> 0, 150].
            let img = Image.FromBytes(2, 1, 1, ReadOnlySpan [| 0uy; 100uy |])
            Expect.equal (bytesOf (ImageOps.AdjustContrast(img, 2f))) [| 0uy; 150uy |] "hand-computed, clamped"
        }

        test "brightness saturates and rounds half to even" {
            // factor 0.1 of the byte range is a delta of 25.5: 250 -> 275.5 -> 255; 100 -> 125.5 -> 126 (even);
            // 101 -> 126.5 -> 126 (even). Factor -0.1: 10 -> -15.5 -> 0.
            let img = Image.FromBytes(3, 1, 1, ReadOnlySpan [| 250uy; 100uy; 101uy |])
            let up = Aug.apply (Ops.brightness (Sampler.constant 0.1)) (Seed.ofInt 0) (Sample.ofImage img)
            Expect.equal (bytesOf up.Image) [| 255uy; 126uy; 126uy |] "hand-computed"
            let down = Aug.apply (Ops.brightness (Sampler.constant -0.1)) (Seed.ofInt 0) (Sample.ofImage (Image.FromBytes(1, 1, 1, ReadOnlySpan [| 10uy |])))
            Expect.equal (bytesOf down.Image) [| 0uy |] "saturates at 0"
        }

        test "invert maps x to min + max - x" {
            let img = Image.FromFloats(3, 1, 1, ReadOnlySpan [| -1f; 0.25f; 1f |], ValueRange.Symmetric)
            Expect.equal ((ImageOps.Invert img).Floats.ToArray()) [| 1f; -0.25f; -1f |] "[-1, 1]: x -> -x"
        }

        test "box formats: COCO, YOLO and Pascal VOC" {
            // Box (10, 20) - (30, 60) in a 100 x 200 image. COCO [x, y, w, h] = [10, 20, 20, 40];
            // YOLO [cx/W, cy/H, w/W, h/H] = [20/100, 40/200, 20/100, 40/200] = [0.2, 0.2, 0.2, 0.2].
            let b = Box.create 10.0 20.0 30.0 60.0 3 9
            Expect.equal (Box.toCoco b) [| 10.0; 20.0; 20.0; 40.0 |] "COCO"
            Expect.equal (Box.toVoc b) [| 10.0; 20.0; 30.0; 60.0 |] "VOC corners"
            for v in Box.toYolo 100 200 b do Expect.floatClose Accuracy.veryHigh v 0.2 "YOLO"
            Expect.equal (Box.ofCoco 10.0 20.0 20.0 40.0 3 9) b "from COCO"
            let y = Box.ofYolo 100 200 0.2 0.2 0.2 0.2 3 9
            Expect.floatClose Accuracy.veryHigh y.XMax 30.0 "from YOLO"
            Expect.floatClose Accuracy.veryHigh y.YMin 20.0 "from YOLO"
        }

        test "byte <-> float conversion maps [0, 255] linearly onto the range" {
            // 0 -> min, 255 -> max, 51 -> 51/255 = 0.2 of the way; back to bytes rounds to the same values.
            let img = Image.FromBytes(3, 1, 1, ReadOnlySpan [| 0uy; 51uy; 255uy |])
            let f = img.ToFloat32 ValueRange.Symmetric
            Expect.floatClose Accuracy.high (float f.[0, 0, 0]) -1.0 "min"
            Expect.floatClose Accuracy.high (float f.[1, 0, 0]) -0.6 "0.2 of [-1, 1]"
            Expect.floatClose Accuracy.high (float f.[2, 0, 0]) 1.0 "max"
            Expect.equal (f.ToByte().Bytes.ToArray()) [| 0uy; 51uy; 255uy |] "round trip"
        }

        test "COCO annotations of the bundled photos" {
            // samples/annotations.json: astronaut.png has 4 boxes, the first [175, 65, 105, 120] (category 1, face).
            let images, cats = Coco.read (System.IO.Path.Combine(IO.samplesDir, "annotations.json"))
            let astro = images |> List.find (fun i -> i.FileName = "astronaut.png")
            Expect.equal astro.Boxes.Length 4 "four boxes"
            Expect.equal (Box.toCoco astro.Boxes.[0]) [| 175.0; 65.0; 105.0; 120.0 |] "first box"
            Expect.equal cats.[1] "face" "category names"
            Expect.throwsT<System.IO.InvalidDataException> (fun () -> Coco.parse "x.json" "{\"images\": 3}" |> ignore) "not COCO"
        }

        testList "sampler moments over 4000 seeds" [
            // Means and variances of the distributions (any probability text): Uniform(a, b): (a + b) / 2;
            // Beta(a, b): a / (a + b); Normal(0, 1): mean 0, sd 1; log10 of LogUniform(1, 100) is Uniform(0, 2): mean 1.
            let draws s = Array.init 4000 (fun i -> Sampler.draw s (Seed.derive (Seed.ofInt 12345) (int64 i)))
            test "uniform [2, 5) has mean 3.5" {
                let d = draws (Sampler.uniform 2.0 5.0)
                Expect.floatClose { absolute = 0.06; relative = 0.0 } (Array.average d) 3.5 "mean"
                Expect.isTrue (d |> Array.forall (fun v -> v >= 2.0 && v < 5.0)) "inside [2, 5)"
            }
            test "beta(2, 5) has mean 2/7" {
                let d = draws (Sampler.beta 2.0 5.0)
                Expect.floatClose { absolute = 0.01; relative = 0.0 } (Array.average d) (2.0 / 7.0) "mean"
            }
            test "clipped normal(0, 1) has mean 0 and sd 1, and respects its clip" {
                let d = draws (Sampler.clippedNormal 0.0 1.0 -10.0 10.0)
                let m = Array.average d
                let sd = sqrt (d |> Array.averageBy (fun v -> (v - m) ** 2.0))
                Expect.floatClose { absolute = 0.05; relative = 0.0 } m 0.0 "mean"
                Expect.floatClose { absolute = 0.05; relative = 0.0 } sd 1.0 "sd"
                let c = draws (Sampler.clippedNormal 0.0 1.0 -0.5 0.5)
                Expect.isTrue (c |> Array.forall (fun v -> v >= -0.5 && v <= 0.5)) "clipped"
            }
            test "log-uniform [1, 100) is uniform in log10" {
                let d = draws (Sampler.logUniform 1.0 100.0)
                Expect.floatClose { absolute = 0.05; relative = 0.0 } (d |> Array.averageBy log10) 1.0 "mean of log10"
            }
            test "beta(1, 1) is the uniform u itself" {
                // Beta(1, 1) has CDF F(x) = x, so its inverse CDF at u is u.
                let seed = Seed.ofInt 99
                Expect.floatClose Accuracy.high (Sampler.draw (Sampler.beta 1.0 1.0) seed) (Seed.openUniform seed) "identity CDF"
            }
        ]
    ]
