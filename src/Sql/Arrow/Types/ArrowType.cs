namespace Rdd.Sql.Arrow.Types;

/// <summary>
/// A logical Arrow type. The hierarchy is closed (one sealed class per type in this folder) and
/// immutable; parameterless types are singletons (<c>Int32Type.Default</c>). Equality is by value, so a
/// type read from a file equals the one a builder produced.
/// </summary>
internal abstract class ArrowType : IEquatable<ArrowType>
{
    public abstract ArrowTypeId TypeId { get; }

    /// <summary>Arrow's own spelling (<c>int32</c>, <c>utf8</c>, <c>timestamp[ms, tz=UTC]</c>), used in messages.</summary>
    public abstract string Name { get; }

    public virtual bool Equals(ArrowType? other) => other is not null && other.TypeId == TypeId;

    public sealed override bool Equals(object? obj) => obj is ArrowType other && Equals(other);

    public override int GetHashCode() => TypeId.GetHashCode();

    public sealed override string ToString() => Name;
}
