using System.Buffers;
using System.Runtime.InteropServices;
using Augment.Native;

namespace Augment.OpenCL;

public sealed partial class OpenClBackend
{
    // Jobs whose first group is a warp the engine plans as an exact copy (flips, quarter turns, crops, pads), with sources
    // of one shape and element type and outputs of one shape: that group runs for all of them in one launch
    // (copy_u8_batch / copy_f32_batch over one buffer of their sources, each image with its own integer map, window, border
    // and fill); each then goes on alone from its slice of the output, as after RunSharedTables.
    private void RunSharedCopies(PlanJob[] jobs, PixelBuffer[] results, bool[] done)
    {
        var byShape = new Dictionary<(int, int, int, ElementType, int, int), List<(int Job, WarpPlan.Copy Plan)>>();
        for (int j = 0; j < jobs.Length; j++)
        {
            if (done[j] || jobs[j].Groups.Head is not Group.Warp w) continue;
            var src = jobs[j].Source;
            var shape = new Shape(src.Width, src.Height, src.Channels);
            if (Engine.warpPlan(w.Item, shape, src.Range) is not WarpPlan.Copy c) continue;
            var outShape = Engine.outputShape(jobs[j].Groups.Head, shape);
            if (outShape.Channels != src.Channels) continue;
            var key = (src.Width, src.Height, src.Channels, src.ElementType, outShape.Width, outShape.Height);
            if (!byShape.TryGetValue(key, out var list)) byShape[key] = list = [];
            list.Add((j, c));
        }
        foreach (var list in byShape.Values)
        {
            var src0 = jobs[list[0].Job].Source;
            var out0 = Engine.outputShape(jobs[list[0].Job].Groups.Head, new Shape(src0.Width, src0.Height, src0.Channels));
            long elem = src0.ElementType == ElementType.Byte ? 1 : 4;
            long len = elem * Math.Max(src0.Length, (long)out0.Width * out0.Height * out0.Channels);
            if (len == 0) continue;
            // The same caps per launch as the shared tables (RunSharedTables).
            long limit = _state.Info.Type == "cpu" ? SharedBytesCpu : BatchBytes / 4;
            int chunk = (int)Math.Clamp(limit / len, 2, int.MaxValue);
            for (int start = 0; start + 1 < list.Count; start += chunk)
            {
                RunCopyBatch(jobs, list.GetRange(start, Math.Min(chunk, list.Count - start)), out0, results, done);
                _state.Flush();
                if (_state.RentedBytes > BatchBytes) Drain();
            }
        }
    }

