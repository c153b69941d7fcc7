using System.Text;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// A compiled SQL LIKE pattern matched against UTF-8 bytes without decoding: <c>%</c> is any sequence,
/// <c>_</c> one character (a code point), <c>\</c> escapes the next character. Greedy matching that
/// backtracks only to the last <c>%</c>, so the cost is linear for patterns with one <c>%</c>.
/// </summary>
internal sealed class LikeMatcher
{
    private const byte Literal = 0;
    private const byte AnyOne = 1;
    private const byte AnySequence = 2;

    private readonly byte[] _kinds;
    private readonly byte[] _bytes;

    public LikeMatcher(string pattern, char escape = '\\')
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var kinds = new List<byte>();
        var bytes = new List<byte>();
        Span<byte> buffer = stackalloc byte[4];
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == escape && i + 1 < pattern.Length)
            {
                c = pattern[++i];
            }
            else if (c == '%')
            {
                kinds.Add(AnySequence);
                bytes.Add(0);
                continue;
            }
            else if (c == '_')
            {
                kinds.Add(AnyOne);
                bytes.Add(0);
                continue;
            }
            int count = char.IsHighSurrogate(c) && i + 1 < pattern.Length
                ? Encoding.UTF8.GetBytes(pattern.AsSpan(i++, 2), buffer)
                : Encoding.UTF8.GetBytes([c], buffer);
            for (int k = 0; k < count; k++)
            {
                kinds.Add(Literal);
                bytes.Add(buffer[k]);
            }
        }
        _kinds = [.. kinds];
        _bytes = [.. bytes];
    }

    public bool IsMatch(ReadOnlySpan<byte> text)
    {
        int n = _kinds.Length;
        int s = 0, p = 0, starP = -1, starS = 0;
        while (s < text.Length)
        {
            if (p < n && _kinds[p] == Literal && _bytes[p] == text[s])
            {
                s++;
                p++;
            }
            else if (p < n && _kinds[p] == AnyOne)
            {
                s = NextChar(text, s);
                p++;
            }
            else if (p < n && _kinds[p] == AnySequence)
            {
                starP = p++;
                starS = s;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                starS = NextChar(text, starS);
                s = starS;
            }
            else
            {
                return false;
            }
        }
        while (p < n && _kinds[p] == AnySequence)
        {
            p++;
        }
        return p == n;
    }

    /// <summary>The index after the code point starting at <paramref name="index"/> (skips continuation bytes).</summary>
    internal static int NextChar(ReadOnlySpan<byte> text, int index)
    {
        index++;
        while (index < text.Length && (text[index] & 0xC0) == 0x80)
        {
            index++;
        }
        return index;
    }
}
