using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Analysis;
using Rdd.Sql.Execution.Caching;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Planning.Optimizer;
using Rdd.Sql.Planning.Physical;
using Rdd.Sql.Show;
using Rdd.Sql.Types;

namespace Rdd.Sql;

/// <summary>
/// A distributed table with named, typed columns, Spark's <c>DataFrame</c>: an immutable description of a query
/// (a logical plan). Transformations (<see cref="Select(Column[])"/>, <see cref="Where(Column)"/>, …) return a
/// new frame and are checked at once (an unknown column throws <see cref="AnalysisException"/>); actions
/// (<see cref="Collect"/>, <see cref="Count"/>, <see cref="Show"/>, <see cref="Write"/>) optimize the plan and run it.
/// </summary>
public sealed partial class DataFrame
{
    internal DataFrame(SqlContext sql, LogicalPlan plan)
    {
        SqlContext = sql ?? throw new ArgumentNullException(nameof(sql));
        Parsed = plan ?? throw new ArgumentNullException(nameof(plan));
        Plan = Analyzer.Analyze(plan);
    }

    /// <summary>The context that created this frame.</summary>
    public SqlContext SqlContext { get; }

    /// <summary>The plan as built by the API calls.</summary>
    internal LogicalPlan Parsed { get; }

    /// <summary>The analyzed (resolved) plan.</summary>
    internal LogicalPlan Plan { get; private set; }

    /// <summary>The columns' names, types and nullability.</summary>
    public StructType Schema => Plan.Schema;

    /// <summary>The column names, in order.</summary>
    public string[] Columns => [.. Plan.Output.Select(a => a.Name)];

    private DataFrame With(LogicalPlan plan) => new(SqlContext, plan);

    private IReadOnlyList<Expression> OutputExpressions => [.. Plan.Output.Cast<Expression>()];

    // ---- transformations -------------------------------------------------------------------------------

    /// <summary>The columns <paramref name="cols"/> (expressions, optionally named with <see cref="Column.As"/>).</summary>
    public DataFrame Select(params Column[] cols)
    {
        ArgumentNullException.ThrowIfNull(cols);
        return With(new Project([.. cols.Select(c => c.Expression)], Plan));
    }

    /// <summary>The columns named <paramref name="cols"/>.</summary>
    public DataFrame Select(params string[] cols)
    {
        ArgumentNullException.ThrowIfNull(cols);
        return Select([.. cols.Select(Functions.Col)]);
    }

    /// <summary>The rows for which <paramref name="condition"/> is true (NULL counts as false).</summary>
    public DataFrame Where(Column condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return With(new Filter(condition.Expression, Plan));
    }

    /// <summary>Same as <see cref="Where(Column)"/>.</summary>
    public DataFrame Filter(Column condition) => Where(condition);

    /// <summary>The rows for which the SQL condition <paramref name="sqlCondition"/> is true (<c>"age &gt; 30 AND name LIKE 'a%'"</c>).</summary>
    /// <exception cref="ParseException">The condition is not well formed.</exception>
    public DataFrame Where(string sqlCondition) => Where(new Column(Parsing.ExpressionParser.ParseExpression(sqlCondition)));

    /// <summary>Same as <see cref="Where(string)"/>.</summary>
    public DataFrame Filter(string sqlCondition) => Where(sqlCondition);

    /// <summary>
    /// Projects SQL expressions, each with an optional alias (<c>"upper(name) AS n"</c>, <c>"age + 1"</c>);
    /// <c>"*"</c> stands for all columns.
    /// </summary>
    /// <exception cref="ParseException">An expression is not well formed.</exception>
    public DataFrame SelectExpr(params string[] exprs)
    {
        ArgumentNullException.ThrowIfNull(exprs);
        return Select([.. exprs.SelectMany(e => e.Trim() == "*"
            ? OutputExpressions.Select(a => new Column(a))
            : [new Column(Parsing.ExpressionParser.ParseNamedExpression(e))])]);
    }

