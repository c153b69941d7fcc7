using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>The one-argument string functions.</summary>
internal enum StringFunction
{
    Upper,
    Lower,
    Trim,
    Length,
}

/// <summary><c>upper</c>, <c>lower</c>, <c>trim</c> (strings) and <c>length</c> (int, in characters). Other inputs are cast to string.</summary>
internal sealed class StringFunctionCall(StringFunction function, Expression child) : Expression
{
    public StringFunction Function { get; } = function;

    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new StringFunctionCall(Function, children[0]);

    public override DataType DataType => Function == StringFunction.Length ? IntegerType.Instance : StringType.Instance;

    protected internal override Expression ResolveNode(StructType input) =>
        Child.DataType is StringType ? this : new StringFunctionCall(Function, TypeCoercion.CastTo(Child, StringType.Instance));

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var input = (StringArray)Child.Evaluate(batch);
        return Function switch
        {
            StringFunction.Upper => StringKernels.Upper(input),
            StringFunction.Lower => StringKernels.Lower(input),
            StringFunction.Trim => StringKernels.Trim(input),
            _ => StringKernels.Length(input),
        };
    }

    public override string ToString() => $"{Function.ToString().ToLowerInvariant()}({Child})";
}

/// <summary><c>concat(s1, s2, ...)</c>: NULL when any argument is NULL.</summary>
internal sealed class Concat(IReadOnlyList<Expression> arguments) : Expression
{
    public IReadOnlyList<Expression> Arguments { get; } = arguments ?? throw new ArgumentNullException(nameof(arguments));

    public override IReadOnlyList<Expression> Children => Arguments;

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Concat([.. children]);

    public override DataType DataType => StringType.Instance;

    protected internal override Expression ResolveNode(StructType input) =>
        Arguments.All(a => a.DataType is StringType) ? this : new Concat([.. Arguments.Select(a => TypeCoercion.CastTo(a, StringType.Instance))]);

    public override ArrowArray Evaluate(RecordBatch batch) =>
        StringKernels.Concat([.. Arguments.Select(a => (StringArray)a.Evaluate(batch))], batch.Length);

    public override string ToString() => $"concat({string.Join(", ", Arguments)})";
}

/// <summary><c>substring(str, pos, len)</c> with Spark's 1-based, negative-from-the-end positions.</summary>
internal sealed class Substring(Expression child, int position, int length = int.MaxValue) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public int Position { get; } = position;

    public int Length { get; } = length;

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Substring(children[0], Position, Length);

    public override DataType DataType => StringType.Instance;

    protected internal override Expression ResolveNode(StructType input) =>
        Child.DataType is StringType ? this : new Substring(TypeCoercion.CastTo(Child, StringType.Instance), Position, Length);

    public override ArrowArray Evaluate(RecordBatch batch) => StringKernels.Substring((StringArray)Child.Evaluate(batch), Position, Length);

    public override string ToString() => $"substring({Child}, {Position}, {Length})";
}
