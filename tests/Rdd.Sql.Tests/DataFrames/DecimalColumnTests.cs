using Apache.Arrow;
using Apache.Arrow.Ipc;
using DuckDB.NET.Data;
using Rdd.Core;
using Rdd.Sql.Types;
using static Rdd.Sql.Functions;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Tests.DataFrames;

public sealed record Price(int Id, string Kind, decimal Amount, decimal? Discount);

public sealed record Measure(int Id, string Kind, decimal A, decimal B);

/// <summary>
/// decimal(p,s) columns: files written by Apache.Arrow's own writer, Spark's result types, values checked against
/// DuckDB (in process) or by hand where DuckDB's rules differ (its decimal division and average are doubles).
/// </summary>
public sealed class DecimalColumnTests : DataFrameTestBase
{
    private static readonly Price[] s_prices =
    [
        new(1, "a", 10.50m, 1.25m),
        new(2, "b", -3.333m, null),
        new(3, "a", 0m, 0.01m),
        new(4, "b", 123456789.123456789m, -7m),
    ];

    [Fact]
    public void CreateDataFrame_DecimalProperties_AreDecimal38x18_AndCollectAsDecimals()
    {
        var frame = Sql.CreateDataFrame(s_prices);
        Assert.Equal(DecimalType.SystemDefault, frame.Schema["Amount"].DataType);
        Assert.False(frame.Schema["Amount"].Nullable);
        Assert.True(frame.Schema["Discount"].Nullable);
        var rows = frame.OrderBy("Id").Collect();
        Assert.Equal(s_prices.Select(p => p.Amount), rows.Select(r => (decimal)r["Amount"]!));
        Assert.Equal(s_prices.Select(p => p.Discount), rows.Select(r => (decimal?)r["Discount"]));
        Assert.Equal(10.5m, rows[0].Get<decimal>(2));
        Assert.Equal("10.500000000000000000", rows[0]["Amount"]!.ToString());
    }

    [Fact]
    public void CreateDataFrame_DecimalBeyond38x18_FailsNamingColumnAndRow()
    {
        var error = Assert.Throws<OverflowException>(() => Sql.CreateDataFrame(new[] { new Price(1, "a", 1m, 0m), new Price(2, "a", 1e25m, 0m) }));
        Assert.Contains("Column 'Amount', row 1", error.Message);
        Assert.Contains("decimal(38,18)", error.Message);
    }

    [Fact]
    public void Show_Decimals_WithTheirScale()
    {
        var frame = Sql.CreateDataFrame(s_prices).Select(Col("Id"), Col("Amount").Cast("decimal(12,3)").As("amount"));
        Assert.Equal(
            "+---+-------------+\n| Id|       amount|\n+---+-------------+\n|  1|       10.500|\n|  2|       -3.333|\n|  3|        0.000|\n|  4|123456789.123|\n+---+-------------+\n",
            frame.OrderBy("Id").ShowString());
        Assert.Equal("decimal(12,3)", frame.Schema["amount"].DataType.SimpleString);
    }

