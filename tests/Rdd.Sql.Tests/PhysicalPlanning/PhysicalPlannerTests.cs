using System.Globalization;
using Rdd.Core;
using Rdd.Sql.Analysis;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Planning.Optimizer;
using Rdd.Sql.Planning.Physical;
using Rdd.Sql.Types;
using static Rdd.Sql.Functions;
using JoinType = Rdd.Sql.Planning.Logical.JoinType;

namespace Rdd.Sql.Tests.PhysicalPlanning;

using Window = Rdd.Sql.Planning.Logical.Window;

public sealed class PhysicalPlannerTests : IDisposable
{
    private static readonly StructType s_peopleSchema = new(
        new StructField("id", IntegerType.Instance),
        new StructField("name", StringType.Instance),
        new StructField("age", IntegerType.Instance),
        new StructField("dept", StringType.Instance));

    private static readonly StructType s_deptSchema = new(
        new StructField("dept", StringType.Instance),
        new StructField("floor", IntegerType.Instance));

    private static readonly (int Id, string Name, int Age, string? Dept)[] s_people =
    [
        (1, "ann", 34, "eng"), (2, "bob", 25, "eng"), (3, "cid", 41, "ops"), (4, "dee", 29, "ops"),
        (5, "eve", 52, "hr"), (6, "fay", 38, null), (7, "gus", 33, "eng"), (8, "hal", 25, "mkt"),
    ];

    private static readonly (string Dept, int Floor)[] s_depts = [("eng", 3), ("ops", 2), ("hr", 5), ("law", 1)];

    private readonly RddContext _context;
    private readonly string _dir;

