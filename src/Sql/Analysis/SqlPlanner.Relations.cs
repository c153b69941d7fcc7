using Rdd.Sql.Expressions;
using Rdd.Sql.Parsing.Ast;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Analysis;

internal sealed partial class SqlPlanner
{
    private LogicalPlan PlanRelation(RelationSyntax relation, Ctes ctes) => relation switch
    {
        TableRelation table => PlanTable(table, ctes),
        FileRelation file => Aliased(ReadFile(file), file.Alias),
        SubqueryRelation subquery => Aliased(PlanQuery(subquery.Query, ctes), subquery.Alias),
        JoinRelation join => PlanJoin(join, ctes),
        _ => throw new InvalidOperationException($"Unknown relation {relation.GetType().Name}."),
    };

    private static LogicalPlan Aliased(LogicalPlan plan, string? alias) => alias is null ? plan : Analyze(new SubqueryAlias(alias, plan));

    /// <summary>A CTE or temporary view by name, as <see cref="SqlContext.Table"/> gives it (qualified by its name, or by the alias).</summary>
    private LogicalPlan PlanTable(TableRelation table, Ctes ctes)
    {
        var plan = ctes.Find(table.Name) is { } cte
            ? new SubqueryAlias(table.Name, cte)
            : sql.TryGetView(table.Name) is { } view
                ? sql.Table(table.Name).Plan
                : throw TableNotFound(table.Name, table.Position, ctes);
        return Aliased(plan, table.Alias);
    }

    private AnalysisException TableNotFound(string name, TextPosition position, Ctes ctes) =>
        new($"[TABLE_OR_VIEW_NOT_FOUND] The table or view `{name}` cannot be found. "
            + $"Did you mean one of the following? [{string.Join(", ", AnalysisException.Nearest(name, ctes.Names.Concat(sql.ViewNames)).Select(n => $"`{n}`"))}]; {position}.");

    /// <summary>
    /// A file queried in place, read with Spark's defaults for these queries: CSV without header or inference
    /// (string columns <c>_c0</c>, <c>_c1</c>, …), JSON lines with inference, Arrow IPC, Parquet.
    /// </summary>
    private LogicalPlan ReadFile(FileRelation file)
    {
        var reader = sql.Read;
        var frame = file.Format switch
        {
            "csv" => reader.Csv(file.Path, header: false, inferSchema: false),
            "json" => reader.Json(file.Path),
            "arrow" => reader.Arrow(file.Path),
            "parquet" => reader.Parquet(file.Path),
            _ => throw new AnalysisException($"[UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY] Unsupported data source type for direct query on files: {file.Format}; {file.Position}."),
        };
        return frame.Plan;
    }

