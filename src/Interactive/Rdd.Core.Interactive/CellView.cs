using System.Globalization;
using System.Text;
using Rdd.Interactive;

namespace Rdd.Core.Interactive;

/// <summary>
/// What the one display under a cell shows at a moment: while jobs run, a bar per running stage and how many of the cell's
/// jobs finished; between jobs and at the end, the cell's summary line over a collapsible table of its jobs, each row
/// expanding to the job's stage table. An immutable snapshot, so formatting it never races the jobs that change the cell.
/// </summary>
/// <param name="Jobs">Jobs finished in the cell, all of them; the counts and <paramref name="Duration"/> are over all of them too.</param>
/// <param name="FailedJobs">Of <paramref name="Jobs"/>, those that failed; <paramref name="LastFailure"/> is the last of them.</param>
/// <param name="Stages">Stages that ran (skipped stages, whose shuffle output existed, are not counted).</param>
/// <param name="Tasks">Task attempts that succeeded.</param>
/// <param name="Duration">The jobs' durations summed.</param>
/// <param name="LastFailure">The last failed job, or null.</param>
/// <param name="Recent">The last finished jobs, oldest first, at most <see cref="CellProgress.MaxJobRows"/>.</param>
/// <param name="Running">Jobs running now; while any runs the view is their bars, not the table.</param>
internal sealed record CellView(
    int Jobs, int FailedJobs, int Stages, int Tasks, TimeSpan Duration,
    JobSummary? LastFailure, IReadOnlyList<JobSummary> Recent, IReadOnlyList<RunningJobView> Running)
{
    public static readonly string[] MimeTypes = ["text/html", "text/plain"];

    private static readonly string[] JobHeader = ["job", "action", "stages", "tasks", "time (s)", "status"];

    /// <summary>The summary line, without the disclosure mark a plain-text front end needs.</summary>
    private string Line() => LastFailure is null ? Counts : Counts + " · " + FailureText();

    private string Counts => string.Create(CultureInfo.InvariantCulture,
        $"{Jobs} job{S(Jobs)} · {Stages} stage{S(Stages)} · {Tasks} task{S(Tasks)} · {Duration.TotalSeconds:F2} s");

    private string FailureText() => string.Create(CultureInfo.InvariantCulture,
        $"{FailedJobs} failed (job {LastFailure!.JobId}, {LastFailure.Action}: {LastFailure.FailureFirstLine})");

    private string RunningLine(RunningJobView job, StageProgress stage) => string.Create(CultureInfo.InvariantCulture,
        $"Job {job.JobId} ({job.Action}) stage {stage.StageId}: {stage.DoneTasks}/{stage.TotalTasks} tasks")
        + (stage.FailedAttempts > 0 ? $", {stage.FailedAttempts} failed attempts" : "");

    private static string JobName(RunningJobView job) => string.Create(CultureInfo.InvariantCulture, $"Job {job.JobId} ({job.Action})");

    private string FinishedSoFar => string.Create(CultureInfo.InvariantCulture, $"{Jobs} job{S(Jobs)} finished");

    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"rdd-cell-jobs\">");
        if (Running.Count > 0)
        {
            foreach (var job in Running)
            {
                // Before its first stage is submitted and between stages a job has no bar, only its name.
                if (job.Stages.Count == 0) html.Append("<div class=\"rdd-progress\">").Append(Html.Encode(JobName(job))).Append("</div>");
                foreach (var stage in job.Stages)
                {
                    html.Append("<div class=\"rdd-progress\">").Append(Html.Encode(string.Create(CultureInfo.InvariantCulture, $"Job {job.JobId} ({job.Action}) stage {stage.StageId} ")))
                        .Append("<small>").Append(Html.Encode(stage.Name)).Append("</small> ")
                        .Append(CultureInfo.InvariantCulture, $"<progress max=\"{Math.Max(stage.TotalTasks, 1)}\" value=\"{stage.DoneTasks}\"></progress> {stage.DoneTasks}/{stage.TotalTasks} tasks")
                        .Append(stage.FailedAttempts > 0 ? string.Create(CultureInfo.InvariantCulture, $", {stage.FailedAttempts} failed attempts") : "")
                        .Append("</div>");
                }
            }
            return html.Append("<div>").Append(Html.Encode(FinishedSoFar)).Append("</div></div>").ToString();
        }

        html.Append("<details class=\"rdd-jobs\"><summary>").Append(Html.Encode(Counts));
        if (LastFailure is not null) html.Append(" · <span style=\"color:red\">").Append(Html.Encode(FailureText())).Append("</span>");
        html.Append("</summary>");
        if (Jobs > Recent.Count)
            html.Append("<p>").Append(Html.Encode(string.Create(CultureInfo.InvariantCulture, $"and {Jobs - Recent.Count} earlier job{S(Jobs - Recent.Count)}"))).Append("</p>");
        html.Append("<table><thead><tr>");
        foreach (var name in JobHeader) html.Append("<th>").Append(Html.Encode(name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var job in Recent)
        {
            html.Append("<tr><td>").Append(job.JobId.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Html.Encode(job.Action))
                // The stage count opens the job's stage table: rows stay one line until asked.
                .Append("</td><td><details class=\"rdd-job\"><summary>").Append(job.Stages.Count.ToString(CultureInfo.InvariantCulture)).Append("</summary>");
            job.AppendStageTable(html);
            html.Append("</details></td><td>").Append(job.Tasks.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(job.Duration.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(job.Succeeded ? "succeeded" : "<span style=\"color:red\">failed: " + Html.Encode(job.FailureFirstLine) + "</span>")
                .Append("</td></tr>");
        }
        return html.Append("</tbody></table></details></div>").ToString();
    }

    /// <summary>One line: a front end without HTML keeps a cell's output to this, however many jobs ran.</summary>
    public override string ToString() => Running.Count > 0
        ? string.Join(" · ", Running.SelectMany(j => j.Stages.Count == 0 ? [JobName(j)] : j.Stages.Select(s => RunningLine(j, s)))) + " · " + FinishedSoFar
        : "▸ " + Line();

    private static string S(int count) => count == 1 ? "" : "s";
}

/// <summary>A running job as the view shows it: copies of its running stages' counts.</summary>
internal sealed record RunningJobView(int JobId, string Action, IReadOnlyList<StageProgress> Stages);
