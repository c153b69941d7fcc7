using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Memory;

/// <summary>
/// Builds <c>utf8</c> and <c>binary</c> arrays (32-bit offsets into one data buffer) in pooled aligned memory:
/// values are copied, or UTF-8 encoded, straight into the data buffer, so appending allocates nothing, and
/// <see cref="Build"/> wraps the buffers without a copy. For kernels whose output values are not known up front
/// (string functions, casts to string); fixed-width outputs are written into spans instead.
/// </summary>
internal abstract class VariableWidthArrayBuilder<TArray, TBuilder> : IDisposable
    where TArray : BinaryArray
    where TBuilder : VariableWidthArrayBuilder<TArray, TBuilder>
{
    private readonly BufferBuilder<int> _offsets;
    private readonly ValidityBuilder _validity = new();

    protected VariableWidthArrayBuilder(IArrowType type, int capacity)
    {
        Type = type;
        _offsets = new BufferBuilder<int>(capacity + 1);
        _offsets.Append(0);
        Data = new BufferBuilder<byte>();
    }

    public IArrowType Type { get; }

    public int Length => _offsets.Length - 1;

    public int NullCount => _validity.NullCount;

    /// <summary>The data buffer, for subclasses that encode into it.</summary>
    protected BufferBuilder<byte> Data { get; }

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
        var data = new ArrayData(Type, length, nullCount, 0, [validity, offsets, Data.Build()]);
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

/// <summary>Builds a <c>utf8</c> array; strings are encoded in place.</summary>
internal sealed class StringArrayBuilder(int capacity = 0)
    : VariableWidthArrayBuilder<StringArray, StringArrayBuilder>(StringType.Default, capacity)
{
    public StringArrayBuilder Append(string? value) => value is null ? AppendNull() : Append(value.AsSpan());

    public StringArrayBuilder Append(ReadOnlySpan<char> value)
    {
        // Encode in place: reserve the worst case, commit what the encoder wrote.
        var destination = Data.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        Data.Advance(Encoding.UTF8.GetBytes(value, destination));
        return CommitValue();
    }

    protected override StringArray Create(ArrayData data) => new(data);
}

/// <summary>Builds a <c>binary</c> array.</summary>
internal sealed class BinaryArrayBuilder(int capacity = 0)
    : VariableWidthArrayBuilder<BinaryArray, BinaryArrayBuilder>(BinaryType.Default, capacity)
{
    public BinaryArrayBuilder Append(byte[]? value) => value is null ? AppendNull() : Append(value.AsSpan());

    protected override BinaryArray Create(ArrayData data) => new(data);
}
