using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Rdd.Benchmarks.Reporting;
using Rdd.Benchmarks.Tpch;
using Rdd.Core;
using Rdd.Sql;

namespace Rdd.Benchmarks.Commands;

/// <summary>
/// TPC-H as SQL text on Rdd and on DuckDB (in process): the project's seeded generator (Data/TpchGenerator.cs) writes
/// the eight tables to Parquet under the temp folder once per scale factor; Rdd registers them as temp views over
/// <c>Read.Parquet</c>, DuckDB as views over <c>read_parquet</c>. Every query runs twice on each engine (best of two
/// counts, results collected), the answers are compared (<see cref="TpchComparison"/>) and one table shows the times,
/// their ratio, the row count and whether the answers match, or Rdd's error for queries it cannot run yet. Rdd runs all
/// its queries before DuckDB starts, so the process's peak working set read then is Rdd's (and the generator's, when
/// this run generated the data).
/// </summary>
internal static class TpchCommand
{
    public const string Usage = "tpch [--sf 1] [--queries 1,3,6 (default 1-22)] [--seed S (default 19920101)] [--explain (print Rdd's plans, run nothing)]";

    /// <param name="CpuSeconds">The process's CPU time (all threads) during the faster run: on a shared, loaded machine it moves
    /// less than the wall time, so it tells a change's effect apart from the neighbours' load.</param>
    /// <param name="GcPauseSeconds">Time the GC paused the process during the faster run.</param>
    private sealed record Outcome(int Query, double Seconds, List<object?[]>? Rows, string? Error, long PeakBytes = 0,
        double CpuSeconds = double.NaN, double GcPauseSeconds = double.NaN);

