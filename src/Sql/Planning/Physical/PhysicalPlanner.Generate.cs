using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Physical;

internal static partial class PhysicalPlanner
{
    private sealed partial class Planner
    {
        private PhysicalPlan PlanGenerate(Generate generate)
        {
            var child = PlanNode(generate.Child);
            return new GenerateExec(child, Bind(generate.Generator, generate.Child.Output), generate.Item.Name, generate.Item.Nullable);
        }
    }
}
