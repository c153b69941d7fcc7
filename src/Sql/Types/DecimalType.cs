using System.Globalization;

namespace Rdd.Sql.Types;

/// <summary>
/// Fixed-point numbers of at most <see cref="Precision"/> digits, <see cref="Scale"/> of them after the point, SQL
/// <c>decimal(p,s)</c> as in Spark (Arrow <c>decimal128(p, s)</c>; .NET <see cref="decimal"/>). Values are kept as
/// 128-bit unscaled integers, so every Spark precision up to 38 computes exactly; a value reaches .NET as a
/// <see cref="decimal"/>, which holds 28 to 29 significant digits: a wider one is refused, naming the column, rather
/// than rounded.
/// </summary>
public sealed class DecimalType : DataType
{
    /// <summary>The widest precision, Spark's <c>DecimalType.MAX_PRECISION</c>.</summary>
    public const int MaxPrecision = 38;

    /// <summary>A decimal of <paramref name="precision"/> digits, <paramref name="scale"/> after the point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Precision outside 1..38, or scale outside 0..precision.</exception>
    public DecimalType(int precision = 10, int scale = 0)
    {
        if (precision is < 1 or > MaxPrecision)
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, $"decimal precision must be between 1 and {MaxPrecision}.");
        }
        if (scale < 0 || scale > precision)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"decimal scale must be between 0 and the precision ({precision}).");
        }
        Precision = precision;
        Scale = scale;
    }

    /// <summary>Spark's <c>DecimalType.USER_DEFAULT</c>, <c>decimal(10,0)</c>: what <c>decimal</c> alone means.</summary>
    public static DecimalType UserDefault { get; } = new(10, 0);

    /// <summary>Spark's <c>DecimalType.SYSTEM_DEFAULT</c>, <c>decimal(38,18)</c>: the type of .NET <see cref="decimal"/> properties.</summary>
    public static DecimalType SystemDefault { get; } = new(38, 18);

    /// <summary>The number of digits.</summary>
    public int Precision { get; }

    /// <summary>The number of digits after the point.</summary>
    public int Scale { get; }

    /// <inheritdoc/>
    public override string TypeName => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision},{Scale})");

    /// <inheritdoc/>
    public override bool Equals(DataType? other) => other is DecimalType d && d.Precision == Precision && d.Scale == Scale;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(typeof(DecimalType), Precision, Scale);
}
