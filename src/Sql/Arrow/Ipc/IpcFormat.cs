namespace Rdd.Sql.Arrow.Ipc;

/// <summary>Constants of Arrow's encapsulated message, stream and file formats.</summary>
internal static class IpcFormat
{
    /// <summary>
    /// 0xFFFFFFFF, written before each message's metadata length since Arrow 0.15 so a reader never
    /// mistakes the length for flatbuffer data. Older ("legacy") streams start directly with the length.
    /// </summary>
    public const int ContinuationMarker = -1;

    /// <summary>Message bodies, metadata and buffers are padded to this many bytes.</summary>
    public const int Alignment = 8;

    /// <summary>"ARROW1" at both ends of the file format; the leading copy is padded to 8 bytes.</summary>
    public static ReadOnlySpan<byte> FileMagic => "ARROW1"u8;

    public const int PaddedFileMagicLength = 8;

    /// <summary>Trailer of the file format: int32 footer length, then the magic.</summary>
    public const int FileTrailerLength = sizeof(int) + 6;

    /// <summary>Zeros to pad with; padding never exceeds 7 bytes (message) or 2 (file magic).</summary>
    public static ReadOnlySpan<byte> Zeros => [0, 0, 0, 0, 0, 0, 0, 0];

    public static int PaddingFor(long length) => (int)(-length & (Alignment - 1));

    /// <summary>
    /// Arrow data is little-endian and this layer reads buffers in place, so it refuses to run on a
    /// big-endian host rather than misread every number.
    /// </summary>
    public static void EnsureLittleEndianHost()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Arrow IPC in Rdd.Sql requires a little-endian machine.");
        }
    }
}
