using System.Globalization;
using Rdd.Sql.Expressions;
using Rdd.Sql.Parsing.Ast;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Parsing;

/// <summary>
/// Recursive-descent parser of Spark SQL statements into the syntax tree of <see cref="Ast"/> (each node with its
/// position). Expressions are parsed by the same <see cref="ExpressionParser"/> as <c>Where(string)</c> and
/// <c>SelectExpr</c>, over the same token list, so the expression grammar is one. Keywords are case-insensitive;
/// <c>`quoted`</c> names are never keywords.
/// </summary>
internal sealed class SqlParser
{
    /// <summary>Words that cannot be a bare table alias, because they continue the FROM clause or the query.</summary>
    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ANTI", "CROSS", "EXCEPT", "FULL", "GROUP", "HAVING", "INNER", "INTERSECT", "JOIN", "LEFT", "LIMIT", "MINUS",
        "NATURAL", "OFFSET", "ON", "ORDER", "RIGHT", "SEMI", "UNION", "USING", "WHERE", "WINDOW",
    };

    private readonly ExpressionParser _p;

    private SqlParser(string text)
    {
        _p = new ExpressionParser(text, Lexer.Tokenize(text));
        _p.SubqueryParser = ParseQuery;
    }

    /// <summary>Parses <paramref name="text"/> as one statement (a trailing <c>;</c> is allowed).</summary>
    /// <exception cref="ParseException">The text is not a well-formed statement; the message has its line, column and a caret.</exception>
    public static SqlStatement Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (SetStatementParser.TryParse(text) is { } set)
        {
            return set;
        }
        var parser = new SqlParser(text);
        var statement = parser.ParseStatement();
        parser._p.ExpectEnd();
        return statement;
    }

    private Token Current => _p.Current;

    private TextPosition Here => TextPosition.Of(Current);

    private SqlStatement ParseStatement()
    {
        var start = Here;
        if (_p.MatchKeyword("CREATE"))
        {
            return ParseCreateView(start);
        }
        if (_p.MatchKeyword("DROP"))
        {
            _p.ExpectKeyword("VIEW");
            bool ifExists = MatchIfExists();
            return new DropViewStatement(start, ParseTableName(), ifExists);
        }
        if (_p.MatchKeyword("SHOW"))
        {
            _p.ExpectKeyword("TABLES");
            string? pattern = null;
            if (_p.MatchKeyword("LIKE") || _p.Check(TokenKind.StringLiteral))
            {
                pattern = _p.Expect(TokenKind.StringLiteral).Value;
            }
            return new ShowTablesStatement(start, pattern);
        }
        if (_p.MatchKeyword("DESCRIBE") || _p.MatchKeyword("DESC"))
        {
            if (_p.MatchKeyword("QUERY") || StartsQuery())
            {
                var query = ParseQuery();
                return new DescribeStatement(start, new SubqueryRelation(query.Position, query, null));
            }
            _p.MatchKeyword("TABLE");
            var position = Here;
            return new DescribeStatement(start, ParseNamedRelation(position, allowAlias: false));
        }
        if (_p.MatchKeyword("EXPLAIN"))
        {
            bool extended = _p.MatchKeyword("EXTENDED");
            return new ExplainStatement(start, extended, ParseStatement());
        }
        if (_p.MatchKeyword("CACHE"))
        {
            bool lazy = _p.MatchKeyword("LAZY");
            _p.ExpectKeyword("TABLE");
            var name = ParseTableName();
            QuerySyntax? query = null;
            if (_p.MatchKeyword("AS") || StartsQuery())
            {
                query = ParseQuery();
            }
            return new CacheTableStatement(start, name, lazy, query);
        }
        if (_p.MatchKeyword("UNCACHE"))
        {
            _p.ExpectKeyword("TABLE");
            bool ifExists = MatchIfExists();
            return new UncacheTableStatement(start, ParseTableName(), ifExists);
        }
        if (!StartsQuery())
        {
            throw _p.SyntaxError(Current);
        }
        return new QueryStatement(ParseQuery());
    }

    private bool StartsQuery() =>
        _p.CheckKeyword("SELECT") || _p.CheckKeyword("WITH") || _p.Check(TokenKind.LeftParen);

    private bool MatchIfExists()
    {
        if (!_p.MatchKeyword("IF"))
        {
            return false;
        }
        _p.ExpectKeyword("EXISTS");
        return true;
    }

    private CreateViewStatement ParseCreateView(TextPosition start)
    {
        bool orReplace = false;
        if (_p.MatchKeyword("OR"))
        {
            _p.ExpectKeyword("REPLACE");
            orReplace = true;
        }
        _p.MatchKeyword("GLOBAL");
        if (!_p.MatchKeyword("TEMPORARY"))
        {
            _p.ExpectKeyword("TEMP");
        }
        _p.ExpectKeyword("VIEW");
        bool ifNotExists = false;
        if (_p.MatchKeyword("IF"))
        {
            _p.ExpectKeyword("NOT");
            _p.ExpectKeyword("EXISTS");
            ifNotExists = true;
        }
        if (ifNotExists && orReplace)
        {
            throw _p.SyntaxError(Current, " (CREATE VIEW with both IF NOT EXISTS and OR REPLACE is not allowed)");
        }
        var name = ParseTableName();
        var columns = _p.Check(TokenKind.LeftParen) ? ParseNameList() : null;
        _p.ExpectKeyword("AS");
        return new CreateViewStatement(start, name, orReplace, columns, ParseQuery());
    }

    /// <summary>A possibly dotted table name (<c>db.t</c> names view <c>t</c>: there is one namespace).</summary>
    private string ParseTableName()
    {
        var name = _p.ExpectName(allowReserved: true);
        while (_p.Match(TokenKind.Dot))
        {
            name = _p.ExpectName(allowReserved: true);
        }
        return name;
    }

    private List<string> ParseNameList()
    {
        _p.Expect(TokenKind.LeftParen);
        var names = _p.ParseCommaSeparated(p => p.ExpectName(allowReserved: true));
        _p.Expect(TokenKind.RightParen);
        return names;
    }

    // ---- queries -------------------------------------------------------------------------------------

    private QuerySyntax ParseQuery()
    {
        var start = Here;
        var with = new List<CommonTableExpression>();
        if (_p.MatchKeyword("WITH"))
        {
            do
            {
                var position = Here;
                var name = _p.ExpectName(allowReserved: true);
                var columns = _p.Check(TokenKind.LeftParen) ? ParseNameList() : null;
                _p.ExpectKeyword("AS");
                _p.Expect(TokenKind.LeftParen);
                var query = ParseQuery();
                _p.Expect(TokenKind.RightParen);
                with.Add(new CommonTableExpression(position, name, columns, query));
            }
            while (_p.Match(TokenKind.Comma));
        }
        var body = ParseSetOperation();
        var order = new List<SortOrder>();
        if (_p.MatchKeyword("ORDER"))
        {
            _p.ExpectKeyword("BY");
            order = _p.ParseCommaSeparated(p => p.ParseSortItem());
        }
        int? limit = null, offset = null;
        if (_p.MatchKeyword("LIMIT"))
        {
            limit = _p.MatchKeyword("ALL") ? null : ParseCount("LIMIT");
        }
        if (_p.MatchKeyword("OFFSET"))
        {
            offset = ParseCount("OFFSET");
        }
        return new QuerySyntax(start, with, body, order, limit, offset);
    }

    /// <summary>A non-negative integer literal (Spark requires a foldable non-negative int here).</summary>
    private int ParseCount(string clause)
    {
        var token = Current;
        var value = _p.ParseExpression();
        return value is Literal { Value: int n } && n >= 0
            ? n
            : throw ExpressionParser.CreateError(_p.Text, "INVALID_LIMIT_LIKE_EXPRESSION",
                string.Create(CultureInfo.InvariantCulture, $"The {clause} expression `{value}` must be a non-negative integer literal"), token.Line, token.Column);
    }

    /// <summary>Set operations: INTERSECT binds tighter than UNION and EXCEPT, which associate to the left (as in Spark).</summary>
    private QueryBody ParseSetOperation()
    {
        var left = ParseIntersect();
        while (true)
        {
            var position = Here;
            SetOperator op;
            if (_p.MatchKeyword("UNION"))
            {
                op = SetOperator.Union;
            }
            else if (_p.MatchKeyword("EXCEPT") || _p.MatchKeyword("MINUS"))
            {
                op = SetOperator.Except;
            }
            else
            {
                return left;
            }
            bool all = MatchQuantifier();
            left = new SetOperationBody(position, op, all, left, ParseIntersect());
        }
    }

    private QueryBody ParseIntersect()
    {
        var left = ParseQueryPrimary();
        while (true)
        {
            var position = Here;
            if (!_p.MatchKeyword("INTERSECT"))
            {
                return left;
            }
            bool all = MatchQuantifier();
            left = new SetOperationBody(position, SetOperator.Intersect, all, left, ParseQueryPrimary());
        }
    }

    private bool MatchQuantifier()
    {
        if (_p.MatchKeyword("ALL"))
        {
            return true;
        }
        _p.MatchKeyword("DISTINCT");
        return false;
    }

    private QueryBody ParseQueryPrimary()
    {
        if (_p.Match(TokenKind.LeftParen))
        {
            var query = ParseQuery();
            _p.Expect(TokenKind.RightParen);
            return new NestedQueryBody(query);
        }
        if (!_p.CheckKeyword("SELECT"))
        {
            throw _p.SyntaxError(Current);
        }
        return ParseSelect();
    }

    private SelectBody ParseSelect()
    {
        var start = Here;
        _p.ExpectKeyword("SELECT");
        bool distinct = _p.MatchKeyword("DISTINCT");
        if (!distinct)
        {
            _p.MatchKeyword("ALL");
        }
        var items = _p.ParseCommaSeparated(_ => ParseSelectItem());
        RelationSyntax? from = null;
        if (_p.MatchKeyword("FROM"))
        {
            from = ParseFrom();
        }
        Expression? where = _p.MatchKeyword("WHERE") ? _p.ParseExpression() : null;
        List<Expression>? groupBy = null;
        List<IReadOnlyList<Expression>>? groupingSets = null;
        if (_p.MatchKeyword("GROUP"))
        {
            _p.ExpectKeyword("BY");
            (groupBy, groupingSets) = ParseGroupBy();
        }
        Expression? having = _p.MatchKeyword("HAVING") ? _p.ParseExpression() : null;
        Dictionary<string, WindowExpression>? windows = null;
        if (_p.MatchKeyword("WINDOW"))
        {
            windows = new(StringComparer.OrdinalIgnoreCase);
            do
            {
                var name = _p.ExpectName(allowReserved: true);
                _p.ExpectKeyword("AS");
                var (partition, order, frame) = _p.ParseWindowSpec();
                windows[name] = new WindowExpression(Literal.Null, partition, order, frame);
            }
            while (_p.Match(TokenKind.Comma));
        }
        return new SelectBody(start, distinct, items, from, where, groupBy, having, windows, groupingSets);
    }

    /// <summary>
    /// GROUP BY items: expressions, <c>ROLLUP(…)</c>, <c>CUBE(…)</c>, <c>GROUPING SETS ((…), …)</c>, or expressions
    /// followed by <c>WITH ROLLUP</c>/<c>WITH CUBE</c>. Several items multiply out (Spark's rule: <c>a, ROLLUP(b)</c> is
    /// the sets (a, b) and (a)). Returns every grouping expression and the sets, null for a plain GROUP BY.
    /// </summary>
    private (List<Expression> All, List<IReadOnlyList<Expression>>? Sets) ParseGroupBy()
    {
        var sets = new List<List<Expression>> { new() };
        bool plain = true;
        do
        {
            List<List<Expression>> itemSets;
            if ((_p.CheckKeyword("ROLLUP") || _p.CheckKeyword("CUBE")) && _p.Peek().Kind == TokenKind.LeftParen)
            {
                bool rollup = _p.Advance().IsKeyword("ROLLUP");
                _p.Expect(TokenKind.LeftParen);
                var columns = _p.ParseCommaSeparated(p => p.ParseExpression());
                _p.Expect(TokenKind.RightParen);
                itemSets = rollup ? Rollup(columns) : Cube(columns);
                plain = false;
            }
            else if (_p.CheckKeyword("GROUPING") && _p.Peek().IsKeyword("SETS"))
            {
                _p.Advance();
                _p.Advance();
                _p.Expect(TokenKind.LeftParen);
                itemSets = _p.ParseCommaSeparated(_ => ParseGroupingSet());
                _p.Expect(TokenKind.RightParen);
                plain = false;
            }
            else
            {
                itemSets = [[_p.ParseExpression()]];
            }
            sets = [.. sets.SelectMany(set => itemSets.Select(item => (List<Expression>)[.. set, .. item]))];
        }
        while (_p.Match(TokenKind.Comma));
        if (_p.CheckKeyword("WITH") && (_p.Peek().IsKeyword("ROLLUP") || _p.Peek().IsKeyword("CUBE")))
        {
            _p.Advance();
            bool rollup = _p.Advance().IsKeyword("ROLLUP");
            sets = rollup ? Rollup(sets.Single()) : Cube(sets.Single());
            plain = false;
        }
        var all = sets.SelectMany(s => s).DistinctBy(e => e.ToString()).ToList();
        return (all, plain ? null : [.. sets.Select(s => (IReadOnlyList<Expression>)[.. s.DistinctBy(e => e.ToString())])]);
    }

    private List<Expression> ParseGroupingSet()
    {
        if (!_p.Match(TokenKind.LeftParen))
        {
            return [_p.ParseExpression()];
        }
        var set = _p.Check(TokenKind.RightParen) ? [] : _p.ParseCommaSeparated(p => p.ParseExpression());
        _p.Expect(TokenKind.RightParen);
        return set;
    }

    /// <summary>ROLLUP(a, b): (a, b), (a), ().</summary>
    private static List<List<Expression>> Rollup(List<Expression> columns) =>
        [.. Enumerable.Range(0, columns.Count + 1).Select(n => columns.Take(columns.Count - n).ToList())];

    /// <summary>CUBE(a, b): every subset, largest first - (a, b), (a), (b), ().</summary>
    private static List<List<Expression>> Cube(List<Expression> columns) =>
        [.. Enumerable.Range(0, 1 << columns.Count)
            .Select(mask => ((1 << columns.Count) - 1) & ~mask)
            .Select(keep => columns.Where((_, i) => (keep & (1 << (columns.Count - 1 - i))) != 0).ToList())];

    /// <summary><c>*</c>, <c>t.*</c>, or an expression with an optional alias.</summary>
    private Expression ParseSelectItem()
    {
        if (_p.Match(TokenKind.Star))
        {
            return new ColumnReference("*");
        }
        if ((_p.Check(TokenKind.Identifier) || _p.Check(TokenKind.QuotedIdentifier))
            && _p.Peek().Kind == TokenKind.Dot && _p.Peek(2).Kind == TokenKind.Star)
        {
            var qualifier = _p.Advance().Value;
            _p.Advance();
            _p.Advance();
            return new ColumnReference("*", qualifier);
        }
        return _p.ParseNamedExpression();
    }

    // ---- FROM ---------------------------------------------------------------------------------------

    private RelationSyntax ParseFrom()
    {
        var left = ParseJoinedRelation();
        while (_p.Check(TokenKind.Comma))
        {
            var position = Here;
            _p.Advance();
            left = new JoinRelation(position, left, ParseJoinedRelation(), JoinType.Cross, null, null, false);
        }
        return left;
    }

    private RelationSyntax ParseJoinedRelation()
    {
        var left = ParseRelationPrimary();
        while (true)
        {
            var position = Here;
            bool natural = _p.MatchKeyword("NATURAL");
            JoinType? type = ParseJoinType();
            if (type is null)
            {
                if (natural)
                {
                    throw _p.SyntaxError(Current);
                }
                return left;
            }
            var right = ParseRelationPrimary();
            if (natural && (_p.CheckKeyword("ON") || _p.CheckKeyword("USING")))
            {
                throw _p.SyntaxError(Current, " (a NATURAL join takes neither ON nor USING)");
            }
            Expression? condition = null;
            List<string>? usingColumns = null;
            if (_p.MatchKeyword("ON"))
            {
                condition = _p.ParseExpression();
            }
            else if (_p.MatchKeyword("USING"))
            {
                usingColumns = ParseNameList();
            }
            left = new JoinRelation(position, left, right, type.Value, condition, usingColumns, natural);
        }
    }

    /// <summary>The join keywords up to and including JOIN, or null when the next tokens do not start a join.</summary>
    private JoinType? ParseJoinType()
    {
        if (_p.MatchKeyword("JOIN"))
        {
            return JoinType.Inner;
        }
        JoinType type;
        if (_p.MatchKeyword("INNER"))
        {
            type = JoinType.Inner;
        }
        else if (_p.MatchKeyword("CROSS"))
        {
            type = JoinType.Cross;
        }
        else if (_p.MatchKeyword("LEFT"))
        {
            type = _p.MatchKeyword("SEMI") ? JoinType.LeftSemi
                : _p.MatchKeyword("ANTI") ? JoinType.LeftAnti
                : JoinType.LeftOuter;
            if (type == JoinType.LeftOuter)
            {
                _p.MatchKeyword("OUTER");
            }
        }
        else if (_p.MatchKeyword("RIGHT"))
        {
            _p.MatchKeyword("OUTER");
            type = JoinType.RightOuter;
        }
        else if (_p.MatchKeyword("FULL"))
        {
            _p.MatchKeyword("OUTER");
            type = JoinType.FullOuter;
        }
        else if (_p.MatchKeyword("SEMI"))
        {
            type = JoinType.LeftSemi;
        }
        else if (_p.MatchKeyword("ANTI"))
        {
            type = JoinType.LeftAnti;
        }
        else
        {
            return null;
        }
        _p.ExpectKeyword("JOIN");
        return type;
    }

    private RelationSyntax ParseRelationPrimary()
    {
        var position = Here;
        if (_p.Match(TokenKind.LeftParen))
        {
            if (StartsQuery())
            {
                var query = ParseQuery();
                _p.Expect(TokenKind.RightParen);
                return new SubqueryRelation(position, query, ParseAlias());
            }
            var inner = ParseFrom();
            _p.Expect(TokenKind.RightParen);
            return inner;
        }
        return ParseNamedRelation(position, allowAlias: true);
    }

    /// <summary>A view name or <c>format.`path`</c>, with an optional alias.</summary>
    private RelationSyntax ParseNamedRelation(TextPosition position, bool allowAlias)
    {
        if (_p.Check(TokenKind.Identifier) && _p.Peek().Kind == TokenKind.Dot && _p.Peek(2).Kind == TokenKind.QuotedIdentifier
            && FileFormats.Contains(Current.Text))
        {
            var format = _p.Advance().Text.ToLowerInvariant();
            _p.Advance();
            var path = _p.Advance().Value;
            return new FileRelation(position, format, path, allowAlias ? ParseAlias() : null);
        }
        if (!_p.CheckName() && !(_p.Check(TokenKind.Identifier) && !ClauseWords.Contains(Current.Text)))
        {
            throw _p.SyntaxError(Current);
        }
        var name = ParseTableName();
        return new TableRelation(position, name, allowAlias ? ParseAlias() : null);
    }

    /// <summary>The file formats a FROM clause can query in place.</summary>
    internal static readonly HashSet<string> FileFormats = new(StringComparer.OrdinalIgnoreCase) { "csv", "json", "arrow", "parquet" };

    private string? ParseAlias()
    {
        if (_p.MatchKeyword("AS"))
        {
            return _p.ExpectName(allowReserved: true);
        }
        return _p.CheckName() && !ClauseWords.Contains(Current.Text) ? _p.Advance().Value : null;
    }
}
