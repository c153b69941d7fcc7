using Apache.Arrow;

namespace Rdd.Sql.Execution.Caching;

/// <summary>
/// Dictionary codes kept alongside a decoded string or binary column: row <c>i</c> holds
/// <c>Dictionary[Codes[i]]</c> (a null row's code is unspecified). The column stays a complete utf8/binary array
/// (<see cref="CodedStringArray"/>, <see cref="CodedBinaryArray"/>: Apache.Arrow arrays with the codes beside), so
/// every kernel and the IPC writer read it as before; operators that group, join or partition by the column may
/// use the codes instead, hashing and comparing each distinct value once per dictionary rather than once per
/// row — what pandas' categories and Spark's dictionary-encoded cache columns buy. The cache attaches codes to its
/// low-cardinality string columns; one dictionary serves every batch of a cached partition. Not written by IPC:
/// a file holds the decoded values.
/// </summary>
/// <param name="Dictionary">The distinct values, without nulls.</param>
/// <param name="Codes">One code per row of the column.</param>
internal sealed record DictionaryCodes(BinaryArray Dictionary, ReadOnlyMemory<int> Codes)
{
    /// <summary>The codes of rows [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>).</summary>
    public DictionaryCodes Slice(int offset, int length) => this with { Codes = Codes.Slice(offset, length) };

    /// <summary>The codes <paramref name="array"/> carries, or null.</summary>
    public static DictionaryCodes? Of(IArrowArray array) => array switch
    {
        CodedStringArray strings => strings.Codes,
        CodedBinaryArray bytes => bytes.Codes,
        _ => null,
    };

    /// <summary><paramref name="array"/> (a string or binary column) with <paramref name="codes"/> attached, one per row.</summary>
    public static BinaryArray Attach(BinaryArray array, DictionaryCodes codes)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Codes.Length != array.Length)
        {
            throw new ArgumentException($"{codes.Codes.Length} codes for {array.Length} rows.", nameof(codes));
        }
        return array is StringArray ? new CodedStringArray(array.Data, codes) : new CodedBinaryArray(array.Data, codes);
    }

    /// <summary>
    /// Rows [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) of
    /// <paramref name="array"/>, sharing its buffers and keeping its codes (Apache.Arrow's own slicing rebuilds a
    /// plain array).
    /// </summary>
    public static IArrowArray Slice(IArrowArray array, int offset, int length)
    {
        var sliced = ArrowArrayFactory.Slice(array, offset, length);
        return Of(array) is { } codes ? Attach((BinaryArray)sliced, codes.Slice(offset, length)) : sliced;
    }
}
