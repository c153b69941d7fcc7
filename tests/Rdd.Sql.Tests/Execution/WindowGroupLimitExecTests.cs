using Apache.Arrow;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Tests.Expressions;

namespace Rdd.Sql.Tests.Execution;

/// <summary>
/// <see cref="WindowGroupLimitExec"/> on its own: each RDD partition keeps at least the rows that qualify within it
/// (so nothing the window needs is lost before the exchange), the final mode keeps exactly them, and the partial
/// mode's shared judgement (give up after useless probes, probe again later) never drops a qualifying row.
/// </summary>
public sealed class WindowGroupLimitExecTests : ExecutionTestBase
{
    private static RecordBatch Batch(IEnumerable<(long Group, double Value)> rows)
    {
        var list = rows.ToList();
        return TestBatches.Make(
            ("g", TestBatches.Longs([.. list.Select(r => (long?)r.Group)])),
            ("v", TestBatches.Doubles([.. list.Select(r => (double?)r.Value)])));
    }

    private static WindowGroupLimitExec Limit(PhysicalPlan child, WindowGroupLimitMode mode, int k = 2) =>
        new(child, [Col("g")], [new SortOrder(Col("v"), ascending: false)], WindowFunctionKind.RowNumber, k, mode);

    /// <summary>Per input partition, the k largest values of each group, as canonical rows.</summary>
    private static List<string> TopPerGroup(IEnumerable<RecordBatch[]> partitions, int k) => Canonical(partitions
        .SelectMany(batches => batches
            .SelectMany(b => Enumerable.Range(0, b.Length).Select(i => (Group: (long)ArrayValuesOf(b, 0, i)!, Value: (double)ArrayValuesOf(b, 1, i)!)))
            .GroupBy(r => r.Group)
            .SelectMany(g => g.OrderByDescending(r => r.Value).Take(k)))
        .Select(r => new object?[] { r.Group, r.Value }));

    private static object? ArrayValuesOf(RecordBatch batch, int column, int row) => Rdd.Sql.Execution.Kernels.ArrayValues.Get(batch.Columns[column], row);

    [Fact]
    public void Final_mode_keeps_the_top_rows_of_each_group_over_all_batches_of_a_partition()
    {
        var random = new Random(5);
        RecordBatch[][] partitions =
        [
            [Batch(Enumerable.Range(0, 300).Select(_ => ((long)random.Next(10), random.Next(1000) / 10.0))),
             Batch(Enumerable.Range(0, 200).Select(_ => ((long)random.Next(10), random.Next(1000) / 10.0)))],
            [],
            [Batch(Enumerable.Range(0, 100).Select(_ => ((long)random.Next(30), random.Next(1000) / 10.0)))],
        ];

        var rows = Rows(Limit(Source(partitions), WindowGroupLimitMode.Final));

        Assert.Equal(TopPerGroup(partitions, 2), Canonical(rows));
    }

    [Fact]
    public void Partial_mode_passes_useless_partitions_through_and_trims_useful_ones()
    {
        // 40 partitions: the first 20 hold one row per group (nothing to trim), the last 20 one group of 50 rows.
        var random = new Random(9);
        var partitions = Enumerable.Range(0, 40).Select(p => p < 20
            ? new[] { Batch(Enumerable.Range(0, 50).Select(i => ((long)(p * 1000 + i), random.NextDouble()))) }
            : new[] { Batch(Enumerable.Range(0, 50).Select(_ => (1_000_000L + p, random.NextDouble()))) }).ToArray();

        var rows = Rows(Limit(Source(partitions), WindowGroupLimitMode.Partial));

        var output = Canonical(rows);
        var required = TopPerGroup(partitions, 2);
        Assert.Empty(required.Except(output));
        Assert.Equal(output.Count, output.Distinct().Count());
        // Every row of the first half survives; of the second half at least the required 2 per partition, and the
        // pass, tried again after giving up (every 16th partition), trims some of it.
        Assert.Equal(20 * 50, rows.Count(r => (long)r[0]! < 1_000_000));
        int secondHalf = rows.Count(r => (long)r[0]! >= 1_000_000);
        Assert.InRange(secondHalf, 20 * 2, 20 * 50 - 48);
    }
}
