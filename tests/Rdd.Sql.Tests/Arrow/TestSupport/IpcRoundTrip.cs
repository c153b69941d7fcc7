using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Ipc;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>The shapes of input the readers pick different implementations for.</summary>
public enum Source
{
    /// <summary>A <see cref="ReadOnlyMemory{T}"/>: zero-copy.</summary>
    Memory,

    /// <summary>A <see cref="MemoryStream"/> with an accessible buffer: zero-copy.</summary>
    MemoryStream,

    /// <summary>Any other seekable stream: read message by message.</summary>
    SeekableStream,

    /// <summary>A forward-only stream: streamed, or buffered whole by the file reader.</summary>
    ForwardOnlyStream,
}

/// <summary>Writes batches with the writers under test and reads them back through every input shape, sync or async.</summary>
internal static class IpcRoundTrip
{
    public static IEnumerable<object[]> SourcesAndModes() =>
        from source in Enum.GetValues<Source>()
        from isAsync in new[] { false, true }
        select new object[] { source, isAsync };

    public static byte[] WriteStream(Schema schema, IEnumerable<RecordBatch> batches, ArrowWriterOptions? options = null)
    {
        using var output = new MemoryStream();
        using (var writer = new ArrowStreamWriter(output, schema, (options ?? new()) with { LeaveOpen = true }))
        {
            foreach (var batch in batches)
            {
                writer.WriteRecordBatch(batch);
            }
            writer.WriteEnd();
        }
        return output.ToArray();
    }

    public static async Task<byte[]> WriteStreamAsync(Schema schema, IEnumerable<RecordBatch> batches, ArrowWriterOptions? options = null)
    {
        using var output = new MemoryStream();
        await using (var writer = new ArrowStreamWriter(output, schema, (options ?? new()) with { LeaveOpen = true }))
        {
            foreach (var batch in batches)
            {
                await writer.WriteRecordBatchAsync(batch);
            }
            await writer.WriteEndAsync();
        }
        return output.ToArray();
    }

    public static byte[] WriteFile(Schema schema, IEnumerable<RecordBatch> batches, ArrowWriterOptions? options = null)
    {
        using var output = new MemoryStream();
        using (var writer = new ArrowFileWriter(output, schema, (options ?? new()) with { LeaveOpen = true }))
        {
            foreach (var batch in batches)
            {
                writer.WriteRecordBatch(batch);
            }
            writer.WriteEnd();
        }
        return output.ToArray();
    }

    public static async Task<byte[]> WriteFileAsync(Schema schema, IEnumerable<RecordBatch> batches, ArrowWriterOptions? options = null)
    {
        using var output = new MemoryStream();
        await using (var writer = new ArrowFileWriter(output, schema, (options ?? new()) with { LeaveOpen = true }))
        {
            foreach (var batch in batches)
            {
                await writer.WriteRecordBatchAsync(batch);
            }
            await writer.WriteEndAsync();
        }
        return output.ToArray();
    }

    public static async Task<(Schema Schema, List<RecordBatch> Batches)> ReadStream(byte[] bytes, Source source, bool isAsync, ArrowReaderOptions? options = null)
    {
        using var reader = source == Source.Memory ? new ArrowStreamReader(bytes.AsMemory(), options) : new ArrowStreamReader(Open(bytes, source), options);
        var batches = new List<RecordBatch>();
        var schema = isAsync ? await reader.GetSchemaAsync() : reader.Schema;
        while ((isAsync ? await reader.ReadNextRecordBatchAsync() : reader.ReadNextRecordBatch()) is { } batch)
        {
            batches.Add(batch);
        }
        return (schema, batches);
    }

    public static async Task<(Schema Schema, List<RecordBatch> Batches)> ReadFile(byte[] bytes, Source source, bool isAsync, ArrowReaderOptions? options = null)
    {
        using var reader = source == Source.Memory ? new ArrowFileReader(bytes.AsMemory(), options) : new ArrowFileReader(Open(bytes, source), options);
        var batches = new List<RecordBatch>();
        var schema = isAsync ? await reader.GetSchemaAsync() : reader.Schema;
        while ((isAsync ? await reader.ReadNextRecordBatchAsync() : reader.ReadNextRecordBatch()) is { } batch)
        {
            batches.Add(batch);
        }
        return (schema, batches);
    }

    public static Stream Open(byte[] bytes, Source source) => source switch
    {
        Source.MemoryStream => new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true),
        Source.SeekableStream => new WrappedStream(bytes, canSeek: true),
        Source.ForwardOnlyStream => new WrappedStream(bytes, canSeek: false),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };
}
