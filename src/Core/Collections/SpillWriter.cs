using System.Runtime.CompilerServices;
using MessagePack;
using MessagePack.Formatters;
using Rdd.Core.Serialization;
using Rdd.Core.Storage;

namespace Rdd.Core.Collections;

/// <summary>
/// Writes a <see cref="SpillFile"/>: records of <typeparamref name="T"/> in the layout <see cref="SpillRecords"/>
/// chooses - raw blocks of 64 KiB for unmanaged records, otherwise one MessagePack value per record - cut into
/// consecutive segments (one per reduce partition for map outputs, a single one for sorted runs). Records are
/// gathered in a buffer (copied as they are, or encoded) and written to an unbuffered file stream 64 KiB at a
/// time, so each record costs a copy or one formatter call, and no allocation. Disposing a writer that was not
/// completed deletes its file: a failed spill leaves nothing behind.
/// </summary>
internal sealed class SpillWriter<T> : IDisposable
{
    private const int BlockSize = SpillRecords.BlockSize;
    private const int HeaderRoom = RawFraming.MaxExtensionHeaderSize;

    private static readonly bool s_raw = SpillRecords.IsRaw<T>();

    private readonly FileStream _stream;

    // Per-value layout: the encoded values.
    private readonly PooledBufferWriter? _buffer;
    private readonly IMessagePackFormatter<T>? _formatter;

    // Raw layout: the block being filled, records after room for its header.
    private readonly byte[]? _block;
    private readonly int _blockCapacity;
    private int _blockCount;

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
        if (s_raw)
        {
            _blockCapacity = SpillRecords.RecordsPerBlock<T>();
            _block = GC.AllocateUninitializedArray<byte>(HeaderRoom + _blockCapacity * Unsafe.SizeOf<T>());
        }
        else
        {
            _formatter = FormatterOf<T>.Instance;
            _buffer = new PooledBufferWriter(BlockSize + BlockSize / 4);
        }
        FilePath = path;
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
    }

    public string FilePath { get; }

    /// <summary>Bytes written so far, buffered ones included: the offset the next value starts at.</summary>
    public long Position => _flushed + (s_raw ? (_blockCount == 0 ? 0 : RawFraming.ExtensionHeaderSize((long)_blockCount * Unsafe.SizeOf<T>()) + (long)_blockCount * Unsafe.SizeOf<T>()) : _buffer!.WrittenCount);

    public void Write(T value)
    {
        _segmentRecords++;
        if (s_raw)
        {
            Unsafe.WriteUnaligned(ref _block![HeaderRoom + _blockCount * Unsafe.SizeOf<T>()], value);
            if (++_blockCount == _blockCapacity) Flush();
            return;
        }
        var writer = new MessagePackWriter(_buffer!);
        _formatter!.Serialize(ref writer, value, RddResolver.Options);
        writer.Flush();
        if (_buffer!.WrittenCount >= BlockSize) Flush();
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
        // A raw block never spans two segments, so segments can be read and copied on their own.
        if (s_raw) Flush();
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
        _buffer?.Dispose();
        if (_completed) return;
        _stream.Dispose();
        SpillFile.TryDelete(FilePath);
    }

    private void Flush()
    {
        if (!s_raw)
        {
            _flushed += _buffer!.WrittenCount;
            _buffer.WriteTo(_stream);
            return;
        }
        if (_blockCount == 0) return;
        // The header goes right before the records, so the block is one write.
        int length = _blockCount * Unsafe.SizeOf<T>();
        int headerSize = RawFraming.ExtensionHeaderSize(length);
        RawFraming.WriteExtensionHeader(_block.AsSpan(HeaderRoom - headerSize), RawFraming.RawBlockType, length);
        _stream.Write(_block!, HeaderRoom - headerSize, headerSize + length);
        _flushed += headerSize + length;
        _blockCount = 0;
    }
}
