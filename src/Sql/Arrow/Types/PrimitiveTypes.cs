namespace Rdd.Sql.Arrow.Types;

/// <summary>
/// The Arrow type of a plain .NET number, so <c>PrimitiveArray&lt;T&gt;.Builder</c> needs no type argument.
/// Resolved once per <typeparamref name="T"/> by the static initializer.
/// </summary>
internal static class PrimitiveTypes<T> where T : unmanaged
{
    /// <summary>The matching type, or null when <typeparamref name="T"/> is not an Arrow number.</summary>
    public static readonly FixedWidthType? Type =
        typeof(T) == typeof(sbyte) ? Int8Type.Default
        : typeof(T) == typeof(short) ? Int16Type.Default
        : typeof(T) == typeof(int) ? Int32Type.Default
        : typeof(T) == typeof(long) ? Int64Type.Default
        : typeof(T) == typeof(byte) ? UInt8Type.Default
        : typeof(T) == typeof(ushort) ? UInt16Type.Default
        : typeof(T) == typeof(uint) ? UInt32Type.Default
        : typeof(T) == typeof(ulong) ? UInt64Type.Default
        : typeof(T) == typeof(float) ? FloatType.Default
        : typeof(T) == typeof(double) ? DoubleType.Default
        : null;
}
