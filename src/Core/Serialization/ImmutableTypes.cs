using System.Collections.Concurrent;
using System.Reflection;

namespace Rdd.Core.Serialization;

/// <summary>
/// Decides whether a value of a type can be shared instead of deep-copied: primitives, string, the date,
/// time, decimal and Guid scalars, enums, structs whose fields are all immutable (ValueTuple, Nullable,
/// KeyValuePair, Option of immutables ...), System.Tuple of immutables, and classes whose fields, base
/// classes included, are all readonly and immutable (positional records of immutables). A field whose
/// type could hold a mutable subclass (object, an interface, an unsealed class) counts as mutable.
/// </summary>
internal static class ImmutableTypes
{
    private static readonly ConcurrentDictionary<Type, bool> s_cache = new();

    private static readonly HashSet<Type> s_scalars =
    [
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly),
        typeof(TimeOnly), typeof(TimeSpan), typeof(Guid), typeof(Half), typeof(Int128), typeof(UInt128),
    ];

    /// <summary>Whether an instance whose exact runtime type is <paramref name="type"/> is immutable.</summary>
    public static bool IsImmutable(Type type) => s_cache.GetOrAdd(type, static t => Compute(t, []));

    private static bool Compute(Type type, HashSet<Type> visiting)
    {
        if (type.IsPrimitive || type.IsEnum || s_scalars.Contains(type))
        {
            return true;
        }
        if (type.IsArray || type.IsPointer || typeof(Delegate).IsAssignableFrom(type) || type == typeof(object))
        {
            return false;
        }
        // A type that refers back to itself is immutable if everything else in it is.
        if (!visiting.Add(type))
        {
            return true;
        }
        try
        {
            if (IsSystemTuple(type))
            {
                return type.GetGenericArguments().All(a => IsImmutableField(a, visiting));
            }
            for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            {
                const BindingFlags AllInstance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly;
                foreach (var field in current.GetFields(AllInstance))
                {
                    // Struct fields need not be readonly: the struct is copied, the copy is independent.
                    if ((!type.IsValueType && !field.IsInitOnly) || !IsImmutableField(field.FieldType, visiting))
                    {
                        return false;
                    }
                }
            }
            return true;
        }
        finally
        {
            visiting.Remove(type);
        }
    }

    private static bool IsImmutableField(Type fieldType, HashSet<Type> visiting) =>
        (fieldType.IsValueType || fieldType.IsSealed || IsSystemTuple(fieldType)) && Compute(fieldType, visiting);

    private static bool IsSystemTuple(Type type) =>
        type.IsGenericType && type.Namespace == "System" && type.Name.StartsWith("Tuple`", StringComparison.Ordinal);
}
