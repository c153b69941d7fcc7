using System.Diagnostics;
using System.Globalization;
using Rdd.Benchmarks.Reporting;
using Rdd.Core;

namespace Rdd.Benchmarks.Commands;

/// <summary>
/// How compact cached primitive data is. Caches <c>Rdd&lt;double[]&gt;</c> (default 1 M rows × 10 doubles) and
/// <c>Rdd&lt;(long, double)&gt;</c> (default 10 M pairs) at MEMORY_ONLY and MEMORY_ONLY_SER, and reports per
/// case the raw bytes of the data, the bytes the block store accounts for, and the real growth of the managed
/// heap (<see cref="GC.GetTotalMemory"/> after full collections, before and after a job that fills the cache),
/// each as a ratio against the targets: 1.5× for objects, 1.1× for serialized blocks (Spark's tuning guide
/// warns of 2–5× for Java objects). A reference row caches the pairs as class tuples, the JVM's object layout.
/// The data is generated inside the job, so the cache is the only thing the job leaves on the heap.
/// </summary>
internal static class CacheSizeCommand
{
    public const string Usage = "cachesize [--rows N (double[] rows, default 1000000)] [--width N (default 10)] [--pairs N (default 10000000)] [--partitions N] [--no-reference]";

    private const double ObjectTarget = 1.5;
    private const double SerializedTarget = 1.1;

    public static int Run(string[] args)
    {
        var options = new Options(args, ["rows", "width", "pairs", "partitions"], ["no-reference"]);
        int rows = options.Int("rows", 1_000_000);
        int width = options.Int("width", 10);
        int pairs = options.Int("pairs", 10_000_000);
        int partitions = options.Int("partitions", 4 * Environment.ProcessorCount);
        if (rows <= 0 || width <= 0 || pairs <= 0 || partitions <= 0) throw new ArgumentException("--rows, --width, --pairs and --partitions must be positive.");

        Console.WriteLine($"Rdd cache size - {MachineInfo.Describe()}");
        Console.WriteLine($"{partitions} partitions; store = BlockStore.MemoryUsedBytes; heap = GC.GetTotalMemory(true) growth while the cache is filled;");
        Console.WriteLine("cache s = the job that fills the cache; read s = a Count over the cached data; unpersisted = heap growth left after Unpersist");
        Console.WriteLine();

        var results = new List<Result>
        {
            Measure($"double[{width}] rows", rows, rows * (long)width * sizeof(double), StorageLevel.MemoryOnly, ObjectTarget, partitions,
                c => c.Range(0, rows, numSlices: partitions).Map(i => Row(i, width))),
            Measure($"double[{width}] rows", rows, rows * (long)width * sizeof(double), StorageLevel.MemoryOnlySer, SerializedTarget, partitions,
                c => c.Range(0, rows, numSlices: partitions).Map(i => Row(i, width))),
            Measure("(long, double) pairs", pairs, pairs * 16L, StorageLevel.MemoryOnly, ObjectTarget, partitions,
                c => c.Range(0, pairs, numSlices: partitions).Map(static i => (i, i * 0.5))),
            Measure("(long, double) pairs", pairs, pairs * 16L, StorageLevel.MemoryOnlySer, SerializedTarget, partitions,
                c => c.Range(0, pairs, numSlices: partitions).Map(static i => (i, i * 0.5))),
        };
        if (!options.Has("no-reference"))
            results.Add(Measure("Tuple<long, double> objects", pairs, pairs * 16L, StorageLevel.MemoryOnly, target: null, partitions,
                c => c.Range(0, pairs, numSlices: partitions).Map(static i => Tuple.Create(i, i * 0.5))));

        var table = new TextTable("data", "level", "elements", "raw MB", "store MB", "store ×", "heap MB", "heap ×", "target", "met", "cache s", "read s", "unpersisted MB");
        foreach (var r in results)
            table.Add(r.Data, r.Level.Name, r.Elements.ToString("N0", CultureInfo.InvariantCulture), Mb(r.RawBytes), Mb(r.StoreBytes),
                Ratio(r.StoreBytes, r.RawBytes), Mb(r.HeapBytes), Ratio(r.HeapBytes, r.RawBytes),
                r.Target is { } t ? $"≤ {t.ToString("F1", CultureInfo.InvariantCulture)}×" : "(reference)",
                r.Target is null ? "-" : r.Met ? "yes" : "NO",
                r.CacheTime.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture), r.ReadTime.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture),
                Mb(r.HeapAfterUnpersist));
        Console.Write(table);
        Console.WriteLine();
        bool allMet = results.All(r => r.Target is null || r.Met);
        Console.WriteLine(allMet
            ? "All cases meet their targets (store-accounted and measured heap bytes)."
            : "Some cases MISS their targets.");
        return allMet ? 0 : 1;
    }

    private static Result Measure<T>(string data, long elements, long rawBytes, StorageLevel level, double? target, int partitions, Func<RddContext, Rdd<T>> build)
    {
        var localDir = Path.Combine(Path.GetTempPath(), $"rdd-cachesize-{Environment.ProcessId}");
        // Room for everything: this measures size, not eviction.
        using var context = ConsoleProgress.NewContext(new RddConfig { StorageMemoryBytes = 64L << 30, LocalDir = localDir });
        // Warm up on a small job, so that code and scheduler state created once are not counted.
        build(context).Take(1);
        var rdd = build(context).Persist(level);

        long before = HeapBytes();
        var watch = Stopwatch.StartNew();
        long count = rdd.Count();
        var cacheTime = watch.Elapsed;
        long after = HeapBytes();
        long storeBytes = context.Storage.MemoryUsedBytes;

        watch.Restart();
        long reread = rdd.Count();
        var readTime = watch.Elapsed;
        if (count != elements || reread != elements || rdd.CachedPartitions.Count != partitions)
            throw new InvalidOperationException($"{data} at {level}: counted {count:N0} then {reread:N0} of {elements:N0}, {rdd.CachedPartitions.Count} of {partitions} partitions cached.");
        // Free the blocks now, and check that they are gone from the heap: the next case's baseline must not
        // depend on when this context becomes garbage.
        rdd.Unpersist();
        long left = HeapBytes() - before;

        long heapBytes = after - before;
        bool met = target is { } t && storeBytes <= t * rawBytes && heapBytes <= t * rawBytes;
        return new Result(data, level, elements, rawBytes, storeBytes, heapBytes, left, target, met, cacheTime, readTime);
    }

    private static long HeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double[] Row(long i, int width)
    {
        var row = new double[width];
        for (int j = 0; j < width; j++) row[j] = i + j * 0.125;
        return row;
    }

    private static string Mb(long bytes) => (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture);

    private static string Ratio(long bytes, long raw) => ((double)bytes / raw).ToString("F3", CultureInfo.InvariantCulture);

    private sealed record Result(string Data, StorageLevel Level, long Elements, long RawBytes, long StoreBytes, long HeapBytes, long HeapAfterUnpersist,
        double? Target, bool Met, TimeSpan CacheTime, TimeSpan ReadTime);
}
