using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// <c>grouping(x)</c> (tinyint: 1 when x is aggregated away in the row's grouping set, else 0) and
/// <c>grouping_id(x, y, …)</c> (bigint: those bits, the first argument the most significant; no arguments means
/// every GROUP BY expression). It only has a value per grouping set: the SQL planner replaces it by a literal in
/// each set's aggregate of ROLLUP, CUBE and GROUPING SETS, so anywhere else it fails analysis, as in Spark. It
/// counts as an aggregate so HAVING and ORDER BY carry it through the sets like one.
/// </summary>
internal sealed class GroupingCall(IReadOnlyList<Expression> arguments, bool id) : Expression
{
    public IReadOnlyList<Expression> Arguments { get; } = arguments ?? throw new ArgumentNullException(nameof(arguments));

    /// <summary>Whether this is grouping_id (else grouping).</summary>
    public bool Id { get; } = id;

    public override IReadOnlyList<Expression> Children => Arguments;

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new GroupingCall([.. children], Id);

    public override bool IsAggregate => true;

    public override DataType DataType => Id ? LongType.Instance : ByteType.Instance;

    public override bool Nullable => false;

    protected internal override Expression ResolveNode(StructType input) =>
        throw new AnalysisException($"[UNSUPPORTED_GROUPING_EXPRESSION] {this} can only be used with GROUPING SETS, CUBE or ROLLUP.");

    /// <summary>The value in a grouping set: <paramref name="absent"/> tells which expressions (by text) the set leaves out.</summary>
    /// <param name="absent">Whether a grouping expression's text is aggregated away in the set.</param>
    /// <param name="all">Every grouping expression, in GROUP BY order (grouping_id's default arguments).</param>
    public Literal ValueIn(Func<string, bool> absent, IReadOnlyList<Expression> all)
    {
        var arguments = Id && Arguments.Count == 0 ? all : Arguments;
        long bits = 0;
        foreach (var argument in arguments)
        {
            string text = argument.ToString();
            if (!all.Any(g => g.ToString() == text))
            {
                throw new AnalysisException(
                    $"[GROUPING_COLUMN_MISMATCH] Column of grouping ({text}) can't be found in grouping columns {string.Join(", ", all)}.");
            }
            bits = (bits << 1) | (absent(text) ? 1L : 0L);
        }
        return Id ? new Literal(bits, LongType.Instance) : new Literal((sbyte)bits, ByteType.Instance);
    }

    public override string ToString() => $"{(Id ? "grouping_id" : "grouping")}({string.Join(", ", Arguments)})";
}
