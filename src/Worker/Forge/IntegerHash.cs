namespace RenderFarm.Worker.Forge;

/// <summary>
/// Fixed-seed, platform-independent pseudo-randomness for the texture tiles: Chris Wellons' "lowbias32" integer
/// hash (public domain), chained over coordinates. No System.Random: its algorithm is not a stable contract.
/// </summary>
public static class IntegerHash
{
    public static uint Mix(uint x)
    {
        x ^= x >> 16;
        x *= 0x7feb352dU;
        x ^= x >> 15;
        x *= 0x846ca68bU;
        x ^= x >> 16;
        return x;
    }

    public static uint Hash(int x, int y, uint seed) => Mix((uint)x + Mix((uint)y + Mix(seed)));

    /// <summary>A value in [0, 1) from the top 24 bits, exact in a float.</summary>
    public static float Unit(int x, int y, uint seed) => (Hash(x, y, seed) >> 8) * (1f / 16777216f);
}
