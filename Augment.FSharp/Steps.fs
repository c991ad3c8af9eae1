namespace Augment

open System
open Augment.Native

/// <summary>What an op's draw sees of the sample it is about to change: the image's shape, element type and
/// value range, and copies of its annotations. It cannot see or change pixels.</summary>
type SampleView =
    { Shape: Shape
      ElementType: ElementType
      Range: ValueRange
      Boxes: Box[]
      Keypoints: Keypoint[]
      HasMask: bool
      /// <summary>The mask as it stands after every op planned before this one, or None without a mask. Calling it runs
      /// the pixel steps still waiting (so it costs a flush); ops that do not call it cost nothing. Read-only: the
      /// image is immutable.</summary>
      CurrentMask: unit -> Image option
      LabelLength: int
      /// The number of samples in the batch being run (1 for a single sample); batch ops draw partners below it.
      BatchSize: int
      /// This sample's position in the batch (0 for a single sample).
      BatchIndex: int }

/// <summary>A per-channel function of the value, in the image's value units. On byte images the engine evaluates
/// it once per entry of a 256-entry table per channel (rounding half to even and clamping to [0, 255]), so a
/// table is exact by construction; on float images it runs element by element and clamps to the value range.</summary>
[<RequireQualifiedAccess>]
type PointMap =
    /// <summary><c>y = (x - subtract[c]) * scale[c] + add[c]</c> in float32, in that order (SIMD on float images).</summary>
    | Affine of subtract: float32[] * scale: float32[] * add: float32[]
    /// <summary><c>y = f c x</c>: any per-channel function (c the channel, x the value).</summary>
    | Func of name: string * f: (int -> float32 -> float32)

/// The statistic a statistic-then-point step needs before it can build its map.
[<RequireQualifiedAccess>]
type Statistic =
    /// The mean of each channel.
    | Means
    /// A 256-bin histogram of each channel (byte images).
    | Histograms

/// <summary>Statistics of an image, computed once per plan group: per-channel means, and for byte images the
/// per-channel histograms (<c>Histograms[c * 256 + v]</c>) when a step asks for <c>Statistic.Histograms</c> (a step that asks for <c>Statistic.Means</c> of an image no map has changed yet gets its means from exact channel sums and an empty <c>Histograms</c>).</summary>
type Stats =
    { Means: float[]
      Histograms: int64[]
      Pixels: int64 }

/// <summary>A geometric step: <c>Matrix</c> maps the input's continuous coordinates to the output's (pixel centres
/// at half-integers), onto a <c>Width</c> x <c>Height</c> output. The engine moves every target with it: the image
/// with <c>Interpolation</c> and <c>Border</c>, the mask with nearest neighbour (fill <c>MaskFill</c>), boxes through
/// their four corners (hull, clip, <c>Filter</c>), keypoints (off the image means invisible).</summary>
type WarpStep =
    { Matrix: Matrix3
      Width: int
      Height: int
      Interpolation: Interpolation
      Border: BorderMode
      /// Per-channel fill in value units for a constant border (empty: the value range's minimum).
      Fill: float32[]
      MaskFill: byte
      Filter: BoxFilter }

/// <summary>A displacement-field step (not a matrix): for every output pixel (j, i) of the <c>Width</c> x <c>Height</c>
/// output, <c>Map</c> gives the source continuous coordinate the pixel centre (j + 0.5, i + 0.5) reads, as two float32
/// arrays of <c>Width * Height</c> entries in row-major order (x then y). The map is computed once, when first needed,
/// and shared by the image, the mask and the annotations. The image is sampled with <c>Interpolation</c> and
/// <c>Border</c> by the same per-pixel code as a warp; the mask with nearest neighbour (fill <c>MaskFill</c>); keypoints
/// move through the map's numerical inverse, boxes through points along their edges (<c>RemapInverse</c>).</summary>
type RemapStep =
    { Name: string
      Width: int
      Height: int
      /// Source x and y per output pixel, row-major, Width * Height each.
      Map: Lazy<float32[] * float32[]>
      Interpolation: Interpolation
      Border: BorderMode
      /// Per-channel fill in value units for a constant border (empty: the value range's minimum).
      Fill: float32[]
      MaskFill: byte
      Filter: BoxFilter }

