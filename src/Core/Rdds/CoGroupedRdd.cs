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

    /// <summary>
    /// Both sides go through one spilling aggregation map, their values tagged with the side they come
    /// from, so a co-group larger than <see cref="RddConfig.ShuffleMemoryBytes"/> spills instead of failing.
    /// </summary>
    private static readonly Aggregator<(bool IsLeft, TLeft Left, TRight Right), (List<TLeft>, List<TRight>)> s_groups = new(
        static tagged => tagged.IsLeft ? ([tagged.Left], []) : ([], [tagged.Right]),
        static (group, tagged) =>
        {
            if (tagged.IsLeft) group.Item1.Add(tagged.Left);
            else group.Item2.Add(tagged.Right);
            return group;
        },
        static (a, b) =>
        {
            a.Item1.AddRange(b.Item1);
            a.Item2.AddRange(b.Item2);
            return a;
        });

    private protected override IEnumerable<(TKey, (List<TLeft>, List<TRight>))> Compute(Partition split, TaskContext context)
    {
        using var groups = new ExternalAppendOnlyMap<TKey, (bool, TLeft, TRight), (List<TLeft>, List<TRight>)>(
            s_groups, Context.Config.ShuffleMemoryBytes, Context.SpillDirectory, context.Metrics);
        foreach (var (key, value) in Read(_left, Dependencies[0], split, context)) groups.Insert(key, (true, value, default!));
        foreach (var (key, value) in Read(_right, Dependencies[1], split, context)) groups.Insert(key, (false, default!, value));
        foreach (var entry in groups.Iterate()) yield return entry;
    }

    private IEnumerable<(TKey, TValue)> Read<TValue>(Rdd<(TKey, TValue)> input, Dependency dependency, Partition split, TaskContext context)
    {
        if (dependency is ShuffleDependency shuffle)
            return Context.Shuffle.ReadReducePartition<TKey, TValue>(shuffle.ShuffleId, split.Index, input.Partitions.Length, context);
        return input.Iterator(input.Partitions[split.Index], context);
    }
}
