using System.Runtime.InteropServices;

namespace Rdd.Sql.Arrow.Ipc.Metadata;

/// <summary>
/// Schema.fbs struct <c>Buffer</c>: where one buffer lies in a message body (offset from the body's start,
/// length in bytes, excluding padding). Byte-for-byte the flatbuffer struct.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal readonly record struct BufferSpec(long Offset, long Length);
