namespace Augment

open System
open System.Buffers
open System.Runtime.CompilerServices
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

    // One value for every run that asks for the default (a new record per call would be allocated per run).
    static let defaultOptions = { Fuse = true; Backend = None }

    /// Fusion on, CPU backend.
    static member Default = defaultOptions

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

/// <summary>What <c>Engine.warpPlan</c> works out for a warp group, in reusable fields rather than a new
/// <c>WarpPlan</c>: the CPU's runs into a destination keep one per thread, so a warm run allocates none.</summary>
[<Sealed; AllowNullLiteral>]
type internal WarpScratch() =
    /// The group's warp steps (the first <c>Count</c> entries).
    member val Warps : WarpStep[] = Array.zeroCreate 4 with get, set
    member val Count = 0 with get, set
    /// 0: fill, 1: exact copy, 2: area resize, 3: resample (the cases of <c>WarpPlan</c>).
    member val Kind = 0 with get, set
    /// The fill, one value per channel (an array of exactly the channel count).
    member val Fill : float32[] = null with get, set
    member val FillBytes : byte[] = null with get, set
    member val Map = IntegerMap() with get, set
    member val X0 = 0 with get, set
    member val Y0 = 0 with get, set
    member val X1 = 0 with get, set
    member val Y1 = 0 with get, set
    member val Border = BorderMode.Constant with get, set
    member val AreaX0 = 0.0 with get, set
    member val AreaY0 = 0.0 with get, set
    member val AreaSx = 0.0 with get, set
    member val AreaSy = 0.0 with get, set
    member val Inverse = Matrix3.Identity with get, set
    member val Interpolation = Interpolation.Nearest with get, set
    /// The windows of skipped intermediates (the first <c>WindowCount</c> entries).
    member val Windows : WarpWindow[] = Array.zeroCreate 4 with get, set
    member val WindowCount = 0 with get, set
    // The fill arrays' own storage (Fill may instead be a step's own array of one value per channel).
    member val OwnFill : float32[] = [||] with get, set

    member w.AddWarp(step: WarpStep) =
        if w.Count = w.Warps.Length then
            let a = Array.zeroCreate (2 * w.Count)
            Array.blit w.Warps 0 a 0 w.Count
            w.Warps <- a
        w.Warps.[w.Count] <- step
        w.Count <- w.Count + 1

    member w.AddWindow(win: WarpWindow) =
        if w.WindowCount = w.Windows.Length then
            let a = Array.zeroCreate (2 * w.WindowCount)
            Array.blit w.Windows 0 a 0 w.WindowCount
            w.Windows <- a
        w.Windows.[w.WindowCount] <- win
        w.WindowCount <- w.WindowCount + 1

    /// Drops the references to steps (the group has run).
    member w.Clear() =
        Array.Clear(w.Warps, 0, w.Count)
        w.Count <- 0
        w.Fill <- null

