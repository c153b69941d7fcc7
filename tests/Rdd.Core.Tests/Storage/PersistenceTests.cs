using System.Collections.Concurrent;
using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Storage;

/// <summary>
/// Persist, Cache and Unpersist through the Rdd API: every level serves later jobs without running the user's
/// functions again, eviction and lost blocks cost exactly the missing partitions, and cached primitive data is
/// compact. User functions count their calls per partition to tell a cache hit from a recomputation.
/// </summary>
public sealed class PersistenceTests : IDisposable
{
    // Range(0, 4000) in 4 slices: 1,000 longs per partition, 8,024 bytes as an object block.
    private const int Rows = 4000;
    private const int Slices = 4;
    private const int PerPartition = Rows / Slices;
    private const long ObjectBlockBytes = 24 + 8 * PerPartition;

    // A block's raw longs framed as one MessagePack ext16 value (4-byte header).
    private const long SerializedBlockBytes = 4 + 8L * PerPartition;

    private readonly TempDirectory _dir = new();
    private readonly List<RddContext> _contexts = [];

    public void Dispose()
    {
        foreach (var context in _contexts) context.Dispose();
        _dir.Dispose();
    }

    public static TheoryData<string> Levels() => BlockStoreTests.Levels();

    [Theory]
    [MemberData(nameof(Levels))]
    public void Persist_EachLevel_LaterJobsReadTheStoreWithoutRecomputing(string levelName)
    {
        var context = NewContext();
        var calls = new PartitionCalls();
        var rdd = Counted(context, calls).Persist(Level(levelName));

        var first = rdd.Collect();
        var second = rdd.Collect();
        long count = rdd.Count();

        Assert.Equal(Enumerable.Range(0, Rows).Select(i => (long)i * 3), first);
        Assert.Equal(first, second);
        Assert.Equal(Rows, count);
        Assert.Equal(Rows, calls.Total);
        Assert.Equal([0, 1, 2, 3], rdd.CachedPartitions);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Persist_DoubleRows_EachLevel_RoundTrips(string levelName)
    {
        var context = NewContext();
        int calls = 0;
        var rows = context.Range(0, 500, numSlices: 3).Map(i =>
        {
            Interlocked.Increment(ref calls);
            return i % 50 == 0 ? [] : Enumerable.Range(0, (int)(i % 7)).Select(j => i + j / 10.0).ToArray();
        }).Persist(Level(levelName));

        var first = rows.Collect();
        var second = rows.Collect();

        Assert.Equal(first, second);
        Assert.Equal(500, calls);
        Assert.Equal(6.0, second[6][0]);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Persist_PairsWithStrings_EachLevel_RoundTrips(string levelName)
    {
        var context = NewContext();
        int calls = 0;
        var pairs = context.Range(0, 300, numSlices: 3).Map(i =>
        {
            Interlocked.Increment(ref calls);
            return (Key: i % 10 == 0 ? null : $"k{i}", Value: (Id: i, Score: i * 0.25));
        }).Persist(Level(levelName));

        var first = pairs.Collect();
        var second = pairs.Collect();

        Assert.Equal(first, second);
        Assert.Equal(300, calls);
        Assert.Null(second[0].Key);
        Assert.Equal(("k7", (7L, 1.75)), second[7]);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Persist_ObjectTypedElements_EachLevel_KeepTheirRuntimeTypes(string levelName)
    {
        var context = NewContext();
        var rdd = context.Parallelize(Enumerable.Range(0, 40), 2)
            .Map(i => (Id: i, Value: (i % 4) switch { 0 => (object)(long)i, 1 => $"s{i}", 2 => new[] { i, i }, _ => (object)(i * 0.5) }))
            .Persist(Level(levelName));

        var first = rdd.Collect();
        var second = rdd.Collect();

        Assert.Equal(first.Select(p => p.Value.GetType()), second.Select(p => p.Value.GetType()));
        Assert.Equal(first, second, (a, b) => a.Id == b.Id && (a.Value is int[] x && b.Value is int[] y ? x.SequenceEqual(y) : Equals(a.Value, b.Value)));
    }

    [Fact]
    public void Persist_DiskOnly_KeepsOneFilePerPartitionAndNoMemory()
    {
        var context = NewContext();
        var rdd = Counted(context, new PartitionCalls()).Persist(StorageLevel.DiskOnly);

        rdd.Count();

        Assert.Equal(0, context.Storage.MemoryUsedBytes);
        Assert.Equal(Slices * SerializedBlockBytes, context.Storage.DiskUsedBytes);
        for (int p = 0; p < Slices; p++) Assert.True(File.Exists(BlockFile(context, rdd.Id, p)));
    }

    [Fact]
    public void Persist_CachedRead_CountsRecordsRead()
    {
        var context = NewContext();
        var listener = new RecordingListener();
        var rdd = Counted(context, new PartitionCalls()).Persist(StorageLevel.MemoryOnlySer);
        rdd.Count();
        context.AddListener(listener);

        rdd.Count();

        Assert.Equal(Rows, listener.TasksEnded.Sum(e => e.Metrics.RecordsRead));
    }

    // ---- Eviction under the memory cap ------------------------------------------------------

    [Fact]
    public void Cache_PastTheMemoryCap_DropsLeastRecentlyUsedBlocksAndRecomputesOnlyThose()
    {
        var context = NewContext(storageBytes: 5 * ObjectBlockBytes);
        var callsA = new PartitionCalls();
        var a = Counted(context, callsA).Cache();
        var b = Counted(context, new PartitionCalls()).Cache();
        a.Count();

        b.Count(); // needs 4 blocks where 1 is free: 3 of a's go

        Assert.Equal([0, 1, 2, 3], b.CachedPartitions);
        var kept = Assert.Single(a.CachedPartitions);
        Assert.True(context.Storage.MemoryUsedBytes <= 5 * ObjectBlockBytes);

        Assert.Equal(Enumerable.Range(0, Rows).Select(i => (long)i * 3), a.Collect());
        for (int p = 0; p < Slices; p++) Assert.Equal(p == kept ? PerPartition : 2 * PerPartition, callsA[p]);
    }

    [Fact]
    public void MemoryAndDisk_PastTheMemoryCap_MovesBlocksToDiskAndNeverRecomputes()
    {
        var context = NewContext(storageBytes: 5 * ObjectBlockBytes);
        var callsA = new PartitionCalls();
        var a = Counted(context, callsA).Persist(StorageLevel.MemoryAndDisk);
        var b = Counted(context, new PartitionCalls()).Cache();
        a.Count();

        b.Count();

        Assert.Equal([0, 1, 2, 3], a.CachedPartitions);
        int onDisk = Enumerable.Range(0, Slices).Count(p => File.Exists(BlockFile(context, a.Id, p)));
        Assert.Equal(3, onDisk);
        Assert.Equal(3 * SerializedBlockBytes, context.Storage.DiskUsedBytes);

        Assert.Equal(Enumerable.Range(0, Rows).Select(i => (long)i * 3), a.Collect());
        Assert.Equal(Rows, callsA.Total);
    }

    [Fact]
    public async Task MemoryAndDisk_ConcurrentJobsUnderATinyCap_ReturnCorrectResults()
    {
        var context = NewContext(storageBytes: 2 * ObjectBlockBytes, parallelism: 4);
        var a = Counted(context, new PartitionCalls()).Persist(StorageLevel.MemoryAndDisk);
        var b = Counted(context, new PartitionCalls()).Map(x => x + 1).Persist(StorageLevel.MemoryAndDisk);
        var c = Counted(context, new PartitionCalls()).Cache();

        var jobs = Enumerable.Range(0, 12).Select(i => (i % 3) switch
        {
            0 => a.CollectAsync(),
            1 => b.CollectAsync(),
            _ => c.CollectAsync(),
        }).ToArray();
        var results = await Task.WhenAll(jobs);

        for (int i = 0; i < results.Length; i++)
            Assert.Equal(Enumerable.Range(0, Rows).Select(x => x * 3L + (i % 3 == 1 ? 1 : 0)), results[i]);
    }

    // ---- Lost blocks and lineage ------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Levels))]
    public void Evict_ThenCollect_RecomputesOnlyTheEvictedPartitionAndStoresItAgain(string levelName)
    {
        var context = NewContext();
        var calls = new PartitionCalls();
        var rdd = Counted(context, calls).Persist(Level(levelName));
        rdd.Count();

        Assert.True(context.Storage.Evict(rdd.Id, 2));
        Assert.Equal([0, 1, 3], rdd.CachedPartitions);
        Assert.False(File.Exists(BlockFile(context, rdd.Id, 2)));

        Assert.Equal(Enumerable.Range(0, Rows).Select(i => (long)i * 3), rdd.Collect());
        Assert.Equal([1, 1, 2, 1], Enumerable.Range(0, Slices).Select(p => calls[p] / PerPartition));
        Assert.Equal([0, 1, 2, 3], rdd.CachedPartitions);
    }

    [Theory]
    [InlineData("DISK_ONLY")]
    [InlineData("MEMORY_AND_DISK")]
    public void DiskBlockDeletedFromOutside_IsRecomputedAndWrittenAgain(string levelName)
    {
        // A one-block cap puts MEMORY_AND_DISK partitions 1..3 on disk.
        var context = NewContext(storageBytes: ObjectBlockBytes);
        var calls = new PartitionCalls();
        var rdd = Counted(context, calls).Persist(Level(levelName));
        rdd.Count();
        int lost = Enumerable.Range(0, Slices).Last(p => File.Exists(BlockFile(context, rdd.Id, p)));
        var file = BlockFile(context, rdd.Id, lost);

        File.Delete(file);

        Assert.Equal(Enumerable.Range(0, Rows).Select(i => (long)i * 3), rdd.Collect());
        Assert.Equal(Enumerable.Range(0, Slices).Select(p => p == lost ? 2 : 1), Enumerable.Range(0, Slices).Select(p => calls[p] / PerPartition));
        Assert.True(File.Exists(file));
        Assert.Equal([0, 1, 2, 3], rdd.CachedPartitions);
    }

    [Fact]
    public void DiskBlockDeletedFromOutside_CachedPartitionsNoLongerListsIt()
    {
        var context = NewContext();
        var rdd = Counted(context, new PartitionCalls()).Persist(StorageLevel.DiskOnly);
        rdd.Count();

        File.Delete(BlockFile(context, rdd.Id, 0));

        Assert.Equal([1, 2, 3], rdd.CachedPartitions);
    }

    [Fact]
    public void Evict_ChildOfCachedRdd_RecomputesFromTheCachedParentOnly()
    {
        var context = NewContext();
        var parentCalls = new PartitionCalls();
        var parent = Counted(context, parentCalls).Cache();
        var childCalls = new PartitionCalls();
        var child = parent.MapPartitionsWithIndex((p, items) => items.Select(x =>
        {
            childCalls.Add(p);
            return x + 1;
        })).Persist(StorageLevel.MemoryOnlySer);
        child.Count();

        context.Storage.Evict(child.Id, 1);
        child.Count();

        Assert.Equal(Rows, parentCalls.Total);
        Assert.Equal([1000, 2000, 1000, 1000], Enumerable.Range(0, Slices).Select(p => childCalls[p]));

        context.Storage.Evict(child.Id, 2);
        context.Storage.Evict(parent.Id, 2);
        child.Count();

        Assert.Equal([1000, 1000, 2000, 1000], Enumerable.Range(0, Slices).Select(p => parentCalls[p]));
        Assert.Equal([1000, 2000, 2000, 1000], Enumerable.Range(0, Slices).Select(p => childCalls[p]));
    }

    // ---- Unpersist and levels ---------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Levels))]
    public void Unpersist_FreesMemoryAndFilesAndLaterJobsRecompute(string levelName)
    {
        var context = NewContext(storageBytes: 2 * ObjectBlockBytes);
        var calls = new PartitionCalls();
        var rdd = Counted(context, calls).Persist(Level(levelName));
        rdd.Count();

        Assert.Same(rdd, rdd.Unpersist());

        Assert.Empty(rdd.CachedPartitions);
        Assert.Equal(0, context.Storage.MemoryUsedBytes);
        Assert.Equal(0, context.Storage.DiskUsedBytes);
        Assert.False(Directory.Exists(BlocksDir(context)) && Directory.EnumerateFileSystemEntries(BlocksDir(context)).Any());
        rdd.Count();
        Assert.Equal(2 * Rows, calls.Total);
        Assert.Empty(rdd.CachedPartitions);
    }

    [Fact]
    public void Persist_ChangingTheLevel_ThrowsAndTheSameLevelReturnsTheRdd()
    {
        var rdd = NewContext().Range(0, 10).Persist(StorageLevel.MemoryOnlySer);

        Assert.Same(rdd, rdd.Persist(StorageLevel.MemoryOnlySer));
        Assert.Throws<InvalidOperationException>(() => rdd.Persist(StorageLevel.MemoryAndDisk));
        Assert.Throws<InvalidOperationException>(() => rdd.Cache());
        Assert.Equal(StorageLevel.MemoryOnlySer, rdd.StorageLevel);
    }

    [Fact]
    public void Persist_AfterUnpersist_AcceptsAnotherLevel()
    {
        var context = NewContext();
        var rdd = Counted(context, new PartitionCalls()).Cache();
        rdd.Count();

        rdd.Unpersist().Persist(StorageLevel.DiskOnly).Count();

        Assert.Equal(StorageLevel.DiskOnly, rdd.StorageLevel);
        Assert.Equal(0, context.Storage.MemoryUsedBytes);
        Assert.Equal([0, 1, 2, 3], rdd.CachedPartitions);
    }

    [Fact]
    public void Persist_InMapReduceMode_IsIgnored()
    {
        var context = NewContext(mode: ExecutionMode.MapReduce);
        var calls = new PartitionCalls();
        var rdd = Counted(context, calls).Persist(StorageLevel.MemoryAndDisk);

        rdd.Count();
        rdd.Count();

        Assert.Equal(2 * Rows, calls.Total);
        Assert.Empty(rdd.CachedPartitions);
        Assert.Equal(0, context.Storage.MemoryUsedBytes);
    }

    // ---- Compactness of primitive data ------------------------------------------------------

    public static TheoryData<string, string, double> CompactnessTargets() => new()
    {
        { "double[10] rows", "MEMORY_ONLY", 1.5 },
        { "double[10] rows", "MEMORY_ONLY_SER", 1.1 },
        { "(long, double) pairs", "MEMORY_ONLY", 1.5 },
        { "(long, double) pairs", "MEMORY_ONLY_SER", 1.1 },
    };

    [Theory]
    [MemberData(nameof(CompactnessTargets))]
    public void Persist_PrimitiveData_StoreBytesStayWithinTheTargetOfRawBytes(string data, string levelName, double target)
    {
        var context = NewContext(storageBytes: 64L << 20);
        const int n = 20_000;
        long rawBytes;
        if (data == "double[10] rows")
        {
            var rows = context.Range(0, n, numSlices: 4).Map(i => Enumerable.Repeat((double)i, 10).ToArray()).Persist(Level(levelName));
            Assert.Equal(n, rows.Count());
            rawBytes = n * 10L * sizeof(double);
        }
        else
        {
            var pairs = context.Range(0, n, numSlices: 4).Map(i => (i, i * 0.5)).Persist(Level(levelName));
            Assert.Equal(n, pairs.Count());
            rawBytes = n * 16L;
        }

        double ratio = (double)context.Storage.MemoryUsedBytes / rawBytes;

        Assert.True(ratio <= target, $"{data} at {levelName}: {context.Storage.MemoryUsedBytes:N0} stored bytes for {rawBytes:N0} raw bytes = {ratio:F3}x, target {target}x");
        Assert.True(ratio >= 1.0, $"{data} at {levelName}: {ratio:F3}x is below the raw size: the accounting misses bytes");
    }

    private RddContext NewContext(long storageBytes = 64L << 20, int parallelism = 2, ExecutionMode mode = ExecutionMode.InMemory)
    {
        var context = new RddContext(new RddConfig
        {
            Parallelism = parallelism,
            StorageMemoryBytes = storageBytes,
            LocalDir = _dir.Path,
            ExecutionMode = mode,
        });
        _contexts.Add(context);
        return context;
    }

    /// <summary>Range(0, 4000) in 4 slices mapped to 3x, counting calls per partition.</summary>
    private static Rdd<long> Counted(RddContext context, PartitionCalls calls) =>
        context.Range(0, Rows, numSlices: Slices).MapPartitionsWithIndex((p, items) => items.Select(x =>
        {
            calls.Add(p);
            return x * 3;
        }));

    private static StorageLevel Level(string name) => BlockStoreTests.LevelNamed(name);

    private static string BlocksDir(RddContext context) => context.Storage.DiskDirectory;

    private static string BlockFile(RddContext context, int rddId, int partition) => Path.Combine(BlocksDir(context), $"rdd_{rddId}_{partition}");

    /// <summary>Calls of a user function, per partition, from any worker thread.</summary>
    private sealed class PartitionCalls
    {
        private readonly ConcurrentDictionary<int, int> _calls = new();

        public int this[int partition] => _calls.GetValueOrDefault(partition);

        public int Total => _calls.Values.Sum();

        public void Add(int partition) => _calls.AddOrUpdate(partition, 1, static (_, n) => n + 1);
    }
}
