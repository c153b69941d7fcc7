using System.Text.Json;

namespace Rdd.Sql.IO.Json;

/// <summary>Helpers the JSON lines reader and schema inference share.</summary>
internal static class JsonLines
{
    /// <summary>One object per line: no comments, no trailing commas, nesting within reason.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 256,
    };

    /// <summary>Lines of spaces and tabs only count as blank, as they do for Spark.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;

    /// <summary>
    /// The current property name or string value, unescaped into <paramref name="scratch"/> only when it
    /// contains escapes.
    /// </summary>
    public static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader, ref byte[] scratch)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }
        if (scratch.Length < reader.ValueSpan.Length)
        {
            scratch = new byte[Math.Max(reader.ValueSpan.Length, scratch.Length * 2)];
        }
        int length = reader.CopyString(scratch);
        return scratch.AsSpan(0, length);
    }

    /// <summary>Whether a JSON number token is an integer literal (no fraction, no exponent).</summary>
    public static bool IsIntegerLiteral(ReadOnlySpan<byte> number) => number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;
}
