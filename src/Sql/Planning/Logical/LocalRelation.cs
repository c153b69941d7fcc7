namespace Rdd.Sql.Planning.Logical;

/// <summary>Rows held in the plan itself (<c>CreateDataFrame</c> of a small collection, a folded constant relation).</summary>
internal sealed class LocalRelation(IReadOnlyList<AttributeReference> output, IReadOnlyList<object?[]> rows) : LogicalPlan
{
    /// <summary>A relation over <paramref name="schema"/> with fresh attributes.</summary>
    public static LocalRelation Create(StructType schema, IReadOnlyList<object?[]> rows) =>
        new([.. schema.Select(f => AttributeReference.Create(f.Name, f.DataType, f.Nullable))], rows);

    /// <summary>The rows, one value per output column, in the .NET representation of each column's type.</summary>
    public IReadOnlyList<object?[]> Rows { get; } = rows ?? throw new ArgumentNullException(nameof(rows));

    public override IReadOnlyList<AttributeReference> Output { get; } = output ?? throw new ArgumentNullException(nameof(output));

    public override IReadOnlyList<LogicalPlan> Children => [];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;

    public override string NodeString => $"LocalRelation {List(Output)}";
}
