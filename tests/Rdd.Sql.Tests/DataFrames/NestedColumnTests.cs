using Rdd.Sql.Tests.Arrow;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.DataFrames;

public sealed record Address(string City, int? Zip);

public sealed record Customer(int Id, int[] Scores, List<string?>? Tags, Address? Home, Address[] Past);

/// <summary>Array and struct columns: built from .NET objects, read from other tools' Arrow files, carried through operators and files.</summary>
public sealed class NestedColumnTests : DataFrameTestBase
{
    private static readonly Customer[] s_customers =
    [
        new(1, [1, 2, 3], ["a", null], new Address("Oslo", 150), [new Address("Rome", null)]),
        new(2, [], null, null, []),
        new(3, [7], ["b"], new Address("Lima", null), [new Address("Kyiv", 1), new Address("Nice", 2)]),
    ];

    private DataFrame Customers() => Sql.CreateDataFrame(s_customers);

    [Fact]
    public void CreateDataFrame_ArraysListsAndRecords_BecomeArrayAndStructColumns()
    {
        var schema = Customers().Schema;
        Assert.Equal("array<int>", schema["Scores"].DataType.SimpleString);
        Assert.False(((ArrayType)schema["Scores"].DataType).ContainsNull);
        Assert.True(((ArrayType)schema["Tags"].DataType).ContainsNull);
        Assert.Equal("struct<City:string,Zip:int>", schema["Home"].DataType.SimpleString);
        Assert.Equal("array<struct<City:string,Zip:int>>", schema["Past"].DataType.SimpleString);
        Assert.Equal(
            "root\n |-- Id: integer (nullable = false)\n |-- Scores: array (nullable = true)\n |    |-- element: integer (containsNull = false)\n"
            + " |-- Tags: array (nullable = true)\n |    |-- element: string (containsNull = true)\n"
            + " |-- Home: struct (nullable = true)\n |    |-- City: string (nullable = true)\n |    |-- Zip: integer (nullable = true)\n"
            + " |-- Past: array (nullable = true)\n |    |-- element: struct (containsNull = true)\n |    |    |-- City: string (nullable = true)\n |    |    |-- Zip: integer (nullable = true)\n",
            schema.TreeString());
    }

    [Fact]
    public void Collect_ArraysAsObjectArrays_StructsAsRows_ReadTypedWithGet()
    {
        var rows = Customers().OrderBy("Id").Collect();
        Assert.Equal(new object?[] { 1, 2, 3 }, (object?[])rows[0]["Scores"]!);
        Assert.Equal([1, 2, 3], rows[0].Get<int[]>(1));
        Assert.Equal(["a", null], rows[0].Get<List<string?>>(2));
        var home = Assert.IsType<Row>(rows[0]["Home"]);
        Assert.Equal("Oslo", home["City"]);
        Assert.Equal(150, home["Zip"]);
        Assert.Null(rows[1]["Home"]);
        Assert.Null(rows[1]["Tags"]);
        Assert.Empty((object?[])rows[1]["Scores"]!);
        var past = (object?[])rows[2]["Past"]!;
        Assert.Equal(new Row("Nice", 2), new Row(((Row)past[1]!).Values));
    }

    [Fact]
    public void Show_NestedValues_InSparksText()
    {
        var text = Customers().OrderBy("Id").Select("Scores", "Tags", "Home").ShowString();
        Assert.Equal(
            "+---------+---------+------------+\n|   Scores|     Tags|        Home|\n+---------+---------+------------+\n"
            + "|[1, 2, 3]|[a, null]| {Oslo, 150}|\n|       []|     null|        null|\n|      [7]|      [b]|{Lima, null}|\n"
            + "+---------+---------+------------+\n",
            text);
    }

