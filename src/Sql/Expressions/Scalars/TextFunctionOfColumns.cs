using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// A <see cref="TextFunctionCall"/> whose parameters (pattern, pad, length, delimiter, count, …) are columns or other
/// non-literal expressions, as Spark allows: <c>lpad(code, width, fill)</c>, <c>regexp_extract(line, pattern_col, 1)</c>.
/// Rows are taken in runs of equal parameter values, and each run is evaluated by the literal-parameter kernel of
/// those values (compiled once per distinct value set, so a regex column with few patterns costs few compilations);
/// a NULL parameter makes the row NULL, as in Spark. A bad value (an invalid regex, a group index the regex lacks)
/// fails the query when it runs, naming the function and the value, since it cannot be known at analysis.
/// </summary>
internal sealed class TextFunctionOfColumns(TextFunction function, Expression child, Expression text, Expression other, Expression number) : Expression
{
    // Tasks evaluate one plan's expressions on several threads at once.
    /// <summary>The one-column batch a run is evaluated over (the kernel reads its input through a bound reference to column 0).</summary>
    private static readonly Schema InputSchema = new([new Field("input", Apache.Arrow.Types.StringType.Default, nullable: true)], null);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, int), TextFunctionCall> _calls = new();

    public TextFunction Function { get; } = function;

    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    /// <summary>The first parameter: the searched text, pad, delimiter, "from" characters or regex.</summary>
    public Expression Text { get; } = text ?? throw new ArgumentNullException(nameof(text));

    /// <summary>The second parameter: the replacement or "to" characters.</summary>
    public Expression Other { get; } = other ?? throw new ArgumentNullException(nameof(other));

    /// <summary>The integer parameter: start position, length, count or group.</summary>
    public Expression Number { get; } = number ?? throw new ArgumentNullException(nameof(number));

    public override IReadOnlyList<Expression> Children => [Child, Text, Other, Number];

    public override Expression WithChildren(IReadOnlyList<Expression> children) =>
        new TextFunctionOfColumns(Function, children[0], children[1], children[2], children[3]);

    public override DataType DataType => Function is TextFunction.Locate or TextFunction.Ascii ? IntegerType.Instance : StringType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var child = AsString(Child);
        var text = AsString(Text);
        var other = AsString(Other);
        var number = Number.DataType switch
        {
            IntegerType => Number,
            ByteType or ShortType or LongType or NullType => TypeCoercion.CastTo(Number, IntegerType.Instance),
            _ => throw TypeCoercion.Mismatch(this, $"the integer argument must be an integer, not {Number.DataType.SimpleString}"),
        };
        return ReferenceEquals(child, Child) && ReferenceEquals(text, Text) && ReferenceEquals(other, Other) && ReferenceEquals(number, Number)
            ? this
            : new TextFunctionOfColumns(Function, child, text, other, number);
    }

    private static Expression AsString(Expression e) => e.DataType is StringType ? e : TypeCoercion.CastTo(e, StringType.Instance);

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var input = (StringArray)Child.Evaluate(batch);
        var texts = (StringArray)Text.Evaluate(batch);
        var others = (StringArray)Other.Evaluate(batch);
        var numbers = (Int32Array)Number.Evaluate(batch);
        var parts = new List<IArrowArray>();
        int start = 0;
        while (start < input.Length)
        {
            int end = start + 1;
            while (end < input.Length && SameParameters(texts, others, numbers, start, end))
            {
                end++;
            }
            parts.Add(texts.IsNull(start) || others.IsNull(start) || numbers.IsNull(start)
                ? Nulls(end - start)
                : Run(input.Slice(start, end - start), texts.GetString(start), others.GetString(start), numbers.GetValue(start)!.Value));
            start = end;
        }
        return parts.Count switch
        {
            0 => Nulls(0),
            1 => (ArrowArray)parts[0],
            _ => (ArrowArray)ArrowArrayConcatenator.Concatenate(parts),
        };
    }

    private static bool SameParameters(StringArray texts, StringArray others, Int32Array numbers, int a, int b) =>
        texts.IsNull(a) == texts.IsNull(b) && texts.GetBytes(a).SequenceEqual(texts.GetBytes(b))
        && others.IsNull(a) == others.IsNull(b) && others.GetBytes(a).SequenceEqual(others.GetBytes(b))
        && numbers.GetValue(a) == numbers.GetValue(b);

    /// <summary>The rows of one run, evaluated by the literal kernel of the run's parameter values.</summary>
    private ArrowArray Run(IArrowArray rows, string text, string other, int number)
    {
        var call = _calls.GetOrAdd((text, other, number), static (key, function) =>
            new TextFunctionCall(function, new BoundReference(0, "input", StringType.Instance, nullable: true), key.Item1, key.Item2, key.Item3), Function);
        return call.Evaluate(new RecordBatch(InputSchema, [rows], rows.Length));
    }

    private ArrowArray Nulls(int length)
    {
        if (DataType is IntegerType)
        {
            var ints = new Int32Array.Builder().Reserve(length);
            for (int i = 0; i < length; i++) ints.AppendNull();
            return ints.Build();
        }
        using var strings = new StringArrayBuilder(length);
        for (int i = 0; i < length; i++) strings.AppendNull();
        return strings.Build();
    }

    public override string ToString() => $"{Function.ToString().ToLowerInvariant()}({Child}, {Text}, {Other}, {Number})";
}
