using System.Text.RegularExpressions;
using Rdd.Sql.Parsing.Ast;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql.Analysis;

/// <summary>
/// Runs a parsed statement for <see cref="SqlContext.Sql"/>: a query becomes a lazy frame over its plan; a command
/// acts on the context's views now and returns its output rows as a small local frame (Spark's command results).
/// </summary>
internal sealed class SqlStatementRunner(SqlContext sql)
{
    public DataFrame Run(SqlStatement statement) => statement switch
    {
        QueryStatement query => new DataFrame(sql, new SqlPlanner(sql).PlanQuery(query.Query)),
        CreateViewStatement create => CreateView(create),
        DropViewStatement drop => DropView(drop),
        ShowTablesStatement show => ShowTables(show),
        DescribeStatement describe => Describe(describe),
        ExplainStatement explain => Explain(explain),
        CacheTableStatement cache => CacheTable(cache),
        UncacheTableStatement uncache => UncacheTable(uncache),
        SetStatement set => Set(set),
        _ => throw new AnalysisException($"[UNSUPPORTED_FEATURE] The statement {statement.GetType().Name.Replace("Statement", "", StringComparison.Ordinal)} is not supported; {statement.Position}."),
    };

    /// <summary>
    /// Spark's SET and RESET: <c>SET key = value</c> sets and returns the pair, <c>SET key</c> returns it (the value
    /// <c>&lt;undefined&gt;</c> when unset without a default), <c>SET</c> lists the keys set, <c>RESET key</c> unsets it.
    /// </summary>
    private DataFrame Set(SetStatement set)
    {
        var schema = new StructType(new StructField("key", DataTypes.String, false), new StructField("value", DataTypes.String, false));
        var conf = sql.Conf;
        if (set.Reset)
        {
            conf.Unset(set.Key!);
            return Empty();
        }
        if (set.Key is null)
        {
            return Local(schema, [.. conf.All.Select(p => new object?[] { p.Key, p.Value })]);
        }
        if (set.Value is not null)
        {
            conf.Set(set.Key, set.Value);
        }
        string value;
        try
        {
            value = conf.Get(set.Key);
        }
        catch (KeyNotFoundException)
        {
            value = "<undefined>";
        }
        return Local(schema, [[set.Key, value]]);
    }

    private DataFrame Empty() => Local(new StructType(), []);

    private DataFrame Local(StructType schema, IReadOnlyList<object?[]> rows) => new(sql, LocalRelation.Create(schema, rows));

    private DataFrame CreateView(CreateViewStatement create)
    {
        if (!create.OrReplace && sql.TryGetView(create.Name) is not null)
        {
            throw new AnalysisException(
                $"[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create the temporary view `{create.Name}` because it already exists. "
                + $"Choose a different name, drop or replace the existing view; {create.Position}.");
        }
        var plan = new SqlPlanner(sql).PlanQuery(create.Query);
        if (create.ColumnNames is { } names)
        {
            plan = SqlPlanner.RenameColumns(plan, names, create.Name);
        }
        sql.RegisterView(create.Name, new DataFrame(sql, plan));
        return Empty();
    }

    private DataFrame DropView(DropViewStatement drop)
    {
        if (!sql.DropView(drop.Name) && !drop.IfExists)
        {
            throw new AnalysisException($"[TABLE_OR_VIEW_NOT_FOUND] The table or view `{drop.Name}` cannot be found; {drop.Position}.");
        }
        return Empty();
    }

    /// <summary>Spark's columns: <c>namespace</c> (empty for temporary views), <c>tableName</c>, <c>isTemporary</c>.</summary>
    private DataFrame ShowTables(ShowTablesStatement show)
    {
        var schema = new StructType(
            new StructField("namespace", DataTypes.String, false),
            new StructField("tableName", DataTypes.String, false),
            new StructField("isTemporary", DataTypes.Boolean, false));
        var names = sql.ViewNames.Where(n => show.Pattern is null || MatchesPattern(n, show.Pattern));
        return Local(schema, [.. names.Select(n => new object?[] { "", n, true })]);
    }

    /// <summary>Spark's SHOW TABLES pattern: <c>*</c> is any text, <c>|</c> separates alternatives, case-insensitive.</summary>
    private static bool MatchesPattern(string name, string pattern) =>
        pattern.Split('|').Any(p => Regex.IsMatch(name, "^" + string.Join(".*", p.Trim().Split('*').Select(Regex.Escape)) + "$", RegexOptions.IgnoreCase));

    /// <summary>Spark's columns: <c>col_name</c>, <c>data_type</c>, <c>comment</c> (NULL).</summary>
    private DataFrame Describe(DescribeStatement describe)
    {
        var plan = describe.Target switch
        {
            SubqueryRelation query => new SqlPlanner(sql).PlanQuery(query.Query),
            _ => new SqlPlanner(sql).PlanQuery(new QuerySyntax(describe.Position, [],
                new SelectBody(describe.Position, false, [new Expressions.ColumnReference("*")], describe.Target, null, null, null), [], null, null)),
        };
        var schema = new StructType(
            new StructField("col_name", DataTypes.String, false),
            new StructField("data_type", DataTypes.String, false),
            new StructField("comment", DataTypes.String, true));
        return Local(schema, [.. plan.Output.Select(a => new object?[] { a.Name, a.DataType.SimpleString, null })]);
    }

    /// <summary>
    /// Caches the view (first defining it from the query, if given) as <see cref="DataFrame.Cache"/> does, and
    /// computes it now unless LAZY (Spark's CACHE TABLE is eager).
    /// </summary>
    private DataFrame CacheTable(CacheTableStatement cache)
    {
        if (cache.Query is not null)
        {
            sql.RegisterView(cache.Name, new DataFrame(sql, new SqlPlanner(sql).PlanQuery(cache.Query)));
        }
        var frame = sql.TryGetView(cache.Name)
            ?? throw new AnalysisException($"[TABLE_OR_VIEW_NOT_FOUND] The table or view `{cache.Name}` cannot be found; {cache.Position}.");
        frame.Cache();
        if (!cache.Lazy)
        {
            frame.Count();
        }
        return Empty();
    }

    /// <summary>Points the view back at its uncached plan; later queries recompute it (the cached blocks age out of the store).</summary>
    private DataFrame UncacheTable(UncacheTableStatement uncache)
    {
        var frame = sql.TryGetView(uncache.Name);
        if (frame is null)
        {
            return uncache.IfExists
                ? Empty()
                : throw new AnalysisException($"[TABLE_OR_VIEW_NOT_FOUND] The table or view `{uncache.Name}` cannot be found; {uncache.Position}.");
        }
        if (frame.Plan is InMemoryRelation cached)
        {
            sql.RegisterView(uncache.Name, new DataFrame(sql, cached.CachedPlan));
        }
        return Empty();
    }

    /// <summary>One string column <c>plan</c> holding the text of <see cref="DataFrame.ExplainString"/>.</summary>
    private DataFrame Explain(ExplainStatement explain)
    {
        if (explain.Statement is not QueryStatement query)
        {
            throw new AnalysisException($"[UNSUPPORTED_FEATURE] EXPLAIN supports queries only; {explain.Statement.Position}.");
        }
        var frame = Run(query);
        var schema = new StructType(new StructField("plan", DataTypes.String, false));
        return Local(schema, [[frame.ExplainString(explain.Extended)]]);
    }
}
