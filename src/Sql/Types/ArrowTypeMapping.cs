using Rdd.Sql.Arrow;
using ArrowTypes = Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Types;

/// <summary>
/// The correspondence between SQL types and Arrow types. Writing, each SQL type has one Arrow type
/// (<see cref="ToArrowType"/>); reading, several Arrow types land on the same SQL type
/// (<see cref="ToDataType(ArrowTypes.ArrowType)"/>): unsigned integers become the next wider signed type (uint8 → smallint,
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
        UserDefinedType udt => udt.StorageType,
        null => throw new ArgumentNullException(nameof(type)),
        _ => throw new NotSupportedException($"The data type {type.SimpleString} has no Arrow representation."),
    };

    /// <summary>Arrow's key for the name of an extension type, in a field's metadata.</summary>
    public const string ExtensionNameKey = "ARROW:extension:name";

    /// <summary>Arrow's key for an extension type's parameters; here the .NET class of the user-defined type.</summary>
    public const string ExtensionMetadataKey = "ARROW:extension:metadata";

    /// <summary>The Arrow field of a column: its canonical type, and the extension metadata of a user-defined type.</summary>
    public static Field ToArrowField(StructField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var type = ToArrowType(field.DataType);
        return field.DataType is UserDefinedType udt
            ? new Field(field.Name, type, field.Nullable, new Dictionary<string, string>
            {
                [ExtensionNameKey] = udt.ExtensionName,
                [ExtensionMetadataKey] = $"{udt.GetType().FullName}, {udt.GetType().Assembly.GetName().Name}",
            })
            : new Field(field.Name, type, field.Nullable);
    }

    /// <summary>
    /// The SQL type of an Arrow field: a user-defined type when its metadata names one whose storage it matches,
    /// else the type of <see cref="ToDataType(ArrowTypes.ArrowType)"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The field has no SQL type (a struct or list that is not a known user-defined type).</exception>
    public static DataType ToDataType(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Metadata.TryGetValue(ExtensionNameKey, out string? extension))
        {
            field.Metadata.TryGetValue(ExtensionMetadataKey, out string? typeClass);
            if (UserDefinedTypes.ForExtension(extension, typeClass) is { } udt)
            {
                return udt.StorageType.Equals(field.Type)
                    ? udt
                    : throw new NotSupportedException(
                        $"Column '{field.Name}' is marked as {udt.TypeName} ({extension}) but is stored as {field.Type}, not {udt.StorageType}.");
            }
            if (field.Type is ArrowTypes.StructType)
            {
                throw new NotSupportedException(
                    $"Column '{field.Name}' holds the extension type {extension}, which no loaded library defines"
                    + (typeClass is null ? "." : $" ({typeClass} could not be loaded): reference the library that defines it."));
            }
        }
        try
        {
            return ToDataType(field.Type);
        }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException($"Column '{field.Name}': {e.Message}", e);
        }
    }

    /// <summary>The SQL type Arrow <paramref name="type"/> reads as.</summary>
    /// <exception cref="NotSupportedException">
    /// List, fixed-size-list and struct types: they only store user-defined types, which <see cref="ToDataType(Field)"/> reads from the field.
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
            _ => throw new NotSupportedException($"The Arrow type {type} has no SQL type (structs and lists are read only as the storage of user-defined types such as MlLib's vector)."),
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
        return new Schema(schema.Fields.Select(ToArrowField));
    }

    /// <summary>The SQL schema an Arrow schema reads as.</summary>
    public static StructType ToStructType(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new StructType(schema.Fields.Select(f => new StructField(f.Name, ToDataType(f), f.IsNullable)));
    }
}
