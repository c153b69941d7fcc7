using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// Lists of exactly <see cref="ListSize"/> doubles (dense ML vectors): list <c>i</c> is child slots
/// <c>(Offset + i) * ListSize</c> onwards, so there is no offsets buffer. A null list still occupies
/// <see cref="ListSize"/> child slots.
/// </summary>
internal sealed class FixedSizeListArray : ArrowArray
{
    public FixedSizeListArray(ArrayData data)
        : base(data)
    {
        if (data.Type is not FixedSizeListType listType)
        {
            throw new ArgumentException($"A FixedSizeListArray cannot hold {data.Type} values.", nameof(data));
        }
        RequireValidity(data);
        if (data.Children.Length != 1)
        {
            throw new InvalidDataException($"A fixed-size list array needs one child array, not {data.Children.Length}.");
        }
        ListSize = listType.ListSize;
        Values = new PrimitiveArray<double>(data.Children[0]);
        if (((long)data.Offset + data.Length) * ListSize > Values.Length)
        {
            throw new InvalidDataException($"{data.Offset + data.Length} lists of {ListSize} need more than the {Values.Length} child values.");
        }
    }

    public int ListSize { get; }

    /// <summary>The child array: all lists' values back to back, including those under null lists.</summary>
    public PrimitiveArray<double> Values { get; }

    /// <summary>The <see cref="ListSize"/> values of list <paramref name="index"/>.</summary>
    public ReadOnlySpan<double> GetValues(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            ThrowIndexOutOfRange(index);
        }
        return Values.Values.Slice((Offset + index) * ListSize, ListSize);
    }

    public override FixedSizeListArray Slice(int offset, int length) => new(Data.Slice(offset, length));

    public sealed class Builder : IDisposable
    {
        private readonly FixedSizeListType _type;
        private readonly ArrowBuffer.Builder<double> _values;
        private readonly ValidityBuilder _validity = new();
        private int _length;

        public Builder(FixedSizeListType type, int capacity = 0)
        {
            ArgumentNullException.ThrowIfNull(type);
            _type = type;
            _values = new ArrowBuffer.Builder<double>(checked(capacity * type.ListSize));
        }

        public Builder(int listSize, int capacity = 0)
            : this(new FixedSizeListType(listSize), capacity)
        {
        }

        public int Length => _length;

        public Builder Append(ReadOnlySpan<double> values)
        {
            if (values.Length != _type.ListSize)
            {
                throw new ArgumentException($"Expected {_type.ListSize} values, got {values.Length}.", nameof(values));
            }
            _values.Append(values);
            _validity.AppendValid();
            _length++;
            return this;
        }

        public Builder Append(double[]? values) => values is null ? AppendNull() : Append(values.AsSpan());

        public Builder AppendNull()
        {
            _values.AppendZeros(_type.ListSize);
            _validity.AppendNull();
            _length++;
            return this;
        }

        public FixedSizeListArray Build()
        {
            int nullCount = _validity.NullCount;
            var validity = _validity.Build();
            int valueCount = _values.Length;
            var child = new ArrayData(DoubleType.Default, valueCount, 0, 0, [ArrowBuffer.Empty, _values.Build()]);
            var data = new ArrayData(_type, _length, 0, nullCount, [validity], [child]);
            _length = 0;
            return new FixedSizeListArray(data);
        }

        public void Dispose()
        {
            _values.Dispose();
            _validity.Dispose();
        }
    }
}
