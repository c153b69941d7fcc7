using Rdd.Core;

namespace Rdd.MlLib.Evaluation;

/// <summary>
/// Threshold curves and their areas for a binary classifier, Spark's <c>mllib.evaluation.BinaryClassificationMetrics</c>:
/// one point per distinct score, or about <c>numBins</c> points when down-sampled.
/// </summary>
/// <remarks>
/// <para>
/// As in Spark, the rows are grouped by distinct score with the weighted counts of positive (label &gt; 0.5) and
/// negative labels, the groups are sorted by score descending (a range-partitioned sort), and each partition turns its
/// groups into cumulative counts starting from the totals of the partitions before it (one small job collects
/// those per-partition totals). The cumulative counts are cached; every curve and area is computed from them in the
/// tasks, so the driver only ever holds per-partition summaries, or the curves themselves when they are asked for
/// (one point per distinct score).
/// </para>
/// <para>
/// Spark's conventions: precision is 1 when nothing is predicted positive, recall 0 when there are no positives,
/// the false positive rate 0 when there are no negatives. So a single class is not an error: with only positives
/// the area under ROC is 1 and under PR 1, with only negatives both are 0. All scores tied gives ROC area 0.5 and
/// PR area equal to the weighted fraction of positives. A score whose rows all weigh 0 still makes a point
/// (a repeat of its neighbour, or precision 1 if it is the highest score).
/// </para>
/// <para>
/// Rows are checked when the first result is computed: a NaN score or label, or a weight that is negative, NaN or
/// infinite, fails with an <see cref="ArgumentException"/> naming the row (Spark rejects only negative weights).
/// Scores -0.0 and 0.0 are one score here (.NET double equality), two in Spark.
/// </para>
/// </remarks>
internal sealed class BinaryClassificationMetrics
{
    private readonly Rdd<(double Score, double Label, double Weight)> _input;
    private readonly Lazy<Counts> _counts;

    /// <summary>
    /// Metrics of the (score, label, weight) rows; nothing is computed until a result is asked for. With
    /// <paramref name="numBins"/> &gt; 0 the curves are down-sampled as Spark's are: when there are at least twice as
    /// many distinct scores as bins, each partition's sorted scores are grouped in runs of (distinct scores / bins),
    /// each run one point at its lowest score with all its counts.
    /// </summary>
    public BinaryClassificationMetrics(Rdd<(double Score, double Label, double Weight)> scoreLabelWeight, int numBins = 0)
    {
        ArgumentNullException.ThrowIfNull(scoreLabelWeight);
        ArgumentOutOfRangeException.ThrowIfNegative(numBins);
        _input = scoreLabelWeight;
        _counts = new Lazy<Counts>(() => MetricRowCheck.Run(_input, () => CountByScore(_input, numBins)));
    }

    /// <summary>The distinct scores, descending: the thresholds of the curves' points.</summary>
    public double[] Thresholds() => _counts.Value.Cumulative.Map(static c => c.Score).Collect();

    /// <summary>
    /// The ROC curve: (false positive rate, true positive rate) per threshold, descending, with (0, 0) before and
    /// (1, 1) after.
    /// </summary>
    public (double FalsePositiveRate, double TruePositiveRate)[] Roc() =>
        [.. RocCurve().Collect().Select(static p => (p.X, p.Y))];

    /// <summary>
    /// The precision-recall curve: (recall, precision) per threshold, descending, with (0, precision at the highest
    /// score) before. Throws <see cref="InvalidOperationException"/> when there are no rows (Spark's <c>first()</c>
    /// fails the same way).
    /// </summary>
    public (double Recall, double Precision)[] Pr() => [.. PrCurve().Collect().Select(static p => (p.X, p.Y))];

    /// <summary>The area under <see cref="Roc"/> by trapezoids; 0.5 for no rows.</summary>
    public double AreaUnderRoc() => AreaUnderCurve.Of(RocCurve());

    /// <summary>The area under <see cref="Pr"/> by trapezoids.</summary>
    public double AreaUnderPr() => AreaUnderCurve.Of(PrCurve());

    /// <summary>(threshold, F-measure) per threshold, descending.</summary>
    public (double Threshold, double Value)[] FMeasureByThreshold(double beta = 1.0) =>
        ByThreshold(c => c.FMeasure(beta));

    /// <summary>(threshold, precision) per threshold, descending.</summary>
    public (double Threshold, double Value)[] PrecisionByThreshold() => ByThreshold(static c => c.Precision());

    /// <summary>(threshold, recall) per threshold, descending.</summary>
    public (double Threshold, double Value)[] RecallByThreshold() => ByThreshold(static c => c.Recall());

