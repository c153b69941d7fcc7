namespace Rdd.Core.Tests.Randomized;

/// <summary>
/// Contexts for the shuffle-area suites (PairOps, Joins, Sorting, Partitioning, Randomized), parametrized by
/// <see cref="ExecutionMode"/> so that every suite can run in both modes.
/// </summary>
internal static class ModeContexts
{
    /// <summary>Both execution modes, for <c>[Theory]</c> data.</summary>
    public static readonly ExecutionMode[] AllModes = [ExecutionMode.InMemory, ExecutionMode.MapReduce];

    /// <summary>A new local context; dispose it at the end of the test.</summary>
    public static RddContext Create(ExecutionMode mode = ExecutionMode.InMemory, int parallelism = 2, int maxTaskAttempts = 4) =>
        new(new RddConfig { Parallelism = parallelism, MaxTaskAttempts = maxTaskAttempts, ExecutionMode = mode });

    /// <summary>Modes as <c>MemberData</c> rows.</summary>
    public static TheoryData<ExecutionMode> Modes()
    {
        var data = new TheoryData<ExecutionMode>();
        foreach (var mode in AllModes) data.Add(mode);
        return data;
    }
}

/// <summary>
/// One context per execution mode, shared by the tests of a class (xunit runs a class's tests one at a
/// time), so that a randomized suite of hundreds of cases does not pay for a worker pool per case.
/// </summary>
public sealed class SharedModeContexts : IDisposable
{
    private readonly Dictionary<ExecutionMode, RddContext> _contexts = [];
    private readonly Lock _gate = new();

    /// <summary>The shared context of <paramref name="mode"/>, created on first use.</summary>
    public RddContext For(ExecutionMode mode)
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
