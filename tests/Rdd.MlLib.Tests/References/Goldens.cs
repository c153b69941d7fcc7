using System.Globalization;
using System.Text.Json;

namespace Rdd.MlLib.Tests.References;

/// <summary>
/// Reads the scikit-learn goldens that <c>References/make_sklearn_goldens.py</c> wrote (committed, and copied to the
/// test output folder by the csproj): the data sets (<c>Data/*.csv</c>), the logistic-regression cases
/// (<c>LogisticRegression/*.json</c>) and the evaluator goldens (<c>Metrics/*.json</c>). A missing or malformed
/// member fails with the file and member named, so a broken golden fails the tests that load it.
/// </summary>
internal static class Goldens
{
    /// <summary>The References folder in the test output.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "References");

    /// <summary>The names of the logistic-regression cases (file names without .json), sorted.</summary>
    public static string[] LogisticRegressionCaseNames() =>
        [.. Directory.GetFiles(Path.Combine(Folder, "LogisticRegression"), "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal)];

    /// <summary>One logistic-regression case.</summary>
    public static LogisticRegressionGolden LogisticRegression(string name)
    {
        string path = Path.Combine(Folder, "LogisticRegression", name + ".json");
        using var doc = Open(path);
        var root = new Reader(doc.RootElement, path);
        var p = root.Object("params");
        var expected = root.Object("expected");
        var tolerance = root.Object("tolerance");
        string family = p.String("family");
        bool multinomial = family == "multinomial";
        return new LogisticRegressionGolden(
            Name: root.String("name"),
            Description: root.String("description"),
            DataFile: root.String("data"),
            NumRows: root.Int("numRows"),
            NumFeatures: root.Int("numFeatures"),
            NumClasses: root.Int("numClasses"),
            RegParam: p.Double("regParam"),
            ElasticNetParam: p.Double("elasticNetParam"),
            FitIntercept: p.Bool("fitIntercept"),
            Standardization: p.Bool("standardization"),
            Family: family,
            WeightCol: p.NullableString("weightCol"),
            Coefficients: multinomial ? expected.Matrix("coefficients") : [expected.Vector("coefficients")],
            Intercepts: multinomial ? expected.Vector("intercepts") : [expected.Double("intercept")],
            Probabilities: expected.Matrix("probabilities"),
            Objective: expected.Double("objective"),
            FeaturesMean: root.Vector("featuresMean"),
            FeaturesStd: root.Vector("featuresStd"),
            SklearnSolver: root.Object("sklearn").String("solver"),
            SklearnIterations: root.Object("sklearn").Int("nIter"),
            Tolerance: new LogisticRegressionTolerance(
                CoefficientsStandardized: tolerance.Double("coefficientsStandardized"),
                ZeroCoefficients: tolerance.Double("zeroCoefficients"),
                Intercept: tolerance.Double("intercept"),
                Probabilities: tolerance.Double("probabilities"),
                ObjectiveRelative: tolerance.Double("objectiveRelative")));
    }

    /// <summary>A data set: a CSV with a header, a <c>label</c> column, <c>f0..f{p-1}</c> and optionally <c>weight</c>.</summary>
    /// <param name="file">Path under References, e.g. <c>Data/iris.csv</c>.</param>
    public static GoldenDataSet Data(string file)
    {
        string path = Path.Combine(Folder, file);
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        int labelColumn = Array.IndexOf(header, "label");
        int weightColumn = Array.IndexOf(header, "weight");
        var featureColumns = Enumerable.Range(0, header.Length).Where(c => header[c].StartsWith('f')).ToArray();
        if (labelColumn < 0 || featureColumns.Length == 0)
        {
            throw new InvalidDataException($"{path}: the header needs a label column and f0.. feature columns, not '{lines[0]}'.");
        }
        var rows = lines.Skip(1).Where(l => l.Length > 0).ToArray();
        var labels = new double[rows.Length];
        var features = new double[rows.Length][];
        var weights = weightColumn >= 0 ? new double[rows.Length] : null;
        for (int i = 0; i < rows.Length; i++)
        {
            var cells = rows[i].Split(',');
            if (cells.Length != header.Length)
            {
                throw new InvalidDataException($"{path}: line {i + 2} has {cells.Length} cells, the header {header.Length}.");
            }
            labels[i] = double.Parse(cells[labelColumn], CultureInfo.InvariantCulture);
            features[i] = [.. featureColumns.Select(c => double.Parse(cells[c], CultureInfo.InvariantCulture))];
            if (weights is not null) weights[i] = double.Parse(cells[weightColumn], CultureInfo.InvariantCulture);
        }
        return new GoldenDataSet(file, [.. featureColumns.Select(c => header[c])], labels, features, weights);
    }

    /// <summary>The BinaryClassificationMetrics goldens (Metrics/binary.json).</summary>
    public static BinaryMetricsGolden[] BinaryMetrics()
    {
        string path = Path.Combine(Folder, "Metrics", "binary.json");
        using var doc = Open(path);
        return [.. new Reader(doc.RootElement, path).Objects("sets").Select(s =>
        {
            var e = s.Object("expected");
            return new BinaryMetricsGolden(
                Name: s.String("name"),
                Scores: s.Vector("scores"),
                Labels: s.Vector("labels"),
                Weights: s.Vector("weights"),
                Thresholds: e.Vector("thresholds"),
                Roc: e.Points("roc"),
                Pr: e.Points("pr"),
                PrecisionByThreshold: e.Vector("precisionByThreshold"),
                RecallByThreshold: e.Vector("recallByThreshold"),
                FMeasureByThreshold: e.Vector("fMeasureByThreshold"),
                FMeasureByThresholdBetaHalf: e.Vector("fMeasureByThresholdBeta0.5"),
                AreaUnderRoc: e.Double("areaUnderRoc"),
                AreaUnderPr: e.Double("areaUnderPr"),
                SklearnRocAucScore: e.Double("sklearnRocAucScore"));
        })];
    }

    /// <summary>The MulticlassMetrics goldens (Metrics/multiclass.json).</summary>
    public static MulticlassMetricsGolden[] MulticlassMetrics()
    {
        string path = Path.Combine(Folder, "Metrics", "multiclass.json");
        using var doc = Open(path);
        return [.. new Reader(doc.RootElement, path).Objects("sets").Select(s =>
        {
            var e = s.Object("expected");
            return new MulticlassMetricsGolden(
                Name: s.String("name"),
                Predictions: s.Vector("predictions"),
                Labels: s.Vector("labels"),
                Weights: s.Vector("weights"),
                Probabilities: s.Matrix("probabilities"),
                ExpectedLabels: e.Vector("labels"),
                Accuracy: e.Double("accuracy"),
                WeightedPrecision: e.Double("weightedPrecision"),
                WeightedRecall: e.Double("weightedRecall"),
                WeightedFMeasure: e.Double("weightedFMeasure"),
                WeightedFMeasureBetaHalf: e.Double("weightedFMeasureBeta0.5"),
                WeightedFalsePositiveRate: e.Double("weightedFalsePositiveRate"),
                LogLoss: e.Double("logLoss"),
                ConfusionMatrix: e.Matrix("confusionMatrix"),
                PerLabel: [.. e.Objects("perLabel").Select(l => new PerLabelGolden(
                    l.Double("label"), l.Double("precision"), l.Double("recall"), l.Double("fMeasure"), l.Double("falsePositiveRate")))]);
        })];
    }

    private static JsonDocument Open(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Typed access to a JSON object that names the file and member path in every error.</summary>
    private sealed class Reader(JsonElement element, string where)
    {
        public string String(string name) => Get(name, JsonValueKind.String).GetString()!;

        public string? NullableString(string name)
        {
            var value = Member(name);
            return value.ValueKind == JsonValueKind.Null ? null : Get(name, JsonValueKind.String).GetString();
        }

        public double Double(string name) => Get(name, JsonValueKind.Number).GetDouble();

        public int Int(string name) => Get(name, JsonValueKind.Number).GetInt32();

        public bool Bool(string name)
        {
            var value = Member(name);
            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Bad(name, "a boolean"),
            };
        }

        public Reader Object(string name) => new(Get(name, JsonValueKind.Object), $"{where}.{name}");

        public IEnumerable<Reader> Objects(string name)
        {
            string at = $"{where}.{name}";
            return Get(name, JsonValueKind.Array).EnumerateArray().Select((e, i) => e.ValueKind == JsonValueKind.Object
                ? new Reader(e, $"{at}[{i}]")
                : throw new InvalidDataException($"{at}[{i}] should be an object."));
        }

        public double[] Vector(string name) => ToVector(Get(name, JsonValueKind.Array), $"{where}.{name}");

        public double[][] Matrix(string name) =>
            [.. Get(name, JsonValueKind.Array).EnumerateArray().Select((row, i) => ToVector(row, $"{where}.{name}[{i}]"))];

        public (double X, double Y)[] Points(string name) =>
            [.. Matrix(name).Select((p, i) => p.Length == 2 ? (p[0], p[1]) : throw new InvalidDataException($"{where}.{name}[{i}] should be a pair."))];

        private JsonElement Get(string name, JsonValueKind kind)
        {
            var value = Member(name);
            return value.ValueKind == kind ? value : throw Bad(name, kind.ToString());
        }

        private JsonElement Member(string name) =>
            element.TryGetProperty(name, out var value) ? value : throw new InvalidDataException($"{where} has no member '{name}'.");

        private InvalidDataException Bad(string name, string kind) => new($"{where}.{name} should be {kind}.");

        private static double[] ToVector(JsonElement array, string at) =>
            array.ValueKind == JsonValueKind.Array
                ? [.. array.EnumerateArray().Select((v, i) => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new InvalidDataException($"{at}[{i}] should be a number."))]
                : throw new InvalidDataException($"{at} should be an array of numbers.");
    }
}

/// <summary>A data set of the goldens: labels, feature rows (column names <see cref="FeatureNames"/>) and optional weights.</summary>
internal sealed record GoldenDataSet(string File, string[] FeatureNames, double[] Labels, double[][] Features, double[]? Weights);

/// <summary>
/// One logistic-regression golden: Spark ML parameters and the model scikit-learn found for Spark's objective.
/// Coefficients have one row per coefficient set (1 for binomial, numClasses for multinomial), on the original
/// feature scale; Intercepts one value per row (0 when FitIntercept is false); Probabilities are those of the
/// data's first rows, one column per class (binomial: P(0), P(1)); Objective is Spark's objective at the model.
/// </summary>
internal sealed record LogisticRegressionGolden(
    string Name,
    string Description,
    string DataFile,
    int NumRows,
    int NumFeatures,
    int NumClasses,
    double RegParam,
    double ElasticNetParam,
    bool FitIntercept,
    bool Standardization,
    string Family,
    string? WeightCol,
    double[][] Coefficients,
    double[] Intercepts,
    double[][] Probabilities,
    double Objective,
    double[] FeaturesMean,
    double[] FeaturesStd,
    string SklearnSolver,
    int SklearnIterations,
    LogisticRegressionTolerance Tolerance)
{
    /// <summary>Whether Spark's family is multinomial (K coefficient vectors, softmax).</summary>
    public bool IsMultinomial => Family == "multinomial";

    /// <summary>The case's data set.</summary>
    public GoldenDataSet LoadData() => Goldens.Data(DataFile);
}

/// <summary>
/// How close a C# fit must come to a golden (derivations in make_sklearn_goldens.py): coefficients compare as
/// |ĉ_j − c_j| · std_j ≤ CoefficientsStandardized (|ĉ_j| · std_j ≤ ZeroCoefficients where the golden is 0 under L1),
/// intercepts and the first rows' probabilities absolutely, the objective relatively.
/// </summary>
internal sealed record LogisticRegressionTolerance(
    double CoefficientsStandardized,
    double ZeroCoefficients,
    double Intercept,
    double Probabilities,
    double ObjectiveRelative);

/// <summary>A BinaryClassificationMetrics golden: the rows and Spark's curves (thresholds descending) and areas.</summary>
internal sealed record BinaryMetricsGolden(
    string Name,
    double[] Scores,
    double[] Labels,
    double[] Weights,
    double[] Thresholds,
    (double X, double Y)[] Roc,
    (double X, double Y)[] Pr,
    double[] PrecisionByThreshold,
    double[] RecallByThreshold,
    double[] FMeasureByThreshold,
    double[] FMeasureByThresholdBetaHalf,
    double AreaUnderRoc,
    double AreaUnderPr,
    double SklearnRocAucScore)
{
    public override string ToString() => Name;
}

/// <summary>A MulticlassMetrics golden: the rows (with class probabilities) and Spark's metrics of them.</summary>
internal sealed record MulticlassMetricsGolden(
    string Name,
    double[] Predictions,
    double[] Labels,
    double[] Weights,
    double[][] Probabilities,
    double[] ExpectedLabels,
    double Accuracy,
    double WeightedPrecision,
    double WeightedRecall,
    double WeightedFMeasure,
    double WeightedFMeasureBetaHalf,
    double WeightedFalsePositiveRate,
    double LogLoss,
    double[][] ConfusionMatrix,
    PerLabelGolden[] PerLabel)
{
    public override string ToString() => Name;
}

/// <summary>Spark's per-label metrics of one label in a multiclass golden.</summary>
internal sealed record PerLabelGolden(double Label, double Precision, double Recall, double FMeasure, double FalsePositiveRate);
