using Apache.Arrow;
using Apache.Arrow.Ipc;
using ParquetSharp;
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
    /// <exception cref="InvalidDataException">The file is damaged, lacks a column, or holds a null in a non-nullable one; the message names the file.</exception>
    public static IEnumerable<RecordBatch> Read(RowGroupSplit split, StructType schema, IReadOnlyList<int> columns)
    {
        using var file = ParquetFile.Open(split.Path);
        var fields = columns.Select(c => ParquetColumns.Resolve(file, schema, c)).ToArray();
        var names = fields.Select(f => file.ArrowSchema.GetFieldByIndex(f).Name).ToArray();
        var int96 = fields.Select(file.IsInt96).ToArray();
        var leaves = fields.SelectMany(file.LeafColumns).Distinct().Order().ToArray();
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
        using var stream = Open(file, split, leaves, DictionaryReads.Choose(file, split.RowGroups, fields));
        long firstRow = 0;
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
            try
            {
                normalized = ArrowArrayNormalizer.Normalize(batch, firstRow);
            }
            catch (Exception e) when (e is OverflowException or InvalidDataException)
            {
                throw new InvalidDataException($"The Parquet file '{split.Path}': {e.Message}", e);
            }
            for (int i = 0; i < fields.Length; i++)
            {
                var field = schema[columns[i]];
                if (!field.Nullable && normalized.Column(i).NullCount > 0)
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
            yield return new RecordBatch(readSchema, normalized.Arrays, normalized.Length);
        }
    }

    private static IArrowArrayStream Open(ParquetFile file, RowGroupSplit split, int[] leaves, int[] dictionaryLeaves)
    {
        try
        {
            return file.ReadBatches(split.RowGroups, leaves, dictionaryLeaves);
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