/// <summary>What a device backend needs to know to run an image kernel itself, filled in by the op's plan with the
/// values its CPU kernel uses (so the device computes the same thing); ValueNone in <c>ImageKernel.Device</c> means
/// "CPU only". Every case describes a kernel that keeps the shape, element type and value range unless it says otherwise.</summary>
[<RequireQualifiedAccess>]
type DeviceKernel =
    /// <summary><c>FilterKernels.SeparableFilter</c>: <c>kernelX</c> along rows, then <c>kernelY</c> along columns,
    /// border reflect-101, float32 sums; bytes round half to even and saturate, floats clamp to the range.</summary>
    | Separable of kernelX: float32[] * kernelY: float32[]
    /// <summary><c>FilterKernels.Filter2D</c> (cv2.filter2D, anchor at the centre, border reflect-101): the
    /// <c>kernelWidth</c> x <c>kernelHeight</c> row-major weights times the source, summed in float32 from 0 with rows
    /// outer and columns inner; bytes round half to even and saturate, floats clamp to the range (MotionBlur, Defocus).</summary>
    | Filter2D of kernel: float32[] * kernelWidth: int * kernelHeight: int
    /// <summary><c>PixelKernels.Grayscale</c>: BT.601 luma written to <c>outputChannels</c> channels (1, 3, or 4 keeping alpha).</summary>
    | Grayscale of outputChannels: int
    /// <summary><c>NoiseKernels.AddGaussian</c> with <c>stddev</c> as a fraction of the value range's width and the seed's
    /// four words (key0, key1, stream0, stream1).</summary>
    | GaussianNoise of stddev: float * key0: uint32 * key1: uint32 * stream0: uint32 * stream1: uint32
    /// <summary><c>NoiseKernels.MultiplyUniform</c>: factors uniform in [low, high], per sample or per pixel.</summary>
    | MultiplyUniform of low: float * high: float * perChannel: bool * key0: uint32 * key1: uint32 * stream0: uint32 * stream1: uint32
    /// <summary><c>NoiseKernels.SaltAndPepper</c> with the range maximum as salt and the minimum as pepper.</summary>
    | SaltAndPepper of amount: float * saltRatio: float * key0: uint32 * key1: uint32 * stream0: uint32 * stream1: uint32
    /// <summary><c>FilterKernels.SeparableFilterFixed</c> on bytes, with the integer weights the CPU quantised
    /// (<c>FilterKernels.QuantiseSeparable</c>): rows (reflect-101) summed as <c>kernelX[t] * x</c> in uint, rounded
    /// <c>(h + 128) &gt;&gt; 8</c> when <c>xBits</c> is 16 (kept as is when 8); columns (reflect-101) summed as
    /// <c>kernelY[t] * h</c> in uint; the output is <c>(v + 2^23) &gt;&gt; 24</c>. Float images use <c>Separable</c>.</summary>
    | SeparableFixed of kernelX: int[] * kernelY: int[] * xBits: int
    /// <summary><c>FilterKernels.MedianFilter</c>: each channel's median (the middle of the sorted window) over the
    /// <c>size</c> x <c>size</c> window, border replicate.</summary>
    | Median of size: int
    /// <summary>A type conversion (<c>ColourKernels.AffineToFloat</c>, <c>AffineToByte</c>, or on floats
    /// <c>PixelKernels.ChannelAffine</c>): <c>(x - subtract[c]) * scale[c] + add[c]</c> in float32 (one coefficient per
    /// channel), written in the kernel's <c>OutputType</c>: float32 clamped to its <c>OutputRange</c> (MathF.Min of
    /// MathF.Max), or bytes rounded half to even and saturated (ToFloat32, ToByte, Normalize, Rescaling).</summary>
    | Convert of subtract: float32[] * scale: float32[] * add: float32[]
    /// <summary><c>ColourKernels.ColourMatrix</c>: RGB times a row-major 3x3 matrix (<c>m[3k] R + m[3k+1] G + m[3k+2] B</c>
    /// in float32, relative to the range minimum on floats), alpha kept (ToSepia).</summary>
    | ColourMatrix of matrix: float32[]
    /// <summary><c>ColourKernels.AdjustSaturation</c> (tf.image.adjust_saturation's float32 HSV) with the factor.</summary>
    | Saturation of factor: float32
    /// <summary><c>ColourKernels.AdjustHue</c> (tf.image.adjust_hue's float32 hue range) with the shift in turns.</summary>
    | Hue of delta: float32
    /// <summary><c>OcclusionKernels.FillMarked</c>: the pixels whose byte in <c>map</c> (one per pixel, row-major, made
    /// when first needed) is not 0 take <c>fill</c> in every channel (already clamped to the range; bytes take
    /// <c>MathF.Round(fill)</c>), the rest keep theirs (CoarseDropout, RandomErasing, GridDropout, XYMasking, GridMask).</summary>
    | FillMarked of map: System.Lazy<byte[]> * fill: float32
    /// <summary><c>ColourKernels.ToGray</c> for the per-pixel methods <c>WeightedAverage</c>, <c>Average</c>, <c>Max</c>
    /// and <c>Desaturation</c> (float32, on the values as they are; gray written to R, G and B, alpha kept).</summary>
    | ToGray of method: GrayMethod
    /// <summary><c>ColourKernels.Sharpness</c>: PIL's 3x3 SMOOTH (1/13 around, 5/13 in the centre, the nine products summed
    /// row by row in float32), then <c>s + factor * (x - s)</c>; the border pixels keep their value.</summary>
    | Sharpness of factor: float32
    /// <summary><c>ColourKernels.ChannelShuffle</c>: output channel c is input channel <c>permutation[c]</c> (one entry
    /// per channel; values copied as they are).</summary>
    | ChannelShuffle of permutation: int[]
    /// <summary><c>HsvKernels.ShiftHsv</c> on bytes (albumentations' <c>_shift_hsv_uint8</c>): OpenCV's 8-bit RGB to HSV,
    /// the hue, saturation and value shift tables, OpenCV's HSV to RGB in float32; alpha kept, one channel through the
    /// value table. Float images run on the CPU.</summary>
    | HsvShift of hue: float * saturation: float * value: float

