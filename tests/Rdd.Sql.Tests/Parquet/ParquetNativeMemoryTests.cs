using System.Runtime.CompilerServices;
using Apache.Arrow;
using Rdd.Sql.IO.ParquetFiles;
using Rdd.Sql.Tests.DataFrames;
using Rdd.Sql.Tests.TestSupport;

namespace Rdd.Sql.Tests.Parquet;

[CollectionDefinition(nameof(ParquetNativeMemoryTests), DisableParallelization = true)]
public sealed class ParquetNativeMemoryCollection;

/// <summary>
/// Parquet batches are views of the memory Arrow C++ decoded them into, not managed copies; that memory goes back
/// to Arrow's pool once the GC has collected the batches. The pool's byte count is process-wide, so the class runs
/// alone (no other test reads Parquet meanwhile).
/// </summary>
[Collection(nameof(ParquetNativeMemoryTests))]
public sealed class ParquetNativeMemoryTests : DataFrameTestBase
{
    private const int RowCount = 400_000;

    [Fact]
    public void Native_batches_are_released_once_collected()
    {
        using var duck = new DuckDb();
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "longs.parquet");
        duck.Execute($"COPY (SELECT i::BIGINT AS v, (i * 3)::BIGINT AS w FROM range(0, {RowCount}) t(i)) TO {DuckDb.Literal(file)} (FORMAT parquet)");
        var pool = ParquetSharp.MemoryPool.GetDefaultMemoryPool();
        Collect();
        long before = pool.BytesAllocated;

        var (held, sum, weak) = ReadAll(file);

        // Both bigint columns of every row are held in Arrow's pool, not copied out of it.
        Assert.True(held - before >= 2L * RowCount * sizeof(long), $"Arrow's pool grew by {held - before} bytes while the batches were held.");
        Assert.Equal((long)RowCount * (RowCount - 1) / 2 * 4, sum);
        Collect();
        Assert.False(weak.TryGetTarget(out _), "The batch is still reachable.");
        long after = pool.BytesAllocated;
        Assert.True(after - before < RowCount, $"Arrow's pool still holds {after - before} bytes after the batches were collected (it held {held - before}).");
    }

    /// <summary>Reads every batch, sums v + w, and returns the pool's size while all batches were held.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (long Held, long Sum, WeakReference<RecordBatch> Weak) ReadAll(string file)
    {
        var schema = Sql.Read.Parquet(file).Schema;
        int rowGroups;
        using (var parquet = ParquetFile.Open(file))
        {
            rowGroups = parquet.RowGroupCount;
        }
        var batches = ParquetSplitReader.Read(new RowGroupSplit(file, [.. Enumerable.Range(0, rowGroups)], 0, 0), schema, [0, 1]).ToList();
        long held = ParquetSharp.MemoryPool.GetDefaultMemoryPool().BytesAllocated;
        long sum = 0;
        foreach (var batch in batches)
        {
            foreach (var column in batch.Arrays)
            {
                foreach (long value in ((Int64Array)column).Values)
                {
                    sum += value;
                }
            }
        }
        return (held, sum, new WeakReference<RecordBatch>(batches[0]));
    }

    private static void Collect()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
