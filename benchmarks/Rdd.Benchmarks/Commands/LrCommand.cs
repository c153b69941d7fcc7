using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rdd.Benchmarks.Data;
using Rdd.Benchmarks.Lr;
using Rdd.Benchmarks.Reporting;
using Rdd.Benchmarks.Workloads;
using Rdd.Core;
using Spectre.Console;

namespace Rdd.Benchmarks.Commands;

/// <summary>
/// The main job and the app's default: Spark's founding benchmark (the RDD paper, NSDI 2012, Figure 7), iterative
/// logistic regression with SparkLR's own program, in <see cref="ExecutionMode.InMemory"/> (the parsed points cached
/// by the first iteration) and <see cref="ExecutionMode.MapReduce"/> (every iteration re-reads and re-parses the text,
/// as Hadoop does), against three hand-written floors run in the same process: (a) re-read and re-parse per iteration,
/// (b) the same lambda over an in-memory array, (c) a flat SIMD loss and gradient. The contenders' iterations are
/// interleaved round by round, each after a full GC. Prints the Figure 7 columns, the ratios and their checks,
/// then runs part 2 (<see cref="MlLibSection"/>: Rdd.MlLib's LogisticRegression.Fit in both modes next to floors (c)
/// and (d)), and writes results.json and a chart to <c>--out</c>.
/// </summary>
internal static class LrCommand
{
    public const string Usage = "lr (the default command) [--points N (default 1000000)] [--features N (default 10)] [--iterations N (default 10)] "
        + "[--modes inmemory,mapreduce] [--parallelism N] [--input FILE (CSV with a label column, or LIBSVM)] [--seed N (default 42)] "
        + "[--out DIR (default lr-results)] [--data-dir DIR (generated data cache)]";

    private const double RatioTarget = 25;
    private const double InMemoryFloorTarget = 1.3;
    private const double MapReduceFloorLow = 0.8, MapReduceFloorHigh = 1.2;
    private const double FloorWeightTolerance = 1e-6;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One iteration of one contender: wall-clock and process CPU time, bytes allocated, GC pauses and collections.</summary>
    private sealed record IterationTime(int Iteration, double Seconds, double CpuSeconds, double AllocatedMB, double GcPauseMs, int Gen0, int Gen1, int Gen2);

    private sealed class Contender(string key, string name, string what, IEnumerable<double[]> program)
    {
        public string Key { get; } = key;
        public string Name { get; } = name;
        public string What { get; } = what;
        public IEnumerator<double[]> Steps { get; } = program.GetEnumerator();
        public List<IterationTime> Times { get; } = [];
        public double[]? Final { get; set; }

        public double First => Times[0].Seconds;
        public double LaterMean => Times.Skip(1).Average(t => t.Seconds);
        public double LaterCpuMean => Times.Skip(1).Average(t => t.CpuSeconds);
        public double LaterMin => Times.Skip(1).Min(t => t.Seconds);
        public double LaterAllocatedMB => Times.Skip(1).Average(t => t.AllocatedMB);
        public double Total => Times.Sum(t => t.Seconds);
    }

    private sealed record Check(string Name, string Measured, string ByCpu, string ByFastest, string Rule, bool Met);

