using Apache.Arrow;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Types;

/// <summary>
/// The correspondence between SQL types and Apache.Arrow types. Writing, each SQL type has one Arrow type
/// (<see cref="ToArrowType"/>); reading, several Arrow types land on the same SQL type
/// (<see cref="ToDataType(ArrowTypes.IArrowType)"/>), as Spark reads files written by other tools: unsigned integers
/// become the next wider signed type (uint8 → smallint, uint16 → int, uint32 → bigint, and uint64 → bigint with an
/// overflow check on the values, since there is no decimal type), float16 a float, large and view strings a string,
/// large binary a binary, date64 a date, a timestamp of any unit with any time zone a <c>timestamp</c> (its values
/// are UTC instants whatever the zone says), one without a zone a <c>timestamp_ntz</c>, and a dictionary-encoded
/// column of any index type its value type, a decimal128 of any precision and scale a <c>decimal(p,s)</c>, a list,
/// large list or fixed-size list an <c>array</c> (canonically a list whose item field is called <c>element</c>, as
/// Spark writes it) and a struct a <c>struct</c>, nested to any depth. <see cref="ArrowArrayNormalizer"/> converts
/// such arrays to the canonical layout when a batch is read. Every other Arrow type (decimal256, times, durations,
/// intervals, unions, maps, null) has no SQL type yet and is refused, naming the column and the type, when the frame
/// is created.
/// </summary>
internal static class ArrowTypeMapping
{
    /// <summary>Spark's own Arrow conversion uses this zone name for <c>timestamp</c> columns.</summary>
    public const string UtcTimeZone = "UTC";

    public static readonly ArrowTypes.TimestampType TimestampUtc = new(ArrowTypes.TimeUnit.Microsecond, UtcTimeZone);

    public static readonly ArrowTypes.TimestampType TimestampNaive = new(ArrowTypes.TimeUnit.Microsecond, (string?)null);

