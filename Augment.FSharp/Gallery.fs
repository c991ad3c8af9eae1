namespace Augment

open System
open Augment.Native
open SkiaSharp

/// Contact sheets: a grid of samples with their boxes drawn, for looking at what a pipeline does.
[<RequireQualifiedAccess>]
module Gallery =

    // Distinct, saturated colours for classes (class id modulo the palette).
    let private palette =
        [| SKColor(230uy, 25uy, 75uy); SKColor(60uy, 180uy, 75uy); SKColor(255uy, 225uy, 25uy); SKColor(0uy, 130uy, 200uy)
           SKColor(245uy, 130uy, 48uy); SKColor(145uy, 30uy, 180uy); SKColor(70uy, 240uy, 240uy); SKColor(240uy, 50uy, 230uy)
           SKColor(210uy, 245uy, 60uy); SKColor(250uy, 190uy, 212uy) |]

    /// The colour boxes of a class are drawn in.
    let colourOf (cls: int) = palette.[((cls % palette.Length) + palette.Length) % palette.Length]

    /// <summary>Renders samples in a grid of <paramref name="columns"/> columns, each scaled to fit a
    /// <paramref name="cell"/> x <paramref name="cell"/> square with its mask (a translucent overlay in the class
    /// colours), its boxes (coloured by class) and visible keypoints.
    /// Returns a 3-channel byte image.</summary>
    /// <exception cref="System.ArgumentException">No samples, columns &lt; 1, or cell &lt; 16.</exception>
    [<CompiledName("Render")>]
    let render (columns: int) (cell: int) (samples: Sample seq) =
        let samples = Array.ofSeq samples
        if samples.Length = 0 then Throw.Argument("samples", "an empty list", "at least one sample")
        if columns < 1 then Throw.Argument("columns", columns, "at least 1 column")
        if cell < 16 then Throw.Argument("cell", cell, "a cell of at least 16 pixels")
        let pad = 4
        let rows = (samples.Length + columns - 1) / columns
        let W, H = columns * (cell + pad) + pad, rows * (cell + pad) + pad
        let info = SKImageInfo(W, H, SKColorType.Rgba8888, SKAlphaType.Unpremul)
        use sheet = new SKBitmap(info)
        use canvas = new SKCanvas(sheet)
        canvas.Clear(SKColor(32uy, 32uy, 32uy))
        use boxPaint = new SKPaint(IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2f)
        use dotPaint = new SKPaint(IsAntialias = true, Style = SKPaintStyle.Fill, Color = SKColors.White)
        use sampling = new SKPaint(IsAntialias = true)
        samples |> Array.iteri (fun i s ->
            let x0 = float32 (pad + (i % columns) * (cell + pad))
            let y0 = float32 (pad + (i / columns) * (cell + pad))
            let scale = min (float32 cell / float32 s.Image.Width) (float32 cell / float32 s.Image.Height)
            let ox = x0 + (float32 cell - scale * float32 s.Image.Width) / 2f
            let oy = y0 + (float32 cell - scale * float32 s.Image.Height) / 2f
            use bmp = ImageIO.toBitmap s.Image
            use img = SKImage.FromBitmap bmp
            let dst = SKRect(ox, oy, ox + scale * float32 s.Image.Width, oy + scale * float32 s.Image.Height)
            canvas.DrawImage(img, dst, SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), sampling)
            match s.Mask with
            | Some m ->
                // The class map as a translucent overlay in the class colours (class 0 is background).
                let mw, mh = m.Width, m.Height
                let px = m.Bytes
                let rgba = Array.zeroCreate (4 * mw * mh)
                for p in 0 .. mw * mh - 1 do
                    let cls = int px.[p]
                    if cls <> 0 then
                        let c = colourOf cls
                        rgba.[4 * p] <- c.Red; rgba.[4 * p + 1] <- c.Green; rgba.[4 * p + 2] <- c.Blue; rgba.[4 * p + 3] <- 96uy
                use overlay = new SKBitmap(SKImageInfo(mw, mh, SKColorType.Rgba8888, SKAlphaType.Unpremul))
                System.Runtime.InteropServices.Marshal.Copy(rgba, 0, overlay.GetPixels(), rgba.Length)
                use oi = SKImage.FromBitmap overlay
                canvas.DrawImage(oi, dst, SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None), sampling)
            | None -> ()
            for b in s.Boxes do
                boxPaint.Color <- colourOf b.Class
                canvas.DrawRect(SKRect(ox + scale * float32 b.XMin, oy + scale * float32 b.YMin,
                                       ox + scale * float32 b.XMax, oy + scale * float32 b.YMax), boxPaint)
            for k in s.Keypoints do
                if k.Visible then canvas.DrawCircle(ox + scale * float32 k.X, oy + scale * float32 k.Y, 3f, dotPaint))
        canvas.Flush()
        let px = sheet.GetPixelSpan()
        let rgb = Array.zeroCreate (3 * W * H)
        for p in 0 .. W * H - 1 do
            rgb.[3 * p] <- px.[4 * p]
            rgb.[3 * p + 1] <- px.[4 * p + 1]
            rgb.[3 * p + 2] <- px.[4 * p + 2]
        Image.FromBytes(W, H, 3, ReadOnlySpan rgb)

    /// Renders and writes a gallery PNG atomically.
    [<CompiledName("Write")>]
    let write (path: string) (columns: int) (cell: int) (samples: Sample seq) =
        ImageIO.write path (render columns cell samples)
