using Rdd.Core.Storage;
using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Storage;

/// <summary>The block store on its own: levels, byte accounting, LRU eviction, spilling, disk failures, concurrency.</summary>
public sealed class BlockStoreTests : IDisposable
{
    // 1,000 longs: 8,024 bytes as objects (array header + data), 8,000 serialized.
    private const int BlockLength = 1000;
    private const long ObjectBlockBytes = 24 + 8 * BlockLength;
    // The raw bytes framed as one MessagePack ext16 value (a 4-byte header).
    private const long SerializedBlockBytes = 4 + 8 * BlockLength;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Levels() => ["MEMORY_ONLY", "MEMORY_AND_DISK", "DISK_ONLY", "MEMORY_ONLY_SER"];

    [Theory]
    [MemberData(nameof(Levels))]
    public void PutThenTryGet_EachLevel_ReturnsTheBlock(string levelName)
    {
        var store = NewStore(1 << 20);
        var level = LevelNamed(levelName);
        var id = new RddBlockId(1, 0);
        var block = Longs(BlockLength, seed: 7);

        Assert.True(store.Put(id, block, level));

        Assert.True(store.TryGet<long>(id, out var read));
        Assert.Equal(block, read);
        Assert.Equal([0], store.PartitionsOf(1));
        Assert.Equal(level.UseMemory, store.MemoryUsedBytes > 0);
        Assert.Equal(level == StorageLevel.DiskOnly, File.Exists(PathOf(store, id)));
    }

    [Fact]
    public void TryGet_MemoryOnly_ReturnsTheStoredObjects()
    {
        var store = NewStore(1 << 20);
        var block = new[] { new double[] { 1, 2 } };
        store.Put(new RddBlockId(1, 0), block, StorageLevel.MemoryOnly);

        store.TryGet<double[]>(new RddBlockId(1, 0), out var read);

        Assert.Same(block, read);
    }

    [Theory]
    [InlineData("MEMORY_ONLY_SER")]
    [InlineData("DISK_ONLY")]
    public void TryGet_SerializedLevel_DecodesAFreshCopyOnEachRead(string levelName)
    {
        var store = NewStore(1 << 20);
        var id = new RddBlockId(1, 0);
        store.Put(id, new[] { new double[] { 1, 2 } }, LevelNamed(levelName));

        store.TryGet<double[]>(id, out var first);
        store.TryGet<double[]>(id, out var second);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
    }

    [Fact]
    public void TryGet_Missing_ReturnsFalse()
    {
        var store = NewStore(1 << 20);

        Assert.False(store.TryGet<long>(new RddBlockId(1, 0), out var read));
        Assert.Empty(read);
    }

    // ---- Byte accounting --------------------------------------------------------------------

    [Fact]
    public void MemoryUsedBytes_MemoryOnlySer_IsExactlyTheSerializedBytes()
    {
        var store = NewStore(1 << 20);
        double[][] rows = [[1, 2, 3], [], [4]];

        store.Put(new RddBlockId(1, 0), Longs(BlockLength, 1), StorageLevel.MemoryOnlySer);
        store.Put(new RddBlockId(1, 1), new (long, double)[100], StorageLevel.MemoryOnlySer);
        store.Put(new RddBlockId(1, 2), rows, StorageLevel.MemoryOnlySer);

        // An array32 header, then per row an ext8 header (3 bytes) and the raw doubles.
        long rowBytes = 5 + (3 + 24) + 3 + (3 + 8);
        Assert.Equal(SerializedBlockBytes + (4 + 16 * 100) + rowBytes, store.MemoryUsedBytes);
        Assert.Equal(0, store.DiskUsedBytes);
    }

    [Fact]
    public void DiskUsedBytes_DiskOnly_IsExactlyTheFileLengths()
    {
        var store = NewStore(1 << 20);
        var id = new RddBlockId(1, 0);

        store.Put(id, Longs(BlockLength, 1), StorageLevel.DiskOnly);
        store.Put(new RddBlockId(1, 1), new[] { "a", "bc" }, StorageLevel.DiskOnly);

        Assert.Equal(0, store.MemoryUsedBytes);
        Assert.Equal(SerializedBlockBytes, new FileInfo(PathOf(store, id)).Length);
        Assert.Equal(Directory.EnumerateFiles(store.DiskDirectory).Sum(f => new FileInfo(f).Length), store.DiskUsedBytes);
    }

