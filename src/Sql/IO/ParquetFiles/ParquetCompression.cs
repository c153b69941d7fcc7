using ParquetSharp;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// The writer option <c>compression</c> (Spark's names, case-insensitive): <c>snappy</c> (the default, as Spark's
/// <c>spark.sql.parquet.compression.codec</c>), <c>zstd</c>, <c>gzip</c>, <c>lz4_raw</c>, <c>brotli</c>, and
/// <c>none</c> / <c>uncompressed</c>. <see cref="Extension"/> is the part file's suffix, as Spark names it
/// (<c>.snappy.parquet</c>, <c>.gz.parquet</c>, <c>.zstd.parquet</c>, …).
/// </summary>
internal readonly record struct ParquetCompression(Compression Codec, string Extension)
{
    public static readonly ParquetCompression Default = new(Compression.Snappy, ".snappy.parquet");

    /// <exception cref="ArgumentException">An unknown codec name, listing the accepted ones.</exception>
    public static ParquetCompression Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "snappy" => Default,
        "none" or "uncompressed" => new(Compression.Uncompressed, ".parquet"),
        "gzip" => new(Compression.Gzip, ".gz.parquet"),
        "zstd" => new(Compression.Zstd, ".zstd.parquet"),
        "lz4_raw" => new(Compression.Lz4, ".lz4raw.parquet"),
        "brotli" => new(Compression.Brotli, ".br.parquet"),
        _ => throw new ArgumentException(
            $"Codec [{name}] is not available for Parquet. Available codecs are brotli, gzip, lz4_raw, none, snappy, uncompressed, zstd.",
            nameof(name)),
    };
}
