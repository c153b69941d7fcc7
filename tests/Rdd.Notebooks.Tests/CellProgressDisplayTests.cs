using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using static Rdd.Notebooks.Tests.ExtensionDisplayTests;

namespace Rdd.Notebooks.Tests;

/// <summary>
/// The one progress display per cell that the Rdd.Core kernel extension shows, in the real kernel: however many jobs a
/// cell runs it leaves one output, ending as the cell's summary with a row per job; the next cell starts its own.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class CellProgressDisplayTests(LocalFeed feed)
{
    private static readonly string Setup = $"#i \"nuget:{LocalFeed.FeedFolder}\"\n#r \"nuget:Rdd.Core,0.1.0\"\nusing Rdd.Core;";

    [Fact]
    public async Task CellsRunningManyJobs_EachShowOneDisplay_SummingUpTheirOwnJobs()
    {
        _ = feed;
        var outputs = await RunCellsAsync(
            Setup,
            """
            var sc = new RddContext(new RddConfig { Parallelism = 2 });
            var counts = sc.Parallelize(new[] { "a b", "b c", "c d" }, 2).FlatMap(l => l.Split(' ')).Map(w => (w, 1)).ReduceByKey((a, b) => a + b);
            var distinct = counts.Count();
            var pairs = counts.Collect();
            var doubled = sc.Parallelize(new[] { 1, 2, 3 }, 3).Map(x => x * 2).Collect();
            distinct + pairs.Length + doubled.Length
            """,
            """
            sc.Parallelize(new[] { 1, 2 }, 2).Collect().Length + sc.Parallelize(new[] { 5 }, 1).Count()
            """);

        var first = Assert.Single(outputs[1].OfType<DisplayElement>());
        var html = (string)first.Data["text/html"];
        Assert.StartsWith("3 jobs · 4 stages · 9 tasks · ", Summary(html));   // Count: map 2 + result 2 tasks; Collect skips the map stage: 2; the last job 3
        Assert.Equal(3, CountOf(html, "class=\"rdd-job\""));
        Assert.Contains("<tr><td>0</td><td>Count</td>", html);
        Assert.Contains("<tr><td>1</td><td>Collect</td>", html);
        Assert.Contains("<tr><td>2</td><td>Collect</td>", html);
        Assert.Contains("shuffle written (bytes)", html);   // each row expands to its job's stage table
        Assert.Equal(3, CountOf(html, "succeeded"));
        Assert.DoesNotContain("<progress", html);
        Assert.DoesNotContain("earlier job", html);

        var text = (string)first.Data["text/plain"];
        Assert.StartsWith("▸ 3 jobs · 4 stages · 9 tasks · ", text);
        Assert.EndsWith(" s", text);
        Assert.DoesNotContain('\n', text);

        // The second cell's jobs went to a display of its own, not into the first cell's.
        var second = (string)Assert.Single(outputs[2].OfType<DisplayElement>()).Data["text/html"];
        Assert.StartsWith("2 jobs · 2 stages · 3 tasks · ", Summary(second));
        Assert.Contains("<tr><td>3</td><td>Collect</td>", second);
        Assert.Contains("<tr><td>4</td><td>Count</td>", second);
        Assert.DoesNotContain("<tr><td>0</td>", second);
    }

    [Fact]
    public async Task FirstJobOfACell_CreatesTheDisplayAsARunningView()
    {
        _ = feed;
        // The runner keeps only each display's last state; the kernel's events show the one it was created with, at
        // the first job's start (before any stage was submitted, so the job has no bar yet).
        Microsoft.DotNet.Interactive.Formatting.Formatter.ResetToDefault();
        using var kernel = NotebookKernel.Create();
        Assert.Empty((await kernel.SendAsync(new SubmitCode(Setup))).Events.OfType<CommandFailed>());
        var result = await kernel.SendAsync(new SubmitCode("""
            var sc = new RddContext(new RddConfig { Parallelism = 2 });
            sc.Parallelize(new[] { 1, 2, 3 }, 2).Count() + sc.Parallelize(new[] { 1 }, 1).Count()
            """));
        Assert.Empty(result.Events.OfType<CommandFailed>());

        var created = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        Assert.Equal("Job 0 (Count) · 0 jobs finished", created.FormattedValues.Single(v => v.MimeType == "text/plain").Value);
        var html = created.FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("<div class=\"rdd-progress\">Job 0 (Count)</div>", html);
        Assert.Contains("0 jobs finished", html);
        Assert.DoesNotContain("rdd-jobs", html);
        // Every later state went to the same display.
        Assert.All(result.Events.OfType<DisplayedValueUpdated>(), u => Assert.Equal(created.ValueId, u.ValueId));
        Assert.StartsWith("▸ 2 jobs · ", result.Events.OfType<DisplayedValueUpdated>().Last().FormattedValues.Single(v => v.MimeType == "text/plain").Value);
    }

    [Fact]
    public async Task FailingJob_IsCalledOutWithTheFirstLineOfItsError()
    {
        _ = feed;
        var outputs = await RunCellsAsync(
            Setup,
            """
            var sc = new RddContext(new RddConfig { Parallelism = 2 });
            var before = sc.Parallelize(new[] { 1, 2 }, 2).Count();
            string outcome;
            try
            {
                sc.Parallelize(new[] { 1, 2 }, 2).Map(x => x == 2 ? throw new InvalidOperationException("bad value 2\nsecond line") : x).Collect();
                outcome = "no failure";
            }
            catch (Exception)
            {
                outcome = "failed";
            }
            outcome
            """);

        var display = Assert.Single(outputs[1].OfType<DisplayElement>());
        var html = (string)display.Data["text/html"];
        Assert.Contains("2 jobs", html);
        Assert.Contains("<span style=\"color:red\">1 failed (job 1, Collect: ", html);
        Assert.Contains("bad value 2", html);
        Assert.DoesNotContain("second line", html);
        Assert.Contains("<tr><td>0</td><td>Count</td>", html);
        Assert.Contains("<span style=\"color:red\">failed: ", html);   // the failed job's row
        var text = (string)display.Data["text/plain"];
        Assert.Contains("· 1 failed (job 1, Collect: ", text);
        Assert.DoesNotContain('\n', text);
    }

    [Fact]
    public async Task CellOfManyJobs_TableKeepsTheLastHundred_SummaryCountsThemAll()
    {
        _ = feed;
        var outputs = await RunCellsAsync(
            Setup,
            """
            var sc = new RddContext(new RddConfig { Parallelism = 1 });
            var one = sc.Parallelize(new[] { 1 }, 1);
            long total = 0;
            for (int i = 0; i < 105; i++) total += one.Count();
            total
            """);

        var html = (string)Assert.Single(outputs[1].OfType<DisplayElement>()).Data["text/html"];
        Assert.StartsWith("105 jobs · 105 stages · 105 tasks · ", Summary(html));
        Assert.Contains("<p>and 5 earlier jobs</p>", html);
        Assert.Equal(100, CountOf(html, "class=\"rdd-job\""));
        Assert.DoesNotContain("<tr><td>4</td>", html);   // jobs 0-4 left the table
        Assert.Contains("<tr><td>5</td><td>Count</td>", html);
        Assert.Contains("<tr><td>104</td><td>Count</td>", html);
    }

    [Fact]
    public async Task JobOnAThreadWithoutTheCellsContext_ShowsNoDisplay()
    {
        _ = feed;
        var outputs = await RunCellsAsync(
            Setup,
            "var sc = new RddContext(new RddConfig { Parallelism = 2 });",
            """
            long background = 0;
            var flow = System.Threading.ExecutionContext.SuppressFlow();   // the thread does not inherit the kernel's invocation context
            var thread = new System.Threading.Thread(() => background = sc.Parallelize(new[] { 1, 2, 3 }, 2).Count());
            thread.Start();
            flow.Undo();
            thread.Join();
            background
            """,
            "sc.Parallelize(new[] { 1, 2 }, 2).Count()");

        Assert.Empty(outputs[2].OfType<DisplayElement>());
        Assert.Contains(outputs[2].OfType<ReturnValueElement>(), r => r.Data.Values.Any(v => v.ToString()!.Contains("<pre>3</pre>", StringComparison.Ordinal)));
        // The next cell's job (job 1: the background one was job 0) is shown as usual.
        var next = (string)Assert.Single(outputs[3].OfType<DisplayElement>()).Data["text/html"];
        Assert.StartsWith("1 job · 1 stage · 2 tasks · ", Summary(next));
        Assert.Contains("<tr><td>1</td><td>Count</td>", next);
    }

    /// <summary>The text of the display's summary line (the cell's <c>details</c>).</summary>
    private static string Summary(string html)
    {
        const string open = "<details class=\"rdd-jobs\"><summary>";
        int start = html.IndexOf(open, StringComparison.Ordinal);
        Assert.True(start >= 0, html);
        start += open.Length;
        return System.Net.WebUtility.HtmlDecode(html[start..html.IndexOf("</summary>", start, StringComparison.Ordinal)]);
    }
}
