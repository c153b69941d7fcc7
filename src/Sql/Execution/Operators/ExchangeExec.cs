using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Expressions;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// Repartitions the child's rows by a stable hash of key expressions (rows with equal keys land in the same
/// partition), or into a single partition when there are no keys. See <see cref="Exchange"/> for the mechanics.
/// </summary>
internal sealed class ExchangeExec : PhysicalPlan
{
    public ExchangeExec(PhysicalPlan child, IReadOnlyList<Expression> keys, int numPartitions)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numPartitions);
        Child = child;
        Keys = [.. keys.Select(k => k.Bind(child.Schema))];
        NumPartitions = Keys.Count == 0 ? 1 : numPartitions;
    }

    public PhysicalPlan Child { get; }

    /// <summary>The partitioning keys, bound to the child's schema.</summary>
    public IReadOnlyList<Expression> Keys { get; }

    public int NumPartitions { get; }

    public override StructType Schema => Child.Schema;

    public override IReadOnlyList<PhysicalPlan> Children => [Child];

    public override Rdd<RecordBatch> Execute()
    {
        var keys = Keys;
        var input = Child.Execute();
        return keys.Count == 0
            ? Exchange.ToSinglePartition(input)
            : Exchange.ByHash(input, batch => [.. keys.Select(k => k.Evaluate(batch))], NumPartitions).Map(Relabel);
    }

    public override string Describe() =>
        Keys.Count == 0 ? "Exchange SinglePartition" : $"Exchange hashpartitioning({string.Join(", ", Keys)}, {NumPartitions})";
}
