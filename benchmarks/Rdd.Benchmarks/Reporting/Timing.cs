using System.Diagnostics;

namespace Rdd.Benchmarks.Reporting;

/// <summary>One way of computing a workload's result.</summary>
/// <param name="Name">Shown in the table.</param>
/// <param name="Run">Computes the result; its return value is kept alive until the run is timed.</param>
internal sealed record Contender(string Name, Func<object?> Run);

/// <summary>
/// The timed runs of one contender, in milliseconds of wall-clock time, and the CPU time the whole process
/// used during each run (all threads, GC included): unlike wall-clock time, CPU time barely changes when other
/// processes compete for the cores, so it tells real cost from noise on a shared machine.
/// </summary>
internal sealed record Sample(string Name, double[] Millis, double[]? CpuMillis = null)
{
    public double MedianCpu => CpuMillis is { Length: > 0 } cpu ? new Sample(Name, cpu).Median : double.NaN;

    public double Median => Percentile(0.5);
    public double Min => Millis.Min();
    public double Max => Millis.Max();
    public double Mean => Millis.Average();

    public double Percentile(double p)
    {
        var sorted = Millis.Order().ToArray();
        double rank = p * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank), hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}

internal static class Timing
{
    /// <summary>
    /// Warms every contender up, then times <paramref name="runs"/> rounds in which each contender runs once,
    /// starting from a different contender each round: background load (this machine is shared) then falls on
    /// all contenders alike instead of on whichever ran during a busy spell. A full, compacting GC before every
    /// run keeps one contender's garbage from being collected on another's clock.
    /// </summary>
    /// <param name="contenders">The ways of computing the workload.</param>
    /// <param name="warmup">Untimed runs of each contender (at least one: its result is checked).</param>
    /// <param name="runs">Timed runs of each contender.</param>
    /// <param name="check">Verifies the first warmup result of a contender; throws when it is wrong.</param>
    /// <param name="log">Receives one line per run.</param>
    public static Sample[] Interleaved(IReadOnlyList<Contender> contenders, int warmup, int runs, Action<Contender, object?> check, Action<string>? log = null)
    {
        for (int w = 0; w < Math.Max(1, warmup); w++)
            foreach (var c in contenders)
            {
                FullCollect();
                long start = Stopwatch.GetTimestamp();
                var result = c.Run();
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                log?.Invoke($"    warmup {c.Name}: {ms:F1} ms");
                if (w == 0) check(c, result);
            }
        var times = contenders.Select(_ => new List<double>()).ToArray();
        var cpuTimes = contenders.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < runs; r++)
            for (int i = 0; i < contenders.Count; i++)
            {
                int c = (i + r) % contenders.Count;
                var (ms, cpu) = TimeOnce(contenders[c].Run);
                times[c].Add(ms);
                cpuTimes[c].Add(cpu);
                log?.Invoke($"    run {r + 1}/{runs} {contenders[c].Name}: {ms:F1} ms (CPU {cpu:F0} ms)");
            }
        return contenders.Select((c, i) => new Sample(c.Name, times[i].ToArray(), cpuTimes[i].ToArray())).ToArray();
    }

    /// <summary>Wall-clock and process CPU milliseconds of one run, after a full collection.</summary>
    public static (double Millis, double CpuMillis) TimeOnce(Func<object?> run)
    {
        FullCollect();
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        var result = run();
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuStart).TotalMilliseconds;
        GC.KeepAlive(result);
        return (ms, cpu);
    }

    public static void FullCollect()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
