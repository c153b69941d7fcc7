using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>[CombineLimits] merges adjacent limits into the smaller one: <c>Limit 5 (Limit 10 x)</c> → <c>Limit 5 x</c>.</summary>
internal sealed class CombineLimits : IOptimizerRule
{
    public string Name => nameof(CombineLimits);

    public LogicalPlan Rewrite(LogicalPlan plan) => plan.TransformUp(node =>
        node is Limit { Child: Limit inner } outer ? new Limit(Math.Min(outer.Count, inner.Count), inner.Child) : node);
}
