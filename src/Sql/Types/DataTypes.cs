using Rdd.Sql.Types;

namespace Rdd.Sql;

/// <summary>
/// The built-in <see cref="DataType"/> singletons under short names (<c>DataTypes.Integer</c>), the C# form of
/// Spark's Java <c>DataTypes.IntegerType</c>. The same instances are the <c>Instance</c> of each class in
/// <c>Rdd.Sql.Types</c>.
/// </summary>
public static class DataTypes
{
    /// <summary><c>tinyint</c>.</summary>
    public static ByteType Byte => ByteType.Instance;

    /// <summary><c>smallint</c>.</summary>
    public static ShortType Short => ShortType.Instance;

    /// <summary><c>int</c>.</summary>
    public static IntegerType Integer => IntegerType.Instance;

    /// <summary><c>bigint</c>.</summary>
    public static LongType Long => LongType.Instance;

    /// <summary><c>float</c>.</summary>
    public static FloatType Float => FloatType.Instance;

    /// <summary><c>double</c>.</summary>
    public static DoubleType Double => DoubleType.Instance;

    /// <summary><c>boolean</c>.</summary>
    public static BooleanType Boolean => BooleanType.Instance;

    /// <summary><c>string</c>.</summary>
    public static StringType String => StringType.Instance;

    /// <summary><c>binary</c>.</summary>
    public static BinaryType Binary => BinaryType.Instance;

    /// <summary><c>date</c>.</summary>
    public static DateType Date => DateType.Instance;

    /// <summary><c>timestamp</c> (UTC instants).</summary>
    public static TimestampType Timestamp => TimestampType.Instance;

    /// <summary><c>timestamp_ntz</c> (wall-clock, no time zone).</summary>
    public static TimestampNtzType TimestampNtz => TimestampNtzType.Instance;
}
