using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql.Planning.Optimizer;

using Window = Rdd.Sql.Planning.Logical.Window;

/// <summary>
/// [InferWindowGroupLimit] (Spark 3.5) puts a <see cref="WindowGroupLimit"/> below a Window whose rank is
/// filtered by an upper bound, so the window partitions and sorts only the rows that can pass:
/// <c>Filter (rn &lt;= 2) (Window [row_number() OVER (PARTITION BY g ORDER BY v DESC) AS rn] x)</c> becomes
/// <c>Filter (rn &lt;= 2) (Window [...] (WindowGroupLimit [g], [v DESC], row_number(), 2 x))</c>. It applies when
/// the Window has an ORDER BY, every one of its functions is row_number, rank or dense_rank, and a conjunct of the
/// filter bounds one of them by a constant: <c>r &lt;= k</c>, <c>r &lt; k</c> (k - 1), <c>r = k</c> (k), or the
/// mirrored <c>k &gt;= r</c>, <c>k &gt; r</c>, <c>k = r</c>. Among several bounds it prefers row_number (it keeps the
/// fewest rows), then the smallest bound. Nothing changes when the bound is not positive (Spark would return no
/// rows; this engine leaves that to the filter) or exceeds <see cref="Threshold"/>, Spark's default
/// <c>spark.sql.optimizer.windowGroupLimitThreshold</c>, beyond which keeping the top rows per group saves little.
/// The Filter and the Window stay, so the result is exactly what it was.
/// </summary>
internal sealed class InferWindowGroupLimit : IOptimizerRule
{
    /// <summary>The largest bound for which the rule applies.</summary>
    public const int Threshold = 1000;

    public string Name => nameof(InferWindowGroupLimit);

    public LogicalPlan Rewrite(LogicalPlan plan) => plan.TransformUp(node =>
        node is Filter { Child: Window window } filter ? Infer(filter, window) : node);

    private static LogicalPlan Infer(Filter filter, Window window)
    {
        if (window.OrderSpec.Count == 0 || AlreadyLimited(window))
        {
            return filter;
        }
        var functions = new List<(ExprId Id, WindowFunction Function)>();
        foreach (var expression in window.WindowExpressions)
        {
            if (RankLikeFunction(expression) is not { } function)
            {
                return filter;
            }
            functions.Add((PlanExpressions.ToAttribute(expression).ExprId, function));
        }

        (int Limit, WindowFunction Function)? best = null;
        foreach (var (id, function) in functions)
        {
            if (SmallestBound(filter.Condition, id) is not { } limit)
            {
                continue;
            }
            bool rowNumber = function.Kind == WindowFunctionKind.RowNumber;
            bool bestIsRowNumber = best?.Function.Kind == WindowFunctionKind.RowNumber;
            if (best is null || (rowNumber && !bestIsRowNumber) || (rowNumber == bestIsRowNumber && limit < best.Value.Limit))
            {
                best = (limit, function);
            }
        }
        if (best is not { } chosen || chosen.Limit <= 0 || chosen.Limit > Threshold)
        {
            return filter;
        }
        var limited = new WindowGroupLimit(window.PartitionSpec, window.OrderSpec, chosen.Function, chosen.Limit, window.Child);
        return new Filter(filter.Condition, window.WithChildren([limited]));
    }

    /// <summary>The row_number/rank/dense_rank a window expression computes; null for any other function.</summary>
    private static WindowFunction? RankLikeFunction(Expression expression)
    {
        var body = expression is NamedAlias named ? named.Child : expression;
        var function = body is WindowExpression over ? over.Function : body;
        return function is WindowFunction { IsRanking: true } ranking ? ranking : null;
    }

    /// <summary>
    /// Whether a group limit with the same partitioning and order is already below the window, possibly under
    /// filters later pushed below the window (on partition columns only, which commute with a per-group limit):
    /// the rule must not stack another one on every optimizer pass.
    /// </summary>
    private static bool AlreadyLimited(Window window)
    {
        var node = window.Child;
        while (node is Filter below)
        {
            node = below.Child;
        }
        return node is WindowGroupLimit existing
            && existing.PartitionSpec.Count == window.PartitionSpec.Count
            && existing.OrderSpec.Count == window.OrderSpec.Count
            && existing.PartitionSpec.Zip(window.PartitionSpec).All(p => PlanExpressions.SemanticEquals(p.First, p.Second))
            && existing.OrderSpec.Zip(window.OrderSpec).All(p => PlanExpressions.SemanticEquals(p.First, p.Second));
    }

    /// <summary>The smallest upper bound the conjuncts of <paramref name="condition"/> put on the attribute <paramref name="rank"/>; null when none does.</summary>
    private static int? SmallestBound(Expression condition, ExprId rank)
    {
        long? smallest = null;
        foreach (var conjunct in PlanExpressions.SplitConjuncts(condition))
        {
            if (conjunct is not Comparison comparison)
            {
                continue;
            }
            long? bound = comparison.Operator switch
            {
                ComparisonOperator.Equal when IsRank(comparison.Left, rank) => Constant(comparison.Right),
                ComparisonOperator.Equal when IsRank(comparison.Right, rank) => Constant(comparison.Left),
                ComparisonOperator.LessThanOrEqual when IsRank(comparison.Left, rank) => Constant(comparison.Right),
                ComparisonOperator.GreaterThanOrEqual when IsRank(comparison.Right, rank) => Constant(comparison.Left),
                ComparisonOperator.LessThan when IsRank(comparison.Left, rank) => Constant(comparison.Right) - 1,
                ComparisonOperator.GreaterThan when IsRank(comparison.Right, rank) => Constant(comparison.Left) - 1,
                _ => null,
            };
            if (bound is { } b && (smallest is null || b < smallest))
            {
                smallest = b;
            }
        }
        return smallest is { } s ? (int)Math.Clamp(s, int.MinValue, int.MaxValue) : null;
    }

    /// <summary>
    /// Whether <paramref name="expression"/> is the rank attribute, possibly widened to another integer type by
    /// type coercion (<c>rn &lt;= 2L</c> compares <c>CAST(rn AS BIGINT)</c>; widening keeps every value).
    /// </summary>
    private static bool IsRank(Expression expression, ExprId rank) => expression switch
    {
        AttributeReference attribute => attribute.ExprId == rank,
        Cast { DataType: LongType or IntegerType, Child: AttributeReference attribute } => attribute.ExprId == rank,
        _ => false,
    };

    /// <summary>The value of a non-null integer literal; null for anything else.</summary>
    private static long? Constant(Expression expression) => expression is Literal { Value: var value }
        ? value switch
        {
            int i => i,
            long l => l,
            short s => s,
            sbyte b => b,
            _ => null,
        }
        : null;
}
