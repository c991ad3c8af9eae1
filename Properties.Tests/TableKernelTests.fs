/// Byte lookup tables (TableKernels): every path (scalar, SSE, AVX2) against the naive loop
/// dst[i] = tables[(i % channels) * 256 + src[i]], on the kinds of tables the engine builds and on edge lengths; the
/// affine fit's known answers, worked by hand.
module TableKernelTests

open System
open Expecto
open Augment.Native.Kernels
open Augment

let private naive (src: byte[]) c (tables: byte[]) = Array.init src.Length (fun i -> tables.[(i % c) * 256 + int src.[i]])

let private apply (src: byte[]) c (tables: byte[]) path =
    let dst = Array.create src.Length 77uy
    TableKernels.Apply(ReadOnlySpan src, Span dst, c, ReadOnlySpan tables, path)
    dst

let private paths = [ SimdPath.Auto; SimdPath.Scalar; SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512 ]

// clamp(round_half_even(f v), 0, 255), as the engine fills a byte table from a point map's scalar reference.
let private tableOf (f: int -> float32 -> float32) c =
    Array.init (256 * c) (fun i -> byte (Math.Clamp(MathF.Round(f (i / 256) (float32 (i % 256))), 0f, 255f)))

let private fits (t: byte[]) =
    let ok, a, b = TableKernels.TryFitAffine(ReadOnlySpan t)
    if ok then
        // Whatever a and b it found, they must give the table back exactly.
        for v in 0 .. 255 do
            Expect.equal (byte (Math.Clamp((int64 a * int64 v + int64 b) >>> 16, 0L, 255L))) t.[v] (sprintf "entry %d from a=%d b=%d" v a b)
    ok

