using System.Diagnostics;
using System.Globalization;
using Rdd.Benchmarks.Reporting;
using Rdd.Benchmarks.Workloads;
using Rdd.Core;
using Rdd.MlLib;
using Rdd.Sql;

namespace Rdd.Benchmarks.Lr;

/// <summary>
/// Part 2 of <c>lr</c>: Rdd.MlLib's <see cref="LogisticRegression"/> on the same CSV, in each execution mode, as a
/// user writes it:
/// <code>
/// var df = new SqlContext(sc).Read.Csv(path);                    // header, inferSchema
/// var assembled = new VectorAssembler { InputCols = [x0 … x9], OutputCol = "features" }.Transform(df);
/// var model = new LogisticRegression { MaxIter = iterations, RegParam = 0, Tol = 0 }.Fit(assembled);
/// </code>
/// No regularization (RegParam 0, ElasticNetParam 0, so L-BFGS), Standardization on (Spark's default: training on
/// x/σ, as floor (c)), intercept fitted, Tol 0 so every iteration runs. The per-iteration wall times come from the
/// training summary (<c>IterationSeconds</c>: entry 0 is the data summary pass and the first evaluation, entry k the
/// k-th L-BFGS iteration); an <see cref="IRddListener"/> counts the jobs (one summary job, then one job per
/// evaluation of the objective) and times each evaluation.
/// </summary>
/// <remarks>
/// A fit is one call, so its iterations cannot be interleaved round by round with the SparkLR contenders; the
/// section runs after them, in fresh contexts, and measures each fit's own floor right next to it (half the floor's
/// passes just before the fit, half just after), so load from elsewhere on the machine falls on both alike:
/// floor (c) (<see cref="FlatLogisticLoss"/>, one flat SIMD pass over the parsed points) for InMemory, floor (d)
/// (<see cref="ReaderFloor"/>, the same CSV re-read with the same DataFrame reader and the same loss and gradient
/// computed from its columns) for MapReduce.
/// </remarks>
internal static class MlLibSection
{
    public const double ModeRatioTarget = 50;
    public const double FlatFloorTarget = 1.5;
    public const double ReaderFloorLow = 0.8, ReaderFloorHigh = 1.2;

    /// <summary>Both modes run the same partitions, blocks and merge order: the coefficients should be identical; this is the tolerance (relative to the largest).</summary>
    public const double CoefficientTolerance = 1e-9;

    /// <summary>The loss a floor recomputes at the fitted coefficients against the fit's last objective (relative).</summary>
    public const double LossTolerance = 1e-9;

    private const int ReaderFloorPasses = 3;
    private const int WarmPoints = 20_000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One job of a fit: when it started (seconds from the start of <c>Fit</c>), how long it took, and the history entry it belongs to.</summary>
    internal sealed record Job(int Id, string Action, double StartSeconds, double Seconds, int Entry, bool IsSummary);

    /// <summary>One fit in one mode.</summary>
    internal sealed class FitRun
    {
        public required string Key { get; init; }
        public required string Name { get; init; }
        public required string Mode { get; init; }
        public required double ReadCsvSeconds { get; init; }
        public required double FitSeconds { get; init; }
        public required double FitCpuSeconds { get; init; }
        public required double AllocatedMB { get; init; }
        public required double GcPauseMs { get; init; }
        public required double[] IterationSeconds { get; init; }
        public required double[] ObjectiveHistory { get; init; }
        public required int TotalIterations { get; init; }
        public required string ConvergenceReason { get; init; }
        public required List<Job> Jobs { get; init; }
        public required double[] Coefficients { get; init; }
        public required double Intercept { get; init; }

        /// <summary>Evaluations of the objective per history entry (entry 0 without its summary job).</summary>
        public int[] EvaluationsPerEntry => Enumerable.Range(0, IterationSeconds.Length).Select(e => Jobs.Count(j => j.Entry == e && !j.IsSummary)).ToArray();

