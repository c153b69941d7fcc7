using System.Text;
using System.Text.RegularExpressions;
using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>The string functions of <see cref="TextFunctionCall"/>.</summary>
internal enum TextFunction
{
    Locate,
    LeftPad,
    RightPad,
    Repeat,
    Reverse,
    InitCap,
    Translate,
    Ascii,
    SubstringIndex,
    Replace,
    RegexpReplace,
    RegexpExtract,
}

/// <summary>
/// A string function of one string column and literal parameters (Spark allows columns there too; literals cover the
/// common use and keep each kernel a single pass): <c>instr locate lpad rpad repeat reverse initcap translate ascii
/// substring_index replace regexp_replace regexp_extract</c>. Non-string inputs are cast to string.
/// </summary>
internal sealed class TextFunctionCall : Expression
{
    private readonly Regex? _regex;

    public TextFunctionCall(TextFunction function, Expression child, string text = "", string other = "", int number = 0)
    {
        Function = function;
        Child = child ?? throw new ArgumentNullException(nameof(child));
        Text = text;
        Other = other;
        Number = number;
        if (function is TextFunction.RegexpReplace or TextFunction.RegexpExtract)
        {
            _regex = CompileRegex(text, function == TextFunction.RegexpReplace ? "regexp_replace" : "regexp_extract");
            if (function == TextFunction.RegexpExtract && (number < 0 || number > _regex.GetGroupNumbers().Max()))
            {
                throw new AnalysisException(
                    $"[INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX] The value of parameter `idx` of `regexp_extract` is invalid: the regex '{text}' has {_regex.GetGroupNumbers().Max()} groups, not {number}.");
            }
        }
    }

    public TextFunction Function { get; }

    public Expression Child { get; }

    /// <summary>The first literal: the searched text, pad, delimiter, "from" characters or regex.</summary>
    public string Text { get; }

    /// <summary>The second literal: the replacement or "to" characters.</summary>
    public string Other { get; }

    /// <summary>The integer literal: start position, length, count or group.</summary>
    public int Number { get; }

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new TextFunctionCall(Function, children[0], Text, Other, Number);

    public override DataType DataType => Function is TextFunction.Locate or TextFunction.Ascii ? IntegerType.Instance : StringType.Instance;

    protected internal override Expression ResolveNode(StructType input) =>
        Child.DataType is StringType ? this : new TextFunctionCall(Function, TypeCoercion.CastTo(Child, StringType.Instance), Text, Other, Number);

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var input = (StringArray)Child.Evaluate(batch);
        return Function switch
        {
            TextFunction.Locate => TextKernels.Locate(input, Encoding.UTF8.GetBytes(Text), Number),
            TextFunction.LeftPad => TextKernels.Pad(input, Number, Encoding.UTF8.GetBytes(Text), left: true),
            TextFunction.RightPad => TextKernels.Pad(input, Number, Encoding.UTF8.GetBytes(Text), left: false),
            TextFunction.Repeat => TextKernels.Repeat(input, Number),
            TextFunction.Reverse => TextKernels.Reverse(input),
            TextFunction.InitCap => TextKernels.InitCap(input),
            TextFunction.Translate => TextKernels.Translate(input, Text, Other),
            TextFunction.Ascii => TextKernels.FirstCodePoint(input),
            TextFunction.SubstringIndex => TextKernels.SubstringIndex(input, Encoding.UTF8.GetBytes(Text), Number),
            TextFunction.Replace => TextKernels.Replace(input, Encoding.UTF8.GetBytes(Text), Encoding.UTF8.GetBytes(Other)),
            TextFunction.RegexpReplace => RegexKernels.Replace(input, _regex!, Other),
            _ => RegexKernels.Extract(input, _regex!, Number),
        };
    }

    /// <summary>A .NET regex for Spark's Java pattern; a malformed one fails analysis with Spark's error class.</summary>
    internal static Regex CompileRegex(string pattern, string function)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new AnalysisException($"[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter `regexp` of `{function}` is invalid: '{pattern}' ({e.Message}).", e);
        }
    }

    public override string ToString() => $"{Function.ToString().ToLowerInvariant()}({Child}, '{Text}', '{Other}', {Number})";
}

/// <summary><c>concat_ws(sep, s1, s2, …)</c>: the non-NULL arguments joined by a literal separator (never NULL).</summary>
internal sealed class ConcatWs(string separator, IReadOnlyList<Expression> arguments) : Expression
{
    public string Separator { get; } = separator ?? throw new ArgumentNullException(nameof(separator));

    public IReadOnlyList<Expression> Arguments { get; } = arguments ?? throw new ArgumentNullException(nameof(arguments));

    public override IReadOnlyList<Expression> Children => Arguments;

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new ConcatWs(Separator, [.. children]);

    public override DataType DataType => StringType.Instance;

    public override bool Nullable => false;

    protected internal override Expression ResolveNode(StructType input) =>
        Arguments.All(a => a.DataType is StringType)
            ? this
            : new ConcatWs(Separator, [.. Arguments.Select(a => a.DataType is Types.ArrayType
                ? throw TypeCoercion.Mismatch(this, $"{a} is an array; concat_ws joins strings here")
                : TypeCoercion.CastTo(a, StringType.Instance))]);

    public override ArrowArray Evaluate(RecordBatch batch) =>
        TextKernels.ConcatWs(Encoding.UTF8.GetBytes(Separator), [.. Arguments.Select(a => (StringArray)a.Evaluate(batch))], batch.Length);

    public override string ToString() => $"concat_ws('{Separator}', {string.Join(", ", Arguments)})";
}

/// <summary><c>split(str, regex[, limit])</c>: an array of strings (Java's split rules, as Spark).</summary>
internal sealed class Split : Expression
{
    private readonly Regex _regex;

    public Split(Expression child, string pattern, int limit)
    {
        Child = child ?? throw new ArgumentNullException(nameof(child));
        Pattern = pattern;
        Limit = limit;
        _regex = TextFunctionCall.CompileRegex(pattern, "split");
    }

    public Expression Child { get; }

    public string Pattern { get; }

    public int Limit { get; }

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Split(children[0], Pattern, Limit);

    public override DataType DataType => new Types.ArrayType(StringType.Instance, containsNull: false);

    protected internal override Expression ResolveNode(StructType input) =>
        Child.DataType is StringType ? this : new Split(TypeCoercion.CastTo(Child, StringType.Instance), Pattern, Limit);

    public override ArrowArray Evaluate(RecordBatch batch) =>
        RegexKernels.Split((StringArray)Child.Evaluate(batch), _regex, Pattern.Length == 0, Limit);

    public override string ToString() => $"split({Child}, '{Pattern}', {Limit})";
}
