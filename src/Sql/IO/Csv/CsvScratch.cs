namespace Rdd.Sql.IO.Csv;

/// <summary>A reusable growable byte buffer for fields that must be unescaped; one per reader.</summary>
internal sealed class CsvScratch
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    public void Append(byte value)
    {
        Reserve(1)[0] = value;
        _length++;
    }

    public void Append(ReadOnlySpan<byte> values)
    {
        values.CopyTo(Reserve(values.Length));
        _length += values.Length;
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }
        return _buffer.AsSpan(_length);
    }
}
