using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// <c>substring(s, pos, len)</c> whose position or length is a column (Spark takes any int expression there):
/// Spark's substring per row, NULL where the string, position or length is. Literal positions and lengths keep the
/// scalar <see cref="Substring"/>.
/// </summary>
internal sealed class SubstringOfColumns(Expression child, Expression position, Expression length) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public Expression Position { get; } = position ?? throw new ArgumentNullException(nameof(position));

    public Expression Length { get; } = length ?? throw new ArgumentNullException(nameof(length));

    public override IReadOnlyList<Expression> Children => [Child, Position, Length];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new SubstringOfColumns(children[0], children[1], children[2]);

    public override DataType DataType => StringType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var position = AsInt(Position, "pos");
        var length = AsInt(Length, "len");
        var child = Child.DataType is StringType ? Child : TypeCoercion.CastTo(Child, StringType.Instance);
        return ReferenceEquals(child, Child) && ReferenceEquals(position, Position) && ReferenceEquals(length, Length)
            ? this
            : new SubstringOfColumns(child, position, length);
    }

    private Expression AsInt(Expression argument, string name) => argument.DataType switch
    {
        IntegerType => argument,
        ByteType or ShortType or LongType or NullType => TypeCoercion.CastTo(argument, IntegerType.Instance),
        _ => throw TypeCoercion.Mismatch(this, $"the `{name}` argument must be an integer, not {argument.DataType.SimpleString}"),
    };

    public override ArrowArray Evaluate(RecordBatch batch) =>
        StringKernels.Substring((StringArray)Child.Evaluate(batch), (Int32Array)Position.Evaluate(batch), (Int32Array)Length.Evaluate(batch));

    public override string ToString() => $"substring({Child}, {Position}, {Length})";
}
