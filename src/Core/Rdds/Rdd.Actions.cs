using Rdd.Core.Execution;
using Rdd.Core.Partitioning;
using Rdd.Core.Rdds;
using Rdd.Core.Scheduling;

namespace Rdd.Core;

public abstract partial class Rdd<T>
{
    /// <summary>All elements, in partition order. Materializes the whole Rdd on the driver.</summary>
    public T[] Collect()
    {
        var parts = CollectPartitions(null);
        return Concat(parts);
    }

    /// <summary>The number of elements.</summary>
    public long Count()
    {
        var counts = RunJob(static (rdd, ctx, split) =>
        {
            var sink = new CountSink<T>();
            rdd.PushPartition(split, ctx, ref sink);
            return sink.Count;
        }, nameof(Count));
        long total = 0;
        foreach (var c in counts) total += c;
        return total;
    }

    /// <summary>The first element; throws <see cref="InvalidOperationException"/> when the Rdd is empty.</summary>
    public T First()
    {
        var taken = Take(1);
        return taken.Length > 0 ? taken[0] : throw new InvalidOperationException("First() on an empty Rdd: the sequence contains no elements.");
    }

    /// <summary>
    /// The first <paramref name="num"/> elements. Scans one partition, then estimates from what it found how
    /// many more partitions to try (Spark's rule), so a small Take over a large Rdd computes little.
    /// </summary>
    public T[] Take(int num)
    {
        if (num < 0) throw new ArgumentException($"Take count ({num}) must not be negative.", nameof(num));
        var buffer = new List<T>(Math.Min(num, 1024));
        int total = NumPartitions;
        int scanned = 0;
        while (buffer.Count < num && scanned < total)
        {
            int tryCount = 1;
            if (scanned > 0)
            {
                tryCount = buffer.Count == 0
                    ? scanned * 4
                    : Math.Min(Math.Max((int)(1.5 * num * scanned / buffer.Count) - scanned, 1), scanned * 4);
            }
            int left = num - buffer.Count;
            var partitions = Enumerable.Range(scanned, Math.Min(tryCount, total - scanned)).ToArray();
            var results = Context.Scheduler.RunJob(this, (ctx, split) =>
            {
                var sink = new LimitSink<T>(new List<T>(), left);
                PushPartition(split, ctx, ref sink);
                return sink.List;
            }, partitions, nameof(Take));
            foreach (var part in results)
                foreach (var item in part)
                    if (buffer.Count < num) buffer.Add(item);
            scanned += partitions.Length;
        }
        return buffer.ToArray();
    }

    /// <summary>The <paramref name="num"/> smallest elements, in ascending order.</summary>
    public T[] TakeOrdered(int num) => TakeOrdered(num, KeyComparer<T>.Default, nameof(TakeOrdered));

