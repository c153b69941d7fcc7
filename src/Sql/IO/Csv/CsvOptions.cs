using Rdd.Sql.IO.Formats;

namespace Rdd.Sql.IO.Csv;

/// <summary>
/// Options of the CSV reader and writer, with Spark's names and defaults. A record is one line (Spark's
/// <c>multiLine=false</c> default): a quoted field cannot contain a line break, and a line that ends inside
/// quotes is a malformed record. Delimiter, quote, escape and comment characters must be ASCII.
/// </summary>
internal sealed record CsvOptions
{
    /// <summary>Spark's defaults (no header, no inference, comma, double quote, backslash escape, PERMISSIVE).</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>The first line of each file names the columns (reading) or is written with the names (writing).</summary>
    public bool Header { get; init; }

    /// <summary>Infer column types from the data; otherwise every column is a string.</summary>
    public bool InferSchema { get; init; }

    /// <summary>
    /// Spark's <c>enforceSchema</c> (default true): the schema (given or inferred) applies to every file by column
    /// position and headers are ignored. When false, with <see cref="Header"/>, each file's header must name the
    /// schema's columns in order (case-insensitively) or the read fails.
    /// </summary>
    public bool EnforceSchema { get; init; } = true;

    /// <summary>Field separator (<c>sep</c> or <c>delimiter</c>).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Quote character; <c>'\0'</c> turns quoting off.</summary>
    public char Quote { get; init; } = '"';

    /// <summary>
    /// Escapes a quote (and itself) inside a quoted field. Spark's default is a backslash; a doubled quote
    /// (RFC 4180) is always read as a quote too. Writing, quotes are escaped with this character.
    /// </summary>
    public char Escape { get; init; } = '\\';

    /// <summary>Lines starting with this character are skipped; <c>'\0'</c> (the default) means none.</summary>
    public char Comment { get; init; }

    /// <summary>
    /// Field content read as null, and what a null is written as. An unquoted empty field is always null;
    /// a quoted empty field (<c>""</c>) reads as <see cref="EmptyValue"/>, which is null again when that equals
    /// <see cref="NullValue"/> (both default to empty, as in Spark).
    /// </summary>
    public string NullValue { get; init; } = "";

    /// <summary>What a quoted empty field reads as.</summary>
    public string EmptyValue { get; init; } = "";

    public ParseMode Mode { get; init; } = ParseMode.Permissive;

    /// <summary>Fraction of lines schema inference looks at (a seeded Bernoulli sample); 1 reads them all.</summary>
    public double SamplingRatio { get; init; } = 1.0;

    /// <summary>Spark <c>dateFormat</c> pattern; null means ISO <c>yyyy-MM-dd</c>.</summary>
    public string? DateFormat { get; init; }

    /// <summary>Spark <c>timestampFormat</c> pattern; null means lenient ISO 8601.</summary>
    public string? TimestampFormat { get; init; }

    /// <summary>Spark <c>timestampNTZFormat</c> pattern; null means lenient ISO 8601 without offset.</summary>
    public string? TimestampNtzFormat { get; init; }

    /// <summary>Writing: quote every string field, not only those that need it.</summary>
    public bool QuoteAll { get; init; }

    /// <summary>The options from Spark-style key/value pairs (<c>header</c>, <c>inferSchema</c>, <c>sep</c>, <c>mode</c> ...).</summary>
    /// <exception cref="ArgumentException">A known option has an invalid value.</exception>
    /// <exception cref="NotSupportedException"><c>multiLine=true</c>, or an encoding other than UTF-8.</exception>
    public static CsvOptions FromDictionary(IReadOnlyDictionary<string, string>? options)
    {
        var reader = new DataSourceOptions(options);
        reader.RequireUtf8();
        if (reader.GetBool("multiLine", false))
        {
            throw new NotSupportedException("CSV option multiLine=true is not supported: a record is one line.");
        }
        var result = new CsvOptions
        {
            Header = reader.GetBool("header", false),
            InferSchema = reader.GetBool("inferSchema", false),
            EnforceSchema = reader.GetBool("enforceSchema", true),
            Delimiter = reader.GetChar("sep", ',', allowEmpty: false, alternativeKey: "delimiter"),
            Quote = reader.GetChar("quote", '"', allowEmpty: true),
            Escape = reader.GetChar("escape", '\\', allowEmpty: true),
            Comment = reader.GetChar("comment", '\0', allowEmpty: true),
            NullValue = reader.Get("nullValue") ?? "",
            EmptyValue = reader.Get("emptyValue") ?? "",
            Mode = reader.GetMode(),
            SamplingRatio = reader.GetDouble("samplingRatio", 1.0),
            DateFormat = reader.Get("dateFormat"),
            TimestampFormat = reader.Get("timestampFormat"),
            TimestampNtzFormat = reader.Get("timestampNTZFormat"),
            QuoteAll = reader.GetBool("quoteAll", false),
        };
        result.Validate();
        return result;
    }

    /// <summary>Checks the combination; readers and writers call it before touching a file.</summary>
    public void Validate()
    {
        RequireAscii(Delimiter, "delimiter");
        RequireAscii(Quote, "quote");
        RequireAscii(Escape, "escape");
        RequireAscii(Comment, "comment");
        if (Delimiter is '\0' or '\r' or '\n')
        {
            throw new ArgumentException($"The CSV delimiter cannot be {Describe(Delimiter)}.");
        }
        if (Quote != '\0' && Quote == Delimiter)
        {
            throw new ArgumentException($"The CSV quote and delimiter are both {Describe(Quote)}.");
        }
        if (SamplingRatio is not (> 0 and <= 1))
        {
            throw new ArgumentException($"samplingRatio must be in (0, 1], not {SamplingRatio}.");
        }
    }

    /// <summary>The date and timestamp formats these options name.</summary>
    internal TemporalFormats CreateTemporalFormats() => TemporalFormats.Create(DateFormat, TimestampFormat, TimestampNtzFormat);

    private static void RequireAscii(char c, string what)
    {
        if (c > 0x7F)
        {
            throw new NotSupportedException($"The CSV {what} must be an ASCII character, not {Describe(c)}.");
        }
    }

    private static string Describe(char c) => c switch
    {
        '\0' => "empty",
        '\t' => "'\\t'",
        '\r' => "'\\r'",
        '\n' => "'\\n'",
        _ => $"'{c}'",
    };
}
