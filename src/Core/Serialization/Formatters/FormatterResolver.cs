using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Rdd.Core.Serialization;

/// <summary>
/// Chooses and builds the formatter of a type, once: formatters are cached (failures too, as the message
/// of the <see cref="NotSupportedException"/>) and built from their element formatters, so a type's whole
/// tree is resolved before its first value is written.
/// </summary>
internal static class FormatterResolver
{
    private static readonly ConcurrentDictionary<Type, object> s_formatters = new();

    // The codec of each scalar type; their arrays and lists get the loop-without-virtual-calls formatters.
    private static readonly Dictionary<Type, Type> s_scalarCodecs = new()
    {
        [typeof(bool)] = typeof(BooleanCodec),
        [typeof(sbyte)] = typeof(SByteCodec),
        [typeof(byte)] = typeof(ByteCodec),
        [typeof(short)] = typeof(Int16Codec),
        [typeof(ushort)] = typeof(UInt16Codec),
        [typeof(int)] = typeof(Int32Codec),
        [typeof(uint)] = typeof(UInt32Codec),
        [typeof(long)] = typeof(Int64Codec),
        [typeof(ulong)] = typeof(UInt64Codec),
        [typeof(float)] = typeof(SingleCodec),
        [typeof(double)] = typeof(DoubleCodec),
        [typeof(char)] = typeof(CharCodec),
        [typeof(decimal)] = typeof(DecimalCodec),
        [typeof(DateTime)] = typeof(DateTimeCodec),
        [typeof(DateTimeOffset)] = typeof(DateTimeOffsetCodec),
        [typeof(DateOnly)] = typeof(DateOnlyCodec),
        [typeof(TimeOnly)] = typeof(TimeOnlyCodec),
        [typeof(TimeSpan)] = typeof(TimeSpanCodec),
        [typeof(Guid)] = typeof(GuidCodec),
    };

    // Types under construction on this thread: a recursive reference gets a LazyFormatter.
    [ThreadStatic]
    private static HashSet<Type>? t_building;

    public static IMessagePackFormatter<T> Get<T>() => (IMessagePackFormatter<T>)Get(typeof(T));

    /// <summary>The formatter of <paramref name="type"/> (an IMessagePackFormatter of it).</summary>
    /// <exception cref="NotSupportedException">No formatter can be built for the type.</exception>
    public static object Get(Type type)
    {
        if (!s_formatters.TryGetValue(type, out var formatter))
        {
            var building = t_building ??= [];
            if (!building.Add(type))
            {
                return Activator.CreateInstance(typeof(LazyFormatter<>).MakeGenericType(type))!;
            }
            try
            {
                formatter = Create(type);
            }
            catch (NotSupportedException e)
            {
                formatter = e.Message;
            }
            finally
            {
                building.Remove(type);
            }
            formatter = s_formatters.GetOrAdd(type, formatter);
        }
        return formatter as string is { } error ? throw new NotSupportedException(error) : formatter;
    }

