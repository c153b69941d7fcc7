using Rdd.Sql.Types;

namespace Rdd.Sql.Parsing;

/// <summary>
/// Parses a schema written in Spark's DDL (<c>StructType.fromDDL</c>, what <c>spark.read.schema("…")</c> takes):
/// comma-separated columns <c>name type [NOT NULL] [COMMENT 'text']</c>, such as
/// <c>a INT, `b c` STRING NOT NULL COMMENT 'why', d DOUBLE</c>, or the same list as <c>struct&lt;a:int, b:string&gt;</c>
/// (where the colon is optional). Names are identifiers or back-quoted (<c>``</c> inside back quotes is one back
/// quote); types are the names <see cref="DataType.ParseSimpleString"/> knows, any case, plus <c>char(n)</c> and
/// <c>varchar(n)</c>, read as string as Spark does for file sources, <c>decimal</c> / <c>decimal(p)</c> /
/// <c>decimal(p,s)</c> (also <c>dec</c>, <c>numeric</c>), <c>array&lt;type&gt;</c> and <c>struct&lt;name:type, …&gt;</c>,
/// nested to any depth.
/// </summary>
/// <remarks>
/// Spark types this engine has no counterpart for (<c>map&lt;…&gt;</c>, intervals) are refused with Spark's
/// <c>UNSUPPORTED_DATATYPE</c>. A <c>COMMENT</c> is accepted and dropped: <see cref="StructField"/> carries no metadata.
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
            fields.AddRange(ParseStructFields(parser, ddl));
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

    /// <summary>The type <paramref name="text"/> names (<c>decimal(10,2)</c>, <c>array&lt;struct&lt;a:int&gt;&gt;</c>, <c>int</c>).</summary>
    /// <exception cref="ParseException">Malformed text or an unsupported type, with line and column.</exception>
    public static DataType ParseDataType(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ExpressionParser(text, Lexer.Tokenize(text));
        var type = ParseType(parser, text);
        parser.ExpectEnd();
        return type;
    }

    /// <summary>The fields of <c>&lt;a:int, b:string&gt;</c> after <c>struct</c>.</summary>
    private static List<StructField> ParseStructFields(ExpressionParser parser, string ddl)
    {
        var fields = new List<StructField>();
        // "struct<>" lexes as one "<>" token: no fields.
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
        return fields;
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

    /// <summary>A type at the parser's position: also what <c>CAST(x AS type)</c>, <c>x::type</c> and <c>Column.Cast</c> read.</summary>
    internal static DataType ParseType(ExpressionParser parser, string ddl)
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
        if (!complex && lower is "decimal" or "dec" or "numeric" && arguments.Count <= 2)
        {
            int precision = arguments.Count > 0 ? int.Parse(arguments[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
            int scale = arguments.Count > 1 ? int.Parse(arguments[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
            if (precision is < 1 or > DecimalType.MaxPrecision || scale > precision)
            {
                throw ExpressionParser.CreateError(ddl, "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                    $"Decimal precision {precision} and scale {scale}: the precision must be 1 to {DecimalType.MaxPrecision} and the scale at most the precision",
                    token.Line, token.Column);
            }
            return new DecimalType(precision, scale);
        }
        if (complex && arguments.Count == 0 && lower == "array" && parser.Match(TokenKind.Less))
        {
            var element = ParseType(parser, ddl);
            parser.Expect(TokenKind.Greater);
            return new ArrayType(element);
        }
        if (complex && arguments.Count == 0 && lower == "struct")
        {
            return new StructType(ParseStructFields(parser, ddl));
        }
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
