/// Test-time augmentation: views and their exact inverses (boxes within a pixel for every view, masks exactly for
/// flips and quarter turns), NMS and weighted boxes fusion worked by hand, and the merges end to end.
module TtaTests

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment
open Augment.Native
open Generators

let private config = { FsCheckConfig.defaultConfig with maxTest = 100 }
let private sb x0 y0 x1 y1 cls score = { Box = Box.create x0 y0 x1 y1 cls 0; Score = score }
let private corners (b: Box) = [| b.XMin; b.YMin; b.XMax; b.YMax |]

/// A picture with a white rectangle [x0, x1) x [y0, y1) on a dark ramp.
let private withRect w h (x0, y0, x1, y1) =
    let px = Array.init (w * h) (fun k -> let i, j = k / w, k % w in if j >= x0 && j < x1 && i >= y0 && i < y1 then 255uy else byte ((i * 7 + j * 3) % 100))
    Image.FromBytes(w, h, 1, ReadOnlySpan px)

/// A toy detector: the bounding box of the white pixels (score 1, class 0).
let private findWhite (img: Image) =
    let b = img.Bytes.ToArray()
    let hits = [ for k in 0 .. b.Length - 1 do if b.[k] = 255uy then yield k % img.Width, k / img.Width ]
    if hits.IsEmpty then [||]
    else
        let xs, ys = List.map fst hits, List.map snd hits
        [| sb (float (List.min xs)) (float (List.min ys)) (float (List.max xs + 1)) (float (List.max ys + 1)) 0 1.0 |]

let private views (w: int) (h: int) =
    Tta.dihedral @ [ Tta.scale 0.5 Interpolation.Bilinear; Tta.scale 2.0 Interpolation.Bilinear; Tta.scale 1.5 Interpolation.Nearest
                     Tta.crop 1 2 (w - 2) (h - 3) ]

