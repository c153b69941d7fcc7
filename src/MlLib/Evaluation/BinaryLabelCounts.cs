namespace Rdd.MlLib.Evaluation;

/// <summary>
/// Weighted counts of positive and negative labels, Spark's <c>BinaryLabelCounter</c>: a label above 0.5 is
/// positive, anything else negative (so -1/1 labels work as well as 0/1).
/// </summary>
internal readonly record struct BinaryLabelCounts(double Positives, double Negatives)
{
    /// <summary>The counts of one row.</summary>
    public static BinaryLabelCounts Of(double label, double weight) =>
        label > 0.5 ? new BinaryLabelCounts(weight, 0) : new BinaryLabelCounts(0, weight);

    public static BinaryLabelCounts operator +(BinaryLabelCounts a, BinaryLabelCounts b) =>
        new(a.Positives + b.Positives, a.Negatives + b.Negatives);
}