    public static bool IsSupported(Type type)
    {
        try
        {
            Get(type);
            return true;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    public static bool IsScalar(Type type) => s_scalarCodecs.ContainsKey(type);

    private static object Create(Type type)
    {
        if (type.IsPointer || type.IsByRef || type.IsByRefLike || type.ContainsGenericParameters)
        {
            throw Unsupported(type, "pointers, by-ref types, ref structs and open generic types cannot be serialized");
        }
        if (type.GetCustomAttribute<MessagePackFormatterAttribute>(inherit: false) is { } declared)
        {
            return CreateDeclared(type, declared.FormatterType);
        }
        if (s_scalarCodecs.TryGetValue(type, out var codec))
        {
            return Instantiate(typeof(ScalarFormatter<,>), type, codec);
        }
        if (type == typeof(string))
        {
            return new StringFormatter();
        }
        if (type == typeof(byte[]))
        {
            return new BinaryFormatter();
        }
        if (type == typeof(object))
        {
            return new UntypedFormatter();
        }
        if (type.IsEnum)
        {
            var underlying = Enum.GetUnderlyingType(type);
            if (!s_scalarCodecs.TryGetValue(underlying, out var underlyingCodec))
            {
                throw Unsupported(type, $"enums over {underlying.Name} are not supported");
            }
            return Instantiate(typeof(EnumFormatter<,,>), type, underlying, underlyingCodec);
        }
        if (type.IsArray)
        {
            if (!type.IsSZArray)
            {
                throw Unsupported(type, "multi-dimensional arrays are not supported; use jagged arrays (T[][])");
            }
            var element = type.GetElementType()!;
            return s_scalarCodecs.TryGetValue(element, out var elementCodec)
                ? Instantiate(typeof(ScalarArrayFormatter<,>), element, elementCodec)
                : Instantiate(typeof(ArrayFormatter<>), element);
        }
        if (type.IsGenericType && CreateGeneric(type) is { } generic)
        {
            return generic;
        }
        if (typeof(Delegate).IsAssignableFrom(type))
        {
            throw Unsupported(type, "delegates cannot be serialized");
        }
        if (type == typeof(IntPtr) || type == typeof(UIntPtr))
        {
            throw Unsupported(type, "native-sized integers are not supported");
        }
        if (type.IsInterface || type.IsAbstract)
        {
            throw Unsupported(type, "interfaces and abstract classes cannot be rebuilt; declare a concrete type");
        }
        if (CreateConcreteCollection(type) is { } collection)
        {
            return collection;
        }
        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            // Serializing a collection by its properties would silently drop its items.
            throw Unsupported(type,
                "this collection type is not supported; use T[], List<T>, HashSet<T>, Dictionary<K,V> or a type implementing ICollection<T> or IDictionary<K,V>");
        }
        return Instantiate(typeof(MemberwiseFormatter<>), [type], MemberwiseLayout.Create(type));
    }

    /// <summary>The formatter a type names with <see cref="MessagePackFormatterAttribute"/>.</summary>
    private static object CreateDeclared(Type type, Type formatterType)
    {
        if (!typeof(IMessagePackFormatter<>).MakeGenericType(type).IsAssignableFrom(formatterType))
        {
            throw Unsupported(type, $"its declared formatter {formatterType} does not implement IMessagePackFormatter<{type.Name}>");
        }
        if (formatterType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw Unsupported(type, $"its declared formatter {formatterType} has no public parameterless constructor");
        }
        return Activator.CreateInstance(formatterType)!;
    }

    private static object? CreateGeneric(Type type)
    {
        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (definition == typeof(Nullable<>))
        {
            return Instantiate(typeof(NullableFormatter<>), arguments);
        }
        if (definition == typeof(Option<>))
        {
            return Instantiate(typeof(OptionFormatter<>), arguments);
        }
        if (definition == typeof(KeyValuePair<,>))
        {
            return Instantiate(typeof(KeyValuePairFormatter<,>), arguments);
        }
        if (ValueTupleFormatterDefinition(definition) is { } tupleFormatter)
        {
            return Instantiate(tupleFormatter, arguments);
        }
        if (definition == typeof(List<>))
        {
            return s_scalarCodecs.TryGetValue(arguments[0], out var codec)
                ? Instantiate(typeof(ScalarListFormatter<,>), arguments[0], codec)
                : Instantiate(typeof(ListFormatter<>), arguments);
        }
        if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
        {
            var create = typeof(FormatterResolver).GetMethod(nameof(NewDictionary), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(arguments).Invoke(null, null)!;
            return Instantiate(typeof(MapFormatter<,,>), [type, arguments[0], arguments[1]], create);
        }
        if (definition == typeof(HashSet<>) || definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
        {
            return CollectionOf(type, arguments[0], nameof(NewHashSet));
        }
        if (definition == typeof(IList<>) || definition == typeof(ICollection<>))
        {
            return CollectionOf(type, arguments[0], nameof(NewList));
        }
        if (definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>))
        {
            return Instantiate(typeof(CollectionFormatter<,>), [type, arguments[0]], [null]);
        }
        return null;
    }

    /// <summary>Concrete dictionaries and collections other than the built-in ones, filled through Add.</summary>
    private static object? CreateConcreteCollection(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            return null;
        }
        var interfaces = type.GetInterfaces().Where(i => i.IsGenericType).ToArray();
        var dictionary = interfaces.FirstOrDefault(i => i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            var arguments = dictionary.GetGenericArguments();
            var create = CompileFactory(type, dictionary);
            return Instantiate(typeof(MapFormatter<,,>), [type, arguments[0], arguments[1]], create);
        }
        var collection = interfaces.FirstOrDefault(i => i.GetGenericTypeDefinition() == typeof(ICollection<>));
        if (collection is not null)
        {
            return Instantiate(typeof(CollectionFormatter<,>), [type, collection.GetGenericArguments()[0]], CompileFactory(type, collection));
        }
        return null;
    }

    private static object CollectionOf(Type type, Type element, string factoryName)
    {
        var create = typeof(FormatterResolver).GetMethod(factoryName, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(element).Invoke(null, null)!;
        return Instantiate(typeof(CollectionFormatter<,>), [type, element], create);
    }

    /// <summary>A compiled <c>capacity => new TCollection()</c> typed as Func&lt;int, TInterface&gt;.</summary>
    private static Delegate CompileFactory(Type type, Type asInterface)
    {
        var capacity = Expression.Parameter(typeof(int), "capacity");
        var body = Expression.Convert(Expression.New(type), asInterface);
        return Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(int), asInterface), body, capacity).Compile();
    }

