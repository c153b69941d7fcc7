using System.Globalization;
using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// A constant, held in the .NET representation of its type (int for <c>int</c>, <see cref="DateOnly"/> for
/// <c>date</c> ...). Kernels take literals as scalars instead of materialising a column.
/// </summary>
internal sealed class Literal : Expression
{
    public Literal(object? value, DataType dataType)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        Value = value;
        DataType = dataType;
    }

    public static Literal Null { get; } = new(null, NullType.Instance);

    public object? Value { get; }

    public override DataType DataType { get; }

    public override bool Nullable => Value is null;

    public override bool Resolved => true;

    public override IReadOnlyList<Expression> Children => [];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => this;

    /// <summary>The literal for a .NET value, its type inferred as Spark's <c>lit</c> does.</summary>
    /// <exception cref="ArgumentException">A value of a type with no SQL counterpart.</exception>
    public static Literal Create(object? value) => value switch
    {
        null => Null,
        Literal literal => literal,
        int i => new Literal(i, IntegerType.Instance),
        long l => new Literal(l, LongType.Instance),
        short s => new Literal(s, ShortType.Instance),
        sbyte b => new Literal(b, ByteType.Instance),
        byte b => new Literal((short)b, ShortType.Instance),
        double d => new Literal(d, DoubleType.Instance),
        float f => new Literal(f, FloatType.Instance),
        decimal m => new Literal(m, DecimalOf(m)),
        bool b => new Literal(b, BooleanType.Instance),
        string s => new Literal(s, StringType.Instance),
        char c => new Literal(c.ToString(), StringType.Instance),
        DateOnly d => new Literal(d, DateType.Instance),
        DateTime t when t.Kind == DateTimeKind.Unspecified => new Literal(t, TimestampNtzType.Instance),
        DateTime t => new Literal(t.ToUniversalTime(), TimestampType.Instance),
        byte[] bytes => new Literal(bytes, BinaryType.Instance),
        _ => throw new ArgumentException($"Unsupported literal type {value.GetType().Name} ({value}).", nameof(value)),
    };

    /// <summary>Spark's type of a BigDecimal literal: as many digits as the value has (at least its scale), its scale.</summary>
    private static DecimalType DecimalOf(decimal value)
    {
        int scale = value.Scale;
        int digits = decimal.Truncate(Math.Abs(value * DecimalPow10(scale))).ToString(CultureInfo.InvariantCulture).TrimStart('0').Length;
        return new DecimalType(Math.Max(1, Math.Max(digits, scale)), scale);
    }

    private static decimal DecimalPow10(int exponent)
    {
        decimal result = 1;
        for (int i = 0; i < exponent; i++) result *= 10;
        return result;
    }

    public override ArrowArray Evaluate(RecordBatch batch) =>
        DataType is NullType
            ? KernelArrays.AllNull(BooleanType.Instance, batch.Length)
            : KernelArrays.Constant(DataType, Value, batch.Length);

    /// <summary>Spark's text for a literal: numbers as is, strings bare (as a column name), NULL.</summary>
    public override string ToString() => Value switch
    {
        null => "NULL",
        bool b => b ? "true" : "false",
        double d => Cast.FormatDouble(d),
        float f => Cast.FormatDouble(f),
        DateOnly d => $"DATE '{d:yyyy-MM-dd}'",
        DateTime t => $"TIMESTAMP '{t:yyyy-MM-dd HH:mm:ss}'",
        byte[] bytes => $"X'{Convert.ToHexString(bytes)}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? "",
    };
}
