using System.Text;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// Spark's datetime pattern letters (<c>yyyy-MM-dd HH:mm:ss.SSS</c>, <c>EEE</c>, <c>MMM</c>, <c>a</c>, quoted text)
/// translated to a .NET custom format string, so parsing and formatting run on
/// <see cref="DateTime.TryParseExact(ReadOnlySpan{char}, ReadOnlySpan{char}, IFormatProvider, System.Globalization.DateTimeStyles, out DateTime)"/>
/// and <see cref="DateTime.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider)"/> over spans.
/// Letters without a .NET counterpart are refused rather than guessed.
/// </summary>
internal static class DatePattern
{
    /// <summary>The .NET format for Spark <paramref name="pattern"/>.</summary>
    /// <exception cref="AnalysisException">A pattern letter this engine does not support, or an unclosed quote.</exception>
    public static string ToDotNet(string pattern)
    {
        var result = new StringBuilder();
        for (int i = 0; i < pattern.Length;)
        {
            char c = pattern[i];
            if (c == '\'')
            {
                // 'text' is literal; '' inside or outside a quote is one quote.
                int end = i + 1;
                if (end < pattern.Length && pattern[end] == '\'')
                {
                    result.Append("\\'");
                    i += 2;
                    continue;
                }
                while (true)
                {
                    if (end >= pattern.Length)
                    {
                        throw new AnalysisException($"[INVALID_DATETIME_PATTERN] Unclosed quote in the datetime pattern '{pattern}'.");
                    }
                    if (pattern[end] == '\'')
                    {
                        if (end + 1 < pattern.Length && pattern[end + 1] == '\'')
                        {
                            result.Append("\\'");
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    result.Append('\\').Append(pattern[end]);
                    end++;
                }
                i = end + 1;
                continue;
            }
            if (!char.IsAsciiLetter(c))
            {
                result.Append('\\').Append(c);
                i++;
                continue;
            }
            int run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c)
            {
                run++;
            }
            result.Append(c switch
            {
                'y' or 'u' => run == 2 ? "yy" : "yyyy",
                'M' or 'L' when run <= 4 => new string('M', run),
                'd' when run <= 2 => new string('d', run),
                'H' when run <= 2 => new string('H', run),
                'h' when run <= 2 => new string('h', run),
                'm' when run <= 2 => new string('m', run),
                's' when run <= 2 => new string('s', run),
                'S' when run <= 7 => new string('f', run),
                'a' when run == 1 => "tt",
                'E' => run <= 3 ? "ddd" : "dddd",
                _ => throw new AnalysisException(
                    $"[INVALID_DATETIME_PATTERN] The pattern letters '{new string(c, run)}' in '{pattern}' are not supported; supported: y M L d H h m s S a E and quoted text."),
            });
            i += run;
        }
        // One letter alone would be a .NET standard format ("d" is the short date); % forces the custom reading.
        return result.Length == 1 ? "%" + result : result.ToString();
    }
}
