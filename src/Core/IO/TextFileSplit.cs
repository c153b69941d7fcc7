namespace Rdd.Core.IO;

/// <summary>
/// One partition of a text input: the byte range [<see cref="Start"/>, <see cref="End"/>) of a file, as
/// Hadoop's FileSplit. The range only says where lines may start; <see cref="LineReader"/> reads past
/// <see cref="End"/> to finish the last line. <see cref="IsWholeFile"/> marks a split that covers its whole
/// file (always true for gzip input, which cannot be split), so the reader goes on to the end of the file.
/// </summary>
internal sealed record TextFileSplit(string Path, long Start, long Length, bool IsWholeFile)
{
    /// <summary>One past the last byte of the range.</summary>
    public long End => Start + Length;

    /// <summary>Hadoop's notation, <c>path:start+length</c>.</summary>
    public override string ToString() => $"{Path}:{Start}+{Length}";
}
