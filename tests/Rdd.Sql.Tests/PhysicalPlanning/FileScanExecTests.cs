using Apache.Arrow;
using Apache.Arrow.Ipc;
using Rdd.Core;
using Rdd.Sql.Analysis;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.IO.ArrowFiles;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Planning.Optimizer;
using Rdd.Sql.Planning.Physical;
using Rdd.Sql.Types;
using static Rdd.Sql.Functions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.PhysicalPlanning;

public sealed class FileScanExecTests : IDisposable
{
    private static readonly StructType s_schema = new(new StructField("k", IntegerType.Instance), new StructField("v", LongType.Instance));

    private readonly RddContext _context;
    private readonly string _dir;

    public FileScanExecTests()
    {
        _dir = Path.Combine(Path.GetTempPath(), "rdd-file-scan-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        _context = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(_dir, "local") });
    }

    public void Dispose()
    {
        _context.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private PhysicalPlan Physical(LogicalPlanBuilder builder) =>
        PhysicalPlanner.Plan(new Optimizer().Optimize(Analyzer.Analyze(builder.Build())).Plan, _context);

    private static List<string> Rows(PhysicalPlan plan) =>
        [.. plan.Execute().Collect()
            .SelectMany(b => Enumerable.Range(0, b.Length).Select(r => string.Join("|", b.Columns.Select(c => ArrayValues.Get(c, r) ?? "null"))))
            .Order(StringComparer.Ordinal)];

    private string WriteArrow(string name, bool fileFormat, params RecordBatch[] batches)
    {
        string path = Path.Combine(_dir, name);
        using var stream = File.Create(path);
        if (fileFormat)
        {
            using var writer = new ArrowFileWriter(stream, batches[0].Schema);
            foreach (var batch in batches) writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        else
        {
            using var writer = new ArrowStreamWriter(stream, batches[0].Schema);
            foreach (var batch in batches) writer.WriteRecordBatch(batch);
        }
        return path;
    }

    [Fact]
    public void Arrow_file_and_stream_formats_are_read_one_partition_per_file()
    {
        var folder = Path.Combine(_dir, "arrow");
        Directory.CreateDirectory(folder);
        WriteArrow(Path.Combine("arrow", "part-0.arrow"), fileFormat: true, Make(("k", Ints(1, 2)), ("v", Longs(10, 20))), Make(("k", Ints(3)), ("v", Longs(30))));
        WriteArrow(Path.Combine("arrow", "part-1.arrows"), fileFormat: false, Make(("k", Ints(4, 5)), ("v", Longs(40, null))));
        var plan = Physical(LogicalPlanBuilder.Scan(DataSource.Files(DataSourceFormat.Arrow, s_schema, folder)).Project(Col("v").Expression));

        var scan = Assert.IsType<FileScanExec>(plan);
        Assert.Equal(["v"], scan.RequiredColumnNames);
        Assert.Equal(2, scan.Execute().NumPartitions);
        Assert.Equal(["10", "20", "30", "40", "null"], Rows(plan));
    }

    [Fact]
    public void Text_files_read_the_value_column()
    {
        string path = Path.Combine(_dir, "lines.txt");
        File.WriteAllLines(path, ["alpha", "beta", "gamma"]);
        var plan = Physical(LogicalPlanBuilder.Scan(DataSource.Files(DataSourceFormat.Text, new StructType(new StructField("value", StringType.Instance)), path))
            .Filter(E(Col("value") != "beta")));

        Assert.Equal(["alpha", "gamma"], Rows(plan));
    }

    [Fact]
    public void Exact_pushed_filters_run_in_the_scan_reading_filter_only_columns()
    {
        string path = Path.Combine(_dir, "kv.csv");
        File.WriteAllLines(path, ["1,10", "2,20", "3,30", "4,40"]);
        var source = new DataSource(DataSourceFormat.Csv, [path], new Dictionary<string, string>(), s_schema, ExactFilters: true);
        var plan = Physical(LogicalPlanBuilder.Scan(source).Filter(E(Col("k") > 2)).Project(Col("v").Expression));

        Assert.DoesNotContain(Nodes(plan), n => n is FilterExec);
        Assert.Single(Assert.Single(Nodes(plan).OfType<FileScanExec>()).Filters);
        Assert.Equal(["30", "40"], Rows(plan));

        // A scan whose filter reads a column it does not output (built directly: PruneColumns keeps such columns today).
        var full = Scan.Create(source);
        var pruned = new Scan(source, full.FullOutput, [full.FullOutput[1]], [new Comparison(ComparisonOperator.GreaterThan, full.FullOutput[0], Literal.Create(2))]);
        var direct = Assert.IsType<FileScanExec>(PhysicalPlanner.Plan(pruned, _context));
        Assert.Equal(["v"], direct.RequiredColumnNames);
        Assert.Equal([1, 0], direct.ReadColumns);
        Assert.Equal(["30", "40"], Rows(direct));
    }

    [Fact]
    public void Missing_files_fail_when_the_plan_executes()
    {
        var plan = Physical(LogicalPlanBuilder.Scan(DataSource.Files(DataSourceFormat.Csv, s_schema, Path.Combine(_dir, "nope.csv"))));

        Assert.ThrowsAny<Exception>(() => plan.Execute().Collect());
    }

    private static IEnumerable<PhysicalPlan> Nodes(PhysicalPlan plan) => [plan, .. plan.Children.SelectMany(Nodes)];

    private static Expression E(Column column) => column.Expression;
}
