using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// Builds (unresolved) logical plans fluently, for the DataFrame API and for tests:
/// <c>LogicalPlanBuilder.Scan(source).Filter(cond).Project(a, b).Build()</c>.
/// </summary>
internal sealed class LogicalPlanBuilder(LogicalPlan plan)
{
    /// <summary>The plan built so far.</summary>
    public LogicalPlan Plan { get; } = plan ?? throw new ArgumentNullException(nameof(plan));

    public static LogicalPlanBuilder Scan(DataSource source) => new(Logical.Scan.Create(source));

    public static LogicalPlanBuilder Scan(DataSourceFormat format, StructType schema, params string[] paths) =>
        Scan(DataSource.Files(format, schema, paths));

    public static LogicalPlanBuilder Local(StructType schema, params object?[][] rows) => new(LocalRelation.Create(schema, rows));

    public static LogicalPlanBuilder From(LogicalPlan plan) => new(plan);

    public LogicalPlanBuilder Project(params Expression[] list) => new(new Project(list, Plan));

    public LogicalPlanBuilder Filter(Expression condition) => new(new Filter(condition, Plan));

    public LogicalPlanBuilder Aggregate(IReadOnlyList<Expression> grouping, IReadOnlyList<Expression> aggregates) => new(new Aggregate(grouping, aggregates, Plan));

    public LogicalPlanBuilder Join(LogicalPlan right, JoinType type, Expression? condition = null) => new(new Join(Plan, right, type, condition));

    public LogicalPlanBuilder Join(LogicalPlanBuilder right, JoinType type, Expression? condition = null) => Join(right.Plan, type, condition);

    public LogicalPlanBuilder JoinUsing(LogicalPlanBuilder right, JoinType type, params string[] columns) => new(new Join(Plan, right.Plan, type, null, columns));

    public LogicalPlanBuilder Sort(params SortOrder[] order) => new(new Sort(order, Plan));

    public LogicalPlanBuilder Limit(int count) => new(new Limit(count, Plan));

    public LogicalPlanBuilder Distinct() => new(new Distinct(Plan));

    public LogicalPlanBuilder Union(params LogicalPlanBuilder[] others) => new(new Union([Plan, .. others.Select(o => o.Plan)]));

    public LogicalPlanBuilder Alias(string alias) => new(new SubqueryAlias(alias, Plan));

    public LogicalPlanBuilder Window(IReadOnlyList<Expression> windowExpressions, IReadOnlyList<Expression> partitionSpec, IReadOnlyList<SortOrder> orderSpec) =>
        new(new Window(windowExpressions, partitionSpec, orderSpec, Plan));

    public LogicalPlan Build() => Plan;
}
