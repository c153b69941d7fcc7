using Rdd.MlLib.Evaluation;
using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>
/// Evaluates classifiers by a multiclass metric (Spark ML's <c>MulticlassClassificationEvaluator</c>, with Spark's
/// definitions: weighted metrics average the per-label ones by each label's share of the weight).
/// </summary>
/// <remarks>Unlike Spark, whose default metric is <c>f1</c>, the default here is <c>accuracy</c>.</remarks>
public sealed class MulticlassClassificationEvaluator : Evaluator
{
    private static readonly string[] s_metrics =
        ["accuracy", "f1", "weightedPrecision", "weightedRecall", "weightedTruePositiveRate", "weightedFalsePositiveRate", "weightedFMeasure", "logLoss"];

    private string _metricName = "accuracy";
    private double _beta = 1.0;
    private double _eps = 1e-15;

    /// <summary>
    /// <c>accuracy</c> (default), <c>f1</c>, <c>weightedPrecision</c>, <c>weightedRecall</c>,
    /// <c>weightedTruePositiveRate</c>, <c>weightedFalsePositiveRate</c>, <c>weightedFMeasure</c> (with
    /// <see cref="Beta"/>) or <c>logLoss</c> (from the probability column).
    /// </summary>
    public string MetricName
    {
        get => _metricName;
        set => _metricName = s_metrics.Contains(value)
            ? value
            : throw new ArgumentException($"MulticlassClassificationEvaluator parameter MetricName given invalid value '{value}': use one of {string.Join(", ", s_metrics)}.", nameof(MetricName));
    }

    /// <summary>The predicted-label column (default <c>prediction</c>).</summary>
    public string PredictionCol { get; set; } = "prediction";

    /// <summary>The label column (default <c>label</c>).</summary>
    public string LabelCol { get; set; } = "label";

    /// <summary>The weight column; empty (default) means weight 1.</summary>
    public string WeightCol { get; set; } = "";

    /// <summary>The class-probabilities column, for <c>logLoss</c> (default <c>probability</c>).</summary>
    public string ProbabilityCol { get; set; } = "probability";

    /// <summary>The β of <c>weightedFMeasure</c> (default 1).</summary>
    public double Beta { get => _beta; set => _beta = value > 0 ? value : throw new ArgumentException($"Beta must be above 0, not {value}.", nameof(Beta)); }

    /// <summary>Probabilities are clipped to [eps, 1 − eps] for <c>logLoss</c> (default 1e-15).</summary>
    public double Eps { get => _eps; set => _eps = value is > 0 and < 0.5 ? value : throw new ArgumentException($"Eps must be in (0, 0.5), not {value}.", nameof(Eps)); }

    /// <inheritdoc />
    public override bool IsLargerBetter => MetricName is not ("weightedFalsePositiveRate" or "logLoss");

    /// <inheritdoc />
    public override double Evaluate(DataFrame dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var metrics = MetricName == "logLoss"
            ? new MulticlassMetrics(PredictionColumns.WithProbabilities(dataset, PredictionCol, LabelCol, WeightCol, ProbabilityCol))
            : new MulticlassMetrics(PredictionColumns.PredictionsAndLabels(dataset, PredictionCol, LabelCol, WeightCol));
        return MetricName switch
        {
            "accuracy" => metrics.Accuracy,
            "f1" => metrics.WeightedFMeasure(),
            "weightedPrecision" => metrics.WeightedPrecision,
            "weightedRecall" or "weightedTruePositiveRate" => metrics.WeightedRecall,
            "weightedFalsePositiveRate" => metrics.WeightedFalsePositiveRate,
            "weightedFMeasure" => metrics.WeightedFMeasure(Beta),
            _ => metrics.LogLoss(Eps),
        };
    }
}
