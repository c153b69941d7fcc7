
using System.Numerics.Tensors;

namespace Rdd.MlLib;

/// <summary>
/// Sums the binary logistic loss and its gradient over instance blocks, Spark's
/// <c>BinaryLogisticBlockAggregator</c>: per tile of rows (<see cref="BlockTile"/>), the margins are one
/// multiply-add per feature, the losses and multipliers come from SIMD <c>exp</c>/<c>log1p</c>/<c>sigmoid</c> over
/// all the tile's margins at once, and the gradient is one dot product per feature. Features arrive scaled by 1/std
/// but not centered; with <c>fitWithMean</c> the aggregator centers them virtually (subtracting the scaled means
/// from the margin and the gradient), which conditions the problem better without densifying anything; the caller
/// shifts the intercept before and after.
/// </summary>
internal sealed class BinaryLogisticBlockAggregator
{
    private readonly double[] _coefficients;
    private readonly double[]? _scaledMean;
    private readonly int _numFeatures;
    private readonly bool _fitIntercept;
    private readonly double _marginOffset;
    private readonly BlockTile _tile;
    private readonly double[] _scratch = new double[4 * BlockTile.Rows];

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
        _tile = new BlockTile(numFeatures);
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
        int p = _numFeatures;
        var gradient = Gradient.AsSpan(0, p);
        double lossSum = 0, weightSum = 0, multiplierSum = 0;
        for (int start = 0; start < block.Rows; start += BlockTile.Rows)
        {
            int m = Math.Min(BlockTile.Rows, block.Rows - start);
            _tile.Load(block, start, m);
            var margins = _scratch.AsSpan(0, m);
            var work = _scratch.AsSpan(BlockTile.Rows, m);
            var loss = _scratch.AsSpan(2 * BlockTile.Rows, m);
            var multipliers = _scratch.AsSpan(3 * BlockTile.Rows, m);
            margins.Fill(_marginOffset);
            for (int j = 0; j < p; j++)
            {
                TensorPrimitives.MultiplyAdd(_tile.Column(j), _coefficients[j], margins, margins);
            }
            var labels = block.Labels.AsSpan(start, m);
            // t = e^-|m| gives both log(1 + e^-m) = max(-m, 0) + log1p(t), stable for any margin, and the sigmoid
            // (1/(1+t) for m >= 0, t/(1+t) below) without a second exp.
            TensorPrimitives.Abs(margins, work);
            TensorPrimitives.Negate(work, work);
            TensorPrimitives.Exp(work, work);
            TensorPrimitives.LogP1(work, loss);
            var weights = block.Weights is { } allWeights ? allWeights.AsSpan(start, m) : default;
            var (tileLoss, tileWeight, tileMultipliers) = LossAndMultipliers(margins, work, loss, labels, weights, multipliers);
            lossSum += tileLoss;
            weightSum += tileWeight;
            multiplierSum += tileMultipliers;
            for (int j = 0; j < p; j++)
            {
                gradient[j] += TensorPrimitives.Dot(_tile.Column(j), multipliers);
            }
        }
        LossSum += lossSum;
        WeightSum += weightSum;
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

    /// <summary>
    /// One fused SIMD pass over a tile: each row's loss (log1p(t) + max(−m, 0) + (1 − y)·m) and multiplier
    /// (sigmoid(m) − y), both times the row's weight; returns the sums of losses, weights and multipliers.
    /// </summary>
    private static (double Loss, double Weight, double Multipliers) LossAndMultipliers(
        ReadOnlySpan<double> margins, ReadOnlySpan<double> expNegAbs, ReadOnlySpan<double> log1p, ReadOnlySpan<double> labels,
        ReadOnlySpan<double> weights, Span<double> multipliers)
    {
        bool weighted = !weights.IsEmpty;
        var lossSum = System.Numerics.Vector<double>.Zero;
        var weightSum = System.Numerics.Vector<double>.Zero;
        var multiplierSum = System.Numerics.Vector<double>.Zero;
        var one = System.Numerics.Vector<double>.One;
        int i = 0;
        for (; i <= margins.Length - System.Numerics.Vector<double>.Count; i += System.Numerics.Vector<double>.Count)
        {
            var m = new System.Numerics.Vector<double>(margins[i..]);
            var t = new System.Numerics.Vector<double>(expNegAbs[i..]);
            var y = new System.Numerics.Vector<double>(labels[i..]);
            var s = one / (one + t);
            var sigmoid = System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThanOrEqual(m, System.Numerics.Vector<double>.Zero), s, one - s);
            var multiplier = sigmoid - y;
            var loss = System.Numerics.Vector.Max(-m, System.Numerics.Vector<double>.Zero) + new System.Numerics.Vector<double>(log1p[i..]) + (one - y) * m;
            if (weighted)
            {
                var w = new System.Numerics.Vector<double>(weights[i..]);
                multiplier *= w;
                loss *= w;
                weightSum += w;
            }
            multiplier.CopyTo(multipliers[i..]);
            lossSum += loss;
            multiplierSum += multiplier;
        }
        double lossTotal = System.Numerics.Vector.Sum(lossSum), weightTotal = weighted ? System.Numerics.Vector.Sum(weightSum) : i, multiplierTotal = System.Numerics.Vector.Sum(multiplierSum);
        for (; i < margins.Length; i++)
        {
            double m = margins[i], t = expNegAbs[i], y = labels[i], w = weighted ? weights[i] : 1;
            double sigmoid = m >= 0 ? 1 / (1 + t) : t / (1 + t);
            double multiplier = w * (sigmoid - y);
            multipliers[i] = multiplier;
            multiplierTotal += multiplier;
            lossTotal += w * (Math.Max(-m, 0) + log1p[i] + (1 - y) * m);
            weightTotal += w;
        }
        return (lossTotal, weightTotal, multiplierTotal);
    }

    public BinaryLogisticBlockAggregator Merge(BinaryLogisticBlockAggregator other)
    {
        LossSum += other.LossSum;
        WeightSum += other.WeightSum;
        TensorPrimitives.Add(Gradient, other.Gradient, Gradient);
        return this;
    }
}
