using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// Reads a <see cref="DataSource"/>. <see cref="FullOutput"/> has one attribute per schema field, created once
/// so ids stay stable; <see cref="RequiredColumns"/> (set by PruneColumns) is the subset the reader must
/// produce, and <see cref="PushedFilters"/> (set by PushDownFilter) the conjuncts it may use to skip rows.
/// </summary>
internal sealed class Scan : LogicalPlan
{
    public Scan(DataSource source, IReadOnlyList<AttributeReference> fullOutput, IReadOnlyList<AttributeReference>? requiredColumns = null, IReadOnlyList<Expression>? pushedFilters = null)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        FullOutput = fullOutput ?? throw new ArgumentNullException(nameof(fullOutput));
        RequiredColumns = requiredColumns;
        PushedFilters = pushedFilters ?? [];
    }

    /// <summary>A scan of every column of <paramref name="source"/>, with fresh attributes.</summary>
    public static Scan Create(DataSource source) =>
        new(source, [.. source.Schema.Select(f => AttributeReference.Create(f.Name, f.DataType, f.Nullable))]);

    /// <summary>What is read.</summary>
    public DataSource Source { get; }

    /// <summary>One attribute per field of the source's schema.</summary>
    public IReadOnlyList<AttributeReference> FullOutput { get; }

    /// <summary>The columns to read (a subset of <see cref="FullOutput"/> in its order); null for all.</summary>
    public IReadOnlyList<AttributeReference>? RequiredColumns { get; }

    /// <summary>Conjuncts over this scan's columns the reader may evaluate early.</summary>
    public IReadOnlyList<Expression> PushedFilters { get; }

    public override IReadOnlyList<LogicalPlan> Children => [];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;

    public override IReadOnlyList<AttributeReference> Output => RequiredColumns ?? FullOutput;

    public override IReadOnlyList<Expression> Expressions => PushedFilters;

    public override LogicalPlan MapExpressions(Func<Expression, Expression> map)
    {
        var filters = MapList(PushedFilters, map);
        return ReferenceEquals(filters, PushedFilters) ? this : new Scan(Source, FullOutput, RequiredColumns, filters);
    }

    /// <summary>This scan reading only <paramref name="columns"/>.</summary>
    public Scan WithRequiredColumns(IReadOnlyList<AttributeReference>? columns) => new(Source, FullOutput, columns, PushedFilters);

    /// <summary>This scan with <paramref name="filters"/> pushed into it.</summary>
    public Scan WithPushedFilters(IReadOnlyList<Expression> filters) => new(Source, FullOutput, RequiredColumns, filters);

    public override string NodeString
    {
        get
        {
            var text = $"Scan {Source.FormatName} {List(Output)}";
            if (PushedFilters.Count > 0)
            {
                text += $" PushedFilters: {List(PushedFilters)}";
            }
            if (Source.Paths.Count > 0)
            {
                text += $" Paths: {List(Source.Paths)}";
            }
            return text;
        }
    }
}