    private static Func<int, IDictionary<TKey, TValue>> NewDictionary<TKey, TValue>()
        where TKey : notnull => static capacity => new Dictionary<TKey, TValue>(capacity);

    private static Func<int, ICollection<T>> NewHashSet<T>() => static capacity => new HashSet<T>(capacity);

    private static Func<int, ICollection<T>> NewList<T>() => static capacity => new List<T>(capacity);

    private static Type? ValueTupleFormatterDefinition(Type definition) => definition switch
    {
        _ when definition == typeof(ValueTuple<>) => typeof(ValueTupleFormatter<>),
        _ when definition == typeof(ValueTuple<,>) => typeof(ValueTupleFormatter<,>),
        _ when definition == typeof(ValueTuple<,,>) => typeof(ValueTupleFormatter<,,>),
        _ when definition == typeof(ValueTuple<,,,>) => typeof(ValueTupleFormatter<,,,>),
        _ when definition == typeof(ValueTuple<,,,,>) => typeof(ValueTupleFormatter<,,,,>),
        _ when definition == typeof(ValueTuple<,,,,,>) => typeof(ValueTupleFormatter<,,,,,>),
        _ when definition == typeof(ValueTuple<,,,,,,>) => typeof(ValueTupleFormatter<,,,,,,>),
        _ => null,
    };

    private static object Instantiate(Type definition, params Type[] arguments) => Instantiate(definition, arguments, []);

    private static object Instantiate(Type definition, Type[] arguments, params object?[] constructorArguments)
    {
        try
        {
            return Activator.CreateInstance(definition.MakeGenericType(arguments), constructorArguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is NotSupportedException inner)
        {
            // A formatter's constructor resolves its element formatters: surface their failure as is.
            throw new NotSupportedException(inner.Message, inner);
        }
        catch (ArgumentException e)
        {
            // MakeGenericType rejects arguments that violate a constraint (a pointer, a ref struct ...).
            throw new NotSupportedException($"Type '{arguments[0]}' cannot be serialized: {e.Message}", e);
        }
    }

    private static NotSupportedException Unsupported(Type type, string reason) =>
        new($"Type '{type}' cannot be serialized: {reason}.");
}
