using Apache.Arrow;

namespace Rdd.Sql.Execution.Memory;

/// <summary>
/// The validity half of every array builder. The bitmap is only materialised at the first null: a column
/// without nulls gets an empty validity buffer, which Arrow reads as "all valid", and costs no bit work.
/// </summary>
internal sealed class ValidityBuilder : IDisposable
{
    private BitmapBuilder? _bitmap;
    private int _length;

    public int Length => _length;

    public int NullCount => _bitmap?.UnsetCount ?? 0;

    public void AppendValid()
    {
        _bitmap?.Append(true);
        _length++;
    }

    public void AppendValid(int count)
    {
        _bitmap?.Append(true, count);
        _length += count;
    }

    public void AppendNull()
    {
        Materialize().Append(false);
        _length++;
    }

    public void AppendNull(int count)
    {
        Materialize().Append(false, count);
        _length += count;
    }

    /// <summary>The bitmap, or an empty buffer when nothing was null; the builder starts over.</summary>
    public ArrowBuffer Build()
    {
        var buffer = _bitmap is { UnsetCount: > 0 } ? _bitmap.Build() : ArrowBuffer.Empty;
        _bitmap?.Clear();
        _length = 0;
        return buffer;
    }

    public void Dispose() => _bitmap?.Dispose();

    private BitmapBuilder Materialize()
    {
        if (_bitmap is null)
        {
            _bitmap = new BitmapBuilder(Math.Max(_length + 1, 64));
            _bitmap.Append(true, _length);
        }
        return _bitmap;
    }
}
