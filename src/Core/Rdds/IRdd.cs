using Rdd.Core.Partitioning;
using Rdd.Core.Storage;

namespace Rdd.Core.Rdds;

/// <summary>The element-type-free view of an Rdd that the scheduler, block store and debug printer work with.</summary>
internal interface IRdd
{
    int Id { get; }
    RddContext Context { get; }

    /// <summary>Spark's "kind" of the Rdd, e.g. MapPartitionsRdd, and the operation that created it.</summary>
    string Kind { get; }
    string Operation { get; }

    Partition[] Partitions { get; }
    IReadOnlyList<Dependency> Dependencies { get; }
    Partitioner? Partitioner { get; }
    StorageLevel StorageLevel { get; }
    bool IsCheckpointed { get; }

    /// <summary>Called by the scheduler after a job over this Rdd succeeded (writes pending checkpoints).</summary>
    void OnJobSucceeded();
}