    [Fact]
    public void ReadArrow_Decimal128OfSeveralPrecisionsAndScales_NegativeValuesAndNulls()
    {
        string path = Path.Combine(TempPath(), "decimals.arrow");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var d5 = new Decimal128Array.Builder(new ArrowTypes.Decimal128Type(5, 2)).Append(123.45m).Append(-0.01m).AppendNull().Build();
        var d18 = new Decimal128Array.Builder(new ArrowTypes.Decimal128Type(18, 0)).Append(-999999999999999999m).AppendNull().Append(0m).Build();
        var d28 = new Decimal128Array.Builder(new ArrowTypes.Decimal128Type(28, 10)).Append(-123456789012345678.0123456789m).Append(1e-10m).Append(0.5m).Build();
        var d38 = new Decimal128Array.Builder(new ArrowTypes.Decimal128Type(38, 38)).AppendNull().AppendNull().AppendNull().Build();
        WriteArrowFile(path, ("d5", d5), ("d18", d18), ("d28", d28), ("d38", d38));

        var frame = Sql.Read.Arrow(path);
        Assert.Equal(["decimal(5,2)", "decimal(18,0)", "decimal(28,10)", "decimal(38,38)"], frame.Schema.Fields.Select(f => f.DataType.SimpleString));
        var rows = frame.Collect();
        Assert.Equal([123.45m, -0.01m, null], rows.Select(r => (decimal?)r["d5"]));
        Assert.Equal([-999999999999999999m, null, 0m], rows.Select(r => (decimal?)r["d18"]));
        Assert.Equal([-123456789012345678.0123456789m, 0.0000000001m, 0.5m], rows.Select(r => (decimal?)r["d28"]));
        Assert.All(rows, r => Assert.Null(r["d38"]));
        Assert.Equal("-0.0100000000", ((decimal)frame.Select(Col("d5").Cast("decimal(28,10)")).Collect()[1][0]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Collect_ValueBeyondDotNetDecimal_FailsNamingTheColumn_NeverRounds()
    {
        var frame = Sql.CreateDataFrame(new[] { new { S = "12345678901234567890123456789012.5" } })
            .Select(Col("S").Cast("decimal(38,1)").As("big"));
        var error = Assert.Throws<OverflowException>(() => frame.Collect());
        Assert.Contains("Column 'big'", error.Message);
        Assert.Contains("12345678901234567890123456789012.5", error.Message);
        // As a string it reads exactly.
        Assert.Equal("12345678901234567890123456789012.5", frame.Select(Col("big").Cast("string")).First()[0]);
    }

    [Fact]
    public void ReadArrow_Decimal256_IsRefusedByName()
    {
        string path = Path.Combine(TempPath(), "wide.arrow");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WriteArrowFile(path, ("wide", new Decimal256Array.Builder(new ArrowTypes.Decimal256Type(40, 2)).Append(1m).Build()));
        var error = Assert.Throws<NotSupportedException>(() => Sql.Read.Arrow(path));
        Assert.Contains("Column 'wide'", error.Message);
        Assert.Contains("decimal256(40, 2)", error.Message);
    }

    [Fact]
    public void WriteArrowJsonCsv_ThenRead_RoundTripsDecimals()
    {
        var frame = Sql.CreateDataFrame(s_prices).Select(Col("Id"), Col("Amount").Cast("decimal(20,9)").As("amount"), Col("Discount").Cast("decimal(5,2)").As("discount"));
        var expected = frame.OrderBy("Id").Collect();

        string arrow = TempPath();
        frame.Write.Arrow(arrow);
        Assert.Equal(expected, Sql.Read.Arrow(arrow).OrderBy("Id").Collect());

        string json = TempPath();
        frame.Write.Json(json);
        Assert.Contains("""{"Id":1,"amount":10.500000000,"discount":1.25}""", Directory.GetFiles(json, "part-*").SelectMany(File.ReadAllLines));
        Assert.Equal(expected, Sql.Read.Schema("Id INT, amount DECIMAL(20,9), discount DECIMAL(5,2)").Json(json).OrderBy("Id").Collect());

        string csv = TempPath();
        frame.Write.Option("header", true).Csv(csv);
        Assert.Contains("4,123456789.123456789,-7.00", Directory.GetFiles(csv, "part-*").SelectMany(File.ReadAllLines));
        Assert.Equal(expected, Sql.Read.Schema("Id INT, amount DECIMAL(20,9), discount DECIMAL(5,2)").Csv(csv).OrderBy("Id").Collect());
    }

    [Fact]
    public void ReadCsv_DecimalThatDoesNotFit_IsNullInPermissiveMode()
    {
        string dir = TempPath();
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "d.csv"), "d\n1.005\n12345.6\nx\n-0.5\n");
        var rows = Sql.Read.Schema("d DECIMAL(5,2)").Csv(dir).Collect();
        // 1.005 rounds HALF_UP; 12345.6 needs 7 digits; x is not a number.
        Assert.Equal([1.01m, null, null, -0.50m], rows.Select(r => (decimal?)r[0]));
    }

    [Theory]
    [InlineData("decimal(10,2)", "decimal(10,2)", "+", "decimal(11,2)")]
    [InlineData("decimal(10,2)", "decimal(5,4)", "-", "decimal(13,4)")]
    [InlineData("decimal(10,2)", "decimal(5,4)", "*", "decimal(16,6)")]
    [InlineData("decimal(10,2)", "decimal(5,4)", "/", "decimal(20,8)")]
    [InlineData("decimal(38,10)", "decimal(38,10)", "*", "decimal(38,6)")]
    [InlineData("decimal(38,2)", "decimal(10,0)", "/", "decimal(38,6)")]
    [InlineData("decimal(10,2)", "int", "+", "decimal(13,2)")]
    [InlineData("bigint", "decimal(3,1)", "*", "decimal(24,1)")]
    [InlineData("decimal(10,2)", "decimal(5,4)", "%", "decimal(5,4)")]
    [InlineData("decimal(10,2)", "double", "+", "double")]
    public void Arithmetic_ResultTypes_FollowSparksDecimalPrecision(string left, string right, string op, string expected)
    {
        var frame = Sql.CreateDataFrame(new[] { new { X = 1, Y = 2 } })
            .Select(Col("X").Cast(left).As("x"), Col("Y").Cast(right).As("y"))
            .SelectExpr($"x {op} y AS r");
        Assert.Equal(expected, frame.Schema["r"].DataType.SimpleString);
    }

    [Fact]
    public void Arithmetic_Values_MatchDuckDb()
    {
        var rows = new[]
        {
            new Measure(1, "a", 10.25m, 3.5m), new Measure(2, "a", -7.125m, 0.001m), new Measure(3, "b", 99999.999m, -99999.999m),
            new Measure(4, "b", 0m, 12.75m), new Measure(5, "c", -0.005m, -0.005m),
        };
        var frame = Sql.CreateDataFrame(rows).Select(Col("Id"), Col("A").Cast("decimal(8,3)").As("a"), Col("B").Cast("decimal(8,3)").As("b"));
        var ours = frame.Select(Col("Id"), (Col("a") + Col("b")).As("s"), (Col("a") - Col("b")).As("d"), (Col("a") * Col("b")).As("m"))
            .OrderBy("Id").Collect();
        Assert.Equal(["decimal(9,3)", "decimal(9,3)", "decimal(17,6)"],
            frame.Select((Col("a") + Col("b")).As("s"), (Col("a") - Col("b")).As("d"), (Col("a") * Col("b")).As("m")).Schema.Fields.Select(f => f.DataType.SimpleString));

        var duck = DuckRows(rows, "SELECT id, a + b, a - b, a * b FROM t ORDER BY id");
        Assert.Equal(duck.Count, ours.Length);
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.Equal(duck[i], ours[i].Values.Skip(1).Select(v => (decimal?)v).ToArray());
        }
    }