        public double First => IterationSeconds[0];
        public double LaterMean => IterationSeconds.Skip(1).Average();
        public double LaterMin => IterationSeconds.Skip(1).Min();
        public double Total => IterationSeconds.Sum();
        public double LaterEvaluationsPerIteration => EvaluationsPerEntry.Skip(1).Average();

        /// <summary>Evaluation jobs of the L-BFGS iterations (entry 1 on).</summary>
        public double[] LaterEvaluationSeconds => Jobs.Where(j => j.Entry >= 1 && !j.IsSummary).Select(j => j.Seconds).ToArray();

        /// <summary>Every evaluation job, the first (entry 0) included.</summary>
        public double[] EvaluationSeconds => Jobs.Where(j => !j.IsSummary).Select(j => j.Seconds).ToArray();
    }

    /// <summary>A floor's passes (each one evaluation of loss and gradient), with process CPU time.</summary>
    internal sealed record FloorRun(string Key, string Name, string What, List<double> Seconds, List<double> CpuSeconds)
    {
        public double Mean => Seconds.Average();
        public double Min => Seconds.Min();
        public double CpuMean => CpuSeconds.Average();
        public double? LossAtFit { get; set; }
    }

    internal sealed record SectionCheck(string Name, string Measured, string ByCpu, string ByFastest, string Rule, bool Met, bool Correctness = false);

    internal sealed class Result
    {
        public string? Skipped { get; init; }
        public List<FitRun> Fits { get; } = [];
        public List<FloorRun> Floors { get; } = [];
        public List<SectionCheck> Checks { get; } = [];
        public List<string> Notes { get; } = [];
        public string? LabelColumn { get; set; }
        public string[] FeatureColumns { get; set; } = [];
    }

