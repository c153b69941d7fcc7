using Rdd.Interactive;
using System.Globalization;

namespace Rdd.Core.Interactive;

/// <summary>How far a running job is: tasks done of the tasks it will run, and the stage running now.</summary>
internal sealed class JobProgress(int jobId, string action, int totalTasks)
{
    public static readonly string[] MimeTypes = ["text/html", "text/plain"];

    public int JobId { get; } = jobId;
    public string Action { get; } = action;
    public int TotalTasks { get; set; } = totalTasks;
    public int DoneTasks { get; set; }
    public int FailedTasks { get; set; }
    public string? CurrentStage { get; set; }

    public JobProgress Snapshot() => new(JobId, Action, TotalTasks) { DoneTasks = DoneTasks, FailedTasks = FailedTasks, CurrentStage = CurrentStage };

    private double Fraction => TotalTasks <= 0 ? 0 : Math.Clamp((double)DoneTasks / TotalTasks, 0, 1);

    public string ToHtml() =>
        $"<div class=\"rdd-progress\">Job {JobId} ({Html.Encode(Action)}): <progress max=\"{Math.Max(TotalTasks, 1)}\" value=\"{DoneTasks}\"></progress> "
        + $"{DoneTasks}/{TotalTasks} tasks{(FailedTasks > 0 ? $", {FailedTasks} failed attempts" : "")}"
        + (CurrentStage is null ? "" : $" - {Html.Encode(CurrentStage)}") + "</div>";

    public override string ToString()
    {
        const int width = 30;
        int filled = (int)(Fraction * width);
        return string.Create(CultureInfo.InvariantCulture,
            $"Job {JobId} ({Action}) [{new string('=', filled)}{new string(' ', width - filled)}] {DoneTasks}/{TotalTasks} tasks");
    }
}
