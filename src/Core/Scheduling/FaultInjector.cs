namespace Rdd.Core.Scheduling;

/// <summary>
/// A test hook through which chaos tests inject the faults the engine must survive: failing task attempts,
/// evicted cache blocks, lost shuffle outputs. Called on the worker at the start of every task attempt;
/// an exception it throws fails that attempt like user code would.
/// </summary>
internal abstract class FaultInjector
{
    public abstract void BeforeTask(TaskContext task);
}
