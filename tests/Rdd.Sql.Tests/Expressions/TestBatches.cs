using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Expressions;

/// <summary>Small record batches built with the Arrow builders, and evaluation of columns over them.</summary>
internal static class TestBatches
{
    public static RecordBatch Make(params (string Name, ArrowArray Array)[] columns)
    {
        var schema = new Schema(columns.Select(c => new Field(c.Name, c.Array.Data.DataType, nullable: true)), null);
        return new RecordBatch(schema, columns.Select(c => c.Array), columns.Length == 0 ? 0 : columns[0].Array.Length);
    }

    public static StructType SchemaOf(RecordBatch batch) => ArrowTypeMapping.ToStructType(batch.Schema);

    public static PrimitiveArray<int> Ints(params int?[] values)
    {
        var builder = new TestArrayBuilder<int>();
        foreach (var v in values)
        {
            builder.Append(v);
        }
        return builder.Build();
    }

    public static PrimitiveArray<long> Longs(params long?[] values)
    {
        var builder = new TestArrayBuilder<long>();
        foreach (var v in values)
        {
            builder.Append(v);
        }
        return builder.Build();
    }

    public static PrimitiveArray<double> Doubles(params double?[] values)
    {
        var builder = new TestArrayBuilder<double>();
        foreach (var v in values)
        {
            builder.Append(v);
        }
        return builder.Build();
    }

    public static BooleanArray Bools(params bool?[] values)
    {
        var builder = new BooleanArrayBuilder();
        foreach (var v in values)
        {
            builder.Append(v);
        }
        return builder.Build();
    }

    public static StringArray Strings(params string?[] values)
    {
        var builder = new StringArrayBuilder();
        foreach (var v in values)
        {
            builder.Append(v);
        }
        return builder.Build();
    }

    public static Date32Array Dates(params DateOnly?[] values) => (Date32Array)TestTemporalArrays.Dates(values);

    /// <summary>Binds <paramref name="column"/> to the batch's schema and evaluates it.</summary>
    public static ArrowArray EvaluateArray(Column column, RecordBatch batch)
    {
        var bound = column.Expression.Bind(SchemaOf(batch));
        var result = bound.Evaluate(batch);
        Assert.Equal(batch.Length, result.Length);
        Assert.Equal(ArrowTypeMapping.ToArrowType(bound.DataType), result.Data.DataType);
        return result;
    }

    public static object?[] Evaluate(Column column, RecordBatch batch) => ArrayValues.ToList(EvaluateArray(column, batch));

    public static DataType TypeOf(Column column, RecordBatch batch) => column.Expression.Bind(SchemaOf(batch)).DataType;
}