    /// <summary>The <paramref name="num"/> elements with the smallest keys, in ascending key order.</summary>
    public T[] TakeOrdered<TKey>(int num, Func<T, TKey> keySelector)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        var keys = KeyComparer<TKey>.Default;
        return TakeOrdered(num, Comparer<T>.Create((a, b) => keys.Compare(keySelector(a), keySelector(b))), nameof(TakeOrdered));
    }

    /// <summary>The <paramref name="num"/> largest elements, in descending order.</summary>
    public T[] Top(int num)
    {
        var ascending = KeyComparer<T>.Default;
        return TakeOrdered(num, Comparer<T>.Create((a, b) => ascending.Compare(b, a)), nameof(Top));
    }

    /// <summary>The <paramref name="num"/> elements with the largest keys, in descending key order.</summary>
    public T[] Top<TKey>(int num, Func<T, TKey> keySelector)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        var keys = KeyComparer<TKey>.Default;
        return TakeOrdered(num, Comparer<T>.Create((a, b) => keys.Compare(keySelector(b), keySelector(a))), nameof(Top));
    }

    private T[] TakeOrdered(int num, IComparer<T> comparer, string action)
    {
        if (num < 0) throw new ArgumentException($"Count ({num}) must not be negative.", nameof(num));
        if (num == 0) return [];
        // Each task keeps its num best in a bounded heap; the driver merges at most num × partitions elements.
        var perPartition = RunJob((rdd, ctx, split) => BestOf(rdd.Iterator(split, ctx), num, comparer), action);
        return BestOf(perPartition.SelectMany(p => p), num, comparer);
    }

    private static T[] BestOf(IEnumerable<T> items, int num, IComparer<T> comparer)
    {
        // A max-heap of the best num so far: its root is the worst of them, replaced when a better one arrives.
        var heap = new PriorityQueue<T, T>(Comparer<T>.Create((a, b) => comparer.Compare(b, a)));
        foreach (var item in items)
        {
            if (heap.Count < num) heap.Enqueue(item, item);
            else if (comparer.Compare(item, heap.Peek()) < 0) heap.EnqueueDequeue(item, item);
        }
        var result = new T[heap.Count];
        for (int i = result.Length - 1; i >= 0; i--) result[i] = heap.Dequeue();
        return result;
    }

    /// <summary>
    /// <paramref name="num"/> elements chosen at random (Spark's takeSample: oversample with a safety margin,
    /// resample in the rare case of too few, then shuffle and cut). Reproducible for a given seed.
    /// </summary>
    public T[] TakeSample(bool withReplacement, int num, int? seed = null)
    {
        if (num < 0) throw new ArgumentException($"Sample size ({num}) must not be negative.", nameof(num));
        if (num == 0) return [];
        long fixedSeed = seed ?? Random.Shared.Next();
        long count = Count();
        if (count == 0) return [];
        var random = new SplitMix64(fixedSeed);
        if (!withReplacement && num >= count) return Shuffled(Collect(), ref random);
        double fraction = SampleFraction(num, count, withReplacement);
        T[] sample;
        int attempt = 0;
        do
        {
            sample = new SampledRdd<T>(this, withReplacement, fraction, unchecked(fixedSeed + attempt++)).Collect();
        }
        while (sample.Length < num);
        var shuffled = Shuffled(sample, ref random);
        return shuffled[..num];
    }

    /// <summary>Spark's SamplingUtils.computeFractionForSampleSize: a fraction that yields at least <paramref name="num"/> with probability 0.9999.</summary>
    private static double SampleFraction(int num, long total, bool withReplacement)
    {
        if (withReplacement)
            return Math.Max(num + (num < 12 ? 9 : 5) * Math.Sqrt(num), 1e-10) / total;
        const double delta = 1e-4;
        double fraction = (double)num / total;
        double gamma = -Math.Log(delta) / total;
        return Math.Min(1, Math.Max(1e-10, fraction + gamma + Math.Sqrt(gamma * gamma + 2 * gamma * fraction)));
    }

    private static T[] Shuffled(T[] items, ref SplitMix64 random)
    {
        var copy = (T[])items.Clone();
        for (int i = copy.Length - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy;
    }

    /// <summary>Merges all elements with <paramref name="f"/>; throws <see cref="InvalidOperationException"/> on an empty Rdd.</summary>
    public T Reduce(Func<T, T, T> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var partials = RunJob((rdd, ctx, split) =>
        {
            var sink = new ReduceSink<T>(f);
            rdd.PushPartition(split, ctx, ref sink);
            return (sink.Any, sink.Value);
        }, nameof(Reduce));
        var total = new ReduceSink<T>(f);
        foreach (var (any, value) in partials)
            if (any) total.Accept(value);
        return total.Any ? total.Value : throw new InvalidOperationException("Reduce on an empty Rdd: the sequence contains no elements.");
    }

    /// <summary>Folds each partition from a copy of <paramref name="zero"/>, then folds the partition results from another copy.</summary>
    public T Fold(T zero, Func<T, T, T> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Aggregate(zero, f, f);
    }

    /// <summary>Aggregates each partition with <paramref name="seqOp"/> from a copy of <paramref name="zero"/>, then merges the results with <paramref name="combOp"/>.</summary>
    public TAcc Aggregate<TAcc>(TAcc zero, Func<TAcc, T, TAcc> seqOp, Func<TAcc, TAcc, TAcc> combOp)
    {
        ArgumentNullException.ThrowIfNull(seqOp);
        ArgumentNullException.ThrowIfNull(combOp);
        var copyZero = ZeroValue.Copier(zero);
        var partials = RunJob((rdd, ctx, split) =>
        {
            var sink = new FoldSink<T, TAcc>(copyZero(), seqOp);
            rdd.PushPartition(split, ctx, ref sink);
            return sink.Value;
        }, nameof(Aggregate));
        var result = copyZero();
        foreach (var partial in partials) result = combOp(result, partial);
        return result;
    }

    /// <summary>Runs <paramref name="f"/> on every element, in the tasks.</summary>
    public void Foreach(Action<T> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        RunJob((rdd, ctx, split) =>
        {
            var sink = new ActionSink<T>(f);
            rdd.PushPartition(split, ctx, ref sink);
            return true;
        }, nameof(Foreach));
    }

    /// <summary>Runs <paramref name="f"/> on every partition, in the tasks.</summary>
    public void ForeachPartition(Action<IEnumerable<T>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        RunJob((rdd, ctx, split) =>
        {
            f(rdd.Iterator(split, ctx));
            return true;
        }, nameof(ForeachPartition));
    }

    /// <summary>How many times each distinct element occurs (null elements are not supported).</summary>
    public IReadOnlyDictionary<T, long> CountByValue()
    {
#pragma warning disable CS8714 // Null elements are rejected below, as Spark's countByValue map cannot hold them either.
        var result = new Dictionary<T, long>();
        foreach (var (value, count) in Map(static x => (x, 1L)).ReduceByKey(static (a, b) => a + b).Collect())
        {
            if (value is null) throw new InvalidOperationException("CountByValue does not support null elements.");
            result[value] = count;
        }
        return result;
#pragma warning restore CS8714
    }

    /// <summary>The elements, computing one partition at a time: the driver holds at most one partition.</summary>
    public IEnumerable<T> ToLocalIterator()
    {
        int partitions = NumPartitions;
        for (int p = 0; p < partitions; p++)
            foreach (var item in CollectPartitions([p])[0])
                yield return item;
    }

    internal List<T>[] CollectPartitions(IReadOnlyList<int>? partitions) =>
        Context.Scheduler.RunJob(this, (ctx, split) => ComputeToList(split, ctx), partitions, nameof(Collect));

    private TResult[] RunJob<TResult>(Func<Rdd<T>, TaskContext, Partition, TResult> func, string action) =>
        Context.Scheduler.RunJob(this, (ctx, split) => func(this, ctx, split), null, action);

    private static T[] Concat(List<T>[] parts)
    {
        int total = 0;
        foreach (var p in parts) total += p.Count;
        var result = new T[total];
        int offset = 0;
        foreach (var p in parts)
        {
            p.CopyTo(result, offset);
            offset += p.Count;
        }
        return result;
    }
}