    /// <summary>
    /// A join of the resolved sides; a NATURAL join is a USING join on the columns both sides have (a cross join
    /// when they share none), a CROSS join with ON an inner join.
    /// </summary>
    private LogicalPlan PlanJoin(JoinRelation join, Ctes ctes)
    {
        var left = PlanRelation(join.Left, ctes);
        var right = PlanRelation(join.Right, ctes);
        var type = join.JoinType == JoinType.Cross && join.Condition is not null ? JoinType.Inner : join.JoinType;
        IReadOnlyList<string> usingColumns = join.UsingColumns ?? [];
        if (join.Natural)
        {
            usingColumns = [.. left.Output.Select(a => a.Name)
                .Where(n => right.Output.Any(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase)))
                .Distinct(StringComparer.OrdinalIgnoreCase)];
            if (usingColumns.Count == 0 && type == JoinType.Inner)
            {
                type = JoinType.Cross;
            }
        }
        return Analyze(new Join(left, right, type, join.Condition, usingColumns));
    }

    /// <summary>
    /// UNION [ALL] is a Union (under a Distinct unless ALL). INTERSECT and EXCEPT (distinct) group the union of both
    /// sides, each row tagged with the side it came from, by all columns and keep the groups seen on both sides
    /// (INTERSECT) or only on the left (EXCEPT): grouping matches NULL with NULL, as set operations must, and runs
    /// on the hash aggregate. The inputs' column types are widened as for UNION.
    /// </summary>
    private LogicalPlan PlanSetOperation(SetOperationBody set, Ctes ctes)
    {
        var left = PlanBody(set.Left, ctes);
        var right = PlanBody(set.Right, ctes);
        var union = (Union)Analyze(new Union([left, right]));
        if (set.Operator == SetOperator.Union)
        {
            return set.All ? union : Analyze(new Distinct(union));
        }
        var tagged = (Union)Analyze(new Union([Tagged(union.Children[0], 1), Tagged(union.Children[1], 0)]));
        var columns = tagged.Output.Take(tagged.Output.Count - 2).Cast<Expression>().ToList();
        if (set.All)
        {
            return PlanSetOperationAll(set.Operator, tagged, columns);
        }
        var fromLeft = new Alias(new AggregateFunction(AggregateKind.Max, tagged.Output[^2]), "__from_left");
        var fromRight = new Alias(new AggregateFunction(AggregateKind.Max, tagged.Output[^1]), "__from_right");
        var grouped = Analyze(new Aggregate(columns, [.. columns, fromLeft, fromRight], tagged));
        var inLeft = new Comparison(ComparisonOperator.Equal, grouped.Output[^2], Literal.Create(1));
        var inRight = new Comparison(ComparisonOperator.Equal, grouped.Output[^1], Literal.Create(set.Operator == SetOperator.Intersect ? 1 : 0));
        var kept = Analyze(new Filter(BinaryLogical.And(inLeft, inRight), grouped));
        return Analyze(new Project([.. kept.Output.Take(columns.Count)], kept));
    }

    /// <summary>
    /// INTERSECT ALL and EXCEPT ALL keep a row that is l times on the left and r times on the right min(l, r) times
    /// and max(l - r, 0) times (multisets, as Spark). Spark replicates each group's count; here one window over the
    /// tagged union, partitioned by all columns (NULL meets NULL) with the left rows first, numbers the left rows
    /// 1…l and counts r, and the left rows numbered up to r (INTERSECT ALL) or beyond r (EXCEPT ALL) are kept.
    /// </summary>
    private static LogicalPlan PlanSetOperationAll(SetOperator op, LogicalPlan tagged, List<Expression> columns)
    {
        var fromLeft = tagged.Output[^2];
        SortOrder[] leftFirst = [new SortOrder(fromLeft, ascending: false)];
        var rightRows = new Alias(
            new WindowExpression(new AggregateFunction(AggregateKind.Sum, tagged.Output[^1]), columns, leftFirst, new RowFrame(long.MinValue, long.MaxValue)),
            "__right_rows");
        var number = new Alias(new WindowExpression(new WindowFunction(WindowFunctionKind.RowNumber), columns, leftFirst), "__number");
        var windowed = Analyze(new Project([.. tagged.Output, rightRows, number], tagged));
        var output = windowed.Output;
        var keep = BinaryLogical.And(
            new Comparison(ComparisonOperator.Equal, output[columns.Count], Literal.Create(1)),
            new Comparison(op == SetOperator.Intersect ? ComparisonOperator.LessThanOrEqual : ComparisonOperator.GreaterThan, output[^1], output[^2]));
        var kept = Analyze(new Filter(keep, windowed));
        return Analyze(new Project([.. kept.Output.Take(columns.Count)], kept));
    }

    /// <summary>The rows of <paramref name="plan"/> with two tag columns: 1, 0 for the left side of a set operation, 0, 1 for the right.</summary>
    private static LogicalPlan Tagged(LogicalPlan plan, int left) =>
        Analyze(new Project([.. plan.Output, new Alias(Literal.Create(left), "__left"), new Alias(Literal.Create(1 - left), "__right")], plan));
}
