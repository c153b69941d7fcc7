using Rdd.Core.Collections;
using Rdd.Core.Scheduling;
using Rdd.Core.Shuffle;

namespace Rdd.Core.Rdds;

/// <summary>
/// Groups two key-value Rdds by key: the basis of the joins. An input already partitioned by the target
/// partitioner is read in place (a narrow dependency); only the others are shuffled.
/// </summary>
internal sealed class CoGroupedRdd<TKey, TLeft, TRight> : Rdd<(TKey, (List<TLeft>, List<TRight>))>
{
    private readonly Rdd<(TKey, TLeft)> _left;
    private readonly Rdd<(TKey, TRight)> _right;
    private readonly Lazy<Partitioner> _partitioner;

    public CoGroupedRdd(Rdd<(TKey, TLeft)> left, Rdd<(TKey, TRight)> right, Func<Partitioner> partitioner, string operation)
        : base(left.Context, operation)
    {
        _left = left;
        _right = right;
        _partitioner = new Lazy<Partitioner>(partitioner);
    }

    public override Partitioner Partitioner => _partitioner.Value;

    private protected override Partition[] GetPartitions() =>
        Enumerable.Range(0, Partitioner.NumPartitions).Select(i => new Partition(i)).ToArray();

    private protected override IReadOnlyList<Dependency> GetDependencies() => [DependencyOn(_left), DependencyOn(_right)];

    private Dependency DependencyOn<TValue>(Rdd<(TKey, TValue)> input) =>
        Equals(input.Partitioner, Partitioner)
            ? new OneToOneDependency(input)
            : new ShuffleDependency<TKey, TValue, TValue>(input, Partitioner, null, false, null);

    private protected override IEnumerable<(TKey, (List<TLeft>, List<TRight>))> Compute(Partition split, TaskContext context)
    {
        var groups = new CombineMap<TKey, (List<TLeft>, List<TRight>)>();
        foreach (var (key, value) in Read(_left, Dependencies[0], split, context))
            Slot(groups, key).Item1.Add(value);
        foreach (var (key, value) in Read(_right, Dependencies[1], split, context))
            Slot(groups, key).Item2.Add(value);
        return groups.Entries().Select(e => (e.Key, e.Value));
    }

    private static ref (List<TLeft>, List<TRight>) Slot(CombineMap<TKey, (List<TLeft>, List<TRight>)> groups, TKey key)
    {
        ref var slot = ref groups.GetValueRefOrAddDefault(key, out bool exists);
        if (!exists) slot = ([], []);
        return ref slot;
    }

    private IEnumerable<(TKey, TValue)> Read<TValue>(Rdd<(TKey, TValue)> input, Dependency dependency, Partition split, TaskContext context)
    {
        if (dependency is ShuffleDependency shuffle)
            return Context.Shuffle.ReadReducePartition<TKey, TValue>(shuffle.ShuffleId, split.Index, input.Partitions.Length, context);
        return input.Iterator(input.Partitions[split.Index], context);
    }
}
