namespace Rdd.Core;

/// <summary>Where and how the blocks of a persisted Rdd are kept (Spark's StorageLevel).</summary>
public sealed class StorageLevel
{
    private StorageLevel(string name, bool useMemory, bool useDisk, bool deserialized)
    {
        Name = name;
        UseMemory = useMemory;
        UseDisk = useDisk;
        Deserialized = deserialized;
    }

    /// <summary>Not persisted.</summary>
    public static StorageLevel None { get; } = new("NONE", false, false, false);

    /// <summary>Objects in memory; a block evicted for space is recomputed from lineage when needed.</summary>
    public static StorageLevel MemoryOnly { get; } = new("MEMORY_ONLY", true, false, true);

    /// <summary>Objects in memory; a block evicted for space moves to disk.</summary>
    public static StorageLevel MemoryAndDisk { get; } = new("MEMORY_AND_DISK", true, true, true);

    /// <summary>Serialized blocks on disk only.</summary>
    public static StorageLevel DiskOnly { get; } = new("DISK_ONLY", false, true, false);

    /// <summary>Serialized (compact) blocks in memory; evicted blocks are recomputed.</summary>
    public static StorageLevel MemoryOnlySer { get; } = new("MEMORY_ONLY_SER", true, false, false);

    /// <summary>Spark's name of the level, e.g. MEMORY_ONLY.</summary>
    public string Name { get; }

    /// <summary>Blocks are kept in memory.</summary>
    public bool UseMemory { get; }

    /// <summary>Blocks are kept (or evicted to) disk.</summary>
    public bool UseDisk { get; }

    /// <summary>In-memory blocks hold objects rather than serialized bytes.</summary>
    public bool Deserialized { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
