using Apache.Arrow;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Tests.Types;

public class ArrowTypeMappingTests
{
    public static TheoryData<DataType, string> Canonical => new()
    {
        { DataTypes.Byte, "int8" },
        { DataTypes.Short, "int16" },
        { DataTypes.Integer, "int32" },
        { DataTypes.Long, "int64" },
        { DataTypes.Float, "float" },
        { DataTypes.Double, "double" },
        { DataTypes.Boolean, "bool" },
        { DataTypes.String, "utf8" },
        { DataTypes.Binary, "binary" },
        { DataTypes.Date, "date32" },
        { DataTypes.Timestamp, "timestamp[us, tz=UTC]" },
        { DataTypes.TimestampNtz, "timestamp[us]" },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void ToArrowType_ThenBack_RoundTrips(DataType type, string arrowName)
    {
        var arrow = ArrowTypeMapping.ToArrowType(type);
        Assert.Equal(arrowName, ArrowTypeMapping.Describe(arrow));
        Assert.True(ArrowTypeMapping.IsCanonical(arrow));
        Assert.Same(type, ArrowTypeMapping.ToDataType(arrow));
    }

    public static TheoryData<string, DataType> ReadOnly => new()
    {
        { "uint8", DataTypes.Short },
        { "uint16", DataTypes.Integer },
        { "uint32", DataTypes.Long },
        { "uint64", DataTypes.Long },
        { "float16", DataTypes.Float },
        { "large_utf8", DataTypes.String },
        { "utf8_view", DataTypes.String },
        { "large_binary", DataTypes.Binary },
        { "date64", DataTypes.Date },
        { "dictionary<values=utf8, indices=int8>", DataTypes.String },
        { "dictionary<values=large_utf8, indices=uint32>", DataTypes.String },
        { "dictionary<values=binary, indices=int64>", DataTypes.Binary },
        { "timestamp[ms, tz=Europe/Paris]", DataTypes.Timestamp },
        { "timestamp[ns]", DataTypes.TimestampNtz },
        { "timestamp[s, tz=+07:30]", DataTypes.Timestamp },
        { "timestamp[us, tz=+00:00]", DataTypes.Timestamp },
    };

    [Theory]
    [MemberData(nameof(ReadOnly))]
    public void ToDataType_WiderArrowTypes_ReadAsSparksType(string arrowName, DataType expected)
    {
        var arrow = ReadOnlyTypes().Single(t => ArrowTypeMapping.Describe(t) == arrowName);
        Assert.Same(expected, ArrowTypeMapping.ToDataType(arrow));
        Assert.False(ArrowTypeMapping.IsCanonical(arrow));
    }

    public static TheoryData<string> Refused => new()
    {
        "decimal256(40, 2)", "time32[ms]", "time64[ns]", "duration[s]", "interval[DayTime]", "fixed_size_binary[4]",
        "null", "list<item: time32[ms]>", "struct<a: duration[s]>", "map<utf8, int32>",
        "dictionary<values=int32, indices=int32>",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void ToDataType_TypesWithoutASqlType_AreRefusedNamingColumnAndType(string arrowName)
    {
        var arrow = RefusedTypes().Single(t => ArrowTypeMapping.Describe(t) == arrowName);
        var error = Assert.Throws<NotSupportedException>(() => ArrowTypeMapping.ToDataType(new Field("c", arrow, true)));
        Assert.Contains("Column 'c'", error.Message);
        Assert.Contains(arrowName, error.Message);
    }

    public static TheoryData<string, string> Nested => new()
    {
        { "decimal128(10, 2)", "decimal(10,2)" },
        { "decimal128(38, 38)", "decimal(38,38)" },
        { "list<item: double>", "array<double>" },
        { "large_list<item: int32>", "array<int>" },
        { "fixed_size_list<item: double>[3]", "array<double>" },
        { "struct<a: int32, l: list<element: utf8>>", "struct<a:int,l:array<string>>" },
        { "list<item: struct<a: large_utf8>>", "array<struct<a:string>>" },
    };

    [Theory]
    [MemberData(nameof(Nested))]
    public void ToDataType_DecimalsListsAndStructs_ReadAsSparksTypes(string arrowName, string simpleString)
    {
        var arrow = NestedTypes().Single(t => ArrowTypeMapping.Describe(t) == arrowName);
        var type = ArrowTypeMapping.ToDataType(new Field("c", arrow, true));
        Assert.Equal(simpleString, type.SimpleString);
        // Writing uses the canonical layout, which reads back as the same type.
        var canonical = ArrowTypeMapping.ToArrowType(type);
        Assert.True(ArrowTypeMapping.IsCanonical(canonical));
        Assert.Equal(type, ArrowTypeMapping.ToDataType(new Field("c", canonical, true)));
    }

    private static IEnumerable<ArrowTypes.IArrowType> NestedTypes() =>
    [
        new ArrowTypes.Decimal128Type(10, 2), new ArrowTypes.Decimal128Type(38, 38), new ArrowTypes.ListType(ArrowTypes.DoubleType.Default),
        new ArrowTypes.LargeListType(new Field("item", ArrowTypes.Int32Type.Default, true)),
        new ArrowTypes.FixedSizeListType(new Field("item", ArrowTypes.DoubleType.Default, true), 3),
        new ArrowTypes.StructType([new Field("a", ArrowTypes.Int32Type.Default, true), new Field("l", new ArrowTypes.ListType(new Field("element", ArrowTypes.StringType.Default, true)), true)]),
        new ArrowTypes.ListType(new ArrowTypes.StructType([new Field("a", ArrowTypes.LargeStringType.Default, true)])),
    ];

    [Fact]
    public void SameType_ComparesStructureNotInstances()
    {
        Assert.True(ArrowTypeMapping.SameType(new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Microsecond, "UTC"), ArrowTypeMapping.TimestampUtc));
        Assert.False(ArrowTypeMapping.SameType(new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Millisecond, "UTC"), ArrowTypeMapping.TimestampUtc));
        Assert.False(ArrowTypeMapping.SameType(ArrowTypeMapping.TimestampNaive, ArrowTypeMapping.TimestampUtc));
        // A list's item field is the writer's choice (item / element, nullable or not).
        Assert.True(ArrowTypeMapping.SameType(
            new ArrowTypes.ListType(new Field("item", ArrowTypes.DoubleType.Default, true)),
            new ArrowTypes.ListType(new Field("element", ArrowTypes.DoubleType.Default, false))));
        Assert.False(ArrowTypeMapping.SameType(
            new ArrowTypes.StructType([new Field("a", ArrowTypes.Int32Type.Default, true)]),
            new ArrowTypes.StructType([new Field("b", ArrowTypes.Int32Type.Default, true)])));
    }

