namespace Rdd.Core;

/// <summary>Where a job is in its life (Spark's JobExecutionStatus).</summary>
public enum JobExecutionStatus
{
    /// <summary>Submitted by an action and not finished.</summary>
    Running,

    /// <summary>Every stage it needed ran (or was reused) and the action got its results.</summary>
    Succeeded,

    /// <summary>A task failed after its last attempt, the job was cancelled, or a stage could not be rebuilt.</summary>
    Failed,
}
