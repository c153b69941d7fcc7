using System.Text;
using Rdd.Sql.IO;
using Rdd.Sql.IO.Csv;
using Rdd.Sql.IO.Formats;

namespace Rdd.Sql.Tests.IO.Csv;

public class CsvSchemaInferenceTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("1|-2|+3|007", "int")]
    [InlineData("1|2147483648", "bigint")]
    [InlineData("-9223372036854775808", "bigint")]
    [InlineData("9223372036854775808", "double")]
    [InlineData("1.5|2|1e10|NaN|-Inf", "double")]
    [InlineData("true|FALSE|True", "boolean")]
    [InlineData("2024-01-31|1999-1-2", "date")]
    [InlineData("2024-01-31T10:00:00|2024-01-31 10:00:00.5Z", "timestamp")]
    [InlineData("2024-01-31|2024-02-01T00:00:00+01:00", "timestamp")]
    [InlineData("1|1.5|x", "string")]
    [InlineData("1|true", "string")]
    [InlineData("2024-02-30", "string")]
    [InlineData("1.5|2024-01-01", "string")]
    [InlineData(" 1", "string")]
    public void Infer_ValuesOfOneColumn_GiveSparksType(string values, string expected)
    {
        string path = _files.Write("c.csv", "v\n" + values.Replace('|', '\n') + "\n");
        var schema = CsvSchemaInference.Infer([path], new CsvOptions { Header = true, InferSchema = true });
        Assert.Equal(expected, Assert.Single(schema).DataType.SimpleString);
    }

    [Fact]
    public void Infer_NullsAndEmptyValues_DoNotChangeTheType_AllNullIsString()
    {
        string path = _files.Write("n.csv", "a,b,c,d\n1,,x,\n,,,\n2,\"\",y,NA\n3,,,\n");
        var schema = CsvSchemaInference.Infer([path], new CsvOptions { Header = true, InferSchema = true });
        Assert.Equal("struct<a:int,b:string,c:string,d:string>", schema.SimpleString);
        var withNullValue = CsvSchemaInference.Infer([path], new CsvOptions { Header = true, InferSchema = true, NullValue = "NA" });
        Assert.Equal("struct<a:int,b:string,c:string,d:string>", withNullValue.SimpleString);
        Assert.All(schema, f => Assert.True(f.Nullable));
    }

    [Fact]
    public void Infer_WithoutInferSchema_EveryColumnIsString()
    {
        string path = _files.Write("s.csv", "1,2.5,true\n");
        var schema = CsvSchemaInference.Infer([path], CsvOptions.Default);
        Assert.Equal("struct<_c0:string,_c1:string,_c2:string>", schema.SimpleString);
    }

    [Fact]
    public void Infer_HeaderNames_AreMadeSafeAsSpark()
    {
        string path = _files.Write("h.csv", "id,,Name,name,\"x,y\",id\n1,2,3,4,5,6\n");
        var schema = CsvSchemaInference.Infer([path], new CsvOptions { Header = true, InferSchema = true });
        Assert.Equal(["id0", "_c1", "Name2", "name3", "x,y", "id5"], schema.FieldNames);
    }

    [Fact]
    public void Infer_SeveralFiles_SkipsEachHeaderAndWidensAcrossFiles()
    {
        string first = _files.Write("part-0.csv", "n,when\n1,2024-01-01\n");
        string second = _files.Write("part-1.csv", "n,when\n5000000000,2024-01-02T03:04:05\n");
        var schema = CsvSchemaInference.Infer([first, second], new CsvOptions { Header = true, InferSchema = true });
        Assert.Equal("struct<n:bigint,when:timestamp>", schema.SimpleString);
    }

    [Fact]
    public void Infer_CommentCharacter_IsDataUnlessSet()
    {
        string path = _files.Write("x.csv", "\n# a comment\n1\n");
        Assert.Equal("struct<_c0:string>", CsvSchemaInference.Infer([path], new CsvOptions { InferSchema = true }).SimpleString);
        Assert.Equal("struct<_c0:int>", CsvSchemaInference.Infer([path], new CsvOptions { InferSchema = true, Comment = '#' }).SimpleString);
    }

    [Fact]
    public void Infer_LinesWithMoreFieldsThanTheFirst_IgnoreExtras()
    {
        string wide = _files.Write("w.csv", "1,2\n3,4,x\n");
        Assert.Equal("struct<_c0:int,_c1:int>", CsvSchemaInference.Infer([wide], new CsvOptions { InferSchema = true }).SimpleString);
    }

    [Fact]
    public void Infer_NoLines_GivesAnEmptySchema()
    {
        string path = _files.Write("empty.csv", "\n\n");
        Assert.Empty(CsvSchemaInference.Infer([path], new CsvOptions { Header = true, InferSchema = true }));
    }

    [Fact]
    public void Infer_CustomDateFormat_IsUsed()
    {
        string path = _files.Write("d.csv", "31/01/2024\n01/02/2024\n");
        var options = new CsvOptions { InferSchema = true, DateFormat = "dd/MM/yyyy" };
        Assert.Equal("date", Assert.Single(CsvSchemaInference.Infer([path], options)).DataType.SimpleString);
    }

    [Fact]
    public void Infer_LargeFileInParallelSplitsWithSampling_IsDeterministic()
    {
        var text = new StringBuilder("a,b\n");
        for (int i = 0; i < 20_000; i++)
        {
            text.Append(i).Append(',').Append(i % 2 == 0 ? "1" : "2.5").Append('\n');
        }
        string path = _files.Write("big.csv", text.ToString());
        var full = CsvSchemaInference.Infer([path], new CsvOptions { Header = true, InferSchema = true });
        Assert.Equal("struct<a:int,b:double>", full.SimpleString);
        var options = new CsvOptions { Header = true, InferSchema = true, SamplingRatio = 0.1 };
        Assert.Equal(CsvSchemaInference.Infer([path], options), CsvSchemaInference.Infer([path], options));
    }

    [Fact]
    public void Merge_IsTheJoinOfSparksWideningLattice()
    {
        DataType?[] types = [null, DataTypes.Integer, DataTypes.Long, DataTypes.Double, DataTypes.Boolean, DataTypes.Date, DataTypes.Timestamp, DataTypes.String];
        Assert.Equal(DataTypes.Long, CsvSchemaInference.Merge(DataTypes.Integer, DataTypes.Long));
        Assert.Equal(DataTypes.Double, CsvSchemaInference.Merge(DataTypes.Long, DataTypes.Double));
        Assert.Equal(DataTypes.Timestamp, CsvSchemaInference.Merge(DataTypes.Timestamp, DataTypes.Date));
        Assert.Equal(DataTypes.String, CsvSchemaInference.Merge(DataTypes.Boolean, DataTypes.Integer));
        foreach (var a in types)
        {
            Assert.Equal(a, CsvSchemaInference.Merge(a, null));
            foreach (var b in types)
            {
                Assert.Equal(CsvSchemaInference.Merge(a, b), CsvSchemaInference.Merge(b, a));
                foreach (var c in types)
                {
                    Assert.Equal(CsvSchemaInference.Merge(CsvSchemaInference.Merge(a, b), c), CsvSchemaInference.Merge(a, CsvSchemaInference.Merge(b, c)));
                }
            }
        }
    }

    [Fact]
    public void InferField_StartsFromTheTypeSoFar()
    {
        var formats = TemporalFormats.Iso;
        Assert.Equal(DataTypes.Long, CsvSchemaInference.InferField(DataTypes.Long, "1"u8, formats));
        Assert.Equal(DataTypes.Boolean, CsvSchemaInference.InferField(DataTypes.Double, "true"u8, formats));
        Assert.Equal(DataTypes.Timestamp, CsvSchemaInference.InferField(DataTypes.Timestamp, "2024-01-01"u8, formats));
        Assert.Equal(DataTypes.String, CsvSchemaInference.InferField(DataTypes.String, "1"u8, formats));
    }

    [Fact]
    public void Infer_ThenRead_ReadsTheFileBack()
    {
        string path = _files.Write("t.csv", "id,price,day,ok\n1,9.99,2024-03-01,true\n2,,2024-03-02,false\n");
        var options = new CsvOptions { Header = true, InferSchema = true, Mode = ParseMode.FailFast };
        var schema = CsvSchemaInference.Infer([path], options);
        var rows = BatchRows.Lines(BatchRows.Collect(CsvReader.Read(FileSplit.WholeFile(path), schema, options)));
        Assert.Equal(["1|9.99|2024-03-01|true", "2|null|2024-03-02|false"], rows);
    }
}
