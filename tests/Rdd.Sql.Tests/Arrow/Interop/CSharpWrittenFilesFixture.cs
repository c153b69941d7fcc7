using Rdd.Tests.Shared;
using System.Text.Json.Nodes;
using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Ipc;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Writes files and streams with our writers, then has tests/interop/arrow-read.mjs read all of them in one
/// node process; keeps what was written and what apache-arrow saw.
/// </summary>
public sealed class CSharpWrittenFilesFixture : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly JsonObject _read;

    public CSharpWrittenFilesFixture()
    {
        var all = TestData.AllTypes(150, seed: 11);
        // Slices at odd offsets of one batch: re-based bitmaps and offsets, one shared dictionary.
        Write("all-types.arrow", TestData.AllTypesSchema, [all.Slice(0, 61), all.Slice(61, 0), all.Slice(61, 89)], file: true);
        // The stream gets independently built batches: each replaces the dictionary.
        Write("all-types.arrows", TestData.AllTypesSchema, [TestData.AllTypes(61, seed: 12), TestData.AllTypes(0), TestData.AllTypes(89, seed: 13)], file: false);
        Write("legacy.arrows", TestData.AllTypesSchema, [TestData.AllTypes(20, seed: 14)], file: false, legacy: true);
        Write("empty.arrow", TestData.AllTypesSchema, [], file: true);
        Write("empty.arrows", TestData.AllTypesSchema, [], file: false);
        var dictionarySchema = new Schema([new Field("color", DictionaryType.Default, true)]);
        RecordBatch[] growing = [Colors(dictionarySchema, "a", "b"), Colors(dictionarySchema, "a", "b", null, "c"), Colors(dictionarySchema, "a", "b", "c", "d")];
        Write("delta.arrow", dictionarySchema, growing, file: true);
        Write("delta.arrows", dictionarySchema, growing, file: false);

        _read = JsonNode.Parse(NodeInterop.RunScript("arrow-read.mjs", [.. Written.Keys.Select(_directory.File)]))!.AsObject();
    }

    /// <summary>What was written, by file name.</summary>
    internal Dictionary<string, (Schema Schema, RecordBatch[] Batches)> Written { get; } = [];

    /// <summary>apache-arrow's description of a written file.</summary>
    public JsonObject ReadByJs(string name) => _read[_directory.File(name)]!.AsObject();

    public void Dispose() => _directory.Dispose();

    private void Write(string name, Schema schema, RecordBatch[] batches, bool file, bool legacy = false)
    {
        var options = new ArrowWriterOptions { WriteLegacyIpcFormat = legacy };
        var bytes = file ? IpcRoundTrip.WriteFile(schema, batches, options) : IpcRoundTrip.WriteStream(schema, batches, options);
        File.WriteAllBytes(_directory.File(name), bytes);
        Written[name] = (schema, batches);
    }

    private static RecordBatch Colors(Schema schema, params string?[] values)
    {
        using var builder = new DictionaryArray.Builder();
        foreach (var value in values)
        {
            builder.Append(value);
        }
        return new RecordBatch(schema, [builder.Build()], values.Length);
    }
}
