using Rdd.Interactive;
using System.Globalization;
using System.Text;

namespace Rdd.Core.Interactive;

/// <summary>
/// What a finished job did, stage by stage in the order the stages ran (parents first): the table a job's row in the
/// cell's <see cref="CellView"/> expands to, and the display of a job shown on its own. Columns say what they count:
/// records and bytes are the sums over the stage's successful tasks.
/// </summary>
internal sealed record JobSummary(int JobId, string Action, bool Succeeded, TimeSpan Duration, IReadOnlyList<StageCompleted> Stages, string? Failure, int Tasks = 0)
{
    private static readonly string[] Header =
        ["stage", "name", "tasks", "time (s)", "records read", "records written", "shuffle read (bytes)", "shuffle written (bytes)", "spilled (bytes)"];

    private IReadOnlyList<IReadOnlyList<string>> Rows() => Stages.Select(s => (IReadOnlyList<string>)
    [
        s.Stage.StageId.ToString(CultureInfo.InvariantCulture),
        s.Stage.Name,
        s.Stage.NumTasks.ToString(CultureInfo.InvariantCulture),
        s.Duration.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture),
        N(s.Metrics.RecordsRead + s.Metrics.ShuffleRecordsRead),
        N(s.Metrics.RecordsWritten + s.Metrics.ShuffleRecordsWritten),
        N(s.Metrics.ShuffleBytesRead),
        N(s.Metrics.ShuffleBytesWritten),
        N(s.Metrics.SpilledBytes),
    ]).ToList();

    private string Headline => string.Create(CultureInfo.InvariantCulture,
        $"Job {JobId} ({Action}) {(Succeeded ? "succeeded" : "failed")} in {Duration.TotalSeconds:F3} s, {Stages.Count} stage{(Stages.Count == 1 ? "" : "s")}")
        + (Failure is null ? "" : $": {Failure}");

    public string ToHtml()
    {
        var html = new StringBuilder("<details class=\"rdd-job\"><summary>").Append(Html.Encode(Headline)).Append("</summary>");
        AppendStageTable(html);
        return html.Append("</details>").ToString();
    }

    public void AppendStageTable(StringBuilder html) => Html.Table(html, Header.Select(Html.Encode).ToList(), Rows());

    /// <summary>The first line of the failure's message: the rest (inner details, stack-like text) would not fit a summary line.</summary>
    public string? FailureFirstLine => Failure?.Split('\n', 2)[0].TrimEnd('\r');

    public override string ToString() => Headline + Environment.NewLine + Html.TextTable(Header, Rows());

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
