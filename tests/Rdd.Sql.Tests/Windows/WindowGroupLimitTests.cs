using Rdd.Core;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Planning.Optimizer;
using Rdd.Sql.Planning.Physical;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Windows;

using Window = Rdd.Sql.Window;

public sealed record LimitedRow(int Id, string? G, int? H, int? X, double? V, string? S, double D, long L);

/// <summary>
/// Filters on row_number/rank/dense_rank end to end: with the window group limit the results are those of a LINQ
/// reference and of the same query with [InferWindowGroupLimit] disabled, over seeded rows with ties and NULLs in
/// partition and order keys, spread over several partitions.
/// </summary>
public sealed class WindowGroupLimitTests : IDisposable
{
    private readonly RddContext _context = new(new RddConfig { Parallelism = 3 });
    private readonly SqlContext _sql;

    public WindowGroupLimitTests() => _sql = new SqlContext(_context);

    public void Dispose()
    {
        _context.Dispose();
        GC.SuppressFinalize(this);
    }

    private static readonly LimitedRow[] Rows = Generate(300, seed: 20261121);

    private static LimitedRow[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        T? Maybe<T>(int nullPercent, Func<T> value) where T : struct => random.Next(100) < nullPercent ? null : value();
        string? MaybeString(int nullPercent, Func<string> value) => random.Next(100) < nullPercent ? null : value();
        return [.. Enumerable.Range(0, count).Select(i => new LimitedRow(
            i,
            MaybeString(15, () => ((char)('a' + random.Next(4))).ToString()),
            Maybe(20, () => random.Next(2)),
            Maybe(15, () => random.Next(5)),
            Maybe(15, () => (double)random.Next(4)),
            MaybeString(15, () => $"s{random.Next(4)}"),
            random.Next(6) * 0.5,
            random.Next(5)))];
    }

    /// <summary>One ORDER BY key: the column, its direction and NULL placement, and the value the reference compares.</summary>
    private sealed record Key(string Column, bool Ascending, bool NullsFirst, Func<LimitedRow, IComparable?> Value)
    {
        public Column ToColumn() => (Ascending, NullsFirst) switch
        {
            (true, true) => Col(Column).Asc(),
            (true, false) => Col(Column).AscNullsLast(),
            (false, true) => Col(Column).DescNullsFirst(),
            _ => Col(Column).Desc(),
        };
    }

    private static readonly Key[][] Orders =
    [
        [new("X", true, true, r => r.X)],
        [new("X", true, false, r => r.X)],
        [new("X", false, true, r => r.X)],
        [new("X", false, false, r => r.X)],
        [new("V", false, true, r => r.V), new("S", true, false, r => r.S)],
        [new("D", true, true, r => r.D)],
        [new("L", false, false, r => r.L)],
        [new("S", false, false, r => r.S)],
    ];

