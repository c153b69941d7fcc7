using Rdd.Core;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Parquet;

/// <summary>Parquet scans and writes also run in MapReduce mode, where splits and batches cross process-style boundaries.</summary>
public sealed class ParquetMapReduceModeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rdd-parquet-mapreduce-" + Guid.NewGuid().ToString("N"));
    private readonly RddContext _context;

    public ParquetMapReduceModeTests() =>
        _context = new RddContext(new RddConfig { Parallelism = 2, ExecutionMode = ExecutionMode.MapReduce, LocalDir = Path.Combine(_dir, "local") });

    public void Dispose()
    {
        _context.Dispose();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    public sealed record Sale(int Store, double Amount);

    [Fact]
    public void Read_aggregate_and_write_in_MapReduce_mode()
    {
        var sql = new SqlContext(_context);
        string input = Path.Combine(_dir, "in");
        sql.CreateDataFrame(Enumerable.Range(0, 1000).Select(i => new Sale(i % 4, i * 0.5))).Write.Parquet(input);

        var totals = sql.Read.Parquet(input).Where(Col("Store") < 3).GroupBy("Store").Agg(Sum("Amount").As("Total"));
        string output = Path.Combine(_dir, "out");
        totals.Write.Parquet(output);

        var expected = Enumerable.Range(0, 1000).Where(i => i % 4 < 3).GroupBy(i => i % 4).Select(g => $"{g.Key}|{g.Sum(i => i * 0.5)}").Order(StringComparer.Ordinal);
        Assert.Equal(expected, ParquetTestData.Canonical(sql.Read.Parquet(output).Collect()));
    }
}
