using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.NarrowOps;

/// <summary>The per-element and per-partition transformations, and the set-like ones built on shuffles.</summary>
public sealed class NarrowOpsTests : IDisposable
{
    private readonly RddContext _context = TestContexts.Create(parallelism: 2, maxTaskAttempts: 1);

    public void Dispose() => _context.Dispose();

    private Rdd<int> Numbers(int n, int slices) => _context.Parallelize(Enumerable.Range(0, n), slices);

    // ---- Map, FlatMap, Filter ---------------------------------------------------------------

    [Fact]
    public void Map_EveryElement_AppliesFunctionAndKeepsOrderAndPartitions()
    {
        var rdd = Numbers(10, 3).Map(x => x * x);

        Assert.Equal(3, rdd.NumPartitions);
        Assert.Equal(Enumerable.Range(0, 10).Select(x => x * x), rdd.Collect());
    }

    [Fact]
    public void Map_ChangesType_ProducesStrings()
    {
        Assert.Equal(["0!", "1!", "2!"], Numbers(3, 2).Map(x => $"{x}!").Collect());
    }

    [Fact]
    public void FlatMap_VaryingOutputCounts_FlattensInOrder()
    {
        var rdd = Numbers(4, 2).FlatMap(x => Enumerable.Repeat(x, x));

        Assert.Equal([1, 2, 2, 3, 3, 3], rdd.Collect());
    }

    [Fact]
    public void FlatMap_LazyEnumerableAndListAndArrayResults_AllFlatten()
    {
        static IEnumerable<int> Lazy(int x)
        {
            yield return x;
            yield return -x;
        }

        Assert.Equal([1, -1, 2, -2], Numbers(3, 2).Filter(x => x > 0).FlatMap(Lazy).Collect());
        Assert.Equal([1, -1, 2, -2], Numbers(3, 2).Filter(x => x > 0).FlatMap(x => new List<int> { x, -x }).Collect());
        Assert.Equal([1, -1, 2, -2], Numbers(3, 2).Filter(x => x > 0).FlatMap(x => new[] { x, -x }).Collect());
    }

    [Fact]
    public void Filter_Predicate_KeepsMatchingInOrder()
    {
        Assert.Equal([0, 3, 6, 9], Numbers(10, 4).Filter(x => x % 3 == 0).Collect());
    }

    [Fact]
    public void Filter_NothingMatches_ReturnsEmptyButKeepsPartitionCount()
    {
        var rdd = Numbers(10, 4).Filter(_ => false);

        Assert.Equal(4, rdd.NumPartitions);
        Assert.Empty(rdd.Collect());
    }

    // ---- MapPartitions ----------------------------------------------------------------------

    [Fact]
    public void MapPartitions_SumPerPartition_OneResultPerPartition()
    {
        var sums = Numbers(10, 3).MapPartitions(items => new[] { items.Sum() }).Collect();

        Assert.Equal([0 + 1 + 2, 3 + 4 + 5, 6 + 7 + 8 + 9], sums);
    }

    [Fact]
    public void MapPartitions_FunctionCalledOncePerPartition_IncludingEmptyOnes()
    {
        int calls = 0;

        var counts = Numbers(2, 4).MapPartitions(items =>
        {
            Interlocked.Increment(ref calls);
            return new[] { items.Count() };
        }).Collect();

        Assert.Equal(4, calls);
        Assert.Equal([0, 1, 0, 1], counts);
    }

    [Fact]
    public void MapPartitionsWithIndex_TagsElementsWithTheirPartition()
    {
        var tagged = Numbers(7, 3).MapPartitionsWithIndex((index, items) => items.Select(x => (index, x))).Collect();

        Assert.Equal([(0, 0), (0, 1), (1, 2), (1, 3), (2, 4), (2, 5), (2, 6)], tagged);
    }

    // ---- Union, Coalesce, Repartition -------------------------------------------------------

