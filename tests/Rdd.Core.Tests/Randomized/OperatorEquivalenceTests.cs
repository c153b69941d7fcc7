using static Rdd.Core.Tests.Randomized.RandomData;

namespace Rdd.Core.Tests.Randomized;

/// <summary>
/// Every operator against LINQ-to-objects on the same seeded data, over many shapes (see
/// <see cref="RandomData.Shapes"/>) and both execution modes. Results are compared in order where Spark
/// defines the order (narrow operators, Union, Coalesce without shuffle, ZipWithIndex, sorts, TakeOrdered,
/// Take) and as multisets elsewhere. The nested classes run in parallel, each with its own contexts.
/// </summary>
public static partial class OperatorEquivalenceTests
{
    /// <summary>Operators over single elements (no keys).</summary>
    public sealed class Elements(SharedModeContexts contexts) : IClassFixture<SharedModeContexts>
    {
        private Rdd<int> Source(RunMode mode, Shape shape, out int[] data)
        {
            data = Ints(shape);
            return contexts.For(mode).Parallelize(data, shape.Partitions);
        }

        private Rdd<int> OtherSource(RunMode mode, Shape shape, out int[] data)
        {
            data = Ints(shape.Other);
            return contexts.For(mode).Parallelize(data, shape.Other.Partitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Parallelize_RandomShape_CollectsInputInOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            AssertSameSequence(data, rdd.Collect());
            Assert.Equal(shape.Partitions, rdd.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Map_RandomShape_MatchesLinqInOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            AssertSameSequence(data.Select(x => x * 2 + 1), rdd.Map(x => x * 2 + 1).Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Filter_RandomShape_MatchesLinqInOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            AssertSameSequence(data.Where(x => x % 3 == 0), rdd.Filter(x => x % 3 == 0).Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void FlatMap_RandomShape_MatchesLinqInOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);
            Func<int, IEnumerable<int>> f = x => Enumerable.Range(x, Math.Abs(x) % 3);

            AssertSameSequence(data.SelectMany(f), rdd.FlatMap(f).Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Distinct_RandomShape_MatchesLinq(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            var distinct = rdd.Distinct();

            AssertSameBag(data.Distinct(), distinct.Collect());
            Assert.Equal(shape.Partitions, distinct.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Union_RandomShape_ConcatenatesInOrder(RunMode mode, Shape shape)
        {
            var left = Source(mode, shape, out var data);
            var right = OtherSource(mode, shape, out var other);

            var union = left.Union(right);

            AssertSameSequence(data.Concat(other), union.Collect());
            Assert.Equal(shape.Partitions + shape.Other.Partitions, union.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Intersection_RandomShape_MatchesLinq(RunMode mode, Shape shape)
        {
            var left = Source(mode, shape, out var data);
            var right = OtherSource(mode, shape, out var other);

            var intersection = left.Intersection(right);

            AssertSameBag(data.Intersect(other), intersection.Collect());
            Assert.Equal(Math.Max(shape.Partitions, shape.Other.Partitions), intersection.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Subtract_RandomShape_KeepsDuplicatesOfThisRdd(RunMode mode, Shape shape)
        {
            var left = Source(mode, shape, out var data);
            var right = OtherSource(mode, shape, out var other);
            var remove = other.ToHashSet();

            var difference = left.Subtract(right);

            AssertSameBag(data.Where(x => !remove.Contains(x)), difference.Collect());
            Assert.Equal(shape.Partitions, difference.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Cartesian_SmallRandomShape_MatchesLinq(RunMode mode, Shape shape)
        {
            var context = contexts.For(mode);
            var data = Ints(shape).Take(40).ToArray();
            var other = Ints(shape.Other).Take(25).Select(x => "s" + x).ToArray();

            var product = context.Parallelize(data, shape.Partitions).Cartesian(context.Parallelize(other, shape.Other.Partitions));

            AssertSameBag(from x in data from y in other select (x, y), product.Collect());
            Assert.Equal(shape.Partitions * shape.Other.Partitions, product.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Zip_SameSlicing_PairsElementsInOrder(RunMode mode, Shape shape)
        {
            var left = Source(mode, shape, out var data);
            var labels = data.Select((x, i) => $"#{i}:{x}").ToArray();
            var right = contexts.For(mode).Parallelize(labels, shape.Partitions);

            AssertSameSequence(data.Zip(labels), left.Zip(right).Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void ZipWithIndex_RandomShape_IndexesInPartitionOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            AssertSameSequence(data.Select((x, i) => (x, (long)i)), rdd.ZipWithIndex().Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void GroupBy_RandomShape_MatchesLinq(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);
            Func<int, int> key = x => (x % 7 + 7) % 7;

            var expected = data.GroupBy(key).Select(g => $"{g.Key}:{Group(g)}");

            AssertSameBag(expected, rdd.GroupBy(key).Collect().Select(g => $"{g.Key}:{Group(g.Values)}"));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void KeyBy_RandomShape_MatchesLinqInOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            AssertSameSequence(data.Select(x => (x % 10, x)), rdd.KeyBy(x => x % 10).Collect());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void SortBy_Ascending_MatchesStableLinqOrderBy(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            var sorted = rdd.SortBy(x => Math.Abs(x));

            AssertSameSequence(data.OrderBy(x => Math.Abs(x)), sorted.Collect());
            Assert.Equal(shape.Partitions, sorted.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void SortBy_DescendingWithPartitionCount_MatchesStableLinqOrderByDescending(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            var sorted = rdd.SortBy(x => Math.Abs(x), ascending: false, numPartitions: 3);

            AssertSameSequence(data.OrderByDescending(x => Math.Abs(x)), sorted.Collect());
            Assert.Equal(3, sorted.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Coalesce_WithoutShuffle_KeepsOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);
            int target = Math.Max(1, shape.Partitions / 2);

            var fewer = rdd.Coalesce(target);
            var notMore = rdd.Coalesce(shape.Partitions + 3);

            AssertSameSequence(data, fewer.Collect());
            Assert.Equal(target, fewer.NumPartitions);
            AssertSameSequence(data, notMore.Collect());
            Assert.Equal(shape.Partitions, notMore.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Coalesce_WithShuffle_KeepsElements(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            var more = rdd.Coalesce(shape.Partitions + 2, shuffle: true);

            AssertSameBag(data, more.Collect());
            Assert.Equal(shape.Partitions + 2, more.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Repartition_RandomShape_KeepsElementsAndSpreadsThem(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);
            int target = shape.Seed % 3 == 0 ? 1 : shape.Partitions + 1;

            var repartitioned = rdd.Repartition(target);
            var sizes = repartitioned.Glom().Collect().Select(p => p.Length).ToArray();

            AssertSameBag(data, repartitioned.Collect());
            Assert.Equal(target, sizes.Length);
            // Each input partition deals its elements round robin, so no output partition gets more than its share plus one per input partition.
            Assert.All(sizes, s => Assert.True(s <= data.Length / target + shape.Partitions, $"partition sizes {string.Join(",", sizes)}"));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void CountByValue_RandomShape_MatchesLinq(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            var expected = data.GroupBy(x => x).ToDictionary(g => g.Key, g => (long)g.Count());

            AssertSameMap(expected, rdd.CountByValue());
        }
    }
}
