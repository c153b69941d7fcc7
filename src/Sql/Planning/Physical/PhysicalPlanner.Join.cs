using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using LogicalJoinType = Rdd.Sql.Planning.Logical.JoinType;
using PhysicalJoinType = Rdd.Sql.Execution.Operators.JoinType;

namespace Rdd.Sql.Planning.Physical;

internal static partial class PhysicalPlanner
{
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
        /// A join: a <see cref="HashJoinExec"/> on the equi-keys with the other conjuncts as its residual condition
        /// (a <see cref="BroadcastLeftSemiJoinExec"/> for a semi or anti join with a small left side, see
        /// <see cref="BuildsLeftSemi"/>); a <see cref="NestedLoopJoinExec"/> for inner and cross joins without equi-keys. A side small enough to
        /// broadcast (<see cref="ChooseBuildSide"/>) is built once and probed from every partition of the other side,
        /// which is not shuffled; otherwise both sides are shuffled by key.
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
            var leftKeys = keys.Select(k => Bind(k.Left, leftOutput)).ToList();
            var rightKeys = keys.Select(k => Bind(k.Right, rightOutput)).ToList();
            if (BuildsLeftSemi(join, type))
            {
                return new BroadcastLeftSemiJoinExec(left, right, type, leftKeys, rightKeys, residual is null ? null : Bind(residual, joined));
            }
            var (buildSide, broadcast) = ChooseBuildSide(join, type);
            if (buildSide == BuildSide.Right)
            {
                return new HashJoinExec(left, right, type, leftKeys, rightKeys, residual is null ? null : Bind(residual, joined), broadcastRight: broadcast);
            }
            // Build the left side: the same join with the sides swapped (a right outer join becomes a left outer one),
            // emitting its columns in the left-then-right order.
            IReadOnlyList<AttributeReference> swapped = [.. rightOutput, .. leftOutput];
            var swappedType = type == PhysicalJoinType.RightOuter ? PhysicalJoinType.LeftOuter : type;
            int[] order = [.. join.Output.Select(a => ((BoundReference)Bind(a, swapped)).Ordinal)];
            return new HashJoinExec(right, left, swappedType, rightKeys, leftKeys, residual is null ? null : Bind(residual, swapped), broadcastRight: broadcast, outputColumns: order);
        }

        /// <summary>
        /// Whether a left semi or anti join broadcasts its left side (<see cref="BroadcastLeftSemiJoinExec"/>): the left
        /// side's estimated size is at most the threshold and smaller than the right side's, so probing the big right
        /// side where it lies beats shuffling it (or broadcasting it, when it also fits) to build a table of it.
        /// </summary>
        private bool BuildsLeftSemi(Join join, PhysicalJoinType type)
        {
            double leftSize = join.Left.Stats.SizeInBytes;
            return type is PhysicalJoinType.LeftSemi or PhysicalJoinType.LeftAnti
                && BroadcastThreshold >= 0 && leftSize <= BroadcastThreshold && leftSize < join.Right.Stats.SizeInBytes;
        }

        /// <summary>
        /// The side to build the hash table of, and whether it is broadcast, as Spark's JoinSelection: a side whose
        /// estimated size (<see cref="LogicalPlan.Stats"/>) is at most the threshold and that the join type lets be the
        /// build side (the right of inner, left outer, semi and anti joins; the left of inner and right outer joins,
        /// which never emit its unmatched rows once swapped) is broadcast, the smaller one when both qualify. Otherwise
        /// both sides are shuffled and the right side is built, or the left one of an inner join when it is smaller.
        /// A negative threshold turns broadcasting off.
        /// </summary>
        private (BuildSide Side, bool Broadcast) ChooseBuildSide(Join join, PhysicalJoinType type)
        {
            double leftSize = join.Left.Stats.SizeInBytes;
            double rightSize = join.Right.Stats.SizeInBytes;
            if (BroadcastThreshold >= 0)
            {
                bool canRight = type is PhysicalJoinType.Inner or PhysicalJoinType.LeftOuter or PhysicalJoinType.LeftSemi or PhysicalJoinType.LeftAnti;
                bool canLeft = type is PhysicalJoinType.Inner or PhysicalJoinType.RightOuter;
                bool right = canRight && rightSize <= BroadcastThreshold;
                bool left = canLeft && leftSize <= BroadcastThreshold;
                if (right || left)
                {
                    return (right && left ? (leftSize < rightSize ? BuildSide.Left : BuildSide.Right) : right ? BuildSide.Right : BuildSide.Left, true);
                }
            }
            return (type == PhysicalJoinType.Inner && leftSize < rightSize ? BuildSide.Left : BuildSide.Right, false);
        }
    }

    private enum BuildSide
    {
        Left,
        Right,
    }
}
