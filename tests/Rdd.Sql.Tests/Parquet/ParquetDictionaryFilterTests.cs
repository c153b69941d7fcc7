using Apache.Arrow;
using Rdd.Sql.Execution.Caching;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.IO.ParquetFiles;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Tests.DataFrames;
using Rdd.Sql.Tests.TestSupport;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Parquet;

/// <summary>
/// A Filter right above a Parquet scan has its one-column conjuncts over dictionary-read columns evaluated on the
/// dictionaries, and only the surviving rows decoded (<see cref="DictionaryFilter"/>). The rows must be those the
/// filter keeps without it (the reader with and without the dictionary filter, on files DuckDB and Rdd wrote, with
/// nulls, several row groups, and filters that keep none, some or all rows), and the answers DuckDB's.
/// </summary>
public sealed class ParquetDictionaryFilterTests : DataFrameTestBase
{
    private const string Rows = """
        SELECT i::INTEGER AS id,
               CASE WHEN i % 5 = 0 THEN NULL ELSE 'mode ' || (i % 7) END AS low,
               'ship ' || (i % 4) AS instruct,
               'comment number ' || i || ' of many' AS high,
               ('flag' || (i % 3))::BLOB AS bin
        FROM range(0, 20000) t(i)
        """;

    /// <summary>Conditions in SQL, over the columns above; each must give DuckDB's rows.</summary>
    public static TheoryData<string> Conditions => new()
    {
        "low = 'mode 2'",
        "low IN ('mode 2', 'mode 6') AND instruct = 'ship 1'",
        "low IS NULL",
        "low IS NULL OR low = 'mode 3'",
        "coalesce(low, 'none') = 'none'",
        "low = 'no such mode'",
        "low <> 'no such mode'",
        "instruct LIKE 'ship%'",
        "low = 'mode 4' AND id % 3 = 0",
        "low = 'mode 4' OR id < 10",
        "low < instruct",
        "CAST(bin AS STRING) = 'flag1' AND high <> 'comment number 1 of many'",
        "high = 'comment number 7 of many'",
    };

