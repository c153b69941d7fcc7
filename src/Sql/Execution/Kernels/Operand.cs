using Apache.Arrow;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// A kernel input: an array of the batch's length, or a scalar (a literal, in its .NET representation, or
/// null) that the kernel broadcasts without materialising an array.
/// </summary>
internal readonly record struct Operand(ArrowArray? Array, object? Scalar)
{
    public static Operand Of(ArrowArray array) => new(array, null);

    public static Operand OfScalar(object? value) => new(null, value);

    public bool IsScalar => Array is null;

    public bool IsNullScalar => Array is null && Scalar is null;

    /// <summary>The array's validity at offset 0; null (all valid) for a non-null scalar.</summary>
    public byte[]? Validity() => Array is null ? null : Bitmaps.Validity(Array);
}
