using System.Text;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// Spark's string functions with literal parameters, over UTF-8 bytes: positions and lengths count characters
/// (code points) as Spark's <c>UTF8String</c> does; each result is written through one reused scratch buffer into
/// the output builder, so no string is made per value.
/// </summary>
internal static class TextKernels
{
    /// <summary><c>concat_ws(sep, …)</c>: the non-NULL inputs joined by <paramref name="separator"/>; never NULL.</summary>
    public static StringArray ConcatWs(byte[] separator, IReadOnlyList<StringArray> inputs, int length)
    {
        using var builder = new StringArrayBuilder(length);
        var row = new Scratch();
        for (int i = 0; i < length; i++)
        {
            row.Clear();
            bool first = true;
            foreach (var input in inputs)
            {
                if (input.IsNull(i))
                {
                    continue;
                }
                if (!first)
                {
                    row.Add(separator);
                }
                row.Add(input.GetBytes(i));
                first = false;
            }
            builder.Append(row.Span);
        }
        return builder.Build();
    }

    /// <summary>
    /// <c>locate(sub, str, start)</c> (and <c>instr(str, sub)</c> with start 1): the 1-based character position of
    /// the first <paramref name="needle"/> at or after character <paramref name="start"/>; 0 when absent or start &lt; 1.
    /// </summary>
    public static ArrowArray Locate(StringArray input, byte[] needle, int start)
    {
        var values = KernelArrays.AllocateValues<int>(input.Length);
        var destination = KernelArrays.AsSpan<int>(values);
        for (int i = 0; i < input.Length; i++)
        {
            if (start < 1 || input.IsNull(i))
            {
                continue;
            }
            var bytes = input.GetBytes(i);
            int from = ByteIndex(bytes, start - 1);
            if (from < 0)
            {
                continue;
            }
            int found = bytes[from..].IndexOf(needle);
            destination[i] = found < 0 ? 0 : CharCount(bytes[..(from + found)]) + 1;
        }
        return KernelArrays.Fixed(IntegerType.Instance, values, Bitmaps.Validity(input), input.Length);
    }

