using System.Collections.Concurrent;
using System.Reflection;

namespace Rdd.Core.Partitioning;

/// <summary>
/// A hash of keys that is the same in every process and every run, so that partition placement is
/// reproducible: Java's hashCode rules for strings and primitives (a key lands where Spark would put it),
/// element-wise combination for tuples, records and options; other types use their own GetHashCode.
/// The function is built once per type; nothing is reflected per element.
/// </summary>
internal static class StableHash<T>
{
    public static readonly Func<T, int> Function = StableHash.Build<T>();
}

internal static class StableHash
{
    private static readonly ConcurrentDictionary<Type, Func<object, int>> s_boxed = new();

    public static int OfObject(object key) =>
        s_boxed.GetOrAdd(key.GetType(), static t =>
            (Func<object, int>)typeof(StableHash).GetMethod(nameof(BoxedFunction), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(t).Invoke(null, null)!)(key);

    private static Func<object, int> BoxedFunction<T>()
    {
        var f = StableHash<T>.Function;
        return o => f((T)o);
    }

    public static int OfString(string s)
    {
        int h = 0;
        foreach (char c in s) h = unchecked(31 * h + c);
        return h;
    }

    public static int OfLong(long v) => (int)(v ^ (long)((ulong)v >> 32));

    /// <summary>Java's Float.hashCode (floatToIntBits); -0 equals 0 in .NET, so they hash alike.</summary>
    public static int OfFloat(float f)
    {
        if (f == 0) f = 0;
        return float.IsNaN(f) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(f);
    }

    public static int OfDouble(double d)
    {
        if (d == 0) d = 0; // -0.0 equals 0.0 in .NET, so they must hash alike
        long bits = double.IsNaN(d) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(d);
        return OfLong(bits);
    }

    internal static Func<T, int> Build<T>()
    {
        var type = typeof(T);
        object f = type switch
        {
            _ when type == typeof(string) => (Func<string, int>)(s => s is null ? 0 : OfString(s)),
            _ when type == typeof(int) => (Func<int, int>)(v => v),
            _ when type == typeof(long) => (Func<long, int>)OfLong,
            _ when type == typeof(short) => (Func<short, int>)(v => v),
            _ when type == typeof(sbyte) => (Func<sbyte, int>)(v => v),
            _ when type == typeof(byte) => (Func<byte, int>)(v => v),
            _ when type == typeof(ushort) => (Func<ushort, int>)(v => v),
            _ when type == typeof(char) => (Func<char, int>)(v => v),
            _ when type == typeof(uint) => (Func<uint, int>)(v => unchecked((int)v)),
            _ when type == typeof(ulong) => (Func<ulong, int>)(v => OfLong(unchecked((long)v))),
            _ when type == typeof(bool) => (Func<bool, int>)(v => v ? 1231 : 1237),
            _ when type == typeof(double) => (Func<double, int>)OfDouble,
            _ when type == typeof(float) => (Func<float, int>)OfFloat,
            _ when type.IsEnum => BuildVia(nameof(EnumHash), type, Enum.GetUnderlyingType(type)),
            _ when Nullable.GetUnderlyingType(type) is { } inner => BuildVia(nameof(NullableHash), inner),
            _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Option<>) => BuildVia(nameof(OptionHash), type.GetGenericArguments()),
            _ when IsValueTuple(type) => BuildVia($"TupleHash{type.GetGenericArguments().Length}", type.GetGenericArguments()),
            _ when IsRecord(type) || IsAnonymousType(type) => BuildRecord<T>(),
            _ when !type.IsValueType && !type.IsSealed => BuildByRuntimeType<T>(),
            _ => (Func<T, int>)(v => v is null ? 0 : EqualityComparer<T>.Default.GetHashCode(v)),
        };
        return (Func<T, int>)f;
    }

    private static bool IsValueTuple(Type type) =>
        type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && type.GetGenericArguments().Length <= 7;

