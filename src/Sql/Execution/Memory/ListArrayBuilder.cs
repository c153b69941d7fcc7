using Apache.Arrow;
using Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Memory;

/// <summary>
/// Builds a <c>list&lt;T&gt;</c> array of numbers (the indices and values of ML vectors) one list at a time, in
/// pooled aligned memory: each list's values are copied once, into the child buffer.
/// </summary>
internal sealed class ListArrayBuilder<T> : IDisposable where T : unmanaged
{
    private readonly ListType _type;
    private readonly BufferBuilder<int> _offsets;
    private readonly BufferBuilder<T> _values;
    private readonly ValidityBuilder _validity = new();

    public ListArrayBuilder(ListType type, int capacity = 0, int valueCapacity = 0)
    {
        ArgumentNullException.ThrowIfNull(type);
        _type = type;
        _offsets = new BufferBuilder<int>(capacity + 1);
        _offsets.Append(0);
        _values = new BufferBuilder<T>(valueCapacity);
    }

    public int Length => _offsets.Length - 1;

    public ListArrayBuilder<T> Append(ReadOnlySpan<T> values)
    {
        _values.Append(values);
        _offsets.Append(checked(_values.Length));
        _validity.AppendValid();
        return this;
    }

    public ListArrayBuilder<T> AppendNull()
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
        var child = new ArrayData(_type.ValueDataType, valueCount, 0, 0, [ArrowBuffer.Empty, _values.Build()]);
        var data = new ArrayData(_type, length, nullCount, 0, [validity, _offsets.Build()], [child]);
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
