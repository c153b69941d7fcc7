namespace Rdd.Sql.Arrow.Ipc;

/// <summary>Options of <see cref="ArrowStreamReader"/> and <see cref="ArrowFileReader"/>.</summary>
internal sealed record ArrowReaderOptions
{
    public static ArrowReaderOptions Default { get; } = new();

    /// <summary>
    /// Indices into the file's schema of the columns to read, in the order wanted; null reads every column.
    /// Columns left out are never decoded, so they may even be of types this layer does not support.
    /// </summary>
    public IReadOnlyList<int>? Columns { get; init; }

    /// <summary>Keep the source stream open when the reader is disposed.</summary>
    public bool LeaveOpen { get; init; }
}
