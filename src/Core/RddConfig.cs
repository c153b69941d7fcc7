namespace Rdd.Core;

/// <summary>Settings of an <see cref="RddContext"/>. Read once, when the context is created.</summary>
public sealed class RddConfig
{
    /// <summary>Number of worker threads that run tasks, and the default partition count. Default: <see cref="Environment.ProcessorCount"/>.</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Cap, in bytes, for cached blocks held in memory; least recently used blocks are evicted beyond it. Default: a quarter of the memory available to the process.</summary>
    public long StorageMemoryBytes { get; set; } = Math.Max(64L << 20, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4);

    /// <summary>Per-task in-memory buffer, in bytes, before a shuffle or aggregation spills to disk. Default: 256 MiB.</summary>
    public long ShuffleMemoryBytes { get; set; } = 256L << 20;

    /// <summary>Folder for shuffle files, spills and disk-persisted blocks. Default: a new folder under the system temporary folder.</summary>
    public string LocalDir { get; set; } = Path.Combine(Path.GetTempPath(), "rdd-local");

    /// <summary>A task is attempted at most this many times before its job fails. Default: 4.</summary>
    public int MaxTaskAttempts { get; set; } = 4;

    /// <summary>Where intermediate data lives between stages. Default: <see cref="ExecutionMode.InMemory"/>.</summary>
    public ExecutionMode ExecutionMode { get; set; } = ExecutionMode.InMemory;

    /// <summary>
    /// Finished jobs the <see cref="RddContext.StatusTracker"/> remembers, the oldest forgotten first (Spark's
    /// spark.ui.retainedJobs). Default: 1000.
    /// </summary>
    public int RetainedJobs { get; set; } = 1000;

    /// <summary>Finished stages the <see cref="RddContext.StatusTracker"/> remembers (Spark's spark.ui.retainedStages). Default: 1000.</summary>
    public int RetainedStages { get; set; } = 1000;

    /// <summary>
    /// Shows the running stages as progress bars on standard error from the context's creation, as
    /// <see cref="RddContext.ShowConsoleProgress()"/> does (Spark's spark.ui.showConsoleProgress). Default: false.
    /// </summary>
    public bool ShowConsoleProgress { get; set; }

    internal RddConfig Validated()
    {
        if (Parallelism <= 0) throw new ArgumentException("Parallelism must be positive.", nameof(Parallelism));
        if (StorageMemoryBytes < 0) throw new ArgumentException("StorageMemoryBytes must not be negative.", nameof(StorageMemoryBytes));
        if (ShuffleMemoryBytes <= 0) throw new ArgumentException("ShuffleMemoryBytes must be positive.", nameof(ShuffleMemoryBytes));
        if (MaxTaskAttempts <= 0) throw new ArgumentException("MaxTaskAttempts must be positive.", nameof(MaxTaskAttempts));
        if (RetainedJobs < 0) throw new ArgumentException("RetainedJobs must not be negative.", nameof(RetainedJobs));
        if (RetainedStages < 0) throw new ArgumentException("RetainedStages must not be negative.", nameof(RetainedStages));
        ArgumentException.ThrowIfNullOrWhiteSpace(LocalDir, nameof(LocalDir));
        return new RddConfig
        {
            Parallelism = Parallelism,
            StorageMemoryBytes = StorageMemoryBytes,
            ShuffleMemoryBytes = ShuffleMemoryBytes,
            LocalDir = LocalDir,
            MaxTaskAttempts = MaxTaskAttempts,
            ExecutionMode = ExecutionMode,
            RetainedJobs = RetainedJobs,
            RetainedStages = RetainedStages,
            ShowConsoleProgress = ShowConsoleProgress,
        };
    }
}
