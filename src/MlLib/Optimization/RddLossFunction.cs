using System.Numerics.Tensors;
using Rdd.Core;

namespace Rdd.MlLib;

/// <summary>
/// The training objective as a differentiable function of the coefficients, Spark's <c>RDDLossFunction</c>: each
/// evaluation is one job over the cached instance blocks, where every task sums the loss and gradient of its
/// blocks and the partial sums merge pairwise (a tree) on the driver; the mean over the total weight plus the L2
/// term is the value. The coefficients reach the tasks through the closure (the process is shared, as Spark's
/// broadcast would share them per executor).
/// </summary>
internal sealed class RddLossFunction<TAggregator>(
    Rdd<InstanceBlock> blocks,
    Func<double[], TAggregator> createAggregator,
    Func<TAggregator, InstanceBlock, TAggregator> add,
    Func<TAggregator, TAggregator, TAggregator> merge,
    Func<TAggregator, (double LossSum, double WeightSum, double[] Gradient)> result,
    L2Regularization? regularization)
{
    /// <summary>How many times the objective was evaluated (one job each).</summary>
    public int Evaluations { get; private set; }

    public double Compute(ReadOnlySpan<double> coefficients, Span<double> gradient)
    {
        var x = coefficients.ToArray();
        var create = createAggregator;
        var addBlock = add;
        var partials = blocks.MapPartitions(partition =>
        {
            var aggregator = create(x);
            foreach (var block in partition)
            {
                aggregator = addBlock(aggregator, block);
            }
            return new[] { aggregator };
        }).Collect();
        Evaluations++;
        var total = TreeMerge(partials, 0, partials.Length);
        var (lossSum, weightSum, gradientSum) = result(total);
        if (!(weightSum > 0))
        {
            throw new InvalidOperationException($"The training data has a total weight of {weightSum}; it must be positive.");
        }
        TensorPrimitives.Divide(gradientSum, weightSum, gradient);
        double loss = lossSum / weightSum;
        return regularization is null ? loss : loss + regularization.Apply(coefficients, gradient);
    }

    private TAggregator TreeMerge(TAggregator[] partials, int start, int count)
    {
        if (count == 1)
        {
            return partials[start];
        }
        int half = count / 2;
        return merge(TreeMerge(partials, start, half), TreeMerge(partials, start + half, count - half));
    }
}
