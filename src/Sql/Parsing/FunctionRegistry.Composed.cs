using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Parsing;

/// <summary>
/// Spark functions that are compositions of existing expressions, built the way Spark's own rewrites (or their
/// definitions) state them, so they run on the existing vectorized kernels: conditional (<c>greatest least nvl2</c>),
/// numeric (<c>floor ceil sign mod negative positive log10 log2 pi e</c>), string (<c>left right startswith endswith
/// contains</c> with literal arguments), casts by type name (<c>date string int bigint double
/// boolean date</c>) and aggregates (<c>count_if variance var_samp var_pop stddev_pop</c>).
/// </summary>
internal static partial class FunctionRegistry
{
    private static string[] ComposedNames =>
    [
        "bigint", "boolean", "ceil", "ceiling", "contains", "count_if", "date", "double", "e", "endswith", "floor", "greatest", "int",
        "least", "left", "log10", "log2", "mod", "negative", "nvl2", "pi", "positive", "regexp", "regexp_like", "right", "rlike", "sign",
        "signum", "startswith",
        "stddev_pop", "string", "var_pop", "var_samp", "variance",
    ];

    private static Expression? TryBuildComposed(string name, IReadOnlyList<Expression> args) => name switch
    {
        "greatest" or "least" => args.Count >= 2 ? Extreme(args, name == "greatest") : throw WrongArgs(name, args.Count, "> 1"),
        "nvl2" => args.Count == 3 ? new CaseWhen([(new IsNull(args[0], negated: true), args[1])], args[2]) : throw WrongArgs(name, args.Count, "3"),
        "floor" => RoundToInteger(One(name, args), up: false),
        "ceil" or "ceiling" => RoundToInteger(One(name, args), up: true),
        // sign(x) is a double: -1.0, 0.0 or 1.0 (NULL for NULL).
        "sign" or "signum" => Sign(One(name, args)),
        "mod" => args.Count == 2 ? new Arithmetic(ArithmeticOperator.Remainder, args[0], args[1]) : throw WrongArgs(name, args.Count, "2"),
        "negative" => new Arithmetic(ArithmeticOperator.Subtract, Literal.Create(0), One(name, args)),
        "positive" => One(name, args),
        "log10" => LogBase(One(name, args), 10),
        "log2" => LogBase(One(name, args), 2),
        "pi" => args.Count == 0 ? Literal.Create(Math.PI) : throw WrongArgs(name, args.Count, "0"),
        "e" => args.Count == 0 ? Literal.Create(Math.E) : throw WrongArgs(name, args.Count, "0"),
        "left" => args.Count == 2 ? new Expressions.Substring(args[0], 1, Math.Max(0, IntLiteral(name, args[1], "len"))) : throw WrongArgs(name, args.Count, "2"),
        "right" => args.Count == 2 ? Right(args[0], IntLiteral(name, args[1], "len")) : throw WrongArgs(name, args.Count, "2"),
        "startswith" => Matches(name, args, "", "%"),
        "endswith" => Matches(name, args, "%", ""),
        "contains" => Matches(name, args, "%", "%"),
        "date" => CastTo(name, args, DateType.Instance),
        "string" => CastTo(name, args, StringType.Instance),
        "int" => CastTo(name, args, IntegerType.Instance),
        "bigint" => CastTo(name, args, LongType.Instance),
        "double" => CastTo(name, args, DoubleType.Instance),
        "boolean" => CastTo(name, args, BooleanType.Instance),
        "rlike" or "regexp_like" or "regexp" => args.Count == 2 && args[1] is Literal { Value: string regex }
            ? new RLike(args[0], regex)
            : throw new AnalysisException($"[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] `{name}` takes a string and a string literal pattern."),
        "count_if" => new AggregateFunction(AggregateKind.Count, new CaseWhen([(One(name, args), Literal.Create(1))])),
        "variance" or "var_samp" => Square(new AggregateFunction(AggregateKind.StddevSamp, One(name, args))),
        // Population from sample statistics: var_pop = var_samp * (n - 1) / n.
        "var_pop" => PopulationVariance(One(name, args)),
        "stddev_pop" => new MathFunctionCall(MathFunction.Sqrt, PopulationVariance(One(name, args))),
        _ => null,
    };

