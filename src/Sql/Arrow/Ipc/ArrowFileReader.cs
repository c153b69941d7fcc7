using System.Buffers.Binary;
using Rdd.Sql.Arrow.Ipc.Metadata;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Reads Arrow's IPC file format: <c>ARROW1</c>, the stream format, a footer listing every dictionary
/// and record batch block, the footer's length and <c>ARROW1</c> again. Batches can be read in any order.
/// The footer (and all dictionaries) are read on first use. Bytes in memory are read without copying; a
/// seekable stream is read block by block; a non-seekable one is buffered whole first.
/// </summary>
internal sealed class ArrowFileReader : IDisposable
{
    private readonly IpcReaderCore _core;
    private readonly bool _leaveOpen;
    private Stream? _stream;
    private long _origin;
    private ReadOnlyMemory<byte> _file;
    private MessageReader? _messages;
    private ArrowFooter? _footer;
    private int _nextBatch;

    public ArrowFileReader(Stream stream, ArrowReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _core = new IpcReaderCore(options);
        _leaveOpen = options?.LeaveOpen ?? false;
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            _file = segment.AsMemory((int)memory.Position);
            _messages = new MemoryMessageReader(_file, _leaveOpen ? null : stream);
        }
        else
        {
            _stream = stream;
        }
    }

    public ArrowFileReader(ReadOnlyMemory<byte> file, ArrowReaderOptions? options = null)
    {
        _core = new IpcReaderCore(options);
        _file = file;
        _messages = new MemoryMessageReader(file);
    }

    public Schema Schema
    {
        get
        {
            EnsureOpen();
            return _core.Schema!;
        }
    }

    public int RecordBatchCount
    {
        get
        {
            EnsureOpen();
            return _footer!.RecordBatches.Length;
        }
    }

    public async ValueTask<Schema> GetSchemaAsync(CancellationToken cancellationToken = default)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        return _core.Schema!;
    }

    public async ValueTask<int> GetRecordBatchCountAsync(CancellationToken cancellationToken = default)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        return _footer!.RecordBatches.Length;
    }

    /// <summary>Record batch <paramref name="index"/> (0-based, in file order).</summary>
    public RecordBatch ReadRecordBatch(int index)
    {
        EnsureOpen();
        var block = BatchBlock(index);
        _messages!.Seek(block.Offset);
        return ToRecordBatch(_messages.ReadMessage(), block);
    }

    public async ValueTask<RecordBatch> ReadRecordBatchAsync(int index, CancellationToken cancellationToken = default)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        var block = BatchBlock(index);
        _messages!.Seek(block.Offset);
        return ToRecordBatch(await _messages.ReadMessageAsync(cancellationToken).ConfigureAwait(false), block);
    }

    /// <summary>The batch after the last one read by this method, or null after the last.</summary>
    public RecordBatch? ReadNextRecordBatch() =>
        _nextBatch < RecordBatchCount ? ReadRecordBatch(_nextBatch++) : null;

    public async ValueTask<RecordBatch?> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default) =>
        _nextBatch < await GetRecordBatchCountAsync(cancellationToken).ConfigureAwait(false)
            ? await ReadRecordBatchAsync(_nextBatch++, cancellationToken).ConfigureAwait(false)
            : null;

    public void Dispose()
    {
        if (_messages is not null)
        {
            _messages.Dispose();
        }
        else if (!_leaveOpen)
        {
            _stream?.Dispose();
        }
    }

    private void EnsureOpen()
    {
        if (_footer is not null)
        {
            return;
        }
        ReadOnlyMemory<byte> footerBytes;
        if (_messages is null)
        {
            var stream = _stream!;
            if (!stream.CanSeek)
            {
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                UseBuffered(copy);
                EnsureOpen();
                return;
            }
            footerBytes = ReadFooterBytes(stream);
            _messages = new StreamMessageReader(stream, _leaveOpen);
        }
        else
        {
            footerBytes = FooterBytes(_file);
        }
        var footer = ArrowFooter.Read(footerBytes, _core);
        foreach (var block in footer.Dictionaries)
        {
            _messages.Seek(block.Offset);
            ApplyDictionary(_messages.ReadMessage(), block);
        }
        _footer = footer;
    }

    private async ValueTask EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (_footer is not null)
        {
            return;
        }
        ReadOnlyMemory<byte> footerBytes;
        if (_messages is null)
        {
            var stream = _stream!;
            if (!stream.CanSeek)
            {
                var copy = new MemoryStream();
                await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                UseBuffered(copy);
                await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            footerBytes = await ReadFooterBytesAsync(stream, cancellationToken).ConfigureAwait(false);
            _messages = new StreamMessageReader(stream, _leaveOpen);
        }
        else
        {
            footerBytes = FooterBytes(_file);
        }
        var footer = ArrowFooter.Read(footerBytes, _core);
        foreach (var block in footer.Dictionaries)
        {
            _messages.Seek(block.Offset);
            ApplyDictionary(await _messages.ReadMessageAsync(cancellationToken).ConfigureAwait(false), block);
        }
        _footer = footer;
    }

    private void UseBuffered(MemoryStream copy)
    {
        if (!_leaveOpen)
        {
            _stream!.Dispose();
        }
        _stream = null;
        _file = copy.GetBuffer().AsMemory(0, (int)copy.Length);
        _messages = new MemoryMessageReader(_file);
    }

    private void ApplyDictionary(IpcMessage? message, FileBlock block)
    {
        if (message?.HeaderType != MessageHeaderType.DictionaryBatch)
        {
            throw new InvalidDataException($"The Arrow file's dictionary {block} does not hold a dictionary batch.");
        }
        _core.ReadDictionaryBatch(message);
    }

    private RecordBatch ToRecordBatch(IpcMessage? message, FileBlock block)
    {
        if (message?.HeaderType != MessageHeaderType.RecordBatch)
        {
            throw new InvalidDataException($"The Arrow file's record batch {block} does not hold a record batch.");
        }
        return _core.ReadRecordBatch(message);
    }

    private FileBlock BatchBlock(int index)
    {
        var blocks = _footer!.RecordBatches;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)blocks.Length, nameof(index));
        return blocks[index];
    }

    /// <summary>Checks both magics and returns the footer flatbuffer of a file held in memory.</summary>
    private static ReadOnlyMemory<byte> FooterBytes(ReadOnlyMemory<byte> file)
    {
        var span = file.Span;
        CheckLength(span.Length);
        CheckMagic(span[..IpcFormat.FileMagic.Length], "start");
        var trailer = span[^IpcFormat.FileTrailerLength..];
        CheckMagic(trailer[sizeof(int)..], "end");
        int footerLength = CheckFooterLength(BinaryPrimitives.ReadInt32LittleEndian(trailer), span.Length);
        return file.Slice(span.Length - IpcFormat.FileTrailerLength - footerLength, footerLength);
    }

    private ReadOnlyMemory<byte> ReadFooterBytes(Stream stream)
    {
        _origin = stream.Position;
        long length = stream.Length - _origin;
        CheckLength(length);
        Span<byte> magic = stackalloc byte[IpcFormat.FileMagic.Length];
        stream.ReadExactly(magic);
        CheckMagic(magic, "start");
        Span<byte> trailer = stackalloc byte[IpcFormat.FileTrailerLength];
        stream.Position = _origin + length - IpcFormat.FileTrailerLength;
        stream.ReadExactly(trailer);
        CheckMagic(trailer[sizeof(int)..], "end");
        int footerLength = CheckFooterLength(BinaryPrimitives.ReadInt32LittleEndian(trailer), length);
        var footer = new byte[footerLength];
        stream.Position = _origin + length - IpcFormat.FileTrailerLength - footerLength;
        stream.ReadExactly(footer);
        stream.Position = _origin;
        return footer;
    }

    private async ValueTask<ReadOnlyMemory<byte>> ReadFooterBytesAsync(Stream stream, CancellationToken cancellationToken)
    {
        _origin = stream.Position;
        long length = stream.Length - _origin;
        CheckLength(length);
        var magic = new byte[IpcFormat.FileMagic.Length];
        await stream.ReadExactlyAsync(magic, cancellationToken).ConfigureAwait(false);
        CheckMagic(magic, "start");
        var trailer = new byte[IpcFormat.FileTrailerLength];
        stream.Position = _origin + length - IpcFormat.FileTrailerLength;
        await stream.ReadExactlyAsync(trailer, cancellationToken).ConfigureAwait(false);
        CheckMagic(trailer.AsSpan(sizeof(int)), "end");
        int footerLength = CheckFooterLength(BinaryPrimitives.ReadInt32LittleEndian(trailer), length);
        var footer = new byte[footerLength];
        stream.Position = _origin + length - IpcFormat.FileTrailerLength - footerLength;
        await stream.ReadExactlyAsync(footer, cancellationToken).ConfigureAwait(false);
        stream.Position = _origin;
        return footer;
    }

    private static void CheckLength(long length)
    {
        if (length < IpcFormat.PaddedFileMagicLength + IpcFormat.FileTrailerLength)
        {
            throw new InvalidDataException($"Not an Arrow file: {length} bytes is too short for the file format.");
        }
    }

    private static void CheckMagic(ReadOnlySpan<byte> bytes, string where)
    {
        if (!bytes.SequenceEqual(IpcFormat.FileMagic))
        {
            throw new InvalidDataException($"Not an Arrow file: no ARROW1 magic at the {where}. (An Arrow stream is read with ArrowStreamReader.)");
        }
    }

    private static int CheckFooterLength(int footerLength, long fileLength) =>
        footerLength > 0 && footerLength <= fileLength - IpcFormat.PaddedFileMagicLength - IpcFormat.FileTrailerLength
            ? footerLength
            : throw new InvalidDataException($"Invalid Arrow file footer length {footerLength} in a file of {fileLength} bytes.");
}
