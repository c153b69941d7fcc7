using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;

namespace Rdd.Sql;

/// <summary>
/// Spark's <c>functions</c>: column references, literals, conditionals, aggregates and scalar functions, each
/// returning a <see cref="Column"/>. Import with <c>using static Rdd.Sql.Functions;</c>. Functions take
/// <see cref="Column"/> arguments, and column names as strings where Spark does; literals go through
/// <see cref="Lit"/> or the <c>object</c> overloads.
/// </summary>
public static class Functions
{
    private static Column Of(Expression expression) => new(expression);

    private static Expression E(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Expression;
    }

    private static Expression E(string columnName) => E(Col(columnName));

    /// <summary>The column called <paramref name="name"/>, resolved (case-insensitively) when the query is analysed.</summary>
    /// <param name="name">A column name; <c>t.a</c> names column <c>a</c> of the input aliased <c>t</c>.</param>
    public static Column Col(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int dot = name.LastIndexOf('.');
        return dot > 0 && dot < name.Length - 1
            ? Of(new ColumnReference(name[(dot + 1)..], name[..dot]))
            : Of(new ColumnReference(name));
    }

    /// <summary>Alias of <see cref="Col"/>.</summary>
    public static Column Column(string name) => Col(name);

    /// <summary>
    /// A literal: int, long, short, sbyte, double, float, bool, string, DateOnly (date), DateTime (timestamp;
    /// Unspecified kind gives timestamp_ntz), byte[] (binary) or null. A <see cref="Sql.Column"/> is returned as is.
    /// </summary>
    /// <exception cref="ArgumentException">A value of another type.</exception>
    public static Column Lit(object? value) => value as Column ?? Of(Literal.Create(value));

    /// <summary>
    /// Parses a Spark SQL expression, optionally with an alias: <c>Expr("age + 1")</c>, <c>Expr("upper(name) AS n")</c>.
    /// </summary>
    /// <exception cref="ParseException">The text is not a well-formed expression (the exception gives line and column).</exception>
    /// <exception cref="AnalysisException">An unknown function or wrong function arguments.</exception>
    public static Column Expr(string expr) => Of(Parsing.ExpressionParser.ParseNamedExpression(expr));

    /// <summary>Starts <c>CASE WHEN condition THEN value</c>; continue with <see cref="Sql.Column.When"/> and <see cref="Sql.Column.Otherwise"/>.</summary>
    public static Column When(Column condition, object? value) =>
        Of(new CaseWhen([(E(condition), Sql.Column.ToExpression(value))]));

