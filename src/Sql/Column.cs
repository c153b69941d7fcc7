using Rdd.Sql.Expressions;

namespace Rdd.Sql;

/// <summary>
/// A column expression of a <c>DataFrame</c>: a reference (<c>Col("age")</c>), a literal
/// (<c>Lit(1)</c>) or an expression built from them with operators and <see cref="Functions"/>. Columns are
/// immutable descriptions; nothing is computed until a query runs. Operators follow Spark SQL: arithmetic and
/// comparisons with a NULL operand are NULL, <c>&amp;</c> and <c>|</c> use three-valued logic, division by
/// zero is NULL.
/// </summary>
/// <remarks>
/// <c>==</c> and <c>!=</c> build equality expressions, as in Spark's Scala API (<c>===</c>), so they cannot
/// mean reference equality. <see cref="Equals(object?)"/> and <see cref="GetHashCode"/> therefore keep
/// reference identity of the underlying expression, which keeps columns usable as dictionary keys.
/// </remarks>
#pragma warning disable CS0660, CS0661 // Equals/GetHashCode are overridden below; the compiler cannot see why they differ from ==.
public sealed class Column
#pragma warning restore CS0660, CS0661
{
    internal Column(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        Expression = expression;
    }

    /// <summary>The expression tree this column wraps.</summary>
    internal Expression Expression { get; }

    /// <summary>An expression for a column, a literal value or null.</summary>
    internal static Expression ToExpression(object? value) => value switch
    {
        Column column => column.Expression,
        _ => Literal.Create(value),
    };

    private static Column Of(Expression expression) => new(expression);

    private static Column Arithmetic(ArithmeticOperator op, object? left, object? right) =>
        Of(new Expressions.Arithmetic(op, ToExpression(left), ToExpression(right)));

    private static Column Compare(ComparisonOperator op, object? left, object? right) =>
        Of(new Comparison(op, ToExpression(left), ToExpression(right)));

    /// <summary>Sum; NULL if either side is NULL.</summary>
    public static Column operator +(Column left, Column right) => Arithmetic(ArithmeticOperator.Add, left, right);

    /// <summary>Sum with a literal.</summary>
    public static Column operator +(Column left, object right) => Arithmetic(ArithmeticOperator.Add, left, right);

    /// <summary>Sum with a literal.</summary>
    public static Column operator +(object left, Column right) => Arithmetic(ArithmeticOperator.Add, left, right);

    /// <summary>Difference; NULL if either side is NULL.</summary>
    public static Column operator -(Column left, Column right) => Arithmetic(ArithmeticOperator.Subtract, left, right);

    /// <summary>Difference with a literal.</summary>
    public static Column operator -(Column left, object right) => Arithmetic(ArithmeticOperator.Subtract, left, right);

    /// <summary>Difference with a literal.</summary>
    public static Column operator -(object left, Column right) => Arithmetic(ArithmeticOperator.Subtract, left, right);

    /// <summary>Negation (<c>0 - x</c>).</summary>
    public static Column operator -(Column operand) => Arithmetic(ArithmeticOperator.Subtract, 0, operand);

    /// <summary>Product; NULL if either side is NULL.</summary>
    public static Column operator *(Column left, Column right) => Arithmetic(ArithmeticOperator.Multiply, left, right);

    /// <summary>Product with a literal.</summary>
    public static Column operator *(Column left, object right) => Arithmetic(ArithmeticOperator.Multiply, left, right);

    /// <summary>Product with a literal.</summary>
    public static Column operator *(object left, Column right) => Arithmetic(ArithmeticOperator.Multiply, left, right);

    /// <summary>Quotient in double (Spark's <c>/</c>), NULL when dividing by zero.</summary>
    public static Column operator /(Column left, Column right) => Arithmetic(ArithmeticOperator.Divide, left, right);

    /// <summary>Quotient by a literal.</summary>
    public static Column operator /(Column left, object right) => Arithmetic(ArithmeticOperator.Divide, left, right);

    /// <summary>Quotient of a literal.</summary>
    public static Column operator /(object left, Column right) => Arithmetic(ArithmeticOperator.Divide, left, right);

    /// <summary>Remainder (sign of the dividend), NULL when dividing by zero.</summary>
    public static Column operator %(Column left, Column right) => Arithmetic(ArithmeticOperator.Remainder, left, right);

    /// <summary>Remainder by a literal.</summary>
    public static Column operator %(Column left, object right) => Arithmetic(ArithmeticOperator.Remainder, left, right);

    /// <summary>Remainder of a literal.</summary>
    public static Column operator %(object left, Column right) => Arithmetic(ArithmeticOperator.Remainder, left, right);

    /// <summary>SQL equality (an expression, not reference equality); NULL if either side is NULL.</summary>
    public static Column operator ==(Column left, Column right) => Compare(ComparisonOperator.Equal, left, right);

    /// <summary>SQL equality with a literal.</summary>
    public static Column operator ==(Column left, object right) => Compare(ComparisonOperator.Equal, left, right);

    /// <summary>SQL equality with a literal.</summary>
    public static Column operator ==(object left, Column right) => Compare(ComparisonOperator.Equal, left, right);

    /// <summary>SQL inequality (an expression); NULL if either side is NULL.</summary>
    public static Column operator !=(Column left, Column right) => Compare(ComparisonOperator.NotEqual, left, right);

    /// <summary>SQL inequality with a literal.</summary>
    public static Column operator !=(Column left, object right) => Compare(ComparisonOperator.NotEqual, left, right);

    /// <summary>SQL inequality with a literal.</summary>
    public static Column operator !=(object left, Column right) => Compare(ComparisonOperator.NotEqual, left, right);

    /// <summary>Greater than.</summary>
    public static Column operator >(Column left, Column right) => Compare(ComparisonOperator.GreaterThan, left, right);

    /// <summary>Greater than a literal.</summary>
    public static Column operator >(Column left, object right) => Compare(ComparisonOperator.GreaterThan, left, right);

    /// <summary>A literal greater than a column.</summary>
    public static Column operator >(object left, Column right) => Compare(ComparisonOperator.GreaterThan, left, right);

    /// <summary>Less than.</summary>
    public static Column operator <(Column left, Column right) => Compare(ComparisonOperator.LessThan, left, right);

    /// <summary>Less than a literal.</summary>
    public static Column operator <(Column left, object right) => Compare(ComparisonOperator.LessThan, left, right);

    /// <summary>A literal less than a column.</summary>
    public static Column operator <(object left, Column right) => Compare(ComparisonOperator.LessThan, left, right);

    /// <summary>Greater than or equal.</summary>
    public static Column operator >=(Column left, Column right) => Compare(ComparisonOperator.GreaterThanOrEqual, left, right);

    /// <summary>Greater than or equal to a literal.</summary>
    public static Column operator >=(Column left, object right) => Compare(ComparisonOperator.GreaterThanOrEqual, left, right);

    /// <summary>A literal greater than or equal to a column.</summary>
    public static Column operator >=(object left, Column right) => Compare(ComparisonOperator.GreaterThanOrEqual, left, right);

    /// <summary>Less than or equal.</summary>
    public static Column operator <=(Column left, Column right) => Compare(ComparisonOperator.LessThanOrEqual, left, right);

    /// <summary>Less than or equal to a literal.</summary>
    public static Column operator <=(Column left, object right) => Compare(ComparisonOperator.LessThanOrEqual, left, right);

    /// <summary>A literal less than or equal to a column.</summary>
    public static Column operator <=(object left, Column right) => Compare(ComparisonOperator.LessThanOrEqual, left, right);

    /// <summary>Three-valued AND: FALSE if either side is FALSE, else NULL if either is NULL.</summary>
    public static Column operator &(Column left, Column right) => Of(BinaryLogical.And(ToExpression(left), ToExpression(right)));

    /// <summary>Three-valued OR: TRUE if either side is TRUE, else NULL if either is NULL.</summary>
    public static Column operator |(Column left, Column right) => Of(BinaryLogical.Or(ToExpression(left), ToExpression(right)));

    /// <summary>NOT; NOT NULL is NULL.</summary>
    public static Column operator !(Column operand) => Of(new Not(ToExpression(operand)));

    /// <summary>Named form of <c>+</c>.</summary>
    public Column Plus(object other) => this + other;

    /// <summary>Named form of <c>-</c>.</summary>
    public Column Minus(object other) => this - other;

    /// <summary>Named form of <c>*</c>.</summary>
    public Column Multiply(object other) => this * other;

    /// <summary>Named form of <c>/</c>.</summary>
    public Column Divide(object other) => this / other;

    /// <summary>Named form of <c>%</c>.</summary>
    public Column Mod(object other) => this % other;

    /// <summary>SQL equality with a column or literal (named form of <c>==</c>).</summary>
    public Column EqualTo(object? other) => Compare(ComparisonOperator.Equal, this, other);

    /// <summary>SQL inequality with a column or literal (named form of <c>!=</c>).</summary>
    public Column NotEqual(object? other) => Compare(ComparisonOperator.NotEqual, this, other);

    /// <summary>Named form of <c>&gt;</c>.</summary>
    public Column Gt(object? other) => Compare(ComparisonOperator.GreaterThan, this, other);

    /// <summary>Named form of <c>&gt;=</c>.</summary>
    public Column Geq(object? other) => Compare(ComparisonOperator.GreaterThanOrEqual, this, other);

    /// <summary>Named form of <c>&lt;</c>.</summary>
    public Column Lt(object? other) => Compare(ComparisonOperator.LessThan, this, other);

    /// <summary>Named form of <c>&lt;=</c>.</summary>
    public Column Leq(object? other) => Compare(ComparisonOperator.LessThanOrEqual, this, other);

    /// <summary>Named form of <c>&amp;</c>.</summary>
    public Column And(Column other) => this & other;

    /// <summary>Named form of <c>|</c>.</summary>
    public Column Or(Column other) => this | other;

    /// <summary>The same value under the name <paramref name="alias"/>.</summary>
    public Column As(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return Of(new Alias(Expression is Alias a ? a.Child : Expression, alias));
    }

    /// <summary>Alias of <see cref="As"/> (Spark's <c>name</c>).</summary>
    public Column Name(string alias) => As(alias);

    /// <summary>Converts to the type named by <paramref name="typeName"/> (<c>"int"</c>, <c>"double"</c>, <c>"date"</c> ...).</summary>
    /// <exception cref="FormatException">Unknown type name.</exception>
    public Column Cast(string typeName) => Cast(DataType.ParseSimpleString(typeName));

    /// <summary>Converts to <paramref name="type"/>; values that do not convert (such as unparsable strings) become NULL.</summary>
    public Column Cast(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Of(new Expressions.Cast(Expression, type));
    }

    /// <summary>Ascending sort key, NULLs first (Spark's default).</summary>
    public Column Asc() => Of(new SortOrder(Expression, ascending: true, nullsFirst: true));

    /// <summary>Ascending sort key, NULLs first.</summary>
    public Column AscNullsFirst() => Asc();

    /// <summary>Ascending sort key, NULLs last.</summary>
    public Column AscNullsLast() => Of(new SortOrder(Expression, ascending: true, nullsFirst: false));

    /// <summary>Descending sort key, NULLs last (Spark's default).</summary>
    public Column Desc() => Of(new SortOrder(Expression, ascending: false, nullsFirst: false));

    /// <summary>Descending sort key, NULLs first.</summary>
    public Column DescNullsFirst() => Of(new SortOrder(Expression, ascending: false, nullsFirst: true));

    /// <summary>Descending sort key, NULLs last.</summary>
    public Column DescNullsLast() => Desc();

    /// <summary>TRUE where the value is NULL (never NULL itself).</summary>
    public Column IsNull() => Of(new Expressions.IsNull(Expression));

    /// <summary>Item <paramref name="index"/> (from 0) of an array column, Spark's <c>getItem</c> / <c>arr[i]</c>; NULL outside the array.</summary>
    public Column GetItem(int index) => Of(new GetArrayItem(Expression, Literal.Create(index), oneBased: false));

    /// <summary>Field <paramref name="name"/> of a struct column, Spark's <c>getField</c> (also written <c>Col("s.a")</c>).</summary>
    public Column GetField(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Of(new GetStructField(Expression, name));
    }

    /// <summary>TRUE where the value is not NULL (never NULL itself).</summary>
    public Column IsNotNull() => Of(new Expressions.IsNull(Expression, negated: true));

    /// <summary>
    /// TRUE when the value equals one of <paramref name="values"/> (columns or literals); NULL when there is no
    /// match and the value or an item is NULL.
    /// </summary>
    public Column IsIn(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Of(new In(Expression, [.. values.Select(ToExpression)]));
    }

    /// <summary><c>lower &lt;= value AND value &lt;= upper</c> (bounds inclusive).</summary>
    public Column Between(object lower, object upper) =>
        Compare(ComparisonOperator.GreaterThanOrEqual, this, lower) & Compare(ComparisonOperator.LessThanOrEqual, this, upper);

    /// <summary>SQL LIKE: <c>%</c> matches any sequence, <c>_</c> one character, <c>\</c> escapes.</summary>
    public Column Like(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Of(new Expressions.Like(Expression, pattern));
    }

    /// <summary>Adds a branch to a <see cref="Functions.When"/> chain.</summary>
    /// <exception cref="InvalidOperationException">This column is not a When chain, or already has Otherwise.</exception>
    public Column When(Column condition, object? value)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Expression is CaseWhen { Else: null } caseWhen
            ? Of(caseWhen.WithBranch(condition.Expression, ToExpression(value)))
            : throw new InvalidOperationException("When() can only follow Functions.When() or another When(), before Otherwise().");
    }

    /// <summary>The value of a <see cref="Functions.When"/> chain when no condition is TRUE (NULL without it).</summary>
    /// <exception cref="InvalidOperationException">This column is not a When chain, or already has Otherwise.</exception>
    public Column Otherwise(object? value) =>
        Expression is CaseWhen { Else: null } caseWhen
            ? Of(caseWhen.WithElse(ToExpression(value)))
            : throw new InvalidOperationException("Otherwise() can only follow Functions.When() or When(), once.");

    /// <summary>Reference identity of the wrapped expression (<c>==</c> builds an expression instead; see remarks).</summary>
    public override bool Equals(object? obj) => obj is Column other && ReferenceEquals(Expression, other.Expression);

    /// <summary>Consistent with <see cref="Equals(object?)"/>.</summary>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Expression);

    /// <summary>
    /// This aggregate or window function (<see cref="Functions.RowNumber"/>, <see cref="Functions.Lag(Column, int, object?)"/>, …)
    /// over <paramref name="window"/>: <c>RowNumber().Over(Window.PartitionBy("g").OrderBy("x"))</c>.
    /// </summary>
    public Column Over(WindowSpec window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var function = Expression is Alias alias ? alias.Child : Expression;
        if (function is not (AggregateFunction or WindowFunction))
        {
            throw new ArgumentException($"'{Expression}' is not an aggregate or window function, so it cannot be used over a window.");
        }
        Expression over = new WindowExpression(function, window.PartitionSpec, window.OrderSpec, window.Frame);
        return Of(Expression is Alias named ? new Alias(over, named.Name) : over);
    }

    /// <summary>Spark's text for the expression, also its default column name: <c>(a + 1)</c>, <c>upper(name)</c>.</summary>
    public override string ToString() => Expression.ToString();
}
