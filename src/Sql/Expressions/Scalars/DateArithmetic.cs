using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>Which calendar step a <see cref="DateArithmetic"/> takes.</summary>
internal enum DateArithmeticKind
{
    /// <summary><c>date_add(d, n)</c> (and <c>date_sub(d, n)</c> as <c>date_add(d, -n)</c>): a date.</summary>
    AddDays,

    /// <summary><c>add_months(d, n)</c>: a date, clamped to the month's last day.</summary>
    AddMonths,

    /// <summary><c>datediff(end, start)</c>: an int.</summary>
    DiffDays,
}

/// <summary>A date and an int (or a second date) combined per row: <c>date_add date_sub add_months datediff</c>.</summary>
internal sealed class DateArithmetic(DateArithmeticKind kind, Expression left, Expression right) : Expression
{
    public DateArithmeticKind Kind { get; } = kind;

    public Expression Left { get; } = left ?? throw new ArgumentNullException(nameof(left));

    public Expression Right { get; } = right ?? throw new ArgumentNullException(nameof(right));

    public override IReadOnlyList<Expression> Children => [Left, Right];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new DateArithmetic(Kind, children[0], children[1]);

    public override DataType DataType => Kind == DateArithmeticKind.DiffDays ? IntegerType.Instance : DateType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var left = Temporal.AsDate(this, Left);
        var right = Kind == DateArithmeticKind.DiffDays ? Temporal.AsDate(this, Right) : Temporal.AsInt(this, Right);
        return ReferenceEquals(left, Left) && ReferenceEquals(right, Right) ? this : new DateArithmetic(Kind, left, right);
    }

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var left = (PrimitiveArray<int>)Left.Evaluate(batch);
        var right = (PrimitiveArray<int>)Right.Evaluate(batch);
        return Kind switch
        {
            DateArithmeticKind.AddDays => DateKernels.AddDays(left, right),
            DateArithmeticKind.AddMonths => DateKernels.AddMonths(left, right),
            _ => DateKernels.DiffDays(left, right),
        };
    }

    public override string ToString() => Kind switch
    {
        DateArithmeticKind.AddDays => $"date_add({Left}, {Right})",
        DateArithmeticKind.AddMonths => $"add_months({Left}, {Right})",
        _ => $"datediff({Left}, {Right})",
    };
}

/// <summary>
/// <c>x ± INTERVAL …</c>: a date or timestamp shifted by a constant interval. A date stays a date while the interval
/// has no time part (Spark's <c>date + INTERVAL '90' DAY</c> is a date); otherwise the date is read as a timestamp.
/// </summary>
internal sealed class IntervalShift(Expression child, int months, int days, long micros) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public int Months { get; } = months;

    public int Days { get; } = days;

    public long Micros { get; } = micros;

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new IntervalShift(children[0], Months, Days, Micros);

    public override DataType DataType => Child.DataType is DateType ? DateType.Instance : Child.DataType is TimestampNtzType ? TimestampNtzType.Instance : TimestampType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var child = Child.DataType switch
        {
            DateType when Micros == 0 => Child,
            TimestampType or TimestampNtzType => Child,
            // Spark casts a string to a timestamp here, and a date to one when the interval has a time part.
            DateType or StringType or NullType => TypeCoercion.CastTo(Child, Micros == 0 && Child.DataType is not StringType ? DateType.Instance : TimestampType.Instance),
            var other => throw TypeCoercion.Mismatch(this, $"{Child} is {other}; an interval is added to a date or a timestamp"),
        };
        return ReferenceEquals(child, Child) ? this : new IntervalShift(child, Months, Days, Micros);
    }

    public override ArrowArray Evaluate(RecordBatch batch) => DateKernels.Shift(Child.Evaluate(batch), Months, Days, Micros);

    public override string ToString() => $"({Child} + INTERVAL {Months} MONTHS {Days} DAYS {Micros} MICROSECONDS)";
}

/// <summary><c>last_day(d)</c>: the last day of the date's month.</summary>
internal sealed class LastDay(Expression child) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new LastDay(children[0]);

    public override DataType DataType => DateType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var date = Temporal.AsDate(this, Child);
        return ReferenceEquals(date, Child) ? this : new LastDay(date);
    }

    public override ArrowArray Evaluate(RecordBatch batch) => DateKernels.LastDay((PrimitiveArray<int>)Child.Evaluate(batch));

    public override string ToString() => $"last_day({Child})";
}

/// <summary>
/// <c>trunc(d, unit)</c> (a date; units year, quarter, month, week) and <c>date_trunc(unit, ts)</c> (a timestamp;
/// also day down to microsecond). A unit Spark does not know gives NULL, as in Spark.
/// </summary>
internal sealed class Truncate(Expression child, TruncUnit? unit, bool toTimestamp) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public TruncUnit? Unit { get; } = unit;

    public bool ToTimestamp { get; } = toTimestamp;

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Truncate(children[0], Unit, ToTimestamp);

    public override DataType DataType => !ToTimestamp ? DateType.Instance : Child.DataType is TimestampNtzType ? TimestampNtzType.Instance : TimestampType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var child = ToTimestamp ? Temporal.AsTimestamp(this, Child) : Temporal.AsDate(this, Child);
        return ReferenceEquals(child, Child) ? this : new Truncate(child, Unit, ToTimestamp);
    }

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var input = Child.Evaluate(batch);
        if (Unit is not { } unit || (!ToTimestamp && unit > TruncUnit.Week))
        {
            return KernelArrays.AllNull(DataType, batch.Length);
        }
        return ToTimestamp
            ? DateKernels.TruncTimestamp((PrimitiveArray<long>)input, unit)
            : DateKernels.TruncDate((PrimitiveArray<int>)input, unit);
    }

    /// <summary>Spark's spellings of the truncation units (case-insensitive); null for anything else.</summary>
    public static TruncUnit? ParseUnit(string text) => text.ToUpperInvariant() switch
    {
        "YEAR" or "YYYY" or "YY" => TruncUnit.Year,
        "QUARTER" => TruncUnit.Quarter,
        "MONTH" or "MM" or "MON" => TruncUnit.Month,
        "WEEK" => TruncUnit.Week,
        "DAY" or "DD" => TruncUnit.Day,
        "HOUR" => TruncUnit.Hour,
        "MINUTE" => TruncUnit.Minute,
        "SECOND" => TruncUnit.Second,
        "MILLISECOND" => TruncUnit.Millisecond,
        "MICROSECOND" => TruncUnit.Microsecond,
        _ => null,
    };

    public override string ToString() => ToTimestamp ? $"date_trunc({Unit}, {Child})" : $"trunc({Child}, {Unit})";
}
