using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

using Window = Rdd.Sql.Planning.Logical.Window;

/// <summary>
/// [PruneColumns] drops columns nobody reads, top-down: a Project or Aggregate keeps only the items its parent
/// reads (the root keeps all), and a Scan reads only the columns referenced above it (plus those its pushed
/// filters read) through <see cref="Scan.RequiredColumns"/>; a Window drops the window expressions nobody
/// reads, and disappears when none is left. A Distinct or Union needs every input column.
/// A Project, Aggregate or Scan keeps at least one column so the row count survives (<c>count(*)</c>).
/// </summary>
internal sealed class PruneColumns : IOptimizerRule
{
    public string Name => nameof(PruneColumns);

    public LogicalPlan Rewrite(LogicalPlan plan) => Prune(plan, PlanExpressions.Ids(plan.Output));

    private static LogicalPlan Prune(LogicalPlan node, HashSet<ExprId> required)
    {
        switch (node)
        {
            case Project project:
            {
                var list = Keep(project.ProjectList, required);
                var child = Prune(project.Child, PlanExpressions.Ids(PlanExpressions.References(list)));
                return ReferenceEquals(list, project.ProjectList) && ReferenceEquals(child, project.Child) ? project : new Project(list, child);
            }
            case Aggregate aggregate:
            {
                var list = Keep(aggregate.AggregateExpressions, required);
                var child = Prune(aggregate.Child, PlanExpressions.Ids(PlanExpressions.References([.. aggregate.GroupingExpressions, .. list])));
                return ReferenceEquals(list, aggregate.AggregateExpressions) && ReferenceEquals(child, aggregate.Child)
                    ? aggregate
                    : new Aggregate(aggregate.GroupingExpressions, list, child);
            }
            case Scan scan:
            {
                var needed = new HashSet<ExprId>(required);
                needed.UnionWith(PlanExpressions.Ids(PlanExpressions.References(scan.PushedFilters)));
                var columns = scan.FullOutput.Where(a => needed.Contains(a.ExprId)).ToList();
                if (columns.Count == 0)
                {
                    columns.Add(scan.FullOutput[0]);
                }
                if (columns.Select(a => a.ExprId).SequenceEqual(scan.Output.Select(a => a.ExprId)))
                {
                    return scan;
                }
                return scan.WithRequiredColumns(columns.Count == scan.FullOutput.Count ? null : columns);
            }
            case Window window:
            {
                var kept = window.WindowExpressions.Where(e => required.Contains(PlanExpressions.ToAttribute(e).ExprId)).ToList();
                var childRequired = new HashSet<ExprId>(required);
                childRequired.UnionWith(PlanExpressions.Ids(PlanExpressions.References([.. kept, .. window.PartitionSpec, .. window.OrderSpec])));
                if (kept.Count == 0)
                {
                    return Prune(window.Child, required);
                }
                var child = Prune(window.Child, childRequired);
                return kept.Count == window.WindowExpressions.Count && ReferenceEquals(child, window.Child)
                    ? window
                    : new Window(kept.Count == window.WindowExpressions.Count ? window.WindowExpressions : kept, window.PartitionSpec, window.OrderSpec, child);
            }
            case Distinct or Union or LocalRelation:
                return node.MapChildren(c => Prune(c, PlanExpressions.Ids(c.Output)));
            default:
            {
                var childRequired = new HashSet<ExprId>(required);
                childRequired.UnionWith(PlanExpressions.Ids(node.References));
                return node.MapChildren(c => Prune(c, childRequired));
            }
        }
    }

    /// <summary>The items of a select list whose columns are required; the list itself when all are; never empty.</summary>
    private static IReadOnlyList<Expression> Keep(IReadOnlyList<Expression> list, HashSet<ExprId> required)
    {
        var kept = list.Where(e => required.Contains(PlanExpressions.ToAttribute(e).ExprId)).ToList();
        if (kept.Count == list.Count)
        {
            return list;
        }
        return kept.Count > 0 ? kept : [list[0]];
    }
}