    public static int Run(string[] args)
    {
        var options = new Options(args, ["sf", "queries", "seed"], ["explain"]);
        double sf = options.Double("sf", 1);
        ulong seed = (ulong)options.Int("seed", 19920101);
        if (!(sf > 0)) throw new ArgumentException("--sf must be positive.");
        int[] queries = options.String("queries") is { } list
            ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseQuery)]
            : [.. Enumerable.Range(1, 22)];

        Console.WriteLine($"TPC-H SF {sf.ToString(CultureInfo.InvariantCulture)} on Rdd and DuckDB - {MachineInfo.Describe()}");
        using var context = ConsoleProgress.NewContext();
        var sql = new SqlContext(context);
        var watch = Stopwatch.StartNew();
        var (folder, reused) = TpchTables.EnsureParquet(sql, sf, seed);
        long bytes = Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"data: {folder} ({bytes / 1e6:F0} MB Parquet, {(reused ? "reused" : $"generated and written in {watch.Elapsed.TotalSeconds:F1} s")})");

        TpchTables.RegisterParquet(sql, folder);
        if (options.Has("explain"))
        {
            // The optimized logical plan (join order, estimates' inputs) and the physical one (broadcast or shuffled joins).
            foreach (int q in queries)
            {
                Console.WriteLine($"-- Q{q}");
                Console.WriteLine(sql.Sql(TpchQueries.Get(q)).ExplainString(extended: true));
            }
            return 0;
        }
        var rdd = new Dictionary<int, Outcome>();
        foreach (int q in queries)
        {
            rdd[q] = Time(q, () => TpchTables.RunRdd(sql, TpchQueries.Get(q)));
            Console.WriteLine($"  Rdd Q{q}: {(rdd[q].Error is { } e ? "error: " + e : $"{rdd[q].Seconds:F3} s, {rdd[q].Rows!.Count} rows, CPU {rdd[q].CpuSeconds:F3} s, GC pauses {rdd[q].GcPauseSeconds:F3} s")}");
        }
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;

        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        TpchTables.RegisterParquet(duck, folder);
        var reference = new Dictionary<int, Outcome>();
        foreach (int q in queries)
        {
            reference[q] = Time(q, () => TpchTables.RunDuckDb(duck, TpchQueries.Get(q)));
            Console.WriteLine($"  DuckDB Q{q}: {(reference[q].Error is { } e ? "error: " + e : $"{reference[q].Seconds:F3} s, {reference[q].Rows!.Count} rows")}");
        }

        Console.WriteLine();
        var table = new TextTable("query", "Rdd s", "DuckDB s", "ratio", "Rdd CPU s", "Rdd peak MB", "DuckDB peak MB", "rows", "match");
        double rddTotal = 0, duckTotal = 0, rddCpu = 0;
        int ran = 0, matched = 0;
        foreach (int q in queries)
        {
            var (r, d) = (rdd[q], reference[q]);
            if (r.Error is not null || d.Error is not null)
            {
                string which = r.Error is not null ? "Rdd: " + Shorten(r.Error) : "DuckDB: " + Shorten(d.Error!);
                table.Add($"Q{q}", r.Error is null ? S(r.Seconds) : "-", d.Error is null ? S(d.Seconds) : "-", "-", "-", Mb(r.PeakBytes), Mb(d.PeakBytes), "-", which);
                continue;
            }
            ran++;
            rddTotal += r.Seconds;
            duckTotal += d.Seconds;
            string? difference = TpchComparison.Difference(r.Rows!, d.Rows!);
            matched += difference is null ? 1 : 0;
            rddCpu += r.CpuSeconds;
            table.Add($"Q{q}", S(r.Seconds), S(d.Seconds), X(r.Seconds / d.Seconds), S(r.CpuSeconds), Mb(r.PeakBytes), Mb(d.PeakBytes), r.Rows!.Count.ToString(CultureInfo.InvariantCulture),
                difference is null ? "yes" : "NO: " + Shorten(difference));
        }
        table.Add($"total ({ran} ran)", S(rddTotal), S(duckTotal), ran == 0 ? "-" : X(rddTotal / duckTotal), S(rddCpu), Mb(peak), "-", "-", $"{matched}/{ran} match");
        Console.Write(table);
        Console.WriteLine();
        Console.WriteLine("Times: best of two runs, query text to collected rows. ratio = Rdd ÷ DuckDB (> 1 means Rdd is slower). Rdd CPU s: the process's CPU time over the faster run (all threads; steadier than the wall time on a loaded machine).");
        Console.WriteLine("Peak MB: the process's resident set size, sampled every 5 ms over the query's two runs (DuckDB's native memory included).");
        Console.WriteLine($"Rdd peak working set: {peak / 1e6:F0} MB{(reused ? "" : " (this run also generated the data)")}");
        return matched == queries.Length ? 0 : 1;
    }

    private static int ParseQuery(string text) =>
        int.TryParse(text.TrimStart('q', 'Q'), NumberStyles.None, CultureInfo.InvariantCulture, out int q) && q is >= 1 and <= 22
            ? q
            : throw new ArgumentException($"--queries: '{text}' is not a TPC-H query number (1 to 22).");

    /// <summary>Best of two runs; an exception on the first run is the query's outcome.</summary>
    private static Outcome Time(int q, Func<List<object?[]>> run)
    {
        double best = double.MaxValue, cpu = double.NaN, pauses = double.NaN;
        List<object?[]>? rows = null;
        using var process = Process.GetCurrentProcess();
        using var memory = PeakMemorySampler.Start();
        for (int i = 0; i < 2; i++)
        {
            Timing.FullCollect();
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var pauseStart = GC.GetTotalPauseDuration();
            var start = Stopwatch.GetTimestamp();
            try
            {
                rows = run();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return new Outcome(q, double.NaN, null, $"{e.GetType().Name}: {e.Message}");
            }
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            process.Refresh();
            if (seconds < best)
            {
                best = seconds;
                cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
                pauses = (GC.GetTotalPauseDuration() - pauseStart).TotalSeconds;
            }
        }
        memory.Dispose();
        return new Outcome(q, best, rows, null, memory.PeakBytes, cpu, pauses);
    }

    private static string Shorten(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length <= 90 ? line : line[..87] + "...";
    }

    private static string Mb(long bytes) => bytes == 0 ? "-" : (bytes / 1e6).ToString("F0", CultureInfo.InvariantCulture);

    private static string S(double seconds) => seconds.ToString("F3", CultureInfo.InvariantCulture);

    private static string X(double ratio) => ratio.ToString("F2", CultureInfo.InvariantCulture) + "×";
}
