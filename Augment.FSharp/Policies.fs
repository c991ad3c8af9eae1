namespace Augment

open System
open Augment.Native
open MathNet.Numerics.Distributions

/// The magnitude spaces of torchvision's automatic augmentation policies.
type PolicySpace =
    | RandAugment = 0
    | AutoAugment = 1
    | TrivialAugmentWide = 2
    | AugMix = 3
    | AugMixAllOps = 4

/// The AutoAugment policies learned on three data sets (Cubuk et al. 2019).
type AutoAugmentPolicy =
    | ImageNet = 0
    | Cifar10 = 1
    | Svhn = 2

/// <summary>One op of a policy's space: torchvision's name, its magnitude per bin in torchvision's units (empty for
/// an op without one), and whether a coin flips its sign.</summary>
type PolicyMagnitudes = { Op: string; Magnitudes: float array; Signed: bool }

/// <summary>One op of an AutoAugment sub-policy: torchvision's name, the probability it runs, and its magnitude bin
/// (of 10; -1 for an op without a magnitude).</summary>
type SubPolicyOp = { Op: string; Probability: float; Bin: int }

/// <summary>What AugMix drew: the weight of the original image, the weight of each chain (they sum to 1 - Original),
/// the number of ops of each chain, and for each op, chain after chain, its index in the op space, its magnitude bin
/// and its sign (+1 or -1).</summary>
type AugMixParams =
    { Original: float; Weights: float[]; Depths: int[]; Ops: int[]; Bins: int[]; Signs: int[] }

