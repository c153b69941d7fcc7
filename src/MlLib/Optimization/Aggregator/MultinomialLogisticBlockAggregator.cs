using System.Numerics.Tensors;

namespace Rdd.MlLib;

/// <summary>
/// Sums the multinomial (softmax) logistic loss and its gradient over instance blocks, Spark's
/// <c>MultinomialLogisticBlockAggregator</c>, with the same tiles (<see cref="BlockTile"/>) and virtual centering as
/// the binary one. Coefficients are laid out class by class: class k's p feature coefficients at k·p, then the
/// intercepts after all of them.
/// </summary>
internal sealed class MultinomialLogisticBlockAggregator
{
    private readonly double[] _coefficients;
    private readonly double[]? _scaledMean;
    private readonly int _numFeatures;
    private readonly int _numClasses;
    private readonly bool _fitIntercept;
    private readonly double[] _marginOffset;
    private readonly BlockTile _tile;
    private readonly double[] _margins;
    private readonly double[] _multiplierSum;

    public MultinomialLogisticBlockAggregator(double[] coefficients, int numFeatures, int numClasses, bool fitIntercept, double[]? scaledMean)
    {
        _coefficients = coefficients;
        _numFeatures = numFeatures;
        _numClasses = numClasses;
        _fitIntercept = fitIntercept;
        _scaledMean = scaledMean;
        _tile = new BlockTile(numFeatures);
        _margins = new double[numClasses * BlockTile.Rows];
        _multiplierSum = new double[numClasses];
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
        int p = _numFeatures;
        int c = _numClasses;
        const int R = BlockTile.Rows;
        double lossSum = 0, weightSum = 0;
        for (int start = 0; start < block.Rows; start += R)
        {
            int m = Math.Min(R, block.Rows - start);
            _tile.Load(block, start, m);
            // Margins class by class over the whole tile: margins[k·R + i] for row i.
            for (int k = 0; k < c; k++)
            {
                var margins = _margins.AsSpan(k * R, m);
                margins.Fill(_marginOffset[k]);
                for (int j = 0; j < p; j++)
                {
                    TensorPrimitives.MultiplyAdd(_tile.Column(j), _coefficients[k * p + j], margins, margins);
                }
            }
            var labels = block.Labels.AsSpan(start, m);
            var weights = block.Weights is { } allWeights ? allWeights.AsSpan(start, m) : default;
            for (int i = 0; i < m; i++)
            {
                double weight = weights.IsEmpty ? 1.0 : weights[i];
                weightSum += weight;
                double max = double.NegativeInfinity;
                for (int k = 0; k < c; k++)
                {
                    max = Math.Max(max, _margins[k * R + i]);
                }
                int label = (int)labels[i];
                double labelMargin = _margins[label * R + i];
                // Softmax shifted by the largest margin, so exp never overflows.
                double sum = 0;
                for (int k = 0; k < c; k++)
                {
                    double e = Math.Exp(_margins[k * R + i] - max);
                    _margins[k * R + i] = e;
                    sum += e;
                }
                for (int k = 0; k < c; k++)
                {
                    // The margins become the multipliers weight · (probability − [k = label]).
                    _margins[k * R + i] = weight * (_margins[k * R + i] / sum - (k == label ? 1.0 : 0.0));
                }
                // -log(softmax_label) = log(sum) + max - margin_label, finite even when the label's probability underflows.
                lossSum += weight * (Math.Log(sum) + max - labelMargin);
            }
            for (int k = 0; k < c; k++)
            {
                var multipliers = _margins.AsSpan(k * R, m);
                _multiplierSum[k] += TensorPrimitives.Sum(multipliers);
                for (int j = 0; j < p; j++)
                {
                    Gradient[k * p + j] += TensorPrimitives.Dot(_tile.Column(j), multipliers);
                }
            }
        }
        LossSum += lossSum;
        WeightSum += weightSum;
        // The centering and intercept parts of the gradient depend only on each class's multiplier sum.
        for (int k = 0; k < c; k++)
        {
            if (_scaledMean is not null)
            {
                TensorPrimitives.MultiplyAdd(_scaledMean, -_multiplierSum[k], Gradient.AsSpan(k * p, p), Gradient.AsSpan(k * p, p));
            }
            if (_fitIntercept)
            {
                Gradient[c * p + k] += _multiplierSum[k];
            }
            _multiplierSum[k] = 0;
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
