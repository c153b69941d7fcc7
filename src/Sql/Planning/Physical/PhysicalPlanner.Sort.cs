using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Physical;

internal static partial class PhysicalPlanner
{
    private sealed partial class Planner
    {
        private PhysicalPlan PlanSort(Sort sort)
        {
            var child = PlanNode(sort.Child);
            var input = sort.Child.Output;
            return new SortExec(child, [.. sort.Order.Select(o => (SortOrder)Bind(o, input))]);
        }
    }
}
