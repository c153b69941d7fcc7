using Rdd.Sql.Expressions;
using Rdd.Sql.Parsing.Ast;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Analysis;

/// <summary>
/// Turns a parsed query (<see cref="QuerySyntax"/>) into the same logical plan nodes the DataFrame API builds -
/// Project, Filter, Aggregate, Join, Sort, Limit, Union, Distinct, SubqueryAlias - resolving them with
/// <see cref="Analyzer"/> as it goes bottom-up, so what SQL needs beyond the API (ordinals, select aliases in
/// GROUP BY/ORDER BY, aggregates in HAVING/ORDER BY that the select list lacks, NATURAL joins) is decided on
/// resolved inputs. Names are looked up first in the query's CTEs, then in the context's temporary views.
/// </summary>
internal sealed partial class SqlPlanner(SqlContext sql)
{
    /// <summary>The plan of <paramref name="query"/>, resolved.</summary>
    /// <exception cref="AnalysisException">An unknown view, column or function, or a type error.</exception>
    public LogicalPlan PlanQuery(QuerySyntax query) => PlanQuery(query, Ctes.Empty);

    private LogicalPlan PlanQuery(QuerySyntax query, Ctes ctes)
    {
        foreach (var cte in query.With)
        {
            var plan = PlanQuery(cte.Query, ctes);
            if (cte.ColumnNames is { } names)
            {
                plan = RenameColumns(plan, names, cte.Name);
            }
            ctes = ctes.With(cte.Name, plan);
        }
        var result = query.Body is SelectBody select
            ? PlanSelect(select, query.OrderBy, ctes)
            : Sorted(PlanBody(query.Body, ctes), query.OrderBy);
        int offset = query.Offset ?? 0;
        if (query.Limit is { } limit)
        {
            // LIMIT n OFFSET m keeps rows m … m + n - 1: limit to m + n (a limit runs per partition first), then skip m.
            result = Analyze(new Limit((int)Math.Min(int.MaxValue, (long)limit + offset), result));
        }
        if (offset > 0)
        {
            result = Analyze(new Offset(offset, result));
        }
        return result;
    }

    private LogicalPlan PlanBody(QueryBody body, Ctes ctes) => body switch
    {
        SelectBody select => PlanSelect(select, [], ctes),
        NestedQueryBody nested => PlanQuery(nested.Query, ctes),
        SetOperationBody set => PlanSetOperation(set, ctes),
        _ => throw new InvalidOperationException($"Unknown query body {body.GetType().Name}."),
    };

    /// <summary>Sorts a plan whose keys can only name its output (a set operation's result), by name or ordinal.</summary>
    private static LogicalPlan Sorted(LogicalPlan plan, IReadOnlyList<SortOrder> order) =>
        order.Count == 0 ? plan : Analyze(new Sort([.. order.Select(o => ReplaceOrdinal(o, plan.Output))], plan));

    /// <summary>Output columns renamed to <paramref name="names"/> (a CTE's or view's column list).</summary>
    internal static LogicalPlan RenameColumns(LogicalPlan plan, IReadOnlyList<string> names, string owner)
    {
        var output = plan.Output;
        if (names.Count != output.Count)
        {
            throw new AnalysisException(
                $"[CREATE_VIEW_COLUMN_ARITY_MISMATCH] Cannot create `{owner}`: {names.Count} column names were given for {output.Count} columns "
                + $"[{string.Join(", ", output.Select(a => $"`{a.Name}`"))}].");
        }
        return Analyze(new Project([.. output.Select((a, i) => (Expression)new Alias(a, names[i]))], plan));
    }

    private static LogicalPlan Analyze(LogicalPlan plan) => Analyzer.Analyze(plan);

    /// <summary>An ORDER BY or GROUP BY ordinal (<c>ORDER BY 2</c>) as the column it stands for; any other key unchanged.</summary>
    private static SortOrder ReplaceOrdinal(SortOrder order, IReadOnlyList<AttributeReference> output) =>
        Ordinal(order.Child, output.Count, "ORDER BY") is { } i ? (SortOrder)order.WithChildren([output[i]]) : order;

    /// <summary>The 0-based position an integer literal names in a list of <paramref name="count"/> items, or null for any other expression.</summary>
    private static int? Ordinal(Expression expression, int count, string clause)
    {
        if (expression is not Literal { Value: int n })
        {
            return null;
        }
        return n >= 1 && n <= count
            ? n - 1
            : throw new AnalysisException(
                $"[{(clause == "ORDER BY" ? "ORDER_BY_POS_OUT_OF_RANGE" : "GROUP_BY_POS_OUT_OF_RANGE")}] {clause} position {n} is not in select list (valid range is [1, {count}]).");
    }

    /// <summary>The CTEs visible at a point of the query: an immutable list searched from the newest.</summary>
    private sealed class Ctes
    {
        public static readonly Ctes Empty = new(null, "", null!);

        private readonly Ctes? _parent;
        private readonly string _name;
        private readonly LogicalPlan _plan;

        private Ctes(Ctes? parent, string name, LogicalPlan plan)
        {
            _parent = parent;
            _name = name;
            _plan = plan;
        }

        public Ctes With(string name, LogicalPlan plan) => new(this, name, plan);

        public LogicalPlan? Find(string name)
        {
            for (var scope = this; scope?._parent is not null; scope = scope._parent)
            {
                if (string.Equals(scope._name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return scope._plan;
                }
            }
            return null;
        }

        public IEnumerable<string> Names
        {
            get
            {
                for (var scope = this; scope?._parent is not null; scope = scope._parent)
                {
                    yield return scope._name;
                }
            }
        }
    }
}
