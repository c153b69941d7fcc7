using Rdd.Core;
using Rdd.Sql.Planning.Estimation;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Tests.TestSupport;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Planning;

/// <summary>
/// The size estimates the planner decides broadcasts and join orders by: Parquet scans from the footers of files
/// DuckDB wrote (row counts and column sizes nobody here computed), text files from their size, in-memory data exactly,
/// and the heuristics for filters, projections, aggregates, limits and joins.
/// </summary>
public sealed class StatisticsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rdd-statistics-tests", Guid.NewGuid().ToString("N"));
    private readonly RddContext _context;
    private readonly SqlContext _sql;

    public StatisticsTests()
    {
        Directory.CreateDirectory(_dir);
        _context = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(_dir, "local") });
        _sql = new SqlContext(_context);
    }

    public void Dispose()
    {
        _context.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed record Item(int Id, string Name, double Price);

    private static Statistics Stats(DataFrame frame) => frame.Optimized().Plan.Stats;

    private string DuckDbParquet(int rows)
    {
        string path = Path.Combine(_dir, $"t{rows}.parquet");
        using var duck = new DuckDb();
        duck.Execute($"COPY (SELECT i::INTEGER AS id, repeat('x', 40) || i AS name, i * 1.5 AS price FROM range({rows}) r(i)) TO {DuckDb.Literal(path)} (FORMAT parquet, ROW_GROUP_SIZE 1000)");
        return path;
    }

    [Fact]
    public void Parquet_scan_rows_come_from_the_footer_and_size_from_the_columns_read()
    {
        var frame = _sql.Read.Parquet(DuckDbParquet(2500));

        var all = Stats(frame);
        var ids = Stats(frame.Select("id"));

        Assert.Equal(2500, all.RowCount);
        Assert.Equal(2500, ids.RowCount);
        // The 40-character names dominate: reading only the ids is estimated several times smaller.
        Assert.True(all.SizeInBytes > 2500 * 40, all.ToString());
        Assert.True(ids.SizeInBytes < all.SizeInBytes / 3, $"{ids} vs {all}");
    }

    [Fact]
    public void Csv_scan_rows_come_from_the_file_size()
    {
        string path = Path.Combine(_dir, "t.csv");
        File.WriteAllLines(path, ["id,name", .. Enumerable.Range(0, 1000).Select(i => $"{i},name{i}")]);
        var frame = _sql.Read.Csv(path);

        var stats = Stats(frame);

        Assert.Equal(new FileInfo(path).Length, stats.SizeInBytes, 0.5 * new FileInfo(path).Length);
        Assert.InRange(stats.RowCount, 100, 10_000);
        Assert.False(stats.IsExact);
    }

    [Fact]
    public void In_memory_data_is_counted_exactly_and_filters_scale_it_down()
    {
        var frame = _sql.CreateDataFrame(Enumerable.Range(0, 1000).Select(i => new Item(i, $"n{i}", i)));

        var exact = Stats(frame);
        var equal = Stats(frame.Where(Col("Id") == 7));
        var range = Stats(frame.Where(Col("Price") > 10));
        var both = Stats(frame.Where((Col("Id") == 7) & (Col("Price") > 10)));
        var either = Stats(frame.Where((Col("Id") == 7) | (Col("Id") == 8)));

        Assert.Equal(1000, exact.RowCount);
        Assert.True(exact.IsExact);
        Assert.Equal(100, equal.RowCount, 1e-6);
        Assert.Equal(1000 / 3.0, range.RowCount, 1e-6);
        Assert.Equal(100 / 3.0, both.RowCount, 1e-6);
        Assert.Equal(190, either.RowCount, 1e-6);
    }

    [Fact]
    public void Projections_scale_the_size_by_the_row_width_and_aggregates_limits_follow_their_rows()
    {
        var frame = _sql.CreateDataFrame(Enumerable.Range(0, 1000).Select(i => new Item(i, $"n{i}", i)));

        var full = Stats(frame);
        var id = Stats(frame.Select("Id"));

        // Spark's default sizes: int 4, string 20, double 8, plus 8 per row.
        Assert.Equal(1000 * (8 + 4 + 20 + 8), full.SizeInBytes, 1e-6);
        Assert.Equal(1000 * (8 + 4), id.SizeInBytes, 1e-6);
        Assert.Equal(1, Stats(frame.Agg(Sum(Col("Price")))).RowCount);
        Assert.Equal(1000, Stats(frame.GroupBy("Name").Count()).RowCount);
        Assert.Equal(10, Stats(frame.Limit(10)).RowCount);
    }

    [Fact]
    public void Joins_on_a_key_estimate_the_bigger_side_and_cross_joins_the_product()
    {
        var facts = _sql.CreateDataFrame(Enumerable.Range(0, 1000).Select(i => new Item(i % 10, $"n{i}", i)));
        var dims = _sql.CreateDataFrame(Enumerable.Range(0, 10).Select(i => new Item(i, $"d{i}", i))).Alias("d");

        var keyed = Stats(facts.Alias("f").Join(dims, Col("f.Id") == Col("d.Id")));
        var cross = Stats(facts.Join(dims, Lit(true), "cross"));
        var semi = Stats(facts.Alias("f").Join(dims, Col("f.Id") == Col("d.Id"), "left_semi"));

        Assert.Equal(1000, keyed.RowCount);
        Assert.Equal(10_000, cross.RowCount);
        Assert.Equal(1000, semi.RowCount);
    }

    [Fact]
    public void Parquet_key_ranges_let_a_join_with_a_filtered_key_side_shrink_the_estimate()
    {
        // Facts reference 100 dimension keys; the dimension's 100 rows are filtered by an equality (a tenth kept).
        string facts = Path.Combine(_dir, "facts.parquet");
        string dims = Path.Combine(_dir, "dims.parquet");
        using (var duck = new DuckDb())
        {
            duck.Execute($"COPY (SELECT i::INTEGER AS id, (i % 100)::INTEGER AS fk FROM range(1000) r(i)) TO {DuckDb.Literal(facts)} (FORMAT parquet)");
            duck.Execute($"COPY (SELECT i::INTEGER AS key, 'n' || (i % 10) AS name FROM range(100) r(i)) TO {DuckDb.Literal(dims)} (FORMAT parquet)");
        }
        var f = _sql.Read.Parquet(facts).Alias("f");
        var d = _sql.Read.Parquet(dims).Alias("d");

        var all = Stats(f.Join(d, Col("f.fk") == Col("d.key")));
        var filtered = Stats(f.Join(d.Where(Col("name") == "n3"), Col("f.fk") == Col("d.key")));

        // 1000 × 100 ÷ max(100 fk values, 100 keys) and 1000 × 10 ÷ max(100, 10): the facts, then the tenth that matches.
        Assert.Equal(1000, all.RowCount, 1e-6);
        Assert.Equal(100, filtered.RowCount, 1e-6);
    }
}
