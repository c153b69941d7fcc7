using Rdd.Sql.Arrow.FlatBuffers;
using Rdd.Sql.Arrow.Ipc.Metadata;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Writes a <see cref="Schema"/> as a Schema.fbs <c>Schema</c> table. Dictionary-encoded fields carry the
/// id under which the writer sends their dictionaries.
/// </summary>
internal static class SchemaSerializer
{
    /// <summary>Writes the schema table; <paramref name="dictionaryIds"/>[i] is field i's dictionary id (or -1).</summary>
    public static int Write(FlatBufferBuilder builder, Schema schema, ReadOnlySpan<long> dictionaryIds)
    {
        var fields = new int[schema.FieldCount];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = WriteField(builder, schema.GetField(i), dictionaryIds[i]);
        }
        int fieldVector = builder.CreateOffsetVector(fields);
        int metadata = KeyValueMetadata.Write(builder, schema.Metadata);
        builder.StartTable(SchemaSlots.Count);
        // Endianness Little is the default, so it is omitted.
        builder.AddOffset(SchemaSlots.Fields, fieldVector);
        builder.AddOffset(SchemaSlots.CustomMetadata, metadata);
        return builder.EndTable();
    }

    private static int WriteField(FlatBufferBuilder builder, Field field, long dictionaryId)
    {
        int name = builder.CreateString(field.Name);
        var valueType = field.Type is DictionaryType dictionaryType ? dictionaryType.ValueType : field.Type;
        var (typeTag, typeTable) = WriteType(builder, valueType);
        int[] children = field.Type switch
        {
            ListType list => [WriteField(builder, list.ValueField, -1)],
            FixedSizeListType list => [WriteField(builder, list.ValueField, -1)],
            Types.StructType structType => [.. structType.Fields.Select(f => WriteField(builder, f, -1))],
            _ => [],
        };
        // Always present, even empty: the C++ reader rejects a field without a children vector.
        int childVector = builder.CreateOffsetVector(children);
        int dictionary = field.Type is DictionaryType encoded ? WriteDictionaryEncoding(builder, dictionaryId, encoded) : 0;
        int metadata = KeyValueMetadata.Write(builder, field.Metadata);

        builder.StartTable(FieldSlots.Count);
        builder.AddOffset(FieldSlots.Name, name);
        builder.AddBool(FieldSlots.Nullable, field.IsNullable, false);
        builder.AddUnion(FieldSlots.TypeType, (byte)typeTag, typeTable);
        builder.AddOffset(FieldSlots.Dictionary, dictionary);
        builder.AddOffset(FieldSlots.Children, childVector);
        builder.AddOffset(FieldSlots.CustomMetadata, metadata);
        return builder.EndTable();
    }

    private static int WriteDictionaryEncoding(FlatBufferBuilder builder, long id, DictionaryType type)
    {
        int indexType = WriteInt(builder, type.IndexType.BitWidth, signed: true);
        builder.StartTable(DictionaryEncodingSlots.Count);
        builder.AddInt64(DictionaryEncodingSlots.Id, id, 0);
        builder.AddOffset(DictionaryEncodingSlots.IndexType, indexType);
        builder.AddBool(DictionaryEncodingSlots.IsOrdered, type.IsOrdered, false);
        return builder.EndTable();
    }

    private static (FlatbufType Tag, int Table) WriteType(FlatBufferBuilder builder, ArrowType type)
    {
        switch (type.TypeId)
        {
            case ArrowTypeId.Int8: return (FlatbufType.Int, WriteInt(builder, 8, true));
            case ArrowTypeId.Int16: return (FlatbufType.Int, WriteInt(builder, 16, true));
            case ArrowTypeId.Int32: return (FlatbufType.Int, WriteInt(builder, 32, true));
            case ArrowTypeId.Int64: return (FlatbufType.Int, WriteInt(builder, 64, true));
            case ArrowTypeId.UInt8: return (FlatbufType.Int, WriteInt(builder, 8, false));
            case ArrowTypeId.UInt16: return (FlatbufType.Int, WriteInt(builder, 16, false));
            case ArrowTypeId.UInt32: return (FlatbufType.Int, WriteInt(builder, 32, false));
            case ArrowTypeId.UInt64: return (FlatbufType.Int, WriteInt(builder, 64, false));
            case ArrowTypeId.Float: return (FlatbufType.FloatingPoint, WriteFloatingPoint(builder, precision: 1));
            case ArrowTypeId.Double: return (FlatbufType.FloatingPoint, WriteFloatingPoint(builder, precision: 2));
            case ArrowTypeId.Boolean: return (FlatbufType.Bool, WriteEmpty(builder));
            case ArrowTypeId.String: return (FlatbufType.Utf8, WriteEmpty(builder));
            case ArrowTypeId.Binary: return (FlatbufType.Binary, WriteEmpty(builder));
            case ArrowTypeId.List: return (FlatbufType.List, WriteEmpty(builder));
            case ArrowTypeId.Struct: return (FlatbufType.Struct, WriteEmpty(builder));
            case ArrowTypeId.Date32:
                builder.StartTable(1);
                // DAY is 0 while the schema's default is MILLISECOND, so it must be written out.
                builder.AddInt16(TypeSlots.DateUnit, 0, 1);
                return (FlatbufType.Date, builder.EndTable());
            case ArrowTypeId.Timestamp:
                var timestamp = (TimestampType)type;
                int timezone = timestamp.Timezone is null ? 0 : builder.CreateString(timestamp.Timezone);
                builder.StartTable(2);
                builder.AddInt16(TypeSlots.TimestampUnit, (short)timestamp.Unit, 0);
                builder.AddOffset(TypeSlots.TimestampTimezone, timezone);
                return (FlatbufType.Timestamp, builder.EndTable());
            case ArrowTypeId.FixedSizeList:
                builder.StartTable(1);
                builder.AddInt32(TypeSlots.FixedSizeListListSize, ((FixedSizeListType)type).ListSize, 0);
                return (FlatbufType.FixedSizeList, builder.EndTable());
            default:
                throw new NotSupportedException($"Cannot write Arrow type {type} to IPC.");
        }
    }

    private static int WriteInt(FlatBufferBuilder builder, int bitWidth, bool signed)
    {
        builder.StartTable(TypeSlots.IntCount);
        builder.AddInt32(TypeSlots.IntBitWidth, bitWidth, 0);
        builder.AddBool(TypeSlots.IntIsSigned, signed, false);
        return builder.EndTable();
    }

    private static int WriteFloatingPoint(FlatBufferBuilder builder, short precision)
    {
        builder.StartTable(1);
        builder.AddInt16(TypeSlots.FloatingPointPrecision, precision, 0);
        return builder.EndTable();
    }

    private static int WriteEmpty(FlatBufferBuilder builder)
    {
        builder.StartTable(0);
        return builder.EndTable();
    }
}