    [Fact]
    public void MemoryUsedBytes_ObjectBlocks_AreTheEstimates()
    {
        var store = NewStore(1 << 20);
        var rows = Enumerable.Range(0, 50).Select(_ => new double[10]).ToArray();

        store.Put(new RddBlockId(1, 0), Longs(BlockLength, 1), StorageLevel.MemoryOnly);
        store.Put(new RddBlockId(1, 1), rows, StorageLevel.MemoryAndDisk);

        Assert.Equal(ObjectBlockBytes + (24 + 8 * 50) + 50 * (24 + 80), store.MemoryUsedBytes);
    }

    [Fact]
    public void Put_SameIdTwice_ReplacesTheBlockAndItsBytes()
    {
        var store = NewStore(1 << 20);
        var id = new RddBlockId(1, 0);

        store.Put(id, Longs(BlockLength, 1), StorageLevel.MemoryOnly);
        store.Put(id, Longs(10, 2), StorageLevel.MemoryOnly);

        Assert.Equal(24 + 8 * 10, store.MemoryUsedBytes);
        Assert.True(store.TryGet<long>(id, out var read));
        Assert.Equal(Longs(10, 2), read);
    }

    // ---- LRU eviction -----------------------------------------------------------------------

    [Fact]
    public void Put_PastTheCap_DropsTheLeastRecentlyUsedMemoryOnlyBlock()
    {
        var store = NewStore(3 * ObjectBlockBytes);
        store.Put(new RddBlockId(1, 0), Longs(BlockLength, 0), StorageLevel.MemoryOnly);
        store.Put(new RddBlockId(1, 1), Longs(BlockLength, 1), StorageLevel.MemoryOnly);
        store.Put(new RddBlockId(1, 2), Longs(BlockLength, 2), StorageLevel.MemoryOnly);
        store.TryGet<long>(new RddBlockId(1, 0), out _); // partition 1 is now the least recently used

        Assert.True(store.Put(new RddBlockId(2, 0), Longs(BlockLength, 3), StorageLevel.MemoryOnly));

        Assert.Equal([0, 2], store.PartitionsOf(1));
        Assert.Equal([0], store.PartitionsOf(2));
        Assert.Equal(3 * ObjectBlockBytes, store.MemoryUsedBytes);
        Assert.False(store.TryGet<long>(new RddBlockId(1, 1), out _));
    }

    [Fact]
    public void Put_PastTheCap_MovesMemoryAndDiskBlocksToDisk()
    {
        var store = NewStore(2 * ObjectBlockBytes);
        var block0 = Longs(BlockLength, 0);
        store.Put(new RddBlockId(1, 0), block0, StorageLevel.MemoryAndDisk);
        store.Put(new RddBlockId(1, 1), Longs(BlockLength, 1), StorageLevel.MemoryAndDisk);

        store.Put(new RddBlockId(2, 0), Longs(BlockLength, 2), StorageLevel.MemoryOnly);

        Assert.Equal([0, 1], store.PartitionsOf(1));
        Assert.True(File.Exists(PathOf(store, new RddBlockId(1, 0))));
        Assert.False(File.Exists(PathOf(store, new RddBlockId(1, 1))));
        Assert.Equal(SerializedBlockBytes, store.DiskUsedBytes);
        Assert.Equal(2 * ObjectBlockBytes, store.MemoryUsedBytes);
        Assert.True(store.TryGet<long>(new RddBlockId(1, 0), out var read));
        Assert.Equal(block0, read);
    }

    [Fact]
    public void Put_MemoryAndDiskBlockLargerThanMemory_GoesToDisk()
    {
        var store = NewStore(ObjectBlockBytes / 2);
        var id = new RddBlockId(1, 0);

        Assert.True(store.Put(id, Longs(BlockLength, 0), StorageLevel.MemoryAndDisk));

        Assert.Equal(0, store.MemoryUsedBytes);
        Assert.Equal(SerializedBlockBytes, store.DiskUsedBytes);
        Assert.Equal([0], store.PartitionsOf(1));
    }

    [Fact]
    public void Put_WouldOnlyFitByEvictingItsOwnRdd_IsNotStored()
    {
        var store = NewStore(ObjectBlockBytes + ObjectBlockBytes / 2);
        store.Put(new RddBlockId(1, 0), Longs(BlockLength, 0), StorageLevel.MemoryOnly);

        Assert.False(store.Put(new RddBlockId(1, 1), Longs(BlockLength, 1), StorageLevel.MemoryOnly));

        Assert.Equal([0], store.PartitionsOf(1));
    }

