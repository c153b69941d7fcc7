using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace Rdd.Sql.Execution.Memory;

/// <summary>
/// A growable buffer of <typeparamref name="T"/> in pooled aligned memory. <see cref="Build"/> hands the
/// memory to the resulting <see cref="ArrowBuffer"/> (which wraps it, no copy) and leaves the builder empty and
/// reusable; <see cref="Dispose"/> returns memory that was never built. Apache.Arrow's own buffer builder copies
/// into native memory when it builds, which is why the engine keeps this one.
/// </summary>
internal sealed class BufferBuilder<T> : IDisposable where T : unmanaged
{
    private static readonly int s_elementSize = Unsafe.SizeOf<T>();

    private AlignedBlock _block;
    private int _length;

    public BufferBuilder(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _block = AlignedMemoryPool.Rent(checked(capacity * s_elementSize));
    }

    /// <summary>Number of values appended.</summary>
    public int Length => _length;

    public int Capacity => _block.Length / s_elementSize;

    /// <summary>The values appended so far, writable in place.</summary>
    public Span<T> Span => MemoryMarshal.Cast<byte, T>(_block.Span)[.._length];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public BufferBuilder<T> Append(T value)
    {
        if (_length == Capacity)
        {
            Grow(_length + 1);
        }
        Unsafe.Add(ref MemoryMarshal.GetReference(MemoryMarshal.Cast<byte, T>(_block.Span)), _length++) = value;
        return this;
    }

    public BufferBuilder<T> Append(ReadOnlySpan<T> values)
    {
        values.CopyTo(GetSpan(values.Length));
        _length += values.Length;
        return this;
    }

    /// <summary>Appends <paramref name="count"/> zero values (the slots behind nulls).</summary>
    public BufferBuilder<T> AppendZeros(int count)
    {
        GetSpan(count)[..count].Clear();
        _length += count;
        return this;
    }

    /// <summary>
    /// Writable space for at least <paramref name="sizeHint"/> more values, to be committed with
    /// <see cref="Advance"/> (as in <see cref="System.Buffers.IBufferWriter{T}"/>): lets a caller encode
    /// straight into the buffer.
    /// </summary>
    public Span<T> GetSpan(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        EnsureCapacity(checked(_length + sizeHint));
        return MemoryMarshal.Cast<byte, T>(_block.Span)[_length..];
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity - _length);
        _length += count;
    }

    public void EnsureCapacity(int capacity)
    {
        if (capacity > Capacity)
        {
            Grow(capacity);
        }
    }

    /// <summary>Moves the appended values into an <see cref="ArrowBuffer"/>; the builder starts over empty.</summary>
    public ArrowBuffer Build()
    {
        var buffer = new ArrowBuffer(_block.Memory[..(_length * s_elementSize)]);
        _block = AlignedBlock.Empty;
        _length = 0;
        return buffer;
    }

    public void Clear() => _length = 0;

    public void Dispose()
    {
        AlignedMemoryPool.Return(_block);
        _block = AlignedBlock.Empty;
        _length = 0;
    }

    private void Grow(int minimumCapacity)
    {
        // Doubling keeps appends amortised O(1); the pool rounds up to a power of two anyway.
        long bytes = Math.Max((long)minimumCapacity * s_elementSize, 2L * _block.Length);
        var grown = AlignedMemoryPool.Rent((int)Math.Min(bytes, System.Array.MaxLength));
        if (grown.Length < (long)minimumCapacity * s_elementSize)
        {
            throw new OutOfMemoryException($"An Arrow buffer cannot hold {minimumCapacity} values of {typeof(T).Name}.");
        }
        _block.Span[..(_length * s_elementSize)].CopyTo(grown.Span);
        AlignedMemoryPool.Return(_block);
        _block = grown;
    }
}
