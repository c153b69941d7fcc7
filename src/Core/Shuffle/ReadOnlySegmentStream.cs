namespace Rdd.Core.Shuffle;

/// <summary>A read-only view of the next <c>length</c> bytes of a stream: one reduce partition's segment of a map output file.</summary>
internal sealed class ReadOnlySegmentStream(Stream inner, long segmentLength) : Stream
{
    private readonly long _length = segmentLength;
    private long _remaining = segmentLength;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _length - _remaining;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_remaining <= 0) return 0;
        if (buffer.Length > _remaining) buffer = buffer[..(int)_remaining];
        int read = inner.Read(buffer);
        if (read == 0) throw new EndOfStreamException($"Shuffle segment ended {_remaining} bytes early.");
        _remaining -= read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
