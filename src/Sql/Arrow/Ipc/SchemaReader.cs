using Rdd.Sql.Arrow.FlatBuffers;
using Rdd.Sql.Arrow.Ipc.Metadata;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Reads a Schema.fbs <c>Schema</c> table into <see cref="IpcField"/>s. Every type the format defines is
/// recognised, so an unsupported one is reported by its Arrow name (and stepped over when not selected)
/// instead of being misread.
/// </summary>
internal static class SchemaReader
{
    public static (IpcField[] Fields, Dictionary<string, string>? Metadata) Read(FlatBufferTable schema, MetadataVersion version)
    {
        if (schema.GetInt16(SchemaSlots.Endianness) != 0)
        {
            throw new NotSupportedException("The Arrow data is big-endian; Rdd.Sql reads little-endian Arrow only.");
        }
        int count = schema.GetVectorLength(SchemaSlots.Fields);
        var fields = new IpcField[count];
        for (int i = 0; i < count; i++)
        {
            fields[i] = ReadTopLevel(schema.GetVectorTable(SchemaSlots.Fields, i), version);
        }
        return (fields, KeyValueMetadata.Read(schema, SchemaSlots.CustomMetadata));
    }

    private static IpcField ReadTopLevel(FlatBufferTable table, MetadataVersion version)
    {
        string name = table.GetString(FieldSlots.Name) ?? "";
        var field = ReadField(table, out string typeName);
        var dictionary = table.GetTable(FieldSlots.Dictionary);
        long? dictionaryId = dictionary?.GetInt64(DictionaryEncodingSlots.Id);
        var (nodes, buffers, canSkip) = CountLayout(table, version);
        return new IpcField(name, typeName, field, dictionaryId, nodes, buffers, canSkip);
    }

    /// <summary>The field when its type is supported (null otherwise) and the type's Arrow name.</summary>
    private static Field? ReadField(FlatBufferTable table, out string typeName)
    {
        string name = table.GetString(FieldSlots.Name) ?? "";
        bool nullable = table.GetBool(FieldSlots.Nullable);
        var metadata = KeyValueMetadata.Read(table, FieldSlots.CustomMetadata);
        var (tag, typeTable) = table.GetUnion(FieldSlots.TypeType);
        var type = (FlatbufType)tag;
        int childCount = table.GetVectorLength(FieldSlots.Children);
        var children = new (Field? Field, string TypeName, string Name)[childCount];
        for (int i = 0; i < childCount; i++)
        {
            var child = table.GetVectorTable(FieldSlots.Children, i);
            children[i] = (ReadField(child, out string childType), childType, child.GetString(FieldSlots.Name) ?? "");
        }

        var valueType = ToArrowType(type, typeTable, children, out typeName);
        var dictionary = table.GetTable(FieldSlots.Dictionary);
        if (dictionary is { } encoding)
        {
            var indexTable = encoding.GetTable(DictionaryEncodingSlots.IndexType);
            // An absent index type means signed int32, per Schema.fbs.
            int indexBits = indexTable?.GetInt32(TypeSlots.IntBitWidth) ?? 32;
            bool indexSigned = indexTable?.GetBool(TypeSlots.IntIsSigned) ?? true;
            string indexName = $"{(indexSigned ? "int" : "uint")}{indexBits}";
            bool ordered = encoding.GetBool(DictionaryEncodingSlots.IsOrdered);
            typeName = $"dictionary<values={typeName}, indices={indexName}{(ordered ? ", ordered" : "")}>";
            valueType = valueType is StringType && indexBits == 32 && indexSigned ? new DictionaryType(ordered) : null;
        }
        return valueType is null ? null : new Field(name, valueType, nullable, metadata);
    }

