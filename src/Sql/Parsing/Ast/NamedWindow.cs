using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Parsing.Ast;

/// <summary>
/// <c>function OVER name</c> as parsed: the SQL planner replaces it by a <see cref="WindowExpression"/> with the
/// specification the query's <c>WINDOW name AS (…)</c> clause gives.
/// </summary>
internal sealed class NamedWindow(Expression function, string name, (int Line, int Column) position) : Expression
{
    public Expression Function { get; } = function;

    public string Name { get; } = name;

    public (int Line, int Column) Position { get; } = position;

    public override IReadOnlyList<Expression> Children => [Function];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new NamedWindow(children[0], Name, Position);

    public override bool Resolved => false;

    public override DataType DataType => throw Unresolved();

    protected internal override Expression ResolveNode(StructType input) =>
        throw new AnalysisException($"[MISSING_WINDOW_SPECIFICATION] Window specification `{Name}` is not defined in the WINDOW clause; line {Position.Line} pos {Position.Column - 1}.");

    public override string ToString() => $"{Function} OVER {Name}";
}
