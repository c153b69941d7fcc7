using System.Reflection;
using System.Runtime.Serialization;

namespace Rdd.Core.Serialization;

/// <summary>
/// How a record, class or struct is taken apart and rebuilt: its public instance properties and fields
/// (base type first, then declaration order; properties before fields within a type, because metadata
/// keeps them in separate tables), and the constructor that rebuilds it. The constructor is the public
/// one with the most parameters whose names all match members (case-insensitive) with compatible types,
/// which is the primary constructor of a record; a parameterless one is just the zero-parameter case.
/// Members not passed to the constructor are assigned through public setters or fields afterwards.
/// Get-only members that the constructor does not take (computed properties) are not serialized.
/// Members marked [IgnoreDataMember] are skipped.
/// </summary>
internal sealed class MemberwiseLayout
{
    private MemberwiseLayout(Type type, IReadOnlyList<MemberInfo> members, ConstructorInfo? constructor, int[] constructorMembers)
    {
        Type = type;
        Members = members;
        Constructor = constructor;
        ConstructorMembers = constructorMembers;
    }

    public Type Type { get; }

    /// <summary>The serialized members, in encoding order.</summary>
    public IReadOnlyList<MemberInfo> Members { get; }

    /// <summary>The constructor, or null for a struct built from <c>default</c>.</summary>
    public ConstructorInfo? Constructor { get; }

    /// <summary>For each constructor parameter, the index of its member in <see cref="Members"/>.</summary>
    public int[] ConstructorMembers { get; }

    public static Type MemberType(MemberInfo member) => member switch
    {
        PropertyInfo property => property.PropertyType,
        FieldInfo field => field.FieldType,
        _ => throw new ArgumentException($"Unexpected member kind {member.MemberType}.", nameof(member)),
    };

    public static MemberwiseLayout Create(Type type)
    {
        var readable = ReadableMembers(type);
        ConstructorInfo? bestConstructor = null;
        int[]? bestMapping = null;
        foreach (var constructor in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
        {
            var mapping = MatchParameters(constructor, readable);
            if (mapping is not null && (bestMapping is null || mapping.Length > bestMapping.Length))
            {
                bestConstructor = constructor;
                bestMapping = mapping;
            }
        }
        if (bestConstructor is null && !type.IsValueType)
        {
            throw new NotSupportedException(
                $"Type '{type}' cannot be serialized: it has no public parameterless constructor and no public " +
                "constructor whose parameters all match public properties or fields by name.");
        }

        var members = new List<MemberInfo>();
        var constructorMembers = new int[bestMapping?.Length ?? 0];
        for (var i = 0; i < readable.Count; i++)
        {
            var parameterIndex = bestMapping is null ? -1 : Array.IndexOf(bestMapping, i);
            if (parameterIndex >= 0)
            {
                constructorMembers[parameterIndex] = members.Count;
                members.Add(readable[i]);
            }
            else if (IsWritable(readable[i]))
            {
                members.Add(readable[i]);
            }
        }
        return new MemberwiseLayout(type, members, bestConstructor, constructorMembers);
    }

    public bool IsSetByConstructor(int memberIndex) => Array.IndexOf(ConstructorMembers, memberIndex) >= 0;

    private static List<MemberInfo> ReadableMembers(Type type)
    {
        var hierarchy = new List<Type>();
        for (var current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
        {
            hierarchy.Add(current);
        }
        hierarchy.Reverse();

        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var members = new List<MemberInfo>();
        var indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var declaring in hierarchy)
        {
            var properties = declaring.GetProperties(Declared)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
                .OrderBy(p => p.MetadataToken);
            var fields = declaring.GetFields(Declared).OrderBy(f => f.MetadataToken);
            foreach (var member in properties.Concat<MemberInfo>(fields))
            {
                if (member.IsDefined(typeof(IgnoreDataMemberAttribute), inherit: true))
                {
                    continue;
                }
                // An override or a 'new' member replaces the base declaration but keeps its position.
                if (indexByName.TryGetValue(member.Name, out var existing))
                {
                    members[existing] = member;
                }
                else
                {
                    indexByName[member.Name] = members.Count;
                    members.Add(member);
                }
            }
        }
        return members;
    }

    private static int[]? MatchParameters(ConstructorInfo constructor, List<MemberInfo> members)
    {
        var parameters = constructor.GetParameters();
        var mapping = new int[parameters.Length];
        for (var p = 0; p < parameters.Length; p++)
        {
            var match = FindMember(parameters[p], members, StringComparison.Ordinal);
            if (match < 0)
            {
                match = FindMember(parameters[p], members, StringComparison.OrdinalIgnoreCase);
            }
            if (match < 0 || mapping.AsSpan(0, p).Contains(match))
            {
                return null;
            }
            mapping[p] = match;
        }
        return mapping;
    }

    private static int FindMember(ParameterInfo parameter, List<MemberInfo> members, StringComparison comparison)
    {
        for (var i = 0; i < members.Count; i++)
        {
            if (string.Equals(members[i].Name, parameter.Name, comparison)
                && parameter.ParameterType.IsAssignableFrom(MemberType(members[i])))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsWritable(MemberInfo member) => member switch
    {
        PropertyInfo property => property.SetMethod is { IsPublic: true },
        FieldInfo field => !field.IsInitOnly && !field.IsLiteral,
        _ => false,
    };
}
