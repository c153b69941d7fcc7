using System.Text.RegularExpressions;
using Rdd.Sql.Parsing.Ast;

namespace Rdd.Sql.Parsing;

/// <summary>
/// Spark's <c>SET</c> and <c>RESET</c> commands, read from the raw text as Spark's parser does (key and value are not
/// SQL tokens: <c>SET spark.sql.autoBroadcastJoinThreshold = 10MB</c>, the value being the rest of the statement,
/// trimmed); a key may be back-quoted.
/// </summary>
internal static partial class SetStatementParser
{
    /// <summary>The command <paramref name="text"/> holds, or null when it is not a SET or RESET command.</summary>
    /// <exception cref="ParseException">A SET with an empty key or a RESET without a key.</exception>
    public static SetStatement? TryParse(string text)
    {
        var match = Command().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var position = new TextPosition(1, match.Groups["verb"].Index + 1);
        bool reset = match.Groups["verb"].Value.Equals("RESET", StringComparison.OrdinalIgnoreCase);
        string rest = match.Groups["rest"].Value.Trim();
        if (rest.Length == 0)
        {
            return reset ? throw new ParseException("RESET needs the key of the setting to reset: RESET key.", 1, position.Column) : new SetStatement(position, null, null);
        }
        int equals = rest.IndexOf('=', StringComparison.Ordinal);
        string key = Unquote((equals < 0 ? rest : rest[..equals]).Trim());
        string? value = equals < 0 ? null : rest[(equals + 1)..].Trim();
        if (key.Length == 0 || reset && value is not null)
        {
            throw new ParseException(reset ? "RESET takes a key only: RESET key." : "SET needs a key before '=': SET key = value.", 1, position.Column);
        }
        return new SetStatement(position, key, value, reset);
    }

    private static string Unquote(string key) => key.Length >= 2 && key[0] == '`' && key[^1] == '`' ? key[1..^1] : key;

    [GeneratedRegex(@"^\s*(?<verb>SET|RESET)(?:\s+(?<rest>.*?))?\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Command();
}
