using System.Collections.Concurrent;
using System.Reflection;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace Rdd.Core.Serialization;

/// <summary>
/// The MessagePack-CSharp options every serialized element goes through: object files, checkpoints, the
/// per-element form of spills, shuffle files and serialized or disk blocks, and zero-value copies. The resolver
/// composes MessagePack-CSharp's own resolvers with a few of ours, first match wins:
/// <list type="number">
/// <item><see cref="AttributeFormatterResolver"/>: a type naming its formatter with MessagePack-CSharp's
/// <c>[MessagePackFormatter]</c> (a record batch as Arrow IPC bytes) is written by it;</item>
/// <item><see cref="RddScalarResolver"/>: the wire forms where MessagePack-CSharp's built-ins differ from the
/// engine's, which @msgpack/msgpack interop pins: Guid as 16 bytes of bin in RFC 4122 order (not a string),
/// DateTime as a timestamp with Unspecified taken as UTC (not as local time), DateTimeOffset as
/// [timestamp, offset minutes], decimal as its invariant string also read from numbers, integers also read
/// from floats holding whole numbers (as JavaScript writes numbers beyond 32 bits); their nullables and
/// DateTime[]; <c>object</c> members (<see cref="UntypedFormatter"/>), <see cref="Option{T}"/>, and concrete
/// collection types that are not generic;</item>
/// <item><see cref="BuiltinResolver"/>, <see cref="DynamicEnumResolver"/> (enums as their underlying integer),
/// <see cref="DynamicGenericResolver"/> (Nullable, ValueTuple and Tuple as arrays, KeyValuePair as [key, value],
/// List, arrays, HashSet, Dictionary and the other collections and collection interfaces);</item>
/// <item><see cref="RddObjectResolver"/>: records, classes and structs as arrays of their members
/// (<see cref="MemberwiseLayout"/>), not MessagePack-CSharp's contractless maps keyed by member name: the array
/// form is what object files have always held, and it is smaller and faster.</item>
/// </list>
/// Which types are serializable at all is decided first, over the whole static type tree, by
/// <see cref="TypeSupport"/>, so an unsupported member fails at the first use with a message naming it.
/// </summary>
internal sealed class RddResolver : IFormatterResolver
{
    /// <summary>
    /// The composed resolver. Not <see cref="CompositeResolver"/>: its cache is a lookup by type, and MessagePack-CSharp's
    /// generic formatters (tuples, lists...) ask the resolver for their element formatters on every value, so a
    /// static generic field (<see cref="Cache{T}"/>) makes the per-element path of a tuple twice as fast.
    /// </summary>
    public static readonly RddResolver Instance = new();

    private static readonly IFormatterResolver[] s_resolvers =
    [
        AttributeFormatterResolver.Instance,
        RddScalarResolver.Instance,
        BuiltinResolver.Instance,
        DynamicEnumResolver.Instance,
        DynamicGenericResolver.Instance,
        RddObjectResolver.Instance,
    ];

    /// <summary>Trusted data (the engine reads files it wrote): no depth limit, default hash collision handling.</summary>
    public static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(Instance)
        .WithSecurity(MessagePackSecurity.TrustedData);

    private RddResolver()
    {
    }

    /// <summary>The formatter of T, once its type tree was checked.</summary>
    /// <exception cref="NotSupportedException">T cannot be serialized.</exception>
    public static IMessagePackFormatter<T> Get<T>()
    {
        TypeSupport.ThrowIfUnsupported(typeof(T));
        return Instance.GetFormatterWithVerify<T>();
    }

    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter = First();

        private static IMessagePackFormatter<T>? First()
        {
            foreach (var resolver in s_resolvers)
            {
                if (resolver.GetFormatter<T>() is { } formatter) return formatter;
            }
            return null;
        }
    }
}

/// <summary>The scalars whose wire form is the engine's own, and the shapes around them MessagePack-CSharp would otherwise take.</summary>
internal sealed class RddScalarResolver : IFormatterResolver
{
    public static readonly RddScalarResolver Instance = new();

    private static readonly Dictionary<Type, object> s_formatters = new()
    {
        [typeof(Guid)] = new GuidFormatter(),
        [typeof(Guid?)] = new NullableFormatter<Guid>(),
        [typeof(DateTime)] = new TimestampFormatter(),
        [typeof(DateTime?)] = new NullableFormatter<DateTime>(),
        [typeof(DateTime[])] = new ArrayFormatter<DateTime>(),
        [typeof(DateTimeOffset)] = new DateTimeOffsetFormatter(),
        [typeof(DateTimeOffset?)] = new NullableFormatter<DateTimeOffset>(),
        [typeof(decimal)] = new DecimalStringFormatter(),
        [typeof(decimal?)] = new NullableFormatter<decimal>(),
        [typeof(object)] = new UntypedFormatter(),
        [typeof(long)] = new WholeNumberFormatter<long>(),
        [typeof(long?)] = new NullableFormatter<long>(),
        [typeof(ulong)] = new WholeNumberFormatter<ulong>(),
        [typeof(ulong?)] = new NullableFormatter<ulong>(),
        [typeof(int)] = new WholeNumberFormatter<int>(),
        [typeof(int?)] = new NullableFormatter<int>(),
        [typeof(uint)] = new WholeNumberFormatter<uint>(),
        [typeof(uint?)] = new NullableFormatter<uint>(),
        [typeof(short)] = new WholeNumberFormatter<short>(),
        [typeof(short?)] = new NullableFormatter<short>(),
        [typeof(ushort)] = new WholeNumberFormatter<ushort>(),
        [typeof(ushort?)] = new NullableFormatter<ushort>(),
        [typeof(sbyte)] = new WholeNumberFormatter<sbyte>(),
        [typeof(sbyte?)] = new NullableFormatter<sbyte>(),
        [typeof(byte)] = new WholeNumberFormatter<byte>(),
        [typeof(byte?)] = new NullableFormatter<byte>(),
    };

