namespace Rdd.Core.Rdds;

/// <summary>
/// A small, fast generator whose sequence is fixed by its seed on every platform and runtime version
/// (System.Random's algorithm is an implementation detail), which is what reproducible sampling needs.
/// </summary>
internal struct SplitMix64(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    public static long Mix(long seed, int partition) => unchecked((long)((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)partition * 0x632BE59BD9B4E019UL + 1));

    public ulong NextULong()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public int NextInt(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    /// <summary>Poisson(mean) by inversion for small means, normal approximation for large ones.</summary>
    public int NextPoisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30)
        {
            double u1 = 1.0 - NextDouble(), u2 = NextDouble();
            double normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * normal));
        }
        double limit = Math.Exp(-mean), product = NextDouble();
        int count = 0;
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }
        return count;
    }
}
