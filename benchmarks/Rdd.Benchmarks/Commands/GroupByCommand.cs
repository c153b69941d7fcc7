using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Rdd.Benchmarks.Data;
using Rdd.Benchmarks.Reporting;
using Rdd.Core;
using Rdd.Sql;
using static Rdd.Sql.Functions;

namespace Rdd.Benchmarks.Commands;

/// <summary>
/// The h2oai db-benchmark groupby benchmark on G1_1e7_1e2_0_0 (10 M rows, K = 100, no NAs, unsorted): the CSV is
/// loaded with <c>Read.Csv(inferSchema)</c> and cached (Arrow batches in memory, filled by a first Count), then the ten questions run
/// twice each with the DataFrame API, each forced by <see cref="DataFrame.Count"/>. The same questions run in
/// pandas (benchmarks/groupby/pandas_groupby.py) as a child process when a python3 with pandas is found; the table
/// compares the best of two runs (pandas ÷ Rdd) against the targets: every question faster than pandas, total ≥ 3×.
/// </summary>
internal static class GroupByCommand
{
    public const string Usage = "groupby [--rows N (default 10000000)] [--seed S (default 42)] [--python PATH] [--no-pandas] [--questions q1,q10 (default all)]";

    private const double TotalTarget = 3.0;

    private sealed record Timed(string Q, double Run1, double Run2, long Rows)
    {
        public double Best => Math.Min(Run1, Run2);
    }

    public static int Run(string[] args)
    {
        var options = new Options(args, ["rows", "seed", "python", "questions"], ["no-pandas"]);
        long rows = options.Int("rows", 10_000_000);
        ulong seed = (ulong)options.Int("seed", 42);
        if (rows < GroupByData.K) throw new ArgumentException($"--rows must be at least {GroupByData.K}.");

        Console.WriteLine($"Rdd groupby (h2oai db-benchmark G1_{rows}_1e2_0_0) - {MachineInfo.Describe()}");
        var gen = Stopwatch.StartNew();
        var (path, reused) = GroupByData.Ensure(rows, seed);
        Console.WriteLine($"data: {path} ({new FileInfo(path).Length / 1e6:F0} MB, {(reused ? "reused" : $"generated in {gen.Elapsed.TotalSeconds:F1} s")})");

        var (parquet, parquetWrite) = GroupByData.EnsureParquet(path);
        Console.WriteLine($"parquet: {parquet} ({Directory.GetFiles(parquet, "*.parquet").Sum(f => new FileInfo(f).Length) / 1e6:F0} MB, {(parquetWrite == 0 ? "reused" : $"written by Rdd in {parquetWrite:F1} s")})");

        var only = options.String("questions")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (rddLoad, rdd) = RunRdd(path, rows, only);
        // After the questions, whose context (and cache) is gone by then: the CSV load keeps its cold-start figure.
        double rddParquetLoad = LoadParquet(parquet, rows);

        string? python = options.Has("no-pandas") ? null : FindPython(options.String("python"));
        Dictionary<string, Timed>? pandas = null;
        if (options.Has("no-pandas")) Console.WriteLine("pandas: skipped (--no-pandas)");
        else if (python is null) Console.WriteLine("pandas: NOT AVAILABLE (no python3 that can `import pandas`); Rdd figures only");
        else pandas = RunPandas(python, path, parquet);

        Console.WriteLine();
        var table = new TextTable("question", "Rdd run1 s", "Rdd run2 s", "pandas run1 s", "pandas run2 s", "ratio", "target", "met", "rows", "rows check");
        table.Add("load (csv)", S(rddLoad), "-", pandas is null ? "-" : S(pandas["load"].Run1), "-",
            pandas is null ? "-" : X(pandas["load"].Run1 / rddLoad), "(info)", "-", rows.ToString(CultureInfo.InvariantCulture),
            pandas is null ? "-" : pandas["load"].Rows == rows ? "ok" : "DIFF");
        // pandas reads Parquet only with pyarrow or fastparquet installed; the script then reports "load_parquet".
        var pandasParquet = pandas?.GetValueOrDefault("load_parquet");
        table.Add("load (parquet)", S(rddParquetLoad), "-", pandasParquet is null ? "-" : S(pandasParquet.Run1), "-",
            pandasParquet is null ? "-" : X(pandasParquet.Run1 / rddParquetLoad), "(info)", "-", rows.ToString(CultureInfo.InvariantCulture),
            pandasParquet is null ? "-" : pandasParquet.Rows == rows ? "ok" : "DIFF");
        bool allMet = true;
        foreach (var r in rdd)
        {
            var p = pandas?.GetValueOrDefault(r.Q);
            double? ratio = p is null ? null : p.Best / r.Best;
            bool met = ratio is > 1.0;
            allMet &= met;
            table.Add(r.Q, S(r.Run1), S(r.Run2), p is null ? "-" : S(p.Run1), p is null ? "-" : S(p.Run2),
                ratio is { } x ? X(x) : "-", "> 1×", ratio is null ? "-" : met ? "yes" : "NO",
                r.Rows.ToString(CultureInfo.InvariantCulture), p is null ? "-" : p.Rows == r.Rows ? "ok" : $"DIFF ({p.Rows})");
        }
        double rddTotal = rdd.Sum(r => r.Best);
        double? pandasTotal = pandas is null ? null : rdd.Sum(r => pandas.TryGetValue(r.Q, out var p) ? p.Best : double.NaN);
        double? totalRatio = pandasTotal / rddTotal;
        bool totalMet = totalRatio is >= TotalTarget;
        table.Add("total q1-q10 (best)", S(rddTotal), "-", pandasTotal is { } pt ? S(pt) : "-", "-",
            totalRatio is { } tr ? X(tr) : "-", $"≥ {TotalTarget:F0}×", totalRatio is null ? "-" : totalMet ? "yes" : "NO", "-", "-");
        Console.Write(table);
        Console.WriteLine();
        Console.WriteLine("ratio = pandas best-of-two ÷ Rdd best-of-two (> 1 means Rdd is faster). Question times exclude the load; Rdd questions run on the cached frame.");
        if (pandas is null)
        {
            Console.WriteLine("No pandas comparison: targets not evaluated.");
            return 0;
        }
        Console.WriteLine($"Per-question target (faster than pandas): {(allMet ? "met for all ten" : $"MISSED for {string.Join(", ", rdd.Where(r => !(pandas.TryGetValue(r.Q, out var p) && p.Best / r.Best > 1.0)).Select(r => r.Q))}")}.");
        Console.WriteLine($"Total target (≥ {TotalTarget:F0}× pandas): {(totalMet ? "met" : "MISSED")} ({X(totalRatio ?? double.NaN)}).");
        return allMet && totalMet ? 0 : 1;
    }

