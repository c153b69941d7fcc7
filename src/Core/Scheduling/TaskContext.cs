namespace Rdd.Core.Scheduling;

/// <summary>
/// What a running task knows about itself: its stage, partition and attempt, the job's cancellation
/// token, the metrics it accumulates, and the accumulator updates that count only if it succeeds.
/// A task runs on one worker thread, so <see cref="Current"/> is thread-static.
/// </summary>
internal sealed class TaskContext
{
    [ThreadStatic] private static TaskContext? t_current;

    private Dictionary<long, object>? _accumulatorUpdates;

    public TaskContext(RddContext rddContext, int stageId, int partitionId, int attemptNumber, CancellationToken cancellationToken)
    {
        RddContext = rddContext;
        StageId = stageId;
        PartitionId = partitionId;
        AttemptNumber = attemptNumber;
        CancellationToken = cancellationToken;
    }

    /// <summary>The task running on this thread, or null on the driver.</summary>
    public static TaskContext? Current => t_current;

    public RddContext RddContext { get; }
    public int StageId { get; }
    public int PartitionId { get; }
    public int AttemptNumber { get; }
    public CancellationToken CancellationToken { get; }
    public TaskMetrics Metrics { get; } = new();

    /// <summary>Accumulator deltas made by this attempt, applied when it succeeds.</summary>
    public Dictionary<long, object> AccumulatorUpdates => _accumulatorUpdates ??= new();

    public bool HasAccumulatorUpdates => _accumulatorUpdates is { Count: > 0 };

    /// <summary>A context for driver-side computation (sampling, local actions) outside a task.</summary>
    public static TaskContext ForDriver(RddContext context, int partitionId = 0, CancellationToken ct = default) =>
        new(context, -1, partitionId, 0, ct);

    internal Scope Enter() => new(this);

    internal readonly struct Scope : IDisposable
    {
        private readonly TaskContext? _previous;

        public Scope(TaskContext context)
        {
            _previous = t_current;
            t_current = context;
        }

        public void Dispose() => t_current = _previous;
    }
}
