namespace Rdd.MlLib.Evaluation;

/// <summary>
/// The weighted confusion matrix at one threshold, Spark's <c>BinaryConfusionMatrixImpl</c>: rows scoring at or
/// above the threshold are predicted positive. The metrics are Spark's <c>BinaryClassificationMetricComputers</c>,
/// including their conventions for empty denominators.
/// </summary>
/// <param name="AtOrAbove">Counts of the rows whose score is at least the threshold.</param>
/// <param name="Total">Counts of all rows.</param>
internal readonly record struct BinaryConfusionMatrix(BinaryLabelCounts AtOrAbove, BinaryLabelCounts Total)
{
    public double TruePositives => AtOrAbove.Positives;

    public double FalsePositives => AtOrAbove.Negatives;

    /// <summary>tp / (tp + fp); 1 when nothing is predicted positive (Spark's choice, so the PR curve starts at precision 1).</summary>
    public double Precision()
    {
        double predictedPositive = TruePositives + FalsePositives;
        return predictedPositive == 0 ? 1.0 : TruePositives / predictedPositive;
    }

    /// <summary>tp / P; 0 when there are no positives.</summary>
    public double Recall() => Total.Positives == 0 ? 0.0 : TruePositives / Total.Positives;

    /// <summary>fp / N; 0 when there are no negatives.</summary>
    public double FalsePositiveRate() => Total.Negatives == 0 ? 0.0 : FalsePositives / Total.Negatives;

    /// <summary>(1 + β²) p r / (β² p + r); 0 when precision and recall are both 0.</summary>
    public double FMeasure(double beta)
    {
        double precision = Precision();
        double recall = Recall();
        if (precision + recall == 0) return 0.0;
        double beta2 = beta * beta;
        return (1.0 + beta2) * (precision * recall) / (beta2 * precision + recall);
    }
}
