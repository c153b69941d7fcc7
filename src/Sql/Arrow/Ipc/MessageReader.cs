using System.Buffers.Binary;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Reads encapsulated messages one after another: an optional 0xFFFFFFFF continuation marker (absent in
/// the legacy pre-0.15 format), an int32 metadata length, the flatbuffer Message padded to 8 bytes, then
/// the body. A zero length (in either format) or a clean end of input ends the stream. Two implementations
/// chosen by input shape: <see cref="MemoryMessageReader"/> slices bytes already in memory (zero-copy);
/// <see cref="StreamMessageReader"/> reads from any <see cref="Stream"/>.
/// </summary>
internal abstract class MessageReader : IDisposable
{
    /// <summary>The next message, or null at the end of the stream.</summary>
    public abstract IpcMessage? ReadMessage();

    public abstract ValueTask<IpcMessage?> ReadMessageAsync(CancellationToken cancellationToken);

    /// <summary>Moves to an absolute position (the file format's blocks); relative to where reading began.</summary>
    public abstract void Seek(long position);

    public virtual void Dispose()
    {
    }

    /// <summary>
    /// Interprets the first int32 of a message prefix. Returns the metadata length, 0 for end of stream,
    /// or -1 when a continuation marker means the length follows in the next int32.
    /// </summary>
    protected static int InterpretPrefix(ReadOnlySpan<byte> first4)
    {
        int value = BinaryPrimitives.ReadInt32LittleEndian(first4);
        if (value == IpcFormat.ContinuationMarker)
        {
            return -1;
        }
        return value >= 0 ? value : throw new InvalidDataException($"Invalid Arrow IPC message length {value}.");
    }

    protected static int CheckLength(ReadOnlySpan<byte> lengthBytes)
    {
        int value = BinaryPrimitives.ReadInt32LittleEndian(lengthBytes);
        return value >= 0 ? value : throw new InvalidDataException($"Invalid Arrow IPC message length {value}.");
    }

    protected static int CheckBodyLength(long bodyLength) =>
        bodyLength <= Array.MaxLength - 64
            ? (int)bodyLength
            : throw new NotSupportedException($"Arrow IPC message bodies over 2 GiB are not supported (this one is {bodyLength} bytes).");
}
