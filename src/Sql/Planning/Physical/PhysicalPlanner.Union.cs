using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Physical;

internal static partial class PhysicalPlanner
{
    private sealed partial class Planner
    {
        /// <summary>UNION ALL by position; the analyzer has already made the column types agree.</summary>
        private PhysicalPlan PlanUnion(Union union) => new UnionExec([.. union.Children.Select(PlanNode)]);
    }
}
