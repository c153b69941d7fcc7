using Rdd.Tests.Shared;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Buffers;
using System.Runtime.CompilerServices;
using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

/// <summary>
/// Interop with the official JavaScript implementation (@msgpack/msgpack, tests/interop): what we write
/// it decodes with decodeMulti, and what it encodes we read back. msgpack-decode.mjs documents the JSON
/// tags used for values JSON cannot hold.
/// </summary>
public sealed class MessagePackInteropTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"rdd-msgpack-interop-{Guid.NewGuid():N}");

    public MessagePackInteropTests()
    {
        System.IO.Directory.CreateDirectory(_directory);
    }

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Decode_ValuesWrittenByUs_AreDecodedByJavaScript()
    {
        var longString = new string('x', 300);
        var twenty = Enumerable.Range(0, 20).ToDictionary(i => $"k{i}", i => i);
        var cases = new (string Name, byte[] Bytes, string ExpectedJson)[]
        {
            ("int 127", S(127), "127"),
            ("int -33", S(-33), "-33"),
            ("int 256", S(256), "256"),
            ("int min", S(int.MinValue), "-2147483648"),
            ("uint32 max", S(4294967295L), "4294967295"),
            ("long max", S(long.MaxValue), """{"$bigint":"9223372036854775807"}"""),
            ("long min", S(long.MinValue), """{"$bigint":"-9223372036854775808"}"""),
            ("ulong max", S(ulong.MaxValue), """{"$bigint":"18446744073709551615"}"""),
            ("double 1.5", S(1.5), "1.5"),
            ("double 0.1", S(0.1), "0.1"),
            ("double max", S(double.MaxValue), "1.7976931348623157e308"),
            ("double NaN", S(double.NaN), """{"$float":"NaN"}"""),
            ("double +inf", S(double.PositiveInfinity), """{"$float":"Infinity"}"""),
            ("double -inf", S(double.NegativeInfinity), """{"$float":"-Infinity"}"""),
            ("double -0", S(-0.0), """{"$float":"-0"}"""),
            ("float 2.5", S(2.5f), "2.5"),
            ("string empty", S(""), "\"\""),
            ("string unicode", S("héllo 世界 🎉"), JsonSerializer.Serialize("héllo 世界 🎉")),
            ("string 300", S(longString), JsonSerializer.Serialize(longString)),
            ("string null", S<string?>(null), "null"),
            ("bool", S(true), "true"),
            ("bytes", S(new byte[] { 1, 2, 3 }), """{"$bin":"010203"}"""),
            ("guid", S(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")), """{"$bin":"00112233445566778899aabbccddeeff"}"""),
            ("decimal", S(1.50m), "\"1.50\""),
            ("enum", S(Color.Green), "5"),
            ("int[]", S(new[] { 1, 2, 3 }), "[1,2,3]"),
            ("int[] 20", S(Enumerable.Range(0, 20).ToArray()), JsonSerializer.Serialize(Enumerable.Range(0, 20))),
            ("int[] empty", S(Array.Empty<int>()), "[]"),
            ("double[]", S(new[] { 1.5, double.NaN }), """[1.5,{"$float":"NaN"}]"""),
            ("long[]", S(new[] { long.MaxValue, 1L }), """[{"$bigint":"9223372036854775807"},1]"""),
            ("list", S(new List<string?> { "a", null }), """["a",null]"""),
            ("dictionary", S(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }), """{"a":1,"b":2}"""),
            ("dictionary 20", S(twenty), JsonSerializer.Serialize(twenty)),
            ("dictionary empty", S(new Dictionary<string, int>()), "{}"),
            ("tuple", S((1, "x", (2.5, true))), """[1,"x",[2.5,true]]"""),
            ("record", S(new Person("Ann", 42)), """["Ann",42]"""),
            ("option some", S(Option.Some(5)), "[5]"),
            ("option none", S(Option<int>.None), "null"),
            ("date", S(new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc)), """{"$date":"2024-01-02T03:04:05.678Z"}"""),
            ("date before epoch", S(DateTime.UnixEpoch.AddMilliseconds(-1)), """{"$date":"1969-12-31T23:59:59.999Z"}"""),
            ("date 2500", S(new DateTime(2500, 1, 1, 0, 0, 0, DateTimeKind.Utc)), """{"$date":"2500-01-01T00:00:00.000Z"}"""),
            ("date min", S(DateTime.MinValue), """{"$date":"0001-01-01T00:00:00.000Z"}"""),
        };
        var file = Path.Combine(_directory, "from-csharp.msgpack");
        File.WriteAllBytes(file, cases.SelectMany(c => c.Bytes).ToArray());

        var decoded = JsonNode.Parse(NodeInterop.RunScript("msgpack-decode.mjs", file))!.AsArray();

        Assert.Equal(cases.Length, decoded.Count);
        for (var i = 0; i < cases.Length; i++)
        {
            var expected = JsonNode.Parse(cases[i].ExpectedJson);
            Assert.True(JsonNode.DeepEquals(expected, decoded[i]),
                $"{cases[i].Name}: expected {cases[i].ExpectedJson}, JavaScript decoded {decoded[i]?.ToJsonString() ?? "null"}");
        }
    }

    [Fact]
    public void Decode_WriteAllStream_IsReadByDecodeMulti()
    {
        var items = Enumerable.Range(0, 5000).Select(i => (i, $"v{i}", new[] { i * 0.5 })).ToList();
        var file = Path.Combine(_directory, "stream.msgpack");
        using (var stream = File.Create(file))
        {
            ObjectSerializer.WriteAll(stream, items);
        }

        var decoded = JsonNode.Parse(NodeInterop.RunScript("msgpack-decode.mjs", file))!.AsArray();

        Assert.Equal(items.Count, decoded.Count);
        for (var i = 0; i < items.Count; i += 997)
        {
            var expected = JsonNode.Parse(JsonSerializer.Serialize(new object[] { items[i].Item1, items[i].Item2, items[i].Item3 }));
            Assert.True(JsonNode.DeepEquals(expected, decoded[i]), $"element {i}: {decoded[i]?.ToJsonString()}");
        }
    }

    [Fact]
    public void SaveAsObjectFile_PartFiles_AreReadByDecodeMulti()
    {
        var items = Enumerable.Range(0, 300).Select(i => new Person($"p{i}", i)).ToArray();
        var output = Path.Combine(_directory, "people");
        using (var sc = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(_directory, "local") }))
            sc.Parallelize(items, 3).SaveAsObjectFile(output);

        var parts = Directory.GetFiles(output, "part-*").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(3, parts.Length);
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        var decoded = parts.SelectMany(part => JsonNode.Parse(NodeInterop.RunScript("msgpack-decode.mjs", part))!.AsArray()).ToArray();
        Assert.Equal(items.Length, decoded.Length);
        for (var i = 0; i < items.Length; i++)
        {
            var expected = JsonNode.Parse(JsonSerializer.Serialize(new object[] { items[i].Name, items[i].Age }));
            Assert.True(JsonNode.DeepEquals(expected, decoded[i]), $"element {i}: {decoded[i]?.ToJsonString()}");
        }
    }

    [Fact]
    public void BlockFiles_RawLayouts_AreMessagePackForDecodeMulti()
    {
        // Serialized and disk blocks of primitive data keep their raw bytes, framed as MessagePack extension values.
        var pairs = new (long, double)[] { (1, 0.5), (2, 1.5) };
        var rows = new double[]?[] { [1.0, 2.0], null };
        var pairFile = Path.Combine(_directory, "pairs.block");
        var rowFile = Path.Combine(_directory, "rows.block");
        File.WriteAllBytes(pairFile, Rdd.Core.Storage.BlockCodec<(long, double)>.Instance!.Serialize(pairs));
        File.WriteAllBytes(rowFile, Rdd.Core.Storage.BlockCodec<double[]?>.Instance!.Serialize(rows));

        var pairValues = JsonNode.Parse(NodeInterop.RunScript("msgpack-decode.mjs", pairFile))!.AsArray();
        Assert.Single(pairValues);
        Assert.Equal(2, (int)pairValues[0]!["$ext"]!);
        Assert.Equal(2 * 16 * 2, ((string)pairValues[0]!["hex"]!).Length);

        var rowValues = JsonNode.Parse(NodeInterop.RunScript("msgpack-decode.mjs", rowFile))!.AsArray();
        var rowArray = Assert.Single(rowValues)!.AsArray();
        Assert.Equal(2, rowArray.Count);
        Assert.Equal(3, (int)rowArray[0]!["$ext"]!);
        Assert.Equal("000000000000f03f0000000000000040", (string)rowArray[0]!["hex"]!);
        Assert.Null(rowArray[1]);
    }

    [Fact]
    public void RawBlocks_OfSpillsShufflesAndBlocks_AreReadByJavaScriptAsTypedArrays()
    {
        // (long, double) records have no per-record encoding: a spill run (here 10,000 records in two segments, so
        // several 64 KiB blocks) and a cache block are extension values of type 2 whose payload is the records'
        // memory, 8 bytes of long then 8 bytes of double, little-endian.
        var probe = default((long, double));
        Assert.Equal(16, Unsafe.SizeOf<(long, double)>());
        Assert.Equal(8, (int)Unsafe.ByteOffset(ref Unsafe.As<(long, double), byte>(ref probe), ref Unsafe.As<double, byte>(ref probe.Item2)));
        var records = Enumerable.Range(0, 10_000).Select(i => ((long)i * -7919 + long.MaxValue / 3, i * 0.5 - 1e300 * (i % 2))).ToArray();
        records[1] = (long.MinValue, double.NaN);
        var spillPath = Path.Combine(_directory, "run.spill");
        Rdd.Core.Collections.SpillFile spill;
        using (var writer = new Rdd.Core.Collections.SpillWriter<(long, double)>(spillPath))
        {
            foreach (var record in records.AsSpan(0, 6_000)) writer.Write(record);
            writer.EndSegment();
            foreach (var record in records.AsSpan(6_000)) writer.Write(record);
            spill = writer.Complete();
        }
        var blockPath = Path.Combine(_directory, "pairs.block");
        File.WriteAllBytes(blockPath, Rdd.Core.Storage.BlockCodec<(long, double)>.Instance!.Serialize(records[..100]));

        var spillBlocks = JsonNode.Parse(NodeInterop.RunScript("msgpack-raw-block.mjs", spillPath, "i64,f64"))!.AsArray();
        var cacheBlocks = JsonNode.Parse(NodeInterop.RunScript("msgpack-raw-block.mjs", blockPath, "i64,f64"))!.AsArray();

        Assert.True(spillBlocks.Count >= 3, $"{spillBlocks.Count} blocks");
        Assert.Equal(new FileInfo(spillPath).Length, spill.Length);
        AssertRecords(records, spillBlocks);
        Assert.Single(cacheBlocks);
        AssertRecords(records[..100], cacheBlocks);

        static void AssertRecords((long, double)[] expected, JsonArray blocks)
        {
            var decoded = blocks.SelectMany(b => b!["records"]!.AsArray()).ToArray();
            Assert.Equal(expected.Length, decoded.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i].Item1.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)decoded[i]![0]!);
                var value = decoded[i]![1]!;
                if (double.IsNaN(expected[i].Item2)) Assert.Equal("NaN", (string)value!);
                else Assert.Equal(expected[i].Item2, (double)value);
            }
        }
    }

    [Fact]
    public void ObjectFile_FileEncodedByJavaScript_IsReadAsAnRdd()
    {
        var folder = Path.Combine(_directory, "from-js");
        Directory.CreateDirectory(folder);
        NodeInterop.RunScript("msgpack-encode.mjs", Path.Combine(folder, "part-00000"));
        using var sc = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(_directory, "local") });
        // The JavaScript file starts with the integer cases "int 0", "int 127", "int 128"… read as an Rdd of ints.
        var first = sc.ObjectFile<object>(folder).Take(3);
        Assert.Equal(new object[] { 0, 127, 128 }, first);
    }

    [Fact]
    public void Encode_ValuesWrittenByJavaScript_AreReadByUs()
    {
        var checks = new (string Name, Action<byte[]> Check)[]
        {
            ("int 0", b => Assert.Equal(0, D<int>(b))),
            ("int 127", b => Assert.Equal(127, D<int>(b))),
            ("int 128", b => Assert.Equal(128, D<int>(b))),
            ("int 255", b => Assert.Equal((byte)255, D<byte>(b))),
            ("int 256", b => Assert.Equal(256, D<int>(b))),
            ("int 65535", b => Assert.Equal(ushort.MaxValue, D<ushort>(b))),
            ("int 65536", b => Assert.Equal(65536, D<int>(b))),
            ("int -1", b => Assert.Equal(-1, D<int>(b))),
            ("int -32", b => Assert.Equal(-32, D<sbyte>(b))),
            ("int -33", b => Assert.Equal(-33, D<int>(b))),
            ("int -128", b => Assert.Equal(sbyte.MinValue, D<sbyte>(b))),
            ("int -129", b => Assert.Equal(-129, D<short>(b))),
            ("int -32768", b => Assert.Equal(short.MinValue, D<short>(b))),
            ("int -32769", b => Assert.Equal(-32769, D<int>(b))),
            ("int min", b => Assert.Equal(int.MinValue, D<int>(b))),
            ("int max", b => Assert.Equal(int.MaxValue, D<int>(b))),
            ("long 4294967295", b => Assert.Equal(uint.MaxValue, D<uint>(b))),
            ("long 4294967296", b => Assert.Equal(4294967296L, D<long>(b))),
            ("long -2147483649", b => Assert.Equal(-2147483649L, D<long>(b))),
            ("long max safe", b => Assert.Equal(9007199254740991L, D<long>(b))),
            ("long min safe", b => Assert.Equal(-9007199254740991L, D<long>(b))),
            ("long as float64", b => Assert.Equal(4294967296L, D<long>(b))),
            ("long max", b => Assert.Equal(long.MaxValue, D<long>(b))),
            ("long min", b => Assert.Equal(long.MinValue, D<long>(b))),
            ("ulong max", b => Assert.Equal(ulong.MaxValue, D<ulong>(b))),
            ("double 1.5", b => Assert.Equal(1.5, D<double>(b))),
            ("double 0.1", b => Assert.Equal(0.1, D<double>(b))),
            ("double tiny", b => Assert.Equal(-2.5e-300, D<double>(b))),
            ("double huge", b => Assert.Equal(1e300, D<double>(b))),
            ("double NaN", b => Assert.True(double.IsNaN(D<double>(b)))),
            ("double Infinity", b => Assert.Equal(double.PositiveInfinity, D<double>(b))),
            ("double -Infinity", b => Assert.Equal(double.NegativeInfinity, D<double>(b))),
            ("double whole", b => Assert.Equal(3.0, D<double>(b))),
            ("string empty", b => Assert.Equal("", D<string>(b))),
            ("string a", b => Assert.Equal("a", D<string>(b))),
            ("string unicode", b => Assert.Equal("héllo wörld 世界 🎉", D<string>(b))),
            ("string 31", b => Assert.Equal(new string('x', 31), D<string>(b))),
            ("string 32", b => Assert.Equal(new string('x', 32), D<string>(b))),
            ("string 300", b => Assert.Equal(new string('y', 300), D<string>(b))),
            ("string 70000", b => Assert.Equal(new string('z', 70000), D<string>(b))),
            ("bool true", b => Assert.True(D<bool>(b))),
            ("bool false", b => Assert.False(D<bool>(b))),
            ("nil", b => Assert.Null(D<string?>(b))),
            ("bin 3", b => Assert.Equal([1, 2, 3], D<byte[]>(b))),
            ("bin 300", b => Assert.Equal(Enumerable.Range(0, 300).Select(i => (byte)i), D<byte[]>(b))),
            ("array empty", b => Assert.Empty(D<int[]>(b))),
            ("array ints", b => Assert.Equal([1, 2, 3], D<int[]>(b))),
            ("array 20 longs", b => Assert.Equal(Enumerable.Range(0, 20).Select(i => i * 1000L), D<List<long>>(b))),
            ("array doubles", b => Assert.Equal([1.5, 2.0, double.NaN], D<double[]>(b))),
            ("array strings", b => Assert.Equal(new string?[] { "a", null, "c" }, D<string?[]>(b))),
            ("map", b => Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, D<Dictionary<string, int>>(b))),
            ("map empty", b => Assert.Empty(D<IReadOnlyDictionary<string, int>>(b))),
            ("map 20", b => Assert.Equal(Enumerable.Range(0, 20).ToDictionary(i => $"k{i}", i => (long)i), D<Dictionary<string, long>>(b))),
            ("map of lists", b => Assert.Equal([1, 2], D<Dictionary<string, List<int>>>(b)["k"])),
            ("date", b => Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), D<DateTime>(b))),
            ("date epoch", b => Assert.Equal(DateTime.UnixEpoch, D<DateTime>(b))),
            ("date before epoch", b => Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(-1), D<DateTime>(b))),
            ("date 2500", b => Assert.Equal(new DateTime(2500, 1, 1, 0, 0, 0, DateTimeKind.Utc), D<DateTime>(b))),
            ("date min", b => Assert.Equal(DateTime.MinValue, D<DateTime>(b))),
            ("record", b => Assert.Equal(new Person("Ann", 42), D<Person>(b))),
            ("nested tuple", b => Assert.Equal((1, "x", (2.5, true)), D<(int, string, (double, bool))>(b))),
            ("option some", b => Assert.Equal(Option.Some(5), D<Option<int>>(b))),
            ("option none", b => Assert.Equal(Option<int>.None, D<Option<int>>(b))),
            ("jagged", b => Assert.Equal([[1, 2], [3]], D<int[][]>(b))),
            ("decimal", b => Assert.Equal(1.50m, D<decimal>(b))),
        };
        var file = Path.Combine(_directory, "from-javascript.msgpack");

        var names = JsonSerializer.Deserialize<string[]>(NodeInterop.RunScript("msgpack-encode.mjs", file));

        Assert.Equal(checks.Select(c => c.Name), names);
        // Split the file into its values with MessagePack-CSharp's reader (Skip walks one value), then decode each alone.
        var values = new MessagePack.MessagePackReader(File.ReadAllBytes(file));
        foreach (var (name, check) in checks)
        {
            Assert.False(values.End, $"{name}: missing");
            var start = values.Position;
            values.Skip();
            var value = values.Sequence.Slice(start, values.Position).ToArray();
            try
            {
                check(value);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"{name}: {e.Message}");
            }
        }
        Assert.True(values.End);
    }

    private static byte[] S<T>(T value) => ObjectSerializer.Serialize(value);

    private static T D<T>(byte[] bytes) => ObjectSerializer.Deserialize<T>(bytes);
}
