using Rdd.Sql.Parsing;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Parsing;

public sealed class SchemaParserTests
{
    private static ParseException Fail(string ddl) => Assert.Throws<ParseException>(() => SchemaParser.Parse(ddl));

    [Fact]
    public void Parse_ColumnList_GivesNamesTypesAndNullability()
    {
        var schema = SchemaParser.Parse("a INT, b STRING, c DOUBLE NOT NULL");

        Assert.Equal(
            new StructType(
                new StructField("a", IntegerType.Instance),
                new StructField("b", StringType.Instance),
                new StructField("c", DoubleType.Instance, Nullable: false)),
            schema);
    }

    [Theory]
    [InlineData("x int", "int")]
    [InlineData("x Integer", "int")]
    [InlineData("x LONG", "bigint")]
    [InlineData("x bigint", "bigint")]
    [InlineData("x smallint", "smallint")]
    [InlineData("x byte", "tinyint")]
    [InlineData("x real", "float")]
    [InlineData("x BOOLEAN", "boolean")]
    [InlineData("x date", "date")]
    [InlineData("x timestamp", "timestamp")]
    [InlineData("x timestamp_ntz", "timestamp_ntz")]
    [InlineData("x binary", "binary")]
    [InlineData("x varchar(10)", "string")]
    [InlineData("x CHAR(3)", "string")]
    public void Parse_TypeNames_AreSparksAnyCase(string ddl, string simpleString)
    {
        Assert.Equal(simpleString, SchemaParser.Parse(ddl)[0].DataType.SimpleString);
    }

    [Fact]
    public void Parse_BackQuotedNames_KeepSpacesKeywordsAndDoubledQuotes()
    {
        var schema = SchemaParser.Parse("`first name` STRING, `select` INT, `a``b` DOUBLE, from BIGINT");

        Assert.Equal(["first name", "select", "a`b", "from"], schema.FieldNames);
    }

    [Fact]
    public void Parse_Comment_IsAcceptedAfterNotNull()
    {
        var schema = SchemaParser.Parse("id INT NOT NULL COMMENT 'the key', note STRING COMMENT \"free text\"");

        Assert.Equal("struct<id:int,note:string>", schema.SimpleString);
        Assert.False(schema[0].Nullable);
    }

    [Theory]
    [InlineData("struct<a:int,b:string>")]
    [InlineData("STRUCT<a: INT, b STRING>")]
    [InlineData("  struct< a : int , b : string >  ")]
    public void Parse_StructForm_GivesTheSameSchema(string ddl)
    {
        Assert.Equal("struct<a:int,b:string>", SchemaParser.Parse(ddl).SimpleString);
    }

    [Fact]
    public void Parse_EmptyStruct_IsAnEmptySchema()
    {
        Assert.Empty(SchemaParser.Parse("struct<>"));
    }

    [Theory]
    [InlineData("d DECIMAL(10,2)", "decimal(10,2)")]
    [InlineData("d decimal", "decimal(10,0)")]
    [InlineData("d NUMERIC(5)", "decimal(5,0)")]
    [InlineData("d dec(38, 38)", "decimal(38,38)")]
    [InlineData("a ARRAY<INT>", "array<int>")]
    [InlineData("a array<array<string>>", "array<array<string>>")]
    [InlineData("s STRUCT<a: INT, b: ARRAY<STRUCT<c DECIMAL(4,1)>>>", "struct<a:int,b:array<struct<c:decimal(4,1)>>>")]
    public void Parse_DecimalArrayAndStructTypes_AsSparkSpellsThem(string ddl, string simpleString)
    {
        var type = SchemaParser.Parse(ddl)[0].DataType;
        Assert.Equal(simpleString, type.SimpleString);
        Assert.Equal(type, DataType.ParseSimpleString(simpleString));
    }

    [Theory]
    [InlineData("d DECIMAL(39,2)")]
    [InlineData("d DECIMAL(5,6)")]
    public void Parse_DecimalBeyondSparksLimits_IsRefused(string ddl)
    {
        var error = Fail(ddl);
        Assert.StartsWith("[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION]", error.Message);
    }

    [Theory]
    [InlineData("a MAP<INT, INT>", "MAP<…>", 3)]
    [InlineData("a INT, b ARRAY<MAP<INT, INT>>", "MAP<…>", 16)]
    [InlineData("a interval", "INTERVAL", 3)]
    [InlineData("a int(3)", "INT(3)", 3)]
    public void Parse_TypeThisEngineLacks_IsUnsupportedDataType(string ddl, string written, int column)
    {
        var error = Fail(ddl);

        Assert.StartsWith($"[UNSUPPORTED_DATATYPE] Unsupported data type \"{written}\".", error.Message);
        Assert.Equal((1, column), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a INT,")]
    [InlineData("a")]
    [InlineData("a INT b STRING")]
    [InlineData("a INT NOT")]
    [InlineData("a INT COMMENT 3")]
    [InlineData("struct<a:int")]
    public void Parse_MalformedText_IsASyntaxError(string ddl)
    {
        Assert.StartsWith("[PARSE_SYNTAX_ERROR]", Fail(ddl).Message);
    }
}
