using System.Diagnostics;
using System.Globalization;
using Augment;
using Augment.Native;
using Augment.Native.Kernels;
using OpenCvSharp;
using SkiaSharp;

/// <summary>
/// How much of ImageCompression and of ImageIO.decode is the codec itself (dotnet run -c Release --project bench --
/// codec): SkiaSharp's JPEG encoder and decoder alone on ready RGBA pixels, the round trip as main had it
/// (Codec.compressReference) and as it is now (Codec.compressInto), the 3 &lt;-&gt; 4 channel repacks alone, and OpenCV's
/// imencode + imdecode, and libvips' (NetVips) jpegsave + jpegload with how far its pixels are from ours; then decoding rocket.jpg through ImageIO.decode and through SKCodec alone. One thread, the
/// astronaut photo resized to 224 and 512, JPEG quality 75. Prints microseconds per call (the fastest and the median
/// of 15 interleaved batches) and the bytes allocated per call; writes nothing.
/// </summary>
public static class CodecBench
{
    public static int Run(string[] args)
    {
        Cv2.SetNumThreads(1);
        NetVips.NetVips.Concurrency = 1;   // one thread, as every other row
        string samples = FindSamples();
        var photo = ImageIO.Read(Path.Combine(samples, "astronaut.png"));
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}; {Simd.Describe()}");
        Console.WriteLine($"  {"what (us per call: fastest batch, median batch)",-66} {"fastest",10} {"median",10} {"bytes/call",12}");
        foreach (int size in new[] { 224, 512 })
        {
            var img = AugModule.Apply(Ops.Resize(size, size, Interpolation.Area), SeedModule.OfInt(0), SampleModule.OfImage(photo)).Image;
            int n = size * size;
            var rgb = img.Bytes.ToArray();
            var rgba = new byte[4 * n];
            ChannelPackKernels.ToOpaqueRgba(rgb, rgba, 3);
            var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque);
            var pin = System.Runtime.InteropServices.GCHandle.Alloc(rgba, System.Runtime.InteropServices.GCHandleType.Pinned);
            var pm = new SKPixmap(info, pin.AddrOfPinnedObject(), info.RowBytes);
            var encoded = pm.Encode(SKEncodedImageFormat.Jpeg, 75)!;
            var outRgba = new byte[4 * n];
            var outPin = System.Runtime.InteropServices.GCHandle.Alloc(outRgba, System.Runtime.InteropServices.GCHandleType.Pinned);
            var src = PixelBuffer.View(img);
            var dst = PixelBuffer.Allocate(size, size, 3, ElementType.Byte, ValueRange.Byte);
            var mat = Mat.FromPixelData(size, size, MatType.CV_8UC3, rgb);
            var prms = new[] { new ImageEncodingParam(ImwriteFlags.JpegQuality, 75) };
            Console.WriteLine($"{size} x {size} x 3, JPEG quality 75 ({encoded.Size} bytes):");
            Row("SkiaSharp encode alone (pixmap over RGBA)", () => { using var d = pm.Encode(SKEncodedImageFormat.Jpeg, 75); });
            Row("SkiaSharp decode alone (SKCodec on the SKData, into RGBA)", () =>
            {
                using var c = SKCodec.Create(encoded);
                c.GetPixels(info, outPin.AddrOfPinnedObject());
            });
            Row("SkiaSharp encode + decode alone", () =>
            {
                using var d = pm.Encode(SKEncodedImageFormat.Jpeg, 75);
                using var c = SKCodec.Create(d);
                c.GetPixels(info, outPin.AddrOfPinnedObject());
            });
            Row("RGB -> RGBA + RGBA -> RGB repacks alone (ChannelPackKernels)", () =>
            {
                ChannelPackKernels.ToOpaqueRgba(rgb, rgba, 3);
                ChannelPackKernels.RgbaToRgb(outRgba, dst.Bytes);
            });
            Row("round trip as on main (Codec.compressReference)", () => Codec.compressReference(SKEncodedImageFormat.Jpeg, 75, src, dst));
            Row("round trip now (Codec.compressInto)", () => Codec.compressInto(SKEncodedImageFormat.Jpeg, 75, src, dst));
            Row("OpenCV imencode + imdecode", () =>
            {
                Cv2.ImEncode(".jpg", mat, out byte[] buf, prms);
                using var m = Cv2.ImDecode(buf, ImreadModes.Color);
            });
            // libvips (NetVips' natives: libjpeg-turbo with its SIMD code), the other JPEG codec .NET has here: quality 75,
            // 4:2:0 as SkiaSharp's encoder, into a byte array; how far its pixels are from ours is printed below.
            using var vipsImage = NetVips.Image.NewFromMemory(rgb, size, size, 3, NetVips.Enums.BandFormat.Uchar);
            byte[] VipsRoundTrip()
            {
                var buf = vipsImage.JpegsaveBuffer(q: 75, subsampleMode: NetVips.Enums.ForeignSubsample.On);
                using var back = NetVips.Image.JpegloadBuffer(buf);
                return back.WriteToMemory<byte>();
            }
            Row("libvips jpegsave + jpegload (NetVips)", () => VipsRoundTrip());
            Flush();
            Codec.compressInto(SKEncodedImageFormat.Jpeg, 75, src, dst);
            var vips = VipsRoundTrip();
            var ours = dst.Bytes;
            int maxDiff = 0, differing = 0;
            for (int i = 0; i < vips.Length; i++) { int d = Math.Abs(vips[i] - ours[i]); if (d > 0) differing++; maxDiff = Math.Max(maxDiff, d); }
            Console.WriteLine($"  libvips' round trip against ours: {differing} of {vips.Length} bytes differ, by at most {maxDiff}");
            pin.Free(); outPin.Free();
        }
        var jpg = File.ReadAllBytes(Path.Combine(samples, "rocket.jpg"));
        using (var probe = SKCodec.Create(SKData.CreateCopy(jpg)))
        {
            var info = new SKImageInfo(probe.Info.Width, probe.Info.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            var buf = new byte[info.BytesSize];
            var pin = System.Runtime.InteropServices.GCHandle.Alloc(buf, System.Runtime.InteropServices.GCHandleType.Pinned);
            Console.WriteLine($"decode rocket.jpg ({info.Width} x {info.Height}):");
            Row("SKCodec alone (from the bytes, into RGBA)", () =>
            {
                using var c = SKCodec.Create(new SKMemoryStream(jpg));
                c.GetPixels(info, pin.AddrOfPinnedObject());
            });
            Row("ImageIO.decode", () => ImageIO.Decode("rocket.jpg", jpg));
            Row("OpenCV imdecode (BGR)", () => { using var m = Cv2.ImDecode(jpg, ImreadModes.Color); });
            Flush();
            pin.Free();
        }
        return 0;
    }

    // Rows of one group are timed interleaved (round r times every row once, 40 ms each), so that a machine shared with
    // other work slows every row alike; a row reports the fastest and the median batch, and the bytes allocated per call.
    private static readonly List<(string What, Action Body)> Pending = new();

    private static void Row(string what, Action body) => Pending.Add((what, body));

    private static void Flush()
    {
        const int Rounds = 15;
        var times = Pending.Select(_ => new List<double>()).ToArray();
        var alloc = new double[Pending.Count];
        foreach (var (_, body) in Pending)
            for (var w = Stopwatch.StartNew(); w.Elapsed.TotalSeconds < 0.1;) body();
        for (int r = 0; r < Rounds; r++)
            for (int k = 0; k < Pending.Count; k++)
            {
                var body = Pending[k].Body;
                int calls = 0;
                long a0 = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                do { body(); calls++; } while (sw.Elapsed.TotalSeconds < 0.04);
                times[k].Add(sw.Elapsed.TotalMilliseconds * 1000 / calls);
                alloc[k] = (double)(GC.GetAllocatedBytesForCurrentThread() - a0) / calls;
            }
        for (int k = 0; k < Pending.Count; k++)
        {
            times[k].Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Pending[k].What,-66} {times[k][0],10:F1} {times[k][Rounds / 2],10:F1} {alloc[k],12:F0}"));
        }
        Pending.Clear();
    }

    private static string FindSamples()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "samples", "rocket.jpg"))) return Path.Combine(d.FullName, "samples");
        throw new DirectoryNotFoundException("samples/rocket.jpg not found above " + AppContext.BaseDirectory);
    }
}
