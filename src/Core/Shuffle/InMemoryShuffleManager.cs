using System.Collections.Concurrent;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Shuffle;

/// <summary>Keeps map outputs as arrays in memory: no serialization, no copy between map and reduce.</summary>
internal sealed class InMemoryShuffleManager : IShuffleManager
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<int, Array[]>> _shuffles = new();

    public void WriteMapOutput<TKey, TValue>(int shuffleId, int mapId, (TKey, TValue)[][] buckets, TaskContext context)
    {
        long records = 0;
        foreach (var bucket in buckets) records += bucket.Length;
        context.Metrics.ShuffleRecordsWritten += records;
        _shuffles.GetOrAdd(shuffleId, static _ => new())[mapId] = buckets;
    }

    public IEnumerable<(TKey, TValue)[]> ReadReducePartition<TKey, TValue>(int shuffleId, int reduceId, int numMaps, TaskContext context)
    {
        var chunks = new (TKey, TValue)[numMaps][];
        long records = 0;
        _shuffles.TryGetValue(shuffleId, out var outputs);
        for (int map = 0; map < numMaps; map++)
        {
            if (outputs is null || !outputs.TryGetValue(map, out var buckets))
                throw new FetchFailedException(shuffleId, map, "no output registered");
            chunks[map] = (ValueTuple<TKey, TValue>[])buckets[reduceId];
            records += chunks[map].Length;
        }
        context.Metrics.ShuffleRecordsRead += records;
        return chunks;
    }

    public IReadOnlyList<int> MissingMapOutputs(int shuffleId, int numMaps)
    {
        if (!_shuffles.TryGetValue(shuffleId, out var outputs)) return Enumerable.Range(0, numMaps).ToArray();
        List<int>? missing = null;
        for (int map = 0; map < numMaps; map++)
            if (!outputs.ContainsKey(map)) (missing ??= []).Add(map);
        return missing ?? (IReadOnlyList<int>)[];
    }

    public void RemoveShuffle(int shuffleId) => _shuffles.TryRemove(shuffleId, out _);

    public bool RemoveMapOutput(int shuffleId, int mapId) =>
        _shuffles.TryGetValue(shuffleId, out var outputs) && outputs.TryRemove(mapId, out _);

    public void Dispose() => _shuffles.Clear();
}
