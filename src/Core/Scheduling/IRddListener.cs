namespace Rdd.Core;

/// <summary>
/// Receives the scheduler's job, stage and task events (Spark's SparkListener). Register one with
/// <see cref="RddContext.AddListener"/>; implement only the methods you need. Events are delivered
/// synchronously on the thread that raised them - task events on worker threads, possibly at the same
/// time - so implementations must be thread-safe and quick. An exception thrown by a listener is ignored.
/// </summary>
public interface IRddListener
{
    /// <summary>A job was submitted by an action.</summary>
    void OnJobStarted(JobStarted e) { }

    /// <summary>A job finished, successfully or not.</summary>
    void OnJobEnded(JobEnded e) { }

    /// <summary>A stage's missing tasks were handed to the workers.</summary>
    void OnStageSubmitted(StageSubmitted e) { }

    /// <summary>A stage finished, successfully or not.</summary>
    void OnStageCompleted(StageCompleted e) { }

    /// <summary>A task attempt started on a worker.</summary>
    void OnTaskStarted(TaskStarted e) { }

    /// <summary>A task attempt ended, successfully or not.</summary>
    void OnTaskEnded(TaskEnded e) { }
}

/// <summary>A stage of a job: the Rdds pipelined between two shuffle boundaries.</summary>
/// <param name="StageId">Unique in the context.</param>
/// <param name="Name">The last Rdd of the stage, e.g. <c>ShuffledRdd[4] at ReduceByKey</c>.</param>
/// <param name="NumTasks">One task per partition.</param>
/// <param name="IsShuffleMap">True for a stage that writes shuffle output, false for the job's result stage.</param>
/// <param name="ParentStageIds">The stages whose shuffle output this stage reads.</param>
/// <param name="RddId">The last Rdd of the stage.</param>
public sealed record StageInfo(int StageId, string Name, int NumTasks, bool IsShuffleMap, IReadOnlyList<int> ParentStageIds, int RddId);

/// <summary>An action submitted a job.</summary>
public sealed record JobStarted(int JobId, string Action, IReadOnlyList<StageInfo> Stages);

/// <summary>A job ended; <paramref name="Failure"/> is null on success.</summary>
public sealed record JobEnded(int JobId, bool Succeeded, TimeSpan Duration, Exception? Failure);

/// <summary>A stage started; <paramref name="TasksToRun"/> is less than its task count when some outputs already exist.</summary>
public sealed record StageSubmitted(int JobId, StageInfo Stage, int TasksToRun);

/// <summary>A stage ended, with the sum of its successful tasks' metrics.</summary>
public sealed record StageCompleted(int JobId, StageInfo Stage, TaskMetrics Metrics, TimeSpan Duration, Exception? Failure);

/// <summary>A task attempt started.</summary>
public sealed record TaskStarted(int JobId, int StageId, int Partition, int Attempt);

/// <summary>A task attempt ended; <paramref name="Failure"/> is null on success.</summary>
public sealed record TaskEnded(int JobId, int StageId, int Partition, int Attempt, bool Succeeded, TaskMetrics Metrics, TimeSpan Duration, Exception? Failure);
