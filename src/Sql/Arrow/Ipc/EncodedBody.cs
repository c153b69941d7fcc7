using Rdd.Sql.Arrow.Ipc.Metadata;
using Rdd.Sql.Arrow.Memory;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// A record batch laid out for a message: its field nodes, buffer specs, and the bytes of every buffer in
/// body order. Most buffers are windows of the arrays' own memory; re-based bitmaps and offsets of sliced
/// arrays live in pooled scratch blocks, returned by <see cref="Dispose"/> once the body is written.
/// </summary>
internal sealed class EncodedBody : IDisposable
{
    private readonly List<AlignedBlock> _scratch = [];

    public List<FieldNode> Nodes { get; } = [];

    public List<BufferSpec> Buffers { get; } = [];

    /// <summary>The bytes of <see cref="Buffers"/>[i], unpadded.</summary>
    public List<ReadOnlyMemory<byte>> Segments { get; } = [];

    /// <summary>Total body length, each buffer padded to 8 bytes.</summary>
    public long Length { get; private set; }

    public void AddBuffer(ReadOnlyMemory<byte> bytes)
    {
        Buffers.Add(new BufferSpec(Length, bytes.Length));
        Segments.Add(bytes);
        Length += BitUtility.RoundUpToMultipleOf8((long)bytes.Length);
    }

    /// <summary>A scratch block of <paramref name="length"/> bytes that lives until the body is disposed.</summary>
    public Memory<byte> RentScratch(int length)
    {
        var block = AlignedMemoryPool.Rent(length);
        _scratch.Add(block);
        return block.Memory[..length];
    }

    public void Dispose()
    {
        foreach (var block in _scratch)
        {
            AlignedMemoryPool.Return(block);
        }
        _scratch.Clear();
    }
}
