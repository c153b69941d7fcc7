using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.IO;

/// <summary>Builds record batches from rows of .NET values with test builders (independent of the IO column builders).</summary>
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
                ByteType => Build(new TestArrayBuilder<sbyte>(), values, v => (sbyte)v),
                ShortType => Build(new TestArrayBuilder<short>(), values, v => (short)v),
                IntegerType => Build(new TestArrayBuilder<int>(), values, v => (int)v),
                LongType => Build(new TestArrayBuilder<long>(), values, v => (long)v),
                FloatType => Build(new TestArrayBuilder<float>(), values, v => (float)v),
                DoubleType => Build(new TestArrayBuilder<double>(), values, v => (double)v),
                BooleanType => BuildBooleans(values),
                StringType => BuildStrings(values),
                BinaryType => BuildBinary(values),
                DateType => TestTemporalArrays.Dates([.. values.Select(v => (DateOnly?)v)]),
                Rdd.Sql.Types.TimestampType => TestTemporalArrays.Timestamps(ArrowTypeMapping.TimestampUtc, [.. values.Select(v => (DateTime?)v)]),
                TimestampNtzType => TestTemporalArrays.Timestamps(ArrowTypeMapping.TimestampNaive, [.. values.Select(v => (DateTime?)v)]),
                var other => throw new NotSupportedException(other.SimpleString),
            };
        }
        return new RecordBatch(ArrowTypeMapping.ToArrowSchema(schema), columns, rows.Length);
    }

    private static ArrowArray Build<T>(TestArrayBuilder<T> builder, List<object?> values, Func<object, T> convert)
        where T : unmanaged, IEquatable<T>
    {
        foreach (var value in values)
        {
            builder.Append(value is null ? null : convert(value));
        }
        return builder.Build();
    }

    private static BooleanArray BuildBooleans(List<object?> values)
    {
        var builder = new BooleanArrayBuilder();
        values.ForEach(v => builder.Append((bool?)v));
        return builder.Build();
    }

    private static StringArray BuildStrings(List<object?> values)
    {
        var builder = new StringArrayBuilder();
        values.ForEach(v => builder.Append((string?)v));
        return builder.Build();
    }

    private static BinaryArray BuildBinary(List<object?> values)
    {
        var builder = new BinaryArrayBuilder();
        values.ForEach(v => builder.Append((byte[]?)v));
        return builder.Build();
    }
}
