using Apache.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// Writes one part file with Apache Arrow's C++ Parquet writer, in Spark's mapping: byte and short as INT32 with
/// INT(8|16) annotations, int INT32, bigint INT64, float, double, boolean, string as BYTE_ARRAY (STRING), binary
/// BYTE_ARRAY, date INT32 (DATE), timestamp INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true) and timestamp_ntz
/// TIMESTAMP(MICROS, isAdjustedToUTC=false); non-nullable columns are <c>required</c>, the others <c>optional</c>.
/// A user-defined type (MlLib's vector) is written as its struct storage, which is Spark's own layout for vectors
/// (<c>struct&lt;type: tinyint, size: int, indices: array&lt;int&gt;, values: array&lt;double&gt;&gt;</c>); the Arrow
/// schema stored in the footer keeps its extension name, so this reader reads it back as the type.
/// Batches are buffered into row groups of about <see cref="ParquetWriteOptions.BlockSize"/> bytes of column
/// data (Spark's <c>parquet.block.size</c>, 128 MiB), each with min/max/null-count statistics per column, which
/// readers use to skip row groups.
/// </summary>
internal static class ParquetPartWriter
{

    public static void Write(Stream stream, Schema schema, IEnumerable<RecordBatch> batches, ParquetWriteOptions options)
    {
        using var builder = new WriterPropertiesBuilder();
        // created_by stays the C++ writer's own ("parquet-cpp-arrow version …"): readers decide from it whether to trust statistics.
        builder.Compression(options.Compression.Codec)
            // Row group boundaries come from BlockSize below; this only caps the rows a group may hold.
            .MaxRowGroupLength(long.MaxValue / 2);
        using var properties = builder.Build();
        using var arrowBuilder = new ArrowWriterPropertiesBuilder();
        // The Arrow schema goes into the footer (ARROW:schema) with each field's metadata, which is how a vector
        // column's extension name comes back on reading; other readers see the plain struct.
        arrowBuilder.StoreSchema();
        using var arrowProperties = arrowBuilder.Build();
        using var writer = new FileWriter(stream, schema, properties, arrowProperties, leaveOpen: true);
        long buffered = 0;
        foreach (var batch in batches)
        {
            if (batch.Length == 0)
            {
                continue;
            }
            if (buffered >= options.BlockSize)
            {
                // Started only when another batch comes, so that the file never ends with an empty row group.
                writer.NewBufferedRowGroup();
                buffered = 0;
            }
            writer.WriteBufferedRecordBatch(new RecordBatch(schema, batch.Arrays, batch.Length));
            buffered += Bytes(batch);
        }
        writer.Close();
    }

    /// <summary>The bytes of column data a batch holds: its buffers, the measure of a row group's size.</summary>
    private static long Bytes(RecordBatch batch)
    {
        long bytes = 0;
        foreach (var array in batch.Arrays)
        {
            bytes += Bytes(array.Data);
        }
        return bytes;
    }

    private static long Bytes(ArrayData data)
    {
        long bytes = 0;
        foreach (var buffer in data.Buffers)
        {
            bytes += buffer.Length;
        }
        foreach (var child in data.Children ?? [])
        {
            bytes += Bytes(child);
        }
        return bytes;
    }
}
