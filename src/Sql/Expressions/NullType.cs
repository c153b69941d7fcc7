namespace Rdd.Sql.Expressions;

/// <summary>
/// Spark's <c>void</c> type: the type of an untyped <c>NULL</c> literal, which implicit casts turn into any
/// other type. It has no Arrow form and never reaches a column of a result.
/// </summary>
internal sealed class NullType : DataType
{
    private NullType()
    {
    }

    public static NullType Instance { get; } = new();

    public override string TypeName => "void";
}
