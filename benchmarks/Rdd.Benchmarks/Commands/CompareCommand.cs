using System.Diagnostics;
using System.Globalization;
using Rdd.Benchmarks.Data;
using Rdd.Benchmarks.Reporting;
using Rdd.Benchmarks.Workloads;
using Rdd.Core;

namespace Rdd.Benchmarks.Commands;

/// <summary>
/// The four comparisons of the performance issue, each against its baselines measured in the same process
/// and the same run: (a) word count vs PLINQ and a hand-written loop, (b) a fused Range pipeline vs
/// Parallel.For, (c) the latency of a tiny job, (d) SortByKey vs Array.Sort and PLINQ OrderBy. Prints median
/// times, ratios and whether each target is met. <c>--quick</c> shrinks every size about tenfold.
/// </summary>
internal static class CompareCommand
{
    public const string Usage = "compare [--quick] [--runs N] [--warmup N] [--only abcd] [--verbose]";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="Value">The measured ratio (or time), from median wall-clock times.</param>
    /// <param name="CpuValue">The same ratio from median CPU times (robust to other load on the machine), when it applies.</param>
    /// <param name="MinValue">The same ratio from the fastest runs (least disturbed by other load), when it applies.</param>
    private sealed record TargetResult(string Id, string Description, double Value, string Rule, bool Met, double CpuValue = double.NaN, double MinValue = double.NaN);

    public static int Run(string[] args)
    {
        var options = new Options(args, ["runs", "warmup", "only"], ["quick", "verbose"]);
        bool quick = options.Has("quick");
        int runs = options.Int("runs", quick ? 3 : 5);
        int warmup = options.Int("warmup", 1);
        string only = options.String("only") ?? "abcd";
        Action<string>? log = options.Has("verbose") ? Console.WriteLine : null;
        int cores = Environment.ProcessorCount;

        Console.WriteLine($"Rdd compare{(quick ? " --quick" : "")}: median of {runs} timed runs after {warmup} warmup, contenders interleaved, full GC before each run");
        Console.WriteLine($"Machine: {MachineInfo.Describe()}");
        var total = Stopwatch.StartNew();
        var targets = new List<TargetResult>();
        if (only.Contains('a')) targets.AddRange(CompareWordCount(quick ? 20 : 200, cores, warmup, runs, log));
        if (only.Contains('b')) targets.AddRange(CompareRange(quick ? 10_000_000 : 100_000_000, cores, warmup, runs, log));
        if (only.Contains('c')) targets.AddRange(CompareLatency(quick ? 200 : 2000, quick ? 100 : 500));
        if (only.Contains('d')) targets.AddRange(CompareSort(quick ? 1_000_000 : 10_000_000, warmup, runs, log));

        Console.WriteLine();
        Console.WriteLine($"Summary ({total.Elapsed.TotalSeconds:F0} s in all; load average now {MachineInfo.LoadAverage()}):");
        var summary = new TextTable("target", "measured (medians)", "by fastest runs", "by CPU time", "rule", "met");
        foreach (var t in targets)
            summary.Add($"{t.Id}. {t.Description}", t.Value.ToString(t.Rule.Contains("µs", StringComparison.Ordinal) ? "F1" : "F2", Invariant),
                Optional(t.MinValue), Optional(t.CpuValue), t.Rule, t.Met ? "yes" : "NO");
        Console.Write(summary);
        Console.WriteLine("  Targets are judged on wall-clock medians. On a shared machine two more views help tell cost from noise: the same");
        Console.WriteLine("  ratio from each contender's fastest run, and from the process's CPU time per run (all threads, GC included).");
        return 0;
    }

