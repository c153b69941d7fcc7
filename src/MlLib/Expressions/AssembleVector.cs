using System.Globalization;
using System.Numerics.Tensors;
using Apache.Arrow;
using Rdd.Sql;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.MlLib;

/// <summary>
/// <see cref="VectorAssembler"/>'s column: the values of numeric, boolean and vector columns concatenated into one
/// vector per row, in Spark's <c>compressed</c> form (sparse when mostly zeros), built straight into Arrow storage.
/// A null or NaN input fails the row (naming the column and showing the row's inputs) unless
/// <see cref="Keep"/> turns it into NaN.
/// </summary>
internal sealed class AssembleVector(IReadOnlyList<Expression> inputs, IReadOnlyList<string> names, bool keep) : Expression
{
    public IReadOnlyList<Expression> Inputs { get; } = inputs;

    public bool Keep { get; } = keep;

    public override IReadOnlyList<Expression> Children => Inputs;

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new AssembleVector(children, names, Keep);

    public override DataType DataType => VectorType.Instance;

    public override bool Nullable => false;

    protected internal override Expression ResolveNode(StructType input)
    {
        var cast = Inputs.Select(e => e.DataType == VectorType.Instance || e.DataType is DoubleType ? e : TypeCoercion.CastTo(e, DoubleType.Instance)).ToArray();
        return cast.Zip(Inputs).All(p => ReferenceEquals(p.First, p.Second)) ? this : new AssembleVector(cast, names, Keep);
    }

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        int n = batch.Length;
        var arrays = Inputs.Select(e => e.Evaluate(batch)).ToArray();
        if (arrays.All(a => a is PrimitiveArray<double> { NullCount: 0 }) && AssembleNumbers(arrays, n) is { } assembled)
        {
            return assembled;
        }
        var numbers = arrays.Select(a => a as PrimitiveArray<double>).ToArray();
        var vectors = arrays.Select(a => a is StructArray s ? new VectorColumn(s) : (VectorColumn?)null).ToArray();
        var keptSizes = Keep ? KeptVectorSizes(vectors, n) : null;
        int dense = numbers.Count(a => a is not null);
        var row = new double[Math.Max(dense, 16)];
        var indexScratch = new int[row.Length];
        var valueScratch = new double[row.Length];
        using var builder = new VectorColumnBuilder(n, n * Math.Max(dense, 1));
        for (int i = 0; i < n; i++)
        {
            int size = 0;
            for (int c = 0; c < arrays.Length; c++)
            {
                size += numbers[c] is not null ? 1 : vectors[c]!.Value.IsNull(i) ? Required(keptSizes, c, i) : vectors[c]!.Value.Size(i);
            }
            if (row.Length < size)
            {
                row = new double[size];
                indexScratch = new int[size];
                valueScratch = new double[size];
            }
            int at = 0;
            for (int c = 0; c < arrays.Length; c++)
            {
                if (numbers[c] is { } number)
                {
                    double value = number.IsNull(i) ? Invalid(c, i, "null", arrays) : number.Values[i];
                    row[at++] = double.IsNaN(value) && !Keep ? Invalid(c, i, "NaN", arrays) : value;
                    continue;
                }
                var vector = vectors[c]!.Value;
                if (vector.IsNull(i))
                {
                    int missing = Required(keptSizes, c, i);
                    Invalid(c, i, "null", arrays);
                    row.AsSpan(at, missing).Fill(double.NaN);
                    at += missing;
                }
                else if (vector.IsDense(i))
                {
                    var values = vector.Values(i);
                    values.CopyTo(row.AsSpan(at));
                    at += values.Length;
                }
                else
                {
                    int vectorSize = vector.Size(i);
                    row.AsSpan(at, vectorSize).Clear();
                    var indices = vector.Indices(i);
                    var values = vector.Values(i);
                    for (int k = 0; k < indices.Length; k++)
                    {
                        row[at + indices[k]] = values[k];
                    }
                    at += vectorSize;
                }
            }
            builder.AppendCompressed(row.AsSpan(0, size), indexScratch, valueScratch);
        }
        return builder.Build();
    }

    /// <summary>
    /// The common case, numeric inputs without nulls, column by column: each column's NaN check is one SIMD scan and
    /// the row-major values are written in one sweep per column. Null when some row is mostly zeros (Spark's
    /// <c>compressed</c> would make it sparse): the general path builds that batch.
    /// </summary>
    private StructArray? AssembleNumbers(ArrowArray[] arrays, int n)
    {
        int p = arrays.Length;
        var values = KernelArrays.AllocateValues<double>(n * p);
        var target = KernelArrays.AsSpan<double>(values);
        for (int c = 0; c < p; c++)
        {
            var column = ((PrimitiveArray<double>)arrays[c]).Values;
            if (!Keep && TensorPrimitives.IsNaNAny(column))
            {
                Invalid(c, FirstNaN(column), "NaN", arrays);
            }
            for (int i = 0; i < n; i++)
            {
                target[i * p + c] = column[i];
            }
        }
        // Spark stores a row sparse when 1.5 · (non-zeros + 1) < size; possible only with more than one value.
        if (1.5 < p)
        {
            for (int i = 0; i < n; i++)
            {
                int nonZeros = p - target.Slice(i * p, p).Count(0.0);
                if (1.5 * (nonZeros + 1.0) < p)
                {
                    return null;
                }
            }
        }
        return VectorType.DenseColumn(values, n, p);
    }

    private static int FirstNaN(ReadOnlySpan<double> column)
    {
        for (int i = 0; i < column.Length; i++)
        {
            if (double.IsNaN(column[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Sizes of the vector inputs for rows where they are null and <see cref="Keep"/> fills NaN: taken from the batch's first non-null row.</summary>
    private static int[]? KeptVectorSizes(VectorColumn?[] vectors, int n)
    {
        var sizes = new int[vectors.Length];
        for (int c = 0; c < vectors.Length; c++)
        {
            sizes[c] = -1;
            if (vectors[c] is { } vector)
            {
                for (int i = 0; i < n; i++)
                {
                    if (!vector.IsNull(i))
                    {
                        sizes[c] = vector.Size(i);
                        break;
                    }
                }
            }
        }
        return sizes;
    }

    private int Required(int[]? keptSizes, int column, int row)
    {
        if (keptSizes is null)
        {
            return 0;
        }
        return keptSizes[column] >= 0
            ? keptSizes[column]
            : throw new InvalidDataException(
                $"VectorAssembler cannot keep the null vector in column '{names[column]}': no row of its batch gives the vector's size.");
    }

    /// <summary>Throws Spark's error for a null or NaN input unless invalid values are kept (then NaN).</summary>
    private double Invalid(int column, int row, string what, ArrowArray[] arrays)
    {
        if (Keep)
        {
            return double.NaN;
        }
        string values = string.Join(", ", names.Select((name, c) => $"{name} = {Show(arrays[c], row)}"));
        throw new InvalidDataException(
            $"Encountered {what} in column '{names[column]}' while assembling a row ({values}) with handleInvalid = \"error\". "
            + "Consider removing nulls and NaNs from the dataset or using handleInvalid = \"keep\" or \"skip\".");
    }

    private static string Show(ArrowArray array, int row) => array.IsNull(row)
        ? "null"
        : array is PrimitiveArray<double> d
            ? d.Values[row].ToString("R", CultureInfo.InvariantCulture)
            : VectorType.Instance.Deserialize((StructArray)array, row).ToString()!;

    public override string ToString() => $"vector_assembler({string.Join(", ", Inputs)})";
}

/// <summary>True for rows where no input is null or NaN: <see cref="VectorAssembler"/>'s <c>skip</c> filter (Spark's <c>na.drop</c>).</summary>
internal sealed class AllValid(IReadOnlyList<Expression> inputs) : Expression
{
    public override IReadOnlyList<Expression> Children => inputs;

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new AllValid(children);

    public override DataType DataType => BooleanType.Instance;

    public override bool Nullable => false;

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        int n = batch.Length;
        var bits = Rdd.Sql.Execution.Kernels.Bitmaps.AllSet(n);
        foreach (var input in inputs)
        {
            var array = input.Evaluate(batch);
            for (int i = 0; i < n; i++)
            {
                if (array.IsNull(i) || array is PrimitiveArray<double> d && double.IsNaN(d.Values[i])
                    || array is PrimitiveArray<float> f && float.IsNaN(f.Values[i]))
                {
                    Bits.ClearBit(bits, i);
                }
            }
        }
        return Rdd.Sql.Execution.Kernels.KernelArrays.Boolean(bits, null, n);
    }

    public override string ToString() => $"all_valid({string.Join(", ", inputs)})";
}
