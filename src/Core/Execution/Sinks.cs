using System.Runtime.CompilerServices;

namespace Rdd.Core.Execution;

// The sinks that fused narrow operators (Map, Filter, FlatMap) insert into a pipeline.

internal struct MapSink<TIn, TOut, TNext>(Func<TIn, TOut> map, TNext next) : IElementSink<TIn>
    where TNext : struct, IElementSink<TOut>
{
    public TNext Next = next;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accept(TIn item) => Next.Accept(map(item));
}

internal struct FilterSink<T, TNext>(Func<T, bool> predicate, TNext next) : IElementSink<T>
    where TNext : struct, IElementSink<T>
{
    public TNext Next = next;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accept(T item) => !predicate(item) || Next.Accept(item);
}

internal struct FlatMapSink<TIn, TOut, TNext>(Func<TIn, IEnumerable<TOut>> map, TNext next) : IElementSink<TIn>
    where TNext : struct, IElementSink<TOut>
{
    public TNext Next = next;

    public bool Accept(TIn item)
    {
        var produced = map(item);
        // Arrays and lists (what Split and most lambdas return) are walked without an enumerator object.
        if (produced is TOut[] array)
        {
            foreach (var x in array)
                if (!Next.Accept(x)) return false;
            return true;
        }
        if (produced is List<TOut> list)
        {
            foreach (var x in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list))
                if (!Next.Accept(x)) return false;
            return true;
        }
        foreach (var x in produced)
            if (!Next.Accept(x)) return false;
        return true;
    }
}

// Terminal sinks used by actions and tasks.

internal struct CountSink<T> : IElementSink<T>
{
    public long Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accept(T item)
    {
        Count++;
        return true;
    }
}

internal struct ListSink<T>(List<T> list) : IElementSink<T>
{
    public readonly List<T> List = list;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accept(T item)
    {
        List.Add(item);
        return true;
    }
}

/// <summary>Collects at most <c>limit</c> elements, then stops the producer.</summary>
internal struct LimitSink<T>(List<T> list, int limit) : IElementSink<T>
{
    public readonly List<T> List = list;

    public bool Accept(T item)
    {
        if (List.Count >= limit) return false;
        List.Add(item);
        return List.Count < limit;
    }
}

internal struct ActionSink<T>(Action<T> action) : IElementSink<T>
{
    public bool Accept(T item)
    {
        action(item);
        return true;
    }
}

/// <summary>Folds elements into an accumulator: Reduce, Fold, Aggregate.</summary>
internal struct FoldSink<T, TAcc>(TAcc seed, Func<TAcc, T, TAcc> fold) : IElementSink<T>
{
    public TAcc Value = seed;
    public bool Any;

    public bool Accept(T item)
    {
        Value = fold(Value, item);
        Any = true;
        return true;
    }
}

internal struct ReduceSink<T>(Func<T, T, T> reduce) : IElementSink<T>
{
    public T Value = default!;
    public bool Any;

    public bool Accept(T item)
    {
        if (Any) Value = reduce(Value, item);
        else
        {
            Value = item;
            Any = true;
        }
        return true;
    }
}
