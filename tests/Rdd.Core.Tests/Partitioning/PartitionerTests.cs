using Rdd.Core.Tests.Randomized;
using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Partitioning;

/// <summary>
/// <see cref="HashPartitioner"/>, <see cref="RangePartitioner{TKey}"/> and user partitioners, and which
/// operators keep, lose or reuse a partitioner (shape tests: shuffles counted in the lineage and in the stages run).
/// </summary>
public class PartitionerTests : IDisposable
{
    private readonly RddContext _sc;

    public PartitionerTests()
        : this(RunMode.InMemory)
    {
    }

    protected PartitionerTests(RunMode mode) => _sc = ModeContexts.Create(mode);

    public void Dispose()
    {
        _sc.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The same tests with every map output written to a file and read back (MapReduce mode).</summary>
    public sealed class InMapReduceMode() : PartitionerTests(RunMode.MapReduce);

    // ---- Java's hashCode rules, written out here independently of the engine ----

    /// <summary>java.lang.String.hashCode: s[0]*31^(n-1) + s[1]*31^(n-2) + … + s[n-1] over UTF-16 code units, in 32-bit arithmetic.</summary>
    private static int JavaStringHash(string s)
    {
        int h = 0;
        foreach (char c in s) h = unchecked(h * 31 + c);
        return h;
    }

    /// <summary>java.lang.Long.hashCode: (int)(value ^ (value &gt;&gt;&gt; 32)).</summary>
    private static int JavaLongHash(long v) => unchecked((int)(v ^ (long)((ulong)v >> 32)));

    /// <summary>Spark's Utils.nonNegativeMod.</summary>
    private static int NonNegativeMod(int x, int mod)
    {
        int raw = x % mod;
        return raw + (raw < 0 ? mod : 0);
    }

    [Fact]
    public void JavaReference_KnownStrings_HaveJavasHashCodes()
    {
        // Values printed by Java: "hello".hashCode() and the classic string whose hash is Integer.MIN_VALUE.
        Assert.Equal(99162322, JavaStringHash("hello"));
        Assert.Equal(int.MinValue, JavaStringHash("polygenelubricants"));
        Assert.Equal(42, JavaLongHash(42L));
    }

    [Theory]
    [InlineData("hello", 7, 0)]      // 99162322 = 7 × 14166046
    [InlineData("hello", 10, 2)]
    [InlineData("hello", 200, 122)]
    [InlineData("Spark", 16, 13)]    // 80085693 % 16
    [InlineData("h\u00e9llo", 16, 14)] // 103094734 % 16: non-ASCII characters hash by UTF-16 code unit
    [InlineData("", 3, 0)]
    [InlineData("polygenelubricants", 7, 5)] // hash Integer.MIN_VALUE: -2147483648 % 7 = -2, plus 7
    [InlineData("zzzzzz", 7, 3)]     // hash -685785664: negative, -685785664 % 7 = -4, plus 7
    public void GetPartition_StringKey_FollowsJavaStringHashCode(string key, int partitions, int expected)
    {
        var partitioner = new HashPartitioner(partitions);

        Assert.Equal(NonNegativeMod(JavaStringHash(key), partitions), expected);
        Assert.Equal(expected, partitioner.GetPartition(key));
    }

    [Theory]
    [InlineData(42L, 7, 0)]
    [InlineData(42L, 10, 2)]
    [InlineData(42L, 16, 10)]
    [InlineData(1L << 40, 7, 4)]            // hash 256
    [InlineData(-(1L << 40) + 3, 200, 147)] // hash -253
    [InlineData(-5L, 7, 4)]                 // hash of -5L is 4
    public void GetPartition_LongKey_FollowsJavaLongHashCode(long key, int partitions, int expected)
    {
        Assert.Equal(NonNegativeMod(JavaLongHash(key), partitions), expected);
        Assert.Equal(expected, new HashPartitioner(partitions).GetPartition(key));
    }

    [Theory]
    [InlineData(42, 16, 10)]
    [InlineData(-5, 7, 2)] // Integer.hashCode(-5) = -5; -5 % 7 = -5, plus 7
    [InlineData(int.MinValue, 3, 1)]
    public void GetPartition_IntKey_IsNonNegativeModOfTheValue(int key, int partitions, int expected)
    {
        Assert.Equal(NonNegativeMod(key, partitions), expected);
        Assert.Equal(expected, new HashPartitioner(partitions).GetPartition(key));
    }

    [Fact]
    public void GetPartition_DoubleKey_FollowsJavaDoubleHashCode()
    {
        // Double.hashCode(1.5): bits 0x3FF8000000000000, high ^ low = 0x3FF80000 = 1073217536.
        int javaHash = JavaLongHash(BitConverter.DoubleToInt64Bits(1.5));
        Assert.Equal(1073217536, javaHash);

        Assert.Equal(6, new HashPartitioner(7).GetPartition(1.5));
        Assert.Equal(6, new HashPartitioner(10).GetPartition(1.5));
    }

    [Theory]
    [InlineData(7, 1)]
    [InlineData(10, 5)]
    [InlineData(200, 65)]
    public void GetPartition_TupleKey_IsAFixedNumberInEveryProcess(int partitions, int expected)
    {
        // Element hashes combined as 31 * h + element, from 17 (the engine's documented rule): (1, "a") hashes to
        // 31 * (31 * 17 + 1) + 97 = 16465. A per-process randomized hash (HashCode.Combine, string.GetHashCode)
        // would give a different number in each run, so pinning the number pins cross-process stability.
        Assert.Equal(16465, unchecked(31 * (31 * 17 + 1) + JavaStringHash("a")));

        Assert.Equal(expected, new HashPartitioner(partitions).GetPartition((1, "a")));
    }

    [Theory]
    [InlineData(1.5f, 10, 0)]  // Float.hashCode(1.5f) = floatToIntBits = 0x3FC00000 = 1069547520
    [InlineData(1.5f, 7, 6)]
    [InlineData(-2.25f, 7, 3)] // floatToIntBits(-2.25f) = -1072693248; % 7 = -4, plus 7
    public void GetPartition_FloatKey_FollowsJavaFloatHashCode(float key, int partitions, int expected)
    {
        Assert.Equal(NonNegativeMod(BitConverter.SingleToInt32Bits(key), partitions), expected);
        Assert.Equal(expected, new HashPartitioner(partitions).GetPartition(key));
    }

    [Fact]
    public void GetPartition_SmallPrimitiveKeys_FollowJavaHashCodes()
    {
        var partitioner = new HashPartitioner(10_000);

        Assert.Equal(97, partitioner.GetPartition('a'));          // Character.hashCode: the code unit
        Assert.Equal(1231, partitioner.GetPartition(true));       // Boolean.hashCode
        Assert.Equal(1237, partitioner.GetPartition(false));
        Assert.Equal(10_000 - 7, partitioner.GetPartition((short)-7)); // Short.hashCode: the value
        Assert.Equal(10_000 - 7, partitioner.GetPartition((sbyte)-7)); // Byte.hashCode: the value
    }

    public sealed record PointKey(int A, string B);

    [Fact]
    public void GetPartition_RecordAndAnonymousTypeKeys_AreFixedNumbersInEveryProcess()
    {
        // Members combined like tuple elements (31 * h + member, from 17, in declaration order): 16465 as for (1, "a").
        // Anonymous types have value equality like records; hashing them with their per-process string hash
        // would place the same key differently in every run.
        Assert.Equal(5, new HashPartitioner(10).GetPartition(new PointKey(1, "a")));
        Assert.Equal(5, new HashPartitioner(10).GetPartition(new { A = 1, B = "a" }));
    }

    [Fact]
    public void PartitionBy_AnonymousTypeKeys_ShufflePlacesKeysWhereGetPartitionSays()
    {
        var partitioner = new HashPartitioner(10);

        var partitions = _sc.Parallelize(Enumerable.Range(0, 30), 3).KeyBy(i => new { A = i % 4, B = "k" + i % 3 }).PartitionBy(partitioner).Glom().Collect();

        for (int i = 0; i < partitions.Length; i++)
            Assert.All(partitions[i], p => Assert.Equal(i, partitioner.GetPartition(p.Item1)));
        // { A = 1, B = "k1" } hashes to 31 * (31 * 17 + 1) + "k1".hashCode() = 16368 + 3366 = 19734.
        Assert.Contains(partitions[NonNegativeMod(unchecked(31 * (31 * 17 + 1) + JavaStringHash("k1")), 10)], p => p.Item1.A == 1 && p.Item1.B == "k1" && p.Item2 == 1);
        Assert.Equal(4, NonNegativeMod(19734, 10));
    }

    [Fact]
    public void PartitionBy_ObjectTypedKeys_PlaceEachKeyByItsRuntimeTypesHash()
    {
        // Keys declared as object must land where their own type's (Java) hash says, as GetPartition computes it,
        // not by object.GetHashCode (randomized per process for strings).
        var partitioner = new HashPartitioner(16);
        var pairs = new (object, int)[] { ("hello", 1), ("Spark", 2), (42L, 3), (7, 4), (2.5, 5) };

        var partitions = _sc.Parallelize(pairs, 2).PartitionBy(partitioner).Glom().Collect();

        for (int i = 0; i < partitions.Length; i++)
            Assert.All(partitions[i], p => Assert.Equal(partitioner.GetPartition(p.Item1), i));
        Assert.Contains(partitions[2], p => p.Item1 is "hello");
    }

    [Fact]
    public void GetPartition_NullKey_IsPartitionZero()
    {
        Assert.Equal(0, new HashPartitioner(5).GetPartition(null));
    }

    [Fact]
    public void GetPartition_ManyNegativeHashes_StaysInRange()
    {
        var partitioner = new HashPartitioner(13);
        var random = new Random(7);

        for (int i = 0; i < 2000; i++)
        {
            int key = random.Next(int.MinValue, int.MaxValue);
            int partition = partitioner.GetPartition(key);
            Assert.InRange(partition, 0, 12);
            Assert.Equal(NonNegativeMod(key, 13), partition);
        }
    }

    [Fact]
    public void PartitionBy_StringKeys_ShufflePlacesKeysWhereGetPartitionSays()
    {
        var partitions = _sc.Parallelize([("hello", 1), ("Spark", 2), ("polygenelubricants", 3)], 2).PartitionBy(16).Glom().Collect();

        Assert.Contains(("hello", 1), partitions[2]);
        Assert.Contains(("Spark", 2), partitions[13]);
        Assert.Contains(("polygenelubricants", 3), partitions[NonNegativeMod(int.MinValue, 16)]);
    }

    [Fact]
    public void PartitionBy_TupleKeys_ShufflePlacesKeysWhereGetPartitionSays()
    {
        var partitioner = new HashPartitioner(10);

        var partitions = _sc.Parallelize([((1, "a"), 1), ((2, "b"), 2)], 2).PartitionBy(partitioner).Glom().Collect();

        Assert.Contains(((1, "a"), 1), partitions[5]);
        Assert.Contains(((2, "b"), 2), partitions[partitioner.GetPartition((2, "b"))]);
    }

    [Fact]
    public void HashPartitioner_ZeroPartitions_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new HashPartitioner(0));
    }

    [Fact]
    public void Equals_HashPartitionersWithSameCount_AreEqual()
    {
        Assert.Equal(new HashPartitioner(4), new HashPartitioner(4));
        Assert.Equal(new HashPartitioner(4).GetHashCode(), new HashPartitioner(4).GetHashCode());
        Assert.NotEqual(new HashPartitioner(4), new HashPartitioner(5));
        Assert.False(new HashPartitioner(2).Equals(new ParityPartitioner()));
        Assert.False(new HashPartitioner(2).Equals(null));
    }

    // ---- RangePartitioner ----

    [Fact]
    public void DetermineBounds_EqualWeights_SplitsIntoEqualRanges()
    {
        var candidates = Enumerable.Range(1, 100).Select(k => (k, 1.0)).Reverse().ToList();

        var bounds = RangePartitioner<int>.DetermineBounds(candidates, 4, Comparer<int>.Default);

        Assert.Equal([25, 50, 75], bounds);
    }

    [Fact]
    public void SortByKey_UniformKeys_RangePartitionsAreBalanced()
    {
        var keys = Enumerable.Range(0, 10_000).ToArray();
        new Random(3).Shuffle(keys);

        var sorted = _sc.Parallelize(keys.Select(k => (k, 0)), 6).SortByKey(numPartitions: 4);
        var partitioner = Assert.IsType<RangePartitioner<int>>(sorted.Partitioner);
        var sizes = sorted.Glom().Collect().Select(p => p.Length).ToArray();

        Assert.Equal(3, partitioner.Bounds.Count);
        Assert.Equal(10_000, sizes.Sum());
        Assert.All(sizes, s => Assert.InRange(s, 1_500, 3_500));
    }

    [Fact]
    public void SortByKey_OneKeyIsNinetyPercent_HotKeyStaysInOnePartitionAndOthersStaySmall()
    {
        // 9000 copies of key 500, plus keys 0..999 once each.
        var data = Enumerable.Repeat(500, 9_000).Concat(Enumerable.Range(0, 1_000)).ToArray();
        new Random(5).Shuffle(data);

        var sorted = _sc.Parallelize(data.Select(k => (k, 0)), 5).SortByKey(numPartitions: 4);
        var partitioner = Assert.IsType<RangePartitioner<int>>(sorted.Partitioner);
        var partitions = sorted.Glom().Collect();

        for (int i = 0; i + 1 < partitioner.Bounds.Count; i++) Assert.True(partitioner.Bounds[i] < partitioner.Bounds[i + 1], "bounds must be distinct and increasing");
        var hot = Assert.Single(partitions, p => p.Any(x => x.Item1 == 500));
        Assert.Equal(9_001, hot.Count(x => x.Item1 == 500));
        Assert.All(partitions.Where(p => p != hot), p => Assert.True(p.Length <= data.Length / 4, $"a partition without the hot key holds {p.Length}"));
        Assert.Equal(data.Order(), partitions.SelectMany(p => p).Select(x => x.Item1));
    }

    [Fact]
    public void RangePartitioner_SameInstance_EqualsItselfAndDescendingReversesPartitions()
    {
        var pairs = _sc.Parallelize(Enumerable.Range(0, 100).Select(k => (k, 0)), 4);

        var ascending = Assert.IsType<RangePartitioner<int>>(pairs.SortByKey(numPartitions: 4).Partitioner);
        var descending = Assert.IsType<RangePartitioner<int>>(pairs.SortByKey(ascending: false, numPartitions: 4).Partitioner);

        Assert.Equal(ascending, ascending);
        Assert.True(ascending.Ascending);
        Assert.False(descending.Ascending);
        Assert.Equal(0, ascending.GetPartition(0));
        Assert.Equal(3, ascending.GetPartition(99));
        Assert.Equal(3, descending.GetPartition(0));
        Assert.Equal(0, descending.GetPartition(99));
    }

    // ---- user partitioners ----

    /// <summary>Even keys to partition 0, odd keys to partition 1.</summary>
    private sealed class ParityPartitioner : Partitioner
    {
        public override int NumPartitions => 2;

        public override int GetPartition(object? key) => key is int i && i % 2 != 0 ? 1 : 0;

        public override bool Equals(object? obj) => obj is ParityPartitioner;

        public override int GetHashCode() => 2;
    }

    [Fact]
    public void PartitionBy_UserPartitioner_PlacesKeysByIt()
    {
        var partitioned = _sc.Parallelize(Enumerable.Range(0, 20).Select(i => (i, i * i)), 3).PartitionBy(new ParityPartitioner());

        var partitions = partitioned.Glom().Collect();

        Assert.IsType<ParityPartitioner>(partitioned.Partitioner);
        Assert.Equal(2, partitions.Length);
        Assert.All(partitions[0], p => Assert.Equal(0, p.Item1 % 2));
        Assert.All(partitions[1], p => Assert.Equal(1, p.Item1 % 2));
        Assert.Equal(20, partitions.Sum(p => p.Length));
    }

    [Fact]
    public void Join_BothSidesByEqualUserPartitioners_DoesNotShuffleAgain()
    {
        var left = _sc.Parallelize(Enumerable.Range(0, 10).Select(i => (i, "L" + i)), 3).PartitionBy(new ParityPartitioner());
        var right = _sc.Parallelize(Enumerable.Range(5, 10).Select(i => (i, "R" + i)), 4).PartitionBy(new ParityPartitioner());

        var joined = left.Join(right);

        Assert.Equal(2, ShuffleCount(joined));
        Assert.IsType<ParityPartitioner>(joined.Partitioner);
        Assert.Equal(Enumerable.Range(5, 5).Select(i => (i, ("L" + i, "R" + i))), joined.Collect().OrderBy(p => p.Item1));
    }

    // ---- shape: partitioner kept or lost ----

    private Rdd<(int, int)> Partitioned(int partitions = 4) =>
        _sc.Parallelize(Enumerable.Range(0, 50).Select(i => (i % 10, i)), 3).PartitionBy(partitions);

    /// <summary>The shuffles in the lineage: lines of ToDebugString where a parent stage starts.</summary>
    private static int ShuffleCount<T>(Rdd<T> rdd) => rdd.ToDebugString().Split('\n').Count(line => line.Contains("+-", StringComparison.Ordinal));

    /// <summary>The stages an action runs on a fresh lineage.</summary>
    private int StagesRun(Action action)
    {
        var listener = new RecordingListener();
        _sc.AddListener(listener);
        try
        {
            action();
        }
        finally
        {
            _sc.RemoveListener(listener);
        }
        return listener.StagesSubmitted.Count;
    }

    [Fact]
    public void MapValues_PartitionedRdd_KeepsPartitioner()
    {
        Assert.Equal(new HashPartitioner(4), Partitioned().MapValues(v => v + 1).Partitioner);
    }

    [Fact]
    public void FlatMapValues_PartitionedRdd_KeepsPartitioner()
    {
        Assert.Equal(new HashPartitioner(4), Partitioned().FlatMapValues(v => new[] { v, v }).Partitioner);
    }

    [Fact]
    public void Filter_PartitionedRdd_KeepsPartitioner()
    {
        Assert.Equal(new HashPartitioner(4), Partitioned().Filter(p => p.Item2 > 3).Partitioner);
    }

    [Fact]
    public void Map_PartitionedRdd_LosesPartitioner()
    {
        Assert.Null(Partitioned().Map(p => p).Partitioner);
        Assert.Null(Partitioned().Keys().Partitioner);
    }

    [Fact]
    public void MapPartitions_PreservesPartitioningFlag_DecidesWhetherPartitionerIsKept()
    {
        Assert.Null(Partitioned().MapPartitions(items => items).Partitioner);
        Assert.Equal(new HashPartitioner(4), Partitioned().MapPartitions(items => items, preservesPartitioning: true).Partitioner);
    }

    [Fact]
    public void ReduceByKey_Output_HasHashPartitionerOfItsPartitionCount()
    {
        var pairs = _sc.Parallelize([(1, 1), (2, 2)], 3);

        Assert.Equal(new HashPartitioner(3), pairs.ReduceByKey((a, b) => a + b).Partitioner);
        Assert.Equal(new HashPartitioner(6), pairs.GroupByKey(numPartitions: 6).Partitioner);
    }

    [Fact]
    public void ReduceByKey_AlreadyPartitionedRdd_DoesNotShuffleAgain()
    {
        var partitioned = Partitioned();

        var reduced = partitioned.ReduceByKey((a, b) => a + b);

        Assert.Equal(1, ShuffleCount(reduced));
        Assert.Equal(new HashPartitioner(4), reduced.Partitioner);
        Assert.Equal(2, StagesRun(() => Assert.Equal(10, reduced.Count())));
        Assert.Equal(Enumerable.Range(0, 10).Select(k => (k, Enumerable.Range(0, 50).Where(i => i % 10 == k).Sum())), reduced.Collect().Order());
    }

    [Fact]
    public void ReduceByKey_AfterMapValuesOfPartitionedRdd_DoesNotShuffleAgain()
    {
        var reduced = Partitioned().MapValues(v => v * 2).ReduceByKey((a, b) => a + b, numPartitions: 4);

        Assert.Equal(1, ShuffleCount(reduced));
        Assert.Equal(Enumerable.Range(0, 10).Select(k => (k, 2 * Enumerable.Range(0, 50).Where(i => i % 10 == k).Sum())), reduced.Collect().Order());
    }

    [Fact]
    public void ReduceByKey_PartitionedRddWithOtherPartitionCount_Shuffles()
    {
        var reduced = Partitioned().ReduceByKey((a, b) => a + b, numPartitions: 3);

        Assert.Equal(2, ShuffleCount(reduced));
        Assert.Equal(10, reduced.Count());
    }

    [Fact]
    public void ReduceByKey_AfterMapOfPartitionedRdd_Shuffles()
    {
        var reduced = Partitioned().Map(p => p).ReduceByKey((a, b) => a + b);

        Assert.Equal(2, ShuffleCount(reduced));
    }

    [Fact]
    public void GroupByKey_AlreadyPartitionedRdd_DoesNotShuffleAgain()
    {
        var grouped = Partitioned().GroupByKey();

        Assert.Equal(1, ShuffleCount(grouped));
        Assert.Equal(Enumerable.Repeat(5, 10), grouped.Collect().OrderBy(g => g.Item1).Select(g => g.Item2.Count()));
    }

    [Fact]
    public void Join_BothSidesPartitionedByEqualPartitioners_DoesNotShuffleAgain()
    {
        var left = _sc.Parallelize(Enumerable.Range(0, 40).Select(i => (i % 8, i)), 3).PartitionBy(new HashPartitioner(4));
        var right = _sc.Parallelize(Enumerable.Range(0, 8).Select(k => (k, -k)), 5).PartitionBy(new HashPartitioner(4));

        var joined = left.Join(right);

        // Only the two PartitionBy shuffles: the join reads both inputs in place.
        Assert.Equal(2, ShuffleCount(joined));
        Assert.Equal(new HashPartitioner(4), joined.Partitioner);
        Assert.Equal(3, StagesRun(() => Assert.Equal(40, joined.Count())));
        Assert.All(joined.Collect(), p => Assert.Equal(-p.Item1, p.Item2.Item2));
    }

    [Fact]
    public void Join_ExplicitPartitionCountEqualToInputsPartitioner_DoesNotShuffleAgain()
    {
        var left = _sc.Parallelize(Enumerable.Range(0, 40).Select(i => (i % 8, i)), 3).PartitionBy(4);
        var right = _sc.Parallelize(Enumerable.Range(0, 8).Select(k => (k, -k)), 5).PartitionBy(4);

        var joined = left.Join(right, numPartitions: 4);

        Assert.Equal(2, ShuffleCount(joined));
        Assert.Equal(40, joined.Count());
    }

    [Fact]
    public void Join_OneSidePartitioned_ShufflesOnlyTheOtherSide()
    {
        var left = _sc.Parallelize(Enumerable.Range(0, 40).Select(i => (i % 8, i)), 3).PartitionBy(new HashPartitioner(4));
        var right = _sc.Parallelize(Enumerable.Range(0, 8).Select(k => (k, -k)), 6);

        var joined = left.Join(right);

        Assert.Equal(2, ShuffleCount(joined));
        Assert.Equal(new HashPartitioner(4), joined.Partitioner);
        Assert.Equal(40, joined.Count());
    }

    [Fact]
    public void Join_NeitherSidePartitioned_ShufflesBoth()
    {
        var left = _sc.Parallelize(Enumerable.Range(0, 40).Select(i => (i % 8, i)), 3);
        var right = _sc.Parallelize(Enumerable.Range(0, 8).Select(k => (k, -k)), 5);

        var joined = left.Join(right);

        Assert.Equal(2, ShuffleCount(joined));
        Assert.Equal(new HashPartitioner(5), joined.Partitioner);
        Assert.Equal(3, StagesRun(() => Assert.Equal(40, joined.Count())));
    }

    [Fact]
    public void Join_SortedRddWithRddPartitionedByItsRangePartitioner_DoesNotShuffleAgain()
    {
        var sorted = _sc.Parallelize(Enumerable.Range(0, 100).Select(i => (i, i)), 4).SortByKey();
        var other = _sc.Parallelize(Enumerable.Range(0, 100).Select(i => (i, -i)), 3).PartitionBy(sorted.Partitioner!);

        var joined = sorted.Join(other);

        Assert.Same(sorted.Partitioner, joined.Partitioner);
        Assert.Equal(2, ShuffleCount(joined));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (i, (i, -i))), joined.Collect().Order());
    }

    [Fact]
    public void CoGroup_BothSidesPartitionedWithDifferentCounts_ShufflesTheSmallerSide()
    {
        var left = _sc.Parallelize(Enumerable.Range(0, 40).Select(i => (i % 8, i)), 3).PartitionBy(new HashPartitioner(4));
        var right = _sc.Parallelize(Enumerable.Range(0, 8).Select(k => (k, -k)), 3).PartitionBy(new HashPartitioner(6));

        var grouped = left.CoGroup(right);

        Assert.Equal(new HashPartitioner(6), grouped.Partitioner);
        Assert.Equal(3, ShuffleCount(grouped));
        Assert.Equal(8, grouped.Count());
    }
}
