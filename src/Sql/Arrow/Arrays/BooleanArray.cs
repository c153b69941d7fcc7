using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>Booleans bit-packed in a values bitmap (one bit per slot), plus the usual validity bitmap.</summary>
internal sealed class BooleanArray : ArrowArray
{
    public BooleanArray(ArrayData data)
        : base(data)
    {
        if (data.Type is not BooleanType)
        {
            throw new ArgumentException($"A BooleanArray cannot hold {data.Type} values.", nameof(data));
        }
        RequireValidity(data);
        RequireBuffer(data, 1, BitUtility.ByteCount(data.Offset + data.Length), "values bitmap");
    }

    /// <summary>The values bitmap, unsliced: bit <c>Offset + i</c> is slot <c>i</c>.</summary>
    public ArrowBuffer ValueBuffer => Data.Buffers[1];

    /// <summary>The bit at <paramref name="index"/>, whether or not the slot is null.</summary>
    public bool GetBit(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            ThrowIndexOutOfRange(index);
        }
        return BitUtility.GetBit(ValueBuffer.Span, Offset + index);
    }

    public bool? GetValue(int index) => IsValid(index) ? BitUtility.GetBit(ValueBuffer.Span, Offset + index) : null;

    public override BooleanArray Slice(int offset, int length) => new(Data.Slice(offset, length));

    public sealed class Builder : IDisposable
    {
        private readonly ArrowBuffer.BitmapBuilder _values;
        private readonly ValidityBuilder _validity = new();

        public Builder(int capacity = 0) => _values = new ArrowBuffer.BitmapBuilder(capacity);

        public int Length => _values.Length;

        public Builder Append(bool value)
        {
            _values.Append(value);
            _validity.AppendValid();
            return this;
        }

        public Builder Append(bool? value) => value.HasValue ? Append(value.GetValueOrDefault()) : AppendNull();

        public Builder AppendNull()
        {
            _values.Append(false);
            _validity.AppendNull();
            return this;
        }

        public BooleanArray Build()
        {
            int length = _values.Length;
            int nullCount = _validity.NullCount;
            var validity = _validity.Build();
            return new BooleanArray(new ArrayData(BooleanType.Default, length, 0, nullCount, [validity, _values.Build()]));
        }

        public void Dispose()
        {
            _values.Dispose();
            _validity.Dispose();
        }
    }
}
