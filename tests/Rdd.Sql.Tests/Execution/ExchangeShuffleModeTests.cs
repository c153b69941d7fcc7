using Rdd.Core;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Execution;

/// <summary>
/// Exchanges move record batches as objects while the shuffle keeps map outputs in memory, and as Arrow IPC
/// bytes when it writes files: both ways, and in MapReduce mode, queries that shuffle give the same rows as a
/// reference computed with LINQ.
/// </summary>
public sealed class ExchangeShuffleModeTests
{
    public sealed record Sale(int? Key, string? Name, double Amount);

    public sealed record Label(int? Key, string Text);

    public enum ShuffleMode
    {
        InMemory,
        FilesOverBudget,
        MapReduce,
    }

    private static RddContext NewContext(ShuffleMode mode) => new(new RddConfig
    {
        Parallelism = 3,
        // One byte: no map output fits, every map task spills and writes a data file.
        ShuffleMemoryBytes = mode == ShuffleMode.FilesOverBudget ? 1 : 256L << 20,
        ExecutionMode = mode == ShuffleMode.MapReduce ? ExecutionMode.MapReduce : ExecutionMode.InMemory,
        LocalDir = Path.Combine(Path.GetTempPath(), "rdd-sql-exchange-tests", Guid.NewGuid().ToString("N")),
    });

    private static Sale[] Sales(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new Sale(
            random.Next(10) == 0 ? null : random.Next(50),
            random.Next(7) == 0 ? null : "n" + random.Next(20),
            Math.Round(random.NextDouble() * 100, 2)))];
    }

    [Theory]
    [InlineData(ShuffleMode.InMemory)]
    [InlineData(ShuffleMode.FilesOverBudget)]
    [InlineData(ShuffleMode.MapReduce)]
    public void GroupBy_aggregates_every_group_once(ShuffleMode mode)
    {
        using var context = NewContext(mode);
        var sales = Sales(2000, seed: 11);
        var frame = new SqlContext(context).CreateDataFrame(sales);
        Assert.True(frame.Execute().NumPartitions > 1);

        var actual = frame.GroupBy("Key").Agg(Count(Lit(1)).As("n"), Sum(Col("Amount")).As("total")).Collect()
            .Select(r => ((int?)r["Key"], (long)r["n"]!, Math.Round((double)r["total"]!, 6)))
            .OrderBy(t => t.Item1 ?? int.MinValue)
            .ToList();
        var expected = sales.GroupBy(s => s.Key)
            .Select(g => (g.Key, (long)g.Count(), Math.Round(g.Sum(s => s.Amount), 6)))
            .OrderBy(t => t.Key ?? int.MinValue)
            .ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(ShuffleMode.InMemory)]
    [InlineData(ShuffleMode.FilesOverBudget)]
    [InlineData(ShuffleMode.MapReduce)]
    public void Shuffled_joins_match_every_pair(ShuffleMode mode)
    {
        using var context = NewContext(mode);
        var sql = new SqlContext(context);
        var sales = Sales(1500, seed: 12);
        var random = new Random(13);
        var labels = Enumerable.Range(0, 300).Select(i => new Label(random.Next(9) == 0 ? null : random.Next(60), "t" + i)).ToArray();

        // A full outer join is never broadcast, so both sides go through the exchange.
        var joined = sql.CreateDataFrame(sales).Join(sql.CreateDataFrame(labels), "Key", "full").Collect()
            .Select(r => $"{r["Key"]}|{r["Name"]}|{r["Amount"]}|{r["Text"]}")
            .Order(StringComparer.Ordinal)
            .ToList();

        var matched = sales.Where(s => s.Key is not null)
            .Join(labels.Where(l => l.Key is not null), s => s.Key, l => l.Key, (s, l) => $"{s.Key}|{s.Name}|{s.Amount}|{l.Text}");
        var leftOnly = sales.Where(s => s.Key is null || !labels.Any(l => l.Key == s.Key)).Select(s => $"{s.Key}|{s.Name}|{s.Amount}|");
        var rightOnly = labels.Where(l => l.Key is null || !sales.Any(s => s.Key == l.Key)).Select(l => $"{l.Key}|||{l.Text}");
        var expected = matched.Concat(leftOnly).Concat(rightOnly).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, joined);
    }

    [Theory]
    [InlineData(ShuffleMode.InMemory)]
    [InlineData(ShuffleMode.FilesOverBudget)]
    [InlineData(ShuffleMode.MapReduce)]
    public void Distinct_keeps_one_row_per_value(ShuffleMode mode)
    {
        using var context = NewContext(mode);
        var sales = Sales(2500, seed: 14);
        var actual = new SqlContext(context).CreateDataFrame(sales).Select("Key", "Name").Distinct().Collect()
            .Select(r => $"{r["Key"]}|{r["Name"]}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var expected = sales.Select(s => $"{s.Key}|{s.Name}").Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(ShuffleMode.InMemory)]
    [InlineData(ShuffleMode.FilesOverBudget)]
    public void Empty_input_shuffles_to_no_rows(ShuffleMode mode)
    {
        using var context = NewContext(mode);
        var frame = new SqlContext(context).CreateDataFrame(Array.Empty<Sale>());
        Assert.Empty(frame.GroupBy("Key").Count().Collect());
        Assert.Empty(frame.Distinct().Collect());
    }
}
