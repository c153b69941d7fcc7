using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary><c>CAST(child AS type)</c> with Spark's non-ANSI results (an unparsable string is NULL).</summary>
internal sealed class Cast(Expression child, DataType dataType) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override DataType DataType { get; } = dataType ?? throw new ArgumentNullException(nameof(dataType));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Cast(children[0], DataType);

    public override bool Nullable => Child.Nullable || Child.DataType is StringType || DataType is DateType;

    protected internal override Expression ResolveNode(StructType input) =>
        CastKernels.CanCast(Child.DataType, DataType)
            ? this
            : throw TypeCoercion.Mismatch(this, $"cannot cast {Child.DataType} to {DataType}");

    public override ArrowArray Evaluate(RecordBatch batch) =>
        Child is Literal literal
            ? KernelArrays.Constant(DataType, ConvertValue(literal.Value, literal.DataType, DataType), batch.Length)
            : CastKernels.Cast(Child.Evaluate(batch), Child.DataType, DataType);

    /// <summary>A literal value converted as the kernel would convert it (used to fold casts of literals).</summary>
    public static object? ConvertValue(object? value, DataType from, DataType to) =>
        from is NullType ? null : ArrayValues.Convert(value, from, to);

    /// <summary>Java's <c>Double.toString</c>, as Spark prints doubles.</summary>
    public static string FormatDouble(double value) => CastKernels.FormatDouble(value);

    public override string ToString() => $"CAST({Child} AS {DataType.SimpleString.ToUpperInvariant()})";
}
