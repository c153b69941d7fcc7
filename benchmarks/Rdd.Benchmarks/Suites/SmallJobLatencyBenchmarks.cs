using BenchmarkDotNet.Attributes;
using Rdd.Benchmarks.Workloads;
using Rdd.Core;

namespace Rdd.Benchmarks.Suites;

/// <summary>The fixed cost of a job: Parallelize(4 items, 4 slices).Count() (comparison c).</summary>
[MemoryDiagnoser]
public class SmallJobLatencyBenchmarks
{
    private RddContext _context = null!;

    [GlobalSetup]
    public void Setup() => _context = new RddContext();

    [GlobalCleanup]
    public void Cleanup() => _context.Dispose();

    [Benchmark(Baseline = true)]
    public long ParallelFor() => SmallJob.ParallelFor();

    [Benchmark]
    public long Rdd() => SmallJob.Rdd(_context);
}
