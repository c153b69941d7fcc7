using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>Computes <see cref="ProjectList"/> for each row of the child: <c>SELECT a, b + 1 AS c</c>.</summary>
internal sealed class Project(IReadOnlyList<Expression> projectList, LogicalPlan child) : LogicalPlan
{
    /// <summary>The select list; once resolved each item is an <see cref="AttributeReference"/> or a <see cref="NamedAlias"/>.</summary>
    public IReadOnlyList<Expression> ProjectList { get; } = projectList ?? throw new ArgumentNullException(nameof(projectList));

    public LogicalPlan Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Project(ProjectList, children[0]);

    public override IReadOnlyList<AttributeReference> Output => [.. ProjectList.Select(PlanExpressions.ToAttribute)];

    public override IReadOnlyList<Expression> Expressions => ProjectList;

    public override LogicalPlan MapExpressions(Func<Expression, Expression> map)
    {
        var list = MapList(ProjectList, map);
        return ReferenceEquals(list, ProjectList) ? this : new Project(list, Child);
    }

    public override string NodeString => $"Project {List(ProjectList)}";
}
