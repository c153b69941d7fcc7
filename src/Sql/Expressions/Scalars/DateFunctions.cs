using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// <c>year month dayofmonth quarter dayofweek dayofyear weekofyear</c> of a date (timestamps and strings are cast
/// to date first, as Spark does).
/// </summary>
internal sealed class DatePartCall(DatePart part, Expression child) : Expression
{
    public DatePart Part { get; } = part;

    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new DatePartCall(Part, children[0]);

    public override DataType DataType => IntegerType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var date = Temporal.AsDate(this, Child);
        return ReferenceEquals(date, Child) ? this : new DatePartCall(Part, date);
    }

    public override ArrowArray Evaluate(RecordBatch batch) => DateKernels.Part((PrimitiveArray<int>)Child.Evaluate(batch), Part);

    public override string ToString() => $"{Part.ToString().ToLowerInvariant()}({Child})";
}

/// <summary><c>hour minute second</c> of a timestamp (dates and strings are cast to timestamp first).</summary>
internal sealed class TimePartCall(TimePart part, Expression child) : Expression
{
    public TimePart Part { get; } = part;

    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new TimePartCall(Part, children[0]);

    public override DataType DataType => IntegerType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var timestamp = Temporal.AsTimestamp(this, Child);
        return ReferenceEquals(timestamp, Child) ? this : new TimePartCall(Part, timestamp);
    }

    public override ArrowArray Evaluate(RecordBatch batch) => DateKernels.TimePart((PrimitiveArray<long>)Child.Evaluate(batch), Part);

    public override string ToString() => $"{Part.ToString().ToLowerInvariant()}({Child})";
}

/// <summary><c>extract(SECOND FROM ts)</c>: the seconds with their microseconds, a decimal(8, 6) as in Spark.</summary>
internal sealed class SecondWithFraction(Expression child) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new SecondWithFraction(children[0]);

    public override DataType DataType => new DecimalType(8, 6);

    protected internal override Expression ResolveNode(StructType input)
    {
        var timestamp = Temporal.AsTimestamp(this, Child);
        return ReferenceEquals(timestamp, Child) ? this : new SecondWithFraction(timestamp);
    }

    public override ArrowArray Evaluate(RecordBatch batch) => DateKernels.SecondsWithFraction((PrimitiveArray<long>)Child.Evaluate(batch));

    public override string ToString() => $"extract(SECOND FROM {Child})";
}

/// <summary>The implicit casts of the date functions: which inputs read as a date, a timestamp or a day count.</summary>
internal static class Temporal
{
    /// <summary><paramref name="child"/> as a date: timestamps, strings and NULL are cast; other types are a mismatch of <paramref name="function"/>.</summary>
    public static Expression AsDate(Expression function, Expression child) => child.DataType switch
    {
        DateType => child,
        StringType or TimestampType or TimestampNtzType or NullType => TypeCoercion.CastTo(child, DateType.Instance),
        var other => throw TypeCoercion.Mismatch(function, $"{child} is {other}, not a date"),
    };

    /// <summary><paramref name="child"/> as a timestamp (a timestamp_ntz stays one).</summary>
    public static Expression AsTimestamp(Expression function, Expression child) => child.DataType switch
    {
        TimestampType or TimestampNtzType => child,
        StringType or DateType or NullType => TypeCoercion.CastTo(child, TimestampType.Instance),
        var other => throw TypeCoercion.Mismatch(function, $"{child} is {other}, not a timestamp"),
    };

    /// <summary><paramref name="child"/> as an int count (days or months): Spark accepts tinyint, smallint and int.</summary>
    public static Expression AsInt(Expression function, Expression child) => child.DataType switch
    {
        IntegerType => child,
        ByteType or ShortType or NullType => TypeCoercion.CastTo(child, IntegerType.Instance),
        var other => throw TypeCoercion.Mismatch(function, $"{child} is {other}, not an int"),
    };
}
