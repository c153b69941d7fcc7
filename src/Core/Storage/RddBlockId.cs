namespace Rdd.Core.Storage;

/// <summary>Names a cached partition; <see cref="ToString"/> is also its file name on disk (Spark's rdd_3_7).</summary>
internal readonly record struct RddBlockId(int RddId, int Partition)
{
    public override string ToString() => $"rdd_{RddId}_{Partition}";
}
