namespace Rdd.Sql.Arrow.Memory;

internal readonly partial struct ArrowBuffer
{
    /// <summary>
    /// A growable bit-packed buffer (Arrow's validity and boolean layout: bit i is byte i/8, bit i%8, least
    /// significant first). Bits past <see cref="Length"/> in the last byte are kept zero, so a built bitmap
    /// can be written out as is.
    /// </summary>
    public sealed class BitmapBuilder : IDisposable
    {
        private readonly Builder<byte> _bytes;
        private int _length;
        private int _setCount;

        public BitmapBuilder(int capacity = 0) => _bytes = new Builder<byte>(BitUtility.ByteCount(capacity));

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
                BitUtility.SetBit(_bytes.Span, _length);
                _setCount++;
            }
            _length++;
            return this;
        }

        public BitmapBuilder Append(bool value, int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            int newLength = checked(_length + count);
            int newBytes = BitUtility.ByteCount(newLength) - _bytes.Length;
            if (newBytes > 0)
            {
                _bytes.AppendZeros(newBytes);
            }
            if (value)
            {
                BitUtility.SetBits(_bytes.Span, _length, count, true);
                _setCount += count;
            }
            _length = newLength;
            return this;
        }

        /// <summary>Reads bit <paramref name="index"/> back.</summary>
        public bool Get(int index)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_length, nameof(index));
            return BitUtility.GetBit(_bytes.Span, index);
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
}
