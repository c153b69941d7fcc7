namespace Rdd.Core.Tests.Scheduling;

public sealed class IterationTimingsTests
{
    [Fact]
    public void Time_RecordsOneIterationPerCall_SeriesInFirstRecordedOrder()
    {
        var timings = new IterationTimings("lr");
        Assert.Equal(3, timings.Time("MapReduce", () => 3));
        timings.Add("InMemory", 0.5);
        timings.Time("MapReduce", () => 4);

        Assert.Equal(["MapReduce", "InMemory"], timings.Series.Select(s => s.Name));
        Assert.Equal(2, timings.Series[0].Seconds.Count);
        Assert.All(timings.Series[0].Seconds, s => Assert.True(s >= 0));
        Assert.Equal([0.5], timings.Series[1].Seconds);
        Assert.Equal("lr", timings.Title);
    }

    [Fact]
    public void Add_NegativeOrNaNSeconds_Throws()
    {
        var timings = new IterationTimings("t");
        Assert.Throws<ArgumentOutOfRangeException>(() => timings.Add("a", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => timings.Add("a", double.NaN));
        Assert.Throws<ArgumentException>(() => timings.Add("", 1));
    }
}
