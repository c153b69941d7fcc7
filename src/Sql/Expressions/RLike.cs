using System.Text.RegularExpressions;
using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// <c>child RLIKE 'regex'</c> (also <c>REGEXP</c>, <c>rlike(x, 'regex')</c>, <c>regexp_like</c>): true when the
/// regular expression matches anywhere in the string, as Spark's Java <c>find</c>; NULL for a NULL input. The
/// pattern is compiled once, when the expression is built, so a malformed one fails analysis.
/// </summary>
internal sealed class RLike : Expression
{
    private readonly Regex _regex;

    public RLike(Expression child, string pattern)
    {
        Child = child ?? throw new ArgumentNullException(nameof(child));
        Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        try
        {
            _regex = new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new AnalysisException($"[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter `regexp` of `rlike` is invalid: '{pattern}' ({e.Message}).", e);
        }
    }

    private RLike(Expression child, string pattern, Regex regex)
    {
        Child = child;
        Pattern = pattern;
        _regex = regex;
    }

    public Expression Child { get; }

    public string Pattern { get; }

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new RLike(children[0], Pattern, _regex);

    public override DataType DataType => BooleanType.Instance;

    protected internal override Expression ResolveNode(StructType input) =>
        Child.DataType is StringType ? this : new RLike(TypeCoercion.CastTo(Child, StringType.Instance), Pattern, _regex);

    public override ArrowArray Evaluate(RecordBatch batch) => RegexKernels.IsMatch((StringArray)Child.Evaluate(batch), _regex);

    public override string ToString() => $"RLIKE({Child}, {Pattern})";
}
