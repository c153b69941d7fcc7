using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// [FoldConstants] replaces an expression whose children are all literals by its value, evaluated once on a
/// one-row batch with no columns: <c>(1 + 2)</c> becomes <c>3</c>. Names, aggregates and sort keys are left
/// alone; an expression that throws (a cast that fails) is left for run time, where the error belongs.
/// </summary>
internal sealed class FoldConstants : IOptimizerRule
{
    private static readonly RecordBatch s_oneRow = new(new Schema([], null), [], 1);

    public string Name => nameof(FoldConstants);

    public LogicalPlan Rewrite(LogicalPlan plan) => plan.TransformAllExpressions(Fold);

    /// <summary>The literal value of <paramref name="expression"/> when it can be computed now; itself otherwise.</summary>
    internal static Expression Fold(Expression expression)
    {
        if (expression.Children.Count == 0
            || expression is NamedAlias or Alias or SortOrder
            || expression.IsAggregate
            || !expression.Children.All(c => c is Literal)
            || !expression.Resolved
            || !PlanExpressions.IsDeterministic(expression))
        {
            return expression;
        }
        try
        {
            var type = expression.DataType;
            // Nested values have no constant arrays (KernelArrays.Constant), so they stay computed per batch.
            if (type is NullType or Types.ArrayType or StructType)
            {
                return expression;
            }
            var value = ArrayValues.Get(expression.Evaluate(s_oneRow), 0);
            return new Literal(value, type);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArithmeticException or FormatException or ArgumentException or InvalidCastException)
        {
            return expression;
        }
    }
}
