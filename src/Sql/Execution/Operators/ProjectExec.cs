using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Expressions;

namespace Rdd.Sql.Execution.Operators;

/// <summary>Evaluates one expression per output column over each batch; column references reuse the input arrays.</summary>
internal sealed class ProjectExec : PhysicalPlan
{
    public ProjectExec(PhysicalPlan child, IReadOnlyList<Expression> projections)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(projections);
        Child = child;
        Projections = [.. projections.Select(p => p.Bind(child.Schema))];
        Schema = new StructType(Projections.Select(p => new StructField(NameOf(p), p.DataType, p.Nullable)));
    }

    public PhysicalPlan Child { get; }

    /// <summary>The output expressions, bound to the child's schema.</summary>
    public IReadOnlyList<Expression> Projections { get; }

    public override StructType Schema { get; }

    public override IReadOnlyList<PhysicalPlan> Children => [Child];

    public override Rdd<RecordBatch> Execute()
    {
        var projections = Projections;
        var schema = ArrowSchema;
        return Child.Execute().MapPartitions(
            batches => batches.Select(batch => new RecordBatch(schema, projections.Select(p => p.Evaluate(batch)), batch.Length)),
            preservesPartitioning: true);
    }

    public override string Describe() => $"Project [{string.Join(", ", Projections)}]";
}
