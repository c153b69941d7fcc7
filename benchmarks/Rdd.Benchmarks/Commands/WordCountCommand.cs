using System.Diagnostics;
using System.Globalization;
using Rdd.Benchmarks.Data;
using Rdd.Benchmarks.Reporting;
using Rdd.Core;

namespace Rdd.Benchmarks.Commands;

/// <summary>
/// The main job: generates deterministic Zipf text (default 50 MB) into a temporary folder of a few files,
/// counts its words with <c>TextFile → FlatMap → Map → ReduceByKey → TakeOrdered</c>, prints the 20 most
/// frequent words, the job's stages with their metrics, and the lineage. Deletes the files at the end.
/// </summary>
internal static class WordCountCommand
{
    public const string Usage = "wordcount [--mb N (default 50)] [--files N (default 4)] [--parallelism N] [--seed N]";

    public static int Run(string[] args)
    {
        var options = new Options(args, ["mb", "files", "parallelism", "seed"], []);
        double megabytes = options.Double("mb", 50);
        int files = options.Int("files", 4);
        ulong seed = (ulong)options.Int("seed", (int)ZipfText.DefaultSeed);
        if (megabytes <= 0 || files <= 0) throw new ArgumentException("--mb and --files must be positive.");

        Console.WriteLine($"Rdd word count - {MachineInfo.Describe()}");
        var directory = Path.Combine(Path.GetTempPath(), $"rdd-wordcount-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            var watch = Stopwatch.StartNew();
            var text = new ZipfText(seed: seed);
            var lines = text.GenerateLines((long)(megabytes * 1_000_000), out var expectedCounts);
            ZipfText.WriteFiles(directory, lines, files);
            long bytes = Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"Generated {bytes / 1e6:N1} MB: {lines.Length:N0} lines, {expectedCounts.Sum():N0} words from a vocabulary of "
                + $"{text.Vocabulary.Count:N0} (Zipf s = 1, seed {seed}) in {files} files under {directory} ({watch.Elapsed.TotalSeconds:F1} s)");
            lines = null;

            var config = new RddConfig();
            if (options.Has("parallelism")) config.Parallelism = options.Int("parallelism", config.Parallelism);
            using var context = ConsoleProgress.NewContext(config);
            var recorder = new StageRecorder();
            context.AddListener(recorder);

            var counts = context.TextFile(directory)
                .FlatMap(static line => line.Split(' '))
                .Map(static word => (Word: word, Count: 1))
                .ReduceByKey(static (a, b) => a + b);
            watch.Restart();
            var top = counts.TakeOrdered(20, static p => (-p.Item2, p.Item1));
            var elapsed = watch.Elapsed;

            long totalWords = expectedCounts.Sum();
            Console.WriteLine();
            Console.WriteLine($"Top 20 words ({elapsed.TotalSeconds:F2} s for the job, {config.Parallelism} workers):");
            var table = new TextTable("rank", "word", "count", "share");
            for (int i = 0; i < top.Length; i++)
                table.Add((i + 1).ToString(CultureInfo.InvariantCulture), top[i].Item1, top[i].Item2.ToString("N0", CultureInfo.InvariantCulture),
                    (100.0 * top[i].Item2 / totalWords).ToString("F2", CultureInfo.InvariantCulture) + " %");
            Console.Write(table);

            bool verified = Verify(top, text, expectedCounts);
            Console.WriteLine(verified
                ? "Verified: the counts equal those the generator drew."
                : "MISMATCH: the counts differ from those the generator drew.");

            Console.WriteLine();
            Console.WriteLine("Stages:");
            Console.Write(recorder.StageTable());
            Console.WriteLine();
            Console.WriteLine("Lineage (ToDebugString):");
            Console.WriteLine(counts.ToDebugString());
            return verified ? 0 : 1;
        }
        finally
        {
            try
            {
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"Could not delete {directory}: {e.Message}");
            }
        }
    }

    private static bool Verify((string Word, int Count)[] top, ZipfText text, long[] expectedCounts)
    {
        var expected = text.Vocabulary.Select((word, k) => (Word: word, Count: expectedCounts[k]))
            .Where(p => p.Count > 0)
            .OrderBy(p => -p.Count).ThenBy(p => p.Word, StringComparer.Ordinal)
            .Take(20)
            .ToArray();
        return expected.Length == top.Length && expected.Zip(top).All(p => p.First.Word == p.Second.Word && p.First.Count == p.Second.Count);
    }
}
