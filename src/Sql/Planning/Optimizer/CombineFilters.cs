using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>[CombineFilters] merges adjacent filters: <c>Filter c1 (Filter c2 x)</c> → <c>Filter (c2 AND c1) x</c>.</summary>
internal sealed class CombineFilters : IOptimizerRule
{
    public string Name => nameof(CombineFilters);

    public LogicalPlan Rewrite(LogicalPlan plan) => plan.TransformUp(node =>
        node is Filter { Child: Filter inner } outer && PlanExpressions.IsDeterministic(inner.Condition)
            ? new Filter(BinaryLogical.And(inner.Condition, outer.Condition), inner.Child)
            : node);
}
