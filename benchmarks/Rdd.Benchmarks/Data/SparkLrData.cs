using System.Globalization;

namespace Rdd.Benchmarks.Data;

/// <summary>
/// The data of Spark's SparkLR example (<c>SparkLR.generateData</c>): point i has label y = -1 when i is even and
/// +1 when odd, and features drawn as <c>nextGaussian + y * R</c> with R = 0.7, from this repository's own seeded
/// generator (a Marsaglia polar Gaussian over <see cref="SplitMix64"/>, the method of java.util.Random.nextGaussian,
/// not its numbers). Written as CSV with the header <c>label,x0,…,x{d-1}</c>, the label as 0/1, every double in its
/// shortest round-trip form, into a cache folder and reused while its name (points, features, seed) matches.
/// </summary>
internal static class SparkLrData
{
    /// <summary>SparkLR's R: the shift of each feature's mean by the label.</summary>
    public const double R = 0.7;

    private const int BlockPoints = 1 << 16;

    /// <summary>The cache folder used when <c>--data-dir</c> is not given.</summary>
    public static string DefaultFolder => Path.Combine(Path.GetTempPath(), "rdd-lr-data");

    /// <summary>
    /// The cached CSV for these parameters, written first if missing. The file is written under a temporary name
    /// and renamed when complete, so an interrupted run never leaves a file that looks complete.
    /// </summary>
    public static (string Path, bool Reused) Ensure(string folder, int points, int features, ulong seed)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"sparklr_{points}x{features}_R0.7_seed{seed}.csv");
        if (File.Exists(path)) return (path, true);
        var tmp = path + $".{Environment.ProcessId}.tmp";
        try
        {
            Write(tmp, points, features, seed);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
        return (path, false);
    }

    /// <summary>SparkLR's starting point: <c>DenseVector.fill(D) { 2 * rand.nextDouble - 1 }</c>, from its own seeded stream.</summary>
    public static double[] InitialWeights(int features, ulong seed)
    {
        var g = new SplitMix64(SplitMix64.Derive(seed, -1));
        var w = new double[features];
        for (int j = 0; j < features; j++) w[j] = 2 * g.NextDouble() - 1;
        return w;
    }

    private static void Write(string path, int points, int features, ulong seed)
    {
        int blocks = (points + BlockPoints - 1) / BlockPoints;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        file.Write("label"u8);
        for (int j = 0; j < features; j++) file.Write(System.Text.Encoding.ASCII.GetBytes($",x{j}"));
        file.Write("\n"u8);
        // Blocks are generated in parallel (each from its own derived stream) and written in order.
        int window = 2 * Environment.ProcessorCount;
        for (int first = 0; first < blocks; first += window)
        {
            int count = Math.Min(window, blocks - first);
            var texts = new byte[count][];
            Parallel.For(0, count, i =>
            {
                int block = first + i;
                int start = block * BlockPoints;
                texts[i] = Block(start, Math.Min(BlockPoints, points - start), features, SplitMix64.Derive(seed, block));
            });
            foreach (var t in texts) file.Write(t);
        }
        file.Flush(flushToDisk: true);
    }

    private static byte[] Block(int start, int count, int features, ulong seed)
    {
        var gaussian = new PolarGaussian(seed);
        // A round-trip double takes at most 24 characters ("-2.2250738585072014E-308").
        var buffer = new byte[count * (features * 25 + 3)];
        int pos = 0;
        for (int r = 0; r < count; r++)
        {
            int y = (start + r) % 2 == 0 ? -1 : 1;
            buffer[pos++] = y > 0 ? (byte)'1' : (byte)'0';
            for (int j = 0; j < features; j++)
            {
                buffer[pos++] = (byte)',';
                double x = gaussian.Next() + y * R;
                if (!x.TryFormat(buffer.AsSpan(pos), out int written, "R", CultureInfo.InvariantCulture))
                    throw new InvalidOperationException("A formatted double did not fit its buffer.");
                pos += written;
            }
            buffer[pos++] = (byte)'\n';
        }
        return buffer.AsSpan(0, pos).ToArray();
    }

    /// <summary>Standard normal deviates by Marsaglia's polar method, two per accepted pair (as java.util.Random.nextGaussian).</summary>
    private struct PolarGaussian(ulong seed)
    {
        private SplitMix64 _uniform = new(seed);
        private double _next;
        private bool _haveNext;

        public double Next()
        {
            if (_haveNext)
            {
                _haveNext = false;
                return _next;
            }
            double v1, v2, s;
            do
            {
                v1 = 2 * _uniform.NextDouble() - 1;
                v2 = 2 * _uniform.NextDouble() - 1;
                s = v1 * v1 + v2 * v2;
            }
            while (s >= 1 || s == 0);
            double multiplier = Math.Sqrt(-2 * Math.Log(s) / s);
            _next = v2 * multiplier;
            _haveNext = true;
            return v1 * multiplier;
        }
    }
}
