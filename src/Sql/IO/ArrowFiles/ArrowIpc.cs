using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Rdd.Sql.Execution.Memory;

namespace Rdd.Sql.IO.ArrowFiles;

/// <summary>
/// Arrow IPC through Apache.Arrow's readers and writers: the file format (magic <c>ARROW1</c>, footer) and the
/// stream format, told apart by the magic; bodies compressed with LZ4_FRAME or ZSTD are decompressed
/// (Apache.Arrow.Compression), and the writer compresses when asked. Every buffer the readers fill comes from
/// <see cref="AlignedMemoryAllocator"/>, so batches live in managed memory like the ones kernels build.
/// </summary>
internal static class ArrowIpc
{
    /// <summary>The LZ4_FRAME and ZSTD codecs, shared: the factory is stateless.</summary>
    public static readonly CompressionCodecFactory Codecs = new();

    /// <summary>Whether <paramref name="bytes"/> start with the file format's magic.</summary>
    public static bool IsFileFormat(ReadOnlySpan<byte> bytes) => bytes.Length >= 6 && bytes[..6].SequenceEqual("ARROW1"u8);

    /// <summary>The schema of the IPC file or stream at <paramref name="path"/>, reading no batch.</summary>
    public static Schema ReadSchema(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = OpenReader(stream);
        // Apache.Arrow reads the schema (the file's footer, or the stream's first message) only when asked; the
        // call completes synchronously over a FileStream opened for synchronous reads.
        return reader.GetSchema().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The batches of the IPC file or stream at <paramref name="path"/>, in order, read one at a time.</summary>
    public static IEnumerable<RecordBatch> ReadBatches(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = OpenReader(stream);
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            yield return batch;
        }
    }

    /// <summary>A reader of the format <paramref name="stream"/> (seekable) holds; it owns the stream.</summary>
    public static ArrowStreamReader OpenReader(Stream stream)
    {
        Span<byte> magic = stackalloc byte[6];
        int read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        return IsFileFormat(magic[..read])
            ? new ArrowFileReader(stream, AlignedMemoryAllocator.Instance, Codecs, leaveOpen: false)
            : new ArrowStreamReader(stream, AlignedMemoryAllocator.Instance, Codecs, leaveOpen: false);
    }

    /// <summary>Writes <paramref name="batches"/> as one IPC file (footer included) with bodies compressed by <paramref name="compression"/>.</summary>
    public static void WriteFile(Stream stream, Schema schema, IEnumerable<RecordBatch> batches, CompressionCodecType? compression = null)
    {
        using var writer = new ArrowFileWriter(stream, schema, leaveOpen: true, Options(compression), AlignedMemoryAllocator.Instance);
        // Apache.Arrow writes the magic and the schema with the first batch; a part with no rows still gets both.
        writer.WriteStart();
        foreach (var batch in batches)
        {
            writer.WriteRecordBatch(batch);
        }
        writer.WriteEnd();
    }

    /// <summary>Writes <paramref name="batch"/> to <paramref name="stream"/> as a complete IPC stream (schema, batch, end marker).</summary>
    public static void WriteStream(Stream stream, RecordBatch batch)
    {
        using var writer = new ArrowStreamWriter(stream, batch.Schema, leaveOpen: true, Options(null), AlignedMemoryAllocator.Instance);
        writer.WriteStart();
        writer.WriteRecordBatch(batch);
        writer.WriteEnd();
    }

    /// <summary>The one batch of the uncompressed IPC stream <see cref="WriteStream"/> wrote; its buffers share <paramref name="bytes"/>.</summary>
    public static RecordBatch ReadStream(ReadOnlyMemory<byte> bytes)
    {
        using var reader = new ArrowStreamReader(bytes);
        return reader.ReadNextRecordBatch() ?? throw new InvalidDataException("A serialized record batch holds no batch.");
    }

    /// <summary>
    /// The codec of the writer option <c>compression</c>: <c>none</c> (the default, as Spark's Arrow files have
    /// no such option), <c>lz4</c> (Arrow's LZ4_FRAME) or <c>zstd</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Any other name.</exception>
    public static CompressionCodecType? ParseCompression(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "none" or "uncompressed" => null,
        "lz4" or "lz4_frame" => CompressionCodecType.Lz4Frame,
        "zstd" => CompressionCodecType.Zstd,
        _ => throw new ArgumentException(
            $"Unknown Arrow compression '{name}'. Accepted values are 'none', 'lz4' (LZ4_FRAME) and 'zstd'.", nameof(name)),
    };

    private static IpcOptions Options(CompressionCodecType? compression) => compression is null
        ? new IpcOptions()
        : new IpcOptions { CompressionCodec = compression, CompressionCodecFactory = Codecs };
}
