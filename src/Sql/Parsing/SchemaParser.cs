using Rdd.Sql.Types;

namespace Rdd.Sql.Parsing;

/// <summary>
/// Parses a schema written in Spark's DDL (<c>StructType.fromDDL</c>, what <c>spark.read.schema("…")</c> takes):
/// comma-separated columns <c>name type [NOT NULL] [COMMENT 'text']</c>, such as
/// <c>a INT, `b c` STRING NOT NULL COMMENT 'why', d DOUBLE</c>, or the same list as <c>struct&lt;a:int, b:string&gt;</c>
/// (where the colon is optional). Names are identifiers or back-quoted (<c>``</c> inside back quotes is one back
/// quote); types are the names <see cref="DataType.ParseSimpleString"/> knows, any case, plus <c>char(n)</c> and
/// <c>varchar(n)</c>, read as string as Spark does for file sources.
/// </summary>
/// <remarks>
/// Spark types this engine has no counterpart for (<c>decimal(p,s)</c>, <c>array&lt;…&gt;</c>, <c>map&lt;…&gt;</c>,
/// nested <c>struct&lt;…&gt;</c>, intervals) are refused with Spark's <c>UNSUPPORTED_DATATYPE</c>. A <c>COMMENT</c>
/// is accepted and dropped: <see cref="StructField"/> carries no metadata.
/// </remarks>
internal static class SchemaParser
{
    /// <summary>The schema <paramref name="ddl"/> describes.</summary>
    /// <exception cref="ParseException">Malformed text or an unsupported type, with line and column.</exception>
    public static StructType Parse(string ddl)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        var parser = new ExpressionParser(ddl, Lexer.Tokenize(ddl));
        var fields = new List<StructField>();
        if (parser.CheckKeyword("STRUCT") && parser.Peek().Kind is TokenKind.Less or TokenKind.NotEqual)
        {
            parser.Advance();
            // "struct<>" lexes as one "<>" token: an empty schema.
            if (!parser.Match(TokenKind.NotEqual))
            {
                parser.Expect(TokenKind.Less);
                do
                {
                    fields.Add(ParseField(parser, ddl, inStruct: true));
                }
                while (parser.Match(TokenKind.Comma));
                parser.Expect(TokenKind.Greater);
            }
        }
        else
        {
            do
            {
                fields.Add(ParseField(parser, ddl, inStruct: false));
            }
            while (parser.Match(TokenKind.Comma));
        }
        parser.ExpectEnd();
        return new StructType(fields);
    }

    private static StructField ParseField(ExpressionParser parser, string ddl, bool inStruct)
    {
        string name = parser.ExpectName(allowReserved: true);
        if (inStruct)
        {
            parser.Match(TokenKind.Colon);
        }
        var type = ParseType(parser, ddl);
        bool nullable = true;
        if (parser.MatchKeyword("NOT"))
        {
            parser.ExpectKeyword("NULL");
            nullable = false;
        }
        if (parser.MatchKeyword("COMMENT"))
        {
            parser.Expect(TokenKind.StringLiteral);
        }
        return new StructField(name, type, nullable);
    }

    private static DataType ParseType(ExpressionParser parser, string ddl)
    {
        var token = parser.Current;
        string name = parser.ExpectName(allowReserved: true);
        var arguments = new List<string>();
        if (parser.Match(TokenKind.LeftParen))
        {
            do
            {
                arguments.Add(parser.Expect(TokenKind.IntegerLiteral).Text);
            }
            while (parser.Match(TokenKind.Comma));
            parser.Expect(TokenKind.RightParen);
        }
        bool complex = parser.Check(TokenKind.Less) || parser.Check(TokenKind.NotEqual);
        string lower = name.ToLowerInvariant();
        if (!complex && arguments.Count == 1 && lower is "char" or "character" or "varchar")
        {
            return StringType.Instance;
        }
        if (!complex && arguments.Count == 0 && DataType.TryParseSimpleString(name, out var type))
        {
            return type;
        }
        string written = name.ToUpperInvariant() + (arguments.Count > 0 ? "(" + string.Join(",", arguments) + ")" : complex ? "<…>" : "");
        throw ExpressionParser.CreateError(ddl, "UNSUPPORTED_DATATYPE", $"Unsupported data type \"{written}\"", token.Line, token.Column);
    }
}
