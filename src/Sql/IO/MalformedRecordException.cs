namespace Rdd.Sql;

/// <summary>
/// A record of a CSV or JSON input that cannot be read, thrown in <c>FAILFAST</c> mode. The message and the
/// properties name the file, the line and, when one value is at fault, the column and the value.
/// </summary>
public sealed class MalformedRecordException : FormatException
{
    internal MalformedRecordException(string format, string path, long lineNumber, string problem, string? columnName = null, int columnPosition = 0, string? value = null)
        : base(BuildMessage(format, path, lineNumber, problem, columnName, columnPosition))
    {
        Path = path;
        LineNumber = lineNumber;
        ColumnName = columnName;
        ColumnPosition = columnPosition;
        Value = value;
    }

    /// <summary>The input file.</summary>
    public string Path { get; }

    /// <summary>The record's line in the file, counting from 1 (header, blank and comment lines included).</summary>
    public long LineNumber { get; }

    /// <summary>The column whose value is at fault, or null when the record as a whole is (bad syntax, wrong field count).</summary>
    public string? ColumnName { get; }

    /// <summary>The 1-based position of <see cref="ColumnName"/> in the schema; 0 when no column is at fault.</summary>
    public int ColumnPosition { get; }

    /// <summary>The offending value as text (shortened when long), or null.</summary>
    public string? Value { get; }

    /// <summary>A value as shown in a message: decoded, and cut after 200 characters.</summary>
    internal static string Shorten(ReadOnlySpan<byte> value)
    {
        const int MaxShown = 200;
        string text = System.Text.Encoding.UTF8.GetString(value.Length > MaxShown * 4 ? value[..(MaxShown * 4)] : value);
        return text.Length > MaxShown ? text[..MaxShown] + "..." : text;
    }

    private static string BuildMessage(string format, string path, long lineNumber, string problem, string? columnName, int columnPosition)
    {
        string where = columnName is null ? "" : $", column {columnPosition} '{columnName}'";
        return $"Malformed {format} record in {path} at line {lineNumber}{where}: {problem} "
            + "(mode FAILFAST; PERMISSIVE turns bad values into nulls, DROPMALFORMED drops such records).";
    }
}
