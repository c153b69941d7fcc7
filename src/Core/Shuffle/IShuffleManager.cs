namespace Rdd.Core.Shuffle;

/// <summary>
/// Keeps track of map outputs and serves them to reduce tasks. Two implementations back the two
/// execution modes: <see cref="InMemoryShuffleManager"/> keeps outputs in memory while they fit a budget
/// (Spark's model for data that fits) and <see cref="FileShuffleManager"/> writes every output to a file
/// (Hadoop MapReduce's model). Both spill to files when a map task's buffer fills up.
/// </summary>
internal interface IShuffleManager : IDisposable
{
    /// <summary>
    /// Asks to keep an output of <paramref name="bytes"/> in memory; true reserves the room, which is given
    /// back when the output is removed. False means: write it to <see cref="NewDataFilePath"/>.
    /// </summary>
    bool TryReserveMemory(long bytes);

    /// <summary>A fresh path for the data file of one map task attempt.</summary>
    string NewDataFilePath(int shuffleId, int mapId, int attempt);

    /// <summary>Makes map task <paramref name="mapId"/>'s output visible to reducers (replacing an older one).</summary>
    void RegisterMapOutput(int shuffleId, int mapId, MapOutput output);

    /// <summary>
    /// The records destined to <paramref name="reduceId"/>, map output after map output. Throws
    /// <see cref="FetchFailedException"/> when an output is missing or its file was lost.
    /// </summary>
    IEnumerable<(TKey, TValue)> ReadReducePartition<TKey, TValue>(int shuffleId, int reduceId, int numMaps, Scheduling.TaskContext context);

    /// <summary>The map tasks whose output is not available (never written, removed, or its file deleted).</summary>
    IReadOnlyList<int> MissingMapOutputs(int shuffleId, int numMaps);

    /// <summary>Deletes every output of a shuffle. Called from a finalizer too: thread-safe, never throws.</summary>
    void RemoveShuffle(int shuffleId);

    /// <summary>Forgets one map output and deletes its file, as if the machine holding it had been lost (fault injection, tests).</summary>
    bool RemoveMapOutput(int shuffleId, int mapId);
}