    public static int Run(string[] args)
    {
        var options = new Options(args, ["points", "features", "iterations", "modes", "out", "parallelism", "input", "seed", "data-dir"], []);
        string? input = options.String("input");
        if (input is not null)
            foreach (var generatedOnly in new[] { "points", "features", "data-dir" })
                if (options.Has(generatedOnly))
                    throw new ArgumentException($"Option '--{generatedOnly}' describes the generated data; it cannot be combined with '--input'.");
        if (input is not null && !File.Exists(input)) throw new ArgumentException($"Option '--input': file '{input}' does not exist.");
        int points = AtLeast(options, "points", 1_000_000, 2);
        int features = AtLeast(options, "features", 10, 1);
        if (features > PointFormat.MaxFeatures) throw new ArgumentException($"Option '--features' must be at most {PointFormat.MaxFeatures:N0}, got {features}.");
        int iterations = AtLeast(options, "iterations", 10, 2);
        int workers = AtLeast(options, "parallelism", Environment.ProcessorCount, 1);
        int seed = AtLeast(options, "seed", 42, 0);
        var modes = ParseModes(options.String("modes") ?? "inmemory,mapreduce");
        string outDir = Path.GetFullPath(options.String("out") ?? "lr-results");
        string dataDir = options.String("data-dir") ?? SparkLrData.DefaultFolder;
        bool inMemory = modes.Contains(ExecutionMode.InMemory), mapReduce = modes.Contains(ExecutionMode.MapReduce);

        string startLoad = MachineInfo.LoadAverage();
        Console.WriteLine("Rdd lr: SparkLR, Spark's logistic regression example, in memory and as MapReduce (the RDD paper's Figure 7)");
        Console.WriteLine($"Machine: {MachineInfo.Describe()}");

        // The data: SparkLR's generated points (cached between runs), or the user's file, checked line by line.
        var watch = Stopwatch.StartNew();
        string path;
        PointFormat format;
        long expectedPoints;
        string dataNote;
        if (input is not null)
        {
            (format, expectedPoints) = AnsiConsole.Status().Start($"Checking {Markup.Escape(input)}…", _ => PointFormat.Inspect(input));
            path = Path.GetFullPath(input);
            features = format.Features;
            dataNote = $"checked in {watch.Elapsed.TotalSeconds:F1} s";
        }
        else
        {
            bool reused = false;
            path = AnsiConsole.Status().Start($"Data: {points:N0} points × {features} features (generated once, then reused)…", _ =>
            {
                var (p, r) = SparkLrData.Ensure(dataDir, points, features, (ulong)seed);
                reused = r;
                return p;
            });
            format = PointFormat.Generated(features);
            expectedPoints = points;
            dataNote = reused ? "reused" : $"generated in {watch.Elapsed.TotalSeconds:F1} s";
        }
        long bytes = new FileInfo(path).Length;
        Console.WriteLine($"Data: {path} ({format.Kind}, {expectedPoints:N0} points × {features} features, {bytes / 1e6:N1} MB; {dataNote})");
        if (input is null)
            Console.WriteLine($"  SparkLR.generateData: label y alternating -1/+1 (written 0/1), features N(0, 1) + y × {SparkLrData.R}, seed {seed}");

        // Floor inputs, built before any timing: the parsed points as an array (b) and as flat doubles (c).
        watch.Restart();
        var array = SparkLr.ParseAll(path, format, workers);
        double arraySeconds = watch.Elapsed.TotalSeconds;
        if (array.Length != expectedPoints) throw new InvalidOperationException($"Parsed {array.Length} points from {path}, expected {expectedPoints}.");
        watch.Restart();
        var flat = Flatten(array, features);
        double flatSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"Setup (untimed): floor (b)'s array parsed in {arraySeconds:F2} s; floor (c)'s flat arrays and feature deviations in {flatSeconds:F2} s");

        var initial = SparkLrData.InitialWeights(features, (ulong)seed);

        // Warm-up, untimed: every contender runs a few iterations over the first few thousand points (in contexts of
        // their own), so that no contender's first timed iteration pays for compiling code that the others share.
        watch.Restart();
        int warmPoints = WarmUp(path, format, initial, workers, inMemory, mapReduce);
        Console.WriteLine($"Warm-up (untimed): every contender, twice 4 iterations over the first {warmPoints:N0} points, in {watch.Elapsed.TotalSeconds:F2} s");

        using var inMemoryContext = inMemory ? ConsoleProgress.NewContext(new RddConfig { Parallelism = workers, ExecutionMode = ExecutionMode.InMemory }, commandHasLiveDisplay: true) : null;
        using var mapReduceContext = mapReduce ? ConsoleProgress.NewContext(new RddConfig { Parallelism = workers, ExecutionMode = ExecutionMode.MapReduce }, commandHasLiveDisplay: true) : null;
        var flatLosses = new List<double>();
        var contenders = Contenders(path, format, array, flat, initial, iterations, workers, inMemoryContext, mapReduceContext, flatLosses);

        Console.WriteLine($"Contenders ({workers} workers each; {iterations} iterations, interleaved round by round, full GC before each):");
        foreach (var c in contenders) Console.WriteLine($"  {c.Name,-22} {c.What}");
        Console.WriteLine();

        var total = Stopwatch.StartNew();
        RunRounds(contenders, iterations);
        double totalSeconds = total.Elapsed.TotalSeconds;
        foreach (var c in contenders) c.Steps.Dispose();
        // SparkLR's cached points go with their context, so the MlLib fits below do not run beside them.
        inMemoryContext?.Dispose();
        mapReduceContext?.Dispose();

