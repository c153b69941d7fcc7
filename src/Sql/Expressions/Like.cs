using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary><c>child LIKE 'pattern'</c> with <c>%</c>, <c>_</c> and <c>\</c> escapes; NULL for a NULL input.</summary>
internal sealed class Like(Expression child, string pattern) : Expression
{
    private LikeMatcher? _matcher;

    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public string Pattern { get; } = pattern ?? throw new ArgumentNullException(nameof(pattern));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Like(children[0], Pattern);

    public override DataType DataType => BooleanType.Instance;

    protected internal override Expression ResolveNode(StructType input) =>
        Child.DataType is StringType ? this : new Like(TypeCoercion.CastTo(Child, StringType.Instance), Pattern);

    public override ArrowArray Evaluate(RecordBatch batch) =>
        StringKernels.Like((StringArray)Child.Evaluate(batch), _matcher ??= new LikeMatcher(Pattern));

    public override string ToString() => $"{Child} LIKE {Pattern}";
}
