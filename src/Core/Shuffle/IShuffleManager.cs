using Rdd.Core.Scheduling;

namespace Rdd.Core.Shuffle;

/// <summary>
/// Where map tasks put their output, bucketed by reduce partition, and where reduce tasks fetch it.
/// Two implementations back the two execution modes: in memory (Spark's model for data that fits) and
/// on disk (Hadoop MapReduce's model, every map output written to a file).
/// </summary>
internal interface IShuffleManager : IDisposable
{
    /// <summary>Stores map task <paramref name="mapId"/>'s records, one array per reduce partition.</summary>
    void WriteMapOutput<TKey, TValue>(int shuffleId, int mapId, (TKey, TValue)[][] buckets, TaskContext context);

    /// <summary>
    /// The records destined to <paramref name="reduceId"/>, one chunk per map task, in map order. Throws
    /// <see cref="FetchFailedException"/> when a map output is missing.
    /// </summary>
    IEnumerable<(TKey, TValue)[]> ReadReducePartition<TKey, TValue>(int shuffleId, int reduceId, int numMaps, TaskContext context);

    /// <summary>The map tasks whose output is not available.</summary>
    IReadOnlyList<int> MissingMapOutputs(int shuffleId, int numMaps);

    /// <summary>Deletes every output of a shuffle that no Rdd can read any more. Called from a finalizer: must be thread-safe and must not throw.</summary>
    void RemoveShuffle(int shuffleId);

    /// <summary>Forgets one map output, as if the machine holding it had been lost (fault injection, tests).</summary>
    bool RemoveMapOutput(int shuffleId, int mapId);
}
