using System.Runtime.InteropServices;

namespace Rdd.Sql.Arrow.Ipc.Metadata;

/// <summary>
/// Message.fbs struct <c>FieldNode</c>: one array (or nested child) of a record batch in pre-order. The
/// layout matches the flatbuffer struct byte for byte, so a vector of them is read and written in place.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal readonly record struct FieldNode(long Length, long NullCount);
