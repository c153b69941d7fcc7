using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// [SimplifyBooleans] removes boolean identities (valid under three-valued logic): <c>true AND x</c> → x,
/// <c>false AND x</c> → false, <c>true OR x</c> → true, <c>false OR x</c> → x, <c>NOT NOT x</c> → x,
/// <c>NOT true</c> → false; factors conjuncts common to both sides of an OR out of it, as Spark's
/// BooleanSimplification does: <c>(a AND b) OR (a AND c)</c> → <c>a AND (b OR c)</c> and <c>a OR (a AND b)</c> → a
/// (both hold under three-valued logic), so an equi-join key repeated in every branch (TPC-H Q19) becomes a join
/// condition instead of leaving a cross join; and drops a Filter whose condition became <c>true</c>.
/// </summary>
internal sealed class SimplifyBooleans : IOptimizerRule
{
    public string Name => nameof(SimplifyBooleans);

    public LogicalPlan Rewrite(LogicalPlan plan) =>
        plan.TransformAllExpressions(Simplify).TransformUp(node => node is Filter { Condition: Literal { Value: true } } f ? f.Child : node);

    internal static Expression Simplify(Expression expression) => expression switch
    {
        BinaryLogical { IsAnd: true, Left: Literal { Value: true } } and => and.Right,
        BinaryLogical { IsAnd: true, Right: Literal { Value: true } } and => and.Left,
        BinaryLogical { IsAnd: true, Left: Literal { Value: false } } and => and.Left,
        BinaryLogical { IsAnd: true, Right: Literal { Value: false } } and => and.Right,
        BinaryLogical { IsAnd: false, Left: Literal { Value: false } } or => or.Right,
        BinaryLogical { IsAnd: false, Right: Literal { Value: false } } or => or.Left,
        BinaryLogical { IsAnd: false, Left: Literal { Value: true } } or => or.Left,
        BinaryLogical { IsAnd: false, Right: Literal { Value: true } } or => or.Right,
        Not { Child: Not inner } => inner.Child,
        Not { Child: Literal { Value: bool b } } => Literal.Create(!b),
        BinaryLogical { IsAnd: false } either when FactorCommonConjuncts(either) is { } factored => factored,
        _ => expression,
    };

    private static Expression? FactorCommonConjuncts(BinaryLogical or)
    {
        if (!PlanExpressions.IsDeterministic(or)) return null;
        var left = PlanExpressions.SplitConjuncts(or.Left);
        var right = PlanExpressions.SplitConjuncts(or.Right);
        var rightKeys = right.Select(Key).ToHashSet(StringComparer.Ordinal);
        var common = left.Where(c => rightKeys.Contains(Key(c))).DistinctBy(Key).ToList();
        if (common.Count == 0) return null;
        var commonKeys = common.Select(Key).ToHashSet(StringComparer.Ordinal);
        var leftRest = left.Where(c => !commonKeys.Contains(Key(c))).ToList();
        var rightRest = right.Where(c => !commonKeys.Contains(Key(c))).ToList();
        var factored = PlanExpressions.And(common)!;
        // a OR (a AND b) is a: one side had nothing but the common conjuncts.
        return leftRest.Count == 0 || rightRest.Count == 0
            ? factored
            : PlanExpressions.And([factored, new BinaryLogical(false, PlanExpressions.And(leftRest)!, PlanExpressions.And(rightRest)!)]);
    }

    /// <summary>
    /// A text that two expressions share only when they compute the same thing: the expression's text (which names
    /// columns only by name) with the ids of the columns it reads, in order (n1.n_name and n2.n_name differ).
    /// </summary>
    private static string Key(Expression e) =>
        e + "\u0001" + string.Join(",", PlanExpressions.References(e).Select(a => a.ExprId.ToString()));
}
