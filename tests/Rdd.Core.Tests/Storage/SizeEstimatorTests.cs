using Rdd.Core.Storage;

namespace Rdd.Core.Tests.Storage;

/// <summary>
/// The estimate of an object block against what building the block really allocated
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>, which is exact per thread). Each builder allocates
/// only what the block keeps: pre-sized arrays and lists, no temporaries.
/// </summary>
public sealed class SizeEstimatorTests
{
    private const double Tolerance = 0.25;

    public static TheoryData<string> Blocks() => [.. Builders.Keys];

    private static readonly Dictionary<string, Func<int, object>> Builders = new()
    {
        ["double[10] rows"] = n => Fill(n, i => new double[10]),
        ["double[] rows of 0..40"] = n => Fill(n, i => new double[i % 41]),
        ["(long, double)"] = n => Fill(n, i => ((long)i, (double)i)),
        ["strings of 0..63 chars"] = n => Fill(n, i => new string('x', i * 7 % 64)),
        ["(int, string) tuples"] = n => Fill(n, i => (i, new string('y', 5 + i % 20))),
        ["(string, (long, string)) nested tuples"] = n => Fill(n, i => (new string('k', 8), ((long)i, new string('v', i % 30)))),
        ["List<int> of 0..15"] = n => Fill(n, i => FilledList(i % 16, j => j)),
        ["List<string>"] = n => Fill(n, StringList),
        ["class records"] = n => Fill(n, i => new Person(new string('p', 6 + i % 6), i, i * 0.5)),
        ["boxed objects"] = n => Fill<object>(n, i => i % 2 == 0 ? i : new string('o', 3)),
        ["string[] rows"] = n => Fill(n, i => new[] { new string('a', 4), new string('b', i % 12) }),
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Estimate_SmallBlock_IsWithin25PercentOfAllocatedBytes(string kind) => AssertAccurate(kind, 300);

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Estimate_SampledBlock_IsWithin25PercentOfAllocatedBytes(string kind) => AssertAccurate(kind, 50_000);

    [Fact]
    public void Estimate_UnmanagedElements_IsExact()
    {
        var block = new (long, double)[1000];
        Assert.Equal(24 + 16 * 1000, SizeEstimator.Estimate(block));
        Assert.Equal(24 + 8 * 3, SizeEstimator.Estimate(new long[3]));
    }

    [Fact]
    public void Estimate_DoubleArrayRows_IsExact()
    {
        var block = Fill(1000, _ => new double[10]);
        // The block's pointer array, then per row a 24-byte array header and 10 doubles.
        Assert.Equal(24 + 8 * 1000 + 1000 * (24 + 80), SizeEstimator.Estimate(block));
    }

    [Fact]
    public void Estimate_SharedObject_CountsItOnce()
    {
        var shared = new string('s', 1000);
        var block = Fill(10_000, _ => shared);

        long estimate = SizeEstimator.Estimate(block);

        long arrayAndOneString = 24 + 8 * 10_000 + (22 + 2 * 1000);
        Assert.InRange(estimate, arrayAndOneString * 0.95, arrayAndOneString * 1.05);
    }

    [Fact]
    public void Estimate_NullElements_CountOnlyTheSlots()
    {
        Assert.Equal(24 + 8 * 500, SizeEstimator.Estimate(new string?[500]));
        Assert.Equal(24 + 8 * 50_000, SizeEstimator.Estimate(new double[]?[50_000]));
    }

    [Fact]
    public void Estimate_DeepLinkedList_DoesNotOverflowTheStack()
    {
        Node? head = null;
        for (int i = 0; i < 200_000; i++) head = new Node(head);

        long estimate = SizeEstimator.EstimateObject(head);

        Assert.Equal(200_000L * 24, estimate);
    }

    private static void AssertAccurate(string kind, int rows)
    {
        var build = Builders[kind];
        GC.KeepAlive(build(rows)); // warm up: first calls may allocate runtime data of their own
        long before = GC.GetAllocatedBytesForCurrentThread();
        var block = build(rows);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        long estimate = SizeEstimator.EstimateObject(block);

        double ratio = (double)estimate / allocated;
        Assert.True(Math.Abs(ratio - 1) <= Tolerance, $"{kind} × {rows}: estimated {estimate:N0} B, allocated {allocated:N0} B (ratio {ratio:F3})");
    }

    private static T[] Fill<T>(int n, Func<int, T> make)
    {
        var block = new T[n];
        for (int i = 0; i < n; i++) block[i] = make(i);
        return block;
    }

    private static List<T> FilledList<T>(int count, Func<int, T> make)
    {
        var list = new List<T>(count);
        for (int i = 0; i < count; i++) list.Add(make(i));
        return list;
    }

    // Not a lambda inside the row builder: its closure would be allocated per row and counted.
    private static List<string> StringList(int row)
    {
        var list = new List<string>(3);
        for (int j = 0; j < 3; j++) list.Add(new string('z', j + row % 10));
        return list;
    }

    private sealed record Person(string Name, int Age, double Score);

    private sealed class Node(Node? next)
    {
        public Node? Next { get; } = next;
    }
}
