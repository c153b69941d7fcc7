using Rdd.Core;
using Rdd.MlLib.Evaluation;
using Rdd.MlLib.Tests.References;

namespace Rdd.MlLib.Tests.Evaluation;

/// <summary>
/// BinaryClassificationMetrics against the scikit-learn / Spark-formula goldens (Metrics/binary.json) and Spark's
/// edge-case behaviour.
/// </summary>
public sealed class BinaryClassificationMetricsTests : IDisposable
{
    // The goldens use the same formulas; only the order of the additions differs (per-partition trapezoid sums
    // stitched at partition boundaries, cumulative counts started from per-partition totals), so agreement is to
    // a few ulps of the results, and 1e-12 relative leaves room for that and nothing else.
    private const double Exactish = 1e-12;

    private readonly RddContext _sc = new(new RddConfig { Parallelism = 2 });

    public void Dispose() => _sc.Dispose();

    public static TheoryData<string, int> GoldenSets()
    {
        var data = new TheoryData<string, int>();
        foreach (var set in Goldens.BinaryMetrics())
        {
            foreach (int slices in new[] { 1, 2, 5 }) data.Add(set.Name, slices);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenSets))]
    public void MatchesGolden(string name, int slices)
    {
        var g = Goldens.BinaryMetrics().Single(s => s.Name == name);
        var metrics = new BinaryClassificationMetrics(Rows(g, slices));
        CheckAgainstGolden(g, metrics);
    }

    [Fact]
    public void MatchesGoldenInMapReduceMode()
    {
        // MapReduce mode serializes every shuffle and ignores the cache: the counts round-trip through files.
        using var sc = new RddContext(new RddConfig { Parallelism = 2, ExecutionMode = ExecutionMode.MapReduce });
        var g = Goldens.BinaryMetrics().Single(s => s.Name == "many_ties_weighted");
        var rows = sc.Parallelize(g.Scores.Select((s, i) => (s, g.Labels[i], g.Weights[i])), 3);
        CheckAgainstGolden(g, new BinaryClassificationMetrics(rows));
    }

    [Fact]
    public void AllScoresTiedGiveOnePointBetweenTheEnds()
    {
        // Weighted fraction of positives: (1 + 2) / (1 + 2 + 1 + 4) = 3/8.
        var metrics = Metrics((0.5, 1, 1), (0.5, 0, 1), (0.5, 1, 2), (0.5, 0, 4));
        Assert.Equal([(0.0, 0.0), (1.0, 1.0), (1.0, 1.0)], metrics.Roc());
        Assert.Equal(0.5, metrics.AreaUnderRoc());
        Assert.Equal([(0.0, 0.375), (1.0, 0.375)], metrics.Pr());
        Assert.Equal(0.375, metrics.AreaUnderPr());
        Assert.Equal([0.5], metrics.Thresholds());
    }

    [Fact]
    public void OnlyPositivesFollowSparksConventions()
    {
        // No negatives: the false positive rate is 0 throughout, so ROC climbs the y axis; precision is 1.
        var metrics = Metrics((0.9, 1, 1), (0.4, 1, 2), (0.1, 1, 1));
        Assert.Equal([(0.0, 0.0), (0.0, 0.25), (0.0, 0.75), (0.0, 1.0), (1.0, 1.0)], metrics.Roc());
        Assert.Equal(1.0, metrics.AreaUnderRoc());
        Assert.All(metrics.Pr(), p => Assert.Equal(1.0, p.Precision));
        Assert.Equal(1.0, metrics.AreaUnderPr());
    }

    [Fact]
    public void OnlyNegativesFollowSparksConventions()
    {
        // No positives: recall is 0 throughout, so ROC runs along the x axis and precision is 0.
        var metrics = Metrics((0.9, 0, 1), (0.4, 0, 1), (0.1, 0, 2));
        Assert.Equal([(0.0, 0.0), (0.25, 0.0), (0.5, 0.0), (1.0, 0.0), (1.0, 1.0)], metrics.Roc());
        Assert.Equal(0.0, metrics.AreaUnderRoc());
        Assert.Equal([(0.0, 0.0), (0.0, 0.0), (0.0, 0.0), (0.0, 0.0)], metrics.Pr());
        Assert.Equal(0.0, metrics.AreaUnderPr());
        Assert.All(metrics.FMeasureByThreshold(), f => Assert.Equal(0.0, f.Value));
    }

    [Fact]
    public void ZeroWeightAtTheTopScoreMakesAPointOfPrecisionOne()
    {
        // Spark keeps a score whose rows weigh nothing: at 0.9 nothing is predicted positive, so precision is 1,
        // and the PR curve starts (0, 1) instead of (0, precision at 0.8) = (0, 0.5).
        (double, double, double)[] rows = [(0.8, 1, 1), (0.8, 0, 1), (0.4, 1, 1), (0.2, 0, 1)];
        var without = Metrics(rows);
        var with = Metrics([(0.9, 0, 0), .. rows]);
        Assert.Equal([(0.0, 0.5), (0.5, 0.5), (1.0, 2.0 / 3), (1.0, 0.5)], without.Pr());
        Assert.Equal([(0.0, 1.0), (0.0, 1.0), (0.5, 0.5), (1.0, 2.0 / 3), (1.0, 0.5)], with.Pr());
        // The first trapezoid grows from 0.5 (0.5 + 0.5) / 2 to 0.5 (1 + 0.5) / 2.
        Assert.Equal(without.AreaUnderPr() + 0.125, with.AreaUnderPr(), 15);
        Assert.Equal(without.AreaUnderRoc(), with.AreaUnderRoc());
        Assert.Equal([0.9, 0.8, 0.4, 0.2], with.Thresholds());
    }

    [Fact]
    public void ZeroWeightRowsBelowTheTopOnlyRepeatPoints()
    {
        var g = Goldens.BinaryMetrics().Single(s => s.Name == "continuous_unit_weights");
        var rows = g.Scores.Select((s, i) => (s, g.Labels[i], g.Weights[i])).ToList();
        double top = g.Scores.Max();
        var rng = new Random(3);
        for (int i = 0; i < 50; i++) rows.Insert(rng.Next(rows.Count), (top * rng.NextDouble(), rng.Next(2), 0.0));
        var metrics = new BinaryClassificationMetrics(_sc.Parallelize(rows, 2));
        Approx.Relative(g.AreaUnderRoc, metrics.AreaUnderRoc(), Exactish, "areaUnderRoc");
        Approx.Relative(g.AreaUnderPr, metrics.AreaUnderPr(), Exactish, "areaUnderPr");
        Assert.True(metrics.Thresholds().Length > g.Thresholds.Length, "the zero-weight scores are thresholds too");
    }

    [Fact]
    public void IntegerWeightEqualsRepeatedRows()
    {
        (double, double, double)[] weighted = [(0.9, 1, 3), (0.7, 0, 2), (0.7, 1, 1), (0.3, 0, 4), (0.1, 1, 1)];
        var repeated = weighted.SelectMany(r => Enumerable.Repeat((r.Item1, r.Item2, 1.0), (int)r.Item3)).ToArray();
        var a = Metrics(weighted);
        var b = Metrics(repeated);
        Assert.Equal(b.Roc(), a.Roc());
        Assert.Equal(b.Pr(), a.Pr());
        Assert.Equal(b.FMeasureByThreshold(2.0), a.FMeasureByThreshold(2.0));
    }

    [Fact]
    public void NaNScoreFailsNamingTheRow()
    {
        // 8 rows in 2 slices: row 5 is the second row of partition 1.
        var rows = Enumerable.Range(0, 8).Select(i => (i == 5 ? double.NaN : i / 10.0, (double)(i % 2), 1.0));
        var metrics = new BinaryClassificationMetrics(_sc.Parallelize(rows, 2));
        var e = Assert.Throws<ArgumentException>(() => metrics.AreaUnderRoc());
        Assert.Contains("Row 5 of the input (row 1 of partition 1)", e.Message);
        Assert.Contains("score is NaN", e.Message);
        // The failure is remembered: asking again reports the same row without recomputing.
        Assert.Contains("Row 5", Assert.Throws<ArgumentException>(() => metrics.Roc()).Message);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void BadWeightFailsNamingTheRow(double weight)
    {
        var rows = new[] { (0.3, 1.0, 1.0), (0.2, 0.0, weight), (0.1, 1.0, 1.0) };
        var metrics = new BinaryClassificationMetrics(_sc.Parallelize(rows, 1));
        var e = Assert.Throws<ArgumentException>(() => metrics.AreaUnderPr());
        Assert.Contains("Row 1 of the input", e.Message);
        Assert.Contains("weight", e.Message);
    }

    [Fact]
    public void NaNLabelFailsNamingTheRow()
    {
        var metrics = Metrics((0.3, 1, 1), (0.2, double.NaN, 1));
        Assert.Contains("Row 1 of the input", Assert.Throws<ArgumentException>(() => metrics.Thresholds()).Message);
    }

    [Fact]
    public void NoRowsGiveTheDiagonalAndNoPrCurve()
    {
        var metrics = new BinaryClassificationMetrics(_sc.Parallelize(Array.Empty<(double, double, double)>(), 2));
        Assert.Empty(metrics.Thresholds());
        Assert.Equal([(0.0, 0.0), (1.0, 1.0)], metrics.Roc());
        Assert.Equal(0.5, metrics.AreaUnderRoc());
        Assert.Throws<InvalidOperationException>(() => metrics.Pr());
        Assert.Throws<InvalidOperationException>(() => metrics.AreaUnderPr());
    }

    [Fact]
    public void UnpersistDropsTheCacheButKeepsTheResults()
    {
        var metrics = Metrics((0.9, 1, 1), (0.5, 0, 1), (0.4, 1, 1), (0.1, 0, 1));
        double auc = metrics.AreaUnderRoc();
        metrics.Unpersist();
        Assert.Equal(auc, metrics.AreaUnderRoc());
        Assert.Equal(0.75, auc);
    }

    private BinaryClassificationMetrics Metrics(params (double Score, double Label, double Weight)[] rows) =>
        new(_sc.Parallelize(rows, 2));

    private Rdd<(double Score, double Label, double Weight)> Rows(BinaryMetricsGolden g, int slices) =>
        _sc.Parallelize(g.Scores.Select((s, i) => (s, g.Labels[i], g.Weights[i])), slices);

    private static void CheckAgainstGolden(BinaryMetricsGolden g, BinaryClassificationMetrics metrics)
    {
        // Thresholds are the input scores themselves: exact.
        Assert.Equal(g.Thresholds, metrics.Thresholds());
        ComparePoints(g.Roc, metrics.Roc().Select(p => (p.FalsePositiveRate, p.TruePositiveRate)).ToArray(), $"{g.Name} roc");
        ComparePoints(g.Pr, metrics.Pr().Select(p => (p.Recall, p.Precision)).ToArray(), $"{g.Name} pr");
        CompareByThreshold(g, g.PrecisionByThreshold, metrics.PrecisionByThreshold(), "precisionByThreshold");
        CompareByThreshold(g, g.RecallByThreshold, metrics.RecallByThreshold(), "recallByThreshold");
        CompareByThreshold(g, g.FMeasureByThreshold, metrics.FMeasureByThreshold(), "fMeasureByThreshold");
        CompareByThreshold(g, g.FMeasureByThresholdBetaHalf, metrics.FMeasureByThreshold(0.5), "fMeasureByThreshold(0.5)");
        double auc = metrics.AreaUnderRoc();
        Approx.Relative(g.AreaUnderRoc, auc, Exactish, $"{g.Name} areaUnderRoc");
        // sklearn's roc_auc_score sums its (de-duplicated) trapezoids differently: same 1e-12.
        Approx.Relative(g.SklearnRocAucScore, auc, Exactish, $"{g.Name} areaUnderRoc vs sklearn roc_auc_score");
        Approx.Relative(g.AreaUnderPr, metrics.AreaUnderPr(), Exactish, $"{g.Name} areaUnderPr");
    }

    private static void ComparePoints((double X, double Y)[] expected, (double X, double Y)[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} points, got {actual.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            Approx.Relative(expected[i].X, actual[i].X, Exactish, $"{what}[{i}].x");
            Approx.Relative(expected[i].Y, actual[i].Y, Exactish, $"{what}[{i}].y");
        }
    }

    private static void CompareByThreshold(BinaryMetricsGolden g, double[] expected, (double Threshold, double Value)[] actual, string what)
    {
        Assert.Equal(g.Thresholds, actual.Select(a => a.Threshold).ToArray());
        Approx.Relative(expected, [.. actual.Select(a => a.Value)], Exactish, $"{g.Name} {what}");
    }
}
