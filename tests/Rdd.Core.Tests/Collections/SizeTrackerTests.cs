using Rdd.Core.Collections;

namespace Rdd.Core.Tests.Collections;

/// <summary>SizeTracker's sampling schedule and extrapolation, and EntrySize's per-entry estimates.</summary>
public sealed class SizeTrackerTests
{
    [Fact]
    public void CountUpdate_HundredThousandUpdates_SamplesLogarithmically()
    {
        var tracker = new SizeTracker();

        for (int i = 0; i < 100_000; i++)
            if (tracker.CountUpdate()) tracker.Sample(tracker.Updates * 10);

        // 1.1^n reaches 100 000 after ~121 samples, plus the first dozen updates that each get one.
        Assert.InRange(tracker.SampleCount, 100, 160);
    }

    [Fact]
    public void EstimatedBytes_LinearGrowth_ExtrapolatesBetweenSamples()
    {
        var tracker = new SizeTracker();

        for (int i = 1; i <= 50_000; i++)
        {
            if (tracker.CountUpdate()) tracker.Sample(tracker.Updates * 100);
            Assert.InRange(tracker.EstimatedBytes, i * 100L - 100, i * 100L);
        }
    }

    [Fact]
    public void EstimatedBytes_GrowthRateChanges_FollowsTheLatestRate()
    {
        var tracker = new SizeTracker();
        for (int i = 0; i < 1000; i++)
            if (tracker.CountUpdate()) tracker.Sample(tracker.Updates * 10);

        // The entries become ten times bigger: the estimate catches up at the next samples.
        long baseBytes = 1000 * 10;
        for (int i = 1; i <= 1000; i++)
            if (tracker.CountUpdate()) tracker.Sample(baseBytes + i * 100L);

        Assert.InRange(tracker.EstimatedBytes, baseBytes + 1000 * 100 * 9 / 10, baseBytes + 1000 * 100 * 11 / 10);
    }

    [Fact]
    public void Reset_AfterSpill_StartsFromZeroAndKeepsTheRate()
    {
        var tracker = new SizeTracker();
        for (int i = 0; i < 100; i++)
            if (tracker.CountUpdate()) tracker.Sample(tracker.Updates * 50);

        tracker.Reset();
        Assert.Equal(0, tracker.EstimatedBytes);
        Assert.True(tracker.CountUpdate());
        tracker.Sample(50);
        tracker.CountUpdate();

        // The first sample after the reset sets the rate from zero: 50 bytes per update, extrapolated.
        Assert.Equal(100, tracker.EstimatedBytes);
    }

    [Theory]
    [InlineData(64, 10, 0, 1_000_000, 128)]      // plenty of room: doubles
    [InlineData(1000, 10, 10_000, 25_000, 1500)] // room for 1500 more slots alongside the old ones: grows to that
    [InlineData(1000, 10, 10_000, 40_000, 3000)] // doubling would leave no room to grow again: takes all the room now
    [InlineData(1000, 10, 10_000, 70_000, 2000)] // doubling leaves room for a later growth: doubles
    [InlineData(1000, 10, 10_000, 20_000, 1000)] // room for the same capacity only: no growth, spill
    [InlineData(1000, 10, 10_000, 21_000, 1000)] // 10 % more is not worth a copy
    [InlineData(10, 10, 1_000_000, 1_000, 64)]   // below the minimum: always grows to it
    public void GrowthCapacity_Budget_GrowsOnlyWithinIt(int capacity, long bytesPerSlot, long held, long budget, int expected)
    {
        Assert.Equal(expected, SizeTracker.GrowthCapacity(capacity, bytesPerSlot, held, budget, minimumCapacity: 64));
    }

    [Fact]
    public void EntrySize_Primitives_ReferenceNothing()
    {
        Assert.False(EntrySize.HasReferences<long, double>());
        Assert.True(EntrySize.HasReferences<long, string>());
        Assert.Equal(0, EntrySize.Referenced(42L, 1.5));
        Assert.Equal(0, EntrySize.Referenced((1, 2L), (3.0, 4)));
    }

    [Fact]
    public void EntrySize_Strings_CountHeaderAndUtf16Chars()
    {
        Assert.Equal(24, EntrySize.Referenced(""));
        Assert.Equal(32, EntrySize.Referenced("abcd"));
        Assert.Equal(Align(22 + 2 * 1000), EntrySize.Referenced(new string('x', 1000)));
        Assert.Equal(0, EntrySize.Referenced<string?>(null));
    }

    [Fact]
    public void EntrySize_TuplesAndArrays_AddWhatTheyReference()
    {
        Assert.Equal(EntrySize.Referenced("key") + EntrySize.Referenced("value"), EntrySize.Referenced(("key", 1, "value")));
        Assert.Equal(24 + 4 * 10, EntrySize.Referenced(new int[10]));
        Assert.Equal(24 + 8 * 3 + 3 * EntrySize.Referenced("abcd"), EntrySize.Referenced(new[] { "abcd", "efgh", "ijkl" }));
    }

    [Fact]
    public void EntrySize_Lists_CountTheBackingArrayAndElements()
    {
        var longs = Enumerable.Range(0, 1000).Select(i => (long)i).ToList();
        var strings = Enumerable.Range(0, 1000).Select(i => new string('s', 10)).ToList();

        Assert.InRange(EntrySize.Referenced(longs), 8 * 1000, 8 * 1000 + 200);
        long stringBytes = 1000 * EntrySize.Referenced(new string('s', 10));
        Assert.InRange(EntrySize.Referenced(strings), 8 * 1000 + stringBytes, 8 * 1000 + stringBytes + 200);
    }

    [Fact]
    public void EntrySize_Objects_WalkTheirFields()
    {
        var person = new Person("Ada", 36, new Person("Charles", 70, null));

        // Header, name, age and parent, aligned to 8 bytes, then the strings and the parent it references.
        long instance = (16 + 8 + 4 + 8 + 7) / 8 * 8;
        long inner = instance + EntrySize.Referenced("Charles");
        Assert.Equal(instance + EntrySize.Referenced("Ada") + inner, EntrySize.Referenced(person));
        Assert.Equal(24, EntrySize.Referenced<object>(42));
    }

    private static long Align(long bytes) => (bytes + 7) & ~7L;

    private sealed record Person(string Name, int Age, Person? Parent);
}