/// <summary>A kernel that writes a whole output image from its input: same width and height, <c>Channels</c>
/// output channels (0: the input's). <c>Run src dst</c> must not keep either buffer. The output's element type
/// and value range are the input's unless <c>OutputType</c> / <c>OutputRange</c> say otherwise (dtype conversion,
/// normalisation): the engine then sizes <c>dst</c> with them, and later steps see the new type and range.</summary>
type ImageKernel =
    { Name: string
      Channels: int
      Run: PixelBuffer -> PixelBuffer -> unit
      /// The output's element type (ValueNone: the input's).
      OutputType: ElementType voption
      /// <summary>The output's value range (ValueNone: the input's; ignored for byte output, always [0, 255]).</summary>
      OutputRange: ValueRange voption
      /// <summary>What a device backend needs to run this kernel itself (ValueNone: the CPU runs it).</summary>
      Device: DeviceKernel voption }

/// <summary>The image part of a batch op, as data a backend can run: every partner image has the shape, element type
/// and value range of the sample's own, and so has the output.</summary>
[<RequireQualifiedAccess>]
type DeviceMix =
    /// <summary><c>GeometryKernels.Mix</c> (MixUp): <c>lambda * self + (1 - lambda) * partner</c> in float32, bytes
    /// rounded half to even and saturated, floats clamped to the range.</summary>
    | Blend of lambda: float32
    /// <summary>CutMix: the sample's image with the partner's rectangle [x0, x1) x [y0, y1) pasted in place
    /// (<c>GeometryKernels.PasteRect</c>; an empty rectangle leaves a copy of the sample's image).</summary>
    | Paste of x0: int * y0: int * x1: int * y1: int
    /// <summary>Mosaic: four rectangle copies (<c>BatchKernels.CopyRect</c>), image q being the sample (q = 0) or
    /// partner q - 1; <c>quadrants</c> holds <c>dstX, dstY, srcX, srcY, width, height</c> for each of the four in turn
    /// (24 numbers, <c>Ops.mosaicQuadrants</c>), and together they cover the output.</summary>
    | Mosaic of quadrants: int[]

/// <summary>A multi-sample step: the indices in the batch of the partner samples and what to make of them.
/// <c>Mix self partners</c> returns the new sample (image, label, boxes, mask, keypoints); partners come in the
/// order of <c>Partners</c>.</summary>
type MixStep =
    { Partners: int[]
      Mix: Sample -> Sample[] -> Sample
      /// <summary>The image part of the mix as data (ValueNone: <c>Mix</c> makes the image). When given, the batch
      /// runner makes the image from it (<c>Engine.mixImage</c>: on a backend that implements <c>IMixBackend</c>, else
      /// on the CPU) and replaces the image <c>Mix</c> returns, so <c>Mix</c> need not compute one.</summary>
      Device: DeviceMix voption }

