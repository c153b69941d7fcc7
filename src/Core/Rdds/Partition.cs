namespace Rdd.Core.Rdds;

/// <summary>
/// One slice of an Rdd: the unit a task computes. Subclasses carry what their Rdd needs to compute it
/// (a slice of a collection, a byte range of a file, the parent partitions it combines).
/// </summary>
internal class Partition(int index)
{
    public int Index { get; } = index;

    public override string ToString() => $"{GetType().Name}({Index})";
}
