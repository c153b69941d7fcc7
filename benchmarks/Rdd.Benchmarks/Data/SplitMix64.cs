namespace Rdd.Benchmarks.Data;

/// <summary>A tiny, fast, seedable generator whose sequence is the same on every machine and runtime.</summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, bound).</summary>
    public int NextInt(int bound) => (int)((Next() >> 33) * (ulong)bound >> 31);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Derives the seed of an independent stream (block <paramref name="index"/> of a data set).</summary>
    public static ulong Derive(ulong seed, long index)
    {
        var g = new SplitMix64(seed ^ (0xD1B54A32D192ED03UL * (ulong)(index + 1)));
        return g.Next();
    }
}
