using System.Globalization;
using Rdd.Core;
using Rdd.Sql.Tests.TestSupport;

namespace Rdd.Sql.Tests.Execution;

/// <summary>
/// Filters, shuffles and join gathers end to end, on fixed-width, boolean and string columns with nulls, against
/// DuckDB's rows: filters keeping one run of rows (the gather's block-copy path), scattered rows, every row and
/// none, and shuffled aggregates and joins whose slices are gathered from each batch.
/// </summary>
public sealed class FilterGatherQueryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rdd-filter-gather-query-tests", Guid.NewGuid().ToString("N"));
    private readonly RddContext _context;
    private readonly SqlContext _sql;

    private static readonly Row[] s_rows =
    [
        .. Enumerable.Range(0, 500).Select(i => new Row(
            i,
            i % 9 == 4 ? null : i % 37,
            i % 13 == 0 ? null : i * 1_000_003L,
            i % 8 == 5 ? null : i * 0.5,
            i % 10 == 7 ? null : i % 3 == 0,
            i % 6 == 1 ? null : $"s{i % 50}")),
    ];

    private sealed record Row(int N, int? K, long? L, double? D, bool? B, string? S);

    public FilterGatherQueryTests()
    {
        Directory.CreateDirectory(_dir);
        _context = new RddContext(new RddConfig { Parallelism = 3, LocalDir = Path.Combine(_dir, "local") });
        _sql = new SqlContext(_context);
        _sql.CreateDataFrame(s_rows).CreateOrReplaceTempView("t");
        _sql.Conf.Set("spark.sql.autoBroadcastJoinThreshold", "-1");
    }

    public void Dispose()
    {
        _context.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static string Sql(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{s}'",
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"No literal for {value}."),
    };

    private static List<string> Canonical(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r.Select(v => v is null ? "null" : Convert.ToString(v, CultureInfo.InvariantCulture)))).Order(StringComparer.Ordinal)];

    private static List<string> DuckRows(string query)
    {
        using var duck = new DuckDb();
        duck.Execute("CREATE TABLE t (N INTEGER, K INTEGER, L BIGINT, D DOUBLE, B BOOLEAN, S VARCHAR)");
        duck.Execute("INSERT INTO t VALUES " + string.Join(", ", s_rows.Select(r => $"({Sql(r.N)}, {Sql(r.K)}, {Sql(r.L)}, {Sql(r.D)}, {Sql(r.B)}, {Sql(r.S)})")));
        return Canonical(duck.Query(query));
    }

    [Theory]
    [InlineData("SELECT * FROM t WHERE N BETWEEN 120 AND 371")]          // one run of rows
    [InlineData("SELECT * FROM t WHERE N % 3 <> 1 AND N < 450")]         // scattered rows
    [InlineData("SELECT * FROM t WHERE N >= 0")]                         // every row
    [InlineData("SELECT * FROM t WHERE N < 0")]                          // none
    [InlineData("SELECT * FROM t WHERE B")]                              // null predicate rows dropped
    [InlineData("SELECT * FROM t WHERE S > 's3' OR D IS NULL")]
    [InlineData("SELECT K, COUNT(*), SUM(L), MIN(S), MAX(D), COUNT(B) FROM t WHERE N > 10 GROUP BY K")]
    [InlineData("SELECT a.N, b.N, a.S, b.L, b.B FROM t a JOIN t b ON a.K = b.K AND a.S = b.S WHERE a.N < 200 AND b.N BETWEEN 100 AND 300")]
    public void Query_MatchesDuckDb(string query)
    {
        Assert.Equal(DuckRows(query), Canonical(_sql.Sql(query).Collect().Select(r => r.Values)));
    }
}
