using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Physical;

internal static partial class PhysicalPlanner
{
    private sealed partial class Planner
    {
        private PhysicalPlan PlanFilter(Filter filter)
        {
            var child = PlanNode(filter.Child);
            return new FilterExec(child, Bind(filter.Condition, filter.Child.Output));
        }
    }
}
