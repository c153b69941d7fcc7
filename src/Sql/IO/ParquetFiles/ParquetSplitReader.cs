using Apache.Arrow;
using Apache.Arrow.Ipc;
using ParquetSharp;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// Reads the row groups of a <see cref="RowGroupSplit"/>: only the leaf columns of the columns asked for (column
/// pruning happens in the decoder), batch by batch. INT96 timestamps are marked UTC, and the arrays are brought to their SQL type's
/// canonical layout (<see cref="ArrowArrayNormalizer"/>: unsigned integers, millisecond and nanosecond timestamps,
/// dictionaries ...). A column the scan's schema says is not nullable must hold no null in this file either, and
/// user-defined-type columns (vectors) must hold valid values.
/// </summary>
/// <remarks>
/// The batches are not copied out of the native memory Arrow C++ decoded them into. The engine shares batches by
/// reference (operators, the block store, slices) and never disposes them, so their lifetime is the GC's: each
/// buffer Apache.Arrow imports through the C data interface is a <c>NativeMemoryManager</c> with a finalizer
/// that drops its reference to the exported batch, the batch is released when its last buffer is collected, and
/// the buffers' bytes are reported to the GC as memory pressure meanwhile. Copying every buffer into fresh pinned
/// managed memory cost ~13% of the CPU of a TPC-H SF 1 run (memcpy plus page faults on the new memory, which the
/// POH only frees in gen2 collections); views cost nothing. Arrow C++ allocates 64-byte aligned buffers, as
/// <see cref="Execution.Memory.AlignedMemoryPool"/> does. Kernels read buffers through spans while they hold the
/// array (or the batch), which keeps its buffers reachable.
/// </remarks>
internal static class ParquetSplitReader
{
    /// <param name="split">The file and row groups.</param>
    /// <param name="schema">The scan's schema.</param>
    /// <param name="columns">Schema indices to read, in the order of the returned batches' columns.</param>
    /// <param name="filter">
    /// Conjuncts of the Filter above the scan (bound to <paramref name="columns"/>) to apply to the columns read as
    /// dictionaries before they are decoded: rows they reject are dropped, and the rest of the condition is left
    /// to the Filter. Null: every row is returned.
    /// </param>
    /// <exception cref="InvalidDataException">The file is damaged, lacks a column, or holds a null in a non-nullable one; the message names the file.</exception>
    public static IEnumerable<RecordBatch> Read(RowGroupSplit split, StructType schema, IReadOnlyList<int> columns, DictionaryFilter? filter = null)
    {
        var layout = SplitLayout.Of(split, schema, columns);
        var (fields, names, int96) = (layout.Fields, layout.Names, layout.Int96);
        var readSchema = ArrowTypeMapping.ToArrowSchema(new StructType(columns.Select(c => schema[c])));
        if (fields.Length == 0)
        {
            // No column is needed (a count): the row counts of the row groups say it all.
            foreach (var batch in EmptyBatches(split.Rows, readSchema))
            {
                yield return batch;
            }
            yield break;
        }
        using var stream = Open(split, layout);
        long firstRow = 0;
        int kept = 0;
        while (Next(stream, split.Path) is { } native)
        {
            // Not disposed: the arrays are views of its native buffers, released by the GC (see the remarks).
            var arrays = new IArrowArray[fields.Length];
            var arrowFields = new Field[fields.Length];
            for (int i = 0; i < fields.Length; i++)
            {
                int index = native.Schema.GetFieldIndex(names[i]);
                var array = native.Column(index);
                var field = native.Schema.GetFieldByIndex(index);
                if (int96[i])
                {
                    array = AsUtc(array);
                    field = new Field(field.Name, array.Data.DataType, field.IsNullable);
                }
                arrays[i] = array;
                arrowFields[i] = field;
            }
            var batch = new RecordBatch(new Schema(arrowFields, null), arrays, native.Length);
            RecordBatch normalized;
            int[]? selection = null;
            try
            {
                selection = filter?.Select(arrays, batch.Length, names, firstRow, out kept);
                normalized = selection is null ? ArrowArrayNormalizer.Normalize(batch, firstRow) : NormalizeRows(batch, selection.AsSpan(0, kept), names, firstRow);
            }
            catch (Exception e) when (e is OverflowException or InvalidDataException)
            {
                throw new InvalidDataException($"The Parquet file '{split.Path}': {e.Message}", e);
            }
            finally
            {
                if (selection is not null)
                {
                    System.Buffers.ArrayPool<int>.Shared.Return(selection);
                }
            }
            for (int i = 0; i < fields.Length; i++)
            {
                var field = schema[columns[i]];
                // A null in a row the dictionary filter dropped fails the read as before.
                if (!field.Nullable && (normalized.Column(i).NullCount > 0 || (selection is not null && arrays[i].NullCount > 0)))
                {
                    throw new InvalidDataException(
                        $"Column '{field.Name}' of the Parquet file '{split.Path}' holds nulls, but the schema of the read (the first file's) says it is required.");
                }
                if (field.DataType is UserDefinedType udt)
                {
                    // Another writer may have produced the struct: a bad value (a sparse vector's index ...) fails here.
                    try
                    {
                        udt.Validate((StructArray)normalized.Column(i));
                    }
                    catch (InvalidDataException e)
                    {
                        throw new InvalidDataException($"The Parquet file '{split.Path}', column '{field.Name}': {e.Message}", e);
                    }
                }
            }
            firstRow += batch.Length;
            if (normalized.Length > 0 || selection is null)
            {
                yield return new RecordBatch(readSchema, normalized.Arrays, normalized.Length);
            }
        }
    }