    /// <summary>This frame with column <paramref name="name"/> set to <paramref name="col"/>: replaced in place if it exists, else appended.</summary>
    public DataFrame WithColumn(string name, Column col)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(col);
        var list = new List<Expression>();
        bool replaced = false;
        foreach (var attribute in Plan.Output)
        {
            if (string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                list.Add(new Alias(col.Expression, name));
                replaced = true;
            }
            else
            {
                list.Add(attribute);
            }
        }
        if (!replaced)
        {
            list.Add(new Alias(col.Expression, name));
        }
        return With(new Project(list, Plan));
    }

    /// <summary>This frame with column <paramref name="from"/> renamed to <paramref name="to"/>; a no-op if there is no such column (as Spark).</summary>
    public DataFrame WithColumnRenamed(string from, string to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (!Plan.Output.Any(a => string.Equals(a.Name, from, StringComparison.OrdinalIgnoreCase)))
        {
            return this;
        }
        return With(new Project(
            [.. Plan.Output.Select(a => string.Equals(a.Name, from, StringComparison.OrdinalIgnoreCase) ? new Alias(a, to) : (Expression)a)],
            Plan));
    }

    /// <summary>This frame without the columns <paramref name="cols"/>; unknown names are ignored (as Spark).</summary>
    public DataFrame Drop(params string[] cols)
    {
        ArgumentNullException.ThrowIfNull(cols);
        var drop = new HashSet<string>(cols, StringComparer.OrdinalIgnoreCase);
        return With(new Project([.. Plan.Output.Where(a => !drop.Contains(a.Name)).Cast<Expression>()], Plan));
    }

    /// <summary>Groups the rows by <paramref name="cols"/> for an aggregation.</summary>
    public GroupedData GroupBy(params Column[] cols)
    {
        ArgumentNullException.ThrowIfNull(cols);
        return new GroupedData(this, [.. cols.Select(c => c.Expression)]);
    }

    /// <summary>Groups the rows by the columns named <paramref name="cols"/>.</summary>
    public GroupedData GroupBy(params string[] cols)
    {
        ArgumentNullException.ThrowIfNull(cols);
        return GroupBy([.. cols.Select(Functions.Col)]);
    }

    /// <summary>Aggregates over the whole frame (one row): <c>df.Agg(Sum("x"), Max("y"))</c>.</summary>
    public DataFrame Agg(params Column[] aggs) => new GroupedData(this, []).Agg(aggs);

    internal DataFrame Aggregate(IReadOnlyList<Expression> grouping, IReadOnlyList<Expression> aggregates) =>
        With(new Planning.Logical.Aggregate(grouping, aggregates, Plan));

    /// <summary>
    /// An equi-join on the column <paramref name="usingColumn"/>, which appears once in the result.
    /// <paramref name="how"/>: inner, left (left_outer), right (right_outer), full (outer, full_outer), left_semi, left_anti, cross.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown join type.</exception>
    public DataFrame Join(DataFrame right, string usingColumn, string how = "inner")
    {
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(usingColumn);
        var type = JoinTypes.Parse(how);
        return With(new Join(Plan, right.Plan, type, null, [usingColumn]));
    }

    /// <summary>A join on <paramref name="condition"/>; <paramref name="how"/> as for <see cref="Join(DataFrame, string, string)"/>.</summary>
    /// <exception cref="ArgumentException">An unknown join type.</exception>
    public DataFrame Join(DataFrame right, Column condition, string how = "inner")
    {
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(condition);
        var type = JoinTypes.Parse(how);
        return With(new Join(Plan, right.Plan, type, condition.Expression));
    }

    /// <summary>The rows sorted by <paramref name="cols"/> (ascending unless <see cref="Column.Desc"/>); nulls first when ascending, last when descending.</summary>
    public DataFrame OrderBy(params Column[] cols)
    {
        ArgumentNullException.ThrowIfNull(cols);
        return With(new Sort([.. cols.Select(c => c.Expression as SortOrder ?? new SortOrder(c.Expression))], Plan));
    }

    /// <summary>The rows sorted by the columns named <paramref name="cols"/>, ascending.</summary>
    public DataFrame OrderBy(params string[] cols)
    {
        ArgumentNullException.ThrowIfNull(cols);
        return OrderBy([.. cols.Select(Functions.Col)]);
    }

    /// <summary>The first <paramref name="n"/> rows.</summary>
    public DataFrame Limit(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return With(new Limit(n, Plan));
    }

    /// <summary>The distinct rows.</summary>
    public DataFrame Distinct() => With(new Distinct(Plan));

    /// <summary>The rows of this frame followed by those of <paramref name="other"/> (by position, duplicates kept: UNION ALL).</summary>
    public DataFrame Union(DataFrame other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return With(new Union([Plan, other.Plan]));
    }

    /// <summary>This frame under the name <paramref name="name"/>, so columns can be qualified: <c>Col("a.id")</c>.</summary>
    public DataFrame Alias(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return With(new SubqueryAlias(name, Plan));
    }

    /// <summary>Registers this frame as a temporary view for <see cref="SqlContext.Table"/>.</summary>
    public void CreateOrReplaceTempView(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        SqlContext.RegisterView(name, this);
    }

    /// <summary>
    /// Marks this frame's rows to be kept, as Spark's <c>cache()</c>: lazily - the first action on this frame (or on
    /// a frame built from it afterwards) computes the rows and stores them as Arrow record batches in the block
    /// store at <see cref="StorageLevel.MemoryAndDisk"/> (Spark's default for datasets), and later queries read
    /// those batches instead of recomputing; an evicted or lost partition is recomputed from the lineage. The cache
    /// keeps the query's partitioning (each partition's batches in order, empty partitions included), and
    /// low-cardinality string columns keep dictionary codes next to their values
    /// (<see cref="CachedPartitionEncoder"/>), as Spark's columnar cache dictionary-encodes them. Returns this frame. Unlike Spark, a frame derived before the call does not use
    /// the cache (there is no global cache manager matching plans).
    /// </summary>
    public DataFrame Cache()
    {
        if (Plan is InMemoryRelation)
        {
            return this;
        }
        var cachedPlan = Plan;
        var sql = SqlContext;
        var data = new CachedBatches(() => PhysicalPlanner.Plan(new Optimizer(disabledRules: sql.Conf.ExcludedRules).Optimize(cachedPlan).Plan, sql.Context, sql.Conf.AutoBroadcastJoinThreshold).Execute()
            .MapPartitions(CachedPartitionEncoder.Encode));
        Plan = new InMemoryRelation(cachedPlan, data);
        return this;
    }

    /// <summary>A writer of this frame's rows to files.</summary>
    public DataFrameWriter Write => new(this);

    // ---- actions ---------------------------------------------------------------------------------------

    internal OptimizedPlan Optimized() => new Optimizer(disabledRules: SqlContext.Conf.ExcludedRules).Optimize(Plan);

    internal PhysicalPlan Physical() => PhysicalPlanner.Plan(Optimized().Plan, SqlContext.Context, SqlContext.Conf.AutoBroadcastJoinThreshold);

    /// <summary>Runs the query: its record batches, one partition per physical partition.</summary>
    internal Rdd<RecordBatch> Execute() => Physical().Execute();

    /// <summary>The number of rows.</summary>
    public long Count() => Execute().Map(b => (long)b.Length).Collect().Sum();

    /// <summary>All rows, in partition order.</summary>
    public Row[] Collect()
    {
        var schema = Schema;
        return [.. Execute().Collect().SelectMany(b => ToRows(b, schema))];
    }

    /// <summary>The first <paramref name="n"/> rows.</summary>
    public Row[] Take(int n) => Limit(n).Collect();

    /// <summary>The first row.</summary>
    /// <exception cref="InvalidOperationException">The frame is empty.</exception>
    public Row First()
    {
        var rows = Take(1);
        return rows.Length > 0 ? rows[0] : throw new InvalidOperationException("The DataFrame is empty.");
    }

    /// <summary>
    /// Runs the query and returns its rows as a <see cref="Microsoft.Data.Analysis.DataFrame"/> (Spark's
    /// <c>toPandas()</c>): numeric and string columns wrap the result's Arrow buffers without a copy; booleans,
    /// dates (at midnight) and timestamps (UTC for <c>timestamp</c>, unspecified for <c>timestamp_ntz</c>) are converted.
    /// </summary>
    /// <exception cref="NotSupportedException">A column type it has no column for (binary, user-defined); named.</exception>
    public Microsoft.Data.Analysis.DataFrame ToDataAnalysis()
    {
        var schema = Schema;
        Interop.DataAnalysisExport.Refuse(schema);
        return Interop.DataAnalysisExport.Export(schema, Execute().Collect());
    }

    /// <summary>The rows as an Rdd (computed when an action runs on it).</summary>
    public Rdd<Row> ToRdd()
    {
        var schema = Schema;
        return Execute().FlatMap(b => ToRows(b, schema));
    }

    /// <summary>
    /// Prints the first <paramref name="numRows"/> rows as Spark's <c>show</c> does: a bordered table,
    /// cells longer than 20 characters cut with "..." when <paramref name="truncate"/>.
    /// </summary>
    public void Show(int numRows = 20, bool truncate = true) => Console.Write(ShowString(numRows, truncate ? 20 : 0));

    /// <summary>The text <see cref="Show"/> prints; <paramref name="truncate"/> is the maximum cell width (0: no limit).</summary>
    internal string ShowString(int numRows = 20, int truncate = 20)
    {
        numRows = Math.Max(0, numRows);
        var rows = Take(numRows + 1);
        bool hasMore = rows.Length > numRows;
        return ShowFormatter.Format(Columns, [.. rows.Take(numRows)], numRows, hasMore, truncate);
    }

    /// <summary>Prints the plans, as Spark's <c>explain()</c> does; the text is <see cref="ExplainString"/>.</summary>
    public void Explain(bool extended = false) => Console.Write(ExplainString(extended));

    /// <summary>
    /// The plan, as Spark's <c>explain</c>: <c>== Physical Plan ==</c> and the operator tree; with
    /// <paramref name="extended"/> first <c>== Parsed Logical Plan ==</c>, <c>== Analyzed Logical Plan ==</c> (after
    /// the output schema line), <c>== Optimized Logical Plan ==</c> and <c>== Applied Rules ==</c> (the optimizer
    /// rules that changed the plan, with their pass), sections separated by a blank line as in Spark.
    /// </summary>
    public string ExplainString(bool extended = false)
    {
        var optimized = Optimized();
        var physical = PhysicalPlanner.Plan(optimized.Plan, SqlContext.Context, SqlContext.Conf.AutoBroadcastJoinThreshold);
        string physicalText = "== Physical Plan ==\n" + EndLine(physical.TreeString());
        if (!extended)
        {
            return physicalText;
        }
        string schema = string.Join(", ", Plan.Output.Select(a => $"{a.Name}: {a.DataType.SimpleString}"));
        string rules = optimized.AppliedRules.Count == 0
            ? "(none)\n"
            : string.Concat(optimized.AppliedRules.Select(r => $"{r.Name} (pass {r.Pass})\n"));
        return "== Parsed Logical Plan ==\n" + EndLine(Parsed.TreeString())
            + "\n== Analyzed Logical Plan ==\n" + schema + "\n" + EndLine(Plan.TreeString())
            + "\n== Optimized Logical Plan ==\n" + EndLine(optimized.Plan.TreeString())
            + "\n== Applied Rules ==\n" + rules
            + "\n" + physicalText;
    }

    private static string EndLine(string text) => text.EndsWith('\n') ? text : text + "\n";

    internal static IEnumerable<Row> ToRows(RecordBatch batch, StructType schema)
    {
        var columns = batch.Columns;
        for (int r = 0; r < batch.Length; r++)
        {
            var values = new object?[columns.Count];
            for (int c = 0; c < values.Length; c++)
            {
                try
                {
                    values[c] = ArrayValues.GetTyped(columns[c], r, schema[c].DataType);
                }
                catch (OverflowException e)
                {
                    throw new OverflowException($"Column '{schema[c].Name}' ({schema[c].DataType.SimpleString}): {e.Message}", e);
                }
            }
            yield return new Row(values, schema);
        }
    }
}
