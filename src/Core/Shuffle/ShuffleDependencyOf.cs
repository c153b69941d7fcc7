using System.Runtime.CompilerServices;
using Rdd.Core.Collections;
using Rdd.Core.Execution;
using Rdd.Core.Rdds;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Shuffle;

/// <summary>
/// A shuffle of <c>(key, value)</c> records into combiners of type <typeparamref name="TCombiner"/>. With
/// map-side combining (ReduceByKey, AggregateByKey…) each map task first merges the values of a key, so
/// only one record per key and map task crosses the shuffle.
/// </summary>
internal sealed class ShuffleDependency<TKey, TValue, TCombiner>(
    Rdd<(TKey, TValue)> parent,
    Partitioner partitioner,
    Aggregator<TValue, TCombiner>? aggregator,
    bool mapSideCombine,
    IComparer<TKey>? keyOrdering)
    : ShuffleDependency(parent, NewShuffleId())
{
    public Rdd<(TKey, TValue)> Parent { get; } = parent;

    public override Partitioner Partitioner { get; } = partitioner;

    public Aggregator<TValue, TCombiner>? Aggregator { get; } = aggregator;

    public bool MapSideCombine { get; } = mapSideCombine && aggregator is not null;

    public IComparer<TKey>? KeyOrdering { get; } = keyOrdering;

    public override Task PrepareAsync(CancellationToken ct) =>
        Partitioner is RangePartitioner<TKey> range ? range.EnsureBoundsAsync(ct) : Task.CompletedTask;

    public override void RunMapTask(TaskContext context, Partition parentPartition, IShuffleManager shuffle)
    {
        var partitionOf = Partitioner.NumPartitions == 1 ? (_ => 0) : Partitioner.PartitionFunction<TKey>();
        int reducers = Partitioner.NumPartitions;
        if (MapSideCombine)
        {
            var sink = new CombineSink(new CombineMap<TKey, TCombiner>(), Aggregator!);
            Parent.PushPartition(parentPartition, context, ref sink);
            Register(shuffle, context, parentPartition.Index, Bucket(sink.Map.ToArray(), partitionOf, reducers));
        }
        else
        {
            var sink = new ListSink<(TKey, TValue)>(new List<(TKey, TValue)>());
            Parent.PushPartition(parentPartition, context, ref sink);
            var records = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sink.List);
            Register(shuffle, context, parentPartition.Index, Bucket(records, partitionOf, reducers));
        }
    }

    private void Register<T>(IShuffleManager shuffle, TaskContext context, int mapId, (TKey, T)[][] buckets)
    {
        long records = 0;
        foreach (var b in buckets) records += b.Length;
        context.Metrics.ShuffleRecordsWritten += records;
        long estimated = 0;
        foreach (var b in buckets) estimated += Storage.SizeEstimator.Estimate(b);
        if (shuffle.TryReserveMemory(estimated))
        {
            shuffle.RegisterMapOutput(ShuffleId, mapId, new InMemoryMapOutput(buckets, estimated));
            return;
        }
        string path = shuffle.NewDataFilePath(ShuffleId, mapId, context.AttemptNumber);
        var offsets = new long[buckets.Length + 1];
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            for (int p = 0; p < buckets.Length; p++)
            {
                Serialization.ObjectSerializer.WriteAll(stream, buckets[p]);
                offsets[p + 1] = stream.Position;
            }
        }
        context.Metrics.ShuffleBytesWritten += offsets[^1];
        shuffle.RegisterMapOutput(ShuffleId, mapId, new FileMapOutput(path, offsets));
    }

    /// <summary>Splits records into one array per reduce partition (two passes: count, then place).</summary>
    private static (TKey, T)[][] Bucket<T>(ReadOnlySpan<(TKey, T)> records, Func<TKey, int> partitionOf, int reducers)
    {
        var buckets = new (TKey, T)[reducers][];
        if (reducers == 1)
        {
            buckets[0] = records.ToArray();
            return buckets;
        }
        var targets = new int[records.Length];
        var counts = new int[reducers];
        for (int i = 0; i < records.Length; i++)
        {
            int p = partitionOf(records[i].Item1);
            targets[i] = p;
            counts[p]++;
        }
        for (int p = 0; p < reducers; p++) buckets[p] = counts[p] == 0 ? [] : new (TKey, T)[counts[p]];
        Array.Clear(counts);
        for (int i = 0; i < records.Length; i++)
        {
            int p = targets[i];
            buckets[p][counts[p]++] = records[i];
        }
        return buckets;
    }

    private struct CombineSink(CombineMap<TKey, TCombiner> map, Aggregator<TValue, TCombiner> aggregator) : IElementSink<(TKey, TValue)>
    {
        public readonly CombineMap<TKey, TCombiner> Map = map;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Accept((TKey, TValue) item)
        {
            ref var slot = ref Map.GetValueRefOrAddDefault(item.Item1, out bool exists);
            slot = exists ? aggregator.MergeValue(slot, item.Item2) : aggregator.CreateCombiner(item.Item2);
            return true;
        }
    }
}