    [Fact]
    public void Union_TwoRdds_ConcatenatesPartitionsAndKeepsDuplicates()
    {
        var a = Numbers(4, 2);
        var b = _context.Parallelize(new[] { 3, 4, 5 }, 3);

        var union = a.Union(b);

        Assert.Equal(5, union.NumPartitions);
        Assert.Equal([0, 1, 2, 3, 3, 4, 5], union.Collect());
        Assert.Equal([[0, 1], [2, 3], [3], [4], [5]], union.Glom().Collect());
    }

    [Fact]
    public void Union_ContextUnionOfThree_ConcatenatesInArgumentOrder()
    {
        var union = _context.Union(_context.Parallelize(new[] { "a" }, 1), _context.Parallelize(new[] { "b", "c" }, 2), _context.Parallelize(new[] { "d" }, 1));

        Assert.Equal(4, union.NumPartitions);
        Assert.Equal(["a", "b", "c", "d"], union.Collect());
    }

    [Fact]
    public void Union_WithItself_DoublesEveryElement()
    {
        var rdd = Numbers(3, 2);

        Assert.Equal([0, 1, 2, 0, 1, 2], rdd.Union(rdd).Collect());
    }

    [Fact]
    public void Coalesce_WithoutShuffle_MergesNeighbouringPartitionsAndKeepsOrder()
    {
        var rdd = Numbers(12, 6).Coalesce(2);

        Assert.Equal(2, rdd.NumPartitions);
        Assert.Equal(Enumerable.Range(0, 12), rdd.Collect());
        Assert.Equal([[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]], rdd.Glom().Collect());
    }

    [Fact]
    public void Coalesce_WithoutShuffleToMorePartitions_KeepsCurrentCount()
    {
        var rdd = Numbers(10, 3).Coalesce(8);

        Assert.Equal(3, rdd.NumPartitions);
        Assert.Equal(Enumerable.Range(0, 10), rdd.Collect());
    }

    [Fact]
    public void Coalesce_WithShuffle_CanIncreasePartitionsAndKeepsAllElements()
    {
        var rdd = Numbers(40, 2).Coalesce(5, shuffle: true);

        Assert.Equal(5, rdd.NumPartitions);
        Assert.Equal(Enumerable.Range(0, 40), rdd.Collect().Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Repartition_Count_HasThatManyPartitionsAndEveryElementOnce(int partitions)
    {
        var rdd = Numbers(50, 4).Repartition(partitions);
        var glommed = rdd.Glom().Collect();

        Assert.Equal(partitions, rdd.NumPartitions);
        Assert.Equal(partitions, glommed.Length);
        Assert.Equal(Enumerable.Range(0, 50), glommed.SelectMany(p => p).Order());
    }

    [Fact]
    public void Repartition_ManyElements_SpreadsThemRoughlyEvenly()
    {
        var sizes = Numbers(400, 2).Repartition(4).Glom().Collect().Select(p => p.Length).ToArray();

        Assert.Equal(400, sizes.Sum());
        Assert.All(sizes, size => Assert.InRange(size, 80, 120));
    }

    // ---- Zip, ZipWithIndex, Glom, Cartesian -------------------------------------------------

    [Fact]
    public void Zip_SamePartitioning_PairsElementsPositionally()
    {
        var left = Numbers(5, 2);
        var right = left.Map(x => $"v{x}");

        Assert.Equal([(0, "v0"), (1, "v1"), (2, "v2"), (3, "v3"), (4, "v4")], left.Zip(right).Collect());
    }

    [Fact]
    public void Zip_DifferentPartitionCounts_ThrowsArgumentException()
    {
        var zipped = Numbers(6, 2).Zip(Numbers(6, 3));

        Assert.Throws<ArgumentException>(() => zipped.Collect());
    }

    [Fact]
    public void Zip_DifferentElementCountsInAPartition_FailsTheJob()
    {
        var zipped = Numbers(6, 2).Zip(Numbers(6, 2).Filter(x => x != 4));

        var error = Assert.Throws<JobFailedException>(() => zipped.Collect());
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(1, error.Partition);
    }

    [Fact]
    public void ZipWithIndex_AcrossPartitionsIncludingEmptyOnes_NumbersConsecutively()
    {
        var data = _context.Parallelize(new[] { "a", "b", "c" }, 5);

        var indexed = data.ZipWithIndex().Collect();

        Assert.Equal([("a", 0L), ("b", 1L), ("c", 2L)], indexed.Select(p => (p.Item, p.Index)));
    }

    [Fact]
    public void ZipWithIndex_AfterFilter_IndexesTheFilteredElements()
    {
        var indexed = Numbers(20, 4).Filter(x => x % 2 == 1).ZipWithIndex().Collect();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (2 * i + 1, (long)i)), indexed.Select(p => (p.Item, p.Index)));
    }