    [Fact]
    public void Operators_ShuffleSortJoinCacheAndFilter_CarryNestedPayloads()
    {
        var frame = Customers().Cache();
        var ids = Sql.CreateDataFrame(new[] { new { Id = 3, Tag = "x" }, new { Id = 1, Tag = "y" } });
        var joined = frame.Join(ids, "Id").OrderBy(Functions.Col("Id").Desc()).Collect();
        Assert.Equal(2, joined.Length);
        Assert.Equal(new object?[] { 7 }, (object?[])joined[0]["Scores"]!);
        Assert.Equal(2, ((object?[])joined[0]["Past"]!).Length);
        Assert.Equal("Oslo", ((Row)joined[1]["Home"]!)["City"]);
        var filtered = frame.Where(Functions.Col("Id") > 1).OrderBy("Id").Collect();
        Assert.Equal([2, 3], filtered.Select(r => (int)r["Id"]!));
        Assert.Equal(3, frame.GroupBy("Id").Count().Count());
    }

    [Fact]
    public void ReadJson_MalformedNestedValue_IsAMalformedRecord()
    {
        string dir = TempPath();
        Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, "n.json"),
        [
            """{"a":[1,2,null],"s":{"x":"p","y":[1.5],"z":true}}""",
            """{"a":"not an array","s":{"x":1}}""",
            """{"s":{"y":null}}""",
        ]);
        var frame = Sql.Read.Schema("a ARRAY<INT>, s STRUCT<x: STRING, y: ARRAY<DOUBLE>>").Json(dir);
        var rows = frame.Collect();
        Assert.Equal("[[1, 2, null],{p, [1.5]}]", rows[0].ToString());
        Assert.Equal("[null,null]", rows[1].ToString());   // permissive: the malformed record's fields are null
        Assert.Equal("[null,{null, null}]", rows[2].ToString());
        Assert.Throws<Rdd.Core.JobFailedException>(() => Sql.Read.Schema("a ARRAY<INT>").Option("mode", "FAILFAST").Json(dir).Collect());
    }

    [Fact]
    public void StructFieldAccess_DottedNameAndGetField_NullWhereTheStructIsNull()
    {
        var frame = Customers().OrderBy("Id");
        var cities = frame.Select("Home.City", "Id");
        Assert.Equal(["City", "Id"], cities.Columns);
        Assert.Equal(DataTypes.String, cities.Schema["City"].DataType);
        Assert.Equal(["Oslo", null, "Lima"], cities.Collect().Select(r => (string?)r[0]));
        Assert.Equal([150, null, null], frame.Select(Functions.Col("Home").GetField("zip")).Collect().Select(r => (int?)r[0]));
        Assert.Equal([1], frame.Where(Functions.Col("Home.Zip") > 100).Collect().Select(r => (int)r["Id"]!));
        var error = Assert.Throws<AnalysisException>(() => frame.Select("Home.Country").Schema);
        Assert.Contains("Country", error.Message);
    }

    [Fact]
    public void SizeGetItemAndElementAt_AsSpark()
    {
        var rows = Customers().OrderBy("Id").Select(
            Functions.Size(Functions.Col("Scores")).As("n"),
            Functions.Size(Functions.Col("Tags")).As("tags"),
            Functions.Col("Scores").GetItem(0).As("first"),
            Functions.ElementAt(Functions.Col("Scores"), -1).As("last"),
            Functions.Col("Tags").GetItem(1).As("tag1"),
            Functions.ElementAt(Functions.Col("Past"), 1).GetField("City").As("firstCity")).Collect();
        Assert.Equal([3, 0, 1], rows.Select(r => (int)r["n"]!));
        Assert.Equal([2, -1, 1], rows.Select(r => (int)r["tags"]!));
        Assert.Equal([1, null, 7], rows.Select(r => (int?)r["first"]));
        Assert.Equal([3, null, 7], rows.Select(r => (int?)r["last"]));
        Assert.Equal([null, null, null], rows.Select(r => (string?)r["tag1"]));
        Assert.Equal(["Rome", null, "Kyiv"], rows.Select(r => (string?)r["firstCity"]));
        Assert.Throws<AnalysisException>(() => Customers().Select(Functions.Size(Functions.Col("Id"))).Schema);
    }

    [Fact]
    public void Explode_OneRowPerItem_NullAndEmptyArraysGiveNone()
    {
        var exploded = Customers().Select(Functions.Col("Id"), Functions.Explode(Functions.Col("Tags")).As("tag"), Functions.Col("Home.City"));
        Assert.Equal(["Id", "tag", "City"], exploded.Columns);
        Assert.Equal(DataTypes.String, exploded.Schema["tag"].DataType);
        var rows = exploded.OrderBy("Id", "tag").Collect();
        Assert.Equal(["[1,null,Oslo]", "[1,a,Oslo]", "[3,b,Lima]"], rows.Select(r => r.ToString()));
        // Items of struct type, unnamed (Spark's "col"), then filtered and grouped above the generator.
        var past = Customers().Select(Functions.Explode(Functions.Col("Past")));
        Assert.Equal(["col"], past.Columns);
        Assert.Equal(["Kyiv", "Nice", "Rome"], past.Select("col.City").OrderBy("City").Collect().Select(r => (string)r[0]!));
        Assert.Equal(2, past.Where(Functions.Col("col.Zip").IsNotNull()).Count());
        Assert.Equal(6, Customers().Select(Functions.Explode(Functions.Col("Scores")).As("s")).Agg(Functions.Sum("s")).First().Get<long>(0) - 7);
        Assert.Throws<AnalysisException>(() => Customers().Select(Functions.Explode(Functions.Col("Id"))).Schema);
        Assert.Throws<AnalysisException>(() => Customers().Select(Functions.Explode(Functions.Col("Scores")), Functions.Explode(Functions.Col("Tags"))).Schema);
    }

    [Fact]
    public void Cast_NestedToString_IsSparksText_AndNothingCastsIntoANestedType()
    {
        var text = Customers().OrderBy("Id").Select(Functions.Col("Scores").Cast("string"), Functions.Col("Home").Cast("string")).Collect();
        Assert.Equal(["[1, 2, 3]", "[]", "[7]"], text.Select(r => (string)r[0]!));
        Assert.Equal(["{Oslo, 150}", null, "{Lima, null}"], text.Select(r => (string?)r[1]));
        Assert.Throws<AnalysisException>(() => Customers().Select(Functions.Col("Id").Cast("array<int>")).Schema);
        Assert.Throws<AnalysisException>(() => Customers().Select(Functions.Col("Scores").Cast("int")).Schema);
    }

    [Fact]
    public void KeysOfNestedTypes_AreAnalysisErrors_NamingOperationAndType()
    {
        var frame = Customers();
        Assert.Contains("ORDER BY", Assert.Throws<AnalysisException>(() => frame.OrderBy("Scores").Schema).Message);
        Assert.Contains("array<int>", Assert.Throws<AnalysisException>(() => frame.GroupBy("Scores").Count().Schema).Message);
        Assert.Contains("DISTINCT", Assert.Throws<AnalysisException>(() => frame.Select("Home").Distinct().Schema).Message);
        Assert.Contains("struct<City:string,Zip:int>", Assert.Throws<AnalysisException>(() => frame.Where(Functions.Col("Home") == Functions.Col("Home")).Schema).Message);
    }

    [Fact]
    public void WriteArrow_ThenRead_RoundTripsNestedColumns()
    {
        string path = TempPath();
        Customers().Write.Arrow(path);
        var back = Sql.Read.Arrow(path);
        Assert.Equal(Customers().Schema.Fields.Select(f => f.DataType), back.Schema.Fields.Select(f => f.DataType));
        Assert.Equal(Customers().OrderBy("Id").Collect(), back.OrderBy("Id").Collect());
    }

    [Fact]
    public void WriteArrow_NestedAndDecimalColumns_ReadByApacheArrowJs()
    {
        string path = TempPath();
        Customers().OrderBy("Id").Select(Functions.Col("Id"), Functions.Col("Scores"), Functions.Col("Tags"), Functions.Col("Home"), Functions.Col("Past"),
            (Functions.Col("Id").Cast("decimal(5,2)") / Functions.Lit(-4)).As("ratio")).Write.Arrow(path);
        var parts = Directory.GetFiles(path, "part-*").Order(StringComparer.Ordinal).ToArray();
        var read = System.Text.Json.Nodes.JsonNode.Parse(Rdd.Tests.Shared.NodeInterop.RunScript("arrow-read.mjs", parts))!.AsObject();
        var fields = parts.Select(p => read[p]!["fields"]!.AsArray()).ToArray();
        string Column(string name) => string.Join(",", fields.SelectMany(f => f.Single(x => (string)x!["name"]! == name)!["values"]!.AsArray()).Select(v => v?.ToJsonString() ?? "null"));
        Assert.Equal("List<Int32>", (string)fields[0].Single(x => (string)x!["name"]! == "Scores")!["type"]!);
        Assert.Equal("[1,2,3],[],[7]", Column("Scores"));
        Assert.Equal("""["a",null],null,["b"]""", Column("Tags"));
        Assert.Equal("""{"City":"Oslo","Zip":150},null,{"City":"Lima","Zip":null}""", Column("Home"));
        Assert.Equal("""[{"City":"Rome","Zip":null}],[],[{"City":"Kyiv","Zip":1},{"City":"Nice","Zip":2}]""", Column("Past"));
        // decimal(5,2) / decimal(10,0) (the int literal) is decimal(16,13): JS sees the unscaled values -0.25 × 10^13 ...
        Assert.Equal("\"-2500000000000\",\"-5000000000000\",\"-7500000000000\"", Column("ratio"));
        Assert.Equal("Decimal[16e+13]", (string)fields[0].Single(x => (string)x!["name"]! == "ratio")!["type"]!);
    }

    [Fact]
    public void WriteJson_NestedValues_AsSparksJson_ReadBackWithTheSchema_AndCsvRefusesThemByName()
    {
        string path = TempPath();
        Customers().Write.Json(path);
        var lines = Directory.GetFiles(path, "part-*").SelectMany(File.ReadAllLines).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            """{"Id":1,"Scores":[1,2,3],"Tags":["a",null],"Home":{"City":"Oslo","Zip":150},"Past":[{"City":"Rome"}]}""",
            lines[0]);
        Assert.Equal("""{"Id":2,"Scores":[],"Past":[]}""", lines[1]);
        // Read back with the schema, as Spark's JSON source does.
        var back = Sql.Read.Schema(Customers().Schema).Json(path).OrderBy("Id").Collect();
        Assert.Equal(Customers().OrderBy("Id").Collect().Select(r => r.ToString()), back.Select(r => r.ToString()));
        var error = Assert.ThrowsAny<Exception>(() => Customers().Write.Csv(TempPath()));
        Assert.Contains("Scores", error.Message);
        Assert.Contains("array<int>", error.Message);
    }

    [GoldenFact]
    public void ReadArrow_IntegrationNestedFile_ListFixedSizeListAndStruct()
    {
        var frame = Sql.Read.Arrow(GoldenFiles.PathOf("generated_nested", "arrow_file"));
        Assert.Equal("array<int>", frame.Schema["list_nullable"].DataType.SimpleString);
        Assert.Equal("array<int>", frame.Schema["fixedsizelist_nullable"].DataType.SimpleString);
        Assert.Equal("struct<f1:int,f2:string>", frame.Schema["struct_nullable"].DataType.SimpleString);
        var json = IntegrationJson.Load(GoldenFiles.PathOf("generated_nested", "json.gz"));
        var rows = frame.Collect();
        Assert.Equal(json.RowCount, rows.Length);
        foreach (var column in new[] { "list_nullable", "fixedsizelist_nullable", "struct_nullable" })
        {
            Assert.Equal(json.NestedValues(column), rows.Select(r => new Row(r[column]).ToString()[1..^1]).ToList());
        }
    }

    [GoldenTheory]
    [InlineData("generated_custom_metadata", "list_with_odd_values")]
    [InlineData("generated_duplicate_fieldnames", "struct")]
    public void ReadArrow_IntegrationFilesNestedColumns_MatchTheJson(string name, string column)
    {
        foreach (var format in GoldenFiles.Formats)
        {
            // duplicate_fieldnames has two "ints" columns of different types, so only the struct is read (its fields are both called "").
            var reader = column == "struct"
                ? Sql.Read.Schema(new StructType(new StructField("struct", new StructType(new StructField("", DataTypes.Integer), new StructField("", DataTypes.String)))))
                : Sql.Read;
            var rows = reader.Arrow(GoldenFiles.PathOf(name, format)).Collect();
            var json = IntegrationJson.Load(GoldenFiles.PathOf(name, "json.gz"));
            var expected = json.NestedValues(column);
            Assert.True(expected.Count > 0);
            Assert.Equal(expected, rows.Select(r => new Row(r[column]).ToString()[1..^1]).ToList());
        }
    }
}

