using System.Globalization;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// The Parquet writer's options: <c>compression</c> (<see cref="ParquetCompression"/>) and <c>parquet.block.size</c>,
/// the bytes of column data per row group (Spark passes it to parquet-mr; 128 MiB by default).
/// </summary>
internal sealed record ParquetWriteOptions(ParquetCompression Compression, long BlockSize)
{
    public const long DefaultBlockSize = 128L * 1024 * 1024;

    /// <exception cref="ArgumentException">An unknown codec, or a block size that is not a positive number of bytes.</exception>
    public static ParquetWriteOptions FromDictionary(IReadOnlyDictionary<string, string> options)
    {
        var compression = ParquetCompression.Parse(options.GetValueOrDefault("compression"));
        long blockSize = DefaultBlockSize;
        if (options.TryGetValue("parquet.block.size", out string? text)
            && (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out blockSize) || blockSize <= 0))
        {
            throw new ArgumentException($"The option parquet.block.size must be a positive number of bytes, not '{text}'.", nameof(options));
        }
        return new ParquetWriteOptions(compression, blockSize);
    }
}