/// <summary>One planned effect of an op, as data the engine folds and runs. An op's plan returns one.</summary>
[<RequireQualifiedAccess>]
type Step =
    /// Geometric: a matrix, an output size, interpolation and border.
    | Warp of WarpStep
    /// Geometric, not a matrix: a per-pixel map of source coordinates (a fusion barrier).
    | Remap of RemapStep
    /// Point colour: a per-channel function of the value.
    | Point of PointMap
    /// A statistic of the image, then a point colour map built from it (contrast, equalize, autocontrast).
    | StatPoint of Statistic * (Stats -> PointMap)
    /// A neighbourhood filter (blur, median, sharpen).
    | Filter of ImageKernel
    /// Any other image kernel (grayscale, channel mixing).
    | Kernel of ImageKernel
    /// A change to the label alone.
    | Label of (float[] -> float[])
    /// Several steps in order.
    | Many of Step list
    /// Leaves the sample as it is.
    | Nothing
    /// A custom sample function, run on the materialised sample (a fusion barrier).
    | Custom of name: string * (Sample -> Sample)
    /// A multi-sample step; only a batch run can execute it.
    | Mix of MixStep

/// What kind of op this is: how the engine runs it, and what the catalogue lists.
type OpKind =
    | Geometric = 0
    | PointColour = 1
    | StatisticColour = 2
    | Neighbourhood = 3
    | ImageKernel = 4
    | MultiSample = 5
    | Custom = 6

