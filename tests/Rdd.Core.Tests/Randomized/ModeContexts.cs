namespace Rdd.Core.Tests.Randomized;

/// <summary>
/// How a suite runs its jobs: the two execution modes, plus the in-memory mode with a shuffle budget so small
/// that every map output is spilled to a file (the in-memory manager's fallback path).
/// </summary>
public enum RunMode
{
    /// <summary><see cref="ExecutionMode.InMemory"/> with the default shuffle memory: map outputs stay in memory.</summary>
    InMemory,

    /// <summary><see cref="ExecutionMode.InMemory"/> with one byte of shuffle memory: every map output goes to a file.</summary>
    InMemorySpilling,

    /// <summary><see cref="ExecutionMode.MapReduce"/>: every map output is written to a file by design.</summary>
    MapReduce,
}

/// <summary>
/// Contexts for the shuffle-area suites (PairOps, Joins, Sorting, Partitioning, Randomized), parametrized by
/// <see cref="RunMode"/> so that every suite can run in every mode.
/// </summary>
internal static class ModeContexts
{
    /// <summary>Every run mode, for <c>[Theory]</c> data.</summary>
    public static readonly RunMode[] AllModes = [RunMode.InMemory, RunMode.InMemorySpilling, RunMode.MapReduce];

    /// <summary>A new local context; dispose it at the end of the test.</summary>
    public static RddContext Create(RunMode mode = RunMode.InMemory, int parallelism = 2, int maxTaskAttempts = 4)
    {
        var config = new RddConfig
        {
            Parallelism = parallelism,
            MaxTaskAttempts = maxTaskAttempts,
            ExecutionMode = mode == RunMode.MapReduce ? ExecutionMode.MapReduce : ExecutionMode.InMemory,
            LocalDir = Path.Combine(Path.GetTempPath(), "rdd-core-tests"),
        };
        // A few KiB: every map output beyond the in-memory budget goes to a file, and buffers spill every few dozen records.
        if (mode == RunMode.InMemorySpilling) config.ShuffleMemoryBytes = 4096;
        return new RddContext(config);
    }
}

/// <summary>
/// One context per run mode, shared by the tests of a class (xunit runs a class's tests one at a time), so
/// that a randomized suite of thousands of cases does not pay for a worker pool per case.
/// </summary>
public sealed class SharedModeContexts : IDisposable
{
    private readonly Dictionary<RunMode, RddContext> _contexts = [];
    private readonly Lock _gate = new();

    /// <summary>The shared context of <paramref name="mode"/>, created on first use.</summary>
    public RddContext For(RunMode mode)
    {
        lock (_gate)
        {
            if (!_contexts.TryGetValue(mode, out var context))
                _contexts[mode] = context = ModeContexts.Create(mode, parallelism: 4);
            return context;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var context in _contexts.Values) context.Dispose();
            _contexts.Clear();
        }
    }
}
