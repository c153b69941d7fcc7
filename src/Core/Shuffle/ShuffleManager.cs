using System.Collections.Concurrent;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Shuffle;

/// <summary>The map output registry and the fetch side shared by both shuffle managers; they differ only in where outputs go.</summary>
internal abstract class ShuffleManager(string directory) : IShuffleManager
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<int, MapOutput>> _shuffles = new();
    private long _nextFile;

    public abstract bool TryReserveMemory(long bytes);

    protected abstract void ReleaseMemory(long bytes);

    public string NewDataFilePath(int shuffleId, int mapId, int attempt)
    {
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"shuffle_{shuffleId}_{mapId}_{attempt}_{Interlocked.Increment(ref _nextFile)}.data");
    }

    public void RegisterMapOutput(int shuffleId, int mapId, MapOutput output)
    {
        var outputs = _shuffles.GetOrAdd(shuffleId, static _ => new());
        MapOutput? previous = null;
        outputs.AddOrUpdate(mapId, output, (_, old) =>
        {
            previous = old;
            return output;
        });
        if (previous is not null && !ReferenceEquals(previous, output)) Release(previous);
    }

    public IEnumerable<(TKey, TValue)> ReadReducePartition<TKey, TValue>(int shuffleId, int reduceId, int numMaps, TaskContext context)
    {
        // Every output is located before any is read, so a lost one fails the fetch before work is done.
        var located = new MapOutput[numMaps];
        _shuffles.TryGetValue(shuffleId, out var outputs);
        for (int map = 0; map < numMaps; map++)
        {
            if (outputs is null || !outputs.TryGetValue(map, out var output))
                throw new FetchFailedException(shuffleId, map, "no output registered");
            if (output is FileMapOutput file && !File.Exists(file.Path))
                throw new FetchFailedException(shuffleId, map, $"file {file.Path} is missing");
            located[map] = output;
        }
        return Read<TKey, TValue>(shuffleId, reduceId, located, context);
    }

    private static IEnumerable<(TKey, TValue)> Read<TKey, TValue>(int shuffleId, int reduceId, MapOutput[] located, TaskContext context)
    {
        for (int map = 0; map < located.Length; map++)
        {
            switch (located[map])
            {
                case InMemoryMapOutput memory:
                    var bucket = (ValueTuple<TKey, TValue>[])memory.Buckets[reduceId];
                    context.Metrics.ShuffleRecordsRead += bucket.Length;
                    foreach (var record in bucket) yield return record;
                    break;
                case FileMapOutput file:
                    long start = file.Offsets[reduceId], end = file.Offsets[reduceId + 1];
                    if (start == end) break;
                    context.Metrics.ShuffleBytesRead += end - start;
                    IEnumerator<(TKey, TValue)> records;
                    try
                    {
                        records = ShuffleSegmentReader.Read<TKey, TValue>(file.Path, start, end).GetEnumerator();
                    }
                    catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                    {
                        throw new FetchFailedException(shuffleId, map, $"file {file.Path} is missing");
                    }
                    using (records)
                    {
                        while (true)
                        {
                            try
                            {
                                if (!records.MoveNext()) break;
                            }
                            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                            {
                                throw new FetchFailedException(shuffleId, map, $"file {file.Path} is missing");
                            }
                            context.Metrics.ShuffleRecordsRead++;
                            yield return records.Current;
                        }
                    }
                    break;
            }
        }
    }

    public IReadOnlyList<int> MissingMapOutputs(int shuffleId, int numMaps)
    {
        _shuffles.TryGetValue(shuffleId, out var outputs);
        List<int>? missing = null;
        for (int map = 0; map < numMaps; map++)
        {
            if (outputs is not null && outputs.TryGetValue(map, out var output) && (output is not FileMapOutput file || File.Exists(file.Path)))
                continue;
            (missing ??= []).Add(map);
        }
        return missing ?? (IReadOnlyList<int>)[];
    }

    public void RemoveShuffle(int shuffleId)
    {
        if (!_shuffles.TryRemove(shuffleId, out var outputs)) return;
        foreach (var output in outputs.Values) Release(output);
    }

    public bool RemoveMapOutput(int shuffleId, int mapId)
    {
        if (!_shuffles.TryGetValue(shuffleId, out var outputs) || !outputs.TryRemove(mapId, out var output)) return false;
        Release(output);
        return true;
    }

    private void Release(MapOutput output)
    {
        if (output.MemoryBytes > 0) ReleaseMemory(output.MemoryBytes);
        if (output is FileMapOutput file)
        {
            try
            {
                File.Delete(file.Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file still being read elsewhere goes with the context's folder on Dispose.
            }
        }
    }

    public void Dispose()
    {
        foreach (var id in _shuffles.Keys.ToArray()) RemoveShuffle(id);
    }
}

/// <summary>
/// Spark's model: map outputs stay in memory, no serialization, while their total fits the budget
/// (<see cref="RddConfig.ShuffleMemoryBytes"/> per worker); beyond it, and whenever a map task spilled,
/// they are written to files.
/// </summary>
internal sealed class InMemoryShuffleManager(string directory, long memoryBudget) : ShuffleManager(directory)
{
    private long _reserved;

    public override bool TryReserveMemory(long bytes)
    {
        while (true)
        {
            long current = Volatile.Read(ref _reserved);
            if (current + bytes > memoryBudget) return false;
            if (Interlocked.CompareExchange(ref _reserved, current + bytes, current) == current) return true;
        }
    }

    protected override void ReleaseMemory(long bytes) => Interlocked.Add(ref _reserved, -bytes);
}

/// <summary>Hadoop MapReduce's model: every map output is written to a file and read back by the reducers.</summary>
internal sealed class FileShuffleManager(string directory) : ShuffleManager(directory)
{
    public override bool TryReserveMemory(long bytes) => false;

    protected override void ReleaseMemory(long bytes)
    {
    }
}