    /// <summary>Drops the cached cumulative counts (Spark's <c>unpersist</c>); they are recomputed if needed again.</summary>
    public void Unpersist()
    {
        if (_counts.IsValueCreated) _counts.Value.Cumulative.Unpersist();
    }

    private (double Threshold, double Value)[] ByThreshold(Func<BinaryConfusionMatrix, double> metric) =>
        Confusions().Map(c => (c.Score, metric(c.Matrix))).Collect();

    private Rdd<(double Score, BinaryConfusionMatrix Matrix)> Confusions()
    {
        var counts = _counts.Value;
        var total = counts.Total;
        return counts.Cumulative.Map(c => (c.Score, new BinaryConfusionMatrix(c.AtOrAbove, total)));
    }

    private Rdd<(double X, double Y)> RocCurve()
    {
        var points = Confusions().Map(static c => (c.Matrix.FalsePositiveRate(), c.Matrix.Recall()));
        int last = points.NumPartitions - 1;
        if (last < 0)
        {
            return _input.Context.Parallelize<(double X, double Y)>([(0.0, 0.0), (1.0, 1.0)], 1);
        }
        // The end points go into the first and last partitions, as Spark does, so the curve stays distributed.
        return points.MapPartitionsWithIndex((partition, items) =>
        {
            IEnumerable<(double X, double Y)> result = items;
            if (partition == 0) result = result.Prepend((0.0, 0.0));
            if (partition == last) result = result.Append((1.0, 1.0));
            return result;
        }, preservesPartitioning: true);
    }

    private Rdd<(double X, double Y)> PrCurve()
    {
        var points = Confusions().Map(static c => (c.Matrix.Recall(), c.Matrix.Precision()));
        var first = points.Take(1);
        if (first.Length == 0)
        {
            throw new InvalidOperationException("The precision-recall curve needs at least one row: there are no scores.");
        }
        double firstPrecision = first[0].Item2;
        return points.MapPartitionsWithIndex(
            (partition, items) => partition == 0 ? items.Prepend((0.0, firstPrecision)) : items,
            preservesPartitioning: true);
    }

    private static Counts CountByScore(Rdd<(double Score, double Label, double Weight)> input, int numBins)
    {
        var bins = MetricRowCheck.Checked(input, Problem)
            .Map(static r => (r.Score, BinaryLabelCounts.Of(r.Label, r.Weight)))
            .ReduceByKey(static (a, b) => a + b)
            .SortByKey(ascending: false);
        if (numBins > 0)
        {
            long grouping = bins.Count() / numBins;
            if (grouping >= 2)
            {
                int size = (int)Math.Min(grouping, int.MaxValue);
                // The run's point takes its last (lowest) score: metrics at that threshold are exact, as in Spark.
                bins = bins.MapPartitions(items => items.Chunk(size).Select(static chunk =>
                    (chunk[^1].Item1, chunk.Aggregate(default(BinaryLabelCounts), static (acc, bin) => acc + bin.Item2))));
            }
        }

        // One total per partition, then each partition's starting point is the sum of those before it: the driver
        // handles as many values as there are partitions.
        var partitionTotals = bins
            .MapPartitions(static items => new[] { items.Aggregate(default(BinaryLabelCounts), static (acc, bin) => acc + bin.Item2) })
            .Collect();
        var starts = new BinaryLabelCounts[partitionTotals.Length + 1];
        for (int i = 0; i < partitionTotals.Length; i++) starts[i + 1] = starts[i] + partitionTotals[i];

        var cumulative = bins
            .MapPartitionsWithIndex((partition, items) => Cumulate(starts[partition], items), preservesPartitioning: true)
            .Cache();
        return new Counts(cumulative, starts[^1]);
    }

    private static IEnumerable<(double Score, BinaryLabelCounts AtOrAbove)> Cumulate(BinaryLabelCounts start, IEnumerable<(double Score, BinaryLabelCounts Counts)> bins)
    {
        var running = start;
        foreach (var (score, counts) in bins)
        {
            running += counts;
            yield return (score, running);
        }
    }

    private static string? Problem((double Score, double Label, double Weight) row)
    {
        if (double.IsNaN(row.Score)) return "the score is NaN; every row needs a score to rank it by.";
        if (double.IsNaN(row.Label)) return "the label is NaN; labels are 0 (negative) or 1 (positive).";
        if (!(row.Weight >= 0) || double.IsPositiveInfinity(row.Weight))
        {
            return $"the weight is {row.Weight}; weights must be finite and >= 0.";
        }
        return null;
    }

    /// <summary>Cumulative counts per distinct score (descending, cached) and the totals over all rows.</summary>
    private sealed record Counts(Rdd<(double Score, BinaryLabelCounts AtOrAbove)> Cumulative, BinaryLabelCounts Total);
}