    /// <summary>
    /// <c>lpad</c>/<c>rpad(str, len, pad)</c>: padded with repeats of <paramref name="pad"/> to <paramref name="length"/>
    /// characters, or cut to its first <paramref name="length"/> characters when longer (or when the pad is empty).
    /// </summary>
    public static StringArray Pad(StringArray input, int length, byte[] pad, bool left)
    {
        using var builder = new StringArrayBuilder(input.Length);
        var row = new Scratch();
        int padChars = CharCount(pad);
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            var bytes = input.GetBytes(i);
            int spaces = length - CharCount(bytes);
            if (spaces <= 0 || padChars == 0)
            {
                int end = length <= 0 ? 0 : ByteIndex(bytes, length);
                builder.Append(end < 0 ? bytes : bytes[..end]);
                continue;
            }
            row.Clear();
            if (!left)
            {
                row.Add(bytes);
            }
            for (int full = spaces / padChars; full > 0; full--)
            {
                row.Add(pad);
            }
            row.Add(pad.AsSpan(0, ByteIndex(pad, spaces % padChars)));
            if (left)
            {
                row.Add(bytes);
            }
            builder.Append(row.Span);
        }
        return builder.Build();
    }

    /// <summary><c>repeat(str, n)</c>: empty for n &lt;= 0.</summary>
    public static StringArray Repeat(StringArray input, int times)
    {
        using var builder = new StringArrayBuilder(input.Length);
        var row = new Scratch();
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            row.Clear();
            for (int n = 0; n < times; n++)
            {
                row.Add(input.GetBytes(i));
            }
            builder.Append(row.Span);
        }
        return builder.Build();
    }

    /// <summary><c>reverse(str)</c>: the characters (code points) in reverse order.</summary>
    public static StringArray Reverse(StringArray input)
    {
        using var builder = new StringArrayBuilder(input.Length);
        var row = new Scratch();
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            var bytes = input.GetBytes(i);
            row.Clear();
            row.Grow(bytes.Length);
            var target = row.Writable(bytes.Length);
            for (int from = 0; from < bytes.Length;)
            {
                int next = LikeMatcher.NextChar(bytes, from);
                bytes[from..next].CopyTo(target[(bytes.Length - next)..]);
                from = next;
            }
            builder.Append(target);
        }
        return builder.Build();
    }

    /// <summary>
    /// <c>initcap(str)</c>: Spark lower-cases the string, then upper-cases the first letter and every letter after a
    /// space. ASCII is mapped in place; other text goes through invariant case mapping of a stack buffer.
    /// </summary>
    public static StringArray InitCap(StringArray input)
    {
        using var builder = new StringArrayBuilder(input.Length);
        var row = new Scratch();
        char[] chars = new char[256];
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            var bytes = input.GetBytes(i);
            if (System.Text.Ascii.IsValid(bytes))
            {
                row.Clear();
                var target = row.Writable(bytes.Length);
                System.Text.Ascii.ToLower(bytes, target, out _);
                for (int c = 0; c < target.Length; c++)
                {
                    if ((c == 0 || target[c - 1] == (byte)' ') && target[c] is >= (byte)'a' and <= (byte)'z')
                    {
                        target[c] = (byte)(target[c] - 32);
                    }
                }
                builder.Append(target);
                continue;
            }
            // Lower-case into the second half of one reused buffer, then capitalize in place.
            int needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
            if (chars.Length < 2 * needed)
            {
                chars = new char[2 * needed];
            }
            int length = Encoding.UTF8.GetChars(bytes, chars);
            var lowered = chars.AsSpan(needed, length);
            chars.AsSpan(0, length).ToLowerInvariant(lowered);
            for (int c = 0; c < lowered.Length; c++)
            {
                if (c == 0 || lowered[c - 1] == ' ')
                {
                    lowered[c] = char.ToUpperInvariant(lowered[c]);
                }
            }
            builder.Append(lowered);
        }
        return builder.Build();
    }

    /// <summary>
    /// <c>translate(str, from, to)</c>: each character of <c>from</c> becomes the character at the same index of
    /// <c>to</c>, or is removed when <c>to</c> is shorter; the first occurrence in <c>from</c> wins (Spark's rule).
    /// </summary>
    public static StringArray Translate(StringArray input, string from, string to)
    {
        var map = new Dictionary<int, int>();
        var toRunes = to.EnumerateRunes().Select(r => r.Value).ToArray();
        int index = 0;
        foreach (var rune in from.EnumerateRunes())
        {
            map.TryAdd(rune.Value, index < toRunes.Length ? toRunes[index] : -1);
            index++;
        }
        using var builder = new StringArrayBuilder(input.Length);
        var row = new Scratch();
        Span<byte> encoded = stackalloc byte[4];
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            row.Clear();
            var bytes = input.GetBytes(i);
            while (!bytes.IsEmpty)
            {
                Rune.DecodeFromUtf8(bytes, out var rune, out int consumed);
                if (!map.TryGetValue(rune.Value, out int replacement))
                {
                    row.Add(bytes[..consumed]);
                }
                else if (replacement >= 0)
                {
                    row.Add(encoded[..new Rune(replacement).EncodeToUtf8(encoded)]);
                }
                bytes = bytes[consumed..];
            }
            builder.Append(row.Span);
        }
        return builder.Build();
    }

    /// <summary><c>ascii(str)</c>: the code point of the first character; 0 for an empty string.</summary>
    public static ArrowArray FirstCodePoint(StringArray input)
    {
        var values = KernelArrays.AllocateValues<int>(input.Length);
        var destination = KernelArrays.AsSpan<int>(values);
        for (int i = 0; i < input.Length; i++)
        {
            var bytes = input.GetBytes(i);
            if (!bytes.IsEmpty)
            {
                Rune.DecodeFromUtf8(bytes, out var rune, out _);
                destination[i] = rune.Value;
            }
        }
        return KernelArrays.Fixed(IntegerType.Instance, values, Bitmaps.Validity(input), input.Length);
    }

    /// <summary>
    /// <c>substring_index(str, delim, count)</c>: the text before the count-th delimiter (after the count-th from
    /// the end when negative); the whole string when there are fewer; empty for count 0 or an empty delimiter.
    /// Searches restart one byte after a match, as Spark's <c>UTF8String.subStringIndex</c>.
    /// </summary>
    public static StringArray SubstringIndex(StringArray input, byte[] delimiter, int count)
    {
        using var builder = new StringArrayBuilder(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            var bytes = input.GetBytes(i);
            builder.Append(delimiter.Length == 0 || count == 0 ? [] : count > 0 ? Before(bytes, delimiter, count) : After(bytes, delimiter, -count));
        }
        return builder.Build();
    }

    private static ReadOnlySpan<byte> Before(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> delimiter, int count)
    {
        int index = -1;
        for (; count > 0; count--)
        {
            int found = bytes[(index + 1)..].IndexOf(delimiter);
            if (found < 0)
            {
                return bytes;
            }
            index += 1 + found;
        }
        return bytes[..index];
    }

    private static ReadOnlySpan<byte> After(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> delimiter, int count)
    {
        int end = bytes.Length;
        int index = end;
        for (; count > 0; count--)
        {
            index = bytes[..end].LastIndexOf(delimiter);
            if (index < 0)
            {
                return bytes;
            }
            // The next match may start one byte before this one and overlap it.
            end = index + delimiter.Length - 1;
        }
        return bytes[(index + delimiter.Length)..];
    }

    /// <summary><c>replace(str, search, replacement)</c>: every occurrence, left to right; an empty search changes nothing.</summary>
    public static StringArray Replace(StringArray input, byte[] search, byte[] replacement)
    {
        using var builder = new StringArrayBuilder(input.Length);
        var row = new Scratch();
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            var bytes = input.GetBytes(i);
            if (search.Length == 0)
            {
                builder.Append(bytes);
                continue;
            }
            row.Clear();
            int found;
            while ((found = bytes.IndexOf(search)) >= 0)
            {
                row.Add(bytes[..found]);
                row.Add(replacement);
                bytes = bytes[(found + search.Length)..];
            }
            row.Add(bytes);
            builder.Append(row.Span);
        }
        return builder.Build();
    }

    internal static int CharCount(ReadOnlySpan<byte> bytes)
    {
        int count = 0;
        foreach (byte b in bytes)
        {
            count += (b & 0xC0) != 0x80 ? 1 : 0;
        }
        return count;
    }

    /// <summary>The byte offset of character <paramref name="charIndex"/>; -1 when the text has fewer characters.</summary>
    private static int ByteIndex(ReadOnlySpan<byte> bytes, int charIndex)
    {
        int index = 0;
        for (int c = 0; c < charIndex; c++)
        {
            if (index >= bytes.Length)
            {
                return -1;
            }
            index = LikeMatcher.NextChar(bytes, index);
        }
        return index;
    }

    /// <summary>One growable byte buffer reused for every row of a batch.</summary>
    private struct Scratch()
    {
        private byte[] _buffer = new byte[256];
        private int _length;

        public readonly ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

        public void Clear() => _length = 0;

        public void Grow(int extra)
        {
            if (_length + extra > _buffer.Length)
            {
                System.Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
            }
        }

        public void Add(ReadOnlySpan<byte> bytes)
        {
            Grow(bytes.Length);
            bytes.CopyTo(_buffer.AsSpan(_length));
            _length += bytes.Length;
        }

        /// <summary>The next <paramref name="count"/> bytes, counted as written.</summary>
        public Span<byte> Writable(int count)
        {
            Grow(count);
            var span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }
    }
}