    private static ArrowType? ToArrowType(FlatbufType type, FlatBufferTable? table, (Field? Field, string TypeName, string Name)[] children, out string typeName)
    {
        var t = table.GetValueOrDefault();
        bool present = table.HasValue;
        switch (type)
        {
            case FlatbufType.Null:
                typeName = "null";
                return null;
            case FlatbufType.Int:
                int bits = present ? t.GetInt32(TypeSlots.IntBitWidth) : 0;
                bool signed = present && t.GetBool(TypeSlots.IntIsSigned);
                typeName = $"{(signed ? "int" : "uint")}{bits}";
                return (bits, signed) switch
                {
                    (8, true) => Int8Type.Default,
                    (16, true) => Int16Type.Default,
                    (32, true) => Int32Type.Default,
                    (64, true) => Int64Type.Default,
                    (8, false) => UInt8Type.Default,
                    (16, false) => UInt16Type.Default,
                    (32, false) => UInt32Type.Default,
                    (64, false) => UInt64Type.Default,
                    _ => null,
                };
            case FlatbufType.FloatingPoint:
                short precision = present ? t.GetInt16(TypeSlots.FloatingPointPrecision) : (short)0;
                typeName = precision switch { 0 => "halffloat", 1 => "float", _ => "double" };
                return precision switch { 1 => FloatType.Default, 2 => DoubleType.Default, _ => null };
            case FlatbufType.Binary:
                typeName = "binary";
                return BinaryType.Default;
            case FlatbufType.Utf8:
                typeName = "utf8";
                return StringType.Default;
            case FlatbufType.Bool:
                typeName = "bool";
                return BooleanType.Default;
            case FlatbufType.Date:
                bool days = present && t.GetInt16(TypeSlots.DateUnit, 1) == 0;
                typeName = days ? "date32[day]" : "date64[ms]";
                return days ? Date32Type.Default : null;
            case FlatbufType.Timestamp:
                var unit = present ? (TimeUnit)t.GetInt16(TypeSlots.TimestampUnit) : TimeUnit.Second;
                if (unit is < TimeUnit.Second or > TimeUnit.Nanosecond)
                {
                    typeName = $"timestamp[unit {(short)unit}]";
                    return null;
                }
                var timestamp = new TimestampType(unit, present ? t.GetString(TypeSlots.TimestampTimezone) : null);
                typeName = timestamp.Name;
                return timestamp;
            case FlatbufType.List:
            case FlatbufType.FixedSizeList:
                string child = children.Length == 1 ? $"{children[0].Name}: {children[0].TypeName}" : "?";
                int listSize = present ? t.GetInt32(TypeSlots.FixedSizeListListSize) : 0;
                typeName = type == FlatbufType.List ? $"list<{child}>" : $"fixed_size_list<{child}>[{listSize}]";
                if (children.Length != 1 || children[0].Field is not { } valueField
                    || valueField.Type is not (Int8Type or Int16Type or Int32Type or Int64Type or FloatType or DoubleType)
                    || type == FlatbufType.FixedSizeList && valueField.Type is not DoubleType)
                {
                    return null;
                }
                return type == FlatbufType.List ? new ListType(valueField) : new FixedSizeListType(valueField, listSize);
            case FlatbufType.Struct:
                typeName = $"struct<{string.Join(", ", children.Select(c => $"{c.Name}: {c.TypeName}"))}>";
                // Structs store user-defined types, whose fields are numbers and lists of numbers.
                return children.Length > 0 && children.All(c => c.Field?.Type is ListType or (FixedWidthType and not BooleanType))
                    ? new Types.StructType([.. children.Select(c => c.Field!)])
                    : null;
            default:
                typeName = DescribeUnsupported(type, t, present, children);
                return null;
        }
    }