/// Builders of the steps the catalogue's ops plan, in the conventions of the library's docs.
[<RequireQualifiedAccess>]
module Steps =

    /// <summary>An image kernel that keeps the element type and value range (<c>OutputType</c> and
    /// <c>OutputRange</c> ValueNone).</summary>
    let kernel (name: string) (channels: int) (run: PixelBuffer -> PixelBuffer -> unit) : ImageKernel =
        { Name = name; Channels = channels; Run = run; OutputType = ValueNone; OutputRange = ValueNone; Device = ValueNone }

    /// <summary>The element type and value range an image kernel writes, given what it reads: the input's unless the
    /// kernel declares them; a byte output's range is always [0, 255].</summary>
    let kernelFormat (k: ImageKernel) (elementType: ElementType) (range: ValueRange) =
        let t = match k.OutputType with ValueSome t -> t | ValueNone -> elementType
        let r =
            if t = ElementType.Byte then ValueRange.Byte
            else match k.OutputRange with ValueSome r -> r | ValueNone -> range
        struct (t, r)

    /// A warp with a constant border filled with the range minimum, boxes kept while they have area.
    let warp (m: Matrix3) (width: int) (height: int) (interp: Interpolation) =
        Step.Warp
            { Matrix = m; Width = width; Height = height; Interpolation = interp; Border = BorderMode.Constant
              Fill = Array.Empty<float32>(); MaskFill = 0uy; Filter = BoxFilter.Default }

    /// Mirrors left-right: x goes to W - x.
    let flipHorizontal (s: Shape) =
        warp (Matrix3(-1.0, 0.0, float s.Width, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0)) s.Width s.Height Interpolation.Nearest

    /// Mirrors top-bottom: y goes to H - y.
    let flipVertical (s: Shape) =
        warp (Matrix3(1.0, 0.0, 0.0, 0.0, -1.0, float s.Height, 0.0, 0.0, 1.0)) s.Width s.Height Interpolation.Nearest

    /// <summary>k quarter turns counter-clockwise (<c>numpy.rot90</c>): for k = 1, (x, y) goes to (y, W - x).</summary>
    let rot90 (k: int) (s: Shape) =
        let W, H = float s.Width, float s.Height
        match ((k % 4) + 4) % 4 with
        | 1 -> warp (Matrix3(0.0, 1.0, 0.0, -1.0, 0.0, W, 0.0, 0.0, 1.0)) s.Height s.Width Interpolation.Nearest
        | 2 -> warp (Matrix3(-1.0, 0.0, W, 0.0, -1.0, H, 0.0, 0.0, 1.0)) s.Width s.Height Interpolation.Nearest
        | 3 -> warp (Matrix3(0.0, -1.0, H, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0)) s.Height s.Width Interpolation.Nearest
        | _ -> Step.Nothing

    /// <summary>Transposes (x, y) to (y, x): the image becomes H wide and W high.</summary>
    let transpose (s: Shape) =
        warp (Matrix3(0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0)) s.Height s.Width Interpolation.Nearest

    /// <summary>Keeps the width x height rectangle whose top-left pixel is (x, y); points move by (-x, -y).</summary>
    let crop (filter: BoxFilter) (x: int) (y: int) (width: int) (height: int) =
        match warp (Matrix3.Translation(float -x, float -y)) width height Interpolation.Nearest with
        | Step.Warp w -> Step.Warp { w with Filter = filter }
        | s -> s

    /// <summary>Resizes to width x height with half-pixel centres (OpenCV <c>cv2.resize</c>): a point scales by
    /// (width / W, height / H). Borders replicate, as OpenCV's resize does at the edges.</summary>
    let resize (interp: Interpolation) (width: int) (height: int) (s: Shape) =
        match warp (Matrix3.Scale(float width / float s.Width, float height / float s.Height)) width height interp with
        | Step.Warp w -> Step.Warp { w with Border = BorderMode.Replicate }
        | x -> x

    /// The values a per-channel affine map needs, one per channel.
    let affine (channels: int) (subtract: int -> float32) (scale: int -> float32) (add: int -> float32) =
        Step.Point(PointMap.Affine(Array.init channels subtract, Array.init channels scale, Array.init channels add))

    /// <summary>Moves points forward through a remap, whose map gives a source point per output pixel: the inverse of
    /// the map, found numerically. Output pixels are bucketed by the source pixel their map value falls in; a point
    /// starts at the output pixel centre whose map value is nearest to it among the 5 x 5 source pixels around it (the
    /// square doubling until it holds one), then takes up to 24 Newton steps on the map read bilinearly between pixel
    /// centres (extended linearly past the outer centres, so points whose preimage lies off the output are found
    /// there too), each step at most 4 px. The answer is accepted when the map read there is within 0.5 px of the
    /// point (Newton usually ends far closer; on smooth maps the error is well under 0.01 px); otherwise the point has
    /// no preimage (the map reads it nowhere) and the result is ValueNone. Where the map folds, the preimage nearest the
    /// starting pixel is taken. <paramref name="srcWidth"/> x <paramref name="srcHeight"/> is the source's size.</summary>
    let remapInverse (r: RemapStep) (srcWidth: int) (srcHeight: int) : float -> float -> struct (float * float) voption =
        let mx, my = r.Map.Value
        let W, H = r.Width, r.Height
        let gw, gh = srcWidth + 4, srcHeight + 4
        let cellOf (x: float) (y: float) =
            if Double.IsFinite x && Double.IsFinite y && x > -2.0 && y > -2.0 && x < float (srcWidth + 2) && y < float (srcHeight + 2) then
                (int (Math.Floor y) + 2) * gw + int (Math.Floor x) + 2
            else -1
        let start = Array.zeroCreate<int> (gw * gh + 1)
        for k in 0 .. W * H - 1 do
            let c = cellOf (float mx.[k]) (float my.[k])
            if c >= 0 then start.[c + 1] <- start.[c + 1] + 1
        for c in 1 .. gw * gh do start.[c] <- start.[c] + start.[c - 1]
        let items = Array.zeroCreate<int> start.[gw * gh]
        let cursor = Array.copy start
        for k in 0 .. W * H - 1 do
            let c = cellOf (float mx.[k]) (float my.[k])
            if c >= 0 then
                items.[cursor.[c]] <- k
                cursor.[c] <- cursor.[c] + 1
        // The map at continuous output point (qx, qy), with its Jacobian.
        let mapAt (qx: float) (qy: float) =
            let fx, fy = qx - 0.5, qy - 0.5
            let j0 = Math.Clamp(int (Math.Floor fx), 0, max 0 (W - 2))
            let i0 = Math.Clamp(int (Math.Floor fy), 0, max 0 (H - 2))
            let j1, i1 = min (j0 + 1) (W - 1), min (i0 + 1) (H - 1)
            let ax = if j1 = j0 then 0.0 else fx - float j0
            let ay = if i1 = i0 then 0.0 else fy - float i0
            let at (a: float32[]) i j = float a.[i * W + j]
            let lerp (a: float32[]) =
                let top = (1.0 - ax) * at a i0 j0 + ax * at a i0 j1
                let bottom = (1.0 - ax) * at a i1 j0 + ax * at a i1 j1
                (1.0 - ay) * top + ay * bottom, bottom - top,
                (if j1 = j0 then nan else (1.0 - ay) * (at a i0 j1 - at a i0 j0) + ay * (at a i1 j1 - at a i1 j0))
            let x, xdy, xdx = lerp mx
            let y, ydy, ydx = lerp my
            // One pixel wide or high: the map's derivative along that axis is unknown; take the identity's.
            let xdx, ydx = (if Double.IsNaN xdx then 1.0, 0.0 else xdx, ydx)
            let xdy, ydy = (if i1 = i0 then 0.0, 1.0 else xdy, ydy)
            struct (x, y, xdx, xdy, ydx, ydy)
        fun (px: float) (py: float) ->
            if not (Double.IsFinite px && Double.IsFinite py) then ValueNone
            else
                let cx, cy = int (Math.Floor(Math.Clamp(px, -3.0, float srcWidth + 3.0))) + 2, int (Math.Floor(Math.Clamp(py, -3.0, float srcHeight + 3.0))) + 2
                let mutable best, bestD = -1, Double.PositiveInfinity
                let mutable radius = 2
                while best < 0 && radius <= 2 * (gw + gh) do
                    for gy in cy - radius .. cy + radius do
                        for gx in cx - radius .. cx + radius do
                            if gx >= 0 && gy >= 0 && gx < gw && gy < gh then
                                let c = gy * gw + gx
                                for t in start.[c] .. start.[c + 1] - 1 do
                                    let k = items.[t]
                                    let dx, dy = float mx.[k] - px, float my.[k] - py
                                    let d = dx * dx + dy * dy
                                    if d < bestD then
                                        best <- k
                                        bestD <- d
                    radius <- radius * 2
                if best < 0 then ValueNone
                else
                    let mutable qx, qy = float (best % W) + 0.5, float (best / W) + 0.5
                    let mutable res = Double.PositiveInfinity
                    let mutable it = 0
                    while it < 24 do
                        let struct (x, y, a, b, c, d) = mapAt qx qy
                        let rx, ry = px - x, py - y
                        res <- Math.Sqrt(rx * rx + ry * ry)
                        let det = a * d - b * c
                        if res < 1e-9 || Math.Abs det < 1e-12 then it <- 24
                        else
                            let mutable sx = (d * rx - b * ry) / det
                            let mutable sy = (a * ry - c * rx) / det
                            let n = Math.Sqrt(sx * sx + sy * sy)
                            if n > 4.0 then
                                sx <- sx * 4.0 / n
                                sy <- sy * 4.0 / n
                            qx <- qx + sx
                            qy <- qy + sy
                            it <- it + 1
                    let struct (x, y, _, _, _, _) = mapAt qx qy
                    let rx, ry = px - x, py - y
                    if Math.Sqrt(rx * rx + ry * ry) <= 0.5 then ValueSome(struct (qx, qy)) else ValueNone

