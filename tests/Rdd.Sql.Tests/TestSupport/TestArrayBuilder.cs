using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Tests;

/// <summary>
/// Builds a fixed-width array value by value for tests (Apache.Arrow's builders are one class per type): numbers of
/// <typeparamref name="T"/>'s Arrow type, or dates and timestamps given their Arrow type.
/// </summary>
internal sealed class TestArrayBuilder<T>(ArrowTypes.IArrowType? type = null) where T : unmanaged, IEquatable<T>
{
    private readonly List<T> _values = [];
    private readonly List<bool> _valid = [];

    public TestArrayBuilder<T> Append(T value)
    {
        _values.Add(value);
        _valid.Add(true);
        return this;
    }

    public TestArrayBuilder<T> Append(T? value) => value is { } v ? Append(v) : AppendNull();

    public TestArrayBuilder<T> AppendNull()
    {
        _values.Add(default);
        _valid.Add(false);
        return this;
    }

    public PrimitiveArray<T> Build()
    {
        int length = _values.Count;
        var bytes = KernelArrays.AllocateValues<T>(length);
        _values.ToArray().CopyTo(KernelArrays.AsSpan<T>(bytes));
        byte[]? validity = null;
        if (_valid.Contains(false))
        {
            validity = new byte[Bits.ByteCount(length)];
            for (int i = 0; i < length; i++)
            {
                if (_valid[i]) Bits.SetBit(validity, i);
            }
        }
        return (PrimitiveArray<T>)KernelArrays.Fixed(type ?? DefaultType(), bytes, validity, length);
    }

    private static ArrowTypes.IArrowType DefaultType() =>
        typeof(T) == typeof(sbyte) ? ArrowTypes.Int8Type.Default
        : typeof(T) == typeof(short) ? ArrowTypes.Int16Type.Default
        : typeof(T) == typeof(int) ? ArrowTypes.Int32Type.Default
        : typeof(T) == typeof(long) ? ArrowTypes.Int64Type.Default
        : typeof(T) == typeof(byte) ? ArrowTypes.UInt8Type.Default
        : typeof(T) == typeof(ushort) ? ArrowTypes.UInt16Type.Default
        : typeof(T) == typeof(uint) ? ArrowTypes.UInt32Type.Default
        : typeof(T) == typeof(ulong) ? ArrowTypes.UInt64Type.Default
        : typeof(T) == typeof(float) ? ArrowTypes.FloatType.Default
        : typeof(T) == typeof(double) ? ArrowTypes.DoubleType.Default
        : throw new NotSupportedException($"{typeof(T).Name} is not an Arrow number type.");
}

/// <summary>Dates and timestamps for tests, as their Arrow physical values.</summary>
internal static class TestTemporalArrays
{
    public static PrimitiveArray<int> Dates(params DateOnly?[] values)
    {
        var builder = new TestArrayBuilder<int>(ArrowTypes.Date32Type.Default);
        foreach (var value in values) builder.Append(value is { } d ? ArrowTemporal.ToDays(d) : null);
        return builder.Build();
    }

    public static PrimitiveArray<long> Timestamps(ArrowTypes.TimestampType type, params DateTime?[] values)
    {
        var builder = new TestArrayBuilder<long>(type);
        foreach (var value in values) builder.Append(value is { } t ? ArrowTemporal.FromDateTime(t, type) : null);
        return builder.Build();
    }
}
