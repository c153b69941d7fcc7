using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Rdd.Core.IO;

/// <summary>
/// Reads the lines of one <see cref="TextFileSplit"/> by Hadoop's LineRecordReader rules. A line ends at
/// <c>\n</c>, <c>\r\n</c> or <c>\r</c>; a line starting at byte p belongs to the split with Start &lt; p &lt;= End
/// (p = 0 to the first split), so a split other than the first skips the partial line it starts in and every
/// split reads past its end to finish its last line. Together the splits of a file yield each line once.
/// <para>
/// Bytes are scanned in one pooled buffer; a line is handed out as a span into it, valid until the next
/// call, and the buffer grows only for a line longer than itself. A <c>\r</c> at the end of the buffer is
/// resolved lazily: whether a <c>\n</c> follows is looked at when the next line is asked for, so the span
/// just returned is never overwritten by a refill.
/// </para>
/// </summary>
internal sealed class LineCursor : IDisposable
{
    /// <summary>64 KiB: large enough for sequential throughput, small enough for the pool to keep.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    // User code runs between lines, so a buffer of short lines can take long; check this often too.
    private const int CancellationCheckInterval = 4096;

    private readonly FileStream _file;
    private readonly Stream _input;
    private readonly long _fileStart;
    private readonly long _end;
    private readonly bool _skipFirstLine;
    private readonly CancellationToken _ct;
    private readonly ReadStats? _stats;
    private byte[] _buffer;
    private int _capacity;
    private int _head;
    private int _tail;
    private long _bufferPosition;
    private bool _started;
    private bool _finished;
    private bool _endOfInput;
    private bool _pendingCarriageReturn;
    private bool _disposed;

    /// <param name="split">The range to read.</param>
    /// <param name="ct">Checked at every refill and every few thousand lines.</param>
    /// <param name="stats">Receives bytes and lines read when the cursor is disposed.</param>
    /// <param name="bufferSize">Initial buffer size; tests use tiny ones to exercise refills.</param>
    public LineCursor(TextFileSplit split, CancellationToken ct = default, ReadStats? stats = null, int bufferSize = DefaultBufferSize)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        ct.ThrowIfCancellationRequested();
        _ct = ct;
        _stats = stats;

        bool gzip = CompressedInput.IsGzip(split.Path);
        // Plain files are read straight into our buffer, so the FileStream's own buffer would only copy twice;
        // GZipStream reads in small chunks and does want a buffered source.
        _file = new FileStream(split.Path, FileMode.Open, FileAccess.Read, FileShare.Read,
            bufferSize: gzip ? DefaultBufferSize : 0, FileOptions.SequentialScan);
        try
        {
            if (gzip || split.IsWholeFile)
            {
                _input = gzip ? CompressedInput.Decompress(_file) : _file;
                _end = long.MaxValue;
            }
            else
            {
                _input = _file;
                _end = split.End;
                if (split.Start > 0)
                {
                    _file.Seek(split.Start, SeekOrigin.Begin);
                    _bufferPosition = split.Start;
                    _skipFirstLine = true;
                }
            }
            _fileStart = _file.Position;
        }
        catch
        {
            _file.Dispose();
            throw;
        }
        _capacity = bufferSize;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>Lines handed out so far.</summary>
    public long LinesRead { get; private set; }

    /// <summary>Bytes read from the file so far (compressed bytes for gzip).</summary>
    public long BytesRead => _file.Position - _fileStart;

    /// <summary>The next line of the split as UTF-8 bytes without its terminator, valid until the next call.</summary>
    public bool TryReadLineUtf8(out ReadOnlySpan<byte> line)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_started)
        {
            _started = true;
            if (_skipFirstLine && !ReadRawLine(out _)) _finished = true;
        }
        if (_finished)
        {
            line = default;
            return false;
        }
        if (_pendingCarriageReturn) ConsumeLineFeedAfterCarriageReturn();
        // The line about to be read starts here; past End it belongs to the next split.
        if (_bufferPosition + _head > _end || !ReadRawLine(out line))
        {
            _finished = true;
            line = default;
            return false;
        }
        if (++LinesRead % CancellationCheckInterval == 0) _ct.ThrowIfCancellationRequested();
        return true;
    }

    /// <summary>The next line of the split decoded as UTF-8 (invalid bytes become U+FFFD).</summary>
    public bool TryReadLine([NotNullWhen(true)] out string? line)
    {
        if (!TryReadLineUtf8(out var bytes))
        {
            line = null;
            return false;
        }
        line = bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>Reads one line wherever it ends, ignoring the split's end; false at end of input.</summary>
    private bool ReadRawLine(out ReadOnlySpan<byte> line)
    {
        int scan = _head;
        while (true)
        {
            int found = _buffer.AsSpan(scan, _tail - scan).IndexOfAny((byte)'\n', (byte)'\r');
            if (found >= 0)
            {
                int terminator = scan + found;
                line = _buffer.AsSpan(_head, terminator - _head);
                _pendingCarriageReturn = _buffer[terminator] == (byte)'\r';
                _head = terminator + 1;
                return true;
            }
            scan = _tail;
            if (!Fill(ref scan))
            {
                // A last line without a terminator; nothing at all means the input is exhausted, so a
                // final terminator is not followed by an empty line.
                line = _buffer.AsSpan(_head, _tail - _head);
                _head = _tail;
                return !line.IsEmpty;
            }
        }
    }

    /// <summary>The <c>\n</c> of a <c>\r\n</c> pair is part of the previous line's terminator, even across a refill or a split end.</summary>
    private void ConsumeLineFeedAfterCarriageReturn()
    {
        _pendingCarriageReturn = false;
        int scan = _head;
        if (_head == _tail && !Fill(ref scan)) return;
        if (_buffer[_head] == (byte)'\n') _head++;
    }

    /// <summary>
    /// Appends more input after the unconsumed bytes, first moving them to the front of the buffer and,
    /// when they fill it, doubling it. <paramref name="scan"/> is shifted along with the bytes.
    /// </summary>
    private bool Fill(ref int scan)
    {
        if (_endOfInput) return false;
        _ct.ThrowIfCancellationRequested();
        if (_head > 0)
        {
            int live = _tail - _head;
            _buffer.AsSpan(_head, live).CopyTo(_buffer);
            _bufferPosition += _head;
            scan -= _head;
            _tail = live;
            _head = 0;
        }
        if (_tail == _capacity) Grow();
        int read = _input.Read(_buffer, _tail, _capacity - _tail);
        if (read == 0)
        {
            _endOfInput = true;
            return false;
        }
        _tail += read;
        return true;
    }

    private void Grow()
    {
        if (_capacity >= Array.MaxLength)
            throw new IOException($"A line in {_file.Name} is longer than {Array.MaxLength} bytes.");
        _capacity = (int)Math.Min((long)_capacity * 2, Array.MaxLength);
        if (_capacity <= _buffer.Length) return;
        byte[] larger = ArrayPool<byte>.Shared.Rent(_capacity);
        _buffer.AsSpan(0, _tail).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_stats is not null)
        {
            _stats.BytesRead += BytesRead;
            _stats.RecordsRead += LinesRead;
        }
        if (!ReferenceEquals(_input, _file)) _input.Dispose();
        _file.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
