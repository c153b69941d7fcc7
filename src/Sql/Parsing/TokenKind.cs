namespace Rdd.Sql.Parsing;

/// <summary>The kinds of SQL tokens. Keywords are <see cref="Identifier"/> tokens, compared case-insensitively by the parser.</summary>
internal enum TokenKind
{
    /// <summary>A bare name or keyword (<c>age</c>, <c>SELECT</c>).</summary>
    Identifier,

    /// <summary>A back-quoted name (<c>`a b`</c>); never a keyword.</summary>
    QuotedIdentifier,

    /// <summary>Digits, optionally with a type suffix (<c>10</c>, <c>10L</c>, <c>10S</c>, <c>10Y</c>).</summary>
    IntegerLiteral,

    /// <summary>A number with a fraction or exponent, or a <c>D</c>/<c>F</c>/<c>BD</c> suffix (<c>1.5</c>, <c>1e3</c>, <c>2D</c>).</summary>
    DecimalLiteral,

    /// <summary>A single- or double-quoted string; <see cref="Token.Value"/> holds the unescaped text.</summary>
    StringLiteral,

    Plus,
    Minus,
    Star,
    Slash,
    Percent,

    /// <summary><c>=</c> or <c>==</c>.</summary>
    Equal,

    /// <summary><c>!=</c> or <c>&lt;&gt;</c>.</summary>
    NotEqual,

    /// <summary><c>&lt;=&gt;</c> (null-safe equality).</summary>
    NullSafeEqual,

    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary><c>!</c> (NOT).</summary>
    Bang,

    LeftParen,
    RightParen,
    Comma,
    Dot,
    Semicolon,

    /// <summary><c>[</c> and <c>]</c> (an array subscript, <c>arr[0]</c>).</summary>
    LeftBracket,
    RightBracket,

    /// <summary><c>:</c> (between a field's name and type in <c>struct&lt;a:int&gt;</c>).</summary>
    Colon,

    /// <summary><c>::</c> (Spark's cast shorthand, <c>x::int</c>).</summary>
    DoubleColon,

    /// <summary>The end of the text (always the last token).</summary>
    EndOfInput,
}