/// <summary>In MapReduce mode exchanges write batches as Arrow IPC files: nested and decimal columns go through them too.</summary>
public sealed class NestedColumnMapReduceTests : IDisposable
{
    private readonly Rdd.Core.RddContext _context = new(new Rdd.Core.RddConfig
    {
        Parallelism = 2,
        ExecutionMode = Rdd.Core.ExecutionMode.MapReduce,
        LocalDir = Path.Combine(Path.GetTempPath(), "rdd-sql-nested-tests", Guid.NewGuid().ToString("N")),
    });

    public void Dispose() => _context.Dispose();

    [Fact]
    public void JoinSortAndDecimalSum_ShuffleNestedAndDecimalColumnsThroughFiles()
    {
        var sql = new SqlContext(_context);
        var customers = sql.CreateDataFrame(Enumerable.Range(0, 50).Select(i =>
            new Customer(i, [i, i + 1], i % 5 == 0 ? null : [$"t{i}"], i % 7 == 0 ? null : new Address($"c{i % 3}", i), [])));
        var amounts = sql.CreateDataFrame(Enumerable.Range(0, 50).Select(i => new { Id = i, Amount = i * 1.25m }));
        var joined = customers.Join(amounts, "Id").OrderBy(Functions.Col("Id").Desc()).Collect();
        Assert.Equal(50, joined.Length);
        Assert.Equal(new object?[] { 49, 50 }, (object?[])joined[0]["Scores"]!);
        Assert.Null(joined[0]["Home"]);   // Id 49 is a multiple of 7
        Assert.Equal("c0", ((Row)joined[1]["Home"]!)["City"]);
        Assert.Null(joined[7]["Home"]);   // Id 42 has no home
        var sums = amounts.Join(customers, "Id").Select(Functions.Col("Home.City").As("city"), Functions.Col("Amount"))
            .GroupBy("city").Agg(Functions.Sum("Amount").As("total"))
            .OrderBy("city").Collect();
        decimal Expected(int k) => Enumerable.Range(0, 50).Where(i => i % 7 != 0 && i % 3 == k).Sum(i => i * 1.25m);
        Assert.Equal([null, "c0", "c1", "c2"], sums.Select(r => (string?)r["city"]));
        Assert.Equal(Enumerable.Range(0, 50).Where(i => i % 7 == 0).Sum(i => i * 1.25m), (decimal)sums[0]["total"]!);
        Assert.Equal([Expected(0), Expected(1), Expected(2)], sums.Skip(1).Select(r => (decimal)r["total"]!));
    }
}
