namespace Rdd.Core;

/// <summary>
/// A snapshot of the latest attempt of one stage, from <see cref="StatusTracker.GetStageInfo"/> (Spark's
/// SparkStageInfo). The task counts are read together: <c>NumActiveTasks + NumCompletedTasks</c> never exceeds
/// the attempts started, even while tasks finish.
/// </summary>
/// <param name="StageId">The stage's id, unique in the context.</param>
/// <param name="CurrentAttemptId">0 for the first submission; a stage runs again when lost shuffle output is rebuilt.</param>
/// <param name="Name">The last Rdd of the stage, e.g. <c>ShuffledRdd[4] at ReduceByKey</c>.</param>
/// <param name="NumTasks">Tasks of this attempt: the stage's partitions whose output was missing when it was submitted.</param>
/// <param name="NumActiveTasks">Task attempts running now.</param>
/// <param name="NumCompletedTasks">Task attempts that succeeded.</param>
/// <param name="NumFailedTasks">Task attempts that failed (a retried task counts once per failed attempt).</param>
/// <param name="SubmissionTime">When the attempt was submitted.</param>
/// <param name="IsActive">True until the attempt completes or fails.</param>
public sealed record RddStageInfo(
    int StageId,
    int CurrentAttemptId,
    string Name,
    int NumTasks,
    int NumActiveTasks,
    int NumCompletedTasks,
    int NumFailedTasks,
    DateTimeOffset SubmissionTime,
    bool IsActive);
