using Apache.Arrow;

namespace Rdd.Sql.Execution.Memory;

/// <summary>
/// A growable bit-packed buffer (Arrow's validity and boolean layout: bit i is byte i/8, bit i%8, least
/// significant first). Bits past <see cref="Length"/> in the last byte are kept zero, so a built bitmap
/// can be written out as is.
/// </summary>
internal sealed class BitmapBuilder : IDisposable
{
    private readonly BufferBuilder<byte> _bytes;
    private int _length;
    private int _setCount;

    public BitmapBuilder(int capacity = 0) => _bytes = new BufferBuilder<byte>(Bits.ByteCount(capacity));

    /// <summary>Number of bits appended.</summary>
    public int Length => _length;

    public int SetCount => _setCount;

    public int UnsetCount => _length - _setCount;

    public BitmapBuilder Append(bool value)
    {
        int byteIndex = _length >> 3;
        if (byteIndex == _bytes.Length)
        {
            _bytes.Append(0);
        }
        if (value)
        {
            Bits.SetBit(_bytes.Span, _length);
            _setCount++;
        }
        _length++;
        return this;
    }

    public BitmapBuilder Append(bool value, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int newLength = checked(_length + count);
        int newBytes = Bits.ByteCount(newLength) - _bytes.Length;
        if (newBytes > 0)
        {
            _bytes.AppendZeros(newBytes);
        }
        if (value)
        {
            Bits.SetBits(_bytes.Span, _length, count, true);
            _setCount += count;
        }
        _length = newLength;
        return this;
    }

    /// <summary>Reads bit <paramref name="index"/> back.</summary>
    public bool Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_length, nameof(index));
        return Bits.GetBit(_bytes.Span, index);
    }

    public ArrowBuffer Build()
    {
        var buffer = _bytes.Build();
        _length = 0;
        _setCount = 0;
        return buffer;
    }

    public void Clear()
    {
        _bytes.Clear();
        _length = 0;
        _setCount = 0;
    }

    public void Dispose() => _bytes.Dispose();
}
