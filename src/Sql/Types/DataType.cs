using Rdd.Sql.Types;

namespace Rdd.Sql;

/// <summary>
/// The type of a column, as in Spark SQL. Each built-in type is a sealed singleton in <c>Rdd.Sql.Types</c>
/// (<see cref="IntegerType"/>, <see cref="StringType"/> ...), also reachable through <see cref="DataTypes"/>;
/// equality is by value, so two references to "int" are always equal. The class is open so that libraries
/// can add user-defined types (MlLib's vector).
/// </summary>
public abstract class DataType : IEquatable<DataType>
{
    /// <summary>For the built-in types and user-defined types.</summary>
    protected DataType()
    {
    }

    /// <summary>
    /// Spark's <c>typeName</c>, the spelling <see cref="StructType.TreeString"/> (<c>printSchema</c>) uses:
    /// <c>integer</c>, <c>long</c>, <c>short</c>, <c>byte</c>, <c>double</c>, <c>string</c> ...
    /// </summary>
    public abstract string TypeName { get; }

    /// <summary>
    /// Spark's <c>simpleString</c>, the SQL spelling used in casts and schema strings: <c>int</c>, <c>bigint</c>,
    /// <c>smallint</c>, <c>tinyint</c>, <c>double</c>, <c>string</c> ... Equal to <see cref="TypeName"/> unless
    /// SQL names the type differently.
    /// </summary>
    public virtual string SimpleString => TypeName;

    /// <summary>
    /// The type named by <paramref name="text"/>: a <see cref="SimpleString"/> or <see cref="TypeName"/>, or one of
    /// the aliases Spark's SQL parser accepts (<c>integer</c>, <c>long</c>, <c>real</c>, <c>timestamp_ltz</c> ...),
    /// ignoring case and surrounding spaces.
    /// </summary>
    /// <exception cref="FormatException">The name is not a known type; the message lists the known names.</exception>
    public static DataType ParseSimpleString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParseSimpleString(text, out var type)
            ? type
            : throw new FormatException(
                $"Unknown data type '{text}'. Known types: tinyint, smallint, int, bigint, float, double, boolean, string, "
                + "binary, date, timestamp, timestamp_ntz, decimal(p,s), array<type>, struct<name:type,...>" + string.Concat(UserDefinedTypes.Names.Select(n => ", " + n)) + ".");
    }

    /// <summary>Like <see cref="ParseSimpleString"/>, returning false for an unknown name.</summary>
    public static bool TryParseSimpleString(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DataType? type)
    {
        type = text?.Trim().ToLowerInvariant() switch
        {
            "tinyint" or "byte" => ByteType.Instance,
            "smallint" or "short" => ShortType.Instance,
            "int" or "integer" => IntegerType.Instance,
            "bigint" or "long" => LongType.Instance,
            "float" or "real" => FloatType.Instance,
            "double" => DoubleType.Instance,
            "boolean" => BooleanType.Instance,
            "string" => StringType.Instance,
            "binary" => BinaryType.Instance,
            "date" => DateType.Instance,
            "timestamp" or "timestamp_ltz" => TimestampType.Instance,
            "timestamp_ntz" => TimestampNtzType.Instance,
            "decimal" or "dec" or "numeric" => DecimalType.UserDefault,
            { } name when name.Contains('(') || name.Contains('<') => ParseComplex(text!),
            { } name => UserDefinedTypes.ForName(name),
            _ => null,
        };
        return type is not null;
    }

    /// <summary>A parameterised type's spelling (<c>decimal(10,2)</c>, <c>array&lt;int&gt;</c>, <c>struct&lt;a:int&gt;</c>), or null.</summary>
    private static DataType? ParseComplex(string text)
    {
        try
        {
            return Parsing.SchemaParser.ParseDataType(text);
        }
        catch (ParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// Types are equal when they are of the same class; a parameterised user-defined type overrides this
    /// (and <see cref="GetHashCode"/>) to compare its parameters too.
    /// </summary>
    public virtual bool Equals(DataType? other) => other is not null && other.GetType() == GetType();

    /// <inheritdoc/>
    public sealed override bool Equals(object? obj) => obj is DataType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => GetType().GetHashCode();

    /// <summary>The <see cref="SimpleString"/>.</summary>
    public sealed override string ToString() => SimpleString;

    /// <summary>Value equality.</summary>
    public static bool operator ==(DataType? left, DataType? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(DataType? left, DataType? right) => !(left == right);
}
