using System.Text;

namespace Rdd.Sql.IO.Formats;

/// <summary>
/// Translates a Spark (java.time <c>DateTimeFormatter</c>) pattern such as <c>dd/MM/yyyy HH:mm[:ss]</c> into
/// .NET custom format strings. Optional sections (<c>[...]</c>) have no .NET equivalent, so a pattern expands
/// into one format per combination of present and absent sections: all of them are tried when parsing, the
/// first (every section present) is used when formatting, as Java prints optional sections.
/// </summary>
/// <remarks>
/// Supported letters: y/u (year), M/L (month), d, H, h, m, s, S (fraction, up to 7 digits), a (AM/PM),
/// E (day name) and the offset letters X, x, Z (read as <c>Z</c> or <c>±hh:mm</c>). Others throw, naming the letter.
/// </remarks>
internal static class DateTimePattern
{
    /// <summary>The .NET formats for <paramref name="pattern"/>, the all-sections-present one first.</summary>
    /// <exception cref="FormatException">The pattern uses an unsupported letter or has unbalanced quotes or brackets.</exception>
    public static string[] ToDotNetFormats(string pattern)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        int position = 0;
        var alternatives = Expand(pattern, ref position, nested: false);
        return [.. alternatives.Where(f => f.Length > 0).Distinct().Select(f => f.Length == 1 ? "%" + f : f)];
    }

    /// <summary>Every expansion of the sequence starting at <paramref name="position"/>, up to <c>]</c> or the end.</summary>
    private static List<string> Expand(string pattern, ref int position, bool nested)
    {
        List<string> results = [""];
        while (position < pattern.Length)
        {
            char c = pattern[position];
            if (c == ']')
            {
                if (!nested)
                {
                    throw new FormatException($"Unbalanced ']' in date-time pattern '{pattern}'.");
                }
                position++;
                return results;
            }
            if (c == '[')
            {
                position++;
                var optional = Expand(pattern, ref position, nested: true);
                results = [.. results.SelectMany(r => optional.Select(o => r + o)), .. results];
                continue;
            }
            string piece = ReadPiece(pattern, ref position);
            for (int i = 0; i < results.Count; i++)
            {
                results[i] += piece;
            }
        }
        if (nested)
        {
            throw new FormatException($"Unbalanced '[' in date-time pattern '{pattern}'.");
        }
        return results;
    }

    private static string ReadPiece(string pattern, ref int position)
    {
        char c = pattern[position];
        if (c == '\'')
        {
            var literal = new StringBuilder();
            position++;
            if (position < pattern.Length && pattern[position] == '\'')
            {
                position++;
                return "\\'";
            }
            while (true)
            {
                if (position >= pattern.Length)
                {
                    throw new FormatException($"Unterminated quote in date-time pattern '{pattern}'.");
                }
                char q = pattern[position++];
                if (q == '\'')
                {
                    if (position < pattern.Length && pattern[position] == '\'')
                    {
                        literal.Append("\\'");
                        position++;
                        continue;
                    }
                    return literal.ToString();
                }
                literal.Append('\\').Append(q);
            }
        }
        if (!char.IsAsciiLetter(c))
        {
            position++;
            return "\\" + c;
        }
        int count = 1;
        while (position + count < pattern.Length && pattern[position + count] == c)
        {
            count++;
        }
        position += count;
        return c switch
        {
            'y' or 'u' => count == 2 ? "yy" : "yyyy",
            'M' or 'L' => count switch { 1 => "M", 2 => "MM", 3 => "MMM", _ => "MMMM" },
            'd' when count <= 2 => new string('d', count),
            'H' when count <= 2 => new string('H', count),
            'h' when count <= 2 => new string('h', count),
            'm' when count <= 2 => new string('m', count),
            's' when count <= 2 => new string('s', count),
            'S' => new string('f', Math.Min(count, 7)),
            'a' => "tt",
            'E' => count <= 3 ? "ddd" : "dddd",
            'X' or 'x' or 'Z' => "K",
            _ => throw new FormatException($"The date-time pattern letter '{new string(c, count)}' in '{pattern}' is not supported."),
        };
    }
}
