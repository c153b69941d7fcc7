using Rdd.Core.Partitioning;
using Rdd.Core.Shuffle;

namespace Rdd.Core.Rdds;

/// <summary>
/// An edge of the lineage graph. The scheduler asks one question of it - shuffle or narrow? - to cut a
/// job into stages: narrow edges are pipelined inside a task, shuffle edges start a parent stage.
/// </summary>
internal abstract class Dependency(IRdd rdd)
{
    /// <summary>The parent Rdd.</summary>
    public IRdd Rdd { get; } = rdd;
}

/// <summary>Each child partition depends on a small, known set of parent partitions.</summary>
internal abstract class NarrowDependency(IRdd rdd) : Dependency(rdd)
{
    public abstract IReadOnlyList<int> GetParents(int partitionId);
}

/// <summary>Child partition i reads parent partition i.</summary>
internal sealed class OneToOneDependency(IRdd rdd) : NarrowDependency(rdd)
{
    public override IReadOnlyList<int> GetParents(int partitionId) => [partitionId];
}

/// <summary>Child partitions [outStart, outStart+length) read parent partitions [inStart, inStart+length) (Union).</summary>
internal sealed class RangeDependency(IRdd rdd, int inStart, int outStart, int length) : NarrowDependency(rdd)
{
    public override IReadOnlyList<int> GetParents(int partitionId) =>
        partitionId >= outStart && partitionId < outStart + length ? [partitionId - outStart + inStart] : [];
}

/// <summary>Child partitions read an arbitrary, precomputed set of parent partitions (Coalesce, Cartesian, Zip).</summary>
internal sealed class ExplicitNarrowDependency(IRdd rdd, Func<int, IReadOnlyList<int>> parents) : NarrowDependency(rdd)
{
    public override IReadOnlyList<int> GetParents(int partitionId) => parents(partitionId);
}

/// <summary>
/// The output of the parent is redistributed by key: every child partition may read from every parent
/// partition. The untyped half is what the scheduler sees; <see cref="ShuffleDependency{K, V, C}"/> does the work.
/// </summary>
internal abstract class ShuffleDependency(IRdd rdd, int shuffleId) : Dependency(rdd)
{
    private static int s_nextShuffleId;

    public int ShuffleId { get; } = shuffleId;

    public abstract Partitioner Partitioner { get; }

    /// <summary>
    /// When the program drops the Rdds that use this shuffle, its output can never be read again: free it.
    /// (Spark's ContextCleaner does the same from a reference queue.)
    /// </summary>
    ~ShuffleDependency()
    {
        var context = Rdd.Context;
        if (!context.IsDisposed) context.Shuffle.RemoveShuffle(ShuffleId);
    }

    /// <summary>Work that must happen on the driver before map tasks run (range partitioners sample their input).</summary>
    public virtual Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Runs one map task: computes the parent partition and hands its records to the shuffle.</summary>
    public abstract void RunMapTask(Rdd.Core.Scheduling.TaskContext context, Partition parentPartition, IShuffleManager shuffle);

    internal static int NewShuffleId() => Interlocked.Increment(ref s_nextShuffleId) - 1;
}
