using static Rdd.Core.Tests.Randomized.RandomData;

namespace Rdd.Core.Tests.Randomized;

public static partial class OperatorEquivalenceTests
{
    /// <summary>Operators over two key-value Rdds with different partition counts and overlapping keys.</summary>
    public sealed class Joins(SharedModeContexts contexts) : IClassFixture<SharedModeContexts>
    {
        private (Rdd<(int Key, int Value)> Left, Rdd<(int Key, int Value)> Right) Sources(
            RunMode mode, Shape shape, out (int Key, int Value)[] left, out (int Key, int Value)[] right)
        {
            var context = contexts.For(mode);
            left = IntPairs(shape);
            // The same key range on both sides, so that most keys match and some do not.
            right = IntPairs(shape.Other, keyRange: shape.KeyRange + 3);
            return (context.Parallelize(left, shape.Partitions), context.Parallelize(right, shape.Other.Partitions));
        }

        private static string Opt<T>(Option<T> o) => o.ToString();

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Join_RandomShape_MatchesLinqJoin(RunMode mode, Shape shape)
        {
            var (l, r) = Sources(mode, shape, out var left, out var right);

            var joined = l.Join(r);

            var expected = from a in left join b in right on a.Key equals b.Key select (a.Key, (a.Value, b.Value));
            AssertSameBag(expected, joined.Collect());
            Assert.Equal(Math.Max(shape.Partitions, shape.Other.Partitions), joined.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Join_StringKeysWithPartitionCount_MatchesLinqJoin(RunMode mode, Shape shape)
        {
            var context = contexts.For(mode);
            var left = StringPairs(shape);
            var right = StringPairs(shape.Other, keyRange: shape.KeyRange);

            var joined = context.Parallelize(left, shape.Partitions).Join(context.Parallelize(right, shape.Other.Partitions), numPartitions: 3);

            var expected = from a in left join b in right on a.Key equals b.Key select (a.Key, (a.Value, b.Value));
            AssertSameBag(expected, joined.Collect());
            Assert.Equal(3, joined.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void LeftOuterJoin_RandomShape_MatchesLinqGroupJoin(RunMode mode, Shape shape)
        {
            var (l, r) = Sources(mode, shape, out var left, out var right);

            var expected = from a in left
                           join b in right on a.Key equals b.Key into matches
                           from w in matches.Select(m => Option.Some(m.Value)).DefaultIfEmpty(Option<int>.None)
                           select $"{a.Key}:{a.Value},{Opt(w)}";
            AssertSameBag(expected, l.LeftOuterJoin(r).Collect().Select(p => $"{p.Item1}:{p.Item2.Item1},{Opt(p.Item2.Item2)}"));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void RightOuterJoin_RandomShape_MatchesLinqGroupJoin(RunMode mode, Shape shape)
        {
            var (l, r) = Sources(mode, shape, out var left, out var right);

            var expected = from b in right
                           join a in left on b.Key equals a.Key into matches
                           from v in matches.Select(m => Option.Some(m.Value)).DefaultIfEmpty(Option<int>.None)
                           select $"{b.Key}:{Opt(v)},{b.Value}";
            AssertSameBag(expected, l.RightOuterJoin(r).Collect().Select(p => $"{p.Item1}:{Opt(p.Item2.Item1)},{p.Item2.Item2}"));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void FullOuterJoin_RandomShape_MatchesLinq(RunMode mode, Shape shape)
        {
            var (l, r) = Sources(mode, shape, out var left, out var right);
            var rightKeys = right.Select(p => p.Key).ToHashSet();
            var leftKeys = left.Select(p => p.Key).ToHashSet();

            var both = from a in left join b in right on a.Key equals b.Key select $"{a.Key}:Some({a.Value}),Some({b.Value})";
            var leftOnly = left.Where(a => !rightKeys.Contains(a.Key)).Select(a => $"{a.Key}:Some({a.Value}),None");
            var rightOnly = right.Where(b => !leftKeys.Contains(b.Key)).Select(b => $"{b.Key}:None,Some({b.Value})");
            AssertSameBag(both.Concat(leftOnly).Concat(rightOnly),
                l.FullOuterJoin(r).Collect().Select(p => $"{p.Item1}:{Opt(p.Item2.Item1)},{Opt(p.Item2.Item2)}"));
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void CoGroup_RandomShape_MatchesLinqGroups(RunMode mode, Shape shape)
        {
            var (l, r) = Sources(mode, shape, out var left, out var right);

            var keys = left.Select(p => p.Key).Union(right.Select(p => p.Key));
            var expected = keys.Select(k => $"{k}:{Group(left.Where(p => p.Key == k).Select(p => p.Value))}/{Group(right.Where(p => p.Key == k).Select(p => p.Value))}");
            var grouped = l.CoGroup(r);

            AssertSameBag(expected, grouped.Collect().Select(g => $"{g.Item1}:{Group(g.Item2.Item1)}/{Group(g.Item2.Item2)}"));
            Assert.Equal(Math.Max(shape.Partitions, shape.Other.Partitions), grouped.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void SubtractByKey_RandomShape_MatchesLinqAndKeepsPartitionCount(RunMode mode, Shape shape)
        {
            var (l, r) = Sources(mode, shape, out var left, out var right);
            var rightKeys = right.Select(p => p.Key).ToHashSet();

            var difference = l.SubtractByKey(r);

            AssertSameBag(left.Where(p => !rightKeys.Contains(p.Key)), difference.Collect());
            Assert.Equal(shape.Partitions, difference.NumPartitions);
        }

        [Theory]
        [MemberData(nameof(Cases), MemberType = typeof(RandomData))]
        public void Join_BothSidesPartitionedAlike_MatchesLinqJoin(RunMode mode, Shape shape)
        {
            var (l, r) = Sources(mode, shape, out var left, out var right);
            var partitioner = new HashPartitioner(3);

            var joined = l.PartitionBy(partitioner).Join(r.PartitionBy(partitioner));

            var expected = from a in left join b in right on a.Key equals b.Key select (a.Key, (a.Value, b.Value));
            AssertSameBag(expected, joined.Collect());
            Assert.Equal(partitioner, joined.Partitioner);
        }
    }
}
