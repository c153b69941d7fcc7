using Rdd.Sql.Arrow;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// The data of a cached frame: its record batches, partition by partition, computed by the first query that needs
/// them and kept from then on (Spark's CachedRDDBuilder). Thread-safe: concurrent first uses compute once. A failed
/// computation is not remembered, so the next query tries again instead of failing forever.
/// </summary>
/// <param name="compute">Runs the cached query (the caller's code: this layer knows no execution).</param>
internal sealed class CachedBatches(Func<IReadOnlyList<IReadOnlyList<RecordBatch>>> compute)
{
    private readonly Lock _lock = new();
    private IReadOnlyList<IReadOnlyList<RecordBatch>>? _partitions;

    /// <summary>Whether a query has computed the batches yet.</summary>
    public bool IsMaterialized => Volatile.Read(ref _partitions) is not null;

    /// <summary>The batches of each partition, computed now if no query has yet.</summary>
    public IReadOnlyList<IReadOnlyList<RecordBatch>> Partitions
    {
        get
        {
            if (Volatile.Read(ref _partitions) is { } partitions) return partitions;
            lock (_lock)
            {
                return _partitions ??= compute();
            }
        }
    }

    /// <summary>The number of rows, or null before the batches are computed.</summary>
    public long? RowCount => Volatile.Read(ref _partitions) is { } partitions ? partitions.Sum(p => p.Sum(b => (long)b.Length)) : null;
}
