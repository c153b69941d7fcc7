using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// Cross join (optionally filtered by a condition, i.e. an inner join without equi-keys): every pair of batches
/// from the two sides (Rdd.Core's Cartesian) becomes the product of their rows, then the condition's selection.
/// </summary>
internal sealed class NestedLoopJoinExec : PhysicalPlan
{
    public NestedLoopJoinExec(PhysicalPlan left, PhysicalPlan right, Expression? condition = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        Left = left;
        Right = right;
        Schema = HashJoinExec.JoinSchema(left.Schema, right.Schema, JoinType.Inner);
        Condition = condition?.Bind(Schema);
    }

    public PhysicalPlan Left { get; }

    public PhysicalPlan Right { get; }

    public Expression? Condition { get; }

    public override StructType Schema { get; }

    public override IReadOnlyList<PhysicalPlan> Children => [Left, Right];

    public override Rdd<RecordBatch> Execute()
    {
        var schema = ArrowSchema;
        var condition = Condition;
        return Left.Execute().Cartesian(Right.Execute()).MapPartitions(pairs => Product(pairs, schema, condition));
    }

    private static IEnumerable<RecordBatch> Product(IEnumerable<(RecordBatch, RecordBatch)> pairs, Schema schema, Expression? condition)
    {
        foreach (var (left, right) in pairs)
        {
            int length = checked(left.Length * right.Length);
            if (length == 0) continue;
            var leftRows = new int[length];
            var rightRows = new int[length];
            for (int l = 0, k = 0; l < left.Length; l++)
            {
                for (int r = 0; r < right.Length; r++, k++)
                {
                    leftRows[k] = l;
                    rightRows[k] = r;
                }
            }
            var product = HashJoinExec.Combine(schema, left, right, leftRows, rightRows);
            if (condition is null)
            {
                yield return product;
                continue;
            }
            var selection = FilterKernel.Select((BooleanArray)condition.Evaluate(product));
            if (selection is null) yield return product;
            else if (selection.Length > 0) yield return TakeKernel.Take(product, selection);
        }
    }

    public override string Describe() => $"NestedLoopJoin Cross{(Condition is null ? "" : $" condition={Condition}")}";
}
