using Apache.Arrow;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Tests.Windows;

/// <summary>
/// <see cref="GroupRankLimiter"/> against a LINQ reference: exactly the rows whose row_number (ties in input
/// order), rank or dense_rank within their group is at most k, for each comparison path (a null-free long or
/// double key, nullable keys, strings, several keys) and each direction and NULL placement.
/// </summary>
public sealed class GroupRankLimiterTests
{
    private const int Rows = 2000;
    private const int Groups = 37;

    private static readonly WindowFunctionKind[] Kinds = [WindowFunctionKind.RowNumber, WindowFunctionKind.Rank, WindowFunctionKind.DenseRank];

    /// <summary>Group ids (some groups far smaller than others) and the values of one key column with ties.</summary>
    private static (int[] GroupIds, IComparable?[] Values) Data(int seed, int nullPercent, Func<Random, IComparable> value)
    {
        var random = new Random(seed);
        var groupIds = new int[Rows];
        var values = new IComparable?[Rows];
        for (int i = 0; i < Rows; i++)
        {
            groupIds[i] = random.Next(3) == 0 ? random.Next(4) : random.Next(Groups);
            values[i] = random.Next(100) < nullPercent ? null : value(random);
        }
        return (groupIds, values);
    }

    private static ArrowArray Column(IComparable?[] values) => values.FirstOrDefault(v => v is not null) switch
    {
        long => ColumnValues.FromLongs(ArrowTypes.Int64Type.Default, [.. values.Select(v => v is long l ? l : 0)], [.. values.Select(v => v is not null)]),
        double => ColumnValues.FromDoubles(ArrowTypes.DoubleType.Default, [.. values.Select(v => v is double d ? d : 0)], [.. values.Select(v => v is not null)]),
        _ => ColumnValues.FromStrings([.. values.Select(v => (string?)v)]),
    };

    public static TheoryData<string, int> Shapes() => new()
    {
        { "long", 0 },
        { "long", 10 },
        { "double", 0 },
        { "double", 10 },
        { "string", 10 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void One_key_keeps_exactly_the_rows_ranked_at_most_k(string type, int nullPercent)
    {
        Func<Random, IComparable> value = type switch
        {
            "long" => r => (long)r.Next(-5, 20),
            "double" => r => r.Next(-5, 20) * 0.25,
            _ => r => $"v{r.Next(15):D2}",
        };
        var (groupIds, values) = Data(seed: type.Length * 100 + nullPercent, nullPercent, value);
        var column = Column(values);
        foreach (var (ascending, nullsFirst) in new[] { (true, true), (true, false), (false, true), (false, false) })
        {
            var order = new SortOrder(Literal.Create(0), ascending, nullsFirst);
            foreach (var kind in Kinds)
            {
                foreach (int k in new[] { 1, 2, 3, 7 })
                {
                    var actual = GroupRankLimiter.Select(groupIds, Groups, [order], [column], kind, k, keepAllAbove: 1.0);
                    var expected = Expected(groupIds, (a, b) => Compare(values[a], values[b], ascending, nullsFirst), kind, k);
                    Assert.True(actual is not null, $"{kind} k={k}");
                    Assert.Equal(expected, actual);
                }
            }
        }
    }

    [Fact]
    public void Several_keys_break_ties_of_the_first_with_the_next()
    {
        var (groupIds, first) = Data(seed: 7, nullPercent: 10, r => (long)r.Next(4));
        var (_, second) = Data(seed: 8, nullPercent: 10, r => r.Next(3) * 1.5);
        SortOrder[] order = [new(Literal.Create(0), ascending: false, nullsFirst: true), new(Literal.Create(0), ascending: true, nullsFirst: false)];
        foreach (var kind in Kinds)
        {
            foreach (int k in new[] { 1, 4 })
            {
                var actual = GroupRankLimiter.Select(groupIds, Groups, order, [Column(first), Column(second)], kind, k, keepAllAbove: 1.0);
                var expected = Expected(groupIds, (a, b) =>
                {
                    int c = Compare(first[a], first[b], ascending: false, nullsFirst: true);
                    return c != 0 ? c : Compare(second[a], second[b], ascending: true, nullsFirst: false);
                }, kind, k);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void Nothing_is_selected_when_no_row_can_go()
    {
        // Every group holds at most two rows.
        int[] groupIds = [0, 1, 1, 2, 3, 3];
        var column = ColumnValues.FromLongs(ArrowTypes.Int64Type.Default, [5, 4, 3, 2, 1, 0], default);
        var order = new SortOrder(Literal.Create(0));

        foreach (var kind in Kinds)
        {
            Assert.Null(GroupRankLimiter.Select(groupIds, 4, [order], [column], kind, 2, keepAllAbove: 1.0));
        }
        // With k = 1 the larger groups lose their worse row (ascending: the larger value).
        Assert.Equal([0, 2, 3, 5], GroupRankLimiter.Select(groupIds, 4, [order], [column], WindowFunctionKind.RowNumber, 1, keepAllAbove: 1.0)!);
    }

    [Fact]
    public void A_partial_pass_gives_up_when_too_many_rows_would_stay()
    {
        // Ten groups of three rows: k = 2 keeps at least 20 of 30 rows.
        int[] groupIds = [.. Enumerable.Range(0, 30).Select(i => i % 10)];
        var column = ColumnValues.FromLongs(ArrowTypes.Int64Type.Default, [.. Enumerable.Range(0, 30).Select(i => (long)i)], default);
        var order = new SortOrder(Literal.Create(0));

        Assert.Null(GroupRankLimiter.Select(groupIds, 10, [order], [column], WindowFunctionKind.Rank, 2, keepAllAbove: 0.6));
        Assert.Equal(20, GroupRankLimiter.Select(groupIds, 10, [order], [column], WindowFunctionKind.Rank, 2, keepAllAbove: 0.7)!.Length);
    }

    /// <summary>Spark's order as SortExec's keys compare: NULLs placed by <paramref name="nullsFirst"/> whatever the direction, strings ordinal.</summary>
    private static int Compare(IComparable? x, IComparable? y, bool ascending, bool nullsFirst)
    {
        if (x is null || y is null)
        {
            return x is null && y is null ? 0 : (x is null) == nullsFirst ? -1 : 1;
        }
        int c = x is string s ? Math.Sign(string.CompareOrdinal(s, (string)y)) : x.CompareTo(y);
        return ascending ? c : -c;
    }

    /// <summary>The rows (ascending) ranked at most <paramref name="k"/> in their group, rows ordered by <paramref name="compare"/> then by index.</summary>
    private static int[] Expected(int[] groupIds, Func<int, int, int> compare, WindowFunctionKind kind, int k)
    {
        var kept = new List<int>();
        foreach (var group in Enumerable.Range(0, groupIds.Length).GroupBy(i => groupIds[i]))
        {
            var sorted = group.Order(Comparer<int>.Create((a, b) => compare(a, b) is var c && c != 0 ? c : a.CompareTo(b))).ToList();
            int rank = 0, dense = 0;
            for (int i = 0; i < sorted.Count; i++)
            {
                if (i == 0 || compare(sorted[i - 1], sorted[i]) != 0)
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
                if (value <= k) kept.Add(sorted[i]);
            }
        }
        return [.. kept.Order()];
    }
}
