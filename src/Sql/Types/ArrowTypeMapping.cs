using Rdd.Sql.Arrow;
using ArrowTypes = Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Types;

/// <summary>
/// The correspondence between SQL types and Arrow types. Writing, each SQL type has one Arrow type
/// (<see cref="ToArrowType"/>); reading, several Arrow types land on the same SQL type
/// (<see cref="ToDataType"/>): unsigned integers become the next wider signed type (uint8 → smallint,
/// uint16 → int, uint32 → bigint, and uint64 → bigint with an overflow check on the values, since there is no
/// decimal type), dictionary-encoded utf8 is a string, and a timestamp of any unit with any time zone is a
/// <c>timestamp</c> (its values are UTC instants whatever the zone says), one without a zone a
/// <c>timestamp_ntz</c>. <see cref="ArrowArrayNormalizer"/> converts such arrays to the canonical layout.
/// </summary>
internal static class ArrowTypeMapping
{
    /// <summary>Spark's own Arrow conversion uses this zone name for <c>timestamp</c> columns.</summary>
    public const string UtcTimeZone = "UTC";

    public static readonly ArrowTypes.TimestampType TimestampUtc = new(ArrowTypes.TimeUnit.Microsecond, UtcTimeZone);

    public static readonly ArrowTypes.TimestampType TimestampNaive = new(ArrowTypes.TimeUnit.Microsecond);

    /// <summary>The canonical Arrow type of <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">A type without an Arrow mapping (a user-defined type).</exception>
    public static ArrowTypes.ArrowType ToArrowType(DataType type) => type switch
    {
        ByteType => ArrowTypes.Int8Type.Default,
        ShortType => ArrowTypes.Int16Type.Default,
        IntegerType => ArrowTypes.Int32Type.Default,
        LongType => ArrowTypes.Int64Type.Default,
        FloatType => ArrowTypes.FloatType.Default,
        DoubleType => ArrowTypes.DoubleType.Default,
        BooleanType => ArrowTypes.BooleanType.Default,
        StringType => ArrowTypes.StringType.Default,
        BinaryType => ArrowTypes.BinaryType.Default,
        DateType => ArrowTypes.Date32Type.Default,
        TimestampType => TimestampUtc,
        TimestampNtzType => TimestampNaive,
        null => throw new ArgumentNullException(nameof(type)),
        _ => throw new NotSupportedException($"The data type {type.SimpleString} has no Arrow representation."),
    };

    /// <summary>The SQL type Arrow <paramref name="type"/> reads as.</summary>
    /// <exception cref="NotSupportedException">
    /// List and fixed-size-list types: they hold ML vectors, which the vector type's own mapping reads.
    /// </exception>
    public static DataType ToDataType(ArrowTypes.ArrowType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.TypeId switch
        {
            ArrowTypes.ArrowTypeId.Int8 => ByteType.Instance,
            ArrowTypes.ArrowTypeId.Int16 or ArrowTypes.ArrowTypeId.UInt8 => ShortType.Instance,
            ArrowTypes.ArrowTypeId.Int32 or ArrowTypes.ArrowTypeId.UInt16 => IntegerType.Instance,
            ArrowTypes.ArrowTypeId.Int64 or ArrowTypes.ArrowTypeId.UInt32 or ArrowTypes.ArrowTypeId.UInt64 => LongType.Instance,
            ArrowTypes.ArrowTypeId.Float => FloatType.Instance,
            ArrowTypes.ArrowTypeId.Double => DoubleType.Instance,
            ArrowTypes.ArrowTypeId.Boolean => BooleanType.Instance,
            ArrowTypes.ArrowTypeId.String or ArrowTypes.ArrowTypeId.Dictionary => StringType.Instance,
            ArrowTypes.ArrowTypeId.Binary => BinaryType.Instance,
            ArrowTypes.ArrowTypeId.Date32 => DateType.Instance,
            ArrowTypes.ArrowTypeId.Timestamp => ((ArrowTypes.TimestampType)type).Timezone is null ? TimestampNtzType.Instance : TimestampType.Instance,
            _ => throw new NotSupportedException($"The Arrow type {type} has no SQL type (list types are read as ML vectors)."),
        };
    }

    /// <summary>Whether arrays of <paramref name="type"/> are already in the canonical layout of their SQL type.</summary>
    public static bool IsCanonical(ArrowTypes.ArrowType type) => type.TypeId switch
    {
        ArrowTypes.ArrowTypeId.UInt8 or ArrowTypes.ArrowTypeId.UInt16 or ArrowTypes.ArrowTypeId.UInt32
            or ArrowTypes.ArrowTypeId.UInt64 or ArrowTypes.ArrowTypeId.Dictionary => false,
        ArrowTypes.ArrowTypeId.Timestamp => type.Equals(TimestampUtc) || type.Equals(TimestampNaive),
        _ => true,
    };

    /// <summary>The Arrow schema of <paramref name="schema"/>: canonical types, same names and nullability.</summary>
    public static Schema ToArrowSchema(StructType schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new Schema(schema.Fields.Select(f => new Field(f.Name, ToArrowType(f.DataType), f.Nullable)));
    }

    /// <summary>The SQL schema an Arrow schema reads as.</summary>
    public static StructType ToStructType(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new StructType(schema.Fields.Select(f => new StructField(f.Name, ToDataType(f.Type), f.IsNullable)));
    }
}
