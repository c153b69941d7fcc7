using Rdd.Sql.Expressions;

namespace Rdd.Sql.Parsing;

/// <summary>
/// Spark's string functions beyond the basic ones: <c>concat_ws split regexp_extract regexp_replace instr locate
/// position lpad rpad repeat reverse initcap translate ascii substring_index replace</c>. Their parameters may be
/// columns (as in Spark); the separator of concat_ws and the regex of split must be literals.
/// </summary>
internal static partial class FunctionRegistry
{
    private static string[] StringNames =>
    [
        "ascii", "concat_ws", "initcap", "instr", "locate", "lpad", "position", "regexp_extract", "regexp_replace", "repeat", "replace", "reverse",
        "rpad", "split", "substring_index", "translate",
    ];

    private static Expression? TryBuildString(string name, IReadOnlyList<Expression> args) => name switch
    {
        "concat_ws" => args.Count >= 1 ? new ConcatWs(StringLiteral(name, args[0], "sep"), [.. args.Skip(1)]) : throw WrongArgs(name, args.Count, "> 0"),
        "split" => args.Count switch
        {
            2 => new Split(args[0], StringLiteral(name, args[1], "regex"), -1),
            3 => new Split(args[0], StringLiteral(name, args[1], "regex"), IntLiteral(name, args[2], "limit")),
            _ => throw WrongArgs(name, args.Count, "[2, 3]"),
        },
        "regexp_extract" => args.Count switch
        {
            2 => Text(TextFunction.RegexpExtract, args[0], text: args[1], number: Literal.Create(1)),
            3 => Text(TextFunction.RegexpExtract, args[0], text: args[1], number: args[2]),
            _ => throw WrongArgs(name, args.Count, "[2, 3]"),
        },
        "regexp_replace" => args.Count == 3 ? Text(TextFunction.RegexpReplace, args[0], text: args[1], other: args[2]) : throw WrongArgs(name, args.Count, "3"),
        "instr" => args.Count == 2 ? Text(TextFunction.Locate, args[0], text: args[1], number: Literal.Create(1)) : throw WrongArgs(name, args.Count, "2"),
        "locate" or "position" => args.Count switch
        {
            2 => Text(TextFunction.Locate, args[1], text: args[0], number: Literal.Create(1)),
            3 => Text(TextFunction.Locate, args[1], text: args[0], number: args[2]),
            _ => throw WrongArgs(name, args.Count, "[2, 3]"),
        },
        "lpad" or "rpad" => args.Count switch
        {
            2 or 3 => Text(name == "lpad" ? TextFunction.LeftPad : TextFunction.RightPad, args[0],
                text: args.Count == 3 ? args[2] : Literal.Create(" "), number: args[1]),
            _ => throw WrongArgs(name, args.Count, "[2, 3]"),
        },
        "repeat" => args.Count == 2 ? Text(TextFunction.Repeat, args[0], number: args[1]) : throw WrongArgs(name, args.Count, "2"),
        "reverse" => new TextFunctionCall(TextFunction.Reverse, One(name, args)),
        "initcap" => new TextFunctionCall(TextFunction.InitCap, One(name, args)),
        "translate" => args.Count == 3 ? Text(TextFunction.Translate, args[0], text: args[1], other: args[2]) : throw WrongArgs(name, args.Count, "3"),
        "ascii" => new TextFunctionCall(TextFunction.Ascii, One(name, args)),
        "substring_index" => args.Count == 3 ? Text(TextFunction.SubstringIndex, args[0], text: args[1], number: args[2]) : throw WrongArgs(name, args.Count, "3"),
        "replace" => args.Count switch
        {
            2 => Text(TextFunction.Replace, args[0], text: args[1]),
            3 => Text(TextFunction.Replace, args[0], text: args[1], other: args[2]),
            _ => throw WrongArgs(name, args.Count, "[2, 3]"),
        },
        _ => null,
    };

    /// <summary>
    /// A text function: the single-pass literal kernel (<see cref="TextFunctionCall"/>) when every parameter is a
    /// literal of its type, else the per-run evaluation of column parameters (<see cref="TextFunctionOfColumns"/>).
    /// </summary>
    private static Expression Text(TextFunction function, Expression child, Expression? text = null, Expression? other = null, Expression? number = null)
    {
        if (text is null or Literal { Value: string } && other is null or Literal { Value: string } && (number is null || IsIntLiteral(number)))
        {
            return new TextFunctionCall(function, child, (string?)((Literal?)text)?.Value ?? "", (string?)((Literal?)other)?.Value ?? "",
                number is null ? 0 : Convert.ToInt32(((Literal)number).Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return new TextFunctionOfColumns(function, child, text ?? Literal.Create(""), other ?? Literal.Create(""), number ?? Literal.Create(0));
    }
}
