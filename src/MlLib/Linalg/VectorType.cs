using System.Runtime.CompilerServices;
using Apache.Arrow;
using Rdd.Sql;
using Rdd.Sql.Execution.Memory;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.MlLib;

/// <summary>
/// The DataFrame column type of <see cref="Vector"/>s, Spark's <c>VectorUDT</c> (<c>vector</c> in schemas).
/// Vectors are stored as Spark stores them, <c>struct&lt;type: tinyint, size: int, indices: array&lt;int&gt;,
/// values: array&lt;double&gt;&gt;</c> with type 1 for dense vectors (size and indices null) and 0 for sparse
/// ones, so the values of a batch of dense vectors lie back to back in one Arrow buffer: training reads them
/// in place. Arrow and JSON files keep the type.
/// </summary>
public sealed class VectorType : UserDefinedType
{
    /// <summary>The type (there is one).</summary>
    public static VectorType Instance { get; } = new();

    internal const sbyte SparseTag = 0;
    internal const sbyte DenseTag = 1;

    private static readonly ArrowTypes.StructType s_storage = new(
    [
        new Field("type", ArrowTypes.Int8Type.Default, nullable: false),
        new Field("size", ArrowTypes.Int32Type.Default, nullable: true),
        new Field("indices", new ArrowTypes.ListType(new Field("element", ArrowTypes.Int32Type.Default, nullable: false)), nullable: true),
        new Field("values", new ArrowTypes.ListType(new Field("element", ArrowTypes.DoubleType.Default, nullable: false)), nullable: true),
    ]);

    private VectorType()
    {
    }

    /// <summary>Makes the type known to schema strings and file readers as soon as the library loads.</summary>
#pragma warning disable CA2255 // A library registering its column type on load is the case module initializers exist for.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => Rdd.Sql.Types.UserDefinedTypes.Register(Instance);

    /// <inheritdoc />
    public override string TypeName => "vector";

    /// <inheritdoc />
    public override Type UserClass => typeof(Vector);

    internal override string ExtensionName => "rdd.ml.vector";

    internal override ArrowTypes.StructType StorageType => s_storage;

    internal override StructArray Serialize(IReadOnlyList<object?> values)
    {
        using var builder = new VectorColumnBuilder(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            builder.Append(values[i] switch
            {
                null => null,
                Vector vector => vector,
                var other => throw new InvalidCastException($"A vector column cannot hold a {other.GetType().Name} (row {i})."),
            });
        }
        return builder.Build();
    }

    /// <summary>
    /// A column of dense vectors of <paramref name="size"/> values each: <paramref name="values"/> holds rows × size
    /// doubles row after row (as bytes, from <c>KernelArrays.AllocateValues&lt;double&gt;</c>, wrapped without a
    /// copy); <paramref name="validity"/> marks the rows that are not null (null: every row is set).
    /// </summary>
    internal static StructArray DenseColumn(ReadOnlyMemory<byte> values, int rows, int size, byte[]? validity = null)
    {
        var tags = new byte[rows];
        System.Array.Fill(tags, (byte)DenseTag);
        var offsets = new int[rows + 1];
        for (int i = 0; i <= rows; i++)
        {
            offsets[i] = i * size;
        }
        var allNull = new byte[(rows + 7) / 8];
        int nullCount = validity is null ? 0 : rows - Bits.CountBits(validity, 0, rows);
        var fields = new ArrayData[]
        {
            new(ArrowTypes.Int8Type.Default, rows, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(tags)]),
            new(ArrowTypes.Int32Type.Default, rows, rows, 0, [new ArrowBuffer(allNull), new ArrowBuffer(new byte[rows * sizeof(int)])]),
            new(s_storage.Fields[2].DataType, rows, rows, 0, [new ArrowBuffer(allNull), new ArrowBuffer(new byte[(rows + 1) * sizeof(int)])],
                [new ArrayData(ArrowTypes.Int32Type.Default, 0, 0, 0, [ArrowBuffer.Empty, ArrowBuffer.Empty])]),
            new(s_storage.Fields[3].DataType, rows, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray())],
                [new ArrayData(ArrowTypes.DoubleType.Default, rows * size, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(values)])]),
        };
        return new StructArray(new ArrayData(s_storage, rows, nullCount, 0, [nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity)], fields));
    }

    internal override object Deserialize(StructArray storage, int index)
    {
        var column = new VectorColumn(storage);
        return column.IsDense(index)
            ? new DenseVector(column.Values(index).ToArray())
            : new SparseVector(column.Size(index), column.Indices(index).ToArray(), column.Values(index).ToArray());
    }

    internal override void Validate(StructArray storage)
    {
        var column = new VectorColumn(storage);
        for (int row = 0; row < storage.Length; row++)
        {
            if (storage.IsNull(row))
            {
                continue;
            }
            string? problem = column.Check(row);
            if (problem is not null)
            {
                throw new InvalidDataException($"row {row}: {problem}");
            }
        }
    }

    internal override string? CheckStorage(IReadOnlyList<object?> fields)
    {
        long? tag = fields[0] as long?;
        int? size = fields[1] is long s ? (int)Math.Clamp(s, int.MinValue, int.MaxValue) : null;
        return Check(tag ?? -1, size, fields[2] as int[], fields[3] as double[]);
    }

    /// <summary>Why a stored vector is malformed, or null.</summary>
    private static string? Check(long tag, int? size, int[]? indices, double[]? values)
    {
        switch (tag)
        {
            case DenseTag:
                return values is null ? "a dense vector (type 1) needs values" : null;
            case SparseTag:
                if (size is not int n || n < 0)
                {
                    return "a sparse vector (type 0) needs a size of at least 0";
                }
                if (indices is null || values is null || indices.Length != values.Length)
                {
                    return $"a sparse vector needs as many indices as values ({indices?.Length ?? 0} indices, {values?.Length ?? 0} values)";
                }
                return SparseIndexProblem(indices, n);
            default:
                return $"the vector type is {tag}, not 0 (sparse) or 1 (dense)";
        }
    }

    internal static string? SparseIndexProblem(ReadOnlySpan<int> indices, int size)
    {
        int previous = -1;
        for (int k = 0; k < indices.Length; k++)
        {
            if (indices[k] <= previous || indices[k] >= size)
            {
                return indices[k] >= size
                    ? $"index {indices[k]} is outside a vector of size {size}"
                    : $"indices must be strictly increasing ({indices[k]} follows {previous})";
            }
            previous = indices[k];
        }
        return null;
    }
}
