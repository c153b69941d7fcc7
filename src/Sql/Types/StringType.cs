namespace Rdd.Sql.Types;

/// <summary>UTF-8 text (.NET <c>string</c>; Arrow <c>utf8</c>, and dictionary-encoded <c>utf8</c> on read).</summary>
public sealed class StringType : DataType
{
    private StringType()
    {
    }

    /// <summary>The only instance.</summary>
    public static StringType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "string";
}
