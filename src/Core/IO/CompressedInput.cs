using System.IO.Compression;

namespace Rdd.Core.IO;

/// <summary>
/// Which input files are compressed, decided by extension as Hadoop's CompressionCodecFactory does. Only
/// gzip is supported; a gzip stream cannot be entered in the middle, so such a file is always one split.
/// </summary>
internal static class CompressedInput
{
    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A decompressing view of <paramref name="file"/>. Concatenated gzip members (what <c>cat a.gz b.gz</c>
    /// produces) are read as one stream, as Hadoop's GzipCodec does.
    /// </summary>
    public static Stream Decompress(FileStream file) => new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
}
