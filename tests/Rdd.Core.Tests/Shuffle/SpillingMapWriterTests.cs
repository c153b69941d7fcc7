using Rdd.Core.Serialization;
using Rdd.Core.Shuffle;
using Rdd.Core.Tests.Collections;
using Rdd.Core.Tests.IO;

namespace Rdd.Core.Tests.Shuffle;

/// <summary>
/// SpillingMapWriter's data file against LINQ on seeded random data, with and without map-side combining,
/// spilling or not; segment boundaries, metrics, atomic writes, and ShuffleSegmentReader's errors.
/// </summary>
public sealed class SpillingMapWriterTests : IDisposable
{
    private const long TinyBudget = 16 * 1024;
    private const long HugeBudget = 1L << 30;
    private const int Partitions = 5;

    private static readonly Aggregator<long, long> s_sum = new(v => v, (c, v) => c + v, (a, b) => a + b);

    private readonly ScratchFolder _folder = new();
    private readonly TaskMetrics _metrics = new();

    public void Dispose() => _folder.Dispose();

    private string SpillDirectory => Path.Combine(_folder.Root, "spills");

    private string DataPath => Path.Combine(_folder.Root, "shuffle_0_0.data");

    private string[] SpillFiles => Directory.Exists(SpillDirectory) ? Directory.GetFiles(SpillDirectory) : [];

    private static int PartitionOf(long key) => (int)(key % Partitions);

