using Rdd.Core.Tests.Randomized;

namespace Rdd.Core.Tests.Joins;

/// <summary>Join, the outer joins, CoGroup and SubtractByKey on small hand-written inputs.</summary>
public class JoinsTests : IDisposable
{
    private readonly RddContext _sc;

    public JoinsTests()
        : this(RunMode.InMemory)
    {
    }

    protected JoinsTests(RunMode mode) => _sc = ModeContexts.Create(mode);

    public void Dispose()
    {
        _sc.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The same tests with every map output written to a file and read back (MapReduce mode).</summary>
    public sealed class InMapReduceMode() : JoinsTests(RunMode.MapReduce);

    private Rdd<(string, int)> Left() => _sc.Parallelize([("a", 1), ("b", 2), ("a", 3), ("c", 4)], 2);

    private Rdd<(string, string)> Right() => _sc.Parallelize([("a", "x"), ("c", "y"), ("d", "z")], 3);

    private Rdd<(string, int)> EmptyLeft() => _sc.Parallelize(Array.Empty<(string, int)>(), 2);

    private Rdd<(string, string)> EmptyRight() => _sc.Parallelize(Array.Empty<(string, string)>(), 2);

    private static T[] Sorted<T>(IEnumerable<T> items) => items.OrderBy(x => x?.ToString(), StringComparer.Ordinal).ToArray();

    // ---- Option ----

    [Fact]
    public void Option_ToString_FormatsLikeScala()
    {
        Assert.Equal("Some(3)", Option.Some(3).ToString());
        Assert.Equal("None", Option<int>.None.ToString());
        Assert.Equal("Some(1.5)", Option.Some(1.5).ToString());
        Assert.Equal("Some(x)", Option.Some("x").ToString());
    }

    [Fact]
    public void Option_Equality_IsByValue()
    {
        Assert.Equal(Option.Some(3), Option.Some(3));
        Assert.NotEqual(Option.Some(3), Option.Some(4));
        Assert.NotEqual(Option.Some(0), Option<int>.None);
        Assert.Equal(Option<int>.None, Option.None<int>());
        Assert.False(Option<int>.None.HasValue);
        Assert.Throws<InvalidOperationException>(() => Option<int>.None.Value);
    }

    // ---- Join ----

    [Fact]
    public void Join_KeysInBoth_PairsTheirValues()
    {
        var joined = Left().Join(Right()).Collect();

        Assert.Equal(Sorted([("a", (1, "x")), ("a", (3, "x")), ("c", (4, "y"))]), Sorted(joined));
    }

    [Fact]
    public void Join_DuplicateKeysOnBothSides_ProducesProductOfMultiplicities()
    {
        var left = _sc.Parallelize([("k", 1), ("k", 2), ("k", 3), ("j", 9)], 3);
        var right = _sc.Parallelize([("k", "p"), ("k", "q"), ("k", "r"), ("k", "s"), ("j", "t"), ("j", "u")], 2);

        var joined = left.Join(right).Collect();

        Assert.Equal(3 * 4 + 1 * 2, joined.Length);
        var expected = from v in new[] { 1, 2, 3 } from w in new[] { "p", "q", "r", "s" } select ("k", (v, w));
        Assert.Equal(Sorted(expected.Append(("j", (9, "t"))).Append(("j", (9, "u")))), Sorted(joined));
    }

    [Fact]
    public void Join_RepeatedIdenticalPairs_KeepsEveryCopy()
    {
        var left = _sc.Parallelize([(1, 1), (1, 1)], 2);
        var right = _sc.Parallelize([(1, 2), (1, 2), (1, 2)], 2);

        Assert.Equal(Enumerable.Repeat((1, (1, 2)), 6), left.Join(right).Collect());
    }

    [Fact]
    public void Join_NoCommonKeys_IsEmpty()
    {
        var left = _sc.Parallelize([("a", 1)], 1);
        var right = _sc.Parallelize([("b", 2)], 1);

        Assert.Empty(left.Join(right).Collect());
    }

    [Fact]
    public void Join_EmptySides_AreEmpty()
    {
        Assert.Empty(EmptyLeft().Join(Right()).Collect());
        Assert.Empty(Left().Join(EmptyRight()).Collect());
        Assert.Empty(EmptyLeft().Join(EmptyRight()).Collect());
    }

    [Fact]
    public void Join_WithItself_PairsEveryValueOfAKeyWithEveryOther()
    {
        var pairs = _sc.Parallelize([("a", 1), ("a", 2), ("b", 3)], 2);

        var joined = Sorted(pairs.Join(pairs).Collect());

        Assert.Equal(Sorted([("a", (1, 1)), ("a", (1, 2)), ("a", (2, 1)), ("a", (2, 2)), ("b", (3, 3))]), joined);
    }

    [Fact]
    public void Join_NullKeys_MatchEachOther()
    {
        var left = _sc.Parallelize(new (string?, int)[] { (null, 1), ("a", 2) }, 2);
        var right = _sc.Parallelize(new (string?, int)[] { (null, 10), ("b", 20) }, 2);

        Assert.Equal([(null, (1, 10))], left.Join(right).Collect());
    }

    [Fact]
    public void Join_PartitionCounts_DefaultToLargestInputAndFollowTheArgument()
    {
        Assert.Equal(3, Left().Join(Right()).NumPartitions);
        Assert.Equal(7, Left().Join(Right(), numPartitions: 7).NumPartitions);
        Assert.Throws<ArgumentException>(() => Left().Join(Right(), numPartitions: 0));
    }

    // ---- outer joins ----

    [Fact]
    public void LeftOuterJoin_KeysMissingOnTheRight_GetNone()
    {
        var joined = Left().LeftOuterJoin(Right()).Collect();

        Assert.Equal(
            Sorted([("a", (1, Option.Some("x"))), ("a", (3, Option.Some("x"))), ("b", (2, Option<string>.None)), ("c", (4, Option.Some("y")))]),
            Sorted(joined));
        Assert.Contains("(b, (2, None))", joined.Select(p => p.ToString()));
        Assert.Contains("(a, (1, Some(x)))", joined.Select(p => p.ToString()));
    }

    [Fact]
    public void LeftOuterJoin_EmptyRight_GivesEveryLeftValueWithNone()
    {
        var joined = Left().LeftOuterJoin(EmptyRight()).Collect();

        Assert.Equal(4, joined.Length);
        Assert.All(joined, p => Assert.False(p.Item2.Item2.HasValue));
        Assert.Empty(EmptyLeft().LeftOuterJoin(Right()).Collect());
    }

    [Fact]
    public void LeftOuterJoin_DuplicatesOnBothSides_ProducesProductOfMultiplicities()
    {
        var left = _sc.Parallelize([(1, "a"), (1, "b")], 2);
        var right = _sc.Parallelize([(1, 10), (1, 20), (1, 30)], 2);

        Assert.Equal(6, left.LeftOuterJoin(right).Count());
    }

    [Fact]
    public void RightOuterJoin_KeysMissingOnTheLeft_GetNone()
    {
        var joined = Left().RightOuterJoin(Right()).Collect();

        Assert.Equal(
            Sorted([("a", (Option.Some(1), "x")), ("a", (Option.Some(3), "x")), ("c", (Option.Some(4), "y")), ("d", (Option<int>.None, "z"))]),
            Sorted(joined));
        Assert.Contains("(d, (None, z))", joined.Select(p => p.ToString()));
    }

    [Fact]
    public void RightOuterJoin_EmptyLeft_GivesEveryRightValueWithNone()
    {
        var joined = EmptyLeft().RightOuterJoin(Right()).Collect();

        Assert.Equal(3, joined.Length);
        Assert.All(joined, p => Assert.False(p.Item2.Item1.HasValue));
    }

    [Fact]
    public void FullOuterJoin_KeysOnEitherSide_AppearWithNoneForTheMissingSide()
    {
        var joined = Left().FullOuterJoin(Right()).Collect();

        Assert.Equal(
            Sorted([
                ("a", (Option.Some(1), Option.Some("x"))), ("a", (Option.Some(3), Option.Some("x"))),
                ("b", (Option.Some(2), Option<string>.None)), ("c", (Option.Some(4), Option.Some("y"))),
                ("d", (Option<int>.None, Option.Some("z"))),
            ]),
            Sorted(joined));
        Assert.Contains("(b, (Some(2), None))", joined.Select(p => p.ToString()));
        Assert.Contains("(d, (None, Some(z)))", joined.Select(p => p.ToString()));
    }

    [Fact]
    public void FullOuterJoin_EmptySides_KeepTheOtherSide()
    {
        Assert.Equal(4, Left().FullOuterJoin(EmptyRight()).Count());
        Assert.Equal(3, EmptyLeft().FullOuterJoin(Right()).Count());
        Assert.Empty(EmptyLeft().FullOuterJoin(EmptyRight()).Collect());
    }

    // ---- CoGroup ----

    [Fact]
    public void CoGroup_KeysOfEitherSide_GroupValuesOfBoth()
    {
        var grouped = Left().CoGroup(Right()).Collect()
            .ToDictionary(g => g.Item1, g => (string.Join(",", g.Item2.Item1.Order()), string.Join(",", g.Item2.Item2.Order(StringComparer.Ordinal))));

        Assert.Equal(4, grouped.Count);
        Assert.Equal(("1,3", "x"), grouped["a"]);
        Assert.Equal(("2", ""), grouped["b"]);
        Assert.Equal(("4", "y"), grouped["c"]);
        Assert.Equal(("", "z"), grouped["d"]);
    }

    [Fact]
    public void CoGroup_EmptySides_GiveEmptyGroups()
    {
        var grouped = Left().CoGroup(EmptyRight()).Collect();

        Assert.Equal(3, grouped.Length);
        Assert.All(grouped, g => Assert.Empty(g.Item2.Item2));
        Assert.Empty(EmptyLeft().CoGroup(EmptyRight()).Collect());
    }

    [Fact]
    public void CoGroup_PartitionCounts_DefaultToLargestInputAndFollowTheArgument()
    {
        Assert.Equal(3, Left().CoGroup(Right()).NumPartitions);
        Assert.Equal(1, Left().CoGroup(Right(), numPartitions: 1).NumPartitions);
    }

    // ---- SubtractByKey ----

    [Fact]
    public void SubtractByKey_KeysPresentInOther_AreRemovedWithAllTheirValues()
    {
        var difference = Left().SubtractByKey(Right()).Collect();

        Assert.Equal([("b", 2)], difference);
    }

    [Fact]
    public void SubtractByKey_DuplicatesOfKeptKeys_AreKept()
    {
        var left = _sc.Parallelize([(1, "a"), (2, "b"), (2, "b"), (3, "c")], 3);
        var right = _sc.Parallelize([(1, 0), (1, 0)], 1);

        Assert.Equal([(2, "b"), (2, "b"), (3, "c")], left.SubtractByKey(right).Collect().Order());
    }

    [Fact]
    public void SubtractByKey_NoNumPartitions_KeepsThisRddsPartitionCount()
    {
        var left = _sc.Parallelize([(1, 1)], 2);
        var right = _sc.Parallelize([(2, 2)], 9);

        Assert.Equal(2, left.SubtractByKey(right).NumPartitions);
        Assert.Equal(5, left.SubtractByKey(right, numPartitions: 5).NumPartitions);
    }

    [Fact]
    public void SubtractByKey_EmptySides_KeepOrEmptyThisRdd()
    {
        Assert.Equal(4, Left().SubtractByKey(EmptyRight()).Count());
        Assert.Empty(EmptyLeft().SubtractByKey(Right()).Collect());
    }
}
