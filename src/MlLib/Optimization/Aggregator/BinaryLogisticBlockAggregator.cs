using System.Numerics.Tensors;

namespace Rdd.MlLib;

/// <summary>
/// Sums the binary logistic loss and its gradient over instance blocks, Spark's
/// <c>BinaryLogisticBlockAggregator</c>: per block, the margins are one matrix-vector product, the losses and
/// multipliers come from SIMD <c>exp</c>/<c>log1p</c> over all margins at once, and the gradient is the transposed
/// product. Features arrive scaled by 1/std but not centered; with <c>fitWithMean</c> the aggregator centers
/// them virtually (subtracting the scaled means from the margin and the gradient), which conditions the problem
/// better without densifying anything; the caller shifts the intercept before and after.
/// </summary>
internal sealed class BinaryLogisticBlockAggregator
{
    private readonly double[] _coefficients;
    private readonly double[]? _scaledMean;
    private readonly int _numFeatures;
    private readonly bool _fitIntercept;
    private readonly double _marginOffset;
    private double[] _scratch = [];

    /// <param name="coefficients">p feature coefficients, then the intercept when <paramref name="fitIntercept"/>.</param>
    /// <param name="numFeatures">p.</param>
    /// <param name="fitIntercept">Whether the last coefficient is an intercept.</param>
    /// <param name="scaledMean">Mean / std of each feature when fitting with the virtual centering, else null.</param>
    public BinaryLogisticBlockAggregator(double[] coefficients, int numFeatures, bool fitIntercept, double[]? scaledMean)
    {
        _coefficients = coefficients;
        _numFeatures = numFeatures;
        _fitIntercept = fitIntercept;
        _scaledMean = scaledMean;
        Gradient = new double[coefficients.Length];
        double intercept = fitIntercept ? coefficients[numFeatures] : 0;
        _marginOffset = scaledMean is null ? intercept : intercept - TensorPrimitives.Dot(coefficients.AsSpan(0, numFeatures), scaledMean);
    }

    public double LossSum { get; private set; }

    public double WeightSum { get; private set; }

    /// <summary>The gradient summed over the rows so far (not divided by the weight).</summary>
    public double[] Gradient { get; }

    public BinaryLogisticBlockAggregator Add(InstanceBlock block)
    {
        int n = block.Rows;
        if (n == 0)
        {
            return this;
        }
        if (_scratch.Length < 3 * n)
        {
            _scratch = new double[3 * n];
        }
        var margins = _scratch.AsSpan(0, n);
        var expNegAbs = _scratch.AsSpan(n, n);
        var log1p = _scratch.AsSpan(2 * n, n);
        var w = _coefficients.AsSpan(0, _numFeatures);
        var matrix = block.Matrix.AsSpan();
        int p = _numFeatures;
        for (int i = 0; i < n; i++)
        {
            margins[i] = _marginOffset + TensorPrimitives.Dot(matrix.Slice(i * p, p), w);
        }
        // t = exp(-|m|) gives both a stable log(1 + exp(-m)) and the sigmoid without overflow.
        TensorPrimitives.Abs(margins, expNegAbs);
        TensorPrimitives.Negate(expNegAbs, expNegAbs);
        TensorPrimitives.Exp(expNegAbs, expNegAbs);
        TensorPrimitives.LogP1(expNegAbs, log1p);

        var labels = block.Labels;
        var weights = block.Weights;
        double lossSum = 0, weightSum = 0, multiplierSum = 0;
        var multipliers = margins;
        for (int i = 0; i < n; i++)
        {
            double m = margins[i];
            double t = expNegAbs[i];
            double weight = weights is null ? 1.0 : weights[i];
            weightSum += weight;
            if (weight == 0)
            {
                multipliers[i] = 0;
                continue;
            }
            double label = labels[i];
            // log(1 + exp(-m)) = max(-m, 0) + log1p(exp(-|m|)); label 0 adds m.
            double loss = Math.Max(-m, 0) + log1p[i] + (label > 0 ? 0 : m);
            double sigmoid = m >= 0 ? 1 / (1 + t) : t / (1 + t);
            lossSum += weight * loss;
            double multiplier = weight * (sigmoid - label);
            multipliers[i] = multiplier;
            multiplierSum += multiplier;
        }
        LossSum += lossSum;
        WeightSum += weightSum;

        var gradient = Gradient.AsSpan(0, p);
        for (int i = 0; i < n; i++)
        {
            double multiplier = multipliers[i];
            if (multiplier != 0)
            {
                TensorPrimitives.MultiplyAdd(matrix.Slice(i * p, p), multiplier, gradient, gradient);
            }
        }
        if (_scaledMean is not null)
        {
            TensorPrimitives.MultiplyAdd(_scaledMean, -multiplierSum, gradient, gradient);
        }
        if (_fitIntercept)
        {
            Gradient[p] += multiplierSum;
        }
        return this;
    }

    public BinaryLogisticBlockAggregator Merge(BinaryLogisticBlockAggregator other)
    {
        LossSum += other.LossSum;
        WeightSum += other.WeightSum;
        TensorPrimitives.Add(Gradient, other.Gradient, Gradient);
        return this;
    }
}
