using Apache.Arrow;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Execution;

public sealed class JoinTests : ExecutionTestBase
{
    // Duplicate keys on both sides (1, "x"), null keys on both sides, keys present on one side only.
    private static readonly (int? K, string? Name)[][] s_left = [[(1, "l1"), (2, "l2"), (null, "lnull"), (1, "l1b")], [], [(4, "l4"), (5, "l5"), (null, "lnull2")]];
    private static readonly (long? K, string? Tag)[][] s_right = [[(1, "r1"), (3, "r3"), (null, "rnull")], [(1, "r1b"), (4, "r4"), (4, "r4b")]];

    private static IEnumerable<(int? K, string? Name)> LeftRows => s_left.SelectMany(p => p);

    private static IEnumerable<(long? K, string? Tag)> RightRows => s_right.SelectMany(p => p);

    private BatchSourceExec Left() => Source([.. s_left.Select(p => p.Length == 0 ? System.Array.Empty<RecordBatch>() :
        [Make(("k", Ints([.. p.Select(r => r.K)])), ("name", Strings([.. p.Select(r => r.Name)])))])]);

    private BatchSourceExec Right() => Source([.. s_right.Select(p => (RecordBatch[])
        [Make(("rk", Longs([.. p.Select(r => r.K)])), ("tag", Strings([.. p.Select(r => r.Tag)])))])]);

    private HashJoinExec Join(JoinType type, Expression? condition = null, bool broadcast = false) =>
        new(Left(), Right(), type, [Col("k")], [Col("rk")], condition, broadcastRight: broadcast);

    private static IEnumerable<object?[]> InnerPairs(Func<string?, string?, bool>? residual = null) =>
        from l in LeftRows
        from r in RightRows
        where l.K is not null && r.K is not null && l.K == r.K && (residual?.Invoke(l.Name, r.Tag) ?? true)
        select (object?[])[l.K, l.Name, r.K, r.Tag];

    private static IEnumerable<object?[]> LeftUnmatched(Func<string?, string?, bool>? residual = null) =>
        LeftRows.Where(l => !InnerPairs(residual).Any(p => (string?)p[1] == l.Name)).Select(l => (object?[])[l.K, l.Name, null, null]);

