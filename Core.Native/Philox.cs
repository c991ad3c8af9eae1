using System.Runtime.CompilerServices;

namespace Augment.Native;

/// <summary>Four 32-bit words: a Philox counter, or one output block.</summary>
public readonly record struct Block4(uint X0, uint X1, uint X2, uint X3);

/// <summary>
/// The Philox4x32-10 counter-based generator of Salmon, Moraes, Dror and Shaw,
/// "Parallel Random Numbers: As Easy as 1, 2, 3" (SC 2011), as specified by Random123:
/// a pure bijection of a 128-bit counter under a 64-bit key. No state, no allocation.
/// </summary>
public static class Philox4x32
{
    private const uint M0 = 0xD2511F53u; // PHILOX_M4x32_0
    private const uint M1 = 0xCD9E8D57u; // PHILOX_M4x32_1
    private const uint W0 = 0x9E3779B9u; // PHILOX_W32_0, golden ratio
    private const uint W1 = 0xBB67AE85u; // PHILOX_W32_1, sqrt(3) - 1

    /// <summary>Computes the 10-round Philox4x32 block of <paramref name="counter"/> under the key (k0, k1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Block4 Generate(uint k0, uint k1, Block4 counter)
    {
        uint c0 = counter.X0, c1 = counter.X1, c2 = counter.X2, c3 = counter.X3;
        for (int round = 0; round < 10; round++)
        {
            if (round > 0) { k0 += W0; k1 += W1; }
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0;
            uint hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
        }
        return new Block4(c0, c1, c2, c3);
    }

    /// <summary>Maps 53 random bits from two words to a double in [0, 1): <c>(a &gt;&gt; 5) * 2^26 + (b &gt;&gt; 6)) / 2^53</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnitDouble(uint a, uint b) =>
        (((ulong)(a >> 5) << 26) + (b >> 6)) * (1.0 / 9007199254740992.0);

    /// <summary>Maps 24 random bits of one word to a float in [0, 1): <c>(a &gt;&gt; 8) / 2^24</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToUnitSingle(uint a) => (a >> 8) * (1f / 16777216f);
}
