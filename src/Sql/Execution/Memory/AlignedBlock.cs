namespace Rdd.Sql.Execution.Memory;

/// <summary>
/// A 64-byte aligned window of a pinned array, as handed out by <see cref="AlignedMemoryPool"/>. The array
/// lives on the pinned object heap, so the aligned start stays aligned: the GC never moves it.
/// </summary>
internal readonly struct AlignedBlock
{
    private readonly byte[]? _array;
    private readonly int _offset;

    public AlignedBlock(byte[] array, int offset, int length)
    {
        _array = array;
        _offset = offset;
        Length = length;
    }

    public static AlignedBlock Empty => default;

    public int Length { get; }

    public bool IsEmpty => Length == 0;

    public Memory<byte> Memory => _array is null ? Memory<byte>.Empty : _array.AsMemory(_offset, Length);

    public Span<byte> Span => _array is null ? [] : _array.AsSpan(_offset, Length);

    /// <summary>The backing array, so the pool can recognise and re-align a returned block.</summary>
    internal byte[]? Array => _array;
}
