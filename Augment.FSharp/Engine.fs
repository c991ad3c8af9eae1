namespace Augment

open System
open System.Buffers
open System.Runtime.Intrinsics
open Augment.Native
open Augment.Native.Kernels

/// <summary>A unit of planned pixel work: what the planner folds neighbouring steps into, and what a backend
/// executes between two buffers.</summary>
[<RequireQualifiedAccess>]
type Group =
    /// Consecutive warps, run as one resample (or one exact copy when every step is a copy).
    | Warp of WarpStep list
    /// A displacement-field remap: always its own group (a fusion barrier).
    | Remap of RemapStep
    /// Consecutive point-colour steps (with statistics), run as one table pass on bytes.
    | Points of Step list
    /// A neighbourhood filter.
    | Filter of ImageKernel
    /// Any other image kernel.
    | Kernel of ImageKernel

/// <summary>Executes plan groups. The CPU backend runs every group; another backend (OpenCL) may run some and
/// answer false for the rest, which then run on the CPU inside the same plan.</summary>
type IBackend =
    /// The backend's name, for logs.
    abstract Name: string
    /// <summary>Runs <paramref name="group"/> from <paramref name="src"/> into <paramref name="dst"/> (the planner
    /// sized dst); false when this backend has no kernel for the group.</summary>
    abstract TryRun: group: Group * src: PixelBuffer * dst: PixelBuffer -> bool

/// <summary>One image's plan, for a backend that runs whole plans: its groups (at least one), its source, and where
/// the last group writes (called once, with the output shape, element type and value range).</summary>
[<NoEquality; NoComparison>]
type PlanJob =
    { /// The groups, in order.
      Groups: Group list
      /// The pixels the first group reads.
      Source: PixelBuffer
      /// The buffer the last group writes, given its shape, element type and value range.
      Final: Shape -> ElementType -> ValueRange -> PixelBuffer }

/// <summary>A backend that runs whole plans (OpenCL keeps intermediates on the device between its groups): the engine
/// hands it every group of a plan, and a batch run hands it every sample's plan in one call. Groups it has no kernel for
/// it runs with <c>Engine.cpu</c> inside the plan. Its <c>TryRun</c> still runs single groups for callers of
/// <c>IBackend</c>.</summary>
type IPlanBackend =
    inherit IBackend
    /// <summary>Runs every job's plan, the CPU running the groups this backend declines; returns each job's result
    /// (the buffer its <c>Final</c> gave), in order.</summary>
    abstract RunPlans: jobs: PlanJob[] -> PixelBuffer[]

/// <summary>A backend that can also run the image part of a batch op (<c>MixStep.Device</c>); the batch runner asks
/// it before the CPU.</summary>
type IMixBackend =
    /// <summary>Writes the mix of <paramref name="self"/> with <paramref name="partners"/> (the partners in the order
    /// of <c>MixStep.Partners</c>, every one of self's shape, element type and range) into <paramref name="dst"/> (of
    /// self's shape); false when this backend has no kernel for it (then the CPU runs it).</summary>
    abstract TryMix: mix: DeviceMix * self: PixelBuffer * partners: PixelBuffer[] * dst: PixelBuffer -> bool

/// How a plan runs.
[<CompiledName("FSharpRunOptions")>]
type RunOptions =
    { /// Fold neighbouring steps (warps into one resample, byte colour tables into one table). On by default.
      Fuse: bool
      /// The backend that runs the groups (the CPU when None or when it declines a group).
      Backend: IBackend option }

    /// Fusion on, CPU backend.
    static member Default = { Fuse = true; Backend = None }

/// <summary>How a warp group runs, worked out once from its steps and its source: what the CPU backend executes, and
/// what another backend must execute to give the same bits.</summary>
[<RequireQualifiedAccess>]
type WarpPlan =
    /// No source pixel survives the group's windows: every pixel is the fill (one value per channel).
    | Fill of fill: float32[]
    /// <summary>An exact integer copy (<c>GeometryKernels.CopyExact</c>) inside the source window [x0, x1) x [y0, y1), the
    /// border outside it, with one fill value per channel.</summary>
    | Copy of map: IntegerMap * x0: int * y0: int * x1: int * y1: int * border: BorderMode * fill: float32[]
    /// <summary>An area resize (<c>GeometryKernels.ResizeArea</c>): output pixel j starts at source x0 + j sx.</summary>
    | Area of x0: float * y0: float * sx: float * sy: float
    /// <summary>One resample (<c>GeometryKernels.Warp</c>) through the output-to-source matrix, with the interpolation,
    /// border, one fill value per channel, and the windows of skipped intermediates.</summary>
    | Resample of inverse: Matrix3 * interpolation: Interpolation * border: BorderMode * fill: float32[] * windows: WarpWindow[]