    /// <summary>Anonymous types, like records, have compiler-generated equality over their properties (and a per-process string hash).</summary>
    private static bool IsAnonymousType(Type type) =>
        type.IsClass && type.IsSealed && type.Name.Contains("AnonymousType", StringComparison.Ordinal)
        && Attribute.IsDefined(type, typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute));

    /// <summary>
    /// A key declared as object, an interface or a base class is hashed by the rules of its runtime type, as
    /// HashPartitioner.GetPartition does, so that a string typed as object still gets Java's string hash.
    /// </summary>
    private static Func<T, int> BuildByRuntimeType<T>() =>
        v => v is null ? 0 : v.GetType() == typeof(T) ? EqualityComparer<T>.Default.GetHashCode(v) : OfObject(v);

    /// <summary>Records get compiler-generated equality over their members; hash their public properties to match it.</summary>
    private static bool IsRecord(Type type) =>
        type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    private static object BuildVia(string name, params Type[] args) =>
        typeof(StableHash).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(args).Invoke(null, null)!;

    private static Func<T, int> BuildRecord<T>()
    {
        var getters = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)
            .Select(p => (Func<T, int>)typeof(StableHash).GetMethod(nameof(PropertyHash), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(typeof(T), p.PropertyType).Invoke(null, [p])!)
            .ToArray();
        return v =>
        {
            if (v is null) return 0;
            int h = 17;
            foreach (var g in getters) h = unchecked(31 * h + g(v));
            return h;
        };
    }

    private static Func<TOwner, int> PropertyHash<TOwner, TProp>(PropertyInfo property)
    {
        var getter = property.GetGetMethod()!;
        var hash = StableHash<TProp>.Function;
        if (typeof(TOwner).IsValueType) return owner => hash((TProp)getter.Invoke(owner, null)!);
        var typed = (Func<TOwner, TProp>)Delegate.CreateDelegate(typeof(Func<TOwner, TProp>), getter);
        return owner => hash(typed(owner));
    }

    private static Func<TEnum, int> EnumHash<TEnum, TUnderlying>()
        where TEnum : struct, Enum
    {
        var hash = StableHash<TUnderlying>.Function;
        return v => hash(System.Runtime.CompilerServices.Unsafe.As<TEnum, TUnderlying>(ref v));
    }

    private static Func<TValue?, int> NullableHash<TValue>()
        where TValue : struct
    {
        var hash = StableHash<TValue>.Function;
        return v => v.HasValue ? hash(v.Value) : 0;
    }

    private static Func<Option<TValue>, int> OptionHash<TValue>()
    {
        var hash = StableHash<TValue>.Function;
        return v => v.HasValue ? unchecked(31 + hash(v.Value)) : 0;
    }

    private static int Mix(int h, int next) => unchecked(31 * h + next);

    private static Func<ValueTuple<T1>, int> TupleHash1<T1>()
    {
        var h1 = StableHash<T1>.Function;
        return t => Mix(17, h1(t.Item1));
    }

    private static Func<(T1, T2), int> TupleHash2<T1, T2>()
    {
        var (h1, h2) = (StableHash<T1>.Function, StableHash<T2>.Function);
        return t => Mix(Mix(17, h1(t.Item1)), h2(t.Item2));
    }

    private static Func<(T1, T2, T3), int> TupleHash3<T1, T2, T3>()
    {
        var (h1, h2, h3) = (StableHash<T1>.Function, StableHash<T2>.Function, StableHash<T3>.Function);
        return t => Mix(Mix(Mix(17, h1(t.Item1)), h2(t.Item2)), h3(t.Item3));
    }

    private static Func<(T1, T2, T3, T4), int> TupleHash4<T1, T2, T3, T4>()
    {
        var (h1, h2, h3, h4) = (StableHash<T1>.Function, StableHash<T2>.Function, StableHash<T3>.Function, StableHash<T4>.Function);
        return t => Mix(Mix(Mix(Mix(17, h1(t.Item1)), h2(t.Item2)), h3(t.Item3)), h4(t.Item4));
    }

    private static Func<(T1, T2, T3, T4, T5), int> TupleHash5<T1, T2, T3, T4, T5>()
    {
        var h4 = TupleHash4<T1, T2, T3, T4>();
        var h5 = StableHash<T5>.Function;
        return t => Mix(h4((t.Item1, t.Item2, t.Item3, t.Item4)), h5(t.Item5));
    }

    private static Func<(T1, T2, T3, T4, T5, T6), int> TupleHash6<T1, T2, T3, T4, T5, T6>()
    {
        var h5 = TupleHash5<T1, T2, T3, T4, T5>();
        var h6 = StableHash<T6>.Function;
        return t => Mix(h5((t.Item1, t.Item2, t.Item3, t.Item4, t.Item5)), h6(t.Item6));
    }

    private static Func<(T1, T2, T3, T4, T5, T6, T7), int> TupleHash7<T1, T2, T3, T4, T5, T6, T7>()
    {
        var h6 = TupleHash6<T1, T2, T3, T4, T5, T6>();
        var h7 = StableHash<T7>.Function;
        return t => Mix(h6((t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6)), h7(t.Item7));
    }
}
