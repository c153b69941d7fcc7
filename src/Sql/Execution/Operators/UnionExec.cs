using Apache.Arrow;
using Rdd.Core;

namespace Rdd.Sql.Execution.Operators;

/// <summary>UNION ALL: the partitions of every child in turn, batches re-labelled with the first child's column names.</summary>
internal sealed class UnionExec : PhysicalPlan
{
    private readonly PhysicalPlan[] _children;

    public UnionExec(IReadOnlyList<PhysicalPlan> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        if (children.Count == 0) throw new ArgumentException("A union needs at least one input.", nameof(children));
        _children = [.. children];
        var first = _children[0].Schema;
        foreach (var child in _children)
        {
            if (child.Schema.Count != first.Count || !child.Schema.Fields.Select(f => f.DataType).SequenceEqual(first.Fields.Select(f => f.DataType)))
            {
                throw new ArgumentException($"Union inputs differ: {first.SimpleString} and {child.Schema.SimpleString}.", nameof(children));
            }
        }
        Schema = new StructType(first.Fields.Select((f, i) => f with { Nullable = _children.Any(c => c.Schema[i].Nullable) }));
    }

    public override StructType Schema { get; }

    public override IReadOnlyList<PhysicalPlan> Children => _children;

    public override Rdd<RecordBatch> Execute()
    {
        var rdd = _children[0].Execute();
        for (int i = 1; i < _children.Length; i++)
        {
            rdd = rdd.Union(_children[i].Execute());
        }
        return rdd.Map(Relabel);
    }

    public override string Describe() => "Union";
}