    private static IEnumerable<TargetResult> CompareWordCount(int megabytes, int cores, int warmup, int runs, Action<string>? log)
    {
        var generation = Stopwatch.StartNew();
        var text = new ZipfText();
        var lines = text.GenerateLines(megabytes * 1_000_000L, out var drawn);
        long words = drawn.Sum();
        long chars = lines.Sum(l => (long)l.Length + 1);
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int k = 0; k < drawn.Length; k++)
            if (drawn[k] > 0) expected[text.Vocabulary[k]] = drawn[k];
        int slices = cores * 4;
        var directory = Path.Combine(Path.GetTempPath(), $"rdd-compare-{Environment.ProcessId}-{Guid.NewGuid():N}");
        ZipfText.WriteFiles(directory, lines, 4);
        Console.WriteLine();
        Console.WriteLine($"a. Word count: {chars / 1e6:N0} MB of text in memory as string[] ({lines.Length:N0} lines, {words:N0} words, "
            + $"{expected.Count:N0} distinct), {slices} slices/chunks; the TextFile row reads the same text from 4 files "
            + $"(minPartitions {slices}). Generated in {generation.Elapsed.TotalSeconds:F1} s.");
        try
        {
            using var context = ConsoleProgress.NewContext();
            var contenders = new Contender[]
            {
                new("PLINQ SelectMany.GroupBy.Count", () => WordCount.Plinq(lines)),
                new("hand-written Parallel.For + Dictionary", () => WordCount.HandWritten(lines, slices)),
                new("Rdd Parallelize.FlatMap.Map.ReduceByKey.Collect", () => WordCount.Rdd(context, lines, slices)),
                new("Rdd TextFile (same pipeline, from files)", () => WordCount.RddTextFile(context, directory, slices)),
                new("info: hand-written, span tokenizer", () => WordCount.HandWrittenSpans(lines, slices)),
            };
            var samples = Timing.Interleaved(contenders, warmup, runs, (c, result) => CheckWordCount(c, result, expected), log);
            PrintSamples(samples, samples[0], samples[1]);
            double vsPlinq = samples[0].Median / samples[2].Median;
            double vsHand = samples[2].Median / samples[1].Median;
            return
            [
                new("a", "Rdd speed-up over PLINQ (PLINQ ÷ Rdd)", vsPlinq, "≥ 1.50×", vsPlinq >= 1.5, samples[0].MedianCpu / samples[2].MedianCpu, samples[0].Min / samples[2].Min),
                new("a", "Rdd vs hand-written (Rdd ÷ hand-written)", vsHand, "≤ 1.30×", vsHand <= 1.3, samples[2].MedianCpu / samples[1].MedianCpu, samples[2].Min / samples[1].Min),
            ];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void CheckWordCount(Contender contender, object? result, Dictionary<string, long> expected)
    {
        var counts = ((string Word, int Count)[])result!;
        bool ok = counts.Length == expected.Count && counts.All(p => expected.TryGetValue(p.Word, out var n) && n == p.Count);
        if (!ok) throw new InvalidOperationException($"{contender.Name} computed wrong word counts ({counts.Length} words, expected {expected.Count}).");
    }

    private static IEnumerable<TargetResult> CompareRange(long n, int cores, int warmup, int runs, Action<string>? log)
    {
        Console.WriteLine();
        Console.WriteLine($"b. Range(0, {n:N0}).Map(x => x * 3 + 1).Filter(x => x % 7 != 0).Count(), {cores} partitions; "
            + $"baselines: Parallel.For over {cores} chunks, arithmetic inline or through the same lambdas as delegates.");
        using var context = ConsoleProgress.NewContext();
        long expected = RangePipeline.Expected(n);
        var contenders = new Contender[]
        {
            new("hand-written Parallel.For, inline", () => RangePipeline.Inline(n, cores)),
            new("hand-written Parallel.For, delegates", () => RangePipeline.Delegates(n, cores)),
            new("Rdd Range.Map.Filter.Count", () => RangePipeline.Rdd(context, n)),
        };
        var samples = Timing.Interleaved(contenders, Math.Max(warmup, 2), runs + 2, (c, result) =>
        {
            if ((long)result! != expected) throw new InvalidOperationException($"{c.Name} counted {result}, expected {expected}.");
        }, log);
        PrintSamples(samples, samples[0], samples[1]);
        double vsInline = samples[2].Median / samples[0].Median;
        double vsDelegates = samples[2].Median / samples[1].Median;
        return
        [
            new("b", "Rdd vs inline Parallel.For (Rdd ÷ inline)", vsInline, "≤ 2.00×", vsInline <= 2, samples[2].MedianCpu / samples[0].MedianCpu, samples[2].Min / samples[0].Min),
            new("b", "Rdd vs delegate Parallel.For (Rdd ÷ delegates)", vsDelegates, "≤ 2.00× (same rule, informative)", vsDelegates <= 2, samples[2].MedianCpu / samples[1].MedianCpu, samples[2].Min / samples[1].Min),
        ];
    }

    private static IEnumerable<TargetResult> CompareLatency(int jobs, int warmupJobs)
    {
        Console.WriteLine();
        Console.WriteLine($"c. Small-job latency: Parallelize(4 items, 4 slices).Count(), a new Rdd per job; {warmupJobs} warmup jobs, then {jobs} timed one by one.");
        using var context = ConsoleProgress.NewContext();
        var rdd = Latencies("Rdd Parallelize(4, 4).Count()", () => SmallJob.Rdd(context), jobs, warmupJobs);
        var reused = context.Parallelize(SmallJob.Items, 4);
        var rddReused = Latencies("Rdd, same Rdd counted again", () => reused.Count(), jobs, warmupJobs);
        var parallelFor = Latencies("reference: Parallel.For(0, 4)", () => SmallJob.ParallelFor(), jobs, warmupJobs);
        var table = new TextTable("contender", "mean µs", "median µs", "p90 µs", "p99 µs", "min µs", "max µs");
        foreach (var s in new[] { rdd, rddReused, parallelFor })
            table.Add(s.Name, F1(s.Mean), F1(s.Median), F1(s.Percentile(0.9)), F1(s.Percentile(0.99)), F1(s.Min), F1(s.Max));
        Console.Write(table);
        return
        [
            new("c", "small job, median", rdd.Median, "≤ 200 µs", rdd.Median <= 200),
            new("c", "small job, mean", rdd.Mean, "≤ 200 µs", rdd.Mean <= 200),
        ];
    }

    /// <summary>Per-job times in microseconds (the Sample's unit here).</summary>
    private static Sample Latencies(string name, Func<long> job, int jobs, int warmupJobs)
    {
        for (int i = 0; i < warmupJobs; i++)
            if (job() != 4) throw new InvalidOperationException($"{name} did not count 4 elements.");
        Timing.FullCollect();
        var micros = new double[jobs];
        for (int i = 0; i < jobs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            job();
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        return new Sample(name, micros);
    }

    private static IEnumerable<TargetResult> CompareSort(int n, int warmup, int runs, Action<string>? log)
    {
        var pairs = SortPairs.Generate(n);
        Console.WriteLine();
        Console.WriteLine($"d. Sort {n:N0} random (long, long) pairs by key. Rdd: Parallelize(pairs).SortByKey().Collect() ({Environment.ProcessorCount} partitions; "
            + "Collect materializes the sorted output as one array, like the baselines; a fresh RddContext per run, so every run starts "
            + "with an empty shuffle: earlier map outputs are released only once their dependency is garbage-collected). Array.Sort copies keys and items out of the input, then sorts on one thread.");
        var contenders = new Contender[]
        {
            new("Array.Sort(keys, items), 1 thread", () => SortPairs.ArraySort(pairs, out _)),
            new("PLINQ OrderBy(p => p.Item1).ToArray()", () => SortPairs.Plinq(pairs)),
            new("Rdd Parallelize.SortByKey.Collect", () =>
            {
                using var context = ConsoleProgress.NewContext();
                return SortPairs.Rdd(context, pairs);
            }),
        };
        var samples = Timing.Interleaved(contenders, warmup, runs, (c, result) =>
        {
            bool ok = result switch
            {
                long[] keys => keys.Length == n && IsSorted(keys),
                (long, long)[] sorted => sorted.Length == n && SortPairs.IsSorted(sorted),
                _ => false,
            };
            if (!ok) throw new InvalidOperationException($"{c.Name} did not sort the pairs.");
        }, log);
        PrintSamples(samples, samples[0], samples[1]);
        double vsArray = samples[2].Median / samples[0].Median;
        double vsPlinq = samples[1].Median / samples[2].Median;
        return
        [
            new("d", "SortByKey vs Array.Sort (Rdd ÷ Array.Sort)", vsArray, "no target (informative)", true, samples[2].MedianCpu / samples[0].MedianCpu, samples[2].Min / samples[0].Min),
            new("d", "SortByKey speed-up over PLINQ (PLINQ ÷ Rdd)", vsPlinq, "no target (informative)", true, samples[1].MedianCpu / samples[2].MedianCpu, samples[1].Min / samples[2].Min),
        ];

        static bool IsSorted(long[] keys)
        {
            for (int i = 1; i < keys.Length; i++)
                if (keys[i - 1] > keys[i]) return false;
            return true;
        }
    }

    private static void PrintSamples(Sample[] samples, Sample baseline1, Sample baseline2)
    {
        var table = new TextTable("contender", "median ms", "min ms", "max ms", $"÷ {Short(baseline1.Name)}", $"÷ {Short(baseline2.Name)}", "CPU ms (median)");
        foreach (var s in samples)
            table.Add(s.Name, F1(s.Median), F1(s.Min), F1(s.Max), Ratio(s.Median / baseline1.Median), Ratio(s.Median / baseline2.Median), F0(s.MedianCpu));
        Console.Write(table);
        foreach (var s in samples)
            Console.WriteLine($"  runs of {s.Name}: {string.Join(", ", s.Millis.Select(F1))} ms");
    }

    private static string Short(string name) => name.Split(' ', '(')[0] switch
    {
        "hand-written" when name.Contains("delegates", StringComparison.Ordinal) => "delegates",
        "hand-written" when name.Contains("inline", StringComparison.Ordinal) => "inline",
        var first => first,
    };

    private static string F1(double value) => value.ToString("N1", Invariant);

    private static string Optional(double value) => double.IsNaN(value) ? "" : value.ToString("F2", Invariant);

    private static string F0(double value) => value.ToString("N0", Invariant);

    private static string Ratio(double value) => value.ToString("F2", Invariant) + "×";
}