    private RddScalarResolver()
    {
    }

    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter = (IMessagePackFormatter<T>?)Create(typeof(T));
    }

    private static object? Create(Type type)
    {
        if (s_formatters.TryGetValue(type, out var formatter))
            return formatter;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Option<>))
            return Activator.CreateInstance(typeof(OptionFormatter<>).MakeGenericType(type.GetGenericArguments()));
        if (!type.IsGenericType && !type.IsArray && !type.IsInterface && !type.IsAbstract && TypeSupport.ConcreteCollection(type) is { } collection)
        {
            // MessagePack-CSharp fills generic collection types through Add; a non-generic one (class Tags : List<string>) would
            // otherwise fall to its non-generic IList formatter, which writes the elements untyped.
            var arguments = collection.GetGenericArguments();
            var definition = arguments.Length == 2 ? typeof(GenericDictionaryFormatter<,,>) : typeof(GenericCollectionFormatter<,>);
            return Activator.CreateInstance(definition.MakeGenericType([.. arguments, type]));
        }
        return null;
    }
}

/// <summary>Records, classes and structs: the memberwise array form (the resolver of last resort).</summary>
internal sealed class RddObjectResolver : IFormatterResolver
{
    public static readonly RddObjectResolver Instance = new();

    private RddObjectResolver()
    {
    }

    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter = TypeSupport.IsMemberwise(typeof(T))
            ? new MemberwiseFormatter<T>(MemberwiseLayout.Create(typeof(T)))
            : null;
    }
}

/// <summary>
/// Decides, once per type and over its whole static type tree, whether a type can be serialized, and why not:
/// the rules the engine has always had. Scalars, strings, byte[], object, enums, one-dimensional arrays,
/// Nullable, Option, tuples, KeyValuePair, the generic collections and collection interfaces
/// MessagePack-CSharp knows, concrete collections with a parameterless constructor, and records, classes
/// and structs rebuilt memberwise, when all their parts are serializable. Not: pointers, ref structs, open
/// generics, delegates, native-sized integers, multi-dimensional arrays, interfaces and abstract classes
/// (other than the collection interfaces: <c>object</c> is the one member type that carries its runtime type),
/// and other enumerable types (written memberwise they would silently lose their items).
/// </summary>
internal static class TypeSupport
{
    private static readonly ConcurrentDictionary<Type, string> s_errors = new();

