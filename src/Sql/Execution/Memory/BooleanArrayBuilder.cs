using Apache.Arrow;
using Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Memory;

/// <summary>Builds a boolean array (values bit-packed like the validity bitmap) in pooled aligned memory.</summary>
internal sealed class BooleanArrayBuilder : IDisposable
{
    private readonly BitmapBuilder _values;
    private readonly ValidityBuilder _validity = new();

    public BooleanArrayBuilder(int capacity = 0) => _values = new BitmapBuilder(capacity);

    public int Length => _values.Length;

    public BooleanArrayBuilder Append(bool value)
    {
        _values.Append(value);
        _validity.AppendValid();
        return this;
    }

    public BooleanArrayBuilder Append(bool? value) => value.HasValue ? Append(value.GetValueOrDefault()) : AppendNull();

    public BooleanArrayBuilder AppendNull()
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
        return new BooleanArray(new ArrayData(BooleanType.Default, length, nullCount, 0, [validity, _values.Build()]));
    }

    public void Dispose()
    {
        _values.Dispose();
        _validity.Dispose();
    }
}
