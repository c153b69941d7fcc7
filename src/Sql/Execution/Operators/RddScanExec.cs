using Apache.Arrow;
using Rdd.Core;

namespace Rdd.Sql.Execution.Operators;

/// <summary>Scans the batches of a frame made from an Rdd (Spark's ExistingRDD scan): the Rdd is the lineage.</summary>
internal sealed class RddScanExec(StructType schema, Rdd<RecordBatch> batches) : PhysicalPlan
{
    public override StructType Schema { get; } = schema;

    public override IReadOnlyList<PhysicalPlan> Children => [];

    public override Rdd<RecordBatch> Execute() => batches.Map(Relabel);

    public override string Describe() => $"Scan ExistingRDD [{string.Join(", ", Schema.FieldNames)}] partitions={batches.NumPartitions}";
}
