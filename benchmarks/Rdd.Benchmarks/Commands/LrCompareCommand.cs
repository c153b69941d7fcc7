using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Rdd.Benchmarks.Data;
using Rdd.Benchmarks.Lr;
using Rdd.Benchmarks.Reporting;
using Rdd.Benchmarks.Workloads;
using Rdd.Core;
using Rdd.MlLib;
using Rdd.Sql;

namespace Rdd.Benchmarks.Commands;

/// <summary>
/// <c>lr-compare</c>: regularized logistic regression on SparkLR's generated points (1 M × 20 by default) with
/// Rdd.MlLib (<see cref="LogisticRegression"/>, InMemory), ML.NET 6 (<c>LbfgsLogisticRegression</c>) and
/// scikit-learn (<c>LogisticRegression(solver='lbfgs')</c>, a Python script run with Debian's python3), the same
/// objective for all three: the mean log-loss plus λ/2 · ‖β‖² on standardized features, intercept unpenalized.
/// Load and parse time is measured apart from training time; training runs best of <c>--runs</c>; each model is
/// scored on a held-out set generated the same way with another seed (AUC), and its solution is put back into
/// Spark's objective on the training set, so "how far did it get" is compared along with "how fast".
/// </summary>
/// <remarks>
/// Regularization mapping, with λ = <c>--reg</c> (Spark's <c>RegParam</c>, <c>ElasticNetParam</c> 0) and n training rows:
/// <list type="bullet">
/// <item>Rdd.MlLib: <c>RegParam = λ</c>, <c>Standardization = true</c> (the default): mean loss + λ/2 ‖β‖², β the coefficients of x/σ.</item>
/// <item>ML.NET: its objective is (Σ loss + L2/2 ‖w‖²) / n (LbfgsTrainerBase divides the regularized sum by the weight sum),
/// so <c>L2Regularization = n · λ</c>, <c>L1Regularization = 0</c> (its default is 1); standardization by
/// <c>NormalizeMeanVariance(fixZero: false)</c> in the pipeline, (x − mean)/σ: the centering only moves the unpenalized
/// bias, so w is Spark's β. Its other settings are its defaults (history 20, tolerance 1e-7, all cores).</item>
/// <item>scikit-learn: C · Σ loss + ½ ‖w‖² up to a factor, so <c>C = 1 / (n · λ)</c>, in a pipeline after
/// <c>StandardScaler</c> (σ with n rather than n − 1: a relative difference of 1/(2n) in the penalty); defaults otherwise
/// (max_iter 100, tol 1e-4).</item>
/// </list>
/// </remarks>
internal static class LrCompareCommand
{
    public const string Usage = "lr-compare [--points N (default 1000000)] [--features N (default 20)] [--test-points N (default 200000)] [--reg λ (default 0.01)] "
        + "[--runs N (default 3)] [--parallelism N] [--seed N (default 42)] [--python PATH (default /usr/bin/python3)] [--out DIR (default lr-compare-results)] [--data-dir DIR]";

    private const int WarmPoints = 20_000;

    /// <summary>Rdd's AUC may be below ML.NET's by at most this much and still count as equal.</summary>
    private const double AucTolerance = 1e-5;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private sealed class Contender(string key, string name, string settings)
    {
        public string Key { get; } = key;
        public string Name { get; } = name;
        public string Settings { get; } = settings;
        public double LoadSeconds { get; set; }
        public string LoadWhat { get; set; } = "";
        public List<double> TrainSeconds { get; } = [];
        public double[] Coefficients { get; set; } = [];
        public double Intercept { get; set; }
        public string Iterations { get; set; } = "n/a";
        public double? OwnAuc { get; set; }
        public string OwnAucWhat { get; set; } = "";
        public double Auc { get; set; } = double.NaN;
        public double Objective { get; set; } = double.NaN;
        public string? Skipped { get; set; }
        public string? Versions { get; set; }
        public double Best => TrainSeconds.Count > 0 ? TrainSeconds.Min() : double.NaN;
    }

