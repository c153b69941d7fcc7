using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;

namespace Rdd.Core.IO;

/// <summary>
/// Writes one part file of SaveAsTextFile: each element formatted by <see cref="ElementFormatter"/>'s rules,
/// UTF-8 without a byte order mark, one per line ending in <c>\n</c>. Numbers are formatted straight into
/// the output buffer (IUtf8SpanFormattable) and strings transcoded into it, so the common element types
/// cost no intermediate string. Disposing flushes and closes the file; the file exists even for an empty
/// partition, as Spark writes one part per partition.
/// </summary>
internal sealed class TextPartWriter : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private static readonly byte[] s_tupleSeparator = Encoding.UTF8.GetBytes(ElementFormatter.TupleSeparator);

    private readonly FileStream _stream;
    private byte[] _buffer;
    private int _count;
    private long _flushed;
    private bool _disposed;

    public TextPartWriter(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Unbuffered: this class buffers, so a FileStream buffer would only copy a second time.
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>Lines written so far.</summary>
    public long RecordsWritten { get; private set; }

    /// <summary>Bytes of output so far, including those still buffered: the file's length once disposed.</summary>
    public long BytesWritten => _flushed + _count;

    /// <summary>Appends <paramref name="item"/> as one line.</summary>
    public void Write<T>(T item)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteValue(item);
        if (_count == _buffer.Length) Flush();
        _buffer[_count++] = (byte)'\n';
        RecordsWritten++;
    }

    private void WriteValue<T>(T value)
    {
        switch (value)
        {
            case null:
                WriteUtf8("null"u8);
                break;
            case string text:
                WriteString(text);
                break;
            case ITuple tuple:
                WriteUtf8("("u8);
                for (int i = 0; i < tuple.Length; i++)
                {
                    if (i > 0) WriteUtf8(s_tupleSeparator);
                    WriteValue(tuple[i]);
                }
                WriteUtf8(")"u8);
                break;
            case IUtf8SpanFormattable formattable:
                WriteFormattable(formattable, value);
                break;
            default:
                WriteString(ElementFormatter.Format(value));
                break;
        }
    }

    private void WriteFormattable<T>(IUtf8SpanFormattable formattable, T value)
    {
        int written;
        while (!formattable.TryFormat(_buffer.AsSpan(_count), out written, default, CultureInfo.InvariantCulture))
        {
            if (_count == 0)
            {
                // Too long even for an empty buffer (a huge BigInteger): take the string path.
                WriteString(ElementFormatter.Format(value));
                return;
            }
            Flush();
        }
        _count += written;
    }

    private void WriteString(string text)
    {
        ReadOnlySpan<char> rest = text;
        while (true)
        {
            // Transcodes as much as fits; a surrogate pair is never cut, and a lone surrogate becomes U+FFFD.
            var status = Utf8.FromUtf16(rest, _buffer.AsSpan(_count), out int charsRead, out int bytesWritten);
            _count += bytesWritten;
            if (status == OperationStatus.Done) return;
            rest = rest[charsRead..];
            Flush();
        }
    }

    private void WriteUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _count) Flush();
        bytes.CopyTo(_buffer.AsSpan(_count));
        _count += bytes.Length;
    }

    private void Flush()
    {
        if (_count == 0) return;
        _stream.Write(_buffer, 0, _count);
        _flushed += _count;
        _count = 0;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            Flush();
        }
        finally
        {
            _stream.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
