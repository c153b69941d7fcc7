namespace Rdd.Core.Collections;

/// <summary>
/// The k-way merge of sorted runs behind <see cref="ExternalSorter{TKey, TValue}"/>: a heap ordered by
/// (key, run index), so equal keys come out of earlier runs first and, within a run, in the run's own
/// order. With runs in insertion order, each sorted stably, the merge is stable.
/// </summary>
internal static class StableMerge
{
    /// <summary>Merges <paramref name="runs"/>, each sorted by <paramref name="comparer"/> (reversed when <paramref name="descending"/>); disposes them when the result is.</summary>
    public static IEnumerable<(TKey, TValue)> Merge<TKey, TValue>(
        IReadOnlyList<IEnumerator<(TKey, TValue)>> runs, IComparer<TKey> comparer, bool descending)
    {
        try
        {
            if (runs.Count == 1)
            {
                var only = runs[0];
                while (only.MoveNext()) yield return only.Current;
                yield break;
            }
            var heads = new (TKey, TValue)[runs.Count];
            var heap = new PriorityQueue<int, Head<TKey>>(runs.Count, new HeadComparer<TKey>(comparer, descending));
            for (int run = 0; run < runs.Count; run++)
            {
                if (!runs[run].MoveNext()) continue;
                heads[run] = runs[run].Current;
                heap.Enqueue(run, new Head<TKey>(heads[run].Item1, run));
            }
            while (heap.TryPeek(out int run, out _))
            {
                yield return heads[run];
                if (runs[run].MoveNext())
                {
                    heads[run] = runs[run].Current;
                    heap.DequeueEnqueue(run, new Head<TKey>(heads[run].Item1, run));
                }
                else
                {
                    heads[run] = default;
                    heap.Dequeue();
                }
            }
        }
        finally
        {
            foreach (var run in runs) run.Dispose();
        }
    }

    private readonly record struct Head<TKey>(TKey Key, int Run);

    private sealed class HeadComparer<TKey>(IComparer<TKey> keys, bool descending) : IComparer<Head<TKey>>
    {
        public int Compare(Head<TKey> x, Head<TKey> y)
        {
            // Descending swaps the operands rather than negating the result (Compare may return int.MinValue);
            // ties still go to the earlier run either way.
            int c = descending ? keys.Compare(y.Key, x.Key) : keys.Compare(x.Key, y.Key);
            return c != 0 ? c : x.Run.CompareTo(y.Run);
        }
    }
}