    private void RunCopyBatch(PlanJob[] jobs, List<(int Job, WarpPlan.Copy Plan)> idx, Shape outShape, PixelBuffer[] results, bool[] done)
    {
        int n = idx.Count;
        var first = jobs[idx[0].Job].Source;
        bool isByte = first.ElementType == ElementType.Byte;
        int elem = isByte ? 1 : 4;
        int ch = first.Channels;
        int inLen = first.Length * elem;
        int outCount = outShape.Width * outShape.Height * ch;
        int outLen = outCount * elem;
        var ps = new int[n * 11];
        var fillBytes = new byte[n * ch];
        var fillFloats = new float[n * ch];
        // The sources go up as one copy from a pooled host array that holds them back to back (as RunTablesBatch).
        var stageIn = ArrayPool<byte>.Shared.Rent(n * inLen);
        _staging.Add(stageIn);
        for (int k = 0; k < n; k++)
        {
            var (j, c) = idx[k];
            var s = jobs[j].Source;
            if (isByte) s.ReadBytes.CopyTo(stageIn.AsSpan(k * inLen, inLen));
            else MemoryMarshal.AsBytes(s.ReadFloats).CopyTo(stageIn.AsSpan(k * inLen, inLen));
            var m = c.map;
            ps[k * 11 + 0] = m.A; ps[k * 11 + 1] = m.B; ps[k * 11 + 2] = m.C;
            ps[k * 11 + 3] = m.D; ps[k * 11 + 4] = m.E; ps[k * 11 + 5] = m.F;
            ps[k * 11 + 6] = c.x0; ps[k * 11 + 7] = c.y0; ps[k * 11 + 8] = c.x1; ps[k * 11 + 9] = c.y1;
            ps[k * 11 + 10] = BorderCode(c.border);
            if (c.fill.Length != ch)
                throw new InvalidOperationException($"An exact copy's fill has {c.fill.Length} values; expected {ch} (one per channel).");
            for (int q = 0; q < ch; q++)
            {
                // Engine.roundByte on the fill for bytes, as Copy does.
                fillBytes[k * ch + q] = (byte)MathF.Min(MathF.Max(MathF.Round(c.fill[q]), 0f), 255f);
                fillFloats[k * ch + q] = c.fill[q];
            }
        }
        var src = _state.Rent((long)n * inLen);
        var pinIn = new Memory<byte>(stageIn).Pin();
        _state.Keep(pinIn);
        unsafe { _state.UploadAsync(src, pinIn.Pointer, (long)n * inLen); }
        Interlocked.Add(ref _uploads, n);
        var pm = UploadArray(ps);
        var fm = isByte ? UploadArray(fillBytes) : UploadArray(fillFloats);
        var dst = _state.Rent((long)n * outLen);
        var kern = _state.Kernel(isByte ? "copy_u8_batch" : "copy_f32_batch");
        uint a = 0;
        _state.Arg(kern, a++, src); _state.Arg(kern, a++, first.Width); _state.Arg(kern, a++, (long)first.Length);
        _state.Arg(kern, a++, dst); _state.Arg(kern, a++, outShape.Width); _state.Arg(kern, a++, outShape.Height); _state.Arg(kern, a++, ch);
        _state.Arg(kern, a++, pm); _state.Arg(kern, a, fm);
        _state.LaunchBatch(kern, (long)outShape.Width * outShape.Height, n);
        Interlocked.Increment(ref _sharedLaunches);
        Interlocked.Add(ref _sharedImages, n);
        // Images whose plan ends here come down together: one copy into a pooled host array, copied out after the wait.
        int ending = 0;
        foreach (var (j, _) in idx) if (jobs[j].Groups.Tail.IsEmpty) ending++;
        PixelBuffer?[]? outs = null;
        if (ending == n)
        {
            var stageOut = ArrayPool<byte>.Shared.Rent(n * outLen);
            _staging.Add(stageOut);
            outs = new PixelBuffer?[n];
            var pinOut = new Memory<byte>(stageOut).Pin();
            _state.Keep(pinOut);
            unsafe { _state.DownloadAsync(dst, pinOut.Pointer, (long)n * outLen); }
            Interlocked.Add(ref _downloads, n);
            _stagedOut.Add((stageOut, outs, outLen));
        }
        for (int k = 0; k < n; k++)
        {
            var job = jobs[idx[k].Job];
            var g = job.Groups.Head;
            Ran("warp exact copy");
            var (type, range) = Engine.outputFormat(g, first.ElementType, job.Source.Range);
            if (outs is not null)
            {
                var fin = Final(job, outShape, type, range);
                outs[k] = fin;
                results[idx[k].Job] = fin;
            }
            else if (job.Groups.Tail.IsEmpty)
            {
                var fin = Final(job, outShape, type, range);
                var pin = fin.Pin();
                _state.Keep(pin);
                Interlocked.Increment(ref _downloads);
                unsafe { _state.DownloadAsync(dst, pin.Pointer, outLen, (long)k * outLen); }
                results[idx[k].Job] = fin;
            }
            else
            {
                var cur = new DevImage(outShape.Width, outShape.Height, ch, type, range) { Mem = _state.Rent(outLen) };
                _state.CopyOnDevice(dst, (long)k * outLen, cur.Mem, 0, outLen);
                results[idx[k].Job] = RunPlan(job, cur, job.Groups.Tail);
            }
            done[idx[k].Job] = true;
        }
    }
}
