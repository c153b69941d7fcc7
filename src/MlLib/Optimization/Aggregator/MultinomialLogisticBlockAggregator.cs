using System.Numerics.Tensors;

namespace Rdd.MlLib;

/// <summary>
/// Sums the multinomial (softmax) logistic loss and its gradient over instance blocks, Spark's
/// <c>MultinomialLogisticBlockAggregator</c>, with the same virtual centering as the binary one. Coefficients are
/// laid out class by class: class k's p feature coefficients at k·p, then the k intercepts after all of them.
/// </summary>
internal sealed class MultinomialLogisticBlockAggregator
{
    private readonly double[] _coefficients;
    private readonly double[]? _scaledMean;
    private readonly int _numFeatures;
    private readonly int _numClasses;
    private readonly bool _fitIntercept;
    private readonly double[] _marginOffset;
    private double[] _margins = [];

    public MultinomialLogisticBlockAggregator(double[] coefficients, int numFeatures, int numClasses, bool fitIntercept, double[]? scaledMean)
    {
        _coefficients = coefficients;
        _numFeatures = numFeatures;
        _numClasses = numClasses;
        _fitIntercept = fitIntercept;
        _scaledMean = scaledMean;
        Gradient = new double[coefficients.Length];
        _marginOffset = new double[numClasses];
        for (int k = 0; k < numClasses; k++)
        {
            double intercept = fitIntercept ? coefficients[numClasses * numFeatures + k] : 0;
            _marginOffset[k] = scaledMean is null
                ? intercept
                : intercept - TensorPrimitives.Dot(coefficients.AsSpan(k * numFeatures, numFeatures), scaledMean);
        }
    }

    public double LossSum { get; private set; }

    public double WeightSum { get; private set; }

    public double[] Gradient { get; }

    public MultinomialLogisticBlockAggregator Add(InstanceBlock block)
    {
        int n = block.Rows;
        int p = _numFeatures;
        int c = _numClasses;
        if (_margins.Length < c)
        {
            _margins = new double[c];
        }
        var margins = _margins.AsSpan(0, c);
        var matrix = block.Matrix.AsSpan();
        var labels = block.Labels;
        var weights = block.Weights;
        var multiplierSum = new double[c];
        double lossSum = 0, weightSum = 0;
        for (int i = 0; i < n; i++)
        {
            double weight = weights is null ? 1.0 : weights[i];
            weightSum += weight;
            if (weight == 0)
            {
                continue;
            }
            var row = matrix.Slice(i * p, p);
            double max = double.NegativeInfinity;
            for (int k = 0; k < c; k++)
            {
                double m = _marginOffset[k] + TensorPrimitives.Dot(row, _coefficients.AsSpan(k * p, p));
                margins[k] = m;
                max = Math.Max(max, m);
            }
            int label = (int)labels[i];
            double labelMargin = margins[label];
            // Softmax shifted by the largest margin, so exp never overflows.
            double sum = 0;
            for (int k = 0; k < c; k++)
            {
                double e = Math.Exp(margins[k] - max);
                margins[k] = e;
                sum += e;
            }
            for (int k = 0; k < c; k++)
            {
                double probability = margins[k] / sum;
                double multiplier = weight * (probability - (k == label ? 1.0 : 0.0));
                multiplierSum[k] += multiplier;
                if (multiplier != 0)
                {
                    TensorPrimitives.MultiplyAdd(row, multiplier, Gradient.AsSpan(k * p, p), Gradient.AsSpan(k * p, p));
                }
            }
            // -log(softmax_label) = log(sum) + max - margin_label, finite even when the label's probability underflows.
            lossSum += weight * (Math.Log(sum) + max - labelMargin);
        }
        LossSum += lossSum;
        WeightSum += weightSum;
        for (int k = 0; k < c; k++)
        {
            if (_scaledMean is not null)
            {
                TensorPrimitives.MultiplyAdd(_scaledMean, -multiplierSum[k], Gradient.AsSpan(k * p, p), Gradient.AsSpan(k * p, p));
            }
            if (_fitIntercept)
            {
                Gradient[c * p + k] += multiplierSum[k];
            }
        }
        return this;
    }

    public MultinomialLogisticBlockAggregator Merge(MultinomialLogisticBlockAggregator other)
    {
        LossSum += other.LossSum;
        WeightSum += other.WeightSum;
        TensorPrimitives.Add(Gradient, other.Gradient, Gradient);
        return this;
    }
}
