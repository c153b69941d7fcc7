using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// [FoldConstants] replaces an expression whose children are all literals by its value, evaluated once on a
/// one-row batch with no columns: <c>(1 + 2)</c> becomes <c>3</c>; a CASE drops the branches whose condition folded
/// to false or NULL (and is its value when the first left is true), an IN over literals drops repeats (one left: =).
/// Names, aggregates and sort keys are left alone; an expression that throws (a cast that fails) is left for run time, where the error belongs.
/// </summary>
internal sealed class FoldConstants : IOptimizerRule
{
    private static readonly RecordBatch s_oneRow = new(new Schema([], null), [], 1);

    public string Name => nameof(FoldConstants);

    public LogicalPlan Rewrite(LogicalPlan plan) => plan.TransformAllExpressions(Fold);

    /// <summary>The literal value of <paramref name="expression"/> when it can be computed now; itself otherwise.</summary>
    internal static Expression Fold(Expression expression)
    {
        switch (expression)
        {
            case CaseWhen caseWhen when caseWhen.Resolved && SimplifyCase(caseWhen) is { } simplified:
                return simplified;
            case In @in when SimplifyIn(@in) is { } simplified:
                return simplified;
        }
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

    /// <summary>
    /// Spark's SimplifyConditionals: a branch whose condition folded to false or NULL never runs and goes; a first
    /// branch whose condition is true is the whole CASE; no branch left is the ELSE (or NULL). Null when nothing applies.
    /// </summary>
    private static Expression? SimplifyCase(CaseWhen caseWhen)
    {
        var kept = caseWhen.Branches.Where(b => b.Condition is not Literal { Value: false or null }).ToList();
        if (kept.Count > 0 && kept[0].Condition is Literal { Value: true })
        {
            return TypeCoercion.CastTo(kept[0].Value, caseWhen.DataType);
        }
        if (kept.Count == 0)
        {
            return caseWhen.Else is { } otherwise ? TypeCoercion.CastTo(otherwise, caseWhen.DataType) : new Literal(null, caseWhen.DataType);
        }
        return kept.Count < caseWhen.Branches.Count ? new CaseWhen(kept, caseWhen.Else) : null;
    }

    /// <summary>
    /// Spark's OptimizeIn over a list of literals: repeated values go, and one value left is an equality (the same
    /// three-valued answer). Null when nothing applies.
    /// </summary>
    private static Expression? SimplifyIn(In @in)
    {
        if (@in.Value is Literal || !@in.List.All(e => e is Literal) || !@in.Resolved)
        {
            return null;
        }
        var distinct = @in.List.Cast<Literal>().DistinctBy(l => (l.Value, l.DataType.SimpleString)).ToList();
        if (distinct.Count == 1 && distinct[0].DataType.Equals(@in.Value.DataType))
        {
            return new Comparison(ComparisonOperator.Equal, @in.Value, distinct[0]);
        }
        return distinct.Count < @in.List.Count ? new In(@in.Value, distinct) : null;
    }
}
