using System.Text.Json.Nodes;
using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.IO.ArrowFiles;
using Rdd.Sql.Types;
using Rdd.Tests.Shared;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Writes frames of every SQL type with <c>Write.Arrow</c> (uncompressed, LZ4_FRAME and ZSTD), an empty frame, and a
/// batch in the stream form shuffles and the cache spill to disk, then has tests/interop/arrow-read.mjs read every
/// file in one node process; keeps what was written and what apache-arrow saw.
/// </summary>
public sealed class CSharpWrittenFilesFixture : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly RddContext _context = new(new RddConfig { Parallelism = 2 });
    private readonly JsonObject _read;

    public sealed record Item(
        int Id, sbyte? Tiny, short? Small, int? Number, long? Big, float? Single, double? Real, bool? Flag, string? Text,
        byte[]? Bytes, DateOnly? Day, DateTime? At);

    public CSharpWrittenFilesFixture()
    {
        var sql = new SqlContext(_context);
        var frame = sql.CreateDataFrame(_context.Parallelize(Items(150), 3));
        foreach (var codec in new[] { "none", "lz4", "zstd" })
        {
            string folder = _directory.File($"all-types-{codec}");
            frame.Write.Option("compression", codec).Arrow(folder);
            foreach (var part in Directory.GetFiles(folder, "part-*").Order(StringComparer.Ordinal))
            {
                Written[$"{codec}/{Path.GetFileName(part)}"] = (part, ReadBack(part));
            }
        }
        // An empty frame still writes a part file with the schema.
        string empty = _directory.File("empty");
        frame.Where(Functions.Col("Id") < 0).Write.Arrow(empty);
        foreach (var part in Directory.GetFiles(empty, "part-*"))
        {
            Written[$"empty/{Path.GetFileName(part)}"] = (part, ReadBack(part));
        }
        // The stream form of a batch, as shuffles and evicted cache blocks store it.
        var batch = frame.Execute().Collect().First(b => b.Length > 0);
        string stream = _directory.File("stored-batch.arrows");
        using (var file = File.Create(stream))
        {
            ArrowIpc.WriteStream(file, batch);
        }
        Written["stored-batch.arrows"] = (stream, (batch.Schema, [batch]));

        _read = JsonNode.Parse(NodeInterop.RunScript("arrow-read.mjs", [.. Written.Values.Select(w => w.Path)]))!.AsObject();
    }

    /// <summary>What was written, by name (codec/part file): the file, its schema and batches as Apache.Arrow reads them back.</summary>
    internal Dictionary<string, (string Path, (Schema Schema, RecordBatch[] Batches) Content)> Written { get; } = [];

    /// <summary>apache-arrow's description of a written file.</summary>
    public JsonObject ReadByJs(string name) => _read[Written[name].Path]!.AsObject();

    public void Dispose()
    {
        _context.Dispose();
        _directory.Dispose();
    }

    private static (Schema, RecordBatch[]) ReadBack(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = ArrowIpc.OpenReader(stream);
        var batches = new List<RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch);
        return (reader.GetSchema().AsTask().GetAwaiter().GetResult(), [.. batches]);
    }

    private static List<Item> Items(int count)
    {
        var random = new Random(11);
        bool Null(int row, int column) => (row + column) % 3 == 2;
        return [.. Enumerable.Range(0, count).Select(i => new Item(
            i,
            Null(i, 1) ? null : (sbyte)random.Next(sbyte.MinValue, sbyte.MaxValue + 1),
            Null(i, 2) ? null : (short)random.Next(short.MinValue, short.MaxValue + 1),
            Null(i, 3) ? null : random.Next(),
            Null(i, 4) ? null : random.NextInt64(long.MinValue, long.MaxValue),
            Null(i, 5) ? null : (float)(random.NextDouble() * 2000 - 1000),
            Null(i, 6) ? null : random.NextDouble() * 1e6 - 5e5,
            Null(i, 7) ? null : random.Next(2) == 1,
            Null(i, 8) ? null : new[] { "alpha", "", "héllo wörld €", "漢字" }[random.Next(4)],
            Null(i, 9) ? null : [(byte)i, (byte)(i * 7)],
            Null(i, 10) ? null : DateOnly.FromDayNumber(random.Next(700000, 750000)),
            Null(i, 11) ? null : new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(random.NextInt64(-10_000_000_000_000, 10_000_000_000_000) / 10 * 10)))];
    }
}