        // Report: the paper's Figure 7 columns per contender, then the ratios and checks.
        string endLoad = MachineInfo.LoadAverage();
        Console.WriteLine();
        Console.WriteLine($"Per iteration ({totalSeconds:F0} s in all; load average {startLoad} at the start, {endLoad} now; the last four columns are means of the later iterations):");
        var table = new TextTable("contender", "first iteration s", "later iterations s (mean)", "total s", "later min s", "later CPU s", "MB allocated/it.", "GC pause ms/it.");
        foreach (var c in contenders)
            table.Add(c.Name, S(c.First), S(c.LaterMean), S(c.Total), S(c.LaterMin), S(c.LaterCpuMean), c.LaterAllocatedMB.ToString("N0", Invariant),
                c.Times.Skip(1).Average(t => t.GcPauseMs).ToString("F1", Invariant));
        Console.Write(table);

        var byKey = contenders.ToDictionary(c => c.Key);
        var checks = new List<Check>();
        if (inMemory && mapReduce)
            checks.Add(RatioCheck("MapReduce ÷ InMemory, later iterations", byKey["mapreduce"], byKey["inmemory"], $"≥ {RatioTarget:F0}×", r => r >= RatioTarget));
        if (inMemory)
            checks.Add(RatioCheck("InMemory ÷ floor (b), later iterations", byKey["inmemory"], byKey["floorB"], $"≤ {InMemoryFloorTarget:F1}×", r => r <= InMemoryFloorTarget));
        if (mapReduce)
            checks.Add(RatioCheck("MapReduce ÷ floor (a), later iterations", byKey["mapreduce"], byKey["floorA"], $"{MapReduceFloorLow:F1}–{MapReduceFloorHigh:F1}×", r => r is >= MapReduceFloorLow and <= MapReduceFloorHigh));
        if (inMemory)
            checks.Add(RatioCheck("info: InMemory ÷ floor (c), later iterations", byKey["inmemory"], byKey["floorC"], "(info)", _ => true));
        // What an engine with no overhead at all would show: the user's parse and gradient code, hand-run both ways.
        if (byKey.ContainsKey("floorA") && byKey.ContainsKey("floorB"))
            checks.Add(RatioCheck("info: floor (a) ÷ floor (b), later iterations (MapReduce ÷ InMemory of an engine at both floors)", byKey["floorA"], byKey["floorB"], "(info)", _ => true));

        // Correctness: the two modes run the same job over the same partitions, so w must agree exactly; the floors
        // add in other orders, so theirs may differ in the last bits.
        var sparkLr = contenders.Where(c => c.Key is "inmemory" or "mapreduce").ToList();
        var reference = sparkLr.FirstOrDefault()?.Final;
        if (inMemory && mapReduce)
        {
            double diff = MaxRelativeDifference(byKey["inmemory"].Final!, byKey["mapreduce"].Final!);
            checks.Add(new("final w: MapReduce = InMemory", diff == 0 ? "identical" : $"max rel. diff {diff:E1}", "-", "-", "identical", diff == 0));
        }
        foreach (var floor in contenders.Where(c => c.Key is "floorA" or "floorB"))
        {
            double diff = MaxRelativeDifference(reference!, floor.Final!);
            checks.Add(new($"final w: {floor.Name} vs SparkLR", $"max rel. diff {diff:E1}", "-", "-", $"≤ {FloorWeightTolerance:E0}", diff <= FloorWeightTolerance));
        }
        Console.WriteLine();
        Console.WriteLine("Checks (ratios of mean wall-clock times of the later iterations; CPU time and fastest-run ratios tell cost from noise on a shared machine):");
        var checkTable = new TextTable("check", "measured", "by CPU time", "by fastest runs", "rule", "result");
        foreach (var c in checks) checkTable.Add(c.Name, c.Measured, c.ByCpu, c.ByFastest, c.Rule, c.Rule == "(info)" ? "-" : c.Met ? "met" : "NOT MET");
        Console.Write(checkTable);

        double? accuracy = reference is null ? null : Accuracy(array, reference);
        if (reference is not null)
            Console.WriteLine($"SparkLR's final w: {new DenseVector(reference)}; it classifies {accuracy:P2} of the points correctly.");
        Console.WriteLine($"Floor (c) loss: {flatLosses[0]:F6} at iteration 1, {flatLosses[^1]:F6} at iteration {flatLosses.Count} (ln 2 = {Math.Log(2):F6} at zero coefficients).");

