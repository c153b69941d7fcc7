using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Columns;

/// <summary>A string column: the UTF-8 bytes of each value are copied as they are.</summary>
internal sealed class StringColumnBuilder(int capacity) : VariableWidthColumnBuilder(StringType.Instance, capacity)
{
    protected override bool TryStageValue(ReadOnlySpan<byte> text)
    {
        text.CopyTo(Data.GetSpan(text.Length));
        return Staged(text.Length);
    }
}
