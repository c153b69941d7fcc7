using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// Keeps the rows whose predicate is true (null counts as false). A batch where every row passes goes through
/// untouched (the same instance); otherwise it is gathered by a selection vector; batches left empty are dropped.
/// </summary>
internal sealed class FilterExec : PhysicalPlan
{
    public FilterExec(PhysicalPlan child, Expression condition)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(condition);
        Child = child;
        Condition = condition.Bind(child.Schema);
        if (Condition.DataType is not BooleanType)
        {
            throw new ArgumentException($"A filter needs a boolean condition, not {Condition.DataType.SimpleString}: {Condition}.", nameof(condition));
        }
    }

    public PhysicalPlan Child { get; }

    /// <summary>The predicate, bound to the child's schema.</summary>
    public Expression Condition { get; }

    public override StructType Schema => Child.Schema;

    public override IReadOnlyList<PhysicalPlan> Children => [Child];

    public override Rdd<RecordBatch> Execute()
    {
        var condition = Condition;
        return Child.Execute().MapPartitions(batches => Filter(batches, condition), preservesPartitioning: true);
    }

    private static IEnumerable<RecordBatch> Filter(IEnumerable<RecordBatch> batches, Expression condition)
    {
        foreach (var batch in batches)
        {
            var selection = FilterKernel.Select((BooleanArray)condition.Evaluate(batch));
            if (selection is null)
            {
                if (batch.Length > 0) yield return batch;
            }
            else if (selection.Length > 0)
            {
                yield return TakeKernel.Take(batch, selection);
            }
        }
    }

    public override string Describe() => $"Filter {Condition}";
}
