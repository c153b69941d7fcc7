using Rdd.Core.Rdds;

namespace Rdd.Core.Scheduling;

/// <summary>
/// A set of tasks, one per partition, that compute the same pipelined chain of narrow Rdds. A stage ends
/// at a shuffle (a <see cref="ShuffleMapStage"/>, whose output is kept for the stages that read it and
/// reused by later jobs) or at the action (the job's <see cref="ResultStage"/>).
/// </summary>
internal abstract class Stage(int id, IRdd rdd, IReadOnlyList<ShuffleMapStage> parents)
{
    public int Id { get; } = id;

    /// <summary>The last Rdd of the pipelined chain.</summary>
    public IRdd Rdd { get; } = rdd;

    public IReadOnlyList<ShuffleMapStage> Parents { get; } = parents;

    public int NumTasks => Rdd.Partitions.Length;

    public abstract bool IsShuffleMap { get; }

    /// <summary>
    /// What events say about the stage, built once: every job posts it (the StatusTracker always listens), and a
    /// small job must not pay a string and two arrays per event for it.
    /// </summary>
    public StageInfo Info => _info ??= new(Id, $"{Rdd.Kind}[{Rdd.Id}] at {Rdd.Operation}", NumTasks, IsShuffleMap, Parents.Select(p => p.Id).ToArray(), Rdd.Id);

    private StageInfo? _info;
}

/// <summary>A stage that writes shuffle output for the stages after it.</summary>
internal sealed class ShuffleMapStage(int id, ShuffleDependency dependency, IReadOnlyList<ShuffleMapStage> parents)
    : Stage(id, dependency.Rdd, parents)
{
    public ShuffleDependency Dependency { get; } = dependency;

    public override bool IsShuffleMap => true;

    /// <summary>The run in progress, so that concurrent jobs needing this stage share one run.</summary>
    public Task? Running { get; set; }
}

/// <summary>The stage that runs the action's function on the final Rdd's partitions.</summary>
internal sealed class ResultStage(int id, IRdd rdd, IReadOnlyList<ShuffleMapStage> parents) : Stage(id, rdd, parents)
{
    public override bool IsShuffleMap => false;
}