/// The library's remap maps come from the shared array pool: the ops' steps rent them (marked here), and the runner
/// gives them back once the pixel steps that read them have run, so a remap allocates no image-sized map per call.
/// Arrays not marked here (a caller's own RemapStep) are never returned to the pool.
module internal RemapMaps =
    let private owned = System.Runtime.CompilerServices.ConditionalWeakTable<float32[], obj>()
    let private mark = obj ()

    /// An array of at least <paramref name="n"/> entries from the shared pool (its contents are not cleared).
    let rent (n: int) : float32[] =
        let a = Buffers.ArrayPool<float32>.Shared.Rent n
        owned.AddOrUpdate(a, mark)
        a

    /// Gives a rented map back to the pool; arrays not rented by <c>rent</c> (or already given back) are left alone.
    let giveBack (a: float32[]) =
        if not (isNull a) && owned.Remove a then Buffers.ArrayPool<float32>.Shared.Return a

    /// Gives back the maps of the remap steps in <paramref name="steps"/> whose map was computed.
    let giveBackSteps (steps: Collections.Generic.List<Step>) =
        for i in 0 .. steps.Count - 1 do
            match steps.[i] with
            | Step.Remap r when r.Map.IsValueCreated ->
                let mx, my = r.Map.Value
                giveBack mx
                giveBack my
            | _ -> ()
