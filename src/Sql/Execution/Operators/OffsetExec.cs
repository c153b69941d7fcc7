using Apache.Arrow;
using Rdd.Core;

namespace Rdd.Sql.Execution.Operators;

/// <summary>Skips the first <see cref="Offset"/> rows overall: a gather to one partition (in partition order), then slices.</summary>
internal sealed class OffsetExec : PhysicalPlan
{
    public OffsetExec(PhysicalPlan child, int offset)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Child = child;
        Offset = offset;
    }

    public PhysicalPlan Child { get; }

    public int Offset { get; }

    public override StructType Schema => Child.Schema;

    public override IReadOnlyList<PhysicalPlan> Children => [Child];

    public override Rdd<RecordBatch> Execute()
    {
        int offset = Offset;
        return Exchange.ToSinglePartition(Child.Execute()).MapPartitions(batches => Skip(batches, offset));
    }

    private static IEnumerable<RecordBatch> Skip(IEnumerable<RecordBatch> batches, int offset)
    {
        int remaining = offset;
        foreach (var batch in batches)
        {
            if (remaining == 0)
            {
                yield return batch;
            }
            else if (batch.Length > remaining)
            {
                yield return batch.Slice(remaining, batch.Length - remaining);
                remaining = 0;
            }
            else
            {
                remaining -= batch.Length;
            }
        }
    }

    public override string Describe() => $"Offset {Offset}";
}
