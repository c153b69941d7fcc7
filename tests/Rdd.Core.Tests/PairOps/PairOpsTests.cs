using System.Collections.Concurrent;
using Rdd.Core.Tests.Randomized;

namespace Rdd.Core.Tests.PairOps;

/// <summary>The per-key operations of <see cref="PairRddExtensions"/> on small hand-written inputs.</summary>
public class PairOpsTests : IDisposable
{
    private readonly RddContext _sc;

    public PairOpsTests()
        : this(RunMode.InMemory)
    {
    }

    protected PairOpsTests(RunMode mode) => _sc = ModeContexts.Create(mode);

    public void Dispose()
    {
        _sc.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The same tests with every map output written to a file and read back (MapReduce mode).</summary>
    public sealed class InMapReduceMode() : PairOpsTests(RunMode.MapReduce);

    private static string Format<T>(IEnumerable<T> values) => string.Join(",", values.Order());

    // ---- ReduceByKey ----

    [Fact]
    public void ReduceByKey_KeysAcrossPartitions_MergesAllValuesOfEachKey()
    {
        var pairs = _sc.Parallelize([("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5), ("a", 6)], 3);

        var reduced = pairs.ReduceByKey((x, y) => x + y).Collect();

        Assert.Equal([("a", 10), ("b", 7), ("c", 4)], reduced.OrderBy(p => p.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public void ReduceByKey_NonCommutativeButAssociativeFunction_KeepsEveryValue()
    {
        var pairs = _sc.Parallelize(Enumerable.Range(0, 40).Select(i => (i % 4, i.ToString(System.Globalization.CultureInfo.InvariantCulture))), 5);

        var reduced = pairs.ReduceByKey((x, y) => x + "|" + y).CollectAsMap();

        for (int key = 0; key < 4; key++)
            Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 4 == key).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
                reduced[key].Split('|').Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReduceByKey_NumPartitionsGiven_HasThatManyPartitionsAndHashPartitioner()
    {
        var pairs = _sc.Parallelize([(1, 1), (2, 2), (3, 3)], 2);

        var reduced = pairs.ReduceByKey((x, y) => x + y, numPartitions: 7);

        Assert.Equal(7, reduced.NumPartitions);
        Assert.Equal(new HashPartitioner(7), reduced.Partitioner);
        Assert.Equal(3, reduced.Count());
    }

    [Fact]
    public void ReduceByKey_NoNumPartitions_UsesInputPartitionCount()
    {
        var pairs = _sc.Parallelize([(1, 1), (2, 2), (3, 3)], 5);

        Assert.Equal(5, pairs.ReduceByKey((x, y) => x + y).NumPartitions);
    }

    [Fact]
    public void ReduceByKey_NoNumPartitionsOverUnion_UsesLargestInputPartitionCount()
    {
        // A union of 2 + 3 partitions has 5; the default is the input's count, not the context's parallelism (2).
        var pairs = _sc.Parallelize([(1, 1)], 2).Union(_sc.Parallelize([(1, 2), (3, 3)], 3));

        var reduced = pairs.ReduceByKey((x, y) => x + y);

        Assert.Equal(5, reduced.NumPartitions);
        Assert.Equal([(1, 3), (3, 3)], reduced.Collect().Order());
    }

    [Fact]
    public void ReduceByKey_ZeroPartitions_ThrowsArgumentExceptionAtCall()
    {
        var pairs = _sc.Parallelize([(1, 1)], 1);

        Assert.Throws<ArgumentException>(() => pairs.ReduceByKey((x, y) => x + y, numPartitions: 0));
    }

    [Fact]
    public void ReduceByKey_NullStringKeys_AreGroupedTogetherInPartitionZero()
    {
        var pairs = _sc.Parallelize(new (string?, int)[] { (null, 1), ("x", 2), (null, 3), ("y", 4), (null, 5), ("x", 6) }, 3);

        var reduced = pairs.ReduceByKey((x, y) => x + y, numPartitions: 4);
        var partitions = reduced.Glom().Collect();

        Assert.Contains((null, 9), partitions[0]);
        Assert.Equal(1, partitions.SelectMany(p => p).Count(p => p.Item1 is null));
        Assert.Equal(3, partitions.Sum(p => p.Length));
        Assert.Contains(("x", 8), partitions.SelectMany(p => p));
    }

    [Fact]
    public void ReduceByKey_ObjectTypedKeys_KeepTheirRuntimeTypes()
    {
        // Boxed keys of different types stay distinct: 42 (int) and 42L (long) are different keys, as in .NET equality.
        var pairs = _sc.Parallelize(new (object, int)[] { (42, 1), (42L, 2), ("42", 4), (42, 8), (2.5, 16), (2.5f, 32) }, 3);

        var reduced = pairs.ReduceByKey((x, y) => x + y).Collect();

        Assert.Equal(5, reduced.Length);
        Assert.Contains(((object)42, 9), reduced);
        Assert.Contains(((object)42L, 2), reduced);
        Assert.Contains(((object)"42", 4), reduced);
        Assert.Contains(((object)2.5, 16), reduced);
        Assert.Contains(((object)2.5f, 32), reduced);
    }

    [Fact]
    public void ReduceByKey_ObjectTypedKeysHoldingTuples_GroupsEqualTuples()
    {
        // Keys typed object may hold any value with value equality; MapReduce mode must move them through its files.
        var pairs = _sc.Parallelize(new (object, int)[] { ((1, "a"), 1), ((2, "b"), 2), ((1, "a"), 4) }, 2);

        var reduced = pairs.ReduceByKey((x, y) => x + y).Collect();

        Assert.Equal(2, reduced.Length);
        Assert.Contains(((object)(1, "a"), 5), reduced);
        Assert.Contains(((object)(2, "b"), 2), reduced);
    }

    // ---- GroupByKey ----

    [Fact]
    public void GroupByKey_KeysAcrossPartitions_GroupsEveryValue()
    {
        var pairs = _sc.Parallelize([("a", 1), ("b", 2), ("a", 3), ("a", 3), ("b", 5)], 3);

        var grouped = pairs.GroupByKey().Collect().ToDictionary(g => g.Item1, g => Format(g.Item2));

        Assert.Equal(2, grouped.Count);
        Assert.Equal("1,3,3", grouped["a"]);
        Assert.Equal("2,5", grouped["b"]);
    }

    [Fact]
    public void GroupByKey_NullStringKeys_FormOneGroupInPartitionZero()
    {
        var pairs = _sc.Parallelize(new (string?, int)[] { (null, 1), ("x", 2), (null, 3) }, 2);

        var partitions = pairs.GroupByKey(numPartitions: 3).Glom().Collect();

        var nullGroup = Assert.Single(partitions[0], g => g.Item1 is null);
        Assert.Equal("1,3", Format(nullGroup.Item2));
        Assert.Equal(2, partitions.Sum(p => p.Length));
    }

    [Fact]
    public void GroupByKey_DefaultAndExplicitPartitionCounts_AreRespected()
    {
        var pairs = _sc.Parallelize([(1, 1), (2, 2)], 6);

        Assert.Equal(6, pairs.GroupByKey().NumPartitions);
        Assert.Equal(2, pairs.GroupByKey(numPartitions: 2).NumPartitions);
    }

    // ---- AggregateByKey / FoldByKey / CombineByKey ----

    [Fact]
    public void AggregateByKey_MutableHashSetZero_EachKeyAndPartitionGetsItsOwnCopy()
    {
        var zero = new HashSet<int>();
        var pairs = _sc.Parallelize([("a", 1), ("b", 10), ("a", 2), ("b", 20), ("a", 1), ("c", 30)], 3);

        var sets = pairs.AggregateByKey(zero, (set, v) =>
        {
            set.Add(v);
            return set;
        }, (x, y) =>
        {
            x.UnionWith(y);
            return x;
        }).Collect().ToDictionary(p => p.Item1, p => p.Item2);

        Assert.Equal([1, 2], sets["a"].Order());
        Assert.Equal([10, 20], sets["b"].Order());
        Assert.Equal([30], sets["c"].Order());
        Assert.Empty(zero);
        Assert.NotSame(sets["a"], sets["b"]);
    }

    [Fact]
    public void AggregateByKey_NonNeutralZero_IsAppliedOncePerKeyAndPartition()
    {
        // Partitions: [a1, a2] [a3, b4] [a5]: key a is seen in three partitions, key b in one.
        var pairs = _sc.Parallelize([("a", 1), ("a", 2), ("a", 3), ("b", 4), ("a", 5)], 3);

        var result = pairs.AggregateByKey(100, (acc, v) => acc + v, (x, y) => x + y).CollectAsMap();

        Assert.Equal(300 + 11, result["a"]);
        Assert.Equal(100 + 4, result["b"]);
    }

    [Fact]
    public void AggregateByKey_DifferentResultType_CombinesAcrossPartitions()
    {
        var pairs = _sc.Parallelize([("a", 1), ("a", 2), ("b", 3), ("a", 4)], 2);

        var result = pairs.AggregateByKey((Sum: 0, Count: 0), (acc, v) => (acc.Sum + v, acc.Count + 1), (x, y) => (x.Sum + y.Sum, x.Count + y.Count), numPartitions: 3);

        Assert.Equal(3, result.NumPartitions);
        Assert.Equal([("a", (7, 3)), ("b", (3, 1))], result.Collect().OrderBy(p => p.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public void AggregateByKey_MutableArrayZero_IsNotShared()
    {
        var zero = new int[2];
        var pairs = _sc.Parallelize([("a", 1), ("b", 2), ("a", 3), ("a", 5)], 3);

        var result = pairs.AggregateByKey(zero, (acc, v) =>
        {
            acc[0] += v;
            acc[1]++;
            return acc;
        }, (x, y) =>
        {
            x[0] += y[0];
            x[1] += y[1];
            return x;
        }).CollectAsMap();

        Assert.Equal([9, 3], result["a"]);
        Assert.Equal([2, 1], result["b"]);
        Assert.Equal([0, 0], zero);
    }

    public sealed class Accumulation
    {
        public List<int> Items { get; set; } = [];

        public int Count { get; set; }
    }

    [Fact]
    public void AggregateByKey_MutablePlainClassZero_IsNotShared()
    {
        var zero = new Accumulation();
        var pairs = _sc.Parallelize([("a", 1), ("b", 2), ("a", 3)], 2);

        var result = pairs.AggregateByKey(zero, (acc, v) =>
        {
            acc.Items.Add(v);
            acc.Count++;
            return acc;
        }, (x, y) =>
        {
            x.Items.AddRange(y.Items);
            x.Count += y.Count;
            return x;
        }).CollectAsMap();

        Assert.Equal([1, 3], result["a"].Items.Order());
        Assert.Equal(2, result["a"].Count);
        Assert.Equal([2], result["b"].Items);
        Assert.Equal(1, result["b"].Count);
        Assert.Empty(zero.Items);
        Assert.Equal(0, zero.Count);
    }

    public sealed record Totals(int Count, long Sum);

    [Fact]
    public void AggregateByKey_RecordZero_AggregatesPerKey()
    {
        var pairs = _sc.Parallelize([("a", 1), ("b", 2), ("a", 3)], 2);

        var result = pairs.AggregateByKey(new Totals(0, 0), (acc, v) => acc with { Count = acc.Count + 1, Sum = acc.Sum + v }, (x, y) => new Totals(x.Count + y.Count, x.Sum + y.Sum)).CollectAsMap();

        Assert.Equal(new Totals(2, 4), result["a"]);
        Assert.Equal(new Totals(1, 2), result["b"]);
    }

    [Fact]
    public void AggregateByKey_AnonymousTypeZero_AggregatesPerKey()
    {
        var zero = new { Count = 0, Sum = 0L };
        var pairs = _sc.Parallelize([("a", 1), ("b", 2), ("a", 3)], 2);

        var result = pairs.AggregateByKey(zero, (acc, v) => new { Count = acc.Count + 1, Sum = acc.Sum + v }, (x, y) => new { Count = x.Count + y.Count, Sum = x.Sum + y.Sum }).CollectAsMap();

        Assert.Equal(new { Count = 2, Sum = 4L }, result["a"]);
        Assert.Equal(new { Count = 1, Sum = 2L }, result["b"]);
    }

    [Fact]
    public void FoldByKey_NonNeutralZero_IsAppliedOncePerKeyAndPartition()
    {
        var pairs = _sc.Parallelize([("a", 1), ("a", 2), ("a", 3), ("b", 4)], 2);

        var result = pairs.FoldByKey(10, (x, y) => x + y).CollectAsMap();

        Assert.Equal(10 + 3 + 10 + 3, result["a"]);
        Assert.Equal(10 + 4, result["b"]);
    }

    [Fact]
    public void FoldByKey_MutableListZero_IsNotShared()
    {
        var zero = new List<int>();
        var pairs = _sc.Parallelize([("a", new List<int> { 1 }), ("b", new List<int> { 2 }), ("a", new List<int> { 3 })], 2);

        var result = pairs.FoldByKey(zero, (x, y) =>
        {
            x.AddRange(y);
            return x;
        }).CollectAsMap();

        Assert.Equal([1, 3], result["a"].Order());
        Assert.Equal([2], result["b"]);
        Assert.Empty(zero);
    }

    [Fact]
    public void CombineByKey_AverageByKey_MatchesHandComputedMeans()
    {
        var pairs = _sc.Parallelize([("a", 1.0), ("b", 4.0), ("a", 2.0), ("a", 6.0), ("b", 8.0)], 3);

        var means = pairs.CombineByKey(v => (Sum: v, Count: 1), (acc, v) => (acc.Sum + v, acc.Count + 1), (x, y) => (x.Sum + y.Sum, x.Count + y.Count))
            .MapValues(acc => acc.Sum / acc.Count)
            .CollectAsMap();

        Assert.Equal(3.0, means["a"]);
        Assert.Equal(6.0, means["b"]);
    }

    [Fact]
    public void CombineByKey_CreateCombiner_CalledOnlyForFirstValueOfKeyInPartition()
    {
        var created = new ConcurrentBag<int>();
        var pairs = _sc.Parallelize([("a", 1), ("a", 2), ("a", 3), ("a", 4)], 2);

        var result = pairs.CombineByKey(v =>
        {
            created.Add(v);
            return v;
        }, (acc, v) => acc + v, (x, y) => x + y).CollectAsMap();

        Assert.Equal(10, result["a"]);
        Assert.Equal([1, 3], created.Order());
    }

    // ---- MapValues / FlatMapValues / Keys / Values ----

    [Fact]
    public void MapValues_Pairs_TransformsValuesAndKeepsKeysAndOrder()
    {
        var pairs = _sc.Parallelize([("a", 1), ("b", 2), ("a", 3)], 2);

        Assert.Equal([("a", "1!"), ("b", "2!"), ("a", "3!")], pairs.MapValues(v => $"{v}!").Collect());
    }

    [Fact]
    public void FlatMapValues_Pairs_PairsEachResultWithItsKeyAndDropsEmptyResults()
    {
        var pairs = _sc.Parallelize([("a", 2), ("b", 0), ("c", 1)], 2);

        var flat = pairs.FlatMapValues(v => Enumerable.Range(10, v)).Collect();

        Assert.Equal([("a", 10), ("a", 11), ("c", 10)], flat);
    }

    [Fact]
    public void KeysAndValues_Pairs_ReturnEachSideInOrder()
    {
        var pairs = _sc.Parallelize([("a", 1), ("b", 2), ("a", 3)], 3);

        Assert.Equal(["a", "b", "a"], pairs.Keys().Collect());
        Assert.Equal([1, 2, 3], pairs.Values().Collect());
    }

    // ---- CountByKey / CollectAsMap / Lookup ----

    [Fact]
    public void CountByKey_Pairs_CountsPairsPerKey()
    {
        var pairs = _sc.Parallelize([("a", 1), ("b", 2), ("a", 3), ("a", 3)], 3);

        var counts = pairs.CountByKey();

        Assert.Equal(2, counts.Count);
        Assert.Equal(3L, counts["a"]);
        Assert.Equal(1L, counts["b"]);
    }

    [Fact]
    public void CountByKey_Empty_ReturnsEmptyDictionary()
    {
        Assert.Empty(_sc.Parallelize(Array.Empty<(int, int)>(), 3).CountByKey());
    }

    [Fact]
    public void CollectAsMap_RepeatedKey_LastValueInPartitionOrderWins()
    {
        // "k" appears in partitions 0, 1 and 2: the value from partition 2 wins.
        var pairs = _sc.Parallelize([("k", 1), ("j", 0), ("k", 2), ("x", 9), ("k", 3), ("j", 4)], 3);

        var map = pairs.CollectAsMap();

        Assert.Equal(3, map.Count);
        Assert.Equal(3, map["k"]);
        Assert.Equal(4, map["j"]);
        Assert.Equal(9, map["x"]);
    }

    [Fact]
    public void CollectAsMap_AfterShuffleIntoOnePartition_LastValueInThatPartitionWins()
    {
        var pairs = _sc.Parallelize([("k", 1), ("k", 2), ("k", 3)], 1).MapValues(v => v * 10);

        Assert.Equal(30, pairs.CollectAsMap()["k"]);
    }

    [Fact]
    public void Lookup_WithoutPartitioner_ReturnsValuesOfKeyInOrder()
    {
        var pairs = _sc.Parallelize([("a", 1), ("b", 2), ("a", 3), ("c", 4), ("a", 5)], 3);

        Assert.Null(pairs.Partitioner);
        Assert.Equal([1, 3, 5], pairs.Lookup("a"));
        Assert.Empty(pairs.Lookup("zzz"));
    }

    [Fact]
    public void Lookup_WithPartitioner_ComputesOnlyTheKeysPartition()
    {
        var computed = new ConcurrentBag<int>();
        var partitioner = new HashPartitioner(4);
        var partitioned = _sc.Parallelize(Enumerable.Range(0, 100).Select(i => (i % 10, i)), 3)
            .PartitionBy(partitioner)
            .MapPartitionsWithIndex((index, items) =>
            {
                computed.Add(index);
                return items;
            }, preservesPartitioning: true);

        var values = partitioned.Lookup(7);

        Assert.Equal(Enumerable.Range(0, 100).Where(i => i % 10 == 7), values.Order());
        Assert.Equal([partitioner.GetPartition(7)], computed.Distinct());
    }

    [Fact]
    public void Lookup_SortedRddBeforeAnyAction_ReturnsValuesOfKey()
    {
        // The sorted Rdd has a RangePartitioner whose bounds no job has computed yet.
        var sorted = _sc.Parallelize(Enumerable.Range(0, 100).Select(i => (i % 10, i)), 4).SortByKey();

        Assert.Equal(Enumerable.Range(0, 100).Where(i => i % 10 == 3), sorted.Lookup(3));
        Assert.Empty(sorted.Lookup(42));
    }

    [Fact]
    public void Lookup_NullKeyWithPartitioner_FindsValuesInPartitionZero()
    {
        var partitioned = _sc.Parallelize(new (string?, int)[] { (null, 1), ("a", 2), (null, 3) }, 2).PartitionBy(3);

        Assert.Equal([1, 3], partitioned.Lookup(null).Order());
        Assert.Equal([2], partitioned.Lookup("a"));
    }

    // ---- PartitionBy ----

    [Fact]
    public void PartitionBy_NumPartitions_PlacesEveryKeyInItsHashPartition()
    {
        var pairs = _sc.Parallelize(Enumerable.Range(-50, 100).Select(i => (i, i * 2)), 3);

        var partitioned = pairs.PartitionBy(5);
        var partitions = partitioned.Glom().Collect();

        Assert.Equal(new HashPartitioner(5), partitioned.Partitioner);
        Assert.Equal(5, partitions.Length);
        for (int i = 0; i < partitions.Length; i++)
            Assert.All(partitions[i], p => Assert.Equal(i, new HashPartitioner(5).GetPartition(p.Item1)));
        Assert.Equal(pairs.Collect().Order(), partitions.SelectMany(p => p).Order());
    }

    [Fact]
    public void PartitionBy_EqualPartitionerTwice_ReturnsTheSameRdd()
    {
        var partitioned = _sc.Parallelize([(1, 1), (2, 2)], 2).PartitionBy(new HashPartitioner(3));

        Assert.Same(partitioned, partitioned.PartitionBy(3));
    }

    [Fact]
    public void PartitionBy_DifferentPartitioner_Repartitions()
    {
        var partitioned = _sc.Parallelize([(1, 1), (2, 2), (3, 3)], 2).PartitionBy(3);

        var again = partitioned.PartitionBy(2);

        Assert.NotSame(partitioned, again);
        Assert.Equal(2, again.NumPartitions);
        Assert.Equal([(1, 1), (2, 2), (3, 3)], again.Collect().Order());
    }

    [Fact]
    public void PartitionBy_ZeroPartitions_ThrowsArgumentException()
    {
        var pairs = _sc.Parallelize([(1, 1)], 1);

        Assert.Throws<ArgumentException>(() => pairs.PartitionBy(0));
    }

    [Fact]
    public void PartitionBy_NullKeys_GoToPartitionZero()
    {
        var partitions = _sc.Parallelize(new (string?, int)[] { ("a", 1), (null, 2), ("b", 3), (null, 4) }, 2).PartitionBy(4).Glom().Collect();

        Assert.Equal([2, 4], partitions[0].Where(p => p.Item1 is null).Select(p => p.Item2).Order());
        Assert.Equal(2, partitions.SelectMany(p => p).Count(p => p.Item1 is null));
    }
}
