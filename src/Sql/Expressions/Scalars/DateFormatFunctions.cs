using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// <c>to_date(s, fmt)</c> and <c>to_timestamp(s, fmt)</c>: strings parsed with a Spark datetime pattern (a literal);
/// a string the pattern does not match is NULL.
/// </summary>
internal sealed class ParseDateTime(Expression child, string pattern, bool toTimestamp) : Expression
{
    private readonly string _format = DatePattern.ToDotNet(pattern);

    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public string Pattern { get; } = pattern;

    public bool ToTimestamp { get; } = toTimestamp;

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new ParseDateTime(children[0], Pattern, ToTimestamp);

    public override DataType DataType => ToTimestamp ? TimestampType.Instance : DateType.Instance;

    protected internal override Expression ResolveNode(StructType input) => Child.DataType switch
    {
        StringType => this,
        // A date or timestamp needs no parsing: the pattern is ignored, as in Spark.
        DateType or TimestampType or TimestampNtzType or NullType => TypeCoercion.CastTo(Child, DataType),
        var other => throw TypeCoercion.Mismatch(this, $"{Child} is {other}, not a string"),
    };

    public override ArrowArray Evaluate(RecordBatch batch) => DateFormatKernels.Parse((StringArray)Child.Evaluate(batch), _format, ToTimestamp);

    public override string ToString() => $"{(ToTimestamp ? "to_timestamp" : "to_date")}({Child}, '{Pattern}')";
}

/// <summary><c>date_format(ts, fmt)</c>: a timestamp (or a date, or a string cast to a timestamp) as text in a Spark datetime pattern.</summary>
internal sealed class DateFormat(Expression child, string pattern) : Expression
{
    private readonly string _format = DatePattern.ToDotNet(pattern);

    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public string Pattern { get; } = pattern;

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new DateFormat(children[0], Pattern);

    public override DataType DataType => StringType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var timestamp = Temporal.AsTimestamp(this, Child);
        return ReferenceEquals(timestamp, Child) ? this : new DateFormat(timestamp, Pattern);
    }

    public override ArrowArray Evaluate(RecordBatch batch) => DateFormatKernels.Format((PrimitiveArray<long>)Child.Evaluate(batch), _format);

    public override string ToString() => $"date_format({Child}, '{Pattern}')";
}
