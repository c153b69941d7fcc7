namespace Rdd.Core;

/// <summary>A snapshot of one job, from <see cref="StatusTracker.GetJobInfo"/> (Spark's SparkJobInfo).</summary>
/// <param name="JobId">The job's id, unique in the context.</param>
/// <param name="Action">The action that submitted it, e.g. <c>Collect</c>.</param>
/// <param name="Status">Running, succeeded or failed.</param>
/// <param name="StageIds">Every stage of the job, parents first, including stages it skipped because their output already existed.</param>
public sealed record RddJobInfo(int JobId, string Action, JobExecutionStatus Status, IReadOnlyList<int> StageIds);
