using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Rdd.Core.Serialization;

namespace Rdd.Core.Collections;

/// <summary>
/// A run of records on local disk, written by <see cref="SpillWriter{T}"/>: MessagePack values or raw blocks
/// (<see cref="SpillRecords"/>) in consecutive segments, whose byte offsets and record counts are kept here in memory. Segments are
/// read lazily through one shared read handle, opened at the first read and closed by <see cref="Delete"/>.
/// </summary>
internal sealed class SpillFile
{
    /// <summary>Runs merged at once by default: 64 readers of 64 KiB bound the merge's buffers to about 4 MiB.</summary>
    public const int DefaultMergeWidth = 64;

    private readonly long[] _offsets;
    private readonly long[] _records;
    private SafeFileHandle? _handle;

    public SpillFile(string path, long[] offsets, long[] records)
    {
        FilePath = path;
        _offsets = offsets;
        _records = records;
    }

    public string FilePath { get; }

    public int Segments => _records.Length;

    /// <summary>The file's length in bytes.</summary>
    public long Length => _offsets[^1];

    /// <summary>Segment boundaries: segment s is [Offsets[s], Offsets[s + 1]).</summary>
    public ReadOnlySpan<long> Offsets => _offsets;

    public long RecordsIn(int segment) => _records[segment];

    /// <summary>The records of <paramref name="segment"/>, decoded lazily as <typeparamref name="T"/>.</summary>
    public IEnumerable<T> Read<T>(int segment = 0)
    {
        if (!SpillRecords.IsRaw<T>()) _ = FormatterOf<T>.Instance; // an unsupported type throws here, at the call
        return ReadRecords<T>(_offsets[segment], _offsets[segment + 1]);
    }

    /// <summary>Copies the bytes of <paramref name="segment"/> to <paramref name="destination"/>; returns how many.</summary>
    public long CopySegmentTo(int segment, Stream destination, byte[] buffer)
    {
        long start = _offsets[segment];
        long end = _offsets[segment + 1];
        if (start == end) return 0;
        using var source = new FileSegmentStream(Handle, ownsHandle: false, FilePath, start, end);
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0) destination.Write(buffer, 0, read);
        return end - start;
    }

    /// <summary>Closes the read handle and deletes the file; never throws (a leftover file is only wasted disk).</summary>
    public void Delete()
    {
        _handle?.Dispose();
        _handle = null;
        TryDelete(FilePath);
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Deletes every file of <paramref name="spills"/> and empties the list.</summary>
    public static void DeleteAll(List<SpillFile> spills)
    {
        foreach (var spill in spills) spill.Delete();
        spills.Clear();
    }

    /// <summary>
    /// Merges consecutive groups of <paramref name="width"/> runs with <paramref name="mergeGroup"/> until at
    /// most <paramref name="maxRuns"/> are left, so a final merge never holds more than a bounded number of
    /// readers (and file handles) open. Groups are consecutive and keep their order, so merges that depend
    /// on run order (stable sorts, values in arrival order) stay correct. The merged inputs are deleted.
    /// </summary>
    public static void MergeDown(List<SpillFile> runs, int maxRuns, int width, Func<IReadOnlyList<SpillFile>, SpillFile> mergeGroup)
    {
        maxRuns = Math.Max(maxRuns, 1);
        width = Math.Max(width, 2);
        while (runs.Count > maxRuns)
        {
            int excess = runs.Count - maxRuns;
            if (excess < width)
            {
                // One merge of the first excess + 1 runs is enough: rewrite as little as possible.
                MergeRange(runs, 0, excess + 1, mergeGroup);
                continue;
            }
            for (int start = 0; start < runs.Count; start++) MergeRange(runs, start, Math.Min(width, runs.Count - start), mergeGroup);
        }
    }

    /// <summary>Replaces runs [start, start + count) by their merge.</summary>
    private static void MergeRange(List<SpillFile> runs, int start, int count, Func<IReadOnlyList<SpillFile>, SpillFile> mergeGroup)
    {
        if (count < 2) return;
        var group = runs.GetRange(start, count);
        var merged = mergeGroup(group);
        runs.RemoveRange(start, count);
        runs.Insert(start, merged);
        foreach (var run in group) run.Delete();
    }

    /// <summary>A buffer for <see cref="CopySegmentTo"/>, from the shared pool.</summary>
    public static byte[] RentCopyBuffer() => ArrayPool<byte>.Shared.Rent(256 * 1024);

    public static void ReturnCopyBuffer(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);

    private SafeFileHandle Handle =>
        _handle ??= File.OpenHandle(FilePath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.SequentialScan);

    private IEnumerable<T> ReadRecords<T>(long start, long end) =>
        start == end ? [] : SpillRecords.Read<T>(() => new FileSegmentStream(Handle, ownsHandle: false, FilePath, start, end));
}
