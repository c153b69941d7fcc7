using Rdd.Core;
using Rdd.Sql.Arrow;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// Scans a cached frame's batches (Spark's InMemoryTableScanExec): the first execution computes the cache (the
/// cached query runs as its own job), later ones read the kept batches, one partition per cached partition.
/// </summary>
internal sealed class InMemoryTableScanExec(RddContext context, StructType schema, CachedBatches data) : PhysicalPlan
{
    public override StructType Schema { get; } = schema;

    public override IReadOnlyList<PhysicalPlan> Children => [];

    public override Rdd<RecordBatch> Execute() => new BatchSourceExec(context, Schema, data.Partitions).Execute();

    public override string Describe() => $"InMemoryTableScan [{string.Join(", ", Schema.FieldNames)}]{(data.IsMaterialized ? "" : " (computed by the first query)")}";
}
