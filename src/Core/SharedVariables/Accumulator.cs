using System.Numerics;
using Rdd.Core.Scheduling;

namespace Rdd.Core;

/// <summary>
/// A sum that tasks add to and the driver reads (Spark's accumulator). An add made inside a task is kept
/// with that task attempt and applied only when the attempt succeeds, so a retried task counts once.
/// </summary>
public sealed class Accumulator<T>
    where T : INumber<T>
{
    private static long s_nextId;
    private readonly Lock _gate = new();
    private T _value = T.Zero;

    internal Accumulator(string? name)
    {
        Name = name;
        Id = Interlocked.Increment(ref s_nextId);
    }

    /// <summary>The name given at creation, if any.</summary>
    public string? Name { get; }

    internal long Id { get; }

    /// <summary>The sum of the adds of the driver and of every successful task attempt so far.</summary>
    public T Value
    {
        get
        {
            lock (_gate) return _value;
        }
    }

    /// <summary>Adds <paramref name="amount"/>: at once on the driver, when the task succeeds inside a task.</summary>
    public void Add(T amount)
    {
        if (TaskContext.Current is { } task)
        {
            var updates = task.AccumulatorUpdates;
            if (updates.TryGetValue(Id, out var pending)) ((Pending)pending).Delta += amount;
            else updates[Id] = new Pending(this, amount);
            return;
        }
        lock (_gate) _value += amount;
    }

    /// <summary>Resets the value to zero.</summary>
    public void Reset()
    {
        lock (_gate) _value = T.Zero;
    }

    /// <inheritdoc />
    public override string ToString() => $"Accumulator({Name ?? Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {Value})";

    /// <summary>A task attempt's not-yet-applied delta.</summary>
    private sealed class Pending(Accumulator<T> owner, T delta) : IAccumulatorUpdate
    {
        public T Delta = delta;

        public void Apply()
        {
            lock (owner._gate) owner._value += Delta;
        }
    }
}

/// <summary>A delta recorded by a task attempt, applied by the scheduler when the attempt succeeds.</summary>
internal interface IAccumulatorUpdate
{
    void Apply();
}
