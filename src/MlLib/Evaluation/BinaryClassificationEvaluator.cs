using Rdd.MlLib.Evaluation;
using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>
/// Evaluates binary classifiers by the area under the ROC or precision-recall curve (Spark ML's
/// <c>BinaryClassificationEvaluator</c>): the score is element 1 of the <c>rawPrediction</c> vector (or a double
/// column), ties are one point of the curve, areas are trapezoids, and curves are down-sampled to
/// <see cref="NumBins"/> points as Spark's are.
/// </summary>
public sealed class BinaryClassificationEvaluator : Evaluator
{
    private string _metricName = "areaUnderROC";
    private int _numBins = 1000;

    /// <summary><c>areaUnderROC</c> (default) or <c>areaUnderPR</c>.</summary>
    public string MetricName
    {
        get => _metricName;
        set => _metricName = value is "areaUnderROC" or "areaUnderPR"
            ? value
            : throw new ArgumentException($"BinaryClassificationEvaluator parameter MetricName given invalid value '{value}': use areaUnderROC or areaUnderPR.", nameof(MetricName));
    }

    /// <summary>The score column: a vector whose element 1 is the positive score, or a double (default <c>rawPrediction</c>).</summary>
    public string RawPredictionCol { get; set; } = "rawPrediction";

    /// <summary>The label column, 0 or 1 (default <c>label</c>).</summary>
    public string LabelCol { get; set; } = "label";

    /// <summary>The weight column; empty (default) means weight 1.</summary>
    public string WeightCol { get; set; } = "";

    /// <summary>Curves with more distinct scores than twice this are down-sampled to about this many points (default 1000; 0: never).</summary>
    public int NumBins
    {
        get => _numBins;
        set => _numBins = value >= 0 ? value : throw new ArgumentException($"NumBins must be at least 0, not {value}.", nameof(NumBins));
    }

    /// <inheritdoc />
    public override double Evaluate(DataFrame dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var scores = PredictionColumns.ScoresAndLabels(dataset, RawPredictionCol, 1, LabelCol, WeightCol);
        var metrics = new BinaryClassificationMetrics(scores, NumBins);
        try
        {
            return MetricName == "areaUnderPR" ? metrics.AreaUnderPr() : metrics.AreaUnderRoc();
        }
        finally
        {
            metrics.Unpersist();
        }
    }
}
