using Apache.Arrow;
using Rdd.Core;

namespace Rdd.Sql.Execution.Operators;

/// <summary>The first <see cref="Limit"/> rows overall: a local limit per partition, then a gather to one partition and a global limit.</summary>
internal sealed class LimitExec : PhysicalPlan
{
    public LimitExec(PhysicalPlan child, int limit)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Child = child;
        Limit = limit;
    }

    public PhysicalPlan Child { get; }

    public int Limit { get; }

    public override StructType Schema => Child.Schema;

    public override IReadOnlyList<PhysicalPlan> Children => [Child];

    public override Rdd<RecordBatch> Execute()
    {
        int limit = Limit;
        var local = Child.Execute().MapPartitions(batches => Take(batches, limit));
        return Exchange.ToSinglePartition(local).MapPartitions(batches => Take(batches, limit));
    }

    private static IEnumerable<RecordBatch> Take(IEnumerable<RecordBatch> batches, int limit)
    {
        int remaining = limit;
        if (remaining == 0) yield break;
        foreach (var batch in batches)
        {
            if (batch.Length == 0) continue;
            if (batch.Length >= remaining)
            {
                yield return batch.Length == remaining ? batch : batch.Slice(0, remaining);
                yield break;
            }
            remaining -= batch.Length;
            yield return batch;
        }
    }

    public override string Describe() => $"Limit {Limit}";
}
