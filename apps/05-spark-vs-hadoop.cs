// Spark's founding benchmark (the RDD paper, Figure 7): SparkLR's iterative logistic regression, run in memory
// (Spark: the parsed points are cached after the first iteration) and as MapReduce (Hadoop: every iteration re-reads
// and re-parses the text). A small default size; the full-size run is `dotnet run -c Release --project benchmarks/Rdd.Benchmarks`.
// Run from the repository's root: dotnet run apps/05-spark-vs-hadoop.cs [-- --points N --iterations N]
// (It checks its own results and exits with status 1 when one is wrong; times are printed, not checked.)
#:project ../src/Core/Rdd.Core.csproj
using System.Diagnostics;
using System.Globalization;
using Rdd.Core;

int points = 100_000, iterations = 5;
const int Features = 10;
for (int a = 0; a + 1 < args.Length; a += 2)
{
    switch (args[a])
    {
        case "--points": points = int.Parse(args[a + 1], CultureInfo.InvariantCulture); break;
        case "--iterations": iterations = int.Parse(args[a + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[a]} (--points N, --iterations N)"); return 2;
    }
}

var failures = 0;
void Check(bool ok, string what)
{
    Console.WriteLine($"  [{(ok ? "ok" : "FAIL")}] {what}");
    if (!ok) failures++;
}

var folder = Path.Combine(Path.GetTempPath(), "rdd-app-05-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    // SparkLR.generateData: label y alternating -1/+1, features Gaussian + y * R (R = 0.7), seeded; written as CSV.
    var path = Path.Combine(folder, "points.csv");
    var random = new Random(42);
    using (var writer = new StreamWriter(path))
    {
        for (int i = 0; i < points; i++)
        {
            double y = i % 2 == 0 ? -1 : 1;
            writer.Write(y.ToString(CultureInfo.InvariantCulture));
            for (int j = 0; j < Features; j++)
            {
                writer.Write(',');
                writer.Write((Gaussian(random) + y * 0.7).ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write('\n');
        }
    }
    Console.WriteLine($"{points:N0} points x {Features} features ({new FileInfo(path).Length / 1e6:F1} MB of CSV), {iterations} iterations, 2 workers");

    var initial = Enumerable.Range(0, Features).Select(_ => 2 * random.NextDouble() - 1).ToArray();   // w starts at 2 * rand - 1
    var runs = new Dictionary<ExecutionMode, (double[] Seconds, double[] W, long Parsed)>();
    foreach (var mode in new[] { ExecutionMode.InMemory, ExecutionMode.MapReduce })
    {
        using var sc = new RddContext(new RddConfig { Parallelism = 2, ExecutionMode = mode });
        long parsed = 0;
        // SparkLR's program as its user writes it; Cache() is what MapReduce mode ignores.
        var data = sc.TextFile(path).Map(line =>
        {
            Interlocked.Increment(ref parsed);
            var parts = line.Split(',');
            var x = new double[Features];
            for (int j = 0; j < Features; j++) x[j] = double.Parse(parts[j + 1], CultureInfo.InvariantCulture);
            return (Y: double.Parse(parts[0], CultureInfo.InvariantCulture), X: x);
        }).Cache();
        var w = (double[])initial.Clone();
        var seconds = new double[iterations];
        for (int i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            var current = w;
            var gradient = data.Map(p =>
            {
                double dot = 0;
                for (int j = 0; j < Features; j++) dot += current[j] * p.X[j];
                double scale = (1 / (1 + Math.Exp(-p.Y * dot)) - 1) * p.Y;
                var g = new double[Features];
                for (int j = 0; j < Features; j++) g[j] = p.X[j] * scale;
                return g;
            }).Reduce((a, b) =>
            {
                var sum = new double[Features];
                for (int j = 0; j < Features; j++) sum[j] = a[j] + b[j];
                return sum;
            });
            w = w.Zip(gradient, (u, g) => u - g).ToArray();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }
        runs[mode] = (seconds, w, parsed);
    }

    Console.WriteLine();
    Console.WriteLine("| mode | first iteration s | later iterations s (mean) | total s | lines parsed |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var (mode, run) in runs)
    {
        var later = run.Seconds.Length > 1 ? run.Seconds.Skip(1).Average() : double.NaN;
        Console.WriteLine($"| {mode} | {run.Seconds[0]:F3} | {later:F3} | {run.Seconds.Sum():F2} | {run.Parsed:N0} |");
    }
    var inMemory = runs[ExecutionMode.InMemory];
    var mapReduce = runs[ExecutionMode.MapReduce];
    if (iterations > 1)
    {
        Console.WriteLine($"later iterations, MapReduce / InMemory: {mapReduce.Seconds.Skip(1).Average() / inMemory.Seconds.Skip(1).Average():F1}x " +
                          "(the paper measured about 25x at full size; small sizes and a loaded machine give less)");
    }
    Console.WriteLine($"final w = [{string.Join(", ", inMemory.W.Select(v => v.ToString("F4", CultureInfo.InvariantCulture)))}]");
    Console.WriteLine();
    Check(inMemory.Parsed == points, "InMemory parsed the text once (the first iteration cached the points)");
    Check(mapReduce.Parsed == (long)points * iterations, "MapReduce parsed it in every iteration, as Hadoop would");
    Check(inMemory.W.Zip(mapReduce.W).All(p => Math.Abs(p.First - p.Second) <= 1e-9 * Math.Max(1, Math.Abs(p.First))),
        "both modes end with the same weights");
    Check(inMemory.W.All(v => v > 0), "every weight points towards the positive class (features were shifted by +0.7 y)");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} check(s) failed");
return failures == 0 ? 0 : 1;

static double Gaussian(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
