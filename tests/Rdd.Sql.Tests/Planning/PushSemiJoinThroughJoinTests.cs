using System.Globalization;
using Rdd.Core;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Tests.TestSupport;

namespace Rdd.Sql.Tests.Planning;

/// <summary>
/// [PushSemiJoinThroughJoin]: IN and EXISTS subqueries over one input of an inner join filter that input before the
/// join; the answers equal the plan without the rule and DuckDB's, NULL keys included.
/// </summary>
public sealed class PushSemiJoinThroughJoinTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rdd-semi-join-tests", Guid.NewGuid().ToString("N"));
    private readonly RddContext _context;
    private readonly SqlContext _sql;
    private readonly DuckDb _duck = new();

    private static readonly (int? Id, int? Cust, int Total)[] s_orders =
        [.. Enumerable.Range(0, 60).Select(i => (i % 11 == 0 ? (int?)null : i, i % 13 == 0 ? (int?)null : i % 9, i * 7 % 50))];
    private static readonly (int? Key, string Name)[] s_customers = [.. Enumerable.Range(0, 9).Select(i => ((int?)i, $"c{i}"))];
    private static readonly (int? Order, int Qty)[] s_lines = [.. Enumerable.Range(0, 200).Select(i => (i % 17 == 0 ? (int?)null : i % 70, i % 10))];

    public PushSemiJoinThroughJoinTests()
    {
        Directory.CreateDirectory(_dir);
        _context = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(_dir, "local") });
        _sql = new SqlContext(_context);
        _sql.CreateDataFrame(s_orders.Select(o => new OrderRow(o.Id, o.Cust, o.Total))).CreateOrReplaceTempView("orders");
        _sql.CreateDataFrame(s_customers.Select(c => new CustomerRow(c.Key, c.Name))).CreateOrReplaceTempView("customers");
        _sql.CreateDataFrame(s_lines.Select(l => new LineRow(l.Order, l.Qty))).CreateOrReplaceTempView("lines");
        _duck.Execute("CREATE TABLE orders (Id INTEGER, Cust INTEGER, Total INTEGER)");
        _duck.Execute("INSERT INTO orders VALUES " + string.Join(", ", s_orders.Select(o => $"({N(o.Id)}, {N(o.Cust)}, {o.Total})")));
        _duck.Execute("CREATE TABLE customers (Key INTEGER, Name VARCHAR)");
        _duck.Execute("INSERT INTO customers VALUES " + string.Join(", ", s_customers.Select(c => $"({N(c.Key)}, '{c.Name}')")));
        _duck.Execute("CREATE TABLE lines (Ord INTEGER, Qty INTEGER)");
        _duck.Execute("INSERT INTO lines VALUES " + string.Join(", ", s_lines.Select(l => $"({N(l.Order)}, {l.Qty})")));
    }

    public void Dispose()
    {
        _duck.Dispose();
        _context.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed record OrderRow(int? Id, int? Cust, int Total);

    private sealed record CustomerRow(int? Key, string Name);

    private sealed record LineRow(int? Ord, int Qty);

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "NULL";

    private static List<string> Canonical(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r.Select(v => v is null ? "null" : Convert.ToString(v, CultureInfo.InvariantCulture)))).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("SELECT c.Name, o.Id, o.Total FROM customers c JOIN orders o ON c.Key = o.Cust WHERE o.Id IN (SELECT Ord FROM lines GROUP BY Ord HAVING sum(Qty) > 8)")]
    [InlineData("SELECT c.Name, o.Id, o.Total FROM orders o JOIN customers c ON c.Key = o.Cust WHERE EXISTS (SELECT 1 FROM lines l WHERE l.Ord = o.Id AND l.Qty > 7)")]
    [InlineData("SELECT c.Name, o.Id, o.Total FROM orders o JOIN customers c ON c.Key = o.Cust WHERE NOT EXISTS (SELECT 1 FROM lines l WHERE l.Ord = o.Id)")]
    public void Subquery_filters_its_input_before_the_join_and_answers_alike(string query)
    {
        var expected = Canonical(_duck.Query(query));
        var frame = _sql.Sql(query);

        var plan = frame.Optimized().Plan;
        var semi = Assert.Single(plan.Descendants().OfType<Join>(), j => j.JoinType is JoinType.LeftSemi or JoinType.LeftAnti);
        // The semi or anti join now reads the orders alone, under the inner join.
        Assert.DoesNotContain(semi.Left.Descendants(), n => n is Join);
        Assert.Contains(plan.Descendants().OfType<Join>(), j => j.JoinType == JoinType.Inner && j.Descendants().Contains(semi));
        var pushed = Canonical(frame.Collect().Select(r => r.Values));
        _sql.Conf.Set("spark.sql.optimizer.excludedRules", "PushSemiJoinThroughJoin");
        var kept = Canonical(_sql.Sql(query).Collect().Select(r => r.Values));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, pushed);
        Assert.Equal(expected, kept);
    }
}
