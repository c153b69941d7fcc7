using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Physical;

using Window = Rdd.Sql.Planning.Logical.Window;

internal static partial class PhysicalPlanner
{
    private sealed partial class Planner
    {
        /// <summary>A <see cref="WindowExec"/>: the child's columns, then one per window expression (the logical node's output order).</summary>
        private PhysicalPlan PlanWindow(Window window)
        {
            var child = PlanNode(window.Child);
            var input = window.Child.Output;
            return new WindowExec(
                child,
                Bind(window.WindowExpressions, input),
                Bind(window.PartitionSpec, input),
                [.. window.OrderSpec.Select(o => (SortOrder)Bind(o, input))]);
        }
    }
}
