using System.Runtime.CompilerServices;
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
        if (MapSideCombine) Write(Aggregator, context, parentPartition, shuffle);
        else Write<TValue>(null, context, parentPartition, shuffle);
    }

    /// <summary>
    /// Pushes the parent partition through a map writer bounded by <see cref="RddConfig.ShuffleMemoryBytes"/>:
    /// the output stays in memory when nothing spilled and the shuffle manager has room for it, and goes to
    /// one data file otherwise.
    /// </summary>
    private void Write<TOut>(Aggregator<TValue, TOut>? aggregator, TaskContext context, Partition parentPartition, IShuffleManager shuffle)
    {
        var rdd = Parent.Context;
        var partitionOf = Partitioner.NumPartitions == 1 ? (_ => 0) : Partitioner.PartitionFunction<TKey>();
        using var writer = new SpillingMapWriter<TKey, TValue, TOut>(
            partitionOf, Partitioner.NumPartitions, aggregator, rdd.Config.ShuffleMemoryBytes, rdd.SpillDirectory, context.Metrics);
        var sink = new WriterSink<TOut>(writer);
        Parent.PushPartition(parentPartition, context, ref sink);
        int mapId = parentPartition.Index;
        if (!writer.HasSpilled && shuffle.TryReserveMemory(writer.EstimatedBytes))
        {
            var buckets = writer.ToBuckets();
            long records = 0;
            foreach (var bucket in buckets) records += bucket.Length;
            context.Metrics.ShuffleRecordsWritten += records;
            shuffle.RegisterMapOutput(ShuffleId, mapId, new InMemoryMapOutput(buckets, writer.EstimatedBytes));
            return;
        }
        string path = shuffle.NewDataFilePath(ShuffleId, mapId, context.AttemptNumber);
        var offsets = writer.WriteDataFile(path);
        context.Metrics.ShuffleRecordsWritten += writer.RecordsWritten;
        shuffle.RegisterMapOutput(ShuffleId, mapId, new FileMapOutput(path, offsets));
    }

    private readonly struct WriterSink<TOut>(SpillingMapWriter<TKey, TValue, TOut> writer) : IElementSink<(TKey, TValue)>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Accept((TKey, TValue) item)
        {
            writer.Insert(item.Item1, item.Item2);
            return true;
        }
    }
}
