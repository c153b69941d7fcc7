using Rdd.Core;

namespace Rdd.MlLib.Evaluation;

/// <summary>
/// Metrics of a multiclass classifier from (prediction, label, weight) rows, optionally with each row's class
/// probabilities for <see cref="LogLoss"/>: Spark's <c>mllib.evaluation.MulticlassMetrics</c>.
/// </summary>
/// <remarks>
/// <para>
/// One job sums the weights per (label, prediction) pair in the tasks and collects those sums (at most one per pair
/// of classes); every metric but <see cref="LogLoss"/> is then arithmetic on that small table, with Spark's
/// definitions: the <see cref="Labels"/> are the distinct labels (a class that is only ever predicted is not one,
/// and has no row or column in <see cref="ConfusionMatrix"/>); precision(l) = tp / (tp + fp), 0 when nothing is
/// predicted l; recall(l) = tp / weight of label l; F(l, β) = (1 + β²) p r / (β² p + r), 0 when p + r = 0;
/// the weighted metrics average the per-label ones weighted by each label's share of the total weight; accuracy =
/// total true-positive weight / total weight. As in Spark, a label whose rows all weigh 0 has recall 0/0 = NaN,
/// which makes the weighted recall and F-measure NaN.
/// </para>
/// <para>
/// Rows are checked when the first result is computed: a NaN prediction or label, or a weight that is negative, NaN
/// or infinite, fails with an <see cref="ArgumentException"/> naming the row.
/// </para>
/// </remarks>
internal sealed class MulticlassMetrics
{
    private readonly Rdd<(double Prediction, double Label, double Weight)> _rows;
    private readonly Rdd<(double Prediction, double Label, double Weight, double[] Probability)>? _withProbability;
    private readonly Lazy<Table> _table;

    /// <summary>Metrics of (prediction, label, weight) rows; <see cref="LogLoss"/> needs the other constructor.</summary>
    public MulticlassMetrics(Rdd<(double Prediction, double Label, double Weight)> predictionLabelWeight)
    {
        ArgumentNullException.ThrowIfNull(predictionLabelWeight);
        _rows = predictionLabelWeight;
        _table = new Lazy<Table>(() => MetricRowCheck.Run(_rows, () => BuildTable(_rows)));
    }

    /// <summary>Metrics of (prediction, label, weight, class probabilities) rows; the probabilities serve <see cref="LogLoss"/>.</summary>
    public MulticlassMetrics(Rdd<(double Prediction, double Label, double Weight, double[] Probability)> predictionLabelWeightProbability)
        : this(CheckNotNull(predictionLabelWeightProbability).Map(static r => (r.Prediction, r.Label, r.Weight)))
    {
        _withProbability = predictionLabelWeightProbability;
    }

    /// <summary>The distinct labels, ascending: the order of <see cref="ConfusionMatrix"/>'s rows and columns.</summary>
    public double[] Labels => [.. _table.Value.Labels];

    /// <summary>
    /// The weighted confusion matrix over <see cref="Labels"/>: [i, j] is the weight of rows labelled Labels[i] and
    /// predicted Labels[j] (rows are actual labels, columns predictions, as in Spark).
    /// </summary>
    public double[,] ConfusionMatrix
    {
        get
        {
            var table = _table.Value;
            var labels = table.Labels;
            var matrix = new double[labels.Length, labels.Length];
            for (int i = 0; i < labels.Length; i++)
            {
                for (int j = 0; j < labels.Length; j++)
                {
                    matrix[i, j] = table.Confusions.GetValueOrDefault((labels[i], labels[j]));
                }
            }
            return matrix;
        }
    }

    /// <summary>The weight of correctly predicted rows over the total weight.</summary>
    public double Accuracy
    {
        get
        {
            var table = _table.Value;
            return table.TruePositives.Values.Sum() / table.TotalWeight;
        }
    }

    /// <summary>Precision per label, averaged with each label's weight share.</summary>
    public double WeightedPrecision => Weighted(Precision);

    /// <summary>Recall per label, averaged with each label's weight share (equal to <see cref="Accuracy"/> up to rounding).</summary>
    public double WeightedRecall => Weighted(Recall);

    /// <summary>Spark's name for <see cref="WeightedRecall"/>.</summary>
    public double WeightedTruePositiveRate => WeightedRecall;

    /// <summary>False positive rate per label, averaged with each label's weight share.</summary>
    public double WeightedFalsePositiveRate => Weighted(FalsePositiveRate);

    /// <summary>F-measure per label, averaged with each label's weight share.</summary>
    public double WeightedFMeasure(double beta = 1.0) => Weighted(label => FMeasure(label, beta));

    /// <summary>tp / (tp + fp) for <paramref name="label"/>; 0 when nothing is predicted as it.</summary>
    /// <exception cref="ArgumentException"><paramref name="label"/> is not one of the <see cref="Labels"/>.</exception>
    public double Precision(double label)
    {
        var table = RequireLabel(label);
        double tp = table.TruePositives[label];
        double fp = table.FalsePositives.GetValueOrDefault(label);
        return tp + fp == 0 ? 0.0 : tp / (tp + fp);
    }

    /// <summary>tp / (weight of rows labelled <paramref name="label"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="label"/> is not one of the <see cref="Labels"/>.</exception>
    public double Recall(double label)
    {
        var table = RequireLabel(label);
        return table.TruePositives[label] / table.LabelWeights[label];
    }

    /// <summary>Spark's name for <see cref="Recall"/>.</summary>
    public double TruePositiveRate(double label) => Recall(label);

    /// <summary>fp / (weight of rows not labelled <paramref name="label"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="label"/> is not one of the <see cref="Labels"/>.</exception>
    public double FalsePositiveRate(double label)
    {
        var table = RequireLabel(label);
        return table.FalsePositives.GetValueOrDefault(label) / (table.TotalWeight - table.LabelWeights[label]);
    }

