using System.Buffers;
using System.Buffers.Text;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Columns;

/// <summary>A binary column read from text: each value is base64 (how Spark writes binary into JSON).</summary>
internal sealed class BinaryColumnBuilder(int capacity) : VariableWidthColumnBuilder(BinaryType.Instance, capacity)
{
    protected override bool TryStageValue(ReadOnlySpan<byte> text)
    {
        var destination = Data.GetSpan(Base64.GetMaxDecodedFromUtf8Length(text.Length));
        return Base64.DecodeFromUtf8(text, destination, out _, out int written) == OperationStatus.Done && Staged(written);
    }
}
