using Rdd.Core;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Windows;

public sealed record Sale(int Id, string? G, int? X, double? V);

/// <summary>Window functions and the median/corr aggregates end to end, against LINQ over the same rows.</summary>
public sealed class WindowFunctionTests : IDisposable
{
    private readonly RddContext _context = new(new RddConfig { Parallelism = 3 });
    private readonly SqlContext _sql;

    public WindowFunctionTests() => _sql = new SqlContext(_context);

    public void Dispose()
    {
        _context.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>60 rows in groups a/b/c/d and a NULL group; X has ties and NULLs, V has NULLs.</summary>
    private static readonly Sale[] Sales = [.. Enumerable.Range(1, 60).Select(i =>
    {
        var random = new Random(i * 7919);
        string? g = (i % 5) switch { 0 => null, 1 => "a", 2 => "b", 3 => "c", _ => i < 30 ? "d" : "a" };
        int? x = random.Next(6) == 0 ? null : random.Next(4);
        double? v = random.Next(7) == 0 ? null : Math.Round(random.NextDouble() * 100, 2);
        return new Sale(i, g, x, v);
    })];

    private DataFrame Frame() => _sql.CreateDataFrame(Sales);

    private static int CompareX(int? a, int? b) => Comparer<int?>.Default.Compare(a, b); // NULLS FIRST ascending

    private static Dictionary<int, Row> ById(DataFrame df) => df.Collect().ToDictionary(r => (int)r["Id"]!);

    [Fact]
    public void RowNumberRankAndDenseRankWithTies()
    {
        var byX = Window.PartitionBy("G").OrderBy("X");
        var rows = ById(Frame()
            .WithColumn("rn", RowNumber().Over(Window.PartitionBy("G").OrderBy("X", "Id")))
            .WithColumn("rk", Rank().Over(byX))
            .WithColumn("dr", DenseRank().Over(byX)));

        Assert.Equal(Sales.Length, rows.Count);
        foreach (var group in Sales.GroupBy(s => s.G))
        {
            var ordered = group.OrderBy(s => s.X).ThenBy(s => s.Id).ToList();
            for (int i = 0; i < ordered.Count; i++)
            {
                var s = ordered[i];
                var row = rows[s.Id];
                Assert.Equal(i + 1, row["rn"]);
                Assert.Equal(1 + group.Count(o => CompareX(o.X, s.X) < 0), row["rk"]);
                Assert.Equal(1 + group.Where(o => CompareX(o.X, s.X) < 0).Select(o => o.X).Distinct().Count(), row["dr"]);
            }
        }
    }

    [Fact]
    public void SelectWithRankAndNoPartitionKeys()
    {
        var df = Frame().Select(Col("Id"), Rank().Over(Window.OrderBy(Col("Id").Desc())).As("r"));
        Assert.Equal(["Id", "r"], df.Columns);
        var rows = df.Collect();
        Assert.Equal(Sales.Length, rows.Length);
        Assert.All(rows, r => Assert.Equal(Sales.Length - (int)r["Id"]! + 1, r["r"]));
    }

    [Fact]
    public void LagAndLeadWithOffsetsAndDefaults()
    {
        var w = Window.PartitionBy("G").OrderBy("Id");
        var rows = ById(Frame().Select(
            Col("Id"),
            Lag("V").Over(w).As("lag1"),
            Lead(Col("V"), 2, -1.0).Over(w).As("lead2"),
            Lag(Col("X"), 2, 0).Over(w).As("lagx2"),
            Lead("X").Over(w).As("leadx1")));

        foreach (var group in Sales.GroupBy(s => s.G))
        {
            var ordered = group.OrderBy(s => s.Id).ToList();
            for (int i = 0; i < ordered.Count; i++)
            {
                var row = rows[ordered[i].Id];
                Assert.Equal(i >= 1 ? ordered[i - 1].V : null, (double?)row["lag1"]);
                Assert.Equal(i + 2 < ordered.Count ? ordered[i + 2].V : -1.0, (double?)row["lead2"]);
                Assert.Equal(i >= 2 ? ordered[i - 2].X : 0, (int?)row["lagx2"]);
                Assert.Equal(i + 1 < ordered.Count ? ordered[i + 1].X : null, (int?)row["leadx1"]);
            }
        }
    }

    [Fact]
    public void RunningAggregatesWithOrderByAndWholePartitionWithout()
    {
        var ordered = Window.PartitionBy("G").OrderBy("X");
        var whole = Window.PartitionBy("G");
        var rows = ById(Frame().Select(
            Col("Id"),
            Sum("V").Over(ordered).As("runSum"),
            Count("V").Over(ordered).As("runCount"),
            Max("X").Over(ordered).As("runMax"),
            Sum("V").Over(whole).As("sum"),
            Avg("V").Over(whole).As("avg"),
            Min("V").Over(whole).As("min"),
            Count("Id").Over(whole).As("n"),
            Sum("X").Over(whole).As("sumX")));

        foreach (var group in Sales.GroupBy(s => s.G))
        {
            var values = group.Where(s => s.V is not null).Select(s => s.V!.Value).ToList();
            foreach (var s in group)
            {
                var row = rows[s.Id];
                var upTo = group.Where(o => CompareX(o.X, s.X) <= 0).ToList();
                var upToValues = upTo.Where(o => o.V is not null).Select(o => o.V!.Value).ToList();
                AssertClose(upToValues.Count == 0 ? null : upToValues.Sum(), (double?)row["runSum"]);
                Assert.Equal((long)upToValues.Count, row["runCount"]);
                Assert.Equal(upTo.Max(o => o.X), (int?)row["runMax"]);
                AssertClose(values.Count == 0 ? null : values.Sum(), (double?)row["sum"]);
                AssertClose(values.Count == 0 ? null : values.Average(), (double?)row["avg"]);
                AssertClose(values.Count == 0 ? null : values.Min(), (double?)row["min"]);
                Assert.Equal((long)group.Count(), row["n"]);
                Assert.Equal(group.Any(o => o.X is not null) ? group.Sum(o => (long?)o.X) : null, (long?)row["sumX"]);
            }
        }
    }

    [Fact]
    public void RowsBetweenFrames()
    {
        var w = Window.PartitionBy("G").OrderBy("X", "Id");
        var rows = ById(Frame().Select(
            Col("Id"),
            Sum("V").Over(w.RowsBetween(-1, 1)).As("moving"),
            Count("V").Over(w.RowsBetween(Window.UnboundedPreceding, Window.CurrentRow)).As("cumCount"),
            Sum("X").Over(w.RowsBetween(-2, -1)).As("prev2"),
            Max("V").Over(w.RowsBetween(Window.CurrentRow, Window.UnboundedFollowing)).As("maxAfter"),
            Avg("V").Over(w.RowsBetween(Window.UnboundedPreceding, Window.UnboundedFollowing)).As("avgAll")));

        foreach (var group in Sales.GroupBy(s => s.G))
        {
            var ordered = group.OrderBy(s => s.X).ThenBy(s => s.Id).ToList();
            List<Sale> Slice(int from, int to) => [.. ordered.Skip(Math.Max(0, from)).Take(Math.Min(ordered.Count - 1, to) - Math.Max(0, from) + 1)];
            double? SumV(List<Sale> frame) => frame.Any(s => s.V is not null) ? frame.Sum(s => s.V) : null;
            for (int i = 0; i < ordered.Count; i++)
            {
                var row = rows[ordered[i].Id];
                AssertClose(SumV(Slice(i - 1, i + 1)), (double?)row["moving"]);
                Assert.Equal((long)Slice(0, i).Count(s => s.V is not null), row["cumCount"]);
                var prev = Slice(i - 2, i - 1);
                Assert.Equal(prev.Any(s => s.X is not null) ? prev.Sum(s => (long?)s.X) : null, (long?)row["prev2"]);
                AssertClose(Slice(i, ordered.Count - 1).Max(s => s.V), (double?)row["maxAfter"]);
                AssertClose(ordered.Average(s => s.V), (double?)row["avgAll"]);
            }
        }
    }

    [Fact]
    public void NullPartitionKeysFormOnePartitionAndNullOrderKeysSortFirst()
    {
        var rows = Frame().Where(Col("G").IsNull())
            .WithColumn("rn", RowNumber().Over(Window.PartitionBy("G").OrderBy("X", "Id")))
            .Collect();
        var expected = Sales.Where(s => s.G is null).OrderBy(s => s.X).ThenBy(s => s.Id).Select((s, i) => (s.Id, i + 1)).ToList();
        Assert.Contains(Sales, s => s.G is null && s.X is null);
        Assert.Equal(expected, rows.Select(r => ((int)r["Id"]!, (int)r["rn"]!)).OrderBy(p => p.Item2).ToList());
    }

    [Fact]
    public void TopTwoPerGroupFiltersAboveTheWindow()
    {
        // db-benchmark q8: the largest two V per group.
        var w = Window.PartitionBy("G").OrderBy(Col("V").Desc(), Col("Id"));
        var viaWithColumn = Frame().WithColumn("rn", RowNumber().Over(w)).Where(Col("rn") <= 2).Select("G", "Id", "V").Collect();
        var viaSelect = Frame().Select(Col("G"), Col("Id"), Col("V"), RowNumber().Over(w).As("rn")).Where(Col("rn") <= 2).Collect();

        var expected = Sales.GroupBy(s => s.G)
            .SelectMany(g => g.OrderBy(s => s.V is null).ThenByDescending(s => s.V).ThenBy(s => s.Id).Take(2))
            .Select(s => s.Id).Order().ToList();
        Assert.Equal(expected, viaWithColumn.Select(r => (int)r["Id"]!).Order().ToList());
        Assert.Equal(expected, viaSelect.Select(r => (int)r["Id"]!).Order().ToList());
    }

    [Fact]
    public void MedianAndCorrInGroupedAggregation()
    {
        var rows = Frame().GroupBy("G").Agg(Median("V").As("med"), Corr("X", "V").As("corr"), Median(Col("X")).As("medX")).Collect();
        var byGroup = rows.ToDictionary(r => (string?)r["G"] ?? "<null>");
        Assert.Equal(5, byGroup.Count);
        foreach (var group in Sales.GroupBy(s => s.G))
        {
            var row = byGroup[group.Key ?? "<null>"];
            AssertClose(HandMedian(group.Where(s => s.V is not null).Select(s => s.V!.Value)), (double?)row["med"]);
            AssertClose(HandMedian(group.Where(s => s.X is not null).Select(s => (double)s.X!.Value)), (double?)row["medX"]);
            var pairs = group.Where(s => s.X is not null && s.V is not null).Select(s => ((double)s.X!.Value, s.V!.Value)).ToList();
            AssertClose(HandCorr(pairs), (double?)row["corr"]);
        }
    }

    [Fact]
    public void MedianEvenOddAndCorrEdgeCases()
    {
        Sale[] rows =
        [
            new(1, "even", 1, 4), new(2, "even", 2, 1), new(3, "even", 3, 3), new(4, "even", 4, 10),
            new(5, "odd", 5, 7), new(6, "odd", 5, 2), new(7, "odd", 5, 9),
            new(8, "one", 1, 1), new(9, "one", null, 2),
            new(10, "none", 1, null), new(11, "none", 2, null),
            new(12, "line", 1, 2), new(13, "line", 2, 4), new(14, "line", 3, 6),
        ];
        var result = _sql.CreateDataFrame(rows).GroupBy("G").Agg(Median("V"), Corr(Col("X"), Col("V")).As("c"))
            .Collect().ToDictionary(r => (string)r["G"]!);
        Assert.Equal(3.5, result["even"]["median(V)"]);
        Assert.Equal(7.0, result["odd"]["median(V)"]);
        Assert.Null(result["odd"]["c"]); // X has zero variance
        Assert.Null(result["one"]["c"]); // one complete pair
        Assert.Null(result["none"]["median(V)"]);
        Assert.Null(result["none"]["c"]);
        AssertClose(1.0, (double?)result["line"]["c"]);
        AssertClose(HandCorr([(1, 4), (2, 1), (3, 3), (4, 10)]), (double?)result["even"]["c"]);
    }

    [Fact]
    public void CorrAndMedianInSinglePhaseAggregationWithCountDistinct()
    {
        var rows = Frame().GroupBy("G").Agg(CountDistinct(Col("X")).As("dx"), Corr("X", "V").As("corr"), Median("V").As("med")).Collect();
        var byGroup = rows.ToDictionary(r => (string?)r["G"] ?? "<null>");
        foreach (var group in Sales.GroupBy(s => s.G))
        {
            var row = byGroup[group.Key ?? "<null>"];
            Assert.Equal((long)group.Where(s => s.X is not null).Select(s => s.X).Distinct().Count(), row["dx"]);
            var pairs = group.Where(s => s.X is not null && s.V is not null).Select(s => ((double)s.X!.Value, s.V!.Value)).ToList();
            AssertClose(HandCorr(pairs), (double?)row["corr"]);
            AssertClose(HandMedian(group.Where(s => s.V is not null).Select(s => s.V!.Value)), (double?)row["med"]);
        }
    }

    [Fact]
    public void WindowFunctionWithoutOverOrMixedWithAggregatesIsAnError()
    {
        Assert.Throws<AnalysisException>(() => Frame().Select(Col("Id"), RowNumber()).Collect());
        Assert.Throws<AnalysisException>(() => Frame().WithColumn("l", Lag("V")).Collect());
        Assert.Throws<AnalysisException>(() => Frame().Select(Col("Id"), RowNumber().Over(Window.OrderBy("Id")), Sum("V")).Collect());
        Assert.Throws<ArgumentException>(() => Col("Id").Over(Window.OrderBy("Id")));
    }

    [Fact]
    public void ExplainShowsTheWindowOperator()
    {
        var df = Frame().WithColumn("rn", RowNumber().Over(Window.PartitionBy("G").OrderBy("X")));
        Assert.Contains("Window", df.ExplainString(), StringComparison.Ordinal);
    }

    private static double? HandMedian(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double? HandCorr(IReadOnlyList<(double X, double Y)> pairs)
    {
        if (pairs.Count < 2) return null;
        double mx = pairs.Average(p => p.X), my = pairs.Average(p => p.Y);
        double sxy = pairs.Sum(p => (p.X - mx) * (p.Y - my));
        double sxx = pairs.Sum(p => (p.X - mx) * (p.X - mx));
        double syy = pairs.Sum(p => (p.Y - my) * (p.Y - my));
        return sxx == 0 || syy == 0 ? null : sxy / Math.Sqrt(sxx * syy);
    }

    private static void AssertClose(double? expected, double? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected.Value - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)), $"expected {expected}, got {actual}");
    }
}
