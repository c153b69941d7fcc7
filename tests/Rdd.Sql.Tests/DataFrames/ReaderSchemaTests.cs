using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.DataFrames;

/// <summary><c>Read.Schema(…)</c>: no inference, columns by position (CSV) or name (JSON, Arrow), parse modes per value.</summary>
public sealed class ReaderSchemaTests : DataFrameTestBase
{
    private string WriteFile(string extension, string content)
    {
        string path = TempPath() + extension;
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The <see cref="MalformedRecordException"/> a failed read was caused by (tasks wrap it in a job failure).</summary>
    private static MalformedRecordException Malformed(Action read)
    {
        Exception? error = Assert.ThrowsAny<Exception>(read);
        while (error is not null and not MalformedRecordException)
        {
            error = error.InnerException;
        }
        return Assert.IsType<MalformedRecordException>(error);
    }

    [Fact]
    public void Csv_WithoutHeader_TakesColumnsByPosition()
    {
        string file = WriteFile(".csv", "1,alice,1.5\n2,bob,2\n");

        var df = Sql.Read.Schema("id INT, name STRING, score DOUBLE").Csv(file, header: false);

        Assert.Equal("struct<id:int,name:string,score:double>", df.Schema.SimpleString);
        Assert.Equal([new Row(1, "alice", 1.5), new Row(2, "bob", 2.0)], df.Collect());
    }

    [Fact]
    public void Csv_WithHeader_SkipsItAndStillTakesColumnsByPosition()
    {
        // enforceSchema defaults to true, as in Spark: the header's names do not matter.
        string file = WriteFile(".csv", "x,y,z\n1,alice,1.5\n");

        var df = Sql.Read.Schema("id INT, name STRING, score DOUBLE").Csv(file);

        Assert.Equal([new Row(1, "alice", 1.5)], df.Collect());
    }

    [Fact]
    public void Csv_SchemaOverridesWhatInferenceWouldFind()
    {
        string file = WriteFile(".csv", "id,code,extra\n1,007,x\n");

        var df = Sql.Read.Schema("id STRING, code STRING").Csv(file);

        Assert.Equal("struct<id:string,code:string>", df.Schema.SimpleString);
        Assert.Equal([new Row("1", "007")], df.Collect());
    }

    [Fact]
    public void Csv_NotNullColumns_AreReadAsNullable()
    {
        string file = WriteFile(".csv", "1,\n");

        var df = Sql.Read.Schema("a INT NOT NULL, b DOUBLE NOT NULL").Csv(file, header: false);

        Assert.All(df.Schema, field => Assert.True(field.Nullable));
        Assert.Equal([new Row(1, null)], df.Collect());
    }

    [Fact]
    public void Csv_FailFast_NamesFileLineAndColumnOfABadValue()
    {
        string file = WriteFile(".csv", "id,score\n1,1.5\n2,oops\n");

        var error = Malformed(() => Sql.Read.Schema("id INT, score DOUBLE").Option("mode", "FAILFAST").Csv(file).Collect());

        Assert.Equal(file, error.Path);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("score", error.ColumnName);
        Assert.Equal(2, error.ColumnPosition);
        Assert.Equal("oops", error.Value);
    }

    [Fact]
    public void Csv_Permissive_MakesABadValueNull()
    {
        string file = WriteFile(".csv", "1,1.5\n2,oops\n");

        var rows = Sql.Read.Schema("id INT, score DOUBLE").Csv(file, header: false).Collect();

        Assert.Equal([new Row(1, 1.5), new Row(2, null)], rows);
    }

    [Fact]
    public void Csv_DropMalformed_DropsTheRow()
    {
        string file = WriteFile(".csv", "1,1.5\n2,oops\n3,3\n");

        var rows = Sql.Read.Schema("id INT, score DOUBLE").Option("mode", "DROPMALFORMED").Csv(file, header: false).Collect();

        Assert.Equal([new Row(1, 1.5), new Row(3, 3.0)], rows);
    }

    [Fact]
    public void Csv_EnforceSchemaFalse_AcceptsAMatchingHeaderIgnoringCase()
    {
        string file = WriteFile(".csv", "ID,Name\n1,alice\n");

        var rows = Sql.Read.Schema("id INT, name STRING").Option("enforceSchema", "false").Csv(file).Collect();

        Assert.Equal([new Row(1, "alice")], rows);
    }

    [Fact]
    public void Csv_EnforceSchemaFalse_RefusesAHeaderInAnotherOrder()
    {
        string file = WriteFile(".csv", "name,id\nalice,1\n");

        var error = Assert.ThrowsAny<Exception>(() =>
            Sql.Read.Schema("id INT, name STRING").Option("enforceSchema", "false").Csv(file).Collect());

        Assert.Contains(
            $"CSV header does not conform to the schema.\n Header: name, id\n Schema: id, name\nExpected: id but found: name\nCSV file: {file}",
            error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_EnforceSchemaFalse_RefusesAHeaderOfAnotherLength()
    {
        string file = WriteFile(".csv", "id\n1\n");

        var error = Assert.ThrowsAny<Exception>(() =>
            Sql.Read.Schema("id INT, name STRING").Option("enforceSchema", "false").Csv(file).Collect());

        Assert.Contains("Number of column in CSV header is not equal to number of fields in the schema:\n Header length: 1, schema size: 2",
            error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_TypeCsvCannotHold_IsRefusedByNameAtTheCsvCall()
    {
        string file = WriteFile(".csv", "1,AA==\n");

        var error = Assert.Throws<AnalysisException>(() => Sql.Read.Schema("id INT, payload BINARY").Csv(file));

        Assert.Equal("[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The CSV datasource doesn't support the column `payload` of the type \"BINARY\".",
            error.Message);
    }

    [Fact]
    public void Json_TakesFieldsByName()
    {
        string file = WriteFile(".json", "{\"b\":\"x\",\"a\":1,\"extra\":true}\n{\"a\":2}\n");

        var df = Sql.Read.Schema("a INT, b STRING").Json(file);

        Assert.Equal("struct<a:int,b:string>", df.Schema.SimpleString);
        Assert.Equal([new Row(1, "x"), new Row(2, null)], df.Collect());
    }

    [Fact]
    public void Json_WithSchema_MakesNoInferencePass()
    {
        // Inference under FAILFAST would fail on the broken line at Json(); with a schema only the read does.
        string file = WriteFile(".json", "{\"a\":1}\n{broken\n");

        var df = Sql.Read.Schema("a INT").Option("mode", "FAILFAST").Json(file);

        var error = Malformed(() => df.Collect());
        Assert.Equal(2, error.LineNumber);
    }

    [Fact]
    public void Json_ValueOfTheWrongType_FollowsTheMode()
    {
        string file = WriteFile(".json", "{\"a\":1,\"b\":1.5}\n{\"a\":\"two\",\"b\":2}\n");

        var error = Malformed(() => Sql.Read.Schema("a INT, b DOUBLE").Option("mode", "FAILFAST").Json(file).Collect());
        Assert.Equal((2L, "a", 1), (error.LineNumber, error.ColumnName, error.ColumnPosition));

        Assert.Equal([new Row(1, 1.5), new Row(null, 2.0)], Sql.Read.Schema("a INT, b DOUBLE").Json(file).Collect());
        Assert.Equal([new Row(1, 1.5)], Sql.Read.Schema("a INT, b DOUBLE").Option("mode", "DROPMALFORMED").Json(file).Collect());
    }

    [Fact]
    public void Arrow_SchemaSubsetInAnyOrder_IsReadByName()
    {
        string folder = TempPath();
        PeopleFrame().Select("Id", "Name", "Score").Write.Arrow(folder);

        var df = Sql.Read.Schema("Score DOUBLE, Id INT").Arrow(folder);

        Assert.Equal("struct<Score:double,Id:int>", df.Schema.SimpleString);
        Assert.Equal(People.Select(p => new Row(p.Score, p.Id)), df.Collect().OrderBy(r => (int)r[1]!));
    }

    [Fact]
    public void Arrow_MissingColumn_IsRefusedByName()
    {
        string folder = TempPath();
        PeopleFrame().Select("Id").Write.Arrow(folder);

        var error = Assert.Throws<AnalysisException>(() => Sql.Read.Schema("Id INT, Age INT").Arrow(folder));

        Assert.Contains("no column `Age`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arrow_ColumnOfAnotherType_IsRefusedNamingBothTypes()
    {
        string folder = TempPath();
        PeopleFrame().Select("Id").Write.Arrow(folder);

        var error = Assert.Throws<AnalysisException>(() => Sql.Read.Schema("Id STRING").Arrow(folder));

        Assert.Contains("Column `Id` of the Arrow file", error.Message, StringComparison.Ordinal);
        Assert.Contains("is int, not string as the schema says", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_OneStringColumn_NamesTheColumn()
    {
        string file = WriteFile(".txt", "a\nb\n");

        var df = Sql.Read.Schema("line STRING").Text(file);

        Assert.Equal(["line"], df.Columns);
        Assert.Equal([new Row("a"), new Row("b")], df.Collect());
    }

    [Fact]
    public void Text_SchemaThatIsNotOneString_IsRefused()
    {
        string file = WriteFile(".txt", "a\n");

        Assert.Equal("Text data source supports only a single column, and you have 2 columns.",
            Assert.Throws<AnalysisException>(() => Sql.Read.Schema("a STRING, b STRING").Text(file)).Message);
        Assert.Equal("[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The Text datasource doesn't support the column `n` of the type \"INT\".",
            Assert.Throws<AnalysisException>(() => Sql.Read.Schema("n INT").Text(file)).Message);
    }

    [Fact]
    public void Schema_DuplicateNames_AreRefused()
    {
        var error = Assert.Throws<AnalysisException>(() => Sql.Read.Schema("a INT, A STRING"));

        Assert.Equal("[COLUMN_ALREADY_EXISTS] The column `a` already exists. Choose another name or rename the existing column.", error.Message);
    }

    [Fact]
    public void Schema_StructType_IsUsedAsGiven()
    {
        string file = WriteFile(".csv", "1,x\n");
        var schema = new StructType(new StructField("n", LongType.Instance), new StructField("s", StringType.Instance));

        var df = Sql.Read.Schema(schema).Csv(file, header: false);

        Assert.Equal([new Row(1L, "x")], df.Collect());
    }
}
