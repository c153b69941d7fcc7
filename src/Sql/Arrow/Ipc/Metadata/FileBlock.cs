using System.Runtime.InteropServices;

namespace Rdd.Sql.Arrow.Ipc.Metadata;

/// <summary>
/// File.fbs struct <c>Block</c>: where a message lies in an IPC file. <see cref="MetadataLength"/> counts
/// the prefix, the flatbuffer and its padding, so the body starts at <c>Offset + MetadataLength</c>. The
/// flatbuffer struct pads the int32 to 8 bytes before the last long; the explicit layout reproduces that.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal readonly struct FileBlock
{
    [FieldOffset(0)]
    private readonly long _offset;

    [FieldOffset(8)]
    private readonly int _metadataLength;

    [FieldOffset(16)]
    private readonly long _bodyLength;

    public FileBlock(long offset, int metadataLength, long bodyLength)
    {
        _offset = offset;
        _metadataLength = metadataLength;
        _bodyLength = bodyLength;
    }

    public long Offset => _offset;

    public int MetadataLength => _metadataLength;

    public long BodyLength => _bodyLength;

    public override string ToString() => $"Block(offset {Offset}, metadata {MetadataLength}, body {BodyLength})";
}