        // Part 2: Rdd.MlLib's LogisticRegression.Fit on the same CSV, in each mode, next to its own floors.
        Console.WriteLine();
        Console.WriteLine($"Part 2: Rdd.MlLib LogisticRegression.Fit (Read.Csv, VectorAssembler, MaxIter {iterations}, RegParam 0, Tol 0, Standardization on), in fresh contexts:");
        var mlLib = MlLibSection.Run(path, format, flat, iterations, workers, inMemory, mapReduce);
        string mlLibEndLoad = MachineInfo.LoadAverage();
        ReportMlLib(mlLib, contenders, endLoad, mlLibEndLoad);

        Directory.CreateDirectory(outDir);
        var jsonPath = Path.Combine(outDir, "results.json");
        WriteJson(jsonPath, new
        {
            command = "lr",
            parameters = new
            {
                points = expectedPoints, features, iterations, parallelism = workers, seed,
                modes = modes.Select(m => m.ToString()).ToArray(),
                input, dataFile = path, dataBytes = bytes, format = format.Kind.ToString(),
                initialW = initial,
            },
            machine = new
            {
                description = MachineInfo.Describe(), logicalCores = Environment.ProcessorCount,
                loadAverageAtStart = startLoad, loadAverageAtEnd = endLoad,
                serverGc = System.Runtime.GCSettings.IsServerGC,
            },
            setupSeconds = new { floorBArrayParse = arraySeconds, floorCFlatten = flatSeconds },
            contenders = contenders.Select(c => new
            {
                key = c.Key, name = c.Name, what = c.What,
                firstSeconds = c.First, laterMeanSeconds = c.LaterMean, totalSeconds = c.Total, laterCpuMeanSeconds = c.LaterCpuMean,
                iterations = c.Times, finalWeights = c.Final,
            }),
            checks = checks.Select(c => new { name = c.Name, measured = c.Measured, byCpu = c.ByCpu, byFastest = c.ByFastest, rule = c.Rule, met = c.Rule == "(info)" ? (bool?)null : c.Met }),
            floorCLosses = flatLosses,
            trainingAccuracy = accuracy,
            mlLib = new
            {
                skipped = mlLib.Skipped,
                loadAverageAtEnd = mlLibEndLoad,
                settings = new { maxIter = iterations, regParam = 0.0, elasticNetParam = 0.0, tol = 0.0, standardization = true, fitIntercept = true, labelCol = mlLib.LabelColumn, inputCols = mlLib.FeatureColumns },
                fits = mlLib.Fits.Select(f => new
                {
                    key = f.Key, name = f.Name, mode = f.Mode,
                    firstSeconds = f.First, laterMeanSeconds = f.LaterMean, totalSeconds = f.Total,
                    fitWallSeconds = f.FitSeconds, fitCpuSeconds = f.FitCpuSeconds, readCsvSchemaSeconds = f.ReadCsvSeconds,
                    allocatedMB = f.AllocatedMB, gcPauseMs = f.GcPauseMs,
                    totalIterations = f.TotalIterations, convergenceReason = f.ConvergenceReason,
                    iterationSeconds = f.IterationSeconds, objectiveHistory = f.ObjectiveHistory,
                    jobs = f.Jobs.Count, evaluationsPerEntry = f.EvaluationsPerEntry,
                    laterEvaluationMeanSeconds = f.LaterEvaluationSeconds.Average(),
                    evaluationMeanSeconds = f.EvaluationSeconds.Average(),
                    jobDetails = f.Jobs,
                    coefficients = f.Coefficients, intercept = f.Intercept,
                }),
                floors = mlLib.Floors.Select(f => new { key = f.Key, name = f.Name, what = f.What, seconds = f.Seconds, cpuSeconds = f.CpuSeconds, meanSeconds = f.Mean, lossAtFittedCoefficients = f.LossAtFit }),
                checks = mlLib.Checks.Select(c => new { name = c.Name, measured = c.Measured, byFastest = c.ByFastest, rule = c.Rule, met = c.Rule == "(info)" ? (bool?)null : c.Met }),
                notes = mlLib.Notes,
            },
        });
        var chartPath = Path.Combine(outDir, "lr-iterations.png");
        string chartNote;
        try
        {
            IterationChart.SavePng(chartPath, $"Time per iteration: SparkLR and Rdd.MlLib\n{expectedPoints:N0} points × {features} features, {workers} workers",
                contenders.Select(c => (c.Name, c.Times.Select(t => t.Seconds).ToArray()))
                    .Concat(mlLib.Fits.Select(f => (f.Name + " (1 = summary + 1st eval.)", f.IterationSeconds)))
                    .Concat(mlLib.Floors.Where(f => f.Key == "mlFloorD").Select(f => (f.Name + ", per pass", f.Seconds.ToArray())))
                    .ToList());
            chartNote = chartPath;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException)
        {
            // SkiaSharp's native library could not load here: the numbers are in results.json all the same.
            chartNote = $"not drawn ({e.GetType().Name}: {e.Message})";
        }
        Console.WriteLine();
        Console.WriteLine($"Output: {outDir}");
        Console.WriteLine($"  {jsonPath}");
        Console.WriteLine($"  chart: {chartNote}");
        bool correct = checks.Where(c => c.Name.StartsWith("final w", StringComparison.Ordinal)).All(c => c.Met)
            && mlLib.Checks.Where(c => c.Correctness).All(c => c.Met);
        return correct ? 0 : 1;
    }

    /// <summary>
    /// The contenders, in the order of the first round: SparkLR in each mode the contexts stand for, then the floors
    /// ((b) with InMemory, (a) with MapReduce, (c) always).
    /// </summary>
    private static List<Contender> Contenders(string path, PointFormat format, DataPoint[] array, FlatPoints flat, double[] initial, int iterations, int workers,
        RddContext? inMemory, RddContext? mapReduce, List<double> flatLosses)
    {
        DenseVector W() => new((double[])initial.Clone());
        var contenders = new List<Contender>();
        if (inMemory is not null)
            contenders.Add(new("inmemory", "SparkLR, InMemory", "TextFile.Filter.Map(Parse).Cache(); per iteration Map(gradient).Reduce(+)",
                SparkLr.Run(inMemory, path, format, W(), iterations).Select(v => v.Values)));
        if (mapReduce is not null)
            contenders.Add(new("mapreduce", "SparkLR, MapReduce", "the same program; caching ignored, every job re-reads and re-parses",
                SparkLr.Run(mapReduce, path, format, W(), iterations).Select(v => v.Values)));
        if (inMemory is not null)
            contenders.Add(new("floorB", "floor (b): array", $"same lambda and reduce over DataPoint[], {Math.Min(array.Length, 4 * workers)} chunks on {workers} threads",
                SparkLr.ArrayFloor(array, W(), iterations, workers).Select(v => v.Values)));
        if (mapReduce is not null)
            contenders.Add(new("floorA", "floor (a): re-read", $"per iteration: {LineRanges.CountFor(path, workers)} line-aligned byte ranges on {workers} threads, same Parse, lambda and reduce",
                SparkLr.HadoopFloor(path, format, W(), iterations, workers).Select(v => v.Values)));
        contenders.Add(new("floorC", "floor (c): flat SIMD", "one loss + gradient pass over row-major double[] (Vector<double>, TensorPrimitives), standardized, per iteration",
            SparkLr.FlatFloor(flat, iterations, workers, flatLosses)));
        return contenders;
    }

    /// <summary>The MlLib part's Figure 7 table (with SparkLR's rows for reference), its iterations and its checks.</summary>
    private static void ReportMlLib(MlLibSection.Result mlLib, List<Contender> contenders, string startLoad, string endLoad)
    {
        if (mlLib.Skipped is not null)
        {
            Console.WriteLine($"  skipped: {mlLib.Skipped}.");
            return;
        }
        Console.WriteLine();
        Console.WriteLine($"MlLib per iteration (load average {startLoad} at the start of part 2, {endLoad} now). An MlLib \"iteration\" is an L-BFGS iteration; "
            + "\"first\" is history entry 0: the data summary pass plus the first evaluation (InMemory: the one that caches the blocks):");
        var table = new TextTable("contender", "first iteration s", "later iterations s (mean)", "total s", "later min s", "evals/it. (later)", "later eval. s (mean)", "jobs", "fit wall s", "fit CPU s", "Read.Csv s");
        foreach (var c in contenders.Where(c => c.Key is "inmemory" or "mapreduce"))
            table.Add(c.Name + " (part 1)", S(c.First), S(c.LaterMean), S(c.Total), S(c.LaterMin), "-", "-", "-", "-", "-", "-");
        foreach (var f in mlLib.Fits)
            table.Add(f.Name, S(f.First), S(f.LaterMean), S(f.Total), S(f.LaterMin), f.LaterEvaluationsPerIteration.ToString("F2", Invariant),
                S(f.LaterEvaluationSeconds.Average()), f.Jobs.Count.ToString(Invariant), S(f.FitSeconds), S(f.FitCpuSeconds), S(f.ReadCsvSeconds));
        foreach (var f in mlLib.Floors)
            table.Add(f.Name, "-", S(f.Mean) + " /pass", "-", S(f.Min), "1", S(f.Mean), "-", "-", S(f.CpuMean) + " /pass", "-");
        Console.Write(table);

        Console.WriteLine();
        Console.WriteLine("MlLib history entries (seconds, evaluations of the objective, objective):");
        var entries = new TextTable(["entry", .. mlLib.Fits.SelectMany(f => new[] { $"{f.Mode} s", "evals", "objective" })]);
        int count = mlLib.Fits.Max(f => f.IterationSeconds.Length);
        for (int e = 0; e < count; e++)
        {
            var row = new List<string> { e == 0 ? "0 (summary + eval.)" : e.ToString(Invariant) };
            foreach (var f in mlLib.Fits)
            {
                bool has = e < f.IterationSeconds.Length;
                row.Add(has ? S(f.IterationSeconds[e]) : "-");
                row.Add(has ? (e == 0 ? $"1 + {f.EvaluationsPerEntry[0]}" : f.EvaluationsPerEntry[e].ToString(Invariant)) : "-");
                row.Add(has ? f.ObjectiveHistory[e].ToString("F9", Invariant) : "-");
            }
            entries.Add([.. row]);
        }
        Console.Write(entries);

        Console.WriteLine();
        Console.WriteLine("MlLib checks (means of wall-clock times; an evaluation is one job, timed by an IRddListener; a floor pass is one evaluation):");
        var checkTable = new TextTable("check", "measured", "by fastest runs", "rule", "result");
        foreach (var c in mlLib.Checks) checkTable.Add(c.Name, c.Measured, c.ByFastest, c.Rule, c.Rule == "(info)" ? "-" : c.Met ? "met" : "NOT MET");
        Console.Write(checkTable);
        foreach (var note in mlLib.Notes) Console.WriteLine(note);
    }

    /// <summary>Runs every contender twice for a few iterations over a file of the first points of <paramref name="path"/>; returns how many points.</summary>
    private static int WarmUp(string path, PointFormat format, double[] initial, int workers, bool inMemory, bool mapReduce)
    {
        const int WarmPoints = 20_000, WarmIterations = 4;
        var warmPath = WarmUpFile.Create(path, format, WarmPoints, "lr");
        try
        {
            var array = SparkLr.ParseAll(warmPath, format, workers);
            var flat = Flatten(array, format.Features);
            using var inMemoryContext = inMemory ? ConsoleProgress.NewContext(new RddConfig { Parallelism = workers, ExecutionMode = ExecutionMode.InMemory }) : null;
            using var mapReduceContext = mapReduce ? ConsoleProgress.NewContext(new RddConfig { Parallelism = workers, ExecutionMode = ExecutionMode.MapReduce }) : null;
            // Twice, with pauses: the runtime compiles hot methods again, optimized, on a background thread after
            // they have run a few times, and the second pass runs (and so finishes promoting) that code.
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (var c in Contenders(warmPath, format, array, flat, initial, WarmIterations, workers, inMemoryContext, mapReduceContext, []))
                    using (c.Steps)
                        while (c.Steps.MoveNext()) { }
                Thread.Sleep(500);
            }
            return array.Length;
        }
        finally
        {
            File.Delete(warmPath);
        }
    }

    /// <summary>Round i runs iteration i of every contender, starting from a different contender each round.</summary>
    private static void RunRounds(List<Contender> contenders, int iterations)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Redirected output: one line per iteration instead of a live display.
            for (int i = 1; i <= iterations; i++)
                for (int k = 0; k < contenders.Count; k++)
                {
                    var c = contenders[(k + i - 1) % contenders.Count];
                    var t = Step(c, i);
                    Console.WriteLine($"  iteration {i,2}/{iterations} {c.Name,-22} {t.Seconds,8:F3} s (CPU {t.CpuSeconds:F3} s, {t.AllocatedMB:N0} MB allocated, gen0/1/2 {t.Gen0}/{t.Gen1}/{t.Gen2})");
                }
            return;
        }
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var tasks = contenders.ToDictionary(c => c, c => ctx.AddTask(Markup.Escape($"{c.Name,-22} waiting"), maxValue: iterations));
                for (int i = 1; i <= iterations; i++)
                    for (int k = 0; k < contenders.Count; k++)
                    {
                        var c = contenders[(k + i - 1) % contenders.Count];
                        var task = tasks[c];
                        task.Description = Markup.Escape($"{c.Name,-22} iteration {i}…");
                        var t = Step(c, i);
                        task.Increment(1);
                        task.Description = Markup.Escape($"{c.Name,-22} {i}/{iterations}, last {t.Seconds:F3} s, first {c.First:F3} s");
                    }
            });
    }

    private static IterationTime Step(Contender c, int iteration)
    {
        Timing.FullCollect();
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        long allocatedStart = GC.GetTotalAllocatedBytes(precise: false);
        var pauseStart = GC.GetTotalPauseDuration();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long start = Stopwatch.GetTimestamp();
        if (!c.Steps.MoveNext()) throw new InvalidOperationException($"{c.Name} stopped before iteration {iteration}.");
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        var time = new IterationTime(iteration, seconds, (process.TotalProcessorTime - cpuStart).TotalSeconds,
            (GC.GetTotalAllocatedBytes(precise: false) - allocatedStart) / 1e6, (GC.GetTotalPauseDuration() - pauseStart).TotalMilliseconds,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        c.Times.Add(time);
        c.Final = c.Steps.Current;
        return time;
    }

    private static Check RatioCheck(string name, Contender numerator, Contender denominator, string rule, Func<double, bool> met)
    {
        double ratio = numerator.LaterMean / denominator.LaterMean;
        return new(name, X(ratio), X(numerator.LaterCpuMean / denominator.LaterCpuMean), X(numerator.LaterMin / denominator.LaterMin), rule, met(ratio));
    }

    internal static FlatPoints Flatten(DataPoint[] points, int features)
    {
        var values = new double[points.Length * features];
        var labels = new double[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            points[i].X.Values.CopyTo(values, i * features);
            labels[i] = points[i].Y > 0 ? 1 : 0;
        }
        return new FlatPoints(values, labels, features);
    }

    /// <summary>The share of points on the side of w's hyperplane that their label says (SparkLR has no intercept).</summary>
    private static double Accuracy(DataPoint[] points, double[] w)
    {
        var v = new DenseVector(w);
        long right = 0;
        foreach (var p in points)
            if (Math.Sign(v.Dot(p.X)) == Math.Sign(p.Y)) right++;
        return (double)right / points.Length;
    }

    private static double MaxRelativeDifference(double[] a, double[] b)
    {
        double scale = Math.Max(a.Max(Math.Abs), b.Max(Math.Abs));
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return scale == 0 ? max : max / scale;
    }

    private static int AtLeast(Options options, string name, int fallback, int min)
    {
        int value = options.Int(name, fallback);
        return value >= min ? value : throw new ArgumentException($"Option '--{name}' must be at least {min}, got {value}.");
    }

    private static List<ExecutionMode> ParseModes(string text)
    {
        var modes = new List<ExecutionMode>();
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var mode = name.ToLowerInvariant() switch
            {
                "inmemory" => ExecutionMode.InMemory,
                "mapreduce" => ExecutionMode.MapReduce,
                _ => throw new ArgumentException($"Option '--modes': unknown mode '{name}' (the modes are inmemory and mapreduce)."),
            };
            if (!modes.Contains(mode)) modes.Add(mode);
        }
        return modes.Count > 0 ? modes : throw new ArgumentException("Option '--modes' needs at least one of inmemory, mapreduce.");
    }

    private static void WriteJson(string path, object value)
    {
        var json = JsonSerializer.Serialize(value, new JsonSerializerOptions
        {
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        });
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, json);
        File.Move(tmp, path, overwrite: true);
    }

    private static string S(double seconds) => seconds.ToString("F3", Invariant);

    private static string X(double ratio) => double.IsFinite(ratio) ? ratio.ToString("F2", Invariant) + "×" : "-";
}
