namespace Rdd.Sql.IO;

/// <summary>
/// The UTF-8 byte order mark some tools (Excel, Notepad) put at the start of a file. Hadoop's line reader drops
/// it from the first line, so Spark never sees it in a header or a first value; the readers here do the same.
/// </summary>
internal static class ByteOrderMark
{
    public static ReadOnlySpan<byte> Skip(ReadOnlySpan<byte> firstLine) =>
        firstLine.StartsWith("\uFEFF"u8) ? firstLine[3..] : firstLine;
}
