namespace Rdd.MlLib;

/// <summary>
/// One pass of statistics over classification instances, Spark's <c>Summarizer</c> with its label histogram:
/// the weighted mean and unbiased variance of every feature (over the rows where it is non-zero, corrected for the
/// zeros at the end, so sparse vectors cost their non-zeros), the count and weight sums, and the weight of each
/// label. Partitions are summarized separately and merged (Chan's parallel update).
/// </summary>
internal sealed class ClassificationSummary
{
    private double[] _mean = [];
    private double[] _m2n = [];
    private double[] _featureWeight = [];
    private double[] _histogram = [];

    /// <summary>The feature count, fixed by the first row (-1 before any).</summary>
    public int NumFeatures { get; private set; } = -1;

    public long Count { get; private set; }

    public double WeightSum { get; private set; }

    public double WeightSquareSum { get; private set; }

    /// <summary>Weight per label 0 … k−1 (k = largest label + 1).</summary>
    public IReadOnlyList<double> Histogram => _histogram;

    /// <summary>Adds one instance; the caller has checked its label, weight and finiteness.</summary>
    public void Add(double label, double weight, VectorColumn features, int row)
    {
        int size = features.Size(row);
        if (NumFeatures < 0)
        {
            Initialize(size);
        }
        Count++;
        AddLabel(label, weight);
        if (weight == 0)
        {
            return;
        }
        WeightSum += weight;
        WeightSquareSum += weight * weight;
        if (features.IsDense(row))
        {
            var values = features.Values(row);
            for (int j = 0; j < values.Length; j++)
            {
                AddValue(j, values[j], weight);
            }
        }
        else
        {
            var indices = features.Indices(row);
            var values = features.Values(row);
            for (int k = 0; k < indices.Length; k++)
            {
                AddValue(indices[k], values[k], weight);
            }
        }
    }

    private void Initialize(int size)
    {
        NumFeatures = size;
        _mean = new double[size];
        _m2n = new double[size];
        _featureWeight = new double[size];
    }

    private void AddLabel(double label, double weight)
    {
        int index = (int)label;
        if (index >= _histogram.Length)
        {
            Array.Resize(ref _histogram, index + 1);
        }
        _histogram[index] += weight;
    }

    private void AddValue(int j, double value, double weight)
    {
        if (value == 0)
        {
            return;
        }
        double previous = _featureWeight[j];
        double total = previous + weight;
        double delta = value - _mean[j];
        _mean[j] += delta * weight / total;
        _m2n[j] += weight * (value - _mean[j]) * delta;
        _featureWeight[j] = total;
    }

    /// <summary>Folds <paramref name="other"/> into this summary.</summary>
    /// <exception cref="InvalidDataException">The two saw vectors of different sizes.</exception>
    public ClassificationSummary Merge(ClassificationSummary other)
    {
        Count += other.Count;
        if (other._histogram.Length > _histogram.Length)
        {
            Array.Resize(ref _histogram, other._histogram.Length);
        }
        for (int k = 0; k < other._histogram.Length; k++)
        {
            _histogram[k] += other._histogram[k];
        }
        if (other.NumFeatures < 0)
        {
            return this;
        }
        if (NumFeatures < 0)
        {
            Initialize(other.NumFeatures);
        }
        else if (NumFeatures != other.NumFeatures)
        {
            throw new InvalidDataException($"The features vectors have different sizes in different partitions: {NumFeatures} and {other.NumFeatures}.");
        }
        WeightSum += other.WeightSum;
        WeightSquareSum += other.WeightSquareSum;
        for (int j = 0; j < NumFeatures; j++)
        {
            double a = _featureWeight[j];
            double b = other._featureWeight[j];
            double total = a + b;
            if (total == 0)
            {
                continue;
            }
            double delta = other._mean[j] - _mean[j];
            _mean[j] += delta * b / total;
            _m2n[j] += other._m2n[j] + delta * delta * a * b / total;
            _featureWeight[j] = total;
        }
        return this;
    }

    /// <summary>The weighted mean of every feature, zeros included.</summary>
    public double[] Mean()
    {
        var mean = new double[Math.Max(NumFeatures, 0)];
        for (int j = 0; j < mean.Length; j++)
        {
            mean[j] = WeightSum == 0 ? 0 : _mean[j] * (_featureWeight[j] / WeightSum);
        }
        return mean;
    }

    /// <summary>
    /// The weighted unbiased standard deviation of every feature, as Spark's: the variance divides by
    /// W − Σw²/W (n − 1 with unit weights); 0 when that is not positive.
    /// </summary>
    public double[] Std()
    {
        var std = new double[Math.Max(NumFeatures, 0)];
        double denominator = WeightSum - WeightSquareSum / WeightSum;
        if (!(denominator > 0))
        {
            return std;
        }
        for (int j = 0; j < std.Length; j++)
        {
            double mean = _mean[j];
            double variance = (_m2n[j] + mean * mean * _featureWeight[j] * (WeightSum - _featureWeight[j]) / WeightSum) / denominator;
            std[j] = Math.Sqrt(Math.Max(variance, 0));
        }
        return std;
    }
}
