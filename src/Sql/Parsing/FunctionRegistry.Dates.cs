using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Parsing;

/// <summary>
/// Spark's date and time functions: <c>date_add date_sub datediff add_months last_day trunc date_trunc quarter
/// dayofweek dayofyear weekofyear hour minute second date_part to_date to_timestamp date_format current_date
/// current_timestamp</c>, and the fields of <c>extract(field FROM x)</c>.
/// </summary>
internal static partial class FunctionRegistry
{
    private static string[] DateNames =>
    [
        "add_months", "current_date", "current_timestamp", "date_add", "date_format", "date_part", "date_sub", "date_trunc", "datediff",
        "dayofweek", "dayofyear", "hour", "last_day", "minute", "now", "quarter", "second", "to_date", "to_timestamp", "trunc", "weekofyear",
    ];

    private static Expression? TryBuildDate(string name, IReadOnlyList<Expression> args, DateTime now) => name switch
    {
        "date_add" => Two(name, args, (d, n) => new DateArithmetic(DateArithmeticKind.AddDays, d, n)),
        "date_sub" => Two(name, args, (d, n) => new DateArithmetic(DateArithmeticKind.AddDays, d, new Arithmetic(ArithmeticOperator.Subtract, Literal.Create(0), n))),
        "add_months" => Two(name, args, (d, n) => new DateArithmetic(DateArithmeticKind.AddMonths, d, n)),
        "datediff" => Two(name, args, (end, start) => new DateArithmetic(DateArithmeticKind.DiffDays, end, start)),
        "last_day" => new LastDay(One(name, args)),
        "trunc" => args.Count == 2 ? new Truncate(args[0], Truncate.ParseUnit(StringLiteral(name, args[1], "format")), toTimestamp: false) : throw WrongArgs(name, args.Count, "2"),
        "date_trunc" => args.Count == 2 ? new Truncate(args[1], Truncate.ParseUnit(StringLiteral(name, args[0], "format")), toTimestamp: true) : throw WrongArgs(name, args.Count, "2"),
        "quarter" => new DatePartCall(DatePart.Quarter, One(name, args)),
        "dayofweek" => new DatePartCall(DatePart.DayOfWeek, One(name, args)),
        "dayofyear" => new DatePartCall(DatePart.DayOfYear, One(name, args)),
        "weekofyear" => new DatePartCall(DatePart.WeekOfYear, One(name, args)),
        "hour" => new TimePartCall(TimePart.Hour, One(name, args)),
        "minute" => new TimePartCall(TimePart.Minute, One(name, args)),
        "second" => new TimePartCall(TimePart.Second, One(name, args)),
        "date_part" => args.Count == 2 ? DatePartOf(StringLiteral(name, args[0], "field"), args[1]) : throw WrongArgs(name, args.Count, "2"),
        "to_date" => args.Count switch
        {
            1 => new Cast(args[0], DateType.Instance),
            2 => new ParseDateTime(args[0], StringLiteral(name, args[1], "format"), toTimestamp: false),
            _ => throw WrongArgs(name, args.Count, "[1, 2]"),
        },
        "to_timestamp" => args.Count switch
        {
            1 => new Cast(args[0], TimestampType.Instance),
            2 => new ParseDateTime(args[0], StringLiteral(name, args[1], "format"), toTimestamp: true),
            _ => throw WrongArgs(name, args.Count, "[1, 2]"),
        },
        "date_format" => args.Count == 2 ? new DateFormat(args[0], StringLiteral(name, args[1], "format")) : throw WrongArgs(name, args.Count, "2"),
        // Spark fixes the current time once per query: every call reads the instant the parser took when it started.
        "current_date" => args.Count == 0 ? Literal.Create(DateOnly.FromDateTime(now)) : throw WrongArgs(name, args.Count, "0"),
        "current_timestamp" or "now" => args.Count == 0 ? Literal.Create(ToMicroseconds(now)) : throw WrongArgs(name, args.Count, "0"),
        _ => null,
    };

    /// <summary>An instant truncated to microseconds, the precision of a timestamp.</summary>
    private static DateTime ToMicroseconds(DateTime now) => new(now.Ticks - now.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);

    /// <summary>
    /// <c>extract(field FROM x)</c> and <c>date_part('field', x)</c> with Spark's field names and synonyms. SECOND is
    /// a decimal(8, 6) with the fraction, as in Spark.
    /// </summary>
    /// <exception cref="AnalysisException">A field Spark does not know.</exception>
    public static Expression DatePartOf(string field, Expression source) => field.ToUpperInvariant() switch
    {
        "YEAR" or "Y" or "YEARS" or "YR" or "YRS" => new DatePartCall(DatePart.Year, source),
        "QUARTER" or "QTR" => new DatePartCall(DatePart.Quarter, source),
        "MONTH" or "MON" or "MONS" or "MONTHS" => new DatePartCall(DatePart.Month, source),
        "WEEK" or "W" or "WEEKS" => new DatePartCall(DatePart.WeekOfYear, source),
        "DAY" or "D" or "DAYS" => new DatePartCall(DatePart.DayOfMonth, source),
        "DAYOFWEEK" or "DOW" => new DatePartCall(DatePart.DayOfWeek, source),
        "DAYOFWEEK_ISO" or "DOW_ISO" => new DatePartCall(DatePart.DayOfWeekIso, source),
        "DOY" => new DatePartCall(DatePart.DayOfYear, source),
        "HOUR" or "H" or "HOURS" or "HR" or "HRS" => new TimePartCall(TimePart.Hour, source),
        "MINUTE" or "M" or "MIN" or "MINS" or "MINUTES" => new TimePartCall(TimePart.Minute, source),
        "SECOND" or "S" or "SEC" or "SECONDS" or "SECS" => new SecondWithFraction(source),
        _ => throw new AnalysisException($"[INVALID_EXTRACT_FIELD] Cannot extract {field} from {source}."),
    };

    private static Expression Two(string name, IReadOnlyList<Expression> args, Func<Expression, Expression, Expression> build) =>
        args.Count == 2 ? build(args[0], args[1]) : throw WrongArgs(name, args.Count, "2");

    private static string StringLiteral(string name, Expression arg, string parameter) => arg is Literal { Value: string text }
        ? text
        : throw new AnalysisException($"[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] The `{parameter}` argument of `{name}` must be a string literal, got {arg}.");
}
