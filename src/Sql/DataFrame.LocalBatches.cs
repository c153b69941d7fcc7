using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql;

public sealed partial class DataFrame
{
    /// <summary>
    /// A scan of in-memory record batches built column by column from <paramref name="rows"/> (values in the .NET
    /// representation of each column's type), sliced into <paramref name="slices"/> batches by Spark's rule
    /// (slice <c>i</c> of <c>n</c> rows holds <c>[i*n/s, (i+1)*n/s)</c>).
    /// </summary>
    internal static Scan LocalScan(StructType schema, IReadOnlyList<object?[]> rows, int slices)
    {
        var arrowSchema = ArrowTypeMapping.ToArrowSchema(schema);
        slices = Math.Max(1, Math.Min(slices, rows.Count));
        var batches = new List<RecordBatch>(slices);
        for (int s = 0; s < slices; s++)
        {
            int start = (int)((long)s * rows.Count / slices);
            int end = (int)((long)(s + 1) * rows.Count / slices);
            var slice = new ArraySegment<object?[]>([.. rows.Skip(start).Take(end - start)]);
            batches.Add(new RecordBatch(arrowSchema, schema.Fields.Select((f, c) => BuildColumn(f.DataType, slice, c, f.Name, start)), slice.Count));
        }
        var source = new DataSource(DataSourceFormat.Batches, [], new Dictionary<string, string>(), schema, batches);
        return Scan.Create(source);
    }

    /// <summary>
    /// Rows (values in the .NET representation of each column's type) as record batches of at most
    /// <paramref name="batchRows"/> rows, built column by column as they stream in.
    /// </summary>
    internal static IEnumerable<RecordBatch> ToBatches(StructType schema, IEnumerable<object?[]> rows, int batchRows)
    {
        var arrowSchema = ArrowTypeMapping.ToArrowSchema(schema);
        var chunk = new List<object?[]>(batchRows);
        long firstRow = 0;
        foreach (var row in rows)
        {
            chunk.Add(row);
            if (chunk.Count == batchRows)
            {
                yield return new RecordBatch(arrowSchema, schema.Fields.Select((f, c) => BuildColumn(f.DataType, chunk, c, f.Name, firstRow)), chunk.Count);
                firstRow += chunk.Count;
                chunk.Clear();
            }
        }
        if (chunk.Count > 0)
        {
            yield return new RecordBatch(arrowSchema, schema.Fields.Select((f, c) => BuildColumn(f.DataType, chunk, c, f.Name, firstRow)), chunk.Count);
        }
    }

    /// <param name="type">The column's type.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="column">The column's index in each row.</param>
    /// <param name="name">The column's name, for messages.</param>
    /// <param name="firstRow">The number of the first row in the whole input, for messages.</param>
    internal static ArrowArray BuildColumn(DataType type, IReadOnlyList<object?[]> rows, int column, string name, long firstRow)
    {
        switch (type)
        {
            case DecimalType or ArrayType or StructType:
                return ValueColumns.Build(type, [.. rows.Select(r => r[column])], name, firstRow);
            case StringType:
            {
                using var builder = new StringArrayBuilder(rows.Count);
                foreach (var row in rows)
                {
                    builder.Append((string?)row[column]);
                }
                return builder.Build();
            }
            case BinaryType:
            {
                using var builder = new BinaryArrayBuilder(rows.Count);
                foreach (var row in rows)
                {
                    builder.Append((byte[]?)row[column]);
                }
                return builder.Build();
            }
            case BooleanType:
            {
                var bits = new byte[(rows.Count + 7) / 8];
                var validity = Validity(rows, column);
                for (int i = 0; i < rows.Count; i++)
                {
                    if (rows[i][column] is true)
                    {
                        bits[i >> 3] |= (byte)(1 << (i & 7));
                    }
                }
                return KernelArrays.Boolean(bits, validity, rows.Count);
            }
            case ByteType: return Fixed(type, rows, column, v => (sbyte)v);
            case ShortType: return Fixed(type, rows, column, v => (short)v);
            case IntegerType: return Fixed(type, rows, column, v => (int)v);
            case LongType: return Fixed(type, rows, column, v => (long)v);
            case FloatType: return Fixed(type, rows, column, v => (float)v);
            case DoubleType: return Fixed(type, rows, column, v => (double)v);
            case DateType: return Fixed(type, rows, column, v => ArrowTemporal.ToDays((DateOnly)v));
            case TimestampType: return Fixed(type, rows, column, v => ArrowTemporal.FromDateTime((DateTime)v, ArrowTypeMapping.TimestampUtc));
            case TimestampNtzType: return Fixed(type, rows, column, v => ArrowTemporal.FromDateTime((DateTime)v, ArrowTypeMapping.TimestampNaive));
            case UserDefinedType udt:
            {
                var values = new object?[rows.Count];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = rows[i][column];
                }
                return udt.Serialize(values);
            }
            default: throw new NotSupportedException($"No local columns of {type}.");
        }
    }

    private static ArrowArray Fixed<T>(DataType type, IReadOnlyList<object?[]> rows, int column, Func<object, T> convert) where T : unmanaged
    {
        var values = KernelArrays.AllocateValues<T>(rows.Count);
        var span = KernelArrays.AsSpan<T>(values);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i][column] is { } value)
            {
                span[i] = convert(value);
            }
        }
        return KernelArrays.Fixed(type, values, Validity(rows, column), rows.Count);
    }

    /// <summary>The validity bitmap of a column (bit set = not null), or null when no value is null.</summary>
    private static byte[]? Validity(IReadOnlyList<object?[]> rows, int column)
    {
        byte[]? validity = null;
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i][column] is null)
            {
                if (validity is null)
                {
                    validity = new byte[(rows.Count + 7) / 8];
                    for (int j = 0; j < i; j++)
                    {
                        validity[j >> 3] |= (byte)(1 << (j & 7));
                    }
                }
            }
            else if (validity is not null)
            {
                validity[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
        return validity;
    }
}
