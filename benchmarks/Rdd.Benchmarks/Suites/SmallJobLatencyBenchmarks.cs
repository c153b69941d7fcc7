using BenchmarkDotNet.Attributes;
using Rdd.Benchmarks.Workloads;
using Rdd.Core;

namespace Rdd.Benchmarks.Suites;

/// <summary>The fixed cost of a job: Parallelize(4 items, 4 slices).Count() (comparison c).</summary>
[MemoryDiagnoser]
public class SmallJobLatencyBenchmarks
{
    private RddContext _context = null!;
    private RddContext _untracked = null!;

    [GlobalSetup]
    public void Setup()
    {
        _context = new RddContext();
        // The StatusTracker is always listening, so the scheduler always builds and delivers its events; without
        // it (and with no other listener) it skips them: the difference is what the tracker costs a job.
        _untracked = new RddContext();
        _untracked.Listeners.Remove(_untracked.StatusTracker.Listener);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _context.Dispose();
        _untracked.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long ParallelFor() => SmallJob.ParallelFor();

    [Benchmark]
    public long Rdd() => SmallJob.Rdd(_context);

    [Benchmark]
    public long RddWithoutStatusTracker() => SmallJob.Rdd(_untracked);
}
