using Rdd.Core.Storage;

namespace Rdd.Core;

/// <summary>
/// The blocks of persisted Rdds, one block per partition. Memory is capped by
/// <see cref="RddConfig.StorageMemoryBytes"/>: past the cap the least recently used blocks are evicted,
/// and an evicted partition is recomputed from lineage the next time a job needs it.
/// </summary>
public sealed class BlockStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<RddBlockId, LinkedListNode<Entry>> _memory = new();
    private readonly LinkedList<Entry> _lru = new();
    private readonly long _capacity;
    private long _used;

    internal BlockStore(long capacityBytes) => _capacity = capacityBytes;

    /// <summary>Bytes held by in-memory blocks now (estimated for object blocks).</summary>
    public long MemoryUsedBytes
    {
        get
        {
            lock (_gate) return _used;
        }
    }

    /// <summary>Drops the block of <paramref name="partition"/> of Rdd <paramref name="rddId"/>, in memory and on disk. Returns true if one was stored.</summary>
    public bool Evict(int rddId, int partition)
    {
        lock (_gate) return RemoveLocked(new RddBlockId(rddId, partition));
    }

    internal bool TryGet<T>(RddBlockId id, out T[] data)
    {
        lock (_gate)
        {
            if (_memory.TryGetValue(id, out var node))
            {
                _lru.Remove(node);
                _lru.AddLast(node);
                data = (T[])node.Value.Data;
                return true;
            }
        }
        data = [];
        return false;
    }

    /// <summary>Stores a block if it fits, evicting least recently used blocks of other Rdds; returns whether it was stored.</summary>
    internal bool Put<T>(RddBlockId id, T[] data)
    {
        long size = SizeEstimator.Estimate(data);
        lock (_gate)
        {
            RemoveLocked(id);
            if (size > _capacity) return false;
            var node = _lru.First;
            while (_used + size > _capacity && node is not null)
            {
                var next = node.Next;
                // Evicting a sibling block of the Rdd being stored would only trade one recomputation for another.
                if (node.Value.Id.RddId != id.RddId) RemoveLocked(node.Value.Id);
                node = next;
            }
            if (_used + size > _capacity) return false;
            _memory[id] = _lru.AddLast(new Entry(id, data, size));
            _used += size;
            return true;
        }
    }

    internal bool Contains(RddBlockId id)
    {
        lock (_gate) return _memory.ContainsKey(id);
    }

    internal IReadOnlyList<int> PartitionsOf(int rddId)
    {
        lock (_gate)
            return _memory.Keys.Where(k => k.RddId == rddId).Select(k => k.Partition).Order().ToArray();
    }

    internal void RemoveRdd(int rddId)
    {
        lock (_gate)
            foreach (var id in _memory.Keys.Where(k => k.RddId == rddId).ToArray())
                RemoveLocked(id);
    }

    private bool RemoveLocked(RddBlockId id)
    {
        if (!_memory.Remove(id, out var node)) return false;
        _lru.Remove(node);
        _used -= node.Value.Size;
        return true;
    }

    private sealed record Entry(RddBlockId Id, object Data, long Size);
}
