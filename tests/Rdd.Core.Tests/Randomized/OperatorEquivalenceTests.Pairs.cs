using static Rdd.Core.Tests.Randomized.RandomData;

namespace Rdd.Core.Tests.Randomized;

public static partial class OperatorEquivalenceTests
{
    /// <summary>Operators over (key, value) pairs of one Rdd: aggregations, value maps, sorts, partitioning.</summary>
    public sealed class Pairs(SharedModeContexts contexts) : IClassFixture<SharedModeContexts>
    {
        private Rdd<(int Key, int Value)> Source(RunMode mode, Shape shape, out (int Key, int Value)[] data)
        {
            data = IntPairs(shape);
            return contexts.For(mode).Parallelize(data, shape.Partitions);
        }

        private Rdd<(string Key, int Value)> StringSource(RunMode mode, Shape shape, out (string Key, int Value)[] data)
        {
            data = StringPairs(shape);
            return contexts.For(mode).Parallelize(data, shape.Partitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void ReduceByKey_RandomShape_MatchesLinqSums(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            var reduced = rdd.ReduceByKey((a, b) => a + b);

            AssertSameBag(data.GroupBy(p => p.Key).Select(g => (g.Key, g.Sum(p => p.Value))), reduced.Collect());
            Assert.Equal(shape.Partitions, reduced.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void ReduceByKey_StringKeysAndPartitionCount_MatchesLinqSums(RunMode mode, Shape shape)
        {
            var rdd = StringSource(mode, shape, out var data);

            var reduced = rdd.ReduceByKey((a, b) => a + b, numPartitions: 5);

            AssertSameBag(data.GroupBy(p => p.Key).Select(g => (g.Key, g.Sum(p => p.Value))), reduced.Collect());
            Assert.Equal(5, reduced.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void GroupByKey_RandomShape_MatchesLinq(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            var grouped = rdd.GroupByKey();

            AssertSameBag(
                data.GroupBy(p => p.Key, p => p.Value).Select(g => $"{g.Key}:{Group(g)}"),
                grouped.Collect().Select(g => $"{g.Item1}:{Group(g.Item2)}"));
            Assert.Equal(shape.Partitions, grouped.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void GroupByKey_StringKeys_MatchesLinq(RunMode mode, Shape shape)
        {
            var rdd = StringSource(mode, shape, out var data);

            AssertSameBag(
                data.GroupBy(p => p.Key, p => p.Value).Select(g => $"{g.Key}:{Group(g)}"),
                rdd.GroupByKey(numPartitions: 3).Collect().Select(g => $"{g.Item1}:{Group(g.Item2)}"));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void AggregateByKey_TupleZero_MatchesLinqCountAndSum(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            var aggregated = rdd.AggregateByKey((Count: 0, Sum: 0L), (acc, v) => (acc.Count + 1, acc.Sum + v), (a, b) => (a.Count + b.Count, a.Sum + b.Sum));

            AssertSameBag(data.GroupBy(p => p.Key).Select(g => (g.Key, (g.Count(), g.Sum(p => (long)p.Value)))), aggregated.Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void AggregateByKey_MutableHashSetZero_MatchesLinqDistinctValues(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);
            var zero = new HashSet<int>();

            var aggregated = rdd.AggregateByKey(zero, (set, v) =>
            {
                set.Add(v);
                return set;
            }, (a, b) =>
            {
                a.UnionWith(b);
                return a;
            });

            AssertSameBag(
                data.GroupBy(p => p.Key, p => p.Value).Select(g => $"{g.Key}:{Group(g.Distinct())}"),
                aggregated.Collect().Select(g => $"{g.Item1}:{Group(g.Item2)}"));
            Assert.Empty(zero);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void FoldByKey_IntZero_MatchesLinqSums(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            AssertSameBag(data.GroupBy(p => p.Key).Select(g => (g.Key, g.Sum(p => p.Value))), rdd.FoldByKey(0, (a, b) => a + b).Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void FoldByKey_MutableListZero_MatchesLinqGroups(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);
            var zero = new List<int>();

            var folded = rdd.MapValues(v => new List<int> { v }).FoldByKey(zero, (a, b) =>
            {
                a.AddRange(b);
                return a;
            });

            AssertSameBag(
                data.GroupBy(p => p.Key, p => p.Value).Select(g => $"{g.Key}:{Group(g)}"),
                folded.Collect().Select(g => $"{g.Item1}:{Group(g.Item2)}"));
            Assert.Empty(zero);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void CombineByKey_ListCombiner_MatchesLinqGroups(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            var combined = rdd.CombineByKey(v => new List<int> { v }, (list, v) =>
            {
                list.Add(v);
                return list;
            }, (a, b) =>
            {
                a.AddRange(b);
                return a;
            }, numPartitions: 2);

            AssertSameBag(
                data.GroupBy(p => p.Key, p => p.Value).Select(g => $"{g.Key}:{Group(g)}"),
                combined.Collect().Select(g => $"{g.Item1}:{Group(g.Item2)}"));
            Assert.Equal(2, combined.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void MapValues_RandomShape_MatchesLinqInOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            AssertSameSequence(data.Select(p => (p.Key, p.Value * 10L)), rdd.MapValues(v => v * 10L).Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void FlatMapValues_RandomShape_MatchesLinqInOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);
            Func<int, IEnumerable<int>> f = v => Enumerable.Repeat(v, Math.Abs(v) % 3);

            AssertSameSequence(data.SelectMany(p => f(p.Value).Select(v => (p.Key, v))), rdd.FlatMapValues(f).Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void KeysAndValues_RandomShape_MatchLinqInOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            AssertSameSequence(data.Select(p => p.Key), rdd.Keys().Collect());
            AssertSameSequence(data.Select(p => p.Value), rdd.Values().Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void SortByKey_Ascending_MatchesStableLinqOrderBy(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            var sorted = rdd.SortByKey();

            AssertSameSequence(data.OrderBy(p => p.Key), sorted.Collect());
            Assert.Equal(shape.Partitions, sorted.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void SortByKey_Descending_MatchesStableLinqOrderByDescending(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            AssertSameSequence(data.OrderByDescending(p => p.Key), rdd.SortByKey(ascending: false).Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void SortByKey_StringKeysWithPartitionCount_MatchesOrdinalLinqOrderBy(RunMode mode, Shape shape)
        {
            var rdd = StringSource(mode, shape, out var data);

            var sorted = rdd.SortByKey(numPartitions: 4);

            AssertSameSequence(data.OrderBy(p => p.Key, StringComparer.Ordinal), sorted.Collect());
            Assert.Equal(4, sorted.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void SortByKey_OutputPartitions_AreRangesInOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out _);

            var partitions = rdd.SortByKey(numPartitions: 5).Glom().Collect().Where(p => p.Length > 0).ToArray();

            for (int i = 0; i + 1 < partitions.Length; i++)
                Assert.True(partitions[i][^1].Item1 <= partitions[i + 1][0].Item1, $"partition ending with {partitions[i][^1].Item1} precedes one starting with {partitions[i + 1][0].Item1}");
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void CountByKey_RandomShape_MatchesLinq(RunMode mode, Shape shape)
        {
            var rdd = StringSource(mode, shape, out var data);

            AssertSameMap(data.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => (long)g.Count()), rdd.CountByKey());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void CollectAsMap_RepeatedKeys_LastValueInInputOrderWins(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            AssertSameMap(data.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), rdd.CollectAsMap());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Lookup_WithAndWithoutPartitioner_MatchesLinq(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);
            var partitioned = rdd.PartitionBy(3);
            int hot = data.Length == 0 ? 0 : data.GroupBy(p => p.Key).MaxBy(g => g.Count())!.Key;

            foreach (int key in new[] { hot, -1 })
            {
                var expected = data.Where(p => p.Key == key).Select(p => p.Value).ToArray();
                AssertSameSequence(expected, rdd.Lookup(key));
                AssertSameBag(expected, partitioned.Lookup(key));
            }
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void PartitionBy_RandomShape_KeepsPairsAndPlacesEachKeyByItsPartitioner(RunMode mode, Shape shape)
        {
            var rdd = StringSource(mode, shape, out var data);
            var partitioner = new HashPartitioner(4);

            var partitions = rdd.PartitionBy(partitioner).Glom().Collect();

            AssertSameBag(data, partitions.SelectMany(p => p));
            Assert.Equal(4, partitions.Length);
            for (int i = 0; i < partitions.Length; i++)
                Assert.All(partitions[i], p => Assert.Equal(i, partitioner.GetPartition(p.Item1)));
        }
    }
}
