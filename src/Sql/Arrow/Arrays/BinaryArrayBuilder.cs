using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// Shared builder for variable-length byte arrays (binary and utf8): 32-bit offsets plus one data buffer.
/// Values are copied (or UTF-8 encoded) straight into the pooled data buffer, so appending allocates nothing.
/// </summary>
internal abstract class BinaryArrayBuilder<TArray, TBuilder> : IDisposable
    where TArray : BinaryArray
    where TBuilder : BinaryArrayBuilder<TArray, TBuilder>
{
    private readonly ArrowBuffer.Builder<int> _offsets;
    private readonly ValidityBuilder _validity = new();

    protected BinaryArrayBuilder(ArrowType type, int capacity)
    {
        Type = type;
        _offsets = new ArrowBuffer.Builder<int>(capacity + 1);
        _offsets.Append(0);
        Data = new ArrowBuffer.Builder<byte>();
    }

    public ArrowType Type { get; }

    public int Length => _offsets.Length - 1;

    public int NullCount => _validity.NullCount;

    /// <summary>The data buffer, for subclasses that encode into it.</summary>
    protected ArrowBuffer.Builder<byte> Data { get; }

    /// <summary>Makes room for <paramref name="bytes"/> more value bytes, so appending them never regrows the buffer.</summary>
    public TBuilder ReserveData(int bytes)
    {
        Data.EnsureCapacity(checked(Data.Length + bytes));
        return (TBuilder)this;
    }

    public TBuilder Append(ReadOnlySpan<byte> value)
    {
        Data.Append(value);
        return CommitValue();
    }

    public TBuilder AppendNull()
    {
        // A null occupies no data: its offsets repeat the previous end.
        _offsets.Append(Data.Length);
        _validity.AppendNull();
        return (TBuilder)this;
    }

    public TArray Build()
    {
        int length = Length;
        int nullCount = _validity.NullCount;
        var validity = _validity.Build();
        var offsets = _offsets.Build();
        var data = new ArrayData(Type, length, 0, nullCount, [validity, offsets, Data.Build()]);
        _offsets.Append(0);
        return Create(data);
    }

    public void Dispose()
    {
        _offsets.Dispose();
        Data.Dispose();
        _validity.Dispose();
    }

    /// <summary>Ends a value whose bytes were written to <see cref="Data"/>.</summary>
    protected TBuilder CommitValue()
    {
        _offsets.Append(Data.Length);
        _validity.AppendValid();
        return (TBuilder)this;
    }

    protected abstract TArray Create(ArrayData data);
}
