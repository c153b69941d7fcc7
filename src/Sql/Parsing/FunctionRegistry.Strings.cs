using Rdd.Sql.Expressions;

namespace Rdd.Sql.Parsing;

/// <summary>
/// Spark's string functions beyond the basic ones: <c>concat_ws split regexp_extract regexp_replace instr locate
/// position lpad rpad repeat reverse initcap translate ascii substring_index replace</c>. Parameters other than the
/// string itself must be literals.
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
            2 => new TextFunctionCall(TextFunction.RegexpExtract, args[0], StringLiteral(name, args[1], "regexp"), number: 1),
            3 => new TextFunctionCall(TextFunction.RegexpExtract, args[0], StringLiteral(name, args[1], "regexp"), number: IntLiteral(name, args[2], "idx")),
            _ => throw WrongArgs(name, args.Count, "[2, 3]"),
        },
        "regexp_replace" => args.Count == 3
            ? new TextFunctionCall(TextFunction.RegexpReplace, args[0], StringLiteral(name, args[1], "regexp"), StringLiteral(name, args[2], "rep"))
            : throw WrongArgs(name, args.Count, "3"),
        "instr" => args.Count == 2 ? new TextFunctionCall(TextFunction.Locate, args[0], StringLiteral(name, args[1], "substr"), number: 1) : throw WrongArgs(name, args.Count, "2"),
        "locate" or "position" => args.Count switch
        {
            2 => new TextFunctionCall(TextFunction.Locate, args[1], StringLiteral(name, args[0], "substr"), number: 1),
            3 => new TextFunctionCall(TextFunction.Locate, args[1], StringLiteral(name, args[0], "substr"), number: IntLiteral(name, args[2], "pos")),
            _ => throw WrongArgs(name, args.Count, "[2, 3]"),
        },
        "lpad" or "rpad" => args.Count switch
        {
            2 or 3 => new TextFunctionCall(name == "lpad" ? TextFunction.LeftPad : TextFunction.RightPad, args[0],
                args.Count == 3 ? StringLiteral(name, args[2], "pad") : " ", number: IntLiteral(name, args[1], "len")),
            _ => throw WrongArgs(name, args.Count, "[2, 3]"),
        },
        "repeat" => args.Count == 2 ? new TextFunctionCall(TextFunction.Repeat, args[0], number: IntLiteral(name, args[1], "n")) : throw WrongArgs(name, args.Count, "2"),
        "reverse" => new TextFunctionCall(TextFunction.Reverse, One(name, args)),
        "initcap" => new TextFunctionCall(TextFunction.InitCap, One(name, args)),
        "translate" => args.Count == 3
            ? new TextFunctionCall(TextFunction.Translate, args[0], StringLiteral(name, args[1], "from"), StringLiteral(name, args[2], "to"))
            : throw WrongArgs(name, args.Count, "3"),
        "ascii" => new TextFunctionCall(TextFunction.Ascii, One(name, args)),
        "substring_index" => args.Count == 3
            ? new TextFunctionCall(TextFunction.SubstringIndex, args[0], StringLiteral(name, args[1], "delim"), number: IntLiteral(name, args[2], "count"))
            : throw WrongArgs(name, args.Count, "3"),
        "replace" => args.Count switch
        {
            2 => new TextFunctionCall(TextFunction.Replace, args[0], StringLiteral(name, args[1], "search")),
            3 => new TextFunctionCall(TextFunction.Replace, args[0], StringLiteral(name, args[1], "search"), StringLiteral(name, args[2], "replace")),
            _ => throw WrongArgs(name, args.Count, "[2, 3]"),
        },
        _ => null,
    };
}
