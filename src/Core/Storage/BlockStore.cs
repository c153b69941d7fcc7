using System.Diagnostics;
using Rdd.Core.Storage;

namespace Rdd.Core;

/// <summary>
/// The blocks of persisted Rdds, one block per partition (Spark's BlockManager in local mode). Blocks in
/// memory are capped at <see cref="RddConfig.StorageMemoryBytes"/>, counted in bytes of the stored data
/// (estimated for object blocks, exact for serialized ones); past the cap the least recently used blocks of
/// other Rdds go: MEMORY_ONLY blocks are dropped, MEMORY_AND_DISK blocks move to disk. Serialized blocks on
/// disk are files under the context's LocalDir. A block that was dropped, evicted or whose file was deleted is
/// simply missing: the Rdd recomputes that partition from lineage the next time a job needs it.
/// </summary>
public sealed class BlockStore
{
    private readonly Lock _gate = new();

    // Rdd id -> partition -> block: CachedPartitions and Unpersist look up one Rdd's blocks.
    private readonly Dictionary<int, Dictionary<int, Block>> _blocks = new();

    // Blocks with a memory copy, least recently used first.
    private readonly LinkedList<Block> _lru = new();
    private readonly DiskStore _disk;
    private readonly long _capacity;
    private long _memoryUsed;
    private long _diskUsed;

    internal BlockStore(long capacityBytes, string localDir)
    {
        Debug.Assert(capacityBytes >= 0);
        _capacity = capacityBytes;
        _disk = new DiskStore(Path.Combine(localDir, "blocks"));
    }

    /// <summary>Bytes held by blocks in memory now: estimated for object blocks, exact for serialized ones.</summary>
    public long MemoryUsedBytes
    {
        get
        {
            lock (_gate) return _memoryUsed;
        }
    }

    /// <summary>Bytes of the block files on disk now.</summary>
    public long DiskUsedBytes
    {
        get
        {
            lock (_gate) return _diskUsed;
        }
    }

    /// <summary>
    /// Drops the block of <paramref name="partition"/> of Rdd <paramref name="rddId"/>, both its memory and its
    /// disk copy. Returns true if one was stored. The partition is recomputed when a job needs it again.
    /// </summary>
    public bool Evict(int rddId, int partition)
    {
        lock (_gate) return RemoveLocked(new RddBlockId(rddId, partition));
    }

    internal long CapacityBytes => _capacity;

    /// <summary>The folder of the block files.</summary>
    internal string DiskDirectory => _disk.Directory;

    /// <summary>
    /// Reads a stored block: object blocks as they are, serialized ones decoded (from memory, or from disk on
    /// every read). False when the block is missing, also when its file was deleted from outside.
    /// </summary>
    internal bool TryGet<T>(RddBlockId id, out T[] data)
    {
        Block? block;
        object? memory = null;
        lock (_gate)
        {
            block = FindLocked(id);
            if (block is { Memory: { } inMemory })
            {
                if (block.LruNode is { } node)
                {
                    _lru.Remove(node);
                    _lru.AddLast(node);
                }
                memory = inMemory;
            }
            else if (block is not { OnDisk: true })
            {
                data = [];
                return false;
            }
        }
        if (memory is not null && !block!.Serialized)
        {
            data = (T[])memory;
            return true;
        }
        var read = Decode<T>(id, memory as byte[]);
        if (read is null)
        {
            lock (_gate)
                if (FindLocked(id) == block) RemoveLocked(id);
            data = [];
            return false;
        }
        if (memory is null && block!.Level.UseMemory) TryPromote(block, read);
        data = read;
        return true;
    }

    /// <summary>
    /// Stores a block at <paramref name="level"/>, replacing one stored for the same id; returns whether it
    /// was stored. Memory levels evict least recently used blocks of other Rdds to make room (evicting a sibling
    /// would only trade one recomputation for another); a MEMORY_AND_DISK block that does not fit goes to disk.
    /// </summary>
    internal bool Put<T>(RddBlockId id, T[] data, StorageLevel level)
    {
        ArgumentNullException.ThrowIfNull(data);
        Debug.Assert(level != StorageLevel.None);
        var codec = BlockCodec<T>.Instance;
        if (level.UseMemory)
        {
            var block = new Block<T>(id, level);
            object stored = data;
            long size;
            // Without a codec for T a serialized level keeps objects: the block is still worth caching.
            if (!level.Deserialized && codec is not null && TrySerialize(codec, data, out var bytes))
            {
                stored = bytes;
                size = bytes.LongLength;
                block.Serialized = true;
            }
            else size = SizeEstimator.Estimate(data);

            bool fits;
            List<(Block, object)>? spills;
            lock (_gate)
            {
                RemoveLocked(id);
                fits = TryReserveLocked(id.RddId, size, out spills);
                if (fits)
                {
                    AddLocked(block);
                    AddToMemoryLocked(block, stored, size);
                }
            }
            Spill(spills);
            if (fits) return true;
            if (!level.UseDisk) return false;
        }
        return codec is not null && PutOnDisk(new Block<T>(id, level), codec, data);
    }

