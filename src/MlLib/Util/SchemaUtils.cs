using Rdd.Sql;
using Rdd.Sql.Types;

namespace Rdd.MlLib;

/// <summary>Column checks every stage makes before it runs anything (Spark's <c>SchemaUtils</c>), naming the column at fault.</summary>
internal static class SchemaUtils
{
    public static StructField Field(StructType schema, string column, string role = "column")
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        int index = schema.IndexOf(column);
        return index >= 0
            ? schema[index]
            : throw new ArgumentException($"The {role} '{column}' does not exist. Available columns: {string.Join(", ", schema.FieldNames)}.", column);
    }

    public static void CheckColumnType(StructType schema, string column, DataType expected)
    {
        var field = Field(schema, column);
        if (field.DataType != expected)
        {
            throw new ArgumentException($"Column '{column}' must be of type {expected.SimpleString} but was actually {field.DataType.SimpleString}.", column);
        }
    }

    public static void CheckNumericColumn(StructType schema, string column)
    {
        var field = Field(schema, column);
        if (field.DataType is not (ByteType or ShortType or IntegerType or LongType or FloatType or DoubleType))
        {
            throw new ArgumentException($"Column '{column}' must be of a numeric type but was actually {field.DataType.SimpleString}.", column);
        }
    }

    /// <summary>Refuses an output column that exists already, as Spark does.</summary>
    public static void CheckNewColumn(StructType schema, string column)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        if (schema.IndexOf(column) >= 0)
        {
            throw new ArgumentException($"Output column '{column}' already exists.", column);
        }
    }

    public static StructType Append(StructType schema, string column, DataType type, bool nullable = false) =>
        new([.. schema.Fields, new StructField(column, type, nullable)]);
}
