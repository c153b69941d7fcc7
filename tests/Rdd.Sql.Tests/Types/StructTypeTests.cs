using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Types;

public class StructTypeTests
{
    private static readonly StructType People = new(
        new StructField("id", DataTypes.Integer, Nullable: false),
        new StructField("name", DataTypes.String),
        new StructField("born", DataTypes.Date),
        new StructField("score", DataTypes.Double));

    [Fact]
    public void TreeString_UsesTypeNamesAndSparksLayout()
    {
        var schema = new StructType(
            new StructField("a", DataTypes.Integer),
            new StructField("b", DataTypes.Long, Nullable: false),
            new StructField("c", DataTypes.String),
            new StructField("d", DataTypes.TimestampNtz));
        Assert.Equal(
            "root\n |-- a: integer (nullable = true)\n |-- b: long (nullable = false)\n |-- c: string (nullable = true)\n |-- d: timestamp_ntz (nullable = true)\n",
            schema.TreeString());
        Assert.Equal("root\n", new StructType().TreeString());
    }

    [Fact]
    public void SimpleString_UsesSqlNames() =>
        Assert.Equal("struct<id:int,name:string,born:date,score:double>", People.SimpleString);

    [Fact]
    public void FieldsAndNames_InOrder()
    {
        Assert.Equal(4, People.Count);
        Assert.Equal(["id", "name", "born", "score"], People.FieldNames);
        Assert.Equal("born", People[2].Name);
        Assert.Equal(People.Fields, People.ToList());
        Assert.False(People[0].Nullable);
    }

    [Theory]
    [InlineData("name", 1)]
    [InlineData("NAME", 1)]
    [InlineData("Score", 3)]
    [InlineData("missing", -1)]
    public void IndexOf_MatchesCaseInsensitively(string name, int expected) => Assert.Equal(expected, People.IndexOf(name));

    [Fact]
    public void IndexOf_ExactMatchWinsOverOtherCase()
    {
        var schema = new StructType(new StructField("a", DataTypes.Integer), new StructField("A", DataTypes.Long));
        Assert.Equal(0, schema.IndexOf("a"));
        Assert.Equal(1, schema.IndexOf("A"));
    }

    [Fact]
    public void IndexOf_SeveralCaseInsensitiveMatchesAndNoExactOne_Throws()
    {
        var schema = new StructType(new StructField("Ab", DataTypes.Integer), new StructField("aB", DataTypes.Long));
        var error = Assert.Throws<ArgumentException>(() => schema.IndexOf("ab"));
        Assert.Contains("ambiguous", error.Message);
    }

    [Fact]
    public void NameIndexer_UnknownName_ThrowsListingFields()
    {
        Assert.Same(People[1], People["Name"]);
        var error = Assert.Throws<ArgumentException>(() => People["nope"]);
        Assert.Contains("id, name, born, score", error.Message);
    }

    [Fact]
    public void Equality_ComparesNamesTypesAndNullability()
    {
        var same = new StructType(People.Fields.ToList());
        Assert.Equal(People, same);
        Assert.True(People == same);
        Assert.Equal(People.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(People, People.Add("extra", DataTypes.Boolean));
        Assert.NotEqual(new StructType(new StructField("a", DataTypes.Integer)), new StructType(new StructField("a", DataTypes.Integer, false)));
        Assert.NotEqual(new StructType(new StructField("a", DataTypes.Integer)), new StructType(new StructField("A", DataTypes.Integer)));
    }

    [Fact]
    public void Add_ReturnsNewSchemaAndLeavesOriginal()
    {
        var added = People.Add("flag", DataTypes.Boolean, nullable: false);
        Assert.Equal(4, People.Count);
        Assert.Equal(new StructField("flag", DataTypes.Boolean, false), added[4]);
    }

    [Fact]
    public void StructField_NullNameOrType_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new StructField(null!, DataTypes.Integer));
        Assert.Throws<ArgumentNullException>(() => new StructField("a", null!));
        Assert.Equal("StructField(a,int,true)", new StructField("a", IntegerType.Instance).ToString());
    }
}
