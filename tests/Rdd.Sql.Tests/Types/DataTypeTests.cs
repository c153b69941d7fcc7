using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Types;

public class DataTypeTests
{
    public static TheoryData<DataType, string, string> Names => new()
    {
        { DataTypes.Byte, "tinyint", "byte" },
        { DataTypes.Short, "smallint", "short" },
        { DataTypes.Integer, "int", "integer" },
        { DataTypes.Long, "bigint", "long" },
        { DataTypes.Float, "float", "float" },
        { DataTypes.Double, "double", "double" },
        { DataTypes.Boolean, "boolean", "boolean" },
        { DataTypes.String, "string", "string" },
        { DataTypes.Binary, "binary", "binary" },
        { DataTypes.Date, "date", "date" },
        { DataTypes.Timestamp, "timestamp", "timestamp" },
        { DataTypes.TimestampNtz, "timestamp_ntz", "timestamp_ntz" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void SimpleStringAndTypeName_BuiltInTypes_AreSparks(DataType type, string simpleString, string typeName)
    {
        Assert.Equal(simpleString, type.SimpleString);
        Assert.Equal(typeName, type.TypeName);
        Assert.Equal(simpleString, type.ToString());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ParseSimpleString_SimpleStringOrTypeName_ReturnsTheType(DataType type, string simpleString, string typeName)
    {
        Assert.Same(type, DataType.ParseSimpleString(simpleString));
        Assert.Same(type, DataType.ParseSimpleString(typeName));
        Assert.Same(type, DataType.ParseSimpleString("  " + simpleString.ToUpperInvariant() + " "));
    }

    [Theory]
    [InlineData("real", "float")]
    [InlineData("timestamp_ltz", "timestamp")]
    [InlineData("Integer", "int")]
    [InlineData("LONG", "bigint")]
    public void ParseSimpleString_SqlAliases_Accepted(string text, string simpleString) =>
        Assert.Equal(simpleString, DataType.ParseSimpleString(text).SimpleString);

    [Fact]
    public void ParseSimpleString_UnknownName_ThrowsListingKnownTypes()
    {
        var error = Assert.Throws<FormatException>(() => DataType.ParseSimpleString("map<string,int>"));
        Assert.Contains("map<string,int>", error.Message);
        Assert.Contains("bigint", error.Message);
        Assert.False(DataType.TryParseSimpleString("varchar", out _));
        Assert.False(DataType.TryParseSimpleString(null, out _));
    }

    [Fact]
    public void Equality_IsByType()
    {
        Assert.Same(IntegerType.Instance, DataTypes.Integer);
        Assert.Equal<DataType>(DataTypes.Integer, DataType.ParseSimpleString("int"));
        Assert.True(DataTypes.Long == DataType.ParseSimpleString("bigint"));
        Assert.True(DataTypes.Long != DataTypes.Integer);
        Assert.False(DataTypes.Timestamp.Equals(DataTypes.TimestampNtz));
        Assert.Equal(DataTypes.Date.GetHashCode(), DataType.ParseSimpleString("date").GetHashCode());
        Assert.False(DataTypes.String.Equals((object?)"string"));
        DataType? none = null;
        Assert.True(none == null);
        Assert.False(DataTypes.String == none);
    }

    [Fact]
    public void Equality_UserDefinedType_ComparesByClass()
    {
        Assert.Equal<DataType>(new VectorLikeType(), new VectorLikeType());
        Assert.NotEqual<DataType>(new VectorLikeType(), DataTypes.Binary);
        Assert.Equal("vector", new VectorLikeType().SimpleString);
    }

    private sealed class VectorLikeType : DataType
    {
        public override string TypeName => "vector";
    }
}
