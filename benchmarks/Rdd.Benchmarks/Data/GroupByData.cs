using System.Globalization;
using System.Text;

namespace Rdd.Benchmarks.Data;

/// <summary>
/// The h2oai db-benchmark groupby data set G1_{N}_1e2_0_0 (K = 100 groups, no NAs, unsorted), following
/// groupby-datagen.R column by column, from this repository's own seeded generator (not R's):
/// id1, id2 = sprintf("id%03d", sample(K)); id3 = sprintf("id%010d", sample(N/K)); id4, id5 = sample(K);
/// id6 = sample(N/K); v1 = sample(5); v2 = sample(15); v3 = round(runif(0, 100), 6).
/// The file is written once to a cache folder under the temp directory and reused while its name (rows, K, seed) matches.
/// </summary>
internal static class GroupByData
{
    public const int K = 100;
    private const int BlockRows = 1 << 18;

    /// <summary>The cached CSV for <paramref name="rows"/> rows and <paramref name="seed"/>, written first if missing.</summary>
    public static (string Path, bool Reused) Ensure(long rows, ulong seed)
    {
        var folder = Path.Combine(Path.GetTempPath(), "rdd-groupby-data");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"G1_{rows}_{K}_0_0_seed{seed}.csv");
        if (File.Exists(path)) return (path, true);
        var tmp = path + $".{Environment.ProcessId}.tmp";
        Write(tmp, rows, seed);
        File.Move(tmp, path, overwrite: true);
        return (path, false);
    }

    /// <summary>
    /// The Parquet copy of the CSV at <paramref name="csv"/> (a folder of snappy part files beside it, written once by
    /// Rdd's Read.Csv(inferSchema) + Write.Parquet and reused while it exists), and the seconds writing it took (0 when reused).
    /// </summary>
    public static (string Path, double WriteSeconds) EnsureParquet(string csv)
    {
        string path = System.IO.Path.ChangeExtension(csv, ".parquet");
        if (Directory.Exists(path)) return (path, 0);
        string tmp = path + $".{Environment.ProcessId}.tmp";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (var context = new Rdd.Core.RddContext())
        {
            new Rdd.Sql.SqlContext(context).Read.Csv(csv, header: true, inferSchema: true).Write.Mode("overwrite").Parquet(tmp);
        }
        double seconds = watch.Elapsed.TotalSeconds;
        Directory.Move(tmp, path);
        return (path, seconds);
    }

    private static void Write(string path, long rows, ulong seed)
    {
        int idsLarge = (int)Math.Max(1, rows / K);
        long blocks = (rows + BlockRows - 1) / BlockRows;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        file.Write("id1,id2,id3,id4,id5,id6,v1,v2,v3\n"u8);
        // Blocks are generated in parallel (each from its own derived stream) and written in order.
        const int Window = 8;
        for (long first = 0; first < blocks; first += Window)
        {
            int count = (int)Math.Min(Window, blocks - first);
            var texts = new byte[count][];
            Parallel.For(0, count, i =>
            {
                long block = first + i;
                long start = block * BlockRows;
                int length = (int)Math.Min(BlockRows, rows - start);
                texts[i] = Block(length, idsLarge, SplitMix64.Derive(seed, block));
            });
            foreach (var t in texts) file.Write(t);
        }
    }

    private static byte[] Block(int length, int idsLarge, ulong seed)
    {
        var g = new SplitMix64(seed);
        var text = new StringBuilder(length * 56);
        var inv = CultureInfo.InvariantCulture;
        for (int r = 0; r < length; r++)
        {
            int id1 = g.NextInt(K) + 1, id2 = g.NextInt(K) + 1, id3 = g.NextInt(idsLarge) + 1;
            int id4 = g.NextInt(K) + 1, id5 = g.NextInt(K) + 1, id6 = g.NextInt(idsLarge) + 1;
            int v1 = g.NextInt(5) + 1, v2 = g.NextInt(15) + 1;
            double v3 = Math.Round(g.NextDouble() * 100.0, 6);
            text.Append("id").Append(id1.ToString("D3", inv)).Append(",id").Append(id2.ToString("D3", inv))
                .Append(",id").Append(id3.ToString("D10", inv)).Append(',').Append(id4).Append(',').Append(id5)
                .Append(',').Append(id6).Append(',').Append(v1).Append(',').Append(v2).Append(',')
                .Append(v3.ToString("0.######", inv)).Append('\n');
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
