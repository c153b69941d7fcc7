using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Tests.DataFrames;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Parquet;

/// <summary>
/// Column pruning, row groups skipped by their statistics, and splits by row group. The file has three row groups:
/// ids 0-8191 (bucket "g0"), 8192-16383 ("g1"), 16384-19999 ("g2", where Tag is always null).
/// </summary>
public sealed class ParquetPushdownTests : DataFrameTestBase
{
    private const int Rows = 20_000;

    public sealed record Reading(long Id, double Value, string Bucket, string? Tag);

    private string WriteThreeRowGroups()
    {
        var readings = Enumerable.Range(0, Rows).Select(i => new Reading(i, i * 0.25, $"g{i / 8192}", i >= 16_384 ? null : $"t{i % 3}"));
        string path = TempPath();
        Sql.CreateDataFrame(Context.Parallelize(readings, 1)).Write.Option("parquet.block.size", "1").Parquet(path);
        return path;
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

    public static TheoryData<string, int, long> Filters => new()
    {
        // filter (as SQL), row groups skipped, rows that match
        { "Id > 17000", 2, 2_999 },
        { "Id >= 16384", 2, 3_616 },
        { "Id < 100", 2, 100 },
        { "Id <= 8192", 1, 8_193 },
        { "Id = 9000", 2, 1 },
        { "Id != 5", 0, 19_999 },
        { "Bucket = 'g1'", 2, 8_192 },
        { "Bucket > 'g1'", 2, 3_616 },
        { "Bucket IN ('g0', 'g2')", 1, 8_192 + 3_616 },
        { "Tag IS NULL", 2, 3_616 },
        { "Tag IS NOT NULL", 1, 16_384 },
        { "Id < 10 OR Id > 19990", 1, 19 },
        { "Id > 100 AND Bucket = 'g2'", 2, 3_616 },
        { "Id > 1000000", 3, 0 },
        { "Value < 100.0", 2, 400 },
        // Writers leave NaN out of min/max and Spark orders NaN above every number: > on a double cannot skip.
        { "Value > 4500.0", 0, 1_999 },
        { "Id % 2 = 0", 0, 10_000 },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void Filter_skips_row_groups_its_statistics_exclude(string condition, int skipped, long matching)
    {
        var frame = Sql.Read.Parquet(WriteThreeRowGroups()).Where(condition);

        var scan = ScanOf(frame);
        Assert.Equal(skipped, scan.PlanRowGroups().SkippedRowGroups);
        // The filter still applies to the rows of the row groups read.
        Assert.Equal(matching, frame.Count());
    }

    [Fact]
    public void Skipped_row_groups_are_not_read()
    {
        string path = WriteThreeRowGroups();
        var frame = Sql.Read.Parquet(path).Where(Col("Id") >= 16_384);
        var splits = ScanOf(frame).PlanRowGroups().Splits;
        Assert.Equal([2], splits.SelectMany(s => s.RowGroups));
        Assert.Equal(Enumerable.Range(16_384, 3_616).Select(i => (long)i), frame.Collect().Select(r => (long)r[0]!).Order());
        Assert.Contains("PushedFilters: [(Id >= 16384)]", ScanOf(frame).Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_selected_columns_are_read()
    {
        var frame = Sql.Read.Parquet(WriteThreeRowGroups()).Where(Col("Id") < 3).Select("Value");
        var scan = ScanOf(frame);
        // The Filter above the scan needs Id; Bucket and Tag are not decoded.
        Assert.Equal(["Id", "Value"], scan.ReadSchema.FieldNames.Order());
        Assert.Equal([0.0, 0.25, 0.5], frame.Collect().Select(r => (double)r[0]!).Order());
    }

    [Fact]
    public void A_constant_projection_reads_one_column()
    {
        var ones = Sql.Read.Parquet(WriteThreeRowGroups()).Select(Lit(1).As("one"));
        Assert.Single(ScanOf(ones).ReadColumns);
        Assert.Equal(Rows, ones.Count());
        Assert.Equal(Rows, ones.Collect().Length);
    }

    [Fact]
    public void A_big_file_is_split_by_row_group()
    {
        string path = WriteThreeRowGroups();
        var full = ScanOf(Sql.Read.Parquet(path));
        // Small input: one split (Spark's split size is at least the 4 MiB open cost).
        Assert.Single(full.PlanRowGroups().Splits);
        Assert.Equal(1, full.Execute().NumPartitions);

        // A split size below a row group's size: one partition per row group.
        var small = new FileScanExec(Context, full.Source, full.ReadColumns, full.OutputColumnCount, maxPartitionBytes: 1, openCostInBytes: 0);
        var splits = small.PlanRowGroups().Splits;
        Assert.Equal([[0], [1], [2]], splits.Select(s => s.RowGroups));
        Assert.Equal([8_192L, 8_192L, 3_616L], splits.Select(s => s.Rows));
        var rdd = small.Execute();
        Assert.Equal(3, rdd.NumPartitions);
        var ids = rdd.Collect().SelectMany(b => Enumerable.Range(0, b.Length).Select(i => ((Apache.Arrow.Int64Array)b.Column(0)).GetValue(i)!.Value)).ToList();
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => (long)i), ids);

        // A split size of two row groups packs the first two together.
        long twoGroups = splits[0].Bytes + splits[1].Bytes;
        var packed = new FileScanExec(Context, full.Source, full.ReadColumns, full.OutputColumnCount, minPartitions: 1, maxPartitionBytes: twoGroups, openCostInBytes: 0);
        Assert.Equal([[0, 1], [2]], packed.PlanRowGroups().Splits.Select(s => s.RowGroups));
    }
}