    private static (long Key, long Value)[] RandomPairs(int count, int keys, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => ((long)random.Next(keys), (long)i)).ToArray();
    }

    private List<(TKey, TCombiner)>[] ReadSegments<TKey, TCombiner>(long[] offsets) =>
        Enumerable.Range(0, offsets.Length - 1)
            .Select(p => ShuffleSegmentReader.Read<TKey, TCombiner>(DataPath, offsets[p], offsets[p + 1]).ToList())
            .ToArray();

    private void AssertValidOffsets(long[] offsets)
    {
        Assert.Equal(Partitions + 1, offsets.Length);
        Assert.Equal(0, offsets[0]);
        for (int p = 0; p < Partitions; p++) Assert.True(offsets[p] <= offsets[p + 1]);
        Assert.Equal(new FileInfo(DataPath).Length, offsets[^1]);
        Assert.Equal(offsets[^1], _metrics.ShuffleBytesWritten);
        Assert.Equal([Path.GetFileName(DataPath)], Directory.GetFiles(_folder.Root).Select(Path.GetFileName));
        Assert.Empty(SpillFiles);
    }

    [Theory]
    [InlineData(TinyBudget)]
    [InlineData(HugeBudget)]
    public void WriteDataFile_Combining_EachKeyOncePerPartitionWithLinqSums(long budget)
    {
        var pairs = RandomPairs(30_000, 4_000, seed: 1);
        using var writer = new SpillingMapWriter<long, long, long>(PartitionOf, Partitions, s_sum, budget, SpillDirectory, _metrics);

        foreach (var (k, v) in pairs) writer.Insert(k, v);
        bool spilled = writer.HasSpilled;
        var offsets = writer.WriteDataFile(DataPath);

        Assert.Equal(budget == TinyBudget, spilled);
        if (spilled) Assert.InRange(writer.SpillCount, 24, int.MaxValue);
        Assert.Equal(spilled, _metrics.SpilledBytes > 0);
        AssertValidOffsets(offsets);
        var segments = ReadSegments<long, long>(offsets);
        var expected = pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        Assert.Equal(expected.Count, writer.RecordsWritten);
        for (int p = 0; p < Partitions; p++)
        {
            SequenceAssert.Equal(Enumerable.Repeat(p, segments[p].Count), segments[p].Select(r => PartitionOf(r.Item1)));
            Assert.Equal(segments[p].Count, segments[p].Select(r => r.Item1).Distinct().Count());
        }
        SequenceAssert.SameEntries(expected, segments.SelectMany(s => s));
    }

    [Theory]
    [InlineData(TinyBudget)]
    [InlineData(HugeBudget)]
    public void WriteDataFile_Appending_KeepsMapOrderWithinEachPartition(long budget)
    {
        var pairs = RandomPairs(30_000, 4_000, seed: 2);
        using var writer = new SpillingMapWriter<long, long, long>(PartitionOf, Partitions, null, budget, SpillDirectory, _metrics);

        foreach (var (k, v) in pairs) writer.Insert(k, v);
        Assert.Equal(budget == TinyBudget, writer.HasSpilled);
        var offsets = writer.WriteDataFile(DataPath);

        AssertValidOffsets(offsets);
        Assert.Equal(pairs.Length, writer.RecordsWritten);
        var segments = ReadSegments<long, long>(offsets);
        for (int p = 0; p < Partitions; p++)
            SequenceAssert.Equal(pairs.Where(r => PartitionOf(r.Key) == p).Select(r => (r.Key, r.Value)), segments[p]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void WriteDataFile_CombiningWithNarrowMergeWidth_MergesInSeveralPasses(int width)
    {
        var pairs = RandomPairs(12_000, 3_000, seed: 3);
        using var writer = new SpillingMapWriter<long, long, long>(PartitionOf, Partitions, s_sum, TinyBudget, SpillDirectory, _metrics) { MaxMergeWidth = width };

        foreach (var (k, v) in pairs) writer.Insert(k, v);
        var offsets = writer.WriteDataFile(DataPath);

        Assert.True(writer.SpillCount > width);
        AssertValidOffsets(offsets);
        var segments = ReadSegments<long, long>(offsets);
        SequenceAssert.SameEntries(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)), segments.SelectMany(s => s));
    }

    [Fact]
    public void WriteDataFile_AppendingWithNarrowMergeWidth_ConcatenatesInMapOrder()
    {
        var pairs = RandomPairs(20_000, 4_000, seed: 10);
        using var writer = new SpillingMapWriter<long, long, long>(PartitionOf, Partitions, null, TinyBudget, SpillDirectory, _metrics) { MaxMergeWidth = 2 };

        foreach (var (k, v) in pairs) writer.Insert(k, v);
        long spilled = _metrics.SpilledBytes;
        var offsets = writer.WriteDataFile(DataPath);

        Assert.True(writer.SpillCount > 2);
        Assert.True(_metrics.SpilledBytes > spilled);
        AssertValidOffsets(offsets);
        var segments = ReadSegments<long, long>(offsets);
        for (int p = 0; p < Partitions; p++)
            SequenceAssert.Equal(pairs.Where(r => PartitionOf(r.Key) == p).Select(r => (r.Key, r.Value)), segments[p]);
    }

    [Fact]
    public void WriteDataFile_MissingFolder_CreatesIt()
    {
        string path = Path.Combine(_folder.Root, "shuffle", "0", "map_0.data");
        using var writer = new SpillingMapWriter<long, long, long>(PartitionOf, Partitions, null, HugeBudget, SpillDirectory, _metrics);
        writer.Insert(7, 8);

        var offsets = writer.WriteDataFile(path);

        Assert.Equal([(7L, 8L)], ShuffleSegmentReader.Read<long, long>(path, offsets[2], offsets[3]));
    }

    [Fact]
    public void WriteDataFile_GroupingStringKeysWithNull_TinyBudget_MergesGroupsAcrossSpills()
    {
        var random = new Random(4);
        var records = Enumerable.Range(0, 20_000).Select(i => (Key: random.Next(400) is var n && n < 10 ? null : "key" + n, Value: i)).ToArray();
        var group = new Aggregator<int, List<int>>(v => [v], (list, v) => { list.Add(v); return list; }, (a, b) => { a.AddRange(b); return a; });
        Func<string?, int> partitionOf = k => k is null ? 0 : (k.Length + k[^1]) % Partitions;
        using var writer = new SpillingMapWriter<string?, int, List<int>>(partitionOf, Partitions, group, TinyBudget, SpillDirectory, _metrics);

        foreach (var (k, v) in records) writer.Insert(k, v);
        var offsets = writer.WriteDataFile(DataPath);

        Assert.True(writer.HasSpilled);
        AssertValidOffsets(offsets);
        var segments = ReadSegments<string?, List<int>>(offsets);
        for (int p = 0; p < Partitions; p++) SequenceAssert.Equal(Enumerable.Repeat(p, segments[p].Count), segments[p].Select(r => partitionOf(r.Item1)));
        var written = segments.SelectMany(s => s).ToList();
        Assert.Single(written, r => r.Item1 is null);
        var expected = records.GroupBy(r => r.Key ?? "<null>").ToDictionary(g => g.Key, g => g.Select(r => r.Value).ToList());
        Assert.Equal(expected.Count, written.Count);
        foreach (var (key, values) in written) SequenceAssert.Equal(expected[key ?? "<null>"], values);
    }

    [Fact]
    public void ToBuckets_NoSpill_MatchesTheDataFile()
    {
        var pairs = RandomPairs(5_000, 700, seed: 5);
        using var combining = new SpillingMapWriter<long, long, long>(PartitionOf, Partitions, s_sum, HugeBudget, SpillDirectory, _metrics);
        using var appending = new SpillingMapWriter<long, long, long>(PartitionOf, Partitions, null, HugeBudget, SpillDirectory, _metrics);
        foreach (var (k, v) in pairs)
        {
            combining.Insert(k, v);
            appending.Insert(k, v);
        }

        var combined = combining.ToBuckets();
        var appended = appending.ToBuckets();

        var sums = pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        for (int p = 0; p < Partitions; p++)
        {
            // Combined entries come in key insertion order, appended records in map order.
            SequenceAssert.Equal(sums.Where(s => PartitionOf(s.Key) == p).Select(s => (s.Key, s.Value)), combined[p]);
            SequenceAssert.Equal(pairs.Where(r => PartitionOf(r.Key) == p).Select(r => (r.Key, r.Value)), appended[p]);
        }
        Assert.False(combining.HasSpilled);
        Assert.Equal(0, _metrics.SpilledBytes);
    }

    [Fact]
    public void ToBuckets_AfterSpill_Throws()
    {
        using var writer = new SpillingMapWriter<long, long, long>(PartitionOf, Partitions, null, TinyBudget, SpillDirectory, _metrics);
        foreach (var (k, v) in RandomPairs(10_000, 100, seed: 6)) writer.Insert(k, v);

        Assert.True(writer.HasSpilled);
        Assert.Throws<InvalidOperationException>(() => writer.ToBuckets());
    }

    [Fact]
    public void WriteDataFile_EmptyInput_WritesAnEmptyFileWithEmptySegments()
    {
        using var writer = new SpillingMapWriter<long, long, long>(PartitionOf, Partitions, s_sum, TinyBudget, SpillDirectory, _metrics);

        var offsets = writer.WriteDataFile(DataPath);

        Assert.Equal(new long[Partitions + 1], offsets);
        AssertValidOffsets(offsets);
        Assert.All(ReadSegments<long, long>(offsets), Assert.Empty);
    }

    [Fact]
    public void WriteDataFile_SinglePartition_HoldsEverything()
    {
        var pairs = RandomPairs(10_000, 10_000, seed: 7);
        using var writer = new SpillingMapWriter<long, long, long>(_ => 0, 1, null, TinyBudget, SpillDirectory, _metrics);

        foreach (var (k, v) in pairs) writer.Insert(k, v);
        var offsets = writer.WriteDataFile(DataPath);

        Assert.Equal(2, offsets.Length);
        SequenceAssert.Equal(pairs.Select(p => (p.Key, p.Value)), ShuffleSegmentReader.Read<long, long>(DataPath, offsets[0], offsets[1]));
    }

    [Fact]
    public void WriteDataFile_PartitionFunctionFails_LeavesNoFileBehind()
    {
        bool fail = false;
        using var writer = new SpillingMapWriter<long, long, long>(
            k => fail ? throw new InvalidOperationException("boom") : PartitionOf(k), Partitions, s_sum, HugeBudget, SpillDirectory, _metrics);
        foreach (var (k, v) in RandomPairs(1_000, 100, seed: 8)) writer.Insert(k, v);
        fail = true;

        Assert.Throws<InvalidOperationException>(() => writer.WriteDataFile(DataPath));

        Assert.Empty(Directory.GetFiles(_folder.Root));
    }

    [Fact]
    public void WriteDataFile_ExistingFile_IsReplaced()
    {
        File.WriteAllText(DataPath, "stale output of an earlier attempt");
        using var writer = new SpillingMapWriter<long, long, long>(PartitionOf, Partitions, s_sum, HugeBudget, SpillDirectory, _metrics);
        writer.Insert(3, 4);

        var offsets = writer.WriteDataFile(DataPath);

        Assert.Equal([(3L, 4L)], ReadSegments<long, long>(offsets)[3]);
        Assert.Throws<InvalidOperationException>(() => writer.WriteDataFile(DataPath));
    }

    [Fact]
    public void Insert_PartitionOutOfRange_Throws()
    {
        using var writer = new SpillingMapWriter<long, long, long>(_ => Partitions, Partitions, null, HugeBudget, SpillDirectory, _metrics);

        Assert.Throws<InvalidOperationException>(() => writer.Insert(1, 1));
    }

    [Fact]
    public void Constructor_NoAggregatorAndCombinerTypeDiffers_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SpillingMapWriter<long, long, int>(PartitionOf, Partitions, null, HugeBudget, SpillDirectory, _metrics));
    }

    [Fact]
    public void Dispose_AfterSpills_DeletesSpillFiles()
    {
        var writer = new SpillingMapWriter<long, long, long>(PartitionOf, Partitions, s_sum, TinyBudget, SpillDirectory, _metrics);
        foreach (var (k, v) in RandomPairs(10_000, 5_000, seed: 9)) writer.Insert(k, v);
        Assert.Equal(writer.SpillCount, SpillFiles.Length);
        Assert.Equal(_metrics.SpilledBytes, SpillFiles.Sum(f => new FileInfo(f).Length));

        writer.Dispose();

        Assert.Empty(SpillFiles);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFoundAtEnumeration()
    {
        var records = ShuffleSegmentReader.Read<long, long>(Path.Combine(_folder.Root, "missing.data"), 0, 10);

        Assert.Throws<FileNotFoundException>(() => records.ToList());
    }

    [Fact]
    public void Read_TruncatedFile_ThrowsInvalidDataWithTheOffset()
    {
        var bytes = ObjectSerializer.Serialize((1L, 2L)).Concat(ObjectSerializer.Serialize((3L, "x"))).ToArray();
        File.WriteAllBytes(DataPath, bytes[..^2]);

        var beyondEnd = Assert.Throws<InvalidDataException>(() => ShuffleSegmentReader.Read<long, string>(DataPath, 0, bytes.Length).ToList());
        var insideValue = Assert.Throws<InvalidDataException>(() => ShuffleSegmentReader.Read<long, string>(DataPath, 3, bytes.Length - 2).ToList());

        Assert.Contains("truncated", beyondEnd.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(DataPath, beyondEnd.Message);
        Assert.Contains("offset", insideValue.Message);
        Assert.Contains(DataPath, insideValue.Message);
    }

    [Fact]
    public void Read_CorruptByte_ThrowsInvalidDataWithTheOffset()
    {
        var bytes = ObjectSerializer.Serialize((1L, "a")).Concat(ObjectSerializer.Serialize((3L, "b"))).ToArray();
        bytes[5] = 0xc1; // never used in MessagePack
        File.WriteAllBytes(DataPath, bytes);

        var error = Assert.Throws<InvalidDataException>(() => ShuffleSegmentReader.Read<long, string>(DataPath, 0, bytes.Length).ToList());

        // The second record starts at byte 4; the decoder stops just past the bad byte.
        Assert.Contains("byte offset 4", error.Message);
        Assert.Contains("stopped at byte offset 6", error.Message);
        Assert.Contains(DataPath, error.Message);
    }

    [Fact]
    public void Write_UnmanagedRecords_AreRawBlocksOfTheirMemory()
    {
        // (long, long) records: no per-record encoding, each segment one MessagePack extension value (type 2)
        // holding the records' 16 bytes each, little-endian.
        using (var writer = new SpillingMapWriter<long, long, long>(k => (int)(k % 2), 2, null, 1 << 20, SpillDirectory, _metrics))
        {
            writer.Insert(1, 10);
            writer.Insert(2, 20);
            writer.Insert(3, 30);
            var offsets = writer.WriteDataFile(DataPath);
            var bytes = File.ReadAllBytes(DataPath);
            // Partition 0: (2, 20) as ext 8 of 16 bytes; partition 1: (1, 10), (3, 30) as ext 8 of 32 bytes.
            Assert.Equal([0L, 3 + 16, 3 + 16 + 3 + 32], offsets);
            Assert.Equal("c71002" + "0200000000000000" + "1400000000000000", Convert.ToHexStringLower(bytes.AsSpan(0, 19)));
            Assert.Equal("c72002", Convert.ToHexStringLower(bytes.AsSpan(19, 3)));
            Assert.Equal([(1L, 10L), (3L, 30L)], ShuffleSegmentReader.Read<long, long>(DataPath, offsets[1], offsets[2]));
        }
    }

    [Fact]
    public void Read_TruncatedRawBlock_ThrowsInvalidDataWithTheOffset()
    {
        var block = Convert.FromHexString("c71002" + "0200000000000000" + "1400000000000000");
        File.WriteAllBytes(DataPath, [.. block, .. block[..^3]]);

        var error = Assert.Throws<InvalidDataException>(() => ShuffleSegmentReader.Read<long, long>(DataPath, 0, 2 * block.Length - 3).ToList());

        Assert.Contains("Truncated raw block", error.Message);
        Assert.Contains("byte offset 19", error.Message);
        Assert.Contains(DataPath, error.Message);
    }

    [Fact]
    public void Read_RawBlockOfTheWrongSize_ThrowsInvalidData()
    {
        // 12 bytes are not a whole number of 16-byte records; an int where a block is expected is no block.
        File.WriteAllBytes(DataPath, Convert.FromHexString("c70c02" + "000000000000000000000000" + "01"));

        var error = Assert.Throws<InvalidDataException>(() => ShuffleSegmentReader.Read<long, long>(DataPath, 0, 15).ToList());
        var notABlock = Assert.Throws<InvalidDataException>(() => ShuffleSegmentReader.Read<long, long>(DataPath, 15, 16).ToList());

        Assert.Contains("16-byte records", error.Message);
        Assert.Contains("0x01", notABlock.Message);
    }

    [Fact]
    public void Read_EmptySegment_YieldsNothingButChecksTheFileExists()
    {
        File.WriteAllBytes(DataPath, ObjectSerializer.Serialize((1L, 2L)));

        Assert.Empty(ShuffleSegmentReader.Read<long, long>(DataPath, 3, 3));
        Assert.Throws<FileNotFoundException>(() => ShuffleSegmentReader.Read<long, long>(DataPath + ".gone", 0, 0).ToList());
    }
}
