using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// [CombineProjections] collapses a Project over a Project into one, substituting the inner aliases into the
/// outer list (<c>Project [c AS d] (Project [(a + 1) AS c] x)</c> → <c>Project [(a + 1) AS d] x</c>), when the
/// inner list is deterministic and, as Spark's CollapseProject, no computed (non-cheap) inner alias is read more
/// than once above, which would compute it twice; and removes a Project that only repeats its child's output.
/// </summary>
internal sealed class CombineProjections : IOptimizerRule
{
    public string Name => nameof(CombineProjections);

    public LogicalPlan Rewrite(LogicalPlan plan) => plan.TransformUp(node => node switch
    {
        Project { Child: Project inner } outer when inner.ProjectList.All(PlanExpressions.IsDeterministic) && !DuplicatesWork(outer, inner) =>
            Collapse(outer, inner),
        Project p when IsNoOp(p) => p.Child,
        _ => node,
    });

    private static LogicalPlan Collapse(Project outer, Project inner)
    {
        var aliases = PlanExpressions.AliasMap(inner.ProjectList);
        var list = outer.ProjectList.Select(item => item switch
        {
            AttributeReference a when aliases.TryGetValue(a.ExprId, out var definition) => new NamedAlias(definition, a.Name, a.ExprId),
            NamedAlias n => new NamedAlias(PlanExpressions.Substitute(n.Child, aliases), n.Name, n.ExprId),
            _ => item,
        }).ToList();
        var collapsed = new Project(list, inner.Child);
        return IsNoOp(collapsed) ? collapsed.Child : collapsed;
    }

    /// <summary>Whether collapsing would copy a computed inner alias into more than one place.</summary>
    private static bool DuplicatesWork(Project outer, Project inner)
    {
        var computed = inner.ProjectList.OfType<NamedAlias>()
            .Where(a => a.Child is not (AttributeReference or Literal))
            .Select(a => a.ExprId)
            .ToHashSet();
        return outer.ProjectList.SelectMany(e => e.Descendants()).OfType<AttributeReference>()
            .Where(a => computed.Contains(a.ExprId))
            .GroupBy(a => a.ExprId)
            .Any(g => g.Count() > 1);
    }

    /// <summary>Whether the Project lists exactly its child's columns, in order, under the same names.</summary>
    private static bool IsNoOp(Project project)
    {
        var childOutput = project.Child.Output;
        return project.ProjectList.Count == childOutput.Count
            && project.ProjectList.Zip(childOutput).All(p => p.First is AttributeReference a && a.ExprId == p.Second.ExprId && a.Name == p.Second.Name);
    }
}
