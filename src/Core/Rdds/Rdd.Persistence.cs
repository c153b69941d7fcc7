using Rdd.Core.Rdds;
using Rdd.Core.Scheduling;
using Rdd.Core.Storage;

namespace Rdd.Core;

public abstract partial class Rdd<T>
{
    private StorageLevel _storageLevel = StorageLevel.None;
    private CheckpointState? _checkpoint;

    /// <summary>The level set by <see cref="Persist"/>; <see cref="StorageLevel.None"/> when not persisted.</summary>
    public StorageLevel StorageLevel => _storageLevel;

    StorageLevel IRdd.StorageLevel => _storageLevel;

    /// <summary>True once a checkpoint has been written and has replaced the lineage.</summary>
    public bool IsCheckpointed => _checkpoint?.Written is not null;

    bool IRdd.IsCheckpointed => IsCheckpointed;

    /// <summary>The partitions whose blocks are stored now (in memory or on disk).</summary>
    public IReadOnlyList<int> CachedPartitions => Context.Storage.PartitionsOf(Id);

    /// <summary>Keeps computed partitions in memory (<see cref="StorageLevel.MemoryOnly"/>). Returns this Rdd.</summary>
    public Rdd<T> Cache() => Persist(StorageLevel.MemoryOnly);

    /// <summary>Keeps computed partitions at <paramref name="level"/>. Returns this Rdd; changing the level of a persisted Rdd throws.</summary>
    public Rdd<T> Persist(StorageLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (_storageLevel != StorageLevel.None && _storageLevel != level)
            throw new InvalidOperationException($"Cannot change the storage level of {this} from {_storageLevel} to {level}; call Unpersist first.");
        _storageLevel = level;
        return this;
    }

    /// <summary>Drops the stored blocks and stops caching. Returns this Rdd.</summary>
    public Rdd<T> Unpersist()
    {
        _storageLevel = StorageLevel.None;
        Context.Storage.RemoveRdd(Id);
        return this;
    }

    /// <summary>
    /// Marks this Rdd for checkpointing: the first job over it writes its partitions under the folder set by
    /// <see cref="RddContext.SetCheckpointDir"/>, and from then on the lineage is cut at the checkpoint.
    /// </summary>
    public void Checkpoint()
    {
        var dir = Context.CheckpointDir ?? throw new InvalidOperationException("Checkpoint directory has not been set: call RddContext.SetCheckpointDir first.");
        if (_checkpoint is not null) return;
        _checkpoint = new CheckpointState(Path.Combine(dir, $"rdd-{Id}"));
        Context.AddPendingCheckpoint(1);
    }

    private bool ShouldUseBlockStore => _storageLevel != StorageLevel.None && Context.Config.ExecutionMode == ExecutionMode.InMemory;

    /// <summary>
    /// Reads a partition through the block store at this Rdd's level: a stored block is served as the level
    /// keeps it (objects as they are, MEMORY_ONLY_SER decoded on each read, DISK_ONLY read back from its file on
    /// each read); a missing one (never computed, evicted, dropped or deleted) is computed from lineage, which
    /// stops at the nearest cached or checkpointed ancestor, and stored again. Returns the array itself, so that
    /// the push path loops over it without an enumerator.
    /// </summary>
    private T[] GetOrComputeBlock(Partition split, TaskContext context)
    {
        var id = new RddBlockId(Id, split.Index);
        if (Context.Storage.TryGet<T>(id, out var cached))
        {
            context.Metrics.RecordsRead += cached.Length;
            return cached;
        }
        var block = ComputeToArray(split, context);
        // The level is read once: after a concurrent Unpersist the block is not stored.
        var level = _storageLevel;
        if (level != StorageLevel.None) Context.Storage.Put(id, block, level);
        return block;
    }

    private T[] ComputeToArray(Partition split, TaskContext context)
    {
        var sink = new Execution.ListSink<T>(new List<T>());
        Push(split, context, ref sink);
        return sink.List.ToArray();
    }

    private void OnJobSucceeded()
    {
        if (_checkpoint is { Written: null } state && state.TryWrite(this)) Context.AddPendingCheckpoint(-1);
    }

    /// <summary>A pending or written checkpoint: once written, its Rdd replaces this Rdd's partitions and lineage.</summary>
    private sealed class CheckpointState(string directory)
    {
        private readonly Lock _gate = new();
        private bool _writing;

        public Rdd<T>? Written { get; private set; }

        /// <summary>Writes the checkpoint once, even when concurrent jobs finish together; true for the writer.</summary>
        public bool TryWrite(Rdd<T> rdd)
        {
            lock (_gate)
            {
                // The write is itself a job over this Rdd, whose success calls back here on the same thread
                // (the lock is re-entrant): that nested call must not start a second write of the same folder.
                if (Written is not null || _writing) return false;
                _writing = true;
                try
                {
                    Written = CheckpointRdd<T>.Write(rdd, directory);
                }
                finally
                {
                    _writing = false;
                }
                return true;
            }
        }
    }
}
