using Apache.Arrow;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Execution;

/// <summary>
/// When the partial phase sees nearly one group per row it stops aggregating and passes the remaining rows through
/// as one-row states. The results must not change: keys repeat across the skipped rows, across batches and
/// across partitions, so the final phase has to combine pass-through states with aggregated ones.
/// </summary>
public sealed class PartialAggregationSkipTests : ExecutionTestBase
{
    [Fact]
    public void MostlyUniqueKeysGiveTheSameResultsAsAReference()
    {
        const int batchRows = 60_000;
        var random = new Random(11);
        var partitions = new RecordBatch[2][];
        var all = new List<(string? K, int Id, long? L, double? D)>();
        for (int p = 0; p < partitions.Length; p++)
        {
            partitions[p] = new RecordBatch[3];
            for (int b = 0; b < 3; b++)
            {
                // Mostly fresh keys (the skip triggers after 100 k rows), with every 10th row reusing an early key.
                var rows = Enumerable.Range(0, batchRows).Select(i =>
                {
                    int n = (p * 3 + b) * batchRows + i;
                    int key = i % 10 == 0 ? random.Next(5_000) : n;
                    return (K: key % 97 == 0 ? null : "k" + (key % 3), Id: key, L: random.Next(20) == 0 ? null : (long?)random.Next(1000), D: (double?)random.NextDouble());
                }).ToList();
                all.AddRange(rows);
                partitions[p][b] = Make(
                    ("k", Strings([.. rows.Select(r => r.K)])),
                    ("id", Ints([.. rows.Select(r => (int?)r.Id)])),
                    ("l", Longs([.. rows.Select(r => r.L)])),
                    ("d", Doubles([.. rows.Select(r => r.D)])));
            }
        }
        var plan = new HashAggregateExec(Source(partitions), [Col("k"), Col("id")],
        [
            Agg(AggregateKind.Count, Lit(1), "n"),
            Agg(AggregateKind.Sum, Col("l"), "sum_l"),
            Agg(AggregateKind.Max, Col("d"), "max_d"),
            Agg(AggregateKind.Avg, Col("l"), "avg_l"),
        ]);
        var expected = all.GroupBy(r => (r.K, r.Id)).Select(g => new object?[]
        {
            g.Key.K, g.Key.Id, (long)g.Count(), g.Any(r => r.L.HasValue) ? g.Sum(r => r.L) : null, g.Max(r => r.D),
            g.Any(r => r.L.HasValue) ? g.Where(r => r.L.HasValue).Average(r => (double)r.L!.Value) : null,
        });
        var actual = Rows(plan);
        Assert.True(actual.Count > 300_000);
        Assert.Equal(Canonical(expected), Canonical(actual));
    }
}
