using System.Collections.Concurrent;
using System.Reflection;

namespace Rdd.Sql.Types;

/// <summary>
/// Finds user-defined types: for a .NET class (its <see cref="SqlUserDefinedTypeAttribute"/>), for an Arrow
/// extension name read from a file, and for a type name in a schema string (<c>"features vector"</c>).
/// One instance per type class.
/// </summary>
internal static class UserDefinedTypes
{
    private static readonly ConcurrentDictionary<Type, UserDefinedType> s_byTypeClass = new();
    private static readonly ConcurrentDictionary<string, UserDefinedType> s_byExtensionName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, UserDefinedType> s_byName = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<Type, UserDefinedType?> s_byUserClass = new();

    /// <summary>Makes <paramref name="type"/> known by its extension name and type name.</summary>
    public static UserDefinedType Register(UserDefinedType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var known = s_byTypeClass.GetOrAdd(type.GetType(), type);
        s_byExtensionName.TryAdd(known.ExtensionName, known);
        s_byName.TryAdd(known.TypeName, known);
        return known;
    }

    /// <summary>The type that stores <paramref name="userClass"/> (from the attribute on it or a base class), or null.</summary>
    public static UserDefinedType? ForClass(Type userClass) =>
        s_byUserClass.GetOrAdd(userClass, static c =>
            c.GetCustomAttribute<SqlUserDefinedTypeAttribute>(inherit: true) is { } attribute ? Instance(attribute.UserDefinedType) : null);

    /// <summary>The type written under <paramref name="extensionName"/>, loading <paramref name="typeClassName"/> when it is not known yet; null when neither finds one.</summary>
    public static UserDefinedType? ForExtension(string extensionName, string? typeClassName)
    {
        if (s_byExtensionName.TryGetValue(extensionName, out var known))
        {
            return known;
        }
        if (typeClassName is not null && Type.GetType(typeClassName, throwOnError: false) is { } typeClass
            && typeof(UserDefinedType).IsAssignableFrom(typeClass))
        {
            var type = Instance(typeClass);
            return type.ExtensionName == extensionName ? type : null;
        }
        return null;
    }

    /// <summary>The registered type called <paramref name="name"/> (its <see cref="DataType.TypeName"/>), or null.</summary>
    public static UserDefinedType? ForName(string name) => s_byName.TryGetValue(name, out var type) ? type : null;

    /// <summary>Every registered type.</summary>
    public static IEnumerable<UserDefinedType> All => s_byTypeClass.Values;

    /// <summary>The names of the registered types, for error messages.</summary>
    public static IEnumerable<string> Names => s_byName.Keys.Order(StringComparer.Ordinal);

    private static UserDefinedType Instance(Type typeClass)
    {
        if (s_byTypeClass.TryGetValue(typeClass, out var known))
        {
            return known;
        }
        if (!typeof(UserDefinedType).IsAssignableFrom(typeClass))
        {
            throw new InvalidOperationException($"{typeClass} is not a UserDefinedType.");
        }
        var instance = typeClass.GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as UserDefinedType
            ?? (UserDefinedType)Activator.CreateInstance(typeClass)!;
        return Register(instance);
    }
}
