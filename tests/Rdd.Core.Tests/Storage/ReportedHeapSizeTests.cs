using Rdd.Core.Collections;
using Rdd.Core.Storage;

namespace Rdd.Core.Tests.Storage;

/// <summary>An object implementing <see cref="IReportsHeapSize"/> is measured by its own figure, not by walking its fields.</summary>
public sealed class ReportedHeapSizeTests
{
    private sealed class Reporting(long bytes) : IReportsHeapSize
    {
        // Large enough that a walk would count it: the reported figure must win.
        private readonly byte[] _payload = new byte[100_000];

        public long HeapBytes => _payload.Length > 0 ? bytes : 0;
    }

    [Fact]
    public void The_reported_size_replaces_the_walk()
    {
        Assert.Equal(1234, SizeEstimator.EstimateObject(new Reporting(1234)));
    }

    [Fact]
    public void A_reported_object_inside_a_block_counts_its_figure_once()
    {
        var shared = new Reporting(5000);
        var block = new[] { shared, shared, new Reporting(7000) };
        long estimate = SizeEstimator.Estimate(block);
        Assert.InRange(estimate, 12_000, 12_000 + 64);
    }

    [Fact]
    public void Shuffle_records_count_the_reported_figure()
    {
        Assert.Equal(4321, EntrySize.Referenced(7, new Reporting(4321)));
        Assert.Equal(4321, EntrySize.Referenced((7, new Reporting(4321))));
    }
}
