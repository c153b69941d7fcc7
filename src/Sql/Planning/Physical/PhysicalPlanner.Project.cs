using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Physical;

internal static partial class PhysicalPlanner
{
    private sealed partial class Planner
    {
        private PhysicalPlan PlanProject(Project project)
        {
            var child = PlanNode(project.Child);
            return new ProjectExec(child, Bind(project.ProjectList, project.Child.Output));
        }
    }
}
