namespace Rdd.Core.Shuffle;

/// <summary>How values of one key are combined (Spark's Aggregator): start a combiner, add a value, merge two combiners.</summary>
internal sealed record Aggregator<TValue, TCombiner>(
    Func<TValue, TCombiner> CreateCombiner,
    Func<TCombiner, TValue, TCombiner> MergeValue,
    Func<TCombiner, TCombiner, TCombiner> MergeCombiners);
