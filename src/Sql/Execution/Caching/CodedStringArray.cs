using Apache.Arrow;

namespace Rdd.Sql.Execution.Caching;

/// <summary>A <c>utf8</c> column that also carries its <see cref="DictionaryCodes"/>; to every reader it is a plain <see cref="StringArray"/>.</summary>
internal sealed class CodedStringArray(ArrayData data, DictionaryCodes codes) : StringArray(data)
{
    public DictionaryCodes Codes { get; } = codes;
}
