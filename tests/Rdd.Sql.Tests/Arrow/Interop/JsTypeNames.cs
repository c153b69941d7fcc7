using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>How apache-arrow (JavaScript) prints each supported type, e.g. <c>Timestamp&lt;MILLISECOND, UTC&gt;</c>.</summary>
internal static class JsTypeNames
{
    public static string Of(ArrowType type) => type switch
    {
        Int8Type => "Int8",
        Int16Type => "Int16",
        Int32Type => "Int32",
        Int64Type => "Int64",
        UInt8Type => "Uint8",
        UInt16Type => "Uint16",
        UInt32Type => "Uint32",
        UInt64Type => "Uint64",
        FloatType => "Float32",
        DoubleType => "Float64",
        BooleanType => "Bool",
        StringType => "Utf8",
        BinaryType => "Binary",
        Date32Type => "Date32<DAY>",
        TimestampType t => $"Timestamp<{t.Unit.ToString().ToUpperInvariant()}{(t.Timezone is null ? "" : ", " + t.Timezone)}>",
        DictionaryType => "Dictionary<Int32, Utf8>",
        ListType => "List<Float64>",
        FixedSizeListType f => $"FixedSizeList[{f.ListSize}]<Float64>",
        _ => throw new NotSupportedException(type.ToString()),
    };
}
