using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// Field <see cref="FieldName"/> of a struct value, Spark's <c>GetStructField</c> (<c>col("s.a")</c>,
/// <c>col("s").GetField("a")</c>): the struct's child column, NULL where the struct is NULL. The result is named
/// after the field, as in Spark.
/// </summary>
internal sealed class GetStructField(Expression child, string fieldName) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    /// <summary>The field's name as written; matched case-insensitively, like column names.</summary>
    public string FieldName { get; } = fieldName ?? throw new ArgumentNullException(nameof(fieldName));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new GetStructField(children[0], FieldName);

    private StructField Field => Child.DataType is StructType type && type.IndexOf(FieldName) is >= 0 and var index
        ? type[index]
        : throw TypeCoercion.Mismatch(this, $"{Child} of type {Child.DataType.SimpleString} has no field `{FieldName}`");

    public override DataType DataType => Field.DataType;

    public override bool Nullable => Child.Nullable || Field.Nullable;

    protected internal override Expression ResolveNode(StructType input)
    {
        _ = Field;
        return this;
    }

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var structs = (StructArray)Child.Evaluate(batch);
        var field = structs.Field(((StructType)Child.DataType).IndexOf(FieldName));
        if (structs.NullCount == 0)
        {
            return field;
        }
        // A null struct makes its field null, whatever the child slot holds.
        if (field.Offset != 0)
        {
            var all = new int[field.Length];
            for (int i = 0; i < all.Length; i++) all[i] = i;
            field = TakeKernel.Take(field, all);
        }
        var validity = Bitmaps.And(Bitmaps.Validity(structs), Bitmaps.Validity(field))!;
        var buffers = field.Data.Buffers.ToArray();
        int nullCount = Bitmaps.NullCount(validity, field.Length);
        buffers[0] = nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity);
        return (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(field.Data.DataType, field.Length, nullCount, 0, buffers, field.Data.Children, field.Data.Dictionary));
    }

    public override string ToString() => $"{Child}.{FieldName}";
}
