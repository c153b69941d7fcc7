using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Scheduling;

/// <summary>
/// A failing job reports the task failure that failed it, whichever of its concurrent stages the other tasks
/// were cancelled in: never the cancellation of a sibling stage.
/// </summary>
public sealed class JobFailureTests
{
    /// <summary>Signals once a stage of the job has failed (the event is posted after the job is marked failing).</summary>
    private sealed class StageFailureSignal : IRddListener
    {
        public ManualResetEventSlim Failed { get; } = new();

        public void OnStageCompleted(StageCompleted e)
        {
            if (e.Failure is not null) Failed.Set();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASiblingStageCancelledByTheFailureDoesNotHideIt(bool cancelledStageFirst)
    {
        // Stage A (listed first or second among the join's parents) fails its first attempt only after stage B has failed
        // the job, so its retry is cancelled; stage B's task fails on every attempt.
        using var context = TestContexts.Create(parallelism: 2, maxTaskAttempts: 2);
        var signal = new StageFailureSignal();
        context.AddListener(signal);
        var a = context.Parallelize(new[] { 1 }, 1).Map(x =>
        {
            signal.Failed.Wait(TimeSpan.FromMinutes(2));
            throw new InvalidOperationException("a failed after b");
#pragma warning disable CS0162 // the lambda's type needs a value
            return (x, x);
#pragma warning restore CS0162
        });
        var b = context.Parallelize(new[] { 1 }, 1).Map<(int, int)>(x => throw new ArgumentException("b fails"));

        var e = Assert.Throws<JobFailedException>(() => (cancelledStageFirst ? a.Join(b) : b.Join(a)).Collect());

        Assert.Equal("b fails", Assert.IsType<ArgumentException>(e.InnerException).Message);
    }
}
