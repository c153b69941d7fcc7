using Apache.Arrow;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Execution;

public sealed class AggregateTests : ExecutionTestBase
{
    private sealed record Row(string? S, int? I, long? L, double? D, DateOnly? Day);

    private static readonly Row[][] s_partitions =
    [
        [
            new("a", 1, 10, 1.5, new DateOnly(2024, 1, 3)), new("b", 2, null, 2.5, null), new(null, 1, 7, null, new DateOnly(2023, 5, 1)),
            new("a", null, 3, 4.0, new DateOnly(2024, 2, 1)),
        ],
        [],
        [
            new("b", 2, 5, -1.0, new DateOnly(2020, 1, 1)), new("c", 3, null, null, null), new("a", 1, 10, 1.5, new DateOnly(2025, 1, 1)),
            new(null, null, null, 8.0, null), new("b", 2, 1, 2.5, new DateOnly(2021, 6, 6)),
        ],
    ];

    private static RecordBatch ToBatch(IReadOnlyList<Row> rows) => Make(
        ("s", Strings([.. rows.Select(r => r.S)])),
        ("i", Ints([.. rows.Select(r => r.I)])),
        ("l", Longs([.. rows.Select(r => r.L)])),
        ("d", Doubles([.. rows.Select(r => r.D)])),
        ("day", Dates([.. rows.Select(r => r.Day)])));

    // The third partition arrives as two batches, the second partition is empty.
    private BatchSourceExec Input() => Source(
        [ToBatch(s_partitions[0])],
        [],
        [ToBatch(s_partitions[2][..2]), ToBatch(s_partitions[2][2..])]);

    private static IEnumerable<Row> All => s_partitions.SelectMany(p => p);

    private static Expression[] AllAggregates =>
    [
        Agg(AggregateKind.Count, Lit(1), "cnt_star"),
        Agg(AggregateKind.Count, Col("l"), "cnt_l"),
        Agg(AggregateKind.Sum, Col("l"), "sum_l"),
        Agg(AggregateKind.Sum, Col("i"), "sum_i"),
        Agg(AggregateKind.Sum, Col("d"), "sum_d"),
        Agg(AggregateKind.Avg, Col("d"), "avg_d"),
        Agg(AggregateKind.Min, Col("l"), "min_l"),
        Agg(AggregateKind.Max, Col("d"), "max_d"),
        Agg(AggregateKind.Min, Col("s"), "min_s"),
        Agg(AggregateKind.Max, Col("s"), "max_s"),
        Agg(AggregateKind.Max, Col("day"), "max_day"),
        Agg(AggregateKind.StddevSamp, Col("d"), "sd_d"),
    ];

    private static object?[] Expected(IEnumerable<Row> group)
    {
        var rows = group.ToList();
        var ls = rows.Where(r => r.L.HasValue).Select(r => r.L!.Value).ToList();
        var iss = rows.Where(r => r.I.HasValue).Select(r => (long)r.I!.Value).ToList();
        var ds = rows.Where(r => r.D.HasValue).Select(r => r.D!.Value).ToList();
        var ss = rows.Where(r => r.S is not null).Select(r => r.S!).Order(StringComparer.Ordinal).ToList();
        var days = rows.Where(r => r.Day.HasValue).Select(r => r.Day!.Value).ToList();
        double? sd = null;
        if (ds.Count > 1)
        {
            double mean = ds.Average();
            sd = Math.Sqrt(ds.Sum(x => (x - mean) * (x - mean)) / (ds.Count - 1));
        }
        return
        [
            (long)rows.Count, (long)ls.Count,
            ls.Count == 0 ? null : ls.Sum(), iss.Count == 0 ? null : iss.Sum(), ds.Count == 0 ? null : ds.Sum(),
            ds.Count == 0 ? null : ds.Average(), ls.Count == 0 ? null : ls.Min(), ds.Count == 0 ? null : ds.Max(),
            ss.FirstOrDefault(), ss.LastOrDefault(), days.Count == 0 ? null : days.Max(), sd,
        ];
    }

    [Fact]
    public void Group_by_string_key_computes_every_aggregate_with_a_null_group()
    {
        var plan = new HashAggregateExec(Input(), [Col("s")], AllAggregates);

        var expected = All.GroupBy(r => r.S).Select(g => (object?[])[g.Key, .. Expected(g)]);
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
        Assert.Equal(LongType.Instance, plan.Schema["sum_i"].DataType);
        Assert.Equal(DoubleType.Instance, plan.Schema["sum_d"].DataType);
    }

