using System.Text;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// A compiled SQL LIKE pattern matched against UTF-8 bytes without decoding: <c>%</c> is any sequence,
/// <c>_</c> one character (a code point), <c>\</c> escapes the next character. Greedy matching that
/// backtracks only to the last <c>%</c>, so the cost is linear for patterns with one <c>%</c>. Patterns without
/// <c>_</c> (TPC-H's <c>'%green%'</c>, <c>'PROMO%'</c>, <c>'%special%requests%'</c>: nearly all in practice) match
/// as literal pieces instead: a prefix, a suffix and the pieces between found left to right by the vectorized
/// <see cref="MemoryExtensions.IndexOf{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>. Byte search is exact for UTF-8: a
/// valid needle can only match a valid text at a character boundary.
/// </summary>
internal sealed class LikeMatcher
{
    private const byte Literal = 0;
    private const byte AnyOne = 1;
    private const byte AnySequence = 2;

    private readonly byte[] _kinds;
    private readonly byte[] _bytes;

    /// <summary>The literal pieces between <c>%</c>s (none empty), or null when the pattern has a <c>_</c>.</summary>
    private readonly byte[][]? _pieces;
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;
    private readonly bool _hasAnySequence;

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
        if (!kinds.Contains(AnyOne))
        {
            var pieces = new List<byte[]>();
            var piece = new List<byte>();
            for (int i = 0; i <= _kinds.Length; i++)
            {
                if (i == _kinds.Length || _kinds[i] == AnySequence)
                {
                    if (piece.Count > 0) pieces.Add([.. piece]);
                    piece.Clear();
                }
                else
                {
                    piece.Add(_bytes[i]);
                }
            }
            _pieces = [.. pieces];
            _hasAnySequence = kinds.Contains(AnySequence);
            _anchoredStart = _kinds.Length == 0 || _kinds[0] != AnySequence;
            _anchoredEnd = _kinds.Length == 0 || _kinds[^1] != AnySequence;
        }
    }

    public bool IsMatch(ReadOnlySpan<byte> text) => _pieces is { } pieces ? MatchPieces(text, pieces) : MatchGeneral(text);

    /// <summary>A pattern of literal pieces and <c>%</c>s: leftmost matching of each piece is exact (no backtracking needed).</summary>
    private bool MatchPieces(ReadOnlySpan<byte> text, byte[][] pieces)
    {
        if (!_hasAnySequence)
        {
            return pieces.Length == 0 ? text.IsEmpty : text.SequenceEqual(pieces[0]);
        }
        int first = 0, last = pieces.Length - 1;
        if (_anchoredStart && first <= last)
        {
            if (!text.StartsWith(pieces[first])) return false;
            text = text[pieces[first].Length..];
            first++;
        }
        if (_anchoredEnd && first <= last)
        {
            if (!text.EndsWith(pieces[last])) return false;
            text = text[..^pieces[last].Length];
            last--;
        }
        for (int i = first; i <= last; i++)
        {
            int at = text.IndexOf(pieces[i]);
            if (at < 0) return false;
            text = text[(at + pieces[i].Length)..];
        }
        return true;
    }

    /// <summary>Any pattern: greedy matching that backtracks to the last <c>%</c>.</summary>
    internal bool MatchGeneral(ReadOnlySpan<byte> text)
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
