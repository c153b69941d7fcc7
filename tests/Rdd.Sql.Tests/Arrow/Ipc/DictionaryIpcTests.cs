using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Ipc;
using Rdd.Sql.Arrow.Ipc.Metadata;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

public class DictionaryIpcTests
{
    private static readonly Schema s_schema = new([new Field("color", DictionaryType.Default, true)]);

    private static RecordBatch Batch(params string?[] values)
    {
        using var builder = new DictionaryArray.Builder();
        foreach (var value in values)
        {
            builder.Append(value);
        }
        return new RecordBatch(s_schema, [builder.Build()], values.Length);
    }

    /// <summary>Header type and, for dictionary batches, the isDelta flag of every message in a stream.</summary>
    private static List<(MessageHeaderType Type, bool IsDelta)> Messages(byte[] stream)
    {
        var reader = new MemoryMessageReader(stream);
        var messages = new List<(MessageHeaderType, bool)>();
        while (reader.ReadMessage() is { } message)
        {
            bool isDelta = message.HeaderType == MessageHeaderType.DictionaryBatch && message.Header.GetBool(DictionaryBatchSlots.IsDelta);
            messages.Add((message.HeaderType, isDelta));
        }
        return messages;
    }

    private static List<string?> ReadAll(List<RecordBatch> batches) =>
        [.. batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(((DictionaryArray)b.Column(0)).GetString))];

    [Fact]
    public void Stream_SameDictionaryInEveryBatch_IsSentOnce()
    {
        var all = Batch("a", "b", null, "a", "c", "b");
        var bytes = IpcRoundTrip.WriteStream(s_schema, [all.Slice(0, 2), all.Slice(2, 2), all.Slice(4, 2)]);

        Assert.Equal(1, Messages(bytes).Count(m => m.Type == MessageHeaderType.DictionaryBatch));
        using var reader = new ArrowStreamReader(bytes.AsMemory());
        var batches = new List<RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            batches.Add(batch);
        }
        Assert.Equal(new[] { "a", "b", null, "a", "c", "b" }, ReadAll(batches));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GrowingDictionary_IsSentAsADelta_InBothFormats(bool fileFormat)
    {
        RecordBatch[] batches = [Batch("a", "b"), Batch("a", "b", "c", null), Batch("a", "b", "c", "d", "a")];
        var bytes = fileFormat ? IpcRoundTrip.WriteFile(s_schema, batches) : IpcRoundTrip.WriteStream(s_schema, batches);

        var (_, read) = fileFormat
            ? await IpcRoundTrip.ReadFile(bytes, Source.Memory, isAsync: false)
            : await IpcRoundTrip.ReadStream(bytes, Source.Memory, isAsync: false);

        Assert.Equal(new[] { "a", "b", "a", "b", "c", null, "a", "b", "c", "d", "a" }, ReadAll(read));
        if (!fileFormat)
        {
            var dictionaries = Messages(bytes).Where(m => m.Type == MessageHeaderType.DictionaryBatch).ToList();
            Assert.Equal(new[] { false, true, true }, dictionaries.Select(m => m.IsDelta));
        }
    }

    [Fact]
    public async Task Stream_DifferentDictionary_ReplacesIt()
    {
        var bytes = IpcRoundTrip.WriteStream(s_schema, [Batch("a", "b"), Batch("x", "y", "x")]);
        var (_, read) = await IpcRoundTrip.ReadStream(bytes, Source.Memory, isAsync: false);
        Assert.Equal(new[] { "a", "b", "x", "y", "x" }, ReadAll(read));
    }

    [Fact]
    public void File_DifferentDictionary_IsRefused()
    {
        using var output = new MemoryStream();
        using var writer = new ArrowFileWriter(output, s_schema);
        writer.WriteRecordBatch(Batch("a", "b"));
        var error = Assert.Throws<NotSupportedException>(() => writer.WriteRecordBatch(Batch("x")));
        Assert.Contains("color", error.Message);
    }

    [Fact]
    public void Read_RecordBatchBeforeItsDictionary_IsInvalidData()
    {
        var bytes = IpcRoundTrip.WriteStream(s_schema, [Batch("a")]);
        // Drop the dictionary batch: schema message, then straight to the record batch.
        long afterSchema = MessageEnd(bytes, 0);
        long afterDictionary = MessageEnd(bytes, afterSchema);
        var stripped = bytes[..(int)afterSchema].Concat(bytes[(int)afterDictionary..]).ToArray();

        using var streamReader = new ArrowStreamReader(stripped.AsMemory());
        Assert.Throws<InvalidDataException>(() => streamReader.ReadNextRecordBatch());
    }

    private static long MessageEnd(byte[] bytes, long start)
    {
        var reader = new MemoryMessageReader(bytes);
        reader.Seek(start);
        var message = reader.ReadMessage()!;
        int metadataLength = BitConverter.ToInt32(bytes, (int)start + 4);
        return start + 8 + metadataLength + message.BodyLength;
    }
}
