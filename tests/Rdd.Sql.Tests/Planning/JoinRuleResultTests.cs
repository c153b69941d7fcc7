using System.Globalization;
using Rdd.Core;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Tests.SqlText;
using Rdd.Sql.Tests.TestSupport;

namespace Rdd.Sql.Tests.Planning;

/// <summary>
/// The join rules TPC-H needs ([PushExtraPredicateThroughJoin], [EliminateOuterJoin], [InjectSemiJoinReduction]) on
/// queries of Q7's, Q17's, Q19's and Q20's shapes over small tables with NULL and duplicate keys: each rule changes the
/// plan as intended, and the answers equal DuckDB's and those of the plan without the rule.
/// </summary>
public sealed class JoinRuleResultTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rdd-join-rule-tests", Guid.NewGuid().ToString("N"));
    private readonly RddContext _context;
    private readonly SqlContext _sql;
    private readonly DuckDb _duck = new();

    // part: 40 parts, keys 0..35 with 4 duplicated and one NULL; brands B0..B4 (one NULL).
    private static readonly PartRow[] s_parts = [.. Enumerable.Range(0, 40).Select(i => new PartRow(
        i == 17 ? null : i % 36, i == 23 ? null : $"B{i % 5}", i % 7 == 0 ? null : i % 9))];
    // line: 400 lines over part keys 0..39 (some with no part), some NULL keys and quantities.
    private static readonly LineRow[] s_lines = [.. Enumerable.Range(0, 400).Select(i => new LineRow(
        i % 29 == 0 ? null : i * 7 % 40, i % 31 == 0 ? null : i % 6, i % 37 == 0 ? null : i % 11, i * 3 % 17))];
    // partsupp: every (part, supplier) pair of parts 0..35 and suppliers 0..5, plus a duplicate and NULL keys.
    private static readonly PartSuppRow[] s_partSupps = [.. Enumerable.Range(0, 36 * 6).Select(i => new PartSuppRow(i / 6, i % 6, i * 5 % 23)),
        new(3, 1, 20), new(null, 2, 5), new(4, null, 9)];
    private static readonly SuppRow[] s_supps = [.. Enumerable.Range(0, 7).Select(i => new SuppRow(i == 6 ? null : i, i % 4))];
    private static readonly NationRow[] s_nations = [new(0, "FR"), new(1, "DE"), new(2, "IT"), new(3, null), new(1, "DE"), new(null, "FR")];

    public JoinRuleResultTests()
    {
        Directory.CreateDirectory(_dir);
        _context = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(_dir, "local") });
        _sql = new SqlContext(_context);
        _sql.CreateDataFrame(s_parts).CreateOrReplaceTempView("part");
        _sql.CreateDataFrame(s_lines).CreateOrReplaceTempView("line");
        _sql.CreateDataFrame(s_partSupps).CreateOrReplaceTempView("partsupp");
        _sql.CreateDataFrame(s_supps).CreateOrReplaceTempView("supp");
        _sql.CreateDataFrame(s_nations).CreateOrReplaceTempView("nation");
        Create("part (pk INTEGER, brand VARCHAR, size INTEGER)", s_parts.Select(p => $"({N(p.Pk)}, {S(p.Brand)}, {N(p.Size)})"));
        Create("line (pk INTEGER, sk INTEGER, qty INTEGER, price INTEGER)", s_lines.Select(l => $"({N(l.Pk)}, {N(l.Sk)}, {N(l.Qty)}, {l.Price})"));
        Create("partsupp (pk INTEGER, sk INTEGER, avail INTEGER)", s_partSupps.Select(p => $"({N(p.Pk)}, {N(p.Sk)}, {p.Avail})"));
        Create("supp (sk INTEGER, nk INTEGER)", s_supps.Select(s => $"({N(s.Sk)}, {N(s.Nk)})"));
        Create("nation (nk INTEGER, name VARCHAR)", s_nations.Select(n => $"({N(n.Nk)}, {S(n.Name)})"));
    }

    public void Dispose()
    {
        _duck.Dispose();
        _context.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed record PartRow(int? Pk, string? Brand, int? Size);

    private sealed record LineRow(int? Pk, int? Sk, int? Qty, int Price);

    private sealed record PartSuppRow(int? Pk, int? Sk, int Avail);

    private sealed record SuppRow(int? Sk, int? Nk);

    private sealed record NationRow(int? Nk, string? Name);

    private void Create(string table, IEnumerable<string> rows)
    {
        _duck.Execute("CREATE TABLE " + table);
        _duck.Execute($"INSERT INTO {table[..table.IndexOf(' ', StringComparison.Ordinal)]} VALUES " + string.Join(", ", rows));
    }

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "NULL";

    private static string S(string? value) => value is null ? "NULL" : $"'{value}'";

    // Q7's shape: each nation gets the OR of its own names before the joins.
    private const string Q7 =
        "SELECT n1.name AS sn, n2.name AS cn, count(*) AS c, sum(l.price) AS p FROM supp s, line l, part pt, nation n1, nation n2 "
        + "WHERE s.sk = l.sk AND pt.pk = l.pk AND s.nk = n1.nk AND pt.size = n2.nk "
        + "AND ((n1.name = 'FR' AND n2.name = 'DE') OR (n1.name = 'DE' AND n2.name = 'FR')) GROUP BY n1.name, n2.name";

    // Q19's shape: part gets the OR of its brand conjuncts, line the OR of its quantity ranges.
    private const string Q19 =
        "SELECT sum(l.price) AS revenue, count(*) AS c FROM line l, part p WHERE "
        + "(p.pk = l.pk AND p.brand = 'B1' AND l.qty BETWEEN 1 AND 4 AND p.size <= 5) "
        + "OR (p.pk = l.pk AND p.brand = 'B3' AND l.qty BETWEEN 3 AND 9 AND p.size <= 8)";

    // An ON clause of an outer join: only the line side may be filtered.
    private const string OuterOn =
        "SELECT p.pk, p.brand, l.qty FROM part p LEFT JOIN line l ON p.pk = l.pk AND ((p.brand = 'B1' AND l.qty < 3) OR (p.brand = 'B2' AND l.qty > 8))";

    // Q17's shape: the decorrelated average is a left outer join the filter makes inner, and its aggregate only needs the parts kept.
    private const string Q17 =
        "SELECT sum(l.price) AS s, count(*) AS c FROM line l, part p WHERE p.pk = l.pk AND p.brand = 'B2' "
        + "AND l.qty < (SELECT 0.9 * avg(l2.qty) FROM line l2 WHERE l2.pk = p.pk)";

    // Q20's shape: the sum per (part, supplier) only for the parts named by the IN subquery.
    private const string Q20 =
        "SELECT s.sk FROM supp s WHERE s.sk IN (SELECT ps.sk FROM partsupp ps WHERE ps.pk IN (SELECT pk FROM part WHERE brand = 'B4') "
        + "AND ps.avail > (SELECT 0.5 * sum(l.qty) FROM line l WHERE l.pk = ps.pk AND l.sk = ps.sk))";

    // A filtered relation joined to an aggregate over its two keys.
    private const string JoinAggregate =
        "SELECT ps.pk, ps.sk, ps.avail, a.total, a.n FROM partsupp ps JOIN (SELECT pk, sk, sum(qty) AS total, count(*) AS n FROM line GROUP BY pk, sk) a "
        + "ON a.pk = ps.pk AND a.sk = ps.sk WHERE ps.avail < 3";

    [Theory]
    [InlineData(Q7, "PushExtraPredicateThroughJoin")]
    [InlineData(Q19, "PushExtraPredicateThroughJoin")]
    [InlineData(OuterOn, "PushExtraPredicateThroughJoin")]
    [InlineData(Q17, "EliminateOuterJoin")]
    [InlineData(Q20, "EliminateOuterJoin")]
    [InlineData("SELECT p.pk, l.qty FROM part p LEFT JOIN line l ON p.pk = l.pk WHERE l.qty > 3", "EliminateOuterJoin")]
    [InlineData("SELECT p.pk, l.qty FROM part p FULL JOIN line l ON p.pk = l.pk WHERE p.size > 2", "EliminateOuterJoin")]
    [InlineData(Q7, "InjectSemiJoinReduction")]
    [InlineData(Q20, "InjectSemiJoinReduction")]
    [InlineData(JoinAggregate, "InjectSemiJoinReduction")]
    public void Rule_Applies_AndAnswersMatchDuckDbAndThePlanWithoutIt(string query, string rule)
    {
        var frame = _sql.Sql(query);
        var optimized = frame.Optimized();
        Assert.Contains(rule, optimized.AppliedRuleNames);
        // No relation is semi-joined with a copy of itself (a reduction taken for the source of another).
        foreach (var semi in optimized.Plan.Descendants().OfType<Join>().Where(j => j.JoinType == JoinType.LeftSemi))
        {
            Assert.NotEqual(Tables(semi.Left), Tables(semi.Right));
        }
        var expected = _duck.Query(query);
        var actual = frame.Collect().Select(r => r.Values).ToList();
        _sql.Conf.Set("spark.sql.optimizer.excludedRules", rule);
        var without = _sql.Sql(query);
        Assert.DoesNotContain(rule, without.Optimized().AppliedRuleNames);
        var withoutRows = without.Collect().Select(r => r.Values).ToList();

        Assert.NotEmpty(expected);
        Assert.Null(ResultComparer.Difference(actual, expected, ordered: false));
        Assert.Null(ResultComparer.Difference(withoutRows, expected, ordered: false));
    }

    private static string Tables(LogicalPlan plan) =>
        string.Join(",", plan.Descendants().OfType<Scan>().Select(s => string.Join("|", s.FullOutput.Select(a => a.Name))).Distinct().Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("SELECT p.pk, l.qty FROM part p LEFT JOIN line l ON p.pk = l.pk WHERE l.qty IS NULL")]
    [InlineData("SELECT p.pk, l.qty FROM part p LEFT JOIN line l ON p.pk = l.pk WHERE coalesce(l.qty, 0) = 0")]
    [InlineData("SELECT p.pk, l.qty FROM part p LEFT JOIN line l ON p.pk = l.pk WHERE p.size > 2 OR l.qty > 5")]
    // The preserved side of a left join is never semi-joined with the other side's filtered relation.
    [InlineData("SELECT l.pk, l.qty, s.nk, p.brand FROM line l JOIN supp s ON l.sk = s.sk LEFT JOIN part p ON l.pk = p.pk AND p.brand = 'B1'")]
    public void OuterJoinWhoseFilterKeepsPaddedRows_StaysOuter_AndMatchesDuckDb(string query)
    {
        var frame = _sql.Sql(query);
        Assert.Contains(frame.Optimized().Plan.Descendants().OfType<Join>(), j => j.JoinType == JoinType.LeftOuter);
        var expected = _duck.Query(query);

        Assert.NotEmpty(expected);
        Assert.Null(ResultComparer.Difference(frame.Collect().Select(r => r.Values).ToList(), expected, ordered: false));
    }

    [Fact]
    public void Q17Shape_TheAverageJoinsAsAnInnerJoin_AndItsOneKeyAggregateIsNotReduced()
    {
        var plan = _sql.Sql(Q17).Optimized().Plan;

        // The average per part is an inner join now; semi-joining the lines it averages with the parts would cost about
        // what the aggregate on one key saves, so it reads every line.
        Assert.DoesNotContain(plan.Descendants().OfType<Join>(), j => j.JoinType == JoinType.LeftOuter);
        var aggregate = Assert.Single(plan.Descendants().OfType<Aggregate>(), a => a.GroupingExpressions.Count > 0);
        Assert.DoesNotContain(aggregate.Descendants(), n => n is Join);
    }

    [Fact]
    public void Q20Shape_TheSumReadsOnlyTheNamedParts()
    {
        var plan = _sql.Sql(Q20).Optimized().Plan;

        var aggregate = Assert.Single(plan.Descendants().OfType<Aggregate>(), a => a.GroupingExpressions.Count == 2);
        var semi = Assert.Single(aggregate.Descendants().OfType<Join>());
        Assert.Equal(JoinType.LeftSemi, semi.JoinType);
        Assert.Contains(semi.Right.Descendants().OfType<Filter>(), f => f.Condition.ToString().Contains("B4", StringComparison.Ordinal));
    }

    [Fact]
    public void UnfilteredRelation_NoReduction()
    {
        // Every partsupp row joins the aggregate: semi-joining the lines with all of them would only cost.
        var plan = _sql.Sql("SELECT ps.pk, a.total FROM partsupp ps JOIN (SELECT pk, sk, sum(qty) AS total FROM line GROUP BY pk, sk) a ON a.pk = ps.pk AND a.sk = ps.sk").Optimized();

        Assert.DoesNotContain("InjectSemiJoinReduction", plan.AppliedRuleNames);
    }
}
