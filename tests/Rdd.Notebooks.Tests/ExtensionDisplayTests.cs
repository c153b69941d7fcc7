using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;

namespace Rdd.Notebooks.Tests;

/// <summary>
/// What the kernel extensions packed into the Rdd packages display, checked in the real kernel after
/// <c>#r "nuget:…"</c>: HTML and plain text for each Rdd type, never the kernel's default property tree.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class ExtensionDisplayTests(LocalFeed feed)
{
    [Fact]
    public async Task CoreOnly_RddLineageJobSummaryAndTimings_DisplayWithoutLoadingTheSqlExtension()
    {
        var outputs = await RunCells(
            $"#i \"nuget:{LocalFeed.FeedFolder}\"\n#r \"nuget:Rdd.Core,0.1.0\"\nusing Rdd.Core;",
            """
            var sc = new RddContext(new RddConfig { Parallelism = 2 });
            var counts = sc.Parallelize(new[] { "a b", "b c" }, 2).FlatMap(l => l.Split(' ')).Map(w => (w, 1)).ReduceByKey((a, b) => a + b);
            counts
            """,
            "counts.Collect().Length",
            """
            var timings = new IterationTimings("lr");
            timings.Add("InMemory", 0.1); timings.Add("InMemory", 0.05); timings.Add("MapReduce", 0.3); timings.Add("MapReduce", 0.25);
            timings
            """);

        var loaded = string.Join("\n", outputs[0].SelectMany(Texts));
        Assert.Contains("Rdd.Core.Interactive.dll", loaded);
        Assert.DoesNotContain("Rdd.Sql.Interactive", loaded);

        var lineage = Single(outputs[1], "text/html");
        Assert.Contains("<ul>", lineage);
        Assert.Contains("stage boundary", lineage);
        Assert.Contains("ShuffledRdd", lineage);
        Assert.Contains("+-(2)", Single(outputs[1], "text/plain"));   // ToDebugString, Spark's layout
        Assert.DoesNotContain("BlockStore", string.Join("\n", outputs.SelectMany(o => o).SelectMany(Texts)));

        // The progress bar was replaced in place by the cell's summary: the job's stage table, nothing left of the bar.
        var job = string.Join("\n", outputs[2].SelectMany(Texts));
        Assert.Contains("1 job · 2 stages", job);
        Assert.Contains("<details class=\"rdd-job\">", job);
        Assert.Contains("succeeded", job);
        Assert.Contains("shuffle written (bytes)", job);
        Assert.DoesNotContain("<progress", job);

        var chart = Single(outputs[3], "text/html");
        Assert.Contains("<svg", chart);
        Assert.Equal(2, CountOf(chart, "<polyline"));
        Assert.Contains("MapReduce (s)", Single(outputs[3], "text/plain"));
    }

    [Fact]
    public async Task SqlAndMlLib_FramesRowsSchemasAndModels_DisplayAsTablesAndCharts()
    {
        var outputs = await RunCells(
            $"#i \"nuget:{LocalFeed.FeedFolder}\"\n#r \"nuget:Rdd.MlLib,0.1.0\"\nusing Rdd.Core;\nusing Rdd.Sql;\nusing Rdd.MlLib;\nusing static Rdd.Sql.Functions;",
            """
            var sc = new RddContext(new RddConfig { Parallelism = 2 });
            var sql = new SqlContext(sc);
            var df = sql.Range(25).WithColumn("text", Lit("a value longer than twenty characters"));
            Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(df, "text/html").Length
            """,
            "df",
            "df.Collect()",
            "df.Schema",
            """
            var points = sql.Range(60).WithColumn("x", Col("id") % 10).WithColumn("label", When(Col("id") % 10 >= 5, Lit(1.0)).Otherwise(Lit(0.0)));
            var noisy = points.WithColumn("label", When(Col("id") % 7 == 0, Lit(1.0) - Col("label")).Otherwise(Col("label")));
            var model = new LogisticRegression { MaxIter = 10 }.Fit(new VectorAssembler { InputCols = ["x"], OutputCol = "features" }.Transform(noisy));
            model
            """,
            "model.Summary",
            "df.GroupBy(\"id\")");

        // One HTML format of the frame runs some jobs; showing it (HTML and plain text) must not run them again.
        Assert.Equal(Jobs(outputs[1]), Jobs(outputs[2]));
        Assert.True(Jobs(outputs[2]) > 0);

        var frame = Single(outputs[2], "text/html");
        Assert.Contains("id<br/><small>bigint</small>", frame);
        Assert.Contains("text<br/><small>string</small>", frame);
        Assert.Contains("showing the first 20 of 25 rows", frame);
        Assert.Contains("a value longer th...", frame);
        Assert.Equal(21, CountOf(frame, "<tr>"));   // the header and 20 rows
        Assert.Contains("|  0|a value longer th...|", Single(outputs[2], "text/plain"));

        var rows = Single(outputs[3], "text/html");
        Assert.Contains("25 rows", rows);
        Assert.Equal(26, CountOf(rows, "<tr>"));

        Assert.Contains("<td>bigint</td>", Single(outputs[4], "text/html"));
        Assert.Contains("root", Single(outputs[4], "text/plain"));

        var model = Single(outputs[5], "text/html");
        Assert.Contains("features[0]", model);
        Assert.Contains("intercept", model);
        Assert.Contains("coefficient", Single(outputs[5], "text/plain"));

        var summary = Single(outputs[6], "text/html");
        Assert.Equal(2, CountOf(summary, "<svg"));
        Assert.Contains("ROC curve", summary);
        Assert.Contains("area under ROC", summary);

        // A type without a display of its own shows its ToString, not the kernel's walk through its properties.
        Assert.Equal("Rdd.Sql.GroupedData", Single(outputs[7], "text/plain"));
        Assert.DoesNotContain("BlockStore", string.Join("\n", outputs.SelectMany(o => o).SelectMany(Texts)));
    }

    private Task<IReadOnlyList<List<InteractiveDocumentOutputElement>>> RunCells(params string[] cells)
    {
        _ = feed;
        return RunCellsAsync(cells);
    }

    /// <summary>Runs <paramref name="cells"/> as a notebook in a fresh kernel; the caller holds the <see cref="LocalFeed"/> fixture.</summary>
    internal static async Task<IReadOnlyList<List<InteractiveDocumentOutputElement>>> RunCellsAsync(params string[] cells)
    {
        var path = Path.Combine(Path.GetTempPath(), $"display-{Guid.NewGuid():N}.ipynb");
        var notebook = new
        {
            cells = cells.Select(c => new { cell_type = "code", source = new[] { c }, metadata = new { }, outputs = Array.Empty<object>() }),
            metadata = new { },
            nbformat = 4,
            nbformat_minor = 4,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(notebook));
        try
        {
            return await NotebookRunner.RunAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The one returned or displayed value of the cell that has <paramref name="mime"/>, job summaries aside.</summary>
    private static string Single(List<InteractiveDocumentOutputElement> outputs, string mime) =>
        Assert.Single(outputs.OfType<ReturnValueElement>().Select(r => r.Data).Where(d => d.ContainsKey(mime)).Select(d => (string)d[mime]));

    /// <summary>The job rows of the cell's progress display (each row's stage table is a <c>rdd-job</c> details).</summary>
    private static int Jobs(List<InteractiveDocumentOutputElement> outputs) =>
        outputs.OfType<DisplayElement>().Where(d => d.Data.ContainsKey("text/html")).Sum(d => CountOf((string)d.Data["text/html"], "class=\"rdd-job\""));

    internal static IEnumerable<string> Texts(InteractiveDocumentOutputElement output) => output switch
    {
        DisplayElement d => d.Data.Values.Select(v => v.ToString() ?? ""),
        ReturnValueElement r => r.Data.Values.Select(v => v.ToString() ?? ""),
        TextElement t => [t.Text],
        _ => [],
    };

    internal static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
