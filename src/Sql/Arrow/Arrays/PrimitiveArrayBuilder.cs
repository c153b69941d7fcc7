using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// Shared builder for fixed-width arrays: values and validity appended into pooled buffers. Generic over the
/// array and the concrete builder so fluent <c>Append</c> returns the concrete builder (Date32Array.Builder
/// keeps its <c>Append(DateOnly)</c> in a chain).
/// </summary>
internal abstract class PrimitiveArrayBuilder<T, TArray, TBuilder> : IDisposable
    where T : unmanaged
    where TArray : PrimitiveArray<T>
    where TBuilder : PrimitiveArrayBuilder<T, TArray, TBuilder>
{
    private readonly ArrowBuffer.Builder<T> _values;
    private readonly ValidityBuilder _validity = new();

    protected PrimitiveArrayBuilder(FixedWidthType type, int capacity)
    {
        Type = type;
        _values = new ArrowBuffer.Builder<T>(capacity);
    }

    public FixedWidthType Type { get; }

    public int Length => _values.Length;

    public int NullCount => _validity.NullCount;

    public TBuilder Append(T value)
    {
        _values.Append(value);
        _validity.AppendValid();
        return (TBuilder)this;
    }

    public TBuilder Append(T? value) => value.HasValue ? Append(value.GetValueOrDefault()) : AppendNull();

    public TBuilder Append(ReadOnlySpan<T> values)
    {
        _values.Append(values);
        _validity.AppendValid(values.Length);
        return (TBuilder)this;
    }

    public TBuilder AppendNull()
    {
        _values.Append(default(T));
        _validity.AppendNull();
        return (TBuilder)this;
    }

    public TArray Build()
    {
        int length = _values.Length;
        int nullCount = _validity.NullCount;
        var validity = _validity.Build();
        var data = new ArrayData(Type, length, 0, nullCount, [validity, _values.Build()]);
        return Create(data);
    }

    public void Dispose()
    {
        _values.Dispose();
        _validity.Dispose();
    }

    protected abstract TArray Create(ArrayData data);
}
