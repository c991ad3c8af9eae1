namespace Augment
    
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
        
        /// <summary>Runs <paramref name="group"/> from <paramref name="src"/> into <paramref name="dst"/> (the planner
        /// sized dst); false when this backend has no kernel for the group.</summary>
        abstract
          TryRun: group: Group * src: Native.PixelBuffer *
                  dst: Native.PixelBuffer -> bool
        
        /// The backend's name, for logs.
        abstract Name: string
    
    /// <summary>One image's plan, for a backend that runs whole plans: its groups (at least one), its source, and where
    /// the last group writes (called once, with the output shape, element type and value range).</summary>
    [<NoEquality; NoComparison>]
    type PlanJob =
        {
          
          /// The groups, in order.
          Groups: Group list
          
          /// The pixels the first group reads.
          Source: Native.PixelBuffer
          
          /// The buffer the last group writes, given its shape, element type and value range.
          Final: Shape -> Native.ElementType -> Native.ValueRange -> Native.PixelBuffer
        }
    
    /// <summary>A backend that runs whole plans (OpenCL keeps intermediates on the device between its groups): the engine
    /// hands it every group of a plan, and a batch run hands it every sample's plan in one call. Groups it has no kernel for
    /// it runs with <c>Engine.cpu</c> inside the plan. Its <c>TryRun</c> still runs single groups for callers of
    /// <c>IBackend</c>.</summary>
    type IPlanBackend =
        inherit IBackend
        
        /// <summary>Runs every job's plan, the CPU running the groups this backend declines; returns each job's result
        /// (the buffer its <c>Final</c> gave), in order.</summary>
        abstract RunPlans: jobs: PlanJob array -> Native.PixelBuffer array
    
    /// <summary>A backend that can also run the image part of a batch op (<c>MixStep.Device</c>); the batch runner asks
    /// it before the CPU.</summary>
    type IMixBackend =
        
        /// <summary>Writes the mix of <paramref name="self"/> with <paramref name="partners"/> (the partners in the order
        /// of <c>MixStep.Partners</c>, every one of self's shape, element type and range) into <paramref name="dst"/> (of
        /// self's shape); false when this backend has no kernel for it (then the CPU runs it).</summary>
        abstract
          TryMix: mix: DeviceMix * self: Native.PixelBuffer *
                  partners: Native.PixelBuffer array *
                  dst: Native.PixelBuffer -> bool
    
    /// How a plan runs.
    [<CompiledName ("FSharpRunOptions")>]
    type RunOptions =
        {
          
          /// Fold neighbouring steps (warps into one resample, byte colour tables into one table). On by default.
          Fuse: bool
          
          /// The backend that runs the groups (the CPU when None or when it declines a group).
          Backend: IBackend option
        }
        
        /// Fusion on, CPU backend.
        static member Default: RunOptions
    
    /// <summary>How a warp group runs, worked out once from its steps and its source: what the CPU backend executes, and
    /// what another backend must execute to give the same bits.</summary>
    [<RequireQualifiedAccess>]
    type WarpPlan =
        
        /// No source pixel survives the group's windows: every pixel is the fill (one value per channel).
        | Fill of fill: float32 array
        
        /// <summary>An exact integer copy (<c>GeometryKernels.CopyExact</c>) inside the source window [x0, x1) x [y0, y1), the
        /// border outside it, with one fill value per channel.</summary>
        | Copy of
          map: Native.IntegerMap * x0: int * y0: int * x1: int * y1: int *
          border: Native.BorderMode * fill: float32 array
        
        /// <summary>An area resize (<c>GeometryKernels.ResizeArea</c>): output pixel j starts at source x0 + j sx.</summary>
        | Area of x0: float * y0: float * sx: float * sy: float
        
        /// <summary>One resample (<c>GeometryKernels.Warp</c>) through the output-to-source matrix, with the interpolation,
        /// border, one fill value per channel, and the windows of skipped intermediates.</summary>
        | Resample of
          inverse: Native.Matrix3 * interpolation: Native.Interpolation *
          border: Native.BorderMode * fill: float32 array *
          windows: Native.WarpWindow array
    
    /// The planner and the CPU backend.
    [<RequireQualifiedAccess>]
    module Engine =
        
        /// <summary>Sets the backend every run uses when its <c>RunOptions.Backend</c> is None (None: the CPU). A backend
        /// still answers false for groups it has no kernel for, and the CPU runs those.</summary>
        val useBackend: backend: IBackend option -> unit
        
        /// <summary>The backend set with <c>useBackend</c>, if any.</summary>
        val defaultBackend: unit -> IBackend option
        
        /// <summary>Whether a warp can read outside its input: false for exact copies whose output lies inside it
        /// (flips, quarter turns, crops), so their border never matters.</summary>
        val readsOutside: w: WarpStep -> inWidth: int -> inHeight: int -> bool
        
        /// <summary>Folds pixel steps into groups. With <paramref name="fuse"/>, consecutive warps join one group
        /// while the later ones that read outside their input use a constant border with the group's fill (so that a
        /// window can stand in for the skipped intermediate's edge) and no step is an area resize; consecutive
        /// point-colour steps join one group on byte images. Without it, every step is its own group.</summary>
        val plan:
          fuse: bool ->
            elementType: Native.ElementType ->
            input: Shape -> steps: Step list -> Group list
        
        /// The width, height and channels a group writes, given what it reads.
        val outputShape: g: Group -> input: Shape -> Shape
        
        /// <summary>The element type and value range a group writes, given what it reads: the input's, except for a
        /// kernel that declares its own (<c>ImageKernel.OutputType</c>, <c>OutputRange</c>).</summary>
        val outputFormat:
          g: Group ->
            elementType: Native.ElementType ->
            range: Native.ValueRange ->
            struct (Native.ElementType * Native.ValueRange)
        
        /// <summary>The byte a point map gives value v of channel c: <c>clamp(round_half_even(f(v)), 0, 255)</c>,
        /// the same float32 arithmetic as the element-wise kernels.</summary>
        val byteEntry: pm: PointMap -> c: int -> v: byte -> byte
        
        /// <summary>Statistics of a byte image from its histograms (<c>hist[c * 256 + v]</c>; the array may be longer):
        /// means as exact integer sums over the pixel count. The statistics hold the array only while a map is built.</summary>
        val statsOfHistograms: channels: int -> hist: int64 array -> Stats
        
        /// <summary>How a warp group runs on a source of <paramref name="input"/>'s shape and <paramref name="range"/>:
        /// the composed matrix, windows, border, fill and interpolation the CPU backend uses.</summary>
        /// <exception cref="System.ArgumentException">An area resize that is not an axis-aligned scale, or a fill of the wrong length.</exception>
        val warpPlan:
          ws: WarpStep list ->
            input: Shape -> range: Native.ValueRange -> WarpPlan
        
        /// <summary>Fills <paramref name="tables"/> (at least 256 entries per channel, channel after channel) with the one
        /// table per channel that a byte point group's steps compose to on <paramref name="src"/>: statistics are taken once,
        /// as the source's histogram pushed through the table built so far.</summary>
        val byteTables:
          steps: Step list -> src: Native.PixelBuffer -> tables: byte array -> unit
        
        /// <summary>The point map a point or statistic step gives on a float image: a statistic step's map is built from
        /// <paramref name="src"/>'s channel means (histograms need bytes).</summary>
        val floatPointMap: s: Step -> src: Native.PixelBuffer -> PointMap
        
        /// <summary>The passes the CPU runs a byte point group in: a step needing the channel means after another step
        /// starts a new pass (its means then come from exact channel sums instead of a histogram); the same bits.</summary>
        val internal tablePasses: steps: Step list -> Step list list
        
        /// The CPU backend: SIMD kernels with scalar references, run on the calling thread.
        val cpu: IBackend
        
        /// <summary>Runs groups from <paramref name="src"/>, intermediates in pooled buffers; the last group writes
        /// into <paramref name="final"/> (called with the output shape, element type and value range). Returns the
        /// buffer holding the result, which is <paramref name="src"/> itself when there are no groups.</summary>
        val execute:
          options: RunOptions ->
            groups: Group list ->
            src: Native.PixelBuffer ->
            final: (Shape ->
                      Native.ElementType ->
                      Native.ValueRange -> Native.PixelBuffer) ->
            Native.PixelBuffer
        
        /// <summary>The image a batch op's <c>MixStep.Device</c> describes, of <paramref name="self"/>'s shape, type and
        /// range: on the run's backend when it implements <c>IMixBackend</c> and takes it, else on the CPU (the same bits).</summary>
        /// <exception cref="System.ArgumentException">Too few partners, a partner of another shape or type, or a Mosaic
        /// without 24 numbers.</exception>
        val mixImage:
          options: RunOptions ->
            mix: DeviceMix ->
            self: Native.Image -> partners: Native.Image array -> Native.Image
        
        /// <summary>As <c>mixImage</c>, written into <paramref name="dst"/> (a writable buffer of
        /// <paramref name="self"/>'s shape and type) instead of a new image: <c>Aug.runBatchInto</c> writes a final batch
        /// op's image straight into the caller's buffer.</summary>
        /// <exception cref="System.ArgumentException">As <c>mixImage</c>, or <paramref name="dst"/> of another shape or type.</exception>
        val mixImageInto:
          options: RunOptions ->
            mix: DeviceMix ->
            self: Native.Image ->
            partners: Native.Image array -> dst: Native.PixelBuffer -> unit
        
        /// The mask's plan: the warp and remap groups of the image's plan, with nearest neighbour and the mask's fill.
        val maskGroups: groups: Group list -> Group list
        
        /// <summary>Runs pixel steps on an image and its mask: the image with the planned groups, the mask with their
        /// warps. Only the outputs are allocated.</summary>
        val runPixels:
          options: RunOptions ->
            steps: Step list ->
            image: Native.Image ->
            mask: Native.Image option -> Native.Image * Native.Image option
        
        /// <summary>Whether the backend these options run on takes whole plans (<c>IPlanBackend</c>), so that a batch's
        /// plans should reach it together through <c>runPixelsBatch</c>.</summary>
        val backendRunsPlans: options: RunOptions -> bool
        
        /// <summary>Runs pixel steps on many images and their masks: with a backend that runs whole plans, every image's
        /// and mask's plan goes to it in one call; otherwise one <c>runPixels</c> each. The results are
        /// <c>runPixels</c>'s, item by item.</summary>
        val runPixelsBatch:
          options: RunOptions ->
            items: (Step list * Native.Image * Native.Image option) array ->
            (Native.Image * Native.Image option) array
        
        /// <summary>Runs pixel steps on an image into a caller's buffer of the output shape and element type (a
        /// conversion kernel may change the type); on the CPU, allocates nothing once warm (the thread keeps its scratch). A float
        /// destination's declared range is the caller's: the kernels clamp to the range the plan computes.</summary>
        /// <exception cref="System.ArgumentException">The destination's shape or element type is not the output's.</exception>
        val runPixelsInto:
          options: RunOptions ->
            steps: Step list ->
            image: Native.Image -> destination: Native.PixelBuffer -> unit

        /// <summary>As <c>runPixelsInto</c>, on steps in a list the caller keeps (the runner's waiting steps).</summary>
        val internal runStepsInto:
          options: RunOptions ->
            steps: System.Collections.Generic.List<Step> ->
            image: Native.Image -> destination: Native.PixelBuffer -> unit