    [Fact]
    public void Divide_RoundsHalfUpToSparksScale_ZeroDivisorIsNull()
    {
        var frame = Sql.CreateDataFrame(new[] { new { A = "1", B = "3" }, new { A = "2", B = "3" }, new { A = "-1", B = "8" }, new { A = "5", B = "0" } })
            .Select(Col("A").Cast("decimal(5,1)").As("a"), Col("B").Cast("decimal(3,0)").As("b"));
        var quotient = frame.Select((Col("a") / Col("b")).As("q"));
        // decimal(5,1) / decimal(3,0): scale max(6, 1+3+1) = 6, precision 5-1+0+6 = 10.
        Assert.Equal("decimal(10,6)", quotient.Schema["q"].DataType.SimpleString);
        Assert.Equal([0.333333m, 0.666667m, -0.125000m, null], quotient.Collect().Select(r => (decimal?)r[0]));
    }

    [Fact]
    public void Arithmetic_OverflowIsNull_AsSparkWithoutAnsi()
    {
        var frame = Sql.CreateDataFrame(new[] { new { S = "99999999999999999999999999999999999999" } })
            .Select(Col("S").Cast("decimal(38,0)").As("x"));
        var sum = frame.Select((Col("x") + Col("x")).As("s"), (Col("x") * Col("x")).As("m"), (Col("x") - Col("x")).As("z"));
        Assert.Equal("decimal(38,0)", sum.Schema["s"].DataType.SimpleString);
        var row = sum.First();
        Assert.Null(row["s"]);
        Assert.Null(row["m"]);
        Assert.Equal(0m, row["z"]);
    }