    public static int Run(string[] args)
    {
        var options = new Options(args, ["points", "features", "test-points", "reg", "runs", "parallelism", "seed", "python", "out", "data-dir"], []);
        int points = AtLeast(options, "points", 1_000_000, 100);
        int features = AtLeast(options, "features", 20, 1);
        int testPoints = AtLeast(options, "test-points", 200_000, 100);
        double reg = options.Double("reg", 0.01);
        if (!(reg > 0)) throw new ArgumentException($"Option '--reg' must be more than 0, got {reg}.");
        int runs = AtLeast(options, "runs", 3, 1);
        int workers = AtLeast(options, "parallelism", Environment.ProcessorCount, 1);
        int seed = AtLeast(options, "seed", 42, 0);
        string python = options.String("python") ?? "/usr/bin/python3";
        string outDir = Path.GetFullPath(options.String("out") ?? "lr-compare-results");
        string dataDir = options.String("data-dir") ?? SparkLrData.DefaultFolder;

        string startLoad = MachineInfo.LoadAverage();
        Console.WriteLine($"Rdd lr-compare: L2-regularized logistic regression, Rdd.MlLib vs ML.NET vs scikit-learn");
        Console.WriteLine($"Machine: {MachineInfo.Describe()}");

        var watch = Stopwatch.StartNew();
        var (train, _) = SparkLrData.Ensure(dataDir, points, features, (ulong)seed);
        var (test, _) = SparkLrData.Ensure(dataDir, testPoints, features, (ulong)seed + 1);
        var format = PointFormat.Generated(features);
        var trainFlat = LrCommand.Flatten(SparkLr.ParseAll(train, format, workers), features);
        var testFlat = LrCommand.Flatten(SparkLr.ParseAll(test, format, workers), features);
        Console.WriteLine($"Data: training {train} ({points:N0} × {features}), held-out {test} ({testPoints:N0}, seed {seed + 1}); "
            + $"ready and parsed for scoring in {watch.Elapsed.TotalSeconds:F1} s (untimed)");
        double mlnetL2 = reg * points;
        double sklearnC = 1 / (reg * points);
        Console.WriteLine($"Objective for all: mean log-loss + λ/2 ‖β‖², λ = {reg}, standardized features, intercept unpenalized. "
            + $"ML.NET L2Regularization = n·λ = {mlnetL2:G6}, L1Regularization = 0; scikit-learn C = 1/(n·λ) = {sklearnC:G6}.");

        var rdd = new Contender("rdd", "Rdd.MlLib LogisticRegression (InMemory)", $"RegParam {reg}, ElasticNetParam 0, Standardization, MaxIter 100, Tol 1e-6, {workers} workers");
        var mlnet = new Contender("mlnet", "ML.NET 6.0.0 LbfgsLogisticRegression", $"NormalizeMeanVariance(fixZero: false) + L2Regularization {mlnetL2:G6}, L1 0, defaults otherwise");
        var sklearn = new Contender("sklearn", "scikit-learn LogisticRegression(lbfgs)", $"StandardScaler + C = {sklearnC:G6}, max_iter 100, tol 1e-4");

        // Warm-up (untimed): both .NET contenders once over the first points, so their first timed fit does not compile.
        watch.Restart();
        var warmPath = WarmFile(train, format);
        try
        {
            WarmUp(warmPath, features, workers, reg);
        }
        finally
        {
            File.Delete(warmPath);
        }
        Console.WriteLine($"Warm-up (untimed): Rdd.MlLib and ML.NET once over the first {WarmPoints:N0} points, {watch.Elapsed.TotalSeconds:F1} s");

        // Load and parse, once each, timed apart from training.
        using var sc = ConsoleProgress.NewContext(new RddConfig { Parallelism = workers, ExecutionMode = ExecutionMode.InMemory });
        var sql = new SqlContext(sc);
        var featureColumns = Enumerable.Range(0, features).Select(j => $"x{j}").ToArray();
        var assembler = new VectorAssembler { InputCols = featureColumns, OutputCol = "features" };
        Timing.FullCollect();
        watch.Restart();
        var csv = sql.Read.Csv(train);
        double inferSeconds = watch.Elapsed.TotalSeconds;
        var trainFrame = assembler.Transform(csv).Select("label", "features").Cache();
        long rows = trainFrame.Count();
        rdd.LoadSeconds = watch.Elapsed.TotalSeconds;
        rdd.LoadWhat = $"Read.Csv with inferSchema (a parallel pass over the file: {inferSeconds:F2} s) + VectorAssembler + Select(label, features).Cache().Count() "
            + $"(a second pass: parse, assemble, cache; {rdd.LoadSeconds - inferSeconds:F2} s)";
        if (rows != points) throw new InvalidOperationException($"The training frame has {rows} rows, expected {points}.");

        var ml = new MLContext(seed: 1);
        Timing.FullCollect();
        watch.Restart();
        var trainView = ml.Data.Cache(LoadText(ml, train, features));
        long mlRows = Drain(trainView);
        mlnet.LoadSeconds = watch.Elapsed.TotalSeconds;
        mlnet.LoadWhat = "TextLoader (Label bool, Features float[20]) + Data.Cache, one full cursor pass";
        if (mlRows != points) throw new InvalidOperationException($"ML.NET loaded {mlRows} rows, expected {points}.");
        Console.WriteLine($"Load + parse: Rdd {rdd.LoadSeconds:F2} s, ML.NET {mlnet.LoadSeconds:F2} s");

        // Training, round by round (each round starting with the other contender), full GC before each fit.
        LogisticRegressionModel? rddModel = null;
        ITransformer? mlnetModel = null;
        var mlnetPipeline = MlNetPipeline(ml, mlnetL2);
        var rddEntries = new List<string>();
        for (int r = 0; r < runs; r++)
        {
            var order = r % 2 == 0 ? new[] { 0, 1 } : [1, 0];
            foreach (int which in order)
            {
                Timing.FullCollect();
                long start = Stopwatch.GetTimestamp();
                if (which == 0)
                {
                    rddModel = RddEstimator(reg).Fit(trainFrame);
                    rdd.TrainSeconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
                    var entries = rddModel.Summary.IterationSeconds;
                    rddEntries.Add($"{entries[0]:F2} s + {entries.Skip(1).Sum():F2} s over {entries.Length - 1} iterations");
                }
                else
                {
                    mlnetModel = mlnetPipeline.Fit(trainView);
                    mlnet.TrainSeconds.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
                }
            }
            Console.WriteLine($"  round {r + 1}/{runs}: Rdd {rdd.TrainSeconds[^1]:F2} s (summary pass + blocks + first evaluation {rddEntries[^1]}), ML.NET {mlnet.TrainSeconds[^1]:F2} s");
        }

        // The solutions, on the original scale.
        rdd.Coefficients = rddModel!.Coefficients.ToArray();
        rdd.Intercept = rddModel.Intercept;
        rdd.Iterations = $"{rddModel.Summary.TotalIterations} ({rddModel.Summary.ConvergenceReason})";
        var testFrame = assembler.Transform(sql.Read.Csv(test));
        rdd.OwnAuc = new Rdd.MlLib.BinaryClassificationEvaluator().Evaluate(rddModel.Transform(testFrame));
        rdd.OwnAucWhat = "BinaryClassificationEvaluator (areaUnderROC) on the held-out frame";
        (mlnet.Coefficients, mlnet.Intercept) = MlNetSolution(mlnetModel!);
        var metrics = ml.BinaryClassification.Evaluate(mlnetModel!.Transform(LoadText(ml, test, features)), labelColumnName: "Label");
        mlnet.OwnAuc = metrics.AreaUnderRocCurve;
        mlnet.OwnAucWhat = "BinaryClassification.Evaluate on the held-out set";

        // scikit-learn, in its own process.
        var script = FindScript();
        RunSklearn(sklearn, python, script, train, test, reg, runs);

        var contenders = new[] { rdd, mlnet, sklearn };
        foreach (var c in contenders.Where(c => c.Skipped is null))
        {
            c.Auc = Auc(testFlat, c.Coefficients, c.Intercept);
            c.Objective = SparkObjective(trainFlat, c.Coefficients, c.Intercept, reg, workers);
        }

        string endLoad = MachineInfo.LoadAverage();
        Console.WriteLine();
        Console.WriteLine($"Results (load average {startLoad} at the start, {endLoad} now). Training: best of {runs}; AUC: held-out set ({testPoints:N0} points, seed {seed + 1}), "
            + "computed here from each model's coefficients; objective: Spark's (mean log-loss + λ/2‖β‖²) on the training set at each solution:");
        var table = new TextTable("contender", "load + parse s", "training s (best)", "training s (all)", "iterations", "objective", "AUC held-out", "own AUC", "time ÷ Rdd");
        foreach (var c in contenders)
        {
            if (c.Skipped is not null)
            {
                table.Add(c.Name, "-", "-", "-", "-", "-", "-", "-", $"skipped: {c.Skipped}");
                continue;
            }
            table.Add(c.Name, S(c.LoadSeconds), S(c.Best), string.Join(" ", c.TrainSeconds.Select(S)), c.Iterations, c.Objective.ToString("F9", Invariant),
                c.Auc.ToString("F7", Invariant), c.OwnAuc?.ToString("F7", Invariant) ?? "-", (c.Best / rdd.Best).ToString("F2", Invariant) + "×");
        }
        Console.Write(table);
        foreach (var c in contenders) Console.WriteLine($"  {c.Name}: {c.Settings}; load = {c.LoadWhat}{(c.Versions is null ? "" : "; " + c.Versions)}");

        double ratio = mlnet.Best / rdd.Best;
        bool aucOk = rdd.Auc >= mlnet.Auc - AucTolerance;
        Console.WriteLine();
        Console.WriteLine($"Check: ML.NET training ÷ Rdd training = {ratio:F2}× (target ≥ 1): {(ratio >= 1 ? "met" : "NOT MET")}; "
            + $"AUC Rdd {rdd.Auc:F6} vs ML.NET {mlnet.Auc:F6} (equal or better, tolerance {AucTolerance:E0}): {(aucOk ? "met" : "NOT MET")}.");
        if (sklearn.Skipped is null)
            Console.WriteLine($"Info: scikit-learn training ÷ Rdd training = {sklearn.Best / rdd.Best:F2}×.");

        Directory.CreateDirectory(outDir);
        var jsonPath = Path.Combine(outDir, "lr-compare.json");
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(new
        {
            command = "lr-compare",
            parameters = new { points, features, testPoints, regParam = reg, runs, parallelism = workers, seed, trainFile = train, testFile = test, mlnetL2, sklearnC },
            machine = new { description = MachineInfo.Describe(), loadAverageAtStart = startLoad, loadAverageAtEnd = endLoad, serverGc = System.Runtime.GCSettings.IsServerGC },
            contenders = contenders.Select(c => new
            {
                key = c.Key, name = c.Name, settings = c.Settings, skipped = c.Skipped, versions = c.Versions,
                loadSeconds = c.LoadSeconds, loadWhat = c.LoadWhat, trainSeconds = c.TrainSeconds, bestTrainSeconds = c.TrainSeconds.Count > 0 ? c.Best : (double?)null,
                iterations = c.Iterations, objective = double.IsFinite(c.Objective) ? c.Objective : (double?)null, auc = double.IsFinite(c.Auc) ? c.Auc : (double?)null,
                ownAuc = c.OwnAuc, ownAucWhat = c.OwnAucWhat, coefficients = c.Coefficients, intercept = c.Intercept,
            }),
            rddFits = rddEntries,
            checks = new { mlnetOverRdd = ratio, ratioMet = ratio >= 1, aucMet = aucOk },
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        Console.WriteLine($"Output: {jsonPath}");
        return 0;
    }

    private static LogisticRegression RddEstimator(double reg) =>
        new() { RegParam = reg, ElasticNetParam = 0, Standardization = true, MaxIter = 100, Tol = 1e-6 };

    private static IEstimator<ITransformer> MlNetPipeline(MLContext ml, double l2) =>
        ml.Transforms.NormalizeMeanVariance("Features", fixZero: false)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = "Features",
                L1Regularization = 0,
                L2Regularization = (float)l2,
            }));

    private static IDataView LoadText(MLContext ml, string path, int features) =>
        ml.Data.CreateTextLoader(new TextLoader.Options
        {
            Separators = [','],
            HasHeader = true,
            Columns =
            [
                new TextLoader.Column("Label", DataKind.Boolean, 0),
                new TextLoader.Column("Features", DataKind.Single, 1, features),
            ],
        }).Load(path);

    /// <summary>Runs one cursor over every column (for a cached view: fills the cache); returns the rows.</summary>
    private static long Drain(IDataView view)
    {
        long rows = 0;
        using var cursor = view.GetRowCursor(view.Schema);
        var label = cursor.GetGetter<bool>(view.Schema["Label"]);
        var featureGetter = cursor.GetGetter<VBuffer<float>>(view.Schema["Features"]);
        bool y = false;
        VBuffer<float> x = default;
        while (cursor.MoveNext())
        {
            label(ref y);
            featureGetter(ref x);
            rows++;
        }
        return rows;
    }

    /// <summary>ML.NET's weights and bias mapped back through its normalizer, (x − offset)·scale, to the original features.</summary>
    private static (double[] Coefficients, double Intercept) MlNetSolution(ITransformer model)
    {
        var chain = (IEnumerable<ITransformer>)model;
        var normalizer = chain.OfType<NormalizingTransformer>().Single();
        var affine = (NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>>)normalizer.GetNormalizerModelParameters(0);
        var prediction = chain.OfType<BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>>().Single();
        var linear = prediction.Model.SubModel;
        var weights = linear.Weights;
        var coefficients = new double[weights.Count];
        double intercept = linear.Bias;
        for (int j = 0; j < coefficients.Length; j++)
        {
            double scale = affine.Scale[j];
            double offset = affine.Offset.IsDefaultOrEmpty ? 0 : affine.Offset[j];
            coefficients[j] = weights[j] * scale;
            intercept -= weights[j] * scale * offset;
        }
        return (coefficients, intercept);
    }

    private static void RunSklearn(Contender c, string python, string? script, string train, string test, double reg, int runs)
    {
        if (script is null)
        {
            c.Skipped = "benchmarks/lr_compare_sklearn.py not found";
            return;
        }
        if (!File.Exists(python))
        {
            c.Skipped = $"{python} not found (apt-get install -y python3-sklearn)";
            return;
        }
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { script, "--train", train, "--test", test, "--reg", reg.ToString("R", Invariant), "--runs", runs.ToString(Invariant) })
            info.ArgumentList.Add(a);
        Console.WriteLine($"scikit-learn: {python} {script} … ({runs} fits)");
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {python}.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string errors = stderr.Result;
        if (process.ExitCode != 0)
        {
            var last = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? $"exit code {process.ExitCode}";
            c.Skipped = process.ExitCode == 3 ? last : $"the script failed: {last}";
            return;
        }
        var json = JsonNode.Parse(stdout)!;
        c.LoadSeconds = json["load_seconds"]!.GetValue<double>();
        c.LoadWhat = json["load_what"]!.GetValue<string>();
        c.TrainSeconds.AddRange(json["train_seconds"]!.AsArray().Select(v => v!.GetValue<double>()));
        c.Coefficients = json["coefficients"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        c.Intercept = json["intercept"]!.GetValue<double>();
        c.Iterations = json["n_iter"]!.ToJsonString();
        c.OwnAuc = json["auc"]!.GetValue<double>();
        c.OwnAucWhat = "sklearn.metrics.roc_auc_score on the held-out set";
        c.Versions = json["versions"]!.GetValue<string>();
        foreach (var t in c.TrainSeconds) Console.WriteLine($"  fit {t:F2} s");
    }

    private static string? FindScript()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "benchmarks", "lr_compare_sklearn.py");
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>Spark's objective at original-scale coefficients: floor (c)'s mean loss at β = coefficient·σ, plus λ/2 ‖β‖².</summary>
    private static double SparkObjective(FlatPoints flat, double[] coefficients, double intercept, double reg, int workers)
    {
        int d = flat.Dimension;
        var x = new double[d + 1];
        double penalty = 0;
        for (int j = 0; j < d; j++)
        {
            x[j] = coefficients[j] * flat.Std[j];
            penalty += x[j] * x[j];
        }
        x[d] = intercept;
        return FlatLogisticLoss.Evaluate(flat, x, new double[d + 1], workers) + reg / 2 * penalty;
    }

    /// <summary>Area under the ROC curve of the margins, ties counted half (the Mann-Whitney statistic).</summary>
    internal static double Auc(FlatPoints flat, double[] coefficients, double intercept)
    {
        int n = flat.Count, d = flat.Dimension;
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            double m = intercept;
            var row = flat.Features.AsSpan(i * d, d);
            for (int j = 0; j < d; j++) m += coefficients[j] * row[j];
            scores[i] = m;
        }
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort((double[])scores.Clone(), order);
        double positives = 0, rankSum = 0;
        for (int i = 0; i < n;)
        {
            int k = i;
            while (k + 1 < n && scores[order[k + 1]] == scores[order[i]]) k++;
            double rank = (i + k) / 2.0 + 1;
            for (int t = i; t <= k; t++)
                if (flat.Labels[order[t]] > 0)
                {
                    positives++;
                    rankSum += rank;
                }
            i = k + 1;
        }
        double negatives = n - positives;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    private static string WarmFile(string path, PointFormat format) => WarmUpFile.Create(path, format, WarmPoints, "lr-compare");

    private static void WarmUp(string path, int features, int workers, double reg)
    {
        using var sc = ConsoleProgress.NewContext(new RddConfig { Parallelism = workers, ExecutionMode = ExecutionMode.InMemory });
        var assembler = new VectorAssembler { InputCols = Enumerable.Range(0, features).Select(j => $"x{j}").ToArray(), OutputCol = "features" };
        var frame = assembler.Transform(new SqlContext(sc).Read.Csv(path)).Select("label", "features").Cache();
        frame.Count();
        RddEstimator(reg).Fit(frame);
        var ml = new MLContext(seed: 1);
        var view = ml.Data.Cache(LoadText(ml, path, features));
        Drain(view);
        MlNetPipeline(ml, reg * WarmPoints).Fit(view);
    }

    private static int AtLeast(Options options, string name, int fallback, int min)
    {
        int value = options.Int(name, fallback);
        return value >= min ? value : throw new ArgumentException($"Option '--{name}' must be at least {min}, got {value}.");
    }

    private static string S(double seconds) => seconds.ToString("F3", Invariant);
}