    /// <summary>Warm-up, then the fits with their floors; prints progress lines, returns everything for the report.</summary>
    public static Result Run(string path, PointFormat format, FlatPoints flat, int iterations, int workers, bool inMemory, bool mapReduce)
    {
        if (format.Kind != PointFileKind.Csv)
            return new Result { Skipped = "the input is LIBSVM, which has no CSV form for the DataFrame reader" };

        string[] columns = ReadHeader(path);
        string label = columns[format.LabelColumn];
        string[] features = columns.Where((_, i) => i != format.LabelColumn).ToArray();
        var result = new Result { LabelColumn = label, FeatureColumns = features };

        // Warm-up (untimed): both fits and both floors, twice, on the first points, in contexts of their own.
        var watch = Stopwatch.StartNew();
        WarmUp(path, format, label, features, workers, inMemory, mapReduce);
        Console.WriteLine($"MlLib warm-up (untimed): both modes' fits (4 iterations) and floors (c), (d), twice over the first {WarmPoints:N0} points, in {watch.Elapsed.TotalSeconds:F1} s");

        var zero = new double[features.Length + 1];
        if (inMemory)
        {
            using var sc = ConsoleProgress.NewContext(new RddConfig { Parallelism = workers, ExecutionMode = ExecutionMode.InMemory });
            var floor = new FloorRun("mlFloorC", "floor (c) next to MlLib", "FlatLogisticLoss.Evaluate: one flat SIMD loss + gradient pass (per evaluation)", [], []);
            var gradient = new double[zero.Length];
            for (int i = 0; i < iterations; i++) Time(floor, () => FlatLogisticLoss.Evaluate(flat, zero, gradient, workers));
            var fit = RunFit("mlInMemory", "MlLib LR, InMemory", sc, path, label, features, iterations);
            var atFit = Standardized(fit, flat.Std);
            for (int i = 0; i < iterations; i++) floor.LossAtFit = Time(floor, () => FlatLogisticLoss.Evaluate(flat, atFit, gradient, workers));
            result.Fits.Add(fit);
            result.Floors.Add(floor);
            Console.WriteLine($"  {fit.Name}: fit {fit.FitSeconds:F2} s, {fit.TotalIterations} iterations, {fit.Jobs.Count} jobs; floor (c) {floor.Mean * 1e3:F1} ms per evaluation");
        }
        if (mapReduce)
        {
            using var sc = ConsoleProgress.NewContext(new RddConfig { Parallelism = workers, ExecutionMode = ExecutionMode.MapReduce });
            var reader = new ReaderFloor(new SqlContext(sc).Read.Csv(path), sc, workers, label, features, flat.Std);
            var floor = new FloorRun("mlFloorD", "floor (d): DataFrame reader", "per evaluation: Read.Csv batches re-read and re-parsed (same reader, no job), loss + gradient from the Arrow columns", [], []);
            var gradient = new double[zero.Length];
            for (int i = 0; i < ReaderFloorPasses; i++) Time(floor, () => reader.Evaluate(zero, gradient));
            var fit = RunFit("mlMapReduce", "MlLib LR, MapReduce", sc, path, label, features, iterations);
            var atFit = Standardized(fit, flat.Std);
            for (int i = 0; i < ReaderFloorPasses; i++) floor.LossAtFit = Time(floor, () => reader.Evaluate(atFit, gradient));
            if (reader.Rows != flat.Count) throw new InvalidOperationException($"Floor (d) read {reader.Rows} rows, floor (c) holds {flat.Count}.");

            // Where a MapReduce evaluation's time goes beyond the reader: the same batches read with nothing computed,
            // then the frame LogisticRegression actually reads (label cast to double, the VectorAssembler's vectors).
            var raw = new SqlContext(sc).Read.Csv(path);
            var readOnly = new FloorRun("infoRead", "info: reader only", "Read.Csv batches re-read and re-parsed (no job), nothing computed", [], []);
            var instancesFrame = Instances.From(new VectorAssembler { InputCols = features, OutputCol = "features" }.Transform(raw), label, "features", null).Frame;
            var assembled = new FloorRun("infoAssembled", "info: reader + assembler", "the frame Fit reads (label cast, VectorAssembler), batches re-read (no job), nothing computed", [], []);
            for (int i = 0; i < ReaderFloorPasses; i++)
            {
                Time(readOnly, () => DataFrameBatches.MapPartitions(raw, sc, workers, (_, batches) => batches.Sum(b => (long)b.Length)).Sum());
                Time(assembled, () => DataFrameBatches.MapPartitions(instancesFrame, sc, workers, (_, batches) => batches.Sum(b => (long)b.Length)).Sum());
            }
            result.Floors.Add(readOnly);
            result.Floors.Add(assembled);
            // Differences of the fastest passes: on a shared machine the means of a few passes are noisier than their minima.
            double evalMin = fit.EvaluationSeconds.Min();
            result.Notes.Add($"MapReduce evaluation, fastest passes (means in brackets): reader alone {readOnly.Min:F3} s ({readOnly.Mean:F3}); "
                + $"floor (d) = reader + column loss/gradient {floor.Min:F3} s ({floor.Mean:F3}); reader + label cast + VectorAssembler {assembled.Min:F3} s ({assembled.Mean:F3}), "
                + $"so the assembler adds {assembled.Min - readOnly.Min:F3} s ({assembled.Mean - readOnly.Mean:F3}); MlLib's evaluation {evalMin:F3} s ({fit.EvaluationSeconds.Average():F3}), "
                + $"so blocks (x/σ copied row by row), the block aggregator and the job add {evalMin - assembled.Min:F3} s ({fit.EvaluationSeconds.Average() - assembled.Mean:F3}).");
            result.Fits.Add(fit);
            result.Floors.Add(floor);
            Console.WriteLine($"  {fit.Name}: fit {fit.FitSeconds:F2} s, {fit.TotalIterations} iterations, {fit.Jobs.Count} jobs; floor (d) {floor.Mean:F3} s per evaluation");
        }

        AddChecks(result, flat);
        return result;
    }

