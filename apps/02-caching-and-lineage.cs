// Caching, lineage and lost partitions, and an iterative job run in memory (Spark) and as MapReduce (Hadoop).
// Run from the repository's root: dotnet run apps/02-caching-and-lineage.cs
// (It checks its own results and exits with status 1 when one is wrong.)
#:project ../src/Core/Rdd.Core.csproj
using System.Diagnostics;
using System.Globalization;
using Rdd.Core;

var failures = 0;
void Check(bool ok, string what)
{
    Console.WriteLine($"  [{(ok ? "ok" : "FAIL")}] {what}");
    if (!ok) failures++;
}

using (var sc = new RddContext(new RddConfig { Parallelism = 2 }))
{
    Console.WriteLine("1. Cache() is lazy: the first action computes the partitions and keeps them in the block store.");
    var calls = 0;
    var squares = sc.Parallelize(Enumerable.Range(0, 1000), numSlices: 4)
        .Map(x => { Interlocked.Increment(ref calls); return (long)x * x; })
        .Cache();
    Console.WriteLine($"   cached partitions before any action: {squares.CachedPartitions.Count}");
    Check(squares.CachedPartitions.Count == 0, "marking an Rdd for caching computes nothing");
    var total = squares.Reduce((a, b) => a + b);
    Console.WriteLine($"   sum {total}; map calls {calls}; cached partitions {string.Join(",", squares.CachedPartitions)}");
    Check(calls == 1000 && squares.CachedPartitions.Count == 4, "the first action computed every item once and cached 4 partitions");
    var again = squares.Filter(x => x % 2 == 0).Count();
    Console.WriteLine($"   a second job over the cached Rdd: {again} even squares; map calls still {calls}");
    Check(again == 500 && calls == 1000, "later jobs read the cached blocks: the map function did not run again");

    Console.WriteLine("2. A lost partition is recomputed from its lineage, and only that partition.");
    Console.WriteLine(string.Join("\n", squares.ToDebugString().Split('\n').Select(l => "   " + l)));
    sc.Storage.Evict(squares.Id, 2);   // as if the executor holding partition 2 had died
    Console.WriteLine($"   after losing partition 2, cached partitions: {string.Join(",", squares.CachedPartitions)}");
    Check(!squares.CachedPartitions.Contains(2), "partition 2 is gone from the block store");
    var recomputed = squares.Reduce((a, b) => a + b);
    Console.WriteLine($"   sum again {recomputed}; map calls {calls} (+{calls - 1000}: partition 2 holds items 500..749)");
    Check(recomputed == total && calls == 1250, "the same answer, recomputing only the 250 items of the lost partition");
    Check(squares.CachedPartitions.Count == 4, "the recomputed partition is cached again");
}

Console.WriteLine("3. An iterative job - gradient descent for logistic regression, SparkLR's program - in both execution modes.");
// ExecutionMode.MapReduce runs the same program as Hadoop would: nothing is cached, so every iteration is a job that
// reads and parses the input file again. InMemory reads and parses it once, then iterates over the cached points.
var folder = Path.Combine(Path.GetTempPath(), "rdd-app-02-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    const int Points = 20_000, Features = 4, Iterations = 5;
    var path = Path.Combine(folder, "points.csv");
    var random = new Random(42);
    File.WriteAllLines(path, Enumerable.Range(0, Points).Select(i =>
    {
        var y = i % 2 == 0 ? -1.0 : 1.0;      // SparkLR's data: Gaussian features shifted by y * 0.7
        var x = Enumerable.Range(0, Features).Select(_ => Gaussian(random) + y * 0.7);
        return string.Join(",", new[] { y }.Concat(x).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
    }));

    var results = new Dictionary<ExecutionMode, (double[] W, long Parsed, double Seconds)>();
    foreach (var mode in new[] { ExecutionMode.InMemory, ExecutionMode.MapReduce })
    {
        using var sc = new RddContext(new RddConfig { Parallelism = 2, ExecutionMode = mode });
        long parsed = 0;
        var points = sc.TextFile(path).Map(line =>
        {
            Interlocked.Increment(ref parsed);
            var v = line.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            return (Y: v[0], X: v[1..]);
        }).Cache();                           // a no-op in MapReduce mode
        var w = Enumerable.Repeat(0.0, Features).ToArray();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++)
        {
            var current = w;                  // each iteration's closure captures that iteration's weights
            var gradient = points.Map(p =>
            {
                var dot = 0.0;
                for (int j = 0; j < Features; j++) dot += current[j] * p.X[j];
                var scale = (1 / (1 + Math.Exp(-p.Y * dot)) - 1) * p.Y;
                return p.X.Select(x => x * scale).ToArray();
            }).Reduce((a, b) => a.Zip(b, (u, v) => u + v).ToArray());
            w = w.Zip(gradient, (u, g) => u - g / Points).ToArray();
        }
        results[mode] = (w, parsed, clock.Elapsed.TotalSeconds);
        Console.WriteLine($"   {mode,-9}: {Iterations} iterations in {clock.Elapsed.TotalSeconds:F2} s, lines parsed {parsed:N0}, w = [{string.Join(", ", w.Select(v => v.ToString("F4", CultureInfo.InvariantCulture)))}]");
    }
    var inMemory = results[ExecutionMode.InMemory];
    var mapReduce = results[ExecutionMode.MapReduce];
    Console.WriteLine($"   MapReduce / InMemory time: {mapReduce.Seconds / inMemory.Seconds:F1}x (not checked: it depends on the machine's load)");
    Check(inMemory.Parsed == Points, "InMemory parsed the file once, in the first iteration");
    Check(mapReduce.Parsed == (long)Points * Iterations, "MapReduce parsed it again in every iteration");
    Check(inMemory.W.Zip(mapReduce.W).All(p => Math.Abs(p.First - p.Second) < 1e-12), "both modes end with the same weights");
    Check(inMemory.W.All(v => v > 0), "the weights point towards the positive class (features were shifted by +0.7 y)");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} check(s) failed");
return failures == 0 ? 0 : 1;

static double Gaussian(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
