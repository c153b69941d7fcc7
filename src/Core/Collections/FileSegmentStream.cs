using Microsoft.Win32.SafeHandles;

namespace Rdd.Core.Collections;

/// <summary>
/// A read-only stream over bytes [start, end) of a file, read with positional reads (no shared file
/// position, so several segments of one handle can be read at once). Unbuffered: its readers
/// (<see cref="Serialization.MessagePackValueReader"/>) read in blocks of 64 KiB or more. A file shorter
/// than the segment is reported as corrupt, so a truncated file cannot pass for a short segment.
/// </summary>
internal sealed class FileSegmentStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly bool _ownsHandle;
    private readonly string _path;
    private readonly long _start;
    private readonly long _end;
    private long _position;

    /// <summary>Opens <paramref name="path"/> for the segment; a missing file throws <see cref="FileNotFoundException"/>.</summary>
    public static FileSegmentStream Open(string path, long start, long end)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.SequentialScan);
        try
        {
            return new FileSegmentStream(handle, ownsHandle: true, path, start, end);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public FileSegmentStream(SafeFileHandle handle, bool ownsHandle, string path, long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        long length = RandomAccess.GetLength(handle);
        if (length < end)
            throw new InvalidDataException($"File '{path}' is {length} bytes long but the segment [{start}, {end}) ends beyond it: the file is truncated.");
        _handle = handle;
        _ownsHandle = ownsHandle;
        _path = path;
        _start = start;
        _end = end;
        _position = start;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _end - _start;

    public override long Position
    {
        get => _position - _start;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        long remaining = _end - _position;
        if (remaining <= 0 || buffer.IsEmpty) return 0;
        if (buffer.Length > remaining) buffer = buffer[..(int)remaining];
        int read = RandomAccess.Read(_handle, buffer, _position);
        if (read == 0)
            throw new InvalidDataException($"File '{_path}' ended at byte offset {_position}, inside the segment [{_start}, {_end}): the file was truncated while being read.");
        _position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsHandle) _handle.Dispose();
        base.Dispose(disposing);
    }
}
