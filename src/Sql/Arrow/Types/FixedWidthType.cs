namespace Rdd.Sql.Arrow.Types;

/// <summary>A type whose values occupy a fixed number of bits each (a values buffer, no offsets).</summary>
internal abstract class FixedWidthType : ArrowType
{
    public abstract int BitWidth { get; }
}
