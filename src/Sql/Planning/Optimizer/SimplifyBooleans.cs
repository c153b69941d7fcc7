using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// [SimplifyBooleans] removes boolean identities (valid under three-valued logic): <c>true AND x</c> → x,
/// <c>false AND x</c> → false, <c>true OR x</c> → true, <c>false OR x</c> → x, <c>NOT NOT x</c> → x,
/// <c>NOT true</c> → false; and drops a Filter whose condition became <c>true</c>.
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
        _ => expression,
    };
}