    [Fact]
    public void Glom_EachPartition_BecomesOneArray()
    {
        var glommed = Numbers(5, 3).Glom();

        Assert.Equal(3, glommed.Count());
        Assert.Equal([[0], [1, 2], [3, 4]], glommed.Collect());
    }

    [Fact]
    public void Cartesian_TwoRdds_EveryPairOnceAndPartitionsMultiply()
    {
        var left = Numbers(3, 2);
        var right = _context.Parallelize(new[] { "x", "y" }, 2);

        var product = left.Cartesian(right);
        var pairs = product.Collect();

        Assert.Equal(4, product.NumPartitions);
        Assert.Equal(6, pairs.Length);
        Assert.Equal(
            new[] { (0, "x"), (0, "y"), (1, "x"), (1, "y"), (2, "x"), (2, "y") },
            pairs.OrderBy(p => p.Item1).ThenBy(p => p.Item2, StringComparer.Ordinal));
    }

    [Fact]
    public void Cartesian_WithEmpty_IsEmpty()
    {
        Assert.Empty(Numbers(3, 2).Cartesian(_context.Parallelize(Array.Empty<int>(), 2)).Collect());
    }

    // ---- Sample, RandomSplit ----------------------------------------------------------------

    [Fact]
    public void Sample_SameSeed_GivesSameSampleEveryTime()
    {
        var data = Numbers(1000, 4);

        var first = data.Sample(false, 0.3, seed: 42).Collect();
        var second = data.Sample(false, 0.3, seed: 42).Collect();
        var other = data.Sample(false, 0.3, seed: 43).Collect();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Sample_NullSeed_RepeatedActionsOnSameRddAgree()
    {
        var sample = Numbers(1000, 4).Sample(false, 0.5);

        Assert.Equal(sample.Collect(), sample.Collect());
    }

    [Fact]
    public void Sample_WithoutReplacement_IsSubsetOfDistinctElementsNearFraction()
    {
        var sample = Numbers(2000, 4).Sample(false, 0.25, seed: 7).Collect();

        Assert.InRange(sample.Length, 400, 600);
        Assert.Equal(sample.Length, sample.Distinct().Count());
        Assert.All(sample, x => Assert.InRange(x, 0, 1999));
        Assert.Equal(sample.Order(), sample); // partition order and in-partition order are kept
    }

    [Fact]
    public void Sample_FractionBounds_ZeroIsEmptyOneIsEverything()
    {
        var data = Numbers(100, 3);

        Assert.Empty(data.Sample(false, 0.0, seed: 1).Collect());
        Assert.Equal(Enumerable.Range(0, 100), data.Sample(false, 1.0, seed: 1).Collect());
    }

    [Fact]
    public void Sample_WithReplacementFractionAboveOne_RepeatsElements()
    {
        var sample = Numbers(500, 4).Sample(true, 2.0, seed: 3).Collect();

        Assert.InRange(sample.Length, 800, 1200);
        Assert.True(sample.Distinct().Count() < sample.Length);
    }

    [Fact]
    public void RandomSplit_Weights_PartsAreDisjointCoverInputAndFollowWeights()
    {
        var data = Numbers(1000, 4);

        var parts = data.RandomSplit([0.2, 0.3, 0.5], seed: 11);
        var collected = parts.Select(p => p.Collect()).ToArray();

        Assert.Equal(3, parts.Length);
        Assert.Equal(Enumerable.Range(0, 1000), collected.SelectMany(p => p).Order());
        Assert.InRange(collected[0].Length, 140, 260);
        Assert.InRange(collected[1].Length, 230, 370);
        Assert.InRange(collected[2].Length, 420, 580);
    }

    [Fact]
    public void RandomSplit_SameSeed_IsReproducible()
    {
        var data = Numbers(300, 3);

        var a = data.RandomSplit([1, 1], seed: 5).Select(p => p.Collect()).ToArray();
        var b = data.RandomSplit([1, 1], seed: 5).Select(p => p.Collect()).ToArray();

        Assert.Equal(a, b);
    }

    [Fact]
    public void RandomSplit_NullSeed_RepeatedActionsAgreeAndStayDisjoint()
    {
        var parts = Numbers(300, 3).RandomSplit([0.5, 0.5]);

        var first = parts[0].Collect();
        Assert.Equal(first, parts[0].Collect());
        Assert.Empty(first.Intersect(parts[1].Collect()));
    }

    // ---- Pipe -------------------------------------------------------------------------------

    [Fact]
    public void Pipe_Cat_ReturnsTheElementsAsLines()
    {
        var piped = _context.Parallelize(new object[] { "a b", 1, 2.5 }, 2).Pipe("cat");

        Assert.Equal(["a b", "1", "2.5"], piped.Collect());
    }

    [Fact]
    public void Pipe_WcL_RunsOneProcessPerPartitionIncludingEmptyOnes()
    {
        // 3 elements in 4 slices: partition 0 is empty and still gets its own `wc -l`, which prints 0.
        var counts = _context.Parallelize(new[] { "x", "y", "z" }, 4).Pipe("wc -l").Collect();

        Assert.Equal(["0", "1", "1", "1"], counts.Select(c => c.Trim()));
    }

    [Fact]
    public void Pipe_CommandWithArguments_IsSplitOnWhitespaceWithoutShell()
    {
        var lines = _context.Parallelize(new[] { "apple", "banana", "cherry" }, 1).Pipe("grep   an").Collect();

        Assert.Equal(["banana"], lines);
    }

    [Fact]
    public void Pipe_NonZeroExit_FailsWithJobFailedException()
    {
        var piped = Numbers(4, 2).Pipe("false");

        var error = Assert.Throws<JobFailedException>(() => piped.Collect());
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Pipe_MissingCommand_FailsWithJobFailedException()
    {
        var piped = Numbers(4, 2).Pipe("rdd-no-such-command-8c1f2e");

        var error = Assert.Throws<JobFailedException>(() => piped.Collect());
        Assert.NotNull(error.InnerException);
    }

    // ---- KeyBy, Distinct, Intersection, Subtract --------------------------------------------

    [Fact]
    public void KeyBy_Selector_PairsKeyWithElement()
    {
        var keyed = _context.Parallelize(new[] { "apple", "kiwi", "fig" }, 2).KeyBy(s => s.Length).Collect();

        Assert.Equal([(5, "apple"), (4, "kiwi"), (3, "fig")], keyed);
    }

    [Fact]
    public void Distinct_Duplicates_EachValueOnce()
    {
        var distinct = _context.Parallelize(new[] { 3, 1, 3, 2, 1, 3, 5 }, 3).Distinct().Collect();

        Assert.Equal([1, 2, 3, 5], distinct.Order());
    }

    [Fact]
    public void Distinct_NumPartitions_IsUsed()
    {
        var distinct = _context.Parallelize(new[] { "a", "b", "a" }, 2).Distinct(5);

        Assert.Equal(5, distinct.NumPartitions);
        Assert.Equal(["a", "b"], distinct.Collect().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Distinct_WithNullAndTuples_TreatsThemAsValues()
    {
        var distinct = _context.Parallelize(new (string?, int)[] { ("a", 1), (null, 2), ("a", 1), (null, 2), ("a", 2) }, 2).Distinct().Collect();

        Assert.Equal(3, distinct.Length);
        Assert.Contains((null, 2), distinct);
    }

    [Fact]
    public void Intersection_Overlap_DistinctCommonElements()
    {
        var a = _context.Parallelize(new[] { 1, 2, 2, 3, 4, 4 }, 2);
        var b = _context.Parallelize(new[] { 2, 4, 4, 6 }, 3);

        Assert.Equal([2, 4], a.Intersection(b).Collect().Order());
    }

    [Fact]
    public void Intersection_Disjoint_IsEmpty()
    {
        Assert.Empty(Numbers(5, 2).Intersection(_context.Parallelize(new[] { 10, 11 }, 1)).Collect());
    }

    [Fact]
    public void Subtract_Other_RemovesItsValuesAndKeepsDuplicatesOfTheRest()
    {
        var a = _context.Parallelize(new[] { 1, 1, 2, 3, 3, 4 }, 3);
        var b = _context.Parallelize(new[] { 3, 5 }, 1);

        var result = a.Subtract(b);

        Assert.Equal(3, result.NumPartitions);
        Assert.Equal([1, 1, 2, 4], result.Collect().Order());
    }

    // ---- LINQ query syntax ------------------------------------------------------------------

    [Fact]
    public void QuerySyntax_FromWhereSelect_SplitsFiltersAndMaps()
    {
        var lines = _context.Parallelize(new[] { "the quick brown fox", "jumps over the lazy dog" }, 2);

        var query = from w in lines.SelectMany(l => l.Split(' '))
                    where w.Length > 3
                    select w.ToUpper();

        Assert.IsAssignableFrom<Rdd<string>>(query);
        Assert.Equal(["QUICK", "BROWN", "JUMPS", "OVER", "LAZY"], query.Collect());
    }

    [Fact]
    public void QuerySyntax_TwoFromClauses_ComposeLikeFlatMap()
    {
        var xs = _context.Parallelize(new[] { 1, 2, 3 }, 2);

        var query = from a in xs
                    from b in Enumerable.Range(0, a)
                    select a * 10 + b;

        Assert.Equal([10, 20, 21, 30, 31, 32], query.Collect());
    }

    [Fact]
    public void QuerySyntax_AnonymousTypes_FlowThroughOperators()
    {
        var words = _context.Parallelize(new[] { "spark", "rdd", "linq", "dotnet" }, 2);

        var query = from w in words
                    select new { Word = w, w.Length } into x
                    where x.Length >= 4
                    select new { x.Word, Upper = x.Word.ToUpperInvariant() };

        var result = query.Collect();
        Assert.Equal(["SPARK", "LINQ", "DOTNET"], result.Select(r => r.Upper));
        Assert.Equal(["linq"], query.Filter(r => r.Word.StartsWith('l')).Map(r => r.Word).Collect());
        Assert.Equal(3, query.Distinct().Count());
    }

    [Fact]
    public void QuerySyntax_FromFromWithLet_CombinesBothRangeVariables()
    {
        var lines = _context.Parallelize(new[] { "a b", "c" }, 2);

        var query = from line in lines
                    let parts = line.Split(' ')
                    from part in parts
                    select (line, part, parts.Length);

        Assert.Equal([("a b", "a", 2), ("a b", "b", 2), ("c", "c", 1)], query.Collect());
    }
}
