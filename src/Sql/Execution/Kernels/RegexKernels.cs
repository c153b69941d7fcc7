using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// Regular-expression matching over UTF-8 arrays: each value is decoded into one pooled character buffer and
/// matched as a span (no string per value). The one exception is a match whose groups are needed (a replacement
/// naming <c>$n</c>, or <c>regexp_extract</c> of a group): .NET exposes groups only on a <see cref="Match"/> of a string.
/// </summary>
internal static class RegexKernels
{
    /// <summary>Whether <paramref name="regex"/> matches anywhere in each value (Java's <c>find</c>, as Spark's RLIKE); NULL stays NULL.</summary>
    public static BooleanArray IsMatch(StringArray input, Regex regex)
    {
        var bits = Bitmaps.AllClear(input.Length);
        char[] buffer = ArrayPool<char>.Shared.Rent(256);
        try
        {
            for (int i = 0; i < input.Length; i++)
            {
                if (input.IsNull(i))
                {
                    continue;
                }
                var bytes = input.GetBytes(i);
                int needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
                if (buffer.Length < needed)
                {
                    ArrayPool<char>.Shared.Return(buffer);
                    buffer = ArrayPool<char>.Shared.Rent(needed);
                }
                int length = Encoding.UTF8.GetChars(bytes, buffer);
                if (regex.IsMatch(buffer.AsSpan(0, length)))
                {
                    Bits.SetBit(bits, i);
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
        return KernelArrays.Boolean(bits, Bitmaps.Validity(input), input.Length);
    }

    /// <summary>
    /// <c>regexp_replace(str, regex, replacement)</c>: every match replaced. A replacement without <c>$</c> is copied
    /// literally between the matches' spans; one with group references uses <see cref="Regex.Replace(string, string)"/>
    /// (whose <c>$1</c> syntax is Java's).
    /// </summary>
    public static StringArray Replace(StringArray input, Regex regex, string replacement)
    {
        bool literal = !replacement.Contains('$', StringComparison.Ordinal);
        using var builder = new StringArrayBuilder(input.Length);
        var text = new CharBuffer();
        var output = new System.Text.StringBuilder();
        try
        {
            for (int i = 0; i < input.Length; i++)
            {
                if (input.IsNull(i))
                {
                    builder.AppendNull();
                    continue;
                }
                var chars = text.Decode(input.GetBytes(i));
                if (!literal)
                {
                    builder.Append(regex.Replace(chars.ToString(), replacement));
                    continue;
                }
                output.Clear();
                int last = 0;
                foreach (var match in regex.EnumerateMatches(chars))
                {
                    output.Append(chars[last..match.Index]).Append(replacement);
                    last = match.Index + match.Length;
                }
                if (last == 0 && output.Length == 0)
                {
                    builder.Append(input.GetBytes(i));
                    continue;
                }
                output.Append(chars[last..]);
                foreach (var chunk in output.GetChunks())
                {
                    text.Stage(chunk.Span);
                }
                builder.Append(text.Staged);
            }
        }
        finally
        {
            text.Dispose();
        }
        return builder.Build();
    }

    /// <summary>
    /// <c>regexp_extract(str, regex, group)</c>: the group of the first match; empty when nothing matches or the group
    /// did not take part (Spark's rule).
    /// </summary>
    public static StringArray Extract(StringArray input, Regex regex, int group)
    {
        using var builder = new StringArrayBuilder(input.Length);
        var text = new CharBuffer();
        try
        {
            for (int i = 0; i < input.Length; i++)
            {
                if (input.IsNull(i))
                {
                    builder.AppendNull();
                    continue;
                }
                var chars = text.Decode(input.GetBytes(i));
                if (group == 0)
                {
                    var matches = regex.EnumerateMatches(chars);
                    builder.Append(matches.MoveNext() ? chars.Slice(matches.Current.Index, matches.Current.Length) : []);
                    continue;
                }
                var match = regex.Match(chars.ToString());
                builder.Append(match.Success && match.Groups[group].Success ? match.Groups[group].ValueSpan : []);
            }
        }
        finally
        {
            text.Dispose();
        }
        return builder.Build();
    }

    /// <summary>
    /// <c>split(str, regex, limit)</c> as an array of strings, with Java's rules that Spark inherits: trailing empty
    /// strings are kept, a zero-width match at the start makes no leading empty string, a positive limit caps the
    /// number of pieces (the last holds the rest); an empty regex splits into characters.
    /// </summary>
    public static ListArray Split(StringArray input, Regex regex, bool emptyPattern, int limit)
    {
        var validity = Bitmaps.Validity(input);
        var offsets = KernelArrays.AllocateValues<int>(input.Length + 1);
        var offsetSpan = KernelArrays.AsSpan<int>(offsets);
        using var pieces = new StringArrayBuilder(input.Length);
        var text = new CharBuffer();
        try
        {
            for (int i = 0; i < input.Length; i++)
            {
                offsetSpan[i] = pieces.Length;
                if (input.IsNull(i))
                {
                    continue;
                }
                var chars = text.Decode(input.GetBytes(i));
                int start = 0;
                int count = 0;
                if (emptyPattern)
                {
                    for (int c = 0; c < chars.Length && (limit <= 0 || count < limit - 1); c += char.IsHighSurrogate(chars[c]) && c + 1 < chars.Length ? 2 : 1)
                    {
                        int width = char.IsHighSurrogate(chars[c]) && c + 1 < chars.Length ? 2 : 1;
                        if (c + width >= chars.Length)
                        {
                            break;
                        }
                        pieces.Append(chars.Slice(c, width));
                        start = c + width;
                        count++;
                    }
                }
                else
                {
                    foreach (var match in regex.EnumerateMatches(chars))
                    {
                        if (limit > 0 && count == limit - 1)
                        {
                            break;
                        }
                        if (match.Length == 0 && match.Index == 0)
                        {
                            continue;
                        }
                        pieces.Append(chars[start..match.Index]);
                        start = match.Index + match.Length;
                        count++;
                    }
                }
                pieces.Append(chars[start..]);
            }
        }
        finally
        {
            text.Dispose();
        }
        offsetSpan[input.Length] = pieces.Length;
        var values = pieces.Build();
        var type = (Apache.Arrow.Types.ListType)ArrowTypeMapping.ToArrowType(new Types.ArrayType(Types.StringType.Instance, containsNull: false));
        int nullCount = Bitmaps.NullCount(validity, input.Length);
        return new ListArray(new ArrayData(type, input.Length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity), new ArrowBuffer(offsets)], [values.Data]));
    }

    /// <summary>A pooled character buffer a row is decoded into, and a pooled byte buffer built text is encoded into.</summary>
    private struct CharBuffer() : IDisposable
    {
        private char[] _chars = ArrayPool<char>.Shared.Rent(256);
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(256);
        private int _staged;

        public readonly ReadOnlySpan<byte> Staged => _bytes.AsSpan(0, _staged);

        public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes)
        {
            _staged = 0;
            int needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
            if (_chars.Length < needed)
            {
                ArrayPool<char>.Shared.Return(_chars);
                _chars = ArrayPool<char>.Shared.Rent(needed);
            }
            return _chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, _chars));
        }

        /// <summary>Appends <paramref name="chars"/> as UTF-8 to <see cref="Staged"/>.</summary>
        public void Stage(ReadOnlySpan<char> chars)
        {
            int needed = _staged + Encoding.UTF8.GetMaxByteCount(chars.Length);
            if (_bytes.Length < needed)
            {
                var larger = ArrayPool<byte>.Shared.Rent(needed);
                _bytes.AsSpan(0, _staged).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = larger;
            }
            _staged += Encoding.UTF8.GetBytes(chars, _bytes.AsSpan(_staged));
        }

        public readonly void Dispose()
        {
            ArrayPool<char>.Shared.Return(_chars);
            ArrayPool<byte>.Shared.Return(_bytes);
        }
    }
}
