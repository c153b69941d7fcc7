using System.Runtime.CompilerServices;
using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// A fixed-width array of <typeparamref name="T"/>: the numbers (int8..uint64, float, double) directly, and
/// the base of <see cref="Date32Array"/> and <see cref="TimestampArray"/>. <see cref="Values"/> is the
/// column itself, already offset-sliced; kernels loop over it and consult validity only when
/// <c>NullCount &gt; 0</c>.
/// </summary>
internal class PrimitiveArray<T> : ArrowArray where T : unmanaged
{
    public PrimitiveArray(ArrayData data)
        : base(data)
    {
        if (data.Type is not FixedWidthType { BitWidth: var bits } || bits != Unsafe.SizeOf<T>() * 8)
        {
            throw new ArgumentException($"An array of {typeof(T).Name} cannot hold {data.Type} values.", nameof(data));
        }
        RequireValidity(data);
        RequireBuffer(data, 1, ((long)data.Offset + data.Length) * Unsafe.SizeOf<T>(), "values");
    }

    /// <summary>The values of slots 0..Length-1 (null slots hold an unspecified value).</summary>
    public ReadOnlySpan<T> Values => ValueBuffer.AsSpan<T>().Slice(Offset, Length);

    /// <summary>The values buffer, unsliced.</summary>
    public ArrowBuffer ValueBuffer => Data.Buffers[1];

    /// <summary>The value at <paramref name="index"/>, or null.</summary>
    public T? GetValue(int index) => IsValid(index) ? Values[index] : null;

    public override PrimitiveArray<T> Slice(int offset, int length) => new(Data.Slice(offset, length));

    /// <summary>Builds a <see cref="PrimitiveArray{T}"/> of the Arrow number type matching <typeparamref name="T"/>.</summary>
    public sealed class Builder(int capacity = 0)
        : PrimitiveArrayBuilder<T, PrimitiveArray<T>, Builder>(
            PrimitiveTypes<T>.Type ?? throw new NotSupportedException($"{typeof(T).Name} is not an Arrow number type."),
            capacity)
    {
        protected override PrimitiveArray<T> Create(ArrayData data) => new(data);
    }
}
