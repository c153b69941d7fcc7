namespace Rdd.Core;

/// <summary>
/// Thrown by an action when one of its tasks failed <see cref="RddConfig.MaxTaskAttempts"/> times.
/// <see cref="Exception.InnerException"/> is the exception of the last attempt, as the user code threw it.
/// </summary>
public class JobFailedException : Exception
{
    /// <summary>Creates the exception for a task of <paramref name="stageId"/> computing <paramref name="partition"/>.</summary>
    public JobFailedException(int jobId, int stageId, int partition, int attempts, Exception inner)
        : base($"Job {jobId} aborted: task for partition {partition} of stage {stageId} failed {attempts} time(s); last failure: {inner.GetType().Name}: {inner.Message}", inner)
    {
        JobId = jobId;
        StageId = stageId;
        Partition = partition;
        Attempts = attempts;
    }

    /// <summary>The job that failed.</summary>
    public int JobId { get; }

    /// <summary>The stage whose task failed.</summary>
    public int StageId { get; }

    /// <summary>The partition the failing task computed.</summary>
    public int Partition { get; }

    /// <summary>How many times the task was attempted.</summary>
    public int Attempts { get; }
}