    /// <summary>Bytes tasks wrote to disk (shuffle files and spills): a question that shuffles through memory writes none.</summary>
    private sealed class DiskBytes : IRddListener
    {
        private long _bytes;

        public long Total => Interlocked.Read(ref _bytes);

        public void OnTaskEnded(TaskEnded e) => Interlocked.Add(ref _bytes, e.Metrics.ShuffleBytesWritten + e.Metrics.SpilledBytes);
    }

    /// <summary>Seconds for Read.Parquet + Cache() + Count() of the Parquet copy, in a context of its own (its cache goes with it).</summary>
    private static double LoadParquet(string parquet, long rows)
    {
        Timing.FullCollect();
        using var context = ConsoleProgress.NewContext();
        var sql = new SqlContext(context);
        var watch = Stopwatch.StartNew();
        var x = sql.Read.Parquet(parquet).Cache();
        long loaded = x.Count();
        double load = watch.Elapsed.TotalSeconds;
        if (loaded != rows) throw new InvalidOperationException($"Loaded {loaded} rows from Parquet, expected {rows}.");
        Console.WriteLine($"Rdd load: Read.Parquet + Cache() + Count() {load:F2} s");
        return load;
    }

    private static (double Load, List<Timed> Results) RunRdd(string path, long rows, string[]? only)
    {
        using var context = ConsoleProgress.NewContext();
        var disk = new DiskBytes();
        context.AddListener(disk);
        var sql = new SqlContext(context);

        var watch = Stopwatch.StartNew();
        // Cache is lazy, as in Spark: the first action (this Count) reads the file and fills the cache.
        var x = sql.Read.Csv(path, header: true, inferSchema: true).Cache();
        long loaded = x.Count();
        double load = watch.Elapsed.TotalSeconds;
        if (loaded != rows) throw new InvalidOperationException($"Loaded {loaded} rows, expected {rows}.");
        Console.WriteLine($"Rdd load: Read.Csv(inferSchema) + Cache() + Count() {load:F2} s; schema {string.Join(", ", x.Schema.Fields.Select(f => $"{f.Name}: {f.DataType.SimpleString}"))}");

        var w = Window.PartitionBy("id6").OrderBy(Col("v3").Desc());
        var questions = new (string Q, Func<DataFrame> Build)[]
        {
            ("q1", () => x.GroupBy("id1").Agg(Sum("v1").As("v1"))),
            ("q2", () => x.GroupBy("id1", "id2").Agg(Sum("v1").As("v1"))),
            ("q3", () => x.GroupBy("id3").Agg(Sum("v1").As("v1"), Mean("v3").As("v3"))),
            ("q4", () => x.GroupBy("id4").Agg(Mean("v1").As("v1"), Mean("v2").As("v2"), Mean("v3").As("v3"))),
            ("q5", () => x.GroupBy("id6").Agg(Sum("v1").As("v1"), Sum("v2").As("v2"), Sum("v3").As("v3"))),
            ("q6", () => x.GroupBy("id4", "id5").Agg(Median("v3").As("median_v3"), StddevSamp("v3").As("sd_v3"))),
            ("q7", () => x.GroupBy("id3").Agg(Max("v1").As("max_v1"), Min("v2").As("min_v2"))
                .Select(Col("id3"), (Col("max_v1") - Col("min_v2")).As("range_v1_v2"))),
            ("q8", () => x.Select("id6", "v3").WithColumn("rn", RowNumber().Over(w)).Where(Col("rn") <= 2).Select("id6", "v3")),
            ("q9", () => x.GroupBy("id2", "id4").Agg(Corr("v1", "v2").As("r"))
                .Select(Col("id2"), Col("id4"), (Col("r") * Col("r")).As("r2"))),
            ("q10", () => x.GroupBy("id1", "id2", "id3", "id4", "id5", "id6").Agg(Sum("v3").As("v3"), Count("*").As("count"))),
        };
        var results = new List<Timed>();
        foreach (var (q, build) in questions)
        {
            if (only is not null && !only.Contains(q)) continue;
            var times = new double[2];
            var cpu = new double[2];
            var gcPause = new double[2];
            var gcCounts = new string[2];
            var diskMb = new double[2];
            long count = 0;
            for (int run = 0; run < 2; run++)
            {
                Timing.FullCollect();
                var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                var pauseStart = GC.GetTotalPauseDuration();
                int[] collectionsStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                long diskStart = disk.Total;
                var start = Stopwatch.GetTimestamp();
                count = build().Count();
                times[run] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                cpu[run] = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
                gcPause[run] = (GC.GetTotalPauseDuration() - pauseStart).TotalSeconds;
                diskMb[run] = (disk.Total - diskStart) / 1e6;
                gcCounts[run] = string.Join("/", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsStart[g]));
            }
            results.Add(new Timed(q, times[0], times[1], count));
            // CPU seconds say how much work a question is even when other processes share the cores.
            Console.WriteLine($"  Rdd {q}: {times[0]:F3} s, {times[1]:F3} s (cpu {cpu[0]:F2} s, {cpu[1]:F2} s; gc pause {gcPause[0]:F2} s, {gcPause[1]:F2} s; gc0/1/2 {gcCounts[0]}, {gcCounts[1]}; to disk {diskMb[0]:F0} MB, {diskMb[1]:F0} MB), {count} rows");
        }
        GC.KeepAlive(x);
        return (load, results);
    }

    /// <summary>The first of <paramref name="explicitPath"/>, python3 on the PATH and /usr/bin/python3 that imports pandas.</summary>
    private static string? FindPython(string? explicitPath)
    {
        string[] candidates = explicitPath is not null ? [explicitPath] : ["python3", "/usr/bin/python3"];
        foreach (var candidate in candidates)
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(candidate, ["-c", "import pandas"]) { RedirectStandardError = true, RedirectStandardOutput = true });
                if (p is null) continue;
                p.StandardError.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed.
            }
        }
        return null;
    }

    private static Dictionary<string, Timed> RunPandas(string python, string csv, string parquet)
    {
        var script = FindScript();
        Console.WriteLine($"pandas: {python} {script} {csv} {parquet}");
        var psi = new ProcessStartInfo(python, [script, csv, parquet]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("Could not start python.");
        var runs = new Dictionary<string, List<(double Seconds, long Rows)>>();
        string? line;
        while ((line = p.StandardOutput.ReadLine()) is not null)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            string q = root.GetProperty("q").GetString()!;
            double s = root.GetProperty("seconds").GetDouble();
            long n = root.GetProperty("rows").GetInt64();
            (runs.TryGetValue(q, out var list) ? list : runs[q] = []).Add((s, n));
            Console.WriteLine($"  pandas {q} run {root.GetProperty("run").GetInt32()}: {s:F3} s, {n} rows");
        }
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"pandas_groupby.py exited with {p.ExitCode}.");
        return runs.ToDictionary(kv => kv.Key, kv => new Timed(kv.Key, kv.Value[0].Seconds, kv.Value.Count > 1 ? kv.Value[1].Seconds : kv.Value[0].Seconds, kv.Value[0].Rows));
    }

    /// <summary>benchmarks/groupby/pandas_groupby.py, found from the working directory or the binary's folder upwards.</summary>
    private static string FindScript()
    {
        foreach (var startDir in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(startDir); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "benchmarks", "groupby", "pandas_groupby.py");
                if (File.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException("benchmarks/groupby/pandas_groupby.py not found above the working directory.");
    }

    private static string S(double seconds) => seconds.ToString("F3", CultureInfo.InvariantCulture);

    private static string X(double ratio) => double.IsNaN(ratio) ? "-" : ratio.ToString("F2", CultureInfo.InvariantCulture) + "×";
}
