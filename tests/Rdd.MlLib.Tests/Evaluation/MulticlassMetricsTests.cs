using Rdd.Core;
using Rdd.MlLib.Evaluation;
using Rdd.MlLib.Tests.References;

namespace Rdd.MlLib.Tests.Evaluation;

/// <summary>MulticlassMetrics against the scikit-learn / Spark-formula goldens (Metrics/multiclass.json) and edge cases.</summary>
public sealed class MulticlassMetricsTests : IDisposable
{
    // Same formulas as the goldens (checked there against sklearn to 1e-12); only the summation order differs:
    // weights are summed per partition, and the weighted averages iterate the labels in another order.
    private const double Exactish = 1e-12;

    private readonly RddContext _sc = new(new RddConfig { Parallelism = 2 });

    public void Dispose() => _sc.Dispose();

    public static TheoryData<string, int> GoldenSets()
    {
        var data = new TheoryData<string, int>();
        foreach (var set in Goldens.MulticlassMetrics())
        {
            foreach (int slices in new[] { 1, 3 }) data.Add(set.Name, slices);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenSets))]
    public void MatchesGolden(string name, int slices)
    {
        var g = Goldens.MulticlassMetrics().Single(s => s.Name == name);
        var rows = _sc.Parallelize(g.Predictions.Select((p, i) => (p, g.Labels[i], g.Weights[i], g.Probabilities[i])), slices);
        var metrics = new MulticlassMetrics(rows);

        Assert.Equal(g.ExpectedLabels, metrics.Labels);
        Approx.Relative(g.Accuracy, metrics.Accuracy, Exactish, $"{name} accuracy");
        Approx.Relative(g.WeightedPrecision, metrics.WeightedPrecision, Exactish, $"{name} weightedPrecision");
        Approx.Relative(g.WeightedRecall, metrics.WeightedRecall, Exactish, $"{name} weightedRecall");
        Approx.Relative(g.WeightedRecall, metrics.WeightedTruePositiveRate, Exactish, $"{name} weightedTruePositiveRate");
        Approx.Relative(g.WeightedFMeasure, metrics.WeightedFMeasure(), Exactish, $"{name} weightedFMeasure");
        Approx.Relative(g.WeightedFMeasureBetaHalf, metrics.WeightedFMeasure(0.5), Exactish, $"{name} weightedFMeasure(0.5)");
        Approx.Relative(g.WeightedFalsePositiveRate, metrics.WeightedFalsePositiveRate, Exactish, $"{name} weightedFalsePositiveRate");
        // Each term is -log of a stored probability (or the eps clip); the sum's order is the only difference.
        Approx.Relative(g.LogLoss, metrics.LogLoss(), Exactish, $"{name} logLoss");

        var confusion = metrics.ConfusionMatrix;
        Assert.Equal(g.ConfusionMatrix.Length, confusion.GetLength(0));
        Assert.Equal(g.ConfusionMatrix.Length, confusion.GetLength(1));
        for (int i = 0; i < g.ConfusionMatrix.Length; i++)
        {
            for (int j = 0; j < g.ConfusionMatrix.Length; j++)
            {
                Approx.Relative(g.ConfusionMatrix[i][j], confusion[i, j], Exactish, $"{name} confusionMatrix[{i}, {j}]");
            }
        }
        foreach (var l in g.PerLabel)
        {
            Approx.Relative(l.Precision, metrics.Precision(l.Label), Exactish, $"{name} precision({l.Label})");
            Approx.Relative(l.Recall, metrics.Recall(l.Label), Exactish, $"{name} recall({l.Label})");
            Approx.Relative(l.FMeasure, metrics.FMeasure(l.Label), Exactish, $"{name} fMeasure({l.Label})");
            Approx.Relative(l.FalsePositiveRate, metrics.FalsePositiveRate(l.Label), Exactish, $"{name} falsePositiveRate({l.Label})");
        }
    }

    [Fact]
    public void ClassesOnlyPredictedAreNotLabels()
    {
        // Class 2 is only ever predicted: as in Spark it is not a label and has no row or column in the confusion
        // matrix; the row predicted 2 lowers recall(0) and is a false positive of no label.
        var metrics = Metrics((0, 0, 1), (2, 0, 1), (1, 1, 1), (0, 1, 1));
        Assert.Equal([0.0, 1.0], metrics.Labels);
        Assert.Equal(new double[,] { { 1, 0 }, { 1, 1 } }, metrics.ConfusionMatrix);
        Assert.Equal(0.5, metrics.Recall(0));
        Assert.Equal(0.5, metrics.Precision(0));
        Assert.Equal(1.0, metrics.Precision(1));
        Assert.Equal(0.5, metrics.Accuracy);
        Assert.Throws<ArgumentException>(() => metrics.Precision(2));
    }

    [Fact]
    public void LogLossClipsAtEps()
    {
        var rows = _sc.Parallelize(new[] { (0.0, 1.0, 1.0, new[] { 1.0, 0.0 }), (0.0, 0.0, 1.0, new[] { 1.0, 0.0 }) }, 2);
        var metrics = new MulticlassMetrics(rows);
        // Row 0 has p(label) = 0, clipped to 1e-15; row 1 has p = 1, clipped to 1 - 1e-15.
        double expected = (-Math.Log(1e-15) + 1e-15) / 2;
        Approx.Relative(expected, metrics.LogLoss(), 1e-15, "logLoss");
        Approx.Relative((-Math.Log(1e-3) + 1e-3 + 1e-3 * 1e-3 / 2) / 2, metrics.LogLoss(1e-3), 1e-9, "logLoss(1e-3)");
        Assert.Throws<ArgumentException>(() => metrics.LogLoss(0.5));
        Assert.Throws<ArgumentException>(() => metrics.LogLoss(0));
    }

    [Fact]
    public void LogLossNeedsProbabilities()
    {
        var metrics = Metrics((0, 0, 1), (1, 1, 1));
        Assert.Throws<InvalidOperationException>(() => metrics.LogLoss());
        Assert.Equal(1.0, metrics.Accuracy);
    }

    [Fact]
    public void LogLossRejectsALabelOutsideTheProbabilitiesNamingTheRow()
    {
        var rows = _sc.Parallelize(new[] { (0.0, 0.0, 1.0, new[] { 0.6, 0.4 }), (1.0, 1.0, 1.0, new[] { 0.3, 0.7 }), (1.0, 2.0, 1.0, new[] { 0.3, 0.7 }) }, 2);
        var e = Assert.Throws<ArgumentException>(() => new MulticlassMetrics(rows).LogLoss());
        Assert.Contains("Row 2 of the input", e.Message);
        Assert.Contains("label 2", e.Message);
    }

    [Fact]
    public void NaNPredictionFailsNamingTheRow()
    {
        var rows = Enumerable.Range(0, 7).Select(i => (i == 6 ? double.NaN : i % 3, (double)(i % 3), 1.0));
        var metrics = new MulticlassMetrics(_sc.Parallelize(rows, 3));
        var e = Assert.Throws<ArgumentException>(() => metrics.Accuracy);
        Assert.Contains("Row 6 of the input", e.Message);
        Assert.Contains("prediction is NaN", e.Message);
    }

    [Fact]
    public void NegativeWeightFailsNamingTheRow()
    {
        var metrics = Metrics((0, 0, 1), (1, 1, -2));
        var e = Assert.Throws<ArgumentException>(() => metrics.WeightedPrecision);
        Assert.Contains("Row 1 of the input", e.Message);
        Assert.Contains("weight is -2", e.Message);
    }

    [Fact]
    public void ZeroWeightRowsCountForNothing()
    {
        var a = Metrics((0, 0, 1), (1, 0, 2), (1, 1, 1), (2, 2, 3));
        var b = Metrics((0, 0, 1), (1, 0, 2), (1, 1, 1), (2, 2, 3), (0, 1, 0), (2, 0, 0));
        Assert.Equal(a.ConfusionMatrix, b.ConfusionMatrix);
        Assert.Equal(a.WeightedFMeasure(), b.WeightedFMeasure());
        Assert.Equal(a.WeightedPrecision, b.WeightedPrecision);
    }

    private MulticlassMetrics Metrics(params (double Prediction, double Label, double Weight)[] rows) =>
        new(_sc.Parallelize(rows, 2));
}
