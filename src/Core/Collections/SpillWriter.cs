using MessagePack;
using MessagePack.Formatters;
using Rdd.Core.Serialization;

namespace Rdd.Core.Collections;

/// <summary>
/// Writes a <see cref="SpillFile"/>: values of <typeparamref name="T"/> as concatenated MessagePack values,
/// cut into consecutive segments (one per reduce partition for map outputs, a single one for sorted runs).
/// Values are encoded into a pooled buffer and written to an unbuffered file stream in blocks of 64 KiB,
/// so each value costs one formatter call and no allocation. Disposing a writer that was not completed
/// deletes its file: a failed spill leaves nothing behind.
/// </summary>
internal sealed class SpillWriter<T> : IDisposable
{
    private const int BlockSize = 64 * 1024;

    private readonly FileStream _stream;
    private readonly PooledBufferWriter _buffer = new(BlockSize + BlockSize / 4);
    private readonly IMessagePackFormatter<T> _formatter = FormatterOf<T>.Instance;
    private readonly List<long> _offsets = [0];
    private readonly List<long> _records = [];
    private long _flushed;
    private long _segmentRecords;
    private bool _completed;

    /// <summary>Creates a new spill file with a unique name in <paramref name="directory"/> (created when missing).</summary>
    public static SpillWriter<T> Create(string directory)
    {
        Directory.CreateDirectory(directory);
        return new SpillWriter<T>(Path.Combine(directory, $"spill-{Guid.NewGuid():N}.msgpack"));
    }

    /// <summary>Creates the file <paramref name="path"/>, which must not exist.</summary>
    public SpillWriter(string path)
    {
        FilePath = path;
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
    }

    public string FilePath { get; }

    /// <summary>Bytes written so far, buffered ones included: the offset the next value starts at.</summary>
    public long Position => _flushed + _buffer.WrittenCount;

    public void Write(T value)
    {
        var writer = new MessagePackWriter(_buffer);
        _formatter.Serialize(ref writer, value, RddResolver.Options);
        writer.Flush();
        _segmentRecords++;
        if (_buffer.WrittenCount >= BlockSize) Flush();
    }

    /// <summary>Appends segment <paramref name="segment"/> of <paramref name="source"/> as it is, bytes copied without decoding.</summary>
    public void WriteSegment(SpillFile source, int segment, byte[] buffer)
    {
        Flush();
        _flushed += source.CopySegmentTo(segment, _stream, buffer);
        _segmentRecords += source.RecordsIn(segment);
    }

    /// <summary>Ends the current segment; the next value starts the next one.</summary>
    public void EndSegment()
    {
        _offsets.Add(Position);
        _records.Add(_segmentRecords);
        _segmentRecords = 0;
    }

    /// <summary>Ends the last segment, flushes and closes the file.</summary>
    public SpillFile Complete()
    {
        EndSegment();
        Flush();
        _stream.Dispose();
        _completed = true;
        return new SpillFile(FilePath, [.. _offsets], [.. _records]);
    }

    public void Dispose()
    {
        _buffer.Dispose();
        if (_completed) return;
        _stream.Dispose();
        SpillFile.TryDelete(FilePath);
    }

    private void Flush()
    {
        _flushed += _buffer.WrittenCount;
        _buffer.WriteTo(_stream);
    }
}
