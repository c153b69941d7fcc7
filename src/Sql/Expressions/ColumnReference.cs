using Apache.Arrow;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>An unresolved reference to a column by name, optionally qualified by a table alias (<c>t.a</c>).</summary>
internal sealed class ColumnReference : Expression
{
    public ColumnReference(string name, string? qualifier = null, (int Line, int Column)? position = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Qualifier = qualifier;
        Position = position;
    }

    public string Name { get; }

    public string? Qualifier { get; }

    /// <summary>Where the name stands in SQL text (1-based), so an unresolved name is reported there; null from the DataFrame API.</summary>
    public (int Line, int Column)? Position { get; }

    public override IReadOnlyList<Expression> Children => [];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => this;

    public override bool Resolved => false;

    public override DataType DataType => throw Unresolved();

    public override bool Nullable => throw Unresolved();

    /// <summary>
    /// Looks the name up case-insensitively (Spark's default). The qualifier is not checked yet: schemas do
    /// not carry table aliases until the logical plan does.
    /// </summary>
    protected internal override Expression ResolveNode(StructType input)
    {
        int index;
        try
        {
            index = input.IndexOf(Name);
        }
        catch (ArgumentException e)
        {
            throw new AnalysisException($"[AMBIGUOUS_REFERENCE] Reference `{Name}` is ambiguous: {e.Message}", e);
        }
        if (index < 0)
        {
            throw AnalysisException.UnresolvedColumn(Qualifier is null ? Name : $"{Qualifier}.{Name}", input.FieldNames, Position);
        }
        var field = input[index];
        return new BoundReference(index, field.Name, field.DataType, field.Nullable);
    }

    public override string ToString() => Qualifier is null ? Name : $"{Qualifier}.{Name}";
}

/// <summary>A column resolved to its ordinal in the input batch.</summary>
internal sealed class BoundReference(int ordinal, string name, DataType dataType, bool nullable) : Expression
{
    public int Ordinal { get; } = ordinal;

    public string Name { get; } = name;

    public override IReadOnlyList<Expression> Children => [];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => this;

    public override bool Resolved => true;

    public override DataType DataType { get; } = dataType;

    public override bool Nullable { get; } = nullable;

    /// <summary>The batch's column, converted to its SQL type's canonical layout if a reader left it otherwise (uint8, dictionary ...).</summary>
    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var column = batch.Columns[Ordinal];
        return ArrowTypeMapping.IsCanonical(column.Data.DataType) ? column : (ArrowArray)ArrowArrayNormalizer.Normalize(column, Name);
    }

    public override string ToString() => Name;
}
