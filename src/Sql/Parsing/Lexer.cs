using System.Text;

namespace Rdd.Sql.Parsing;

/// <summary>
/// Splits SQL text into <see cref="Token"/>s, tracking the 1-based line and column of each. Skips whitespace,
/// <c>-- line</c> comments and (nestable) <c>/* block */</c> comments. Strings are single- or double-quoted with
/// <c>''</c> and backslash escapes (as Spark: <c>\n \t \r \b \0 \Z</c>; <c>\%</c> and <c>\_</c> keep the backslash
/// for LIKE; any other escaped character stands for itself).
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private Lexer(string text) => _text = text;

    /// <summary>The tokens of <paramref name="text"/>, ending with <see cref="TokenKind.EndOfInput"/>.</summary>
    /// <exception cref="ParseException">An unterminated string, identifier or comment, or an unexpected character.</exception>
    public static List<Token> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Lexer(text).Run();
    }

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    private char PeekAt(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _lineStart = _pos + 1;
        }
        _pos++;
    }

    private List<Token> Run()
    {
        var tokens = new List<Token>();
        while (true)
        {
            SkipTrivia();
            int start = _pos, line = _line, column = _pos - _lineStart + 1;
            if (_pos >= _text.Length)
            {
                tokens.Add(new Token(TokenKind.EndOfInput, "", "", start, line, column));
                return tokens;
            }
            char c = Current;
            (TokenKind kind, string value) = c switch
            {
                '\'' or '"' => (TokenKind.StringLiteral, ReadString(c, line, column)),
                '`' => (TokenKind.QuotedIdentifier, ReadQuotedIdentifier(line, column)),
                _ when char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(PeekAt(1)) && !FollowsName(tokens)) => ReadNumber(),
                _ when IsIdentifierStart(c) => (TokenKind.Identifier, ReadIdentifier()),
                _ => ReadOperator(line, column),
            };
            var tokenText = _text[start.._pos];
            tokens.Add(new Token(kind, tokenText, kind is TokenKind.Identifier ? tokenText : value, start, line, column));
        }
    }

    private static bool FollowsName(List<Token> tokens) =>
        tokens.Count > 0 && tokens[^1].Kind is TokenKind.Identifier or TokenKind.QuotedIdentifier or TokenKind.RightParen or TokenKind.RightBracket;

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            char c = Current;
            if (char.IsWhiteSpace(c))
            {
                Advance();
            }
            else if (c == '-' && PeekAt(1) == '-')
            {
                while (_pos < _text.Length && Current != '\n')
                {
                    Advance();
                }
            }
            else if (c == '/' && PeekAt(1) == '*')
            {
                int line = _line, column = _pos - _lineStart + 1, depth = 0;
                do
                {
                    if (_pos >= _text.Length)
                    {
                        throw Error("Found an unclosed bracketed comment. Please, append */ at the end of the comment", line, column, "UNCLOSED_BRACKETED_COMMENT");
                    }
                    if (Current == '/' && PeekAt(1) == '*')
                    {
                        depth++;
                        Advance();
                    }
                    else if (Current == '*' && PeekAt(1) == '/')
                    {
                        depth--;
                        Advance();
                    }
                    Advance();
                }
                while (depth > 0);
            }
            else
            {
                return;
            }
        }
    }

    private string ReadIdentifier()
    {
        int start = _pos;
        while (_pos < _text.Length && IsIdentifierPart(Current))
        {
            Advance();
        }
        return _text[start.._pos];
    }

    private string ReadQuotedIdentifier(int line, int column)
    {
        var sb = new StringBuilder();
        Advance();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("Unclosed back-quoted identifier", line, column);
            }
            char c = Current;
            Advance();
            if (c == '`')
            {
                if (Current != '`')
                {
                    return sb.ToString();
                }
                Advance();
            }
            sb.Append(c);
        }
    }

    private string ReadString(char quote, int line, int column)
    {
        var sb = new StringBuilder();
        Advance();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("Unclosed string literal", line, column);
            }
            char c = Current;
            Advance();
            if (c == quote)
            {
                if (Current != quote)
                {
                    return sb.ToString();
                }
                Advance();
                sb.Append(quote);
            }
            else if (c == '\\' && _pos < _text.Length)
            {
                char e = Current;
                Advance();
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'b': sb.Append('\b'); break;
                    case '0': sb.Append('\0'); break;
                    case 'Z': sb.Append('\u001A'); break;
                    case '%' or '_': sb.Append('\\').Append(e); break;
                    default: sb.Append(e); break;
                }
            }
            else
            {
                sb.Append(c);
            }
        }
    }

    private (TokenKind, string) ReadNumber()
    {
        int start = _pos;
        bool isDecimal = false;
        while (char.IsAsciiDigit(Current))
        {
            Advance();
        }
        if (Current == '.')
        {
            isDecimal = true;
            Advance();
            while (char.IsAsciiDigit(Current))
            {
                Advance();
            }
        }
        if (Current is 'e' or 'E'
            && (char.IsAsciiDigit(PeekAt(1)) || (PeekAt(1) is '+' or '-' && char.IsAsciiDigit(PeekAt(2)))))
        {
            isDecimal = true;
            Advance();
            if (Current is '+' or '-')
            {
                Advance();
            }
            while (char.IsAsciiDigit(Current))
            {
                Advance();
            }
        }
        var digits = _text[start.._pos];
        // Type suffixes: L (bigint), S (smallint), Y (tinyint) on integers; D, F, BD on any number.
        int suffixLength = char.ToUpperInvariant(Current) switch
        {
            'B' when char.ToUpperInvariant(PeekAt(1)) == 'D' && !IsIdentifierPart(PeekAt(2)) => 2,
            'D' or 'F' when !IsIdentifierPart(PeekAt(1)) => 1,
            'L' or 'S' or 'Y' when !isDecimal && !IsIdentifierPart(PeekAt(1)) => 1,
            _ => 0,
        };
        for (int i = 0; i < suffixLength; i++)
        {
            Advance();
        }
        bool decimalSuffix = suffixLength > 0 && char.ToUpperInvariant(_text[start + digits.Length]) is 'B' or 'D' or 'F';
        return (isDecimal || decimalSuffix ? TokenKind.DecimalLiteral : TokenKind.IntegerLiteral, digits);
    }

    private (TokenKind, string) ReadOperator(int line, int column)
    {
        char c = Current, next = PeekAt(1);
        (TokenKind kind, int length) = c switch
        {
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            '(' => (TokenKind.LeftParen, 1),
            ')' => (TokenKind.RightParen, 1),
            ',' => (TokenKind.Comma, 1),
            '.' => (TokenKind.Dot, 1),
            ';' => (TokenKind.Semicolon, 1),
            '[' => (TokenKind.LeftBracket, 1),
            ']' => (TokenKind.RightBracket, 1),
            ':' => next == ':' ? (TokenKind.DoubleColon, 2) : (TokenKind.Colon, 1),
            '=' => next == '=' ? (TokenKind.Equal, 2) : (TokenKind.Equal, 1),
            '!' => next == '=' ? (TokenKind.NotEqual, 2) : (TokenKind.Bang, 1),
            '<' when next == '=' && PeekAt(2) == '>' => (TokenKind.NullSafeEqual, 3),
            '<' => next switch
            {
                '=' => (TokenKind.LessOrEqual, 2),
                '>' => (TokenKind.NotEqual, 2),
                _ => (TokenKind.Less, 1),
            },
            '>' => next == '=' ? (TokenKind.GreaterOrEqual, 2) : (TokenKind.Greater, 1),
            _ => throw Error($"Syntax error at or near '{c}'", line, column, "PARSE_SYNTAX_ERROR"),
        };
        for (int i = 0; i < length; i++)
        {
            Advance();
        }
        return (kind, "");
    }

    private ParseException Error(string message, int line, int column, string errorClass = "PARSE_SYNTAX_ERROR") =>
        ExpressionParser.CreateError(_text, errorClass, message, line, column);
}
