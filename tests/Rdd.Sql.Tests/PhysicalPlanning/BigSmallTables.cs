using System.Globalization;
using Rdd.Core;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Tests.TestSupport;

namespace Rdd.Sql.Tests.PhysicalPlanning;

/// <summary>
/// Two join inputs with NULL and duplicate keys, <c>big (K, V, N)</c> and <c>small (K, W, M)</c>, as temp views of a
/// 3-partition Rdd session and as DuckDB tables, for join tests that compare Rdd's rows with DuckDB's.
/// </summary>
internal sealed class BigSmallTables : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rdd-big-small-tables", Guid.NewGuid().ToString("N"));
    private readonly (int? K, string V, int N)[] _big;
    private readonly (int? K, string W, int M)[] _small;

    public BigSmallTables((int? K, string V, int N)[] big, (int? K, string W, int M)[] small)
    {
        (_big, _small) = (big, small);
        Directory.CreateDirectory(_dir);
        Context = new RddContext(new RddConfig { Parallelism = 3, LocalDir = Path.Combine(_dir, "local") });
        Sql = new SqlContext(Context);
        Sql.CreateDataFrame(big.Select(r => new BigRow(r.K, r.V, r.N))).CreateOrReplaceTempView("big");
        Sql.CreateDataFrame(small.Select(r => new SmallRow(r.K, r.W, r.M))).CreateOrReplaceTempView("small");
    }

    public RddContext Context { get; }

    public SqlContext Sql { get; }

    public void Dispose()
    {
        Context.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed record BigRow(int? K, string V, int N);

    private sealed record SmallRow(int? K, string W, int M);

    /// <summary>A plan node and all its descendants.</summary>
    public static IEnumerable<PhysicalPlan> Nodes(PhysicalPlan plan) => [plan, .. plan.Children.SelectMany(Nodes)];

    /// <summary>Rows as sorted text, for an order-insensitive comparison.</summary>
    public static List<string> Canonical(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r.Select(v => v is null ? "null" : Convert.ToString(v, CultureInfo.InvariantCulture)))).Order(StringComparer.Ordinal)];

    /// <summary>DuckDB's rows for <paramref name="query"/> over the same two tables.</summary>
    public List<string> DuckRows(string query)
    {
        using var duck = new DuckDb();
        duck.Execute("CREATE TABLE big (K INTEGER, V VARCHAR, N INTEGER)");
        duck.Execute("INSERT INTO big VALUES " + string.Join(", ", _big.Select(r => $"({N(r.K)}, '{r.V}', {r.N})")));
        duck.Execute("CREATE TABLE small (K INTEGER, W VARCHAR, M INTEGER)");
        duck.Execute("INSERT INTO small VALUES " + string.Join(", ", _small.Select(r => $"({N(r.K)}, '{r.W}', {r.M})")));
        return Canonical(duck.Query(query));
    }

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "NULL";
}
