using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Execution;

public sealed class SortTests : ExecutionTestBase
{
    private static readonly (string? S, int? I, double? D)[][] s_partitions =
    [
        [("b", 2, 1.0), (null, 1, null), ("a", null, 3.5), ("B", 2, -2.0)],
        [],
        [("a", 1, 0.5), ("b", null, null), (null, 3, 2.0), ("a", 1, -0.5)],
    ];

    private BatchSourceExec Input() => Source(
        [Make(("s", Strings([.. s_partitions[0].Select(r => r.S)])), ("i", Ints([.. s_partitions[0].Select(r => r.I)])), ("d", Doubles([.. s_partitions[0].Select(r => r.D)])))],
        [],
        [Make(("s", Strings([.. s_partitions[2].Select(r => r.S)])), ("i", Ints([.. s_partitions[2].Select(r => r.I)])), ("d", Doubles([.. s_partitions[2].Select(r => r.D)])))]);

    private static IEnumerable<(string? S, int? I, double? D)> All => s_partitions.SelectMany(p => p);

    private static string Text((string? S, int? I, double? D) r) => $"{Format(r.S)}|{Format(r.I)}|{Format(r.D)}";

    private static List<string> Texts(List<object?[]> rows) => [.. rows.Select(r => string.Join("|", r.Select(Format)))];

    [Fact]
    public void NaN_sorts_above_every_number_and_minus_zero_equals_zero_as_in_Spark()
    {
        double?[] values = [double.NaN, 1.5, null, double.PositiveInfinity, -0.0, double.NegativeInfinity, 0.0, -2.0, double.NaN];
        var source = Source([Make(("d", Doubles(values)), ("n", Ints([.. values.Select((_, i) => (int?)i)])))]);
        string Order(bool ascending, bool twoKeys)
        {
            SortOrder[] order = twoKeys
                ? [new SortOrder(Col("d"), ascending, nullsFirst: true), new SortOrder(Col("n"))]
                : [new SortOrder(Col("d"), ascending, nullsFirst: true)];
            return string.Join(",", Rows(new SortExec(source, order)).Select(r => r[1]));
        }

        // Ties (NaN with NaN, -0.0 with 0.0) keep input order; nulls first as asked.
        Assert.Equal("2,5,7,4,6,1,3,0,8", Order(ascending: true, twoKeys: false));
        Assert.Equal("2,5,7,4,6,1,3,0,8", Order(ascending: true, twoKeys: true));
        Assert.Equal("2,0,8,3,1,4,6,7,5", Order(ascending: false, twoKeys: false));
        Assert.Equal("2,0,8,3,1,4,6,7,5", Order(ascending: false, twoKeys: true));
    }

    [Fact]
    public void Ascending_default_puts_nulls_first_and_compares_strings_ordinally()
    {
        var plan = new SortExec(Input(), [new SortOrder(Col("s")), new SortOrder(Col("d"))]);

        var expected = All.OrderBy(r => r.S is not null).ThenBy(r => r.S, StringComparer.Ordinal)
            .ThenBy(r => r.D.HasValue).ThenBy(r => r.D).Select(Text);
        Assert.Equal(expected, Texts(Rows(plan)));
    }

    [Fact]
    public void Descending_default_puts_nulls_last()
    {
        var plan = new SortExec(Input(), [new SortOrder(Col("i"), ascending: false), new SortOrder(Col("d"), ascending: false)]);

        var expected = All.OrderBy(r => !r.I.HasValue).ThenByDescending(r => r.I)
            .ThenBy(r => !r.D.HasValue).ThenByDescending(r => r.D).Select(Text);
        Assert.Equal(expected, Texts(Rows(plan)));
    }

    [Fact]
    public void Explicit_nulls_placement()
    {
        var plan = new SortExec(Input(), [new SortOrder(Col("i"), ascending: true, nullsFirst: false), new SortOrder(Col("s"), ascending: false, nullsFirst: true), new SortOrder(Col("d"))]);

        var expected = All.OrderBy(r => !r.I.HasValue).ThenBy(r => r.I)
            .ThenBy(r => r.S is not null).ThenByDescending(r => r.S, StringComparer.Ordinal)
            .ThenBy(r => r.D.HasValue).ThenBy(r => r.D).Select(Text);
        Assert.Equal(expected, Texts(Rows(plan)));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Single_string_key_is_stable_ordinal_with_nulls_placed(bool ascending, bool nullsFirst)
    {
        var plan = new SortExec(Input(), [new SortOrder(Col("s"), ascending, nullsFirst)]);

        var nonNull = All.Where(r => r.S is not null);
        var sorted = ascending ? nonNull.OrderBy(r => r.S, StringComparer.Ordinal) : nonNull.OrderByDescending(r => r.S, StringComparer.Ordinal);
        var nulls = All.Where(r => r.S is null);
        var expected = (nullsFirst ? nulls.Concat(sorted) : sorted.Concat(nulls)).Select(Text);
        Assert.Equal(expected, Texts(Rows(plan)));
    }

    [Fact]
    public void Sort_then_limit_is_top_n()
    {
        var plan = new LimitExec(new SortExec(Input(), [new SortOrder(Col("d"), ascending: false)]), 3);

        Assert.Equal(["a|null|3.5", "null|3|2", "b|2|1"], Texts(Rows(plan)));
    }
}
