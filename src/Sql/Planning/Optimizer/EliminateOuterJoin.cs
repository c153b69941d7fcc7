using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// [EliminateOuterJoin] turns an outer join under a filter into a less outer one when the filter can never be true on
/// the rows the join pads with NULLs, as Spark's rule: a left outer join becomes inner when a conjunct of the filter is
/// not true whenever the right side's columns are NULL (the padded rows would all be filtered out), a right outer join
/// likewise with the left side, and a full outer join becomes left, right or inner by which sides are so filtered.
/// Spark infers <c>IsNotNull</c> constraints for this; here a conjunct rejects a side's NULLs when it is a comparison,
/// arithmetic, cast, LIKE, IN or NOT over one of that side's columns (all NULL in, NULL out), or an AND/OR/IS NOT NULL
/// of such. The decorrelated scalar subqueries of TPC-H Q17 (<c>l_quantity &lt; 0.2 * avg(...)</c>) and Q20 become
/// inner joins, which filters can then be pushed into and reordered.
/// </summary>
internal sealed class EliminateOuterJoin : IOptimizerRule
{
    public string Name => nameof(EliminateOuterJoin);

    public LogicalPlan Rewrite(LogicalPlan plan) => plan.TransformUp(Eliminate);

    private static LogicalPlan Eliminate(LogicalPlan node)
    {
        if (node is not Filter { Child: Join { JoinType: JoinType.LeftOuter or JoinType.RightOuter or JoinType.FullOuter } join } filter)
        {
            return node;
        }
        var conjuncts = PlanExpressions.SplitConjuncts(filter.Condition).Where(PlanExpressions.IsDeterministic).ToList();
        var leftIds = PlanExpressions.Ids(join.Left.Output);
        var rightIds = PlanExpressions.Ids(join.Right.Output);
        bool leftRejected = conjuncts.Any(c => NotTrueWhenNull(c, leftIds));
        bool rightRejected = conjuncts.Any(c => NotTrueWhenNull(c, rightIds));
        var type = join.JoinType switch
        {
            JoinType.LeftOuter when rightRejected => JoinType.Inner,
            JoinType.RightOuter when leftRejected => JoinType.Inner,
            JoinType.FullOuter when leftRejected && rightRejected => JoinType.Inner,
            JoinType.FullOuter when leftRejected => JoinType.LeftOuter,
            JoinType.FullOuter when rightRejected => JoinType.RightOuter,
            _ => join.JoinType,
        };
        return type == join.JoinType ? node : new Filter(filter.Condition, new Join(join.Left, join.Right, type, join.Condition));
    }

    /// <summary>Whether <paramref name="predicate"/> is certainly false or NULL when every column in <paramref name="ids"/> is NULL.</summary>
    internal static bool NotTrueWhenNull(Expression predicate, HashSet<ExprId> ids) => predicate switch
    {
        BinaryLogical { IsAnd: true } and => NotTrueWhenNull(and.Left, ids) || NotTrueWhenNull(and.Right, ids),
        BinaryLogical or => NotTrueWhenNull(or.Left, ids) && NotTrueWhenNull(or.Right, ids),
        IsNull { Negated: true } isNotNull => NullWhenNull(isNotNull.Child, ids),
        _ => NullWhenNull(predicate, ids),
    };

    /// <summary>Whether <paramref name="expression"/> is certainly NULL when every column in <paramref name="ids"/> is NULL.</summary>
    private static bool NullWhenNull(Expression expression, HashSet<ExprId> ids) => expression switch
    {
        AttributeReference a => ids.Contains(a.ExprId),
        Comparison or Arithmetic or Cast or Like or Not => expression.Children.Any(c => NullWhenNull(c, ids)),
        In @in => NullWhenNull(@in.Value, ids),
        _ => false,
    };
}
