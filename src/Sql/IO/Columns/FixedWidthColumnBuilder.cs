using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Columns;

/// <summary>
/// A column of fixed-width values (integers, floats, date32 days, timestamp microseconds). The parser is a
/// struct type argument, so parsing is specialised per type and inlined.
/// </summary>
internal sealed class FixedWidthColumnBuilder<T, TParser> : ColumnBuilder
    where T : unmanaged
    where TParser : struct, IValueParser<T>
{
    private readonly BufferBuilder<T> _values;
    private readonly IArrowType _arrowType;
    private TParser _parser;
    private T _pending;

    public FixedWidthColumnBuilder(DataType dataType, TParser parser, int capacity)
        : base(dataType)
    {
        _arrowType = ArrowTypeMapping.ToArrowType(dataType);
        _parser = parser;
        _values = new BufferBuilder<T>(capacity);
    }

    protected override bool TryStageValue(ReadOnlySpan<byte> text) => _parser.TryParse(text, out _pending);

    protected override void CommitValue() => _values.Append(_pending);

    protected override void CommitNull() => _values.Append(default(T));

    protected override ArrayData BuildData(int length, int nullCount, ArrowBuffer validity) =>
        new(_arrowType, length, nullCount, 0, [validity, _values.Build()]);

    public override void Reserve(int rows) => _values.EnsureCapacity(rows);

    public override void Dispose()
    {
        _values.Dispose();
        base.Dispose();
    }
}
