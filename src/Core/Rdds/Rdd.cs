using Rdd.Core.Execution;
using Rdd.Core.Partitioning;
using Rdd.Core.Rdds;
using Rdd.Core.Scheduling;
using Rdd.Core.Storage;

namespace Rdd.Core;

/// <summary>
/// A Resilient Distributed Dataset: an immutable, partitioned collection computed lazily from its lineage.
/// As in Spark, an Rdd is five things: a list of partitions, a function that computes each partition,
/// the dependencies on its parents, optionally a partitioner (for key-value Rdds) and a storage level.
/// Transformations only build new Rdds; actions hand the lineage to the scheduler, which cuts it into
/// stages at shuffle dependencies and runs one task per partition. Because every partition can be
/// recomputed from its parents, a cached block that is evicted or lost is simply computed again.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public abstract partial class Rdd<T> : IRdd
{
    private Partition[]? _partitions;
    private IReadOnlyList<Dependency>? _dependencies;

    private protected Rdd(RddContext context, string operation)
    {
        Context = context;
        Operation = operation;
        Id = context.NewRddId();
    }

    /// <summary>A number unique among the Rdds of its context.</summary>
    public int Id { get; }

    internal RddContext Context { get; }

    RddContext IRdd.Context => Context;

    /// <summary>The public method that created this Rdd (shown by <see cref="ToDebugString"/>).</summary>
    internal string Operation { get; }

    string IRdd.Operation => Operation;

    /// <summary>The Rdd's kind as Spark would name it, e.g. MapPartitionsRdd.</summary>
    internal virtual string Kind
    {
        get
        {
            var name = GetType().Name;
            var tick = name.IndexOf('`');
            return tick < 0 ? name : name[..tick];
        }
    }

    string IRdd.Kind => Kind;

    /// <summary>Number of partitions (computing it may list input files).</summary>
    public int NumPartitions => Partitions.Length;

    /// <summary>How the keys of this Rdd are placed in partitions, when known; null otherwise.</summary>
    public virtual Partitioner? Partitioner => null;

    internal Partition[] Partitions
    {
        get
        {
            if (_checkpoint?.Written is { } written) return written.Partitions;
            return _partitions ??= GetPartitions();
        }
    }

    Partition[] IRdd.Partitions => Partitions;

    internal IReadOnlyList<Dependency> Dependencies
    {
        get
        {
            if (_checkpoint?.Written is { } written) return [new OneToOneDependency(written)];
            return _dependencies ??= GetDependencies();
        }
    }

    IReadOnlyList<Dependency> IRdd.Dependencies => Dependencies;

    /// <summary>Lists the partitions; called once, on the driver, when a job first needs them.</summary>
    private protected abstract Partition[] GetPartitions();

    /// <summary>The edges to the parents; called once, on the driver.</summary>
    private protected virtual IReadOnlyList<Dependency> GetDependencies() => [];

    /// <summary>Computes one partition from the parents (pull form).</summary>
    private protected abstract IEnumerable<T> Compute(Partition split, TaskContext context);

    /// <summary>
    /// Computes one partition and pushes its elements into <paramref name="sink"/> (push form).
    /// Narrow operators override this to wrap the sink and push their parent, which fuses a chain of
    /// narrow operators into one loop. Returns false when the sink stopped the pass early.
    /// </summary>
    private protected virtual bool Push<TSink>(Partition split, TaskContext context, ref TSink sink)
        where TSink : struct, IElementSink<T>
    {
        foreach (var item in Compute(split, context))
            if (!sink.Accept(item)) return false;
        return true;
    }

    /// <summary>
    /// The single entry point through which a partition's data is read: from a checkpoint, from the
    /// block store when the Rdd is persisted (computing and storing the block if it is missing), or
    /// by computing it from lineage.
    /// </summary>
    internal IEnumerable<T> Iterator(Partition split, TaskContext context)
    {
        if (_checkpoint?.Written is { } written) return written.Iterator(split, context);
        if (ShouldUseBlockStore) return GetOrComputeBlock(split, context);
        return Compute(split, context);
    }

    /// <summary>The push twin of <see cref="Iterator"/>.</summary>
    internal bool PushPartition<TSink>(Partition split, TaskContext context, ref TSink sink)
        where TSink : struct, IElementSink<T>
    {
        if (_checkpoint?.Written is { } written) return written.PushPartition(split, context, ref sink);
        if (ShouldUseBlockStore)
        {
            foreach (var item in GetOrComputeBlock(split, context))
                if (!sink.Accept(item)) return false;
            return true;
        }
        return Push(split, context, ref sink);
    }

    /// <summary>Pushes a partition of the parent <paramref name="parent"/> (helper for subclasses in other files).</summary>
    private protected static bool PushParent<TParent, TSink>(Rdd<TParent> parent, Partition split, TaskContext context, ref TSink sink)
        where TSink : struct, IElementSink<TParent> =>
        parent.PushPartition(split, context, ref sink);

    /// <summary>Materializes one partition into a list (used where an operator needs the whole partition).</summary>
    internal List<T> ComputeToList(Partition split, TaskContext context)
    {
        var sink = new ListSink<T>(new List<T>());
        PushPartition(split, context, ref sink);
        return sink.List;
    }

    /// <summary>Walks this Rdd and its narrow ancestors (explicit stack: lineage can be thousands deep).</summary>
    internal IEnumerable<IRdd> NarrowLineage()
    {
        var seen = new HashSet<int>();
        var stack = new Stack<IRdd>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var rdd = stack.Pop();
            if (!seen.Add(rdd.Id)) continue;
            yield return rdd;
            foreach (var dep in rdd.Dependencies)
                if (dep is NarrowDependency) stack.Push(dep.Rdd);
        }
    }

    void IRdd.OnJobSucceeded() => OnJobSucceeded();

    /// <summary>Spark's short form: <c>Kind[id] at Operation</c>.</summary>
    public override string ToString() => $"{Kind}[{Id}] at {Operation}";
}