let tests =
    testList "Tta" [
        testPropertyWithConfig config "boxes come back within a pixel through every view" <| fun (seed: int) ->
            let rnd = Random seed
            let w, h = 8 + rnd.Next 40, 8 + rnd.Next 40
            // a box inside the crop view's rectangle [1, w - 1) x [2, h - 1)
            let x0 = 1.0 + float (rnd.Next(w - 4))
            let y0 = 2.0 + float (rnd.Next(h - 5))
            let x1 = Math.Min(float (w - 1), x0 + 1.0 + float (rnd.Next 10))
            let y1 = Math.Min(float (h - 1), y0 + 1.0 + float (rnd.Next 10))
            let box = Box.create x0 y0 x1 y1 3 7
            let sample = Sample.ofImage (makeImage ElementType.Byte 3 (w, h) seed ValueRange.Byte) |> Sample.withBoxes [| box |]
            for v in views w h do
                let warp = v.Resolve(sample.Shape)
                // the view's boxes as the engine moves them
                let spec : OpSpec<NoParams> = { Name = "view"; Kind = OpKind.Geometric; Summary = ""; Check = ignore; Plan = fun _ _ -> Step.Warp warp }
                let seen = Aug.apply (Aug.op (Op.constant spec NoParams.Value)) (Seed.ofInt 0) sample
                Expect.equal seen.Boxes.Length 1 (sprintf "%s keeps the box" v.Name)
                let back = Tta.boxesBack v w h [| { Box = seen.Boxes.[0]; Score = 0.5 } |]
                Expect.equal back.Length 1 (sprintf "%s: one box back" v.Name)
                Array.iter2 (fun a e -> if abs (a - e) > 1.0 then failtestf "%s: %A back as %A" v.Name box back.[0].Box) (corners back.[0].Box) (corners box)
                Expect.equal back.[0].Box.Class 3 "class kept"
                Expect.equal back.[0].Score 0.5 "score kept"
        testPropertyWithConfig config "masks come back exactly through flips and quarter turns" <| fun (seed: int) ->
            let rnd = Random seed
            let w, h = 1 + rnd.Next 30, 1 + rnd.Next 30
            let mask = Image.FromBytes(w, h, 1, ReadOnlySpan(Array.init (w * h) (fun _ -> byte (rnd.Next 5))))
            let scores = makeImage ElementType.Float32 3 (w, h) seed (ValueRange(0f, 1f))
            for v in Tta.dihedral do
                Expect.equal (bits (Tta.maskBack v w h (Tta.view v mask))) (bits mask) (sprintf "%s: class map" v.Name)
                Expect.equal (bits (Tta.maskBack v w h (Tta.view v scores))) (bits scores) (sprintf "%s: scores" v.Name)
        // IoU(A, B) = 81 / (100 + 100 - 81) = 0.681 for A = [0, 0, 10, 10] and B = [1, 1, 11, 11]
        test "NMS worked by hand" {
            let a, b, c, d = sb 0. 0. 10. 10. 0 0.9, sb 1. 1. 11. 11. 0 0.8, sb 20. 20. 30. 30. 0 0.7, sb 0. 0. 10. 10. 1 0.6
            Expect.floatClose Accuracy.high (Tta.iou a.Box b.Box) (81.0 / 119.0) "IoU"
            Expect.equal (Tta.nms 0.5 [ d; c; b; a ]) [| a; c; d |] "B falls to A; D is another class"
            Expect.equal (Tta.nms 0.7 [ d; c; b; a ]) [| a; b; c; d |] "0.681 < 0.7 keeps B, best score first"
        }
        // Solovyev et al. 2021, Algorithm 1, worked for two views: A = [0, 0, 10, 10] 0.9 and B = [2, 0, 12, 10] 0.6
        // (IoU 80 / 120 = 0.667) fuse: x = (0.9 * 0 + 0.6 * 2) / 1.5 = 0.8 and (0.9 * 10 + 0.6 * 12) / 1.5 = 10.8, score
        // (0.9 + 0.6) / 2 = 0.75 times min(2, 2) / 2; C = [50, 50, 60, 60] 0.8 alone: 0.8 * min(2, 1) / 2 = 0.4.
        test "weighted boxes fusion worked by hand" {
            let a, b, c = sb 0. 0. 10. 10. 0 0.9, sb 2. 0. 12. 10. 0 0.6, sb 50. 50. 60. 60. 0 0.8
            let fused = Tta.wbf 0.55 0.0 2 [ b; c; a ]
            Expect.equal fused.Length 2 "two clusters"
            Array.iter2 (fun x e -> Expect.floatClose Accuracy.high x e "fused corner") (corners fused.[0].Box) [| 0.8; 0.0; 10.8; 10.0 |]
            Expect.floatClose Accuracy.high fused.[0].Score 0.75 "fused score"
            Expect.equal (corners fused.[1].Box) (corners c.Box) "C alone"
            Expect.floatClose Accuracy.high fused.[1].Score 0.4 "a lone box's score is scaled down"
            // skipScore 0.7 drops B: A alone, 0.9 * 1 / 2
            let skipped = Tta.wbf 0.55 0.7 2 [ b; c; a ]
            Expect.floatClose Accuracy.high skipped.[0].Score 0.45 "A alone"
            // a threshold above 0.667 keeps A and B apart
            Expect.equal (Tta.wbf 0.7 0.0 2 [ b; c; a ]).Length 3 "no fusion"
        }
        test "detect finds the same box through every view, with NMS and with WBF" {
            let img = withRect 23 17 (5, 3, 12, 9)
            for merge in [ BoxMerge.Nms 0.5; BoxMerge.Wbf(0.55, 0.0) ] do
                let found = Tta.detect Tta.dihedral merge findWhite img
                Expect.equal found.Length 1 (sprintf "%A: one box" merge)
                Expect.equal (corners found.[0].Box) [| 5.0; 3.0; 12.0; 9.0 |] (sprintf "%A: the rectangle" merge)
                Expect.floatClose Accuracy.high found.[0].Score 1.0 (sprintf "%A: every view agrees" merge)
        }
        test "classify averages and segment inverts and averages" {
            let img = withRect 9 6 (0, 0, 2, 2)
            // white top-left corner: seen there by the identity and the vertical... only views that keep the corner
            let cornerWhite (im: Image) = if im.Bytes.[0] = 255uy then [| 1.0; 0.0 |] else [| 0.0; 1.0 |]
            let p = Tta.classify [ Tta.identity; Tta.flipHorizontal; Tta.flipVertical; Tta.transpose ] cornerWhite img
            // identity and transpose keep the top-left corner; the flips move it away
            Expect.equal p [| 0.5; 0.5 |] "mean of four"
            let white (im: Image) = Image.FromFloats(im.Width, im.Height, 1, ReadOnlySpan(im.Bytes.ToArray() |> Array.map (fun b -> if b = 255uy then 1f else 0f)), ValueRange(0f, 1f))
            let seg = Tta.segment Tta.dihedral white img
            Expect.equal (bits seg) (bits (white img)) "every view maps back to the same mask"
            // a crop view sees part of the image: pixels it misses are averaged over the other views only
            let seg2 = Tta.segment [ Tta.identity; Tta.crop 3 1 5 4 ] white img
            Expect.equal (bits seg2) (bits (white img)) "partial views"
        }
        test "the C# surface gives the same merges" {
            let img = withRect 23 17 (5, 3, 12, 9)
            let csFind (im: Image) : Collections.Generic.IReadOnlyList<Augment.CSharp.ScoredBoundingBox> =
                findWhite im |> Array.map (fun b -> Augment.CSharp.ScoredBoundingBox(Augment.CSharp.BoundingBox(b.Box.XMin, b.Box.YMin, b.Box.XMax, b.Box.YMax, 0, 0), b.Score)) :> _
            let found = Augment.CSharp.TestTimeAugmentation.Detect(Augment.CSharp.TestTimeView.Dihedral, Func<_, _> csFind, img)
            Expect.equal found.Length 1 "one box"
            Expect.equal (found.[0].Box.XMin, found.[0].Box.YMin, found.[0].Box.XMax, found.[0].Box.YMax) (5.0, 3.0, 12.0, 9.0) "the rectangle"
            let a, b = Augment.CSharp.ScoredBoundingBox(Augment.CSharp.BoundingBox(0., 0., 10., 10., 0, 0), 0.9), Augment.CSharp.ScoredBoundingBox(Augment.CSharp.BoundingBox(1., 1., 11., 11., 0, 0), 0.8)
            Expect.equal (Augment.CSharp.TestTimeAugmentation.Nms(0.5, [ b; a ])) [| a |] "NMS"
        }
        test "bad views and inputs are refused by name" {
            Expect.throwsT<ArgumentException> (fun () -> Tta.scale 0.0 Interpolation.Bilinear |> ignore) "scale 0"
            Expect.throwsT<ArgumentException> (fun () -> Tta.view (Tta.crop 5 5 10 10) (withRect 8 8 (0, 0, 1, 1)) |> ignore) "crop outside"
            let singular = Tta.ofMatrix "flat" (fun s -> struct (Matrix3(1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0), s.Width, s.Height)) Interpolation.Nearest
            Expect.throwsT<ArgumentException> (fun () -> Tta.view singular (withRect 8 8 (0, 0, 1, 1)) |> ignore) "not invertible"
            Expect.throwsT<ArgumentException> (fun () -> Tta.classify [] (fun _ -> [||]) (withRect 8 8 (0, 0, 1, 1)) |> ignore) "no views"
            Expect.throwsT<ArgumentException> (fun () -> Tta.nms 1.5 [] |> ignore) "iou"
        }
    ]
