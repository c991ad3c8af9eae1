using FsSampler = Augment.FSharpSampler;

namespace Augment.CSharp;

/// <summary>How an op draws one parameter; create with <see cref="Sampler"/>.</summary>
public sealed class ParameterSampler
{
    internal ParameterSampler(FsSampler inner) => Inner = inner;
    internal FsSampler Inner { get; }

    /// <summary>Draws one value from <paramref name="seed"/> (a pure function of it).</summary>
    public double Draw(Augment.Seed seed) => Augment.SamplerModule.Draw(Inner, seed);

    /// <inheritdoc />
    public override string ToString() => Inner.ToString();

    /// <summary>A constant is a sampler that always draws it.</summary>
    public static implicit operator ParameterSampler(double value) => Sampler.Constant(value);
}

/// <summary>Parameter samplers. Each checks its numbers and throws an <see cref="ArgumentException"/> naming the bad one.</summary>
public static class Sampler
{
    /// <summary>Always <paramref name="value"/>.</summary>
    public static ParameterSampler Constant(double value) => new(Augment.SamplerModule.Constant(value));
    /// <summary>Uniform on [low, high).</summary>
    public static ParameterSampler Uniform(double low, double high) => new(Augment.SamplerModule.Uniform(low, high));
    /// <summary>Normal(mean, stddev) clipped to [low, high].</summary>
    public static ParameterSampler ClippedNormal(double mean, double stddev, double low, double high) =>
        new(Augment.SamplerModule.ClippedNormal(mean, stddev, low, high));
    /// <summary>Log-uniform on [low, high), low &gt; 0.</summary>
    public static ParameterSampler LogUniform(double low, double high) => new(Augment.SamplerModule.LogUniform(low, high));
    /// <summary>Beta(alpha, beta) on [0, 1].</summary>
    public static ParameterSampler Beta(double alpha, double beta) => new(Augment.SamplerModule.Beta(alpha, beta));
}

/// <summary>Seeds: 128-bit names of random streams, derived purely.</summary>
public static class Seeds
{
    /// <summary>The seed with key <paramref name="value"/>.</summary>
    public static Augment.Seed FromInt64(long value) => Augment.SeedModule.OfInt64(value);
    /// <summary>Child <paramref name="index"/> of <paramref name="seed"/>.</summary>
    public static Augment.Seed Derive(Augment.Seed seed, long index) => Augment.SeedModule.Derive(seed, index);
    /// <summary>A double in [0, 1) drawn from <paramref name="seed"/>.</summary>
    public static double Uniform(Augment.Seed seed) => Augment.SeedModule.Uniform(seed);
    /// <summary>Reads the 32 hex digits a seed prints.</summary>
    public static Augment.Seed Parse(string text) => Augment.SeedModule.Parse(text);
}