    /// <summary>Spark's greatest/least: the largest (smallest) non-NULL argument, NULL only when all are NULL.</summary>
    private static Expression Extreme(IReadOnlyList<Expression> args, bool greatest)
    {
        var result = args[0];
        foreach (var next in args.Skip(1))
        {
            var better = new Comparison(greatest ? ComparisonOperator.GreaterThan : ComparisonOperator.LessThan, next, result);
            result = new CaseWhen([(new IsNull(result), next), (new IsNull(next), result), (better, next)], result);
        }
        return result;
    }

    /// <summary>floor/ceil as a bigint: truncate toward zero, then step down (up) when that moved the value the wrong way.</summary>
    private static Expression RoundToInteger(Expression x, bool up)
    {
        var truncated = new Cast(x, LongType.Instance);
        var wrongWay = new Comparison(up ? ComparisonOperator.GreaterThan : ComparisonOperator.LessThan, x, truncated);
        var step = new Arithmetic(up ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, truncated, Literal.Create(1L));
        return new CaseWhen([(wrongWay, step)], truncated);
    }

    private static Expression Sign(Expression x) => new CaseWhen(
        [
            (new Comparison(ComparisonOperator.GreaterThan, x, Literal.Create(0)), Literal.Create(1.0)),
            (new Comparison(ComparisonOperator.LessThan, x, Literal.Create(0)), Literal.Create(-1.0)),
            (new Comparison(ComparisonOperator.Equal, x, Literal.Create(0)), Literal.Create(0.0)),
        ]);

    private static Expression LogBase(Expression x, double b) =>
        new Arithmetic(ArithmeticOperator.Divide, new MathFunctionCall(MathFunction.Log, x), Literal.Create(Math.Log(b)));

    /// <summary>right(s, n): the last n characters; empty for n &lt;= 0 (Spark).</summary>
    private static Expression Right(Expression s, int n) =>
        n <= 0 ? new CaseWhen([(new IsNull(s), Literal.Create(null))], Literal.Create("")) : new Expressions.Substring(s, -n, n);

    /// <summary>startswith/endswith/contains with a literal text: a LIKE whose pattern escapes the text's wildcards.</summary>
    private static Expression Matches(string name, IReadOnlyList<Expression> args, string before, string after)
    {
        if (args.Count != 2)
        {
            throw WrongArgs(name, args.Count, "2");
        }
        if (args[1] is not Literal { Value: string text })
        {
            throw new AnalysisException($"[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] The second argument of `{name}` must be a string literal, got {args[1]}.");
        }
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        return new Like(args[0], before + escaped + after);
    }

    private static Expression CastTo(string name, IReadOnlyList<Expression> args, DataType type) => new Cast(One(name, args), type);

    private static Expression Square(Expression x) => new Arithmetic(ArithmeticOperator.Multiply, x, x);

    private static Expression PopulationVariance(Expression x)
    {
        var n = new Cast(new AggregateFunction(AggregateKind.Count, x), DoubleType.Instance);
        var sample = Square(new AggregateFunction(AggregateKind.StddevSamp, x));
        var scaled = new Arithmetic(ArithmeticOperator.Divide, new Arithmetic(ArithmeticOperator.Multiply, sample, new Arithmetic(ArithmeticOperator.Subtract, n, Literal.Create(1.0))), n);
        // One value: the sample variance is NULL, the population variance 0.
        return new CaseWhen([(new Comparison(ComparisonOperator.Equal, n, Literal.Create(1.0)), Literal.Create(0.0))], scaled);
    }
}
