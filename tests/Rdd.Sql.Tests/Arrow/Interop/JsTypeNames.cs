using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// How apache-arrow (JavaScript) prints the Arrow types Rdd writes (<c>Timestamp&lt;MICROSECOND, UTC&gt;</c>), and
/// the SQL type each type it writes reads as in Rdd.
/// </summary>
internal static class JsTypeNames
{
    public static string Of(ArrowTypes.IArrowType type) => type switch
    {
        ArrowTypes.Int8Type => "Int8",
        ArrowTypes.Int16Type => "Int16",
        ArrowTypes.Int32Type => "Int32",
        ArrowTypes.Int64Type => "Int64",
        ArrowTypes.FloatType => "Float32",
        ArrowTypes.DoubleType => "Float64",
        ArrowTypes.BooleanType => "Bool",
        ArrowTypes.StringType => "Utf8",
        ArrowTypes.BinaryType => "Binary",
        ArrowTypes.Date32Type => "Date32<DAY>",
        ArrowTypes.TimestampType t => $"Timestamp<{t.Unit.ToString().ToUpperInvariant()}{(string.IsNullOrEmpty(t.Timezone) ? "" : ", " + t.Timezone)}>",
        _ => throw new NotSupportedException(ArrowTypeMapping.Describe(type)),
    };

    /// <summary>The SQL type of a column apache-arrow wrote as <paramref name="jsType"/>.</summary>
    public static DataType SqlType(string jsType) => jsType switch
    {
        "Int8" => DataTypes.Byte,
        "Int16" or "Uint8" => DataTypes.Short,
        "Int32" or "Uint16" => DataTypes.Integer,
        "Int64" or "Uint32" or "Uint64" => DataTypes.Long,
        "Float16" or "Float32" => DataTypes.Float,
        "Float64" => DataTypes.Double,
        "Bool" => DataTypes.Boolean,
        "Utf8" or "LargeUtf8" => DataTypes.String,
        "Binary" or "LargeBinary" => DataTypes.Binary,
        "Date32<DAY>" or "Date64<MILLISECOND>" => DataTypes.Date,
        _ when jsType.StartsWith("Dictionary<", StringComparison.Ordinal) => DataTypes.String,
        _ when jsType.StartsWith("Timestamp<", StringComparison.Ordinal) => jsType.Contains(',') ? DataTypes.Timestamp : DataTypes.TimestampNtz,
        _ => throw new NotSupportedException(jsType),
    };
}
