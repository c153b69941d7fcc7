using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Expressions;

namespace Rdd.Sql.Execution.Operators;

/// <summary>SELECT DISTINCT: a hash aggregation grouping on every column with no aggregates.</summary>
internal sealed class DistinctExec : PhysicalPlan
{
    private readonly HashAggregateExec _aggregate;

    public DistinctExec(PhysicalPlan child, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(child);
        Child = child;
        _aggregate = new HashAggregateExec(
            child,
            [.. child.Schema.Fields.Select((f, i) => (Expression)new BoundReference(i, f.Name, f.DataType, f.Nullable))],
            [],
            numPartitions);
    }

    public PhysicalPlan Child { get; }

    public override StructType Schema => Child.Schema;

    public override IReadOnlyList<PhysicalPlan> Children => [Child];

    public override Rdd<RecordBatch> Execute() => _aggregate.Execute().Map(Relabel);

    public override string Describe() => "Distinct";
}
