namespace Rdd.Core.Shuffle;

/// <summary>
/// A reduce task found a map output missing (deleted, lost or never written). The scheduler reruns the
/// map tasks that produce it and then retries the reduce task; it is not counted as a task failure.
/// </summary>
internal sealed class FetchFailedException(int shuffleId, int mapId, string reason)
    : Exception($"Shuffle {shuffleId}: output of map task {mapId} is not available ({reason}).")
{
    public int ShuffleId { get; } = shuffleId;
    public int MapId { get; } = mapId;
}
