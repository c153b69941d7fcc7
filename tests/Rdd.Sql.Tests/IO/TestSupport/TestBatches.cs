using Rdd.Sql.Arrow;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.IO;

/// <summary>Builds record batches from rows of .NET values with the Arrow layer's own builders (independent of the IO column builders).</summary>
internal static class TestBatches
{
    public static RecordBatch Create(StructType schema, params object?[][] rows)
    {
        var columns = new ArrowArray[schema.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            var values = rows.Select(r => r[c]).ToList();
            columns[c] = schema[c].DataType switch
            {
                ByteType => Build(new PrimitiveArray<sbyte>.Builder(), values, (b, v) => b.Append((sbyte)v)),
                ShortType => Build(new PrimitiveArray<short>.Builder(), values, (b, v) => b.Append((short)v)),
                IntegerType => Build(new PrimitiveArray<int>.Builder(), values, (b, v) => b.Append((int)v)),
                LongType => Build(new PrimitiveArray<long>.Builder(), values, (b, v) => b.Append((long)v)),
                FloatType => Build(new PrimitiveArray<float>.Builder(), values, (b, v) => b.Append((float)v)),
                DoubleType => Build(new PrimitiveArray<double>.Builder(), values, (b, v) => b.Append((double)v)),
                BooleanType => BuildBooleans(values),
                StringType => BuildStrings(values),
                BinaryType => BuildBinary(values),
                DateType => Build(new Date32Array.Builder(), values, (b, v) => b.Append((DateOnly)v)),
                Rdd.Sql.Types.TimestampType => Build(new TimestampArray.Builder(ArrowTypeMapping.TimestampUtc), values, (b, v) => b.Append((DateTime)v)),
                TimestampNtzType => Build(new TimestampArray.Builder(ArrowTypeMapping.TimestampNaive), values, (b, v) => b.Append((DateTime)v)),
                var other => throw new NotSupportedException(other.SimpleString),
            };
        }
        return new RecordBatch(ArrowTypeMapping.ToArrowSchema(schema), columns, rows.Length);
    }

    private static ArrowArray Build<T, TArray, TBuilder>(PrimitiveArrayBuilder<T, TArray, TBuilder> builder, List<object?> values, Action<TBuilder, object> append)
        where T : unmanaged
        where TArray : PrimitiveArray<T>
        where TBuilder : PrimitiveArrayBuilder<T, TArray, TBuilder>
    {
        foreach (var value in values)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                append((TBuilder)builder, value);
            }
        }
        return builder.Build();
    }

    private static BooleanArray BuildBooleans(List<object?> values)
    {
        var builder = new BooleanArray.Builder();
        values.ForEach(v => builder.Append((bool?)v));
        return builder.Build();
    }

    private static StringArray BuildStrings(List<object?> values)
    {
        var builder = new StringArray.Builder();
        values.ForEach(v => builder.Append((string?)v));
        return builder.Build();
    }

    private static BinaryArray BuildBinary(List<object?> values)
    {
        var builder = new BinaryArray.Builder();
        values.ForEach(v => builder.Append((byte[]?)v));
        return builder.Build();
    }
}
