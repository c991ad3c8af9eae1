namespace Augment.Native;

/// <summary>The codec <c>Ops.ImageCompression</c> encodes with (albumentations' <c>compression_type</c>).</summary>
public enum CompressionType
{
    /// <summary>JPEG (baseline, 4:2:0 chroma subsampling).</summary>
    Jpeg = 0,

    /// <summary>Lossy WebP.</summary>
    Webp = 1,
}

/// <summary>The illuminant family of <c>Ops.PlanckianJitter</c>'s table (kornia's <c>mode</c>).</summary>
public enum PlanckianMode
{
    /// <summary>Blackbody radiators, 3000 K to 15000 K in steps of 500 K (25 entries).</summary>
    Blackbody = 0,

    /// <summary>CIE daylight illuminants, 4000 K to 15000 K in steps of 500 K (23 entries).</summary>
    Cied = 1,
}