/// The planner and the CPU backend.
[<RequireQualifiedAccess>]
module Engine =

    // The backend runs use when their options name none; None is the CPU.
    let mutable private globalBackend : IBackend option = None

    /// <summary>Sets the backend every run uses when its <c>RunOptions.Backend</c> is None (None: the CPU).</summary>
    let useBackend (backend: IBackend option) = globalBackend <- backend

    /// <summary>The backend set with <c>useBackend</c>, if any.</summary>
    let defaultBackend () = globalBackend

    let private fillOf (range: ValueRange) (channels: int) (fill: float32[]) =
        if fill.Length = 0 then Array.create channels range.Min
        elif fill.Length = 1 then Array.create channels fill.[0]
        elif fill.Length = channels then fill
        else Throw.Argument("fill", sprintf "%d values" fill.Length, sprintf "1 or %d fill values (one per channel)" channels); [||]

    /// <summary>Whether a warp can read outside its input: false for exact copies whose output lies inside it
    /// (flips, quarter turns, crops), so their border never matters.</summary>
    let readsOutside (w: WarpStep) (inWidth: int) (inHeight: int) =
        if w.Interpolation = Interpolation.Area then false
        else
            let m = w.Matrix.AsIntegerMap()
            if not m.HasValue then true
            else
                let m = m.Value
                // The map is affine in (j, i): its extremes over the output are at the corners.
                let outside j i =
                    let sx = m.A * j + m.B * i + m.C
                    let sy = m.D * j + m.E * i + m.F
                    sx < 0 || sy < 0 || sx >= inWidth || sy >= inHeight
                let r, b = w.Width - 1, w.Height - 1
                outside 0 0 || outside r 0 || outside 0 b || outside r b

    let private isExact (w: WarpStep) = w.Interpolation <> Interpolation.Area && w.Matrix.AsIntegerMap().HasValue

    let rec private flatten (s: Step) =
        match s with
        | Step.Many xs -> xs |> List.collect flatten
        | Step.Nothing | Step.Label _ -> []
        | x -> [ x ]

    // Whether a step list holds anything flatten changes (most do not, and then plan reads the list as it is).
    let rec private needsFlatten (steps: Step list) =
        match steps with
        | [] -> false
        | (Step.Many _ | Step.Nothing | Step.Label _) :: _ -> true
        | _ :: rest -> needsFlatten rest

    /// <summary>Folds pixel steps into groups. With <paramref name="fuse"/>, consecutive warps join one group
    /// while the later ones that read outside their input use a constant border with the group's fill (so that a
    /// window can stand in for the skipped intermediate's edge) and no step is an area resize; consecutive
    /// point-colour steps join one group on byte images. Without it, every step is its own group.</summary>
    let plan (fuse: bool) (elementType: ElementType) (input: Shape) (steps: Step list) : Group list =
        let steps = if needsFlatten steps then steps |> List.collect flatten else steps
        let groups = Collections.Generic.List<Group>()
        // The open warp group: its steps (reversed), the shape after it, and the border/fill of its outside reads.
        let mutable warps : WarpStep list = []
        let mutable outside : (BorderMode * float32[]) option = None
        let mutable points : Step list = []
        let mutable shape = input
        // The element type as it stands: a kernel may convert it (ToFloat32, Normalize), and whether point steps fold
        // into one byte table depends on the type they see.
        let mutable elementType = elementType
        let closeWarps () =
            if not warps.IsEmpty then groups.Add(Group.Warp(List.rev warps))
            warps <- []
            outside <- None
        let closePoints () =
            if not points.IsEmpty then groups.Add(Group.Points(List.rev points))
            points <- []
        for s in steps do
            match s with
            | Step.Warp w ->
                closePoints ()
                let ro = readsOutside w shape.Width shape.Height
                let area = w.Interpolation = Interpolation.Area || warps |> List.exists (fun x -> x.Interpolation = Interpolation.Area)
                let joins =
                    fuse && not warps.IsEmpty && not area
                    && (not ro
                        || (w.Border = BorderMode.Constant
                            && (match outside with
                                | None -> true
                                | Some (b, f) -> b = BorderMode.Constant && f = w.Fill)))
                if not joins then closeWarps ()
                if ro && outside.IsNone then outside <- Some(w.Border, w.Fill)
                warps <- w :: warps
                if not fuse then closeWarps ()
                shape <- { shape with Width = w.Width; Height = w.Height }
            | Step.Remap r ->
                closeWarps (); closePoints ()
                groups.Add(Group.Remap r)
                shape <- { shape with Width = r.Width; Height = r.Height }
            | Step.Point _ | Step.StatPoint _ ->
                closeWarps ()
                if not fuse || elementType = ElementType.Float32 then closePoints ()
                points <- s :: points
                if not fuse || elementType = ElementType.Float32 then closePoints ()
            | Step.Filter k ->
                closeWarps (); closePoints ()
                groups.Add(Group.Filter k)
                match k.OutputType with ValueSome t -> elementType <- t | ValueNone -> ()
            | Step.Kernel k ->
                closeWarps (); closePoints ()
                groups.Add(Group.Kernel k)
                if k.Channels > 0 then shape <- { shape with Channels = k.Channels }
                match k.OutputType with ValueSome t -> elementType <- t | ValueNone -> ()
            | Step.Custom (name, _) ->
                Throw.Argument("steps", name, "pixel steps only (the interpreter runs custom and batch steps itself)")
            | Step.Mix _ -> Throw.Argument("steps", "a batch step", "pixel steps only (batch steps run in Aug.runBatch)")
            | Step.Many _ | Step.Nothing | Step.Label _ -> ()
        closeWarps ()
        closePoints ()
        let mutable l = []
        for i in groups.Count - 1 .. -1 .. 0 do l <- groups.[i] :: l
        l

    /// The width, height and channels a group writes, given what it reads.
    let outputShape (g: Group) (input: Shape) =
        match g with
        | Group.Warp ws -> let l = List.last ws in { input with Width = l.Width; Height = l.Height }
        | Group.Remap r -> { input with Width = r.Width; Height = r.Height }
        | Group.Points _ | Group.Filter _ -> input
        | Group.Kernel k -> if k.Channels > 0 then { input with Channels = k.Channels } else input

    /// <summary>The element type and value range a group writes, given what it reads: the input's, except for a
    /// kernel that declares its own (<c>ImageKernel.OutputType</c>, <c>OutputRange</c>).</summary>
    let outputFormat (g: Group) (elementType: ElementType) (range: ValueRange) =
        match g with
        | Group.Filter k | Group.Kernel k -> Steps.kernelFormat k elementType range
        | Group.Warp _ | Group.Remap _ | Group.Points _ -> struct (elementType, range)

    // ------------------------------------------------------------------ CPU backend: warps

    let private roundByte (v: float32) = byte (MathF.Min(MathF.Max(MathF.Round v, 0f), 255f))

    // Weights that sum to 1 in float32 can still carry a value an ulp past the range's ends: resampled float
    // images are clamped to their declared range, as every colour op's output is.
    let private clampToRange (dst: PixelBuffer) =
        let d = dst.Floats
        let lo, hi = dst.Range.Min, dst.Range.Max
        for i in 0 .. d.Length - 1 do
            d.[i] <- MathF.Min(MathF.Max(d.[i], lo), hi)

    /// <summary>How a warp group runs on a source of <paramref name="input"/>'s shape and <paramref name="range"/>:
    /// the composed matrix, windows, border, fill and interpolation the CPU backend uses.</summary>
    let warpPlan (ws: WarpStep list) (input: Shape) (range: ValueRange) : WarpPlan =
        let ch = input.Channels
        let first = List.head ws
        // Compose, and collect a window for every skipped intermediate whose edge a later step reads past.
        let mutable composed = Matrix3.Identity
        let mutable inW, inH = input.Width, input.Height
        let mutable windows : Collections.Generic.List<WarpWindow> = null
        let mutable border = BorderMode.Constant
        let mutable fill = [||]
        let mutable sawOutside = false
        let mutable area, allExact = false, true
        // The resampling of the group: the highest order among its steps that resample (exact copies do not).
        let mutable order = Interpolation.Nearest
        let rank (i: Interpolation) =
            match i with
            | Interpolation.Lanczos -> 3
            | Interpolation.Bicubic -> 2
            | Interpolation.Bilinear -> 1
            | _ -> 0
        let mutable i = 0
        for w in ws do
            let ro = readsOutside w inW inH
            if ro && i > 0 then
                if isNull windows then windows <- Collections.Generic.List<WarpWindow>()
                windows.Add(WarpWindow(composed, float inW, float inH))
            if ro && not sawOutside then
                sawOutside <- true
                border <- w.Border
                fill <- w.Fill
            let exact = isExact w
            area <- area || w.Interpolation = Interpolation.Area
            if not exact && rank w.Interpolation > rank order then order <- w.Interpolation
            allExact <- allExact && exact
            composed <- w.Matrix * composed
            inW <- w.Width
            inH <- w.Height
            i <- i + 1
        if not sawOutside then border <- first.Border
        let fillF = fillOf range ch fill
        let interp = if area then Interpolation.Area else order
        let exactMap = if allExact then composed.AsIntegerMap() else Nullable()
        match (if exactMap.HasValue then ValueSome exactMap.Value else ValueNone) with
        | ValueSome m ->
            // Every window is an integer rectangle in source pixels: intersect them.
            let mutable x0, y0, x1, y1 = 0, 0, input.Width, input.Height
            let windows = if isNull windows then Collections.Generic.List<WarpWindow>(0) else windows
            for win in windows do
                let inv = win.ToIntermediate.Inverse()
                let struct (ax, ay) = inv.Apply(0.0, 0.0)
                let struct (bx, by) = inv.Apply(win.Width, win.Height)
                x0 <- max x0 (int (Math.Round(min ax bx)))
                y0 <- max y0 (int (Math.Round(min ay by)))
                x1 <- min x1 (int (Math.Round(max ax bx)))
                y1 <- min y1 (int (Math.Round(max ay by)))
            if x0 >= x1 || y0 >= y1 then WarpPlan.Fill fillF
            else WarpPlan.Copy(m, x0, y0, x1, y1, border, fillF)
        | ValueNone when interp = Interpolation.Area ->
            let m = composed
            if not (m.IsAffine && m.M01 = 0.0 && m.M10 = 0.0 && m.M00 > 0.0 && m.M11 > 0.0) then
                Throw.Argument("interpolation", "Area", "an axis-aligned scale (area resampling cannot rotate, shear or flip)")
            let sx, sy = 1.0 / m.M00, 1.0 / m.M11
            WarpPlan.Area(-m.M02 * sx, -m.M12 * sy, sx, sy)
        | ValueNone ->
            let wins = if isNull windows then [||] else windows.ToArray()
            WarpPlan.Resample(composed.Inverse(), interp, border, fillF, wins)

    let private runWarp (ws: WarpStep list) (src: PixelBuffer) (dst: PixelBuffer) =
        let ch = src.Channels
        match warpPlan ws { Width = src.Width; Height = src.Height; Channels = ch } src.Range with
        | WarpPlan.Fill fillF ->
            if src.ElementType = ElementType.Byte then
                let d = dst.Bytes
                for i in 0 .. d.Length - 1 do d.[i] <- roundByte fillF.[i % ch]
            else
                let d = dst.Floats
                for i in 0 .. d.Length - 1 do d.[i] <- fillF.[i % ch]
        | WarpPlan.Copy (m, x0, y0, x1, y1, border, fillF) ->
            if src.ElementType = ElementType.Byte then
                let fb = Array.map roundByte fillF
                GeometryKernels.CopyExact(src.ReadBytes, src.Width, src.Height, ch, dst.Bytes, dst.Width, dst.Height, m, x0, y0, x1, y1, border, ReadOnlySpan fb)
            else
                GeometryKernels.CopyExact(src.ReadFloats, src.Width, src.Height, ch, dst.Floats, dst.Width, dst.Height, m, x0, y0, x1, y1, border, ReadOnlySpan fillF)
        | WarpPlan.Area (x0, y0, sx, sy) ->
            if src.ElementType = ElementType.Byte then
                GeometryKernels.ResizeArea(src.ReadBytes, src.Width, src.Height, ch, dst.Bytes, dst.Width, dst.Height, x0, y0, sx, sy)
            else
                GeometryKernels.ResizeArea(src.ReadFloats, src.Width, src.Height, ch, dst.Floats, dst.Width, dst.Height, x0, y0, sx, sy)
                clampToRange dst
        | WarpPlan.Resample (inv, interp, border, fillF, wins) ->
            if src.ElementType = ElementType.Byte then
                GeometryKernels.Warp(src.ReadBytes, src.Width, src.Height, ch, dst.Bytes, dst.Width, dst.Height, &inv, interp, border, ReadOnlySpan fillF, ReadOnlySpan wins)
            else
                // The overload with the range clamps interpolated values to it (bilinear, bicubic and Lanczos can
                // overshoot: bicubic and Lanczos by design, bilinear by an ulp of float32 rounding).
                GeometryKernels.Warp(src.ReadFloats, src.Width, src.Height, ch, dst.Floats, dst.Width, dst.Height, &inv, interp, border, ReadOnlySpan fillF, ReadOnlySpan wins, src.Range)

    let private runRemap (r: RemapStep) (src: PixelBuffer) (dst: PixelBuffer) =
        let mx, my = r.Map.Value
        let fillF = fillOf src.Range src.Channels r.Fill
        if src.ElementType = ElementType.Byte then
            GeometryKernels.Remap(src.ReadBytes, src.Width, src.Height, src.Channels, dst.Bytes, dst.Width, dst.Height,
                                  ReadOnlySpan mx, ReadOnlySpan my, r.Interpolation, r.Border, ReadOnlySpan fillF)
        else
            GeometryKernels.Remap(src.ReadFloats, src.Width, src.Height, src.Channels, dst.Floats, dst.Width, dst.Height,
                                  ReadOnlySpan mx, ReadOnlySpan my, r.Interpolation, r.Border, ReadOnlySpan fillF, src.Range)

    // ------------------------------------------------------------------ CPU backend: colour

    /// <summary>The byte a point map gives value v of channel c: <c>clamp(round_half_even(f(v)), 0, 255)</c>,
    /// the same float32 arithmetic as the element-wise kernels.</summary>
    let byteEntry (pm: PointMap) (c: int) (v: byte) =
        match pm with
        | PointMap.Affine (sub, scale, add) -> roundByte ((float32 v - sub.[c]) * scale.[c] + add.[c])
        | PointMap.Func (_, f) -> roundByte (f c (float32 v))

    /// <summary>Statistics of a byte image from its histograms (<c>hist[c * 256 + v]</c>; the array may be longer):
    /// means as exact integer sums over the pixel count. The statistics hold the array only while a map is built.</summary>
    let statsOfHistograms (channels: int) (hist: int64[]) =
        let pixels = Seq.sum (Seq.take 256 hist)
        let means =
            Array.init channels (fun c ->
                let mutable s = 0L
                for v in 0 .. 255 do s <- s + int64 v * hist.[c * 256 + v]
                float s / float pixels)
        { Means = means; Histograms = hist; Pixels = pixels }

    // Whether channel c of an affine map has the same three coefficients (bit for bit) as channel c - 1: then its
    // 256-entry map is the same and is not evaluated again (one op on every channel, the usual case).
    let private sameAffine (sub: float32[]) (scale: float32[]) (add: float32[]) (c: int) =
        let inline same (a: float32[]) =
            BitConverter.SingleToInt32Bits a.[c] = BitConverter.SingleToInt32Bits a.[c - 1]
        c > 0 && same sub && same scale && same add

    /// <summary>Fills <paramref name="t"/> (256 entries) with <c>roundByte ((float32 x - s) * k + a)</c> for x = 0..255,
    /// the float32 arithmetic of <c>byteEntry</c>. With finite coefficients no entry is NaN (x - s and the product are
    /// finite or infinite, and an infinity plus a finite a stays infinite), so 8 or 4 entries at a time give the same
    /// bytes: the same subtract, multiply and add (no fused multiply-add), rounding half to even, a clamp to [0, 255]
    /// and an exact conversion. Otherwise, and without vector hardware, one entry at a time.</summary>
    let private affineEntries (s: float32) (k: float32) (a: float32) (t: Span<byte>) =
        if Vector256.IsHardwareAccelerated && Single.IsFinite s && Single.IsFinite k && Single.IsFinite a then
            let sv, kv, av = Vector256.Create s, Vector256.Create k, Vector256.Create a
            let hi = Vector256.Create 255f
            let eight = Vector256.Create 8f
            let mutable x = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f)
            let inline entries (x: Vector256<float32>) =
                let y = Vector256.Round((x - sv) * kv + av)
                Vector256.ConvertToInt32(Vector256.Min(Vector256.Max(y, Vector256<float32>.Zero), hi)).AsUInt32()
            for i in 0 .. 7 do
                let e0 = entries x
                let e1 = entries (x + eight)
                let e2 = entries (x + eight + eight)
                let e3 = entries (x + eight + eight + eight)
                Vector256.Narrow(Vector256.Narrow(e0, e1), Vector256.Narrow(e2, e3)).CopyTo(t.Slice(32 * i, 32))
                x <- x + eight + eight + eight + eight
        elif Vector128.IsHardwareAccelerated && Single.IsFinite s && Single.IsFinite k && Single.IsFinite a then
            let sv, kv, av = Vector128.Create s, Vector128.Create k, Vector128.Create a
            let hi = Vector128.Create 255f
            let four = Vector128.Create 4f
            let mutable x = Vector128.Create(0f, 1f, 2f, 3f)
            let inline entries (x: Vector128<float32>) =
                let y = Vector128.Round((x - sv) * kv + av)
                Vector128.ConvertToInt32(Vector128.Min(Vector128.Max(y, Vector128<float32>.Zero), hi)).AsUInt32()
            for i in 0 .. 15 do
                let e0 = entries x
                let e1 = entries (x + four)
                let e2 = entries (x + four + four)
                let e3 = entries (x + four + four + four)
                Vector128.Narrow(Vector128.Narrow(e0, e1), Vector128.Narrow(e2, e3)).CopyTo(t.Slice(16 * i, 16))
                x <- x + four + four + four + four
        else
            for x in 0 .. 255 do
                t.[x] <- roundByte ((float32 x - s) * k + a)

    /// <summary>Composes point map <paramref name="pm"/> after the tables built so far, channel by channel:
    /// <c>tables[c * 256 + v] &lt;- byteEntry pm c tables[c * 256 + v]</c>. An affine map is evaluated once per value
    /// (and once for all channels that share its coefficients) with its coefficients read once, into
    /// <paramref name="map"/> (256 entries of scratch), then looked up: the same float32 arithmetic as
    /// <c>byteEntry</c>, so the same bytes, without a closure call and a match per entry.</summary>
    let private composePointMap (pm: PointMap) (ch: int) (tables: byte[]) (map: byte[]) (identity: bool) =
        match pm with
        | PointMap.Affine (sub, scale, add) when identity ->
            // Composing after the identity is the map itself: evaluate straight into the tables.
            for c in 0 .. ch - 1 do
                let t = Span<byte>(tables, c * 256, 256)
                if sameAffine sub scale add c then Span<byte>(tables, (c - 1) * 256, 256).CopyTo t
                else affineEntries sub.[c] scale.[c] add.[c] t
        | PointMap.Affine (sub, scale, add) ->
            for c in 0 .. ch - 1 do
                if not (sameAffine sub scale add c) then affineEntries sub.[c] scale.[c] add.[c] (Span<byte>(map, 0, 256))
                let t = Span<byte>(tables, c * 256, 256)
                for v in 0 .. 255 do
                    t.[v] <- map.[int t.[v]]
        | PointMap.Func (_, f) ->
            for c in 0 .. ch - 1 do
                for v in 0 .. 255 do
                    tables.[c * 256 + v] <- roundByte (f c (float32 tables.[c * 256 + v]))

    let private identity256 = Array.init 256 byte

    let private identityTables (tables: byte[]) (channels: int) =
        let mutable same = true
        let mutable i = 0
        while same && i < 256 * channels do
            same <- tables.[i] = byte (i &&& 255)
            i <- i + 1
        same

    /// <summary>Fills <paramref name="tables"/> (at least 256 entries per channel, channel after channel) with the one
    /// table per channel that a byte point group's steps compose to on <paramref name="src"/>: statistics are taken once,
    /// as the source's histogram pushed through the table built so far.</summary>
    let byteTables (steps: Step list) (src: PixelBuffer) (tables: byte[]) =
        let ch = src.Channels
        let n = 256 * ch
        if tables.Length < n then Throw.Argument("tables", tables.Length, sprintf "at least %d entries (256 per channel)" n)
        let sourceHist = ArrayPool<int64>.Shared.Rent n
        let hist = ArrayPool<int64>.Shared.Rent n
        let map = ArrayPool<byte>.Shared.Rent 256
        let mutable haveSource = false
        try
            for c in 0 .. ch - 1 do
                ReadOnlySpan<byte>(identity256).CopyTo(Span<byte>(tables, c * 256, 256))
            let mutable identity = true
            for s in steps do
                let pm =
                    match s with
                    | Step.Point pm -> pm
                    | Step.StatPoint (Statistic.Means, build) when not haveSource && identityTables tables ch ->
                        // Means of the source itself (no map before this step): exact channel sums, no histogram. The
                        // same integer sums as statsOfHistograms, so the same means to the bit.
                        let sums = Array.zeroCreate<int64> ch
                        TableKernels.ChannelSums(src.ReadBytes, ch, Span sums)
                        let pixels = int64 (src.Width * src.Height)
                        build { Means = Array.map (fun s -> float s / float pixels) sums; Histograms = [||]; Pixels = pixels }
                    | Step.StatPoint (_, build) ->
                        // The statistic of the image as it stands: the source histogram pushed through the table so far.
                        if not haveSource then
                            GeometryKernels.Histogram(src.ReadBytes, ch, Span(sourceHist, 0, n))
                            haveSource <- true
                        Array.Clear(hist, 0, n)
                        for c in 0 .. ch - 1 do
                            for v in 0 .. 255 do
                                let t = int tables.[c * 256 + v]
                                hist.[c * 256 + t] <- hist.[c * 256 + t] + sourceHist.[c * 256 + v]
                        build (statsOfHistograms ch hist)
                    | _ -> Throw.Argument("steps", string s, "point-colour steps"); PointMap.Affine([||], [||], [||])
                composePointMap pm ch tables map identity
                identity <- false
        finally
            ArrayPool<byte>.Shared.Return map
            ArrayPool<int64>.Shared.Return sourceHist
            ArrayPool<int64>.Shared.Return hist

    let private runTablePass (steps: Step list) (src: PixelBuffer) (dst: PixelBuffer) =
        let ch = src.Channels
        let n = 256 * ch
        // Tables and histograms come from the pools: a plan run into a destination allocates no image-sized or
        // table-sized arrays.
        let tables = ArrayPool<byte>.Shared.Rent n
        try
            byteTables steps src tables
            TableKernels.Apply(src.ReadBytes, dst.Bytes, ch, ReadOnlySpan(tables, 0, n))
        finally
            ArrayPool<byte>.Shared.Return tables

    /// <summary>The passes the CPU runs a byte point group in: one table pass, except that a step needing the channel
    /// means after another step starts a new pass. Its means then come from exact channel sums of the image as it
    /// stands (a cheap SIMD pass) instead of a histogram of the source pushed through the table so far (a slow scalar
    /// pass), and each pass's table is more often one the SIMD lookups take (a composed table with rounding ties at
    /// every entry is not affine). The bits are the same: a histogram pushed through a table is the histogram of the
    /// mapped image, and applying tables one after another is applying their composition.</summary>
    let internal tablePasses (steps: Step list) =
        let passes = ResizeArray<Step list>()
        let current = ResizeArray<Step>()
        for s in steps do
            match s with
            | Step.StatPoint (Statistic.Means, _) when current.Count > 0 ->
                passes.Add(List.ofSeq current)
                current.Clear()
                current.Add s
            | _ -> current.Add s
        if current.Count > 0 then passes.Add(List.ofSeq current)
        List.ofSeq passes

    // Whether tablePasses would split the steps (a means step after another step).
    let rec private splitsPasses (first: bool) (steps: Step list) =
        match steps with
        | [] -> false
        | Step.StatPoint (Statistic.Means, _) :: _ when not first -> true
        | _ :: rest -> splitsPasses false rest

    let private runPointsBytes (steps: Step list) (src: PixelBuffer) (dst: PixelBuffer) =
        if not (splitsPasses true steps) then runTablePass steps src dst else
        match tablePasses steps with
        | [ one ] -> runTablePass one src dst
        | passes ->
            let mutable cur = src
            let mutable rest = passes
            try
                while not rest.IsEmpty do
                    let pass = rest.Head
                    rest <- rest.Tail
                    let out =
                        if rest.IsEmpty then dst
                        else PixelBuffer.Rent(src.Width, src.Height, src.Channels, ElementType.Byte, ValueRange.Byte)
                    runTablePass pass cur out
                    if not (Object.ReferenceEquals(cur, src)) then cur.Return()
                    cur <- out
            with _ ->
                if not (Object.ReferenceEquals(cur, src)) && not (Object.ReferenceEquals(cur, dst)) then cur.Return()
                reraise ()

    /// <summary>The point map a point or statistic step gives on a float image: a statistic step's map is built from
    /// <paramref name="src"/>'s channel means (histograms need bytes).</summary>
    let floatPointMap (s: Step) (src: PixelBuffer) =
        let ch = src.Channels
        match s with
        | Step.Point pm -> pm
        | Step.StatPoint (Statistic.Means, build) ->
            let means = PixelKernels.ChannelMeans(src.ReadFloats, ch)
            build { Means = means; Histograms = [||]; Pixels = int64 (src.Width * src.Height) }
        | Step.StatPoint (Statistic.Histograms, _) ->
            Throw.Argument("image", "a float32 image", "a byte image (histogram ops work on 256 levels; convert with Image.ToByte)")
            PointMap.Affine([||], [||], [||])
        | _ -> Throw.Argument("steps", string s, "point-colour steps"); PointMap.Affine([||], [||], [||])

    let private runPointFloats (s: Step) (src: PixelBuffer) (dst: PixelBuffer) =
        let ch = src.Channels
        let range = src.Range
        let pm = floatPointMap s src
        match pm with
        | PointMap.Affine (sub, scale, add) ->
            PixelKernels.ChannelAffine(src.ReadFloats, dst.Floats, ch, ReadOnlySpan sub, ReadOnlySpan scale, ReadOnlySpan add, range)
        | PointMap.Func (_, f) ->
            let s = src.ReadFloats
            let d = dst.Floats
            for i in 0 .. s.Length - 1 do
                d.[i] <- MathF.Min(MathF.Max(f (i % ch) s.[i], range.Min), range.Max)

    /// The CPU backend: SIMD kernels with scalar references, run on the calling thread.
    let cpu =
        { new IBackend with
            member _.Name = "cpu"
            member _.TryRun(group, src, dst) =
                match group with
                | Group.Warp ws -> runWarp ws src dst
                | Group.Remap r -> runRemap r src dst
                | Group.Points steps ->
                    if src.ElementType = ElementType.Byte then runPointsBytes steps src dst
                    else
                        for s in steps do runPointFloats s src dst
                | Group.Filter k | Group.Kernel k -> k.Run src dst
                true }

    let private runGroup (options: RunOptions) (g: Group) (src: PixelBuffer) (dst: PixelBuffer) =
        let backend = match options.Backend with Some _ -> options.Backend | None -> globalBackend
        let ran = match backend with Some b -> b.TryRun(g, src, dst) | None -> false
        if not ran then cpu.TryRun(g, src, dst) |> ignore

    /// <summary>The CPU's image part of a batch op: the kernels MixUp, CutMix and Mosaic run.</summary>
    let private cpuMix (mix: DeviceMix) (self: PixelBuffer) (partners: PixelBuffer[]) (dst: PixelBuffer) =
        let W, H, C = self.Width, self.Height, self.Channels
        let isByte = self.ElementType = ElementType.Byte
        match mix with
        | DeviceMix.Blend lam ->
            let b = partners.[0]
            if isByte then GeometryKernels.Mix(self.ReadBytes, b.ReadBytes, dst.Bytes, lam)
            else GeometryKernels.Mix(self.ReadFloats, b.ReadFloats, dst.Floats, lam, self.Range.Min, self.Range.Max)
        | DeviceMix.Paste (x0, y0, x1, y1) ->
            let b = partners.[0]
            if isByte then
                self.ReadBytes.CopyTo(dst.Bytes)
                GeometryKernels.PasteRect(b.ReadBytes, dst.Bytes, W, H, C, x0, y0, x1, y1)
            else
                self.ReadFloats.CopyTo(dst.Floats)
                GeometryKernels.PasteRect(b.ReadFloats, dst.Floats, W, H, C, x0, y0, x1, y1)
        | DeviceMix.Mosaic q ->
            for k in 0 .. 3 do
                let s = if k = 0 then self else partners.[k - 1]
                let dx, dy, sx, sy, w, h = q.[6 * k], q.[6 * k + 1], q.[6 * k + 2], q.[6 * k + 3], q.[6 * k + 4], q.[6 * k + 5]
                if isByte then BatchKernels.CopyRect(s.ReadBytes, W, H, dst.Bytes, W, H, C, sx, sy, dx, dy, w, h)
                else BatchKernels.CopyRect(s.ReadFloats, W, H, dst.Floats, W, H, C, sx, sy, dx, dy, w, h)

    /// <summary>The image a batch op's <c>MixStep.Device</c> describes, written into <paramref name="dst"/> (of the
    /// sample's shape and type): on the run's backend when it implements <c>IMixBackend</c> and takes it, else on the
    /// CPU (the same bits). <c>Aug.runBatchInto</c> writes a final batch op's image straight into the caller's buffer.</summary>
    let mixImageInto (options: RunOptions) (mix: DeviceMix) (self: Image) (partners: Image[]) (dst: PixelBuffer) =
        let needed = match mix with DeviceMix.Mosaic q -> (if q.Length <> 24 then Throw.Argument("mix", sprintf "%d numbers" q.Length, "24 numbers (6 per quadrant)")); 3 | _ -> 1
        if partners.Length < needed then Throw.Argument("partners", partners.Length, sprintf "%d partner images for %A" needed mix)
        for i in 0 .. partners.Length - 1 do
            let p = partners.[i]
            if p.Width <> self.Width || p.Height <> self.Height || p.Channels <> self.Channels || p.ElementType <> self.ElementType then
                Throw.Argument(sprintf "partners[%d]" i, sprintf "%dx%dx%d %A" p.Width p.Height p.Channels p.ElementType,
                               sprintf "the sample's shape and type %dx%dx%d %A" self.Width self.Height self.Channels self.ElementType)
        if dst.Width <> self.Width || dst.Height <> self.Height || dst.Channels <> self.Channels || dst.ElementType <> self.ElementType then
            Throw.Argument("dst", string dst, sprintf "a %dx%dx%d %A buffer (the sample's shape and type)" self.Width self.Height self.Channels self.ElementType)
        let src = PixelBuffer.View self
        let ps = Array.zeroCreate<PixelBuffer> partners.Length
        for i in 0 .. ps.Length - 1 do ps.[i] <- PixelBuffer.View partners.[i]
        let backend = match options.Backend with Some _ -> options.Backend | None -> globalBackend
        let ran =
            match backend with
            | Some (:? IMixBackend as b) -> b.TryMix(mix, src, ps, dst)
            | _ -> false
        if not ran then cpuMix mix src ps dst

    /// <summary>The image a batch op's <c>MixStep.Device</c> describes: on the run's backend when it implements
    /// <c>IMixBackend</c> and takes it, else on the CPU (the same bits).</summary>
    let mixImage (options: RunOptions) (mix: DeviceMix) (self: Image) (partners: Image[]) =
        let needed = match mix with DeviceMix.Mosaic q -> (if q.Length <> 24 then Throw.Argument("mix", sprintf "%d numbers" q.Length, "24 numbers (6 per quadrant)")); 3 | _ -> 1
        if partners.Length < needed then Throw.Argument("partners", partners.Length, sprintf "%d partner images for %A" needed mix)
        for i in 0 .. partners.Length - 1 do
            let p = partners.[i]
            if p.Width <> self.Width || p.Height <> self.Height || p.Channels <> self.Channels || p.ElementType <> self.ElementType then
                Throw.Argument(sprintf "partners[%d]" i, sprintf "%dx%dx%d %A" p.Width p.Height p.Channels p.ElementType,
                               sprintf "the sample's shape and type %dx%dx%d %A" self.Width self.Height self.Channels self.ElementType)
        let dst = PixelBuffer.Allocate(self.Width, self.Height, self.Channels, self.ElementType, self.Range)
        let src = PixelBuffer.View self
        let ps = partners |> Array.map PixelBuffer.View
        let backend = match options.Backend with Some _ -> options.Backend | None -> globalBackend
        let ran =
            match backend with
            | Some (:? IMixBackend as b) -> b.TryMix(mix, src, ps, dst)
            | _ -> false
        if not ran then cpuMix mix src ps dst
        dst.ToImage()

    let private executeGroups (options: RunOptions) (groups: Group list) (src: PixelBuffer) (final: Shape -> ElementType -> ValueRange -> PixelBuffer) =
        let mutable cur = src
        let mutable shape = { Width = src.Width; Height = src.Height; Channels = src.Channels }
        // Each buffer takes the element type and range its group writes (a conversion kernel changes them).
        let mutable elementType, range = src.ElementType, src.Range
        let mutable rest = groups
        try
            while not rest.IsEmpty do
                let g = rest.Head
                rest <- rest.Tail
                let outShape = outputShape g shape
                let struct (outType, outRange) = outputFormat g elementType range
                let dst =
                    if rest.IsEmpty then final outShape outType outRange
                    else PixelBuffer.Rent(outShape.Width, outShape.Height, outShape.Channels, outType, outRange)
                runGroup options g cur dst
                if not (Object.ReferenceEquals(cur, src)) then cur.Return()
                cur <- dst
                shape <- outShape
                elementType <- outType
                range <- outRange
            cur
        with _ ->
            if not (Object.ReferenceEquals(cur, src)) then cur.Return()
            reraise ()

    /// <summary>Runs groups from <paramref name="src"/>, intermediates in pooled buffers; the last group writes
    /// into <paramref name="final"/> (called with the output shape, element type and value range). Returns the
    /// buffer holding the result, which is <paramref name="src"/> itself when there are no groups.</summary>
    let execute (options: RunOptions) (groups: Group list) (src: PixelBuffer) (final: Shape -> ElementType -> ValueRange -> PixelBuffer) =
        match (match options.Backend with Some _ -> options.Backend | None -> globalBackend) with
        | Some (:? IPlanBackend as pb) when not groups.IsEmpty ->
            (pb.RunPlans [| { Groups = groups; Source = src; Final = final } |]).[0]
        | _ -> executeGroups options groups src final

    /// The mask's plan: the warp and remap groups of the image's plan, with nearest neighbour and the mask's fill.
    let maskGroups (groups: Group list) =
        let nearest (w: WarpStep) = { w with Interpolation = Interpolation.Nearest; Fill = [| float32 w.MaskFill |] }
        groups |> List.choose (fun g ->
            match g with
            | Group.Warp ws -> Some(Group.Warp(List.map nearest ws))
            | Group.Remap r -> Some(Group.Remap { r with Interpolation = Interpolation.Nearest; Fill = [| float32 r.MaskFill |] })
            | _ -> None)

    /// <summary>Runs pixel steps on an image and its mask: the image with the planned groups, the mask with their
    /// warps. Only the outputs are allocated.</summary>
    let runPixels (options: RunOptions) (steps: Step list) (image: Image) (mask: Image option) =
        let shape = Shape.Of image
        let groups = plan options.Fuse image.ElementType shape steps
        let allocate (s: Shape) (t: ElementType) (r: ValueRange) = PixelBuffer.Allocate(s.Width, s.Height, s.Channels, t, r)
        let outImage =
            if groups.IsEmpty then image
            else (execute options groups (PixelBuffer.View image) allocate).ToImage()
        let outMask =
            mask |> Option.map (fun m ->
                let mg = maskGroups groups
                if mg.IsEmpty then m
                else
                    let alloc (s: Shape) (_: ElementType) (_: ValueRange) = PixelBuffer.Allocate(s.Width, s.Height, 1, ElementType.Byte, ValueRange.Byte)
                    (execute options mg (PixelBuffer.View m) alloc).ToImage())
        outImage, outMask

    /// <summary>Whether the backend these options run on takes whole plans (<c>IPlanBackend</c>), so that a batch's
    /// plans should reach it together through <c>runPixelsBatch</c>.</summary>
    let backendRunsPlans (options: RunOptions) =
        match (match options.Backend with Some _ -> options.Backend | None -> globalBackend) with
        | Some (:? IPlanBackend) -> true
        | _ -> false

    /// <summary>Runs pixel steps on many images and their masks: with a backend that runs whole plans, every image's
    /// and mask's plan goes to it in one call (a batch per launch sequence); otherwise one <c>runPixels</c> each. The
    /// results are <c>runPixels</c>'s, item by item.</summary>
    let runPixelsBatch (options: RunOptions) (items: (Step list * Image * Image option)[]) =
        match (match options.Backend with Some _ -> options.Backend | None -> globalBackend) with
        | Some (:? IPlanBackend as pb) ->
            let jobs = ResizeArray<PlanJob>()
            let allocate (s: Shape) (t: ElementType) (r: ValueRange) = PixelBuffer.Allocate(s.Width, s.Height, s.Channels, t, r)
            let allocMask (s: Shape) (_: ElementType) (_: ValueRange) = PixelBuffer.Allocate(s.Width, s.Height, 1, ElementType.Byte, ValueRange.Byte)
            // Each item's image job and mask job: their indices in jobs, or -1 when the plan is empty.
            let slots =
                items |> Array.map (fun (steps, image: Image, mask: Image option) ->
                    let groups = plan options.Fuse image.ElementType (Shape.Of image) steps
                    let imageSlot =
                        if groups.IsEmpty then -1
                        else
                            jobs.Add { Groups = groups; Source = PixelBuffer.View image; Final = allocate }
                            jobs.Count - 1
                    let maskSlot =
                        match mask with
                        | Some m ->
                            let mg = maskGroups groups
                            if mg.IsEmpty then -1
                            else
                                jobs.Add { Groups = mg; Source = PixelBuffer.View m; Final = allocMask }
                                jobs.Count - 1
                        | None -> -1
                    struct (imageSlot, maskSlot))
            let results = if jobs.Count = 0 then [||] else pb.RunPlans(jobs.ToArray())
            Array.map2 (fun (_, image: Image, mask: Image option) (struct (i, m)) ->
                (if i < 0 then image else results.[i].ToImage()),
                (if m < 0 then mask else Some(results.[m].ToImage()))) items slots
        | _ -> items |> Array.map (fun (steps, image, mask) -> runPixels options steps image mask)

    /// <summary>Runs pixel steps on an image into a caller's buffer of the output shape and element type (a
    /// conversion kernel may change the type); allocates nothing but small plan values in steady state. A float
    /// destination's declared range is the caller's: the kernels clamp to the range the plan computes.</summary>
    /// <exception cref="System.ArgumentException">The destination's shape or element type is not the output's.</exception>
    let runPixelsInto (options: RunOptions) (steps: Step list) (image: Image) (destination: PixelBuffer) =
        let shape = Shape.Of image
        let groups = plan options.Fuse image.ElementType shape steps
        let check (s: Shape) (t: ElementType) (_: ValueRange) =
            if destination.Width <> s.Width || destination.Height <> s.Height || destination.Channels <> s.Channels
               || destination.ElementType <> t then
                Throw.Argument("destination", string destination,
                               sprintf "a %dx%dx%d %A buffer (the pipeline's output for this sample)" s.Width s.Height s.Channels t)
            destination
        if groups.IsEmpty then
            check shape image.ElementType image.Range |> ignore
            if image.ElementType = ElementType.Byte then image.Bytes.CopyTo(destination.Bytes) else image.Floats.CopyTo(destination.Floats)
        else
            execute options groups (PixelBuffer.View image) check |> ignore
