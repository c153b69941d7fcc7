using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>One of RandomSplit's parts: the elements whose uniform draw falls in [lower, upper).</summary>
internal sealed class RandomSplitRdd<T>(Rdd<T> parent, double lower, double upper, long seed)
    : Rdd<T>(parent.Context, "RandomSplit")
{
    private protected override Partition[] GetPartitions() => parent.Partitions;

    private protected override IReadOnlyList<Dependency> GetDependencies() => [new OneToOneDependency(parent)];

    private protected override IEnumerable<T> Compute(Partition split, TaskContext context)
    {
        // Every part replays the same draws for the same partition, so the parts are disjoint and cover the input.
        var random = new SplitMix64(SplitMix64.Mix(seed, split.Index));
        foreach (var item in parent.Iterator(split, context))
        {
            double u = random.NextDouble();
            if (u >= lower && u < upper) yield return item;
        }
    }
}
