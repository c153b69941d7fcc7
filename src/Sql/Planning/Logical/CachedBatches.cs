using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.IO.ArrowFiles;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// The data of a cached frame, as Spark keeps it (CachedRDDBuilder): the cached query's record batches as an Rdd
/// persisted at <see cref="StorageLevel.MemoryAndDisk"/> in the context's block store, each in a
/// <see cref="StoredBatch"/> (which tells the store its size and gives it its Arrow IPC form on disk). The first query that
/// reads it computes and stores its partitions; later ones read the blocks. Like any persisted Rdd, the blocks are
/// bounded by <see cref="RddConfig.StorageMemoryBytes"/> (the least recently used move to disk, as Arrow IPC)
/// and a lost block is recomputed from the cached query's lineage. Thread-safe.
/// </summary>
/// <param name="build">Builds the Rdd of the cached query's batches (the caller's code: this layer knows no execution).</param>
internal sealed class CachedBatches(Func<Rdd<RecordBatch>> build)
{
    private readonly Lock _lock = new();
    private Rdd<StoredBatch>? _rdd;
    private long[]? _rowCounts;

    /// <summary>The persisted Rdd of the cached batches (built, not computed, on first use).</summary>
    public Rdd<StoredBatch> Rdd
    {
        get
        {
            if (Volatile.Read(ref _rdd) is { } rdd) return rdd;
            lock (_lock)
            {
                if (_rdd is null)
                {
                    var built = build();
                    var counts = new long[built.NumPartitions];
                    counts.AsSpan().Fill(-1);
                    _rowCounts = counts;
                    // Each partition records its row count as it is computed (the planner's broadcast decision reads them).
                    _rdd = built.MapPartitionsWithIndex((partition, batches) => Count(partition, batches, counts).Select(static b => new StoredBatch(b)))
                        .Persist(StorageLevel.MemoryAndDisk);
                }
                return _rdd;
            }
        }
    }

    /// <summary>Whether every partition has been computed at least once.</summary>
    public bool IsMaterialized => Volatile.Read(ref _rowCounts) is { } counts && System.Array.TrueForAll(counts, c => c >= 0);

    /// <summary>The number of rows, or null before every partition has been computed.</summary>
    public long? RowCount => IsMaterialized ? _rowCounts!.Sum() : null;

    private static IEnumerable<RecordBatch> Count(int partition, IEnumerable<RecordBatch> batches, long[] counts)
    {
        long rows = 0;
        foreach (var batch in batches)
        {
            rows += batch.Length;
            yield return batch;
        }
        Volatile.Write(ref counts[partition], rows);
    }
}
