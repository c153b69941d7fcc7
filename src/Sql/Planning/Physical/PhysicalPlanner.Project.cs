using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using JoinType = Rdd.Sql.Execution.Operators.JoinType;

namespace Rdd.Sql.Planning.Physical;

internal static partial class PhysicalPlanner
{
    private sealed partial class Planner
    {
        private PhysicalPlan PlanProject(Project project)
        {
            var child = PlanNode(project.Child);
            var list = Bind(project.ProjectList, project.Child.Output);
            if (child is HashJoinExec { JoinType: not (JoinType.LeftSemi or JoinType.LeftAnti) } join)
            {
                (child, list) = PruneJoinOutput(join, list);
            }
            return new ProjectExec(child, list);
        }

        /// <summary>
        /// A projection over a join that reads only some of the join's columns (the join keys are often needed by the
        /// join alone): the join emits just those, so it never gathers the others for its matched rows.
        /// </summary>
        private static (PhysicalPlan, IReadOnlyList<Expression>) PruneJoinOutput(HashJoinExec join, IReadOnlyList<Expression> list)
        {
            int[] used = [.. list.SelectMany(e => e.Descendants().OfType<BoundReference>()).Select(r => r.Ordinal).Distinct().Order()];
            if (used.Length == 0 || used.Length == join.Schema.Count)
            {
                return (join, list);
            }
            var position = used.Select((ordinal, i) => (ordinal, i)).ToDictionary(p => p.ordinal, p => p.i);
            IReadOnlyList<Expression> rebound = [.. list.Select(e => e.TransformUp(x => x is BoundReference r ? new BoundReference(position[r.Ordinal], r.Name, r.DataType, r.Nullable) : x))];
            return (join.WithOutputColumns(used), rebound);
        }
    }
}
