using Rdd.Sql.IO.Formats;

namespace Rdd.Sql.IO.Json;

/// <summary>
/// Options of the JSON lines reader and writer, with Spark's names and defaults. Each line holds one JSON
/// object (Spark's <c>multiLine=false</c> default); blank lines are skipped.
/// </summary>
internal sealed record JsonOptions
{
    public static JsonOptions Default { get; } = new();

    public ParseMode Mode { get; init; } = ParseMode.Permissive;

    /// <summary>Fraction of lines schema inference looks at (a seeded Bernoulli sample); 1 reads them all.</summary>
    public double SamplingRatio { get; init; } = 1.0;

    /// <summary>Spark <c>dateFormat</c> pattern; null means ISO <c>yyyy-MM-dd</c>.</summary>
    public string? DateFormat { get; init; }

    /// <summary>Spark <c>timestampFormat</c> pattern; null means lenient ISO 8601.</summary>
    public string? TimestampFormat { get; init; }

    /// <summary>Spark <c>timestampNTZFormat</c> pattern; null means lenient ISO 8601 without offset.</summary>
    public string? TimestampNtzFormat { get; init; }

    /// <summary>Writing: leave null fields out of the object (Spark's default) rather than writing <c>null</c>.</summary>
    public bool IgnoreNullFields { get; init; } = true;

    /// <summary>The options from Spark-style key/value pairs (<c>mode</c>, <c>samplingRatio</c>, <c>dateFormat</c> ...).</summary>
    /// <exception cref="ArgumentException">A known option has an invalid value.</exception>
    /// <exception cref="NotSupportedException"><c>multiLine=true</c>, or an encoding other than UTF-8.</exception>
    public static JsonOptions FromDictionary(IReadOnlyDictionary<string, string>? options)
    {
        var reader = new DataSourceOptions(options);
        reader.RequireUtf8();
        if (reader.GetBool("multiLine", false))
        {
            throw new NotSupportedException("JSON option multiLine=true is not supported: each line holds one JSON object.");
        }
        var result = new JsonOptions
        {
            Mode = reader.GetMode(),
            SamplingRatio = reader.GetDouble("samplingRatio", 1.0),
            DateFormat = reader.Get("dateFormat"),
            TimestampFormat = reader.Get("timestampFormat"),
            TimestampNtzFormat = reader.Get("timestampNTZFormat"),
            IgnoreNullFields = reader.GetBool("ignoreNullFields", true),
        };
        result.Validate();
        return result;
    }

    public void Validate()
    {
        if (SamplingRatio is not (> 0 and <= 1))
        {
            throw new ArgumentException($"samplingRatio must be in (0, 1], not {SamplingRatio}.");
        }
    }

    internal TemporalFormats CreateTemporalFormats() => TemporalFormats.Create(DateFormat, TimestampFormat, TimestampNtzFormat);
}
