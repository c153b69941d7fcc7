using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// [PushExtraPredicateThroughJoin] derives, from a join condition conjunct that reads both sides and holds an OR,
/// each side's own part of it and filters that side with it, as Spark's rule of the same name: a disjunction of
/// conjunctions <c>(a1 AND b1) OR (a2 AND b2)</c> implies <c>a1 OR a2</c> on the side of the a's when every disjunct
/// has a conjunct over that side alone. The original conjunct stays in the condition (the derived filters are only
/// implied by it). TPC-H Q7's <c>(n1 = FRANCE AND n2 = GERMANY) OR (n1 = GERMANY AND n2 = FRANCE)</c> keeps 2 of the
/// 25 nations on each side, and Q19 filters part by brands, containers and sizes before the join, not after.
/// A side only gets the filter when the join drops that side's unmatched rows (both for inner, cross and semi joins,
/// the right of a left outer or anti join, the left of a right outer one), where its rows failing the condition
/// never reach the output. It runs once (Spark tags processed joins instead), since the derived filters move away
/// from the join and would be derived again on every pass.
/// </summary>
internal sealed class PushExtraPredicateThroughJoin : IOptimizerRule
{
    public string Name => nameof(PushExtraPredicateThroughJoin);

    public LogicalPlan Rewrite(LogicalPlan plan) => plan.TransformUp(node => node is Join { Condition: not null } join ? Push(join) : node);

    private static LogicalPlan Push(Join join)
    {
        bool toLeft = join.JoinType is JoinType.Inner or JoinType.Cross or JoinType.LeftSemi or JoinType.RightOuter;
        bool toRight = join.JoinType is JoinType.Inner or JoinType.Cross or JoinType.LeftSemi or JoinType.LeftOuter or JoinType.LeftAnti;
        var leftIds = PlanExpressions.Ids(join.Left.Output);
        var rightIds = PlanExpressions.Ids(join.Right.Output);
        var leftPushed = new List<Expression>();
        var rightPushed = new List<Expression>();
        foreach (var conjunct in PlanExpressions.SplitConjuncts(join.Condition!))
        {
            if (!HasOr(conjunct) || !PlanExpressions.IsDeterministic(conjunct)
                || PlanExpressions.ReadsOnly(conjunct, leftIds) || PlanExpressions.ReadsOnly(conjunct, rightIds))
            {
                continue;
            }
            if (toLeft && Extract(conjunct, leftIds) is { } left)
            {
                leftPushed.Add(left);
            }
            if (toRight && Extract(conjunct, rightIds) is { } right)
            {
                rightPushed.Add(right);
            }
        }
        if (leftPushed.Count == 0 && rightPushed.Count == 0)
        {
            return join;
        }
        return new Join(WithFilter(join.Left, leftPushed), WithFilter(join.Right, rightPushed), join.JoinType, join.Condition);
    }

    private static bool HasOr(Expression e) => e.Descendants().Any(d => d is BinaryLogical { IsAnd: false });

    /// <summary>
    /// The part of <paramref name="condition"/> that reads only <paramref name="ids"/> and is implied by it (Spark's
    /// extractPredicatesWithinOutputSet): an AND keeps whichever sides have such a part, an OR needs one in both sides;
    /// null when there is none.
    /// </summary>
    internal static Expression? Extract(Expression condition, HashSet<ExprId> ids)
    {
        switch (condition)
        {
            case BinaryLogical { IsAnd: true } and:
            {
                var left = Extract(and.Left, ids);
                var right = Extract(and.Right, ids);
                return left is null ? right : right is null ? left : BinaryLogical.And(left, right);
            }
            case BinaryLogical or:
            {
                var left = Extract(or.Left, ids);
                var right = left is null ? null : Extract(or.Right, ids);
                return left is null || right is null ? null : BinaryLogical.Or(left, right);
            }
            default:
                return PlanExpressions.References(condition).Count > 0 && PlanExpressions.ReadsOnly(condition, ids) && PlanExpressions.IsDeterministic(condition)
                    ? condition
                    : null;
        }
    }

    private static LogicalPlan WithFilter(LogicalPlan child, IReadOnlyList<Expression> conjuncts) =>
        PlanExpressions.And(conjuncts) is { } condition ? new Filter(condition, child) : child;
}
