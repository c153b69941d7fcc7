using System.Runtime.CompilerServices;
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
        if (IsImmutable(typeof(T))) return () => zero;
        var bytes = ObjectSerializer.Serialize(zero);
        return () => ObjectSerializer.Deserialize<T>(bytes);
    }

    private static bool IsImmutable(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateOnly) || type == typeof(TimeSpan) || type == typeof(Guid) || type == typeof(DateTimeOffset))
            return true;
        if (Nullable.GetUnderlyingType(type) is { } inner) return IsImmutable(inner);
        if (type.IsValueType && type.IsGenericType && typeof(ITuple).IsAssignableFrom(type))
            return type.GetGenericArguments().All(IsImmutable);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Option<>))
            return IsImmutable(type.GetGenericArguments()[0]);
        return false;
    }
}
