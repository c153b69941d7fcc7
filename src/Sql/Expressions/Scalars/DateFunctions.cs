using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary><c>year</c>, <c>month</c>, <c>dayofmonth</c> of a date (timestamps and strings are cast to date first).</summary>
internal sealed class DatePartCall(DatePart part, Expression child) : Expression
{
    public DatePart Part { get; } = part;

    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new DatePartCall(Part, children[0]);

    public override DataType DataType => IntegerType.Instance;

    protected internal override Expression ResolveNode(StructType input) => Child.DataType switch
    {
        DateType => this,
        StringType or TimestampType or TimestampNtzType or NullType => new DatePartCall(Part, TypeCoercion.CastTo(Child, DateType.Instance)),
        var other => throw TypeCoercion.Mismatch(this, $"{Child} is {other}, not a date"),
    };

    public override ArrowArray Evaluate(RecordBatch batch) => DateKernels.Part((PrimitiveArray<int>)Child.Evaluate(batch), Part);

    public override string ToString() => $"{Part.ToString().ToLowerInvariant()}({Child})";
}
