using System.Globalization;

namespace Rdd.Sql.IO;

/// <summary>
/// Reads Spark-style string options (<c>Option("header", "true")</c>) for the data source option records. Keys
/// are case-insensitive, as in Spark; keys a source does not know are ignored, as in Spark; a known key with a
/// value that does not parse throws an <see cref="ArgumentException"/> naming the key and the value.
/// </summary>
internal readonly struct DataSourceOptions(IReadOnlyDictionary<string, string>? options)
{
    public string? Get(string key)
    {
        if (options is null)
        {
            return null;
        }
        if (options.TryGetValue(key, out string? exact))
        {
            return exact;
        }
        foreach (var (name, value) in options)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }

    public string? Get(string key, string alternativeKey) => Get(key) ?? Get(alternativeKey);

    public bool GetBool(string key, bool defaultValue)
    {
        string? text = Get(key);
        if (text is null)
        {
            return defaultValue;
        }
        return bool.TryParse(text.Trim(), out bool value) ? value : throw Invalid(key, text, "true or false");
    }

    public double GetDouble(string key, double defaultValue)
    {
        string? text = Get(key);
        if (text is null)
        {
            return defaultValue;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : throw Invalid(key, text, "a number");
    }

    public ParseMode GetMode(ParseMode defaultValue = ParseMode.Permissive)
    {
        string? text = Get("mode");
        return text?.Trim().ToUpperInvariant() switch
        {
            null => defaultValue,
            "PERMISSIVE" => ParseMode.Permissive,
            "DROPMALFORMED" => ParseMode.DropMalformed,
            "FAILFAST" => ParseMode.FailFast,
            _ => throw Invalid("mode", text, "PERMISSIVE, DROPMALFORMED or FAILFAST"),
        };
    }

    /// <summary>
    /// A single-character option as Spark reads it: one character, or an escape such as <c>\t</c> or
    /// <c>\u0001</c>; the empty string means "none" (<c>'\0'</c>) when <paramref name="allowEmpty"/>.
    /// </summary>
    public char GetChar(string key, char defaultValue, bool allowEmpty, string? alternativeKey = null)
    {
        string? text = alternativeKey is null ? Get(key) : Get(key, alternativeKey);
        return text switch
        {
            null => defaultValue,
            "" when allowEmpty => '\0',
            { Length: 1 } => text[0],
            "\\t" => '\t',
            "\\n" => '\n',
            "\\r" => '\r',
            "\\\\" => '\\',
            "\\\"" => '"',
            "\\'" => '\'',
            "\\0" => '\0',
            _ when text.Length == 6 && text.StartsWith("\\u", StringComparison.Ordinal)
                && ushort.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ushort code) => (char)code,
            _ => throw Invalid(key, text, "a single character"),
        };
    }

    /// <summary>Only UTF-8 input is read; other encodings are refused rather than misread.</summary>
    public void RequireUtf8()
    {
        string? encoding = Get("encoding", "charset");
        if (encoding is not null && !string.Equals(encoding.Replace("-", "", StringComparison.Ordinal), "utf8", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"Only UTF-8 input is supported, not encoding '{encoding}'.");
        }
    }

    private static ArgumentException Invalid(string key, string value, string expected) =>
        new($"Option '{key}' must be {expected}, not '{value}'.", nameof(options));
}
