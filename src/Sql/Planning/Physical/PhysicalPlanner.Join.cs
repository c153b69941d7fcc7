using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using LogicalJoinType = Rdd.Sql.Planning.Logical.JoinType;
using PhysicalJoinType = Rdd.Sql.Execution.Operators.JoinType;

namespace Rdd.Sql.Planning.Physical;

internal static partial class PhysicalPlanner
{
    /// <summary>Right sides with at most this many rows in memory (local relations, in-memory batches) are broadcast.</summary>
    internal const long BroadcastRowThreshold = 10_000;

    /// <summary>
    /// Splits a join condition into equi-key pairs (conjuncts <c>l = r</c> where one side reads only left columns and
    /// the other only right columns, either way round; the left key first in each pair) and the residual conjuncts.
    /// </summary>
    internal static (List<(Expression Left, Expression Right)> Keys, List<Expression> Residual) SplitJoinCondition(
        Expression? condition, IReadOnlyList<AttributeReference> left, IReadOnlyList<AttributeReference> right)
    {
        var keys = new List<(Expression, Expression)>();
        var residual = new List<Expression>();
        if (condition is null)
        {
            return (keys, residual);
        }
        var leftIds = PlanExpressions.Ids(left);
        var rightIds = PlanExpressions.Ids(right);
        bool Side(Expression e, HashSet<ExprId> ids) => PlanExpressions.References(e).Count > 0 && PlanExpressions.ReadsOnly(e, ids);
        foreach (var conjunct in PlanExpressions.SplitConjuncts(condition))
        {
            if (conjunct is Comparison { Operator: ComparisonOperator.Equal } equal && equal.Left.DataType.Equals(equal.Right.DataType))
            {
                if (Side(equal.Left, leftIds) && Side(equal.Right, rightIds))
                {
                    keys.Add((equal.Left, equal.Right));
                    continue;
                }
                if (Side(equal.Left, rightIds) && Side(equal.Right, leftIds))
                {
                    keys.Add((equal.Right, equal.Left));
                    continue;
                }
            }
            residual.Add(conjunct);
        }
        return (keys, residual);
    }

    private sealed partial class Planner
    {
        /// <summary>
        /// A join: a <see cref="HashJoinExec"/> on the equi-keys with the other conjuncts as its residual condition;
        /// a <see cref="NestedLoopJoinExec"/> for inner and cross joins without equi-keys. The right side is
        /// broadcast (no shuffle) when it is a small in-memory relation and the join type never emits unmatched
        /// right rows.
        /// </summary>
        /// <exception cref="NotSupportedException">An outer, semi or anti join without an equality between the two sides.</exception>
        private PhysicalPlan PlanJoin(Join join)
        {
            var leftOutput = join.Left.Output;
            var rightOutput = join.Right.Output;
            var (keys, residualConjuncts) = SplitJoinCondition(join.Condition, leftOutput, rightOutput);
            var left = PlanNode(join.Left);
            var right = PlanNode(join.Right);
            IReadOnlyList<AttributeReference> joined = [.. leftOutput, .. rightOutput];
            var residual = PlanExpressions.And(residualConjuncts);

            if (keys.Count == 0)
            {
                if (join.JoinType is LogicalJoinType.Inner or LogicalJoinType.Cross)
                {
                    return new NestedLoopJoinExec(left, right, residual is null ? null : Bind(residual, joined));
                }
                throw new NotSupportedException(
                    $"A {join.JoinType.Display()} join needs at least one equality between a left and a right column "
                    + $"(condition: {join.Condition?.ToString() ?? "none"}); only inner and cross joins can run without one.");
            }

            var type = join.JoinType switch
            {
                LogicalJoinType.Inner or LogicalJoinType.Cross => PhysicalJoinType.Inner,
                LogicalJoinType.LeftOuter => PhysicalJoinType.LeftOuter,
                LogicalJoinType.RightOuter => PhysicalJoinType.RightOuter,
                LogicalJoinType.FullOuter => PhysicalJoinType.FullOuter,
                LogicalJoinType.LeftSemi => PhysicalJoinType.LeftSemi,
                LogicalJoinType.LeftAnti => PhysicalJoinType.LeftAnti,
                _ => throw new NotSupportedException($"Join type {join.JoinType} is not supported."),
            };
            bool broadcast = type is not (PhysicalJoinType.RightOuter or PhysicalJoinType.FullOuter) && IsSmallInMemory(join.Right);
            return new HashJoinExec(
                left,
                right,
                type,
                [.. keys.Select(k => Bind(k.Left, leftOutput))],
                [.. keys.Select(k => Bind(k.Right, rightOutput))],
                residual is null ? null : Bind(residual, joined),
                broadcastRight: broadcast);
        }

        /// <summary>Whether a plan is a local relation or an in-memory scan (under projections, filters and aliases) of few rows.</summary>
        private static bool IsSmallInMemory(LogicalPlan plan) => plan switch
        {
            LocalRelation local => local.Rows.Count <= BroadcastRowThreshold,
            // A cache not computed yet has no size: planning must not run its query (Explain would), so no broadcast.
            InMemoryRelation cached => cached.Data.RowCount is { } rows && rows <= BroadcastRowThreshold,
            Scan { Source: { Format: DataSourceFormat.Batches } source } => source.BatchRowCount <= BroadcastRowThreshold,
            SubqueryAlias or Project or Filter => IsSmallInMemory(plan.Children[0]),
            _ => false,
        };
    }
}