    internal bool Contains(RddBlockId id)
    {
        lock (_gate) return FindLocked(id) is { } block && (block.Memory is not null || (block.OnDisk && _disk.Exists(id)));
    }

    /// <summary>The partitions of an Rdd stored now, in memory or on disk (a disk block whose file is gone is forgotten).</summary>
    internal IReadOnlyList<int> PartitionsOf(int rddId)
    {
        lock (_gate)
        {
            if (!_blocks.TryGetValue(rddId, out var partitions)) return [];
            var stored = new List<int>(partitions.Count);
            List<RddBlockId>? lost = null;
            foreach (var (partition, block) in partitions)
            {
                if (block.Memory is not null || (block.OnDisk && _disk.Exists(block.Id))) stored.Add(partition);
                else (lost ??= []).Add(block.Id);
            }
            if (lost is not null)
                foreach (var id in lost) RemoveLocked(id);
            stored.Sort();
            return stored;
        }
    }

    /// <summary>Drops every block (for RddContext.Dispose: a disposed context may stay referenced for a while).</summary>
    internal void Clear()
    {
        lock (_gate)
        {
            var ids = _blocks.Values.SelectMany(partitions => partitions.Values.Select(block => block.Id)).ToArray();
            foreach (var id in ids) RemoveLocked(id);
        }
    }

    /// <summary>Drops every block of an Rdd, in memory and on disk (Unpersist).</summary>
    internal void RemoveRdd(int rddId)
    {
        lock (_gate)
        {
            if (!_blocks.TryGetValue(rddId, out var partitions)) return;
            foreach (var partition in partitions.Keys.ToArray()) RemoveLocked(new RddBlockId(rddId, partition));
        }
    }

    /// <summary>Decodes a serialized block from memory (<paramref name="bytes"/>) or from its file; null when it cannot be read.</summary>
    private T[]? Decode<T>(RddBlockId id, byte[]? bytes)
    {
        if (BlockCodec<T>.Instance is not { } codec) return null;
        try
        {
            return bytes is null ? _disk.TryRead(id, codec) : codec.Deserialize(bytes);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidDataException)
        {
            // Written but not readable back: caching must not fail the job. Recompute, and keep T as objects from now on.
            BlockCodec<T>.Disable();
            return null;
        }
    }

    private static bool TrySerialize<T>(BlockCodec<T> codec, T[] data, out byte[] bytes)
    {
        try
        {
            bytes = codec.Serialize(data);
            return true;
        }
        catch (NotSupportedException)
        {
            // An element whose runtime type has no serializer: keep T as objects from now on.
            BlockCodec<T>.Disable();
            bytes = [];
            return false;
        }
        catch (Exception e) when (e is OverflowException or OutOfMemoryException)
        {
            // A block past 2 GB of bytes.
            bytes = [];
            return false;
        }
    }

    private bool PutOnDisk<T>(Block<T> block, BlockCodec<T> codec, T[] data)
    {
        string temp;
        long length;
        try
        {
            (temp, length) = _disk.Write(block.Id, stream => codec.Write(stream, data));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // A block that cannot be written is not cached; the task still has its data.
            return false;
        }
        lock (_gate)
        {
            RemoveLocked(block.Id);
            if (!TryCommitLocked(block, temp, length)) return false;
            AddLocked(block);
        }
        return true;
    }

    /// <summary>Gives a MEMORY_AND_DISK block read from disk a memory copy again, if it fits without evicting anything.</summary>
    private void TryPromote<T>(Block block, T[] data)
    {
        long size = SizeEstimator.Estimate(data);
        lock (_gate)
        {
            if (FindLocked(block.Id) != block || block.Memory is not null || _memoryUsed + size > _capacity) return;
            AddToMemoryLocked(block, data, size);
        }
    }

    /// <summary>
    /// Makes room for <paramref name="size"/> bytes by evicting least recently used blocks of other Rdds, but
    /// only when that is enough. Evicted blocks with a disk level keep serving reads from memory until
    /// <see cref="Spill"/> has written them (returned in <paramref name="spills"/>).
    /// </summary>
    private bool TryReserveLocked(int rddId, long size, out List<(Block, object)>? spills)
    {
        spills = null;
        if (_memoryUsed + size <= _capacity) return true;
        var victims = new List<Block>();
        long freed = 0;
        for (var node = _lru.First; node is not null && _memoryUsed - freed + size > _capacity; node = node.Next)
        {
            if (node.Value.Id.RddId == rddId) continue;
            victims.Add(node.Value);
            freed += node.Value.MemorySize;
        }
        if (_memoryUsed - freed + size > _capacity) return false;
        foreach (var victim in victims)
        {
            if (victim.OnDisk) RemoveFromMemoryLocked(victim, keepData: false);
            else if (victim.Level.UseDisk && victim.CanSpill)
            {
                RemoveFromMemoryLocked(victim, keepData: true);
                victim.Spilling = true;
                (spills ??= []).Add((victim, victim.Memory!));
            }
            else RemoveLocked(victim.Id);
        }
        return true;
    }

