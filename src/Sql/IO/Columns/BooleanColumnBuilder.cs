using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Columns;

/// <summary>A boolean column: values bit-packed like the validity bitmap.</summary>
internal sealed class BooleanColumnBuilder : ColumnBuilder
{
    private readonly BitmapBuilder _values;
    private bool _pending;

    public BooleanColumnBuilder(int capacity)
        : base(BooleanType.Instance) => _values = new BitmapBuilder(capacity);

    protected override bool TryStageValue(ReadOnlySpan<byte> text) => default(BooleanParser).TryParse(text, out _pending);

    protected override void CommitValue() => _values.Append(_pending);

    protected override void CommitNull() => _values.Append(false);

    protected override ArrayData BuildData(int length, int nullCount, ArrowBuffer validity) =>
        new(Apache.Arrow.Types.BooleanType.Default, length, nullCount, 0, [validity, _values.Build()]);

    public override void Dispose()
    {
        _values.Dispose();
        base.Dispose();
    }
}
