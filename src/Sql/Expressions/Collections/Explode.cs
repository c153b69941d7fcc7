using Apache.Arrow;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// <c>explode(array)</c>, Spark's generator: one output row per item, the other selected columns repeated; a NULL
/// or empty array gives no row. It is a select item only: the analyzer turns it into a
/// <see cref="Planning.Logical.Generate"/> node under the projection, so it is never evaluated as an expression.
/// </summary>
internal sealed class Explode(Expression child) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Explode(children[0]);

    public override DataType DataType => Child.DataType is Types.ArrayType array
        ? array.ElementType
        : throw TypeCoercion.Mismatch(this, $"explode needs an array, not {Child.DataType.SimpleString}");

    public override bool Nullable => Child.DataType is Types.ArrayType { ContainsNull: true };

    protected internal override Expression ResolveNode(StructType input)
    {
        _ = DataType;
        return this;
    }

    public override ArrowArray Evaluate(RecordBatch batch) =>
        throw new NotSupportedException("explode is a generator: the analyzer plans it as a Generate node.");

    public override string ToString() => $"explode({Child})";
}
