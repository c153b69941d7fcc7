namespace Rdd.Sql.Arrow;

/// <summary>
/// Dictionary codes kept alongside a decoded string or binary column: row <c>i</c> holds
/// <c>Dictionary[Codes[i]]</c> (a null row's code is unspecified). The column stays a complete utf8/binary array,
/// so every kernel reads it as before; operators that group, join or partition by the column may use the codes
/// instead, hashing and comparing each distinct value once per dictionary rather than once per row — what
/// pandas' categories and Spark's dictionary-encoded cache columns buy. The cache attaches codes to its
/// low-cardinality string columns; one dictionary serves every batch of a cached partition. Not written by IPC:
/// a file holds the decoded values.
/// </summary>
/// <param name="Dictionary">The distinct values, without nulls.</param>
/// <param name="Codes">One code per row of the column.</param>
internal sealed record DictionaryCodes(BinaryArray Dictionary, ReadOnlyMemory<int> Codes)
{
    /// <summary>The codes of rows [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>).</summary>
    public DictionaryCodes Slice(int offset, int length) => this with { Codes = Codes.Slice(offset, length) };
}
