using Rdd.Core.Serialization;

namespace Rdd.Core.Execution;

/// <summary>
/// Copies the zero value of Fold, Aggregate, AggregateByKey and FoldByKey for each partition and key, as
/// Spark does by serializing it: a mutable zero such as <c>new HashSet&lt;int&gt;()</c> is never shared.
/// Immutable zeros (numbers, strings, tuples of them) are used as they are, at no cost.
/// </summary>
internal static class ZeroValue
{
    public static Func<T> Copier<T>(T zero)
    {
        if (ImmutableTypes.IsImmutable(typeof(T))) return () => zero;
        var bytes = ObjectSerializer.Serialize(zero);
        return () => ObjectSerializer.Deserialize<T>(bytes);
    }
}
