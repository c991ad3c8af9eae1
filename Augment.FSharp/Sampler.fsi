namespace Augment
    
    /// <summary>
    /// How an op draws one of its parameters: a value, not a closure, so pipelines print and serialise.
    /// Every draw is a pure function of a <see cref="T:Augment.Seed"/>.
    /// </summary>
    [<RequireQualifiedAccess; CompiledName ("FSharpSampler")>]
    type Sampler =
        
        /// Always this value.
        | Constant of value: float
        
        /// Uniform on [low, high).
        | Uniform of low: float * high: float
        
        /// Normal(mean, stddev), clipped to [low, high] (KerasCV's NormalFactorSampler).
        | ClippedNormal of
          mean: float * stddev: float * low: float * high: float
        
        /// exp(Uniform(log low, log high)): equal odds for each factor of ten. low &gt; 0.
        | LogUniform of low: float * high: float
        
        /// Beta(alpha, beta) on [0, 1], as MixUp and CutMix draw their mixing weight.
        | Beta of alpha: float * beta: float
        
        override ToString: unit -> string
    
    /// Constructors that validate, and the draw.
    [<RequireQualifiedAccess>]
    module Sampler =
        
        /// <summary>Checks a sampler's numbers; the constructors below call it.</summary>
        /// <exception cref="System.ArgumentException">A bound or shape parameter is not finite or out of its domain; the message names it.</exception>
        [<CompiledName ("Validate")>]
        val validate: s: Sampler -> Sampler
        
        /// Always <paramref name="value"/>.
        [<CompiledName ("Constant")>]
        val constant: value: float -> Sampler
        
        /// Uniform on [low, high).
        [<CompiledName ("Uniform")>]
        val uniform: low: float -> high: float -> Sampler
        
        /// Normal(mean, stddev) clipped to [low, high].
        [<CompiledName ("ClippedNormal")>]
        val clippedNormal:
          mean: float -> stddev: float -> low: float -> high: float -> Sampler
        
        /// Log-uniform on [low, high), low &gt; 0.
        [<CompiledName ("LogUniform")>]
        val logUniform: low: float -> high: float -> Sampler
        
        /// Beta(alpha, beta).
        [<CompiledName ("Beta")>]
        val beta: alpha: float -> b: float -> Sampler
        
        /// <summary>
        /// Draws one value: uniform ones as <c>low + u (high - low)</c> with u from the seed; the others by
        /// inverting their CDF (MathNet.Numerics) at an open-interval u, so one seed gives one value everywhere.
        /// </summary>
        [<CompiledName ("Draw")>]
        val draw: s: Sampler -> seed: Seed -> float
        
        /// The smallest and largest value a draw can take.
        [<CompiledName ("Bounds")>]
        val bounds: s: Sampler -> float * float