    private static readonly (string[] Columns, Func<LimitedRow, string> Key)[] Partitionings =
    [
        (["G"], r => $"{r.G ?? "<null>"}"),
        (["G", "H"], r => $"{r.G ?? "<null>"}|{r.H?.ToString() ?? "<null>"}"),
        ([], r => ""),
    ];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var function in new[] { "row_number", "rank", "dense_rank" })
        {
            for (int order = 0; order < Orders.Length; order++) data.Add(function, order);
        }
        return data;
    }

    private static WindowFunctionKind Kind(string function) => function switch
    {
        "row_number" => WindowFunctionKind.RowNumber,
        "rank" => WindowFunctionKind.Rank,
        _ => WindowFunctionKind.DenseRank,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Limited_ranks_match_the_reference_and_the_plan_without_the_rule(string function, int orderIndex)
    {
        var kind = Kind(function);
        var order = Orders[orderIndex];
        foreach (var (columns, partitionKey) in Partitionings)
        {
            foreach (int k in new[] { 1, 2, 5, 30 })
            {
                var df = Query(_sql.CreateDataFrame(Rows), kind, columns, order, k);
                string context = $"{kind} k={k} partition=[{string.Join(",", columns)}] order=[{string.Join(",", order.Select(o => o.ToColumn().ToString()))}]";

                Assert.True(new Optimizer().Optimize(df.Plan).Plan.Descendants().OfType<WindowGroupLimit>().Any(), context);
                var actual = df.Collect();
                Assert.True(Expected(kind, partitionKey, order, k, Rows).SetEquals(Comparable(kind, partitionKey, order, actual)), context);
                if (k == 2)
                {
                    var withoutRule = CollectWithoutRule(df);
                    Assert.Equal(
                        Comparable(kind, partitionKey, order, withoutRule).Order(StringComparer.Ordinal),
                        Comparable(kind, partitionKey, order, actual).Order(StringComparer.Ordinal));
                }
            }
        }
    }

    [Theory]
    [InlineData("row_number")]
    [InlineData("rank")]
    [InlineData("dense_rank")]
    public void Empty_input_gives_no_rows(string function)
    {
        var df = Query(_sql.CreateDataFrame(Rows).Where("Id < 0"), Kind(function), ["G"], Orders[0], 2);

        Assert.Empty(df.Collect());
        Assert.Equal(0, df.Count());
    }

    [Fact]
    public void Benchmark_q8_shape_keeps_the_two_largest_values_per_group()
    {
        var w = Window.PartitionBy("G").OrderBy(Col("V").Desc());
        var df = _sql.CreateDataFrame(Rows).Select("G", "V").WithColumn("rn", RowNumber().Over(w)).Where(Col("rn") <= 2).Select("G", "V");

        var expected = Rows.GroupBy(r => r.G)
            .SelectMany(g => g.OrderByDescending(r => r.V).Take(2).Select(r => $"{r.G}|{r.V}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, df.Collect().Select(r => $"{r["G"]}|{r["V"]}").Order(StringComparer.Ordinal));
    }

    private static DataFrame Query(DataFrame source, WindowFunctionKind kind, string[] partitionColumns, Key[] order, int k)
    {
        var function = kind switch
        {
            WindowFunctionKind.RowNumber => RowNumber(),
            WindowFunctionKind.Rank => Rank(),
            _ => DenseRank(),
        };
        var spec = Window.PartitionBy(partitionColumns).OrderBy([.. order.Select(o => o.ToColumn())]);
        return source.WithColumn("r", function.Over(spec)).Where(Col("r") <= k);
    }

    private Row[] CollectWithoutRule(DataFrame df)
    {
        var optimized = new Optimizer(disabledRules: ["InferWindowGroupLimit"]).Optimize(df.Plan).Plan;
        Assert.Empty(optimized.Descendants().OfType<WindowGroupLimit>());
        var schema = df.Schema;
        return [.. PhysicalPlanner.Plan(optimized, _context).Execute().Collect().SelectMany(b => DataFrame.ToRows(b, schema))];
    }

    /// <summary>
    /// What a result must equal: for rank and dense_rank each row's id with its rank; for row_number (which row of
    /// a tie is kept is arbitrary) the partition key, the order values and the number.
    /// </summary>
    private static HashSet<string> Comparable(WindowFunctionKind kind, Func<LimitedRow, string> partitionKey, Key[] order, IEnumerable<Row> rows)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var source = Rows[(int)row["Id"]!];
            Assert.True(result.Add(Describe(kind, partitionKey, order, source, (int)row["r"]!)), $"duplicate {Describe(kind, partitionKey, order, source, (int)row["r"]!)}");
        }
        return result;
    }

    private static string Describe(WindowFunctionKind kind, Func<LimitedRow, string> partitionKey, Key[] order, LimitedRow row, int rank) =>
        kind == WindowFunctionKind.RowNumber
            ? $"{partitionKey(row)}/{string.Join(",", order.Select(o => o.Value(row)?.ToString() ?? "<null>"))}/{rank}"
            : $"{row.Id}/{rank}";

    /// <summary>The LINQ reference: each window partition ordered by the keys (ties by id), numbered, filtered to rank k.</summary>
    private static HashSet<string> Expected(WindowFunctionKind kind, Func<LimitedRow, string> partitionKey, Key[] order, int k, IEnumerable<LimitedRow> rows)
    {
        var comparer = Comparer<LimitedRow>.Create((a, b) => CompareByKeys(order, a, b));
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(partitionKey))
        {
            var sorted = group.Order(comparer).ThenBy(r => r.Id).ToList();
            int rank = 0, dense = 0;
            for (int i = 0; i < sorted.Count; i++)
            {
                if (i == 0 || CompareByKeys(order, sorted[i - 1], sorted[i]) != 0)
                {
                    rank = i + 1;
                    dense++;
                }
                int value = kind switch
                {
                    WindowFunctionKind.RowNumber => i + 1,
                    WindowFunctionKind.Rank => rank,
                    _ => dense,
                };
                if (value <= k) result.Add(Describe(kind, partitionKey, order, sorted[i], value));
            }
        }
        return result;
    }

    private static int CompareByKeys(Key[] order, LimitedRow a, LimitedRow b)
    {
        foreach (var key in order)
        {
            var x = key.Value(a);
            var y = key.Value(b);
            int c;
            if (x is null || y is null)
            {
                c = x is null && y is null ? 0 : (x is null) == key.NullsFirst ? -1 : 1;
            }
            else
            {
                c = x is string s ? string.CompareOrdinal(s, (string)y) : x.CompareTo(y);
                if (!key.Ascending) c = -c;
            }
            if (c != 0) return c;
        }
        return 0;
    }
}