    private static string DescribeUnsupported(FlatbufType type, FlatBufferTable t, bool present, (Field? Field, string TypeName, string Name)[] children)
    {
        string Children() => string.Join(", ", children.Select(c => $"{c.Name}: {c.TypeName}"));
        string Unit(short unit) => unit switch { 0 => "s", 1 => "ms", 2 => "us", 3 => "ns", _ => unit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return type switch
        {
            FlatbufType.Decimal => $"decimal{(present ? t.GetInt32(TypeSlots.DecimalBitWidth, 128) : 128)}"
                + $"({(present ? t.GetInt32(TypeSlots.DecimalPrecision) : 0)}, {(present ? t.GetInt32(TypeSlots.DecimalScale) : 0)})",
            FlatbufType.Time => $"time{(present ? t.GetInt32(TypeSlots.TimeBitWidth, 32) : 32)}[{Unit(present ? t.GetInt16(TypeSlots.TimeUnit, 1) : (short)1)}]",
            FlatbufType.Interval => "interval",
            FlatbufType.Union => $"union<{Children()}>",
            FlatbufType.FixedSizeBinary => $"fixed_size_binary[{(present ? t.GetInt32(TypeSlots.FixedSizeBinaryByteWidth) : 0)}]",
            FlatbufType.Map => $"map<{Children()}>",
            FlatbufType.Duration => $"duration[{Unit(present ? t.GetInt16(TypeSlots.UnitOnly, 1) : (short)1)}]",
            FlatbufType.LargeBinary => "large_binary",
            FlatbufType.LargeUtf8 => "large_utf8",
            FlatbufType.LargeList => $"large_list<{Children()}>",
            FlatbufType.RunEndEncoded => $"run_end_encoded<{Children()}>",
            FlatbufType.BinaryView => "binary_view",
            FlatbufType.Utf8View => "utf8_view",
            FlatbufType.ListView => $"list_view<{Children()}>",
            FlatbufType.LargeListView => $"large_list_view<{Children()}>",
            _ => $"unknown type tag {(byte)type}",
        };
    }

    /// <summary>
    /// Field nodes and buffers one field occupies in a record batch, from Columnar.rst's buffer layouts.
    /// A dictionary-encoded field carries only its indices (the values come in dictionary batches).
    /// </summary>
    private static (int Nodes, int Buffers, bool CanSkip) CountLayout(FlatBufferTable field, MetadataVersion version)
    {
        if (field.HasField(FieldSlots.Dictionary))
        {
            return (1, 2, true);
        }
        var (tag, typeTable) = field.GetUnion(FieldSlots.TypeType);
        int ownBuffers;
        bool canSkip = true;
        switch ((FlatbufType)tag)
        {
            case FlatbufType.Null:
            case FlatbufType.RunEndEncoded:
                ownBuffers = 0;
                break;
            case FlatbufType.Struct:
            case FlatbufType.FixedSizeList:
                ownBuffers = 1;
                break;
            case FlatbufType.Binary:
            case FlatbufType.Utf8:
            case FlatbufType.LargeBinary:
            case FlatbufType.LargeUtf8:
            case FlatbufType.ListView:
            case FlatbufType.LargeListView:
                ownBuffers = 3;
                break;
            case FlatbufType.Union:
                // Type ids (+ offsets when dense); V4 and earlier also had a validity bitmap.
                bool dense = typeTable?.GetInt16(TypeSlots.UnionMode) == 1;
                ownBuffers = (dense ? 2 : 1) + (version < MetadataVersion.V5 ? 1 : 0);
                break;
            case FlatbufType.BinaryView:
            case FlatbufType.Utf8View:
                // Validity, views, then a per-batch number of data buffers (variadicBufferCounts).
                ownBuffers = 2;
                canSkip = false;
                break;
            default:
                // Validity plus values (fixed width) or offsets (list, large list, map).
                ownBuffers = 2;
                break;
        }
        int nodes = 1;
        int buffers = ownBuffers;
        int childCount = field.GetVectorLength(FieldSlots.Children);
        for (int i = 0; i < childCount; i++)
        {
            var (childNodes, childBuffers, childCanSkip) = CountLayout(field.GetVectorTable(FieldSlots.Children, i), version);
            nodes += childNodes;
            buffers += childBuffers;
            canSkip &= childCanSkip;
        }
        return (nodes, buffers, canSkip);
    }
}