    /// <summary>
    /// Rows <paramref name="rows"/> of a batch as read, normalized: dictionary columns expand only those rows' values
    /// (keeping their codes), other columns are normalized and gathered.
    /// </summary>
    private static RecordBatch NormalizeRows(RecordBatch batch, ReadOnlySpan<int> rows, string[] names, long firstRow)
    {
        var columns = new IArrowArray[batch.ColumnCount];
        for (int c = 0; c < columns.Length; c++)
        {
            var array = batch.Column(c);
            columns[c] = array is DictionaryArray dictionary
                ? ArrowArrayNormalizer.Decode(dictionary, rows, names[c], firstRow)
                : TakeKernel.Take((ArrowArray)ArrowArrayNormalizer.Normalize(array, names[c], firstRow), rows);
        }
        return new RecordBatch(batch.Schema, columns, rows.Length);
    }

    private static IArrowArrayStream Open(RowGroupSplit split, SplitLayout layout)
    {
        try
        {
            return ParquetFile.ReadBatches(split.Path, split.RowGroups, layout.Leaves, layout.DictionaryLeaves);
        }
        catch (ParquetException e)
        {
            throw ParquetFile.Damaged(split.Path, e);
        }
    }

    private static RecordBatch? Next(IArrowArrayStream stream, string path)
    {
        try
        {
            // The C data interface stream completes synchronously.
            return stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            throw ParquetFile.Damaged(path, e);
        }
    }

    /// <summary>INT96 values read as naive microseconds are UTC instants: the same buffers, typed <c>timestamp[us, tz=UTC]</c>.</summary>
    private static IArrowArray AsUtc(IArrowArray array)
    {
        var data = array.Data;
        return ArrowArrayFactory.BuildArray(new ArrayData(ArrowTypeMapping.TimestampUtc, data.Length, data.NullCount, data.Offset, data.Buffers, data.Children, data.Dictionary));
    }

    private static IEnumerable<RecordBatch> EmptyBatches(long rows, Schema schema)
    {
        for (long done = 0; done < rows; done += ParquetFile.BatchRows)
        {
            yield return new RecordBatch(schema, [], (int)Math.Min(ParquetFile.BatchRows, rows - done));
        }
    }
}
