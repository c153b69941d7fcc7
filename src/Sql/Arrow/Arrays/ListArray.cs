using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// Variable-length lists of doubles (ML vectors): list <c>i</c> is child slots
/// <c>ValueOffsets[i]..ValueOffsets[i + 1]</c> of <see cref="Values"/>. <see cref="GetValues"/> returns the
/// list as a span of the child buffer, no copy.
/// </summary>
internal sealed class ListArray : ArrowArray
{
    public ListArray(ArrayData data)
        : base(data)
    {
        if (data.Type is not Types.ListType)
        {
            throw new ArgumentException($"A ListArray cannot hold {data.Type} values.", nameof(data));
        }
        RequireValidity(data);
        RequireBuffer(data, 1, ((long)data.Offset + data.Length + 1) * sizeof(int), "offsets");
        if (data.Children.Length != 1)
        {
            throw new InvalidDataException($"A list array needs one child array, not {data.Children.Length}.");
        }
        Values = new PrimitiveArray<double>(data.Children[0]);
        if (data.Length > 0)
        {
            var offsets = ValueOffsets;
            if (offsets[0] < 0 || offsets[^1] < offsets[0] || offsets[^1] > Values.Length)
            {
                throw new InvalidDataException($"A list array's offsets run from {offsets[0]} to {offsets[^1]} over {Values.Length} child values.");
            }
        }
    }

    public ListType ListType => (ListType)Type;

    /// <summary>Length + 1 offsets into <see cref="Values"/>, offset-sliced.</summary>
    public ReadOnlySpan<int> ValueOffsets => Data.Buffers[1].AsSpan<int>().Slice(Offset, Length + 1);

    /// <summary>The child array holding every list's values back to back.</summary>
    public PrimitiveArray<double> Values { get; }

    /// <summary>The values of list <paramref name="index"/> (empty for a null list).</summary>
    public ReadOnlySpan<double> GetValues(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            ThrowIndexOutOfRange(index);
        }
        var offsets = ValueOffsets;
        int start = offsets[index];
        return Values.Values[start..offsets[index + 1]];
    }

    public int GetValueLength(int index)
    {
        var offsets = ValueOffsets;
        return offsets[index + 1] - offsets[index];
    }

    public override ListArray Slice(int offset, int length) => new(Data.Slice(offset, length));

    public sealed class Builder : IDisposable
    {
        private readonly ListType _type;
        private readonly ArrowBuffer.Builder<int> _offsets;
        private readonly ArrowBuffer.Builder<double> _values = new();
        private readonly ValidityBuilder _validity = new();

        public Builder(ListType? type = null, int capacity = 0)
        {
            _type = type ?? ListType.Default;
            _offsets = new ArrowBuffer.Builder<int>(capacity + 1);
            _offsets.Append(0);
        }

        public int Length => _offsets.Length - 1;

        public Builder Append(ReadOnlySpan<double> values)
        {
            _values.Append(values);
            _offsets.Append(_values.Length);
            _validity.AppendValid();
            return this;
        }

        public Builder Append(double[]? values) => values is null ? AppendNull() : Append(values.AsSpan());

        public Builder AppendNull()
        {
            _offsets.Append(_values.Length);
            _validity.AppendNull();
            return this;
        }

        public ListArray Build()
        {
            int length = Length;
            int nullCount = _validity.NullCount;
            var validity = _validity.Build();
            int valueCount = _values.Length;
            var child = new ArrayData(DoubleType.Default, valueCount, 0, 0, [ArrowBuffer.Empty, _values.Build()]);
            var data = new ArrayData(_type, length, 0, nullCount, [validity, _offsets.Build()], [child]);
            _offsets.Append(0);
            return new ListArray(data);
        }

        public void Dispose()
        {
            _offsets.Dispose();
            _values.Dispose();
            _validity.Dispose();
        }
    }
}