    [Fact]
    public void Put_LargerThanTheCap_EvictsNothing()
    {
        var store = NewStore(2 * ObjectBlockBytes);
        store.Put(new RddBlockId(1, 0), Longs(BlockLength, 0), StorageLevel.MemoryOnly);

        Assert.False(store.Put(new RddBlockId(2, 0), Longs(3 * BlockLength, 1), StorageLevel.MemoryOnly));

        Assert.Equal([0], store.PartitionsOf(1));
        Assert.Empty(store.PartitionsOf(2));
        Assert.Equal(ObjectBlockBytes, store.MemoryUsedBytes);
    }

    [Fact]
    public void TryGet_SpilledBlockWhenMemoryIsFreeAgain_KeepsBothCopiesAndEvictDropsBoth()
    {
        var store = NewStore(ObjectBlockBytes);
        var id = new RddBlockId(1, 0);
        store.Put(id, Longs(BlockLength, 0), StorageLevel.MemoryAndDisk);
        store.Put(new RddBlockId(2, 0), Longs(BlockLength, 1), StorageLevel.MemoryOnly); // spills rdd 1
        store.Evict(2, 0);

        Assert.True(store.TryGet<long>(id, out _)); // read from disk, and back in memory since it fits

        Assert.Equal(ObjectBlockBytes, store.MemoryUsedBytes);
        Assert.Equal(SerializedBlockBytes, store.DiskUsedBytes);
        Assert.True(store.Evict(1, 0));
        Assert.Equal(0, store.MemoryUsedBytes);
        Assert.Equal(0, store.DiskUsedBytes);
        Assert.False(File.Exists(PathOf(store, id)));
        Assert.False(store.Evict(1, 0));
    }

    // ---- Disk failures ----------------------------------------------------------------------

    [Fact]
    public void TryGet_DiskBlockDeletedFromOutside_IsMissingWithoutError()
    {
        var store = NewStore(1 << 20);
        var id = new RddBlockId(1, 0);
        store.Put(id, Longs(BlockLength, 0), StorageLevel.DiskOnly);

        File.Delete(PathOf(store, id));

        Assert.False(store.TryGet<long>(id, out _));
        Assert.Empty(store.PartitionsOf(1));
        Assert.Equal(0, store.DiskUsedBytes);
    }

    [Fact]
    public void PartitionsOf_DiskBlockDeletedFromOutside_IsNotListed()
    {
        var store = NewStore(1 << 20);
        store.Put(new RddBlockId(1, 0), Longs(10, 0), StorageLevel.DiskOnly);
        store.Put(new RddBlockId(1, 1), Longs(10, 1), StorageLevel.DiskOnly);

        File.Delete(PathOf(store, new RddBlockId(1, 1)));

        Assert.Equal([0], store.PartitionsOf(1));
        Assert.False(store.Contains(new RddBlockId(1, 1)));
    }

    [Fact]
    public void TryGet_CorruptDiskBlock_IsMissingWithoutError()
    {
        var store = NewStore(1 << 20);
        var id = new RddBlockId(1, 0);
        store.Put(id, new[] { new double[] { 1, 2, 3 } }, StorageLevel.DiskOnly);

        File.WriteAllBytes(PathOf(store, id), [1, 0, 0, 0, 9]);

        Assert.False(store.TryGet<double[]>(id, out _));
        Assert.Empty(store.PartitionsOf(1));
    }

    [Fact]
    public void Put_DiskLevels_LeaveNoTemporaryFiles()
    {
        var store = NewStore(ObjectBlockBytes);
        for (int p = 0; p < 4; p++) store.Put(new RddBlockId(1, p), Longs(BlockLength, p), StorageLevel.DiskOnly);
        for (int p = 0; p < 4; p++) store.Put(new RddBlockId(2, p), Longs(BlockLength, p), StorageLevel.MemoryAndDisk);

        var names = Directory.EnumerateFiles(store.DiskDirectory).Select(f => Path.GetFileName(f)).Order().ToArray();

        // Rdd 2's first block stays in memory; the others find no room (siblings are not evicted) and go to disk.
        Assert.Equal(["rdd_1_0", "rdd_1_1", "rdd_1_2", "rdd_1_3", "rdd_2_1", "rdd_2_2", "rdd_2_3"], names);
    }