    /// <summary>One timed fit: read the CSV (schema inference, timed apart), assemble, fit with a job listener; full GC first.</summary>
    private static FitRun RunFit(string key, string name, RddContext sc, string path, string label, string[] features, int iterations)
    {
        var sql = new SqlContext(sc);
        long readStart = Stopwatch.GetTimestamp();
        var df = sql.Read.Csv(path);
        double readSeconds = Stopwatch.GetElapsedTime(readStart).TotalSeconds;
        var assembled = new VectorAssembler { InputCols = features, OutputCol = "features" }.Transform(df);
        var estimator = new LogisticRegression { MaxIter = iterations, RegParam = 0, ElasticNetParam = 0, Tol = 0, LabelCol = label };

        var log = new JobLog();
        Timing.FullCollect();
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        long allocatedStart = GC.GetTotalAllocatedBytes(precise: false);
        var pauseStart = GC.GetTotalPauseDuration();
        sc.AddListener(log);
        log.Start = Stopwatch.GetTimestamp();
        LogisticRegressionModel model;
        try
        {
            model = estimator.Fit(assembled);
        }
        finally
        {
            sc.RemoveListener(log);
        }
        double fitSeconds = Stopwatch.GetElapsedTime(log.Start).TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        double allocated = (GC.GetTotalAllocatedBytes(precise: false) - allocatedStart) / 1e6;
        double pause = (GC.GetTotalPauseDuration() - pauseStart).TotalMilliseconds;

        var summary = model.Summary;
        double[] seconds = summary.IterationSeconds;
        return new FitRun
        {
            Key = key,
            Name = name,
            Mode = sc.Config.ExecutionMode.ToString(),
            ReadCsvSeconds = readSeconds,
            FitSeconds = fitSeconds,
            FitCpuSeconds = cpu,
            AllocatedMB = allocated,
            GcPauseMs = pause,
            IterationSeconds = seconds,
            ObjectiveHistory = summary.ObjectiveHistory,
            TotalIterations = summary.TotalIterations,
            ConvergenceReason = summary.ConvergenceReason,
            Jobs = log.Assign(seconds),
            Coefficients = model.Coefficients.ToArray(),
            Intercept = model.Intercept,
        };
    }

    /// <summary>The fit's coefficients in floor (c)'s layout: standardized space (β_j = coefficient_j × σ_j), intercept last.</summary>
    private static double[] Standardized(FitRun fit, double[] std)
    {
        var x = new double[fit.Coefficients.Length + 1];
        for (int j = 0; j < fit.Coefficients.Length; j++) x[j] = fit.Coefficients[j] * std[j];
        x[^1] = fit.Intercept;
        return x;
    }

    private static double Time(FloorRun floor, Func<double> pass)
    {
        Timing.FullCollect();
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        double loss = pass();
        floor.Seconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        process.Refresh();
        floor.CpuSeconds.Add((process.TotalProcessorTime - cpuStart).TotalSeconds);
        return loss;
    }