    private static IEnumerable<object?[]> RightUnmatched(Func<string?, string?, bool>? residual = null) =>
        RightRows.Where(r => !InnerPairs(residual).Any(p => (string?)p[3] == r.Tag)).Select(r => (object?[])[null, null, r.K, r.Tag]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Inner_join_matches_duplicates_and_never_null_keys(bool broadcast)
    {
        var rows = Rows(Join(JoinType.Inner, broadcast: broadcast));
        Assert.Equal(Canonical(InnerPairs()), Canonical(rows));
        Assert.Equal(6, rows.Count);
    }

    [Fact]
    public void Outer_joins_keep_unmatched_rows_with_nulls()
    {
        Assert.Equal(Canonical(InnerPairs().Concat(LeftUnmatched())), Canonical(Rows(Join(JoinType.LeftOuter))));
        Assert.Equal(Canonical(InnerPairs().Concat(RightUnmatched())), Canonical(Rows(Join(JoinType.RightOuter))));
        Assert.Equal(Canonical(InnerPairs().Concat(LeftUnmatched()).Concat(RightUnmatched())), Canonical(Rows(Join(JoinType.FullOuter))));
        Assert.True(Join(JoinType.LeftOuter).Schema["tag"].Nullable);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Semi_and_anti_joins_return_left_rows_once(bool broadcast)
    {
        var matched = LeftRows.Where(l => l.K is not null && RightRows.Any(r => r.K == l.K)).ToList();
        Assert.Equal(Canonical(matched.Select(l => (object?[])[l.K, l.Name])), Canonical(Rows(Join(JoinType.LeftSemi, broadcast: broadcast))));
        Assert.Equal(Canonical(LeftRows.Except(matched).Select(l => (object?[])[l.K, l.Name])), Canonical(Rows(Join(JoinType.LeftAnti, broadcast: broadcast))));
        Assert.Equal(["k", "name"], Join(JoinType.LeftSemi).Schema.FieldNames);
    }

    [Fact]
    public void Broadcast_left_outer_join_with_residual_and_rejects_right_outer()
    {
        var condition = new Comparison(ComparisonOperator.NotEqual, Col("name"), Lit("l1"));
        bool Residual(string? name, string? tag) => name != "l1";

        var join = Join(JoinType.LeftOuter, condition, broadcast: true);
        Assert.Equal(Canonical(InnerPairs(Residual).Concat(LeftUnmatched(Residual))), Canonical(Rows(join)));
        Assert.StartsWith("BroadcastHashJoin LeftOuter", join.Describe());
        Assert.Throws<ArgumentException>(() => Join(JoinType.FullOuter, broadcast: true));
    }

    [Fact]
    public void Residual_condition_filters_pairs_before_outer_rows_are_added()
    {
        // name <> 'l1' removes l1's pairs; l1 then comes back as an unmatched left row.
        var condition = new Comparison(ComparisonOperator.NotEqual, Col("name"), Lit("l1"));
        bool Residual(string? name, string? tag) => name != "l1";

        Assert.Equal(Canonical(InnerPairs(Residual)), Canonical(Rows(Join(JoinType.Inner, condition))));
        Assert.Equal(Canonical(InnerPairs(Residual).Concat(LeftUnmatched(Residual))), Canonical(Rows(Join(JoinType.LeftOuter, condition))));
        Assert.Equal(Canonical(InnerPairs(Residual).Concat(LeftUnmatched(Residual)).Concat(RightUnmatched(Residual))),
            Canonical(Rows(Join(JoinType.FullOuter, condition))));
        var antiExpected = LeftRows.Where(l => !InnerPairs(Residual).Any(p => (string?)p[1] == l.Name)).Select(l => (object?[])[l.K, l.Name]);
        Assert.Equal(Canonical(antiExpected), Canonical(Rows(Join(JoinType.LeftAnti, condition))));
        Assert.Contains(Rows(Join(JoinType.LeftAnti, condition)), r => (string?)r[1] == "l1");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void String_keys_match_ordinally(bool broadcast)
    {
        var left = Source([Make(("s", Strings("é", "a", null, "A")))], [Make(("s", Strings("a", "ß")))]);
        var right = Source([Make(("t", Strings("a", "é", null)))], [], [Make(("t", Strings("ß", "b")))]);

        var join = new HashJoinExec(left, right, JoinType.LeftOuter, [Col("s")], [Col("t")], broadcastRight: broadcast);

        Assert.Equal(["A|null", "a|a", "a|a", "null|null", "ß|ß", "é|é"], Canonical(Rows(join)));
    }

    [Fact]
    public void Multi_column_keys()
    {
        var left = Source([Make(("a", Ints(1, 1, 2, null)), ("b", Strings("x", "y", "x", "x")))], [Make(("a", Ints(1)), ("b", Strings((string?)null)))]);
        var right = Source([Make(("c", Ints(1, 1, 2)), ("d", Strings("x", "x", "y")))], [Make(("c", Ints(null, 1)), ("d", Strings("x", null)))]);

        var join = new HashJoinExec(left, right, JoinType.Inner, [Col("a"), Col("b")], [Col("c"), Col("d")]);

        Assert.Equal(["1|x|1|x", "1|x|1|x"], Canonical(Rows(join)));
    }

    [Fact]
    public void Cross_join_is_every_pair()
    {
        var cross = new NestedLoopJoinExec(Left(), Right());
        var expected = from l in LeftRows from r in RightRows select (object?[])[l.K, l.Name, r.K, r.Tag];
        Assert.Equal(Canonical(expected), Canonical(Rows(cross)));

        var filtered = new NestedLoopJoinExec(Left(), Right(), new Comparison(ComparisonOperator.LessThan, Col("k"), Col("rk")));
        var expectedFiltered = from l in LeftRows from r in RightRows where l.K < r.K select (object?[])[l.K, l.Name, r.K, r.Tag];
        Assert.Equal(Canonical(expectedFiltered), Canonical(Rows(filtered)));
    }
}
