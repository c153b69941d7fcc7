using System.Globalization;
using Rdd.Core;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Tests.TestSupport;

namespace Rdd.Sql.Tests.Planning;

/// <summary>
/// [ReorderJoin]: a comma join of four relations written in an order that starts with a cross product is planned
/// through connected joins only, in the order of the smallest estimated intermediate results, keeps its column order, and answers as the plan in text
/// order (the rule excluded through <c>spark.sql.optimizer.excludedRules</c>) and as DuckDB.
/// </summary>
public sealed class ReorderJoinTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rdd-reorder-join-tests", Guid.NewGuid().ToString("N"));
    private readonly RddContext _context;
    private readonly SqlContext _sql;
    private readonly DuckDb _duck = new();

    // a (10 rows) and b (20) are not related: FROM a, b, … in text order begins with their cross product.
    // c (1000, the fact table) references a by x and d by z; d (50) references b by y.
    private static readonly object?[][] s_a = [.. Enumerable.Range(0, 10).Select(i => new object?[] { i, $"a{i}" })];
    private static readonly object?[][] s_b = [.. Enumerable.Range(0, 20).Select(i => new object?[] { i, $"b{i}" })];
    private static readonly object?[][] s_c = [.. Enumerable.Range(0, 1000).Select(i => new object?[] { i % 12, i % 55, i })];
    private static readonly object?[][] s_d = [.. Enumerable.Range(0, 50).Select(i => new object?[] { i, i % 25 })];

    private const string Query =
        "SELECT a.name, b.name AS bname, c.v, d.z FROM a, b, c, d WHERE a.x = c.x AND b.y = d.y AND c.z = d.z AND c.v % 3 = 0";

    public ReorderJoinTests()
    {
        Directory.CreateDirectory(_dir);
        _context = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(_dir, "local") });
        _sql = new SqlContext(_context);
        Register("a", "x INT, name STRING", "x INTEGER, name VARCHAR", s_a);
        Register("b", "y INT, name STRING", "y INTEGER, name VARCHAR", s_b);
        Register("c", "x INT, z INT, v INT", "x INTEGER, z INTEGER, v INTEGER", s_c);
        Register("d", "z INT, y INT", "z INTEGER, y INTEGER", s_d);
    }

    public void Dispose()
    {
        _duck.Dispose();
        _context.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The rows as a CSV file read by both engines.</summary>
    private void Register(string name, string schema, string duckSchema, object?[][] rows)
    {
        string path = Path.Combine(_dir, name + ".csv");
        File.WriteAllLines(path, rows.Select(r => string.Join(",", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
        _sql.Read.Schema(schema).Option("header", "false").Csv(path).CreateOrReplaceTempView(name);
        _duck.Execute($"CREATE TABLE {name} ({duckSchema})");
        _duck.Execute($"COPY {name} FROM {DuckDb.Literal(path)} (HEADER false)");
    }

    private static List<string> Canonical(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).Order(StringComparer.Ordinal)];

    private static IEnumerable<PhysicalPlan> Nodes(PhysicalPlan plan) => [plan, .. plan.Children.SelectMany(Nodes)];

    /// <summary>The relations of the optimized plan's join tree, left to right, by the first column each reads.</summary>
    private static List<string> LeafOrder(LogicalPlan plan) =>
        [.. plan.Descendants().OfType<Scan>().Select(s => Path.GetFileNameWithoutExtension(s.Source.Paths[0]))];

    [Fact]
    public void Comma_join_in_a_bad_order_is_planned_in_the_cheapest_connected_order_without_a_cross_join()
    {
        var frame = _sql.Sql(Query);
        var optimized = frame.Optimized();

        Assert.Contains("ReorderJoin", optimized.AppliedRuleNames);
        var joins = optimized.Plan.Descendants().OfType<Join>().ToList();
        Assert.Equal(3, joins.Count);
        Assert.All(joins, j => Assert.NotNull(j.Condition));
        Assert.DoesNotContain(Nodes(frame.Physical()), n => n is NestedLoopJoinExec);
        // Estimated from the CSV sizes: d (about 19 rows) joined to b (4) keeps about 19 rows, then c and a keep about
        // as many as the filtered c (about 45): the smallest sum of intermediate rows of every greedy start.
        Assert.Equal(["d", "b", "c", "a"], LeafOrder(optimized.Plan));
        Assert.Equal(["name", "bname", "v", "z"], frame.Columns);
    }

    [Fact]
    public void Reordered_plan_answers_as_the_text_order_plan_and_as_duckdb()
    {
        var expected = Canonical(_duck.Query(Query));
        Assert.NotEmpty(expected);

        var reordered = Canonical(_sql.Sql(Query).Collect().Select(r => r.Values));
        _sql.Conf.Set("spark.sql.optimizer.excludedRules", "org.apache.spark.sql.catalyst.optimizer.ReorderJoin");
        var textOrder = _sql.Sql(Query);
        Assert.Contains(Nodes(textOrder.Physical()), n => n is NestedLoopJoinExec);
        Assert.Equal(["a", "b", "c", "d"], LeafOrder(textOrder.Optimized().Plan));
        var unreordered = Canonical(textOrder.Collect().Select(r => r.Values));

        Assert.Equal(expected, reordered);
        Assert.Equal(expected, unreordered);
    }

    [Fact]
    public void Connected_order_and_two_way_joins_are_left_alone()
    {
        var connected = _sql.Sql("SELECT * FROM d, b, c, a WHERE a.x = c.x AND c.z = d.z AND b.y = d.y").Optimized();
        var twoWay = _sql.Sql("SELECT * FROM a, c WHERE a.x = c.x").Optimized();

        Assert.DoesNotContain("ReorderJoin", connected.AppliedRuleNames);
        Assert.Equal(["d", "b", "c", "a"], LeafOrder(connected.Plan));
        Assert.DoesNotContain("ReorderJoin", twoWay.AppliedRuleNames);
    }

    [Fact]
    public void Outer_joins_are_not_reordered_across()
    {
        var plan = _sql.Sql("SELECT * FROM a LEFT JOIN c ON a.x = c.x JOIN b ON b.y = c.z JOIN d ON d.y = b.y").Optimized();

        var outer = Assert.Single(plan.Plan.Descendants().OfType<Join>(), j => j.JoinType == Rdd.Sql.Planning.Logical.JoinType.LeftOuter);
        Assert.Equal(["a", "c"], LeafOrder(outer));
    }
}