[<RequireQualifiedAccess>]
module Policies =

    /// An ArgumentException in expression position, worded as Throw.Argument words it.
    let private fail (name: string) (value: obj) (expected: string) : 'a =
        raise (ArgumentException(Throw.Message(name, value, expected), name))

    /// How an op's magnitudes follow from the bin index.
    type private Mag =
        | NoMag
        /// torch.linspace(lo, hi, bins)
        | Lin of float * float
        /// torch.linspace(0, f * W, bins) (x) or of the height (y): a shift in pixels
        | LinW of float
        | LinH of float
        /// top - round(i / ((bins - 1) / span)), round half to even as torch.round
        | Post of int * int

    type private Entry = { Name: string; Mag: Mag; Signed: bool }

    let private e name mag signed = { Name = name; Mag = mag; Signed = signed }

    // torchvision/transforms/v2/_auto_augment.py (torchvision 0.16 to 0.20): the _AUGMENTATION_SPACE of each class, in
    // its order (the order the uniform op choice indexes).
    let private randAugmentSpace =
        [ e "Identity" NoMag false
          e "ShearX" (Lin(0.0, 0.3)) true; e "ShearY" (Lin(0.0, 0.3)) true
          e "TranslateX" (LinW(150.0 / 331.0)) true; e "TranslateY" (LinH(150.0 / 331.0)) true
          e "Rotate" (Lin(0.0, 30.0)) true
          e "Brightness" (Lin(0.0, 0.9)) true; e "Color" (Lin(0.0, 0.9)) true
          e "Contrast" (Lin(0.0, 0.9)) true; e "Sharpness" (Lin(0.0, 0.9)) true
          e "Posterize" (Post(8, 4)) false; e "Solarize" (Lin(1.0, 0.0)) false
          e "AutoContrast" NoMag false; e "Equalize" NoMag false ]

    let private autoAugmentSpace =
        (randAugmentSpace |> List.tail) @ [ e "Invert" NoMag false ]

    let private trivialSpace =
        [ e "Identity" NoMag false
          e "ShearX" (Lin(0.0, 0.99)) true; e "ShearY" (Lin(0.0, 0.99)) true
          e "TranslateX" (Lin(0.0, 32.0)) true; e "TranslateY" (Lin(0.0, 32.0)) true
          e "Rotate" (Lin(0.0, 135.0)) true
          e "Brightness" (Lin(0.0, 0.99)) true; e "Color" (Lin(0.0, 0.99)) true
          e "Contrast" (Lin(0.0, 0.99)) true; e "Sharpness" (Lin(0.0, 0.99)) true
          e "Posterize" (Post(8, 6)) false; e "Solarize" (Lin(1.0, 0.0)) false
          e "AutoContrast" NoMag false; e "Equalize" NoMag false ]

    let private augMixPartial =
        [ e "ShearX" (Lin(0.0, 0.3)) true; e "ShearY" (Lin(0.0, 0.3)) true
          e "TranslateX" (LinW(1.0 / 3.0)) true; e "TranslateY" (LinH(1.0 / 3.0)) true
          e "Rotate" (Lin(0.0, 30.0)) true
          e "Posterize" (Post(4, 4)) false; e "Solarize" (Lin(1.0, 0.0)) false
          e "AutoContrast" NoMag false; e "Equalize" NoMag false ]

    let private augMixAll =
        augMixPartial
        @ [ e "Brightness" (Lin(0.0, 0.9)) true; e "Color" (Lin(0.0, 0.9)) true
            e "Contrast" (Lin(0.0, 0.9)) true; e "Sharpness" (Lin(0.0, 0.9)) true ]

    let private spaceOf (space: PolicySpace) =
        match space with
        | PolicySpace.RandAugment -> randAugmentSpace
        | PolicySpace.AutoAugment -> autoAugmentSpace
        | PolicySpace.TrivialAugmentWide -> trivialSpace
        | PolicySpace.AugMix -> augMixPartial
        | PolicySpace.AugMixAllOps -> augMixAll
        | _ -> fail "space" (box space) "RandAugment, AutoAugment, TrivialAugmentWide, AugMix or AugMixAllOps"

    /// linspace(lo, hi, n)[i]
    let private lin (lo: float) (hi: float) (n: int) (i: int) =
        if n = 1 then lo else lo + (hi - lo) * float i / float (n - 1)

    let private postBits (top: int) (span: int) (n: int) (i: int) =
        if n = 1 then top else top - int (Math.Round(float i / (float (n - 1) / float span), MidpointRounding.ToEven))

    let private checkBins (bins: int) =
        if bins < 2 || bins > 1000 then Throw.Argument("bins", bins, "a number of magnitude bins in [2, 1000]")

    /// <summary>The magnitude table of a torchvision policy space for an image of the given size.</summary>
    let magnitudes (space: PolicySpace) (bins: int) (width: int) (height: int) =
        checkBins bins
        if width < 1 then Throw.Argument("width", width, "a positive image width")
        if height < 1 then Throw.Argument("height", height, "a positive image height")
        spaceOf space
        |> List.map (fun en ->
            let values =
                match en.Mag with
                | NoMag -> [||]
                | Lin (lo, hi) -> Array.init bins (lin lo hi bins)
                | LinW f -> Array.init bins (lin 0.0 (f * float width) bins)
                | LinH f -> Array.init bins (lin 0.0 (f * float height) bins)
                | Post (top, span) -> Array.init bins (postBits top span bins >> float)
            { Op = en.Name; Magnitudes = values; Signed = en.Signed })

    /// The op torchvision's _apply_op runs for an entry at bin i of n, with the sign applied.
    let private opAt (interp: Interpolation) (fill: float) (en: Entry) (n: int) (i: int) (sign: float) : Aug =
        let c = Sampler.constant
        let v () =
            match en.Mag with
            | Lin (lo, hi) -> sign * lin lo hi n i
            | _ -> 0.0
        match en.Name with
        | "Identity" -> Aug.identity
        | "ShearX" -> Ops.shearX (c (v ())) interp BorderMode.Constant fill
        | "ShearY" -> Ops.shearY (c (v ())) interp BorderMode.Constant fill
        | "TranslateX" | "TranslateY" ->
            let x = en.Name = "TranslateX"
            match en.Mag with
            | LinW f | LinH f ->
                let frac = sign * lin 0.0 f n i
                if x then Ops.shiftFraction frac 0.0 BorderMode.Constant fill else Ops.shiftFraction 0.0 frac BorderMode.Constant fill
            | _ ->
                let px = int (Math.Truncate(v ()))
                if x then Ops.shift px 0 BorderMode.Constant fill else Ops.shift 0 px BorderMode.Constant fill
        | "Rotate" -> Ops.rotate (c (v ())) interp BorderMode.Constant fill
        | "Brightness" -> Ops.enhanceBrightness (c (1.0 + v ()))
        | "Color" -> Ops.enhanceColor (c (1.0 + v ()))
        | "Contrast" -> Ops.enhanceContrast (c (1.0 + v ()))
        | "Sharpness" -> Ops.sharpness (c (1.0 + v ()))
        | "Posterize" ->
            match en.Mag with
            | Post (top, span) -> Ops.posterize (postBits top span n i)
            | _ -> Aug.identity
        | "Solarize" -> Ops.solarize (c (v ()))
        | "AutoContrast" -> Ops.autoContrast
        | "Equalize" -> Ops.equalize
        | "Invert" -> Ops.invert
        | other -> fail "op" (box other) "an op of torchvision's policy spaces"

    /// The entry at bin i, its sign drawn by a fair coin when it is signed.
    let private signedAt interp fill (en: Entry) n i =
        if en.Signed && en.Mag <> NoMag then Aug.oneOfUniform [ opAt interp fill en n i 1.0; opAt interp fill en n i -1.0 ]
        else opAt interp fill en n i 1.0

    let private checkInterp (interpolation: Interpolation) =
        if interpolation = Interpolation.Area then Throw.Argument("interpolation", "Area", "Nearest, Bilinear, Bicubic or Lanczos")

    let private checkFill (fill: float) =
        if not (Double.IsFinite fill) then Throw.Argument("fill", fill, "a finite fill value")

    /// <summary>torchvision's <c>RandAugment(num_ops, magnitude, num_magnitude_bins, interpolation, fill)</c>.</summary>
    [<CompiledName("RandAugment")>]
    let randAugment (numOps: int) (magnitude: int) (bins: int) (interpolation: Interpolation) (fill: float) =
        checkBins bins
        if numOps < 0 || numOps > 64 then Throw.Argument("numOps", numOps, "a number of ops in [0, 64]")
        if magnitude < 0 || magnitude >= bins then Throw.Argument("magnitude", magnitude, sprintf "a bin index in [0, %d]" (bins - 1))
        checkInterp interpolation; checkFill fill
        let choice = Aug.oneOfUniform [ for en in randAugmentSpace -> signedAt interpolation fill en bins magnitude ]
        Aug.sequence (List.replicate numOps choice)
        |> Aug.withSource "Policies.RandAugment"
            [ "numOps", box numOps; "magnitude", box magnitude; "bins", box bins; "interpolation", box interpolation; "fill", box fill ]

    let private s name p bin = { Op = name; Probability = p; Bin = bin }
    let private n = -1

    // torchvision/transforms/v2/_auto_augment.py, AutoAugment._get_policies (the same lists as the v1
    // torchvision/transforms/autoaugment.py and Table 9 of Cubuk et al., AutoAugment, CVPR 2019).
    let private imagenet =
        [ s "Posterize" 0.4 8, s "Rotate" 0.6 9; s "Solarize" 0.6 5, s "AutoContrast" 0.6 n
          s "Equalize" 0.8 n, s "Equalize" 0.6 n; s "Posterize" 0.6 7, s "Posterize" 0.6 6
          s "Equalize" 0.4 n, s "Solarize" 0.2 4; s "Equalize" 0.4 n, s "Rotate" 0.8 8
          s "Solarize" 0.6 3, s "Equalize" 0.6 n; s "Posterize" 0.8 5, s "Equalize" 1.0 n
          s "Rotate" 0.2 3, s "Solarize" 0.6 8; s "Equalize" 0.6 n, s "Posterize" 0.4 6
          s "Rotate" 0.8 8, s "Color" 0.4 0; s "Rotate" 0.4 9, s "Equalize" 0.6 n
          s "Equalize" 0.0 n, s "Equalize" 0.8 n; s "Invert" 0.6 n, s "Equalize" 1.0 n
          s "Color" 0.6 4, s "Contrast" 1.0 8; s "Rotate" 0.8 8, s "Color" 1.0 2
          s "Color" 0.8 8, s "Solarize" 0.8 7; s "Sharpness" 0.4 7, s "Invert" 0.6 n
          s "ShearX" 0.6 5, s "Equalize" 1.0 n; s "Color" 0.4 0, s "Equalize" 0.6 n
          s "Equalize" 0.4 n, s "Solarize" 0.2 4; s "Solarize" 0.6 5, s "AutoContrast" 0.6 n
          s "Invert" 0.6 n, s "Equalize" 1.0 n; s "Color" 0.6 4, s "Contrast" 1.0 8
          s "Equalize" 0.8 n, s "Equalize" 0.6 n ]

    let private cifar10 =
        [ s "Invert" 0.1 n, s "Contrast" 0.2 6; s "Rotate" 0.7 2, s "TranslateX" 0.3 9
          s "Sharpness" 0.8 1, s "Sharpness" 0.9 3; s "ShearY" 0.5 8, s "TranslateY" 0.7 9
          s "AutoContrast" 0.5 n, s "Equalize" 0.9 n; s "ShearY" 0.2 7, s "Posterize" 0.3 7
          s "Color" 0.4 3, s "Brightness" 0.6 7; s "Sharpness" 0.3 9, s "Brightness" 0.7 9
          s "Equalize" 0.6 n, s "Equalize" 0.5 n; s "Contrast" 0.6 7, s "Sharpness" 0.6 5
          s "Color" 0.7 7, s "TranslateX" 0.5 8; s "Equalize" 0.3 n, s "AutoContrast" 0.4 n
          s "TranslateY" 0.4 3, s "Sharpness" 0.2 6; s "Brightness" 0.9 6, s "Color" 0.2 8
          s "Solarize" 0.5 2, s "Invert" 0.0 n; s "Equalize" 0.2 n, s "AutoContrast" 0.6 n
          s "Equalize" 0.2 n, s "Equalize" 0.6 n; s "Color" 0.9 9, s "Equalize" 0.6 n
          s "AutoContrast" 0.8 n, s "Solarize" 0.2 8; s "Brightness" 0.1 3, s "Color" 0.7 0
          s "Solarize" 0.4 5, s "AutoContrast" 0.9 n; s "TranslateY" 0.9 9, s "TranslateY" 0.7 9
          s "AutoContrast" 0.9 n, s "Solarize" 0.8 3; s "Equalize" 0.8 n, s "Invert" 0.1 n
          s "TranslateY" 0.7 9, s "AutoContrast" 0.9 n ]

    let private svhn =
        [ s "ShearX" 0.9 4, s "Invert" 0.2 n; s "ShearY" 0.9 8, s "Invert" 0.7 n
          s "Equalize" 0.6 n, s "Solarize" 0.6 6; s "Invert" 0.9 n, s "Equalize" 0.6 n
          s "Equalize" 0.6 n, s "Rotate" 0.9 3; s "ShearX" 0.9 4, s "AutoContrast" 0.8 n
          s "ShearY" 0.9 8, s "Invert" 0.4 n; s "ShearY" 0.9 5, s "Solarize" 0.2 6
          s "Invert" 0.9 n, s "AutoContrast" 0.8 n; s "Equalize" 0.6 n, s "Rotate" 0.9 3
          s "ShearX" 0.9 4, s "Solarize" 0.3 3; s "ShearY" 0.8 8, s "Invert" 0.7 n
          s "Equalize" 0.9 n, s "TranslateY" 0.6 6; s "Invert" 0.9 n, s "Equalize" 0.6 n
          s "Contrast" 0.3 3, s "Rotate" 0.8 4; s "Invert" 0.8 n, s "TranslateY" 0.0 2
          s "ShearY" 0.7 6, s "Solarize" 0.4 8; s "Invert" 0.6 n, s "Rotate" 0.8 4
          s "ShearY" 0.3 7, s "TranslateX" 0.9 3; s "ShearX" 0.1 6, s "Invert" 0.6 n
          s "Solarize" 0.7 2, s "TranslateY" 0.6 7; s "ShearY" 0.8 4, s "Invert" 0.8 n
          s "ShearX" 0.7 9, s "TranslateY" 0.8 3; s "ShearY" 0.8 5, s "AutoContrast" 0.7 n
          s "ShearX" 0.7 2, s "Invert" 0.1 n ]

    /// <summary>The 25 sub-policies of an AutoAugment policy, as torchvision lists them.</summary>
    let autoAugmentSubPolicies (policy: AutoAugmentPolicy) =
        match policy with
        | AutoAugmentPolicy.ImageNet -> imagenet
        | AutoAugmentPolicy.Cifar10 -> cifar10
        | AutoAugmentPolicy.Svhn -> svhn
        | _ -> fail "policy" (box policy) "ImageNet, Cifar10 or Svhn"

    /// <summary>torchvision's <c>AutoAugment(policy, interpolation, fill)</c>.</summary>
    [<CompiledName("AutoAugment")>]
    let autoAugment (policy: AutoAugmentPolicy) (interpolation: Interpolation) (fill: float) =
        let subs = autoAugmentSubPolicies policy
        checkInterp interpolation; checkFill fill
        let entry name = autoAugmentSpace |> List.find (fun en -> en.Name = name)
        let one (op: SubPolicyOp) =
            let en = entry op.Op
            let inner = if op.Bin < 0 then opAt interpolation fill en 10 0 1.0 else signedAt interpolation fill en 10 op.Bin
            Aug.maybe op.Probability inner
        Aug.oneOfUniform [ for a, b in subs -> Aug.sequence [ one a; one b ] ]
        |> Aug.withSource "Policies.AutoAugment" [ "policy", box policy; "interpolation", box interpolation; "fill", box fill ]

    /// <summary>torchvision's <c>TrivialAugmentWide(num_magnitude_bins, interpolation, fill)</c>.</summary>
    [<CompiledName("TrivialAugmentWide")>]
    let trivialAugmentWide (bins: int) (interpolation: Interpolation) (fill: float) =
        checkBins bins
        checkInterp interpolation; checkFill fill
        Aug.oneOfUniform
            [ for en in trivialSpace ->
                if en.Mag = NoMag then opAt interpolation fill en bins 0 1.0
                else Aug.oneOfUniform [ for i in 0 .. bins - 1 -> signedAt interpolation fill en bins i ] ]
        |> Aug.withSource "Policies.TrivialAugmentWide" [ "bins", box bins; "interpolation", box interpolation; "fill", box fill ]

    // ------------------------------------------------------------------ AugMix

    let private augMixBins = 10  // torchvision's _PARAMETER_MAX: the space has 10 bins, severity picks among the first

    let private dirichlet (seed: Seed) (alpha: float) (k: int) =
        let g = Array.init k (fun i -> Gamma.InvCDF(alpha, 1.0, Seed.openUniform (Seed.derive seed (int64 i))))
        let total = Array.sum g
        if total > 0.0 && Double.IsFinite total then g |> Array.map (fun x -> x / total) else Array.create k (1.0 / float k)

    let private signedOp (space: Entry list) interp fill (op: int) (bin: int) (sign: int) =
        let en = List.item op space
        opAt interp fill en augMixBins bin (if en.Signed then float sign else 1.0)

    /// <summary>Mixes AugMix's chains: <c>Original * x + sum_i Weights[i] * chain_i(x)</c> in double, per element.</summary>
    let private mixChains (space: Entry list) (interp: Interpolation) (fill: float) (p: AugMixParams) (s: Sample) =
        if s.Boxes.Length > 0 || s.Mask.IsSome || s.Keypoints.Length > 0 then
            Throw.Argument("sample", "a sample with boxes, a mask or keypoints",
                           "an image (and label) alone: AugMix mixes images, as torchvision's AugMix refuses boxes and masks")
        let img = s.Image
        let acc = Array.zeroCreate<float> (img.Width * img.Height * img.Channels)
        let add (w: float) (im: Image) =
            if im.ElementType = ElementType.Byte then
                let b = im.Bytes
                for k in 0 .. acc.Length - 1 do acc.[k] <- acc.[k] + w * float b.[k]
            else
                let f = im.Floats
                for k in 0 .. acc.Length - 1 do acc.[k] <- acc.[k] + w * float f.[k]
        add p.Original img
        let mutable at = 0
        for ci in 0 .. p.Weights.Length - 1 do
            let steps =
                [ for j in 0 .. p.Depths.[ci] - 1 ->
                    let k = at + j
                    signedOp space interp fill p.Ops.[k] p.Bins.[k] p.Signs.[k] ]
            at <- at + p.Depths.[ci]
            let chained = Aug.apply (Aug.sequence steps) (Seed.ofInt 0) (Sample.ofImage img)
            add p.Weights.[ci] chained.Image
        let image =
            if img.ElementType = ElementType.Byte then
                let out = acc |> Array.map (fun v -> byte (Math.Clamp(Math.Round(v, MidpointRounding.ToEven), 0.0, 255.0)))
                Image.FromBytes(img.Width, img.Height, img.Channels, ReadOnlySpan out)
            else
                let lo, hi = float img.Range.Min, float img.Range.Max
                let out = acc |> Array.map (fun v -> float32 (Math.Clamp(v, lo, hi)))
                Image.FromFloats(img.Width, img.Height, img.Channels, ReadOnlySpan out, img.Range)
        { s with Image = image }

    let private augMixSpec (space: Entry list) (interp: Interpolation) (fill: float) : OpSpec<AugMixParams> =
        { Name = "AugMix"; Kind = OpKind.Custom
          Summary = "Mixes the image with chains of AugMix's ops, Dirichlet and Beta weights (torchvision AugMix)."
          Check = fun p ->
            Domain.within "Original" 0.0 1.0 p.Original
            if isNull p.Weights || p.Weights.Length < 1 then Throw.Argument("Weights", "none", "one weight per chain")
            p.Weights |> Array.iteri (fun i w -> Domain.within (sprintf "Weights[%d]" i) 0.0 1.0 w)
            let total = p.Original + Array.sum p.Weights
            if abs (total - 1.0) > 1e-9 then Throw.Argument("Weights", total, "weights that sum with Original to 1")
            if isNull p.Depths || p.Depths.Length <> p.Weights.Length then Throw.Argument("Depths", "a different count", "one depth per chain")
            p.Depths |> Array.iteri (fun i d -> Domain.intWithin (sprintf "Depths[%d]" i) 1 16 d)
            let ops = Array.sum p.Depths
            let count name (a: int[]) = if isNull a || a.Length <> ops then Throw.Argument(name, "a different count", sprintf "%d entries, one per op of the chains" ops)
            count "Ops" p.Ops; count "Bins" p.Bins; count "Signs" p.Signs
            p.Ops |> Array.iteri (fun i o -> Domain.intWithin (sprintf "Ops[%d]" i) 0 (space.Length - 1) o)
            p.Bins |> Array.iteri (fun i b -> Domain.intWithin (sprintf "Bins[%d]" i) 0 (augMixBins - 1) b)
            p.Signs |> Array.iteri (fun i v -> Domain.oneOf (sprintf "Signs[%d]" i) [ -1; 1 ] v)
          Plan = fun p _ -> Step.Custom("AugMix", mixChains space interp fill p) }

    /// <summary>torchvision's <c>AugMix(severity, mixture_width, chain_depth, alpha, all_ops, interpolation, fill)</c>.</summary>
    [<CompiledName("AugMix")>]
    let augMix (severity: int) (width: int) (depth: int) (alpha: float) (allOps: bool) (interpolation: Interpolation) (fill: float) =
        if severity < 1 || severity > augMixBins then Throw.Argument("severity", severity, "a severity in [1, 10]")
        if width < 1 || width > 16 then Throw.Argument("width", width, "a number of chains in [1, 16]")
        if depth = 0 || depth > 16 || depth < -1 then Throw.Argument("depth", depth, "a chain depth in [1, 16], or -1 for a depth drawn from [1, 3]")
        if not (alpha > 0.0 && alpha <= 1000.0) then Throw.Argument("alpha", alpha, "a concentration in (0, 1000]")
        checkInterp interpolation; checkFill fill
        let space = if allOps then augMixAll else augMixPartial
        let draw (seed: Seed) (_: SampleView) =
            let m = Sampler.draw (Sampler.beta alpha alpha) (Seed.derive seed 0L)
            let w = dirichlet (Seed.derive seed 1L) alpha width |> Array.map (fun x -> x * (1.0 - m))
            // the weights sum to 1 - m up to rounding; give the rounding to the last chain
            w.[width - 1] <- Math.Max(0.0, 1.0 - m - (Array.sum w - w.[width - 1]))
            let chains =
                Array.init width (fun ci ->
                    let c = Seed.derive seed (2L + int64 ci)
                    let d = if depth > 0 then depth else 1 + Seed.intBelow (Seed.derive c 0L) 3
                    Array.init d (fun j ->
                        let o = Seed.intBelow (Seed.derive c (1L + 3L * int64 j)) space.Length
                        let b = Seed.intBelow (Seed.derive c (2L + 3L * int64 j)) severity
                        let sg = if Seed.uniform (Seed.derive c (3L + 3L * int64 j)) <= 0.5 then -1 else 1
                        o, b, sg))
            let all = Array.concat chains
            { Original = m; Weights = w; Depths = chains |> Array.map Array.length
              Ops = all |> Array.map (fun (o, _, _) -> o); Bins = all |> Array.map (fun (_, b, _) -> b)
              Signs = all |> Array.map (fun (_, _, sg) -> sg) }
        Op.ofSpec (augMixSpec space interpolation fill) draw
        |> Op.within (fun (p: AugMixParams) ->
            if p.Weights.Length <> width then Throw.Argument("Weights", p.Weights.Length, sprintf "%d chains" width)
            if depth > 0 then p.Depths |> Array.iteri (fun i d -> if d <> depth then Throw.Argument(sprintf "Depths[%d]" i, d, string depth))
            else p.Depths |> Array.iteri (fun i d -> Domain.intWithin (sprintf "Depths[%d]" i) 1 3 d)
            p.Bins |> Array.iteri (fun i b -> Domain.intWithin (sprintf "Bins[%d]" i) 0 (severity - 1) b))
        |> Aug.op
        |> Aug.withSource "Policies.AugMix"
            [ "severity", box severity; "width", box width; "depth", box depth; "alpha", box alpha; "allOps", box allOps
              "interpolation", box interpolation; "fill", box fill ]

    // ------------------------------------------------------------------ KerasCV

    /// <summary>KerasCV's <c>RandomAugmentationPipeline(layers, augmentations_per_image, rate)</c>.</summary>
    [<CompiledName("RandomAugmentationPipeline")>]
    let randomAugmentationPipeline (layers: Aug seq) (augmentationsPerImage: int) (rate: float) =
        if isNull layers then nullArg "layers"
        let layers = List.ofSeq layers
        if layers.IsEmpty then Throw.Argument("layers", "none", "at least one layer")
        if augmentationsPerImage < 0 || augmentationsPerImage > 64 then
            Throw.Argument("augmentationsPerImage", augmentationsPerImage, "a number of augmentations in [0, 64]")
        if not (rate >= 0.0 && rate <= 1.0) then Throw.Argument("rate", rate, "a probability in [0, 1]")
        let one = Aug.maybe rate (Aug.oneOfUniform layers)
        Aug.sequence (List.replicate augmentationsPerImage one)
        |> Aug.withSource "Policies.RandomAugmentationPipeline"
            [ "layers", box layers; "augmentationsPerImage", box augmentationsPerImage; "rate", box rate ]

    /// <summary>KerasCV's <c>create_rand_augment_policy(magnitude, magnitude_stddev)</c>, in KerasCV's units.</summary>
    let kerasRandAugmentPolicy (magnitude: float) (magnitudeStddev: float) =
        if not (magnitude >= 0.0 && magnitude <= 1.0) then Throw.Argument("magnitude", magnitude, "a magnitude in [0, 1]")
        if not (magnitudeStddev >= 0.0 && magnitudeStddev <= 1.0) then Throw.Argument("magnitudeStddev", magnitudeStddev, "a standard deviation in [0, 1]")
        let m, sd = magnitude, magnitudeStddev
        let cn mean stddev lo hi = Sampler.clippedNormal mean stddev lo hi
        let c = Sampler.constant
        [ "auto_contrast", []
          "equalize", []
          "solarize", [ "addition_factor", cn (m * 110.0) (sd * 110.0) 0.0 110.0
                        "threshold_factor", cn (255.0 - m * 255.0) (sd * 255.0) 0.0 255.0 ]
          "color", [ "factor", cn m sd 0.0 1.0 ]
          "contrast", [ "factor", c (Math.Max(m, 0.001)) ]
          "brightness", [ "factor", c m ]
          "shear_x", [ "x_factor", cn m sd 0.0 1.0; "y_factor", c 0.0 ]
          "shear_y", [ "x_factor", c 0.0; "y_factor", cn m sd 0.0 1.0 ]
          "translate_x", [ "width_factor", c m; "height_factor", c 0.0 ]
          "translate_y", [ "width_factor", c 0.0; "height_factor", c m ] ]

    /// A sampler scaled by k > 0 (its draws are k times the original's).
    let private scaled (k: float) (s: Sampler) =
        match s with
        | Sampler.Constant v -> Sampler.constant (k * v)
        | Sampler.ClippedNormal (m, sd, lo, hi) -> Sampler.clippedNormal (k * m) (k * sd) (k * lo) (k * hi)
        | other -> fail "sampler" (box (string other)) "a constant or clipped normal sampler"

    /// -s: a clipped normal mirrored about 0.
    let private negated (s: Sampler) =
        match s with
        | Sampler.Constant v -> Sampler.constant (-v)
        | Sampler.ClippedNormal (m, sd, lo, hi) -> Sampler.clippedNormal (-m) sd (-hi) (-lo)
        | other -> fail "sampler" (box (string other)) "a constant or clipped normal sampler"

    /// 1 - s, in distribution: the clipped normal mirrored about 1/2.
    let private complement (s: Sampler) =
        match s with
        | Sampler.Constant v -> Sampler.constant (1.0 - v)
        | Sampler.ClippedNormal (m, sd, lo, hi) -> Sampler.clippedNormal (1.0 - m) sd (1.0 - hi) (1.0 - lo)
        | other -> fail "sampler" (box (string other)) "a constant or clipped normal sampler"

    let private symmetric (f: float) = if f = 0.0 then Sampler.constant 0.0 else Sampler.uniform -f f

    /// <summary>The layers of KerasCV's <c>RandAugment.get_standard_policy</c> as pipelines of the catalogue.</summary>
    let kerasRandAugmentLayers (magnitude: float) (magnitudeStddev: float) (geometric: bool) =
        let policy = kerasRandAugmentPolicy magnitude magnitudeStddev |> Map.ofList
        let get layer name = policy.[layer] |> List.find (fst >> (=) name) |> snd
        let constant layer name = match get layer name with Sampler.Constant v -> v | s -> fail name (box (string s)) "a constant"
        let shear (x: bool) =
            let f = get (if x then "shear_x" else "shear_y") (if x then "x_factor" else "y_factor")
            let op (s: Sampler) = (if x then Ops.shearX else Ops.shearY) s Interpolation.Bilinear BorderMode.Reflect101 0.0
            Aug.oneOfUniform [ op f; op (negated f) ]
        let colourLayers =
            [ Ops.autoContrast
              Ops.equalize
              Ops.solarizeAdd (scaled (1.0 / 255.0) (get "solarize" "addition_factor")) (scaled (1.0 / 255.0) (get "solarize" "threshold_factor"))
              Ops.enhanceColor (complement (get "color" "factor"))
              (let f = constant "contrast" "factor" in Ops.contrast (Sampler.uniform (1.0 - f) (1.0 + f)))
              Ops.brightness (symmetric (constant "brightness" "factor")) ]
        let geometricLayers =
            [ shear true
              shear false
              Ops.randomTranslation (Sampler.constant 0.0) (symmetric (constant "translate_x" "width_factor")) Interpolation.Bilinear BorderMode.Reflect101 0.0
              Ops.randomTranslation (symmetric (constant "translate_y" "height_factor")) (Sampler.constant 0.0) Interpolation.Bilinear BorderMode.Reflect101 0.0 ]
        if geometric then colourLayers @ geometricLayers else colourLayers

    /// <summary>KerasCV's <c>RandAugment(value_range, augmentations_per_image, magnitude, magnitude_stddev, rate)</c>.</summary>
    [<CompiledName("RandAugmentKeras")>]
    let randAugmentKeras (augmentationsPerImage: int) (magnitude: float) (magnitudeStddev: float) (rate: float) (geometric: bool) =
        randomAugmentationPipeline (kerasRandAugmentLayers magnitude magnitudeStddev geometric) augmentationsPerImage rate
        |> Aug.withSource "Policies.RandAugmentKeras"
            [ "augmentationsPerImage", box augmentationsPerImage; "magnitude", box magnitude; "magnitudeStddev", box magnitudeStddev
              "rate", box rate; "geometric", box geometric ]