    private static void AddChecks(Result result, FlatPoints flat)
    {
        var im = result.Fits.FirstOrDefault(f => f.Key == "mlInMemory");
        var mr = result.Fits.FirstOrDefault(f => f.Key == "mlMapReduce");
        var floorC = result.Floors.FirstOrDefault(f => f.Key == "mlFloorC");
        var floorD = result.Floors.FirstOrDefault(f => f.Key == "mlFloorD");
        var checks = result.Checks;
        if (im is not null && mr is not null)
        {
            checks.Add(new("MlLib: MapReduce ÷ InMemory, later iterations", X(mr.LaterMean / im.LaterMean), "-", X(mr.LaterMin / im.LaterMin),
                $"≥ {ModeRatioTarget:F0}×", mr.LaterMean / im.LaterMean >= ModeRatioTarget));
            checks.Add(new("MlLib: MapReduce ÷ InMemory, per evaluation (later)", X(mr.LaterEvaluationSeconds.Average() / im.LaterEvaluationSeconds.Average()), "-",
                X(mr.LaterEvaluationSeconds.Min() / im.LaterEvaluationSeconds.Min()), "(info)", true));
        }
        if (im is not null && floorC is not null)
        {
            double perIteration = im.LaterMean / floorC.Mean, perEvaluation = im.LaterEvaluationSeconds.Average() / floorC.Mean;
            checks.Add(new("MlLib InMemory ÷ floor (c): later iteration ÷ one pass", X(perIteration), "-", X(im.LaterMin / floorC.Min),
                $"≤ {FlatFloorTarget:F1}×", perIteration <= FlatFloorTarget));
            checks.Add(new("MlLib InMemory ÷ floor (c): per evaluation (like for like)", X(perEvaluation), "-", X(im.LaterEvaluationSeconds.Min() / floorC.Min),
                $"≤ {FlatFloorTarget:F1}×", perEvaluation <= FlatFloorTarget));
        }
        if (mr is not null && floorD is not null)
        {
            double ratio = mr.EvaluationSeconds.Average() / floorD.Mean;
            checks.Add(new("MlLib MapReduce ÷ floor (d), per evaluation", X(ratio), "-", X(mr.EvaluationSeconds.Min() / floorD.Min),
                $"{ReaderFloorLow:F1}–{ReaderFloorHigh:F1}×", ratio is >= ReaderFloorLow and <= ReaderFloorHigh));
        }
        if (floorC is not null && floorD is not null)
            checks.Add(new("info: floor (d) ÷ floor (c), per evaluation (the MapReduce ÷ InMemory ratio of an engine at both floors)", X(floorD.Mean / floorC.Mean), "-",
                X(floorD.Min / floorC.Min), "(info)", true));
        if (im is not null && mr is not null)
        {
            double diff = MaxRelativeDifference([.. im.Coefficients, im.Intercept], [.. mr.Coefficients, mr.Intercept]);
            checks.Add(new("MlLib coefficients: MapReduce = InMemory", diff == 0 ? "identical" : $"max rel. diff {diff:E1}", "-", "-",
                $"≤ {CoefficientTolerance:E0} rel.", diff <= CoefficientTolerance, Correctness: true));
        }
        foreach (var (fit, floor, floorName) in new[] { (im, floorC, "floor (c)"), (mr, floorD, "floor (d)") })
        {
            if (fit is null || floor?.LossAtFit is not double loss) continue;
            double last = fit.ObjectiveHistory[^1];
            double diff = Math.Abs(loss - last) / Math.Abs(last);
            checks.Add(new($"{fit.Name}: final objective = {floorName}'s loss at its coefficients",
                $"{last:F9} vs {loss:F9} (rel. {diff:E1})", "-", "-", $"≤ {LossTolerance:E0} rel.", diff <= LossTolerance, Correctness: true));
        }
        var reference = im ?? mr;
        if (reference is not null)
        {
            var atFit = Standardized(reference, flat.Std);
            result.Notes.Add($"Fitted model (RegParam 0, Standardization on, intercept): coefficients [{string.Join(", ", reference.Coefficients.Select(c => c.ToString("F4", Invariant)))}], "
                + $"intercept {reference.Intercept.ToString("F4", Invariant)}; training accuracy {Accuracy(flat, atFit):P2}; objective {reference.ObjectiveHistory[0]:F6} → {reference.ObjectiveHistory[^1]:F9} "
                + $"({reference.TotalIterations} iterations, {reference.ConvergenceReason}).");
        }
    }

    /// <summary>The share of points whose predicted class (margin &gt; 0) is their label.</summary>
    internal static double Accuracy(FlatPoints flat, double[] standardized)
    {
        int d = flat.Dimension;
        long right = 0;
        for (int i = 0; i < flat.Count; i++)
        {
            double margin = standardized[d];
            var row = flat.Features.AsSpan(i * d, d);
            for (int j = 0; j < d; j++) margin += flat.Std[j] > 0 ? standardized[j] / flat.Std[j] * row[j] : 0;
            if ((margin > 0 ? 1 : 0) == flat.Labels[i]) right++;
        }
        return (double)right / flat.Count;
    }

