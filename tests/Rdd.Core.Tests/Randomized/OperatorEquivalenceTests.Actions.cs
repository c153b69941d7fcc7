using static Rdd.Core.Tests.Randomized.RandomData;

namespace Rdd.Core.Tests.Randomized;

public static partial class OperatorEquivalenceTests
{
    /// <summary>Actions: counts, reductions, ordered and unordered takes, numeric summaries.</summary>
    public sealed class Actions(SharedModeContexts contexts) : IClassFixture<SharedModeContexts>
    {
        private Rdd<int> Source(RunMode mode, Shape shape, out int[] data)
        {
            data = Ints(shape);
            return contexts.For(mode).Parallelize(data, shape.Partitions);
        }

        /// <summary>Counts that probe 0, 1, a few, all and more than all elements.</summary>
        private static int[] Counts(int size) => [0, 1, 7, size, size + 5];

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Count_RandomShape_MatchesLinq(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            Assert.Equal(data.Length, rdd.Count());
            Assert.Equal(data.Count(x => x > 0), rdd.Filter(x => x > 0).Count());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Reduce_RandomShape_MatchesLinqOrThrowsWhenEmpty(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            if (data.Length == 0) Assert.Throws<InvalidOperationException>(() => rdd.Reduce((a, b) => a + b));
            else Assert.Equal(data.Aggregate((a, b) => a + b), rdd.Reduce((a, b) => a + b));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Fold_RandomShape_MatchesLinq(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            Assert.Equal(data.Sum(), rdd.Fold(0, (a, b) => a + b));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Aggregate_RandomShape_MatchesLinq(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            var result = rdd.Aggregate((Count: 0, Sum: 0L), (acc, x) => (acc.Count + 1, acc.Sum + x), (a, b) => (a.Count + b.Count, a.Sum + b.Sum));

            Assert.Equal((data.Length, data.Sum(x => (long)x)), result);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Aggregate_MutableZero_MatchesLinqDistinct(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);
            var zero = new HashSet<int>();

            var result = rdd.Aggregate(zero, (set, x) =>
            {
                set.Add(x);
                return set;
            }, (a, b) =>
            {
                a.UnionWith(b);
                return a;
            });

            Assert.Equal(data.Distinct().Order(), result.Order());
            Assert.Empty(zero);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void TakeOrdered_RandomShape_MatchesLinqOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            foreach (int n in Counts(shape.Size))
                AssertSameSequence(data.Order().Take(n), rdd.TakeOrdered(n));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void TakeOrdered_KeySelector_MatchesLinqKeys(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            // Which of two elements with equal keys is taken is not defined; their keys are.
            foreach (int n in Counts(shape.Size))
                AssertSameSequence(data.Select(Math.Abs).Order().Take(n), rdd.TakeOrdered(n, x => Math.Abs(x)).Select(Math.Abs));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void TakeOrdered_StringElements_UsesOrdinalOrder(RunMode mode, Shape shape)
        {
            var data = StringPairs(shape).Select(p => p.Key).ToArray();
            var rdd = contexts.For(mode).Parallelize(data, shape.Partitions);

            AssertSameSequence(data.Order(StringComparer.Ordinal).Take(20), rdd.TakeOrdered(20));
            AssertSameSequence(data.OrderDescending(StringComparer.Ordinal).Take(20), rdd.Top(20));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Top_RandomShape_MatchesLinqDescendingOrder(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            foreach (int n in Counts(shape.Size))
                AssertSameSequence(data.OrderDescending().Take(n), rdd.Top(n));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Take_RandomShape_MatchesLinqPrefix(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            foreach (int n in Counts(shape.Size))
                AssertSameSequence(data.Take(n), rdd.Take(n));
            AssertSameSequence(data.Where(x => x > 0).Take(3), rdd.Filter(x => x > 0).Take(3));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void First_RandomShape_MatchesLinqOrThrowsWhenEmpty(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            if (data.Length == 0) Assert.Throws<InvalidOperationException>(() => rdd.First());
            else Assert.Equal(data[0], rdd.First());
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void SumMinMaxMean_RandomShape_MatchLinq(RunMode mode, Shape shape)
        {
            var rdd = Source(mode, shape, out var data);

            Assert.Equal(data.Sum(), rdd.Sum());
            Assert.Equal(data.Sum(x => (double)x), rdd.Map(x => (double)x).Sum(), 1e-9);
            if (data.Length == 0)
            {
                Assert.True(double.IsNaN(rdd.Mean()));
                return;
            }
            Assert.Equal(data.Min(), rdd.Min());
            Assert.Equal(data.Max(), rdd.Max());
            Assert.Equal(data.Average(), rdd.Mean(), 1e-9);
        }
    }
}