    /// <summary>(1 + β²) p r / (β² p + r) for <paramref name="label"/>; 0 when precision and recall are both 0.</summary>
    /// <exception cref="ArgumentException"><paramref name="label"/> is not one of the <see cref="Labels"/>.</exception>
    public double FMeasure(double label, double beta = 1.0)
    {
        double p = Precision(label);
        double r = Recall(label);
        double beta2 = beta * beta;
        return p + r == 0 ? 0.0 : (1 + beta2) * p * r / (beta2 * p + r);
    }

    /// <summary>
    /// The weighted mean of -log p(label) over the rows, with p below <paramref name="eps"/> counted as
    /// <paramref name="eps"/> and p above 1 - eps as 1 - eps (Spark's clipping). Computed in the tasks (one job).
    /// </summary>
    /// <exception cref="InvalidOperationException">The metrics were built without probabilities.</exception>
    /// <exception cref="ArgumentException">eps is outside (0, 0.5), or a row's label is not a class index of its probabilities.</exception>
    public double LogLoss(double eps = 1e-15)
    {
        if (!(eps > 0 && eps < 0.5))
        {
            throw new ArgumentException($"eps must be in (0, 0.5), not {eps}.", nameof(eps));
        }
        var rows = _withProbability ?? throw new InvalidOperationException(
            "LogLoss needs each row's class probabilities: build MulticlassMetrics from (prediction, label, weight, probability) rows.");
        double lossBelow = -Math.Log(eps);
        double lossAbove = -LogOnePlus(-eps);
        var (lossSum, weightSum) = MetricRowCheck.Run(rows, () => MetricRowCheck.Checked(rows, LogLossProblem).Aggregate(
            (Loss: 0.0, Weight: 0.0),
            (acc, r) =>
            {
                double p = r.Probability[(int)r.Label];
                double loss = p < eps ? lossBelow : p > 1 - eps ? lossAbove : -Math.Log(p);
                return (acc.Loss + loss * r.Weight, acc.Weight + r.Weight);
            },
            static (a, b) => (a.Loss + b.Loss, a.Weight + b.Weight)));
        return lossSum / weightSum;
    }

    private double Weighted(Func<double, double> metric)
    {
        var table = _table.Value;
        double sum = 0;
        foreach (var (label, weight) in table.LabelWeights)
        {
            sum += metric(label) * weight / table.TotalWeight;
        }
        return sum;
    }

    private Table RequireLabel(double label)
    {
        var table = _table.Value;
        return table.LabelWeights.ContainsKey(label)
            ? table
            : throw new ArgumentException($"{label} is not one of the labels [{string.Join(", ", table.Labels)}].", nameof(label));
    }

    /// <summary>log(1 + x), accurate for tiny x where 1 + x rounds (Spark's <c>math.log1p</c>).</summary>
    private static double LogOnePlus(double x)
    {
        double u = 1 + x;
        // The classic correction: log(u) * x / (u - 1) cancels the rounding of 1 + x.
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private static Table BuildTable(Rdd<(double Prediction, double Label, double Weight)> rows)
    {
        var confusions = MetricRowCheck.Checked(rows, Problem)
            .Map(static r => ((r.Label, r.Prediction), r.Weight))
            .ReduceByKey(static (a, b) => a + b)
            .CollectAsMap();

        // The per-label sums, as Spark's labelCountByClass, tpByClass and fpByClass; a label appears in
        // TruePositives (hence in Labels) as soon as any row carries it, even with a 0 true-positive weight.
        var labelWeights = new SortedDictionary<double, double>();
        var truePositives = new Dictionary<double, double>();
        var falsePositives = new Dictionary<double, double>();
        foreach (var ((label, prediction), weight) in confusions)
        {
            labelWeights[label] = labelWeights.GetValueOrDefault(label) + weight;
            truePositives[label] = truePositives.GetValueOrDefault(label) + (label == prediction ? weight : 0.0);
            if (label != prediction)
            {
                falsePositives[prediction] = falsePositives.GetValueOrDefault(prediction) + weight;
            }
        }
        double total = 0;
        foreach (var weight in labelWeights.Values) total += weight;
        return new Table(confusions, [.. labelWeights.Keys], labelWeights, truePositives, falsePositives, total);
    }

    private static string? Problem((double Prediction, double Label, double Weight) row)
    {
        if (double.IsNaN(row.Prediction)) return "the prediction is NaN.";
        if (double.IsNaN(row.Label)) return "the label is NaN.";
        if (!(row.Weight >= 0) || double.IsPositiveInfinity(row.Weight))
        {
            return $"the weight is {row.Weight}; weights must be finite and >= 0.";
        }
        return null;
    }

    private static string? LogLossProblem((double Prediction, double Label, double Weight, double[] Probability) row)
    {
        if (row.Probability is null) return "the row has no class probabilities.";
        if (!(row.Label >= 0 && row.Label == Math.Floor(row.Label) && row.Label < row.Probability.Length))
        {
            return $"the label {row.Label} is not a class index of its {row.Probability.Length} probabilities.";
        }
        return Problem((row.Prediction, row.Label, row.Weight));
    }

    private static Rdd<T> CheckNotNull<T>(Rdd<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows;
    }

    /// <summary>The confusion sums and the per-label sums derived from them (all on the driver, a few per class).</summary>
    private sealed record Table(
        IReadOnlyDictionary<(double Label, double Prediction), double> Confusions,
        double[] Labels,
        SortedDictionary<double, double> LabelWeights,
        Dictionary<double, double> TruePositives,
        Dictionary<double, double> FalsePositives,
        double TotalWeight);
}
