namespace Rdd.Sql.Types;

/// <summary>Signed 64-bit integers, SQL <c>bigint</c> (.NET <c>long</c>; Arrow <c>int64</c>, and <c>uint32</c>/<c>uint64</c> on read).</summary>
public sealed class LongType : DataType
{
    private LongType()
    {
    }

    /// <summary>The only instance.</summary>
    public static LongType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "long";

    /// <inheritdoc/>
    public override string SimpleString => "bigint";
}
