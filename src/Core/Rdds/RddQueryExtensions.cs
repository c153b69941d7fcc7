namespace Rdd.Core;

/// <summary>
/// LINQ query syntax over Rdds: <c>from x in rdd where … select …</c> compiles to Filter and Map, and a
/// second <c>from</c> to FlatMap, so queries stay lazy and run as fused Rdd operators.
/// </summary>
public static class RddQueryExtensions
{
    /// <summary>LINQ's Select: <see cref="Rdd{T}.Map{U}"/>.</summary>
    public static Rdd<U> Select<T, U>(this Rdd<T> rdd, Func<T, U> selector) => rdd.Map(selector);

    /// <summary>LINQ's Where: <see cref="Rdd{T}.Filter"/>.</summary>
    public static Rdd<T> Where<T>(this Rdd<T> rdd, Func<T, bool> predicate) => rdd.Filter(predicate);

    /// <summary>LINQ's SelectMany: <see cref="Rdd{T}.FlatMap{U}"/>.</summary>
    public static Rdd<U> SelectMany<T, U>(this Rdd<T> rdd, Func<T, IEnumerable<U>> selector) => rdd.FlatMap(selector);

    /// <summary>LINQ's SelectMany with a result selector, for <c>from a in x from b in f(a) select g(a, b)</c>.</summary>
    public static Rdd<R> SelectMany<T, C, R>(this Rdd<T> rdd, Func<T, IEnumerable<C>> collectionSelector, Func<T, C, R> resultSelector)
    {
        ArgumentNullException.ThrowIfNull(collectionSelector);
        ArgumentNullException.ThrowIfNull(resultSelector);
        return rdd.FlatMap(x => collectionSelector(x).Select(c => resultSelector(x, c)));
    }
}
