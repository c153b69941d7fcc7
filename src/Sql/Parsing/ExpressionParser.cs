using System.Globalization;
using System.Text;
using Rdd.Sql.Expressions;
using Rdd.Sql.Parsing.Ast;
using Rdd.Sql.Types;

namespace Rdd.Sql.Parsing;

/// <summary>
/// A precedence-climbing parser for Spark SQL expressions, from lowest to highest binding:
/// <c>OR</c>, <c>AND</c>, <c>NOT</c>, comparisons and predicates (<c>= == != &lt;&gt; &lt; &lt;= &gt; &gt;= &lt;=&gt;</c>,
/// <c>IS [NOT] NULL</c>, <c>IS [NOT] DISTINCT FROM</c>, <c>[NOT] IN (…)</c>, <c>[NOT] BETWEEN … AND …</c>,
/// <c>[NOT] LIKE|ILIKE|RLIKE|REGEXP '…'</c>), <c>+ -</c>, <c>* / %</c>, unary <c>-</c>/<c>+</c>, <c>x::type</c>, primaries
/// (literals, <c>NULL</c>, <c>TRUE</c>/<c>FALSE</c>, <c>DATE '…'</c>, <c>TIMESTAMP '…'</c>, column references
/// <c>a</c>/<c>t.a</c>/<c>`a b`</c>, function calls with <c>FILTER (WHERE …)</c> and <c>OVER (…)</c>,
/// <c>CAST(x AS type)</c>, <c>CASE</c>, parentheses; subqueries when <see cref="SubqueryParser"/> is set). The
/// statement parser (<see cref="SqlParser"/>) reuses an instance over the same token list through
/// <see cref="ParseExpression()"/>, <see cref="ParseNamedExpression()"/> and the token helpers, so
/// <c>Where(string)</c>, <c>SelectExpr</c> and SQL text share one expression grammar.
/// </summary>
/// <remarks>
/// Numbers, as Spark types them: an integer literal is int when it fits, else bigint, else decimal;
/// <c>L</c>/<c>S</c>/<c>Y</c> suffixes give bigint/smallint/tinyint. A literal with a fraction and no exponent
/// (<c>1.5</c>, <c>0.05</c>) and the <c>BD</c> suffix give a decimal of the literal's digits (<c>1.5</c> is
/// decimal(2,1), <c>1.50</c> decimal(3,2)); an exponent (<c>1e3</c>) or the <c>D</c> suffix a double, <c>F</c> a float.
/// </remarks>
internal sealed class ExpressionParser
{
    /// <summary>Words that end an expression, so they cannot be bare aliases or unquoted column names.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "AND", "ANTI", "AS", "ASC", "BETWEEN", "BY", "CASE", "CAST", "CROSS", "DESC", "DISTINCT", "ELSE", "END",
        "EXCEPT", "FALSE", "FROM", "FULL", "GROUP", "HAVING", "IN", "INNER", "INTERSECT", "IS", "JOIN", "LEFT",
        "LIKE", "LIMIT", "NOT", "NULL", "NULLS", "ON", "OR", "ORDER", "OUTER", "OVER", "RIGHT", "SELECT", "SEMI",
        "THEN", "TRUE", "UNION", "USING", "WHEN", "WHERE", "WINDOW", "WITH",
    };

    private readonly string _text;
    private readonly IReadOnlyList<Token> _tokens;

    /// <summary>The instant current_date/current_timestamp read: Spark fixes it once per query.</summary>
    private readonly DateTime _queryTime = DateTime.UtcNow;

    /// <summary>A parser over <paramref name="tokens"/> of <paramref name="text"/> (used for error messages).</summary>
    public ExpressionParser(string text, IReadOnlyList<Token> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    /// <summary>
    /// Parses a query at the current token, for subqueries in expressions (<c>EXISTS (…)</c>, <c>IN (SELECT …)</c>,
    /// <c>(SELECT …)</c>); set by the SQL statement parser, null when only an expression is parsed.
    /// </summary>
    public Func<QuerySyntax>? SubqueryParser { get; set; }

    /// <summary>The text being parsed (for error messages).</summary>
    public string Text => _text;

    /// <summary>Index of the current token.</summary>
    public int Position { get; set; }

    /// <summary>The current token.</summary>
    public Token Current => _tokens[Position];

    /// <summary>The token <paramref name="ahead"/> places after the current one (the end token past the end).</summary>
    public Token Peek(int ahead = 1) => _tokens[Math.Min(Position + ahead, _tokens.Count - 1)];

    /// <summary>Parses all of <paramref name="text"/> as one expression (no alias).</summary>
    /// <exception cref="ParseException">Malformed text.</exception>
    /// <exception cref="AnalysisException">An unknown function or wrong arguments.</exception>
    public static Expression ParseExpression(string text)
    {
        var parser = Create(text);
        var result = parser.ParseExpression();
        parser.ExpectEnd();
        return result;
    }

    /// <summary>Parses all of <paramref name="text"/> as an expression with an optional <c>[AS] alias</c>.</summary>
    /// <exception cref="ParseException">Malformed text.</exception>
    /// <exception cref="AnalysisException">An unknown function or wrong arguments.</exception>
    public static Expression ParseNamedExpression(string text)
    {
        var parser = Create(text);
        var result = parser.ParseNamedExpression();
        parser.ExpectEnd();
        return result;
    }

    private static ExpressionParser Create(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ExpressionParser(text, Lexer.Tokenize(text));
    }

    // ---- token helpers --------------------------------------------------------------------------------

    public Token Advance()
    {
        var token = Current;
        if (Position < _tokens.Count - 1)
        {
            Position++;
        }
        return token;
    }

    public bool Check(TokenKind kind) => Current.Kind == kind;

    public bool CheckKeyword(string keyword) => Current.IsKeyword(keyword);

    public bool Match(TokenKind kind)
    {
        if (!Check(kind))
        {
            return false;
        }
        Advance();
        return true;
    }

    public bool MatchKeyword(string keyword)
    {
        if (!CheckKeyword(keyword))
        {
            return false;
        }
        Advance();
        return true;
    }

    public Token Expect(TokenKind kind) => Check(kind) ? Advance() : throw SyntaxError(Current);

    public void ExpectKeyword(string keyword)
    {
        if (!MatchKeyword(keyword))
        {
            throw SyntaxError(Current);
        }
    }

    /// <summary>Requires the end of the text (an optional trailing <c>;</c> is allowed).</summary>
    public void ExpectEnd()
    {
        Match(TokenKind.Semicolon);
        if (!Check(TokenKind.EndOfInput))
        {
            throw SyntaxError(Current);
        }
    }

    /// <summary>True when the current token is a name usable as a column, alias or function (quoted or not reserved).</summary>
    public bool CheckName() =>
        Current.Kind == TokenKind.QuotedIdentifier || (Current.Kind == TokenKind.Identifier && !Reserved.Contains(Current.Text));

    /// <summary>Reads a name (identifier or back-quoted identifier); keywords are accepted only when <paramref name="allowReserved"/>.</summary>
    public string ExpectName(bool allowReserved = false)
    {
        if (CheckName() || (allowReserved && Check(TokenKind.Identifier)))
        {
            return Advance().Value;
        }
        throw SyntaxError(Current);
    }

    /// <summary>Spark's <c>[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'</c> for <paramref name="token"/>.</summary>
    public ParseException SyntaxError(Token token, string? detail = null)
    {
        var near = token.Kind == TokenKind.EndOfInput ? "end of input" : $"'{token.Text}'";
        return CreateError(_text, "PARSE_SYNTAX_ERROR", $"Syntax error at or near {near}{detail}", token.Line, token.Column);
    }

    /// <summary>
    /// A <see cref="ParseException"/> whose message ends like Spark's, <c>(line L, pos P)</c> with 0-based
    /// <c>pos</c>, then names the 1-based column and shows the text with a caret under the position.
    /// </summary>
    internal static ParseException CreateError(string text, string errorClass, string message, int line, int column)
    {
        var sb = new StringBuilder();
        sb.Append('[').Append(errorClass).Append("] ").Append(message).Append('.')
            .Append(CultureInfo.InvariantCulture, $" (line {line}, pos {column - 1}; 1-based column {column})")
            .Append("\n\n== SQL ==\n");
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            sb.Append(lines[i].TrimEnd('\r')).Append('\n');
            if (i == line - 1)
            {
                sb.Append('-', column - 1).Append("^^^\n");
            }
        }
        return new ParseException(sb.ToString().TrimEnd('\n'), line, column);
    }

    // ---- expressions -------------------------------------------------------------------------------

    /// <summary>An expression followed by an optional <c>AS alias</c> or bare alias.</summary>
    public Expression ParseNamedExpression()
    {
        var expression = ParseExpression();
        if (MatchKeyword("AS"))
        {
            return new Alias(expression, ExpectName(allowReserved: true));
        }
        return CheckName() ? new Alias(expression, Advance().Value) : expression;
    }

    /// <summary>
    /// A sort key for <c>ORDER BY</c>: an expression, then optional <c>ASC</c>/<c>DESC</c> and
    /// <c>NULLS FIRST</c>/<c>NULLS LAST</c> (Spark's defaults: ascending with NULLs first, descending with NULLs last).
    /// </summary>
    public SortOrder ParseSortItem()
    {
        var expression = ParseExpression();
        bool ascending = !MatchKeyword("DESC");
        if (ascending)
        {
            MatchKeyword("ASC");
        }
        bool? nullsFirst = null;
        if (MatchKeyword("NULLS"))
        {
            nullsFirst = MatchKeyword("FIRST") ? true : MatchKeyword("LAST") ? false : throw SyntaxError(Current);
        }
        return new SortOrder(expression, ascending, nullsFirst);
    }

    /// <summary>One or more comma-separated expressions (each by <paramref name="item"/>).</summary>
    public List<T> ParseCommaSeparated<T>(Func<ExpressionParser, T> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var items = new List<T> { item(this) };
        while (Match(TokenKind.Comma))
        {
            items.Add(item(this));
        }
        return items;
    }

    /// <summary>One expression (the <c>OR</c> level).</summary>
    public Expression ParseExpression() => ParseOr();

    private Expression ParseOr()
    {
        var left = ParseAnd();
        while (MatchKeyword("OR"))
        {
            left = BinaryLogical.Or(left, ParseAnd());
        }
        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseNot();
        while (MatchKeyword("AND"))
        {
            left = BinaryLogical.And(left, ParseNot());
        }
        return left;
    }

    private Expression ParseNot() =>
        MatchKeyword("NOT") || Match(TokenKind.Bang) ? new Not(ParseNot()) : ParsePredicate();

    private Expression ParsePredicate()
    {
        var left = ParseAdditive();
        while (true)
        {
            ComparisonOperator? op = Current.Kind switch
            {
                TokenKind.Equal => ComparisonOperator.Equal,
                TokenKind.NotEqual => ComparisonOperator.NotEqual,
                TokenKind.Less => ComparisonOperator.LessThan,
                TokenKind.LessOrEqual => ComparisonOperator.LessThanOrEqual,
                TokenKind.Greater => ComparisonOperator.GreaterThan,
                TokenKind.GreaterOrEqual => ComparisonOperator.GreaterThanOrEqual,
                _ => null,
            };
            if (op is { } comparison)
            {
                Advance();
                left = new Comparison(comparison, left, ParseAdditive());
                continue;
            }
            if (Match(TokenKind.NullSafeEqual))
            {
                left = NullSafeEqual(left, ParseAdditive());
                continue;
            }
            if (MatchKeyword("IS"))
            {
                bool negatedIs = MatchKeyword("NOT");
                if (MatchKeyword("DISTINCT"))
                {
                    ExpectKeyword("FROM");
                    var equal = NullSafeEqual(left, ParseAdditive());
                    left = negatedIs ? equal : new Not(equal);
                    continue;
                }
                ExpectKeyword("NULL");
                left = new IsNull(left, negatedIs);
                continue;
            }
            bool negated = CheckKeyword("NOT") && (Peek().IsKeyword("IN") || Peek().IsKeyword("BETWEEN") || Peek().IsKeyword("LIKE")
                || Peek().IsKeyword("ILIKE") || Peek().IsKeyword("RLIKE") || Peek().IsKeyword("REGEXP"));
            if (negated)
            {
                Advance();
            }
            Expression? predicate = null;
            if (CheckKeyword("IN") && Peek().Kind == TokenKind.LeftParen && StartsSubquery(2))
            {
                var position = TextPosition.Of(Advance());
                Advance();
                var query = SubqueryParser!();
                Expect(TokenKind.RightParen);
                predicate = new SubqueryExpression(SubqueryKind.In, query, left, position);
            }
            else if (MatchKeyword("IN"))
            {
                Expect(TokenKind.LeftParen);
                var items = ParseCommaSeparated(p => p.ParseExpression());
                Expect(TokenKind.RightParen);
                predicate = new In(left, items);
            }
            else if (MatchKeyword("BETWEEN"))
            {
                var lower = ParseAdditive();
                ExpectKeyword("AND");
                var upper = ParseAdditive();
                predicate = BinaryLogical.And(
                    new Comparison(ComparisonOperator.GreaterThanOrEqual, left, lower),
                    new Comparison(ComparisonOperator.LessThanOrEqual, left, upper));
            }
            else if (CheckKeyword("RLIKE") || CheckKeyword("REGEXP"))
            {
                Advance();
                var patternToken = Current;
                predicate = ParseAdditive() is Literal { Value: string regex }
                    ? new RLike(left, regex)
                    : throw SyntaxError(patternToken, " (RLIKE needs a string literal pattern)");
            }
            else if (CheckKeyword("LIKE") || CheckKeyword("ILIKE"))
            {
                bool ignoreCase = Advance().IsKeyword("ILIKE");
                var patternToken = Current;
                var pattern = ParseAdditive();
                predicate = pattern is Literal { Value: string text }
                    ? ignoreCase
                        ? new Like(new StringFunctionCall(StringFunction.Lower, left), text.ToLowerInvariant())
                        : new Like(left, text)
                    : throw SyntaxError(patternToken, " (LIKE needs a string literal pattern)");
            }
            if (predicate is null)
            {
                return left;
            }
            left = negated ? new Not(predicate) : predicate;
        }
    }

    private Expression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            ArithmeticOperator? op = Current.Kind switch
            {
                TokenKind.Plus => ArithmeticOperator.Add,
                TokenKind.Minus => ArithmeticOperator.Subtract,
                _ => null,
            };
            if (op is not { } arithmetic)
            {
                return left;
            }
            Advance();
            var right = ParseMultiplicative();
            left = (left, right) switch
            {
                (_, IntervalLiteral interval) => interval.AddTo(left, negate: arithmetic == ArithmeticOperator.Subtract),
                (IntervalLiteral interval, _) when arithmetic == ArithmeticOperator.Add => interval.AddTo(right, negate: false),
                _ => new Arithmetic(arithmetic, left, right),
            };
        }
    }

    private Expression ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            ArithmeticOperator? op = Current.Kind switch
            {
                TokenKind.Star => ArithmeticOperator.Multiply,
                TokenKind.Slash => ArithmeticOperator.Divide,
                TokenKind.Percent => ArithmeticOperator.Remainder,
                _ => null,
            };
            if (op is not { } arithmetic)
            {
                return left;
            }
            Advance();
            left = new Arithmetic(arithmetic, left, ParseUnary());
        }
    }

    private Expression ParseUnary()
    {
        if (Match(TokenKind.Plus))
        {
            return ParseUnary();
        }
        if (!Check(TokenKind.Minus))
        {
            return ParsePostfix(ParsePrimary());
        }
        Advance();
        // -<number> is a negative literal (so -2147483648 is an int, as in Spark).
        if (Current.Kind is TokenKind.IntegerLiteral or TokenKind.DecimalLiteral)
        {
            return NumberLiteral(Advance(), negative: true);
        }
        return new Arithmetic(ArithmeticOperator.Subtract, Literal.Create(0), ParseUnary());
    }

    /// <summary>Whether the token <paramref name="ahead"/> places on starts a query and subqueries can be parsed here.</summary>
    private bool StartsSubquery(int ahead) =>
        SubqueryParser is not null && (Peek(ahead).IsKeyword("SELECT") || Peek(ahead).IsKeyword("WITH"));

    /// <summary>
    /// Postfix operators, binding tighter than any other: <c>x::type</c> (Spark's shorthand for
    /// <c>CAST(x AS type)</c>), <c>arr[i]</c> (0-based, NULL outside the array, as Spark's non-ANSI subscript)
    /// and <c>.field</c> after a subscript (<c>arr[0].name</c>).
    /// </summary>
    private Expression ParsePostfix(Expression primary)
    {
        while (true)
        {
            if (Match(TokenKind.DoubleColon))
            {
                primary = new Cast(primary, ParseDataType());
            }
            else if (Match(TokenKind.LeftBracket))
            {
                var index = ParseExpression();
                Expect(TokenKind.RightBracket);
                primary = new GetArrayItem(primary, index, oneBased: false);
                while (Check(TokenKind.Dot) && Peek(1).Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier)
                {
                    Advance();
                    primary = new GetStructField(primary, Advance().Value);
                }
            }
            else
            {
                return primary;
            }
        }
    }

    /// <summary>
    /// <c>a &lt;=&gt; b</c> (and <c>IS NOT DISTINCT FROM</c>): true when both are NULL, false when one is, else
    /// <c>a = b</c> - never NULL.
    /// </summary>
    internal static Expression NullSafeEqual(Expression left, Expression right) =>
        new CaseWhen(
            [
                (new IsNull(left), new IsNull(right)),
                (new IsNull(right), Literal.Create(false)),
            ],
            new Comparison(ComparisonOperator.Equal, left, right));

    private Expression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.IntegerLiteral or TokenKind.DecimalLiteral:
                return NumberLiteral(Advance(), negative: false);
            case TokenKind.StringLiteral:
                var text = new StringBuilder(Advance().Value);
                while (Check(TokenKind.StringLiteral))
                {
                    text.Append(Advance().Value); // adjacent literals concatenate, as in Spark
                }
                return Literal.Create(text.ToString());
            case TokenKind.LeftParen when StartsSubquery(1):
                Advance();
                var scalar = SubqueryParser!();
                Expect(TokenKind.RightParen);
                return new SubqueryExpression(SubqueryKind.Scalar, scalar, null, TextPosition.Of(token));
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RightParen);
                return inner;
            case TokenKind.QuotedIdentifier:
                return ParseNameOrCall();
            case TokenKind.Identifier:
                break;
            default:
                throw SyntaxError(token);
        }
        if (MatchKeyword("NULL"))
        {
            return Literal.Null;
        }
        if (MatchKeyword("TRUE"))
        {
            return Literal.Create(true);
        }
        if (MatchKeyword("FALSE"))
        {
            return Literal.Create(false);
        }
        if (CheckKeyword("EXISTS") && Peek().Kind == TokenKind.LeftParen && StartsSubquery(2))
        {
            Advance();
            Advance();
            var exists = SubqueryParser!();
            Expect(TokenKind.RightParen);
            return new SubqueryExpression(SubqueryKind.Exists, exists, null, TextPosition.Of(token));
        }
        if (CheckKeyword("CASE"))
        {
            return ParseCase();
        }
        if (CheckKeyword("CAST") && Peek().Kind == TokenKind.LeftParen)
        {
            return ParseCast();
        }
        if (CheckKeyword("INTERVAL") && Peek().Kind is TokenKind.StringLiteral or TokenKind.IntegerLiteral or TokenKind.Minus)
        {
            return ParseInterval();
        }
        if (CheckKeyword("EXTRACT") && Peek().Kind == TokenKind.LeftParen)
        {
            Advance();
            Advance();
            var field = Current;
            string fieldName = ExpectName(allowReserved: true);
            ExpectKeyword("FROM");
            var source = ParseExpression();
            Expect(TokenKind.RightParen);
            try
            {
                return FunctionRegistry.DatePartOf(fieldName, source);
            }
            catch (AnalysisException e)
            {
                throw CreateError(_text, "INVALID_EXTRACT_FIELD", e.Message.TrimEnd('.'), field.Line, field.Column);
            }
        }
        if (CheckKeyword("DATE") && Peek().Kind == TokenKind.StringLiteral)
        {
            Advance();
            var literal = Advance();
            return DateOnly.TryParseExact(literal.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? Literal.Create(date)
                : throw CreateError(_text, "INVALID_TYPED_LITERAL", $"The value of the typed literal \"DATE\" is invalid: '{literal.Value}'", literal.Line, literal.Column);
        }
        if ((CheckKeyword("TIMESTAMP") || CheckKeyword("TIMESTAMP_LTZ")) && Peek().Kind == TokenKind.StringLiteral)
        {
            Advance();
            var literal = Advance();
            return DateTime.TryParse(literal.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var timestamp)
                ? Literal.Create(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc))
                : throw CreateError(_text, "INVALID_TYPED_LITERAL", $"The value of the typed literal \"TIMESTAMP\" is invalid: '{literal.Value}'", literal.Line, literal.Column);
        }
        // left(s, n) and right(s, n) are functions although LEFT and RIGHT are join keywords.
        if (!CheckName() && !((CheckKeyword("LEFT") || CheckKeyword("RIGHT")) && Peek().Kind == TokenKind.LeftParen))
        {
            throw SyntaxError(token);
        }
        return ParseNameOrCall();
    }

    /// <summary>
    /// <c>INTERVAL '90' DAY</c>, <c>INTERVAL 3 MONTHS</c>, <c>INTERVAL 1 YEAR 2 MONTHS</c>: one or more (number, unit)
    /// pairs, each number an integer or a quoted integer, units YEAR MONTH WEEK DAY HOUR MINUTE SECOND (or plurals).
    /// </summary>
    private IntervalLiteral ParseInterval()
    {
        var start = Advance();
        int months = 0, days = 0;
        long micros = 0;
        do
        {
            bool negative = Match(TokenKind.Minus);
            var number = Advance();
            if (number.Kind is not (TokenKind.StringLiteral or TokenKind.IntegerLiteral)
                || !long.TryParse(number.Value, System.Globalization.NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long amount))
            {
                throw CreateError(_text, "INVALID_INTERVAL_FORMAT", $"The interval value '{number.Text}' is not an integer", number.Line, number.Column);
            }
            amount = negative ? -amount : amount;
            var unit = Current;
            string name = ExpectName(allowReserved: true).ToUpperInvariant().TrimEnd('S');
            checked
            {
                switch (name)
                {
                    case "YEAR": months += (int)(amount * 12); break;
                    case "MONTH": months += (int)amount; break;
                    case "WEEK": days += (int)(amount * 7); break;
                    case "DAY": days += (int)amount; break;
                    case "HOUR": micros += amount * 3_600_000_000L; break;
                    case "MINUTE": micros += amount * 60_000_000L; break;
                    case "SECOND": micros += amount * 1_000_000L; break;
                    default:
                        throw CreateError(_text, "INVALID_INTERVAL_FORMAT", $"Unknown interval unit '{unit.Text}' (YEAR, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND)", unit.Line, unit.Column);
                }
            }
        }
        while (Current.Kind is TokenKind.StringLiteral or TokenKind.IntegerLiteral);
        return new IntervalLiteral(months, days, micros, TextPosition.Of(start));
    }

    private Expression ParseNameOrCall()
    {
        var nameToken = Advance();
        if (Check(TokenKind.LeftParen) && nameToken.Kind == TokenKind.Identifier)
        {
            return ParseFunctionCall(nameToken);
        }
        var parts = new List<string> { nameToken.Value };
        while (Match(TokenKind.Dot))
        {
            parts.Add(ExpectName(allowReserved: true));
        }
        var position = (nameToken.Line, nameToken.Column);
        return parts.Count == 1
            ? new ColumnReference(parts[0], null, position)
            : new ColumnReference(parts[^1], string.Join('.', parts.Take(parts.Count - 1)), position);
    }

    private Expression ParseFunctionCall(Token nameToken)
    {
        Expect(TokenKind.LeftParen);
        var name = nameToken.Text.ToLowerInvariant();
        Expression call;
        if (name == "count" && Check(TokenKind.Star) && Peek().Kind == TokenKind.RightParen)
        {
            Advance();
            Advance();
            call = new AggregateFunction(AggregateKind.Count, new Literal(1, IntegerType.Instance));
        }
        else
        {
            bool distinct = MatchKeyword("DISTINCT");
            if (!distinct)
            {
                MatchKeyword("ALL");
            }
            var args = new List<Expression>();
            if (!Check(TokenKind.RightParen))
            {
                args = ParseCommaSeparated(p => p.ParseExpression());
            }
            Expect(TokenKind.RightParen);
            call = FunctionRegistry.Build(name, args, distinct, (nameToken.Line, nameToken.Column), _queryTime);
        }
        if (CheckKeyword("FILTER") && Peek().Kind == TokenKind.LeftParen)
        {
            call = ParseFilterClause(call, nameToken);
        }
        if (MatchKeyword("OVER"))
        {
            call = ParseOver(call);
        }
        return call;
    }

    /// <summary>
    /// <c>agg(x) FILTER (WHERE c)</c> as Spark evaluates it: the aggregate over <c>CASE WHEN c THEN x END</c>, so rows
    /// failing the condition count as NULL inputs, which every aggregate but first() skips.
    /// </summary>
    private Expression ParseFilterClause(Expression call, Token nameToken)
    {
        Advance();
        Expect(TokenKind.LeftParen);
        ExpectKeyword("WHERE");
        var condition = ParseExpression();
        Expect(TokenKind.RightParen);
        return call is AggregateFunction { Kind: not AggregateKind.First } aggregate
            ? aggregate.WithChildren([.. aggregate.Children.Select((c, i) => i > 0 && c is Literal ? c : (Expression)new CaseWhen([(condition, c)]))])
            : throw CreateError(_text, "INVALID_AGGREGATE_FILTER", $"FILTER (WHERE …) applies to aggregate functions other than first, not to {nameToken.Text}", nameToken.Line, nameToken.Column);
    }

    /// <summary>
    /// <c>OVER (PARTITION BY … ORDER BY … [frame])</c> or <c>OVER name</c> (a window of the query's WINDOW clause,
    /// kept as a <see cref="NamedWindow"/> until the planner substitutes it). Frames: <c>ROWS BETWEEN … AND …</c>
    /// with UNBOUNDED PRECEDING/FOLLOWING, CURRENT ROW and n PRECEDING/FOLLOWING; <c>RANGE BETWEEN UNBOUNDED
    /// PRECEDING AND CURRENT ROW</c>, Spark's default with ORDER BY.
    /// </summary>
    private Expression ParseOver(Expression function)
    {
        if (!Check(TokenKind.LeftParen))
        {
            var nameToken = Current;
            return new NamedWindow(function, ExpectName(allowReserved: true), (nameToken.Line, nameToken.Column));
        }
        var (partition, order, frame) = ParseWindowSpec();
        return new WindowExpression(function, partition, order, frame);
    }

    /// <summary>A parenthesized window specification: <c>([PARTITION BY …] [ORDER BY …] [frame])</c>.</summary>
    public (List<Expression> Partition, List<SortOrder> Order, RowFrame? Frame) ParseWindowSpec()
    {
        Expect(TokenKind.LeftParen);
        var partition = new List<Expression>();
        var order = new List<SortOrder>();
        if (MatchKeyword("PARTITION") || MatchKeyword("DISTRIBUTE"))
        {
            ExpectKeyword("BY");
            partition = ParseCommaSeparated(p => p.ParseExpression());
        }
        if (MatchKeyword("ORDER") || MatchKeyword("SORT"))
        {
            ExpectKeyword("BY");
            order = ParseCommaSeparated(p => p.ParseSortItem());
        }
        RowFrame? frame = null;
        var frameToken = Current;
        if (MatchKeyword("ROWS"))
        {
            ExpectKeyword("BETWEEN");
            var start = ParseFrameBound();
            ExpectKeyword("AND");
            frame = new RowFrame(start, ParseFrameBound());
        }
        else if (MatchKeyword("RANGE"))
        {
            ExpectKeyword("BETWEEN");
            var start = ParseFrameBound();
            ExpectKeyword("AND");
            var end = ParseFrameBound();
            if (start != long.MinValue || end is not (0 or long.MaxValue))
            {
                throw CreateError(_text, "UNSUPPORTED_FEATURE", "Only RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW / UNBOUNDED FOLLOWING is supported; use ROWS for offsets", frameToken.Line, frameToken.Column);
            }
            // RANGE to CURRENT ROW is the default frame with ORDER BY; to UNBOUNDED FOLLOWING the whole partition.
            frame = end == 0 ? null : new RowFrame(long.MinValue, long.MaxValue);
        }
        Expect(TokenKind.RightParen);
        return (partition, order, frame);
    }

    private long ParseFrameBound()
    {
        if (MatchKeyword("UNBOUNDED"))
        {
            return MatchKeyword("PRECEDING") ? long.MinValue : MatchKeyword("FOLLOWING") ? long.MaxValue : throw SyntaxError(Current);
        }
        if (MatchKeyword("CURRENT"))
        {
            ExpectKeyword("ROW");
            return 0;
        }
        var token = Expect(TokenKind.IntegerLiteral);
        long n = long.Parse(token.Value, CultureInfo.InvariantCulture);
        return MatchKeyword("PRECEDING") ? -n : MatchKeyword("FOLLOWING") ? n : throw SyntaxError(Current);
    }

    private Expression ParseCast()
    {
        Advance();
        Expect(TokenKind.LeftParen);
        var child = ParseExpression();
        ExpectKeyword("AS");
        var type = ParseDataType();
        Expect(TokenKind.RightParen);
        return new Cast(child, type);
    }

    /// <summary>A type name with its parameters (<c>decimal(10,2)</c>, <c>array&lt;int&gt;</c>, <c>struct&lt;a:int&gt;</c>), as in DDL.</summary>
    private DataType ParseDataType() => SchemaParser.ParseType(this, _text);

    private Expression ParseCase()
    {
        Advance();
        Expression? operand = CheckKeyword("WHEN") ? null : ParseExpression();
        var branches = new List<(Expression, Expression)>();
        while (MatchKeyword("WHEN"))
        {
            var condition = ParseExpression();
            ExpectKeyword("THEN");
            var value = ParseExpression();
            branches.Add((operand is null ? condition : new Comparison(ComparisonOperator.Equal, operand, condition), value));
        }
        if (branches.Count == 0)
        {
            throw SyntaxError(Current);
        }
        var elseValue = MatchKeyword("ELSE") ? ParseExpression() : null;
        ExpectKeyword("END");
        return new CaseWhen(branches, elseValue);
    }

    private Literal NumberLiteral(Token token, bool negative)
    {
        var digits = negative ? "-" + token.Value : token.Value;
        var suffix = token.Text[token.Value.Length..].ToUpperInvariant();
        var inv = CultureInfo.InvariantCulture;
        if (token.Kind == TokenKind.DecimalLiteral)
        {
            bool exponent = digits.Contains('e', StringComparison.OrdinalIgnoreCase);
            switch (suffix)
            {
                case "F":
                    return Literal.Create(float.Parse(digits, NumberStyles.Float, inv));
                case "D":
                    return Literal.Create(double.Parse(digits, NumberStyles.Float, inv));
                case "BD":
                    return DecimalLiteral(token, digits, NumberStyles.Float);
                default:
                    return exponent
                        ? Literal.Create(double.Parse(digits, NumberStyles.Float, inv))
                        : DecimalLiteral(token, digits, NumberStyles.Number);
            }
        }
        switch (suffix)
        {
            case "L":
                return long.TryParse(digits, NumberStyles.AllowLeadingSign, inv, out var l)
                    ? Literal.Create(l)
                    : throw OutOfRange(token, "bigint");
            case "S":
                return short.TryParse(digits, NumberStyles.AllowLeadingSign, inv, out var s)
                    ? Literal.Create(s)
                    : throw OutOfRange(token, "smallint");
            case "Y":
                return sbyte.TryParse(digits, NumberStyles.AllowLeadingSign, inv, out var y)
                    ? Literal.Create(y)
                    : throw OutOfRange(token, "tinyint");
        }
        if (int.TryParse(digits, NumberStyles.AllowLeadingSign, inv, out var i))
        {
            return Literal.Create(i);
        }
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, inv, out var big))
        {
            return Literal.Create(big);
        }
        // Spark types an integer beyond bigint as a decimal of its digits.
        return DecimalLiteral(token, digits, NumberStyles.AllowLeadingSign);
    }

    /// <summary>A decimal literal of the digits' precision and scale (trailing zeros count, as in Spark).</summary>
    private Literal DecimalLiteral(Token token, string digits, NumberStyles styles)
    {
        // .NET's decimal holds 28 significant digits (Spark's 38): a longer literal fails rather than round.
        var mantissa = digits.TrimStart('-', '+').Split('e', 'E')[0].Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        if (mantissa.Length > 28 || !decimal.TryParse(digits, styles, CultureInfo.InvariantCulture, out var value))
        {
            throw OutOfRange(token, "decimal (28 significant digits)");
        }
        return Literal.Create(value);
    }

    private ParseException OutOfRange(Token token, string type) =>
        CreateError(_text, "INVALID_NUMERIC_LITERAL_RANGE", $"Numeric literal {token.Text} is outside the valid range for {type}", token.Line, token.Column);
}
