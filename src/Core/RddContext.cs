using Rdd.Core.Rdds;
using Rdd.Core.Scheduling;
using Rdd.Core.Shuffle;

namespace Rdd.Core;

/// <summary>
/// The entry point (Spark's SparkContext): creates Rdds from collections and files, owns the scheduler,
/// the worker pool, the shuffle and the block store. Local mode: tasks run in this process on
/// <see cref="RddConfig.Parallelism"/> worker threads. Dispose it to stop the workers and delete its local files.
/// </summary>
public sealed partial class RddContext : IDisposable
{
    private int _nextRddId;
    private int _pendingCheckpoints;

    /// <summary>A local context using all cores.</summary>
    public RddContext()
        : this(new RddConfig())
    {
    }

    /// <summary>A local context with the given settings.</summary>
    public RddContext(RddConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validated();
        LocalDir = Path.Combine(Config.LocalDir, $"context-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(LocalDir);
        Storage = new BlockStore(Config.StorageMemoryBytes, LocalDir);
        Listeners = new ListenerBus();
        StatusTracker = new StatusTracker(Config.RetainedJobs, Config.RetainedStages, TimeProvider.System);
        Listeners.Add(StatusTracker.Listener);
        Workers = new TaskRunner(Config.Parallelism);
        Shuffle = ShuffleManagers.Create(this);
        Scheduler = new DagScheduler(this);
        if (Config.ShowConsoleProgress) ShowConsoleProgress();
        Created?.Invoke(this);
    }

    /// <summary>
    /// Raised by every new context. The notebook extension (Rdd.Core.Interactive) attaches its progress display here,
    /// since a notebook creates its contexts after the extension loaded.
    /// </summary>
    internal static event Action<RddContext>? Created;

    /// <summary>The settings this context runs with (a copy of the ones given).</summary>
    public RddConfig Config { get; }

    /// <summary>Default partition count of sources and shuffles: <see cref="RddConfig.Parallelism"/>.</summary>
    public int DefaultParallelism => Config.Parallelism;

    /// <summary>The blocks of cached Rdds.</summary>
    public BlockStore Storage { get; }

    internal string LocalDir { get; }

    /// <summary>Where aggregation and sort buffers spill when they outgrow <see cref="RddConfig.ShuffleMemoryBytes"/>.</summary>
    internal string SpillDirectory => Path.Combine(LocalDir, "spill");
    internal string? CheckpointDir { get; private set; }
    internal ListenerBus Listeners { get; }
    internal TaskRunner Workers { get; }
    internal IShuffleManager Shuffle { get; }
    internal DagScheduler Scheduler { get; }
    internal bool IsDisposed { get; private set; }

    /// <summary>Test hook: faults to inject at the start of every task attempt.</summary>
    internal FaultInjector? FaultInjector { get; set; }

    /// <summary>Subscribes a listener to job, stage and task events.</summary>
    public void AddListener(IRddListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Listeners.Add(listener);
    }

    /// <summary>Unsubscribes a listener.</summary>
    public void RemoveListener(IRddListener listener) => Listeners.Remove(listener);

    /// <summary>Sets the folder under which <see cref="Rdd{T}.Checkpoint"/> writes its data.</summary>
    public void SetCheckpointDir(string dir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dir);
        Directory.CreateDirectory(dir);
        CheckpointDir = Path.GetFullPath(dir);
    }

    /// <summary>Shares a read-only value with every task (Spark's broadcast variable); read it through <c>.Value</c>.</summary>
    public Broadcast<T> Broadcast<T>(T value) => new(value);

    /// <summary>A counter that tasks add to and the driver reads; updates from a task count once, even when it is retried.</summary>
    public Accumulator<long> LongAccumulator(string? name = null) => new(name);

    /// <summary>A counter of doubles; see <see cref="LongAccumulator"/>.</summary>
    public Accumulator<double> DoubleAccumulator(string? name = null) => new(name);

    /// <summary>Rdds marked for checkpointing whose checkpoint is not written yet; jobs look for them only when there are some.</summary>
    internal int PendingCheckpoints => Volatile.Read(ref _pendingCheckpoints);

    internal void AddPendingCheckpoint(int delta) => Interlocked.Add(ref _pendingCheckpoints, delta);

    internal int NewRddId() => Interlocked.Increment(ref _nextRddId) - 1;

    /// <summary>Stops the workers and deletes shuffle files, spills and disk blocks.</summary>
    public void Dispose()
    {
        if (IsDisposed) return;
        IsDisposed = true;
        StopConsoleProgress();
        Workers.Dispose();
        Shuffle.Dispose();
        Storage.Clear();
        try
        {
            if (Directory.Exists(LocalDir)) Directory.Delete(LocalDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open elsewhere must not make Dispose throw.
        }
    }
}