    [Fact]
    public void Aggregates_GroupedByKind_MatchDuckDb_WithSparksTypes()
    {
        var rows = Enumerable.Range(0, 40).Select(i => new Measure(i, ((char)('a' + i % 3)).ToString(), (i * 37 % 101 - 50) / 8m, i % 7 == 0 ? 0m : 1m / (i % 7))).ToArray();
        var frame = Sql.CreateDataFrame(rows).Select(Col("Kind"), Col("A").Cast("decimal(9,3)").As("a"));
        var grouped = frame.GroupBy("Kind").Agg(Sum("a").As("s"), Min("a").As("lo"), Max("a").As("hi"), Count("a").As("n"), Avg("a").As("mean"));
        Assert.Equal(["decimal(19,3)", "decimal(9,3)", "decimal(9,3)", "bigint", "decimal(13,7)"],
            grouped.Schema.Fields.Skip(1).Select(f => f.DataType.SimpleString));
        var ours = grouped.OrderBy("Kind").Collect();

        var duck = DuckRows(rows, "SELECT kind, sum(a), min(a), max(a), count(a), sum(a) / count(a) FROM t GROUP BY kind ORDER BY kind");
        Assert.Equal(3, ours.Length);
        for (int i = 0; i < ours.Length; i++)
        {
            Assert.Equal(duck[i][0], ours[i]["s"]);
            Assert.Equal(duck[i][1], ours[i]["lo"]);
            Assert.Equal(duck[i][2], ours[i]["hi"]);
            Assert.Equal((long)duck[i][3]!, ours[i]["n"]);
            // Spark's avg keeps scale s+4 and rounds HALF_UP; DuckDB's exact quotient rounded the same way must agree.
            Assert.Equal(Math.Round(duck[i][4]!.Value, 7, MidpointRounding.AwayFromZero), ours[i]["mean"]);
        }
    }

    [Fact]
    public void DecimalKeys_GroupJoinSortAndCompare()
    {
        var frame = Sql.CreateDataFrame(s_prices).Select(Col("Id"), Col("Amount").Cast("decimal(12,3)").As("amount"), Col("Kind"));
        var sorted = frame.OrderBy(Col("amount").Desc()).Collect().Select(r => (int)r["Id"]!);
        Assert.Equal([4, 1, 3, 2], sorted);
        Assert.Equal([1, 4], frame.Where(Col("amount") > Lit(5m)).OrderBy("Id").Collect().Select(r => (int)r["Id"]!));
        Assert.Equal([3], frame.Where(Col("amount") == 0).Collect().Select(r => (int)r["Id"]!));
        var other = Sql.CreateDataFrame(new[] { new { Key = 10.5m, Tag = "ten" }, new { Key = -3.333m, Tag = "minus" } })
            .Select(Col("Key").Cast("decimal(12,3)").As("amount"), Col("Tag"));
        var joined = frame.Join(other, "amount").OrderBy("Id").Collect();
        Assert.Equal(["ten", "minus"], joined.Select(r => (string)r["Tag"]!));
        var groups = frame.Union(frame).GroupBy("amount").Count().OrderBy("amount").Collect();
        Assert.Equal([-3.333m, 0.000m, 10.500m, 123456789.123m], groups.Select(r => (decimal)r["amount"]!));
        Assert.All(groups, g => Assert.Equal(2L, g["count"]));
    }

    [Theory]
    [InlineData("12.345", "decimal(5,2)", "12.35")]
    [InlineData("-12.345", "decimal(5,2)", "-12.35")]
    [InlineData("1e2", "decimal(5,0)", "100")]
    [InlineData("123456", "decimal(5,0)", null)]
    [InlineData("abc", "decimal(5,0)", null)]
    public void Cast_StringToDecimal_RoundsHalfUpAndNullsWhatDoesNotFit(string text, string type, string? expected)
    {
        var frame = Sql.CreateDataFrame(new[] { new { S = text } }).Select(Col("S").Cast(type).Cast("string").As("r"));
        Assert.Equal(expected, frame.First()[0]);
    }

