using BenchmarkDotNet.Attributes;
using Rdd.Benchmarks.Workloads;
using Rdd.Core;

namespace Rdd.Benchmarks.Suites;

/// <summary>The fused narrow pipeline Range.Map.Filter.Count against Parallel.For (comparison b).</summary>
public class RangePipelineBenchmarks
{
    private RddContext _context = null!;

    [Params(100_000_000L)]
    public long N { get; set; }

    [GlobalSetup]
    public void Setup() => _context = new RddContext();

    [GlobalCleanup]
    public void Cleanup() => _context.Dispose();

    [Benchmark(Baseline = true)]
    public long Inline() => RangePipeline.Inline(N, Environment.ProcessorCount);

    [Benchmark]
    public long Delegates() => RangePipeline.Delegates(N, Environment.ProcessorCount);

    [Benchmark]
    public long Rdd() => RangePipeline.Rdd(_context, N);
}
