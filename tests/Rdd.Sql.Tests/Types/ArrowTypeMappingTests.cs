using Rdd.Sql.Arrow;
using Rdd.Sql.Types;
using ArrowTypes = Rdd.Sql.Arrow.Types;

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
        { DataTypes.Date, "date32[day]" },
        { DataTypes.Timestamp, "timestamp[us, tz=UTC]" },
        { DataTypes.TimestampNtz, "timestamp[us]" },
    };

    [Theory]
    [MemberData(nameof(Canonical))]
    public void ToArrowType_ThenBack_RoundTrips(DataType type, string arrowName)
    {
        var arrow = ArrowTypeMapping.ToArrowType(type);
        Assert.Equal(arrowName, arrow.Name);
        Assert.True(ArrowTypeMapping.IsCanonical(arrow));
        Assert.Same(type, ArrowTypeMapping.ToDataType(arrow));
    }

    public static TheoryData<string, DataType> ReadOnly => new()
    {
        { "uint8", DataTypes.Short },
        { "uint16", DataTypes.Integer },
        { "uint32", DataTypes.Long },
        { "uint64", DataTypes.Long },
        { "dictionary", DataTypes.String },
        { "timestamp[ms, tz=Europe/Paris]", DataTypes.Timestamp },
        { "timestamp[ns]", DataTypes.TimestampNtz },
        { "timestamp[s, tz=+07:30]", DataTypes.Timestamp },
    };

    [Theory]
    [MemberData(nameof(ReadOnly))]
    public void ToDataType_WiderArrowTypes_ReadAsSparksType(string arrowName, DataType expected)
    {
        var arrow = ReadOnlyTypes().Single(t => t.Name.StartsWith(arrowName, StringComparison.Ordinal));
        Assert.Same(expected, ArrowTypeMapping.ToDataType(arrow));
        Assert.False(ArrowTypeMapping.IsCanonical(arrow));
    }

    [Fact]
    public void ToDataType_ListTypes_NotSupported()
    {
        Assert.Throws<NotSupportedException>(() => ArrowTypeMapping.ToDataType(ArrowTypes.ListType.Default));
        Assert.Throws<NotSupportedException>(() => ArrowTypeMapping.ToDataType(new ArrowTypes.FixedSizeListType(3)));
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
        Assert.Equal("id: int64 not null, name: utf8, at: timestamp[us, tz=UTC]", arrow.ToString());
        Assert.Equal(schema, ArrowTypeMapping.ToStructType(arrow));

        var unsigned = new Schema([new Field("n", ArrowTypes.UInt32Type.Default, nullable: false)]);
        Assert.Equal(new StructType(new StructField("n", DataTypes.Long, false)), ArrowTypeMapping.ToStructType(unsigned));
    }

    private static IEnumerable<ArrowTypes.ArrowType> ReadOnlyTypes() =>
    [
        ArrowTypes.UInt8Type.Default, ArrowTypes.UInt16Type.Default, ArrowTypes.UInt32Type.Default, ArrowTypes.UInt64Type.Default,
        ArrowTypes.DictionaryType.Default,
        new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Millisecond, "Europe/Paris"),
        new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Nanosecond),
        new ArrowTypes.TimestampType(ArrowTypes.TimeUnit.Second, "+07:30"),
    ];

    private sealed class OpaqueType : DataType
    {
        public override string TypeName => "opaque";
    }
}
