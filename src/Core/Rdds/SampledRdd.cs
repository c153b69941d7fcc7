using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>
/// Sample: each partition is sampled with a generator seeded by (seed, partition index), so a given seed
/// gives the same sample on every run. Without replacement each element is kept with probability
/// <c>fraction</c> (Bernoulli); with replacement it appears Poisson(<c>fraction</c>) times.
/// </summary>
internal sealed class SampledRdd<T>(Rdd<T> parent, bool withReplacement, double fraction, long seed)
    : Rdd<T>(parent.Context, "Sample")
{
    private protected override Partition[] GetPartitions() => parent.Partitions;

    private protected override IReadOnlyList<Dependency> GetDependencies() => [new OneToOneDependency(parent)];

    private protected override IEnumerable<T> Compute(Partition split, TaskContext context)
    {
        var random = new SplitMix64(SplitMix64.Mix(seed, split.Index));
        foreach (var item in parent.Iterator(split, context))
        {
            if (withReplacement)
            {
                int copies = random.NextPoisson(fraction);
                for (int i = 0; i < copies; i++) yield return item;
            }
            else if (random.NextDouble() < fraction) yield return item;
        }
    }
}
