using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Columns;

/// <summary>
/// The layout of string and binary columns: 32-bit offsets into one data buffer. A staged value is written
/// into the data buffer's spare capacity and committed by advancing past it.
/// </summary>
internal abstract class VariableWidthColumnBuilder : ColumnBuilder
{
    private readonly BufferBuilder<int> _offsets;
    private int _pendingLength;
    private int _lastDataLength;

    protected VariableWidthColumnBuilder(DataType dataType, int capacity)
        : base(dataType)
    {
        _offsets = new BufferBuilder<int>(capacity + 1);
        _offsets.Append(0);
        Data = new BufferBuilder<byte>();
    }

    /// <summary>Bytes of committed values in the current batch; readers end a batch before this nears 2 GiB.</summary>
    public int DataLength => Data.Length;

    protected BufferBuilder<byte> Data { get; }

    /// <summary>Records that <paramref name="length"/> bytes were staged at the end of <see cref="Data"/>.</summary>
    protected bool Staged(int length)
    {
        _pendingLength = length;
        return true;
    }

    protected override void CommitValue()
    {
        Data.Advance(_pendingLength);
        _offsets.Append(Data.Length);
    }

    protected override void CommitNull() => _offsets.Append(Data.Length);

    protected override ArrayData BuildData(int length, int nullCount, ArrowBuffer validity)
    {
        _lastDataLength = Data.Length;
        var data = new ArrayData(ArrowTypeMapping.ToArrowType(DataType), length, nullCount, 0, [validity, _offsets.Build(), Data.Build()]);
        _offsets.Append(0);
        return data;
    }

    public override void Reserve(int rows)
    {
        _offsets.EnsureCapacity(rows + 1);
        Data.EnsureCapacity(_lastDataLength);
    }

    public override void Dispose()
    {
        _offsets.Dispose();
        Data.Dispose();
        base.Dispose();
    }
}
