using Rdd.Core.Rdds;

namespace Rdd.Core.Partitioning;

/// <summary>
/// Samples the keys of an Rdd to find range bounds (Spark's RangePartitioner.sketch): a reservoir sample
/// of each partition, each sampled key weighted by how many keys of its partition it stands for.
/// </summary>
internal static class RangeSampler
{
    public static async Task<TKey[]> SampleBoundsAsync<TKey, TValue>(Rdd<(TKey, TValue)> rdd, int partitions, IComparer<TKey> comparer, CancellationToken ct)
    {
        if (partitions <= 1) return [];
        int inputPartitions = Math.Max(1, rdd.NumPartitions);
        double sampleSize = Math.Min(20.0 * partitions, 1e6);
        int perPartition = (int)Math.Ceiling(3.0 * sampleSize / inputPartitions);
        var samples = await rdd.Context.Scheduler.RunJobAsync(rdd, (context, split) =>
        {
            var reservoir = new List<TKey>(perPartition);
            var random = new SplitMix64(SplitMix64.Mix(0x5EED, split.Index));
            long seen = 0;
            foreach (var (key, _) in rdd.Iterator(split, context))
            {
                seen++;
                if (reservoir.Count < perPartition) reservoir.Add(key);
                else
                {
                    long slot = (long)(random.NextDouble() * seen);
                    if (slot < perPartition) reservoir[(int)slot] = key;
                }
            }
            return (Count: seen, Keys: reservoir);
        }, null, "SortByKey (sampling range bounds)", ct).ConfigureAwait(false);
        var candidates = new List<(TKey, double)>();
        foreach (var (count, keys) in samples)
        {
            if (keys.Count == 0) continue;
            double weight = (double)count / keys.Count;
            foreach (var key in keys) candidates.Add((key, weight));
        }
        return RangePartitioner<TKey>.DetermineBounds(candidates, partitions, comparer);
    }
}
