using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// <c>size(array)</c>: the number of items, and -1 for a NULL array (Spark's default,
/// <c>spark.sql.legacy.sizeOfNull</c>); an int, never NULL.
/// </summary>
internal sealed class Size(Expression child) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Size(children[0]);

    public override DataType DataType => IntegerType.Instance;

    public override bool Nullable => false;

    protected internal override Expression ResolveNode(StructType input) =>
        Child.DataType is Types.ArrayType ? this : throw TypeCoercion.Mismatch(this, $"size needs an array, not {Child.DataType.SimpleString}");

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var lists = (ListArray)Child.Evaluate(batch);
        var offsets = lists.ValueOffsets;
        var values = KernelArrays.AllocateValues<int>(lists.Length);
        var sizes = KernelArrays.AsSpan<int>(values);
        for (int i = 0; i < sizes.Length; i++)
        {
            sizes[i] = lists.IsNull(i) ? -1 : offsets[i + 1] - offsets[i];
        }
        return KernelArrays.Fixed(IntegerType.Instance, values, null, sizes.Length);
    }

    public override string ToString() => $"size({Child})";
}

/// <summary>
/// One item of an array: <c>col.GetItem(i)</c> (0-based, Spark's <c>arr[i]</c>) or <c>element_at(arr, i)</c>
/// (1-based, negative from the end). An index outside the array, a NULL array or a NULL index give NULL (non-ANSI).
/// </summary>
internal sealed class GetArrayItem(Expression child, Expression index, bool oneBased) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public Expression Index { get; } = index ?? throw new ArgumentNullException(nameof(index));

    public bool OneBased { get; } = oneBased;

    public override IReadOnlyList<Expression> Children => [Child, Index];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new GetArrayItem(children[0], children[1], OneBased);

    public override DataType DataType => Child.DataType is Types.ArrayType array
        ? array.ElementType
        : throw TypeCoercion.Mismatch(this, $"{(OneBased ? "element_at" : "an item")} needs an array, not {Child.DataType.SimpleString}");

    public override bool Nullable => true;

    protected internal override Expression ResolveNode(StructType input)
    {
        _ = DataType;
        if (Index.DataType is not (ByteType or ShortType or IntegerType or NullType))
        {
            throw TypeCoercion.Mismatch(this, $"an array index must be an int, not {Index.DataType.SimpleString}");
        }
        var index = TypeCoercion.CastTo(Index, IntegerType.Instance);
        return ReferenceEquals(index, Index) ? this : new GetArrayItem(Child, index, OneBased);
    }

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var lists = (ListArray)Child.Evaluate(batch);
        var indexes = Index.Evaluate(batch);
        var positions = ((PrimitiveArray<int>)indexes).Values;
        var offsets = lists.ValueOffsets;
        var items = (ArrowArray)lists.Values;
        var take = new int[lists.Length];
        var validity = Bitmaps.AllClear(lists.Length);
        for (int i = 0; i < take.Length; i++)
        {
            take[i] = 0;
            if (lists.IsNull(i) || indexes.IsNull(i))
            {
                continue;
            }
            int count = offsets[i + 1] - offsets[i];
            int position = positions[i];
            int at = OneBased ? (position > 0 ? position - 1 : position < 0 ? count + position : -1) : position;
            if (at >= 0 && at < count && items.IsValid(offsets[i] + at))
            {
                take[i] = offsets[i] + at;
                Bits.SetBit(validity, i);
            }
        }
        if (items.Length == 0)
        {
            return KernelArrays.AllNull(DataType, lists.Length);
        }
        var taken = TakeKernel.Take(items, take);
        var buffers = taken.Data.Buffers.ToArray();
        int nullCount = Bitmaps.NullCount(validity, lists.Length);
        buffers[0] = nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity);
        return (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(taken.Data.DataType, lists.Length, nullCount, 0, buffers, taken.Data.Children, taken.Data.Dictionary));
    }

    public override string ToString() => OneBased ? $"element_at({Child}, {Index})" : $"{Child}[{Index}]";
}
