using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// Variable-length lists of numbers (the values and indices of ML vectors): list <c>i</c> is child slots
/// <c>ValueOffsets[i]..ValueOffsets[i + 1]</c> of <see cref="Values"/>. <see cref="GetValues{T}"/> returns the
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
        Values = ArrowArrayFactory.Create(data.Children[0]);
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
    public ArrowArray Values { get; }

    /// <summary>Every child value, whatever list it belongs to, as <typeparamref name="T"/> (the child's number type).</summary>
    public ReadOnlySpan<T> AllValues<T>() where T : unmanaged
    {
        CheckItemType<T>();
        return Values.Data.Buffers[1].AsSpan<T>().Slice(Values.Offset, Values.Length);
    }

    /// <summary>
    /// The values of list <paramref name="index"/> (empty for a null list); <typeparamref name="T"/> is the child's
    /// number type. Null items read as whatever their slot holds: callers that care check <see cref="Values"/>.
    /// </summary>
    public ReadOnlySpan<T> GetValues<T>(int index) where T : unmanaged
    {
        if ((uint)index >= (uint)Length)
        {
            ThrowIndexOutOfRange(index);
        }
        var offsets = ValueOffsets;
        return AllValues<T>()[offsets[index]..offsets[index + 1]];
    }

    /// <summary>The values of list <paramref name="index"/> of a list of doubles.</summary>
    public ReadOnlySpan<double> GetValues(int index) => GetValues<double>(index);

    public int GetValueLength(int index)
    {
        var offsets = ValueOffsets;
        return offsets[index + 1] - offsets[index];
    }

    public override ListArray Slice(int offset, int length) => new(Data.Slice(offset, length));

    private void CheckItemType<T>() where T : unmanaged
    {
        if (!Equals(ListType.ValueField.Type, PrimitiveTypes<T>.Type))
        {
            throw new InvalidOperationException($"A {Type} array does not hold {typeof(T).Name} values.");
        }
    }

    /// <summary>A list array of <see cref="double"/> lists (the layout of vector values).</summary>
    public sealed class Builder : IDisposable
    {
        private readonly Builder<double> _inner;

        public Builder(ListType? type = null, int capacity = 0) => _inner = new Builder<double>(type ?? ListType.Default, capacity);

        public int Length => _inner.Length;

        public Builder Append(ReadOnlySpan<double> values)
        {
            _inner.Append(values);
            return this;
        }

        public Builder Append(double[]? values) => values is null ? AppendNull() : Append(values.AsSpan());

        public Builder AppendNull()
        {
            _inner.AppendNull();
            return this;
        }

        public ListArray Build() => _inner.Build();

        public void Dispose() => _inner.Dispose();
    }

    /// <summary>Builds lists of <typeparamref name="T"/> appended one list at a time.</summary>
    public sealed class Builder<T> : IDisposable where T : unmanaged
    {
        private readonly ListType _type;
        private readonly ArrowBuffer.Builder<int> _offsets;
        private readonly ArrowBuffer.Builder<T> _values;
        private readonly ValidityBuilder _validity = new();

        public Builder(ListType type, int capacity = 0, int valueCapacity = 0)
        {
            ArgumentNullException.ThrowIfNull(type);
            if (!Equals(type.ValueField.Type, PrimitiveTypes<T>.Type))
            {
                throw new ArgumentException($"A builder of {typeof(T).Name} lists cannot build {type}.", nameof(type));
            }
            _type = type;
            _offsets = new ArrowBuffer.Builder<int>(capacity + 1);
            _offsets.Append(0);
            _values = new ArrowBuffer.Builder<T>(valueCapacity);
        }

        public int Length => _offsets.Length - 1;

        public Builder<T> Append(ReadOnlySpan<T> values)
        {
            _values.Append(values);
            _offsets.Append(checked(_values.Length));
            _validity.AppendValid();
            return this;
        }

        public Builder<T> AppendNull()
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
            var child = new ArrayData(_type.ValueField.Type, valueCount, 0, 0, [ArrowBuffer.Empty, _values.Build()]);
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
