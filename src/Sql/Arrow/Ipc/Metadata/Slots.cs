namespace Rdd.Sql.Arrow.Ipc.Metadata;

// Field slots of the Arrow flatbuffer tables we read or write: a field's slot is its declaration index
// in the .fbs file, a union counting twice (type tag, then value). Kept together because they are one
// transcription of Schema.fbs, Message.fbs and File.fbs and are checked against them as a whole.

/// <summary>Message.fbs <c>Message</c>.</summary>
internal static class MessageSlots
{
    public const int Version = 0;
    public const int HeaderType = 1;
    public const int Header = 2;
    public const int BodyLength = 3;
    public const int CustomMetadata = 4;
    public const int Count = 5;
}

/// <summary>Message.fbs <c>RecordBatch</c>.</summary>
internal static class RecordBatchSlots
{
    public const int Length = 0;
    public const int Nodes = 1;
    public const int Buffers = 2;
    public const int Compression = 3;
    public const int VariadicBufferCounts = 4;
    public const int Count = 5;
}

/// <summary>Message.fbs <c>BodyCompression</c>.</summary>
internal static class BodyCompressionSlots
{
    public const int Codec = 0;
    public const int Method = 1;
    public const int Count = 2;
}

/// <summary>Message.fbs <c>DictionaryBatch</c>.</summary>
internal static class DictionaryBatchSlots
{
    public const int Id = 0;
    public const int Data = 1;
    public const int IsDelta = 2;
    public const int Count = 3;
}

/// <summary>Schema.fbs <c>Schema</c>.</summary>
internal static class SchemaSlots
{
    public const int Endianness = 0;
    public const int Fields = 1;
    public const int CustomMetadata = 2;
    public const int Features = 3;
    public const int Count = 4;
}

/// <summary>Schema.fbs <c>Field</c>.</summary>
internal static class FieldSlots
{
    public const int Name = 0;
    public const int Nullable = 1;
    public const int TypeType = 2;
    public const int Type = 3;
    public const int Dictionary = 4;
    public const int Children = 5;
    public const int CustomMetadata = 6;
    public const int Count = 7;
}

/// <summary>Schema.fbs <c>KeyValue</c>.</summary>
internal static class KeyValueSlots
{
    public const int Key = 0;
    public const int Value = 1;
    public const int Count = 2;
}

/// <summary>Schema.fbs <c>DictionaryEncoding</c>.</summary>
internal static class DictionaryEncodingSlots
{
    public const int Id = 0;
    public const int IndexType = 1;
    public const int IsOrdered = 2;
    public const int DictionaryKind = 3;
    public const int Count = 4;
}

/// <summary>
/// Slots of the Schema.fbs type tables. Each type table has at most a few fields and they never share a
/// name, so one class holds them: Int (bitWidth, is_signed), FloatingPoint (precision), Date (unit),
/// Time (unit, bitWidth), Timestamp (unit, timezone), FixedSizeBinary (byteWidth), FixedSizeList
/// (listSize), Decimal (precision, scale, bitWidth), Union (mode, typeIds), Interval/Duration (unit).
/// </summary>
internal static class TypeSlots
{
    public const int IntBitWidth = 0;
    public const int IntIsSigned = 1;
    public const int IntCount = 2;

    public const int FloatingPointPrecision = 0;
    public const int DateUnit = 0;
    public const int TimeUnit = 0;
    public const int TimeBitWidth = 1;
    public const int TimestampUnit = 0;
    public const int TimestampTimezone = 1;
    public const int FixedSizeBinaryByteWidth = 0;
    public const int FixedSizeListListSize = 0;
    public const int DecimalPrecision = 0;
    public const int DecimalScale = 1;
    public const int DecimalBitWidth = 2;
    public const int UnionMode = 0;
    public const int UnitOnly = 0;
}

/// <summary>File.fbs <c>Footer</c>.</summary>
internal static class FooterSlots
{
    public const int Version = 0;
    public const int Schema = 1;
    public const int Dictionaries = 2;
    public const int RecordBatches = 3;
    public const int CustomMetadata = 4;
    public const int Count = 5;
}
