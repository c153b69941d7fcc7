using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using MessagePack;
using Rdd.Benchmarks.Reporting;
using ObjectSerializer = Rdd.Core.Serialization.ObjectSerializer;
using Rdd.Core.Storage;

namespace Rdd.Benchmarks.Commands;

/// <summary>
/// Writes and reads back N (long, double) tuples (10 M by default) in memory through each way the engine can
/// serialize them, and reports throughput in MB/s of element data (16 bytes per tuple): the engine's
/// per-element path (<see cref="ObjectSerializer"/>, what object files use), MessagePack-CSharp's own
/// per-element loop (one writer and one reader over the whole buffer: its best case), and raw blocks (the
/// elements' memory framed as MessagePack extension values, what spills, shuffles and blocks use for
/// unmanaged types). The best of <c>--runs</c> runs counts.
/// </summary>
internal static class SerializationCommand
{
    public const string Usage = "serialization [--count N (tuples, default 10000000)] [--runs N (default 3)]";

    private const int ElementBytes = 16;

    public static int Run(string[] args)
    {
        var options = new Options(args, ["count", "runs"], []);
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
            double bestWrite = double.MaxValue, bestRead = double.MaxValue;
            long encoded = 0;
            for (int r = 0; r < runs; r++)
            {
                GC.Collect();
                var watch = Stopwatch.StartNew();
                var bytes = write(items);
                double writeSeconds = watch.Elapsed.TotalSeconds;
                GC.Collect();
                watch.Restart();
                var back = read(bytes, count);
                double readSeconds = watch.Elapsed.TotalSeconds;
                if (back.Length != count || back[^1] != items[^1] || back[count / 2] != items[count / 2])
                    throw new InvalidOperationException($"{name}: the values read back differ from those written.");
                bestWrite = Math.Min(bestWrite, writeSeconds);
                bestRead = Math.Min(bestRead, readSeconds);
                encoded = bytes.Length;
            }
            double megabytes = count * (double)ElementBytes / 1e6;
            table.Add(name, F(encoded / 1e6), F(megabytes / bestWrite), F(megabytes / bestRead), F(megabytes / (bestWrite + bestRead)));
        }
        Console.WriteLine(table);
        return 0;
    }

    private static string F(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static IEnumerable<(string Name, Func<(long, double)[], byte[]> Write, Func<byte[], int, (long, double)[]> Read)> Paths()
    {
        yield return ("ObjectSerializer (MessagePack-CSharp, RddResolver), per element", WriteObjectSerializer, ReadObjectSerializer);
        yield return ("MessagePack-CSharp, per element", WriteMessagePackCSharp, ReadMessagePackCSharp);
        yield return ("raw blocks (BlockCodec)", WriteRawBlock, ReadRawBlock);
    }

    private static byte[] WriteObjectSerializer((long, double)[] items)
    {
        using var stream = new MemoryStream();
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

    private static byte[] WriteRawBlock((long, double)[] items) => BlockCodec<(long, double)>.Instance!.Serialize(items);

    private static (long, double)[] ReadRawBlock(byte[] bytes, int count) => BlockCodec<(long, double)>.Instance!.Deserialize(bytes);
}