    /// <summary>Writes evicted MEMORY_AND_DISK blocks to disk, outside the lock; a block removed meanwhile is not resurrected.</summary>
    private void Spill(List<(Block Block, object Data)>? spills)
    {
        if (spills is null) return;
        foreach (var (block, data) in spills)
        {
            string? temp = null;
            long length = 0;
            try
            {
                (temp, length) = _disk.Write(block.Id, stream => block.Write(stream, data));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                // Not writable: the block is dropped instead, and recomputed when needed.
            }
            lock (_gate)
            {
                bool current = FindLocked(block.Id) == block && block.Spilling;
                block.Spilling = false;
                if (!current)
                {
                    if (temp is not null) DiskStore.Discard(temp);
                    continue;
                }
                block.Memory = null;
                if (temp is null || !TryCommitLocked(block, temp, length)) RemoveLocked(block.Id);
            }
        }
    }

    private bool TryCommitLocked(Block block, string temp, long length)
    {
        try
        {
            _disk.Commit(temp, block.Id);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DiskStore.Discard(temp);
            return false;
        }
        block.DiskSize = length;
        _diskUsed += length;
        return true;
    }

    private Block? FindLocked(RddBlockId id) =>
        _blocks.TryGetValue(id.RddId, out var partitions) && partitions.TryGetValue(id.Partition, out var block) ? block : null;

    private void AddLocked(Block block)
    {
        if (!_blocks.TryGetValue(block.Id.RddId, out var partitions)) _blocks[block.Id.RddId] = partitions = new();
        partitions[block.Id.Partition] = block;
    }

    private void AddToMemoryLocked(Block block, object data, long size)
    {
        block.Memory = data;
        block.MemorySize = size;
        block.LruNode = _lru.AddLast(block);
        _memoryUsed += size;
    }

    private void RemoveFromMemoryLocked(Block block, bool keepData)
    {
        if (block.LruNode is { } node)
        {
            _lru.Remove(node);
            block.LruNode = null;
            _memoryUsed -= block.MemorySize;
        }
        if (!keepData) block.Memory = null;
    }

    /// <summary>Forgets a block and frees both copies; true if it was stored.</summary>
    private bool RemoveLocked(RddBlockId id)
    {
        if (!_blocks.TryGetValue(id.RddId, out var partitions) || !partitions.Remove(id.Partition, out var block)) return false;
        if (partitions.Count == 0) _blocks.Remove(id.RddId);
        RemoveFromMemoryLocked(block, keepData: false);
        if (block.OnDisk)
        {
            _diskUsed -= block.DiskSize;
            block.DiskSize = -1;
            _disk.Delete(id);
        }
        return true;
    }

    /// <summary>One stored partition: a memory copy, a disk copy, or both (a MEMORY_AND_DISK block read back from disk).</summary>
    private abstract class Block(RddBlockId id, StorageLevel level)
    {
        public RddBlockId Id { get; } = id;

        public StorageLevel Level { get; } = level;

        /// <summary>The T[] of an object block or the bytes of a serialized one; null without a memory copy.</summary>
        public object? Memory { get; set; }

        /// <summary>Bytes charged to the memory cap while the block is in the LRU list.</summary>
        public long MemorySize { get; set; }

        public LinkedListNode<Block>? LruNode { get; set; }

        /// <summary>Length of the block's file; −1 without a disk copy.</summary>
        public long DiskSize { get; set; } = -1;

        public bool OnDisk => DiskSize >= 0;

        /// <summary>Evicted from memory and being written to disk; <see cref="Memory"/> serves reads meanwhile.</summary>
        public bool Spilling { get; set; }

        /// <summary>The memory copy holds serialized bytes rather than a T[].</summary>
        public bool Serialized { get; set; }

        /// <summary>The memory copy can be written to disk: it holds objects of a type the codecs support.</summary>
        public abstract bool CanSpill { get; }

        /// <summary>Writes <paramref name="data"/>, this block's memory copy, in the block's serialized form.</summary>
        public abstract void Write(Stream stream, object data);
    }

    /// <summary>A block of T elements: knows its codec, which the untyped eviction path needs to spill it.</summary>
    private sealed class Block<T>(RddBlockId id, StorageLevel level) : Block(id, level)
    {
        public override bool CanSpill => BlockCodec<T>.Instance is not null && !Serialized;

        public override void Write(Stream stream, object data) => BlockCodec<T>.Instance!.Write(stream, (T[])data);
    }
}
