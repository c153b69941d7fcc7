using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// Spark's implicit casts (non-ANSI mode) for operators whose operands differ in type: numbers widen along
/// tinyint &lt; smallint &lt; int &lt; bigint &lt; float &lt; double; a string meets a number as double; a string
/// compared with a date or timestamp becomes one; an untyped NULL takes the other side's type.
/// </summary>
internal static class TypeCoercion
{
    public static bool IsNumeric(DataType type) => Rank(type) >= 0;

    private static int Rank(DataType type) => type switch
    {
        ByteType => 0,
        ShortType => 1,
        IntegerType => 2,
        LongType => 3,
        FloatType => 4,
        DoubleType => 5,
        _ => -1,
    };

    /// <summary>The wider of two numeric types.</summary>
    public static DataType WiderNumeric(DataType left, DataType right) => Rank(left) >= Rank(right) ? left : right;

    /// <summary>The type both sides of an arithmetic operator become, or null when there is none.</summary>
    public static DataType? ArithmeticType(DataType left, DataType right)
    {
        left = left is StringType ? DoubleType.Instance : left;
        right = right is StringType ? DoubleType.Instance : right;
        if (left is NullType)
        {
            left = right is NullType ? DoubleType.Instance : right;
        }
        if (right is NullType)
        {
            right = left;
        }
        // A decimal meets a float or double as double (with an integer or decimal, DecimalArithmetic takes it).
        left = left is DecimalType ? DoubleType.Instance : left;
        right = right is DecimalType ? DoubleType.Instance : right;
        return IsNumeric(left) && IsNumeric(right) ? WiderNumeric(left, right) : null;
    }

    /// <summary>The type both sides of a comparison (or IN, or a CASE result) become, or null when there is none.</summary>
    public static DataType? CommonType(DataType left, DataType right)
    {
        if (left == right)
        {
            return left;
        }
        if (left is NullType)
        {
            return right;
        }
        if (right is NullType)
        {
            return left;
        }
        if (IsNumeric(left) && IsNumeric(right))
        {
            return WiderNumeric(left, right);
        }
        if (left is DecimalType || right is DecimalType)
        {
            return WiderDecimal(left, right);
        }
        return (left, right) switch
        {
            (StringType, _) when IsNumeric(right) => DoubleType.Instance,
            (_, StringType) when IsNumeric(left) => DoubleType.Instance,
            (StringType, DateType or TimestampType or TimestampNtzType) => right,
            (DateType or TimestampType or TimestampNtzType, StringType) => left,
            (DateType, TimestampType or TimestampNtzType) => right,
            (TimestampType or TimestampNtzType, DateType) => left,
            _ => null,
        };
    }

    /// <summary>
    /// Spark's <c>DecimalPrecision.widerDecimalType</c> for a decimal meeting a decimal or an integer type (which
    /// widens to the decimal of its digits first): enough integer digits and scale for both, capped at 38; a
    /// decimal meeting a float or double meets it as double; null for any other type.
    /// </summary>
    private static DataType? WiderDecimal(DataType left, DataType right)
    {
        if (left is FloatType or DoubleType || right is FloatType or DoubleType)
        {
            return DoubleType.Instance;
        }
        if (DecimalValues.ForIntegral(left) is not { } a || DecimalValues.ForIntegral(right) is not { } b)
        {
            return null;
        }
        int scale = Math.Max(a.Scale, b.Scale);
        int range = Math.Max(a.Precision - a.Scale, b.Precision - b.Scale);
        return DecimalValues.Bounded(range + scale, scale);
    }

    /// <summary>
    /// <paramref name="expression"/> as <paramref name="type"/>: itself when it already is, a converted literal
    /// for a literal (so kernels still see a scalar), a <see cref="Cast"/> otherwise.
    /// </summary>
    public static Expression CastTo(Expression expression, DataType type)
    {
        if (expression.DataType == type)
        {
            return expression;
        }
        if (expression is Literal literal)
        {
            return new Literal(Cast.ConvertValue(literal.Value, literal.DataType, type), type);
        }
        return new Cast(expression, type);
    }

    public static AnalysisException Mismatch(Expression expression, string detail) =>
        new($"[DATATYPE_MISMATCH] Cannot resolve \"{expression}\" due to data type mismatch: {detail}.");
}
