using System.Diagnostics;
using System.Globalization;
using Rdd.Benchmarks.Reporting;
using Rdd.Core;

namespace Rdd.Benchmarks.Commands;

/// <summary>
/// Shuffles bounded by memory: ReduceByKey and SortByKey over ~2 GB of (long, long) pairs with a 128 MB
/// shuffle buffer, against the same jobs with a buffer large enough never to spill. Each case runs in a
/// child process of its own, so that the peak working set reported is that job's alone (target: under
/// 1 GB with the 128 MB buffer). The pairs are generated inside the tasks: the driver never holds them.
/// <c>--pairs</c> and <c>--partitions</c> fix the size and the partition count instead (e.g. the serialization
/// case: 100 M pairs into 20 M keys over 16 partitions); <c>--jobs reduce</c> runs one job;
/// <c>--no-baseline</c> skips the unlimited runs.
/// </summary>
internal static class SpillCommand
{
    public const string Usage = "spill [--gb N (data size, default 2) | --pairs N] [--partitions N (default: 64 MB of pairs each, at least 16)] [--buffer-mb N (default 128)] [--keys N (distinct ReduceByKey keys, default 10000000)] [--jobs reduce,sort] [--no-baseline]";

    private const long UnlimitedBuffer = 64L << 30;

    public static int Run(string[] args)
    {
        var options = new Options(args, ["gb", "pairs", "partitions", "buffer-mb", "keys", "jobs", "case", "buffer-bytes"], ["no-baseline"]);
        double gb = options.Double("gb", 2);
        long bufferBytes = (long)options.Int("buffer-mb", 128) << 20;
        long keys = options.Int("keys", 10_000_000);
        long pairs = options.String("pairs") is { } p ? long.Parse(p, CultureInfo.InvariantCulture) : (long)(gb * (1L << 30) / 16);
        int partitions = options.Int("partitions", Math.Max(16, (int)(pairs * 16 / (64L << 20))));
        string[] jobs = (options.String("jobs") ?? "reduce,sort").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (options.String("case") is { } single) return RunCase(single, pairs, partitions, keys, long.Parse(options.String("buffer-bytes") ?? bufferBytes.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

        Console.WriteLine($"Rdd spilling shuffle - {MachineInfo.Describe()}");
        Console.WriteLine($"{pairs:N0} (long, long) pairs = {pairs * 16 / (double)(1L << 30):F2} GiB raw in {partitions} partitions; ReduceByKey over {keys:N0} distinct keys; SortByKey then Count");
        Console.WriteLine();
        var table = new TextTable("job", "buffer", "time s", "peak working set MB", "spilled MB", "< 1 GB", "time vs unlimited");
        foreach (var job in jobs)
        {
            var limited = RunChild(job, pairs, partitions, bufferBytes, keys);
            var unlimited = options.Has("no-baseline") ? null : RunChild(job, pairs, partitions, UnlimitedBuffer, keys);
            table.Add(job == "reduce" ? "ReduceByKey" : "SortByKey", $"{bufferBytes >> 20} MB", Seconds(limited), Mb(limited.PeakBytes), Mb(limited.Spilled), limited.PeakBytes < 1L << 30 ? "yes" : "NO", unlimited is null ? "-" : Ratio(limited, unlimited));
            if (unlimited is not null) table.Add("", "unlimited", Seconds(unlimited), Mb(unlimited.PeakBytes), Mb(unlimited.Spilled), "", "1.00 (baseline)");
        }
        Console.WriteLine(table);
        return 0;
    }

    private static string Seconds(Result r) => (r.Millis / 1000).ToString("F1", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / (double)(1 << 20)).ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(Result r, Result baseline) => (r.Millis / baseline.Millis).ToString("F2", CultureInfo.InvariantCulture);

    private sealed record Result(double Millis, long PeakBytes, long Spilled);

    private static Result RunChild(string job, long pairs, int partitions, long bufferBytes, long keys)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet run` the process is the app host; under `dotnet Rdd.Benchmarks.dll` it is dotnet itself.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") info.ArgumentList.Add(typeof(SpillCommand).Assembly.Location);
        foreach (var arg in new[] { "spill", "--case", job, "--pairs", pairs.ToString(CultureInfo.InvariantCulture), "--partitions", partitions.ToString(CultureInfo.InvariantCulture), "--keys", keys.ToString(CultureInfo.InvariantCulture), "--buffer-bytes", bufferBytes.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(arg);
        using var child = Process.Start(info)!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The {job} case failed (exit {child.ExitCode}):\n{output}");
        var parts = line.Split(' ');
        return new Result(double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    private static int RunCase(string job, long pairs, int partitions, long keys, long bufferBytes)
    {
        var spilled = new SpillRecorder();
        using var sc = ConsoleProgress.NewContext(new RddConfig { ShuffleMemoryBytes = bufferBytes, LocalDir = Path.Combine(Path.GetTempPath(), "rdd-spill-bench") });
        sc.AddListener(spilled);
        // A multiplicative hash scatters keys so that neither side sees them in order.
        var data = sc.Range(0, pairs, numSlices: partitions).Map(i => ((long)(unchecked((ulong)i * 0x9E3779B97F4A7C15UL) % (ulong)keys), i));
        var watch = Stopwatch.StartNew();
        long result = job switch
        {
            "reduce" => data.ReduceByKey((a, b) => a + b).Count(),
            "sort" => data.SortByKey().Count(),
            _ => throw new ArgumentException($"Unknown case '{job}'."),
        };
        watch.Stop();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"{job}: {result:N0} records out");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {watch.Elapsed.TotalMilliseconds} {self.PeakWorkingSet64} {spilled.Bytes}"));
        return 0;
    }

    private sealed class SpillRecorder : IRddListener
    {
        private long _bytes;

        public long Bytes => Interlocked.Read(ref _bytes);

        public void OnTaskEnded(TaskEnded e) => Interlocked.Add(ref _bytes, e.Metrics.SpilledBytes);
    }
}
