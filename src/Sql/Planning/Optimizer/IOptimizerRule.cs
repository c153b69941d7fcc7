using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// One logical rewrite. <see cref="Rewrite"/> returns the same instance when it changes nothing (the driver
/// uses that to detect a fixpoint) and must keep the plan's output schema (names and types).
/// </summary>
internal interface IOptimizerRule
{
    /// <summary>The rule's name, shown by <c>Explain(extended: true)</c> and used to disable it.</summary>
    string Name { get; }

    /// <summary>The rewritten plan, or <paramref name="plan"/> itself when the rule does not apply.</summary>
    LogicalPlan Rewrite(LogicalPlan plan);
}