    /// <summary>The first non-NULL argument.</summary>
    public static Column Coalesce(params Column[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return Of(new Expressions.Coalesce([.. columns.Select(E)]));
    }

    /// <summary>Ascending sort key for a column name (NULLs first).</summary>
    public static Column Asc(string columnName) => Col(columnName).Asc();

    /// <summary>Descending sort key for a column name (NULLs last).</summary>
    public static Column Desc(string columnName) => Col(columnName).Desc();

    private static Column Aggregate(AggregateKind kind, Expression child) => Of(new AggregateFunction(kind, child));

    /// <summary>Number of rows where the column is not NULL (bigint).</summary>
    public static Column Count(Column column) => Aggregate(AggregateKind.Count, E(column));

    /// <summary>Number of non-NULL values of a column; <c>Count("*")</c> counts all rows.</summary>
    public static Column Count(string columnName) =>
        columnName == "*" ? Aggregate(AggregateKind.Count, new Literal(1, Types.IntegerType.Instance)) : Count(Col(columnName));

    /// <summary>Number of distinct non-NULL values (bigint).</summary>
    public static Column CountDistinct(Column column) => Aggregate(AggregateKind.CountDistinct, E(column));

    /// <summary>Number of distinct non-NULL values of a column (bigint).</summary>
    public static Column CountDistinct(string columnName) => CountDistinct(Col(columnName));

    /// <summary>Sum of non-NULL values: bigint for integers, double otherwise; NULL for no values.</summary>
    public static Column Sum(Column column) => Aggregate(AggregateKind.Sum, E(column));

    /// <summary>Sum of a column's non-NULL values.</summary>
    public static Column Sum(string columnName) => Sum(Col(columnName));

    /// <summary>Mean of non-NULL values (double).</summary>
    public static Column Avg(Column column) => Aggregate(AggregateKind.Avg, E(column));

    /// <summary>Mean of a column's non-NULL values (double).</summary>
    public static Column Avg(string columnName) => Avg(Col(columnName));

    /// <summary>Alias of <see cref="Avg(Sql.Column)"/>.</summary>
    public static Column Mean(Column column) => Avg(column);

    /// <summary>Alias of <see cref="Avg(string)"/>.</summary>
    public static Column Mean(string columnName) => Avg(columnName);

    /// <summary>Smallest non-NULL value.</summary>
    public static Column Min(Column column) => Aggregate(AggregateKind.Min, E(column));

    /// <summary>Smallest non-NULL value of a column.</summary>
    public static Column Min(string columnName) => Min(Col(columnName));

    /// <summary>Largest non-NULL value.</summary>
    public static Column Max(Column column) => Aggregate(AggregateKind.Max, E(column));

    /// <summary>Largest non-NULL value of a column.</summary>
    public static Column Max(string columnName) => Max(Col(columnName));

    /// <summary>Sample standard deviation (n - 1) of non-NULL values (double).</summary>
    public static Column StddevSamp(Column column) => Aggregate(AggregateKind.StddevSamp, E(column));

    /// <summary>Sample standard deviation of a column (double).</summary>
    public static Column StddevSamp(string columnName) => StddevSamp(Col(columnName));

    /// <summary>The first value in a group (including NULL), in the order rows arrive.</summary>
    public static Column First(Column column) => Aggregate(AggregateKind.First, E(column));

    /// <summary>The first value of a column in a group.</summary>
    public static Column First(string columnName) => First(Col(columnName));

    /// <summary>Upper case (invariant culture).</summary>
    public static Column Upper(Column column) => Of(new StringFunctionCall(StringFunction.Upper, E(column)));

    /// <summary>Lower case (invariant culture).</summary>
    public static Column Lower(Column column) => Of(new StringFunctionCall(StringFunction.Lower, E(column)));

    /// <summary>
    /// One row per item of an array column, the other selected columns repeated; NULL and empty arrays give no row.
    /// A whole select item (<c>Select(Col("id"), Explode(Col("tags")).As("tag"))</c>), named <c>col</c> unless aliased.
    /// </summary>
    public static Column Explode(Column column) => Of(new Explode(E(column)));

    /// <summary>The number of items of an array column (int); -1 for a NULL array, as Spark's default.</summary>
    public static Column Size(Column column) => Of(new Size(E(column)));

    /// <summary>Item <paramref name="index"/> of an array, counted from 1 (negative: from the end); NULL outside the array.</summary>
    public static Column ElementAt(Column column, int index) => Of(new GetArrayItem(E(column), Literal.Create(index), oneBased: true));

    /// <summary>Number of characters (int).</summary>
    public static Column Length(Column column) => Of(new StringFunctionCall(StringFunction.Length, E(column)));

    /// <summary>Removes leading and trailing spaces.</summary>
    public static Column Trim(Column column) => Of(new StringFunctionCall(StringFunction.Trim, E(column)));

    /// <summary>Concatenation of strings; NULL when any is NULL.</summary>
    public static Column Concat(params Column[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return Of(new Expressions.Concat([.. columns.Select(E)]));
    }

    /// <summary>
    /// <paramref name="length"/> characters from 1-based <paramref name="position"/>; a negative position
    /// counts from the end, 0 acts as 1.
    /// </summary>
    public static Column Substring(Column column, int position, int length) => Of(new Expressions.Substring(E(column), position, length));

    /// <summary>Rounds HALF_UP to <paramref name="scale"/> decimal places (2.5 → 3, -2.5 → -3); keeps the type.</summary>
    public static Column Round(Column column, int scale = 0) => Of(new Expressions.Round(E(column), scale));

    /// <summary>Absolute value (keeps the type).</summary>
    public static Column Abs(Column column) => Of(new MathFunctionCall(MathFunction.Abs, E(column)));

    /// <summary>Square root (double).</summary>
    public static Column Sqrt(Column column) => Of(new MathFunctionCall(MathFunction.Sqrt, E(column)));

    /// <summary>Square root of a column (double).</summary>
    public static Column Sqrt(string columnName) => Sqrt(Col(columnName));

    /// <summary>e raised to the value (double).</summary>
    public static Column Exp(Column column) => Of(new MathFunctionCall(MathFunction.Exp, E(column)));

    /// <summary>Natural logarithm (double); NULL for zero and negative values.</summary>
    public static Column Log(Column column) => Of(new MathFunctionCall(MathFunction.Log, E(column)));

    /// <summary><paramref name="left"/> raised to <paramref name="right"/> (double).</summary>
    public static Column Pow(Column left, Column right) => Of(new Expressions.Pow(E(left), E(right)));

    /// <summary>A column raised to a constant power (double).</summary>
    public static Column Pow(Column left, double right) => Of(new Expressions.Pow(E(left), Literal.Create(right)));

    /// <summary>Year of a date (timestamps and date strings are converted).</summary>
    public static Column Year(Column column) => Of(new DatePartCall(DatePart.Year, E(column)));

    /// <summary>Month (1-12) of a date.</summary>
    public static Column Month(Column column) => Of(new DatePartCall(DatePart.Month, E(column)));

    /// <summary>Day of the month (1-31) of a date.</summary>
    public static Column DayOfMonth(Column column) => Of(new DatePartCall(DatePart.DayOfMonth, E(column)));

    /// <summary>Median of the non-null values (exact; the mean of the two middle values for an even count).</summary>
    public static Column Median(Column column) => Aggregate(AggregateKind.Median, E(column));

    /// <summary>Median of the named column.</summary>
    public static Column Median(string columnName) => Median(Col(columnName));

    /// <summary>Pearson correlation of two columns over the rows where both are non-null; NULL below two rows or with zero variance.</summary>
    public static Column Corr(Column column1, Column column2) => Of(new AggregateFunction(AggregateKind.Corr, E(column1), E(column2)));

    /// <summary>Pearson correlation of the named columns.</summary>
    public static Column Corr(string columnName1, string columnName2) => Corr(Col(columnName1), Col(columnName2));

    /// <summary>The 1-based row number within the window partition (use with <see cref="Column.Over(WindowSpec)"/>).</summary>
    public static Column RowNumber() => Of(new WindowFunction(WindowFunctionKind.RowNumber));

    /// <summary>The rank within the window partition, with gaps after ties.</summary>
    public static Column Rank() => Of(new WindowFunction(WindowFunctionKind.Rank));

    /// <summary>The rank within the window partition, without gaps after ties.</summary>
    public static Column DenseRank() => Of(new WindowFunction(WindowFunctionKind.DenseRank));

    /// <summary>The value of <paramref name="column"/> <paramref name="offset"/> rows before, or <paramref name="defaultValue"/>.</summary>
    public static Column Lag(Column column, int offset = 1, object? defaultValue = null) =>
        Of(new WindowFunction(WindowFunctionKind.Lag, E(column), offset, Rdd.Sql.Column.ToExpression(defaultValue)));

    /// <summary>The value of the named column <paramref name="offset"/> rows before, or <paramref name="defaultValue"/>.</summary>
    public static Column Lag(string columnName, int offset = 1, object? defaultValue = null) => Lag(Col(columnName), offset, defaultValue);

    /// <summary>The value of <paramref name="column"/> <paramref name="offset"/> rows after, or <paramref name="defaultValue"/>.</summary>
    public static Column Lead(Column column, int offset = 1, object? defaultValue = null) =>
        Of(new WindowFunction(WindowFunctionKind.Lead, E(column), offset, Rdd.Sql.Column.ToExpression(defaultValue)));

    /// <summary>The value of the named column <paramref name="offset"/> rows after, or <paramref name="defaultValue"/>.</summary>
    public static Column Lead(string columnName, int offset = 1, object? defaultValue = null) => Lead(Col(columnName), offset, defaultValue);
}
