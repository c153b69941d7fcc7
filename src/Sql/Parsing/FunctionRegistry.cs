using System.Globalization;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;

namespace Rdd.Sql.Parsing;

/// <summary>
/// Maps SQL function names (case-insensitive) to expression nodes: <c>upper lower length trim concat
/// substring/substr round abs sqrt exp ln log pow/power year month dayofmonth/day coalesce nvl/ifnull nullif if
/// isnull isnotnull count sum avg/mean min max stddev_samp/stddev first median corr</c>. An unknown name or a wrong argument count is an <see cref="AnalysisException"/>,
/// as in Spark.
/// </summary>
internal static partial class FunctionRegistry
{
    /// <summary>The names <see cref="Build"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "abs", "avg", "char_length", "character_length", "coalesce", "concat", "corr", "count", "day", "dayofmonth", "exp", "first",
        "approx_percentile", "array_agg", "collect_list", "collect_set", "first_value", "grouping", "percentile", "percentile_approx", "grouping_id", "last", "last_value", "percent_rank", "cume_dist", "ntile", "nth_value", "if", "ifnull", "isnotnull", "isnull", "length", "ln", "log", "lower", "max", "mean", "median", "min", "month",
        "nullif", "nvl", "pow", "power", "round", "row_number", "rank", "dense_rank", "lag", "lead", "sqrt", "std", "stddev", "stddev_samp", "substr", "substring", "sum", "trim", "upper",
        "year", .. ComposedNames, .. DateNames, .. StringNames, .. CollectionNames,
    ];

    /// <summary>The node for <paramref name="name"/> (lower case) applied to <paramref name="args"/>.</summary>
    /// <exception cref="AnalysisException">Unknown function, wrong number of arguments, DISTINCT other than in count.</exception>
    /// <param name="name">The function's name, lower case.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="distinct">Whether the call had DISTINCT.</param>
    /// <param name="position">Where the name stands in SQL text, for the error message.</param>
    /// <param name="queryTime">The query's current time (current_date, current_timestamp); now when not given.</param>
    public static Expression Build(string name, IReadOnlyList<Expression> args, bool distinct, (int Line, int Column)? position = null, DateTime? queryTime = null)
    {
        if (distinct && name != "count")
        {
            throw new AnalysisException($"DISTINCT is only supported in count(DISTINCT x), not in {name}().");
        }
        return name switch
        {
            "upper" => new StringFunctionCall(StringFunction.Upper, One(name, args)),
            "lower" => new StringFunctionCall(StringFunction.Lower, One(name, args)),
            "length" or "char_length" or "character_length" => new StringFunctionCall(StringFunction.Length, One(name, args)),
            "trim" => new StringFunctionCall(StringFunction.Trim, One(name, args)),
            "concat" => new Concat(args),
            "substring" or "substr" => Substring(name, args),
            "round" => args.Count switch
            {
                1 => new Round(args[0]),
                2 => new Round(args[0], IntLiteral(name, args[1], "scale")),
                _ => throw WrongArgs(name, args.Count, "[1, 2]"),
            },
            "abs" => new MathFunctionCall(MathFunction.Abs, One(name, args)),
            "sqrt" => new MathFunctionCall(MathFunction.Sqrt, One(name, args)),
            "exp" => new MathFunctionCall(MathFunction.Exp, One(name, args)),
            "ln" => new MathFunctionCall(MathFunction.Log, One(name, args)),
            "log" => args.Count switch
            {
                1 => new MathFunctionCall(MathFunction.Log, args[0]),
                // log(base, x) = ln(x) / ln(base)
                2 => new Arithmetic(ArithmeticOperator.Divide,
                    new MathFunctionCall(MathFunction.Log, args[1]), new MathFunctionCall(MathFunction.Log, args[0])),
                _ => throw WrongArgs(name, args.Count, "[1, 2]"),
            },
            "pow" or "power" => args.Count == 2 ? new Pow(args[0], args[1]) : throw WrongArgs(name, args.Count, "2"),
            "year" => new DatePartCall(DatePart.Year, One(name, args)),
            "month" => new DatePartCall(DatePart.Month, One(name, args)),
            "dayofmonth" or "day" => new DatePartCall(DatePart.DayOfMonth, One(name, args)),
            "coalesce" => args.Count > 0 ? new Coalesce(args) : throw WrongArgs(name, 0, "> 0"),
            "nvl" or "ifnull" => args.Count == 2 ? new Coalesce(args) : throw WrongArgs(name, args.Count, "2"),
            // nullif(a, b) and if(c, a, b) are CASE expressions, as Spark rewrites them.
            "nullif" => args.Count == 2
                ? new CaseWhen([(new Comparison(ComparisonOperator.Equal, args[0], args[1]), Literal.Null)], args[0])
                : throw WrongArgs(name, args.Count, "2"),
            "if" => args.Count == 3 ? new CaseWhen([(args[0], args[1])], args[2]) : throw WrongArgs(name, args.Count, "3"),
            "isnull" => new IsNull(One(name, args)),
            "isnotnull" => new IsNull(One(name, args), negated: true),
            "count" => args.Count == 0
                ? throw WrongArgs(name, 0, "> 0")
                : new AggregateFunction(distinct ? AggregateKind.CountDistinct : AggregateKind.Count, One(name, args)),
            "sum" => new AggregateFunction(AggregateKind.Sum, One(name, args)),
            "avg" or "mean" => new AggregateFunction(AggregateKind.Avg, One(name, args)),
            "min" => new AggregateFunction(AggregateKind.Min, One(name, args)),
            "max" => new AggregateFunction(AggregateKind.Max, One(name, args)),
            "stddev_samp" or "stddev" or "std" => new AggregateFunction(AggregateKind.StddevSamp, One(name, args)),
            "first" or "first_value" => new AggregateFunction(AggregateKind.First, One(name, args)),
            "last" or "last_value" => new AggregateFunction(AggregateKind.Last, One(name, args)),
            "grouping" => new GroupingCall([One(name, args)], id: false),
            "grouping_id" => new GroupingCall(args, id: true),
            "percent_rank" => NoArgs(name, args, WindowFunctionKind.PercentRank),
            "cume_dist" => NoArgs(name, args, WindowFunctionKind.CumeDist),
            "ntile" => args.Count == 1 ? new WindowFunction(WindowFunctionKind.Ntile, offset: PositiveLiteral(name, args[0], "buckets")) : throw WrongArgs(name, args.Count, "1"),
            "nth_value" => args.Count == 2 ? new WindowFunction(WindowFunctionKind.NthValue, args[0], PositiveLiteral(name, args[1], "offset")) : throw WrongArgs(name, args.Count, "2"),
            "median" => new AggregateFunction(AggregateKind.Median, One(name, args)),
            "percentile" => args.Count == 2 ? Percentile(name, AggregateKind.Percentile, args[0], args[1]) : throw WrongArgs(name, args.Count, "2"),
            // Exact here (see MedianSelection.Discrete); the accuracy only bounds Spark's sketch error, so it is checked and not needed.
            "percentile_approx" or "approx_percentile" => args.Count is 2 or 3 && (args.Count == 2 || PositiveLiteral(name, args[2], "accuracy") > 0)
                ? Percentile(name, AggregateKind.PercentileApprox, args[0], args[1])
                : throw WrongArgs(name, args.Count, "[2, 3]"),
            "collect_list" or "array_agg" => new AggregateFunction(AggregateKind.CollectList, One(name, args)),
            "collect_set" => new AggregateFunction(AggregateKind.CollectSet, One(name, args)),
            "row_number" => NoArgs(name, args, WindowFunctionKind.RowNumber),
            "rank" => NoArgs(name, args, WindowFunctionKind.Rank),
            "dense_rank" => NoArgs(name, args, WindowFunctionKind.DenseRank),
            "lag" => Offset(name, args, WindowFunctionKind.Lag),
            "lead" => Offset(name, args, WindowFunctionKind.Lead),
            "corr" => args.Count == 2 ? new AggregateFunction(AggregateKind.Corr, args[0], args[1]) : throw WrongArgs(name, args.Count, "2"),
            _ when TryBuildComposed(name, args) is { } composed => composed,
            _ when TryBuildDate(name, args, queryTime ?? DateTime.UtcNow) is { } date => date,
            _ when TryBuildString(name, args) is { } text => text,
            _ when TryBuildCollection(name, args) is { } collection => collection,
            _ => throw new AnalysisException(
                $"[UNRESOLVED_ROUTINE] Cannot resolve routine `{name}` on search path [`system`.`builtin`]. "
                + $"Did you mean one of the following? [{string.Join(", ", AnalysisException.Nearest(name, Names).Select(n => $"`{n}`"))}]"
                + (position is { } p ? string.Create(CultureInfo.InvariantCulture, $"; line {p.Line} pos {p.Column - 1}.") : ".")),
        };
    }

    private static WindowFunction NoArgs(string name, IReadOnlyList<Expression> args, WindowFunctionKind kind) =>
        args.Count == 0 ? new WindowFunction(kind) : throw WrongArgs(name, args.Count, "0");

    /// <summary><c>lag(x [, offset [, default]])</c> and <c>lead(…)</c>; the offset must be an integer literal.</summary>
    private static WindowFunction Offset(string name, IReadOnlyList<Expression> args, WindowFunctionKind kind) => args.Count switch
    {
        1 => new WindowFunction(kind, args[0]),
        2 => new WindowFunction(kind, args[0], IntLiteral(name, args[1], "offset")),
        3 => new WindowFunction(kind, args[0], IntLiteral(name, args[1], "offset"), args[2]),
        _ => throw WrongArgs(name, args.Count, "[1, 2, 3]"),
    };

    private static Expression One(string name, IReadOnlyList<Expression> args) =>
        args.Count == 1 ? args[0] : throw WrongArgs(name, args.Count, "1");

    /// <summary>substring(s, pos[, len]): the scalar kernel for integer literals, the per-row one when pos or len is a column.</summary>
    private static Expression Substring(string name, IReadOnlyList<Expression> args) => args.Count switch
    {
        2 when IsIntLiteral(args[1]) => new Expressions.Substring(args[0], IntLiteral(name, args[1], "pos")),
        3 when IsIntLiteral(args[1]) && IsIntLiteral(args[2]) => new Expressions.Substring(args[0], IntLiteral(name, args[1], "pos"), IntLiteral(name, args[2], "len")),
        2 => new SubstringOfColumns(args[0], args[1], Literal.Create(int.MaxValue)),
        3 => new SubstringOfColumns(args[0], args[1], args[2]),
        _ => throw WrongArgs(name, args.Count, "[2, 3]"),
    };

    private static bool IsIntLiteral(Expression arg) =>
        arg is Literal { Value: int or short or sbyte or long and >= (long)int.MinValue and <= (long)int.MaxValue };

    /// <summary>A percentile aggregate; the fraction must be a numeric literal in [0, 1].</summary>
    private static AggregateFunction Percentile(string name, AggregateKind kind, Expression x, Expression p)
    {
        double fraction = p switch
        {
            Literal { Value: double d } => d,
            Literal { Value: decimal m } => (double)m,
            Literal { Value: int i } => i,
            Literal { Value: long l } => l,
            _ => throw new AnalysisException($"[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] The `percentage` argument of `{name}` must be a numeric literal, got {p}."),
        };
        return fraction is >= 0 and <= 1
            ? new AggregateFunction(kind, x, Literal.Create(fraction))
            : throw new AnalysisException($"[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] The `percentage` argument of `{name}` must be between 0.0 and 1.0, got {fraction}.");
    }

    private static int PositiveLiteral(string name, Expression arg, string parameter)
    {
        int value = IntLiteral(name, arg, parameter);
        return value > 0
            ? value
            : throw new AnalysisException($"[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] The `{parameter}` argument of `{name}` must be a positive integer, got {value}.");
    }

    private static int IntLiteral(string name, Expression arg, string parameter) => arg switch
    {
        Literal { Value: int i } => i,
        Literal { Value: long l } when l is >= int.MinValue and <= int.MaxValue => (int)l,
        Literal { Value: short s } => s,
        Literal { Value: sbyte b } => b,
        _ => throw new AnalysisException(
            $"[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] The `{parameter}` argument of `{name}` must be an integer literal, got {arg}."),
    };

    private static AnalysisException WrongArgs(string name, int actual, string expected) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `{name}` requires {expected} parameters but the actual number is {actual}."));
}
