using Apache.Arrow;
using Rdd.Core;

namespace Rdd.Sql.Execution.Operators;

/// <summary>Scans in-memory record batches, one list per partition (empty lists make empty partitions).</summary>
internal sealed class BatchSourceExec : PhysicalPlan
{
    private readonly RddContext _context;
    private readonly RecordBatch[][] _partitions;

    public BatchSourceExec(RddContext context, StructType schema, IReadOnlyList<IReadOnlyList<RecordBatch>> partitions)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(partitions);
        _context = context;
        Schema = schema;
        _partitions = [.. partitions.Select(p => p.ToArray())];
    }

    public override StructType Schema { get; }

    public override IReadOnlyList<PhysicalPlan> Children => [];

    public override Rdd<RecordBatch> Execute()
    {
        var partitions = _partitions;
        return _context
            .Parallelize(Enumerable.Range(0, Math.Max(1, partitions.Length)), Math.Max(1, partitions.Length))
            .MapPartitions(indices => indices.Where(i => i < partitions.Length).SelectMany(i => partitions[i]).Select(Relabel));
    }

    public override string Describe() => $"BatchSource [{string.Join(", ", Schema.FieldNames)}] partitions={_partitions.Length}";
}
