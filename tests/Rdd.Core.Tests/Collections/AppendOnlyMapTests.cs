using Rdd.Core.Collections;

namespace Rdd.Core.Tests.Collections;

/// <summary>AppendOnlyMap: lookups through growth, null keys, colliding hashes, and the in-place spill sort.</summary>
public sealed class AppendOnlyMapTests
{
    [Fact]
    public void GetValueRefOrAddDefault_ManyKeysThroughResizes_FindsEveryKey()
    {
        var map = new AppendOnlyMap<long, long>(capacity: 2);

        for (long k = 0; k < 10_000; k++) map.GetValueRefOrAddDefault(k * 7919, out _) = k;
        for (long k = 0; k < 10_000; k++) map.GetValueRefOrAddDefault(k * 7919, out _) += 1;

        Assert.Equal(10_000, map.Count);
        for (int i = 0; i < map.Count; i++) Assert.Equal(map.Entries[i].Key / 7919 + 1, map.Entries[i].Value);
    }

    [Fact]
    public void GetValueRefOrAddDefault_NullAndCollidingKeys_KeepsThemApart()
    {
        var map = new AppendOnlyMap<CollidingKey?, int>();

        foreach (var id in new[] { 1, 4, 7, 1, 4 }) map.GetValueRefOrAddDefault(new CollidingKey(id), out _)++;
        map.GetValueRefOrAddDefault(null, out bool existed)++;
        map.GetValueRefOrAddDefault(null, out bool existedAgain)++;

        Assert.False(existed);
        Assert.True(existedAgain);
        var counts = Enumerable.Range(0, map.Count).ToDictionary(i => map.Entries[i].Key?.Id ?? -1, i => map.Entries[i].Value);
        Assert.Equal(new Dictionary<int, int> { [1] = 2, [4] = 2, [7] = 1, [-1] = 2 }, counts);
    }

    [Fact]
    public void SortForSpill_WithPartitions_OrdersByPartitionThenHash()
    {
        var map = new AppendOnlyMap<int, int>();
        var random = new Random(5);
        for (int i = 0; i < 1000; i++) map.GetValueRefOrAddDefault(random.Next(), out _) = i;

        var sorted = map.SortForSpill(k => k % 3).ToArray();

        Assert.Equal(1000, sorted.Length);
        var expected = sorted.OrderBy(e => e.Key % 3).ThenBy(e => e.Key.GetHashCode()).Select(e => e.Key);
        Assert.Equal(expected, sorted.Select(e => e.Key));
        Assert.Throws<InvalidOperationException>(() => map.GetValueRefOrAddDefault(1, out _));
        map.Clear();
        map.GetValueRefOrAddDefault(1, out bool exists);
        Assert.False(exists);
        Assert.Equal(1, map.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(20_000)]
    public void SortForSpill_NegativeHashesAndFewDistinctPartitions_OrdersBySignedHash(int count)
    {
        var map = new AppendOnlyMap<long, int>();
        var random = new Random(count);
        for (int i = 0; i < count; i++) map.GetValueRefOrAddDefault(random.NextInt64(long.MinValue, long.MaxValue), out _) = i;
        for (int i = 0; i < count / 10; i++) map.GetValueRefOrAddDefault(i, out _) = i; // a block of equal partitions, ascending hashes

        var sorted = map.SortForSpill(k => (int)(k & 1)).ToArray();

        var expected = sorted.OrderBy(e => (int)(e.Key & 1)).ThenBy(e => e.Key.GetHashCode()).Select(e => e.Key).ToArray();
        Assert.Equal(expected.Length, map.Count);
        Assert.Equal(expected, sorted.Select(e => e.Key));
    }

    /// <summary>A key whose hash collides with every third other key.</summary>
    public sealed record CollidingKey(int Id)
    {
        public override int GetHashCode() => Id % 3;
    }
}