    public PhysicalPlannerTests()
    {
        _dir = Path.Combine(Path.GetTempPath(), "rdd-physical-planner-tests", Guid.NewGuid().ToString("N"));
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

    private static LogicalPlanBuilder People() =>
        LogicalPlanBuilder.Local(s_peopleSchema, [.. s_people.Select(p => new object?[] { p.Id, p.Name, p.Age, p.Dept })]);

    private static LogicalPlanBuilder Depts() =>
        LogicalPlanBuilder.Local(s_deptSchema, [.. s_depts.Select(d => new object?[] { d.Dept, d.Floor })]);

    private static Expression E(Column column) => column.Expression;

    private PhysicalPlan Physical(LogicalPlanBuilder builder)
    {
        var analyzed = Analyzer.Analyze(builder.Build());
        var optimized = new Optimizer().Optimize(analyzed).Plan;
        var physical = PhysicalPlanner.Plan(optimized, _context);
        Assert.Equal(optimized.Output.Select(a => a.Name), physical.Schema.FieldNames);
        return physical;
    }

    private static List<object?[]> Rows(PhysicalPlan plan)
    {
        var rows = new List<object?[]>();
        foreach (var batch in plan.Execute().Collect())
        {
            Assert.Equal(plan.ArrowSchema.FieldCount, batch.ColumnCount);
            var columns = batch.Columns.Select(ArrayValues.ToList).ToArray();
            for (int r = 0; r < batch.Length; r++)
            {
                rows.Add([.. columns.Select(c => c[r])]);
            }
        }
        return rows;
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        double d => Math.Round(d, 9).ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static List<string> Texts(IEnumerable<object?[]> rows) => [.. rows.Select(r => string.Join("|", r.Select(Format)))];

    private static List<string> Canonical(IEnumerable<object?[]> rows) => [.. Texts(rows).Order(StringComparer.Ordinal)];

    private static IEnumerable<PhysicalPlan> Nodes(PhysicalPlan plan) => [plan, .. plan.Children.SelectMany(Nodes)];

    [Fact]
    public void Filter_and_project_over_a_local_relation()
    {
        var plan = Physical(People().Filter(E(Col("age") > 30)).Project(Col("name").Expression, E((Col("age") + 1).As("next"))));

        var expected = s_people.Where(p => p.Age > 30).Select(p => new object?[] { p.Name, p.Age + 1 });
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
        Assert.Contains(Nodes(plan), n => n is FilterExec);
        Assert.Contains(Nodes(plan), n => n is ProjectExec);
    }

    [Fact]
    public void Group_by_with_aggregates_and_expressions_over_aggregates()
    {
        var plan = Physical(People().Aggregate(
            [Col("dept").Expression],
            [Col("dept").Expression, E(Count(Col("id")).As("n")), E(Sum(Col("age")).As("total")), E((Sum(Col("age")) + 1).As("total1")), E(Avg(Col("age")).As("mean"))]));

        var expected = s_people.GroupBy(p => p.Dept).Select(g => new object?[]
        {
            g.Key, (long)g.Count(), (long)g.Sum(p => p.Age), (long)g.Sum(p => p.Age) + 1, g.Average(p => p.Age),
        });
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
        Assert.Single(Nodes(plan).OfType<HashAggregateExec>());
        Assert.Equal(["dept", "n", "total", "total1", "mean"], plan.Schema.FieldNames);
    }

    [Fact]
    public void Group_by_an_expression_reuses_the_grouping_column_and_counts_distinct()
    {
        var plan = Physical(People().Aggregate(
            [E(Col("age") % 10)],
            [E((Col("age") % 10).As("digit")), E(CountDistinct(Col("dept")).As("depts")), E(Min(Col("name")).As("first"))]));

        var expected = s_people.GroupBy(p => p.Age % 10).Select(g => new object?[]
        {
            g.Key, (long)g.Where(p => p.Dept is not null).Select(p => p.Dept).Distinct().Count(), g.Select(p => p.Name).Min(StringComparer.Ordinal),
        });
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
        Assert.Equal(["digit", "depts", "first"], plan.Schema.FieldNames);
    }

    [Fact]
    public void Global_aggregate_without_grouping_gives_one_row()
    {
        var plan = Physical(People().Aggregate([], [E(Max(Col("age")).As("oldest")), E(Count(Lit(1)).As("rows"))]));

        Assert.Equal(Texts([[s_people.Max(p => p.Age), (long)s_people.Length]]), Texts(Rows(plan)));
    }

    [Fact]
    public void Inner_join_with_residual_condition_uses_hash_join_keys()
    {
        var plan = Physical(People().Alias("p")
            .Join(Depts().Alias("d"), JoinType.Inner, E((Col("p.dept") == Col("d.dept")) & (Col("p.age") > Col("d.floor") * 10)))
            .Project(Col("p.name").Expression, Col("d.floor").Expression));

        var expected = from p in s_people
                       join d in s_depts on p.Dept equals d.Dept
                       where p.Age > d.Floor * 10
                       select new object?[] { p.Name, d.Floor };
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
        var join = Assert.Single(Nodes(plan).OfType<HashJoinExec>());
        Assert.Single(join.LeftKeys);
        Assert.NotNull(join.Condition);
        Assert.True(join.BroadcastRight);
    }

    [Fact]
    public void Left_join_with_residual_keeps_unmatched_rows()
    {
        var plan = Physical(People().Alias("p")
            .Join(Depts().Alias("d"), JoinType.LeftOuter, E((Col("d.dept") == Col("p.dept")) & (Col("p.age") > Col("d.floor") * 10)))
            .Project(Col("p.id").Expression, Col("d.dept").Expression, Col("d.floor").Expression));

        var expected = s_people.SelectMany(p =>
        {
            var matches = s_depts.Where(d => d.Dept == p.Dept && p.Age > d.Floor * 10).ToList();
            return matches.Count == 0
                ? [new object?[] { p.Id, null, null }]
                : matches.Select(d => new object?[] { p.Id, d.Dept, d.Floor });
        });
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
        Assert.Equal(JoinType.LeftOuter.ToString(), Assert.Single(Nodes(plan).OfType<HashJoinExec>()).JoinType.ToString());
    }

    [Fact]
    public void Right_and_full_outer_joins_shuffle_instead_of_broadcasting()
    {
        var plan = Physical(People().Alias("p").Join(Depts().Alias("d"), JoinType.FullOuter, E(Col("p.dept") == Col("d.dept"))));

        var join = Assert.Single(Nodes(plan).OfType<HashJoinExec>());
        Assert.False(join.BroadcastRight);
        int matched = s_people.Count(p => s_depts.Any(d => d.Dept == p.Dept));
        int expected = matched + s_people.Count(p => !s_depts.Any(d => d.Dept == p.Dept)) + s_depts.Count(d => !s_people.Any(p => p.Dept == d.Dept));
        Assert.Equal(expected, Rows(plan).Count);
    }

    [Fact]
    public void Join_without_equality_uses_nested_loop_join()
    {
        var plan = Physical(People().Alias("p")
            .Join(Depts().Alias("d"), JoinType.Inner, E(Col("p.age") < Col("d.floor") * 10))
            .Project(Col("p.id").Expression, Col("d.dept").Expression));

        var expected = from p in s_people from d in s_depts where p.Age < d.Floor * 10 select new object?[] { p.Id, d.Dept };
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
        Assert.Single(Nodes(plan).OfType<NestedLoopJoinExec>());
    }

    [Fact]
    public void Outer_join_without_equality_is_not_supported()
    {
        var error = Assert.Throws<NotSupportedException>(() =>
            Physical(People().Alias("p").Join(Depts().Alias("d"), JoinType.LeftOuter, E(Col("p.age") < Col("d.floor")))));
        Assert.Contains("equality", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sort_then_limit_returns_the_top_rows_in_order()
    {
        var plan = Physical(People().Sort((SortOrder)E(Col("age").Desc()), (SortOrder)E(Col("name").Asc())).Limit(3).Project(Col("name").Expression, Col("age").Expression));

        var expected = s_people.OrderByDescending(p => p.Age).ThenBy(p => p.Name, StringComparer.Ordinal).Take(3)
            .Select(p => new object?[] { p.Name, p.Age });
        Assert.Equal(Texts(expected), Texts(Rows(plan)));
    }

    [Fact]
    public void Union_and_distinct()
    {
        var plan = Physical(People().Project(Col("dept").Expression).Union(Depts().Project(Col("dept").Expression)).Distinct());

        var expected = s_people.Select(p => p.Dept).Concat(s_depts.Select(d => (string?)d.Dept)).Distinct().Select(d => new object?[] { d });
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
        Assert.Single(Nodes(plan).OfType<UnionExec>());
        Assert.Single(Nodes(plan).OfType<DistinctExec>());
    }

    [Fact]
    public void Union_all_keeps_duplicates()
    {
        var plan = Physical(People().Project(Col("age").Expression).Union(People().Project(Col("age").Expression)));

        Assert.Equal(Canonical(s_people.Concat(s_people).Select(p => new object?[] { p.Age })), Canonical(Rows(plan)));
    }

    private string WriteCsv()
    {
        string path = Path.Combine(_dir, "people.csv");
        File.WriteAllLines(path, ["id,name,age,dept", .. s_people.Select(p => $"{p.Id},{p.Name},{p.Age},{p.Dept}")]);
        return path;
    }

    private string WriteJson()
    {
        string path = Path.Combine(_dir, "people.json");
        File.WriteAllLines(path, s_people.Select(p =>
            $"{{\"id\":{p.Id},\"name\":\"{p.Name}\",\"age\":{p.Age}" + (p.Dept is null ? "}" : $",\"dept\":\"{p.Dept}\"}}")));
        return path;
    }

    private static LogicalPlanBuilder CsvScan(string path) => LogicalPlanBuilder.Scan(new DataSource(
        DataSourceFormat.Csv, [path], new Dictionary<string, string> { ["header"] = "true" }, s_peopleSchema));

    [Fact]
    public void Csv_scan_reads_only_the_pruned_columns()
    {
        var plan = Physical(CsvScan(WriteCsv()).Filter(E(Col("age") > 30)).Project(Col("name").Expression));

        var expected = s_people.Where(p => p.Age > 30).Select(p => new object?[] { p.Name });
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
        var scan = Assert.Single(Nodes(plan).OfType<FileScanExec>());
        Assert.Equal(["name", "age"], scan.RequiredColumnNames);
        Assert.Equal([1, 2], scan.ReadColumns);
        Assert.Equal(2, scan.Schema.Count);
    }

    [Fact]
    public void Csv_scan_of_all_columns_keeps_the_schema_order()
    {
        var plan = Physical(CsvScan(WriteCsv()));

        var expected = s_people.Select(p => new object?[] { p.Id, p.Name, p.Age, p.Dept });
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
        Assert.Equal(s_peopleSchema.FieldNames, plan.Schema.FieldNames);
    }

    [Fact]
    public void Csv_scan_splits_big_files_into_partitions()
    {
        string path = Path.Combine(_dir, "big.csv");
        // Over Spark's 4 MiB open cost (the smallest split) so that the file is cut in two.
        const int rows = 240_000;
        File.WriteAllLines(path, ["id,name,age,dept", .. Enumerable.Range(0, rows).Select(i => $"{i},n{i},{i % 90},d{i % 7}")]);
        Assert.InRange(new FileInfo(path).Length, 4L << 20, 8L << 20);
        var plan = Physical(CsvScan(path).Aggregate([], [E(Count(Lit(1)).As("rows")), E(Sum(Col("id")).As("ids"))]));

        var scan = Assert.Single(Nodes(plan).OfType<FileScanExec>());
        Assert.Equal(2, scan.Execute().NumPartitions);
        Assert.Equal(Texts([[(long)rows, Enumerable.Range(0, rows).Sum(i => (long)i)]]), Texts(Rows(plan)));
    }

    [Fact]
    public void Json_scan_joined_with_a_local_relation_and_grouped()
    {
        string path = WriteJson();
        var json = LogicalPlanBuilder.Scan(DataSource.Files(DataSourceFormat.Json, s_peopleSchema, path));
        var plan = Physical(json.Alias("p")
            .Join(Depts().Alias("d"), JoinType.Inner, E(Col("p.dept") == Col("d.dept")))
            .Aggregate([Col("d.floor").Expression], [Col("d.floor").Expression, E(Sum(Col("p.age")).As("ages"))]));

        var expected = from p in s_people
                       join d in s_depts on p.Dept equals d.Dept
                       group p by d.Floor into g
                       select new object?[] { g.Key, (long)g.Sum(p => p.Age) };
        Assert.Equal(Canonical(expected), Canonical(Rows(plan)));
        var scan = Assert.Single(Nodes(plan).OfType<FileScanExec>());
        Assert.Equal(["age", "dept"], scan.RequiredColumnNames);
    }

    [Fact]
    public void In_memory_batches_are_projected_to_the_required_columns()
    {
        var batch = Rdd.Sql.Tests.Expressions.TestBatches.Make(
            ("x", Rdd.Sql.Tests.Expressions.TestBatches.Ints(1, 2, 3, 4)),
            ("y", Rdd.Sql.Tests.Expressions.TestBatches.Longs(10, 20, 30, 40)));
        var schema = new StructType(new StructField("x", IntegerType.Instance), new StructField("y", LongType.Instance));
        var source = new DataSource(DataSourceFormat.Batches, [], new Dictionary<string, string>(), schema, [batch, batch]);
        var plan = Physical(LogicalPlanBuilder.Scan(source).Filter(E(Col("x") >= 3)).Project(Col("y").Expression));

        Assert.Equal(Canonical([[30L], [40L], [30L], [40L]]), Canonical(Rows(plan)));
        Assert.Contains(Nodes(plan), n => n is BatchSourceExec);
    }

    [Fact]
    public void Explain_shows_the_physical_tree()
    {
        var plan = Physical(CsvScan(WriteCsv()).Filter(E(Col("age") > 30)).Project(Col("name").Expression));

        string text = PhysicalPlanner.ExplainPhysical(plan);

        Assert.Equal(plan.TreeString(), text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Project", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("   +- Filter (age > 30)", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("      +- FileScan csv [name, age] Paths: [", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Window_is_planned_as_a_window_operator()
    {
        var local = LocalRelation.Create(s_peopleSchema, []);
        var age = local.Output[2];
        var window = new Window([new NamedAlias(new AggregateFunction(AggregateKind.Sum, age), "w", ExprId.New())], [local.Output[3]], [], local);

        var plan = Assert.IsType<WindowExec>(PhysicalPlanner.Plan(window, _context));
        Assert.Equal([.. local.Output.Select(a => a.Name), "w"], plan.Schema.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Split_join_condition_separates_keys_from_residual()
    {
        var left = LocalRelation.Create(s_peopleSchema, []);
        var right = LocalRelation.Create(s_deptSchema, []);
        var condition = BinaryLogical.And(
            new Comparison(ComparisonOperator.Equal, right.Output[0], left.Output[3]),
            new Comparison(ComparisonOperator.GreaterThan, left.Output[2], right.Output[1]));

        var (keys, residual) = PhysicalPlanner.SplitJoinCondition(condition, left.Output, right.Output);

        var key = Assert.Single(keys);
        Assert.Same(left.Output[3], key.Left);
        Assert.Same(right.Output[0], key.Right);
        Assert.Single(residual);
    }
}
