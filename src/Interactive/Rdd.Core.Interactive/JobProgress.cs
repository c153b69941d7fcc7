using Rdd.Interactive;

namespace Rdd.Core.Interactive;

/// <summary>
/// A job of a cell while it runs: its stages running now (tasks done of the tasks they will run), the stages that ended
/// (for the job's stage table) and how many tasks succeeded. Mutated under the owning <see cref="CellProgress"/>'s lock.
/// </summary>
internal sealed class JobProgress(int jobId, string action)
{
    public int JobId { get; } = jobId;
    public string Action { get; } = action;
    public int DoneTasks { get; set; }

    /// <summary>Running stages in the order they were submitted.</summary>
    public List<StageProgress> Running { get; } = [];

    /// <summary>In the order the stages ended: parents before the stages that read them.</summary>
    public List<StageCompleted> Completed { get; } = [];
}

/// <summary>A running stage's bar: tasks done (and failed attempts) of the tasks this submission runs.</summary>
internal sealed record StageProgress(int StageId, string Name, int TotalTasks)
{
    public int DoneTasks { get; set; }
    public int FailedAttempts { get; set; }
}
