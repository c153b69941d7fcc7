using System.Text;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// String functions over UTF-8 arrays. They work on bytes where UTF-8 allows (length, trim, substring, concat,
/// ASCII case mapping) and decode to <see cref="string"/> only for non-ASCII case mapping.
/// </summary>
internal static class StringKernels
{
    public static BooleanArray Like(StringArray input, LikeMatcher matcher)
    {
        var bits = Bitmaps.AllClear(input.Length);
        // Offsets and bytes read straight from the buffers: a null slot spans no bytes and its bit is masked by validity.
        var offsets = input.ValueOffsets;
        var values = input.Values;
        for (int i = 0; i < input.Length; i++)
        {
            int start = offsets[i];
            if (matcher.IsMatch(values[start..offsets[i + 1]]))
            {
                Bits.SetBit(bits, i);
            }
        }
        return KernelArrays.Boolean(bits, Bitmaps.Validity(input), input.Length);
    }

    public static StringArray Upper(StringArray input) => MapCase(input, upper: true);

    public static StringArray Lower(StringArray input) => MapCase(input, upper: false);

    private static StringArray MapCase(StringArray input, bool upper)
    {
        using var builder = new StringArrayBuilder(input.Length);
        Span<byte> scratch = stackalloc byte[256];
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            var bytes = input.GetBytes(i);
            if (bytes.Length <= scratch.Length && Ascii.IsValid(bytes))
            {
                var target = scratch[..bytes.Length];
                if (upper)
                {
                    Ascii.ToUpper(bytes, target, out _);
                }
                else
                {
                    Ascii.ToLower(bytes, target, out _);
                }
                builder.Append(target);
            }
            else
            {
                string text = Encoding.UTF8.GetString(bytes);
                builder.Append(upper ? text.ToUpperInvariant() : text.ToLowerInvariant());
            }
        }
        return builder.Build();
    }

    /// <summary>Characters (code points), as Spark's <c>length</c> counts them.</summary>
    public static ArrowArray Length(StringArray input)
    {
        var values = KernelArrays.AllocateValues<int>(input.Length);
        var destination = KernelArrays.AsSpan<int>(values);
        for (int i = 0; i < input.Length; i++)
        {
            destination[i] = CharCount(input.GetBytes(i));
        }
        return KernelArrays.Fixed(IntegerType.Instance, values, Bitmaps.Validity(input), input.Length);
    }

    private static int CharCount(ReadOnlySpan<byte> bytes)
    {
        int count = 0;
        foreach (byte b in bytes)
        {
            count += (b & 0xC0) != 0x80 ? 1 : 0;
        }
        return count;
    }

    /// <summary>Removes leading and trailing spaces (only U+0020, as Spark's <c>trim</c>).</summary>
    public static StringArray Trim(StringArray input)
    {
        using var builder = new StringArrayBuilder(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(input.GetBytes(i).Trim((byte)' '));
            }
        }
        return builder.Build();
    }

    /// <summary>Concatenation; NULL when any input is NULL.</summary>
    public static StringArray Concat(IReadOnlyList<StringArray> inputs, int length)
    {
        byte[]? validity = null;
        foreach (var input in inputs)
        {
            validity = Bitmaps.And(validity, Bitmaps.Validity(input));
        }
        using var builder = new StringArrayBuilder(length);
        var row = new List<byte>();
        for (int i = 0; i < length; i++)
        {
            if (validity is not null && !Bits.GetBit(validity, i))
            {
                builder.AppendNull();
                continue;
            }
            row.Clear();
            foreach (var input in inputs)
            {
                row.AddRange(input.GetBytes(i));
            }
            builder.Append(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(row));
        }
        return builder.Build();
    }

    /// <summary>
    /// Spark's <c>substring(str, pos, len)</c>: 1-based; position 0 acts as 1; a negative position counts from
    /// the end; a negative length gives an empty string; counts are in characters.
    /// </summary>
    public static StringArray Substring(StringArray input, int position, int length)
    {
        using var builder = new StringArrayBuilder(input.Length);
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            builder.Append(SubstringBytes(input.GetBytes(i), position, length));
        }
        return builder.Build();
    }

    /// <summary>Spark's <c>substring(s, pos, len)</c> with a position and a length per row; NULL where any of the three is.</summary>
    public static StringArray Substring(StringArray input, Int32Array positions, Int32Array lengths)
    {
        using var builder = new StringArrayBuilder(input.Length);
        var position = positions.Values;
        var length = lengths.Values;
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i) || positions.IsNull(i) || lengths.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            builder.Append(SubstringBytes(input.GetBytes(i), position[i], length[i]));
        }
        return builder.Build();
    }

    /// <summary>
    /// The bytes of characters [pos, pos + len) (1-based; a negative pos counts from the end, 0 is 1), as Spark's
    /// UTF8String.substringSQL: clipped to the string, empty when nothing is left.
    /// </summary>
    private static ReadOnlySpan<byte> SubstringBytes(ReadOnlySpan<byte> bytes, int position, int length)
    {
        int chars = CharCount(bytes);
        long start = position > 0 ? position - 1 : position < 0 ? chars + position : 0;
        long end = Math.Min(start + length, chars);
        start = Math.Max(start, 0);
        if (start >= end)
        {
            return [];
        }
        int from = ByteIndex(bytes, (int)start);
        int to = ByteIndex(bytes, (int)end);
        return bytes[from..to];
    }

    private static int ByteIndex(ReadOnlySpan<byte> bytes, int charIndex)
    {
        int index = 0;
        for (int c = 0; c < charIndex; c++)
        {
            index = LikeMatcher.NextChar(bytes, index);
        }
        return index;
    }
}
