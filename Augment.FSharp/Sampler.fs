namespace Augment

open System
open Augment.Native
open MathNet.Numerics.Distributions

/// <summary>
/// How an op draws one of its parameters: a value, not a closure, so pipelines print and serialise.
/// Every draw is a pure function of a <see cref="T:Augment.Seed"/>.
/// </summary>
[<RequireQualifiedAccess; CompiledName("FSharpSampler")>]
type Sampler =
    /// Always this value.
    | Constant of value: float
    /// Uniform on [low, high).
    | Uniform of low: float * high: float
    /// Normal(mean, stddev), clipped to [low, high] (KerasCV's NormalFactorSampler).
    | ClippedNormal of mean: float * stddev: float * low: float * high: float
    /// exp(Uniform(log low, log high)): equal odds for each factor of ten. low &gt; 0.
    | LogUniform of low: float * high: float
    /// Beta(alpha, beta) on [0, 1], as MixUp and CutMix draw their mixing weight.
    | Beta of alpha: float * beta: float

    override s.ToString() =
        match s with
        | Constant v -> sprintf "constant %g" v
        | Uniform (a, b) -> sprintf "uniform [%g, %g)" a b
        | ClippedNormal (m, sd, a, b) -> sprintf "normal(%g, %g) clipped to [%g, %g]" m sd a b
        | LogUniform (a, b) -> sprintf "log-uniform [%g, %g)" a b
        | Beta (a, b) -> sprintf "beta(%g, %g)" a b

/// Constructors that validate, and the draw.
[<RequireQualifiedAccess>]
module Sampler =

    let private finite name (v: float) =
        if not (Double.IsFinite v) then Throw.Argument(name, v, "a finite number")

    /// <summary>Checks a sampler's numbers; the constructors below call it.</summary>
    /// <exception cref="System.ArgumentException">A bound or shape parameter is not finite or out of its domain; the message names it.</exception>
    [<CompiledName("Validate")>]
    let validate (s: Sampler) =
        match s with
        | Sampler.Constant v -> finite "value" v
        | Sampler.Uniform (a, b) ->
            finite "low" a
            finite "high" b
            if a > b then Throw.Argument("high", b, sprintf "a number >= low (%g)" a)
        | Sampler.ClippedNormal (m, sd, a, b) ->
            finite "mean" m
            finite "stddev" sd
            finite "low" a
            finite "high" b
            if sd < 0.0 then Throw.Argument("stddev", sd, "a standard deviation >= 0")
            if a > b then Throw.Argument("high", b, sprintf "a number >= low (%g)" a)
        | Sampler.LogUniform (a, b) ->
            finite "low" a
            finite "high" b
            if a <= 0.0 then Throw.Argument("low", a, "a number > 0 (log-uniform needs positive bounds)")
            if a > b then Throw.Argument("high", b, sprintf "a number >= low (%g)" a)
        | Sampler.Beta (a, b) ->
            finite "alpha" a
            finite "beta" b
            if a <= 0.0 then Throw.Argument("alpha", a, "a shape parameter > 0")
            if b <= 0.0 then Throw.Argument("beta", b, "a shape parameter > 0")
        s

    /// Always <paramref name="value"/>.
    [<CompiledName("Constant")>]
    let constant value = validate (Sampler.Constant value)

    /// Uniform on [low, high).
    [<CompiledName("Uniform")>]
    let uniform low high = validate (Sampler.Uniform(low, high))

    /// Normal(mean, stddev) clipped to [low, high].
    [<CompiledName("ClippedNormal")>]
    let clippedNormal mean stddev low high = validate (Sampler.ClippedNormal(mean, stddev, low, high))

    /// Log-uniform on [low, high), low &gt; 0.
    [<CompiledName("LogUniform")>]
    let logUniform low high = validate (Sampler.LogUniform(low, high))

    /// Beta(alpha, beta).
    [<CompiledName("Beta")>]
    let beta alpha b = validate (Sampler.Beta(alpha, b))

    /// <summary>
    /// Draws one value: uniform ones as <c>low + u (high - low)</c> with u from the seed; the others by
    /// inverting their CDF (MathNet.Numerics) at an open-interval u, so one seed gives one value everywhere.
    /// </summary>
    [<CompiledName("Draw")>]
    let draw (s: Sampler) (seed: Seed) =
        match validate s with
        | Sampler.Constant v -> v
        | Sampler.Uniform (a, b) -> if a = b then a else a + Seed.uniform seed * (b - a)
        | Sampler.ClippedNormal (m, sd, a, b) ->
            if sd = 0.0 then Math.Clamp(m, a, b)
            else Math.Clamp(Normal.InvCDF(m, sd, Seed.openUniform seed), a, b)
        | Sampler.LogUniform (a, b) ->
            if a = b then a else Math.Exp(Math.Log a + Seed.uniform seed * (Math.Log b - Math.Log a))
        | Sampler.Beta (a, b) -> Math.Clamp(Beta.InvCDF(a, b, Seed.openUniform seed), 0.0, 1.0)

    /// The smallest and largest value a draw can take.
    [<CompiledName("Bounds")>]
    let bounds (s: Sampler) =
        match s with
        | Sampler.Constant v -> v, v
        | Sampler.Uniform (a, b) | Sampler.ClippedNormal (_, _, a, b) | Sampler.LogUniform (a, b) -> a, b
        | Sampler.Beta _ -> 0.0, 1.0