    [Fact]
    public void Cast_DecimalToNumbersAndBack()
    {
        var frame = Sql.CreateDataFrame(new[] { new { S = "-12.75" } }).Select(Col("S").Cast("decimal(6,2)").As("d"));
        var row = frame.Select(Col("d").Cast("int"), Col("d").Cast("bigint"), Col("d").Cast("double"), Col("d").Cast("boolean"),
            Lit(7).Cast("decimal(4,1)"), Lit(2.675).Cast("decimal(4,2)")).First();
        Assert.Equal(-12, row[0]);
        Assert.Equal(-12L, row[1]);
        Assert.Equal(-12.75, row[2]);
        Assert.Equal(true, row[3]);
        Assert.Equal(7.0m, row[4]);
        Assert.Equal(2.68m, row[5]);
    }

    [Fact]
    public void UnsupportedDecimalOperations_AreAnalysisErrors_NamingOperationAndType()
    {
        var frame = Sql.CreateDataFrame(s_prices);
        var error = Assert.Throws<AnalysisException>(() => frame.Select(Round(Col("Amount"), -1).As("r")).Schema);
        Assert.Contains("round", error.Message);
        Assert.Contains("decimal(38,18)", error.Message);
        // round keeps a decimal, HALF_UP: decimal(38,18) to 2 places is decimal(23,2) (Spark's bounded(p - s + 1 + 2, 2)).
        var rounded = frame.Select(Col("Id"), Round(Col("Amount").Cast("decimal(12,3)"), 2).As("r")).OrderBy("Id");
        Assert.Equal("decimal(12,2)", rounded.Schema["r"].DataType.SimpleString);
        Assert.Equal([10.50m, -3.33m, 0.00m, 123456789.12m], rounded.Collect().Select(r => (decimal)r["r"]!));
        Assert.Equal(-2.68m, Sql.CreateDataFrame(new[] { new { S = "-2.675" } }).Select(Round(Col("S").Cast("decimal(4,3)"), 2)).First()[0]);
        // abs keeps the decimal type, as Spark's.
        var abs = frame.Select(Abs(Col("Amount")).As("a"));
        Assert.Equal(DecimalType.SystemDefault, abs.Schema["a"].DataType);
        Assert.Equal(3.333m, abs.Collect().Select(r => (decimal)r[0]!).Single(v => v < 4 && v > 3));
    }

    private static void WriteArrowFile(string path, params (string Name, IArrowArray Array)[] columns)
    {
        var schema = new Schema(columns.Select(c => new Field(c.Name, c.Array.Data.DataType, true)), null);
        var batch = new RecordBatch(schema, columns.Select(c => c.Array), columns[0].Array.Length);
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, schema);
        writer.WriteRecordBatch(batch);
        writer.WriteEnd();
    }

    /// <summary>The query's rows from DuckDB over a table t(id, kind, a, b) of <paramref name="rows"/>, a and b as DECIMAL(9,3) / DECIMAL(8,3).</summary>
    private static List<decimal?[]> DuckRows(IEnumerable<Measure> rows, string query)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (id INTEGER, kind VARCHAR, a DECIMAL(9,3), b DECIMAL(8,3))";
            create.ExecuteNonQuery();
        }
        foreach (var row in rows)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t VALUES ($1, $2, CAST($3 AS VARCHAR)::DECIMAL(9,3), CAST($4 AS VARCHAR)::DECIMAL(8,3))";
            insert.Parameters.Add(new DuckDBParameter(row.Id));
            insert.Parameters.Add(new DuckDBParameter(row.Kind));
            insert.Parameters.Add(new DuckDBParameter(row.A.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            insert.Parameters.Add(new DuckDBParameter(row.B.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            insert.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var result = new List<decimal?[]>();
        while (reader.Read())
        {
            var values = new decimal?[reader.FieldCount - 1];
            for (int c = 1; c < reader.FieldCount; c++)
            {
                values[c - 1] = reader.IsDBNull(c) ? null : Convert.ToDecimal(reader.GetValue(c), System.Globalization.CultureInfo.InvariantCulture);
            }
            result.Add(values);
        }
        return result;
    }
}
