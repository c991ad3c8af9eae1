namespace Augment

open System
open Augment.Native

/// A box a model predicted, with its score.
type ScoredBox = { Box: Box; Score: float }

/// How test-time augmentation merges the boxes of its views.
[<RequireQualifiedAccess>]
type BoxMerge =
    | Nms of iou: float
    | Wbf of iou: float * skipScore: float

/// One view of test-time augmentation: an invertible geometric map of the input, planned for the input's shape.
[<Sealed>]
type TtaView internal (name: string, plan: Shape -> WarpStep) =
    member _.Name = name
    member _.Resolve(shape: Shape) =
        let w = plan shape
        if w.Width < 1 || w.Height < 1 then Throw.Argument("view", name, "a view with a positive output size")
        let d = w.Matrix.Determinant
        if not (Double.IsFinite d) || abs d < 1e-12 then Throw.Argument("view", name, "an invertible map (its matrix's determinant is 0)")
        w
    override _.ToString() = name

[<RequireQualifiedAccess>]
module Tta =

    let private fail (name: string) (value: obj) (expected: string) : 'a =
        raise (ArgumentException(Throw.Message(name, value, expected), name))

    let private warpOf (name: string) (step: Step) =
        match step with
        | Step.Warp w -> w
        | _ -> fail "view" (box name) "a view planned as a warp"

    [<CompiledName("Identity")>]
    let identity = TtaView("identity", fun s -> warpOf "identity" (Steps.warp Matrix3.Identity s.Width s.Height Interpolation.Nearest))

    [<CompiledName("FlipHorizontal")>]
    let flipHorizontal = TtaView("flip horizontal", fun s -> warpOf "flip horizontal" (Steps.flipHorizontal s))

    [<CompiledName("FlipVertical")>]
    let flipVertical = TtaView("flip vertical", fun s -> warpOf "flip vertical" (Steps.flipVertical s))

    [<CompiledName("Transpose")>]
    let transpose = TtaView("transpose", fun s -> warpOf "transpose" (Steps.transpose s))

    [<CompiledName("Rot90")>]
    let rot90 (k: int) =
        let k = ((k % 4) + 4) % 4
        let name = sprintf "rot90 %d" k
        TtaView(name, fun s -> warpOf name (Steps.rot90 k s))

    [<CompiledName("Scale")>]
    let scale (factor: float) (interpolation: Interpolation) =
        if not (factor >= 0.05 && factor <= 20.0) then Throw.Argument("factor", factor, "a scale factor in [0.05, 20]")
        if interpolation = Interpolation.Area && factor > 1.0 then Throw.Argument("interpolation", "Area", "an interpolation that enlarges (Area only shrinks)")
        let name = sprintf "scale %g" factor
        TtaView(name, fun s ->
            let w = max 1 (int (Math.Round(float s.Width * factor, MidpointRounding.ToEven)))
            let h = max 1 (int (Math.Round(float s.Height * factor, MidpointRounding.ToEven)))
            warpOf name (Steps.resize interpolation w h s))

    [<CompiledName("Crop")>]
    let crop (x: int) (y: int) (width: int) (height: int) =
        if x < 0 then Throw.Argument("x", x, "a column >= 0")
        if y < 0 then Throw.Argument("y", y, "a row >= 0")
        if width < 1 then Throw.Argument("width", width, "a positive width")
        if height < 1 then Throw.Argument("height", height, "a positive height")
        let name = sprintf "crop %d %d %d %d" x y width height
        TtaView(name, fun s ->
            if x + width > s.Width || y + height > s.Height then
                Throw.Argument("view", name, sprintf "a crop inside the %dx%d image" s.Width s.Height)
            warpOf name (Steps.crop BoxFilter.Default x y width height))

    [<CompiledName("OfMatrix")>]
    let ofMatrix (name: string) (plan: Shape -> struct (Matrix3 * int * int)) (interpolation: Interpolation) =
        if isNull name then nullArg "name"
        if isNull (box plan) then nullArg "plan"
        if interpolation = Interpolation.Area then Throw.Argument("interpolation", "Area", "Nearest, Bilinear, Bicubic or Lanczos")
        TtaView(name, fun s ->
            let struct (m, w, h) = plan s
            warpOf name (Steps.warp m w h interpolation))

    [<CompiledName("OfWarp")>]
    let ofWarp (name: string) (plan: Shape -> WarpStep) =
        if isNull name then nullArg "name"
        if isNull (box plan) then nullArg "plan"
        TtaView(name, plan)

    [<CompiledName("Dihedral")>]
    let dihedral = [ identity; rot90 1; rot90 2; rot90 3; flipHorizontal; flipVertical; transpose; TtaView("transverse", fun s ->
                        let t = warpOf "transpose" (Steps.transpose s)
                        let r = warpOf "rot90 2" (Steps.rot90 2 { s with Width = t.Width; Height = t.Height })
                        { t with Matrix = r.Matrix * t.Matrix }) ]

    [<CompiledName("View")>]
    let view (v: TtaView) (image: Image) : Image =
        if isNull (box v) then nullArg "v"
        if isNull image then nullArg "image"
        let w = v.Resolve(Shape.Of image)
        let spec : OpSpec<NoParams> =
            { Name = "TtaView"; Kind = OpKind.Geometric; Summary = "A test-time augmentation view."
              Check = ignore; Plan = fun _ _ -> Step.Warp w }
        (Aug.apply (Aug.op (Op.constant spec NoParams.Value)) (Seed.ofInt 0) (Sample.ofImage image)).Image

    /// The box's corners through m, their hull clipped to [0, W] x [0, H]; None when nothing of it is left.
    let private mapBox (m: Matrix3) (width: int) (height: int) (b: Box) =
        let pts = [| m.Apply(b.XMin, b.YMin); m.Apply(b.XMax, b.YMin); m.Apply(b.XMin, b.YMax); m.Apply(b.XMax, b.YMax) |]
        let xs = pts |> Array.map (fun struct (x, _) -> x)
        let ys = pts |> Array.map (fun struct (_, y) -> y)
        let x0, x1 = Math.Clamp(Array.min xs, 0.0, float width), Math.Clamp(Array.max xs, 0.0, float width)
        let y0, y1 = Math.Clamp(Array.min ys, 0.0, float height), Math.Clamp(Array.max ys, 0.0, float height)
        if Array.exists (Double.IsFinite >> not) xs || Array.exists (Double.IsFinite >> not) ys then None
        elif x1 <= x0 || y1 <= y0 then None
        else Some { b with XMin = x0; YMin = y0; XMax = x1; YMax = y1 }

    [<CompiledName("BoxesBack")>]
    let boxesBack (v: TtaView) (width: int) (height: int) (boxes: ScoredBox array) =
        if isNull (box v) then nullArg "v"
        if isNull boxes then nullArg "boxes"
        if width < 1 then Throw.Argument("width", width, "a positive width")
        if height < 1 then Throw.Argument("height", height, "a positive height")
        let w = v.Resolve({ Width = width; Height = height; Channels = 1 })
        let inv = w.Matrix.Inverse()
        boxes |> Array.choose (fun sb -> mapBox inv width height sb.Box |> Option.map (fun b -> { sb with Box = b }))

    /// For each pixel of the input, the view pixel its centre maps to (-1 when it falls outside the view).
    let private sourceIndex (w: WarpStep) (width: int) (height: int) =
        Array.init (width * height) (fun k ->
            let i, j = k / width, k % width
            let struct (x, y) = w.Matrix.Apply(float j + 0.5, float i + 0.5)
            let xf, yf = Math.Floor x, Math.Floor y
            if xf >= 0.0 && yf >= 0.0 && xf < float w.Width && yf < float w.Height then int yf * w.Width + int xf else -1)

    [<CompiledName("MaskBack")>]
    let maskBack (v: TtaView) (width: int) (height: int) (mask: Image) =
        if isNull (box v) then nullArg "v"
        if isNull mask then nullArg "mask"
        if width < 1 then Throw.Argument("width", width, "a positive width")
        if height < 1 then Throw.Argument("height", height, "a positive height")
        let w = v.Resolve({ Width = width; Height = height; Channels = mask.Channels })
        if mask.Width <> w.Width || mask.Height <> w.Height then
            Throw.Argument("mask", sprintf "%dx%d" mask.Width mask.Height, sprintf "the view's size, %dx%d" w.Width w.Height)
        let src = sourceIndex w width height
        let c = mask.Channels
        if mask.ElementType = ElementType.Byte then
            let m = mask.Bytes.ToArray()
            let out = Array.zeroCreate<byte> (width * height * c)
            src |> Array.iteri (fun k s -> if s >= 0 then Array.blit m (s * c) out (k * c) c)
            Image.FromBytes(width, height, c, ReadOnlySpan out)
        else
            let m = mask.Floats.ToArray()
            let out = Array.create (width * height * c) mask.Range.Min
            src |> Array.iteri (fun k s -> if s >= 0 then Array.blit m (s * c) out (k * c) c)
            Image.FromFloats(width, height, c, ReadOnlySpan out, mask.Range)

    let private checkViews (views: TtaView seq) =
        if isNull views then nullArg "views"
        let vs = List.ofSeq views
        if vs.IsEmpty then Throw.Argument("views", "none", "at least one view")
        vs |> List.iteri (fun i v -> if isNull (box v) then Throw.Argument(sprintf "views[%d]" i, "null", "a view"))
        vs

    [<CompiledName("Classify")>]
    let classify (views: TtaView seq) (predict: Image -> float array) (image: Image) =
        let vs = checkViews views
        if isNull (box predict) then nullArg "predict"
        if isNull image then nullArg "image"
        let preds = vs |> List.map (fun v -> predict (view v image))
        let n = (List.head preds).Length
        preds |> List.iteri (fun i p ->
            if isNull p || p.Length <> n then Throw.Argument(sprintf "predict (view %d)" i, (if isNull p then 0 else p.Length), sprintf "%d probabilities, as the first view gave" n))
        Array.init n (fun k -> (preds |> List.sumBy (fun p -> p.[k])) / float preds.Length)

    [<CompiledName("Segment")>]
    let segment (views: TtaView seq) (predict: Image -> Image) (image: Image) =
        let vs = checkViews views
        if isNull (box predict) then nullArg "predict"
        if isNull image then nullArg "image"
        let W, H = image.Width, image.Height
        let mutable acc : float[] = null
        let count = Array.zeroCreate<int> (W * H)
        let mutable channels, range = 0, ValueRange.Byte
        vs |> List.iteri (fun vi v ->
            let p = predict (view v image)
            if isNull p then Throw.Argument(sprintf "predict (view %d)" vi, "null", "a mask")
            let w = v.Resolve(Shape.Of image)
            if p.Width <> w.Width || p.Height <> w.Height then
                Throw.Argument(sprintf "predict (view %d)" vi, sprintf "%dx%d" p.Width p.Height, sprintf "a mask of the view's size, %dx%d" w.Width w.Height)
            if isNull acc then
                channels <- p.Channels; range <- p.Range
                acc <- Array.zeroCreate (W * H * channels)
            elif p.Channels <> channels then
                Throw.Argument(sprintf "predict (view %d)" vi, p.Channels, sprintf "%d channels, as the first view gave" channels)
            let src = sourceIndex w W H
            let value = if p.ElementType = ElementType.Byte then (let b = p.Bytes.ToArray() in fun k -> float b.[k]) else (let f = p.Floats.ToArray() in fun k -> float f.[k])
            src |> Array.iteri (fun k s ->
                if s >= 0 then
                    count.[k] <- count.[k] + 1
                    for ch in 0 .. channels - 1 do acc.[k * channels + ch] <- acc.[k * channels + ch] + value (s * channels + ch)))
        let out = Array.init (W * H * channels) (fun k ->
            let n = count.[k / channels]
            if n = 0 then range.Min else float32 (acc.[k] / float n))
        Image.FromFloats(W, H, channels, ReadOnlySpan out, range)

    [<CompiledName("Iou")>]
    let iou (a: Box) (b: Box) =
        let iw = Math.Min(a.XMax, b.XMax) - Math.Max(a.XMin, b.XMin)
        let ih = Math.Min(a.YMax, b.YMax) - Math.Max(a.YMin, b.YMin)
        if iw <= 0.0 || ih <= 0.0 then 0.0
        else
            let inter = iw * ih
            inter / (a.Area + b.Area - inter)

    let private checkIou (v: float) =
        if not (v >= 0.0 && v <= 1.0) then Throw.Argument("iou", v, "an IoU threshold in [0, 1]")

    /// Best score first; ties keep their input order (a stable sort), so the result does not depend on timing.
    let private byScore (boxes: ScoredBox seq) = boxes |> Seq.sortByDescending (fun b -> b.Score) |> Array.ofSeq

    [<CompiledName("Nms")>]
    let nms (iouThreshold: float) (boxes: ScoredBox seq) =
        checkIou iouThreshold
        if isNull boxes then nullArg "boxes"
        let kept = Collections.Generic.List<ScoredBox>()
        for b in byScore boxes do
            if not (kept |> Seq.exists (fun k -> k.Box.Class = b.Box.Class && iou k.Box b.Box > iouThreshold)) then kept.Add b
        kept.ToArray()

    [<CompiledName("Wbf")>]
    let wbf (iouThreshold: float) (skipScore: float) (models: int) (boxes: ScoredBox seq) =
        checkIou iouThreshold
        if not (skipScore >= 0.0 && skipScore <= 1.0) then Throw.Argument("skipScore", skipScore, "a score in [0, 1]")
        if models < 1 then Throw.Argument("models", models, "a number of views or models >= 1")
        if isNull boxes then nullArg "boxes"
        let clusters = Collections.Generic.List<Collections.Generic.List<ScoredBox>>()
        let fused = Collections.Generic.List<ScoredBox>()
        let fuse (members: Collections.Generic.List<ScoredBox>) =
            let total = members |> Seq.sumBy (fun m -> m.Score)
            let avg f = (members |> Seq.sumBy (fun m -> m.Score * f m.Box)) / total
            let first = members.[0].Box
            { Box = { first with XMin = avg (fun b -> b.XMin); YMin = avg (fun b -> b.YMin); XMax = avg (fun b -> b.XMax); YMax = avg (fun b -> b.YMax) }
              Score = total / float members.Count }
        for b in byScore boxes do
            if b.Score >= skipScore then
                let mutable best, bestIou = -1, iouThreshold
                for k in 0 .. fused.Count - 1 do
                    if fused.[k].Box.Class = b.Box.Class then
                        let o = iou fused.[k].Box b.Box
                        if o > bestIou then best <- k; bestIou <- o
                if best < 0 then
                    let l = Collections.Generic.List<ScoredBox>()
                    l.Add b
                    clusters.Add l
                    fused.Add b
                else
                    clusters.[best].Add b
                    fused.[best] <- fuse clusters.[best]
        Array.init fused.Count (fun k ->
            let n = clusters.[k].Count
            let f = fused.[k]
            { f with Score = f.Score * float (min n models) / float models })

    [<CompiledName("Detect")>]
    let detect (views: TtaView seq) (merge: BoxMerge) (predict: Image -> ScoredBox array) (image: Image) =
        let vs = checkViews views
        if isNull (box predict) then nullArg "predict"
        if isNull image then nullArg "image"
        let all =
            vs |> List.mapi (fun vi v ->
                let p = predict (view v image)
                if isNull p then Throw.Argument(sprintf "predict (view %d)" vi, "null", "an array of boxes")
                boxesBack v image.Width image.Height p)
            |> Array.concat
        match merge with
        | BoxMerge.Nms t -> nms t all
        | BoxMerge.Wbf (t, skip) -> wbf t skip vs.Length all
