using Rdd.MlLib.Tests.References;
using Rdd.Sql;

namespace Rdd.MlLib.Tests.Evaluation;

/// <summary>The DataFrame evaluators against the scikit-learn metric goldens (the same rows, read through prediction columns).</summary>
public sealed class EvaluatorTests : MlLibTestBase
{
    public sealed record Scored(double label, double weight, Vector rawPrediction, double score);

    public sealed record Predicted(double label, double weight, double prediction, Vector probability);

    [Fact]
    public void BinaryEvaluatorReadsElementOneOfRawPredictionAsSparkDoes()
    {
        foreach (var golden in Goldens.BinaryMetrics())
        {
            var rows = golden.Scores.Select((s, i) => new Scored(golden.Labels[i], golden.Weights[i], Vectors.Dense(-s, s), s)).ToArray();
            var frame = Sql.CreateDataFrame(rows);
            var roc = new BinaryClassificationEvaluator { WeightCol = "weight", NumBins = 0 };
            var pr = new BinaryClassificationEvaluator { WeightCol = "weight", MetricName = "areaUnderPR", NumBins = 0 };
            Assert.Equal(golden.AreaUnderRoc, roc.Evaluate(frame), 12);
            Assert.Equal(golden.AreaUnderPr, pr.Evaluate(frame), 12);
            roc.RawPredictionCol = "score";
            Assert.Equal(golden.AreaUnderRoc, roc.Evaluate(frame), 12);
        }
    }

    [Fact]
    public void BinaryEvaluatorDownSamplesLikeSpark()
    {
        var golden = Goldens.BinaryMetrics().Single(g => g.Name == "continuous_unit_weights");
        var frame = Sql.CreateDataFrame(golden.Scores.Select((s, i) => new Scored(golden.Labels[i], 1, Vectors.Dense(-s, s), s)).ToArray());
        double exact = new BinaryClassificationEvaluator { NumBins = 0 }.Evaluate(frame);
        double binned = new BinaryClassificationEvaluator { NumBins = 10 }.Evaluate(frame);
        Assert.Equal(golden.AreaUnderRoc, exact, 12);
        Assert.NotEqual(exact, binned);
        Assert.Equal(exact, binned, 1);
    }

    [Fact]
    public void MulticlassEvaluatorMatchesTheGoldens()
    {
        foreach (var golden in Goldens.MulticlassMetrics())
        {
            var frame = Sql.CreateDataFrame(golden.Predictions.Select((p, i) => new Predicted(golden.Labels[i], golden.Weights[i], p, Vectors.Dense(golden.Probabilities[i]))).ToArray());
            double Metric(string name) => new MulticlassClassificationEvaluator { MetricName = name, WeightCol = "weight" }.Evaluate(frame);
            Assert.Equal(golden.Accuracy, Metric("accuracy"), 12);
            Assert.Equal(golden.WeightedFMeasure, Metric("f1"), 12);
            Assert.Equal(golden.WeightedPrecision, Metric("weightedPrecision"), 12);
            Assert.Equal(golden.WeightedRecall, Metric("weightedRecall"), 12);
            Assert.Equal(golden.LogLoss, Metric("logLoss"), 12);
        }
        Assert.False(new MulticlassClassificationEvaluator { MetricName = "logLoss" }.IsLargerBetter);
        Assert.True(new MulticlassClassificationEvaluator().IsLargerBetter);
        Assert.Equal("accuracy", new MulticlassClassificationEvaluator().MetricName);
    }

    [Fact]
    public void MissingColumnsAreNamed()
    {
        var frame = Sql.CreateDataFrame(new[] { new Predicted(1, 1, 1, Vectors.Dense(0.2, 0.8)) });
        Assert.Contains("'rawPrediction' does not exist", Assert.Throws<ArgumentException>(() => new BinaryClassificationEvaluator().Evaluate(frame)).Message);
        Assert.Contains("'w' does not exist", Assert.Throws<ArgumentException>(() => new MulticlassClassificationEvaluator { WeightCol = "w" }.Evaluate(frame)).Message);
        Assert.Throws<ArgumentException>(() => new BinaryClassificationEvaluator { MetricName = "auc" });
    }
}
