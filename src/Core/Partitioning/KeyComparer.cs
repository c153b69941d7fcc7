using System.Reflection;

namespace Rdd.Core.Partitioning;

/// <summary>
/// The ordering used by sorts, TakeOrdered, Top and range partitioning: strings ordinally (as Spark does,
/// never by culture), tuples element by element with these same rules, options None first, everything
/// else by <see cref="Comparer{T}.Default"/>. Built once per type.
/// </summary>
internal static class KeyComparer<T>
{
    public static readonly IComparer<T> Default = KeyComparer.Build<T>();
}

internal static class KeyComparer
{
    internal static IComparer<T> Build<T>()
    {
        var type = typeof(T);
        if (type == typeof(string)) return (IComparer<T>)(object)StringComparer.Ordinal;
        if (type.IsGenericType)
        {
            var def = type.GetGenericTypeDefinition();
            var args = type.GetGenericArguments();
            string? name = def == typeof(Option<>) ? nameof(OptionComparer)
                : def == typeof(Nullable<>) ? nameof(NullableComparer)
                : type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && args.Length <= 7 ? $"TupleComparer{args.Length}"
                : null;
            if (name is not null)
            {
                var comparison = typeof(KeyComparer).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(args).Invoke(null, null)!;
                return Comparer<T>.Create((Comparison<T>)comparison);
            }
        }
        return Comparer<T>.Default;
    }

    private static Comparison<Option<T1>> OptionComparer<T1>()
    {
        var c = KeyComparer<T1>.Default;
        return (a, b) => a.HasValue ? (b.HasValue ? c.Compare(a.Value, b.Value) : 1) : (b.HasValue ? -1 : 0);
    }

    private static Comparison<T1?> NullableComparer<T1>()
        where T1 : struct
    {
        var c = KeyComparer<T1>.Default;
        return (a, b) => a.HasValue ? (b.HasValue ? c.Compare(a.Value, b.Value) : 1) : (b.HasValue ? -1 : 0);
    }

    private static Comparison<ValueTuple<T1>> TupleComparer1<T1>()
    {
        var c1 = KeyComparer<T1>.Default;
        return (a, b) => c1.Compare(a.Item1, b.Item1);
    }

    private static Comparison<(T1, T2)> TupleComparer2<T1, T2>()
    {
        var (c1, c2) = (KeyComparer<T1>.Default, KeyComparer<T2>.Default);
        return (a, b) =>
        {
            int r = c1.Compare(a.Item1, b.Item1);
            return r != 0 ? r : c2.Compare(a.Item2, b.Item2);
        };
    }

    private static Comparison<(T1, T2, T3)> TupleComparer3<T1, T2, T3>()
    {
        var (c1, c2, c3) = (KeyComparer<T1>.Default, KeyComparer<T2>.Default, KeyComparer<T3>.Default);
        return (a, b) =>
        {
            int r = c1.Compare(a.Item1, b.Item1);
            if (r != 0) return r;
            r = c2.Compare(a.Item2, b.Item2);
            return r != 0 ? r : c3.Compare(a.Item3, b.Item3);
        };
    }

    private static Comparison<(T1, T2, T3, T4)> TupleComparer4<T1, T2, T3, T4>()
    {
        var head = TupleComparer3<T1, T2, T3>();
        var c4 = KeyComparer<T4>.Default;
        return (a, b) =>
        {
            int r = head((a.Item1, a.Item2, a.Item3), (b.Item1, b.Item2, b.Item3));
            return r != 0 ? r : c4.Compare(a.Item4, b.Item4);
        };
    }

    private static Comparison<(T1, T2, T3, T4, T5)> TupleComparer5<T1, T2, T3, T4, T5>()
    {
        var head = TupleComparer4<T1, T2, T3, T4>();
        var c5 = KeyComparer<T5>.Default;
        return (a, b) =>
        {
            int r = head((a.Item1, a.Item2, a.Item3, a.Item4), (b.Item1, b.Item2, b.Item3, b.Item4));
            return r != 0 ? r : c5.Compare(a.Item5, b.Item5);
        };
    }

    private static Comparison<(T1, T2, T3, T4, T5, T6)> TupleComparer6<T1, T2, T3, T4, T5, T6>()
    {
        var head = TupleComparer5<T1, T2, T3, T4, T5>();
        var c6 = KeyComparer<T6>.Default;
        return (a, b) =>
        {
            int r = head((a.Item1, a.Item2, a.Item3, a.Item4, a.Item5), (b.Item1, b.Item2, b.Item3, b.Item4, b.Item5));
            return r != 0 ? r : c6.Compare(a.Item6, b.Item6);
        };
    }

    private static Comparison<(T1, T2, T3, T4, T5, T6, T7)> TupleComparer7<T1, T2, T3, T4, T5, T6, T7>()
    {
        var head = TupleComparer6<T1, T2, T3, T4, T5, T6>();
        var c7 = KeyComparer<T7>.Default;
        return (a, b) =>
        {
            int r = head((a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6), (b.Item1, b.Item2, b.Item3, b.Item4, b.Item5, b.Item6));
            return r != 0 ? r : c7.Compare(a.Item7, b.Item7);
        };
    }
}
