using Apache.Arrow;

namespace Rdd.Sql.Execution.Caching;

/// <summary>A <c>binary</c> column that also carries its <see cref="DictionaryCodes"/>; to every reader it is a plain <see cref="BinaryArray"/>.</summary>
internal sealed class CodedBinaryArray(ArrayData data, DictionaryCodes codes) : BinaryArray(data)
{
    public DictionaryCodes Codes { get; } = codes;
}