let tests =
    testList "table kernels" [
        test "every path equals the naive loop: one table, per-channel affine tables, per-channel arbitrary tables, identity" {
            let rnd = Random 41
            let kinds : (string * (int -> byte[])) list =
                [ "invert (one table)", tableOf (fun _ v -> 255f - v)
                  "brightness +25.5 (one table, ties to even)", tableOf (fun _ v -> v + 25.5f)
                  "contrast per channel (affine)", tableOf (fun c v -> let m = [| 100.3f; 120.7f; 90.1f; 33.3f |].[c] in (v - m) * 1.3f + m)
                  "gamma per channel (not affine)", tableOf (fun c v -> 255f * MathF.Pow(v / 255f, [| 0.8f; 0.9f; 1.1f; 2.0f |].[c]))
                  "identity", tableOf (fun _ v -> v)
                  "posterize to 4 bits (v & 0xF0)", fun c -> Array.init (256 * c) (fun i -> byte ((i % 256) &&& 0xF0))
                  "integer brightness +40 (saturating add)", tableOf (fun _ v -> v + 40f)
                  "alpha 1.3 v + 38.25 truncated (one affine table for every channel)",
                      fun c -> Array.init (256 * c) (fun i -> byte (Math.Clamp(floor (1.3 * float (i % 256) + 38.25), 0.0, 255.0)))
                  "brightness -25.5 (ties to even, a delta per low nibble, subtract)", tableOf (fun _ v -> v - 25.5f)
                  "brightness +0.5 (ties to even, deltas 0 and 1)", tableOf (fun _ v -> v + 0.5f)
                  "brightness +200.5 (mostly clamped)", tableOf (fun _ v -> v + 200.5f)
                  "brightness -254.5 (all but one clamped)", tableOf (fun _ v -> v - 254.5f)
                  "random deltas per low nibble (saturating add)",
                      fun c -> let p = Array.init 16 (fun _ -> rnd.Next 256) in Array.init (256 * c) (fun i -> let v = i % 256 in byte (min 255 (v + p.[v % 16])))
                  "random deltas per low nibble (saturating subtract)",
                      fun c -> let p = Array.init 16 (fun _ -> rnd.Next 256) in Array.init (256 * c) (fun i -> let v = i % 256 in byte (max 0 (v - p.[v % 16])))
                  "integer brightness -30 (saturating subtract)", tableOf (fun _ v -> v - 30f)
                  "solarize at 128", fun c -> Array.init (256 * c) (fun i -> let v = i % 256 in byte (if v >= 128 then 255 - v else v))
                  "solarize at 1", fun c -> Array.init (256 * c) (fun i -> let v = i % 256 in byte (if v >= 1 then 255 - v else v))
                  "all zero", fun c -> Array.zeroCreate (256 * c)
                  "xor 0x5A", fun c -> Array.init (256 * c) (fun i -> byte ((i % 256) ^^^ 0x5A))
                  "random", fun c -> let t = Array.zeroCreate (256 * c) in rnd.NextBytes t; t
                  // The 16-bit affine path (with and without a correction of 0 or 1 per entry).
                  "scale 1.3 (EnhanceBrightness, ties to even)", tableOf (fun _ v -> v * 1.3f)
                  "contrast 1.3 around 117 (EnhanceContrast, ties to even)", tableOf (fun _ v -> (v - 117f) * 1.3f + 117f)
                  "scale 0.3 (ties to even)", tableOf (fun _ v -> v * 0.3f)
                  "scale 0.5 (ties to even at every odd v)", tableOf (fun _ v -> v * 0.5f)
                  "scale 9.7 around 200 (steep, mostly clamped)", tableOf (fun _ v -> (v - 200f) * 9.7f + 200f)
                  "scale 1000 around 128 (a step)", tableOf (fun _ v -> (v - 128f) * 1000f + 128f)
                  "flat 77", fun c -> Array.create (256 * c) 77uy
                  "alpha 1.3 beta 38.25 (RandomBrightnessContrast, no ties)", tableOf (fun _ v -> v * 1.3f + 38.25f)
                  "random line plus random corrections of 0 or 1",
                      fun c ->
                          let k, o = 0.2 + 3.0 * rnd.NextDouble(), 100.0 * rnd.NextDouble() - 50.0
                          let t = Array.init 256 (fun v -> byte (min 255 (int (Math.Clamp(floor (k * float v + o), 0.0, 255.0)) + rnd.Next 2)))
                          Array.init (256 * c) (fun i -> t.[i % 256])
                  "random line plus a correction of 2 at one entry",
                      fun c ->
                          let t = Array.init 256 (fun v -> byte (min 255 (int (Math.Clamp(floor (1.1 * float v + 3.0), 0.0, 255.0)))))
                          t.[100] <- t.[100] + 2uy
                          for v in 101 .. 255 do t.[v] <- max t.[v] t.[100]
                          Array.init (256 * c) (fun i -> t.[i % 256]) ]
            // Lengths around the vector blocks (16, 32, 48, 96 samples) and whole images.
            // Also around the VBMI path's 64-sample blocks (one table: 64 and 128 samples a step; 4 channels: 16 pixels;
            // 3 channels: 192 samples, 64 pixels).
            let pixelCounts = [ 0; 1; 5; 15; 16; 17; 21; 22; 31; 32; 33; 42; 43; 47; 48; 63; 64; 65; 95; 96; 97; 127; 128; 129; 191; 1000; 224 * 7 ]
            for name, make in kinds do
                for c in [ 1; 3; 4 ] do
                    let tables = make c
                    for n in pixelCounts do
                        let src = Array.zeroCreate (n * c)
                        rnd.NextBytes src
                        let expected = naive src c tables
                        for p in paths do
                            Expect.equal (apply src c tables p) expected (sprintf "%s, %d channels, %d pixels, %A" name c n p)
        }

        test "TryNibbleDelta: known answers worked by hand" {
            let p = Array.zeroCreate<byte> 16
            let nib (t: byte[]) = TableKernels.TryNibbleDelta(ReadOnlySpan t, Span p)
            // v + 25.5 rounded half to even: v + 25 is odd for even v (so 25.5 goes up, to v + 26) and even for odd v
            // (so it stays v + 25): deltas 26, 25, 26, 25, ... by the parity of the low nibble; from 230 on, 255.
            let ok, sub = nib (tableOf (fun _ v -> v + 25.5f) 1)
            Expect.isTrue ok "+25.5"
            Expect.isFalse sub "+25.5 adds"
            Expect.equal p (Array.init 16 (fun j -> if j % 2 = 0 then 26uy else 25uy)) "+25.5 deltas"
            // v - 25.5 rounded half to even: v - 26 for even v, v - 25 for odd v, clamped at 0.
            let ok, sub = nib (tableOf (fun _ v -> v - 25.5f) 1)
            Expect.isTrue ok "-25.5"
            Expect.isTrue sub "-25.5 subtracts"
            Expect.equal p (Array.init 16 (fun j -> if j % 2 = 0 then 26uy else 25uy)) "-25.5 deltas"
            // The identity: delta 0 everywhere.
            let ok, sub = nib (Array.init 256 byte)
            Expect.isTrue (ok && not sub) "identity"
            Expect.equal p (Array.zeroCreate 16) "identity deltas"
            // Deltas that depend on more than the low nibble: v + 1 below 128, v + 2 from 128 on.
            Expect.isFalse (fst (nib (Array.init 256 (fun v -> byte (min 255 (v + (if v < 128 then 1 else 2))))))) "delta by high nibble"
            // Invert (255 - v) and a doubling are no saturating add of a bounded delta by nibble.
            Expect.isFalse (fst (nib (Array.init 256 (fun v -> byte (255 - v))))) "invert"
            Expect.isFalse (fst (nib (Array.init 256 (fun v -> byte (min 255 (2 * v)))))) "doubling"
        }

        test "TryFitAffine16: known answers worked by hand" {
            let mask = Array.zeroCreate<byte> 32
            let fit16 (t: byte[]) =
                let ok, fit = TableKernels.TryFitAffine16(ReadOnlySpan t, Span mask)
                if ok then
                    // Whatever it found must give the table back exactly.
                    for v in 0 .. 255 do
                        Expect.equal (TableKernels.Affine16Entry(&fit, ReadOnlySpan mask, v)) t.[v] (sprintf "entry %d" v)
                ok, fit
            // The identity: the slope between entries 1 and 254 is 256 (253 / 253 in 8 fractional bits), so A = 256,
            // and (256 v + 0) >> 8 = v with no correction; 256 * 255 < 65536, so no index clamp (Hi = 255).
            let ok, fit = fit16 (Array.init 256 byte)
            Expect.isTrue ok "identity"
            Expect.equal (fit.Hi, fit.A, fit.P, fit.N, fit.Correct) (255uy, 256us, 0us, 0us, false) "identity coefficients"
            // The identity with entry 100 raised to 101 (still non-decreasing): no offset fits slope 256 exactly (entry
            // 100 needs B >= 256, entry 0 B <= 255), nor slopes 253 to 259, so the first slope tried with a correction
            // of 0 or 1 is kept: A = 256, B = 0, one correction, bit 4 (100 mod 8) of mask byte 12 (100 / 8).
            let ok, fit = fit16 (Array.init 256 (fun v -> if v = 100 then 101uy else byte v))
            Expect.isTrue ok "identity with one bump"
            Expect.equal (fit.A, fit.P, fit.N, fit.Correct) (256us, 0us, 0us, true) "bump coefficients"
            Expect.equal mask (Array.init 32 (fun j -> if j = 12 then 0x10uy else 0uy)) "bump mask"
            // A flat table: A = 0, B = 7 * 256 = 1792.
            let ok, fit = fit16 (Array.create 256 7uy)
            Expect.isTrue ok "flat"
            Expect.equal (fit.A, fit.P, fit.N, fit.Correct) (0us, 1792us, 0us, false) "flat coefficients"
            // min(2 v, 255): the slope between entries 1 and 127 is 512, but 512 * 128 overflows 16 bits, so the index
            // clamps at 127 and entry 128 (255) would need B >= 65280 - 65024 = 256 while entry 0 needs B <= 255; the
            // next slope tried, 511, clamps at 128 (511 * 128 = 65408) and fits with B = 127: 2 v * 256 <= 511 v + 127
            // < 2 v * 256 + 256 for v <= 127 (0 <= 127 - v < 256), and 65408 + 127 = 65535 gives 255 from 128 on.
            let ok, fit = fit16 (Array.init 256 (fun v -> byte (min (2 * v) 255)))
            Expect.isTrue ok "doubling"
            Expect.equal (fit.Hi, fit.A, fit.P, fit.N, fit.Correct) (128uy, 511us, 127us, 0us, false) "doubling coefficients"
            // v / 2 rounded half to even is 0, 0, 1, 2, 2, 2, 3, 4, ...: steps at 2, 3, then 6, 7: no floor of a line,
            // but floor(v / 2) plus one wherever v mod 4 = 3, so it is taken with a correction.
            let ok, fit = fit16 (tableOf (fun _ v -> v * 0.5f) 1)
            Expect.isTrue (ok && fit.Correct) "v / 2 ties to even"
            // Decreasing (invert) and a correction of 2 (the identity with 100 raised to 102, 101 to 102) are refused.
            Expect.isFalse (fst (fit16 (Array.init 256 (fun v -> byte (255 - v))))) "invert"
            Expect.isFalse (fst (fit16 (Array.init 256 (fun v -> if v = 100 || v = 101 then 102uy else byte v)))) "correction of 2"
            // Gamma 0.5 (slopes from 16 down to 0.5): far from any line.
            Expect.isFalse (fst (fit16 (tableOf (fun _ v -> 255f * MathF.Sqrt(v / 255f)) 1))) "gamma"
            // The tables of the bench's EnhanceBrightness(1.3) and EnhanceContrast(1.3) (ties to even) are taken.
            Expect.isTrue (fst (fit16 (tableOf (fun _ v -> v * 1.3f) 1))) "scale 1.3"
            Expect.isTrue (fst (fit16 (tableOf (fun _ v -> (v - 117f) * 1.3f + 117f) 1))) "contrast 1.3 around 117"
        }

        test "TryFitAffineNear: known answers, and whatever it finds gives the table back" {
            let near (t: byte[]) =
                let ok, a, b = TableKernels.TryFitAffineNear(ReadOnlySpan t)
                if ok then
                    for v in 0 .. 255 do
                        Expect.equal (byte (Math.Clamp((int64 a * int64 v + int64 b) >>> 16, 0L, 255L))) t.[v] (sprintf "entry %d from a=%d b=%d" v a b)
                ok
            // The identity: floor((65536 v + b) / 65536) = v for b in [0, 65536); least squares gives slope 1 exactly.
            Expect.isTrue (near (Array.init 256 byte)) "identity"
            // 1.3 v + 38.25 rounded (RandomBrightnessContrast's table) is floor(1.3 v + 38.75): the fractions of
            // 1.3 v + 38.75 are 0.05 apart at the least from a whole number, so a 16-bit slope within about 0.05 * 65536 /
            // 167 of 1.3 * 65536 fits; least squares lands within a few units of it.
            Expect.isTrue (near (tableOf (fun _ v -> v * 1.3f + 38.25f) 1)) "1.3 v + 38.25"
            // min(2 v, 255): slope 131072.
            Expect.isTrue (near (Array.init 256 (fun v -> byte (min (2 * v) 255)))) "doubling"
            // v / 2 rounded half to even (0, 0, 1, 2, 2, 2, 3, 4, ...) has steps at 2, 3, 6, 7: no floor of a line.
            Expect.isFalse (near (tableOf (fun _ v -> v * 0.5f) 1)) "v / 2 ties to even"
            // A flat table has no unclamped pair to fit a slope through: refused here (TryFitAffine takes it).
            Expect.isFalse (near (Array.create 256 0uy)) "all zero"
            let rnd = Random 47
            let mutable found = 0
            for _ in 1 .. 300 do
                let k = rnd.NextDouble() * 3.0
                let c0 = rnd.NextDouble() * 200.0 - 100.0
                if near (Array.init 256 (fun v -> byte (Math.Clamp(floor (k * float v + c0), 0.0, 255.0)))) then found <- found + 1
            // Floors of random lines: the nine slopes around least squares find most of them.
            Expect.isGreaterThan found 200 "floors of random lines found"
        }

        test "TryFitAffine16 takes every table of a float scale rounded half to even" {
            let mask = Array.zeroCreate<byte> 32
            let rnd = Random 46
            for _ in 1 .. 500 do
                let k = float32 (rnd.NextDouble() * 4.0)
                let m = float32 (rnd.Next 256)
                let t = tableOf (fun _ v -> (v - m) * k + m) 1
                let ok, fit = TableKernels.TryFitAffine16(ReadOnlySpan t, Span mask)
                Expect.isTrue ok (sprintf "k=%g m=%g" k m)
                for v in 0 .. 255 do
                    Expect.equal (TableKernels.Affine16Entry(&fit, ReadOnlySpan mask, v)) t.[v] (sprintf "k=%g m=%g entry %d" k m v)
        }

        test "TryFitAffine: known answers worked by hand" {
            // Identity: floor((65536 v + b) / 65536) = v for any b in [0, 65536).
            Expect.isTrue (fits (Array.init 256 byte)) "identity"
            // min(2v, 255): a = 131072, b in [0, 65536); entries from 128 on clamp to 255.
            Expect.isTrue (fits (Array.init 256 (fun v -> byte (min (2 * v) 255)))) "doubling with clamp"
            // A flat table: a = 0, b = 7 * 65536.
            Expect.isTrue (fits (Array.create 256 7uy)) "flat"
            // 255 - v: a = -65536, b = 255 * 65536 + 65535 (floor of 255 - v + 0.99998).
            Expect.isTrue (fits (Array.init 256 (fun v -> byte (255 - v)))) "invert"
            // round_half_even(v + 0.5) is v for even v and v + 1 for odd v (0, 2, 2, 4, 4, ...): steps of 2 then 0 are
            // no floor of a line (whose steps differ by at most one), so it is refused.
            Expect.isFalse (fits (tableOf (fun _ v -> v + 0.5f) 1)) "ties to even"
            // Posterize to 1 bit: 0 up to 127 then 255: a step of 255 needs a slope of at least 254 * 65536, out of bounds.
            Expect.isFalse (fits (Array.init 256 (fun v -> if v < 128 then 0uy else 255uy))) "step"
            // sqrt curve (gamma 0.5): differences shrink from 16 to 0, no line.
            Expect.isFalse (fits (tableOf (fun _ v -> 255f * MathF.Sqrt(v / 255f)) 1)) "gamma"
        }

        test "TryFitAffine finds a fit for every table made by an affine float map without near-ties" {
            let rnd = Random 42
            let mutable found = 0
            for _ in 1 .. 300 do
                let k = float32 (rnd.NextDouble() * 6.0 - 3.0)
                let c0 = float32 (rnd.NextDouble() * 600.0 - 300.0)
                let t = tableOf (fun _ v -> k * v + c0) 1
                // A tie (fraction within 1e-3 of one half) may round either way in float32: skip those maps.
                let nearTie = [ 0 .. 255 ] |> List.exists (fun v -> let y = float k * float v + float c0 in abs (y - floor y - 0.5) < 1e-3)
                if not nearTie then
                    Expect.isTrue (fits t) (sprintf "k=%g c=%g" k c0)
                    found <- found + 1
            Expect.isGreaterThan found 100 "enough maps without near-ties"
        }

        test "ChannelSums: every path equals the naive sums; a worked answer" {
            // 0, 1, ..., 47 as 16 RGB pixels: channel c holds c, c + 3, ..., c + 45, so its sum is 16 c + 3 (0 + ... + 15) = 16 c + 360.
            let sums = Array.zeroCreate<int64> 3
            TableKernels.ChannelSums(ReadOnlySpan(Array.init 48 byte), 3, Span sums)
            Expect.equal sums [| 360L; 376L; 392L |] "worked by hand"
            let rnd = Random 43
            for c in [ 1; 3; 4 ] do
                for n in [ 0; 1; 15; 16; 17; 47; 48; 49; 95; 96; 97; 1000; 224 * 224 ] do
                    let src = Array.zeroCreate (n * c)
                    rnd.NextBytes src
                    let expected = Array.init c (fun ch -> src |> Array.indexed |> Array.sumBy (fun (i, v) -> if i % c = ch then int64 v else 0L))
                    for p in paths do
                        let got = Array.create c -1L
                        TableKernels.ChannelSums(ReadOnlySpan src, c, Span got, p)
                        Expect.equal got expected (sprintf "%d channels, %d pixels, %A" c n p)
            // All 255: the largest sums, no overflow of the 64-bit lanes.
            let big = Array.create (1000 * 48) 255uy
            let got = Array.zeroCreate<int64> 3
            TableKernels.ChannelSums(ReadOnlySpan big, 3, Span got)
            Expect.equal got (Array.create 3 (255L * 16000L)) "all 255"
        }

        test "ChannelSums: the 16-bit lane accumulators never overflow, flushed at every block count" {
            // All 255 is the most a lane can gain per block; 256 blocks of 3 vectors (192, 96, 48 bytes at the three
            // widths) is where the accumulators are emptied, so sizes around 256 and 512 blocks of each width, with
            // tails, would show a lost carry. Each channel's sum is 255 times its sample count (i % c = ch), by hand.
            for c in [ 1; 3; 4 ] do
                for bytes in [ 48 * 256; 48 * 257; 96 * 256; 96 * 256 + 12; 192 * 255; 192 * 256; 192 * 256 + 48; 192 * 257 + 12; 192 * 513 + 24 ] do
                    let n = bytes - bytes % c
                    let src = Array.create n 255uy
                    let expected = Array.init c (fun ch -> 255L * int64 ((n - ch + c - 1) / c))
                    for p in paths do
                        let got = Array.create c -1L
                        TableKernels.ChannelSums(ReadOnlySpan src, c, Span got, p)
                        Expect.equal got expected (sprintf "all 255, %d channels, %d bytes, %A" c n p)
            // A single bright sample at each position of a 192-byte block: lands in its own channel only.
            for c in [ 3; 4 ] do
                for pos in 0 .. 191 do
                    let src = Array.zeroCreate (192 * 3)
                    src.[192 + pos] <- 200uy
                    for p in paths do
                        let got = Array.create c -1L
                        TableKernels.ChannelSums(ReadOnlySpan src, c, Span got, p)
                        Expect.equal got (Array.init c (fun ch -> if (192 + pos) % c = ch then 200L else 0L)) (sprintf "one sample at %d, %d channels, %A" pos c p)
        }

        test "a byte point group runs in passes split before each means step, with the fused run's bits" {
            let means = Step.StatPoint(Statistic.Means, fun st -> PointMap.Affine(Array.map float32 st.Means, Array.create 3 1.3f, Array.map float32 st.Means))
            let point = Step.Point(PointMap.Affine([| 0f; 0f; 0f |], [| 1f; 1f; 1f |], [| 25.5f; 25.5f; 25.5f |]))
            let hist = Step.StatPoint(Statistic.Histograms, fun _ -> PointMap.Func("id", fun _ v -> v))
            Expect.equal (Engine.tablePasses [ point; means; point; means ] |> List.map List.length) [ 1; 2; 1 ] "split before each later means step"
            Expect.equal (Engine.tablePasses [ means; point; hist ] |> List.map List.length) [ 3 ] "a first means step and histogram steps stay in one pass"
            // Fused (passes) against step by step (every op its own group): the same bits, on photos and seeds.
            let pipeline =
                Augment.Aug.sequence [ Augment.Ops.brightness (Augment.Sampler.uniform -0.2 0.2); Augment.Ops.contrast (Augment.Sampler.uniform 0.5 1.5)
                                       Augment.Ops.gamma (Augment.Sampler.uniform 0.7 1.4) 1.0; Augment.Ops.contrast (Augment.Sampler.uniform 0.5 1.5)
                                       Augment.Ops.equalize; Augment.Ops.autoContrast ]
            let unfused = { Augment.RunOptions.Default with Fuse = false }
            let rnd = Random 44
            for seed in 1 .. 12 do
                let w, h = rnd.Next(1, 120), rnd.Next(1, 90)
                let px = Array.zeroCreate (w * h * 3)
                rnd.NextBytes px
                let sample = Augment.Sample.ofImage (Augment.Native.Image.FromBytes(w, h, 3, ReadOnlySpan px))
                let a, _ = Augment.Aug.run pipeline (Augment.Seed.ofInt seed) sample
                let b, _ = Augment.Aug.runWith unfused pipeline (Augment.Seed.ofInt seed) sample
                Expect.isTrue (a.Image.ContentEquals b.Image) (sprintf "seed %d, %dx%d: fused equals step by step" seed w h)
        }

        test "byte ChannelShuffle: a worked answer, and every path equals the scalar loop for every permutation" {
            // RGB (1, 2, 3) with permutation [2; 0; 1]: output channel c is input channel p[c], so (3, 1, 2).
            let d = Array.zeroCreate<byte> 3
            ColourKernels.ChannelShuffle(ReadOnlySpan [| 1uy; 2uy; 3uy |], Span d, 3, ReadOnlySpan [| 2; 0; 1 |])
            Expect.equal d [| 3uy; 1uy; 2uy |] "worked by hand"
            let rnd = Random 45
            let rec perms (xs: int list) = match xs with [] -> [ [] ] | _ -> [ for x in xs do for r in perms (List.filter ((<>) x) xs) -> x :: r ]
            for c in [ 3; 4 ] do
                for perm in perms [ 0 .. c - 1 ] do
                    let perm = Array.ofList perm
                    for n in [ 0; 1; 11; 12; 15; 16; 17; 31; 33; 1000 ] do
                        let src = Array.zeroCreate (n * c)
                        rnd.NextBytes src
                        let expected = Array.init src.Length (fun i -> src.[i - i % c + perm.[i % c]])
                        for p in paths do
                            let got = Array.create src.Length 9uy
                            ColourKernels.ChannelShuffle(ReadOnlySpan src, Span got, c, ReadOnlySpan perm, p)
                            Expect.equal got expected (sprintf "%d channels, %A, %d pixels, %A" c perm n p)
        }

        test "Apply and TryFitAffine name what they refuse" {
            let z n = Array.zeroCreate<byte> n
            BadInput.expectArg "channels" [ "was 2"; "1, 3 or 4" ] (fun () -> TableKernels.Apply(ReadOnlySpan(z 4), Span(z 4), 2, ReadOnlySpan(z 512)))
            BadInput.expectArg "src" [ "was 4"; "a multiple of 3" ] (fun () -> TableKernels.Apply(ReadOnlySpan(z 4), Span(z 4), 3, ReadOnlySpan(z 768)))
            BadInput.expectArg "dst" [ "was 5"; "6 elements" ] (fun () -> TableKernels.Apply(ReadOnlySpan(z 6), Span(z 5), 3, ReadOnlySpan(z 768)))
            BadInput.expectArg "tables" [ "was 256"; "768 entries" ] (fun () -> TableKernels.Apply(ReadOnlySpan(z 6), Span(z 6), 3, ReadOnlySpan(z 256)))
            BadInput.expectArg "table" [ "was 255"; "256 entries" ] (fun () -> TableKernels.TryFitAffine(ReadOnlySpan(z 255)) |> ignore)
            BadInput.expectArg "sums" [ "was 2"; "3 entries" ] (fun () -> TableKernels.ChannelSums(ReadOnlySpan(z 6), 3, Span(Array.zeroCreate<int64> 2)))
        }
    ]
