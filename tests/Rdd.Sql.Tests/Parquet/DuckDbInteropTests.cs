using Rdd.Sql.Tests.TestSupport;
using ParquetSharp;
using Rdd.Sql.Tests.DataFrames;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Parquet;

/// <summary>
/// Interop with DuckDB's own Parquet reader and writer, in process: DuckDB reads the part files Rdd writes (types
/// and values), and Rdd reads what DuckDB writes (zstd, several row groups, nulls, unsigned integers, timestamps of
/// three units), compared value by value with DuckDB's reading of the same file.
/// </summary>
public sealed class DuckDbInteropTests : DataFrameTestBase
{
    private static long Micros(DateTime t) => (t.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    [Fact]
    public void DuckDb_reads_what_Rdd_writes()
    {
        var rows = ParquetTestData.AllTypesRows(60);
        // Four partitions, the first emptied by the filter: an empty part file among the others.
        var frame = ParquetTestData.Frame(Sql, ParquetTestData.AllTypesSchema, rows, 4).Where(Col("id") >= 15);
        string path = TempPath();
        frame.Write.Parquet(path);
        string files = DuckDb.Literal(Path.Combine(path, "*.parquet"));

        using var duck = new DuckDb();
        var types = duck.Query($"DESCRIBE SELECT * FROM read_parquet({files})").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(new Dictionary<string, string>
        {
            ["id"] = "INTEGER", ["b"] = "TINYINT", ["s"] = "SMALLINT", ["i"] = "INTEGER", ["l"] = "BIGINT", ["f"] = "FLOAT",
            ["d"] = "DOUBLE", ["bool"] = "BOOLEAN", ["str"] = "VARCHAR", ["bin"] = "BLOB", ["date"] = "DATE",
            ["ts"] = "TIMESTAMP WITH TIME ZONE", ["ts_ntz"] = "TIMESTAMP",
        }, types);

        var actual = duck.Query(
            $"SELECT id, b, s, i, l, f, d, bool, str, hex(bin), CAST(date AS VARCHAR), epoch_us(ts), epoch_us(ts_ntz) FROM read_parquet({files}) ORDER BY id");
        var expected = rows.Where(r => (int)r[0]! >= 15).Select(r => new object?[]
        {
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
            r[9] is byte[] bytes ? Convert.ToHexString(bytes) : null,
            r[10] is DateOnly d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
            r[11] is DateTime ts ? Micros(ts) : null,
            r[12] is DateTime ntz ? Micros(ntz) : null,
        }).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (int row = 0; row < expected.Count; row++)
        {
            for (int column = 0; column < expected[row].Length; column++)
            {
                Assert.True(Equals(expected[row][column], actual[row][column]),
                    $"Row {row}, column {ParquetTestData.AllTypesSchema[column].Name}: Rdd wrote {ParquetTestData.Format(expected[row][column])}, DuckDB read {ParquetTestData.Format(actual[row][column])}.");
            }
        }
    }

    /// <summary>The DuckDB query whose rows make the file: 5 000 rows, nulls in every nullable column.</summary>
    private const string DuckDbRows = """
        SELECT i::INTEGER AS id,
               CASE WHEN i % 7 = 0 THEN NULL ELSE i * 3000000000 END::BIGINT AS big,
               CASE WHEN i % 11 = 0 THEN NULL ELSE i / 8.0 END::DOUBLE AS dbl,
               CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || (i % 13) END AS str,
               CASE WHEN i % 6 = 0 THEN NULL ELSE DATE '1960-01-01' + (i * 3)::INTEGER END AS dt,
               CASE WHEN i % 4 = 0 THEN NULL ELSE to_timestamp(1600000000 + i * 3601.25) END AS ts,
               CASE WHEN i % 9 = 0 THEN NULL ELSE make_timestamp(1700000000000000 + i * 1234567) END AS ts_ntz,
               CASE WHEN i % 8 = 0 THEN NULL ELSE make_timestamp(1500000000000000 + i * 1000)::TIMESTAMP_MS END AS ts_ms,
               CASE WHEN i % 10 = 0 THEN NULL ELSE make_timestamp(1400000000000000 + i * 17)::TIMESTAMP_NS END AS ts_ns,
               CASE WHEN i % 3 = 0 THEN NULL ELSE i % 2 = 0 END AS flag,
               (i % 200)::UTINYINT AS u8,
               (4000000000 + i)::UINTEGER AS u32,
               (i * 1000003)::UBIGINT AS u64
        FROM range(0, 5000) t(i)
        """;

    [Fact]
    public void Rdd_reads_what_DuckDb_writes()
    {
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "duck.parquet");
        using var duck = new DuckDb();
        duck.Execute($"COPY ({DuckDbRows}) TO {DuckDb.Literal(file)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000)");
        using (var reader = new ParquetFileReader(file))
        using (var metaData = reader.FileMetaData)
        {
            Assert.True(metaData.NumRowGroups > 1, $"DuckDB wrote {metaData.NumRowGroups} row group(s).");
            using var rowGroup = reader.RowGroup(0);
            using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(0);
            Assert.Equal(Compression.Zstd, chunk.Compression);
        }

        var frame = Sql.Read.Parquet(file);

        Assert.Equal(
            "id:int,big:bigint,dbl:double,str:string,dt:date,ts:timestamp,ts_ntz:timestamp_ntz,ts_ms:timestamp_ntz,ts_ns:timestamp_ntz,flag:boolean,u8:smallint,u32:bigint,u64:bigint",
            string.Join(",", frame.Schema.Select(f => $"{f.Name}:{f.DataType.SimpleString}")));
        var expected = duck.Query(
            $"""
            SELECT id, big, dbl, str, CAST(dt AS VARCHAR), epoch_us(ts), epoch_us(ts_ntz), epoch_ms(ts_ms) * 1000, epoch_ns(ts_ns) // 1000,
                   flag, u8::SMALLINT, u32::BIGINT, u64::BIGINT
            FROM read_parquet({DuckDb.Literal(file)}) ORDER BY id
            """);
        var actual = frame.OrderBy("id").Collect().Select(r => r.Values.Select(v => v switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            DateTime t => (object)Micros(t),
            _ => v,
        }).ToArray()).ToList();
        Assert.Equal(5000, actual.Count);
        Assert.Equal(expected.Count, actual.Count);
        for (int row = 0; row < expected.Count; row++)
        {
            for (int column = 0; column < expected[row].Length; column++)
            {
                Assert.True(Equals(expected[row][column], actual[row][column]),
                    $"Row {row}, column {frame.Schema[column].Name}: DuckDB read {ParquetTestData.Format(expected[row][column])}, Rdd read {ParquetTestData.Format(actual[row][column])}.");
            }
        }
    }

    [Fact]
    public void Row_groups_of_DuckDb_files_are_skipped_by_statistics()
    {
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "duck.parquet");
        using var duck = new DuckDb();
        duck.Execute($"COPY ({DuckDbRows}) TO {DuckDb.Literal(file)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000)");
        int rowGroups;
        using (var reader = new ParquetFileReader(file))
        using (var metaData = reader.FileMetaData)
        {
            rowGroups = metaData.NumRowGroups;
        }

        var frame = Sql.Read.Parquet(file).Where(Col("id") >= 4999);
        var scan = (Rdd.Sql.Execution.Operators.FileScanExec)FindScan(frame.Physical());
        Assert.Equal(rowGroups - 1, scan.PlanRowGroups().SkippedRowGroups);
        Assert.Equal(4999, (int)Assert.Single(frame.Collect())[0]!);

        var strings = Sql.Read.Parquet(file).Where(Col("str") == "zzz");
        Assert.Equal(rowGroups, ((Rdd.Sql.Execution.Operators.FileScanExec)FindScan(strings.Physical())).PlanRowGroups().SkippedRowGroups);
        Assert.Empty(strings.Collect());
    }

    public static TheoryData<string> TemporalFilters => ["dt", "ts", "ts_ms", "ts_ns"];

    [Theory]
    [MemberData(nameof(TemporalFilters))]
    public void Dates_and_timestamps_of_every_unit_skip_row_groups(string column)
    {
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "duck.parquet");
        using var duck = new DuckDb();
        duck.Execute($"COPY ({DuckDbRows}) TO {DuckDb.Literal(file)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000)");
        int rowGroups;
        using (var reader = new ParquetFileReader(file))
        using (var metaData = reader.FileMetaData)
        {
            rowGroups = metaData.NumRowGroups;
        }
        // Each column grows with id; the bound is its value at id 3, so ids 1 and 2 match (id 0 is null in all four).
        object bound = column switch
        {
            "dt" => new DateOnly(1960, 1, 10),
            "ts" => DateTime.UnixEpoch.AddTicks((long)((1600000000 + 3 * 3601.25) * TimeSpan.TicksPerSecond)),
            "ts_ms" => new DateTime(DateTime.UnixEpoch.AddTicks((1500000000000000 + 3 * 1000) * TimeSpan.TicksPerMicrosecond).Ticks, DateTimeKind.Unspecified),
            _ => new DateTime(DateTime.UnixEpoch.AddTicks((1400000000000000 + 3 * 17) * TimeSpan.TicksPerMicrosecond).Ticks, DateTimeKind.Unspecified),
        };

        var frame = Sql.Read.Parquet(file).Where(Col(column) < Lit(bound));

        var scan = (Rdd.Sql.Execution.Operators.FileScanExec)FindScan(frame.Physical());
        Assert.Equal(rowGroups - 1, scan.PlanRowGroups().SkippedRowGroups);
        Assert.Equal([1, 2], frame.Collect().Select(r => (int)r[0]!).Order());
    }

    [Fact]
    public void Decimal_and_nested_columns_of_DuckDb_read_as_Spark_types_and_go_back()
    {
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "nested.parquet");
        using var duck = new DuckDb();
        duck.Execute($$"""
            COPY (SELECT i AS id,
                         CASE WHEN i = 2 THEN NULL ELSE (i * 100 + 25)::DECIMAL(10, 2) / 100 END::DECIMAL(10, 2) AS price,
                         CASE WHEN i = 1 THEN NULL ELSE [i, NULL, i + 1] END AS xs,
                         {'a': i, 'b': 'x' || i} AS st
                  FROM range(3) t(i)) TO {{DuckDb.Literal(file)}} (FORMAT parquet)
            """);

        var frame = Sql.Read.Parquet(file);

        Assert.Equal("id:bigint price:decimal(10,2) xs:array<bigint> st:struct<a:bigint,b:string>",
            string.Join(' ', frame.Schema.Fields.Select(f => $"{f.Name}:{f.DataType.SimpleString}")));
        var rows = frame.OrderBy("id").Collect();
        Assert.Equal([0.25m, 1.25m, null], rows.Select(r => (decimal?)r["price"]));
        Assert.Equal(new object?[] { 0L, null, 1L }, (object?[])rows[0]["xs"]!);
        Assert.Null(rows[1]["xs"]);
        Assert.Equal(new object?[] { 2L, "x2" }, ((Row)rows[2]["st"]!).Values);

        // Rdd writes them back; DuckDB reads the same values.
        string copy = TempPath();
        frame.Write.Parquet(copy);
        var back = duck.Query($"SELECT id, price::VARCHAR, xs::VARCHAR, st.b FROM read_parquet({DuckDb.Literal(Path.Combine(copy, "*.parquet"))}) ORDER BY id");
        Assert.Equal(new object?[] { 0L, "0.25", "[0, NULL, 1]", "x0" }, back[0]);
        Assert.Equal(new object?[] { 1L, "1.25", null, "x1" }, back[1]);
        Assert.Equal(new object?[] { 2L, null, "[2, NULL, 3]", "x2" }, back[2]);
    }

    [Fact]
    public void A_map_column_is_refused_naming_file_column_and_parquet_type()
    {
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "map.parquet");
        using var duck = new DuckDb();
        duck.Execute($"COPY (SELECT 1 AS id, MAP {{'k': 1}} AS m) TO {DuckDb.Literal(file)} (FORMAT parquet)");

        var error = Assert.Throws<NotSupportedException>(() => Sql.Read.Parquet(file));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("column 'm'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Map", error.Message, StringComparison.Ordinal);
    }

    private static Rdd.Sql.Execution.Operators.PhysicalPlan FindScan(Rdd.Sql.Execution.Operators.PhysicalPlan plan) =>
        plan is Rdd.Sql.Execution.Operators.FileScanExec ? plan : plan.Children.Select(FindScan).First(p => p is not null);
}