    private string WriteDuckDbFile(DuckDb duck)
    {
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "duck.parquet");
        duck.Execute($"COPY ({Rows}) TO {DuckDb.Literal(file)} (FORMAT parquet, ROW_GROUP_SIZE 6000)");
        return file;
    }

    private static FileScanExec ScanOf(DataFrame frame)
    {
        var pending = new Stack<PhysicalPlan>([frame.Physical()]);
        while (pending.TryPop(out var plan))
        {
            if (plan is FileScanExec scan) return scan;
            foreach (var child in plan.Children) pending.Push(child);
        }
        throw new InvalidOperationException("The plan has no file scan:\n" + frame.Physical().Describe());
    }

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Filtered_rows_of_DuckDbs_file_are_DuckDbs(string condition)
    {
        using var duck = new DuckDb();
        string file = WriteDuckDbFile(duck);

        var rows = Sql.Read.Parquet(file).Where(condition).OrderBy("id")
            .Collect().Select(r => Text(r[0], r[1], r[2], r[3], r[4])).ToList();

        var expected = duck.Query($"SELECT id, low, instruct, high, hex(bin) FROM read_parquet({DuckDb.Literal(file)}) WHERE {condition} ORDER BY id")
            .Select(r => Text(r[0], r[1], r[2], r[3], r[4])).ToList();
        Assert.Equal(expected, rows);
    }

    [Theory]
    [MemberData(nameof(Conditions))]
    public void The_reader_keeps_the_rows_the_filter_keeps_with_the_dictionary_filter_on_or_off(string condition)
    {
        using var duck = new DuckDb();
        foreach (string file in new[] { WriteDuckDbFile(duck), WriteRddFile(duck, WriteDuckDbFile(duck)) })
        {
            var frame = Sql.Read.Parquet(file);
            var schema = frame.Schema;
            var bound = frame.Where(condition).Physical() is FilterExec filter ? filter.Condition : throw new InvalidOperationException("No filter on top.");
            int rowGroups;
            using (var parquet = ParquetFile.Open(file))
            {
                rowGroups = parquet.RowGroupCount;
            }
            int[] columns = [.. Enumerable.Range(0, schema.Count)];
            var dictionaryFilter = DictionaryFilter.Applicable(bound);
            var off = new List<string>();
            var on = new List<string>();
            long onRead = 0;
            for (int g = 0; g < rowGroups; g++)
            {
                var split = new RowGroupSplit(file, [g], 0, 0);
                off.AddRange(ParquetSplitReader.Read(split, schema, columns).SelectMany(b => Filtered(b, bound)));
                foreach (var batch in ParquetSplitReader.Read(split, schema, columns, dictionaryFilter))
                {
                    onRead += batch.Length;
                    // Dictionary-read columns still carry their codes, whatever rows were dropped.
                    Assert.NotNull(DictionaryCodes.Of(batch.Column(schema.FieldNames.ToList().IndexOf("instruct"))));
                    on.AddRange(Filtered(batch, bound));
                }
            }
            Assert.Equal(off, on);
            if (dictionaryFilter is not null && dictionaryFilter.Conjuncts.Count() == PlanExpressions.SplitConjuncts(bound).Count
                && !condition.Contains("high", StringComparison.Ordinal))
            {
                // Conditions over dictionary columns alone are applied in full by the reader.
                Assert.Equal(off.Count, onRead);
            }
        }
    }

    [Fact]
    public void The_scan_under_a_filter_takes_its_one_column_string_conjuncts()
    {
        using var duck = new DuckDb();
        string file = WriteDuckDbFile(duck);
        var frame = Sql.Read.Parquet(file);

        var scan = ScanOf(frame.Where(Col("low").IsIn("mode 2", "mode 6") & (Col("id") > 5) & (Col("low") < Col("instruct")) & (Col("instruct") == "ship 1")));
        Assert.NotNull(scan.DictionaryFilter);
        Assert.Equal(["(low IN (mode 2, mode 6))", "(instruct = ship 1)"], scan.DictionaryFilter!.Conjuncts.Select(c => c.ToString()));
        Assert.Contains("DictionaryFilters: [", scan.Describe(), StringComparison.Ordinal);
        Assert.Null(ScanOf(frame.Where(Col("id") > 5)).DictionaryFilter);
        Assert.Null(ScanOf(frame).DictionaryFilter);
    }

    /// <summary>The same rows written by Rdd's own Parquet writer, in several row groups.</summary>
    private string WriteRddFile(DuckDb duck, string duckFile)
    {
        string path = TempPath();
        Sql.Read.Parquet(duckFile).Write.Option("parquet.block.size", "65536").Parquet(path);
        string file = Directory.GetFiles(path, "*.parquet").Single();
        using var parquet = ParquetFile.Open(file);
        Assert.True(parquet.RowGroupCount > 1, $"Rdd wrote {parquet.RowGroupCount} row group(s).");
        return file;
    }

    private static IEnumerable<string> Filtered(RecordBatch batch, Rdd.Sql.Expressions.Expression condition)
    {
        var kept = FilterKernel.Filter(batch, (BooleanArray)condition.Evaluate(batch));
        for (int i = 0; i < kept.Length; i++)
        {
            yield return Text(
                ((Int32Array)kept.Column(0)).GetValue(i), ((StringArray)kept.Column(1)).GetString(i), ((StringArray)kept.Column(2)).GetString(i),
                ((StringArray)kept.Column(3)).GetString(i), kept.Column(4).IsNull(i) ? null : ((BinaryArray)kept.Column(4)).GetBytes(i).ToArray());
        }
    }

    private static string Text(params object?[] values) =>
        string.Join("|", values.Select(v => v switch
        {
            null => "null",
            byte[] bytes => Convert.ToHexString(bytes),
            _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
        }));
}
