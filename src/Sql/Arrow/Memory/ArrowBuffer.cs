using System.Runtime.InteropServices;

namespace Rdd.Sql.Arrow.Memory;

/// <summary>
/// One Arrow buffer (validity bitmap, values, offsets or data): a read-only window over memory that may be
/// shared with other arrays. Copying the struct or slicing it never copies bytes.
/// </summary>
internal readonly partial struct ArrowBuffer
{
    private readonly ReadOnlyMemory<byte> _memory;

    public ArrowBuffer(ReadOnlyMemory<byte> memory) => _memory = memory;

    public static ArrowBuffer Empty => default;

    public ReadOnlyMemory<byte> Memory => _memory;

    public ReadOnlySpan<byte> Span => _memory.Span;

    public int Length => _memory.Length;

    public bool IsEmpty => _memory.IsEmpty;

    /// <summary>The bytes reinterpreted as little-endian values of <typeparamref name="T"/>; no copy.</summary>
    public ReadOnlySpan<T> AsSpan<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(_memory.Span);

    public ArrowBuffer Slice(int start, int length) => new(_memory.Slice(start, length));
}