/// <summary>What the CPU reuses from one run into a destination to the next on a thread: the flattened steps, the
/// group bounds, the warp scratch and the buffer objects of the source view and the intermediates (whose arrays come
/// from the shared pool). Taken for a run and given back after it; a run that finds none taken (a nested run) makes its
/// own.</summary>
[<Sealed; AllowNullLiteral>]
type internal CpuScratch() =
    [<ThreadStatic; DefaultValue>] static val mutable private cached: CpuScratch
    member val Steps = Collections.Generic.List<Step>()
    /// The first step of each group, in order.
    member val Starts = Collections.Generic.List<int>()
    member val Warp = WarpScratch()
    member val Source = PixelBuffer.Empty()
    member val A = PixelBuffer.Empty()
    member val B = PixelBuffer.Empty()
    member val PassA = PixelBuffer.Empty()
    member val PassB = PixelBuffer.Empty()
    /// This thread's scratch, taken until <c>Give</c>.
    static member Take() =
        let s = CpuScratch.cached
        if isNull s then CpuScratch()
        else
            CpuScratch.cached <- null
            s
    /// Gives a scratch back to this thread, cleared of every reference to steps and images.
    static member Give(s: CpuScratch) =
        s.Steps.Clear()
        s.Warp.Clear()
        s.Source.Detach()
        CpuScratch.cached <- s

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

    let private rank (i: Interpolation) =
        match i with
        | Interpolation.Lanczos -> 3
        | Interpolation.Bicubic -> 2
        | Interpolation.Bilinear -> 1
        | _ -> 0

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

    // Group bounds over flattened steps: the index of each group's first step goes into starts (a group runs to the next
    // one's first step, the last to the end). The groups are plan's, below: consecutive warps join one group while the
    // later ones that read outside their input use a constant border with the group's fill and no step is an area
    // resize; consecutive point-colour steps join one group on byte images; every other step is a group of its own.
    [<MethodImpl(MethodImplOptions.AggressiveOptimization)>]
    let private groupBounds (fuse: bool) (elementType: ElementType) (width: int) (height: int) (steps: Collections.Generic.List<Step>)
                            (starts: Collections.Generic.List<int>) =
        starts.Clear()
        // The open group: 0 none, 1 warps, 2 points.
        let mutable openKind = 0
        let mutable anyArea = false
        let mutable hasOutside = false
        let mutable outsideBorder = BorderMode.Constant
        let mutable outsideFill : float32[] = null
        let mutable w = width
        let mutable h = height
        let mutable elementType = elementType
        for i in 0 .. steps.Count - 1 do
            match steps.[i] with
            | Step.Warp ws ->
                let ro = readsOutside ws w h
                let area = ws.Interpolation = Interpolation.Area || (openKind = 1 && anyArea)
                let joins =
                    fuse && openKind = 1 && not area
                    && (not ro
                        || (ws.Border = BorderMode.Constant
                            && (not hasOutside || (outsideBorder = BorderMode.Constant && outsideFill = ws.Fill))))
                if not joins then
                    starts.Add i
                    openKind <- 1
                    anyArea <- false
                    hasOutside <- false
                    outsideFill <- null
                if ro && not hasOutside then
                    hasOutside <- true
                    outsideBorder <- ws.Border
                    outsideFill <- ws.Fill
                anyArea <- anyArea || ws.Interpolation = Interpolation.Area
                if not fuse then openKind <- 0
                w <- ws.Width
                h <- ws.Height
            | Step.Remap r ->
                starts.Add i
                openKind <- 0
                w <- r.Width
                h <- r.Height
            | Step.Point _ | Step.StatPoint _ ->
                let separate = not fuse || elementType = ElementType.Float32
                if separate || openKind <> 2 then starts.Add i
                openKind <- (if separate then 0 else 2)
            | Step.Filter k | Step.Kernel k ->
                starts.Add i
                openKind <- 0
                match k.OutputType with ValueSome t -> elementType <- t | ValueNone -> ()
            | Step.Custom (name, _) ->
                Throw.Argument("steps", name, "pixel steps only (the interpreter runs custom and batch steps itself)")
            | Step.Mix _ -> Throw.Argument("steps", "a batch step", "pixel steps only (batch steps run in Aug.runBatch)")
            | Step.Many _ | Step.Nothing | Step.Label _ ->
                Throw.Argument("steps", "a nested step list", "flattened steps")

    // The steps with every Many expanded and every Nothing and Label dropped, added to into.
    let private addFlattened (steps: Step list) (into: Collections.Generic.List<Step>) =
        if needsFlatten steps then
            for s in steps |> List.collect flatten do into.Add s
        else
            for s in steps do into.Add s

    /// <summary>Folds pixel steps into groups. With <paramref name="fuse"/>, consecutive warps join one group
    /// while the later ones that read outside their input use a constant border with the group's fill (so that a
    /// window can stand in for the skipped intermediate's edge) and no step is an area resize; consecutive
    /// point-colour steps join one group on byte images. Without it, every step is its own group.</summary>
    let plan (fuse: bool) (elementType: ElementType) (input: Shape) (steps: Step list) : Group list =
        let flat = Collections.Generic.List<Step>()
        addFlattened steps flat
        let starts = Collections.Generic.List<int>()
        groupBounds fuse elementType input.Width input.Height flat starts
        let mutable l = []
        for g in starts.Count - 1 .. -1 .. 0 do
            let s0 = starts.[g]
            let s1 = if g + 1 < starts.Count then starts.[g + 1] else flat.Count
            let group =
                match flat.[s0] with
                | Step.Warp _ -> Group.Warp [ for i in s0 .. s1 - 1 -> (match flat.[i] with Step.Warp w -> w | _ -> failwith "unreachable") ]
                | Step.Remap r -> Group.Remap r
                | Step.Filter k -> Group.Filter k
                | Step.Kernel k -> Group.Kernel k
                | _ -> Group.Points [ for i in s0 .. s1 - 1 -> flat.[i] ]
            l <- group :: l
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

    // fillOf into reusable storage: the step's own array when it has one value per channel, else the scratch's.
    let private fillInto (sc: WarpScratch) (range: ValueRange) (channels: int) (fill: float32[]) =
        if fill.Length = channels && channels > 1 then fill
        elif fill.Length = 0 || fill.Length = 1 then
            if sc.OwnFill.Length <> channels then sc.OwnFill <- Array.zeroCreate channels
            let v = if fill.Length = 0 then range.Min else fill.[0]
            let a = sc.OwnFill
            for c in 0 .. channels - 1 do a.[c] <- v
            a
        else fillOf range channels fill

    let private noFill : float32[] = [||]

    // How the first sc.Count warps of sc run on a width x height x ch source of the range (what warpPlan returns), into
    // sc's fields.
    [<MethodImpl(MethodImplOptions.AggressiveOptimization)>]
    let private planWarps (sc: WarpScratch) (width: int) (height: int) (ch: int) (range: ValueRange) =
        let first = sc.Warps.[0]
        // Compose, and collect a window for every skipped intermediate whose edge a later step reads past.
        let mutable composed = Matrix3.Identity
        let mutable inW = width
        let mutable inH = height
        sc.WindowCount <- 0
        let mutable border = BorderMode.Constant
        let mutable fill = noFill
        let mutable sawOutside = false
        let mutable area = false
        let mutable allExact = true
        // The resampling of the group: the highest order among its steps that resample (exact copies do not).
        let mutable order = Interpolation.Nearest
        for i in 0 .. sc.Count - 1 do
            let w = sc.Warps.[i]
            let ro = readsOutside w inW inH
            if ro && i > 0 then sc.AddWindow(WarpWindow(composed, float inW, float inH))
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
        if not sawOutside then border <- first.Border
        let fillF = fillInto sc range ch fill
        sc.Fill <- fillF
        let interp = if area then Interpolation.Area else order
        let exactMap = if allExact then composed.AsIntegerMap() else Nullable()
        if exactMap.HasValue then
            // Every window is an integer rectangle in source pixels: intersect them.
            let mutable x0 = 0
            let mutable y0 = 0
            let mutable x1 = width
            let mutable y1 = height
            for k in 0 .. sc.WindowCount - 1 do
                let win = sc.Windows.[k]
                let inv = win.ToIntermediate.Inverse()
                let struct (ax, ay) = inv.Apply(0.0, 0.0)
                let struct (bx, by) = inv.Apply(win.Width, win.Height)
                x0 <- max x0 (int (Math.Round(min ax bx)))
                y0 <- max y0 (int (Math.Round(min ay by)))
                x1 <- min x1 (int (Math.Round(max ax bx)))
                y1 <- min y1 (int (Math.Round(max ay by)))
            if x0 >= x1 || y0 >= y1 then sc.Kind <- 0
            else
                sc.Kind <- 1
                sc.Map <- exactMap.Value
                sc.X0 <- x0
                sc.Y0 <- y0
                sc.X1 <- x1
                sc.Y1 <- y1
                sc.Border <- border
        elif interp = Interpolation.Area then
            let m = composed
            if not (m.IsAffine && m.M01 = 0.0 && m.M10 = 0.0 && m.M00 > 0.0 && m.M11 > 0.0) then
                Throw.Argument("interpolation", "Area", "an axis-aligned scale (area resampling cannot rotate, shear or flip)")
            let sx, sy = 1.0 / m.M00, 1.0 / m.M11
            sc.Kind <- 2
            sc.AreaX0 <- -m.M02 * sx
            sc.AreaY0 <- -m.M12 * sy
            sc.AreaSx <- sx
            sc.AreaSy <- sy
        else
            sc.Kind <- 3
            sc.Inverse <- composed.Inverse()
            sc.Interpolation <- interp
            sc.Border <- border

    let private scratchOf (ws: WarpStep list) =
        let sc = WarpScratch()
        for w in ws do sc.AddWarp w
        sc

    /// <summary>How a warp group runs on a source of <paramref name="input"/>'s shape and <paramref name="range"/>:
    /// the composed matrix, windows, border, fill and interpolation the CPU backend uses.</summary>
    let warpPlan (ws: WarpStep list) (input: Shape) (range: ValueRange) : WarpPlan =
        let sc = scratchOf ws
        if sc.Count = 0 then invalidArg "ws" "The input list was empty."
        planWarps sc input.Width input.Height input.Channels range
        let fillF = Array.copy sc.Fill
        match sc.Kind with
        | 0 -> WarpPlan.Fill fillF
        | 1 -> WarpPlan.Copy(sc.Map, sc.X0, sc.Y0, sc.X1, sc.Y1, sc.Border, fillF)
        | 2 -> WarpPlan.Area(sc.AreaX0, sc.AreaY0, sc.AreaSx, sc.AreaSy)
        | _ -> WarpPlan.Resample(sc.Inverse, sc.Interpolation, sc.Border, fillF, Array.sub sc.Windows 0 sc.WindowCount)

    // Runs the first sc.Count warps of sc from src into dst.
    [<MethodImpl(MethodImplOptions.AggressiveOptimization)>]
    let private runWarps (sc: WarpScratch) (src: PixelBuffer) (dst: PixelBuffer) =
        let ch = src.Channels
        planWarps sc src.Width src.Height ch src.Range
        let fillF = sc.Fill
        match sc.Kind with
        | 0 ->
            if src.ElementType = ElementType.Byte then
                let d = dst.Bytes
                for i in 0 .. d.Length - 1 do d.[i] <- roundByte fillF.[i % ch]
            else
                let d = dst.Floats
                for i in 0 .. d.Length - 1 do d.[i] <- fillF.[i % ch]
        | 1 ->
            if src.ElementType = ElementType.Byte then
                if isNull sc.FillBytes || sc.FillBytes.Length <> ch then sc.FillBytes <- Array.zeroCreate ch
                let fb = sc.FillBytes
                for c in 0 .. ch - 1 do fb.[c] <- roundByte fillF.[c]
                GeometryKernels.CopyExact(src.ReadBytes, src.Width, src.Height, ch, dst.Bytes, dst.Width, dst.Height, sc.Map,
                                          sc.X0, sc.Y0, sc.X1, sc.Y1, sc.Border, ReadOnlySpan fb)
            else
                GeometryKernels.CopyExact(src.ReadFloats, src.Width, src.Height, ch, dst.Floats, dst.Width, dst.Height, sc.Map,
                                          sc.X0, sc.Y0, sc.X1, sc.Y1, sc.Border, ReadOnlySpan fillF)
        | 2 ->
            if src.ElementType = ElementType.Byte then
                GeometryKernels.ResizeArea(src.ReadBytes, src.Width, src.Height, ch, dst.Bytes, dst.Width, dst.Height, sc.AreaX0, sc.AreaY0, sc.AreaSx, sc.AreaSy)
            else
                GeometryKernels.ResizeArea(src.ReadFloats, src.Width, src.Height, ch, dst.Floats, dst.Width, dst.Height, sc.AreaX0, sc.AreaY0, sc.AreaSx, sc.AreaSy)
                clampToRange dst
        | _ ->
            let inv = sc.Inverse
            let wins = ReadOnlySpan(sc.Windows, 0, sc.WindowCount)
            if src.ElementType = ElementType.Byte then
                GeometryKernels.Warp(src.ReadBytes, src.Width, src.Height, ch, dst.Bytes, dst.Width, dst.Height, &inv, sc.Interpolation, sc.Border, ReadOnlySpan fillF, wins)
            else
                // The overload with the range clamps interpolated values to it (bilinear, bicubic and Lanczos can
                // overshoot: bicubic and Lanczos by design, bilinear by an ulp of float32 rounding).
                GeometryKernels.Warp(src.ReadFloats, src.Width, src.Height, ch, dst.Floats, dst.Width, dst.Height, &inv, sc.Interpolation, sc.Border, ReadOnlySpan fillF, wins, src.Range)

    let private runWarp (ws: WarpStep list) (src: PixelBuffer) (dst: PixelBuffer) = runWarps (scratchOf ws) src dst

    let private runRemapWith (sc: WarpScratch) (r: RemapStep) (src: PixelBuffer) (dst: PixelBuffer) =
        let mx, my = r.Map.Value
        let fillF = fillInto sc src.Range src.Channels r.Fill
        if src.ElementType = ElementType.Byte then
            GeometryKernels.Remap(src.ReadBytes, src.Width, src.Height, src.Channels, dst.Bytes, dst.Width, dst.Height,
                                  ReadOnlySpan mx, ReadOnlySpan my, r.Interpolation, r.Border, ReadOnlySpan fillF)
        else
            GeometryKernels.Remap(src.ReadFloats, src.Width, src.Height, src.Channels, dst.Floats, dst.Width, dst.Height,
                                  ReadOnlySpan mx, ReadOnlySpan my, r.Interpolation, r.Border, ReadOnlySpan fillF, src.Range)

    let private runRemap (r: RemapStep) (src: PixelBuffer) (dst: PixelBuffer) = runRemapWith (WarpScratch()) r src dst

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
            // The curried function adapted once: 256 direct two-argument calls per channel instead of InvokeFast's type
            // test and dispatch on each (the same function, so the same values).
            let f2 = OptimizedClosures.FSharpFunc<int, float32, float32>.Adapt f
            for c in 0 .. ch - 1 do
                for v in 0 .. 255 do
                    tables.[c * 256 + v] <- roundByte (f2.Invoke(c, float32 tables.[c * 256 + v]))

    let private identity256 = Array.init 256 byte

    let private identityTables (tables: byte[]) (channels: int) =
        let mutable same = true
        let mutable i = 0
        while same && i < 256 * channels do
            same <- tables.[i] = byte (i &&& 255)
            i <- i + 1
        same

    // byteTables over steps [start, start + count) of a list.
    [<MethodImpl(MethodImplOptions.AggressiveOptimization)>]
    let private byteTablesOf (steps: Collections.Generic.List<Step>) (start: int) (count: int) (src: PixelBuffer) (tables: byte[]) =
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
            for i in start .. start + count - 1 do
                let s = steps.[i]
                let pm =
                    match s with
                    | Step.Point pm -> pm
                    | Step.StatPoint (Statistic.Means, build) when not haveSource && identityTables tables ch ->
                        // Means of the source itself (no map before this step): exact channel sums, no histogram. The
                        // same integer sums as statsOfHistograms, so the same means to the bit.
                        let sums = ArrayPool<int64>.Shared.Rent ch
                        try
                            TableKernels.ChannelSums(src.ReadBytes, ch, Span(sums, 0, ch))
                            let pixels = int64 (src.Width * src.Height)
                            let means = Array.zeroCreate<float> ch
                            for c in 0 .. ch - 1 do means.[c] <- float sums.[c] / float pixels
                            build { Means = means; Histograms = [||]; Pixels = pixels }
                        finally
                            ArrayPool<int64>.Shared.Return sums
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

    let private listOf (steps: Step list) =
        let l = Collections.Generic.List<Step>()
        for s in steps do l.Add s
        l

    /// <summary>Fills <paramref name="tables"/> (at least 256 entries per channel, channel after channel) with the one
    /// table per channel that a byte point group's steps compose to on <paramref name="src"/>: statistics are taken once,
    /// as the source's histogram pushed through the table built so far.</summary>
    let byteTables (steps: Step list) (src: PixelBuffer) (tables: byte[]) =
        let l = listOf steps
        byteTablesOf l 0 l.Count src tables

    let private runTablePass (steps: Collections.Generic.List<Step>) (start: int) (count: int) (src: PixelBuffer) (dst: PixelBuffer) =
        let ch = src.Channels
        let n = 256 * ch
        // Tables and histograms come from the pools: a plan run into a destination allocates no image-sized or
        // table-sized arrays.
        let tables = ArrayPool<byte>.Shared.Rent n
        try
            byteTablesOf steps start count src tables
            TableKernels.Apply(src.ReadBytes, dst.Bytes, ch, ReadOnlySpan(tables, 0, n))
        finally
            ArrayPool<byte>.Shared.Return tables

    // The end (exclusive) of the table pass that starts at step start of [start, stop): a step needing the channel means
    // after another step starts the next pass.
    let private passEnd (steps: Collections.Generic.List<Step>) (start: int) (stop: int) =
        let mutable e = start + 1
        let mutable go = true
        while go && e < stop do
            match steps.[e] with
            | Step.StatPoint (Statistic.Means, _) -> go <- false
            | _ -> e <- e + 1
        e

    /// <summary>The passes the CPU runs a byte point group in: one table pass, except that a step needing the channel
    /// means after another step starts a new pass. Its means then come from exact channel sums of the image as it
    /// stands (a cheap SIMD pass) instead of a histogram of the source pushed through the table so far (a slow scalar
    /// pass), and each pass's table is more often one the SIMD lookups take (a composed table with rounding ties at
    /// every entry is not affine). The bits are the same: a histogram pushed through a table is the histogram of the
    /// mapped image, and applying tables one after another is applying their composition.</summary>
    let internal tablePasses (steps: Step list) =
        let l = listOf steps
        let mutable passes = []
        let mutable i = 0
        while i < l.Count do
            let e = passEnd l i l.Count
            passes <- [ for k in i .. e - 1 -> l.[k] ] :: passes
            i <- e
        List.rev passes

    // Runs the byte point group of steps [start, start + count) from src into dst, in its table passes; a pass that is
    // not the last writes into a or b (buffer objects holding no arrays), whose arrays come from the pool.
    [<MethodImpl(MethodImplOptions.AggressiveOptimization)>]
    let private runPointsBytesOf (a: PixelBuffer) (b: PixelBuffer) (steps: Collections.Generic.List<Step>) (start: int) (count: int)
                                 (src: PixelBuffer) (dst: PixelBuffer) =
        let stop = start + count
        let first = passEnd steps start stop
        if first >= stop then runTablePass steps start count src dst
        else
            let mutable cur = src
            let mutable i = start
            try
                while i < stop do
                    let e = if i = start then first else passEnd steps i stop
                    let out =
                        if e >= stop then dst
                        else (if Object.ReferenceEquals(cur, a) then b else a).RentFor(src.Width, src.Height, src.Channels, ElementType.Byte, ValueRange.Byte)
                    runTablePass steps i (e - i) cur out
                    if not (Object.ReferenceEquals(cur, src)) then cur.Return()
                    cur <- out
                    i <- e
            with _ ->
                if not (Object.ReferenceEquals(cur, src)) && not (Object.ReferenceEquals(cur, dst)) then cur.Return()
                reraise ()

    let private runPointsBytes (steps: Step list) (src: PixelBuffer) (dst: PixelBuffer) =
        let l = listOf steps
        runPointsBytesOf (PixelBuffer.Empty()) (PixelBuffer.Empty()) l 0 l.Count src dst

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
            let f2 = OptimizedClosures.FSharpFunc<int, float32, float32>.Adapt f
            for i in 0 .. s.Length - 1 do
                d.[i] <- MathF.Min(MathF.Max(f2.Invoke(i % ch, s.[i]), range.Min), range.Max)

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
            // One pass writing each sample once (CutMixKernels.CopyWithRect) when dst shares no memory with the inputs;
            // else a copy of this image, then the rectangle pasted over it. The same bits.
            if isByte then
                if MemoryExtensions.Overlaps(self.ReadBytes, dst.ReadBytes) || MemoryExtensions.Overlaps(b.ReadBytes, dst.ReadBytes) then
                    self.ReadBytes.CopyTo(dst.Bytes)
                    GeometryKernels.PasteRect(b.ReadBytes, dst.Bytes, W, H, C, x0, y0, x1, y1)
                else CutMixKernels.CopyWithRect(self.ReadBytes, b.ReadBytes, dst.Bytes, W, H, C, x0, y0, x1, y1)
            else
                if MemoryExtensions.Overlaps(self.ReadFloats, dst.ReadFloats) || MemoryExtensions.Overlaps(b.ReadFloats, dst.ReadFloats) then
                    self.ReadFloats.CopyTo(dst.Floats)
                    GeometryKernels.PasteRect(b.ReadFloats, dst.Floats, W, H, C, x0, y0, x1, y1)
                else CutMixKernels.CopyWithRect(self.ReadFloats, b.ReadFloats, dst.Floats, W, H, C, x0, y0, x1, y1)
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
        let mutable elementType = src.ElementType
        let mutable range = src.Range
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

    // The CPU's run of flattened steps from src into destination (checked against the output's shape and type when the
    // last group is reached, as runPixelsInto's final does), with sc's buffer objects for the intermediates.
    [<MethodImpl(MethodImplOptions.AggressiveOptimization)>]
    let private runCpuInto (sc: CpuScratch) (fuse: bool) (steps: Collections.Generic.List<Step>) (src: PixelBuffer) (destination: PixelBuffer) =
        let starts = sc.Starts
        groupBounds fuse src.ElementType src.Width src.Height steps starts
        let groups = starts.Count
        let mutable cur = src
        let mutable width = src.Width
        let mutable height = src.Height
        let mutable channels = src.Channels
        let mutable elementType = src.ElementType
        let mutable range = src.Range
        try
            for g in 0 .. groups - 1 do
                let s0 = starts.[g]
                let s1 = if g + 1 < groups then starts.[g + 1] else steps.Count
                // What the group writes (outputShape and outputFormat).
                let mutable outW = width
                let mutable outH = height
                let mutable outC = channels
                let mutable outType = elementType
                let mutable outRange = range
                match steps.[s0] with
                | Step.Warp _ ->
                    match steps.[s1 - 1] with
                    | Step.Warp l ->
                        outW <- l.Width
                        outH <- l.Height
                    | _ -> ()
                | Step.Remap r ->
                    outW <- r.Width
                    outH <- r.Height
                | Step.Filter k | Step.Kernel k ->
                    (match steps.[s0] with Step.Kernel _ when k.Channels > 0 -> outC <- k.Channels | _ -> ())
                    let struct (t, r) = Steps.kernelFormat k elementType range
                    outType <- t
                    outRange <- r
                | _ -> ()
                let dst =
                    if g = groups - 1 then
                        if destination.Width <> outW || destination.Height <> outH || destination.Channels <> outC
                           || destination.ElementType <> outType then
                            Throw.Argument("destination", string destination,
                                           sprintf "a %dx%dx%d %A buffer (the pipeline's output for this sample)" outW outH outC outType)
                        destination
                    else (if Object.ReferenceEquals(cur, sc.A) then sc.B else sc.A).RentFor(outW, outH, outC, outType, outRange)
                match steps.[s0] with
                | Step.Warp _ ->
                    let ws = sc.Warp
                    ws.Count <- 0
                    for i in s0 .. s1 - 1 do
                        match steps.[i] with
                        | Step.Warp w -> ws.AddWarp w
                        | _ -> ()
                    runWarps ws cur dst
                    ws.Clear()
                | Step.Remap r -> runRemapWith sc.Warp r cur dst
                | Step.Filter k | Step.Kernel k -> k.Run cur dst
                | _ ->
                    if cur.ElementType = ElementType.Byte then runPointsBytesOf sc.PassA sc.PassB steps s0 (s1 - s0) cur dst
                    else
                        for i in s0 .. s1 - 1 do runPointFloats steps.[i] cur dst
                if not (Object.ReferenceEquals(cur, src)) then cur.Return()
                cur <- dst
                width <- outW
                height <- outH
                channels <- outC
                elementType <- outType
                range <- outRange
            groups
        with _ ->
            if not (Object.ReferenceEquals(cur, src)) then cur.Return()
            reraise ()

    // An empty plan's run into a destination: a copy of the image, into a buffer of its shape and type.
    let private copyInto (image: Image) (destination: PixelBuffer) =
        if destination.Width <> image.Width || destination.Height <> image.Height || destination.Channels <> image.Channels
           || destination.ElementType <> image.ElementType then
            Throw.Argument("destination", string destination,
                           sprintf "a %dx%dx%d %A buffer (the pipeline's output for this sample)" image.Width image.Height image.Channels image.ElementType)
        if image.ElementType = ElementType.Byte then image.Bytes.CopyTo(destination.Bytes) else image.Floats.CopyTo(destination.Floats)

    // runPixelsInto's pixel work, on the flattened steps: on the CPU with the thread's scratch (allocating nothing once
    // warm), or through the groups and backend of execute.
    let private runFlatInto (options: RunOptions) (steps: Collections.Generic.List<Step>) (image: Image) (destination: PixelBuffer) (sc: CpuScratch) =
        let backend = match options.Backend with Some _ -> options.Backend | None -> globalBackend
        match backend with
        | None ->
            if runCpuInto sc options.Fuse steps (sc.Source.PointAt image) destination = 0 then copyInto image destination
        | Some _ ->
            let mutable l = []
            for i in steps.Count - 1 .. -1 .. 0 do l <- steps.[i] :: l
            let groups = plan options.Fuse image.ElementType (Shape.Of image) l
            if groups.IsEmpty then copyInto image destination
            else
                let check (s: Shape) (t: ElementType) (_: ValueRange) =
                    if destination.Width <> s.Width || destination.Height <> s.Height || destination.Channels <> s.Channels
                       || destination.ElementType <> t then
                        Throw.Argument("destination", string destination,
                                       sprintf "a %dx%dx%d %A buffer (the pipeline's output for this sample)" s.Width s.Height s.Channels t)
                    destination
                execute options groups (PixelBuffer.View image) check |> ignore

    /// <summary>runPixelsInto on steps held in a list the caller keeps (the runner's): nothing is allocated once warm
    /// on the CPU.</summary>
    [<MethodImpl(MethodImplOptions.AggressiveOptimization)>]
    let internal runStepsInto (options: RunOptions) (steps: Collections.Generic.List<Step>) (image: Image) (destination: PixelBuffer) =
        let sc = CpuScratch.Take()
        try
            let flat = sc.Steps
            let mutable nested = false
            for i in 0 .. steps.Count - 1 do
                match steps.[i] with
                | Step.Many _ | Step.Nothing | Step.Label _ -> nested <- true
                | _ -> ()
            if nested then
                let mutable l = []
                for i in steps.Count - 1 .. -1 .. 0 do l <- steps.[i] :: l
                addFlattened l flat
            else
                for i in 0 .. steps.Count - 1 do flat.Add steps.[i]
            runFlatInto options flat image destination sc
        finally
            CpuScratch.Give sc

    /// <summary>Runs pixel steps on an image into a caller's buffer of the output shape and element type (a
    /// conversion kernel may change the type); on the CPU, allocates nothing once warm. A float destination's declared
    /// range is the caller's: the kernels clamp to the range the plan computes.</summary>
    /// <exception cref="System.ArgumentException">The destination's shape or element type is not the output's.</exception>
    let runPixelsInto (options: RunOptions) (steps: Step list) (image: Image) (destination: PixelBuffer) =
        let sc = CpuScratch.Take()
        try
            addFlattened steps sc.Steps
            runFlatInto options sc.Steps image destination sc
        finally
            CpuScratch.Give sc
