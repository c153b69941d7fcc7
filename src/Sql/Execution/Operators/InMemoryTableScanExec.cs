using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// Scans a cached frame's batches (Spark's InMemoryTableScanExec): the persisted Rdd of <see cref="CachedBatches"/>,
/// so the first query computes and stores the partitions as part of its own job and later ones read the blocks.
/// </summary>
internal sealed class InMemoryTableScanExec(StructType schema, CachedBatches data) : PhysicalPlan
{
    public override StructType Schema { get; } = schema;

    public override IReadOnlyList<PhysicalPlan> Children => [];

    public override Rdd<RecordBatch> Execute() => data.Rdd.Map(stored => Relabel(stored.Batch));

    public override string Describe() => $"InMemoryTableScan [{string.Join(", ", Schema.FieldNames)}]{(data.IsMaterialized ? "" : " (computed by the first query)")}";
}
