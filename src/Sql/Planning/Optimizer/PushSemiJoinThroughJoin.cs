using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// [PushSemiJoinThroughJoin] moves a left semi or anti join (what <c>IN</c> and <c>EXISTS</c> subqueries become)
/// below an inner join when its condition reads only one input of that join, as Spark's
/// PushLeftSemiLeftAntiThroughJoin: the rows it keeps or drops depend on that input alone, so it can filter it before
/// the join multiplies its rows (TPC-H Q18 keeps 57 of 1.5 million orders before joining them to their lines, not
/// after). The output is unchanged: a semi or anti join outputs its left input, here the inner join's columns in order.
/// </summary>
internal sealed class PushSemiJoinThroughJoin : IOptimizerRule
{
    public string Name => nameof(PushSemiJoinThroughJoin);

    public LogicalPlan Rewrite(LogicalPlan plan) => plan.TransformDown(Push);

    private static LogicalPlan Push(LogicalPlan node)
    {
        if (node is not Join { JoinType: JoinType.LeftSemi or JoinType.LeftAnti, Condition: { } condition } semi
            || semi.Left is not Join { JoinType: JoinType.Inner or JoinType.Cross } inner)
        {
            return node;
        }
        var references = PlanExpressions.References(condition);
        var leftIds = PlanExpressions.Ids(inner.Left.Output);
        var rightIds = PlanExpressions.Ids(inner.Right.Output);
        var subqueryIds = PlanExpressions.Ids(semi.Right.Output);
        if (!references.All(r => leftIds.Contains(r.ExprId) || rightIds.Contains(r.ExprId) || subqueryIds.Contains(r.ExprId)))
        {
            return node;
        }
        bool readsLeft = references.Any(r => leftIds.Contains(r.ExprId));
        bool readsRight = references.Any(r => rightIds.Contains(r.ExprId));
        if (readsLeft == readsRight)
        {
            return node;
        }
        return readsLeft
            ? new Join(new Join(inner.Left, semi.Right, semi.JoinType, condition), inner.Right, inner.JoinType, inner.Condition)
            : new Join(inner.Left, new Join(inner.Right, semi.Right, semi.JoinType, condition), inner.JoinType, inner.Condition);
    }
}