    [Fact]
    public void ToArrowType_UserDefinedType_NotSupported() =>
        Assert.Throws<NotSupportedException>(() => ArrowTypeMapping.ToArrowType(new OpaqueType()));

    [Fact]
    public void Schemas_ConvertBothWaysKeepingNamesAndNullability()
    {
        var schema = new StructType(
            new StructField("id", DataTypes.Long, Nullable: false),
            new StructField("name", DataTypes.String),
            new StructField("at", DataTypes.Timestamp));
        var arrow = ArrowTypeMapping.ToArrowSchema(schema);
        Assert.Equal(["id", "name", "at"], arrow.FieldsList.Select(f => f.Name));
        Assert.Equal(["int64", "utf8", "timestamp[us, tz=UTC]"], arrow.FieldsList.Select(f => ArrowTypeMapping.Describe(f.DataType)));
        Assert.Equal([false, true, true], arrow.FieldsList.Select(f => f.IsNullable));
        Assert.Equal(schema, ArrowTypeMapping.ToStructType(arrow));

        var unsigned = new Schema([new Field("n", ArrowTypes.UInt32Type.Default, nullable: false)], null);
        Assert.Equal(new StructType(new StructField("n", DataTypes.Long, false)), ArrowTypeMapping.ToStructType(unsigned));
    }

    private static IEnumerable<ArrowTypes.IArrowType> ReadOnlyTypes() =>
    [
        ArrowTypes.UInt8Type.Default, ArrowTypes.UInt16Type.Default, ArrowTypes.UInt32Type.Default, ArrowTypes.UInt64Type.Default,
        ArrowTypes.HalfFloatType.Default, ArrowTypes.LargeStringType.Default, ArrowTypes.StringViewType.Default,
        ArrowTypes.LargeBinaryType.Default, ArrowTypes.Date64Type.Default,
        new ArrowTypes.DictionaryType(ArrowTypes.Int8Type.Default, ArrowTypes.StringType.Default, false),
        new ArrowTypes.DictionaryType(ArrowTypes.UInt32Type.Default, ArrowTypes.LargeStringType.Default, true),
        new ArrowTypes.DictionaryType(ArrowTypes.Int64Type.Default, ArrowTypes.BinaryType.Default, false),
        new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Millisecond, "Europe/Paris"),
        new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Nanosecond, (string?)null),
        new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Second, "+07:30"),
        new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Microsecond, "+00:00"),
    ];

    private static IEnumerable<ArrowTypes.IArrowType> RefusedTypes() =>
    [
        new ArrowTypes.Decimal256Type(40, 2), ArrowTypes.Time32Type.Millisecond, ArrowTypes.Time64Type.Nanosecond,
        ArrowTypes.DurationType.Second, new ArrowTypes.IntervalType(ArrowTypes.IntervalUnit.DayTime), new ArrowTypes.FixedSizeBinaryType(4),
        ArrowTypes.NullType.Default, new ArrowTypes.ListType(ArrowTypes.Time32Type.Millisecond),
        new ArrowTypes.StructType([new Field("a", ArrowTypes.DurationType.Second, true)]),
        new ArrowTypes.MapType(ArrowTypes.StringType.Default, ArrowTypes.Int32Type.Default),
        new ArrowTypes.DictionaryType(ArrowTypes.Int32Type.Default, ArrowTypes.Int32Type.Default, false),
    ];

    private sealed class OpaqueType : DataType
    {
        public override string TypeName => "opaque";
    }
}
