using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using MessagePack;
using Rdd.Benchmarks.Reporting;
using Rdd.Core.Collections;
using ObjectSerializer = Rdd.Core.Serialization.ObjectSerializer;
using Rdd.Core.Storage;

namespace Rdd.Benchmarks.Commands;

/// <summary>
/// Writes and reads back N (long, double) tuples (10 M by default) in memory through each way the engine can
/// serialize them, and reports throughput in MB/s of element data (16 bytes per tuple): the engine's
/// per-element path (<see cref="ObjectSerializer"/>, what object files use), MessagePack-CSharp's own
/// per-element loop with its standard resolver (one writer and one reader over the whole buffer: its best case),
/// and raw blocks (the elements' memory framed as MessagePack extension values): 64 KiB blocks through a spill
/// file (what spills and shuffle segments of unmanaged records use; a file in the temp folder, so it includes
/// the file system), and one block for all (what serialized and disk cache blocks use). The best of
/// <c>--runs</c> runs counts. The hand-written codec this replaced was measured on the same machine before it
/// was deleted: see benchmarks/README.md.
/// </summary>
internal static class SerializationCommand
{
    public const string Usage = "serialization [--count N (tuples, default 10000000)] [--runs N (default 3)] [--paths a,b (only the paths whose names contain these)]";

    private const int ElementBytes = 16;

    public static int Run(string[] args)
    {
        var options = new Options(args, ["count", "runs", "paths"], []);
        int count = options.Int("count", 10_000_000);
        int runs = Math.Max(1, options.Int("runs", 3));
        var items = new (long, double)[count];
        for (int i = 0; i < count; i++) items[i] = (i * 7919L, i * 0.25);

        Console.WriteLine($"Rdd serialization - {MachineInfo.Describe()}");
        Console.WriteLine($"{count:N0} (long, double) tuples = {count * (double)ElementBytes / 1e6:N0} MB of element data, in memory; best of {runs} runs");
        Console.WriteLine();
        var table = new TextTable("path", "encoded MB", "write MB/s", "read MB/s", "write+read MB/s");
        foreach (var (name, write, read) in Paths())
        {
            if (options.String("paths") is { } only && !only.Split(',').Any(p => name.Contains(p.Trim(), StringComparison.OrdinalIgnoreCase))) continue;
            double bestWrite = double.MaxValue, bestRead = double.MaxValue;
            long encoded = 0;
            for (int r = 0; r < runs; r++)
            {
                GC.Collect();
                var watch = Stopwatch.StartNew();
                var encodedBytes = write(items);
                double writeSeconds = watch.Elapsed.TotalSeconds;
                GC.Collect();
                watch.Restart();
                var back = read(encodedBytes, count);
                double readSeconds = watch.Elapsed.TotalSeconds;
                if (back.Length != count || back[^1] != items[^1] || back[count / 2] != items[count / 2])
                    throw new InvalidOperationException($"{name}: the values read back differ from those written.");
                bestWrite = Math.Min(bestWrite, writeSeconds);
                bestRead = Math.Min(bestRead, readSeconds);
                encoded = encodedBytes is byte[] array ? array.Length : ((SpillFile)encodedBytes).Length;
                if (encodedBytes is SpillFile file) file.Delete();
            }
            double megabytes = count * (double)ElementBytes / 1e6;
            table.Add(name, F(encoded / 1e6), F(megabytes / bestWrite), F(megabytes / bestRead), F(megabytes / (bestWrite + bestRead)));
        }
        Console.WriteLine(table);
        return 0;
    }

    private static string F(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    // A path's write returns what its read takes: the bytes, or the spill file.
    private static IEnumerable<(string Name, Func<(long, double)[], object> Write, Func<object, int, (long, double)[]> Read)> Paths()
    {
        yield return ("ObjectSerializer (MessagePack-CSharp, RddResolver), per element", WriteObjectSerializer, (b, n) => ReadObjectSerializer((byte[])b, n));
        yield return ("MessagePack-CSharp alone (StandardResolver), per element", WriteMessagePackCSharp, (b, n) => ReadMessagePackCSharp((byte[])b, n));
        yield return ("raw blocks, one per 64 KiB (spill file, SpillWriter/SpillFile)", WriteSpill, (f, n) => ReadSpill((SpillFile)f, n));
        yield return ("raw block, one for all (cache block, BlockCodec)", WriteRawBlock, (b, n) => ReadRawBlock((byte[])b, n));
    }

    private static byte[] WriteObjectSerializer((long, double)[] items)
    {
        using var stream = new MemoryStream(items.Length * 20);
        ObjectSerializer.WriteAll(stream, items);
        return stream.ToArray();
    }

    private static (long, double)[] ReadObjectSerializer(byte[] bytes, int count)
    {
        var result = new (long, double)[count];
        int i = 0;
        foreach (var item in ObjectSerializer.ReadAll<(long, double)>(new MemoryStream(bytes, writable: false))) result[i++] = item;
        return result;
    }

    private static byte[] WriteMessagePackCSharp((long, double)[] items)
    {
        var options = MessagePackSerializerOptions.Standard;
        var formatter = options.Resolver.GetFormatterWithVerify<(long, double)>();
        var buffer = new ArrayBufferWriter<byte>(items.Length * 20);
        var writer = new MessagePackWriter(buffer);
        foreach (var item in items) formatter.Serialize(ref writer, item, options);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static (long, double)[] ReadMessagePackCSharp(byte[] bytes, int count)
    {
        var options = MessagePackSerializerOptions.Standard;
        var formatter = options.Resolver.GetFormatterWithVerify<(long, double)>();
        var result = new (long, double)[count];
        var reader = new MessagePackReader(bytes);
        for (int i = 0; i < result.Length; i++) result[i] = formatter.Deserialize(ref reader, options);
        return result;
    }

    private static SpillFile WriteSpill((long, double)[] items)
    {
        using var writer = SpillWriter<(long, double)>.Create(Path.Combine(Path.GetTempPath(), "rdd-serialization-bench"));
        foreach (var item in items) writer.Write(item);
        return writer.Complete();
    }

    private static (long, double)[] ReadSpill(SpillFile file, int count)
    {
        var result = new (long, double)[count];
        int i = 0;
        foreach (var item in file.Read<(long, double)>()) result[i++] = item;
        return result;
    }

    private static byte[] WriteRawBlock((long, double)[] items) => BlockCodec<(long, double)>.Instance!.Serialize(items);

    private static (long, double)[] ReadRawBlock(byte[] bytes, int count) => BlockCodec<(long, double)>.Instance!.Deserialize(bytes);
}
