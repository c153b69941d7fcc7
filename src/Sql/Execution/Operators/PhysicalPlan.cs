using System.Text;
using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// A node of the physical plan: an immutable description of one columnar operator. <see cref="Execute"/> builds
/// (lazily, without running anything) an Rdd whose partitions are sequences of Arrow record batches; the mutable
/// per-partition state of an operator (hash tables, buffers, selection vectors) lives in the closure given to
/// <see cref="Rdd{T}.MapPartitions{U}"/>, so one node can be executed any number of times.
/// </summary>
internal abstract class PhysicalPlan
{
    private Schema? _arrowSchema;

    /// <summary>The output columns.</summary>
    public abstract StructType Schema { get; }

    /// <summary>The inputs, in a fixed order.</summary>
    public abstract IReadOnlyList<PhysicalPlan> Children { get; }

    /// <summary>The Arrow schema of the batches <see cref="Execute"/> yields.</summary>
    public Schema ArrowSchema => _arrowSchema ??= ArrowTypeMapping.ToArrowSchema(Schema);

    /// <summary>The Rdd computing this operator's batches.</summary>
    public abstract Rdd<RecordBatch> Execute();

    /// <summary>One line for EXPLAIN's physical section, e.g. <c>Filter (x &gt; 1)</c>.</summary>
    public abstract string Describe();

    /// <summary>This node and its descendants, one per line, indented by depth.</summary>
    public string TreeString()
    {
        var text = new StringBuilder();
        var stack = new Stack<(PhysicalPlan Node, int Depth)>();
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            text.Append(' ', depth * 3).Append(depth > 0 ? "+- " : "").Append(node.Describe()).Append('\n');
            for (int i = node.Children.Count - 1; i >= 0; i--)
            {
                stack.Push((node.Children[i], depth + 1));
            }
        }
        return text.ToString();
    }

    public override string ToString() => Describe();

    /// <summary>The batch re-labelled with this node's schema (same columns, e.g. after a union of differently named inputs).</summary>
    protected RecordBatch Relabel(RecordBatch batch) =>
        SameNames(batch.Schema, ArrowSchema) ? batch : new RecordBatch(ArrowSchema, batch.Arrays, batch.Length);

    private static bool SameNames(Schema a, Schema b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a.FieldCount != b.FieldCount)
        {
            return false;
        }
        for (int i = 0; i < a.FieldCount; i++)
        {
            if (a.GetFieldByIndex(i).Name != b.GetFieldByIndex(i).Name || !ArrowTypeMapping.SameType(a.GetFieldByIndex(i).DataType, b.GetFieldByIndex(i).DataType))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The output name of an expression: an alias's name, a column's name, else its SQL text.</summary>
    protected static string NameOf(Expressions.Expression expression) => expression switch
    {
        Expressions.Alias alias => alias.Name,
        Expressions.BoundReference reference => reference.Name,
        Expressions.ColumnReference reference => reference.Name,
        _ => expression.ToString(),
    };
}