    private static void WarmUp(string path, PointFormat format, string label, string[] features, int workers, bool inMemory, bool mapReduce)
    {
        var warmPath = WarmUpFile.Create(path, format, WarmPoints, "lr-mllib");
        try
        {
            var flat = Commands.LrCommand.Flatten(SparkLr.ParseAll(warmPath, format, workers), format.Features);
            var zero = new double[features.Length + 1];
            var gradient = new double[zero.Length];
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (var mode in new[] { (inMemory, ExecutionMode.InMemory), (mapReduce, ExecutionMode.MapReduce) })
                {
                    if (!mode.Item1) continue;
                    using var sc = ConsoleProgress.NewContext(new RddConfig { Parallelism = workers, ExecutionMode = mode.Item2 });
                    RunFit("warm", "warm", sc, warmPath, label, features, 4);
                    if (mode.Item2 == ExecutionMode.InMemory)
                        for (int i = 0; i < 4; i++) FlatLogisticLoss.Evaluate(flat, zero, gradient, workers);
                    else
                    {
                        var floor = new ReaderFloor(new SqlContext(sc).Read.Csv(warmPath), sc, workers, label, features, flat.Std);
                        for (int i = 0; i < 4; i++) floor.Evaluate(zero, gradient);
                    }
                }
                Thread.Sleep(500);
            }
        }
        finally
        {
            File.Delete(warmPath);
        }
    }

    private static string[] ReadHeader(string path)
    {
        using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        string? line;
        while ((line = reader.ReadLine()) is not null)
            if (line.Length > 0) return line.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
        throw new InvalidDataException($"{path} has no header line.");
    }

    private static double MaxRelativeDifference(double[] a, double[] b)
    {
        double scale = Math.Max(a.Max(Math.Abs), b.Max(Math.Abs));
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return scale == 0 ? max : max / scale;
    }

    private static string X(double ratio) => double.IsFinite(ratio) ? ratio.ToString("F2", Invariant) + "×" : "-";

    /// <summary>Records every job of a fit: start (from <see cref="Start"/>) and end, by the listener's own clock.</summary>
    private sealed class JobLog : IRddListener
    {
        private readonly object _gate = new();
        private readonly Dictionary<int, (string Action, long Start, long End)> _jobs = [];

        public long Start { get; set; }

        public void OnJobStarted(JobStarted e)
        {
            long now = Stopwatch.GetTimestamp();
            lock (_gate) _jobs[e.JobId] = (e.Action, now, 0);
        }

        public void OnJobEnded(JobEnded e)
        {
            long now = Stopwatch.GetTimestamp();
            lock (_gate)
                if (_jobs.TryGetValue(e.JobId, out var job)) _jobs[e.JobId] = job with { End = now };
        }

        /// <summary>
        /// The jobs in start order, each given the history entry whose time window (the cumulative sums of
        /// <paramref name="entrySeconds"/> from the start of the fit) holds its start; the first job is the summary pass.
        /// </summary>
        public List<Job> Assign(double[] entrySeconds)
        {
            var ends = new double[entrySeconds.Length];
            double sum = 0;
            for (int e = 0; e < ends.Length; e++) ends[e] = sum += entrySeconds[e];
            List<(int Id, string Action, long Start, long End)> jobs;
            lock (_gate) jobs = _jobs.Select(j => (j.Key, j.Value.Action, j.Value.Start, j.Value.End)).OrderBy(j => j.Start).ToList();
            var result = new List<Job>();
            foreach (var (id, action, start, end) in jobs)
            {
                double at = Stopwatch.GetElapsedTime(Start, start).TotalSeconds;
                int entry = Array.FindIndex(ends, x => at < x);
                if (entry < 0) entry = ends.Length - 1;
                result.Add(new Job(id, action, at, end == 0 ? double.NaN : Stopwatch.GetElapsedTime(start, end).TotalSeconds, entry, result.Count == 0));
            }
            return result;
        }
    }
}
