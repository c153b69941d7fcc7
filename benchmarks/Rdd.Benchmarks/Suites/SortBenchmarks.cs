using BenchmarkDotNet.Attributes;
using Rdd.Benchmarks.Workloads;
using Rdd.Core;

namespace Rdd.Benchmarks.Suites;

/// <summary>
/// Sorting (long, long) pairs by key (comparison d). The Rdd runs SortByKey().Collect() in a fresh context per
/// invocation, so that every invocation starts with an empty shuffle (earlier map outputs are released only once
/// their dependency is garbage-collected).
/// </summary>
[MemoryDiagnoser]
public class SortBenchmarks
{
    private (long, long)[] _pairs = [];

    [Params(1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _pairs = SortPairs.Generate(N);

    [Benchmark(Baseline = true)]
    public int ArraySort() => SortPairs.ArraySort(_pairs, out _).Length;

    [Benchmark]
    public int Plinq() => SortPairs.Plinq(_pairs).Length;

    [Benchmark]
    public int Rdd()
    {
        using var context = new RddContext();
        return SortPairs.Rdd(context, _pairs).Length;
    }
}
