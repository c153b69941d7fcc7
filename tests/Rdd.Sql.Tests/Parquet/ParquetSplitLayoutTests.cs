using Rdd.Sql.IO.ParquetFiles;
using Rdd.Sql.Tests.DataFrames;
using Rdd.Sql.Tests.TestSupport;

namespace Rdd.Sql.Tests.Parquet;

/// <summary>
/// The footer facts a split read needs (<see cref="SplitLayout"/>) are kept per file version: a split read again
/// does not parse its footer again, and a file rewritten in place (another length or write time) is looked at anew,
/// so the values read are the new file's (DuckDB's answers).
/// </summary>
public sealed class ParquetSplitLayoutTests : DataFrameTestBase
{
    [Fact]
    public void A_split_read_again_reuses_its_layout_and_a_rewritten_file_gets_a_new_one()
    {
        using var duck = new DuckDb();
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "t.parquet");
        duck.Execute($"COPY (SELECT i::INTEGER AS x, 'v' || (i % 3) AS s FROM range(0, 1000) t(i)) TO {DuckDb.Literal(file)} (FORMAT parquet)");
        var schema = Sql.Read.Parquet(file).Schema;
        var split = new RowGroupSplit(file, [0], 0, 0);

        var first = SplitLayout.Of(split, schema, [0, 1]);
        Assert.Same(first, SplitLayout.Of(split, schema, [0, 1]));
        Assert.NotSame(first, SplitLayout.Of(split, schema, [1]));
        Assert.Equal(["x", "s"], first.Names);

        // The same path rewritten: the columns in the other order, more rows, a later write time.
        duck.Execute($"COPY (SELECT 'w' || (i % 5) AS s, (i * 2)::INTEGER AS x FROM range(0, 3000) t(i)) TO {DuckDb.Literal(file)} (FORMAT parquet)");
        File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddSeconds(5));
        var second = SplitLayout.Of(split, schema, [0, 1]);
        Assert.NotSame(first, second);
        Assert.Equal([1, 0], second.Fields);

        var values = ParquetSplitReader.Read(split, schema, [0, 1])
            .SelectMany(b => Enumerable.Range(0, b.Length).Select(i =>
                $"{((Apache.Arrow.Int32Array)b.Column(0)).GetValue(i)}|{((Apache.Arrow.StringArray)b.Column(1)).GetString(i)}"))
            .ToList();
        var expected = duck.Query($"SELECT x, s FROM read_parquet({DuckDb.Literal(file)})").Select(r => $"{r[0]}|{r[1]}").ToList();
        Assert.Equal(expected, values);
    }
}