    [Fact]
    public void Group_by_int_key_and_composite_key()
    {
        var byInt = new HashAggregateExec(Input(), [Col("i")], AllAggregates, numPartitions: 3);
        Assert.Equal(Canonical(All.GroupBy(r => r.I).Select(g => (object?[])[g.Key, .. Expected(g)])), Canonical(Rows(byInt)));

        var byBoth = new HashAggregateExec(Input(), [Col("s"), Col("i")], AllAggregates);
        Assert.Equal(Canonical(All.GroupBy(r => (r.S, r.I)).Select(g => (object?[])[g.Key.S, g.Key.I, .. Expected(g)])), Canonical(Rows(byBoth)));
    }

    [Fact]
    public void Global_aggregation_returns_one_row()
    {
        var plan = new HashAggregateExec(Input(), [], AllAggregates);
        Assert.Equal(Canonical([Expected(All)]), Canonical(Rows(plan)));
    }

    [Fact]
    public void Global_aggregation_of_empty_input_returns_count_zero_and_null_sums()
    {
        var empty = new FilterExec(Input(), new Comparison(ComparisonOperator.GreaterThan, Col("i"), Lit(100)));
        var plan = new HashAggregateExec(empty, [], [Agg(AggregateKind.Count, Lit(1), "n"), Agg(AggregateKind.Sum, Col("l"), "s"), Agg(AggregateKind.CountDistinct, Col("s"), "cd")]);

        var row = Assert.Single(Rows(plan));
        Assert.Equal([0L, null, 0L], row);
    }

    [Fact]
    public void Count_distinct_and_first_run_in_one_phase()
    {
        var plan = new HashAggregateExec(Input(), [Col("i")],
        [
            Agg(AggregateKind.CountDistinct, Col("s"), "cd"),
            Agg(AggregateKind.Count, Lit(1), "n"),
            Agg(AggregateKind.Sum, Col("l"), "sl"),
        ]);
        Assert.False(plan.IsTwoPhase);

        var expected = All.GroupBy(r => r.I).Select(g => (object?[])
            [g.Key, (long)g.Where(r => r.S is not null).Select(r => r.S).Distinct().Count(), (long)g.Count(),
             g.Any(r => r.L.HasValue) ? g.Sum(r => r.L) : null]);
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
    }

    [Fact]
    public void First_takes_a_value_of_the_group()
    {
        var plan = new HashAggregateExec(Input(), [Col("s")], [Agg(AggregateKind.First, Col("i"), "f")]);

        var rows = Rows(plan);
        Assert.Equal(4, rows.Count);
        foreach (var row in rows)
        {
            var candidates = All.Where(r => r.S == (string?)row[0]).Select(r => (object?)r.I).ToList();
            Assert.Contains(row[1], candidates);
        }
        Assert.Equal(3, Assert.Single(rows, r => (string?)r[0] == "c")[1]);
    }

    [Fact]
    public void Group_by_date_expression_and_boolean_keys()
    {
        var byDay = new HashAggregateExec(Input(), [Col("day")], [Agg(AggregateKind.Count, Lit(1), "n")]);
        Assert.Equal(Canonical(All.GroupBy(r => r.Day).Select(g => (object?[])[g.Key, (long)g.Count()])), Canonical(Rows(byDay)));

        var byExpression = new HashAggregateExec(Input(),
            [new Alias(new Arithmetic(ArithmeticOperator.Add, Col("i"), Lit(1)), "i1"), new Comparison(ComparisonOperator.GreaterThan, Col("d"), Lit(2.0))],
            [Agg(AggregateKind.Max, Col("l"), "m")]);
        Assert.Equal("i1", byExpression.Schema[0].Name);
        var expected = All.GroupBy(r => (r.I + 1, r.D.HasValue ? r.D > 2.0 : (bool?)null)).Select(g => (object?[])[g.Key.Item1, g.Key.Item2, g.Max(r => r.L)]);
        Assert.Equal(Canonical(expected), Canonical(Rows(byExpression)));
    }

    [Fact]
    public void Exchange_places_equal_keys_in_one_partition()
    {
        var exchange = new ExchangeExec(Input(), [Col("s")], 3);

        var partitions = exchange.Execute().Glom().Collect();

        Assert.Equal(3, partitions.Length);
        var keysByPartition = partitions.Select(p => p.SelectMany(b => Keys(b)).ToHashSet()).ToList();
        Assert.Equal(All.Count(), partitions.Sum(p => p.Sum(b => b.Length)));
        foreach (var key in All.Select(r => r.S).Distinct())
        {
            Assert.Single(keysByPartition, set => set.Contains(key ?? "<null>"));
        }

        static IEnumerable<string> Keys(RecordBatch batch) =>
            Rdd.Sql.Execution.Kernels.ArrayValues.ToList(batch.Columns["s"]).Select(v => (string?)v ?? "<null>");
    }
}