    private static readonly HashSet<Type> s_scalars =
    [
        typeof(bool), typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(ulong), typeof(float), typeof(double), typeof(char), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset),
        typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(Guid), typeof(string), typeof(byte[]), typeof(object),
    ];

    private static readonly HashSet<Type> s_tupleDefinitions =
    [
        typeof(ValueTuple<>), typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>), typeof(ValueTuple<,,,,>),
        typeof(ValueTuple<,,,,,>), typeof(ValueTuple<,,,,,,>), typeof(ValueTuple<,,,,,,,>),
        typeof(Tuple<>), typeof(Tuple<,>), typeof(Tuple<,,>), typeof(Tuple<,,,>), typeof(Tuple<,,,,>), typeof(Tuple<,,,,,>),
        typeof(Tuple<,,,,,,>), typeof(Tuple<,,,,,,,>), typeof(Nullable<>), typeof(Option<>), typeof(KeyValuePair<,>),
    ];

    // Types being checked on this thread: a type that refers back to itself is supported if everything else is.
    [ThreadStatic]
    private static HashSet<Type>? t_checking;

    public static bool IsSupported(Type type) => Error(type) is null;

    /// <exception cref="NotSupportedException">The type cannot be serialized; the message says why.</exception>
    public static void ThrowIfUnsupported(Type type)
    {
        if (Error(type) is { } error) throw new NotSupportedException(error);
    }

    /// <summary>Why the type cannot be serialized, or null when it can.</summary>
    public static string? Error(Type type)
    {
        if (s_errors.TryGetValue(type, out var cached)) return cached.Length == 0 ? null : cached;
        var checking = t_checking ??= [];
        if (!checking.Add(type)) return null;
        string error;
        try
        {
            error = Check(type) ?? "";
        }
        finally
        {
            checking.Remove(type);
        }
        // An error is final; a success is final only for the type a check started from, since a success found
        // below it may rest on that type (still being checked, so taken as supported) turning out supported.
        if (error.Length > 0 || checking.Count == 0) error = s_errors.GetOrAdd(type, error);
        return error.Length == 0 ? null : error;
    }

    /// <summary>Whether <see cref="RddObjectResolver"/> writes the type memberwise.</summary>
    public static bool IsMemberwise(Type type) =>
        !type.IsPrimitive && !type.IsEnum && !type.IsArray && !type.IsInterface && !type.IsAbstract && !s_scalars.Contains(type)
        && !typeof(Delegate).IsAssignableFrom(type) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
        && !(type.IsGenericType && s_tupleDefinitions.Contains(type.GetGenericTypeDefinition()));

    /// <summary>The ICollection&lt;T&gt; or IDictionary&lt;K, V&gt; a concrete type with a parameterless constructor implements, if any.</summary>
    public static Type? ConcreteCollection(Type type)
    {
        if (type.IsValueType || type.GetConstructor(Type.EmptyTypes) is null) return null;
        var interfaces = type.GetInterfaces().Where(i => i.IsGenericType).ToArray();
        return interfaces.FirstOrDefault(i => i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            ?? interfaces.FirstOrDefault(i => i.GetGenericTypeDefinition() == typeof(ICollection<>));
    }

    private static string? Check(Type type)
    {
        if (type.IsPointer || type.IsByRef || type.IsByRefLike || type.ContainsGenericParameters)
            return Unsupported(type, "pointers, by-ref types, ref structs and open generic types cannot be serialized");
        if (type.GetCustomAttribute<MessagePackFormatterAttribute>(inherit: false) is { } declared)
        {
            if (!typeof(IMessagePackFormatter<>).MakeGenericType(type).IsAssignableFrom(declared.FormatterType))
                return Unsupported(type, $"its declared formatter {declared.FormatterType} does not implement IMessagePackFormatter<{type.Name}>");
            return declared.FormatterType.GetConstructor(Type.EmptyTypes) is null
                ? Unsupported(type, $"its declared formatter {declared.FormatterType} has no public parameterless constructor")
                : null;
        }
        if (s_scalars.Contains(type)) return null;
        if (type.IsEnum)
        {
            var underlying = Enum.GetUnderlyingType(type);
            return underlying == typeof(nint) || underlying == typeof(nuint) || underlying == typeof(char) || underlying == typeof(bool)
                ? Unsupported(type, $"enums over {underlying.Name} are not supported")
                : null;
        }
        if (type.IsArray)
        {
            return type.IsSZArray
                ? Member(type, "its elements", type.GetElementType()!)
                : Unsupported(type, "multi-dimensional arrays are not supported; use jagged arrays (T[][])");
        }
        if (typeof(Delegate).IsAssignableFrom(type)) return Unsupported(type, "delegates cannot be serialized");
        if (type == typeof(nint) || type == typeof(nuint)) return Unsupported(type, "native-sized integers are not supported");
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (s_tupleDefinitions.Contains(definition) || DynamicGenericResolverKnows(type))
                return type.GetGenericArguments().Select(a => Member(type, "its type argument", a)).FirstOrDefault(e => e is not null);
        }
        if (type.IsInterface || type.IsAbstract)
            return Unsupported(type, "interfaces and abstract classes cannot be rebuilt; declare a concrete type");
        if (ConcreteCollection(type) is { } collection)
            return collection.GetGenericArguments().Select(a => Member(type, "its elements", a)).FirstOrDefault(e => e is not null);
        if (typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return Unsupported(type,
                "this collection type is not supported; use T[], List<T>, HashSet<T>, Dictionary<K,V> or a type implementing ICollection<T> or IDictionary<K,V>");
        }
        MemberwiseLayout layout;
        try
        {
            layout = MemberwiseLayout.Create(type);
        }
        catch (NotSupportedException e)
        {
            return e.Message;
        }
        foreach (var member in layout.Members)
        {
            if (Error(MemberwiseLayout.MemberType(member)) is { } error)
                return $"Type '{type}' cannot be serialized: member '{member.Name}': {error}";
        }
        return null;
    }

    private static string? Member(Type owner, string what, Type part) =>
        Error(part) is { } error ? $"Type '{owner}' cannot be serialized: {what}: {error}" : null;

    /// <summary>Whether MessagePack-CSharp's generic resolver has a formatter for this closed generic type (a collection).</summary>
    private static bool DynamicGenericResolverKnows(Type type)
    {
        try
        {
            return typeof(IFormatterResolver).GetMethod(nameof(IFormatterResolver.GetFormatter))!.MakeGenericMethod(type)
                .Invoke(DynamicGenericResolver.Instance, null) is not null;
        }
        catch (TargetInvocationException)
        {
            return false;
        }
    }

    private static string Unsupported(Type type, string reason) => $"Type '{type}' cannot be serialized: {reason}.";
}
