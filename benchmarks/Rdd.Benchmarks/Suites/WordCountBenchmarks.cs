using BenchmarkDotNet.Attributes;
using Rdd.Benchmarks.Data;
using Rdd.Benchmarks.Workloads;
using Rdd.Core;

namespace Rdd.Benchmarks.Suites;

/// <summary>Word count over generated Zipf text held in memory (the compare command's comparison a, smaller).</summary>
[MemoryDiagnoser]
public class WordCountBenchmarks
{
    private string[] _lines = [];
    private RddContext _context = null!;
    private int _slices;

    [Params(20)]
    public int Megabytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _lines = new ZipfText().GenerateLines(Megabytes * 1_000_000L, out _);
        _context = new RddContext();
        _slices = _context.DefaultParallelism * 4;
    }

    [GlobalCleanup]
    public void Cleanup() => _context.Dispose();

    [Benchmark(Baseline = true)]
    public int Plinq() => WordCount.Plinq(_lines).Length;

    [Benchmark]
    public int HandWritten() => WordCount.HandWritten(_lines, _slices).Length;

    [Benchmark]
    public int Rdd() => WordCount.Rdd(_context, _lines, _slices).Length;
}
