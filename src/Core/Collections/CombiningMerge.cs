namespace Rdd.Core.Collections;

/// <summary>
/// Merges runs sorted by key hash (<see cref="AppendOnlyMap{TKey, TValue}.HashOf"/>), each holding a key at
/// most once, into one stream holding every key once with its combiners merged (Spark's
/// ExternalAppendOnlyMap.ExternalIterator). A heap orders the runs by the hash of their next key; each run
/// contributes the whole group of its keys that share that hash, so keys whose hashes collide are told
/// apart with Equals. Combiners of one key are merged in run order (run 0 first), which keeps values in
/// arrival order when runs are in arrival order, as grouping needs. Allocates per run, not per record.
/// </summary>
internal static class CombiningMerge
{
    /// <summary>Merges <paramref name="runs"/>; the enumerators are disposed when the result is.</summary>
    public static IEnumerable<(TKey, TCombiner)> Merge<TKey, TCombiner>(
        IReadOnlyList<IEnumerator<(TKey, TCombiner)>> runs, Func<TCombiner, TCombiner, TCombiner> mergeCombiners)
    {
        var groups = new HashGroup<TKey, TCombiner>[runs.Count];
        var heap = new PriorityQueue<int, int>(runs.Count);
        var merging = new List<int>(runs.Count);
        try
        {
            for (int run = 0; run < runs.Count; run++)
            {
                groups[run] = new HashGroup<TKey, TCombiner>(runs[run]);
                if (groups[run].Fill()) heap.Enqueue(run, groups[run].Hash);
            }
            while (heap.TryDequeue(out int first, out int hash))
            {
                merging.Clear();
                merging.Add(first);
                while (heap.TryPeek(out int next, out int nextHash) && nextHash == hash)
                {
                    heap.Dequeue();
                    merging.Add(next);
                }
                if (merging.Count == 1)
                {
                    // The common case: no other run has this hash, the group is emitted as it is.
                    var items = groups[first].Items;
                    for (int i = 0; i < items.Count; i++) yield return items[i];
                }
                else
                {
                    merging.Sort();
                    for (int a = 0; a < merging.Count; a++)
                    {
                        var items = groups[merging[a]].Items;
                        for (int i = 0; i < items.Count; i++)
                        {
                            var (key, combiner) = items[i];
                            for (int b = a + 1; b < merging.Count; b++)
                                combiner = TakeMatch(groups[merging[b]].Items, key, combiner, mergeCombiners);
                            yield return (key, combiner);
                        }
                    }
                }
                foreach (int run in merging)
                    if (groups[run].Fill()) heap.Enqueue(run, groups[run].Hash);
            }
        }
        finally
        {
            foreach (var run in runs) run.Dispose();
        }
    }

    /// <summary>Merges the combiner of <paramref name="key"/> in <paramref name="items"/>, if there, into <paramref name="combiner"/> and removes it.</summary>
    private static TCombiner TakeMatch<TKey, TCombiner>(
        List<(TKey, TCombiner)> items, TKey key, TCombiner combiner, Func<TCombiner, TCombiner, TCombiner> mergeCombiners)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (!EqualityComparer<TKey>.Default.Equals(items[i].Item1, key)) continue;
            combiner = mergeCombiners(combiner, items[i].Item2);
            items.RemoveAt(i);
            return combiner;
        }
        return combiner;
    }

    /// <summary>A run's records that share its smallest remaining hash, plus the first record of the next hash.</summary>
    private sealed class HashGroup<TKey, TCombiner>(IEnumerator<(TKey, TCombiner)> source)
    {
        private (TKey, TCombiner) _lookahead;
        private bool _hasLookahead;
        private bool _exhausted;

        public List<(TKey, TCombiner)> Items { get; } = new(1);

        public int Hash { get; private set; }

        /// <summary>Replaces the group by the next one; false when the run is exhausted.</summary>
        public bool Fill()
        {
            Items.Clear();
            if (!_hasLookahead)
            {
                if (_exhausted || !source.MoveNext())
                {
                    _exhausted = true;
                    return false;
                }
                _lookahead = source.Current;
            }
            Hash = AppendOnlyMap<TKey, TCombiner>.HashOf(_lookahead.Item1);
            Items.Add(_lookahead);
            _hasLookahead = false;
            while (source.MoveNext())
            {
                var record = source.Current;
                if (AppendOnlyMap<TKey, TCombiner>.HashOf(record.Item1) != Hash)
                {
                    _lookahead = record;
                    _hasLookahead = true;
                    return true;
                }
                Items.Add(record);
            }
            _exhausted = true;
            return true;
        }
    }
}