    [Fact]
    public void RemoveRdd_DropsMemoryAndFiles()
    {
        var store = NewStore(ObjectBlockBytes);
        store.Put(new RddBlockId(1, 0), Longs(BlockLength, 0), StorageLevel.MemoryAndDisk);
        store.Put(new RddBlockId(1, 1), Longs(BlockLength, 0), StorageLevel.MemoryAndDisk); // to disk: no room
        store.Put(new RddBlockId(2, 0), Longs(BlockLength, 0), StorageLevel.DiskOnly);

        store.RemoveRdd(1);

        Assert.Empty(store.PartitionsOf(1));
        Assert.Equal(0, store.MemoryUsedBytes);
        Assert.Equal(["rdd_2_0"], Directory.EnumerateFiles(store.DiskDirectory).Select(f => Path.GetFileName(f)).ToArray());
        Assert.Equal(SerializedBlockBytes, store.DiskUsedBytes);
    }

    [Fact]
    public void Clear_DropsEveryBlockAndFile()
    {
        var store = NewStore(ObjectBlockBytes);
        store.Put(new RddBlockId(1, 0), Longs(BlockLength, 0), StorageLevel.MemoryOnly);
        store.Put(new RddBlockId(2, 0), Longs(BlockLength, 0), StorageLevel.DiskOnly);
        store.Put(new RddBlockId(3, 0), Longs(BlockLength, 0), StorageLevel.MemoryAndDisk); // drops rdd 1's block for room

        store.Clear();

        Assert.Equal(0, store.MemoryUsedBytes);
        Assert.Equal(0, store.DiskUsedBytes);
        Assert.Empty(Directory.EnumerateFiles(store.DiskDirectory));
        for (int rdd = 1; rdd <= 3; rdd++) Assert.Empty(store.PartitionsOf(rdd));
    }

    [Fact]
    public void Put_NoCodecForTheType_SerializedMemoryKeepsObjectsAndDiskOnlyStoresNothing()
    {
        var store = NewStore(1 << 20);
        Func<int>[] block = [() => 1];

        Assert.True(store.Put(new RddBlockId(1, 0), block, StorageLevel.MemoryOnlySer));
        Assert.False(store.Put(new RddBlockId(2, 0), block, StorageLevel.DiskOnly));

        Assert.True(store.TryGet<Func<int>>(new RddBlockId(1, 0), out var read));
        Assert.Same(block, read);
        Assert.Empty(store.PartitionsOf(2));
    }

    // ---- Concurrency ------------------------------------------------------------------------

    [Fact]
    public void PutTryGetEvict_FromManyThreads_KeepsBlocksIntactAndAccountingConsistent()
    {
        var store = NewStore(6 * ObjectBlockBytes);
        var levels = new[] { StorageLevel.MemoryOnly, StorageLevel.MemoryAndDisk, StorageLevel.DiskOnly, StorageLevel.MemoryOnlySer };
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var random = new Random(worker);
            for (int step = 0; step < 400; step++)
            {
                int rdd = random.Next(4);
                var id = new RddBlockId(rdd, random.Next(6));
                // A block's content is a function of its id, so any reader can check what it got.
                long seed = rdd * 100 + id.Partition;
                switch (random.Next(10))
                {
                    case < 4:
                        store.Put(id, Longs(BlockLength, seed), levels[rdd]);
                        break;
                    case < 9:
                        if (store.TryGet<long>(id, out var read) && !read.SequenceEqual(Longs(BlockLength, seed)))
                            failures.Enqueue($"{id} read back different data");
                        break;
                    default:
                        store.Evict(rdd, id.Partition);
                        break;
                }
            }
        });

        Assert.Empty(failures);
        Assert.InRange(store.MemoryUsedBytes, 0, 6 * ObjectBlockBytes);
        for (int rdd = 0; rdd < 4; rdd++) store.RemoveRdd(rdd);
        Assert.Equal(0, store.MemoryUsedBytes);
        Assert.Equal(0, store.DiskUsedBytes);
        Assert.Empty(Directory.EnumerateFiles(store.DiskDirectory));
    }

    private BlockStore NewStore(long capacity) => new(capacity, _dir.Path);

    private static string PathOf(BlockStore store, RddBlockId id) => Path.Combine(store.DiskDirectory, id.ToString());

    internal static StorageLevel LevelNamed(string name) =>
        new[] { StorageLevel.MemoryOnly, StorageLevel.MemoryAndDisk, StorageLevel.DiskOnly, StorageLevel.MemoryOnlySer }.Single(l => l.Name == name);

    private static long[] Longs(int length, long seed) => Enumerable.Range(0, length).Select(i => seed * 1_000_003 + i).ToArray();
}
