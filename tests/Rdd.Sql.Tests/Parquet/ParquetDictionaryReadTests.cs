using Apache.Arrow;
using Rdd.Sql.Execution.Caching;
using Rdd.Sql.IO.ParquetFiles;
using Rdd.Sql.Tests.DataFrames;
using Rdd.Sql.Tests.TestSupport;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Parquet;

/// <summary>
/// Low-cardinality string columns are read from Parquet as Arrow dictionaries and arrive as utf8 arrays carrying
/// their dictionary codes; other string columns are decoded densely. The file is DuckDB's (dictionary pages,
/// several row groups, nulls), and the values Rdd reads, groups and filters are compared with DuckDB's answers.
/// </summary>
public sealed class ParquetDictionaryReadTests : DataFrameTestBase
{
    private const string Rows = """
        SELECT i::INTEGER AS id,
               CASE WHEN i % 5 = 0 THEN NULL ELSE 'mode ' || (i % 7) END AS low,
               'comment number ' || i || ' of many' AS high,
               ('flag' || (i % 3))::BLOB AS bin
        FROM range(0, 20000) t(i)
        """;

    private string WriteDuckDbFile(DuckDb duck)
    {
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "duck.parquet");
        duck.Execute($"COPY ({Rows}) TO {DuckDb.Literal(file)} (FORMAT parquet, ROW_GROUP_SIZE 6000)");
        return file;
    }

    [Fact]
    public void Only_low_cardinality_string_columns_are_read_as_dictionaries()
    {
        using var duck = new DuckDb();
        string file = WriteDuckDbFile(duck);
        using var parquet = ParquetFile.Open(file);
        int[] rowGroups = [.. Enumerable.Range(0, parquet.RowGroupCount)];
        Assert.True(rowGroups.Length > 1, $"DuckDB wrote {rowGroups.Length} row group(s).");
        int[] fields = [parquet.IndexOf("id"), parquet.IndexOf("low"), parquet.IndexOf("high"), parquet.IndexOf("bin")];

        int[] chosen = DictionaryReads.Choose(parquet, rowGroups, fields);

        Assert.Equal([parquet.LeafColumns(fields[1])[0], parquet.LeafColumns(fields[3])[0]], chosen.Order());
    }

    [Fact]
    public void Dictionary_read_columns_carry_codes_and_hold_DuckDbs_values()
    {
        using var duck = new DuckDb();
        string file = WriteDuckDbFile(duck);
        var schema = Sql.Read.Parquet(file).Schema;
        int rowGroupCount;
        using (var parquet = ParquetFile.Open(file))
        {
            rowGroupCount = parquet.RowGroupCount;
        }
        // One split per row group: every batch comes from a dictionary of its own row group.
        var splits = Enumerable.Range(0, rowGroupCount).Select(g => new RowGroupSplit(file, [g], 0, 0));

        var low = new List<string?>();
        var high = new List<string?>();
        foreach (var batch in splits.SelectMany(s => ParquetSplitReader.Read(s, schema, [1, 2])))
        {
            var lowArray = (StringArray)batch.Column(0);
            var highArray = (StringArray)batch.Column(1);
            var codes = DictionaryCodes.Of(lowArray);
            Assert.NotNull(codes);
            Assert.Null(DictionaryCodes.Of(highArray));
            for (int i = 0; i < batch.Length; i++)
            {
                low.Add(lowArray.GetString(i));
                high.Add(highArray.GetString(i));
                if (lowArray.IsValid(i))
                {
                    Assert.Equal(lowArray.GetString(i), ((StringArray)codes.Dictionary).GetString(codes.Codes.Span[i]));
                }
            }
        }

        var expected = duck.Query($"SELECT low, high FROM read_parquet({DuckDb.Literal(file)}) ORDER BY id");
        Assert.Equal(expected.Select(r => (string?)r[0]), low);
        Assert.Equal(expected.Select(r => (string?)r[1]), high);
    }

    [Fact]
    public void Grouping_and_filtering_dictionary_read_columns_agree_with_DuckDb()
    {
        using var duck = new DuckDb();
        string file = WriteDuckDbFile(duck);
        var frame = Sql.Read.Parquet(file);

        var grouped = frame.GroupBy("low", "bin").Agg(Count("id").As("n"), Max("high").As("m"))
            .Collect().Select(r => (r[0] as string, Convert.ToHexString((byte[])r[1]!), (long)r[2]!, (string?)r[3]))
            .OrderBy(r => r.Item1 ?? "").ThenBy(r => r.Item2).ToList();
        var expectedGroups = duck.Query($"SELECT low, hex(bin), count(id), max(high) FROM read_parquet({DuckDb.Literal(file)}) GROUP BY ALL")
            .Select(r => (r[0] as string, (string)r[1]!, Convert.ToInt64(r[2]), (string?)r[3]))
            .OrderBy(r => r.Item1 ?? "").ThenBy(r => r.Item2).ToList();
        Assert.Equal(expectedGroups, grouped);

        long filtered = frame.Where(Col("low").IsIn("mode 2", "mode 6") & (Col("high") != "comment number 2 of many")).Count();
        var expectedCount = duck.Query(
            $"SELECT count(*) FROM read_parquet({DuckDb.Literal(file)}) WHERE low IN ('mode 2', 'mode 6') AND high <> 'comment number 2 of many'");
        Assert.Equal(Convert.ToInt64(expectedCount[0][0]), filtered);
    }
}