    /// <summary>The canonical Arrow type of <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">A type without an Arrow mapping.</exception>
    public static ArrowTypes.IArrowType ToArrowType(DataType type) => type switch
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
        DecimalType d => new ArrowTypes.Decimal128Type(d.Precision, d.Scale),
        ArrayType a => new ArrowTypes.ListType(ToArrowField(new StructField(ListItemName, a.ElementType, a.ContainsNull))),
        StructType s => new ArrowTypes.StructType([.. s.Fields.Select(ToArrowField)]),
        UserDefinedType udt => udt.StorageType,
        // A void column (SELECT NULL) holds only NULLs; its batches carry them as the all-null boolean array a NULL
        // literal evaluates to, which every operator handles.
        Expressions.NullType => ArrowTypes.BooleanType.Default,
        null => throw new ArgumentNullException(nameof(type)),
        _ => throw new NotSupportedException($"The data type {type.SimpleString} has no Arrow representation."),
    };

    /// <summary>The name of a list's item field in the canonical layout, Spark's (pyarrow writes <c>item</c>).</summary>
    public const string ListItemName = "element";

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
    /// else the type of <see cref="ToDataType(ArrowTypes.IArrowType)"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The field has no SQL type; the message names the column and its Arrow type.</exception>
    public static DataType ToDataType(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Metadata is { } metadata && metadata.TryGetValue(ExtensionNameKey, out string? extension))
        {
            metadata.TryGetValue(ExtensionMetadataKey, out string? typeClass);
            if (UserDefinedTypes.ForExtension(extension, typeClass) is { } udt)
            {
                return SameType(udt.StorageType, field.DataType)
                    ? udt
                    : throw new NotSupportedException(
                        $"Column '{field.Name}' is marked as {udt.TypeName} ({extension}) but is stored as {Describe(field.DataType)}, not {Describe(udt.StorageType)}.");
            }
            if (field.DataType is ArrowTypes.StructType)
            {
                throw new NotSupportedException(
                    $"Column '{field.Name}' holds the extension type {extension}, which no loaded library defines"
                    + (typeClass is null ? "." : $" ({typeClass} could not be loaded): reference the library that defines it."));
            }
        }
        try
        {
            return field.DataType switch
            {
                ArrowTypes.ListType list => new ArrayType(ChildType(field, list.ValueField), list.ValueField.IsNullable),
                ArrowTypes.LargeListType list => new ArrayType(ChildType(field, list.ValueField), list.ValueField.IsNullable),
                ArrowTypes.FixedSizeListType list => new ArrayType(ChildType(field, list.ValueField), list.ValueField.IsNullable),
                ArrowTypes.StructType structType => new StructType(structType.Fields.Select(f => new StructField(f.Name, ChildType(field, f), f.IsNullable))),
                _ => ToDataType(field.DataType),
            };
        }
        catch (NotSupportedException e) when (!e.Message.StartsWith("Column '", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Column '{field.Name}': {e.Message}", e);
        }
    }

    /// <summary>The type of a list item or struct field, a failure naming where it sits (<c>field 'a' of struct&lt;a: time32[ms]&gt;</c>).</summary>
    private static DataType ChildType(Field parent, Field child)
    {
        try
        {
            return ToDataType(child);
        }
        catch (NotSupportedException e)
        {
            string detail = e.Message.StartsWith($"Column '{child.Name}': ", StringComparison.Ordinal) ? e.Message[$"Column '{child.Name}': ".Length..] : e.Message;
            throw new NotSupportedException($"field '{child.Name}' of {Describe(parent.DataType)}: {detail}", e);
        }
    }

    /// <summary>The SQL type Arrow <paramref name="type"/> reads as.</summary>
    /// <exception cref="NotSupportedException">A type without a SQL type.</exception>
    public static DataType ToDataType(ArrowTypes.IArrowType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.TypeId switch
        {
            ArrowTypes.ArrowTypeId.Int8 => ByteType.Instance,
            ArrowTypes.ArrowTypeId.Int16 or ArrowTypes.ArrowTypeId.UInt8 => ShortType.Instance,
            ArrowTypes.ArrowTypeId.Int32 or ArrowTypes.ArrowTypeId.UInt16 => IntegerType.Instance,
            ArrowTypes.ArrowTypeId.Int64 or ArrowTypes.ArrowTypeId.UInt32 or ArrowTypes.ArrowTypeId.UInt64 => LongType.Instance,
            ArrowTypes.ArrowTypeId.HalfFloat or ArrowTypes.ArrowTypeId.Float => FloatType.Instance,
            ArrowTypes.ArrowTypeId.Double => DoubleType.Instance,
            ArrowTypes.ArrowTypeId.Boolean => BooleanType.Instance,
            ArrowTypes.ArrowTypeId.String or ArrowTypes.ArrowTypeId.LargeString or ArrowTypes.ArrowTypeId.StringView => StringType.Instance,
            ArrowTypes.ArrowTypeId.Binary or ArrowTypes.ArrowTypeId.LargeBinary or ArrowTypes.ArrowTypeId.BinaryView => BinaryType.Instance,
            ArrowTypes.ArrowTypeId.Date32 or ArrowTypes.ArrowTypeId.Date64 => DateType.Instance,
            ArrowTypes.ArrowTypeId.Timestamp => ArrowTemporal.IsZoned((ArrowTypes.TimestampType)type) ? TimestampType.Instance : TimestampNtzType.Instance,
            ArrowTypes.ArrowTypeId.Dictionary => DictionaryValueType((ArrowTypes.DictionaryType)type),
            ArrowTypes.ArrowTypeId.Decimal128 => ToDecimal((ArrowTypes.Decimal128Type)type),
            ArrowTypes.ArrowTypeId.Decimal256 => throw new NotSupportedException(
                $"The Arrow type {Describe(type)} has no SQL type (Spark's decimals hold at most {DecimalType.MaxPrecision} digits, in decimal128)."),
            ArrowTypes.ArrowTypeId.List or ArrowTypes.ArrowTypeId.LargeList or ArrowTypes.ArrowTypeId.FixedSizeList or ArrowTypes.ArrowTypeId.Struct =>
                ToDataType(new Field("?", type, true)),
            _ => throw new NotSupportedException($"The Arrow type {Describe(type)} has no SQL type."),
        };
    }

    private static DecimalType ToDecimal(ArrowTypes.Decimal128Type type) =>
        type.Precision is >= 1 and <= DecimalType.MaxPrecision && type.Scale >= 0 && type.Scale <= type.Precision
            ? new DecimalType(type.Precision, type.Scale)
            : throw new NotSupportedException(
                $"The Arrow type {Describe(type)} has no SQL type (a decimal's precision must be 1 to {DecimalType.MaxPrecision} and its scale 0 to the precision).");

    private static DataType DictionaryValueType(ArrowTypes.DictionaryType type)
    {
        if (type.IndexType is not ArrowTypes.IntegerType)
        {
            throw new NotSupportedException($"The Arrow type {Describe(type)} has no SQL type (dictionary indices must be integers).");
        }
        var values = ToDataType(type.ValueType);
        return values is StringType or BinaryType
            ? values
            : throw new NotSupportedException($"The Arrow type {Describe(type)} has no SQL type (dictionaries of strings or binary are read).");
    }

    /// <summary>
    /// Whether arrays of <paramref name="type"/> are already in the canonical layout of their SQL type; a list
    /// only with its item field called <see cref="ListItemName"/> and canonical items, a struct only with canonical fields.
    /// </summary>
    public static bool IsCanonical(ArrowTypes.IArrowType type) => type.TypeId switch
    {
        ArrowTypes.ArrowTypeId.Int8 or ArrowTypes.ArrowTypeId.Int16 or ArrowTypes.ArrowTypeId.Int32 or ArrowTypes.ArrowTypeId.Int64
            or ArrowTypes.ArrowTypeId.Float or ArrowTypes.ArrowTypeId.Double or ArrowTypes.ArrowTypeId.Boolean
            or ArrowTypes.ArrowTypeId.String or ArrowTypes.ArrowTypeId.Binary or ArrowTypes.ArrowTypeId.Date32
            or ArrowTypes.ArrowTypeId.Decimal128 => true,
        ArrowTypes.ArrowTypeId.List => type is ArrowTypes.ListType { ValueField: { Name: ListItemName } item } && IsCanonical(item.DataType),
        ArrowTypes.ArrowTypeId.Struct => ((ArrowTypes.StructType)type).Fields.All(f => IsCanonical(f.DataType)),
        ArrowTypes.ArrowTypeId.Timestamp => type is ArrowTypes.TimestampType { Unit: ArrowTypes.TimeUnit.Microsecond } timestamp
            && (timestamp.Timezone == UtcTimeZone || !ArrowTemporal.IsZoned(timestamp)),
        _ => false,
    };

    /// <summary>
    /// Whether two Arrow types describe the same values: same type ids, parameters, and child fields (struct field
    /// names and nullability included; a list's item field is the writer's choice, <c>item</c> or <c>element</c>,
    /// nullable or not, and only its type is compared: readers check the items). Apache.Arrow's types do not define
    /// equality.
    /// </summary>
    public static bool SameType(ArrowTypes.IArrowType a, ArrowTypes.IArrowType b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a.TypeId != b.TypeId)
        {
            return false;
        }
        switch (a, b)
        {
            case (ArrowTypes.TimestampType x, ArrowTypes.TimestampType y):
                return x.Unit == y.Unit && (x.Timezone ?? "") == (y.Timezone ?? "");
            case (ArrowTypes.ListType x, ArrowTypes.ListType y):
                return SameType(x.ValueDataType, y.ValueDataType);
            case (ArrowTypes.FixedSizeListType x, ArrowTypes.FixedSizeListType y):
                return x.ListSize == y.ListSize && SameType(x.ValueDataType, y.ValueDataType);
            case (ArrowTypes.StructType x, ArrowTypes.StructType y):
                if (x.Fields.Count != y.Fields.Count)
                {
                    return false;
                }
                for (int i = 0; i < x.Fields.Count; i++)
                {
                    var (f, g) = (x.Fields[i], y.Fields[i]);
                    if (f.Name != g.Name || f.IsNullable != g.IsNullable || !SameType(f.DataType, g.DataType))
                    {
                        return false;
                    }
                }
                return true;
            case (ArrowTypes.DictionaryType x, ArrowTypes.DictionaryType y):
                return x.Ordered == y.Ordered && SameType(x.IndexType, y.IndexType) && SameType(x.ValueType, y.ValueType);
            case (ArrowTypes.Decimal128Type x, ArrowTypes.Decimal128Type y):
                return x.Precision == y.Precision && x.Scale == y.Scale;
            case (ArrowTypes.FixedSizeBinaryType x, ArrowTypes.FixedSizeBinaryType y):
                return x.ByteWidth == y.ByteWidth;
            case (ArrowTypes.TimeBasedType x, ArrowTypes.TimeBasedType y):
                return x.Unit == y.Unit;
            default:
                return true;
        }
    }

    /// <summary>Arrow's spelling of a type, parameters included (<c>timestamp[ms, tz=UTC]</c>, <c>decimal128(10, 2)</c>), for messages.</summary>
    public static string Describe(ArrowTypes.IArrowType type) => type switch
    {
        ArrowTypes.TimestampType t => ArrowTemporal.IsZoned(t) ? $"timestamp[{UnitSuffix(t.Unit)}, tz={t.Timezone}]" : $"timestamp[{UnitSuffix(t.Unit)}]",
        ArrowTypes.Time32Type t => $"time32[{UnitSuffix(t.Unit)}]",
        ArrowTypes.Time64Type t => $"time64[{UnitSuffix(t.Unit)}]",
        ArrowTypes.DurationType t => $"duration[{UnitSuffix(t.Unit)}]",
        ArrowTypes.IntervalType t => $"interval[{t.Unit}]",
        ArrowTypes.Decimal128Type t => $"decimal128({t.Precision}, {t.Scale})",
        ArrowTypes.Decimal256Type t => $"decimal256({t.Precision}, {t.Scale})",
        ArrowTypes.FixedSizeBinaryType t => $"fixed_size_binary[{t.ByteWidth}]",
        ArrowTypes.DictionaryType t => $"dictionary<values={Describe(t.ValueType)}, indices={Describe(t.IndexType)}>",
        ArrowTypes.FixedSizeListType t => $"fixed_size_list<{t.ValueField.Name}: {Describe(t.ValueDataType)}>[{t.ListSize}]",
        ArrowTypes.MapType t => $"map<{Describe(t.KeyField.DataType)}, {Describe(t.ValueField.DataType)}>",
        ArrowTypes.UnionType t => $"{t.Mode.ToString().ToLowerInvariant()}_union<{string.Join(", ", t.Fields.Select(f => $"{f.Name}: {Describe(f.DataType)}"))}>",
        ArrowTypes.StructType t => $"struct<{string.Join(", ", t.Fields.Select(f => $"{f.Name}: {Describe(f.DataType)}"))}>",
        ArrowTypes.NestedType t => $"{t.TypeId switch
        {
            ArrowTypes.ArrowTypeId.ListView => "list_view",
            ArrowTypes.ArrowTypeId.LargeListView => "large_list_view",
            _ => t.Name,
        }}<{string.Join(", ", t.Fields.Select(f => $"{f.Name}: {Describe(f.DataType)}"))}>",
        _ => type.TypeId switch
        {
            ArrowTypes.ArrowTypeId.HalfFloat => "float16",
            ArrowTypes.ArrowTypeId.StringView => "utf8_view",
            ArrowTypes.ArrowTypeId.BinaryView => "binary_view",
            _ => type.Name,
        },
    };

    private static string UnitSuffix(ArrowTypes.TimeUnit unit) => unit switch
    {
        ArrowTypes.TimeUnit.Second => "s",
        ArrowTypes.TimeUnit.Millisecond => "ms",
        ArrowTypes.TimeUnit.Microsecond => "us",
        _ => "ns",
    };

    /// <summary>The Arrow schema of <paramref name="schema"/>: canonical types, same names and nullability.</summary>
    public static Schema ToArrowSchema(StructType schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new Schema(schema.Fields.Select(ToArrowField), null);
    }

    /// <summary>The SQL schema an Arrow schema reads as.</summary>
    /// <exception cref="NotSupportedException">A column has no SQL type; the message names it and its Arrow type.</exception>
    public static StructType ToStructType(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new StructType(schema.FieldsList.Select(f => new StructField(f.Name, ToDataType(f), f.IsNullable)));
    }
}
